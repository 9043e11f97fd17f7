"""kg.extract.figures: what a figure counts, its period, carried across a report's sentences."""

from __future__ import annotations

from datetime import date

from kg.extract import extract
from kg.records import Article

PUBLISHED = date(2016, 1, 18)


def run(nlp, gazetteer, text: str, published: date | None = PUBLISHED):
    article = Article(id="test:" + text[:40], text=text, origin="test", published=published)
    return {f.value: f for f in extract(nlp(text), article, gazetteer).figures}


def test_measure_keeps_north_and_the_verb(nlp, gazetteer):
    figures = run(nlp, gazetteer, "A total of 1,277 North Korean defectors arrived in South Korea in 2015, "
                                  "the Ministry of Unification said.")
    assert figures[1277].measured == "North Korean defectors arriving in South Korea"


def test_elliptical_figures_continue_the_measure_and_take_their_own_year(nlp, gazetteer):
    figures = run(nlp, gazetteer, "A total of 1,277 North Korean defectors arrived in South Korea in 2015, "
                                  "the ministry said. Arrivals peaked at 2,914 in 2009.")
    assert figures[2914].measured == figures[1277].measured
    assert (figures[2914].period_start, figures[2914].period_end) == (date(2009, 1, 1), date(2009, 12, 31))


def test_share_names_who_among_whom(nlp, gazetteer):
    figures = run(nlp, gazetteer, "Women accounted for 83 percent of all arrivals in 2015.")
    assert figures[83].measured.startswith("share of women among")


def test_same_months_of_another_year(nlp, gazetteer):
    text = "Arrivals totaled 614 in the first half of this year, against 745 during the same six months of 2014."
    figures = run(nlp, gazetteer, text, published=date(2015, 9, 7))
    assert (figures[614].period_start, figures[614].period_end) == (date(2015, 1, 1), date(2015, 6, 30))
    assert (figures[745].period_start, figures[745].period_end) == (date(2014, 1, 1), date(2014, 6, 30))


def test_possessive_year_after_the_number(nlp, gazetteer):
    figures = run(nlp, gazetteer, "The ministry added that 196 of this year's arrivals were teenagers.",
                  published=date(2015, 10, 27))
    assert (figures[196].period_start, figures[196].period_end) == (date(2015, 1, 1), date(2015, 12, 31))


def test_no_publication_date_leaves_relative_periods_out(nlp, gazetteer):
    figures = run(nlp, gazetteer, "The ministry added that 196 of this year's arrivals were teenagers.",
                  published=None)
    assert figures[196].period_start is None and figures[196].period_end is None


def test_fiscal_start_is_read_from_the_article():
    from kg.extract.figure_periods import fiscal_start

    assert fiscal_start("a $1.9 billion budget for fiscal 2017, which begins July 1, was approved") == 7
    assert fiscal_start("$40 million for the jail in fiscal 2019, which starts Oct. 1, was approved") == 10
    assert fiscal_start("support in fiscal 2016") == 1


def run_with(nlp, gazetteer, text: str, published: date, **meta):
    article = Article(id="test:" + text[:40], text=text, origin="test", published=published, **meta)
    return {f.value: f for f in extract(nlp(text), article, gazetteer).figures}


def test_a_year_earlier_and_a_quarter_without_a_year(nlp, gazetteer):
    text = (
        "SEOUL, April 12 (Yonhap) -- A total of 342 defectors came to South Korea in the first quarter, "
        "the Ministry of Unification said. The Korea Hana Foundation said 54.6 percent of defectors had jobs "
        "last month, up from 50.3 percent a year earlier."
    )
    figures = run_with(nlp, gazetteer, text, date(2016, 4, 12))
    assert (figures[342].period_start, figures[342].period_end) == (date(2016, 1, 1), date(2016, 3, 31))
    assert (figures[50.3].period_start, figures[50.3].period_end) == (date(2015, 3, 1), date(2015, 3, 31))


def test_dateline_outlet_is_the_default_source_and_anonymous_speakers_keep_the_report(nlp, gazetteer):
    text = (
        "SEOUL, April 12 (Yonhap) -- Brokers now charge up to 15 million won for the journey.\n\n"
        "Thai police detained 97 North Koreans in 2016, the Bangkok Post reported on Wednesday. "
        "Officers in the province told the paper that about 80 percent of them were women."
    )
    figures = run_with(nlp, gazetteer, text, date(2017, 1, 18), outlet="Yonhap News Agency")
    assert figures[15000000].source == "Yonhap News Agency"
    assert figures[97].source == figures[80].source != "Yonhap News Agency"


def test_unnamed_according_to_falls_back_to_the_article_outlet(nlp, gazetteer):
    text = (
        "The plan gives the police $412 million, Mayor Linda Haas said in a statement. "
        "Property tax revenue is projected at $620 million, according to the city's budget office."
    )
    figures = run_with(nlp, gazetteer, text, date(2016, 6, 15), outlet="Riverton Tribune")
    assert figures[620000000].source == "Riverton Tribune"


def test_a_percentage_followed_by_year_on_year_is_a_figure(nlp, gazetteer):
    figures = run(nlp, gazetteer, "Exports fell 6.8 percent year-on-year to $402 million, and sales rose 2.4 percent on-year.")
    assert {6.8, 2.4} <= set(figures)


def _span(figure) -> tuple:
    return figure.period_start, figure.period_end


def test_a_table_in_prose_gives_each_number_the_year_before_it(nlp, gazetteer):
    figures = run(nlp, gazetteer, "Arrivals by year read: 2011: 2,706; 2012: 1,502; 2013: 1,514.")
    assert _span(figures[2706]) == (date(2011, 1, 1), date(2011, 12, 31))
    assert _span(figures[1514]) == (date(2013, 1, 1), date(2013, 12, 31))


def test_baselines_do_not_give_the_period(nlp, gazetteer):
    figures = run(nlp, gazetteer, "Arrivals in 2015 were 53 percent below the 2011 level. Divorces rose 2.4 percent "
                                  "from 1,200 in 2014 to 9,500 in October.", published=date(2015, 12, 21))
    assert _span(figures[53]) == (date(2015, 1, 1), date(2015, 12, 31))
    assert _span(figures[2.4]) == (date(2015, 10, 1), date(2015, 10, 31))


def test_the_same_quarter_last_year_and_the_month(nlp, gazetteer):
    text = ("The ministry said 278 defectors arrived in the first quarter of this year, down from 316 in the same "
            "quarter last year.")
    figures = run(nlp, gazetteer, text, published=date(2017, 5, 15))
    assert _span(figures[316]) == (date(2016, 1, 1), date(2016, 3, 31))
    figures = run(nlp, gazetteer, "Births fell to 32,600 in October. Deaths in the month numbered 22,800.")
    assert _span(figures[22800]) == (date(2015, 10, 1), date(2015, 10, 31))


def test_passive_agents_and_data_owners_are_sources(nlp, gazetteer):
    text = (
        "Nearly 900 defectors went missing, data submitted to Rep. Kim Sun-ah by the Ministry of Unification showed. "
        "Another 41 cases were counted by the National Police Agency. "
        "Kim said the ministry had failed. Our tally of Unification Ministry figures reads: 2011: 2,706."
    )
    figures = run_with(nlp, gazetteer, text, date(2017, 10, 12), outlet="The Korea Times")
    assert figures[900].source == figures[2706].source == "Ministry of Unification"
    assert figures[41].source == "National Police Agency"


