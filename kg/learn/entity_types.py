"""The learned entity type: Person, Agency, Outlet, Organization or Place for each named entity.

kg_entity_typer (kg/nlp/entity_types.py) finds the names and gives each a type by its rules; this
model reads that type as one feature among the name's head noun, first word, the gazetteer, the words
around it, an apposition after it, its place in a byline or credit line, spaCy's own label, and what
the whole article says of the name (the prepositions and verbs of its other mentions, the longer name
it is part of, the name it abbreviates, what GeoNames calls it), and chooses the type. A name the
gazetteer knows keeps the gazetteer's type."""

from __future__ import annotations

import re

from kg.gazetteer import fold
from kg.geo import records_named
from kg.learn import Analysed, Example, LinearModel, fit_linear
from kg.nlp.doc_index import doc_text
from kg.resolve import PLACE_NOUNS

SECTION = "entity_type"
#: The rule type stands unless the model is at least this sure of another.
THRESHOLD = 0.45
#: The spaCy label each name had before kg_entity_typer (doc.user_data key, set by the typer).
NER_LABELS = "kg_ner_labels"
_LINE_END = re.compile(r"[ \t]*(?:\n|\Z)")
_APPOSITION = re.compile(r"^,\s+(?:\d{1,3},\s+)?(?:a|an|the)\s+(?:[\w’'.-]+\s+){0,4}?(?P<noun>[a-z]+)(?=\s+(?:of|for|at|with|in|who|that|which|based)\b|\s*[,.;])")


def _word(token) -> str:
    return token.lower_ if token.is_alpha or token.is_punct else ("<num>" if token.like_num else token.lower_)


def features_of(span, gazetteer) -> dict[str, float]:
    """What the type model reads about one named span."""
    doc = span.doc
    f: dict[str, float] = {f"rule={span.label_}": 1.0, f"head:{span[-1].lower_}": 1.0, f"first:{span[0].lower_}": 1.0}
    ner = (doc.user_data.get(NER_LABELS) or {}).get(span.root.i)
    f[f"ner={ner or 'none'}"] = 1.0
    entry = gazetteer.lookup(span.text)
    if entry is not None:
        f[f"gazetteer={entry.type}"] = 1.0
    f[f"length={min(len(span), 4)}"] = 1.0
    for word in {t.lower_ for t in span if t.is_alpha}:  # the head too: "Customs" heads one name, is inside another
        f[f"word:{word}"] = 1.0
    if span.text.isupper() and len(span.text) > 1:
        f["upper"] = 1.0
    if len(span) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+", span.text):
        f["camel"] = 1.0
    before = [_word(t) for t in doc[max(0, span.start - 2) : span.start]]
    after = [_word(t) for t in doc[span.end : span.end + 2]]
    for k, word in enumerate(reversed(before), 1):
        f[f"before{k}:{word}"] = 1.0
    for k, word in enumerate(after, 1):
        f[f"after{k}:{word}"] = 1.0
    text = doc_text(doc)
    newline = text.rfind("\n", 0, span.start_char)
    line_start = span.start_char == 0 or (newline >= 0 and not text[newline + 1 : span.start_char].strip(" \t"))
    if line_start:
        f["line_start"] = 1.0
    line_end = _LINE_END.match(text, span.end_char) is not None
    if line_end:
        f["line_end"] = 1.0
    if re.search(r"(?:^|\n)[ \t]*[Bb]y[ \t]+$", text[max(0, span.start_char - 8) : span.start_char]):
        f["byline"] = 1.0
    if re.match(r"\s*\)\s*(?:--|—|–)", text[span.end_char : span.end_char + 6]):
        f["credit"] = 1.0  # "SEOUL (Yonhap) --"
    if appos := _APPOSITION.match(text[span.end_char : span.end_char + 100]):
        f[f"appos:{appos.group('noun')}"] = 1.0
    if _place_at(text[span.end_char : span.end_char + 40], gazetteer, after=True) or _place_at(
        text[max(0, span.start_char - 40) : span.start_char], gazetteer, after=False
    ):
        f["beside_place"] = 1.0  # "Kholmsk, Russia", "in Sicily, Porto Empedocle": a place in a place
    first = gazetteer.lookup(span[0].text)
    if len(span) > 1 and (first is not None and first.type == "Place" or re.fullmatch(r"U\.?S\.?|UK|[A-Z][a-z]+(?:an|ese|ish|ian)", span[0].text)):
        f["national"] = 1.0  # "U.S. Customs and Border Protection", "Australian Customs Service"
    root = span.root
    f[f"dep:{root.dep_}"] = 1.0
    if root.dep_ == "pobj":
        f[f"prep:{root.head.lower_}"] = 1.0
    elif root.dep_ in ("nsubj", "nsubjpass", "dobj"):
        f[f"verb:{root.head.lemma_.lower()}"] = 1.0
    elif root.dep_ == "poss":
        f["possessor"] = 1.0
    for fact in _doc_facts(doc).get(span.text, ()):
        f[fact] = 1.0
    return {k: v for k, v in f.items() if v}


_PLACE_NOUN_BEFORE = re.compile(rf"\b(?:{'|'.join(PLACE_NOUNS)}) of\s+$")
_PLACE_NOUN_AFTER = re.compile(rf"\s+(?:{'|'.join(PLACE_NOUNS)})\b")
#: doc.user_data key: what the whole article says about each name (see `_doc_facts`).
_DOC_FACTS = "kg_type_facts"


