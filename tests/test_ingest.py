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
    parse_date,
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
