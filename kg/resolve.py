"""Decide which mentions are the same real entity: within an article (surnames, acronyms,
"the ministry", "the North") and across articles (aliases, spelling and romanisation variants).
One canonical `Entity` per real entity, with the rule behind every merge.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from sys import intern

from rapidfuzz.distance import OSA

from kg.gazetteer import Gazetteer, fold
from kg.nlp.entity_words import GENERIC_NAMES
from kg.records import Entity, Extraction, Mention

#: Head nouns of a description of a body ("the ministry", "the broadcaster"): the types it may stand for, and
#: patterns the name must and must not match ("the company" is no university); a description that repeats words
#: of a name ("the coast guard", "the country's immigration agency") needs no entry
_COMPANY = r"^(?!.*\b(?:university|college|school|institute|foundation|center|centre|council|association|committee|fund)\b)"
BODY_NOUNS = {
    **{word: (("Agency",), rf"\b{word}\b") for word in ("ministry", "department", "office", "bureau", "service")},
    "agency": (("Agency",), ""),
    **{word: (("Organization",), rf"\b{word}\b") for word in ("university", "institute", "panel", "party")},
    "organization": (("Organization",), ""),
    **dict.fromkeys(("website", "site", "broadcaster", "newspaper", "paper", "daily", "network"), (("Outlet",), "")),
    **dict.fromkeys(("company", "firm", "maker", "carrier", "lender"), (("Organization",), _COMPANY)),
    **dict.fromkeys(("group", "charity", "nonprofit"), (("Organization",), r"^(?!.*\b(?:university|college|school|inc|corp|co|ltd)\b)")),
}
_WORDS_FOR = {"spy": "intelligence"}  # a word of a description, and the word of the name it stands for
#: "the", "its", "their", "Japan's", "the country's", "the U.N.": what opens a description
_OPENING = r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[\w.]+[’']s)\s+((?:[A-Z][\w.]*\s+){0,3})"
_COUNTRY_DESCRIPTIONS = re.compile(
    r"\b[Tt]he (?:communist|reclusive|isolated|hermit) (?:nation|country|state|kingdom|regime)\b"
)


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-‐]+", name) if t]


def within_article(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Point short forms at the full entity they stand for, in place; add nominal mentions."""
    mentions.sort(key=lambda m: m.start)
    _acronyms(mentions, text)
    _bracketed_names(mentions, text)
    _initialisms(mentions)
    _honorifics(mentions, text)
    _surnames(mentions)
    _capitals(mentions, gazetteer)
    _nominals(mentions, text)
    _place_descriptions(mentions, text)
    _titles(mentions, text)
    _fragments(mentions)
    mentions[:] = [m for m in mentions if not _generic(m)]
    _majority_type(mentions)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _acronyms(mentions: list[Mention], text: str) -> None:
    """ "Korea Institute for Defense Analyses (KIDA)": KIDA names the same entity in this article."""
    defined: dict[str, Mention] = {}
    known = {m.start: m for m in mentions if m.rule == "gazetteer"}
    for mention in mentions:
        match = re.match(r"\s*\(([A-Z][A-Za-z&]{1,9})\)", text[mention.end : mention.end + 14])
        if match and len(_tokens(mention.name)) > 1:
            other = known.get(mention.end + match.start(1))
            if other and other.name != mention.name and match.group(1) not in initials(mention.text):
                continue  # "WASHINGTON (AP)": a wire credit the gazetteer knows, not an acronym of the place
            defined[match.group(1)] = mention
    if not defined:
        return
    taken = {(m.start, m.end) for m in mentions}
    at_span: dict[tuple[int, int], Mention] = {}  # the first mention of each span
    for m in mentions:
        at_span.setdefault((m.start, m.end), m)
    for acronym, full in defined.items():
        for match in re.finditer(rf"\b{re.escape(acronym)}\b", text):
            span = (match.start(), match.end())
            existing = at_span.get(span)
            if existing:
                existing.name, existing.type, existing.rule = full.name, full.type, "acronym"
            elif span not in taken:
                mentions.append(Mention(acronym, span[0], span[1], full.type, full.name, "acronym"))
                at_span.setdefault(span, mentions[-1])


