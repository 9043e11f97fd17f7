"""Run the whole pipeline: ingest → nlp → extract → resolve → link → rdf → store (+ page, summary).

Builds are incremental: the spaCy pipeline runs only on articles whose extraction is not in DIR's
cache (kg/cache.py); everything across articles (resolution, links, aggregates, RDF, the store) is
recomputed from all extractions, so a rebuild gives the same graph as a build from scratch.

Memory stays flat as the corpus grows: each extraction goes to the cache as soon as it is made and
only compact records (mention tallies, figure notes) stay in memory for resolution and aggregates;
the store is then written one article's named graph at a time, read back from the cache.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from kg.aggregates import Aggregates, aggregate
from kg.cache import ExtractionCache, Manifest, SourceEntry, fingerprint, model_identity
from kg.compare import FigureNote
from kg.curation import Curation, apply_curation, apply_links, load_curation
from kg.errors import BuildError, StoreError
from kg.executor import AnalysisFailure, ForkedMap, analyse_dask, analyse_local, analyse_processes
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest import SourceFile, read_files, read_sources
from kg.learn import Choices, load_choices
from kg.link import LINKS_FILE, link_entities, links_record
from kg.listings import listings_dataset
from kg.lock import BuildLock
from kg.nlp import build_pipeline
from kg.rdf import aggregates_dataset, article_dataset, entities_dataset
from kg.records import Article, Extraction, Skipped
from kg.resolve import MERGES_FILE, MentionTally, Resolution, merges_record, resolve_corpus, resolve_tallies
from kg.store import HTML_FILE, GraphStore, limit_malloc_arenas, nquads, release_freed_memory, write_summary

log = logging.getLogger(__name__)


@dataclass
class Summary:
    """What a build read, skipped and produced."""

    articles: int = 0
    skipped: list[dict] = field(default_factory=list)
    entities: dict[str, int] = field(default_factory=dict)
    figures: int = 0
    figure_groups: int = 0  # one per measure, unit, period and place (kg.compare)
    conflicts: int = 0  # figure groups whose values disagree
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
    """Run the spaCy pipeline and the extractors over the articles in this process; `on_extraction` sees each
    one as it is done. An article whose analysis raises is left out (and logged). `choices`: the learned
    choices (the packaged model file by default)."""
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    choices = choices if choices is not None else load_choices()
    nlp = nlp or build_pipeline(model, gazetteer=gazetteer)
    extractions = []
    for result in analyse_local(articles, nlp, gazetteer, choices):
        if isinstance(result, Extraction):
            if on_extraction:
                on_extraction(result)
            extractions.append(result)
        if on_article:
            on_article()
    return extractions


def graph_of(
    extractions: list[Extraction], gazetteer: Gazetteer, curation: Curation | None = None, *, places: bool = True
) -> tuple[Resolution, int]:
    """Resolve entities across articles, apply the human corrections of `curation`, and link them (places to
    GeoNames too, unless not `places`); curated links override kg's own."""
    resolution = resolve_corpus(extractions, gazetteer)
    return resolution, _link(resolution, gazetteer, curation, extractions if places else None)


def _link(resolution: Resolution, gazetteer: Gazetteer, curation: Curation | None, extractions) -> int:
    """Apply the curation's merges and fixes, link the entities (places too, given re-iterable extractions),
    then the curation's links; return how many entities are linked to Wikidata."""
    if curation is not None:
        for note in apply_curation(resolution, curation):
            log.info("curation: %s", note)  # a rule for an entity this corpus lacks is normal
    linked = link_entities(resolution, gazetteer, extractions)
    if curation is not None:
        for note in apply_links(resolution, curation):
            log.info("curation: %s", note)
        linked = sum(1 for e in resolution.entities.values() if e.wikidata)
    return linked


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


@dataclass
class ArticleNotes:
    """The compact records of one built article: what resolution, aggregates and the summary need."""

    tally: MentionTally
    figures: list[FigureNote]
    relations: int
    statements: int


