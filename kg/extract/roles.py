"""Roles: "CBS News journalist X", "X, the president of Y", "Y named X as its chief executive" (the readings;
the rules that run them, with their examples, are in rules/roles.py; titles left implied are read by implied.py)."""

from __future__ import annotations

from collections.abc import Callable

from .. import lexicon as L
from ..lang.en import (APOSTROPHES, APPOINT_VERBS, ARTICLES, COPULA_ADVERBS, COPULA_VERBS, FORMER_WORDS,
                       INDEFINITE_ARTICLES, LEADER_ROLES, MEMBERSHIP_HEADS, POSSESSIVE_ENDINGS, REGION_WORDS,
                       STATE_ROLES, SUBORDINATE_WORDS)
from ..lang.en import titles as T  # kg/lang/en/titles.py
from ..records import Mention, Relation
from .arguments import subjects
from .common import expand_conjuncts, sentence_date
from .context import AGENTS, ORG_FAMILY, PLACES, Sent, make_relation, span_of


def _region(name: str) -> bool:
    """A place the gazetteer knows, or a region named by compass or sea words ("Middle East", "the Sahel")."""
    return L.lookup_place(name) is not None or bool(set(L.fold(name).split()) & REGION_WORDS)


def _role_predicate(title: str, obj: Mention) -> str | None:
    pred = _role_predicate_whole(title, obj)
    if pred is None and " of " in title:  # "US Secretary of State X": the title before "of" decides
        pred = _role_predicate_whole(title.split(" of ")[0], obj)
    return pred


def _role_predicate_whole(title: str, obj: Mention) -> str | None:
    last = {title.lower().split()[-1], title.lower()}
    if obj.cls in {"Location", "City"} and (obj.cls == "City" or _region(obj.name)) and not last & T.TERRITORIAL_ROLES:
        return None  # "a Middle East expert at ...", "a professor in Detmold": a place or a topic, not an employer
    if last & T.SPORT_ROLES and obj.cls in ORG_FAMILY:
        return "memberOf"  # "Bayern striker X", "X, the Dortmund coach"
    pred = _role_predicate_of(title, obj)
    if pred == "leaderOf" and obj.cls == "Country" and (last & T.NOT_STATE_HEADS or " ".join(title.lower().split()[-2:]) in T.NOT_STATE_HEADS):
        return None  # "X, head of Germany's interior ministers' conference": the country only qualifies the body
    if pred == "worksFor" and obj.cls == "Country" and not {title.lower().split()[-1], title.lower()} & (
            STATE_ROLES | LEADER_ROLES):
        return None  # "a Lebanese lecturer": a nationality, not an employer
    return pred


def _role_predicate_of(title: str, obj: Mention) -> str | None:
    """The property a role phrase gives: "chief executive" leads, "vice president" works for, "founder" founded."""
    words = title.lower().split()
    if obj.cls not in ORG_FAMILY | PLACES or not words:
        return None
    if words[-1] in T.FOUNDER_TITLES:
        return "founded" if obj.cls in ORG_FAMILY else None
    if words[-1] == "member" and obj.cls not in ORG_FAMILY:
        return None  # "X, a member of the German parliament": of the body the country qualifies (nationality.py)
    if words[-1] == "member" or (obj.cls in {"PoliticalParty", "CriminalOrganization"} and words[-1] not in LEADER_ROLES):
        return "memberOf"  # "Greens lawmaker X", "a Taliban spokesman": a member of the party or the armed group
    leader = (title.lower() in LEADER_ROLES or words[-1] in LEADER_ROLES or " ".join(words[-2:]) in LEADER_ROLES
              or "chief executive" in title.lower() or "prime minister" in title.lower())
    if words[-1] in T.HEADS_OF_BODIES and len(words) == 1 and obj.cls in {"GovernmentBody", "ArmedForces"}:
        leader = True  # "Treasury Secretary X", "the Secretary of the Air Force": the head of that body
    if words[-1] in T.HEAD_WORDS and len(words) > 1 and words[-2] not in T.HEAD_QUALIFIERS:
        leader = False  # "foreign policy chief", "intelligence chief": heads a department, not the whole
    if leader and not set(words) & SUBORDINATE_WORDS:
        if obj.cls in AGENTS or words[-1] in T.LOCAL_LEADERS or " ".join(words[-2:]) in T.LOCAL_LEADERS:
            return "leaderOf"
        return None
    if obj.cls in {"PoliticalParty", "CriminalOrganization"}:
        return "memberOf"  # "the party's deputy leader"
    return "worksFor"


