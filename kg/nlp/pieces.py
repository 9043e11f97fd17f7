"""Articles longer than the model takes at once (`nlp.max_length`): analysed in pieces cut at paragraph breaks, the
pieces joined back into one Doc whose offsets are those of the whole text.

The statistical components (tokenizer, tagger, parser, entity recogniser, gazetteer ruler) run piece by piece, in
bounded memory; kg's components that read the whole article (entity typing, figure spotting) run once on the joined
Doc. Texts within the limit go through `nlp.pipe` unchanged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

log = logging.getLogger(__name__)

#: kg's components that read the whole article: run on the joined Doc, not on each piece.
WHOLE_ARTICLE_COMPONENTS = ("kg_entity_typer", "kg_figures")
#: The longest piece analysed at once (spaCy needs about 1 GB of memory per 100,000 characters at most).
PIECE_CHARACTERS = 100_000
#: Where a piece may end, best first: after a paragraph break, a line break, a sentence end, a space; else anywhere.
_CUTS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?]['\"’”)]*\s+"), re.compile(r"\s+"))


def paragraph_pieces(text: str, limit: int) -> list[str]:
    """The text cut into pieces of at most `limit` characters that join back into it, each ending after the last
    paragraph break within the limit (else a line break, a sentence end, a space; a text with none is cut anywhere)."""
    if limit < 1:
        raise ValueError(f"a piece must be allowed at least one character, not {limit}")
    pieces, start = [], 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, stop: int) -> int:
    """Where to end a piece that starts at `start` and may not pass `stop`: after the last break of the best kind."""
    for pattern in _CUTS:
        last = None
        for match in pattern.finditer(text, start, stop):
            if match.end() > start:
                last = match
        if last is not None:
            return last.end()
    return stop


def pipe_texts(nlp, texts: Iterable[str], *, batch_size: int = 32) -> Iterator:
    """`nlp.pipe(texts)`, with every text longer than `nlp.max_length` analysed in pieces (see `analyse_long`)."""
    long_texts: dict[int, str] = {}

    def within_limit() -> Iterator[str]:
        for number, text in enumerate(texts):
            if len(text) > nlp.max_length:
                long_texts[number] = text
                yield ""  # a stand-in, so the other texts are batched as before
            else:
                yield text

    for number, doc in enumerate(nlp.pipe(within_limit(), batch_size=batch_size)):
        yield analyse_long(nlp, long_texts.pop(number)) if number in long_texts else doc


def analyse_long(nlp, text: str, *, piece_characters: int = PIECE_CHARACTERS):
    """One Doc for a text of any length: the pipeline's statistical components on pieces cut at paragraph breaks,
    joined, then kg's whole-article components on the joined Doc."""
    from spacy.tokens import Doc

    pieces = paragraph_pieces(text, min(piece_characters, nlp.max_length))
    whole = [name for name in WHOLE_ARTICLE_COMPONENTS if name in nlp.pipe_names]
    log.info("analysing a text of %d characters in %d pieces", len(text), len(pieces))
    docs = [_without_tensor(piece) for piece in nlp.pipe(pieces, disable=whole, batch_size=1)]
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # kg reads no vectors
    if doc.text != text:  # the pieces join back exactly; a difference is a bug, not bad input
        raise RuntimeError("the pieces of a long text did not join back into it")
    for name, component in nlp.pipeline:
        if name in whole:
            doc = component(doc)
    return doc


def _without_tensor(doc):
    """The Doc of one piece without its tok2vec output, which kg does not read: memory holds one piece's at a time
    (the pieces go through the model one at a time too, not all in one batch of the model's batch size)."""
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc
