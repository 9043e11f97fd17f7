"""kg.geo: places linked offline to GeoNames with the article's context; abstaining when candidates are close;
links.json, `kg entities --links`, curation overrides, and the place triples passing kg's shapes."""

from __future__ import annotations

import json

import pytest

from kg.build import build
from kg.cli import app
from kg.curation import load_curation
from kg.errors import CurationError
from kg.geo import Context, choose, load_geodata, within
from kg.link import LINKS_FILE
from kg.store import GraphStore
from kg.validate import validate

KOCHI_INDIA, KOCHI_JAPAN = 1273874, 1859146


@pytest.fixture(scope="module")
def data():
    return load_geodata()


def test_a_country_name_is_the_country_not_a_city_that_has_it_as_an_alternate_name(data):
    link = choose(["Mexico"], Context(), data)
    assert (link.kind, link.name) == ("country", "Mexico")
    assert link.latitude is not None and link.country is None


def test_a_city_gets_coordinates_and_its_country(data):
    link = choose(["Pyongyang"], Context(), data)
    assert (link.kind, link.country_name) == ("city", "North Korea")
    assert 38 < link.latitude < 40 and 125 < link.longitude < 127


def test_close_candidates_abstain(data):
    link = choose(["Springfield"], Context(), data)
    assert link.geonames is None
    assert link.rule.startswith("no link:") and "too close" in link.rule


def test_context_picks_the_springfield_of_the_state_the_article_names(data):
    illinois = choose(["Springfield"], Context(subdivisions={("US", "IL")}), data)
    missouri = choose(["Springfield"], Context(subdivisions={("US", "MO")}), data)
    assert illinois.geonames and missouri.geonames and illinois.geonames != missouri.geonames
    assert "its province/state is named" in illinois.rule
    assert 39 < illinois.latitude < 40.5 and 37 < missouri.latitude < 37.5


def test_a_country_named_in_the_article_moves_the_choice(data):
    context = Context()
    context.countries["JP"] += 1
    context.nearby.add("JP")
    assert choose(["Kochi"], Context(), data).geonames is None  # India's and Japan's are close
    assert choose(["Kochi"], context, data).country_name == "Japan"


def test_two_countries_sharing_a_short_name_abstain(data):
    assert choose(["Congo"], Context(), data).geonames is None


def test_a_form_naming_a_province_chooses_the_province(data):
    assert choose(["Jilin"], Context(), data).kind == "city"
    assert choose(["Jilin", "Jilin Province"], Context(), data).kind == "subdivision"


def test_rivers_and_zones_are_not_linked_to_cities_named_like_them(data):
    link = choose(["Tumen River", "Tumen"], Context(), data)
    assert link.geonames is None and "natural feature" in link.rule


ARTICLE = (
    "KOCHI, India — Tourism in Kerala grew by 12 percent last year, the state's tourism minister Anand Varkey "
    "said on Monday. Hotels in Kochi reported 40,000 more guests than a year earlier, while visitors to "
    "Springfield stayed away."
)


