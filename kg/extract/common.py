"""Shared pieces of the extractors: word lists, the mention locator, evidence, speakers and sources."""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from kg.nlp import KG_LABELS
from kg.nlp.doc_index import doc_text
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
    "cite",
    "question",
    "poll",
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
    "maintain",
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
    "through",
    "by",
    "months",
    "between",
}
QUOTE = re.compile(r"“([^”]{3,}?)”|\"([^\"]{3,}?)\"")


#: Sentences longer than this many tokens are not read for relations and statements (their parse is unreliable).
MAX_SENTENCE_TOKENS = 300
log = logging.getLogger(__name__)


def readable_sentences(doc, *, max_tokens: int = MAX_SENTENCE_TOKENS):
    """The sentences of a doc short enough to read by their parse; the others are skipped with a debug message."""
    for sent in doc.sents:
        if len(sent) > max_tokens:
            log.debug("skipped a sentence of %d tokens at offset %d (longer than %d)", len(sent), sent.start_char, max_tokens)
            continue
        yield sent


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
    """The sentence as evidence, without the line breaks and spaces that follow it."""
    text = sent.text.rstrip()
    return Evidence(text, sent.start_char, sent.start_char + len(text))


class Locator:
    """Which mention covers a character offset or token."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self._reach = list(accumulate((m.end for m in self.mentions), max))  # the furthest end so far

    def at(self, offset: int) -> Mention | None:
        """The first mention (by start) that covers the offset."""
        first = bisect_right(self._reach, offset)  # the first mention that ends after the offset
        if first < len(self.mentions) and self.mentions[first].start <= offset:
            return self.mentions[first]
        return None

    def of_token(self, token) -> Mention | None:
        return self.at(token.idx)

    def within(self, start: int, end: int, types=KG_LABELS) -> list[Mention]:
        found = []
        for m in self.mentions[bisect_left(self._starts, start) : bisect_right(self._starts, end)]:
            if m.end <= end and m.type in types:
                found.append(m)
        return found

    def starting(self, first: int, stop: int) -> list[Mention]:
        """The mentions that start at or after `first` and before `stop`, by start."""
        return self.mentions[bisect_left(self._starts, first) : bisect_left(self._starts, stop)]

    def before(self, offset: int, types=KG_LABELS) -> Mention | None:
        """The last mention (by start) that ends by the offset."""
        for i in range(bisect_right(self._starts, offset) - 1, -1, -1):
            m = self.mentions[i]
            if m.end <= offset and m.type in types:
                return m
        return None


SPEAKER_PRIORITY = {"Person": 0, "Agency": 1, "Organization": 2, "Outlet": 3, "Place": 4}


def speaker_of(verb, locate: Locator) -> Mention | None:
    """The named entity that is the subject of a speech verb."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    for subject in subjects:
        tokens = list(subject.subtree)
        found = locate.within(
            tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), ("Person", "Agency", "Organization", "Outlet")
        )
        head = locate.of_token(subject)
        if head is not None and head.type in _SPEAKER_KINDS:
            return head  # "the U.N. refugee agency said", "Prof. Lim Hae-jin of X University": the subject's own name
        if subject.lower_ in ("he", "she"):
            named = locate.before(subject.idx, ("Person",))
            return _named_again(doc_text(verb.doc), named.end if named else 0, subject.idx, locate) or named
        if found:  # "a report by the Security Council's panel said": the panel, not its owner
            return min(found, key=lambda m: (_owner(doc_text(verb.doc), m), SPEAKER_PRIORITY[m.type], m.start))
        if subject.text[:1].isupper() and not subject.n_lefts:  # a surname the model may even tag "Ha" as INTJ
            return _named_before(subject, locate)
    return None


def _owner(text: str, mention: Mention) -> bool:
    """Whether a mention is a possessive owner ("the Council's" in "the Council's panel")."""
    return text[mention.end : mention.end + 2] in ("'s", "’s")


