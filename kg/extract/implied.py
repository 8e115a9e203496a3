"""Titles left implied: "chairman X" or "President X" with nothing saying whose, read after the whole article and
given to the organization or country the article is about (focus.py), unless the person's role is stated anywhere
in the article or the person is named beside another country (the rules that run them are in rules/roles.py)."""

from __future__ import annotations

from .. import lexicon as L
from ..lang.en import ARTICLES, CORPORATE_TITLES, GOVERNMENT_TITLES, OWNER_PRONOUNS, OWN_WORDS, POSSESSIVE_ENDINGS
from ..lang.en import titles as T  # kg/lang/en/titles.py
from ..records import Mention, Relation
from .context import ORG_FAMILY, Sent, make_relation, sentence_mentions
from .roles import _role_predicate


def implied_roles(ctx: Sent, known: set[str]) -> list[Relation]:
    """Titles before a name that say nothing of whose they are, read after the rest of the article: "chairman
    Dieter Zetsche" is the chairman of the organization the article is about, "President Dmitry Medvedev" the
    president of the country it is about. People with a role stated anywhere in the article (their surname in
    `known`) are left alone."""
    out: list[Relation] = []
    for p, psp in sentence_mentions(ctx):
        if p.cls == "Person" and p.kind == "name" and p.name.split()[-1].lower() not in known:
            out.extend(_implied_role(ctx, p, psp))
    return out


def _implied_role(ctx: Sent, p: Mention, psp) -> list[Relation]:
    doc = ctx.doc
    start = psp.start
    if start - 1 > ctx.span.start and doc[start - 1].text == "," and L.is_title(doc[start - 2].lower_):
        start -= 1  # "said the firm's chief executive officer, Helen Carver"
    comma = start < psp.start
    while start > ctx.span.start and psp.start - start < 6 and not ctx.mentions.at(doc[start - 1]) and (
            doc[start - 1].pos_ in {"NOUN", "ADJ", "PROPN", "DET", "PART"} or doc[start - 1].lower_ in OWN_WORDS):
        start -= 1
    phrase = doc[start: psp.start - 1] if comma else doc[start: psp.start]
    if comma and start == psp.start - 1:
        return []
    if start == psp.start and psp.end + 2 < ctx.span.end and doc[psp.end].text == ",":
        # "Fritz Henderson, the current chief operating officer, ..." with no organization after the title
        end = psp.end + 1
        while end < ctx.span.end and end - psp.end < 7 and not ctx.mentions.at(doc[end]) and doc[end].text not in {
                ",", ".", ";", "(", ")"} and doc[end].lower_ not in T.TITLE_PHRASE_ENDS:
            end += 1
        if end == ctx.span.end or doc[end].text not in {",", ".", ";"}:
            return []
        phrase = doc[psp.end + 1: end]
    elif start == psp.start or (start > ctx.span.start and ctx.mentions.at(doc[start - 1])):
        return []  # "GM chairman X" is read by the rules above
    words = [t.lower_ for t in phrase if t.lower_ not in ARTICLES | POSSESSIVE_ENDINGS]
    own = bool(set(words) & OWN_WORDS)
    words = [w for w in words if w not in OWN_WORDS | T.TITLE_TIME_WORDS]
    title = " ".join(words)
    if title in GOVERNMENT_TITLES and not own and ctx.country is not None:
        if _other_country_named(ctx):
            return []  # "Egypt's opposition ... and President X": the guess loses to the country the sentence names
        pred = _role_predicate(title, ctx.country)
        return [make_relation(ctx, p, pred, ctx.country, "role:implied-country", 0.55, role=title,
                              tokens=[psp.root.i])] if pred else []
    if not title or ctx.focus is None or not (title in CORPORATE_TITLES or own and L.is_title(words[-1])):
        return []
    org = ctx.focus
    if any(t.lower_ in OWNER_PRONOUNS for t in doc[start: psp.start]):
        # "Airbus and its CEO Ralph Crosby": the nearest organization before
        org = next((m for m in reversed(ctx.mentions.in_span(ctx.span.start, start)) if m.cls in ORG_FAMILY), org)
    pred = _role_predicate(title, org)
    if pred is None:
        return []
    return [make_relation(ctx, p, pred, org, "role:implied-organization", 0.6, role=title, tokens=[psp.root.i])]


def doubted_people(contexts: list[Sent]) -> set[str]:
    """Surnames of people named in a sentence that names a country other than the article's."""
    out: set[str] = set()
    for ctx in contexts:
        if ctx.country is not None and _other_country_named(ctx):
            out.update(m.name.split()[-1].lower() for m, _ in sentence_mentions(ctx) if m.cls == "Person" and m.name)
    return out


def _other_country_named(ctx: Sent) -> bool:
    """The sentence names a country other than the one the article is about (or a dateline's place)."""
    focus = L.lookup_country(ctx.country.name) if ctx.country is not None else None
    for m, _ in sentence_mentions(ctx):
        if m.cls == "Country":
            place = L.lookup_country(m.name)
            if place is not None and focus is not None and place.iso != focus.iso:
                return True
    return False
