"""kg.aggregates: co-mention weights, degree and centrality, and figure groups computed once at build time
and stored as triples; they equal what SPARQL recomputes over the article graphs."""

from __future__ import annotations

from kg.aggregates import co_mentions
from kg.compare import describe_disagreements, period_label
from kg.records import Entity
from kg.resolve import MentionTally, Resolution
from kg.store import GraphStore

RECOMPUTED_PAIRS = """
PREFIX kg: <https://w3id.org/kg/ns#>
PREFIX schema: <https://schema.org/>
SELECT ?a ?b (COUNT(DISTINCT ?article) AS ?n) WHERE {
  ?article a kg:Article ; schema:mentions ?a, ?b . FILTER (STR(?a) < STR(?b))
} GROUP BY ?a ?b"""
STORED_PAIRS = """
PREFIX kg: <https://w3id.org/kg/ns#>
SELECT ?a ?b ?n WHERE { ?pair a kg:CoMention ; kg:first ?a ; kg:second ?b ; kg:weight ?n }"""
RECOMPUTED_ENTITIES = """
PREFIX kg: <https://w3id.org/kg/ns#>
PREFIX schema: <https://schema.org/>
SELECT ?e (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?other) AS ?partners) WHERE {
  ?article a kg:Article ; schema:mentions ?e .
  OPTIONAL { ?article schema:mentions ?other FILTER (?other != ?e) }
} GROUP BY ?e"""
STORED_ENTITIES = """
PREFIX kg: <https://w3id.org/kg/ns#>
SELECT ?e ?articles ?partners WHERE { ?e kg:articleCount ?articles ; kg:degree ?partners }"""


def _resolution(*names: str) -> Resolution:
    resolution = Resolution()
    for name in names:
        resolution.entities[name.lower()] = Entity(name.lower(), name, "Person")
    return resolution


def test_co_mentions_count_articles_once_per_pair():
    resolution = _resolution("Ann", "Bo", "Cy")
    tallies = []
    for article, names in (("1", ["Ann", "Bo", "Ann"]), ("2", ["Ann", "Bo", "Cy"]), ("3", ["Cy"])):
        for name in names:
            resolution.index[(article, name)] = name.lower()
        tallies.append(MentionTally(article, tuple((n, n, "Person", "model", 1) for n in names)))
    result = co_mentions(tallies, resolution)
    assert result.pairs == {("ann", "bo"): 2, ("ann", "cy"): 1, ("bo", "cy"): 1}
    assert result.articles == {"ann": 2, "bo": 2, "cy": 2}
    assert result.degree == {"ann": 2, "bo": 2, "cy": 2} and result.centrality("ann") == 1.0


def test_stored_aggregates_equal_what_sparql_recomputes(sample_build):
    store = GraphStore.open(sample_build[0])
    stored = sorted(map(tuple, store.rows(STORED_PAIRS)[1]))
    assert stored and stored == sorted(map(tuple, store.rows(RECOMPUTED_PAIRS)[1]))
    entities = sorted(map(tuple, store.rows(STORED_ENTITIES)[1]))
    assert entities and entities == sorted(map(tuple, store.rows(RECOMPUTED_ENTITIES)[1]))


def test_every_comparable_figure_is_in_one_group(sample_build):
    store = GraphStore.open(sample_build[0])
    _, rows = store.rows(
        "PREFIX kg: <https://w3id.org/kg/ns#> SELECT ?f (COUNT(?g) AS ?n) WHERE { ?g a kg:FigureGroup ; kg:figure ?f } "
        "GROUP BY ?f"
    )
    assert rows and all(n == 1 for _, n in rows)


def test_disagreements_are_described_one_line_per_group():
    columns = ["measure", "unit", "start", "end", "place", "value", "qualifier", "sources", "group"]
    rows = [
        ["arrivals", "person", "2015-01-01", "2015-12-31", "South Korea", 1275, None, 3, "g1"],
        ["arrivals", "person", "2015-01-01", "2015-12-31", "South Korea", 1277, None, 5, "g1"],
        ["budget", "KRW", "2015-01-01", "2015-06-30", None, 2.5e9, "about", 1, "g2"],
        ["budget", "KRW", "2015-01-01", "2015-06-30", None, 3e9, None, 1, "g2"],
    ]
    assert describe_disagreements(columns, rows) == [
        "2015 arrivals (South Korea): 1,275 (3 sources) vs 1,277 (5 sources)",
        "2015-01-01 to 2015-06-30 budget: about 2,500,000,000 KRW (1 source) vs 3,000,000,000 KRW (1 source)",
    ]
    assert period_label(None, "2015-12-31") == "up to 2015-12-31"
