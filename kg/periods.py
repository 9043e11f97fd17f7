"""Resolve the period a figure covers ("in 2015", "the first 10 months of this year") to dates.

Everything is resolved against the article's publication date; what cannot be
resolved gives None rather than a guess. Besides years, months and spans of
months this reads quarters ("the third quarter of last year"), fiscal years
("fiscal 2016": the calendar year unless the article says when its fiscal year
begins), rolling spans ("in the year to June", "in the 12 months to March",
"in the three months to June"), points in time ("as of June 30, 2015", "at the end
of December", "by the end of next year"), "last month", "the past year" (the
twelve months up to the article's date), "this month", "last week" (Monday to Sunday),
"as of the end of last month", "a decade ago" and "N years ago" (that
calendar year) and, given the period of the figure it is compared with, "a year
earlier" (that period, one year back).
"""

from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, MINYEAR, date

from kg.numbers import parse_number

MONTHS = [m.lower() for m in calendar.month_name[1:]]
_MONTH = "|".join(MONTHS)
_YEAR_REF = (
    r"(?:(?:this|last|next|the previous|the past|the current|(?:19|20)\d\d)(?!\s*(?:month|week|quarter))\s*(?:year)?"
    r"|the year)"
)
Period = tuple[date | None, date | None]
_CURRENT_YEAR = re.compile(
    r"(?:the )?(?:(current|this) ((?:fiscal|financial|business) )?|(?:fiscal |financial |business )?(?=year just))year"
    r"( just (?:ended|completed))?"
)
_MON = r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_QUARTERS = ["first", "second", "third", "fourth"]
_EARLIER = re.compile(
    r"^(?:the same (?:period|quarter|month|months|time) )?(?:(?:a|one) year (?:earlier|before|ago)|the year before"
    r"|the previous year)$|^the (?:corresponding|comparable) (?:period|quarter|month|months) (?:a year (?:earlier|ago)|last year)$"
    r"|^the year-(?:earlier|ago) (?:period|quarter|month|months)$"
)


def _year(ref: str, published: date | None) -> int | None:
    ref = ref.strip().lower()
    if match := re.search(r"(19|20)\d\d", ref):
        return int(match.group())
    if published is None:
        return None
    if ref.startswith(("this", "the current")) or ref == "the year":
        return published.year
    if ref.startswith(("last", "the previous", "the past")):
        return published.year - 1
    if ref.startswith("next"):
        return published.year + 1
    return None


def month_number(name: str) -> int:
    """1..12 for a month name or its abbreviation ("sept", "oct")."""
    name = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(name) + 1


def shift_years(period: Period, years: int) -> Period | None:
    """The same period `years` later (negative: earlier); None past the calendar's range (year 1 to 9999)."""
    start, end = period
    if end is None or any(day and not MINYEAR <= day.year + years <= MAXYEAR for day in period):
        return None
    return (_years_before(start, -years) if start else None), _years_before(end, -years)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _fiscal_year_start(day: date, fiscal_start: int) -> date:
    """The first day of the fiscal year `day` falls in (fiscal years beginning in month `fiscal_start`)."""
    return date(day.year if day.month >= fiscal_start else day.year - 1, fiscal_start, 1)


def _twelve_months(start: date) -> Period:
    """The twelve months from `start`."""
    return start, date.fromordinal(_years_before(start, -1).toordinal() - 1)


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


