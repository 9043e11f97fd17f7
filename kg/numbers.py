"""kg's quantity grammar: how numbers, scales, signs, currencies and percents are written in news,
and which written numbers are not figures at all.

Every form lives in one of the tables below (NUMBER_FORMS, SCALE_WORDS, SCALE_SUFFIXES,
CURRENCY_SIGNS, CURRENCY_WORDS, PERCENT_FORMS, NOT_A_FIGURE), each tested form by form in
tests/test_numbers.py. `find_quantities` returns every candidate with its value, unit (an ISO 4217
code, `percent`, `percentage point`, `basis point`, `point`, `times` or None), qualifier and character span;
`not_a_figure` says, from the text around it, why a candidate is no reported figure (a clock time,
a model name, a page number, …). What a figure counts and whether it is a date, a duration or an
age needs the parse, and is the figures component's job (kg/nlp/figures.py).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

log = logging.getLogger(__name__)

MAX_DIGITS = 18  # longer digit runs are not figures a reader reports
MAX_VALUE = 10**18  # larger values are not figures a reader reports

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_WORDS = "|".join(sorted([*_UNITS, *_TENS, *_SCALES, "dozen"], key=len, reverse=True))

# How digits are written: "1,277", "4,50,000" (Indian grouping), "52.8", ".05"
NUMBER_FORMS = {
    "grouped": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?",
    "indian grouped": r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?",
    "plain or decimal": r"\d+(?:\.\d+)?",
    "leading dot": r"\.\d+",
}
_DIGITS = "|".join(NUMBER_FORMS[k] for k in ("indian grouped", "grouped", "plain or decimal", "leading dot"))

# Scale words after digits ("17 million", "Rs 4,500 crore", "1.2 lakh crore")
SCALE_WORDS = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
    "lakh crore": 10**12,
}
# Scale suffixes ("$4.2M", "$2.3bn", "£250k", "1.3tn yen"); the one-letter ones only with a currency
# or after a decimal ("2.5m people"), since "200m" alone is metres
SCALE_SUFFIXES = {
    "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9, "tn": 10**12, "trn": 10**12
}
_ONE_LETTER = {"k", "m", "b"}
_SCALE_WORD = "|".join(sorted((w.replace(" ", r"\s+") for w in SCALE_WORDS), key=len, reverse=True))
_SCALE = rf"(?:\s*|-)(?:{_SCALE_WORD})\b|\s?(?:bn|mn|mln|tn|trn)\b|(?-i:[mMkKbB])(?![\w$£€])"

# Currency signs and codes before the number ("$", "US$", "$US", "A$", "$A", "HK $", "RM", "Rs.", "₹", "EUR ")
CURRENCY_SIGNS = {
    "$": "USD",
    "US$": "USD",
    "$US": "USD",
    "U.S.$": "USD",
    "A$": "AUD",
    "$A": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "$C": "CAD",
    "NZ$": "NZD",
    "$NZ": "NZD",
    "HK$": "HKD",
    "$HK": "HKD",
    "S$": "SGD",
    "SG$": "SGD",
    "NT$": "TWD",
    "RM": "MYR",
    "Rs": "INR",
    "Rs.": "INR",
    "₹": "INR",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₩": "KRW",
    "W": "KRW",
    "Rp": "IDR",
    "₱": "PHP",
    "฿": "THB",
    "₫": "VND",
    "CN¥": "CNY",
    "₦": "NGN",
    "₽": "RUB",
    "₺": "TRY",
    "R$": "BRL",
}
CURRENCY_CODES = frozenset(
    {"USD", "AUD", "CAD", "NZD", "HKD", "SGD", "TWD", "MYR", "INR", "EUR", "GBP", "JPY", "CNY", "KRW", "KPW", "CHF",
     "IDR", "PHP", "THB", "VND", "RMB", "AED", "SAR", "ZAR", "NGN", "PKR", "BDT", "LKR", "RUB", "TRY", "BRL", "MXN"}
)


def _sign_pattern(sign: str) -> str:
    """A currency sign with the spacing variants news uses ("HK $", "US $", "Rs. ")."""
    if sign == "W":
        return r"W(?=\d)"
    if "$" in sign and sign != "$":
        letters = sign.replace("$", "")
        if sign.endswith("$"):
            return rf"{re.escape(letters)}\s?\$\s?"
        return rf"\$\s?{re.escape(letters)}(?=\s?[\d.])\s?"
    if sign[0].isalpha():
        return rf"{re.escape(sign)}(?![A-Za-z])\s?"
    return re.escape(sign) + r"\s?"


_CURRENCY_PREFIX = (
    r"(?<![A-Za-z$])(?-i:"
    + "|".join(_sign_pattern(s) for s in sorted(CURRENCY_SIGNS, key=len, reverse=True) if s != "$")
    + "|(?:" + "|".join(sorted(CURRENCY_CODES - {"PHP"})) + r")\s?(?=[\d.])"  # "PHP 8" is a version
    + r"|\$\s?)"
)

# Currency words after the number ("30 yen", "500 million ringgit", "12 million Canadian dollars")
CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "new zealand dollars": "NZD",
    "hong kong dollars": "HKD",
    "singapore dollars": "SGD",
    "taiwan dollars": "TWD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "won": "KRW",
    "south korean won": "KRW",
    "north korean won": "KPW",
    "rupees": "INR",
    "rupee": "INR",
    "indian rupees": "INR",
    "pakistani rupees": "PKR",
    "ringgit": "MYR",
    "baht": "THB",
    "rupiah": "IDR",
    "philippine pesos": "PHP",
    "mexican pesos": "MXN",
    "dong": "VND",
    "swiss francs": "CHF",
    "dirhams": "AED",
    "riyals": "SAR",
    "rand": "ZAR",
    "naira": "NGN",
    "roubles": "RUB",
    "rubles": "RUB",
}
# Hundredths of a currency ("64.3 US cents", "20p", "50 pence")
SUBUNIT_WORDS = {"cents": "USD", "us cents": "USD", "pence": "GBP", "p": "GBP"}
_CURRENCY_WORD = "|".join(
    sorted((w.replace(" ", r"\s+").replace(".", r"\.") for w in CURRENCY_WORDS), key=len, reverse=True)
)
_SUBUNIT_WORD = r"(?:us\s+)?cents\b|pence\b|(?<=\d)p\b"

# Percent and points ("%", "per cent", "percent", "pct", "7pc"; "percentage points", "basis points")
PERCENT_FORMS = {
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "per-cent": "percent",
    "pct": "percent",
    "pc": "percent",
    "percentage points": "percentage point",
    "percentage point": "percentage point",
    "pct points": "percentage point",
    "ppt": "percentage point",
    "pp": "percentage point",
    "basis points": "basis point",
    "basis point": "basis point",
    "bps": "basis point",
    "bp": "basis point",
    "points": "point",
    "point": "point",
}
_PERCENT = (
    r"percentage\s+points?|pct\.?\s+points?|basis\s+points?|per[\s-]?cent\b|pct\b|%"
    r"|(?<=\d)(?:pc|ppts?|pp|bps|bp)\b|(?-i:(?<=\d\s)(?:pc|bps|ppts?)\b)|points?\b"
)
# Multipliers ("three times more", "12 times higher", "a two-fold rise"); "three times a week" is a frequency
_TIMES = (
    r"times(?=\s+(?:more|less|fewer|higher|lower|larger|bigger|greater|smaller|faster|as|the|that|over|what)\b)"
    r"|-?fold\b"
)
_UNIT_SUFFIX = (
    rf"(?P<percent>{_PERCENT})|(?P<subunit>{_SUBUNIT_WORD})|(?P<money>{_CURRENCY_WORD})\b|(?P<times>{_TIMES})"
)

# Fractions of a point ("half a percentage point", "a quarter of a point")
FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75
}
_FRACTION = (
    r"(?:half|a\s+half|one\s+half|a\s+quarter|one\s+quarter|three[\s-]quarters)(?:\s+of)?\s+a"
    r"(?:(?=\s+(?:percentage\s+|basis\s+)?points?\b)|\s+(?P<fraction_of>million|billion|trillion|thousand|dozen)\b)"
)

# Shares written as fractions ("half of the victims", "a third of their value", "cut by a quarter", "one in five
# adults"): a percent, thirds to one decimal as a reader writes them; not "the first half of 2015"
SHARE_FRACTIONS = {
    "half": 50, "a half": 50, "one half": 50,
    "a third": 33.3, "one third": 33.3, "two thirds": 66.7,
    "a quarter": 25, "one quarter": 25, "three quarters": 75,
    "a fifth": 20, "one fifth": 20, "two fifths": 40, "three fifths": 60, "four fifths": 80,
    "a tenth": 10, "one tenth": 10, "three tenths": 30, "nine tenths": 90,
}
_NOT_A_SHARE_BEFORE = "".join(  # "the first half of", "the other half": a part, not a share
    rf"(?<!\b{w}\s)"
    for w in ("first", "second", "third", "fourth", "other", "latter", "former", "the", "this", "last", "next")
)
_FRACTION_WORD = r"(?:half|(?:a|one)[\s-]half|(?:a|one|two|three|four|nine)[\s-](?:thirds?|quarters?|fifths?|tenths?))"
_NOT_A_SHARE_AFTER = (  # "a quarter of an hour", "half of 2015"
    r"(?!\s+of\s+(?:\d|(?:an?\s+)?(?:hour|minute|second|day|week|month|year|century|mile|inch|point|percentage)\b))"
)
_EVERY = r"\d{1,3}|two|three|four|five|six|seven|eight|nine|ten"
_SHARE = (
    rf"{_NOT_A_SHARE_BEFORE}{_FRACTION_WORD}{_NOT_A_SHARE_AFTER}(?=\s+of\b)"
    rf"|(?<=\bby\s){_FRACTION_WORD}\b(?!\s+(?:a|an|of)\b)"
    rf"|(?:one|1)\s+in\s+(?P<in_every>{_EVERY})\b(?![-–]|\s*[,.]?\d)"
)

_SIGN = r"(?<![\w.%])[-−](?=\$?\.?\d)|\+(?=\.?\d)|(?<!plus\sor\s)minus\s+(?=\$?\.?\d)"
_WORD = rf"(?:{_WORDS}|\d+(?![.,]?\d|[-–]\d))"  # a number word, or digits not in a decimal, a grouping or "3-1"
_WORD_NUMBER = rf"(?:a\s+)?{_WORD}(?:(?:-|\s+|\s+and\s+){_WORD})*"

QUALIFIERS = {
    "no fewer than": "at least",
    "no less than": "at least",
    "not less than": "at least",
    "not fewer than": "at least",
    "no more than": "up to",
    "not more than": "up to",
    "as much as": "up to",
    "as many as": "as many as",
    "as high as": "as many as",
    "as few as": "at least",
    "as little as": "at least",
    "as low as": "at least",
    "a maximum of": "up to",
    "a minimum of": "at least",
    "more than": "more than",
    "a little more than": "more than",
    "slightly more than": "more than",
    "well over": "over",
    "close to": "nearly",
    "just shy of": "nearly",
    "an estimated": "about",
    "estimated": "about",
    "almost": "almost",
    "nearly": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "just over": "over",
    "over": "over",
    "less than": "less than",
    "fewer than": "less than",
    "just under": "under",
    "under": "under",
    "up to": "up to",
    "at least": "at least",
}
_QUALIFIER = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
QUANTITY = re.compile(  # never from inside a word: that check first keeps the scan fast
    rf"(?<![A-Za-z])(?:(?P<qualifier>{_QUALIFIER})\s+)?(?P<sign0>{_SIGN})?(?P<currency>{_CURRENCY_PREFIX})?(?P<sign>{_SIGN})?"
    rf"(?P<number>(?P<digits>{_DIGITS})(?P<scale>{_SCALE})?|\b(?P<fraction>{_FRACTION})|\b(?P<share>{_SHARE})"
    rf"|\b(?:{_WORD_NUMBER})\b)"
    rf"(?:\s*(?:{_UNIT_SUFFIX}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its unit (a currency code, percent, points, times) if written with it."""

    value: int | float
    start: int
    end: int
    number_start: int
    text: str
    unit: str | None = None
    qualifier: str | None = None
    has_digits: bool = True
    fraction_share: bool = False  # "half of", "a third of", "one in five": a percent written as a fraction


