"""A figure's period, place and source, chosen among candidates by rankers learned from gold.

The rules of `kg.extract` read each figure first; then, for each of the three choices, every candidate within
reach is described by features of the parse and scored by a binary logistic model ("is this the right one?"),
and the best-scoring candidate wins:

    period  every date expression of the sentence and of the sentence before (resolved to a calendar span by
            kg.periods), the period of the figure before, or none (the figure is then dated by the article)
    place   every place of the sentence and its paragraph, the article's most-named places, the title's and
            the dateline's, the place of the figure before, or none
    source  every person, agency, organisation and outlet of the sentence and its paragraph, the article's
            outlet, the source of the figure before, or no one

What the rules chose is one feature among others ("rule_agrees"), not a decision.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from kg.geo import country_words
from kg.learn import Example, LinearModel, fit_linear
from kg.nlp.doc_index import doc_text, entities_in

SECTIONS = ("figure_period", "figure_place", "figure_source")
SPEAKER_TYPES = ("Person", "Agency", "Organization", "Outlet")
_BASELINE = {"from", "than", "with", "against", "over", "since", "before", "after", "below", "above"}
_PREPOSITIONS = {"in", "on", "at", "for", "during", "of", "by", "from", "to", "since", "as", "until", "through", "over", "between"}


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-4" if n < 5 else "5-8" if n < 9 else "9-16" if n < 17 else "17+"


def path_length(a, b) -> int:
    """Dependency-tree steps between two tokens of one sentence (99 across sentences)."""
    up = {t.i: k for k, t in enumerate([a, *a.ancestors])}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return up[t.i] + k
    return 99


def _verb_of(token):
    """The verb a token's clause hangs on, or None."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
    return None


def _tense(verb) -> str:
    if verb is None:
        return "none"
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in ("will", "would", "could", "may", "might", "can") for c in aux):
        return "modal"
    tags = {verb.tag_, *(c.tag_ for c in aux)}
    if tags & {"VBD"}:
        return "past"
    if tags & {"VBP", "VBZ"}:
        return "present"
    return verb.tag_ or "none"


_DATELINE = re.compile(r"(?m)^(?=[A-Z][A-Z .'-]{2,}(?:,|\s+--|\s*[—–]))")


def named_countries(text: str) -> Counter:
    """The countries a text names, by name, alternate name or demonym ("Filipino workers" -> Philippines)."""
    pattern, table = country_words()
    return Counter(table[m.group()] for m in pattern.finditer(text))


def implied_places(text: str, mentions: list, figures: list) -> list:
    """Place mentions for the countries figures are placed in that the text names only by demonym or inside
    another name ("Filipino workers", "Statistics Korea"): one mention at the first such word."""
    from kg.records import Mention

    named = {m.name for m in mentions}
    pattern, table = country_words()
    wanted = {f.place for f in figures if f.place and f.place not in named}
    found = []
    for m in pattern.finditer(text) if wanted else ():
        if table[m.group()] in wanted:
            wanted.discard(table[m.group()])
            found.append(Mention(m.group(), m.start(), m.end(), "Place", table[m.group()], rule="demonym"))
    return found


def _number_token(doc, figure):
    """The token of a figure's number (the last numeric one of its text)."""
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return next((t for t in reversed(span) if t.like_num), span.root)


@dataclass
class Context:
    """What an article offers every figure: its places and speakers by frequency, title, dateline and outlet."""

    doc: object
    published: date | None
    fiscal: int
    mentions: list
    place_counts: Counter
    speaker_counts: Counter
    title_places: set[str]
    dateline_place: str | None
    outlet: str | None
    default_source: str | None
    paragraph_starts: list[int] = field(default_factory=list)
    by_demonym: set[str] = field(default_factory=set)  # countries named only by demonym or inside other names
    dateline_start: int | None = None  # where a line's dateline place stands ("SEOUL --", "LIMA, May 2 —")
    main_country: str | None = None  # the country the article names most, by name or demonym
    indexes: dict = field(default_factory=dict)  # worked out once per article: see `_mention_index`, `_ranks`

    def paragraph_start(self, offset: int) -> int:
        i = bisect_right(self.paragraph_starts, offset)  # the starts are in order
        return self.paragraph_starts[i - 1] if i else 0


