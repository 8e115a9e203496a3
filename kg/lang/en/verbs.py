"""Verbs: modal and reporting verbs, verbs that say their subject is a person, and the verbs of relations."""

# Modal auxiliaries: "X could attack Y" states no attack, so no typed relation and no event.
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "'ll", "can", "must", "shall"})

# Verbs of saying and reporting (lemmas): "X said that ..." attributes the clause to X, and a date that
# belongs to one ("..., CNN reported on Sunday") is the report's date, not the event's.
REPORTING_VERBS = frozenset({
    "say", "report", "tell", "write", "claim", "announce", "state", "insist", "confirm", "reveal",
    "allege", "add", "note", "warn", "explain", "tweet", "post", "cite", "quote", "declare", "argue",
    "broadcast", "publish", "disclose",
})

# Verbs whose subject is a person (lemmas): "X conceded" makes a lone name a person's.
PERSON_SUBJECT_VERBS = frozenset({
    "say", "tell", "write", "add", "hint", "insist", "agree", "claim", "announce", "warn", "deny",
    "argue", "explain", "believe", "think", "resign", "die", "marry", "tweet", "post", "vow", "urge",
    "concede", "congratulate", "pledge", "campaign", "admit", "apologize", "apologise", "recall", "smile",
})

# Verbs whose object is mostly a person (lemmas): "met X", "congratulated X".
SOCIAL_VERBS = frozenset({
    "meet", "call", "thank", "criticize", "criticise", "praise", "accuse", "elect", "interview", "phone",
    "urge", "invite", "visit", "congratulate", "blame", "sue", "fire", "appoint", "name", "endorse", "defeat",
    "replace", "succeed", "arrest", "kill", "pardon", "impeach", "telephone", "greet", "host", "warn", "tell",
})

# Verbs that give a name (lemmas): "an operation they called X".
NAMING_VERBS = frozenset({"call", "name", "dub", "codename", "code-name", "title", "know"})
# The same as written before the name: "a campaign dubbed X", "an operation known as X".
NAMING_PARTICIPLES = frozenset({"called", "named", "dubbed", "codenamed", "code-named", "titled", "known"})

# Verbs that give a person a post (lemmas): "Y named X as its chief executive".
APPOINT_VERBS = frozenset({
    "name", "appoint", "elect", "nominate", "promote", "hire", "choose", "select", "pick", "install",
    "make", "reappoint", "re-elect", "reelect", "designate", "confirm", "swear",
})

# Verbs of holding or taking a citizenship (lemmas): "X, who holds Canadian citizenship".
HOLD_VERBS = frozenset({"hold", "have", "take", "acquire", "obtain", "receive", "carry", "get"})

# Verbs of buying (lemmas): their object may be a stake in the company ("bought a 20% stake in X").
ACQUIRE_VERBS = frozenset({"acquire", "buy", "purchase", "take"})
# Prepositions after a noun of holding that name what is held: "bought a stake in X", "acquired control of X".
HOLDING_PREPOSITIONS = ("in", "of")

# Verbs whose passive has no agent and keeps the relation symmetric: "X is linked to Y".
SYMMETRIC_PASSIVES = frozenset({"link", "tie", "connect", "associate"})

# Verbs that lend their object noun the meaning (LIGHT_NOUNS): "carried out strikes on X", "imposed sanctions on X".
LIGHT_VERBS = frozenset({"carry", "conduct", "launch", "mount", "impose", "stage", "make", "begin", "slap", "levy"})

# Prepositions that take the object of a light verb's noun: "imposed sanctions on Iran", "carried out strikes
# against X".
LIGHT_NOUN_PREPOSITIONS = ("on", "against")

# Prepositions that take a verb's object where RELATION_VERBS names none (or does not list the verb): "talked to
# X", "sided with X", "protested against X", "called on X".
OBJECT_PREPOSITIONS = ("to", "with", "against", "on")

# Verbs of starting (lemmas) whose object is what is launched: "started an offensive".
START_VERBS = frozenset({"start", "launch"})

# Verbs that announce a nominal of action: "X announced the launch of Y", "X ordered the invasion of Y".
ANNOUNCING_VERBS = frozenset({"report", "announce", "order", "begin", "start", "confirm", "declare", "authorize", "approve"})

# Verb lemma -> (property, prepositions that introduce the object when there is no direct object).
RELATION_VERBS: dict[str, tuple[str, tuple[str, ...]]] = {
    **{v: ("attacked", ("on", "against", "at", "into")) for v in (
        "attack", "strike", "bomb", "hit", "raid", "shell", "invade", "assault", "target", "kill",
        "shoot", "ambush", "fire")},
    **{v: ("launched", ()) for v in ("launch", "start", "begin", "initiate", "mount")},
    **{v: ("designated", ()) for v in ("designate", "label", "list", "brand", "classify", "declare")},
    # ("command" is leaderOf, below)
    # ("command" is leaderOf, below)
    **{v: ("ordered", ("on", "against")) for v in ("order", "authorize", "authorise", "direct", "force",
                                                    "compel", "oblige", "require")},
    **{v: ("linkedTo", ("to", "with")) for v in ("link", "tie", "connect", "associate")},
    **{v: ("defeated", ()) for v in ("defeat", "beat", "oust", "overthrow")},
    **{v: ("asked", ("on",)) for v in ("ask", "urge", "request", "call", "petition", "implore")},
    **{v: ("smuggledTo", ("to", "into")) for v in ("smuggle", "traffic")},
    **{v: ("deployedTo", ("to", "into")) for v in ("deploy", "send", "dispatch")},
    **{v: ("sanctioned", ()) for v in ("sanction", "embargo")},
    **{v: ("supports", ()) for v in ("support", "back", "endorse", "praise", "welcome")},
    **{v: ("opposes", ()) for v in ("oppose", "condemn", "criticize", "criticise", "denounce", "reject")},
    **{v: ("metWith", ("with",)) for v in ("meet",)},
    **{v: ("acquired", ()) for v in ("acquire", "buy", "purchase")},
    **{v: ("founded", ()) for v in ("found", "establish", "create", "form")},
    **{v: ("leaderOf", ()) for v in ("lead", "head", "run", "chair", "command", "govern", "rule")},
    **{v: ("memberOf", ()) for v in ("join",)},
    **{v: ("worksFor", ("for", "at")) for v in ("work",)},  # "X has worked for Y", "X works at Y"
    **{v: ("owns", ()) for v in ("own", "control")},
}

# Particles that give a relation verb another sense: "ruled out a deal", "backed down", "called off the
# talks", "ran away from": no relation of the verb alone ("carried out strikes" is read by its noun instead).
SENSE_PARTICLES = frozenset({"out", "off", "down", "away"})

# Verbs (lemmas) that give their subject a role or a class: "X is the president of Y", "X became a citizen".
COPULA_VERBS = frozenset({"be", "become", "remain"})

# Adverbs read over after a copula: "X is now the president of Y", "X is also a member of Y".
COPULA_ADVERBS = frozenset({"now", "also", "still"})

# Verbs (lemmas) whose passive with "by" credits a source with the sentence before: "This was reported by the AP."
REPORTED_BY_VERBS = frozenset({"report", "confirm", "announce"})

# Verbs (lemmas) of sending forces: "US warships were deployed" makes the forces' country the actor.
DEPLOYMENT_VERBS = frozenset({"deploy", "dispatch", "station"})