@dataclass
class Analysed:
    """An article analysed and cached in this build: its origin and compact records."""

    origin: str
    notes: ArticleNotes


def notes_of(extraction: Extraction) -> ArticleNotes:
    article = extraction.article
    outlet = article.outlet or (article.source.outlet if article.source else None)
    return ArticleNotes(
        MentionTally.of(extraction),
        [FigureNote.of(article.id, n, f, outlet) for n, f in enumerate(extraction.figures, start=1)],
        len(extraction.relations),
        len(extraction.statements),
    )


def analyse_in(
    articles: list[Article],
    *,
    nlp=None,
    model: str | None = None,
    gazetteer: Gazetteer,
    jobs: int = 1,
    scheduler: str | None = None,
    figure_model: str | Path | None = None,
    then: Callable[[Extraction], object] | None = None,
) -> Iterator:
    """Each article's extraction (or the failure of its analysis), in order, from the executor asked for:
    this process, `jobs` worker processes, or the dask.distributed scheduler at `scheduler`. Every worker
    uses the learned choices of `figure_model` (the packaged ones by default). `then`, given, is applied to
    each extraction, in the worker process where there is one, and its result given instead."""
    choices = load_choices(figure_model)
    if jobs > 1 and len(articles) > 1 and not scheduler:
        return analyse_processes(articles, jobs, model=model, gazetteer=gazetteer, nlp=nlp, choices=choices, then=then)
    if scheduler:
        key = fingerprint(f"{model_identity(nlp, model)} choices:{choices.digest}", gazetteer)
        results = analyse_dask(articles, scheduler, model=model, gazetteer=gazetteer, gazetteer_key=key, choices=choices)
    else:
        results = analyse_local(articles, nlp or build_pipeline(model, gazetteer=gazetteer), gazetteer, choices)
    if then is None:
        return results
    return (then(result) if isinstance(result, Extraction) else result for result in results)


class CachedExtractions:
    """The built articles' extractions, read back from the cache on every walk or look-up (memory stays flat)."""

    def __init__(self, cache: ExtractionCache, articles: list[Article], keys: list[str] | None = None):
        self.cache, self.articles = cache, articles
        self.keys = keys if keys is not None else [cache.key(article) for article in articles]  # each worked out once

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, number: int) -> Extraction:
        article = self.articles[number]
        found = self.cache.load(self.keys[number])
        if found is None:  # pragma: no cover - the cache was written in this build; only a full disk loses it
            raise StoreError(f"{self.cache.folder.parent}: the cache lost the extraction of {article.origin}")
        return replace(found, article=article)

    def __iter__(self) -> Iterator[Extraction]:
        for number in range(len(self.articles)):
            yield self[number]


