"""Score kg on a folder of real articles with gold in the realdev format (`NN-*.txt` with three
header lines, `NN-*.gold.json` as in realdev's CONVENTIONS.md), the way the reference scorer does:
each article is built on its own, and its graph is compared with the gold.

Entities match by normalised name or mention (one to one, required gold first); figures by value,
preferring the prediction with the right period, then source, then place; relations by their
matched ends. Optional gold items count neither as missed nor, when matched, as extra.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Dataset, Literal, URIRef

from kg.errors import GoldError
from kg.records import Article

SDO = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
RELATIONS = ("memberOf", "leads", "locatedIn", "relativeOf", "defectedTo")
_TYPE_OF = {
    "Person": "Person",
    "GovernmentOrganization": "Agency",
    "NewsMediaOrganization": "Outlet",
    "Organization": "Organization",
    "Place": "Place",
}
_PRIORITY = ("Person", "Agency", "Outlet", "Place", "Organization")
_GENERIC = re.compile(
    r"^(he|she|they|it|his|her|its|their|the (ministry|agency|service|country|north|south|government|party|regime"
    r"|state|university|institute|daily|paper|newspaper|broadcaster|official|officials|department))$"
)


def norm(text: str) -> str:
    """A name as the scorer compares it: folded case and quotes, no article, no possessive."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"^(the|a|an)\s+", "", text)
    text = re.sub(r"[\s\u00a0]+", " ", text)
    return text.strip(" .,:;\"'")


@dataclass
class GoldArticle:
    """One article of a gold folder: its text as kg reads it, and its gold."""

    name: str
    article: Article
    gold: dict


def _article_of(txt: Path, gold: dict) -> Article:
    from kg.ingest.tables import parse_jsonl

    head, _, body = txt.read_text(encoding="utf-8").partition("\n\n")
    if gold.get("ignore_before") and gold["ignore_before"] in body:
        body = body[body.index(gold["ignore_before"]) :]
    if gold.get("ignore_after") and gold["ignore_after"] in body:
        body = body[: body.index(gold["ignore_after"]) + len(gold["ignore_after"])]
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    record = {"text": body, "title": meta.get("title"), "url": meta.get("url")}
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.get("published", "")):
        record["published"] = meta["published"]
    read = next(parse_jsonl(json.dumps(record), str(txt)), None)
    if not isinstance(read, Article):
        raise GoldError(f"{txt}: no article text")
    return read


def is_gold_folder(path: str | Path) -> bool:
    """True for a folder of `*.gold.json` files (the realdev format)."""
    path = Path(path)
    return path.is_dir() and any(path.glob("*.gold.json"))


def load_folder(folder: str | Path) -> list[GoldArticle]:
    """The articles of a gold folder with their gold, checked for the fields the scoring reads."""
    folder = Path(folder)
    found = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise GoldError(f"{gold_path}: invalid JSON at line {err.lineno} ({err.msg})") from None
        if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
            raise GoldError(f"{gold_path}: not a gold file (expected an object with 'entities')")
        txt = folder / str(gold.get("doc") or gold_path.name.replace(".gold.json", ".txt"))
        if not txt.is_file():
            raise GoldError(f"{gold_path}: field 'doc': no such text {txt.name}")
        names = {e.get("name") for e in gold["entities"] if isinstance(e, dict)}
        for number, entity in enumerate(gold["entities"], start=1):
            if not isinstance(entity, dict) or not isinstance(entity.get("name"), str) or "type" not in entity:
                raise GoldError(f"{gold_path}: entities[{number - 1}] needs 'name' and 'type'")
        for number, figure in enumerate(gold.get("figures", [])):
            if not isinstance(figure, dict) or not isinstance(figure.get("value"), int | float):
                raise GoldError(f"{gold_path}: figures[{number}] needs a numeric 'value'")
            for key in ("source", "place"):
                for name in [figure.get(key), *figure.get(f"{key}_alt", [])]:
                    if name is not None and name not in names:
                        raise GoldError(f"{gold_path}: figures[{number}].{key}: unknown entity {name!r}")
        for number, relation in enumerate(gold.get("relations", [])):
            if relation.get("predicate") in RELATIONS and not relation.get("subject_kind"):
                for key in ("subject", "object"):
                    if relation.get(key) not in names:
                        raise GoldError(f"{gold_path}: relations[{number}].{key}: unknown entity {relation.get(key)!r}")
        found.append(GoldArticle(txt.stem, _article_of(txt, gold), gold))
    if not found:
        raise GoldError(f"{folder}: no *.gold.json files")
    return found


# ---------------------------------------------------------------------------
# What the graph holds
# ---------------------------------------------------------------------------


