"""Typed relations between entity mentions: roles, membership, part-of, location, borders and verbs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import lexicon as L
from ..records import Mention, Relation
from .attribution import Attribution, sentence_attributions, source_for
from .common import RELATIVE_PRONOUNS, MentionIndex, expand_conjuncts, sentence_date

ORG_FAMILY = {"Organization", "NewsOrganization", "ArmedForces", "GovernmentBody", "PoliticalParty",
              "CriminalOrganization", "Company"}
AGENTS = ORG_FAMILY | {"Person", "Country"}
PLACES = {"Country", "City", "Location"}
_TITLE_MODIFIERS = {"former", "then", "acting", "interim", "outgoing", "incoming", "new", "late", "current",
                    "deputy", "vice", "prime", "foreign", "defense", "defence", "interior", "finance", "chief",
                    "senior", "top", "general", "executive", "-", "press", "white", "house", "state", "supreme",
                    "opposition", "military", "army", "navy", "secretary", "of", "'s", "\u2019s", "the"}
_PART_NOUNS = {"unit", "branch", "wing", "division", "arm", "part", "subsidiary", "affiliate", "faction",
               "network", "group", "department", "ministry", "service", "cell", "brigade", "battalion",
               "member", "organ", "agency", "body", "force", "militia", "cartel", "gang"}
_PLACE_NOUNS = {"capital", "city", "town", "village", "port", "province", "region", "state", "district",
                "county", "island", "suburb", "neighbourhood", "neighborhood", "municipality", "area"}
_EVENT_NOUNS = {"attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "raid", "raids",
                "bombing", "bombings", "operation", "operations", "action", "actions", "offensive",
                "sanctions", "invasion", "assault", "war", "campaign", "intervention"}

# verb lemma -> (property, prepositions that introduce the object when there is no direct object)
VERBS: dict[str, tuple[str, tuple[str, ...]]] = {
    **{v: ("attacked", ("on", "against")) for v in (
        "attack", "strike", "bomb", "hit", "raid", "shell", "invade", "assault", "target", "kill",
        "shoot", "ambush")},
    **{v: ("launched", ()) for v in ("launch", "start", "begin", "initiate", "mount")},
    **{v: ("designated", ()) for v in ("designate", "label", "list", "brand", "classify", "declare")},
    **{v: ("ordered", ("on", "against")) for v in ("order", "command", "authorize", "authorise", "direct")},
    **{v: ("linkedTo", ("to", "with")) for v in ("link", "tie", "connect", "associate")},
    **{v: ("defeated", ()) for v in ("defeat", "beat", "oust", "overthrow")},
    **{v: ("asked", ()) for v in ("ask", "urge", "request")},
    **{v: ("smuggledTo", ("to", "into")) for v in ("smuggle", "traffic")},
    **{v: ("deployedTo", ("to", "into")) for v in ("deploy", "send", "dispatch")},
    **{v: ("sanctioned", ()) for v in ("sanction", "embargo")},
    **{v: ("supports", ()) for v in ("support", "back", "endorse", "praise", "welcome")},
    **{v: ("opposes", ()) for v in ("oppose", "condemn", "criticize", "criticise", "denounce", "reject")},
    **{v: ("metWith", ("with",)) for v in ("meet",)},
    **{v: ("acquired", ()) for v in ("acquire", "buy", "purchase")},
    **{v: ("founded", ()) for v in ("found", "establish", "create", "form")},
    **{v: ("leaderOf", ()) for v in ("lead", "head", "run", "chair", "command")},
    **{v: ("memberOf", ()) for v in ("join",)},
}
_APPOINT = {"name", "appoint", "elect", "nominate", "promote", "hire", "choose", "select", "pick", "install",
            "make", "reappoint", "re-elect", "reelect", "designate", "confirm", "swear"}
# Which subject and object classes a typed property accepts; otherwise the relation is generic.
SIGNATURES: dict[str, tuple[set[str], set[str]]] = {
    "attacked": (AGENTS, AGENTS | PLACES), "launched": (AGENTS, {"MilitaryOperation"}),
    "designated": (AGENTS, AGENTS), "ordered": (AGENTS, AGENTS | PLACES | {"MilitaryOperation"}),
    "linkedTo": (AGENTS | PLACES, AGENTS), "defeated": (AGENTS, AGENTS), "asked": (AGENTS, AGENTS),
    "smuggledTo": (AGENTS, PLACES), "deployedTo": (AGENTS, PLACES), "sanctioned": (AGENTS, AGENTS),
    "supports": (AGENTS, AGENTS | {"MilitaryOperation"}), "opposes": (AGENTS, AGENTS | {"MilitaryOperation"}),
    "metWith": (AGENTS, AGENTS), "acquired": (AGENTS, ORG_FAMILY), "founded": (AGENTS, ORG_FAMILY),
    "leaderOf": ({"Person"}, ORG_FAMILY | {"Country", "MilitaryOperation"}),
    "memberOf": ({"Person", "Country"}, ORG_FAMILY),
}


@dataclass
class _Sent:
    doc: object
    span: object
    index: int
    mentions: MentionIndex
    attributions: list[Attribution]
    anchor: date | None


def extract_relations(doc, mentions: list[Mention], *, article_date: date | None = None) -> list[Relation]:
    """Relations stated in doc between the given mentions, each with its rule and confidence."""
    index = MentionIndex(doc, mentions)
    attrs = sentence_attributions(doc, index)
    found: list[Relation] = []
    for si, sent in enumerate(doc.sents):
        ctx = _Sent(doc, sent, si, index, attrs.get(si, []), article_date)
        found.extend(_roles(ctx))
        found.extend(_places(ctx))
        found.extend(_seats(ctx))
        found.extend(_national(ctx))
        found.extend(_borders(ctx))
        found.extend(_part_of(ctx))
        found.extend(_verbs(ctx))
        found.extend(_nominals(ctx))
        found.extend(_appointments(ctx))
    found.extend(_national_bodies(mentions))
    found.extend(_administrations(mentions))
    found.extend(_subsidiaries(mentions))
    found.extend(_gazetteer_locations(mentions))
    return _dedupe(found)


def _rel(ctx: _Sent | None, subj: Mention, pred: str, obj: Mention, rule: str, conf: float, *, sent: int | None = None,
         verb: str | None = None, role: str | None = None, when: date | None = None, tokens: list[int] | None = None) -> Relation:
    source = None
    if ctx is not None:
        source = source_for(ctx.attributions, tokens or [], {subj, obj})
    return Relation(subj=subj, pred=pred, obj=obj, sent=ctx.index if ctx else (sent or 0), rule=rule,
                    confidence=conf, verb=verb, role=role, date=when, source=source)


def _span(ctx: _Sent, m: Mention):
    return ctx.doc.char_span(m.start, m.end, alignment_mode="expand")


def _sent_mentions(ctx: _Sent) -> list[tuple[Mention, object]]:
    out = []
    for m in ctx.mentions.in_span(ctx.span.start, ctx.span.end):
        sp = _span(ctx, m)
        if sp is not None:
            out.append((m, sp))
    return out


_SUBORDINATE = {"vice", "deputy", "assistant", "associate", "under", "junior"}
_LEADER_HEADS = {"general manager", "managing director", "president", "chairman", "chairwoman", "chair", "ceo", "leader", "head", "chief", "governor",
                 "mayor", "king", "queen", "premier", "commander", "chancellor", "emir", "sultan", "emperor",
                 "dictator", "president-elect", "pope", "strongman"}


def _role_predicate(title: str, obj: Mention) -> str | None:
    """The property a role phrase gives: "chief executive" leads, "vice president" works for, "founder" founded."""
    words = title.lower().split()
    if obj.cls not in ORG_FAMILY | PLACES or not words:
        return None
    if words[-1] in {"founder", "co-founder", "cofounder"}:
        return "founded" if obj.cls in ORG_FAMILY else None
    if words[-1] == "member" or (obj.cls == "PoliticalParty" and words[-1] not in _LEADER_HEADS):
        return "memberOf"
    leader = (title.lower() in L.LEADER_ROLES or words[-1] in _LEADER_HEADS or " ".join(words[-2:]) in _LEADER_HEADS
              or "chief executive" in title.lower() or "prime minister" in title.lower())
    if words[-1] in {"chief", "head"} and len(words) > 1 and words[-2] not in {"the", "former", "acting", "interim"}:
        leader = False  # "foreign policy chief", "intelligence chief": heads a department, not the whole
    if leader and not set(words) & _SUBORDINATE:
        if obj.cls in AGENTS or words[-1] in {"mayor", "governor"}:
            return "leaderOf"
        return None
    return "worksFor"


def _title_words(doc, start: int, end: int) -> tuple[str | None, bool]:
    """The role phrase in tokens [start, end) if they form one ("economy minister", "chief executive")."""
    words = [t for t in doc[start:end] if t.lower_ not in {"the", "'s", "\u2019s", "\u02bcs", "a", "an"}]
    if not words or len(words) > 5:
        return None, False
    former = any(t.lower_ in {"former", "ex", "then", "late", "ex-"} for t in words)
    words = [t for t in words if t.lower_ not in {"former", "ex", "then", "late", "ex-", "-"}]
    lows = [t.lower_ for t in words]
    if "of" in lows and 0 < lows.index("of") < len(lows) - 1:
        # "Secretary of State", "Minister of Defence": the title comes before "of"
        cut = lows.index("of")
        if L.is_title(lows[cut - 1]) and all(t.is_title for t in words[cut + 1:]):
            phrase = " ".join(lows)
            return phrase, former
    if not words or not L.is_title(words[-1].lower_.strip(".")) and not (
            len(words) > 1 and words[-1].lower_ == "officer" and L.is_title(words[-2].lower_)):
        return None, False
    for t in words[:-1]:
        if t.is_punct or t.pos_ not in {"NOUN", "PROPN", "ADJ"} and t.lower_ not in _TITLE_MODIFIERS:
            return None, False
    phrase = " ".join(t.lower_.strip(".") for t in words)
    if phrase in {"mr", "mrs", "ms", "dr", "sir", "miss"}:
        return None, False
    if phrase.endswith("executive officer"):
        phrase = phrase[: -len(" officer")]
    return phrase, former


def _roles(ctx: _Sent) -> list[Relation]:
    doc = ctx.doc
    out: list[Relation] = []
    ms = _sent_mentions(ctx)
    persons = [(m, sp) for m, sp in ms if m.cls == "Person"]
    for p, psp in persons:
        if p.kind == "title":  # "the Venezuelan president" standing for a named person
            mod = next(((o, osp) for o, osp in ms if o.cls == "Country" and osp.end == psp.start), None)
            if mod is not None:
                out.append(_rel(ctx, p, "leaderOf", mod[0], "role:title-reference", 0.6, role=psp.text.lower(),
                                tokens=[psp.root.i]))
            continue
        # (1) "CBS News journalist X", "US President X", "Colombia's president X", "Colombian President X"
        for o, osp in ms:
            if o is p or o.cls not in ORG_FAMILY | PLACES or osp.end > psp.start or psp.start - osp.end > 5:
                continue
            title, former = _title_words(doc, osp.end, psp.start)
            if title:
                pred = _role_predicate(title, o)
                if pred:
                    out.append(_rel(ctx, p, pred, o, "role:modifier", 0.6 if former else 0.9, role=title,
                                    tokens=[psp.root.i]))
        # (2) "X, the president of Y", "X, Apple's chief executive", "X, a CBS News journalist"
        j = psp.end
        if j < ctx.span.end and doc[j].text == ",":
            k = j + 1
            while k < ctx.span.end and doc[k].lower_ in {"the", "a", "an"}:
                k += 1
            end = min(ctx.span.end, k + 10)
            stop = next((t.i for t in doc[k:end] if t.text in {",", ";", "(", ")"} or t.pos_ == "VERB"), end)
            inner = [(o, osp) for o, osp in ms if osp.start >= k and osp.end <= stop and o is not p]
            title_toks = [t for t in doc[k:stop] if L.is_title(t.lower_) and not ctx.mentions.at(t)]
            if inner and title_toks:
                last = title_toks[-1].i
                run = last
                while run > k and not ctx.mentions.at(doc[run - 1]) and doc[run - 1].lower_ not in {"of", "'s", "\u2019s", ","}:
                    run -= 1
                title, _ = _title_words(doc, run, last + 1)
                title = title or title_toks[-1].lower_
                former = any(t.lower_ in {"former", "ex"} for t in doc[k:stop])
                o = inner[-1][0] if doc[title_toks[0].i + 1].lower_ == "of" else inner[0][0]
                pred = _role_predicate(title, o)
                if pred:
                    out.append(_rel(ctx, p, pred, o, "role:apposition", 0.6 if former else 0.85, role=title,
                                    tokens=[psp.root.i]))
        # "X of the ruling Morena party"
        if psp.end + 1 < ctx.span.end and doc[psp.end].lower_ == "of":
            party = next((o for o, osp in ms if o.cls == "PoliticalParty" and psp.end < osp.start <= psp.end + 5), None)
            if party is not None:
                out.append(_rel(ctx, p, "memberOf", party, "member:of-party", 0.8, tokens=[psp.root.i]))
        # (4) "President X of Y"
        before = doc[psp.start - 1] if psp.start > ctx.span.start else None
        if before is not None and L.is_title(before.lower_) and psp.end + 1 < ctx.span.end and doc[psp.end].lower_ == "of":
            nxt = ctx.mentions.at(doc[psp.end + 1]) or (ctx.mentions.at(doc[psp.end + 2]) if psp.end + 2 < len(doc) else None)
            if nxt is not None:
                pred = _role_predicate(before.lower_, nxt)
                if pred:
                    out.append(_rel(ctx, p, pred, nxt, "role:title-of", 0.85, role=before.lower_, tokens=[psp.root.i]))
        # (5) "X is the president of Y", "X became CEO of Y"
        k = psp.end
        if k < ctx.span.end and doc[k].lemma_ in {"be", "become", "remain"}:
            k += 1
            while k < ctx.span.end and doc[k].lower_ in {"the", "a", "an", "now", "also", "still"}:
                k += 1
            title, former = _title_words(doc, k, min(ctx.span.end, k + 3))
            stop = min(ctx.span.end, k + 6)
            of = next((t.i for t in doc[k:stop] if t.lower_ == "of"), None)
            if of is not None:
                title, former = _title_words(doc, k, of)
                target = ctx.mentions.at(doc[of + 1]) or (ctx.mentions.at(doc[of + 2]) if of + 2 < len(doc) else None)
                if title and target is not None:
                    pred = _role_predicate(title, target)
                    if pred:
                        out.append(_rel(ctx, p, pred, target, "role:copula", 0.8, role=title, tokens=[psp.root.i]))
    # (3) "The president of Colombia, which borders Venezuela, Gustavo Petro wrote"
    for tok in ctx.span:
        if not (L.is_title(tok.lower_) and tok.pos_ in {"NOUN", "PROPN"}) or ctx.mentions.at(tok):
            continue
        if tok.i + 2 >= ctx.span.end or doc[tok.i + 1].lower_ != "of":
            continue
        o_tok = doc[tok.i + 2] if doc[tok.i + 2].lower_ != "the" else doc[tok.i + 3]
        o = ctx.mentions.at(o_tok)
        if o is None:
            continue
        osp = _span(ctx, o)
        after = [(p, psp) for p, psp in persons if psp.start >= osp.end]
        if not after:
            continue
        p, psp = after[0]
        between = doc[osp.end: psp.start]
        ok = len(between) == 0 or (between[0].text == "," and between[-1].text == "," and len(between) <= 12)
        if ok:
            pred = _role_predicate(tok.lower_, o)
            if pred:
                out.append(_rel(ctx, p, pred, o, "role:title-of-before", 0.8, role=tok.lower_, tokens=[psp.root.i]))
    return out


def _places(ctx: _Sent) -> list[Relation]:
    """"Caracas (Venezuela)", "Aceh, Indonesia", "Lyon, the third city of France"."""
    doc = ctx.doc
    out = []
    ms = _sent_mentions(ctx)
    for i, (a, asp) in enumerate(ms):
        if a.cls not in {"City", "Location"} or i + 1 >= len(ms):
            continue
        b, bsp = ms[i + 1]
        if b.cls not in PLACES or b.name == a.name:
            continue
        gap = [t.text for t in doc[asp.end: bsp.start]]
        after = doc[bsp.end].text if bsp.end < len(doc) else "."
        if gap == ["("] and after == ")":
            out.append(_rel(ctx, a, "locatedIn", b, "place:parenthesis", 0.9, tokens=[asp.root.i]))
        elif gap == [","] and (after in {",", ".", ";", ")", ":"} or doc[bsp.end].is_space) and (
                b.cls == "Country" or (b.cls == "Location" and L.regions().get(L.fold(b.name)) is not None)):
            # not a list such as "France, Germany and Italy"
            if not (i + 2 < len(ms) and ms[i + 2][0].cls in PLACES and ms[i + 2][1].start - bsp.end <= 2):
                out.append(_rel(ctx, a, "locatedIn", b, "place:comma", 0.85, tokens=[asp.root.i]))
        elif gap and gap[0] == "," and any(w.lower() in _PLACE_NOUNS for w in gap) and gap[-1].lower() in {"of", "in", "the"}:
            out.append(_rel(ctx, a, "locatedIn", b, "place:apposition", 0.8, tokens=[asp.root.i]))
    return out


def _seats(ctx: _Sent) -> list[Relation]:
    """"US automaker General Motors", "the German carmaker Opel", "Detroit-based GM": where a company is."""
    doc = ctx.doc
    out = []
    ms = _sent_mentions(ctx)
    for i, (o, osp) in enumerate(ms):
        if o.cls not in {"Organization", "Company", "NewsOrganization", "PoliticalParty", "CriminalOrganization"} or o.key:
            continue
        # "Magna, a Canadian automobile parts company"; "GM, an American automaker"
        j = osp.end
        if j + 2 < ctx.span.end and doc[j].text == "," and doc[j + 1].lower_ in {"a", "an", "the"}:
            window = []
            for t in doc[j + 2: min(ctx.span.end, j + 8)]:
                if t.text in {",", ".", ";", "("} or t.pos_ == "VERB":
                    break
                window.append(t)
            place = next((m for t in window[:2] if (m := ctx.mentions.at(t)) is not None and m.cls == "Country"), None)
            if place is not None and any(t.lemma_.lower() in L.ORG_DESCRIPTORS for t in window):
                out.append(_rel(ctx, o, "locatedIn", place, "seat:apposition", 0.75, tokens=[osp.root.i]))
        for c, csp in reversed(ms[:i]):
            if csp.end > osp.start or c.cls not in PLACES or c.cls == "Location" and L.fold(c.name) not in L.regions():
                continue
            between = doc[csp.end: osp.start]
            if not 0 < len(between) <= 7:
                break
            words = [t.lower_ for t in between]
            if words[:2] == ["-", "based"] or words[:1] == ["based"]:
                rest = between[2:] if words[0] == "-" else between[1:]
                if all(t.is_lower for t in rest):
                    out.append(_rel(ctx, o, "locatedIn", c, "seat:based", 0.8, tokens=[osp.root.i]))
            elif len(between) > 4:
                break
            elif all(t.pos_ in {"NOUN", "ADJ"} and t.is_lower for t in between) and any(
                    t.lower_ in L.ORG_DESCRIPTORS or t.lemma_.lower() in L.ORG_DESCRIPTORS for t in between):
                out.append(_rel(ctx, o, "locatedIn", c, "seat:descriptor", 0.75, tokens=[osp.root.i]))
            break
    return out


def _national(ctx: _Sent) -> list[Relation]:
    """"the United Kingdom's Royal Air Force", "the US National Transportation Safety Board", "South Korea's
    Hyundai", "Cisco, based in San Jose": a body of a country, or where a company is."""
    doc = ctx.doc
    out = []
    ms = _sent_mentions(ctx)
    for i, (o, osp) in enumerate(ms):
        if o.cls not in ORG_FAMILY:
            continue
        prev = [(c, csp) for c, csp in ms[:i] if c.cls == "Country" and c.kind != "demonym" and csp.end <= osp.start]
        if prev:
            c, csp = prev[-1]
            gap = [t.lower_ for t in doc[csp.end: osp.start]]
            if gap in ([], ["'s"], ["\u2019s"], ["\u02bcs"]) and not (osp.start <= csp.start):
                pred = "partOf" if o.cls in {"ArmedForces", "GovernmentBody"} else "locatedIn"
                out.append(_rel(ctx, o, pred, c, "national:" + ("possessive" if gap else "adjacent"), 0.75,
                                tokens=[osp.root.i]))
        window = doc[osp.end: min(ctx.span.end, osp.end + 8)]
        words = [t.lower_ for t in window]
        for cue in ("based", "headquartered"):
            if cue in words and words.index(cue) <= 3:
                k = words.index(cue)
                if k + 1 < len(words) and words[k + 1] == "in":
                    tgt = next((m for t in window[k + 2: k + 5] if (m := ctx.mentions.at(t)) is not None and m.cls in PLACES), None)
                    if tgt is not None:
                        out.append(_rel(ctx, o, "locatedIn", tgt, "seat:based-in", 0.8, tokens=[osp.root.i]))
    return out