def _finite(value: Decimal) -> int | float | None:
    """An exact int for whole values, a float otherwise; None past MAX_VALUE."""
    if not value.is_finite() or abs(value) > MAX_VALUE:
        log.debug("skipping number out of range")
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _scale_of(suffix: str) -> int:
    suffix = re.sub(r"\s+", " ", suffix.strip().lower().removeprefix("-"))
    return SCALE_WORDS.get(suffix) or SCALE_SUFFIXES[suffix]


def parse_number(text: str) -> int | float | None:
    """The value of a written number ("1,277", "17 million", "4.2m", "1.2 lakh crore", "one-hundred-91", "a dozen"),
    or None.

    Whole values come back as exact ints (no float rounding for long figures), others as floats;
    numbers too long or too large to be a reported figure give None (logged at debug level)."""
    text = text.strip().lower()
    if not text:
        return None
    match = re.fullmatch(rf"({_DIGITS})({_SCALE})?", text, re.IGNORECASE)
    if match:
        digits = match.group(1).replace(",", "")
        if len(digits.split(".")[0]) > MAX_DIGITS or len(digits) > 2 * MAX_DIGITS:
            log.debug("skipping number with too many digits: %s…", text[:20])
            return None
        try:
            value = Decimal(digits)
        except InvalidOperation:
            log.debug("skipping unparseable number: %s", text[:20])
            return None
        if match.group(2):
            value *= _scale_of(match.group(2))
        return _finite(value)
    return _parse_words(text)


