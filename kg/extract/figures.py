"""Figures: a reported number with what it counts, its period, place and source."""

from __future__ import annotations

import re

from kg.extract.common import (
    CITING_DATA,
    MOVE_VERBS,
    SAY_VERBS,
    SETTLE_VERBS,
    SOURCE_VERBS,
    Locator,
    data_clause_owner,
    evidence_of,
    speaker_of,
)
from kg.extract.figure_periods import article_dates, figure_period, governing_verb
from kg.nlp import PEOPLE_NOUNS
from kg.nlp.doc_index import doc_text
from kg.numbers import CURRENCY_CODES
from kg.records import Article, Figure

GENERIC_MEASURES = {"people", "persons", "individuals", "share", "amount", "number", "total", "figure", "data"}
MONEY_NOUNS = {"bribe", "fee", "price", "cost", "wage", "salary", "income", "earning", "pay", "fine", "reward"}
SHARE_NOUNS = {"share", "portion", "proportion", "ratio", "percentage"}
_SHARE_VERBS = {"account", "make", "represent", "comprise", "constitute"}
_VAGUE_SUBJECTS = {"it", "they", "this", "that", "which", "data", "figure", "figures", "number", "total", "count"}
_ARRIVAL_NOUNS = {"arrival", "newcomer", "entrant"}
_MONEY_VERBS = {"earn": "earnings", "pay": "payments", "charge": "charges", "spend": "spending", "receive": "receipts"}
MONEY_UNITS = CURRENCY_CODES


def _word(token) -> str:
    proper = token.pos_ == "PROPN" or token.ent_type_ or (token.text[:1].isupper() and not token.is_sent_start)
    return token.text if proper else token.lower_


def _noun_phrase(noun, *, after: int = -1, limit: int = 8) -> str:
    """The noun with its adjective and compound modifiers ("North Korean defectors")."""
    tokens = {noun}
    for left in noun.lefts:
        if left.dep_ in ("amod", "compound", "nmod", "nummod") and left.i > after:
            tokens.update(t for t in left.subtree if not t.like_num and t.pos_ not in ("DET", "PUNCT"))
    words = [_word(t) for t in sorted(tokens, key=lambda t: t.i)][-limit:]
    if noun.text[:1].isupper() and noun.lower_.endswith("ans"):
        words[-1] = noun.text[:-1]  # a demonym: "North Koreans" -> "North Korean people"
        words.append("people")
    return " ".join(words)


def _subject_phrase(verb, limit: int = 8) -> str | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in _VAGUE_SUBJECTS or subject.pos_ == "PRON":
        return None
    tokens = [t for t in subject.subtree if t.pos_ not in ("DET", "PUNCT") and not t.like_num]
    if not tokens or len(tokens) > limit:
        return None
    return " ".join(_word(t) for t in tokens)


