"""Learned choices: rules propose candidates, small models learned from gold choose among them.

    __init__.py   the model file (one JSON file, versioned, sections per choice), linear models,
                  and the training examples read from every gold format kg evaluates
    figures.py    a figure's period, place and source
    relations.py  which relation, if any, holds between two entities of a sentence
    entity_types.py  Person / Agency / Outlet / Organization / Place

A model file is plain JSON (no pickle): `{"format": "kg-model/1", "kg": VERSION, "sections": {...}}`,
each section a `LinearModel` (a logistic regression's weights per feature). The file that ships in
the package (`kg/models/choices.json`) is trained on all gold; `kg train GOLD... --out FILE` makes
another, and `kg build --figure-model FILE` uses it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.errors import GoldError, LearnedModelError
from kg.records import Article

MODEL_FORMAT = "kg-model/1"
DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "models" / "choices.json"


# ---------------------------------------------------------------------------
# Linear models in plain JSON
# ---------------------------------------------------------------------------


@dataclass
class LinearModel:
    """A (multinomial or binary) logistic regression over named features, readable without scikit-learn.

    `weights[cls][feature]` and `bias[cls]`; a binary model has one class whose score is the
    positive class's log-odds."""

    classes: list[str]
    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    def scores(self, features: dict[str, float]) -> dict[str, float]:
        """Probabilities per class for one example's features (unknown features are ignored)."""
        raw = {
            cls: self.bias.get(cls, 0.0) + sum(self.weights.get(cls, {}).get(f, 0.0) * v for f, v in features.items())
            for cls in self.weights
        }
        if len(self.classes) == 2 and len(raw) == 1:  # binary: one log-odds for the positive class
            [(positive, z)] = raw.items()
            p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
            negative = next(c for c in self.classes if c != positive)
            return {positive: p, negative: 1.0 - p}
        top = max(raw.values())
        exp = {cls: math.exp(z - top) for cls, z in raw.items()}
        total = sum(exp.values())
        return {cls: v / total for cls, v in exp.items()}

    def as_dict(self) -> dict:
        return {"classes": self.classes, "weights": self.weights, "bias": self.bias, "threshold": self.threshold,
                "meta": self.meta}

    @classmethod
    def from_dict(cls, data: dict) -> LinearModel:
        return cls(list(data["classes"]), {k: dict(v) for k, v in data["weights"].items()}, dict(data["bias"]),
                   float(data.get("threshold", 0.5)), dict(data.get("meta", {})))


