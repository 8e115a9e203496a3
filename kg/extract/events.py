"""Events in the style of SEM: what happened (attack, explosion, launch ...), who, to whom, where, when, how many."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ..lang.en import (ANAPHORIC_DETERMINERS, CLAIM_VERBS, DEATH_WORDS, DEPLOYMENT_VERBS, EVENT_SIDE_PREPOSITIONS,
                       FIGHTER_NOUNS, FIGHTER_PREPOSITIONS, INJURY_WORDS, IRREALIS_MODIFIERS, IRREALIS_WORDS,
                       KILLING_VERBS, MODALS, NOUN_TRIGGERS, REACTION_VERBS, RELATIVE_PRONOUNS, STRUCK_VERBS,
                       VERB_TRIGGERS, VICTIM_NOUNS)
from ..ontology import family
from ..records import Event, Mention
from . import registry
from .attribution import sentence_attributions, source_for
from .event_types import GENERIC, PERSON_TARGET
from .generic_events import generic_trigger
from .common import MentionIndex, expand_conjuncts, irrealis, number_of, sentence_date
from .rules.events import rule_value


PLACES = family("Location")  # where an event happens
# who a noun of conflict may be named after ("US sanctions", "a Taliban attack"): its actor
AGENT_CLASSES = family("Organization") - {"NewsOrganization"} | {"Country"}
MODIFIER_ACTOR_KINDS = {"Attack", "Sanction", "Deployment", "Designation", "Launch"}
# kinds whose target may be the owner of what the verb's object names: "raided the offices of X"
OWNER_TARGET_KINDS = {"Attack", "Raid"}  # not arrests: "arrested the head of X" did not arrest X
STATEMENT_KINDS = {"PublicStatement"}


def extract_events(doc, mentions: list[Mention], *, article_date: date | None = None) -> list[Event]:
    """Events the article reports as having happened (not planned, threatened or denied)."""
    index = MentionIndex(doc, mentions)
    attrs = sentence_attributions(doc, index)
    events: list[Event] = []
    last_typed = None  # index in events of the latest event of a typed kind, which later casualty counts join
    for si, sent in enumerate(doc.sents):
        casualties, injured = _casualties(sent)
        made: list[Event] = []
        for tok in sent:
            kind = _kind_of(tok, index)  # the first event rule of the registry that reads the token
            if kind is None or _irrealis(tok):
                continue
            if kind == "Killing":
                continue  # deaths are counts on the event that caused them (below)
            # "the attack was carried out by X" states who did it: no mere reference back
            anaphor = (kind != GENERIC and tok.pos_ == "NOUN" and _anaphoric(tok) and not _has_own_args(tok, index)
                       and not _governing_actors(tok, index))
            ev = _event(doc, sent, si, tok, kind, index, article_date, attrs.get(si, []))
            if kind in PERSON_TARGET and not any(m.cls == "Person" for m in ev.targets):
                if not generic_trigger(tok):
                    continue  # "released a report", "free trade": only a person released is a release
                ev = Event(**{**ev.__dict__, "kind": GENERIC, "rule": rule_value(GENERIC, tok)})
            if ev.kind == GENERIC:
                made.append(Event(**{**ev.__dict__, "confidence": 0.4, "counts": (), "args": _arg_words(tok)}))
                continue
            if anaphor:
                # "the attacks": a mention of an event told before, which event resolution joins to it
                events.append(Event(**{**ev.__dict__, "actors": (), "targets": (), "places": (), "anaphoric": True}))
                last_typed = len(events) - 1
                continue
            if not (ev.actors or ev.targets or ev.places):
                continue  # an event linked to no entity tells the graph nothing
            if kind == "Agreement" and not (ev.actors or ev.targets):
                continue
            if any(e.kind == ev.kind and _same_event(e, ev) for e in made):
                continue
            made.append(ev)
        typed = [i for i, e in enumerate(made) if e.kind != GENERIC]
        if (casualties or injured) and not typed:
            prev = last_typed if last_typed is not None and events[last_typed].sent >= si - 2 else None
            if prev is not None:
                events[prev] = _with_counts(events[prev], casualties, injured)
            else:
                trig = next((t for t in sent if t.lemma_.lower() in KILLING_VERBS), None)
                if trig is not None and not _irrealis(trig):
                    made.append(_event(doc, sent, si, trig, "Killing", index, article_date, attrs.get(si, [])))
        typed = [i for i, e in enumerate(made) if e.kind != GENERIC]
        if typed and (casualties or injured):
            made[typed[0]] = _with_counts(made[typed[0]], casualties, injured)
        if typed:
            last_typed = len(events) + typed[-1]
        events.extend(made)
    return events


@lru_cache(maxsize=1)
def _event_rules() -> tuple:
    return tuple(registry.by_phase("event"))


def _kind_of(tok, index: MentionIndex) -> str | None:
    """The class of event a token names: the answer of the first event rule that reads it (rules/events.py)."""
    for r in _event_rules():
        kind = r.body(tok, index)
        if kind is not None:
            return kind
    return None


def _arg_words(tok) -> tuple[str, ...]:
    """The lemmas of an action's subject, object and "of" phrase: what two reports of it must share."""
    deps = {"nsubj", "nsubjpass", "dobj", "poss"} if tok.pos_ == "VERB" else {"poss", "compound"}
    heads = [c for c in tok.children if c.dep_ in deps]
    heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return tuple(sorted({h.lemma_.lower() for h in heads if h.pos_ in {"NOUN", "PROPN"}}))


