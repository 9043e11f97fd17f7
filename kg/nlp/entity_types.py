"""The kg_entity_typer component: give every named entity one of kg's five types, from the
gazetteer, head nouns, titles and context; drop nationalities, dates, pronouns and furniture."""

from __future__ import annotations

import re

from kg.gazetteer import Gazetteer
from kg.nlp.doc_index import doc_text, mid_sentence_positions
from kg.nlp.entity_words import (
    _ACRONYM_DEFINITION,
    _APPOSITION,
    _ATTRIBUTION_LINE,
    _BYLINE,
    _CONNECTORS,
    _DATELINE_PLACE,
    _EDITOR_NOTE,
    _KOREAN_FULL_NAME,
    _NUMBERED_UNIT,
    _PLURAL_FOR_NAME,
    _PORTFOLIO_NAME,
    AGENCY_HEADS,
    APPOSITION_TYPES,
    DEMONYMS,
    KG_LABELS,
    KOREAN_NAME,
    KOREAN_SURNAMES,
    LEADING_HEADS,
    MONTHS_DAYS,
    NOT_ENTITY_HEADS,
    NUMERIC_LABELS,
    ORGANIZATION_HEADS,
    OUTLET_BEFORE,
    OUTLET_CUES,
    OUTLET_HEADS,
    PERSON_NOUNS,
    PLACE_BEFORE,
    PLACE_HEADS,
    PLACE_NAME_ENDS,
    PORTFOLIOS,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_OUTLET_CUES,
    TITLES,
    TRAILING_AGENCY_HEADS,
    TRAILING_HEADS,
    WIRE_SLUGS,
)


