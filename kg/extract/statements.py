"""Statements: direct quotes and reported speech with their speaker, the speaker's role, the verb and the text.

A speaker is the named subject of a speech verb, or what the subject refers to: a pronoun ("he", "it",
"they"), a surname ("Ha said"), "a ministry official" (the ministry, role official), "its researchers"
(the organisation), "the report" (whoever the sentence reports for), "the official" (the last speaker
with that role). A quote continued in following sentences or paragraphs with no attribution of its own
is one statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.common import MEMBER_ROLES, SAY_VERBS, Locator, readable_sentences
from kg.extract.roles import ORGANISATIONS, named_by
from kg.nlp import TITLES
from kg.nlp.doc_index import doc_text
from kg.records import Evidence, Mention, Statement

#: Verbs that attribute a quote or reported speech ("show", "indicate" attribute data, not speech).
STATEMENT_VERBS = (SAY_VERBS - {"show", "indicate", "reveal", "suggest"}) | {
    "acknowledge", "admit", "deny", "emphasise", "emphasize",
}
SPEAKER_TYPES = ("Person", "Agency", "Organization", "Outlet")
_PRIORITY = {"Person": 0, "Agency": 1, "Organization": 2, "Outlet": 3}
_DOCUMENTS = {"report", "study", "survey", "data", "paper", "statement", "poll", "census", "white", "document"}
_ROLE_WORDS = sorted(MEMBER_ROLES | {"pastor", "expert", "activist", "scientist"}, key=len, reverse=True)
#: Roles whose holders speak for the body they are "at" ("officials at the ministry said")
_STAFF = {"official", "officer", "spokesman", "spokeswoman", "spokesperson", "researcher", "analyst", "economist"}
#: "a survey released on Tuesday by", "the study, conducted by": a document and the body that made it
_AUTHORED = re.compile(
    rf"\b(?:{'|'.join(_DOCUMENTS)})s?,?\s+(?:released|published|issued|compiled|conducted|prepared|commissioned)\s+(?:[\w-]+\s+){{0,3}}?by\s+"
)
_DATELINE = re.compile(
    r"[A-Z][A-Za-z .'-]{1,30}(?:,[^()\n]{0,40}?)?\s*\([^()\n]{2,40}\)\s*(?:--|—|–|-)\s*"
    r"|[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][\w. ]{1,20})?\s*(?:--|—|–)\s*"
)
_OPEN_QUOTES = "“\""
_MAX_QUOTE = 4000  # characters; a longer "quote" is an unbalanced quotation mark


@dataclass
class _Found:
    """The text of a statement (offsets, or joined quotes), its evidence span, and whether it is quoted."""

    start: int
    end: int
    evidence_start: int
    evidence_end: int
    quoted: bool = False
    joined: str | None = None


@dataclass
class _Quote:
    start: int  # offset of the first character inside the marks
    end: int  # offset after the last character inside the marks
    closed: bool  # False: runs to the end of its paragraph (continued in the next one)


def find_quotes(text: str) -> list[_Quote]:
    """Quoted passages, paragraph by paragraph; an unclosed quote runs to the end of its paragraph."""
    quotes: list[_Quote] = []
    for para in re.finditer(r"[^\n]+", text):
        body, base, i = para.group(0), para.start(), 0
        while True:
            curly, straight = body.find("“", i), body.find('"', i)
            opens = [p for p in (curly, straight) if p >= 0]
            if not opens:
                break
            start = min(opens)
            closing = "”" if body[start] == "“" else '"'
            end = body.find(closing, start + 1)
            nested = body.find("“", start + 1) if body[start] == "“" else -1
            if 0 <= nested and (end < 0 or nested < end):
                outer = body.find("”", end + 1) if end >= 0 else -1
                if outer < 0:  # "“a “b” c" with the outer mark unbalanced: take the inner quote
                    i = nested
                    continue
                end = outer  # "“a “b” c”": the outer quote, the inner one inside it
            closed = end >= 0
            stop = end if closed else len(body.rstrip())
            if stop - start - 1 >= 3 and stop - start <= _MAX_QUOTE:
                quotes.append(_Quote(base + start + 1, base + stop, closed))
            if not closed:
                break
            i = end + 1
    return quotes


def _sentence(part: str) -> str:
    """A quoted part ending as a sentence ("… slowly," → "… slowly.")."""
    part = part.rstrip(" ,;:")
    return part if part.endswith((".", "!", "?", "…")) else part + "."


def _is_speech_verb(token) -> bool:
    """A speech verb, also one tagged as a noun ("DailyNK reports that …"); not a participle ("the reported figure")."""
    if token.pos_ == "VERB":
        return token.lemma_ in STATEMENT_VERBS and (
            not (token.tag_ == "VBN" and token.dep_ in ("amod", "acl")) or _misparsed_main_verb(token)
        )
    if token.pos_ == "NOUN" and token.dep_ == "ROOT" and token.lower_ in ("says", "reports", "notes", "writes", "adds"):
        return any(c.dep_ == "ccomp" for c in token.children)
    return False


def _misparsed_main_verb(token) -> bool:
    """ "Daily NK, a Seoul-based newspaper, reported that …" parsed as a participle of a noun root: the main verb."""
    return token.dep_ == "acl" and token.head.dep_ == "ROOT" and token.head.pos_ in ("PROPN", "NOUN") and any(
        c.dep_ == "ccomp" for c in token.children
    )


def _span_of(tokens) -> tuple[int, int]:
    tokens = list(tokens)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces, quotation marks and attaching punctuation."""
    strip = " \n\t,;:“”\"'’"
    end = min(end, len(text))  # a span that runs to the end of an unterminated quote at the end of the text
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip + ".":
        end -= 1
    inner = text[start:end]
    if (inner.count("“") > inner.count("”") or inner.count('"') % 2) and text[end : end + 1] in "”\"":
        end += 1  # 'the plan was "painful but necessary"': keep the mark that closes a quote inside
    return start, end


