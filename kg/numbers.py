"""Find and parse the quantities written in text: digits, number words, scales, percents, money.

`find_quantities` returns every candidate with its value, unit, qualifier and
character span; deciding which candidates are reported figures (not years,
durations or parts of names) is the figures component's job.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
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

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_NUMBER = rf"(?:a\s+)?(?:{_WORDS}|\d+)(?:(?:-|\s+|\s+and\s+)(?:{_WORDS}|\d+))*"
_NUMBER = rf"(?:{_DIGITS})(?:\s*(?:thousand|million|billion|trillion)\b)?|\b(?:{_WORD_NUMBER})\b"

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
_CURRENCY_PREFIX = (
    r"US\$|(?<![A-Za-z])(?:A|C|CA|NZ|HK|S)\$|\$|USD\s?|KRW\s?|₩|W(?=\d)|€|EUR\s?|£|¥|JPY\s?"
    r"|(?:AUD|CAD|GBP|CNY|CHF)\s?"
)
_UNIT_SUFFIX = (
    r"percent(?:age points)?|per\s+cent|%|pct"
    r"|(?:South\s+Korean\s+|North\s+Korean\s+)?won\b|(?:US\s+|U\.S\.\s+|Australian\s+|Canadian\s+|Hong\s+Kong\s+)?"
    r"dollars?\b|yuan\b|yen\b|euros?\b|pounds\b"
)
QUANTITY = re.compile(
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?(?P<currency>{_CURRENCY_PREFIX})?(?P<number>{_NUMBER})"
    rf"(?:\s*(?P<unit>{_UNIT_SUFFIX}))?",
    re.IGNORECASE,
)
_CURRENCIES = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "krw": "KRW",
    "₩": "KRW",
    "w": "KRW",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "cad": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "gbp": "GBP",
    "cny": "CNY",
    "chf": "CHF",
}


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its unit (percent or a currency code) if written with it."""

    value: int | float
    start: int
    end: int
    number_start: int
    text: str
    unit: str | None = None
    qualifier: str | None = None
    has_digits: bool = True


def _finite(value: Decimal) -> int | float | None:
    """An exact int for whole values, a float otherwise; None past MAX_VALUE."""
    if not value.is_finite() or abs(value) > MAX_VALUE:
        log.debug("skipping number out of range")
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(text: str) -> int | float | None:
    """The value of a written number ("1,277", "17 million", "one-hundred-91", "a dozen"), or None.

    Whole values come back as exact ints (no float rounding for long figures), others as floats;
    numbers too long or too large to be a reported figure give None (logged at debug level)."""
    text = text.strip().lower()
    if not text:
        return None
    match = re.fullmatch(rf"({_DIGITS})(?:\s*(thousand|million|billion|trillion))?", text)
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
            value *= _SCALES[match.group(2)]
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


def unit_of(currency: str | None, unit: str | None) -> str | None:
    """The unit code for a currency prefix or a unit word: percent, KRW, USD, CNY, EUR, GBP, JPY, AUD, CAD, …"""
    if currency:
        return _CURRENCIES.get(currency.strip().lower())
    if not unit:
        return None
    unit = unit.lower()
    if unit.startswith(("percent", "per", "%", "pct")):
        return "percent"
    if unit.endswith("won"):
        return "KRW"
    if "dollar" in unit:
        regional = {"australian": "AUD", "canadian": "CAD", "hong": "HKD"}
        return next((code for word, code in regional.items() if unit.startswith(word)), "USD")
    if unit == "yuan":
        return "CNY"
    if unit == "yen":
        return "JPY"
    if unit.startswith("euro"):
        return "EUR"
    if unit == "pounds":
        return "GBP"
    return None


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity written in the text, left to right."""
    found = []
    for match in QUANTITY.finditer(text):
        number = match.group("number")
        if not re.search(r"\d", number) and not re.search(_WORDS, number, re.IGNORECASE):
            continue
        start, end = match.span()
        before = text[max(0, start - 2) : start]
        if before[-1:].isalnum() or before[-1:] in ("-", "/", ".", "^") or re.fullmatch(r"\d,", before):
            continue  # inside a word, a date like 08-26-2015, a list like 1,2,3 or a power
        if re.match(r"[-/^,.]\d", text[end : end + 2]):
            continue
        if re.match(r"-?\s?(?:thirds?|quarters?|fifths?|tenths?|halves|half)\b", text[end : end + 9], re.IGNORECASE):
            continue  # a fraction ("two-thirds") is not a count
        value = parse_number(number)
        if value is None:
            continue
        qualifier = match.group("qualifier")
        found.append(
            Quantity(
                value=value,
                start=start,
                end=end,
                number_start=match.start("currency") if match.group("currency") else match.start("number"),
                text=text[start:end],
                unit=unit_of(match.group("currency"), match.group("unit")),
                qualifier=QUALIFIERS[qualifier.lower()] if qualifier else None,
                has_digits=bool(re.search(r"\d", number)),
            )
        )
    return _mark_ranges(text, found)


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
        if not (is_between or is_span) or high.qualifier not in (None, "up to"):
            continue
        unit = low.unit or high.unit
        result[i] = Quantity(
            low.value, low.start, low.end, low.number_start, low.text, unit, "at least", low.has_digits
        )
        result[i + 1] = Quantity(
            high.value, high.start, high.end, high.number_start, high.text, unit, "up to", high.has_digits
        )
    return result