def test_own_reporters_estimates_and_unnamed_data(nlp, gazetteer):
    text = (
        "Chinese police detained 8 people in Shenyang, our correspondent reports.\n\n"
        "By my estimate, about 300 more reached Thailand, Kim Sun-ah said.\n\n"
        "The Ministry of Unification said 278 arrived. Hotel occupancy averaged 87 percent, according to industry data."
    )
    figures = run_with(nlp, gazetteer, text, date(2017, 5, 15), outlet="Arirang TV", author="Jung Min-ho")
    assert figures[8].source == figures[87].source == "Arirang TV"
    assert figures[278].source == "Ministry of Unification"


def test_year_on_year_does_not_stop_a_sentence_continuing_the_report(nlp, gazetteer):
    text = "Unemployment fell to 4.9 percent in the three months to June. Earnings rose 2.4 percent year-on-year."
    figures = run(nlp, gazetteer, text, published=date(2016, 8, 17))
    assert _span(figures[2.4]) == (date(2016, 4, 1), date(2016, 6, 30))


def test_a_date_in_a_clause_about_another_noun_is_not_the_period(nlp, gazetteer):
    text = ("Exports rose 18.2 percent in the third quarter to $812 million, customs data showed on Monday, "
            "despite sanctions imposed in March.")
    figures = run(nlp, gazetteer, text, published=date(2016, 10, 24))
    assert _span(figures[812000000]) == (date(2016, 7, 1), date(2016, 9, 30))


def test_the_data_showed_after_experts_said_goes_back_to_the_named_report(nlp, gazetteer):
    text = (
        "The Ministry of Unification said 1,277 defectors arrived in 2015.\n\n"
        "Experts said that women find it easier to flee.\n\n"
        "In 2014, the number of defectors reached 1,396, the data showed.\n\n"
        "Just 614 arrived in the first half, according to the most recent ministry data."
    )
    figures = run_with(nlp, gazetteer, text, date(2016, 1, 18), outlet="Yonhap News Agency")
    assert figures[1396].source == figures[614].source == "Ministry of Unification"


def test_two_speakers_in_one_sentence_each_state_their_own_figure(nlp, gazetteer):
    text = (
        "The U.S. State Department has put the number at 30,000, while Human Rights Watch has cited figures "
        "as high as 50,000. Moon Sung-jae said the Korea Institute for National Unification interviewed 412 defectors."
    )
    figures = run_with(nlp, gazetteer, text, date(2016, 9, 5), outlet="Seoul Evening Post")
    assert figures[30000].source == "United States Department of State"
    assert figures[50000].source == "Human Rights Watch"
    assert figures[412].source == "Moon Sung-jae"


def test_the_group_said_is_the_organization_named_before(nlp, gazetteer):
    text = (
        "Human Rights Watch said 37 people were arrested this month.\n\n"
        "The group said 1,150 had been sent back over the past five years."
    )
    figures = run_with(nlp, gazetteer, text, date(2017, 5, 15), outlet="Arirang TV")
    assert figures[1150].source == "Human Rights Watch"
    assert (figures[1150].period_start, figures[1150].period_end) == (date(2012, 5, 15), date(2017, 5, 15))


def test_over_last_years_level_is_a_baseline(nlp, gazetteer):
    figures = run(nlp, gazetteer, "Spending rose 3.8 percent over last year's level in the first quarter.",
                  published=date(2016, 5, 2))
    assert _span(figures[3.8]) == (date(2016, 1, 1), date(2016, 3, 31))


def test_the_end_value_of_a_change_shares_its_period(nlp, gazetteer):
    text = ("Tourist spending came to 1.08 trillion yen in the April-June quarter. "
            "Per-visitor spending fell 6.5 percent from the same period a year earlier to 147,000 yen.")
    figures = run(nlp, gazetteer, text, published=date(2017, 8, 16))
    assert _span(figures[6.5]) == _span(figures[147000]) == (date(2017, 4, 1), date(2017, 6, 30))


def test_the_fiscal_year_of_an_earnings_report(nlp, gazetteer):
    text = (
        "Maple Motors said its net profit rose 12 percent to 40 billion yen in the year ended March 31. "
        "Revenue grew 5 percent year-on-year to 900 billion yen, while operating profit reached 60 billion yen "
        "from 52 billion yen the previous year.\n\n"
        "The company will pay a dividend of 30 yen for the year just ended and expects a profit of 45 billion yen "
        "for the current year."
    )
    figures = run(nlp, gazetteer, text, published=date(2020, 5, 14))
    assert _span(figures[900e9]) == (date(2019, 4, 1), date(2020, 3, 31))  # continues the first sentence
    assert _span(figures[52e9]) == (date(2018, 4, 1), date(2019, 3, 31))
    assert _span(figures[30]) == (date(2019, 4, 1), date(2020, 3, 31))
    assert _span(figures[45e9]) == (date(2020, 4, 1), date(2021, 3, 31))


def test_fiscal_start_from_the_year_ended():
    from kg.extract.figure_periods import fiscal_start

    assert fiscal_start("profit in the year ended March 31 rose") == 4
    assert fiscal_start("spent in the 2019-20 fiscal year, which ended June 30") == 7
    assert fiscal_start("the total for the 12 months that ended Sept. 30 was") == 10
    assert fiscal_start("the cap for the current fiscal year, which began Oct. 1, is") == 10


def test_a_weekday_on_the_figures_own_verb_is_that_day(nlp, gazetteer):
    text = ("Shares of Maple Motors closed down 2.5 percent at 830 yen on Monday. "
            "The agency said Monday that 410 refugees arrived in May.")
    figures = run(nlp, gazetteer, text, published=date(2020, 8, 5))
    assert _span(figures[830]) == (date(2020, 8, 3), date(2020, 8, 3))
    assert _span(figures[410]) == (date(2020, 5, 1), date(2020, 5, 31))


def test_spans_the_model_splits_and_baselines_after_than_in(nlp, gazetteer):
    text = (
        "The agency said 860 migrants had landed between January and November. "
        "In 2012 and 2013, 14 percent of the students left school. "
        "In the third quarter, the port handled 5,200 containers, 8 percent more than in the second quarter. "
        "Fuel sales from February through May were up 3.5 percent from a year earlier."
    )
    figures = run(nlp, gazetteer, text, published=date(2020, 12, 10))
    assert _span(figures[860]) == (date(2020, 1, 1), date(2020, 11, 30))
    assert _span(figures[14]) == (date(2012, 1, 1), date(2013, 12, 31))
    assert _span(figures[8]) == (date(2020, 7, 1), date(2020, 9, 30))
    assert _span(figures[3.5]) == (date(2020, 2, 1), date(2020, 5, 31))


def test_a_range_partner_and_an_adverbial_clause_do_not_hide_or_give_the_period(nlp, gazetteer):
    text = (
        "Smugglers keep 20 to 30 percent as their fee, compared with 5 to 10 percent a decade ago. "
        "He said the fleet earned around $50 million a year before the embargo took effect in March."
    )
    figures = run(nlp, gazetteer, text, published=date(2020, 12, 10))
    assert _span(figures[5]) == (date(2010, 1, 1), date(2010, 12, 31))
    assert _span(figures[50e6]) == (None, None)


def test_the_fiscal_year_that_begins_does_not_give_its_first_day(nlp, gazetteer):
    text = ("The county would spend $310 million in the 2021 fiscal year, which begins July 1, "
            "under a plan that adds 25 positions.")
    figures = run(nlp, gazetteer, text, published=date(2020, 5, 20))
    assert _span(figures[25]) == (date(2020, 7, 1), date(2021, 6, 30))


