"""Who does what to whom: the subject and object mentions of a verb, through passives, clauses and nouns."""

from __future__ import annotations

from ..lang.en import (ACQUIRE_VERBS, ARTICLES, EVENT_NOUN_PREPOSITIONS, EVENT_NOUNS, HOLDING_NOUNS,
                       HOLDING_PREPOSITIONS, PLACE_NOUNS, RELATIVE_PRONOUNS, SPEAKER_PRONOUNS, SYMMETRIC_PASSIVES,
                       TARGET_NOUNS, TARGET_PREPOSITIONS)
from ..records import Mention
from .common import MentionIndex, expand_conjuncts
from .context import ORG_FAMILY

# a place noun whose "of" names the place an attack's object is: "attacked the city of Kharkiv"
# (the nouns of places that are also targets, "the base of", are read as targets)
_PLACE_HEADS = PLACE_NOUNS - TARGET_NOUNS


def subjects(verb, index: MentionIndex, depth: int = 0) -> list[Mention]:
    subj = [c for c in verb.children if c.dep_ in {"nsubj"}]
    if verb.lemma_.lower() in SYMMETRIC_PASSIVES and not subj:
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    heads = subj or agent
    out: list[Mention] = []
    for h in heads:
        if h.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            h = verb.head
        if h.lower_ in SPEAKER_PRONOUNS and verb.dep_ == "ccomp" and depth < 2:
            # "Cisco said it would buy X": the pronoun is the speaker
            out.extend(m for m in subjects(verb.head, index, depth + 1) if m.cls in ORG_FAMILY | {"Country"})
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
        return subjects(verb.head, index, depth + 1)
    if not heads and verb.dep_ == "relcl" and depth < 3:
        # "the Cartel, which smuggles": handled above; "boats used by X" has an agent
        return []
    return out


def objects(verb, index: MentionIndex, preps: tuple[str, ...]) -> list[tuple[Mention, bool]]:
    """Object mentions of a verb, each flagged True when reached through an event noun ("attacks on X")."""
    out: list[tuple[Mention, bool]] = []
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    if verb.lemma_.lower() in SYMMETRIC_PASSIVES and not any(c.dep_ == "agent" for c in verb.children):
        passive = False
    direct = [c for c in verb.children if c.dep_ in {"dobj", "attr", "oprd"} or (passive and c.dep_ == "nsubjpass")]
    if not direct and verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        direct = [verb.head]  # "Tesla, founded by Elon Musk": the participle's noun is what was founded
    buying = verb.lemma_.lower() in ACQUIRE_VERBS
    for d in direct:
        if d.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            d = verb.head  # "Pixar, which was acquired by Disney"
        for t in expand_conjuncts(d):
            m = index.of_phrase(t)
            if m is not None and buying and index.at(t) is None and any(
                    c.dep_ == "compound" and index.at(c) is m for c in t.children):
                continue  # "buys twelve Airbus jets": the maker's products, not the maker
            if m is not None:
                out.append((m, False))
            elif t.lemma_.lower() in HOLDING_NOUNS and verb.lemma_.lower() in ACQUIRE_VERBS:
                out.extend((m, True) for m in through_preps(t, index, HOLDING_PREPOSITIONS, 2))
            elif t.lower_ in EVENT_NOUNS or t.lemma_.lower() in EVENT_NOUNS:
                out.extend((m, True) for m in through_preps(t, index, EVENT_NOUN_PREPOSITIONS, 2))
            elif t.lemma_.lower() in _PLACE_HEADS:  # "attacked the Ukrainian city of Kharkiv"
                out.extend((m, False) for m in through_preps(t, index, ("of",), 1))
            elif t.lemma_.lower() in TARGET_NOUNS and not buying:  # "struck targets in Gaza City"
                out.extend((m, True) for m in through_preps(t, index, TARGET_PREPOSITIONS, 1))
    if not out and any(d.lemma_.lower() in TARGET_NOUNS for d in direct) and not buying:
        preps = preps + ("in",)  # "struck targets in Gaza City": the place is what was hit
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
                                out.extend((m, True) for m in appositive_after(t, index))
    return out


def through_preps(tok, index: MentionIndex, preps: tuple[str, ...], depth: int) -> list[Mention]:
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
                        found.extend(through_preps(t, index, preps, depth - 1))
    return found


def appositive_after(tok, index: MentionIndex) -> list[Mention]:
    """"linked to a network within the army, the Cartel X": the name set off after the noun phrase."""
    doc = tok.doc
    end = max(t.i for t in tok.subtree) + 1
    if end + 1 < len(doc) and doc[end].text == ",":
        k = end + 1
        if doc[k].lower_ in ARTICLES:
            k += 1
        m = index.at(doc[k]) if k < len(doc) else None
        if m is not None:
            return [m]
    return []
