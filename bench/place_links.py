"""How many places kg links to GeoNames on the real articles, and what place linking costs.

    python bench/place_links.py [REALDEV] [--list] [--json]

Builds each article of REALDEV (default ../shared/realdev: folders of NN-*.txt with three header lines url:,
title:, published:, a blank line and the text) on its own, as `score.py` does, with one spaCy pipeline for all.
Reports the share of Place entities with a GeoNames link and coordinates, why the others have none, and the
time spent linking places against the whole build in the same run. `--list` prints every place (article, label,
GeoNames id, name, country, latitude, longitude, rule), for checking by hand. An article whose build fails is
named and left out.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def articles(root: Path) -> list[tuple[str, dict]]:
    """(name, JSON Lines record) for every NN-*.txt under root."""
    found = []
    for path in sorted(root.glob("*/[0-9][0-9]-*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        head = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines[:3])}
        record = {"text": "\n".join(lines[4:]).strip(), "title": head.get("title"), "url": head.get("url"),
                  "published": head.get("published")}
        found.append((f"{path.parent.name}/{path.name[:2]}", record))
    return found


def _reason(rule: str) -> str:
    """The kind of reason a place has no link."""
    if "too close" in rule:
        return "two candidates too close"
    if "only as an alternate name" in rule:
        return "known only by an alternate name, and the article does not point to its country"
    if "the article does not point to" in rule:
        return "a town or small subdivision in a country the article does not point to"
    if "the text names a province or region" in rule:
        return "a province or region only a city is named after"
    if "the text calls it" in rule:
        return "a town named like what the text calls an island, river or lake"
    if "the article places it in" in rule:
        return "a town outside the place written after its comma"
    return rule.removeprefix("no link: ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("realdev", nargs="?", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "realdev"))
    parser.add_argument("--list", action="store_true", help="print every link and every place left unlinked")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    root = Path(options.realdev)
    if not root.is_dir():
        print(f"{root}: no such folder", file=sys.stderr)
        return 2

    import kg.geo
    from kg.build import build
    from kg.gazetteer import load_gazetteer
    from kg.link import LINKS_FILE
    from kg.nlp import build_pipeline

    nlp = build_pipeline(None, gazetteer=load_gazetteer())
    kg.geo.load_geodata()  # loaded once per process, as in `kg build`: not part of either timing
    linking = 0.0
    original = kg.geo.link_places

    def timed(*args, **kwargs):
        nonlocal linking
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            linking += time.perf_counter() - started

    kg.geo.link_places = timed
    places = linked = 0
    why: Counter = Counter()
    rows, failed = [], []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name, record in articles(root):
            source = Path(tmp) / f"{name.replace('/', '-')}.jsonl"
            source.write_text(json.dumps(record) + "\n", encoding="utf-8")
            out = Path(tmp) / name.replace("/", "-")
            try:
                build([source], out, nlp=nlp, page=False)
            except Exception as error:  # a bench reports a broken article and goes on
                failed.append(f"{name}: {type(error).__name__}: {error}")
                continue
            for entity in json.loads((out / LINKS_FILE).read_text(encoding="utf-8"))["entities"]:
                if entity["type"] != "Place":
                    continue
                places += 1
                ok = "geonames" in entity and "latitude" in entity
                linked += ok
                if not ok:
                    why[_reason(entity["geonames_rule"])] += 1
                geonames = entity.get("geonames", "").rstrip("/").rpartition("/")[2]
                rows.append((name, entity["label"], geonames, entity.get("geonames_name"), entity.get("country_name"),
                             entity.get("latitude"), entity.get("longitude"), entity["geonames_rule"]))
    total = time.perf_counter() - started
    kg.geo.link_places = original
    result = {
        "articles": len(articles(root)) - len(failed), "failed": failed, "places": places, "linked": linked,
        "share": round(linked / places, 4) if places else None, "unlinked_because": dict(why.most_common()),
        "seconds_building": round(total, 2), "seconds_linking_places": round(linking, 2),
        "linking_share_of_build": round(linking / total, 4) if total else None,
    }
    if options.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(f"{result['articles']} articles built; places {places}, with a GeoNames link and coordinates {linked}"
              f" ({result['share']:.1%})")
        for reason, n in why.most_common():
            print(f"  unlinked, {reason}: {n}")
        print(f"place linking {linking:.2f}s of {total:.2f}s building ({result['linking_share_of_build']:.1%})")
        for line in failed:
            print(f"failed: {line}")
    if options.list:
        for row in rows:
            print(" | ".join("" if v is None else str(v) for v in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