def _purpose(doc, start: int, end: int) -> str | None:
    """ "… to cross the Tumen River": the first infinitive after a money figure."""
    for token in doc[start:end]:
        if token.pos_ == "VERB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
            if token.lemma_ in ("let", "help", "allow", "enable"):
                token = next((c for c in token.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"), token)
            objects = [c for c in token.children if c.dep_ in ("dobj", "prep")]
            words = [token.lemma_]
            for obj in objects[:1]:
                words += [_word(t) for t in obj.subtree if t.pos_ != "PUNCT"][:6]
            return " ".join(words)
    return None


def _measured(doc, candidate, unit: str) -> str | None:
    """A short phrase for what a figure counts, built from the counted noun, its modifiers and its verb;
    None when the sentence names nothing more specific than "people", "share" or "amount"."""
    number = doc[candidate.number_token]
    sent = number.sent
    if unit in MONEY_UNITS:
        noun = next((t for t in sent if t.lemma_.lower() in MONEY_NOUNS and t.pos_ == "NOUN"), None)
        if noun is None:
            verb = governing_verb(number)
            subject = _subject_phrase(verb) if verb is not None and verb.lemma_ in _MONEY_VERBS else None
            return f"{_MONEY_VERBS[verb.lemma_]} of {subject}" if subject else None
        phrase = noun.lemma_.lower()
        purpose = _purpose(doc, candidate.number_token, sent.end)
        return f"{phrase} to {purpose}" if purpose else phrase
    verb = governing_verb(number)
    if candidate.noun is None:
        if verb is not None and verb.lemma_ in _MONEY_VERBS and unit in MONEY_UNITS | {"percent"}:
            subject = _subject_phrase(verb)
            return f"{_MONEY_VERBS[verb.lemma_]} of {subject}" if subject else None
        if unit == "percent" and verb is not None:
            subject = _subject_phrase(verb)
            if subject:
                words = subject.split()
                if words[0] in SHARE_NOUNS:
                    words[0] = "share"
                return " ".join(words)
        return None
    noun = doc[candidate.noun]
    phrase = _noun_phrase(noun, after=candidate.number_token)
    if noun.lemma_.lower() in _ARRIVAL_NOUNS:
        phrase = phrase.rsplit(" ", 1)[0] + " defectors arriving" if " " in phrase else "defectors arriving"
    if unit == "percent":
        share_verb = governing_verb(number)
        subject = None
        if share_verb is not None and share_verb.lemma_ in _SHARE_VERBS:
            subject = _subject_phrase(share_verb, limit=3)
        return f"share of {subject} among {phrase}" if subject else f"share of {phrase}"
    if phrase.split()[-1] in GENERIC_MEASURES and len(phrase.split()) == 1:
        return None
    carrier = noun  # "a total of 1,277 defectors arrived": the verb of "total"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in ("nsubj", "nsubjpass"):
        carrier = noun.head.head
    verb = carrier.head if carrier.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    if verb is not None and verb.pos_ == "VERB" and not phrase.endswith("arriving"):
        if verb.lemma_ in MOVE_VERBS:
            phrase += " arriving"
        elif verb.lemma_ in SETTLE_VERBS:
            phrase += " resettling"
    if phrase.endswith(("arriving", "resettling")) and phrase.startswith("North Korean people"):
        phrase = "North Korean defectors" + phrase[len("North Korean people") :]
    return phrase


def _carried(figures: list[Figure], unit: str, start: int) -> Figure | None:
    """The latest figure of the same kind close before, whose measure an elliptical figure continues."""
    kinds = MONEY_UNITS if unit in MONEY_UNITS else {unit}
    for figure in reversed(figures):
        if start - figure.evidence.end > CARRY_DISTANCE:
            return None
        if figure.unit in kinds and figure.measured not in GENERIC_MEASURES:
            return figure
    return None


def _is_count(unit: str) -> bool:
    """A unit of things counted (people, homes, barrels), not money, a percent, points or a multiplier."""
    return unit not in MONEY_UNITS and unit not in ("percent", "percentage point", "basis point", "point", "times")


_GENERIC = {"person": "people", "percent": "share", "percentage point": "change", "basis point": "change"}
CARRY_DISTANCE = 800  # characters: a list of figures continuing one report


def _unit(doc, candidate) -> str:
    quantity = candidate.quantity
    if quantity.unit:
        return quantity.unit
    if candidate.noun is None:
        return "person"
    noun = doc[candidate.noun]
    if noun.lower_ in PEOPLE_NOUNS or noun.lemma_.lower() in PEOPLE_NOUNS or noun.ent_type_ == "NORP":
        return "person"
    return noun.lemma_.lower()


def _clause_source(number, locate: Locator, sent, carried: str | None = None) -> str | None:
    """Who states a figure when the sentence has several speakers: "The State Department has put the number at
    10,000, while Human Rights Watch has cited figures as high as 50,000", or the `carried` source of the
    report when the sentence's one speaker speaks in a clause joined after the figure's; else None."""
    speakers = [
        t
        for t in sent
        if (t.lemma_ in SAY_VERBS or t.lemma_ in SOURCE_VERBS or t.lemma_ == "expect") and t.pos_ in ("VERB", "AUX")
    ]
    if CITING_DATA.search(sent.text):
        return None  # "KBS reported …, citing data from the JCS": one source, whose data it is
    own = [number, *number.ancestors]
    if len(speakers) == 1 and carried and speakers[0].dep_ == "conj" and speakers[0] not in own and speakers[0].head in own:
        return carried  # "Arrivals were 53 percent below the 2011 level, and the ministry expects …": not the ministry's
    if len(speakers) < 2:
        return None
    indices = {s.i for s in speakers}
    for verb in [number, *number.ancestors]:
        if verb.i in indices:
            while verb.dep_ in ("ccomp", "xcomp") and verb.head.i in indices:
                verb = verb.head  # "Moon said the institute interviewed 412": the reported speech is Moon's
            speaker = speaker_of(verb, locate)
            return speaker.name if speaker is not None and speaker.type != "Place" else None
    return None


def extract_figures(doc, article: Article, locate: Locator, sources: dict[int, str | None]) -> list[Figure]:
    figures: list[Figure] = []
    numbers = {c.number_token for c in doc._.kg_figures or []}
    dates = article_dates(doc, article.published, article.title)
    people = {m.name for m in locate.mentions if m.type == "Person"} | ({article.author} if article.author else set())
    for candidate in doc._.kg_figures or []:
        quantity = candidate.quantity
        token = doc[candidate.number_token]
        sent = token.sent
        unit = _unit(doc, candidate)
        previous = figures[-1] if figures and figures[-1].evidence.start == sent.start_char else None
        measured = _measured(doc, candidate, unit)
        if candidate.noun is None and quantity.unit is None and previous is not None and _is_count(previous.unit):
            unit, measured = previous.unit, previous.measured  # "1,502 in 2012, 1,514 in 2013"
        if measured is None:  # "arrivals peaked at 2,914 in 2009": the measure of the report it continues
            carried = _carried(figures, unit, sent.start_char)
            measured = carried.measured if carried else _GENERIC.get(unit, "amount")
        carried = next((sources[i] for i in sorted(sources, reverse=True) if i < sent.start), None)
        source = data_clause_owner(token, locate) or _clause_source(token, locate, sent, carried) or sources.get(sent.start)
        new_voice = figures and source in people - {figures[-1].source} and "\n" in doc_text(doc)[figures[-1].evidence.end : sent.start_char]
        period = figure_period(doc, candidate, figures, numbers, dates, money=unit in MONEY_UNITS, new_voice=bool(new_voice))
        places_after = locate.within(quantity.end, sent.end_char, ("Place",))
        places_before = locate.within(sent.start_char, quantity.start, ("Place",))
        close_before = (
            places_before[-1]
            if places_before
            and re.fullmatch(r"\W*(?:with|at|had|has|to)?\W*", doc_text(doc)[places_before[-1].end : quantity.start].strip())
            else None
        )
        place = close_before or (places_after[0] if places_after else (places_before[-1] if places_before else None))
        if place and re.search(r"\b(?:arriving|resettling)$", measured):
            measured += f" in {place.name}"
        figures.append(
            Figure(
                value=quantity.value,
                unit=unit,
                measured=measured,
                text=quantity.text,
                start=quantity.start,
                end=quantity.end,
                evidence=evidence_of(sent),
                period_start=period[0] if period else None,
                period_end=period[1] if period else None,
                place=place.name if place else None,
                source=source,
                qualifier=quantity.qualifier,
            )
        )
    return figures
