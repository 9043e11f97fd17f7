"""JSON Lines and CSV exports of news databases, with a mapping from kg's fields to their columns."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping

from kg.errors import SourceError
from kg.ingest.text import MAX_BYTES, article_id, normalise, parse_date
from kg.records import Article, Skipped

#: kg's article fields and the column names looked for when no mapping names them.
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubdate", "published_at", "datePublished"),
    "url": ("url", "link"),
    "outlet": ("outlet", "publisher", "site", "source"),
    "author": ("author", "byline"),
}


def parse_columns(spec: str | None) -> dict[str, str]:
    """`text=body,title=headline` as {field: column}; unknown fields and malformed pairs are errors."""
    columns: dict[str, str] = {}
    for pair in (spec or "").split(","):
        if not pair.strip():
            continue
        field, sep, column = pair.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not field or not column:
            raise SourceError(f"--columns: {pair.strip()!r} is not FIELD=COLUMN")
        if field not in FIELDS:
            raise SourceError(f"--columns: unknown field {field!r} (fields: {', '.join(FIELDS)})")
        columns[field] = column
    return columns


def _names(field: str, columns: Mapping[str, str] | None) -> tuple[str, ...]:
    if columns and field in columns:  # the mapped column first, then the usual names (files of other kinds)
        return (columns[field], *(name for name in FIELDS[field] if name != columns[field]))
    return FIELDS[field]


def _article(record: Mapping[str, object], where: str, columns: Mapping[str, str] | None) -> Article | Skipped:
    def field(name: str) -> str | None:
        for key in _names(name, columns):
            value = record.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    body = field("text")
    if body is None:
        return Skipped(where, f"no '{_names('text', columns)[0]}' field")
    body = normalise(body).strip("\n")
    url = field("url")
    return Article(
        id=article_id(body, url),
        text=body,
        origin=where,
        title=field("title"),
        published=parse_date(field("published")),
        url=url,
        outlet=field("outlet"),
        author=field("author"),
    )


def parse_jsonl(text: str, origin: str, *, columns: Mapping[str, str] | None = None) -> Iterator[Article | Skipped]:
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
        yield _article(record, where, columns)


def parse_csv(
    text: str, origin: str, *, columns: Mapping[str, str] | None = None, delimiter: str | None = None
) -> Iterator[Article | Skipped]:
    """Articles from a CSV (or TSV) export with a header row; a missing text column skips the file."""
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = reader.fieldnames or []
    wanted = _names("text", columns)
    if not any(name in header for name in wanted):
        shown = ", ".join(header[:12]) or "none"
        raise SourceError(f"{origin}: no text column {wanted[0]!r} (columns: {shown}; map one with --columns text=NAME)")
    try:
        for record in reader:
            yield _article(record, f"{origin}:{reader.line_num}", columns)
    except csv.Error as err:
        yield Skipped(f"{origin}:{reader.line_num}", f"invalid CSV ({err})")
