"""kg.rdf: the output graph's shape (docs/graph-shape.md), determinism and SHACL validity."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import JSONL_RECORD, POST1_TITLE, POST2_TITLE
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF, RDFS, Namespace

from kg.namespace import ID, KG, NIF, QB, SCHEMA, WD
from kg.rdf import ENTITIES_GRAPH, article_hash, article_iri, graph_iri, to_dataset
from kg.validate import validate

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain Namespace: rdflib's XSD warns when pytest probes it


@pytest.fixture(scope="module")
def dataset(analysed):
    _, extractions, resolution = analysed
    return to_dataset(extractions, resolution)


def by_title(articles, title):
    return next(a for a in articles if a.title == title)


def entity_labelled(dataset, label):
    graph = dataset.graph(ENTITIES_GRAPH)
    found = list(graph.subjects(RDFS.label, Literal(label)))
    assert len(found) == 1, f"one entity labelled {label!r}, got {found}"
    return found[0]


def graph_names(dataset):
    return {g.identifier for g in dataset.graphs() if len(g)}


def test_same_input_gives_isomorphic_graphs(analysed):
    _, extractions, resolution = analysed
    first, second = to_dataset(extractions, resolution), to_dataset(extractions, resolution)
    assert graph_names(first) == graph_names(second)
    for name in graph_names(first):
        assert isomorphic(first.graph(name), second.graph(name)), name
    # deterministic IRIs: the very same triples, not just the same shape
    assert set(first.quads()) == set(second.quads())


def test_every_article_has_its_own_named_graph(analysed, dataset):
    articles, _, _ = analysed
    expected = {graph_iri(a) for a in articles} | {ENTITIES_GRAPH}
    assert graph_names(dataset) == expected
    for article in articles:
        graph = dataset.graph(graph_iri(article))
        assert (article_iri(article), RDF.type, KG.Article) in graph
        assert (article_iri(article), RDF.type, SCHEMA.NewsArticle) in graph
        assert (article_iri(article), SCHEMA.articleBody, Literal(article.text)) in graph
        # nothing of another article in this graph
        for other in articles:
            if other is not article:
                assert (article_iri(other), None, None) not in graph


def test_article_iris_follow_the_sha1_rule(analysed):
    import hashlib

    articles, _, _ = analysed
    for article in articles:
        h = hashlib.sha1(article.id.encode()).hexdigest()[:16]
        assert article_hash(article) == h
        assert graph_iri(article) == URIRef(f"https://w3id.org/kg/id/graph/{h}")
        assert article_iri(article) == URIRef(f"https://w3id.org/kg/id/article/{h}")


def test_article_metadata(analysed, dataset):
    articles, _, _ = analysed
    post = by_title(articles, POST1_TITLE)
    graph = dataset.graph(graph_iri(post))
    node = article_iri(post)
    assert graph.value(node, SCHEMA.headline) == Literal(POST1_TITLE)
    assert graph.value(node, SCHEMA.datePublished) == Literal("2016-01-04", datatype=XSD.date)
    source = graph.value(node, SCHEMA.isBasedOn)
    assert source is not None
    assert (source, RDF.type, KG.SourceStory) in graph
    assert graph.value(source, SCHEMA.headline) == Literal("Number of N.K. defectors halves in Kim Jong-un era")
    assert graph.value(source, SCHEMA.publisher) == entity_labelled(dataset, "Yonhap News Agency")
    web = by_title(articles, JSONL_RECORD["title"])
    assert dataset.graph(graph_iri(web)).value(article_iri(web), SCHEMA.url) == Literal(JSONL_RECORD["url"], datatype=XSD.anyURI)


def test_jsonl_outlet_and_author_are_kept(analysed, dataset):
    articles, _, _ = analysed
    web = by_title(articles, JSONL_RECORD["title"])
    graph = dataset.graph(graph_iri(web))
    publisher = graph.value(article_iri(web), SCHEMA.publisher)
    assert publisher is not None
    assert dataset.graph(ENTITIES_GRAPH).value(publisher, RDFS.label) == Literal("Daily NK")
    assert graph.value(article_iri(web), SCHEMA.author) is not None


def test_mentions_are_counted(analysed, dataset):
    articles, _, _ = analysed
    post = by_title(articles, POST1_TITLE)
    graph = dataset.graph(graph_iri(post))
    node = article_iri(post)
    ministry = entity_labelled(dataset, "Ministry of Unification")
    assert (node, SCHEMA.mentions, ministry) in graph
    counts = [
        graph.value(m, KG.mentionCount).toPython()
        for m in graph.subjects(RDF.object, ministry)
        if (m, RDF.predicate, SCHEMA.mentions) in graph
    ]
    assert counts == [1]  # "the Unification Ministry", once


def test_entities_graph(dataset):
    graph = dataset.graph(ENTITIES_GRAPH)
    south = entity_labelled(dataset, "South Korea")
    assert south == ID["entity/south-korea"]
    assert {KG.Entity, KG.Place, SCHEMA.Place} <= set(graph.objects(south, RDF.type))
    assert (south, OWL.sameAs, WD.Q884) in graph
    # South Korea is named in three of the four articles
    assert graph.value(south, KG.mentionCount).toPython() >= 3
    ministry = entity_labelled(dataset, "Ministry of Unification")
    assert {KG.Agency, SCHEMA.GovernmentOrganization} <= set(graph.objects(ministry, RDF.type))
    assert Literal("Unification Ministry") in set(graph.objects(ministry, URIRef("http://www.w3.org/2004/02/skos/core#altLabel")))
    for entity in graph.subjects(RDF.type, KG.Entity):
        assert len(list(graph.objects(entity, RDFS.label))) == 1


def test_figures_are_derived_from_their_article(analysed, dataset):
    articles, _, _ = analysed
    total = 0
    for article in articles:
        graph = dataset.graph(graph_iri(article))
        for figure in graph.subjects(RDF.type, KG.Figure):
            total += 1
            assert (figure, PROV.wasDerivedFrom, article_iri(article)) in graph
            assert {SCHEMA.Observation, QB.Observation} <= set(graph.objects(figure, RDF.type))
            begin, end = graph.value(figure, NIF.beginIndex).toPython(), graph.value(figure, NIF.endIndex).toPython()
            assert article.text[begin:end] == str(graph.value(figure, RDFS.label))
    assert total >= 3


def test_the_1277_figure(analysed, dataset):
    articles, _, _ = analysed
    post = by_title(articles, POST1_TITLE)
    graph = dataset.graph(graph_iri(post))
    (figure,) = [f for f in graph.subjects(RDF.type, KG.Figure) if graph.value(f, SCHEMA.value).toPython() == Decimal(1277)]
    assert graph.value(figure, SCHEMA.value).datatype == XSD.decimal
    assert graph.value(figure, SCHEMA.unitText) == Literal("person")
    assert graph.value(figure, SCHEMA.startDate) == Literal("2015-01-01", datatype=XSD.date)
    assert graph.value(figure, SCHEMA.endDate) == Literal("2015-12-31", datatype=XSD.date)
    assert graph.value(figure, SCHEMA.observationAbout) == entity_labelled(dataset, "South Korea")
    assert graph.value(figure, PROV.wasAttributedTo) == entity_labelled(dataset, "Ministry of Unification")
    assert "1,277 North Koreans arrived" in str(graph.value(figure, KG.evidence))


def test_the_978_figure(analysed, dataset):
    articles, _, _ = analysed
    post = by_title(articles, POST2_TITLE)
    graph = dataset.graph(graph_iri(post))
    (figure,) = [f for f in graph.subjects(RDF.type, KG.Figure) if graph.value(f, SCHEMA.value).toPython() == Decimal(978)]
    assert graph.value(figure, SCHEMA.startDate) == Literal("2015-01-01", datatype=XSD.date)
    assert graph.value(figure, SCHEMA.endDate) == Literal("2015-10-31", datatype=XSD.date)


def test_relations_are_triples_with_a_reification(analysed, dataset):
    articles, _, _ = analysed
    post = by_title(articles, POST1_TITLE)
    graph = dataset.graph(graph_iri(post))
    lee, nis = entity_labelled(dataset, "Lee Byung-ho"), entity_labelled(dataset, "National Intelligence Service")
    assert (lee, KG.leads, nis) in graph
    (statement,) = [
        s for s in graph.subjects(RDF.type, RDF.Statement)
        if (s, RDF.subject, lee) in graph and (s, RDF.predicate, KG.leads) in graph and (s, RDF.object, nis) in graph
    ]
    assert graph.value(statement, KG.role) == Literal("chief")
    assert "NIS chief Lee Byung-ho" in str(graph.value(statement, KG.evidence))
    confidence = graph.value(statement, KG.confidence)
    assert confidence.datatype == XSD.decimal and 0 <= confidence.toPython() <= 1
    assert graph.value(statement, KG.extractor) is not None
    assert (statement, PROV.wasDerivedFrom, article_iri(post)) in graph
    begin, end = graph.value(statement, NIF.beginIndex).toPython(), graph.value(statement, NIF.endIndex).toPython()
    assert post.text[begin:end] == str(graph.value(statement, KG.evidence))


def test_every_relation_triple_has_its_reification(dataset):
    predicates = {KG.memberOf, KG.leads, KG.relativeOf, KG.locatedIn, KG.defectedTo}
    count = 0
    for graph in dataset.graphs():
        for s, p, o in graph:
            if p not in predicates:
                continue
            count += 1
            reified = [r for r in graph.subjects(RDF.subject, s) if (r, RDF.predicate, p) in graph and (r, RDF.object, o) in graph]
            assert reified, (s, p, o)
            for r in reified:
                assert graph.value(r, KG.evidence) is not None
                assert graph.value(r, KG.confidence) is not None
                assert graph.value(r, KG.extractor) is not None
    assert count >= 3  # leads (twice: two articles), memberOf, relativeOf, defectedTo


def test_kinship_and_defection_from_the_plain_article(dataset):
    thae, south = entity_labelled(dataset, "Thae Yong-ho"), entity_labelled(dataset, "South Korea")
    jang, kim = entity_labelled(dataset, "Jang Song-thaek"), entity_labelled(dataset, "Kim Jong-un")
    assert any(dataset.quads((thae, KG.defectedTo, south, None)))
    assert any(dataset.quads((jang, KG.relativeOf, kim, None)))


def test_statements(dataset):
    cho = entity_labelled(dataset, "Cho Dong-ho")
    found = [(s, g) for s, _, _, g in dataset.quads((None, PROV.wasAttributedTo, cho, None))]
    statements = [(s, g) for s, g in found if (s, RDF.type, KG.Statement) in dataset.graph(g)]
    assert len(statements) == 1
    ((node, name),) = statements
    graph = dataset.graph(name)
    assert "tighter than ever" in str(graph.value(node, SCHEMA.text))
    assert graph.value(node, KG.verb) == Literal("said")
    assert (node, RDF.type, SCHEMA.Quotation) in graph


def test_a_build_conforms_to_the_shapes(dataset):
    report = validate(dataset)
    assert report.conforms, report.text
    assert report.violations == 0


def test_a_broken_graph_does_not_conform(analysed):
    _, extractions, resolution = analysed
    dataset = to_dataset(extractions, resolution)
    graph = dataset.graph(ENTITIES_GRAPH)
    south = ID["entity/south-korea"]
    graph.add((south, RDFS.label, Literal("Republic of Korea")))  # a second label
    report = validate(dataset)
    assert not report.conforms
    assert report.violations >= 1


def test_both_bounds_of_a_range_carry_the_range(nlp, gazetteer):
    from kg.extract import extract
    from kg.records import Article
    from kg.resolve import resolve_corpus

    text = (
        "The ministry said brokers now charge between 6,000 and 16,000 dollars per person. "
        "It said 300 people crossed last year."
    )
    article = Article(id="test:range", text=text, origin="test", title="Range")
    extraction = extract(nlp(text), article, gazetteer)
    dataset = to_dataset([extraction], resolve_corpus([extraction], gazetteer))
    graph = dataset.graph(graph_iri(article))
    ranged = {
        graph.value(f, SCHEMA.value).toPython(): (graph.value(f, SCHEMA.minValue), graph.value(f, SCHEMA.maxValue))
        for f in graph.subjects(RDF.type, KG.Figure)
    }
    bounds = (Literal(Decimal(6000)), Literal(Decimal(16000)))
    assert ranged[Decimal(6000)] == bounds
    assert ranged[Decimal(16000)] == bounds
    assert ranged[Decimal(300)] == (None, None)  # not part of a range
    assert validate(dataset).conforms
