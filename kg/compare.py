"""Compare figures across articles and sources: one figure group per measure, unit, period and place,
listing its figures and the distinct values they report, and marking where they disagree.

Figures are grouped when they have the same normalised measure (`measure_key`), the same unit, the
same resolved period (start and end; figures without an end date join no group: there is nothing to
say they cover the same time) and the same place (a figure with no place joins the only place of its
measure and period). Each figure stands for an interval of values its qualifier allows ("more than
1,000" is (1000, ∞), "about 1,200" is 1,200 ± 10 %); two values disagree when their intervals do
not meet. Two figures of one sentence (the bounds of one range) never disagree. A group costs what
its distinct values cost, never a pair per two reports.

Measures are normalised before they are compared: case, articles and spacing are dropped, and a
small table (`CANONICAL_MEASURES`) maps the many ways of writing one well-known measure onto one
canonical phrase ("defectors who came to the South", "North Koreans reaching South Korea" → "north
korean defectors arriving in south korea"). Measures too generic to say what was counted ("share of
respondents", "people") are never compared.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from sys import intern

from kg.records import Figure

ABOUT_MARGIN = 0.1  # "about 1,200" allows 1,080..1,320
_LOWER_BOUNDS = {"more than": False, "over": False, "at least": True}  # qualifier -> bound included
_UPPER_BOUNDS = {"less than": False, "under": False, "up to": True, "as many as": True, "almost": True, "nearly": True}


@dataclass(frozen=True, slots=True)
class FigureRef:
    """One figure of a build: its article id and its 1-based number in that article."""

    article: str
    number: int


@dataclass(frozen=True, slots=True)
class FigureNote:
    """What grouping needs of one figure, kept for the whole build instead of the figure itself."""

    ref: FigureRef
    measure: str  # canonical_measure of schema:variableMeasured
    measured: str  # as written
    unit: str
    start: date | None
    end: date | None
    place: str | None  # the in-article name; resolved to an entity when grouping
    source: str | None  # the in-article name of who states it
    outlet: str | None  # the article's outlet, else the outlet of the story it is based on
    value: float
    qualifier: str | None
    sentence: int  # where its sentence starts in the article

    @classmethod
    def of(cls, article_id: str, number: int, figure: Figure, outlet: str | None) -> FigureNote:
        return cls(  # texts interned: measures, units, places, sources and outlets recur across articles
            FigureRef(article_id, number), _shared(canonical_measure(figure.measured)), _shared(figure.measured),
            _shared(figure.unit), figure.period_start, figure.period_end, _shared(figure.place), _shared(figure.source),
            _shared(outlet), float(figure.value), _shared(figure.qualifier), figure.evidence.start,
        )


def _shared(text: str | None) -> str | None:
    return text if text is None else intern(text)


@dataclass
class ReportedValue:
    """One distinct value (with its qualifier) of a figure group, the figures that report it, how many
    distinct sources do, and how many figures of the group report a value that cannot also be true."""

    value: float
    qualifier: str | None
    figures: list[FigureRef] = field(default_factory=list)
    sources: int = 0
    disagreeing: int = 0


@dataclass
class FigureGroup:
    """Every figure for one measure, unit, place and period, and the distinct values they report."""

    measure: str  # canonical
    label: str  # the most common way it is written
    unit: str
    start: date | None
    end: date | None
    place: str | None  # entity key
    values: list[ReportedValue] = field(default_factory=list)

    @property
    def disagreement(self) -> bool:
        return any(v.disagreeing for v in self.values)

    @property
    def figures(self) -> list[FigureRef]:
        return [f for v in self.values for f in v.figures]


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


def interval(figure: Figure | FigureNote) -> tuple[float, float, bool, bool]:
    """The values a figure allows: (low, high, low included, high included)."""
    return _interval(float(figure.value), figure.qualifier)


def _interval(value: float, qualifier: str | None) -> tuple[float, float, bool, bool]:
    if qualifier in _LOWER_BOUNDS:
        return value, math.inf, _LOWER_BOUNDS[qualifier], False
    if qualifier in _UPPER_BOUNDS:
        return -math.inf, value, False, _UPPER_BOUNDS[qualifier]
    if qualifier == "about":
        return value * (1 - ABOUT_MARGIN), value * (1 + ABOUT_MARGIN), True, True
    return value, value, True, True


def disagree(a: Figure | FigureNote | ReportedValue, b: Figure | FigureNote | ReportedValue) -> bool:
    """Whether two comparable figures (or reported values) cannot both be true."""
    low_a, high_a, low_in_a, high_in_a = _interval(float(a.value), a.qualifier)
    low_b, high_b, low_in_b, high_in_b = _interval(float(b.value), b.qualifier)
    if high_a < low_b or high_b < low_a:
        return True
    if high_a == low_b:
        return not (high_in_a and low_in_b)
    if high_b == low_a:
        return not (high_in_b and low_in_a)
    return False


def comparable(note: FigureNote) -> bool:
    """Figures without an end date, or whose measure says nothing of what was counted, join no group."""
    return note.end is not None and bool(note.measure) and note.measure not in GENERIC_MEASURES


def group_figures(notes: Iterable[FigureNote], place_of: Callable[[FigureNote], str | None],
                  source_of: Callable[[FigureNote], str]) -> list[FigureGroup]:
    """One group per (measure, unit, period, place) of the comparable figures. `place_of` gives a figure's
    place as an entity key, `source_of` a key for who reported it. A figure with no place joins the group of
    its measure and period when that group has exactly one place."""
    by_period: dict[tuple, list[tuple[FigureNote, str | None]]] = defaultdict(list)
    for note in notes:
        if comparable(note):
            by_period[(note.measure, note.unit, note.start, note.end)].append((note, place_of(note)))
    groups: list[FigureGroup] = []
    for (measure, unit, start, end), members in by_period.items():
        places = {place for _, place in members if place is not None}
        only = next(iter(places)) if len(places) == 1 else None
        by_place: dict[str | None, list[FigureNote]] = defaultdict(list)
        for note, place in members:
            by_place[place if place is not None else only].append(note)
        for place, found in by_place.items():
            groups.append(_group(measure, unit, start, end, place, found, source_of))
    groups.sort(key=lambda g: (g.measure, g.unit, str(g.start), str(g.end), g.place or ""))
    return groups


def _group(measure, unit, start, end, place, notes: list[FigureNote], source_of) -> FigureGroup:
    label = Counter(n.measured for n in notes).most_common(1)[0][0]
    group = FigureGroup(measure, label, unit, start, end, place)
    values: dict[tuple[float, str | None], ReportedValue] = {}
    sources: dict[tuple[float, str | None], set[str]] = defaultdict(set)
    sentences: dict[tuple[float, str | None], list[tuple[str, int]]] = defaultdict(list)
    for note in notes:
        key = (note.value, note.qualifier)
        values.setdefault(key, ReportedValue(note.value, note.qualifier)).figures.append(note.ref)
        sources[key].add(source_of(note))
        sentences[key].append((note.ref.article, note.sentence))
    for key, value in values.items():
        value.sources = len(sources[key])
        own = set(sentences[key])  # the bounds of one range, or one sentence's own figures, never disagree
        value.disagreeing = sum(
            sum(1 for sentence in sentences[other_key] if sentence not in own)
            for other_key, other in values.items()
            if other_key != key and disagree(value, other)
        )
    group.values = sorted(values.values(), key=lambda v: (v.value, v.qualifier or ""))
    return group


def period_label(start: str | None, end: str | None) -> str:
    """ "2015" for a calendar year, "2015-01-01 to 2015-06-30" otherwise, "up to END" without a start."""
    if start and end and start[4:] == "-01-01" and end[4:] == "-12-31" and start[:4] == end[:4]:
        return start[:4]
    if start and end:
        return f"{start} to {end}"
    return f"up to {end}" if end else ""


def _number(value: object) -> str:
    number = float(value)  # type: ignore[arg-type]
    return f"{int(number):,}" if number.is_integer() else f"{number:,.2f}".rstrip("0").rstrip(".")


def describe_disagreements(columns: list[str], rows: list[list[object]]) -> list[str]:
    """One line per disagreeing figure group, from the rows of queries/figure-conflicts.rq:
    "2015, North Korean defectors arriving in South Korea (South Korea): 1,275 (3 sources) vs 1,277 (5 sources)"."""
    lines: dict[str, tuple[str, list[str]]] = {}
    for row in rows:
        r = dict(zip(columns, row, strict=True))
        where = f" ({r['place']})" if r.get("place") else ""
        head = f"{period_label(r.get('start'), r.get('end'))} {r['measure']}{where}".strip()
        sources = int(r["sources"])  # type: ignore[arg-type]
        qualifier = f"{r['qualifier']} " if r.get("qualifier") else ""
        unit = "" if r.get("unit") == "person" else f" {r['unit']}"
        value = f"{qualifier}{_number(r['value'])}{unit} ({sources} source{'s' if sources != 1 else ''})"
        lines.setdefault(str(r["group"]), (head, []))[1].append(value)
    return [f"{head}: {' vs '.join(values)}" for head, values in lines.values()]
