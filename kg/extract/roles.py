"""Who a role phrase or a bare reference in a sentence points to: role words, "the ministry" for the
ministry named before, "Min-ho" for Jang Min-ho, the subject a sentence is about."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.common import LEAD_ROLES, MEMBER_ROLES, Locator
from kg.nlp.doc_index import doc_text
from kg.records import Mention

#: Roles beyond the shared ones that titles in business and local-government news use.
LEADS = LEAD_ROLES | {
    "ceo", "chief executive", "secretary general", "secretary-general", "editor-in-chief", "director general",
    "mayor", "governor", "chair", "chairperson",
}  # fmt: skip
MEMBERS = MEMBER_ROLES | LEADS | {"commissioner", "executive", "councilman", "councilwoman", "councillor"}
ROLE_WORDS = "|".join(sorted((re.escape(r) for r in MEMBERS), key=len, reverse=True))
ORGANISATIONS = ("Agency", "Organization", "Outlet")
#: Common nouns that refer back to a named organisation ("the ministry", "the center's director").
GENERIC_ORGS = (
    "ministry|department|agency|council|party|center|centre|institute|foundation|commission|office|service|"
    "alliance|university|bureau|committee|association|network|forum|union|league|coalition|board|assembly|panel"
)


@lru_cache(maxsize=4096)
def words_of(name: str) -> frozenset[str]:
    """The lower-case words of a name, without articles, possessives and "of"."""
    return frozenset(
        w
        for w in re.findall(r"[a-z0-9]+", name.lower().replace("’s", "").replace("'s", ""))
        if w not in ("the", "of", "for", "and")
    )


_GENERIC_EXTRAS = {
    "department",
    "ministry",
    "affairs",
    "city",
    "county",
    "national",
    "state",
    "federal",
    "municipal",
    "provincial",
    "office",
    "agency",
    "council",
    "us",
    "u",
    "s",
    "united",
    "states",
    "general",
    "central",
}


def fuller(org: Mention, mentions: list[Mention]) -> Mention:
    """A longer named form of the same organisation in the article ("Treasury" → "Treasury Department")."""
    words = words_of(org.name)
    longer = [
        m
        for m in mentions
        if m.type in ORGANISATIONS
        and m.name != org.name
        and len(words_of(m.name)) > len(words)
        and words <= words_of(m.name)
        and words_of(m.name) - words <= _GENERIC_EXTRAS  # not "United Nations" → "United Nations Security Council"
    ]
    if not words or not longer:
        return org
    earlier = [m for m in longer if m.start < org.start]
    return earlier[-1] if earlier else longer[0]


def named_by(word: str, offset: int, mentions: list[Mention]) -> Mention | None:
    """The one person named before `offset` whose first or last name is `word`."""
    people = {
        m.name: m
        for m in mentions
        if m.type == "Person" and m.end <= offset and len(m.name.split()) > 1 and word in (m.name.split()[0], m.name.split()[-1])
    }
    return next(iter(people.values())) if len(people) == 1 else None


def subject_of(sent, locate: Locator, types: tuple[str, ...] = ("Person",)) -> Mention | None:
    """The named entity (of `types`) that is the subject of a sentence's main verb ("Ri, 38, now lives …"), if any."""
    subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    tokens = [t for t in subject.subtree if not any(a.dep_ in ("relcl", "acl") for a in [t, *t.ancestors] if a.i > subject.i)]
    found = locate.within(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), types)
    return found[0] if found else None


def named_for(qualifier: str, offset: int, mentions: list[Mention], role: str = "") -> Mention | None:
    """The named organisation a title's qualifier points to ("Foreign" Minister → the Ministry of Foreign Affairs,
    "ministry" spokesman → the last ministry named), or None when the article names none."""
    words = qualifier.lower().split()
    if re.search(r"(?:ean|ese|ian|ish|ern)$", words[-1]) and len(words[-1]) > 4:
        return None  # "North Korean leader", "Chinese officials": a demonym, not an organisation
    orgs = [m for m in mentions if m.type in ("Agency", "Organization") and set(words) <= words_of(m.name)]
    if re.fullmatch(GENERIC_ORGS, qualifier.lower()):
        earlier = [m for m in orgs if m.end <= offset]
        return earlier[-1] if earlier else None
    heads = (
        r"ministry|department"  # "Home Affairs Minister X" leads the Department of Home Affairs
        if role.lower().endswith("minister")
        else r"ministry|department|council|commission|office|bureau|committee|party|agency|service"
    )
    orgs = [m for m in orgs if re.search(rf"\b(?:{heads})\b", m.name.lower())]
    if not orgs:
        return None
    earlier = [m for m in orgs if m.end <= offset]
    return earlier[-1] if earlier else orgs[0]


def body_called(noun: str, offset: int, mentions: list[Mention]) -> Mention | None:
    """The organisation named before that a common noun refers back to ("the foundation", "the coast guard")."""
    if re.fullmatch(GENERIC_ORGS, noun):
        return named_for(noun, offset, mentions)
    words = set(noun.split())
    earlier = [m for m in mentions if m.type in ORGANISATIONS and m.end <= offset and words <= words_of(m.name)]
    return earlier[-1] if earlier else None


def role_head(role: str) -> str | None:
    """The role word of a role phrase ("professor of North Korean studies" → professor)."""
    words = role.lower().split()
    cut = next((i for i, w in enumerate(words) if w in ("of", "for", "at", "in", "with", "from", "to")), len(words))
    for part in (words[:cut], words):
        for size in (2, 1):  # the last role word before "of": "executive director" → director, "chief economist"
            found = [" ".join(part[i : i + size]) for i in range(len(part) - size + 1)]
            found = [phrase for phrase in found if phrase in MEMBERS]
            if found:
                return found[-1]
    return None


_AGENT_SUFFIXES = ("ist", "ogue", "er", "or", "ary", "ian", "ant", "ent", "man", "woman", "crat")


def agent_noun_of(doc, org: Mention, person: Mention) -> bool:
    """Whether the word after `org` is a noun naming a person, in apposition to `person` ("the Party ideologue")."""
    token = next((t for t in doc if t.idx >= org.end), None)
    if token is None or token.pos_ != "NOUN" or not token.lower_.endswith(_AGENT_SUFFIXES):
        return False
    return token.dep_ == "appos" and person.start <= token.head.idx < person.end