def fit_linear(
    examples: list[dict[str, float]],
    labels: list[str],
    *,
    c: float = 1.0,
    threshold: float = 0.5,
    min_weight: float = 1e-4,
    balanced: bool = True,
) -> LinearModel:
    """Fit a logistic regression (scikit-learn, deterministic) and keep its non-negligible weights."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        raise LearnedModelError(f"cannot train: every example has the label {labels[0]!r}" if labels else "cannot train: no examples")
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(examples)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced" if balanced else None, random_state=0)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    classes = [str(c) for c in model.classes_]
    rows = model.coef_
    owners = [classes[1]] if len(classes) == 2 else classes
    weights = {
        owner: {str(names[j]): round(float(w), 5) for j, w in enumerate(row) if abs(w) >= min_weight}
        for owner, row in zip(owners, rows, strict=True)
    }
    bias = {owner: round(float(b), 5) for owner, b in zip(owners, model.intercept_, strict=True)}
    return LinearModel(classes, weights, bias, threshold, {"examples": len(labels)})


# ---------------------------------------------------------------------------
# The model file
# ---------------------------------------------------------------------------


def save_model(sections: dict[str, LinearModel | dict], path: str | Path, *, trained_on: list[str] | None = None) -> Path:
    """Write a model file (deterministic JSON)."""
    path = Path(path)
    data = {
        "format": MODEL_FORMAT,
        "kg": __version__,
        "trained_on": trained_on or [],
        "sections": {k: (v.as_dict() if isinstance(v, LinearModel) else v) for k, v in sorted(sections.items())},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


_CACHE: dict[tuple, dict] = {}  # (path, mtime, size) -> sections: a file rewritten by `kg train` is read again
_CHOICES: dict[tuple, Choices] = {}


def _file_key(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return (path.resolve(), None, None)
    return (path.resolve(), stat.st_mtime_ns, stat.st_size)


def load_model(path: str | Path | None = None) -> dict:
    """The sections of a model file (the packaged one by default), checked for format and kg version."""
    path = Path(path) if path is not None else DEFAULT_MODEL
    key = _file_key(path)
    if key in _CACHE:
        return _CACHE[key]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LearnedModelError(f"{path}: no such model file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise LearnedModelError(f"{path}: not a kg model file (corrupt JSON: {err})") from None
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT or not isinstance(data.get("sections"), dict):
        raise LearnedModelError(f'{path}: not a kg model file (expected "format": "{MODEL_FORMAT}")')
    if data.get("kg") != __version__:
        raise LearnedModelError(f"{path}: made by kg {data.get('kg')}, this is kg {__version__}: retrain with `kg train`")
    _CACHE[key] = data["sections"]
    return data["sections"]


def section(name: str, path: str | Path | None = None) -> LinearModel | None:
    """One learned choice of a model file, or None when the file has no such section."""
    data = load_model(path).get(name)
    if data is None:
        return None
    try:
        return LinearModel.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise LearnedModelError(f"{path or DEFAULT_MODEL}: section {name!r} is malformed ({err})") from None


@dataclass
class Choices:
    """The learned choices extraction uses: the sections of one model file, and its digest for caches."""

    sections: dict[str, LinearModel] = field(default_factory=dict)
    digest: str = "none"

    def get(self, name: str) -> LinearModel | None:
        return self.sections.get(name)


def load_choices(path: str | Path | None = None) -> Choices:
    """The model file `path` (an error if it cannot be used), else the packaged one (none if absent).
    Loaded once per file version, so extraction may ask for it per article."""
    import hashlib

    if path is None and not DEFAULT_MODEL.exists():
        return Choices()
    file = Path(path) if path is not None else DEFAULT_MODEL
    key = _file_key(file)
    if key not in _CHOICES:
        names = list(load_model(file))
        sections = {name: section(name, file) for name in names}
        digest = hashlib.sha256(file.read_bytes()).hexdigest()[:16]
        _CHOICES[key] = Choices({k: v for k, v in sections.items() if v is not None}, digest)
    return _CHOICES[key]


# ---------------------------------------------------------------------------
# Training examples from every gold format
# ---------------------------------------------------------------------------


@dataclass
class GoldDocument:
    """One annotated article, its gold in the realdev form (CONVENTIONS.md), and the set it came from."""

    article: Article
    gold: dict
    group: str  # the folder or gold file: the unit left out in leave-one-folder-out validation


def _period_of(start: str | None, end: str | None) -> str | None:
    """kg-gold/1's explicit start/end as a realdev period string ("2015", "2015-01/2015-10", a day)."""
    if not start and not end:
        return None
    start, end = start or end, end or start
    if start[5:] == "01-01" and end[5:] == "12-31":
        return start[:4] if start[:4] == end[:4] else f"{start[:4]}/{end[:4]}"
    if start == end:
        return start
    if start[8:] == "01":
        return f"{start[:7]}/{end[:7]}" if start[:7] != end[:7] else start[:7]
    return f"{start}/{end}"


def _as_realdev(article: dict) -> dict:
    """A kg-gold/1 article's gold in the realdev form."""
    entities = [
        {"name": e["name"], "type": e["type"], "mentions": [e["name"], *e.get("aliases", [])],
         **({"optional": True} if e.get("optional") else {})}
        for e in article.get("entities", [])
    ]
    figures = [
        {"value": f["value"], "unit": f.get("unit"), "evidence": f.get("text"),
         "period": _period_of(f.get("start"), f.get("end")),
         "place": f.get("place"), "source": f.get("source"), "qualifier": f.get("qualifier"),
         "exact_period": [f.get("start"), f.get("end")]}
        for f in article.get("figures", [])
    ]
    relations = [dict(r) for r in article.get("relations", [])]
    return {"entities": entities, "figures": figures, "relations": relations,
            "statements": article.get("statements", [])}


def _sources_of(gold_path: Path, data: dict) -> list[Path]:
    named = data.get("sources")
    if named:
        return [(gold_path.parent / s).resolve() for s in named]
    return sorted(p for p in gold_path.parent.iterdir() if p.suffix in {".jsonl", ".txt"} and "relations" not in p.name)


