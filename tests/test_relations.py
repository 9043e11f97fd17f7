"""kg.extract.relations: typed relations with their role, evidence, confidence and rule."""

from __future__ import annotations

from kg.extract import extract
from kg.learn import Choices
from kg.records import Article


def run(nlp, gazetteer, text: str):
    article = Article(id="test:" + text[:40], text=text, origin="test")
    return extract(nlp(text), article, gazetteer, choices=Choices())  # the patterns alone


def triples(extraction):
    return {(r.subject, r.predicate, r.object, r.role) for r in extraction.relations}


def test_kinship_apposition_with_possessive(nlp, gazetteer):
    text = "Lawmakers recalled the execution of Jang Song-thaek, Kim Jong-un’s uncle, in 2013."
    assert ("Jang Song-thaek", "relativeOf", "Kim Jong-un", "uncle") in triples(run(nlp, gazetteer, text))


def test_husband_of_aunt_named(nlp, gazetteer):
    text = (
        "Kim Jong-un inherited the funds in 2011. "
        "Jang Song-thaek, the husband of Kim’s aunt Kim Kyong-hui, ran the businesses until 2013."
    )
    found = triples(run(nlp, gazetteer, text))
    assert ("Jang Song-thaek", "relativeOf", "Kim Jong-un", "husband of aunt") in found
    assert ("Jang Song-thaek", "relativeOf", "Kim Kyong-hui", "husband") in found


def test_same_pair_in_two_roles_is_kept_twice(nlp, gazetteer):
    text = (
        "Kim Jong-un’s uncle Jang Song-thaek was purged. "
        "Jang Song-thaek, the husband of Kim Jong-un’s aunt, was executed."
    )
    roles = {r.role for r in run(nlp, gazetteer, text).relations if r.predicate == "relativeOf"}
    assert roles == {"uncle", "husband of aunt"}


def test_party_role_noun_from_the_parse(nlp, gazetteer):
    text = "None is as senior as Hwang Jang-yop, the Workers’ Party ideologue who defected in 1997."
    found = triples(run(nlp, gazetteer, text))
    assert ("Hwang Jang-yop", "memberOf", "Workers' Party of Korea", "ideologue") in found


def test_former_role_is_kept(nlp, gazetteer):
    text = "The highest defector remains Hwang Jang-yop, the former Workers’ Party secretary who died in 2010."
    found = triples(run(nlp, gazetteer, text))
    assert ("Hwang Jang-yop", "memberOf", "Workers' Party of Korea", "former secretary") in found


def test_organisation_apposition_in_a_place(nlp, gazetteer):
    text = "Arrivals spend 12 weeks at Hanawon, the government’s resettlement center in Anseong, before moving on."
    assert ("Hanawon", "locatedIn", "Anseong", None) in triples(run(nlp, gazetteer, text))


def test_a_list_of_places_is_not_located_in(nlp, gazetteer):
    text = "Defectors settled in Seoul, Busan and Incheon."
    assert not [r for r in run(nlp, gazetteer, text).relations if r.predicate == "locatedIn"]


def test_objects_of_membership_are_never_places(nlp, gazetteer):
    text = "Seoul lawmaker Lee Byung-ho and China analyst Kim Min-ji met in Seoul, South Korea."
    x = run(nlp, gazetteer, text)
    types = {m.name: m.type for m in x.mentions}
    for r in x.relations:
        if r.predicate in ("memberOf", "leads"):
            assert types[r.object] in ("Agency", "Organization", "Outlet")


def test_evidence_is_the_sentence_without_trailing_space(nlp, gazetteer):
    text = "Other news first.\n\nNIS chief Lee Byung-ho told lawmakers so.\n\nMore later."
    (r,) = run(nlp, gazetteer, text).relations
    assert r.evidence.text == "NIS chief Lee Byung-ho told lawmakers so."
    assert text[r.evidence.start : r.evidence.end] == r.evidence.text
    assert (r.extractor, r.confidence) == ("role-before-name", 0.9)


