"""kg.resolve: within-article second references and cross-article canonical entities."""

from __future__ import annotations

import pytest

from kg.records import Article, Extraction, Mention
from kg.resolve import is_variant, resolve_corpus, slugify, within_article


def mention(text: str, body: str, kind: str, name: str | None = None, rule: str = "model", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return Mention(text, start, start + len(text), kind, name or text, rule)


def extraction(article_id: str, *mentions: Mention) -> Extraction:
    return Extraction(article=Article(id=article_id, text="", origin=article_id), mentions=list(mentions))


# ---------------------------------------------------------------------------
# within an article
# ---------------------------------------------------------------------------


def test_acronym_defined_in_parentheses(gazetteer):
    body = "The Korea Institute for National Unification (KINU) said so. KINU later added more."
    ms = [mention("Korea Institute for National Unification", body, "Organization")]
    result = within_article(ms, body, gazetteer)
    kinu = [m for m in result if m.text == "KINU"]
    assert len(kinu) == 2
    assert all(m.name == "Korea Institute for National Unification" and m.rule == "acronym" for m in kinu)
    assert all(m.type == "Organization" for m in kinu)
    assert [m.start for m in result] == sorted(m.start for m in result)


def test_surname_points_at_the_full_name(gazetteer):
    body = "Kim Jong-un visited. Kim said little."
    ms = [mention("Kim Jong-un", body, "Person"), mention("Kim", body, "Person", nth=1)]
    result = within_article(ms, body, gazetteer)
    assert [(m.text, m.name) for m in result] == [("Kim Jong-un", "Kim Jong-un"), ("Kim", "Kim Jong-un")]
    assert result[1].rule == "surname"


def test_surname_before_the_full_name(gazetteer):
    body = "Lee spoke first. Later, Lee Byung-ho spoke again."
    ms = [mention("Lee", body, "Person"), mention("Lee Byung-ho", body, "Person")]
    result = within_article(ms, body, gazetteer)
    assert result[0].name == "Lee Byung-ho"


def test_surname_goes_to_the_most_mentioned_full_name(gazetteer):
    body = "Kim Jong-un met Kim Yo-jong. Kim Jong-un spoke. Kim smiled."
    ms = [
        mention("Kim Jong-un", body, "Person"),
        mention("Kim Yo-jong", body, "Person"),
        mention("Kim Jong-un", body, "Person", nth=1),
        mention("Kim", body, "Person", nth=3),
    ]
    result = within_article(ms, body, gazetteer)
    assert result[-1].text == "Kim" and result[-1].name == "Kim Jong-un"


def test_the_ministry_after_a_ministry(gazetteer):
    body = "The Ministry of Unification said 978 arrived. The ministry blamed the border."
    ms = [mention("Ministry of Unification", body, "Agency", rule="gazetteer")]
    result = within_article(ms, body, gazetteer)
    nominal = [m for m in result if m.rule == "nominal"]
    assert [(m.text, m.name, m.type) for m in nominal] == [("ministry", "Ministry of Unification", "Agency")]


def test_the_party_after_a_party_is_an_organisation(gazetteer):
    body = "The Zembla Green Party won 12 seats. The party blamed the weather."
    ms = [mention("Zembla Green Party", body, "Organization")]
    result = within_article(ms, body, gazetteer)
    nominal = [m for m in result if m.rule == "nominal"]
    assert [(m.text, m.name, m.type) for m in nominal] == [("party", "Zembla Green Party", "Organization")]


def test_the_ministry_of_something_else_is_not_a_second_reference(gazetteer):
    body = "The Ministry of Unification spoke. The ministry of defence did not."
    ms = [mention("Ministry of Unification", body, "Agency")]
    result = within_article(ms, body, gazetteer)
    assert [m for m in result if m.rule == "nominal"] == []


def test_a_description_before_the_name_it_repeats_words_of(gazetteer):
    body = "Arrivals doubled, the country's border agency said. The Northland Border Agency counts every boat."
    ms = [mention("Northland Border Agency", body, "Agency")]
    described = [m for m in within_article(ms, body, gazetteer) if m.rule == "nominal"]
    assert [(m.text, m.name, m.type) for m in described] == [("border agency", "Northland Border Agency", "Agency")]


def test_a_description_with_a_name_before_it_stands_for_the_body_it_describes(gazetteer):
    body = "The Refugee Relief Fund counted 900 people, the Ostland relief fund said."
    ms = [mention("Refugee Relief Fund", body, "Organization"), mention("Ostland", body, "Place")]
    described = [m for m in within_article(ms, body, gazetteer) if m.rule == "nominal"]
    assert [(m.text, m.name) for m in described] == [("relief fund", "Refugee Relief Fund")]


def test_a_description_whose_words_no_name_has_stands_for_nothing(gazetteer):
    body = "The Northland Border Agency counts boats. The country's tax agency said nothing."
    ms = [mention("Northland Border Agency", body, "Agency")]
    assert [m for m in within_article(ms, body, gazetteer) if m.rule == "nominal"] == []


def test_the_group_is_the_last_organization_named_before_and_not_one_named_after(gazetteer):
    body = "The group said 40 crossed. Harbour Watch counted boats. The group said 50 crossed."
    ms = [mention("Harbour Watch", body, "Organization")]
    described = [m for m in within_article(ms, body, gazetteer) if m.rule == "nominal"]
    assert [(m.start, m.name) for m in described] == [(body.rindex("group"), "Harbour Watch")]


def test_a_title_without_the_name_is_the_person_named_with_it(gazetteer):
    body = (
        "Fewer boats will come, the Harbour Secretary said. Harbour Secretary Ana Velde spoke to MPs. "
        "According to the harbour secretary, 300 arrived."
    )
    ms = [mention("Ana Velde", body, "Person")]
    titled = [m for m in within_article(ms, body, gazetteer) if m.rule == "title"]
    assert [(m.text, m.name) for m in titled] == [("Harbour Secretary", "Ana Velde"), ("harbour secretary", "Ana Velde")]


def test_country_description_is_north_korea(gazetteer):
    body = "North Korea closed the border. The reclusive nation said nothing."
    ms = [mention("North Korea", body, "Place")]
    result = within_article(ms, body, gazetteer)
    described = [m for m in result if m.rule == "description"]
    assert [(m.text, m.name) for m in described] == [("reclusive nation", "North Korea")]


def test_the_island_is_the_last_place_the_text_calls_an_island(gazetteer):
    body = (
        "Boats reached the rocky island of Velmora and the port of Castel. On the island, 300 people waited; "
        "Kestrel Island took 40 more, and this southern island said no. The city and the port said nothing."
    )
    ms = [mention("Velmora", body, "Place"), mention("Castel", body, "Place"), mention("Kestrel Island", body, "Place")]
    described = [m for m in within_article(ms, body, gazetteer) if m.rule == "nominal"]
    assert [(m.text, m.name, m.type) for m in described] == [
        ("island", "Velmora", "Place"),  # "the island of Velmora" itself is no second reference
        ("southern island", "Kestrel Island", "Place"),  # the last island named before it
        ("port", "Castel", "Place"),  # no place is called a city: "the city" stands for none
    ]


def test_a_place_noun_the_text_never_uses_for_a_place_stands_for_nothing(gazetteer):
    body = "Velmora counted 300 arrivals. The island said nothing; the region's ports were shut."
    ms = [mention("Velmora", body, "Place")]
    assert [m for m in within_article(ms, body, gazetteer) if m.rule == "nominal"] == []


def test_one_type_per_name_in_an_article(gazetteer):
    body = "Daily NK said so. Daily NK reported more. Daily NK added."
    ms = [
        mention("Daily NK", body, "Outlet", rule="gazetteer"),
        mention("Daily NK", body, "Organization", nth=1),
        mention("Daily NK", body, "Person", nth=2),
    ]
    result = within_article(ms, body, gazetteer)
    assert {m.type for m in result} == {"Outlet"}


# ---------------------------------------------------------------------------
# spellings and slugs
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Choson Ilbo", "Chosun Ilbo"),
        ("Jang Song-taek", "Jang Song-thaek"),
        ("Ehwa University", "Ewha University"),
        ("Park Sang-hak", "Pak Sang-hak"),
        ("Lee Byung-ho", "Lee Byung Ho"),
        ("Lee Byung-ho", "LEE BYUNG-HO"),
    ],
)
def test_spelling_variants(a, b):
    assert is_variant(a, b)
    assert is_variant(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong-un", "Kim Jong-il"),
        ("Kim Jong-un", "Kim Jong-nam"),
        ("Kim Il-sung", "Kim Jong-un"),
        ("Lee Byung-ho", "Lee Byung-ho Park"),
        ("", "Seoul"),
    ],
)
def test_different_names_are_not_variants(a, b):
    assert not is_variant(a, b)


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("Lee Byung-ho", "lee-byung-ho"),
        ("Ministry of Unification", "ministry-of-unification"),
        ("Pyŏngyang", "pyongyang"),
        ("!!!", "entity"),
        ("朝鮮", "entity"),
    ],
)
def test_slugify(label, slug):
    assert slugify(label) == slug


