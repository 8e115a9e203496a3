"""Which organization belongs to which: "Norvik Air parent Halden Group", "the parent company of Norvik Air,
Halden Group", "Halden Group's Brightwater unit", "Halden's Launch Systems and Orbit Program business units"."""

from __future__ import annotations

from ..lang.en import PARENT_NOUNS, PARENT_WORDS, UNIT_NAME_HEADS, UNIT_WORDS
from ..records import Mention, Relation
from .common import APOSTROPHES
from .context import ORG_FAMILY, Sent, make_relation, sentence_mentions, span_of


def _org_at(ctx: Sent, tok) -> Mention | None:
    m = ctx.mentions.at(tok)
    return m if m is not None and m.cls in ORG_FAMILY and m.kind != "demonym" else None


def _is_possessive(tok) -> bool:
    return tok.tag_ == "POS" or tok.lower_ in APOSTROPHES


def is_named_child(ctx: Sent, m: Mention) -> bool:
    """True for "Norvik Air" in "Norvik Air parent Halden Group": named only to say whose parent the next name is."""
    sp = span_of(ctx, m)
    k = sp.end if sp is not None else ctx.span.end
    if k < ctx.span.end and _is_possessive(ctx.doc[k]):
        k += 1
    return k < ctx.span.end and ctx.doc[k].lower_ in PARENT_WORDS


def parents(ctx: Sent) -> list[Relation]:
    """"Norvik parent Halden", "Norvik's parent company Halden", "Halden, the parent company of Norvik", "the
    parent company of Norvik, Halden": the child is part of its parent."""
    doc = ctx.doc
    out = []
    for tok in ctx.span:
        if tok.lower_ not in PARENT_WORDS or tok.pos_ not in {"NOUN", "ADJ", "PROPN"} or ctx.mentions.at(tok):
            continue
        end = tok.i + 1
        if end < ctx.span.end and doc[end].lower_ in PARENT_NOUNS:
            end += 1
        child = parent = None
        after = end
        if end + 1 < ctx.span.end and doc[end].lower_ == "of":  # "the parent company of Norvik"
            k = end + 1
            while k < ctx.span.end and doc[k].lower_ in {"the", "a"}:
                k += 1
            child = _org_at(ctx, doc[k]) if k < ctx.span.end else None
            if child is not None:
                after = span_of(ctx, child).end
        else:  # "Norvik parent", "Norvik's parent", "Norvik Motors' parent"
            k = tok.i - 1
            if k > ctx.span.start and _is_possessive(doc[k]):
                k -= 1
            child = _org_at(ctx, doc[k]) if k >= ctx.span.start else None
            if k >= ctx.span.start and doc[k].lower_ == "its":
                # "its parent company, Halden": the organization named before in the sentence, else the article's
                child = next((m for m in reversed(ctx.mentions.in_span(ctx.span.start, k)) if m.cls in ORG_FAMILY),
                             ctx.focus)
        if child is None:
            continue
        # the parent: named right after ("parent Halden", "parent company, Halden") ...
        k = after
        while k < ctx.span.end and doc[k].text in {",", "the"}:
            k += 1
        parent = _org_at(ctx, doc[k]) if k < ctx.span.end else None
        if parent is None:  # ... or before, with the phrase in apposition ("Halden, the parent company of Norvik")
            k = tok.i - 1
            while k > ctx.span.start and doc[k].lower_ in {"the", "a", "its"}:
                k -= 1
            if doc[k].text == "," and k - 1 >= ctx.span.start:
                parent = _org_at(ctx, doc[k - 1])
        if parent is not None and parent.name != child.name:
            out.append(make_relation(ctx, child, "partOf", parent, "partOf:parent", 0.8, tokens=[tok.i]))
    return out


def owned_names(ctx: Sent) -> list[Relation]:
    """"the Halden Army's Coastal Command", "the Pentagon's Defense Intelligence Agency": a body named after its owner's
    possessive, whose own name says it is a unit."""
    doc = ctx.doc
    out = []
    ms = sentence_mentions(ctx)
    for (owner, osp), (unit, usp) in zip(ms, ms[1:]):
        if owner.cls not in ORG_FAMILY or unit.cls not in ORG_FAMILY or owner.kind == "demonym" or owner.name == unit.name:
            continue
        gap = doc[osp.end: usp.start]
        if len(gap) != 1 or not _is_possessive(gap[0]):
            continue
        if unit.name.split()[-1].lower() in UNIT_NAME_HEADS or unit.cls in {"ArmedForces", "GovernmentBody"} and (
                owner.cls in {"ArmedForces", "GovernmentBody"}):
            out.append(make_relation(ctx, unit, "partOf", owner, "partOf:owner-possessive", 0.75, tokens=[usp.root.i]))
    return out


def units(ctx: Sent) -> list[Relation]:
    """"Halden Group's Brightwater unit", "Norvik's Kestrel plant", "Halden's Launch Systems, Launch Services
    and Orbit Program business units": names between a possessive owner and a word for a unit."""
    doc = ctx.doc
    out = []
    ms = sentence_mentions(ctx)
    for i, (owner, osp) in enumerate(ms):
        if owner.cls not in ORG_FAMILY or owner.kind == "demonym":
            continue
        if osp.end >= ctx.span.end or not _is_possessive(doc[osp.end]) and not osp[-1].tag_ == "POS":
            continue
        start = osp.end + 1 if _is_possessive(doc[osp.end]) else osp.end
        members: list[tuple[Mention, object]] = []
        k = start
        for m, msp in ms[i + 1:]:
            if msp.start != k or m.cls not in ORG_FAMILY:
                break
            members.append((m, msp))
            k = msp.end
            while k < ctx.span.end and doc[k].lower_ in {",", "and"}:
                k += 1
        if not members:
            continue
        k = members[-1][1].end
        nouns = []
        while k < ctx.span.end and len(nouns) < 3 and doc[k].pos_ == "NOUN" and doc[k].is_lower:
            nouns.append(doc[k])
            k += 1
        if not any(t.lemma_.lower() in UNIT_WORDS for t in nouns):
            continue
        for m, msp in members:
            if m.name != owner.name:
                out.append(make_relation(ctx, m, "partOf", owner, "partOf:owner-unit", 0.75, tokens=[msp.root.i]))
    return out
