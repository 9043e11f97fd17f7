"""Get a build out of kg into the tools people use: JSON-LD (with kg's published @context), N-Quads, Turtle,
GraphML and GEXF for Gephi, CSV files for Neo4j (`neo4j-admin database import` and `LOAD CSV`), and tidy
CSV tables for pandas or a spreadsheet. An existing output path is kept unless `force`."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import ExportError
from kg.store import GraphStore, write_atomic

FORMATS = ("jsonld", "nquads", "turtle", "graphml", "gexf", "neo4j", "csv")
EXTENSIONS = {"jsonld": "jsonld", "nquads": "nq", "turtle": "ttl", "graphml": "graphml", "gexf": "gexf"}
CONTEXT_FILE = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"
ENTITY_TYPES = ("Person", "Agency", "Outlet", "Organization", "Place")
RELATION_TYPES = {"memberOf": "MEMBER_OF", "leads": "LEADS", "locatedIn": "LOCATED_IN", "relativeOf": "RELATIVE_OF",
                  "defectedTo": "DEFECTED_TO"}
_PREFIXES = """PREFIX kg: <https://w3id.org/kg/ns#> PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""
ENTITIES = _PREFIXES + """
SELECT ?id ?label ?type ?mentions (SAMPLE(?wd) AS ?wikidata) (SAMPLE(?gn) AS ?geonames) (SAMPLE(?lat) AS ?latitude)
       (SAMPLE(?lon) AS ?longitude) (SAMPLE(?c) AS ?country) (GROUP_CONCAT(DISTINCT ?alt; SEPARATOR="|") AS ?aliases) WHERE {
  ?id a kg:Entity ; a ?t ; rdfs:label ?label .
  FILTER(?t IN (kg:Person, kg:Agency, kg:Outlet, kg:Organization, kg:Place))
  BIND(STRAFTER(STR(?t), "#") AS ?type)
  OPTIONAL { ?id kg:mentionCount ?mentions }
  OPTIONAL { ?id owl:sameAs ?wd FILTER(STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/")) }
  OPTIONAL { ?id owl:sameAs ?gn FILTER(STRSTARTS(STR(?gn), "https://sws.geonames.org/")) }
  OPTIONAL { ?id schema:geo [ schema:latitude ?lat ; schema:longitude ?lon ] }
  OPTIONAL { ?id schema:containedInPlace/rdfs:label ?c }
  OPTIONAL { ?id skos:altLabel ?alt }
} GROUP BY ?id ?label ?type ?mentions ORDER BY ?type ?label"""
RELATIONS = _PREFIXES + """
SELECT ?subject ?subject_label ?relation ?object ?object_label ?role ?confidence ?extractor ?evidence ?start ?end ?article WHERE {
  ?r a rdf:Statement ; rdf:subject ?subject ; rdf:predicate ?p ; rdf:object ?object ; kg:evidence ?evidence .
  FILTER(STRSTARTS(STR(?p), "https://w3id.org/kg/ns#"))
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
  OPTIONAL { ?subject rdfs:label ?subject_label } OPTIONAL { ?object rdfs:label ?object_label }
  OPTIONAL { ?r kg:role ?role } OPTIONAL { ?r kg:confidence ?confidence } OPTIONAL { ?r kg:extractor ?extractor }
  OPTIONAL { ?r nif:beginIndex ?start ; nif:endIndex ?end } OPTIONAL { ?r prov:wasDerivedFrom ?article }
} ORDER BY ?article ?start ?subject_label ?relation"""
FIGURES = _PREFIXES + """
SELECT ?id ?value ?unit ?measure ?qualifier ?low ?high ?start ?end ?place ?place_label ?source ?source_label ?text
       ?evidence ?article WHERE {
  ?id a kg:Figure ; schema:value ?value ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?id schema:unitText ?unit } OPTIONAL { ?id schema:variableMeasured ?measure }
  OPTIONAL { ?id kg:qualifier ?qualifier } OPTIONAL { ?id schema:minValue ?low ; schema:maxValue ?high }
  OPTIONAL { ?id schema:startDate ?start } OPTIONAL { ?id schema:endDate ?end }
  OPTIONAL { ?id schema:observationAbout ?place OPTIONAL { ?place rdfs:label ?place_label } }
  OPTIONAL { ?id prov:wasAttributedTo ?source OPTIONAL { ?source rdfs:label ?source_label } }
  OPTIONAL { ?id rdfs:label ?text } OPTIONAL { ?id kg:evidence ?evidence }
} ORDER BY ?article ?id"""
STATEMENTS = _PREFIXES + """
SELECT ?id ?speaker ?speaker_label ?role ?verb ?text ?evidence ?article WHERE {
  ?id a kg:Statement ; prov:wasAttributedTo ?speaker ; schema:text ?text ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?speaker rdfs:label ?speaker_label } OPTIONAL { ?id kg:role ?role } OPTIONAL { ?id kg:verb ?verb }
  OPTIONAL { ?id kg:evidence ?evidence }
} ORDER BY ?article ?id"""
ARTICLES = _PREFIXES + """
SELECT ?id ?headline ?date ?url ?publisher WHERE {
  ?id a kg:Article . OPTIONAL { ?id schema:headline ?headline } OPTIONAL { ?id schema:datePublished ?date }
  OPTIONAL { ?id schema:url ?url } OPTIONAL { ?id schema:publisher ?publisher }
} ORDER BY ?date ?id"""
MENTIONS = _PREFIXES + """
SELECT ?article ?entity ?count WHERE {
  ?m rdf:subject ?article ; rdf:predicate schema:mentions ; rdf:object ?entity ; kg:mentionCount ?count .
} ORDER BY ?article ?entity"""
CO_MENTIONS = _PREFIXES + """
SELECT ?a ?b (COUNT(DISTINCT ?article) AS ?n) WHERE {
  ?article a kg:Article ; schema:mentions ?a, ?b . FILTER(STR(?a) < STR(?b))
} GROUP BY ?a ?b ORDER BY ?a ?b"""