def _bracketed_names(mentions: list[Mention], text: str) -> None:
    """ "Bangko Sentral ng Pilipinas (Central Bank)": a name in brackets right after another names the same entity,
    and so does every other mention of it in the article."""
    by_start = {m.start: m for m in mentions}
    renamed: dict[str, Mention] = {}
    for mention in mentions:
        match = re.match(r"\s*\(", text[mention.end : mention.end + 4])
        inner = by_start.get(mention.end + match.end()) if match else None
        if inner is None or text[inner.end : inner.end + 1] != ")" or inner.name == mention.name:
            continue
        if inner.rule != "model" or "Person" in (mention.type, inner.type) or not _same_kind(mention.type, inner.type):
            continue  # "WASHINGTON (AP)": a wire credit; "Jane Roe (Liberal)": a party after a person
        renamed[inner.name] = mention
    for mention in mentions:
        if mention.name in renamed and mention.rule in ("model", "gazetteer"):
            full = renamed[mention.name]
            mention.name, mention.type, mention.rule = full.name, full.type, "bracketed name"


def _same_kind(a: str, b: str) -> bool:
    """Types one body may be read as: a place is only a place; agency, organization and outlet blur."""
    return a == b or {a, b} <= {"Agency", "Organization", "Outlet"}


_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+$")


def _honorifics(mentions: list[Mention], text: str) -> None:
    """ "Ms Roe" makes Roe a person, and so the full name "Jane Roe" the model read as an organisation."""
    titled = {m.name for m in mentions if len(_tokens(m.name)) == 1 and _HONORIFIC.search(text[max(0, m.start - 6) : m.start])}
    for mention in mentions:
        if mention.name in titled:
            mention.type = "Person"
        parts = _tokens(mention.name)
        if mention.rule == "model" and 1 < len(parts) <= 3 and parts[-1] in titled and all(p.istitle() for p in parts):
            mention.type = "Person"


def _capitals(mentions: list[Mention], gazetteer: Gazetteer) -> None:
    """ "UNIFICATION MINISTRY" in a headline or credit is the Unification Ministry named in the text, and so is
    "SOUTH KOREA UNIFICATION MINISTRY": a known place before the name in capitals is dropped to compare."""
    names: dict[str, str] = {}
    for m in mentions:
        if not m.name.isupper():
            names.setdefault(m.name.casefold(), m.name)
            names.setdefault(m.text.casefold(), m.name)
    for mention in mentions:
        words = _tokens(mention.name)
        if not mention.name.isupper() or len(words) < 2:
            continue
        for k in range(len(words) - 1):
            place = gazetteer.lookup(" ".join(words[:k]).title()) if k else None
            if k and (place is None or place.type != "Place"):
                continue
            rest = " ".join(words[k:]).casefold()
            if rest in names:
                mention.name, mention.rule = names[rest], "capitals"
                break


def _generic(mention: Mention) -> bool:
    """A generic name ("Government", "Central Bank") that no rule tied to a named entity of the article."""
    return mention.rule == "model" and " ".join(_tokens(mention.name.lower())) in GENERIC_NAMES


@lru_cache(maxsize=65536)
def initials(name: str) -> frozenset[str]:
    """The acronyms a name can be written as: "National Intelligence Service" → NIS, "Ministry of Unification" →
    MOU and MU, "Department of Labor and Employment" → DOLE (some small words kept, others not), "United States" → US."""
    words = [w for w in re.split(r"[\s\-‐]+", name.replace("’", "'")) if w]
    if len(words) < 2:
        return frozenset()
    small = [i for i, w in enumerate(words) if w[0].islower()][:4]
    kept = [{i for j, i in enumerate(small) if mask >> j & 1} for mask in range(2 ** len(small))]
    found = {"".join(w[0] for i, w in enumerate(words) if w[0].isupper() or i in keep).upper() for keep in kept} - {""}
    capital = "".join(w[0] for w in words if w[0].isupper())
    if "." in words[0] and len(capital) > 3:  # "U.S. Customs and Border Protection" → CBP as well
        found.add(capital[1:])
    return frozenset(found)