def _title_words(doc, start: int, end: int) -> tuple[str | None, bool]:
    """The role phrase in tokens [start, end) if they form one ("economy minister", "chief executive")."""
    words = [t for t in doc[start:end] if t.lower_ not in T.TITLE_SKIP_WORDS]
    if not words or len(words) > 5:
        return None, False
    former = any(t.lower_ in FORMER_WORDS for t in words)
    words = [t for t in words if t.lower_ not in FORMER_WORDS and t.lower_ != "-"]
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
        if t.is_punct or t.pos_ not in {"NOUN", "PROPN", "ADJ"} and t.lower_ not in T.TITLE_MODIFIERS:
            return None, False
    phrase = " ".join(t.lower_.strip(".") for t in words)
    if phrase in T.ADDRESS_FORMS:
        return None, False
    if phrase.endswith("executive officer"):
        phrase = phrase[: -len(" officer")]
    return phrase, former


def _by_end(ms: list) -> Callable[[int, int], list]:
    """ending(lo, hi): the (mention, span) pairs of ms whose span ends at a token in lo..hi, in the order of ms.

    Found by bisection, so that reading the roles of a sentence stays linear in its mentions.
    """
    from bisect import bisect_left, bisect_right

    order = sorted(range(len(ms)), key=lambda i: ms[i][1].end)
    ends = [ms[i][1].end for i in order]

    def ending(lo: int, hi: int) -> list:
        return [ms[i] for i in sorted(order[bisect_left(ends, lo):bisect_right(ends, hi)])]

    return ending


def _title_reference(ctx: Sent, p: Mention, psp, ending) -> list[Relation]:
    """A title standing for a named person leads the country before it (rule role:title-reference).

    Reads the country mention that ends where the title mention starts: "the Chilean president said" gives
    (the Chilean president) leaderOf Chile.
    """
    mod = next(((o, osp) for o, osp in ending(psp.start, psp.start) if o.cls == "Country"), None)
    if mod is None:
        return []
    return [make_relation(ctx, p, "leaderOf", mod[0], "role:title-reference", 0.6, role=psp.text.lower(),
                          tokens=[psp.root.i])]


