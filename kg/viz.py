"""Draw the graph: a networkx graph read from the store, written as a pyvis page that works
offline (JavaScript inlined, no CDN), coloured by type, sized by mentions, evidence in tooltips."""

from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx

from kg.store import GraphStore, write_atomic

COLOURS = {
    "Person": "#e15759",
    "Agency": "#4e79a7",
    "Outlet": "#f28e2b",
    "Organization": "#59a14f",
    "Place": "#b07aa1",
}
_PREFIXES = """
PREFIX kg: <https://w3id.org/kg/ns#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
ENTITIES = (
    _PREFIXES
    + """
SELECT ?e ?label ?type ?count ?wikidata WHERE {
  ?e a kg:Entity ; rdfs:label ?label ; a ?type .
  OPTIONAL { ?e kg:mentionCount ?mentions }
  BIND(COALESCE(?mentions, 0) AS ?count)
  FILTER(?type IN (kg:Person, kg:Agency, kg:Outlet, kg:Organization, kg:Place))
  OPTIONAL { ?e owl:sameAs ?wikidata }
}"""
)
RELATIONS = (
    _PREFIXES
    + """
SELECT ?s ?p ?o ?role ?evidence WHERE {
  ?r a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:evidence ?evidence .
  FILTER(STRSTARTS(STR(?p), "https://w3id.org/kg/ns#"))
  OPTIONAL { ?r kg:role ?role }
}"""
)
CO_MENTIONS = (
    _PREFIXES
    + """
SELECT ?a ?b ?n WHERE {
  ?pair kg:rank ?rank . FILTER (?rank <= 5000)
  ?pair a kg:CoMention ; kg:first ?a ; kg:second ?b ; kg:weight ?n .
}"""  # the 5,000 strongest pairs (the build ranks them): a page of a large corpus cannot show them all
)


def network(store: GraphStore) -> nx.MultiDiGraph:
    """The entities as nodes; relations (one edge per subject, relation and object) and co-mentions as edges."""
    graph = nx.MultiDiGraph()
    _, rows = store.rows(ENTITIES)
    for iri, label, kind, count, wikidata in rows:
        known = graph.nodes[iri].get("wikidata") if iri in graph else None
        if known and not (wikidata or "").startswith("http://www.wikidata.org/"):
            wikidata = known
        graph.add_node(iri, label=label, type=kind.rsplit("#", 1)[-1], mentions=count, wikidata=wikidata)
    _, rows = store.rows(RELATIONS)
    grouped: dict[tuple[str, str, str], dict] = {}
    for subject, predicate, obj, role, evidence in rows:
        if subject in graph and obj in graph:
            edge = grouped.setdefault((subject, predicate, obj), {"roles": set(), "evidence": []})
            if role:
                edge["roles"].add(role)
            if evidence not in edge["evidence"]:
                edge["evidence"].append(evidence)
    for (subject, predicate, obj), edge in sorted(grouped.items()):
        graph.add_edge(
            subject,
            obj,
            kind="relation",
            label=predicate.rsplit("#", 1)[-1],
            role=", ".join(sorted(edge["roles"])) or None,
            evidence="\n".join(edge["evidence"]),
        )
    _, rows = store.rows(CO_MENTIONS)
    for a, b, n in rows:
        if a in graph and b in graph:
            graph.add_edge(a, b, kind="co-mention", label="", weight=n)
    return graph


def select(
    graph: nx.MultiDiGraph, *, focus: str | None = None, hops: int = 1, top: int | None = None
) -> nx.MultiDiGraph:
    """Keep the neighbourhood of `focus` (a label, any case) and/or the `top` most mentioned nodes."""
    if focus:
        wanted = focus.casefold()
        centre = next((n for n, d in graph.nodes(data=True) if d["label"].casefold() == wanted), None)
        if centre is None:
            centre = next((n for n, d in graph.nodes(data=True) if wanted in d["label"].casefold()), None)
        if centre is None:
            return graph.subgraph([]).copy()
        keep = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=hops)
        graph = graph.subgraph(keep).copy()
    if top:
        ranked = sorted(graph.nodes, key=lambda n: -graph.nodes[n]["mentions"])[:top]
        graph = graph.subgraph(ranked).copy()
    return graph


OPTIONS = {
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 120, "avoidOverlap": 0.4},
        "stabilization": {"iterations": 300},
    },
    "nodes": {"shape": "dot", "font": {"size": 16, "strokeWidth": 3, "strokeColor": "#ffffff"}},
    "edges": {"smooth": False, "font": {"size": 12, "align": "middle", "strokeWidth": 3}},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
}
CO_MENTIONS_PER_NODE = 3


def _strong_co_mentions(graph: nx.MultiDiGraph) -> set[tuple[str, str]]:
    """The co-mention edges worth drawing: each node's strongest few, and every pair seen in 2+ articles."""
    keep: set[tuple[str, str]] = set()
    by_node: dict[str, list[tuple[int, str, str]]] = {}
    for a, b, data in graph.edges(data=True):
        if data["kind"] != "co-mention":
            continue
        if data["weight"] >= 2:
            keep.add((a, b))
        by_node.setdefault(a, []).append((data["weight"], a, b))
        by_node.setdefault(b, []).append((data["weight"], a, b))
    for edges in by_node.values():
        for _, a, b in sorted(edges, key=lambda e: (-e[0], e[1], e[2]))[:CO_MENTIONS_PER_NODE]:
            keep.add((a, b))
    return keep


