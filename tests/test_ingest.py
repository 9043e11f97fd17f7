"""kg.ingest: blog archives, plain text, JSON Lines, folders, and bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import ARCHIVE, JSONL_RECORD, PLAIN, PLAIN_TITLE, POST1_DATE, POST1_TITLE, POST2_DATE, POST2_TITLE

from kg.errors import SourceError
from kg.ingest import (
    article_id,
    expand,
    is_archive,
    parse_archive,
    parse_columns,
    parse_csv,
    parse_date,
    parse_feed,
    parse_html,
    parse_jsonl,
    parse_plain,
    read_file,
    read_sources,
    read_text_file,
)
from kg.records import Article, Skipped

# ---------------------------------------------------------------------------
# read_text_file: every refusal names the file
# ---------------------------------------------------------------------------


def test_missing_file_is_named(tmp):
    path = tmp / "nowhere.txt"
    with pytest.raises(SourceError, match=r"nowhere\.txt: no such file or folder"):
        read_text_file(path)


def test_folder_is_not_a_regular_file(tmp):
    with pytest.raises(SourceError, match=rf"{tmp.name}: not a regular file"):
        read_text_file(tmp)


def test_binary_file_is_refused(tmp):
    path = tmp / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(SourceError, match=r"image\.txt: binary file, not text"):
        read_text_file(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_file_is_refused(tmp, content):
    path = tmp / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=r"empty\.txt: empty file"):
        read_text_file(path)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("북한 이탈 주민의 수가 올해 크게 줄었다고 통일부가 밝혔다.", "cp949"),
        ("Kim Jong-un (김정은) visited the border.", "euc_kr"),
        ("North Korea’s “defectors” fell — 1,277 in 2015.", "cp1252"),
        ("Café in Seoul, a naïve résumé of the year.", "latin-1"),
        ("Plain English with a byte-order mark.", "utf-8-sig"),
        ("UTF-16 with its byte-order mark: Pyongyang.", "utf-16"),
    ],
)
def test_encodings_are_detected(tmp, text, encoding):
    path = tmp / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text_file(path) == text


def test_typography_is_normalised_before_offsets_are_taken():
    from kg.ingest.text import normalise

    raw = "Defec\u00adtors\u00a0fled\u200b to \u201eSeoul\u201d."
    clean = normalise(raw)
    assert clean == "Defectors fled to \u201cSeoul\u201d."
    assert normalise(clean) == clean  # idempotent: stored bodies keep their offsets


def test_too_large_file_is_refused(tmp, monkeypatch):
    import kg.ingest.text

    monkeypatch.setattr(kg.ingest.text, "MAX_BYTES", 10)
    path = tmp / "big.txt"
    path.write_text("x" * 11)
    with pytest.raises(SourceError, match=r"big\.txt: too large \(11 bytes; the limit is 10\)"):
        read_text_file(path)


def test_line_endings_and_bom_are_normalised(tmp):
    path = tmp / "crlf.txt"
    path.write_bytes("\ufeffTitle\r\n\r\nBody line\rnext".encode())
    assert read_text_file(path) == "Title\n\nBody line\nnext"


# ---------------------------------------------------------------------------
# ids and dates
# ---------------------------------------------------------------------------


def test_article_id_is_the_url_when_known():
    assert article_id("some text", "https://example.org/a") == "https://example.org/a"


def test_article_id_is_a_stable_content_hash():
    assert article_id("same text") == article_id("same text")
    assert article_id("same text") != article_id("other text")
    assert article_id("same text").startswith("sha1:")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-08-20", date(2015, 8, 20)),
        ("2015-08-20T09:30:00Z", date(2015, 8, 20)),
        ("2015-08-20T09:30:00+09:00", date(2015, 8, 20)),
        ("  2015-08-20  ", date(2015, 8, 20)),
        ("20 August 2015", None),
        ("2015-13-45", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


# ---------------------------------------------------------------------------
# blog archives
# ---------------------------------------------------------------------------


def test_archive_is_recognised():
    assert is_archive(ARCHIVE)
    assert not is_archive(PLAIN)


def test_archive_splits_into_posts_with_title_date_outlet():
    posts = parse_archive(ARCHIVE, "archive.txt")
    assert [p.title for p in posts] == [POST1_TITLE, POST2_TITLE]
    assert [p.published for p in posts] == [POST1_DATE, POST2_DATE]
    assert [p.outlet for p in posts] == ["Yonhap", "Korea Times"]
    assert [p.origin for p in posts] == ["archive.txt#post1", "archive.txt#post2"]
    assert len({p.id for p in posts}) == 2


def test_archive_body_stops_before_the_source_block():
    first = parse_archive(ARCHIVE, "archive.txt")[0]
    assert first.text.startswith("According to Yonhap:")
    assert "A total of 1,277 North Koreans arrived in South Korea in 2015" in first.text
    assert "Read the full story here" not in first.text
    assert "Number of N.K. defectors halves" not in first.text
    assert "Defectors down this year" not in first.text  # the next post's title


def test_archive_source_story():
    first, second = parse_archive(ARCHIVE, "archive.txt")
    assert first.source is not None
    assert first.source.headline == "Number of N.K. defectors halves in Kim Jong-un era"
    assert first.source.outlet == "Yonhap"
    assert first.source.author is None
    assert second.source.headline == "DPRK defectors down"
    assert second.source.outlet == "Korea Times"
    assert second.source.author == "Kim Hyun-jin"


def test_archive_byline_gives_the_author():
    text = "A post\n\nTuesday, March 3rd, 2015\n\nBy Andrei Lankov\n\nMarkets are spreading in the North.\n"
    (post,) = parse_archive(text, "a.txt")
    assert post.author == "Andrei Lankov"
    assert post.outlet is None
    assert post.published == date(2015, 3, 3)


def test_archive_ids_are_stable():
    assert [p.id for p in parse_archive(ARCHIVE, "a.txt")] == [p.id for p in parse_archive(ARCHIVE, "b.txt")]


def test_archive_source_outlet_named_like_the_attribution():
    text = (
        "Border closed\n\nFriday, May 1st, 2015\n\nAccording to Hankyoreh:\n\nThe border was closed.\n\n"
        "Read the full story here:\nBorder closed again\nHankyoreh\nKim Min-ji\n"
    )
    (post,) = parse_archive(text, "a.txt")
    assert post.outlet == "Hankyoreh"
    assert post.source.outlet == "Hankyoreh"
    assert post.source.author == "Kim Min-ji"


def test_archive_without_posts_is_an_error(tmp):
    path = tmp / "empty-archive.txt"
    path.write_text("Only a title\n\nMonday, January 4th, 2016\n\n\n")
    with pytest.raises(SourceError, match=r"empty-archive\.txt: an archive page with no posts"):
        list(read_file(path))


# ---------------------------------------------------------------------------
# plain text and JSON Lines
# ---------------------------------------------------------------------------


def test_plain_text_title_and_body():
    article = parse_plain(PLAIN, "plain.txt")
    assert article.title == PLAIN_TITLE
    assert article.text.startswith("Kim Jong-un's uncle Jang Song-thaek")
    assert article.published is None
    assert article.origin == "plain.txt"


def test_plain_text_without_title_line():
    article = parse_plain("One sentence only, with no title.\n", "x.txt")
    assert article.title is None
    assert article.text == "One sentence only, with no title."


def test_jsonl_fields():
    (article,) = list(parse_jsonl(json.dumps(JSONL_RECORD), "news.jsonl"))
    assert isinstance(article, Article)
    assert article.id == JSONL_RECORD["url"]
    assert article.title == JSONL_RECORD["title"]
    assert article.published == date(2015, 8, 20)
    assert article.outlet == "Daily NK"
    assert article.author == "Jane Roe"
    assert article.text == JSONL_RECORD["text"]
    assert article.origin == "news.jsonl:1"


def test_jsonl_bad_lines_are_skipped_with_line_numbers():
    lines = [
        json.dumps({"text": "Seoul said nothing."}),
        "",
        '{"text": "unterminated',
        "[1, 2]",
        json.dumps({"title": "no body"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Pyongyang said nothing either."}),
    ]
    items = list(parse_jsonl("\n".join(lines), "feed.jsonl"))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [a.text for a in articles] == ["Seoul said nothing.", "Pyongyang said nothing either."]
    assert [s.source for s in skipped] == ["feed.jsonl:3", "feed.jsonl:4", "feed.jsonl:5", "feed.jsonl:6"]
    assert skipped[0].reason.startswith("invalid JSON (") and "at column" in skipped[0].reason
    assert skipped[1].reason == "a JSON line must be an object"
    assert skipped[2].reason == "no 'text' field"
    assert skipped[3].reason == "no 'text' field"


# ---------------------------------------------------------------------------
# folders and batches
# ---------------------------------------------------------------------------


def test_folder_is_searched_recursively_for_text_and_jsonl(tmp):
    (tmp / "sub").mkdir()
    (tmp / "sub" / "b.txt").write_text("B text.")
    (tmp / "a.jsonl").write_text(json.dumps({"text": "A text."}))
    (tmp / "ignored.pdf").write_bytes(b"%PDF")
    assert [p.name for p in expand([tmp])] == ["a.jsonl", "b.txt"]


def test_folder_without_articles_is_skipped_with_a_reason(tmp):
    (tmp / "picture.png").write_bytes(b"\x89PNG")
    (item,) = list(read_sources([tmp]))
    assert item == Skipped(str(tmp), "folder holds no articles (.txt, .jsonl, .csv, .html, .xml, .gz …)")


def test_missing_source_is_skipped_with_a_reason(tmp):
    (item,) = list(read_sources([tmp / "gone.txt"]))
    assert item == Skipped(str(tmp / "gone.txt"), "no such file or folder")


def test_bad_sources_do_not_stop_the_batch(tmp):
    (tmp / "binary.txt").write_bytes(b"abc\x00def")
    (tmp / "empty.txt").write_text("")
    (tmp / "good.txt").write_text(PLAIN)
    items = list(read_sources([tmp, tmp / "missing.txt"]))
    articles = [i for i in items if isinstance(i, Article)]
    reasons = {i.source: i.reason for i in items if isinstance(i, Skipped)}
    assert [a.title for a in articles] == [PLAIN_TITLE]
    assert reasons == {
        str(tmp / "binary.txt"): "binary file, not text",
        str(tmp / "empty.txt"): "empty file",
        str(tmp / "missing.txt"): "no such file or folder",
    }


def test_read_sources_reads_every_format(corpus):
    items = list(read_sources(list(corpus.values())))
    assert all(isinstance(i, Article) for i in items)
    assert {i.title for i in items} == {POST1_TITLE, POST2_TITLE, JSONL_RECORD["title"], PLAIN_TITLE}


# ---------------------------------------------------------------------------
# HTML, feeds, CSV, gzip, globs, standard input, languages
# ---------------------------------------------------------------------------


def test_every_format_in_a_folder(tmp):
    from conftest import CSV_COLUMNS, FORMAT_TITLES, write_formats

    write_formats(tmp)
    items = list(read_sources([tmp], columns=CSV_COLUMNS))
    assert all(isinstance(i, Article) for i in items), items
    assert {i.title for i in items} == FORMAT_TITLES


def test_html_page_main_text_and_metadata(tmp):
    from conftest import HTML_PAGE, HTML_TITLE

    article = parse_html(HTML_PAGE, "page.html")
    assert article.title == HTML_TITLE
    assert article.published == date(2015, 9, 2)
    assert article.author == "Jane Roe" and article.outlet == "Daily NK"
    assert article.url == article.id == "https://example.org/news/border-arrests"
    assert article.text.startswith("Chinese police arrested about 200 North Koreans")
    for boilerplate in ("Related stories", "Markets spread", "Copyright", "Politics", HTML_TITLE):
        assert boilerplate not in article.text


def test_html_with_only_navigation_is_refused():
    page = "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><footer>(c) 2015</footer></body></html>"
    with pytest.raises(SourceError, match=r"nav\.html: no article text in the page \(navigation or boilerplate only\)"):
        parse_html(page, "nav.html")


def test_rss_items_with_dates_links_and_authors():
    from conftest import RSS_FEED, RSS_TITLE

    (article,) = list(parse_feed(RSS_FEED.encode(), "monitor.rss"))
    assert article.title == RSS_TITLE
    assert article.published == date(2015, 10, 6)
    assert article.url == "https://example.org/rss/fewer-arrivals"
    assert article.outlet == "NK Monitor" and article.author == "Kim Min-ji"
    assert article.origin == "monitor.rss#item1"
    assert article.text.split("\n\n")[1] == "Officials blamed tighter controls on the Chinese side of the border."


def test_atom_entry_content():
    from conftest import ATOM_FEED, ATOM_TITLE

    (article,) = list(parse_feed(ATOM_FEED.encode(), "watch.xml"))
    assert (article.title, article.published, article.author) == (ATOM_TITLE, date(2015, 12, 1), "Jane Roe")
    assert "<p>" not in article.text and article.text.startswith("A South Korean envoy")


def test_feed_with_no_items_is_refused():
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    with pytest.raises(SourceError, match=r"quiet\.rss: a feed with no items"):
        list(parse_feed(feed, "quiet.rss"))


def test_csv_with_a_column_mapping():
    from conftest import CSV_COLUMNS, CSV_EXPORT, CSV_TITLE

    (article,) = list(parse_csv(CSV_EXPORT, "export.csv", columns=CSV_COLUMNS))
    assert (article.title, article.published, article.url) == (
        CSV_TITLE,
        date(2015, 7, 10),
        "https://example.org/csv/hanawon",
    )
    assert article.origin == "export.csv:2"


def test_csv_without_the_text_column_is_refused():
    export = "headline,date,link\nA,2015-01-01,https://example.org/a\n"
    with pytest.raises(SourceError, match=r"export\.csv: no text column 'story' \(columns: headline, date, link;"):
        list(parse_csv(export, "export.csv", columns={"text": "story"}))


@pytest.mark.parametrize(
    ("spec", "message"),
    [("text", r"--columns: 'text' is not FIELD=COLUMN"), ("body=text", r"--columns: unknown field 'body'")],
)
def test_bad_column_mappings(spec, message):
    with pytest.raises(SourceError, match=message):
        parse_columns(spec)


def test_column_mapping_applies_to_json_lines():
    (article,) = list(parse_jsonl(json.dumps({"story": "Seoul said nothing."}), "x.jsonl", columns={"text": "story"}))
    assert article.text == "Seoul said nothing."


def test_gzip_files_are_read(tmp):
    import gzip

    path = tmp / "news.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps(JSONL_RECORD).encode()))
    (article,) = list(read_file(path))
    assert article.title == JSONL_RECORD["title"] and article.origin == f"{path}:1"


def test_empty_and_truncated_gzip_files_are_refused(tmp):
    import gzip

    (tmp / "zero.txt.gz").write_bytes(b"")
    (tmp / "cut.txt.gz").write_bytes(gzip.compress(PLAIN.encode() * 20)[:40])
    with pytest.raises(SourceError, match=r"zero\.txt\.gz: empty file"):
        list(read_file(tmp / "zero.txt.gz"))
    with pytest.raises(SourceError, match=r"cut\.txt\.gz: broken or truncated gzip file \("):
        list(read_file(tmp / "cut.txt.gz"))


def test_a_50_megabyte_file_is_refused_without_reading_it(tmp):
    from kg.ingest.text import MAX_BYTES

    path = tmp / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)  # sparse: nothing is written, nothing must be read
    with pytest.raises(SourceError, match=rf"huge\.txt: too large \({MAX_BYTES + 1} bytes; the limit is {MAX_BYTES}\)"):
        read_text_file(path)


def test_globs_and_standard_input(tmp, monkeypatch):
    import io
    import sys

    (tmp / "a.txt").write_text(PLAIN)
    (tmp / "b.md").write_text("Another one.")
    assert [p.name for p in expand([str(tmp / "*.txt")])] == ["a.txt"]
    assert list(expand([str(tmp / "*.csv")])) == [Skipped(str(tmp / "*.csv"), "no file matches the pattern")]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(JSONL_RECORD).encode())))
    (article,) = list(read_sources(["-"]))
    assert article.title == JSONL_RECORD["title"] and article.origin == "-:1"


def test_a_korean_article_is_skipped_with_its_language(tmp):
    (tmp / "ko.txt").write_text("북한 이탈 주민의 수가 올해 크게 줄었다고 통일부가 밝혔다. 지난해보다 적은 수가 입국했다.")
    (tmp / "en.txt").write_text(PLAIN)
    items = list(read_sources([tmp]))
    assert [i.title for i in items if isinstance(i, Article)] == [PLAIN_TITLE]
    assert Skipped(str(tmp / "ko.txt"), "not English (detected 'ko'; kg's model reads English only)") in items


def test_a_file_that_disappears_during_the_read_is_skipped(tmp):
    (tmp / "a.txt").write_text(PLAIN)
    (tmp / "b.txt").write_text("It will be gone before it is read, in Seoul on Monday.")
    items = read_sources([tmp])
    first = next(items)
    (tmp / "b.txt").unlink()
    assert first.title == PLAIN_TITLE
    (skipped,) = list(items)
    assert skipped.source == str(tmp / "b.txt") and skipped.reason.startswith("no such file or folder")
