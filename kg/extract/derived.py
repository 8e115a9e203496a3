"""Mentions found from other mentions: names beside descriptors, acronyms, countries inside bodies' names,
"the Chilean president" for the one person it can be, "his government", and reclassifications that
only the whole article's mentions justify."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from .. import lexicon as L
from ..lang.en import (LEADER_GOVERNMENT_NOUNS, LEADER_ROLES, NAME_CONNECTORS, NAME_PARTICLES, ORG_DESCRIPTORS,
                       FIXED_BODY_NAMES, PARTY_MEMBER_PLURALS, PERSON_POSSESSIVES, UNIT_WORDS)
from ..ontology import family
from ..records import Mention
from .common import clean_name as _clean_name
from .common import make_mention as _mention


def descriptor_names(doc, sent_index, covered: set[int]) -> Iterator[Mention]:
    """Names NER missed next to a word for an organization: "its European division, Opel", "carmaker Opel"."""
    for tok in doc:
        if tok.idx in covered or tok.pos_ != "PROPN" or not tok.is_title:
            continue
        if tok.ent_type_ and not (tok.ent_type_ == "PRODUCT" and _owned_unit(doc, tok)):
            continue
        head = tok.head
        cue = (tok.dep_ == "appos" and head.lemma_.lower() in ORG_DESCRIPTORS | UNIT_WORDS) or (
            tok.i > 0 and doc[tok.i - 1].lower_ in ORG_DESCRIPTORS | UNIT_WORDS and doc[tok.i - 1].pos_ == "NOUN"
            and doc[tok.i - 1].is_lower) or _owned_unit(doc, tok)
        if not cue or L.is_given_name(tok.text) or L.lookup_place(tok.text):
            continue
        end = tok.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].idx not in covered:
            end += 1
        span = doc[tok.i: end]
        name = _clean_name(span.text)
        yield _mention(span, name, L.org_subclass(name) or "Organization", "descriptor+name", sent_index)


def _owned_unit(doc, tok) -> bool:
    """"General Motors' Saturn unit": a name between an organization's possessive and a word for a unit."""
    if tok.i < 2 or doc[tok.i - 1].tag_ != "POS" or doc[tok.i - 2].ent_type_ not in {"ORG"}:
        return False
    end = tok.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
        end += 1
    return end < len(doc) and doc[end].lemma_.lower() in UNIT_WORDS and doc[end].is_lower


def acronyms(doc, mentions: list[Mention], sent_index) -> Iterator[Mention]:
    """"ECB President X" where NER missed "ECB": an acronym of an organization the article names."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    orgs = {}
    for m in mentions:
        if m.cls in family("Organization") and len(m.name.split()) > 1:
            letters = "".join(w[0] for w in m.name.replace("-", " ").split()
                              if w[0].isupper() and w.lower() not in NAME_CONNECTORS)
            if len(letters) >= 2:
                orgs.setdefault(letters, m)
    for tok in doc:
        if tok.idx in covered or not (tok.is_upper and tok.is_alpha and 2 <= len(tok.text) <= 6):
            continue
        org = orgs.get(tok.text)
        if org is not None:
            yield _mention(doc[tok.i: tok.i + 1], tok.text, org.cls, "acronym", sent_index)


_REPEATABLE = family("Organization") | {"Person"}
_ORG_FAMILY = family("Organization")


def repeated_names(doc, mentions: list[Mention], sent_index) -> Iterator[Mention]:
    """Other occurrences of a name the article already gives as an organization or a person, where NER
    missed them ("Steve Jobs, founder of Apple", after "Apple" was recognised elsewhere)."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    known: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        if m.cls not in _REPEATABLE or m.kind != "name" or m.key or not m.name[:1].isupper():
            continue
        words = tuple(m.name.split())
        if m.cls == "Person" and len(words) < 2 or len(m.name) < 3:
            continue  # a lone surname or initials: too ambiguous to look for
        known.setdefault(words, m)
    if not known:
        return
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(known, key=len, reverse=True):
        firsts.setdefault(words[0], []).append(words)
    for tok in doc:
        if tok.idx in covered or tok.text not in firsts:
            continue
        if tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].is_title and doc[tok.i - 1].idx not in covered:
            continue  # inside a longer name
        for words in firsts[tok.text]:
            end = tok.i + len(words)
            if end > len(doc) or tuple(t.text for t in doc[tok.i:end]) != words:
                continue
            if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
                continue  # "Apple TV", "Apple Corps": another name
            if any(t.idx in covered for t in doc[tok.i:end]):
                continue
            m = known[words]
            yield _mention(doc[tok.i:end], m.name, m.cls, "repeated-name", sent_index)
            covered.update(t.idx for t in doc[tok.i:end])
            break


