"""Serve a build as a read-only SPARQL 1.1 endpoint: a small guard in front of the Oxigraph server.

The Oxigraph server (PyPI package `oxigraph`) answers queries on a private 127.0.0.1 port. In front of it,
on the user's host and port, a Starlette app run by uvicorn checks every query before it reaches Oxigraph
and every answer before it reaches the client:

- the query is parsed with rdflib's SPARQL parser: updates are refused (403), and so is any SERVICE call to
  an endpoint not named with --allow-service (403), so the server never fetches an address a client chose;
- the answer is read in full before it is sent, so that a query that runs out of time (504) or gives more
  than --max-rows rows (422) gets an HTTP error status, never a 200 with an error message as its body;
- cross-origin requests are allowed only from the origins named with --cors.

Oxigraph's answer is asked for in a line-per-row format (TSV for SELECT, N-Triples for CONSTRUCT and
DESCRIBE) to count rows as they come, then written in the format the client accepts, with pyoxigraph.
"""

from __future__ import annotations

import asyncio
import errno
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from kg.errors import QueryError, ServeError, StoreError
from kg.store import STORE_DIR

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 100_000
#: How long Oxigraph may take to start listening.
STARTUP_SECONDS = 30.0


@dataclass(frozen=True)
class Limits:
    """What the endpoint allows: time per query, rows per answer, SERVICE endpoints, CORS origins."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    allow_service: tuple[str, ...] = ()
    cors: tuple[str, ...] = ()


class Refused(Exception):
    """A request the endpoint will not answer: an HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def server_binary() -> str:
    """The `oxigraph` server program: next to this Python, else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise StoreError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def serve_command(folder: str | Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30) -> list[str]:
    """The command line that serves a build folder read-only with Oxigraph, default graph = union of all graphs."""
    location = Path(folder) / STORE_DIR
    if not location.is_dir():
        raise StoreError(f"{folder}: no kg build here (run `kg build SOURCES --out {folder}`)")
    return [
        server_binary(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"{host}:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(max(1, round(timeout))),
    ]


# ---------------------------------------------------------------------------
# checking a query
# ---------------------------------------------------------------------------


def check_query(text: str, limits: Limits) -> str:
    """The form of a query the endpoint may run (SELECT, ASK, CONSTRUCT, DESCRIBE), or Refused."""
    from kg.query import inspect

    try:
        shape = inspect(text)
    except QueryError as err:
        message = str(err)
        raise Refused(403 if message.startswith("read-only") else 400, message) from None
    for endpoint in shape.services:
        if endpoint not in limits.allow_service:
            allowed = ", ".join(limits.allow_service) or "none"
            raise Refused(
                403, f"SERVICE <{endpoint}> is not allowed (allowed: {allowed}; kg serve --allow-service URL)"
            )
    return shape.form


def _accepted(accept: str) -> list[str]:
    """The media types of an Accept header, most wanted first."""
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def answer_format(form: str, accept: str):
    """The pyoxigraph format to answer in, from the client's Accept header (JSON or N-Triples by default)."""
    import pyoxigraph as ox

    graph = form in ("CONSTRUCT", "DESCRIBE")
    kind, default = (ox.RdfFormat, ox.RdfFormat.N_TRIPLES) if graph else (ox.QueryResultsFormat, ox.QueryResultsFormat.JSON)
    media_types = _accepted(accept) or ["*/*"]
    for media in media_types:
        if media in ("*/*", "application/*", "text/*"):
            return default
        found = kind.from_media_type(media)
        if found is not None:
            return found
    raise Refused(406, f"cannot answer a {form} query as {accept}")


def rewrite(data: bytes, form: str, wanted) -> bytes:
    """Oxigraph's answer (TSV, SPARQL JSON or N-Triples) in the format the client wants."""
    import pyoxigraph as ox

    if form in ("CONSTRUCT", "DESCRIBE"):
        return ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=wanted) or b""
    upstream = ox.QueryResultsFormat.JSON if form == "ASK" else ox.QueryResultsFormat.TSV
    return ox.parse_query_results(data, format=upstream).serialize(format=wanted) or b""


# ---------------------------------------------------------------------------
# the guard (a Starlette app)
# ---------------------------------------------------------------------------


