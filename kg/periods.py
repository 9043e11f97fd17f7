"""Resolve the period a figure covers ("in 2015", "the first 10 months of this year") to dates.

Everything is resolved against the article's publication date; what cannot be
resolved gives None rather than a guess.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from kg.numbers import parse_number

MONTHS = [m.lower() for m in calendar.month_name[1:]]
_MONTH = "|".join(MONTHS)
_YEAR_REF = r"(?:this|last|the previous|the past|the current|(?:19|20)\d\d)\s*(?:year)?"


def _year(ref: str, published: date | None) -> int | None:
    ref = ref.strip().lower()
    if match := re.search(r"(19|20)\d\d", ref):
        return int(match.group())
    if published is None:
        return None
    if ref.startswith(("this", "the current")):
        return published.year
    if ref.startswith(("last", "the previous", "the past")):
        return published.year - 1
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_year(month: int, published: date | None, year: int | None) -> int | None:
    if year is not None:
        return year
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


Period = tuple[date | None, date | None]


def resolve_period(text: str, published: date | None) -> Period | None:
    """The (start, end) a date expression covers, or None when it names no resolvable period."""
    t = " ".join(text.lower().replace("–", "-").split())
    t = re.sub(r"[’']s\b", "", t)
    t = re.sub(r"^(?:in|during|for|of|from|through|over|by)\s+", "", t)
    t = re.sub(r"^(?:later|earlier|early|late|mid-?|all of|the whole of|the rest of)\s*", "", t)
    if published and re.search(r"(?:by|until|through|before) the end of (?:the|this) year", t):
        return date(published.year, 1, 1), date(published.year, 12, 31)
    if match := re.search(rf"(?:^|as of |^at )(?:the )?end of ({_YEAR_REF})", t):
        year = _year(match.group(1), published)
        return (date(year, 12, 31), date(year, 12, 31)) if year else None
    if match := re.search(rf"as of (?:the )?end of ({_MONTH})(?:\s+((?:19|20)\d\d))?", t):
        month = MONTHS.index(match.group(1)) + 1
        year = _month_year(month, published, int(match.group(2)) if match.group(2) else None)
        return (_month_end(year, month), _month_end(year, month)) if year else None
    if re.search(r"so far this year|this year so far|year to date", t) and published:
        return date(published.year, 1, 1), published
    if match := re.search(r"since (?:the start of |early |late )?((?:19|20)\d\d)", t):
        return (date(int(match.group(1)), 1, 1), published) if published else (date(int(match.group(1)), 1, 1), None)
    if match := re.search(r"(?:over |in |during )?the (?:past|last) (\w+) years", t):
        years = parse_number(match.group(1))
        if years and published and years < 200:
            return _years_before(published, int(years)), published
        return None
    if match := re.search(rf"(?:the )?first (\w+) months of ({_YEAR_REF})", t):
        months = parse_number(match.group(1))
        year = _year(match.group(2), published)
        if months and year and 1 <= months <= 12:
            return date(year, 1, 1), _month_end(year, int(months))
        return None
    if match := re.search(rf"(?:the )?(first|second) half of ({_YEAR_REF})", t):
        year = _year(match.group(2), published)
        if not year:
            return None
        return (
            (date(year, 1, 1), date(year, 6, 30))
            if match.group(1) == "first"
            else (date(year, 7, 1), date(year, 12, 31))
        )
    if match := re.search(rf"(?:the )?(first|second|third|fourth) quarter of ({_YEAR_REF})", t):
        year = _year(match.group(2), published)
        if not year:
            return None
        q = ["first", "second", "third", "fourth"].index(match.group(1))
        return date(year, 3 * q + 1, 1), _month_end(year, 3 * q + 3)
    if match := re.search(
        rf"(?:between )?({_MONTH})\s*(?:-|to|through|and)\s*({_MONTH})(?:\s+period)?(?:\s+(?:of\s+)?({_YEAR_REF}))?", t
    ):
        first, last = MONTHS.index(match.group(1)) + 1, MONTHS.index(match.group(2)) + 1
        year = _year(match.group(3), published) if match.group(3) else _month_year(last, published, None)
        if year and first <= last:
            return date(year, first, 1), _month_end(year, last)
        return None
    if match := re.search(rf"\b({_MONTH})(?:\s+(?:of\s+)?({_YEAR_REF}))?\b", t):
        month = MONTHS.index(match.group(1)) + 1
        year = _year(match.group(2), published) if match.group(2) else _month_year(month, published, None)
        return (date(year, month, 1), _month_end(year, month)) if year else None
    if match := re.fullmatch(r"(?:the )?(?:(?:19|20)\d\d calendar year|((?:19|20)\d\d)(?: calendar year)?)", t):
        year = int(re.search(r"(19|20)\d\d", t).group())
        return date(year, 1, 1), date(year, 12, 31)
    if match := re.fullmatch(rf"(?:the )?({_YEAR_REF})", t):
        year = _year(match.group(1), published)
        return (date(year, 1, 1), date(year, 12, 31)) if year else None
    if re.fullmatch(r"last month", t) and published:
        year, month = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        return date(year, month, 1), _month_end(year, month)
    return None
