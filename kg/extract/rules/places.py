"""Rules for where things are and what they belong to: places in places, seats, borders, parts of bodies."""

from __future__ import annotations

from itertools import product

from ... import lexicon as L
from ...lang.en import APOSTROPHES, LIST_JOINERS, LOCATION_PARTICIPLES, PLACE_NOUNS, SEAT_PARTICIPLES
from ...records import Relation
from ..context import ORG_FAMILY, PLACES, Sent, make_relation, sentence_mentions, span_of
from ..registry import Article, Example, Rule, matcher_body
from .. import places as P

# "the border between Austria and Hungary": the first two places named in the next seven tokens
_BORDER_BETWEEN = {"border-between": [[{"LEMMA": {"REGEX": "(?i)^border$"}, "POS": "NOUN"}, {"LOWER": "between"}]]}


def _border_between(ctx: Sent, key: str, match) -> list[Relation]:
    end = min(ctx.span.end, match.start + 9)
    pair = [m for m in ctx.mentions.in_span(match.start + 2, end) if m.cls in PLACES]
    if len(pair) < 2:
        return []
    return [make_relation(ctx, pair[0], "borders", pair[1], "borders:between", 0.85, tokens=[match.start])]


# A place, the words between it and the next mention, that mention a place (rule place:<key>): "Nairobi (Kenya)",
# "Aceh, Indonesia", "Kunduz in northern Afghanistan". The Matcher finds the words, _place_gap the places around.
_MODIFIER = {"POS": {"IN": ["ADJ", "DET", "PROPN"]}}  # "northern", "the"
_GAPS = {
    # "(", the place (no parenthesis inside, so each "(" starts one match, which ends at the next parenthesis), ")"
    "parenthesis": [[{"ORTH": "("}, {"ORTH": {"NOT_IN": ["(", ")"]}, "OP": "+"}, {"ORTH": ")"}]],
    "comma": [[{"ORTH": ","}]],
    # "in", then at most two words, each a modifier or a dash
    "in": [[{"LOWER": "in"}, *words] for n in range(3) for words in product((_MODIFIER, {"ORTH": "-"}), repeat=n)],
}
_GAP_CONFIDENCE = {"parenthesis": 0.9, "comma": 0.85, "in": 0.8}


def _place_gap(ctx: Sent, key: str, match) -> list[Relation]:
    ms = sentence_mentions(ctx)
    out = []
    for i in P.neighbours(ctx).get(match.start, ()):  # the mention before the words, and the next one
        (a, asp), (b, bsp) = ms[i], ms[i + 1]
        if a.cls not in {"City", "Location"} or b.cls not in PLACES or b.name == a.name:
            continue
        if (bsp.start, bsp.end) == (match.start + 1, match.end - 1) if key == "parenthesis" else (
                bsp.start == match.end and _GAP_FITS[key](ctx, ms, i)):
            out.append(make_relation(ctx, a, "locatedIn", b, f"place:{key}", _GAP_CONFIDENCE[key], tokens=[asp.root.i]))
    return out


def _comma_fits(ctx: Sent, ms, i: int) -> bool:
    """"Aceh, Indonesia": the second a country or a region, and no list ("France, Germany and Italy")."""
    (b, bsp), doc = ms[i + 1], ctx.doc
    after = doc[bsp.end].text if bsp.end < len(doc) else "."
    return after.lower() not in LIST_JOINERS and (
        b.cls == "Country" or b.cls == "Location" and L.regions().get(L.fold(b.name)) is not None) and not (
        i + 2 < len(ms) and ms[i + 2][0].cls in PLACES and ms[i + 2][1].start - bsp.end <= 2)


def _in_fits(ctx: Sent, ms, i: int) -> bool:
    """"Kunduz in northern Afghanistan", "Mobile in Alabama", "Halden Arena in Chicago"."""
    a, b = ms[i][0].cls, ms[i + 1][0].cls
    return b == "Country" or a == "City" and b == "Location" or a == "Location" and b == "City"