class EntityTyper:
    """Give every named entity one of kg's five types, from gazetteer, head noun, title and context;
    drop nationalities, dates, pronouns and furniture. Canonical gazetteer names go to `span.id_`."""

    def __init__(self, drop_labels: set[str]):
        self.drop_labels = drop_labels
        self.gazetteer = Gazetteer()
        self.nouns: frozenset[str] = frozenset()  # the lemmatizer's dictionary nouns, set by build_pipeline

    def __call__(self, doc):
        from spacy.tokens import Span

        doc.user_data["kg_ner_labels"] = {t.i: t.ent_type_ for t in doc if t.ent_type_}  # for the learned type
        candidates: list[tuple[int, object]] = []  # (priority, span): attribution beats everything else
        sources = [(ent, ent.label_, 0) for ent in doc.ents]
        sources += [(doc[s:e], label or "ORG", 1 if label else 0) for s, e, label in _rule_spans(doc)]
        sources += [(span, "Agency", 1) for span in self._national_agencies(doc)]
        sources += [(span, span.label_, 1) for span in doc.spans.get("kg_fixed", ())]  # bylines, credits (entity_spans)
        for ent, label, priority in sources:
            if label in NUMERIC_LABELS:
                candidates.append((0, ent))
                continue
            span = trim_span(ent, from_gazetteer=label in KG_LABELS)
            if span is None:
                continue
            if priority:  # attribution fixes the type; the gazetteer still names the entity
                entry = self.gazetteer.lookup(span.text)
                if entry is None and label == "Place" and span.text.isupper():  # "SEOUL" in a dateline
                    entry = self.gazetteer.lookup(span.text.title())
                kind = entry.type if entry and label == "Outlet" and entry.type == "Outlet" else label
                if entry and label == "Place":  # "UNITED NATIONS (AP) —": a dateline names where, the gazetteer what
                    kind = entry.type
                candidates.append((1, Span(doc, span.start, span.end, label=kind, span_id=entry.name if entry else "")))
                continue
            if (titled := _person_after_title(span)) is not None:  # "Hoshino Chief Executive Jane Roe"
                employer, person = titled
                candidates.append((0, Span(doc, person.start, person.end, label="Person")))
                span, label = employer, "ORG"
            for part in _split_names(_extend(span, label)):
                typed = self.type_span(part, label)
                if typed is not None:
                    kind, canonical = typed
                    candidates.append((0, Span(doc, part.start, part.end, label=kind, span_id=canonical or "")))
        notes = [m.span() for m in _EDITOR_NOTE.finditer(doc_text(doc))]  # "(END)" is not an entity
        candidates = [(p, s) for p, s in candidates if not (s.text.isupper() and _inside(s, notes))]
        kept = _without_overlaps(candidates)
        kept.extend(self._the_north_south(doc, kept))
        for token in doc:  # a ruler's id must not outlive its span ("Bangkok" inside "Bangkok Post")
            token.ent_id_ = ""
        doc.ents = sorted(kept, key=lambda s: s.start)
        return doc

    def type_span(self, span, spacy_label: str) -> tuple[str, str | None] | None:
        text = span.text
        if span.end < len(span.doc) and span.doc[span.end].lower_ in ("dollar", "dollars"):
            return None  # "the U.S. dollar" names a currency, not the country
        if spacy_label in KG_LABELS:  # from the gazetteer ruler
            if not span[-1].ent_id_:  # grown past the ruler's match ("Kansas" + "City"): another place
                entry = self.gazetteer.lookup(text)
                return spacy_label, entry.name if entry else None
            return spacy_label, span.ent_id_ or None
        entry = self.gazetteer.lookup(text)
        if entry:
            return entry.type, entry.name
        if text in ("North", "South"):
            return self._korea(text, span)
        if _NUMBERED_UNIT.fullmatch(text):
            return "Agency", None
        if spacy_label in NUMERIC_LABELS:
            return None
        if spacy_label in self.drop_labels and not _head_type(span):
            return None
        if DEMONYMS.match(text) or text.lower() in MONTHS_DAYS or text.lower() in PRONOUNS:
            return None
        if len(span) == 1 and text.endswith("s") and span.start and span.doc[span.start - 1].lower_ in ("two", "both"):
            return None  # "the two Koreas", "both Congos": a count of places is not one of them
        if span[-1].lower_ in NOT_ENTITY_HEADS or _is_common_word(span) or _is_common_noun(span, spacy_label, self.nouns):
            return None  # laws, treaties, programmes; "Bribes" at the start of a sentence
        if _owned_scheme(span):
            return None
        if text.split()[-1][:1].islower() and span[-1].lower_ not in TRAILING_AGENCY_HEADS:
            return None  # "Chinese yuan": a name ends in a capitalised word
        if _is_korean_name(span) and not _head_type(span):
            return "Person", None
        if self._national_agency(span):
            return "Agency", None
        kind = _head_type(span) or _context_type(span, spacy_label)
        if kind == "Organization" and span[-1].lower_ == "union" and _is_area(span):
            kind = "Place"  # "applicants in the European Union": the union as an area
        return (kind, None) if kind else None

    def _national_agency(self, span) -> bool:
        """A country after the portfolio it runs: "Statistics Korea", "Immigration, Refugees and Citizenship Canada"."""
        return _portfolio_words(span) and self._national_agency_word(span[-1].text)

    def _national_agencies(self, doc) -> list:
        """ "<portfolio> <country>" names in the text, the country as the gazetteer knows it: "Statistics Korea"."""
        found = []
        for match in _PORTFOLIO_NAME.finditer(doc_text(doc)):
            if not all(w.lower() in PORTFOLIOS for w in re.findall(r"[A-Z]\w+", match.group(1))):
                continue
            tail = match.group(2).split()
            for k in range(len(tail), 0, -1):  # the longest place: "Fisheries South Korea", "Statistics Korea Director Kim"
                country = " ".join(tail[:k])
                entry = self.gazetteer.lookup(country) if country not in ("North", "South") else None
                if (entry and entry.type == "Place") or (k == 1 and self._national_agency_word(country)):
                    end = match.start(2) + 1 + len(country)
                    span = doc.char_span(match.start(), end, alignment_mode="expand")
                    if span is not None:
                        found.append(span)
                    break
        return found

    def _national_agency_word(self, word: str) -> bool:
        """A word that ends a known place name ("Korea" of "South Korea"), so may name a country."""
        places = {e.name.split()[-1] for e in self.gazetteer.entries if e.type == "Place"}
        return word in places - {w.title() for w in PLACE_HEADS}

    def _korea(self, text: str, span) -> tuple[str, str | None] | None:
        """Bare "North"/"South" is a Korea only as "the North", "the South" or "South and North Korea"."""
        doc = span.doc
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end : span.end + 3].text
        if before in ("the", "’s", "'s") or re.match(r"(?:and|or) (?:North|South) Korea", after):
            entry = self.gazetteer.lookup(f"{text} Korea")
            return "Place", entry.name if entry else f"{text} Korea"
        return None

    def _the_north_south(self, doc, ents):
        """ "the North" and "the South" (not followed by a name) as the two Koreas."""
        from spacy.tokens import Span

        taken = {i for e in ents for i in range(e.start, e.end)}
        found = []
        for token in doc:
            if token.text not in ("North", "South") or token.i in taken or token.i == 0:
                continue
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is not None and nxt.text[:1].isupper():
                continue
            typed = self._korea(token.text, doc[token.i : token.i + 1])
            if typed:
                found.append(Span(doc, token.i, token.i + 1, label="Place", span_id=typed[1]))
        return found


