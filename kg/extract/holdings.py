"""Which organization belongs to which: "Norvik Air parent Halden Group", "the parent company of Norvik Air,
Halden Group", "Halden Group's Brightwater unit", "Halden's Launch Systems and Orbit Program business units"."""

from __future__ import annotations

from ..lang.en import (ARTICLES, LIST_SEPARATORS, OWNER_PRONOUNS, PARENT_NOUNS, PARENT_WORDS, UNIT_NAME_HEADS,
                       UNIT_WORDS)
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


def parent_match(ctx: Sent, key: str, match) -> list[Relation]:
    """"Norvik parent Halden", "Norvik's parent company Halden", "Halden, the parent company of Norvik", "the
    parent company of Norvik, Halden": the child is part of its parent. A match of PARENT_PATTERNS (rules/
    holdings.py): the parent word (and its noun, and "of" when the child follows)."""
    doc, tok = ctx.doc, match[0]
    if ctx.mentions.at(tok):
        return []
    if key == "of":  # "the parent company of Norvik"
        if match.end >= ctx.span.end:
            return []  # "of" ends the sentence: read as "before"
        k = match.end
        while k < ctx.span.end and doc[k].lower_ in ARTICLES:
            k += 1
        child = _org_at(ctx, doc[k]) if k < ctx.span.end else None
        after = span_of(ctx, child).end if child is not None else match.end - 1
    else:  # "Norvik parent", "Norvik's parent", "Norvik Motors' parent"
        nxt = doc[match.end].lower_ if match.end < ctx.span.end else ""
        if len(match) == 1 and nxt in PARENT_NOUNS or nxt == "of" and match.end + 1 < ctx.span.end:
            return []  # a longer match reads it
        child, after = _child_before(ctx, tok), match.end
    if child is None:
        return []
    parent = _parent_around(ctx, tok, after)
    if parent is None or parent.name == child.name:
        return []
    return [make_relation(ctx, child, "partOf", parent, "partOf:parent", 0.8, tokens=[tok.i])]


def _child_before(ctx: Sent, tok) -> Mention | None:
    """The organization named just before the parent word ("Norvik's parent"); for "its", the one named before in
    the sentence, else the article's."""
    doc, k = ctx.doc, tok.i - 1
    if k > ctx.span.start and _is_possessive(doc[k]):
        k -= 1
    child = _org_at(ctx, doc[k]) if k >= ctx.span.start else None
    if k >= ctx.span.start and doc[k].lower_ == "its":  # "its parent company, Halden"
        child = next((m for m in reversed(ctx.mentions.in_span(ctx.span.start, k)) if m.cls in ORG_FAMILY), ctx.focus)
    return child


def _parent_around(ctx: Sent, tok, after: int) -> Mention | None:
    """The parent: named right after the phrase ("parent Halden", "parent company, Halden") or before it, with the
    phrase in apposition ("Halden, the parent company of Norvik")."""
    doc, k = ctx.doc, after
    while k < ctx.span.end and (doc[k].text == "," or doc[k].lower_ in ARTICLES):
        k += 1
    parent = _org_at(ctx, doc[k]) if k < ctx.span.end else None
    if parent is None:
        k = tok.i - 1
        while k > ctx.span.start and (doc[k].lower_ in ARTICLES or doc[k].lower_ in OWNER_PRONOUNS):
            k -= 1
        if doc[k].text == "," and k - 1 >= ctx.span.start:
            parent = _org_at(ctx, doc[k - 1])
    return parent


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


def unit_match(ctx: Sent, key: str, match) -> list[Relation]:
    """"Halden Group's Brightwater unit", "Norvik's Kestrel plant", "Halden's Launch Systems, Launch Services
    and Orbit Program business units": names between a possessive owner and a word for a unit. A match of
    UNIT_PATTERNS (rules/holdings.py): the possessive."""
    doc = ctx.doc
    if key == "apostrophe" and doc[match.start].tag_ == "POS":
        return []  # the "possessive" match reads it
    ms = sentence_mentions(ctx)
    out = []
    for i in _owners(ctx).get(match.start, ()):
        owner = ms[i][0]
        members: list[tuple[Mention, object]] = []
        k = match.end
        for m, msp in ms[i + 1:]:
            if msp.start != k or m.cls not in ORG_FAMILY:
                break
            members.append((m, msp))
            k = msp.end
            while k < ctx.span.end and doc[k].lower_ in LIST_SEPARATORS:
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


def _owners(ctx: Sent) -> dict[int, list[int]]:
    """The sentence's organizations (as indices of sentence_mentions) by their possessive token: the one after
    the name, or the name's own last ("Reuters'") (made once per sentence)."""
    cached = ctx.__dict__.get("_owners")
    if cached is None:
        cached = {}
        for i, (owner, osp) in enumerate(sentence_mentions(ctx)):
            if owner.cls not in ORG_FAMILY or owner.kind == "demonym" or osp.end >= ctx.span.end:
                continue
            if _is_possessive(ctx.doc[osp.end]):
                cached.setdefault(osp.end, []).append(i)
            elif osp[-1].tag_ == "POS":
                cached.setdefault(osp.end - 1, []).append(i)
        ctx.__dict__["_owners"] = cached
    return cached