def _subject(verb):
    """The subject of a speech verb, also through "…, saying", "and added", "reportedly told"."""
    token = verb
    quoted = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else None
    if quoted is not None and quoted.lemma_ == "quote":  # "X was quoted (by Y) as saying"
        return next((c for c in quoted.children if c.dep_ == "nsubjpass"), None)
    if _misparsed_main_verb(verb):
        return verb.head
    for _ in range(3):
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if subjects:  # two in a misparse "…, a sergeant, Jang, …, the broadcaster said": the phrase after the comma
            chosen = subjects[0]
            for other in subjects[1:]:  # "which Treasury said": not the relative pronoun; "Tokyo (AFP) - X said"
                if chosen.tag_ in ("WDT", "WP") or any(_separates(t) for t in token.doc[chosen.i : other.i]):
                    chosen = other
            return chosen
        if token.dep_ in ("advcl", "conj", "xcomp") and token.head.i != token.i:
            token = token.head
            continue
        break
    # "Oh notes that …", "DailyNK reports (…) that …": a name the parser did not take for the subject
    left = [c for c in verb.children if c.i < verb.i and c.dep_ in ("intj", "compound", "npadvmod", "dep", "nmod")]
    left = [c for c in left if c.text[:1].isupper() and c.i == verb.i - 1 or c.text[:1].isupper() and c.dep_ == "intj"]
    return left[-1] if left else None


def _separates(token) -> bool:
    """A comma, or a dash with spaces around it (not the hyphen of "Se-ra")."""
    return token.text == "," or (token.is_punct and bool(token.whitespace_) and bool(token.nbor(-1).whitespace_))


def _subject_start(subject) -> int:
    """Where a subject starts; in a misparse "… the IRB, which had a backlog …, the board’s chairman, X, told" the
    subject is the apposition after the relative clause."""
    clauses = [c for c in subject.children if c.dep_ == "relcl"]
    later = [c for c in subject.children if c.dep_ == "appos" and clauses and c.i > clauses[-1].i]
    return later[-1].left_edge.idx if later else subject.left_edge.idx


