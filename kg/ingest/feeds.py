"""RSS and Atom feeds (feedparser): one article per item, its full text or else its summary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kg.errors import SourceError
from kg.ingest.html import html_to_text
from kg.ingest.text import article_id, normalise
from kg.records import Article, Skipped


def looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:2000]
    return "<rss" in head or "<feed" in head or "<rdf:RDF" in head


def _date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def parse_feed(data: bytes | str, origin: str) -> Iterator[Article | Skipped]:
    """The items of a feed; a feed with no items (or no feed at all) is an error."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.feed:
            raise SourceError(f"{origin}: not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
        raise SourceError(f"{origin}: a feed with no items")
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#item{number}"
        content = entry.get("content") or []
        markup = max((c.get("value", "") for c in content), key=len, default="") or entry.get("summary", "")
        text = normalise(html_to_text(markup)).strip()
        if not text:
            yield Skipped(where, "a feed item with no text")
            continue
        url = (entry.get("link") or "").strip() or None
        title = html_to_text(entry.get("title", "")).strip() or None
        yield Article(
            id=article_id(text, url),
            text=text,
            origin=where,
            title=normalise(title) if title else None,
            published=_date(entry),
            url=url,
            outlet=outlet,
            author=((entry.get("author_detail") or {}).get("name") or entry.get("author") or "").strip() or None,
        )
