"""Run the whole pipeline: ingest → nlp → extract → resolve → link → rdf → store (+ page, summary).

Builds are incremental: the spaCy pipeline runs only on articles whose extraction is not in DIR's
cache (kg/cache.py); everything across articles (resolution, links, conflicts, RDF, the store) is
recomputed from all extractions, so a rebuild gives the same graph as a build from scratch.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.cache import ExtractionCache, Manifest, SourceEntry, fingerprint, model_identity
from kg.compare import mark_conflicts
from kg.curation import Curation, apply_curation, apply_links, load_curation
from kg.errors import BuildError
from kg.extract import extract
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest import SourceFile, read_files, read_sources
from kg.learn import Choices, load_choices
from kg.link import LINKS_FILE, link_entities, links_record
from kg.nlp import build_pipeline, pipe_texts
from kg.rdf import to_dataset
from kg.records import Article, Extraction, Skipped
from kg.resolve import MERGES_FILE, Resolution, merges_record, resolve_corpus
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
    places_linked: int = 0  # Place entities with a GeoNames link
    places: int = 0
    online: dict = field(default_factory=dict)  # what online Wikidata linking did (kg.wikidata), if it ran
    words: int = 0
    seconds: float = 0.0
    outputs: dict[str, str] = field(default_factory=dict)
    analysed: int = 0  # articles run through the spaCy pipeline in this build
    reused: int = 0  # articles whose extraction came from DIR's cache
    duplicates: list[dict] = field(default_factory=list)  # one story read from several sources
    kept: list[dict] = field(default_factory=list)  # earlier sources kept as built (not named, or failing now)
    pruned: list[str] = field(default_factory=list)  # earlier sources dropped by --prune

    def as_dict(self) -> dict:
        return asdict(self)


def _text_key(text: str) -> str:
    """Text with case, punctuation and spacing left out: near-identical copies share it."""
    return hashlib.sha1(" ".join(re.sub(r"[\W_]+", " ", text.casefold()).split()).encode("utf-8")).hexdigest()


def dedupe(articles: Iterable[Article]) -> list[Article]:
    """One article per story: the same id (URL) or near-identical text is one article, which keeps the
    copy with a URL, fills its missing metadata from the others and lists their origins in `duplicates`."""
    kept: list[Article] = []
    index: dict[str, int] = {}
    for article in articles:
        keys = (article.id, _text_key(article.text))
        number = next((index[k] for k in keys if k in index), None)
        if number is None:
            index.update(dict.fromkeys(keys, len(kept)))
            kept.append(article)
            continue
        first = kept[number]
        if article.origin == first.origin or article.origin in first.duplicates:
            continue
        primary, other = (article, first) if article.url and not first.url else (first, article)
        for name in ("title", "published", "url", "outlet", "author", "source"):
            if getattr(primary, name) is None and getattr(other, name) is not None:
                setattr(primary, name, getattr(other, name))
        primary.duplicates = sorted({*first.duplicates, *article.duplicates, other.origin} - {primary.origin})
        kept[number] = primary
        index.update(dict.fromkeys(keys, number))
        index[primary.id] = number
    return kept


def collect(
    sources: Iterable[str | Path], *, columns: dict[str, str] | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Read every source; the same story read twice (same id or near-identical text) counts once."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in read_sources(sources, columns=columns):
        (skipped if isinstance(item, Skipped) else articles).append(item)
    return dedupe(articles), skipped


def analyse(
    articles: list[Article],
    *,
    nlp=None,
    gazetteer: Gazetteer | None = None,
    model: str | None = None,
    batch_size: int = 32,
    on_article: Callable[[], None] | None = None,
    on_extraction: Callable[[Extraction], None] | None = None,
    choices: Choices | None = None,
) -> list[Extraction]:
    """Run the spaCy pipeline and the extractors over the articles; `on_extraction` sees each one as it is done.
    `choices`: the learned choices (the packaged model file by default)."""
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    choices = choices if choices is not None else load_choices()
    nlp = nlp or build_pipeline(model, gazetteer=gazetteer)
    extractions = []
    for article, doc in zip(articles, pipe_texts(nlp, (a.text for a in articles), batch_size=batch_size), strict=True):
        extraction = extract(doc, article, gazetteer, choices=choices)
        if on_extraction:
            on_extraction(extraction)
        extractions.append(extraction)
        if on_article:
            on_article()
    return extractions


def graph_of(
    extractions: list[Extraction], gazetteer: Gazetteer, curation: Curation | None = None, *, places: bool = True
) -> tuple[Resolution, int]:
    """Resolve entities across articles, apply the human corrections of `curation`, and link them (places to
    GeoNames too, unless not `places`); curated links override kg's own."""
    resolution = resolve_corpus(extractions, gazetteer)
    if curation is not None:
        for note in apply_curation(resolution, curation):
            log.info("curation: %s", note)  # a rule for an entity this corpus lacks is normal
    linked = link_entities(resolution, gazetteer, extractions if places else None)
    if curation is not None:
        for note in apply_links(resolution, curation):
            log.info("curation: %s", note)
        linked = sum(1 for e in resolution.entities.values() if e.wikidata)
    return resolution, linked


