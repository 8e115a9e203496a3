"""The rule files: each module holds a tuple RULES of `registry.Rule` entries, with their examples.

A new module must also be placed in ORDER (the registry refuses a rule file that is not; see registry.py and
docs/ARCHITECTURE.md, "How to add a relation type")."""

# The order the rule files run in within a phase; a file's rules run in the order it lists them. Order decides
# ties: of two rules giving the same relation with the same confidence, the one run first keeps its `kg:rule`
# (relations._dedupe), and a mention rule sees the tokens taken by the rules before it.
ORDER = (
    "mentions",  # mentions from cue words and bodies' head words ("Operation X", "the US military")
    "holdings",  # parents, units and bodies named after their owner
    "nationality",  # a country's adjective or name describing a person; the offices a country gives
    "places",  # places in places, seats, borders, parts of bodies
    "roles",  # the roles people hold; then titles left implied, once every stated role is known
    "spokesperson",  # who speaks for whom
    "verbs",  # verbs and nouns of action between agents
    "events",  # which word names an event of which class (phase "event", read by events.py)
    "background",  # what the gazetteer knows of the places named (phase "background", run by graph.py when asked)
)