def test_a_budget_story_dates_its_undated_amounts_to_the_fiscal_year(nlp, gazetteer):
    text = (
        "ELM CITY — The county would spend $410 million in the 2021 fiscal year, which begins July 1, "
        "under a plan released Monday.\n\n"
        '"We kept the promises we made," County Executive Ruth Alder said.\n\n'
        "The library system would receive $12.5 million, and parks spending would rise to $8.2 million "
        "from $7.9 million."
    )
    figures = run(nlp, gazetteer, text, published=date(2020, 5, 20))
    assert _span(figures[12.5e6]) == (date(2020, 7, 1), date(2021, 6, 30))
    assert _span(figures[8.2e6]) == (date(2020, 7, 1), date(2021, 6, 30))
    assert _span(figures[7.9e6]) == (date(2019, 7, 1), date(2020, 6, 30))  # the current year's budget


def test_a_restated_share_and_what_follows_keep_the_period(nlp, gazetteer):
    text = (
        "Member states received 520,000 claims in 2019. Spain handled the most, with 118,000 claims, "
        "or 23 percent of the total, followed by Greece with 77,000."
    )
    figures = run(nlp, gazetteer, text, published=date(2020, 3, 2))
    assert _span(figures[23]) == _span(figures[77000]) == (date(2019, 1, 1), date(2019, 12, 31))


def test_a_persons_claim_in_a_new_paragraph_does_not_continue_the_report(nlp, gazetteer):
    text = (
        "The study found that migrants sent home 4 billion won last year, the report said.\n\n"
        "Anna Berg, who led the study, said brokers keep 30 percent of each transfer."
    )
    figures = run(nlp, gazetteer, text, published=date(2020, 3, 2))
    assert _span(figures[4e9]) == (date(2019, 1, 1), date(2019, 12, 31))
    assert _span(figures[30]) == (None, None)


def test_according_to_data_given_to_someone_by_an_agency_and_a_plan_the_subject_sent(nlp, gazetteer):
    text = (
        "Truancy rose in 2019, according to data provided to Sen. Laura Finch of the Green Party by the "
        "Department of Education on Monday. A total of 640 pupils left school, the data showed.\n\n"
        "The Department of Education will spend 3.1 billion won on tutoring, according to a plan it sent "
        "to the National Assembly."
    )
    figures = run_with(nlp, gazetteer, text, date(2020, 3, 2), outlet="Harbor Daily")
    assert figures[640].source == figures[3.1e9].source == "Department of Education"


def test_citing_data_from_and_an_anonymous_source_telling_an_outlet(nlp, gazetteer):
    text = (
        "NHK reported Sunday that 31 fishing boats had run aground this year, citing data from the "
        "Japan Coast Guard.\n\n"
        "A fisherman in Akita told Radio Free Asia that catches had fallen by roughly 40 percent."
    )
    figures = run_with(nlp, gazetteer, text, date(2020, 3, 2), outlet="Harbor Daily")
    assert figures[31].source == "Japan Coast Guard"
    assert figures[40].source == "Radio Free Asia"


def test_clauses_that_do_not_state_the_figures(nlp, gazetteer):
    text = (
        "Diesel sold for 9 yuan a liter last week, a trader said, up from 7 yuan in May, before the Commerce "
        "Ministry announced export caps.\n\n"
        "In October alone, 14 boats were found near Akita, according to coast guard figures.\n\n"
        "“Every winter I told myself it would end,” she said.\n\n"
        "The family paid a broker 9 million won to bring her out."
    )
    figures = run_with(nlp, gazetteer, text, date(2020, 11, 4), outlet="Harbor Daily", author="Mia Lund")
    assert figures[9].source == figures[7].source == "Harbor Daily"
    assert figures[9e6].source == "Harbor Daily"


def test_respondents_and_the_writers_institution_and_own_estimate(nlp, gazetteer):
    text = (
        "By Dr. Omar Haddad, senior fellow at the Cedar Policy Institute\n\n"
        "Our annual survey, conducted between June 2 and June 20 with 1,000 adults, tells a clear story.\n\n"
        "Dr. Sara Lind, who runs a rival poll, told me the trend was steady.\n\n"
        "Asked about aid, 46 percent said it should be cut. Our margin of error is plus or minus 3.1 percentage "
        "points.\n\n"
        "My own estimate is that voters would accept about 2 billion won a year in new taxes."
    )
    figures = run_with(nlp, gazetteer, text, date(2020, 9, 1), outlet="Cedar Policy Institute", author="Omar Haddad")
    assert figures[46].source == figures[3.1].source == "Cedar Policy Institute"
    assert figures[2e9].source == "Omar Haddad"
    assert _span(figures[2e9]) == (None, None)


def test_a_market_move_is_the_reporters_and_a_surname_is_the_person_named_before(nlp, gazetteer):
    text = (
        "Orchid Foods expects profit of 40 billion yen, spokeswoman Emi Sato said.\n\n"
        "Its shares closed up 2.1 percent.\n\n"
        "Analyst Ha Jin-woo said margins were thin.\n\n"
        "Ha said the company would sell about 900 stores."
    )
    figures = run_with(nlp, gazetteer, text, date(2020, 5, 14), outlet="Kyodo News")
    assert figures[2.1].source == "Kyodo News"
    assert figures[900].source == "Ha Jin-woo"


def test_in_the_quarter_is_the_latest_quarter_named_not_a_point(nlp, gazetteer):
    text = (
        "The agency said 410 migrants arrived during the first quarter. The total stood at 18,200 as of the end "
        "of March. The agency also approved 12 grants worth 2.5 billion won in the quarter, up from 8 grants a year "
        "earlier."
    )
    figures = run(nlp, gazetteer, text, published=date(2020, 4, 20))
    assert _span(figures[12]) == _span(figures[2.5e9]) == (date(2020, 1, 1), date(2020, 3, 31))
    assert _span(figures[8]) == (date(2019, 1, 1), date(2019, 3, 31))


def test_a_stock_still_standing_and_a_present_clause_after_a_past_one(nlp, gazetteer):
    text = (
        "Of the 8,000 veterans who have applied for pensions since 1995, only 5,100 are still alive. "
        "More than 300 of them died between January and June, and 41 percent of the survivors are over 85."
    )
    figures = run(nlp, gazetteer, text, published=date(2020, 7, 1))
    assert _span(figures[5100]) == (None, None)  # a level "still" standing: dated by the article, not a period
    assert _span(figures[300]) == (date(2020, 1, 1), date(2020, 6, 30))
    assert _span(figures[41]) == (None, None)


def test_a_speaker_in_a_clause_joined_after_the_figure_does_not_state_it(nlp, gazetteer):
    text = (
        "Human Rights Watch said 1,300 people crossed in 2019.\n\n"
        "Crossings in 2019 were 40 percent below the 2015 level, and the Ministry of Unification expects fewer "
        "than 900 this year."
    )
    figures = run_with(nlp, gazetteer, text, date(2020, 3, 2), outlet="Harbor Daily")
    assert figures[40].source == "Human Rights Watch"
    assert figures[900].source == "Ministry of Unification"


def test_one_sentence_without_numbers_may_lie_inside_a_continued_report(nlp, gazetteer):
    text = (
        "Police detained 120 migrants in the third quarter, the Harbor Daily reported.\n\n"
        "Most had crossed the river at night. Officers told the paper that about 70 percent of them were women."
    )
    figures = run(nlp, gazetteer, text, published=date(2020, 10, 20))
    assert _span(figures[70]) == (date(2020, 7, 1), date(2020, 9, 30))


