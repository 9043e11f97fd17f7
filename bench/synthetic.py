"""Many distinct articles made by varying the sample corpus (data/sample), for the scale benchmarks.

Copy k of each sample article gets its own URL and title, its people renamed from a pool of 2,400
made-up Korean-style names (so the number of entities grows with the corpus, as in real news), and
its comma-written numbers shifted by k (so figures differ and figure groups disagree). No network.

    python bench/synthetic.py N OUT.jsonl
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SURNAMES = ("Park Choi Jung Kang Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon Hong Ko Moon Yang "
            "Son Bae Baek Heo Nam Noh Ha Kwak Sung Cha Joo Woo Gu Min Ryu Na Jin Ji Eom Chae").split()
GIVEN = [f"{a}-{b}" for a in ("Min Ji Seo Hyun Jae Soo Eun Young Dong Sung".split())
         for b in ("ho woo yeon jin hee sook chul min").split()][:60]
_PERSON = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+-[a-z]+)\b")
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")


def sample_articles():
    """The sample corpus as kg reads it (one article per story)."""
    sys.path.insert(0, str(ROOT))
    from kg.build import collect

    articles, _ = collect([ROOT / "data" / "sample"])
    return articles


def _name(copy: int, original: str) -> str:
    digest = int(hashlib.sha1(f"{copy}/{original}".encode()).hexdigest(), 16)
    return f"{SURNAMES[digest % len(SURNAMES)]} {GIVEN[(digest // 97) % len(GIVEN)]}"


def vary(text: str, copy: int) -> str:
    """Copy `copy` of a text: other people, shifted numbers."""
    if copy == 0:
        return text
    names: dict[str, str] = {}

    def person(match: re.Match) -> str:
        return names.setdefault(match.group(0), _name(copy, match.group(0)))

    def number(match: re.Match) -> str:
        return f"{int(match.group(0).replace(',', '')) + copy:,}"

    return _NUMBER.sub(number, _PERSON.sub(person, text))


def records(count: int):
    """`count` JSON-ready article records: the sample's articles, then copies of them varied."""
    articles = sample_articles()
    for number in range(count):
        copy, index = divmod(number, len(articles))
        article = articles[index]
        yield {
            "text": vary(article.text, copy),
            "title": f"{article.title} ({copy})" if copy else article.title,
            "published": article.published.isoformat() if isinstance(article.published, date) else None,
            "url": f"https://kg-bench.invalid/{copy}/{number}",
            "outlet": article.outlet,
            "author": article.author,
        }


def write(count: int, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records(count):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    print(write(int(sys.argv[1]), Path(sys.argv[2])))
