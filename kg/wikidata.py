"""Online linking, only when the user asks (`kg link DIR --online`, `kg build --link-online`): Wikidata ids for
the entities the gazetteer lacks. This is the only part of kg that uses the network.

For each entity kg searches Wikidata by label (`wbsearchentities`), then checks every candidate's type with
one SPARQL request per batch (human; government agency, ministry, legislature or armed force; news outlet or
agency; organisation or party; place): kg's type must agree. The SPARQL request also asks which of the
QIDs already linked in the same articles each candidate refers to. A candidate scores by how well its label
or an alias matches, by description words shared with the entity's context, and by those co-mentioned QIDs;
kg abstains below `THRESHOLD` or when the runner-up is within `MARGIN`.

Every response is cached in DIR/wikidata/ (one JSON file per request), so a rebuild, a dry run after a real
one, and the tests need no network. Requests identify kg with a User-Agent as Wikidata's policy asks, go one
at a time at most every `min_interval` seconds (searches carry `maxlag=5`), and are retried with backoff on
timeouts, HTTP 429, 5xx and the API's `maxlag` answer (after their Retry-After); after `retries` they are
skipped and counted. A build never fails because Wikidata is slow.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from rapidfuzz import fuzz
import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg import __version__
from kg.namespace import KG, SCHEMA, WD
from kg.rdf import ENTITIES_GRAPH

API = "https://www.wikidata.org/w/api.php"
SPARQL = "https://query.wikidata.org/sparql"
CACHE_DIR = "wikidata"
USER_AGENT = f"kg/{__version__} (news knowledge-graph builder; https://w3id.org/kg) httpx/{httpx.__version__}"
THRESHOLD = 0.9
MARGIN = 0.15
BATCH = 25
#: Wikidata classes (reached by P31/P279*) that agree with each kg type.
CLASSES = {
    "Person": ("Q5",),  # human
    "Agency": ("Q327333", "Q192350", "Q2659904", "Q11204", "Q8473", "Q35535"),
    # government agency, ministry, government organization, legislature, military, police
    "Outlet": ("Q192283", "Q1193236", "Q11032", "Q1616075", "Q14350", "Q1153191", "Q2001305"),
    # news agency, news media, newspaper, television station, radio station, online newspaper, TV channel
    "Organization": ("Q43229", "Q7278"),  # organization, political party
    "Place": ("Q2221906", "Q618123", "Q56061"),  # geographic location, geographical feature, territorial entity
}
TYPE_WORDS = {
    "Person": {"politician", "minister", "president", "journalist", "diplomat", "official", "professor", "leader",
               "businessman", "businesswoman", "activist", "writer", "economist", "researcher", "spokesperson"},
    "Agency": {"ministry", "agency", "department", "government", "parliament", "legislature", "military", "service"},
    "Outlet": {"newspaper", "news", "agency", "broadcaster", "television", "radio", "website", "daily"},
    "Organization": {"organization", "organisation", "university", "institute", "company", "foundation", "ngo", "think",
                     "party"},
    "Place": {"city", "country", "province", "region", "river", "state", "capital", "county", "island"},
}


@dataclass
class Candidate:
    """One Wikidata item a name may stand for."""

    qid: str
    label: str
    description: str = ""
    aliases: list[str] = field(default_factory=list)
    rank: int = 0
    score: float = 0.0
    types: set[str] = field(default_factory=set)  # kg types its classes agree with
    reasons: list[str] = field(default_factory=list)


@dataclass
class Target:
    """An entity of the build to link: its IRI, label, kg type, surface forms and context."""

    iri: str
    label: str
    type: str
    forms: set[str] = field(default_factory=set)
    context_qids: set[str] = field(default_factory=set)  # linked entities named in the same articles
    context_words: set[str] = field(default_factory=set)  # words of the labels of co-mentioned entities
    geonames: str | None = None  # a place's GeoNames id (kg.geo)


@dataclass
class Decision:
    """What kg decided for one entity: a QID or None, with the rule and every candidate's score."""

    target: Target
    qid: str | None
    rule: str
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class OnlineSummary:
    """What an online run did."""

    entities: int = 0
    linked: int = 0
    abstained: int = 0
    requests: int = 0  # sent over the network
    cached: int = 0  # answered from DIR/wikidata
    skipped: int = 0  # requests given up after retries (timeouts, 429, 5xx)
    damaged: list[str] = field(default_factory=list)  # cache files that could not be read
    missing: int = 0  # offline: requests with no cached response

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


