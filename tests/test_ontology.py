"""The output contract: ontology/kg.ttl, kg.namespace.KG, ontology/shapes.ttl and queries/*.rq."""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS, Namespace
from rdflib.plugins.sparql import prepareQuery

from kg.namespace import ID, KG, NIF, QB, SCHEMA, WD, bind_prefixes
from kg.listings import LISTINGS_GRAPH, listing_triples
from kg.store import _ox_term

ROOT = pathlib.Path(__file__).parents[1]
ONTOLOGY = ROOT / "ontology"
QUERIES = ROOT / "queries"
KG_NS = str(KG._NS)
# a plain Namespace: rdflib's XSD warns when pytest probes module attributes
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ONTOLOGY_IRI = URIRef("https://w3id.org/kg/ns")
DECLARING_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "kg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl")


def kg_terms_in(graph: Graph) -> set[URIRef]:
    """Every IRI in kg's namespace used anywhere in *graph*."""
    return {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(KG_NS)
    }


# ---------------------------------------------------------------------------
# kg.ttl and KG
# ---------------------------------------------------------------------------


def declared_terms(ontology: Graph) -> set[URIRef]:
    return {
        s
        for s, o in ontology.subject_objects(RDF.type)
        if isinstance(s, URIRef) and str(s).startswith(KG_NS) and o in DECLARING_TYPES
    }


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(ONTOLOGY_IRI, RDFS.label) is not None
    assert ontology.value(ONTOLOGY_IRI, RDFS.comment) is not None


def test_every_declared_term_is_in_KG_and_vice_versa(ontology: Graph) -> None:
    declared = {str(t)[len(KG_NS):] for t in declared_terms(ontology)}
    in_python = set(KG.__annotations__)
    assert declared - in_python == set(), "declared in kg.ttl but missing from kg.namespace.KG"
    assert in_python - declared == set(), "in kg.namespace.KG but not declared in kg.ttl"
    for name in in_python:
        assert getattr(KG, name) == URIRef(KG_NS + name)


def test_kg_ttl_uses_only_declared_terms(ontology: Graph) -> None:
    assert kg_terms_in(ontology) <= declared_terms(ontology)


def test_KG_rejects_unknown_terms() -> None:
    with pytest.raises(AttributeError, match="not in namespace"):
        KG.Defector  # noqa: B018


def test_every_term_has_label_comment_and_is_defined_by(ontology: Graph) -> None:
    for term in declared_terms(ontology):
        assert len(list(ontology.objects(term, RDFS.label))) == 1, term
        comments = list(ontology.objects(term, RDFS.comment))
        assert len(comments) == 1 and str(comments[0]).endswith("."), term
        assert ontology.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI, term


def test_every_class_is_aligned_to_schema_org_or_kg_entity(ontology: Graph) -> None:
    classes = {t for t in declared_terms(ontology) if (t, RDF.type, OWL.Class) in ontology}
    assert {KG.Entity, KG.Person, KG.Agency, KG.Outlet, KG.Organization, KG.Place} <= classes
    for cls in classes:
        supers = set(ontology.objects(cls, RDFS.subClassOf))
        assert any(str(s).startswith(str(SCHEMA)) for s in supers), f"{cls} has no schema.org superclass"
        if cls in {KG.Person, KG.Agency, KG.Outlet, KG.Organization, KG.Place}:
            assert KG.Entity in supers, cls


@pytest.mark.parametrize(
    ("cls", "also"),
    [
        (KG.Person, SCHEMA.Person),
        (KG.Agency, SCHEMA.GovernmentOrganization),
        (KG.Outlet, SCHEMA.NewsMediaOrganization),
        (KG.Organization, SCHEMA.Organization),
        (KG.Place, SCHEMA.Place),
        (KG.Article, SCHEMA.NewsArticle),
        (KG.SourceStory, SCHEMA.CreativeWork),
        (KG.Figure, SCHEMA.Observation),
        (KG.Figure, QB.Observation),
        (KG.Statement, SCHEMA.Quotation),
    ],
)
def test_class_alignment(ontology: Graph, cls: URIRef, also: URIRef) -> None:
    assert (cls, RDFS.subClassOf, also) in ontology


