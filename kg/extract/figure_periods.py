"""The period a figure covers: which date expression of its sentence, or of the report or article it continues,
gives its start and end (the figures extractor's dates; kg.periods resolves the expressions themselves)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kg.extract.common import CLAUSE_MARKS, DATE_PREFIX_WORDS, SAY_VERBS, SOURCE_VERBS, market_move
from kg.nlp.doc_index import doc_text, entities_in, sentence_of
from kg.nlp.figures import NUMBER_WORDS
from kg.numbers import parse_number
from kg.periods import MONTHS, month_number, resolve_period, shift_years, weekday_date, weekend
from kg.records import Figure


def _in_since_clause(ent) -> bool:
    """A date inside a clause opened by "since" ("since X took power in 2011"), not in a change's "from" phrase."""
    token = ent.root
    for _ in range(3):
        head = token.head
        if head is token or head.lower_ == "from":  # "…, falling from 2,706 in 2011": the baseline's date
            return False
        doc = token.doc
        marks = [c for c in head.children if c.dep_ == "mark" and c.lower_ == "since" and c.i < ent.start]
        if any(doc[c.i + 1].ent_type_ != "DATE" for c in marks):  # not "since 1998" read as a clause mark
            return True
        token = head
    return False


_BEGINS = r"(?:began|started|begins|starts|will begin|will start)"
_BASELINE_WORDS = ("from", "than", "with", "before", "after", "below", "above")


def _baseline(doc, ent, words: tuple[str, ...] = _BASELINE_WORDS) -> bool:
    """A date a figure is compared against: "from 2,706 in 2011"'s "from", "53 percent below the 2011 level"."""
    i = ent.start - 1
    if i >= 0 and doc[i].lower_ == "the" and ent.text[:1].isdigit():
        i -= 1
    if i >= 3 and doc[i].lower_ == "in" and doc[i - 2].lower_ == "the" and doc[i - 3].lower_ in ("double", "triple", "twice", "half", "than", "from"):
        return True  # "almost double the figure in 2015"
    if i >= 3 and doc[i].lower_ in ("of", "in") and doc[i - 2].lower_ == "same" and doc[i - 3].lower_ == "the":
        i -= 4  # "compared with the same period of" + "2016"
    if i >= 1 and doc[i].lower_ in ("in", "during", "on") and doc[i - 1].lower_ in ("than", "from"):
        i -= 1  # "6 percent fewer than in the third quarter"
    span_end = ent.end + 1 < len(doc) and doc[ent.end].lower_ in ("to", "through", "until") and doc[ent.end + 1].ent_type_ == "DATE"
    if span_end or re.search(r"\w (?:to|through|until) \w", ent.text):
        return False  # "from January through April" is a span, not a baseline
    on_period = re.search(r"\b(?:year|quarter|month|period|(?:19|20)\d\d)\b", ent.text, re.I)
    if on_period and i >= 1 and doc[i].lower_ == "on" and (doc[i - 1].like_num or doc[i - 1].lower_ in ("percent", "%", "points")):
        return True  # "up 29 percent on the previous year", not "fell 2.4 percent on Thursday"
    possessive = ent.text.endswith(("'s", "’s")) or (ent.end < len(doc) and doc[ent.end].text in ("'s", "’s"))
    if i >= 0 and doc[i].lower_ == "over" and possessive:
        return True  # "an increase of 3.8 percent over the current year's spending"
    return i >= 0 and (doc[i].lower_ in words or doc[i - 1 : i + 1].text.lower() == "compared to")  # "compared to 2017"


def _under_comparison(ent, number_token: int | None) -> bool:
    """A date inside the phrase a figure is compared with (not one the figure itself stands in): "10% lower than prices
    in the May 3 survey", "lower than the one reported in early May"."""
    token = ent.root
    for _ in range(5):
        if token.head is token or token.dep_ in ("conj", "ccomp", "advcl", "relcl") or token.tag_ in ("VBD", "VBZ", "VBP"):
            return False
        token = token.head
        if token.lower_ == "than" and token.head.tag_ in ("JJR", "RBR") and not token.i < (number_token or -1) < ent.start:
            return True
    return False


