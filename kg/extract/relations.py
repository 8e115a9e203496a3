"""Typed relations between entity mentions: verbs and nouns of action here; roles and places in their modules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..lang.en import (ANNOUNCING_VERBS, LIGHT_NOUN_PREPOSITIONS, LIGHT_NOUNS, LIGHT_VERBS, MODALS, NOMINALS,
                       OBJECT_PREPOSITIONS, RELATION_VERBS, SENSE_PARTICLES, START_VERBS)
from ..ontology import signatures
from ..records import Mention, Relation
from .arguments import objects, subjects
from .attribution import sentence_attributions
from .common import MentionIndex, irrealis, sentence_date
from .context import AGENTS, ORG_FAMILY, PLACES, Sent, make_relation
from .coref import CONFIDENCE, Reference, read_through
from .focus import focus_country, focus_organization
from .holdings import is_named_child
from . import registry
from .registry import Article


# Where the verb and noun readers ask more of the classes than the ontology's rdfs:domain and rdfs:range (what
# any statement of the property may have), the narrower classes; None keeps the ontology's.
NARROWER: dict[str, tuple[frozenset[str] | None, frozenset[str] | None]] = {
    "attacked": (None, AGENTS | PLACES),  # not an operation
    "designated": (None, AGENTS),  # a person, group or country designated as ..., not a place
    "linkedTo": (AGENTS | PLACES, AGENTS),  # not operations: "linked to the attack" is an event's
    "sanctioned": (None, AGENTS),
    "supports": (None, AGENTS | {"MilitaryOperation"}),  # not a place
    "opposes": (None, AGENTS | {"MilitaryOperation"}),
    "acquired": (None, ORG_FAMILY),  # a company or body, not a person or a place
    "leaderOf": (None, ORG_FAMILY | {"Country", "MilitaryOperation"}),  # "leads the region" is territorial
    "memberOf": (frozenset({"Person", "Country"}), None),  # an organization's membership is partOf
    "worksFor": (None, ORG_FAMILY),  # a country's service is read by roles.py, not from a verb
}
# Which subject and object classes a typed property accepts; otherwise the relation is generic.
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    prop: (NARROWER.get(prop, (None, None))[0] or domain, NARROWER.get(prop, (None, None))[1] or range_)
    for prop, (domain, range_) in signatures().items()}


def extract_relations(doc, mentions: list[Mention], *, article_date: date | None = None,
                      references: list[Reference] = ()) -> list[Relation]:
    """Relations stated in doc between the given mentions, each with its rule and confidence; with
    references (kg/extract/coref.py), also those stated through a pronoun or a description."""
    index = MentionIndex(doc, mentions)
    attrs = sentence_attributions(doc, index)
    focus, country = focus_organization(doc.text, mentions), focus_country(mentions)
    found: list[Relation] = []
    contexts = [Sent(doc, sent, si, index, attrs.get(si, []), article_date, focus, country)
                for si, sent in enumerate(doc.sents)]
    for ctx in contexts:
        found.extend(registry.run("sentence", ctx))
    through = _through_references(contexts, mentions, references) if references else []
    found.extend(through)  # a role read through "he" is stated: the bare-title guess of the article phase loses
    article = Article(contexts, mentions, found)
    # rules over the whole article: names that state a relation ("US Navy"), titles left implied; then what
    # follows from the relations found ("the president of Chile" is Chilean)
    found.extend(registry.run("article", article))
    marked = set(through)
    found.extend(registry.run("inference", Article(contexts, mentions, [r for r in found if r not in marked])))
    for r in through:  # "He is the president of Y" makes him a national of Y, under a rule that says how
        found.extend(replace(n, rule=n.rule + r.rule[r.rule.index("+"):], confidence=round(n.confidence * CONFIDENCE, 3))
                     for n in registry.run("inference", Article(contexts, mentions, [r])))
    return _dedupe(found)


def _through_references(contexts: list[Sent], mentions: list[Mention], references: list[Reference]) -> list[Relation]:
    """The sentences that hold a resolved pronoun or description read again with it standing for its antecedent;
    only the relations it takes part in are kept, and only of the rules that read well through one
    (READ_THROUGH, measured in docs/QUALITY.md)."""
    stand_ins = {r.mention: r for r in references}
    index = MentionIndex(contexts[0].doc, mentions + list(stand_ins))
    sentences = {r.mention.sent for r in references}
    out = []
    for ctx in contexts:
        if ctx.index not in sentences:
            continue
        again = Sent(ctx.doc, ctx.span, ctx.index, index, ctx.attributions, ctx.anchor, ctx.focus, ctx.country)
        for rel in registry.run("sentence", again):
            through = read_through(rel, stand_ins)
            if through is not None and rel.rule.startswith(READ_THROUGH):
                out.append(through)
    return out


# the families of rules whose relations are kept when read through a pronoun or a description: roles,
# memberships and nationalities the sentence states of "he", "she", "the company" (measured in
# docs/QUALITY.md). Verbs read through them fell below 0.7 (verb:meet 0 of 3 on DWIE dev) and stay off.
READ_THROUGH = ("role:", "member:", "nationality:")


def _verbs(ctx: Sent) -> list[Relation]:
    out: list[Relation] = []
    for verb in ctx.span:
        if verb.pos_ not in {"VERB"}:
            continue
        lemma = verb.lemma_.lower()
        pred, preps = RELATION_VERBS.get(lemma, (None, ()))
        light = next((LIGHT_NOUNS[c.lemma_.lower()] for c in verb.children
                      if c.dep_ == "dobj" and c.lemma_.lower() in LIGHT_NOUNS), None)
        if light and (pred is None or pred == "launched" or lemma in LIGHT_VERBS):
            pred, preps = light, LIGHT_NOUN_PREPOSITIONS  # "imposed sanctions on Iran", "carried out strikes on X"
        subjs = subjects(verb, ctx.mentions)
        if not subjs:
            continue
        objs = objects(verb, ctx.mentions, preps or OBJECT_PREPOSITIONS)
        if not objs:
            continue
        negated = any(c.dep_ == "neg" for c in verb.children)
        modal = next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in MODALS), None)
        # "did not", "would", "refused to work for", "plans to join": not a fact; "ruled out": another sense
        unreal = negated or modal is not None or irrealis(verb) or not light and any(
            c.dep_ == "prt" and c.lower_ in SENSE_PARTICLES for c in verb.children)
        when = sentence_date(ctx.doc, ctx.span, ctx.anchor, near=verb)
        subjs = [s for s in subjs if not is_named_child(ctx, s)]
        for s in subjs:
            for o, via_noun in objs:
                if s == o or s.name == o.name:
                    continue
                typed = pred
                if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ == "on" for c in verb.children):
                    typed = None  # "called on X to" asks; "called X" rings or names
                if typed == "memberOf" and s.cls == "Person" and o.cls == "Company":
                    typed = "worksFor"  # "Cook joined Apple in 1998"
                if typed == "launched" and o.cls in ORG_FAMILY and lemma in START_VERBS:
                    typed = "founded"  # "Apple was started by Steve Jobs": a company, not an operation
                if typed == "owns":  # "Airbus is owned by EADS": the owned company is part of its owner
                    if s.cls in ORG_FAMILY and o.cls in ORG_FAMILY and not unreal:
                        out.append(make_relation(ctx, o, "partOf", s, f"verb:{lemma}", 0.75, verb=lemma, when=when,
                                                 tokens=[verb.i]))
                        continue
                    typed = None
                if typed and (s.cls not in SIGNATURES[typed][0] or o.cls not in SIGNATURES[typed][1]):
                    typed = None
                if unreal:
                    typed = None  # "did not attack", "would meet", "refused to join": not a fact
                if typed in {"attacked", "sanctioned", "ordered", "deployedTo"} and s.cls == "NewsOrganization":
                    typed = None  # an outlet reports or comments; it does not attack or sanction
                if typed:
                    conf = 0.7 if via_noun else 0.8
                    out.append(make_relation(ctx, s, typed, o, f"verb:{lemma}", conf, verb=lemma, when=when, tokens=[verb.i]))
                else:
                    out.append(make_relation(ctx, s, "relatedTo", o, "verb:generic", 0.3,
                                    verb=" ".join(w for w in (modal, "not" if negated else None, lemma) if w),
                                    when=when, tokens=[verb.i]))
    return out


def _nominals(ctx: Sent) -> list[Relation]:
    """"X announced the launch of an operation called Y", "X's invasion of Y"."""
    out = []
    for noun in ctx.span:
        pred = NOMINALS.get(noun.lower_)
        if pred is None or noun.pos_ != "NOUN":
            continue
        actors: list[Mention] = []
        poss = [c for c in noun.children if c.dep_ == "poss"]
        if poss:
            actors = [m for m in (ctx.mentions.of_phrase(p) for p in poss) if m]
        elif noun.dep_ == "dobj" and noun.head.lemma_.lower() in ANNOUNCING_VERBS:
            actors = subjects(noun.head, ctx.mentions)
        if not actors:
            continue
        sub = sorted(noun.subtree, key=lambda t: t.i)
        targets = [m for m in ctx.mentions.in_span(sub[0].i, sub[-1].i + 1) if m not in actors]
        if pred == "launched":
            targets = [m for m in targets if m.cls == "MilitaryOperation"]
        else:
            targets = [m for m in targets if m.cls in SIGNATURES[pred][1]][:1]
        when = sentence_date(ctx.doc, ctx.span, ctx.anchor, near=noun.head)
        for a in actors:
            for t in targets:
                if a.cls in SIGNATURES[pred][0]:
                    out.append(make_relation(ctx, a, pred, t, f"noun:{noun.lower_}", 0.75, verb=noun.lower_, when=when,
                                    tokens=[noun.i]))
    return out


def _dedupe(rels: list[Relation]) -> list[Relation]:
    best: dict[tuple, Relation] = {}
    for r in rels:
        key = (r.subj.start, r.pred, r.obj.start, r.sent, r.verb if r.pred == "relatedTo" else None)
        if key not in best or best[key].confidence < r.confidence:
            best[key] = r
    # a typed relation makes a generic one between the same mentions redundant
    typed = {(r.subj.start, r.obj.start, r.sent) for r in best.values() if r.pred != "relatedTo"}
    return [r for k, r in sorted(best.items(), key=lambda kv: (kv[1].sent, kv[1].subj.start, kv[1].pred, kv[1].obj.start))
            if r.pred != "relatedTo" or (r.subj.start, r.obj.start, r.sent) not in typed]
