"""Relations kg adds from its background knowledge (kg/extract/background.py), run by the graph builder only
when asked for: a place the article names is located in the country the gazetteer puts it in."""

from __future__ import annotations

from ...records import Relation
from .. import background as B
from ..registry import Article, Example, Rule


def _gazetteer_places(art: Article) -> list[Relation]:
    return B.gazetteer_places(art.mentions, art.found)


RULES = (
    Rule((B.RULE,), "background", ("locatedIn",), (
        Example("Police in Lyon arrested two men on Monday. France has raised its alert level.", "Lyon", "locatedIn",
                "France", B.RULE),
    ), _gazetteer_places, B.gazetteer_places.__doc__),
)
