"""kg.viz: the network read from a build, `select`, `offline`, the page written by `kg build` —
and that page opened in a real headless chromium with the network cut off.

The browser test drives Debian's /usr/bin/chromium over the Chrome DevTools Protocol on a pipe
(`--remote-debugging-pipe`: null-terminated JSON on file descriptors 3 and 4), so it needs no
Python package and no browser download. It is marked `browser` and skipped when chromium is absent.
Set KG_SCREENSHOT=/some/file.png to keep the screenshot it takes.
"""

from __future__ import annotations

import base64
import json
import os
import re
import select as select_fd
import shutil
import subprocess
import time
from pathlib import Path

import networkx as nx
import pytest

from kg import viz
from kg.store import HTML_FILE, GraphStore

CHROMIUM = Path("/usr/bin/chromium")
ENTITY = "https://w3id.org/kg/id/entity/"
SCRIPT_TEXT = "<script>alert(1)</script>"

CORPUS = [
    {
        "text": (
            f"NIS chief Lee Byung-ho said {SCRIPT_TEXT} and <b>bold</b> claims about defectors were false. "
            "He told lawmakers that 1,200 North Koreans defected to South Korea last year, Yonhap reported."
        ),
        "title": "Defections fall", "published": "2015-03-10", "url": "https://example.org/a1", "outlet": "Yonhap",
    },
    {
        "text": (
            "The Ministry of Unification said on Monday that South Korea would expand support for defectors. "
            "NIS chief Lee Byung-ho agreed, according to Yonhap."
        ),
        "title": "Support expands", "published": "2015-04-02", "url": "https://example.org/a2", "outlet": "Yonhap",
    },
]
ENTITY_COUNT = """
PREFIX kg: <https://w3id.org/kg/ns#>
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Entity }"""


# ---------------------------------------------------------------------------------------------
# a tiny build, made once with the real `kg build` command


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """`kg build corpus.jsonl --out DIR` on two short articles; the output folder."""
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