# ---------------------------------------------------------------------------
# across articles
# ---------------------------------------------------------------------------


def test_gazetteer_aliases_become_one_entity(gazetteer):
    a = extraction("a", Mention("Jang Song-taek", 0, 14, "Person", "Jang Song-taek"))
    b = extraction("b", Mention("Jang Song-thaek", 0, 15, "Person", "Jang Song-thaek"))
    res = resolve_corpus([a, b], gazetteer)
    assert len(res.entities) == 1
    (entity,) = res.entities.values()
    assert entity.label == "Jang Song-thaek"
    assert entity.type == "Person"
    assert {"Jang Song-taek", "Jang Song-thaek"} <= entity.aliases
    assert entity.mentions == 2
    assert res.entity("a", "Jang Song-taek") is entity
    assert res.entity("b", "Jang Song-thaek") is entity
    assert entity.key == "jang-song-thaek"


def test_unknown_spelling_variants_merge_with_the_rule_recorded(gazetteer):
    a = extraction("a", Mention("Park Sang-hak", 0, 13, "Person", "Park Sang-hak"), Mention("Park Sang-hak", 20, 33, "Person", "Park Sang-hak"))
    b = extraction("b", Mention("Pak Sang-hak", 0, 12, "Person", "Pak Sang-hak"))
    res = resolve_corpus([a, b], gazetteer)
    assert len(res.entities) == 1
    (entity,) = res.entities.values()
    assert entity.label == "Park Sang-hak"  # the most frequent spelling
    assert entity.aliases == {"Park Sang-hak", "Pak Sang-hak"}
    assert ("Pak Sang-hak", "spelling variant") in entity.merges
    assert entity.mentions == 3


