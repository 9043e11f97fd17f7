"""kg.viz and its page script kg/viz_page.js: the network read from a build, `select`, `find`,
`offline`, the page written by `kg build` and `kg viz` — and that page used in a real headless
chromium with the network cut off: search, filters, side panel, tooltips, labels, scale.

The browser tests drive Debian's /usr/bin/chromium over the Chrome DevTools Protocol on a pipe
(`--remote-debugging-pipe`: null-terminated JSON on file descriptors 3 and 4), so they need no
Python package and no browser download. They are marked `browser` and skipped when chromium is
absent. Set KG_SCREENSHOT=/some/file.png to keep the screenshot of the build's page.
"""

from __future__ import annotations

import base64
import json
import os
import random
import re
import select as select_fd
import shutil
import subprocess
import time
import tomllib
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest

from kg import viz
from kg.errors import QueryError
from kg.store import HTML_FILE, GraphStore

CHROMIUM = Path("/usr/bin/chromium")
SCRIPT_TEXT = "<script>alert(1)</script>"
TITLE = "Defections fall <script>alert(3)</script> & rise"

CORPUS = [
    {
        "text": (
            f"NIS chief Lee Byung-ho said {SCRIPT_TEXT} and <b>bold</b> claims by S&P about defectors were false. "
            "He told lawmakers that 1,200 North Koreans defected to South Korea last year, Yonhap reported."
        ),
        "title": TITLE, "published": "2015-03-10", "url": "https://example.org/a1", "outlet": "Yonhap",
        "author": "Jane Bylineonly",
    },
    {
        "text": (
            "The Ministry of Unification said on Monday that South Korea would expand support for defectors. "
            "NIS chief Lee Byung-ho agreed, according to Yonhap."
        ),
        "title": "Support expands", "published": "2015-04-02", "url": "javascript:alert(4)", "outlet": "Yonhap",
    },
]
#: the entities `kg entities` lists: those with a mention count
ENTITY_COUNT = """
PREFIX kg: <https://w3id.org/kg/ns#>
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Entity ; kg:mentionCount ?m }"""
ANY_ENTITY = """
PREFIX kg: <https://w3id.org/kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label WHERE { ?e a kg:Entity ; rdfs:label ?label }"""


# ---------------------------------------------------------------------------------------------
# a tiny build, made once with the real `kg build` command


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """`kg build corpus.jsonl --out DIR` on two short articles; the output folder (do not write into it)."""
    from typer.testing import CliRunner

    from kg.cli import app

    folder = tmp_path_factory.mktemp("viz")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in CORPUS), encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert (out / HTML_FILE).is_file()
    return out


@pytest.fixture
def built_copy(built, tmp_path) -> Path:
    """A copy of the build that a test may write pages into."""
    return Path(shutil.copytree(built, tmp_path / "out"))


@pytest.fixture(scope="module")
def page(built) -> str:
    return (built / HTML_FILE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def entity_count(built) -> int:
    _, rows = GraphStore.open(built).rows(ENTITY_COUNT)
    return rows[0][0]


def page_data(text: str) -> dict:
    """The JSON block kg's script reads."""
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, flags=re.S)
    assert found
    return json.loads(found.group(1))


def node_options(page: str) -> list[dict]:
    found = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, flags=re.S)
    assert found
    return json.loads(found.group(1))


def edge_options(page: str) -> list[dict]:
    found = re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", page, flags=re.S)
    assert found
    return json.loads(found.group(1))


# ---------------------------------------------------------------------------------------------
# network(): what is read from the store


def test_network_has_one_node_per_listed_entity_with_its_type_and_mentions(built, entity_count):
    graph = viz.network(GraphStore.open(built))
    assert graph.number_of_nodes() == entity_count >= 4
    labels = {d["label"]: d for d in graph.nodes.values()}
    assert labels["Lee Byung-ho"]["type"] == "Person"
    assert labels["Ministry of Unification"]["type"] == "Agency"
    assert labels["South Korea"]["type"] == "Place"
    assert labels["South Korea"]["wikidata"] == "http://www.wikidata.org/entity/Q884"
    assert all(isinstance(d["mentions"], int) and d["mentions"] >= 1 for d in graph.nodes.values())


def test_a_bylined_author_linked_to_nothing_is_no_node(built):
    store = GraphStore.open(built)
    assert "Jane Bylineonly" in {row[0] for row in store.rows(ANY_ENTITY)[1]}, "the author is an entity of the graph"
    assert "Jane Bylineonly" not in {d["label"] for d in viz.network(store).nodes.values()}


def test_network_has_relation_edges_with_evidence_and_articles(built):
    graph = viz.network(GraphStore.open(built))
    relations = [(a, b, d) for a, b, d in graph.edges(data=True) if d["kind"] == "relation"]
    assert relations, "the corpus says 'NIS chief Lee Byung-ho': a kg:leads relation is expected"
    for _, _, d in relations:
        assert d["label"] in viz.RELATIONS
        assert d["evidence"] and d["sources"]
        assert all(s["article"] in graph.graph["articles"] for s in d["sources"])
    leads = [(a, b, d) for a, b, d in relations if d["label"] == "leads"]
    assert leads and all(graph.nodes[a]["label"] == "Lee Byung-ho" for a, _, _ in leads)
    assert any(d.get("role") == "chief" for _, _, d in leads)
    titles = {graph.graph["articles"][s["article"]]["title"] for _, _, d in leads for s in d["sources"]}
    assert titles == {TITLE, "Support expands"}, "one evidence sentence from each article"


def test_network_co_mentions_name_their_articles(built):
    graph = viz.network(GraphStore.open(built))
    co = [(a, b, d) for a, b, d in graph.edges(data=True) if d["kind"] == "co-mention"]
    assert co and all(d["weight"] == len(d["articles"]) in (1, 2) for _, _, d in co)
    for a, b, d in co:
        for article in d["articles"]:
            assert article in graph.nodes[a]["articles"] and article in graph.nodes[b]["articles"]


def test_network_articles_and_figures(built):
    graph = viz.network(GraphStore.open(built))
    articles = graph.graph["articles"]
    assert sorted((a["title"], a["date"], a["outlet"]) for a in articles.values()) == [
        (TITLE, "2015-03-10", "Yonhap News Agency"), ("Support expands", "2015-04-02", "Yonhap News Agency")]
    lee = next(d for d in graph.nodes.values() if d["label"] == "Lee Byung-ho")
    assert len(lee["articles"]) == 2 and all(n >= 1 for n in lee["articles"].values())
    south_korea = next(d for d in graph.nodes.values() if d["label"] == "South Korea")
    figures = [f for d in graph.nodes.values() for f in d["figures"]]
    assert any(f["text"] == "1,200" for f in figures), figures
    assert all(f["role"] in ("states", "place") and f["article"] in articles for f in figures)
    assert all(f["role"] == "place" for f in south_korea["figures"])


