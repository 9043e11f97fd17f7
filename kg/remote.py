"""Write a build's named graphs to any SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph server,
Fuseki, GraphDB): each graph is replaced whole with an HTTP PUT, so pushing again never duplicates.

The URL is the endpoint's graph store, e.g. http://localhost:7878/store for `oxigraph serve`,
http://localhost:3030/DATASET/data for Fuseki. Graphs go one at a time, streamed from the local store.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

from kg.errors import RemoteStoreError
from kg.store import GraphStore

TIMEOUT = 60  # seconds per request


def _check(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteStoreError(f"{url}: not an http(s) URL of a SPARQL Graph Store endpoint")
    return url


def graph_url(url: str, graph: str) -> str:
    """The URL of one named graph at a Graph Store endpoint (indirect identification: ?graph=IRI)."""
    return f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode({'graph': graph})}"


def put_graph(url: str, graph: str, ntriples: bytes) -> None:
    """Replace one named graph at the endpoint by the given N-Triples."""
    request = urllib.request.Request(
        graph_url(url, graph), data=ntriples, method="PUT", headers={"Content-Type": "application/n-triples"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as error:
        detail = " ".join(error.read(300).decode("utf-8", "replace").split())
        raise RemoteStoreError(f"{url}: refused graph {graph} (HTTP {error.code}{': ' + detail if detail else ''})") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise RemoteStoreError(f"{url}: cannot reach the graph store ({reason})") from None


def push(store: GraphStore, url: str) -> int:
    """Put every named graph of a local store to the Graph Store at `url`; how many graphs were put."""
    _check(url)
    graphs = store.graphs()
    for graph in graphs:
        put_graph(url, graph, store.graph_ntriples(graph))
    return len(graphs)
