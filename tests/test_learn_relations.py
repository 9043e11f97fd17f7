"""kg.learn.relations, kg.learn.entity_types and kg.extract.bodies: candidate pairs, the learned relation and
type choices, bodies named inside titles, and bad input that must not explode or raise."""

from __future__ import annotations

import logging

from kg.extract import extract, mentions_of
from kg.extract.bodies import title_bodies
from kg.extract.common import Locator
from kg.learn import Analysed, Choices, GoldDocument
from kg.learn import entity_types as learned_types
from kg.learn import relations as learned
from kg.records import Article, Mention


def article(text: str) -> Article:
    return Article(id="test:" + text[:40], text=text, origin="test")


def bodies(nlp, gazetteer, text: str):
    doc = nlp(text)
    return title_bodies(doc, mentions_of(doc, gazetteer, Choices()), gazetteer)


def test_a_ministry_named_only_in_a_title_becomes_an_entity(nlp, gazetteer):
    found, relations = bodies(nlp, gazetteer, "Vice Minister of Fisheries Dara Okonkwo-Lind opened the harbour on Monday.")
    assert [(m.text, m.type, m.rule) for m in found] == [("Minister of Fisheries", "Agency", "title-body")]
    [relation] = relations
    assert (relation.predicate, relation.object, relation.role) == ("memberOf", found[0].name, "vice minister")
    assert relation.subject.startswith("Dara")


def test_a_portfolio_title_points_at_the_ministry_the_article_names(nlp, gazetteer):
    text = (
        "The Ministry of Agriculture and Fisheries published the figures on Tuesday. "
        "Fisheries Minister Ilse Marwick said the harbours were full."
    )
    found, relations = bodies(nlp, gazetteer, text)
    assert [(m.text, m.name) for m in found] == [("Fisheries Minister", "Ministry of Agriculture and Fisheries")]
    assert [(r.predicate, r.object, r.role) for r in relations] == [("leads", "Ministry of Agriculture and Fisheries", "minister")]


def test_a_lower_case_body_needs_its_full_name_in_the_article(nlp, gazetteer):
    named = (
        "The Harbour Revenue Administration counted the ships. "
        "Revenue administration spokesman Tomas Ekdahl said trade had slowed."
    )
    found, _ = bodies(nlp, gazetteer, named)
    assert [m.name for m in found] == ["Harbour Revenue Administration"]
    found, relations = bodies(nlp, gazetteer, "Revenue administration spokesman Tomas Ekdahl said trade had slowed.")
    assert found == [] and relations == []


def test_a_prime_minister_names_no_ministry(nlp, gazetteer):
    found, _ = bodies(nlp, gazetteer, "Prime Minister Ilse Marwick spoke in the capital on Friday.")
    assert found == []


def gold_document(text: str, entities: list[dict], relations: list[dict]) -> GoldDocument:
    return GoldDocument(article(text), {"entities": entities, "relations": relations}, "invented")


TRAINING = [
    (
        "Mira Tolvanen, a researcher at the Kestrel Institute, studied the harbours.",
        [("Mira Tolvanen", "Person"), ("Kestrel Institute", "Organization")],
        [("Mira Tolvanen", "memberOf", "Kestrel Institute")],
    ),
    (
        "Ansel Brightwater, an economist at the Osprey Foundation, wrote the report with Mira Tolvanen.",
        [("Ansel Brightwater", "Person"), ("Osprey Foundation", "Organization"), ("Mira Tolvanen", "Person")],
        [("Ansel Brightwater", "memberOf", "Osprey Foundation")],
    ),
    (
        "Pieter Vandamme met Mira Tolvanen at the Heron Institute before he left for Lisbon.",
        [("Pieter Vandamme", "Person"), ("Mira Tolvanen", "Person"), ("Heron Institute", "Organization"), ("Lisbon", "Place")],
        [],
    ),
]


def trained(nlp, gazetteer):
    analysed = []
    for text, entities, relations in TRAINING:
        gold = gold_document(
            text,
            [{"name": n, "type": t, "mentions": [n]} for n, t in entities],
            [{"subject": s, "predicate": p, "object": o} for s, p, o in relations],
        )
        analysed.append(Analysed(gold, nlp(text)))
    items = learned.examples(analysed, gazetteer)[learned.SECTION]
    return items, learned.fit(learned.SECTION, items)


def test_examples_label_gold_pairs_and_every_other_pair_none(nlp, gazetteer):
    items, _ = trained(nlp, gazetteer)
    labels = [e.label for e in items]
    assert labels.count("memberOf") == 2
    assert labels.count("none") >= 3
    assert all(e.group == "invented" for e in items)


def test_a_learned_triple_keeps_evidence_confidence_and_says_it_was_learned(nlp, gazetteer):
    _, model = trained(nlp, gazetteer)
    model.threshold = 0.5
    text = "Lotte Hargreave, a researcher at the Plover Institute, counted the boats."
    extraction = extract(nlp(text), article(text), gazetteer, choices=Choices({"relation": model}, "test"))
    [relation] = [r for r in extraction.relations if r.object == "Plover Institute"]
    assert (relation.subject, relation.predicate, relation.extractor) == ("Lotte Hargreave", "memberOf", "learned")
    assert 0.5 <= relation.confidence <= 1.0
    assert text[relation.evidence.start : relation.evidence.end] == relation.evidence.text == text
    assert relation.role == "researcher"


