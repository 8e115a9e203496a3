"""Events: trigger words by kind, words that make an event unreal, weapons, nouns of actions, equipment."""

# Nouns of military or hostile action an attack verb's object may be: "launched strikes on X" targets X.
EVENT_NOUNS = frozenset({
    "attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "raid", "raids",
    "bombing", "bombings", "operation", "operations", "action", "actions", "offensive",
    "sanctions", "invasion", "assault", "war", "campaign", "intervention",
})
# Prepositions after such a noun that name what it is aimed at: "strikes on X", "an attack against X", "a raid in X",
# "fire at X", "control over X", "the invasion of X".
EVENT_NOUN_PREPOSITIONS = ("on", "against", "in", "at", "over", "of")

# Words that introduce a military operation's name: "Operation X", "a campaign dubbed X".
OPERATION_CUES = frozenset({"operation", "campaign", "offensive", "mission", "exercise", "exercises"})

# Words that mark equipment (aircraft, ships, weapons), which kg does not make entities of: "B-52 bombers".
EQUIPMENT_WORDS = frozenset({
    "jet", "jets", "fighter", "fighters", "bomber", "bombers", "aircraft", "plane", "planes", "drone",
    "drones", "helicopter", "helicopters", "missile", "missiles", "tank", "tanks", "warship", "warships",
    "ship", "ships", "carrier", "submarine", "submarines", "rifle", "rifles", "rocket", "rockets",
    "destroyer", "frigate", "vessel", "vessels", "airliner", "airliners",
})

# Nouns that a light verb (verbs.LIGHT_VERBS) turns into a relation: "carried out strikes on X" -> attacked.
LIGHT_NOUNS = {
    **{n: "attacked" for n in ("attack", "strike", "airstrike", "raid", "bombing", "assault", "offensive",
                               "invasion", "bombardment", "shelling")},
    "sanction": "sanctioned", "embargo": "sanctioned",
}

# Nominals of action -> their property: "X announced the launch of Y", "X's invasion of Y".
NOMINALS = {
    "launch": "launched", "start": "launched", "beginning": "launched", "designation": "designated",
    "invasion": "attacked", "purchase": "acquired", "acquisition": "acquired", "takeover": "acquired",
    "buyout": "acquired",
}