def _earlier(cache: ExtractionCache, entry: SourceEntry) -> list[Article]:
    """The articles an earlier build read from a source, from the cache (those no longer cached are lost)."""
    found = (cache.load(key) for key in entry.articles)
    return [extraction.article for extraction in found if extraction is not None]


def _gather(
    reads: list[SourceFile | Skipped], manifest: Manifest, cache: ExtractionCache, summary: Summary, *, prune: bool
) -> tuple[dict[str, list[Article]], dict[str, str | None]]:
    """The articles of each source for this build: those read now, and the earlier ones of sources that
    failed now (never lost to a bad read) or were not named (kept unless `prune`)."""
    by_source: dict[str, list[Article]] = {}
    digests: dict[str, str | None] = {}
    for read in reads:
        if isinstance(read, Skipped):
            continue
        articles, earlier = read.articles, manifest.sources.get(read.source)
        if earlier is not None and read.error is not None:
            articles = _earlier(cache, earlier)
            summary.kept.append({"source": read.source, "reason": f"cannot be read now ({read.error}); kept as built"})
        elif earlier is not None and any(isinstance(item, Skipped) for item in read.items):
            ids = {a.id for a in articles}
            articles = articles + [a for a in _earlier(cache, earlier) if a.id not in ids]
        if articles or earlier is not None:
            by_source[read.source] = articles
            digests[read.source] = read.digest if read.error is None else (earlier.digest if earlier else None)
    for name, entry in manifest.sources.items():
        if name in by_source:
            continue
        if prune:
            summary.pruned.append(name)
            continue
        by_source[name] = _earlier(cache, entry)
        digests[name] = entry.digest
        summary.kept.append({"source": name, "reason": "not among the sources; kept as built (--prune drops it)"})
    return by_source, digests


