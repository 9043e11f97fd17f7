"""Small typed records that the stages pass to each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

ENTITY_TYPES = ("Person", "Agency", "Outlet", "Organization", "Place")


@dataclass(frozen=True)
class SourceStory:
    """The story an article is based on ("Read the full story here:")."""

    headline: str | None = None
    outlet: str | None = None
    author: str | None = None


@dataclass
class Article:
    """One ingested article. `text` is the body that extraction reads."""

    id: str
    text: str
    origin: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    source: SourceStory | None = None
    duplicates: list[str] = field(default_factory=list)  # origins of other copies of the same story


@dataclass(frozen=True)
class Skipped:
    """A source (or part of one) that could not be read, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Evidence:
    """A sentence of an article and its character offsets in the article text."""

    text: str
    start: int
    end: int


@dataclass
class Mention:
    """A span of article text naming an entity. `name` is the in-article canonical name."""

    text: str
    start: int
    end: int
    type: str
    name: str
    rule: str = "model"


@dataclass
class Figure:
    """A reported number with what it counts, its period, place and source."""

    value: float
    unit: str
    measured: str
    text: str
    start: int
    end: int
    evidence: Evidence
    period_start: date | None = None
    period_end: date | None = None
    place: str | None = None
    source: str | None = None
    qualifier: str | None = None
    as_of: date | None = None  # the day the text says an undated figure holds ("as of the end of June")


@dataclass
class Relation:
    """A typed relation between two named entities of one article."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    role: str | None = None
    confidence: float = 0.8
    extractor: str = "rule"


@dataclass
class Statement:
    """A quote or a claim attributed to a speaker."""

    speaker: str
    text: str
    verb: str
    evidence: Evidence
    role: str | None = None
    mentions: list[str] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything extracted from one article. Names refer to `Mention.name`."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def type_of(self, name: str) -> str | None:
        """The type of the entity called `name` in this article."""
        for mention in self.mentions:
            if mention.name == name:
                return mention.type
        return None


@dataclass
class PlaceLink:
    """A place's GeoNames link (kg.geo), or, with no `geonames` id, why there is none. `rule` says how it was chosen."""

    geonames: int | None = None
    name: str | None = None  # the GeoNames record's name
    kind: str | None = None  # country, continent, subdivision or city
    latitude: float | None = None
    longitude: float | None = None
    country: int | None = None  # the GeoNames id of the country it lies in
    country_name: str | None = None
    rule: str = ""
    score: float | None = None
    candidates: int = 0


@dataclass
class Entity:
    """One real entity across the corpus, with every surface form seen."""

    key: str
    label: str
    type: str
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None
    wikidata_rule: str | None = None  # why it has that id: gazetteer, curation, or Wikidata search (kg.wikidata)
    mentions: int = 0
    merges: list[tuple[str, str]] = field(default_factory=list)  # (surface form, rule)
    place: PlaceLink | None = None  # a Place's GeoNames link (kg.geo)
