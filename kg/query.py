"""Run SPARQL over a build: query text, a .rq file, or the name of a ready query in queries/.

Queries are read-only: an update (INSERT DATA, LOAD, DROP, CLEAR…) is refused before it reaches the
store. `inspect` reads a query with rdflib's SPARQL parser to tell its form and the SERVICE endpoints
it would call; `run` evaluates it with a time limit.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from kg.errors import QueryError
from kg.store import GraphStore

T = TypeVar("T")

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
DEFAULT_TIMEOUT = 30.0

#: rdflib's names of the update operations, as SPARQL spells them.
UPDATE_NAMES = {
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
}
#: rdflib's names of the query forms.
FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


@dataclass
class QueryShape:
    """What a parsed query is: its form (SELECT, ASK, CONSTRUCT, DESCRIBE) and the SERVICE endpoints it calls
    (an IRI, or `?name` for a variable endpoint)."""

    form: str
    services: list[str] = field(default_factory=list)


def ready_queries() -> dict[str, Path]:
    """The bundled queries by name (file stem)."""
    return {p.stem: p for p in sorted(QUERIES_DIR.glob("*.rq"))}


def describe(path: Path) -> str:
    """A ready query's description: its leading comment lines, joined into whole sentences."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            if lines:
                break
            continue
        text = line.lstrip("#").strip()
        if not text:
            if lines:
                break
            continue
        lines.append(text)
    return " ".join(lines)


def update_operation(text: str) -> str | None:
    """The first update operation of `text` (e.g. 'INSERT DATA') if it parses as a SPARQL update, else None."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(text)
    except (ParseBaseException, ValueError, TypeError):
        return None
    requests = parsed["request"] if "request" in parsed else []
    if not requests:
        return None
    return UPDATE_NAMES.get(requests[0].name, requests[0].name)


def inspect(text: str) -> QueryShape:
    """Parse a query with rdflib's SPARQL parser: its form and SERVICE endpoints. Raises QueryError for an
    update ("read-only") or text that does not parse."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except (ParseBaseException, ValueError, TypeError) as err:
        operation = update_operation(text)
        if operation:
            raise QueryError(f"read-only: {operation} is an update, and kg only answers queries") from None
        raise QueryError(f"invalid SPARQL: {' '.join(str(err).split())}") from None
    body = parsed[1]
    services: list[str] = []
    _collect_services(body, services)
    return QueryShape(FORMS.get(body.name, body.name), services)


def _collect_services(node: object, found: list[str]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            term = node.get("term")
            found.append(f"?{term}" if isinstance(term, Variable) else str(term))
        for value in node.values():
            _collect_services(value, found)
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        for value in node:
            _collect_services(value, found)


def query_text(query: str) -> str:
    """SPARQL text from text itself, a path to a .rq file, or a ready query's name."""
    path = Path(query)
    if query.endswith(".rq") or (path.suffix == "" and "\n" not in query and len(query) < 200 and path.exists()):
        if path.is_dir():
            raise QueryError(f"{query}: a folder, not a query file")
        if not path.is_file():
            raise QueryError(f"{query}: no such query file")
        return path.read_text(encoding="utf-8")
    ready = ready_queries()
    if query in ready:
        return ready[query].read_text(encoding="utf-8")
    operation = update_operation(query)
    if operation:
        raise QueryError(f"kg query is read-only: {operation} is an update")
    if not any(word in query.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        names = ", ".join(ready) or "none"
        raise QueryError(f"{query!r} is neither SPARQL, a .rq file, nor a ready query ({names})")
    return query


def run(
    store: GraphStore, query: str, *, timeout: float | None = DEFAULT_TIMEOUT, page: int | None = 1
) -> tuple[list[str], list[list[object]]]:
    """Columns and rows of a SELECT (or ASK) query, within `timeout` seconds (None: no limit). A paged
    listing (a ready listing such as figures-over-time: a query that reads `kg:pageNumber ?page`) gives
    its page number `page`, or every page for None; other queries ignore `page`.

    The query runs on a daemon thread (Oxigraph releases the GIL while it works); past the time limit
    QueryError is raised and the thread is abandoned, so a caller that times out should let its process
    end (as `kg query` does), which stops the evaluation."""
    from kg.listings import is_paged

    text = query_text(query)
    bind = {"page": page} if page is not None and is_paged(text) else None
    try:
        return store.rows(text, bind) if timeout is None else _within(timeout, lambda: store.rows(text, bind))
    except QueryError as error:
        raise _naming_services(error, text) from None


def listing_name(query: str) -> str | None:
    """The name of the ready listing `query` names (by name or .rq file), if it is one."""
    from kg.listings import ORDERS

    name = Path(query).stem if query.endswith(".rq") else query
    return name if name in ORDERS and "\n" not in query else None


def _within(timeout: float, work: Callable[[], T]) -> T:
    """`work()` run on a daemon thread, or QueryError after `timeout` seconds."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as err:  # handed to the caller's thread, without the frames that hold
            err.__context__ = None  # Oxigraph's results, which may be dropped only on this thread
            outcome["error"] = err.with_traceback(None)

    worker = threading.Thread(target=target, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(f"timed out: the query ran longer than {timeout:g} s (--timeout)")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _naming_services(error: QueryError, text: str) -> QueryError:
    """A failed query that calls SERVICE endpoints says which: the failure is most likely theirs."""
    if not str(error).startswith("query failed: "):
        return error
    try:
        services = inspect(text).services
    except QueryError:
        return error
    if not services:
        return error
    called = ", ".join(f"<{s}>" for s in services)
    return QueryError(f"query failed calling SERVICE {called}: {str(error).removeprefix('query failed: ')}")


def to_csv(columns: list[str], rows: list[list[object]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", delimiter=delimiter)
    writer.writerow(columns)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue()


def to_tsv(columns: list[str], rows: list[list[object]]) -> str:
    """Tab-separated values, one row a line: tabs and line breaks inside a value become spaces."""

    def cell(value: object) -> str:
        return "" if value is None else " ".join(str(value).replace("\t", " ").splitlines())

    return "".join("\t".join(cell(v) for v in row) + "\n" for row in [columns, *rows])


def to_json(columns: list[str], rows: list[list[object]]) -> str:
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2)