def _named_again(text: str, start: int, end: int, locate: Locator) -> Mention | None:
    """The person a second reference between `start` and `end` names ("Min-seok now studies … He said"): the last
    word there that is part of the name of exactly one person named before."""
    owners: dict[str, set[str]] = {}
    people = [m for m in locate.mentions if m.type == "Person" and m.end <= start]
    for mention in people:
        for part in mention.name.split():
            if len(part) > 2 and part[:1].isupper():
                owners.setdefault(part, set()).add(mention.name)
    found = None
    for match in re.finditer(r"\b[A-Z][\w-]+\b", text[start:end]):
        if len(owners.get(match.group(), ())) == 1:
            found = match.group()
    if found is None:
        return None
    return next(m for m in reversed(people) if found in m.name.split())


def _named_before(token, locate: Locator) -> Mention | None:
    """ "Nam said", "Min-ho says": the person named before whose name has that word."""
    people = [m for m in locate.mentions if m.type == "Person" and m.end <= token.idx]
    return next((m for m in reversed(people) if token.text in m.name.split()), None)


_ANONYMOUS = {
    "official", "officials", "source", "sources", "expert", "experts", "officer", "officers", "activist",
    "activists", "resident", "residents", "trader", "traders", "worker", "workers", "analyst", "analysts",
    "diplomat", "diplomats", "researcher", "researchers", "people", "group", "groups", "merchant", "merchants",
    "fisherman", "fishermen", "farmer", "farmers", "witness", "witnesses", "insider", "insiders",
}  # fmt: skip
# "the paper said" is not anonymous: it is the outlet whose report goes on
CARRY_PARAGRAPHS: int | None = None  # paragraphs a source carries past its own; None: until a new source
_DOCUMENT = re.compile(r"\b(?:survey|study|report|poll|census|white paper)\b")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:,[^()\n]{0,40})?\s*\(([^()\n]{2,40})\)\s*(?:--|—|–|-)")
_ATTRIBUTION_LINE = re.compile(r"^(?:According to|By)\s+[^\n]{2,80}?:?\s*(?:\n|$)")
_SECTION_ATTRIBUTION = re.compile(r"^(?:And\s+)?[Aa]ccording to\s+[^\n]{2,80}:$")
_DATA_NOUN = re.compile(r"\b([a-z]+) (?:data|figures|statistics) (?:showed|show|shows|released)\b")


def _default_source(doc, locate: Locator, article: Article) -> str | None:
    """Who states what nobody in the text states: the outlet of an "According to X:" or "By X" line or
    of a dateline ("SEOUL, March 3 (Yonhap) --"), else the article's outlet."""
    text = doc_text(doc).lstrip()
    offset = len(doc_text(doc)) - len(text)
    kinds = ("Outlet", "Agency", "Organization")
    if match := _DATELINE.match(text):
        found = locate.within(offset + match.start(1), offset + match.end(1), kinds)
        return found[0].name if found else match.group(1)
    if match := _ATTRIBUTION_LINE.match(text):
        found = locate.within(offset, offset + match.end(), kinds)
        if found:
            return found[0].name
    if not article.outlet:
        return None
    first = [m for m in locate.mentions if m.start < 80 and m.type in kinds]
    if first and doc_text(doc).lstrip().startswith(("According to", "By ")):
        return first[0].name
    return article.outlet


def _share_of_people(subject) -> bool:
    """ "44 percent said", "a third said": respondents answering, who are nobody in particular."""
    return subject.lower_ in ("percent", "%") or (subject.like_num and subject.pos_ == "NUM")


