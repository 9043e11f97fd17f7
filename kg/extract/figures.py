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
    market_move,
    speaker_of,
)
from kg.extract.figure_periods import (
    SAME_PERIOD,
    continued_period,
    dated,
    fiscal_start,
    fiscal_year,
    governing_verb,
    holds_now,
    own_period,
    period_of,
    same_period,
    sentence_period,
    survey_period,
    survey_result,
    table_year,
)
from kg.nlp import PEOPLE_NOUNS
from kg.periods import shift_years
from kg.records import Article, Figure

GENERIC_MEASURES = {"people", "persons", "individuals", "share", "amount", "number", "total", "figure", "data"}
MONEY_NOUNS = {"bribe", "fee", "price", "cost", "wage", "salary", "income", "earning", "pay", "fine", "reward"}
SHARE_NOUNS = {"share", "portion", "proportion", "ratio", "percentage"}
_SHARE_VERBS = {"account", "make", "represent", "comprise", "constitute"}
_VAGUE_SUBJECTS = {"it", "they", "this", "that", "which", "data", "figure", "figures", "number", "total", "count"}
_ARRIVAL_NOUNS = {"arrival", "newcomer", "entrant"}
_MONEY_VERBS = {"earn": "earnings", "pay": "payments", "charge": "charges", "spend": "spending", "receive": "receipts"}
MONEY_UNITS = {"KRW", "USD", "CNY", "EUR", "GBP", "JPY", "AUD", "CAD", "NZD", "HKD", "SGD", "CHF"}


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


_GENERIC = {"person": "people", "percent": "share"}
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


_RATE = re.compile(r"\s*(?:(?:and|to|-|–)\s*\W?\d[\d,.]*\s*(?:million |billion )?)?(?:\([^)]*\)\s*)?(?:[a-z]+\s+){0,2}?(?:a|an|per|each)\s+(?:year|month|week|day|kilogram|kg|ton|tonne|barrel|person)\b|\s*annually\b", re.I)
_THIS_OR_LAST = re.compile(r"\b(?:this|last) year\b|\bthe current year\b", re.I)


def _calendar_year(period: tuple, published) -> bool:
    """A period that is this or last calendar year."""
    start, end = period
    return bool(published and start and end and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
                and start.year == end.year and published.year - 1 <= start.year <= published.year)


def _compared(text: str, figure: Figure) -> bool:
    """A number given as the baseline of another: "compared with 58.9 percent in 2015", "down from 2,706"."""
    return bool(re.search(r"\b(?:compared (?:with|to)|than|from|against)\s+(?:[a-z]+\s+){0,2}?\W?$", text[max(0, figure.start - 30) : figure.start]))


def _restated(figures: list[Figure], quantity, before: str, after: str = "") -> tuple | None:
    """ "112 of the 487 new arrivals": a number given before, with the period it had then; "61 percent of the 1,127
    cases": the period of the total it is a share of."""
    value = quantity.value
    if not re.search(r"\bthe\s*\W?$", before):
        share = re.match(r"\s*(?:percent\s+|%\s*)?of (?:the|its|their) (\d[\d,]*(?:\.\d+)?)\b", after)
        if not share or quantity.unit != "percent":
            return None
        value = float(share.group(1).replace(",", ""))
    same = next((f for f in reversed(figures) if f.value == value and f.period_end), None)
    return (same.period_start, same.period_end) if same else None


_FIELDWORK_FIGURE = re.compile(r"\bmargin of error\b|\bsampling error\b|\bat the time of the (?:interview|survey)", re.I)
_MODALS = {"can", "could", "may", "might"}
_STATE_VERBS = {"be", "have", "live", "reside", "stay", "remain", "work", "employ", "own", "hold", "stand", "exist"}
_BUDGET = re.compile(r"\bbudget|\bspending plan|\bappropriat", re.I)