def _superlative_since(doc, ent) -> bool:
    """ "the lowest annual total since 2001": a "since" that qualifies a noun, not a count."""
    since = doc[ent.start - 1] if ent.start > 0 and doc[ent.start - 1].lower_ == "since" else None
    return since is not None and since.head.pos_ in ("NOUN", "ADJ")


def _baseline_owned(doc, ent, numbers, number_token: int | None) -> bool:
    """The date of a compared number just before it ("down from 90,000 in 2013, and each … costs $7,400")."""
    return any(
        any(t.lower_ in ("from", "than") for t in doc[max(0, j - 3) : j])
        for j in range(ent.start - 4, ent.start)
        if j in numbers and j != number_token
    )


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
        while end < sent.end and doc[end].ent_iob_ == "I":
            end += 1  # the whole of the second date: "March 2 and" + "April 20 this year"
    elif end < sent.end and doc[end - 1].lower_ in _SPAN_WORDS and doc[end].ent_type_ == "DATE":
        end += 1  # "the months of October and" + "November", split by the model
    if end < sent.end and doc[end].ent_type_ == "DATE" and re.search(rf"\b{_BEGINS}$", doc[start:end].text):
        end += 1  # "the fiscal year that began" + "last July"
        while end < sent.end and doc[end].ent_iob_ == "I":
            end += 1
    if end + 2 < sent.end and doc[end].text == "," and re.fullmatch(r"(?:19|20)\d\d", doc[end + 1].text):
        end += 2  # "June 30, 2015" split by the model
    offset = doc[end - 1].idx + len(doc[end - 1])
    if match := _TAIL.match(doc_text(doc), offset, sent.end_char):
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


def _adverbial(date_token, own_verb) -> bool:
    """A date in an adverbial clause of the figure's verb ("… a year before the ban took effect in August")."""
    token = date_token
    while token.head.i != token.i and token != own_verb:
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CLAUSE_MARKS for c in token.children):
            return True
        token = token.head
    return False


# a level that holds "now" has no period of its own (the article's date dates it); a running total "so far" ends on the
# publication date
_PRESENT = re.compile(r"\b(?:currently|now|(?:is|are|remain|remains) still|(?<!said )(?<!told )today)\b", re.I)
_SO_FAR = r"(?:so far|to date|thus far)"
_RUNNING_TOTAL = re.compile(rf"\b{_SO_FAR}\b", re.I)


def _clause_to(doc, sent, number_token: int, numbers: set[int]) -> str:
    """The sentence up to the next figure after this one."""
    later = [i for i in range(number_token + 1, sent.end) if i in numbers]
    return doc[sent.start : min(later) if later else sent.end].text


def holds_now(doc, sent, number_token: int, numbers: set[int]) -> bool:
    """A level the text says holds "now", "currently" or "still", and not a running total "so far"."""
    clause = _clause_to(doc, sent, number_token, numbers)
    return bool(_PRESENT.search(clause)) and not _RUNNING_TOTAL.search(clause)


def period_of(doc, sent, number_token: int, published: date | None, numbers: set[int], **options):
    """The period a figure covers (see `_period_of`); a total counted "since 1998" and given "as of the end of June"
    runs from the one to the other."""
    period = _period_of(doc, sent, number_token, published, numbers, **options)
    if period is None or published is None or "since" not in sent.text.lower():
        return period
    since = point = None
    for ent in entities_in(sent):
        if ent.label_ != "DATE":
            continue
        start, end = _date_span(doc, sent, ent)
        text = doc[start:end].text
        if _in_since_clause(ent) and not text.lower().startswith("since"):
            text = "since " + ent.text
        found = resolve_period(text, published)
        word = next((t for t in doc[max(sent.start, start - 1) : end] if t.lower_ == "since"), None)
        counted = _in_since_clause(ent) or (word is not None and word.head.pos_ in ("VERB", "AUX"))  # not "the lowest total since 2001"
        if found and counted and found[1] == published:
            since = since or found
        elif found and found[0] == found[1] and re.match(r"(?:as (?:of|at)|at the end of)\b", text, re.I):
            point = point or found
    if since and point and since[0] and since[0] < point[0] and period in (since, point):
        return since[0], point[1]
    return period


