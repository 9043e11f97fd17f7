"""kg.listings: the paged ready listings give the rows of the full queries, in their order, page by page."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.listings import (
    LISTINGS_GRAPH,
    ORDERS,
    PAGE_SIZE,
    is_paged,
    listing_iri,
    listing_triples,
    page_count,
    require_listing,
)
from kg.query import QUERIES_DIR, run
from kg.store import GraphStore, _ox_term

FULL = Path(__file__).parent / "data" / "full-listings"


@pytest.fixture(scope="module")
def store(sample_build):
    folder, _ = sample_build
    return GraphStore.open(folder)


def _copy(store: GraphStore, page_size: int | None) -> GraphStore:
    """The build's store in memory, its listings made again with `page_size` entries a page (None: none)."""
    memory = ox.Store()
    memory.load(store.ox.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    memory.remove_graph(ox.NamedNode(str(LISTINGS_GRAPH)))
    if page_size is not None:
        graph = _ox_term(LISTINGS_GRAPH)
        memory.extend(ox.Quad(*map(_ox_term, t), graph) for t in listing_triples(memory, page_size))
    return GraphStore(memory, store.folder)


def _full(store: GraphStore, name: str) -> tuple[list[str], list[list[object]]]:
    return store.rows((FULL / f"{name}.rq").read_text(encoding="utf-8"))


def _without_page(columns: list[str], rows: list[list[object]]) -> tuple[list[str], list[list[object]]]:
    at = columns.index("page")
    return columns[:at] + columns[at + 1 :], [row[:at] + row[at + 1 :] for row in rows]


def test_the_paged_listings_are_the_ready_queries_that_read_a_page():
    paged = {path.stem for path in QUERIES_DIR.glob("*.rq") if is_paged(path.read_text(encoding="utf-8"))}
    assert paged == set(ORDERS)


@pytest.mark.parametrize("name", sorted(ORDERS))
def test_page_one_is_the_first_rows_of_the_full_query(store, name):
    columns, rows = _full(store, name)
    assert rows, f"the sample build lists no rows for {name}"
    paged_columns, page = run(store, name)
    assert set(row[paged_columns.index("page")] for row in page) == {1}
    assert _without_page(paged_columns, page) == (columns, rows[:PAGE_SIZE])


@pytest.mark.parametrize("name", sorted(ORDERS))
def test_every_page_in_turn_is_the_full_query(store, name):
    small = _copy(store, page_size=4)
    columns, rows = _full(small, name)
    pages = page_count(small, name)
    assert pages == -(-len(rows) // 4) >= 1
    for number in range(1, pages + 2):  # one past the last page is empty
        paged_columns, page = run(small, name, page=number)
        assert _without_page(paged_columns, page) == (columns, rows[(number - 1) * 4 : number * 4])
    paged_columns, every = run(small, name, page=None)
    assert _without_page(paged_columns, every) == (columns, rows)
    assert [row[paged_columns.index("page")] for row in every] == [i // 4 + 1 for i in range(len(rows))]


def test_articles_by_outlet_reads_what_the_full_query_counts(store):
    assert run(store, "articles-by-outlet") == _full(store, "articles-by-outlet")
    assert len(run(store, "articles-by-outlet")[1]) >= 3


def test_a_listing_says_its_size(store):
    found = store.rows(
        "PREFIX kg: <https://w3id.org/kg/ns#> SELECT ?listing ?size ?items ?pages WHERE "
        "{ ?listing a kg:Listing ; kg:pageSize ?size ; kg:itemCount ?items ; kg:pageCount ?pages }"
    )[1]
    assert {iri for iri, *_ in found} == {str(listing_iri(name)) for name in ORDERS}
    for _, size, items, pages in found:
        assert size == PAGE_SIZE and pages == -(-items // size)
    _, figures = _full(store, "figures-over-time")
    assert [items for iri, _, items, _ in found if iri.endswith("/figures-over-time")] == [len(figures)]


def test_a_build_without_listings_is_named(store):
    old = _copy(store, page_size=None)
    assert page_count(old, "who-said-what") is None
    with pytest.raises(StoreError, match=r"no who-said-what listing .*run kg build again"):
        require_listing(old, "who-said-what")


def test_is_paged_needs_the_page_number_read():
    assert is_paged("SELECT ?x ?page WHERE { ?p kg:pageNumber ?page }")
    assert is_paged("SELECT ?page WHERE { ?p <https://w3id.org/kg/ns#pageNumber> ?page }")
    assert not is_paged("SELECT ?page WHERE { ?p kg:pageSize ?page }")
    assert not is_paged("SELECT ?x WHERE { ?x kg:pageNumber ?pages }")


def test_the_shapes_hold_the_listings_of_a_build_and_name_an_entry_off_its_page(store):
    from rdflib import Literal
    from rdflib.namespace import XSD

    from kg.listings import entry_iri
    from kg.namespace import KG
    from kg.validate import validate

    dataset = store.dataset()
    assert validate(dataset).conforms
    graph = dataset.graph(LISTINGS_GRAPH)
    entry = entry_iri("who-said-what", 1)
    graph.set((entry, KG.position, Literal(str(PAGE_SIZE + 1), datatype=XSD.integer)))
    graph.remove((listing_iri("figures-over-time"), KG.pageSize, None))
    report = validate(dataset)
    assert not report.conforms and report.violations == 2
    assert f"kg:position {PAGE_SIZE + 1} is not on its page 1" in report.text
    assert "A listing has exactly one kg:pageSize" in report.text
