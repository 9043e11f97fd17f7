"""kg.nlp.entity_spans: where names start and end, and what is no name (sentences written for these tests)."""

from __future__ import annotations

import pytest

from kg.nlp import load_settings


def ents(nlp, text: str) -> dict[str, str]:
    """The entities the full pipeline finds: text → kg type."""
    return {e.text: e.label_ for e in nlp(text).ents}


def test_component_runs_before_the_typer(nlp):
    names = nlp.pipe_names
    assert names.index("kg_entity_spans") < names.index("kg_entity_typer")
    assert "kg_entity_spans" in load_settings()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Boats crossed the Dorva river before dawn, the police said.", "Dorva river"),
        ("Fighting spread across Myanmar's Kalindra state last week.", "Kalindra state"),
        ("About 900 people stayed in the Bellamora reception centre on Tuesday.", "Bellamora reception centre"),
        ("The quake hit Wendong county on Monday.", "Wendong county"),
    ],
)
def test_a_lower_case_place_head_belongs_to_the_name(nlp, text, name):
    found = ents(nlp, text)
    assert name in found, found
    assert name.split()[0] not in found


def test_a_hyphen_joined_border_is_one_place(nlp):
    found = ents(nlp, "Crossings along the U.S.-Mexico border fell sharply in May.")
    assert found.get("U.S.-Mexico border") == "Place", found


def test_a_name_stops_at_a_glued_bracket(nlp):
    doc = nlp('[Clip] Park Dong-sun(Spokesperson, Unification Ministry) : "We will look into it."')
    texts = [e.text for e in doc.ents]
    assert "Park Dong-sun" in texts, texts
    assert not any("(" in t or "Spokesperson" in t for t in texts), texts


def test_an_acronym_in_brackets_is_cut_off_and_names_the_body(nlp, gazetteer):
    from kg.extract import extract
    from kg.records import Article

    text = "The Federal Office for Rail Safety (BFE) said 40 trains were late. The BFE blamed the snow."
    doc = nlp(text)
    assert "Federal Office for Rail Safety" in [e.text for e in doc.ents]
    assert not any("(" in e.text for e in doc.ents)
    mentions = extract(doc, Article(id="a", text=text, origin="t"), gazetteer).mentions
    assert {m.name for m in mentions if m.text == "BFE"} == {"Federal Office for Rail Safety"}


def test_a_name_cut_before_and_runs_on(nlp):
    found = ents(nlp, "The figures came from the Ministry of Labor and Manpower, an official said.")
    assert "Ministry of Labor and Manpower" in found, found


def test_a_body_of_a_name_across_a_line_break_is_one_name(nlp):
    found = ents(nlp, "Exports rose, an official of the General Administration of\nCustoms said on Thursday.")
    assert "General Administration of\nCustoms" in found, found


def test_a_possessive_between_two_names_makes_two(nlp):
    found = ents(nlp, "At Lumbini’s Gautama Buddha International Airport, hundreds of workers waited.")
    assert "Gautama Buddha International Airport" in found, found
    assert not any("’s" in t for t in found), found


def test_a_possessive_inside_a_place_name_stays(nlp):
    found = ents(nlp, "Refugees reached camps near Cox's Bazar on Sunday.")
    assert not any(t in ("Cox", "Bazar") for t in found), found


def test_photo_credits_are_a_photographer_and_an_outlet(nlp):
    found = ents(nlp, "Migrants landed on the beach on Monday (Harold Wiggins/PA)\n\nMore boats came.")
    assert found.get("Harold Wiggins") == "Person", found
    assert found.get("PA") == "Outlet", found
    found = ents(nlp, "The new premier waves to supporters. (AP Photo/Sokha Vann)\n\nThe vote was held.")
    assert found.get("Sokha Vann") == "Person", found
    found = ents(nlp, "The assembly voted on Friday. (Photo: Anurak Somboon)\n\nThe vote was close.")
    assert found.get("Anurak Somboon") == "Person", found


def test_a_byline_of_several_people_and_an_outlet(nlp):
    text = "Crossings rose.\n\nBy reporter Tom Ashby, Lena Marsh and Ivo Pratt Press Association\nPublished\n\nThe rest."
    found = ents(nlp, text)
    assert {found.get(n) for n in ("Tom Ashby", "Lena Marsh", "Ivo Pratt")} == {"Person"}, found
    assert found.get("Press Association") == "Outlet", found
    assert not any(" and " in t for t in found), found


@pytest.mark.parametrize(
    ("text", "noise"),
    [
        ("Visits stopped during the COVID-19 pandemic, the group said.", "COVID-19"),
        ("The shock was felt at 3:14 (0714 GMT) on Monday.", "GMT"),
        ("Soldiers stand guard at the border. File Photo by Dana Reyes/UPI", "File Photo"),
        ("The annual Falkland Human Rights Report was released on Tuesday.", "Falkland Human Rights Report"),
    ],
)
def test_what_is_no_name_is_dropped(nlp, text, noise):
    assert noise not in ents(nlp, text)


def test_a_portfolio_before_a_title_is_no_entity(nlp):
    found = ents(nlp, "The decision suits us well, Home Affairs Minister Ravi Nathan was quoted as saying.")
    assert "Home Affairs" not in found and "Home" not in found, found
    assert found.get("Ravi Nathan") == "Person", found


def test_a_people_the_model_also_reads_as_an_organisation_is_dropped(nlp):
    text = (
        "More than 9,000 Rohingya fled on Monday. The Rohingya are a stateless minority. "
        "Rohingyas said soldiers burned their homes."
    )
    found = ents(nlp, text)
    assert "Rohingya" not in found and "Rohingyas" not in found, found


def test_a_country_beside_its_adjective_is_kept(nlp):
    found = ents(nlp, "A storm hit a southern Philippine province. Rescuers searched the southern Philippines.")
    assert found.get("Philippines") == "Place", found


def test_a_headline_verb_is_not_part_of_a_name(nlp):
    found = ents(nlp, "Sok Vanna Appointed as New Prime Minister\n\nThe assembly voted on Monday.")
    assert "Sok Vanna Appointed" not in found, found


def test_a_county_counted_with_a_is_no_place_name(nlp):
    found = ents(nlp, "Officials in a Nebraska county said the count was wrong.")
    assert "Nebraska county" not in found, found


def test_places_in_brackets_with_a_slash_are_no_credit(nlp):
    found = ents(nlp, "Trade along the frontier (North Korea/China) grew by 4 percent in May.")
    assert found.get("North Korea") != "Person", found


def test_an_organisation_runs_back_over_words_and_and(nlp):
    found = ents(nlp, "The acting head of U.S. Fisheries and Wildlife Protection confirmed a sharp decline on Monday.")
    assert "U.S. Fisheries and Wildlife Protection" in found, found


def test_an_organisation_runs_back_over_a_head_and_of_the(nlp):
    found = ents(nlp, "On Wednesday the US Department of the Treasury put the owner of one ship on a list.")
    assert "US Department of the Treasury" in found, found


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("More than 4,000 people have crossed into the province since Aug 25, officials said.", "Aug 25"),
        ("Police arrested 14 people in the valley on 9 October, the governor said.", "9 October"),
    ],
)
def test_a_day_beside_its_month_is_one_date(nlp, text, date):
    assert ents(nlp, text).get(date) == "DATE"

