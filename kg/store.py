"""The on-disk graph store of a build: an Oxigraph store in DIR/oxigraph, exported to DIR/graph.trig.

The default graph of every query is the union of all named graphs, so queries need no GRAPH clause.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, URIRef

from kg.errors import QueryError, StoreError
from kg.namespace import bind_prefixes

STORE_DIR = "oxigraph"
NEW_STORE_DIR = "oxigraph.new"
OLD_STORE_DIR = "oxigraph.old"
TRIG_FILE = "graph.trig"
HTML_FILE = "graph.html"
SUMMARY_FILE = "summary.json"
FLUSH_EVERY = 20_000  # quads gathered for one bulk write of a new store


class GraphStore:
    """An Oxigraph store on disk, opened for one command."""

    def __init__(self, store: ox.Store, folder: Path):
        self.ox = store
        self.folder = folder

    @classmethod
    def create(cls, folder: str | Path) -> GraphStore:
        """Open (creating if needed) the store of an output folder."""
        folder = Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            recover(folder)
            return cls(ox.Store(str(folder / STORE_DIR)), folder)
        except OSError as err:
            raise StoreError(f"{folder}: cannot open the store ({err})") from None

    @classmethod
    def open(cls, location: str | Path) -> GraphStore:
        """Open a built folder, or load a TriG/N-Quads/Turtle file into a store in memory."""
        path = Path(location)
        if path.is_dir():
            store_dir = path / STORE_DIR
            if not store_dir.is_dir() and (path / OLD_STORE_DIR).is_dir():
                store_dir = path / OLD_STORE_DIR  # a build was killed while swapping stores: the last good one
            if not store_dir.is_dir():
                raise StoreError(f"{path}: no kg build here (run `kg build SOURCES --out {path}`)")
            try:
                return cls(ox.Store.read_only(str(store_dir)), path)
            except (OSError, RuntimeError) as err:  # RuntimeError: RocksDB found the store damaged
                raise StoreError(f"{path}: cannot open the store ({' '.join(str(err).split())})") from None
        if path.is_file():
            store = ox.Store()
            try:
                store.load(
                    path=str(path), format=ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TRIG
                )
            except (SyntaxError, ValueError, OSError) as err:
                raise StoreError(f"{path}: cannot read RDF ({err})") from None
            return cls(store, path.parent)
        raise StoreError(f"{path}: no such build folder or RDF file")

    @classmethod
    def write(cls, folder: str | Path, dataset: Dataset) -> GraphStore:
        """Write a dataset as the folder's store without ever leaving it half-written: the new store is
        built in DIR/oxigraph.new and swapped in with renames, so a build killed at any point leaves the
        previous store (or the new one) readable."""
        folder = Path(folder)
        new, current, old = folder / NEW_STORE_DIR, folder / STORE_DIR, folder / OLD_STORE_DIR
        try:
            folder.mkdir(parents=True, exist_ok=True)
            recover(folder)
            shutil.rmtree(new, ignore_errors=True)
            store = ox.Store(str(new))
            store.bulk_load(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
            store.flush()
            del store
            gc.collect()  # close the new store's files before it moves
            if current.exists():
                shutil.rmtree(old, ignore_errors=True)
                os.replace(current, old)
            os.replace(new, current)
            shutil.rmtree(old, ignore_errors=True)
            return cls(ox.Store.read_only(str(current)), folder)
        except OSError as err:
            raise StoreError(f"{folder}: cannot write the store ({err})") from None

    @classmethod
    def writer(cls, folder: str | Path) -> StoreWriter:
        """A new store for the folder, filled graph by graph and swapped in whole by `StoreWriter.finish`."""
        return StoreWriter(Path(folder))

    def replace(self, dataset: Dataset) -> None:
        """Replace the whole content of the store by a dataset."""
        data = dataset.serialize(format="nquads", encoding="utf-8")
        self.ox.clear()
        self.ox.load(data, format=ox.RdfFormat.N_QUADS)
        self.ox.flush()

    def query(self, sparql: str, substitutions: dict[str, object] | None = None):
        """Run a SPARQL query over the union of all graphs; `substitutions` bind variables safely."""
        subs = {ox.Variable(k): _term(v) for k, v in (substitutions or {}).items()}
        try:
            return self.ox.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)
        except SyntaxError as err:
            raise QueryError(f"invalid SPARQL: {err}") from None
        except (OSError, ValueError, RuntimeError) as err:
            raise QueryError(f"query failed: {err}") from None

    def rows(self, sparql: str, substitutions: dict[str, object] | None = None) -> tuple[list[str], list[list[object]]]:
        """A SELECT query's variable names and rows of plain Python values (None where unbound)."""
        result = self.query(sparql, substitutions)
        if isinstance(result, ox.QueryBoolean):
            return ["result"], [[bool(result)]]
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("only SELECT and ASK queries can be shown as a table (use CONSTRUCT with --format ttl)")
        names = [v.value for v in result.variables]
        try:  # solutions are computed as they are read: SERVICE calls and damaged data fail here
            return names, [[_python(solution[name]) for name in names] for solution in result]
        except (OSError, ValueError, RuntimeError) as err:
            raise QueryError(f"query failed: {' '.join(str(err).split())}") from None

    def each_row(self, sparql: str) -> Iterator[list[object]]:
        """A SELECT query's rows of plain Python values (None where unbound), one at a time, as `rows` gives
        them: a large result is never held whole."""
        result = self.query(sparql)
        names = [v.value for v in result.variables]
        try:
            for solution in result:
                yield [_python(solution[name]) for name in names]
        except (OSError, ValueError, RuntimeError) as err:
            raise QueryError(f"query failed: {' '.join(str(err).split())}") from None

    def dataset(self) -> Dataset:
        """The store's content as an rdflib Dataset (in memory)."""
        dataset = Dataset()
        dataset.parse(data=self.ox.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
        bind_prefixes(dataset)
        return dataset

    def export_trig(self, path: Path | None = None) -> Path:
        """Write the whole store as TriG, streamed to a temporary file and renamed into place."""
        from kg.namespace import _PREFIXES

        path = path or self.folder / TRIG_FILE
        prefixes = {prefix: str(namespace) for prefix, namespace in _PREFIXES.items()}
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            self.ox.dump(str(tmp), format=ox.RdfFormat.TRIG, prefixes=prefixes)
            os.replace(tmp, path)
        except OSError as err:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"{path}: cannot write ({err})") from None
        return path

    def graphs(self) -> list[str]:
        """The IRIs of the store's named graphs, sorted."""
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_ntriples(self, graph: str) -> bytes:
        """One named graph as N-Triples."""
        return self.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))


