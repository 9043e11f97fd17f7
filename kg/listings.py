"""Listings: the order and pages of the ready queries that list every figure, statement or role,
computed once per build and stored in the listings graph, so a page of a listing is an index lookup
of 50 rows instead of a sort of the whole store.

Each listing is ordered by a SPARQL query over the written article graphs and entities (the ORDER BY of
its ready query, then the item's IRI, so the order is total and stable), and every item gets an entry
with its position and page. The outlets' article counts and dates (articles-by-outlet) are stored
here too. The graph's shape is in docs/graph-shape.md ("Listings").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.errors import StoreError
from kg.namespace import ID, KG
from kg.rdf import Quads

PAGE_SIZE = 50  # entries a page: a screenful, and a page of figures-over-time costs under 100 ms at 1M quads
LISTINGS_GRAPH = ID["graph/listings"]
#: A paged query reads a listing's page by its number, ?page (kg.query binds it).
PAGED = re.compile(r"(?:\bkg:|<https://w3id\.org/kg/ns#)pageNumber>?\s+\?page\b")

PREFIXES = """PREFIX kg:     <https://w3id.org/kg/ns#>
PREFIX schema: <https://schema.org/>
PREFIX prov:   <http://www.w3.org/ns/prov#>
PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
PREFIX nif:    <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""

#: Each paged ready query's items (?item) in its order: its ORDER BY, then the item's IRI. An item is a row
#: of the listing, unless the query groups items into rows (?row): then a row's entry lists all its items.
ORDERS: dict[str, str] = {
    "figures-over-time": """
SELECT ?item WHERE {
  ?item a kg:Figure ; schema:value ?value .
  OPTIONAL { ?item schema:variableMeasured ?measure }
  OPTIONAL { ?item schema:observationDate ?asof }
  OPTIONAL { ?item schema:startDate ?start }
  OPTIONAL { ?item schema:endDate ?end }
} ORDER BY ?measure ?asof ?start ?end ?value ?item""",
    "who-said-what": """
SELECT ?item WHERE {
  ?item a kg:Statement ; prov:wasAttributedTo ?who ; schema:text ?text .
  OPTIONAL { ?who rdfs:label ?speaker }
  OPTIONAL { ?item prov:wasDerivedFrom ?article . OPTIONAL { ?article schema:datePublished ?date } }
} ORDER BY DESC(?date) ?speaker ?item""",
    "statements-by-agency": """
SELECT ?item WHERE {
  ?item a kg:Statement ; prov:wasAttributedTo ?who ; schema:text ?text .
  ?who a kg:Agency ; rdfs:label ?agency .
  OPTIONAL { ?item nif:beginIndex ?begin }
  OPTIONAL { ?item prov:wasDerivedFrom ?article . OPTIONAL { ?article schema:datePublished ?date } }
} ORDER BY DESC(?date) ?agency ?begin ?item""",
    "person-roles-with-evidence": """
SELECT ?item WHERE {
  VALUES ?predicate { kg:memberOf kg:leads }
  VALUES ?orgType { kg:Agency kg:Outlet kg:Organization }
  ?item a rdf:Statement ; rdf:subject ?p ; rdf:predicate ?predicate ; rdf:object ?o .
  ?p a kg:Person ; rdfs:label ?person .
  ?o a ?orgType ; rdfs:label ?org .
  OPTIONAL { ?item kg:confidence ?confidence }
} ORDER BY ?person ?predicate ?org DESC(?confidence) ?item""",
    # one row per relation (person, predicate, organization): its entry lists every reification of it
    "people-roles": """
SELECT ?item ?row WHERE {
  VALUES ?predicate { kg:memberOf kg:leads }
  VALUES ?orgType { kg:Agency kg:Outlet kg:Organization }
  ?item a rdf:Statement ; rdf:subject ?p ; rdf:predicate ?predicate ; rdf:object ?o .
  FILTER EXISTS { ?p ?predicate ?o }  # not a join: every article graph that states the relation holds it
  ?p a kg:Person ; rdfs:label ?person .
  ?o a ?orgType ; rdfs:label ?org .
  BIND (CONCAT(STR(?p), " ", STR(?predicate), " ", STR(?o), " ", STR(?orgType)) AS ?row)
} ORDER BY ?person ?predicate ?org ?orgType ?row ?item""",
}

