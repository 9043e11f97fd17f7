"""Draw the graph: a networkx graph read from the store, written as one offline HTML page.

The page is pyvis's (vis-network inlined, no CDN) plus kg's own script, ``kg/viz_page.js``: search,
filters, a side panel with the evidence, community colours and the label rule. The script reads
everything it shows from one JSON block of the page and inserts it as DOM text, never as HTML.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from importlib import resources
from pathlib import Path

import networkx as nx

from kg.errors import QueryError
from kg.store import HTML_FILE, GraphStore, write_atomic_parts

COLOURS = {
    "Person": "#e15759",
    "Agency": "#4e79a7",
    "Outlet": "#f28e2b",
    "Organization": "#59a14f",
    "Place": "#b07aa1",
}
RELATIONS = ("memberOf", "leads", "locatedIn", "relativeOf", "defectedTo")
#: Co-mention lines are drawn at first only up to this many. The sample (72 entities) has ~230 of
#: them and stays readable; realdev's 39 articles give ~300 entities and more than a thousand, which
#: hide the few relation arrows. Past the limit they start switched off (one tick brings them back).
CO_MENTIONS_SHOWN_UP_TO = 300
#: Each entity keeps its strongest few co-mentions, plus every pair named together in 2+ articles.
CO_MENTIONS_PER_NODE = 3
#: How many of the most mentioned entities are labelled at the default zoom.
LABELLED_AT_FIRST = 30
#: Communities that get their own colour (the rest are grey "smaller groups").
COMMUNITY_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39",
)

_PREFIXES = """
PREFIX kg: <https://w3id.org/kg/ns#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
ENTITIES = _PREFIXES + """
SELECT ?e ?label ?type ?mentions WHERE {
  ?e a kg:Entity ; rdfs:label ?label ; a ?type .
  FILTER(?type IN (kg:Person, kg:Agency, kg:Outlet, kg:Organization, kg:Place))
  OPTIONAL { ?e kg:mentionCount ?mentions }
}"""
FORMS = _PREFIXES + "SELECT ?e ?form WHERE { ?e a kg:Entity ; skos:altLabel ?form }"
SAME_AS = _PREFIXES + "SELECT ?e ?same WHERE { ?e a kg:Entity ; owl:sameAs ?same }"
ARTICLES = _PREFIXES + """
SELECT ?a ?headline ?date ?url ?outlet WHERE {
  ?a a kg:Article .
  OPTIONAL { ?a schema:headline ?headline }
  OPTIONAL { ?a schema:datePublished ?date }
  OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a schema:isBasedOn/schema:publisher/rdfs:label ?based }
  OPTIONAL { ?a schema:publisher/rdfs:label ?own }
  BIND(COALESCE(?based, ?own) AS ?outlet)
}"""
MENTIONS = _PREFIXES + """
SELECT ?a ?e ?n WHERE {
  ?a a kg:Article ; schema:mentions ?e .
  OPTIONAL { ?m rdf:subject ?a ; rdf:predicate schema:mentions ; rdf:object ?e ; kg:mentionCount ?n }
}"""
RELATION_ROWS = _PREFIXES + """
SELECT ?s ?p ?o ?role ?evidence ?article WHERE {
  ?r a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:evidence ?evidence .
  FILTER(STRSTARTS(STR(?p), "https://w3id.org/kg/ns#"))
  OPTIONAL { ?r kg:role ?role }
  OPTIONAL { ?r prov:wasDerivedFrom ?article }
}"""
FIGURES = _PREFIXES + """
SELECT ?f ?text ?unit ?measured ?start ?end ?about ?by ?article ?evidence WHERE {
  ?f a kg:Figure ; rdfs:label ?text .
  OPTIONAL { ?f schema:unitText ?unit }
  OPTIONAL { ?f schema:variableMeasured ?measured }
  OPTIONAL { ?f schema:startDate ?start }
  OPTIONAL { ?f schema:endDate ?end }
  OPTIONAL { ?f schema:observationAbout ?about }
  OPTIONAL { ?f prov:wasAttributedTo ?by }
  OPTIONAL { ?f prov:wasDerivedFrom ?article }
  OPTIONAL { ?f kg:evidence ?evidence }
  FILTER(BOUND(?about) || BOUND(?by))
}"""


