"""kg.evaluate: gold files, scores, and errors in gold files."""

from __future__ import annotations

import copy
import json

import pytest
from conftest import GOLD, POST1_TITLE

from kg.errors import GoldError
from kg.evaluate import Score, evaluate, evaluate_sources, load_gold


def write_gold(tmp, data, name="gold.json"):
    path = tmp / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def self_gold(extractions, resolution) -> list[dict]:
    """A gold that says exactly what kg extracted (to check the scorer, not the extractor)."""
    articles = []
    for x in extractions:
        entities = {}
        for m in x.mentions:
            e = resolution.entity(x.article.id, m.name)
            entities[e.key] = {"name": e.label, "type": e.type}
        articles.append({
            "title": x.article.title,
            "entities": list(entities.values()),
            "figures": [
                {"value": f.value, "text": f.text, "source": f.source,
                 "start": f.period_start.isoformat() if f.period_start else None,
                 "end": f.period_end.isoformat() if f.period_end else None}
                for f in x.figures
            ],
            "relations": [{"subject": r.subject, "predicate": r.predicate, "object": r.object} for r in x.relations],
            "statements": [
                {"speaker": st.speaker, "verb": st.verb, "keywords": [w for w in st.text.split() if len(w) > 3][:6]}
                for st in x.statements
            ],
        })
    return articles


# ---------------------------------------------------------------------------
# Score
# ---------------------------------------------------------------------------


def test_score_arithmetic():
    s = Score()
    s.add(3, 4, 6)
    assert (s.precision, s.recall) == (0.75, 0.5)
    assert s.f1 == pytest.approx(0.6)
    assert s.as_dict() == {"tp": 3, "predicted": 4, "gold": 6, "precision": 0.75, "recall": 0.5, "f1": 0.6}


def test_empty_score_is_zero_not_an_error():
    assert (Score().precision, Score().recall, Score().f1) == (0.0, 0.0, 0.0)


# ---------------------------------------------------------------------------
# load_gold
# ---------------------------------------------------------------------------


def test_load_gold(gold_file):
    articles = load_gold(gold_file)
    assert [a["title"] for a in articles] == [a["title"] for a in GOLD["articles"]]


def test_missing_gold_file(tmp):
    with pytest.raises(GoldError, match=r"nope\.json: no such gold file"):
        load_gold(tmp / "nope.json")


def test_invalid_json_names_the_line(tmp):
    path = write_gold(tmp, '{\n  "format": "kg-gold/1",\n  "articles": [,]\n}')
    with pytest.raises(GoldError, match=r"gold\.json: invalid JSON at line 3 \("):
        load_gold(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], r"not a gold file \(expected an object with \"format\": \"kg-gold/1\" and \"articles\"\)"),
        ({"format": "kg-gold/2", "articles": []}, r"not a gold file"),
        ({"format": "kg-gold/1"}, r"not a gold file"),
        ({"format": "kg-gold/1", "articles": [{"entities": []}]}, r"article 1 has no title"),
        ({"format": "kg-gold/1", "articles": [{"title": "A"}, "B"]}, r"article 2 has no title"),
        ({"format": "kg-gold/1", "articles": [{"title": "A", "figures": {}}]}, r"article 1 \(A\): 'figures' must be a list"),
        ({"format": "kg-gold/1", "articles": [{"title": "A", "entities": [{"name": "Seoul"}]}]},
         r"article 1 \(A\): an entity needs name and type"),
    ],
)
def test_malformed_gold(tmp, data, message):
    with pytest.raises(GoldError, match=message):
        load_gold(write_gold(tmp, data))


def test_figure_without_value_is_a_gold_error(tmp, corpus, nlp):
    data = {"format": "kg-gold/1", "articles": [{"title": POST1_TITLE, "figures": [{"text": "1,277"}]}]}
    with pytest.raises(GoldError, match="value"):
        evaluate_sources(write_gold(tmp, data), [corpus["archive"]], nlp=nlp)


# ---------------------------------------------------------------------------
# evaluate
# ---------------------------------------------------------------------------


def test_scores_are_between_zero_and_one(analysed, gold_file):
    _, extractions, resolution = analysed
    scores = evaluate(load_gold(gold_file), extractions, resolution).as_dict()
    assert scores["articles"] == 2
    for name in ("entities", "typed_entities", "figures", "relations", "statements"):
        for measure in ("precision", "recall", "f1"):
            assert 0.0 <= scores[name][measure] <= 1.0
    for name in ("figure_period_right", "figure_source_right", "statement_speaker_right"):
        assert 0.0 <= scores[name] <= 1.0


