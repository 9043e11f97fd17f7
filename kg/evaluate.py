"""Score kg against gold annotations (format in data/gold/README.md): precision, recall and F1
for entities (untyped and typed), figures (and how many have the right period and source),
relations and statements (and how many have the right speaker)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import GoldError
from kg.gazetteer import fold
from kg.records import Extraction
from kg.resolve import Resolution

GOLD_FORMAT = "kg-gold/1"


@dataclass
class Score:
    """Counts behind precision, recall and F1."""

    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.true_positives += tp
        self.predicted += predicted
        self.gold += gold

    def as_dict(self) -> dict:
        return {
            "tp": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Report:
    """The evaluation of one corpus against its gold."""

    articles: int = 0
    unmatched_articles: list[str] = field(default_factory=list)
    entities: Score = field(default_factory=Score)
    typed_entities: Score = field(default_factory=Score)
    figures: Score = field(default_factory=Score)
    figure_period_right: int = 0
    figure_source_right: int = 0
    relations: Score = field(default_factory=Score)
    statements: Score = field(default_factory=Score)
    statement_speaker_right: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        found = self.figures.true_positives
        return {
            "articles": self.articles,
            "unmatched_articles": self.unmatched_articles,
            "entities": self.entities.as_dict(),
            "typed_entities": self.typed_entities.as_dict(),
            "figures": self.figures.as_dict(),
            "figure_period_right": round(self.figure_period_right / found, 4) if found else 0.0,
            "figure_source_right": round(self.figure_source_right / found, 4) if found else 0.0,
            "relations": self.relations.as_dict(),
            "statements": self.statements.as_dict(),
            "statement_speaker_right": round(self.statement_speaker_right / self.statements.true_positives, 4)
            if self.statements.true_positives
            else 0.0,
        }


def load_gold(path: str | Path) -> list[dict]:
    """The articles of a gold file, checked for the fields the evaluation reads."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except json.JSONDecodeError as err:
        raise GoldError(f"{path}: invalid JSON at line {err.lineno} ({err.msg})") from None
    if not isinstance(data, dict) or data.get("format") != GOLD_FORMAT or not isinstance(data.get("articles"), list):
        raise GoldError(f'{path}: not a gold file (expected an object with "format": "{GOLD_FORMAT}" and "articles")')
    for number, article in enumerate(data["articles"], start=1):
        if not isinstance(article, dict) or not isinstance(article.get("title"), str):
            raise GoldError(f"{path}: article {number} has no title")
        for key in ("entities", "figures", "relations", "statements"):
            if not isinstance(article.get(key, []), list):
                raise GoldError(f"{path}: article {number} ({article['title']}): {key!r} must be a list")
        where = f"{path}: article {number} ({article['title']})"
        for entity in article.get("entities", []):
            if not isinstance(entity, dict) or "name" not in entity or "type" not in entity:
                raise GoldError(f"{where}: an entity needs name and type")
        for figure in article.get("figures", []):
            if not isinstance(figure, dict) or not isinstance(figure.get("value"), int | float):
                raise GoldError(f"{where}: a figure needs a numeric 'value'")
        for relation in article.get("relations", []):
            if not isinstance(relation, dict) or not all(isinstance(relation.get(k), str) for k in ("subject", "predicate", "object")):
                raise GoldError(f"{where}: a relation needs subject, predicate and object")
        for statement in article.get("statements", []):
            if not isinstance(statement, dict) or not isinstance(statement.get("keywords", []), list):
                raise GoldError(f"{where}: a statement's 'keywords' must be a list")
    return data["articles"]


