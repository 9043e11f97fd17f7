"""kg.compare: one figure group per measure, unit, period and place; its distinct values, their sources,
and whether they disagree."""

from __future__ import annotations

from datetime import date

import pytest

from kg.compare import FigureNote, disagree, group_figures
from kg.records import Evidence, Figure


def fig(value, *, qualifier=None, start=date(2014, 1, 1), end=date(2014, 12, 31), place="South Korea", at=0):
    return Figure(value=value, unit="person", measured="North Korean defectors arriving in South Korea",
                  text=str(value), start=at, end=at + 4, evidence=Evidence("s", at, at + 10),
                  period_start=start, period_end=end, place=place, qualifier=qualifier)


def groups(*figures, outlet=None):
    """Group (article id, figure, source) triples; a figure's place and source names are their own keys."""
    notes = [
        FigureNote.of(article, number, figure, outlet)
        for number, (article, figure) in enumerate(figures, start=1)
    ]
    return group_figures(notes, lambda n: n.place, lambda n: n.source or n.outlet or n.ref.article)


def test_two_articles_with_different_values_disagree_in_one_group():
    [group] = groups(("a", fig(1396)), ("b", fig(1397)))
    assert group.disagreement and len(group.figures) == 2
    assert [(v.value, v.sources, v.disagreeing) for v in group.values] == [(1396, 1, 1), (1397, 1, 1)]


def test_one_value_from_many_sources_is_one_value_and_no_disagreement():
    [group] = groups(("a", fig(1275)), ("b", fig(1275)), ("c", fig(1275)))
    assert not group.disagreement
    assert [(v.value, v.sources, len(v.figures)) for v in group.values] == [(1275, 3, 3)]


def test_other_period_or_place_is_another_group_and_no_period_is_no_group():
    assert len(groups(("a", fig(1396)), ("b", fig(1514, start=date(2013, 1, 1), end=date(2013, 12, 31))))) == 2
    apart = groups(("a", fig(1396)), ("b", fig(1397, place="China")))
    assert len(apart) == 2 and not any(g.disagreement for g in apart)
    assert groups(("a", fig(1396, end=None)), ("b", fig(1397, end=None))) == []


def test_a_figure_without_a_place_joins_the_only_place_of_its_measure_and_period():
    [group] = groups(("a", fig(1396)), ("b", fig(1397, place=None)))
    assert group.place == "South Korea" and group.disagreement


def test_bounds_of_one_range_do_not_disagree():
    [group] = groups(("a", fig(6000, qualifier="at least", at=0)), ("a", fig(16000, qualifier="up to", at=0)))
    assert not group.disagreement
    [same] = groups(("a", fig(1000, at=0)), ("a", fig(1200, at=0)))  # one sentence's own figures
    assert not same.disagreement


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


def test_differently_worded_arrivals_disagree_and_generic_shares_join_no_group():
    a = fig(1396)
    b = fig(1397)
    b.measured = "defectors who came to the South"
    [group] = groups(("a", a), ("b", b))
    assert group.disagreement and group.label == "North Korean defectors arriving in South Korea"
    c, d = fig(71.2), fig(60)
    c.measured = d.measured = "share of respondents"
    assert groups(("c", c), ("d", d)) == []