def _in_clause(token, top) -> bool:
    """Whether a token of `top`'s subtree sits in a relative or participial clause ("a pastor who …")."""
    while token.i != top.i:
        if token.dep_ in ("relcl", "acl"):
            return True
        token = token.head
    return False


def _locative(token, subject) -> bool:
    """A preposition that places the subject rather than naming its body: "in", "near", or "at" after a plural."""
    if token.dep_ != "prep" or token.head.i != subject.i:
        return False
    return token.lower_ in ("in", "near", "from", "across") or (token.lower_ == "at" and subject.tag_ == "NNS")


def _is_possessive(doc, mention: Mention) -> bool:
    return bool(re.match(r"[’']s?\b", doc_text(doc)[mention.end : mention.end + 2]))


class _Speakers:
    """Resolves the subject of a speech verb to a named entity of the article."""

    def __init__(self, doc, locate: Locator, sources: dict[int, str | None], quotes: list[_Quote] | None = None):
        self.doc = doc
        self.locate = locate
        self.sources = sources
        self.by_role: dict[str, str] = {}
        self.last_body: str | None = None  # the last agency, organisation or outlet that made a statement
        self.persons = [m for m in locate.mentions if m.type == "Person"]
        # "he" after a quote is not someone the quote names
        self.unquoted = [m for m in self.persons if not any(q.start <= m.start < q.end for q in quotes or [])]

    def resolve(self, verb, sent) -> tuple[Mention | str | None, str | None]:
        subject = _subject(verb)
        if subject is None or (verb.lemma_ in ("report", "write") and verb.dep_ == "relcl"):
            return None, None
        tokens = [t for t in subject.subtree if not _in_clause(t, subject) and t.idx >= _subject_start(subject)]
        start, end = _span_of(tokens)
        role = self.role_in(doc_text(self.doc)[start:end])
        # "an officer in Chiang Rai province"; "officials at the ministry" speak for it, "diplomats at the UN" do not
        staff = role in _STAFF
        places = [_span_of(t.subtree) for t in tokens if _locative(t, subject) and not (staff and t.lower_ == "at")]
        found = [
            m
            for m in self.locate.starting(start - 2, end)
            if start < m.end
            and m.type in SPEAKER_TYPES
            and not any(ps <= m.start < pe for ps, pe in places)
        ]
        lower = subject.lower_
        if lower in ("he", "she"):
            return self.pronoun_person(subject.idx, sent), None
        if lower in ("it", "they"):
            return self.pronoun_body(subject, sent), None
        if found:
            # "Moon’s chief of staff, Im Jong-seok, told": the owner in a possessive is not the speaker
            head = self.locate.of_token(subject)  # "the U.N. refugee agency": the agency, not the U.N.
            best = min(found, key=lambda m: (_is_possessive(self.doc, m), m is not head, _PRIORITY[m.type], m.start))
            if role is None and best.type == "Person":  # "Rep. Won Hye-young": the title's role
                title = re.search(r"([A-Z][a-z]+\.?)\s+$", doc_text(self.doc)[max(0, best.start - 12) : best.start])
                role = TITLES.get(title.group(1).lower()) if title else None
            return best, role
        if any(t.lower_ == "its" and t.dep_ == "poss" for t in tokens):  # "its researchers said"
            body = self.locate.before(subject.idx, ("Agency", "Organization", "Outlet"))
            return body, role
        if subject.lemma_.lower() in _DOCUMENTS and subject.pos_ != "PROPN":  # "the report said"
            return self.author(subject.idx) or self.sources.get(sent.start), None
        word = self.word_at(subject.idx)
        if subject.pos_ in ("PROPN", "INTJ", "NOUN") and word[:1].isupper() and word.replace("-", "").isalpha():
            person = self.surname(subject)
            if person is not None:
                return person, None
        if role is not None:
            preps = [c for c in subject.children if c.dep_ == "prep" and c.lower_ in ("at", "for", "of", "from")]
            for prep in preps if role in _STAFF else ():
                body = next((self.body_at(o) for o in prep.children if o.dep_ == "pobj"), None)
                if body is not None:  # "officials at the bureau"
                    return body, role
            modifiers = [t for t in tokens if t.dep_ in ("compound", "amod", "nmod") and t.i < subject.i]
            body = self.body_named(modifiers, subject.idx)
            if body is not None:  # "a unification ministry official"
                return body, role
            if any(t.lower_ == "the" for t in tokens) and role in self.by_role and not modifiers:
                return self.by_role[role], role  # "the official said": the last speaker in that role
        return None, None

    def author(self, offset: int) -> Mention | None:
        """The body that the last "survey released by X" before `offset` names: "the report" is its work."""
        found = None
        for match in _AUTHORED.finditer(doc_text(self.doc), 0, offset):  # as if the text ended at `offset`
            found = next((m for m in self.locate.starting(match.end(), match.end() + 40) if m.type in ORGANISATIONS), None) or found
        return found

    def body_at(self, token) -> Mention | None:
        """The agency, organisation or outlet a word names or describes ("the bureau")."""
        mention = self.locate.of_token(token)
        return mention if mention is not None and mention.type in SPEAKER_TYPES[1:] else None

    @staticmethod
    def role_in(text: str) -> str | None:
        lower = text.lower()
        for role in _ROLE_WORDS:
            if re.search(rf"\b{re.escape(role)}s?\b", lower):
                return role
        return None

    def pronoun_person(self, offset: int, sent) -> Mention | None:
        """"he"/"she": the last named person, unless that name was only a possessive ("Kim’s purges")."""
        before = [m for m in self.unquoted if m.end <= offset]
        if not before:
            return None
        last = before[-1]
        if (later := self.second_reference(last.end, offset)) is not None:
            return later  # "…, Min-seok believes. “…,” he said": a given name the tagger did not mark
        if (subject := self.previous_subject(sent)) is not None and subject.name != last.name:
            return subject  # "Moon, an adviser to President Park, wrote … He warned": the one the text is about
        if _is_possessive(self.doc, last) or offset - last.end > 600:
            return None
        return last

    def previous_subject(self, sent) -> Mention | None:
        """The named person who is the subject of the sentence before `sent` (not of a clause inside it)."""
        if sent.start == 0:
            return None
        root = self.doc[sent.start - 1].sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None
        tokens = [t for t in subject.subtree if not _in_clause(t, subject) and t.dep_ != "poss"]
        start, end = _span_of(tokens)
        found = [m for m in self.locate.within(start, end, ("Person",)) if not _is_possessive(self.doc, m)]
        return found[0] if found else None

    def second_reference(self, start: int, end: int) -> Mention | None:
        """The last person referred to between two offsets by a part of the name only they have ("Min-seok")."""
        found = None
        for match in re.finditer(r"\b[A-Z][\w’']*(?:-\w+)*", doc_text(self.doc)[start:end]):
            if self.locate.at(start + match.start()) is None:
                found = named_by(match.group(0), end, self.persons) or found
        return found

    def pronoun_body(self, subject, sent) -> Mention | str | None:
        """"it"/"they": the organisation that is the subject of the main clause, else the current source."""
        root = sent.root
        if root.i != subject.head.i:
            other = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if other is not None:
                start, end = _span_of(other.subtree)
                found = self.locate.within(start - 30, end, ("Agency", "Organization", "Outlet"))
                if found:
                    return found[-1]
                if (named := self.locate.of_token(other)) is not None and named.type == "Place":
                    return None  # "China has resisted measures that it says would hurt …": the country, not a body
        if self.last_body is not None:  # "it said" again: the body that spoke last
            return self.last_body
        source = self.sources.get(sent.start)
        if source is not None:
            return source
        return self.locate.before(subject.idx, ("Agency", "Organization", "Outlet"))

    def surname(self, token) -> Mention | None:
        """"Ha said", "Nam estimated": a person named earlier whose first or last name this is."""
        word = self.word_at(token.idx)
        earlier = [m for m in self.persons if m.end <= token.idx]
        owners = {m.name for m in earlier if word in (m.name.split()[0], m.name.split()[-1])}
        bare = [m for m in earlier if m.text == word and m.name in owners]
        if len(owners) > 1 and bare:
            return bare[-1]  # two Ris: "Ri" alone goes on meaning the one it meant before
        for person in reversed(earlier):
            words = re.split(r"[\s]+", person.name)
            if word in (words[0], words[-1]) and len(words) > 1:
                return person
        return None

    def word_at(self, offset: int) -> str:
        """The whole word around an offset, across hyphens ("Ha-eun" is three tokens)."""
        text = doc_text(self.doc)
        start = offset
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-" and text[start - 2 : start - 1].isalnum()):
            start -= 1
        match = re.match(r"[\w’']+(?:-\w+)*", text[start:])
        return match.group(0) if match else ""

    def body_named(self, modifiers, offset: int) -> Mention | None:
        """The agency or organisation a modifier names ("ministry" in "a unification ministry official")."""
        words = {t.lower_ for t in modifiers if t.pos_ in ("NOUN", "PROPN")}
        if not words:
            return None
        bodies = [m for m in self.locate.mentions if m.type in ("Agency", "Organization")]
        bodies.sort(key=lambda m: (m.start > offset, -m.start if m.start <= offset else m.start))
        for body in bodies:
            names = {w.lower() for w in re.findall(r"[\w-]+", body.name + " " + body.text)}
            if words & names and all(w in names or w in ("unification",) for w in words if w != "ministry") or (
                "ministry" in words and "ministry" in names and words <= names | {"unification", "foreign"}
            ):
                return body
        return None