def _key(text: str) -> str:
    text = fold(text)
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[’'`]s$", "", text).strip(" .,")


@dataclass
class _Predicted:
    label: str
    type: str
    forms: set[str]


def _predicted_entities(extraction: Extraction, resolution: Resolution) -> dict[str, _Predicted]:
    found: dict[str, _Predicted] = {}
    for mention in extraction.mentions:
        entity = resolution.entity(extraction.article.id, mention.name)
        if entity is None:
            continue
        item = found.setdefault(entity.key, _Predicted(entity.label, entity.type, {_key(entity.label)}))
        item.forms.update({_key(mention.text), _key(mention.name)})
    return found


def _gold_forms(entity: dict) -> set[str]:
    return {_key(entity["name"]), *(_key(a) for a in entity.get("aliases", []))}


def _match_entities(gold: list[dict], predicted: dict[str, _Predicted]) -> dict[str, str]:
    """gold name -> predicted key, one to one, exact name matches first."""
    pairs: dict[str, str] = {}
    used: set[str] = set()
    for strict in (True, False):
        for entity in gold:
            if entity["name"] in pairs:
                continue
            forms = {_key(entity["name"])} if strict else _gold_forms(entity)
            for key, item in predicted.items():
                if key in used:
                    continue
                if (strict and _key(item.label) in forms) or (not strict and forms & item.forms):
                    pairs[entity["name"]] = key
                    used.add(key)
                    break
    return pairs


def evaluate(gold_articles: list[dict], extractions: list[Extraction], resolution: Resolution) -> Report:
    """Compare extractions with gold, article by article (matched on title)."""
    report = Report()
    by_title = {_key(x.article.title or ""): x for x in extractions}
    for gold in gold_articles:
        extraction = by_title.get(_key(gold["title"]))
        if extraction is None:
            report.unmatched_articles.append(gold["title"])
            continue
        report.articles += 1
        predicted = _predicted_entities(extraction, resolution)
        pairs = _match_entities(gold.get("entities", []), predicted)
        gold_entities = gold.get("entities", [])
        report.entities.add(len(pairs), len(predicted), len(gold_entities))
        typed = sum(1 for g in gold_entities if g["name"] in pairs and predicted[pairs[g["name"]]].type == g["type"])
        report.typed_entities.add(typed, len(predicted), len(gold_entities))
        for g in gold_entities:
            if g["name"] not in pairs:
                report.errors.append(f"missed entity {g['name']} ({g['type']}) in {gold['title']!r}")
            elif predicted[pairs[g["name"]]].type != g["type"]:
                report.errors.append(f"typed {g['name']} as {predicted[pairs[g['name']]].type}, gold {g['type']}")
        matched = set(pairs.values())
        for key, item in predicted.items():
            if key not in matched:
                report.errors.append(f"extra entity {item.label} ({item.type}) in {gold['title']!r}")

        def same_entity(
            gold_name: str | None, predicted_name: str | None, *, extraction=extraction, pairs=pairs
        ) -> bool:
            if gold_name is None or predicted_name is None:
                return gold_name is None and predicted_name is None
            entity = resolution.entity(extraction.article.id, predicted_name)
            if entity is None:  # a name the text does not mention, such as the article's outlet
                return _key(gold_name) == _key(predicted_name)
            if pairs.get(gold_name) == entity.key:
                return True
            return _key(gold_name) in ({_key(entity.label)} | {_key(a) for a in entity.aliases})

        _score_figures(report, gold, extraction, same_entity)
        _score_relations(report, gold, extraction, same_entity)
        _score_statements(report, gold, extraction, same_entity)
    return report


def _score_figures(report: Report, gold: dict, extraction: Extraction, same_entity) -> None:
    figures = list(extraction.figures)
    used: set[int] = set()
    tp = 0
    for g in gold.get("figures", []):
        value = float(g["value"])
        match = next(
            (
                i
                for i, f in enumerate(figures)
                if i not in used
                and abs(f.value - value) <= 1e-9 * max(1, abs(value))
                and (
                    g.get("text") is None or g["text"].lower() in f.text.lower() or f.text.lower() in g["text"].lower()
                )
            ),
            None,
        )
        if match is None:
            match = next(
                (
                    i
                    for i, f in enumerate(figures)
                    if i not in used and abs(f.value - value) <= 1e-9 * max(1, abs(value))
                ),
                None,
            )
        if match is None:
            report.errors.append(f"missed figure {g.get('text', g['value'])} in {gold['title']!r}")
            continue
        used.add(match)
        tp += 1
        figure = figures[match]
        start = figure.period_start.isoformat() if figure.period_start else None
        end = figure.period_end.isoformat() if figure.period_end else None
        if (start, end) == (g.get("start"), g.get("end")):
            report.figure_period_right += 1
        else:
            report.errors.append(f"period of {figure.text}: {start}..{end}, gold {g.get('start')}..{g.get('end')}")
        if same_entity(g.get("source"), figure.source):
            report.figure_source_right += 1
        else:
            report.errors.append(f"source of {figure.text}: {figure.source}, gold {g.get('source')}")
    for i, figure in enumerate(figures):
        if i not in used:
            report.errors.append(f"extra figure {figure.text} in {gold['title']!r}")
    report.figures.add(tp, len(figures), len(gold.get("figures", [])))


def _score_relations(report: Report, gold: dict, extraction: Extraction, same_entity) -> None:
    relations = list(extraction.relations)
    used: set[int] = set()
    tp = 0
    for g in gold.get("relations", []):
        for i, r in enumerate(relations):
            if i in used or r.predicate != g["predicate"]:
                continue
            forward = same_entity(g["subject"], r.subject) and same_entity(g["object"], r.object)
            backward = (
                r.predicate == "relativeOf"
                and same_entity(g["subject"], r.object)
                and same_entity(g["object"], r.subject)
            )
            if forward or backward:
                used.add(i)
                tp += 1
                break
        else:
            report.errors.append(f"missed relation {g['subject']} {g['predicate']} {g['object']}")
    for i, r in enumerate(relations):
        if i not in used:
            report.errors.append(f"extra relation {r.subject} {r.predicate} {r.object}")
    report.relations.add(tp, len(relations), len(gold.get("relations", [])))


def _score_statements(report: Report, gold: dict, extraction: Extraction, same_entity) -> None:
    statements = list(extraction.statements)
    used: set[int] = set()
    tp = 0
    for g in gold.get("statements", []):
        words = [w.casefold() for w in g.get("keywords", [])]
        for i, s in enumerate(statements):
            if i in used or not words or not all(w in s.text.casefold() for w in words):
                continue
            used.add(i)
            tp += 1
            if same_entity(g.get("speaker"), s.speaker):
                report.statement_speaker_right += 1
            else:
                report.errors.append(f"speaker of statement {words}: {s.speaker}, gold {g.get('speaker')}")
            break
        else:
            report.errors.append(f"missed statement by {g.get('speaker')} with {words} in {gold['title']!r}")
    for i, s in enumerate(statements):
        if i not in used:
            report.errors.append(f"extra statement by {s.speaker}: {s.text[:60]!r}")
    report.statements.add(tp, len(statements), len(gold.get("statements", [])))


def evaluate_sources(
    gold_path: str | Path,
    sources: list[str | Path],
    *,
    model: str | None = None,
    gazetteer_path: str | Path | None = None,
    curation_path: str | Path | None = None,
    nlp=None,
    figure_model: str | Path | None = None,
) -> Report:
    """Build (in memory) from the sources and score against a gold file."""
    from kg.build import analyse, collect, graph_of
    from kg.gazetteer import load_gazetteer

    gold = load_gold(gold_path)
    articles, _ = collect(sources)
    from kg.curation import load_curation

    gazetteer = load_gazetteer(gazetteer_path)
    curation = load_curation(curation_path)
    from kg.learn import load_choices

    extractions = analyse(articles, nlp=nlp, gazetteer=gazetteer, model=model, choices=load_choices(figure_model))
    resolution, _ = graph_of(extractions, gazetteer, curation, places=False)
    return evaluate(gold, extractions, resolution)


# --- figure spotting on single sentences (data/quantities/README.md) ---

_QUANTITY_MARK = re.compile(r"\[\[([^|\]]+)\|([^|\]]+)\|([^|\]]+)\]\]")


@dataclass(frozen=True)
class QuantitySentence:
    """A sentence of the quantity set with its figures as (value, unit class) pairs."""

    text: str
    figures: tuple[tuple[float, str], ...]


def unit_class(unit: str) -> str:
    """percent (percentage points included), money (a currency code) or count (anything else)."""
    if unit in ("%", "pp", "percent", "percentage point"):
        return "percent"
    if len(unit) == 3 and unit.isupper():
        return "money"
    return "count"


def load_quantity_set(path: str | Path) -> list[QuantitySentence]:
    """The sentences of a quantity set: one a line, figures marked [[surface|value|unit]], '#' comments."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise GoldError(f"{path}: no such quantity set") from None
    sentences = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        figures = []
        for match in _QUANTITY_MARK.finditer(line):
            try:
                value = float(match.group(2))
            except ValueError:
                raise GoldError(f"{path}:{number}: {match.group(2)!r} is not a number") from None
            figures.append((value, unit_class(match.group(3).strip())))
        text = _QUANTITY_MARK.sub(lambda m: m.group(1), line)
        if "[[" in text or "]]" in text:
            raise GoldError(f"{path}:{number}: a figure mark is not of the form [[surface|value|unit]]")
        sentences.append(QuantitySentence(text, tuple(figures)))
    return sentences


def score_quantities(
    sentences: list[QuantitySentence], predicted: list[list[tuple[float, str]]]
) -> tuple[Score, Score, list[str]]:
    """Value and value+unit-class scores of predicted (value, unit) pairs, sentence by sentence, and the errors."""
    values, classed, errors = Score(), Score(), []
    for sentence, found in zip(sentences, predicted, strict=True):
        found = [(value, unit_class(unit)) for value, unit in found]
        for key, score in ((lambda f: f[0], values), (lambda f: f, classed)):
            left = [key(f) for f in found]
            tp = 0
            for gold in sentence.figures:
                hit = next((i for i, f in enumerate(left) if _same(key(gold), f)), None)
                if hit is not None:
                    left.pop(hit)
                    tp += 1
                elif score is values:
                    errors.append(f"missed {gold[0]:g} in: {sentence.text}")
            if score is values:
                errors += [f"extra {f:g} in: {sentence.text}" for f in left]
            score.add(tp, len(found), len(sentence.figures))
    return values, classed, errors


def _same(gold, found) -> bool:
    if isinstance(gold, tuple):
        return gold[1] == found[1] and _same(gold[0], found[0])
    return abs(gold - found) <= 1e-9 * max(1.0, abs(gold))