def _title_before_name(ctx: Sent, p: Mention, psp, ending) -> list[Relation]:
    """(1) An organization or place, then a title, then the name (rules role:modifier, role:possessive).

    Reads up to nine tokens before the name: "CBS News journalist X" (X worksFor CBS News), "US President X",
    "Chile's president X" (X leaderOf Chile); "Halden Group's Anna Smith" (X worksFor it, role:possessive).
    """
    doc = ctx.doc
    out: list[Relation] = []
    for o, osp in ending(psp.start - 9, psp.start):
        if o is p or o.cls not in ORG_FAMILY | PLACES or osp.end > psp.start or psp.start - osp.end > 9:
            continue
        if doc.text[o.end: o.end + 7].lower().startswith(T.BIRTH_SUFFIXES):
            continue  # "US-born Finance Minister X": where X was born, not whom X serves
        start, end = osp.end, psp.start
        if end - start > 1 and doc[end - 1].text == "," and psp.end < ctx.span.end and doc[psp.end].text in {",", "."}:
            end -= 1  # "Ryanair CEO, Michael O'Leary, said"
        others = [m for t in doc[start:end] if (m := ctx.mentions.at(t)) not in (None, o, p)]
        if others:
            # "the UAW President Ron Gettelfinger and Vice President Gerald Bantom": the title after "and"
            q = others[-1]
            qsp = span_of(ctx, q)
            if q.cls != "Person" or any(m is not q for m in others) or qsp.end >= end or doc[qsp.end].lower_ != "and":
                continue  # "Germany's Bundesbank chief X": the nearer name is the one X serves
            start = qsp.end + 1
        elif end - start > 5:
            continue
        if end - start == 1 and doc[start].lower_ in T.POSSESSIVE_MARKS and o.cls in ORG_FAMILY \
                and not (psp.end < ctx.span.end and doc[psp.end].pos_ == "NOUN") \
                and L.is_given_name(p.name.split()[0]) \
                and (doc[end - 1].lower_ not in {"'", "\u2019"} or o.name.endswith("s")):
            # not "Renault's Dacia plant", "CNBC's Street Signs"; "Fox News' X" as "CNN's X"
            # "the SPD's Olaf Scholz", "Halden Group's Anna Smith": a member, someone who works there
            team = o.label.endswith(("+club", "+national-team"))  # "Barcelona's Andres Iniesta" (sport.py)
            pred = "memberOf" if o.cls == "PoliticalParty" or team else "worksFor"
            out.append(make_relation(ctx, p, pred, o, "role:possessive", 0.6, tokens=[psp.root.i]))
            continue
        if end - start > 1 and doc[start].lower_ in APOSTROPHES and o.name[-1:].lower() == "s":
            start += 1  # "Belarus' prime minister X", "Norvik Motors' chief executive X"
        title, former = _title_words(doc, start, end)
        if title:
            pred = _role_predicate(title, o)
            if pred:
                out.append(make_relation(ctx, p, pred, o, "role:modifier", 0.6 if former else 0.9, role=title,
                                         tokens=[psp.root.i], former=former))
    return out


def _title_in_apposition(ctx: Sent, p: Mention, psp, ending) -> list[Relation]:
    """(2) The name, a comma, then a title with an organization or place (rule role:apposition).

    Reads up to ten tokens after "X,", to the next comma or verb: "X, the president of Y" (X leaderOf Y),
    "X, Apple's chief executive" (X leaderOf Apple), "X, a CBS News journalist" (X worksFor CBS News).
    """
    doc = ctx.doc
    j = psp.end
    if not (j < ctx.span.end and doc[j].text == ","):
        return []
    k = j + 1
    if k < ctx.span.end and doc[k].pos_ in {"ADP", "CCONJ", "SCONJ", "PRON"}:
        return []  # "said X, with Dutch Justice Minister Y": no apposition of X
    while k < ctx.span.end and doc[k].lower_ in ARTICLES:
        k += 1
    end = min(ctx.span.end, k + 14)
    stop = next((t.i for t in doc[k:end] if t.text in {",", ";", "(", ")"} or t.pos_ in {"VERB", "AUX"}
                 and t.dep_ not in {"amod", "compound"}), end)  # "managing" director is no verb
    if stop + 1 < ctx.span.end and doc[stop].text == "," and (q := ctx.mentions.at(doc[stop + 1])) is not None \
            and q.cls == "Person" and q is not p:
        return []  # "X, Y's mayor, Z, ...": in a list of names, the title before a name may be the next one's
    inner = [(o, osp) for o, osp in ending(k, stop) if osp.start > j and osp.end <= stop and o is not p]
    title_toks = [t for t in doc[k:stop] if (L.is_title(t.lower_) or t.lower_ == "member") and not ctx.mentions.at(t)]
    if not (inner and title_toks):
        return []
    last = title_toks[-1].i
    run = last
    while run > k and not ctx.mentions.at(doc[run - 1]) and doc[run - 1].lower_ not in T.TITLE_RUN_BOUNDS:
        run -= 1
    title, _ = _title_words(doc, run, last + 1)
    title = title or title_toks[-1].lower_
    lead = next((t.lower_ for t in title_toks if t.lower_ in LEADER_ROLES
                 and doc[t.i - 1].lower_ not in SUBORDINATE_WORDS
                 and not (t.lower_ in T.HEAD_WORDS and doc[t.i + 1].is_alpha
                          and doc[t.i + 1].lower_ not in T.HEAD_COMPLEMENTS)), None)
    # "chief market economist", "chief financial officer": not the chief of the whole
    if lead and not _role_predicate(title, inner[-1][0]) == "leaderOf":
        title = lead  # "Chairman and Chief Operating Officer of X": the chairman leads X
    former = any(t.lower_ in FORMER_WORDS for t in doc[k:stop])
    before = [m for m, msp in inner if msp.end <= title_toks[0].i]
    if doc[title_toks[0].i + 1].lower_ in T.EMPLOYER_PREPOSITIONS or not before:  # "an Africa expert at Y": Y
        # "Canada's minister of industry": with no name after the title, the one before it
        o = _whose_title(doc, [(m, msp) for m, msp in inner if msp.start > title_toks[0].i], title_toks[0].i,
                         stop) or (before[-1] if before else None)
        if o is None:
            return []
    else:
        o = before[-1]  # "Henry Paulson, the US Treasury Secretary": the name nearest the title
    pred = _role_predicate(title, o)
    if not pred:
        return []
    osp = next(msp for m, msp in inner if m is o)
    if pred == "worksFor" and _directs(title, o) and doc[title_toks[-1].i + 1].lower_ == "of" \
            and osp.start - title_toks[-1].i <= 3 and not any(t.lower_ in INDEFINITE_ARTICLES for t in doc[j + 1: k]):
        pred = "leaderOf"  # "X, director of the Y institute": the head of it ("a director of Y" sits on a board)
    return [make_relation(ctx, p, pred, o, "role:apposition", 0.6 if former else 0.85, role=title,
                          tokens=[psp.root.i], former=former)]


