"""Run SPARQL over a build: query text, a .rq file, or the name of a ready query in queries/."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from kg.errors import QueryError
from kg.store import GraphStore

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"


def ready_queries() -> dict[str, Path]:
    """The bundled queries by name (file stem)."""
    return {p.stem: p for p in sorted(QUERIES_DIR.glob("*.rq"))}


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
    if not any(word in query.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        names = ", ".join(ready) or "none"
        raise QueryError(f"{query!r} is neither SPARQL, a .rq file, nor a ready query ({names})")
    return query


def run(store: GraphStore, query: str) -> tuple[list[str], list[list[object]]]:
    """Columns and rows of a SELECT (or ASK) query."""
    return store.rows(query_text(query))


def to_csv(columns: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue()


def to_json(columns: list[str], rows: list[list[object]]) -> str:
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2)