def context_of(doc, article, mentions, sources: dict | None = None) -> Context:
    """Read once per article what its figures' candidates draw on."""
    from kg.extract.figure_periods import fiscal_start

    lines = {m.start() for m in _DATELINE.finditer(doc_text(doc))}
    line_place = next((m for m in mentions if m.type == "Place" and m.start in lines), None)
    places = Counter(m.name for m in mentions if m.type == "Place" and m is not line_place)
    countries = named_countries(doc_text(doc))
    by_demonym = {name: n for name, n in countries.items() if name not in places}  # "Filipino", "Statistics Korea"
    places.update(by_demonym)  # counted as the article's places, as if named
    speakers = Counter(m.name for m in mentions if m.type in SPEAKER_TYPES)
    title = article.title or ""
    title_places = {name for name in places if name in title or any(m.text in title for m in mentions if m.name == name and len(m.text) > 3)}
    title_places |= set(named_countries(title)) & set(places)
    head = doc_text(doc).lstrip()[:60]
    dateline = next((m.name for m in mentions if m.type == "Place" and m.start < 40 and m.text.isupper()), None)
    if dateline is None and re.match(r"^[A-Z][A-Za-z .'-]+,\s", head):
        dateline = next((m.name for m in mentions if m.type == "Place" and m.start < 25), None)
    dateline = dateline or (line_place.name if line_place else None)
    first_sentence = next(iter(doc.sents), None)
    default = sources.get(first_sentence.start) if sources and first_sentence is not None else None
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*", doc_text(doc))]
    main = max(countries, key=lambda name: (places[name], countries[name]), default=None)
    return Context(doc, article.published, fiscal_start(doc_text(doc)), mentions, places, speakers, title_places, dateline,
                   article.outlet, default, starts, set(by_demonym), line_place.start if line_place else None, main)


class Candidates:
    """Distinct candidate values, each with the union of its features."""

    def __init__(self):
        self.items: dict = {}

    def add(self, value, features: dict[str, float]) -> None:
        known = self.items.setdefault(value, {})
        for key, weight in features.items():
            known[key] = max(known.get(key, 0.0), weight)

    def finish(self, rule_value) -> list[tuple[object, dict[str, float]]]:
        if rule_value not in self.items:
            self.add(rule_value, {"kind=rule_only": 1.0})
        self.items[rule_value]["rule_agrees"] = 1.0
        return [(value, {k: v for k, v in features.items() if v} | {"bias": 1.0}) for value, features in self.items.items()]


# ---------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------


