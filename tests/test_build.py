"""kg.build: the whole pipeline into a folder, its outputs and summary, and bad input."""

from __future__ import annotations

import json
import shutil

import pytest
from rdflib import Dataset

from conftest import CORPUS_TITLES, PLAIN, PLAIN_TITLE, POST1_TITLE, POST2_TITLE
from kg.build import build, collect
from kg.errors import BuildError
from kg.store import GraphStore

HEADLINES = "PREFIX schema: <https://schema.org/> SELECT ?h WHERE { ?a schema:headline ?h ; a schema:NewsArticle } ORDER BY ?h"


def test_sample_build_outputs(sample_build):
    folder, summary = sample_build
    assert (folder / "oxigraph").is_dir()
    for name in ("graph.trig", "graph.html", "summary.json"):
        assert (folder / name).is_file() and (folder / name).stat().st_size > 0
    assert summary.outputs["trig"] == str(folder / "graph.trig")
    assert summary.outputs["html"] == str(folder / "graph.html")


def test_sample_build_summary(sample_build):
    folder, summary = sample_build
    assert summary.articles == 4  # two archive posts, one JSON line, one plain text
    assert summary.skipped == []
    assert summary.figures >= 3  # 1,277; 978; about 300
    assert summary.relations >= 4  # leads (twice), memberOf, relativeOf, defectedTo
    assert summary.statements >= 1
    assert set(summary.entities) == {"Person", "Agency", "Outlet", "Organization", "Place"}
    assert summary.linked >= 2  # South Korea (Q884), China (Q148)…
    assert summary.words > 50
    assert json.loads((folder / "summary.json").read_text()) == summary.as_dict()


def test_sample_build_has_every_article(sample_build):
    folder, _ = sample_build
    _, rows = GraphStore.open(folder).rows(HEADLINES)
    assert {r[0] for r in rows} == CORPUS_TITLES


def test_trig_export_matches_the_store(sample_build):
    folder, _ = sample_build
    parsed = Dataset()
    parsed.parse(folder / "graph.trig", format="trig")
    assert len(list(parsed.quads())) == len(GraphStore.open(folder).ox)


def test_page_is_offline_html(sample_build):
    folder, _ = sample_build
    page = (folder / "graph.html").read_text(encoding="utf-8")
    assert "<html" in page.lower()
    assert "Lee Byung-ho" in page
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "unpkg.com" not in page


def test_same_article_twice_counts_once(corpus):
    articles, skipped = collect([corpus["plain"], corpus["plain"]])
    assert len(articles) == 1 and skipped == []


def test_a_bad_source_is_skipped_and_the_rest_built(tmp, corpus, nlp):
    bad = tmp / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    summary = build([corpus["plain"], bad, tmp / "missing.jsonl"], tmp / "out", nlp=nlp, page=False)
    assert summary.articles == 1
    assert summary.skipped == [
        {"source": str(bad), "reason": "binary file, not text"},
        {"source": str(tmp / "missing.jsonl"), "reason": "no such file or folder"},
    ]
    assert not (tmp / "out" / "graph.html").exists()
    assert json.loads((tmp / "out" / "summary.json").read_text())["skipped"] == summary.skipped


def test_nothing_readable_is_a_build_error(tmp, nlp):
    empty = tmp / "empty.txt"
    empty.write_text("")
    with pytest.raises(BuildError, match=r"nothing to build: no source could be read \(2 skipped\)"):
        build([empty, tmp / "missing.txt"], tmp / "out", nlp=nlp)
    assert not (tmp / "out").exists()


def test_no_sources_is_a_build_error(tmp, nlp):
    with pytest.raises(BuildError, match=r"^nothing to build: no source could be read$"):
        build([], tmp / "out", nlp=nlp)


def test_rebuilding_replaces_the_old_graph(tmp, corpus, nlp):
    out = tmp / "out"
    build([corpus["archive"], corpus["plain"]], out, nlp=nlp, page=False)
    build([corpus["plain"]], out, nlp=nlp, page=False, prune=True)
    _, rows = GraphStore.open(out).rows(HEADLINES)
    assert [r[0] for r in rows] == ["Kim Jong-un's uncle executed"]


def test_rebuilding_without_prune_keeps_earlier_sources(tmp, corpus, nlp):
    out = tmp / "out"
    build([corpus["archive"], corpus["plain"]], out, nlp=nlp, page=False)
    summary = build([corpus["plain"]], out, nlp=nlp, page=False)
    assert summary.analysed == 0 and summary.reused == 3
    assert summary.kept == [
        {"source": str(corpus["archive"]), "reason": "not among the sources; kept as built (--prune drops it)"}
    ]
    _, rows = GraphStore.open(out).rows(HEADLINES)
    assert {r[0] for r in rows} == {POST1_TITLE, POST2_TITLE, PLAIN_TITLE}


def test_same_input_gives_the_same_trig(tmp, corpus, nlp):
    from rdflib.compare import isomorphic

    first = build([corpus["jsonl"]], tmp / "a", nlp=nlp, page=False)
    shutil.copy(corpus["jsonl"], tmp / "copy.jsonl")
    second = build([tmp / "copy.jsonl"], tmp / "b", nlp=nlp, page=False)
    a, b = Dataset(), Dataset()
    a.parse(first.outputs["trig"], format="trig")
    b.parse(second.outputs["trig"], format="trig")
    names_a = {g for _, _, _, g in a.quads()}
    assert names_a == {g for _, _, _, g in b.quads()}
    for name in names_a:
        assert isomorphic(a.graph(name), b.graph(name))


def test_plain_text_article_content(tmp, nlp):
    source = tmp / "p.txt"
    source.write_text(PLAIN)
    summary = build([source], tmp / "out", nlp=nlp, page=False)
    assert summary.articles == 1
    assert summary.entities.get("Person", 0) >= 3  # Kim Jong-un, Jang Song-thaek, Thae Yong-ho
    assert summary.relations >= 2  # uncle of; defected to
