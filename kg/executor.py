"""Where articles are analysed: in this process, in N worker processes (`--jobs N`), or on a
dask.distributed cluster (`--scheduler tcp://HOST:PORT`).

Every executor yields, for each article in the order given, either its `Extraction` or an
`AnalysisFailure` naming the error: one article that makes spaCy or an extractor raise never stops
the others. Workers load the spaCy pipeline once each and keep it for every batch they are sent.
"""

from __future__ import annotations

import logging
import multiprocessing
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from kg.errors import BuildError
from kg.extract import extract
from kg.gazetteer import Gazetteer
from kg.learn import Choices
from kg.nlp import pipe_texts
from kg.records import Article, Extraction

log = logging.getLogger(__name__)

BATCH_SIZE = 32  # articles per nlp.pipe batch
TASK_SIZE = 8  # articles per task sent to a worker process or a dask worker


@dataclass(frozen=True)
class AnalysisFailure:
    """An article whose analysis raised: the article and the error as 'Type: message'."""

    article: Article
    error: str


Result = Extraction | AnalysisFailure


def _describe(error: BaseException) -> str:
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def analyse_batch(nlp, gazetteer: Gazetteer, batch: list[Article], choices: Choices | None = None) -> list[Result]:
    """Analyse a batch with one `nlp.pipe` call (texts longer than the model allows in pieces); if the batch
    raises, each article alone, so only the article at fault fails."""
    try:
        docs = list(pipe_texts(nlp, [a.text for a in batch], batch_size=BATCH_SIZE))
    except Exception:  # noqa: BLE001 - find the article at fault below
        docs = None
    results: list[Result] = []
    for number, article in enumerate(batch):
        try:
            doc = docs[number] if docs is not None else next(iter(pipe_texts(nlp, [article.text])))
            results.append(extract(doc, article, gazetteer, choices=choices))
        except Exception as error:  # noqa: BLE001 - one bad article never stops the build
            log.warning("analysis of %s failed: %s", article.origin, _describe(error))
            results.append(AnalysisFailure(article, _describe(error)))
    return results


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyse_local(articles: list[Article], nlp, gazetteer: Gazetteer, choices: Choices | None = None) -> Iterator[Result]:
    """Analyse in this process."""
    for batch in _batches(articles, BATCH_SIZE):
        yield from analyse_batch(nlp, gazetteer, batch, choices)


# --- worker processes (--jobs N) ----------------------------------------------------------------

_worker: dict[str, object] = {}  # in each worker process: its pipeline and gazetteer


def _init_worker(model: str | None, gazetteer: Gazetteer, nlp, choices: Choices | None = None) -> None:
    from kg.nlp import build_pipeline

    _worker["gazetteer"] = gazetteer
    _worker["choices"] = choices
    _worker["nlp"] = nlp if nlp is not None else build_pipeline(model, gazetteer=gazetteer)


def _run_in_worker(batch: list[Article]) -> list:
    results = analyse_batch(_worker["nlp"], _worker["gazetteer"], batch, _worker.get("choices"))
    then = _worker.get("then")
    return [then(r) if then is not None and isinstance(r, Extraction) else r for r in results]


_inherited: dict[str, object] = {}  # the parent's pipeline, handed to forked workers without pickling it


def _init_forked(model: str | None) -> None:
    _init_worker(model, _inherited["gazetteer"], _inherited.get("nlp"), _inherited.get("choices"))
    _worker["then"] = _inherited.get("then")


