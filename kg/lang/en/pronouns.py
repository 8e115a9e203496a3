"""Pronouns and descriptions the resolver (kg/extract/coref.py) reads, and the words that decide their gender
and class."""

from __future__ import annotations

# pronouns of a man, a woman, and of a thing or a body
MASCULINE = {"he", "him", "his", "himself"}
FEMININE = {"she", "her", "hers", "herself"}
NEUTER = {"it", "its", "itself"}
# plural pronouns, resolved only to an organization, a group, a country or an armed force ("Hamas said they")
PLURAL = {"they", "their", "them", "themselves"}

# descriptions of an organization and the classes they may stand for
ORG_DESCRIPTIONS: dict[str, set[str]] = {
    **{n: {"Company", "Organization"} for n in (
        "company", "firm", "carmaker", "automaker", "airline", "manufacturer", "bank", "retailer", "insurer",
        "conglomerate", "corporation", "automobile maker", "plane maker", "planemaker", "chipmaker", "lender",
        "broadcaster", "publisher", "operator", "supplier", "producer", "giant")},
    "group": {"Organization", "Company", "CriminalOrganization", "PoliticalParty", "ArmedForces"},
    "party": {"PoliticalParty"},
    "militia": {"ArmedForces", "CriminalOrganization", "Organization"},
    "organization": {"Organization", "GovernmentBody", "CriminalOrganization"},
    "organisation": {"Organization", "GovernmentBody", "CriminalOrganization"},
    "alliance": {"Organization"},
    "agency": {"GovernmentBody", "Organization", "NewsOrganization"},
    "newspaper": {"NewsOrganization"}, "daily": {"NewsOrganization"}, "network": {"NewsOrganization"},
    "cartel": {"CriminalOrganization"}, "gang": {"CriminalOrganization"},
}

# descriptions of a country ("the country said"): resolved only to a country
COUNTRY_NOUNS = {"country", "nation"}

# the noun of "the Kenyan capital": the capital countryinfo gives for the country before it
CAPITAL_NOUNS = {"capital"}

# nouns for a person that the article may not name: "a spokesman said he ...", "his wife said she ..."
UNNAMED_PERSON_NOUNS = {"man", "woman", "boy", "girl", "person", "wife", "husband", "son", "daughter", "mother",
                 "father", "brother", "sister", "widow", "friend", "victim", "suspect", "witness", "driver",
                 "pilot", "soldier", "student", "teacher", "doctor", "lawyer", "colleague", "rival", "successor",
                 "predecessor", "candidate", "opponent", "member", "resident", "player", "leader", "owner"}

# nouns and titles of a man and of a woman: "he" is not resolved to a name they give another gender ("Queen X")
MALE_NOUNS = {"man", "boy", "husband", "son", "father", "brother", "mr", "sir", "king", "prince", "lord",
               "spokesman", "chairman", "congressman", "businessman", "emir", "sultan", "sheikh"}
FEMALE_NOUNS = {"woman", "girl", "wife", "daughter", "mother", "sister", "widow", "mrs", "ms", "miss", "madam",
                 "queen", "princess", "lady", "dame", "spokeswoman", "chairwoman", "congresswoman",
                 "businesswoman"}

# verbs whose "it" subject is often no thing at all: "it is likely that", "it emerged that", "it rained"
EMPTY_IT_VERBS = {"be", "seem", "appear", "remain", "become", "take", "happen", "matter", "rain", "emerge", "turn",
                   "follow", "mean", "cost", "look", "sound", "feel", "make", "get"}

# verbs of saying and thinking (lemmas): "X said he ..." makes "he" X; "said X from Y" (rules/roles.py)
SPEECH_AND_THOUGHT_VERBS = {"say", "tell", "add", "announce", "state", "claim", "insist", "argue", "explain", "note",
                 "warn", "believe", "think", "deny", "admit", "confirm", "report", "write", "declare", "promise",
                 "vow", "hope", "suggest", "stress", "acknowledge", "predict", "expect", "fear"}

# Pronouns that, as the subject of a reported clause, stand for the speaker: "Cisco said it would buy X".
SPEAKER_PRONOUNS = {"it", "they"}

# Pronouns that stand for the sentence before: "This was reported by the AP."
SENTENCE_PRONOUNS = {"this", "it", "that"}

# Possessives of a person before "government": "the Chilean president and his government".
PERSON_POSSESSIVES = {"his", "her", "their"}