def period_candidates(ctx: Context, figure, token, earlier: list) -> list[tuple[object, dict]]:
    """Periods within reach of a figure: dates of its sentence and the sentence before, the period of the
    figure before and of the article's first dated figure (the story's period), and none (dated by the article)."""
    from kg.extract.figure_periods import _date_span, _subordinate
    from kg.periods import resolve_period

    doc = ctx.doc
    sent = token.sent
    verb = _verb_of(token)
    tense = _tense(verb)
    found = Candidates()
    common = {f"tense={tense}": 1.0}
    if re.search(r"\b(?:now|currently|still|so far|to date)\b", sent.text, re.I):
        common["present_word"] = 1.0
    if re.search(r"\b(?:a|an|per|each) (?:year|month|week|day)\b|\bannually\b", doc_text(doc)[figure.end : figure.end + 40]):
        common["rate"] = 1.0
    previous = earlier[-1] if earlier else None
    found.add(None, {"kind=none": 1.0, **common})
    last = (previous.period_start, previous.period_end) if previous and (previous.period_start or previous.period_end) else None
    sentences = [sent]
    if sent.start > 0:
        before = doc[sent.start - 1].sent
        if ctx.paragraph_start(before.start_char) == ctx.paragraph_start(sent.start_char):
            sentences.append(before)
    numbers_between = {t.i for t in sent if t.like_num and t.i != token.i}
    for where, s in zip(("sentence", "prev_sentence")[: len(sentences)], sentences, strict=True):
        for ent in entities_in(s):
            if ent.label_ != "DATE" or ent.start <= token.i < ent.end:
                continue
            start, end = _date_span(doc, s, ent)
            period = resolve_period(doc[start:end].text, ctx.published, previous=last, fiscal_start=ctx.fiscal)
            period = period or resolve_period(ent.text, ctx.published, previous=last, fiscal_start=ctx.fiscal)
            if period is None:
                continue
            features = {f"kind={where}": 1.0, **common}
            prev_word = doc[start - 1].lower_ if start > s.start else ""
            first_word = doc[start].lower_
            for word in {prev_word, first_word} & (_BASELINE | _PREPOSITIONS):
                features[f"prep={word}"] = 1.0
                if word in _BASELINE:
                    features["baseline"] = 1.0
            if re.search(r"\bcompared (?:with|to)\s*(?:the\s*)?$|\b(?:up|down|rise|fall|increase|decrease)\w* (?:\w+ )?from\s*$",
                         doc_text(doc)[max(s.start_char, ent.start_char - 40) : ent.start_char]):
                features["compared"] = 1.0
            if where == "sentence":
                gap = ent.start - token.i if ent.start > token.i else token.i - ent.end
                features["side=after" if ent.start > token.i else "side=before"] = 1.0
                features[f"dist={_bucket(gap)}"] = 1.0
                features[f"path={_bucket(path_length(token, ent.root))}"] = 1.0
                features["same_clause"] = float(verb is not None and _verb_of(ent.root) == verb)
                lo, hi = sorted((token.i, ent.start))
                features["number_between"] = float(any(lo < i < hi for i in numbers_between))
                features["subordinate"] = float(_subordinate(ent.root, token))
                features["first_date"] = float(ent == next(e for e in entities_in(s) if e.label_ == "DATE"))
            start_day, end_day = period
            if ctx.published and end_day and end_day > ctx.published:
                features["future"] = 1.0
            if ctx.published and end_day == ctx.published:
                features["to_published"] = 1.0
            length = (end_day - start_day).days if start_day and end_day else -1
            features["span=" + ("point" if length < 0 else "day" if length == 0 else "month" if length < 32
                                else "quarter" if length < 100 else "year" if length < 370 else "years")] = 1.0
            found.add(period, features)
    if last is not None:
        same_sentence = previous.evidence.start == sent.start_char
        kind = "prev_same_sentence" if same_sentence else "prev_figure"
        features = {f"kind={kind}": 1.0, **common}
        features["same_unit"] = float(previous.unit == figure.unit)
        features["same_paragraph"] = float(ctx.paragraph_start(previous.start) == ctx.paragraph_start(figure.start))
        features[f"gap={_bucket(len(re.findall(r'[.!?]', doc_text(doc)[previous.end : figure.start])))}"] = 1.0
        if re.fullmatch(r"\s*(?:to|and|-|–|or)\s*\W?", doc_text(doc)[previous.end : figure.start]):
            features["range_partner"] = 1.0
        found.add(last, features)
    lead = next(((f.period_start, f.period_end) for f in earlier if f.period_end), None)
    if lead is not None:
        found.add(lead, {"kind=story": 1.0, **common})
    dated = len(found.items) > 1 + (last is not None) + (lead is not None and lead != last)
    for features in found.items.values():
        features["sentence_dated"] = float(dated)
    rule = (figure.period_start, figure.period_end) if figure.period_start or figure.period_end else None
    return found.finish(rule)


def _prep_of(root) -> str | None:
    if root.dep_ == "pobj" and root.head.lower_ in _PREPOSITIONS:
        return root.head.lower_
    return None


def _mention_root(doc, mention):
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _mention_index(ctx: Context, types) -> tuple[list[int], list, list]:
    """The article's mentions of `types` (the dateline's excepted) in order, their starts, and the first mention
    of each name and type; once per article, so a figure's candidates cost what its paragraph holds."""
    key = ("mentions", tuple(types))
    if key not in ctx.indexes:
        kept = sorted((m for m in ctx.mentions if m.type in types and m.start != ctx.dateline_start), key=lambda m: m.start)
        first: dict = {}
        for m in kept:
            first.setdefault((m.name, m.type), m)
        ctx.indexes[key] = ([m.start for m in kept], kept, list(first.values()))
    return ctx.indexes[key]


