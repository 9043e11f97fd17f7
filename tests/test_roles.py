"""kg.extract.roles: role words and what a bare reference points to."""

from __future__ import annotations

from kg.extract.roles import body_called, fuller, named_by, role_head
from kg.records import Mention


def test_the_role_word_is_the_last_one_before_of():
    assert role_head("executive director") == "director"
    assert role_head("chief economist") == "economist"
    assert role_head("professor of North Korean studies") == "professor"
    assert role_head("president and chief executive") == "chief executive"
    assert role_head("trade representative") is None


def test_a_bare_name_part_is_the_one_person_who_has_it():
    mentions = [
        Mention("Jang Min-ho", 0, 11, "Person", "Jang Min-ho"),
        Mention("Jang Min-seok", 20, 33, "Person", "Jang Min-seok"),
    ]
    assert named_by("Min-seok", 40, mentions).name == "Jang Min-seok"
    assert named_by("Jang", 40, mentions) is None  # two Jangs
    assert named_by("Min-seok", 15, mentions) is None  # not named yet


def test_a_common_noun_and_a_short_name_point_to_the_organisation_named_before():
    treasury = Mention("Treasury Department", 0, 19, "Agency", "Treasury Department")
    guard = Mention("Japan Coast Guard", 30, 47, "Agency", "Japan Coast Guard")
    short = Mention("Treasury", 60, 68, "Agency", "Treasury")
    mentions = [treasury, guard, short]
    assert body_called("coast guard", 70, mentions) is guard
    assert body_called("department", 70, mentions) is treasury
    assert fuller(short, mentions) is treasury