def _anonymous(verb, locate: Locator | None = None) -> bool:
    """ "officials said", "a source told": a statement verb whose subject names nobody (not "the group
    Open Border Watch said", nor "the group" that stands for one named before)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or not all((s.lower_ in _ANONYMOUS and s.pos_ == "NOUN") or _share_of_people(s) for s in subjects):
        return False
    if locate is not None:
        for subject in subjects:
            named = [c for c in subject.children if c.dep_ in ("appos", "compound") or c.i > subject.i]
            if any(locate.of_token(t) and locate.of_token(t).type in _SPEAKER_KINDS for t in [subject, *(t for c in named for t in c.subtree)]):
                return False
    return True


_SPEAKER_KINDS = ("Person", "Agency", "Organization", "Outlet")
_EXPECT_VERBS = {"expect", "forecast", "project"}
_FIGURE_VERBS = SAY_VERBS | SOURCE_VERBS | _EXPECT_VERBS
_POLL_VERBS = {"poll", "compile", "survey", "canvass"}
_DATA_OF = re.compile(r"^(?:[’']s)?\s+(?:own\s+)?(?:data|figures|statistics|numbers|count|tally)\b")
_ACCORDING_TO_DATA = re.compile(
    r"according to ((?:[\w’'-]+\s+){0,4}?)(?:survey|study|report|analysis|assessment|poll|census|data|figures|statistics|release|statement)\b"
)
_DETERMINERS = {"the", "its", "their", "these", "those", "this", "that", "a", "an", "such", "his", "her"}


def _institution_data(text: str, locate: Locator) -> Mention | None:
    """ "according to the latest ministry data": the agency of the article whose name has that word."""
    if not (match := _ACCORDING_TO_DATA.match(text)):
        return None
    for word in (re.sub(r"[’']s?$", "", w) for w in reversed(match.group(1).split())):
        if word in _INSTITUTIONS:
            named = [m for m in locate.mentions if m.type == "Agency" and word.capitalize() in m.name.split()]
            return named[0] if named else None
    words = [w for w in match.group(1).split() if w not in _DETERMINERS and w not in ("latest", "new", "official")]
    if len(words) >= 2:  # "according to coast guard figures": the Japan Coast Guard named in the text
        phrase = f" {' '.join(words)} "
        named = [m for m in locate.mentions if m.type in ("Agency", "Organization") and phrase in f" {m.name.lower()} "]
        return named[0] if named else None
    return None


def _carried_data(text: str) -> bool:
    """ "according to the data", "according to ministry figures": a report already named (or an institution's);
    not "according to industry data", which names nobody."""
    if not (match := _ACCORDING_TO_DATA.match(text)):
        return False
    words = [re.sub(r"[’']s?$", "", w) for w in match.group(1).split()]
    return not words or words[0] in _DETERMINERS or any(w in _INSTITUTIONS for w in words)


_RECIPIENT_VERBS = {"obtain", "see", "review", "receive", "acquire"}


def _agent(verb, locate: Locator) -> Mention | None:
    """ "counted by the police", "data submitted to Rep. X by the ministry showed": the passive agent."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    agents = [c for c in verb.children if c.dep_ == "agent"]
    for subject in subjects:
        words = list(subject.subtree)
        agents += [
            t
            for t in words
            if t.dep_ == "agent" or (t.lower_ == "by" and any(w.tag_ == "VBN" and w.i < t.i for w in words))
        ]
    for agent in agents:
        if agent.head.lemma_ in _RECIPIENT_VERBS:
            continue  # "the report, obtained by the AP, says": who has it, not who wrote it
        if agent.n_rights:
            tokens = list(agent.subtree)
            found = locate.within(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), _SPEAKER_KINDS)
            if found:  # "by the Security Council's panel": the panel, not its owner
                return min(found, key=lambda m: _owner(doc_text(verb.doc), m))
    return None