def _subsidiaries(mentions: list[Mention]) -> list[Relation]:
    """"Boeing Commercial Airplanes" and "Boeing": a unit named after its parent."""
    orgs = {}
    for m in mentions:
        if m.cls in ORG_FAMILY and not m.key:
            orgs.setdefault(m.name, m)
    out = []
    for name, m in orgs.items():
        for parent_name, parent in orgs.items():
            extra = name[len(parent_name):].split() if name.startswith(parent_name + " ") else []
            if len(extra) >= 2 and not all(w.lower().strip(".,") in L.COMPANY_WORDS for w in extra):
                out.append(Relation(subj=m, pred="partOf", obj=parent, sent=m.sent, rule="partOf:name", confidence=0.6))
    return out


def _borders(ctx: _Sent) -> list[Relation]:
    """"Colombia, which borders Venezuela", "the border between X and Y", "X's border with Y"."""
    doc = ctx.doc
    out = []
    ms = [(m, sp) for m, sp in _sent_mentions(ctx) if m.cls in PLACES]
    for i, (a, asp) in enumerate(ms):
        for b, bsp in ms[i + 1: i + 3]:
            gap = doc[asp.end: bsp.start]
            if len(gap) > 5 or b.name == a.name:
                continue
            lemmas = {t.lemma_.lower() for t in gap}
            words = {t.lower_ for t in gap}
            if "border" in lemmas or "bordering" in words:
                if words & {"and", "between", "with", "which", "that", ",", "'s", "\u2019s", "\u02bcs"} or gap[-1].lemma_ == "border":
                    out.append(_rel(ctx, a, "borders", b, "borders", 0.85, tokens=[asp.root.i]))
    for tok in ctx.span:
        if tok.lemma_.lower() == "border" and tok.pos_ == "NOUN" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "between":
            pair = [m for m in ctx.mentions.in_span(tok.i + 2, min(ctx.span.end, tok.i + 9)) if m.cls in PLACES]
            if len(pair) >= 2:
                out.append(_rel(ctx, pair[0], "borders", pair[1], "borders:between", 0.85, tokens=[tok.i]))
    return out