def test_property_alignment(ontology: Graph) -> None:
    assert (KG.memberOf, RDFS.subPropertyOf, SCHEMA.memberOf) in ontology
    assert (KG.leads, RDFS.subPropertyOf, KG.memberOf) in ontology
    assert (KG.locatedIn, RDFS.subPropertyOf, SCHEMA.location) in ontology
    assert (KG.relativeOf, RDFS.subPropertyOf, SCHEMA.relatedTo) in ontology
    assert (KG.relativeOf, RDF.type, OWL.SymmetricProperty) in ontology
    assert ontology.value(KG.defectedTo, RDFS.domain) == KG.Person
    assert ontology.value(KG.defectedTo, RDFS.range) == KG.Place
    assert ontology.value(KG.reportedValue, RDFS.range) == KG.ReportedValue
    assert ontology.value(KG.first, RDFS.domain) == ontology.value(KG.second, RDFS.domain) == KG.CoMention


# ---------------------------------------------------------------------------
# shapes.ttl
# ---------------------------------------------------------------------------

ARTICLE = ID["article/0123456789abcdef"]
STORY = ID["source/0123456789abcdef"]
GRAPH = ID["graph/0123456789abcdef"]
ENTITIES = ID["graph/entities"]
KIM = ID["entity/kim-jong-un"]
LEE = ID["entity/lee-min-ho"]
MINISTRY = ID["entity/ministry-of-unification"]
YONHAP = ID["entity/yonhap"]
SOUTH_KOREA = ID["entity/south-korea"]
NORTH_KOREA = ID["entity/north-korea"]
FIGURE = ID["figure/0123456789abcdef-1"]
FIGURE2 = ID["figure/0123456789abcdef-2"]
STATEMENT = ID["statement/0123456789abcdef-1"]
RELATION = ID["relation/0123456789abcdef-1"]
MENTION = ID["mention/0123456789abcdef-1"]
AGGREGATES = ID["graph/aggregates"]
GROUP = ID["figure-group/0123456789abcdef"]
VALUE1 = ID["figure-group/0123456789abcdef-1"]
VALUE2 = ID["figure-group/0123456789abcdef-2"]

GEO = ID["geo/south-korea"]
GN_SOUTH_KOREA = URIRef("https://sws.geonames.org/1835841/")

BODY = "Lee Min-ho, a spokesman at the ministry, said about 1,100 North Koreans arrived in South Korea in 2015."


