"""Where things are and what they belong to: located in, borders, part of, seats of companies."""

from __future__ import annotations

from .. import lexicon as L
from ..lang.en import (APOSTROPHES, ARMED_WORDS, ARTICLES, BORDER_LINKS, COMPANY_WORDS, FACILITY_NOUNS,
                       GOVERNMENT_WORDS, INDUSTRY_WORDS, INSIDE_WORDS, LIST_GAPS, ORG_DESCRIPTORS, OWNED_PART_NOUNS,
                       OWNER_PRONOUNS, PART_NOUNS, PLACE_APPOSITION_ENDS, PLACE_NOUNS, POSSESSIVE_S,
                       SEAT_PREPOSITIONS)
from ..records import Mention, Relation
from .context import ORG_FAMILY, PLACES, Sent, make_relation, sentence_mentions

# Organizations that have a seat (a government body or an army is part of its country instead).
SEATED = ORG_FAMILY - {"GovernmentBody", "ArmedForces"}


def places(ctx: Sent) -> list[Relation]:
    """"Gaza, the main city in the Palestinian Territory": a place in a place, from the words between them."""
    doc = ctx.doc
    out = []
    ms = sentence_mentions(ctx)
    for i, (a, asp) in enumerate(ms):
        # ("Pakistan's north-western city of Peshawar", "the Ukrainian city of Kharkiv" are the pattern rules
        # place:possessive and place:demonym)
        if a.cls not in {"City", "Location"} or i + 1 >= len(ms):
            continue
        b, bsp = ms[i + 1]
        if b.cls not in PLACES or b.name == a.name:
            continue
        gap = [t.text for t in doc[asp.end: bsp.start]]
        # ("Nairobi (Kenya)", "Aceh, Indonesia", "Kunduz in northern Afghanistan" are the pattern rules place:gaps)
        if gap and gap[0] == "," and any(w.lower() in PLACE_NOUNS for w in gap) and gap[-1].lower() in PLACE_APPOSITION_ENDS:
            out.append(make_relation(ctx, a, "locatedIn", b, "place:apposition", 0.8, tokens=[asp.root.i]))
    return out


def neighbours(ctx: Sent) -> dict[int, list[int]]:
    """The sentence's pairs of neighbouring mentions (ms[i], ms[i + 1]), as i, by the token the first ends at (made
    once per sentence, so that a sentence of many matches stays linear)."""
    cached = ctx.__dict__.get("_neighbours")
    if cached is None:
        cached = {}
        ms = sentence_mentions(ctx)
        for i, (_, sp) in enumerate(ms[:-1]):
            cached.setdefault(sp.end, []).append(i)
        ctx.__dict__["_neighbours"] = cached
    return cached