def _rule_spans(doc) -> list[tuple[int, int, str | None]]:
    """Names the statistical model tends to miss or mistype, found by pattern: (start, end, forced type or None)."""
    found: list[tuple[int, int, str | None]] = []
    text = doc_text(doc)

    def add(start_char: int, end_char: int, label: str | None) -> None:
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is not None and len(span):
            found.append((span.start, span.end, label))

    for match in _ATTRIBUTION_LINE.finditer(text):
        name = match.group(1).strip()
        if not _is_korean_full_name(name) and not name.lower().startswith(("the ministry", "ministry", "the nis")):
            add(match.start(1), match.start(1) + len(name), "Outlet" if not _agency_like(name) else None)
    for match in _DATELINE_PLACE.finditer(text[:400]):
        if match.group(1) not in WIRE_SLUGS:  # "ANALYSIS - China slows": a story label, not a place
            add(match.start(1), match.end(1), "Place")
    for match in (m for cue in OUTLET_CUES for m in cue.finditer(text)):
        add(match.start(1), match.end(1), "Outlet")
    for match in _BYLINE.finditer(text):
        name = match.group(1).strip()
        words = name.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and words[-1].lower() not in OUTLET_HEADS:
            add(match.start(1), match.start(1) + len(name), "Person")
    for match in _NUMBERED_UNIT.finditer(text):
        add(match.start(), match.end(), "Agency")
    for match in _KOREAN_FULL_NAME.finditer(text):
        if match.group(1) in KOREAN_SURNAMES:
            add(match.start(), match.end(), None)
    for match in _ACRONYM_DEFINITION.finditer(text):
        span = _expansion(doc, match)
        if span is not None:
            found.append((span.start, span.end, None))
    found.extend((s, e, None) for s, e in _headed_runs(doc))
    for match in _PLURAL_FOR_NAME.finditer(text):  # "Fighters for a Free North Korea", "Physicians for Human Rights"
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not span[0].is_sent_start and span[0].tag_ in ("NNS", "NNPS"):
            found.append((span.start, span.end, None))
    for token in doc:  # "Eurostat, the EU's statistics office": a name the model missed, described after it
        if token.pos_ == "PROPN" and token.text[:1].isupper() and not token.ent_type_:
            kind = _apposition_type(doc[token.i : token.i + 1])
            if kind and kind != "Person" and (token.i == 0 or doc[token.i - 1].pos_ != "PROPN"):
                found.append((token.i, token.i + 1, kind))
    for token in doc:  # "DailyNK", "AsiaPress": one word made of a name and an outlet head
        if token.is_alpha and token.text[:1].isupper() and not token.is_upper and _head_type(doc[token.i : token.i + 1]):
            found.append((token.i, token.i + 1, None))
    return found


