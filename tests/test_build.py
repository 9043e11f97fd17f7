"""kg.build: the whole pipeline into a folder, its outputs and summary, and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ARCHIVE, CORPUS_TITLES, PLAIN, PLAIN_TITLE, POST1_TITLE, POST2_TITLE, same_graph
from rdflib import Dataset

from kg.build import build, collect
from kg.errors import BuildError
from kg.ingest import parse_archive
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


# ---------------------------------------------------------------------------
# every format at once, duplicates, incremental rebuilds, failures, kills
# ---------------------------------------------------------------------------


def _mixed_folder(folder: Path) -> Path:
    from conftest import write_corpus, write_formats

    write_corpus(folder)
    write_formats(folder / "more")
    # the archive's second post again, as a news-database export with its URL: the same story
    second = next(p for p in parse_archive(ARCHIVE, "x") if p.title == POST2_TITLE)
    record = {"text": second.text, "title": second.title, "url": "https://example.org/dprk-defectors-down"}
    (folder / "export.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return folder


def test_a_folder_mixing_every_format(tmp, nlp):
    from conftest import CSV_COLUMNS, FORMAT_TITLES

    folder = _mixed_folder(tmp / "in")
    summary = build([folder], tmp / "out", nlp=nlp, page=False, columns=CSV_COLUMNS)
    assert summary.skipped == []
    _, rows = GraphStore.open(tmp / "out").rows(HEADLINES)
    assert sorted(r[0] for r in rows) == sorted(CORPUS_TITLES | FORMAT_TITLES)  # each story once
    assert summary.articles == len(CORPUS_TITLES | FORMAT_TITLES)
    (duplicate,) = summary.duplicates
    assert duplicate["article"] == POST2_TITLE
    assert duplicate["sources"] == [f"{folder / 'export.jsonl'}:1", f"{folder / 'archive.txt'}#post2"]
    _, urls = GraphStore.open(tmp / "out").rows(
        "PREFIX schema: <https://schema.org/> SELECT ?u WHERE { ?a schema:headline ?h ; schema:url ?u ; "
        "schema:isBasedOn ?s }"
    )
    assert ["https://example.org/dprk-defectors-down"] in urls  # the URL of one copy, the source story of the other


def test_a_rebuild_redoes_only_what_changed_and_equals_a_fresh_build(tmp, corpus, nlp):
    folder = tmp / "in"
    folder.mkdir()
    for path in corpus.values():
        shutil.copy(path, folder / path.name)
    first = build([folder], tmp / "out", nlp=nlp, page=False)
    assert (first.analysed, first.reused) == (4, 0)
    again = build([folder], tmp / "out", nlp=nlp, page=False)
    assert (again.analysed, again.reused) == (0, 4)
    (folder / "plain.txt").write_text(PLAIN.replace("2016", "2017"), encoding="utf-8")
    (folder / "new.txt").write_text("Seoul news\n\nThe Unification Ministry said 12 defectors arrived in Seoul.\n")
    rebuilt = build([folder], tmp / "out", nlp=nlp, page=False)
    assert (rebuilt.analysed, rebuilt.reused) == (2, 3)
    fresh = build([folder], tmp / "fresh", nlp=nlp, page=False)
    assert fresh.analysed == 5
    assert same_graph(tmp / "out", tmp / "fresh")
    (folder / "new.txt").unlink()
    kept = build([folder], tmp / "out", nlp=nlp, page=False)
    assert kept.articles == 5 and kept.kept[0]["source"] == str(folder / "new.txt")
    pruned = build([folder], tmp / "out", nlp=nlp, page=False, prune=True)
    assert pruned.articles == 4 and pruned.pruned == [str(folder / "new.txt")] and pruned.analysed == 0


def test_a_source_that_fails_now_keeps_its_earlier_articles(tmp, corpus, nlp):
    source = tmp / "news.jsonl"
    shutil.copy(corpus["jsonl"], source)
    build([source, corpus["plain"]], tmp / "out", nlp=nlp, page=False)
    source.write_bytes(b"\x00\x01 broken by a bad copy")
    summary = build([source, corpus["plain"]], tmp / "out", nlp=nlp, page=False, prune=True)
    assert summary.skipped == [{"source": str(source), "reason": "binary file, not text"}]
    assert summary.kept == [{"source": str(source), "reason": "cannot be read now (binary file, not text); kept as built"}]
    _, rows = GraphStore.open(tmp / "out").rows(HEADLINES)
    assert {r[0] for r in rows} == {PLAIN_TITLE, "Scholar warns of tighter border"}


def test_every_kind_of_bad_input_is_listed_and_the_rest_built(tmp, corpus, nlp, monkeypatch):
    import gzip

    import kg.ingest.text

    monkeypatch.setattr(kg.ingest.text, "MAX_BYTES", 4000)
    bad = tmp / "bad"
    (bad / "nothing").mkdir(parents=True)
    files = {
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00",
        "empty.txt": b"",
        "zero.txt.gz": b"",
        "cut.txt.gz": gzip.compress(PLAIN.encode() * 30)[:50],
        "lines.jsonl": b'{"text": "Seoul said nothing at all on Monday."}\n{"text": oops}\n',
        "table.csv": b"headline,story\nA,B\n",
        "big.txt": b"word " * 1000,
        "nav.html": b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "korean.txt": "북한 이탈 주민의 수가 올해 크게 줄었다고 통일부가 밝혔다. 지난해보다 적었다.".encode(),
        "quiet.rss": b'<?xml version="1.0"?><rss version="2.0"><channel><title>Q</title></channel></rss>',
    }
    for name, data in files.items():
        (bad / name).write_bytes(data)
    summary = build([corpus["plain"], bad, bad / "nothing", tmp / "missing.txt"], tmp / "out", nlp=nlp, page=False)
    assert summary.articles == 2  # the plain article and the good JSON line
    reasons = {s["source"].removeprefix(str(bad) + "/"): s["reason"] for s in summary.skipped}
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["empty.txt"] == reasons["zero.txt.gz"] == "empty file"
    assert reasons["cut.txt.gz"].startswith("broken or truncated gzip file")
    assert reasons["lines.jsonl:2"].startswith("invalid JSON (")
    assert reasons["table.csv"].startswith("no text column 'text' (columns: headline, story;")
    assert reasons["big.txt"] == "too large (5000 bytes; the limit is 4000)"
    assert reasons["nav.html"] == "no article text in the page (navigation or boilerplate only)"
    assert reasons["korean.txt"].startswith("not English (detected 'ko'")
    assert reasons["quiet.rss"] == "a feed with no items"
    assert reasons["nothing"].startswith("folder holds no articles")
    assert reasons[str(tmp / "missing.txt")] == "no such file or folder"


KILLER = """
import os, signal, sys
from kg.build import build
count = 0
def progress(done, total):
    if done == 2:
        os.kill(os.getpid(), signal.SIGKILL)
