"""How much does an incremental rebuild save? Full build vs no-change rebuild vs one-file rebuild.

    python bench/rebuild.py [SOURCES...] [--rounds R] [--no-page] [--json]

SOURCES (default data/sample/) are copied into a temporary folder, then, R times each (median reported):

  full       kg.build.build into a fresh output folder: every article through the spaCy pipeline;
  no change  the same build again into that folder: nothing to analyse, everything across articles redone;
  one file   one new article added as its own file, then the build again: one article analysed.

The spaCy pipeline is loaded once before timing and passed in (as `kg build` would load it once), and
its load time is reported apart; `kg build` on the command line loads the model only when some article
has to be analysed. Timing uses time.perf_counter. This is run on demand, never by the test suite.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

NEW_ARTICLE = """\
Bench article {n}

The Unification Ministry said on Monday that {n} North Korean defectors had arrived in Seoul this month.
"""


def copy_sources(sources: list[Path], folder: Path) -> None:
    folder.mkdir(parents=True)
    for source in sources:
        if source.is_dir():
            shutil.copytree(source, folder / source.name)
        else:
            shutil.copy(source, folder / source.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path, default=[ROOT / "data" / "sample"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-page", action="store_true", help="do not write graph.html (as `kg build` does)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from kg.build import build
    from kg.gazetteer import load_gazetteer
    from kg.nlp import build_pipeline

    started = time.perf_counter()
    nlp = build_pipeline(gazetteer=load_gazetteer())
    load = time.perf_counter() - started
    page = not args.no_page
    times: dict[str, list[float]] = {"full": [], "no change": [], "one file": []}
    counts: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            folder, out = Path(tmp) / f"in{round_}", Path(tmp) / f"out{round_}"
            copy_sources(args.sources, folder)
            for name in times:
                if name == "one file":
                    (folder / f"new-{round_}.txt").write_text(NEW_ARTICLE.format(n=round_ + 7), encoding="utf-8")
                started = time.perf_counter()
                summary = build([folder], out, nlp=nlp, page=page)
                times[name].append(time.perf_counter() - started)
                counts[name] = (summary.articles, summary.analysed)
    result = {
        "sources": [str(s) for s in args.sources],
        "model_load_seconds": round(load, 3),
        "page": page,
        "rounds": args.rounds,
        "builds": {
            name: {
                "median_seconds": round(statistics.median(values), 3),
                "articles": counts[name][0],
                "analysed": counts[name][1],
            }
            for name, values in times.items()
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"sources: {', '.join(result['sources'])}; model loaded once in {load:.2f}s; {args.rounds} round(s)")
    for name, row in result["builds"].items():
        print(f"  {name:10} {row['median_seconds']:7.3f}s  articles {row['articles']:4}  analysed {row['analysed']:4}")


if __name__ == "__main__":
    sys.exit(main())