def create_app(upstream: str, limits: Limits):
    """The Starlette app that checks queries and answers for the Oxigraph server at `upstream`."""
    import httpx
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    client = httpx.AsyncClient(base_url=upstream, timeout=None)

    def refusal(status: int, message: str) -> Response:
        return PlainTextResponse(f"{message}\n", status_code=status)

    async def query_of(request: Request) -> str:
        if request.method == "GET":
            text = request.query_params.get("query")
        else:
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == "application/sparql-query":
                text = (await request.body()).decode("utf-8", errors="replace")
            elif media == "application/x-www-form-urlencoded":
                form = parse_qs((await request.body()).decode("utf-8", errors="replace"))
                if "update" in form:
                    raise Refused(403, "read-only: this endpoint answers queries, not updates")
                text = form.get("query", [""])[0]
            elif media == "application/sparql-update":
                raise Refused(403, "read-only: this endpoint answers queries, not updates")
            else:
                raise Refused(415, "send the query as application/sparql-query or a form with query=")
        if not text or not str(text).strip():
            raise Refused(400, "no query: give ?query=SPARQL")
        return str(text)

    async def fetch(text: str, form: str, params: list[tuple[str, str]]) -> tuple[int, bytes]:
        accept = {
            "SELECT": "text/tab-separated-values",
            "ASK": "application/sparql-results+json",
        }.get(form, "application/n-triples")
        request = client.build_request(
            "POST",
            "/query",
            params=params,
            content=text.encode("utf-8"),
            headers={"content-type": "application/sparql-query", "accept": accept},
        )
        response = await client.send(request, stream=True)
        try:
            chunks, lines = [], 0
            header = 1 if form == "SELECT" else 0
            async for chunk in response.aiter_bytes():
                chunks.append(chunk)
                lines += chunk.count(b"\n")
                if form != "ASK" and response.status_code == 200 and lines - header > limits.max_rows:
                    raise Refused(
                        422, f"more than {limits.max_rows} rows (kg serve --max-rows): narrow the query or add a LIMIT"
                    )
            return response.status_code, b"".join(chunks)
        finally:
            await response.aclose()

    async def query(request: Request) -> Response:
        try:
            text = await query_of(request)
            form = check_query(text, limits)
            wanted = answer_format(form, request.headers.get("accept", ""))
            params = [(k, v) for k, v in request.query_params.multi_items() if k in ("default-graph-uri", "named-graph-uri")]
            try:
                status, body = await asyncio.wait_for(fetch(text, form, params), limits.timeout)
            except TimeoutError:
                raise Refused(504, f"timed out: the query ran longer than {limits.timeout:g} s (kg serve --timeout)") from None
            except httpx.HTTPError as err:
                raise Refused(502, f"the Oxigraph server did not answer ({err})") from None
            if status != 200:
                return refusal(status, " ".join(body.decode("utf-8", errors="replace").split()))
            try:
                content = rewrite(body, form, wanted)
            except (SyntaxError, ValueError, OSError) as err:  # e.g. Oxigraph cancelled the query mid-answer
                raise Refused(502, f"the answer could not be read ({' '.join(str(err).split())})") from None
            return Response(content, media_type=wanted.media_type)
        except Refused as refused:
            return refusal(refused.status, refused.message)

    async def update(request: Request) -> Response:
        return refusal(403, "read-only: this endpoint answers queries, not updates")

    async def home(request: Request) -> Response:
        return PlainTextResponse("kg: a read-only SPARQL endpoint at /query (GET ?query= or POST)\n")

    middleware = []
    if limits.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(limits.cors),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
            )
        )
    routes = [
        Route("/", home, methods=["GET"]),
        Route("/query", query, methods=["GET", "POST"]),
        Route("/update", update, methods=["GET", "POST"]),
    ]

    @asynccontextmanager
    async def lifespan(app):
        yield
        await client.aclose()

    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


# ---------------------------------------------------------------------------
# running it
# ---------------------------------------------------------------------------


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, or ServeError in one line (a busy port says so)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as err:
        raise ServeError(f"cannot listen on {host}:{port}: unknown address ({err.strerror})") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise ServeError(f"{host}:{port} is already in use (another kg serve?); choose another --port") from None
        raise ServeError(f"cannot listen on {host}:{port} ({err.strerror})") from None
    return sock


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the child gets SIGTERM if kg dies without stopping it (even by SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start_oxigraph(folder: str | Path, port: int, timeout: float) -> subprocess.Popen:
    """Start the Oxigraph server on 127.0.0.1:port and wait until it listens; ServeError if it cannot start."""
    command = serve_command(folder, host="127.0.0.1", port=port, timeout=timeout)
    log = tempfile.TemporaryFile()
    child = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=log,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if child.poll() is not None:
            log.seek(0)
            said = next((line for line in log.read().decode("utf-8", "replace").splitlines() if line.strip()), "")
            raise ServeError(f"the Oxigraph server stopped at start (exit {child.returncode}): {said.strip()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return child
        except OSError:
            time.sleep(0.05)
    stop(child)
    raise ServeError(f"the Oxigraph server did not start listening within {STARTUP_SECONDS:g} s")


def stop(child: subprocess.Popen) -> None:
    """Stop a child process: SIGTERM, then SIGKILL if it has not ended within 5 s."""
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(
    folder: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    limits: Limits | None = None,
    on_ready: Callable[[], None] | None = None,
) -> None:
    """Serve a build folder at http://HOST:PORT/query until SIGINT or SIGTERM; the Oxigraph child is always
    stopped on the way out."""
    import uvicorn

    limits = limits or Limits()
    serve_command(folder)  # fails early, in one line, for a folder without a build
    sock = listen(host, port)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # uvicorn hands SIGTERM back to this after shutting down
    child = None
    try:
        private = free_port()
        child = start_oxigraph(folder, private, limits.timeout + 5)  # the guard's own limit comes first
        app = create_app(f"http://127.0.0.1:{private}", limits)
        server = uvicorn.Server(
            uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2, access_log=False)
        )
        if on_ready:
            on_ready()
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        if child is not None:
            stop(child)
        sock.close()
        signal.signal(signal.SIGTERM, previous)

