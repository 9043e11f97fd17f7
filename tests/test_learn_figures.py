"""kg.learn.figures: candidates for a figure's period, place and source, the packaged rankers' choices, and
training them from a gold folder."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kg.errors import LearnedModelError
from kg.extract import extract
from kg.learn import Choices, LinearModel, load_choices, train
from kg.learn.figures import Candidates, best, choose_figures, implied_places, named_countries
from kg.records import Article


def _article(text: str, published: date, title: str = "") -> Article:
    return Article(id="t", text=text, origin="test", title=title, published=published, outlet="Example Times")


def _figures(nlp, gazetteer, text: str, published: date, title: str = "", choices: Choices | None = None) -> dict:
    extraction = extract(nlp(text), _article(text, published, title), gazetteer, choices=choices)
    return {f.value: f for f in extraction.figures}


def test_candidates_join_the_features_of_one_value_and_mark_the_rules_choice():
    found = Candidates()
    found.add(None, {"kind=none": 1.0})
    found.add("Chile", {"kind=sentence": 1.0, "dist=1": 1.0})
    found.add("Chile", {"kind=paragraph": 1.0, "dist=1": 0.0})
    candidates = dict(found.finish("Chile"))
    assert set(candidates) == {None, "Chile"}
    assert candidates["Chile"] == {"kind=sentence": 1.0, "kind=paragraph": 1.0, "dist=1": 1.0, "rule_agrees": 1.0, "bias": 1.0}
    assert "rule_agrees" not in candidates[None]


def test_the_ranker_takes_the_best_scored_candidate_and_the_first_of_equals():
    model = LinearModel(["0", "1"], {"1": {"near": 2.0, "far": -1.0}}, {"1": 0.0})
    assert best(model, [(None, {"far": 1.0}), ("Peru", {"near": 1.0}), ("Chile", {"far": 1.0})]) == "Peru"
    assert best(model, [("Peru", {}), ("Chile", {})]) == "Peru"


def test_countries_named_only_by_demonym_or_adjective_are_found():
    text = "Chilean miners and two Peruvians met the Philippine envoy; Chile's exports rose, and Filipino nurses left."
    assert named_countries(text) == {"Chile": 2, "Peru": 1, "Philippines": 2}
    assert named_countries("Nothing here names a nation, not even Mayfield.") == {}


def test_a_country_named_only_by_demonym_becomes_a_place_mention_when_a_figure_is_placed_there():
    from types import SimpleNamespace

    from kg.records import Mention

    text = "LIMA -- Peruvian growers shipped more avocados; Peru's farm ministry and Chilean buyers agreed."
    figure = SimpleNamespace(place="Peru")  # only the place is read
    mentions = [Mention("LIMA", 0, 4, "Place", "Lima")]
    [added] = implied_places(text, mentions, [figure])
    assert (added.text, added.name, added.type, text[added.start : added.end]) == ("Peruvian", "Peru", "Place", "Peruvian")
    assert implied_places(text, [*mentions, Mention("Peru", 48, 52, "Place", "Peru")], [figure]) == []


def test_without_learned_choices_the_rules_stand(nlp, gazetteer):
    text = "Farmers in Peru harvested 12,000 tonnes of quinoa in 2019, the ministry said."
    article = _article(text, date(2020, 2, 1))
    ruled = extract(nlp(text), article, gazetteer, choices=Choices()).figures
    assert choose_figures(nlp(text), article, [], ruled, Choices()) is ruled
    assert ruled[0].place == "Peru"


def test_the_packaged_model_places_a_jobs_figure_of_a_country_story_in_that_country(nlp, gazetteer):
    text = (
        "South Korea's job market cooled further last month as exporters cut hiring, official data showed on Wednesday.\n\n"
        "South Korea added fewer jobs than economists had expected, and the finance ministry in Seoul said it would "
        "extend its support for small firms.\n\n"
        "The number of unemployed people rose by 41,000 from a year earlier, Statistics Korea said."
    )
    figures = _figures(nlp, gazetteer, text, date(2021, 12, 15), title="South Korea's jobless numbers rise")
    assert figures[41000].place == "South Korea"


def test_the_packaged_model_dates_a_figure_by_its_sentence_not_the_article(nlp, gazetteer):
    text = (
        "Lakeland's housing office released its yearly figures on Monday.\n\n"
        "It received a total of 18,420 applications in the year 2016, the office said."
    )
    figures = _figures(nlp, gazetteer, text, date(2019, 5, 6))
    assert (figures[18420].period_start, figures[18420].period_end) == (date(2016, 1, 1), date(2016, 12, 31))


def test_the_packaged_model_keeps_a_named_source(nlp, gazetteer):
    text = "According to the Lakeland Housing Office, 3,150 families were waiting for a flat in March."
    figures = _figures(nlp, gazetteer, text, date(2019, 5, 6))
    assert figures[3150].source == "Lakeland Housing Office"


def _place_candidates(nlp, gazetteer, text: str, value: float, title: str = "") -> dict:
    """The place candidates of the figure `value` of a text, as the ranker sees them."""
    from kg.extract import read_mentions
    from kg.extract.figures import extract_figures
    from kg.learn.figures import _number_token, context_of, place_candidates

    doc, article = nlp(text), _article(text, date(2021, 12, 15), title)
    mentions, locate, sources = read_mentions(doc, article, gazetteer, Choices())
    ctx = context_of(doc, article, mentions, sources)
    figures = extract_figures(doc, article, locate, sources)
    k = next(k for k, f in enumerate(figures) if f.value == value)
    return dict(place_candidates(ctx, figures[k], _number_token(doc, figures[k]), figures[:k]))


def test_a_dateline_city_of_a_country_story_is_told_apart_from_the_country(nlp, gazetteer):
    text = (
        "WELLINGTON -- Employment in New Zealand rose by 12,000 in May, the statistics office said.\n\n"
        "The jobless rate in the nation fell to 3.9 percent, its lowest in a decade."
    )
    candidates = _place_candidates(nlp, gazetteer, text, 3.9)
    [dateline] = [features for name, features in candidates.items() if features.get("dateline")]
    assert dateline["dateline_only"] == 1.0  # named nowhere else
    assert dateline["dateline_in_country_story"] == 1.0
    assert "country" not in dateline and "main_country" not in dateline
    assert candidates["New Zealand"]["main_country"] == 1.0
    assert candidates["New Zealand"]["nation_word"] == 1.0  # "in the nation"
    assert candidates["New Zealand"]["country"] == 1.0
    assert "nation_word" not in _place_candidates(nlp, gazetteer, text, 12000)["New Zealand"]  # "in New Zealand"


def test_place_candidates_tell_where_counted_people_arrive_from_where_they_come_from(nlp, gazetteer):
    candidates = _place_candidates(nlp, gazetteer, "About 40 Syrian refugees arrived in Greece from Turkey on Monday, the coast guard said.", 40)
    assert candidates["Greece"]["destination"] == candidates["Greece"]["motion_verb"] == 1.0
    assert "origin" not in candidates["Greece"]
    assert candidates["Turkey"]["origin"] == candidates["Turkey"]["origin_of_motion"] == 1.0
    assert "destination" not in candidates["Turkey"]
    assert candidates["Syria"]["sentence_demonym"] == candidates["Syria"]["demonym_of_counted"] == 1.0  # their nationality

    candidates = _place_candidates(nlp, gazetteer, "More than 300 migrants from Tunisia landed on Italian shores last week.", 300)
    assert candidates["Tunisia"]["origin_of_counted"] == 1.0  # "migrants from Tunisia"
    assert candidates["Italy"]["destination"] == 1.0  # "landed on Italian shores": the demonym's noun is where they land
    assert "demonym_of_counted" not in candidates["Italy"]


def test_place_candidates_weigh_the_sentence_places_against_each_other_and_the_articles(nlp, gazetteer):
    text = (
        "Employment in Chile rose by 12,000 in May, the statistics office said.\n\n"
        "Bread prices in Valparaiso climbed sharply. That was 5 percent more than a year earlier.\n\n"
        "In June a kilogram of bread cost 1,200 pesos in Valparaiso and 1,100 pesos in Santiago."
    )
    first = _place_candidates(nlp, gazetteer, text, 12000)
    assert first["Chile"]["nearest_in_sentence"] == first["Chile"]["only_in_sentence"] == first["Chile"]["last_before"] == 1.0
    assert first["Valparaiso"]["sentence_names_other"] == 1.0 and "sentence_names_other" not in first["Chile"]

    unnamed = _place_candidates(nlp, gazetteer, text, 5)  # its sentence names no place: its paragraph does
    assert unnamed["Valparaiso"]["last_in_paragraph"] == 1.0
    assert unnamed["Chile"]["paragraph_names_other"] == 1.0
    assert not any("sentence_names_other" in features for features in unnamed.values())

    second = _place_candidates(nlp, gazetteer, text, 1100)  # "... and 1,100 pesos in Santiago"
    assert second["Santiago"]["nearest_in_sentence"] == second["Santiago"]["on_number"] == 1.0
    assert second["Valparaiso"]["last_before"] == 1.0
    assert "nearest_in_sentence" not in second["Valparaiso"] and "only_in_sentence" not in second["Santiago"]
    assert second["Chile"]["sentence_names_other"] == second["Chile"]["paragraph_names_other"] == 1.0


def test_place_candidates_mark_the_places_right_before_and_after_a_number(nlp, gazetteer):
    text = "Incomes in Chile averaged $7,990, Peru at $6,100 and Bolivia at $3,500, well above the 900 dollars in Haiti"
    peru = _place_candidates(nlp, gazetteer, text, 6100)
    assert peru["Peru"]["names_then_number"] == peru["Peru"]["next_to_number"] == 1.0  # "Peru at $6,100"
    assert peru["Bolivia"]["number_then_names"] == 1.0  # no other number stands between them
    assert "next_to_number" not in peru["Chile"]  # "$7,990" stands between
    haiti = _place_candidates(nlp, gazetteer, text, 900)
    assert haiti["Haiti"]["number_then_names"] == 1.0 and "names_then_number" not in haiti["Haiti"]
    assert "next_to_number" not in haiti["Bolivia"]  # "$3,500" stands between Bolivia and 900
    assert not any("names_then_number" in features for features in haiti.values())


def _gold_folder(root, articles: list[tuple[str, str, dict]]):
    folder = root / "beat"
    folder.mkdir()
    for number, (published, body, gold) in enumerate(articles, start=1):
        stem = f"{number:02d}-story"
        (folder / f"{stem}.txt").write_text(f"url: https://example.org/{number}\ntitle: Story {number}\n"
                                             f"published: {published}\n\n{body}", encoding="utf-8")
        (folder / f"{stem}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


_PLACES = [
    {"name": "Chile", "type": "Place", "mentions": ["Chile"]},
    {"name": "Peru", "type": "Place", "mentions": ["Peru"]},
    {"name": "Mining Ministry", "type": "Agency", "mentions": ["Mining Ministry"]},
]


def test_kg_train_on_a_small_gold_folder_writes_a_usable_model(tmp, nlp, gazetteer):
    body = ("Chile's copper output slipped again, the Mining Ministry said, while Peru held steady.\n\n"
            "Mines in Chile produced 5.6 million tonnes in 2019. Exports reached 4.1 million tonnes, "
            "and Peru sold 2.4 million tonnes.")
    gold = {"entities": _PLACES, "figures": [
        {"value": 5600000, "period": "2019", "place": "Chile", "source": "Mining Ministry"},
        {"value": 4100000, "period": "2019", "place": "Chile", "source": "Mining Ministry"},
        {"value": 2400000, "period": "2019", "place": "Peru", "source": "Mining Ministry"},
    ]}
    folder = _gold_folder(tmp, [("2020-01-10", body, gold), ("2020-02-11", body.replace("2019", "2018"),
                                json.loads(json.dumps(gold).replace("2019", "2018")))])
    counts = train([folder], tmp / "model.json", nlp=nlp)
    assert counts.get("figure_place", 0) > 0 and counts.get("figure_period", 0) > 0
    choices = load_choices(tmp / "model.json")
    assert choices.get("figure_place") is not None and choices.get("figure_period") is not None
    figures = _figures(nlp, gazetteer, body, date(2020, 1, 10), choices=choices)
    assert figures[5.6e6].place == "Chile"
    assert (figures[5.6e6].period_start, figures[5.6e6].period_end) == (date(2019, 1, 1), date(2019, 12, 31))


def test_kg_train_on_no_usable_examples_says_so(tmp, nlp):
    body = "The committee met on Tuesday and will meet again next week."
    folder = _gold_folder(tmp, [("2020-01-10", body, {"entities": [], "figures": []})])
    with pytest.raises(LearnedModelError, match="no usable training examples in .*beat"):
        train([folder], tmp / "model.json", nlp=nlp)
    assert not (tmp / "model.json").exists()


def test_kg_train_on_the_command_line_says_when_nothing_is_usable(tmp, runner):
    from kg.cli import app

    folder = _gold_folder(tmp, [("2020-01-10", "Nothing was counted today.", {"entities": [], "figures": []})])
    result = runner.invoke(app, ["train", str(folder), "--out", str(tmp / "model.json")])
    assert result.exit_code == 1
    assert "no usable training examples" in result.output
