"""Rules for what companies and bodies hold: parents, units, bodies named after their owner."""

from __future__ import annotations

from ...lang.en import APOSTROPHES, PARENT_NOUNS, PARENT_WORDS
from ..registry import Example, Rule, matcher_body
from .. import holdings as H

# "parent" or "owner" as a word of the sentence, its noun ("parent company"), and "of" when the child follows
_PARENT = {"LOWER": {"IN": sorted(PARENT_WORDS)}, "POS": {"IN": ["NOUN", "ADJ", "PROPN"]}}
_PARENT_NOUN = {"LOWER": {"IN": sorted(PARENT_NOUNS)}}
PARENT_PATTERNS = {
    "of": [[_PARENT, {**_PARENT_NOUN, "OP": "?"}, {"LOWER": "of"}]],  # "the parent company of Norvik, Halden"
    "before": [[_PARENT], [_PARENT, _PARENT_NOUN]],  # "Norvik parent Halden", "Norvik's parent company, Halden"
}

# a possessive after an owner's name: "Halden Group's Brightwater unit"
UNIT_PATTERNS = {"possessive": [[{"TAG": "POS"}]], "apostrophe": [[{"LOWER": {"IN": sorted(APOSTROPHES)}}]]}

RULES = (
    Rule(("partOf:parent",), "sentence", ("partOf",), (
        Example("Norvik Air parent Halden Group said profits fell.", "Norvik Air", "partOf", "Halden Group",
                "partOf:parent"),
        Example("Halden Group, the parent company of Norvik Air, said profits fell.", "Norvik Air", "partOf",
                "Halden Group", "partOf:parent"),
        Example("The parent company of Norvik Air, Halden Group, said profits fell.", "Norvik Air", "partOf",
                "Halden Group", "partOf:parent"),
    ), matcher_body(PARENT_PATTERNS, H.parent_match), H.parent_match.__doc__),
    Rule(("partOf:owner-unit",), "sentence", ("partOf",), (
        Example("Halden Group's Brightwater unit said sales fell.", "Brightwater", "partOf", "Halden Group",
                "partOf:owner-unit"),
    ), matcher_body(UNIT_PATTERNS, H.unit_match), H.unit_match.__doc__),
    Rule(("partOf:owner-possessive",), "sentence", ("partOf",), (
        Example("The Halden Army's Coastal Command sent planes.", "Coastal Command", "partOf", "Halden Army",
                "partOf:owner-possessive"),
    ), H.owned_names, H.owned_names.__doc__),
)
