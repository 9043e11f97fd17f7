"""kg.wikidata: online linking against recorded Wikidata answers (tests/data/wikidata, served through
httpx.MockTransport; never the network): links the covered entities with no wrong link, abstains on the planted
ambiguous names, caches every answer so rebuilds run offline, retries and skips politely, survives damaged
cache files, and says it uses the network before it starts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

import kg.wikidata
from kg.build import build
from kg.cli import app
from kg.link import LINKS_FILE
from kg.wikidata import BATCH, CACHE_DIR, THRESHOLD, Candidate, Target, WikidataClient, score, type_query

DATA = Path(__file__).parent / "data" / "wikidata"
ARTICLES = [
    {
        "text": "PARIS — Emmanuel Macron met Olaf Scholz in Berlin on Tuesday, Agence France-Presse reported. Le Monde "
        "said the European Commission and Greenpeace had criticised the plan to cut aid by 12 percent. David Miller, "
        "a spokesman for Amnesty International, said the talks would go on. John Smith of Oxfam said 3,000 families "
        "had lost support.",
        "title": "Leaders meet over aid cuts",
        "published": "2024-03-05",
        "url": "https://example.org/aid-cuts",
    },
    {
        "text": "Helena Brandt, a researcher at the Northgate Institute, told the Tilbury Gazette that the Ministry of "
        "Coastal Affairs had moved 400 families from the shore in 2023.",
        "title": "Families moved from the shore",
        "published": "2024-04-11",
        "url": "https://example.org/shore",
    },
]
#: The answer key: what each covered person, agency, outlet and organisation is.
EXPECTED = {
    "Emmanuel Macron": "Q3052772",
    "Olaf Scholz": "Q61053",
    "Le Monde": "Q12461",
    "European Commission": "Q8880",
    "Greenpeace": "Q990000010",
    "Oxfam": "Q990000021",
    "Helena Brandt": "Q990000030",
    "Northgate Institute": "Q990000040",
    "Tilbury Gazette": "Q990000050",
    "Ministry of Coastal Affairs": "Q990000060",
}
AMBIGUOUS = ("David Miller", "John Smith")


class FakeWikidata:
    """Answers wbsearchentities and kg's SPARQL query from the recordings, as the APIs document them;
    `failures[search text]` lists what to answer first instead (a status code, or "timeout")."""

    def __init__(self, failures: dict[str, list] | None = None, offline: bool = False):
        self.search = json.loads((DATA / "search.json").read_text(encoding="utf-8"))
        self.items = json.loads((DATA / "items.json").read_text(encoding="utf-8"))
        self.failures = failures or {}
        self.offline = offline
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.offline:
            raise AssertionError(f"no request may be sent: {request.url}")
        self.requests.append(request)
        if request.url.host == "www.wikidata.org":
            text = request.url.params["search"]
            pending = self.failures.get(text)
            if pending:
                failure = pending.pop(0)
                if failure == "timeout":
                    raise httpx.ReadTimeout("timed out", request=request)
                if failure == "maxlag":  # the API's documented answer when replication lags
                    return httpx.Response(200, headers={"Retry-After": "5"}, json={"error": {"code": "maxlag", "info": "Waiting for a database server: 6 seconds lagged.", "lag": 6}})
                return httpx.Response(failure, headers={"Retry-After": "2"} if failure == 429 else {}, text="busy")
            return httpx.Response(200, json={"searchinfo": {"search": text}, "search": self.search.get(text, []), "success": 1})
        query = parse_qs(request.url.query.decode())["query"][0]
        values = {name: re.findall(r"wd:(Q\d+)", body) for name, body in re.findall(r"VALUES \?(\w+) \{([^}]*)\}", query)}
        bindings = []
        for qid in values.get("item", []):
            known = self.items.get(qid, {})
            uri = {"type": "uri", "value": f"http://www.wikidata.org/entity/{qid}"}
            for cls in set(known.get("classes", [])) & set(values.get("class", [])):
                bindings.append({"item": uri, "class": {"type": "uri", "value": f"http://www.wikidata.org/entity/{cls}"}})
            for linked in set(known.get("refers", [])) & set(values.get("linked", [])):
                bindings.append({"item": uri, "linked": {"type": "uri", "value": f"http://www.wikidata.org/entity/{linked}"}})
            if "geonames" in known:
                bindings.append({"item": uri, "geonames": {"type": "literal", "value": known["geonames"]}})
        return httpx.Response(200, json={"head": {"vars": ["item", "class", "linked", "geonames"]}, "results": {"bindings": bindings}})


class Clock:
    """A clock that moves only when kg sleeps, so rate limits and backoff are seen without waiting."""

    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []
        self.sent: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake(monkeypatch):
    """Route kg's Wikidata client through a FakeWikidata; returns (fake, clock) to inspect."""
    state = {"fake": FakeWikidata(), "clock": Clock()}

    def client_for(folder, *, online, summary=None):
        clock = state["clock"]
        return WikidataClient(
            Path(folder) / CACHE_DIR, online=online, transport=httpx.MockTransport(state["fake"]),
            min_interval=1.0, backoff=1.0, sleep=clock.sleep, clock=clock, summary=summary,
        )

    monkeypatch.setattr(kg.wikidata, "client_for", client_for)
    return state


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("wd") / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def _wikidata_links(folder: Path) -> dict[str, str]:
    record = json.loads((folder / LINKS_FILE).read_text(encoding="utf-8"))
    return {e["label"]: e["wikidata"] for e in record["entities"] if e.get("wikidata")}