@pytest.fixture(scope="module")
def place_build(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("geo")
    source = folder / "a.jsonl"
    source.write_text(json.dumps({"text": ARTICLE, "title": "Kerala tourism", "published": "2024-02-05"}) + "\n")
    build([source], folder / "out", nlp=nlp, page=False)
    return folder / "out", source


def _links(folder):
    record = json.loads((folder / LINKS_FILE).read_text(encoding="utf-8"))
    return {e["label"].casefold(): e for e in record["entities"] if e["type"] == "Place"}


def test_a_build_links_places_with_the_rule_in_links_json(place_build):
    links = _links(place_build[0])
    assert links["kochi"]["geonames"] == f"https://sws.geonames.org/{KOCHI_INDIA}/"
    assert links["kochi"]["country_name"] == "India"
    assert "the article names IN" in links["kochi"]["geonames_rule"]
    assert links["india"]["kind"] == "country"


def test_place_triples_are_in_the_graph_and_conform_to_the_shapes(place_build):
    store = GraphStore.open(place_build[0])
    _, rows = store.rows(
        """PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX schema: <https://schema.org/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?gn ?lat ?lon ?country WHERE { ?e owl:sameAs ?gn ; schema:geo [ schema:latitude ?lat ; schema:longitude ?lon ] ;
          schema:containedInPlace [ rdfs:label ?country ] }""",
        {"gn": f"https://sws.geonames.org/{KOCHI_INDIA}/"},
    )
    assert len(rows) == 1
    _, lat, lon, country = rows[0]
    assert 9 < lat < 11 and 75 < lon < 77 and country == "India"
    assert validate(store.dataset()).conforms


def test_entities_links_shows_each_rule(place_build, runner, monkeypatch):
    import kg.cli

    monkeypatch.setattr(kg.cli.out, "width", 400)
    result = runner.invoke(app, ["entities", str(place_build[0]), "--links", "--type", "Place"])
    assert result.exit_code == 0, result.output
    kochi = next(line for line in result.stdout.splitlines() if "│ kochi" in line.casefold())
    assert str(KOCHI_INDIA) in kochi and "India" in kochi and "the article names IN" in kochi


def test_entities_links_without_a_link_record_fails_in_one_line(place_build, runner, tmp):
    import shutil

    copy = tmp / "copy"
    shutil.copytree(place_build[0], copy)
    (copy / LINKS_FILE).unlink()
    result = runner.invoke(app, ["entities", str(copy), "--links"])
    assert result.exit_code == 1
    assert "links.json: no link record here" in result.stderr


def test_curation_overrides_and_removes_links(place_build, nlp, tmp):
    curation = tmp / "fix.jsonl"
    curation.write_text(
        json.dumps({"link": "Kochi", "geonames": KOCHI_JAPAN, "wikidata": "Q123"}) + "\n"
        + json.dumps({"link": "India", "geonames": None}) + "\n"
    )
    build([place_build[1]], tmp / "out", nlp=nlp, page=False, curation_path=curation)
    links = _links(tmp / "out")
    assert links["kochi"]["geonames"] == f"https://sws.geonames.org/{KOCHI_JAPAN}/"
    assert links["kochi"]["country_name"] == "Japan"
    assert links["kochi"]["wikidata"] == "Q123" and links["kochi"]["wikidata_rule"].startswith("curation")
    assert "geonames" not in links["india"] and links["india"]["geonames_rule"].startswith("no link: curation")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"link": "Kochi"}, r"'link' needs 'geonames' or 'wikidata'"),
        ({"link": "Kochi", "geonames": "123"}, r"'geonames' must be a GeoNames id"),
        ({"link": "Kochi", "wikidata": "X1"}, r"'wikidata' must be a Q-id or null"),
    ],
)
def test_malformed_link_actions_name_file_and_line(tmp, line, message):
    path = tmp / "bad.jsonl"
    path.write_text(json.dumps(line) + "\n")
    with pytest.raises(CurationError, match=rf"bad\.jsonl:1: {message}"):
        load_curation(path)


def test_the_department_of_a_name_is_the_subdivision_not_its_city(data):
    context = Context(hint="subdivision")
    context.countries["GT"] += 1
    assert choose(["San Marcos"], context, data).kind == "subdivision"
    context.hint = None
    assert choose(["San Marcos"], context, data).kind == "city"


def test_a_city_known_only_by_an_alternate_name_needs_the_article_to_point_to_it(data):
    link = choose(["Khasan"], Context(), data)  # an alternate name of Hassan, India; also a Russian border village
    assert link.geonames is None and "only as an alternate name" in link.rule
    context = Context()
    context.countries["IN"] += 1
    assert choose(["Khasan"], context, data).country_name == "India"


