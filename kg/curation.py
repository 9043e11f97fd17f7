"""Human corrections to the resolved entities, kept in a curation file and applied on every build.

A curation file is UTF-8 JSON Lines (format in data/curation.md); blank lines and lines starting
with "#" are ignored. Each line is one action, naming entities by label or any surface form:

    {"merge": ["Choson Ilbo", "Chosun Ilbo"], "into": "Chosun Ilbo"}
    {"split": "Kim Yo-jong", "from": "Kim Jong-un"}
    {"retype": "Hanawon", "type": "Agency"}
    {"rename": "Ehwa Womans University", "label": "Ewha Womans University"}
    {"drop": "Bribes"}
    {"link": "Berlin", "geonames": 2950159, "wikidata": "Q64"}   (null removes a link)

Links are set after kg's own linking (`apply_links`), so a curated link overrides it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import CurationError
from kg.gazetteer import DATA_DIR, fold, read_lines
from kg.records import ENTITY_TYPES, Entity
from kg.resolve import Resolution, slugify

DEFAULT_CURATION = DATA_DIR / "curation.jsonl"
ACTIONS = ("merge", "split", "retype", "rename", "drop", "link")
LINK_FIELDS = ("geonames", "wikidata")
RULE = "curation"


@dataclass(frozen=True)
class Action:
    """One correction: `kind` is merge, split, retype, rename or drop; `line` is where the file says so."""

    kind: str
    names: tuple[str, ...]
    value: str | None = None
    line: int = 0
    links: tuple[tuple[str, object], ...] = ()  # for "link": ("geonames", 1835841 or None), ("wikidata", "Q884" or None)


@dataclass
class Curation:
    """The actions of a curation file, in file order."""

    actions: list[Action] = field(default_factory=list)
    origin: str = ""


def _strings(value: object) -> tuple[str, ...] | None:
    if isinstance(value, str) and value.strip():
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    return None


def parse_action(record: object, *, where: str) -> Action:
    """One line of a curation file as an Action; CurationError naming `where` if it is malformed."""
    if not isinstance(record, dict):
        raise CurationError(f"{where}: an action must be a JSON object")
    kinds = [k for k in ACTIONS if k in record]
    if len(kinds) != 1:
        raise CurationError(f"{where}: an action needs exactly one of {', '.join(ACTIONS)}")
    kind = kinds[0]
    names = _strings(record[kind])
    if names is None:
        raise CurationError(f"{where}: {kind!r} must be a name or a list of names")
    if kind == "link":
        return Action(kind, names, links=_links(record, where))
    needs = {"merge": "into", "split": "from", "retype": "type", "rename": "label", "drop": None}[kind]
    value = None
    if needs is not None:
        value = record.get(needs)
        if not isinstance(value, str) or not value.strip():
            raise CurationError(f"{where}: {kind!r} needs {needs!r} (a string)")
    if kind == "retype" and value not in ENTITY_TYPES:
        raise CurationError(f"{where}: type must be one of {', '.join(ENTITY_TYPES)}, not {value!r}")
    if kind != "merge" and len(names) != 1:
        raise CurationError(f"{where}: {kind!r} takes one name")
    return Action(kind, names, value)


def _links(record: dict, where: str) -> tuple[tuple[str, object], ...]:
    """The ids a "link" action sets: a GeoNames id (a positive integer) and/or a Wikidata id, or null to remove."""
    links = []
    for name in LINK_FIELDS:
        if name not in record:
            continue
        value = record[name]
        if name == "geonames" and value is not None and not (isinstance(value, int) and not isinstance(value, bool) and value > 0):
            raise CurationError(f"{where}: 'geonames' must be a GeoNames id (a positive integer) or null, not {value!r}")
        if name == "wikidata" and value is not None and not (isinstance(value, str) and value[:1] == "Q" and value[1:].isdigit()):
            raise CurationError(f"{where}: 'wikidata' must be a Q-id or null, not {value!r}")
        links.append((name, value))
    if not links:
        raise CurationError(f"{where}: 'link' needs 'geonames' or 'wikidata' (an id, or null to remove the link)")
    return tuple(links)


def load_curation(path: str | Path | None = None) -> Curation:
    """Read a curation file; the bundled data/curation.jsonl by default (no file there: no actions)."""
    path = Path(path) if path else DEFAULT_CURATION
    if not path.exists():
        if path == DEFAULT_CURATION:
            return Curation(origin=str(path))
        raise CurationError(f"{path}: no such curation file")
    lines = read_lines(path, CurationError)
    curation = Curation(origin=str(path))
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise CurationError(f"{where}: invalid JSON ({err.msg})") from None
        action = parse_action(record, where=where)
        curation.actions.append(Action(action.kind, action.names, action.value, number, action.links))
    return curation


def _find(resolution: Resolution, name: str) -> Entity | None:
    """The entity whose label, else one of whose surface forms, is `name` (case-insensitive)."""
    wanted = fold(name)
    entities = list(resolution.entities.values())
    return next((e for e in entities if fold(e.label) == wanted), None) or next(
        (e for e in entities if wanted in {fold(a) for a in e.aliases}), None
    )


def _rekey(resolution: Resolution, entity: Entity, label: str) -> None:
    old = entity.key
    slug = slugify(label)
    if slug != old and slug in resolution.entities:
        slug = f"{slug}-{entity.type.lower()}"
    entity.label = label
    if slug == old:
        return
    entity.key = slug
    resolution.entities = {(slug if k == old else k): e for k, e in resolution.entities.items()}
    for member, key in resolution.index.items():
        if key == old:
            resolution.index[member] = slug


def apply_curation(resolution: Resolution, curation: Curation) -> list[str]:
    """Apply the actions in order, in place; return a note for every action that matched no entity."""
    unmatched = []
    for action in curation.actions:
        where = f"{curation.origin}:{action.line}" if action.line else curation.origin
        targets = [e for e in (_find(resolution, n) for n in action.names) if e is not None]
        if not targets:
            unmatched.append(f"{where}: no entity named {action.names[0]!r}")
            continue
        entity = targets[0]
        if action.kind == "link":
            continue  # set after kg's own linking, by apply_links
        if action.kind == "drop":
            del resolution.entities[entity.key]
            resolution.index = {m: k for m, k in resolution.index.items() if k != entity.key}
        elif action.kind == "retype":
            entity.type = action.value or entity.type
            entity.merges.append((entity.label, f"{RULE}: type {entity.type}"))
        elif action.kind == "rename":
            entity.aliases.add(entity.label)
            _rekey(resolution, entity, action.value or entity.label)
            entity.merges.append((entity.label, f"{RULE}: renamed"))
        elif action.kind == "merge":
            into = _find(resolution, action.value or "") or entity
            for other in {e.key: e for e in targets}.values():
                if other.key == into.key:
                    continue
                into.aliases |= other.aliases | {other.label}
                into.mentions += other.mentions
                into.merges.extend(other.merges)
                into.merges.extend((form, RULE) for form in sorted(other.aliases | {other.label}))
                del resolution.entities[other.key]
                for member, key in resolution.index.items():
                    if key == other.key:
                        resolution.index[member] = into.key
            into.merges = sorted(set(into.merges))
        elif action.kind == "split":
            _split(resolution, entity, action, where, unmatched)
    return unmatched


def _split(resolution: Resolution, entity: Entity, action: Action, where: str, unmatched: list[str]) -> None:
    """Give the mentions named `action.names[0]` an entity of their own, out of the entity `action.value`."""
    source = _find(resolution, action.value or "")
    form = action.names[0]
    if source is None:
        unmatched.append(f"{where}: no entity named {action.value!r}")
        return
    members = [m for m, k in resolution.index.items() if k == source.key and fold(m[1]) == fold(form)]
    if not members:
        unmatched.append(f"{where}: {source.label!r} has no mentions named {form!r}")
        return
    slug = slugify(form)
    if slug in resolution.entities:
        slug = f"{slug}-{source.type.lower()}"
    new = Entity(key=slug, label=form, type=source.type, aliases={form}, merges=[(form, f"{RULE}: split")])
    new.mentions = min(len(members), source.mentions)
    source.mentions = max(source.mentions - new.mentions, 0)
    source.aliases.discard(form)
    source.merges = [m for m in source.merges if fold(m[0]) != fold(form)]
    resolution.entities[slug] = new
    for member in members:
        resolution.index[member] = slug


def apply_links(resolution: Resolution, curation: Curation) -> list[str]:
    """Set the links the curation file's "link" actions give, over kg's own; a note for each that matched nothing."""
    from kg.geo import load_geodata, pinned
    from kg.records import PlaceLink

    unmatched = []
    for action in curation.actions:
        if action.kind != "link":
            continue
        where = f"{curation.origin}:{action.line}" if action.line else curation.origin
        entity = _find(resolution, action.names[0])
        if entity is None:
            unmatched.append(f"{where}: no entity named {action.names[0]!r}")
            continue
        for name, value in action.links:
            if name == "wikidata":
                entity.wikidata, entity.wikidata_rule = value, f"{RULE} ({where})" if value else None
            elif value is None:
                entity.place = PlaceLink(rule=f"no link: {RULE} ({where})")
            else:
                entity.place = pinned(int(value), load_geodata(), f"{RULE} ({where})")
    return unmatched
