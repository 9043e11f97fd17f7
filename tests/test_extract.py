"""kg.extract: mentions, figures, relations and statements, each with evidence."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.build import analyse, graph_of
from kg.extract import extract
from kg.rdf import to_dataset
from kg.records import Article


def run(nlp, gazetteer, text: str, published: date | None = None, **fields):
    article = Article(id="test:" + text[:40], text=text, origin="test", published=published, **fields)
    return extract(nlp(text), article, gazetteer)


def one_figure(extraction, value):
    found = [f for f in extraction.figures if f.value == value]
    assert len(found) == 1, f"expected one figure {value}, got {[f.value for f in extraction.figures]}"
    return found[0]


def relations(extraction):
    return {(r.subject, r.predicate, r.object) for r in extraction.relations}


# ---------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------


def test_total_arrivals(nlp, gazetteer):
    text = "A total of 1,277 North Koreans arrived in South Korea in 2015, the Unification Ministry said Monday."
    x = run(nlp, gazetteer, text, date(2016, 1, 4))
    f = one_figure(x, 1277)
    assert f.unit == "person"
    assert (f.period_start, f.period_end) == (date(2015, 1, 1), date(2015, 12, 31))
    assert f.place == "South Korea"
    assert f.source == "Ministry of Unification"
    assert f.qualifier is None
    assert f.text == "1,277" and text[f.start : f.end] == "1,277"
    assert "korean" in f.measured.lower()
    assert [g.value for g in x.figures] == [1277]  # 2015 is a year, not a figure


def test_first_ten_months_of_this_year(nlp, gazetteer):
    text = (
        "The number of North Koreans who defected to South Korea in the first 10 months of this year "
        "totaled 978, the Ministry of Unification said."
    )
    x = run(nlp, gazetteer, text, date(2015, 11, 14))
    f = one_figure(x, 978)
    assert f.unit == "person"
    assert (f.period_start, f.period_end) == (date(2015, 1, 1), date(2015, 10, 31))
    assert f.place == "South Korea"
    assert f.source == "Ministry of Unification"
    assert all(g.value != 10 for g in x.figures)  # "10 months" is a duration


def test_qualifier_and_half_year_and_speaker(nlp, gazetteer):
    text = (
        "Lee Byung-ho, chief of the National Intelligence Service, said about 300 North Koreans "
        "were caught in China in the first half of this year."
    )
    x = run(nlp, gazetteer, text, date(2015, 8, 20))
    f = one_figure(x, 300)
    assert f.qualifier == "about"
    assert f.unit == "person"
    assert (f.period_start, f.period_end) == (date(2015, 1, 1), date(2015, 6, 30))
    assert f.place == "China"
    assert f.source == "Lee Byung-ho"


def test_percent_figure(nlp, gazetteer):
    text = "More than 80 percent of the North Korean defectors who came to the South in 2015 were female."
    x = run(nlp, gazetteer, text, date(2016, 1, 4))
    f = one_figure(x, 80)
    assert f.unit == "percent"
    assert f.qualifier == "more than"
    assert (f.period_start, f.period_end) == (date(2015, 1, 1), date(2015, 12, 31))
    assert "defectors" in f.measured


def test_money_figure(nlp, gazetteer):
    text = "Brokers now charge as much as 17 million won to cross the Tumen River, officials said."
    x = run(nlp, gazetteer, text, date(2015, 11, 14))
    f = one_figure(x, 17_000_000)
    assert f.unit == "KRW"


def test_according_to_attributes_the_following_sentences(nlp, gazetteer):
    text = (
        "According to the Ministry of Unification, 1,502 defectors arrived in 2012. "
        "Another 1,514 arrived in 2013."
    )
    x = run(nlp, gazetteer, text, date(2014, 1, 10))
    assert one_figure(x, 1502).source == "Ministry of Unification"
    assert one_figure(x, 1514).source == "Ministry of Unification"
    assert (one_figure(x, 1514).period_start, one_figure(x, 1514).period_end) == (date(2013, 1, 1), date(2013, 12, 31))


def test_no_figures_in_dates_durations_and_names(nlp, gazetteer):
    text = "Kim Jong-un, who took power four years ago, visited Room 39 on December 17, 2011."
    x = run(nlp, gazetteer, text, date(2015, 12, 1))
    assert x.figures == []


# ---------------------------------------------------------------------------
# relations
# ---------------------------------------------------------------------------


def test_role_before_name(nlp, gazetteer):
    x = run(nlp, gazetteer, "NIS chief Lee Byung-ho told lawmakers that border controls had tightened.")
    (r,) = [r for r in x.relations if r.subject == "Lee Byung-ho"]
    assert (r.predicate, r.object, r.role) == ("leads", "National Intelligence Service", "chief")
    assert 0 < r.confidence <= 1
    assert r.extractor


def test_apposition(nlp, gazetteer):
    x = run(nlp, gazetteer, "Lee Byung-ho, chief of the National Intelligence Service, said the border was closed.")
    assert ("Lee Byung-ho", "leads", "National Intelligence Service") in relations(x)


def test_member_of_with_title(nlp, gazetteer):
    x = run(nlp, gazetteer, '"The border is tighter than ever," said Prof. Cho Dong-ho of Ewha Womans University.')
    (r,) = [r for r in x.relations if r.subject == "Cho Dong-ho"]
    assert (r.predicate, r.object, r.role) == ("memberOf", "Ewha Womans University", "professor")


def test_researcher_apposition_is_member_not_leader(nlp, gazetteer):
    x = run(nlp, gazetteer, "Kim Min-ji, a researcher at the Korea Institute for Defense Analyses, said so.")
    assert ("Kim Min-ji", "memberOf", "Korea Institute for Defense Analyses") in relations(x)
    assert ("Kim Min-ji", "leads", "Korea Institute for Defense Analyses") not in relations(x)


def test_kinship_possessive(nlp, gazetteer):
    x = run(nlp, gazetteer, "Kim Jong-un's uncle Jang Song-thaek was executed in 2013.")
    (r,) = [r for r in x.relations if r.predicate == "relativeOf"]
    assert (r.subject, r.object, r.role) == ("Jang Song-thaek", "Kim Jong-un", "uncle")


def test_defected_to(nlp, gazetteer):
    x = run(nlp, gazetteer, "Thae Yong-ho defected to South Korea in 2016.")
    assert ("Thae Yong-ho", "defectedTo", "South Korea") in relations(x)


def test_based_in(nlp, gazetteer):
    x = run(nlp, gazetteer, "Japan-based AsiaPress reported the arrests.")
    assert ("AsiaPress", "locatedIn", "Japan") in relations(x)


def test_place_comma_place(nlp, gazetteer):
    x = run(nlp, gazetteer, "Smugglers met in Dandong, China.")
    assert ("Dandong", "locatedIn", "China") in relations(x)


def test_no_relation_to_oneself(nlp, gazetteer):
    x = run(nlp, gazetteer, "Lee Byung-ho, chief of Lee Byung-ho, said nothing.")
    assert all(r.subject != r.object for r in x.relations)


# ---------------------------------------------------------------------------
# statements and mentions
# ---------------------------------------------------------------------------


def test_quote_is_a_statement_by_its_speaker(nlp, gazetteer):
    x = run(nlp, gazetteer, '"The border is tighter than ever," said Prof. Cho Dong-ho of Ewha Womans University.')
    (s,) = x.statements
    assert s.speaker == "Cho Dong-ho"
    assert "The border is tighter than ever" in s.text
    assert s.verb == "said"


def test_reported_speech_is_a_statement(nlp, gazetteer):
    x = run(nlp, gazetteer, "NIS chief Lee Byung-ho told lawmakers that border controls had tightened.")
    (s,) = x.statements
    assert s.speaker == "Lee Byung-ho"
    assert "border controls had tightened" in s.text
    assert s.role == "chief"


def test_second_references_point_at_the_full_name(nlp, gazetteer):
    text = (
        "The Ministry of Unification said 978 defectors arrived. The ministry blamed the border. "
        "Kim Jong-un tightened it; Kim also purged officials. Trade with the North fell."
    )
    x = run(nlp, gazetteer, text, date(2015, 11, 14))
    names = {(text[m.start : m.end], m.name) for m in x.mentions}
    assert ("ministry", "Ministry of Unification") in names
    assert ("Kim", "Kim Jong-un") in names
    assert ("North", "North Korea") in names


def test_evidence_offsets_point_into_the_article(analysed):
    articles, extractions, _ = analysed
    assert extractions
    for x in extractions:
        text = x.article.text
        for m in x.mentions:
            assert text[m.start : m.end] == m.text
        for f in x.figures:
            assert text[f.start : f.end] == f.text
            assert text[f.evidence.start : f.evidence.end] == f.evidence.text
            assert f.evidence.start <= f.start < f.end <= f.evidence.end
        for r in x.relations:
            assert text[r.evidence.start : r.evidence.end] == r.evidence.text
        for s in x.statements:
            assert text[s.evidence.start : s.evidence.end] == s.evidence.text


def test_names_in_records_are_mention_names(analysed):
    _, extractions, _ = analysed
    for x in extractions:
        names = {m.name for m in x.mentions}
        for f in x.figures:
            assert f.place is None or f.place in names
            assert f.source is None or f.source in names
        for r in x.relations:
            assert {r.subject, r.object} <= names
        for s in x.statements:
            assert s.speaker in names
            assert set(s.mentions) <= names


@pytest.mark.parametrize("text", ["", "   ", "No names, no numbers here."])
def test_nothing_to_extract(nlp, gazetteer, text):
    x = run(nlp, gazetteer, text)
    assert (x.mentions, x.figures, x.relations, x.statements) == ([], [], [], [])


# ---------------------------------------------------------------------------
# bad input: nothing raises, however long or odd the text
# ---------------------------------------------------------------------------

_WORDS = (
    "Kim Min-ho", "the Ministry of Unification", "Seoul", "Yonhap", "said", "told reporters", "according to",
    "a year earlier", "the previous year", "in 2015", "since 1998", "up from", "percent", "$", "billion", "won",
    "people", "arrived", "fled to", "director of", "spokesman", "Mr.", "(AP)", "—", "–", ",", ";", ":", ".", "...",
)
_ODD = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(["“", "”", '"', "'", "’", "«", "»", "(", ")", "[", "]"]),  # quotes and brackets left open
    st.integers(min_value=10**12, max_value=10**400).map(str),  # giant numbers
    st.integers(min_value=0, max_value=10**6).map(lambda n: f"{n:,}"),
    st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=12),  # mixed scripts
    st.integers(min_value=200, max_value=4000).map(lambda n: "x" * n),  # very long tokens
    st.sampled_from(["\n", "\n\n", " ", "\t"]),
)
_TEXTS = st.one_of(
    st.lists(_ODD, max_size=80).map(" ".join),
    st.text(st.characters(categories=("P", "S", "Zs")), max_size=400),  # punctuation only
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=400).map(" ".join),  # no sentence ends
)


@settings(max_examples=40, deadline=None)
@given(text=_TEXTS, published=st.one_of(st.none(), st.dates()))
def test_any_text_goes_through_extraction_resolution_and_rdf(nlp, gazetteer, text, published):
    article = Article(id="fuzz", text=text, origin="fuzz.txt", published=published)
    [extraction] = analyse([article], nlp=nlp, gazetteer=gazetteer)
    resolution, _ = graph_of([extraction], gazetteer)
    to_dataset([extraction], resolution)
    for mention in extraction.mentions:
        assert text[mention.start : mention.end] == mention.text
    for item in [*extraction.figures, *extraction.relations, *extraction.statements]:
        assert 0 <= item.evidence.start <= item.evidence.end <= len(text)


def test_an_article_over_the_model_limit_is_analysed_in_pieces(nlp, gazetteer):
    """1.2 MB: over spaCy's max_length, so analysed in pieces; what lies past the first million characters is read
    at its own offsets. (The bulk is long links, so the test stays quick.)"""
    opening = "Park Ji-won, a researcher at the Korea Development Institute, said exports fell 12 percent in March."
    closing = "The Ministry of Unification said 1,277 people arrived in South Korea in 2015, according to Yonhap."
    link = "https://archive.example.org/records/" + "a" * 160
    text = "\n\n".join([opening, *(" ".join([link] * 10) for _ in range(620)), closing])
    assert len(text) > 1_200_000 > nlp.max_length
    [extraction] = analyse([Article(id="long", text=text, origin="long.txt")], nlp=nlp, gazetteer=gazetteer)
    mentions = {(m.text, m.start, m.type) for m in extraction.mentions}
    assert ("Park Ji-won", 0, "Person") in mentions
    assert ("Ministry of Unification", text.rindex("Ministry"), "Agency") in mentions
    assert ("Yonhap", text.rindex("Yonhap"), "Outlet") in mentions
    late = one_figure(extraction, 1277)
    assert text[late.evidence.start : late.evidence.end] == closing
    assert ("Park Ji-won", "memberOf", "Korea Development Institute") in relations(extraction)