def _period_of(doc, sent, number_token: int, published: date | None, numbers: set[int], *, previous: tuple | None = None,
               fiscal_start: int = 1):
    """The period a figure covers: the nearest date expression after it in its clause (not past a number
    of another clause, not a baseline after "from"), else the nearest before it; a "so far" total ends
    on the publication date. `previous` is the period "a year earlier" counts back from."""
    dates = [e for e in entities_in(sent) if e.label_ == "DATE" and not e.start <= number_token < e.end
             and not (e.start > sent.start and doc[e.start - 1].ent_type_ == "DATE")]  # not the tail of the date before it
    # "45 the year before", read by the model as one date: the date is what follows the number
    dates += [doc[number_token + 1 : e.end] for e in entities_in(sent) if e.label_ == "DATE" and e.start == number_token < e.end - 1]
    for ent in dates:  # "the current year's $1.41 billion budget": the date the number is written after
        possessive = ent.text.endswith(("'s", "’s")) or (ent.end < len(doc) and doc[ent.end].text in ("'s", "’s"))
        if possessive and 0 <= number_token - ent.end <= 2 and all(not t.is_alpha for t in doc[ent.end : number_token]):
            for first in (ent.start - 2, ent.start - 1, ent.start):  # "this" + "year" + "'s", split by the model
                text = doc[max(first, sent.start) : ent.end].text
                if period := resolve_period(text, published, previous=previous, fiscal_start=fiscal_start):
                    return period
    own_verb = governing_verb(doc[number_token])
    if own_verb is not None and own_verb.dep_ == "relcl" and own_verb.head.ent_type_ == "DATE":
        # "down from the previous year, when an intake pushed the total to 24,430": the year the clause is about
        when = next((e for e in entities_in(sent) if e.label_ == "DATE" and e.start <= own_verb.head.i < e.end), None)
        if when is not None and (period := resolve_period(when.text, published, previous=previous, fiscal_start=fiscal_start)):
            return period

    inside_brackets = {t.i for t in sent if any(a.text == "(" for a in doc[max(sent.start, t.i - 6) : t.i])
                       and any(b.text == ")" for b in doc[t.i : min(sent.end, t.i + 6)])}

    def other_clause(i: int) -> bool:
        """A number between the figure and a date that belongs to a clause of its own."""
        return i in numbers and i not in inside_brackets and (
            own_verb is None or getattr(governing_verb(doc[i]), "i", None) != own_verb.i)

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
        if _superlative_since(doc, ent):
            return True  # "the lowest annual total since 2001": not the figure's period
        head = ent.root.head.head if ent.root.head.dep_ == "prep" else ent.root.head
        if head != own_verb and head.lemma_ in SAY_VERBS and head.pos_ == "VERB" and head.i > number_token:
            return True  # "…, Vice Minister Chun told lawmakers last week": when it was said
        between = [i for i in range(number_token + 1, ent.start) if i in numbers and not partner(i)]
        if any(other_clause(i) for i in between) or (between and compared(between[-1])):
            return True
        return _baseline(doc, ent) or _under_comparison(ent, number_token)

    after = sorted((e for e in dates if e.start > number_token and e.start - number_token <= 20 and not blocked(e)),
                   key=lambda e: e.start)
    clause = _clause_to(doc, sent, number_token, numbers)
    holds_present = _PRESENT.search(clause)
    running_total = published is not None and _RUNNING_TOTAL.search(clause)

    def anothers(ent) -> bool:
        """A date of a past clause, after its own figure, that a present one is joined to ("3,700 died between
        January and May, and 63 percent are over 80"), or, for a stock "still" standing, in a clause about another
        noun ("those who registered since 1988")."""
        verb = governing_verb(ent.root)
        if verb is not None and own_verb is not None and own_verb.dep_ == "conj" and own_verb.head == verb:
            present = [own_verb, *(c for c in own_verb.children if c.dep_ == "aux")]
            tenses = verb.tag_ in ("VBD", "VBN") and any(t.tag_ in ("VBP", "VBZ") for t in present)
            if tenses and any(i < ent.start and getattr(governing_verb(doc[i]), "i", None) == verb.i for i in numbers):
                return True
        return bool(holds_present or running_total) and _subordinate(ent.root, doc[number_token])

    def compared_with(ent) -> bool:
        """ "Compared with the same quarter a year earlier, output grew 1.2 percent": a fronted baseline."""
        return ent.start >= 2 and doc[ent.start - 1].lower_ in ("with", "to") and doc[ent.start - 2].lower_ == "compared"

    before = sorted((e for e in dates if e.end <= number_token and not _baseline(doc, e, ("from", "than", "below", "above"))
                     and not _baseline_owned(doc, e, numbers, number_token) and not _superlative_since(doc, e)
                     and not anothers(e) and not compared_with(e) and not _under_comparison(e, number_token)), key=lambda e: -e.end)
    for ent in after + before:
        if re.search(rf"\b(?:that|which)\s+{_BEGINS}(?:\s+on)?\s*$", doc[sent.start : ent.start].text):
            continue  # "July 1" in "the fiscal year that begins July 1" bounds another period
        start, end = _date_span(doc, sent, ent)
        day = weekday_date(doc[start:end].text, published)
        days = (day, day) if day else weekend(doc[start:end].text, published)
        if days is not None:
            as_of = doc[start].lower_ == "as"  # "as of Monday"; "on Tuesday" only on the figure's own verb, not "said"
            verb = governing_verb(ent.root)
            if as_of or (verb is not None and verb == own_verb and verb.lemma_ not in SAY_VERBS | SOURCE_VERBS):
                return days
            between = doc[number_token + 1 : ent.start]
            if 0 <= ent.start - number_token <= 10 and not any(
                t.i in numbers or t.text in ",;" or (t.pos_ == "VERB" and not _currency_won(t)) for t in between
            ):
                return days  # "sold for 5,150 won at a market in Pyongyang on Wednesday": the figure's own phrase
            continue
        texts = [doc[start:end].text, doc[start : ent.end].text, ent.text]
        if begins := _FISCAL_BEGINS.match(doc_text(doc)[doc[end - 1].idx + len(doc[end - 1]) : sent.end_char]):
            texts.insert(0, doc[start:end].text + begins.group())  # "the fiscal year" + "that begins July 1"
        if _in_since_clause(ent) and not doc[start:end].text.lower().startswith("since"):
            texts.insert(0, "since " + ent.text)  # "since Kim took office in late 2011, the share has …"
        leads = ent.start > number_token or ent.start - sent.start <= 3  # not "… so far this year, above the $2.8 million budgeted"
        so_far = published is not None and leads and (
            re.search(rf"\b{_SO_FAR}(?:\s+(?:in|during|for|over))?\s*$", doc_text(doc)[sent.start_char : ent[0].idx], re.I)
            or re.match(rf"\s*{_SO_FAR}\b", doc_text(doc)[doc[end - 1].idx + len(doc[end - 1]) : sent.end_char], re.I)
        )  # the date is what the "so far" counts within
        for text in texts:
            period = resolve_period(text, published, previous=previous, fiscal_start=fiscal_start)
            if so_far and period is not None and period[0] and period[1] and period[0] <= published < period[1]:
                return period[0], published  # "so far in the current fiscal year": up to the day of the report
            if period is not None:
                return period
    if running_total:
        return None, published
    return None


