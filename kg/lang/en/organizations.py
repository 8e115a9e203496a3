"""Organizations: the words of their names that give their subclass, descriptors, parts and holdings."""

# Words of a name that make it a news organization's ("Daily News", "Reuters").
NEWS_WORDS = frozenset({
    "news", "times", "post", "press", "herald", "tribune", "gazette", "journal", "guardian", "telegraph",
    "news agency", "press agency", "broadcasting", "television", "tv", "radio", "newspaper", "magazine", "wire", "media",
    "chronicle", "daily", "reuters", "bloomberg", "cnn", "bbc", "ap", "afp", "nbc", "cbs", "abc", "fox",
    "msnbc", "npr", "al jazeera", "xinhua", "tass", "kcna", "wikinews", "politico", "axios", "economist",
    "observer", "independent", "associated press", "agence france-presse", "ria novosti", "interfax",
    "sky", "itv", "dpa", "efe", "ansa", "kyodo", "yonhap", "pti", "anadolu", "euronews", "dw",
})
# Words of a name that make it an armed force's ("Syrian Army", "Revolutionary Guards").
ARMED_WORDS = frozenset({
    "army", "navy", "air force", "armed forces", "military", "marines", "marine corps", "coast guard",
    "national guard", "defense forces", "defence forces", "forces", "troops", "special forces",
    "revolutionary guard", "revolutionary guards", "guard", "militia", "brigade", "battalion", "regiment",
    "division", "fleet", "command",
})
# Words of a name that make it a government body's ("Ministry of Defence", "the Kremlin").
GOVERNMENT_WORDS = frozenset({
    "government", "administration", "ministry", "department", "white house", "pentagon", "kremlin",
    "congress", "senate", "parliament", "house of representatives", "cabinet", "council", "commission",
    "court", "supreme court", "assembly", "office", "agency", "bureau", "state department",
    "treasury", "federal reserve", "police", "customs", "authority", "embassy", "duma", "knesset",
    "central bank", "reserve bank", "bundesbank", "european commission",
})
# Words of a name that make it a political party's ("the Labour Party", "Christian Democrats").
PARTY_WORDS = frozenset({"party", "democrats", "republicans", "labour", "conservatives", "tories", "movement", "greens",
                         "republican", "democrat", "liberals", "social democrats", "christian democrats"})
# Armed groups known by their names alone ("Islamic State", "Boko Haram"): a name they are in is a criminal or
# armed group's, and the name itself is one wherever it is written with capitals (orgnames.known_names).
ARMED_GROUP_NAMES = frozenset({
    "taliban", "al-qaeda", "al qaeda", "al-qaida", "al qaida", "isis", "isil", "islamic state", "daesh", "hezbollah",
    "hamas", "boko haram", "al-shabaab", "al-shabab", "tren de aragua", "ms-13", "nusra front", "islamic jihad",
})
# Words of a name that make it a criminal or armed group's: "cartel", "gang" and groups known by one name.
CRIMINAL_WORDS = frozenset({"cartel", "gang", "mafia", "syndicate", "cartels"}) | ARMED_GROUP_NAMES
# Words that make a name an organization of no more specific kind.
INSTITUTION_WORDS = frozenset({
    "university", "college", "institute", "school", "hospital", "foundation", "association", "union",
    "federation", "committee", "club", "church", "society", "center", "centre", "museum", "theater",
    "theatre", "academy", "council", "league", "alliance", "coalition", "organization", "organisation",
    "fund", "trust", "institution", "laboratory", "laboratories", "exchange", "stadium",
})
# Words that mark a product rather than its maker ("MacBook Air", "App Store").
PRODUCT_WORDS = frozenset({"pro", "air", "mini", "max", "plus", "ultra", "os", "edition", "store", "app", "apps"})
# Words of a name that make it a company's ("Ford Motor Co", "Lockheed Martin Aeronautics").
COMPANY_WORDS = frozenset({
    "inc", "corp", "corporation", "company", "co", "ltd", "llc", "plc", "group", "holdings", "holding",
    "airlines", "airways", "bank", "motors", "motor", "technologies", "systems", "industries", "ag", "sa",
    "gmbh", "nv", "spa", "airline", "energy", "oil", "pharmaceuticals", "enterprises", "partners", "capital",
    "automotive", "auto", "aviation", "aerospace", "electric", "electronics", "foods", "telecom",
    "communications", "networks", "entertainment", "studios", "records", "financial", "insurance",
    "investments", "securities", "petroleum", "steel", "mining", "chemicals", "logistics", "shipping",
    "software", "labs", "manufacturing", "management", "ventures", "brands", "stores", "retail",
    "computer", "computers", "aircraft", "airplanes", "semiconductor", "pharma", "health", "media", "air",
    "buy", "mart", "depot",
})
# Words an organization's name may add without naming another one ("CBS News" is CBS): company words and these.
GENERIC_ORG_WORDS = COMPANY_WORDS | {"news", "network", "group", "corporation", "broadcasting", "media"}
# Stock indices and exchanges' index names: financial instruments, not organizations that act.
INDEX_WORDS = frozenset({"nasdaq", "ftse", "dow", "dow jones", "s&p", "s p", "nikkei", "dax", "cac",
                         "hang seng", "sensex", "kospi", "stoxx", "nyse composite", "topix", "ibex", "asx", "tsx"})