def _ranks(ctx: Context, counts: Counter) -> dict[str, int]:
    """Each name's rank by count (0: the most named), once per article."""
    key = ("ranks", id(counts))
    if key not in ctx.indexes:
        ordered = sorted(counts.values(), reverse=True)
        ctx.indexes[key] = {name: ordered.index(count) for name, count in counts.items()}
    return ctx.indexes[key]


def _mentioned(ctx: Context, figure, token, types, counts: Counter, found: Candidates, prefix: str = "") -> None:
    """Mentions of `types` in the figure's sentence and in its paragraph before it, and the names met earlier."""
    doc = ctx.doc
    sent = token.sent
    paragraph = ctx.paragraph_start(sent.start_char)
    verb = _verb_of(token)
    top = counts.most_common(1)[0][1] if counts else 0
    starts, kept, first = _mention_index(ctx, types)
    for m in first:  # a dateline is where the story was filed, not a place the text speaks of: never a candidate
        if m.start >= paragraph:
            break
        found.add(m.name, {"kind=earlier": 1.0, f"type={m.type}": 1.0})
    for m in kept[bisect_left(starts, paragraph) : bisect_left(starts, sent.end_char)]:
        if sent.start_char <= m.start:
            root = _mention_root(doc, m)
            if root is None:
                continue
            features = {"kind=sentence": 1.0, f"type={m.type}": 1.0}
            gap = root.i - token.i
            features["side=after" if gap > 0 else "side=before"] = 1.0
            features[f"dist={_bucket(abs(gap))}"] = 1.0
            features[f"path={_bucket(path_length(token, root))}"] = 1.0
            features["same_clause"] = float(verb is not None and _verb_of(root) == verb)
            if prep := _prep_of(root):
                features[f"prep={prep}"] = 1.0
            if root.dep_ in ("nsubj", "nsubjpass"):
                features["subject"] = 1.0
                head = root.head
                if head.pos_ == "VERB":
                    features[f"subject_of={head.lemma_.lower() if head.lemma_.lower() in _SAYING else 'other'}"] = 1.0
            if root.dep_ == "poss" or doc_text(doc)[m.end : m.end + 2] in ("'s", "’s"):
                features["possessive"] = 1.0
            before = doc_text(doc)[max(sent.start_char, m.start - 16) : m.start].lower()
            if "according to" in before:
                features["according_to"] = 1.0
            if re.search(r"\bfrom\s+(?:the\s+)?$", before):
                features["from"] = 1.0
            if re.search(r"\b(?:in|at|inside)\s+(?:the\s+)?$", before):
                features["in"] = 1.0
            found.add(m.name, features)
        else:
            found.add(m.name, {"kind=paragraph": 1.0, f"type={m.type}": 1.0})
    ranks = _ranks(ctx, counts)
    for name, count in counts.items():
        rank = ranks[name]
        found.add(name, {f"article_rank={_bucket(rank)}": 1.0, "most_named": float(count == top),
                         f"count={_bucket(count)}": 1.0})


_SAYING = {"say", "tell", "report", "announce", "show", "estimate", "find", "state", "add", "note", "accord", "cite", "release"}


_NATION = re.compile(r"\b(?:the (?:nation|country)(?:'s|’s)?|nationwide|nationally|domestic)\b", re.I)
_MOTION = {"arrive", "land", "reach", "enter", "cross", "come", "flee", "go", "move", "return", "transfer", "send",
           "migrate", "travel", "disembark", "head", "escape", "relocate", "resettle", "bring", "take", "deport",
           "repatriate", "admit", "accept", "smuggle", "leave", "sail", "fly", "walk", "seek"}
_TOWARDS = {"to", "into", "in", "on", "at", "onto", "inside"}


def _counted(token):
    """The noun a figure's number counts ("2,500 migrants" -> migrants), or the number itself."""
    return token.head if token.dep_ in ("nummod", "quantmod", "compound") and token.head.pos_ in ("NOUN", "PROPN") else token


