"""kg's RDF namespace and the other namespaces kg writes.

``KG`` mirrors ``ontology/kg.ttl`` term for term (``tests/test_ontology.py``
checks both directions), in the style of ``rdflib/namespace/_FOAF.py``::

    >>> from kg.namespace import KG
    >>> KG.Person
    rdflib.term.URIRef('https://w3id.org/kg/ns#Person')
"""

from __future__ import annotations

from rdflib.graph import Graph
from rdflib.namespace import (
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

__all__ = ["ID", "KG", "NIF", "QB", "SCHEMA", "WD", "bind_prefixes"]


class KG(DefinedNamespace):
    """
    kg ontology

    Terms used by kg to describe people, agencies, news outlets, organizations,
    places, numeric figures, statements and their relations as read from news
    articles, aligned to schema.org, PROV-O, RDF Data Cube, SKOS and NIF.

    Defined in: ontology/kg.ttl (version 0.1.0)
    """

    _NS = Namespace("https://w3id.org/kg/ns#")
    _fail = True

    # http://www.w3.org/2002/07/owl#Class
    CoMention: URIRef  # Two entities named in the same articles, with how many (a build-time aggregate).
    FigureGroup: URIRef  # Every figure for one measure, unit, period and place, with the distinct values reported.
    ReportedValue: URIRef  # One distinct value of a figure group, with the figures and sources that report it.
    Agency: URIRef  # A state body such as a ministry, intelligence service, parliament or armed force.
    Article: URIRef  # A news article ingested by kg; everything read from it lives in its own named graph.
    Entity: URIRef  # A canonical real-world actor or place mentioned in the articles, resolved to one IRI.
    Figure: (
        URIRef  # A number reported in an article, with what it counts, its unit, period, place, source and evidence.
    )
    Organization: URIRef  # A non-state, non-news organization such as a university, company, NGO or political party.
    Outlet: URIRef  # A news organization such as a news agency, newspaper, broadcaster or news site.
    Person: URIRef  # A person mentioned in the articles.
    Place: URIRef  # A geographic place such as a country, state, city, river or region.
    SourceStory: URIRef  # The original story an ingested article is based on.
    Statement: URIRef  # A quote or reported claim attributed to a speaker in an article.
    Listing: URIRef  # The build's order of a ready query that lists every figure, statement or role, in pages.
    ListingPage: URIRef  # One page of a listing: the entries at positions (n - 1) * page size + 1 to n * page size.

    # http://www.w3.org/2002/07/owl#ObjectProperty
    figure: URIRef  # A figure of the figure group, or of the reported value.
    first: URIRef  # The first entity of a co-mention pair (the smaller IRI).
    reportedValue: URIRef  # A distinct value reported in the figure group.
    second: URIRef  # The second entity of a co-mention pair (the larger IRI).
    defectedTo: URIRef  # The person defected or fled to the place.
    leads: URIRef  # The person heads the agency, outlet or organization.
    locatedIn: URIRef  # The entity is based in or lies within the place.
    memberOf: URIRef  # The person works for, belongs to or serves in the agency, outlet or organization.
    relativeOf: URIRef  # The two people are family members (by blood or marriage).
    item: URIRef  # What a listing entry lists: a figure, a statement, or a relation reification.
    listing: URIRef  # The listing a page belongs to.
    onPage: URIRef  # The listing page an entry is on.

    # http://www.w3.org/2002/07/owl#DatatypeProperty
    articleCount: URIRef  # How many articles mention the entity (a build-time aggregate).
    centrality: URIRef  # Degree centrality: the share of all other entities the entity is co-mentioned with.
    degree: URIRef  # How many distinct entities the entity is co-mentioned with.
    disagreement: URIRef  # Whether the figure group holds values that cannot all be true.
    disagreeingFigures: URIRef  # How many figures of the group report a value that cannot be true with this one.
    figureCount: URIRef  # How many figures the figure group or reported value holds.
    rank: URIRef  # The position of an entity (by articles mentioning it) or a co-mention pair (by weight), from 1.
    measure: URIRef  # The normalised measure of a figure group (lower case, one phrase per well-known measure).
    sourceCount: URIRef  # How many distinct sources report the value.
    valueCount: URIRef  # How many distinct values the figure group holds.
    weight: URIRef  # How many articles name both entities of the co-mention pair.
    firstPublished: URIRef  # The earliest publication date of the articles an outlet published (or whose story it published).
    itemCount: URIRef  # How many entries a listing holds.
    lastPublished: URIRef  # The latest publication date of the articles an outlet published (or whose story it published).
    pageCount: URIRef  # How many pages a listing holds.
    pageNumber: URIRef  # The number of a listing page, from 1.
    pageSize: URIRef  # How many entries each page of a listing holds (the last may hold fewer).
    position: URIRef  # The place of an entry in its listing's order, from 1.
    publishedArticles: URIRef  # How many articles an outlet published, or published the source story of.
    confidence: URIRef  # How confident the extractor is in the reified relation, a decimal between 0 and 1.
    contentHash: URIRef  # A hash of the article's text, used to skip unchanged articles on incremental builds.
    evidence: URIRef  # The sentence of the article from which the figure, statement or relation was read.
    extractor: URIRef  # The name of the rule or component that extracted the reified relation.
    mentionCount: URIRef  # How often an entity is mentioned (corpus-wide on the entity, per article on a mention).
    qualifier: URIRef  # The hedge written before the figure's number, such as about, more than or up to.
    role: URIRef  # The role or title a person holds in the reported relation or statement, as written.
    verb: URIRef  # The reporting verb that introduces the statement, as written (e.g. said).


#: schema.org, in its https form (the form kg writes).
SCHEMA = Namespace("https://schema.org/")
#: RDF Data Cube.
QB = Namespace("http://purl.org/linked-data/cube#")
#: NLP Interchange Format core (character offsets of evidence).
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
#: Wikidata entities (targets of owl:sameAs).
WD = Namespace("http://www.wikidata.org/entity/")
#: kg's instances: entities, articles, figures, statements, relations, graphs.
ID = Namespace("https://w3id.org/kg/id/")

_PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "kg": KG,
    "schema": SCHEMA,
    "prov": PROV,
    "qb": QB,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "nif": NIF,
    "wd": WD,
    "id": ID,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind kg's prefixes on *graph* (a ``Graph``, ``ConjunctiveGraph`` or ``Dataset``) and return it.

    Existing bindings of these prefixes are replaced, so ``schema:`` always
    means ``https://schema.org/`` (rdflib binds it to the http form by default).
    """
    for prefix, namespace in _PREFIXES.items():
        graph.bind(prefix, URIRef(str(namespace)), override=True, replace=True)
    return graph


def compact_iri(text: str) -> str:
    """`text` with kg's prefixes if it is an IRI in one of their namespaces (``kg:memberOf``,
    ``schema:Person``, ``wd:Q41``), else unchanged; for display only."""
    if " " in text or not text.startswith(("http://", "https://")):
        return text
    best = max(
        ((prefix, str(namespace)) for prefix, namespace in _PREFIXES.items() if text.startswith(str(namespace))),
        key=lambda item: len(item[1]),
        default=None,
    )
    if best is None or len(text) == len(best[1]):
        return text
    return f"{best[0]}:{text[len(best[1]):]}"
