"""Figure spotting on single sentences: value and value+unit-class precision, recall and F1.

    python bench/quantities.py [SET] [--show]

SET defaults to data/quantities/sentences.txt (format in data/quantities/README.md). Each sentence
is analysed alone, as its own article, by kg's pipeline and extractors. Run on demand, never by
the test suite.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.build import analyse
from kg.evaluate import load_quantity_set, score_quantities
from kg.records import Article

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", nargs="?", default=str(ROOT / "data" / "quantities" / "sentences.txt"))
    parser.add_argument("--show", action="store_true", help="list the missed and extra figures")
    args = parser.parse_args(argv)
    sentences = load_quantity_set(args.set)
    articles = [Article(id=f"q{i}", text=s.text, origin=f"q{i}") for i, s in enumerate(sentences)]
    extractions = analyse(articles)
    predicted = [[(f.value, f.unit) for f in e.figures] for e in extractions]
    values, classed, errors = score_quantities(sentences, predicted)
    if args.show:
        print("\n".join(errors))
    for name, score in (("value", values), ("value+unit class", classed)):
        counts = f"tp {score.true_positives}, predicted {score.predicted}, gold {score.gold}"
        print(f"{name:17} P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}  ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