def seats(ctx: Sent) -> list[Relation]:
    """"US automaker General Motors", "the German carmaker Opel": where a company is, from the words before it."""
    doc = ctx.doc
    out = []
    ms = sentence_mentions(ctx)
    for i, (o, osp) in enumerate(ms):
        if o.cls not in SEATED or o.key:
            continue
        # "Magna, a Canadian automobile parts company"; "GM, an American automaker"
        j = osp.end
        if j + 2 < ctx.span.end and doc[j].text == "," and doc[j + 1].lower_ in ARTICLES:
            window = []
            closed = False  # the apposition ends with punctuation, not with a verb of the clause
            for t in doc[j + 2: min(ctx.span.end, j + 12)]:
                if t.text in {",", ".", ";", "("} or t.pos_ == "VERB":
                    closed = t.pos_ != "VERB"
                    break
                window.append(t)
            place = next((m for t in window[:2] if (m := ctx.mentions.at(t)) is not None and m.cls == "Country"), None)
            if place is None and closed:  # "Ford, the second of the big three American car manufacturers"
                place = next((m for t in window[:-1] if (m := ctx.mentions.at(t)) is not None and m.cls == "Country"
                              and m.kind == "demonym" and doc[t.i + 1].lemma_.lower() in ORG_DESCRIPTORS | INDUSTRY_WORDS
                              ), None)
            at = next((t.i for t in window if t.lower_ == "in"), None)
            if place is None and closed and at is not None and at + 1 < ctx.span.end:
                # "Force Ouvriere, the main Airbus union in France"
                place = next((m for t in doc[at + 1: min(ctx.span.end, at + 3)] if (m := ctx.mentions.at(t)) is not None
                              and m.cls in PLACES), None)
                window = [t for t in window if t.i < at]
            if place is not None and any(t.lemma_.lower() in ORG_DESCRIPTORS for t in window):
                out.append(make_relation(ctx, o, "locatedIn", place, "seat:apposition", 0.75, tokens=[osp.root.i]))
        for c, csp in reversed(ms[:i]):
            if csp.end > osp.start or c.cls not in PLACES or c.cls == "Location" and L.fold(c.name) not in L.regions():
                continue
            between = doc[csp.end: osp.start]
            if len(between) >= 2 and between[-1].text == "," and osp.end < ctx.span.end and doc[osp.end].text == ",":
                between = between[:-1]  # "a third US car manufacturer, Ford Motor Company, said"
            if not 0 < len(between) <= 7:
                break
            words = [t.lower_ for t in between]
            if words[:2] == ["-", "based"] or words[:1] == ["based"]:
                pass  # "Detroit-based GM" is the pattern rule seat:based (rules/places.py)
            elif len(between) > 4:
                break
            elif all((t.pos_ in {"NOUN", "ADJ"} or t.i == between.start and t.tag_ == "POS") and t.is_lower
                     for t in between) and any(
                    t.lower_ in ORG_DESCRIPTORS or t.lemma_.lower() in ORG_DESCRIPTORS for t in between):
                public = {t.lemma_.lower() for t in between} & (GOVERNMENT_WORDS | ARMED_WORDS)
                pred = "partOf" if public and c.cls == "Country" and "news" not in words else "locatedIn"
                out.append(make_relation(ctx, o, pred, c, "seat:descriptor", 0.75, tokens=[osp.root.i]))
            break
    return out + _conjoined(ctx, ms, [r for r in out if r.rule == "seat:descriptor"])


def _conjoined(ctx: Sent, ms, found: list[Relation]) -> list[Relation]:
    """"Japanese manufacturers Toyota and Nissan": the names listed after the first share its seat."""
    out = []
    for r in found:
        i = next((k for k, (m, _) in enumerate(ms) if m is r.subj), None)
        if i is None or ms[i][1].start == 0 or ctx.doc[ms[i][1].start - 1].tag_ != "NNS":
            continue  # "German airline Air Berlin and X of Kuwait": only a plural word describes them all
        while i is not None and i + 1 < len(ms):
            (a, asp), (b, bsp) = ms[i], ms[i + 1]
            gap = [t.lower_ for t in ctx.doc[asp.end: bsp.start]]
            if " ".join(gap) not in LIST_GAPS or b.cls not in ORG_FAMILY or b.kind != "name":
                break
            out.append(make_relation(ctx, b, r.pred, r.obj, r.rule, r.confidence, tokens=[bsp.root.i]))
            i += 1
    return out


def org_places(ctx: Sent) -> list[Relation]:
    """"Halden University in Dayton", "Brightwater Motors of Korea": a place attached to the name itself."""
    out = []
    for o, osp in sentence_mentions(ctx):
        if o.cls not in ORG_FAMILY or o.kind == "demonym" or osp.end + 1 >= ctx.span.end:
            continue
        at = osp.end + 1 if ctx.doc[osp.end].tag_ == "POS" else osp.end  # "Tesla's factory in Shanghai"
        prep = ctx.doc[at]
        if prep.lower_ not in SEAT_PREPOSITIONS and prep.lower_ in FACILITY_NOUNS and at + 2 < ctx.span.end:
            prep = ctx.doc[at + 1]  # "the main Airbus factory in Toulouse"
            if prep.lower_ != "in" or prep.head.i != at:
                continue
        elif prep.dep_ != "prep" or prep.head.i not in range(osp.start, osp.end) or prep.lower_ not in SEAT_PREPOSITIONS:
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            place = ctx.mentions.at(obj)
            if place is None or place.cls not in PLACES or place.kind == "demonym":
                continue
            if prep.lower_ == "of" and place.cls == "Location":
                continue  # "the Bank of the West" style names are the parser's, not a seat
            pred = "partOf" if o.cls in {"GovernmentBody", "ArmedForces"} and place.cls == "Country" else "locatedIn"
            out.append(make_relation(ctx, o, pred, place, f"seat:{prep.lower_}", 0.7, tokens=[osp.root.i]))
    return out