def test_descriptive_counts_ages_and_one_are_not_figures(nlp, gazetteer):
    text = (
        "Officials from the two sides said a three-member team would visit, and the two trends may be linked. "
        "Nearly 3,000 migrants live in the city, of whom fewer than 4 percent are older than 65. "
        "She crossed three winters later and has at least one cousin there. "
        "The ministry said the five individuals were admitted in May."
    )
    figures = run(nlp, gazetteer, text, published=date(2020, 7, 1))
    assert set(figures) == {3000, 4, 5}


def test_a_number_the_model_reads_into_the_date_after_it(nlp, gazetteer):
    text = "That compares with 52 in all of 2018 and 37 the year before, the coast guard said."
    figures = run(nlp, gazetteer, text, published=date(2019, 12, 5))
    assert _span(figures[37]) == (date(2017, 1, 1), date(2017, 12, 31))


def test_a_list_after_place_names_and_an_age_after_a_qualifier(nlp, gazetteer):
    text = ("About 1,200 refugees reached Europe in 2019. France took 410 of them, Spain 236 and Italy 198. "
            "Work is hard to find for people over 60, the agency said.")
    figures = run(nlp, gazetteer, text, published=date(2020, 7, 1))
    assert {410, 236, 198} <= set(figures)
    assert 60 not in figures


def test_he_after_a_given_name_second_reference_is_that_person(nlp, gazetteer):
    text = (
        "Kang Min-ho fled in 2015, and his sister, Kang Ji-won, followed a year later.\n\n"
        "Min-ho now works at a bakery in Busan. He said he sends about 300,000 won a month to relatives."
    )
    figures = run_with(nlp, gazetteer, text, date(2020, 7, 1), outlet="Harbor Monthly")
    assert figures[300000].source == "Kang Min-ho"


def test_market_moves_a_fronted_comparison_and_the_next_years(nlp, gazetteer):
    text = (
        "LONDON (Reuters) - Output grew 0.4 percent in the second quarter, the Office for National Statistics said.\n\n"
        "Compared with the same quarter a year earlier, output grew 1.1 percent, the statistics office said.\n\n"
        "Sterling fell 0.5 percent after the data.\n\n"
        "Governor Anne Vale said inflation would average 2.5 percent over the next two years."
    )
    figures = run_with(nlp, gazetteer, text, date(2019, 8, 9), outlet="Reuters")
    assert _span(figures[1.1]) == (date(2019, 4, 1), date(2019, 6, 30))
    assert _span(figures[0.5]) == (None, None) and figures[0.5].source == "Reuters"
    assert _span(figures[2.5]) == (date(2019, 8, 9), date(2021, 8, 9))


def test_poll_answers_stay_with_the_poll_and_a_comparison_shares_its_period(nlp, gazetteer):
    text = (
        "Most voters back the plan, according to a Gallup poll released Wednesday.\n\n"
        "The survey of 1,020 adults, conducted June 3-20, found that 71 percent support it. Only 22 percent said "
        "it was a mistake.\n\n"
        "Support was highest among Democrats, at 88 percent, compared with 57 percent of Republicans."
    )
    figures = run_with(nlp, gazetteer, text, date(2019, 6, 27), outlet="Harbor Daily")
    assert figures[22].source == figures[57].source == "Gallup"
    assert _span(figures[57]) == (date(2019, 6, 3), date(2019, 6, 20))


def test_today_in_a_feature_is_a_level_now_with_no_period(nlp, gazetteer):
    text = ("When Lee Sun-hee reached Seoul in 2016, she had 200,000 won.\n\n"
            "Today about 32,000 defectors live in South Korea, according to the Unification Ministry.")
    figures = run(nlp, gazetteer, text, published=date(2019, 3, 2))
    assert _span(figures[32000]) == (None, None)


def test_a_level_now_takes_no_period_from_the_report_before_but_a_running_total_ends_on_the_day(nlp, gazetteer):
    text = (
        "Smugglers moved 4,100 tonnes of coal in March, the coast guard said. "
        "Brokers now charge about 9,000 yuan a tonne.\n\n"
        "Some 2,600 boats have been inspected so far."
    )
    figures = run(nlp, gazetteer, text, published=date(2021, 5, 4))
    assert _span(figures[4100]) == (date(2021, 3, 1), date(2021, 3, 31))
    assert _span(figures[9000]) == (None, None)
    assert _span(figures[2600]) == (None, date(2021, 5, 4))


def test_over_the_weekend_on_the_figures_verb(nlp, gazetteer):
    text = "Agents detained 80,000 people so far this year.\n\nOver the weekend, police in Tijuana arrested 45 people."
    figures = run(nlp, gazetteer, text, published=date(2019, 6, 6))
    assert _span(figures[45]) == (date(2019, 6, 1), date(2019, 6, 2))


def test_a_fiscal_year_named_in_passing_does_not_date_other_figures(nlp, gazetteer):
    text = (
        "About 1,100 defectors arrived in the first half, the ministry said.\n\n"
        "The ministry's budget for the 2020 fiscal year, which begins Jan. 1, is 98 billion won.\n\n"
        '"It is hard," said Kim Na-ri, a counselor.\n\n'
        "Nearly 33,000 defectors live in the South."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 7, 20))
    assert _span(figures[33000]) == (None, None)


def test_we_and_our_are_the_writers_institution_and_i_the_writer(nlp, gazetteer):
    text = (
        "By Omar Haddad, senior fellow at the Cedar Policy Institute\n\n"
        "Our count shows 412 families left the valley.\n\n"
        "I counted 57 more in the hills."
    )
    figures = run_with(nlp, gazetteer, text, date(2020, 9, 1), outlet="Cedar Policy Institute", author="Omar Haddad")
    assert figures[412].source == "Cedar Policy Institute"
    assert figures[57].source == "Omar Haddad"


def test_are_over_80_at_the_end_of_a_clause_is_an_age(nlp, gazetteer):
    text = "Of the 9,000 applicants still alive, 58 percent of the survivors are over 85, the ministry said."
    figures = run(nlp, gazetteer, text, published=date(2020, 7, 1))
    assert 85 not in figures and 58 in figures


def test_a_hyphenated_name_with_an_affiliation_is_the_speaker_not_the_university(nlp, gazetteer):
    text = (
        "Prof. Choi Min-seo of Hanbit National University said about 35 percent of the students she "
        "interviewed last year had skipped meals."
    )
    figures = run_with(nlp, gazetteer, text, date(2016, 6, 15), outlet="Riverton Tribune")
    assert figures[35].source == "Choi Min-seo"


def test_a_speaker_split_off_into_its_own_sentence_states_the_figure_before_it(nlp, gazetteer):
    text = (
        "Mayor Linda Haas opened the hearing. Budget director Tomas Okafor presented the plan.\n\n"
        "The city's overall budget for fiscal 2017 totals $512 million, Okafor said."
    )
    article = Article(id="test:split", text=text, origin="test", published=date(2016, 6, 15), outlet="Riverton Tribune")
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0 or token.text == "," or doc[token.i - 1].text in (".", "\n\n")
    for _, component in nlp.pipeline:  # the parser keeps the boundaries set here: ", Okafor said." alone
        doc = component(doc)
    figures = {f.value: f for f in extract(doc, article, gazetteer).figures}
    assert figures[512000000].source == "Tomas Okafor"


def test_my_estimate_is_the_authors_but_the_data_it_cites_keeps_its_owner(nlp, gazetteer):
    text = (
        "My own estimate, based on the poll and on Ministry of Health data showing 4,150 vacant posts at the end "
        "of 2015, is that the shortage of nurses reached about 9,000 last year."
    )
    figures = run_with(nlp, gazetteer, text, date(2016, 6, 15), outlet="Riverton Tribune", author="Dana Price")
    assert figures[4150].source == "Ministry of Health"
    assert figures[9000].source == "Dana Price"