_GAP_FITS = {"comma": _comma_fits, "in": _in_fits}


# "Detroit-based GM", "a Paris based bank": a place, "-based", lower-case words, then an organization
_BASED = {"hyphen": [[{"ORTH": "-"}, {"LOWER": "based"}]], "bare": [[{"LOWER": "based"}]]}


def _seat_based(ctx: Sent, key: str, match) -> list[Relation]:
    doc = ctx.doc
    if match.start <= ctx.span.start or key == "bare" and doc[match.start - 1].text == "-":
        return []  # the hyphen's own match reads "-based"
    place = ctx.mentions.at(doc[match.start - 1])
    if place is None or not _seat_place(place) or span_of(ctx, place).end != match.start:
        return []
    k = match.end  # the organization comes after lower-case words only, at most seven tokens from the place
    while k < ctx.span.end and k - match.start < 7 and doc[k].is_lower and not ctx.mentions.at(doc[k]):
        k += 1
    comma = k < ctx.span.end and doc[k].text == ","  # "a Detroit-based carmaker, GM, said"
    k += comma
    org = ctx.mentions.at(doc[k]) if k < ctx.span.end and k - comma - match.start <= 7 else None
    if org is None or org.cls not in P.SEATED or org.key:
        return []
    osp = span_of(ctx, org)
    if osp.start != k or comma and not (osp.end < ctx.span.end and doc[osp.end].text == ","):
        return []
    return [make_relation(ctx, org, "locatedIn", place, "seat:based", 0.8, tokens=[osp.root.i])]


def _seat_place(m) -> bool:
    """A place a company can be based in: a country, a city, or a region the gazetteer knows."""
    return m.cls in PLACES and not (m.cls == "Location" and L.fold(m.name) not in L.regions())


# "Pakistan's north-western city of Peshawar" (at most three words between the possessive and the place noun),
# "the Ukrainian city of Kharkiv" (a demonym, at most two words, the place noun): the place after "of" is in the
# place before the words (rules place:possessive and place:demonym). The Matcher finds the words, _place_of the places.
_ANY = {}
_PLACE_OF = [{"LOWER": {"IN": sorted(PLACE_NOUNS)}}, {"LOWER": "of"}]
_OF_PLACE = {
    "possessive": [[{"LOWER": {"IN": list(APOSTROPHES)}}, *[_ANY] * n, *_PLACE_OF] for n in range(4)],
    "demonym": [[*[_ANY] * n, *_PLACE_OF] for n in range(3)],
}


def _place_of(ctx: Sent, key: str, match) -> list[Relation]:
    ms = sentence_mentions(ctx)
    out = []
    for i in P.neighbours(ctx).get(match.start, ()):  # the mention before the words, and the next one
        (a, asp), (b, bsp) = ms[i], ms[i + 1]
        if a.cls not in {"Country", "Location"} or b.cls not in {"City", "Location"} or bsp.start != match.end:
            continue
        if key == "possessive":
            out.append(make_relation(ctx, b, "locatedIn", a, "place:possessive", 0.85, tokens=[bsp.root.i]))
        elif a.kind == "demonym" and not _possessive_gap(ctx.doc[asp.end: bsp.start]):
            out.append(make_relation(ctx, b, "locatedIn", a, "place:demonym", 0.8, tokens=[bsp.root.i]))
    return out


def _possessive_gap(gap) -> bool:
    """The words of place:possessive, which reads them first: "'s", at most three words, a place noun, "of"."""
    return 3 <= len(gap) <= 6 and gap[0].lower_ in APOSTROPHES and gap[-1].lower_ == "of" and (
        gap[-2].lower_ in PLACE_NOUNS)


# "the Royal Courts of Justice, located in central London" (place:located-in, after a place) and "Halden Systems,
# based in San Jose" (seat:based-in, after an organization or a place): a participle at most two (three) tokens
# after the name, "in", then a place within three tokens (for a seat, only determiners, adjectives and names before it).
_LOCATED_IN = {"located-in": [[{"LOWER": {"IN": list(LOCATION_PARTICIPLES)}}, {"LOWER": "in"}]]}
_BASED_IN = {"based-in": [[{"LOWER": {"IN": list(SEAT_PARTICIPLES)}}, {"LOWER": "in"}]]}


