"""A build opened in Python, for notebooks: `kg.open(DIR)` gives tables (pandas DataFrames when pandas is
installed, else lists of row dicts) and a networkx graph.

    >>> import kg
    >>> build = kg.open("kg-out")
    >>> build.query("SELECT ?label WHERE { ?e a <https://w3id.org/kg/ns#Person> ; rdfs:label ?label }")
"""

from __future__ import annotations

from pathlib import Path

from kg import export
from kg.store import GraphStore


def _table(columns: list[str], rows: list[dict]):
    """A pandas DataFrame when pandas can be imported, else the rows as dicts."""
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows, columns=columns)


class Build:
    """A kg build folder (or an RDF file), read-only."""

    def __init__(self, store: GraphStore):
        self.store = store

    @classmethod
    def open(cls, location: str | Path) -> Build:
        return cls(GraphStore.open(location))

    def __repr__(self) -> str:
        return f"kg.open({str(self.store.folder)!r})"

    def query(self, sparql: str):
        """Run a SELECT (or ASK) query over the union of all graphs; common prefixes are predeclared."""
        columns, rows = self.store.rows(sparql if "PREFIX" in sparql.upper() else export._PREFIXES + sparql)
        return _table(columns, [dict(zip(columns, row, strict=True)) for row in rows])

    def _select(self, sparql: str):
        columns, rows = self.store.rows(sparql)
        return _table(columns, [dict(zip(columns, row, strict=True)) for row in rows])

    def entities(self):
        """One row per entity: id, label, type, mentions, wikidata, geonames, latitude, longitude, country, aliases."""
        return self._select(export.ENTITIES)

    def figures(self):
        """One row per reported figure: value, unit, measure, period, place, source, evidence, article."""
        return self._select(export.FIGURES)

    def relations(self):
        """One row per relation read from the text, with its role, confidence and evidence."""
        return self._select(export.RELATIONS)

    def statements(self):
        """One row per quote or claim: speaker, role, verb, text, evidence."""
        return self._select(export.STATEMENTS)

    def network(self):
        """The entities and their relations and co-mentions as a networkx MultiDiGraph."""
        return export.network(self.store)


def open_build(location: str | Path) -> Build:
    """Open a build folder (or an RDF file) for reading from Python."""
    return Build.open(location)
