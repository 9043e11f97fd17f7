"""Read sources into `Article` records: blog archives, JSON Lines, plain text, folders.

`read_sources` never stops at a bad source: it yields a `Skipped` record naming
the source and the reason, and goes on with the rest.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from kg.errors import SourceError
from kg.records import Article, Skipped, SourceStory

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_LINE = re.compile(
    rf"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s+(\d{{4}})\s*$"
)
_ACCORDING = re.compile(r"^(?:And\s+)?According to (?:the\s+)?(?P<outlet>[^:()]+?)\s*(?:\([^)]*\))?\s*:\s*$")
_BYLINE = re.compile(r"^By\s+(?P<author>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4})\s*$")
_READ_MORE = "Read the full story here:"
_OUTLET_WORDS = re.compile(
    r"\b(News|Times|Ilbo|Herald|Daily|Journal|Post|Radio|TV|Agency|Press|Tribune|Telegraph|Guardian|"
    r"Broadcasting|Network|Service|Sinmun|Yonhap|Reuters|UPI|AFP|AP|BBC|CNN|KBS|MBC|SBS|RFA|VOA)\b"
)


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: the URL when known, else a hash of the content."""
    if url:
        return url
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_text_file(path: Path) -> str:
    """Read a file as text, refusing what is missing, too large, binary, empty or undecodable."""
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    if not path.is_file():
        raise SourceError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceError(f"{path}: too large ({size} bytes; the limit is {MAX_BYTES})")
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(f"{path}: empty file")
    if b"\x00" in data[:8192]:
        raise SourceError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SourceError(f"{path}: cannot be decoded as UTF-8 (byte {err.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(value: str | None) -> date | None:
    """An ISO date or date-time string as a date, or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _archive_date(line: str) -> date | None:
    match = _DATE_LINE.match(line.strip())
    if not match:
        return None
    month = _MONTHS.split("|").index(match.group(1)) + 1
    try:
        return date(int(match.group(3)), month, int(match.group(2)))
    except ValueError:
        return None


def is_archive(text: str) -> bool:
    """True when the text looks like a blog archive: title lines followed by weekday date lines."""
    return any(_archive_date(line) for line in text.split("\n"))


def _looks_like_outlet(line: str, reported_by: str | None) -> bool:
    if reported_by and line.strip().lower().lstrip("the ").strip() == reported_by.lower():
        return True
    return bool(_OUTLET_WORDS.search(line))


def _parse_source_block(lines: list[str], reported_by: str | None) -> SourceStory | None:
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return None
    headline, outlet, author = lines[0], None, None
    for line in lines[1:3]:
        if outlet is None and author is None and _looks_like_outlet(line, reported_by):
            outlet = line
        elif author is None:
            author = line
    return SourceStory(headline=headline, outlet=outlet, author=author)


def parse_archive(text: str, origin: str) -> list[Article]:
    """Split a blog-archive page into its posts."""
    lines = text.split("\n")
    starts = []  # (title line index, date line index, date)
    for index, line in enumerate(lines):
        published = _archive_date(line)
        if published is None:
            continue
        title_index = index - 1
        while title_index >= 0 and not lines[title_index].strip():
            title_index -= 1
        if title_index >= 0:
            starts.append((title_index, index, published))
    articles = []
    for number, (title_index, date_index, published) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        body_lines = lines[date_index + 1 : end]
        source_lines: list[str] = []
        for offset, line in enumerate(body_lines):
            if line.strip() == _READ_MORE:
                source_lines = body_lines[offset + 1 :]
                body_lines = body_lines[:offset]
                break
        body = "\n".join(body_lines).strip("\n").rstrip()
        if not body.strip():
            continue
        outlet = author = None
        first = next((line.strip() for line in body_lines if line.strip()), "")
        if match := _ACCORDING.match(first):
            outlet = match.group("outlet").strip()
        elif match := _BYLINE.match(first):
            author = match.group("author").strip()
        title = lines[title_index].strip()
        articles.append(
            Article(
                id=article_id(f"{title}\n{published.isoformat()}\n{body}"),
                text=body,
                origin=f"{origin}#post{number + 1}",
                title=title,
                published=published,
                outlet=outlet,
                author=author,
                source=_parse_source_block(source_lines, outlet),
            )
        )
    return articles


def parse_plain(text: str, origin: str) -> Article:
    """A plain-text article: a short first line followed by a blank line is its title."""
    stripped = text.strip("\n")
    title = None
    head, sep, rest = stripped.partition("\n\n")
    if sep and "\n" not in head and len(head) < 200 and rest.strip():
        title, stripped = head.strip(), rest.strip("\n")
    return Article(id=article_id(stripped), text=stripped, origin=origin, title=title)


def parse_jsonl(text: str, origin: str) -> Iterator[Article | Skipped]:
    """Articles from JSON Lines: `text` and, where known, title, published, url, outlet, author."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(where, f"invalid JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, "a JSON line must be an object")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Skipped(where, "no 'text' field")
            continue
        body = body.replace("\r\n", "\n").strip("\n")

        def field(name: str) -> str | None:
            value = record.get(name)
            return value.strip() if isinstance(value, str) and value.strip() else None

        url = field("url")
        yield Article(
            id=article_id(body, url),
            text=body,
            origin=where,
            title=field("title"),
            published=parse_date(field("published")),
            url=url,
            outlet=field("outlet"),
            author=field("author"),
        )


def read_file(path: Path) -> Iterator[Article | Skipped]:
    """Articles (and skipped parts) of one file, by its format."""
    text = read_text_file(path)
    origin = str(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from parse_jsonl(text, origin)
    elif is_archive(text):
        articles = parse_archive(text, origin)
        if not articles:
            raise SourceError(f"{path}: an archive page with no posts")
        yield from articles
    else:
        yield parse_plain(text, origin)


def expand(sources: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Files named by the sources: files as given, folders searched recursively."""
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES
            )
            if not files:
                yield Skipped(str(path), "folder holds no .txt or .jsonl files")
            yield from files
        elif path.exists():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def read_sources(sources: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    """Every article of every source; unreadable sources come out as `Skipped`."""
    for item in expand(sources):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield from read_file(item)
        except SourceError as err:
            yield Skipped(str(item), str(err).removeprefix(f"{item}: "))
