"""Nationality: "Lebanese lecturer X", "the French president X", "X, a German national", "X is a Syrian citizen"."""

from __future__ import annotations

from .. import lexicon as L
from ..lang.en import (AGENT_NOUN_ENDINGS, BODY_MEMBER_NOUNS, BODY_PREPOSITIONS, CITIZENSHIP_NOUNS, COPULA_VERBS,
                       HOLD_VERBS, NATIONAL_BODY_NOUNS, NATIONALITY_NOUNS, NATIONALITY_SKIP, NOT_NATIONALITY_SUFFIXES,
                       ORG_DESCRIPTORS, PERSON_NOUNS, POSSESSIVE_ENDINGS, SUBJECT_RELATIVES, TOPIC_NOUNS)
from ..records import Mention, Relation
from .context import Sent, make_relation, sentence_mentions


def person_noun(word: str) -> bool:
    """A word for a person that a nationality adjective can describe: a title, a role, "national", "student"."""
    w = word.lower().strip(".")
    return w in NATIONALITY_NOUNS or w in PERSON_NOUNS or L.is_title(w)


def _agent_noun(t) -> bool:
    """A common noun for someone who does something ("physicist", "campaigner"), by its ending."""
    return t.pos_ == "NOUN" and t.is_lower and len(t.text) > 4 and t.lower_.endswith(AGENT_NOUN_ENDINGS)


def _country_of(m: Mention) -> bool:
    return m.cls == "Country" and m.kind in {"demonym", "name", "modifier"}


def _prefixed(ctx: Sent, m: Mention) -> bool:
    """"pro-Russian", "anti-American", "Russian-born", "Iranian-American": not a statement of nationality."""
    text = ctx.doc.text
    before = text[max(0, m.start - 1): m.start]
    after = text[m.end: m.end + 5].lower()
    return before in {"-", "\u2010", "\u2011"} or after.startswith(NOT_NATIONALITY_SUFFIXES)


def nationalities(ctx: Sent) -> list[Relation]:
    """A person's nationality where a country's adjective (or name) describes the person."""
    out: list[Relation] = []
    doc = ctx.doc
    ms = sentence_mentions(ctx)
    for i, (p, psp) in enumerate(ms):
        if p.cls != "Person" or p.kind not in {"name", "title"}:
            continue
        # "Lebanese lecturer X", "the French president X", "Russian opposition leader X", "Syrian X"
        prev = next(((c, csp) for c, csp in reversed(ms[:i]) if csp.end <= psp.start), None)
        if prev is None:
            continue
        c, csp = prev
        if not _country_of(c) or psp.start - csp.end > 4 or _prefixed(ctx, c):
            continue
        between = [t for t in doc[csp.end: psp.start]]
        words = [t for t in between if t.lower_ not in NATIONALITY_SKIP]
        if any(t.is_punct and t.text != "-" or t.like_num or t.lower_ in POSSESSIVE_ENDINGS and c.kind == "demonym"
               for t in between):
            continue
        if any(t.lower_ in POSSESSIVE_ENDINGS for t in between):
            words = [t for t in words if t.lower_ not in POSSESSIVE_ENDINGS]
            if not words:
                continue  # "Syria's Assad": the country's, not said to be of it
        if p.kind == "title":  # "the Chilean president" standing for the one person it can be
            if not words and c.kind == "demonym":
                out.append(make_relation(ctx, p, "nationality", c, "nationality:title-reference", 0.6,
                                         tokens=[psp.root.i]))
            continue
        if not words:
            if c.kind == "demonym" and csp[-1].tag_ not in {"NNS", "NNPS"}:  # "Russian Alexei Navalny", not "two
                # Russians he met"
                out.append(make_relation(ctx, p, "nationality", c, "nationality:demonym", 0.8, tokens=[psp.root.i]))
            continue
        if not all(t.pos_ in {"NOUN", "ADJ", "PROPN"} and not ctx.mentions.at(t) for t in words):
            continue
        last = words[-1].lower_
        if not (person_noun(last) or _agent_noun(words[-1])) or any(t.lower_ in ORG_DESCRIPTORS for t in words):
            continue  # "German carmaker X" says nothing of a person's nationality
        if c.kind != "demonym" and any(t.lower_ in TOPIC_NOUNS for t in words):
            continue  # "Iran correspondent X": the country is what X reports on
        out.append(make_relation(ctx, p, "nationality", c, "nationality:modifier", 0.85, tokens=[psp.root.i]))
    out.extend(_described(ctx))
    out.extend(_national_bodies(ctx))
    return out


def _described(ctx: Sent) -> list[Relation]:
    """"X, a German national", "X is a Syrian citizen", "X, a citizen of Austria", "X, who holds Canadian
    citizenship", "X, who holds German and Turkish citizenship"."""
    out: list[Relation] = []
    for tok in ctx.span:
        if tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        low = tok.lower_
        if low in CITIZENSHIP_NOUNS:
            verb = tok.head
            if tok.dep_ != "dobj" or verb.lemma_.lower() not in HOLD_VERBS:
                continue
            person_tok = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if person_tok is not None and person_tok.lower_ in SUBJECT_RELATIVES and verb.dep_ == "relcl":
                person_tok = verb.head
        elif person_noun(low) and not ctx.mentions.at(tok):
            person_tok = _described_person(tok)
        else:
            continue
        person = ctx.mentions.at(person_tok) if person_tok is not None else None
        if person is None or person.cls != "Person" or person.kind != "name":
            continue
        if any(c.dep_ == "neg" for c in tok.head.children):
            continue  # "X is not a German citizen"
        for country, how in _stated_countries(ctx, tok):
            out.append(make_relation(ctx, person, "nationality", country, f"nationality:{how}", 0.85,
                                     tokens=[tok.i]))
    return out


