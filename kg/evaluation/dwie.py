"""DWIE documents (Deutsche Welle news, JSON with entities, coreference and typed relations) read as gold
articles, in memory: the texts stay in their own folder and are never written anywhere.

Concepts of DWIE's person, organization and location types become gold entities with kg's classes, the
relations that have a faithful counterpart among kg's properties become gold relations, and each document
falls, by a hash of its id, into the development part or the held-out part (see `part_of`). The mapping is
documented in gold/README.md.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from pathlib import Path

from .. import lexicon as L
from ..errors import InputError
from .scorer import GoldArticle, GoldEntity, GoldRelation, read_json

CORPUS = "dwie"
PARTS = ("dev", "held-out")
# IPTC top-level subject codes (first two digits) reported as genres; a document may have several
GENRES = {"11": "politics", "16": "conflict", "02": "crime", "04": "business", "15": "sport",
          "01": "culture"}
OTHER_GENRE = "other"

# DWIE organization types with a kg subclass (the rest are plain organizations)
_ORG_CLASSES = (("party", "PoliticalParty"), ("media", "NewsOrganization"), ("army", "ArmedForces"),
                ("criminal_org", "CriminalOrganization"), ("company", "Company"),
                ("governmental_organisation", "GovernmentBody"))
# named things that are not kg entities, and kinds the gold leaves unjudged (a war may be an operation)
_NOT_ENTITIES = ("event", "misc", "language", "ethnicity")
_UNJUDGED = ("war", "military_mission")
# DWIE relation -> kg property. Relations without a faithful counterpart (sport results, family, works
# of art, events' places, coaches, laws, treaties...) are left out.
RELATIONS = {
    "head_of_state": "leaderOf", "head_of_gov": "leaderOf", "head_of": "leaderOf", "mayor_of": "leaderOf",
    "minister_of": "worksFor", "agent_of": "worksFor", "spokesperson_of": "worksFor",
    "citizen_of": "nationality",
    "based_in0": "locatedIn", "based_in1": "locatedIn", "based_in2": "locatedIn",
    "in0": "locatedIn", "in1": "locatedIn", "in2": "locatedIn",
    "part_of": "partOf", "institution_of": "partOf", "agency_of": "partOf", "ministry_of": "partOf",
    "founder_of": "founded", "is_meeting": "metWith", "won_vs": "defeated", "sanctions": "sanctioned",
}
# member_of is membership for a party, team or alliance, and employment for a company, an outlet, a body
_MEMBERSHIP = {"party", "sport_team", "igo", "so", "union", "movement", "armed_movement", "politics_org",
               "music_band", "military_alliance"}
_EMPLOYMENT = {"company", "media", "governmental_organisation", "agency", "ministry", "court", "army",
               "education_org", "research_center", "policy_institute", "ngo", "business_org", "police_org"}
# the properties the converted gold can have: a predicted relation of another property is not judged
SCOPE = frozenset(RELATIONS.values()) | {"memberOf", "worksFor"}
# demonym relations: a nationality word ('German') -> its place
_DEMONYM = {"gpe0", "gpe1", "gpe2"}
# DWIE annotates the country in "the German government", "Egypt's military", "the government of Peru" but
# not the body, which kg makes a node of (an organization, by kg's own gold conventions): not judged
_BODY = r"(?:government|administration|cabinet|military|army|armed forces|navy|air force|police|security forces)"
_BODY_AFTER = re.compile(r"(?:'s)? " + _BODY + r"\b", re.I)
_BODY_BEFORE = re.compile(r"\b" + _BODY + r" of (?:the )?$", re.I)


def part_of(doc_id: str) -> str:
    """The split, fixed by the id alone: a document whose id's SHA-256, read as a number, is divisible by
    3 is held out (about a third), every other one is development data."""
    return "held-out" if int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "dev"


def _order(doc_id: str) -> str:
    """A stable order that mixes the genres, so that the first N documents are a fair sample."""
    return hashlib.sha256(b"order\x00" + doc_id.encode("utf-8")).hexdigest()


def is_dwie_folder(path: str | Path) -> bool:
    p = Path(path)
    return p.is_dir() and any(p.glob("DW_*.json"))


def read_folder(folder: str | Path, part: str = "dev", limit: int | None = None) -> list[GoldArticle]:
    """The DWIE documents of a folder (DW_*.json) in one part ('dev', 'held-out' or 'all'), converted in
    memory; with limit, only the first N of them in a fixed mixed order."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{root}: no such folder")
    paths = sorted(root.glob("DW_*.json"))
    if not paths:
        raise InputError(f"{root}: folder holds no DWIE documents (DW_*.json)")
    chosen = [p for p in paths if part == "all" or part_of(p.stem) == part]
    chosen.sort(key=lambda p: _order(p.stem))
    if limit is not None:
        chosen = chosen[:limit]
    return sorted((convert(read_json(p), str(p)) for p in chosen), key=lambda a: a.id)


