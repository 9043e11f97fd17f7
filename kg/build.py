"""Run the whole pipeline: ingest → nlp → extract → resolve → link → rdf → store (+ page, summary)."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.compare import mark_conflicts
from kg.errors import BuildError
from kg.extract import extract
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest import read_sources
from kg.link import link_entities
from kg.nlp import build_pipeline
from kg.rdf import to_dataset
from kg.records import Article, Extraction, Skipped
from kg.resolve import Resolution, resolve_corpus
from kg.store import HTML_FILE, GraphStore, write_summary

log = logging.getLogger(__name__)


@dataclass
class Summary:
    """What a build read, skipped and produced."""

    articles: int = 0
    skipped: list[dict] = field(default_factory=list)
    entities: dict[str, int] = field(default_factory=dict)
    figures: int = 0
    conflicts: int = 0
    relations: int = 0
    statements: int = 0
    linked: int = 0
    words: int = 0
    seconds: float = 0.0
    outputs: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def collect(sources: Iterable[str | Path]) -> tuple[list[Article], list[Skipped]]:
    """Read every source; the same article (same id) read twice counts once."""
    articles: dict[str, Article] = {}
    skipped: list[Skipped] = []
    for item in read_sources(sources):
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.id not in articles:
            articles[item.id] = item
    return list(articles.values()), skipped


def analyse(
    articles: list[Article],
    *,
    nlp=None,
    gazetteer: Gazetteer | None = None,
    model: str | None = None,
    batch_size: int = 32,
    on_article: Callable[[], None] | None = None,
) -> list[Extraction]:
    """Run the spaCy pipeline and the extractors over the articles."""
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    nlp = nlp or build_pipeline(model, gazetteer=gazetteer)
    extractions = []
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=batch_size)):
        extractions.append(extract(doc, article, gazetteer))
        if on_article:
            on_article()
    return extractions


def graph_of(extractions: list[Extraction], gazetteer: Gazetteer) -> tuple[Resolution, int]:
    """Resolve entities across articles and link them."""
    resolution = resolve_corpus(extractions, gazetteer)
    linked = link_entities(resolution, gazetteer)
    return resolution, linked


def build(
    sources: Iterable[str | Path],
    out: str | Path,
    *,
    model: str | None = None,
    gazetteer_path: str | Path | None = None,
    nlp=None,
    page: bool = True,
    on_article: Callable[[], None] | None = None,
) -> Summary:
    """Build the graph of the sources into the folder `out`: DIR/oxigraph, DIR/graph.trig, DIR/graph.html."""
    started = time.perf_counter()
    out = Path(out)
    articles, skipped = collect(sources)
    summary = Summary(skipped=[{"source": s.source, "reason": s.reason} for s in skipped])
    if not articles:
        raise BuildError(
            "nothing to build: no source could be read" + (f" ({len(skipped)} skipped)" if skipped else "")
        )
    gazetteer = load_gazetteer(gazetteer_path)
    extractions = analyse(articles, nlp=nlp, gazetteer=gazetteer, model=model, on_article=on_article)
    resolution, linked = graph_of(extractions, gazetteer)
    summary.conflicts = len(mark_conflicts(extractions))
    dataset = to_dataset(extractions, resolution)
    store = GraphStore.create(out)
    store.replace(dataset)
    summary.outputs["trig"] = str(store.export_trig())
    if page:
        from kg.viz import write_page

        summary.outputs["html"] = str(write_page(store, out / HTML_FILE)[0])
    summary.articles = len(articles)
    summary.entities = dict(sorted(Counter(e.type for e in resolution.entities.values()).items()))
    summary.figures = sum(len(x.figures) for x in extractions)
    summary.relations = sum(len(x.relations) for x in extractions)
    summary.statements = sum(len(x.statements) for x in extractions)
    summary.linked = linked
    summary.words = sum(len(a.text.split()) for a in articles)
    summary.seconds = round(time.perf_counter() - started, 3)
    write_summary(out, summary.as_dict())
    return summary
