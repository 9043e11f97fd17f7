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


# ---------------------------------------------------------------------------
# The quantity grammar, form by form (kg.numbers tables)
# ---------------------------------------------------------------------------

from kg.numbers import not_a_figure, points_unit  # noqa: E402


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        # digits, separators, decimals
        ("a crowd of 74,310 watched", "74,310", 74310, None),
        ("some 4,50,000 devotees came", "some 4,50,000", 450000, None),
        ("output fell .05 per cent", ".05 per cent", 0.05, "percent"),
        ("the rate is 3.75%", "3.75%", 3.75, "percent"),
        # scale words and suffixes
        ("sales of $4.2M last year", "$4.2M", 4_200_000, "USD"),
        ("it raised $2.3bn in May", "$2.3bn", 2_300_000_000, "USD"),
        ("a £250k bonus", "£250k", 250_000, "GBP"),
        ("a loss of £2.4mn", "£2.4mn", 2_400_000, "GBP"),
        ("assets of $4.5tn", "$4.5tn", 4_500_000_000_000, "USD"),
        ("debt of 1.3tn yen", "1.3tn yen", 1_300_000_000_000, "JPY"),
        ("2.5m people watched", "2.5m", 2_500_000, None),
        ("she cleared 2.35m high", "2.35", 2.35, None),
        ("a 6.5m-long boat", "6.5", 6.5, None),
        ("a profit of Rs 4,500 crore", "Rs 4,500 crore", 45_000_000_000, "INR"),
        ("₹1.2 lakh crore for roads", "₹1.2 lakh crore", 1_200_000_000_000, "INR"),
        ("over 2.5 lakh pilgrims", "over 2.5 lakh", 250_000, None),
        # signs
        ("prices moved -0.8% lower", "-0.8%", -0.8, "percent"),
        ("a balance of $-12.4 billion", "$-12.4 billion", -12_400_000_000, "USD"),
        ("growth of minus 0.3 per cent", "minus 0.3 per cent", -0.3, "percent"),
        ("a rise of +2.1%", "+2.1%", 2.1, "percent"),
        ("plus or minus 3 percentage points", "3 percentage points", 3, "percentage point"),
        # currency before, with its spacing variants
        ("it will cost $US40 billion", "$US40 billion", 40_000_000_000, "USD"),
        ("a US$7 fee", "US$7", 7, "USD"),
        ("a grant of A$3 million", "A$3 million", 3_000_000, "AUD"),
        ("spending of $A1.5 billion", "$A1.5 billion", 1_500_000_000, "AUD"),
        ("rents of HK $35,000", "HK $35,000", 35000, "HKD"),
        ("a fine of HK$50,000", "HK$50,000", 50000, "HKD"),
        ("relief of RM2.5 billion", "RM2.5 billion", 2_500_000_000, "MYR"),
        ("revenue of S$1.4 billion", "S$1.4 billion", 1_400_000_000, "SGD"),
        ("a price of NZ$7.50", "NZ$7.50", 7.5, "NZD"),
        ("petrol at Rs 96.72", "Rs 96.72", 96.72, "INR"),
        ("onions at Rs. 120", "Rs. 120", 120, "INR"),
        ("a fare of ₹450", "₹450", 450, "INR"),
        ("a fine of €1.2 billion", "€1.2 billion", 1_200_000_000, "EUR"),
        ("a fee of £85m", "£85m", 85_000_000, "GBP"),
        ("noodles at ¥800", "¥800", 800, "JPY"),
        ("a deal worth EUR 300 million", "EUR 300 million", 300_000_000, "EUR"),
        ("a bond of MYR 500 million", "MYR 500 million", 500_000_000, "MYR"),
        ("a $1.5-billion deal", "$1.5-billion", 1_500_000_000, "USD"),
        ("a Rs 50,000-crore package", "Rs 50,000-crore", 500_000_000_000, "INR"),
        ("aid of US$ 40 million", "US$ 40 million", 40_000_000, "USD"),
        ("a bill of CN¥5", "CN¥5", 5, "CNY"),
        ("a budget of ₦500 billion", "₦500 billion", 500_000_000_000, "NGN"),
        ("a loan of RMB 2 billion", "RMB 2 billion", 2_000_000_000, "CNY"),
        ("a fund of INR 500 crore", "INR 500 crore", 5_000_000_000, "INR"),
        # currency after
        ("a profit of 4.5 trillion yen", "4.5 trillion yen", 4_500_000_000_000, "JPY"),
        ("a fine of 300 million yuan", "300 million yuan", 300_000_000, "CNY"),
        ("damages of 2 billion won", "2 billion won", 2_000_000_000, "KRW"),
        ("tickets at 20 euros", "20 euros", 20, "EUR"),
        ("it sold for 12,000 pounds", "12,000 pounds", 12000, "GBP"),
        ("remittances of 25 billion rupees", "25 billion rupees", 25_000_000_000, "INR"),
        ("a bond of 500 million ringgit", "500 million ringgit", 500_000_000, "MYR"),
        ("12 million Canadian dollars", "12 million Canadian dollars", 12_000_000, "CAD"),
        ("the dollar bought 64.3 US cents", "64.3 US cents", 0.643, "USD"),
        ("a 20p rise", "20p", 0.2, "GBP"),
        # percent and points
        ("up 7pc on the year", "7pc", 7, "percent"),
        ("0.4 per cent", "0.4 per cent", 0.4, "percent"),
        ("two per cent", "two per cent", 2, "percent"),
        ("41 percent", "41 percent", 41, "percent"),
        ("down 0.4 percentage points", "0.4 percentage points", 0.4, "percentage point"),
        ("by 25 basis points", "25 basis points", 25, "basis point"),
        ("a 2pp swing", "2pp", 2, "percentage point"),
        ("up 2.5 pc", "2.5 pc", 2.5, "percent"),
        ("a cut of 50 bps", "50 bps", 50, "basis point"),
        ("up 6 points", "6 points", 6, "point"),
        ("by half a percentage point", "half a percentage point", 0.5, "percentage point"),
        ("by a quarter of a percentage point", "a quarter of a percentage point", 0.25, "percentage point"),
        # multipliers
        ("three times more than last year", "three times", 3, "times"),
        ("about 12 times higher", "about 12 times", 12, "times"),
        ("a two-fold increase", "a two-fold", 2, "times"),
        # fractions of a scale
        ("more than half a million refugees", "more than half a million", 500_000, None),
        ("a quarter of a million people", "a quarter of a million", 250_000, None),
        ("half a dozen boats", "half a dozen", 6, None),
        # number words
        ("eight points", "eight points", 8, "point"),
        ("a dozen volunteers", "a dozen", 12, None),
    ],
)
def test_quantity_forms(text, surface, value, unit):
    found = [q for q in find_quantities(text) if q.text.lower() == surface.lower()]
    assert len(found) == 1, [q.text for q in find_quantities(text)]
    assert found[0].value == pytest.approx(value)
    assert found[0].unit == unit
    assert text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize(
    ("text", "number", "reason"),
    [
        ("the minister landed at 9.30pm", "9.30", "clock time"),
        ("doors open at 6.15am", "6.15", "clock time"),
        ("the vote is at 10 p.m. tonight", "10", "clock time"),
        ("the 19th amendment", "19", "ordinal"),
        ("in the 1990s", "1990", "decade or age band"),
        ("voters in their 50s", "50", "decade or age band"),
        ("the Nikkei 225 slipped", "225", "index name"),
        ("the FTSE 100 closed lower", "100", "index name"),
        ("the S&P 500 fell 1.2%", "500", "index name"),
        ("the Fortune 500 list", "500", "index name"),
        ("go to Gate 12 now", "12", "reference number"),
        ("sit in Row 8", "8", "reference number"),
        ("see page 4 of the report", "4", "reference number"),
        ("the road known as Route 66", "66", "reference number"),
        ("a fire in Room 214", "214", "reference number"),
        ("flight 370 vanished", "370", "reference number"),
        ("under Section 144 of the code", "144", "reference number"),
        ("Article 370 was revoked", "370", "reference number"),
        ("near junction 33", "33", "reference number"),
        ("residents of zip code 90210", "90210", "reference number"),
        ("Level 4 restrictions", "4", "reference number"),
        ("upgrade to version 17", "17", "reference number"),
        ("35 737 MAX aircraft", "737", "model or version"),
        ("a 747 freighter", "747", "model name"),
        ("the BMW 5 Series", "5", "model or version"),
        ("a 911 call", "911", "model name"),
        ("the iPhone 15 Pro", "15", "model or version"),
        ("an Xbox 360 console", "360", "model or version"),
        ("laptops running Windows 11", "11", "model or version"),
        ("the house at 12 Elm Road", "12", "address"),
        ("call 0800 555 0111 today", "555", "phone number"),
        ("call 020 7946 0018 today", "020", "phone number or code"),
        ("the postcode SW1A 1AA", "1", "code"),
        ("new 5G masts", "5", "code"),
        ("she won the 200m final", "200", "race or event name"),
        ("posted on 24 Jan 2019", "24", "date"),
        ("since Aug. 25, when", "25", "date"),
        ("Ms Lee, 37, was absent", "37", "age"),
        ("Tom Hart (45) said", "45", "age"),
        ("the defendant, 34, had", "34", "age"),
        ("trains on line 4 stopped", "4", "reference number"),
        ("the bill, HR 2670, passed", "2670", "reference number"),
        ("California's SB 54 law", "54", "reference number"),
    ],
)
def test_not_a_figure(text, number, reason):
    quantity = next(q for q in find_quantities(text) if text[q.number_start : q.end].lstrip("a ").startswith(number))
    assert not_a_figure(text, quantity) == reason


