"""kg: turn news articles into an RDF knowledge graph."""

from __future__ import annotations

__version__ = "0.1.0"


def open(location):  # noqa: A001 - kg.open(DIR) reads like the builtin it shadows only inside kg
    """Open a build folder (or an RDF file) for notebooks: `.query(sparql)`, `.entities()`, `.figures()`,
    `.relations()`, `.statements()`, `.network()` (see kg.api). Nothing is imported until it is called."""
    from kg.api import open_build

    return open_build(location)