def _directs(title: str, o: Mention) -> bool:
    """"director", "executive director" of an organization, not "deputy director" nor "director of sales"."""
    words = title.lower().split()
    return words[-1] in T.DIRECTOR_TITLES and not set(words) & SUBORDINATE_WORDS and o.cls in ORG_FAMILY


def _whose_title(doc, after: list, title: int, stop: int) -> Mention | None:
    """The organization or place a title in apposition is of, among the names after it: not one said after "in"
    ("an economist at Y in Freiburg", "president of the institute in an interview with Z"), nor a possessive that only
    qualifies the next word ("governor of Pakistan's Punjab province", "head of Germany's ... conference");
    the last organization of those left ("a professor of X at Y University"), else the last name."""
    cut = next((t.i for t in doc[title + 1: stop] if t.lower_ in T.TITLE_CUT_PREPOSITIONS or t.lower_ == "on"
                and any(msp.end <= t.i for _, msp in after)), stop)  # "an expert on energy at Y": a topic
    left = [m for m, msp in after if msp.end <= cut and not (msp.end < len(doc) and doc[msp.end].lower_ in POSSESSIVE_ENDINGS)]
    return next((m for m in reversed(left) if m.cls in ORG_FAMILY), left[-1] if left else None)


def _possessive_party(ctx: Sent, p: Mention, psp, ms: list) -> list[Relation]:
    """The name, "'s", then a party within three tokens (rule member:possessive-party).

    Reads only adjectives between: "Merkel's Christian Democrats" gives Merkel memberOf the Christian Democrats.
    """
    doc = ctx.doc
    if not (psp.end + 1 < ctx.span.end and doc[psp.end].lower_ in POSSESSIVE_ENDINGS):
        return []
    party = next((o for o, osp in ms if o.cls == "PoliticalParty" and psp.end < osp.start <= psp.end + 3
                  and all(t.pos_ in {"ADJ", "PART"} for t in doc[psp.end + 1: osp.start])), None)
    if party is None:
        return []
    return [make_relation(ctx, p, "memberOf", party, "member:possessive-party", 0.75, tokens=[psp.root.i])]


