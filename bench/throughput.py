"""How fast is kg? Words per second of the full build, of kg's analysis alone, and of bare spaCy.

    python bench/throughput.py [SOURCES...] [--repeat N] [--rounds R] [--model NAME] [--json]

In one run, on the same texts, it times:

  bare   spacy.load(MODEL) then nlp.pipe(texts): the statistical model alone, no kg components;
  analyse  kg.build.analyse: kg's pipeline (model + gazetteer ruler + kg components) and the extractors;
  build  kg.build.build into a fresh temporary folder: ingest, analyse, resolve, link, RDF, the Oxigraph
         store, graph.trig, graph.html and summary.json — everything `kg build` does.

The sources are read once and written to one JSON Lines file (text, title, published, url, outlet,
author), which every stage then reads, so all three see exactly the same texts. `--repeat N` puts N
copies of every article in it (copies get their own URL, so they are not merged as duplicates) for a
longer, steadier measurement. Models are loaded before any timing; each stage is run once untimed
on the original texts to warm up, then timed `--rounds` times with time.perf_counter and
time.process_time (medians are reported: wall time, and this process's CPU time, which a shared machine
stretches less). Words are counted as `kg build` counts them: len(text.split()).

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
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def default_sources() -> list[Path]:
    sample = ROOT / "data" / "sample"
    if sample.is_dir():
        return [sample]
    return [ROOT / "data" / "holdout" / "articles.jsonl"]


def write_corpus(articles, path: Path, repeat: int) -> int:
    """Write `repeat` copies of the articles as JSON Lines; return the number of lines."""
    lines = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(repeat):
            for number, article in enumerate(articles):
                url = article.url
                if copy:
                    url = f"{url}#bench-copy-{copy}" if url else f"https://kg-bench.invalid/copy-{copy}/{number}"
                # a copy differs by one closing line, so duplicate detection keeps it apart
                text = article.text if not copy else f"{article.text}\n\n(Benchmark copy {copy}.)"
                record = {
                    "text": text,
                    "title": article.title,
                    "published": article.published.isoformat() if isinstance(article.published, date) else None,
                    "url": url,
                    "outlet": article.outlet,
                    "author": article.author,
                }
                out.write(json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False) + "\n")
                lines += 1
    return lines


def timed(function, rounds: int) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds of this process) of each round."""
    times = []
    for _ in range(rounds):
        started, cpu = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - started, time.process_time() - cpu))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", type=Path,
                        help="files or folders kg can read (default: data/sample/, else data/holdout/articles.jsonl)")
    parser.add_argument("--repeat", type=int, default=1, help="copies of every article to process (default 1)")
    parser.add_argument("--rounds", type=int, default=1, help="timed runs of each stage; the median is kept (default 1)")
    parser.add_argument("--model", default=None, help="spaCy model by name (default: kg's, from kg/pipeline.cfg)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size, as kg uses (default 32)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.rounds < 1:
        parser.error("--repeat and --rounds must be at least 1")

    import spacy

    from kg.build import analyse, build, collect
    from kg.gazetteer import load_gazetteer
    from kg.nlp import build_pipeline, load_settings

    sources = args.sources or default_sources()
    originals, skipped = collect(sources)
    if not originals:
        parser.error(f"no article could be read from {', '.join(map(str, sources))} ({len(skipped)} skipped)")
    model = args.model or load_settings()["model"]["name"]

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        warm_file, corpus_file = tmp / "warm.jsonl", tmp / "corpus.jsonl"
        write_corpus(originals, warm_file, 1)
        write_corpus(originals, corpus_file, args.repeat)
        warm_articles, _ = collect([warm_file])
        articles, _ = collect([corpus_file])
        assert len(articles) == len(originals) * args.repeat, "copies were merged"
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)

        # load everything before timing
        bare = spacy.load(model)
        gazetteer = load_gazetteer()
        kg_nlp = build_pipeline(model, gazetteer=gazetteer)
        builds = iter(range(1_000_000))

        def run_bare(items):
            for _ in bare.pipe((a.text for a in items), batch_size=args.batch_size):
                pass

        def run_analyse(items):
            analyse(items, nlp=kg_nlp, gazetteer=gazetteer, batch_size=args.batch_size)

        def run_build(source):
            build([source], tmp / f"out-{next(builds)}", model=model, nlp=kg_nlp)

        # warm up once on the original texts
        run_bare(warm_articles)
        run_analyse(warm_articles)
        run_build(warm_file)

        stages = {
            "bare nlp.pipe": timed(lambda: run_bare(articles), args.rounds),
            "kg analyse": timed(lambda: run_analyse(articles), args.rounds),
            "kg build": timed(lambda: run_build(corpus_file), args.rounds),
        }

    results = {name: statistics.median(t for t, _ in times) for name, times in stages.items()}
    cpu = {name: statistics.median(c for _, c in times) for name, times in stages.items()}
    base, cpu_base = results["bare nlp.pipe"], cpu["bare nlp.pipe"]
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(), "spacy": spacy.__version__, "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
        },
        "sources": [str(s) for s in sources],
        "model": model,
        "articles": len(articles),
        "repeat": args.repeat,
        "rounds": args.rounds,
        "words": words,
        "stages": {
            name: {
                "seconds": round(seconds, 4),
                "words_per_second": round(words / seconds, 1),
                "all_seconds": [round(t, 4) for t, _ in stages[name]],
                "time_vs_bare": round(seconds / base, 3),
                "cpu_seconds": round(cpu[name], 4),
                "cpu_vs_bare": round(cpu[name] / cpu_base, 3),
            }
            for name, seconds in results.items()
        },
        "ratios": {
            "kg build / bare nlp.pipe (time)": round(results["kg build"] / base, 3),
            "kg analyse / bare nlp.pipe (time)": round(results["kg analyse"] / base, 3),
            "kg build / kg analyse (time)": round(results["kg build"] / results["kg analyse"], 3),
            "kg build / bare nlp.pipe (words/s)": round(base / results["kg build"], 3),
            "kg build / bare nlp.pipe (words per CPU second)": round(cpu_base / cpu["kg build"], 3),
        },
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{len(articles)} articles ({len(originals)} × {args.repeat}), {words:,} words; model {model}; "
          f"median of {args.rounds} round(s)")
    print(f"Python {report['machine']['python']}, spaCy {spacy.__version__}, {os.cpu_count()} CPUs, "
          f"{report['machine']['platform']}")
    print()
    print(f"{'stage':<16}{'seconds':>10}{'words/s':>12}{'time vs bare':>15}{'CPU s':>10}{'CPU vs bare':>14}")
    for name, data in report["stages"].items():
        print(f"{name:<16}{data['seconds']:>10.3f}{data['words_per_second']:>12,.0f}{data['time_vs_bare']:>14.2f}×"
              f"{data['cpu_seconds']:>10.3f}{data['cpu_vs_bare']:>13.2f}×")
    print()
    for name, value in report["ratios"].items():
        print(f"{name}: {value}")
    print(f"load average at the end: {', '.join(map(str, report['load_average']))} ({os.cpu_count()} CPUs); on a "
          "loaded machine wall time is stretched by what else runs, so compare the CPU ratio too")
    return 0


if __name__ == "__main__":
    sys.exit(main())
