"""Relations between named entities, stated in one sentence: memberOf, leads, relativeOf, locatedIn, defectedTo."""

from __future__ import annotations

import re

from kg.extract.common import KIN, Locator, evidence_of, readable_sentences
from kg.extract.roles import (
    GENERIC_ORGS,
    LEADS,
    ORGANISATIONS,
    ROLE_WORDS,
    agent_noun_of,
    body_called,
    fuller,
    named_by,
    named_for,
    role_head,
    subject_of,
)
from kg.geo import within
from kg.geo import country_words
from kg.nlp import TITLES
from kg.nlp.doc_index import doc_text
from kg.records import Mention, Relation

#: "X, chief of the NIS", "X, director of the city’s Office of Budget" (an unnamed owner on the way)
_APPOSITION = re.compile(
    r"^,\s+(?:(?:a|an|the)\s+)?(?P<role>[^,;“”\"()]{1,70}?)\s+(?:of|at|with|for|from|in)\s+(?:the\s+)?(?:[a-z]+[’']s\s+)?(?:(?:ruling|main|opposition|conservative|liberal|state-run|state|governing)\s+)*$"
)
#: "X is a senior fellow at Y", "X was the director of Y": the role as a predicate noun
_COPULAR_ROLE = re.compile(r"\s+(?:is|was)\s+(?:a|an|the)\s+(?P<role>[a-z][a-z\s-]{0,40}?)\s+(?:of|at|with|for)\s+(?:the\s+)?")
#: "NIS chief Lee", "BAMF President Klaus Riedel": a title is capitalised before a name
_PREFIX_ROLE = re.compile(
    rf"(?P<role>(?<![’'])\b(?:[Ff]ormer\s+|[Ss]enior\s+|[Dd]eputy\s+|[Vv]ice\s+)*(?:[a-z\-]+\s+)?(?i:{ROLE_WORDS})),?\s+$"
)
#: "Spokane Mayor X", "Osaka Governor X": the head of a city or region
_PLACE_TITLE = r"\s+(?P<role>[Mm]ayor|[Gg]overnor)\s+$"
_PLACE_HEAD = re.compile("^" + _PLACE_TITLE)
#: "Councilman X": a member of the council the article names
_BODY_TITLE = re.compile(r"(?:^|[\s(“\"])(?P<body>[Cc]ouncil|[Aa]ssembly)(?:man|woman|lor|member|person)\s+$")
#: "X, head of the North Korea department at Y", "X, a senior official in North Korea’s ruling Y", "X, a researcher at
#: the Seoul-based Y": places on the way
_APPOSITION_ACROSS = re.compile(
    r"^,\s+(?:(?:a|an|the)\s+)?(?P<role>[^,;“”\"()]{1,90}?)\s+(?:of|at|with|for|in)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.\- ]{1,30}(?:[’']s|-based)\s+)?(?:(?:ruling|main|opposition|state-run|state|governing)\s+)*$"
)
#: "X studies law at Y", "X, who teaches at Y", "X, a former minister who now works at Y"
_WORKS_AT = re.compile(
    r"(?:,\s+(?:a|an)\s+[a-z][a-z\s-]{0,50}?)?(?:,?\s+who)?,?\s+(?:now\s+|also\s+|currently\s+|still\s+)?"
    r"(?P<verb>stud(?:ies|ied)|teach(?:es)?|taught|lectures|lectured|works|worked)\s+(?:[a-z]+\s+){0,3}?(?:at|for)\s+(?:the\s+)?"
)
_ROLE_CLAUSE = re.compile(r"\b(?:who|which|that|when|after|before|since|while|said|says|is|was|are|were|has|had)\b")
_CLAUSE_WORDS = re.compile(r"\b(?:who|which|that|and|or|but|when|after|before|since|while|said|says)\b")
_OF_ORG = re.compile(
    r"^\s+of\s+(?:the\s+)?(?:(?:ruling|main|opposition|conservative|liberal|state-run|governing)\s+)*$"
)
_KIN_WORDS = "|".join(sorted(KIN, key=len, reverse=True))
_ROLE_TITLE = re.compile(
    rf"(?:^|[\s(“\"])(?P<former>[Ff]ormer\s+|[Ee]x-)?(?P<rank>(?:[Dd]eputy|[Vv]ice|[Aa]ssistant)\s+)?(?P<qual>(?:[A-Z][a-z]+\s+){{0,1}}[A-Za-z][a-z]+)\s+"
    rf"(?P<role>(?i:(?:deputy\s+|vice\s+|senior\s+)?(?:{ROLE_WORDS})))\s+$"
)
_SUB_UNIT = re.compile(
    r"^[’']s\s+(?:[\w-]+\s+){0,4}?(?:program|programme|project|division|desk|unit|team|initiative|studies|lab|laboratory)\b"
)
_PLACE_NOUNS = r"resort|region|province|prefecture|county|district|city|town|village|port|island|mount|mountains|coast|area|zone"
_DIRECTIONS = r"(?:north|south|east|west|central|northern|southern|eastern|western|(?:north|south)(?:east|west)(?:ern)?)"
#: "the Chinese city of", "the Russian ports of Nakhodka and"
_DEMONYM_PLACE = re.compile(r"\b(?P<people>(?:North |South )?[A-Z][a-z]+)\s+(?:border\s+)?(?:city|port|town)s?\s+of\s+(?:[A-Z][\w-]*\s+and\s+)?$")
#: "his late father", "her only son", "their only surviving daughter"
_KIN_ADJECTIVES = r"(?:(?:only|surviving|late|younger|older|elder|eldest|youngest|oldest)\s+){0,2}"


