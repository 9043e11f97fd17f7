"""kg.extract.statements: quotes and reported speech, their speakers, roles, text and evidence."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract import extract
from kg.extract.statements import find_quotes
from kg.records import Article


def run(nlp, gazetteer, text: str, published: date | None = None):
    article = Article(id="test:" + text[:40], text=text, origin="test", published=published)
    return extract(nlp(text), article, gazetteer)


def by_text(extraction, words: str):
    found = [s for s in extraction.statements if words.lower() in s.text.lower()]
    assert len(found) == 1, f"expected one statement with {words!r}, got {[s.text for s in extraction.statements]}"
    return found[0]


def test_fronted_reported_speech_keeps_the_whole_clause(nlp, gazetteer):
    text = "Some 600 people arrived in the spring, and most of them were women, the Ministry of Unification said Monday."
    s = by_text(run(nlp, gazetteer, text), "most of them were women")
    assert s.speaker == "Ministry of Unification"
    assert s.verb == "said"
    assert s.text.startswith("Some 600 people arrived")
    assert "Ministry" not in s.text


def test_pronoun_it_is_the_body_the_text_reports_for(nlp, gazetteer):
    text = (
        "The figures come from the Ministry of Unification.\n\n"
        "Arrivals fell by a third over two years, it said."
    )
    s = by_text(run(nlp, gazetteer, text), "fell by a third")
    assert s.speaker == "Ministry of Unification"


def test_surname_resolves_to_the_person_named_before(nlp, gazetteer):
    text = (
        "Lee Byung-ho, chief of the National Intelligence Service, spoke to lawmakers on Tuesday.\n\n"
        "Lee said the border had been sealed with new fences."
    )
    s = by_text(run(nlp, gazetteer, text), "sealed")
    assert s.speaker == "Lee Byung-ho"


def test_ministry_official_is_the_ministry_in_role_official(nlp, gazetteer):
    text = (
        "The Ministry of Unification released its count on Monday. "
        "A unification ministry official estimated the total would stay under 1,500 this year."
    )
    s = by_text(run(nlp, gazetteer, text), "would stay under")
    assert (s.speaker, s.role, s.verb) == ("Ministry of Unification", "official", "estimated")


def test_he_after_a_possessive_only_is_anonymous(nlp, gazetteer):
    text = (
        "An official who handled Kim Jong-un’s funds fled last year.\n\n"
        "He told investigators that he feared the purges."
    )
    assert not [s for s in run(nlp, gazetteer, text).statements if "feared" in s.text]


def test_participle_saying_takes_the_subject_of_its_clause(nlp, gazetteer):
    text = (
        "Lee Byung-ho, chief of the National Intelligence Service, rejected the idea of a collapse, "
        "saying that there were no signs of unrest in the army."
    )
    s = by_text(run(nlp, gazetteer, text), "no signs of unrest")
    assert s.speaker == "Lee Byung-ho"
    assert s.verb == "saying"


def test_reported_clause_before_the_attribution(nlp, gazetteer):
    text = "Brokers now ask for far more money than before, Lee Byung-ho noted."
    s = by_text(run(nlp, gazetteer, text), "brokers now ask")
    assert s.speaker == "Lee Byung-ho"
    assert s.verb == "noted"


def test_quote_continued_in_the_next_sentence_is_one_statement(nlp, gazetteer):
    text = (
        "“The routes have all but closed,” said Lee Byung-ho, chief of the National Intelligence Service. "
        "“Only the richest families can still pay the brokers.”\n\n"
        "The Ministry of Unification said arrivals would fall again."
    )
    x = run(nlp, gazetteer, text)
    s = by_text(x, "all but closed")
    assert "richest families" in s.text
    assert s.speaker == "Lee Byung-ho" and s.role == "chief"
    assert text[s.evidence.start : s.evidence.end] == s.evidence.text
    assert "richest families" in s.evidence.text
    assert len(x.statements) == 2


def test_quote_over_two_paragraphs_with_attribution_in_the_second(nlp, gazetteer):
    text = (
        "“Crossing the river used to cost a month’s wages.\n\n"
        "“Now it costs a year’s,” said Lee Byung-ho, chief of the National Intelligence Service."
    )
    s = by_text(run(nlp, gazetteer, text), "a month’s wages")
    assert "a year’s" in s.text
    assert s.speaker == "Lee Byung-ho"


def test_the_report_said_is_the_source_of_the_text(nlp, gazetteer):
    text = (
        "According to the Korea Institute for National Unification, 4.8 percent of defectors had no job.\n\n"
        "Most of the jobless were older women, the report said."
    )
    s = by_text(run(nlp, gazetteer, text), "older women")
    assert s.speaker == "Korea Institute for National Unification"


def test_data_verbs_are_not_statements(nlp, gazetteer):
    text = "Data from the Ministry of Unification showed that arrivals fell to 1,277 last year."
    assert run(nlp, gazetteer, text).statements == []


def test_statement_mentions_exclude_the_speaker(nlp, gazetteer):
    text = "Lee Byung-ho told lawmakers that officials in China had fled to South Korea."
    s = by_text(run(nlp, gazetteer, text), "officials in China")
    assert "China" in s.mentions and "South Korea" in s.mentions
    assert "Lee Byung-ho" not in s.mentions


def test_find_quotes_unclosed_and_nested():
    text = "He said “a “b c d” e f g.\nNo quote here.\n“an unclosed quote runs to the paragraph end\n\"x y z w\""
    quotes = [(text[q.start : q.end], q.closed) for q in find_quotes(text)]
    assert ("b c d", True) in quotes
    assert ("an unclosed quote runs to the paragraph end", False) in quotes
    assert ("x y z w", True) in quotes


@pytest.mark.parametrize(
    "text",
    [
        "“" * 200 + "Lee Byung-ho said nothing.",
        "“A “B “C “D “E deep,” said Lee Byung-ho.” he” she” it”",
        '"' * 101 + " the Ministry of Unification said " + "”" * 50,
    ],
)
def test_unbalanced_and_nested_quotes_do_not_break_extraction(nlp, gazetteer, text):
    x = run(nlp, gazetteer, text)
    for s in x.statements:
        assert text[s.evidence.start : s.evidence.end] == s.evidence.text
        assert s.text.strip()


def test_very_long_paragraph_is_parsed_in_bounded_sentences(nlp, gazetteer):
    filler = " ".join(["and the guards watched the river"] * 900)  # 5,400 words, no full stop
    text = "NIS chief Lee Byung-ho told lawmakers that " + filler + " while the Ministry of Unification said nothing"
    doc = nlp(text)
    assert max(len(sent) for sent in doc.sents) <= 150
    article = Article(id="test:long", text=text, origin="test")
    x = extract(doc, article, gazetteer)
    assert ("Lee Byung-ho", "leads", "National Intelligence Service") in {
        (r.subject, r.predicate, r.object) for r in x.relations
    }
    for s in x.statements:
        assert len(s.evidence.text) < len(text)


def test_over_long_sentences_are_skipped_with_a_debug_message(nlp, caplog):
    from kg.extract.common import readable_sentences

    doc = nlp("Lee Byung-ho said the border was closed. " + "word " * 40 + "end.")
    with caplog.at_level("DEBUG", logger="kg.extract.common"):
        kept = list(readable_sentences(doc, max_tokens=20))
    assert [s.text.strip() for s in kept] == ["Lee Byung-ho said the border was closed."]
    assert "skipped a sentence of" in caplog.text


def test_it_said_again_is_the_body_that_spoke_last(nlp, gazetteer):
    text = (
        "According to Yonhap:\n\n"
        "Arrivals fell again, according to the Ministry of Unification.\n\n"
        "The count was provisional, it said.\n\n"
        "Experts said women find it easier to leave.\n\n"
        "Arrivals fell by half over four years, it said."
    )
    x = run(nlp, gazetteer, text)
    assert by_text(x, "provisional").speaker == "Ministry of Unification"
    assert by_text(x, "fell by half").speaker == "Ministry of Unification"
    assert not [s for s in x.statements if "women" in s.text]  # "experts" are anonymous


def test_title_gives_the_speaker_role(nlp, gazetteer):
    text = "Rep. Won Hye-young of the main opposition party said the figures were wrong."
    s = by_text(run(nlp, gazetteer, text), "figures were wrong")
    assert (s.speaker, s.role) == ("Won Hye-young", "lawmaker")


def test_a_speech_verb_inside_a_quote_is_not_the_attribution(nlp, gazetteer):
    text = (
        "Radio Free Asia reported that rents rose. "
        "“When rents rise in spring, it tells you supply is short,” Park Min-ji said."
    )
    s = by_text(run(nlp, gazetteer, text), "rents rise")
    assert s.speaker == "Park Min-ji"


def test_a_second_reporting_clause_is_a_second_statement(nlp, gazetteer):
    text = (
        "The South’s chief negotiator, Kim Ho-sung of the Korean Red Cross, said the talks were held "
        "“in a spirit of mutual trust”, the Yonhap news agency reported."
    )
    found = run(nlp, gazetteer, text).statements
    assert {s.speaker for s in found} == {"Kim Ho-sung", "Yonhap News Agency"}
    assert all("mutual trust" in s.text for s in found)


def test_a_common_noun_for_the_body_named_before(nlp, gazetteer):
    text = (
        "Seoul-based Daily NK reported Saturday that rice prices rose. "
        "The website said corn had also become more expensive. "
        "The Japan Coast Guard found 83 boats. That compares with 66 in 2016, the coast guard said. "
        "Hoshino Electric Industries Co. said profit rose. Orders totaled 318 billion yen, the company said."
    )
    extraction = run(nlp, gazetteer, text)
    assert by_text(extraction, "corn").speaker == "Daily NK"
    assert by_text(extraction, "compares").speaker == "Japan Coast Guard"
    assert by_text(extraction, "orders totaled").speaker == "Hoshino Electric Industries Co."


def test_officials_at_the_ministry_speak_for_it(nlp, gazetteer):
    text = "The Ministry of Unification said arrivals fell. Officials at the ministry said most of the aid was medicine."
    assert by_text(run(nlp, gazetteer, text), "medicine").speaker == "Ministry of Unification"


def test_a_relative_clause_before_the_speaker_stays_in_the_statement(nlp, gazetteer):
    text = (
        "The surge has swamped the Immigration and Refugee Board (IRB), which had a backlog of about 54,000 "
        "claims as of late May, the board's chairman, Andrew Pelletier, told a Commons committee on Tuesday."
    )
    s = by_text(run(nlp, gazetteer, text), "backlog")
    assert s.speaker == "Andrew Pelletier"
    assert "Pelletier" not in s.text


def test_a_parenthetical_attribution_and_a_quote_ending_reported_speech(nlp, gazetteer):
    text = (
        "Dr. Kwon Tae-jin told me the decline among younger voters had been “steady and, so far, irreversible.” "
        "Young people, he said, see unification as a cost rather than an opportunity."
    )
    extraction = run(nlp, gazetteer, text)
    assert by_text(extraction, "irreversible").text.startswith("the decline among younger voters")
    s = by_text(extraction, "opportunity")
    assert s.speaker == "Kwon Tae-jin"
    assert s.text.startswith("Young people see unification")


def test_the_subject_nearest_the_verb_after_a_misread_apposition(nlp, gazetteer):
    text = (
        "KBS reported Sunday that 14 soldiers had defected. The most recent was a sergeant, Jang Kwang-il, "
        "who defected on Nov. 21, the broadcaster said. "
        "The firms include Primorye Bunker Services, a shipping agent in Vladivostok, Russia, which Treasury said "
        "delivered 36,000 tons of diesel."
    )
    extraction = run(nlp, gazetteer, text)
    assert by_text(extraction, "sergeant").speaker == "Korean Broadcasting System"
    assert by_text(extraction, "diesel").speaker == "Treasury"


def test_a_given_name_alone_refers_to_the_person(nlp, gazetteer):
    text = (
        "On a cold evening in Suwon, Park Min-ho unfolds a map of Hyesan. He was the first to leave.\n\n"
        "The brothers paid a broker 12 million won to bring her out. "
        "Min-ho says the same journey cost him a third of that."
    )
    assert by_text(run(nlp, gazetteer, text), "journey").speaker == "Park Min-ho"


def test_he_after_a_given_name_the_tagger_missed(nlp, gazetteer):
    text = (
        "Park Min-ho fled in 2011. His younger brother, Park Min-seok, followed. "
        "Their uncle, Park Gwang-chol, was an official, Min-seok believes. "
        "“Our uncle was expelled in 2013,” he said."
    )
    assert by_text(run(nlp, gazetteer, text), "expelled").speaker == "Park Min-seok"


def test_the_subject_after_a_dateline_dash_and_no_dateline_in_the_text(nlp, gazetteer):
    text = "Tokyo (AFP) - Toyota Motor Corp. said Wednesday its net profit rose 20 percent in the quarter."
    s = by_text(run(nlp, gazetteer, text), "net profit")
    assert s.speaker == "Toyota Motor Corp."
    text = "SEOUL, Nov. 3 (Yonhap) -- North Korea’s economy shrank 3.5 percent last year, the Bank of Korea said Friday."
    s = by_text(run(nlp, gazetteer, text), "shrank")
    assert s.text.startswith("North Korea’s economy")


def test_officials_at_a_body_named_by_a_common_noun(nlp, gazetteer):
    text = (
        "The Portland Police Bureau said overtime costs rose 12 percent. "
        "Officials at the bureau said the department had lost 60 officers since January."
    )
    assert by_text(run(nlp, gazetteer, text), "60 officers").speaker == "Portland Police Bureau"


def test_said_in_a_statement_that(nlp, gazetteer):
    text = "Deputy Finance Minister Anna Brandt said in a statement that tax revenue rose 4 percent."
    s = by_text(run(nlp, gazetteer, text), "tax revenue")
    assert s.speaker == "Anna Brandt"
    assert s.text.startswith("tax revenue")


def test_reported_speech_ends_before_a_closing_attribution(nlp, gazetteer):
    text = (
        "Lee Jong-seok said the North’s markets had adapted, and that prices in Pyongyang were stable, "
        "Daily NK reported, citing sources."
    )
    found = run(nlp, gazetteer, text).statements
    lee = next(s for s in found if s.speaker == "Lee Jong-seok")
    assert lee.text.endswith("were stable")
    assert any(s.speaker == "Daily NK" and "were stable" in s.text for s in found)


def test_a_quote_inside_reported_speech_keeps_its_closing_mark(nlp, gazetteer):
    text = "Its chief executive, Herbert Diess, said the plan was “painful but necessary”."
    assert run(nlp, gazetteer, text).statements[0].text == "the plan was “painful but necessary”"


def test_a_hyphenated_given_name_after_a_quote(nlp, gazetteer):
    text = (
        "Ri Song-mi now lives in Incheon with her daughter, Kang Ha-eun, who is 12. "
        "“I only remember the cold,” Ha-eun said."
    )
    assert by_text(run(nlp, gazetteer, text), "cold").speaker == "Kang Ha-eun"


def test_the_owner_in_a_possessive_subject_is_not_the_speaker(nlp, gazetteer):
    text = (
        "President Moon Jae-in will visit Pyongyang next month. "
        "Moon’s chief of staff, Im Jong-seok, told reporters the trip would last three days."
    )
    assert by_text(run(nlp, gazetteer, text), "three days").speaker == "Im Jong-seok"


def test_he_is_the_previous_sentence_subject_not_a_name_in_its_apposition(nlp, gazetteer):
    text = (
        "Moon Chung-in, a special adviser to President Moon Jae-in, wrote in a column that the leaflets were "
        "counterproductive. He warned that the North would cut the hotline again."
    )
    assert by_text(run(nlp, gazetteer, text), "hotline").speaker == "Moon Chung-in"


def test_quoted_as_saying(nlp, gazetteer):
    text = "Park Sang-hak was quoted by the Dong-A Ilbo as saying the group would send more balloons."
    s = by_text(run(nlp, gazetteer, text), "balloons")
    assert (s.speaker, s.verb) == ("Park Sang-hak", "saying")


def test_diplomats_at_a_body_and_it_for_a_country_do_not_speak_for_a_body(nlp, gazetteer):
    text = (
        "The Ministry of Unification said trade fell. "
        "Diplomats at the United Nations say the Security Council is discussing a tighter cap on coal sales. "
        "China has resisted measures that it says would hurt ordinary North Koreans."
    )
    speakers = {s.speaker for s in run(nlp, gazetteer, text).statements}
    assert speakers == {"Ministry of Unification"}


def test_a_shared_surname_alone_keeps_meaning_the_person_it_meant(nlp, gazetteer):
    text = (
        "The night Ri Song-mi crossed the Tumen, her husband stayed behind.\n\n"
        "Ri, 38, a former nurse, now lives in Incheon. Her brother, Ri Song-chol, a soldier, defected in 2015.\n\n"
        "“I think about him every day,” Ri says of her husband."
    )
    assert by_text(run(nlp, gazetteer, text), "every day").speaker == "Ri Song-mi"


def test_a_short_fronted_quote_is_continued_by_the_next_quote(nlp, gazetteer):
    text = (
        "Kim Do-hyun of the Korea Legal Aid Corporation disagreed. “Reviews take years,” he said. "
        "“Nothing will change this year.” He added that the corporation had handled 312 cases in 2017."
    )
    extraction = run(nlp, gazetteer, text)
    assert by_text(extraction, "Reviews take years").text == "Reviews take years. Nothing will change this year"
    assert by_text(extraction, "312 cases").speaker == "Kim Do-hyun"


def test_he_is_not_a_person_named_inside_a_quote(nlp, gazetteer):
    text = (
        "Kim Do-hyun of the Korea Legal Aid Corporation disagreed. "
        "“Even Park Ji-won promised reforms years ago and nothing happened,” he said.\n\n"
        "He added that the corporation had handled 312 cases in 2017."
    )
    assert by_text(run(nlp, gazetteer, text), "312 cases").speaker == "Kim Do-hyun"


def test_the_company_is_the_body_that_spoke_last_among_those_named(nlp, gazetteer):
    text = (
        "Volkswagen AG, the Wolfsburg-based carmaker, said it would cut 7,000 jobs. "
        "The company said the cuts would save 5.9 billion euros a year."
    )
    assert by_text(run(nlp, gazetteer, text), "cuts would save").speaker == "Volkswagen AG"


def test_attribution_split_from_its_sentence_after_a_comma(nlp, gazetteer):
    # the parser ends a sentence at "$57 million" and starts the next at ", Moreno said."
    text = (
        "Carla Moreno, the district's finance director, said costs rose. "
        "The district's overall budget for fiscal 2021 totals $57 million, Moreno said."
    )
    statement = by_text(run(nlp, gazetteer, text), "overall budget")
    assert statement.speaker == "Carla Moreno"


def test_the_group_is_the_organisation_named_before(nlp, gazetteer):
    text = (
        "Brokers now charge 900 euros, according to a report released Monday by the Lisbon-based Harbor Rights Alliance. "
        "In 2012, the same trip cost 300 euros, the group said."
    )
    assert by_text(run(nlp, gazetteer, text), "same trip").speaker == "Harbor Rights Alliance"


def test_the_report_is_the_work_of_the_body_that_released_it(nlp, gazetteer):
    text = (
        "A survey released on Monday by the Harbor Rights Alliance found rents up. "
        '"It is bad," said Maria Lopez, an alliance researcher. '
        "The report says evictions rose since 2019. The report also notes a rise in sublets."
    )
    found = run(nlp, gazetteer, text)
    assert by_text(found, "evictions rose").speaker == "Harbor Rights Alliance"
    assert by_text(found, "a rise in sublets").speaker == "Harbor Rights Alliance"


def test_reported_after_a_long_apposition_is_the_main_verb(nlp, gazetteer):
    # the parser takes the name for the root and "reported" for a participle modifying it
    text = (
        "Reuters, a London-based news agency with staff in the region, reported on Monday that a barrel of oil "
        "sold for 90 dollars in Lagos last week."
    )
    assert by_text(run(nlp, gazetteer, text), "barrel of oil").speaker == "Reuters"


def test_a_quote_left_open_at_the_end_of_the_text_is_read_to_the_end(nlp, gazetteer):
    """An unclosed quote in the last paragraph ends at the end of the text; its closing mark is not looked for past it."""
    text = "Kim Min-ho told reporters that the decline had been “steady and irreversible over the past two years"
    s = by_text(run(nlp, gazetteer, text), "steady and irreversible")
    assert s.speaker == "Kim Min-ho"
    assert s.text.endswith("past two years")
    assert s.evidence.end <= len(text)
