"""kg.numbers: parsing written numbers and finding quantities in text."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.numbers import find_quantities, parse_number, unit_of

# ---------------------------------------------------------------------------
# parse_number
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,277", 1277),
        ("978", 978),
        ("52.8", 52.8),
        ("17 million", 17_000_000),
        ("1.5 billion", 1_500_000_000),
        ("2 thousand", 2000),
        ("three", 3),
        ("twenty-one", 21),
        ("one hundred and five", 105),
        ("one-hundred-91", 191),
        ("a dozen", 12),
        ("a hundred", 100),
        ("a thousand", 1000),
        ("two thousand five hundred", 2500),
        ("  Ten  ", 10),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "   ", "many", "1,2,3", "twelve apples", "9" * 19, "9" * 5000])
def test_parse_number_refuses(text):
    assert parse_number(text) is None


@given(st.integers(min_value=0, max_value=10**15))
def test_thousands_separators_round_trip(n):
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=10**15))
def test_plain_digits_round_trip(n):
    assert parse_number(str(n)) == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_decimals_round_trip(whole, hundredths):
    text = f"{whole:,}.{hundredths:02d}"
    assert parse_number(text) == pytest.approx(whole + hundredths / 100)


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million", "billion"]))
def test_scales_round_trip(n, scale):
    factor = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[scale]
    assert parse_number(f"{n} {scale}") == n * factor


@given(st.integers(min_value=0, max_value=99))
def test_number_words_round_trip(n):
    units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    words = units[n] if n < 20 else tens[n // 10] + (f"-{units[n % 10]}" if n % 10 else "")
    assert parse_number(words) == n


def test_large_accepted_integers_keep_their_value():
    assert parse_number("9,007,199,254,740,993") == 9_007_199_254_740_993


# ---------------------------------------------------------------------------
# units
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("currency", "unit", "code"),
    [
        ("$", None, "USD"),
        ("US$", None, "USD"),
        ("KRW ", None, "KRW"),
        ("₩", None, "KRW"),
        ("€", None, "EUR"),
        ("£", None, "GBP"),
        ("¥", None, "JPY"),
        (None, "percent", "percent"),
        (None, "%", "percent"),
        (None, "per cent", "percent"),
        (None, "South Korean won", "KRW"),
        (None, "dollars", "USD"),
        (None, "yuan", "CNY"),
        (None, "euros", "EUR"),
        (None, "yen", "JPY"),
        (None, None, None),
    ],
)
def test_unit_of(currency, unit, code):
    assert unit_of(currency, unit) == code


# ---------------------------------------------------------------------------
# find_quantities
# ---------------------------------------------------------------------------


def test_finds_the_figure_with_its_span():
    text = "A total of 1,277 North Koreans arrived in South Korea in 2015."
    found = [q for q in find_quantities(text) if q.value == 1277]
    assert len(found) == 1
    q = found[0]
    assert text[q.start : q.end] == q.text == "1,277"
    assert q.unit is None and q.qualifier is None and q.has_digits


def test_percent_with_qualifier():
    text = "More than 80 percent of them were women."
    (q,) = find_quantities(text)
    assert q.value == 80
    assert q.unit == "percent"
    assert q.qualifier == "more than"
    assert text[q.start : q.end] == "More than 80 percent"
    assert text[q.number_start : q.end] == "80 percent"


def test_money_with_scale_and_currency_word():
    text = "bribes rose from about 5 million South Korean won to as high as 17 million won"
    low, high = find_quantities(text)
    assert (low.value, low.unit, low.qualifier) == (5_000_000, "KRW", "about")
    assert (high.value, high.unit, high.qualifier) == (17_000_000, "KRW", "as many as")


def test_currency_prefix():
    (q,) = find_quantities("Each paid $10,000 to a broker.")
    assert (q.value, q.unit) == (10_000, "USD")
    assert q.text == "$10,000"


def test_between_range_marks_both_bounds():
    text = "between 100 and 200 defectors"
    low, high = find_quantities(text)
    assert (low.value, low.qualifier) == (100, "at least")
    assert (high.value, high.qualifier) == (200, "up to")


def test_word_numbers_have_no_digits():
    (q,) = find_quantities("Some three hundred refugees waited.")
    assert q.value == 300
    assert q.qualifier == "about"
    assert not q.has_digits


@pytest.mark.parametrize(
    "text",
    [
        "1,2,3",
        "10^400",
        "7" * 5000,
        "on 08-26-2015 they left",
        "code A380 and B52",
        "version 3.4.5",
    ],
)
def test_no_figure_in(text):
    assert [q for q in find_quantities(text) if q.has_digits] == []


def test_quantities_come_left_to_right():
    text = "1,502 in 2012, 1,514 in 2013 and 1,397 in 2014"
    found = find_quantities(text)
    assert [q.start for q in found] == sorted(q.start for q in found)
    assert [q.value for q in found if q.value in (1502, 1514, 1397)] == [1502, 1514, 1397]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_quantities_never_raises_and_stays_finite(text):
    for q in find_quantities(text):
        assert math.isfinite(q.value)
        assert 0 <= q.start <= q.number_start < q.end <= len(text)
        assert text[q.start : q.end] == q.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["1,277", "52.8", "percent", "million", "won", "$", "about", "between", "and",
                                 "to", "three", "hundred", "-", ",", " ", "2015", "people", "^", "."]), max_size=12))
def test_find_quantities_on_number_like_text(parts):
    text = " ".join(parts)
    for q in find_quantities(text):
        assert math.isfinite(q.value)
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize("word", ["hundred", "dozen"])
def test_repeated_scale_words_do_not_overflow(word):
    found = find_quantities(f"{word} " * 400)
    assert all(math.isfinite(q.value) for q in found)


def test_huge_digit_run_after_a_gives_no_figure():
    found = find_quantities("There were a " + "9" * 400 + " people.")
    assert found == []


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("about 300 people", "about"),
        ("some 1,400 people", "about"),
        ("nearly 1,400 people", "nearly"),
        ("more than 1,000 people", "more than"),
        ("fewer than 100 people", "less than"),
        ("up to 200 people", "up to"),
        ("at least 30 people", "at least"),
        ("as many as 50 people", "as many as"),
    ],
)
def test_qualifiers(text, qualifier):
    (q,) = find_quantities(text)
    assert q.qualifier == qualifier


@pytest.mark.parametrize(("text", "qualifier"), [("no fewer than 30 people", "at least"), ("no more than 30 people", "up to")])
def test_negated_qualifiers_keep_their_meaning(text, qualifier):
    (q,) = find_quantities(text)
    assert q.qualifier == qualifier


def test_as_much_as_is_an_upper_bound():
    (q,) = find_quantities("as much as 17 million won")
    assert (q.value, q.unit) == (17_000_000, "KRW")
    assert q.qualifier in ("as many as", "up to")


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("not more than 30 people", "up to"),
        ("no less than 5 million won", "at least"),
        ("close to 900 people", "nearly"),
        ("well over 2,000 people", "over"),
    ],
)
def test_more_qualifiers(text, qualifier):
    (q,) = find_quantities(text)
    assert q.qualifier == qualifier


def test_whole_values_are_exact_ints_and_fractions_floats():
    assert isinstance(parse_number("1,396"), int)
    assert isinstance(parse_number("1.5 million"), int)
    assert parse_number("2.6") == pytest.approx(2.6) and isinstance(parse_number("2.6"), float)


@pytest.mark.parametrize("text", ["one two three four five six seven eight nine ten eleven twelve thirteen",
                                  "hundred " * 10, "a " + "9" * 30])
def test_absurd_word_numbers_are_refused(text):
    assert parse_number(text) is None


def test_yen_amounts_carry_the_currency():
    (quantity,) = find_quantities("spending came to 1.08 trillion yen")
    assert (quantity.value, quantity.unit) == (1080000000000, "JPY")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Canberra set aside A$2.1 billion", 2100000000, "AUD"),
        ("Ottawa spent C$173 million", 173000000, "CAD"),
        ("a fine of HK$50,000", 50000, "HKD"),
        ("12 million Canadian dollars", 12000000, "CAD"),
        ("AUD 300 million", 300000000, "AUD"),
        ("a US$7 fee", 7, "USD"),
    ],
)
def test_other_dollars_and_currency_codes(text, value, unit):
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.unit) == (value, unit)