def _irrealis(tok) -> bool:
    """Planned, threatened, possible or denied: not something that happened (common.irrealis), and "a planned
    attack", "there was no attack"."""
    if tok.pos_ == "NOUN" and any(c.dep_ in {"amod", "compound"} and (c.lower_ in IRREALIS_MODIFIERS or c.lemma_.lower()
                                  in IRREALIS_MODIFIERS) or c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return True
    return irrealis(tok)


def _anaphoric(noun) -> bool:
    """"these attacks", "the bombings": a reference back to events already told."""
    dets = [c for c in noun.children if c.dep_ == "det"]
    return bool(dets) and dets[0].lower_ in ANAPHORIC_DETERMINERS and not any(c.dep_ in {"nummod", "amod"} for c in noun.children)


def _has_own_args(noun, index: MentionIndex) -> bool:
    return any(index.at(t) for t in noun.subtree if t is not noun)


def _same_event(a: Event, b: Event) -> bool:
    return set(a.actors) == set(b.actors) and set(a.targets) <= set(b.targets) | set(a.targets)


def _mentions_of(toks, index: MentionIndex) -> list[Mention]:
    out: list[Mention] = []
    for t in toks:
        for c in expand_conjuncts(t):
            m = index.of_phrase(c)
            if m is not None and m not in out:
                out.append(m)
    return out


def _arguments(tok, index: MentionIndex) -> tuple[list[Mention], list[Mention]]:
    """(actors, targets) of a trigger."""
    actors: list[Mention] = []
    targets: list[Mention] = []
    if tok.pos_ == "VERB":
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        for s in subj:
            if s.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                subj = [tok.head]
        if not subj and tok.dep_ in {"xcomp", "conj"}:
            head = tok.head
            subj = [c for c in head.children if c.dep_ == "nsubj"]
            subj = [head.head if s.lower_ in RELATIVE_PRONOUNS and head.dep_ == "relcl" else s for s in subj]
        agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if tok.dep_ == "relcl":  # "X, who was arrested", "the man whom police detained": X is the target
            passive = [tok.head if c.lower_ in RELATIVE_PRONOUNS else c for c in passive]
            objs = [tok.head if c.lower_ in RELATIVE_PRONOUNS else c for c in objs]
        actors = _mentions_of(subj + agent, index) or _fighters_of(subj + agent, index)
        targets = _mentions_of(passive + objs, index)
        if tok.lemma_.lower() in DEPLOYMENT_VERBS:
            # "US warships were deployed": the deployed forces' country is the actor
            forces = passive + objs
            actors += [m for f in forces for c in f.subtree if (m := index.at(c)) and m.cls == "Country" and m not in actors]
            targets = [m for m in targets if m.cls in PLACES]
    else:
        poss = [c for c in tok.children if c.dep_ == "poss"]
        actors = _mentions_of(poss, index)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in EVENT_SIDE_PREPOSITIONS:
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                found = _mentions_of(pobj, index) or [m for g in pobj for t in g.subtree if (m := index.at(t))][:1]
                (actors if c.lower_ == "by" else targets).extend(found)
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ == "under":  # "X is under attack"
            targets += _mentions_of([c for c in head.head.children if c.dep_ in {"nsubj", "nsubjpass"}], index)
        if tok.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in STRUCK_VERBS:
            # "Iran was hit with new sanctions"
            targets += _mentions_of([c for c in head.head.children if c.dep_ == "nsubjpass"], index)
        if not actors:
            actors = _modifier_actors(tok, index, stated_target=bool(targets))
        if not actors:
            actors = _governing_actors(tok, index)
        if tok.lemma_.lower() == "launch":
            targets = [m for t in tok.subtree if (m := index.at(t)) and m.cls == "MilitaryOperation"][:1]
    return actors, targets


def _fighters_of(heads, index: MentionIndex) -> list[Mention]:
    """"Fighters from X attacked", "members of the X militia stormed": the group the members of are its actor."""
    return [m for h in heads if h.lemma_.lower() in FIGHTER_NOUNS for p in h.children
            if p.dep_ == "prep" and p.lower_ in FIGHTER_PREPOSITIONS
            for m in _mentions_of([g for g in p.children if g.dep_ == "pobj"], index) if m.cls in AGENT_CLASSES]


def _owners(verb, index: MentionIndex) -> list[Mention]:
    """"raided the offices of X", "attacked a convoy of the UN": the one whose premises or people the object
    noun names is the target, when the object itself names no one."""
    objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} and c.pos_ == "NOUN"]
    return _mentions_of([g for o in objs for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                         for g in p.children if g.dep_ == "pobj"], index)