def _part_of(ctx: _Sent) -> list[Relation]:
    """"a network within the Venezuelan Armed Forces, the Cartel de los Soles", "X, a unit of Y"."""
    doc = ctx.doc
    out = []
    ms = _sent_mentions(ctx)
    for i, (a, asp) in enumerate(ms):
        if a.cls not in ORG_FAMILY:
            continue
        # "X, a unit of Y" / "X, part of Y"
        j = asp.end
        if j < ctx.span.end and doc[j].text == ",":
            window = doc[j + 1: min(ctx.span.end, j + 9)]
            rel_tok = next((t for t in window if t.lower_ in {"of", "within", "inside"}), None)
            nouns = {t.lemma_.lower() for t in window if rel_tok is not None and t.i < rel_tok.i}
            if rel_tok is not None and nouns & _PART_NOUNS and rel_tok.i + 1 < len(doc):
                tgt = next((m for m in ctx.mentions.in_span(rel_tok.i + 1, min(ctx.span.end, rel_tok.i + 4))), None)
                if tgt is not None and tgt.cls in ORG_FAMILY | {"Country"} and tgt != a:
                    pred = "memberOf" if "member" in nouns else "partOf"
                    out.append(_rel(ctx, a, pred, tgt, "partOf:apposition", 0.8, tokens=[asp.root.i]))
        # "... within Y, the X" (X in apposition to a noun inside Y)
        if asp.start >= 3 and doc[asp.start - 1].lower_ in {"the", "a"} and doc[asp.start - 2].text == ",":
            prev = [(o, osp) for o, osp in ms if osp.end == asp.start - 2 and o.cls in ORG_FAMILY | {"Country"}]
            if prev:
                o, osp = prev[0]
                k = osp.start - 1
                while k > ctx.span.start and doc[k].lower_ in {"the", "a"} or doc[k].ent_type_ == "NORP":
                    k -= 1
                if doc[k].lower_ in {"within", "inside"}:
                    out.append(_rel(ctx, a, "partOf", o, "partOf:within", 0.75, tokens=[asp.root.i]))
        # "GM's European unit Opel": the possessor's part
        k = asp.start - 1
        while k > ctx.span.start and k > asp.start - 5 and doc[k].pos_ in {"ADJ", "NOUN", "PROPN"} and not ctx.mentions.at(doc[k]):
            if doc[k].lemma_.lower() in _PART_NOUNS | {"brand", "subsidiary"}:
                if doc[k - 1].lower_ in {"'s", "\u2019s"} or doc[k - 1].tag_ == "POS" or any(
                        doc[j].lower_ in {"'s", "\u2019s"} for j in range(max(ctx.span.start, k - 3), k)):
                    j = k - 1
                    while j > ctx.span.start and not ctx.mentions.at(doc[j]) and doc[j].lower_ not in {"its", "their"}:
                        j -= 1
                    owner = ctx.mentions.at(doc[j])
                    if doc[j].lower_ in {"its", "their"}:  # "GM said ... its European division, Opel"
                        owner = next((m for t in ctx.span if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"
                                      and (m := ctx.mentions.of_phrase(t)) is not None), None)
                        j = k - 1
                    if owner is not None and owner.cls in ORG_FAMILY and owner != a and j >= k - 4:
                        out.append(_rel(ctx, a, "partOf", owner, "partOf:possessive", 0.75, tokens=[asp.root.i]))
                break
            k -= 1
        # "X within Y" directly
        if asp.end + 1 < ctx.span.end and doc[asp.end].lower_ in {"within", "inside"}:
            tgt = ctx.mentions.at(doc[asp.end + 1]) or (ctx.mentions.at(doc[asp.end + 2]) if asp.end + 2 < len(doc) else None)
            if tgt is not None and tgt.cls in ORG_FAMILY and tgt != a:
                out.append(_rel(ctx, a, "partOf", tgt, "partOf:within", 0.75, tokens=[asp.root.i]))
    return out