def _participle_in(ctx: Sent, key: str, match) -> list[Relation]:
    doc, p = ctx.doc, match.start
    reach, classes, rule = (2, {"Location"}, "place:located-in") if key == "located-in" else (
        3, ORG_FAMILY | {"Location"}, "seat:based-in")
    after = doc[p + 2: min(p + 5, ctx.span.end)]
    out = []
    for o, osp in sentence_mentions(ctx):
        # the participle is the first of its word after the name, within its reach
        if o.cls not in classes or not 0 <= p - osp.end <= reach or any(
                t.lower_ == doc[p].lower_ for t in doc[osp.end: p]):
            continue
        if key == "located-in":
            tgt = next((m for t in after if (m := ctx.mentions.at(t)) is not None and m.cls in PLACES), None)
            if tgt is None or tgt is o:
                continue
        else:
            tgt = next((m for t in after if (m := ctx.mentions.at(t)) is not None and m.cls in PLACES
                        and all(x.pos_ in {"DET", "ADJ", "PROPN"} for x in doc[p + 2: t.i])), None)
            if tgt is None:
                continue
        out.append(make_relation(ctx, o, "locatedIn", tgt, rule, 0.8, tokens=[osp.root.i]))
    return out


def _names(read):
    """An article body from a reader of the article's mentions (names that state a relation by themselves)."""
    def body(art: Article) -> list[Relation]:
        return read(art.mentions)
    return body