def test_so_far_in_the_current_fiscal_year_ends_on_the_publication_date(nlp, gazetteer):
    text = (
        "The board approved the budget for fiscal 2019, which starts Oct. 1. The parks department has spent "
        "$3.1 million on repairs "
        "so far in the current fiscal year, the director said, well above the $2.5 million budgeted."
    )
    figures = run_with(nlp, gazetteer, text, date(2018, 5, 9), outlet="Riverton Tribune")
    assert _span(figures[3100000]) == (date(2017, 10, 1), date(2018, 5, 9))
    assert _span(figures[2500000]) == (date(2017, 10, 1), date(2018, 9, 30))  # the whole year's budget


def test_a_when_clause_on_a_baseline_year_takes_that_year(nlp, gazetteer):
    text = (
        "The province admitted 8,400 students in 2016, down 12 percent from the previous year, when a new "
        "scholarship scheme pushed the total to 9,550, the ministry said."
    )
    figures = run_with(nlp, gazetteer, text, date(2017, 3, 4), outlet="Riverton Tribune")
    assert _span(figures[8400]) == (date(2016, 1, 1), date(2016, 12, 31))
    assert _span(figures[9550]) == (date(2015, 1, 1), date(2015, 12, 31))


def test_a_panels_report_obtained_by_an_outlet_stays_the_panels(nlp, gazetteer):
    text = (
        "Fishing fleets caught 41,000 tons of squid last year, according to a report by the U.N. Panel of Experts "
        "on fisheries.\n\n"
        "The report, obtained by Reuters on Monday, says at least 73 vessels fished illegally. "
        "The panel also said 12 ports had let them land their catch."
    )
    figures = run_with(nlp, gazetteer, text, date(2018, 3, 6), outlet="Riverton Tribune")
    assert figures[41000].source == figures[73].source == figures[12].source == "Panel of Experts"


def test_citing_a_study_gives_the_study_as_the_source(nlp, gazetteer):
    text = (
        "Councillor Mara Quist voted no. She said about 30 percent of the shelter's residents had lost a job in "
        "the past year, citing a study by the Riverton Institute for Housing Policy."
    )
    figures = run_with(nlp, gazetteer, text, date(2018, 3, 6), outlet="Riverton Tribune")
    assert figures[30].source == "Riverton Institute for Housing Policy"


def test_a_budget_lead_dates_its_amounts_though_a_weekday_and_other_numbers_stand_before_the_fiscal_year(nlp, gazetteer):
    text = (
        "CEDAR FALLS (AP) — The school board approved a $2.1 billion budget late Tuesday that closes a $30 million "
        "gap by cutting 40 office jobs for the fiscal year that begins July 1.\n\n"
        "The plan is 3 percent smaller than the current year's $2.17 billion budget, the district said."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 5, 15))
    budget_year = (date(2019, 7, 1), date(2020, 6, 30))
    assert _span(figures[2.1e9]) == _span(figures[30e6]) == _span(figures[3]) == budget_year
    assert _span(figures[2.17e9]) == (date(2018, 7, 1), date(2019, 6, 30))  # "the current year's" budget


def test_a_finished_fiscal_years_statistics_are_not_a_budget(nlp, gazetteer):
    text = (
        "The country admitted 31 refugees in the 2019 fiscal year, which ended Sept. 30, officials said.\n\n"
        "A charity in Ohio receives $80,000 a year to help them, its director said.\n\n"
        "Its caseload fell to 210, down from 260 in 2014, and each family brings about $6,900 in aid."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 11, 2))
    assert _span(figures[31]) == (date(2018, 10, 1), date(2019, 9, 30))
    assert _span(figures[80000]) == (None, None)
    assert _span(figures[6900]) == (None, None)  # 2014 is the compared number's year


def test_a_change_on_the_previous_year_is_a_baseline(nlp, gazetteer):
    text = "About 84,000 people emigrated in the year to March 2019, up 12 percent on the previous year."
    figures = run(nlp, gazetteer, text, published=date(2019, 5, 23))
    assert _span(figures[84000]) == _span(figures[12]) == (date(2018, 4, 1), date(2019, 3, 31))


def test_a_later_figure_of_the_sentence_shares_its_report_but_a_level_in_the_present_does_not(nlp, gazetteer):
    text = (
        "Net arrivals fell to 41,000 in the year to March 2019, as 66,000 students left, up 8 percent on the previous "
        "year, the statistics office said.\n\n"
        "Officials at the county housing office said 240 of them live in the county."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 5, 23))
    year_to_march = (date(2018, 4, 1), date(2019, 3, 31))
    assert _span(figures[41000]) == _span(figures[66000]) == _span(figures[8]) == year_to_march
    assert _span(figures[240]) == (None, None)


def test_a_restated_number_a_survey_and_the_same_months_keep_their_reports_periods(nlp, gazetteer):
    text = (
        "The agency said 640 refugees arrived in the first half of the year. Of the 640 arrivals, 210 were children.\n\n"
        "Researchers interviewed 530 migrants between March 2 and April 20 this year. The margin of error is 4.1 "
        "percentage points. Of them, 61 percent said they had sent money home in 2018, compared with 55 percent in "
        "a similar survey in 2016. They made an average of 2.4 transfers during the year.\n\n"
        "Customs seized 80 tonnes of coal between January and September. Inspectors found 12 more shipments during "
        "the same nine months."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 10, 30))
    assert _span(figures[640]) == (date(2019, 1, 1), date(2019, 6, 30))
    assert _span(figures[530]) == (date(2019, 3, 2), date(2019, 4, 20))
    assert _span(figures[2.4]) == (date(2018, 1, 1), date(2018, 12, 31))  # the survey's year, not the baseline's
    assert _span(figures[12]) == (date(2019, 1, 1), date(2019, 9, 30))


def test_a_present_tense_count_after_a_dated_report_has_no_period(nlp, gazetteer):
    text = (
        "The State Department said 220 refugees were resettled in 2018.\n\n"
        "California is home to 41 of them, and there are also 9 in Oregon."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 2, 3))
    assert _span(figures[220]) == (date(2018, 1, 1), date(2018, 12, 31))
    assert _span(figures[41]) == _span(figures[9]) == (None, None)


def test_a_budget_storys_fiscal_words(nlp, gazetteer):
    text = (
        "MESA, Ariz. (AP) — The county board on Tuesday approved a $98.2 million budget for the parks department for "
        "the fiscal year that begins July 1, up from $91.5 million this year.\n\n"
        "The department has lost 31 rangers so far in the fiscal year that began last July, director Ann Roe said, "
        "and spent $1.4 million on overtime through April, above the $1.1 million budgeted for the whole year.\n\n"
        "The department has 412 rangers."
    )
    figures = run(nlp, gazetteer, text, published=date(2018, 5, 16))
    assert _span(figures[98.2e6]) == (date(2018, 7, 1), date(2019, 6, 30))
    assert _span(figures[91.5e6]) == _span(figures[1.1e6]) == (date(2017, 7, 1), date(2018, 6, 30))
    assert _span(figures[31]) == (date(2017, 7, 1), date(2018, 5, 16))
    assert _span(figures[1.4e6]) == (date(2017, 7, 1), date(2018, 4, 30))
    assert _span(figures[412]) == (None, None)