@dataclass
class Predicted:
    """What an article's graph says, in the terms the scoring compares."""

    entities: dict = field(default_factory=dict)  # iri -> {"type", "labels", "label"}
    figures: list = field(default_factory=list)
    relations: set = field(default_factory=set)  # (predicate, subject iri, object iri)


def read_dataset(dataset: Dataset) -> Predicted:
    """Entities (typed by their schema.org class), figures and relations of a graph."""
    graph = dataset if not isinstance(dataset, Dataset) else _union(dataset)
    found = Predicted()
    types: dict = {}
    labels: dict = {}
    for subject, _, kind in graph.triples((None, RDF.type, None)):
        if str(kind).startswith(SDO) and (name := _TYPE_OF.get(str(kind)[len(SDO) :])):
            types.setdefault(subject, set()).add(name)
    for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, URIRef(SDO + "name"), URIRef(SDO + "alternateName")):
        for subject, _, value in graph.triples((None, prop, None)):
            if isinstance(value, Literal):
                labels.setdefault(subject, set()).add(str(value))
    for subject, kinds in sorted(types.items()):
        kind = next((t for t in _PRIORITY if t in kinds), None)
        main = graph.value(subject, RDFS.label)
        found.entities[subject] = {
            "type": kind,
            "labels": {norm(label) for label in labels.get(subject, set())},
            "label": str(main) if main is not None else str(subject),
        }

    def one(node, prop):
        return graph.value(node, URIRef(prop))

    for node in sorted(set(graph.subjects(RDF.type, URIRef(SDO + "Observation")))):
        value = one(node, SDO + "value")
        try:
            number = float(value) if value is not None else None
        except ValueError:
            number = None
        text = one(node, "https://w3id.org/kg/ns#text") or one(node, SDO + "description")
        found.figures.append({
            "value": number,
            "start": str(one(node, SDO + "startDate") or ""),
            "end": str(one(node, SDO + "endDate") or ""),
            "asof": str(one(node, SDO + "observationDate") or ""),
            "place": one(node, SDO + "observationAbout"),
            "source": one(node, PROV + "wasAttributedTo"),
            "text": str(text or value),
        })
    for subject, predicate, obj in sorted(graph.triples((None, None, None))):
        name = re.split(r"[#/]", str(predicate))[-1]
        if name in RELATIONS and subject in found.entities and obj in found.entities:
            found.relations.add((name, subject, obj))
    return found


def _union(dataset: Dataset):
    from rdflib import Graph

    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


# ---------------------------------------------------------------------------
# Matching, as the reference scorer does it
# ---------------------------------------------------------------------------


@dataclass
class FolderScore:
    """Counts for a folder (or one article) and the misses behind them."""

    articles: int = 0
    failed: int = 0
    entity_tp: int = 0
    entity_typed_tp: int = 0
    entity_gold: int = 0
    entity_predicted: int = 0
    figure_tp: int = 0
    figure_gold: int = 0
    figure_predicted: int = 0
    period_right: int = 0
    source_right: int = 0
    source_gold: int = 0
    place_right: int = 0
    place_gold: int = 0
    relation_tp: int = 0
    relation_gold: int = 0
    relation_predicted: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: FolderScore) -> None:
        for name, value in vars(other).items():
            if name == "errors":
                self.errors.extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)

    def summary(self) -> dict:
        """Precision, recall and F1 of entities, figures and relations; shares right of periods, sources, places."""

        def prf(tp: int, gold: int, predicted: int) -> tuple[float, float, float]:
            if gold == 0 and predicted == 0:
                return 1.0, 1.0, 1.0
            p = tp / predicted if predicted else 0.0
            r = tp / gold if gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        ep, er, ef = prf(self.entity_tp, self.entity_gold, self.entity_predicted)
        _, _, etf = prf(self.entity_typed_tp, self.entity_gold, self.entity_predicted)
        fp, fr, ff = prf(self.figure_tp, self.figure_gold, self.figure_predicted)
        rp, rr, rf = prf(self.relation_tp, self.relation_gold, self.relation_predicted)

        def share(right: int, total: int) -> float | None:
            return round(right / total, 3) if total else None

        return {
            "articles": self.articles,
            "failed": self.failed,
            "entity_p": round(ep, 3), "entity_r": round(er, 3), "entity_f1": round(ef, 3),
            "entity_typed_f1": round(etf, 3),
            "figure_p": round(fp, 3), "figure_r": round(fr, 3), "figure_f1": round(ff, 3),
            "period_right": share(self.period_right, self.figure_tp) or 0.0,
            "source_right": share(self.source_right, self.source_gold),
            "place_right": share(self.place_right, self.place_gold),
            "relation_p": round(rp, 3), "relation_r": round(rr, 3), "relation_f1": round(rf, 3),
        }