def extract_statements(doc, locate: Locator, *, sources: dict[int, str | None] | None = None) -> list[Statement]:
    """Quotes and reported speech, one statement per attributing sentence, with continued quotes joined."""
    text = doc_text(doc)
    quotes = find_quotes(text)
    speakers = _Speakers(doc, locate, sources or {}, quotes)
    statements: list[Statement] = []
    spans: list[tuple[int, int]] = []  # the text span of each statement
    used_quotes: set[int] = set()
    last_quote_statement: int | None = None
    for sent in readable_sentences(doc):
        made: Statement | None = None
        for verb in sent:
            if not _is_speech_verb(verb) or any(q.start <= verb.idx < q.end for q in quotes):
                continue  # "it tells you …" inside a quote is what is said, not who says it
            if made is not None and not _reports_again(verb, spans[-1][1]):
                continue
            speaker, role = speakers.resolve(verb, sent)
            if speaker is None:
                continue
            name = speaker.name if isinstance(speaker, Mention) else speaker
            if made is not None and name == made.speaker:
                continue
            found = _text_of(doc, verb, sent, quotes, used_quotes)
            if found is None:
                continue
            start, end = _trim(text, found.start, found.end)
            if (start == 0 or text[start - 1] == "\n") and (dateline := _DATELINE.match(text, start)):
                start = dateline.end()  # "SEOUL, Nov. 3 (Yonhap) -- The economy shrank …": the dateline is not said
            if end - start < 3:
                continue
            ev_start, ev_end = found.evidence_start, found.evidence_end
            ev_end = ev_start + len(text[ev_start:ev_end].rstrip())
            about = sorted({m.name for m in locate.within(start, end) if m.name != name})
            statements.append(
                Statement(
                    name,
                    " ".join((found.joined or text[start:end]).split()),
                    verb.text.lower(),
                    Evidence(text[ev_start:ev_end], ev_start, ev_end),
                    role,
                    about,
                )
            )
            spans.append((start, end))
            if role and isinstance(speaker, Mention) and speaker.type == "Person":
                speakers.by_role[role] = name
            if not isinstance(speaker, Mention) or speaker.type != "Person":
                speakers.last_body = name
            last_quote_statement = len(statements) - 1 if found.quoted else None
            made = statements[-1]
        if made is not None:
            continue
        # a quote continued in this sentence with no attribution of its own
        if last_quote_statement is not None:
            inside = [
                (i, q) for i, q in enumerate(quotes) if i not in used_quotes and sent.start_char <= q.start < sent.end_char
            ]
            if inside and _trim(text, sent.start_char, sent.end_char)[0] >= inside[0][1].start - 1:
                previous = statements[last_quote_statement]
                for i, q in inside:
                    used_quotes.add(i)
                    qs, qe = _trim(text, q.start, q.end)
                    previous.text = _sentence(previous.text) + " " + " ".join(text[qs:qe].split())
                    for m in locate.within(qs, qe):
                        if m.name not in previous.mentions and m.name != previous.speaker:
                            previous.mentions = sorted({*previous.mentions, m.name})
                ev_start = min(previous.evidence.start, sent.start_char)
                ev_end = max(previous.evidence.end, sent.start_char + len(sent.text.rstrip()))
                previous.evidence = Evidence(text[ev_start:ev_end], ev_start, ev_end)
                continue
        last_quote_statement = None
    return statements


