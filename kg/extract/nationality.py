"""Nationality: "Lebanese lecturer X", "the French president X", "X, a German national", "X is a Syrian citizen"."""

from __future__ import annotations

from .. import lexicon as L
from ..lang.en import (AGENT_NOUN_ENDINGS, CITIZENSHIP_NOUNS, COPULA_VERBS, HOLD_VERBS, NATIONALITY_NOUNS,
                       NATIONALITY_SKIP, ORG_DESCRIPTORS, PERSON_NOUNS, POSSESSIVE_ENDINGS, SUBJECT_RELATIVES,
                       TOPIC_NOUNS)
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
    return before in {"-", "\u2010", "\u2011"} or after.startswith(("-born", "-based", "-back", "-led", "-made"))


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
    return out


def _described(ctx: Sent) -> list[Relation]:
    """"X, a German national", "X is a Syrian citizen", "X, a citizen of Austria", "X, who holds Canadian citizenship"."""
    out: list[Relation] = []
    for tok in ctx.span:
        if tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        low = tok.lower_
        country: Mention | None = None
        person_tok = None
        if low in CITIZENSHIP_NOUNS:
            country = _adjective_country(ctx, tok)
            verb = tok.head
            if country is None or tok.dep_ != "dobj" or verb.lemma_.lower() not in HOLD_VERBS:
                continue
            person_tok = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if person_tok is not None and person_tok.lower_ in SUBJECT_RELATIVES and verb.dep_ == "relcl":
                person_tok = verb.head
        elif person_noun(low) and not ctx.mentions.at(tok):
            country = _adjective_country(ctx, tok)
            if country is None and low in NATIONALITY_NOUNS:
                of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                m = ctx.mentions.at(obj) if obj is not None else None
                country = m if m is not None and _country_of(m) else None
            if country is None:
                continue
            if tok.dep_ == "appos":
                person_tok = tok.head
            elif tok.dep_ == "attr" and tok.head.lemma_ in COPULA_VERBS:
                person_tok = next((c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if person_tok is None or country is None:
            continue
        person = ctx.mentions.at(person_tok)
        if person is None or person.cls != "Person" or person.kind != "name":
            continue
        if any(c.dep_ == "neg" for c in tok.head.children):
            continue  # "X is not a German citizen"
        out.append(make_relation(ctx, person, "nationality", country, f"nationality:{_how(tok)}", 0.85,
                                 tokens=[tok.i]))
    return out


def _adjective_country(ctx: Sent, tok) -> Mention | None:
    """The country an adjective or name modifying tok names: "German" in "a German national"."""
    for c in tok.children:
        if c.dep_ in {"amod", "compound", "nmod"} and c.i < tok.i:
            m = ctx.mentions.at(c)
            if m is not None and _country_of(m) and not _prefixed(ctx, m) and not (
                    m.kind != "demonym" and tok.lower_ in TOPIC_NOUNS):  # "a Haiti expert": the topic
                return m
    return None


def _how(tok) -> str:
    if tok.lower_ in CITIZENSHIP_NOUNS:
        return "citizenship"
    return "apposition" if tok.dep_ == "appos" else "copula"


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