def _modifier_actors(noun, index: MentionIndex, stated_target: bool) -> list[Mention]:
    """"Israeli strikes", "a Taliban attack", "US sanctions against X": the agent a noun of conflict is named
    after, a country, an organization or an armed group (a city or a region is the event's place). A name
    before the noun may also say whom it is against ("Iran sanctions", "the Hezbollah sanctions"), so a
    country's name, and any name before a sanction, is its actor only beside a target the noun states."""
    kind = NOUN_TRIGGERS.get(noun.lemma_.lower())
    if kind not in MODIFIER_ACTOR_KINDS:
        return []
    out = []
    for c in noun.children:
        m = index.at(c) if c.dep_ in {"compound", "amod"} and c.i < noun.i else None
        if m is None or m.cls not in AGENT_CLASSES:
            continue
        if (kind == "Sanction" or m.cls == "Country" and m.kind != "demonym") and not stated_target:
            continue
        out.append(m)
    return out


def _governing_actors(noun, index: MentionIndex) -> list[Mention]:
    """Who does what a noun names, from the verb that governs it: "Russia launched a wave of strikes" (the
    subject), "the attack was carried out by X" (the agent), "X claimed responsibility for the attack". The
    subject of a verb that reacts to an event ("Germany condemned the attack") is not its actor."""
    climb = noun
    while climb.dep_ == "pobj" and climb.head.lower_ == "of" and climb.head.head.pos_ == "NOUN":
        climb = climb.head.head  # "a wave of", "a series of"
    if climb.dep_ == "pobj" and climb.head.lower_ == "for" and climb.head.head.lemma_.lower() == "responsibility":
        claim = climb.head.head
        if claim.dep_ == "dobj" and claim.head.pos_ == "VERB" and claim.head.lemma_.lower() in CLAIM_VERBS:
            return _mentions_of([c for c in claim.head.children if c.dep_ == "nsubj"], index)
        return []
    verb = climb.head
    if climb.dep_ not in {"dobj", "nsubjpass"} or verb.pos_ != "VERB" or verb.lemma_.lower() in REACTION_VERBS:
        return []
    if climb.dep_ == "nsubjpass":  # "the attack was carried out by X"
        return _mentions_of([g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"],
                            index)
    return _mentions_of([c for c in verb.children if c.dep_ == "nsubj"], index)


def _places(tok, index: MentionIndex, exclude: list[Mention]) -> list[Mention]:
    scope = tok if tok.pos_ == "VERB" else tok.head if tok.head.pos_ in {"VERB", "AUX"} else tok
    if scope.lemma_.lower() in REACTION_VERBS:
        scope = tok  # "Germany condemned the attacks": who reacts is not where it happened
    out: list[Mention] = []
    skip = {x.i for t in scope.subtree if t.dep_ in {"ccomp", "relcl"} and t is not scope for x in t.subtree}
    for t in scope.subtree:
        if t.i in skip:
            continue
        m = index.at(t)
        if m is None or m.cls not in PLACES or m in exclude or m in out or m.kind in {"demonym", "modifier"}:
            continue
        if any(m.name == o.name for o in out) or any(x.start <= m.start and m.end <= x.end for x in exclude):
            continue
        out.append(m)
    return out


def _event(doc, sent, si, tok, kind, index, anchor, attrs) -> Event:
    actors, targets = _arguments(tok, index)
    if not targets and kind in OWNER_TARGET_KINDS and tok.pos_ == "VERB":
        targets = _owners(tok, index)
    # a news outlet reports events: it is never their actor or place ("CNN attacked the government" in an
    # editorial is no attack either), nor the target of what it reports (below)
    outlet_actor = any(m.cls == "NewsOrganization" for m in actors)
    actors = [m for m in actors if m.cls != "NewsOrganization"]
    places = [m for m in _places(tok, index, actors + targets) if m.cls != "NewsOrganization"]
    if outlet_actor and not actors:
        actors, targets, places = [], [], []  # no entity: the caller drops the event
    if kind != "Deployment":
        targets = [m for m in targets if m not in actors]
    counts: list[tuple[str, int]] = []
    qty = number_of(tok) if tok.pos_ == "NOUN" else None
    if qty is None and tok.pos_ == "VERB":
        for c in tok.children:
            if c.dep_ in {"dobj", "nsubjpass"}:
                for t in expand_conjuncts(c):
                    qty = number_of(t) or qty
    if qty:
        counts.append(("quantity", qty))
    when = sentence_date(doc, sent, anchor, near=tok if tok.pos_ == "VERB" else tok.head)
    confidence = 0.75 if (actors or targets) else 0.6
    source = source_for(attrs, [tok.i], set(actors) | set(targets))
    reporters = {a.source for a in attrs} | ({source} if source else set())
    targets = [m for m in targets if m not in reporters]
    if kind in STATEMENT_KINDS:  # "X told CNN": the outlet told is the one that reports it
        targets = [m for m in targets if m.cls != "NewsOrganization"]
    return Event(kind=kind, trigger=tok.text, start=tok.idx, end=tok.idx + len(tok.text), sent=si,
                 rule=rule_value(kind, tok), confidence=confidence,
                 actors=tuple(actors), targets=tuple(targets), places=tuple(places), date=when,
                 counts=tuple(counts), source=source)


def _casualties(sent) -> tuple[int | None, int | None]:
    """"At least eight people were killed", "95 people died", "killing 12 soldiers"."""
    dead = hurt = None
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in DEATH_WORDS and lemma not in INJURY_WORDS:
            continue
        if _irrealis(tok):
            continue
        nouns = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
        if tok.dep_ == "amod":
            nouns.append(tok.head)
        for n in nouns:
            if n.lemma_.lower() in VICTIM_NOUNS or n.pos_ == "NUM":
                value = number_of(n)
                if value:
                    if lemma in DEATH_WORDS:
                        dead = (dead or 0) + value
                    else:
                        hurt = (hurt or 0) + value
    return dead, hurt


def _with_counts(ev: Event, dead: int | None, hurt: int | None) -> Event:
    counts = dict(ev.counts)
    if dead:
        counts["casualties"] = dead
    if hurt:
        counts["injured"] = hurt
    return Event(**{**ev.__dict__, "counts": tuple(sorted(counts.items()))})