def _anaphoric(verb) -> bool:
    """ "the data showed", "it said": a report named before goes on."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return len(subjects) == 1 and (
        subjects[0].lower_ == "it"
        or (
            subjects[0].lower_ in ("data", "figures", "statistics", "report", "survey", "tally")
            and any(c.lower_ in ("the", "these", "those", "its") for c in subjects[0].children)
        )
    )


def _data_owner(sent, locate: Locator) -> Mention | None:
    """ "Unification Ministry figures", "the ministry's data": the agency whose data a sentence reports."""
    for mention in locate.within(sent.start_char, sent.end_char, ("Agency", "Organization")):
        if _DATA_OF.match(doc_text(sent.doc)[mention.end : mention.end + 30]):
            return mention
    return None


_INSTITUTIONS = {
    "ministry", "government", "agency", "intelligence", "police", "party", "military", "army", "state", "unification",
    "customs", "department", "council", "commission", "office", "embassy", "bureau", "service",
}  # fmt: skip


_PRESS = {"paper", "newspaper", "daily", "broadcaster", "station", "agency", "network", "reporter", "reporters"}


def data_clause_owner(token, locate: Locator) -> str | None:
    """ "… based on ministry data showing 30,208 defectors": a number in a clause on an institution's data is
    that institution's, whoever uses the data in the sentence."""
    for verb in token.ancestors:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb.tag_ == "VBG" else []
        noun = verb.head if verb.dep_ == "acl" else (subjects[0] if subjects else None)  # parsed either way
        if noun is not None and noun.lower_ in ("data", "figures", "statistics"):
            owners = locate.within(noun.left_edge.idx, noun.idx, ("Agency", "Organization"))
            return owners[-1].name if owners else None
    return None


def _institutional(verb) -> bool:
    """ "a ministry official", "government sources", "officers told the paper": the anonymous speaker
    speaks for an institution, or to the outlet whose report goes on."""
    subjects = [t for s in verb.children if s.dep_ in ("nsubj", "nsubjpass") for t in s.subtree]
    listeners = [t for c in verb.children if c.dep_ in ("dobj", "dative", "iobj") for t in c.subtree]
    return any(t.lower_ in _INSTITUTIONS for t in subjects) or any(t.lower_ in _PRESS for t in listeners)


def _first_person(verb) -> str | None:
    """ "My own count suggests": "my", a statement of the article's author; "we", "our": of the writer's
    institution (not an "I" inside a quote)."""
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        if _in_quote(subject):
            continue
        if subject.lower_ == "i" or any(c.lower_ == "my" for c in subject.children):
            return "my"
        if subject.lower_ == "we" or any(c.lower_ == "our" for c in subject.children):
            return "our"
    return None


CITING_DATA = re.compile(r"\bciting (?:\w+ ){0,2}?(?:data|figures|statistics|numbers|a report|a survey|a study|research) (?:from|by|of|released by) (?:the )?")
# the marks of an adverbial clause ("… before the ban took effect in August")
CLAUSE_MARKS = {"before", "after", "until", "when", "once", "because", "while", "although", "though", "if", "unless"}


def _adverbial(verb) -> bool:
    """A verb of an adverbial clause ("before the ministry announced caps")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CLAUSE_MARKS | {"since"} for c in verb.children)


def _told_outlet(verb, locate: Locator) -> Mention | None:
    """ "a trader told Radio Free Asia": the outlet an anonymous speaker told."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") or (child.dep_ == "prep" and child.lower_ == "to"):
            for token in child.subtree:
                mention = locate.of_token(token)
                if mention is not None and mention.type == "Outlet":
                    return mention
    return None


def _in_quote(token) -> bool:
    """Whether a token stands inside quotation marks opened in its sentence ("“Every winter I told myself…”")."""
    before = doc_text(token.doc)[token.sent.start_char : token.idx]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _possessive_voice(sent) -> str | None:
    """ "My own estimate … is": "my"; "our margin of error is": "our" (the writer's institution); outside quotes."""
    for subject in (t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"):
        for child in subject.children:
            if child.lower_ in ("my", "our") and child.dep_ == "poss" and not _in_quote(child):
                return child.lower_
    return None


_MARKETS = {
    "shares", "stock", "stocks", "sterling", "dollar", "yen", "euro", "pound", "yuan", "won", "rupee", "peso", "rouble",
    "ruble", "bond", "yield",
}  # fmt: skip


def market_move(sent) -> bool:
    """ "Its shares closed up 3.8 percent", "Sterling fell 0.5 percent": a market move, which the reporter states."""
    root = sent.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lower_ in _MARKETS or s.lemma_.lower() in _MARKETS - {"shares"} for s in subjects) and root.lemma_ not in SAY_VERBS


