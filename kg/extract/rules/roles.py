"""Rules for the roles people hold: titles before and after names, appointments, titles left implied."""

from __future__ import annotations

from collections.abc import Callable

from ...records import Relation
from ..context import Sent, sentence_mentions
from ..registry import Article, Example, Rule
from .. import roles as R


def _each_person(read: Callable, *, titles: bool = False, needs: str = "") -> Callable[[Sent], list[Relation]]:
    """A sentence body that reads each named person of the sentence (or each title standing for one)."""
    def body(ctx: Sent) -> list[Relation]:
        ms = sentence_mentions(ctx)
        extra = (R._by_end(ms),) if needs == "ending" else (ms,) if needs == "mentions" else ()
        out: list[Relation] = []
        for p, psp in ms:
            if p.cls == "Person" and (p.kind == "title") == titles:
                out.extend(read(ctx, p, psp, *extra))
        return out
    return body


def _title_of_before_name(ctx: Sent) -> list[Relation]:
    return R._title_of_before_name(ctx, [(m, sp) for m, sp in sentence_mentions(ctx) if m.cls == "Person"])


def _implied(art: Article) -> list[Relation]:
    known = {r.subj.name.split()[-1].lower() for r in art.found if r.subj.cls == "Person" and r.role}
    known |= R.doubted_people(art.contexts)  # named beside another country: the article's country is no safe guess
    return [r for ctx in art.contexts for r in R.implied_roles(ctx, known)]


RULES = (
    Rule(("role:title-reference",), "sentence", ("leaderOf",), (
        Example("The Venezuelan president Nicolas Maduro said the talks had failed. The Venezuelan president said more.",
                "Nicolas Maduro", "leaderOf", "Venezuela", "role:title-reference"),
    ), _each_person(R._title_reference, titles=True, needs="ending"), R._title_reference.__doc__),
    Rule(("role:modifier", "role:possessive"), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("CBS News journalist Anna Smith said the talks had failed.", "Anna Smith", "worksFor", "CBS News",
                "role:modifier"),
        Example("Apple's Tim Cook spoke on Monday.", "Tim Cook", "worksFor", "Apple", "role:possessive"),
    ), _each_person(R._title_before_name, needs="ending"), R._title_before_name.__doc__),
    Rule(("role:apposition",), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("Maria Lopez, the president of Colombia, spoke on Monday.", "Maria Lopez", "leaderOf", "Colombia",
                "role:apposition"),
    ), _each_person(R._title_in_apposition, needs="ending"), R._title_in_apposition.__doc__),
    Rule(("member:possessive-party",), "sentence", ("memberOf",), (
        Example("Angela Merkel's Christian Democrats won the vote.", "Angela Merkel", "memberOf",
                "Christian Democrats", "member:possessive-party"),
    ), _each_person(R._possessive_party, needs="mentions"), R._possessive_party.__doc__),
    Rule(("member:of-party", "role:of-organization"), "sentence", ("memberOf", "worksFor"), (
        Example("Luis Garcia of the ruling Morena party spoke on Monday.", "Luis Garcia", "memberOf", "Morena",
                "member:of-party"),
        Example("Mike Gikas of Consumer Reports said the car was safe.", "Mike Gikas", "worksFor", "Consumer Reports",
                "role:of-organization"),
    ), _each_person(R._of_party_or_employer, needs="mentions"), R._of_party_or_employer.__doc__),
    Rule(("role:title-of",), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("President Juan Perez of Chile spoke on Monday.", "Juan Perez", "leaderOf", "Chile", "role:title-of"),
    ), _each_person(R._title_name_of), R._title_name_of.__doc__),
    Rule(("role:copula",), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("Anna Smith is the president of Colombia.", "Anna Smith", "leaderOf", "Colombia", "role:copula"),
    ), _each_person(R._title_by_copula), R._title_by_copula.__doc__),
    Rule(("role:title-of-before",), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("The president of Colombia, which borders Venezuela, Gustavo Petro wrote on Monday.", "Gustavo Petro",
                "leaderOf", "Colombia", "role:title-of-before"),
    ), _title_of_before_name, R._title_of_before_name.__doc__),
    Rule(("role:*",), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("GM named Mary Barra as its chief executive.", "Mary Barra", "leaderOf", "GM", "role:name"),
    ), R.appointments, R.appointments.__doc__),
    Rule(("role:implied-country", "role:implied-organization"), "article", ("leaderOf", "worksFor"), (
        Example("Russia held elections. Russia said the vote was fair. President Dmitry Medvedev said the vote was "
                "fair. Russia closed its border.", "Dmitry Medvedev", "leaderOf", "Russia", "role:implied-country"),
        Example("Ford said sales fell. The chief executive officer, Alan Mulally, said costs rose. Ford will "
                "cut jobs. Ford shares fell.", "Alan Mulally", "leaderOf", "Ford", "role:implied-organization"),
    ), _implied, R.implied_roles.__doc__),
)
