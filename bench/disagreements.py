"""How long does a 1,200-article build take to list its disagreeing figures? `kg figures DIR --disagreements`.

    python bench/disagreements.py [--articles 1200] [--rounds 5] [--json]

The build is made as bench/sparql.py makes its store: the sample corpus (data/sample) is analysed by kg,
its extraction records are replicated with perturbations (own article ids, people renamed, figure values
shifted, so copies of one figure disagree) until there are --articles articles, and kg.build.write_graph
resolves, groups the figures and writes the store exactly as `kg build` does. Then the command is run
--rounds times as a user runs it, in a fresh process (Python start, imports and opening the store
included; wall and CPU time, since on a shared machine the wall time adds the wait for a core), and once more in this process (the query and the lines alone). The issue's bound: under one
second.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402
from sparql import replicate  # noqa: E402

BOUND_SECONDS = 1.0


def make_build(folder: Path, articles: int) -> tuple[Path, int, int]:
    """A build folder of `articles` articles in kg's shape; (folder, articles, figures)."""
    from kg.build import analyse, collect, notes_of, write_graph
    from kg.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    sample, _ = collect([synthetic.ROOT / "data" / "sample"])
    base = analyse(sample, gazetteer=gazetteer)
    copies = -(-articles // len(base))
    replicas = [replicate(x, copy) for copy in range(copies) for x in base][:articles]
    write_graph(folder, [notes_of(x) for x in replicas], iter(replicas), gazetteer)
    return folder, len(replicas), sum(len(x.figures) for x in replicas)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from kg.compare import describe_disagreements
    from kg.query import QUERIES_DIR
    from kg.store import GraphStore

    kg = Path(sys.executable).with_name("kg")
    with tempfile.TemporaryDirectory(prefix="kg-disagree-") as tmp:
        folder, articles, figures = make_build(Path(tmp) / "build", args.articles)
        command = [str(kg), "figures", str(folder), "--disagreements"]
        walls, cpus = [], []
        for _ in range(args.rounds):
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            walls.append(time.perf_counter() - started)
            now = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime)
        groups = len(done.stdout.splitlines())
        store = GraphStore.open(folder)
        started = time.perf_counter()
        lines = describe_disagreements(*store.rows((QUERIES_DIR / "figure-conflicts.rq").read_text()))
        in_process = time.perf_counter() - started
    result = {"articles": articles, "figures": figures, "disagreeing_groups": groups,
              "command_p50_s": statistics.median(walls), "command_max_s": max(walls),
              "command_cpu_p50_s": statistics.median(cpus),
              "query_and_lines_s": in_process, "bound_s": BOUND_SECONDS}
    assert len(lines) == groups, (len(lines), groups)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{articles:,} articles, {figures:,} figures, {groups:,} figure groups that disagree")
    print(f"kg figures --disagreements: p50 {result['command_p50_s']:.2f} s, worst {result['command_max_s']:.2f} s "
          f"(fresh process, {args.rounds} rounds; CPU p50 {result['command_cpu_p50_s']:.2f} s); query and lines alone {in_process * 1000:.0f} ms")
    verdict = "holds" if result["command_p50_s"] < BOUND_SECONDS else "missed"
    print(f"bound: < {BOUND_SECONDS:.0f} s -> {verdict}")


if __name__ == "__main__":
    main()
