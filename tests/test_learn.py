"""kg.learn: linear models in JSON, the model file's checks, and training documents from every gold format."""

from __future__ import annotations

import json

import pytest

from kg.errors import GoldError, LearnedModelError
from kg.learn import LinearModel, fit_linear, load_documents, load_model, save_model, section


def test_fit_and_score_round_trip(tmp):
    examples = [{"near": 1.0}, {"near": 1.0, "same_clause": 1.0}, {"far": 1.0}, {"far": 1.0, "baseline": 1.0}]
    labels = ["yes", "yes", "no", "no"]
    model = fit_linear(examples, labels, c=10.0)
    assert model.scores({"near": 1.0})["yes"] > 0.5 > model.scores({"far": 1.0})["yes"]
    path = save_model({"toy": model}, tmp / "m.json")
    again = section("toy", path)
    assert again.scores({"near": 1.0}) == pytest.approx(model.scores({"near": 1.0}))
    assert section("missing", path) is None


def test_multiclass_scores_sum_to_one():
    model = LinearModel(["a", "b", "c"], {"a": {"x": 2.0}, "b": {"y": 1.0}, "c": {}}, {"a": 0.0, "b": 0.0, "c": 0.0})
    scores = model.scores({"x": 1.0})
    assert max(scores, key=scores.get) == "a" and sum(scores.values()) == pytest.approx(1.0)


def test_training_needs_two_labels():
    with pytest.raises(LearnedModelError, match="every example has the label 'yes'"):
        fit_linear([{"x": 1.0}], ["yes"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{broken", "corrupt JSON"),
        (json.dumps({"format": "other"}), 'expected "format": "kg-model/1"'),
        (json.dumps({"format": "kg-model/1", "kg": "0.0.1", "sections": {}}), "made by kg 0.0.1, this is kg"),
    ],
)
def test_bad_model_files_are_refused(tmp, content, message):
    path = tmp / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LearnedModelError, match=message):
        load_model(path)


def test_missing_model_file(tmp):
    with pytest.raises(LearnedModelError, match="no such model file"):
        load_model(tmp / "none.json")


def test_documents_from_a_kg_gold_file(tmp):
    (tmp / "articles.jsonl").write_text(
        json.dumps({"title": "Arrivals", "text": "The ministry said 1,277 people arrived in 2015.", "published": "2016-01-04"}) + "\n",
        encoding="utf-8",
    )
    gold = {"format": "kg-gold/1", "articles": [{"title": "Arrivals", "entities": [], "figures": [
        {"value": 1277, "start": "2015-01-01", "end": "2015-12-31", "text": "1,277"}]}]}
    (tmp / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    [doc] = load_documents([tmp / "gold.json"])
    assert doc.article.title == "Arrivals" and doc.group == tmp.name
    assert doc.gold["figures"][0]["period"] == "2015"


def test_documents_need_their_articles(tmp):
    gold = {"format": "kg-gold/1", "sources": ["nowhere.jsonl"], "articles": [{"title": "A", "entities": []}]}
    (tmp / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(GoldError, match="field 'sources': cannot find the annotated articles"):
        load_documents([tmp / "gold.json"])


def test_build_refuses_an_unusable_model_file_before_building(tmp, runner):
    from kg.cli import app

    bad = tmp / "bad.json"
    bad.write_text('{"format": "kg-model/0"}', encoding="utf-8")
    (tmp / "a.txt").write_text("The ministry said 1,277 people arrived in 2015.", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp / "a.txt"), "--out", str(tmp / "out"), "--figure-model", str(bad)])
    assert result.exit_code == 1
    assert "bad.json: not a kg model file" in result.output
    assert not (tmp / "out" / "graph.trig").exists()
