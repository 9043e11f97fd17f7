"""The kg_entity_spans component: where the model's names start and end, and which of them are no names at all.

It runs before kg_entity_typer and repairs `doc.ents`:
- a name stops at a bracket or slash glued to it ("Jane Roe(Spokesperson", "World Health Organisation (WHO");
- a lower-case place head after a name belongs to it ("Rakhine state", "Naf river", "the U.S.-Mexico border"),
  unless counted ("a Colorado county");
- an organisation's name runs on over "and <Word>" ("Ministry of Labor and Manpower"), back over "<Words> and" or
  "<Head> of the" ("U.S. Customs and Border Protection", "US Department of the Treasury"), and across a line break
  ("General Administration of\nCustoms");
- a possessive between two names makes two names ("Kathmandu's Tribhuvan International Airport"; not "Cox's Bazar");
- credits and bylines are read as people and outlets ("(Jane Roe/PA)", "(AP Photo/Jane Roe)", "By Jane Roe, Ian Moe
  and Al Poe Press Association");
- a day beside its month name the model read apart is one date ("Aug 25", "9 October");
- what is no name is dropped (`is_no_name`): diseases, time zones, photo labels, report titles, a role word alone,
  the portfolio of a title ("Home Secretary"), and a people the model also reads as a nationality ("Rohingya").

Spans it can read the kind of from their position alone (a byline names people, a credit a photographer and an
outlet) carry kg's own label and go to `doc.spans["kg_fixed"]`, which the typer keeps as they are; every other span
keeps a spaCy label for the typer to read. The kg_entity_noise component drops what is no name again after the typer.
"""

from __future__ import annotations

import re

from kg.nlp.entity_words import (
    NOT_NAMES,
    OUTLET_HEADS,
    PERSON_NOUNS,
    PLACE_TRAILERS,
    ROLE_NOUNS,
    TITLE_PORTFOLIOS,
    TITLE_WORDS_AFTER,
    WORK_HEADS,
)

#: A bracket or slash glued between two words: "Roe(Spokesperson", "Fuller/PA", "dpa/GNA".
GLUED_INFIX = r"(?<=[A-Za-z])[(/](?=[A-Z])"

#: A photo credit: "(Photo: Jane Roe)", "(AP Photo/Jane Roe)", "File Photo by Jane Roe/UPI", "(Jane Roe/PA)".
_CREDIT = re.compile(
    r"(?:\((?:[A-Z]{2,6} )?Photo ?[:/] ?|File Photo by |\()"
    r"(?P<person>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,3})"
    r"(?:/(?P<outlet>[A-Z][\w.&-]{1,20}(?: [A-Z][\w.&-]+){0,3}))?"
    r"(?=\)|\s*$)",
    re.MULTILINE,
)
#: A byline on a line of its own: "By Jane Roe", "By contributor Jane Roe, Ian Moe and Al Poe Press Association".
_BYLINE_LINE = re.compile(r"(?m)^[ \t]*(?:By|BY)[ \t]+(?:[a-z]+[ \t]+)?(?P<names>[A-Z][^\n]{2,160}?)[ \t]*$")
_NAME_SEPARATOR = re.compile(r",\s*|\s+(?:and|AND|&)\s+")
_NAME_WORD = re.compile(r"[A-Z][\w’'.-]*")


