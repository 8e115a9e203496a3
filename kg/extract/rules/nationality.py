"""Rules for nationality: a country's adjective or name describing a person, and the offices a country gives."""

from __future__ import annotations

from ...records import Relation
from ..registry import Article, Example, Rule
from .. import nationality as N


def _offices(art: Article) -> list[Relation]:
    return N.office_nationalities(art.found)


RULES = (
    Rule(("nationality:modifier", "nationality:demonym", "nationality:title-reference", "nationality:apposition",
          "nationality:copula", "nationality:citizenship", "nationality:of-country", "nationality:body"), "sentence", ("nationality",), (
        Example("The French journalist Pierre Dupont was arrested.", "Pierre Dupont", "nationality", "France",
                "nationality:modifier"),
        Example("Japanese Shinzo Abe said on Monday that he would resign.", "Shinzo Abe", "nationality", "Japan",
                "nationality:demonym"),
        Example("Pierre Dupont, a French national, was arrested.", "Pierre Dupont", "nationality", "France",
                "nationality:apposition"),
        Example("Anna Berg is a Swedish citizen.", "Anna Berg", "nationality", "Sweden", "nationality:copula"),
        Example("Karim Nasser, who holds Canadian citizenship, was arrested.", "Karim Nasser", "nationality", "Canada",
                "nationality:citizenship"),
        Example("Karim Nasser, who holds German and Turkish citizenship, was arrested.", "Karim Nasser",
                "nationality", "Turkey", "nationality:citizenship"),
        Example("Karim Nasser, a citizen of Canada, was arrested.", "Karim Nasser", "nationality", "Canada",
                "nationality:of-country"),
        Example("Lea Moreau, who holds the citizenship of Belgium, was freed.", "Lea Moreau", "nationality",
                "Belgium", "nationality:of-country"),
        Example("Jonas Keller, a member of the German parliament, criticised the plan.", "Jonas Keller",
                "nationality", "Germany", "nationality:body"),
        Example("The Polish foreign ministry's Anna Nowak said the talks had failed.", "Anna Nowak", "nationality",
                "Poland", "nationality:body"),
    ), N.nationalities, N.nationalities.__doc__),
    Rule(("nationality:office",), "inference", ("nationality",), (
        Example("President Juan Perez of Chile spoke on Monday.", "Juan Perez", "nationality", "Chile",
                "nationality:office"),
    ), _offices, N.office_nationalities.__doc__),
)