def place_like_orgs(mentions: list[Mention]) -> list[Mention]:
    """"Penske" tagged as a place, when the article names "Penske Automotive Group": the organization."""
    firsts = {}
    for m in mentions:
        if m.cls in {"Organization", "Company", "NewsOrganization"} and len(m.name.split()) > 1:
            firsts.setdefault(m.name.split()[0].lower(), m)
    single_orgs = {m.name.lower() for m in mentions if m.cls in {"Organization", "Company"} and " " not in m.name}
    single_people = {m.name.lower() for m in mentions if m.cls == "Person" and " " not in m.name}
    out = []
    for m in mentions:
        if m.cls == "Person" and m.label == "PERSON" and " " in m.name and m.name.split()[0].lower() in single_orgs \
                and m.name.split()[-1].lower() not in single_people:
            # "Lockheed Martin" tagged as a person in an article that calls it "Lockheed" as well
            out.append(Mention(m.start, m.end, m.text, m.name, "Company", "PERSON+org-prefix", m.sent, m.kind))
            continue
        org = None
        if m.cls == "Location" and m.label in {"GPE", "LOC"} or (
                m.cls == "Person" and m.label == "PERSON" and " " not in m.name and not L.is_given_name(m.name)):
            org = firsts.get(m.name.lower())
        if org is not None:
            m = Mention(m.start, m.end, m.text, m.name, org.cls, m.label + "+org-prefix", m.sent, m.kind)
        out.append(m)
    return out


def person_surnames(mentions: list[Mention]) -> list[Mention]:
    """A lone surname NER called an organization or a place, when a person of that surname is named."""
    surnames = {}
    for m in mentions:
        if m.cls == "Person" and len(m.name.split()) > 1:
            words = m.name.split()
            surnames[words[-1].lower()] = m
            # "von der Leyen" of "Ursula von der Leyen": the surname begins at its first particle
            first = next((i for i, w in enumerate(words[1:], 1) if w in NAME_PARTICLES), None)
            if first is not None and first < len(words) - 1:
                surnames[" ".join(words[first:]).lower()] = m
    out = []
    for m in mentions:
        if m.cls in {"Organization", "Location"} and (m.label.split("+")[0] in {"ORG", "GPE", "LOC", "FAC"}
                                                     or m.label == "PERSON+org-cue") \
                and m.name.lower() in surnames:  # (or "the Mubarak regime", which made an organization of a person)
            m = Mention(m.start, m.end, m.text, m.name, "Person", m.label + "+surname", m.sent, m.kind)
        out.append(m)
    return out


def country_modifiers(doc, mentions: list[Mention], sent_index) -> list[Mention]:
    """The country inside a body's name ("US Navy", "Russian Army") is a mention of that country too."""
    out = []
    starts = {(m.start, m.cls) for m in mentions}
    for m in mentions:
        if m.cls not in {"ArmedForces", "GovernmentBody", "NewsOrganization", "PoliticalParty"} or (m.start, "Country") in starts:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) < 2:
            continue
        done = False
        # "US Navy", "Royal Australian Air Force", "Royal Saudi Air Force": a country word anywhere but last
        for i in range(len(span) - 1):
            for size in (2, 1):
                if done or i + size >= len(span):
                    continue
                part = span[i: i + size]
                if not all(t.is_title or t.is_upper for t in part):
                    continue
                place = L.lookup_country(part.text) or L.lookup_demonym(part.text)
                if place and not L.org_subclass(part.text):
                    kind = "demonym" if L.lookup_demonym(part.text) and not L.lookup_country(part.text) else "modifier"
                    out.append(_mention(part, place.name, "Country", "modifier", sent_index, kind=kind))
                    done = True
    return out


def title_references(doc, mentions: list[Mention], sent_index) -> list[Mention]:
    """"the Chilean president": the one person the article gives that title, when only one fits."""
    titled: dict[str, list[tuple[Mention, str | None]]] = {}
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.cls != "Person" or len(m.name.split()) < 2:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        title = doc[span.start - 1]
        if not L.is_title(title.lower_) or title.lower_ not in LEADER_ROLES:
            continue
        country = None
        if span.start >= 2:
            prev = doc[span.start - 2]
            mod = next((x for x in mentions if x.cls == "Country" and x.start <= prev.idx < x.end), None)
            country = mod.name if mod else None
        titled.setdefault(title.lower_, []).append((m, country))
    out = []
    for tok in doc:
        if tok.lower_ not in titled or tok.i == 0 or tok.i + 1 >= len(doc) or tok.idx in by_start:
            continue
        nxt = doc[tok.i + 1]
        if nxt.pos_ == "PROPN" or nxt.lower_ == "of":
            continue
        mod = next((x for x in mentions if x.cls == "Country" and x.start <= doc[tok.i - 1].idx < x.end), None)
        if mod is None or doc[mod_start_token(doc, mod) - 1].lower_ not in {"the"}:
            continue
        fits = {p.name for p, c in titled[tok.lower_] if c in (None, mod.name)}
        if len(fits) == 1:
            span = doc[tok.i: tok.i + 1]
            out.append(_mention(span, fits.pop(), "Person", "title-reference", sent_index, kind="title"))
    return out