def _currency_won(token) -> bool:
    """ "won" after a number ("5,150 won", "5,150 North Korean won"), which the tagger can read as a verb."""
    doc = token.doc
    return token.lower_ == "won" and token.i > 0 and (doc[token.i - 1].like_num or doc[token.i - 1].lower_ == "korean")


def governing_verb(token):
    """The verb a token's clause hangs on (up to six steps up), or None."""
    for _ in range(6):
        verb = token.pos_ in ("VERB", "AUX") and not _currency_won(token)
        if verb or token.head is token:
            return token if verb else None
        token = token.head
    return None


SAME_PERIOD = re.compile(
    r"(?<!start )(?<!beginning )(?<!end )\b(?:(?:for|in|during|at|over|of|on) (?:the|that) (?:same )?|that same )(period|date|time|month|quarter)\b"
    r"|\bthe same (day)\b"
    r"|\b(?:in|during|over|for) (?:the|those|these) (?:same )?(?:(\w+) )?(months|weeks)\b(?! (?:of|in|last|a year|the previous|to|ended|ending))",
    re.I,
)
_DAYS = {"month": (27, 30), "quarter": (88, 91)}  # the length of a period minus one, in days


def same_period(figures: list[Figure], unit: str, last_period: tuple, count: str | None = None) -> tuple:
    """ "in the quarter": the latest period of that length a figure before had; "for the period": the latest;
    "in those nine months": the latest span of about nine months (of several months if the count is not a number)."""
    if unit.lower() in ("months", "weeks"):
        days = 30.4 if unit.lower() == "months" else 7
        number = parse_number(count) if count else None
        low, high = (number * days - 5, number * days + 5) if number else (days + 1, 10_000)
        return next(
            ((f.period_start, f.period_end) for f in reversed(figures)
             if f.period_start and f.period_end and low <= (f.period_end - f.period_start).days <= high),
            last_period,
        )
    if unit.lower() not in _DAYS:
        return last_period
    low, high = _DAYS[unit.lower()]
    for figure in reversed(figures):
        if figure.period_start and figure.period_end and low <= (figure.period_end - figure.period_start).days <= high:
            return figure.period_start, figure.period_end
    return last_period