@pytest.mark.parametrize("text", ["2:05.3 in the 800m", "kick-off at 10:30", "they won 6-4, 7-5", "a 3-1 win", "beat them 28–17",
                                  "upgrade to 2.4.1", "the SW1A code", "Flight MH17", "20 A350 jets", "a Galaxy S9"])
def test_times_scores_and_glued_codes_give_no_quantity(text):
    assert [q.text for q in find_quantities(text) if q.text[:1].isdigit() and q.value not in (20, 800)] == []


@pytest.mark.parametrize(
    "text",
    [
        "the S&P 500 fell 1.2% on Friday",
        "Gate receipts rose 12 per cent",
        "the index rose 35 points",
        "the council will build 450 homes",
        "the hall can seat 500 people",
        "a 30 mph limit",
        "1,200 jobs will go",
        "a $747 bill",
        "Boeing delivered 35 aircraft",
        "the airline ordered 20 jets",
    ],
)
def test_figures_are_kept(text):
    kept = [q for q in find_quantities(text) if not not_a_figure(text, q)]
    assert kept and all(q.value != 500 or "S&P" not in text for q in kept)


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Labour's lead narrowed to eight points in the poll.", "percentage point"),
        ("Support fell 6 points to 41 per cent.", "percentage point"),
        ("The jobless rate rose 2 points.", "percentage point"),
        ("The Dow gained 312 points, or 0.9%.", "point"),
        ("The Sensex fell 520 points.", "point"),
        ("She scored 28 points in the game.", "point"),
        ("The plan has 12 points.", "point"),
    ],
)
def test_points_unit(sentence, unit):
    assert points_unit(sentence) == unit


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("prices rose 4.6% to 18,200", ["percent", None]),
        ("oil fell 0.8% to $81.40", ["percent", "USD"]),
        ("from 5 to 10 per cent", ["percent", "percent"]),
    ],
)
def test_a_change_and_a_level_are_not_a_range(text, units):
    assert [q.unit for q in find_quantities(text)] == units


