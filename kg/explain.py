"""Why the graph says what it says: the evidence sentences behind a triple (`kg explain`), and the
shortest path between two entities with the sentences along it (`kg path`).

Entities are named by label or any surface form (case-insensitive); predicates as `memberOf`,
`kg:memberOf` or the full IRI. Names reach SPARQL only as substitutions, never inside the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.errors import QueryError
from kg.namespace import KG
from kg.store import GraphStore

PREDICATES = ("memberOf", "leads", "relativeOf", "locatedIn", "defectedTo")

_NAMED = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg:   <https://w3id.org/kg/ns#>
SELECT DISTINCT ?entity ?label ?name WHERE {
  ?entity a kg:Entity ; rdfs:label ?label .
  { ?entity rdfs:label ?form } UNION { ?entity skos:altLabel ?form }
  FILTER (LCASE(STR(?form)) = LCASE(STR(?name)))
}
ORDER BY ?label
"""

_FORMS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?form ?entity WHERE { { ?entity rdfs:label ?form } UNION { ?entity skos:altLabel ?form } }
"""

_EVIDENCE = """
PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX kg:     <https://w3id.org/kg/ns#>
PREFIX nif:    <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov:   <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?relation ?role ?evidence ?begin ?end ?confidence ?extractor ?headline ?date ?subject ?predicate ?object
WHERE {
  ?relation a rdf:Statement ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
  OPTIONAL { ?relation kg:role ?role }
  OPTIONAL { ?relation kg:evidence ?evidence }
  OPTIONAL { ?relation nif:beginIndex ?begin }
  OPTIONAL { ?relation nif:endIndex ?end }
  OPTIONAL { ?relation kg:confidence ?confidence }
  OPTIONAL { ?relation kg:extractor ?extractor }
  OPTIONAL {
    ?relation prov:wasDerivedFrom ?article .
    OPTIONAL { ?article schema:headline ?headline }
    OPTIONAL { ?article schema:datePublished ?date }
  }
}
ORDER BY DESC(?date) ?begin
"""


@dataclass
class Evidence:
    """One sentence behind a triple, with the names of subject and object marked."""

    sentence: str
    marked: str
    begin: int | None
    end: int | None
    role: str | None = None
    confidence: float | None = None
    extractor: str | None = None
    headline: str | None = None
    date: str | None = None


@dataclass
class Step:
    """One edge of a path: `source` —predicate→ `target` (or a co-mention), with its sentences."""

    source: str
    predicate: str
    target: str
    role: str | None = None
    sentences: list[str] = field(default_factory=list)
    forward: bool = True  # False: the relation runs from `target` to `source`

    def arrow(self) -> str:
        """"A —memberOf (chief)→ B", or "A ←memberOf— B" when the relation points back along the path."""
        label = self.predicate + (f" ({self.role})" if self.role else "")
        return f"{self.source} —{label}→ {self.target}" if self.forward else f"{self.source} ←{label}— {self.target}"


def predicate_iri(predicate: str) -> str:
    """The IRI of a relation predicate given as memberOf, kg:memberOf or the full IRI."""
    name = predicate.strip()
    if name.startswith(str(KG)):
        name = name[len(str(KG)) :]
    elif name.startswith("kg:"):
        name = name[3:]
    if name not in PREDICATES:
        raise QueryError(f"unknown predicate {predicate!r} (one of {', '.join(PREDICATES)}, with or without kg:)")
    return str(KG) + name


def entities_named(store: GraphStore, name: str) -> list[tuple[str, str]]:
    """(IRI, label) of every entity whose label or a surface form is `name`."""
    import pyoxigraph as ox

    _, rows = store.rows(_NAMED, {"name": ox.Literal(name.strip())})
    if not rows:
        raise QueryError(f"no entity is called {name!r} (try `kg entities DIR`)")
    return [(iri, label) for iri, label, _ in rows]


def forms_of(store: GraphStore, iri: str) -> list[str]:
    """The label and every surface form of an entity, longest first."""
    import pyoxigraph as ox

    _, rows = store.rows(_FORMS, {"entity": ox.NamedNode(iri)})
    return sorted({row[0] for row in rows if row[0]}, key=len, reverse=True)


def mark(sentence: str, subject_forms: list[str], object_forms: list[str]) -> str:
    """The sentence with the first occurrence of the subject's and the object's names in «…»."""
    spans: list[tuple[int, int]] = []
    for forms in (subject_forms, object_forms):
        for form in forms:
            match = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", sentence, flags=re.IGNORECASE)
            if match and not any(s < match.end() and match.start() < e for s, e in spans):
                spans.append(match.span())
                break
    for start, end in sorted(spans, reverse=True):
        sentence = sentence[:start] + "«" + sentence[start:end] + "»" + sentence[end:]
    return sentence


def explain(store: GraphStore, subject: str, predicate: str, obj: str) -> list[Evidence]:
    """The evidence sentences behind `subject predicate object` (relativeOf is read both ways)."""
    import pyoxigraph as ox

    iri = predicate_iri(predicate)
    subjects, objects = entities_named(store, subject), entities_named(store, obj)
    found: list[Evidence] = []
    pairs = [(s, o) for s, _ in subjects for o, _ in objects]
    if iri.endswith("relativeOf"):
        pairs += [(o, s) for s, o in pairs]
    iris = [iri, str(KG.leads)] if iri == str(KG.memberOf) else [iri]  # leads is a kind of memberOf
    for s, o in pairs:
        rows = []
        for p in iris:
            subs = {"subject": ox.NamedNode(s), "predicate": ox.NamedNode(p), "object": ox.NamedNode(o)}
            rows += store.rows(_EVIDENCE, subs)[1]
        if not rows:
            continue
        s_forms, o_forms = forms_of(store, s), forms_of(store, o)
        for _, role, sentence, begin, end, confidence, extractor, headline, date, *_ in rows:
            sentence = (sentence or "").strip()
            found.append(
                Evidence(
                    sentence=sentence,
                    marked=mark(sentence, s_forms, o_forms),
                    begin=begin,
                    end=end,
                    role=role,
                    confidence=float(confidence) if confidence is not None else None,
                    extractor=extractor,
                    headline=headline,
                    date=str(date) if date is not None else None,
                )
            )
    return found


def shortest_path(store: GraphStore, source: str, target: str, *, co_mentions: bool = False) -> list[Step]:
    """The fewest relations (or, with `co_mentions`, also co-mentions) that link two entities, in order."""
    import networkx as nx

    from kg.viz import network

    graph = network(store)
    links = nx.Graph()
    for u, v, data in graph.edges(data=True):
        if data.get("kind") == "relation":
            sentences = [line for line in (data.get("evidence") or "").split("\n") if line]
            links.add_edge(u, v, weight=1, step=(u, data["label"], v, data.get("role"), sentences))
        elif co_mentions and data.get("kind") == "co-mention" and not links.has_edge(u, v):
            n = data.get("weight", 1)
            links.add_edge(u, v, weight=3, step=(u, "co-mentioned", v, None, [f"named together in {n} article(s)"]))
    starts = [iri for iri, _ in entities_named(store, source) if iri in links]
    ends = {iri for iri, _ in entities_named(store, target) if iri in links}
    best: list[str] | None = None
    for start in starts:
        lengths, paths = nx.single_source_dijkstra(links, start, weight="weight")
        for end in ends:
            if end in paths and (best is None or lengths[end] < _length(links, best)):
                best = paths[end]
    if best is None:
        how = "relations or co-mentions" if co_mentions else "relations (try --co-mentions)"
        raise QueryError(f"no path of {how} links {source!r} and {target!r}")
    label = {node: graph.nodes[node].get("label", node) for node in best}
    steps = []
    for u, v in zip(best, best[1:], strict=False):
        a, predicate, _, role, sentences = links.edges[u, v]["step"]
        steps.append(Step(label[u], predicate, label[v], role, sentences, forward=a == u or predicate == "co-mentioned"))
    return steps


def _length(graph, path: list[str]) -> float:
    return sum(graph.edges[u, v]["weight"] for u, v in zip(path, path[1:], strict=False))