def _direction(token, root) -> dict[str, float]:
    """Whether a place of the figure's sentence is where its counted people or things go or come from, read from
    the preposition before it and what that preposition hangs on: a verb of motion ("arrived in", "fled from") or
    the counted noun itself ("migrants from")."""
    if root.dep_ != "pobj":
        return {}
    prep = root.head.lower_
    hangs = root.head.head
    counted = _counted(token)
    moves = hangs.pos_ in ("VERB", "AUX") and hangs.lemma_.lower() in _MOTION
    features = {}
    if prep == "from" or (prep == "of" and hangs.lower_ == "out"):
        features["origin"] = 1.0
        if moves:
            features["origin_of_motion"] = 1.0
        if counted.i in (hangs.i, hangs.head.i):
            features["origin_of_counted"] = 1.0
    elif prep in _TOWARDS and moves:
        features["destination"] = 1.0
    if moves:
        features["motion_verb"] = 1.0
    return features


def _number_start(doc, figure, token) -> int:
    """The index of a figure's first token ("1.5" of "1.5 million")."""
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    return min(span.start, token.i) if span is not None and len(span) else token.i


def _numbers_between(doc, start: int, end: int) -> bool:
    """Whether a number stands among the tokens start..end (another figure, a date)."""
    return any(t.like_num for t in doc[start:end])


def _sentence_places(ctx: Context, figure, token, found: Candidates) -> None:
    """Features that weigh a figure's sentence places against each other and against the article's: which one is
    nearest the number in the parse, which was named last before it, which stand right before and right after
    it with no other number between ("Chile at $7,990", "1,100 pesos in Santiago"), where the counted things go or
    come from (also for a country named by a demonym, "Italian shores"), and, for every other candidate, that the
    sentence names a place that is not it."""
    doc, sent = ctx.doc, token.sent
    starts, kept, _ = _mention_index(ctx, ("Place",))
    near: dict[str, tuple[int, int]] = {}
    last: tuple[int, str] | None = None
    first = _number_start(doc, figure, token)
    before: tuple[int, str] | None = None  # the last place ending before the figure, no other number between
    after: tuple[int, str] | None = None  # the first place after it, no other number between
    for m in kept[bisect_left(starts, sent.start_char) : bisect_left(starts, sent.end_char)]:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if span.end <= first and not _numbers_between(doc, span.end, first):
            before = max(before or (-1, ""), (span.end, m.name))
        elif span.start > token.i and (after is None or span.start < after[0]) \
                and not _numbers_between(doc, token.i + 1, span.start):
            after = (span.start, m.name)
        near[m.name] = min(near.get(m.name, (99, 99)), (path_length(token, root), abs(root.i - token.i)))
        if root.i < token.i:
            last = max(last or (-1, ""), (root.i, m.name))
        found.add(m.name, _direction(token, root))
        if root.dep_ == "pobj" and root.head.head.i in (token.i, _counted(token).i):  # "600 on Manus Island"
            found.add(m.name, {"on_number": 1.0})
        if token.i in {t.i for t in root.subtree} and path_length(token, root) <= 3:  # "Chile at $7,990"
            found.add(m.name, {"holds_number": 1.0})
    pattern, table = country_words()
    for match in pattern.finditer(sent.text):  # "Italian shores", "Syrian refugees": a country named by a word of it
        name = table[match.group()]
        span = doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
        if name in near or span is None or not len(span):
            continue
        word = span.root
        head = word.head if word.dep_ in ("amod", "compound", "nmod") else word
        found.add(name, {"sentence_demonym": 1.0, **_direction(token, head),
                         "demonym_of_counted": float(head.i == _counted(token).i)})
    if near:
        nearest = min(near, key=near.get)
        found.add(nearest, {"nearest_in_sentence": 1.0})
        if len(near) == 1:
            found.add(nearest, {"only_in_sentence": 1.0})
    if last is not None:
        found.add(last[1], {"last_before": 1.0})
    if before is not None:  # "Chile at $7,990"
        found.add(before[1], {"next_to_number": 1.0, "names_then_number": 1.0})
    if after is not None:  # "4,800 pesos in Santiago"
        found.add(after[1], {"next_to_number": 1.0, "number_then_names": 1.0})
    paragraph = kept[bisect_left(starts, ctx.paragraph_start(sent.start_char)) : bisect_left(starts, sent.start_char)]
    if paragraph and not near:  # the sentence names no place: the last one its paragraph named before it
        found.add(paragraph[-1].name, {"last_in_paragraph": 1.0})
    named_here = {m.name for m in paragraph} | set(near)
    for name, features in found.items.items():
        if near and name not in near and name is not None:
            features["sentence_names_other"] = 1.0
        if named_here and name not in named_here and name is not None:
            features["paragraph_names_other"] = 1.0


