"""kg.periods: date expressions resolved against the article's publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.periods import resolve_period, shift_years

NOV_14_2015 = date(2015, 11, 14)  # a Saturday; the seed's "DPRK Defectors down in 2015" post
JAN_4_2016 = date(2016, 1, 4)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the module docstring
        ("in 2015", NOV_14_2015, (date(2015, 1, 1), date(2015, 12, 31))),
        ("the first 10 months of this year", NOV_14_2015, (date(2015, 1, 1), date(2015, 10, 31))),
        # the issue list
        ("this year", NOV_14_2015, (date(2015, 1, 1), date(2015, 12, 31))),
        ("last year", JAN_4_2016, (date(2015, 1, 1), date(2015, 12, 31))),
        ("in July", NOV_14_2015, (date(2015, 7, 1), date(2015, 7, 31))),
        ("the January-May period", NOV_14_2015, (date(2015, 1, 1), date(2015, 5, 31))),
        ("the January–May period", NOV_14_2015, (date(2015, 1, 1), date(2015, 5, 31))),
        ("the first half of this year", NOV_14_2015, (date(2015, 1, 1), date(2015, 6, 30))),
        ("so far this year", NOV_14_2015, (date(2015, 1, 1), NOV_14_2015)),
        ("since 2006", NOV_14_2015, (date(2006, 1, 1), NOV_14_2015)),
        ("over the past three years", NOV_14_2015, (date(2012, 11, 14), NOV_14_2015)),
        ("as of the end of 2014", NOV_14_2015, (date(2014, 12, 31), date(2014, 12, 31))),
        # more of the same families
        ("2015", None, (date(2015, 1, 1), date(2015, 12, 31))),
        ("during 2014", None, (date(2014, 1, 1), date(2014, 12, 31))),
        ("the 2015 calendar year", None, (date(2015, 1, 1), date(2015, 12, 31))),
        ("the first 10 months of 2015", None, (date(2015, 1, 1), date(2015, 10, 31))),
        ("the first three months of last year", JAN_4_2016, (date(2015, 1, 1), date(2015, 3, 31))),
        ("the second half of last year", NOV_14_2015, (date(2014, 7, 1), date(2014, 12, 31))),
        ("the third quarter of 2015", None, (date(2015, 7, 1), date(2015, 9, 30))),
        ("as of the end of June", NOV_14_2015, (date(2015, 6, 30), date(2015, 6, 30))),
        ("as of the end of June 2014", NOV_14_2015, (date(2014, 6, 30), date(2014, 6, 30))),
        ("in December", JAN_4_2016, (date(2015, 12, 1), date(2015, 12, 31))),  # a month still to come is last year's
        ("February 2016", None, (date(2016, 2, 1), date(2016, 2, 29))),
        ("between January and September", NOV_14_2015, (date(2015, 1, 1), date(2015, 9, 30))),
        ("last month", JAN_4_2016, (date(2015, 12, 1), date(2015, 12, 31))),
        ("since 2006", None, (date(2006, 1, 1), None)),
        ("Over the past   two years", date(2016, 2, 29), (date(2014, 2, 28), date(2016, 2, 29))),
        # the day before the month, as British and many other outlets write it
        ("on 9 October", NOV_14_2015, (date(2015, 10, 9), date(2015, 10, 9))),
        ("3 Sept. 2014", NOV_14_2015, (date(2014, 9, 3), date(2014, 9, 3))),
        ("as of 30 June", NOV_14_2015, (date(2015, 6, 30), date(2015, 6, 30))),
        ("21st December", JAN_4_2016, (date(2015, 12, 21), date(2015, 12, 21))),
    ],
)
def test_resolve_period(text, published, expected):
    assert resolve_period(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Monday", NOV_14_2015),
        ("yesterday", NOV_14_2015),
        ("recently", NOV_14_2015),
        ("", NOV_14_2015),
        ("the first 13 months of this year", NOV_14_2015),
        ("the first zero months of 2015", None),
        ("over the past 500 years", NOV_14_2015),
        # relative expressions cannot be resolved without a publication date
        ("this year", None),
        ("last year", None),
        ("so far this year", None),
        ("in July", None),
        ("the first half of this year", None),
        ("over the past three years", None),
        ("as of the end of this year", None),
        ("last month", None),
    ],
)
def test_unresolvable_is_none(text, published):
    assert resolve_period(text, published) is None


@given(st.integers(min_value=1900, max_value=2099), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_any_year_is_the_whole_calendar_year(year, published):
    assert resolve_period(f"in {year}", published) == (date(year, 1, 1), date(year, 12, 31))


@given(st.integers(min_value=1, max_value=12), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_first_n_months_of_this_year(months, published):
    start, end = resolve_period(f"the first {months} months of this year", published)
    assert start == date(published.year, 1, 1)
    assert end.year == published.year and end.month == months
    assert (end.replace(day=28) - end).days <= 0 and end.day >= 28  # the month's last day


@given(st.text(max_size=60), st.one_of(st.none(), st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))))
def test_never_raises_and_periods_are_ordered(text, published):
    period = resolve_period(text, published)
    if period is not None:
        start, end = period
        if start is not None and end is not None:
            assert start <= end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the first quarter", ("2016-01-01", "2016-03-31")),
        ("in the fourth quarter of last year", ("2015-10-01", "2015-12-31")),
        ("fiscal 2016", ("2016-01-01", "2016-12-31")),
        ("in the 12 months to March", ("2015-04-01", "2016-03-31")),
        ("in the year to June", ("2014-07-01", "2015-06-30")),
        ("in the three months to June", ("2015-04-01", "2015-06-30")),
        ("as of June 30, 2015", ("2015-06-30", "2015-06-30")),
        ("As of March 31", ("2016-03-31", "2016-03-31")),
        ("at the end of December", ("2015-12-31", "2015-12-31")),
        ("by the end of next year", ("2017-12-31", "2017-12-31")),
        ("by the end of the year", ("2016-01-01", "2016-12-31")),
        ("the past year", ("2015-04-12", "2016-04-12")),
        ("last year", ("2015-01-01", "2015-12-31")),
        ("a decade ago", ("2006-01-01", "2006-12-31")),
        ("the first nine months of the year", ("2016-01-01", "2016-09-30")),
        ("between January and September of last year", ("2015-01-01", "2015-09-30")),
        ("as of the end of last month", ("2016-03-31", "2016-03-31")),
        ("this month", ("2016-04-01", "2016-04-30")),
        ("last month", ("2016-03-01", "2016-03-31")),
        ("last week", ("2016-04-04", "2016-04-10")),  # 2016-04-12 is a Tuesday
        ("in the first three months", ("2016-01-01", "2016-03-31")),
        ("the first nine months", ("2015-01-01", "2015-09-30")),  # not over yet on 2016-04-12
        ("the first three quarters", ("2015-01-01", "2015-09-30")),
        ("the second half", ("2015-07-01", "2015-12-31")),
        ("since January 2016", ("2016-01-01", "2016-04-12")),
        ("since January", ("2016-01-01", "2016-04-12")),
        ("for the year ended March 31", ("2015-04-01", "2016-03-31")),
        ("the fiscal year ending March 31, 2015", ("2014-04-01", "2015-03-31")),
        ("in the three months ended June 30", ("2015-04-01", "2015-06-30")),
        ("the quarter ended March 31", ("2016-01-01", "2016-03-31")),
        ("the 12 months through February", ("2015-03-01", "2016-02-29")),
        ("through February", ("2016-01-01", "2016-02-29")),
        ("Jan-Mar", ("2016-01-01", "2016-03-31")),
        ("Q3 2015", ("2015-07-01", "2015-09-30")),
        ("the past decade", ("2006-04-12", "2016-04-12")),
        ("two years ago", ("2014-01-01", "2014-12-31")),
        ("a year ago", ("2015-01-01", "2015-12-31")),
    ],
)
def test_other_outlets_period_expressions(text, expected):
    start, end = resolve_period(text, date(2016, 4, 12))
    assert (start.isoformat(), end.isoformat()) == expected


def test_a_year_earlier_counts_back_from_the_compared_period():
    compared = (date(2016, 1, 1), date(2016, 3, 31))
    assert resolve_period("the year before", date(2016, 4, 12), previous=compared) == (
        date(2015, 1, 1),
        date(2015, 3, 31),
    )
    assert resolve_period("a year ago", date(2016, 4, 12), previous=compared) == (date(2015, 1, 1), date(2015, 3, 31))


def test_a_year_earlier_counts_back_from_the_compared_period_of_a_report():
    previous = (date(2016, 3, 1), date(2016, 3, 31))
    assert resolve_period("a year earlier", date(2016, 4, 12), previous=previous) == (date(2015, 3, 1), date(2015, 3, 31))
    assert resolve_period("a year earlier", date(2016, 4, 12)) is None


def test_fiscal_years_follow_the_article_fiscal_start():
    assert resolve_period("fiscal 2017", date(2016, 6, 15), fiscal_start=7) == (date(2016, 7, 1), date(2017, 6, 30))


def test_the_fiscal_year_that_begins_on_a_day():
    assert resolve_period("the fiscal year that begins July 1", date(2018, 6, 14)) == (
        date(2018, 7, 1),
        date(2019, 6, 30),
    )


def test_a_bare_day_is_that_day():
    assert resolve_period("March 31", date(2018, 6, 14)) == (date(2018, 3, 31), date(2018, 3, 31))


@pytest.mark.parametrize(
    ("text", "published", "fiscal_start", "expected"),
    [
        # a day number is a whole number, not the first digits of the year after the month
        ("the year ending March 2021", date(2020, 8, 3), 1, ("2020-04-01", "2021-03-31")),
        ("the current fiscal year", date(2020, 8, 3), 4, ("2020-04-01", "2021-03-31")),
        ("over the current business year", date(2020, 2, 3), 4, ("2019-04-01", "2020-03-31")),
        ("for the current year", date(2020, 8, 3), 10, ("2019-10-01", "2020-09-30")),
        ("the year just ended", date(2020, 8, 3), 4, ("2019-04-01", "2020-03-31")),
        ("the 2019-20 fiscal year", date(2020, 8, 3), 7, ("2019-07-01", "2020-06-30")),
        ("this year", date(2020, 8, 3), 4, ("2020-01-01", "2020-12-31")),  # still the calendar year
        ("between Sept. 28 and Oct. 9", date(2020, 12, 1), 1, ("2020-09-28", "2020-10-09")),
        ("from Nov. 3 to 7", date(2020, 9, 20), 1, ("2020-11-03", "2020-11-07")),  # a planned event
        ("between Dec. 28 and Jan. 4", date(2021, 2, 1), 1, ("2020-12-28", "2021-01-04")),
        ("in 2012 and 2013", date(2020, 8, 3), 1, ("2012-01-01", "2013-12-31")),
        ("as of late October", date(2020, 12, 1), 1, ("2020-10-31", "2020-10-31")),
        # a fiscal year that already began is the current one; one that begins is the next
        ("the current fiscal year, which began Oct. 1", date(2020, 12, 1), 1, ("2020-10-01", "2021-09-30")),
        ("the financial year that starts July 1", date(2020, 5, 12), 1, ("2020-07-01", "2021-06-30")),
        ("the 2020-21 financial year, which began on July 1", date(2020, 9, 1), 7, ("2020-07-01", "2021-06-30")),
        ("the 12 months that ended Sept. 30", date(2020, 12, 1), 1, ("2019-10-01", "2020-09-30")),
        ("since the start of the year", date(2020, 5, 12), 1, ("2020-01-01", "2020-05-12")),
        ("fourth-quarter", date(2021, 1, 28), 1, ("2020-10-01", "2020-12-31")),
        ("through April", date(2018, 5, 16), 7, ("2017-07-01", "2018-04-30")),  # the fiscal year to date
        ("through April", date(2018, 5, 16), 1, ("2018-01-01", "2018-04-30")),
        ("for the full year", date(2018, 5, 16), 7, ("2017-07-01", "2018-06-30")),
        ("full-year", date(2018, 5, 16), 1, ("2018-01-01", "2018-12-31")),
        ("the fiscal year that began last July", date(2018, 5, 16), 7, ("2017-07-01", "2018-06-30")),
        ("between Feb. 6 and March 24 this year", date(2017, 6, 14), 1, ("2017-02-06", "2017-03-24")),
    ],
)
def test_fiscal_years_day_ranges_and_year_pairs(text, published, fiscal_start, expected):
    start, end = resolve_period(text, published, fiscal_start=fiscal_start)
    assert (start.isoformat(), end.isoformat()) == expected


def test_a_two_year_fiscal_label_needs_the_fiscal_start():
    assert resolve_period("the 2019-20 fiscal year", date(2020, 8, 3)) is None


def test_the_previous_year_counts_back_from_the_compared_period_when_there_is_one():
    compared = (date(2019, 4, 1), date(2020, 3, 31))
    assert resolve_period("the previous year", date(2020, 8, 3), previous=compared) == (
        date(2018, 4, 1),
        date(2019, 3, 31),
    )
    assert resolve_period("the previous year", date(2020, 8, 3)) == (date(2019, 1, 1), date(2019, 12, 31))


def test_a_weekday_is_the_latest_such_day_up_to_the_article_date():
    from kg.periods import weekday_date

    assert weekday_date("as of Monday", date(2020, 8, 6)) == date(2020, 8, 3)  # a Thursday
    assert weekday_date("on Thursday", date(2020, 8, 6)) == date(2020, 8, 6)
    assert weekday_date("last Monday", date(2020, 8, 6)) is None
    assert weekday_date("Monday", None) is None


def test_month_year_spans():
    published = date(2016, 9, 28)
    assert resolve_period("between January 2015 and June 2016", published) == (date(2015, 1, 1), date(2016, 6, 30))
    assert resolve_period("from March 2014 to May 2015", published) == (date(2014, 3, 1), date(2015, 5, 31))


def test_a_half_or_quarter_already_begun_is_this_years():
    published = date(2018, 7, 19)
    assert resolve_period("in the second half", published) == (date(2018, 7, 1), date(2018, 12, 31))
    assert resolve_period("the third quarter", published) == (date(2018, 7, 1), date(2018, 9, 30))
    assert resolve_period("the fourth quarter", published) == (date(2017, 10, 1), date(2017, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last quarter", ("2018-10-01", "2018-12-31")),
        ("this quarter", ("2019-01-01", "2019-03-31")),
        ("the past three months", ("2018-11-15", "2019-02-15")),
        ("the past two weeks", ("2019-02-01", "2019-02-15")),
        ("2015-2018", ("2015-01-01", "2018-12-31")),
        ("in calendar 2018", ("2018-01-01", "2018-12-31")),
        ("H1 2018", ("2018-01-01", "2018-06-30")),
        ("the first half 2017", ("2017-01-01", "2017-06-30")),
    ],
)
def test_more_relative_spans(text, expected):
    start, end = resolve_period(text, date(2019, 2, 15))
    assert (start.isoformat(), end.isoformat()) == expected


def test_year_earlier_wordings_need_the_compared_period():
    compared = (date(2018, 10, 1), date(2018, 12, 31))
    for text in ("the year-earlier period", "the corresponding period last year", "the year-ago quarter"):
        assert resolve_period(text, date(2019, 2, 15), previous=compared) == (date(2017, 10, 1), date(2017, 12, 31))
    assert resolve_period("last year", date(2019, 2, 15), previous=compared) == (date(2018, 1, 1), date(2018, 12, 31))


def test_yesterday_but_not_today():
    from kg.periods import weekday_date

    assert weekday_date("yesterday", date(2019, 2, 15)) == date(2019, 2, 14)
    assert weekday_date("today", date(2019, 2, 15)) is None


def test_so_far_this_financial_year_starts_at_the_fiscal_start():
    assert resolve_period("so far this financial year", date(2020, 2, 12), fiscal_start=7) == (
        date(2019, 7, 1),
        date(2020, 2, 12),
    )
    assert resolve_period("over the next four years", date(2020, 2, 12)) == (date(2020, 2, 12), date(2024, 2, 12))


def test_the_year_is_the_year_of_the_report_when_there_is_one():
    report = (date(2018, 12, 31), date(2018, 12, 31))
    assert resolve_period("during the year", date(2019, 6, 19), previous=report) == (date(2018, 1, 1), date(2018, 12, 31))
    assert resolve_period("during the year", date(2019, 6, 19)) == (date(2019, 1, 1), date(2019, 12, 31))


def test_the_weekend_is_the_latest_saturday_and_sunday():
    from kg.periods import weekend

    assert weekend("over the weekend", date(2019, 6, 6)) == (date(2019, 6, 1), date(2019, 6, 2))
    assert weekend("last weekend", date(2019, 6, 9)) == (date(2019, 6, 8), date(2019, 6, 9))
    assert weekend("the week", date(2019, 6, 9)) is None


def test_end_dash_month_and_year():
    assert resolve_period("as of end-June", date(2019, 7, 25)) == (date(2019, 6, 30), date(2019, 6, 30))
    assert resolve_period("at end-2018", date(2019, 7, 25)) == (date(2018, 12, 31), date(2018, 12, 31))


def test_a_year_earlier_than_year_one_is_no_period():
    """A long article chaining "a year earlier" back past year 1 gets no period, not a ValueError."""
    first_year = (date(1, 1, 1), date(1, 12, 31))
    assert shift_years(first_year, -1) is None
    assert resolve_period("a year earlier", None, previous=first_year) is None
    assert shift_years((date(9999, 1, 1), date(9999, 12, 31)), 1) is None
    assert shift_years(first_year, 1) == (date(2, 1, 1), date(2, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in the year 2011", (date(2011, 1, 1), date(2011, 12, 31))),
        ("In the first month of last year", (date(2013, 1, 1), date(2013, 1, 31))),
        ("the last month of 2012", (date(2012, 12, 1), date(2012, 12, 31))),
        ("for the full year in 2012", (date(2012, 1, 1), date(2012, 12, 31))),
        ("the whole year of 2011", (date(2011, 1, 1), date(2011, 12, 31))),
    ],
)
def test_the_year_written_out_and_the_first_or_last_month_of_a_year(text, expected):
    assert resolve_period(text, date(2014, 6, 9)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in Nov. 2020", (date(2020, 11, 1), date(2020, 11, 30))),
        ("in Sept. 2019", (date(2019, 9, 1), date(2019, 9, 30))),
        ("in November 2020", (date(2020, 11, 1), date(2020, 11, 30))),
    ],
)
def test_an_abbreviated_month_with_its_year(text, expected):
    assert resolve_period(text, date(2021, 12, 15)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since Aug 25", (date(2021, 8, 25), date(2021, 12, 15))),
        ("since August 25", (date(2021, 8, 25), date(2021, 12, 15))),
        ("since Sept. 3", (date(2021, 9, 3), date(2021, 12, 15))),
        ("since December 20", (date(2020, 12, 20), date(2021, 12, 15))),  # the latest such day up to the article
        ("since March 2, 2019", (date(2019, 3, 2), date(2021, 12, 15))),
    ],
)
def test_a_total_since_a_day_runs_from_that_day_to_the_articles_date(text, expected):
    assert resolve_period(text, date(2021, 12, 15)) == expected


def test_a_total_since_a_day_needs_the_articles_date_and_a_real_day():
    assert resolve_period("since August 25", None) is None
    assert resolve_period("since February 30", date(2021, 12, 15)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in the first eight days of 2023", (date(2023, 1, 1), date(2023, 1, 8))),
        ("the first two weeks of last year", (date(2020, 1, 1), date(2020, 1, 14))),
        ("in the 2010s", (date(2010, 1, 1), date(2019, 12, 31))),
        ("the 1990s", (date(1990, 1, 1), date(1999, 12, 31))),
    ],
)
def test_the_first_days_or_weeks_of_a_year_and_a_decade(text, expected):
    assert resolve_period(text, date(2021, 12, 15)) == expected


def test_a_date_that_ran_on_into_the_number_after_it_is_its_year():
    published = date(2018, 7, 13)
    assert resolve_period("in 2011 to 1502", published) == (date(2011, 1, 1), date(2011, 12, 31))
    assert resolve_period("2009 to 2,310", published) == (date(2009, 1, 1), date(2009, 12, 31))
    assert resolve_period("2015 to 2017", published) == (date(2015, 1, 1), date(2017, 12, 31))  # two years: a span
