"""kg.cli: every command through typer's CliRunner: help, success, usage errors, one-line failures."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import CORPUS_TITLES

from kg.cli import app
from kg.listings import PAGE_SIZE

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
    assert result.exit_code == 2
    assert stderr_of(result).splitlines() == [
        f"skipped {empty}: empty file",
        "error: nothing to build: no source could be read (1 skipped)",
    ]


def test_build_names_every_skipped_source_when_nothing_is_built(runner, tmp):
    table = tmp / "export.csv"
    table.write_text("name,count\nKim,3\n", encoding="utf-8")
    missing = tmp / "missing.txt"
    result = runner.invoke(app, ["build", str(table), str(missing), "--out", str(tmp / "out"), "--json"])
    assert result.exit_code == 2
    lines = stderr_of(result).splitlines()
    assert lines[0].startswith(f"skipped {table}: no text column")
    assert lines[1] == f"skipped {missing}: no such file or folder"
    assert lines[2] == "error: nothing to build: no source could be read (2 skipped)"
    reported = json.loads(result.stdout)
    assert [s["source"] for s in reported["skipped"]] == [str(table), str(missing)]
    assert reported["error"] == "nothing to build: no source could be read (2 skipped)"
    assert not (tmp / "out" / "graph.trig").exists()


def test_a_build_writes_nothing_but_skips_to_stderr(runner, corpus, tmp):
    result = runner.invoke(app, ["build", str(corpus["plain"]), "--out", str(tmp / "out")])
    assert result.exit_code == 0, result.output
    assert stderr_of(result) == ""


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
    result = runner.invoke(app, ["query", str(folder), HEADLINES, "--format", "table"])
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
    assert "must be table, tsv, csv or json" in result.output


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
    line = assert_one_line_failure(result)
    assert "no entity is called 'Nobody Atall'" in line
    assert not (tmp / "x.html").exists()


@pytest.fixture
def build_copy(sample_build, tmp):
    """A copy of the sample build that a test may write pages into."""
    import shutil

    folder, _ = sample_build
    return shutil.copytree(folder, tmp / "copy")


def test_viz_unknown_focus_suggests_names_and_writes_nothing(runner, build_copy):
    page = build_copy / "graph.html"
    before, files = page.read_bytes(), sorted(p.name for p in build_copy.iterdir())
    result = runner.invoke(app, ["viz", str(build_copy), "--focus", "Lee Byung-hoo"])
    line = assert_one_line_failure(result)
    assert "no entity is called 'Lee Byung-hoo' (closest: Lee Byung-ho" in line
    assert page.read_bytes() == before and sorted(p.name for p in build_copy.iterdir()) == files


def test_viz_focus_goes_to_its_own_page_with_one_hop(runner, build_copy):
    page = build_copy / "graph.html"
    before = page.read_bytes()
    result = runner.invoke(app, ["viz", str(build_copy), "--focus", "Lee Byung-ho"])
    assert result.exit_code == 0, result.output
    focused = build_copy / "focus-lee-byung-ho.html"
    assert f"wrote {focused}: " in result.stdout
    assert page.read_bytes() == before, "the build's page is left alone"
    one_hop = int(result.stdout.split(": ", 1)[1].split(" entities")[0])
    two = runner.invoke(app, ["viz", str(build_copy), "--focus", "Lee Byung-ho", "--hops", "2", "-o", str(build_copy / "2.html")])
    everything = runner.invoke(app, ["entities", str(build_copy)])
    n_two, n_all = int(two.stdout.split(": ", 1)[1].split(" entities")[0]), int(everything.stdout.split()[-2])
    assert 2 <= one_hop < n_two < n_all, "one hop is the default, and a neighbourhood is a part of the graph"
    result = runner.invoke(app, ["viz", str(build_copy), "--top", "5"])
    assert result.exit_code == 0 and (build_copy / "top-5.html").is_file() and page.read_bytes() == before


def test_viz_without_options_rewrites_the_full_page(runner, build_copy):
    page = build_copy / "graph.html"
    page.write_text("stale", encoding="utf-8")
    result = runner.invoke(app, ["viz", str(build_copy)])
    assert result.exit_code == 0, result.output
    assert f"wrote {page}: " in result.stdout and "new vis.Network(" in page.read_text(encoding="utf-8")


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
    result = runner.invoke(app, ["figures", str(folder), "--format", "table"])
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


def test_figures_disagreements_lists_only_the_groups_that_disagree(runner, nlp, tmp_path):
    from kg.build import build

    texts = {
        "a.txt": "Two outlets, one count\n\nThe Ministry of Unification said 1,275 North Korean defectors arrived in South Korea in 2015.\n",
        "b.txt": "Another count\n\nThe Ministry of Unification said 1,420 North Korean defectors arrived in South Korea in 2015.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "out"
    build([tmp_path / name for name in texts], folder, nlp=nlp)
    full = runner.invoke(app, ["figures", str(folder), "--format", "table"])
    only = runner.invoke(app, ["figures", str(folder), "--disagreements"])
    assert only.exit_code == 0, only.output
    lines = only.stdout.strip().splitlines()
    assert len(lines) == 1 and "1,275" in lines[0] and "1,420" in lines[0] and " vs " in lines[0]
    assert {f"disagree: {line}" for line in lines} == {x for x in full.stdout.splitlines() if x.startswith("disagree: ")}


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
    page = target.read_text(encoding="utf-8")
    assert "Plotly.newPlot" in page and "<script src" not in page
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


# ---------------------------------------------------------------------------
# readable tables (issue 12, item 4)
# ---------------------------------------------------------------------------


def drawn_columns(text: str) -> tuple[list[int], list[str]]:
    """The column widths of the first table in `text` (from its top border) and its body lines."""
    lines = text.splitlines()
    top = next(line for line in lines if line.startswith("┏"))
    widths = [len(part) - 2 for part in top.strip("┏┓").split("┳")]
    body = [line for line in lines if line.startswith("│")]
    return widths, body


def natural_widths(runner, args: list[str]) -> list[int]:
    """The widest cell of each non-empty column, with IRIs compacted, from the command's TSV."""
    from kg.namespace import compact_iri

    result = runner.invoke(app, [*args, "--format", "tsv"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    columns = list(zip(*rows, strict=True))
    return [max(len(compact_iri(cell)) for cell in column) for column in columns if any(column[1:])]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("ready", ["figures-over-time", "statements-by-agency", "people-roles", "who-said-what"])
def test_query_tables_never_fold_a_cell_below_six_characters(runner, sample_build, monkeypatch, width, ready):
    import kg.cli

    folder, _ = sample_build
    monkeypatch.setattr(kg.cli.out, "width", width)
    args = ["query", str(folder), ready]
    result = runner.invoke(app, [*args, "--format", "table"])
    assert result.exit_code == 0, result.output
    rows = int(result.stdout.strip().splitlines()[-1].split()[0])
    assert rows > 0
    widths, body = drawn_columns(result.stdout)
    natural = natural_widths(runner, args)
    assert len(widths) == len(natural)
    for drawn, wanted in zip(widths, natural, strict=True):
        assert drawn >= min(6, wanted)
    assert len(body) == rows  # one line per row: nothing folded onto a second line


def test_a_table_that_fits_is_no_wider_than_the_terminal(runner, sample_build, monkeypatch):
    import kg.cli

    folder, _ = sample_build
    monkeypatch.setattr(kg.cli.out, "width", 80)
    result = runner.invoke(app, ["entities", str(folder), "--merges"])
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "…" in result.stdout  # long lists of surface forms are cut, not folded


def test_figures_fit_100_columns_with_the_useful_columns_first(runner, sample_build, monkeypatch):
    import kg.cli

    folder, _ = sample_build
    monkeypatch.setattr(kg.cli.out, "width", 100)
    result = runner.invoke(app, ["figures", str(folder), "--format", "table"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    header = next(line for line in lines if line.startswith("┃"))
    assert [cell.strip() for cell in header.strip("┃").split("┃")][:4] == ["value", "unit", "measure", "period"]
    widths, body = drawn_columns(result.stdout)
    assert min(widths) >= 6
    assert len(body) == int(lines[-1].split()[0])


def test_tables_compact_iris_with_the_graph_prefixes(runner, sample_build, wide):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder), "people-roles", "--format", "table"])
    assert result.exit_code == 0
    assert "kg:memberOf" in result.stdout and "kg:Agency" in result.stdout
    assert "https://w3id.org/kg/ns#" not in result.stdout
    types = runner.invoke(app, ["query", str(folder), "entity-types", "--format", "table"])
    assert "kg:Person" in types.stdout


def test_a_pipe_gets_tsv_unless_a_table_is_asked_for(runner, sample_build):
    folder, summary = sample_build
    piped = runner.invoke(app, ["query", str(folder), HEADLINES])
    assert piped.exit_code == 0
    assert piped.stdout.splitlines()[0] == "h"
    assert len(piped.stdout.splitlines()) == summary.articles + 1
    figures = runner.invoke(app, ["figures", str(folder)])
    header = figures.stdout.splitlines()[0].split("\t")
    assert header[:3] == ["measure", "value", "unit"] and "conflicts" in header
    assert "┃" not in figures.stdout
    table = runner.invoke(app, ["query", str(folder), HEADLINES, "--format", "table"])
    assert "┃" in table.stdout


def test_columns_of_the_environment_set_the_table_width(sample_build):
    import os
    import subprocess
    import sys

    folder, _ = sample_build
    for columns in ("80", "120"):
        result = subprocess.run(
            [sys.executable, "-m", "kg.cli", "figures", str(folder), "--format", "table"],
            capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": columns},
        )
        assert result.returncode == 0, result.stderr
        widths, _ = drawn_columns(result.stdout)
        assert min(widths) >= 6
        if columns == "120":
            assert max(len(line) for line in result.stdout.splitlines()) <= 120


# ---------------------------------------------------------------------------
# kg query errors (issue 12, item 5)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("update", "operation"),
    [
        ("INSERT DATA { <urn:a> <urn:b> 1 }", "INSERT DATA"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("DROP ALL", "DROP"),
        ("PREFIX ex: <http://example.org/> CLEAR GRAPH ex:g", "CLEAR"),
    ],
)
def test_updates_are_refused_as_read_only(runner, sample_build, update, operation):
    folder, _ = sample_build
    line = assert_one_line_failure(runner.invoke(app, ["query", str(folder), update]))
    assert line == f"error: kg query is read-only: {operation} is an update"


def test_an_unreachable_service_is_one_line(runner, sample_build):
    from kg.serve import free_port

    folder, _ = sample_build
    endpoint = f"http://127.0.0.1:{free_port()}/sparql"
    query = f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"
    line = assert_one_line_failure(runner.invoke(app, ["query", str(folder), query]))
    assert line.startswith(f"error: query failed calling SERVICE <{endpoint}>: ")


def test_a_file_service_is_one_line(runner, sample_build, tmp):
    folder, _ = sample_build
    data = tmp / "data.ttl"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n")
    query = f"SELECT * WHERE {{ SERVICE <{data.as_uri()}> {{ ?s ?p ?o }} }}"
    line = assert_one_line_failure(runner.invoke(app, ["query", str(folder), query]))
    assert line.startswith(f"error: query failed calling SERVICE <{data.as_uri()}>: ")


def test_a_damaged_store_is_one_line(runner, sample_build, tmp):
    import shutil

    folder, _ = sample_build
    damaged = tmp / "damaged"
    shutil.copytree(folder / "oxigraph", damaged / "oxigraph")
    for table in sorted((damaged / "oxigraph").glob("*.sst")):
        with table.open("r+b") as handle:
            handle.seek(64)
            handle.write(b"\xff" * 4096)
    line = assert_one_line_failure(runner.invoke(app, ["query", str(damaged), HEADLINES]))
    assert line.startswith(f"error: {damaged}: cannot open the store (")


def test_a_runaway_query_is_stopped_by_timeout(sample_build):
    import subprocess
    import sys

    folder, _ = sample_build
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", str(folder), runaway, "--timeout", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: timed out: the query ran longer than 1 s (--timeout)"
    ]