class EntitySpans:
    """Repair the model's entity spans and drop what is no name (see the module docstring)."""

    def __init__(self) -> None:
        self.gazetteer = None  # set by build_pipeline; credit outlets and possessives look names up in it

    def __call__(self, doc):
        from spacy.tokens import Span
        from spacy.util import filter_spans

        groups = {e.text for e in doc.ents if e.label_ == "NORP"}  # "Rohingya" read as a people somewhere
        places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "Place")}
        other = {e.text for e in doc.ents if e.label_ not in ("GPE", "LOC", "Place")}

        def is_group(text: str) -> bool:
            """ "Rohingya(s)" beside "Rohingya" the people; not "Philippines" (a place each time) beside "Philippine"."""
            return text in groups or (text.removesuffix("s") in groups and not (text in places and text not in other))

        spans: list = []
        for ent in _joined_over_of(doc):
            for part in self._repair(ent):
                if not _is_noise(part, is_group):
                    spans.append(part)
        spans += _missed_dates(doc)
        forced = _credits(doc) + _bylines(doc)
        doc.spans["kg_fixed"] = forced  # the typer keeps these as they are
        taken = {i for s in forced for i in range(s.start, s.end)}
        spans = forced + [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
        doc.ents = sorted(filter_spans([Span(doc, s.start, s.end, label=s.label_, span_id=s.id_) for s in spans]),
                          key=lambda s: s.start)
        return doc

    def _repair(self, ent) -> list:
        """The span with its boundaries mended; two spans where it held two names; none where nothing is left."""
        span = _cut_at_bracket(ent)
        if span is None:
            return []
        while span.label_ == "PERSON" and len(span) > 1 and span[-1].tag_ in ("VBN", "VBD") and span[-1].is_title:
            span = span[:-1]  # a headline's verb: "Jane Roe Appointed as …"
        parts = self._split_possessive(span)
        parts[-1] = _extend(parts[-1])
        if len(parts) == 1:
            parts[0] = _extend_back(parts[0])
        return parts

    def _split_possessive(self, span) -> list:
        """ "Kathmandu's Tribhuvan International Airport" is two names; "Cox's Bazar" is one."""
        from spacy.tokens import Span

        doc = span.doc
        for token in span[1:-1]:
            if token.lower_ not in ("’s", "'s"):
                continue
            left, right = doc[span.start : token.i], doc[token.i + 1 : span.end]
            entry = self.gazetteer.lookup(left.text) if self.gazetteer is not None else None
            if entry or left.text.isupper() or (len(right) >= 2 and all(t.text[:1].isupper() for t in right)):
                if entry:
                    label = entry.type
                elif left.text.isupper():
                    label = "ORG"  # "DOLE's Overseas Employment Administration"
                else:  # the owner of a named body or building is most often a place: "Lumbini's X Airport"
                    label = "GPE" if span.label_ in ("ORG", "FAC", "GPE", "LOC") else span.label_
                return [Span(doc, left.start, left.end, label=label, span_id=entry.name if entry else ""),
                        Span(doc, right.start, right.end, label=span.label_)]
        return [span]


def _joined_over_of(doc) -> list:
    """The entities with "<body> of <name>" made one where the model read two, as across a line break:
    "the General Administration of" + "Customs"."""
    from spacy.tokens import Span

    from kg.nlp.entity_words import AGENCY_HEADS, ORGANIZATION_HEADS

    ents = list(doc.ents)
    joined = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        i += 1
        nxt = ents[i] if i < len(ents) else None
        if (
            nxt is not None
            and ent.label_ == "ORG"
            and nxt.label_ in ("ORG", "GPE", "Place")
            and ent[-1].lower_ in AGENCY_HEADS | ORGANIZATION_HEADS
            and doc[ent.end].lower_ == "of"
            and all(t.is_space for t in doc[ent.end + 1 : nxt.start])
        ):
            i += 1
            ent = Span(doc, ent.start, nxt.end, label="ORG")
        joined.append(ent)
    return joined


_MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _missed_dates(doc) -> list:
    """Days the model did not read as one date with their month: "Aug 25", "9 October" (a month name, capitalised,
    beside a day number)."""
    from spacy.tokens import Span

    def month(token) -> bool:
        return token.is_title and token.text.rstrip(".").lower() in _MONTH_WORDS

    def day(token) -> bool:
        return token.text.isdigit() and 1 <= int(token.text) <= 31

    return [Span(doc, t.i, t.i + 2, label="DATE") for t in doc[:-1] if (month(t) and day(doc[t.i + 1])) or (day(t) and month(doc[t.i + 1]))]


def _cut_at_bracket(span):
    """The span up to an opening bracket inside it: "Roe (Spokesperson" → "Roe"; None if nothing is left."""
    from spacy.tokens import Span

    for token in span:
        if token.text in ("(", "[", "/") and token.i > span.start:
            return Span(span.doc, span.start, token.i, label=span.label_, span_id=span.id_)
        if token.text in ("(", "[", "/"):
            return None
    return span


def _extend(span):
    """Grow a span over a lower-case place head ("Naf river") or "and <Word>" after a name with "of" ("Ministry of
    Labor and Manpower")."""
    from spacy.tokens import Span

    doc = span.doc
    end = span.end
    counted = span.start > 0 and doc[span.start - 1].lower_ in ("a", "an", "each", "every", "one", "another")
    for head in PLACE_TRAILERS if not counted else ():  # "a Colorado county" is one county in Colorado
        words = head.split()
        following = [t.lower_ for t in doc[end : end + len(words)]]
        if following == words and _ends_name(doc, end + len(words)) and span.label_ in ("GPE", "LOC", "ORG", "FAC", "PERSON", "NORP"):
            if span.label_ == "NORP" or (span.label_ == "PERSON" and len(span) > 1):
                break
            return Span(doc, _joined_start(span), end + len(words), label="LOC", span_id="")
    if span.label_ == "ORG" and "of" in [t.lower_ for t in span[1:]] and (k := _and_name_end(doc, end)):
        return Span(doc, span.start, k, label="ORG", span_id="")  # "Ministry of Labor" + "and Employment"
    return span


def _joined_start(span) -> int:
    """Where a name joined to the one before by a hyphen starts: "U.S.-Mexico" in "the U.S.-Mexico border"."""
    doc = span.doc
    start = span.start
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
        if not doc[start - 2].text[:1].isupper():
            break
        start -= 2
    return start


def _and_name_end(doc, end: int) -> int | None:
    """The end of "and <Word>" that closes a name cut before it: "Ministry of Labor" + "and Manpower"."""
    if end + 1 >= len(doc) or doc[end].lower_ != "and" or doc[end + 1].ent_type_:
        return None
    k = end + 1
    while k < len(doc) and k - end <= 2 and doc[k].is_alpha and doc[k].is_title and not doc[k].ent_type_:
        k += 1
    if k == end + 1 or (k < len(doc) and doc[k].is_alpha and doc[k].text[:1].isupper()):
        return None
    if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN"):
        return None  # "and Trade ministers": the words modify a noun, they end no name
    return k


def _extend_back(span):
    """Grow an organisation's name back over "<Words> and" or "<Head> of the" the model left out, and the place
    before them: "U.S. Customs and" + "Border Protection", "US Department of the" + "Treasury"."""
    from spacy.tokens import Span

    from kg.nlp.entity_words import AGENCY_HEADS

    doc = span.doc
    if span.label_ != "ORG" or span.start < 2:
        return span
    k = span.start - 1
    if doc[k].lower_ == "the":
        k -= 1
    if doc[k].lower_ == "of" and k > 0 and doc[k - 1].is_title and doc[k - 1].lower_ in AGENCY_HEADS and not doc[k - 1].ent_type_:
        k -= 1  # "Department of the" + "Treasury"
    elif doc[span.start - 1].lower_ == "and":
        k = span.start - 1
        while k > 0 and k > span.start - 4 and doc[k - 1].is_title and doc[k - 1].is_alpha and not doc[k - 1].ent_type_:
            k -= 1
        if k == span.start - 1 or doc[k].is_sent_start or doc[k].lower_ in ("the", "and", "of"):
            return span
    else:
        return span
    if k > 0 and doc[k - 1].ent_type_ in ("GPE", "Place") and doc[k - 1].ent_iob_ in ("B", "I"):
        start = k - 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        k = start
    return Span(doc, k, span.end, label="ORG", span_id="")


def _ends_name(doc, i: int) -> bool:
    """Nothing that continues a name or a compound follows token i: "Rakhine state" but not "X state media"."""
    if i >= len(doc):
        return True
    token = doc[i]
    return not (token.text[:1].isupper() and token.is_alpha) and token.lower_ not in TITLE_WORDS_AFTER and token.text not in ("-", "‐")


def _is_noise(span, is_group) -> bool:
    """Not a name (see `is_no_name`), or a people the model also reads as a nationality ("Rohingya")."""
    return is_no_name(span) or (span.label_ != "NORP" and is_group(span.text))


def is_no_name(span) -> bool:
    """Not a name, whatever its label: a disease, a time zone or photo label, a report title, a role word alone
    ("Spokesperson"), or the portfolio of a title ("Home Secretary")."""
    doc = span.doc
    words = [t.lower_ for t in span if not t.is_punct]
    text = re.sub(r"^the ", "", span.text.lower().strip())
    if not words or text in NOT_NAMES:
        return True
    if len(words) > 1 and words[-1] in WORK_HEADS:
        return True  # "the Human Rights Report": a document, not a body
    if len(words) == 1 and words[0] in ROLE_NOUNS | PERSON_NOUNS:
        return True  # "(Spokesperson, …)": a role, not a name
    if span.end < len(doc) and doc[span.end].lower_ in TITLE_WORDS_AFTER and doc[span.end].text[:1].isupper():
        return all(t.pos_ != "PROPN" or t.lower_ in TITLE_PORTFOLIOS for t in span if not t.is_punct)
    return False


class EntityNoise:
    """The kg_entity_noise component, after kg_entity_typer: drops what is no name (`is_no_name`) among the entities
    the typer found by its own patterns ("the Falkland Human Rights Report" from a run of capitals)."""

    def __call__(self, doc):
        from kg.nlp.entity_words import NUMERIC_LABELS

        doc.ents = [e for e in doc.ents if e.label_ in NUMERIC_LABELS or not is_no_name(e)]
        return doc


def _credits(doc) -> list:
    """People and outlets of photo credits: "(AP Photo/Jane Roe)" is Jane Roe; "(Jane Roe/PA)" is Jane Roe and PA."""
    from spacy.tokens import Span

    found = []
    text = doc.text
    for match in _CREDIT.finditer(text):
        whole = match.group(0)
        if whole.startswith("(") and "Photo" not in whole and not match.group("outlet"):
            continue  # "(Jane Roe)" alone is no credit
        person = doc.char_span(match.start("person"), match.end("person"))
        if person is not None and not _has_head(person) and not _named_otherwise(person):
            found.append(Span(doc, person.start, person.end, label="Person"))
        if match.group("outlet"):
            outlet = doc.char_span(match.start("outlet"), match.end("outlet"))
            if outlet is not None:
                found.append(Span(doc, outlet.start, outlet.end, label="Outlet"))
    return found


def _bylines(doc) -> list:
    """The people (and the outlet at the end) of a byline of two or more names: "By Jane Roe, Ian Moe and Al Poe
    Press Association". One name after "By" is left to the typer."""
    from spacy.tokens import Span

    found = []
    for match in _BYLINE_LINE.finditer(doc.text):
        names, base = match.group("names"), match.start("names")
        pieces, pos = [], 0
        for sep in _NAME_SEPARATOR.finditer(names):
            pieces.append((base + pos, names[pos : sep.start()]))
            pos = sep.end()
        pieces.append((base + pos, names[pos:]))
        if len(pieces) < 2:
            continue
        people = _byline_people(pieces)
        for begin, end, label in people or []:
            span = doc.char_span(begin, end)
            if span is not None:
                found.append(Span(doc, span.start, span.end, label=label))
    return found


def _byline_people(pieces: list[tuple[int, str]]) -> list[tuple[int, int, str]] | None:
    """(start, end, label) of each name in a byline's pieces; None unless every piece is a name."""
    people = []
    for offset, piece in pieces:
        words = piece.split()
        if not words or not all(_NAME_WORD.fullmatch(w) for w in words):
            return None
        if len(words) >= 4 and words[-1].lower() in OUTLET_HEADS | {"association", "agency"}:
            cut = offset + len(" ".join(words[:2]))  # "Ian Moe Press Association": a name, then the outlet
            people += [(offset, cut, "Person"), (cut + 1, offset + len(piece), "Outlet")]
        elif 2 <= len(words) <= 3:
            people.append((offset, offset + len(piece), "Person"))
        else:
            return None
    return people


def _named_otherwise(span) -> bool:
    """The model or the gazetteer reads the span as a place or a body, not a person: "(North Korea/China)"."""
    return any(t.ent_type_ not in ("", "PERSON", "ORG") for t in span)


def _has_head(span) -> bool:
    """The span ends in an organisation or outlet head, so names no person: "(Defence Ministry)"."""
    from kg.nlp.entity_words import AGENCY_HEADS, ORGANIZATION_HEADS

    return span[-1].lower_ in AGENCY_HEADS | ORGANIZATION_HEADS | OUTLET_HEADS
