"""Network aggregates computed once per build and stored as triples, so ready queries read them
instead of recomputing them over the whole graph: for each entity the articles that mention it,
its co-mention partners (degree) and degree centrality; for each pair of entities named in one
article, in how many articles they are (co-mention weight); and the figure groups of kg.compare.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from kg.compare import FigureGroup, FigureNote, group_figures
from kg.resolve import MentionTally, Resolution


@dataclass
class Aggregates:
    """What the build stores in its aggregates graph."""

    articles: Counter[str] = field(default_factory=Counter)  # entity key -> articles mentioning it
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (key, key), sorted -> shared articles
    degree: Counter[str] = field(default_factory=Counter)  # entity key -> distinct co-mention partners
    groups: list[FigureGroup] = field(default_factory=list)

    def centrality(self, key: str) -> float:
        """Degree centrality: the share of the other entities this one is co-mentioned with."""
        others = len(self.articles) - 1
        return self.degree[key] / others if others > 0 else 0.0


def entities_of(tally: MentionTally, resolution: Resolution) -> set[str]:
    """The keys of the entities an article mentions."""
    keys = (resolution.index.get((tally.article_id, name)) for name, *_ in tally.mentions)
    return {key for key in keys if key}


def co_mentions(tallies: Iterable[MentionTally], resolution: Resolution) -> Aggregates:
    """Articles per entity, co-mention weights and degrees."""
    result = Aggregates()
    for tally in tallies:
        keys = sorted(entities_of(tally, resolution))
        result.articles.update(keys)
        result.pairs.update(combinations(keys, 2))
    for a, b in result.pairs:
        result.degree[a] += 1
        result.degree[b] += 1
    return result


def aggregate(
    tallies: Iterable[MentionTally], figures: Iterable[FigureNote], resolution: Resolution
) -> Aggregates:
    """Every aggregate of a build, from its compact records and its resolution."""
    result = co_mentions(tallies, resolution)

    def place_of(note: FigureNote) -> str | None:
        entity = resolution.entity(note.ref.article, note.place)
        return entity.key if entity else None

    def source_of(note: FigureNote) -> str:
        entity = resolution.entity(note.ref.article, note.source)
        if entity is not None:
            return f"entity:{entity.key}"
        return f"outlet:{note.outlet.casefold()}" if note.outlet else f"article:{note.ref.article}"

    result.groups = group_figures(figures, place_of, source_of)
    return result