def _according_to(sent, start: int, locate: Locator) -> Mention | None:
    """Whose words "according to" gives: "according to X"; "according to data submitted to Rep. X by the
    ministry" (the ministry, not the recipient); "according to a plan it submitted to the Assembly" (the
    sentence's subject)."""
    doc = sent.doc
    named = locate.within(start, sent.end_char, _SPEAKER_KINDS)
    for mention in named:
        if mention.start - start < 150 and re.search(r"\bby (?:the )?$", doc_text(doc)[start : mention.start]):
            body = next((m for m in named if m.start > mention.start and not doc_text(doc)[mention.end : m.start].strip()), None)
            return body or mention  # "by the U.N. Panel of Experts": the panel, not the organisation it belongs to
    opening = len("according to the ")
    named = [m for m in named if m.start - start <= opening or not re.search(r"\bto (?:the )?$", doc_text(doc)[start : m.start])]
    if not named or named[0].start - start >= 60:
        pronoun = next((t for t in sent if t.idx > start and t.lower_ in ("it", "they") and t.head.dep_ == "relcl"), None)
        subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if pronoun is not None and subject is not None and subject.idx < start:
            found = locate.within(subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge), _SPEAKER_KINDS)
            return found[0] if found else None
    return named[0] if named and named[0].start - start < 60 else None


