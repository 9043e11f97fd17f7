"""kg.evaluate_folder: gold folders in the realdev format, their scoring, and bad gold files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import GoldError
from kg.evaluate_folder import evaluate_folder, load_folder, period_ok

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "realdev"

TEXT = """url: https://example.org/story
title: Ministry counts arrivals
published: 2016-01-04

Site menu
The Unification Ministry said 1,277 North Koreans arrived in South Korea in 2015. Ministry spokesman Jeong Joon-hee said the number fell.
Share this story
"""

GOLD = {
    "doc": "01-arrivals.txt",
    "ignore_before": "The Unification Ministry",
    "ignore_after": "number fell.",
    "entities": [
        {"name": "Ministry of Unification", "type": "Agency", "mentions": ["Unification Ministry"]},
        {"name": "Jeong Joon-hee", "type": "Person", "mentions": ["Jeong Joon-hee"]},
        {"name": "South Korea", "type": "Place", "mentions": ["South Korea"]},
        {"name": "North Korea", "type": "Place", "mentions": [], "optional": True},
    ],
    "figures": [
        {"value": 1277, "unit": "person", "period": "2015", "place": "South Korea", "source": "Ministry of Unification"}
    ],
    "relations": [{"subject": "Jeong Joon-hee", "predicate": "memberOf", "object": "Ministry of Unification"}],
}


def write_folder(folder: Path, gold: dict = GOLD, text: str = TEXT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "01-arrivals.txt").write_text(text, encoding="utf-8")
    (folder / "01-arrivals.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_load_folder_reads_header_and_trims_furniture(tmp):
    [item] = load_folder(write_folder(tmp / "set"))
    assert item.article.title == "Ministry counts arrivals"
    assert item.article.published.isoformat() == "2016-01-04"
    assert item.article.text.startswith("The Unification Ministry")
    assert item.article.text.endswith("number fell.")
    assert "Share this story" not in item.article.text


def test_folder_scores_a_small_article(tmp, nlp):
    score = evaluate_folder(write_folder(tmp / "set"), nlp=nlp)
    summary = score.summary()
    assert summary["articles"] == 1 and summary["failed"] == 0
    assert score.figure_tp == 1 and summary["period_right"] == 1.0
    assert score.entity_gold == 3  # the optional entity is not counted
    assert summary["entity_f1"] > 0.5


@pytest.mark.parametrize(
    ("gold", "start", "end", "right"),
    [
        ("2015", "2015-01-01", "2015-12-31", True),
        ("2015", "2014-01-01", "2015-12-31", False),
        ("2015-01/2015-10", "2015-01-01", "2015-10-31", True),
        ("2015-H2", "2015-07-01", "2015-12-31", True),
        ("2012/2015", "2012-01-01", "2015-12-31", True),
        ("2023-10-09", "2023-10-09", "2023-10-09", True),
        ("2023-10-09", "2023-10-08", "2023-10-09", False),
        (None, "", "", True),
    ],
)
def test_period_forms(gold, start, end, right):
    assert period_ok(gold, start, end) is right


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g["figures"][0].update(source="Nobody"), r"figures\[0\]\.source: unknown entity 'Nobody'"),
        (lambda g: g["relations"][0].update(object="Elsewhere"), r"relations\[0\]\.object: unknown entity 'Elsewhere'"),
        (lambda g: g["figures"][0].update(value="many"), r"figures\[0\] needs a numeric 'value'"),
        (lambda g: g.update(doc="99-missing.txt"), r"field 'doc': no such text 99-missing.txt"),
    ],
)
def test_bad_gold_is_refused_with_file_and_field(tmp, change, message):
    gold = json.loads(json.dumps(GOLD))
    change(gold)
    folder = write_folder(tmp / "bad", gold)
    with pytest.raises(GoldError, match=message):
        load_folder(folder)


def test_gold_that_does_not_parse(tmp):
    folder = write_folder(tmp / "broken")
    (folder / "01-arrivals.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match=r"01-arrivals\.gold\.json: invalid JSON at line 1"):
        load_folder(folder)


def test_cli_eval_of_a_folder(runner, tmp):
    from kg.cli import app

    result = runner.invoke(app, ["eval", str(write_folder(tmp / "set")), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["set"]["figure_f1"] == 1.0


@pytest.mark.skipif(not (SHARED / "score.py").is_file(), reason="needs ../shared/realdev")
def test_agrees_with_the_reference_scorer(tmp, nlp):
    """kg eval and realdev's score.py (which runs `kg build` per article) agree within 0.01 on one folder."""
    folder = SHARED / "people"
    kg = Path(sys.executable).parent / "kg"
    out = tmp / "ref.json"
    subprocess.run(
        [sys.executable, str(SHARED / "score.py"), "--kg", str(kg), "--dir", str(folder), "--json", str(out)],
        check=True, capture_output=True, timeout=900,
    )
    reference = json.loads(out.read_text())["people"]
    ours = evaluate_folder(folder, nlp=nlp).summary()
    pairs = {
        "entity_f1": "entity_f1", "entity_typed_f1": "entity_typed_f1", "figure_f1": "figure_f1",
        "period_right": "period_acc", "source_right": "source_acc", "place_right": "place_acc",
        "relation_p": "relation_p", "relation_r": "relation_r", "relation_f1": "relation_f1",
    }
    for mine, theirs in pairs.items():
        assert abs((ours[mine] or 0) - (reference[theirs] or 0)) <= 0.01, (mine, ours[mine], reference[theirs])


def test_a_repeated_paragraph_gives_one_figure(nlp, gazetteer):
    """A scraped page that repeats a paragraph word for word reports each figure once."""
    from kg.extract import extract
    from kg.records import Article

    paragraph = "The Unification Ministry said 1,277 North Koreans arrived in South Korea in 2015."
    once = extract(nlp(paragraph), Article(id="a", text=paragraph, origin="t"), gazetteer)
    text = paragraph + "\n\n" + paragraph
    twice = extract(nlp(text), Article(id="b", text=text, origin="t"), gazetteer)
    assert [f.value for f in once.figures] == [1277]
    assert [f.value for f in twice.figures] == [1277]