#: Per publishing entity: the articles it published, or whose source story it published, and their dates.
OUTLETS = """
SELECT ?outlet (COUNT(DISTINCT ?article) AS ?articles) (MIN(?date) AS ?first) (MAX(?date) AS ?last) WHERE {
  ?article a kg:Article .
  { ?article schema:publisher ?outlet } UNION { ?article schema:isBasedOn/schema:publisher ?outlet }
  OPTIONAL { ?article schema:datePublished ?date }
} GROUP BY ?outlet"""


def listing_iri(name: str) -> URIRef:
    return ID[f"listing/{name}"]


def page_iri(name: str, number: int) -> URIRef:
    return ID[f"listing/{name}/page/{number}"]


def entry_iri(name: str, position: int) -> URIRef:
    return ID[f"listing/{name}/{position}"]


def _integer(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def listing_triples(store, page_size: int = PAGE_SIZE) -> Iterator[tuple]:
    """The triples of the listings graph, read from a pyoxigraph store that holds the article graphs and
    the entities (queried as their union), one at a time."""
    for name, order in ORDERS.items():
        listing = listing_iri(name)
        seen: set[str] = set()
        row = entry = None
        solutions = store.query(PREFIXES + order, use_default_graph_as_union=True)
        grouped = any(variable.value == "row" for variable in solutions.variables)
        for solution in solutions:
            item = solution["item"].value
            found = solution["row"].value if grouped else item
            if found != row:
                if found in seen:  # a row that two solutions share keeps its first place
                    continue
                row = found
                seen.add(row)
                position = len(seen)
                number = (position - 1) // page_size + 1
                page = page_iri(name, number)
                if (position - 1) % page_size == 0:
                    yield (page, RDF.type, KG.ListingPage)
                    yield (page, KG.listing, listing)
                    yield (page, KG.pageNumber, _integer(number))
                entry = entry_iri(name, position)
                yield (entry, KG.onPage, page)
                yield (entry, KG.position, _integer(position))
            yield (entry, KG.item, URIRef(item))
        yield (listing, RDF.type, KG.Listing)
        yield (listing, RDFS.label, Literal(name))
        yield (listing, KG.pageSize, _integer(page_size))
        yield (listing, KG.itemCount, _integer(len(seen)))
        yield (listing, KG.pageCount, _integer(-(-len(seen) // page_size)))
    for solution in store.query(PREFIXES + OUTLETS, use_default_graph_as_union=True):
        outlet = URIRef(solution["outlet"].value)
        yield (outlet, KG.publishedArticles, _integer(int(solution["articles"].value)))
        for term, predicate in (("first", KG.firstPublished), ("last", KG.lastPublished)):
            if solution[term] is not None:
                yield (outlet, predicate, Literal(solution[term].value, datatype=XSD.date))


def listings_dataset(store) -> Quads:
    """The listings graph of the pyoxigraph store being written, as quads made as the store takes them."""
    return Quads((*triple, LISTINGS_GRAPH) for triple in listing_triples(store))


def is_paged(sparql: str) -> bool:
    """Whether a query reads one page of a listing, chosen by binding ?page."""
    return PAGED.search(sparql) is not None


def page_count(store, name: str) -> int | None:
    """How many pages the build's listing `name` holds (None: the store has no such listing)."""
    found = store.rows(
        "PREFIX kg: <https://w3id.org/kg/ns#> SELECT ?listing ?pages WHERE { ?listing kg:pageCount ?pages }",
        {"listing": str(listing_iri(name))},
    )[1]
    return int(found[0][1]) if found else None


def require_listing(store, name: str) -> int:
    """How many pages the build's listing `name` holds; StoreError if it has none (an older kg built it)."""
    pages = page_count(store, name)
    if pages is None:
        raise StoreError(f"{store.folder}: the build has no {name} listing (an older kg made it): run kg build again")
    return pages
