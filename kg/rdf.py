"""Write extractions as RDF in kg's vocabulary (docs/graph-shape.md): one named graph per
article, one graph of canonical entities, deterministic IRIs."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.aggregates import Aggregates
from kg.compare import FigureGroup
from kg.geo import GEONAMES
from kg.namespace import ID, KG, NIF, QB, SCHEMA, WD, bind_prefixes
from kg.records import Article, Entity, Extraction, Figure
from kg.resolve import Resolution, slugify

SCHEMA_CLASS = {
    "Person": SCHEMA.Person,
    "Agency": SCHEMA.GovernmentOrganization,
    "Outlet": SCHEMA.NewsMediaOrganization,
    "Organization": SCHEMA.Organization,
    "Place": SCHEMA.Place,
}
RELATION_PREDICATES = {
    "memberOf": KG.memberOf,
    "leads": KG.leads,
    "locatedIn": KG.locatedIn,
    "relativeOf": KG.relativeOf,
    "defectedTo": KG.defectedTo,
}
ENTITIES_GRAPH = ID["graph/entities"]
AGGREGATES_GRAPH = ID["graph/aggregates"]


def article_hash(article: Article) -> str:
    """The short hash that names an article's IRIs."""
    return hashlib.sha1(article.id.encode("utf-8")).hexdigest()[:16]


def article_iri(article: Article) -> URIRef:
    return ID[f"article/{article_hash(article)}"]


def figure_iri(article_id: str, number: int) -> URIRef:
    """The IRI of the `number`-th (1-based) figure of the article with id `article_id`."""
    return ID[f"figure/{hashlib.sha1(article_id.encode('utf-8')).hexdigest()[:16]}-{number}"]


def graph_iri(article: Article) -> URIRef:
    return ID[f"graph/{article_hash(article)}"]


def entity_iri(entity: Entity) -> URIRef:
    return ID[f"entity/{entity.key}"]


def content_hash(article: Article) -> str:
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def _decimal(value: float) -> Literal:
    text = f"{value:.6f}".rstrip("0").rstrip(".") if not float(value).is_integer() else str(int(value))
    return Literal(text, datatype=XSD.decimal)


_RANGE_GAP = re.compile(r"\s*(?:to|-|–|and)\s*", re.I)


def range_bounds(figures: list[Figure], text: str) -> dict[int, tuple[float, float]]:
    """The figures that are the two bounds of one range ("between 6,000 and 16,000", "18 to 25 percent"),
    by index, each with the range's (low, high)."""
    found: dict[int, tuple[float, float]] = {}
    for i, (low, high) in enumerate(zip(figures, figures[1:], strict=False)):
        if (
            (low.qualifier, high.qualifier) == ("at least", "up to")
            and low.unit == high.unit
            and low.evidence.start == high.evidence.start
            and _RANGE_GAP.fullmatch(text[low.end : high.start])
        ):
            found[i] = found[i + 1] = (low.value, high.value)
    return found


_BODIES = ("Agency", "Organization", "Outlet")
#: The subject and object types each relation admits (ontology/shapes.ttl).
RELATION_TYPES = {
    "memberOf": {("Person", b) for b in _BODIES},
    "leads": {("Person", b) for b in _BODIES},
    "relativeOf": {("Person", "Person")},
    "defectedTo": {("Person", "Place")},
}


def observation_date(figure: Figure, article: Article) -> date | None:
    """The day a figure is placed at on a timeline: the end of its period, else the day the text says it
    holds, else the article's publication date."""
    return figure.period_end or figure.as_of or article.published


def _evidence(graph: Graph, node: URIRef, evidence) -> None:
    graph.add((node, KG.evidence, Literal(evidence.text)))
    graph.add((node, NIF.beginIndex, Literal(evidence.start, datatype=XSD.integer)))
    graph.add((node, NIF.endIndex, Literal(evidence.end, datatype=XSD.integer)))


def entities_graph(dataset: Dataset, resolution: Resolution) -> Graph:
    """The canonical entities: types, label, every surface form, Wikidata link, mention count."""
    graph = dataset.graph(ENTITIES_GRAPH)
    for entity in resolution.entities.values():
        node = entity_iri(entity)
        graph.add((node, RDF.type, KG.Entity))
        graph.add((node, RDF.type, KG[entity.type]))
        graph.add((node, RDF.type, SCHEMA_CLASS[entity.type]))
        graph.add((node, RDFS.label, Literal(entity.label)))
        for alias in sorted(entity.aliases - {entity.label}):
            graph.add((node, SKOS.altLabel, Literal(alias)))
        if entity.wikidata:
            graph.add((node, OWL.sameAs, WD[entity.wikidata]))
        if entity.place is not None and entity.place.geonames is not None:
            place_triples(graph, node, entity)
        graph.add((node, KG.mentionCount, Literal(max(entity.mentions, 1), datatype=XSD.integer)))
    return graph