def test_different_people_stay_apart(gazetteer):
    a = extraction("a", Mention("Kim Jong-un", 0, 11, "Person", "Kim Jong-un"))
    b = extraction("b", Mention("Kim Jong-il", 0, 11, "Person", "Kim Jong-il"))
    res = resolve_corpus([a, b], gazetteer)
    assert {e.label for e in res.entities.values()} == {"Kim Jong-un", "Kim Jong-il"}


def test_variants_of_different_types_stay_apart(gazetteer):
    a = extraction("a", Mention("Hamgyong Trading", 0, 16, "Organization", "Hamgyong Trading"))
    b = extraction("b", Mention("Hamgyong Tradeng", 0, 16, "Place", "Hamgyong Tradeng"))
    res = resolve_corpus([a, b], gazetteer)
    assert len(res.entities) == 2


def test_surface_forms_are_kept_and_wikidata_comes_from_the_gazetteer(gazetteer):
    body = "The DPRK said so."
    a = extraction("a", Mention("DPRK", 4, 8, "Place", "North Korea", "gazetteer"))
    b = extraction("b", Mention("North Korea", 0, 11, "Place", "North Korea", "gazetteer"))
    res = resolve_corpus([a, b], gazetteer)
    (entity,) = res.entities.values()
    assert entity.label == "North Korea"
    assert {"DPRK", "North Korea"} <= entity.aliases
    assert entity.wikidata == "Q423"
    assert ("DPRK", "gazetteer") in entity.merges
    assert body  # the surface form is the text, the name the canonical one


