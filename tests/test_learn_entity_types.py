"""kg.learn.entity_types: what the type model reads about a name (sentences written for these tests)."""

from __future__ import annotations

from kg.learn.entity_types import features_of


def features(nlp, gazetteer, text: str, name: str) -> dict[str, float]:
    doc = nlp(text)
    span = next((e for e in doc.ents if e.text == name), None)
    assert span is not None, [(e.text, e.label_) for e in doc.ents]
    return features_of(span, gazetteer)


def test_a_name_inside_a_longer_name_knows_the_longer_name_s_type(nlp, gazetteer):
    text = "Daniel Hartwell met the mayors on Monday. Later, Hartwell said the talks had gone well."
    found = features(nlp, gazetteer, text, "Hartwell")
    assert "part_of=Person" in found, found


def test_every_mention_of_a_name_lends_its_preposition(nlp, gazetteer):
    text = "Boats reached Vellastro at dawn. About 300 people waited in Vellastro for a ferry. Vellastro was full."
    doc = nlp(text)
    mentions = [e for e in doc.ents if e.text == "Vellastro"]
    assert len(mentions) >= 2, [(e.text, e.label_) for e in doc.ents]
    for span in mentions:
        assert "doc_prep:in" in features_of(span, gazetteer)


def test_every_mention_of_a_name_the_text_calls_an_island_knows_it(nlp, gazetteer):
    text = "Boats reached the rocky island of Lampedusa at dawn. Later, Lampedusa asked for help. Rome said no."
    doc = nlp(text)
    mentions = [e for e in doc.ents if e.text == "Lampedusa"]
    assert len(mentions) == 2, [(e.text, e.label_) for e in doc.ents]
    assert all("doc_place_noun" in features_of(span, gazetteer) for span in mentions)
    assert "doc_place_noun" not in features(nlp, gazetteer, text, "Rome")


def test_an_acronym_knows_the_type_of_the_name_it_abbreviates(nlp, gazetteer):
    text = "The National Fisheries Survey Office (NFSO) counted 400 boats. The NFSO said the number was falling."
    doc = nlp(text)
    acronym = next((e for e in doc.ents if e.text == "NFSO"), None)
    assert acronym is not None, [(e.text, e.label_) for e in doc.ents]
    long_name = next(e for e in doc.ents if e.text.endswith("Survey Office"))
    assert f"acronym_of={long_name.label_}" in features_of(acronym, gazetteer)


def test_geonames_tells_a_country_and_a_city(nlp, gazetteer):
    text = "Aid flights left Cameroon for Quetzaltenango on Friday, officials said."
    assert "geo:country" in features(nlp, gazetteer, text, "Cameroon")
    assert "geo:city" in features(nlp, gazetteer, text, "Quetzaltenango")


def test_a_made_up_name_has_no_geonames_kind(nlp, gazetteer):
    found = features(nlp, gazetteer, "Police chief Daniel Hartwell arrived on Monday.", "Daniel Hartwell")
    assert not any(k.startswith("geo") for k in found), found


def test_any_kind_geonames_knows_is_also_one_feature(nlp, gazetteer):
    text = "Aid flights left Cameroon for Quetzaltenango on Friday, officials said."
    assert "geo" in features(nlp, gazetteer, text, "Cameroon")
    assert "geo" in features(nlp, gazetteer, text, "Quetzaltenango")


def test_a_country_geonames_knows_after_a_comma_is_a_place_beside_the_name(nlp, gazetteer):
    found = features(nlp, gazetteer, "Floods hit Vellastro, Nepal, on Monday, and 40 homes were lost.", "Vellastro")
    assert "beside_place" in found, found
    found = features(nlp, gazetteer, "Daniel Hartwell, a farmer, said 40 homes were lost.", "Daniel Hartwell")
    assert "beside_place" not in found, found


def test_the_head_is_a_word_of_the_name_too(nlp, gazetteer):
    text = "The Zembla Customs Office and the Office of Zembla Customs both counted 400 boats."
    found = features(nlp, gazetteer, text, "Zembla Customs Office")
    assert {"word:customs", "word:office", "head:office"} <= set(found), found


def test_an_acronym_may_keep_the_initial_of_of(nlp, gazetteer):
    text = "The Department of Fisheries and Oceans (DOFO) counted 400 boats. The DOFO said the number was falling."
    doc = nlp(text)
    acronym = next((e for e in doc.ents if e.text == "DOFO"), None)
    assert acronym is not None, [(e.text, e.label_) for e in doc.ents]
    assert any(k.startswith("acronym_of=") for k in features_of(acronym, gazetteer))


def test_geonames_finds_a_city_written_without_its_accents(nlp, gazetteer):
    found = features(nlp, gazetteer, "About 4,000 people reached camps near Cox’s Bazar on Monday, officials said.", "Cox’s Bazar")
    assert "geo:city" in found, found
