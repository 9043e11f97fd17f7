"""kg.serve: the guard in front of the Oxigraph server. Real `kg serve` processes on 127.0.0.1 get each attack
(SERVICE to an address, an update, a runaway cross join, a query that never ends) and must refuse it with the
right HTTP status; signals must leave no process listening; a busy port is one line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kg.serve import Limits, Refused, answer_format, check_query, free_port

CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
RUNAWAY_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ARTICLES = "SELECT ?a WHERE { ?a a <https://schema.org/NewsArticle> }"


# ---------------------------------------------------------------------------
# checking queries (no server)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "form"),
    [(ARTICLES, "SELECT"), ("ASK { ?s ?p ?o }", "ASK"), ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT")],
)
def test_a_plain_query_passes(text, form):
    assert check_query(text, Limits()) == form


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?x ?y ?z OPTIONAL { SERVICE SILENT <file:///etc/passwd> { ?s ?p ?o } } }",
        "SELECT * WHERE { { SELECT ?s WHERE { SERVICE ?endpoint { ?s ?p ?o } } } }",
        "PREFIX e: <http://example.org/> SELECT * WHERE { { ?a ?b ?c } UNION { SERVICE e:sparql { ?s ?p ?o } } }",
    ],
)
def test_service_is_refused_wherever_it_hides(text):
    with pytest.raises(Refused, match=r"SERVICE <.+> is not allowed") as refused:
        check_query(text, Limits())
    assert refused.value.status == 403


def test_an_allowed_service_passes_and_only_that_one():
    limits = Limits(allow_service=("http://example.org/sparql",))
    assert check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", limits) == "SELECT"
    with pytest.raises(Refused, match="http://example.org/sparql2"):
        check_query("SELECT * WHERE { SERVICE <http://example.org/sparql2> { ?s ?p ?o } }", limits)


@pytest.mark.parametrize(
    "text", ["INSERT DATA { <urn:a> <urn:b> 1 }", "LOAD <http://example.org/x.ttl>", "DROP ALL", "CLEAR DEFAULT"]
)
def test_updates_are_refused_as_updates(text):
    with pytest.raises(Refused, match="read-only: .+ is an update") as refused:
        check_query(text, Limits())
    assert refused.value.status == 403


def test_bad_sparql_is_refused_with_400():
    with pytest.raises(Refused, match="invalid SPARQL") as refused:
        check_query("SELECT ?x WHERE { ?x ", Limits())
    assert refused.value.status == 400


def test_answer_format_follows_accept():
    assert answer_format("SELECT", "text/csv").media_type.startswith("text/csv")
    assert answer_format("SELECT", "text/html;q=0.9, application/sparql-results+xml").media_type.endswith("xml")
    assert answer_format("SELECT", "").media_type == "application/sparql-results+json"
    assert answer_format("CONSTRUCT", "text/turtle").media_type.startswith("text/turtle")
    with pytest.raises(Refused, match="cannot answer") as refused:
        answer_format("SELECT", "image/png")
    assert refused.value.status == 406


# ---------------------------------------------------------------------------
# a real server
# ---------------------------------------------------------------------------


def start_server(folder: Path, port: int, *options: str) -> subprocess.Popen:
    """`kg serve` in its own process, once it answers."""
    command = [sys.executable, "-m", "kg.cli", "serve", str(folder), "--port", str(port), *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"kg serve stopped: {process.stderr.read()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("kg serve did not answer within 60 s")


def children_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(x) for x in (task / "children").read_text().split()]
    return found


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


class Listener:
    """A socket on 127.0.0.1 that records whether anything connected to it (a SERVICE target)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.5)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"

    def contacted(self) -> bool:
        try:
            connection, _ = self.sock.accept()
            connection.close()
            return True
        except TimeoutError:
            return False


@pytest.fixture(scope="module")
def target():
    listener = Listener()
    yield listener
    listener.sock.close()


@pytest.fixture(scope="module")
def allowed_target():
    """The one SERVICE endpoint `open_server` allows (apart from `target`, which nothing may call)."""
    listener = Listener()
    yield listener
    listener.sock.close()


@pytest.fixture(scope="module")
def server(sample_build):
    """kg serve with small limits (50 rows, 2 s) and no SERVICE, no CORS."""
    folder, _ = sample_build
    port = free_port()
    process = start_server(folder, port, "--max-rows", "50", "--timeout", "2")
    yield f"http://127.0.0.1:{port}", port, process
    process.terminate()
    process.wait(20)


@pytest.fixture(scope="module")
def open_server(sample_build, allowed_target):
    """kg serve that allows one SERVICE endpoint and one CORS origin."""
    folder, _ = sample_build
    port = free_port()
    process = start_server(
        folder, port, "--timeout", "2", "--allow-service", allowed_target.url, "--cors", "https://analyst.example"
    )
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(20)


def ask(base: str, query: str, **headers: str) -> httpx.Response:
    return httpx.get(f"{base}/query", params={"query": query}, headers=headers, timeout=30)


