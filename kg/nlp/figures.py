"""The kg_figures component: the quantities of a Doc that read as reported figures (not years,
dates, durations, ages, ordinals or numbers inside names), each with the noun it counts."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.nlp.doc_index import doc_text
from kg.nlp.entity_types import KG_LABELS, NUMERIC_LABELS
from kg.numbers import Quantity, find_quantities, not_a_figure, points_unit


@dataclass
class FigureCandidate:
    """A quantity in a Doc that reads as a reported figure, with the token it counts."""

    quantity: Quantity
    noun: int | None  # token index of the counted noun, if any
    number_token: int


TIME_NOUNS = {
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "decade",
    "decades",
    "century",
    "centuries",
    "year-old",
    "years-old",
    "times",
    "time",
    "winter",
    "winters",
    "summer",
    "summers",
    "season",
    "seasons",
    "night",
    "nights",
    "am",
    "pm",
    "a.m.",
    "p.m.",
}
VAGUE = {"hundreds", "thousands", "millions", "billions", "dozens", "tens"}


def _duration(doc, span, quantity) -> bool:
    """A number followed by a time noun: a duration or an age, not a figure."""
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.lower_ in TIME_NOUNS or nxt.lower_.split("-")[0] in TIME_NOUNS):
        return True
    if nxt is not None and nxt.text == "-" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in TIME_NOUNS:
        return True
    return bool(re.search(r"-(?:year|month|week|day|hour)s?\b", doc_text(doc)[quantity.end : quantity.end + 8]))


NUMBER_WORDS = {"dozen", "hundred", "thousand", "million", "billion", "trillion"}


class FigureSpotter:
    """Find the quantities of a Doc that read as reported figures (not years, dates, durations,
    ages, ordinals or numbers inside names) and store them in `doc._.kg_figures`."""

    def __init__(self, max_sentence_tokens: int):
        self.max_sentence_tokens = max_sentence_tokens

    def __call__(self, doc):
        candidates = []
        date_tokens = {i: e for e in doc.ents if e.label_ in ("DATE", "TIME", "ORDINAL") for i in range(e.start, e.end)}
        named_tokens = {i for e in doc.ents if e.label_ in KG_LABELS for i in range(e.start, e.end)}
        for quantity in find_quantities(doc_text(doc)):
            span = doc.char_span(quantity.number_start, quantity.end, alignment_mode="expand")
            if span is None or len(span.sent) > self.max_sentence_tokens:
                continue
            if not_a_figure(doc_text(doc), quantity):
                continue  # a clock time, a model name, a page number, …
            if self._is_not_a_figure(doc, span, quantity, date_tokens, named_tokens):
                continue
            if quantity.unit == "point":  # "up 2 points" in a poll; "312 points" on the Dow
                quantity = replace(quantity, unit=points_unit(span.sent.text))
            number_token = next(
                (t.i for t in span if t.like_num or t.text[:1].isdigit() or t.lower_ in NUMBER_WORDS), span.start
            )
            candidates.append(FigureCandidate(quantity, counted_noun(doc, span, quantity), number_token))
        doc._.kg_figures = candidates
        return doc

    @staticmethod
    def _is_not_a_figure(doc, span, quantity, date_tokens, named_tokens) -> bool:
        text = quantity.text.lower()
        value = quantity.value
        if any(t.i in named_tokens for t in span if t.like_num or any(c.isdigit() for c in t.text)):
            return True
        prev = doc[span.start - 1] if span.start > 0 else None
        nxt = doc[span.end] if span.end < len(doc) else None
        if (
            prev is not None
            and prev.text[:1].isupper()
            and prev.pos_ == "PROPN"
            and prev.ent_type_ not in ("Place", "GPE")
            and quantity.qualifier is None
            and quantity.unit is None
        ):
            return True  # Room 39, Route 1; not "Canada 282" in a list
        if (
            quantity.unit is None
            and quantity.has_digits
            and float(value).is_integer()
            and 1800 <= value <= 2100
            and "," not in text
        ):
            return True  # a year
        if quantity.unit is None and all(t.i in date_tokens for t in span):
            date_ent = date_tokens.get(span.start)  # the entity the number starts in
            counted = (  # "45 the year before": a number the model read into the date after it
                date_ent is not None
                and date_ent.start == span.start
                and nxt is not None
                and nxt.lower_ in ("the", "last", "this", "a", "in")
            )
            if not counted and (date_ent is None or any(c.isalpha() for c in date_ent.text) or value <= 31):
                return True
        if quantity.unit is None and _duration(doc, span, quantity):
            return True  # "three years", "a 10-month term"; not "6.8 percent year-on-year"
        if text.strip() in VAGUE or text.strip() in ("one", "a", "an"):
            return True
        if prev is not None and prev.lower_ in ("aged", "age", "ages"):
            return True
        if span.start >= 2 and prev.lower_ == "than" and doc[span.start - 2].lower_ in ("older", "younger"):
            return True  # "older than 60": an age
        if not quantity.has_digits and float(value) == 1:
            return True  # "at least one relative"
        things = nxt is not None and nxt.lower_ not in PEOPLE_NOUNS and nxt.lower_ not in ("of", "who", "that")
        if prev is not None and prev.lower_ == "the" and not quantity.has_digits and value <= 10 and things:
            return True  # "the two Koreas", "the two trends": which ones, not how many ("the five individuals" counts)
        compound = doc_text(doc)[quantity.end : quantity.end + 8]
        if quantity.unit is None and re.match(r"-[a-z]", compound) and not compound.startswith("-strong"):
            return True  # "a three-member delegation"
        whole = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        before = doc[whole.start - 1] if whole is not None and whole.start > 0 else prev  # before "over"
        if (
            quantity.qualifier in ("over", "under", "more than", "less than")
            and before is not None
            and before.lower_ in PEOPLE_NOUNS | {"those", "anyone", "people"}
            and quantity.unit is None
        ):
            return True  # "people over 50": an age
        if (
            quantity.qualifier in ("over", "under")
            and before is not None
            and before.lower_ in ("are", "were")
            and (nxt is None or nxt.is_punct)
            and quantity.unit is None
        ):
            return True  # "63 percent of the survivors are over 80": an age
        if nxt is not None and nxt.lower_ in ("st", "nd", "rd", "th", "%-", "o'clock"):
            return True
        return False


PEOPLE_NOUNS = {
    "defector",
    "defectors",
    "koreans",
    "people",
    "refugees",
    "refugee",
    "escapees",
    "officials",
    "official",
    "diplomats",
    "women",
    "men",
    "residents",
    "persons",
    "individuals",
    "soldiers",
    "workers",
    "children",
    "citizens",
    "respondents",
    "migrants",
    "asylum",
    "seekers",
    "nationals",
    "members",
    "lawmakers",
    "students",
    "arrivals",
    "applicants",
    "interviewees",
    "prisoners",
    "detainees",
    "victims",
    "employees",
    "staff",
}


def counted_noun(doc, span, quantity) -> int | None:
    """The token index of the noun a quantity counts ("1,277 North Koreans" → Koreans)."""
    if quantity.unit is not None and quantity.unit != "percent":
        return None
    number = next((t for t in span if t.like_num or t.text[:1].isdigit()), span[-1])
    head = number.head
    if quantity.unit == "percent":
        pct = next((t for t in span if t.lower_ in ("percent", "%", "pct")), None)
        if pct is not None:
            for child in pct.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj.i
        return None
    if (
        number.dep_ in ("nummod", "compound", "quantmod", "amod")
        and head.pos_ in ("NOUN", "PROPN")
        and head.i >= span.end
    ):
        return head.i
    # "186 in total", "26 of the 186": look right for "of the <noun>" or the nearest noun within 4 tokens
    for token in doc[span.end : min(len(doc), span.end + 5)]:
        if token.ent_type_ in KG_LABELS or token.ent_type_ in NUMERIC_LABELS:
            break
        if token.pos_ in ("NOUN", "PROPN"):
            return token.i
        if token.pos_ in ("VERB", "AUX") or token.is_punct:
            break
    return None