# Common nouns that, just before a one-word name or in apposition to it, say it names an organization.
ORG_DESCRIPTORS = frozenset({
    "company", "firm", "maker", "automaker", "carmaker", "manufacturer", "airline", "carrier", "bank",
    "group", "band", "brand", "retailer", "chain", "subsidiary", "unit", "division", "supplier",
    "producer", "giant", "conglomerate", "startup", "agency", "broadcaster", "newspaper", "network",
    "insurer", "lender", "investor", "fund", "operator", "distributor", "dealer", "club", "team", "party",
    "union", "airframer", "builder", "developer", "publisher", "studio", "label", "exchange",
})
# Words for a part of an organization that a name can stand before ("General Motors' Saturn unit").
UNIT_WORDS = frozenset({"unit", "division", "subsidiary", "brand", "arm", "affiliate", "plant", "business", "marque",
                        "offshoot"})
# Nouns for a part of a body or group: "X, a unit of Y", "the armed wing of Y" (partOf).
PART_NOUNS = frozenset({
    "unit", "branch", "wing", "division", "arm", "part", "subsidiary", "affiliate", "faction",
    "network", "group", "department", "ministry", "service", "cell", "brigade", "battalion",
    "member", "organ", "agency", "body", "force", "militia", "cartel", "gang",
})
# Last words of a body's own name that make it a unit of the owner named before it ("USAF's Mobility Command").
UNIT_NAME_HEADS = frozenset({
    "command", "division", "unit", "agency", "bureau", "office", "department", "directorate",
    "service", "wing", "branch", "corps", "fleet", "brigade", "regiment", "battalion", "group",
})
# Words for an organization that owns another: "Airbus parent EADS".
PARENT_WORDS = frozenset({"parent", "owner"})
# Nouns after PARENT_WORDS: "the parent company of Airbus".
PARENT_NOUNS = frozenset({"company", "group", "firm", "corporation", "conglomerate"})
# Words that make a bare title a company's: "the company's CEO", "its chairman", "the carmaker's president".
OWN_WORDS = frozenset({"company", "firm", "its", "group", "carmaker", "automaker", "airline", "manufacturer", "bank",
                       "maker"})
# Industries a demonym can stand before in a company's description: "Ford, the second of the big three
# American car manufacturers" places Ford in the US.
INDUSTRY_WORDS = frozenset({
    "car", "auto", "automobile", "aircraft", "oil", "steel", "software", "computer", "telecom",
    "chip", "drug", "mining", "media", "energy", "defence", "defense", "technology", "airline",
})
# What one buys of a company: "bought a 20% stake in X", "took control of X".
HOLDING_NOUNS = frozenset({
    "stake", "share", "holding", "control", "majority", "percent", "%", "unit", "division", "part",
    "operation", "business", "asset",
})
# Heads of a country's bodies NER misses: "the US military", "the Venezuelan government" -> their class.
BODY_HEADS = {
    "military": "ArmedForces", "army": "ArmedForces", "navy": "ArmedForces", "armed forces": "ArmedForces",
    "air force": "ArmedForces", "forces": "ArmedForces", "troops": "ArmedForces",
    "government": "GovernmentBody", "administration": "GovernmentBody",
}
# Heads that name the whole of a country's armed forces or government -> the prefix of the shared key
# ("the Venezuelan military" and "Venezuelan Armed Forces" are armed:VE; its navy is a body of its own).
NATIONAL_HEADS = {
    "armed forces": "armed", "military": "armed", "military forces": "armed", "forces": "armed",
    "troops": "armed", "government": "government", "administration": "government",
}

# nouns that say a name beside them is an outlet ("the daily X", "the X newspaper")
OUTLET_NOUNS = frozenset({"newspaper", "newspapers", "daily", "tabloid", "magazine", "weekly", "broadsheet",
                          "paper", "broadcaster", "newsweekly", "monthly", "website", "news", "radio", "television"})