def load_documents(paths: list[str | Path]) -> list[GoldDocument]:
    """Annotated articles from realdev-style folders and kg-gold/1 files (whose articles are read from
    the files their "sources" field names, else from the article files beside them)."""
    from kg.build import collect
    from kg.evaluate import _key, load_gold
    from kg.evaluate_folder import is_gold_folder, load_folder

    documents: list[GoldDocument] = []
    for path in map(Path, paths):
        if is_gold_folder(path):
            documents += [GoldDocument(item.article, item.gold, path.resolve().name) for item in load_folder(path)]
            continue
        gold = load_gold(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        sources = _sources_of(path, data)
        missing = [s for s in sources if not s.exists()]
        if missing or not sources:
            raise GoldError(f"{path}: field 'sources': cannot find the annotated articles ({', '.join(map(str, missing)) or 'none beside it'})")
        articles, _ = collect(sources)
        by_title = {_key(a.title or ""): a for a in articles}
        group = f"{path.parent.name}/{path.stem}" if path.stem != "gold" else path.parent.name
        for item in gold:
            found = by_title.get(_key(item["title"]))
            if found is not None:
                documents.append(GoldDocument(found, _as_realdev(item), group))
    if not documents:
        raise GoldError("no annotated articles found in " + ", ".join(map(str, paths)))
    return documents


@dataclass
class Analysed:
    """A gold document run through the spaCy pipeline once, for every trainer to read."""

    document: GoldDocument
    doc: object  # spacy.tokens.Doc


@dataclass
class Example:
    """One training example of a learned choice: its features and its label, and the set it came from."""

    group: str
    features: dict[str, float]
    label: str


#: The modules that train learned choices. Each has
#:   examples(analysed: list[Analysed], gazetteer) -> dict[str, list[Example]]   (section name -> examples)
#:   fit(section: str, examples: list[Example]) -> LinearModel
#: so that training and leave-one-folder-out validation (bench/lofo.py) share one path.
TRAINERS = ("kg.learn.figures", "kg.learn.relations", "kg.learn.entity_types")


def trainer_modules() -> list:
    """The trainer modules that exist in this version of kg."""
    import importlib

    found = []
    for name in TRAINERS:
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as err:
            if err.name != name:
                raise
    return found


def analyse_documents(documents: list[GoldDocument], nlp) -> list[Analysed]:
    """Each gold document's Doc, made once."""
    docs = nlp.pipe(d.article.text for d in documents)
    return [Analysed(document, doc) for document, doc in zip(documents, docs, strict=True)]


def collect_examples(analysed: list[Analysed], gazetteer) -> dict[str, tuple[object, list[Example]]]:
    """Every trainer's examples: section -> (its module, its examples)."""
    found: dict[str, tuple[object, list[Example]]] = {}
    for module in trainer_modules():
        for name, items in module.examples(analysed, gazetteer).items():
            found[name] = (module, items)
    return found


def fit_sections(examples: dict[str, tuple[object, list[Example]]], *, leave_out: str | None = None) -> dict[str, LinearModel]:
    """A model per section, from every example except those of the group `leave_out`."""
    sections = {}
    for name, (module, items) in examples.items():
        kept = [e for e in items if e.group != leave_out]
        if len({e.label for e in kept}) >= 2:
            sections[name] = module.fit(name, kept)
    return sections


def train(paths: list[str | Path], out: str | Path, *, nlp=None, model: str | None = None) -> dict[str, int]:
    """Train every learned choice on the annotated articles of `paths` and write one model file to `out`.

    Returns the number of training examples per section."""
    from kg.gazetteer import load_gazetteer

    documents = load_documents(paths)
    gazetteer = load_gazetteer()
    if nlp is None:
        from kg.nlp import build_pipeline

        nlp = build_pipeline(model, gazetteer=gazetteer)
    examples = collect_examples(analyse_documents(documents, nlp), gazetteer)
    sections = fit_sections(examples)
    if not sections:
        raise LearnedModelError("no usable training examples in " + ", ".join(map(str, paths)))
    save_model(sections, out, trained_on=sorted({d.group for d in documents}))
    return {name: len(items) for name, (_, items) in examples.items() if name in sections}