def national(ctx: Sent) -> list[Relation]:
    """"the United Kingdom's Royal Air Force", "the US National Transportation Safety Board", "South Korea's
    Hyundai": a body of a country, or where a company is."""
    doc = ctx.doc
    out = []
    ms = sentence_mentions(ctx)
    for i, (o, osp) in enumerate(ms):
        if o.cls not in ORG_FAMILY | {"Location"}:
            continue
        # ("the Royal Courts of Justice, located in central London" is the pattern rule place:located-in)
        prev = [(c, csp) for c, csp in ms[:i] if c.cls == "Country" and csp.end <= osp.start
                and (c.kind != "demonym" or o.cls not in {"ArmedForces", "GovernmentBody"})]
        if prev:
            c, csp = prev[-1]
            gap = [t.lower_ for t in doc[csp.end: osp.start]]
            if o.cls == "Location" and not gap:
                continue  # "the Chile Pacific coast" is no statement; "Singapore's Changi Airport" is
            modifier = osp.end < ctx.span.end and doc[osp.end].pos_ == "NOUN" and doc[osp.end].is_lower
            if (not gap or len(gap) == 1 and gap[0] in POSSESSIVE_S) and not (osp.start <= csp.start) and not modifier:
                # (not "Canadian Saturn dealers": the dealers are Canadian, not Saturn)
                pred = "partOf" if o.cls in {"ArmedForces", "GovernmentBody"} else "locatedIn"
                out.append(make_relation(ctx, o, pred, c, "national:" + ("possessive" if gap else "adjacent"), 0.75,
                                tokens=[osp.root.i]))
    return out  # ("Cisco, based in San Jose" is the pattern rule seat:based-in)


def subsidiaries(mentions: list[Mention]) -> list[Relation]:
    """"Boeing Commercial Airplanes" and "Boeing": a unit named after its parent."""
    orgs = {}
    for m in mentions:
        if m.cls in ORG_FAMILY and not m.key:
            orgs.setdefault(m.name, m)
    out = []
    for name, m in orgs.items():
        for parent_name, parent in orgs.items():
            extra = name[len(parent_name):].split() if name.startswith(parent_name + " ") else []
            national = bool(extra) and L.lookup_country(" ".join(extra)) is not None  # "Ford Australia"
            if (len(extra) >= 2 or national) and not all(w.lower().strip(".,") in COMPANY_WORDS for w in extra):
                out.append(Relation(subj=m, pred="partOf", obj=parent, sent=m.sent, rule="partOf:name", confidence=0.6))
    return out


def borders(ctx: Sent) -> list[Relation]:
    """"Austria, which borders Hungary", "X's border with Y": two places with a word of bordering between."""
    doc = ctx.doc
    out = []
    ms = [(m, sp) for m, sp in sentence_mentions(ctx) if m.cls in PLACES]
    for i, (a, asp) in enumerate(ms):
        for b, bsp in ms[i + 1: i + 3]:
            gap = doc[asp.end: bsp.start]
            if len(gap) > 5 or b.name == a.name:
                continue
            lemmas = {t.lemma_.lower() for t in gap}
            words = {t.lower_ for t in gap}
            if "border" in lemmas or "bordering" in words:
                if words & BORDER_LINKS or gap[-1].lemma_ == "border":
                    out.append(make_relation(ctx, a, "borders", b, "borders", 0.85, tokens=[asp.root.i]))
    return out  # "the border between X and Y" is the pattern rule borders:between (rules/places.py)


