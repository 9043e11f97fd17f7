"""Read sources into `Article` records: blog archives, plain text, HTML pages, RSS/Atom feeds, JSON Lines,
CSV, gzip files of these, folders (recursively), globs and `-` (standard input).

`read_sources` never stops at a bad source: it yields a `Skipped` record naming the source and the
reason, and goes on with the rest. `read_files` does the same one source file at a time, with the hash
of its bytes, for incremental builds.
"""

from __future__ import annotations

import glob
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import SourceError
from kg.ingest.archive import is_archive, parse_archive, parse_plain
from kg.ingest.feeds import looks_like_feed, parse_feed
from kg.ingest.html import looks_like_html, parse_html
from kg.ingest.tables import parse_columns, parse_csv, parse_jsonl
from kg.ingest.text import (
    MAX_BYTES,
    article_id,
    decode,
    normalise,
    not_english,
    parse_date,
    read_bytes,
    read_stdin,
    read_text_file,
)
from kg.records import Article, Skipped

__all__ = [
    "MAX_BYTES",
    "SourceFile",
    "article_id",
    "expand",
    "is_archive",
    "parse_archive",
    "parse_columns",
    "parse_csv",
    "parse_date",
    "parse_feed",
    "parse_html",
    "parse_jsonl",
    "parse_plain",
    "read_file",
    "read_files",
    "read_sources",
    "read_text_file",
]

STDIN = "-"
TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES


@dataclass
class SourceFile:
    """One source file read: its articles and skipped parts, or the error that stopped it."""

    source: str
    digest: str | None = None
    items: list[Article | Skipped] = field(default_factory=list)
    error: str | None = None

    @property
    def articles(self) -> list[Article]:
        return [item for item in self.items if isinstance(item, Article)]


def _format_suffix(name: str) -> str:
    path = Path(name.lower())
    if path.suffix == ".gz":
        path = path.with_suffix("")
    return path.suffix


def _is_source(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(".") and _format_suffix(path.name) in SUFFIXES


def parse_bytes(
    data: bytes, name: str, *, suffix: str = "", columns: Mapping[str, str] | None = None
) -> Iterator[Article | Skipped]:
    """Articles (and skipped parts) of a file's bytes, by its suffix or else by what it holds."""
    if suffix in FEED_SUFFIXES:
        yield from parse_feed(data, name)
        return
    text = normalise(decode(data, name))
    if suffix in CSV_SUFFIXES:
        yield from parse_csv(text, name, columns=columns, delimiter="\t" if suffix == ".tsv" else None)
    elif suffix in JSONL_SUFFIXES or (not suffix and text.lstrip().startswith("{")):
        stripped = text.strip()
        if stripped.startswith("["):  # a JSON array of records
            try:
                records = json.loads(stripped)
            except json.JSONDecodeError as err:
                raise SourceError(f"{name}: invalid JSON ({err.msg} at line {err.lineno})") from None
            text = "\n".join(json.dumps(record) for record in records)
        yield from parse_jsonl(text, name, columns=columns)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(text)):
        yield parse_html(text, name)
    elif not suffix and looks_like_feed(text):
        yield from parse_feed(data, name)
    elif is_archive(text):
        articles = parse_archive(text, name)
        if not articles:
            raise SourceError(f"{name}: an archive page with no posts")
        yield from articles
    else:
        yield parse_plain(text, name)


def read_file(path: Path, *, columns: Mapping[str, str] | None = None) -> Iterator[Article | Skipped]:
    """Articles (and skipped parts) of one file, by its format."""
    yield from parse_bytes(read_bytes(path), str(path), suffix=_format_suffix(path.name), columns=columns)


def expand(sources: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Files named by the sources: files as given, folders searched recursively, globs matched, `-` as is."""
    for source in sources:
        path = Path(source)
        if str(source) == STDIN:
            yield Path(STDIN)
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if _is_source(p))
            if not files:
                yield Skipped(str(path), "folder holds no articles (.txt, .jsonl, .csv, .html, .xml, .gz …)")
            yield from files
        elif path.exists():
            yield path
        elif glob.has_magic(str(source)):
            files = sorted(Path(p) for p in glob.glob(str(source), recursive=True) if _is_source(Path(p)))
            if not files:
                yield Skipped(str(source), "no file matches the pattern")
            yield from files
        else:
            yield Skipped(str(path), "no such file or folder")


def _read_one(path: Path, columns: Mapping[str, str] | None) -> SourceFile:
    name = str(path)
    result = SourceFile(name)
    try:
        if name == STDIN:
            data, suffix = read_stdin(), ""
        else:
            data, suffix = read_bytes(path), _format_suffix(path.name)
        result.digest = hashlib.sha256(data).hexdigest()
        for item in parse_bytes(data, name, suffix=suffix, columns=columns):
            if isinstance(item, Article) and (reason := not_english(item.text)):
                item = Skipped(item.origin, reason)
            result.items.append(item)
    except SourceError as err:
        result.error = str(err).removeprefix(f"{name}: ")
        result.items = [Skipped(name, result.error)]
    return result


def read_files(
    sources: Iterable[str | Path], *, columns: Mapping[str, str] | None = None
) -> Iterator[SourceFile | Skipped]:
    """Each source file read in turn; sources that name nothing come out as `Skipped`."""
    for item in expand(sources):
        yield item if isinstance(item, Skipped) else _read_one(item, columns)


def read_sources(
    sources: Iterable[str | Path], *, columns: Mapping[str, str] | None = None
) -> Iterator[Article | Skipped]:
    """Every article of every source; unreadable sources and parts come out as `Skipped`."""
    for item in read_files(sources, columns=columns):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from item.items