def _national_bodies(mentions: list[Mention]) -> list[Relation]:
    """"US Navy", "the Venezuelan government": a national body is part of its country."""
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


def _administrations(mentions: list[Mention]) -> list[Relation]:
    """"the Trump administration" is led by Trump."""
    out = []
    heads = {m.start: m for m in mentions if m.label == "administration-head"}
    for m in mentions:
        if m.label == "person+administration" and m.start in heads:
            out.append(Relation(subj=heads[m.start], pred="leaderOf", obj=m, sent=m.sent,
                                rule="leaderOf:administration", confidence=0.85))
    return out


def _gazetteer_locations(mentions: list[Mention]) -> list[Relation]:
    """A city is in the country the gazetteer places it in, when the article names that country."""
    out = []
    by_iso: dict[str, Mention] = {}
    for m in mentions:
        if m.cls == "Country":
            place = L.lookup_country(m.name)
            if place and place.iso not in by_iso:
                by_iso[place.iso] = m
    done = set()
    for m in mentions:
        if m.cls not in {"City", "Location"} or m.name in done:
            continue
        place = L.cities().get(L.fold(m.name)) if m.cls == "City" else L.regions().get(L.fold(m.name))
        if place and place.iso in by_iso:
            done.add(m.name)
            out.append(Relation(subj=m, pred="locatedIn", obj=by_iso[place.iso], sent=m.sent,
                                rule="locatedIn:gazetteer", confidence=0.7))
    return out