_SAME_SPAN = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:in|during|for|over|of) the (?:same (?:period|time|quarter|week|(?:\w+ )?months?)|period) (?:of |in )?"
    r"((?:19|20)\d\d|last year|the previous (?:fiscal )?year|a year (?:earlier|ago|before))",
    re.I,
)
_POSSESSIVE_YEAR = re.compile(r"^\s*(?:of\s+)?(this|last) year[’']s\b", re.I)


def own_period(after: str, published: date | None, last_period) -> tuple | None:
    """A period written right after the number: "196 of this year's arrivals", "745 during the same six
    months of 2014" (the previous figure's months, in that year)."""
    if match := _POSSESSIVE_YEAR.match(after):
        return resolve_period(f"{match.group(1)} year", published)
    if (match := _SAME_SPAN.match(after)) and last_period and last_period[0] and last_period[1]:
        if explicit := re.fullmatch(r"(?:19|20)\d\d", match.group(1)):
            years = int(explicit.group()) - last_period[0].year  # "the same six months of 2014"
        else:
            years = -1  # "the same months of the previous fiscal year", "… last year", "… a year earlier"
        return shift_years(last_period, years)
    return None


_TABLE_YEAR = re.compile(r"(?:^|[\s;,(])((?:19|20)\d\d)\s*:\s*$")