def _parse_words(text: str) -> int | float | None:
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if words and words[0] == "a":
        words = words[1:]
        if words and words[0] in _SCALES:
            words = ["one", *words]
    if not words or len(words) > 12:
        return None  # no reader writes a figure in more than a dozen words
    total, current, seen = 0, 0, False
    for word in words:
        if word.isdigit():
            if len(word) > MAX_DIGITS:
                log.debug("skipping number with too many digits: %s…", word[:20])
                return None
            current += int(word)
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
        if total + current > MAX_VALUE:
            log.debug("skipping number out of range: %s…", text[:40])
            return None
        seen = True
    return total + current if seen else None


def _fraction_value(fraction: str, whole: str | None) -> int | float | None:
    """ "half a" → 0.5; "a quarter of a million" → 250000; "half a dozen" → 6."""
    words = re.sub(r"[\s-]+", " ", fraction.lower())
    if whole:
        words = words[: words.rindex(whole.lower())]
    part = FRACTIONS[words.strip().removesuffix(" a").removesuffix(" of")]
    scale = 12 if whole and whole.lower() == "dozen" else _SCALES[whole.lower()] if whole else 1
    return _finite(Decimal(str(part)) * scale)


def _share_value(share: str, in_every: str | None) -> int | float | None:
    """ "half" → 50, "two-thirds" → 66.7, "one in five" → 20 (percent)."""
    if in_every:
        every = parse_number(in_every)
        share = round(100 / every, 1) if every and every > 1 else None
        return int(share) if share is not None and share.is_integer() else share
    words = re.sub(r"[\s-]+", " ", share.lower())
    return SHARE_FRACTIONS.get(words) or SHARE_FRACTIONS.get(words.rstrip("s"))


