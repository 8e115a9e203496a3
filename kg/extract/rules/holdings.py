"""Rules for what companies and bodies hold: parents, units, bodies named after their owner."""

from __future__ import annotations

from ..registry import Example, Rule
from .. import holdings as H


RULES = (
    Rule(("partOf:parent",), "sentence", ("partOf",), (
        Example("Airbus parent EADS said profits fell.", "Airbus", "partOf", "EADS", "partOf:parent"),
        Example("EADS, the parent company of Airbus, said profits fell.", "Airbus", "partOf", "EADS", "partOf:parent"),
    ), H.parents, H.parents.__doc__),
    Rule(("partOf:owner-unit",), "sentence", ("partOf",), (
        Example("General Motors' Saturn unit said sales fell.", "Saturn", "partOf", "General Motors",
                "partOf:owner-unit"),
    ), H.units, H.units.__doc__),
    Rule(("partOf:owner-possessive",), "sentence", ("partOf",), (
        Example("The USAF's Mobility Command sent planes.", "Mobility Command", "partOf", "USAF",
                "partOf:owner-possessive"),
    ), H.owned_names, H.owned_names.__doc__),
)