def place_triples(graph: Graph, node: URIRef, entity: Entity) -> None:
    """A place's GeoNames link, coordinates and country (docs/graph-shape.md)."""
    place = entity.place
    graph.add((node, OWL.sameAs, URIRef(GEONAMES.format(place.geonames))))
    if place.latitude is not None and place.longitude is not None:
        geo = ID[f"geo/{entity.key}"]
        graph.add((node, SCHEMA.geo, geo))
        graph.add((geo, RDF.type, SCHEMA.GeoCoordinates))
        graph.add((geo, SCHEMA.latitude, _decimal(place.latitude)))
        graph.add((geo, SCHEMA.longitude, _decimal(place.longitude)))
    if place.country is not None:
        country = URIRef(GEONAMES.format(place.country))
        graph.add((node, SCHEMA.containedInPlace, country))  # not typed: the country is GeoNames', not an entity
        if place.country_name:
            graph.add((country, RDFS.label, Literal(place.country_name)))


def article_graph(dataset: Dataset, extraction: Extraction, resolution: Resolution) -> Graph:
    """Everything read from one article, in its own named graph."""
    article = extraction.article
    graph = dataset.graph(graph_iri(article))
    node = article_iri(article)
    h = article_hash(article)

    def entity(name: str | None) -> URIRef | None:
        found = resolution.entity(article.id, name)
        return entity_iri(found) if found else None

    def entity_named(surface: str | None) -> URIRef | None:
        """An entity of this article whose name or surface form is `surface`."""
        if not surface:
            return None
        for mention in extraction.mentions:
            if surface.lower() in (mention.name.lower(), mention.text.lower()):
                return entity(mention.name)
        return None

    def metadata_entity(name: str | None, kind: str) -> URIRef | None:
        """The entity for an outlet or author given as metadata: one of this article, one of the
        corpus with that name, else a new entity described by the metadata alone."""
        if not name:
            return None
        found = entity_named(name)
        if found is not None:
            return found
        known = resolution.named(kind, name)
        if known is not None:
            return entity_iri(known)
        node = ID[f"entity/{slugify(name)}-{kind.lower()}"]
        entities = dataset.graph(ENTITIES_GRAPH)
        for cls in (KG.Entity, KG[kind], SCHEMA_CLASS[kind]):
            entities.add((node, RDF.type, cls))
        entities.add((node, RDFS.label, Literal(name.strip())))
        return node

    graph.add((node, RDF.type, KG.Article))
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, SCHEMA.articleBody, Literal(article.text)))
    graph.add((node, KG.contentHash, Literal(content_hash(article))))
    if article.title:
        graph.add((node, SCHEMA.headline, Literal(article.title)))
    if article.published:
        graph.add((node, SCHEMA.datePublished, Literal(article.published.isoformat(), datatype=XSD.date)))
    if article.url:
        graph.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    author = metadata_entity(article.author, "Person")
    if author is not None:
        graph.add((node, SCHEMA.author, author))
    outlet = metadata_entity(article.outlet, "Outlet")
    if article.source is not None:  # a post based on another outlet's story
        source = ID[f"source/{h}"]
        graph.add((node, SCHEMA.isBasedOn, source))
        graph.add((source, RDF.type, KG.SourceStory))
        graph.add((source, RDF.type, SCHEMA.CreativeWork))
        story = article.source
        if story and story.headline:
            graph.add((source, SCHEMA.headline, Literal(story.headline)))
        publisher = metadata_entity(story.outlet if story and story.outlet else article.outlet, "Outlet")
        if publisher is not None:
            graph.add((source, SCHEMA.publisher, publisher))
        if story and story.author:
            graph.add((source, SCHEMA.author, Literal(story.author)))
    elif outlet is not None:
        graph.add((node, SCHEMA.publisher, outlet))

    counts = Counter(resolution.index.get((article.id, m.name)) for m in extraction.mentions)
    for number, (key, count) in enumerate(sorted((k, c) for k, c in counts.items() if k), start=1):
        target = entity_iri(resolution.entities[key])
        graph.add((node, SCHEMA.mentions, target))
        mention = ID[f"mention/{h}-{number}"]
        graph.add((mention, RDF.type, RDF.Statement))
        graph.add((mention, RDF.subject, node))
        graph.add((mention, RDF.predicate, SCHEMA.mentions))
        graph.add((mention, RDF.object, target))
        graph.add((mention, KG.mentionCount, Literal(count, datatype=XSD.integer)))

    bounds = range_bounds(extraction.figures, article.text)
    for number, figure in enumerate(extraction.figures, start=1):
        fig = figure_iri(article.id, number)
        if number - 1 in bounds:  # either bound of "between 6,000 and 16,000" gives the whole range
            low, high = bounds[number - 1]
            graph.add((fig, SCHEMA.minValue, _decimal(low)))
            graph.add((fig, SCHEMA.maxValue, _decimal(high)))
        for cls in (KG.Figure, SCHEMA.Observation, QB.Observation):
            graph.add((fig, RDF.type, cls))
        graph.add((fig, RDFS.label, Literal(figure.text)))
        graph.add((fig, SCHEMA.value, _decimal(figure.value)))
        graph.add((fig, SCHEMA.unitText, Literal(figure.unit)))
        graph.add((fig, SCHEMA.variableMeasured, Literal(figure.measured)))
        if figure.period_start:
            graph.add((fig, SCHEMA.startDate, Literal(figure.period_start.isoformat(), datatype=XSD.date)))
        if figure.period_end:
            graph.add((fig, SCHEMA.endDate, Literal(figure.period_end.isoformat(), datatype=XSD.date)))
        if observed := observation_date(figure, article):
            graph.add((fig, SCHEMA.observationDate, Literal(observed.isoformat(), datatype=XSD.date)))
        place = entity(figure.place)
        if place is not None:
            graph.add((fig, SCHEMA.observationAbout, place))
        source = entity(figure.source)
        if source is not None:
            graph.add((fig, PROV.wasAttributedTo, source))
        graph.add((fig, PROV.wasDerivedFrom, node))
        if figure.qualifier:
            graph.add((fig, KG.qualifier, Literal(figure.qualifier)))
        graph.add((fig, KG.evidence, Literal(figure.evidence.text)))
        graph.add((fig, NIF.beginIndex, Literal(figure.start, datatype=XSD.integer)))
        graph.add((fig, NIF.endIndex, Literal(figure.end, datatype=XSD.integer)))

    for number, relation in enumerate(extraction.relations, start=1):
        subject, obj = entity(relation.subject), entity(relation.object)
        if subject is None or obj is None:
            continue  # never a triple whose ends are not grounded in the text
        kinds = (resolution.entity(article.id, relation.subject).type, resolution.entity(article.id, relation.object).type)
        if relation.predicate in RELATION_TYPES and kinds not in RELATION_TYPES[relation.predicate]:
            continue  # the ends were typed otherwise across the corpus: the shapes would refuse the triple
        predicate = RELATION_PREDICATES[relation.predicate]
        graph.add((subject, predicate, obj))
        rel = ID[f"relation/{h}-{number}"]
        graph.add((rel, RDF.type, RDF.Statement))
        graph.add((rel, RDF.subject, subject))
        graph.add((rel, RDF.predicate, predicate))
        graph.add((rel, RDF.object, obj))
        if relation.role:
            graph.add((rel, KG.role, Literal(relation.role)))
        graph.add((rel, KG.confidence, _decimal(relation.confidence)))
        graph.add((rel, KG.extractor, Literal(relation.extractor)))
        graph.add((rel, PROV.wasDerivedFrom, node))
        _evidence(graph, rel, relation.evidence)

    for number, statement in enumerate(extraction.statements, start=1):
        speaker = entity(statement.speaker)
        if speaker is None:
            continue
        st = ID[f"statement/{h}-{number}"]
        graph.add((st, RDF.type, KG.Statement))
        graph.add((st, RDF.type, SCHEMA.Quotation))
        graph.add((st, PROV.wasAttributedTo, speaker))
        graph.add((st, SCHEMA.text, Literal(statement.text)))
        graph.add((st, KG.verb, Literal(statement.verb)))
        if statement.role:
            graph.add((st, KG.role, Literal(statement.role)))
        for name in statement.mentions:
            about = entity(name)
            if about is not None:
                graph.add((st, SCHEMA.mentions, about))
        graph.add((st, PROV.wasDerivedFrom, node))
        _evidence(graph, st, statement.evidence)
    return graph