def test_online_links_the_covered_entities_with_no_wrong_link(fake, sources, nlp, tmp):
    summary = build([sources], tmp / "out", nlp=nlp, page=False, link_online=True)
    links = _wikidata_links(tmp / "out")
    covered = [name for name in EXPECTED if name in links or name in _labels(tmp / "out")]
    assert len(covered) == len(EXPECTED)
    online = {name: links[name] for name in EXPECTED if name in links}
    assert all(online[name] == EXPECTED[name] for name in online), online  # no wrong link
    assert len(online) / len(EXPECTED) >= 0.8
    assert not any(name in links for name in AMBIGUOUS)
    assert summary.online["linked"] >= len(online) and summary.online["skipped"] == 0
    assert links["Berlin"] == "Q64"  # its GeoNames id settles the place
    record = json.loads((tmp / "out" / LINKS_FILE).read_text(encoding="utf-8"))
    rules = {e["label"]: e.get("wikidata_rule") or e.get("wikidata_online") for e in record["entities"]}
    assert rules["Olaf Scholz"].startswith("Wikidata search: Q61053")
    assert "too close" in rules["David Miller"]


def _labels(folder: Path) -> set[str]:
    record = json.loads((folder / LINKS_FILE).read_text(encoding="utf-8"))
    return {e["label"] for e in record["entities"]}


def test_every_request_identifies_kg_and_respects_the_rate_limit(fake, sources, nlp, tmp):
    build([sources], tmp / "out", nlp=nlp, page=False, link_online=True)
    requests = fake["fake"].requests
    assert requests and all(r.headers["User-Agent"].startswith("kg/") and "https://" in r.headers["User-Agent"] for r in requests)
    asked = [
        re.findall(r"wd:(Q\d+)", re.search(r"VALUES \?item \{([^}]*)\}", parse_qs(r.url.query.decode())["query"][0]).group(1))
        for r in requests if r.url.host == "query.wikidata.org"
    ]
    found = {item["id"] for text, items in fake["fake"].search.items() if text in _searched(requests) for item in items}
    assert all(len(batch) <= BATCH for batch in asked)  # one SPARQL request per batch of candidates
    assert sorted(q for batch in asked for q in batch) == sorted(found)
    assert len(fake["clock"].sleeps) == len(requests) - 1 and min(fake["clock"].sleeps) >= 1.0


def _searched(requests) -> set[str]:
    return {r.url.params["search"] for r in requests if r.url.host == "www.wikidata.org"}


def test_a_rebuild_uses_the_cache_and_no_network(fake, sources, nlp, tmp):
    build([sources], tmp / "out", nlp=nlp, page=False, link_online=True)
    first = _wikidata_links(tmp / "out")
    fake["fake"] = FakeWikidata(offline=True)
    summary = build([sources], tmp / "out", nlp=nlp, page=False)
    assert _wikidata_links(tmp / "out") == first
    assert summary.online["requests"] == 0 and summary.online["cached"] > 0


def test_429_5xx_and_timeouts_are_retried_then_skipped_and_counted(fake, sources, nlp, tmp):
    fake["fake"] = FakeWikidata(failures={"Olaf Scholz": [429, 503], "Greenpeace": ["timeout"] * 4, "Oxfam": ["maxlag"]})
    summary = build([sources], tmp / "out", nlp=nlp, page=False, link_online=True)
    links = _wikidata_links(tmp / "out")
    assert links["Olaf Scholz"] == "Q61053"  # answered on the third try
    assert 2.0 in fake["clock"].sleeps and 5.0 in fake["clock"].sleeps  # the Retry-After of 429 and of maxlag
    assert links["Oxfam"] == "Q990000021"
    assert all(r.url.params.get("maxlag") == "5" for r in fake["fake"].requests if r.url.host == "www.wikidata.org")
    assert "Greenpeace" not in links
    assert summary.online["skipped"] == 1


