"""What an output folder remembers between builds, so a rebuild redoes only what changed.

DIR/cache/<key>.pickle holds one article's `Extraction`, keyed by the article's content and metadata
and by a fingerprint of everything that shapes extraction (kg's own code, the spaCy model, the
gazetteer). DIR/manifest.json lists each source built into DIR, the hash of its bytes and the cache
keys of its articles. Every file is written to a temporary name and renamed, so a killed build
leaves each of them whole: finished articles stay cached and the next build picks them up.
The cache holds pickles that kg wrote itself; do not put files from elsewhere in it.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path

from kg.gazetteer import Gazetteer
from kg.records import Article, Extraction
from kg.store import write_atomic

CACHE_DIR = "cache"
MANIFEST_FILE = "manifest.json"
MANIFEST_FORMAT = "kg-manifest/1"


@cache
def code_hash() -> str:
    """A hash of kg's own code and configuration: any change to them invalidates the cache."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".cfg") and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def model_identity(nlp=None, model: str | None = None) -> str:
    """The spaCy model's package name and version, from a loaded pipeline or without loading it."""
    if nlp is not None:
        meta = getattr(nlp, "meta", {}) or {}
        return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    from spacy.util import get_package_version

    from kg.nlp import load_settings

    name = model or load_settings()["model"]["name"]
    return f"{name}-{get_package_version(name)}"


def fingerprint(model: str, gazetteer: Gazetteer) -> str:
    """What shapes an extraction besides the article: kg's code and settings, the model, the gazetteer."""
    parts = [code_hash(), model, hashlib.sha256(repr([repr(e) for e in gazetteer.entries]).encode()).hexdigest()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def article_key(article: Article, print_: str) -> str:
    """The cache key of an article: its text and metadata (not where it was read from) and the fingerprint."""
    fields = asdict(article)
    fields.pop("origin"), fields.pop("duplicates")
    data = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{print_}\n{data}".encode()).hexdigest()[:32]


class ExtractionCache:
    """Extractions on disk, one file per article."""

    def __init__(self, folder: Path, print_: str):
        self.folder = Path(folder) / CACHE_DIR
        self.print = print_

    def key(self, article: Article) -> str:
        return article_key(article, self.print)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def load(self, key: str) -> Extraction | None:
        """The extraction stored under `key`, or None (missing, or unreadable: it is then recomputed)."""
        try:
            with self._path(key).open("rb") as stream:
                value = pickle.load(stream)
        except Exception:  # a missing, truncated or foreign file is a cache miss, never an error
            return None
        return value if isinstance(value, Extraction) else None

    def get(self, article: Article) -> Extraction | None:
        """The cached extraction of this article (with the article as read now), or None."""
        found = self.load(self.key(article))
        return replace(found, article=article) if found is not None else None

    def put(self, extraction: Extraction) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        key = self.key(extraction.article)
        write_atomic(self._path(key), pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL))
        return key

    def prune(self, keep: set[str]) -> int:
        """Delete the entries not in `keep`; how many were deleted."""
        removed = 0
        for path in self.folder.glob("*.pickle") if self.folder.is_dir() else []:
            if path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        for path in self.folder.glob(".*.tmp") if self.folder.is_dir() else []:
            path.unlink(missing_ok=True)  # left by a killed build
        return removed


@dataclass
class SourceEntry:
    """One source built into the folder: the hash of its bytes and the cache keys of its articles."""

    digest: str | None
    articles: list[str] = field(default_factory=list)


@dataclass
class Manifest:
    """The sources built into an output folder, in build order."""

    sources: dict[str, SourceEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The folder's manifest; an empty one when there is none or it cannot be read (all is then rebuilt)."""
        try:
            data = json.loads((Path(folder) / MANIFEST_FILE).read_text(encoding="utf-8"))
            if data.get("format") != MANIFEST_FORMAT:
                return cls()
            return cls(
                {
                    name: SourceEntry(entry.get("digest"), [str(k) for k in entry.get("articles", [])])
                    for name, entry in data["sources"].items()
                }
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def save(self, folder: Path) -> None:
        data = {"format": MANIFEST_FORMAT, "sources": {n: asdict(e) for n, e in self.sources.items()}}
        write_atomic(Path(folder) / MANIFEST_FILE, json.dumps(data, indent=1, ensure_ascii=False))

    def keys(self) -> set[str]:
        return {key for entry in self.sources.values() for key in entry.articles}
