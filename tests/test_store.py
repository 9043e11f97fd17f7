"""kg.store: the Oxigraph store of a build, safe substitutions, TriG export."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from kg.errors import QueryError, StoreError
from kg.store import STORE_DIR, TRIG_FILE, GraphStore, write_atomic, write_atomic_parts

EX = "https://example.org/"
LABEL = "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s"
# Oxigraph binds substitutions to projected variables
LABELLED = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s"
TRICKY = 'x" } UNION { ?s ?p ?o } #{'


def small_dataset() -> Dataset:
    """Two named graphs; one label holds quotes and braces."""
    ds = Dataset()
    ds.graph(URIRef(EX + "graph/a")).add((URIRef(EX + "a"), RDFS.label, Literal("Seoul")))
    ds.graph(URIRef(EX + "graph/b")).add((URIRef(EX + "b"), RDFS.label, Literal(TRICKY)))
    ds.graph(URIRef(EX + "graph/b")).add((URIRef(EX + "b"), URIRef(EX + "count"), Literal(3)))
    return ds


@pytest.fixture
def store(tmp):
    store = GraphStore.create(tmp / "out")
    store.replace(small_dataset())
    return store


def test_create_makes_the_folder_and_store(tmp):
    GraphStore.create(tmp / "new" / "out")
    assert (tmp / "new" / "out" / STORE_DIR).is_dir()


def test_default_graph_is_the_union_of_named_graphs(store):
    columns, rows = store.rows(LABEL)
    assert columns == ["s"]
    assert rows == [[EX + "a"], [EX + "b"]]


def test_rows_convert_literals(store):
    _, rows = store.rows(f"SELECT ?n WHERE {{ ?s <{EX}count> ?n }}")
    assert rows == [[3]] and isinstance(rows[0][0], int)


def test_unbound_is_none(store):
    _, rows = store.rows(f"SELECT ?s ?n WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l OPTIONAL {{ ?s <{EX}count> ?n }} }} ORDER BY ?s")
    assert rows == [[EX + "a", None], [EX + "b", 3]]


def test_each_row_gives_the_rows_one_at_a_time(store):
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    query = f"SELECT ?s ?n WHERE {{ ?s {label} ?l OPTIONAL {{ ?s <{EX}count> ?n }} }} ORDER BY ?s"
    rows = store.each_row(query)
    assert next(rows) == [EX + "a", None]
    assert list(rows) == [[EX + "b", 3]]
    with pytest.raises(QueryError, match="invalid SPARQL"):
        next(store.each_row("SELECT nonsense"))


def test_ask(store):
    assert store.rows("ASK { ?s ?p ?o }") == (["result"], [[True]])
    assert store.rows(f"ASK {{ ?s <{EX}none> ?o }}") == (["result"], [[False]])


def test_construct_is_not_a_table(store):
    with pytest.raises(QueryError, match="only SELECT and ASK queries"):
        store.rows("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def test_substitution_with_quotes_and_braces_is_a_value_not_code(store):
    _, rows = store.rows(LABELLED, {"label": TRICKY})
    assert rows == [[EX + "b", TRICKY]]
    _, rows = store.rows(LABELLED, {"label": "Seoul"})
    assert rows == [[EX + "a", "Seoul"]]
    _, rows = store.rows(LABELLED, {"label": 'Seoul" || true || "'})
    assert rows == []


def test_substitution_of_an_iri(store):
    _, rows = store.rows("SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }", {"s": EX + "a"})
    assert rows == [[EX + "a", "Seoul"]]


def test_substituting_an_unprojected_variable_is_bound_or_a_query_error(store):
    try:
        _, rows = store.rows(LABEL, {"label": TRICKY})
    except QueryError:
        return
    assert rows == [[EX + "b"]]


def test_replace_replaces_everything(store):
    ds = Dataset()
    ds.graph(URIRef(EX + "graph/c")).add((URIRef(EX + "c"), RDFS.label, Literal("Pyongyang")))
    store.replace(ds)
    _, rows = store.rows(LABEL)
    assert rows == [[EX + "c"]]


def test_store_persists_and_opens_read_only(tmp):
    store = GraphStore.create(tmp / "out")
    store.replace(small_dataset())
    del store
    reopened = GraphStore.open(tmp / "out")
    assert reopened.rows(LABEL)[1] == [[EX + "a"], [EX + "b"]]


def test_invalid_sparql_gives_the_parser_message_and_position(store):
    with pytest.raises(QueryError, match=r"invalid SPARQL: error at 1:\d+: expected"):
        store.query("SELECT ?x WHERE { ?x ?y }")


def test_opening_a_folder_without_a_build(tmp):
    (tmp / "empty").mkdir()
    with pytest.raises(StoreError, match=r"empty: no kg build here \(run `kg build SOURCES --out .*empty`\)"):
        GraphStore.open(tmp / "empty")


def test_creating_under_a_file(tmp):
    (tmp / "file").write_text("not a folder")
    with pytest.raises(StoreError, match=r"file[/\\]out: cannot open the store \("):
        GraphStore.create(tmp / "file" / "out")


def test_opening_a_broken_store(tmp):
    (tmp / "out" / STORE_DIR).mkdir(parents=True)  # a store folder with no database in it
    with pytest.raises(StoreError, match=r"out: cannot open the store \("):
        GraphStore.open(tmp / "out")


def test_opening_nothing(tmp):
    with pytest.raises(StoreError, match=r"missing: no such build folder or RDF file"):
        GraphStore.open(tmp / "missing")


def test_opening_a_broken_rdf_file(tmp):
    path = tmp / "broken.trig"
    path.write_text("<a> <b> .")
    with pytest.raises(StoreError, match=r"broken\.trig: cannot read RDF"):
        GraphStore.open(path)


def test_export_trig_round_trips(store, tmp):
    path = store.export_trig()
    assert path == store.folder / TRIG_FILE
    parsed = Dataset()
    parsed.parse(path, format="trig")
    assert len(list(parsed.quads())) == len(store.ox) == 3
    # and the file can be opened as a store again
    again = GraphStore.open(path)
    assert again.rows(LABELLED, {"label": TRICKY})[1] == [[EX + "b", TRICKY]]


def test_dataset_has_the_named_graphs(store):
    ds = store.dataset()
    names = {str(g) for _, _, _, g in ds.quads()}
    assert names == {EX + "graph/a", EX + "graph/b"}


def test_write_atomic_leaves_no_temporary_file(tmp):
    path = tmp / "f.txt"
    write_atomic(path, "one")
    write_atomic(path, b"two")
    assert path.read_text() == "two"
    assert [p.name for p in tmp.iterdir()] == ["f.txt"]


def test_write_atomic_parts_writes_the_parts_as_they_come(tmp):
    path = tmp / "page.html"
    write_atomic_parts(path, (part for part in ("<p>", "ü\n", "</p>")))
    assert path.read_bytes() == "<p>ü\n</p>".encode()
    assert [p.name for p in tmp.iterdir()] == ["page.html"]


def test_sample_build_has_a_store(sample_build):
    folder, summary = sample_build
    store = GraphStore.open(folder)
    assert isinstance(store.ox, ox.Store)
    _, rows = store.rows("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert rows == [[summary.articles + 3]]  # one graph per article, the entities, aggregates and listings graphs


def test_writing_swaps_the_store_in_whole(tmp):
    from kg.store import NEW_STORE_DIR, OLD_STORE_DIR

    GraphStore.write(tmp / "out", small_dataset())
    assert sorted(p.name for p in (tmp / "out").iterdir()) == [STORE_DIR]
    ds = Dataset()
    ds.graph(URIRef(EX + "graph/c")).add((URIRef(EX + "c"), RDFS.label, Literal("Pyongyang")))
    store = GraphStore.write(tmp / "out", ds)
    assert store.rows(LABEL)[1] == [[EX + "c"]]
    assert not (tmp / "out" / NEW_STORE_DIR).exists() and not (tmp / "out" / OLD_STORE_DIR).exists()


def test_a_build_killed_between_the_renames_leaves_the_previous_store(tmp):
    from kg.store import NEW_STORE_DIR, OLD_STORE_DIR

    GraphStore.write(tmp / "out", small_dataset())
    # what a kill after the first rename of a swap leaves: the old store aside, a new one not yet in place
    (tmp / "out" / STORE_DIR).rename(tmp / "out" / OLD_STORE_DIR)
    (tmp / "out" / NEW_STORE_DIR).mkdir()
    assert GraphStore.open(tmp / "out").rows(LABEL)[1] == [[EX + "a"], [EX + "b"]]  # readers see the last good one
    store = GraphStore.write(tmp / "out", small_dataset())  # the next build puts things right
    assert store.rows(LABEL)[1] == [[EX + "a"], [EX + "b"]]
    assert sorted(p.name for p in (tmp / "out").iterdir()) == [STORE_DIR]
