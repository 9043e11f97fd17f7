"""Does kg's memory stay flat as the corpus grows? Peak RSS of `kg build` at two corpus sizes.

    python bench/memory.py [--sizes 500 4000] [--jobs N] [--json]

Each size gets its own corpus made by varying the sample (bench/synthetic.py: other people, shifted
numbers, so entities and figures grow with the corpus), built by `kg build FILE --out DIR --quiet` in
a fresh process into a fresh folder; the process's peak resident set size is read from the kernel
(wait4's ru_maxrss, which covers the whole process and, with --jobs, not its workers). The ratio is
the largest size's peak over the smallest's; the issue's bound is <= 1.3 and < 2 GB at 4,000 articles.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402


def start_build(corpus: Path, out: Path, jobs: int) -> tuple[subprocess.Popen, float]:
    command = [sys.executable, "-c", "from kg.cli import app; app()", "build", str(corpus), "--out", str(out),
               "--quiet", "--jobs", str(jobs)]
    return subprocess.Popen(command), time.perf_counter()


def finish_build(process: subprocess.Popen, started: float) -> tuple[float, float, float]:
    """(peak RSS in MB, wall seconds, CPU seconds of the build process and its children)."""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"kg build failed (exit {os.waitstatus_to_exitcode(status)})")
    return usage.ru_maxrss / 1024, seconds, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 4000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--parallel", action="store_true", help="Run the builds at the same time (same peaks, less wall time)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-memory-") as tmp:
        corpora = {size: synthetic.write(size, Path(tmp) / f"corpus-{size}.jsonl") for size in args.sizes}
        running = {}
        for size in args.sizes:
            running[size] = start_build(corpora[size], Path(tmp) / f"out-{size}", args.jobs)
            if not args.parallel:
                running[size] = finish_build(*running[size])
        for size in args.sizes:
            corpus = corpora[size]
            words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))
            peak, seconds, cpu = finish_build(*running[size]) if args.parallel else running[size]
            summary = json.loads((Path(tmp) / f"out-{size}" / "summary.json").read_text())
            quads = sum(1 for _ in open(Path(tmp) / f"out-{size}" / "graph.trig", "rb"))
            rows.append({"articles": size, "built": summary["articles"], "words": words, "peak_mb": round(peak, 1),
                         "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "trig_lines": quads,
                         "entities": sum(summary["entities"].values())})
    ratio = rows[-1]["peak_mb"] / rows[0]["peak_mb"]
    if args.json:
        print(json.dumps({"rows": rows, "ratio": round(ratio, 3)}, indent=2))
        return
    print(f"{'articles':>9} {'words':>9} {'entities':>9} {'seconds':>8} {'cpu s':>8} {'peak RSS MB':>12}")
    for row in rows:
        print(f"{row['articles']:>9,} {row['words']:>9,} {row['entities']:>9,} {row['seconds']:>8.1f} "
              f"{row['cpu_seconds']:>8.1f} {row['peak_mb']:>12.1f}")
    print(f"peak RSS {rows[-1]['articles']:,} / {rows[0]['articles']:,} articles = {ratio:.2f} "
          f"(bound: <= 1.30, and < 2048 MB: {rows[-1]['peak_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