def _of_party_or_employer(ctx: Sent, p: Mention, psp, ms: list) -> list[Relation]:
    """The name, then "of" and a party or a named organization (rules member:of-party, role:of-organization).

    "X of the ruling Morena party", "X, of the Y party," give X memberOf the party; "Daniel Whitcombe of Norvik
    Motors", "X of the Chalmers University in Gothenburg" give X worksFor it (unless a title stands before the
    name: that is rule (4)).
    """
    doc = ctx.doc
    of = psp.end + (psp.end + 2 < ctx.span.end and doc[psp.end].text == "," and doc[psp.end + 1].lower_ == "of")
    if not (of + 1 < ctx.span.end and doc[of].lower_ == "of"):
        return []
    party = next((o for o, osp in ms if o.cls == "PoliticalParty" and of < osp.start <= of + 5), None)
    if party is not None:
        return [make_relation(ctx, p, "memberOf", party, "member:of-party", 0.8, tokens=[psp.root.i])]
    employer = _named_after(ctx, of + 1)  # "of Norvik Motors", "of the Chalmers University"
    if employer is None or employer.cls not in ORG_FAMILY - {"PoliticalParty"} or employer.kind != "name" \
            or psp.start > ctx.span.start and L.is_title(doc[psp.start - 1].lower_):
        return []
    esp = span_of(ctx, employer)
    after = doc[esp.end] if esp is not None and esp.end < ctx.span.end else None
    if esp is None or after is not None and (after.text == "-" or after.pos_ == "PROPN"):
        return []  # "of the Rostock-based Y": a name inside another's
    heads = {esp[-1].lower_} | ({after.lower_} if after is not None else set())
    pred = "memberOf" if heads & MEMBERSHIP_HEADS else "worksFor"  # "X of the Y union": a member
    return [make_relation(ctx, p, pred, employer, "role:of-organization", 0.7, tokens=[psp.root.i])]


def _party_in_brackets(ctx: Sent, p: Mention, psp) -> list[Relation]:
    """The name, then a party alone in brackets (rule member:parenthesis): "X (Social Democrats) said" gives X
    memberOf the Social Democrats; "X (SPD-Hesse)" too, the party first in the brackets."""
    doc = ctx.doc
    if not (psp.end + 2 < ctx.span.end and doc[psp.end].text == "("):
        return []
    party = ctx.mentions.at(doc[psp.end + 1])
    if party is None or party.cls != "PoliticalParty":
        return []
    close = next((t.i for t in doc[psp.end + 1: min(ctx.span.end, psp.end + 8)] if t.text == ")"), None)
    others = {m for t in doc[psp.end + 1: close or psp.end] if (m := ctx.mentions.at(t)) is not None} - {party}
    if close is None or any(m.cls not in PLACES for m in others):
        return []  # "X (SPD, Greens)": not one party
    return [make_relation(ctx, p, "memberOf", party, "member:parenthesis", 0.8, tokens=[psp.root.i])]


def _title_name_of(ctx: Sent, p: Mention, psp) -> list[Relation]:
    """(4) A title, the name, then "of" and a mention one or two tokens on (rule role:title-of).

    "President X of Y" gives X leaderOf Y; "spokesman X of the Y party" gives X memberOf it; "Senator X of
    Florida" nothing (a place after the name is whom X represents, or where X is from).
    """
    doc = ctx.doc
    before = doc[psp.start - 1] if psp.start > ctx.span.start else None
    if before is None or not L.is_title(before.lower_) or not (psp.end + 1 < ctx.span.end and doc[psp.end].lower_ == "of"):
        return []
    nxt = ctx.mentions.at(doc[psp.end + 1]) or (ctx.mentions.at(doc[psp.end + 2]) if psp.end + 2 < len(doc) else None)
    if nxt is None:
        return []
    pred = _role_predicate(before.lower_, nxt)
    if not pred or pred != "leaderOf" and nxt.cls in PLACES:
        return []  # "Senator X of Florida", "Economy Minister X of Lithuania": whom X represents, or where X is from
    return [make_relation(ctx, p, pred, nxt, "role:title-of", 0.85, role=before.lower_, tokens=[psp.root.i])]


