"""Events in the style of SEM: what happened (attack, explosion, launch ...), who, to whom, where, when, how many."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ..lang.en import (ANAPHORIC_DETERMINERS, IRREALIS_WORDS, LAW_ENFORCEMENT_WORDS, MODALS,  # noqa: F401
                       NOUN_TRIGGERS,  # read by evaluation/events.py through this module, as VERB_TRIGGERS
                       RELATIVE_PRONOUNS, VERB_TRIGGERS, VICTIM_NOUNS)
from ..ontology import family
from ..records import Event, Mention
from . import registry
from .attribution import sentence_attributions, source_for
from .event_types import GENERIC, PERSON_TARGET
from .generic_events import generic_trigger
from .common import MentionIndex, expand_conjuncts, number_of, sentence_date
from .rules.events import rule_value


PLACES = family("Location")  # where an event happens


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
            anaphor = kind != GENERIC and tok.pos_ == "NOUN" and _anaphoric(tok) and not _has_own_args(tok, index)
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
                trig = next((t for t in sent if t.lemma_.lower() in {"kill", "die"}), None)
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
    """Planned, threatened, possible or denied: not something that happened."""
    for t in [tok] + list(tok.ancestors)[:4]:
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in t.children):
            return True
        if t is not tok and t.lemma_.lower() in IRREALIS_WORDS:
            return True
        if t.dep_ in {"ROOT"}:
            break
    return False


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
        actors = _mentions_of(subj + agent, index)
        targets = _mentions_of(passive + objs, index)
        if tok.lemma_.lower() in {"deploy", "dispatch", "station"}:
            # "US warships were deployed": the deployed forces' country is the actor
            forces = passive + objs
            actors += [m for f in forces for c in f.subtree if (m := index.at(c)) and m.cls == "Country" and m not in actors]
            targets = [m for m in targets if m.cls in PLACES]
    else:
        poss = [c for c in tok.children if c.dep_ == "poss"]
        actors = _mentions_of(poss, index)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in {"on", "against", "of", "by"}:
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                found = _mentions_of(pobj, index) or [m for g in pobj for t in g.subtree if (m := index.at(t))][:1]
                (actors if c.lower_ == "by" else targets).extend(found)
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ == "under":  # "X is under attack"
            targets += _mentions_of([c for c in head.head.children if c.dep_ in {"nsubj", "nsubjpass"}], index)
        # "Russia launched a wave of strikes": climb "a wave of", "a series of" to the governing verb
        climb = tok
        while climb.dep_ == "pobj" and climb.head.lower_ == "of" and climb.head.head.pos_ == "NOUN":
            climb = climb.head.head
        if climb.dep_ in {"dobj", "nsubjpass"} and climb.head.pos_ == "VERB" and not actors:
            actors = _mentions_of([c for c in climb.head.children if c.dep_ == "nsubj"], index)
        if tok.lemma_.lower() == "launch":
            targets = [m for t in tok.subtree if (m := index.at(t)) and m.cls == "MilitaryOperation"][:1]
    return actors, targets


def _places(tok, index: MentionIndex, exclude: list[Mention]) -> list[Mention]:
    scope = tok if tok.pos_ == "VERB" else tok.head if tok.head.pos_ in {"VERB", "AUX"} else tok
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


def _law_enforcement_raid(tok) -> bool:
    if tok.lemma_.lower() not in {"raid", "storm", "search"}:
        return False
    heads = [c for c in tok.children if c.dep_ in {"nsubj", "agent", "compound", "amod", "poss"}]
    heads += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(h.lower_ in LAW_ENFORCEMENT_WORDS or h.lemma_.lower() in LAW_ENFORCEMENT_WORDS for h in heads)


def _event(doc, sent, si, tok, kind, index, anchor, attrs) -> Event:
    actors, targets = _arguments(tok, index)
    # a news outlet reports events: it is never their actor or place ("CNN attacked the government" in an
    # editorial is no attack either), nor the target of what it reports (below)
    outlet_actor = any(m.cls == "NewsOrganization" for m in actors)
    actors = [m for m in actors if m.cls != "NewsOrganization"]
    places = [m for m in _places(tok, index, actors + targets) if m.cls != "NewsOrganization"]
    if outlet_actor and not actors or kind == "Attack" and _law_enforcement_raid(tok):
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
    return Event(kind=kind, trigger=tok.text, start=tok.idx, end=tok.idx + len(tok.text), sent=si,
                 rule=rule_value(kind, tok), confidence=confidence,
                 actors=tuple(actors), targets=tuple(targets), places=tuple(places), date=when,
                 counts=tuple(counts), source=source)


def _casualties(sent) -> tuple[int | None, int | None]:
    """"At least eight people were killed", "95 people died", "killing 12 soldiers"."""
    dead = hurt = None
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in {"kill", "die", "dead", "injure", "wound", "hurt", "injured", "wounded"}:
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
                    if lemma in {"kill", "die", "dead"}:
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