def acronym_key(text: str) -> str | None:
    """ "NIS", "U.S.", "UNHCR" → the letters; None for anything that is not an acronym."""
    letters = text.replace(".", "")
    return letters if 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper() else None


def _initialisms(mentions: list[Mention]) -> None:
    """ "NIS" in an article that names the National Intelligence Service is that service."""
    full = [m for m in mentions if len(_tokens(m.name)) > 1]
    for mention in mentions:
        key = acronym_key(mention.name)
        if key is None or mention.rule == "acronym":
            continue
        match = next((m for m in full if key in initials(m.name) and m.type != "Person"), None)
        if match is not None:
            mention.name, mention.type, mention.rule = match.name, match.type, "acronym"


def _surnames(mentions: list[Mention]) -> None:
    """ "Kim" after "Kim Jong-un" is Kim Jong-un: the most mentioned full name with that surname so far."""
    full = [_tokens(m.name) for m in mentions if m.type == "Person" and len(_tokens(m.name)) > 1]
    people = {parts[0] for parts in full} | {parts[-1] for parts in full}
    for mention in mentions:  # "Choi" typed as an organisation by the model, in an article about Choi Min-seok
        if mention.type != "Person" and mention.rule == "model" and mention.name in people:
            mention.type = "Person"
    counts: Counter[str] = Counter()
    for mention in mentions:
        if mention.type != "Person":
            continue
        parts = _tokens(mention.name)
        if len(parts) > 1:
            counts[mention.name] += 1
            continue
        candidates = [name for name in counts if _tokens(name)[0] == parts[0] or _tokens(name)[-1] == parts[0]]
        if candidates:
            mention.name = max(candidates, key=lambda n: counts[n])
            mention.rule = "surname"
    # a surname used before any full name in the article still points at the full name used later
    for mention in mentions:
        if mention.type == "Person" and len(_tokens(mention.name)) == 1:
            later = [n for n in counts if _tokens(n)[0] == mention.name or _tokens(n)[-1] == mention.name]
            if len(later) == 1:
                mention.name, mention.rule = later[0], "surname"


def _stem(word: str) -> str:
    """A word without case and plural ending ("Refugees", "agencies")."""
    word = word.lower()
    return word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")


def _fitting(bodies: list[Mention], noun: str) -> list[Mention]:
    """The bodies a bare body noun ("the ministry", "the company") may stand for, in the order given."""
    kinds, pattern = BODY_NOUNS[noun]
    return [m for m in bodies if m.type in kinds and re.search(pattern, m.name.lower())]


@lru_cache(maxsize=4096)
def _name_words(names: tuple[str, ...]) -> frozenset[str]:
    """The stemmed words of names, worked out once per name (a long article repeats its bodies)."""
    return frozenset(_stem(w) for name in names for w in re.findall(r"[\w-]+", name))


def _described(words: list[str], names: tuple[str, ...]) -> bool:
    """Whether a description's words are words of a name ("coast guard" of "Japan Coast Guard"); its head noun
    may differ when it is a body noun and a word before it is the name's ("the refugee agency")."""
    named = _name_words(names)
    *modifiers, head = [_stem(_WORDS_FOR.get(w, w)) for w in words if w not in ("same", "said")] or [""]
    return all(w in named for w in modifiers) and (head in named or bool(modifiers) and words[-1] in BODY_NOUNS)


def _covered(mentions: list[Mention], text: str) -> bytearray:
    """The characters of the text a mention covers (1) or not (0): a description found later is checked against
    it in the time of its own length, and marks itself."""
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return taken