def test_three_times_a_week_is_a_frequency_not_a_multiplier():
    (quantity,) = find_quantities("they met three times a week")
    assert quantity.unit is None and quantity.end == len("they met three")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("there were 1.3 to 4 million cases", [1_300_000, 4_000_000]),
        ("between 5 and 10 billion dollars", [5_000_000_000, 10_000_000_000]),
        ("it grew from 20 to 1.2 million", [20, 1_200_000]),
    ],
)
def test_the_low_bound_of_a_range_takes_the_scale_of_the_high_one(text, values):
    assert [q.value for q in find_quantities(text)] == values


@pytest.mark.parametrize("text", ["jobs in the sector 12,000 were lost", "trading volume 1.2 billion shares",
                                  "In Seoul, 45 people queued", "Canada, 282 and France, 45", "in May 2,000 people marched",
                                  "the victims, 45 of them children,", "in line with 5 others"])
def test_counts_near_names_and_months_are_kept(text):
    assert all(not_a_figure(text, q) is None for q in find_quantities(text))


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("rents rose 20-25% a year", [(20, "percent"), (25, "percent")]),
        ("a 5–10 per cent rise", [(5, "percent"), (10, "percent")]),
        ("it will cost $10-15 million", [(10_000_000, "USD"), (15_000_000, "USD")]),
        ("a bill of 2-3 billion yen", [(2_000_000_000, "JPY"), (3_000_000_000, "JPY")]),
        ("10-15 million people", [(10_000_000, None), (15_000_000, None)]),
        ("bids of £2bn-£3bn", [(2_000_000_000, "GBP"), (3_000_000_000, "GBP")]),
        ("a target of 5.25%-5.5%", [(5.25, "percent"), (5.5, "percent")]),
    ],
)
def test_hyphen_ranges_with_a_unit_or_a_scale_give_both_bounds(text, bounds):
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == bounds
    assert [q.qualifier for q in found] == ["at least", "up to"]


@pytest.mark.parametrize("text", ["they won 3-1", "a 3-1 win", "10-20 people", "the 2015-16 season", "won 2-1 on points"])
def test_hyphen_pairs_without_a_unit_are_scores_or_spans(text):
    assert [q.text for q in find_quantities(text) if q.has_digits] == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("more than half of the victims were children", "more than half", 50),
        ("lost about a third of their value", "about a third", 33.3),
        ("just one-third of the peak", "one-third", 33.3),
        ("two-thirds of voters", "two-thirds", 66.7),
        ("three-quarters of the budget", "three-quarters", 75),
        ("arrivals rose by a fifth", "a fifth", 20),
        ("spending was cut by half", "half", 50),
        ("about one in three households", "about one in three", 33.3),
        ("one in 10 adults", "one in 10", 10),
    ],
)
def test_shares_written_as_fractions_are_percents_but_not_reported_figures(text, surface, value):
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.value, quantity.unit) == (surface, value, "percent")
    assert not_a_figure(text, quantity) == "fraction share"


@pytest.mark.parametrize(
    "text",
    ["in the first half of 2015", "the other half of the team", "a quarter of an hour", "half of 2015",
     "in the second quarter of the year"],
)
def test_parts_of_a_period_or_a_group_are_not_shares(text):
    assert [q for q in find_quantities(text) if q.unit == "percent"] == []