# Members of an armed group, after its name: "Jund al-Qadir militants", "Velmar Front rebels" (not "Trump supporters").
GROUP_MEMBER_NOUNS = frozenset({"militants", "fighters", "rebels", "insurgents", "guerrillas", "gunmen", "jihadists",
                                "militiamen"})
# the head of a two-word word for an outlet: "news agency", "radio station", "television channel"
OUTLET_HEADS = frozenset({"agency", "station", "channel", "network", "outlet", "service"})

# words that end an outlet's name in other languages ("Philosophie Magazin", "Frankfurter Allgemeine Zeitung")
OUTLET_NAME_WORDS = frozenset({"magazin", "zeitung", "tageblatt", "tagesspiegel", "rundschau", "kurier", "gazeta",
                               "gazzetta", "giornale", "corriere", "diario", "dagblad", "avisen", "nouvelles",
                               "presse", "zeitschrift", "wochenblatt", "anzeiger"})

# Nouns for a part an owner holds, after its possessive: "GM's European unit Opel", "its luxury brand, Lexus".
OWNED_PART_NOUNS = PART_NOUNS | {"brand", "subsidiary"}

# Words that open an operation's name ("Operation Desert Storm", "Op. Northern Shield"), written in title case.
OPERATION_TITLES = frozenset({"operation", "op."})

# Small words inside an operation's name: "Operation Return of the Tide", "Operation Al-Fajr".
OPERATION_NAME_LINKS = frozenset({"-", "of", "the"})

# A government as a head word: "the government of Chile", "the governments of Canada and Ontario".
GOVERNMENT_NOUNS = frozenset({"government", "governments"})

# The nouns for a leader's government: "the Lindqvist administration" (a government body), "his government".
LEADER_GOVERNMENT_NOUNS = frozenset({"administration", "government"})
# The same and the bodies a politician's name stands before: "the Lindqvist cabinet", "the Lindqvist campaign".
PERSON_BODY_WORDS = LEADER_GOVERNMENT_NOUNS | {"cabinet", "campaign"}

# Words for a medium rather than an outlet: "radio X" names no outlet (OUTLET_NOUNS besides these do: "the daily X").
OUTLET_MEDIUMS = frozenset({"news", "radio", "television"})
# Outlet nouns before a name that say it is an outlet's: "the daily X", "the tabloid X" (not "website X").
OUTLET_NOUNS_BEFORE_NAME = OUTLET_NOUNS - OUTLET_MEDIUMS - {"website"}
# Outlet nouns after a name that say it is an outlet's: "the X website", "the X daily".
OUTLET_NOUNS_AFTER_NAME = OUTLET_NOUNS - OUTLET_MEDIUMS

# Nouns after a name NER missed that make it a printed outlet's: "the Bild newspaper".
PRINT_OUTLET_NOUNS = frozenset({"newspaper", "daily", "tabloid", "magazine", "weekly"})

# Words of a name that make an armed force's words a civil body's: "Department of the Army", "Ministry of Defence".
CIVIL_BODY_WORDS = frozenset({"department", "ministry", "office"})

# Lower-case nouns right after a name that say what kind of organization it names, and the class they give:
# "the ruling Rovna party", "the Heimat movement", "the Filt union", "the Nordblatt newspaper"; two words
# ("news agency", "militant group") are written with a space.
ORG_CUES_AFTER_NAME = {
    "party": "PoliticalParty", "movement": "Organization", "union": "Organization", "federation": "Organization",
    "newspaper": "NewsOrganization", "tabloid": "NewsOrganization", "magazine": "NewsOrganization",
    "broadcaster": "NewsOrganization", "television": "NewsOrganization",
    "news agency": "NewsOrganization", "press agency": "NewsOrganization",
    "intelligence agency": "GovernmentBody", "spy agency": "GovernmentBody",
    "militant group": "Organization", "terrorist group": "Organization", "rebel group": "Organization",
    "extremist group": "Organization", "jihadist group": "Organization", "armed group": "Organization",
    "militant organization": "Organization", "terrorist organization": "Organization",
}
# Lower-case nouns right before a name that say what kind of organization it names: "news agency dpa",
# "broadcaster RTBF", "management consultancy Kelvana", "the sports giant Vorbix", "the watchdog Clearview".
ORG_CUES_BEFORE_NAME = {
    "broadcaster": "NewsOrganization", "daily": "NewsOrganization", "newspaper": "NewsOrganization",
    "tabloid": "NewsOrganization", "magazine": "NewsOrganization", "weekly": "NewsOrganization",
    "company": "Company", "firm": "Company", "consultancy": "Company", "giant": "Company", "carmaker": "Company",
    "automaker": "Company", "conglomerate": "Company", "retailer": "Company", "insurer": "Company",
    "lender": "Company", "airline": "Company", "manufacturer": "Company", "startup": "Company",
    "movement": "Organization", "watchdog": "Organization", "ngo": "Organization", "charity": "Organization",
    "news agency": "NewsOrganization", "press agency": "NewsOrganization",
    "intelligence agency": "GovernmentBody", "spy agency": "GovernmentBody",
    "think tank": "Organization", "research institute": "Organization",
}
# Lower-case words a name written with its kind ends with, that are no part of the name itself: "the Svoboda
# party" is Svoboda, "the Xinhua news agency" Xinhua.
NAME_KIND_WORDS = frozenset({"party", "movement", "union", "agency", "news agency", "press agency", "newspaper",
                             "tabloid", "magazine", "broadcaster"})
