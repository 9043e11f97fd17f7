"""The exceptions kg raises. The CLI turns them into exit codes and one-line messages.

KGError
├── SourceError          a source cannot be read (missing, binary, empty, undecodable)
├── GazetteerError       the gazetteer or a curation file is malformed
│   └── CurationError    a curation file is malformed (names file and line)
├── ModelError           the spaCy model cannot be loaded
├── LearnedModelError    a learned-choice model file is missing, corrupt, or from another kg version
├── StoreError           the output folder holds no build, or cannot be written
│   ├── LockedError      another build is writing into the output folder
│   └── RemoteStoreError a SPARQL Graph Store endpoint refused or could not be reached
├── QueryError           a SPARQL query cannot be parsed or run
├── GoldError            a gold-annotation file is malformed
├── ServeError           kg serve cannot start (busy port, the Oxigraph server failing)
├── ChartError           a chart cannot be drawn or written (names the file)
├── BuildError           nothing at all could be built
└── ExportError          a build cannot be exported (unknown article, existing path, unwritable)
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class SourceError(KGError):
    """A source cannot be read; the message names it."""


class GazetteerError(KGError):
    """The gazetteer or a curation file is malformed; the message names file and line."""


class CurationError(GazetteerError):
    """A curation file is malformed or missing; the message names file and line."""


class ModelError(KGError):
    """The spaCy model cannot be loaded."""


class LearnedModelError(KGError):
    """A learned-choice model file is missing, corrupt or from another kg version, or cannot be trained."""


class StoreError(KGError):
    """An output folder holds no build or cannot be written."""


class LockedError(StoreError):
    """Another build holds the output folder; the message names its process."""


class RemoteStoreError(StoreError):
    """A SPARQL 1.1 Graph Store endpoint cannot be reached or refused a graph; the message names the URL."""


class QueryError(KGError):
    """A SPARQL query cannot be parsed or run."""


class GoldError(KGError):
    """A gold-annotation file is malformed."""


class ServeError(KGError):
    """`kg serve` cannot start: the port is busy, or the Oxigraph server does not start."""


class ChartError(KGError):
    """A chart cannot be drawn or written; the message names the file."""


class BuildError(KGError):
    """Nothing at all could be built from the given sources; `skipped` says which sources were skipped and why."""

    def __init__(self, message: str, skipped: list[dict] | None = None):
        super().__init__(message)
        self.skipped = skipped or []


class ExportError(KGError):
    """A build cannot be exported; the message names the path or the article."""