def _expansion(doc, match):
    """The words before "(ACR)" whose initials spell ACR: "UN High Commissioner for Refugees (UNHCR)"."""
    acronym = match.group(1)
    paren = doc.char_span(match.start(), match.start() + 1, alignment_mode="expand")
    if paren is None:
        return None
    end = paren.start
    for start in range(end - 1, max(-1, end - 12), -1):
        words = [t.text for t in doc[start:end] if (not t.is_punct or t.text == "&") and not _after_hyphen(t)]
        if not words or not words[0][:1].isupper() or doc[start].lower_ in _CONNECTORS:
            continue
        for letters in (_initials(words, all_words=False), _initials(words, all_words=True)):
            if letters == acronym:
                return doc[start:end]
    return None


def _portfolio_words(span) -> bool:
    """Every word but the last names a portfolio: "Ports, Roads and Customs Zembla" is one name."""
    words = [t.lower_ for t in span if not t.is_punct and t.lower_ not in _CONNECTORS]
    return len(words) > 1 and all(w in PORTFOLIOS for w in words[:-1])


def _spelled_by_acronym(span) -> bool:
    """A name whose initials the acronym after it spells: "Immigration, Refugees and Citizenship Canada (IRCC)"."""
    match = _ACRONYM_DEFINITION.match(doc_text(span.doc)[span.end_char : span.end_char + 14].lstrip())
    words = [t.text for t in span if not t.is_punct and not _after_hyphen(t)]
    return bool(match) and match.group(1) in (_initials(words, all_words=False), _initials(words, all_words=True))


def _after_hyphen(token) -> bool:
    """The second part of a hyphenated word ("operation" in "Co-operation"), which adds no initial."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text in ("-", "‐") and not doc[token.i - 2].whitespace_ and not doc[token.i - 1].whitespace_


def _initials(words: list[str], *, all_words: bool) -> str:
    out = ""
    for word in words:
        if word.lower() in _CONNECTORS and not all_words:
            continue
        if word.isupper() and len(word) > 1:
            out += word
        elif word[:1].isalpha():
            out += word[0].upper()
    return out


def _headed_runs(doc) -> list[tuple[int, int]]:
    """Runs of capitalised words ending in a head noun ("the Korea Herald", "Hamgyong Trading Company"),
    never across a line break or a possessive."""
    heads = OUTLET_HEADS | AGENCY_HEADS | ORGANIZATION_HEADS | PLACE_HEADS
    runs = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if (
            not (token.text[:1].isupper() and token.is_alpha)
            or (token.is_sent_start and token.lower_ == "the")
            or token.lower_ in PERSON_NOUNS  # "Deputy Treasury Secretary X": a title, not a name
        ):
            i += 1
            continue
        j = i
        while j < len(doc) and (
            (doc[j].text[:1].isupper() and (doc[j].is_alpha or doc[j].text.endswith(".")))
            or (doc[j].lower_ in _CONNECTORS and j + 1 < len(doc) and doc[j + 1].text[:1].isupper())
        ):
            if "\n" in doc[j].whitespace_:
                j += 1
                break
            j += 1
        whole = j
        while j > i and doc[j - 1].lower_ not in heads:
            j -= 1
        if i < j < whole - 1 and doc[j].lower_ in ("of", "for") and not doc[j - 1].ent_type_:
            # the head comes before "of": "Panel of Experts", "X Association of Realtors", where the model found
            # nothing; not "… on Monday"
            j = next((k for k in range(j + 1, whole) if doc[k].lower_ == "on" or doc[k].lower_ in MONTHS_DAYS), whole)
        # "Gangwon Province and South Jeolla Province": "and" after a head starts a second name
        j = next((k for k in range(i + 2, j) if doc[k].lower_ in ("and", "&") and doc[k - 1].lower_ in heads), j)
        if doc[j - 1].lower_ in PLACE_HEADS:  # "Nauru and Manus Island": a place name holds no "and"
            i = max([i] + [k + 1 for k in range(i, j) if doc[k].lower_ == "and"])
        if i < j and doc[j - 1].lower_ in heads:  # "Prof. Jan Berg of Lund University": the person is not part of it
            i = _after_person(doc, i, j)
        if j - i >= 2 and not doc[i].is_stop and doc[i].lower_ not in MONTHS_DAYS and not doc[i].tag_.startswith("VB"):
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _after_person(doc, start: int, end: int) -> int:
    """Where a run starts once a person before "of"/"at" is left out: the model's person, or a name after a title."""
    k = next((k for k in range(start + 1, end) if doc[k].lower_ in ("of", "at")), None)
    if k is None:
        return start
    person = all(t.ent_type_ == "PERSON" for t in doc[start:k])
    if person or (start > 0 and doc[start - 1].lower_ in TITLES):
        return k + 1
    return start