def _trailing_attribution(verb, sent) -> int:
    """Where what `verb` reports ends: before a second attribution closing the sentence ("Lee said prices were
    stable, Daily NK reported, citing sources"), else at the end of the sentence."""
    for token in sent:
        subject = _subject(token) if token.i > verb.i and _is_speech_verb(token) else None
        if subject is None or subject.left_edge.i <= verb.i + 1 or subject.left_edge.nbor(-1).text != ",":
            continue
        rest = doc_text(sent.doc)[token.idx + len(token.text) : sent.end_char]
        if re.fullmatch(r"(?:\s*[\w.]+){0,4}(?:,\s*(?:citing|according\s+to)\b[^.]*)?[\s.!?”\"]*", rest):
            return subject.left_edge.nbor(-1).idx
    return sent.end_char


def _fronted(text: str, quote: _Quote, sentence_start: int, attribution_start: int) -> bool:
    """A short quote that is the whole of what is said before its attribution ("“Reviews take years,” he said")."""
    return not text[sentence_start : quote.start].strip(" \n“\"") and not text[quote.end : attribution_start].strip(
        " ,”\""
    )


def _reports_again(verb, after: int) -> bool:
    """A second reporting clause after what the first one said ("Ri said …, KCNA reported"): one statement each."""
    subject = _subject(verb)
    start = _span_of(subject.subtree)[0] if subject is not None else verb.idx
    return verb.dep_ in ("ROOT", "ccomp", "conj", "parataxis") and min(start, verb.idx) >= after