def _types(concept: dict) -> set[str]:
    return {t[6:] for t in concept.get("tags") or [] if isinstance(t, str) and t.startswith("type::")}


def entity_class(types: set[str]) -> str | None:
    """kg's class for a DWIE concept's types, or None when it is no kg entity."""
    if "entity" not in types:
        return None
    if "person" in types:
        return "Person"
    if "organization" in types:
        return next((cls for t, cls in _ORG_CLASSES if t in types), "Organization")
    if "gpe0" in types:
        return "Country"
    if "gpe2" in types:
        return "City"
    if "location" in types:
        return "Location"
    return None


def _link_name(link: object) -> str | None:
    """A Wikipedia title as a name: 'United_States' -> 'United States', 'Georgia_(country)' -> 'Georgia'."""
    if not isinstance(link, str) or not link:
        return None
    name = link.replace("_", " ")
    if name.endswith(")") and " (" in name:
        name = name[: name.rindex(" (")]
    return name.strip() or None


def genres(iptc: object) -> tuple[str, ...]:
    """The article's genres from its IPTC subject codes (top-level codes end in six zeros)."""
    codes = [c for c in iptc if isinstance(c, str) and len(c) == 8 and c.endswith("000000")] \
        if isinstance(iptc, list) else []
    found = tuple(dict.fromkeys(GENRES[c[:2]] for c in codes if c[:2] in GENRES))
    return found or (OTHER_GENRE,)