class Unavailable(Exception):
    """A request could not be answered: offline without a cached response, or given up after retries."""


class WikidataClient:
    """GET requests to Wikidata, answered from DIR/wikidata when cached, else (online only) from the network,
    politely: one at a time, `min_interval` apart, retried with backoff, identified by a User-Agent."""

    def __init__(
        self,
        cache: str | Path,
        *,
        online: bool,
        transport: httpx.BaseTransport | None = None,
        min_interval: float = 1.0,
        retries: int = 3,
        backoff: float = 2.0,
        timeout: float = 20.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        summary: OnlineSummary | None = None,
    ):
        self.cache = Path(cache)
        self.online = online
        self.min_interval, self.retries, self.backoff = min_interval, retries, backoff
        self.sleep, self.clock = sleep, clock
        self.summary = summary or OnlineSummary()
        self._last: float | None = None
        self._http = (
            httpx.Client(transport=transport, timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=True)
            if online
            else None
        )

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def _path(self, url: str, params: dict[str, str]) -> Path:
        key = json.dumps([url, sorted(params.items())], ensure_ascii=False)
        return self.cache / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.json"

    def get(self, url: str, params: dict[str, str], headers: dict[str, str] | None = None) -> dict:
        """The JSON answer to a GET request; Unavailable when there is none to be had."""
        path = self._path(url, params)
        if path.exists():
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
                if record.get("url") != url or not isinstance(record.get("response"), dict):
                    raise ValueError("not a kg cache record")
                self.summary.cached += 1
                return record["response"]
            except (OSError, ValueError, AttributeError):
                self.summary.damaged.append(str(path))
                if not self.online:
                    raise Unavailable(f"{path}: damaged cache file (run with --online to fetch it again)") from None
        if not self.online or self._http is None:
            self.summary.missing += 1
            raise Unavailable(f"no cached response for {url} (run with --online)")
        response = self._fetch(url, params, headers or {})
        self.cache.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps({"url": url, "params": params, "response": response}, ensure_ascii=False), "utf-8")
        tmp.replace(path)
        return response

    def _fetch(self, url: str, params: dict[str, str], headers: dict[str, str]) -> dict:
        delay = self.backoff
        for attempt in range(self.retries + 1):
            if self._last is not None:
                wait = self.min_interval - (self.clock() - self._last)
                if wait > 0:
                    self.sleep(wait)
            self._last = self.clock()
            self.summary.requests += 1
            try:
                response = self._http.get(url, params=params, headers=headers)
            except httpx.TimeoutException:
                response = None
            except httpx.TransportError:
                response = None
            if response is not None and response.status_code == 200:
                try:
                    answer = response.json()
                except ValueError:
                    answer = None  # a truncated answer: try again
                lagged = isinstance(answer, dict) and (answer.get("error") or {}).get("code") == "maxlag"
                if isinstance(answer, dict) and not lagged:
                    return answer  # (a lagged server asks to come back later, with a Retry-After)
            elif response is not None and response.status_code not in (429,) and response.status_code < 500:
                break  # 4xx other than 429: asking again will not help
            if attempt == self.retries:
                break
            retry_after = response.headers.get("Retry-After") if response is not None else None
            self.sleep(float(retry_after) if retry_after and retry_after.isdigit() else delay)
            delay *= 2
        self.summary.skipped += 1
        raise Unavailable(f"{url}: no answer after {self.retries + 1} tries")


