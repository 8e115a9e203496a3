"""Rules for what agents do to each other: verbs ("Russia attacked Ukraine") and nouns of action ("the invasion of")."""

from __future__ import annotations

from ..registry import Example, Rule
from .. import relations as V

_ACTIONS = ("attacked", "launched", "designated", "ordered", "linkedTo", "defeated", "asked", "smuggledTo",
            "deployedTo", "sanctioned", "supports", "opposes", "metWith", "acquired", "founded", "leaderOf",
            "memberOf", "partOf", "relatedTo", "worksFor")

RULES = (
    Rule(("verb:*",), "sentence", _ACTIONS, (
        Example("Russia attacked Ukraine on Monday.", "Russia", "attacked", "Ukraine", "verb:attack"),
        Example("Germany can attack France.", "Germany", "relatedTo", "France", "verb:generic"),
        Example("Jan Berg has worked for Siemens since 2010.", "Jan Berg", "worksFor", "Siemens", "verb:work"),
        Example("Carlos Ortega has governed Bolivia since 2019.", "Carlos Ortega", "leaderOf", "Bolivia", "verb:govern"),
    ), V._verbs, "A verb between two agents: VERBS names the property of each verb; any other verb is relatedTo."),
    Rule(("noun:*",), "sentence", ("launched", "designated", "attacked", "acquired"), (
        Example("Russia announced the invasion of Ukraine.", "Russia", "attacked", "Ukraine", "noun:invasion"),
    ), V._nominals, V._nominals.__doc__),
)
