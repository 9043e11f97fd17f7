"""Figures: a reported number with what it counts, its period, place and source."""

from __future__ import annotations

import re
from datetime import date

from kg.extract.common import (
    CITING_DATA,
    DATE_PREFIX_WORDS,
    MOVE_VERBS,
    SAY_VERBS,
    SETTLE_VERBS,
    SOURCE_VERBS,
    Locator,
    evidence_of,
    market_move,
    speaker_of,
)
from kg.nlp import PEOPLE_NOUNS
from kg.nlp.figures import NUMBER_WORDS
from kg.periods import MONTHS, resolve_period, shift_years, weekday_date, weekend
from kg.records import Article, Figure


def _in_since_clause(ent) -> bool:
    """A date inside a clause opened by "since" ("since X took power in 2011")."""
    token = ent.root
    for _ in range(3):
        head = token.head
        if head is token:
            return False
        if any(c.dep_ == "mark" and c.lower_ == "since" and c.i < ent.start for c in head.children):
            return True
        token = head
    return False


_BASELINE_WORDS = ("from", "than", "with", "before", "after", "below", "above")


def _baseline(doc, ent, words: tuple[str, ...] = _BASELINE_WORDS) -> bool:
    """A date a figure is compared against: "from 2,706 in 2011"'s "from", "53 percent below the 2011 level"."""
    i = ent.start - 1
    if i >= 0 and doc[i].lower_ == "the" and ent.text[:1].isdigit():
        i -= 1
    if i >= 1 and doc[i].lower_ in ("in", "during", "on") and doc[i - 1].lower_ in ("than", "from"):
        i -= 1  # "6 percent fewer than in the third quarter"
    span_end = ent.end + 1 < len(doc) and doc[ent.end].lower_ in ("to", "through", "until") and doc[ent.end + 1].ent_type_ == "DATE"
    if span_end or re.search(r"\w (?:to|through|until) \w", ent.text):
        return False  # "from January through April" is a span, not a baseline
    possessive = ent.text.endswith(("'s", "’s")) or (ent.end < len(doc) and doc[ent.end].text in ("'s", "’s"))
    if i >= 0 and doc[i].lower_ == "over" and possessive:
        return True  # "an increase of 3.8 percent over the current year's spending"
    return i >= 0 and doc[i].lower_ in words


_SPAN_WORDS = ("and", "to", "-", "through")
_TAIL = re.compile(
    r"\s*(?:period\s+)?(?:(?:of |in )?(?:last|this|next) year|(?:of |in )?(?:19|20)\d\d)\b|\s*period\b|\s*just (?:ended|completed)\b"
)


def _date_span(doc, sent, ent) -> tuple[int, int]:
    """The tokens of a date expression the model split or cut short ("between January and" + "November", "In 2016
    and" + "2017", "the January-March" + "period last year", "June 30" + ", 2015", "the year" + "just ended"),
    with the prepositions before it ("as of", "since", "in the")."""
    start, end = ent.start, ent.end
    if start - 2 >= sent.start and doc[start - 1].lower_ in _SPAN_WORDS:
        first = doc[start - 2]
        if first.ent_type_ == "DATE" or first.lower_ in MONTHS:
            start -= 2
            while start > sent.start and doc[start].ent_iob_ == "I":
                start -= 1
    while start > sent.start and doc[start - 1].lower_ in DATE_PREFIX_WORDS and ent.start - start < 6:
        start -= 1
    if end + 1 < sent.end and doc[end].lower_ in _SPAN_WORDS and doc[end + 1].ent_type_ == "DATE":
        end += 2
    elif end < sent.end and doc[end - 1].lower_ in _SPAN_WORDS and doc[end].ent_type_ == "DATE":
        end += 1  # "the months of October and" + "November", split by the model
    if end + 2 < sent.end and doc[end].text == "," and re.fullmatch(r"(?:19|20)\d\d", doc[end + 1].text):
        end += 2  # "June 30, 2015" split by the model
    offset = doc[end - 1].idx + len(doc[end - 1])
    if match := _TAIL.match(doc.text, offset, sent.end_char):
        if (span := doc.char_span(offset, match.end(), alignment_mode="expand")) is not None:
            end = max(end, span.end)
    return start, end


