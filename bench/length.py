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
Both the wall-clock time (time.perf_counter) and the CPU time of the process (time.process_time) are
measured: on a machine shared with other work the wall-clock time swings with their load, the CPU time
much less, so the bound is checked on both. Each stage is run once untimed on the base article to warm up;
`--rounds R` keeps the median of R runs.

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


def median_times(function, rounds: int) -> tuple[float, float]:
    """The median wall-clock and CPU seconds of `rounds` runs."""
    wall, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu)


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
            row = {"multiple": multiple, "words": len(text.split()), "characters": len(text)}
            row["analyse_seconds"], row["analyse_cpu_seconds"] = median_times(lambda: run_analyse(text), args.rounds)  # noqa: B023
            row["build_seconds"], row["build_cpu_seconds"] = median_times(lambda: run_build(text), args.rounds)  # noqa: B023
            rows.append(row)
            print(f"{multiple}×: {row['words']:,} words, build {row['build_seconds']:.1f} s", file=sys.stderr, flush=True)

    first = rows[0]
    for row in rows:
        row["words_ratio"] = round(row["words"] / first["words"], 3)
        for stage in ("analyse", "build"):
            for clock in ("", "_cpu"):
                row[f"{stage}{clock}_ratio"] = round(row[f"{stage}{clock}_seconds"] / first[f"{stage}{clock}_seconds"], 3)
    bound_row = next((r for r in rows if r["multiple"] == BOUND[0] * first["multiple"]), None)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "sources": [str(s) for s in sources],
        "rounds": args.rounds,
        "rows": rows,
        "bound": None
        if bound_row is None
        else {
            "words": f"{BOUND[0]}×", "max_time": f"{BOUND[1]:g}×",
            "build_time": bound_row["build_ratio"], "build_cpu_time": bound_row["build_cpu_ratio"],
            "holds": bound_row["build_ratio"] <= BOUND[1] and bound_row["build_cpu_ratio"] <= BOUND[1],
        },
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"base article: {first['words']:,} words from {len(sources)} source(s); median of {args.rounds} round(s); "
          f"Python {report['machine']['python']}, {os.cpu_count()} CPUs")
    print()
    print("seconds (wall clock / CPU), and each against the 1× row")
    print(f"{'length':>7}{'words':>9}{'analyse s':>15}{'build s':>15}{'words ×':>9}{'analyse ×':>13}{'build ×':>13}")
    for row in rows:
        print(f"{row['multiple']:>6}×{row['words']:>9,}"
              f"{row['analyse_seconds']:>8.1f} /{row['analyse_cpu_seconds']:>5.1f}"
              f"{row['build_seconds']:>8.1f} /{row['build_cpu_seconds']:>5.1f}{row['words_ratio']:>9.2f}"
              f"{row['analyse_ratio']:>7.2f} /{row['analyse_cpu_ratio']:>5.2f}"
              f"{row['build_ratio']:>7.2f} /{row['build_cpu_ratio']:>5.2f}")
    if report["bound"]:
        bound = report["bound"]
        print()
        print(f"{bound['words']} the words took {bound['build_time']:.2f}× the build time "
              f"({bound['build_cpu_time']:.2f}× the CPU time); bound {bound['max_time']}: "
              f"{'holds' if bound['holds'] else 'FAILS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