def test_a_query_is_answered_in_the_format_asked(server, sample_build):
    base, _, _ = server
    _, summary = sample_build
    answer = ask(base, ARTICLES)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/sparql-results+json")
    assert len(answer.json()["results"]["bindings"]) == summary.articles
    csv_answer = ask(base, ARTICLES, accept="text/csv")
    assert csv_answer.status_code == 200
    assert csv_answer.text.splitlines()[0] == "a"
    assert len(csv_answer.text.splitlines()) == summary.articles + 1
    posted = httpx.post(f"{base}/query", content="ASK { ?s ?p ?o }", headers={"content-type": "application/sparql-query"})
    assert posted.status_code == 200 and posted.json()["boolean"] is True


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_service_to_an_address_is_refused_and_nothing_is_fetched(server, target, scheme):
    base, _, _ = server
    endpoint = target.url if scheme == "http" else "file:///etc/passwd"
    answer = ask(base, f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}")
    assert answer.status_code == 403
    assert f"SERVICE <{endpoint}> is not allowed" in answer.text
    assert not target.contacted()


def test_an_allowed_service_is_called(open_server, allowed_target, target):
    ask_in_background = subprocess.Popen(
        [sys.executable, "-c", f"import httpx; httpx.get({open_server + '/query'!r}, params={{'query': "
         f"'SELECT * WHERE {{ SERVICE <{allowed_target.url}> {{ ?s ?p ?o }} }}'}}, timeout=10)"],
    )
    try:
        deadline = time.monotonic() + 10
        while not allowed_target.contacted():
            assert time.monotonic() < deadline, "the allowed SERVICE endpoint was never called"
    finally:
        ask_in_background.kill()
        ask_in_background.wait()
    assert ask(open_server, f"SELECT * WHERE {{ SERVICE <{target.url}> {{ ?s ?p ?o }} }}").status_code == 403
    assert not target.contacted()


@pytest.mark.parametrize(
    "request_",
    [
        ("GET", "/query", {"params": {"query": "INSERT DATA { <urn:a> <urn:b> 1 }"}}),
        ("POST", "/query", {"data": {"query": "DROP ALL"}}),
        ("POST", "/query", {"data": {"update": "CLEAR DEFAULT"}}),
        ("POST", "/update", {"content": "INSERT DATA { <urn:a> <urn:b> 1 }",
                             "headers": {"content-type": "application/sparql-update"}}),
        ("POST", "/query", {"content": "INSERT DATA { <urn:a> <urn:b> 1 }",
                            "headers": {"content-type": "application/sparql-update"}}),
    ],
)
def test_updates_are_refused(server, request_):
    base, _, _ = server
    method, path, options = request_
    answer = httpx.request(method, f"{base}{path}", timeout=30, **options)
    assert answer.status_code == 403
    assert "read-only" in answer.text
    assert ask(base, "ASK { <urn:a> <urn:b> 1 }").json()["boolean"] is False


def test_load_is_refused_without_fetching(server, target):
    base, _, _ = server
    answer = httpx.post(f"{base}/query", data={"query": f"LOAD <{target.url}>"}, timeout=30)
    assert answer.status_code == 403
    assert not target.contacted()


def test_a_cross_join_is_cut_at_max_rows(server):
    base, _, _ = server
    answer = ask(base, CROSS_JOIN)
    assert answer.status_code == 422
    assert "more than 50 rows" in answer.text
    assert ask(base, CROSS_JOIN.replace("}", "} LIMIT 50")).status_code == 200


def test_a_runaway_query_times_out_with_an_error_status(server):
    base, _, _ = server
    answer = ask(base, RUNAWAY_COUNT, accept="text/csv")
    assert answer.status_code == 504
    assert "timed out" in answer.text
    assert ask(base, ARTICLES).status_code == 200  # still serving


def test_the_server_answers_bad_sparql_with_400(server):
    base, _, _ = server
    answer = ask(base, "SELECT ?x WHERE { ?x ")
    assert answer.status_code == 400
    assert "invalid SPARQL" in answer.text


def test_cors_only_for_the_named_origin(server, open_server):
    base, _, _ = server
    origin = "https://analyst.example"
    assert ask(open_server, ARTICLES, origin=origin).headers.get("access-control-allow-origin") == origin
    assert "access-control-allow-origin" not in ask(open_server, ARTICLES, origin="https://other.example").headers
    assert "access-control-allow-origin" not in ask(base, ARTICLES, origin=origin).headers


def test_a_busy_port_is_one_line(server, sample_build):
    folder, _ = sample_build
    _, port, _ = server
    result = subprocess.run(
        [sys.executable, "-m", "kg.cli", "serve", str(folder), "--port", str(port)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [f"error: 127.0.0.1:{port} is already in use (another kg serve?); choose another --port"]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_oxigraph_child(sample_build, signum):
    folder, _ = sample_build
    port = free_port()
    process = start_server(folder, port)
    children = children_of(process.pid)
    assert len(children) == 1
    child = children[0]
    assert "oxigraph" in Path(f"/proc/{child}/cmdline").read_text()
    private = int(Path(f"/proc/{child}/cmdline").read_text().split("\0")[5].rsplit(":", 1)[1])
    assert listening(private)
    os.kill(process.pid, signum)
    assert process.wait(30) in (0, -signum, 128 + signum)
    assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]
    assert not listening(port)
    assert not listening(private)