def test_keys_are_unique_slugs(gazetteer):
    a = extraction(
        "a",
        Mention("Georgia", 0, 7, "Place", "Georgia"),
        Mention("Lee Byung-ho", 10, 22, "Person", "Lee Byung-ho"),
        Mention("Ministry of Unification", 30, 53, "Agency", "Ministry of Unification"),
    )
    res = resolve_corpus([a], gazetteer)
    assert len(res.entities) == 3
    assert set(res.entities) == {e.key for e in res.entities.values()}


def test_unknown_name_resolves_to_nothing(gazetteer):
    res = resolve_corpus([extraction("a", Mention("Seoul", 0, 5, "Place", "Seoul"))], gazetteer)
    assert res.entity("a", "Pyongyang") is None
    assert res.entity("b", "Seoul") is None
    assert res.entity("a", None) is None
    assert res.entity("a", "Seoul").label == "Seoul"


def test_acronym_by_initials_in_the_article(gazetteer):
    body = "The Zorblat Intelligence Bureau said so. The ZIB added more."
    ms = [mention("Zorblat Intelligence Bureau", body, "Agency"), mention("ZIB", body, "Organization")]
    result = within_article(ms, body, gazetteer)
    assert [(m.name, m.type, m.rule) for m in result][1] == ("Zorblat Intelligence Bureau", "Agency", "acronym")


def test_an_acronym_may_keep_some_small_words_and_not_others(gazetteer):
    from kg.resolve import initials

    assert {"DOLE", "DLE"} <= initials("Department of Labor and Employment")
    body = "The Department of Labor and Employment said so. The DOLE added more."
    ms = [mention("Department of Labor and Employment", body, "Agency"), mention("DOLE", body, "Place")]
    result = within_article(ms, body, gazetteer)
    assert [(m.name, m.type, m.rule) for m in result][1] == ("Department of Labor and Employment", "Agency", "acronym")


def test_a_surname_typed_as_organisation_is_the_person(gazetteer):
    body = "Choi Min-seok spoke. Choi said more."
    ms = [mention("Choi Min-seok", body, "Person"), mention("Choi", body, "Organization", nth=1)]
    result = within_article(ms, body, gazetteer)
    assert (result[1].name, result[1].type) == ("Choi Min-seok", "Person")


def test_the_topic_ministry(gazetteer):
    body = "Arrivals fell, according to the fisheries ministry."
    result = within_article([], body, gazetteer)
    assert [(m.text, m.name, m.type) for m in result] == [("fisheries ministry", "Fisheries Ministry", "Agency")]


def test_acronyms_and_word_order_merge_across_articles(gazetteer):
    a = extraction(
        "a",
        Mention("Zorblat Intelligence Bureau", 0, 27, "Agency", "Zorblat Intelligence Bureau"),
        Mention("Ministry of Fisheries", 30, 51, "Agency", "Ministry of Fisheries"),
    )
    b = extraction(
        "b",
        Mention("ZIB", 0, 3, "Organization", "ZIB"),
        Mention("Fisheries Ministry", 5, 23, "Agency", "Fisheries Ministry"),
    )
    res = resolve_corpus([a, b], gazetteer)
    assert {(e.label, e.type) for e in res.entities.values()} == {
        ("Zorblat Intelligence Bureau", "Agency"),
        ("Ministry of Fisheries", "Agency"),
    }
    assert res.entity("b", "ZIB").label == "Zorblat Intelligence Bureau"
    assert ("ZIB", "acronym") in res.entity("b", "ZIB").merges
    assert ("Fisheries Ministry", "word order") in res.entity("b", "Fisheries Ministry").merges


def test_an_acronym_with_two_expansions_stays_alone(gazetteer):
    a = extraction(
        "a",
        Mention("Zorblat Intelligence Bureau", 0, 27, "Agency", "Zorblat Intelligence Bureau"),
        Mention("Zeta Ink Board", 30, 44, "Organization", "Zeta Ink Board"),
        Mention("ZIB", 50, 53, "Organization", "ZIB"),
    )
    res = resolve_corpus([a], gazetteer)
    assert res.entity("a", "ZIB").label == "ZIB"


