"""Sport news: clubs and national teams named after their places, and competitions, which are no entities.

An article is read as sport news when its words say so (`is_sport_article`: several words only sport uses,
"midfielder", "goalkeeper", "Bundesliga", "scored"...). In such an article:

- a city's name used other than as a place ("Dortmund beat Bremen 2-1", not "the fans in Dortmund") names
  its club, and a name that joins a city to other words ("Werder Bremen", "Atletico Madrid"), or carries a
  club's word ("FC", "Borussia", "Sporting"), names a club: an `Organization`;
- a country named as a side of a match ("Argentina beat Switzerland", "Germany's coach", "Nigeria 1-0")
  is its national team in that article: its name mentions become an `Organization` (the country's
  adjectives still give nationality);
- competitions, leagues and stages ("the Champions League", "the Bundesliga", "Group B", "the
  quarter-final") are what a match is played in, not an actor: they are no entities of the graph.

Players and coaches are members of their team (`memberOf`, roles.py), as members of a party are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import lexicon as L
from ..records import Mention
from ..lang.en.sport import (  # kg/lang/en/sport.py
    SPORT_WORDS, WEAK_SPORT_WORDS as _WEAK, CLUB_WORDS, COMPETITION_HEADS as _COMPETITION_HEADS,
    MATCH_VERBS as _MATCH_VERBS, TEAM_NOUNS as _TEAM_NOUNS, SPORT_PLACE_PREPOSITIONS as _PLACE_PREPS, MATCH_NOUNS,
    MATCH_PREPOSITIONS)
from .common import make_mention
from .context import PLACES

SPORT_MIN_WORDS = 8
SPORT_MIN_STRONG = 3

_GROUP = re.compile(r"(?:group|pool) [a-h]", re.I)
_SCORE = re.compile(r"\d{1,2}[-:\u2013]\d{1,2}")


def is_sport_article(doc) -> bool:
    """True when the article uses enough of the words only sport news uses."""
    words = [t.lower_ for t in doc if t.lower_ in SPORT_WORDS]
    strong = {w for w in words if w not in _WEAK}
    return len(words) >= SPORT_MIN_WORDS and len(strong) >= SPORT_MIN_STRONG


def _competition(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and (words[-1] in _COMPETITION_HEADS or bool(_GROUP.fullmatch(name.strip())))


def _span(doc, m: Mention):
    return doc.char_span(m.start, m.end, alignment_mode="expand")


def _as_side(doc, m: Mention) -> bool:
    """The mention is a side of a match: subject or object of a match verb, possessor or modifier of a word for
    a team or its people, or next to a score ("Nigeria 1-0", "2-1 against Nigeria")."""
    span = _span(doc, m)
    if span is None:
        return False
    root = span.root
    head = root.head
    if root.dep_ in {"nsubj", "nsubjpass", "dobj", "conj"} and head.lemma_.lower() in _MATCH_VERBS:
        return True
    if root.dep_ == "pobj" and head.lower_ in MATCH_PREPOSITIONS \
            and head.head.lemma_.lower() in _MATCH_VERBS | MATCH_NOUNS:
        return True
    if root.dep_ in {"poss", "compound", "nmod", "amod"} and head.lower_ in _TEAM_NOUNS:
        return True
    near = doc[max(0, span.start - 2): span.start].text + " " + doc[span.end: span.end + 2].text
    return bool(_SCORE.search(near))


def _club_name(m: Mention) -> bool:
    """A name that joins a city to other words ("Werder Bremen", "Atletico Madrid") or carries a club's word."""
    words = m.name.split()
    if len(words) < 2 or L.lookup_place(m.name):
        return False
    folded = [L.fold(w) for w in words]
    if any(w in CLUB_WORDS for w in folded):
        return True
    big_city = any(L.cities().get(w) is not None and L.cities()[w].population >= 100_000 for w in folded)
    return big_city and not L.is_given_name(words[0])


def _place_use(doc, m: Mention) -> bool:
    span = _span(doc, m)
    return span is not None and span.start > 0 and doc[span.start - 1].lower_ in _PLACE_PREPS


def _missed_clubs(doc, mentions: list[Mention], sent_index) -> list[Mention]:
    """A city's one-word name NER missed ("Dortmund striker X", "Bremen 2-1"), not used as a place: its club."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for tok in doc:
        if tok.idx in covered or tok.pos_ not in {"PROPN", "NOUN"} or not tok.is_title or tok.ent_type_ not in {"", "GPE", "ORG"} \
                and not (tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B" and (tok.i + 1 == len(doc) or doc[tok.i + 1].ent_iob_ != "I")):
            continue  # (a one-word name NER took for a person's is read too: "a draw against Mainz")
        if (tok.i > 0 and (doc[tok.i - 1].pos_ == "PROPN" or doc[tok.i - 1].lower_ in _PLACE_PREPS)) or (
                tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            continue  # part of a longer name, or a place
        place = L.cities().get(L.fold(tok.text))
        if place is not None and place.population >= 100_000 and not L.lookup_country(tok.text) \
                and not L.is_given_name(tok.text):
            out.append(make_mention(doc[tok.i: tok.i + 1], tok.text, "Organization", "club", sent_index))
    return out


def _split_run(doc, m: Mention, sent_index) -> list[Mention] | None:
    """Two clubs NER ran together in a table of results ("Hamburg Werder Bremen", "Hertha Berlin Wolfsburg"):
    a leading or trailing city's one word, with a club's name or another city beside it, split off."""
    words = m.name.split()
    if len(words) < 2 or L.lookup_place(m.name):
        return None
    span = _span(doc, m)
    if span is None or len(span) != len(words):
        return None
    first, rest = _big_city(words[0]), words[1:]
    if first and not (len(rest) == 1 and L.fold(rest[0]) in CLUB_WORDS):
        parts = (span[:1], span[1:])
    elif len(words) >= 3 and _big_city(words[-1]) and _big_city(words[-2]):
        parts = (span[:-1], span[-1:])
    else:
        return None
    return [make_mention(p, p.text, "Organization", m.label + "+club", sent_index) for p in parts]


def _big_city(word: str) -> bool:
    place = L.cities().get(L.fold(word))
    return place is not None and place.population >= 100_000 and not L.is_given_name(word) \
        and L.fold(word) not in CLUB_WORDS


def sport_mentions(doc, mentions: list[Mention], sent_index) -> list[Mention]:
    """Mentions of a sport article re-read as clubs, national teams and competitions (see the module)."""
    if not is_sport_article(doc):
        return mentions
    mentions = sorted(mentions + _missed_clubs(doc, mentions, sent_index), key=lambda m: (m.start, m.end))
    sides = {m.name for m in mentions if m.cls in PLACES and m.kind == "name"
             and " " not in m.name and _as_side(doc, m)}
    out = []
    for m in mentions:
        if m.kind != "name":
            out.append(m)
            continue
        if _competition(m.name):
            continue  # a competition or a stage: no entity
        split = _split_run(doc, m, sent_index) if m.cls != "Country" else None
        if split:
            out.extend(split)
            continue
        if m.cls in PLACES and m.name in sides:
            m = replace(m, cls="Organization", label=m.label + ("+national-team" if m.cls == "Country" else "+club"))
        elif m.cls in {"City", "Location", "Person"} and _club_name(m):
            m = replace(m, cls="Organization", label=m.label + "+club")
        elif m.cls in {"City", "Location"} and " " not in m.name and not _place_use(doc, m) and (
                L.cities().get(L.fold(m.name)) is not None or L.lookup_place(m.name) is None):
            m = replace(m, cls="Organization", label=m.label + "+club")
        out.append(m)
    return out