# ---------------------------------------------------------------------------------------------
# select(), find(), strongest_co_mentions()


def sample_graph() -> nx.MultiDiGraph:
    """A - B - C - D chain (mixed directions), E - F; 'Korea' and 'South Korea' both present."""
    g = nx.MultiDiGraph()
    g.graph["articles"] = {
        "a1": {"title": TITLE, "date": "2015-01-05", "url": "https://example.org/a1", "outlet": "S&P Wire"},
        "a2": {"title": "Second <b>story</b>", "date": "2015-06-01", "url": "javascript:alert(5)", "outlet": None},
        "a3": {"title": "Third story", "date": "2016-02-01", "url": None, "outlet": "Yonhap"},
    }
    for node, label, kind, mentions, forms, articles in [
        ("A", "Lee Byung-ho", "Person", 5, ["Lee"], {"a1": 3, "a2": 2}),
        ("B", "National Intelligence Service", "Agency", 9, ["NIS", "the spy agency"], {"a1": 4, "a2": 5}),
        ("C", "South Korea", "Place", 20, ["Seoul's government"], {"a1": 10, "a2": 5, "a3": 5}),
        ("D", "Yonhap News Agency", "Outlet", 3, [], {"a3": 3}),
        ("E", "Korea", "Place", 7, [], {"a3": 7}),
        ("F", "S&P <Global>", "Organization", 1, [], {"a3": 1}),
    ]:
        g.add_node(node, label=label, type=kind, mentions=mentions, wikidata=None, geonames=None, forms=forms,
                   articles=articles, figures=[])
    g.nodes["C"]["wikidata"] = "http://www.wikidata.org/entity/Q884"
    g.nodes["C"]["geonames"] = "https://sws.geonames.org/1835841/"
    g.nodes["C"]["figures"] = [{"text": "1,277", "unit": "person", "measured": "defectors arrived", "start": "2015-01-01",
                                "end": "2015-12-31", "article": "a3", "evidence": "1,277 arrived & <i>stayed</i>.",
                                "role": "place"}]
    g.add_edge("A", "B", kind="relation", label="leads", role="chief", evidence=f"NIS chief Lee Byung-ho said {SCRIPT_TEXT}.",
               sources=[{"sentence": f"NIS chief Lee Byung-ho said {SCRIPT_TEXT}.", "article": "a1", "role": "chief"},
                        {"sentence": "Lee, who runs S&P's rival, agreed.", "article": "a2", "role": None}])
    g.add_edge("C", "B", kind="co-mention", label="", weight=2, articles=["a1", "a2"])  # direction must not matter
    g.add_edge("C", "D", kind="co-mention", label="", weight=1, articles=["a3"])
    g.add_edge("F", "E", kind="co-mention", label="", weight=1, articles=["a3"])
    return g


@pytest.mark.parametrize(("focus", "hops", "expected"), [
    ("Lee Byung-ho", 1, {"A", "B"}),
    ("lee BYUNG-HO", 1, {"A", "B"}),  # any case
    ("Lee Byung-ho", 2, {"A", "B", "C"}),
    ("Lee Byung-ho", 3, {"A", "B", "C", "D"}),
    ("Lee Byung-ho", 0, {"A"}),
    ("National Intelligence Service", 1, {"A", "B", "C"}),  # edges followed both ways
    ("NIS", 1, {"A", "B", "C"}),  # a surface form
    ("Yonhap News Agency", 2, {"D", "C", "B"}),
    ("news agency", 1, {"D", "C"}),  # no exact name: the most mentioned label containing the text
    ("korea", 1, {"E", "F"}),  # an exact label wins over a longer one containing it
])
def test_select_keeps_the_neighbourhood_of_the_focus(focus, hops, expected):
    assert set(viz.select(sample_graph(), focus=focus, hops=hops)) == expected


def test_an_unknown_focus_raises_with_the_closest_names():
    with pytest.raises(QueryError, match=r"no entity is called 'Lee Byung-hoo' \(closest: Lee Byung-ho"):
        viz.select(sample_graph(), focus="Lee Byung-hoo")
    with pytest.raises(QueryError, match=r"no entity is called 'Natonal Inteligence'.*closest: National Intelligence Service"):
        viz.find(sample_graph(), "Natonal Inteligence")
    with pytest.raises(QueryError, match=r"no entity is called 'zzzz qqqq' \(try `kg entities DIR`\)"):
        viz.find(sample_graph(), "zzzz qqqq")


def test_select_top_keeps_the_most_mentioned():
    assert set(viz.select(sample_graph(), top=2)) == {"C", "B"}
    assert set(viz.select(sample_graph(), top=100)) == set("ABCDEF")


def test_select_top_ranks_within_the_focus():
    assert set(viz.select(sample_graph(), focus="Lee Byung-ho", hops=3, top=2)) == {"C", "B"}


def test_select_keeps_edges_and_data_and_leaves_the_input_alone():
    graph = sample_graph()
    selected = viz.select(graph, focus="Lee Byung-ho", hops=2)
    assert selected.number_of_edges() == 2
    assert selected.nodes["A"] == graph.nodes["A"]
    assert selected.graph["articles"] == graph.graph["articles"]
    assert [d["evidence"] for _, _, d in selected.edges("A", data=True)] == [f"NIS chief Lee Byung-ho said {SCRIPT_TEXT}."]
    selected.remove_node("A")
    assert "A" in graph and graph.number_of_nodes() == 6


def test_select_without_options_keeps_everything():
    graph = sample_graph()
    selected = viz.select(graph)
    assert set(selected) == set(graph) and selected.number_of_edges() == graph.number_of_edges()


def star_of_co_mentions(n: int) -> nx.MultiDiGraph:
    """Node H named once with each of n others; the others also named with one another twice in a chain."""
    g = nx.MultiDiGraph()
    for i in range(n + 1):
        g.add_node(i, label=f"N{i}", type="Person", mentions=1)
    for i in range(1, n + 1):
        g.add_edge(0, i, kind="co-mention", weight=1, articles=["x"])
    g.add_edge(1, 2, kind="co-mention", weight=2, articles=["x", "y"])
    g.add_edge(1, 3, kind="relation", label="memberOf", evidence="s")
    return g


def test_strongest_co_mentions_keeps_each_nodes_strongest_and_every_repeated_pair():
    graph = star_of_co_mentions(10)
    thinned = viz.strongest_co_mentions(graph)
    kept = {(a, b) for a, b, d in thinned.edges(data=True) if d["kind"] == "co-mention"}
    assert (1, 2) in kept  # named together twice
    assert {(0, i) for i in range(1, 11)} <= kept  # each leaf's only co-mention is its strongest
    assert any(d["kind"] == "relation" for _, _, d in thinned.edges(data=True))
    assert graph.number_of_edges() == 12, "the input is left alone"
    big = star_of_co_mentions(10)
    big.add_edges_from((i, j, {"kind": "co-mention", "weight": 1, "articles": ["x"]})
                       for i in range(1, 11) for j in range(i + 1, 11) if (i, j) != (1, 2))
    thinned = viz.strongest_co_mentions(big)
    degree = {n: sum(1 for _, _, d in thinned.edges(n, data=True) if d["kind"] == "co-mention") +
              sum(1 for _, _, d in thinned.in_edges(n, data=True) if d["kind"] == "co-mention") for n in thinned}
    assert thinned.number_of_edges() < big.number_of_edges()
    assert all(degree[n] == viz.CO_MENTIONS_PER_NODE for n in range(3, 11)), "ties go to the first names, once each"