@pytest.fixture(scope="module")
def page(built) -> str:
    return (built / HTML_FILE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def entity_count(built) -> int:
    _, rows = GraphStore.open(built).rows(ENTITY_COUNT)
    return rows[0][0]


# ---------------------------------------------------------------------------------------------
# network(): what is read from the store


def test_network_has_one_node_per_entity_with_its_type_and_mentions(built, entity_count):
    graph = viz.network(GraphStore.open(built))
    assert graph.number_of_nodes() == entity_count >= 4
    labels = {d["label"]: d for d in graph.nodes.values()}
    assert labels["Lee Byung-ho"]["type"] == "Person"
    assert labels["Ministry of Unification"]["type"] == "Agency"
    assert labels["South Korea"]["type"] == "Place"
    assert labels["South Korea"]["wikidata"] == "http://www.wikidata.org/entity/Q884"
    assert all(isinstance(d["mentions"], int) and d["mentions"] >= 1 for d in graph.nodes.values())


def test_network_has_relation_edges_with_evidence_and_co_mention_edges(built):
    graph = viz.network(GraphStore.open(built))
    relations = [(a, b, d) for a, b, d in graph.edges(data=True) if d["kind"] == "relation"]
    assert relations, "the corpus says 'NIS chief Lee Byung-ho': a kg:leads relation is expected"
    for _, _, d in relations:
        assert d["label"] in {"memberOf", "leads", "relativeOf", "locatedIn", "defectedTo"}
        assert d["evidence"]
    leads = [(a, b, d) for a, b, d in relations if d["label"] == "leads"]
    assert leads and all(graph.nodes[a]["label"] == "Lee Byung-ho" for a, _, _ in leads)
    assert any(d.get("role") == "chief" for _, _, d in leads)
    co = [d for _, _, d in graph.edges(data=True) if d["kind"] == "co-mention"]
    assert co and all(d["weight"] in (1, 2) for d in co)


# ---------------------------------------------------------------------------------------------
# select()


def sample_graph() -> nx.MultiDiGraph:
    """A - B - C - D chain (mixed directions), E alone; 'Korea' and 'South Korea' both present."""
    g = nx.MultiDiGraph()
    for node, label, kind, mentions in [
        ("A", "Lee Byung-ho", "Person", 5),
        ("B", "National Intelligence Service", "Agency", 9),
        ("C", "South Korea", "Place", 20),
        ("D", "Yonhap News Agency", "Outlet", 3),
        ("E", "Korea", "Place", 7),
        ("F", "Ministry of Unification", "Agency", 1),
    ]:
        g.add_node(node, label=label, type=kind, mentions=mentions, wikidata=None)
    g.add_edge("A", "B", kind="relation", label="leads", role="chief", evidence="NIS chief Lee Byung-ho said.")
    g.add_edge("C", "B", kind="co-mention", label="", weight=2)  # points towards B: direction must not matter
    g.add_edge("C", "D", kind="co-mention", label="", weight=1)
    g.add_edge("F", "E", kind="co-mention", label="", weight=1)
    return g


@pytest.mark.parametrize(("focus", "hops", "expected"), [
    ("Lee Byung-ho", 1, {"A", "B"}),
    ("lee BYUNG-HO", 1, {"A", "B"}),  # any case
    ("Lee Byung-ho", 2, {"A", "B", "C"}),
    ("Lee Byung-ho", 3, {"A", "B", "C", "D"}),
    ("Lee Byung-ho", 0, {"A"}),
    ("National Intelligence Service", 1, {"A", "B", "C"}),  # edges followed both ways
    ("Yonhap News Agency", 2, {"D", "C", "B"}),
    ("unification", 1, {"F", "E"}),  # no exact label: the first label containing the text
    ("korea", 1, {"E", "F"}),  # an exact label wins over a longer one containing it
])
def test_select_keeps_the_neighbourhood_of_the_focus(focus, hops, expected):
    assert set(viz.select(sample_graph(), focus=focus, hops=hops)) == expected


def test_select_with_an_unknown_focus_is_empty():
    selected = viz.select(sample_graph(), focus="Kim Jong-un")
    assert selected.number_of_nodes() == 0 and selected.number_of_edges() == 0


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
    assert [d["evidence"] for _, _, d in selected.edges("A", data=True)] == ["NIS chief Lee Byung-ho said."]
    selected.remove_node("A")
    assert "A" in graph and graph.number_of_nodes() == 6


def test_select_without_options_keeps_everything():
    graph = sample_graph()
    selected = viz.select(graph)
    assert set(selected) == set(graph) and selected.number_of_edges() == graph.number_of_edges()


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
# render() and the page of a build, read as text


def remote_references(page: str) -> list[str]:
    return re.findall(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?https?://[^>]*>", page, flags=re.I)


def test_build_page_has_no_remote_script_or_stylesheet(page):
    assert remote_references(page) == []
    live = re.sub(r"<!--.*?-->", "", page, flags=re.S)  # pyvis leaves a commented-out node_modules block
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", live, flags=re.I), "every script is inlined"
    assert not re.search(r"<link\b[^>]*\bhref\s*=", live, flags=re.I), "every stylesheet is inlined"
    assert "new vis.Network(" in page and "vis-network" in page  # the library itself is in the page
    assert "<title>kg network</title>" in page


def test_build_page_escapes_article_text(page):
    assert SCRIPT_TEXT not in page
    assert "<b>bold</b>" not in page
    assert "alert(1)" in page  # the evidence sentence is there, escaped


def test_render_escapes_labels_and_evidence(tmp_path):
    graph = sample_graph()
    graph.nodes["A"]["label"] = "</script><script>alert(2)</script>"
    graph.add_edge("A", "C", kind="relation", label="memberOf", role="<i>r</i>", evidence=f"said {SCRIPT_TEXT}")
    path = viz.render(graph, tmp_path / "page.html", title="<Korea & co>")
    text = path.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "</script><script>" not in text
    assert "<i>r</i>" not in text
    assert "<title>&lt;Korea &amp; co&gt;</title>" in text
    assert remote_references(text) == []
    assert not list(tmp_path.glob(".*.tmp")), "written through a temporary file that is renamed"


def node_options(page: str) -> list[dict]:
    found = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, flags=re.S)
    assert found
    return json.loads(found.group(1))


def test_render_sizes_nodes_by_mentions(tmp_path):
    nodes = {n["id"]: n for n in node_options(viz.render(sample_graph(), tmp_path / "p.html").read_text())}
    assert nodes["C"]["size"] > nodes["B"]["size"] > nodes["A"]["size"] > nodes["F"]["size"]
    assert {n["color"] for n in nodes.values()} == {viz.COLOURS[t] for t in ("Person", "Agency", "Place", "Outlet")}


def test_render_colours_nodes_by_type(tmp_path):
    nodes = node_options(viz.render(sample_graph(), tmp_path / "p.html").read_text())
    assert {n["id"]: n.get("color") for n in nodes}["A"] == viz.COLOURS["Person"]


def test_write_page_selects_and_counts(built, tmp_path):
    store = GraphStore.open(built)
    graph = viz.network(store)
    for options in ({"focus": "Lee Byung-ho", "hops": 1}, {"top": 2}, {}):
        path, n_nodes, n_edges = viz.write_page(store, tmp_path / "page.html", **options)
        expected = viz.select(graph, **options)
        assert (n_nodes, n_edges) == (expected.number_of_nodes(), expected.number_of_edges())
        assert len(node_options(path.read_text(encoding="utf-8"))) == n_nodes
    assert viz.write_page(store, tmp_path / "top.html", top=2)[1] == 2
    assert viz.write_page(store, tmp_path / "none.html", focus="nobody at all")[1:] == (0, 0)


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
        for domain in ("Page.enable", "Runtime.enable", "Network.enable"):
            self.send(domain)
        # record (instead of showing) every alert/confirm/prompt the page might call
        self.send("Page.addScriptToEvaluateOnNewDocument", {"source": (
            "window.__dialogs = [];"
            "for (const f of ['alert', 'confirm', 'prompt']) window[f] = (m) => { window.__dialogs.push(f + ':' + m); };"
        )})
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


@pytest.fixture
def chromium(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    browser = Chromium(tmp_path / "profile", tmp_path / "chromium.log")
    try:
        yield browser
    finally:
        browser.close()
        shutil.rmtree(tmp_path / "profile", ignore_errors=True)


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
def test_page_draws_its_nodes_in_headless_chromium_offline(built, entity_count, chromium, tmp_path):
    chromium.open_page((built / HTML_FILE).resolve().as_uri())

    # nothing is fetched but the page itself
    requested = [e["params"]["request"]["url"] for e in chromium.events if e.get("method") == "Network.requestWillBeSent"]
    assert requested and all(url.startswith(("file:", "data:", "about:", "blob:")) for url in requested), requested

    assert chromium.js('typeof vis') != "undefined"
    assert chromium.js("typeof network === 'object' && network instanceof vis.Network")
    assert chromium.js("nodes.length") == entity_count
    chromium.wait_for(f"Object.keys(network.getPositions()).length === {entity_count}")
    width, height = chromium.js("(() => { const c = document.querySelector('#mynetwork canvas');"
                                " return c ? [c.width, c.height] : [0, 0]; })()")
    assert width > 100 and height > 100

    # let the layout settle (vis stops its physics once stable), then every node is painted where it sits
    chromium.wait_for("network.physics.stabilized === true", timeout=30)
    chromium.js("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    drawn = chromium.js(NODE_PIXELS)
    assert len(drawn) == entity_count
    for node in drawn:
        assert 0 <= node["x"] <= width and 0 <= node["y"] <= height, node
        assert node["a"] > 0 and (node["r"], node["g"], node["b"]) != (255, 255, 255), f"nothing drawn at {node}"
    assert len({(round(n["x"]), round(n["y"])) for n in drawn}) == entity_count, "nodes are laid out apart"

    # article text in the tooltips is escaped, and the injected script never ran
    titles = chromium.js("[...nodes.get(), ...edges.get()].map(item => item.title || '')")
    evidence = [t for t in titles if "alert(1)" in t]
    assert evidence, "the evidence sentence with the injected script is in an edge tooltip"
    assert all("&lt;script&gt;alert(1)&lt;/script&gt;" in t and "&lt;b&gt;bold&lt;/b&gt;" in t for t in evidence)
    assert not any("<script" in t.lower() or "<b>" in t for t in titles)
    assert chromium.js("document.querySelectorAll('script').length") == chromium.js(
        "[...document.querySelectorAll('script')].filter(s => !s.src).length"), "no external script element"
    assert chromium.js("window.__dialogs") == []
    assert not [e for e in chromium.events if e.get("method") == "Page.javascriptDialogOpening"]
    assert not [e for e in chromium.events if e.get("method") == "Runtime.exceptionThrown"]
    chromium.js("alert('probe')")  # the recorder works: a real alert is seen
    assert chromium.js("window.__dialogs") == ["alert:probe"]

    shot = base64.b64decode(chromium.send("Page.captureScreenshot", {"format": "png"})["data"])
    assert shot.startswith(b"\x89PNG") and len(shot) > 10_000
    (tmp_path / "graph.png").write_bytes(shot)
    if os.environ.get("KG_SCREENSHOT"):
        Path(os.environ["KG_SCREENSHOT"]).write_bytes(shot)
