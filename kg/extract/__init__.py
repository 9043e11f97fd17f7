"""Turn a processed spaCy `Doc` into kg records: mentions, figures, relations and statements,
each with its evidence (the sentence and its character offsets in the article text).

    common.py      word lists, the mention locator, speakers, who states what a sentence reports
    figures.py     reported numbers with measure, period, place and source
    relations.py   memberOf, leads, relativeOf, locatedIn, defectedTo
    statements.py  quotes and reported speech
"""

from __future__ import annotations

from kg.extract.bodies import title_bodies
from kg.extract.common import Locator, make_mention, sentence_sources
from kg.extract.figures import extract_figures
from kg.extract.relations import extract_relations
from kg.extract.statements import extract_statements
from kg.gazetteer import Gazetteer
from kg.learn import Choices, load_choices
from kg.learn.figures import choose_figures, implied_places
from kg.nlp import KG_LABELS
from kg.nlp.doc_index import doc_text
from kg.records import Article, Extraction, Figure, Mention, Relation
from kg.resolve import within_article

__all__ = ["extract"]


def extract(doc, article: Article, gazetteer: Gazetteer, *, choices: Choices | None = None) -> Extraction:
    """Everything kg reads from one article; `choices` are the learned choices to use (the packaged ones by default)."""
    choices = choices if choices is not None else load_choices()
    mentions, locate, sources = read_mentions(doc, article, gazetteer, choices)
    bodies, memberships = title_bodies(doc, mentions, gazetteer)
    result = Extraction(article=article, mentions=sorted(mentions + bodies, key=lambda m: m.start))
    figures = extract_figures(doc, article, locate, sources)
    result.figures = drop_repeats(choose_figures(doc, article, mentions, figures, choices, sources))
    everything = Locator(result.mentions)  # bodies named in titles too
    result.relations = relation_rules(doc, everything, memberships)
    if (model := choices.get("relation")) is not None:
        from kg.learn.relations import choose

        result.relations = choose(doc, everything, result.relations, model)
    implied = implied_places(doc_text(doc), mentions, result.figures)  # a country named only by its demonym
    result.mentions = sorted(result.mentions + implied, key=lambda m: m.start)
    result.statements = extract_statements(doc, locate, sources=sources)
    return result


def read_mentions(
    doc, article: Article, gazetteer: Gazetteer, choices: Choices | None = None
) -> tuple[list[Mention], Locator, dict[int, str | None]]:
    """An article's mentions, their locator, and who states what each sentence reports."""
    mentions = mentions_of(doc, gazetteer, choices if choices is not None else load_choices())
    locate = Locator(mentions)
    return mentions, locate, sentence_sources(doc, locate, article)


def mentions_of(doc, gazetteer: Gazetteer, choices: Choices) -> list[Mention]:
    """The named mentions of a doc, typed (by the learned type where it is sure) and resolved within the article."""
    mentions = [make_mention(span) for span in doc.ents if span.label_ in KG_LABELS]
    if (model := choices.get("entity_type")) is not None:
        from kg.learn.entity_types import retype

        chosen = retype(doc, gazetteer, model)
        for mention in mentions:
            mention.type = chosen.get((mention.start, mention.end), mention.type)
    return within_article(mentions, doc_text(doc), gazetteer)


def relation_rules(doc, locate: Locator, memberships: list[Relation]) -> list[Relation]:
    """The relations the patterns find, and the memberships of bodies named in titles."""
    found = extract_relations(doc, locate)
    pairs = {(r.subject, r.object) for r in found}
    return found + [r for r in memberships if (r.subject, r.object) not in pairs]


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