def analyse_processes(
    articles: list[Article],
    jobs: int,
    *,
    model: str | None,
    gazetteer: Gazetteer,
    nlp=None,
    choices: Choices | None = None,
    then: Callable[[Extraction], object] | None = None,
) -> Iterator:
    """Analyse in `jobs` worker processes, each loading the pipeline once (forked workers share the
    parent's loaded pipeline, copy-on-write). Results come back in article order. `then`, given, is applied
    to each extraction in the worker, and what it returns is sent back instead (in this process where fork
    is unavailable): a build's workers cache their extractions and send back only what the build keeps."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        context = multiprocessing.get_context("fork")
        _inherited.update(gazetteer=gazetteer, nlp=nlp, choices=choices, then=then)
        initializer, initargs = _init_forked, (model,)
        then = None  # applied in the workers
    else:  # pragma: no cover - not on Linux
        context = multiprocessing.get_context("spawn")
        initializer, initargs = _init_worker, (model, gazetteer, None, choices)
    try:
        with context.Pool(jobs, initializer=initializer, initargs=initargs) as pool:
            for results in pool.imap(_run_in_worker, _batches(articles, TASK_SIZE)):
                for result in results:
                    yield then(result) if then is not None and isinstance(result, Extraction) else result
    finally:
        _inherited.clear()


# --- any per-article work in forked processes ---------------------------------------------------

_forked: dict[str, Callable] = {}  # in a forked process: the function it runs, inherited, never pickled


def _run_forked(items: list) -> list:
    function = _forked["function"]
    return [function(item) for item in items]


class ForkedMap:
    """`function` over items in `jobs` processes forked now: each inherits the function and everything it refers
    to (copy-on-write, nothing pickled but the items and the results), and results come back in order.
    Where fork is unavailable, or for one job, the items are done in this process."""

    def __init__(self, function: Callable, jobs: int):
        self.function, self.pool = function, None
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            _forked["function"] = function
            try:
                self.pool = multiprocessing.get_context("fork").Pool(jobs)
            finally:
                _forked.clear()  # the children have their copy

    def map(self, items: Iterable) -> Iterator:
        if self.pool is None:
            yield from map(self.function, items)
            return
        for results in self.pool.imap(_run_forked, _batches(items, TASK_SIZE)):
            yield from results

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

    def __enter__(self) -> ForkedMap:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- a dask.distributed cluster (--scheduler) ---------------------------------------------------

_cluster_pipelines: dict[tuple, object] = {}  # on each dask worker: (model, gazetteer hash) -> pipeline


def analyse_on_dask_worker(
    batch: list[Article], model: str | None, gazetteer_key: str, gazetteer, choices: Choices | None = None
) -> list[Result]:
    """Run on a dask worker: the pipeline is built on the worker's first task and kept for the rest."""
    from kg.nlp import build_pipeline

    key = (model, gazetteer_key)
    nlp = _cluster_pipelines.get(key)
    if nlp is None:
        nlp = _cluster_pipelines[key] = build_pipeline(model, gazetteer=gazetteer)
    return analyse_batch(nlp, gazetteer, batch, choices)


def analyse_dask(
    articles: list[Article],
    scheduler: str,
    *,
    model: str | None,
    gazetteer: Gazetteer,
    gazetteer_key: str,
    choices: Choices | None = None,
) -> Iterator[Result]:
    """Send the articles to the dask.distributed scheduler at `scheduler` in batches, a bounded number
    in flight, and give the results back in article order."""
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - a dependency of kg
        raise BuildError("--scheduler needs the 'distributed' package (pip install distributed)") from None
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as error:
        raise BuildError(f"cannot reach the dask scheduler at {scheduler} ({_describe(error)})") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = 4 * workers
        shared = client.scatter(gazetteer, broadcast=True)
        shared_choices = client.scatter(choices, broadcast=True) if choices is not None else None
        batches = enumerate(_batches(articles, TASK_SIZE))
        pending = as_completed()
        done: dict[int, list[Result]] = {}
        following = 0
        run = uuid.uuid4().hex[:12]

        def submit_next() -> bool:
            number, batch = next(batches, (None, None))
            if batch is None:
                return False
            future = client.submit(
                analyse_on_dask_worker, batch, model, gazetteer_key, shared, shared_choices, pure=False,
                key=f"kg-analyse-{run}-{number}",
            )
            future.number = number  # type: ignore[attr-defined]
            pending.add(future)
            return True

        for _ in range(window):
            if not submit_next():
                break
        for future in pending:
            done[future.number] = future.result()  # type: ignore[attr-defined]
            future.release()
            submit_next()
            while following in done:
                yield from done.pop(following)
                following += 1
    finally:
        client.close()