def _title_by_copula(ctx: Sent, p: Mention, psp) -> list[Relation]:
    """(5) The name, "is"/"became"/"remains"/"served as", a title and "of" a mention, or a title after a
    possessive (rule role:copula).

    "X is the president of Y", "X, who is the president of Y", "X became CEO of Y" give X leaderOf Y; "X is a
    member of Y" memberOf (of a party) or worksFor; "X was a former director of Y" is former; "X served as
    defence minister of Y", "X is Y's foreign minister", "X, who served as Y's prime minister" too ("served"
    is a former role).
    """
    doc = ctx.doc
    k, served = _after_copula(ctx, psp)
    if k is None:
        return []
    while k < ctx.span.end and doc[k].lower_ in ARTICLES | COPULA_ADVERBS:
        k += 1
    stop = min(ctx.span.end, k + 6)
    of = next((t.i for t in doc[k:stop] if t.lower_ == "of"), None)
    if of is None:
        title, former, target = _possessive_title(ctx, k)
    else:
        title, former = _title_words(doc, k, of)
        if title is None and of > k and doc[of - 1].lower_ == "member" and of - k <= 2:
            title, former = "member", doc[k].lower_ in FORMER_WORDS  # "X is a member of Y"
        target = ctx.mentions.at(doc[of + 1]) or (ctx.mentions.at(doc[of + 2]) if of + 2 < len(doc) else None)
    if not title or target is None:
        return []
    pred = _role_predicate(title, target)
    if not pred:
        return []
    if pred == "worksFor" and _directs(title, target) and not any(t.lower_ in INDEFINITE_ARTICLES for t in doc[psp.end: k]):
        pred = "leaderOf"  # "X is the director of Y"
    former = former or served
    return [make_relation(ctx, p, pred, target, "role:copula", 0.6 if former else 0.8, role=title,
                          tokens=[psp.root.i], former=former)]


def _after_copula(ctx: Sent, psp) -> tuple[int | None, bool]:
    """The token after "X is", "X, 78, was", "X, who is", "X had been", "X served as", "X, who has served as"
    (None when the name is followed by none of them), and whether the verb is "served" (a role held before)."""
    doc = ctx.doc
    k = psp.end
    if k + 3 < ctx.span.end and doc[k].text == "," and doc[k + 1].like_num and doc[k + 2].text == ",":
        k += 3  # "X, 78, was president of Y": the age read over
    if k + 2 < ctx.span.end and doc[k].text == "," and doc[k + 1].lower_ == "who":
        k += 2  # "X, who is the president of Y,"
    if k + 1 < ctx.span.end and doc[k].lemma_ == "have" and (doc[k + 1].lower_ == "been"
                                                            or doc[k + 1].lemma_ in T.SERVE_VERBS):
        k += 1  # "X had been CEO of Y since 2011", "X has served as"
    if k + 1 < ctx.span.end and doc[k].lemma_ in T.SERVE_VERBS and doc[k + 1].lower_ == "as":
        return k + 2, doc[k].tag_ == "VBD"
    if not (k < ctx.span.end and doc[k].lemma_ in COPULA_VERBS):
        return None, False
    return k + 1, False


def _possessive_title(ctx: Sent, k: int) -> tuple[str | None, bool, Mention | None]:
    """"Y's foreign minister", "Y' prime minister" starting at token k: the title, whether it is former, Y."""
    doc = ctx.doc
    owner = ctx.mentions.at(doc[k]) if k < ctx.span.end else None
    if owner is None or owner.kind != "name" or owner.cls not in ORG_FAMILY | PLACES:
        return None, False, None
    osp = span_of(ctx, owner)
    if osp is None or not osp.start <= k < osp.end or osp.end >= ctx.span.end or doc[osp.end].tag_ != "POS":
        return None, False, None
    end = osp.end + 1
    while end < min(ctx.span.end, osp.end + 6) and doc[end].pos_ in {"NOUN", "ADJ", "PROPN"} \
            and not ctx.mentions.at(doc[end]):
        end += 1
    title, former = _title_words(doc, osp.end + 1, end)
    return title, former, owner


