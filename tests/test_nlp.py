"""kg.nlp: the spaCy pipeline, the gazetteer ruler, entity typing and figure spotting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import ModelError
from kg.gazetteer import Gazetteer, GazetteerEntry
from kg.nlp import (
    KG_LABELS,
    NUMERIC_LABELS,
    analyse_long,
    build_pipeline,
    gazetteer_patterns,
    load_settings,
    pipe_texts,
    trim_span,
)
from kg.nlp.pieces import paragraph_pieces


def ents(doc):
    return {(e.text, e.label_, e.id_ or None) for e in doc.ents if e.label_ in KG_LABELS}


def figure_values(doc):
    return [c.quantity.value for c in doc._.kg_figures]


def test_settings_come_from_the_config():
    settings = load_settings()
    assert settings["model"]["name"]
    assert settings["entity_ruler"]["before"] == "ner"
    assert "NORP" in settings["kg_entity_typer"]["drop_labels"]
    assert settings["kg_figures"]["max_sentence_tokens"] > 0


def test_pipeline_has_kg_components(nlp):
    names = nlp.pipe_names
    for name in ("entity_ruler", "kg_entity_typer", "kg_figures", "kg_paragraphs"):
        assert name in names
    assert names.index("entity_ruler") < names.index("ner") < names.index("kg_entity_typer") < names.index("kg_figures")


def test_unknown_model_is_a_model_error():
    with pytest.raises(ModelError, match=r"cannot load the spaCy model 'no_such_model_kg_test': install it with pip"):
        build_pipeline("no_such_model_kg_test", gazetteer=Gazetteer())


def test_every_entity_gets_a_kg_type_or_is_numeric(nlp):
    doc = nlp("A total of 1,277 North Koreans arrived in South Korea in 2015, the Unification Ministry said Monday.")
    assert all(e.label_ in KG_LABELS or e.label_ in NUMERIC_LABELS for e in doc.ents)


def test_gazetteer_forms_carry_the_canonical_name(nlp):
    doc = nlp("A total of 1,277 North Koreans arrived in South Korea in 2015, the Unification Ministry said Monday.")
    found = ents(doc)
    assert ("South Korea", "Place", "South Korea") in found
    assert ("Unification Ministry", "Agency", "Ministry of Unification") in found
    # a nationality is not an entity
    assert not any(text.startswith("North Korean") for text, _, _ in found)


def test_acronym_and_title_prefix(nlp):
    doc = nlp("NIS chief Lee Byung-ho told lawmakers that border controls had tightened.")
    found = ents(doc)
    assert ("NIS", "Agency", "National Intelligence Service") in found
    assert ("Lee Byung-ho", "Person", "Lee Byung-ho") in found


def test_the_north_is_north_korea(nlp):
    doc = nlp("Kim took the helm of the North in late 2011.")
    assert ("North", "Place", "North Korea") in ents(doc)


def test_unknown_names_are_typed_by_head_noun(nlp):
    doc = nlp("The Korea Hana Foundation and the Ministry of Public Security disagreed.")
    found = {(text, label) for text, label, _ in ents(doc)}
    assert ("Korea Hana Foundation", "Organization") in found
    assert ("Ministry of Public Security", "Agency") in found


def test_unknown_korean_name_is_a_person(nlp):
    doc = nlp("Researcher Kim Min-ji said the border was closed.")
    assert ("Kim Min-ji", "Person") in {(text, label) for text, label, _ in ents(doc)}


def test_hyphenated_given_name_is_kept_whole(nlp):
    doc = nlp("Prof. Park Min-soo said the border was closed.")
    assert ("Park Min-soo", "Person") in {(text, label) for text, label, _ in ents(doc)}


def test_lines_are_sentences(nlp):
    doc = nlp("According to Yonhap:\n\nThe number of defectors fell")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "According to Yonhap:"


def test_figures_component_keeps_counts_not_years_or_durations(nlp):
    doc = nlp("A total of 1,277 North Koreans arrived in South Korea in 2015, four years after 2,706 came in 2011.")
    values = figure_values(doc)
    assert 1277 in values and 2706 in values
    assert 2015 not in values and 2011 not in values
    assert 4 not in values  # "four years" is a duration


def test_figures_component_finds_the_counted_noun(nlp):
    doc = nlp("A total of 1,277 North Koreans arrived in South Korea in 2015.")
    (candidate,) = [c for c in doc._.kg_figures if c.quantity.value == 1277]
    assert candidate.noun is not None and doc[candidate.noun].text == "Koreans"
    assert doc[candidate.number_token].text == "1,277"


@pytest.mark.parametrize(
    "text",
    [
        "He worked for Room 39 for a decade.",
        "The defector, aged 25, arrived in Seoul.",
        "He left 10 months ago.",
        "It was the 3rd time.",
        "Officials spoke at 10 o'clock.",
    ],
)
def test_not_figures(nlp, text):
    assert [v for v in figure_values(nlp(text)) if v not in (1,)] == []


def test_patterns_cover_every_form(nlp):
    gaz = Gazetteer()
    gaz.add(GazetteerEntry("Ministry of Unification", "Agency", ("MOU", "Unification Ministry")))
    gaz.add(GazetteerEntry("Kim Jong-un", "Person", ("Kim Jong Un",)))
    patterns = gazetteer_patterns(nlp, gaz)
    ids = [(p["id"], p["label"]) for p in patterns]
    assert ids.count(("Ministry of Unification", "Agency")) == 3
    assert ids.count(("Kim Jong-un", "Person")) == 2
    acronym = next(p for p in patterns if p["pattern"] == [{"ORTH": "MOU"}])
    assert acronym["id"] == "Ministry of Unification"  # acronyms match only as written
    long = next(p for p in patterns if p["pattern"][0] == {"LOWER": "unification"})
    assert long["pattern"] == [{"LOWER": "unification"}, {"LOWER": "ministry"}]


def test_the_gazetteer_ruler_matches_as_spacys_entity_ruler_with_the_token_patterns(nlp, gazetteer):
    """The phrase matchers find exactly what the token patterns of gazetteer_patterns find, overlaps included."""
    from spacy.pipeline import EntityRuler

    reference = EntityRuler(nlp, "reference", phrase_matcher_attr=None, overwrite_ents=False)
    reference.add_patterns(gazetteer_patterns(nlp, gazetteer))
    ours = nlp.get_pipe("entity_ruler")
    texts = [
        "The unification ministry and the MOU said the Unification Ministry would answer; mou is no acronym here.",
        "KIM JONG UN met Kim Jong Un in Pyongyang, and North Korea's Korean Central News Agency reported it.",
        "South Korea’s Ministry of Unification and South Korea's ministry of unification spoke in Seoul and SEOUL.",
    ]
    for text in texts:
        found, expected = ours.match(nlp.make_doc(text)), reference.match(nlp.make_doc(text))
        assert sorted(found) == sorted(expected)
        names = {(ours._ent_ids[m][1], s, e) for m, s, e in found}
        assert names == {(reference._ent_ids[m][1], s, e) for m, s, e in expected}
    assert any(ours.match(nlp.make_doc(text)) for text in texts)


def test_a_custom_gazetteer_feeds_the_ruler():
    gaz = Gazetteer()
    gaz.add(GazetteerEntry("Zorblat Institute of Studies", "Organization", ("ZIS",)))
    custom = build_pipeline(gazetteer=gaz)
    doc = custom("Researchers at ZIS said the ZIS figures were wrong.")
    assert ("ZIS", "Organization", "Zorblat Institute of Studies") in ents(doc)


def test_trim_span_drops_articles_titles_and_possessives(nlp):
    doc = nlp.make_doc("the Ministry of Unification's officials")
    span = trim_span(doc[0:5])
    assert span is not None and span.text == "Ministry of Unification"
    assert trim_span(nlp.make_doc("the")[0:1]) is None


@pytest.fixture(scope="module")
def bare():
    """The pipeline with an empty gazetteer: typing must not depend on the gazetteer."""
    return build_pipeline(gazetteer=Gazetteer())


def typed(doc) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in doc.ents if e.label_ in KG_LABELS}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to Zorbla Wire:\n\nThe border closed.", ("Zorbla Wire", "Outlet")),
        ("According to UPI:\n\nThe border closed.", ("UPI", "Outlet")),
        ("BUSAN, March 3 (Hanbit) -- The border closed.", ("Hanbit", "Outlet")),
        ("By Maria Fenholt\n\nThe border closed.", ("Maria Fenholt", "Person")),
        ("By MARIT FENHOLT, Staff Writer\n\nThe border closed.", ("MARIT FENHOLT", "Person")),
        ("The Gangwon Herald carried the report on Sunday.", ("Gangwon Herald", "Outlet")),
        ("Traders told KoryoPress that prices rose.", ("KoryoPress", "Outlet")),
        ("He once worked for Office 38 in Macau.", ("Office 38", "Agency")),
        ("Writing in a blog, Seo Ji-hoon looks at the data.", ("Seo Ji-hoon", "Person")),
        ("Choi Min-seok, a pastor, said so.", ("Choi Min-seok", "Person")),
        ("Jean-Claude Marin, a spokesman for the agency, said so.", ("Jean-Claude Marin", "Person")),
        ("Zorbat, the EU's statistics office, said so.", ("Zorbat", "Agency")),
        ("Quillon, a Geneva-based charity, said so.", ("Quillon", "Organization")),
    ],
)
def test_unknown_names_are_typed_from_context(bare, text, expected):
    assert expected in typed(bare(text))


def test_acronym_definition_gives_the_full_name(bare):
    found = typed(bare("The office of the UN Special Envoy for Refugees (UNSER) counted 40 cases."))
    assert ("UN Special Envoy for Refugees", "Organization") in found


def test_two_names_in_one_are_split(bare):
    found = typed(bare("A survey by Hanbit National University’s Institute for Border Studies was published."))
    assert ("Hanbit National University", "Organization") in found
    assert ("Institute for Border Studies", "Organization") in found


@pytest.mark.parametrize(
    ("text", "not_entity"),
    [
        ("According to Zorbla Wire:\n\nBribes demanded by guards rose.", "Bribes"),
        ("Guards now insist on Chinese yuan for every crossing.", "Chinese yuan"),
        ("A Japan-based group said 30 people crossed.", "Japan-based"),
        ("North Korean soldiers crossed the line.", "North Korean"),
    ],
)
def test_noise_is_not_an_entity(bare, text, not_entity):
    assert not_entity not in {t for t, _ in typed(bare(text))}


def test_the_north_and_south_without_a_gazetteer(bare):
    found = {(e.text, e.label_, e.id_) for e in bare("Few who left the North reached the South in May.").ents}
    assert ("North", "Place", "North Korea") in found
    assert ("South", "Place", "South Korea") in found


def test_a_place_inside_an_outlet_name_keeps_neither_id(nlp):
    found = ents(nlp("Police held 11 people, the Busan Ilbo reported. They were flown from Busan to Seoul."))
    assert ("Busan Ilbo", "Outlet", None) in found
    assert ("Busan", "Place", "Busan") in found


def test_every_agency_of_a_shared_wire_credit_is_an_outlet(nlp):
    found = ents(nlp("LIMA, May 2 (EFE/Notimex) – Nine people died in a landslide, officials said."))
    assert ("EFE", "Outlet", "Agencia EFE") in found and ("Notimex", "Outlet", "Notimex") in found
    found = {(text, label) for text, label, _ in ents(nlp("QUITO, May 2 (dpa/ANB) – Rains closed 40 roads."))}
    assert {("dpa", "Outlet"), ("ANB", "Outlet")} <= found, found


def test_a_province_is_a_place_not_a_korean_name(nlp):
    labels = {e.text: e.label_ for e in nlp("Officers in Chiang Rai province told the paper so.").ents}
    assert labels.get("Chiang Rai province") == "Place"


def test_plural_noun_for_a_cause_is_an_organisation(nlp):
    labels = {e.text: e.label_ for e in nlp("Cho Young-dal, who heads Fighters for a Free North Korea, spoke.").ents}
    assert labels.get("Fighters for a Free North Korea") == "Organization"
    assert "Fighters" not in labels


def test_a_name_ends_at_a_comma_and_before_a_possessive_program(nlp):
    labels = {
        e.text: e.label_ for e in nlp("A spokesman for the Ministry of National Defense, Nam Gi-hyun, said so.").ents
    }
    assert labels.get("Ministry of National Defense") == "Agency" and labels.get("Nam Gi-hyun") == "Person"
    labels = {
        e.text: e.label_ for e in nlp("Laura Kessler, director of the Halvorsen Institute’s Korea program, spoke.").ents
    }
    assert labels.get("Halvorsen Institute") == "Organization"
    assert not [t for t in labels if "Korea" in t]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Federal Office for Ports and Tolls in Zembla said so.", ("Federal Office for Ports and Tolls", "Agency")),
        ("Data from the General Administration of Tolls showed a rise.", ("General Administration of Tolls", "Agency")),
        ("KBS cited the Joint Chiefs of Staff on Monday.", ("Joint Chiefs of Staff", "Agency")),
        ("The case went to the Harbour and Fisheries Board last week.", ("Harbour and Fisheries Board", "Agency")),
        ("Zorla Exchange halted trading on Monday.", ("Zorla Exchange", "Organization")),
        ("Boats were found on the coast of Ombra Prefecture last week.", ("Ombra Prefecture", "Place")),
        ("Rep. Ann Voss of the Zembla Green Party said so.", ("Zembla Green Party", "Organization")),
        ("The Party of Tolls and Harbours won 12 seats.", ("Party of Tolls and Harbours", "Organization")),
        ("The Zembla Highway Patrol closed the road.", ("Zembla Highway Patrol", "Agency")),
    ],
)
def test_head_nouns_type_agencies_places_and_exchanges(bare, text, expected):
    assert expected in typed(bare(text))


def test_a_count_of_places_is_no_place(bare):
    assert not [t for t, _ in typed(bare("Talks between the two Koreas resumed in May.")) if "Korea" in t]


def test_a_given_name_before_a_family_name_is_a_person(bare):
    text = (
        "Former leader Thaksin Shinawatra returned home in August. His daughter Paetongtarn Shinawatra won the vote. "
        "Thaksin had lived abroad since 2008."
    )
    assert ("Thaksin", "Person") in typed(bare(text))


def test_a_name_set_off_after_a_kinship_noun_is_a_person(bare):
    assert ("Dhanmati", "Person") in typed(bare("The younger sister, Dhanmati, works in Doha."))


def test_a_market_index_is_not_an_entity(bare):
    found = {t for t, _ in typed(bare("Shares beat the benchmark Zembla Stock Average, which rose 0.4 percent."))}
    assert not [t for t in found if "Average" in t]


@pytest.mark.parametrize(
    ("text", "expected", "not_entity"),
    [
        (
            '"Wading the Ombra River costs more now," Park said.',
            ("Ombra River", "Place"),
            "Wading the Ombra River",
        ),
        (
            "New centers will open in Zorla Province and North Tavel Province next year.",
            ("North Tavel Province", "Place"),
            "Zorla Province and North Tavel Province",
        ),
        (
            "Detainees were held on Tarvo and Quill Island for years.",
            ("Quill Island", "Place"),
            "Tarvo and Quill Island",
        ),
        (
            '"They cannot meet them," said Prof. Jorin Vask of Hallam Maritime University, who studies fishing.',
            ("Hallam Maritime University", "Organization"),
            "Jorin Vask of Hallam Maritime University",
        ),
    ],
)
def test_a_name_run_stops_at_a_verb_an_and_or_a_person(bare, text, expected, not_entity):
    found = typed(bare(text))
    assert expected in found
    assert not_entity not in {t for t, _ in found}


def test_a_dateline_names_a_place_and_an_editors_note_is_not_a_name(nlp, bare):
    found = ents(nlp("SEOUL, May 2 (Hanbit) -- Arrivals fell.\n\n(ADDS quotes in para 3)\n\nThey rose. (END)"))
    assert ("SEOUL", "Place", "Seoul") in found
    assert not [t for t, _, _ in found if t in ("ADDS", "END")]
    assert ("MARLOW", "Place") in typed(bare("MARLOW, Ohio — The City Council voted 7-2 on Tuesday."))


def test_acronym_definitions_keep_commas_and_hyphenated_words(bare, nlp):
    found = typed(bare("The Council for Maritime Co-operation and Trade (CMCT) met on Monday."))
    assert ("Council for Maritime Co-operation and Trade", "Agency") in found
    found = {t for t, _ in typed(bare("Data came from Ports, Roads and Tolls Zembla (PRTZ) on Monday."))}
    assert "Ports, Roads and Tolls Zembla" in found


def test_a_country_after_its_portfolio_is_a_national_agency(nlp):
    labels = {e.text: e.label_ for e in nlp("Fisheries, Customs and Revenue Japan said on Friday that catches fell.").ents}
    assert labels.get("Fisheries, Customs and Revenue Japan") == "Agency"
    labels = {e.text: e.label_ for e in nlp("Officials at Veterans Japan met Zorla Japan, a trading firm.").ents}
    assert labels.get("Veterans Japan") == "Agency" and labels.get("Zorla Japan") != "Agency"


def test_a_portfolio_before_a_title_is_not_an_agency(nlp):
    assert "Fisheries Minister" not in {e.text for e in nlp("Fisheries Minister Jorin Vask said catches fell.").ents}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Traders were worried.\n\nRice prices in the markets rose again.", "Rice"),
        ("Traders were worried.\n\nHarvest was poor in the east, officials said.", "Harvest"),
    ],
)
def test_a_dictionary_noun_opening_a_sentence_is_not_a_name(nlp, text, word):
    assert word not in {e.text for e in nlp(text).ents}


def test_a_noun_that_is_also_a_name_in_the_text_stays(nlp):
    doc = nlp("Analysts met Mr. Rice in May.\n\nRice prices rose again.")
    assert len([e for e in doc.ents if e.text == "Rice"]) == 2


def test_a_name_after_a_role_and_a_comma_is_a_person(bare):
    found = typed(bare("Alberta's housing minister, Odile Fontaine, said the province had spent more."))
    assert ("Odile Fontaine", "Person") in found


def test_an_employer_title_and_person_in_one_span_are_split(bare):
    found = typed(bare('"Orders are strong," Kordo Chief Executive Ilse Marten told a news conference in Osaka.'))
    assert ("Ilse Marten", "Person") in found
    assert ("Kordo", "Organization") in found


def test_a_company_head_makes_an_organization(bare):
    assert ("Kordo Electric", "Organization") in typed(bare("Kordo Electric President Jane Roe-Smith said so."))


def test_a_union_as_an_area_is_a_place(bare):
    assert ("Nordic Union", "Place") in typed(bare("The number of asylum applicants in the Nordic Union fell slightly."))
    assert ("Nordic Union", "Place") not in typed(bare("The Nordic Union fined the company on Monday."))


def test_the_treasury_is_an_agency_and_a_deputy_is_not_part_of_a_name(bare):
    found = typed(bare("Budget papers released by the Treasury in May set aside more for ports."))
    assert ("Treasury", "Agency") in found
    found = {t for t, _ in typed(bare("Deputy Harbour Bureau Secretary Lena Marsh said so."))}
    assert "Deputy Harbour Bureau" not in found


def test_a_body_named_by_its_head_noun_opens_a_sentence(nlp):
    assert "Parliament" in {e.text for e in nlp("Prices rose.\n\nParliament passed the budget on Monday.").ents}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two trawlers sank in the Sea of Japan in March.", ("Sea of Japan", "Place")),
        (
            "She cited a study by the University of Northern Colorado, and argued for treatment.",
            ("University of Northern Colorado", "Organization"),
        ),
        ("Boats were found on the coast of Akita and Tavelo prefectures.", ("Tavelo", "Place")),
        ("Two boats were towed to the tiny island of Lampedusa overnight.", ("Lampedusa", "Place")),
    ],
)
def test_a_name_cut_after_of_is_completed_and_a_place_noun_after_a_name_makes_a_place(nlp, text, expected):
    assert expected in {(e.text, e.label_) for e in nlp(text).ents}


def test_the_country_of_a_currency_is_not_an_entity(nlp):
    assert "U.S." not in {e.text for e in nlp("A kilo cost about 4.40 U.S. dollars in the market.").ents}


def test_an_international_body_is_an_organization(bare):
    found = typed(bare("Kerry Anand, an official with the International Maritime Safety Agency, said so."))
    assert ("International Maritime Safety Agency", "Organization") in found


def test_a_name_with_its_head_first_is_found_without_the_date_after_it(nlp):
    found = {(e.text, e.label_) for e in nlp("Exports fell, a report by the U.N. Panel of Auditors monitoring trade says.").ents}
    assert ("Panel of Auditors", "Organization") in found
    found = {e.text for e in nlp("Figures were released by the U.N. Panel of Auditors on Monday.").ents}
    assert "Panel of Auditors" in found


def test_a_dateline_naming_an_organisation_keeps_the_gazetteer_type(nlp):
    found = ents(nlp("UNITED NATIONS (AP) — The council met on Monday."))
    assert ("UNITED NATIONS", "Organization", "United Nations") in found


def test_a_dictionary_noun_owning_shares_stays_a_name(nlp):
    assert "Amazon" in {e.text for e in nlp("Prices rose.\n\nAmazon shares fell 3 percent on Monday.").ents}
    assert "Time" in {e.text for e in nlp("Prices rose.\n\nTime magazine named her person of the year.").ents}


def test_a_national_agency_takes_the_whole_country_and_nothing_else(nlp):
    labels = {e.text: e.label_ for e in nlp("Fisheries South Korea said on Monday that catches fell.").ents}
    assert labels.get("Fisheries South Korea") == "Agency"
    assert not [t for t in (e.text for e in nlp("Immigration Ruritania said on Monday that visas rose.").ents) if "Immigration" in t]
    found = {e.text for e in nlp("The Bank of New Zealand and Westpac both raised rates; Westpac said so.").ents}
    assert not [t for t in found if "Westpac" in t and "Bank" in t]


def test_a_wire_slug_is_not_a_dateline_place(bare):
    assert "ANALYSIS" not in {t for t, _ in typed(bare("ANALYSIS - Zembla slows as exports fall.\n\nThe data came Monday."))}


def test_a_name_after_a_known_place_runs_on_past_of(nlp):
    found = {(e.text, e.label_) for e in nlp("Prices rose, according to the Colorado Association of Surveyors.").ents}
    assert ("Colorado Association of Surveyors", "Organization") in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('"In Taesong we had nothing," she said.', "Taesong"),
        ("Births fell in most regions. She added that Tavelong was the only region where births rose.", "Tavelong"),
    ],
)
def test_a_name_where_people_live_is_a_place(bare, text, name):
    assert (name, "Place") in typed(bare(text))


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        ("Schools in Kansas City closed early.", ("Kansas City", "Place", ""), ("Kansas", "Place", "Kansas")),
        ("The Virginia Beach council met late.", ("Virginia Beach", "Place", ""), ("Virginia", "Place", "Virginia")),
        ("Oklahoma City Mayor Ann Roe said so.", ("Oklahoma City", "Place", ""), ("Oklahoma", "Place", "Oklahoma")),
    ],
)
def test_a_known_place_before_a_place_word_is_a_longer_place(nlp, text, expected, not_expected):
    found = {(e.text, e.label_, e.id_) for e in nlp(text).ents}
    assert expected in found and not_expected not in found


def test_a_known_place_before_a_place_word_opening_another_name_stays_alone(nlp):
    found = {(e.text, e.label_) for e in nlp("Workers at Kansas City Hall went home.").ents}
    assert ("Kansas City", "Place") not in found


def test_a_programme_after_a_possessive_pronoun_is_a_scheme_not_a_body(bare):
    names = {t for t, _ in typed(bare("Zembla admitted 900 people under its Skilled Worker Program last year."))}
    assert not any("Program" in n for n in names)
    assert ("Tavelo Youth Programme", "Organization") in typed(bare("Funding for the Tavelo Youth Programme rose."))


# ---------------------------------------------------------------------------
# Long texts: analysed in pieces cut at paragraph breaks (kg.nlp.pieces)
# ---------------------------------------------------------------------------

_PARAGRAPHS = [
    "Park Ji-won, a researcher at the Korea Development Institute, said exports fell 12 percent in March.",
    "The Ministry of Unification said 1,277 people arrived in South Korea in 2015.",
    "Officials in Seoul expect the figure to rise again next year, according to Yonhap.",
]


@given(st.text(alphabet="ab .\n", max_size=300), st.integers(min_value=1, max_value=60))
def test_pieces_join_back_into_the_text_and_keep_to_the_limit(text, limit):
    pieces = paragraph_pieces(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= limit for p in pieces) or pieces == [""]


def test_pieces_end_at_paragraph_breaks_when_there_are_any():
    text = "\n\n".join(_PARAGRAPHS * 3)
    pieces = paragraph_pieces(text, 250)
    assert "".join(pieces) == text and len(pieces) > 3
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    assert all(len(p) <= 250 for p in pieces)


def test_a_piece_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="at least one character, not 0"):
        paragraph_pieces("text", 0)


def test_a_long_text_analysed_in_pieces_keeps_its_offsets(nlp):
    text = "\n\n".join(_PARAGRAPHS * 4)
    doc = analyse_long(nlp, text, piece_characters=220)
    assert doc.text == text
    assert all(e.text == text[e.start_char : e.end_char] for e in doc.ents)
    last = [e for e in doc.ents if e.text == "Yonhap"][-1]
    assert last.start_char == text.rindex("Yonhap") and last.label_ == "Outlet"
    assert text.rindex("Ministry of Unification") in {e.start_char for e in doc.ents if e.label_ == "Agency"}
    # kg's whole-article components ran once, on the joined doc: figures from every piece, offsets in the whole text
    starts = {c.quantity.start for c in doc._.kg_figures}
    assert text.rindex("1,277") in starts and text.index("1,277") in starts
    # no sentence runs across a cut
    assert all("\n\n" not in s.text.strip() for s in doc.sents)


def test_pipe_texts_analyses_only_texts_over_the_limit_in_pieces(nlp, monkeypatch):
    short = _PARAGRAPHS[1]
    long = "\n\n".join(_PARAGRAPHS * 8)
    monkeypatch.setattr(nlp, "max_length", len(long) - 1)
    docs = list(pipe_texts(nlp, [short, long, short]))
    assert [d.text for d in docs] == [short, long, short]
    assert ents(docs[0]) == ents(docs[2]) == ents(nlp(short))
    assert sum(e.text == "Yonhap" for e in docs[1].ents) == 8


def test_an_island_and_an_airport_are_places(nlp):
    found = {text: label for text, label, _ in ents(nlp("Boats reached the island of Vellastro on Monday. Others flew out of Kelmora International Airport."))}
    assert found.get("Vellastro") == "Place", found
    assert found.get("Kelmora International Airport") == "Place", found


def test_a_title_after_a_citing_verb_is_an_outlet(nlp):
    found = ents(nlp("Two officials told The Sentinel that 300 people had crossed on Monday."))
    assert ("Sentinel", "Outlet", None) in found, found
    found = ents(nlp("Two officials told the sentinel at the gate that 300 people had crossed."))
    assert not any(label == "Outlet" for _, label, _ in found), found


def test_a_customs_body_is_an_agency(nlp):
    found = {text: label for text, label, _ in ents(nlp("The acting head of Kelmora Customs and Trade Protection said 40 boats were seized."))}
    assert found.get("Kelmora Customs and Trade Protection") == "Agency", found
