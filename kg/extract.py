"""Turn a processed spaCy `Doc` into kg records: mentions, figures, relations and statements,
each with its evidence (the sentence and its character offsets in the article text)."""

from __future__ import annotations

import logging
import re
from datetime import date

from kg.gazetteer import Gazetteer
from kg.nlp import KG_LABELS, PEOPLE_NOUNS, TITLES
from kg.periods import resolve_period
from kg.records import Article, Evidence, Extraction, Figure, Mention, Relation, Statement
from kg.resolve import within_article

log = logging.getLogger(__name__)

SOURCE_VERBS = {"count", "record", "tally", "find", "put", "register", "publish", "compile", "release", "survey", "interview", "estimate"}
SAY_VERBS = {
    "say", "tell", "note", "add", "claim", "estimate", "state", "explain", "warn", "stress", "announce",
    "report", "show", "reveal", "confirm", "insist", "argue", "predict", "suggest", "indicate", "write",
}
LEAD_ROLES = {"chief", "head", "director", "leader", "chairman", "chairwoman", "minister", "president", "commander", "boss", "director-general"}
MEMBER_ROLES = LEAD_ROLES | {
    "spokesman", "spokeswoman", "spokesperson", "official", "researcher", "professor", "lawmaker", "member",
    "analyst", "fellow", "research fellow", "senior researcher", "economist", "reporter", "correspondent",
    "editor", "officer", "diplomat", "secretary", "deputy", "adviser", "advisor", "scholar", "lecturer",
}
KIN = {"father", "mother", "uncle", "aunt", "son", "daughter", "brother", "sister", "wife", "husband", "grandfather", "grandson", "half-brother", "cousin", "nephew", "niece"}
MOVE_VERBS = {"enter", "arrive", "come", "reach", "defect", "flee", "escape", "make", "cross", "go"}
SETTLE_VERBS = {"resettle", "settle", "live", "reside", "admit", "grant", "allow", "accept", "home"}
DATE_PREFIX_WORDS = {"so", "far", "since", "as", "of", "the", "end", "over", "past", "first", "during", "in", "until", "by", "months"}
_QUOTE = re.compile(r"“([^”]{3,}?)”|\"([^\"]{3,}?)\"")


def extract(doc, article: Article, gazetteer: Gazetteer) -> Extraction:
    """Everything kg reads from one article."""
    mentions = [_mention(span) for span in doc.ents if span.label_ in KG_LABELS]
    mentions = within_article(mentions, doc.text, gazetteer)
    result = Extraction(article=article, mentions=mentions)
    locate = _Locator(mentions)
    sources = _sentence_sources(doc, locate, article)
    result.figures = _figures(doc, article, locate, sources)
    result.relations = _relations(doc, locate)
    result.statements = _statements(doc, locate)
    return result


def _mention(span) -> Mention:
    text = span.text
    name = span.id_ or " ".join(text.split())
    return Mention(text=text, start=span.start_char, end=span.end_char, type=span.label_, name=name,
                   rule="gazetteer" if span.id_ else "model")


def _evidence(sent) -> Evidence:
    return Evidence(sent.text, sent.start_char, sent.end_char)


class _Locator:
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


_SPEAKER_PRIORITY = {"Person": 0, "Agency": 1, "Organization": 2, "Outlet": 3, "Place": 4}


