"""Whole-Doc facts worked out once per Doc: its text, its sentences and its entities.

spaCy works `Doc.text` (a join over every token), `Doc.sents` and `Doc.ents` (which `Span.ents` walks in full) out
again on every access, so code that asks for them per entity or per figure takes time quadratic in article length.
These functions keep the answer in `doc.user_data` after the first call, as plain strings and integers (a Doc still
serialises). The text never changes; sentences and entities are indexed for a finished Doc, so ask for them only once
the pipeline has set both (as extraction does).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

_TEXT = "kg_text"
_SENTENCE_STARTS = "kg_sentence_starts"
_ENTITIES = "kg_entities"
_MID_SENTENCE = "kg_mid_sentence"


def doc_text(doc) -> str:
    """`doc.text`, joined once."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def _starts(doc) -> list[int]:
    """The token index where each sentence starts, in order (the first is 0)."""
    starts = doc.user_data.get(_SENTENCE_STARTS)
    if starts is None:
        starts = doc.user_data[_SENTENCE_STARTS] = [sent.start for sent in doc.sents]
    return starts


def sentences(doc) -> list:
    """The sentences of the doc as spans, like `list(doc.sents)`."""
    starts = _starts(doc)
    ends = [*starts[1:], len(doc)] if starts else []  # an empty doc has no sentence
    return [doc[start:end] for start, end in zip(starts, ends, strict=True)]


def sentence_of(item):
    """The sentence a token or span starts in, like `item.sent`, found by bisection in the sentence index."""
    doc = item.doc
    first = item.i if hasattr(item, "i") else item.start
    starts = _starts(doc)
    number = bisect_right(starts, first) - 1
    end = starts[number + 1] if number + 1 < len(starts) else len(doc)
    return doc[starts[number] : end]



def _entity_index(doc) -> tuple[list[int], list[tuple[int, int, int, int, int]]]:
    """The entities' first tokens, and each entity as (start, end, label, kb_id, id), in order."""
    index = doc.user_data.get(_ENTITIES)
    if index is None:
        found = [(ent.start, ent.end, ent.label, ent.kb_id, ent.id) for ent in doc.ents]
        index = doc.user_data[_ENTITIES] = ([start for start, *_ in found], found)
    return index


def entities_in(span) -> list:
    """`span.ents`: the entities that lie wholly inside the span, found by bisection in the doc's entity index."""
    from spacy.tokens import Span

    doc = span.doc
    starts, found = _entity_index(doc)
    ents = []
    for start, end, label, kb_id, span_id in found[bisect_left(starts, span.start) :]:
        if end > span.end:
            break
        ents.append(Span(doc, start, end, label=label, kb_id=kb_id, span_id=span_id))
    return ents


def mid_sentence_positions(doc) -> dict[str, list[int]]:
    """Where each token text occurs other than at the start of a sentence: text → token indices, in order."""
    positions = doc.user_data.get(_MID_SENTENCE)
    if positions is None:
        positions = doc.user_data[_MID_SENTENCE] = {}
        for token in doc:
            if not token.is_sent_start:
                positions.setdefault(token.text, []).append(token.i)
    return positions