def targets(store: ox.Store) -> tuple[list[Target], dict[str, str]]:
    """The build's entities that have no Wikidata id yet, with their context, and the linked ones (IRI → QID).
    Reads the store pattern by pattern: memory holds the entities and who is mentioned with whom, not the graph."""

    def pairs(predicate):
        for quad in store.quads_for_pattern(None, ox.NamedNode(str(predicate)), None, None):
            yield quad.subject.value, quad.object.value

    entities: dict[str, Target] = {}
    linked: dict[str, str] = {}
    for s, t in pairs(RDF.type):
        kind = t.rsplit("#", 1)[-1]
        if t.startswith(str(KG)) and kind in CLASSES:
            entities.setdefault(s, Target(s, "", kind))
    for s, o in pairs(RDFS.label):
        if s in entities and not entities[s].label:
            entities[s].label = o
            entities[s].forms.add(o)
    for s, o in pairs(SKOS.altLabel):
        if s in entities:
            entities[s].forms.add(o)
    for s, o in pairs(OWL.sameAs):
        if o.startswith(str(WD)) and s in entities:
            linked[s] = o[len(str(WD)) :]
        elif o.startswith("https://sws.geonames.org/") and s in entities:
            entities[s].geonames = o.rstrip("/").rsplit("/", 1)[-1]
    by_article: dict[str, set[str]] = defaultdict(set)
    for article, entity in pairs(SCHEMA.mentions):
        if entity in entities:
            by_article[article].add(entity)  # articles and statements: both name what they mention
    for named in by_article.values():
        for iri in named:
            if iri not in linked:
                others = named - {iri}
                entities[iri].context_qids |= {linked[o] for o in others if o in linked}
                entities[iri].context_words |= {w for o in others for w in _words(entities[o].label)}
    todo = [t for iri, t in sorted(entities.items()) if iri not in linked and t.label]
    return todo, linked


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.casefold())}


def search(client: WikidataClient, target: Target) -> list[Candidate]:
    """wbsearchentities for the entity's label (English)."""
    params = {"action": "wbsearchentities", "search": target.label, "language": "en", "uselang": "en",
              "type": "item", "limit": "7", "format": "json", "maxlag": "5"}
    answer = client.get(API, params)
    found = []
    for rank, item in enumerate(answer.get("search", [])):
        if isinstance(item, dict) and re.fullmatch(r"Q\d+", str(item.get("id", ""))):
            found.append(Candidate(item["id"], str(item.get("label", "")), str(item.get("description", "")),
                                   [str(a) for a in item.get("aliases", []) if isinstance(a, str)], rank))
            match = item.get("match") or {}
            if match.get("type") == "alias" and match.get("text"):
                found[-1].aliases.append(str(match["text"]))
    return found


def type_query(qids: list[str], context: list[str]) -> str:
    """One SPARQL query: which of kg's classes each candidate belongs to, which context QIDs it refers to, and
    its GeoNames id. Only QIDs (checked to be Q + digits) go into it."""
    bad = [q for q in [*qids, *context] if not re.fullmatch(r"Q\d+", q)]
    if bad:
        raise ValueError(f"not a Wikidata id: {bad[0]!r}")
    items = " ".join(f"wd:{q}" for q in qids)
    classes = " ".join(sorted({f"wd:{c}" for cs in CLASSES.values() for c in cs}))
    query = (
        "PREFIX wd: <http://www.wikidata.org/entity/> PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
        f"SELECT DISTINCT ?item ?class ?linked ?geonames WHERE {{ VALUES ?item {{ {items} }}\n"
        f"  {{ VALUES ?class {{ {classes} }} ?item wdt:P31/wdt:P279* ?class }}\n"
        "  UNION { ?item wdt:P1566 ?geonames }"
    )
    if context:
        query += f"\n  UNION {{ VALUES ?linked {{ {' '.join(f'wd:{q}' for q in context)} }} ?item ?p ?linked }}"
    return query + " }"