def sentence_sources(doc, locate: Locator, article: Article) -> dict[int, str | None]:
    """Who states what a sentence reports: "according to X", "X said (in a statement)", "X's figures
    showed", "the report found" (its author, named before), "my count" (the author); carried over to the
    following sentences until another source is named (a person's words only to the end of their paragraph),
    else the default source (the outlet of an "According to X:" line or dateline, or the article's outlet)."""
    default = _default_source(doc, locate, article)
    kinds = ("Person", "Agency", "Organization", "Outlet")
    people = {m.name for m in locate.mentions if m.type == "Person"} - {default}
    current, current_paragraph = default, 0
    last_named: str | None = None  # the latest source named in the text
    paragraph = 0
    last_end = 0
    previous = None
    sources: dict[int, str | None] = {}
    for sent in doc.sents:
        paragraph += doc_text(doc).count("\n\n", last_end, sent.start_char)
        last_end = sent.start_char
        found, unnamed, transient = None, False, False
        text = sent.text.lower()
        if _SECTION_ATTRIBUTION.match(sent.text.strip()):
            named = locate.within(sent.start_char, sent.end_char, kinds)
            if named:  # "And According to Yonhap (2015-7-6):" starts another outlet's report
                default = current = named[0].name
                current_paragraph = paragraph
                sources[sent.start] = current
                continue
        if (pos := text.find("according to")) >= 0:
            after = _according_to(sent, sent.start_char + pos, locate)
            if after and not sent.text.rstrip().endswith(":"):
                found = after.name
            elif (owner := _institution_data(text[pos:], locate)) is not None:
                found = owner.name  # "according to the most recent ministry data": the ministry named in the text
            elif not sent.text.rstrip().endswith(":") and not _carried_data(text[pos:]):
                unnamed = True  # "according to the city's budget office", "according to industry data"
        if found is None and (match := CITING_DATA.search(sent.text)):
            cited = locate.within(sent.start_char + match.end(), sent.end_char, _SPEAKER_KINDS)
            if cited and cited[0].start - (sent.start_char + match.end()) < 5:
                found = cited[0].name  # "KBS reported …, citing data from the Joint Chiefs of Staff": whose data
        if found is None and sent.root.lemma_ == "be" and (voice := _possessive_voice(sent)):
            found = (article.author if voice == "my" else default) or default  # "My estimate, based on X data, is …"
        if found is None:
            for token in sent:
                if token.lemma_ in _FIGURE_VERBS and token.pos_ in ("VERB", "AUX"):
                    if token.lemma_ in _EXPECT_VERBS and token.head.lemma_ in SAY_VERBS and token.head.i != token.i:
                        continue  # "Ha said the ministry expects about 1,200": the speaker states it
                    if _adverbial(token):
                        continue  # "… before the Commerce Ministry announced caps": not who states the figures
                    if (agent := _agent(token, locate)) is not None:
                        found = agent.name
                        # "the estimate of analysts polled by FnGuide": that sentence's, not the report's from then on
                        transient = token.dep_ == "acl" and token.lemma_ in _POLL_VERBS
                        break
                    if any(c.dep_ == "nsubjpass" for c in token.children):
                        continue  # "28 boats were found": what was found, not who found it
                    if _anonymous(token, locate):
                        respondents = all(_share_of_people(c) for c in token.children if c.dep_ in ("nsubj", "nsubjpass"))
                        if (outlet := _told_outlet(token, locate)) is not None:
                            found = outlet.name  # "a trader told Radio Free Asia": the outlet relaying it
                        elif not _institutional(token) and not respondents:
                            found = default  # "officials said", "one researcher said": back to the report's outlet
                        break  # "44 percent said": the survey's report goes on
                    if last_named and _anaphoric(token):
                        found = last_named  # "the data showed", "it said": the report named before goes on
                        break  # "a ministry official said": the institution's report goes on
                    speaker = speaker_of(token, locate)
                    if speaker is not None and speaker.type != "Place":
                        found = speaker.name
                        break
                    if (voice := _first_person(token)) and article.author:
                        found = article.author if voice == "my" or not default else default
                        break
        if found is None and (owner := _data_owner(sent, locate)) is not None:
            found = owner.name
        if found is None and (voice := _possessive_voice(sent)):
            found = (article.author if voice == "my" else default) or default  # "My own estimate is …", "our margin"
        if found is None and market_move(sent):
            found = default  # "Its shares closed up 3.8 percent": stated by the reporter, not the last speaker
        if found is None and (match := _DATA_NOUN.search(sent.text)):
            noun = match.group(1).capitalize()  # "customs data showed": the customs agency named in the text
            named = [m for m in locate.mentions if m.type in ("Agency", "Organization") and noun in m.name.split()]
            if named:
                found = named[0].name
        if found is None and _DOCUMENT.search(text):
            producers = locate.within(sent.start_char, sent.end_char, ("Organization", "Agency"))
            agents = [t for t in sent if t.dep_ == "agent" and t.n_rights]
            by = [p for a in agents for p in producers if a.idx < p.start <= a.right_edge.idx]
            if by:
                found = by[0].name  # "the survey, run by X with help from Y": X's
            elif producers:
                found = producers[-1].name
        if found is None and unnamed:
            found = default
        if found and transient:
            sources[sent.start] = found
            previous = sent
            continue
        if found:
            current, current_paragraph = found, paragraph
            if found != default:
                last_named = found
        elif CARRY_PARAGRAPHS is not None and paragraph - current_paragraph > CARRY_PARAGRAPHS:
            current = default  # a new report: the carried source ends
        elif paragraph > current_paragraph and current in people:
            current = default  # a person's words end with their paragraph; the writer's narration goes on
        sources[sent.start] = current
        if found and previous is not None and sent.text.lstrip().startswith(","):
            sources[previous.start] = found  # "… totals $341 million" | ", Ruiz said.": a fragment split off its sentence
        previous = sent
    return sources
