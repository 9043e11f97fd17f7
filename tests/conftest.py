"""Shared fixtures: the spaCy pipeline (built once), the gazetteer, a tiny corpus written here,
one build of it (built once), temporary paths and a CLI runner.

The corpus is written as strings in this file so the tests need nothing outside the
repository. Every expectation the tests hold about it comes from what its text says.
"""

from __future__ import annotations

import inspect
import json
from datetime import date
from pathlib import Path

import pytest

# ---------------------------------------------------------------------------
# The tiny corpus
# ---------------------------------------------------------------------------

#: A blog archive with two posts, in the format of the seed archive.
ARCHIVE = """\
Archive for the ‘2015 Emigration Statistics’ Category

Defector arrivals fall in 2015

Monday, January 4th, 2016

According to Yonhap:

A total of 1,277 North Koreans arrived in South Korea in 2015, the Unification Ministry said Monday.

NIS chief Lee Byung-ho told lawmakers that border controls had tightened.

Read the full story here:
Number of N.K. defectors halves in Kim Jong-un era
Yonhap


Defectors down this year

Saturday, November 14th, 2015

According to the Korea Times:

The number of North Koreans who defected to South Korea in the first 10 months of this year totaled 978, the Ministry of Unification said.

Read the full story here:
DPRK defectors down
Korea Times
Kim Hyun-jin
"""

#: Titles and dates of the archive's posts, as the archive writes them.
POST1_TITLE = "Defector arrivals fall in 2015"
POST1_DATE = date(2016, 1, 4)
POST2_TITLE = "Defectors down this year"
POST2_DATE = date(2015, 11, 14)

#: One JSON Lines article with every optional field.
JSONL_RECORD = {
    "title": "Scholar warns of tighter border",
    "published": "2015-08-20",
    "url": "https://example.org/news/scholar-border",
    "outlet": "Daily NK",
    "author": "Jane Roe",
    "text": (
        "Lee Byung-ho, chief of the National Intelligence Service, said about 300 North Koreans "
        "were caught in China in the first half of this year.\n\n"
        "\"The border is tighter than ever,\" said Prof. Cho Dong-ho of Ewha Womans University."
    ),
}

#: A plain-text article: a title line, a blank line, the body.
PLAIN = """\
Kim Jong-un's uncle executed

Kim Jong-un's uncle Jang Song-thaek was executed in 2013.

Thae Yong-ho defected to South Korea in 2016.
"""
PLAIN_TITLE = "Kim Jong-un's uncle executed"

CORPUS_TITLES = {POST1_TITLE, POST2_TITLE, JSONL_RECORD["title"], PLAIN_TITLE}


def write_corpus(folder: Path) -> dict[str, Path]:
    """Write the corpus into `folder`; return its files by kind."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "archive": folder / "archive.txt",
        "jsonl": folder / "news.jsonl",
        "plain": folder / "plain.txt",
    }
    files["archive"].write_text(ARCHIVE, encoding="utf-8")
    files["jsonl"].write_text(json.dumps(JSONL_RECORD) + "\n", encoding="utf-8")
    files["plain"].write_text(PLAIN, encoding="utf-8")
    return files


#: A gold file for the corpus, written from what the texts say (format kg-gold/1).
GOLD = {
    "format": "kg-gold/1",
    "articles": [
        {
            "title": POST1_TITLE,
            "entities": [
                {"name": "Yonhap", "type": "Outlet", "aliases": ["Yonhap News Agency"]},
                {"name": "South Korea", "type": "Place"},
                {"name": "Ministry of Unification", "type": "Agency", "aliases": ["Unification Ministry"]},
                {"name": "National Intelligence Service", "type": "Agency", "aliases": ["NIS"]},
                {"name": "Lee Byung-ho", "type": "Person"},
            ],
            "figures": [
                {"value": 1277, "unit": "person", "text": "1,277", "start": "2015-01-01", "end": "2015-12-31",
                 "place": "South Korea", "source": "Ministry of Unification"},
            ],
            "relations": [
                {"subject": "Lee Byung-ho", "predicate": "leads", "object": "National Intelligence Service"},
            ],
            "statements": [],
        },
        {
            "title": POST2_TITLE,
            "entities": [
                {"name": "Korea Times", "type": "Outlet"},
                {"name": "South Korea", "type": "Place"},
                {"name": "Ministry of Unification", "type": "Agency"},
            ],
            "figures": [
                {"value": 978, "unit": "person", "text": "978", "start": "2015-01-01", "end": "2015-10-31",
                 "place": "South Korea", "source": "Ministry of Unification"},
            ],
            "relations": [],
            "statements": [],
        },
    ],
}


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def gazetteer():
    """The bundled gazetteer (data/gazetteer.jsonl)."""
    from kg.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def nlp(gazetteer):
    """kg's spaCy pipeline with the bundled gazetteer, built once per session."""
    from kg.nlp import build_pipeline

    return build_pipeline(gazetteer=gazetteer)


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    """A fresh temporary folder for one test."""
    return tmp_path


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """The tiny corpus on disk (read-only for tests: copy it before changing anything)."""
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def gold_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gold") / "gold.json"
    path.write_text(json.dumps(GOLD, indent=2), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory, corpus, nlp):
    """The corpus built once with kg.build.build; (folder, summary). Tests must not write into it."""
    from kg.build import build

    folder = tmp_path_factory.mktemp("build") / "out"
    summary = build(list(corpus.values()), folder, nlp=nlp)
    return folder, summary