def _nominals(mentions: list[Mention], text: str) -> None:
    """Descriptions of a body named in the article: "the ministry" after the Ministry of Unification, "the
    company" after a company, "the coast guard" and "the country's immigration agency" before or after the name
    whose words they repeat; "the communist nation" for North Korea."""
    taken = _covered(mentions, text)
    bodies = [m for m in mentions if m.type in ("Agency", "Organization", "Outlet") and text[m.end : m.end + 1] != "-"]  # not "X-based"
    for mention in mentions:  # "Ministry officials said": a bare capitalised head noun
        head = mention.text.lower()
        if head in BODY_NOUNS and mention.rule == "model":
            previous = [m for m in _fitting(bodies, head) if m.end <= mention.start]
            if previous:
                mention.name, mention.type, mention.rule = previous[-1].name, previous[-1].type, "nominal"
    heads = set(BODY_NOUNS) | {_tokens(m.name)[-1].lower() for m in bodies}
    head = "(?:" + "|".join(sorted(map(re.escape, heads), key=len, reverse=True)) + ")"  # the shortest description
    description = re.compile(rf"{_OPENING}((?:(?!other\b|former\b|new\b|the\b|and\b)[a-z][a-z-]+\s+){{0,3}}?{head})\b"
                             rf"(?!\s+(?:of|for|{head})\b|-)")
    added = []
    for match in description.finditer(text):
        start, end = match.start(2), match.end(2)
        words = match.group(2).split()
        if any(taken[start:end]) or len(words) == 1 and (match.group(1) or words[0] not in BODY_NOUNS):
            continue  # "the news", "the UN agency": one word describes a body only if it is a body noun, alone
        if len(words) > 1 and text[end : end + 2] in ("'s", "’s"):
            continue  # "the coast guard’s regional office": a part of the body, which the relations read
        before = [m for m in bodies if m.end <= start]
        after = [m for m in bodies if m.start >= end] if len(words) > 1 else []  # "the agency" only looks back
        same = [m for m in before[::-1] + after if _described(words, (m.name, m.text))]
        if not same and len(words) == 1 and words[0] in BODY_NOUNS:  # "the group said": the last such body before,
            # not one in brackets ("gas (LNG) carriers")
            same = [m for m in _fitting(before, words[0])[::-1] if text[m.start - 1 : m.start] != "("]
        if same:
            added.append(Mention(text[start:end], start, end, same[0].type, same[0].name, "nominal"))
        elif words[-1] == "ministry" and len(words) == 2 and len(words[0]) > 3 and words[0] not in ("same", "said", "whole"):
            added.append(Mention(text[start:end], start, end, "Agency", f"{words[0].title()} Ministry", "description"))
        taken[start:end] = b"\x01" * (end - start)
    north = [m for m in mentions if m.name == "North Korea"]
    if north:
        for match in _COUNTRY_DESCRIPTIONS.finditer(text):
            if any(m.start <= match.start() for m in north):
                start = match.start() + 4
                added.append(
                    Mention(text[start : match.end()], start, match.end(), "Place", "North Korea", "description")
                )
    mentions.extend(added)


#: Head nouns of a description of a place ("the island", "the southern city")
PLACE_NOUNS = ("island", "city", "town", "village", "province", "region", "port", "county", "district")
_PLACE_NOUN = "(" + "|".join(PLACE_NOUNS) + ")"
_PLACE_DESCRIPTION = re.compile(
    rf"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+((?:[a-z][a-z-]+\s+){{0,2}}?{_PLACE_NOUN})\b(?!\s+of\b|[-’'])"
)


