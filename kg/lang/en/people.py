"""Nouns for people: what a person is to others, where a person works, who can be a victim."""

# Staff of an organization: "an analyst at Morgan Stanley", "a spokesman for Ryanair" make the name an organization.
EMPLOYEE_NOUNS = frozenset({
    "analyst", "economist", "strategist", "spokesman", "spokeswoman", "spokesperson", "executive",
    "employee", "engineer", "trader", "researcher", "director", "manager", "official", "lawyer",
})

# What a person is to another person: "Her main rival, X, conceded" (in apposition, the name is a person's).
KIN_AND_RIVAL_NOUNS = frozenset({
    "rival", "wife", "husband", "son", "daughter", "father", "mother", "brother", "sister",
    "opponent", "predecessor", "successor", "widow", "partner", "friend", "ally", "deputy", "aide",
    "lawyer", "challenger", "incumbent", "nominee", "victim", "suspect", "winner", "runner-up",
})

# Nouns that say a person is of a country: "a German national", "Syrian citizens".
NATIONALITY_NOUNS = frozenset({"national", "nationals", "citizen", "citizens", "native", "passport-holder", "subject"})

# Words for a person that a country's adjective before them makes the person's nationality ("a Lebanese
# student"); titles (titles.NEWS_ROLES) count too.
PERSON_NOUNS = frozenset({
    "man", "woman", "boy", "girl", "businessman", "businesswoman", "student", "tourist", "worker",
    "pilot", "soldier", "fighter", "militant", "rebel", "dissident", "blogger", "priest", "nun",
    "hostage", "detainee", "prisoner", "suspect", "victim", "teenager", "father", "mother",
    "aid worker", "artist", "singer", "actor", "actress", "athlete", "photographer", "filmmaker",
    "novelist", "poet", "politician", "billionaire", "tycoon", "entrepreneur", "banker", "investor",
    "negotiator", "official", "separatist", "cleric", "jihadist", "volunteer", "mercenary", "spy",
    "counterpart", "challenger", "evangelist", "winner", "laureate", "champion", "star", "rapper",
})

# Endings of nouns for someone who does something ("physicist", "campaigner", "historian"): a country's
# adjective just before such a noun and a person's name says the person's nationality ("a Russian physicist X").
AGENT_NOUN_ENDINGS = ("er", "or", "ist", "ian")

# Nouns for someone who knows of or reports on a place: a country's name before them is their topic, not their
# nationality ("a Haiti expert at Y", "our Iran correspondent X"); a country's adjective still is ("a German expert").
TOPIC_NOUNS = frozenset({
    "expert", "specialist", "analyst", "scholar", "researcher", "correspondent", "observer", "watcher", "envoy",
    "historian", "commentator", "desk", "editor",
})

# What a person holds to be a country's citizen: "X, who holds Canadian citizenship".
CITIZENSHIP_NOUNS = frozenset({"citizenship", "nationality", "passport"})

# Words read over between a nationality adjective and the person noun: "the Lebanese former jailed lecturer".
NATIONALITY_SKIP = frozenset({
    "the", "a", "an", "former", "then", "late", "ex", "-", "then-", "ex-", "acting", "interim", "new",
    "veteran", "prominent", "leading", "top", "senior", "young", "jailed", "detained", "exiled",
})

# Who can be counted among the dead or injured: "killed 12 civilians", "three soldiers were wounded".
VICTIM_NOUNS = frozenset({
    "people", "person", "civilians", "civilian", "soldiers", "soldier", "troops", "persons", "children",
    "men", "women", "passengers", "crew", "members", "fighters", "militants", "officers", "police",
    "policemen", "residents", "workers", "protesters", "others",
})

# Police and investigators: a raid or search by them is no attack.
LAW_ENFORCEMENT_WORDS = frozenset({
    "police", "policemen", "officers", "investigators", "agents", "prosecutors", "detectives", "authorities",
    "inspectors", "officials", "customs", "fbi", "interpol",
})

# Lower-case particles inside a person's name: "Ursula von der Leyen", "Rafael van der Berg".
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das", "ter",
                            "zu", "bin", "ibn", "le", "la"})

# Prepositions between a staff noun and the organization: "an analyst at Morgan Stanley", "a spokesman for Ryanair".
STAFF_PREPOSITIONS = frozenset({"at", "for"})

# Bodies of a state whose members and officials are its nationals: "X, a member of the German parliament", "the
# Dutch foreign ministry's X" (head nouns: "foreign ministry" ends in "ministry"), read only with a country's name or
# adjective on them. Not embassies, whose local staff need not be nationals.
NATIONAL_BODY_NOUNS = frozenset({
    "parliament", "government", "cabinet", "ministry", "army", "military", "navy", "senate", "legislature",
    "police", "forces",
})

# What a person is in a state's body: "a member of", "an official of/in", "a spokesman for the German government".
BODY_MEMBER_NOUNS = frozenset({
    "member", "members", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "officer",
    "deputy", "lawmaker", "legislator", "representative", "delegate", "minister", "diplomat", "adviser", "advisor",
    "aide", "soldier", "commander", "general", "captain", "player",
})

# Prepositions between such a noun and the body: "a member of", "an official in", "a spokesman for".
BODY_PREPOSITIONS = frozenset({"of", "in", "for", "at"})

# What follows a country's adjective or name when it states no nationality: "Russian-born", "US-based",
# "Saudi-backed", "US-led", "German-made" (tuple: read with str.startswith).
NOT_NATIONALITY_SUFFIXES = ("-born", "-based", "-back", "-led", "-made")

# Head words of bodies one belongs to rather than works for: "X of the Teachers' Union", "X of the Y society" is a
# member (kg:memberOf), as of a party.
MEMBERSHIP_HEADS = frozenset({
    "union", "unions", "society", "association", "federation", "league", "alliance", "movement", "club",
    "confederation", "guild", "chamber",
})
