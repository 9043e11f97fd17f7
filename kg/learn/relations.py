"""The learned relation choice: which relation, if any, one named entity of a sentence has to another.

Candidates are the ordered pairs of entities of one sentence that the parse joins by a short path (and
the pairs the patterns of kg/extract/relations.py propose); a multinomial logistic regression reads
the dependency path between them, the words on it and around them, their types, what the patterns
say and, for two places, which contains the other in the offline GeoNames data, and chooses memberOf,
leads, locatedIn, relativeOf, defectedTo or none. A choice is kept only when its probability reaches the
model's threshold (set for precision first)."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from kg.extract.common import KIN, Locator, evidence_of, readable_sentences
from kg.extract.roles import MEMBERS, role_head
from kg.learn import Analysed, Example, LinearModel, fit_linear
from kg.nlp.doc_index import doc_text
from kg.rdf import RELATION_TYPES
from kg.records import Mention, Relation

SECTION = "relation"
NONE = "none"
PREDICATES = ("memberOf", "leads", "locatedIn", "relativeOf", "defectedTo")
#: Pairs farther apart than this many steps in the parse are not candidates.
MAX_PATH = 7
#: At most this many candidate pairs per sentence (the nearest in the parse first); the rest are logged and skipped.
MAX_PAIRS = 40
#: Mentions of a sentence beyond this many are not paired (a list of hundreds of names).
MAX_MENTIONS = 30
THRESHOLD = 0.75
#: The precision the threshold is set for, on gold sets the model did not see.
PRECISION = 0.85
#: Which predicates a pair of types can have.
_TYPES = {
    ("Person", "Agency"), ("Person", "Organization"), ("Person", "Outlet"), ("Person", "Person"), ("Person", "Place"),
    ("Agency", "Place"), ("Organization", "Place"), ("Outlet", "Place"), ("Place", "Place"),
}  # fmt: skip
#: The subject and object types each predicate may be chosen for (kg.rdf.RELATION_TYPES, ontology/shapes.ttl).
FITS = {**RELATION_TYPES, "locatedIn": {(s, "Place") for s in ("Agency", "Organization", "Outlet", "Place")}}
log = logging.getLogger(__name__)


@dataclass
class Candidate:
    """An ordered pair of mentions in one sentence, with the features the classifier reads."""

    subject: Mention
    object: Mention
    sent: object  # spacy.tokens.Span
    features: dict[str, float]
    rule: Relation | None = None


def _root(doc, mention: Mention):
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _path(a, b) -> tuple[list[str], list] | None:
    """The dependency labels from token a up to the lowest common head and down to b, and the tokens between."""
    up = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(up)}
    down = []
    node = b
    while node.i not in index:
        down.append(node)
        if node.head.i == node.i:
            return None
        node = node.head
    top = index[node.i]
    labels = [f"{t.dep_}^" for t in up[:top]] + [f"v{t.dep_}" for t in reversed(down)]
    inner = up[1:top] + ([node] if node.i not in (a.i, b.i) else []) + list(reversed(down[1:]))
    return labels, inner


def _lower(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip()


def features_of(doc, subject: Mention, obj: Mention, sent, rule: Relation | None) -> dict[str, float] | None:
    """What the classifier reads about one ordered pair, or None when the parse does not join them closely."""
    f: dict[str, float] = {f"types={subject.type}>{obj.type}": 1.0, **_geo_features(subject, obj)}
    if rule is not None:
        f[f"rule={rule.predicate}"] = 1.0
        f[f"rule:{rule.extractor}"] = 1.0
    a, b = _root(doc, subject), _root(doc, obj)
    inside = a is not None and b is not None and sent.start <= a.i < sent.end and sent.start <= b.i < sent.end
    if not inside:
        return f if rule is not None else None
    found = _path(a, b)
    if found is None or len(found[0]) > MAX_PATH:
        if rule is None:
            return None
        f["far"] = 1.0
        return f
    labels, inner = found
    f[f"path={'|'.join(labels)}"] = 1.0
    f[f"pathlen={min(len(labels), 5)}"] = 1.0
    for label in labels:
        f[f"dep:{label}"] = 1.0
    for token in inner:
        f[f"on:{token.lemma_.lower()}"] = 1.0
    first, second = (subject, obj) if subject.start < obj.start else (obj, subject)
    f["subject_first" if first is subject else "object_first"] = 1.0
    gap = _lower(doc_text(doc)[first.end : second.start])
    if len(gap) <= 24:
        f[f"gap={gap}"] = 1.0
    words = re.findall(r"[a-z][a-z'-]*", gap)
    for word in words[:12]:
        f[f"between:{word}"] = 1.0
    if len(words) > 12:
        f["long_gap"] = 1.0
    if _has_kin(words):
        f["kin_between"] = 1.0
    near = _lower(doc_text(doc)[max(sent.start_char, first.start - 30) : min(sent.end_char, second.end + 30)])
    if _has_kin(re.findall(r"[a-z][a-z'-]*", near)):
        f["kin_near"] = 1.0
    before = _lower(doc_text(doc)[max(sent.start_char, subject.start - 40) : subject.start]).split()[-3:]
    for word in before:
        f[f"before_subject:{word}"] = 1.0
    if role := role_head(" ".join(before[-2:])):
        f["role_before_subject"] = 1.0
        f[f"role:{role}"] = 1.0
    after = _lower(doc_text(doc)[subject.end : min(sent.end_char, subject.end + 40)]).split()[:4]
    for word in after:
        f[f"after_subject:{word}"] = 1.0
    if a.dep_ in ("nsubj", "nsubjpass"):
        f[f"subject_verb:{a.head.lemma_.lower()}"] = 1.0
    f[f"object_dep:{b.dep_}"] = 1.0
    if b.head.i != b.i:
        f[f"object_head:{b.head.lemma_.lower()}"] = 1.0
    return f


def _geo_features(subject: Mention, obj: Mention) -> dict[str, float]:
    """What the offline GeoNames data say of two places: the object contains the subject ("Shenzhen" in
    "Guangdong"), the subject contains the object, or neither (when both are known)."""
    from kg.geo import records_named, within

    if subject.type != "Place" or obj.type != "Place":
        return {}
    if within(subject.name, obj.name):
        return {"geo_within": 1.0}
    if within(obj.name, subject.name):
        return {"geo_contains": 1.0}
    return {"geo_apart": 1.0} if records_named(subject.name) and records_named(obj.name) else {}


def _pairs(mentions: list[Mention]):
    """Each ordered pair of distinct entities whose types can be related, nearest occurrences first."""
    for i, x in enumerate(mentions):
        for y in mentions[i + 1 :]:
            if x.name == y.name:
                continue
            for s, o in ((x, y), (y, x)):
                if (s.type, o.type) in _TYPES:
                    yield s, o


def candidates(doc, locate: Locator, rules: list[Relation]) -> list[Candidate]:
    """Every candidate pair of the article: entities of one sentence close in the parse, and the pairs the patterns name."""
    by_pair = {(r.subject, r.object): r for r in rules}
    found: list[Candidate] = []
    seen: set[tuple[str, str, int]] = set()
    for sent in readable_sentences(doc):
        mentions = locate.within(sent.start_char, sent.end_char)
        if len(mentions) > MAX_MENTIONS:
            log.info("sentence at offset %d names %d entities: pairs among the first %d only", sent.start_char, len(mentions), MAX_MENTIONS)
            mentions = mentions[:MAX_MENTIONS]
        here = []
        for subject, obj in _pairs(mentions):
            if (subject.name, obj.name, sent.start) in seen:
                continue
            rule = by_pair.get((subject.name, obj.name))
            features = features_of(doc, subject, obj, sent, rule)
            if features is None:
                continue
            seen.add((subject.name, obj.name, sent.start))
            here.append(Candidate(subject, obj, sent, features, rule))
        if len(here) > MAX_PAIRS:
            here.sort(key=lambda c: (c.rule is None, _length(c.features)))
            log.info("sentence at offset %d has %d candidate pairs: %d skipped", sent.start_char, len(here), len(here) - MAX_PAIRS)
            here = here[:MAX_PAIRS]
        found += here
    covered = {(c.subject.name, c.object.name) for c in found}
    for rule in rules:  # a pattern's pair across sentences ("Its leader, X": the body of the sentence before)
        if (rule.subject, rule.object) not in covered:
            subject, obj = _named(locate, rule.subject), _named(locate, rule.object)
            if subject is not None and obj is not None:
                sent = doc.char_span(rule.evidence.start, rule.evidence.end, alignment_mode="expand") or doc[:]
                features = {f"types={subject.type}>{obj.type}": 1.0, f"rule={rule.predicate}": 1.0,
                            f"rule:{rule.extractor}": 1.0, "across": 1.0, **_geo_features(subject, obj)}
                found.append(Candidate(subject, obj, sent, features, rule))
                covered.add((rule.subject, rule.object))
    return found


def _length(features: dict[str, float]) -> int:
    return next((int(k.split("=")[1]) for k in features if k.startswith("pathlen=")), 9)


def _named(locate: Locator, name: str) -> Mention | None:
    return next((m for m in locate.mentions if m.name == name), None)


def choose(doc, locate: Locator, rules: list[Relation], model: LinearModel) -> list[Relation]:
    """The relations the model chooses among the candidate pairs of an article."""
    chosen: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    ordered = sorted(candidates(doc, locate, rules), key=lambda c: c.rule is None)  # a pattern's direction first
    for candidate in ordered:
        scores = model.scores(candidate.features)
        kinds = (candidate.subject.type, candidate.object.type)
        allowed = ((c, s) for c, s in scores.items() if c != NONE and kinds in FITS.get(c, ()) and possible(c, candidate))
        predicate, p = max(allowed, key=lambda x: x[1], default=(NONE, 0.0))
        if p < model.threshold:
            continue
        s, o = candidate.subject.name, candidate.object.name
        if (s, predicate, o) in seen or (predicate == "relativeOf" and (o, predicate, s) in seen):
            continue
        seen.add((s, predicate, o))
        rule = candidate.rule
        evidence = rule.evidence if rule is not None else evidence_of(candidate.sent)
        role = rule.role if rule is not None else _role(doc, candidate, predicate)
        chosen.append(Relation(s, predicate, o, evidence, role, round(p, 3), "learned"))
    return chosen


def _has_kin(words) -> bool:
    """Whether a kinship word ("brother", "sons", "half-sister") is among the words (lower case)."""
    return any(w in KIN or w.rstrip("s") in KIN or w.split("-")[0] in KIN for w in words)


def possible(predicate: str, candidate: Candidate) -> bool:
    """relativeOf only where a pattern says so or a kinship word is near the two names: never between the names
    of a list."""
    return predicate != "relativeOf" or candidate.rule is not None or "kin_near" in candidate.features


def _role(doc, candidate: Candidate, predicate: str) -> str | None:
    """A role word next to the subject ("spokesman X", "X, a researcher at") for memberOf and leads."""
    if predicate not in ("memberOf", "leads"):
        return None
    subject = candidate.subject
    near = doc_text(doc)[max(candidate.sent.start_char, subject.start - 40) : subject.start]
    near += " " + doc_text(doc)[subject.end : min(candidate.sent.end_char, subject.end + 60)]
    words = [w for w in re.findall(r"[a-z][a-z-]*", near.lower()) if w in MEMBERS]
    return words[0] if words else None


# ---------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------


def _gold_index(gold: dict):
    """The gold entity a name stands for, and the gold relations by (subject, object) with their optional flag."""
    from kg.evaluate_folder import gold_names, norm

    names: dict[str, str] = {}
    for entity in gold.get("entities", []):
        for name in gold_names(entity):
            names.setdefault(name, entity["name"])
    relations: dict[tuple[str, str], tuple[str, bool]] = {}
    for r in gold.get("relations", []):
        if r.get("predicate") not in PREDICATES or r.get("subject_kind"):
            continue
        relations[(r["subject"], r["object"])] = (r["predicate"], bool(r.get("optional")))
        if r["predicate"] == "relativeOf":
            relations.setdefault((r["object"], r["subject"]), ("relativeOf", bool(r.get("optional"))))

    def entity_of(mention: Mention) -> str | None:
        return names.get(norm(mention.name)) or names.get(norm(mention.text))

    return entity_of, relations


def analysed_pairs(item: Analysed, gazetteer) -> tuple[list[Candidate], Locator]:
    """The candidate pairs of one analysed gold article, as extraction makes them."""
    from kg.extract import mentions_of, relation_rules, title_bodies
    from kg.learn import Choices

    doc = item.doc
    mentions = mentions_of(doc, gazetteer, Choices())
    bodies, memberships = title_bodies(doc, mentions, gazetteer)
    locate = Locator(mentions + bodies)
    return candidates(doc, locate, relation_rules(doc, locate, memberships)), locate


def examples(analysed: list[Analysed], gazetteer) -> dict[str, list[Example]]:
    """One example per candidate pair: the gold predicate between the two entities, else none
    (pairs whose gold relation is optional are left out)."""
    found: list[Example] = []
    for item in analysed:
        entity_of, relations = _gold_index(item.document.gold)
        for candidate in analysed_pairs(item, gazetteer)[0]:
            s, o = entity_of(candidate.subject), entity_of(candidate.object)
            predicate, optional = relations.get((s, o), (NONE, False)) if s and o else (NONE, False)
            if optional:
                continue
            found.append(Example(item.document.group, candidate.features, predicate))
    return {SECTION: found}


def seen_twice(items: list[Example]) -> list[dict[str, float]]:
    """Each example's features without those no other example has (a name, a one-off phrase): a smaller model
    that generalises."""
    counts = Counter(k for e in items for k in e.features)
    return [{k: v for k, v in e.features.items() if counts[k] >= 2} for e in items]


def _fit(items: list[Example], threshold: float = THRESHOLD) -> LinearModel:
    return fit_linear(seen_twice(items), [e.label for e in items], c=0.5, threshold=threshold, min_weight=0.005)


def precision_first(items: list[Example], *, target: float = PRECISION, folds: int = 5) -> float:
    """The threshold with the best F1 among those whose precision reaches `target`, judged on held-out
    gold sets: each fold of sets is scored by a model trained on the others."""
    groups = sorted({e.group for e in items})
    if len(groups) < 3:
        return THRESHOLD
    held: list[tuple[float, bool]] = []  # (probability of the chosen relation, whether it is the gold one)
    for k in range(min(folds, len(groups))):
        out = set(groups[k::folds])
        train = [e for e in items if e.group not in out]
        if len({e.label for e in train}) < 2:
            continue
        model = _fit(train)
        for e in (e for e in items if e.group in out):
            predicate, p = max(((c, s) for c, s in model.scores(e.features).items() if c != NONE), key=lambda x: x[1])
            held.append((p, predicate == e.label))
    positives = sum(1 for e in items if e.label != NONE)
    best, chosen, right = (0.0, THRESHOLD), 0, 0
    for p, correct in sorted(held, reverse=True):
        chosen, right = chosen + 1, right + correct
        precision, recall = right / chosen, right / max(1, positives)
        f1 = 2 * precision * recall / (precision + recall) if right else 0.0
        if precision >= target and f1 > best[0]:
            best = (f1, p)
    return max(0.5, min(0.95, best[1]))


def fit(section: str, items: list[Example]) -> LinearModel:
    """A multinomial logistic regression over the candidate features, its threshold set for precision first."""
    model = _fit(items, precision_first(items))
    model.meta["positives"] = sum(1 for e in items if e.label != NONE)
    return model
