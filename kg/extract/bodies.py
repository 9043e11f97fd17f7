"""Bodies named only inside a title before a person's name: "Minister of Unification X", "Interior Minister X",
"customs administration spokesman X". The body becomes a mention (so relations can reach it), named as the
article, else the gazetteer, names it; the person's membership is proposed as a pattern relation."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.extract.common import evidence_of
from kg.extract.roles import GENERIC_ORGS, LEADS, words_of
from kg.nlp.doc_index import doc_text, sentences
from kg.records import Mention, Relation

_RANK = r"(?P<rank>(?:[Ff]irst\s+)?(?:[Vv]ice|[Dd]eputy|[Aa]ssistant|[Ff]ormer)\s+)?"
_ROLE = r"(?:\s+(?P<role>spokes(?:man|woman|person)|official|chief|head|director))?"
#: "Vice Minister of Unification X", "Secretary of Labor X" (not "Minister for Work X", a portfolio, not a ministry)
_TITLE_OF = re.compile(
    _RANK + r"(?P<body>(?P<title>Minister|Secretary)\s+of\s+(?P<what>(?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3})),?\s+$"
)
#: "Interior Minister X", "Foreign Ministry spokesman X"
_PORTFOLIO_TITLE = re.compile(
    r"(?<![\w’'])" + _RANK + r"(?P<body>(?P<what>(?!Minister\b)[A-Z][a-z]+(?:\s+(?:and\s+)?(?!Minister\b)[A-Z][a-z]+)?)\s+(?P<title>Minister|Ministry))" + _ROLE + r",?\s+$"
)
#: "customs administration spokesman X": a body in lower case before a role, named in full elsewhere in the article
_GENERIC_TITLE = re.compile(
    rf"(?<![\w’'])(?P<body>(?P<what>(?:[a-z]+\s+)?(?:{GENERIC_ORGS}|administration)))" + _ROLE.replace(")?", ")") + r",?\s+$"
)


def title_bodies(doc, mentions: list[Mention], gazetteer) -> tuple[list[Mention], list[Relation]]:
    """The bodies titles name before people, as new mentions, and each person's membership of them."""
    found: list[Mention] = []
    relations: list[Relation] = []
    taken = [(m.start, m.end) for m in mentions]
    text, sents = doc_text(doc), sentences(doc)
    starts = [sent.start_char for sent in sents]
    people: dict[int, list[Mention]] = {}  # sentence number → its people, in the mentions' order
    for m in mentions:
        if m.type == "Person" and (i := bisect_right(starts, m.start) - 1) >= 0 and m.start < sents[i].end_char:
            people.setdefault(i, []).append(m)
    for i in sorted(people):
        sent = sents[i]
        for person in people[i]:
            before = text[max(sent.start_char, person.start - 90) : person.start]
            offset = person.start - len(before)
            for pattern in (_TITLE_OF, _PORTFOLIO_TITLE, _GENERIC_TITLE):
                if (match := pattern.search(before)) is None:
                    continue
                if re.search(r"[’']s\s*$", before[: match.start()]):
                    break  # "North Korea’s Defense Minister X": another country's minister, not the ministry named here
                start, end = offset + match.start("body"), offset + match.end("body")
                if any(s < end and start < e for s, e in taken):
                    break  # the body is already a mention: the relation patterns and the classifier see it
                if (name := _body_name(match, pattern, mentions, gazetteer, person.start)) is None:
                    break
                found.append(Mention(text[start:end], start, end, "Agency", name, "title-body"))
                taken.append((start, end))
                groups = match.groupdict()
                role = groups.get("role") or ("minister" if groups.get("title", "").startswith("Minist") else groups.get("title", "")).lower()
                rank = (groups.get("rank") or "").lower()
                predicate = "leads" if role in LEADS and not rank else "memberOf"
                relations.append(Relation(person.name, predicate, name, evidence_of(sent), rank + role, 0.8, "title-body"))
                break
    return found, relations


def _body_name(match, pattern, mentions: list[Mention], gazetteer, offset: int) -> str | None:
    """The name of the body a title points to: an organisation the article names, else a ministry the
    gazetteer knows, else (for "Minister of X" only) "Ministry of X"."""
    what = re.sub(r"^the\s+", "", match.group("what"))
    words = words_of(what)
    if pattern is not _GENERIC_TITLE:
        words |= {"ministry"} if not words & {"department"} else set()
    named = [m for m in mentions if m.type in ("Agency", "Organization") and words <= words_of(m.name) | _ministry(m.name)]
    if named:
        earlier = [m for m in named if m.end <= offset]
        return (earlier[-1] if earlier else named[0]).name
    if pattern is _GENERIC_TITLE:
        return None
    for form in (f"Ministry of {what}", f"{what} Ministry", f"Ministry of the {what}", f"Department of {what}"):
        if (entry := gazetteer.lookup(form)) is not None and entry.type in ("Agency", "Organization"):
            return entry.name
    return f"Ministry of {what}" if pattern is _TITLE_OF and match.group("title") == "Minister" else None


def _ministry(name: str) -> set[str]:
    """ "Department of X" stands for a ministry too."""
    return {"ministry"} if re.search(r"\b(?:department|ministry)\b", name.lower()) else set()