def _agency_like(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and (words[-1] in AGENCY_HEADS or words[0] in ("ministry", "department", "office"))


def _is_korean_full_name(text: str) -> bool:
    match = _KOREAN_FULL_NAME.fullmatch(text)
    return bool(match) and match.group(1) in KOREAN_SURNAMES


def _is_korean_name(span) -> bool:
    if span[-1].lower_ in TRAILING_AGENCY_HEADS | PLACE_BEFORE:
        return False  # "Chiang Rai province" is shaped like "Kim Jong-un" but is a place
    return bool(KOREAN_NAME.match(span.text)) or _is_korean_full_name(span.text)


def _is_common_word(span) -> bool:
    """A single capitalised common noun or verb at the start of a sentence ("Bribes demanded by ...", "Rice prices")."""
    if len(span) != 1 or not span[0].is_sent_start:
        return False
    token = span[0]
    return token.tag_ in ("NNS", "VBZ", "VBD", "VBG", "JJ", "RB") and token.text[1:].islower()


#: Nouns a name modifies as their owner, employer or kind: "Amazon shares", "Apple officials", "Time magazine".
_OWNED_NOUNS = {
    "shares", "share", "stock", "stocks", "stake", "shareholders", "investors", "officials", "executives",
    "employees", "workers", "staff", "spokesman", "spokeswoman", "spokesperson", "chief", "boss", "founder",
    "magazine", "newspaper", "company", "firm", "brand",
}  # fmt: skip


def _is_common_noun(span, spacy_label: str, nouns: frozenset[str]) -> bool:
    """A capitalised dictionary noun opening a sentence, which the model took for a person or organisation: "Rice
    prices rose", "Time is running out". Not when the text capitalises it mid-sentence too, or it says something."""
    token = span[0]
    doc = span.doc
    opening = token.is_sent_start or (token.i > 0 and doc[token.i - 1].text in ("—", "--", "–", "“", '"'))
    if len(span) != 1 or spacy_label not in ("PERSON", "ORG") or not opening or not token.text[1:].islower():
        return False
    if token.lower_ not in nouns or token.head.lemma_ in ("say", "tell", "report", "announce", "add", "write"):
        return False
    if _head_type(span):  # "Parliament", "Treasury": a body named by its head noun
        return False
    if token.dep_ == "compound" and token.head.lower_ in _OWNED_NOUNS:  # "Amazon shares fell": a company
        return False
    return not any(i != token.i for i in mid_sentence_positions(doc).get(token.text, ()))


#: Possessive determiners: what follows belongs to someone named elsewhere.
_OWNERS = {"its", "their", "his", "her", "our", "your", "my"}


def _owned_scheme(span) -> bool:
    """A programme after a possessive pronoun ("its Humanitarian Program") is a body's scheme, not a body."""
    if span[-1].lower_ not in ("program", "programme"):
        return False
    k = span.start - 1
    while k >= 0 and span.doc[k].is_alpha and span.doc[k].text[:1].isupper():
        k -= 1  # the rest of the name when only its head was found: "its Humanitarian" + "Program"
    return k >= 0 and span.doc[k].lower_ in _OWNERS


#: Words a name does not end with: the model stopped too early.
_UNFINISHED = {"of", "for", "northern", "southern", "eastern", "western", "central"}


def _extend(span, label: str):
    """Grow a span over a hyphenated given name ("Park Min" + "-soo"), a trailing agency noun ("Army politburo") or
    the rest of a name cut after "of" ("Sea of" + "Japan")."""
    doc = span.doc
    end = span.end
    person_like = label == "PERSON" or span[0].text in KOREAN_SURNAMES
    if (
        person_like
        and end + 1 < len(doc)
        and doc[end + 1].lower_ not in ("based", "born", "led", "run", "backed", "made", "owned", "style")
        and doc[end].text in ("-", "‐")
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].text.islower()
    ):
        end += 2
    elif end < len(doc) and doc[end].text in TRAILING_HEADS.get(label, ()):
        if not (end + 1 < len(doc) and doc[end + 1].lower_ in ("of", "for")):
            end += 1
    elif label == "Place" and _place_name_end(doc, end):  # the ruler's "Kansas" in "Kansas City"
        end += 1
    elif span[-1].lower_ in _UNFINISHED:  # "Sea of" + "Japan", "University of Northern" + "Colorado": the model cut a name
        while end < len(doc) and end - span.end < 4 and doc[end].is_alpha and doc[end].text[:1].isupper():
            end += 1
            if "\n" in doc[end - 1].whitespace_:
                break
    return doc[span.start : end]


