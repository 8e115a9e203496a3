"""Pronouns and definite descriptions ("he", "its", "they", "the company", "the country", "the Venezuelan capital",
"the minister") resolved to a named mention of the article, when agreement and proximity leave exactly one
candidate; otherwise they stay unresolved (no link is better than a wrong one).

Each resolved span becomes a `Reference`: a stand-in `Mention` over the pronoun's or description's
characters that carries its antecedent's name, class and key (label `coref:pronoun` or `coref:description`),
and the antecedent itself. The relation readers
read the sentence a second time with the stand-ins (`relations.extract_relations`); a relation they find
through one is given to the antecedent under its own rule name (`+pronoun`, `+description`) with a lower
confidence. Stand-ins never reach entity resolution, so a pronoun never becomes a name of an entity.

Work is bounded: each pronoun looks back over at most `LOOKBACK` mentions and `LOOKBACK` person nouns of the
last `SENTENCES` sentences (bisection in lists sorted by position), so an article costs linear time.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from .. import lexicon as L
from ..lang.en import ADDRESS_FORMS, RESOLVED_TITLES
from ..lang.en.pronouns import (  # kg/lang/en/pronouns.py
    MASCULINE, FEMININE, NEUTER, PLURAL, ORG_DESCRIPTIONS as ORG_NOUNS, COUNTRY_NOUNS, CAPITAL_NOUNS,
    UNNAMED_PERSON_NOUNS as _PERSON_NOUNS, MALE_NOUNS as _MALE_NOUNS, FEMALE_NOUNS as _FEMALE_NOUNS,
    EMPTY_IT_VERBS as _EMPTY_IT_VERBS, SPEECH_AND_THOUGHT_VERBS as _REPORT_VERBS)
from ..records import Document, Extraction, Mention, Relation
from .context import ORG_FAMILY

_NOT_THINGS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}  # never what "it" means

LOOKBACK = 40  # mentions (and person nouns) looked at before a pronoun
SENTENCES = 2  # sentences before the pronoun's own that may hold its antecedent
PRONOUN_RULE = "coref:pronoun"
DESCRIPTION_RULE = "coref:description"
CONFIDENCE = 0.8  # a relation read through a reference keeps this share of its rule's confidence


@dataclass(frozen=True)
class Reference:
    """A pronoun or description (`mention`, a stand-in with the antecedent's name, class and key) and the named
    mention it refers to."""

    mention: Mention
    antecedent: Mention

    @property
    def kind(self) -> str:
        """"pronoun" or "description"."""
        return self.mention.label.partition(":")[2]


given_name_gender = L.given_name_gender  # kept in kg/lexicon.py with the other gazetteer tables


@lru_cache(maxsize=1)
def capitals() -> dict[str, frozenset[str]]:
    """ISO alpha-2 code -> folded names of the country's capital or capitals (countryinfo)."""
    out = {}
    for info in L._countryinfo():
        iso = (info.get("ISO") or {}).get("alpha2")
        names = info.get("capital") or []
        names = [names] if isinstance(names, str) else names
        if iso and names:
            out[iso] = frozenset(L.fold(n) for n in names if isinstance(n, str))
    return out


class _Article:
    """What the resolver knows of one article: mentions by position, identities, genders, person nouns."""

    def __init__(self, doc, mentions: list[Mention]):
        from ..resolve import cluster_article

        self.doc = doc
        self.sent_of = {}
        for i, sent in enumerate(doc.sents):
            self.sent_of[sent.start] = i
        self.sent_starts = sorted(self.sent_of)
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.mentions]
        keys = cluster_article(Extraction(doc=Document(text=doc.text, source="", doc_id=""), sentences=[],
                                          mentions=self.mentions))
        self.identity = {m: keys.get(m, m.name) for m in self.mentions}
        self.covered = set()
        self.token_mention: dict[int, Mention] = {}
        for m in self.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.covered.add(t.i)
                    self.token_mention.setdefault(t.i, m)
        self.gender = self._genders()
        self.person_nouns = [t.i for t in doc if self._person_noun(t)]
        self.titled = self._titled()
        self.titled = {w: sorted(ms, key=lambda m: (m.end, m.start)) for w, ms in self.titled.items()}
        self.titled_ends = {w: [m.end for m in ms] for w, ms in self.titled.items()}
        self.capital_mentions: dict[str, tuple[list[Mention], list[int]]] = {}  # ISO -> (mentions, ends), made once
        self.places_by_name: dict[str, list[Mention]] = {}  # folded name -> its place mentions, in order
        for m in self.mentions:
            if m.cls in {"City", "Location"} and m.kind == "name":
                self.places_by_name.setdefault(L.fold(m.name), []).append(m)

    def sentence(self, tok) -> int:
        return self.sent_of[tok.sent.start]

    def _genders(self) -> dict[str, str | None]:
        """Identity of each person -> "m", "f" or None: from the given name of its full name, or a word before
        one of its mentions ("Mr", "Queen", "spokeswoman"); None when nothing says or the signs disagree."""
        signs: dict[str, set[str]] = {}
        for m in self.mentions:
            if m.cls != "Person" or m.kind != "name":
                continue
            ident = self.identity[m]
            words = ident.partition(":")[2].split() or m.name.split()
            g = given_name_gender(words[0]) if len(words) > 1 else None
            found = signs.setdefault(ident, set())
            if g:
                found.add(g)
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.start > 0:
                before = self.doc[span.start - 1].lower_.strip(".")
                if before in _MALE_NOUNS:
                    found.add("m")
                elif before in _FEMALE_NOUNS:
                    found.add("f")
        return {k: next(iter(v)) if len(v) == 1 else None for k, v in signs.items()}

    def _person_noun(self, t) -> bool:
        """An unnamed person ("a spokesman", "his wife") a pronoun might refer to instead of a named one."""
        if t.i in self.covered or t.pos_ != "NOUN" or t.tag_ not in {"NN"}:
            return False
        word = t.lower_
        if word not in _PERSON_NOUNS and not L.is_title(word):
            return False
        if t.dep_ in {"attr", "oprd", "acomp", "appos"} or t.head.lower_ == "as":
            return False  # "X was appointed minister", "X, the minister", "as minister": X's role, no one else
        # the noun is part of a name ("President X", "X, the chancellor"): not another person
        near = [t.head] + list(t.children)
        return not any(n.i in self.covered and self.token_mention[n.i].cls == "Person" and
                       (t.dep_ in {"compound", "appos"} or n.dep_ in {"compound", "appos"}) for n in near)

    def _titled(self) -> dict[str, list[Mention]]:
        """Title word -> the person mentions it stands before ("President X", "Foreign Minister X")."""
        out: dict[str, list[Mention]] = {}
        for m in self.mentions:
            if m.cls != "Person" or m.kind != "name":
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or span.start == 0:
                continue
            title = self.doc[span.start - 1]
            if L.is_title(title.lower_) and title.lower_ not in ADDRESS_FORMS:
                out.setdefault(title.lower_, []).append(m)
        return out

    def before(self, tok, sentences: int = SENTENCES) -> list[Mention]:
        """The mentions before tok, nearest first, in its sentence and the `sentences` before it (bounded)."""
        here = self.sentence(tok)
        i = bisect.bisect_left(self.starts, tok.idx)
        out = []
        for m in reversed(self.mentions[max(0, i - LOOKBACK): i]):
            if m.sent < here - sentences:
                break
            if m.end <= tok.idx:
                out.append(m)
        return out

    def nouns_between(self, first: int, tok) -> list[int]:
        """Person nouns after character `first`... (token indices) up to tok, bounded."""
        i = bisect.bisect_left(self.person_nouns, tok.i)
        return [j for j in self.person_nouns[max(0, i - LOOKBACK): i] if self.doc[j].idx >= first]


