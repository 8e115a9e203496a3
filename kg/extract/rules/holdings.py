"""Rules for what companies and bodies hold: parents, units, bodies named after their owner."""

from __future__ import annotations

from ..registry import Example, Rule
from .. import holdings as H


RULES = (
    Rule(("partOf:parent",), "sentence", ("partOf",), (
        Example("Norvik Air parent Halden Group said profits fell.", "Norvik Air", "partOf", "Halden Group",
                "partOf:parent"),
        Example("Halden Group, the parent company of Norvik Air, said profits fell.", "Norvik Air", "partOf",
                "Halden Group", "partOf:parent"),
    ), H.parents, H.parents.__doc__),
    Rule(("partOf:owner-unit",), "sentence", ("partOf",), (
        Example("Halden Group's Brightwater unit said sales fell.", "Brightwater", "partOf", "Halden Group",
                "partOf:owner-unit"),
    ), H.units, H.units.__doc__),
    Rule(("partOf:owner-possessive",), "sentence", ("partOf",), (
        Example("The Halden Army's Coastal Command sent planes.", "Coastal Command", "partOf", "Halden Army",
                "partOf:owner-possessive"),
    ), H.owned_names, H.owned_names.__doc__),
)
