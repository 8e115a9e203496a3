"""Places: nouns for kinds of place, words of regions, and names that are places only in a gazetteer's eyes."""

# Nouns for a kind of place that name it after "of": "the town of X", "Pakistan's north-western city of
# Peshawar", "the Ukrainian city of Kharkiv". (An attack's object "the base of X" is a target, see TARGET_NOUNS.)
PLACE_NOUNS = frozenset({
    "city", "town", "village", "capital", "port", "province", "region", "district", "state", "base",
    "county", "governorate", "municipality", "prefecture", "oblast", "island", "suburb", "neighbourhood",
    "neighborhood", "camp", "enclave", "township", "valley", "settlement", "area", "department",
})

# Nouns for a kind of place written after its name, in lower case: "Kandarak province", "the Kharkiv and
# Poltava regions".
PLACE_AFTER_NAME = frozenset({
    "region", "regions", "province", "provinces", "oblast", "city", "district", "districts", "area",
    "governorate", "county", "prefecture", "municipality", "state", "valley", "township",
})

# What an attack can strike that is a place, not an agent: "struck targets in Gaza City".
TARGET_NOUNS = frozenset({
    "target", "position", "site", "base", "facility", "infrastructure", "area", "stronghold", "camp",
    "hideout", "depot",
})
# Prepositions after such a noun that name the place struck: "targets in Gaza City", "positions near X".
TARGET_PREPOSITIONS = ("in", "near", "across", "around")

# A company's sites: "its plant in Kansas City" places the company there.
FACILITY_NOUNS = frozenset({
    "factory", "plant", "headquarters", "offices", "office", "facility", "plants", "factories",
    "hub", "campus", "works", "site",
})

# Compass, sea and continent words that make a name a region ("Middle East", "the Sahel"): a role there is
# territorial only (titles.TERRITORIAL_ROLES).
REGION_WORDS = frozenset({
    "east", "west", "north", "south", "middle", "central", "eastern", "western", "northern",
    "southern", "gulf", "pacific", "atlantic", "asia", "africa", "europe", "america", "balkans",
    "caucasus", "arctic", "mediterranean", "baltic", "sahel", "latin", "region", "ocean", "sea",
})

# Names of provinces and states (ISO 3166-2) that are also common words or directions: not read as places.
SUBDIVISION_STOP = frozenset({
    "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "capital", "centre", "center", "coast", "islands", "upper", "lower", "federal", "national",
    "city", "state", "unity", "independence", "liberty", "victoria", "georgia", "guadalupe",
    "florida", "santa", "san", "la", "el", "al", "as", "ad", "mali", "balkan",
})

# Regions news names that have no province of that name in ISO 3166-2 (or only under another language's
# name): folded name -> name. No country is given: several are disputed, and a rule must not guess one.
NAMED_REGIONS = {
    "crimea": "Crimea", "donbas": "Donbas", "donbass": "Donbass", "nagorno-karabakh": "Nagorno-Karabakh",
    "karabakh": "Karabakh", "darfur": "Darfur", "kashmir": "Kashmir", "kurdistan": "Kurdistan", "sahel": "Sahel",
    "balkans": "Balkans", "caucasus": "Caucasus", "south caucasus": "South Caucasus", "middle east": "Middle East",
    "gaza strip": "Gaza Strip", "west bank": "West Bank", "golan heights": "Golan Heights", "sinai": "Sinai",
    "sinai peninsula": "Sinai Peninsula", "tibet": "Tibet", "chechnya": "Chechnya", "abkhazia": "Abkhazia",
    "south ossetia": "South Ossetia", "transnistria": "Transnistria", "brittany": "Brittany",
    "catalonia": "Catalonia", "flanders": "Flanders", "wallonia": "Wallonia", "siberia": "Siberia",
    "patagonia": "Patagonia", "scandinavia": "Scandinavia",
}

# Prepositions that attach a place to an organization's name: "Halden University in Dayton", "Brightwater Motors
# of Korea" (rules seat:in and seat:of, named after the word).
SEAT_PREPOSITIONS = frozenset({"in", "of"})

# The last word of an apposition before the place it names: "Gaza, the main city in the Palestinian Territory".
PLACE_APPOSITION_ENDS = frozenset({"of", "in", "the"})

# Words between two places that make "border" a statement that they border: "Austria, which borders Hungary",
# "Austria's border with Hungary".
BORDER_LINKS = frozenset({"and", "between", "with", "which", "that", ",", "'s", "\u2019s", "\u02bcs"})

# Participles before "in" that state where a place is: "the Royal Courts of Justice, located in central London".
LOCATION_PARTICIPLES = ("located", "situated")

# Participles before "in" that state where an organization is: "Halden Systems, based in San Jose" (seat:based-in).
SEAT_PARTICIPLES = ("based", "headquartered", "located", "situated")

# Words after "X province" or "X region" that make it a body of the place, not the place: "the Kandarak province
# government", "Kandarak province's".
PLACE_BODY_WORDS = frozenset({"government", "council", "police", "authorities", "officials", "assembly", "'s"})

# Prepositions that put a name beside a place: "near X", "outside X" make X a place.
NEAR_WORDS = frozenset({"near", "outside"})
# Prepositions that make a name known to the gazetteer a place rather than a person: "in X", "from X".
PLACE_PREPOSITIONS = NEAR_WORDS | {"in", "from", "across", "to"}