_SYMMETRIC_PASSIVES = {"link", "tie", "connect", "associate"}
_MODALS = {"will", "would", "could", "may", "might", "should", "'ll", "can", "must", "shall"}
_ACQUIRE = {"acquire", "buy", "purchase", "take"}
_HOLDINGS = {"stake", "share", "holding", "control", "majority", "percent", "%", "unit", "division", "part",
             "operation", "business", "asset"}


def _subjects(verb, index: MentionIndex, depth: int = 0) -> list[Mention]:
    subj = [c for c in verb.children if c.dep_ in {"nsubj"}]
    if verb.lemma_.lower() in _SYMMETRIC_PASSIVES and not subj:
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    heads = subj or agent
    out: list[Mention] = []
    for h in heads:
        if h.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            h = verb.head
        if h.lower_ in {"it", "they"} and verb.dep_ == "ccomp" and depth < 2:
            # "Cisco said it would buy X": the pronoun is the speaker
            out.extend(m for m in _subjects(verb.head, index, depth + 1) if m.cls in ORG_FAMILY | {"Country"})
            continue
        for t in expand_conjuncts(h):
            m = index.of_phrase(t)
            if m is not None:
                out.append(m)
    if not heads and depth < 3 and verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        if verb.dep_ == "xcomp":  # "X was selected to purchase Y": the passive subject acts
            passive = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
            if passive:
                return [m for t in passive for c in expand_conjuncts(t) if (m := index.of_phrase(c)) is not None]
        return _subjects(verb.head, index, depth + 1)
    if not heads and verb.dep_ == "relcl" and depth < 3:
        # "the Cartel, which smuggles": handled above; "boats used by X" has an agent
        return []
    return out


