"""Link canonical entities to Wikidata (owl:sameAs), offline from the gazetteer's verified ids."""

from __future__ import annotations

from kg.gazetteer import Gazetteer
from kg.resolve import Resolution


def link_entities(resolution: Resolution, gazetteer: Gazetteer) -> int:
    """Set each entity's Wikidata id from its gazetteer entry (only ids verified there); return how many are linked."""
    linked = 0
    for entity in resolution.entities.values():
        entry = gazetteer.by_name(entity.label)
        if entry is not None and entry.wikidata and entry.type == entity.type:
            entity.wikidata = entry.wikidata
        elif entry is None or entry.type != entity.type:
            entity.wikidata = None
        linked += entity.wikidata is not None
    return linked