def co_mention_store(tmp_path: Path) -> GraphStore:
    """A store of 20 people, five named in each of 8 articles: far more co-mentions than are worth drawing."""
    lines = ["@prefix kg: <https://w3id.org/kg/ns#> . @prefix schema: <https://schema.org/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix id: <https://example.org/id/> ."]
    people = [f"id:p{n}" for n in range(20)]
    pick = random.Random(1)
    entities = (f'{p} a kg:Entity, kg:Person ; rdfs:label "Person {n}" ; kg:mentionCount {n + 1} .'
                for n, p in enumerate(people))
    lines.append("id:entities { " + " ".join(entities) + " }")
    for article in range(8):
        named = pick.sample(people, 5)
        lines.append(f"id:g{article} {{ id:a{article} a kg:Article ; schema:datePublished \"2020-01-0{article + 1}\" ; "
                     f"schema:mentions {', '.join(named)} . }}")
    path = tmp_path / "co-mentions.trig"
    path.write_text("\n".join(lines), encoding="utf-8")
    return GraphStore.open(path)


def test_network_strongest_is_the_thinned_network_without_the_weak_co_mentions(tmp_path):
    store = co_mention_store(tmp_path)
    whole, thinned = viz.network(store), viz.network(store, strongest=True)
    expected = viz.strongest_co_mentions(whole)
    assert thinned.number_of_edges() < whole.number_of_edges(), "the corpus has co-mentions not worth drawing"
    assert list(thinned.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(thinned.edges(data=True)) == list(expected.edges(data=True)), "the same edges, in the same order"


# ---------------------------------------------------------------------------------------------
# communities(), counts(), page_path()


def two_cliques() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.graph["articles"] = {}
    for group, base in (("a", 0), ("b", 10)):
        for i in range(5):
            g.add_node(f"{group}{i}", label=f"{group.upper()}{i}", type="Person", mentions=base + 10 - i,
                       forms=[], articles={}, figures=[])
        for i in range(5):
            for j in range(i + 1, 5):
                g.add_edge(f"{group}{i}", f"{group}{j}", kind="co-mention", weight=2, articles=[])
    g.add_edge("a0", "b0", kind="co-mention", weight=1, articles=[])
    g.add_node("lonely", label="Lonely", type="Place", mentions=1, forms=[], articles={}, figures=[])
    return g


def test_communities_are_named_by_their_most_mentioned_members():
    member, legend = viz.communities(two_cliques())
    assert [c["name"] for c in legend] == ["B0, B1, B2", "A0, A1, A2"]  # the more mentioned group first
    assert [c["size"] for c in legend] == [5, 5]
    assert {member[f"b{i}"] for i in range(5)} == {0} and {member[f"a{i}"] for i in range(5)} == {1}
    assert member["lonely"] == -1, "a group of one gets no colour of its own"
    assert len({c["colour"] for c in legend}) == 2


def test_counts_and_when_co_mentions_start_hidden():
    counts = viz.counts(sample_graph())
    assert (counts.nodes, counts.relations, counts.co_mentions, counts.sentences) == (6, 1, 3, 2)
    assert counts.co_mentions_shown and "co-mentions start hidden" not in str(counts)
    many = viz.Counts(10, 1, viz.CO_MENTIONS_SHOWN_UP_TO + 1, 1)
    assert not many.co_mentions_shown and "co-mentions start hidden" in str(many)
    assert str(counts).startswith("6 entities, 1 relation link (from 2 sentences), 3 co-mention links")
    assert str(viz.Counts(1, 2, 1, 1)) == "1 entity, 2 relation links (from 1 sentence), 1 co-mention link"


def test_page_path_never_replaces_the_build_page_for_a_part(tmp_path):
    assert viz.page_path(tmp_path) == tmp_path / HTML_FILE
    assert viz.page_path(tmp_path, focus="Lee Byung-ho") == tmp_path / "focus-lee-byung-ho.html"
    assert viz.page_path(tmp_path, top=40) == tmp_path / "top-40.html"
    assert viz.page_path(tmp_path, focus="Ri Sol-ju", top=5) == tmp_path / "focus-ri-sol-ju-top-5.html"


# ---------------------------------------------------------------------------------------------
# offline()

ONLINE_PAGE = """<html><head>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.0.0/dist/css/bootstrap.min.css" />
<link
          href="https://cdn.example.org/vis.css"
          rel="stylesheet"
          crossorigin="anonymous"
        />
<script src="http://cdn.example.org/vis.js"></script>
<script
          src="https://cdn.jsdelivr.net/npm/bootstrap@5.0.0/dist/js/bootstrap.bundle.min.js"
          crossorigin="anonymous"
        ></script>
<script type="text/javascript">var inline = 1;</script>
<link rel="icon" href="favicon.ico" />
</head><body><a href="https://example.org/story">the story</a> https://example.org in text</body></html>"""


def test_offline_drops_every_remote_stylesheet_and_script():
    page = viz.offline(ONLINE_PAGE)
    assert not re.search(r"<(?:script|link)\b[^>]*(?:src|href)=\"https?://", page)
    assert "cdn." not in page


def test_offline_keeps_inline_scripts_local_links_and_text():
    page = viz.offline(ONLINE_PAGE)
    assert '<script type="text/javascript">var inline = 1;</script>' in page
    assert '<link rel="icon" href="favicon.ico" />' in page
    assert '<a href="https://example.org/story">the story</a> https://example.org in text' in page


def test_offline_is_idempotent_and_leaves_offline_pages_alone():
    once = viz.offline(ONLINE_PAGE)
    assert viz.offline(once) == once
    plain = "<html><head><script>var a = '<b>';</script></head><body></body></html>"
    assert viz.offline(plain) == plain


# ---------------------------------------------------------------------------------------------
# render(), the page script, and the page of a build, read as text


def remote_references(page: str) -> list[str]:
    return re.findall(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?https?://[^>]*>", page, flags=re.I)


def test_build_page_has_no_remote_script_or_stylesheet(page):
    assert remote_references(page) == []
    live = re.sub(r"<!--.*?-->", "", page, flags=re.S)  # pyvis leaves a commented-out node_modules block
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", live, flags=re.I), "every script is inlined"
    assert not re.search(r"<link\b[^>]*\bhref\s*=", live, flags=re.I), "every stylesheet is inlined"
    assert "new vis.Network(" in page and "vis-network" in page  # the library itself is in the page
    assert "<title>kg network</title>" in page
    assert "window.kgPage" in page, "kg's own script is in the page"


def test_build_page_holds_article_text_only_as_escaped_json(page):
    assert SCRIPT_TEXT not in page and "<b>bold</b>" not in page
    data = page_data(page)
    assert TITLE in [a["title"] for a in data["articles"]]
    assert any(SCRIPT_TEXT in s["sentence"] and "S&P" in s["sentence"] for e in data["edges"] for s in e.get("evidence", []))


def test_tooltips_are_plain_text_escaped_once(tmp_path):
    """vis-network shows a string title as text: an HTML escape would show as '&amp;'."""
    text = viz.render(sample_graph(), tmp_path / "p.html").read_text(encoding="utf-8")
    titles = {n["label"]: n["title"] for n in node_options(text)}
    assert titles["S&P <Global>"].startswith("S&P <Global>\nOrganization · 1 mention in 1 article")
    assert titles["National Intelligence Service"].endswith("also: NIS, the spy agency")
    leads = next(e for e in edge_options(text) if e.get("label") == "leads")
    assert leads["title"].startswith(f"Lee Byung-ho —leads (chief)→ National Intelligence Service\n“NIS chief Lee Byung-ho said {SCRIPT_TEXT}.”")
    assert f"— {TITLE}, S&P Wire, 2015-01-05" in leads["title"]
    assert "&amp;" not in json.dumps([n["title"] for n in node_options(text)] + [e["title"] for e in edge_options(text)])


def test_render_escapes_everything_that_could_close_the_script(tmp_path):
    graph = sample_graph()
    graph.nodes["A"]["label"] = "</script><script>alert(2)</script>"
    graph.add_edge("A", "C", kind="relation", label="memberOf", role="<i>r</i>", evidence=f"said {SCRIPT_TEXT}",
                   sources=[{"sentence": "said </SCRIPT><!-- & \u2028", "article": "a1", "role": "<i>r</i>"}])
    path = viz.render(graph, tmp_path / "page.html", title="<Korea & co>")
    text = path.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "</script><script>" not in text
    assert "</SCRIPT><!--" not in text and "<i>r</i>" not in text
    assert "<title>&lt;Korea &amp; co&gt;</title>" in text
    assert remote_references(text) == []
    data = page_data(text)
    assert data["title"] == "<Korea & co>"
    assert "</script><script>alert(2)</script>" in [n["label"] for n in data["nodes"]]
    assert not list(tmp_path.glob(".*.tmp")), "written through a temporary file that is renamed"


def test_script_json_round_trips_and_never_holds_markup():
    value = {"a": "</script><!-- & \u2028 \u2029 'quoted' \"double\" ü"}
    text = viz.script_json(value)
    assert json.loads(text) == value
    assert not set("<>&\u2028\u2029") & set(text)


def test_script_json_parts_are_script_json_written_item_by_item():
    value = {"title": "<b>", "nodes": [{"id": 1, "label": "A & B"}, {"id": 2, "forms": ["x", "\u2028"]}], "n": 3,
             "counts": {"nodes": 2}, "empty": [], "none": None}
    parts = list(viz.script_json_parts({**value, "nodes": iter(value["nodes"])}))
    assert "".join(parts) == viz.script_json(value)
    assert json.loads(viz.script_json(value)) == value
    assert len(parts) > 10, "each item is a part of its own"


def test_page_data_matches_the_drawn_nodes_and_edges(tmp_path):
    text = viz.render(sample_graph(), tmp_path / "p.html").read_text(encoding="utf-8")
    data, drawn_nodes, drawn_edges = page_data(text), node_options(text), edge_options(text)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(n["id"] for n in drawn_nodes) == list(range(6))
    assert sorted(e["id"] for e in data["edges"]) == sorted(e["id"] for e in drawn_edges) == list(range(4))
    assert data["counts"] == {"nodes": 6, "relations": 1, "coMentions": 3}
    south_korea = next(n for n in data["nodes"] if n["label"] == "South Korea")
    assert south_korea["wikidata"] == "http://www.wikidata.org/entity/Q884"
    assert [data["articles"][i]["title"] for i, _ in south_korea["articles"]] == [TITLE, "Second <b>story</b>", "Third story"]
    assert data["articles"][south_korea["figures"][0]["article"]]["title"] == "Third story"
    leads = next(e for e in data["edges"] if e["kind"] == "relation")
    assert [data["articles"][s["article"]]["title"] for s in leads["evidence"]] == [TITLE, "Second <b>story</b>"]


def test_render_sizes_nodes_by_mentions(tmp_path):
    nodes = {n["label"]: n for n in node_options(viz.render(sample_graph(), tmp_path / "p.html").read_text())}
    assert nodes["South Korea"]["size"] > nodes["National Intelligence Service"]["size"] > nodes["Lee Byung-ho"]["size"]
    assert nodes["Lee Byung-ho"]["size"] > nodes["S&P <Global>"]["size"]
    assert {n["color"] for n in nodes.values()} == set(viz.COLOURS.values())


def test_render_colours_nodes_by_type(tmp_path):
    nodes = node_options(viz.render(sample_graph(), tmp_path / "p.html").read_text())
    assert {n["label"]: n.get("color") for n in nodes}["Lee Byung-ho"] == viz.COLOURS["Person"]


def test_co_mentions_start_hidden_past_the_limit(tmp_path, monkeypatch):
    shown = edge_options(viz.render(sample_graph(), tmp_path / "p.html").read_text())
    assert not any(e.get("hidden") for e in shown)
    monkeypatch.setattr(viz, "CO_MENTIONS_SHOWN_UP_TO", 2)
    text = viz.render(sample_graph(), tmp_path / "q.html").read_text()
    hidden = {e["id"] for e in edge_options(text) if e.get("hidden")}
    assert hidden == {e["id"] for e in page_data(text)["edges"] if e["kind"] == "co-mention"} and len(hidden) == 3
    assert page_data(text)["coMentionsShown"] is False


def test_write_page_selects_and_counts(built, tmp_path):
    store = GraphStore.open(built)
    graph = viz.strongest_co_mentions(viz.network(store))
    for options in ({"focus": "Lee Byung-ho", "hops": 1}, {"top": 2}, {}):
        path, drawn = viz.write_page(store, tmp_path / "page.html", **options)
        expected = viz.select(graph, **options)
        assert (drawn.nodes, drawn.relations + drawn.co_mentions) == (expected.number_of_nodes(), expected.number_of_edges())
        assert len(node_options(path.read_text(encoding="utf-8"))) == drawn.nodes
    assert viz.write_page(store, tmp_path / "top.html", top=2)[1].nodes == 2
    with pytest.raises(QueryError, match="no entity is called 'nobody at all'"):
        viz.write_page(store, tmp_path / "none.html", focus="nobody at all")
    assert not (tmp_path / "none.html").exists()


def test_counts_agree_between_summary_entities_viz_and_page(built, built_copy):
    """The build summary, `kg entities`, `kg viz` and the page all count the same entities; the page's
    relation links come from exactly the summary's relations."""
    from typer.testing import CliRunner

    from kg.cli import app

    summary = json.loads((built / "summary.json").read_text(encoding="utf-8"))
    runner = CliRunner()
    listed = runner.invoke(app, ["entities", str(built)])
    assert listed.exit_code == 0, listed.output
    n_listed = int(re.search(r"^(\d+) entities$", listed.stdout, flags=re.M).group(1))
    drawn = runner.invoke(app, ["viz", str(built_copy)])
    assert drawn.exit_code == 0, drawn.output
    said = re.search(r"(\d+) entit(?:y|ies), (\d+) relation links? \(from (\d+) sentences?\), (\d+) co-mention links?", drawn.stdout)
    data = page_data((built_copy / HTML_FILE).read_text(encoding="utf-8"))
    assert sum(summary["entities"].values()) == n_listed == int(said.group(1)) == data["counts"]["nodes"] == len(data["nodes"])
    assert int(said.group(2)) == data["counts"]["relations"] and int(said.group(4)) == data["counts"]["coMentions"]
    assert int(said.group(3)) == summary["relations"] == sum(len(e["evidence"]) for e in data["edges"] if e["kind"] == "relation")


def test_the_page_script_inserts_text_only_and_ships_with_the_package():
    script = resources.files("kg").joinpath("viz_page.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", code)
    assert "</script" not in script.lower() and "<!--" not in script
    assert "textContent" in code
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "viz_page.js" in pyproject["tool"]["setuptools"]["package-data"]["kg"]


def big_graph(n_nodes: int, n_edges: int, *, seed: int = 3) -> nx.MultiDiGraph:
    """A made-up graph of the given size: mentions spread like real ones (a few entities often,
    most once), one edge in ten a relation with an evidence sentence, the rest co-mentions."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    graph.graph["articles"] = {
        f"a{i}": {"title": f"Story number {i} on the budget", "date": f"20{10 + i % 10}-0{1 + i % 9}-1{i % 10}",
                  "url": f"https://example.org/story/{i}", "outlet": f"Outlet {i % 30}"} for i in range(400)}
    types = list(viz.COLOURS)
    for i in range(n_nodes):
        graph.add_node(f"n{i}", label=f"Entity {i} {rng.choice(['Kim', 'Lee', 'Park', 'Choi'])}", type=types[i % 5],
                       mentions=max(1, int(rng.paretovariate(1.2))), wikidata=None, geonames=None, forms=[f"E{i}"],
                       articles={f"a{rng.randrange(400)}": 1 for _ in range(3)}, figures=[])
    nodes = list(graph)
    for j in range(n_edges):
        a, b = rng.sample(nodes, 2)
        if j % 10 == 0:
            sentence = f"The sentence number {j} says that {a} and {b} are linked, at about the length of a real one."
            graph.add_edge(a, b, kind="relation", label=rng.choice(viz.RELATIONS), role=None, evidence=sentence,
                           sources=[{"sentence": sentence, "article": f"a{j % 400}", "role": None}])
        else:
            graph.add_edge(a, b, kind="co-mention", label="", weight=1 + j % 3, articles=[f"a{j % 400}"])
    return graph


@pytest.fixture(scope="module")
def big_page(tmp_path_factory) -> Path:
    """The page of 2,000 entities and 10,000 links."""
    return viz.render(big_graph(2000, 10_000), tmp_path_factory.mktemp("big") / "big.html")


def test_a_page_of_2000_nodes_and_10000_edges_stays_under_10_mb(big_page):
    assert big_page.stat().st_size < 10_000_000
    data = page_data(big_page.read_text(encoding="utf-8"))
    assert data["counts"] == {"nodes": 2000, "relations": 1000, "coMentions": 9000}
    assert data["coMentionsShown"] is False


# ---------------------------------------------------------------------------------------------
# the page in a real browser


class Chromium:
    """Headless chromium driven over the DevTools protocol on a pipe (fds 3 and 4 of the child)."""

    def __init__(self, profile: Path, log: Path):
        import fcntl  # POSIX only, like the pipe itself

        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()

        def wire_pipes():  # runs in the child before exec
            a = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        args = [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            "--disable-extensions", "--no-default-browser-check", f"--user-data-dir={profile}",
            # the network is cut: everything but loopback goes to a proxy that does not exist
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            "--window-size=1280,900", "--remote-debugging-pipe", "about:blank",
        ]
        self._log = open(log, "wb")  # noqa: SIM115 (closed in close())
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                                     preexec_fn=wire_pipes, pass_fds=(3, 4))
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._id = 0
        self.events: list[dict] = []
        self.session: str | None = None

    def send(self, method: str, params: dict | None = None, *, timeout: float = 30, session: bool = True) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self._event(reply)

    def _event(self, event: dict) -> None:
        self.events.append(event)
        if event.get("method") == "Page.javascriptDialogOpening":  # never leave a dialog blocking the page
            os.write(self._out, json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog", "sessionId": self.session,
                                            "params": {"accept": True}}).encode() + b"\0")

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select_fd.select([self._in], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise RuntimeError(f"chromium exited ({self.proc.poll()})")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def open_page(self, url: str) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        for domain in ("Page.enable", "Runtime.enable", "Network.enable", "Log.enable"):
            self.send(domain)
        # record (instead of showing) every alert/confirm/prompt the page might call
        self.send("Page.addScriptToEvaluateOnNewDocument", {"source": (
            "window.__dialogs = [];"
            "for (const f of ['alert', 'confirm', 'prompt']) window[f] = (m) => { window.__dialogs.push(f + ':' + m); };"
        )})
        self.events = []
        self.send("Page.navigate", {"url": url})
        self.wait_for_event("Page.loadEventFired", timeout=30)

    def wait_for_event(self, method: str, *, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            found = next((e for e in self.events if e.get("method") == method), None)
            if found:
                return found
            self._event(self._receive(deadline))

    def js(self, expression: str):
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in reply:
            raise AssertionError(f"{expression!r} threw: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def wait_for(self, expression: str, *, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not self.js(f"(() => {{ try {{ return !!({expression}); }} catch (e) {{ return false; }} }})()"):
            if time.monotonic() > deadline:
                raise AssertionError(f"not true after {timeout}s: {expression}")
            time.sleep(0.1)

    def mouse(self, kind: str, x: float, y: float) -> None:
        """A real mouse event at page coordinates: moved, pressed or released (left button)."""
        params = {"type": f"mouse{kind.capitalize()}", "x": x, "y": y, "button": "left" if kind != "moved" else "none"}
        if kind != "moved":
            params["clickCount"] = 1
        self.send("Input.dispatchMouseEvent", params)

    def click(self, x: float, y: float) -> None:
        self.mouse("moved", x, y)
        self.mouse("pressed", x, y)
        self.mouse("released", x, y)

    def click_element(self, selector: str) -> None:
        x, y = self.js(f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
                       " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        self.click(x, y)

    def type_text(self, selector: str, text: str) -> None:
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", {"text": text})

    def press(self, key: str, code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code})

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5, session=False)
        except Exception:  # noqa: BLE001 (the browser may already be gone)
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._in, self._out):
            os.close(fd)
        self._log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless chromium for the module's browser tests; each test opens its own tab."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    folder = tmp_path_factory.mktemp("chromium")
    chromium = Chromium(folder / "profile", folder / "chromium.log")
    try:
        yield chromium
    finally:
        chromium.close()
        shutil.rmtree(folder / "profile", ignore_errors=True)


FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
#: where a node is drawn, in page coordinates
NODE_AT = """(id => {
  const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
  const p = network.canvasToDOM(network.getPositions([id])[id]);
  return [r.left + p.x, r.top + p.y];
})"""


def open_settled(browser: Chromium, path: Path, *, timeout: float = 60) -> None:
    """Open a page and wait until kg's script has let the layout settle and switched physics off."""
    browser.open_page(path.resolve().as_uri())
    browser.wait_for("window.kgPage && kgPage.state.settled", timeout=timeout)
    browser.js(FRAMES)


def page_errors(browser: Chromium) -> list[dict]:
    """Console errors, uncaught exceptions and browser log errors seen since the page was opened."""
    return [e for e in browser.events
            if e.get("method") == "Runtime.exceptionThrown"
            or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
            or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]


def remote_requests(browser: Chromium) -> list[str]:
    urls = [e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"]
    assert urls, "the page itself was requested"
    return [url for url in urls if not url.startswith(("file:", "data:", "about:", "blob:"))]


def node_id(browser: Chromium, label: str) -> int:
    return browser.js(f"kgPage.data.nodes.find(n => n.label === {json.dumps(label)}).id")


def panel_text(browser: Chromium) -> str:
    return browser.js("document.getElementById('kg-panel').innerText")


# every node's centre, in canvas pixels, and the colour drawn there
NODE_PIXELS = """(() => {
  const canvas = document.querySelector('#mynetwork canvas');
  const ratio = canvas.width / canvas.clientWidth;
  const ctx = canvas.getContext('2d');
  return Object.entries(network.getPositions()).map(([id, p]) => {
    const d = network.canvasToDOM(p);
    const [r, g, b, a] = ctx.getImageData(Math.round(d.x * ratio), Math.round(d.y * ratio), 1, 1).data;
    return {id, x: d.x, y: d.y, r, g, b, a};
  });
})()"""


@pytest.mark.browser
def test_build_page_loads_offline_without_errors_and_draws_every_node(built, entity_count, browser, tmp_path):
    open_settled(browser, built / HTML_FILE)
    assert remote_requests(browser) == []
    assert page_errors(browser) == []
    assert browser.js("typeof network === 'object' && network instanceof vis.Network")
    assert browser.js("nodes.length") == entity_count
    assert browser.js("network.physics.physicsEnabled") is False, "physics is off once the layout has settled"
    width, height = browser.js("(() => { const c = document.querySelector('#mynetwork canvas');"
                               " return [c.clientWidth, c.clientHeight]; })()")
    assert width > 300 and height > 300
    drawn = browser.js(NODE_PIXELS)
    assert len(drawn) == entity_count
    for node in drawn:
        assert 0 <= node["x"] <= width and 0 <= node["y"] <= height, node
        assert node["a"] > 0 and (node["r"], node["g"], node["b"]) != (255, 255, 255), f"nothing drawn at {node}"
    assert len({(round(n["x"]), round(n["y"])) for n in drawn}) == entity_count, "nodes are laid out apart"
    status = browser.js("document.getElementById('kg-status').textContent")
    data = page_data((built / HTML_FILE).read_text(encoding="utf-8"))
    assert status.startswith(f"Showing {entity_count} of {entity_count} entities · {data['counts']['relations']} of ")
    assert browser.js("window.__dialogs") == []
    assert browser.js("document.querySelectorAll('script').length") == browser.js(
        "[...document.querySelectorAll('script')].filter(s => !s.src).length"), "no external script element"
    browser.js("alert('probe')")  # the recorder works: a real alert is seen
    assert browser.js("window.__dialogs") == ["alert:probe"]
    shot = base64.b64decode(browser.send("Page.captureScreenshot", {"format": "png"})["data"])
    assert shot.startswith(b"\x89PNG") and len(shot) > 10_000
    if os.environ.get("KG_SCREENSHOT"):
        Path(os.environ["KG_SCREENSHOT"]).write_bytes(shot)


@pytest.mark.browser
def test_typing_a_name_in_the_search_box_selects_that_node(built, browser):
    open_settled(browser, built / HTML_FILE)
    lee = node_id(browser, "Lee Byung-ho")
    browser.type_text("#kg-search", "lee byu")
    browser.wait_for("document.querySelectorAll('#kg-suggestions li').length > 0", timeout=5)
    assert browser.js("document.querySelector('#kg-suggestions li').textContent").startswith("Lee Byung-ho · Person")
    browser.press("Enter", 13)
    assert browser.js("network.getSelectedNodes()") == [lee]
    assert browser.js("document.querySelector('#kg-panel h2').textContent") == "Lee Byung-ho"
    browser.js("new Promise(done => setTimeout(done, 500))")  # the zoom is animated
    centre = browser.js("network.getViewPosition()")
    position = browser.js(f"network.getPositions([{lee}])[{lee}]")
    assert abs(centre["x"] - position["x"]) < 5 and abs(centre["y"] - position["y"]) < 5, "zoomed to the node"
    assert browser.js("network.getScale()") >= 1.2
    assert page_errors(browser) == []


@pytest.mark.browser
def test_unticking_place_hides_every_place_node(built, browser, entity_count):
    open_settled(browser, built / HTML_FILE)
    hidden = "(() => Object.fromEntries(kgPage.data.nodes.map(n => [n.type + ':' + n.id, network.body.nodes[n.id].options.hidden])))()"
    assert not any(browser.js(hidden).values())
    browser.click_element("#kg-type-Place")
    assert browser.js("document.getElementById('kg-type-Place').checked") is False
    state = browser.js(hidden)
    places = [key for key in state if key.startswith("Place:")]
    assert places and all(state[key] for key in places)
    assert not any(state[key] for key in state if not key.startswith("Place:"))
    edges_to_places = browser.js("kgPage.data.edges.filter(e => [e.from, e.to].some(id => kgPage.data.nodes.find("
                                 "n => n.id === id).type === 'Place')).map(e => network.body.edges[e.id].options.hidden)")
    assert edges_to_places and all(edges_to_places), "links to hidden places are hidden too"
    status = browser.js("document.getElementById('kg-status').textContent")
    assert status.startswith(f"Showing {entity_count - len(places)} of {entity_count} entities")
    browser.click_element("#kg-type-Place")
    assert not any(browser.js(hidden).values())


@pytest.mark.browser
def test_clicking_a_node_fills_the_side_panel_with_relations_and_articles(built, browser):
    open_settled(browser, built / HTML_FILE)
    lee = node_id(browser, "Lee Byung-ho")
    scripts = browser.js("document.querySelectorAll('script').length")
    x, y = browser.js(f"{NODE_AT}({lee})")
    browser.click(x, y)
    browser.wait_for("document.querySelector('#kg-panel h2').textContent === 'Lee Byung-ho'", timeout=5)
    text = panel_text(browser)
    assert "Person · " in text and "in 2 articles" in text
    assert "Relations (1)" in text and "—leads (chief)→ National Intelligence Service" in text
    quotes = browser.js("[...document.querySelectorAll('#kg-panel blockquote')].map(q => q.textContent)")
    assert any(SCRIPT_TEXT in q and "<b>bold</b>" in q and "S&P" in q for q in quotes), quotes
    assert "Articles (2)" in text and TITLE in text and "Support expands" in text and "Yonhap News Agency" in text
    links = browser.js("[...document.querySelectorAll('#kg-panel a')].map(a => [a.textContent, a.href])")
    assert [TITLE, "https://example.org/a1"] in links
    assert not any(href.startswith("javascript:") for _, href in links), "a javascript: URL never becomes a link"
    assert browser.js("[...document.querySelectorAll('#kg-panel *')].filter(e => e.tagName === 'SCRIPT'"
                      " || e.textContent === 'bold').length") == 0, "no element made from article text"
    assert browser.js("document.querySelectorAll('script').length") == scripts
    assert browser.js("window.__dialogs") == []
    assert page_errors(browser) == []


def sample_page(tmp_path: Path) -> Path:
    return viz.render(sample_graph(), tmp_path / "sample.html")


#: put the sample's nodes on a wide grid, away from each other, so a point hits one thing only
SPREAD = """(() => {
  kgPage.data.nodes.forEach((n, i) => network.moveNode(n.id, (i % 3) * 400 - 400, Math.floor(i / 3) * 400 - 200));
  network.fit(); network.redraw();
})()"""


def tooltip_at(browser: Chromium, x: float, y: float) -> str:
    browser.mouse("moved", 5, 5)
    browser.js("new Promise(done => setTimeout(done, 50))")
    browser.mouse("moved", x - 1, y)
    browser.mouse("moved", x, y)
    browser.wait_for("(() => { const t = document.querySelector('.vis-tooltip');"
                     " return t && t.style.visibility !== 'hidden' && t.innerText.length > 0; })()", timeout=5)
    return browser.js("document.querySelector('.vis-tooltip').innerText")


@pytest.mark.browser
def test_tooltips_show_ampersands_and_markup_as_typed(browser, tmp_path):
    open_settled(browser, sample_page(tmp_path))
    browser.js(SPREAD)
    browser.js(FRAMES)
    sp = node_id(browser, "S&P <Global>")
    text = tooltip_at(browser, *browser.js(f"{NODE_AT}({sp})"))
    assert text.startswith("S&P <Global>\nOrganization · 1 mention in 1 article")
    lee, nis = node_id(browser, "Lee Byung-ho"), node_id(browser, "National Intelligence Service")
    (x1, y1), (x2, y2) = browser.js(f"{NODE_AT}({lee})"), browser.js(f"{NODE_AT}({nis})")
    middle = ((x1 + x2) / 2, (y1 + y2) / 2)
    text = tooltip_at(browser, *middle)
    assert text.startswith(f"Lee Byung-ho —leads (chief)→ National Intelligence Service\n“NIS chief Lee Byung-ho said {SCRIPT_TEXT}.”")
    assert f"— {TITLE}, S&P Wire, 2015-01-05" in text and "Lee, who runs S&P's rival, agreed." in text
    assert "&amp;" not in text and "&lt;" not in text
    browser.click(*middle)  # an edge: its evidence in the panel
    browser.wait_for("document.querySelector('#kg-panel h2').textContent.includes('—leads (chief)→')", timeout=5)
    text = panel_text(browser)
    assert "2 evidence sentences" in text and SCRIPT_TEXT in text and "Second <b>story</b>" in text
    assert browser.js("window.__dialogs") == [] and page_errors(browser) == []


@pytest.mark.browser
def test_search_by_surface_form_dims_all_but_the_neighbourhood(browser, tmp_path):
    open_settled(browser, sample_page(tmp_path))
    ranked = browser.js("kgPage.matches('korea').map(m => m.label)")
    assert ranked[:2] == ["Korea", "South Korea"], "an exact name first, then the most mentioned"
    assert browser.js("kgPage.matches('spy agency')") == [{"id": node_id(browser, "National Intelligence Service"),
                                                          "label": "National Intelligence Service", "type": "Agency",
                                                          "form": "the spy agency"}]
    browser.type_text("#kg-search", "nis")
    browser.wait_for("document.querySelectorAll('#kg-suggestions li').length > 0", timeout=5)
    assert "(as “NIS”)" in browser.js("document.querySelector('#kg-suggestions li').textContent")
    browser.press("Enter", 13)
    nis = node_id(browser, "National Intelligence Service")
    assert browser.js("network.getSelectedNodes()") == [nis]
    colours = browser.js("Object.fromEntries(nodes.get().map(n => [n.label, n.color]))")
    assert colours["Lee Byung-ho"] == viz.COLOURS["Person"] and colours["South Korea"] == viz.COLOURS["Place"]
    assert colours["Korea"] != viz.COLOURS["Place"] and colours["Yonhap News Agency"] != viz.COLOURS["Outlet"], "dimmed"
    browser.js("kgPage.release()")
    colours = browser.js("Object.fromEntries(nodes.get().map(n => [n.label, n.color]))")
    assert colours["Korea"] == viz.COLOURS["Place"]


@pytest.mark.browser
def test_filters_for_links_mentions_and_dates(browser, tmp_path):
    open_settled(browser, sample_page(tmp_path))
    hidden_nodes = "Object.fromEntries(kgPage.data.nodes.map(n => [n.label, network.body.nodes[n.id].options.hidden]))"
    hidden_edges = "kgPage.data.edges.map(e => [e.kind, network.body.edges[e.id].options.hidden])"
    assert not any(h for _, h in browser.js(hidden_edges))
    browser.click_element("#kg-kind-co-mention")
    assert all(h == (kind == "co-mention") for kind, h in browser.js(hidden_edges))
    browser.click_element("#kg-kind-leads")
    assert all(h for _, h in browser.js(hidden_edges))
    browser.click_element("#kg-kind-co-mention")
    browser.click_element("#kg-kind-leads")

    # mentions ≥ 5: the slider walks the distinct mention counts (1, 3, 5, 7, 9, 20)
    browser.js("(() => { const s = document.getElementById('kg-min-mentions'); s.value = 2;"
               " s.dispatchEvent(new Event('input')); })()")
    assert browser.js("document.getElementById('kg-min-mentions-value').textContent") == "5"
    state = browser.js(hidden_nodes)
    assert {label for label, h in state.items() if h} == {"S&P <Global>", "Yonhap News Agency"}
    browser.js("(() => { const s = document.getElementById('kg-min-mentions'); s.value = 0;"
               " s.dispatchEvent(new Event('input')); })()")

    # articles from 2016 on: only the third story counts
    assert browser.js("[document.getElementById('kg-from').value, document.getElementById('kg-to').value]") == [
        "2015-01-05", "2016-02-01"]
    browser.js("(() => { const f = document.getElementById('kg-from'); f.value = '2016-01-01';"
               " f.dispatchEvent(new Event('change')); })()")
    state = browser.js(hidden_nodes)
    assert {label for label, h in state.items() if h} == {"Lee Byung-ho", "National Intelligence Service"}
    edges = dict((e["kind"] + str(e["id"]), h) for e, h in zip(
        browser.js("kgPage.data.edges"), [h for _, h in browser.js(hidden_edges)], strict=True))
    assert [h for key, h in edges.items() if key.startswith("relation")] == [True]
    assert browser.js("document.getElementById('kg-status').textContent") == (
        "Showing 4 of 6 entities · 0 of 1 relation link · 2 of 3 co-mention links")
    assert page_errors(browser) == []


@pytest.mark.browser
def test_node_panel_shows_figures_links_and_forms_as_text(browser, tmp_path):
    open_settled(browser, sample_page(tmp_path))
    browser.js(f"kgPage.choose({node_id(browser, 'South Korea')})")
    text = panel_text(browser)
    assert "Also written: Seoul's government" in text
    assert "Figures (1)" in text and "1,277 — defectors arrived (2015-01-01 – 2015-12-31)" in text
    assert "1,277 arrived & <i>stayed</i>." in text and "about South Korea" in text
    assert "Articles (3)" in text and "Second <b>story</b>" in text
    assert "Named together with (2)" in text
    links = dict(browser.js("[...document.querySelectorAll('#kg-panel a')].map(a => [a.textContent, a.href])"))
    assert links["Wikidata"] == "https://www.wikidata.org/wiki/Q884"
    assert links["GeoNames"] == "https://www.geonames.org/1835841"
    assert "Second <b>story</b>" not in links, "a javascript: URL is not linked"
    assert browser.js("kgPage.safeUrl('javascript:alert(1)')") is None
    assert browser.js("kgPage.safeUrl('https://example.org/x?a=1&b=2')") == "https://example.org/x?a=1&b=2"


@pytest.mark.browser
def test_community_colours_come_with_a_legend_naming_each_community(browser, tmp_path):
    open_settled(browser, viz.render(two_cliques(), tmp_path / "cliques.html"))
    before = browser.js("Object.fromEntries(nodes.get().map(n => [n.label, n.color]))")
    assert set(before.values()) == {viz.COLOURS["Person"], viz.COLOURS["Place"]}
    browser.click_element("#kg-communities")
    after = browser.js("Object.fromEntries(nodes.get().map(n => [n.label, n.color]))")
    assert len({after[f"A{i}"] for i in range(5)}) == 1 and len({after[f"B{i}"] for i in range(5)}) == 1
    assert after["A0"] != after["B0"] and after["A0"] in viz.COMMUNITY_COLOURS
    legend = browser.js("document.getElementById('kg-legend').textContent")
    assert "B0, B1, B2 (5)" in legend and "A0, A1, A2 (5)" in legend and "smaller groups" in legend


@pytest.mark.browser
def test_the_most_mentioned_labels_are_drawn_at_the_default_zoom_and_all_on_zooming_in(browser, tmp_path):
    graph = big_graph(300, 1200)
    open_settled(browser, viz.render(graph, tmp_path / "300.html"))
    top = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["mentions"], graph.nodes[n]["label"]))[:20]
    ids = {d["iri"]: d["id"] for d in browser.js("kgPage.data.nodes.map(n => ({iri: n.iri, id: n.id}))")}
    labelled = set(browser.js("kgPage.labelled()"))
    assert {ids[n] for n in top} <= labelled, "vis-network's label API says the 20 most mentioned are drawn"
    assert len(labelled) < 300, "at the default zoom, not every label is drawn"
    on_screen = browser.js(f"kgPage.data.nodes.filter(n => kgPage.labelled().includes(n.id)).map(n => "
                           f"network.body.nodes[n.id].labelModule.fontOptions.size * network.getScale())")
    assert min(on_screen) >= 12, "the drawn labels are readable"
    browser.js("network.moveTo({scale: 1.2}); network.redraw()")
    browser.js(FRAMES)
    inside = browser.js("""(() => { const c = document.querySelector('#mynetwork canvas');
      return kgPage.data.nodes.filter(n => { const p = network.canvasToDOM(network.getPositions([n.id])[n.id]);
        return p.x > 40 && p.y > 20 && p.x < c.clientWidth - 40 && p.y < c.clientHeight - 20; }).map(n => n.id); })()""")
    labelled = set(browser.js("kgPage.labelled()"))
    assert inside and set(inside) <= labelled, "zoomed in, every label in view is drawn"
    browser.js("new Promise(done => { network.once('animationFinished', done);"
               " network.moveTo({scale: 1.5, animation: {duration: 50}}); })")
    browser.js(FRAMES)
    on_screen = browser.js("kgPage.data.nodes.map(n => network.body.nodes[n.id].labelModule.fontOptions.size)")
    assert max(on_screen) * 1.5 <= 22, "the big labels shrink back once zoomed in"


@pytest.mark.browser
def test_a_page_of_2000_nodes_and_10000_edges_opens_and_settles(big_page, browser):
    open_settled(browser, big_page, timeout=240)
    assert browser.js("network.physics.physicsEnabled") is False
    assert browser.js("document.getElementById('kg-status').textContent") == (
        "Showing 2000 of 2000 entities · 1000 of 1000 relation links · 0 of 9000 co-mention links")
    assert len(browser.js("kgPage.labelled()")) >= 20
    browser.click_element("#kg-kind-co-mention")
    assert browser.js("document.getElementById('kg-status').textContent").endswith("9000 of 9000 co-mention links")
    assert page_errors(browser) == [] and remote_requests(browser) == []


@pytest.mark.browser
def test_a_page_without_entities_opens_without_errors(browser, tmp_path):
    graph = nx.MultiDiGraph()
    graph.graph["articles"] = {}
    open_settled(browser, viz.render(graph, tmp_path / "empty.html"))
    assert browser.js("document.getElementById('kg-status').textContent") == (
        "Showing 0 of 0 entities · 0 of 0 relation links · 0 of 0 co-mention links")
    assert browser.js("kgPage.matches('anything')") == []
    assert page_errors(browser) == []