def test_market_prices_on_a_weekday_the_same_day_and_a_week_earlier(nlp, gazetteer):
    text = (
        "A kilogram of rice sold for 5,150 North Korean won at a market in Pyongyang on Wednesday, up from 4,700 won "
        "a month earlier, a source in the capital said. Corn cost 2,180 won per kilogram in Pyongyang the same day.\n\n"
        "Gasoline sold for 14,800 won per kilogram in Sinuiju on Thursday, up from 11,900 won a week earlier, a "
        "trader told Daily NK."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 3, 15))
    assert _span(figures[5150]) == _span(figures[2180]) == (date(2019, 3, 13), date(2019, 3, 13))
    assert _span(figures[4700]) == (date(2019, 2, 13), date(2019, 2, 13))
    assert _span(figures[14800]) == (date(2019, 3, 14), date(2019, 3, 14))
    assert _span(figures[11900]) == (date(2019, 3, 7), date(2019, 3, 7))


def test_cumulative_totals_ranges_and_the_start_of_the_month(nlp, gazetteer):
    text = (
        "The number of refugees who have settled in Canada since 2004 reached 4,120 as of the end of June, the agency "
        "said. Arrivals fell to 310 in the first half of the year, down 12 percent compared with the same period of "
        "2018.\n\n"
        "A year ago, the same crossing cost 9 million to 11 million won, the group said. A kilogram of rice now sells "
        "for 5,200 won, up from 4,600 won at the start of the month."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 7, 15))
    assert _span(figures[4120]) == (date(2004, 1, 1), date(2019, 6, 30))
    assert _span(figures[12]) == (date(2019, 1, 1), date(2019, 6, 30))
    assert _span(figures[9e6]) == _span(figures[11e6]) == (date(2018, 1, 1), date(2018, 6, 30))  # both ends alike
    assert _span(figures[5200]) == (None, None)
    assert _span(figures[4600]) == (date(2019, 7, 1), date(2019, 7, 1))


def test_a_date_of_the_saying_a_superlatives_since_and_present_levels_do_not_date_figures(nlp, gazetteer):
    text = (
        "Last year, 1,210 refugees came to Canada, the lowest annual total since 2004, the agency said.\n\n"
        "The agency plans to spend $31 million on housing this year, up 5.2 percent from 2018, its director told "
        "lawmakers last week. Fees for a private escape can run as much as $9,000, the group found. The Green "
        "Party, which is polling around 11 percent, criticised the plan."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 7, 15))
    assert _span(figures[1210]) == (date(2018, 1, 1), date(2018, 12, 31))
    assert _span(figures[5.2]) == (date(2019, 1, 1), date(2019, 12, 31))
    assert _span(figures[9000]) == _span(figures[11]) == (None, None)


def test_an_answer_at_the_time_of_the_interview_takes_the_fieldwork(nlp, gazetteer):
    text = (
        "Between July 10 and August 25 this year, our team interviewed 312 migrants in Jilin.\n\n"
        "Only 41 percent had a regular job at the time of the interview."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 11, 20))
    assert _span(figures[312]) == _span(figures[41]) == (date(2019, 7, 10), date(2019, 8, 25))


def test_a_fronted_day_range_with_this_year_and_a_monthly_rate_after_a_conversion(nlp, gazetteer):
    text = (
        "Between July 10 and August 25 this year, our field team interviewed 312 migrants. Some 58 percent had "
        "arrived since 2016.\n\n"
        "Those who worked earned a median of 1,800 yuan (about $270) a month."
    )
    figures = run(nlp, gazetteer, text, published=date(2017, 11, 20))
    assert _span(figures[312]) == (date(2017, 7, 10), date(2017, 8, 25))
    assert _span(figures[1800]) == _span(figures[270]) == (None, None)


def test_a_restated_share_a_doubled_baseline_a_present_count_and_a_budget_sentence(nlp, gazetteer):
    text = (
        "PORTLAND, Ore. (AP) — The council on Tuesday approved a $2.2 billion budget for the fiscal year that "
        "starts July 1.\n\n"
        "The transit agency won contracts worth $3.6 billion between January and June, or 46 percent of its target. "
        "The median fare paid was 4 dollars, almost double the figure in 2015.\n\n"
        "The new budget sets aside $15.5 million for night buses."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 5, 11))
    assert _span(figures[46]) == _span(figures[3.6e9])
    assert _span(figures[4]) != (date(2015, 1, 1), date(2015, 12, 31))
    assert _span(figures[15.5e6]) == _span(figures[2.2e9]) == (date(2019, 7, 1), date(2020, 6, 30))


def test_a_count_in_the_present_after_a_dated_report_has_no_period(nlp, gazetteer):
    text = "The agency said ridership fell 3 percent in May. Some 60,000 riders depend on night buses, it said."
    figures = run(nlp, gazetteer, text, published=date(2019, 6, 11))
    assert _span(figures[3]) == (date(2019, 5, 1), date(2019, 5, 31))
    assert _span(figures[60000]) == (None, None)


def test_a_share_of_a_total_given_before_takes_the_totals_period(nlp, gazetteer):
    text = (
        "The group documented 1,127 cases of forced labour between 2014 and 2018. The worst year was 2014, with "
        "310 cases.\n\nWomen accounted for 61 percent of the 1,127 cases, it said."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 5, 22))
    assert _span(figures[61]) == _span(figures[1127]) == (date(2014, 1, 1), date(2018, 12, 31))


def test_a_level_now_right_after_the_number_takes_no_clause_date(nlp, gazetteer):
    text = "Lee said he would submit a bill this month raising the subsidy to 700,000 won, from 500,000 won now."
    figures = run(nlp, gazetteer, text, published=date(2018, 11, 5))
    assert _span(figures[500000]) == (None, None)


def test_the_nine_months_a_superlative_before_and_the_end_of_the_last_fiscal_year(nlp, gazetteer):
    text = (
        "A total of 820 refugees arrived in the first nine months of the year. Women accounted for 71 percent of "
        "arrivals in the nine months.\n\n"
        "Net migration from the EU fell to 74,000 in the year to June, the lowest level since 2012, while net "
        "migration from outside the EU rose to 248,000.\n\n"
        "The district's reserves stood at $24 million at the end of the last fiscal year, which ended June 30."
    )
    figures = run(nlp, gazetteer, text, published=date(2018, 11, 29))
    assert _span(figures[71]) == (date(2018, 1, 1), date(2018, 9, 30))
    assert _span(figures[248000]) == (date(2017, 7, 1), date(2018, 6, 30))
    assert _span(figures[24e6]) == (date(2018, 6, 30), date(2018, 6, 30))


def test_fiscal_spans_that_wrap_the_new_year_and_the_full_year_after_a_quarter(nlp, gazetteer):
    text = (
        "ALBANY, N.Y. (AP) — The state would spend $3.21 billion on prisons in the fiscal year that starts April 1.\n\n"
        "Overtime reached $187 million from April through February, up from $162 million in the same months of the "
        "previous fiscal year, the commissioner said.\n\n"
        "Workers earned between $700 and $1,000 a month, the report said."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 3, 12))
    assert _span(figures[187e6]) == (date(2018, 4, 1), date(2019, 2, 28))
    assert _span(figures[162e6]) == (date(2017, 4, 1), date(2018, 2, 28))
    assert _span(figures[700]) == _span(figures[1000]) == (None, None)


def test_the_full_year_after_a_quarter_is_that_quarters_year(nlp, gazetteer):
    text = (
        "Hanbit Air said its fourth-quarter operating profit fell 12 percent. For the full year, operating profit "
        "fell 37 percent to 161 billion won."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 1, 30))
    assert _span(figures[161e9]) == (date(2018, 1, 1), date(2018, 12, 31))


