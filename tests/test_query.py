"""kg.query: SPARQL text, .rq files, ready queries, and output formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kg.errors import QueryError
from kg.query import QUERIES_DIR, query_text, ready_queries, run, to_csv, to_json
from kg.store import GraphStore

COUNT_ARTICLES = "PREFIX kg: <https://w3id.org/kg/ns#> SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"


@pytest.fixture(scope="module")
def store(sample_build):
    folder, _ = sample_build
    return GraphStore.open(folder)


def test_ready_queries_are_the_rq_files():
    ready = ready_queries()
    assert set(ready) == {p.stem for p in QUERIES_DIR.glob("*.rq")}
    assert "figures-over-time" in ready
    assert all(p.suffix == ".rq" for p in ready.values())


def test_query_text_passes_sparql_through():
    assert query_text(COUNT_ARTICLES) == COUNT_ARTICLES
    assert query_text("select * where { ?s ?p ?o }") == "select * where { ?s ?p ?o }"


def test_query_text_reads_a_rq_file(tmp):
    path = tmp / "mine.rq"
    path.write_text(COUNT_ARTICLES)
    assert query_text(str(path)) == COUNT_ARTICLES


def test_query_text_reads_a_ready_query_by_name():
    assert query_text("entity-types") == (QUERIES_DIR / "entity-types.rq").read_text(encoding="utf-8")


def test_missing_rq_file(tmp):
    with pytest.raises(QueryError, match=r"nothing\.rq: no such query file"):
        query_text(str(tmp / "nothing.rq"))


def test_neither_sparql_nor_a_name():
    with pytest.raises(QueryError, match=r"'who-is-who' is neither SPARQL, a \.rq file, nor a ready query \(.*entity-types"):
        query_text("who-is-who")


def test_a_folder_is_not_a_query(tmp):
    with pytest.raises(QueryError):
        query_text(str(tmp))


def test_run_counts_the_articles(store, sample_build):
    _, summary = sample_build
    assert run(store, COUNT_ARTICLES) == (["n"], [[summary.articles]])


@pytest.mark.parametrize("name", sorted(ready_queries()))
def test_every_ready_query_runs_on_a_build(store, name):
    columns, rows = run(store, name)
    assert columns
    assert all(len(row) == len(columns) for row in rows)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("figures-over-time", 3),  # 1,277, 978 and about 300
        ("entity-types", 5),  # Person, Agency, Outlet, Organization, Place
    ],
)
def test_ready_queries_find_what_the_corpus_says(store, name, expected):
    _, rows = run(store, name)
    assert len(rows) >= expected


def test_figures_over_time_has_the_1277(store):
    columns, rows = run(store, "figures-over-time")
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    (figure,) = [r for r in records if r["value"] == 1277]
    assert figure["unit"] == "person"
    assert str(figure["start"]) == "2015-01-01" and str(figure["end"]) == "2015-12-31"


def test_malformed_sparql(store):
    with pytest.raises(QueryError, match=r"invalid SPARQL: error at 1:\d+"):
        run(store, "SELECT ?x WHERE { ?x ?y }")


def test_csv_output():
    text = to_csv(["a", "b"], [[1, None], ["x,y", 'say "hi"']])
    assert list(csv.reader(io.StringIO(text))) == [["a", "b"], ["1", ""], ["x,y", 'say "hi"']]


def test_json_output():
    data = json.loads(to_json(["a", "b"], [[1, None], ["Séoul", 2.5]]))
    assert data == [{"a": 1, "b": None}, {"a": "Séoul", "b": 2.5}]
    assert "Séoul" in to_json(["a"], [["Séoul"]])  # not escaped


def test_csv_and_json_of_a_real_query(store):
    columns, rows = run(store, "entity-types")
    assert list(csv.reader(io.StringIO(to_csv(columns, rows))))[0] == columns
    records = json.loads(to_json(columns, rows))
    assert len(records) == len(rows) > 0
    assert all(list(record) == columns for record in records)


# ---------------------------------------------------------------------------
# read-only, query shape, descriptions, TSV (issue 12)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "operation"),
    [
        ("INSERT DATA { <urn:a> <urn:b> 1 }", "INSERT DATA"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
        ("LOAD <http://example.org/x.ttl>", "LOAD"),
        ("DROP GRAPH <urn:g>", "DROP"),
        ("CLEAR ALL", "CLEAR"),
    ],
)
def test_updates_are_named_and_refused(text, operation):
    from kg.query import update_operation

    assert update_operation(text) == operation
    with pytest.raises(QueryError, match=f"^kg query is read-only: {operation} is an update$"):
        query_text(text)


def test_a_query_is_not_an_update():
    from kg.query import update_operation

    assert update_operation(COUNT_ARTICLES) is None
    assert update_operation("") is None


def test_inspect_finds_the_form_and_every_service():
    from kg.query import inspect

    shape = inspect(
        "SELECT * WHERE { SERVICE <http://example.org/a> { ?s ?p ?o } "
        "OPTIONAL { { SELECT ?x WHERE { SERVICE SILENT ?where { ?x ?y ?z } } } } }"
    )
    assert shape.form == "SELECT"
    assert shape.services == ["http://example.org/a", "?where"]
    assert inspect("ASK { ?s ?p ?o }") == type(shape)("ASK", [])


def test_inspect_refuses_updates_and_bad_text():
    from kg.query import inspect

    with pytest.raises(QueryError, match="^read-only: DROP is an update"):
        inspect("DROP ALL")
    with pytest.raises(QueryError, match="^invalid SPARQL: "):
        inspect("SELECT ?x WHERE { ?x ")


def test_descriptions_are_the_whole_first_paragraph(tmp):
    from kg.query import describe

    path = tmp / "q.rq"
    path.write_text("# First line of a sentence that goes\n# on to the next line. And a second one.\n#\n# Columns: x\nSELECT * {}")
    assert describe(path) == "First line of a sentence that goes on to the next line. And a second one."


def test_tsv_keeps_one_row_a_line():
    from kg.query import to_tsv

    text = to_tsv(["a", "b"], [["one\ttab", "two\nlines"], [None, 3]])
    assert text.splitlines() == ["a\tb", "one tab\ttwo lines", "\t3"]


def test_run_within_the_time_limit(store, sample_build):
    _, summary = sample_build
    assert run(store, COUNT_ARTICLES, timeout=30) == (["n"], [[summary.articles]])