def _subordinate(date_token, number) -> bool:
    """A date in a clause of its own that hangs off a noun ("sanctions imposed in March", "a law that took effect
    in 2004"), not the clause of the figure."""
    phrase = number.head if number.head.pos_ in ("NOUN", "PROPN") else number  # "80 percent of those who came"
    own = {t.i for t in number.ancestors} | {t.i for t in phrase.subtree}
    token = date_token
    for _ in range(8):
        if token.head.i == token.i or token.i in own:
            return False
        if token.pos_ in ("VERB", "AUX"):  # the date's own clause, or one it is a complement of ("registered to find")
            if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ == "VBN"):
                return token.head.i not in own
            if token.dep_ not in ("xcomp", "advcl"):
                return False
        token = token.head
    return False


_CLAUSE_MARKS = {"before", "after", "until", "when", "once", "because", "while", "although", "though", "if", "unless"}


def _adverbial(date_token, own_verb) -> bool:
    """A date in an adverbial clause of the figure's verb ("… a year before the ban took effect in August")."""
    token = date_token
    while token.head.i != token.i and token != own_verb:
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS for c in token.children):
            return True
        token = token.head
    return False


_FISCAL_BEGINS = re.compile(
    rf",?\s+(?:that|which)\s+(?:begins|starts|will begin|will start)\s+(?:on\s+)?(?:{'|'.join(m.capitalize() for m in MONTHS)})\s+\d{{1,2}}(?:,\s+(?:19|20)\d\d)?"
)


def _period(
    doc,
    sent,
    number_token: int,
    published: date | None,
    numbers: set[int],
    *,
    previous: tuple | None = None,
    fiscal_start: int = 1,
):
    """The period a figure covers: the nearest date expression after it in its clause (not past a number
    of another clause, not a baseline after "from"), else the nearest before it; "so far"/"now" stocks end
    on the publication date. `previous` is the period "a year earlier" counts back from."""
    dates = [e for e in sent.ents if e.label_ == "DATE" and not e.start <= number_token < e.end]
    # "45 the year before", read by the model as one date: the date is what follows the number
    dates += [doc[number_token + 1 : e.end] for e in sent.ents if e.label_ == "DATE" and e.start == number_token < e.end - 1]
    own_verb = _governing_verb(doc[number_token])

    inside_brackets = {
        t.i
        for t in sent
        if any(a.text == "(" for a in doc[max(sent.start, t.i - 6) : t.i])
        and any(b.text == ")" for b in doc[t.i : min(sent.end, t.i + 6)])
    }

    def other_clause(i: int) -> bool:
        """A number between the figure and a date that belongs to a clause of its own."""
        return (
            i in numbers
            and i not in inside_brackets
            and (own_verb is None or getattr(_governing_verb(doc[i]), "i", None) != own_verb.i)
        )

    def compared(i: int) -> bool:
        """A number the figure is compared with: "down 52.8 percent from 2,706 in 2011"."""
        return i in numbers and any(t.lower_ in _BASELINE_WORDS + ("against",) for t in doc[max(0, i - 3) : i])

    def partner(i: int) -> bool:
        """The other end of the figure's own range: "10" + "to 15 percent"."""
        words = doc[number_token : i - 1]
        return doc[i - 1].lower_ in ("to", "and", "-") and all(t.like_num or t.lower_ in NUMBER_WORDS for t in words)

    def blocked(ent) -> bool:
        if _subordinate(ent.root, doc[number_token]) or _adverbial(ent.root, own_verb):
            return True
        between = [i for i in range(number_token + 1, ent.start) if i in numbers and not partner(i)]
        if any(other_clause(i) for i in between) or (between and compared(between[-1])):
            return True
        return _baseline(doc, ent)

    after = sorted(
        (e for e in dates if e.start > number_token and e.start - number_token <= 20 and not blocked(e)),
        key=lambda e: e.start,
    )
    later = [i for i in numbers if number_token < i < sent.end]
    clause = doc[sent.start : min(later) if later else sent.end].text
    stock = published is not None and re.search(
        r"\b(?:so far|to date|currently|now|(?:is|are|remain|remains) still|(?<!said )(?<!told )today)\b", clause, re.I
    )

    def anothers(ent) -> bool:
        """A date of a past clause, after its own figure, that a present one is joined to ("3,700 died between
        January and May, and 63 percent are over 80"), or, for a stock "still" standing, in a clause about another
        noun ("those who registered since 1988")."""
        verb = _governing_verb(ent.root)
        if verb is not None and own_verb is not None and own_verb.dep_ == "conj" and own_verb.head == verb:
            present = [own_verb, *(c for c in own_verb.children if c.dep_ == "aux")]
            tenses = verb.tag_ in ("VBD", "VBN") and any(t.tag_ in ("VBP", "VBZ") for t in present)
            if tenses and any(i < ent.start and getattr(_governing_verb(doc[i]), "i", None) == verb.i for i in numbers):
                return True
        return bool(stock) and _subordinate(ent.root, doc[number_token])

    def compared_with(ent) -> bool:
        """ "Compared with the same quarter a year earlier, output grew 1.2 percent": a fronted baseline."""
        return ent.start >= 2 and doc[ent.start - 1].lower_ in ("with", "to") and doc[ent.start - 2].lower_ == "compared"

    before = sorted(
        (
            e
            for e in dates
            if e.end <= number_token
            and not _baseline(doc, e, ("from", "than", "below", "above"))
            and not anothers(e)
            and not compared_with(e)
        ),
        key=lambda e: -e.end,
    )
    for ent in after + before:
        if re.search(r"\b(?:that|which)\s+(?:begins|starts|will begin|will start)(?:\s+on)?\s*$", doc[sent.start : ent.start].text):
            continue  # "July 1" in "the fiscal year that begins July 1" bounds another period
        start, end = _date_span(doc, sent, ent)
        day = weekday_date(doc[start:end].text, published)
        days = (day, day) if day else weekend(doc[start:end].text, published)
        if days is not None:
            as_of = doc[start].lower_ == "as"  # "as of Monday"; "on Tuesday" only on the figure's own verb, not "said"
            verb = _governing_verb(ent.root)
            if as_of or (verb is not None and verb == own_verb and verb.lemma_ not in SAY_VERBS | SOURCE_VERBS):
                return days
            continue
        texts = [doc[start:end].text, doc[start : ent.end].text, ent.text]
        if begins := _FISCAL_BEGINS.match(doc.text[doc[end - 1].idx + len(doc[end - 1]) : sent.end_char]):
            texts.insert(0, doc[start:end].text + begins.group())  # "the fiscal year" + "that begins July 1"
        if _in_since_clause(ent) and not doc[start:end].text.lower().startswith("since"):
            texts.insert(0, "since " + ent.text)  # "since Kim took office in late 2011, the share has …"
        for text in texts:
            period = resolve_period(text, published, previous=previous, fiscal_start=fiscal_start)
            if period is not None:
                return period
    if stock:
        return None, published
    return None


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


