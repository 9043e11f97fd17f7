"""kg.executor: analysis in this process, in N worker processes, or on a real dask.distributed cluster;
one article whose analysis raises is skipped and named, and the rest is built."""

from __future__ import annotations

import json

import pytest
from conftest import PLAIN_TITLE, same_graph

import kg.executor
from kg.build import build
from kg.cli import app
from kg.executor import AnalysisFailure, analyse_batch
from kg.ingest import read_sources


def _raise_on_plain(real):
    """The real extractor, except that it raises on the plain-text article: a fault injector."""

    def extract(doc, article, gazetteer, **options):
        if article.title == PLAIN_TITLE:
            raise IndexError("list index out of range")
        return real(doc, article, gazetteer, **options)

    return extract


def test_an_article_whose_analysis_raises_is_skipped_named_and_the_rest_built(tmp, corpus, nlp, monkeypatch):
    monkeypatch.setattr(kg.executor, "extract", _raise_on_plain(kg.executor.extract))
    summary = build(list(corpus.values()), tmp / "out", nlp=nlp, page=False)
    assert summary.articles == 3  # two archive posts and the JSON line
    failed = [s for s in summary.skipped if s["reason"].startswith("analysis failed")]
    assert failed == [{"source": str(corpus["plain"]), "reason": "analysis failed: IndexError: list index out of range"}]
    assert json.loads((tmp / "out" / "summary.json").read_text())["skipped"] == summary.skipped
    monkeypatch.undo()
    again = build(list(corpus.values()), tmp / "out", nlp=nlp, page=False)  # fixed: the article is analysed now
    assert again.articles == 4 and again.analysed == 1 and again.skipped == []


def test_the_failure_is_printed_on_stderr(tmp, corpus, monkeypatch, runner):
    monkeypatch.setattr(kg.executor, "extract", _raise_on_plain(kg.executor.extract))
    result = runner.invoke(app, ["build", str(corpus["plain"]), str(corpus["jsonl"]), "--out", str(tmp / "out")])
    assert result.exit_code == 0, result.stderr
    assert f"skipped {corpus['plain']}: analysis failed: IndexError: list index out of range" in result.stderr
    assert "articles read: 1, skipped: 1" in result.stdout


def test_a_text_spacy_refuses_fails_alone_in_its_batch(nlp, gazetteer, corpus):
    articles = [a for a in read_sources([corpus["jsonl"], corpus["plain"]]) if not hasattr(a, "reason")]
    broken = type(articles[0])(id="broken", text=12345, origin="broken.txt")  # not text: nlp.pipe raises
    results = analyse_batch(nlp, gazetteer, [articles[0], broken, articles[1]])
    assert [type(r).__name__ for r in results] == ["Extraction", "AnalysisFailure", "Extraction"]
    assert results[1].article.origin == "broken.txt" and results[1].error.startswith(("ValueError", "TypeError"))


def test_two_jobs_give_the_same_graph_as_one(tmp, corpus, nlp):
    one = build(list(corpus.values()), tmp / "one", nlp=nlp, page=False)
    two = build(list(corpus.values()), tmp / "two", nlp=nlp, page=False, jobs=2)
    assert two.analysed == one.analysed == 4
    assert same_graph(tmp / "one", tmp / "two")


@pytest.fixture(scope="module")
def cluster():
    """A real dask.distributed cluster on 127.0.0.1: a scheduler and two worker processes."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local


def test_a_cluster_build_equals_a_local_build(tmp, corpus, nlp, cluster):
    local = build(list(corpus.values()), tmp / "local", nlp=nlp, page=False)
    remote = build(list(corpus.values()), tmp / "cluster", page=False, scheduler=cluster.scheduler_address)
    assert remote.analysed == local.analysed == 4
    assert same_graph(tmp / "local", tmp / "cluster")


def test_an_unreachable_scheduler_is_a_one_line_error(tmp, corpus):
    from kg.errors import BuildError

    with pytest.raises(BuildError, match=r"cannot reach the dask scheduler at tcp://127.0.0.1:9"):
        build([corpus["plain"]], tmp / "out", page=False, scheduler="tcp://127.0.0.1:9")


def test_a_forked_map_gives_the_results_in_order_from_other_processes():
    import os

    from kg.executor import ForkedMap

    table = {n: n * n for n in range(40)}  # inherited by the forked processes, never sent to them
    with ForkedMap(lambda n: (table[n], os.getpid()), 2) as forked:
        results = list(forked.map(range(40)))
    assert [value for value, _ in results] == [n * n for n in range(40)]
    assert os.getpid() not in {pid for _, pid in results}
    with ForkedMap(lambda n: (table[n], os.getpid()), 1) as alone:  # one job: in this process
        assert list(alone.map([3, 1])) == [(9, os.getpid()), (1, os.getpid())]