def _objects(verb, index: MentionIndex, preps: tuple[str, ...]) -> list[tuple[Mention, bool]]:
    """Object mentions of a verb, each flagged True when reached through an event noun ("attacks on X")."""
    out: list[tuple[Mention, bool]] = []
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    if verb.lemma_.lower() in _SYMMETRIC_PASSIVES and not any(c.dep_ == "agent" for c in verb.children):
        passive = False
    direct = [c for c in verb.children if c.dep_ in {"dobj", "attr", "oprd"} or (passive and c.dep_ == "nsubjpass")]
    for d in direct:
        for t in expand_conjuncts(d):
            m = index.of_phrase(t)
            if m is not None:
                out.append((m, False))
            elif t.lemma_.lower() in _HOLDINGS and verb.lemma_.lower() in _ACQUIRE:
                out.extend((m, True) for m in _through_preps(t, index, ("in", "of"), 2))
            elif t.lower_ in _EVENT_NOUNS or t.lemma_.lower() in _EVENT_NOUNS:
                out.extend((m, True) for m in _through_preps(t, index, ("on", "against", "in", "at", "over", "of"), 2))
    if not out:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ == "pobj":
                        for t in expand_conjuncts(g):
                            m = index.of_phrase(t)
                            if m is not None:
                                out.append((m, False))
                            else:
                                out.extend((m, True) for m in _appositive_after(t, index))
    return out