def _place_name_end(doc, i: int) -> bool:
    """Token i is a capitalised place word that ends a longer place name, not one that opens another name:
    "Kansas City" and "Kansas City Mayor X", not "Seoul City Hall"."""
    if i >= len(doc) or not doc[i].text.istitle() or doc[i].lower_ not in PLACE_NAME_ENDS or "\n" in doc[i - 1].whitespace_:
        return False
    after = doc[i + 1] if i + 1 < len(doc) else None
    return after is None or not (after.is_alpha and after.text[:1].isupper()) or after.lower_ in TITLES


def _split_names(span) -> list:
    """One span per name: "Seoul National University’s Institute for Peace" and "Seoul National University
    Institute for Peace" are two organisations; a plain possessive ("Kim Jong-un’s") is one."""
    doc = span.doc
    for token in span[1:-1]:
        i = token.i
        if token.text == "," and not _spelled_by_acronym(span) and not _portfolio_words(span):  # "the Ministry of X, Nam Gi-hyun": no comma in a name
            return [p for p in (*_split_names(doc[span.start : i]), *_split_names(doc[i + 1 : span.end])) if len(p)]
        if token.lower_ in ("’s", "'s") and _head_type(doc[span.start : i]):
            if _head_type(doc[i + 1 : span.end]):
                return [doc[span.start : i], doc[i + 1 : span.end]]
            return [doc[span.start : i]]  # "the Halvorsen Institute’s Korea program": the institute is the name
        if (
            doc[i - 1].lower_ in ORGANIZATION_HEADS | AGENCY_HEADS
            and token.lower_ in LEADING_HEADS
            and i - span.start >= 2
            and span.end - i >= 2
        ):
            return [doc[span.start : i], doc[i : span.end]]
    return [span]