def _place_kinds(places: list[Mention], text: str) -> dict[str, set[str]]:
    """The place nouns the text itself uses for each place it names: "Cape Island", "the island of Cape",
    "Cape island", "Cape, a port city"."""
    kinds: dict[str, set[str]] = {}
    for m in places:
        found = kinds.setdefault(m.name, set())
        words = {w.lower() for w in m.text.split()}
        before = text[max(0, m.start - 40) : m.start]
        after = text[m.end : m.end + 40]
        found.update(noun for noun in PLACE_NOUNS if noun in words)
        if of := re.search(rf"\b{_PLACE_NOUN} of\s+$", before):
            found.add(of.group(1))
        if behind := re.match(rf"(?:\s+{_PLACE_NOUN}\b|,\s+an?\s+(?:[a-z-]+\s+){{0,2}}?{_PLACE_NOUN}\b)", after):
            found.add(behind.group(1) or behind.group(2))
    return kinds


def _place_descriptions(mentions: list[Mention], text: str) -> None:
    """ "the island", "the southern city": the last place named before that the text calls an island or a city
    ("the island of Lampedusa", "Christmas Island")."""
    places = [m for m in mentions if m.type == "Place"]
    if not places:
        return
    kinds = _place_kinds(places, text)
    taken = _covered(mentions, text)
    by_end = sorted(range(len(places)), key=lambda i: places[i].end)
    last: dict[str, int] = {}  # per place noun: the latest place (in the mentions' order) ending before the match
    seen = 0
    added = []
    for match in _PLACE_DESCRIPTION.finditer(text):  # matches come in the text's order
        start, end, noun = match.start(1), match.end(1), match.group(2)
        while seen < len(by_end) and places[by_end[seen]].end <= start:
            i = by_end[seen]
            for kind in kinds[places[i].name]:
                last[kind] = max(last.get(kind, -1), i)
            seen += 1
        if not any(taken[start:end]) and noun in last:
            added.append(Mention(text[start:end], start, end, "Place", places[last[noun]].name, "nominal"))
    mentions.extend(added)


_TITLE = re.compile(
    r"\b((?:[A-Z][a-z]+\s+)?(?:Minister|Secretary|President|Premier|Chancellor|Governor|Mayor|Commissioner|Chairman|Chairwoman"
    r"|Director|Ambassador|Spokesman|Spokeswoman))\s+$"
)