build([sys.argv[1]], sys.argv[2], page=False, progress=progress)
"""


def test_a_build_killed_part_way_loses_nothing(tmp, corpus, nlp):
    import subprocess
    import sys

    folder = tmp / "in"
    folder.mkdir()
    shutil.copy(corpus["plain"], folder / "plain.txt")
    out = tmp / "out"
    build([folder], out, nlp=nlp, page=False)  # the last consistent state: one article
    before = (out / "graph.trig").read_bytes()
    shutil.copy(corpus["archive"], folder / "archive.txt")
    shutil.copy(corpus["jsonl"], folder / "news.jsonl")
    killed = subprocess.run([sys.executable, "-c", KILLER, str(folder), str(out)], capture_output=True, timeout=120)
    assert killed.returncode == -9, killed.stderr.decode()[-2000:]
    assert (out / "graph.trig").read_bytes() == before  # untouched outputs…
    _, rows = GraphStore.open(out).rows(HEADLINES)
    assert [r[0] for r in rows] == [PLAIN_TITLE]  # …and a store that still opens
    summary = build([folder], out, nlp=nlp, page=False)
    assert summary.reused == 3 and summary.analysed == 1  # the finished articles were kept (one before the kill)
    build([folder], tmp / "fresh", nlp=nlp, page=False)
    assert same_graph(out, tmp / "fresh")


def test_stories_read_from_several_sources_are_the_same_on_identical_rebuilds(tmp, corpus, nlp):
    folder = tmp / "in"
    folder.mkdir()
    for path in corpus.values():
        shutil.copy(path, folder / path.name)
        shutil.copy(path, folder / f"copy-{path.name}")  # every story read from two sources
    builds = [build([folder], tmp / "out", nlp=nlp, page=False) for _ in range(3)]
    assert builds[0].duplicates, "the copies should be recorded as one story read from several sources"
    assert all(len(d["sources"]) >= 2 for d in builds[0].duplicates)
    assert [b.duplicates for b in builds[1:]] == [builds[0].duplicates] * 2
    assert [b.analysed for b in builds] == [builds[0].articles, 0, 0]
    fresh = build([folder], tmp / "fresh", nlp=nlp, page=False)
    assert fresh.duplicates == builds[0].duplicates