def table_year(before: str) -> tuple | None:
    """A table in prose, "2013: 1,514; 2014: 1,397": the year written before the number and a colon."""
    if match := _TABLE_YEAR.search(before):
        year = int(match.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    return None


_MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_FISCAL_BEGINS = re.compile(
    rf",?\s+(?:that|which)\s+{_BEGINS}\s+(?:(?:on\s+)?(?:{_MONTH_NAMES})\s+\d{{1,2}}(?:,\s+(?:19|20)\d\d)?|last\s+(?:{_MONTH_NAMES})\b)"
)
_FISCAL_START = re.compile(rf"fiscal(?: year)?(?: (?:19|20)\d\d)?,? (?:which|that) {_BEGINS} (?:on |last )?({_MONTH_NAMES})")
_FISCAL_END = re.compile(
    rf"(?:fiscal|financial|business) year,? (?:(?:which|that) )?(?:ended|ends|ending) (?:on )?({_MONTH_NAMES})"
    rf"|\b(?:year|12 months|twelve months),? (?:(?:which|that) )?(?:ended|ending) (?:on )?({_MONTH_NAMES})"
)


def fiscal_start(text: str) -> int:
    """The month the article's fiscal years begin in ("fiscal 2017, which begins July 1"; the month after that of
    "the year ended March 31"), else 1."""
    if match := _FISCAL_START.search(text):
        return month_number(match.group(1))
    if match := _FISCAL_END.search(text):
        return month_number(match.group(1) or match.group(2)) % 12 + 1
    return 1


def dated(doc, sent, published: date | None, *, number: int | None = None, numbers: set[int] | frozenset = frozenset()) -> bool:
    """Whether a sentence has a time expression of its own (not a baseline, not "year-on-year"); given the figure's
    `number` token, not counting a date that a later figure of the sentence stands right before ("… while profit
    climbed to 60 from 52 the previous year")."""

    def claimed(ent) -> bool:
        nearest = max((i for i in range(sent.start, ent.start) if i in numbers), default=None)
        return number is not None and nearest is not None and nearest > number

    return any(
        resolve_period(e.text, published, previous=(date(2000, 1, 1), date(2000, 12, 31))) is not None
        for e in entities_in(sent)
        if e.label_ == "DATE" and not _baseline(doc, e) and not _under_comparison(e, number) and not claimed(e)
        and not _baseline_owned(doc, e, numbers, number)
    )


def continued_period(figures: list[Figure], text: str, sent) -> tuple | None:
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


def _event_day(before, verb, published: date) -> tuple | None:
    """The day the sentence before dates its own (not a saying) verb by, when the figure's sentence goes on with what
    the same subject did, named by a pronoun ("It imposed …", "They seized …")."""
    root = before.root
    if root.lemma_ in SAY_VERBS or not any(c.dep_ == "nsubj" and c.lower_ in ("it", "they") for c in verb.children):
        return None
    day = _named_period(before.doc, before, published, root)
    return day if day and day[0] == day[1] else None


def _named_period(doc, sent, published: date | None, verb=None) -> tuple | None:
    """The one period a sentence names (of the dates on `verb` alone, given one); None if it names none or several."""
    days = {weekday_date(e.text, published) or resolve_period(doc[slice(*_date_span(doc, sent, e))].text, published)
            for e in entities_in(sent) if e.label_ == "DATE" and (verb is None or verb in (e.root.head, e.root.head.head))}
    days = {d if isinstance(d, tuple) else (d, d) for d in days if d}
    return days.pop() if len(days) == 1 else None


def _past_story(doc, sent, figures: list[Figure], verb, published: date | None, numbers) -> tuple | None:
    """For an undated figure told in the past tense, the period of a story about a time before the article: that of its
    first dated figure ("Exports rose 22 percent" after "trade reached $620 billion in 2002"), else the one day the
    sentence before names when it has no figure ("… the elections, which were held on July 23")."""
    past = verb is not None and (verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children))
    lead = next(((f.period_start, f.period_end) for f in figures if f.period_end), None)
    before = sentence_of(doc[sent.start - 1]) if sent.start else None
    if past and published and before is not None and (day := _event_day(before, verb, published)):
        return day  # "The Treasury on Wednesday put X under sanctions. | It imposed sanctions on nine entities": that day
    if not past or published is None or (lead and lead[1] < published):
        return lead if past and published else None
    if before is None or any(t.i in numbers for t in before):
        return None
    day = _named_period(doc, before, published)
    return day if day and day[0] == day[1] and day[1] <= published else None


def fiscal_year(doc, published: date | None, fiscal: int) -> tuple[tuple, int] | None:
    """The fiscal year an article is about, and the character offset of the sentence naming it: the first "fiscal
    year" it names ("the 2018 fiscal year, which begins July 1", "the 2017-18 fiscal year")."""
    for ent in doc.ents:
        if ent.label_ != "DATE" or not re.search(r"\b(?:fiscal|financial|budget) year\b|\bfiscal (?:19|20)\d\d", ent.text, re.I):
            continue
        start, end = _date_span(doc, ent.sent, ent)
        text = doc[start:end].text
        if begins := _FISCAL_BEGINS.match(doc_text(doc)[doc[end - 1].idx + len(doc[end - 1]) : ent.sent.end_char]):
            text += begins.group()
        if (period := resolve_period(text, published, fiscal_start=fiscal)) and period[0] and (period[1] - period[0]).days > 360:
            return period, ent.sent.start_char
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