# Triggers of the other kinds of news event (ACE 2005, KAIROS), verb lemma -> kind (see extract/event_types.py).
VERB_KINDS = {
    **dict.fromkeys(("protest", "demonstrate", "rally"), "Demonstration"),
    **dict.fromkeys(("apprehend",), "Arrest"),
    **dict.fromkeys(("charge", "indict", "prosecute"), "Charge"),
    **dict.fromkeys(("convict", "acquit"), "Trial"),
    **dict.fromkeys(("sentence",), "Sentencing"),
    **dict.fromkeys(("release", "free", "parole"), "Release"),  # only with a person released, see PERSON_TARGET
    **dict.fromkeys(("evacuate",), "Evacuation"),
    **dict.fromkeys(("transport", "airlift", "deliver", "ship"), "Transport"),
    **dict.fromkeys(("appoint", "nominate"), "Appointment"),
    **dict.fromkeys(("resign",), "Resignation"),
    **dict.fromkeys(("acquire", "buy", "purchase"), "Acquisition"),
    **dict.fromkeys(("donate",), "Aid"),
    **dict.fromkeys(("meet",), "Meeting"),
    **dict.fromkeys(("phone", "telephone"), "PhoneCall"),
    **dict.fromkeys(("say", "announce", "state", "declare", "tell"), "PublicStatement"),
    **dict.fromkeys(("crash", "collide", "derail"), "Crash"),
}
# The same, noun lemma -> kind.
NOUN_KINDS = {
    **dict.fromkeys(("protest", "demonstration", "rally"), "Demonstration"),
    **dict.fromkeys(("detention",), "Arrest"),
    **dict.fromkeys(("indictment", "prosecution"), "Charge"),
    **dict.fromkeys(("trial",), "Trial"),
    **dict.fromkeys(("release",), "Release"),  # only with a person released, see PERSON_TARGET
    **dict.fromkeys(("evacuation",), "Evacuation"),
    **dict.fromkeys(("airlift", "shipment", "delivery"), "Transport"),
    **dict.fromkeys(("appointment", "nomination"), "Appointment"),
    **dict.fromkeys(("resignation",), "Resignation"),
    **dict.fromkeys(("acquisition", "purchase", "takeover", "buyout", "merger"), "Acquisition"),
    **dict.fromkeys(("aid", "donation"), "Aid"),
    **dict.fromkeys(("meeting", "summit"), "Meeting"),
    **dict.fromkeys(("statement", "announcement", "declaration"), "PublicStatement"),
    **dict.fromkeys(("earthquake", "quake", "tremor"), "Earthquake"),
    **dict.fromkeys(("flood", "flooding"), "Flood"),
    **dict.fromkeys(("fire", "blaze", "wildfire"), "Fire"),
    **dict.fromkeys(("crash", "collision", "derailment"), "Crash"),
}
# Triggers of conflict and the first kinds kg read, verb lemma -> kind; they win over VERB_KINDS.
CONFLICT_VERB_TRIGGERS = {
    **dict.fromkeys(("attack", "strike", "bomb", "raid", "shell", "invade", "assault", "ambush", "storm"), "Attack"),
    **dict.fromkeys(("explode", "detonate"), "Explosion"),
    **dict.fromkeys(("fire", "launch"), "Attack"),  # only with a weapon as object (WEAPON_WORDS)
    **dict.fromkeys(("designate",), "Designation"),
    **dict.fromkeys(("deploy", "dispatch", "station"), "Deployment"),
    **dict.fromkeys(("elect", "re-elect", "reelect"), "Election"),
    **dict.fromkeys(("kill", "die"), "Killing"),
    **dict.fromkeys(("sanction",), "Sanction"),
    **dict.fromkeys(("arrest", "detain", "capture"), "Arrest"),
    **dict.fromkeys(("sign",), "Agreement"),
}
# The same, noun lemma -> kind; they win over NOUN_KINDS.
CONFLICT_NOUN_TRIGGERS = {
    **dict.fromkeys(("attack", "strike", "airstrike", "bombing", "raid", "invasion", "assault", "ambush",
                     "shelling", "offensive"), "Attack"),
    **dict.fromkeys(("explosion", "blast", "detonation"), "Explosion"),
    **dict.fromkeys(("launch",), "Launch"),
    **dict.fromkeys(("designation",), "Designation"),
    **dict.fromkeys(("deployment",), "Deployment"),
    **dict.fromkeys(("election", "referendum"), "Election"),
    **dict.fromkeys(("sanction",), "Sanction"),
    **dict.fromkeys(("arrest",), "Arrest"),
    **dict.fromkeys(("agreement", "accord", "treaty", "deal", "ceasefire"), "Agreement"),
}
# Every event trigger, verb and noun lemma -> kind.
VERB_TRIGGERS = {**VERB_KINDS, **CONFLICT_VERB_TRIGGERS}
NOUN_TRIGGERS = {**NOUN_KINDS, **CONFLICT_NOUN_TRIGGERS}

# "a phone call", "a telephone call": the noun call is a phone call only with these words.
PHONE_WORDS = frozenset({"phone", "telephone"})

# What "fire" and "launch" must have as object to be an attack: "fired missiles at X".
WEAPON_WORDS = frozenset({
    "missile", "missiles", "rocket", "rockets", "drone", "drones", "shell", "shells", "bomb", "bombs",
    "shot", "shots", "salvo", "barrage", "mortar", "mortars", "artillery", "round", "rounds", "grenade",
    "grenades", "torpedo", "torpedoes", "strikes", "attacks",
})

# Words above a trigger that make its event planned, possible, wished or denied, not one that happened
# (lemmas; modal verbs are verbs.MODALS).
IRREALIS_WORDS = frozenset({
    "ability", "able", "plan", "prepare", "threaten", "warn", "want", "seek", "consider", "intend",
    "try", "propose", "could", "would", "will", "may", "might", "should", "if", "unless", "whether",
    "possible", "potential", "deny", "ready", "willing", "refuse", "expect", "promise", "pledge", "vow", "fail",
    "threat", "prospect", "possibility", "bid", "offer", "cancel", "postpone", "scrap", "abandon",
})

# Words before an event noun that make it planned or possible: "a planned attack", "the proposed takeover"
# (as written and as lemmas; "no" as its determiner denies it: "there was no attack")
IRREALIS_MODIFIERS = frozenset({
    "planned", "plan", "proposed", "propose", "possible", "potential", "threatened", "rumoured", "rumored",
    "hypothetical", "future", "intended", "expected", "prospective", "would-be",
})

# Verbs whose subject reacts to an event someone else did, so is not its actor: "Germany condemned the attack"
REACTION_VERBS = frozenset({
    "condemn", "denounce", "criticize", "criticise", "deplore", "blame", "protest", "welcome", "investigate",
    "survive", "witness", "suffer", "fear", "prevent", "repel", "thwart", "foil", "oppose", "mourn", "report",
    "describe", "discuss", "deny", "dispute", "reject", "decry", "regret", "escape", "recall", "remember",
    "face",
})