def place_candidates(ctx: Context, figure, token, earlier: list) -> list[tuple[object, dict]]:
    """Places within reach of a figure: of its sentence and paragraph, the article's most named, first named,
    title and dateline places, its main country, the place of the figure before, and none."""
    previous = earlier[-1] if earlier else None
    found = Candidates()
    found.add(None, {"kind=none": 1.0})
    sent = token.sent
    _mentioned(ctx, figure, token, ("Place",), ctx.place_counts, found)
    if ctx.main_country:  # "the nation", "nationwide": the country the story is about
        found.add(ctx.main_country, {"main_country": 1.0, "nation_word": float(bool(_NATION.search(sent.text)))})
    for name in ctx.title_places:
        found.add(name, {"in_title": 1.0})
    if ctx.dateline_place:  # where the story was filed: a city story's city, or a ministry's city in a country story
        named = ctx.dateline_place in ctx.place_counts
        found.add(ctx.dateline_place, {"dateline": 1.0, "dateline_only": float(not named),
                                       "dateline_in_country_story": float(ctx.main_country not in (None, ctx.dateline_place))})
    lead = next((m.name for m in ctx.mentions if m.type == "Place" and m.name != ctx.dateline_place), None)
    if lead:
        found.add(lead, {"first_named": 1.0})
    if ctx.place_counts:
        total = sum(ctx.place_counts.values())
        for name, count in ctx.place_counts.items():
            found.add(name, {"share_of_mentions": count / total})
    if previous is not None and previous.place:
        found.add(previous.place, {"prev_figure": 1.0, "prev_same_sentence": float(previous.evidence.start == figure.evidence.start)})
    for name in ctx.by_demonym:
        found.add(name, {"by_demonym": 1.0})
    _sentence_places(ctx, figure, token, found)
    countries = set(country_words()[1].values())
    for name, features in found.items.items():
        if name in countries:
            features["country"] = 1.0
    return found.finish(figure.place)


def source_candidates(ctx: Context, figure, token, earlier: list) -> list[tuple[object, dict]]:
    """Who may state a figure: the people and bodies of its sentence and paragraph and the article's most named,
    the article's outlet and default source, the source of the figure before, and no one."""
    previous = earlier[-1] if earlier else None
    found = Candidates()
    found.add(None, {"kind=none": 1.0})
    _mentioned(ctx, figure, token, SPEAKER_TYPES, ctx.speaker_counts, found)
    if ctx.outlet:
        found.add(ctx.outlet, {"article_outlet": 1.0})
    if ctx.default_source:
        found.add(ctx.default_source, {"default_source": 1.0})
    if previous is not None and previous.source:
        found.add(previous.source, {"prev_figure": 1.0, "prev_same_sentence": float(previous.evidence.start == figure.evidence.start)})
    return found.finish(figure.source)


CANDIDATES = {"figure_period": period_candidates, "figure_place": place_candidates, "figure_source": source_candidates}


def _apply(section: str, figure, value):
    """The figure with one choice replaced."""
    if section == "figure_period":
        start, end = value if value else (None, None)
        return replace(figure, period_start=start, period_end=end)
    return replace(figure, **{section.removeprefix("figure_"): value})


def best(model: LinearModel, candidates: list[tuple[object, dict]]):
    """The candidate the model scores highest (the first of equals)."""
    positive = model.classes[-1]
    scored = [(model.scores(features)[positive], -k, value) for k, (value, features) in enumerate(candidates)]
    return max(scored, key=lambda s: (s[0], s[1]))[2]


def choose_figures(doc, article, mentions, figures: list, choices, sources: dict | None = None) -> list:
    """The figures with period, place and source chosen by the learned rankers of `choices` (as the rules
    left them where a section is missing)."""
    models = {s: choices.get(s) for s in SECTIONS}
    if not figures or not any(models.values()):
        return figures
    ctx = context_of(doc, article, mentions, sources)
    chosen: list = []
    for figure in figures:
        token = _number_token(doc, figure)
        if token is not None:
            for section, model in models.items():
                if model is not None:
                    figure = _apply(section, figure, best(model, CANDIDATES[section](ctx, figure, token, chosen)))
        chosen.append(figure)
    return chosen