def trim_span(ent, *, from_gazetteer: bool = False):
    """The entity span without a leading "the", titles, possessive "'s" and edge punctuation; None if nothing is left."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if end - start > 2 and doc[start].tag_ == "VBG" and doc[start + 1].lower_ in ("the", "a", "an"):
        start += 1  # "Crossing the Tumen River": a verb phrase around a name
    while start < end and (
        doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or _is_title_before(doc, start, end)
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


def _is_title_before(doc, start: int, end: int) -> bool:
    """A title to trim from a name, unless a head noun follows it: "General Administration of Customs" keeps "General"."""
    if doc[start].lower_ not in TITLES:
        return False
    return not (start + 1 < end and doc[start + 1].lower_ in AGENCY_HEADS | ORGANIZATION_HEADS)


def _head_type(span) -> str | None:
    words = [t.lower_ for t in span if not t.is_punct]
    if not words:
        return None
    last = words[-1]
    if last in OUTLET_HEADS or (len(words) > 1 and words[-2:] == ["news", "agency"]):
        return "Outlet"
    if last == "service" and "news" in words:
        return "Outlet"
    if words[0] in ("international", "world") and len(words) > 2:
        return "Organization"  # "International Atomic Energy Agency": a body of many states, not one state's agency
    if last in AGENCY_HEADS or words[0] in ("ministry", "department", "bureau", "office"):
        return "Agency"
    if last in ORGANIZATION_HEADS or words[0] in ("university", "institute", "bank", "center", "centre"):
        return "Organization"
    if len(words) > 1 and last in PLACE_HEADS:
        return "Place"
    if "of" in words[1:] or "for" in words[1:]:  # the head comes before the first "of"/"for": "Federal Office for X"
        head = words[min(words.index(w) for w in ("of", "for") if w in words[1:]) - 1]
        if head in AGENCY_HEADS or words[-3:] == ["chiefs", "of", "staff"]:  # "Joint Chiefs of Staff"
            return "Agency"
        if head in ORGANIZATION_HEADS:
            return "Organization"
        if head in PLACE_HEADS:
            return "Place"  # "Sea of Okhotsk"
    if any(w in ("university", "institute", "foundation", "bank", "party") for w in words):
        return "Organization"
    if any(w in ("ministry", "assembly", "customs") for w in words):  # customs is a state body wherever it stands
        return "Agency"
    if len(span) == 1:  # one word in parts: "AsiaPress", "DailyNK", "NKNews"
        parts = [p.lower() for p in re.findall(r"[A-Z][a-z]+|[A-Z]+(?![a-z])", span.text)]
        if len(parts) > 1 and any(p in OUTLET_HEADS for p in parts):
            return "Outlet"
    return None


def _context_type(span, spacy_label: str) -> str | None:
    doc = span.doc
    before = doc[max(0, span.start - 3) : span.start].text.lower()
    after = doc[span.end : span.end + 2].text.lower()
    line_start = span.start < 3 or "\n" in doc[max(0, span.start - 4) : span.start].text
    previous = [t.lower_ for t in doc[max(0, span.start - 3) : span.start] if t.lower_ not in ("the", "a", "an")]
    if "according to" in before and line_start and after.startswith(":"):
        return "Outlet"
    person_shaped = spacy_label == "PERSON" and len(span) > 1 and all(t.text.istitle() for t in span)
    if spacy_label in ("PERSON", "ORG") and not _is_korean_name(span) and not _is_surname_in(span) and not person_shaped:
        if after.startswith(SPEECH_OUTLET_CUES) or after.startswith("daily") or before.endswith(OUTLET_BEFORE):
            return "Outlet"
    if span.start > 0 and doc[span.start - 1].lower_ in TITLES and spacy_label != "ORG":
        return "Person"
    if _after_role(span):
        return "Person"  # "Quebec's immigration minister, Jane Roe, said"
    if spacy_label in ("PERSON", "ORG") and (described := _apposition_type(span)):
        return described  # "Jean-Claude Marin, a spokesman for Eurostat", "Eurostat, the EU's statistics office"
    if len(previous) >= 2 and previous[-1] in ("at", "of", "for", "with") and previous[-2] in ROLE_NOUNS:
        if spacy_label in ("PERSON", "ORG"):
            return "Organization"  # "a researcher at X"
    if previous[-2:-1] and previous[-1] == "of" and previous[-2] in PLACE_BEFORE:
        return "Place"  # "the border town of X"
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    if following in PLACE_HEADS | PLACE_BEFORE or (following.endswith("s") and following[:-1] in PLACE_HEADS):
        return "Place"  # "Yamagata prefecture", "Akita and Yamagata prefectures"
    if previous[-1:] == ["near"] and len(span) == 1 and spacy_label in ("ORG", "PERSON", "FAC"):
        return "Place"
    if len(span) == 1 and spacy_label == "PERSON" and span.root.dep_ == "pobj" and span.root.head.lower_ == "in":
        return "Place"  # "In Hoeryong we had nothing": nobody lives in a person
    if spacy_label in ("PERSON", "ORG") and _said_to_be_a_place(span):
        return "Place"
    if spacy_label == "PERSON":
        return "Person"
    if spacy_label in ("GPE", "LOC"):
        return "Person" if _is_given_name(span) else "Place"
    if spacy_label == "FAC":
        return "Place" if len(span) == 1 else "Organization"
    if spacy_label == "ORG":
        return "Organization"
    return None


def _apposition_type(span) -> str | None:
    """The type an apposition right after a name gives it; an age (", 58,") makes a person."""
    doc = span.doc
    match = _APPOSITION.match(doc_text(doc)[span.end_char : span.end_char + 90])
    if match is None:
        return None
    kind = APPOSITION_TYPES.get(match.group("noun"))
    if match.group("age"):
        return "Person" if kind in (None, "Person") else None
    if kind != "Person" and not re.match(r"^,\s+(?:a|an|the)\s", doc_text(doc)[span.end_char : span.end_char + 8]):
        return None  # "Seoul, office …": only "a/the office" describes the name
    return kind


def _person_after_title(span):
    """ "Hoshino Chief Executive Jane Roe" in one span: the employer before a capitalised title, and the person after it."""
    doc = span.doc
    for k in range(span.start + 1, span.end - 2):
        if doc[k].lower_ in TITLES and doc[k].text[:1].isupper() and doc[span.start].lower_ not in TITLES:
            j = k + 1
            while j < span.end and (doc[j].lower_ in TITLES or doc[j].lower_ in ("executive", "officer")):
                j += 1
            person = doc[j : span.end]
            if len(person) >= 2 and person.text[:1].isupper() and not any(t.lower_ in _CONNECTORS for t in person):
                return doc[span.start : k], person
    return None


def _said_to_be_a_place(span) -> bool:
    """ "X was the only region where …", "X is a port city": the subject of "be" with a place noun."""
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return False
    return any(t.dep_ == "attr" and t.lemma_ in PLACE_BEFORE | {"area", "place"} for t in root.head.children)


def _is_area(span) -> bool:
    """The name is where something is: the object of "in", "across", "within", "throughout" or "outside"."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in ("in", "across", "within", "throughout", "outside", "inside")