RULES = (
    Rule(("place:possessive", "place:demonym"), "sentence", ("locatedIn",), (
        Example("Pakistan's north-western city of Peshawar was quiet.", "Peshawar", "locatedIn", "Pakistan",
                "place:possessive"),
        Example("Polish troops entered the Ukrainian city of Kharkiv on Monday.", "Kharkiv", "locatedIn", "Ukraine",
                "place:demonym"),
    ), matcher_body(_OF_PLACE, _place_of), "A country or region, \"'s\" or its adjective, a place noun, \"of\", a place."),
    Rule(("place:apposition",), "sentence", ("locatedIn",), (
        Example("Gaza, the main city in the Palestinian Territory, was quiet.", "Gaza", "locatedIn",
                "Palestine", "place:apposition"),
    ), P.places, P.places.__doc__),
    Rule(("place:parenthesis", "place:comma", "place:in"), "sentence", ("locatedIn",), (
        Example("Nairobi (Kenya) was quiet.", "Nairobi", "locatedIn", "Kenya", "place:parenthesis"),
        Example("Aceh, Indonesia was flooded on Monday.", "Aceh", "locatedIn", "Indonesia", "place:comma"),
        Example("Shots were fired near the Halden Arena in Chicago.", "Halden Arena", "locatedIn", "Chicago",
                "place:in"),
        Example("Troops left Kunduz in northern Afghanistan.", "Kunduz", "locatedIn", "Afghanistan", "place:in"),
    ), matcher_body(_GAPS, _place_gap), "A place, \"(\", \",\" or \"in\" (and a modifier), then another place."),
    Rule(("seat:apposition", "seat:descriptor"), "sentence", ("locatedIn", "partOf"), (
        Example("Norvik, a Canadian automobile parts company, said profits fell.", "Norvik", "locatedIn", "Canada",
                "seat:apposition"),
        Example("US automaker Brightwater Motors said profits fell.", "Brightwater Motors", "locatedIn", "United States",
                "seat:descriptor"),
        Example("Japanese manufacturers Kaito Motors and Sanwa Motors said profits fell.", "Sanwa Motors", "locatedIn",
                "Japan",
                "seat:descriptor"),
    ), P.seats, P.seats.__doc__),
    Rule(("seat:based",), "sentence", ("locatedIn",), (
        Example("Detroit-based Norvik Motors said profits fell.", "Norvik Motors", "locatedIn", "Detroit", "seat:based"),
        Example("The Paris based company Halden Media said profits fell.", "Halden Media", "locatedIn", "Paris",
                "seat:based"),
    ), matcher_body(_BASED, _seat_based), "A place, \"-based\" or \"based\", lower-case words, then a company."),
    Rule(("seat:in", "seat:of"), "sentence", ("locatedIn", "partOf"), (
        Example("Halden University in Dayton opened a lab.", "Halden University", "locatedIn", "Dayton", "seat:in"),
        Example("Brightwater Motors of Korea said sales fell.", "Brightwater Motors", "locatedIn", "South Korea",
                "seat:of"),
    ), P.org_places, P.org_places.__doc__),
    Rule(("national:possessive", "national:adjacent"), "sentence", ("locatedIn", "partOf"), (
        Example("France's Coastal Defence Command flew over the sea.", "Coastal Defence Command", "partOf", "France",
                "national:possessive"),
        Example("Officials said the US Brightwater Aviation sold planes.", "Brightwater Aviation", "locatedIn",
                "United States", "national:adjacent"),
    ), P.national, P.national.__doc__),
    # place:located-in runs first: of the two, it keeps a relation both give ("X, located in Y")
    Rule(("place:located-in",), "sentence", ("locatedIn",), (
        Example("The West Bank, located in the Middle East, was quiet.", "West Bank", "locatedIn", "Middle East",
                "place:located-in"),
    ), matcher_body(_LOCATED_IN, _participle_in), "A place, \"located\" or \"situated\", \"in\", then a place."),
    Rule(("seat:based-in",), "sentence", ("locatedIn",), (
        Example("Halden Systems, based in San Jose, said profits fell.", "Halden Systems", "locatedIn", "San Jose",
                "seat:based-in"),
    ), matcher_body(_BASED_IN, _participle_in), "A name, \"based\", \"headquartered\" ..., \"in\", then a place."),
    Rule(("borders",), "sentence", ("borders",), (
        Example("Austria, which borders Hungary, closed its airports.", "Austria", "borders", "Hungary", "borders"),
    ), P.borders, P.borders.__doc__),
    Rule(("borders:between",), "sentence", ("borders",), (
        Example("The border between Austria and Hungary was closed.", "Austria", "borders", "Hungary",
                "borders:between"),
    ), matcher_body(_BORDER_BETWEEN, _border_between), "\"The border between X and Y\": the first two places after it."),
    Rule(("partOf:apposition", "partOf:within", "partOf:possessive"), "sentence", ("partOf", "memberOf"), (
        Example("Hezbollah, a member of the Lebanese government, said it would talk.", "Hezbollah", "memberOf",
                "Lebanon", "partOf:apposition"),
        Example("Halden Group's European unit Norvik Motors said profits fell.", "Norvik Motors", "partOf",
                "Halden Group", "partOf:possessive"),
        Example("The Special Activities Center within the CIA ran the program.", "Special Activities Center", "partOf",
                "CIA", "partOf:within"),
    ), P.part_of, P.part_of.__doc__),
    Rule(("partOf:national-body",), "article", ("partOf",), (
        Example("The US Coast Guard sent a ship.", "US Coast Guard", "partOf", "United States", "partOf:national-body"),
    ), _names(P.national_bodies), P.national_bodies.__doc__),
    Rule(("leaderOf:administration",), "article", ("leaderOf",), (
        Example("The Lindqvist administration said it would respond.", "Lindqvist", "leaderOf",
                "Lindqvist administration", "leaderOf:administration"),
    ), _names(P.administrations), P.administrations.__doc__),
    Rule(("partOf:name",), "article", ("partOf",), (
        Example("Norvik Defence and Space said sales fell. Norvik said profits rose.", "Norvik Defence and Space",
                "partOf", "Norvik", "partOf:name"),
    ), _names(P.subsidiaries), P.subsidiaries.__doc__),
)