def references(doc, mentions: list[Mention]) -> list[Reference]:
    """The pronouns and definite descriptions of doc resolved to one of `mentions` each."""
    if not mentions:
        return []
    art = _Article(doc, mentions)
    out: list[Reference] = []
    for tok in doc:
        if tok.i in art.covered:
            continue
        word = tok.lower_
        found: tuple[Mention, str] | None = None
        if tok.pos_ == "PRON" and word in MASCULINE | FEMININE:
            found = _person(art, tok, "m" if word in MASCULINE else "f")
        elif tok.pos_ == "PRON" and word in NEUTER:
            found = _neuter(art, tok)
        elif tok.pos_ == "PRON" and word in PLURAL:
            found = _plural(art, tok)
        elif tok.pos_ == "NOUN" and tok.tag_ == "NN":
            found = _description(art, tok)
        if found is None:
            continue
        ante, rule = found
        span = doc[tok.i: tok.i + 1] if rule == PRONOUN_RULE else _description_span(doc, tok)
        # kind "name": the relation readers take the stand-in as they take its antecedent; label says what it is
        stand_in = Mention(start=span.start_char, end=span.end_char, text=span.text, name=ante.name, cls=ante.cls,
                           label=rule, sent=art.sentence(tok), kind="name", key=ante.key)
        out.append(Reference(stand_in, ante))
    return out


