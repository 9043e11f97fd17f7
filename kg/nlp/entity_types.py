"""The kg_entity_typer component: give every named entity one of kg's five types, from the
gazetteer, head nouns, titles and context; drop nationalities, dates, pronouns and furniture."""

from __future__ import annotations

import re

from kg.gazetteer import Gazetteer

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
