"""Word lists and patterns kg_entity_typer reads names by: titles, head nouns, role nouns, datelines,
bylines and acronym definitions."""

from __future__ import annotations

import re

KG_LABELS = ("Person", "Agency", "Outlet", "Organization", "Place")
NUMERIC_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
TITLES = {
    "rep.": "lawmaker",
    "rep": "lawmaker",
    "sen.": "senator",
    "prof.": "professor",
    "professor": "professor",
    "dr.": None,
    "mr.": None,
    "ms.": None,
    "mrs.": None,
    "president": "president",
    "chairman": "chairman",
    "minister": "minister",
    "gen.": "general",
    "general": "general",
    "gov.": "governor",
    "mayor": "mayor",
    "ambassador": "ambassador",
    "marshal": "marshal",
    "premier": "premier",
    "judge": "judge",
    "secretary": "secretary",
    "spokesman": "spokesman",
    "spokeswoman": "spokeswoman",
    "leader": "leader",
    "chief": "chief",
    "director": "director",
    "lt.": None,
    "col.": "colonel",
    "sgt.": None,
    "vice": None,
    "mr": None,
    "ms": None,
    "mrs": None,
}
OUTLET_HEADS = {
    "news",
    "times",
    "ilbo",
    "herald",
    "daily",
    "journal",
    "post",
    "radio",
    "tv",
    "television",
    "broadcasting",
    "broadcast",
    "press",
    "tribune",
    "sinmun",
    "gazette",
    "telegraph",
    "guardian",
    "chronicle",
    "observer",
    "reporter",
    "wire",
    "newsweek",
    "economist",
    "monitor",
    "nk",
    "insider",
    "network",
}
AGENCY_HEADS = {
    "ministry",
    "department",
    "assembly",
    "army",
    "command",
    "bureau",
    "office",
    "council",
    "commission",
    "committee",
    "parliament",
    "congress",
    "senate",
    "government",
    "police",
    "patrol",
    "navy",
    "forces",
    "force",
    "guard",
    "court",
    "administration",
    "cabinet",
    "politburo",
    "secretariat",
    "service",
    "agency",
    "authority",
    "prosecutors",
    "prosecution",
    "military",
    "legislature",
    "presidency",
    "embassy",
    "consulate",
    "directorate",
    "board",
    "treasury",
}
ORGANIZATION_HEADS = {
    "university",
    "party",
    "institute",
    "institution",
    "foundation",
    "bank",
    "company",
    "corp",
    "corp.",
    "inc",
    "inc.",
    "group",
    "center",
    "centre",
    "school",
    "college",
    "association",
    "alliance",
    "society",
    "fund",
    "watch",
    "international",
    "organization",
    "organisation",
    "union",
    "federation",
    "club",
    "hospital",
    "church",
    "coalition",
    "project",
    "initiative",
    "co.",
    "ltd",
    "ltd.",
    "llc",
    "partners",
    "consulting",
    "studies",
    "academy",
    "programme",
    "program",
    "trust",
    "campaign",
    "exchange",
    "industries",
    "holdings",
    "electronics",
    "electric",
    "motors",
    "airlines",
    "airways",
    "pharmaceuticals",
    "securities",
    "panel",
}
NOT_ENTITY_HEADS = {
    "act",
    "law",
    "treaty",
    "agreement",
    "resolution",
    "convention",
    "accord",
    "bill",
    "declaration",
    "charter",
    "protocol",
    "summit",
    "war",
    "games",
    "olympics",
    "index",
    "average",
}
SPEECH_OUTLET_CUES = ("reported", "reports", "quoted", "broadcast", "aired", "wrote", "writes", "cited", "carried")
DEMONYMS = re.compile(r"^(?:North|South)?\s*(?:Korean|Chinese|American|Japanese|Russian)s?$")
KOREAN_NAME = re.compile(r"^[A-Z][a-z]{1,5} [A-Z][a-z]+[- ][a-z]+$")
MONTHS_DAYS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "him", "them"}