def test_analysts_polled_by_a_data_firm_do_not_take_over_the_report(nlp, gazetteer):
    text = (
        "Operating profit was 48.3 billion won in the quarter, the Ministry of Finance said. That beat the average "
        "estimate of 31.2 billion won from analysts polled by FnGuide. Revenue fell 8.7 percent to 2.41 trillion won."
    )
    figures = run_with(nlp, gazetteer, text, date(2018, 7, 26), outlet="Reuters")
    assert figures[31.2e9].source == "FnGuide"
    assert figures[48.3e9].source == figures[2.41e12].source == "Ministry of Finance"


def test_a_survey_run_by_one_body_with_help_from_another_is_the_first_bodys(nlp, gazetteer):
    text = (
        "The survey, run by the Harbor Policy Institute with help from the Busan-based Coastal Research Group, has a "
        "margin of error of 3.1 percentage points."
    )
    figures = run_with(nlp, gazetteer, text, date(2019, 4, 2), outlet="Harbor Daily")
    assert figures[3.1].source == "Harbor Policy Institute"


def test_this_years_amount_in_a_budget_lead_and_those_nine_months(nlp, gazetteer):
    text = (
        "ALBANY, N.Y. (AP) — New York would spend $3.21 billion on prisons in the fiscal year that starts April 1, "
        "down from this year's $3.28 billion, under a budget plan.\n\n"
        "A UN panel said 89 tankers called at the port between January and September, after 120 in 2017. It "
        "estimated they delivered 1.4 million barrels in those nine months."
    )
    figures = run(nlp, gazetteer, text, published=date(2019, 3, 12))
    assert _span(figures[3.28e9]) == (date(2018, 4, 1), date(2019, 3, 31))
    assert _span(figures[1.4e6]) == (date(2018, 1, 1), date(2018, 9, 30))


# --- figure spotting on whole sentences: the grammar and the not-a-figure decision in the pipeline ---

import pytest  # noqa: E402


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The brewer's shares jumped 7pc after it reported a £1.1bn profit.", {7: "percent", 1_100_000_000: "GBP"}),
        ("The developer owes lenders more than HK$20 billion.", {20_000_000_000: "HKD"}),
        ("The state set aside RM2.5 billion for flood relief.", {2_500_000_000: "MYR"}),
        ("The firm reported a net profit of Rs 4,500 crore.", {45_000_000_000: "INR"}),
        ("Tokyo's budget reached 4.5 trillion yen.", {4_500_000_000_000: "JPY"}),
        ("The deficit was $-12.4 billion in May.", {-12_400_000_000: "USD"}),
        ("Retail sales fell .05 per cent in the month.", {0.05: "percent"}),
        ("Inflation slowed to 3.2%, down 0.4 percentage points.", {3.2: "percent", 0.4: "percentage point"}),
        ("The bank lifted its rate by 25 basis points to 4.35 per cent.", {25: "basis point", 4.35: "percent"}),
        ("Labour's lead in the poll narrowed to eight points.", {8: "percentage point"}),
        ("The Dow gained 312 points on Monday.", {312: "point"}),
        ("Rice now costs three times as much as corn.", {3: "times"}),
        ("More than half a million refugees have crossed the border.", {500_000: "person"}),
        ("Rents in the city rose 20-25% last year.", {20: "percent", 25: "percent"}),
        ("A 15,000-strong crowd marched to the parliament.", {15000: "person"}),
    ],
)
def test_values_and_units_of_news_figures(nlp, gazetteer, text, expected):
    figures = run(nlp, gazetteer, text)
    assert {value: f.unit for value, f in figures.items()} == expected
    for figure in figures.values():
        assert text[figure.start : figure.end] == figure.text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The prime minister arrived at 9.30pm and left at 6.15am.", set()),
        ("The airline ordered 20 A350 jets and a 747 freighter.", {20}),
        ("Apple sold 48 million iPhones, led by the iPhone 15 Pro.", {48_000_000}),
        ("The S&P 500 fell 1.2% and the Nikkei 225 slipped 0.4%.", {1.2, 0.4}),
        ("Congress ratified the 19th amendment.", set()),
        ("Passengers went to Gate 12 and sat in Row 8, as page 4 of the guide said.", set()),
        ("The 2018 Asian Games drew 11,300 athletes.", {11300}),
        ("City won 3-1 and her time was 2:05.3 in the heats.", set()),
        ("Call 0800 555 0111 to report a fault.", set()),
        ("Users should install version 2.4.1 before Friday.", set()),
        ("The price rose 4.6% to 18,200 rupees.", {4.6, 18200}),
        ("Ms Okafor, 37, did not attend the vote.", set()),
        ("Posted 24 Jan 2019: exports fell 3%.", {3}),
        ("Nearly half of the respondents had skipped a meal, and two per cent had gone hungry.", {2}),
    ],
)
def test_numbers_that_are_not_figures(nlp, gazetteer, text, kept):
    assert set(run(nlp, gazetteer, text)) == kept


def test_a_count_whose_noun_is_left_out_is_a_figure(nlp, gazetteer):
    figures = run(nlp, gazetteer, "The ministry said 31,000 people applied for the visa and 12,500 were approved.")
    assert set(figures) == {31000, 12500}
    assert figures[12500].unit == figures[31000].unit == "person"


def test_a_bare_number_after_a_percent_does_not_take_the_percent(nlp, gazetteer):
    figures = run(nlp, gazetteer, "The index rose 0.9%, closing at 34,512.")
    assert figures[0.9].unit == "percent"
    assert figures[34512].unit != "percent"


def test_a_baseline_of_the_same_period_last_year_and_a_total_since_a_day(nlp, gazetteer):
    text = (
        "A total of 410 asylum seekers reached Malta between January and May, down from 655 of the same period last "
        "year, the ministry said. More than 3,200 people have crossed the border since March 14, officials said."
    )
    figures = run(nlp, gazetteer, text, published=date(2022, 6, 20))
    assert _span(figures[410]) == (date(2022, 1, 1), date(2022, 5, 31))
    assert _span(figures[655]) == (date(2021, 1, 1), date(2021, 5, 31))
    assert _span(figures[3200]) == (date(2022, 3, 14), date(2022, 6, 20))


def test_a_date_compared_to_is_the_baseline_not_the_figures_period(nlp, gazetteer):
    text = (
        "Exports of apples reached 5,400 tonnes in the first half of 2021, up 12.5% compared to the same period in "
        "2020, the agency said.\n\n"
        "Last year, 8,120 tourists visited the island, a number 3.5 times higher compared to the previous year."
    )
    figures = run(nlp, gazetteer, text, published=date(2022, 3, 2))
    assert _span(figures[12.5]) == (date(2021, 1, 1), date(2021, 6, 30))
    assert _span(figures[3.5]) == (date(2021, 1, 1), date(2021, 12, 31))


def test_an_undated_past_figure_of_a_story_about_an_earlier_year_takes_that_year(nlp, gazetteer):
    text = (
        "Peru's fish exports reached $2.4 billion in 2020, the trade ministry said on Monday.\n\n"
        "The industry is old. Most boats sail from the north.\n\n"
        "Shipments to Spain rose 14 percent.\n\n"
        "The fleet is small. Its crews are young.\n\n"
        "The ministry counts 3,100 boats."
    )
    figures = run(nlp, gazetteer, text, published=date(2021, 2, 8))
    assert _span(figures[2.4e9]) == (date(2020, 1, 1), date(2020, 12, 31))
    assert _span(figures[14]) == (date(2020, 1, 1), date(2020, 12, 31))  # told in the past: the story's year
    assert _span(figures[3100]) == (None, None)  # a level in the present: the article's date