def _legend() -> str:
    items = "".join(
        f'<span style="margin-right:14px"><span style="display:inline-block;width:12px;height:12px;'
        f'border-radius:6px;background:{colour};margin-right:4px"></span>{kind}</span>'
        for kind, colour in COLOURS.items()
    )
    return (
        '<div id="kg-legend" style="font:14px sans-serif;padding:6px 10px">'
        f"{items}<span style=\"color:#666\">— arrows: relations; grey lines: mentioned together</span></div>"
    )


def render(graph: nx.MultiDiGraph, path: Path, *, title: str = "kg network") -> Path:
    """Write the page. Every text shown comes from articles, so it is escaped."""
    import json

    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line", heading="")
    for node, data in graph.nodes(data=True):
        mentions = data["mentions"]
        tooltip = f"{data['label']}\n{data['type']} · {mentions} mention{'' if mentions == 1 else 's'}"
        if data.get("wikidata"):
            tooltip += f"\n{data['wikidata']}"
        net.add_node(
            node,
            label=data["label"],
            title=_escape(tooltip),
            color=COLOURS.get(data["type"], "#999999"),
            size=10 + 4 * min(data["mentions"], 30) ** 0.5 * 2,
        )
    strong = _strong_co_mentions(graph)
    for a, b, data in graph.edges(data=True):
        if data["kind"] == "relation":
            tooltip = data["label"] + (f" ({data['role']})" if data.get("role") else "") + "\n" + data["evidence"]
            net.add_edge(a, b, label=data["label"], title=_escape(tooltip), color="#333333", arrows="to", width=2)
        elif (a, b) in strong:
            net.add_edge(
                a,
                b,
                title=_escape(f"mentioned together in {data['weight']} article(s)"),
                color="#d0d0d0",
                width=min(1 + data["weight"], 6),
                arrows="",
            )
    net.set_options(json.dumps(OPTIONS))
    page = net.generate_html(notebook=False)
    page = offline(page).replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
    page = page.replace("<body>", "<body>\n" + _legend(), 1)
    write_atomic(path, page)
    return path


def _escape(text: str) -> str:
    """Article text is untrusted: escape markup (quotes stay readable; the page embeds titles as JSON)."""
    return html.escape(text, quote=False)


def offline(page: str) -> str:
    """Drop every stylesheet and script the page would fetch from the network."""
    page = re.sub(r"<link[^>]+href=\"https?://[^\"]+\"[^>]*>\s*", "", page)
    page = re.sub(r"<script[^>]+src=\"https?://[^\"]+\"[^>]*>\s*</script>\s*", "", page)
    return page


def write_page(
    store: GraphStore, path: Path, *, focus: str | None = None, hops: int = 1, top: int | None = None
) -> tuple[Path, int, int]:
    """Read the network from a store, select, and write the page; return the path and node/edge counts."""
    graph = select(network(store), focus=focus, hops=hops, top=top)
    render(graph, path)
    return path, graph.number_of_nodes(), graph.number_of_edges()