DROP_DEFAULT = {"NORP", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT", "LANGUAGE"}

#: Common Korean family names in their usual romanisations: "Oh Jae-myung" is a person even when the model misses it.
KOREAN_SURNAMES = frozenset(
    "Kim Lee Yi Ri Rhee Park Pak Bak Choi Choe Jung Jeong Chung Kang Cho Jo Yoon Yun Jang Chang Lim Im Rim Han Oh "
    "Seo Suh Shin Sin Kwon Hwang Ahn An Song Ryu Yoo Yu Ryoo Hong Jeon Jun Chon Ko Koh Moon Mun Yang Son Bae Baek "
    "Paik Heo Huh Nam Noh Roh Ha Kwak Thae Tae Hyon Hyun Ju Joo Won Sim Shim Woo Min Byun Chae Ji Yeo Jin Eom Um "
    "Na Do Cha Chu Choo Yeom Ra Yim Kil Gil Pyon Ok Tak Maeng Myung Sohn Suk Seok Hahn Kong Gong Ki Kye".split()
)
_KOREAN_FULL_NAME = re.compile(r"\b([A-Z][a-z]{0,5}) ([A-Z][a-z]{1,6})-([a-z]{1,6})\b")
#: Words before a name that make it a news outlet: "Writing in X", "told X", "an interview with X".
OUTLET_BEFORE = ("writing in", "wrote in", "published in", "interview with", "told", "speaking to", "quoted by")
#: Role nouns in "a researcher at X": X is where the person works, not a person.
ROLE_NOUNS = {
    "researcher", "professor", "official", "analyst", "fellow", "spokesman", "spokeswoman", "spokesperson",
    "director", "head", "chief", "member", "lecturer", "economist", "scholar", "expert", "officer", "student",
}  # fmt: skip
#: Nouns that name a person in apposition: "X, a defector who", "X, the mother of".
PERSON_NOUNS = {
    "spokesman", "spokeswoman", "minister", "secretary", "lawmaker", "defector", "activist", "teacher", "mother",
    "father", "son", "daughter", "brother", "sister", "wife", "husband", "uncle", "aunt", "chairman", "chairwoman",
    "president", "founder", "leader", "manager", "executive", "commissioner", "mayor", "governor", "senator",
    "correspondent", "reporter", "editor", "author", "lawyer", "pastor", "worker", "trader", "resident", "coordinator",
    "representative", "envoy", "ambassador", "adviser", "advisor", "negotiator", "deputy", "vice",
}  # fmt: skip
#: Nouns before "of X" that make X a place: "the border town of Khasan".
PLACE_BEFORE = {
    "town", "city", "village", "province", "county", "region", "port", "district", "capital", "state", "island", "isle",
}  # fmt: skip
#: What a national agency named "<portfolio> <country>" runs: "Statistics Korea", "Health Canada".
PORTFOLIOS = {
    "statistics", "immigration", "refugees", "citizenship", "health", "transport", "justice", "finance", "defence",
    "defense", "environment", "employment", "agriculture", "fisheries", "oceans", "revenue", "customs", "border",
    "heritage", "parks", "labour", "labor", "education", "veterans", "housing", "energy", "infrastructure", "welfare",
}  # fmt: skip
_PORTFOLIO_NAME = re.compile(r"\b([A-Z][a-z]+(?:(?:,? and |, | & )[A-Z][a-z]+)*)((?: [A-Z][a-z]+){1,3})\b")
#: Heads that make a name of two or more words a place: "Tumen River", "Akita Prefecture", "Sea of Okhotsk".
PLACE_HEADS = {"river", "province", "prefecture", "mountain", "mountains", "sea", "lake", "island", "islands", "strait", "airport"}
#: Capitalised words that make a known place part of a longer place name: "Kansas City", "Virginia Beach".
PLACE_NAME_ENDS = {
    "city", "beach", "river", "lake", "bay", "county", "springs", "falls", "island", "islands", "valley", "harbor",
    "harbour", "heights", "peninsula", "strait", "sea", "province", "prefecture",
}  # fmt: skip
#: Lower-case heads that may follow a name of some spaCy label: "the Army politburo", "the Amnok river".
TRAILING_HEADS = {
    "ORG": {"politburo", "ministry"},
    "GPE": {"river", "province"},
    "LOC": {"river", "province"},
    "PERSON": set(),
}
TRAILING_AGENCY_HEADS = {"politburo", "ministry", "river", "province"}
#: Heads that start a second name inside a run: "Seoul National University Institute for ..." is two names.
LEADING_HEADS = {"institute", "ministry", "department", "bureau", "center", "centre", "school", "college", "office"}
#: Numbered state units: "Room 39", "Office 39", "Bureau 121", "Unit 180".
_NUMBERED_UNIT = re.compile(r"\b(?:Room|Office|Bureau|Unit|Department|Division) \d{1,4}\b")
_ATTRIBUTION_LINE = re.compile(r"(?m)^[ \t]*(?:And )?[Aa]ccording to (?:the )?([A-Z][\w’'&.\- ]{1,60}?)\s*(?:\([^)\n]*\))?:[ \t]*$")
#: "By Jane Roe", "By JANE ROE, Staff Writer", "By Jane Roe, Associated Press".
_BYLINE = re.compile(r"(?m)^[ \t]*By ([A-Z][\w.’'\- ]{2,60}?)[ \t]*(?:,(?: [A-Z][\w.’'\-]*){1,4})?[ \t]*$")
#: Each agency of a wire credit: "(Yonhap) --", both of "(AFP/Jiji) —" and "GNA" of "(dpa/GNA) –".
_WIRE_CREDIT = re.compile(r"(?<=[(/])([A-Z][A-Za-z&.\- ]{1,40})(?=(?:/[A-Za-z][A-Za-z&.\- ]{1,40})*\)\s*(?:--|—|–))")
#: A title after a citing verb, its "The" capitalised mid-sentence: "told The Independent", "according to The Nation".
_CITED_TITLE = re.compile(r"\b(?:told|according to|reported by|quoted by|interview with|wrote in|writing in) The ((?:[A-Z][a-z]+ ?){1,3})(?<! )")
#: Where a name is an outlet by its place in the text: a wire credit, a cited title.
OUTLET_CUES = (_WIRE_CREDIT, _CITED_TITLE)
#: The place of a dateline: "SEOUL, March 3 (Yonhap) --", "OTTAWA —", "RIVERTON, Ohio —", "TOKYO (Kyodo) -".
_DATELINE_PLACE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]*){0,3})(?=,[ \t]|[ \t]*\(|[ \t]+(?:--|—|–|-)[ \t])")
#: Labels a wire puts where a dateline would be.
WIRE_SLUGS = {
    "ANALYSIS", "UPDATE", "EXCLUSIVE", "FACTBOX", "BREAKING", "CORRECTED", "REFILE", "WRAPUP", "PREVIEW", "INTERVIEW",
    "COLUMN", "OPINION", "EDITORIAL", "FEATURE", "URGENT", "RPT", "LEAD", "NEWSMAKER", "TIMELINE", "EXPLAINER",
}  # fmt: skip
#: An editor's note on a line of its own or at the very end: "(ADDS comments in para 5)", "… the Assembly. (END)".
_EDITOR_NOTE = re.compile(r"(?m)^[ \t]*\([^()\n]*\)[ \t]*$|\([^()\n]*\)\s*\Z")
_ACRONYM_DEFINITION = re.compile(r"\(([A-Z][A-Z&]{1,9})\)")
_CONNECTORS = {"of", "for", "and", "on", "the", "&"}
#: Names made of a plural noun and a cause: "Fighters for a Free North Korea", "Lawyers for Human Rights".
_PLURAL_FOR_NAME = re.compile(r"\b[A-Z][a-z]+s for (?:a |an |the )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){1,4}\b")

# --- kg_entity_spans (kg/nlp/entity_spans.py): where names end, and what is no name ---
#: Lower-case heads that make the name before them a place: "Rakhine state", "Naf river", "the Imbriacola reception
#: centre", "the U.S.-Mexico border". Longest first.
PLACE_TRAILERS = (
    "reception centre", "reception center", "refugee camp", "detention centre", "detention center",
    "state", "river", "county", "province", "border", "region", "district", "prefecture", "island", "valley",
)  # fmt: skip
#: Lower-case heads a government's name may end in, as the model reads it: "the Smith administration".
GOVERNMENT_HEADS = {"government", "administration"}
#: Titles after a portfolio: "Home Secretary", "Foreign Minister".
TITLE_WORDS_AFTER = {"minister", "secretary"}
#: Words of a portfolio before a title, which the tagger may read as proper nouns: "Home Affairs Minister".
TITLE_PORTFOLIOS = PORTFOLIOS | {
    "home", "affairs", "union", "foreign", "interior", "tourism", "trade", "economy", "treasury", "state",
    "unification", "security", "internal", "external", "culture",
}  # fmt: skip
#: Last words of a document's title, not a body's name: "the Human Rights Report".
WORK_HEADS = {"report", "reports", "survey"}
#: Capitalised words the model takes for names that never are: diseases, time zones, photo labels.
NOT_NAMES = {
    "covid-19", "covid", "coronavirus", "sars", "mers", "ebola", "hiv", "aids", "cholera", "influenza", "mpox",
    "gmt", "utc", "kst", "est", "edt", "pst", "bst", "cet", "file photo", "photo", "photos",
}  # fmt: skip
#: A name grown over one of these lower-case heads still ends a name: "Rakhine state", "the Smith government".
TRAILING_AGENCY_HEADS = TRAILING_AGENCY_HEADS | {head.split()[-1] for head in PLACE_TRAILERS} | GOVERNMENT_HEADS
#: Names that name no entity on their own ("Government", "Central Bank"): such a mention is dropped unless a rule
#: ties it to a named entity in the article (kg.resolve).
GENERIC_NAMES = {
    "government", "department", "ministry", "home", "people", "union", "exchange", "hospital", "central bank",
    "state", "administration", "agency", "office", "authority", "bureau", "the government",
}  # fmt: skip
#: An apposition right after a name: ", 58, a spokesman for", ", the EU's statistics office".
_APPOSITION = re.compile(
    r"^,\s+(?:(?P<age>\d{1,3}),\s+)?(?:(?:a|an|the)\s+)?(?:(?:[A-Z][\w.-]*\s+){0,3}[\w.-]+[’']s\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?P<noun>[a-z]+)(?:\s+(?:of|for|at|with|in|who|that|which)\b|\s*[,.;]|\s*$)"
)
#: What the head noun of an apposition makes a name: ", a spokesman for" → Person, ", the EU's statistics office" → Agency.
APPOSITION_TYPES = {
    **{noun: "Person" for noun in ROLE_NOUNS | PERSON_NOUNS},
    **{noun: "Agency" for noun in ("office", "agency", "ministry", "department", "regulator", "authority", "bureau")},
    **{noun: "Organization" for noun in ("tank", "company", "firm", "group", "charity", "organization", "ngo")},
    **{noun: "Outlet" for noun in ("newspaper", "broadcaster", "outlet", "daily", "website", "magazine", "tabloid")},
}