def write_graph(
    out: Path,
    notes: list[ArticleNotes],
    extractions: Iterable[Extraction],
    gazetteer: Gazetteer,
    curation: Curation | None = None,
    *,
    jobs: int = 1,
) -> tuple[GraphStore, Resolution, Aggregates, int]:
    """Resolve, link and aggregate on the articles' compact records, then write the store of `out` one
    article's named graph at a time from `extractions` (the same articles, in the same order; an iterable
    that can be walked more than once, since place linking reads the articles' context first), then the
    entities, the aggregates and the listings (kg.listings). Returns the store, the resolution, the
    aggregates and how many entities were linked. With `jobs` > 1 and `extractions` a `CachedExtractions`,
    the articles' graphs are made in that many processes."""
    tallies = [n.tally for n in notes]
    resolution = resolve_tallies(tallies, gazetteer)
    linked = _link(resolution, gazetteer, curation, extractions)
    aggregates = aggregate(tallies, (f for n in notes for f in n.figures), resolution)
    if jobs > 1 and isinstance(extractions, CachedExtractions) and len(extractions) > 1:
        # every article's graph, the entities and the aggregates are made and serialised in `jobs` processes
        # (forked before the store is opened); this process only loads the N-Quads they send back
        def serialised(part: int | str) -> list[bytes]:
            if part == "entities":
                return nquads(entities_dataset(resolution))
            if part == "aggregates":
                return nquads(aggregates_dataset(aggregates, resolution))
            return nquads(article_dataset(extractions[part], resolution))

        with ForkedMap(serialised, jobs) as forked:
            writer = GraphStore.writer(out)
            for chunks in forked.map(["entities", "aggregates", *range(len(extractions))]):
                for data in chunks:
                    writer.add_nquads(data)
    else:
        writer = GraphStore.writer(out)
        for extraction in extractions:
            writer.add(article_dataset(extraction, resolution))
        writer.add(entities_dataset(resolution))
        writer.add(aggregates_dataset(aggregates, resolution))
    writer.add(listings_dataset(writer.ox))  # read back from the articles and entities just written
    return writer.finish(), resolution, aggregates, linked


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
    jobs: int = 1,
    scheduler: str | None = None,
    store_url: str | None = None,
    figure_model: str | Path | None = None,
    link_online: bool = False,
) -> Summary:
    """Build the graph of the sources into the folder `out`: DIR/oxigraph, DIR/graph.trig, DIR/graph.html.

    A folder built before is updated: only new and changed articles go through the spaCy pipeline;
    sources built before and not named now are kept unless `prune`. `progress(done, total)` is called
    as articles are analysed. Analysis runs in this process, in `jobs` processes, or on the dask
    scheduler `scheduler`; `store_url` also writes every named graph to that SPARQL Graph Store.
    `link_online` asks Wikidata for the ids the gazetteer lacks (kg.wikidata); without it, answers cached
    by an earlier online run are used, offline. Only one build at a time writes into a folder (kg.lock)."""
    limit_malloc_arenas()
    with BuildLock(out):
        return _build(
            sources, Path(out), model=model, gazetteer_path=gazetteer_path, curation_path=curation_path, nlp=nlp,
            page=page, on_article=on_article, columns=columns, prune=prune, progress=progress, jobs=jobs,
            scheduler=scheduler, store_url=store_url, figure_model=figure_model, link_online=link_online,
        )