def unit_of(currency: str | None, unit: str | None) -> str | None:
    """The unit for a currency sign or a unit word: an ISO 4217 code, percent, percentage point, basis point,
    point, or None."""
    if currency:
        sign = re.sub(r"\s+", "", currency)
        code = CURRENCY_SIGNS.get(sign) or CURRENCY_SIGNS.get(sign.upper()) or sign.upper()
        return "CNY" if code == "RMB" else code if code in CURRENCY_CODES else None
    if not unit:
        return None
    unit = re.sub(r"[\s-]+", " ", unit.strip().lower())
    if unit in PERCENT_FORMS or unit.rstrip(".") in PERCENT_FORMS:
        return PERCENT_FORMS.get(unit) or PERCENT_FORMS[unit.rstrip(".")]
    if unit.startswith(("percentage point", "pct point", "pct. point", "ppt")):
        return "percentage point"
    if unit.startswith(("per", "%", "pct")):
        return "percent"
    if unit in SUBUNIT_WORDS:
        return SUBUNIT_WORDS[unit]
    if unit in ("times", "fold", " fold"):
        return "times"
    return CURRENCY_WORDS.get(unit)


_HYPHEN_RANGE = re.compile(
    rf"(?<![\w.,\-–/:$])(?P<currency>{_CURRENCY_PREFIX})?(?:{_DIGITS})(?:{_SCALE}|%)?\s?[-–]\s?(?=[^\s\-–])",
    re.I,
)


