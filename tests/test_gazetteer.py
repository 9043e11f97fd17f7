"""kg.gazetteer: loading, lookup, and errors that name file and line."""

from __future__ import annotations

import json

import pytest

from kg.errors import GazetteerError
from kg.gazetteer import DEFAULT_GAZETTEER, Gazetteer, GazetteerEntry, fold, load_gazetteer
from kg.records import ENTITY_TYPES


def write(tmp, *lines: str):
    path = tmp / "gaz.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps({"name": "Ministry of Unification", "type": "Agency", "aliases": ["Unification Ministry", "MOU"]})


def test_bundled_gazetteer_is_well_formed(gazetteer):
    assert DEFAULT_GAZETTEER.exists()
    assert len(gazetteer.entries) > 50
    assert {e.type for e in gazetteer.entries} <= set(ENTITY_TYPES)
    for entry in gazetteer.entries:
        assert entry.wikidata is None or (entry.wikidata.startswith("Q") and entry.wikidata[1:].isdigit())


@pytest.mark.parametrize(
    ("form", "name", "kind"),
    [
        ("Ministry of Unification", "Ministry of Unification", "Agency"),
        ("Unification Ministry", "Ministry of Unification", "Agency"),
        ("the Unification Ministry", "Ministry of Unification", "Agency"),
        ("unification ministry", "Ministry of Unification", "Agency"),
        ("NIS", "National Intelligence Service", "Agency"),
        ("Yonhap", "Yonhap News Agency", "Outlet"),
        ("Jang Song-taek", "Jang Song-thaek", "Person"),
        ("Choson Ilbo", "Chosun Ilbo", "Outlet"),
        ("DPRK", "North Korea", "Place"),
        ("Democratic People’s Republic of Korea", "North Korea", "Place"),
        ("Democratic People's Republic of Korea", "North Korea", "Place"),
    ],
)
def test_bundled_lookup(gazetteer, form, name, kind):
    entry = gazetteer.lookup(form)
    assert entry is not None
    assert (entry.name, entry.type) == (name, kind)


@pytest.mark.parametrize(
    ("form", "name"),
    [
        ("dpa", "Deutsche Presse-Agentur"),
        ("Press Trust of India", "Press Trust of India"),
        ("ITAR-TASS", "TASS"),
        ("Anadolu Agency", "Anadolu Agency"),
        ("The Guardian", "Guardian"),
        ("Der Spiegel", "Der Spiegel"),
        ("Al-Jazeera", "Al Jazeera"),
        ("Folha de Sao Paulo", "Folha de S.Paulo"),
        ("Sydney Morning Herald", "Sydney Morning Herald"),
        ("Daily Nation", "Daily Nation"),
    ],
)
def test_news_agencies_and_outlets_of_every_continent(gazetteer, form, name):
    entry = gazetteer.lookup(form)
    assert (entry.name, entry.type) == (name, "Outlet")


def test_a_pollster_that_shares_a_town_s_name_is_the_firm(nlp, gazetteer):
    """'Gallup' is also a town GeoNames knows; in 'a Gallup poll' it is the polling firm."""
    assert (gazetteer.lookup("Gallup").type, gazetteer.lookup("Pew Research").name) == ("Organization", "Pew Research Center")
    doc = nlp("Most voters back the plan, according to a Gallup poll released on Tuesday.")
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Gallup"] == [("Gallup", "Organization")]


@pytest.mark.parametrize(
    ("form", "name"),
    [
        ("German Bundestag", "Bundestag"),
        ("Duma", "State Duma"),
        ("Knesset", "Knesset"),
        ("CBP", "U.S. Customs and Border Protection"),
        ("Border Patrol", "United States Border Patrol"),
        ("ONS", "Office for National Statistics"),
        ("BAMF", "Federal Office for Migration and Refugees"),
        ("Frontex", "Frontex"),
        ("Japan Coast Guard", "Japan Coast Guard"),
    ],
)
def test_parliaments_and_state_bodies_of_many_countries_are_agencies(gazetteer, form, name):
    entry = gazetteer.lookup(form)
    assert (entry.name, entry.type) == (name, "Agency")


def test_no_form_is_listed_twice(gazetteer):
    forms = [form.casefold() for entry in gazetteer.entries for form in entry.forms]
    assert len(forms) == len(set(forms)), [f for f in set(forms) if forms.count(f) > 1]
    qids = [entry.wikidata for entry in gazetteer.entries if entry.wikidata]
    assert len(qids) == len(set(qids))


def test_short_forms_match_only_as_written(gazetteer):
    assert gazetteer.lookup("NIS") is not None
    assert gazetteer.lookup("nis") is None
    assert gazetteer.lookup("Nobody Atall") is None


def test_by_name_only_takes_canonical_names(gazetteer):
    assert gazetteer.by_name("Ministry of Unification").name == "Ministry of Unification"
    assert gazetteer.by_name("Unification Ministry") is None


def test_fold():
    assert fold("Kim  Jong‐un’s") == "kim jong-un's"
    assert fold("Choson\tIlbo") == "choson ilbo"