def test_the_corpus_gold(analysed, gold_file):
    """The gold written from the texts: every entity, figure and relation it names is found."""
    _, extractions, resolution = analysed
    report = evaluate(load_gold(gold_file), extractions, resolution)
    assert report.entities.gold == 8 and report.figures.gold == 2 and report.relations.gold == 1
    assert report.entities.recall == 1.0
    assert report.typed_entities.recall == 1.0
    assert report.figures.recall == 1.0
    assert report.as_dict()["figure_period_right"] == 1.0
    assert report.as_dict()["figure_source_right"] == 1.0
    assert report.relations.recall == 1.0
    assert not [e for e in report.errors if e.startswith("missed")]


def test_a_self_consistent_gold_scores_one(analysed):
    _, extractions, resolution = analysed
    report = evaluate(self_gold(extractions, resolution), extractions, resolution)
    assert report.articles == len(extractions)
    for score in (report.entities, report.typed_entities, report.figures, report.relations, report.statements):
        assert score.gold > 0
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert report.as_dict()["figure_period_right"] == 1.0
    assert report.as_dict()["statement_speaker_right"] == 1.0
    assert not [e for e in report.errors if e.startswith(("missed", "extra", "speaker"))]


def test_a_wrong_gold_scores_less(analysed):
    _, extractions, resolution = analysed
    gold = copy.deepcopy(self_gold(extractions, resolution))
    for article in gold:
        for figure in article["figures"]:
            figure["value"] += 1
        article["entities"].append({"name": "Nobody Atall", "type": "Person"})
    report = evaluate(gold, extractions, resolution)
    assert report.figures.true_positives == 0
    assert report.figures.recall == 0.0
    assert report.entities.recall < 1.0
    assert any(e.startswith("missed entity Nobody Atall") for e in report.errors)


def test_unmatched_articles_are_listed(analysed):
    _, extractions, resolution = analysed
    report = evaluate([{"title": "No such article"}], extractions, resolution)
    assert report.unmatched_articles == ["No such article"]
    assert report.articles == 0


def test_evaluate_sources(gold_file, corpus, nlp):
    report = evaluate_sources(gold_file, [corpus["archive"]], nlp=nlp)
    assert report.articles == 2
    assert report.figures.recall == 1.0


# --- the quantity set (data/quantities) ---

from kg.evaluate import load_quantity_set, score_quantities, unit_class  # noqa: E402


def test_quantity_set_marks_become_plain_text_and_figures(tmp_path):
    path = tmp_path / "set.txt"
    path.write_text("# a comment\nSales rose [[4%|4|%]] to [[$2bn|2000000000|USD]].\n\nNo figure at 9.30pm.\n", encoding="utf-8")
    first, second = load_quantity_set(path)
    assert first.text == "Sales rose 4% to $2bn."
    assert first.figures == ((4.0, "percent"), (2e9, "money"))
    assert (second.text, second.figures) == ("No figure at 9.30pm.", ())


def test_quantity_set_refuses_a_bad_mark(tmp_path):
    path = tmp_path / "set.txt"
    path.write_text("It rose [[4%|four|%]].\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"set.txt:1: 'four' is not a number"):
        load_quantity_set(path)
    with pytest.raises(GoldError, match="no such quantity set"):
        load_quantity_set(tmp_path / "missing.txt")


@pytest.mark.parametrize(("unit", "cls"), [("%", "percent"), ("percentage point", "percent"), ("pp", "percent"),
                                           ("INR", "money"), ("USD", "money"), ("person", "count"), ("#", "count"),
                                           ("basis point", "count")])
def test_unit_class(unit, cls):
    assert unit_class(unit) == cls


def test_score_quantities_counts_values_and_classes(tmp_path):
    path = tmp_path / "set.txt"
    path.write_text("A [[4%|4|%]] rise and [[12|12|#]] jobs.\nGate 9 at [[$5|5|USD]].\n", encoding="utf-8")
    sentences = load_quantity_set(path)
    values, classed, errors = score_quantities(sentences, [[(4, "percent"), (12, "USD")], [(9, "person"), (5, "USD")]])
    assert (values.true_positives, values.predicted, values.gold) == (3, 4, 3)
    assert (classed.true_positives, classed.predicted, classed.gold) == (2, 4, 3)
    assert errors == ["extra 9 in: Gate 9 at $5."]