@pytest.mark.parametrize(
    ("forms", "country", "admin1"),
    [(["North Pyongan Province"], "KP", "11"), (["South Jeolla Province"], "KR", "16"), (["Ryanggang Province"], "KP", "13")],
)
def test_korean_provinces_match_across_romanisations(data, forms, country, admin1):
    link = choose(forms, Context(), data)
    assert link.kind == "subdivision" and data.subdivisions[(country, admin1)].geonames == link.geonames


def test_a_korean_province_of_both_koreas_needs_context(data):
    assert choose(["Kangwon"], Context(), data).geonames is None
    context = Context()
    context.countries["KP"] += 1
    assert choose(["Kangwon"], context, data).country_name == "North Korea"


HEMMINGFORD, SASABE, SONORA = 5973741, 4019722, "26"
COOK_COUNTY_ILLINOIS, DR_CONGO = 4888671, 203312


def test_a_town_beyond_the_main_data_links_only_when_the_article_points_to_its_country(data):
    alone = choose(["Hemmingford"], Context(), data)
    assert alone.geonames is None and "a town of 808 people and the article does not point to CA" in alone.rule
    context = Context()
    context.countries["CA"] += 1
    link = choose(["Hemmingford"], context, data)
    assert (link.geonames, link.kind, link.country_name) == (HEMMINGFORD, "city", "Canada")
    assert 44 < link.latitude < 46 and -75 < link.longitude < -72 and link.rule.startswith("a town of 808 people")


def test_a_town_must_lie_where_the_text_after_its_comma_places_it(data):
    context = Context(qualifiers=["Ariz."], placed_in={("US", "AZ")})  # "near Sasabe, Ariz.": not Mexico's Sásabe
    context.countries["MX"] += 1
    link = choose(["Sasabe"], context, data)
    assert link.geonames is None and "'Ariz.'" in link.rule
    unread = Context(qualifiers=["Az."])  # an abbreviation kg cannot read places no town either
    unread.countries["MX"] += 1
    assert choose(["Sasabe"], unread, data).geonames is None
    sonora = Context(qualifiers=["Sonora"], placed_in={("MX", SONORA)})
    assert choose(["Sasabe"], sonora, data).geonames == SASABE


def test_two_towns_of_one_name_abstain_until_the_province_is_named(data):
    context = Context()
    context.countries["PH"] += 1
    link = choose(["Upi"], context, data)
    assert link.geonames is None and "too close" in link.rule
    context.subdivisions.add(("PH", "14"))
    chosen = choose(["Upi"], context, data)
    assert chosen.country_name == "Philippines" and "its province/state is named" in chosen.rule
    assert data.record(chosen.geonames).admin1 == "14"


def test_a_second_level_division_links_with_coordinates_among_its_towns(data):
    context = Context()
    context.countries["US"] += 1
    assert "too close" in choose(["Cook County"], context, data).rule  # Illinois', Georgia's, Minnesota's
    context.subdivisions.add(("US", "IL"))
    link = choose(["Cook County"], context, data)
    assert (link.geonames, link.kind) == (COOK_COUNTY_ILLINOIS, "subdivision")
    assert 41 < link.latitude < 42.5 and -88.5 < link.longitude < -87 and "second-level division" in link.rule


def test_a_country_acronym_counts_only_in_capitals_and_never_as_an_iso_code(data):
    assert choose(["DRC"], Context(), data).geonames == DR_CONGO
    assert choose(["Drc"], Context(), data).geonames is None
    assert choose(["CAN"], Context(), data).geonames != data.countries["CA"].geonames


def test_a_country_named_by_another_entity_settles_a_shared_name(data):
    context = Context()
    context.countries["CD"] += 1  # the article also names the DRC
    link = choose(["Congo"], context, data)
    assert link.geonames == DR_CONGO and "the article names CD otherwise" in link.rule


