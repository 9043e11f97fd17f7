"""kg.explain and the `kg explain` / `kg path` commands: evidence behind triples, paths between entities."""

from __future__ import annotations

import pytest

from kg.cli import app
from kg.errors import QueryError
from kg.explain import explain, mark, predicate_iri, shortest_path
from kg.store import GraphStore

#: A small graph: two people in one agency, a relation with evidence each, and a name with a quote in it.
TRIG = """\
@prefix kg: <https://w3id.org/kg/ns#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix id: <https://w3id.org/kg/id/> .

id:graph\\/entities {
  id:entity\\/ann a kg:Entity, kg:Person ; rdfs:label "Ann Lee" ; skos:altLabel "Lee" .
  id:entity\\/bo a kg:Entity, kg:Person ; rdfs:label "Bo Kim" .
  id:entity\\/ag a kg:Entity, kg:Agency ; rdfs:label "Spy Agency" ; skos:altLabel "SA" .
  id:entity\\/odd a kg:Entity, kg:Person ; rdfs:label "O'Brien \\" } ?x" .
}
id:graph\\/a1 {
  id:entity\\/ann kg:leads id:entity\\/ag .
  id:relation\\/a1-1 a rdf:Statement ; rdf:subject id:entity\\/ann ; rdf:predicate kg:leads ;
      rdf:object id:entity\\/ag ; kg:role "chief" ; kg:evidence "SA chief Ann Lee spoke." ;
      nif:beginIndex 10 ; nif:endIndex 33 ; kg:confidence 0.9 ; kg:extractor "role-before-name" .
  id:entity\\/bo kg:memberOf id:entity\\/ag .
  id:relation\\/a1-2 a rdf:Statement ; rdf:subject id:entity\\/bo ; rdf:predicate kg:memberOf ;
      rdf:object id:entity\\/ag ; kg:role "analyst" ; kg:evidence "Bo Kim, an analyst at the Spy Agency, agreed." ;
      nif:beginIndex 34 ; nif:endIndex 80 ; kg:confidence 0.9 ; kg:extractor "apposition" .
}
"""


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


def test_predicate_forms():
    assert predicate_iri("memberOf") == predicate_iri("kg:memberOf") == "https://w3id.org/kg/ns#memberOf"
    assert predicate_iri("https://w3id.org/kg/ns#leads").endswith("#leads")
    with pytest.raises(QueryError, match=r"unknown predicate 'worksFor'"):
        predicate_iri("worksFor")


def test_mark_puts_subject_and_object_in_guillemets():
    assert mark("SA chief Ann Lee spoke.", ["Ann Lee", "Lee"], ["Spy Agency", "SA"]) == "«SA» chief «Ann Lee» spoke."
    assert mark("Nothing here.", ["Ann Lee"], ["SA"]) == "Nothing here."


def test_explain_finds_the_evidence_by_label_or_surface_form(small):
    store = GraphStore.open(small)
    (found,) = explain(store, "lee", "kg:leads", "SA")
    assert found.sentence == "SA chief Ann Lee spoke."
    assert found.marked == "«SA» chief «Ann Lee» spoke."
    assert (found.begin, found.end, found.role, found.extractor) == (10, 33, "chief", "role-before-name")
    assert found.confidence == pytest.approx(0.9)


def test_explain_member_of_includes_leaders(small):
    store = GraphStore.open(small)
    assert {e.role for e in explain(store, "Ann Lee", "memberOf", "Spy Agency")} == {"chief"}
    assert explain(store, "Bo Kim", "leads", "Spy Agency") == []


def test_explain_names_are_substituted_not_spliced(small):
    store = GraphStore.open(small)
    assert explain(store, "O'Brien \" } ?x", "leads", "SA") == []
    with pytest.raises(QueryError, match=r"no entity is called '\?x } UNION'"):
        explain(store, "?x } UNION", "leads", "SA")


def test_path_goes_through_the_shared_agency(small):
    steps = shortest_path(GraphStore.open(small), "Ann Lee", "Bo Kim")
    assert [s.arrow() for s in steps] == ["Ann Lee —leads (chief)→ Spy Agency", "Spy Agency ←memberOf (analyst)— Bo Kim"]
    assert steps[1].sentences == ["Bo Kim, an analyst at the Spy Agency, agreed."]


def test_no_path(small):
    with pytest.raises(QueryError, match=r"no path of relations \(try --co-mentions\) links 'Ann Lee' and 'O"):
        shortest_path(GraphStore.open(small), "Ann Lee", "O'Brien \" } ?x")


def test_cli_explain_on_a_build(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["explain", str(folder), "Lee Byung-ho", "leads", "NIS"])
    assert result.exit_code == 0, result.output
    assert "«NIS» chief «Lee Byung-ho» told lawmakers" in result.stdout
    assert "role chief" in result.stdout


def test_cli_explain_without_evidence_and_with_a_bad_predicate(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["explain", str(folder), "Lee Byung-ho", "defectedTo", "NIS"])
    assert result.exit_code == 1
    assert "no evidence" in result.stderr
    result = runner.invoke(app, ["explain", str(folder), "Lee Byung-ho", "likes", "NIS"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: unknown predicate 'likes'")


def test_cli_path_on_a_build(runner, sample_build):
    folder, _ = sample_build
    result = runner.invoke(app, ["path", str(folder), "Kim Jong-un", "Jang Song-thaek"])
    assert result.exit_code == 0, result.output
    assert "Kim Jong-un ←relativeOf (uncle)— Jang Song-thaek" in result.stdout
    assert "1 step(s)" in result.stdout
    result = runner.invoke(app, ["path", str(folder), "Thae Yong-ho", "Nobody Here"])
    assert result.exit_code == 1
    assert "no entity is called 'Nobody Here'" in result.stderr


@pytest.mark.parametrize("command", ["explain", "path"])
def test_help_and_usage(runner, command, tmp_path):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert f" {command} " in result.output
    result = runner.invoke(app, [command, str(tmp_path), "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_cli_explain_of_a_folder_without_a_build(runner, tmp_path):
    result = runner.invoke(app, ["explain", str(tmp_path), "A", "leads", "B"])
    assert result.exit_code == 1
    assert "no kg build here" in " ".join(result.stderr.split())