def build() -> Dataset:
    """A small build that satisfies every shape: an entities graph and one article graph."""
    ds = bind_prefixes(Dataset())
    ents = ds.graph(ENTITIES)
    for entity, kg_cls, schema_cls, label in [
        (KIM, KG.Person, SCHEMA.Person, "Kim Jong-un"),
        (LEE, KG.Person, SCHEMA.Person, "Lee Min-ho"),
        (MINISTRY, KG.Agency, SCHEMA.GovernmentOrganization, "Ministry of Unification"),
        (YONHAP, KG.Outlet, SCHEMA.NewsMediaOrganization, "Yonhap"),
        (SOUTH_KOREA, KG.Place, SCHEMA.Place, "South Korea"),
        (NORTH_KOREA, KG.Place, SCHEMA.Place, "North Korea"),
    ]:
        for cls in (KG.Entity, kg_cls, schema_cls):
            ents.add((entity, RDF.type, cls))
        ents.add((entity, RDFS.label, Literal(label)))
        ents.add((entity, SKOS.altLabel, Literal(label)))
        ents.add((entity, KG.mentionCount, Literal(1)))
    ents.add((MINISTRY, SKOS.altLabel, Literal("the ministry")))
    ents.add((SOUTH_KOREA, OWL.sameAs, WD.Q884))
    ents.add((SOUTH_KOREA, OWL.sameAs, GN_SOUTH_KOREA))
    ents.add((SOUTH_KOREA, SCHEMA.geo, GEO))
    ents.add((GEO, RDF.type, SCHEMA.GeoCoordinates))
    ents.add((GEO, SCHEMA.latitude, Literal(Decimal("37"))))
    ents.add((GEO, SCHEMA.longitude, Literal(Decimal("127.5"))))

    g = ds.graph(GRAPH)
    g.add((ARTICLE, RDF.type, KG.Article))
    g.add((ARTICLE, RDF.type, SCHEMA.NewsArticle))
    g.add((ARTICLE, SCHEMA.headline, Literal("Defector arrivals fall")))
    g.add((ARTICLE, SCHEMA.datePublished, Literal("2015-12-01", datatype=XSD.date)))
    g.add((ARTICLE, SCHEMA.articleBody, Literal(BODY)))
    g.add((ARTICLE, SCHEMA.isBasedOn, STORY))
    g.add((ARTICLE, SCHEMA.url, URIRef("https://example.org/post/1")))
    g.add((ARTICLE, KG.contentHash, Literal("d41d8cd98f00b204")))
    for entity in (LEE, MINISTRY, SOUTH_KOREA, NORTH_KOREA):
        g.add((ARTICLE, SCHEMA.mentions, entity))
    g.add((STORY, RDF.type, KG.SourceStory))
    g.add((STORY, RDF.type, SCHEMA.CreativeWork))
    g.add((STORY, SCHEMA.headline, Literal("Defector arrivals fall")))
    g.add((STORY, SCHEMA.publisher, YONHAP))

    g.add((MENTION, RDF.type, RDF.Statement))
    g.add((MENTION, RDF.subject, ARTICLE))
    g.add((MENTION, RDF.predicate, SCHEMA.mentions))
    g.add((MENTION, RDF.object, LEE))
    g.add((MENTION, KG.mentionCount, Literal(2)))

    begin = BODY.index("1,100")
    for figure, value in ((FIGURE, "1100"), (FIGURE2, "1300")):
        g.add((figure, RDF.type, KG.Figure))
        g.add((figure, RDF.type, SCHEMA.Observation))
        g.add((figure, RDF.type, QB.Observation))
        g.add((figure, SCHEMA.value, Literal(Decimal(value))))
        g.add((figure, SCHEMA.unitText, Literal("person")))
        g.add((figure, SCHEMA.variableMeasured, Literal("North Korean defectors arriving")))
        g.add((figure, SCHEMA.startDate, Literal("2015-01-01", datatype=XSD.date)))
        g.add((figure, SCHEMA.endDate, Literal("2015-12-31", datatype=XSD.date)))
        g.add((figure, SCHEMA.observationAbout, SOUTH_KOREA))
        g.add((figure, PROV.wasAttributedTo, MINISTRY))
        g.add((figure, PROV.wasDerivedFrom, ARTICLE))
        g.add((figure, KG.evidence, Literal(BODY)))
        g.add((figure, NIF.beginIndex, Literal(begin, datatype=XSD.integer)))
        g.add((figure, NIF.endIndex, Literal(begin + 5, datatype=XSD.integer)))
        g.add((figure, RDFS.label, Literal("1,100")))
    g.add((FIGURE, KG.qualifier, Literal("about")))

    aggregates = ds.graph(AGGREGATES)  # what kg.aggregates computes for this article
    mentioned = sorted((LEE, MINISTRY, SOUTH_KOREA, NORTH_KOREA), key=str)
    for rank, entity in enumerate(mentioned, start=1):
        aggregates.add((entity, KG.rank, Literal(rank)))
        aggregates.add((entity, KG.articleCount, Literal(1)))
        aggregates.add((entity, KG.degree, Literal(3)))
        aggregates.add((entity, KG.centrality, Literal(Decimal("1"))))
    for number, (a, b) in enumerate(
        (a, b) for i, a in enumerate(mentioned) for b in mentioned[i + 1 :]
    ):
        pair = ID[f"co-mention/{number}"]
        aggregates.add((pair, RDF.type, KG.CoMention))
        aggregates.add((pair, KG.first, a))
        aggregates.add((pair, KG.second, b))
        aggregates.add((pair, KG.weight, Literal(1)))
        aggregates.add((pair, KG.rank, Literal(number + 1)))
    aggregates.add((GROUP, RDF.type, KG.FigureGroup))
    aggregates.add((GROUP, KG.measure, Literal("north korean defectors arriving")))
    aggregates.add((GROUP, SCHEMA.variableMeasured, Literal("North Korean defectors arriving")))
    aggregates.add((GROUP, SCHEMA.unitText, Literal("person")))
    aggregates.add((GROUP, SCHEMA.startDate, Literal("2015-01-01", datatype=XSD.date)))
    aggregates.add((GROUP, SCHEMA.endDate, Literal("2015-12-31", datatype=XSD.date)))
    aggregates.add((GROUP, SCHEMA.observationAbout, SOUTH_KOREA))
    aggregates.add((GROUP, KG.disagreement, Literal(True)))
    aggregates.add((GROUP, KG.figureCount, Literal(2)))
    aggregates.add((GROUP, KG.valueCount, Literal(2)))
    for reported, figure, value in ((VALUE1, FIGURE, "1100"), (VALUE2, FIGURE2, "1300")):
        aggregates.add((GROUP, KG.figure, figure))
        aggregates.add((GROUP, KG.reportedValue, reported))
        aggregates.add((reported, RDF.type, KG.ReportedValue))
        aggregates.add((reported, SCHEMA.value, Literal(Decimal(value))))
        aggregates.add((reported, KG.figure, figure))
        aggregates.add((reported, KG.sourceCount, Literal(1)))
        aggregates.add((reported, KG.figureCount, Literal(1)))
        aggregates.add((reported, KG.disagreeingFigures, Literal(1)))
    aggregates.add((VALUE1, KG.qualifier, Literal("about")))

    g.add((STATEMENT, RDF.type, KG.Statement))
    g.add((STATEMENT, RDF.type, SCHEMA.Quotation))
    g.add((STATEMENT, PROV.wasAttributedTo, LEE))
    g.add((STATEMENT, SCHEMA.text, Literal("about 1,100 North Koreans arrived in South Korea in 2015")))
    g.add((STATEMENT, KG.verb, Literal("said")))
    g.add((STATEMENT, KG.role, Literal("spokesman")))
    g.add((STATEMENT, SCHEMA.mentions, SOUTH_KOREA))
    g.add((STATEMENT, KG.evidence, Literal(BODY)))
    g.add((STATEMENT, NIF.beginIndex, Literal(0, datatype=XSD.integer)))
    g.add((STATEMENT, NIF.endIndex, Literal(len(BODY), datatype=XSD.integer)))
    g.add((STATEMENT, PROV.wasDerivedFrom, ARTICLE))

    g.add((LEE, KG.memberOf, MINISTRY))
    g.add((RELATION, RDF.type, RDF.Statement))
    g.add((RELATION, RDF.subject, LEE))
    g.add((RELATION, RDF.predicate, KG.memberOf))
    g.add((RELATION, RDF.object, MINISTRY))
    g.add((RELATION, KG.role, Literal("spokesman")))
    g.add((RELATION, KG.evidence, Literal(BODY)))
    g.add((RELATION, NIF.beginIndex, Literal(0, datatype=XSD.integer)))
    g.add((RELATION, NIF.endIndex, Literal(len(BODY), datatype=XSD.integer)))
    g.add((RELATION, KG.confidence, Literal(Decimal("0.9"))))
    g.add((RELATION, KG.extractor, Literal("appositive-role")))
    g.add((RELATION, PROV.wasDerivedFrom, ARTICLE))
    return ds


