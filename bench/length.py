"""Does kg's time grow in line with article length? Build time of one article at 1×, 2×, 4× and 8× its length.

    python bench/length.py [SOURCES...] [--words N] [--times 1,2,4,8] [--rounds R] [--json]

The base article is made of the texts of SOURCES (default: the invented articles of data/dev*/articles.jsonl),
joined by paragraph breaks until it has at least `--words` words; the longer articles are that base
repeated, joined by paragraph breaks. For each length it times, with the pipeline loaded before timing:

  analyse  kg.build.analyse: kg's spaCy pipeline and the extractors on the one article;
  build    kg.build.build of a folder holding the article as a .txt file, into a fresh folder: everything
           `kg build` does except loading the model.

and prints each time against the 1× time beside the words against the 1× words. kg is linear when the
time ratio stays near the words ratio; the bound kg keeps (issue 11) is 8× the words in at most 9× the time.
Each stage is run once untimed on the base article to warm up; `--rounds R` keeps the median of R runs.

This is run on demand, never by the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOUND = (8, 9.0)  # 8× the words in at most 9× the time


def default_sources() -> list[Path]:
    return sorted(ROOT.glob("data/dev*/articles.jsonl"))


def base_text(articles, words: int) -> str:
    """The articles' texts, joined by paragraph breaks, until the text has at least `words` words."""
    parts, count = [], 0
    for article in articles:
        parts.append(article.text.strip())
        count += len(article.text.split())
        if count >= words:
            break
    return "\n\n".join(parts)


def median_time(function, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", type=Path, help="files or folders kg can read (default: data/dev*/articles.jsonl)")
    parser.add_argument("--words", type=int, default=6000, help="words in the 1× article, at least (default 6000)")
    parser.add_argument("--times", default="1,2,4,8", help="the lengths, as multiples of the base (default 1,2,4,8)")
    parser.add_argument("--rounds", type=int, default=1, help="timed runs per length; the median is kept (default 1)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    multiples = [int(m) for m in args.times.split(",")]
    if args.rounds < 1 or args.words < 1 or not multiples or min(multiples) < 1:
        parser.error("--rounds, --words and every --times multiple must be at least 1")

    from kg.build import analyse, build, collect
    from kg.gazetteer import load_gazetteer
    from kg.nlp import build_pipeline
    from kg.records import Article

    sources = args.sources or default_sources()
    articles, _ = collect(sources)
    if not articles:
        parser.error(f"no article could be read from {', '.join(map(str, sources))}")
    base = base_text(articles, args.words)
    gazetteer = load_gazetteer()
    nlp = build_pipeline(gazetteer=gazetteer)

    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-length-") as tmp:
        tmp = Path(tmp)
        builds = iter(range(1_000_000))

        def run_analyse(text: str) -> None:
            analyse([Article(id="length", text=text, origin="length.txt")], nlp=nlp, gazetteer=gazetteer)

        def run_build(text: str) -> None:
            folder = tmp / f"in-{next(builds)}"
            folder.mkdir()
            (folder / "article.txt").write_text(text, encoding="utf-8")
            build([folder], tmp / f"out-{folder.name}", nlp=nlp)

        run_analyse(base)  # warm up
        run_build(base)
        for multiple in multiples:
            text = "\n\n".join([base] * multiple)
            rows.append(
                {
                    "multiple": multiple,
                    "words": len(text.split()),
                    "characters": len(text),
                    "analyse_seconds": median_time(lambda: run_analyse(text), args.rounds),  # noqa: B023
                    "build_seconds": median_time(lambda: run_build(text), args.rounds),  # noqa: B023
                }
            )

    first = rows[0]
    for row in rows:
        row["words_ratio"] = round(row["words"] / first["words"], 3)
        row["analyse_ratio"] = round(row["analyse_seconds"] / first["analyse_seconds"], 3)
        row["build_ratio"] = round(row["build_seconds"] / first["build_seconds"], 3)
    bound_row = next((r for r in rows if r["multiple"] == BOUND[0] * first["multiple"]), None)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "sources": [str(s) for s in sources],
        "rounds": args.rounds,
        "rows": rows,
        "bound": None
        if bound_row is None
        else {"words": f"{BOUND[0]}×", "max_time": f"{BOUND[1]:g}×", "build_time": bound_row["build_ratio"],
              "holds": bound_row["build_ratio"] <= BOUND[1]},
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"base article: {first['words']:,} words from {len(sources)} source(s); median of {args.rounds} round(s); "
          f"Python {report['machine']['python']}, {os.cpu_count()} CPUs")
    print()
    print(f"{'length':>7}{'words':>10}{'analyse s':>11}{'build s':>10}{'words ×':>10}{'analyse ×':>11}{'build ×':>10}")
    for row in rows:
        print(f"{row['multiple']:>6}×{row['words']:>10,}{row['analyse_seconds']:>11.2f}{row['build_seconds']:>10.2f}"
              f"{row['words_ratio']:>10.2f}{row['analyse_ratio']:>11.2f}{row['build_ratio']:>10.2f}")
    if report["bound"]:
        bound = report["bound"]
        print()
        print(f"{bound['words']} the words took {bound['build_time']:.2f}× the build time "
              f"(bound {bound['max_time']}): {'holds' if bound['holds'] else 'FAILS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