def _records(store: GraphStore, sparql: str) -> list[dict]:
    columns, rows = store.rows(sparql)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def entities(store: GraphStore) -> list[dict]:
    """One row per entity: id, label, type, mentions, Wikidata and GeoNames IRIs, coordinates, country, aliases."""
    return _records(store, ENTITIES)


def figures(store: GraphStore) -> list[dict]:
    """One row per reported figure."""
    return _records(store, FIGURES)


def relations(store: GraphStore) -> list[dict]:
    """One row per relation read from the text, with its evidence."""
    return _records(store, RELATIONS)


def statements(store: GraphStore) -> list[dict]:
    """One row per quote or claim, with its speaker."""
    return _records(store, STATEMENTS)


def network(store: GraphStore) -> nx.MultiDiGraph:
    """Entities as nodes (label, type, mentions, Wikidata/GeoNames ids, coordinates); relations (one edge per
    subject, relation and object, weighted by how often the text states it) and co-mentions (weighted by
    the articles naming both) as edges. Attributes that are unknown are left out, as GraphML and GEXF want."""
    graph = nx.MultiDiGraph()
    for row in entities(store):
        attributes = {k: v for k, v in row.items() if k != "id" and v not in (None, "")}
        attributes.setdefault("mentions", 0)
        for name in ("latitude", "longitude"):  # one type per attribute: 37 and 127.5 are both floats
            if name in attributes:
                attributes[name] = float(attributes[name])
        graph.add_node(row["id"], **attributes)
    weights: dict[tuple[str, str, str], int] = {}
    for row in relations(store):
        if row["subject"] in graph and row["object"] in graph:
            key = (row["subject"], row["relation"], row["object"])
            weights[key] = weights.get(key, 0) + 1
    for (subject, relation, obj), weight in sorted(weights.items()):
        graph.add_edge(subject, obj, key=relation, kind="relation", label=relation, weight=weight)
    for a, b, n in store.rows(CO_MENTIONS)[1]:
        if a in graph and b in graph:
            graph.add_edge(a, b, key="co-mention", kind="co-mention", label="co-mention", weight=n)
    return graph


def graph_names(store: GraphStore) -> dict[str, str]:
    """Each article's named graph by every name an article can be given: its IRI, graph IRI, hash, URL, headline."""
    names = {}
    for row in _records(store, ARTICLES):
        graph = row["id"].replace("/article/", "/graph/")
        for name in (row["id"], graph, row["id"].rsplit("/", 1)[-1], row["url"], row["headline"]):
            if name:
                names[str(name)] = graph
    return names


def _graph_of(store: GraphStore, article: str) -> str:
    names = graph_names(store)
    if article in names:
        return names[article]
    raise ExportError(f"no article {article!r} in this build (give its URL, headline, IRI or graph IRI)")


def _rdf(store: GraphStore, fmt: str, article: str | None) -> bytes:
    if fmt == "nquads":
        if article is None:
            return store.ox.dump(format=ox.RdfFormat.N_QUADS)
        return store.ox.dump(format=ox.RdfFormat.N_QUADS, from_graph=ox.NamedNode(_graph_of(store, article)))
    if fmt == "turtle":
        from kg.namespace import _PREFIXES as PREFIXES

        prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        if article is not None:
            return store.ox.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.NamedNode(_graph_of(store, article)), prefixes=prefixes)
        union = ox.Store()
        union.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store.ox)
        return union.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes)
    dataset = store.dataset()
    if article is not None:
        wanted = _graph_of(store, article)
        for graph in list(dataset.graphs()):
            if str(graph.identifier) != wanted:
                dataset.remove_graph(graph)
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    return dataset.serialize(format="json-ld", context=context, auto_compact=True, encoding="utf-8")