def test_a_damaged_cache_file_is_refetched_online_and_reported_offline(fake, sources, nlp, tmp, runner):
    build([sources], tmp / "out", nlp=nlp, page=False, link_online=True)
    cache = sorted((tmp / "out" / CACHE_DIR).glob("*.json"))
    damaged = next(p for p in cache if "David Miller" in p.read_text(encoding="utf-8"))  # not linked: asked again
    damaged.write_text('{"url": "https://www.wikidata.org/w/api.php", "respo', encoding="utf-8")
    fake["fake"] = FakeWikidata(offline=True)
    result = runner.invoke(app, ["link", str(tmp / "out")])
    assert result.exit_code == 0, result.output
    assert f"damaged cache file {damaged}" in result.stderr.replace("\n", "")
    fake["fake"] = FakeWikidata()
    result = runner.invoke(app, ["link", str(tmp / "out"), "--online"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("note: online linking uses the network")
    assert json.loads(damaged.read_text(encoding="utf-8"))["response"]["search"][0]["id"] == "Q990000070"
    assert len(fake["fake"].requests) >= 1


def test_kg_link_online_and_dry_run(fake, sources, nlp, tmp, runner, monkeypatch):
    import kg.cli

    monkeypatch.setattr(kg.cli.out, "width", 400)
    build([sources], tmp / "out", nlp=nlp, page=False)
    before = (tmp / "out" / "graph.trig").read_text(encoding="utf-8")
    result = runner.invoke(app, ["link", str(tmp / "out"), "--online", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "note: online linking uses the network" in result.stderr
    macron = [line for line in result.stdout.splitlines() if "Q3052772" in line]
    assert macron and "LINK" in macron[0]
    assert float(re.search(r"│ (\d\.\d\d) +│", macron[0]).group(1)) >= THRESHOLD
    assert any("David Miller" in line and "too close" in line for line in result.stdout.splitlines())
    assert (tmp / "out" / "graph.trig").read_text(encoding="utf-8") == before  # a dry run changes nothing
    quads_before = _quads(tmp / "out")
    result = runner.invoke(app, ["link", str(tmp / "out"), "--online"])
    assert result.exit_code == 0, result.output
    assert "wd:Q3052772" in (tmp / "out" / "graph.trig").read_text(encoding="utf-8")
    linked = int(re.search(r"Wikidata \(online linking\): (\d+) linked", result.stdout).group(1))
    quads_after = _quads(tmp / "out")
    assert quads_before < quads_after and len(quads_after - quads_before) == linked  # every quad kept, links added
    assert all(q.predicate.value.endswith("owl#sameAs") and q.graph_name.value.endswith("/graph/entities")
               for q in quads_after - quads_before)


def _quads(folder):
    from kg.store import GraphStore

    store = GraphStore.open(folder)
    found = set(store.ox.quads_for_pattern(None, None, None, None))
    del store
    return found


def test_offline_without_cached_answers_links_nothing_and_sends_nothing(fake, sources, nlp, tmp, runner):
    build([sources], tmp / "out", nlp=nlp, page=False)
    fake["fake"] = FakeWikidata(offline=True)
    result = runner.invoke(app, ["link", str(tmp / "out")])
    assert result.exit_code == 0, result.output
    assert "note: online linking" not in result.stderr
    assert "0 linked" in result.stdout and "without a cached answer" in result.stdout


def test_co_mentioned_qids_and_description_words_raise_a_score():
    target = Target("https://w3id.org/kg/id/entity/john-smith", "John Smith", "Person", {"John Smith"},
                    context_qids={"Q42970"}, context_words={"amnesty"})
    plain = Candidate("Q990000081", "John Smith", "British politician")
    known = Candidate("Q990000083", "John Smith", "Amnesty International official")
    assert score(target, known, {"Q42970"}) > score(target, plain, set()) + 0.15
    assert "refers to Q42970" in known.reasons


def test_the_sparql_query_takes_only_qids():
    assert "wd:Q5" in type_query(["Q5"], [])
    with pytest.raises(ValueError, match=r"not a Wikidata id: '\} INSERT'"):
        type_query(["} INSERT"], [])


def test_kg_link_needs_a_build_folder(tmp, runner):
    trig = tmp / "graph.trig"
    trig.write_text("")
    result = runner.invoke(app, ["link", str(trig)])
    assert result.exit_code == 1 and "not a build folder" in result.stderr