def _titles(mentions: list[Mention], text: str) -> None:
    """ "the interior minister", "the Home Secretary": the person named with that title ("Interior Minister Horst
    Seehofer"), the one named last before, else the first after."""
    titled: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.type == "Person" and (match := _TITLE.search(text[max(0, m.start - 40) : m.start])):
            titled.setdefault(match.group(1).lower(), []).append(m)
    taken = [(m.start, m.end) for m in mentions]
    for title, people in titled.items():
        # not "Quebec's immigration minister, Chantal Dubois": another office, or another person named with it
        for match in re.finditer(rf"(?<![’']s )\b(?i:{re.escape(title)})\b(?!,?\s+(?:of|for|[A-Z])|[’'-])", text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            before = [m for m in people if m.end <= start]
            mentions.append(Mention(text[start:end], start, end, "Person", (before[-1] if before else people[0]).name, "title"))
            taken.append((start, end))


def _fragments(mentions: list[Mention]) -> None:
    """ "Treasury" in an article naming the Treasury Department, "Commission" beside the European Commission: one word
    of exactly one longer agency, organization or outlet name in the same article is that name."""
    kinds = ("Agency", "Organization", "Outlet")
    longer: dict[str, str] = {m.name: m.type for m in mentions if m.type in kinds and len(_tokens(m.name)) > 1}
    for mention in mentions:
        word = mention.name
        if mention.rule != "model" or mention.type not in kinds or len(_tokens(word)) != 1 or word.isupper():
            continue  # acronyms have their own rules; a person's or a place's name is not a fragment
        names = [name for name in longer if word in _tokens(name)]
        if len(names) == 1:
            mention.name, mention.type, mention.rule = names[0], longer[names[0]], "short form"
    people = {t for m in mentions if m.type == "Person" and len(_tokens(m.name)) > 1 for t in _tokens(m.name)}
    for mention in mentions:  # "Hanbit said" after "Hanbit Heavy Industries": the company, though the model read a person
        word = mention.name
        if mention.rule != "model" or mention.type != "Person" or len(_tokens(word)) != 1 or word in people:
            continue
        names = [name for name in longer if _tokens(name)[0] == word]
        if len(names) == 1:
            mention.name, mention.type, mention.rule = names[0], longer[names[0]], "short form"
    short = {m.text: m for m in mentions if m.rule == "short form"}
    for mention in mentions:  # the same word the model typed otherwise elsewhere in the article ("Osaka-based Hoshino")
        if mention.rule == "model" and mention.type != "Person" and mention.text in short:
            mention.name, mention.type, mention.rule = short[mention.text].name, short[mention.text].type, "short form"


def _majority_type(mentions: list[Mention]) -> None:
    """One type per name within an article: the gazetteer's or the most frequent."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        weight = 3 if mention.rule in ("gazetteer",) else 1
        votes[mention.name][mention.type] += weight
    for mention in mentions:
        mention.type = votes[mention.name].most_common(1)[0][0]


_HEADS_OF = {"ministry", "department", "bureau", "office", "university", "institute", "council", "commission"}


def _head_first(key: str) -> str:
    """ "ministry of unification" → "unification ministry": the other word order of a one-topic name."""
    match = re.fullmatch(r"(\w+) of (\w+)", key)
    if match and match.group(1) in _HEADS_OF:
        return f"{match.group(2)} {match.group(1)}"
    return key


def slugify(label: str) -> str:
    """A lower-case ASCII slug for IRIs: "Lee Byung-ho" → "lee-byung-ho"."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "entity"


@lru_cache(maxsize=200_000)
def _compact(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(name))


def variant_keys(name: str) -> set[tuple]:
    """Blocking keys: two names that `is_variant` can accept share at least one (the same tokens but one,
    that one within one edit: a deletion neighbourhood; or the same letters however split into tokens),
    so variants are looked for among names that share a key instead of among all pairs."""
    tokens = [_compact(t) for t in _tokens(name)]
    keys: set[tuple] = {("joined", "".join(tokens))}
    for i, token in enumerate(tokens):
        rest = (*tokens[:i], None, *tokens[i + 1 :])
        keys.add((rest, token))
        keys.update((rest, token[:p] + token[p + 1 :]) for p in range(len(token)))
    return keys


def _candidates(names: list[str], others: list[str] | None = None) -> dict[int, set[int]]:
    """For each index into `names`, the indexes into `others` (default: `names`) that share a variant key."""
    pool = names if others is None else others
    index: dict[tuple, list[int]] = defaultdict(list)
    for number, name in enumerate(pool):
        for key in variant_keys(name):
            index[key].append(number)
    found: dict[int, set[int]] = defaultdict(set)
    for number, name in enumerate(names):
        for key in variant_keys(name):
            found[number].update(index.get(key, ()))
    return found


def is_variant(a: str, b: str) -> bool:
    """Two spellings of one name: Choson/Chosun Ilbo, Jang Song-taek/Jang Song-thaek, Ehwa/Ewha.
    Names differing in a short part (Kim Jong-un/Kim Jong-il) are different."""
    ta, tb = [_compact(t) for t in _tokens(a)], [_compact(t) for t in _tokens(b)]
    if len(ta) != len(tb) or len(ta) == 0:
        return "".join(ta) == "".join(tb) and len("".join(ta)) > 0
    edits = 0
    for x, y in zip(ta, tb, strict=True):
        if x == y:
            continue
        if OSA.distance(x, y) > 1:
            return False
        if min(len(x), len(y)) < 4 and not (min(len(x), len(y)) == 3 and len(x) != len(y)):
            return False
        edits += 1
    return edits <= 1


@dataclass
class Resolution:
    """Canonical entities and where each article's names point."""

    entities: dict[str, Entity] = field(default_factory=dict)
    index: dict[tuple[str, str], str] = field(default_factory=dict)  # (article id, name) -> entity key
    _names: tuple[int, dict] | None = field(default=None, repr=False, compare=False)  # see `named`

    def entity(self, article_id: str, name: str | None) -> Entity | None:
        if name is None:
            return None
        key = self.index.get((article_id, name))
        return self.entities.get(key) if key else None

    def named(self, kind: str, name: str) -> Entity | None:
        """The first entity of this type whose label or a surface form is `name` (any case)."""
        wanted = name.strip().casefold()
        if self._names is None or self._names[0] != len(self.entities):
            table: dict[tuple[str, str], Entity] = {}
            for entity in self.entities.values():
                for form in (entity.label, *entity.aliases):
                    table.setdefault((entity.type, form.casefold()), entity)
            self._names = (len(self.entities), table)
        return self._names[1].get((kind, wanted))


@dataclass(frozen=True)
class MentionTally:
    """What cross-article resolution needs of one article, and no more: its id and each distinct
    (name, surface form, type, rule) of its mentions with how often it occurs, in order of first use."""

    article_id: str
    mentions: tuple[tuple[str, str, str, str, int], ...]

    @classmethod
    def of(cls, extraction: Extraction) -> MentionTally:
        counts: Counter[tuple[str, str, str, str]] = Counter(  # interned: names, types and rules recur across articles
            (intern(m.name), intern(m.text), intern(m.type), intern(m.rule)) for m in extraction.mentions
        )
        return cls(extraction.article.id, tuple((*key, n) for key, n in counts.items()))


def resolve_corpus(extractions: list[Extraction], gazetteer: Gazetteer) -> Resolution:
    """Merge the names of all articles into canonical entities."""
    return resolve_tallies((MentionTally.of(x) for x in extractions), gazetteer)


def resolve_tallies(tallies: Iterable[MentionTally], gazetteer: Gazetteer) -> Resolution:
    """Merge the names of all articles, given as compact tallies in article order, into canonical entities."""
    # one group per name (gazetteer name where known), then merge spelling variants of the same type
    groups: dict[str, dict] = {}
    order: list[str] = []
    for tally in tallies:
        for name, text, kind, rule, count in tally.mentions:
            entry = gazetteer.lookup(name) or gazetteer.lookup(text)
            key = entry.name if entry else fold(name)
            group = groups.get(key)
            if group is None:
                group = groups[key] = {
                    "entry": entry,
                    "names": Counter(),
                    "types": Counter(),
                    "forms": Counter(),
                    "merges": set(),
                    "members": set(),
                }
                order.append(key)
            group["names"][name] += count
            group["types"][kind] += count
            group["forms"][text] += count
            group["members"].add((tally.article_id, name))
            if text != name:
                group["merges"].add((text, rule))
            if entry and name != entry.name:
                group["merges"].add((name, "gazetteer"))
    parent = {key: key for key in order}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    loose = [k for k in order if groups[k]["entry"] is None]
    near = _candidates(loose)  # all pairs in the same order as before, but only those that can be variants
    for i, a in enumerate(loose):
        for j in sorted(n for n in near[i] if n > i):
            b = loose[j]
            ta, tb = groups[a]["types"].most_common(1)[0][0], groups[b]["types"].most_common(1)[0][0]
            if ta == tb and find(a) != find(b) and is_variant(a, b):
                parent[find(b)] = find(a)
    known = [(number, fold(form)) for number, k in enumerate(order) if groups[k]["entry"] for form in groups[k]["entry"].forms]
    near = _candidates(loose, [form for _, form in known])
    for i, key in enumerate(loose):  # a loose name that is a variant of a gazetteer name joins it
        for number in sorted({known[j][0] for j in near[i]}):
            other = order[number]
            entry = groups[other]["entry"]
            if (
                any(is_variant(key, fold(form)) for form in entry.forms)
                and entry.type == groups[key]["types"].most_common(1)[0][0]
            ):
                parent[find(key)] = find(other)
                break

    def kind_of(key: str) -> str:
        entry = groups[key]["entry"]
        return entry.type if entry else groups[key]["types"].most_common(1)[0][0]

    def union(key: str, other: str, rule: str) -> None:
        if find(key) != find(other):
            for name in groups[key]["names"]:
                groups[key]["merges"].add((name, rule))
            parent[find(key)] = find(other)

    by_order = {_head_first(k): k for k in order if _head_first(k) != k}
    for key in order:  # "Unification Ministry" and "Ministry of Unification"
        other = by_order.get(key)
        if other is not None and kind_of(key) == kind_of(other) and find(key) != find(other):
            loose, fixed = (key, other) if groups[key]["entry"] is None else (other, key)
            union(loose, fixed, "word order")
    for key in order:  # "NIS" and "National Intelligence Service", "U.S." and "United States"
        letters = acronym_key(next(iter(groups[key]["names"])))
        if letters is None or groups[key]["entry"] is not None:
            continue
        expansions = {
            find(k)
            for k in order
            if k != key and kind_of(k) != "Person" and any(letters in initials(n) for n in groups[k]["names"])
        }
        if len(expansions) == 1:
            union(key, expansions.pop(), "acronym")

    clusters: dict[str, list[str]] = defaultdict(list)
    for key in order:
        clusters[find(key)].append(key)
    resolution = Resolution()
    used_slugs: set[str] = set()
    for root, keys in clusters.items():
        entry = next((groups[k]["entry"] for k in keys if groups[k]["entry"]), None)
        names: Counter[str] = sum((groups[k]["names"] for k in keys), Counter())
        types: Counter[str] = sum((groups[k]["types"] for k in keys), Counter())
        forms: Counter[str] = sum((groups[k]["forms"] for k in keys), Counter())
        label = entry.name if entry else max(names, key=lambda n: (names[n], len(n)))
        full = [k for k in keys if not any(acronym_key(n) for n in groups[k]["names"])]
        if not entry and full and len(full) < len(keys):  # the full name's type, not the acronym's
            types = sum((groups[k]["types"] for k in full), Counter())
            names = sum((groups[k]["names"] for k in full), Counter())
            label = max(names, key=lambda n: (names[n], len(n)))
        kind = entry.type if entry else types.most_common(1)[0][0]
        slug = slugify(label)
        if slug in used_slugs:
            slug = f"{slug}-{kind.lower()}"
        used_slugs.add(slug)
        entity = Entity(
            key=slug,
            label=label,
            type=kind,
            aliases=set(forms) | set(names),
            wikidata=entry.wikidata if entry else None,
            mentions=sum(forms.values()),
        )
        for k in keys:
            entity.merges.extend(sorted(groups[k]["merges"]))
            if k != root or (groups[k]["entry"] is None and len(keys) > 1):
                for name in groups[k]["names"]:
                    if name != label:
                        entity.merges.append((name, "spelling variant"))
            for member in groups[k]["members"]:
                resolution.index[member] = slug
        entity.merges = sorted(set(entity.merges))
        resolution.entities[slug] = entity
    return resolution


MERGES_FILE = "merges.json"
MERGES_FORMAT = "kg-merges/1"


def merges_record(resolution: Resolution) -> dict:
    """Every entity's surface forms and the rule that merged each into it, as JSON-ready data (DIR/merges.json)."""
    entities = [
        {
            "key": e.key,
            "label": e.label,
            "type": e.type,
            "mentions": e.mentions,
            "merges": [{"form": form, "rule": rule} for form, rule in sorted(set(e.merges))],
        }
        for e in sorted(resolution.entities.values(), key=lambda e: e.key)
    ]
    return {"format": MERGES_FORMAT, "entities": entities}