def _governing_verb(token):
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
    return None


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


SAME_PERIOD = re.compile(
    r"\b(?:for|in|during|at|over|of) (?:the|that) (?:same )?(period|date|time|month|quarter)\b", re.I
)
_DAYS = {"month": (27, 30), "quarter": (88, 91)}  # the length of a period minus one, in days


def _same_period(figures: list[Figure], unit: str, last_period: tuple) -> tuple:
    """ "in the quarter": the latest period of that length a figure before had; "for the period": the latest."""
    if unit.lower() not in _DAYS:
        return last_period
    low, high = _DAYS[unit.lower()]
    for figure in reversed(figures):
        if figure.period_start and figure.period_end and low <= (figure.period_end - figure.period_start).days <= high:
            return figure.period_start, figure.period_end
    return last_period


_SAME_SPAN = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:in|during|for|over) the same (?:period|time|quarter|week|(?:\w+ )?months?) (?:of |in )?"
    r"((?:19|20)\d\d|last year|the previous year|a year (?:earlier|ago|before))",
    re.I,
)
_POSSESSIVE_YEAR = re.compile(r"^\s*(?:of\s+)?(this|last) year[’']s\b", re.I)
_YEAR_END = re.compile(r"\bby the end of (?:the|this) year\b", re.I)


def _own_period(after: str, published: date | None, last_period) -> tuple | None:
    """A period written right after the number: "196 of this year's arrivals", "745 during the same six
    months of 2014" (the previous figure's months, in that year)."""
    if match := _POSSESSIVE_YEAR.match(after):
        return resolve_period(f"{match.group(1)} year", published)
    if (match := _SAME_SPAN.match(after)) and last_period and last_period[0] and last_period[1]:
        year = resolve_period(match.group(1), published, previous=last_period)
        if year and year[0]:
            try:
                return last_period[0].replace(year=year[0].year), last_period[1].replace(year=year[0].year)
            except ValueError:  # 29 February
                return None
    return None


_TABLE_YEAR = re.compile(r"(?:^|[\s;,(])((?:19|20)\d\d)\s*:\s*$")