def network(store: GraphStore, *, strongest: bool = False) -> nx.MultiDiGraph:
    """The entities as nodes; relations (one edge per subject, relation and object) and co-mentions as edges.

    Node data: label, type, mentions, wikidata, geonames, forms, articles ({article: mentions in it}),
    figures. Relation edges carry their evidence (`sources`: sentence, article, role); co-mention
    edges the articles that name both. The articles themselves are in ``graph.graph["articles"]``.
    An entity known only from an article's metadata (a bylined author, say) is kept only when it is
    linked to something, so the nodes are the entities `kg entities` lists. `strongest`: only the
    co-mentions `strongest_co_mentions` keeps are made (the same graph, without ever holding the others,
    which grow with the corpus).
    """
    graph = nx.MultiDiGraph()
    known: dict[str, str] = {}  # one copy of each text the rows repeat (article IRIs, sentences, dates)

    def one(text: str | None) -> str | None:
        return text if text is None else known.setdefault(text, text)

    for iri, label, kind, mentions in store.each_row(ENTITIES):
        if iri not in graph:
            graph.add_node(iri, label=label, type=kind.rsplit("#", 1)[-1], mentions=mentions or 0,
                           wikidata=None, geonames=None, forms=[], articles={}, figures=[])
    for iri, form in store.each_row(FORMS):
        if iri in graph and form != graph.nodes[iri]["label"] and form not in graph.nodes[iri]["forms"]:
            graph.nodes[iri]["forms"].append(form)
    for iri, same in store.each_row(SAME_AS):
        if iri in graph:
            if same.startswith(("http://www.wikidata.org/entity/", "https://www.wikidata.org/entity/")):
                graph.nodes[iri]["wikidata"] = same
            elif "geonames.org/" in same:
                graph.nodes[iri]["geonames"] = same
    for data in graph.nodes.values():
        data["forms"].sort(key=str.casefold)

    articles: dict[str, dict] = {}
    for iri, headline, date, url, outlet in store.each_row(ARTICLES):
        articles.setdefault(one(iri), {"title": headline, "date": one(date), "url": url, "outlet": one(outlet)})
    graph.graph["articles"] = dict(sorted(articles.items(), key=lambda item: (item[1]["date"] or "", item[0])))

    named_in: dict[str, set[str]] = {}
    known.update((node, node) for node in graph)
    for article, iri, n in store.each_row(MENTIONS):
        if iri in graph:
            article, iri = one(article), one(iri)
            graph.nodes[iri]["articles"][article] = max(n or 1, graph.nodes[iri]["articles"].get(article, 0))
            named_in.setdefault(article, set()).add(iri)

    grouped: dict[tuple[str, str, str], dict] = {}
    for subject, predicate, obj, role, evidence, article in store.each_row(RELATION_ROWS):
        if subject in graph and obj in graph:
            subject, predicate, obj = one(subject), one(predicate), one(obj)
            role, evidence, article = one(role), one(evidence), one(article)
            edge = grouped.setdefault((subject, predicate, obj), {"roles": set(), "sources": []})
            if role:
                edge["roles"].add(role)
            source = {"sentence": evidence, "article": article, "role": role}
            if source not in edge["sources"]:
                edge["sources"].append(source)
    for (subject, predicate, obj), edge in sorted(grouped.items()):
        sentences = list(dict.fromkeys(s["sentence"] for s in edge["sources"]))
        graph.add_edge(
            subject,
            obj,
            kind="relation",
            label=predicate.rsplit("#", 1)[-1],
            role=", ".join(sorted(edge["roles"])) or None,
            evidence="\n".join(sentences),
            sources=edge["sources"],
        )

    pairs: dict[tuple[str, str], list[str]] = {}
    for article in graph.graph["articles"]:
        named = sorted(named_in.get(article, ()))
        for i, a in enumerate(named):
            for b in named[i + 1:]:
                pairs.setdefault((a, b), []).append(article)
    kept = _strongest_pairs({pair: len(shared) for pair, shared in pairs.items()}) if strongest else pairs
    for (a, b), shared in sorted(pairs.items()):
        if (a, b) in kept:
            graph.add_edge(a, b, kind="co-mention", label="", weight=len(shared), articles=shared)
    del pairs

    for fig, text, unit, measured, start, end, about, by, article, evidence in store.each_row(FIGURES):
        if by not in graph and about not in graph:
            continue
        figure = {"text": text, "unit": one(unit), "measured": one(measured), "start": one(start), "end": one(end),
                  "article": one(article), "evidence": one(evidence)}
        if by in graph:
            graph.nodes[by]["figures"].append({**figure, "role": "states"})
        if about in graph:
            graph.nodes[about]["figures"].append({**figure, "role": "place"})

    unlinked = [n for n, d in graph.nodes(data=True) if not d["mentions"] and graph.degree(n) == 0]
    graph.remove_nodes_from(unlinked)
    return graph