def their_governments(doc, mentions: list[Mention], sent_index) -> list[Mention]:
    """"the Chilean president and his government": the government of the country that person leads."""
    out = []
    for tok in doc:
        if tok.lower_ not in LEADER_GOVERNMENT_NOUNS or tok.i == 0:
            continue
        if not any(c.dep_ == "poss" and c.lower_ in PERSON_POSSESSIVES for c in tok.children):
            continue
        head = tok.head if tok.dep_ == "conj" else None
        person = next((m for m in mentions if head is not None and m.cls == "Person" and m.start <= head.idx < m.end), None)
        if person is None:
            continue
        span = doc.char_span(person.start, person.end, alignment_mode="expand")
        country = next((m for m in mentions if m.cls == "Country" and span is not None and span.start > 0
                        and m.start <= doc[span.start - 1].idx < m.end), None)
        if country is not None:
            place = L.lookup_country(country.name)
            if place is not None:
                out.append(_mention(doc[tok.i: tok.i + 1], f"Government of {place.name}", "GovernmentBody",
                                    "possessive-government", sent_index, kind="title", key=f"government:{place.iso}"))
    return out


def mod_start_token(doc, m: Mention) -> int:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.start if span is not None else 0


def org_variants(mentions: list[Mention]) -> list[Mention]:
    """One organization under one name in an article: "the Social Democrats", "the Social Democratic party" and
    "the Social Democratic Party" are one party (its "X Party" name, or its longest), and "the Brotherhood" is
    the Velmar Brotherhood when that is the only organization the article names whose name ends so (and is not
    a body's fixed name such as "White House": "the House" is another body)."""
    orgs = [m for m in mentions if m.cls in _ORG_FAMILY and m.kind == "name" and not m.key]
    if not orgs:
        return mentions
    rename: dict[str, str] = {}
    by_stem: dict[str, set[str]] = {}
    for m in orgs:
        stem = _party_stem(m)
        if stem:
            by_stem.setdefault(stem, set()).add(m.name)
    for names in by_stem.values():
        if len(names) > 1:
            best = max(names, key=lambda n: (n.split()[-1].lower() == "party" and n.split()[-1][0].isupper(),
                                              len(n), n))
            rename.update({n: best for n in names if n != best})
    enders: dict[str, set[str]] = {}
    for m in orgs:
        words = m.name.split()
        if len(words) > 1 and words[-1][:1].isupper() and L.fold(m.name) not in FIXED_BODY_NAMES:
            enders.setdefault(words[-1], set()).add(m.name)
    short: dict[str, str] = {}  # a one-word name -> the key of the one longer name it ends
    for m in orgs:
        longer = enders.get(m.name)
        if " " not in m.name and longer and len(longer) == 1 and m.name[:1].isupper() and not m.name.isupper() \
                and not L.org_subclass(m.name) and m.name not in rename:
            short[m.name] = L.fold(next(iter(longer)))  # "Bremen" of "Werder Bremen", "the Brotherhood"
    if not rename and not short:
        return mentions
    chosen = {id(m) for m in orgs}
    return [m if id(m) not in chosen else replace(m, name=rename[m.name]) if m.name in rename
            else replace(m, key=short[m.name]) if m.name in short else m for m in mentions]


def _party_stem(m: Mention) -> str:
    """"social democratic" for "Social Democrats", "Social Democratic Party" and "Social Democratic" named as a
    party; "" for a name that is no party's."""
    words = L.fold(m.name).split()
    if not words:
        return ""
    if words[-1] == "party" and len(words) > 1:
        return " ".join(words[:-1])
    if words[-1] in PARTY_MEMBER_PLURALS:
        return " ".join(words[:-1] + [PARTY_MEMBER_PLURALS[words[-1]]])
    if m.cls == "PoliticalParty" and words[-1] in PARTY_MEMBER_PLURALS.values():
        return " ".join(words)
    return ""