# Nouns of the members of an armed group or a force: "fighters from X", "members of X" act for X
FIGHTER_NOUNS = frozenset({
    "member", "fighter", "militant", "gunman", "soldier", "troop", "force", "rebel", "insurgent", "militiaman",
    "loyalist", "unit", "commando", "agent", "jihadist", "guerrilla", "operative",
})

# Verbs of claiming an attack: "X claimed responsibility for the attack" makes X its actor
CLAIM_VERBS = frozenset({"claim", "accept", "take", "admit"})

# Words of raiding and searching: by police or investigators (people.LAW_ENFORCEMENT_WORDS), a raid, not an attack
RAID_WORDS = frozenset({"raid", "storm", "search"})

# Verbs that state a relation or a state rather than an action, and the attribution "according to"
NOT_EVENT_VERBS = {"accord", "base", "exist", "consist", "comprise", "belong", "seem", "tend", "equal", "name",
                   "entitle", "call", "title", "head", "headquarter", "locate", "situate", "center", "centre",
                   "mean", "matter", "concern", "relate", "regard", "involve", "dub", "label"}

# Nouns that name an action or a happening without an event suffix; the value is the verb whose reports
# they cluster with ("sales" with "sold"), or the noun itself
OTHER_EVENT_NOUNS = {
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

# Endings that make a noun of an action of a verb: "acquisition", "announcement", "bombing" (a noun ending so, four
# letters or more before it, is an action of no typed kind unless NOT_EVENT_NOUNS lists it).
ACTION_NOUN_SUFFIXES = ("ation", "ition", "tion", "sion", "ment", "ing")
# Endings cut from a trigger to find the word it shares with another ("announcement" and "announce", "approval" and
# "approve", "delivery" and "deliver"): the first that fits is cut.
STEM_SUFFIXES = ACTION_NOUN_SUFFIXES + ("al", "ance", "ence", "ure", "ery", "y", "e")

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
    "destination", "jurisdiction", "infrastructure", "legislation", "regulation", "competition",
    "capitalization", "valuation", "duration", "combination", "collection", "solution", "technology",
    "building", "housing", "clothing", "morning", "evening", "ceiling", "earnings", "savings", "holdings",
    "thing", "something", "nothing", "anything", "everything", "king", "ring", "string", "wing", "spring",
    "feeling", "meaning", "setting", "listing", "rating", "ranking", "timing", "recording", "painting", "drawing",
    "heading", "wording", "marketing", "engineering", "training", "beginning", "sibling", "darling", "pudding",
    "standing", "understanding", "belonging", "surroundings", "proceedings",
}

# Verbs and nouns that report one kind of action under other words (same event when they share an argument)
ACTION_SYNONYMS = [
    {"buy", "purchase", "acquire", "acquisition", "takeover"},
    {"fall", "drop", "decline", "slip", "plunge", "tumble", "slide", "sink", "plummet", "dip"},
    {"rise", "gain", "increase", "climb", "surge", "jump", "rally", "soar", "rebound", "grow"},
    {"sell", "sale"},
    {"cut", "reduce", "reduction", "slash"},
    {"sue", "lawsuit"},
    {"win", "victory"},
    {"plan", "intend", "intention"},
    {"agree", "agreement", "deal", "settlement"},
]

# Words of a toll: deaths and injuries counted in a sentence ("eight people were killed", "95 died", "12 wounded").
DEATH_WORDS = frozenset({"kill", "die", "dead"})
INJURY_WORDS = frozenset({"injure", "wound", "hurt", "injured", "wounded"})
# The verbs of a death that stand for a killing when a sentence gives a toll and names no other event.
KILLING_VERBS = frozenset({"kill", "die"})

# Verbs (lemmas) whose object is struck "with" something: "X was hit with sanctions" makes X the target.
STRUCK_VERBS = frozenset({"hit", "slap", "target", "punish"})

# Prepositions after an event noun that introduce a side of it: "an attack on X", "the invasion of X", "by X".
EVENT_SIDE_PREPOSITIONS = frozenset({"on", "against", "of", "by"})

# Prepositions between fighters and their group: "fighters from X", "members of the X militia".
FIGHTER_PREPOSITIONS = frozenset({"of", "from"})

# Verbs (lemmas) that are an attack only with a weapon as object: "fired missiles", not "fired the manager".
FIRING_VERBS = frozenset({"fire", "launch"})

# Verbs (lemmas) that make the noun "fire" shooting: "opened fire", "exchanged fire", "returned fire".
FIRE_VERBS = frozenset({"open", "exchange", "return"})
