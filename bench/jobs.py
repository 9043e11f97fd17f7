"""What do worker processes buy? Articles per second of `kg build --jobs 1` against `--jobs N`.

    python bench/jobs.py [--articles 96] [--jobs 2] [--rounds 1] [--json]

One corpus made by varying the sample (bench/synthetic.py) is built in this process with
kg.build.build, the spaCy pipeline loaded once before any timing (forked workers share it), into a
fresh folder each time: once untimed to warm up, then with --jobs 1 and --jobs N alternately,
--rounds times each (medians). Besides wall time it reports the CPU seconds of this process and of
its worker processes (getrusage), because on a shared machine the wall time depends on what else
runs: the speed-up is only meaningful when N cores are free. The issue's bound: 2 jobs >= 1.8x.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402


def timed_build(corpus: Path, out: Path, nlp, jobs: int) -> dict:
    from kg.build import build

    parent, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    summary = build([corpus], out, nlp=nlp, page=False, jobs=jobs)
    seconds = time.perf_counter() - started
    parent_after, children_after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_parent = (parent_after.ru_utime + parent_after.ru_stime) - (parent.ru_utime + parent.ru_stime)
    cpu_workers = (children_after.ru_utime + children_after.ru_stime) - (children.ru_utime + children.ru_stime)
    return {"seconds": seconds, "articles": summary.articles, "cpu_parent": cpu_parent, "cpu_workers": cpu_workers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=96)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from kg.gazetteer import load_gazetteer
    from kg.nlp import build_pipeline

    nlp = build_pipeline(gazetteer=load_gazetteer())
    results: dict[int, list[dict]] = {1: [], args.jobs: []}
    with tempfile.TemporaryDirectory(prefix="kg-jobs-") as tmp:
        corpus = synthetic.write(args.articles, Path(tmp) / "corpus.jsonl")
        timed_build(corpus, Path(tmp) / "warm", nlp, 1)
        for round_ in range(args.rounds):
            for jobs in results:
                results[jobs].append(timed_build(corpus, Path(tmp) / f"out-{jobs}-{round_}", nlp, jobs))
    rows = {}
    for jobs, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        rows[jobs] = {
            "jobs": jobs, "seconds": round(seconds, 2), "articles_per_s": round(runs[0]["articles"] / seconds, 2),
            "cpu_parent_s": round(statistics.median(r["cpu_parent"] for r in runs), 2),
            "cpu_workers_s": round(statistics.median(r["cpu_workers"] for r in runs), 2),
        }
    speedup = rows[args.jobs]["articles_per_s"] / rows[1]["articles_per_s"]
    load = os.getloadavg()[0]
    if args.json:
        print(json.dumps({"rows": list(rows.values()), "speedup": round(speedup, 2), "load": load,
                          "cpus": os.cpu_count()}, indent=2))
        return
    print(f"{args.articles} articles, {os.cpu_count()} CPUs, load average {load:.1f}")
    print(f"{'jobs':>4} {'seconds':>8} {'articles/s':>10} {'CPU main s':>10} {'CPU workers s':>13}")
    for row in rows.values():
        print(f"{row['jobs']:>4} {row['seconds']:>8.2f} {row['articles_per_s']:>10.2f} {row['cpu_parent_s']:>10.2f} "
              f"{row['cpu_workers_s']:>13.2f}")
    print(f"--jobs {args.jobs} / --jobs 1 = {speedup:.2f}x articles per second (bound: >= 1.8x on 2 free cores)")
    one, many = rows[1], rows[args.jobs]
    bound = (one["cpu_parent_s"] + one["cpu_workers_s"]) / (many["cpu_parent_s"] + many["cpu_workers_s"] / args.jobs)
    print(f"from CPU time, with {args.jobs} free cores: at most {bound:.2f}x "
          f"(jobs 1 CPU / (main CPU + workers' CPU / {args.jobs}); the main process's share runs alone)")


if __name__ == "__main__":
    main()