def build(
    sources: Iterable[str | Path],
    out: str | Path,
    *,
    model: str | None = None,
    gazetteer_path: str | Path | None = None,
    curation_path: str | Path | None = None,
    nlp=None,
    page: bool = True,
    on_article: Callable[[], None] | None = None,
    columns: dict[str, str] | None = None,
    prune: bool = False,
    progress: Callable[[int, int], None] | None = None,
    figure_model: str | Path | None = None,
    link_online: bool = False,
) -> Summary:
    """Build the graph of the sources into the folder `out`: DIR/oxigraph, DIR/graph.trig, DIR/graph.html.

    A folder built before is updated: only new and changed articles go through the spaCy pipeline;
    sources built before and not named now are kept unless `prune`. `progress(done, total)` is called
    as articles are analysed. `link_online` asks Wikidata for the ids the gazetteer lacks (kg.wikidata); without
    it, answers cached by an earlier online run are used, offline."""
    started = time.perf_counter()
    out = Path(out)
    gazetteer = load_gazetteer(gazetteer_path)
    curation = load_curation(curation_path)  # a malformed file stops the build before it starts
    choices = load_choices(figure_model)  # so does an unusable model file
    cache = ExtractionCache(out, fingerprint(f"{model_identity(nlp, model)} choices:{choices.digest}", gazetteer))
    manifest = Manifest.load(out)
    reads = list(read_files(sources, columns=columns))
    skipped = [s for r in reads for s in ([r] if isinstance(r, Skipped) else r.items) if isinstance(s, Skipped)]
    summary = Summary(skipped=[{"source": s.source, "reason": s.reason} for s in skipped])
    by_source, digests = _gather(reads, manifest, cache, summary, prune=prune)
    articles = dedupe(a for source in by_source.values() for a in source)
    if not articles:
        raise BuildError(
            "nothing to build: no source could be read" + (f" ({len(skipped)} skipped)" if skipped else ""),
            skipped=summary.skipped,
        )
    summary.duplicates = [
        {"article": a.title or a.id, "sources": [a.origin, *a.duplicates]} for a in articles if a.duplicates
    ]
    cached = {a.origin: cache.get(a) for a in articles}
    todo = [a for a in articles if cached[a.origin] is None]

    finished = 0

    def done(extraction: Extraction) -> None:
        nonlocal finished
        cache.put(extraction)  # at once, so a killed build keeps every finished article
        finished += 1
        if progress:
            progress(finished, len(todo))

    fresh: list[Extraction] = []
    if todo:
        fresh = analyse(
            todo, nlp=nlp, gazetteer=gazetteer, model=model, on_article=on_article, on_extraction=done, choices=choices
        )
    made = {x.article.origin: x for x in fresh}
    extractions = [cached[a.origin] or made[a.origin] for a in articles]
    summary.analysed, summary.reused = len(fresh), len(articles) - len(fresh)

    resolution, linked = graph_of(extractions, gazetteer, curation)
    summary.conflicts = len(mark_conflicts(extractions))
    dataset = to_dataset(extractions, resolution)
    decisions = None
    if link_online or (out / "wikidata").is_dir():  # kg.wikidata.CACHE_DIR: answers of an earlier online run
        from kg.wikidata import OnlineSummary, client_for
        from kg.wikidata import link_online as link_wikidata

        online = OnlineSummary()
        client = client_for(out, online=link_online, summary=online)
        try:
            decisions = link_wikidata(dataset, client)
        finally:
            client.close()
        summary.online, linked = online.as_dict(), linked + online.linked
    store = GraphStore.write(out, dataset)
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
    places = [e for e in resolution.entities.values() if e.type == "Place"]
    summary.places, summary.places_linked = len(places), sum(1 for e in places if e.place and e.place.geonames)
    summary.words = sum(len(a.text.split()) for a in articles)
    summary.seconds = round(time.perf_counter() - started, 3)
    write_summary(out, summary.as_dict())
    (out / MERGES_FILE).write_text(json.dumps(merges_record(resolution), indent=1, ensure_ascii=False), "utf-8")
    (out / LINKS_FILE).write_text(json.dumps(links_record(resolution), indent=1, ensure_ascii=False), "utf-8")
    if decisions is not None:
        from kg.wikidata import update_links_file

        update_links_file(out / LINKS_FILE, decisions)

    primary = {origin: a for a in articles for origin in (a.origin, *a.duplicates)}
    new_manifest = Manifest()
    for name, source_articles in by_source.items():
        keys = [cache.key(primary[a.origin]) for a in source_articles if a.origin in primary]
        new_manifest.sources[name] = SourceEntry(digests.get(name), list(dict.fromkeys(keys)))
    new_manifest.save(out)
    cache.prune(new_manifest.keys())
    return summary
