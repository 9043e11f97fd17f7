"""kg.compare: figures of one measure and period that disagree get kg:conflictsWith, both ways."""

from __future__ import annotations

from datetime import date

import pytest

from kg.compare import disagree, find_conflicts, mark_conflicts
from kg.records import Article, Evidence, Extraction, Figure


def fig(value, *, qualifier=None, start=date(2014, 1, 1), end=date(2014, 12, 31), place="South Korea", at=0):
    return Figure(value=value, unit="person", measured="North Korean defectors arriving in South Korea",
                  text=str(value), start=at, end=at + 4, evidence=Evidence("s", at, at + 10),
                  period_start=start, period_end=end, place=place, qualifier=qualifier)


def extraction(article_id, *figures):
    return Extraction(Article(id=article_id, text="x", origin="test"), figures=list(figures))


def test_two_articles_with_different_values_conflict_both_ways():
    a, b = extraction("a", fig(1396)), extraction("b", fig(1397))
    conflicts = mark_conflicts([a, b])
    assert len(conflicts) == 1
    assert a.figures[0].conflicts == [("b", 1)] and b.figures[0].conflicts == [("a", 1)]


def test_same_value_other_period_or_place_or_no_period_do_not_conflict():
    assert find_conflicts([extraction("a", fig(1396)), extraction("b", fig(1396))]) == []
    assert find_conflicts([extraction("a", fig(1396)), extraction("b", fig(1514, start=date(2013, 1, 1),
                                                                          end=date(2013, 12, 31)))]) == []
    assert find_conflicts([extraction("a", fig(1396)), extraction("b", fig(1397, place="China"))]) == []
    assert find_conflicts([extraction("a", fig(1396, end=None)), extraction("b", fig(1397, end=None))]) == []


def test_bounds_of_one_range_do_not_conflict():
    low, high = fig(6000, qualifier="at least", at=0), fig(16000, qualifier="up to", at=0)
    assert find_conflicts([extraction("a", low, high)]) == []


def test_qualifiers_widen_the_values_a_figure_allows():
    assert not disagree(fig(1200, qualifier="about"), fig(1277))
    assert disagree(fig(1000, qualifier="about"), fig(1277))
    assert not disagree(fig(1000, qualifier="more than"), fig(1277))
    assert disagree(fig(1300, qualifier="less than"), fig(1300))
    assert not disagree(fig(1300, qualifier="up to"), fig(1300))


@pytest.mark.parametrize(
    "written",
    [
        "North Korean defectors arriving in South Korea",
        "defectors who came to the South",
        "North Koreans reaching South Korea",
        "refugees arriving",
        "arrivals in South Korea",
    ],
)
def test_ways_of_writing_arrivals_share_one_canonical_measure(written):
    from kg.compare import canonical_measure

    assert canonical_measure(written) == "north korean defectors arriving in south korea"


def test_other_measures_are_only_normalised():
    from kg.compare import canonical_measure

    assert canonical_measure("North Korean defectors resettling in the United States") == (
        "north korean defectors resettling in united states"
    )
    assert canonical_measure("The  jobless rate") == "jobless rate"


def test_differently_worded_arrivals_conflict_and_generic_shares_do_not():
    a = fig(1396)
    b = fig(1397)
    b.measured = "defectors who came to the South"
    assert len(mark_conflicts([extraction("a", a), extraction("b", b)])) == 1
    c, d = fig(71.2), fig(60)
    c.measured = d.measured = "share of respondents"
    assert mark_conflicts([extraction("c", c), extraction("d", d)]) == []