def _through_preps(tok, index: MentionIndex, preps: tuple[str, ...], depth: int) -> list[Mention]:
    found: list[Mention] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                for t in expand_conjuncts(g):
                    m = index.of_phrase(t)
                    if m is not None:
                        found.append(m)
                    elif depth > 1:
                        found.extend(_through_preps(t, index, preps, depth - 1))
    return found


def _appositive_after(tok, index: MentionIndex) -> list[Mention]:
    """"linked to a network within the army, the Cartel X": the name set off after the noun phrase."""
    doc = tok.doc
    end = max(t.i for t in tok.subtree) + 1
    if end + 1 < len(doc) and doc[end].text == ",":
        k = end + 1
        if doc[k].lower_ in {"the", "a", "an"}:
            k += 1
        m = index.at(doc[k]) if k < len(doc) else None
        if m is not None:
            return [m]
    return []


def _verbs(ctx: _Sent) -> list[Relation]:
    out: list[Relation] = []
    for verb in ctx.span:
        if verb.pos_ not in {"VERB"}:
            continue
        lemma = verb.lemma_.lower()
        pred, preps = VERBS.get(lemma, (None, ()))
        subjects = _subjects(verb, ctx.mentions)
        if not subjects:
            continue
        objects = _objects(verb, ctx.mentions, preps or ("to", "with", "against", "on"))
        if not objects:
            continue
        negated = any(c.dep_ == "neg" for c in verb.children)
        modal = next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in _MODALS), None)
        when = sentence_date(ctx.doc, ctx.span, ctx.anchor, near=verb)
        for s in subjects:
            for o, via_noun in objects:
                if s == o or s.name == o.name:
                    continue
                typed = pred
                if typed and (s.cls not in SIGNATURES[typed][0] or o.cls not in SIGNATURES[typed][1]):
                    typed = None
                if negated or modal:
                    typed = None  # "did not attack", "would meet": not a fact
                if typed:
                    conf = 0.7 if via_noun else 0.8
                    out.append(_rel(ctx, s, typed, o, f"verb:{lemma}", conf, verb=lemma, when=when, tokens=[verb.i]))
                else:
                    out.append(_rel(ctx, s, "relatedTo", o, "verb:generic", 0.3,
                                    verb=" ".join(w for w in (modal, "not" if negated else None, lemma) if w),
                                    when=when, tokens=[verb.i]))
    return out