# ---------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------


def _gold_match(figures: list, gold_figures: list[dict]) -> list[dict | None]:
    """Each extracted figure's gold figure (by value, preferring the one whose evidence it shares), one to one."""
    used: set[int] = set()
    found: list[dict | None] = []
    for figure in figures:
        same = [k for k, g in enumerate(gold_figures) if k not in used and isinstance(g.get("value"), int | float)
                and abs(float(g["value"]) - figure.value) <= 1e-6 * max(1.0, abs(figure.value))]
        text = figure.evidence.text.lower()
        same.sort(key=lambda k: (gold_figures[k].get("evidence") or "").lower()[:40] not in text)
        if same:
            used.add(same[0])
            found.append(gold_figures[same[0]])
        else:
            found.append(None)
    return found


def _period_right(gold: dict, value, published: date | None) -> bool | None:
    """Whether a candidate period is the gold one; None when any would do (the gold has no period)."""
    from kg.evaluate_folder import period_ok

    start, end = value if value else (None, None)
    if "exact_period" in gold:  # kg-gold/1: the exact span
        want = tuple(gold["exact_period"])
        return (start.isoformat() if start else None, end.isoformat() if end else None) == want
    periods = [p for p in [gold.get("period"), *gold.get("period_alt", [])]]
    if not any(periods):
        return None
    s = start.isoformat() if start else ""
    e = end.isoformat() if end else ""
    if not s and not e:
        as_of = gold.get("as_of")
        s = e = published.isoformat() if published else ""
        if as_of:
            return False
    return any(p and period_ok(p, s, e) for p in periods)


def _entity_right(gold_doc: dict, gold: dict, key: str, value) -> bool | None:
    from kg.evaluate_folder import gold_names, norm

    wanted = [gold.get(key), *gold.get(f"{key}_alt", [])]
    if not any(wanted) and (key == "place" or "exact_period" not in gold):
        return None  # the scorer reads no place here (nor a realdev source)
    if value is None:
        return None in wanted
    entities = {e["name"]: e for e in gold_doc.get("entities", [])}
    for name in wanted:
        if name is None:
            continue
        names = gold_names(entities[name]) if name in entities else {norm(name)}
        if norm(value) in names:
            return True
    return False


def examples(analysed: list, gazetteer) -> dict[str, list[Example]]:
    """Candidates of every extracted figure that has a gold figure, labelled right ("1") or wrong ("0")."""
    from kg.extract import read_mentions
    from kg.extract.figures import extract_figures

    found: dict[str, list[Example]] = {s: [] for s in SECTIONS}
    for item in analysed:
        article, gold = item.document.article, item.document.gold
        mentions, locate, sources = read_mentions(item.doc, article, gazetteer)
        ctx = context_of(item.doc, article, mentions, sources)
        figures = extract_figures(item.doc, article, locate, sources)
        for k, (figure, g) in enumerate(zip(figures, _gold_match(figures, gold.get("figures", [])), strict=True)):
            token = _number_token(item.doc, figure)
            if g is None or token is None or g.get("optional"):
                continue
            for section in SECTIONS:
                candidates = CANDIDATES[section](ctx, figure, token, figures[:k])
                if section == "figure_period":
                    labels = [_period_right(g, value, article.published) for value, _ in candidates]
                else:
                    labels = [_entity_right(gold, g, section.removeprefix("figure_"), value) for value, _ in candidates]
                if None in labels or True not in labels or False not in labels:
                    continue  # nothing to learn: any would do, or none is right
                found[section] += [Example(item.document.group, features, "1" if right else "0")
                                   for (_, features), right in zip(candidates, labels, strict=True)]
    return found


def fit(section: str, items: list[Example]) -> LinearModel:
    """A binary ranker: the probability that a candidate is the right one."""
    model = fit_linear([e.features for e in items], [e.label for e in items], c=1.0)
    model.meta["section"] = section
    return model
