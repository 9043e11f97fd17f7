"""Statements: direct quotes and reported speech with their speaker."""

from __future__ import annotations

from kg.extract.common import (
    MEMBER_ROLES,
    QUOTE,
    SAY_VERBS,
    Locator,
    evidence_of,
    speaker_of,
)
from kg.records import Statement


def extract_statements(doc, locate: Locator) -> list[Statement]:
    quotes = [(m.start(), m.end(), m.group(1) or m.group(2)) for m in QUOTE.finditer(doc.text)]
    statements: list[Statement] = []
    for sent in doc.sents:
        for token in sent:
            if (
                token.lemma_ not in SAY_VERBS
                or token.lemma_ in ("show", "report", "write")
                or token.pos_ not in ("VERB",)
            ):
                continue
            speaker = speaker_of(token, locate)
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
                Statement(
                    speaker.name,
                    " ".join(text.split()),
                    token.text.lower(),
                    evidence_of(sent),
                    role,
                    sorted(set(about)),
                )
            )
            break
    return statements
