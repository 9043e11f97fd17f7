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
from kg.nlp import KG_LABELS
from kg.records import Article, Extraction, Figure
from kg.resolve import within_article

__all__ = ["extract"]


def extract(doc, article: Article, gazetteer: Gazetteer, *, choices: Choices | None = None) -> Extraction:
    """Everything kg reads from one article; `choices` are the learned choices to use (the packaged ones by default)."""
    choices = choices if choices is not None else load_choices()
    mentions = [make_mention(span) for span in doc.ents if span.label_ in KG_LABELS]
    if (model := choices.get("entity_type")) is not None:
        from kg.learn.entity_types import retype

        chosen = retype(doc, gazetteer, model)
        for mention in mentions:
            mention.type = chosen.get((mention.start, mention.end), mention.type)
    mentions = within_article(mentions, doc.text, gazetteer)
    result = Extraction(article=article, mentions=mentions)
    locate = Locator(mentions)
    sources = sentence_sources(doc, locate, article)
    result.figures = drop_repeats(extract_figures(doc, article, locate, sources))
    result.relations = extract_relations(doc, locate)
    if (model := choices.get("relation")) is not None:
        from kg.learn.relations import choose

        result.relations = choose(doc, locate, result.relations, model)
    result.statements = extract_statements(doc, locate, sources=sources)
    return result


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
