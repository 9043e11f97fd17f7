"""The gazetteer: known entities with their type, aliases and Wikidata id (data/gazetteer.jsonl)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import GazetteerError
from kg.records import ENTITY_TYPES

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_GAZETTEER = DATA_DIR / "gazetteer.jsonl"


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def fold(text: str) -> str:
    """A comparison key: case-folded, typographic apostrophes and hyphens unified, spaces collapsed."""
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-")
    return " ".join(text.casefold().split())


@dataclass
class Gazetteer:
    """Entries and an index from every surface form to its entry."""

    entries: list[GazetteerEntry] = field(default_factory=list)
    exact: dict[str, GazetteerEntry] = field(default_factory=dict)
    folded: dict[str, GazetteerEntry] = field(default_factory=dict)

    def add(self, entry: GazetteerEntry) -> None:
        self.entries.append(entry)
        for form in entry.forms:
            self.exact.setdefault(form, entry)
            # short single words and acronyms match only as written
            if " " in form or len(form) > 5:
                self.folded.setdefault(fold(form), entry)

    def lookup(self, text: str) -> GazetteerEntry | None:
        """The entry a surface form names, or None."""
        text = text.strip()
        if text.lower().startswith("the "):
            text = text[4:]
        return self.exact.get(text) or self.folded.get(fold(text))

    def by_name(self, name: str) -> GazetteerEntry | None:
        entry = self.exact.get(name)
        return entry if entry and entry.name == name else None


def read_lines(path: Path, error: type[GazetteerError]) -> list[str]:
    """The lines of a UTF-8 data file; an unreadable or undecodable file raises `error` naming it."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as err:
        raise error(f"{path}: not UTF-8 (byte {err.start})") from None
    except OSError as err:
        raise error(f"{path}: cannot be read ({err.strerror})") from None


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load a gazetteer file (JSON Lines); the bundled one by default."""
    path = Path(path) if path else DEFAULT_GAZETTEER
    gazetteer = Gazetteer()
    if not path.exists():
        if path == DEFAULT_GAZETTEER:
            return gazetteer
        raise GazetteerError(f"{path}: no such gazetteer file")
    for number, line in enumerate(read_lines(path, GazetteerError), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise GazetteerError(f"{path}:{number}: invalid JSON ({err.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("name"), str):
            raise GazetteerError(f"{path}:{number}: an entry needs a 'name'")
        if record.get("type") not in ENTITY_TYPES:
            raise GazetteerError(f"{path}:{number}: type must be one of {', '.join(ENTITY_TYPES)}")
        aliases = record.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise GazetteerError(f"{path}:{number}: 'aliases' must be a list of strings")
        qid = record.get("wikidata")
        if qid is not None and not (isinstance(qid, str) and qid[:1] == "Q" and qid[1:].isdigit()):
            raise GazetteerError(f"{path}:{number}: 'wikidata' must be a Q-id or null, not {qid!r}")
        gazetteer.add(GazetteerEntry(record["name"], record["type"], tuple(aliases), qid))
    return gazetteer