def test_a_wire_credit_after_a_dateline_is_not_an_acronym(gazetteer):
    body = "WASHINGTON (AP) — Sanctions were imposed. AP said more would follow."
    ms = [
        mention("WASHINGTON", body, "Place", "Washington State", "gazetteer"),
        mention("AP", body, "Outlet", "Associated Press", "gazetteer"),
    ]
    result = within_article(ms, body, gazetteer)
    assert [m.name for m in result if m.text == "AP"] == ["Associated Press"]


def test_one_word_of_a_longer_name_is_that_name(gazetteer):
    body = "The Harbour Department fined Zorla Shipping Ltd. on Monday. Harbour said Zorla paid. Osaka-based Zorla agreed."
    ms = [
        mention("Harbour Department", body, "Agency"),
        mention("Zorla Shipping Ltd.", body, "Organization"),
        mention("Harbour", body, "Organization", nth=1),
        mention("Zorla", body, "Organization", nth=1),
        mention("Zorla", body, "Place", nth=2),
    ]
    result = within_article(ms, body, gazetteer)
    short = [(m.name, m.type) for m in result if m.text in ("Harbour", "Zorla")]
    assert short == [
        ("Harbour Department", "Agency"),
        ("Zorla Shipping Ltd.", "Organization"),
        ("Zorla Shipping Ltd.", "Organization"),
    ]


def test_a_word_of_two_longer_names_or_a_place_stays_alone(gazetteer):
    body = "Zorla Motor and Zorla Steel gained. Zorla fell. The Korea Hanbit Foundation met in Korea."
    ms = [
        mention("Zorla Motor", body, "Organization"),
        mention("Zorla Steel", body, "Organization"),
        mention("Zorla", body, "Organization", nth=2),
        mention("Korea Hanbit Foundation", body, "Organization"),
        mention("Korea", body, "Place", nth=1),
    ]
    result = within_article(ms, body, gazetteer)
    assert [m.name for m in result if m.text in ("Zorla", "Korea")] == ["Zorla", "Korea"]


def test_a_family_name_after_a_western_full_name_is_the_person(gazetteer):
    body = "Anna Lindqvist chairs the panel. Lindqvist told reporters."
    ms = [mention("Anna Lindqvist", body, "Person"), mention("Lindqvist", body, "Organization", nth=1)]
    result = within_article(ms, body, gazetteer)
    assert [(m.name, m.type) for m in result if m.text == "Lindqvist"] == [("Anna Lindqvist", "Person")]


def test_a_company_short_name_the_model_read_as_a_person_is_the_company(gazetteer):
    body = "Hanbit Heavy Industries swung to a profit, Hanbit said. Lee Jae-hoon, its finance chief, spoke. Lee smiled."
    ms = [
        mention("Hanbit Heavy Industries", body, "Organization"),
        mention("Hanbit", body, "Person", nth=1),
        mention("Lee Jae-hoon", body, "Person"),
        mention("Lee", body, "Person", nth=1),
    ]
    result = within_article(ms, body, gazetteer)
    hanbit = next(m for m in result if m.text == "Hanbit")
    assert (hanbit.name, hanbit.type) == ("Hanbit Heavy Industries", "Organization")
    lee = [m for m in result if m.text == "Lee"]
    assert lee and lee[0].name == "Lee Jae-hoon" and lee[0].type == "Person"


def test_a_bracketed_name_names_the_body_before_it(gazetteer):
    body = "The Banco Austral de Nerea (Reserve Bank) said so. Later the Reserve Bank added more."
    ms = [
        mention("Banco Austral de Nerea", body, "Organization"),
        mention("Reserve Bank", body, "Organization"),
        mention("Reserve Bank", body, "Organization", nth=1),
    ]
    result = within_article(ms, body, gazetteer)
    assert {m.name for m in result if m.text == "Reserve Bank"} == {"Banco Austral de Nerea"}
    assert {m.rule for m in result if m.text == "Reserve Bank"} == {"bracketed name"}


