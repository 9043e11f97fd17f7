"""kg.open: a build read from Python: tables as pandas DataFrames (or row dicts without pandas), a networkx graph;
importing kg does no work."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pytest

import kg
from kg.errors import StoreError


@pytest.fixture(scope="module")
def build(sample_build):
    return kg.open(sample_build[0])


def test_importing_kg_imports_nothing_else():
    code = "import sys, kg; print(sorted(m for m in sys.modules if m.startswith(('kg.', 'rdflib', 'pyoxigraph', 'pandas'))))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


def test_query_gives_a_dataframe(build):
    pd = pytest.importorskip("pandas")
    frame = build.query("SELECT ?label ?mentions WHERE { ?e a kg:Person ; rdfs:label ?label ; kg:mentionCount ?mentions }")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["label", "mentions"] and len(frame) > 0
    assert frame["mentions"].min() >= 1


def test_without_pandas_tables_are_rows(build, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    rows = build.entities()
    assert isinstance(rows, list) and rows
    assert {"id", "label", "type", "mentions", "wikidata", "geonames", "latitude"} <= set(rows[0])
    assert {r["type"] for r in rows} <= {"Person", "Agency", "Outlet", "Organization", "Place"}


def test_figures_relations_statements_match_the_graph(build):
    pytest.importorskip("pandas")
    counts = build.query(
        "SELECT (COUNT(DISTINCT ?f) AS ?figures) (COUNT(DISTINCT ?s) AS ?statements) WHERE { "
        "{ ?f a kg:Figure } UNION { ?s a kg:Statement } }"
    ).iloc[0]
    assert len(build.figures()) == counts["figures"] > 0
    assert len(build.statements()) == counts["statements"]
    relations = build.relations()
    assert set(relations["relation"]) <= {"memberOf", "leads", "locatedIn", "relativeOf", "defectedTo"}


def test_network_is_a_networkx_graph_of_the_entities(build):
    graph = build.network()
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == len(build.entities())
    assert {d["kind"] for _, _, d in graph.edges(data=True)} == {"relation", "co-mention"}


def test_opening_a_folder_without_a_build_fails_clearly(tmp):
    with pytest.raises(StoreError, match=r"no kg build here"):
        kg.open(tmp)
