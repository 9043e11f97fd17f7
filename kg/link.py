"""Link canonical entities into open data: Wikidata ids offline from the gazetteer's verified ids, GeoNames
links for places offline from shipped GeoNames data (kg.geo), and the rule behind every link in DIR/links.json.
Online Wikidata linking, only when asked, is kg.wikidata."""

from __future__ import annotations

from pathlib import Path

from kg.gazetteer import Gazetteer
from kg.geo import GEONAMES
from kg.records import Extraction
from kg.resolve import Resolution

LINKS_FILE = "links.json"


def link_entities(resolution: Resolution, gazetteer: Gazetteer, extractions: list[Extraction] | None = None) -> int:
    """Set each entity's Wikidata id from its gazetteer entry (only ids verified there), and, given the
    extractions, each place's GeoNames link; return how many entities are linked to Wikidata."""
    for entity in resolution.entities.values():
        entry = gazetteer.by_name(entity.label)
        if entry is not None and entry.wikidata and entry.type == entity.type:
            entity.wikidata, entity.wikidata_rule = entry.wikidata, "gazetteer"
        elif entry is None or entry.type != entity.type:
            entity.wikidata = entity.wikidata_rule = None
    if extractions is not None:
        from kg.geo import link_places

        link_places(resolution, extractions, gazetteer)
    return sum(1 for e in resolution.entities.values() if e.wikidata)


def links_record(resolution: Resolution) -> dict:
    """Every entity's links and the rule behind each (DIR/links.json)."""
    entities = []
    for entity in sorted(resolution.entities.values(), key=lambda e: (e.type, e.label)):
        item: dict = {"label": entity.label, "type": entity.type, "key": entity.key}
        if entity.wikidata:
            item["wikidata"] = entity.wikidata
            item["wikidata_rule"] = entity.wikidata_rule
        place = entity.place
        if place is not None:
            if place.geonames is not None:
                item["geonames"] = GEONAMES.format(place.geonames)
                item["geonames_name"] = place.name
                item["kind"] = place.kind
                if place.latitude is not None:
                    item["latitude"], item["longitude"] = place.latitude, place.longitude
                if place.country is not None:
                    item["country"] = GEONAMES.format(place.country)
                    item["country_name"] = place.country_name
            item["geonames_rule"] = place.rule
        entities.append(item)
    return {"entities": entities}


def read_links(folder: Path) -> dict[tuple[str, str], dict]:
    """A build's links.json by (label, type); {} when the build has none."""
    import json

    try:
        record = json.loads((Path(folder) / LINKS_FILE).read_text(encoding="utf-8"))
        return {(e["label"], e["type"]): e for e in record["entities"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def describe_links(item: dict | None) -> list[str]:
    """An entity's links.json entry as three cells: Wikidata id, GeoNames link (name, country), rules."""
    if not item:
        return ["", "", ""]
    wikidata = item.get("wikidata", "")
    geonames = ""
    if "geonames" in item:
        where = f", {item['country_name']}" if item.get("country_name") else ""
        geonames = f"{item['geonames'].rstrip('/').rsplit('/', 1)[-1]} {item.get('geonames_name')}{where}"
    wikidata_rule = item.get("wikidata_rule") or item.get("wikidata_online")  # the online linker's abstention too
    rules = [f"wikidata: {wikidata_rule}" if wikidata_rule else "", item.get("geonames_rule", "")]
    return [wikidata, geonames, "; ".join(r for r in rules if r)]