def _claim(path: Path, force: bool) -> None:
    """Refuse an existing output path unless `force`; with it, clear the path."""
    if path.exists() or path.is_symlink():
        if not force:
            raise ExportError(f"{path}: already exists (use --force to replace it)")
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def default_output(store: GraphStore, fmt: str) -> Path:
    """DIR/export.EXT for one-file formats, DIR/neo4j or DIR/csv for the folders of CSV files."""
    return store.folder / (f"export.{EXTENSIONS[fmt]}" if fmt in EXTENSIONS else fmt)


def export(store: GraphStore, fmt: str, output: Path | None = None, *, article: str | None = None, force: bool = False) -> Path:
    """Write the build in format `fmt` to `output` (a file, or a folder for neo4j and csv); return the path."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})")
    if article is not None and fmt not in ("jsonld", "nquads", "turtle"):
        raise ExportError(f"--graph is for the RDF formats (jsonld, nquads, turtle), not {fmt}")
    output = Path(output) if output is not None else default_output(store, fmt)
    try:
        if fmt in ("jsonld", "nquads", "turtle"):
            data = _rdf(store, fmt, article)
            _claim(output, force)
            write_atomic(output, data)
        elif fmt in ("graphml", "gexf"):
            graph = network(store)
            _claim(output, force)
            tmp = output.with_name(f".{output.name}.tmp")
            (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, tmp)
            tmp.replace(output)
        else:
            tables = neo4j_tables(store) if fmt == "neo4j" else tidy_tables(store)
            _claim(output, force)
            output.mkdir(parents=True)
            for name, (columns, rows) in tables.items():
                with open(output / name, "w", newline="", encoding="utf-8") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(columns)
                    writer.writerows(rows)
            if fmt == "neo4j":
                (output / "load.cypher").write_text(load_cypher(tables), encoding="utf-8")
    except OSError as err:
        raise ExportError(f"{output}: cannot be written ({err.strerror or err})") from None
    return output


def tidy_tables(store: GraphStore) -> dict[str, tuple[list[str], list[list]]]:
    """entities.csv, figures.csv, relations.csv and statements.csv: one row per thing, one column per field."""
    tables = {}
    for name, sparql in (("entities", ENTITIES), ("figures", FIGURES), ("relations", RELATIONS), ("statements", STATEMENTS)):
        columns, rows = store.rows(sparql)
        tables[f"{name}.csv"] = (columns, [["" if v is None else v for v in row] for row in rows])
    return tables


def _cell(value) -> object:
    """A value as a CSV cell: empty for unknown."""
    return "" if value is None else value


def neo4j_tables(store: GraphStore) -> dict[str, tuple[list[str], list[list]]]:
    """Node and relationship files in neo4j-admin import's header syntax: one ID space (`kg`), one node file
    per label, one relationship file per type."""
    tables: dict[str, tuple[list[str], list[list]]] = {}
    header = ["id:ID(kg)", ":LABEL", "name", "mentions:int", "wikidata", "geonames", "latitude:float", "longitude:float", "aliases:string[]"]
    ids = set()
    for kind in ENTITY_TYPES:
        rows = [
            [r["id"], f"Entity;{kind}", r["label"], r["mentions"] or 0, r["wikidata"], r["geonames"], r["latitude"],
             r["longitude"], ";".join(a for a in (r["aliases"] or "").split("|") if a)]
            for r in entities(store) if r["type"] == kind
        ]
        ids |= {r[0] for r in rows}
        tables[f"nodes-{kind}.csv"] = (header, [[_cell(v) for v in row] for row in rows])
    articles = _records(store, ARTICLES)
    tables["nodes-Article.csv"] = (
        ["id:ID(kg)", ":LABEL", "headline", "date:date", "url"],
        [[a["id"], "Article", _cell(a["headline"]), _cell(a["date"]), _cell(a["url"])] for a in articles],
    )
    ids |= {a["id"] for a in articles}
    figure_rows = figures(store)
    tables["nodes-Figure.csv"] = (
        ["id:ID(kg)", ":LABEL", "value:float", "unit", "measure", "qualifier", "start:date", "end:date", "text", "evidence"],
        [[f["id"], "Figure", f["value"], _cell(f["unit"]), _cell(f["measure"]), _cell(f["qualifier"]), _cell(f["start"]),
          _cell(f["end"]), _cell(f["text"]), _cell(f["evidence"])] for f in figure_rows],
    )
    ids |= {f["id"] for f in figure_rows}
    rel_header = [":START_ID(kg)", ":END_ID(kg)", ":TYPE", "weight:int", "role", "evidence"]
    by_type: dict[str, dict[tuple[str, str], list]] = {t: {} for t in RELATION_TYPES.values()}
    for r in relations(store):
        kind = RELATION_TYPES.get(r["relation"])
        if kind is None or r["subject"] not in ids or r["object"] not in ids:
            continue
        row = by_type[kind].setdefault((r["subject"], r["object"]), [r["subject"], r["object"], kind, 0, set(), []])
        row[3] += 1
        if r["role"]:
            row[4].add(r["role"])
        if r["evidence"] not in row[5]:
            row[5].append(r["evidence"])
    for kind, rows in by_type.items():
        tables[f"rels-{kind}.csv"] = (rel_header, [[s, o, t, w, ", ".join(sorted(roles)), " | ".join(ev)] for s, o, t, w, roles, ev in rows.values()])
    tables["rels-MENTIONS.csv"] = (
        [":START_ID(kg)", ":END_ID(kg)", ":TYPE", "count:int"],
        [[a, e, "MENTIONS", n] for a, e, n in store.rows(MENTIONS)[1] if a in ids and e in ids],
    )
    tables["rels-CO_MENTIONED_WITH.csv"] = (
        [":START_ID(kg)", ":END_ID(kg)", ":TYPE", "weight:int"],
        [[a, b, "CO_MENTIONED_WITH", n] for a, b, n in store.rows(CO_MENTIONS)[1] if a in ids and b in ids],
    )
    about, attributed, derived = [], [], []
    for f in figure_rows:
        if f["place"] in ids:
            about.append([f["id"], f["place"], "ABOUT"])
        if f["source"] in ids:
            attributed.append([f["id"], f["source"], "ATTRIBUTED_TO"])
        derived.append([f["id"], f["article"], "REPORTED_IN"])
    for kind, rows in (("ABOUT", about), ("ATTRIBUTED_TO", attributed), ("REPORTED_IN", derived)):
        tables[f"rels-{kind}.csv"] = ([":START_ID(kg)", ":END_ID(kg)", ":TYPE"], rows)
    tables["rels-PUBLISHED_BY.csv"] = (
        [":START_ID(kg)", ":END_ID(kg)", ":TYPE"],
        [[a["id"], a["publisher"], "PUBLISHED_BY"] for a in articles if a["publisher"] in ids],
    )
    return tables


def load_cypher(tables: dict[str, tuple[list[str], list[list]]]) -> str:
    """Cypher that loads the same files with LOAD CSV (files in Neo4j's import folder)."""
    lines = [
        "// Load kg's export with LOAD CSV: copy the .csv files into Neo4j's import folder, then run this file",
        "// (cypher-shell -f load.cypher). For a new database, `neo4j-admin database import full` is faster (README).",
        "CREATE CONSTRAINT kg_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;",
    ]
    for name, (columns, _) in tables.items():
        if not name.startswith("nodes-"):
            continue
        label = name[len("nodes-") : -len(".csv")]
        labels = ":Node:Entity:" + label if label in ENTITY_TYPES else ":Node:" + label
        sets = []
        for column in columns[2:]:
            field, _, kind = column.partition(":")
            value = f"row.`{column}`"
            if kind in ("int", "float"):
                value = f"to{'Integer' if kind == 'int' else 'Float'}({value})"
            elif kind == "date":
                value = f"CASE WHEN {value} = '' THEN null ELSE date({value}) END"
            elif kind == "string[]":
                value = f"CASE WHEN {value} = '' THEN [] ELSE split({value}, ';') END"
            else:
                value = f"CASE WHEN {value} = '' THEN null ELSE {value} END"
            sets.append(f"n.{field} = {value}")
        lines.append(
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row CREATE (n{labels} {{id: row.`id:ID(kg)`}}) SET "
            + ", ".join(sets) + ";"
        )
    for name, (columns, _) in tables.items():
        if not name.startswith("rels-"):
            continue
        kind = name[len("rels-") : -len(".csv")]
        sets = []
        for column in columns[3:]:
            field, _, typ = column.partition(":")
            value = f"row.`{column}`"
            value = f"toInteger({value})" if typ == "int" else f"CASE WHEN {value} = '' THEN null ELSE {value} END"
            sets.append(f"r.{field} = {value}")
        lines.append(
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row "
            f"MATCH (a:Node {{id: row.`:START_ID(kg)`}}), (b:Node {{id: row.`:END_ID(kg)`}}) CREATE (a)-[r:{kind}]->(b)"
            + (" SET " + ", ".join(sets) if sets else "") + ";"
        )
    return "\n".join(lines) + "\n"