def test_a_list_of_hundreds_of_names_is_capped_and_logged(nlp, gazetteer, caplog):
    people = ", ".join(f"{first} {last}" for first in ("Anna", "Boris", "Clara", "Dmitri", "Elena") for last in
                       ("Halvorsen", "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Olsen"))
    text = f"The signatories were {people}, {people} and {people}, all of the Kestrel Institute."
    doc = nlp(text)
    locate = Locator(mentions_of(doc, gazetteer, Choices()))
    with caplog.at_level(logging.INFO, logger="kg.learn.relations"):
        found = learned.candidates(doc, locate, [])
    per_sentence: dict[int, int] = {}
    for candidate in found:
        per_sentence[candidate.sent.start] = per_sentence.get(candidate.sent.start, 0) + 1
    assert max(per_sentence.values()) <= learned.MAX_PAIRS
    assert "skipped" in caplog.text or "pairs among the first" in caplog.text


def test_bad_input_gives_no_relation_explosion_and_never_raises(nlp, gazetteer):
    _, model = trained(nlp, gazetteer)
    model.threshold = 0.0  # accept every candidate: the cap alone bounds the output
    names = " ".join(f"Vice Minister of Trade Person{n} Okafor |" for n in range(60))
    table = "\n".join(f"Harbour {n} | Lisbon | Kestrel Institute | {n * 7} | Mira Tolvanen" for n in range(80))
    long_sentence = "The Kestrel Institute and " + " and ".join(f"the Port of Lisbon {n}" for n in range(250)) + " agreed."
    choices = Choices({"relation": model}, "test")
    for text in (names, table, long_sentence):
        extraction = extract(nlp(text), article(text), gazetteer, choices=choices)
        sentences = max(1, len(list(nlp(text).sents)))
        assert len(extraction.relations) <= sentences * learned.MAX_PAIRS + len(extraction.mentions)


def test_entity_type_examples_take_the_gold_type_and_accept_alternatives(nlp, gazetteer):
    text = "Officials at the Tern Research Group said Pieter Vandamme had moved to Qarvellan, a port in the south."
    gold = gold_document(
        text,
        [{"name": "Tern Research Group", "type": "Agency", "alt_types": ["Organization"], "mentions": ["Tern Research Group"]},
         {"name": "Pieter Vandamme", "type": "Person", "mentions": ["Pieter Vandamme"]},
         {"name": "Qarvellan", "type": "Place", "mentions": ["Qarvellan"]}],
        [],
    )
    doc = nlp(text)
    items = learned_types.examples([Analysed(gold, doc)], gazetteer)[learned_types.SECTION]
    by_name = {next(k for k in e.features if k.startswith("head:")): e.label for e in items}
    rule = {s.text: s.label_ for s in doc.ents}
    assert by_name.get("head:vandamme") == "Person"
    if "Tern Research Group" in rule:  # the rule's Organization is accepted, so it is the label
        assert by_name["head:group"] == ("Organization" if rule["Tern Research Group"] == "Organization" else "Agency")
    assert by_name.get("head:qarvellan") == "Place"


def test_relative_of_needs_a_kinship_word_near_the_two_names(nlp, gazetteer):
    from kg.learn import LinearModel

    eager = LinearModel(["none", "relativeOf", "memberOf"], {"none": {}, "relativeOf": {}, "memberOf": {}},
                        {"none": 0.0, "relativeOf": 6.0, "memberOf": 0.0}, threshold=0.5)
    choices = Choices({"relation": eager}, "test")
    listed = "The talks were attended by Mira Tolvanen, the mayor of Lisbon, and Pieter Vandamme, the police chief."
    kin = "Mira Tolvanen travelled to Lisbon with her brother Pieter Vandamme last spring."
    found = {text: [r for r in extract(nlp(text), article(text), gazetteer, choices=choices).relations
                    if r.predicate == "relativeOf"] for text in (listed, kin)}
    assert found[listed] == []
    assert {(r.subject, r.object) for r in found[kin]} & {("Mira Tolvanen", "Pieter Vandamme"), ("Pieter Vandamme", "Mira Tolvanen")}


def test_the_offline_geonames_data_say_which_place_contains_which():
    city, province = Mention("Shenzhen", 0, 8, "Place", "Shenzhen"), Mention("Guangdong", 12, 21, "Place", "Guangdong")
    other = Mention("Osaka", 30, 35, "Place", "Osaka")
    assert learned._geo_features(city, province) == {"geo_within": 1.0}
    assert learned._geo_features(province, city) == {"geo_contains": 1.0}
    assert learned._geo_features(city, other) == {"geo_apart": 1.0}
    assert learned._geo_features(Mention("Li Wei", 40, 46, "Person", "Li Wei"), province) == {}