def _speaker_of(verb, locate: _Locator) -> Mention | None:
    """The named entity that is the subject of a speech verb."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    for subject in subjects:
        tokens = list(subject.subtree)
        found = locate.within(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), ("Person", "Agency", "Organization", "Outlet"))
        if subject.lower_ in ("he", "she") :
            return locate.before(subject.idx, ("Person",))
        if found:
            return min(found, key=lambda m: (_SPEAKER_PRIORITY[m.type], m.start))
    return None


def _sentence_sources(doc, locate: _Locator, article: Article) -> dict[int, str | None]:
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
                    speaker = _speaker_of(token, locate)
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


def _period(doc, sent, number_token: int, published: date | None, numbers: set[int]):
    """The period a figure covers: the nearest date expression after it in its clause (not past another
    number, not a baseline after "from"), else the nearest before it; "so far"/"now" stocks end on the
    publication date."""
    dates = [e for e in sent.ents if e.label_ == "DATE"]

    inside_brackets = {t.i for t in sent if any(a.text == "(" for a in doc[max(sent.start, t.i - 6) : t.i]) and any(b.text == ")" for b in doc[t.i : min(sent.end, t.i + 6)])}

    def blocked(ent) -> bool:
        between = range(number_token + 1, ent.start)
        if any(i in numbers and i not in inside_brackets for i in between):
            return True
        return ent.start > 0 and doc[ent.start - 1].lower_ in ("from", "than", "with", "before", "after")

    after = sorted((e for e in dates if e.start > number_token and e.start - number_token <= 20 and not blocked(e)),
                   key=lambda e: e.start)
    before = sorted((e for e in dates if e.end <= number_token and not (e.start > 0 and doc[e.start - 1].lower_ in ("from", "than"))),
                    key=lambda e: -e.end)
    for ent in after + before:
        start, end = ent.start, ent.end
        while start > sent.start and doc[start - 1].lower_ in DATE_PREFIX_WORDS and ent.start - start < 6:
            start -= 1
        if end + 1 < sent.end and doc[end].lower_ in ("and", "to", "-", "through") and doc[end + 1].ent_type_ == "DATE":
            end += 2
        for text in (doc[start:end].text, doc[start : ent.end].text, ent.text):
            period = resolve_period(text, published)
            if period is not None:
                return period
    if published and re.search(r"\b(?:so far|to date|currently|now)\b", sent.text):
        return None, published
    return None


def _measured(doc, candidate, unit: str) -> str:
    """A short phrase for what a figure counts, built from the counted noun, its modifiers and its verb."""
    if candidate.noun is None:
        return "amount" if unit not in ("person", "percent") else ("people" if unit == "person" else "share")
    noun = doc[candidate.noun]
    left = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod") and not t.like_num and t.i > candidate.number_token]
    phrase = " ".join([*(t.text for t in left), noun.text]).lower()
    if unit == "percent":
        phrase = f"share of {phrase}"
    verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    if verb is not None and verb.pos_ == "VERB":
        if verb.lemma_ in MOVE_VERBS:
            phrase += " arriving"
        elif verb.lemma_ in SETTLE_VERBS:
            phrase += " resettling"
    return phrase


def _unit(doc, candidate) -> str:
    quantity = candidate.quantity
    if quantity.unit:
        return quantity.unit
    if candidate.noun is None:
        return "person"
    noun = doc[candidate.noun]
    if noun.lower_ in PEOPLE_NOUNS or noun.lemma_.lower() in PEOPLE_NOUNS or noun.ent_type_ == "NORP":
        return "person"
    return noun.lemma_.lower()


def _figures(doc, article: Article, locate: _Locator, sources: dict[int, str | None]) -> list[Figure]:
    figures: list[Figure] = []
    numbers = {c.number_token for c in doc._.kg_figures or []}
    for candidate in doc._.kg_figures or []:
        quantity = candidate.quantity
        token = doc[candidate.number_token]
        sent = token.sent
        unit = _unit(doc, candidate)
        previous = figures[-1] if figures and figures[-1].evidence.start == sent.start_char else None
        measured = _measured(doc, candidate, unit)
        if candidate.noun is None and quantity.unit is None and previous is not None:
            unit, measured = previous.unit, previous.measured  # "1,502 in 2012, 1,514 in 2013"
        period = _period(doc, sent, candidate.number_token, article.published, numbers)
        if period is None and previous is None and figures and figures[-1].unit == unit:
            last = figures[-1]  # a sentence continuing the previous one's report keeps its period
            if 0 <= sent.start_char - last.evidence.end <= 2 and last.period_start:
                period = (last.period_start, last.period_end)
        places_after = locate.within(quantity.end, sent.end_char, ("Place",))
        places_before = locate.within(sent.start_char, quantity.start, ("Place",))
        close_before = places_before[-1] if places_before and re.fullmatch(r"\W*(?:with|at|had|has|to)?\W*", doc.text[places_before[-1].end : quantity.start].strip()) else None
        place = close_before or (places_after[0] if places_after else (places_before[-1] if places_before else None))
        if place and measured.endswith(("arriving", "resettling")):
            measured += f" in {place.name}"
        figures.append(
            Figure(
                value=quantity.value, unit=unit, measured=measured, text=quantity.text,
                start=quantity.start, end=quantity.end, evidence=_evidence(sent),
                period_start=period[0] if period else None, period_end=period[1] if period else None,
                place=place.name if place else None, source=sources.get(sent.start), qualifier=quantity.qualifier,
            )
        )
    return figures


_APPOSITION = re.compile(
    r"^,\s+(?:(?:a|an|the)\s+)?(?P<role>[^,;“”\"()]{1,70}?)\s+(?:of|at|with|for|from|in)\s+(?:the\s+)?(?:(?:ruling|main|opposition|conservative|liberal|state-run|state|governing)\s+)*$"
)
_ROLE_WORDS = "|".join(sorted((re.escape(r) for r in MEMBER_ROLES), key=len, reverse=True))
_PREFIX_ROLE = re.compile(rf"(?P<role>\b(?:[Ff]ormer\s+|[Ss]enior\s+|[Dd]eputy\s+|[Vv]ice\s+)*(?:[a-z\-]+\s+)?(?:{_ROLE_WORDS}))\s+$")
_OF_ORG = re.compile(r"^\s+of\s+(?:the\s+)?(?:(?:ruling|main|opposition|conservative|liberal|state-run|governing)\s+)*$")
_KIN_WORDS = "|".join(sorted(KIN, key=len, reverse=True))
_ORGANISATIONS = ("Agency", "Organization", "Outlet")


def _role_head(role: str) -> str | None:
    """The role word of a role phrase ("professor of North Korean studies" → professor)."""
    words = role.lower().split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if phrase in MEMBER_ROLES:
                return phrase
    return None


def _relations(doc, locate: _Locator) -> list[Relation]:
    """Relations stated in a sentence between two named entities, by pattern over text and parse."""
    relations: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(subject: Mention, predicate: str, obj: Mention, sent, role: str | None, rule: str, confidence: float):
        if subject.name == obj.name:
            return
        key = (subject.name, predicate, obj.name)
        if key in seen or (predicate == "relativeOf" and (obj.name, predicate, subject.name) in seen):
            return
        seen.add(key)
        relations.append(Relation(subject.name, predicate, obj.name, _evidence(sent), role, confidence, rule))

    def membership(person: Mention, org: Mention, role: str | None, sent, rule: str, confidence: float):
        head = _role_head(role) if role else None
        predicate = "leads" if head in LEAD_ROLES and not (role or "").lower().startswith(("deputy", "vice")) else "memberOf"
        add(person, predicate, org, sent, role.lower() if role else None, rule, confidence)

    previous_orgs: list[Mention] = []
    for sent in doc.sents:
        mentions = locate.within(sent.start_char, sent.end_char)
        for i, person in enumerate(mentions):
            if person.type != "Person":
                continue
            text_before = doc.text[max(sent.start_char, person.start - 70) : person.start]
            # "NIS chief Lee Byung-ho", "Saenuri Party lawmaker Bae Jin-sook"
            if match := _PREFIX_ROLE.search(text_before):
                org_end = person.start - len(match.group(0))
                org = next((m for m in mentions if m.type in _ORGANISATIONS and m.end <= org_end and org_end - m.end <= 2), None)
                if org is not None:
                    membership(person, org, match.group("role").strip(), sent, "role-before-name", 0.9)
            # "Its leader, Hwang Pyong-so": the organisation of the previous sentence
            if (match := re.search(rf"\b[Ii]ts\s+(?P<role>{_ROLE_WORDS}),?\s+$", text_before)) and previous_orgs:
                membership(person, previous_orgs[-1], match.group("role"), sent, "its-role", 0.7)
            # "his father Kim Jong-il", "Kim’s uncle and one-time adviser Jang Song-taek"
            if match := re.search(rf"\b(?:(?P<his>his|her)|(?P<owner>[A-Z][\w-]*)[’']s)\s+(?:late\s+)?(?P<kin>{_KIN_WORDS})(?:\s+and\s+[\w\s-]{{1,40}}?)?,?\s+$", text_before):
                owner_end = person.start - len(match.group(0))
                if match.group("owner"):
                    owner = locate.at(owner_end + match.start("owner") - match.start())
                else:
                    owner = locate.before(owner_end + 1, ("Person",))
                if owner is not None and owner.type == "Person" and owner.name != person.name:
                    add(person, "relativeOf", owner, sent, match.group("kin"), "kinship-possessive", 0.8)
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt is None:
                continue
            between = doc.text[person.end : nxt.start]
            after_next = doc.text[nxt.end : nxt.end + 30]
            if nxt.type in _ORGANISATIONS:
                # "Lee Byung-ho, chief of the National Intelligence Service"
                match = _APPOSITION.match(between)
                if match and _role_head(match.group("role")):
                    membership(person, nxt, match.group("role").strip(), sent, "apposition", 0.9)
                # "Hwang Jang-yop, a senior Workers Party secretary"
                match = re.match(r"^,\s+(?:a|an|the)\s+((?:former|senior|top|deputy|vice)\s+)*$", between)
                role = re.match(r"^\s+([a-z][a-z\-]+(?:\s+[a-z][a-z\-]+)?)", after_next)
                if match and role and _role_head(role.group(1)):
                    membership(person, nxt, (match.group(0).split(maxsplit=2)[-1] if match.group(1) else "") + _role_head(role.group(1)), sent, "apposition-organisation-role", 0.85)
                # "Prof. Cho Dong-ho of Ehwa University", "Rep. Jo Hyun-woo of the ruling Saenuri Party"
                if _OF_ORG.match(between):
                    title = re.search(r"([A-Z][a-z]+\.?)\s+$", text_before)
                    role = TITLES.get(title.group(1).lower()) if title else None
                    membership(person, nxt, role, sent, "name-of-organization", 0.8)
            # "Jang Song-thaek, the husband of Kim’s aunt"
            match = re.match(rf"^,\s+(?:the\s+)?(?P<kin>{_KIN_WORDS})\s+of\s+$", between)
            if match and nxt.type == "Person":
                kin2 = re.match(r"^[’']s\s+(\w+)", after_next)
                role = match.group("kin") + (f" of {kin2.group(1)}" if kin2 else "")
                add(person, "relativeOf", nxt, sent, role, "kinship-apposition", 0.85)
        for i, mention in enumerate(mentions):
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt is None:
                continue
            between = doc.text[mention.end : nxt.start]
            # "Japan-based AsiaPress"
            if mention.type == "Place" and re.fullmatch(r"-based\s+", between) and nxt.type != "Place":
                add(nxt, "locatedIn", mention, sent, None, "x-based", 0.9)
            # "Khasan, Russia" (not a list of places)
            elif mention.type == "Place" and nxt.type == "Place" and between == ", ":
                before = doc.text[max(sent.start_char, mention.start - 5) : mention.start]
                after_next = doc.text[nxt.end : nxt.end + 8]
                in_list = "," in before or re.search(r"\b(?:and|or|with)\s+$", before) or re.match(r"^(?:,\s+(?:[A-Z]|each|and)|\s+(?:and|or)\s)", after_next)
                if not in_list:
                    add(mention, "locatedIn", nxt, sent, None, "place-comma-place", 0.7)
        # "Hanawon, the government’s resettlement center in Anseong", "the Seoul office of X" is left alone
        for token in sent:
            if token.dep_ != "prep" or token.lower_ not in ("in", "near"):
                continue
            obj = next((c for c in token.children if c.dep_ == "pobj"), None)
            place = locate.of_token(obj) if obj is not None else None
            head = token.head.head if token.head.dep_ == "appos" else token.head
            org = locate.of_token(head)
            if place is not None and place.type == "Place" and org is not None and org.type in ("Agency", "Organization") and org.end <= place.start:
                add(org, "locatedIn", place, sent, None, "organization-in-place", 0.6)
        # a named person who defected or fled to a place ("Kang, who defected to South Korea")
        for token in sent:
            if token.lemma_ not in ("defect", "flee", "escape", "move") or token.pos_ != "VERB":
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ in ("who", "that") and token.dep_ == "relcl":
                subject = token.head
                while subject.dep_ == "appos" and subject.head is not subject:
                    subject = subject.head
            person = locate.of_token(subject) if subject is not None else None
            if person is None or person.type != "Person":
                continue
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("to", "into"):
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    place = locate.of_token(obj) if obj is not None else None
                    if place is not None and place.type == "Place":
                        add(person, "defectedTo", place, sent, None, "defect-to", 0.85)
        previous_orgs = [m for m in mentions if m.type in ("Agency", "Organization")] or previous_orgs
    return relations


def _statements(doc, locate: _Locator) -> list[Statement]:
    quotes = [(m.start(), m.end(), m.group(1) or m.group(2)) for m in _QUOTE.finditer(doc.text)]
    statements: list[Statement] = []
    for sent in doc.sents:
        for token in sent:
            if token.lemma_ not in SAY_VERBS or token.lemma_ in ("show", "report", "write") or token.pos_ not in ("VERB",):
                continue
            speaker = _speaker_of(token, locate)
            if speaker is None:
                continue
            quote = next((q for q in quotes if q[0] < sent.end_char and sent.start_char < q[1]), None)
            if quote is not None:
                text = quote[2]
            else:
                clause = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")]
                if not clause:
                    continue
                tokens = list(clause[0].subtree)
                text = doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            role = None
            if subject is not None:
                for t in subject.subtree:
                    if t.lower_ in MEMBER_ROLES:
                        role = t.lower_
            start = doc.text.find(text)
            about = [m.name for m in locate.within(start, start + len(text))] if start >= 0 else []
            statements.append(
                Statement(speaker.name, " ".join(text.split()), token.text.lower(), _evidence(sent), role, sorted(set(about)))
            )
            break
    return statements