def union(ds: Dataset) -> Graph:
    """All triples of every named graph in one Graph, as `kg validate` sees them."""
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def validate(data: Graph, shapes: Graph) -> tuple[bool, list[dict[str, object]]]:
    pyshacl = pytest.importorskip("pyshacl")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    results = [
        {
            "focus": report.value(r, SH.focusNode),
            "path": report.value(r, SH.resultPath),
            "component": report.value(r, SH.sourceConstraintComponent),
            "message": str(report.value(r, SH.resultMessage)),
        }
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]
    return conforms, results


def test_shapes_are_well_formed(shapes: Graph) -> None:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) >= 10
    assert kg_terms_in(shapes) <= set(map(URIRef, (KG_NS + n for n in KG.__annotations__)))
    # every property shape and every targeted node shape says what is wrong
    for prop in shapes.objects(None, SH.property):
        assert shapes.value(prop, SH.message) is not None, shapes.value(prop, SH.path)
    for sparql in shapes.objects(None, SH.sparql):
        assert shapes.value(sparql, SH.message) is not None


def test_conforming_build(shapes: Graph) -> None:
    conforms, results = validate(union(build()), shapes)
    assert conforms, results


def test_article_without_headline_or_date_conforms(shapes: Graph) -> None:
    data = union(build())
    data.remove((ARTICLE, SCHEMA.headline, None))
    data.remove((ARTICLE, SCHEMA.datePublished, None))
    conforms, results = validate(data, shapes)
    assert conforms, results


