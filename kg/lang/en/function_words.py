"""Function words: articles, pronouns, connectors and number words that rules read over or count with."""

# Articles dropped from the start of a name ("the Pentagon" is Pentagon).
ARTICLES = frozenset({"the", "a", "an"})

# Words that join the items of a list: "Lyon, France and Spain" names three places, not Lyon in France.
LIST_JOINERS = frozenset({"and", "or", "&", "-"})

# Tokens between the names of a list: "Halden's Launch Systems, Launch Services and Orbit Program units".
LIST_SEPARATORS = frozenset({",", "and"})

# Prepositions of being inside a body: "the Special Activities Center within the CIA".
INSIDE_WORDS = frozenset({"within", "inside"})

# Possessive pronouns that stand for an organization named before: "GM said ... its European division, Opel".
OWNER_PRONOUNS = frozenset({"its", "their"})

# Quotation marks written as tokens of their own around a name: "a campaign dubbed 'Iron Harvest'".
QUOTE_MARKS = frozenset({"'", '"'})

# Relative pronouns that stand for the noun a clause describes: "Pixar, which was acquired by Disney".
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom", "whose"})

# Possessive endings and apostrophes, as tokens: "Apple's", "Apple\u2019s", "Reuters'".
APOSTROPHES = ("'s", "\u2019s", "\u02bcs", "'", "\u2019", "\u02bc")

# Small words of names that an acronym skips ("Bank of England" is BoE, not BOE).
NAME_CONNECTORS = frozenset({"of", "and", "the", "de", "for", "la", "le", "del", "los", "las", "&", "du", "des", "on"})

# Number words and their values: "two soldiers", "dozens of civilians".
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "hundreds": 100, "thousand": 1000, "thousands": 1000,
}

# Determiners that make an event noun a reference back to events already told: "these attacks".
ANAPHORIC_DETERMINERS = frozenset({"these", "those", "this", "that", "the", "such"})

# Indefinite articles: "a director of Y" sits on a board where "the director of Y" heads it.
INDEFINITE_ARTICLES = frozenset({"a", "an"})

# "'s" as spaCy splits it off a name, with a straight or a curly apostrophe: "Merkel's", "Merkel\u2019s"
# (APOSTROPHES, for stripping a name's end, also holds the bare apostrophes).
POSSESSIVE_ENDINGS = frozenset({"'s", "\u2019s"})

# Relative pronouns that stand as the subject of a clause about a person or a thing: "X, who holds ...".
SUBJECT_RELATIVES = frozenset({"who", "which"})

# Tokens trimmed from the end of a name: "Apple's", "Reuters'".
NAME_END_MARKS = POSSESSIVE_ENDINGS | {"'"}

# "'s" written with each apostrophe of APOSTROPHES, "Apple's", "Apple\u2019s", "Apple\u02bcs": the one token
# between a country and a body of its own ("France's Coastal Defence Command").
POSSESSIVE_S = frozenset(a for a in APOSTROPHES if a.endswith("s"))

# The tokens between two names of one list, joined by spaces: "Toyota, Nissan", "Toyota and Nissan", "Toyota,
# Nissan, and Honda" (what is said of the first is said of the others).
LIST_GAPS = frozenset({",", "and", ", and"})
