"""What the relation extractors share: the sentence being read and how a relation is made from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..ontology import family
from ..records import Mention, Relation
from .attribution import Attribution, source_for
from .common import MentionIndex


# Class families, from the ontology's class tree (ontology/kg.ttl)
ORG_FAMILY = family("Organization")
AGENTS = family("Agent")  # people, organizations and countries
PLACES = family("Location")  # countries, cities and other places


@dataclass
class Sent:
    doc: object
    span: object
    index: int
    mentions: MentionIndex
    attributions: list[Attribution]
    anchor: date | None
    focus: Mention | None = None  # the organization the article is about, if one stands out
    country: Mention | None = None  # the country the article is about, if one stands out


def make_relation(ctx: Sent | None, subj: Mention, pred: str, obj: Mention, rule: str, conf: float, *, sent: int | None = None,
         verb: str | None = None, role: str | None = None, when: date | None = None, tokens: list[int] | None = None,
         former: bool = False) -> Relation:
    source = None
    if ctx is not None:
        source = source_for(ctx.attributions, tokens or [], {subj, obj})
    return Relation(subj=subj, pred=pred, obj=obj, sent=ctx.index if ctx else (sent or 0), rule=rule,
                    confidence=conf, verb=verb, role=role, date=when, source=source, former=former)


def span_of(ctx: Sent, m: Mention):
    return ctx.doc.char_span(m.start, m.end, alignment_mode="expand")


def sentence_mentions(ctx: Sent) -> list[tuple[Mention, object]]:
    """The mentions of the sentence with their token spans, in order (worked out once per sentence)."""
    cached = ctx.__dict__.get("_mentions")
    if cached is not None:
        return cached
    out = []
    for m in ctx.mentions.in_span(ctx.span.start, ctx.span.end):
        sp = span_of(ctx, m)
        if sp is not None:
            out.append((m, sp))
    ctx.__dict__["_mentions"] = out
    return out