def test_a_place_before_a_bracketed_wire_is_not_the_wire(gazetteer):
    body = "OSLO (Nordpress) — Snow fell. Nordpress said more would come."
    ms = [mention("OSLO", body, "Place"), mention("Nordpress", body, "Outlet"), mention("Nordpress", body, "Outlet", nth=1)]
    result = within_article(ms, body, gazetteer)
    assert {m.name for m in result if m.text == "Nordpress"} == {"Nordpress"}


def test_a_name_in_capitals_is_the_name_in_the_text(gazetteer):
    body = "FARMING BOARD SAYS NO\n\nThe Farming Board said no on Monday."
    ms = [mention("FARMING BOARD", body, "Agency"), mention("Farming Board", body, "Agency")]
    result = within_article(ms, body, gazetteer)
    assert {m.name for m in result} == {"Farming Board"}


def test_a_generic_name_alone_is_dropped_unless_tied_to_a_body(gazetteer):
    body = "The Government wants more. The Exchange rate fell. The Pelham Stock Exchange opened; the Exchange closed."
    ms = [
        mention("Government", body, "Agency"),
        mention("Pelham Stock Exchange", body, "Organization"),
        mention("Exchange", body, "Organization", nth=2),
    ]
    result = within_article(ms, body, gazetteer)
    assert "Government" not in {m.name for m in result}
    assert [m.name for m in result if m.text == "Exchange"] == ["Pelham Stock Exchange"]


def test_ms_surname_is_the_full_name(nlp, gazetteer):
    from kg.extract import extract

    text = "Lydia Carrow told MPs the figure was too high. Ms Carrow said the plan would work."
    result = extract(nlp(text), Article(id="a", text=text, origin="t"), gazetteer).mentions
    assert {m.name for m in result if "Carrow" in m.text} == {"Lydia Carrow"}


def test_a_name_in_capitals_after_a_known_place_is_the_name_in_the_text(gazetteer):
    body = "PHOTO: SOUTH KOREA FARMING BOARD\n\nThe Farming Board said no on Monday."
    ms = [mention("SOUTH KOREA FARMING BOARD", body, "Agency"), mention("Farming Board", body, "Agency")]
    result = within_article(ms, body, gazetteer)
    assert {m.name for m in result} == {"Farming Board"}
    assert [m.rule for m in result if m.text.isupper()] == ["capitals"]


def test_capitals_after_an_unknown_word_stay_apart(gazetteer):
    body = "GRAND FARMING BOARD\n\nThe Farming Board said no on Monday."
    ms = [mention("GRAND FARMING BOARD", body, "Agency"), mention("Farming Board", body, "Agency")]
    result = within_article(ms, body, gazetteer)
    assert {m.name for m in result} == {"GRAND FARMING BOARD", "Farming Board"}


def test_initials_may_leave_out_a_country_abbreviation():
    from kg.resolve import initials

    assert "CBP" in initials("U.S. Customs and Border Protection")
    assert "UCBP" in initials("U.S. Customs and Border Protection")
    assert initials("U.S. Navy") == {"UN"}


def test_a_bare_body_noun_looks_back_only_and_skips_a_bracketed_abbreviation(gazetteer):
    body = (
        "Orders for liquefied natural gas (LNG) carriers rose, the company said. "
        "Harbour Shipbuilding Co counted 12 ships. Rates held, the company said. The Department of Ports agreed."
    )
    ms = [
        mention("LNG", body, "Organization"),
        mention("Harbour Shipbuilding Co", body, "Organization"),
        mention("Department of Ports", body, "Agency"),
    ]
    described = [(m.start, m.name) for m in within_article(ms, body, gazetteer) if m.rule == "nominal"]
    assert described == [(body.rindex("company"), "Harbour Shipbuilding Co")]


def test_a_title_with_another_name_or_another_office_is_not_the_titled_person(gazetteer):
    body = (
        "Immigration Minister Ana Velde spoke. Ostland's immigration minister, Piet Kram, disagreed. "
        "The immigration minister, Lea Moss, left."
    )
    ms = [mention("Ana Velde", body, "Person"), mention("Piet Kram", body, "Person"), mention("Lea Moss", body, "Person")]
    assert [m for m in within_article(ms, body, gazetteer) if m.rule == "title"] == []