@pytest.fixture(scope="session")
def analysed(corpus, nlp, gazetteer):
    """The corpus read, analysed and resolved in memory: (articles, extractions, resolution)."""
    from kg.build import analyse, collect, graph_of

    articles, skipped = collect(list(corpus.values()))
    assert skipped == []
    extractions = analyse(articles, nlp=nlp, gazetteer=gazetteer)
    resolution, _ = graph_of(extractions, gazetteer)
    return articles, extractions, resolution


@pytest.fixture
def runner():
    """A typer CliRunner that keeps stderr apart from stdout on every click version."""
    from typer.testing import CliRunner

    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)  # click < 8.2
    return CliRunner()  # click >= 8.2 always keeps result.stderr apart


# ---------------------------------------------------------------------------
# Every other input format (kg.ingest): HTML, RSS, Atom, CSV, gzip
# ---------------------------------------------------------------------------

#: A saved web page: navigation, the article, a "related stories" list and a footer.
HTML_PAGE = """\
<!DOCTYPE html>
<html><head><title>Border arrests rise | Daily NK</title>
<meta property="og:title" content="Border arrests rise">
<meta property="og:site_name" content="Daily NK">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2015-09-02T08:00:00+09:00">
<link rel="canonical" href="https://example.org/news/border-arrests"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li></ul></nav>
<article><h1>Border arrests rise</h1>
<p>Chinese police arrested about 200 North Koreans near the Tumen River in August, a researcher at the
Korea Institute for National Unification said on Wednesday in Seoul.</p>
<p>The arrests came after Beijing tightened checks along the border, according to human rights groups
that help defectors reach South Korea through Southeast Asia.</p></article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Markets spread in Hyesan as traders adapt</a></li>
<li><a href="/b">Defector families send money home through brokers</a></li></ul></aside>
<footer><p>Copyright 2015 Daily NK. All rights reserved.</p></footer></body></html>
"""
HTML_TITLE = "Border arrests rise"

#: An RSS 2.0 feed with one full-text item.
RSS_FEED = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>NK Monitor</title><link>https://example.org/</link>
<item><title>Ministry counts fewer arrivals</title><link>https://example.org/rss/fewer-arrivals</link>
<pubDate>Tue, 06 Oct 2015 09:00:00 +0900</pubDate><author>desk@example.org (Kim Min-ji)</author>
<description><![CDATA[<p>The Ministry of Unification said 810 North Koreans reached South Korea in the first nine
months of this year.</p><p>Officials blamed tighter controls on the Chinese side of the border.</p>]]></description>
</item></channel></rss>
"""
RSS_TITLE = "Ministry counts fewer arrivals"

#: An Atom feed with one item that has full content.
ATOM_FEED = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Peninsula Watch</title><id>urn:example:feed</id>
<updated>2015-12-01T00:00:00Z</updated>
<entry><title>Envoy meets defectors in Bangkok</title><link href="https://example.org/atom/bangkok"/>
<id>urn:example:bangkok</id><updated>2015-12-01T10:00:00Z</updated><published>2015-12-01T10:00:00Z</published>
<author><name>Jane Roe</name></author>
<content type="html">&lt;p&gt;A South Korean envoy met a group of North Korean defectors held in Bangkok on Tuesday,
the Foreign Ministry said.&lt;/p&gt;</content></entry></feed>
"""
ATOM_TITLE = "Envoy meets defectors in Bangkok"

#: A CSV export whose columns have their own names (body, headline, date).
CSV_EXPORT = (
    "headline,date,body,link\n"
    '"Hanawon graduates more trainees",2015-07-10,"Hanawon, the resettlement center in Anseong, '
    'said 160 defectors finished its course in June.",https://example.org/csv/hanawon\n'
)
CSV_TITLE = "Hanawon graduates more trainees"
CSV_COLUMNS = {"text": "body", "title": "headline", "published": "date", "url": "link"}

#: A plain-text article that is written to a .gz file.
GZ_TEXT = """\
Radio broadcasts reach the North

Seoul's broadcaster KBS said on Friday that its shortwave programmes for North Korea now run ten hours a day.
"""
GZ_TITLE = "Radio broadcasts reach the North"

FORMAT_TITLES = {HTML_TITLE, RSS_TITLE, ATOM_TITLE, CSV_TITLE, GZ_TITLE}


def write_formats(folder: Path) -> dict[str, Path]:
    """Write one file of every other format into `folder` (sub-folders too); return them by kind."""
    import gzip

    (folder / "web" / "feeds").mkdir(parents=True, exist_ok=True)
    files = {
        "html": folder / "web" / "page.html",
        "rss": folder / "web" / "feeds" / "monitor.rss",
        "atom": folder / "web" / "feeds" / "watch.xml",
        "csv": folder / "export.csv",
        "gz": folder / "radio.txt.gz",
    }
    files["html"].write_text(HTML_PAGE, encoding="utf-8")
    files["rss"].write_text(RSS_FEED, encoding="utf-8")
    files["atom"].write_text(ATOM_FEED, encoding="utf-8")
    files["csv"].write_text(CSV_EXPORT, encoding="utf-8")
    files["gz"].write_bytes(gzip.compress(GZ_TEXT.encode("utf-8"), mtime=0))
    return files


def same_graph(a: Path, b: Path) -> bool:
    """Two build folders hold isomorphic graphs (their graph.trig), named graph by named graph."""
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    first, second = Dataset(), Dataset()
    first.parse(a / "graph.trig", format="trig")
    second.parse(b / "graph.trig", format="trig")
    names = {g for _, _, _, g in first.quads()}
    return names == {g for _, _, _, g in second.quads()} and all(
        isomorphic(first.graph(n), second.graph(n)) for n in names
    )