def part_of(ctx: Sent) -> list[Relation]:
    """"a unit within the Chilean Armed Forces, the Coastal Command", "X, a unit of Y"."""
    doc = ctx.doc
    out = []
    ms = sentence_mentions(ctx)
    for i, (a, asp) in enumerate(ms):
        if a.cls not in ORG_FAMILY:
            continue
        # "X, a unit of Y" / "X, part of Y"
        j = asp.end
        if j < ctx.span.end and doc[j].text == ",":
            window = doc[j + 1: min(ctx.span.end, j + 9)]
            rel_tok = next((t for t in window if t.lower_ == "of" or t.lower_ in INSIDE_WORDS), None)
            nouns = {t.lemma_.lower() for t in window if rel_tok is not None and t.i < rel_tok.i}
            if rel_tok is not None and nouns & PART_NOUNS and rel_tok.i + 1 < len(doc):
                tgt = next((m for m in ctx.mentions.in_span(rel_tok.i + 1, min(ctx.span.end, rel_tok.i + 4))), None)
                if tgt is not None and tgt.cls in ORG_FAMILY | {"Country"} and tgt != a:
                    pred = "memberOf" if "member" in nouns else "partOf"
                    out.append(make_relation(ctx, a, pred, tgt, "partOf:apposition", 0.8, tokens=[asp.root.i]))
        # "... within Y, the X" (X in apposition to a noun inside Y)
        if asp.start >= 3 and doc[asp.start - 1].lower_ in ARTICLES and doc[asp.start - 2].text == ",":
            prev = [(o, osp) for o, osp in ms if osp.end == asp.start - 2 and o.cls in ORG_FAMILY | {"Country"}]
            if prev:
                o, osp = prev[0]
                k = osp.start - 1
                while k > ctx.span.start and doc[k].lower_ in ARTICLES or doc[k].ent_type_ == "NORP":
                    k -= 1
                if doc[k].lower_ in INSIDE_WORDS:
                    out.append(make_relation(ctx, a, "partOf", o, "partOf:within", 0.75, tokens=[asp.root.i]))
        # "GM's European unit Opel": the possessor's part
        k = asp.start - 1
        if k > ctx.span.start + 1 and doc[k].text == ",":  # "its European division, Opel"
            k -= 1
        while k > ctx.span.start and k > asp.start - 6 and doc[k].pos_ in {"ADJ", "NOUN", "PROPN"} and not ctx.mentions.at(doc[k]):
            if doc[k].lemma_.lower() in OWNED_PART_NOUNS:
                if doc[k - 1].lower_ in APOSTROPHES or doc[k - 1].tag_ == "POS" or any(
                        (doc[j].lower_ in APOSTROPHES or doc[j].lower_ in OWNER_PRONOUNS) for j in range(max(ctx.span.start, k - 3), k)):
                    j = k - 1
                    while j > ctx.span.start and not ctx.mentions.at(doc[j]) and doc[j].lower_ not in OWNER_PRONOUNS:
                        j -= 1
                    owner = ctx.mentions.at(doc[j])
                    if doc[j].lower_ in OWNER_PRONOUNS:  # "GM said ... its European division, Opel"
                        owner = next((m for t in ctx.span if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"
                                      and (m := ctx.mentions.of_phrase(t)) is not None), None)
                        j = k - 1
                    if owner is not None and owner.cls in ORG_FAMILY and owner != a and j >= k - 4:
                        out.append(make_relation(ctx, a, "partOf", owner, "partOf:possessive", 0.75, tokens=[asp.root.i]))
                break
            k -= 1
        # "X within Y" directly
        if asp.end + 1 < ctx.span.end and doc[asp.end].lower_ in INSIDE_WORDS:
            tgt = ctx.mentions.at(doc[asp.end + 1]) or (ctx.mentions.at(doc[asp.end + 2]) if asp.end + 2 < len(doc) else None)
            if tgt is not None and tgt.cls in ORG_FAMILY and tgt != a:
                out.append(make_relation(ctx, a, "partOf", tgt, "partOf:within", 0.75, tokens=[asp.root.i]))
    return out


def national_bodies(mentions: list[Mention]) -> list[Relation]:
    """"US Navy", "the Chilean government": a national body is part of its country."""
    out = []
    countries = [m for m in mentions if m.cls == "Country"]
    for m in mentions:
        if m.cls not in {"ArmedForces", "GovernmentBody"}:
            continue
        inner = next((c for c in countries if c.start >= m.start and c.end <= m.end and c is not m), None)
        if inner is not None:
            out.append(Relation(subj=m, pred="partOf", obj=inner, sent=m.sent, rule="partOf:national-body",
                                confidence=0.9))
    return out


def administrations(mentions: list[Mention]) -> list[Relation]:
    """"the Lindqvist administration" is led by Lindqvist."""
    out = []
    heads = {m.start: m for m in mentions if m.label == "administration-head"}
    for m in mentions:
        if m.label == "person+administration" and m.start in heads:
            out.append(Relation(subj=heads[m.start], pred="leaderOf", obj=m, sent=m.sent,
                                rule="leaderOf:administration", confidence=0.85))
    return out