def _text_of(doc, verb, sent, quotes: list[_Quote], used: set[int]) -> _Found | None:
    """The quoted or reported text of a speech verb, with its evidence span."""
    text = doc_text(doc)
    subject = _subject(verb)
    subject_start = _subject_start(subject) if subject is not None else verb.idx
    attribution = (min(subject_start, verb.idx), verb.idx + len(verb.text))
    # direct quotes in the sentence, outside the attribution; an unclosed quote in an earlier paragraph joins on
    inside = [
        i
        for i, q in enumerate(quotes)
        if i not in used
        and q.start < sent.end_char
        and sent.start_char < q.end
        and not (attribution[0] <= q.start and q.end <= attribution[1])
        and (len(text[q.start : q.end].split()) >= 4 or _fronted(text, q, sent.start_char, attribution[0]))
    ]
    clause = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if inside and clause and verb.idx < quotes[inside[0]].start:
        begin = max(_span_of(clause[0].subtree)[0], verb.idx + len(verb.text))
        if begin < quotes[inside[0]].start - 1 and quotes[inside[-1]].end <= sent.end_char:
            # "told me the decline had been “steady and irreversible”": the quote ends the reported clause
            mark = next((t for t in clause[0].children if t.dep_ == "mark" and t.lower_ == "that"), None)
            begin = mark.idx + len(mark.text) if mark is not None and mark.i < clause[0].i else begin
            used.update(inside)
            end = min(quotes[inside[-1]].end + 1, len(text))  # with the closing mark; an unclosed quote may end the text
            rest = [t for t in clause[0].subtree if t.idx >= end]
            if not any(_is_speech_verb(t) for t in rest):  # "…”, the agency reported" is another attribution
                end = max(end, _span_of(clause[0].subtree)[1])
            return _Found(begin, end, sent.start_char, sent.end_char, True)
    if inside:
        first = inside[0]
        while first > 0 and not quotes[first - 1].closed and first - 1 not in used:
            first -= 1
            inside.insert(0, first)
        for i in inside:
            used.add(i)
        parts = [_trim(text, quotes[i].start, quotes[i].end) for i in inside]
        start, end = parts[0][0], parts[-1][1]
        joined = None
        if len(parts) > 1:  # the quotes without the attribution between them, each a sentence
            joined = " ".join(_sentence(text[s : quotes[i].end].strip()) for (s, _), i in zip(parts, inside, strict=True))
        return _Found(start, end, min(start - 1, sent.start_char), max(end + 1, sent.end_char), True, joined)
    clause = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN")]
    if not clause:  # "said in a statement that …", however the parser attached the clause
        clause = [
            c
            for p in verb.children
            if p.dep_ == "prep"
            for o in p.children
            if o.dep_ == "pobj"
            for c in o.children
            if c.dep_ in ("acl", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ]
    if clause:
        first_clause = clause[0]
        cstart = max(_span_of(first_clause.subtree)[0], verb.idx + len(verb.text))
        if first_clause.i > verb.i:  # "X said (that) …": to the end of the sentence, with "and that …"
            mark = next((t for t in first_clause.children if t.dep_ == "mark" and t.i < first_clause.i), None)
            begin = mark.idx + len(mark.text) if mark is not None and mark.lower_ == "that" else cstart
            return _Found(begin, _trailing_attribution(verb, sent), sent.start_char, sent.end_char)
        return _Found(sent.start_char, attribution[0], sent.start_char, sent.end_char)  # "…, X said"
    if verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i:  # "Japan … does not report them, Kim noted."
        return _Found(sent.start_char, attribution[0], sent.start_char, sent.end_char)
    if verb.dep_ == "parataxis" and text.startswith(",", attribution[1]):
        # "Young people, he said, see unification as a cost": the sentence around the attribution
        before, after = text[sent.start_char : attribution[0]].rstrip(" ,"), text[attribution[1] : sent.end_char].lstrip(" ,")
        if before and after:
            return _Found(sent.start_char, sent.end_char, sent.start_char, sent.end_char, joined=f"{before} {after}")
    rest = text[verb.idx + len(verb.text) : sent.end_char].strip()
    if sent.start > 0 and text[sent.start_char : attribution[0]].strip() == "," and rest in ("", "."):
        # ", Ruiz said." split by the parser from what it attributes: the sentence before, in the same paragraph
        before = doc[sent.start - 1].sent
        if "\n" not in text[before.start_char : sent.start_char].strip():
            return _Found(before.start_char, sent.start_char, before.start_char, sent.end_char)
    if rest.endswith((":", ",")) or not rest:  # "As the WSJ writes," / "X reports on a survey (…):" + next paragraph
        para = re.compile(r"\n\s*([^\n]+)").search(text, sent.end_char - 1)
        if para is None:
            return None
        begin = verb.idx + len(verb.text) if rest.strip(" ,:") else para.start(1)
        return _Found(begin, para.end(1), sent.start_char, para.end(1))
    if verb.lemma_ in ("report", "write") and any(c.dep_ == "prep" and c.lower_ in ("on", "about") for c in verb.children):
        return _Found(verb.idx + len(verb.text), sent.end_char, sent.start_char, sent.end_char)
    # "The report also notes a shift in how the money moves": what is noted is an object, not a clause
    noted = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"] if verb.lemma_ == "note" else []
    if noted:
        return _Found(_span_of(noted[0].subtree)[0], _trailing_attribution(verb, sent), sent.start_char, sent.end_char)
    return None