_NAMED: dict[str, ox.NamedNode] = {}  # IRIs repeat (predicates, classes, entities): convert each once


def _ox_term(term):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        found = _NAMED.get(term)
        if found is None:
            if len(_NAMED) > 20_000:  # predicates and classes come back at once; an article's own IRIs do not
                _NAMED.clear()
            found = _NAMED[term] = ox.NamedNode(str(term))
        return found
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=_ox_term(term.datatype))
    return ox.Literal(str(term))


def ox_quads(dataset) -> Iterator:
    """The quads of an rdflib Dataset, or of kg.rdf.Quads, as pyoxigraph quads."""
    if hasattr(dataset, "items"):
        source = dataset.items
    else:
        source = (
            (s, p, o, g.identifier if hasattr(g, "identifier") else g)
            for s, p, o, g in dataset.quads((None, None, None, None))
        )
    for s, p, o, graph in source:
        name = ox.DefaultGraph() if graph is None or str(graph).startswith("urn:x-rdflib:") else _ox_term(graph)
        yield ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), name)


def nquads(dataset) -> list[bytes]:
    """The quads of an rdflib Dataset, or of kg.rdf.Quads, as N-Quads for `StoreWriter.add_nquads`, in pieces of
    at most FLUSH_EVERY quads: what a worker process sends back instead of the quads themselves."""
    pieces, quads = [], []
    for quad in ox_quads(dataset):
        quads.append(quad)
        if len(quads) == FLUSH_EVERY:
            pieces.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
            quads = []
    if quads or not pieces:
        pieces.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return pieces