def extract_figures(doc, article: Article, locate: Locator, sources: dict[int, str | None]) -> list[Figure]:
    figures: list[Figure] = []
    numbers = {c.number_token for c in doc._.kg_figures or []}
    fiscal = fiscal_start(doc.text)
    budget_year, budget_at = fiscal_year(doc, article.published, fiscal) or (None, None)
    survey = survey_period(doc, article.published)
    people = {m.name for m in locate.mentions if m.type == "Person"} | ({article.author} if article.author else set())
    for candidate in doc._.kg_figures or []:
        quantity = candidate.quantity
        token = doc[candidate.number_token]
        sent = token.sent
        unit = _unit(doc, candidate)
        previous = figures[-1] if figures and figures[-1].evidence.start == sent.start_char else None
        measured = _measured(doc, candidate, unit)
        if candidate.noun is None and quantity.unit is None and previous is not None:
            unit, measured = previous.unit, previous.measured  # "1,502 in 2012, 1,514 in 2013"
        if measured is None:  # "arrivals peaked at 2,914 in 2009": the measure of the report it continues
            carried = _carried(figures, unit, sent.start_char)
            measured = carried.measured if carried else _GENERIC.get(unit, "amount")
        lead = figures[0].evidence.start if figures else sent.start_char
        lead_sentence = doc.char_span(lead, lead + 1, alignment_mode="expand").sent.text
        spending = _BUDGET.search(f"{article.title or ''}\n{lead_sentence}") or (
            article.published and budget_year and budget_year[1] >= article.published
        )  # a budget, or a fiscal year not over yet; not a year's statistics ("admitted five in fiscal 2017")
        budget_story = budget_year and spending and (
            lead == budget_at or (figures and (figures[0].period_start, figures[0].period_end) == budget_year)
        )  # a story led by a fiscal year's budget
        last_period = next(
            ((f.period_start, f.period_end) for f in reversed(figures) if f.period_end and not _compared(doc.text, f)), None
        )  # the report's period, not that of a number it was compared with
        after = doc.text[quantity.end : min(sent.end_char, quantity.end + 60)]
        partner = previous is not None and (
            re.fullmatch(r"\s*(?:to|and|-|–)\s*\W?", doc.text[previous.end : quantity.start])  # "12 million to 15 million"
            or re.search(r",\s*or\s*\W?$", doc.text[previous.end : quantity.start])  # "$3.6 billion …, or 46 percent"
        )
        period = ((previous.period_start, previous.period_end) if partner and previous.period_end else None) or own_period(
            after, article.published, last_period
        ) or table_year(
            doc.text[max(sent.start_char, quantity.start - 12) : quantity.start]
        ) or _restated(figures, quantity, doc.text[max(sent.start_char, quantity.start - 8) : quantity.start], after)
        now_after = re.match(r"\s*(?:[a-z]+\s+)?(?:now|currently)\b", after)  # "from 500,000 won now"
        if period is None and not now_after:
            compared = previous if previous is not None and previous.period_end else None
            # "… up from 20 percent a year ago": back from the figure compared with, or from the article's date
            base = (compared.period_start, compared.period_end) if compared else None if previous else last_period
            period = period_of(
                doc, sent, candidate.number_token, article.published, numbers, previous=base, fiscal_start=fiscal
            )
        money = unit in MONEY_UNITS
        if budget_story and money and fiscal != 1 and period and _calendar_year(period, article.published) and _THIS_OR_LAST.search(sent.text):
            period = shift_years(budget_year, -1)  # "up from $155.9 million this year": the fiscal year under way
        own_date = period is not None  # from the sentence itself, not carried from another
        if period is None and survey and _FIELDWORK_FIGURE.search(sent.text):
            period = survey  # the margin of error and the sample take the survey's fieldwork dates
        # a level "now" or a rate ("$80,000 a year", "500,000 won a month"): no period of its own, none carried over
        level_now = period is None and (bool(now_after) or holds_now(doc, sent, token.i, numbers))
        now = level_now or (period is None and bool(_RATE.match(after)))
        if period is None and not level_now and last_period and (same := SAME_PERIOD.search(sent.text)):
            period = same_period(figures, next(g for g in same.groups() if g), last_period)  # "for the period", "in the quarter"
        verb = governing_verb(token)
        present = verb is not None and (
            verb.tag_ in ("VBP", "VBZ")
            or any(c.dep_ == "aux" and (c.tag_ in ("VBP", "VBZ") and verb.tag_ == "VBG" or c.lower_ in _MODALS) for c in verb.children)
        )  # "is polling around 18 percent", "can run as much as 100 million won"
        # a count in the present ("38 of them live in", "60,000 children suffer from") takes no earlier report's period
        level = present and verb.lemma_ not in SAY_VERBS | SOURCE_VERBS
        holding = present and (verb.lemma_ in _STATE_VERBS or any(c.dep_ == "aux" for c in verb.children))  # "has 412"
        compared_before = (
            previous is not None
            and re.search(
                r"\b(?:from|than)\s+(?:more than |about |nearly |almost |some )?\W?$",
                doc.text[max(sent.start_char, previous.start - 24) : previous.start],
            )
            and not re.match(r"\s*(?:to|-|–|and)\s", doc.text[previous.end : previous.end + 6])  # "from 10,000 to 30,000"
        )  # "down from 53,000 in 2014, and each pupil brings $6,900": not the compared number's year
        if period is None and not now and previous is not None and previous.period_end and not compared_before:
            before = doc.text[max(sent.start_char, quantity.start - 16) : quantity.start]
            end_value = re.search(r"\b(?:to|at)\s*$", before)  # "rose … to 9,500"
            restated = re.search(r",\s*or\s*$", before)  # "198,300 applicants, or 30 percent of the total"
            compared = re.search(r"\bcompared (?:with|to)\s*$", before)  # "89 percent, compared with 62 percent"
            if candidate.noun is None or restated or ((end_value or compared) and not dated(doc, sent, article.published)):
                period = (previous.period_start, previous.period_end)  # "with 603, … Canada with 282"
            elif not present and not dated(doc, sent, article.published, number=token.i, numbers=frozenset(numbers)):
                period = (previous.period_start, previous.period_end)  # the sentence's one report: "… as 123,000 left"
        if period is None:
            period = sentence_period(sent.text, article.published)
        undated = not dated(doc, sent, article.published, number=token.i, numbers=frozenset(numbers))
        carried = next((sources[i] for i in sorted(sources, reverse=True) if i < sent.start), None)
        source = data_clause_owner(token, locate) or _clause_source(token, locate, sent, carried) or sources.get(sent.start)
        new_voice = figures and source in people - {figures[-1].source} and "\n" in doc.text[figures[-1].evidence.end : sent.start_char]
        if period is None and not now and not level and previous is None and undated and not new_voice and not market_move(sent):
            period = continued_period(figures, doc.text, sent)  # a sentence continuing the previous report, not a
            # person's own claim in a paragraph after it ("the report said …\n\nLee said brokers keep 25 percent")
        if period is None and not now and survey and survey_result(token, sent):
            period = survey  # "44 percent said …": the fieldwork dates of the article's survey
        budget_sentence = undated and not own_date and _BUDGET.search(sent.text) and not _compared(doc.text, quantity)
        if budget_story and (undated or sent.start_char == budget_at) and not now and (not holding or _BUDGET.search(sent.text)) and (
            period in (None, budget_year) or budget_sentence
        ):  # "The new budget sets aside $15.5 million": the budget year, whatever the sentence before covered
            # a story led by a fiscal year's budget: undated amounts are that year's, "from $58.9 million" the one before
            from_base = re.search(r"\bfrom\s*\W?$", doc.text[max(sent.start_char, quantity.start - 7) : quantity.start])
            period = shift_years(budget_year, -1) if from_base else budget_year
        places_after = locate.within(quantity.end, sent.end_char, ("Place",))
        places_before = locate.within(sent.start_char, quantity.start, ("Place",))
        close_before = (
            places_before[-1]
            if places_before
            and re.fullmatch(r"\W*(?:with|at|had|has|to)?\W*", doc.text[places_before[-1].end : quantity.start].strip())
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