# ---------------------------------------------------------------------------
# small things (issue 12, item 9)
# ---------------------------------------------------------------------------


def test_query_list_gives_whole_sentences(runner):
    from kg.query import ready_queries

    result = runner.invoke(app, ["query", ".", "--list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(ready_queries())
    for line in lines:
        name, description = line.split(": ", 1)
        assert name in ready_queries()
        assert description.rstrip().endswith((".", "?", ".)")), line
    conflicts = next(line for line in lines if line.startswith("figure-conflicts:"))
    assert conflicts.endswith("is one group.")  # the whole first paragraph, not its first line


@pytest.mark.parametrize("given", ["person", "PERSON", "Person"])
def test_entities_type_in_any_case(runner, sample_build, wide, given):
    folder, _ = sample_build
    result = runner.invoke(app, ["entities", str(folder), "--type", given])
    assert result.exit_code == 0
    assert "Lee Byung-ho" in result.stdout
    assert "Ministry of Unification" not in result.stdout
    assert not result.stdout.strip().endswith("0 entities")


def test_entities_unknown_type_lists_the_valid_ones(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["entities", str(folder), "--type", "Foo"])
    assert result.exit_code == 2
    said = " ".join(re.sub(r"[│\s]+", " ", result.output).split())
    assert "must be one of Person, Agency, Outlet, Organization, Place" in said


@pytest.fixture(scope="module")
def readme_build(tmp_path_factory, nlp):
    """data/sample built as README's first command builds it."""
    from pathlib import Path

    from kg.build import build

    root = Path(__file__).resolve().parents[1]
    folder = tmp_path_factory.mktemp("readme") / "kg-out"
    build([root / "data" / "sample"], folder, nlp=nlp, page=False)
    return root, folder


def test_readme_explain_and_path_examples_print_what_kg_prints(runner, readme_build, wide):
    import shlex

    root, folder = readme_build
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = next(b for b in readme.split("```") if "$ kg explain kg-out" in b)
    examples: list[tuple[str, list[str]]] = []
    for line in block.strip().splitlines():
        if line.startswith("$ "):
            examples.append((line[2:], []))
        else:
            examples[-1][1].append(line)
    checked = 0
    for command, shown in examples:
        if "#" in command:
            continue  # a command with a comment, not an output
        args = shlex.split(command)[1:]
        args[1] = str(folder)
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == shown, command
        checked += 1
    assert checked == 2


# ---------------------------------------------------------------------------
# paged listings (issue 11, item 7)
# ---------------------------------------------------------------------------


def test_query_shows_page_one_of_a_listing_and_how_to_get_more(runner, sample_build, wide):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder), "who-said-what", "--format", "table"])
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(rf"\d+ row\(s\), page 1 of 1 \({PAGE_SIZE} rows a page\); every row: --all", last), last
    listed = runner.invoke(app, ["query", ".", "--list"]).stdout
    assert "who-said-what: Who said what" in listed and f"Paged: {PAGE_SIZE} rows a page." in listed
    assert "entity-types: " in listed and listed.count("Paged:") == 5