# Endings of a one-word adjective of a creed that names its party only with the word party ("the Democratic
# party", "the Socialist party"), unlike a party's own name ("the Velko party" is Velko).
IDEOLOGY_ADJECTIVE_ENDINGS = ("ic", "ist", "an", "ive", "al")

# Articles of other languages that open a name of two or more words NER may take for a person's: "Der Spiegel",
# "Le Figaro", "La Stampa" are outlets or organizations ("Le Pen", the surname of a person the article names
# in full, stays a person's: derived.person_surnames).
FOREIGN_ARTICLES = frozenset({"der", "die", "le", "la", "il", "el", "les", "los", "las"})

# News agencies and broadcasters known by their names alone, without a word beside them ("told dpa", "DW
# reported"); a name of three letters or fewer counts only written in capitals, as does any name not in
# NAMES_WRITTEN_LOWER ("dpa" is written in lower case).
NEWS_AGENCY_NAMES = frozenset({
    "dpa", "dw", "afp", "ap", "reuters", "xinhua", "tass", "interfax", "kyodo", "yonhap", "ansa", "efe", "pap",
    "irna", "kcna", "bbc", "cnn", "zdf", "ard", "epd", "kna", "apa", "anadolu", "tanjug", "itar-tass",
})
NAMES_WRITTEN_LOWER = frozenset({"dpa", "epd"})
# Acronyms of armed groups that are English words in lower case: a name only written in capitals ("IS").
ARMED_GROUP_ACRONYMS = frozenset({"is"})

# Plural names of a party's members that name the party, and the adjective of its "X Party" name: "the Social
# Democrats" is the Social Democratic Party, "the Greens" the Green Party.
PARTY_MEMBER_PLURALS = {
    "democrats": "democratic", "republicans": "republican", "greens": "green", "socialists": "socialist",
    "communists": "communist", "conservatives": "conservative", "liberals": "liberal", "nationalists": "nationalist",
}

# Words inside an organization's name between capitalised words: "Truth and Order", "Society for Ship Safety",
# "Self-Help".
ORG_NAME_LINKS = frozenset({"and", "of", "for", "&", "-"})
# Prepositions after a body's name that its name may go on through: "the Agency for Self-Help and Volunteering".
ORG_NAME_PREPOSITIONS = frozenset({"for", "of", "on"})
# Whole names of bodies the word lists above hold ("white house", "supreme court"): a one-word name that ends one
# of them ("the House") names another body, not this one.
FIXED_BODY_NAMES = frozenset(w for w in GOVERNMENT_WORDS | ARMED_WORDS | NEWS_WORDS | CRIMINAL_WORDS if " " in w)

# Nouns for a country's bodies that a name in apposition after them names: "the German parliament, the
# Bundestag,", "the armed forces, the Bundeswehr,".
APPOSITION_BODY_NOUNS = {
    "parliament": "GovernmentBody", "legislature": "GovernmentBody", "senate": "GovernmentBody",
    "upper house": "GovernmentBody", "lower house": "GovernmentBody", "central bank": "GovernmentBody",
    "intelligence service": "GovernmentBody", "secret service": "GovernmentBody", "army": "ArmedForces",
    "armed forces": "ArmedForces", "military": "ArmedForces", "navy": "ArmedForces", "air force": "ArmedForces",
}

# Last words of the name of a treaty or a law, which NER takes for an organization's ("the European Convention on
# Human Rights", "the North American Free Trade Agreement"): no organization.
TREATY_WORDS = frozenset({"convention", "agreement", "treaty", "pact", "protocol", "charter", "accords"})