def _one(art: _Article, candidates: Iterable[Mention]) -> Mention | None:
    """The nearest candidate when all of them are one entity of the article, else None."""
    cands = list(candidates)
    if not cands or len({art.identity[m] for m in cands}) != 1:
        return None
    return cands[0]


def _person(art: _Article, tok, gender: str) -> tuple[Mention, str] | None:
    def fits(m: Mention) -> bool:
        return m.cls == "Person" and art.gender.get(art.identity[m]) in (None, gender)

    # "X said (that) he ...": the subject of the reporting verb whose clause the pronoun opens
    if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.dep_ == "ccomp":
        verb = tok.head.head
        if verb.lemma_.lower() in _REPORT_VERBS:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            m = art.token_mention.get(subj.i) if subj is not None else None
            if m is not None and fits(m) and subj.i < tok.i:
                return m, PRONOUN_RULE
    for sentences in range(SENTENCES):  # its own and the previous sentence first, then one more
        cands = [m for m in art.before(tok, sentences + 1) if fits(m)]
        if not cands:
            continue
        m = _one(art, cands)
        if m is None:
            return None
        others = [j for j in art.nouns_between(m.end, tok)
                  if _noun_gender(art.doc[j]) in (None, gender)]
        return (m, PRONOUN_RULE) if not others else None
    return None


def _noun_gender(t) -> str | None:
    return "m" if t.lower_ in _MALE_NOUNS else "f" if t.lower_ in _FEMALE_NOUNS else None


def _neuter(art: _Article, tok) -> tuple[Mention, str] | None:
    """"it", "its": an organization the previous clause made its subject, when nothing else fits."""
    if tok.lower_ == "it":
        if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.head.lemma_.lower() in _EMPTY_IT_VERBS:
            return None
        if any(c.dep_ in {"ccomp", "xcomp"} and c.i > tok.head.i and c.pos_ == "ADJ" for c in tok.head.children):
            return None
    elif tok.lower_ == "its" and tok.dep_ != "poss":
        return None
    cands = [m for m in art.before(tok, 1) if m.cls in ORG_FAMILY | {"Country"} and m.kind in {"name", "title"}]
    m = _one(art, cands)
    if m is None or m.cls == "Country":
        return None
    head = _subject_head(art, m)
    if head is None:
        return None
    # another thing made a subject since ("The plane left four hours after its ..."), or for "it" an object
    # too ("Boeing has five orders for the jet since it was announced"): that may be what is meant
    span = art.doc[head.i + 1: tok.i]
    deps = {"nsubj", "nsubjpass"} | ({"dobj", "pobj", "attr"} if tok.lower_ == "it" else set())
    if any(t.dep_ in deps and t.pos_ in {"NOUN", "PROPN"}
           and t.tag_ in {"NN", "NNP"} and t.i not in art.covered and t.ent_type_ not in _NOT_THINGS for t in span):
        return None
    return m, PRONOUN_RULE


def _plural(art: _Article, tok) -> tuple[Mention, str] | None:
    """"they", "their", "them": an organization, a group, a country or an armed force that a clause of the same
    or the previous sentence made its subject, when it is the only one there, no two people are named there
    (who "they" may be), and no plural noun ("fighters", "officials") comes between it and the pronoun."""
    if tok.lower_ == "their" and tok.dep_ != "poss":
        return None
    window = art.before(tok, 1)
    if len({art.identity[m] for m in window if m.cls == "Person"}) > 1:
        return None
    cands = [m for m in window if m.cls in ORG_FAMILY | {"Country"} and m.kind in {"name", "title"}]
    m = _one(art, cands)
    if m is None:
        return None
    span = art.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.root.dep_ not in {"nsubj", "nsubjpass"}:
        return None  # the subject itself, not a word it qualifies ("US stock markets closed at their lows")
    if any(t.tag_ in {"NNS", "NNPS"} and t.i not in art.covered or t.is_quote for t in art.doc[span.end: tok.i]):
        return None  # "X said the fighters ...", or a quotation opened since: "X said. 'They ...'" may be others
    return m, PRONOUN_RULE


def _subject_head(art: _Article, m: Mention):
    """The token of the mention that is the subject of a clause (after compounds and appositions), or None."""
    span = art.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    while root.dep_ in {"compound", "appos", "conj"} and root.head is not root and root.head.i - root.i < 12:
        root = root.head
    return root if root.dep_ in {"nsubj", "nsubjpass"} else None