def _after_role(span) -> bool:
    """A name set off by commas right after a role noun names the person in it: "the board's chairman, X, said"."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc) or doc[span.start - 1].text != "," or doc[span.end].text != ",":
        return False
    return doc[span.start - 2].lower_ in ROLE_NOUNS | PERSON_NOUNS


def _is_given_name(span) -> bool:
    """One word before the family name of a person in the text: "Arnak" of "Arnak Veld" when "Sara Veld" is a person."""
    if len(span) != 1:
        return False
    data = span.doc.user_data  # spaCy's persons and one search of the whole text per word, once per Doc
    if "kg_families" not in data:
        data["kg_families"] = {e[-1].text for e in span.doc.ents if e.label_ == "PERSON" and len(e) > 1}
    answers = data.setdefault("kg_given_names", {})
    if span.text not in answers:
        after = re.finditer(rf"\b{re.escape(span.text)} ([A-Z][a-z]+)", doc_text(span.doc))
        answers[span.text] = any(m.group(1) in data["kg_families"] for m in after)
    return answers[span.text]


def _is_surname_in(span) -> bool:
    """A one-word name that is the family name of a longer person name in the same text ("Lee" after "Lee Byung-ho")."""
    if len(span) != 1:
        return False
    answers = span.doc.user_data.setdefault("kg_surnames", {})  # a search of the whole text once per word
    if span.text not in answers:
        answers[span.text] = bool(re.search(rf"\b{re.escape(span.text)} [A-Z][a-z]+", doc_text(span.doc)))
    return answers[span.text]


def _inside(span, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span.start_char and span.end_char <= end for start, end in ranges)


def _without_overlaps(candidates):
    """Keep the best spans that do not overlap: forced ones first, then the longest."""
    chosen, taken = [], set()
    for _, span in sorted(candidates, key=lambda c: (-c[0], -(c[1].end - c[1].start), c[1].start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        chosen.append(span)
        taken.update(range(span.start, span.end))
    return chosen
