"""kg.remote: push a build's named graphs to a real `oxigraph serve` (SPARQL 1.1 Graph Store Protocol)
on 127.0.0.1; every graph is replaced whole, so pushing twice duplicates nothing."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from kg.build import build
from kg.cli import app
from kg.errors import RemoteStoreError
from kg.remote import push
from kg.serve import server_binary
from kg.store import GraphStore

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
HEADLINES = "SELECT ?h WHERE { GRAPH ?g { ?a <https://schema.org/headline> ?h } } ORDER BY ?h"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp):
    """A real, empty, writable Oxigraph server on 127.0.0.1; its base URL."""
    port = _free_port()
    process = subprocess.Popen(
        [server_binary(), "serve", "--location", str(tmp / "served"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def _select(base: str, sparql: str) -> list[dict]:
    request = urllib.request.Request(
        f"{base}/query?{urllib.parse.urlencode({'query': sparql})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["results"]["bindings"]


def test_push_writes_every_graph_and_pushing_again_duplicates_nothing(sample_build, server):
    folder, _ = sample_build
    local = GraphStore.open(folder)
    graphs = push(local, f"{server}/store")
    assert graphs == len(local.graphs()) >= 7  # four articles, entities, aggregates, listings
    assert int(_select(server, COUNT)[0]["n"]["value"]) == len(local.ox)
    push(local, f"{server}/store")
    assert int(_select(server, COUNT)[0]["n"]["value"]) == len(local.ox)
    headlines = [row["h"]["value"] for row in _select(server, HEADLINES)]
    assert headlines == [row[0] for row in local.rows("SELECT ?h WHERE { ?a <https://schema.org/headline> ?h } ORDER BY ?h")[1]]


def test_build_with_store_and_the_push_command(tmp, corpus, nlp, server, runner):
    summary = build([corpus["plain"]], tmp / "out", nlp=nlp, page=False, store_url=f"{server}/store")
    assert summary.outputs["store"] == f"{server}/store"
    quads = len(GraphStore.open(tmp / "out").ox)
    assert int(_select(server, COUNT)[0]["n"]["value"]) == quads
    result = runner.invoke(app, ["push", str(tmp / "out"), f"{server}/store"])
    assert result.exit_code == 0, result.stderr
    assert "pushed 4 graphs" in result.stdout  # one article, entities, aggregates, listings
    assert int(_select(server, COUNT)[0]["n"]["value"]) == quads


def test_an_unreachable_or_bad_url_is_a_one_line_error(sample_build, runner):
    folder, _ = sample_build
    port = _free_port()
    with pytest.raises(RemoteStoreError, match=rf"http://127.0.0.1:{port}/store: cannot reach the graph store"):
        push(GraphStore.open(folder), f"http://127.0.0.1:{port}/store")
    result = runner.invoke(app, ["push", str(folder), "ftp://example.org/store"])
    assert result.exit_code == 1
    assert "not an http(s) URL of a SPARQL Graph Store endpoint" in result.stderr