def check_types(client: WikidataClient, candidates: list[Candidate], context: set[str]) -> dict[str, set[str]]:
    """Fill in each candidate's kg types; return the context QIDs each candidate refers to."""
    refers: dict[str, set[str]] = defaultdict(set)
    by_qid: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_qid[candidate.qid].append(candidate)
    qids = sorted(by_qid)
    for start in range(0, len(qids), BATCH):
        batch = qids[start : start + BATCH]
        try:
            answer = client.get(SPARQL, {"query": type_query(batch, sorted(context)), "format": "json"},
                                {"Accept": "application/sparql-results+json"})
        except Unavailable:
            continue
        for row in answer.get("results", {}).get("bindings", []):
            item = str(row.get("item", {}).get("value", "")).rsplit("/", 1)[-1]
            if "class" in row:
                cls = str(row["class"].get("value", "")).rsplit("/", 1)[-1]
                for candidate in by_qid.get(item, []):
                    candidate.types |= {kind for kind, classes in CLASSES.items() if cls in classes}
            if "linked" in row:
                refers[item].add(str(row["linked"].get("value", "")).rsplit("/", 1)[-1])
            if "geonames" in row:
                refers[item].add("geonames:" + str(row["geonames"].get("value", "")))
    return refers


def score(target: Target, candidate: Candidate, refers: set[str]) -> float:
    """Label match (exact 1.0, an alias 0.9, else fuzzy), description words that fit the entity's type or
    context (+0.05 each, at most 0.15), context QIDs the candidate refers to (+0.15 each, at most 0.3), the
    place's GeoNames id as its own (+0.3)."""
    forms = {f.casefold() for f in target.forms | {target.label}}
    if candidate.label.casefold() == target.label.casefold():
        value, why = 1.0, "label matches"
    elif candidate.label.casefold() in forms or forms & {a.casefold() for a in candidate.aliases}:
        value, why = 0.9, "a surface form is its label or alias"
    else:
        value = 0.8 * max(fuzz.ratio(target.label.casefold(), candidate.label.casefold()) / 100, 0)
        why = f"label similarity {value:.2f}"
    candidate.reasons = [why]
    words = _words(candidate.description) & (TYPE_WORDS[target.type] | target.context_words)
    if words:
        value += min(0.05 * len(words), 0.15)
        candidate.reasons.append("description: " + ", ".join(sorted(words)))
    if target.geonames and f"geonames:{target.geonames}" in refers:
        value += 0.3
        candidate.reasons.append(f"its GeoNames id {target.geonames} is the place's")
    shared = refers & target.context_qids
    if shared:
        value += min(0.15 * len(shared), 0.3)
        candidate.reasons.append("refers to " + ", ".join(sorted(shared)))
    candidate.score = round(value, 3)
    return candidate.score


def link_online(store: ox.Store, client: WikidataClient) -> list[Decision]:
    """Decide a Wikidata id for every entity of the store that has none, and return every decision (the store
    is only read)."""
    todo, _ = targets(store)
    client.summary.entities = len(todo)
    found: dict[str, list[Candidate]] = {}
    for target in todo:
        try:
            found[target.iri] = search(client, target)
        except Unavailable:
            found[target.iri] = []
    context = set().union(*(t.context_qids for t in todo)) if todo else set()
    refers = check_types(client, [c for cs in found.values() for c in cs], context)
    decisions = []
    for target in todo:
        agreeing = [c for c in found[target.iri] if target.type in c.types]
        for candidate in agreeing:
            score(target, candidate, refers.get(candidate.qid, set()))
        agreeing.sort(key=lambda c: (-c.score, c.rank))
        decision = _decide(target, agreeing, found[target.iri])
        if decision.qid:
            client.summary.linked += 1
        else:
            client.summary.abstained += 1
        decisions.append(decision)
    return decisions


