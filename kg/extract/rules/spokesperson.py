"""Who speaks for whom: "X, a spokesman for Y", "Y spokeswoman X", "X, who speaks for Y" (kg:spokespersonFor)."""

from __future__ import annotations

from ...lang.en import ARTICLES, SPEAK_FORMS, SPOKESPERSON_PREPOSITIONS, SPOKESPERSON_TITLES
from ...records import Relation
from ..context import AGENTS, Sent, make_relation, sentence_mentions, span_of
from ..registry import Example, Rule, matcher_body

_SPOKES = {"IN": sorted(SPOKESPERSON_TITLES)}
# kg:spokespersonFor refines kg:worksFor; a role in a party or an armed group is membership (kg:memberOf, read by
# the role rules), so those are left to them
_MEMBERSHIP = {"PoliticalParty", "CriminalOrganization"}

PATTERNS = {
    # "X, a spokesman for Y", "X, the chief spokeswoman of Y": the person before, the body after
    "after": [[{"ORTH": ","}, {"LOWER": {"IN": sorted(ARTICLES)}}, {"POS": "ADJ", "OP": "?"}, {"LOWER": _SPOKES},
               {"LOWER": {"IN": sorted(SPOKESPERSON_PREPOSITIONS)}}]],
    # "X, who speaks for Y"
    "speaks": [[{"ORTH": ","}, {"LOWER": "who"}, {"LOWER": {"IN": sorted(SPEAK_FORMS)}}, {"LOWER": "for"}]],
    # "Y spokeswoman X", "Y's spokesman X": the body before, the person after
    "before": [[{"LOWER": _SPOKES}]],
}


def _spokesperson(ctx: Sent, key: str, match) -> list[Relation]:
    doc = ctx.doc
    if key == "before":
        possessive = match.start > ctx.span.start and doc[match.start - 1].tag_ == "POS"  # "Siemens' spokesman"
        body = _named(ctx, end=match.start - possessive)
        comma = match.end < ctx.span.end and doc[match.end].text == ","  # "a Taliban spokesman, X, said"
        person = _named(ctx, start=match.end + comma)
    else:
        person = _named(ctx, end=match.start)
        body = _named(ctx, start=match.end + (match.end < ctx.span.end and doc[match.end].lower_ == "the"))
    if person is None or body is None or person.cls != "Person" or body.cls not in AGENTS - _MEMBERSHIP - {"Person"}:
        return []
    word = next(t.lower_ for t in match if t.lower_ in SPOKESPERSON_TITLES | SPEAK_FORMS)
    return [make_relation(ctx, person, "spokespersonFor", body, f"spokesperson:{key}", 0.85, role=word,
                          tokens=[span_of(ctx, person).root.i])]


def _named(ctx: Sent, *, start: int | None = None, end: int | None = None):
    """The longest name (not a demonym) whose tokens start at `start`, or end just before `end`."""
    starts, ends = _edges(ctx)
    return starts.get(start) if start is not None else ends.get(end)


def _edges(ctx: Sent) -> tuple[dict, dict]:
    """The sentence's longest name starting at each token and ending before each token (made once per
    sentence, so that a sentence of many matches stays linear)."""
    cached = ctx.__dict__.get("_name_edges")
    if cached is None:
        starts: dict[int, tuple[int, object]] = {}
        ends: dict[int, tuple[int, object]] = {}
        for m, sp in sentence_mentions(ctx):
            if m.kind != "name":
                continue
            size = sp.end - sp.start
            if sp.start not in starts or size > starts[sp.start][0]:
                starts[sp.start] = (size, m)
            if sp.end not in ends or size > ends[sp.end][0]:
                ends[sp.end] = (size, m)
        cached = ({k: v[1] for k, v in starts.items()}, {k: v[1] for k, v in ends.items()})
        ctx.__dict__["_name_edges"] = cached
    return cached


RULES = (
    Rule(("spokesperson:after", "spokesperson:before", "spokesperson:speaks"), "sentence", ("spokespersonFor",), (
        Example("Anna Weber, a spokeswoman for Siemens, declined to comment.", "Anna Weber", "spokespersonFor",
                "Siemens", "spokesperson:after"),
        Example("Tom Hale, the chief spokesman of the World Health Organization, said the risk was low.", "Tom Hale",
                "spokespersonFor", "World Health Organization", "spokesperson:after"),
        Example("Siemens spokeswoman Anna Weber declined to comment.", "Anna Weber", "spokespersonFor", "Siemens",
                "spokesperson:before"),
        Example("Mark Lee, who speaks for Amnesty International, said aid was late.", "Mark Lee", "spokespersonFor",
                "Amnesty International", "spokesperson:speaks"),
        Example("A Pentagon spokesman, Omar Khan, said the strike worked.", "Omar Khan", "spokespersonFor",
                "Pentagon", "spokesperson:before"),
    ), matcher_body(PATTERNS, _spokesperson), __doc__),
)
