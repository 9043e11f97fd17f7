"""Saved web pages: the main text and its title, date, author, site name and URL (trafilatura),
with navigation, boilerplate and "related stories" lists left out."""

from __future__ import annotations

from kg.errors import SourceError
from kg.ingest.text import article_id, normalise, parse_date
from kg.records import Article

MIN_WORDS = 15


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<body" in text.lower())


def html_to_text(markup: str) -> str:
    """The readable text of an HTML fragment (as in a feed item), paragraphs apart."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml raises several kinds on junk; the markup is untrusted
        return markup
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3|//h4|//blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    text = root.text_content()
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n\n") if part.strip())


def parse_html(markup: str, origin: str) -> Article:
    """The article of a saved web page; a page with no main text (navigation only) is an error."""
    import trafilatura

    document = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    body = (document.text or "") if document is not None else ""
    title = (document.title or "").strip() or None if document is not None else None
    lines = [line.strip() for line in normalise(body).split("\n") if line.strip()]
    if lines and title and lines[0] == normalise(title).strip():
        lines = lines[1:]  # trafilatura repeats the headline as the first line
    text = "\n\n".join(lines)
    if len(text.split()) < MIN_WORDS:
        raise SourceError(f"{origin}: no article text in the page (navigation or boilerplate only)")
    url = (document.url or "").strip() or None
    return Article(
        id=article_id(text, url),
        text=text,
        origin=origin,
        title=normalise(title).strip() if title else None,
        published=parse_date(document.date),
        url=url,
        outlet=(document.sitename or "").strip() or None,
        author=(document.author or "").strip() or None,
    )