_MODALS = {"can", "could", "may", "might"}
_STATE_VERBS = {"be", "have", "live", "reside", "stay", "remain", "work", "employ", "own", "hold", "stand", "exist"}
_BUDGET = re.compile(r"\bbudget|\bspending plan|\bappropriat", re.I)


def _budget_story(doc, sent, figures: list[Figure], dates: ArticleDates) -> bool:
    """A story led by a fiscal year's budget: its lead (the first figure's sentence) names the budget year or has
    that year's figure, and it is about a budget or a fiscal year not over yet, not a year's statistics ("admitted
    five in fiscal 2017")."""
    lead = figures[0].evidence.start if figures else sent.start_char
    lead_sentence = doc.char_span(lead, lead + 1, alignment_mode="expand").sent.text
    spending = _BUDGET.search(f"{dates.title}\n{lead_sentence}") or (
        dates.published and dates.budget_year[1] >= dates.published
    )
    return bool(spending) and (lead == dates.budget_at
                               or bool(figures and (figures[0].period_start, figures[0].period_end) == dates.budget_year))


@dataclass(frozen=True)
class ArticleDates:
    """What an article says once about dates: when it was published, when its fiscal years begin, the budget year it
    is about (and the offset of the sentence naming it)."""

    published: date | None
    title: str
    fiscal: int
    budget_year: tuple | None
    budget_at: int | None


def article_dates(doc, published: date | None, title: str | None) -> ArticleDates:
    """Read an article's fiscal start and budget year once."""
    fiscal = fiscal_start(doc_text(doc))
    budget_year, budget_at = fiscal_year(doc, published, fiscal) or (None, None)
    return ArticleDates(published, title or "", fiscal, budget_year, budget_at)