class Quads:
    """Quads collected as `article_graph` and friends write them, for the store: a list, without the
    indexes an rdflib Dataset keeps (which would cost more than the writing itself)."""

    def __init__(self, items: Iterable[tuple] | None = None) -> None:
        self.items: list[tuple] | Iterable[tuple] = [] if items is None else items

    def graph(self, name: URIRef) -> _QuadSink:
        return _QuadSink(self.items, name)


class _QuadSink:
    __slots__ = ("items", "name")

    def __init__(self, items: list[tuple], name: URIRef):
        self.items, self.name = items, name

    def add(self, triple: tuple) -> None:
        self.items.append((*triple, self.name))


def article_dataset(extraction: Extraction, resolution: Resolution) -> Quads:
    """One article's named graph (and any entity its metadata alone describes), as quads for the store."""
    quads = Quads()
    article_graph(quads, extraction, resolution)  # type: ignore[arg-type]
    return quads


def entities_dataset(resolution: Resolution) -> Quads:
    """The graph of canonical entities, as quads for the store."""
    quads = Quads()
    entities_graph(quads, resolution)  # type: ignore[arg-type]
    return quads


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def group_iri(group: FigureGroup) -> URIRef:
    return ID[f"figure-group/{_hash(group.measure, group.unit, group.start, group.end, group.place)}"]


