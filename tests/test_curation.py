"""kg.curation: loading curation files (errors name file and line) and applying merge, split, retype, rename, drop."""

from __future__ import annotations

import json

import pytest

from kg.curation import DEFAULT_CURATION, apply_curation, load_curation
from kg.errors import CurationError, GazetteerError
from kg.records import Article, Extraction, Mention
from kg.resolve import resolve_corpus


def write(tmp, *lines: str):
    path = tmp / "fixes.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def resolution_of(gazetteer, *names: tuple[str, str]):
    mentions = [Mention(text, i * 20, i * 20 + len(text), kind, text) for i, (text, kind) in enumerate(names)]
    extraction = Extraction(article=Article(id="a", text="", origin="a"), mentions=mentions)
    return resolve_corpus([extraction], gazetteer)


def labels(resolution) -> dict[str, str]:
    return {e.label: e.type for e in resolution.entities.values()}


def test_bundled_curation_file_loads():
    curation = load_curation()
    assert DEFAULT_CURATION.exists()
    assert all(a.line > 0 for a in curation.actions)


def test_comments_and_blank_lines_are_skipped(tmp):
    curation = load_curation(write(tmp, "# a comment", "", json.dumps({"drop": "Bribes"})))
    assert [(a.kind, a.names, a.line) for a in curation.actions] == [("drop", ("Bribes",), 3)]


def test_merge_retype_rename_drop(tmp, gazetteer):
    res = resolution_of(
        gazetteer,
        ("Zorblat Daily", "Outlet"),
        ("Zorblat Dayly", "Organization"),
        ("Hanawon", "Place"),
        ("Bribes", "Person"),
        ("Ehwa Zorblat School", "Organization"),
    )
    path = write(
        tmp,
        json.dumps({"merge": ["Zorblat Dayly", "Zorblat Daily"], "into": "Zorblat Daily"}),
        json.dumps({"retype": "Hanawon", "type": "Agency"}),
        json.dumps({"drop": "Bribes"}),
        json.dumps({"rename": "Ehwa Zorblat School", "label": "Ewha Zorblat School"}),
    )
    notes = apply_curation(res, load_curation(path))
    assert notes == []
    assert labels(res) == {
        "Zorblat Daily": "Outlet",
        "Hanawon": "Agency",
        "Ewha Zorblat School": "Organization",
    }
    daily = next(e for e in res.entities.values() if e.label == "Zorblat Daily")
    assert "Zorblat Dayly" in daily.aliases and daily.mentions == 2
    assert ("Zorblat Dayly", "curation") in daily.merges
    assert res.entity("a", "Zorblat Dayly") is daily  # the article's mentions follow the merge
    assert res.entity("a", "Bribes") is None
    school = res.entity("a", "Ehwa Zorblat School")
    assert school.key == "ewha-zorblat-school" and "Ehwa Zorblat School" in school.aliases
    assert set(res.entities) == {e.key for e in res.entities.values()}


def test_split_gives_a_name_its_own_entity(tmp, gazetteer):
    a = Extraction(
        article=Article(id="a", text="", origin="a"),
        mentions=[Mention("Kim Jong-un", 0, 11, "Person", "Kim Jong-un"), Mention("Kim", 20, 23, "Person", "Kim")],
    )
    res = resolve_corpus([a], gazetteer)
    res.index[("a", "Kim")] = res.index[("a", "Kim Jong-un")]  # a wrong surname merge
    apply_curation(res, load_curation(write(tmp, json.dumps({"split": "Kim", "from": "Kim Jong-un"}))))
    assert res.entity("a", "Kim").label == "Kim"
    assert res.entity("a", "Kim Jong-un").label == "Kim Jong-un"


def test_unmatched_names_are_reported_not_fatal(tmp, gazetteer):
    res = resolution_of(gazetteer, ("Seoul", "Place"))
    notes = apply_curation(res, load_curation(write(tmp, json.dumps({"drop": "Nobody Atall"}))))
    assert len(notes) == 1 and "fixes.jsonl:1: no entity named 'Nobody Atall'" in notes[0]
    assert labels(res) == {"Seoul": "Place"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"fixes\.jsonl:2: invalid JSON \("),
        ("[1]", r"fixes\.jsonl:2: an action must be a JSON object"),
        (json.dumps({"drop": "X", "retype": "Y", "type": "Place"}), r"fixes\.jsonl:2: an action needs exactly one of merge, split, retype, rename, drop"),
        (json.dumps({"frob": "X"}), r"fixes\.jsonl:2: an action needs exactly one of"),
        (json.dumps({"drop": 3}), r"fixes\.jsonl:2: 'drop' must be a name or a list of names"),
        (json.dumps({"retype": "X"}), r"fixes\.jsonl:2: 'retype' needs 'type' \(a string\)"),
        (json.dumps({"retype": "X", "type": "Country"}), r"fixes\.jsonl:2: type must be one of Person, Agency, Outlet, Organization, Place, not 'Country'"),
        (json.dumps({"merge": ["X", "Y"]}), r"fixes\.jsonl:2: 'merge' needs 'into' \(a string\)"),
        (json.dumps({"rename": ["X", "Y"], "label": "Z"}), r"fixes\.jsonl:2: 'rename' takes one name"),
    ],
)
def test_malformed_curation_names_file_and_line(tmp, line, message):
    with pytest.raises(CurationError, match=message):
        load_curation(write(tmp, json.dumps({"drop": "Fine"}), line))


def test_missing_and_undecodable_curation_files(tmp):
    with pytest.raises(CurationError, match=r"nope\.jsonl: no such curation file"):
        load_curation(tmp / "nope.jsonl")
    bad = tmp / "latin1.jsonl"
    bad.write_bytes(b'{"drop": "Caf\xe9"}\n')
    with pytest.raises(GazetteerError, match=r"latin1\.jsonl: not UTF-8 \(byte 13\)"):
        load_curation(bad)


def test_a_malformed_curation_file_stops_the_build(tmp, corpus, nlp):
    from kg.build import build

    bad = write(tmp, json.dumps({"retype": "Seoul"}))
    with pytest.raises(CurationError, match=r"fixes\.jsonl:1: 'retype' needs 'type'"):
        build(list(corpus.values()), tmp / "out", nlp=nlp, curation_path=bad)
    assert not (tmp / "out").exists()


def test_a_build_applies_curation_and_writes_merges(tmp, corpus, nlp):
    from kg.build import build
    from kg.resolve import MERGES_FILE

    fixes = write(tmp, json.dumps({"retype": "Lee Byung-ho", "type": "Organization"}), json.dumps({"drop": "Yonhap"}))
    summary = build(list(corpus.values()), tmp / "out", nlp=nlp, curation_path=fixes, page=False)
    merges = json.loads((tmp / "out" / MERGES_FILE).read_text(encoding="utf-8"))
    assert merges["format"] == "kg-merges/1"
    by_label = {e["label"]: e for e in merges["entities"]}
    assert by_label["Lee Byung-ho"]["type"] == "Organization"
    assert not any("Yonhap" in label for label in by_label)
    ministry = by_label["Ministry of Unification"]
    assert {"form": "Unification Ministry", "rule": "gazetteer"} in ministry["merges"]
    assert summary.entities["Organization"] >= 1