def test_a_day_written_before_its_month_dates_the_figure_and_the_same_day(nlp, gazetteer):
    text = (
        "Police arrested 14 people on 9 October, the provincial governor said. "
        "Rescuers pulled 37 people from the river on the same day."
    )
    figures = run(nlp, gazetteer, text, published=date(2015, 11, 2))
    assert _span(figures[14]) == (date(2015, 10, 9), date(2015, 10, 9))
    assert _span(figures[37]) == (date(2015, 10, 9), date(2015, 10, 9))


def test_a_date_inside_what_a_figure_is_compared_with_is_not_its_period(nlp, gazetteer):
    text = (
        "A sack of flour sold for 31,000 pesos at the central market on March 2, the traders said. "
        "That was 8% higher than prices in the February 16 survey, and 3% higher than the February 23 survey. "
        "The latest price was 12% higher than the one recorded in early January."
    )
    figures = run(nlp, gazetteer, text, published=date(2023, 3, 10))
    assert _span(figures[31000]) == (date(2023, 3, 2), date(2023, 3, 2))
    assert _span(figures[8]) == _span(figures[31000])  # the report the sentence continues, not February 16
    assert _span(figures[3]) == _span(figures[31000])  # nor the date the figure before was compared with
    assert _span(figures[12]) != (date(2023, 1, 1), date(2023, 1, 31))


def test_for_the_period_in_another_year_is_the_same_months_of_that_year(nlp, gazetteer):
    text = "Exports fell to 210 containers in the first six months of 2019, 260 in the same period of 2018 and 305 for the period in 2017."
    figures = run(nlp, gazetteer, text, published=date(2019, 7, 20))
    assert _span(figures[260]) == (date(2018, 1, 1), date(2018, 6, 30))
    assert _span(figures[305]) == (date(2017, 1, 1), date(2017, 6, 30))


def test_that_same_month_is_the_month_of_the_report_before(nlp, gazetteer):
    text = (
        "Landings on the island have fallen 40 percent so far this year, the coast guard said.\n\n"
        "In March 2021, the coast guard recorded 3,400 landings on the island.\n\n"
        "\"It was a hard spring,\" the commander said.\n\n"
        "Fishermen rescued more than 260 people off the north shore that same month, a local official said."
    )
    figures = run(nlp, gazetteer, text, published=date(2021, 9, 1))
    assert _span(figures[260]) == (date(2021, 3, 1), date(2021, 3, 31))


def test_an_undated_past_count_after_a_sentence_naming_one_day_takes_that_day(nlp, gazetteer):
    text = (
        "The council named a new mayor two days after officials published the results of the vote, which was held "
        "on May 14.\n\n"
        "The Green List received 412,500 votes, ahead of the Farmers' Union.\n\n"
        "Turnout climbed at the March 2 and April 9 by-elections.\n\n"
        "The Farmers' Union received 97,300 votes."
    )
    figures = run(nlp, gazetteer, text, published=date(2023, 6, 1))
    assert _span(figures[412500]) == (date(2023, 5, 14), date(2023, 5, 14))
    assert _span(figures[97300]) != (date(2023, 3, 2), date(2023, 3, 2))  # two days before it: neither is the one

# ---------------------------------------------------------------------------
# who states a figure, by the rules alone (no learned choices): bodies and people described rather than named


def rule_sources(nlp, gazetteer, text: str, **meta) -> dict[float, str | None]:
    from kg.learn import Choices

    article = Article(id="test:" + text[:40], text=text, origin="test", published=date(2024, 3, 5), **meta)
    return {f.value: f.source for f in extract(nlp(text), article, gazetteer, choices=Choices()).figures}


def test_a_description_before_the_name_states_for_the_body_named_after(nlp, gazetteer):
    text = (
        "Northland admitted 412 refugees last year, the country's immigration agency said on Tuesday.\n\n"
        "The Northland Immigration Agency said 96 of them came from Ostland."
    )
    sources = rule_sources(nlp, gazetteer, text, outlet="Harbour Times")
    assert sources[412] == sources[96] == "Northland Immigration Agency"


def test_a_named_body_described_after_a_name_is_the_speaker_not_the_name(nlp, gazetteer):
    text = (
        "About 300,000 people may need food aid by June, the U.N. food agency said. "
        "The World Food Programme asked donors for more money."
    )
    assert rule_sources(nlp, gazetteer, text, outlet="Harbour Times")[300000] == "World Food Programme"


def test_according_to_the_title_is_the_person_who_holds_it(nlp, gazetteer):
    text = (
        "Interior Minister Karl Brandt spoke in Berlin on Monday.\n\n"
        "According to the interior minister, 52,000 people applied in March."
    )
    assert rule_sources(nlp, gazetteer, text, outlet="Harbour Times")[52000] == "Karl Brandt"


def test_according_to_the_analysis_goes_on_with_the_body_named_before(nlp, gazetteer):
    text = (
        "Incomes rose 3 percent in 2023, according to the Harbour Research Institute.\n\n"
        "Wages in the north are 40 percent lower, according to the analysis."
    )
    assert rule_sources(nlp, gazetteer, text, outlet="Harbour Times")[40] == "Harbour Research Institute"


def rules(nlp, gazetteer, text: str, published: date) -> dict:
    """The figures as the rules read them, before the learned choices (no model file involved)."""
    from kg.extract import read_mentions
    from kg.extract.figures import extract_figures
    from kg.learn import Choices

    doc = nlp(text)
    article = Article(id="test:" + text[:40], text=text, origin="test", published=published)
    _, locate, sources = read_mentions(doc, article, gazetteer, Choices())
    return {f.value: f for f in extract_figures(doc, article, locate, sources)}


def test_the_start_of_a_change_takes_its_own_year_not_a_since_clause(nlp, gazetteer):
    text = ("Arrivals have been falling since the new leader took office at the end of 2011, dropping steeply by over "
            "1300 in the first year – from 2806 in 2011 to 1402 at the end of 2012 – because of tighter border controls.")
    figures = rules(nlp, gazetteer, text, date(2018, 7, 13))  # the tagger reads "2011 to 1402" as one date
    assert _span(figures[2806]) == (date(2011, 1, 1), date(2011, 12, 31))


def test_a_pronoun_subject_goes_on_with_the_day_of_the_sentence_before(nlp, gazetteer):
    text = ("The Treasury on Wednesday blacklisted the owner of a tanker for carrying fuel to a port on Sept. 5 last year."
            "\n\nIt imposed sanctions on nine companies, 16 people and six ships it accused of helping the smugglers.")
    figures = rules(nlp, gazetteer, text, date(2018, 1, 27))  # a Saturday
    assert _span(figures[16]) == (date(2018, 1, 24), date(2018, 1, 24))
    said = ("The Treasury said on Wednesday that smuggling had grown since Sept. 5 last year.\n\n"
            "It imposed sanctions on nine companies and 16 people after a review that took two years.")
    assert _span(rules(nlp, gazetteer, said, date(2018, 1, 27))[16]) != (date(2018, 1, 24), date(2018, 1, 24))


def test_the_month_is_the_one_the_sentence_before_names(nlp, gazetteer):
    text = ("Trade between the two neighbours slumped in September as new sanctions took hold.\n\n"
            "Exports in the month fell 6.7 per cent from a year ago, while imports fell 37.9 per cent.")
    figures = rules(nlp, gazetteer, text, date(2017, 10, 13))
    assert _span(figures[6.7]) == _span(figures[37.9]) == (date(2017, 9, 1), date(2017, 9, 30))
    two = "Trade slumped in September after a fall in August.\n\nExports in the month fell 6.7 per cent."
    assert _span(rules(nlp, gazetteer, two, date(2017, 10, 13))[6.7]) != (date(2017, 9, 1), date(2017, 9, 30))

