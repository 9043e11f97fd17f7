"""Blog-archive pages (title, weekday date line, "According to X:", "Read the full story here:") and plain text."""

from __future__ import annotations

import re
from datetime import date

from kg.ingest.text import article_id
from kg.records import Article, SourceStory

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
    if reported_by and re.sub(r"^the\s+", "", line.strip(), flags=re.I).lower() == reported_by.lower():
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