def extract_relations(doc, locate: Locator) -> list[Relation]:
    """Relations stated in a sentence between two named entities, by pattern over text and parse."""
    relations: list[Relation] = []
    seen: set[tuple[str, str, str, str | None]] = set()

    def add(subject: Mention, predicate: str, obj: Mention, sent, role: str | None, rule: str, confidence: float):
        if subject.name == obj.name:
            return
        key = (subject.name, predicate, obj.name, role)  # the same pair in other role words is kept
        if key in seen or (predicate == "relativeOf" and (obj.name, predicate, subject.name, role) in seen):
            return
        seen.add(key)
        relations.append(Relation(subject.name, predicate, obj.name, evidence_of(sent), role, confidence, rule))

    all_mentions = locate.mentions

    def locate_name(name: str) -> Mention | None:
        return next((m for m in all_mentions if m.name == name), None)

    def membership(person: Mention, org: Mention, role: str | None, sent, rule: str, confidence: float, heads=False, one_of=False):
        head = role_head(role) if role else None
        leads = not one_of and (
            heads
            or head in LEADS
            and not re.match(r"(?:former\s+)?(?:deputy|vice|assistant)\b", (role or "").lower())
        )
        # "director of the Korea program at Y", "director of Y's Korea program": a part of Y, not Y, is led
        if leads and (
            re.search(rf"\b{re.escape(head or '')}\s+(?:of|for)\b", (role or "").lower())
            or _SUB_UNIT.match(doc_text(doc)[org.end : org.end + 60])
        ):
            leads = False
        org = fuller(org, all_mentions)
        add(person, "leads" if leads else "memberOf", org, sent, role.lower() if role else None, rule, confidence)

    previous_orgs: list[Mention] = []
    previous_subject: Mention | None = None  # the person the previous sentence is about
    previous_body: Mention | None = None  # the organisation it is about
    for sent in readable_sentences(doc):
        mentions = locate.within(sent.start_char, sent.end_char)
        for i, person in enumerate(mentions):
            if person.type != "Person":
                continue
            text_before = doc_text(doc)[max(sent.start_char, person.start - 70) : person.start]
            # "NIS chief Lee Byung-ho", "Saenuri Party lawmaker Bae Jin-sook"
            if match := _PREFIX_ROLE.search(text_before):
                org_end = person.start - len(match.group(0))
                org = next(
                    (m for m in mentions if m.type in ORGANISATIONS and m.end <= org_end and org_end - m.end <= 2),
                    None,
                )
                if org is not None:
                    role = match.group("role").strip()
                    if re.search(
                        r"\b(?:[Ff]ormer|[Ee]x-)\s*(?:the\s+)?$", doc_text(doc)[max(0, org.start - 12) : org.start]
                    ):
                        role = "former " + role  # "Former NIS chief Lee Byung-ho": a former role is still a role
                    if rank := re.search(r"\b(?:[Dd]eputy|[Vv]ice|[Aa]ssistant)\s+$", doc_text(doc)[max(0, org.start - 10) : org.start]):
                        role = rank.group(0).strip().lower() + " " + role  # "Deputy Treasury Secretary X"
                    membership(person, org, role, sent, "role-before-name", 0.9)
            # "Foreign Minister Yun Byung-se", "ministry spokesman Jeong Joon-hee": the organisation named in the article
            if (title := _ROLE_TITLE.search(text_before)) and not _PLACE_HEAD.match(" " + title.group("role") + " ") and not (
                match
                and any(
                    m.type in ORGANISATIONS and 0 <= person.start - len(match.group(0)) - m.end <= 2 for m in mentions
                )
            ):
                # "North Korea’s Defense Minister X" is not the minister of the ministry an article names
                foreign = re.search(r"[’']s\s*$", text_before[: title.start("qual")])
                org = (
                    None
                    if foreign
                    else named_for(title.group("qual"), person.start, all_mentions, title.group("role"))
                )
                if org is not None:
                    rank = (title.group("rank") or "").lower()  # "Vice Unification Minister X": a vice minister
                    role = ("former " if title.group("former") else "") + rank + title.group("role").lower()
                    membership(person, org, role, sent, "title-before-name", 0.8)
            # "Councilman Dave Ortega": the council named in the article
            if (title := _BODY_TITLE.search(text_before)) and (
                org := named_for(title.group("body"), person.start, all_mentions)
            ):
                membership(person, org, title.group(0).strip(" (“\"").lower(), sent, "body-title-before-name", 0.75)
            # "Spokane Mayor Teresa Vance": she leads the city
            place = mentions[i - 1] if i and mentions[i - 1].type == "Place" else None
            if place is not None and (head := _PLACE_HEAD.match(doc_text(doc)[place.end : person.start])):
                add(person, "leads", place, sent, head.group("role").lower(), "place-title-before-name", 0.8)
            elif head := re.search(r"\b(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)" + _PLACE_TITLE, text_before):
                # the city the dateline names ("SPOKANE, Wash. — … Spokane Mayor X") where the tagger missed it here
                named = head.group("place").lower()
                place = next((m for m in all_mentions if m.type == "Place" and named in (m.name.lower(), m.text.lower())), None)
                if place is not None:
                    add(person, "leads", place, sent, head.group("role").lower(), "place-title-before-name", 0.75)
            # "The Hanbit Foundation’s director Oh Sung-min", "the center’s director, Yoon"
            owned = re.search(
                rf"\b(?:[Tt]he|[Ii]ts)\s+(?P<noun>{GENERIC_ORGS})[’']s\s+(?P<role>(?:(?:former|senior|deputy|vice|chief|top|under|assistant|acting|executive)\s+)*(?:{ROLE_WORDS})),?\s+$",
                text_before,
            )
            if owned:
                org = named_for(owned.group("noun"), person.start, all_mentions)
                if org is not None:
                    membership(person, org, owned.group("role"), sent, "generic-possessive-role", 0.75)
            # "Its leader, Hwang Pyong-so": the organisation of the previous sentence
            if (match := re.search(rf"\b[Ii]ts\s+(?P<role>{ROLE_WORDS}),?\s+$", text_before)) and previous_orgs:
                # the organisation the previous sentence is about, else the last one it names
                owner = previous_body if previous_body in previous_orgs else previous_orgs[-1]
                membership(person, owner, match.group("role"), sent, "its-role", 0.7)
            # "his father Kim Jong-il", "Kim’s uncle and one-time adviser Jang Song-taek"
            if match := re.search(
                rf"\b(?:(?P<his>[Hh]is|[Hh]er)|(?P<owner>[A-Z][\w-]*)[’']s)\s+{_KIN_ADJECTIVES}(?P<kin>{_KIN_WORDS})(?:\s+and\s+[\w\s-]{{1,40}}?)?,?\s+$",
                text_before,
            ):
                owner_end = person.start - len(match.group(0))
                if match.group("owner"):
                    owner = locate.at(owner_end + match.start("owner") - match.start())
                elif previous_subject is not None and not doc_text(doc)[sent.start_char : owner_end].strip(" “\"\n"):
                    owner = previous_subject  # "Ri lives with her daughter, Kang. Her brother, X,": Ri's brother
                else:
                    owner = locate.before(owner_end + 1, ("Person",))
                if owner is not None and owner.type == "Person" and owner.name != person.name:
                    add(person, "relativeOf", owner, sent, match.group("kin"), "kinship-possessive", 0.8)
            # "Kim Hye-sook, whose brother Kim Chol-ho defected": the person before "whose"
            if whose := re.search(rf",\s+whose\s+{_KIN_ADJECTIVES}(?P<kin>{_KIN_WORDS}),?\s+$", text_before):
                owner = locate.before(person.start - len(text_before) + whose.start() + 1, ("Person",))
                if owner is not None and owner.end == person.start - len(text_before) + whose.start():
                    add(person, "relativeOf", owner, sent, whose.group("kin"), "kinship-whose", 0.8)
            # "Their mother, Choi Ok-sun": "their" is the brothers or sisters just named
            if their := re.search(rf"\b[Tt]heir\s+{_KIN_ADJECTIVES}(?P<kin>{_KIN_WORDS}),?\s+$", text_before):
                kin = their.group("kin")
                siblings = [
                    r for r in relations if r.predicate == "relativeOf" and re.search(r"\b(?:brother|sister)$", r.role or "")
                ]
                if siblings and person.name not in (siblings[-1].subject, siblings[-1].object):
                    for name in (siblings[-1].object, siblings[-1].subject):
                        add(person, "relativeOf", locate_name(name), sent, kin, "kinship-their", 0.7)
            # "Hong Yong-pyo, the unification minister,", "Kim, the ministry spokeswoman,"
            title = re.match(
                rf",\s+(?:the\s+)?(?P<former>former\s+)?(?P<qual>[a-z]+)\s+(?P<role>(?:deputy\s+|vice\s+)?(?:{ROLE_WORDS}))\s*[,.;]",
                doc_text(doc)[person.end : sent.end_char],
            )
            if title:
                org = named_for(title.group("qual"), person.start, all_mentions, title.group("role"))
                if org is not None:
                    role = (title.group("former") or "") + title.group("role")
                    membership(person, org, role, sent, "apposition-title", 0.75)
            # "Chung, a senior researcher at the foundation,", "a spokeswoman for the coast guard’s regional office"
            generic = re.match(
                r",\s+(?:a|an|the)\s+(?P<role>[a-z][a-z\s-]{0,40}?)\s+(?:at|of|for|with)\s+the\s+"
                r"(?P<noun>[a-z]+(?:\s+[a-z]+)?)(?=[’']s\b|\s*[,.;]|\s+(?:in|who|which|and)\b)",
                doc_text(doc)[person.end : sent.end_char],
            )
            if generic and role_head(generic.group("role")) and not locate.at(person.end + generic.start("noun")):
                org = body_called(generic.group("noun"), person.start, all_mentions)
                if org is not None:  # "director of the institute’s Korea program" heads the program, not the institute
                    unit = bool(re.match(r"[’']s\b", doc_text(doc)[person.end + generic.end() :]))
                    one_of = unit or generic.group(0).startswith((", a ", ", an "))
                    membership(person, org, generic.group("role"), sent, "apposition-role-at-generic", 0.75, one_of=one_of)
            # "Yoon Yeo-sang, the center’s director": the organisation the article named before
            owned = re.match(
                rf",\s+(?:the|its)\s+(?P<noun>{GENERIC_ORGS})[’']s\s+(?P<role>(?:(?:former|senior|deputy|vice|chief|top|under|assistant|acting|executive)\s+)*(?:{ROLE_WORDS}))\b",
                doc_text(doc)[person.end : sent.end_char],
            )
            if owned:
                org = named_for(owned.group("noun"), person.start, all_mentions)
                if org is not None:
                    membership(person, org, owned.group("role"), sent, "apposition-generic-possessive-role", 0.75)
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt is None:
                continue
            between = re.sub(r"^,\s+\d{1,3}(?=,)", "", doc_text(doc)[person.end : nxt.start])  # "Park, 45, a researcher at"
            after_next = doc_text(doc)[nxt.end : nxt.end + 30]
            if nxt.type == "Place":
                later = next((m for m in mentions[i + 1 :] if m.type != "Place"), None)
                match = (
                    _APPOSITION_ACROSS.match(doc_text(doc)[person.end : later.start])
                    if later is not None and later.type in ORGANISATIONS
                    else None
                )
                if match and role_head(match.group("role")) and not _CLAUSE_WORDS.search(match.group("role")):
                    membership(person, later, match.group("role").strip(), sent, "apposition-across-place", 0.8)
                # "Pastor Lee of the Daegu-based Y Church": "of" the organisation behind its base
                if (
                    later is not None
                    and later.type in ORGANISATIONS
                    and re.fullmatch(r"\s+of\s+(?:the\s+)?", between)
                    and re.fullmatch(r"-based\s+(?:[a-z]+\s+){0,2}", doc_text(doc)[nxt.end : later.start])
                ):
                    title = re.search(r"([A-Z][a-z]+\.?)\s+$", text_before)
                    membership(person, later, TITLES.get(title.group(1).lower()) if title else None, sent, "name-of-based-organization", 0.75)
            if nxt.type in ORGANISATIONS:
                # "Lee Byung-ho, chief of the NIS", "Lee is a senior fellow at the NIS" (copular, same role)
                match = _APPOSITION.match(between) or _COPULAR_ROLE.fullmatch(between)
                unit = mentions[i + 2] if i + 2 < len(mentions) else None
                # not "X, a former minister who now works at Y", "X, is a party official in Y": a clause, not a role
                if match and role_head(match.group("role")) and not _ROLE_CLAUSE.search(match.group("role")):
                    role = match.group("role").strip()
                    if unit is not None and unit.type in ORGANISATIONS and re.fullmatch(r"[’']s\s+", doc_text(doc)[nxt.end : unit.start]):
                        # "director general of the ministry’s Resettlement Support Bureau": heads the bureau, in the ministry
                        membership(person, unit, role, sent, "apposition-unit", 0.85)
                        add(person, "memberOf", fuller(nxt, all_mentions), sent, role.lower(), "apposition-unit", 0.8)
                    else:  # "X, a director at Y" is one of its directors, not its head
                        one_of = bool(re.match(r"(?:,|\s+(?:is|was))\s+an?\s+(?!former\b)", between))
                        membership(person, nxt, role, sent, "apposition", 0.9, one_of=one_of)
                # "Hwang Jang-yop, a senior Workers Party secretary", "Troy Miller, acting CBP commissioner"
                match = re.match(r"^,\s+(?:(?:a|an|the)\s+)?((?:(?:former|senior|top|deputy|vice|acting)\s+)*)$", between)
                role = re.match(r"^\s+([a-z][a-z\-]+(?:\s+[a-z][a-z\-]+)?)", after_next)
                head = role_head(role.group(1)) if role else None
                if match and role and head is None and agent_noun_of(doc, nxt, person):
                    head = role.group(1).split()[0]  # "Hwang Jang-yop, the Workers’ Party ideologue"
                if match and role and head:
                    membership(person, nxt, match.group(1) + head, sent, "apposition-organisation-role", 0.85)
                # "Kim Eun-ji, the Ministry of Unification’s spokeswoman"
                if re.fullmatch(r",\s+(?:the\s+)?", between):
                    # "Anna Nowak, the European Commission’s migration commissioner": a field word before the role;
                    # "Park, Daily NK’s founder and president"
                    owned = re.match(
                        rf"^[’']s\s+(?P<role>(?:(?:former|senior|deputy|vice|chief|top|under|assistant|acting|executive)\s+)*(?:[a-z]+\s+(?:and\s+)?)?(?:{ROLE_WORDS}))\b",
                        doc_text(doc)[nxt.end : nxt.end + 50],
                    )
                    if owned and role_head(owned.group("role")):
                        membership(person, nxt, owned.group("role"), sent, "apposition-possessive-role", 0.85)
                # "Choi Hae-rim, who served as the Foreign Ministry’s deputy minister"
                if re.fullmatch(
                    r",\s+who\s+(?:serves|served|works|worked|is|was|has\s+been|had\s+been)\s+as\s+(?:the\s+)?", between
                ):
                    owned = re.match(
                        rf"^[’']s\s+(?P<role>(?:(?:former|senior|deputy|vice|chief|top|under|assistant|acting|executive)\s+)*(?:{ROLE_WORDS}))\b",
                        after_next,
                    )
                    if owned:
                        membership(person, nxt, owned.group("role"), sent, "who-served-as", 0.8)
                # "Jeon Mi-ra, who was appointed head of the Korea Hana Foundation last year", "who serves as director of Y"
                appointed = re.fullmatch(
                    r",\s+who\s+(?:was|has\s+been|is|had\s+been)\s+(?:appointed|named|elected|made)\s+(?:as\s+)?(?:its\s+|the\s+)?"
                    r"(?P<role>[a-z][a-z\s-]{0,40}?)\s+(?:of|at|for)\s+(?:the\s+)?"
                    r"|,\s+who\s+(?:serves|served|has\s+served)\s+as\s+(?:the\s+)?(?P<served>[a-z][a-z\s-]{0,40}?)\s+(?:of|at|for)\s+(?:the\s+)?",
                    between,
                )
                if appointed and role_head(role := appointed.group("role") or appointed.group("served")):
                    membership(person, nxt, role, sent, "who-was-appointed", 0.8)
                # "Kim Young-hee, who now works for the Citizens’ Alliance"
                if re.fullmatch(
                    r",\s+who\s+(?:now\s+|also\s+|currently\s+|still\s+)?(?:works|worked|work)\s+(?:for|at|with)\s+(?:the\s+)?",
                    between,
                ):
                    membership(person, nxt, None, sent, "who-works-for", 0.75)
                # "Prof. Jeong, who teaches education policy at Kyungin University", "Lee studies law at Y University"
                if works := _WORKS_AT.fullmatch(between):
                    title = re.search(r"([A-Z][a-z]+\.?)\s+$", text_before)
                    role = TITLES.get(title.group(1).lower()) if title else None
                    if works.group("verb").startswith("stud") and re.search(r"\b(?:university|college)\b", nxt.name.lower()):
                        role = "student"
                    membership(person, nxt, role, sent, "works-at", 0.75)
                # "Prof. Cho Dong-ho of Ehwa University", "Rep. Jo Hyun-woo of the ruling Saenuri Party"
                if _OF_ORG.match(between):
                    title = re.search(r"([A-Z][a-z]+\.?)\s+$", text_before)
                    role = TITLES.get(title.group(1).lower()) if title else None
                    membership(person, nxt, role, sent, "name-of-organization", 0.8)
                    # "Rep. Chu of the Y Party, a member of the Z Assembly’s budget committee": the apposition is Chu's
                    then = mentions[i + 2] if i + 2 < len(mentions) else None
                    appos = _APPOSITION.match(doc_text(doc)[nxt.end : then.start]) if then is not None and then.type in ORGANISATIONS else None
                    if appos and role_head(appos.group("role")) and not _ROLE_CLAUSE.search(appos.group("role")):
                        one_of = bool(re.match(r",\s+an?\s+", doc_text(doc)[nxt.end : then.start]))
                        membership(person, then, appos.group("role").strip(), sent, "name-of-organization-apposition", 0.75, one_of=one_of)
            # "Jang Song-thaek, the husband of Kim’s aunt (Kim Kyong-hui)"
            match = re.match(
                rf"^(?:,\s+|\s+(?:is|was)\s+)(?:the\s+|a\s+)?{_KIN_ADJECTIVES}(?P<kin>{_KIN_WORDS})\s+of\s+(?:(?:the\s+)?(?:late\s+)?[a-z]+\s+)?$",
                between,
            )  # "the younger sister of leader Kim Jong-un", "Kim Kyong-hui is the aunt of Kim Jong-un"
            if match and nxt.type == "Person":
                kin2 = re.match(rf"^[’']s\s+{_KIN_ADJECTIVES}({_KIN_WORDS})\b,?\s*", after_next)
                role = match.group("kin") + (f" of {kin2.group(1)}" if kin2 else "")
                add(person, "relativeOf", nxt, sent, role, "kinship-apposition", 0.85)
                named = locate.at(nxt.end + kin2.end()) if kin2 else None
                if named is not None and named.type == "Person" and named.start == nxt.end + kin2.end():
                    add(person, "relativeOf", named, sent, match.group("kin"), "kinship-apposition", 0.8)
            # "Jang Song-taek, Kim Jong-un’s uncle"
            if nxt.type == "Person" and re.fullmatch(r",\s+(?:the\s+)?|\s+(?:is|was)\s+", between):
                kin = re.match(rf"^[’']s\s+{_KIN_ADJECTIVES}(?P<kin>{_KIN_WORDS})\b(?!\s+(?:of\s+)?[A-Z])", after_next)
                if kin:
                    add(person, "relativeOf", nxt, sent, kin.group("kin"), "kinship-apposition-possessive", 0.8)

        for i, mention in enumerate(mentions):
            # "the Chinese city of Dandong", "the Russian ports of Nakhodka and Kholmsk": in the country the article names
            people = _DEMONYM_PLACE.search(doc_text(doc)[max(sent.start_char, mention.start - 60) : mention.start])
            owner = locate_name(country_words()[1].get(people.group("people"), "")) if people and mention.type == "Place" else None
            if owner is not None and owner.type == "Place":
                add(mention, "locatedIn", owner, sent, None, "demonym-place-of", 0.8)
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt is None:
                continue
            between = doc_text(doc)[mention.end : nxt.start]
            if mention.type in ORGANISATIONS and nxt.type == "Person":
                # "a spokesman for the Defense Ministry, Moon Sang-gyun,", "a senior official at Y named X", "the chief under Y, X"
                lead_in = doc_text(doc)[max(sent.start_char, mention.start - 60) : mention.start]
                role = re.search(
                    r"\b(?:[Aa]n?|[Tt]he|[Ii]ts)\s+(?P<role>[a-z][a-z\s-]{0,40}?)\s+(?P<to>for|of|at|with|in|under)\s+(?:the\s+)?$",
                    lead_in,
                )
                # the name in apposition, not the subject of what follows ("… a party official in Y, Ri said")
                closed = re.match(r"\s*(?:[,.;:)]|$)", doc_text(doc)[nxt.end : nxt.end + 2])
                if role and role_head(role.group("role")) and re.fullmatch(r",?\s+(?:named\s+)?", between) and (closed or "named" in between):
                    membership(nxt, mention, role.group("role"), sent, "role-of-organisation-then-name", 0.8, one_of=role.group("to") == "under")
                # "The Hanbit Foundation’s director Oh Sung-min", "the NIS’s deputy director, Yoo Kyung-il,"
                owned = re.fullmatch(
                    rf"[’']s\s+(?P<role>(?:(?:former|senior|deputy|vice|chief|top|under|assistant|acting|executive)\s+)*(?:{ROLE_WORDS})),?\s+", between
                )
                if owned:
                    membership(nxt, mention, owned.group("role"), sent, "possessive-role-then-name", 0.85)
            # "Room 39’s Hong Kong office"
            if (
                mention.type in ORGANISATIONS
                and nxt.type == "Place"
                and re.fullmatch(r"[’']s\s+", between)
                and re.match(r"\s+(?:office|branch|bureau|headquarters|mission|embassy|consulate)\b", doc_text(doc)[nxt.end : nxt.end + 16])
            ):
                add(mention, "locatedIn", nxt, sent, None, "organization-office-in-place", 0.75)
            # "the Citizens’ Alliance, a Seoul-based group"
            if (
                mention.type in ("Agency", "Organization", "Outlet")
                and nxt.type == "Place"
                and re.fullmatch(r",\s+(?:a|an|the)\s+(?:[a-z]+\s+)?", between)
                and doc_text(doc)[nxt.end : nxt.end + 6] == "-based"
            ):
                add(mention, "locatedIn", nxt, sent, None, "apposition-x-based", 0.85)
            # "Japan-based AsiaPress"
            if (
                mention.type == "Place"
                and re.fullmatch(r"-based\s+(?:[a-z-]+\s+){0,3}", between)
                and nxt.type != "Place"
            ):
                add(nxt, "locatedIn", mention, sent, None, "x-based", 0.9)
            # "Hyesan, a city in Ryanggang Province"
            elif (
                mention.type == "Place"
                and nxt.type == "Place"
                and re.fullmatch(
                    r",\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,3}?(?:city|town|village|county|province|region|district|port)\s+(?:in|of)\s+(?:the\s+)?",
                    between,
                )
            ):
                add(mention, "locatedIn", nxt, sent, None, "place-apposition-in-place", 0.75)
            # "the North’s Mount Kumgang resort", "China’s Jilin Province": a place inside a place
            elif (
                mention.type == "Place"
                and nxt.type == "Place"
                and (owned := re.fullmatch(rf"[’']s\s+(?:(?:[a-z]+\s+)?(?:{_PLACE_NOUNS})\s+of\s+)?", between))
                and (
                    re.search(_PLACE_NOUNS, nxt.name.lower())
                    or re.match(rf"\s+(?:{_PLACE_NOUNS})\b", doc_text(doc)[nxt.end : nxt.end + 20])
                    or "of" in owned.group(0)  # "Russia’s port of Nakhodka"
                    or within(nxt.name, mention.name)  # "east China’s Shanghai"
                )
            ):
                add(nxt, "locatedIn", mention, sent, None, "place-possessive-place", 0.75)
            # "Khasan, Russia" (not a list of places)
            elif mention.type == "Place" and nxt.type == "Place" and between == ", ":
                before = doc_text(doc)[max(sent.start_char, mention.start - 5) : mention.start]
                after_next = doc_text(doc)[nxt.end : nxt.end + 8]
                in_list = (
                    "," in before
                    or re.search(r"\b(?:and|or|with)\s+$", before)
                    or re.match(r"^(?:,\s+(?:[A-Z]|each)|\s+(?:and|or)\s)", after_next)
                    or (  # "Dandong, China, and his brother" is not a list; "Dandong, China, and Russia" is
                        (more := re.match(r",\s+(?:and|or)\s+", doc_text(doc)[nxt.end : nxt.end + 8]))
                        and (following := locate.at(nxt.end + more.end())) is not None
                        and following.type == "Place"
                    )
                )
                if not in_list:
                    add(mention, "locatedIn", nxt, sent, None, "place-comma-place", 0.7)
            # "Mapo District in western Seoul", "a village in eastern Ukraine", "Porto Empedocle, in Sicily"
            elif (
                mention.type == "Place"
                and nxt.type == "Place"
                and (direction := re.fullmatch(rf",?\s+in\s+(?:the\s+)?(?P<side>(?:{_DIRECTIONS})\s+)?", between))
                and (direction.group("side") or re.search(rf"\b(?:{_PLACE_NOUNS})\b", mention.name.lower()) or within(mention.name, nxt.name))
            ):
                add(mention, "locatedIn", nxt, sent, None, "place-in-place", 0.7)
            # "Hanawon, the government’s resettlement center in Anseong" (however the parser attached it)
            elif (
                mention.type in ("Agency", "Organization")
                and nxt.type == "Place"
                and re.fullmatch(r",\s+(?:the|a|an)\s+[^,;:()“”\"]{0,60}?\b(?:in|near)\s+", between)
            ):
                add(mention, "locatedIn", nxt, sent, None, "apposition-in-place", 0.7)
        # "Min-seok now studies engineering at Ajou University": a given name the tagger did not mark
        for org in mentions:
            if org.type not in ORGANISATIONS or locate.within(sent.start_char, org.start, ("Person",)):
                continue
            bare = re.fullmatch(r"\s*(?P<name>[A-Z][\w’']*(?:-\w+)*)" + _WORKS_AT.pattern, doc_text(doc)[sent.start_char : org.start])
            person = named_by(bare.group("name"), sent.start_char, all_mentions) if bare else None
            if person is not None:
                student = bare.group("verb").startswith("stud") and re.search(r"\b(?:university|college)\b", org.name.lower())
                membership(person, org, "student" if student else None, sent, "works-at", 0.7)
        if orgs := [m for m in mentions if m.type in ("Agency", "Organization")]:
            previous_orgs, previous_body = orgs, subject_of(sent, locate, ("Agency", "Organization"))
        previous_subject = subject_of(sent, locate)
    return relations