def _definite(tok) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _description_span(doc, tok):
    """"the Venezuelan capital", "the company": the determiner, modifiers and the noun."""
    start = min([c.i for c in tok.children if c.dep_ in {"det", "amod", "compound"} and c.i < tok.i] + [tok.i])
    return doc[start: tok.i + 1]


def _description(art: _Article, tok) -> tuple[Mention, str] | None:
    word = tok.lower_
    if not _definite(tok):
        return None
    nxt = art.doc[tok.i + 1] if tok.i + 1 < len(art.doc) else None
    if nxt is not None and (nxt.lower_ == "of" or nxt.pos_ == "PROPN" or nxt.i in art.covered):
        return None  # "the capital of X", "the company Apple": the name is given, not referred to
    if tok.dep_ in {"appos", "attr", "oprd"} or any(c.dep_ in {"appos", "acl", "relcl", "prep"} for c in tok.children):
        return None  # "X, the company", "X is the company": a statement; "the company selected by": another
    if word not in CAPITAL_NOUNS and any(c.i < tok.i and (c.dep_ not in {"det", "compound"} or c.i in art.covered
                                                           or c.pos_ != "NOUN" and c.dep_ == "compound")
                                         for c in tok.children):
        return None  # "the first company", "the Korean company", "the Airbus company": perhaps another one
    if word in ORG_NOUNS:
        classes = ORG_NOUNS[word]
        cands = [m for m in art.before(tok, SENTENCES) if m.cls in classes and m.kind in {"name", "title"}]
        m = _one(art, cands)
        return (m, DESCRIPTION_RULE) if m is not None else None
    if word in COUNTRY_NOUNS:
        cands = [m for m in art.before(tok, SENTENCES) if m.cls == "Country"]
        m = _one(art, cands)
        if m is not None and m.kind in {"demonym", "modifier"}:
            m = next((x for x in cands if x.kind == "name"), m)
        return (m, DESCRIPTION_RULE) if m is not None and m.kind == "name" else None
    if word in CAPITAL_NOUNS:
        return _capital(art, tok)
    if L.is_title(word) and word in RESOLVED_TITLES:
        titled = art.titled.get(word, [])
        i = bisect.bisect_right(art.titled_ends.get(word, []), tok.idx)
        m = _one(art, reversed(titled[max(0, i - LOOKBACK): i]))
        return (m, DESCRIPTION_RULE) if m is not None else None
    return None


def _capital(art: _Article, tok) -> tuple[Mention, str] | None:
    """"the Venezuelan capital": the capital of the country the modifier names, when the article names that
    city; "the capital" alone: of the one country named just before."""
    mod = next((c for c in tok.children if c.dep_ in {"amod", "compound"} and c.i < tok.i), None)
    iso = None
    if mod is not None:
        place = L.lookup_demonym(mod.text) or L.lookup_country(mod.text)
        iso = place.iso if place is not None else None
        if iso is None:
            return None
    else:
        country = _one(art, [m for m in art.before(tok, SENTENCES) if m.cls == "Country"])
        place = L.lookup_country(country.name) if country is not None else None
        iso = place.iso if place is not None else None
    city = capitals().get(iso or "")
    if not city:
        return None
    if iso not in art.capital_mentions:
        found = sorted((m for name in city for m in art.places_by_name.get(name, ())), key=lambda m: (m.end, m.start))
        art.capital_mentions[iso] = (found, [m.end for m in found])
    named, ends = art.capital_mentions[iso]
    if not named:
        return None
    i = bisect.bisect_right(ends, tok.idx)  # the latest mention of the city ending before tok, else the first
    return (named[i - 1] if i else named[0]), DESCRIPTION_RULE


def read_through(rel: Relation, stand_ins: dict[Mention, Reference]) -> Relation | None:
    """A relation found through stand-ins, given to their antecedents under its own rule name and a lower
    confidence; None when it would relate an entity to itself."""
    subj, obj = stand_ins.get(rel.subj), stand_ins.get(rel.obj)
    if subj is None and obj is None:
        return None
    kinds = sorted({r.kind for r in (subj, obj) if r is not None})
    new_subj = subj.antecedent if subj else rel.subj
    new_obj = obj.antecedent if obj else rel.obj
    if new_subj == new_obj or new_subj.name == new_obj.name:
        return None
    return replace(rel, subj=new_subj, obj=new_obj, rule=rel.rule + "".join(f"+{k}" for k in kinds),
                   confidence=round(rel.confidence * CONFIDENCE, 3))
