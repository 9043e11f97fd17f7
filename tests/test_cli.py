"""kg.cli: every command through typer's CliRunner: help, success, usage errors, one-line failures."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import CORPUS_TITLES

from kg.cli import app

COMMANDS = ["build", "query", "viz", "validate", "eval", "entities", "figures", "serve", "link", "export"]
HEADLINES = "PREFIX schema: <https://schema.org/> SELECT ?h WHERE { ?a a schema:NewsArticle ; schema:headline ?h }"


@pytest.fixture
def wide(monkeypatch):
    """Tables as wide as they need: CliRunner is no terminal, so rich would fold cells at 80 columns."""
    import kg.cli

    monkeypatch.setattr(kg.cli.out, "width", 400)


def stderr_of(result) -> str:
    return result.stderr or ""


def assert_one_line_failure(result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = stderr_of(result).strip().splitlines()
    assert len(lines) == 1, stderr_of(result)
    assert lines[0].startswith("error: ")
    return lines[0]


# ---------------------------------------------------------------------------
# help and usage
# ---------------------------------------------------------------------------


def test_no_arguments_shows_help(runner):
    result = runner.invoke(app, [])
    assert result.exit_code in (0, 2)
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_help(runner, command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert f" {command} " in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option_is_a_usage_error(runner, command, tmp):
    result = runner.invoke(app, [command, str(tmp), "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_unknown_command(runner):
    result = runner.invoke(app, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command" in result.output


# ---------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------


def test_build(runner, corpus, tmp):
    out = tmp / "out"
    result = runner.invoke(app, ["build", *map(str, corpus.values()), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Built {out}" in result.stdout
    assert "articles read: 4, skipped: 0" in result.stdout
    assert (out / "graph.trig").is_file() and (out / "graph.html").is_file()


def test_build_json_and_a_skipped_source(runner, corpus, tmp):
    bad = tmp / "empty.txt"
    bad.write_text("")
    result = runner.invoke(app, ["build", str(corpus["plain"]), str(bad), "--out", str(tmp / "out"), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["articles"] == 1
    assert summary["skipped"] == [{"source": str(bad), "reason": "empty file"}]
    assert f"skipped {bad}: empty file" in stderr_of(result)


def test_build_quiet(runner, corpus, tmp):
    result = runner.invoke(app, ["build", str(corpus["plain"]), "--out", str(tmp / "out"), "--quiet"])
    assert result.exit_code == 0
    assert result.stdout == ""


def test_build_with_nothing_readable_exits_2(runner, tmp):
    empty = tmp / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["build", str(empty), "--out", str(tmp / "out")])
    line = assert_one_line_failure(result, 2)
    assert line == "error: nothing to build: no source could be read (1 skipped)"


def test_build_with_a_bad_gazetteer(runner, corpus, tmp):
    gaz = tmp / "gaz.jsonl"
    gaz.write_text('{"name": "X", "type": "Country"}\n')
    result = runner.invoke(app, ["build", str(corpus["plain"]), "--out", str(tmp / "out"), "--gazetteer", str(gaz)])
    line = assert_one_line_failure(result)
    assert f"{gaz}:1: type must be one of" in line


def test_build_with_a_missing_model(runner, corpus, tmp):
    result = runner.invoke(app, ["build", str(corpus["plain"]), "--out", str(tmp / "out"), "--model", "no_such_model_kg"])
    line = assert_one_line_failure(result)
    assert "cannot load the spaCy model 'no_such_model_kg'" in line


# ---------------------------------------------------------------------------
# query
# ---------------------------------------------------------------------------


def test_query_table(runner, sample_build, wide):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder), HEADLINES])
    assert result.exit_code == 0, result.output
    for title in CORPUS_TITLES:
        assert title in result.stdout
    assert "4 row(s)" in result.stdout


def test_query_csv(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder), HEADLINES, "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["h"]
    assert {r[0] for r in rows[1:]} == CORPUS_TITLES


def test_query_json(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder), HEADLINES, "-f", "json"])
    assert result.exit_code == 0
    assert {r["h"] for r in json.loads(result.stdout)} == CORPUS_TITLES


def test_query_a_ready_query_and_a_rq_file(runner, sample_build, tmp):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder), "entity-types", "-f", "json"])
    assert result.exit_code == 0
    types = {str(r["type"]).rsplit("#", 1)[-1] for r in json.loads(result.stdout)}
    assert types == {"Person", "Agency", "Outlet", "Organization", "Place"}
    rq = tmp / "q.rq"
    rq.write_text(HEADLINES)
    result = runner.invoke(app, ["query", str(folder), str(rq), "-f", "csv"])
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == 1 + len(CORPUS_TITLES)


def test_query_a_trig_file(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder / "graph.trig"), HEADLINES, "-f", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == len(CORPUS_TITLES)


def test_query_list(runner):
    result = runner.invoke(app, ["query", ".", "--list"])
    assert result.exit_code == 0
    assert "figures-over-time:" in result.stdout
    assert "who-said-what:" in result.stdout


def test_query_bad_format_is_a_usage_error(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder), HEADLINES, "--format", "xml"])
    assert result.exit_code == 2
    assert "must be table, csv or json" in result.output


def test_query_without_sparql_is_a_usage_error(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder)])
    assert result.exit_code == 2


def test_malformed_sparql_is_one_line(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder), "SELECT ?x WHERE { ?x ?y }"])
    line = assert_one_line_failure(result)
    assert line.startswith("error: invalid SPARQL: error at 1:")


def test_truncated_sparql_is_one_line(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder), "SELECT ?x WHERE { ?x "])
    line = assert_one_line_failure(result)
    assert line.startswith("error: invalid SPARQL: error at 1:")


def test_query_a_folder_without_a_build(runner, tmp):
    result = runner.invoke(app, ["query", str(tmp), HEADLINES])
    line = assert_one_line_failure(result)
    assert f"{tmp}: no kg build here" in line


def test_query_neither_sparql_nor_a_name(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder), "who-is-who"])
    line = assert_one_line_failure(result)
    assert "'who-is-who' is neither SPARQL" in line


# ---------------------------------------------------------------------------
# viz, validate, entities, figures
# ---------------------------------------------------------------------------


def test_viz(runner, sample_build, tmp):
    folder, _ = sample_build
    page = tmp / "page.html"
    result = runner.invoke(app, ["viz", str(folder), "--output", str(page)])
    assert result.exit_code == 0, result.output
    assert f"wrote {page}" in result.stdout
    assert page.is_file() and "Lee Byung-ho" in page.read_text(encoding="utf-8")


def test_viz_focus(runner, sample_build, tmp):
    folder, _ = sample_build
    page = tmp / "focus.html"
    result = runner.invoke(app, ["viz", str(folder), "-o", str(page), "--focus", "Lee Byung-ho", "--hops", "1"])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "National Intelligence Service" in html  # Lee Byung-ho leads it
    assert "Thae Yong-ho" not in html  # never near Lee Byung-ho


def test_viz_focus_on_nobody(runner, sample_build, tmp):
    folder, _ = sample_build
    result = runner.invoke(app, ["viz", str(folder), "-o", str(tmp / "x.html"), "--focus", "Nobody Atall"])
    assert result.exit_code == 1
    assert "no entity matches" in stderr_of(result)


def test_viz_hops_out_of_range(runner, sample_build, tmp):
    folder, _ = sample_build
    result = runner.invoke(app, ["viz", str(folder), "-o", str(tmp / "x.html"), "--hops", "9"])
    assert result.exit_code == 2


def test_validate(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert "valid: the graph conforms" in result.stdout


def test_validate_an_invalid_graph(runner, tmp):
    bad = tmp / "bad.ttl"
    bad.write_text(
        "@prefix kg: <https://w3id.org/kg/ns#> .\n"
        "<https://w3id.org/kg/id/entity/x> a kg:Entity, kg:Person .\n"  # no label, no schema:Person
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "invalid:" in stderr_of(result) and "violation(s)" in stderr_of(result)


def test_validate_nothing(runner, tmp):
    result = runner.invoke(app, ["validate", str(tmp / "missing")])
    line = assert_one_line_failure(result)
    assert "no such build folder or RDF file" in line


def test_entities(runner, sample_build, wide):
    folder, _ = sample_build
    result = runner.invoke(app, ["entities", str(folder)])
    assert result.exit_code == 0, result.output
    for name in ("Ministry of Unification", "Lee Byung-ho", "South Korea", "Ewha Womans University"):
        assert name in result.stdout
    assert "entities" in result.stdout.strip().splitlines()[-1]


def test_entities_merges_and_type(runner, sample_build, wide):
    folder, _ = sample_build
    result = runner.invoke(app, ["entities", str(folder), "--merges", "--type", "Agency"])
    assert result.exit_code == 0, result.output
    assert "Unification Ministry" in result.stdout  # a surface form of the Ministry of Unification
    assert "Lee Byung-ho" not in result.stdout  # a person, not an agency
    assert "surface forms" in result.stdout


def test_figures(runner, sample_build, wide):
    folder, _ = sample_build
    result = runner.invoke(app, ["figures", str(folder)])
    assert result.exit_code == 0, result.output
    assert "1277" in result.stdout
    assert "figures" in result.stdout.strip().splitlines()[-1]


def test_figures_csv(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["figures", str(folder), "--csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    values = {row["value"] for row in rows}
    assert {"1277", "978", "300"} <= values


def test_figures_of_no_build(runner, tmp):
    result = runner.invoke(app, ["figures", str(tmp)])
    assert_one_line_failure(result)


def test_serve_a_folder_without_a_build(runner, tmp):
    result = runner.invoke(app, ["serve", str(tmp)])
    line = assert_one_line_failure(result)
    assert f"{tmp}: no kg build here" in line


def test_serve_port_out_of_range(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["serve", str(folder), "--port", "70000"])
    assert result.exit_code == 2


# ---------------------------------------------------------------------------
# eval
# ---------------------------------------------------------------------------


def test_eval_json(runner, gold_file, corpus):
    result = runner.invoke(app, ["eval", str(gold_file), str(corpus["archive"]), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["articles"] == 2
    assert scores["figures"]["recall"] == 1.0
    assert 0.0 <= scores["entities"]["f1"] <= 1.0


def test_eval_table_and_errors(runner, gold_file, corpus, wide):
    result = runner.invoke(app, ["eval", str(gold_file), str(corpus["archive"]), str(corpus["plain"]), "--errors"])
    assert result.exit_code == 0, result.output
    for measure in ("entities", "typed_entities", "figures", "relations", "statements"):
        assert measure in result.stdout
    assert "figures with the right period" in result.stdout


def test_eval_reports_unmatched_articles(runner, gold_file, corpus):
    result = runner.invoke(app, ["eval", str(gold_file), str(corpus["plain"])])
    assert result.exit_code == 0, result.output
    assert "no article titled 'Defector arrivals fall in 2015' in the sources" in stderr_of(result)


def test_eval_bad_gold(runner, tmp, corpus):
    gold = tmp / "gold.json"
    gold.write_text('{"format": "something else"}')
    result = runner.invoke(app, ["eval", str(gold), str(corpus["plain"])])
    line = assert_one_line_failure(result)
    assert f"{gold}: not a gold file" in line


def test_entities_merges_say_why(runner, sample_build, wide):
    folder, _ = sample_build
    plain = runner.invoke(app, ["entities", str(folder), "--type", "Agency"])
    result = runner.invoke(app, ["entities", str(folder), "--type", "Agency", "--merges"])
    assert result.exit_code == 0
    # "Unification Ministry" and "NIS" were merged by the gazetteer rule
    assert "gazetteer" in result.stdout
    assert result.stdout != plain.stdout.replace("other forms", "surface forms")


def test_figures_chart(runner, sample_build, tmp_path):
    folder, _ = sample_build
    target = tmp_path / "figures.html"
    result = runner.invoke(app, ["figures", str(folder), "--chart", str(target)])
    assert result.exit_code == 0, result.output
    assert "<svg" in target.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["figures", str(folder), "--chart", str(tmp_path / "figures.png")])
    assert bad.exit_code == 1 and "name the file .html" in bad.stderr


def test_entities_merges_of_a_folder_without_a_merge_record(runner, tmp):
    result = runner.invoke(app, ["entities", str(tmp), "--merges"])
    assert result.exit_code != 0
    assert "error:" in result.stderr


def test_build_with_a_malformed_curation_file(runner, corpus, tmp):
    bad = tmp / "fixes.jsonl"
    bad.write_text('{"drop": "X"}\n{"retype": "Seoul"}\n', encoding="utf-8")
    result = runner.invoke(app, ["build", str(corpus["plain"]), "--out", str(tmp / "out"), "--curation", str(bad)])
    line = assert_one_line_failure(result)
    assert "fixes.jsonl:2: 'retype' needs 'type'" in line