def gold_names(entity: dict) -> set[str]:
    """The normalised names a gold entity may be found under."""
    names = {norm(entity["name"])}
    for mention in entity.get("mentions", []):
        name = norm(mention)
        if name and not _GENERIC.match(mention.lower().strip()) and name not in {"north", "south", "ministry", "country", "regime"}:
            names.add(name)
    return names


def _match_entities(gold: list[dict], predicted: Predicted, score: FolderScore, where: str) -> dict[str, object]:
    used: set = set()
    mapping: dict[str, object] = {}
    optional_matched = 0
    ordered = [e for e in gold if not e.get("optional")] + [e for e in gold if e.get("optional")]
    for entity in ordered:
        names = gold_names(entity)
        types = {entity["type"], *entity.get("alt_types", [])}
        candidates = [(iri, d) for iri, d in predicted.entities.items() if iri not in used and d["labels"] & names]
        if not candidates:
            if not entity.get("optional"):
                score.errors.append(f"{where}: missed entity {entity['name']} ({entity['type']})")
            continue
        candidates.sort(key=lambda c: (c[1]["type"] not in types, norm(entity["name"]) not in c[1]["labels"]))
        iri, found = candidates[0]
        used.add(iri)
        mapping[entity["name"]] = iri
        if entity.get("optional"):
            optional_matched += 1
            continue
        score.entity_tp += 1
        if found["type"] in types:
            score.entity_typed_tp += 1
        else:
            score.errors.append(f"{where}: typed {entity['name']} as {found['type']}, gold {entity['type']}")
    for iri, found in predicted.entities.items():
        if iri not in used:
            score.errors.append(f"{where}: extra entity {found['label']} ({found['type']})")
    score.entity_gold += sum(1 for e in gold if not e.get("optional"))
    score.entity_predicted += len(predicted.entities) - optional_matched
    return mapping


def period_ok(gold: str | None, start: str, end: str) -> bool:
    """Whether a predicted span start..end (ISO dates, either may be empty) is the gold period."""
    if not gold:
        return True
    gold = str(gold)
    if re.fullmatch(r"\d{4}", gold):
        return start[:4] == gold and (not end or end[:4] == gold)
    if m := re.fullmatch(r"(\d{4}-\d{2})/(\d{4}-\d{2})", gold):
        return start[:7] == m.group(1) and end[:7] == m.group(2)
    if m := re.fullmatch(r"(\d{4})-H([12])", gold):
        year, half = m.groups()
        first, last = ("01", "06") if half == "1" else ("07", "12")
        return start[:7] == f"{year}-{first}" and end[:7] == f"{year}-{last}"
    if m := re.fullmatch(r"(\d{4})/(\d{4})", gold):
        return start[:4] == m.group(1) and end[:4] == m.group(2)
    return start[: len(gold)] == gold


def _any_period_ok(gold: dict, figure: dict) -> bool:
    start, end = figure["start"], figure["end"]
    if not start and not end and figure.get("asof"):
        start = end = figure["asof"]
    return any(period_ok(p, start, end) for p in [gold.get("period"), *gold.get("period_alt", [])])


def _entity_ok(names: list, iri, mapping: dict) -> bool:
    for name in names:
        if name is None and iri is None:
            return True
        if name is not None and iri is not None and mapping.get(name) == iri:
            return True
    return False


def _label(predicted: Predicted, iri) -> str | None:
    return None if iri is None else predicted.entities.get(iri, {}).get("label", str(iri))