def _decide(target: Target, agreeing: list[Candidate], everything: list[Candidate]) -> Decision:
    if not agreeing:
        why = "no candidate of a type that agrees" if everything else "no candidate found"
        return Decision(target, None, f"no link: {why}", everything)
    best = agreeing[0]
    if best.score < THRESHOLD:
        return Decision(target, None, f"no link: best {best.qid} scores {best.score:.2f} < {THRESHOLD}", agreeing)
    if len(agreeing) > 1 and best.score - agreeing[1].score < MARGIN:
        return Decision(
            target, None, f"no link: {best.qid} and {agreeing[1].qid} are too close ({best.score:.2f} vs {agreeing[1].score:.2f})", agreeing
        )
    rule = f"Wikidata search: {best.qid} scores {best.score:.2f} ({'; '.join(best.reasons)})"
    return Decision(target, best.qid, rule, agreeing)


CANDIDATE_COLUMNS = ["entity", "type", "candidate", "label", "description", "score", "its types", "decision"]


def candidate_rows(decisions: list[Decision]) -> list[list[str]]:
    """A dry run's table: each entity's candidates with score and types; LINK on the one chosen, the reason
    for no link on the first row of an entity left unlinked."""
    rows = []
    for decision in decisions:
        for number, candidate in enumerate(decision.candidates or [None]):
            if candidate is None:
                rows.append([decision.target.label, decision.target.type, "", "", "", "", "", decision.rule])
                continue
            verdict = "LINK" if candidate.qid == decision.qid else (decision.rule if number == 0 and not decision.qid else "")
            rows.append([
                decision.target.label, decision.target.type, candidate.qid, candidate.label, candidate.description,
                f"{candidate.score:.2f}" if candidate.types else "", ", ".join(sorted(candidate.types)), verdict,
            ])
    return rows


def update_links_file(path: Path, decisions: list[Decision]) -> None:
    """Write the online decisions into a build's links.json (entries matched by entity IRI)."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {"entities": []}
    by_key = {f"https://w3id.org/kg/id/entity/{e.get('key')}": e for e in record.get("entities", [])}
    for decision in decisions:
        entry = by_key.get(decision.target.iri)
        if entry is None:
            entry = {"label": decision.target.label, "type": decision.target.type, "key": decision.target.iri.rsplit("/", 1)[-1]}
            record.setdefault("entities", []).append(entry)
        if decision.qid:
            entry["wikidata"], entry["wikidata_rule"] = decision.qid, decision.rule
        else:
            entry["wikidata_online"] = decision.rule
    path.write_text(json.dumps(record, indent=1, ensure_ascii=False), "utf-8")


def client_for(folder: str | Path, *, online: bool, summary: OnlineSummary | None = None) -> WikidataClient:
    """The client a build folder's linking uses (its cache is DIR/wikidata)."""
    return WikidataClient(Path(folder) / CACHE_DIR, online=online, summary=summary)


def link_build(folder: str | Path, *, online: bool, dry_run: bool = False) -> tuple[list[Decision], OnlineSummary]:
    """Link a built folder's entities to Wikidata and, unless `dry_run`, write the links into its store,
    graph.trig and links.json. Offline, only cached answers are used."""
    import gc

    from kg.errors import StoreError
    from kg.link import LINKS_FILE
    from kg.store import GraphStore

    if not Path(folder).is_dir():
        raise StoreError(f"{folder}: not a build folder (kg link updates a build made by kg build)")
    store = GraphStore.open(folder)
    folder = store.folder
    summary = OnlineSummary()
    client = client_for(folder, online=online, summary=summary)
    try:
        decisions = link_online(store.ox, client)
    finally:
        client.close()
    links = [
        ox.Quad(ox.NamedNode(d.target.iri), ox.NamedNode(str(OWL.sameAs)), ox.NamedNode(f"{WD}{d.qid}"),
                ox.NamedNode(str(ENTITIES_GRAPH)))
        for d in decisions if d.qid
    ]
    if not dry_run and links:  # a new store: the old one's quads streamed across, then the links; swapped in whole
        writer = GraphStore.writer(folder)
        writer.add_quads(store.ox.quads_for_pattern(None, None, None, None))
        writer.add_quads(links)
        del store
        gc.collect()  # close the read-only store before the new one is swapped in
        writer.finish().export_trig()
    if not dry_run:
        update_links_file(folder / LINKS_FILE, decisions)
    return decisions, summary