class StoreWriter:
    """Fills a new store in DIR/oxigraph.new one small dataset at a time (an article's named graph, the
    entities, the aggregates), so no build ever holds the corpus's graph in memory; `finish` swaps it in
    with renames, so a build killed at any point leaves the previous store (or the new one) readable.

    Quads are gathered FLUSH_EVERY at a time and written with Oxigraph's bulk loader (straight to files on
    disk, without the transaction and in-memory tables of `Store.extend`, which cost three times as much):
    the new store is not read by anyone until it is swapped in, so it needs no transactions. Reading it
    through `ox` writes what is gathered first."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.new = folder / NEW_STORE_DIR
        try:
            folder.mkdir(parents=True, exist_ok=True)
            recover(folder)
            shutil.rmtree(self.new, ignore_errors=True)
            self._ox = ox.Store(str(self.new))
        except OSError as err:
            raise StoreError(f"{folder}: cannot write the store ({err})") from None
        self.quads = 0
        self.pending: list = []  # quads gathered for the next bulk write

    @property
    def ox(self) -> ox.Store:
        """The new store, with every quad added so far written into it."""
        self._write()
        return self._ox

    def add(self, dataset) -> None:
        """Add every quad of an rdflib Dataset, or of kg.rdf.Quads, to the new store."""
        self.add_quads(ox_quads(dataset))

    def add_quads(self, quads) -> None:
        """Add Oxigraph quads (any iterable, read as it goes) to the new store."""
        quads = iter(quads)
        while True:
            self.pending.extend(islice(quads, FLUSH_EVERY - len(self.pending)))
            if len(self.pending) < FLUSH_EVERY:
                return  # the quads ran out before the buffer filled
            self._write()

    def add_nquads(self, data: bytes) -> None:
        """Add quads given as N-Quads (made by `nquads`, one quad a line)."""
        self.add_quads(ox.parse(data, format=ox.RdfFormat.N_QUADS))

    def _write(self) -> None:
        if not self.pending:
            return
        try:
            self._ox.bulk_extend(self.pending)
        except OSError as err:
            raise StoreError(f"{self.folder}: cannot write the store ({err})") from None
        self.quads += len(self.pending)
        self.pending = []
        release_freed_memory()  # the bulk loader's buffers for these quads: a long write would otherwise keep them all

    def finish(self) -> GraphStore:
        """Swap the new store in for the folder's store and open it read-only."""
        current, old = self.folder / STORE_DIR, self.folder / OLD_STORE_DIR
        try:
            self._write()
            self._ox.flush()
            self._ox.optimize()  # compact the bulk-written files: reading the store (graph.trig, queries) costs less
            del self._ox  # the only reference: the new store's files close before it moves (no gc.collect, which
            # walks every object of the process, the loaded spaCy model's too)
            _NAMED.clear()
            release_freed_memory()  # what RocksDB held for the files it wrote and read
            if current.exists():
                shutil.rmtree(old, ignore_errors=True)
                os.replace(current, old)
            os.replace(self.new, current)
            shutil.rmtree(old, ignore_errors=True)
            return GraphStore(ox.Store.read_only(str(current)), self.folder)
        except OSError as err:
            raise StoreError(f"{self.folder}: cannot write the store ({err})") from None


def release_freed_memory() -> None:
    """Give the pages the C heap holds free back to the system (glibc's malloc_trim; nothing elsewhere). A closed
    Oxigraph store, or a spaCy pipeline let go, frees its memory, but glibc keeps it for later use, so a build's
    resident size would carry every stage's leftovers into the next."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)


def limit_malloc_arenas(arenas: int = 2) -> None:
    """Let glibc keep at most `arenas` heaps for the process's threads (mallopt M_ARENA_MAX; nothing elsewhere).
    Every thread of Oxigraph's bulk loader would otherwise get a heap of its own, which stays resident after the
    thread is done: on a 4,000-article build that is about 20 MB of the peak, for no measurable CPU time."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return
    mallopt(-8, arenas)  # -8: M_ARENA_MAX


def recover(folder: Path) -> None:
    """Undo what a build killed while swapping stores left: the previous store comes back if no store is in place."""
    current, old = folder / STORE_DIR, folder / OLD_STORE_DIR
    if not current.exists() and old.is_dir():
        os.replace(old, current)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write a file through a temporary file and a rename, so readers never see half of it."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    os.replace(tmp, path)


def write_atomic_parts(path: Path, parts: Iterable[str]) -> None:
    """`write_atomic` of the text the parts make, written as they come (a large page is never held whole)."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as out:
        for part in parts:
            out.write(part)
    os.replace(tmp, path)


def write_summary(folder: Path, summary: dict) -> None:
    write_atomic(folder / SUMMARY_FILE, json.dumps(summary, indent=2, ensure_ascii=False))


def _term(value: object):
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    text = str(value)
    if text.startswith(("http://", "https://", "urn:")) and " " not in text:
        return ox.NamedNode(text)
    return ox.Literal(text)


def _python(term) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else ""
        if datatype.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if datatype.endswith(("#decimal", "#double", "#float")):
            try:
                number = float(term.value)
                return int(number) if number.is_integer() else number
            except ValueError:
                return term.value
        return term.value
    return term.value
