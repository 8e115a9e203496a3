"""Events: nouns of actions that relations look through, operation cues, equipment, nominals of action."""

# Nouns of military or hostile action an attack verb's object may be: "launched strikes on X" targets X.
EVENT_NOUNS = frozenset({
    "attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "raid", "raids",
    "bombing", "bombings", "operation", "operations", "action", "actions", "offensive",
    "sanctions", "invasion", "assault", "war", "campaign", "intervention",
})

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