def convert(data: object, path: str) -> GoldArticle:
    """One DWIE document (parsed JSON) as a gold article; InputError names the file and the problem."""
    def bad(msg: str) -> InputError:
        return InputError(f"{path}: {msg} (not a DWIE document?)")

    if not isinstance(data, dict):
        raise bad("a DWIE file holds one JSON object")
    for key, typ in (("id", str), ("content", str), ("mentions", list), ("concepts", list), ("relations", list)):
        if not isinstance(data.get(key), typ):
            raise bad(f"'{key}' is missing or not a {typ.__name__}")
    text = data["content"]
    try:
        concepts = {int(c["concept"]): c for c in data["concepts"]}
        mentions = [(int(m["concept"]), int(m["begin"]), int(m["end"])) for m in data["mentions"]]
        relations = [(int(r["s"]), str(r["p"]), int(r["o"])) for r in data["relations"]]
    except (TypeError, KeyError, ValueError, AttributeError):
        raise bad("concepts, mentions and relations must carry DWIE's fields (concept, begin, end, s, p, o)") from None
    texts: dict[int, list[str]] = defaultdict(list)
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for cid, begin, end in mentions:
        if not 0 <= begin < end <= len(text):
            raise bad(f"a mention of concept {cid} lies outside the text ({begin}-{end})")
        texts[cid].append(text[begin:end])
        spans[cid].append((begin, end))
    types = {cid: _types(c) for cid, c in concepts.items()}
    # nationality words and the place each one names ('German' -> Germany)
    demonym_of = {s: o for s, p, o in relations if p in _DEMONYM and o in concepts}

    def names_of(cid: int) -> list[str]:
        c = concepts[cid]
        found = texts.get(cid, []) + [c.get("text") or "", _link_name(c.get("link")) or ""]
        found += [t for d, place in demonym_of.items() if place == cid for t in texts.get(d, [])]
        return [n for n in dict.fromkeys(n.strip() for n in found) if L.fold(n)]

    index: dict[int, int] = {}
    entities: list[GoldEntity] = []
    other: list[tuple[str, set[str]]] = []
    ignore: set[str] = set()
    ignore_spans: list[tuple[int, int]] = []
    # a country named only by its adjective is an entity (DWIE may leave such a concept untyped)
    countries_named_by_adjective = {o for s, p, o in relations if p == "gpe0" and texts.get(s)}
    for cid in sorted(concepts):
        t = types[cid]
        cls = entity_class(t) or ("Country" if cid in countries_named_by_adjective and not t else None)
        if cls is not None and (texts.get(cid) or cid in countries_named_by_adjective):
            names = names_of(cid)
            if names:
                index[cid] = len(entities)
                entities.append(GoldEntity(cls, names))
            continue
        if demonym_of.get(cid) in countries_named_by_adjective:
            continue  # a nationality word: a name of its country
        folded = {L.fold(n) for n in texts.get(cid, [])} - {""}
        if any(k in t for k in _UNJUDGED) or "other" in t or "footer" in t:
            ignore |= folded  # nationality words of no country, credit lines, wars: not judged
            if "footer" in t:
                ignore_spans += spans.get(cid, [])
        elif "entity" in t and folded:
            other.append((next((k for k in _NOT_ENTITIES if k in t), "misc"), folded))
    ignore_spans += _unjudged_bodies(text, [spans.get(cid, []) for cid in concepts
                                            if cid in index or cid in demonym_of])
    gold_relations = _relations(relations, index, types, demonym_of)
    return GoldArticle(id=data["id"], corpus=CORPUS, path=path, text=text, date=None, entities=entities,
                       other=other, ignore=ignore, ignore_spans=ignore_spans, relations=gold_relations,
                       subset=part_of(data["id"]), genres=genres(data.get("iptc")), relation_scope=SCOPE)


def _unjudged_bodies(text: str, spans: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Spans of a government body named after a gold entity or nationality word ("the German government",
    "the government of Peru"), which DWIE does not annotate."""
    out = []
    for begin, end in (span for group in spans for span in group):
        after = _BODY_AFTER.match(text, end)
        if after:
            out.append((begin, after.end()))
        before = _BODY_BEFORE.search(text, max(0, begin - 40), begin)
        if before:
            out.append((before.start(), end))
    return sorted(set(out))


def _relations(relations: list[tuple[int, str, int]], index: dict[int, int], types: dict[int, set[str]],
               demonym_of: dict[int, int]) -> list[GoldRelation]:
    """DWIE's relations between gold entities as kg properties, one of each (subject, property, object);
    a relation towards a nationality word ('-x') counts towards the word's place. Where a pair has a
    leader relation, the membership or role DWIE also gives it is left out (kg's gold names the most
    specific one); nationality is a fact of its own and stays."""
    by_pair: dict[tuple[int, int], set[str]] = defaultdict(set)
    for s, p, o in relations:
        if p.endswith("-x"):
            p, o = p[:-2], demonym_of.get(o, -1)
        if p == "member_of":
            otypes = types.get(o, set())
            prop = "memberOf" if otypes & _MEMBERSHIP else "worksFor" if otypes & _EMPLOYMENT else None
            if prop == "memberOf" and otypes & {"igo", "so"} and "person" in types.get(s, set()):
                prop = "worksFor"  # a person in an international body is one of its officials
        else:
            prop = RELATIONS.get(p)
        if prop is None or s not in index or o not in index or index[s] == index[o]:
            continue
        a, b = index[s], index[o]
        if prop == "metWith" and b < a:
            a, b = b, a
        by_pair[(a, b)].add(prop)
    out = []
    for (a, b), props in sorted(by_pair.items()):
        if "leaderOf" in props:
            props -= {"worksFor", "memberOf"}
        out += [GoldRelation(a, prop, b) for prop in sorted(props)]
    return out