def resolve_period(
    text: str, published: date | None, *, previous: Period | None = None, fiscal_start: int = 1
) -> Period | None:
    """The (start, end) a date expression covers, or None when it names no resolvable period.

    `previous` is the period of the figure this one is compared with ("a year earlier");
    `fiscal_start` the month the article's fiscal years begin in (1: calendar years).
    """
    t = " ".join(text.lower().replace("–", "-").split())
    t = re.sub(r"[’']s\b", "", t)
    t = re.sub(r"\bend-(?=[a-z]|(?:19|20)\d\d)", "the end of ", t)  # "as of end-June", "at end-2018"
    t = re.sub(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH}|{_MON})\b\.?", r"\2 \1", t)  # "12 December": "December 12"
    # "in 2011 to 1,502": the tagger's date ran on into the number after it, which is no year
    t = re.sub(r"\b((?:19|20)\d\d) (?:to|and) (?!(?:19|20)\d\d\b)(?:\d{1,3}(?:,\d{3})+|\d{3,})(?:\.\d+)?$", r"\1", t)
    if published and re.search(r"(?:^|by|until|through|before) the end of (?:the|this) year", t):
        return date(published.year, 1, 1), date(published.year, 12, 31)  # a total expected for the year
    if match := re.fullmatch(rf"(?:through|up to|until) (?:the end of )?({_MONTH})(?:\s+(?:of\s+)?({_YEAR_REF}))?", t):
        month = MONTHS.index(match.group(1)) + 1  # "through September": the (fiscal) year up to the end of September
        year = _year(match.group(2), published) if match.group(2) else _month_year(month, published, None)
        if not year:
            return None
        return _fiscal_year_start(date(year, month, 1), fiscal_start), _month_end(year, month)
    if published and (match := re.fullmatch(r"(?:at )?the end of (?:the )?(last|previous|current|this) (?:fiscal|financial|budget) year", t)):
        start = _fiscal_year_start(published, fiscal_start)  # the current one's, or the one before
        day = _twelve_months(start.replace(year=start.year - (match.group(1) in ("last", "previous"))))[1]
        return day, day  # "reserves stood at $24 million at the end of the last fiscal year"
    if published and (match := re.fullmatch(r"(?:at )?the (?:start|beginning) of (?:the|this) (month|year)", t)):
        day = date(published.year, published.month if match.group(1) == "month" else 1, 1)  # a level on that day
        return day, day
    if match := re.fullmatch(r"(?:at )?the (?:start|beginning) of ((?:19|20)\d\d)", t):
        day = date(int(match.group(1)), 1, 1)
        return day, day
    if published and re.fullmatch(r"(?:for |over |during )?(?:the )?(?:whole|full|entire)(?: |-)(?:fiscal )?year", t):
        anchor = previous[1] if previous and previous[1] else published  # the year of the report's last period
        return _twelve_months(_fiscal_year_start(anchor, fiscal_start))  # "budgeted for the full year"
    t = re.sub(r"^(?:in|during|for|of|from|through|over|by|on|at)\s+", "", t)
    t = re.sub(r"^(?:later|earlier|early|late|mid-?|all of|the whole of|the rest of)\s*", "", t)
    t = re.sub(r"^(?:the )?(first|second|third|fourth)-(quarter|half)\b", r"the \1 \2", t)  # "fourth-quarter profit"
    t = re.sub(r"\bh([12])\b", lambda m: ("first", "second")[int(m.group(1)) - 1] + " half", t)  # "H1 2018"
    t = re.sub(r"^(?:the )?(?:calendar |full |whole |entire )?year (?:of |in )?((?:19|20)\d\d)$", r"\1", t)  # "the year 2018"
    if match := re.fullmatch(rf"(?:the )?(first|last) month of ({_YEAR_REF})", t):
        year = _year(match.group(2), published)  # "the first month of last year"
        month = 1 if match.group(1) == "first" else 12
        return (date(year, month, 1), _month_end(year, month)) if year else None
    if match := re.fullmatch(r"(?:as of |at |by )?(?:the )?(end of )?(this|last|the previous|the past) (month|week)", t):
        if published and (found := _near_span(match.group(2), match.group(3), published)):
            return (found[1], found[1]) if match.group(1) else found
    if (match := re.fullmatch(r"(?:a|one) (week|month) (?:earlier|before)", t)) and previous and previous[0] == previous[1]:
        day = previous[1]  # "5,150 won on Wednesday, up from 4,700 won a month earlier": that day, a month back
        if match.group(1) == "week":
            day = date.fromordinal(day.toordinal() - 7)
        else:
            first = day.year * 12 + day.month - 2
            day = date(first // 12, first % 12 + 1, min(day.day, calendar.monthrange(first // 12, first % 12 + 1)[1]))
        return day, day
    if _EARLIER.match(t) and (previous or not t.endswith(("ago", "previous year", "last year"))):  # else deictic
        return shift_years(previous, -1) if previous else None
    if found := _point_or_span(t, published, fiscal_start):
        return found
    if match := re.search(rf"(?:^|as of |^at )(?:the )?end of ({_YEAR_REF})", t):
        year = _year(match.group(1), published)
        return (date(year, 12, 31), date(year, 12, 31)) if year else None
    if match := re.search(rf"as of (?:the )?end of ({_MONTH})(?:\s+((?:19|20)\d\d))?", t):
        month = MONTHS.index(match.group(1)) + 1
        year = _month_year(month, published, int(match.group(2)) if match.group(2) else None)
        return (_month_end(year, month), _month_end(year, month)) if year else None
    if re.search(r"so far this year|this year so far|year to date", t) and published:
        return date(published.year, 1, 1), published
    if published and re.fullmatch(r"since (?:the (?:start|beginning) of )?(?:the|this) year", t):
        return date(published.year, 1, 1), published
    if (match := re.fullmatch(rf"since ({_MONTH}|{_MON})\.? (\d{{1,2}})(?:,? ((?:19|20)\d\d))?", t)) and published:
        return _since_day(month_number(match.group(1)), int(match.group(2)), match.group(3), published)
    if match := re.search(rf"since (?:the start of |early |late )?({_MONTH})\s+((?:19|20)\d\d)", t):
        start = date(int(match.group(2)), MONTHS.index(match.group(1)) + 1, 1)
        return start, published
    if (match := re.fullmatch(rf"since (?:the start of |early |late )?({_MONTH})(?: this year)?", t)) and published:
        month = MONTHS.index(match.group(1)) + 1
        return date(_month_year(month, published, None), month, 1), published
    if match := re.search(r"since (?:the start of |early |late )?((?:19|20)\d\d)", t):
        return (date(int(match.group(1)), 1, 1), published) if published else (date(int(match.group(1)), 1, 1), None)
    if (match := re.fullmatch(r"(?:the )?(?:past|last) (\w+) (months|weeks)", t)) and published:
        count = parse_number(match.group(1))  # "the past three months": up to the article's date
        days = int(count) * (7 if match.group(2) == "weeks" else 0) if count and float(count).is_integer() else 0
        if match.group(2) == "months" and count and float(count).is_integer() and 0 < count <= 120:
            first = published.year * 12 + published.month - 1 - int(count)
            return date(first // 12, first % 12 + 1, min(published.day, 28)), published
        return (date.fromordinal(published.toordinal() - days), published) if 0 < days <= 3650 else None
    if (match := re.fullmatch(r"(?:the )?(?:next|coming) (\w+) years", t)) and published:
        count = parse_number(match.group(1))  # "over the next two years": from the article's date on
        if count and float(count).is_integer() and 0 < count < 100:
            return published, _years_before(published, -int(count))
    if (match := re.fullmatch(r"(?:the )?(last|previous|this|current) quarter", t)) and published:
        q = (published.month - 1) // 3 - (0 if match.group(1) in ("this", "current") else 1)
        year = published.year + (q < 0)  * -1
        q %= 4
        return date(year, 3 * q + 1, 1), _month_end(year, 3 * q + 3)
    if (match := re.fullmatch(r"((?:19|20)\d\d)-((?:19|20)\d\d)", t)) and match.group(1) < match.group(2):
        return date(int(match.group(1)), 1, 1), date(int(match.group(2)), 12, 31)  # "2015-2018"
    if re.fullmatch(r"(?:the )?(?:past|last) decade", t) and published:
        return _years_before(published, 10), published
    if match := re.search(r"(?:over |in |during )?the (?:past|last) (\w+) years", t):
        years = parse_number(match.group(1))
        if years and published and years < 200:
            return _years_before(published, int(years)), published
        return None
    if match := re.fullmatch(rf"(?:the )?first (\w+) (days|weeks) of ({_YEAR_REF})", t):
        count, year = parse_number(match.group(1)), _year(match.group(3), published)  # "the first eight days of 2023"
        days = int(count) * (7 if match.group(2) == "weeks" else 1) if count and float(count).is_integer() else 0
        return (date(year, 1, 1), date.fromordinal(date(year, 1, 1).toordinal() + days - 1)) if year and 0 < days <= 365 else None
    if match := re.fullmatch(r"(?:the )?((?:19|20)\d)0s", t):
        return date(int(match.group(1)) * 10, 1, 1), date(int(match.group(1)) * 10 + 9, 12, 31)  # "in the 2010s"
    if match := re.search(rf"(?:the )?first (\w+) (months|quarters)(?: of ({_YEAR_REF}))?", t):
        months = parse_number(match.group(1))
        months = months * 3 if months and match.group(2) == "quarters" else months
        if match.group(3):
            year = _year(match.group(3), published)
        else:  # "in the first nine months": this year's, unless they are not over yet
            year = _month_year(int(months), published, None) if months and 1 <= months <= 12 else None
        if months and year and 1 <= months <= 12:
            return date(year, 1, 1), _month_end(year, int(months))
        return None
    if match := re.search(rf"(?:the )?(first|second) half(?:,? (?:of )?({_YEAR_REF}))?", t):
        first = 1 if match.group(1) == "first" else 7  # a half already begun is this year's (a plan, a forecast)
        year = _year(match.group(2), published) if match.group(2) else _month_year(first, published, None)
        if not year:
            return None
        return (
            (date(year, 1, 1), date(year, 6, 30))
            if match.group(1) == "first"
            else (date(year, 7, 1), date(year, 12, 31))
        )
    t = re.sub(r"\bq([1-4])\b", lambda m: _QUARTERS[int(m.group(1)) - 1] + " quarter", t)  # "Q2 2018"
    if match := re.search(rf"(?:the )?(first|second|third|fourth) quarter(?: of ({_YEAR_REF}))?", t):
        q = _QUARTERS.index(match.group(1))
        year = _year(match.group(2), published) if match.group(2) else _month_year(3 * q + 1, published, None)
        if not year:
            return None
        return date(year, 3 * q + 1, 1), _month_end(year, 3 * q + 3)
    if match := re.search(
        rf"\b({_MONTH}|{_MON})\.?,? ((?:19|20)\d\d)\s*(?:-|–|to|through|and|until)\s*({_MONTH}|{_MON})\.?,? ((?:19|20)\d\d)\b", t
    ):  # "between January 2015 and June 2016"
        start, end = date(int(match.group(2)), month_number(match.group(1)), 1), _month_end(int(match.group(4)), month_number(match.group(3)))
        return (start, end) if start <= end else None
    if match := re.search(
        rf"(?:between )?\b({_MONTH}|{_MON})\.?\s*(?:-|to|through|and)\s*({_MONTH}|{_MON})\b\.?(?:\s+period)?"
        rf"(?:\s+(?:of\s+)?({_YEAR_REF}))?",
        t,
    ):
        first, last = month_number(match.group(1)), month_number(match.group(2))
        year = _year(match.group(3), published) if match.group(3) else _month_year(last, published, None)
        if year and first <= last:
            return date(year, first, 1), _month_end(year, last)
        if year and first > last and fiscal_start == first:  # "from April through February" of a fiscal year
            return date(year - 1, first, 1), _month_end(year, last)
        return None
    if match := re.search(rf"\b({_MONTH}|(?:{_MON})\.)(?:\s+(?:of\s+)?({_YEAR_REF}))?(?!\w)", t):
        month = month_number(match.group(1))  # "November 2020", "Nov. 2020"
        year = _year(match.group(2), published) if match.group(2) else _month_year(month, published, None)
        return (date(year, month, 1), _month_end(year, month)) if year else None
    if match := re.fullmatch(r"(?:the )?(?:calendar )?(?:(?:19|20)\d\d calendar year|((?:19|20)\d\d)(?: calendar year)?)", t):
        year = int(re.search(r"(19|20)\d\d", t).group())
        return date(year, 1, 1), date(year, 12, 31)
    if t == "the year" and previous and previous[1]:
        year = previous[1].year  # "during the year": the year the report is about ("at the end of 2018 … during the year")
        return date(year, 1, 1), date(year, 12, 31)
    if match := re.fullmatch(rf"(?:the )?({_YEAR_REF})", t):
        year = _year(match.group(1), published)
        return (date(year, 1, 1), date(year, 12, 31)) if year else None
    return None


def _since_day(month: int, day: int, year: str | None, published: date) -> Period | None:
    """ "since August 25": from that day (the latest such day up to the article's date) to the article's date."""
    try:
        start = date(int(year) if year else published.year, month, day)
    except ValueError:
        return None
    if not year and start > published:
        start = _years_before(start, 1)
    return (start, published) if start <= published else None


WEEKDAYS = [d.lower() for d in calendar.day_name]


def weekday_date(text: str, published: date | None) -> date | None:
    """The day a weekday names ("on Tuesday", "as of Monday", "yesterday"): the latest such day up to the article's
    date."""
    # not "today", which in "today about 32,000 live there" is a stock's "now"
    match = re.fullmatch(rf"(?:on |as of |as at |by )?({'|'.join(WEEKDAYS)}|yesterday)", " ".join(text.lower().split()))
    if not match or published is None:
        return None
    if match.group(1) == "yesterday":
        return date.fromordinal(published.toordinal() - 1)
    return date.fromordinal(published.toordinal() - (published.weekday() - WEEKDAYS.index(match.group(1))) % 7)


def weekend(text: str, published: date | None) -> Period | None:
    """ "over the weekend", "last weekend": the latest Saturday and Sunday up to the article's date."""
    if published is None or not re.fullmatch(r"(?:over |during |at |on )?(?:the|last|this) weekend", " ".join(text.lower().split())):
        return None
    sunday = date.fromordinal(published.toordinal() - (published.weekday() + 1) % 7)
    return date.fromordinal(sunday.toordinal() - 1), sunday


def _near_span(which: str, unit: str, published: date) -> Period | None:
    """ "this month" (the whole calendar month), "last month", "last week" (Monday to Sunday)."""
    if unit == "week":
        monday = date.fromordinal(published.toordinal() - published.weekday())
        if which == "this":
            return monday, date.fromordinal(monday.toordinal() + 6)
        return date.fromordinal(monday.toordinal() - 7), date.fromordinal(monday.toordinal() - 1)
    year, month = published.year, published.month
    if which != "this":
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return date(year, month, 1), _month_end(year, month)


def _rolling(months: int, last: int, year: int | None, published: date | None) -> Period | None:
    """The `months` months ending with month `last` ("the 12 months to March")."""
    year = _month_year(last, published, year)
    if year is None or not 1 <= months <= 120:
        return None
    end = _month_end(year, last)
    first = year * 12 + last - months  # months since year 0, zero-based, of the first month
    return date(first // 12, first % 12 + 1, 1), end


def _point_or_span(t: str, published: date | None, fiscal_start: int) -> Period | None:
    """The expressions of other outlets' styles: rolling spans, quarters, fiscal years, points in time."""
    year_of = r"(?:,?\s+((?:19|20)\d\d))?"
    if match := re.search(
        rf"(?:the )?(?:fiscal |financial )?(year|quarter|(\w+) months?) (?:(?:that|which) )?(?:to|through|ended|ending|up to)(?: in)?"
        rf" ({_MONTH}|{_MON})\.?(?: \d{{1,2}}\b)?{year_of}",
        t,
    ):
        unit = match.group(1)
        months = 12 if unit == "year" else 3 if unit == "quarter" else parse_number(match.group(2))
        if months and float(months).is_integer():
            year = int(match.group(4)) if match.group(4) else None
            return _rolling(int(months), month_number(match.group(3)), year, published)
    if match := re.fullmatch(
        rf"(?:between |from )?({_MONTH}|{_MON})\.? (\d{{1,2}})\s*(?:-|and|to|through|until)\s*(?:({_MONTH}|{_MON})\.? )?"
        rf"(\d{{1,2}}){year_of}(?: (this|last) year)?",
        t,
    ):  # "between Aug. 8 and Sept. 2", "from Aug. 20 to 26": in the year that puts them nearest the article's date
        first, last = month_number(match.group(1)), month_number(match.group(3) or match.group(1))
        if match.group(5):
            year = int(match.group(5))
        elif match.group(6) and published:
            year = published.year - (match.group(6) == "last")
        elif published:
            year = min((published.year + d for d in (-1, 0, 1)), key=lambda y: abs(date(y, first, 1) - published))
        else:
            return None
        try:
            return date(year, first, int(match.group(2))), date(year + (last < first), last, int(match.group(4)))
        except ValueError:
            return None
    if match := re.search(
        r"((?:19|20)\d\d)[-/](\d\d) (?:fiscal|financial) year|fiscal(?: year)? ((?:19|20)\d\d)[-/](\d\d)\b"
        r"|^(?:the )?((?:19|20)\d\d)[-/](\d\d)$",
        t,
    ):  # a bare "2017-18" only in an article whose fiscal years do not begin in January
        first = int(match.group(1) or match.group(3) or match.group(5))  # "the 2017-18 fiscal year": begins in 2017
        if fiscal_start == 1 or (first + 1) % 100 != int(match.group(2) or match.group(4) or match.group(6)):
            return None
        return date(first, fiscal_start, 1), _month_end(first + 1, fiscal_start - 1)
    if match := re.search(
        rf"(?:fiscal|financial|budget) year,? (?:that|which) (began|started|begins|starts|will begin|will start) (?:on |last )?"
        rf"({_MONTH}|{_MON})\.?(?: (\d{{1,2}}))?{year_of}\b",
        t,
    ):  # "the fiscal year that begins July 1": the next twelve months from that day ("which began Oct. 1": the last)
        month, day = month_number(match.group(2)), int(match.group(3) or 1)
        try:
            start = date(int(match.group(4)) if match.group(4) else (published or date.min).year, month, day)
        except ValueError:
            return None
        past = match.group(1) in ("began", "started")
        if published and not match.group(4) and (start > published if past else start < published):
            start = start.replace(year=start.year + (-1 if past else 1))
        return _twelve_months(start)
    if match := re.fullmatch(r"(?:between |from )?((?:19|20)\d\d) (?:and|to|through|until) ((?:19|20)\d\d)", t):
        first, last = int(match.group(1)), int(match.group(2))  # "in 2016 and 2017": both years
        return (date(first, 1, 1), date(last, 12, 31)) if first < last else None
    if match := re.search(
        rf"(?:^|as of |as at |at the end of |end of |on |by )({_MONTH}|{_MON})\.? (\d{{1,2}}){year_of}\b", t
    ):
        month, day = month_number(match.group(1)), int(match.group(2))
        year = int(match.group(3)) if match.group(3) else _month_year(month, published, None)
        try:
            point = date(year, month, day) if year else None
        except ValueError:
            return None
        if point and published and not match.group(3) and point > published:
            point = point.replace(year=point.year - 1)
        return (point, point) if point else None
    if match := re.fullmatch(rf"(?:the )?(?:end of|as of|as of (?:the end of|late)) ({_MONTH}|{_MON})\.?{year_of}", t):
        month = month_number(match.group(1))
        year = int(match.group(2)) if match.group(2) else _month_year(month, published, None)
        return (_month_end(year, month), _month_end(year, month)) if year else None
    if (match := re.fullmatch(rf"(?:the )?end of ({_YEAR_REF})", t)) and match.group(1) != "the year":
        year = _year(match.group(1), published)
        return (date(year, 12, 31), date(year, 12, 31)) if year else None
    if published and re.fullmatch(r"so far (?:in )?this (?:fiscal|financial|business) year|(?:fiscal|financial) year to date", t):
        return _fiscal_year_start(published, fiscal_start), published  # "so far this financial year"
    if published and (match := _CURRENT_YEAR.fullmatch(t)) and (match.group(1) != "this" or match.group(2)):
        # "the current business year", "the year just ended"; "this year" stays the calendar year
        start = _fiscal_year_start(published, fiscal_start)
        return _twelve_months(start.replace(year=start.year - (1 if match.group(3) else 0)))
    if match := re.search(r"fiscal(?: year)? ((?:19|20)\d\d)|((?:19|20)\d\d) fiscal year", t):
        year = int(match.group(1) or match.group(2))
        if fiscal_start == 1:
            return date(year, 1, 1), date(year, 12, 31)
        return date(year - 1, fiscal_start, 1), _month_end(year, fiscal_start - 1)
    if re.fullmatch(r"(?:the (?:past|last)|past) (?:year|12 months|twelve months)", t):
        return (_years_before(published, 1), published) if published else None
    if match := re.fullmatch(r"(?:a|one|(\w+)) (decade|years?) ago", t):
        count = parse_number(match.group(1)) if match.group(1) else 1
        if published and count and float(count).is_integer() and count < 200:
            year = published.year - int(count) * (10 if match.group(2) == "decade" else 1)
            return date(year, 1, 1), date(year, 12, 31)
    return None