def _described_person(tok):
    """The person a noun describes: "X, a German national" (apposition), "X is a Syrian citizen" (copula)."""
    if tok.dep_ == "appos":
        return tok.head
    if tok.dep_ == "attr" and tok.head.lemma_ in COPULA_VERBS:
        return next((c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return None


def _stated_countries(ctx: Sent, tok) -> list[tuple[Mention, str]]:
    """The countries a nationality or citizenship noun states, with how: its adjectives ("a German national",
    "German and Turkish citizenship") or, for "citizen", "national", "citizenship", the country after "of" ("a
    citizen of Austria", rule nationality:of-country)."""
    found = _adjective_countries(ctx, tok)
    if found:
        how = "citizenship" if tok.lower_ in CITIZENSHIP_NOUNS else "apposition" if tok.dep_ == "appos" else "copula"
        return [(m, how) for m in found]
    if tok.lower_ not in NATIONALITY_NOUNS | CITIZENSHIP_NOUNS:
        return []
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    objs = [obj] + [c for c in obj.conjuncts] if obj is not None else []
    found = [m for t in objs if (m := ctx.mentions.at(t)) is not None and _country_of(m) and m.kind == "name"]
    return [(m, "of-country") for m in found]


def _adjective_countries(ctx: Sent, tok) -> list[Mention]:
    """The countries adjectives or names modifying tok name: "German" in "a German national", both in "German and
    Turkish citizenship"."""
    out: list[Mention] = []
    for c in tok.children:
        if c.dep_ in {"amod", "compound", "nmod"} and c.i < tok.i:
            for t in [c] + [x for x in c.conjuncts if x.i < tok.i]:
                m = ctx.mentions.at(t)
                if m is not None and _country_of(m) and not _prefixed(ctx, m) and not (
                        m.kind != "demonym" and tok.lower_ in TOPIC_NOUNS) and m not in out:  # "a Haiti expert"
                    out.append(m)
            if out:
                return out
    return out


def _national_bodies(ctx: Sent) -> list[Relation]:
    """A member or an official of a country's national body (rule nationality:body): "X, a member of the German
    parliament", "X, an official of Germany's foreign ministry", "the Dutch foreign ministry's X". The body is a
    noun of NATIONAL_BODY_NOUNS that a country's name or adjective qualifies, or a named government body or armed
    force with a country's name in it ("the German Foreign Ministry")."""
    out: list[Relation] = []
    for body, country in _bodies(ctx):
        person_tok = None
        if body.dep_ == "pobj" and body.head.lower_ in BODY_PREPOSITIONS and body.head.head.lower_ in BODY_MEMBER_NOUNS:
            person_tok = _described_person(body.head.head)  # "X, a member of the German parliament"
        elif body.dep_ == "poss" and any(c.lower_ in POSSESSIVE_ENDINGS for c in body.children):
            person_tok = body.head  # "the Dutch foreign ministry's X"
        person = ctx.mentions.at(person_tok) if person_tok is not None else None
        if person is None or person.cls != "Person" or person.kind != "name" or person is country:
            continue
        out.append(make_relation(ctx, person, "nationality", country, "nationality:body", 0.75, tokens=[body.i]))
    return out


def _bodies(ctx: Sent) -> list[tuple[object, Mention]]:
    """The head tokens of a country's national bodies in the sentence, with the country."""
    out = []
    for m, sp in sentence_mentions(ctx):  # "the German Foreign Ministry", named
        if m.cls in {"GovernmentBody", "ArmedForces"}:
            inner = next((c for t in sp if (c := ctx.mentions.at(t)) is not None and c is not m and _country_of(c)),
                         None)  # the shortest mention at each token: a country's inside the body's name
            if inner is not None:
                out.append((sp.root, inner))
    for tok in ctx.span:  # "the German parliament", "Germany's foreign ministry"
        if tok.lower_ not in NATIONAL_BODY_NOUNS or tok.pos_ != "NOUN" or ctx.mentions.at(tok) is not None:
            continue
        for c in tok.children:
            m = ctx.mentions.at(c) if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i < tok.i else None
            if m is not None and _country_of(m) and not _prefixed(ctx, m):
                out.append((tok, m))
                break
    return out


def office_nationalities(found: list[Relation]) -> list[Relation]:
    """A country's head, minister or official, as a role rule read it ("the president of Chile, X"), is its
    national. Guessed roles (a bare title given to the article's country) give none."""
    out = []
    for r in found:
        if r.pred in {"leaderOf", "worksFor"} and r.subj.cls == "Person" and r.obj.cls == "Country" \
                and r.rule.startswith("role:") and r.rule != "role:implied-country" and r.role:
            out.append(Relation(r.subj, "nationality", r.obj, r.sent, "nationality:office", 0.7, role=r.role,
                                source=r.source))
    return out