def test_query_page_and_all(runner, sample_build):
    folder, _ = sample_build
    every = runner.invoke(app, ["query", str(folder), "figures-over-time", "--all", "--format", "json"])
    first = runner.invoke(app, ["query", str(folder), "figures-over-time", "--format", "json"])
    second = runner.invoke(app, ["query", str(folder), "figures-over-time", "--page", "2", "--format", "json"])
    assert every.exit_code == first.exit_code == second.exit_code == 0, every.output
    rows = json.loads(every.stdout)
    assert json.loads(first.stdout) == rows[:PAGE_SIZE] and len(rows) >= 3
    assert json.loads(second.stdout) == rows[PAGE_SIZE : 2 * PAGE_SIZE]  # empty if they fit on one page
    assert {row["page"] for row in rows} == {1}


def test_query_page_of_a_query_that_is_not_paged(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["query", str(folder), "entity-types", "--page", "2"])
    assert result.exit_code == 2
    assert "not a paged listing" in result.stderr
    both = runner.invoke(app, ["query", str(folder), "who-said-what", "--page", "2", "--all"])
    assert both.exit_code == 2 and "not both" in both.stderr


def test_query_of_a_listing_in_a_build_without_listings(runner, sample_build, tmp):
    import pyoxigraph as ox

    from kg.listings import LISTINGS_GRAPH

    folder, _ = sample_build
    store = ox.Store()
    store.load(path=str(folder / "graph.trig"), format=ox.RdfFormat.TRIG)
    store.remove_graph(ox.NamedNode(str(LISTINGS_GRAPH)))  # as a build made before the listings
    old = tmp / "old.nq"
    store.dump(str(old), format=ox.RdfFormat.N_QUADS)
    result = runner.invoke(app, ["query", str(old), "people-roles"])
    assert result.exit_code == 1
    assert "has no people-roles listing (an older kg made it): run kg build again" in result.stderr
    figures = runner.invoke(app, ["figures", str(old)])
    assert figures.exit_code == 1 and "has no figures-over-time listing" in figures.stderr