def figure_period(
    doc, candidate, figures: list[Figure], numbers: set[int], dates: ArticleDates, *, money: bool, new_voice: bool
) -> tuple | None:
    """The period a figure covers, given the figures before it in the article: its own date expression
    (`period_of`), else what the report it belongs to covers (a range's other end, a restated number, "the same
    period", the sentence or the report it continues, a budget story's fiscal year), except for levels "now", rates
    and present-tense counts, which have none."""
    quantity = candidate.quantity
    token = doc[candidate.number_token]
    sent = token.sent
    previous = figures[-1] if figures and figures[-1].evidence.start == sent.start_char else None
    budget_story = dates.budget_year is not None and _budget_story(doc, sent, figures, dates)
    last_period = next(((f.period_start, f.period_end) for f in reversed(figures) if f.period_end  # the report's period,
                        and not _compared(doc_text(doc), f)), None)  # not that of a number it was compared with
    after = doc_text(doc)[quantity.end : min(sent.end_char, quantity.end + 60)]
    partner = previous is not None and (
        re.fullmatch(r"\s*(?:to|and|-|–)\s*\W?", doc_text(doc)[previous.end : quantity.start])  # "12 million to 15 million"
        or re.search(r",\s*or\s*\W?$", doc_text(doc)[previous.end : quantity.start])  # "$3.6 billion …, or 46 percent"
    )
    period = ((previous.period_start, previous.period_end) if partner and previous.period_end else None) or own_period(
        after, dates.published, last_period
    ) or table_year(
        doc_text(doc)[max(sent.start_char, quantity.start - 12) : quantity.start]
    ) or _restated(figures, quantity, doc_text(doc)[max(sent.start_char, quantity.start - 8) : quantity.start], after)
    now_after = re.match(r"\s*(?:[a-z]+\s+)?(?:now|currently)\b", after)  # "from 500,000 won now"
    if period is None and not now_after:
        compared = previous if previous is not None and previous.period_end else None
        # "… up from 20 percent a year ago": back from the figure compared with, or from the article's date
        base = (compared.period_start, compared.period_end) if compared else None if previous else last_period
        period = period_of(doc, sent, candidate.number_token, dates.published, numbers, previous=base, fiscal_start=dates.fiscal)
    if budget_story and money and dates.fiscal != 1 and period and _calendar_year(period, dates.published) and _THIS_OR_LAST.search(sent.text):
        period = shift_years(dates.budget_year, -1)  # "up from $155.9 million this year": the fiscal year under way
    own_date = period is not None  # from the sentence itself, not carried from another
    # a level "now" or a rate ("$80,000 a year", "500,000 won a month"): no period of its own, none carried over
    level_now = period is None and (bool(now_after) or holds_now(doc, sent, token.i, numbers))
    now = level_now or (period is None and bool(_RATE.match(after)))
    if period is None and not level_now and (same := SAME_PERIOD.search(sent.text)) and (last := last_period or (  # else the
            sent.start and _named_period(doc, sentence_of(doc[sent.start - 1]), dates.published))):  # one the sentence before names
        unit_word = same.group(1) or same.group(2) or same.group(4)
        period = same_period(figures, unit_word, last, same.group(3))  # "for the period", "in the quarter"
    verb = governing_verb(token)
    present = verb is not None and (verb.tag_ in ("VBP", "VBZ") or any(  # "is polling around 18 percent", "can run as much as …"
        c.dep_ == "aux" and (c.tag_ in ("VBP", "VBZ") and verb.tag_ == "VBG" or c.lower_ in _MODALS) for c in verb.children))
    # a count in the present ("38 of them live in", "60,000 children suffer from") takes no earlier report's period
    level = present and verb.lemma_ not in SAY_VERBS | SOURCE_VERBS
    holding = present and (verb.lemma_ in _STATE_VERBS or any(c.dep_ == "aux" for c in verb.children))  # "has 412"
    # "down from 53,000 in 2014, and each pupil brings $6,900": not the compared number's year (nor "from 10,000 to 30,000")
    compared_before = previous is not None and re.search(r"\b(?:from|than)\s+(?:more than |about |nearly |almost |some )?\W?$",
                                                          doc_text(doc)[max(sent.start_char, previous.start - 24) : previous.start]
                                                          ) and not re.match(r"\s*(?:to|-|–|and)\s", doc_text(doc)[previous.end : previous.end + 6])
    undated = not dated(doc, sent, dates.published, number=token.i, numbers=numbers)
    if period is None and not now and previous is not None and previous.period_end and not compared_before:
        before = doc_text(doc)[max(sent.start_char, quantity.start - 16) : quantity.start]
        end_value = re.search(r"\b(?:to|at)\s*$", before)  # "rose … to 9,500"
        restated = re.search(r",\s*or\s*$", before)  # "198,300 applicants, or 30 percent of the total"
        compared = re.search(r"\bcompared (?:with|to)\s*$", before)  # "89 percent, compared with 62 percent"
        if candidate.noun is None or restated or ((end_value or compared) and not dated(doc, sent, dates.published)):
            period = (previous.period_start, previous.period_end)  # "with 603, … Canada with 282"
        elif not present and undated:
            period = (previous.period_start, previous.period_end)  # the sentence's one report: "… as 123,000 left"
    if period is None and not now and not level and previous is None and undated and not new_voice and not market_move(sent):
        period = continued_period(figures, doc_text(doc), sent) or _past_story(doc, sent, figures, verb, dates.published, numbers)  # not a
        # person's own claim in a paragraph after it ("the report said …\n\nLee said brokers keep 25 percent")
    budget_sentence = undated and not own_date and _BUDGET.search(sent.text) and not _compared(doc_text(doc), quantity)
    if budget_story and (undated or sent.start_char == dates.budget_at) and not now and (not holding or _BUDGET.search(sent.text)) and (
        period in (None, dates.budget_year) or budget_sentence
    ):  # "The new budget sets aside $15.5 million": the budget year, whatever the sentence before covered
        # a story led by a fiscal year's budget: undated amounts are that year's, "from $58.9 million" the one before
        from_base = re.search(r"\bfrom\s*\W?$", doc_text(doc)[max(sent.start_char, quantity.start - 7) : quantity.start])
        period = shift_years(dates.budget_year, -1) if from_base else dates.budget_year
    return period