def test_every_relation_triple_is_reified_with_evidence_offsets_confidence_and_extractor(analysed):
    from rdflib import Graph
    from rdflib.namespace import PROV, RDF

    from kg.namespace import KG, NIF, SCHEMA
    from kg.rdf import to_dataset

    _, extractions, resolution = analysed
    dataset = Graph()
    for graph in to_dataset(extractions, resolution).graphs():
        dataset += graph
    reified = list(dataset.subjects(RDF.predicate, KG.leads)) + list(dataset.subjects(RDF.predicate, KG.relativeOf))
    assert len(reified) >= 2
    for node in reified:
        article = dataset.value(node, PROV.wasDerivedFrom)
        body = str(dataset.value(article, SCHEMA.articleBody))
        evidence = str(dataset.value(node, KG.evidence))
        begin, end = int(dataset.value(node, NIF.beginIndex)), int(dataset.value(node, NIF.endIndex))
        assert body[begin:end] == evidence
        assert 0 < float(dataset.value(node, KG.confidence)) <= 1
        assert str(dataset.value(node, KG.extractor))
        subject, predicate, obj = (dataset.value(node, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        assert (subject, predicate, obj) in dataset


def test_organisation_office_in_a_place(nlp, gazetteer):
    text = "A trader who worked at Room 39’s Hong Kong office fled in May."
    found = triples(run(nlp, gazetteer, text))
    assert ("Room 39", "locatedIn", "Hong Kong", None) in found


def test_former_before_the_organisation_keeps_former(nlp, gazetteer):
    text = "Former NIS chief Lee Byung-ho spoke to reporters."
    (r,) = run(nlp, gazetteer, text).relations
    assert (r.subject, r.object, r.role) == ("Lee Byung-ho", "National Intelligence Service", "former chief")


def test_possessive_role_apposition(nlp, gazetteer):
    text = "Kim Eun-ji, the Ministry of Unification’s spokeswoman, said arrivals fell."
    found = triples(run(nlp, gazetteer, text))
    assert ("Kim Eun-ji", "memberOf", "Ministry of Unification", "spokeswoman") in found


def test_title_before_name_points_to_the_ministry_the_text_names(nlp, gazetteer):
    text = "Foreign Minister Ahn Jae-sung said the Ministry of Foreign Affairs would seek talks."
    assert ("Ahn Jae-sung", "leads", "Ministry of Foreign Affairs", "minister") in triples(run(nlp, gazetteer, text))


def test_title_before_name_without_the_organisation_named_gives_nothing(nlp, gazetteer):
    text = "Foreign Minister Ahn Jae-sung and North Korean leader Kim Jong-un met Chinese officials."
    assert not [r for r in run(nlp, gazetteer, text).relations if r.predicate in ("leads", "memberOf")]


def test_generic_noun_before_a_role_is_the_organisation_named_before(nlp, gazetteer):
    text = (
        "The Ministry of Unification released the data on Monday. "
        "Arrivals fell, ministry spokeswoman Seo Ha-na said. "
        "The Database Center for North Korean Human Rights disagreed. "
        "Yoon Yeo-sang, the center’s director, said so."
    )
    found = triples(run(nlp, gazetteer, text))
    assert ("Seo Ha-na", "memberOf", "Ministry of Unification", "spokeswoman") in found
    assert ("Yoon Yeo-sang", "leads", "Database Center for North Korean Human Rights", "director") in found


def test_role_of_organisation_before_the_name(nlp, gazetteer):
    text = (
        "“We are watching,” a spokesman for the Ministry of National Defense, Nam Gi-hyun, said. "
        "A senior official at the National Police Agency named Jung Hae-in agreed."
    )
    found = triples(run(nlp, gazetteer, text))
    assert ("Nam Gi-hyun", "memberOf", "Ministry of National Defense", "spokesman") in found
    assert ("Jung Hae-in", "memberOf", "National Police Agency", "senior official") in found


def test_possessive_director_leads_but_director_of_a_program_is_a_member(nlp, gazetteer):
    text = (
        "The Hanbit Foundation’s director Oh Sung-min spoke first. "
        "Laura Kessler, director of the Halvorsen Institute’s Korea program, disagreed."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Oh Sung-min", "leads", "Hanbit Foundation") in found
    assert ("Laura Kessler", "memberOf", "Halvorsen Institute") in found
    assert ("Laura Kessler", "leads", "Halvorsen Institute") not in found


def test_who_served_as(nlp, gazetteer):
    text = (
        "Choi Hae-rim, who served as the Foreign Ministry’s deputy minister, spoke. "
        "Richard Vance, who chairs the Pacific Security Council, agreed."
    )
    found = {(s, p, o, r) for s, p, o, r in triples(run(nlp, gazetteer, text))}
    assert any(s == "Choi Hae-rim" and p == "memberOf" and r == "deputy minister" for s, p, o, r in found)


def test_an_age_does_not_break_the_apposition(nlp, gazetteer):
    text = "Park Mi-ran, 45, a researcher at the Korea Institute for National Unification, said so."
    found = triples(run(nlp, gazetteer, text))
    assert ("Park Mi-ran", "memberOf", "Korea Institute for National Unification", "researcher") in found


def test_kin_with_an_adjective_and_a_sentence_initial_her(nlp, gazetteer):
    text = (
        "State media showed Kim Yo-jong, the younger sister of Kim Jong-un, at a factory. "
        "Park Mi-ran lives in Seoul. Her son, Kang Min-su, defected to South Korea in 2015."
    )
    found = triples(run(nlp, gazetteer, text))
    assert ("Kim Yo-jong", "relativeOf", "Kim Jong-un", "sister") in found
    assert ("Kang Min-su", "relativeOf", "Park Mi-ran", "son") in found


def test_apposition_x_based_group(nlp, gazetteer):
    text = "The survey was run by the Citizens’ Alliance for North Korean Human Rights, a Seoul-based group."
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert any(p == "locatedIn" and o == "Seoul" and s.startswith("Citizens") for s, p, o in found)


def test_short_form_points_to_the_fuller_name_but_not_to_a_part(nlp, gazetteer):
    text = (
        "The Treasury Department imposed sanctions. “We will keep going,” Treasury spokesman Mark Ellison said. "
        "The United Nations Security Council met. Kerry Anand, an official with the United Nations, said so."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    treasury = {o for s, p, o in found if s == "Mark Ellison"}
    assert treasury and all("Department" in o for o in treasury)
    assert ("Kerry Anand", "memberOf", "United Nations") in found


def test_apposition_across_a_place_and_who_works_for(nlp, gazetteer):
    text = (
        "Choe Ryong-hae, a senior official in North Korea’s ruling Workers’ Party, was sacked. "
        "Kim Min-ho, head of the North Korea department at the Sejong Institute, disagreed. "
        "Kim Young-hee, who now works for the Citizens’ Alliance for North Korean Human Rights, agreed."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Choe Ryong-hae", "memberOf", "Workers' Party of Korea") in found
    assert ("Kim Min-ho", "memberOf", "Sejong Institute") in found
    assert any(s == "Kim Young-hee" and p == "memberOf" for s, p, o in found)


def test_lower_case_title_after_the_name_and_a_foreign_minister(nlp, gazetteer):
    text = (
        "The Ministry of Unification and the Ministry of National Defense said so. "
        "Talks will resume, said Hong Yong-pyo, the unification minister. "
        "North Korea’s Defense Minister Hyon Yong-chol was purged."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Hong Yong-pyo", "leads", "Ministry of Unification") in found
    assert not [t for t in found if t[0] == "Hyon Yong-chol"]


def test_a_city_in_a_province_and_a_based_think_tank(nlp, gazetteer):
    text = "Prices rose in Hyesan, a border city in Ryanggang Province, a Japan-based news agency AsiaPress said."
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Hyesan", "locatedIn", "Ryanggang Province") in found
    assert ("AsiaPress", "locatedIn", "Japan") in found


def test_kin_after_the_name_with_an_adjective(nlp, gazetteer):
    text = "Kim Yo-jong, Kim Jong-un’s younger sister, attended the ceremony."
    assert ("Kim Yo-jong", "relativeOf", "Kim Jong-un", "sister") in triples(run(nlp, gazetteer, text))


def test_kinship_of_a_titled_person(nlp, gazetteer):
    text = "Kim Yo-jong, the younger sister of leader Kim Jong-un, visited the border."
    assert ("Kim Yo-jong", "relativeOf", "Kim Jong-un", "sister") in triples(run(nlp, gazetteer, text))


def test_possessive_role_with_under_secretary(nlp, gazetteer):
    text = "Nadia Brook, the Treasury Department’s under secretary for financial crimes, announced the sanctions."
    found = triples(run(nlp, gazetteer, text))
    assert any(s == "Nadia Brook" and p == "memberOf" and role == "under secretary" for s, p, _, role in found)


def test_capitalised_title_before_a_name(nlp, gazetteer):
    text = (
        "Daewon Securities said profit rose. "
        "Daewon Securities Chief Executive Kenta Ishida told a news conference that demand held."
    )
    found = triples(run(nlp, gazetteer, text))
    assert ("Kenta Ishida", "leads", "Daewon Securities", "chief executive") in found


def test_deputy_and_vice_before_a_title_make_a_member(nlp, gazetteer):
    text = (
        "The Ministry of Foreign Affairs issued a note. "
        "Vice Foreign Minister Cho Hyun-woo told reporters it was firm. "
        "The Labor Department published the data. "
        "Deputy Labor Secretary Ellen Marsh said in a statement that hiring slowed."
    )
    found = triples(run(nlp, gazetteer, text))
    assert ("Cho Hyun-woo", "memberOf", "Ministry of Foreign Affairs", "vice minister") in found
    assert ("Ellen Marsh", "memberOf", "Labor Department", "deputy secretary") in found
    assert not [t for t in found if t[1] == "leads"]


def test_a_mayor_leads_the_city_not_its_council(nlp, gazetteer):
    text = "The Tacoma City Council met Monday. Tacoma Mayor Robert Lindqvist said he agreed."
    found = triples(run(nlp, gazetteer, text))
    assert ("Robert Lindqvist", "leads", "Tacoma", "mayor") in found
    assert not [t for t in found if t[2] == "Tacoma City Council"]


def test_councilman_is_a_member_of_the_council_named_before(nlp, gazetteer):
    text = "The Tacoma City Council met Monday. Councilman Dave Ruiz said the vote would wait."
    found = triples(run(nlp, gazetteer, text))
    assert ("Dave Ruiz", "memberOf", "Tacoma City Council", "councilman") in found


def test_role_at_a_common_noun_for_the_organisation_named_before(nlp, gazetteer):
    text = (
        "The Korea Development Fund said loans grew. "
        "Lee Sun-hee, a senior economist at the fund, said the trend would continue. "
        "The Japan Coast Guard found 80 boats. "
        "“The currents push them,” said Yuki Tanaka, a spokeswoman for the coast guard’s office in Niigata."
    )
    found = triples(run(nlp, gazetteer, text))
    assert ("Lee Sun-hee", "memberOf", "Korea Development Fund", "senior economist") in found
    assert ("Yuki Tanaka", "memberOf", "Japan Coast Guard", "spokeswoman") in found


def test_head_of_a_named_unit_of_an_organisation(nlp, gazetteer):
    text = (
        "The Ministry of Unification said arrivals fell. "
        "Kang Hye-won, director general of the ministry’s Resettlement Support Bureau, said a center would open. "
        "Tom Hale, director of the city’s Office of Budget and Finance, told the council that revenue rose."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Kang Hye-won", "leads", "Resettlement Support Bureau") in found
    assert ("Kang Hye-won", "memberOf", "Ministry of Unification") in found
    assert ("Kang Hye-won", "leads", "Ministry of Unification") not in found
    assert ("Tom Hale", "leads", "Office of Budget and Finance") in found


def test_possessive_role_with_a_field_word_and_a_based_organisation(nlp, gazetteer):
    text = (
        "Anna Nowak, the European Commission’s migration commissioner, said the figures were good. "
        "“This is the last chance,” said Choi Ji-ho, a researcher at the Seoul-based Hanul Institute for Peace Studies."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Anna Nowak", "memberOf", "European Commission") in found
    assert ("Choi Ji-ho", "memberOf", "Hanul Institute for Peace Studies") in found


def test_place_possessive_place_and_a_place_before_a_person(nlp, gazetteer):
    text = (
        "Officials met at the North's Mount Kumgang resort. China's North Korea policy changed. "
        "Among those named were Ri Chol-ho, a trader in Dandong, China, and his younger brother Ri Chol-su."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Mount Kumgang", "locatedIn", "North Korea") in found
    assert ("Dandong", "locatedIn", "China") in found
    assert not [t for t in found if t[0] == "North Korea" and t[1] == "locatedIn"]


def test_their_kin_is_the_brothers_named_before(nlp, gazetteer):
    text = (
        "Park Min-ho fled first. His younger brother, Park Min-su, followed in 2014. "
        "Their mother, Lee Ok-sun, stayed behind.\n\nTheir uncle, Park Gwang-il, was an official."
    )
    found = triples(run(nlp, gazetteer, text))
    for relative, kin in (("Lee Ok-sun", "mother"), ("Park Gwang-il", "uncle")):
        assert (relative, "relativeOf", "Park Min-ho", kin) in found
        assert (relative, "relativeOf", "Park Min-su", kin) in found


def test_a_national_party_in_a_province_is_not_located_there(nlp, gazetteer):
    text = (
        "Kim Bo-ra, a former official of the Workers’ Party of Korea in Ryanggang Province, spoke. "
        "The Chinese Embassy in Washington declined to comment."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Workers' Party of Korea", "locatedIn", "Ryanggang Province") not in found


def test_who_teaches_at_and_studies_at(nlp, gazetteer):
    text = (
        "“The first year is hard,” said Prof. Han Dae-sik, who teaches education policy at Kyungin National "
        "University and has followed defectors for a decade. Ha Jin-woo now studies law at Korea University."
    )
    found = triples(run(nlp, gazetteer, text))
    assert ("Han Dae-sik", "memberOf", "Kyungin National University", "professor") in found
    assert ("Ha Jin-woo", "memberOf", "Korea University", "student") in found


def test_a_former_role_in_a_relative_clause_is_not_a_lead(nlp, gazetteer):
    text = (
        "Lee Jong-seok, a former unification minister who now works at the Sejong Institute, said the figures "
        "understated the damage. His son, Lee Min-jae, works for Samsung Electronics."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Lee Jong-seok", "memberOf", "Sejong Institute") in found
    assert ("Lee Jong-seok", "leads", "Sejong Institute") not in found
    assert ("Lee Min-jae", "memberOf", "Samsung Electronics") in found


def test_a_copula_after_the_name_is_not_an_apposition_but_and_in_a_role_is(nlp, gazetteer):
    text = (
        "Sarah Lyle, the president and chief executive of the Resolution Foundation, said pay was weak. "
        "Her uncle, Ri Chol-man, is a senior official at the Korea Trade Research Institute, Ri Song-mi said."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Sarah Lyle", "leads", "Resolution Foundation") in found
    assert not [t for t in found if t[2] == "Korea Trade Research Institute"]


def test_a_possessive_pronoun_opening_a_sentence_is_the_previous_subject(nlp, gazetteer):
    text = (
        "Ri Song-mi, 38, now lives in Incheon with her daughter, Kang Ha-eun, who is 12. "
        "Her brother, Ri Song-chol, defected in 2015."
    )
    found = triples(run(nlp, gazetteer, text))
    assert ("Ri Song-chol", "relativeOf", "Ri Song-mi", "brother") in found
    assert ("Ri Song-chol", "relativeOf", "Kang Ha-eun", "brother") not in found


def test_based_in_after_a_descriptive_apposition_and_a_secretary_general(nlp, gazetteer):
    text = (
        "The International Organization for Migration (IOM), a UN agency based in Geneva, said 2,275 migrants died. "
        "Amnesty International’s secretary general, Kumi Naidoo, called the figures bad."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("United Nations", "locatedIn", "Geneva") not in found
    assert ("Kumi Naidoo", "leads", "Amnesty International") in found


def test_the_role_word_is_the_last_before_of_and_a_director_is_one_of_many(nlp, gazetteer):
    text = (
        "Kim Min-su, executive director of the Korea Development Institute, said growth would slow. "
        "Statistics Korea said births fell. “Fewer marriages weigh on births,” said Lee Ji-yeon, a director at the agency."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Kim Min-su", "leads", "Korea Development Institute") in found
    assert ("Lee Ji-yeon", "memberOf", "Statistics Korea") in found
    assert ("Lee Ji-yeon", "leads", "Statistics Korea") not in found


def test_who_was_appointed_head_of(nlp, gazetteer):
    text = "Jeon Mi-ra, who was appointed head of the Korea Hana Foundation last year, said the fund would grow."
    found = triples(run(nlp, gazetteer, text))
    assert ("Jeon Mi-ra", "leads", "Korea Hana Foundation", "head") in found


def test_whose_kin_and_kin_after_a_copula(nlp, gazetteer):
    text = (
        "Kim Hye-sook, whose brother Kim Chol-ho defected in 2015, still lives in Hoeryong. "
        "Kim Kyong-hui is the aunt of Kim Jong-un. Jang Song-thaek was Kim Jong-un’s uncle."
    )
    found = triples(run(nlp, gazetteer, text))
    assert ("Kim Chol-ho", "relativeOf", "Kim Hye-sook", "brother") in found
    assert ("Kim Kyong-hui", "relativeOf", "Kim Jong-un", "aunt") in found
    assert ("Jang Song-thaek", "relativeOf", "Kim Jong-un", "uncle") in found


def test_editor_in_chief_and_founder_and_president(nlp, gazetteer):
    text = (
        "Lee Sang-yong, editor-in-chief of Daily NK, said the outlet had 12 sources. "
        "Park In-ho, Daily NK’s founder and president, told the Korea Herald that funding was tight."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Lee Sang-yong", "leads", "Daily NK") in found
    assert ("Park In-ho", "leads", "Daily NK") in found


def test_a_given_name_alone_studies_at(nlp, gazetteer):
    text = (
        "His younger brother, Park Min-seok, followed in 2014.\n\n"
        "Min-seok now studies engineering at Ajou University. He sends money home."
    )
    found = triples(run(nlp, gazetteer, text))
    assert ("Park Min-seok", "memberOf", "Ajou University", "student") in found


def test_a_role_at_a_common_noun_leads_only_the_whole_body(nlp, gazetteer):
    text = (
        "The Japan Coast Guard found 83 boats. Yuki Tanaka, the director of the coast guard’s regional office, "
        "said so. Taro Abe, the commander of the coast guard, agreed. Ken Sato, a commander at the coast guard, agreed."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Yuki Tanaka", "memberOf", "Japan Coast Guard") in found
    assert ("Taro Abe", "leads", "Japan Coast Guard") in found
    assert ("Ken Sato", "memberOf", "Japan Coast Guard") in found


def test_a_mayor_of_the_dateline_city_the_tagger_missed_before_the_title(nlp, gazetteer):
    text = (
        "RIVERTON, Ohio — The city will hire 40 officers. "
        "“We made hard choices,” Riverton Mayor Teresa Vance said in remarks to the City Council."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Teresa Vance", "leads", "RIVERTON") in found


def test_an_agent_in_a_place_is_where_it_acted(nlp, gazetteer):
    text = "Most of the wounded were treated by Doctors Without Borders in Lebanon last year."
    found = {(s, p) for s, p, _, _ in triples(run(nlp, gazetteer, text))}
    assert not [t for t in found if t[1] == "locatedIn"]


def test_its_role_is_the_organisation_the_previous_sentence_is_about(nlp, gazetteer):
    text = (
        "Volkswagen AG, the Wolfsburg-based carmaker, said it would cut 7,000 jobs. "
        "The company said the cuts would save money. Its chief executive, Herbert Diess, called the plan necessary."
    )
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Herbert Diess", "leads", "Volkswagen AG") in found


def test_kin_word_after_only(nlp, gazetteer):
    text = "Park Soo-jin's only daughter, Lee Ha-eun, lives in Busan."
    assert ("Lee Ha-eun", "relativeOf", "Park Soo-jin", "daughter") in triples(run(nlp, gazetteer, text))


def test_copular_role_at_organisation(nlp, gazetteer):
    found = triples(run(nlp, gazetteer, "Daniel Moore is a senior fellow at the Center for Coastal Policy, a Boston-based think tank."))
    assert ("Daniel Moore", "memberOf", "Center for Coastal Policy", "senior fellow") in found
    found = triples(run(nlp, gazetteer, "Daniel Moore was the director of the Center for Coastal Policy until 2015."))
    assert ("Daniel Moore", "leads", "Center for Coastal Policy", "director") in found


def test_place_in_a_side_of_another_place(nlp, gazetteer):
    found = triples(run(nlp, gazetteer, "Ahn Mi-ra runs a shelter in Mapo District in western Seoul."))
    assert ("Mapo District", "locatedIn", "Seoul", None) in found


def test_name_of_a_based_organisation(nlp, gazetteer):
    found = triples(run(nlp, gazetteer, "Prof. Anna Weber of the Berlin-based Hertie School said so."))
    assert ("Anna Weber", "memberOf", "Hertie School", "professor") in found


def test_the_panels_chairman_leads_the_panel_named_before(nlp, gazetteer):
    text = "A UN Panel of Experts found new breaches in 2019. The panel's chairman, Hugo Lind, told the council that the trade was growing."
    assert ("Hugo Lind", "leads", "UN Panel of Experts", "chairman") in triples(run(nlp, gazetteer, text))


def test_apposition_after_name_of_organisation(nlp, gazetteer):
    text = "Prof. Anna Weber of Heidelberg University, the director of the Kessler Foundation, said so."
    found = triples(run(nlp, gazetteer, text))
    assert ("Anna Weber", "memberOf", "Heidelberg University", "professor") in found
    assert ("Anna Weber", "leads", "Kessler Foundation", "director") in found


def test_minister_titled_by_field_leads_the_department_of_it(nlp, gazetteer):
    text = "The Department of Foreign Affairs issued a warning on Monday. Foreign Minister Alan Crowe said the embassy would stay open."
    assert ("Alan Crowe", "leads", "Department of Foreign Affairs", "minister") in triples(run(nlp, gazetteer, text))


def test_a_possessive_place_the_offline_data_put_inside_the_owner(nlp, gazetteer):
    text = "Container traffic grew fastest in south China’s Shenzhen last year. Japan’s Seoul embassy issued more visas."
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Shenzhen", "locatedIn", "China") in found
    assert not [t for t in found if t[0] == "Seoul" and t[1] == "locatedIn"]  # the data do not put Seoul in Japan


def test_a_port_of_a_country_and_a_place_in_a_place_after_a_comma(nlp, gazetteer):
    text = "The freighter docked at Russia’s port of Vladivostok in March. Relief flights landed at Catania, in Sicily, on Monday."
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, text))}
    assert ("Vladivostok", "locatedIn", "Russia") in found
    assert ("Catania", "locatedIn", "Sicily") in found


def test_a_city_of_a_demonym_lies_in_the_country_the_article_names(nlp, gazetteer):
    named = "China raised tariffs in May. Traders gathered in the Chinese city of Dandong to protest."
    found = {(s, p, o) for s, p, o, _ in triples(run(nlp, gazetteer, named))}
    assert ("Dandong", "locatedIn", "China") in found
    unnamed = "Traders gathered in the Chinese city of Dandong to protest."
    assert not [r for r in run(nlp, gazetteer, unnamed).relations if r.predicate == "locatedIn"]


def test_an_organisation_role_in_apposition_needs_no_article(nlp, gazetteer):
    text = "Arrivals fell in May, Maria Lopez, acting Frontex director, said on Friday."
    assert ("Maria Lopez", "leads", "Frontex", "acting director") in triples(run(nlp, gazetteer, text))


def test_a_chief_under_an_organisation_is_one_of_its_members(nlp, gazetteer):
    text = "The toll rose to 90 on Tuesday, the flood relief chief under the Ministry of Water Resources, Zhang Wei, told reporters."
    found = triples(run(nlp, gazetteer, text))
    assert ("Zhang Wei", "memberOf", "Ministry of Water Resources", "flood relief chief") in found
    assert not [t for t in found if t[1] == "leads"]
