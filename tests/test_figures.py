"""kg.extract.figures: what a figure counts, its period, carried across a report's sentences."""

from __future__ import annotations

from datetime import date

from kg.extract import extract
from kg.records import Article

PUBLISHED = date(2016, 1, 18)


def run(nlp, gazetteer, text: str, published: date | None = PUBLISHED):
    article = Article(id="test:" + text[:40], text=text, origin="test", published=published)
    return {f.value: f for f in extract(nlp(text), article, gazetteer).figures}


def test_measure_keeps_north_and_the_verb(nlp, gazetteer):
    figures = run(nlp, gazetteer, "A total of 1,277 North Korean defectors arrived in South Korea in 2015, "
                                  "the Ministry of Unification said.")
    assert figures[1277].measured == "North Korean defectors arriving in South Korea"


def test_elliptical_figures_continue_the_measure_and_take_their_own_year(nlp, gazetteer):
    figures = run(nlp, gazetteer, "A total of 1,277 North Korean defectors arrived in South Korea in 2015, "
                                  "the ministry said. Arrivals peaked at 2,914 in 2009.")
    assert figures[2914].measured == figures[1277].measured
    assert (figures[2914].period_start, figures[2914].period_end) == (date(2009, 1, 1), date(2009, 12, 31))


def test_share_names_who_among_whom(nlp, gazetteer):
    figures = run(nlp, gazetteer, "Women accounted for 83 percent of all arrivals in 2015.")
    assert figures[83].measured.startswith("share of women among")


def test_same_months_of_another_year(nlp, gazetteer):
    text = "Arrivals totaled 614 in the first half of this year, against 745 during the same six months of 2014."
    figures = run(nlp, gazetteer, text, published=date(2015, 9, 7))
    assert (figures[614].period_start, figures[614].period_end) == (date(2015, 1, 1), date(2015, 6, 30))
    assert (figures[745].period_start, figures[745].period_end) == (date(2014, 1, 1), date(2014, 6, 30))


def test_possessive_year_after_the_number(nlp, gazetteer):
    figures = run(nlp, gazetteer, "The ministry added that 196 of this year's arrivals were teenagers.",
                  published=date(2015, 10, 27))
    assert (figures[196].period_start, figures[196].period_end) == (date(2015, 1, 1), date(2015, 12, 31))


def test_no_publication_date_leaves_relative_periods_out(nlp, gazetteer):
    figures = run(nlp, gazetteer, "The ministry added that 196 of this year's arrivals were teenagers.",
                  published=None)
    assert figures[196].period_start is None and figures[196].period_end is None


def test_fiscal_start_is_read_from_the_article():
    from kg.extract.figures import fiscal_start

    assert fiscal_start("a $1.9 billion budget for fiscal 2017, which begins July 1, was approved") == 7
    assert fiscal_start("support in fiscal 2016") == 1