def strongest_co_mentions(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with only the co-mentions worth drawing: each node's strongest few, and every pair
    named together in 2+ articles. Relations and nodes are all kept; the input is left alone."""
    weights = {(a, b): data["weight"] for a, b, data in graph.edges(data=True) if data["kind"] == "co-mention"}
    keep = _strongest_pairs(weights)
    thinned = graph.copy()
    weak = [(a, b, k) for a, b, k, d in graph.edges(keys=True, data=True)
            if d["kind"] == "co-mention" and (a, b) not in keep]
    thinned.remove_edges_from(weak)
    return thinned


def _strongest_pairs(weights: dict[tuple[str, str], int]) -> set[tuple[str, str]]:
    """Of the co-mention pairs and their weights, those worth drawing: each node's strongest few, and every
    pair named together in 2+ articles."""
    keep: set[tuple[str, str]] = set()
    by_node: dict[str, list[tuple[int, str, str]]] = {}
    for (a, b), weight in weights.items():
        if weight >= 2:
            keep.add((a, b))
        by_node.setdefault(a, []).append((weight, a, b))
        by_node.setdefault(b, []).append((weight, a, b))
    for edges in by_node.values():
        for _, a, b in sorted(edges, key=lambda e: (-e[0], e[1], e[2]))[:CO_MENTIONS_PER_NODE]:
            keep.add((a, b))
    return keep


def find(graph: nx.MultiDiGraph, name: str) -> str:
    """The node called `name` (label or surface form, any case; else the first label containing it).
    An unknown name raises QueryError with the closest names."""
    wanted = name.strip().casefold()
    by_label = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["mentions"], graph.nodes[n]["label"]))
    for matches in (
        lambda d: d["label"].casefold() == wanted,
        lambda d: wanted in (f.casefold() for f in d.get("forms", ())),
        lambda d: bool(wanted) and wanted in d["label"].casefold(),
    ):
        found = next((n for n in by_label if matches(graph.nodes[n])), None)
        if found is not None:
            return found
    raise QueryError(f"no entity is called {name!r}{_closest(graph, name)}")


def _closest(graph: nx.MultiDiGraph, name: str) -> str:
    from rapidfuzz import fuzz, process

    labels = {}
    for data in graph.nodes.values():
        labels.setdefault(data["label"], data["label"])
        for form in data.get("forms", ()):
            labels.setdefault(form, data["label"])
    best = process.extract(name, list(labels), scorer=fuzz.WRatio, limit=8, score_cutoff=50)
    suggestions = list(dict.fromkeys(labels[form] for form, _, _ in best))[:3]
    if suggestions:
        return f" (closest: {', '.join(suggestions)})"
    return " (try `kg entities DIR`)" if labels else " (the graph has no entities)"


def select(
    graph: nx.MultiDiGraph, *, focus: str | None = None, hops: int = 1, top: int | None = None
) -> nx.MultiDiGraph:
    """Keep the neighbourhood of `focus` (see `find`) and/or the `top` most mentioned nodes."""
    if focus:
        centre = find(graph, focus)
        keep = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=hops)
        graph = graph.subgraph(keep).copy()
    if top:
        ranked = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["mentions"], graph.nodes[n]["label"]))[:top]
        graph = graph.subgraph(ranked).copy()
    return graph


def communities(graph: nx.MultiDiGraph) -> tuple[dict[str, int], list[dict]]:
    """Louvain communities over relations and co-mentions: each node's community (-1: a small one)
    and, per coloured community, its colour, size and a name made of its most mentioned entities."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    for a, b, data in graph.edges(data=True):
        weight = 3 if data["kind"] == "relation" else data.get("weight", 1)
        if a != b:
            simple.add_edge(a, b, weight=simple.get_edge_data(a, b, {"weight": 0})["weight"] + weight)
    found = nx.community.louvain_communities(simple, weight="weight", seed=1) if simple.number_of_edges() else []

    def mentions(nodes) -> int:
        return sum(graph.nodes[n]["mentions"] for n in nodes)

    ranked = sorted((c for c in found if len(c) >= 3), key=lambda c: (-mentions(c), min(c)))
    ranked = ranked[: len(COMMUNITY_COLOURS)]
    member = {n: -1 for n in graph}
    legend = []
    for index, nodes in enumerate(ranked):
        for n in nodes:
            member[n] = index
        leaders = sorted(nodes, key=lambda n: (-graph.nodes[n]["mentions"], graph.nodes[n]["label"]))[:3]
        legend.append({"name": ", ".join(graph.nodes[n]["label"] for n in leaders),
                       "colour": COMMUNITY_COLOURS[index], "size": len(nodes)})
    return member, legend


@dataclass
class Counts:
    """What a page draws: its entities, relation links and co-mention links (and whether those start shown)."""

    nodes: int
    relations: int
    co_mentions: int
    sentences: int = 0  # the relation sentences behind the relation links (the build summary's "relations")

    @property
    def co_mentions_shown(self) -> bool:
        return self.co_mentions <= CO_MENTIONS_SHOWN_UP_TO

    def __str__(self) -> str:
        text = (f"{_n(self.nodes, 'entity')}, {_n(self.relations, 'relation link')} "
                f"(from {_n(self.sentences, 'sentence')}), {_n(self.co_mentions, 'co-mention link')}")
        if not self.co_mentions_shown:
            text += f" (co-mentions start hidden: more than {CO_MENTIONS_SHOWN_UP_TO})"
        return text


def counts(graph: nx.MultiDiGraph) -> Counts:
    relations = [d for _, _, d in graph.edges(data=True) if d["kind"] == "relation"]
    sentences = sum(len(d.get("sources") or d.get("evidence", "").split("\n")) for d in relations)
    return Counts(graph.number_of_nodes(), len(relations), graph.number_of_edges() - len(relations), sentences)


OPTIONS = {
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.01, "springLength": 100,
                             "springConstant": 0.06, "avoidOverlap": 0.3},
        "minVelocity": 1,
        "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 25, "fit": True},
    },
    "layout": {"randomSeed": 7},
    "nodes": {"shape": "dot", "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
              "scaling": {"label": {"drawThreshold": 8, "maxVisible": 22}}},
    "edges": {"smooth": False, "font": {"size": 11, "align": "middle", "strokeWidth": 3}},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
}