def _hyphen_ranges(text: str) -> set[int]:
    """Where both bounds of "20-25%", "5–10 per cent", "$10-15 million", "2-3 billion yen" start: a range written with
    a hyphen whose high bound has a unit or a scale, or whose low bound has a currency (a score, "3-1", has none)."""
    starts = set()
    for low in _HYPHEN_RANGE.finditer(text):
        high = QUANTITY.match(text, low.end())
        if high is None or not high.group("digits") or re.match(r"[-–/.:]\d", text[high.end() : high.end() + 2]):
            continue
        percent = high.group("percent") and not re.fullmatch(r"points?", high.group("percent"), re.I)
        if low.group("currency") or high.group("currency") or high.group("scale") or percent or high.group("money"):
            starts.update((low.start(), high.start()))
    return starts


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity written in the text, left to right."""
    found = []
    ranges = _hyphen_ranges(text)
    for match in QUANTITY.finditer(text):
        number = match.group("number")
        fraction, share = match.group("fraction"), match.group("share")
        if not (re.search(r"\d", number) or re.search(_WORDS, number, re.IGNORECASE) or fraction or share):
            continue
        start, end = match.span()
        before = text[max(0, start - 2) : start]
        if start in ranges:
            pass  # a bound of "20-25%"
        elif before[-1:].isalnum() or before[-1:] in ("-", "–", "/", ".", "^", ":") or re.fullmatch(r"\d,", before):
            continue  # inside a word, a date like 08-26-2015, a list like 1,2,3, a time like 10:30, or a power
        if re.match(r"[-/^,.:–]\d", text[end : end + 2]) and start not in ranges:
            continue  # a score line (3-1), a time (2:05.3), a version (2.4.1) or a list
        if re.match(r"-?\s?(?:thirds?|quarters?|fifths?|tenths?|halves|half)\b", text[end : end + 9], re.IGNORECASE):
            continue  # a fraction ("two-thirds") is not a count
        currency, scale = match.group("currency"), match.group("scale")
        if currency and currency.strip() == "W" and not re.match(r"\d", text[match.end("currency") :]):
            continue
        words = match.group("percent") or match.group("subunit") or match.group("money") or match.group("times")
        metres = re.match(r"-?\s?(?:tall|high|long|deep|wide|thick|away|jump|mark|barrier|hurdles)\b", text[match.end() :])
        one_letter = scale and scale.strip().lower() in _ONE_LETTER
        if one_letter and not currency and ("." not in match.group("digits") or metres):
            number, end, words = match.group("digits"), match.end("digits"), None  # "200m" is metres
        if fraction:  # "half a percentage point", "half a million"
            value = _fraction_value(fraction, match.group("fraction_of"))
        elif share:  # "half of the victims", "one in five adults"
            value, words = _share_value(share, match.group("in_every")), "percent"
        else:
            value = parse_number(number)
        if value is None:
            continue
        unit = unit_of(currency, None) if currency else None
        if words and not (currency and match.group("money")):
            unit = unit_of(None, words)  # "$5 million dollars" keeps the sign's currency
        if match.group("subunit"):
            value = _finite(Decimal(str(value)) / 100)  # "64.3 US cents"
            if value is None:
                continue
        sign = (match.group("sign0") or match.group("sign") or "").strip().lower()
        if sign in ("-", "−", "minus"):
            value = -value
        qualifier = match.group("qualifier")
        found.append(
            Quantity(
                value=value,
                start=start,
                end=end,
                number_start=min(match.start(g) for g in ("sign0", "currency", "sign", "number") if match.group(g)),
                text=text[start:end],
                unit=unit,
                qualifier=QUALIFIERS[qualifier.lower()] if qualifier else None,
                has_digits=bool(re.search(r"\d", number)),
                fraction_share=bool(share),
            )
        )
    return _mark_ranges(text, found)


_SCALE_AFTER_DIGITS = re.compile(rf"[\d.](?-i:)({_SCALE})", re.IGNORECASE)


def _mark_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """Give both bounds of "between A and B" and "A to B" their qualifiers and a shared unit."""
    result = list(found)
    for i in range(len(result) - 1):
        low, high = result[i], result[i + 1]
        gap = text[low.end : high.start]
        is_between = (
            gap.strip().lower() == "and" and text[max(0, low.start - 8) : low.start].lower().strip() == "between"
        )
        is_span = gap.strip().lower() in ("to", "-", "–") and low.qualifier is None and low.value < high.value
        hyphen = gap.strip() in ("-", "–")
        if low.unit is not None and low.unit != high.unit and not (hyphen and high.unit is None):
            continue  # "rose 4.6% to 18,200", "fell 0.8% to $81.40": a change and a level, not a range
        if not (is_between or is_span) or high.qualifier not in (None, "up to"):
            continue
        unit = low.unit or high.unit
        value = low.value
        scale = _SCALE_AFTER_DIGITS.search(high.text)
        if scale and not _SCALE_AFTER_DIGITS.search(low.text) and low.value * _scale_of(scale.group(1)) < high.value:
            value = _finite(Decimal(str(low.value)) * _scale_of(scale.group(1))) or low.value  # "1.3 to 4 million"
        result[i] = replace(low, value=value, unit=unit, qualifier="at least")
        result[i + 1] = replace(high, unit=unit, qualifier="up to")
    return result


# ---------------------------------------------------------------------------
# Not a figure: what the words around a number say it is instead
# ---------------------------------------------------------------------------

_INDEX_NAMES = (
    r"Nikkei|FTSE(?:\s+AIM)?|S&P(?:/ASX)?|ASX|Nifty|Sensex|(?:Euro\s+)?Stoxx|STOXX|Russell|CAC|DAX|Kospi|KOSPI"
    r"|Topix|TOPIX|MSCI|Hang\s+Seng|Straits\s+Times|TSX|IBEX|AEX|SMI|KLCI|PSEi|Fortune|Forbes\s+Global|Global|Inc\.?"
)
_REFERENCE_WORDS = (  # any case: "page 4", "Gate 12", "route 38", "zip code 90210"
    r"section|article|row|page|room|gate|route|flight|junction|platform|chapter|clause|terminal|highway|interstate"
    r"|district|ward|pier|exit|appendix|paragraph|episode|vol\.|schedule|apartment|apt\.?|suite|precinct"
    r"|sector|zip|zip\s+code|postcode|post\s+code|pin\s+code|area\s+code|version|lap|hole|line"
)
_REFERENCE_NAMES = (  # only capitalised, since the lower-case word is often a verb or a count: "Seat 4" vs "seat 500"
    r"Seat|Volume|Bay|Lane|Table|Figure|Item|Category|Channel|Bus|Line|Track|Box|Unit|Block|Floor|Cell|Lot|Tier|Stage"
    r"|Phase|Grade|Class|Game|Round|Week|Day|Act|Model|Mark|Mk|Type|Release|Build|Patch|Generation|Gen|Size|Level"
    r"|Rule|Code|No\.?|Number|Bill|Resolution|Proposition|Prop\.?|Measure|Amendment|Ch\.?|Sec\.?|Art\.?|Pg\.?"
    r"|p\.|pp\.|HR|H\.R\.|SB|HB|AB|LB|LD"  # bills: "HR 2670", "SB 54"
)
_MODEL_BEFORE = (
    r"Boeing|Airbus|Galaxy|Pixel|Xbox|PlayStation|Windows|Android|iOS|macOS|Python|Chrome|Firefox|Model|Series|Class"
)
_MODEL_AFTER = r"MAX|Max|Pro|Plus|Ultra|Mini|mini|SE|XL|XS|GT|GTI|Lite|Edition|Series|Dreamliner"
_GLUED_UNITS = (
    r"km|m|cm|mm|kg|g|mg|t|lb|lbs|oz|ft|mi|mph|kph|kmh|km/h|C|F|K|GW|MW|kW|kWh|MWh|GWh|TWh|GB|TB|MB|Mbps|Gbps|mAh"
    r"|ml|l|L|x|ha|sq|bn|mn|mln|tn|trn|pc|pp|ppt|ppts|bp|bps|p|k|b|M|B|st|nd|rd|th|s|am|pm|hrs|h|min|sec"
)

_TIME_ZONES = r"GMT|BST|IST|EST|EDT|PST|PDT|AEST|AEDT|HKT|SGT|JST|KST|CET|UTC|ET"
_STREETS = r"Road|Rd|Street|St|Avenue|Ave|Lane|Drive|Place|Way|Terrace|Crescent|Boulevard|Court|Close|Square"

_PERSON_NOUNS = (  # "the defendant, 34, had …": a person named by a noun, then an age
    r"man|woman|boy|girl|defendant|victim|suspect|driver|mother|father|son|daughter|wife|husband|teenager|student"
    r"|resident|pensioner|officer|worker|farmer|teacher|player|singer|actor|actress|captain|coach|founder|lawyer"
    r"|doctor|nurse|patient|pilot|journalist|grandmother|grandfather|widow|mum|dad|accused|cyclist|pedestrian"
)
_MONTHS = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTH = rf"(?:{_MONTHS.replace('|May', '')})[a-z]*\.?|May"

# (class, what comes before the number, what comes after it); each a regex over the nearby text
NOT_A_FIGURE: list[tuple[str, re.Pattern | None, re.Pattern | None]] = [
    ("clock time", None, re.compile(r"\s?(?:[ap]\.m\.|[ap]m\b|hrs\b|o'clock)|\s(?-i:" + _TIME_ZONES + r")\b", re.I)),
    ("clock or race time", re.compile(r"\d:$"), re.compile(r":\d")),
    ("ordinal", None, re.compile(r"(?:st|nd|rd|th)\b", re.I)),
    ("decade or age band", None, re.compile(r"'?s\b")),
    ("index name", re.compile(rf"(?<![\w&])(?-i:{_INDEX_NAMES})\s*$"), None),
    ("reference number", re.compile(rf"\b(?:{_REFERENCE_WORDS})\s*(?:no\.?\s*|#\s*)?$", re.I), None),
    ("reference number", re.compile(rf"\b(?-i:{_REFERENCE_NAMES})\s*(?:no\.?\s*|#\s*)?$"), None),
    ("reference number", re.compile(r"(?:\bno\.|#)\s*$", re.I), None),
    ("model or version", re.compile(rf"(?:\b(?-i:{_MODEL_BEFORE})|\b[a-z]+[A-Z]\w*)\s*$"), None),
    ("model or version", None, re.compile(rf"\s?(?-i:{_MODEL_AFTER})\b")),
    ("model name", re.compile(r"\b(?:an?)\s+$", re.I), re.compile(r"\s+[a-z]+\b(?<!s)")),
    ("address", None, re.compile(rf"\s+(?:[A-Z][a-z]+\s+){{1,3}}(?:{_STREETS})\b")),
    ("race or event name", re.compile(r"\bthe\s+$", re.I), re.compile(r"(?:m|km|metres|meters)\b")),
    ("date", None, re.compile(rf"\s(?:{_MONTH})(?![a-z])")),
    ("date", re.compile(rf"\b(?:{_MONTH})\s$"), None),
    ("age", re.compile(rf"(?:[A-Z][\w'’.-]*|\b(?:{_PERSON_NOUNS})),\s*$"), re.compile(r"\s*,")),
    ("age", re.compile(r"[A-Z][\w'’.-]*\s\($"), re.compile(r"\)")),
]
_PHONE = re.compile(r"\+?\(?\d[\d ()\-]{6,}\d")


def not_a_figure(text: str, quantity: Quantity) -> str | None:
    """Why the quantity, read in its text, is not a reported figure ("clock time", "model name", …), or None."""
    if quantity.fraction_share:
        return "fraction share"  # "half of the senders", "one in five": kg's gold (data/dev*) leaves these out
    if quantity.unit is not None and quantity.unit != "point":
        return None  # "$747", "12 per cent": a unit makes it a figure
    start, end = quantity.number_start, quantity.end
    article = re.match(r"an?\s+(?=\d)", text[start:end], re.I)
    start += article.end() if article else 0  # "a 747": the article is read before the number
    number = text[start:end]
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    if re.fullmatch(r"0\d+", number):
        return "phone number or code"  # "0800", "020"
    glued = re.match(r"[A-Za-z/]+", after)
    if glued and not re.fullmatch(rf"(?:{_GLUED_UNITS})", glued.group()):
        return "code"  # "1AA", "4G", "3D"
    for run in _PHONE.finditer(text, max(0, start - 30), min(len(text), end + 30)):
        groups = re.findall(r"\d+", run.group())
        if run.start() <= start and end <= run.end() and len(groups) >= 3 and sum(map(len, groups)) >= 8:
            return "phone number"
    for name, left, right in NOT_A_FIGURE:
        if name == "reference number" and not re.fullmatch(r"\d{1,6}", number):
            continue  # "Route 66", "zip code 90210"; not "the sector 12,000 jobs"
        if name == "model name" and not re.fullmatch(r"\d{3,4}", number):
            continue  # "a 747 freighter"; not "a 30 mph zone"
        small = re.fullmatch(r"\d{1,3}", number) and 0 < int(number) <= (31 if name == "date" else 120)
        if name in ("date", "age") and not small:
            continue  # "24 Jan", "Nov. 7", "Paetongtarn, 37,"; not "1,200 Jan…" or "Smith, 1,200"
        if (left is None or left.search(before)) and (right is None or right.match(after)):
            return name
    return None


_INDEX_CONTEXT = re.compile(
    rf"(?-i:{_INDEX_NAMES}|Dow|Nasdaq)|\bindex\b|\bscored\b|\bgame\b|\bmatch\b|\bleague\b", re.I
)
_SHARE_CONTEXT = re.compile(
    r"%|\bper\s?cent|\bpercent|\bpoll|\bsurvey|\blead\b|\bapproval|\bsupport|\brating|\brates?\b|\byields?\b"
    r"|\bturnout|\bmargin|\bshare\b|\bvote\b|\bunemployment|\binflation",
    re.I,
)


def points_unit(sentence: str) -> str:
    """What "points" means in a sentence: `percentage point` in polls, rates and shares ("Labour's lead narrowed to
    eight points"), `point` for an index or a game ("the Dow gained 312 points", "scored 28 points")."""
    if _INDEX_CONTEXT.search(sentence) or not _SHARE_CONTEXT.search(sentence):
        return "point"
    return "percentage point"