def _match_figures(gold: list[dict], predicted: Predicted, mapping: dict, score: FolderScore, where: str) -> None:
    used: set[int] = set()
    optional_matched = 0
    ordered = [f for f in gold if not f.get("optional")] + [f for f in gold if f.get("optional")]
    for g in ordered:
        value = float(g["value"])
        sources = [g.get("source"), *g.get("source_alt", [])]
        places = [g.get("place"), *g.get("place_alt", [])]
        candidates = [
            i
            for i, f in enumerate(predicted.figures)
            if i not in used and f["value"] is not None and abs(f["value"] - value) < 1e-6 * max(1, abs(value))
        ]
        if not candidates:
            if not g.get("optional"):
                score.errors.append(f"{where}: missed figure {g.get('evidence') or g.get('text') or g['value']!s:.80}")
            continue
        candidates.sort(key=lambda i: (
            not _any_period_ok(g, predicted.figures[i]),
            not _entity_ok(sources, predicted.figures[i]["source"], mapping),
            not _entity_ok(places, predicted.figures[i]["place"], mapping),
        ))
        index = candidates[0]
        used.add(index)
        if g.get("optional"):
            optional_matched += 1
            continue
        score.figure_tp += 1
        figure = predicted.figures[index]
        text = figure["text"]
        if _any_period_ok(g, figure):
            score.period_right += 1
        else:
            got = f"{figure['start']}..{figure['end']}" if figure["start"] or figure["end"] else f"as of {figure['asof']}"
            score.errors.append(f"{where}: period of {text}: {got}, gold {g.get('period')}")
        if g.get("source") or g.get("source_alt"):
            score.source_gold += 1
            if _entity_ok(sources, figure["source"], mapping):
                score.source_right += 1
            else:
                score.errors.append(f"{where}: source of {text}: {_label(predicted, figure['source'])}, gold {g.get('source')}")
        if g.get("place"):
            score.place_gold += 1
            if _entity_ok(places, figure["place"], mapping):
                score.place_right += 1
            else:
                score.errors.append(f"{where}: place of {text}: {_label(predicted, figure['place'])}, gold {g.get('place')}")
    for i, figure in enumerate(predicted.figures):
        if i not in used:
            score.errors.append(f"{where}: extra figure {figure['text']}")
    score.figure_gold += sum(1 for f in gold if not f.get("optional"))
    score.figure_predicted += len(predicted.figures) - optional_matched


def _match_relations(gold: list[dict], predicted: Predicted, mapping: dict, score: FolderScore, where: str) -> None:
    wanted = [r for r in gold if r.get("predicate") in RELATIONS and not r.get("subject_kind")]
    used: set = set()
    optional_matched = 0
    ordered = [r for r in wanted if not r.get("optional")] + [r for r in wanted if r.get("optional")]
    for r in ordered:
        subject, obj = mapping.get(r["subject"]), mapping.get(r["object"])
        found = False
        if subject is not None and obj is not None:
            predicates = {r["predicate"]} | ({"memberOf", "leads"} if r["predicate"] in {"memberOf", "leads"} else set())
            keys = [(p, subject, obj) for p in sorted(predicates)]
            if r["predicate"] == "relativeOf":
                keys.append(("relativeOf", obj, subject))
            for key in keys:
                if key in predicted.relations and key not in used:
                    used.add(key)
                    found = True
                    if r.get("optional"):
                        optional_matched += 1
                    else:
                        score.relation_tp += 1
                    break
        if not found and not r.get("optional"):
            score.errors.append(f"{where}: missed relation {r['subject']} {r['predicate']} {r['object']}")
    for key in sorted(predicted.relations - used):
        score.errors.append(f"{where}: extra relation {_label(predicted, key[1])} {key[0]} {_label(predicted, key[2])}")
    score.relation_gold += sum(1 for r in wanted if not r.get("optional"))
    score.relation_predicted += len(predicted.relations) - optional_matched


def score_article(gold: dict, predicted: Predicted | None, where: str) -> FolderScore:
    """One article's counts and misses (`predicted` None: its build failed)."""
    score = FolderScore(articles=1, failed=int(predicted is None))
    predicted = predicted or Predicted()
    mapping = _match_entities(gold["entities"], predicted, score, where)
    _match_figures(gold.get("figures", []), predicted, mapping, score, where)
    _match_relations(gold.get("relations", []), predicted, mapping, score, where)
    return score


def evaluate_folder(
    folder: str | Path,
    *,
    model: str | None = None,
    gazetteer_path: str | Path | None = None,
    curation_path: str | Path | None = None,
    nlp=None,
    figure_model: str | Path | None = None,
) -> FolderScore:
    """Build each article of a gold folder on its own (as `kg build` would) and score its graph."""
    from kg.build import analyse, graph_of
    from kg.curation import load_curation
    from kg.gazetteer import load_gazetteer
    from kg.learn import load_choices
    from kg.rdf import to_dataset

    from kg.nlp import build_pipeline

    items = load_folder(folder)
    gazetteer = load_gazetteer(gazetteer_path)
    curation = load_curation(curation_path)
    choices = load_choices(figure_model)
    nlp = nlp or build_pipeline(model, gazetteer=gazetteer)
    total = FolderScore()
    for item in items:
        try:
            [extraction] = analyse([item.article], nlp=nlp, gazetteer=gazetteer, choices=choices)
        except Exception as err:  # a failed build scores as an empty graph, as with the reference scorer
            total.add(score_article(item.gold, None, item.name))
            total.errors.append(f"{item.name}: build failed ({type(err).__name__}: {err})")
            continue
        resolution, _ = graph_of([extraction], gazetteer, curation)
        predicted = read_dataset(to_dataset([extraction], resolution))
        total.add(score_article(item.gold, predicted, item.name))
    return total