BORDER_ARTICLE = (
    "Border report, with reporting from both sides of the line, a map of the crossings and a timeline\n"
    "Staff, PARIS and LONDON\n"
    "MONTREAL -- Asylum seekers walked into Canada near Hemmingford, Quebec, on Tuesday, officers said. Further south, "
    "agents met a group of 40 people near Sasabe, Ariz., after a night in the desert. Mexico sent more police "
    "to the border."
)


@pytest.fixture(scope="module")
def border_build(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("border")
    source = folder / "a.jsonl"
    source.write_text(json.dumps({"text": BORDER_ARTICLE, "title": "Crossings", "published": "2024-02-05"}) + "\n")
    build([source], folder / "out", nlp=nlp, page=False)
    return _links(folder / "out")


def test_a_dateline_or_a_byline_in_capitals_is_a_place(border_build):
    assert border_build["montreal"]["country_name"] == "Canada"
    assert border_build["london"]["country_name"] == "United Kingdom"


def test_a_place_is_placed_by_what_follows_its_comma(border_build):
    assert border_build["hemmingford"]["geonames"] == f"https://sws.geonames.org/{HEMMINGFORD}/"
    assert "its province/state is named" in border_build["hemmingford"]["geonames_rule"]
    assert "geonames" not in border_build["sasabe"] and "'Ariz.'" in border_build["sasabe"]["geonames_rule"]


def test_a_name_the_text_calls_an_island_is_not_the_town_of_that_name(data):
    context = Context(feature="island")
    context.countries["CA"] += 1
    link = choose(["Hemmingford"], context, data)
    assert link.geonames is None and "the text calls it an island" in link.rule
    context.feature = None
    assert choose(["Hemmingford"], context, data).geonames == HEMMINGFORD


def test_a_region_only_a_city_is_named_after_is_not_the_city(data):
    context = Context(hint="subdivision")  # "the region of Kursk": the oblast, not the city
    context.countries["RU"] += 1
    link = choose(["Kursk"], context, data)
    assert link.geonames is None and "only Kursk (city, RU) bears this name" in link.rule
    context.hint = None
    assert choose(["Kursk"], context, data).kind == "city"


def test_a_name_in_capitals_in_running_text_is_only_a_country_acronym(data):
    shouted = Context(capitals=2)  # "the DOLE's overseas agency": an acronym, not Dole, France
    link = choose(["DOLE"], shouted, data)
    assert link.geonames is None and "like an acronym" in link.rule
    assert choose(["DRC"], shouted, data).geonames == DR_CONGO
    assert choose(["DOLE"], Context(), data).name == "Dole"  # a dateline ("DOLE, France --") is a place


@pytest.mark.parametrize(("qualifier", "placed"), [("Dec.", False), ("Sept.", False), ("Ariz.", True), ("Wash.", True)])
def test_a_dateline_date_after_the_comma_is_not_a_place(qualifier, placed):
    from kg.geo import _qualify

    context = Context()
    _qualify(context, qualifier, lambda name: None)
    assert bool(context.qualifiers) is placed


def _pointing_to(*countries: str) -> Context:
    context = Context()
    for country in countries:
        context.countries[country] += 1
    return context


def test_a_city_geonames_names_with_its_province_after_a_comma_is_found_by_its_own_name(data):
    link = choose(["Mianzhu"], _pointing_to("CN"), data)  # GeoNames: "Mianzhu, Deyang, Sichuan"
    record = data.record(link.geonames)
    assert link.name.startswith("Mianzhu,") and link.country_name == "China"
    assert (record.country, record.admin1) == ("CN", "32") and data.subdivisions[("CN", "32")].name == "Sichuan Sheng"
    assert 30 < link.latitude < 33 and 103 < link.longitude < 106
    assert "deyang" not in data.heads  # only the head of such a name is indexed


def test_a_subdivision_without_a_city_of_15000_people_needs_the_article_and_gets_its_towns_coordinates(data):
    alone = choose(["St Martin"], Context(), data)  # a parish of Guernsey, and an island in Bangladesh
    assert alone.geonames is None and "without a city of 15,000 people" in alone.rule
    link = choose(["St Martin"], _pointing_to("GG"), data)
    assert link.kind == "subdivision" and link.country_name == "Guernsey"
    assert 49.3 < link.latitude < 49.6 and -2.8 < link.longitude < -2.4
    island = Context(feature="island")
    island.countries["GG"] += 1
    assert choose(["St Martin"], island, data).geonames is None
    district = choose(["Nowon District"], _pointing_to("KR"), data)  # a district of Seoul without towns of its own
    assert district.kind == "subdivision" and district.latitude is None  # not placed at the mean of Seoul's towns


def test_a_port_written_in_english_is_found_under_its_own_language_name(data):
    assert choose(["Port Empedocle"], Context(), data).geonames is None  # an alternate spelling needs the article
    link = choose(["Port Empedocle"], _pointing_to("IT"), data)
    assert (link.name, link.country_name) == ("Porto Empedocle", "Italy")
    assert 37 < link.latitude < 37.5 and 13.3 < link.longitude < 13.7


def test_a_much_bigger_country_known_by_a_name_as_an_alternate_still_competes(data):
    assert choose(["Holland"], Context(), data).geonames == data.countries["NL"].geonames  # also a town in Michigan
    assert choose(["Holland"], _pointing_to("US"), data).geonames == data.countries["NL"].geonames
    assert choose(["Salvador"], Context(), data).country_name == "Brazil"  # El Salvador is not 100 times bigger
    assert choose(["Pekin"], Context(), data).country_name == "United States"  # cities: the own name still wins


def test_even_a_big_city_needs_the_article_to_link_by_an_alternate_name(data):
    assert choose(["Wei"], Context(), data).geonames is None  # a surname, and an alternate name of Weifang
    assert choose(["Peking"], Context(), data).geonames is None
    assert choose(["Peking"], _pointing_to("CN"), data).name == "Beijing"


@pytest.mark.parametrize(
    ("form", "code"), [("Cote d'Ivoire", "CI"), ("Swaziland", "SZ"), ("Cabo Verde", "CV"), ("Cape Verde", "CV")]
)
def test_countries_link_by_their_iso_names_and_without_accents(data, form, code):
    assert choose([form], Context(), data).geonames == data.countries[code].geonames


def test_a_country_without_coordinates_in_countryinfo_is_placed_among_its_cities(data):
    kosovo = choose(["Kosovo"], Context(), data)
    assert kosovo.kind == "country" and 41.8 < kosovo.latitude < 43.3 and 20 < kosovo.longitude < 21.8


def test_a_compass_word_links_only_in_an_article_pointing_to_the_country_of_the_region(data):
    for form in ("the South", "the North", "Southwest"):  # Cameroon's regions, and what a Korean article calls the Koreas
        link = choose([form], Context(), data)
        assert link.geonames is None and "a compass word" in link.rule
    assert choose(["Southwest"], _pointing_to("CM"), data).name == "South-West"
    assert choose(["South Korea", "South"], Context(), data).geonames == data.countries["KR"].geonames


@pytest.mark.parametrize(
    ("inner", "outer", "inside"),
    [
        ("Shenzhen", "Guangdong Province", True),  # a city in its province
        ("Douala", "Cameroon", True),  # a city in its country
        ("Guangdong", "China", True),  # a province in its country
        ("Gyeonggi Province", "South Korea", True),  # a Korean province by its English name
        ("Port Empedocle", "Sicily", True),  # an English "Port X" in its own language
        ("China", "Shanghai", False),  # not the other way round
        ("Shenzhen", "Sichuan", False),  # another province of the same country
        ("Osaka", "South Korea", False),
        ("Nowhereville", "China", False),  # a name the data do not know
    ],
)
def test_within_reads_what_contains_what_from_the_offline_data(inner, outer, inside):
    assert within(inner, outer) is inside