def _table_year(before: str) -> tuple | None:
    """A table in prose, "2013: 1,514; 2014: 1,397": the year written before the number and a colon."""
    if match := _TABLE_YEAR.search(before):
        year = int(match.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _sentence_period(text: str, published: date | None) -> tuple | None:
    """A period named anywhere in the sentence when spaCy tagged no date: "by the end of the year"."""
    if published and _YEAR_END.search(text):
        return date(published.year, 1, 1), date(published.year, 12, 31)
    return None


def _measured(doc, candidate, unit: str) -> str | None:
    """A short phrase for what a figure counts, built from the counted noun, its modifiers and its verb;
    None when the sentence names nothing more specific than "people", "share" or "amount"."""
    number = doc[candidate.number_token]
    sent = number.sent
    if unit in MONEY_UNITS:
        noun = next((t for t in sent if t.lemma_.lower() in MONEY_NOUNS and t.pos_ == "NOUN"), None)
        if noun is None:
            verb = _governing_verb(number)
            subject = _subject_phrase(verb) if verb is not None and verb.lemma_ in _MONEY_VERBS else None
            return f"{_MONEY_VERBS[verb.lemma_]} of {subject}" if subject else None
        phrase = noun.lemma_.lower()
        purpose = _purpose(doc, candidate.number_token, sent.end)
        return f"{phrase} to {purpose}" if purpose else phrase
    verb = _governing_verb(number)
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
        share_verb = _governing_verb(number)
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


_MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS)
_FISCAL_START = re.compile(rf"fiscal(?: year)?(?: (?:19|20)\d\d)?,? (?:which|that) (?:begins|starts) (?:on )?({_MONTH_NAMES})")
_FISCAL_END = re.compile(
    rf"(?:fiscal|financial|business) year,? (?:(?:which|that) )?(?:ended|ends|ending) (?:on )?({_MONTH_NAMES})"
    rf"|\byear (?:ended|ending) ({_MONTH_NAMES})"
)


def fiscal_start(text: str) -> int:
    """The month the article's fiscal years begin in ("fiscal 2017, which begins July 1"; the month after that of
    "the year ended March 31"), else 1."""
    if match := _FISCAL_START.search(text):
        return MONTHS.index(match.group(1).lower()) + 1
    if match := _FISCAL_END.search(text):
        return (MONTHS.index((match.group(1) or match.group(2)).lower()) + 1) % 12 + 1
    return 1


def _dated(doc, sent, published: date | None, *, number: int | None = None, numbers: frozenset = frozenset()) -> bool:
    """Whether a sentence has a time expression of its own (not a baseline, not "year-on-year"); given the figure's
    `number` token, not counting a date that a later figure of the sentence stands right before ("… while profit
    climbed to 60 from 52 the previous year")."""

    def claimed(ent) -> bool:
        nearest = max((i for i in numbers if sent.start <= i < ent.start), default=None)
        return number is not None and nearest is not None and nearest > number

    return any(
        resolve_period(e.text, published, previous=(date(2000, 1, 1), date(2000, 12, 31))) is not None
        for e in sent.ents
        if e.label_ == "DATE" and not _baseline(doc, e) and not claimed(e)
    )


def _continued_period(figures: list[Figure], text: str, sent) -> tuple | None:
    """The period of the report a sentence with no time expression continues: that of the first dated
    figure of the previous sentence (whatever it counts), when nothing but a paragraph break, or one sentence
    without numbers in the same paragraph, lies between."""
    if not figures:
        return None
    raw = text[figures[-1].evidence.end : sent.start_char]
    between = raw.strip()
    if between and (re.search(r"\d|[.!?]\W*\s+\S", between) or len(between) > 200 or re.search(r"\n\s*$", raw)):
        return None  # one sentence with no number may open the paragraph ("Most of the group crossed the river.")
    last_sentence = figures[-1].evidence.start
    first = next((f for f in figures if f.evidence.start == last_sentence and f.period_start), None)
    return (first.period_start, first.period_end) if first else None


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


def _fiscal_year(doc, published: date | None, fiscal: int) -> tuple | None:
    """The fiscal year an article is about: the first "fiscal year" it names ("the 2018 fiscal year, which begins
    July 1", "the 2017-18 fiscal year")."""
    for ent in doc.ents:
        if ent.label_ != "DATE" or not re.search(r"\b(?:fiscal|financial|budget) year\b|\bfiscal (?:19|20)\d\d", ent.text, re.I):
            continue
        start, end = _date_span(doc, ent.sent, ent)
        text = doc[start:end].text
        if begins := _FISCAL_BEGINS.match(doc.text[doc[end - 1].idx + len(doc[end - 1]) : ent.sent.end_char]):
            text += begins.group()
        if (period := resolve_period(text, published, fiscal_start=fiscal)) and period[0] and (period[1] - period[0]).days > 360:
            return period
    return None


