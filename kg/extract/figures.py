"""Figures: a reported number with what it counts, its period, place and source."""

from __future__ import annotations

import re
from datetime import date

from kg.extract.common import (
    DATE_PREFIX_WORDS,
    MOVE_VERBS,
    SETTLE_VERBS,
    Locator,
    evidence_of,
)
from kg.nlp import PEOPLE_NOUNS
from kg.periods import resolve_period
from kg.records import Article, Figure


def _period(doc, sent, number_token: int, published: date | None, numbers: set[int]):
    """The period a figure covers: the nearest date expression after it in its clause (not past another
    number, not a baseline after "from"), else the nearest before it; "so far"/"now" stocks end on the
    publication date."""
    dates = [e for e in sent.ents if e.label_ == "DATE"]

    inside_brackets = {
        t.i
        for t in sent
        if any(a.text == "(" for a in doc[max(sent.start, t.i - 6) : t.i])
        and any(b.text == ")" for b in doc[t.i : min(sent.end, t.i + 6)])
    }

    def blocked(ent) -> bool:
        between = range(number_token + 1, ent.start)
        if any(i in numbers and i not in inside_brackets for i in between):
            return True
        return ent.start > 0 and doc[ent.start - 1].lower_ in ("from", "than", "with", "before", "after")

    after = sorted(
        (e for e in dates if e.start > number_token and e.start - number_token <= 20 and not blocked(e)),
        key=lambda e: e.start,
    )
    before = sorted(
        (
            e
            for e in dates
            if e.end <= number_token and not (e.start > 0 and doc[e.start - 1].lower_ in ("from", "than"))
        ),
        key=lambda e: -e.end,
    )
    for ent in after + before:
        start, end = ent.start, ent.end
        while start > sent.start and doc[start - 1].lower_ in DATE_PREFIX_WORDS and ent.start - start < 6:
            start -= 1
        if end + 1 < sent.end and doc[end].lower_ in ("and", "to", "-", "through") and doc[end + 1].ent_type_ == "DATE":
            end += 2
        for text in (doc[start:end].text, doc[start : ent.end].text, ent.text):
            period = resolve_period(text, published)
            if period is not None:
                return period
    if published and re.search(r"\b(?:so far|to date|currently|now)\b", sent.text):
        return None, published
    return None


def _measured(doc, candidate, unit: str) -> str:
    """A short phrase for what a figure counts, built from the counted noun, its modifiers and its verb."""
    if candidate.noun is None:
        return "amount" if unit not in ("person", "percent") else ("people" if unit == "person" else "share")
    noun = doc[candidate.noun]
    left = [
        t
        for t in noun.lefts
        if t.dep_ in ("amod", "compound", "nmod") and not t.like_num and t.i > candidate.number_token
    ]
    phrase = " ".join([*(t.text for t in left), noun.text]).lower()
    if unit == "percent":
        phrase = f"share of {phrase}"
    verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    if verb is not None and verb.pos_ == "VERB":
        if verb.lemma_ in MOVE_VERBS:
            phrase += " arriving"
        elif verb.lemma_ in SETTLE_VERBS:
            phrase += " resettling"
    return phrase


def _unit(doc, candidate) -> str:
    quantity = candidate.quantity
    if quantity.unit:
        return quantity.unit
    if candidate.noun is None:
        return "person"
    noun = doc[candidate.noun]
    if noun.lower_ in PEOPLE_NOUNS or noun.lemma_.lower() in PEOPLE_NOUNS or noun.ent_type_ == "NORP":
        return "person"
    return noun.lemma_.lower()


def extract_figures(doc, article: Article, locate: Locator, sources: dict[int, str | None]) -> list[Figure]:
    figures: list[Figure] = []
    numbers = {c.number_token for c in doc._.kg_figures or []}
    for candidate in doc._.kg_figures or []:
        quantity = candidate.quantity
        token = doc[candidate.number_token]
        sent = token.sent
        unit = _unit(doc, candidate)
        previous = figures[-1] if figures and figures[-1].evidence.start == sent.start_char else None
        measured = _measured(doc, candidate, unit)
        if candidate.noun is None and quantity.unit is None and previous is not None:
            unit, measured = previous.unit, previous.measured  # "1,502 in 2012, 1,514 in 2013"
        period = _period(doc, sent, candidate.number_token, article.published, numbers)
        if period is None and previous is None and figures and figures[-1].unit == unit:
            last = figures[-1]  # a sentence continuing the previous one's report keeps its period
            if 0 <= sent.start_char - last.evidence.end <= 2 and last.period_start:
                period = (last.period_start, last.period_end)
        places_after = locate.within(quantity.end, sent.end_char, ("Place",))
        places_before = locate.within(sent.start_char, quantity.start, ("Place",))
        close_before = (
            places_before[-1]
            if places_before
            and re.fullmatch(r"\W*(?:with|at|had|has|to)?\W*", doc.text[places_before[-1].end : quantity.start].strip())
            else None
        )
        place = close_before or (places_after[0] if places_after else (places_before[-1] if places_before else None))
        if place and measured.endswith(("arriving", "resettling")):
            measured += f" in {place.name}"
        figures.append(
            Figure(
                value=quantity.value,
                unit=unit,
                measured=measured,
                text=quantity.text,
                start=quantity.start,
                end=quantity.end,
                evidence=evidence_of(sent),
                period_start=period[0] if period else None,
                period_end=period[1] if period else None,
                place=place.name if place else None,
                source=sources.get(sent.start),
                qualifier=quantity.qualifier,
            )
        )
    return figures