def test_load_custom_file(tmp):
    gaz = load_gazetteer(write(tmp, GOOD, "", json.dumps({"name": "Seoul", "type": "Place", "wikidata": "Q8684"})))
    assert [e.name for e in gaz.entries] == ["Ministry of Unification", "Seoul"]
    assert gaz.lookup("MOU").name == "Ministry of Unification"
    assert gaz.lookup("Seoul").wikidata == "Q8684"
    assert gaz.entries[0].forms == ("Ministry of Unification", "Unification Ministry", "MOU")


def test_first_entry_wins_a_shared_form():
    gaz = Gazetteer()
    gaz.add(GazetteerEntry("Korea Times", "Outlet", ("Times",)))
    gaz.add(GazetteerEntry("New York Times", "Outlet", ("Times",)))
    assert gaz.lookup("Times").name == "Korea Times"


def test_missing_custom_file(tmp):
    with pytest.raises(GazetteerError, match=r"nope\.jsonl: no such gazetteer file"):
        load_gazetteer(tmp / "nope.jsonl")


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([GOOD, "{not json"], r"gaz\.jsonl:2: invalid JSON \("),
        ([GOOD, "", json.dumps({"type": "Place"})], r"gaz\.jsonl:3: an entry needs a 'name'"),
        (["[1, 2]"], r"gaz\.jsonl:1: an entry needs a 'name'"),
        ([json.dumps({"name": "X", "type": "Country"})], r"gaz\.jsonl:1: type must be one of Person, Agency, Outlet, Organization, Place"),
        ([json.dumps({"name": "X", "type": "Place", "aliases": "Y"})], r"gaz\.jsonl:1: 'aliases' must be a list of strings"),
        ([json.dumps({"name": "X", "type": "Place", "aliases": ["Y", 3]})], r"gaz\.jsonl:1: 'aliases' must be a list of strings"),
        ([json.dumps({"name": "X", "type": "Place", "wikidata": "P31"})], r"gaz\.jsonl:1: 'wikidata' must be a Q-id or null, not 'P31'"),
        ([json.dumps({"name": "X", "type": "Place", "wikidata": 42})], r"gaz\.jsonl:1: 'wikidata' must be a Q-id or null, not 42"),
    ],
)
def test_malformed_gazetteer_names_file_and_line(tmp, lines, message):
    with pytest.raises(GazetteerError, match=message):
        load_gazetteer(write(tmp, *lines))


def test_undecodable_gazetteer_is_a_gazetteer_error(tmp):
    path = tmp / "latin1.jsonl"
    path.write_bytes(b'{"name": "Caf\xe9", "type": "Place"}\n')
    with pytest.raises(GazetteerError, match=r"latin1\.jsonl: not UTF-8 \(byte 13\)"):
        load_gazetteer(path)


# ---------------------------------------------------------------------------
# US states and their AP dateline abbreviations
# ---------------------------------------------------------------------------

US_STATES = (
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho "
    "Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota "
    "Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah "
    "Vermont Virginia Wisconsin Wyoming"
).split() + [
    "New Hampshire", "New Jersey", "New Mexico", "New York State", "North Carolina", "North Dakota",
    "Rhode Island", "South Carolina", "South Dakota", "Washington State", "West Virginia",
]  # fmt: skip


def test_all_fifty_states_and_dc_are_places_with_a_qid(gazetteer):
    assert len(US_STATES) == 50
    for name in [*US_STATES, "Washington, D.C."]:
        entry = gazetteer.by_name(name)
        assert entry is not None, name
        assert entry.type == "Place" and entry.wikidata, name
    assert len({gazetteer.by_name(name).wikidata for name in US_STATES}) == 50


@pytest.mark.parametrize(
    ("form", "name"),
    [
        ("Wash.", "Washington State"),
        ("Washington", "Washington State"),
        ("Calif.", "California"),
        ("Ga.", "Georgia"),
        ("N.Y.", "New York State"),
        ("Miss.", "Mississippi"),
        ("W.Va.", "West Virginia"),
        ("District of Columbia", "Washington, D.C."),
        ("D.C.", "Washington, D.C."),
    ],
)
def test_state_abbreviations(gazetteer, form, name):
    assert gazetteer.lookup(form).name == name


@pytest.mark.parametrize("form", ["Miss", "La", "Pa", "Del", "IN", "OR", "ME", "Mass.", "Ind.", "Kan."])
def test_no_postal_codes_or_bare_or_risky_abbreviations(gazetteer, form):
    assert gazetteer.lookup(form) is None


def places(doc):
    return [(e.text, e.id_) for e in doc.ents if e.label_ == "Place"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("SPOKANE, Wash. — The council met.", ("Wash.", "Washington State")),
        ("FRESNO, Calif. (AP) — Farmers protested.", ("Calif.", "California")),
        ("He said the Miss. vote and Ga. results came in.", ("Miss.", "Mississippi")),
        ("MONTPELIER, Vt. — The governor spoke.", ("Vt", "Vermont")),
    ],
)
def test_dateline_abbreviation_gives_the_state(nlp, text, found):
    assert found in places(nlp(text))


@pytest.mark.parametrize(
    "text", ["Miss Kim said she left in 2010.", "They flew to La Paz.", "Del Monte said sales rose.", "Pa said no."]
)
def test_a_word_without_the_full_stop_is_no_state(nlp, text):
    assert not [place for place in places(nlp(text)) if place[1] in {*US_STATES, "Washington, D.C."}]