_SURVEY = {"survey", "poll", "interviews", "questionnaire", "census"}
_FIELDWORK_VERBS = {"conduct", "carry", "hold", "take", "do", "run", "field"}


def _survey_period(doc, published: date | None) -> tuple | None:
    """The fieldwork dates of the first survey an article describes ("the survey, conducted between Aug. 8 and
    Sept. 2, …"): a date on the verb that conducted it or on the survey noun itself."""
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        head = ent.root.head.head if ent.root.head.dep_ == "prep" else ent.root.head
        conducted = head.lemma_ in _FIELDWORK_VERBS and head.tag_ == "VBN" and head.head.lower_ in _SURVEY
        if conducted or head.lower_ in _SURVEY:
            start, end = _date_span(doc, ent.sent, ent)
            if (period := resolve_period(doc[start:end].text, published)) and period[0]:
                return period
    return None


def _survey_result(number, sent) -> bool:
    """A survey's answer: "44 percent said …", "… of respondents", "a margin of error of 2.8 points"."""
    if re.search(r"\brespondents\b|\bmargin of error\b", sent.text, re.I):
        return True
    subject = number.head if number.head.dep_ in ("nsubj", "nsubjpass") else number
    return subject.dep_ in ("nsubj", "nsubjpass") and subject.head.lemma_ in ("say", "answer", "respond", "reply")


def extract_figures(doc, article: Article, locate: Locator, sources: dict[int, str | None]) -> list[Figure]:
    figures: list[Figure] = []
    numbers = {c.number_token for c in doc._.kg_figures or []}
    fiscal = fiscal_start(doc.text)
    fiscal_year = _fiscal_year(doc, article.published, fiscal)
    survey = _survey_period(doc, article.published)
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
        last_period = next(((f.period_start, f.period_end) for f in reversed(figures) if f.period_end), None)
        after = doc.text[quantity.end : min(sent.end_char, quantity.end + 60)]
        period = _own_period(after, article.published, last_period) or _table_year(
            doc.text[max(sent.start_char, quantity.start - 12) : quantity.start]
        )
        if period is None:
            compared = previous if previous is not None and previous.period_end else None
            base = (compared.period_start, compared.period_end) if compared else last_period
            period = _period(
                doc, sent, candidate.number_token, article.published, numbers, previous=base, fiscal_start=fiscal
            )
        if period is None and last_period and (same := SAME_PERIOD.search(sent.text)):
            period = _same_period(figures, same.group(1), last_period)  # "for the period", "in the quarter"
        if period is None and previous is not None and previous.period_end:
            before = doc.text[max(sent.start_char, quantity.start - 16) : quantity.start]
            end_value = re.search(r"\b(?:to|at)\s*$", before)  # "rose … to 9,500"
            restated = re.search(r",\s*or\s*$", before)  # "198,300 applicants, or 30 percent of the total"
            compared = re.search(r"\bcompared (?:with|to)\s*$", before)  # "89 percent, compared with 62 percent"
            if candidate.noun is None or restated or ((end_value or compared) and not _dated(doc, sent, article.published)):
                period = (previous.period_start, previous.period_end)  # "with 603, … Canada with 282"
        if period is None:
            period = _sentence_period(sent.text, article.published)
        undated = not _dated(doc, sent, article.published, number=token.i, numbers=frozenset(numbers))
        carried = next((sources[i] for i in sorted(sources, reverse=True) if i < sent.start), None)
        source = _clause_source(token, locate, sent, carried) or sources.get(sent.start)
        new_voice = figures and source in people - {figures[-1].source} and "\n" in doc.text[figures[-1].evidence.end : sent.start_char]
        if period is None and previous is None and undated and not new_voice and not market_move(sent):
            period = _continued_period(figures, doc.text, sent)  # a sentence continuing the previous report, not a
            # person's own claim in a paragraph after it ("the report said …\n\nLee said brokers keep 25 percent")
        if period is None and survey and _survey_result(token, sent):
            period = survey  # "44 percent said …": the fieldwork dates of the article's survey
        budget_story = fiscal_year and figures and (figures[0].period_start, figures[0].period_end) == fiscal_year
        if budget_story and undated and period in (None, fiscal_year):
            # a story led by a fiscal year's budget: undated amounts are that year's, "from $58.9 million" the one before
            from_base = re.search(r"\bfrom\s*\W?$", doc.text[max(sent.start_char, quantity.start - 7) : quantity.start])
            period = shift_years(fiscal_year, -1) if from_base else fiscal_year
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
