"""Compare figures across articles and sources: the same measure, place and period reported with
values that cannot both be true gets kg:conflictsWith, in both directions.

Two figures are compared when they have the same normalised measure (`measure_key`), the same
unit, the same resolved period (start and end; figures without an end date are never compared:
there is nothing to say they cover the same time) and no different places. Each figure stands for
an interval of values its qualifier allows ("more than 1,000" is (1000, ∞), "about 1,200" is
1,200 ± 10 %); the two conflict when their intervals do not meet. Two bounds of one range in the
same sentence never conflict.

Measures are normalised before they are compared: case, articles and spacing are dropped, and a
small table (`CANONICAL_MEASURES`) maps the many ways of writing one well-known measure onto one
canonical phrase ("defectors who came to the South", "North Koreans reaching South Korea" → "north
korean defectors arriving in south korea"). Measures too generic to say what was counted ("share of
respondents", "people") are never compared.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from kg.records import Extraction, Figure

ABOUT_MARGIN = 0.1  # "about 1,200" allows 1,080..1,320
_LOWER_BOUNDS = {"more than": False, "over": False, "at least": True}  # qualifier -> bound included
_UPPER_BOUNDS = {"less than": False, "under": False, "up to": True, "as many as": True, "almost": True, "nearly": True}


@dataclass(frozen=True)
class FigureRef:
    """One figure of a build: its article id and its 1-based number in that article."""

    article: str
    number: int


@dataclass(frozen=True)
class Conflict:
    """Two figures for the same measure and period whose values disagree."""

    first: FigureRef
    second: FigureRef


_WHO = r"(?:north korean )?(?:defectors|refugees|escapees|north korean people|north koreans|arrivals|newcomers)"
_MOVE = r"(?:arriving|arrived|reaching|reached|entering|entered|coming|came|fleeing|fled|defecting|defected)"
_SOUTH = r"(?:in|to|into|at) (?:south korea|south|s\. korea)"
#: canonical phrase -> the written forms it stands for (normalised: lower case, no articles)
CANONICAL_MEASURES: dict[str, re.Pattern] = {
    "north korean defectors arriving in south korea": re.compile(
        rf"^(?:{_WHO} (?:who |that )?{_MOVE}(?: {_SOUTH}| south korea)?|{_WHO} {_SOUTH}|arrivals(?: {_SOUTH})?"
        rf"|north korean defectors arriving(?: {_SOUTH})?)$"
    ),
}
GENERIC_MEASURES = {"people", "amount", "share", "number", "total", "share of respondents", "share of people"}


def canonical_measure(measured: str) -> str:
    """The normalised measure: lower case, no articles, one phrase per well-known measure."""
    measure = re.sub(r"\s+", " ", measured.casefold()).strip()
    measure = re.sub(r"\b(?:the|a|an)\b ?", "", measure).strip()
    for canonical, pattern in CANONICAL_MEASURES.items():
        if pattern.match(measure):
            return canonical
    return measure


def measure_key(figure: Figure) -> tuple[str, str, str | None, str | None]:
    """What makes two figures comparable: normalised measure, unit and period."""
    measure = canonical_measure(figure.measured)
    start = figure.period_start.isoformat() if figure.period_start else None
    end = figure.period_end.isoformat() if figure.period_end else None
    return measure, figure.unit, start, end


def interval(figure: Figure) -> tuple[float, float, bool, bool]:
    """The values a figure allows: (low, high, low included, high included)."""
    value = float(figure.value)
    qualifier = figure.qualifier
    if qualifier in _LOWER_BOUNDS:
        return value, math.inf, _LOWER_BOUNDS[qualifier], False
    if qualifier in _UPPER_BOUNDS:
        return -math.inf, value, False, _UPPER_BOUNDS[qualifier]
    if qualifier == "about":
        return value * (1 - ABOUT_MARGIN), value * (1 + ABOUT_MARGIN), True, True
    return value, value, True, True


def disagree(a: Figure, b: Figure) -> bool:
    """Whether two comparable figures cannot both be true."""
    low_a, high_a, low_in_a, high_in_a = interval(a)
    low_b, high_b, low_in_b, high_in_b = interval(b)
    if high_a < low_b or high_b < low_a:
        return True
    if high_a == low_b:
        return not (high_in_a and low_in_b)
    if high_b == low_a:
        return not (high_in_b and low_in_a)
    return False


def find_conflicts(extractions: list[Extraction]) -> list[Conflict]:
    """Every pair of figures (across the whole build) that report different values for one measure."""
    groups: dict[tuple, list[tuple[FigureRef, Figure]]] = defaultdict(list)
    for extraction in extractions:
        for number, figure in enumerate(extraction.figures, start=1):
            key = measure_key(figure)
            if figure.period_end is None or not key[0] or key[0] in GENERIC_MEASURES:
                continue
            groups[key].append((FigureRef(extraction.article.id, number), figure))
    conflicts = []
    for members in groups.values():
        for i, (ref_a, a) in enumerate(members):
            for ref_b, b in members[i + 1 :]:
                if a.place and b.place and a.place != b.place:
                    continue
                if ref_a.article == ref_b.article and a.evidence.start == b.evidence.start:
                    continue  # the bounds of one range, or one sentence's own figures
                if disagree(a, b):
                    conflicts.append(Conflict(ref_a, ref_b))
    return conflicts


def mark_conflicts(extractions: list[Extraction]) -> list[Conflict]:
    """Find the conflicts and record them on each figure (`Figure.conflicts`), both directions."""
    by_id = {x.article.id: x for x in extractions}
    for extraction in extractions:
        for figure in extraction.figures:
            figure.conflicts = []
    conflicts = find_conflicts(extractions)
    for conflict in conflicts:
        first = by_id[conflict.first.article].figures[conflict.first.number - 1]
        second = by_id[conflict.second.article].figures[conflict.second.number - 1]
        first.conflicts.append((conflict.second.article, conflict.second.number))
        second.conflicts.append((conflict.first.article, conflict.first.number))
    return conflicts