def _title_of_before_name(ctx: Sent, persons: list) -> list[Relation]:
    """(3) A title "of"/"at"/"for" an organization, then the first name after it (rule role:title-of-before).

    "The president of Chile, which borders Peru, Rafael Ortega wrote" gives Ortega leaderOf Chile;
    the name must follow at once or after a clause set off by commas (at most twelve tokens).
    """
    doc = ctx.doc
    out: list[Relation] = []
    for tok in ctx.span:
        if not (L.is_title(tok.lower_) and tok.pos_ in {"NOUN", "PROPN"}) or ctx.mentions.at(tok):
            continue
        if tok.i + 2 >= ctx.span.end or doc[tok.i + 1].lower_ not in T.ROLE_PREPOSITIONS:
            continue
        o = _named_after(ctx, tok.i + 2)  # "of Chile", "of the British union Unite"
        if o is None:
            continue
        osp = span_of(ctx, o)
        start = tok.i
        while start > ctx.span.start and doc[start - 1].pos_ in {"NOUN", "ADJ", "PROPN"} and not ctx.mentions.at(doc[start - 1]):
            start -= 1
        phrase, _ = _title_words(doc, start, tok.i + 1)  # "chief investment officer at X, Y"
        role = phrase or tok.lower_
        after = [(p, psp) for p, psp in persons if psp.start >= osp.end]
        if not after:
            continue
        p, psp = after[0]
        between = doc[osp.end: psp.start]
        if len(between) > 2 and between[0].text == "(":  # "the head of the Nordic Policy Institute (NPI), X"
            close = next((t.i for t in between[1:6] if t.text == ")"), None)
            between = doc[close + 1: psp.start] if close is not None else between
        nouns = 0
        while nouns < min(3, len(between) - 1) and between[nouns].pos_ == "NOUN" and between[nouns].is_lower:
            nouns += 1  # "the leader of the opposition Greens party, X": the kind of body after its name
        between = between[nouns:] if nouns and between[nouns].text == "," else between
        ok = len(between) == 0 or (between[0].text == "," and between[-1].text == "," and len(between) <= 12)
        if ok:
            pred = _role_predicate(role, o)
            if pred:
                out.append(make_relation(ctx, p, pred, o, "role:title-of-before", 0.8, role=role, tokens=[psp.root.i]))
    return out


def _named_after(ctx: Sent, i: int) -> Mention | None:
    """The name a phrase starting at token i is about: "Chile", "the British union Unite"."""
    doc = ctx.doc
    for t in doc[i: min(ctx.span.end, i + 6)]:
        m = ctx.mentions.at(t)
        if m is not None and m.kind != "demonym":
            return m
        if not (t.pos_ in {"DET", "ADJ"} or t.pos_ == "NOUN" and t.is_lower or m is not None):
            return None
    return None


def appointments(ctx: Sent) -> list[Relation]:
    """"GM named Mary Barra as its chief executive", "Barra was appointed CEO of GM"."""
    out = []
    for verb in ctx.span:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in APPOINT_VERBS:
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
            title = next((t.lower_ for t in phrase if t.lower_ in LEADER_ROLES and not ctx.mentions.at(t)), None)
            title = title or next((t.lower_ for t in phrase if L.is_title(t.lower_) and not ctx.mentions.at(t)), None)
            if title is None:
                continue
            orgs = [m for t in phrase if (m := ctx.mentions.at(t)) is not None and m.cls in ORG_FAMILY | PLACES
                    and m not in people and m.kind != "demonym"]
            if not orgs:
                subj = subjects(verb, ctx.mentions)
                orgs = [m for m in subj if m.cls in ORG_FAMILY | {"Country"}]
            when = sentence_date(ctx.doc, ctx.span, ctx.anchor, near=verb)
            for p in people:
                for o in orgs[:1]:
                    pred = _role_predicate(title, o)
                    if pred:
                        out.append(make_relation(ctx, p, pred, o, f"role:{verb.lemma_.lower()}", 0.8, role=title, when=when,
                                        tokens=[verb.i]))
    return out
