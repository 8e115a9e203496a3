"""The kinds of event kg reads beyond conflict, after the ACE 2005 and DARPA KAIROS news types.

Each kind is a class of `ontology/kg.ttl` (a subclass of sem:Event) whose comment says what its actor and
target are (the arrested person is the target of an Arrest, the speaker the actor of a Statement). The
trigger words are general English; a verb trigger takes its subject as actor and its object (or passive
subject) as target, a noun trigger its possessor or "by" phrase as actor and its "of", "on" or "against"
phrase as target, as for attacks.
"""

from __future__ import annotations

from ..lang.en import NOUN_KINDS  # the triggers of these kinds: kg/lang/en/events.py

# Kinds whose trigger is too common in other senses unless the one released or freed is a person
PERSON_TARGET = {"Release"}
# Disasters strike and hit: "the earthquake struck Japan" is no attack
DISASTERS = {lemma for lemma, kind in NOUN_KINDS.items() if kind in {"Earthquake", "Flood", "Fire"}}

# ---------------------------------------------------------------- events of no typed kind
# News names many more actions than the kinds above ("sales fell", "the company posted a loss"). A verb or
# an event noun of no typed kind is a mention of an `OtherEvent` (sem:Event, outside kg:Event), kept so that
# reports of one action can be clustered; see generic_events.py.
GENERIC = "OtherEvent"
# Verbs that state a relation or a state rather than an action, and the attribution "according to"
NOT_EVENT_VERBS = {"accord", "base", "exist", "consist", "comprise", "belong", "seem", "tend", "equal", "name",
                   "entitle", "call", "title", "head", "headquarter", "locate", "situate", "center", "centre",
                   "mean", "matter", "concern", "relate", "regard", "involve", "dub", "label"}
# Nouns that name an action or a happening without an event suffix; the value is the verb whose reports
# they cluster with ("sales" with "sold"), or the noun itself
EVENT_NOUNS = {
    **{w: w for w in ("accident", "attempt", "ban", "bid", "boom", "boycott", "campaign", "ceremony", "change",
                      "closure", "collapse", "conference", "conflict", "crisis", "cut", "deal", "debate", "debut",
                      "decline", "default", "delay", "demand", "disaster", "dispute", "drop", "effort", "end",
                      "event", "failure", "fall", "fight", "gain", "hike", "increase", "interview", "jump", "lawsuit",
                      "move", "offer", "order", "outage", "outbreak", "payment", "plan", "plunge", "recall",
                      "recession", "recovery", "reform", "response", "return", "rise", "sale", "scandal", "search",
                      "shortage", "slump", "speech", "spill", "surge", "talks", "test", "trip", "turmoil", "upgrade",
                      "update", "visit", "vote", "war", "withdrawal", "approval", "arrival", "departure", "proposal",
                      "refusal", "removal", "renewal", "repair", "rescue", "revolt", "riot", "scrutiny", "setback",
                      "shutdown", "slowdown", "downturn", "crackdown", "takeoff", "layoff", "bailout", "breakdown",
                      "walkout", "turnaround", "comeback", "growth", "loss", "flight", "win", "defeat", "victory",
                      "bankruptcy", "controversy", "dedication", "performance", "appearance", "assistance",
                      "compliance", "clearance", "acceptance", "maintenance", "complaint", "strike", "struggle",
                      "loan", "fear", "worry", "hope", "reaction", "breach", "injection", "venture", "partnership")},
    "sale": "sell", "loss": "lose", "flight": "fly", "growth": "grow", "win": "win", "speech": "speak",
    "complaint": "complain", "response": "respond", "failure": "fail", "closure": "close", "departure": "depart",
    "arrival": "arrive", "approval": "approve", "proposal": "propose", "refusal": "refuse", "removal": "remove",
    "renewal": "renew", "withdrawal": "withdraw", "appearance": "appear", "assistance": "assist",
    "payment": "pay", "reaction": "react", "performance": "perform", "injection": "inject",
}
# Nouns with an event suffix (-tion, -sion, -ment, -ing) that name a thing, a body or a state instead
NOT_EVENT_NOUNS = {
    "government", "department", "equipment", "document", "instrument", "environment", "parliament", "apartment",
    "monument", "compartment", "management", "segment", "element", "sentiment", "supplement", "moment",
    "nation", "station", "position", "population", "organization", "organisation", "institution",
    "administration", "corporation", "association", "foundation", "federation", "commission", "coalition",
    "constitution", "delegation", "location", "region", "version", "television", "vision", "division", "mission",
    "session", "relation", "condition", "tradition", "question", "section", "portion", "edition", "generation",
    "information", "provision", "application", "nutrition", "emotion", "fraction", "function", "option",
    "motion", "notion", "ration", "caption", "fiction", "mansion", "pension", "dimension", "tension", "passion",
    "profession", "permission", "expression", "impression", "opinion", "union", "situation", "reputation",
    "destination", "jurisdiction", "population", "infrastructure", "legislation", "regulation", "competition",
    "capitalization", "valuation", "duration", "combination", "collection", "solution", "technology",
    "building", "housing", "clothing", "morning", "evening", "ceiling", "earnings", "savings", "holdings",
    "thing", "something", "nothing", "anything", "everything", "king", "ring", "string", "wing", "spring",
    "feeling", "meaning", "setting", "listing", "rating", "ranking", "timing", "recording", "painting", "drawing",
    "heading", "wording", "marketing", "engineering", "training", "beginning", "sibling", "darling", "pudding",
    "standing", "understanding", "belonging", "surroundings", "proceedings",
}
# Verbs and nouns that report one kind of action under other words (same event when they share an argument)
SYNONYMS = [
    {"buy", "purchase", "acquire", "acquisition", "takeover"},
    {"fall", "drop", "decline", "slip", "plunge", "tumble", "slide", "sink", "plummet", "dip"},
    {"rise", "gain", "increase", "climb", "surge", "jump", "rally", "soar", "rebound", "grow"},
    {"sell", "sale"},
    {"cut", "reduce", "reduction", "slash"},
    {"sue", "lawsuit"},
    {"win", "victory"},
    {"agree", "agreement", "deal", "settlement"},
]