def aggregates_dataset(aggregates: Aggregates, resolution: Resolution) -> Quads:
    """The build's aggregates graph: entity counts, degree and centrality; co-mention weights; figure groups.
    Its quads are made as the store takes them, never all at once."""
    return Quads((*triple, AGGREGATES_GRAPH) for triple in _aggregate_triples(aggregates, resolution))


def _aggregate_triples(aggregates: Aggregates, resolution: Resolution) -> Iterator[tuple]:
    """The triples of the aggregates graph, one at a time."""
    integer = lambda n: Literal(str(n), datatype=XSD.integer)  # noqa: E731
    entities = resolution.entities
    ranked = sorted(aggregates.articles, key=lambda k: (-aggregates.articles[k], -entities[k].mentions, entities[k].label))
    for rank, key in enumerate(ranked, start=1):
        node = entity_iri(entities[key])
        yield (node, KG.articleCount, integer(aggregates.articles[key]))
        yield (node, KG.degree, integer(aggregates.degree[key]))
        yield (node, KG.centrality, _decimal(round(aggregates.centrality(key), 6)))
        yield (node, KG.rank, integer(rank))
    pairs = sorted(aggregates.pairs, key=lambda p: (-aggregates.pairs[p], entities[p[0]].label, entities[p[1]].label))
    for rank, (a, b) in enumerate(pairs, start=1):
        pair = ID[f"co-mention/{_hash(a, b)}"]
        yield (pair, RDF.type, KG.CoMention)
        yield (pair, KG.first, entity_iri(entities[a]))
        yield (pair, KG.second, entity_iri(entities[b]))
        yield (pair, KG.weight, integer(aggregates.pairs[(a, b)]))
        yield (pair, KG.rank, integer(rank))
    for group in aggregates.groups:
        node = group_iri(group)
        yield (node, RDF.type, KG.FigureGroup)
        yield (node, KG.measure, Literal(group.measure))
        yield (node, SCHEMA.variableMeasured, Literal(group.label))
        yield (node, SCHEMA.unitText, Literal(group.unit))
        if group.start:
            yield (node, SCHEMA.startDate, Literal(group.start.isoformat(), datatype=XSD.date))
        if group.end:
            yield (node, SCHEMA.endDate, Literal(group.end.isoformat(), datatype=XSD.date))
        if group.place:
            yield (node, SCHEMA.observationAbout, entity_iri(resolution.entities[group.place]))
        yield (node, KG.disagreement, Literal(group.disagreement))
        yield (node, KG.figureCount, integer(len(group.figures)))
        yield (node, KG.valueCount, integer(len(group.values)))
        for number, reported in enumerate(group.values, start=1):
            value = ID[f"{node[len(ID):]}-{number}"]
            yield (node, KG.reportedValue, value)
            yield (value, RDF.type, KG.ReportedValue)
            yield (value, SCHEMA.value, _decimal(reported.value))
            if reported.qualifier:
                yield (value, KG.qualifier, Literal(reported.qualifier))
            yield (value, KG.sourceCount, integer(reported.sources))
            yield (value, KG.figureCount, integer(len(reported.figures)))
            yield (value, KG.disagreeingFigures, integer(reported.disagreeing))
            for ref in reported.figures:
                fig = figure_iri(ref.article, ref.number)
                yield (node, KG.figure, fig)
                yield (value, KG.figure, fig)


def to_dataset(extractions: list[Extraction], resolution: Resolution) -> Dataset:
    """The whole build as an rdflib Dataset (in memory)."""
    dataset = Dataset()
    bind_prefixes(dataset)
    entities_graph(dataset, resolution)
    for extraction in extractions:
        article_graph(dataset, extraction, resolution)
    return dataset