def _build(
    sources, out: Path, *, model, gazetteer_path, curation_path, nlp, page, on_article, columns, prune, progress,
    jobs, scheduler, store_url, figure_model, link_online,
) -> Summary:
    started = time.perf_counter()
    gazetteer = load_gazetteer(gazetteer_path)
    curation = load_curation(curation_path)  # a malformed file stops the build before it starts
    choices = load_choices(figure_model)  # so does an unusable model file
    cache = ExtractionCache(out, fingerprint(f"{model_identity(nlp, model)} choices:{choices.digest}", gazetteer))
    manifest = Manifest.load(out)
    reads = list(read_files(sources, columns=columns))
    skipped = [s for r in reads for s in ([r] if isinstance(r, Skipped) else r.items) if isinstance(s, Skipped)]
    summary = Summary(skipped=[{"source": s.source, "reason": s.reason} for s in skipped])
    by_source, digests = _gather(reads, manifest, cache, summary, prune=prune)
    del reads
    articles = dedupe(a for source in by_source.values() for a in source)
    if not articles:
        raise BuildError(
            "nothing to build: no source could be read" + (f" ({len(skipped)} skipped)" if skipped else ""),
            skipped=summary.skipped,
        )
    summary.duplicates = [
        {"article": a.title or a.id, "sources": [a.origin, *a.duplicates]} for a in articles if a.duplicates
    ]

    # 1. analyse what is not cached; keep only compact records (every extraction goes to the cache at once)
    notes: dict[str, ArticleNotes] = {}
    todo: list[Article] = []
    keys = {article.origin: cache.key(article) for article in articles}  # each worked out once
    for article in articles:
        found = cache.load(keys[article.origin])
        if found is None:
            todo.append(article)
        else:
            notes[article.origin] = notes_of(replace(found, article=article))
    failed: dict[str, str] = {}
    if todo:

        def cached(extraction: Extraction) -> Analysed:
            """Cache an extraction at once (a killed build keeps every finished article) and keep its notes;
            done in the worker process when there are several, so only the notes come back."""
            cache.put(extraction)
            return Analysed(extraction.article.origin, notes_of(extraction))

        results = analyse_in(
            todo, nlp=nlp, model=model, gazetteer=gazetteer, jobs=jobs, scheduler=scheduler, figure_model=figure_model,
            then=cached,
        )
        for finished, result in enumerate(results, start=1):
            if isinstance(result, AnalysisFailure):
                failed[result.article.origin] = result.error
            else:
                notes[result.origin] = result.notes
            if on_article:
                on_article()
            if progress:
                progress(finished, len(todo))
    for article in articles:
        if article.origin in failed:
            summary.skipped.append(
                {"source": article.origin, "reason": f"analysis failed: {failed[article.origin]}"}
            )
    built = [a for a in articles if a.origin in notes]
    if not built:
        raise BuildError(
            f"nothing to build: the analysis of every article failed ({len(failed)} failed)", skipped=summary.skipped
        )
    summary.analysed, summary.reused = len(todo) - len(failed), len(articles) - len(todo)
    release_freed_memory()  # what analysis freed (a pipeline loaded here, its Docs): the stages below start from less

    # 2. resolve, link, aggregate and write the store, from the compact records and the cache
    store, resolution, aggregates, linked = write_graph(
        out, [notes[a.origin] for a in built], CachedExtractions(cache, built, [keys[a.origin] for a in built]), gazetteer, curation,
        jobs=jobs if not scheduler else 1,
    )
    summary.outputs["trig"] = str(store.export_trig())
    (out / LINKS_FILE).write_text(json.dumps(links_record(resolution), indent=1, ensure_ascii=False), "utf-8")
    if link_online or (out / "wikidata").is_dir():  # kg.wikidata.CACHE_DIR: answers of an earlier online run
        from kg.wikidata import link_build

        del store
        gc.collect()  # link_build opens the store itself and swaps in the linked one
        _, online = link_build(out, online=link_online)
        summary.online, linked = online.as_dict(), linked + online.linked
        store = GraphStore.open(out)
    summary.articles = len(built)
    summary.entities = dict(sorted(Counter(e.type for e in resolution.entities.values()).items()))
    summary.figures = sum(len(n.figures) for n in notes.values())
    summary.figure_groups = len(aggregates.groups)
    summary.conflicts = sum(1 for g in aggregates.groups if g.disagreement)
    summary.relations = sum(n.relations for n in notes.values())
    summary.statements = sum(n.statements for n in notes.values())
    summary.linked = linked
    places = [e for e in resolution.entities.values() if e.type == "Place"]
    summary.places, summary.places_linked = len(places), sum(1 for e in places if e.place and e.place.geonames)
    summary.words = sum(len(a.text.split()) for a in built)
    (out / MERGES_FILE).write_text(json.dumps(merges_record(resolution), indent=1, ensure_ascii=False), "utf-8")
    del notes, aggregates, resolution, places  # the page reads the store: what it needs must not stack on these
    release_freed_memory()
    if page:
        from kg.viz import write_page

        summary.outputs["html"] = str(write_page(store, out / HTML_FILE)[0])
    if store_url:
        from kg.remote import push

        push(store, store_url)
        summary.outputs["store"] = store_url
    summary.seconds = round(time.perf_counter() - started, 3)
    write_summary(out, summary.as_dict())

    primary = {origin: a for a in articles for origin in (a.origin, *a.duplicates)}
    new_manifest = Manifest()
    for name, source_articles in by_source.items():
        source_keys = [keys[primary[a.origin].origin] for a in source_articles if a.origin in primary]
        new_manifest.sources[name] = SourceEntry(digests.get(name), list(dict.fromkeys(source_keys)))
    new_manifest.save(out)
    cache.prune(new_manifest.keys())
    return summary