_NOMINAL = {"launch": "launched", "start": "launched", "beginning": "launched", "designation": "designated",
            "invasion": "attacked"}
_REPORTING = {"report", "announce", "order", "begin", "start", "confirm", "declare", "authorize", "approve"}


def _nominals(ctx: _Sent) -> list[Relation]:
    """"X announced the launch of an operation called Y", "X's invasion of Y"."""
    out = []
    for noun in ctx.span:
        pred = _NOMINAL.get(noun.lower_)
        if pred is None or noun.pos_ != "NOUN":
            continue
        actors: list[Mention] = []
        poss = [c for c in noun.children if c.dep_ == "poss"]
        if poss:
            actors = [m for m in (ctx.mentions.of_phrase(p) for p in poss) if m]
        elif noun.dep_ == "dobj" and noun.head.lemma_.lower() in _REPORTING:
            actors = _subjects(noun.head, ctx.mentions)
        if not actors:
            continue
        sub = sorted(noun.subtree, key=lambda t: t.i)
        targets = [m for m in ctx.mentions.in_span(sub[0].i, sub[-1].i + 1) if m not in actors]
        if pred == "launched":
            targets = [m for m in targets if m.cls == "MilitaryOperation"]
        else:
            targets = [m for m in targets if m.cls in SIGNATURES[pred][1]][:1]
        when = sentence_date(ctx.doc, ctx.span, ctx.anchor, near=noun.head)
        for a in actors:
            for t in targets:
                if a.cls in SIGNATURES[pred][0]:
                    out.append(_rel(ctx, a, pred, t, f"noun:{noun.lower_}", 0.75, verb=noun.lower_, when=when,
                                    tokens=[noun.i]))
    return out


def _appointments(ctx: _Sent) -> list[Relation]:
    """"GM named Mary Barra as its chief executive", "Barra was appointed CEO of GM"."""
    out = []
    for verb in ctx.span:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _APPOINT:
            continue
        people = [m for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "oprd"}
                  for t in expand_conjuncts(c) if (m := ctx.mentions.of_phrase(t)) is not None and m.cls == "Person"]
        if not people:
            continue
        role_heads = [c for c in verb.children if c.dep_ in {"oprd", "attr", "xcomp"}]
        role_heads += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
        for d in (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}):
            role_heads += [c for c in d.children if c.dep_ == "prep" and c.lower_ == "as"]
        for head in role_heads:
            phrase = list(head.subtree)
            title = next((t.lower_ for t in phrase if t.lower_ in L.LEADER_ROLES and not ctx.mentions.at(t)), None)
            title = title or next((t.lower_ for t in phrase if L.is_title(t.lower_) and not ctx.mentions.at(t)), None)
            if title is None:
                continue
            orgs = [m for t in phrase if (m := ctx.mentions.at(t)) is not None and m.cls in ORG_FAMILY | PLACES
                    and m not in people and m.kind != "demonym"]
            if not orgs:
                subj = _subjects(verb, ctx.mentions)
                orgs = [m for m in subj if m.cls in ORG_FAMILY | {"Country"}]
            when = sentence_date(ctx.doc, ctx.span, ctx.anchor, near=verb)
            for p in people:
                for o in orgs[:1]:
                    pred = _role_predicate(title, o)
                    if pred:
                        out.append(_rel(ctx, p, pred, o, f"role:{verb.lemma_.lower()}", 0.8, role=title, when=when,
                                        tokens=[verb.i]))
    return out


def _dedupe(rels: list[Relation]) -> list[Relation]:
    best: dict[tuple, Relation] = {}
    for r in rels:
        key = (r.subj.start, r.pred, r.obj.start, r.sent, r.verb if r.pred == "relatedTo" else None)
        if key not in best or best[key].confidence < r.confidence:
            best[key] = r
    # a typed relation makes a generic one between the same mentions redundant
    typed = {(r.subj.start, r.obj.start, r.sent) for r in best.values() if r.pred != "relatedTo"}
    return [r for k, r in sorted(best.items(), key=lambda kv: (kv[1].sent, kv[1].subj.start, kv[1].pred, kv[1].obj.start))
            if r.pred != "relatedTo" or (r.subj.start, r.obj.start, r.sent) not in typed]