def _doc_facts(doc) -> dict[str, list[str]]:
    """What every mention of a name in the article says about it, as features, once per Doc: the prepositions and
    verbs its mentions hang from ("in X" once makes X a place everywhere), the type the rules gave a longer name it
    is part of ("Legault" in "Jane Legault"), the name it abbreviates ("NEC" of "National Election Commission"), a
    place noun the text uses for it ("the island of X"), and what GeoNames calls it (a country, a city, a province)."""
    facts = doc.user_data.get(_DOC_FACTS)
    if facts is not None:
        return facts
    from kg.nlp import KG_LABELS
    from kg.resolve import initials

    names = [e for e in doc.ents if e.label_ in KG_LABELS]
    found: dict[str, set[str]] = {e.text: set() for e in names}
    for e in names:
        root = e.root
        if root.dep_ == "pobj":
            found[e.text].add(f"doc_prep:{root.head.lower_}")
        elif root.dep_ in ("nsubj", "nsubjpass"):
            found[e.text].add(f"doc_verb:{root.head.lemma_.lower()}")
    text_of = doc_text(doc)
    for e in names:  # "the island of X", "the port city of X", "X island": the text calls it a place
        before = _PLACE_NOUN_BEFORE.search(text_of, max(0, e.start_char - 40), e.start_char)
        if before or _PLACE_NOUN_AFTER.match(text_of, e.end_char):
            found[e.text].add("doc_place_noun")
    words = {e.text: [t.text for t in e if not t.is_punct] for e in names}
    distinct = list({(e.text, e.label_): e for e in names}.values())  # each name and label once: not every mention
    for text, parts in words.items():
        for other in distinct:
            longer = words[other.text]
            if len(longer) > len(parts) and (longer[: len(parts)] == parts or longer[-len(parts) :] == parts):
                found[text].add(f"part_of={other.label_}")
        if text.isupper() and 2 <= len(text) <= 6:
            for other in distinct:
                if other.text != text and text in initials(other.text):
                    found[text].add(f"acronym_of={other.label_}")
    for text, kinds in _geo_kinds(list(found)).items():
        found[text] |= kinds
    facts = doc.user_data[_DOC_FACTS] = {text: sorted(v) for text, v in found.items() if v}
    return facts


def _geo_kinds(texts: list[str]) -> dict[str, set[str]]:
    """What GeoNames (kg.geo's data, shipped offline) calls each name: "geo:country", "geo:city", "geo_alt:..."."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for record, alternate in records_named(text):
            kind = record.kind if record.kind != "city" or record.population >= 100_000 else "town"
            found.setdefault(text, set()).update((f"geo{'_alt' if alternate else ''}:{kind}", "geo"))
    return found


def _place_at(text: str, gazetteer, *, after: bool) -> bool:
    """Whether a place the gazetteer knows, or a country or province GeoNames knows, is set off by a comma right
    after (or before) a name."""
    match = re.match(r",\s+((?:[A-Z][\w.’'-]*\s?){1,3})", text) if after else re.search(r"((?:[A-Z][\w.’'-]*\s?){1,3}),\s+$", text)
    if match is None:
        return False
    entry = gazetteer.lookup(match.group(1).strip())
    if entry is not None:
        return entry.type == "Place"
    return any(r.kind in ("country", "subdivision") and not alternate for r, alternate in records_named(match.group(1).strip()))


def retype(doc, gazetteer, model: LinearModel) -> dict[tuple[int, int], str]:
    """The type the model chooses for each named span of a doc, by its character offsets, where it differs
    from the rule type with at least the model's threshold."""
    from kg.nlp import KG_LABELS

    changed = {}
    for span in doc.ents:
        if span.label_ not in KG_LABELS or span.id_:
            continue
        scores = model.scores(features_of(span, gazetteer))
        kind, p = max(scores.items(), key=lambda x: x[1])
        if kind != span.label_ and p >= model.threshold:
            changed[(span.start_char, span.end_char)] = kind
    return changed


def examples(analysed: list[Analysed], gazetteer) -> dict[str, list[Example]]:
    """One example per named span the typer found that names a gold entity: the gold type (the rule's type
    when the gold accepts it too)."""
    from kg.evaluate_folder import gold_names, norm
    from kg.nlp import KG_LABELS

    found: list[Example] = []
    for item in analysed:
        types: dict[str, set[str] | None] = {}
        for entity in item.document.gold.get("entities", []):
            accepted = [entity["type"], *entity.get("alt_types", [])]
            for name in gold_names(entity):
                types[name] = None if name in types and types[name] != accepted else accepted  # ambiguous: left out
        for span in item.doc.ents:
            if span.label_ not in KG_LABELS or span.id_:
                continue
            accepted = types.get(norm(span.text))
            if not accepted:
                continue
            label = span.label_ if span.label_ in accepted else accepted[0]
            found.append(Example(item.document.group, features_of(span, gazetteer), label))
    return {SECTION: found}


def fit(section: str, items: list[Example]) -> LinearModel:
    from kg.learn.relations import seen_twice

    return fit_linear(seen_twice(items), [e.label for e in items], c=0.5, threshold=THRESHOLD, min_weight=0.005)