def _remove(s: URIRef, p: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.remove((s, p, None))


def _set(s: URIRef, p: URIRef, o: object) -> Callable[[Graph], None]:
    return lambda g: g.set((s, p, o))  # type: ignore[arg-type]


def _add(s: URIRef, p: URIRef, o: object) -> Callable[[Graph], None]:
    return lambda g: g.add((s, p, o))  # type: ignore[arg-type]


def _drop_relation_triple(g: Graph) -> None:
    g.remove((LEE, KG.memberOf, MINISTRY))


def _drop_reification(g: Graph) -> None:
    g.remove((RELATION, None, None))


@pytest.mark.parametrize(
    ("mutate", "focus", "path"),
    [
        pytest.param(_remove(FIGURE, SCHEMA.value), FIGURE, SCHEMA.value, id="figure-without-value"),
        pytest.param(_set(FIGURE, SCHEMA.value, Literal("1,100")), FIGURE, SCHEMA.value, id="figure-value-string"),
        pytest.param(_remove(FIGURE, SCHEMA.unitText), FIGURE, SCHEMA.unitText, id="figure-without-unit"),
        pytest.param(_set(FIGURE, KG.qualifier, Literal("roughly")), FIGURE, KG.qualifier, id="bad-qualifier"),
        pytest.param(
            _set(FIGURE, SCHEMA.startDate, Literal("2016-01-01", datatype=XSD.date)),
            FIGURE, SCHEMA.startDate, id="start-after-end",
        ),
        pytest.param(
            _set(FIGURE, SCHEMA.endDate, Literal("2015-12-31T00:00:00", datatype=XSD.dateTime)),
            FIGURE, SCHEMA.endDate, id="end-datetime",
        ),
        pytest.param(_set(FIGURE, SCHEMA.observationAbout, MINISTRY), FIGURE, SCHEMA.observationAbout, id="about-not-place"),
        pytest.param(_remove(FIGURE, PROV.wasDerivedFrom), FIGURE, PROV.wasDerivedFrom, id="figure-without-article"),
        pytest.param(_remove(FIGURE, KG.evidence), FIGURE, KG.evidence, id="figure-without-evidence"),
        pytest.param(
            _set(FIGURE, NIF.beginIndex, Literal(-1, datatype=XSD.integer)), FIGURE, NIF.beginIndex, id="negative-offset",
        ),
        pytest.param(
            _set(FIGURE, NIF.beginIndex, Literal(500, datatype=XSD.integer)),
            FIGURE, NIF.beginIndex, id="begin-after-end",
        ),
        pytest.param(_add(LEE, KG.memberOf, SOUTH_KOREA), LEE, KG.memberOf, id="memberOf-to-place"),
        pytest.param(_add(SOUTH_KOREA, KG.memberOf, MINISTRY), SOUTH_KOREA, None, id="memberOf-from-place"),
        pytest.param(_add(MINISTRY, KG.leads, MINISTRY), MINISTRY, None, id="leads-from-agency"),
        pytest.param(_add(LEE, KG.defectedTo, MINISTRY), LEE, KG.defectedTo, id="defectedTo-agency"),
        pytest.param(_set(SOUTH_KOREA, OWL.sameAs, URIRef("http://dbpedia.org/resource/South_Korea")),
                     SOUTH_KOREA, OWL.sameAs, id="sameAs-not-wikidata"),
        pytest.param(_add(SOUTH_KOREA, OWL.sameAs, URIRef("https://sws.geonames.org/1873107/")),
                     SOUTH_KOREA, OWL.sameAs, id="two-geonames-links"),
        pytest.param(_set(GEO, SCHEMA.latitude, Literal(Decimal("95"))), SOUTH_KOREA, SCHEMA.geo, id="latitude-out-of-range"),
        pytest.param(_remove(GEO, SCHEMA.longitude), SOUTH_KOREA, SCHEMA.geo, id="geo-without-longitude"),
        pytest.param(_add(SOUTH_KOREA, SCHEMA.containedInPlace, NORTH_KOREA), SOUTH_KOREA, SCHEMA.containedInPlace,
                     id="containedInPlace-not-geonames"),
        pytest.param(_remove(KIM, RDFS.label), KIM, RDFS.label, id="entity-without-label"),
        pytest.param(_add(KIM, RDFS.label, Literal("Kim Jong Un")), KIM, RDFS.label, id="entity-two-labels"),
        pytest.param(_set(KIM, KG.mentionCount, Literal(0)), KIM, KG.mentionCount, id="mention-count-zero"),
        pytest.param(lambda g: g.remove((KIM, RDF.type, SCHEMA.Person)), KIM, RDF.type, id="person-not-schema-person"),
        pytest.param(lambda g: g.remove((KIM, RDF.type, KG.Entity)), KIM, RDF.type, id="person-not-kg-entity"),
        pytest.param(lambda g: g.remove((FIGURE, RDF.type, QB.Observation)), FIGURE, RDF.type, id="figure-not-qb"),
        pytest.param(_remove(ARTICLE, SCHEMA.articleBody), ARTICLE, SCHEMA.articleBody, id="article-without-body"),
        pytest.param(_add(ARTICLE, SCHEMA.mentions, ARTICLE), ARTICLE, SCHEMA.mentions, id="mentions-non-entity"),
        pytest.param(_add(ARTICLE, SCHEMA.publisher, SOUTH_KOREA), ARTICLE, SCHEMA.publisher, id="publisher-place"),
        pytest.param(_remove(STATEMENT, PROV.wasAttributedTo), STATEMENT, PROV.wasAttributedTo, id="statement-no-speaker"),
        pytest.param(_remove(STATEMENT, SCHEMA.text), STATEMENT, SCHEMA.text, id="statement-no-text"),
        pytest.param(_set(RELATION, KG.confidence, Literal(Decimal("1.5"))), RELATION, KG.confidence, id="confidence>1"),
        pytest.param(_remove(RELATION, KG.extractor), RELATION, KG.extractor, id="relation-no-extractor"),
        pytest.param(_set(RELATION, RDF.predicate, SCHEMA.knows), RELATION, RDF.predicate, id="relation-bad-predicate"),
        pytest.param(_set(RELATION, RDF.object, Literal("Ministry")), RELATION, RDF.object, id="relation-object-literal"),
        pytest.param(_set(MENTION, KG.mentionCount, Literal(0)), MENTION, None, id="mention-count-statement-zero"),
        pytest.param(_drop_relation_triple, RELATION, None, id="reification-without-triple"),
        pytest.param(lambda g: g.remove((ARTICLE, SCHEMA.mentions, LEE)), MENTION, None, id="mention-count-without-mention"),
        pytest.param(_drop_reification, LEE, None, id="triple-without-reification"),
        pytest.param(_set(GROUP, KG.disagreement, Literal(False)), GROUP, None, id="group-disagreement-unmarked"),
        pytest.param(_remove(VALUE2, KG.sourceCount), VALUE2, KG.sourceCount, id="value-without-source-count"),
        pytest.param(_set(GROUP, SCHEMA.observationAbout, MINISTRY), GROUP, SCHEMA.observationAbout, id="group-place-agency"),
        pytest.param(_set(ID["co-mention/0"], KG.weight, Literal(0)), ID["co-mention/0"], KG.weight, id="co-mention-weight-0"),
        pytest.param(_set(LEE, KG.centrality, Literal(Decimal("1.5"))), LEE, KG.centrality, id="centrality-above-1"),
    ],
)
def test_violations(shapes: Graph, mutate: Callable[[Graph], None], focus: URIRef, path: URIRef | None) -> None:
    data = union(build())
    mutate(data)
    conforms, results = validate(data, shapes)
    assert not conforms
    hits = [r for r in results if r["focus"] == focus and r["path"] == path]
    assert hits, results
    assert all(r["message"] and r["message"] != "None" for r in hits)


def test_memberOf_from_place_names_the_problem(shapes: Graph) -> None:
    data = union(build())
    data.add((SOUTH_KOREA, KG.memberOf, MINISTRY))
    _, results = validate(data, shapes)
    messages = {r["message"] for r in results if r["focus"] == SOUTH_KOREA}
    assert "The subject of kg:memberOf must be a kg:Person." in messages


# ---------------------------------------------------------------------------
# queries/*.rq
# ---------------------------------------------------------------------------

QUERY_FILES = sorted(QUERIES.glob("*.rq"))


def test_query_library_is_complete() -> None:
    names = {p.name for p in QUERY_FILES}
    assert {
        "figures-over-time.rq",
        "who-said-what.rq",
        "people-roles.rq",
        "co-mentioned-pairs.rq",
        "articles-by-outlet.rq",
        "wikidata-links.rq",
        "figure-conflicts.rq",
        "person-roles-with-evidence.rq",
        "entity-types.rq",
    } <= names


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_parses_and_uses_only_kg_terms(path: pathlib.Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "a query starts with a comment saying what it answers"
    assert "Columns" in text
    prepareQuery(text)
    used = set(re.findall(r"\bkg:([A-Za-z]+)", text))
    assert used <= set(KG.__annotations__), used - set(KG.__annotations__)


def _oxigraph_store(ds: Dataset):  # type: ignore[no-untyped-def]
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    nquads = "".join(f"{s.n3()} {p.n3()} {o.n3()} {g.n3()} .\n" for s, p, o, g in ds.quads((None, None, None, None)))
    store.load(nquads.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    listings = _ox_term(LISTINGS_GRAPH)  # as a build writes them, from the graphs written before
    store.extend([pyoxigraph.Quad(*map(_ox_term, triple), listings) for triple in listing_triples(store)])
    assert len(list(store.named_graphs())) == 4  # entities, aggregates, listings and one article, as their union
    return store


def _run(store, name: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    solutions = store.query((QUERIES / name).read_text(encoding="utf-8"), use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def test_queries_run_on_oxigraph_union_graph() -> None:
    store = _oxigraph_store(build())
    for path in QUERY_FILES:
        _run(store, path.name)

    figures = _run(store, "figures-over-time.rq")
    assert len(figures) == 2
    first = figures[0]
    assert first["value"] == "1100" and first["unit"] == "person" and first["qualifier"] == "about"
    assert first["place"] == "South Korea" and first["source"] == "Ministry of Unification"
    assert first["outlet"] == "Yonhap" and first["start"] == "2015-01-01"

    said = _run(store, "who-said-what.rq")
    assert [(r["speaker"], r["role"], r["verb"], r["outlet"]) for r in said] == [
        ("Lee Min-ho", "spokesman", "said", "Yonhap")
    ]

    roles = _run(store, "people-roles.rq")
    assert [(r["person"], r["roles"], r["org"], r["orgType"]) for r in roles] == [
        ("Lee Min-ho", "spokesman", "Ministry of Unification", str(KG.Agency))
    ]
    evidence = _run(store, "person-roles-with-evidence.rq")
    assert evidence[0]["extractor"] == "appositive-role" and evidence[0]["evidence"] == BODY

    pairs = _run(store, "co-mentioned-pairs.rq")
    assert len(pairs) == 6  # 4 mentioned entities -> 6 unordered pairs
    assert all(r["a"] < r["b"] for r in pairs)

    outlets = _run(store, "articles-by-outlet.rq")
    assert [(r["outlet"], r["articles"], r["first"]) for r in outlets] == [("Yonhap", "1", "2015-12-01")]

    assert [(r["label"], r["wikidata"]) for r in _run(store, "wikidata-links.rq")] == [
        ("South Korea", str(WD.Q884))
    ]
    conflicts = _run(store, "figure-conflicts.rq")
    assert [(r["value"], r.get("qualifier"), r["sources"], r["place"]) for r in conflicts] == [
        ("1100", "about", "1", "South Korea"), ("1300", None, "1", "South Korea")
    ]
    assert [r["conflicts"] for r in figures] == ["1", "1"]

    central = _run(store, "central-entities.rq")
    assert [r["label"] for r in central] == ["Lee Min-ho", "Ministry of Unification", "North Korea", "South Korea"]
    assert {r["partners"] for r in central} == {"3"}

    types = {r["type"]: (r["entities"], r["linked"]) for r in _run(store, "entity-types.rq")}
    assert types[str(KG.Person)] == ("2", "0")
    assert types[str(KG.Place)] == ("2", "1")

