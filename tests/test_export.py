"""kg.export: every format round-trips (rdflib re-reads JSON-LD, N-Quads and Turtle isomorphic to the store;
networkx re-reads GraphML and GEXF with the same nodes and edges; the Neo4j CSV headers follow neo4j-admin
import's syntax and every row parses); existing outputs are refused without --force."""

from __future__ import annotations

import csv
import json
import re

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import app
from kg.errors import ExportError
from kg.export import CONTEXT_FILE, export, graph_names, network
from kg.store import GraphStore


@pytest.fixture(scope="module")
def store(sample_build):
    return GraphStore.open(sample_build[0])


def _graphs(dataset: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("jsonld", "json-ld"), ("nquads", "nquads")])
def test_dataset_formats_reread_isomorphic_to_the_store(store, tmp, fmt, rdflib_format):
    path = export(store, fmt, tmp / f"out.{fmt}")
    expected, found = _graphs(store.dataset()), _graphs(Dataset().parse(path, format=rdflib_format))
    assert set(found) == set(expected) and len(expected) > 2
    for name, graph in expected.items():
        assert isomorphic(graph, found[name]), name


def test_turtle_is_the_union_of_all_graphs(store, tmp):
    path = export(store, "turtle", tmp / "out.ttl")
    found = Graph().parse(path, format="turtle")
    assert isomorphic(found, _union(store.dataset()))


def test_one_article_graph_by_its_headline(store, tmp):
    headline, graph = next((name, g) for name, g in graph_names(store).items() if not name.startswith("http"))
    path = export(store, "turtle", tmp / "one.ttl", article=headline)
    assert isomorphic(Graph().parse(path, format="turtle"), _graphs(store.dataset())[graph])
    with pytest.raises(ExportError, match=r"no article 'Nothing Like This' in this build"):
        export(store, "nquads", tmp / "x.nq", article="Nothing Like This")


def test_json_ld_reads_as_plain_json_with_kg_published_context(store, tmp):
    document = json.loads(export(store, "jsonld", tmp / "out.jsonld").read_text(encoding="utf-8"))
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert document["@context"] == context
    nodes = [node for graph in document["graph"] for node in graph["graph"]]
    people = [n for n in nodes if "Person" in (t if isinstance(t := n.get("type", []), list) else [t])]
    assert people and all(isinstance(p["label"], str) for p in people)
    assert any("mentions" in n for n in nodes)


def _same_network(expected: nx.MultiDiGraph, found: nx.Graph) -> None:
    assert set(found.nodes) == set(expected.nodes)
    assert sorted((a, b) for a, b, _ in found.edges(keys=True)) == sorted((a, b) for a, b, _ in expected.edges(keys=True))
    for node, data in expected.nodes(data=True):
        assert found.nodes[node]["label"] == data["label"] and found.nodes[node]["type"] == data["type"]


def test_graphml_rereads_with_the_same_nodes_and_edges(store, tmp):
    expected = network(store)
    found = nx.read_graphml(export(store, "graphml", tmp / "g.graphml"))
    _same_network(expected, found)
    places = [d for _, d in found.nodes(data=True) if d["type"] == "Place" and "geonames" in d]
    assert places and all(-90 <= d["latitude"] <= 90 for d in places if "latitude" in d)


def test_gexf_rereads_with_the_same_nodes_and_edges(store, tmp):
    expected = network(store)
    found = nx.read_gexf(export(store, "gexf", tmp / "g.gexf"))
    assert set(found.nodes) == set(expected.nodes)
    assert found.number_of_edges() == expected.number_of_edges()
    weights = sorted(d["weight"] for _, _, d in found.edges(data=True))
    assert weights == sorted(d["weight"] for _, _, d in expected.edges(data=True))


HEADER = re.compile(r"^(?P<name>\w*)(?::(?P<kind>ID|START_ID|END_ID|LABEL|TYPE|int|long|float|double|boolean|date|string)(?P<array>\[\])?)?(?:\((?P<space>\w+)\))?$")


