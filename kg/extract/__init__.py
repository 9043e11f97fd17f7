"""Turn a processed spaCy `Doc` into kg records: mentions, figures, relations and statements,
each with its evidence (the sentence and its character offsets in the article text).

    common.py      word lists, the mention locator, speakers, who states what a sentence reports
    figures.py     reported numbers with measure, period, place and source
    relations.py   memberOf, leads, relativeOf, locatedIn, defectedTo
    statements.py  quotes and reported speech
"""

from __future__ import annotations

from kg.extract.common import Locator, make_mention, sentence_sources
from kg.extract.figures import extract_figures
from kg.extract.relations import extract_relations
from kg.extract.statements import extract_statements
from kg.gazetteer import Gazetteer
from kg.learn import Choices, load_choices
from kg.learn.figures import choose_figures, implied_places
from kg.nlp import KG_LABELS
from kg.nlp.doc_index import doc_text
from kg.records import Article, Extraction, Figure
from kg.resolve import within_article

__all__ = ["extract"]


def extract(doc, article: Article, gazetteer: Gazetteer, *, choices: Choices | None = None) -> Extraction:
    """Everything kg reads from one article; `choices` are the learned choices to use (the packaged ones by default)."""
    choices = choices if choices is not None else load_choices()
    mentions, locate, sources = read_mentions(doc, article, gazetteer)
    result = Extraction(article=article, mentions=mentions)
    figures = extract_figures(doc, article, locate, sources)
    result.figures = drop_repeats(choose_figures(doc, article, mentions, figures, choices, sources))
    result.mentions = mentions + implied_places(doc_text(doc), mentions, result.figures)
    result.relations = extract_relations(doc, locate)
    result.statements = extract_statements(doc, locate, sources=sources)
    return result


def read_mentions(doc, article: Article, gazetteer: Gazetteer) -> tuple[list, Locator, dict[int, str | None]]:
    """An article's mentions, their locator, and who states what each sentence reports."""
    mentions = [make_mention(span) for span in doc.ents if span.label_ in KG_LABELS]
    mentions = within_article(mentions, doc_text(doc), gazetteer)
    locate = Locator(mentions)
    return mentions, locate, sentence_sources(doc, locate, article)


def drop_repeats(figures: list[Figure]) -> list[Figure]:
    """The figures with each fact once: a number repeated with the same value, unit, measure, period,
    place and source (a scraped page that repeats a paragraph, a headline restated) keeps its first reading."""
    seen: set[tuple] = set()
    kept = []
    for figure in figures:
        fact = (figure.value, figure.unit, figure.measured, figure.period_start, figure.period_end,
                figure.place, figure.source, figure.qualifier)
        if fact not in seen:
            seen.add(fact)
            kept.append(figure)
    return kept
