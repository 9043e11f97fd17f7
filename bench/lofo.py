"""Leave-one-folder-out validation of kg's learned choices.

For each set of gold (each realdev folder, each invented data/dev* set, the sample, the seed), train
every learned choice on all the other sets, then score kg with that model on the set left out. Prints
one row per set, and the same scores with the model trained on everything for comparison.

    python bench/lofo.py                       # every set
    python bench/lofo.py --only nk --only dev7 # some sets left out in turn
    python bench/lofo.py --json lofo.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALDEV = ROOT.parent / "shared" / "realdev"


def gold_paths() -> list[Path]:
    """Every gold kg trains on: realdev folders, data/dev* sets, the sample and (when present) the seed."""
    paths = sorted(p for p in REALDEV.glob("*/") if any(p.glob("*.gold.json"))) if REALDEV.is_dir() else []
    paths += sorted(ROOT.glob("data/dev*/gold.json")) + [ROOT / "data/dev/relations-gold.json", ROOT / "data/gold/sample.json"]
    if (ROOT.parent / "shared" / "corpus").is_dir():
        paths.append(ROOT / "data/gold/seed.json")
    return paths


def score(path: Path, documents, nlp, model_file: Path | None) -> dict:
    """kg's scores on one gold set with the given model file (realdev folders and kg-gold files alike)."""
    from kg.evaluate import evaluate
    from kg.evaluate_folder import evaluate_folder, is_gold_folder

    if is_gold_folder(path):
        s = evaluate_folder(path, nlp=nlp, figure_model=model_file).summary()
        return {k: s[k] for k in ("figure_f1", "period_right", "place_right", "source_right", "relation_p",
                                  "relation_r", "relation_f1", "entity_f1", "entity_typed_f1")}
    from kg.build import analyse, graph_of
    from kg.evaluate import load_gold
    from kg.gazetteer import load_gazetteer
    from kg.learn import load_choices

    gazetteer = load_gazetteer()
    articles = [d.article for d in documents]
    extractions = analyse(articles, nlp=nlp, gazetteer=gazetteer, choices=load_choices(model_file))
    resolution, _ = graph_of(extractions, gazetteer)
    r = evaluate(load_gold(path), extractions, resolution).as_dict()
    return {"figure_f1": r["figures"]["f1"], "period_right": r["figure_period_right"], "place_right": None,
            "source_right": r["figure_source_right"], "relation_p": r["relations"]["precision"],
            "relation_r": r["relations"]["recall"], "relation_f1": r["relations"]["f1"],
            "entity_f1": r["entities"]["f1"], "entity_typed_f1": r["typed_entities"]["f1"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", help="leave out only these sets (folder or file stem names)")
    ap.add_argument("--json", help="write the table as JSON here")
    args = ap.parse_args()

    from kg.gazetteer import load_gazetteer
    from kg.learn import analyse_documents, collect_examples, fit_sections, load_documents, save_model
    from kg.nlp import build_pipeline

    started = time.perf_counter()
    paths = gold_paths()
    gazetteer = load_gazetteer()
    nlp = build_pipeline(None, gazetteer=gazetteer)
    by_path = {p: load_documents([p]) for p in paths}
    documents = [d for docs in by_path.values() for d in docs]
    examples = collect_examples(analyse_documents(documents, nlp), gazetteer)
    print(f"{len(documents)} documents; examples: " + ", ".join(f"{k} {len(v[1])}" for k, v in examples.items()),
          file=sys.stderr)
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        everything = save_model(fit_sections(examples), Path(tmp) / "all.json")
        for path, docs in by_path.items():
            group = docs[0].group
            if args.only and group not in args.only:
                continue
            held = save_model(fit_sections(examples, leave_out=group), Path(tmp) / f"without-{group.replace('/', '-')}.json")
            rows[group] = {"lofo": score(path, docs, nlp, held), "all": score(path, docs, nlp, everything)}
            print(group, json.dumps(rows[group]["lofo"]), file=sys.stderr)
    columns = ["figure_f1", "period_right", "place_right", "source_right", "relation_p", "relation_r", "relation_f1",
               "entity_f1", "entity_typed_f1"]
    for kind in ("lofo", "all"):
        print(f"\n{kind}: " + ("trained without the set" if kind == "lofo" else "trained on every set"))
        print("set".ljust(20) + "".join(c[:12].rjust(13) for c in columns))
        for group, row in rows.items():
            print(group.ljust(20) + "".join(("-" if row[kind][c] is None else f"{row[kind][c]:.3f}").rjust(13) for c in columns))
    print(f"\n{time.perf_counter() - started:.0f} s", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
