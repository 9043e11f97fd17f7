"""Shared pieces of the extractors: word lists, the mention locator, evidence, speakers and sources."""

from __future__ import annotations

import re

from kg.nlp import KG_LABELS
from kg.records import Article, Evidence, Mention

SOURCE_VERBS = {
    "count",
    "record",
    "tally",
    "find",
    "put",
    "register",
    "publish",
    "compile",
    "release",
    "survey",
    "interview",
    "estimate",
}
SAY_VERBS = {
    "say",
    "tell",
    "note",
    "add",
    "claim",
    "estimate",
    "state",
    "explain",
    "warn",
    "stress",
    "announce",
    "report",
    "show",
    "reveal",
    "confirm",
    "insist",
    "argue",
    "predict",
    "suggest",
    "indicate",
    "write",
}
LEAD_ROLES = {
    "chief",
    "head",
    "director",
    "leader",
    "chairman",
    "chairwoman",
    "minister",
    "president",
    "commander",
    "boss",
    "director-general",
}
MEMBER_ROLES = LEAD_ROLES | {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "researcher",
    "professor",
    "lawmaker",
    "member",
    "analyst",
    "fellow",
    "research fellow",
    "senior researcher",
    "economist",
    "reporter",
    "correspondent",
    "editor",
    "officer",
    "diplomat",
    "secretary",
    "deputy",
    "adviser",
    "advisor",
    "scholar",
    "lecturer",
}
KIN = {
    "father",
    "mother",
    "uncle",
    "aunt",
    "son",
    "daughter",
    "brother",
    "sister",
    "wife",
    "husband",
    "grandfather",
    "grandson",
    "half-brother",
    "cousin",
    "nephew",
    "niece",
}
MOVE_VERBS = {"enter", "arrive", "come", "reach", "defect", "flee", "escape", "make", "cross", "go"}
SETTLE_VERBS = {"resettle", "settle", "live", "reside", "admit", "grant", "allow", "accept", "home"}
DATE_PREFIX_WORDS = {
    "so",
    "far",
    "since",
    "as",
    "of",
    "the",
    "end",
    "over",
    "past",
    "first",
    "during",
    "in",
    "until",
    "by",
    "months",
}
QUOTE = re.compile(r"“([^”]{3,}?)”|\"([^\"]{3,}?)\"")


def make_mention(span) -> Mention:
    text = span.text
    name = span.id_ or " ".join(text.split())
    return Mention(
        text=text,
        start=span.start_char,
        end=span.end_char,
        type=span.label_,
        name=name,
        rule="gazetteer" if span.id_ else "model",
    )


def evidence_of(sent) -> Evidence:
    return Evidence(sent.text, sent.start_char, sent.end_char)


class Locator:
    """Which mention covers a character offset or token."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: m.start)

    def at(self, offset: int) -> Mention | None:
        for mention in self.mentions:
            if mention.start <= offset < mention.end:
                return mention
        return None

    def of_token(self, token) -> Mention | None:
        return self.at(token.idx)

    def within(self, start: int, end: int, types=KG_LABELS) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end and m.type in types]

    def before(self, offset: int, types=KG_LABELS) -> Mention | None:
        found = [m for m in self.mentions if m.end <= offset and m.type in types]
        return found[-1] if found else None


SPEAKER_PRIORITY = {"Person": 0, "Agency": 1, "Organization": 2, "Outlet": 3, "Place": 4}


def speaker_of(verb, locate: Locator) -> Mention | None:
    """The named entity that is the subject of a speech verb."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    for subject in subjects:
        tokens = list(subject.subtree)
        found = locate.within(
            tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), ("Person", "Agency", "Organization", "Outlet")
        )
        if subject.lower_ in ("he", "she"):
            return locate.before(subject.idx, ("Person",))
        if found:
            return min(found, key=lambda m: (SPEAKER_PRIORITY[m.type], m.start))
    return None


def sentence_sources(doc, locate: Locator, article: Article) -> dict[int, str | None]:
    """Who states what a sentence reports: "according to X", "X said", carried over to following sentences."""
    outlet = None
    if article.outlet:
        first = [m for m in locate.mentions if m.start < 80 and m.type in ("Outlet", "Agency", "Organization")]
        outlet = first[0].name if first else None
    current = outlet
    sources: dict[int, str | None] = {}
    for sent in doc.sents:
        found = None
        text = sent.text.lower()
        if (pos := text.find("according to")) >= 0:
            after = locate.within(sent.start_char + pos, sent.end_char, ("Person", "Agency", "Organization", "Outlet"))
            if after and after[0].start - (sent.start_char + pos) < 60 and not sent.text.rstrip().endswith(":"):
                found = after[0].name
        if found is None:
            for token in sent:
                if (token.lemma_ in SAY_VERBS or token.lemma_ in SOURCE_VERBS) and token.pos_ in ("VERB", "AUX"):
                    speaker = speaker_of(token, locate)
                    if speaker is not None:
                        found = speaker.name
                        break
        if found is None and re.search(r"\b(?:survey|study|report|poll|census|white paper)\b", text):
            producers = locate.within(sent.start_char, sent.end_char, ("Organization", "Agency"))
            if producers:
                found = producers[-1].name
        if found:
            current = found
        sources[sent.start] = current
    return sources