def _options(n_nodes: int) -> dict:
    """vis-network's options for a page of `n_nodes`: fewer stabilisation steps and no
    Kamada-Kawai seeding on big pages, edges hidden while dragging there."""
    options = json.loads(json.dumps(OPTIONS))
    options["physics"]["stabilization"]["iterations"] = max(150, min(600, 150_000 // max(n_nodes, 1)))
    options["layout"]["improvedLayout"] = n_nodes <= 150
    if n_nodes > 500:
        options["interaction"].update(hideEdgesOnDrag=True, hideEdgesOnZoom=True)
    return options


def render(graph: nx.MultiDiGraph, path: Path, *, title: str = "kg network") -> Path:
    """Write the page: pyvis's, plus kg's data block and script. Article text goes into the page
    once, as JSON escaped for a script element; the page shows it as text."""
    from pyvis.network import Network

    shown = counts(graph)
    articles = list(graph.graph.get("articles", {}))
    article_index = {iri: i for i, iri in enumerate(articles)}
    node_ids = {node: i for i, node in enumerate(sorted(graph.nodes, key=lambda n: graph.nodes[n]["label"]))}
    member, legend = communities(graph)

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line", heading="")
    ordered = sorted(node_ids.items(), key=lambda item: item[1])
    for node, number in ordered:
        data = graph.nodes[node]
        net.add_node(number, label=data["label"], title=_node_tooltip(data),
                     color=COLOURS.get(data["type"], "#999999"), size=_size(data["mentions"]))
    for number, (a, b, data) in enumerate(graph.edges(data=True)):
        ends = (graph.nodes[a]["label"], graph.nodes[b]["label"])
        if data["kind"] == "relation":
            net.add_edge(node_ids[a], node_ids[b], id=number, label=data["label"], color="#333333", arrows="to",
                         width=2, title=_relation_tooltip(ends, data, _sources(data), graph.graph.get("articles", {})))
        else:
            weight = data.get("weight", 1)
            net.add_edge(node_ids[a], node_ids[b], id=number, color="#c8c8c8", width=min(1 + weight, 6), arrows="",
                         hidden=not shown.co_mentions_shown,
                         title=f"{ends[0]} and {ends[1]}: named together in {_n(weight, 'article')}")
    net.set_options(json.dumps(_options(graph.number_of_nodes())))

    def data_nodes() -> Iterator[dict]:
        for node, number in ordered:
            data = graph.nodes[node]
            yield {
                "id": number, "iri": node, "label": data["label"], "type": data["type"], "mentions": data["mentions"],
                "forms": data.get("forms", []), "wikidata": data.get("wikidata"), "geonames": data.get("geonames"),
                "articles": [[article_index[a], n] for a, n in data.get("articles", {}).items() if a in article_index],
                "figures": [{**f, "article": article_index.get(f["article"])} for f in data.get("figures", [])],
                "community": member[node],
            }

    def data_edges() -> Iterator[dict]:
        for number, (a, b, data) in enumerate(graph.edges(data=True)):
            if data["kind"] == "relation":
                yield {
                    "id": number, "from": node_ids[a], "to": node_ids[b], "kind": "relation", "label": data["label"],
                    "role": data.get("role"),
                    "evidence": [{"sentence": s["sentence"], "role": s.get("role"),
                                  "article": article_index.get(s.get("article"))} for s in _sources(data)],
                }
            else:
                yield {
                    "id": number, "from": node_ids[a], "to": node_ids[b], "kind": "co-mention",
                    "weight": data.get("weight", 1),
                    "articles": [article_index[x] for x in data.get("articles", []) if x in article_index],
                }

    page_data = {
        "title": title,
        "colours": COLOURS,
        "relations": list(RELATIONS),
        "coMentionsShown": shown.co_mentions_shown,
        "coMentionsShownUpTo": CO_MENTIONS_SHOWN_UP_TO,
        "labelledAtFirst": LABELLED_AT_FIRST,
        "counts": {"nodes": shown.nodes, "relations": shown.relations, "coMentions": shown.co_mentions},
        "articles": [graph.graph["articles"][a] for a in articles],
        "nodes": data_nodes(),  # made one at a time as the page is written: the page's data is never held whole
        "edges": data_edges(),
        "communities": legend,
    }
    head, _, rest = net.generate_html(notebook=False).rpartition("</body>")  # no more than one copy of the page at once
    del net
    head = offline(head).replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
    script = resources.files("kg").joinpath("viz_page.js").read_text(encoding="utf-8")
    write_atomic_parts(path, chain(
        (head, '<script type="application/json" id="kg-data">'),
        script_json_parts(page_data),
        (f"</script>\n<script>\n{script}\n</script>\n</body>", rest),
    ))
    return path


def _sources(data: dict) -> list[dict]:
    """A relation edge's evidence: its sources, or its sentences (a graph made without sources)."""
    return data.get("sources") or [{"sentence": s, "article": None, "role": None}
                                   for s in data.get("evidence", "").split("\n") if s]


def script_json(value: object) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' appears literally."""
    return "".join(script_json_parts(value))


def script_json_parts(value: object) -> Iterator[str]:
    """`script_json(value)` in parts, each list (or generator, written as a list) of `value` and of its
    dicts cut into its items, so the whole text is never held."""
    for part in _json_parts(value, 2):
        for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                              ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
            part = part.replace(char, escaped)
        yield part


def _json_parts(value: object, depth: int) -> Iterator[str]:
    """json.dumps(value) (compact, not ASCII-only) in parts: dicts with text keys, lists and iterators cut
    into their items down to `depth` levels."""
    if depth and isinstance(value, dict) and all(isinstance(key, str) for key in value):
        yield "{"
        for number, (key, item) in enumerate(value.items()):
            yield ("," if number else "") + _json(key) + ":"
            yield from _json_parts(item, depth - 1)
        yield "}"
    elif depth and isinstance(value, (list, tuple, Iterator)):
        yield "["
        for number, item in enumerate(value):
            if number:
                yield ","
            yield from _json_parts(item, depth - 1)
        yield "]"
    else:
        yield _json(value)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _n(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("ty") else f"{count} {noun}s"


def _size(mentions: int) -> float:
    return round(6 + 5 * min(max(mentions, 1), 64) ** 0.5, 1)


def _node_tooltip(data: dict) -> str:
    """Plain text: vis-network shows a string title as text, so nothing is escaped here."""
    text = f"{data['label']}\n{data['type']} · {_n(data['mentions'], 'mention')}"
    if data.get("articles"):
        text += f" in {_n(len(data['articles']), 'article')}"
    if data.get("forms"):
        text += "\nalso: " + ", ".join(data["forms"][:5])
    return text


def _relation_tooltip(ends: tuple[str, str], data: dict, sources: list[dict], articles: dict) -> str:
    role = f" ({data['role']})" if data.get("role") else ""
    lines = [f"{ends[0]} —{data['label']}{role}→ {ends[1]}"]
    for source in sources[:3]:
        lines.append(f"“{source['sentence']}”")
        article = articles.get(source.get("article")) or {}
        where = ", ".join(x for x in (article.get("title"), article.get("outlet"), article.get("date")) if x)
        if where:
            lines.append(f"  — {where}")
    if len(sources) > 3:
        lines.append(f"(+{len(sources) - 3} more: click the link)")
    return "\n".join(lines)


def offline(page: str) -> str:
    """Drop every stylesheet and script the page would fetch from the network."""
    page = re.sub(r"<link[^>]+href=\"https?://[^\"]+\"[^>]*>\s*", "", page)
    page = re.sub(r"<script[^>]+src=\"https?://[^\"]+\"[^>]*>\s*</script>\s*", "", page)
    return page


def page_path(folder: Path, *, focus: str | None = None, top: int | None = None) -> Path:
    """Where a page goes by default: the full page is DIR/graph.html; a focused or cut one gets its
    own name (DIR/focus-<name>.html, DIR/top-<N>.html), so the build's page is never replaced."""
    from kg.resolve import slugify

    if not focus and not top:
        return folder / HTML_FILE
    parts = ([f"focus-{slugify(focus)}"] if focus else []) + ([f"top-{top}"] if top else [])
    return folder / ("-".join(parts) + ".html")


def write_page(
    store: GraphStore, path: Path | None = None, *, focus: str | None = None, hops: int = 1, top: int | None = None
) -> tuple[Path, Counts]:
    """Read the network from a store, select, and write the page (by default at `page_path`); return
    the path and what the page draws. An unknown `focus` raises before anything is written."""
    graph = select(network(store, strongest=True), focus=focus, hops=hops, top=top)
    path = path or page_path(store.folder, focus=focus, top=top)
    render(graph, path, title="kg network" + (f": {focus}" if focus else ""))
    return path, counts(graph)