def _parse(value: str, kind: str | None, array: bool) -> None:
    """Raise if `value` is not what neo4j-admin import reads for a column of this type."""
    if value == "" or kind in (None, "string", "ID", "START_ID", "END_ID", "LABEL", "TYPE"):
        return
    for item in value.split(";") if array else [value]:
        {"int": int, "long": int, "float": float, "double": float, "boolean": lambda v: ["true", "false"].index(v),
         "date": lambda v: re.fullmatch(r"\d{4}-\d\d-\d\d", v).group(0)}[kind](item)


def test_neo4j_csv_follows_the_import_syntax_and_every_row_parses(store, tmp):
    folder = export(store, "neo4j", tmp / "neo4j")
    ids: set[str] = set()
    edges = []
    labels = set()
    for path in sorted(folder.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        header = [HEADER.fullmatch(column) for column in rows[0]]
        assert all(header), (path.name, rows[0])
        kinds = [m["kind"] for m in header]
        if path.name.startswith("nodes-"):
            assert "ID" in kinds and "LABEL" in kinds
        else:
            assert {"START_ID", "END_ID", "TYPE"} <= set(kinds)
        for row in rows[1:]:
            assert len(row) == len(header), (path.name, row)
            for value, match in zip(row, header, strict=True):
                _parse(value, match["kind"], bool(match["array"]))
            record = {m["kind"]: v for m, v in zip(header, row, strict=True) if m["kind"]}
            if "ID" in record:
                assert record["ID"] not in ids, record["ID"]
                ids.add(record["ID"])
                labels |= set(record["LABEL"].split(";"))
            else:
                edges.append((record["START_ID"], record["END_ID"], record["TYPE"]))
    assert {"Person", "Place", "Article", "Figure", "Entity"} <= labels
    assert edges and all(a in ids and b in ids for a, b, _ in edges)
    assert {"MENTIONS", "MEMBER_OF", "REPORTED_IN"} <= {t for _, _, t in edges}
    cypher = (folder / "load.cypher").read_text(encoding="utf-8")
    assert all(f"'file:///{p.name}'" in cypher for p in folder.glob("*.csv"))


def test_tidy_csv_tables(store, tmp):
    folder = export(store, "csv", tmp / "tables")
    assert sorted(p.name for p in folder.iterdir()) == ["entities.csv", "figures.csv", "relations.csv", "statements.csv"]
    with open(folder / "figures.csv", newline="", encoding="utf-8") as handle:
        figures = list(csv.DictReader(handle))
    _, rows = store.rows("PREFIX kg: <https://w3id.org/kg/ns#> SELECT (COUNT(*) AS ?n) WHERE { ?f a kg:Figure }")
    assert len(figures) == rows[0][0] and all(float(f["value"]) == float(f["value"]) for f in figures)


def test_an_existing_output_is_refused_without_force(store, tmp, runner):
    target = tmp / "g.gexf"
    target.write_text("keep me")
    result = runner.invoke(app, ["export", str(store.folder), "--format", "gexf", "-o", str(target)])
    assert result.exit_code == 1 and "already exists (use --force to replace it)" in result.stderr
    assert target.read_text() == "keep me"
    result = runner.invoke(app, ["export", str(store.folder), "--format", "gexf", "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(target).number_of_nodes() > 0


def test_unknown_format_and_graph_of_a_network_format_fail_in_one_line(store, tmp, runner):
    result = runner.invoke(app, ["export", str(store.folder), "--format", "xls", "-o", str(tmp / "x")])
    assert result.exit_code == 1 and "unknown format 'xls'" in result.stderr
    result = runner.invoke(app, ["export", str(store.folder), "-f", "gexf", "--graph", "x", "-o", str(tmp / "y")])
    assert result.exit_code == 1 and "--graph is for the RDF formats" in result.stderr
