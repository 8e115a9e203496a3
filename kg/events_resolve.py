"""Event coreference: the event mentions of all articles that report the same real event become one event.

Each `Event` record an extractor yields is one *mention* of an event, read in one sentence. This module,
run after entity resolution, groups the mentions of a build into clusters, one per real event:

- within an article, an anaphoric noun ("the attacks", "the strikes") joins the latest event of a
  compatible kind the article told before it; the first mention in the lead (the first two body
  sentences) of the action its headline names, with the same word or a synonym, joins the headline's
  event unless they name different places (a headline shortens its actors); other mentions join an
  earlier event when they agree on kind, date and participants, as across articles, and a mention that
  states no date is not held to the week before publication when its own article told the event;
- across articles, a mention joins the event it shares the most participants with (actors, targets,
  places, a city counting as in its country; statements by one speaker must share more than the
  speaker), when the kinds are compatible, nothing they state
  contradicts (different places, or different actors and different targets) and their dates fall in a
  common window: a stated day allows a day either side, a month its whole month, and a mention that
  states no date happened in the week before its article was published.

Mentions are visited in a fixed order (article id, then position), so the clusters depend only on the
articles, not on the order a build met them: an incremental build gives the clusters of a fresh one. A
mention is compared only with the events that share one of its participants (the latest `_CANDIDATES` of
each), so the work grows linearly with the number of mentions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .extract.event_types import GENERIC
from .extract.generic_events import same_word, word_of
from .ontology import family
from .records import Event, Extraction, Mention
from .resolve import Entity

# Kinds of events that one may cause: an explosion and the attack that caused it, deaths and the attack,
# explosion or crash they come from, stay two events linked by kg:causedBy (see cause_links), not one.
CAUSES = {"Explosion": ("Attack",), "Killing": ("Attack", "Explosion", "Crash"), "Fire": ("Explosion", "Attack", "Crash")}
_CAUSE_SENTENCES = 2  # how far apart in one article an effect and its cause may be told
# A speaker says many things: two statements by one speaker are one only if they share something else
_SPEECH = {"PublicStatement"}
_LOCATIONS = family("Location")
_LEAD_SENTENCES = 2  # a news article's lead: its first body sentences, which tell what its headline tells
_UNDATED_DAYS = 7  # an undated report is about the week before its publication
_COUNTRY_KEYS = ("country:", "side:")  # the keys of a country and of the side it stands for
_STEM = 4  # same_word's shortest stem
_CANDIDATES = 50  # events compared per shared participant: the latest ones
_ANAPHORA_SENTENCES = 20  # how far back "the attacks" may look in its article
_NATIONAL_BODY = re.compile(r"(?:armed|government):([A-Z]{2})$")  # keys of "the Russian military", "the US government"


@dataclass
class MentionRef:
    """One event mention of one article, with its participants resolved to entity keys."""

    doc_id: str
    event: Event
    order: int
    actors: frozenset[str]  # the sides that acted: a country stands for its armed forces and government
    targets: frozenset[str]
    places: frozenset[str]  # places and the targets that are places
    isos: frozenset[str]  # the countries its places are in, as far as the gazetteer knows
    lo: date | None
    hi: date | None
    published: date | None
    part: str = ""  # "headline", "lead" (the first body sentences after a headline) or ""

    @property
    def participants(self) -> frozenset[str]:
        return self.actors | self.targets | self.places

    @property
    def blocking_keys(self) -> frozenset[str]:
        """Its participants, and the countries its places are in (a city meets its country)."""
        return self.participants | {f"iso:{c}" for c in self.isos}


@dataclass
class EventCluster:
    """One real event: its mentions, in article and text order."""

    mentions: list[MentionRef] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    isos: set[str] = field(default_factory=set)
    lo: date | None = None
    hi: date | None = None
    caused_by: list["EventCluster"] = field(default_factory=list)  # the events that caused it (kg:causedBy)
    # Kept up to date by add(), so that comparing a mention with a cluster never walks all its mentions:
    votes: Counter = field(default_factory=Counter)  # kinds its mentions give, deaths left out
    first_order: dict[str, int] = field(default_factory=dict)  # kind -> order of its first mention
    lemmas: set[str] = field(default_factory=set)  # the trigger lemmas of its mentions
    by_doc: dict[str, list[MentionRef]] = field(default_factory=dict)  # its mentions, per article
    args_by_doc: dict[str, set[str]] = field(default_factory=dict)  # argument words, per article
    dated: bool = False  # one of its mentions states a date
    voted: str = field(default="", compare=False, repr=False)  # the kind the votes give, once worked out

    @property
    def kind(self) -> str:
        """The kind most of its mentions give, deaths giving way to their cause."""
        if not self.votes:
            return self.mentions[0].event.kind
        if not self.voted:  # worked out once after each change of the votes, not at each comparison
            self.voted = min(self.votes, key=lambda k: (-self.votes[k], self.first_order[k]))
        return self.voted

    @property
    def first(self) -> MentionRef:
        return self.mentions[0]

    @property
    def best_date(self) -> date | None:
        """The date most reports state (the earliest of equals), else none."""
        stated = Counter(m.event.date for m in self.mentions if m.event.date)
        if not stated:
            return None
        return min(stated, key=lambda d: (-stated[d], d))

    @property
    def articles(self) -> list[str]:
        return sorted({m.doc_id for m in self.mentions})

    @property
    def participants(self) -> set[str]:
        return self.actors | self.targets | self.places

    def add(self, ref: MentionRef) -> None:
        self.mentions.append(ref)
        kind = ref.event.kind
        self.first_order.setdefault(kind, ref.order)
        if kind != "Killing":
            self.votes[kind] += 1
            self.voted = ""
        self.lemmas.add(lemma_of(ref.event))
        self.by_doc.setdefault(ref.doc_id, []).append(ref)
        self.args_by_doc.setdefault(ref.doc_id, set()).update(ref.event.args)
        self.actors |= ref.actors
        self.targets |= ref.targets
        self.places |= ref.places
        self.isos |= ref.isos
        # a stated date narrows the event's window; the week an undated report assumes gives way to it
        dated = ref.event.date is not None
        if not self.mentions[1:] or (dated and not self.dated):
            self.lo, self.hi = ref.lo, ref.hi
        elif dated or not self.dated:
            self.lo, self.hi = _intersect((self.lo, self.hi), (ref.lo, ref.hi))
        self.dated = self.dated or dated


def _intersect(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> tuple[date | None, date | None]:
    lo = max((d for d in (a[0], b[0]) if d), default=None)
    hi = min((d for d in (a[1], b[1]) if d), default=None)
    return lo, hi


def date_window(stated: date | None, published: date | None) -> tuple[date | None, date | None]:
    """The days a mention's event may have happened on, from how precisely its date is known."""
    if stated is not None:
        if stated.day == 1:  # a month alone is normalised to its first day
            nxt = _plus(stated.replace(day=28), 4)
            return _plus(stated, -1), nxt.replace(day=1) if nxt.month != stated.month else nxt
        return _plus(stated, -1), _plus(stated, 1)
    if published is not None:
        return _plus(published, -_UNDATED_DAYS), published
    return None, None


def _plus(day: date, days: int) -> date:
    """day + days, held within the calendar (years 1 to 9999) instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _dates_meet(a_lo, a_hi, b_lo, b_hi) -> bool:
    if a_lo and b_hi and a_lo > b_hi:
        return False
    if b_lo and a_hi and b_lo > a_hi:
        return False
    return True


def _kinds_meet(a: str, b: str) -> bool:
    return a == b


def lemma_of(ev: Event) -> str:
    """The trigger's lemma, as its rule records it ("event:verb:fall")."""
    return ev.rule.rsplit(":", 1)[-1]


def _generic_score(ref: MentionRef, c: EventCluster) -> int | None:
    """An action of no typed kind joins an event told with the same word ("sales" and "sold") earlier in its
    article, or one told with the same word or a synonym ("fell", "dropped") that shares an argument with
    it: an entity, or within one article an argument word ("shares fell"); across articles it must share an
    entity other than a country. Stated places and actors must not differ. Within an article a verb does not join an event told
    by nouns only, and a verb that names no argument does not join on its word alone."""
    lemma = lemma_of(ref.event)
    if not any(same_word(lemma, other, synonyms=True) for other in c.lemmas):
        return None
    told = c.by_doc.get(ref.doc_id)
    if told and _is_verb(ref) and not any(_is_verb(m) for m in told):
        return None  # a clause tells anew what a noun of its article named: "the sale of the unit ... sold cars"
    if ref.places and c.places and not (ref.places & c.places or ref.isos & c.isos):
        return None
    if ref.actors and c.actors and not ref.actors & c.actors:
        return None
    # across articles a country is no evidence: markets open and sales fall in the same country every day
    broad = () if told else _COUNTRY_KEYS
    shared = sum(1 for p in ref.participants if (p in c.actors or p in c.targets or p in c.places)
                 and not p.startswith(broad))
    shared += len(set(ref.event.args) & c.args_by_doc.get(ref.doc_id, set()))
    # the same word alone, in one article: not for a verb whose parse names nobody and nothing ("closed lower
    # after falling"), which tells nothing to say which action it is
    if not shared and not (_is_verb(ref) and not ref.event.args and not ref.participants) \
            and any(same_word(lemma, lemma_of(m.event)) and not _other_arguments(ref, m)
                    for m in c.by_doc.get(ref.doc_id, [])[-_CANDIDATES:]):
        return 1
    return shared or None


def _headline_told(ref: MentionRef, c: EventCluster) -> bool:
    """A headline tells the article's main event: the first mention of the same action (same word or a synonym)
    in the lead is that event, unless they name different places. A headline shortens its actors ("Canada
    announces", "Orbis parent Velmar wins"): that the lead names them otherwise does not keep them apart."""
    told = c.by_doc.get(ref.doc_id, [])
    if not told or any(m.part != "headline" for m in told):
        return False
    lemma = lemma_of(ref.event)
    if not any(same_word(lemma, lemma_of(m.event), synonyms=True) for m in told):
        return False
    return not (ref.places and c.places and not (ref.places & c.places or ref.isos & c.isos))


def _is_verb(ref: MentionRef) -> bool:
    return ":verb:" in ref.event.rule


def _other_arguments(a: MentionRef, b: MentionRef) -> bool:
    """Both state what the action was done by or to, and nothing of it is shared ("the Dow fell", "the
    Nasdaq fell")."""
    args_a, args_b = set(a.event.args) | a.participants, set(b.event.args) | b.participants
    return bool(args_a and args_b and not args_a & args_b)


def _score(ref: MentionRef, c: EventCluster) -> int | None:
    """How many participants a mention shares with an event, or None when they cannot be the same."""
    if not _kinds_meet(ref.event.kind, c.kind):
        return None
    # an undated mention of an event its own article told is not held to the week before publication
    if not (ref.event.date is None and ref.doc_id in c.by_doc) and not _dates_meet(ref.lo, ref.hi, c.lo, c.hi):
        return None
    if ref.part == "lead" and _headline_told(ref, c):
        return 1
    if ref.event.kind == GENERIC:
        return _generic_score(ref, c)
    if ref.places and c.places and not (ref.places & c.places or ref.isos & c.isos):
        return None  # different places
    actors_shared = len(ref.actors & c.actors)
    targets_shared = len((ref.targets - ref.places) & (c.targets - c.places))
    if ref.actors and c.actors and not actors_shared and not targets_shared:
        return None  # different actors, and nothing else in common to make it a dispute about who did it
    others = targets_shared + len(ref.places & c.places) + (1 if ref.isos & c.isos else 0)
    if ref.event.kind in _SPEECH and not others:
        return None
    return actors_shared + others


def mention_refs(extractions: list[Extraction], index: dict[tuple[str, Mention], Entity]) -> list[MentionRef]:
    """Every event mention of the build, resolved, in the order clustering visits them (article id, position)."""
    refs: list[MentionRef] = []
    for ex in sorted(extractions, key=lambda e: e.doc.doc_id):
        doc_id = ex.doc.doc_id

        def keys(ms: tuple[Mention, ...]) -> list[Entity]:
            return [e for m in ms if (e := index.get((doc_id, m))) is not None]

        headline = _has_headline(ex)
        for ev in sorted(ex.events, key=lambda e: (e.start, e.end, e.kind)):
            actors, targets, places = keys(ev.actors), keys(ev.targets), keys(ev.places)
            located = places + [t for t in targets if t.cls in _LOCATIONS]
            lo, hi = date_window(ev.date, ex.doc.date)
            refs.append(MentionRef(
                doc_id=doc_id, event=ev, order=len(refs),
                actors=frozenset(_side(e) for e in actors), targets=frozenset(e.key for e in targets),
                places=frozenset(e.key for e in located), isos=frozenset(e.iso for e in located if e.iso),
                lo=lo, hi=hi, published=ex.doc.date,
                part="" if not headline else "headline" if ev.sent == 0 else "lead" if ev.sent <= _LEAD_SENTENCES else ""))
    return refs


def _has_headline(ex: Extraction) -> bool:
    """The article opens with a headline: a first line set apart by a blank line, not ending a sentence."""
    if len(ex.sentences) < 2:
        return False
    first, second = ex.sentences[0], ex.sentences[1]
    return "\n\n" in ex.doc.text[first.end:second.start].replace("\r", "") and not first.text.rstrip().endswith((".", "!", "?", ":"))


def _side(e: Entity) -> str:
    """The side an actor stands for: "Russia", "Russian forces" and "the Russian government" are one."""
    if e.cls == "Country" and e.iso:
        return f"side:{e.iso}"
    m = _NATIONAL_BODY.search(e.key)
    return f"side:{m.group(1)}" if m else e.key


def cluster_events(extractions: list[Extraction], index: dict[tuple[str, Mention], Entity], *,
                   bare_actions: bool = False, refs: list[MentionRef] | None = None,
                   replay: Sequence[int] = (), record: list[int] | None = None) -> list[EventCluster]:
    """The events of a build: every event mention in exactly one cluster, except anaphors that found none.

    An action of no typed kind whose reports name no entity tells the graph nothing: it is left out unless
    bare_actions (the evaluation scores all of them). refs are mention_refs(extractions, index) when already
    made; replay and record are cluster_refs'."""
    clusters = cluster_refs(mention_refs(extractions, index) if refs is None else refs, replay, record)
    cause_links(clusters)
    return clusters if bare_actions else [c for c in clusters if c.kind != GENERIC or c.participants]


def cluster_refs(refs: list[MentionRef], replay: Sequence[int] = (),
                 record: list[int] | None = None) -> list[EventCluster]:
    """Every mention in the event it reports, in turn: the latest compatible event of its article for an
    anaphor, else the event it shares most with among those that share a participant with it, else a new one.

    Each mention's choice depends only on the mentions before it, so a clustering is replayed exactly from
    its choices: replay gives the cluster each of the first len(replay) mentions joined in an earlier
    clustering of the same mentions (-1: none), taken without comparing; record receives every mention's.
    (kg/events_memo.py keeps them between builds.)"""
    clusters: list[EventCluster] = []
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)  # (kind, participant) -> cluster ids
    in_article: list[int] = []  # clusters of the current article, in order
    current = None
    # the keys that name an article (its words, lemmas and headline) are looked up only by the mentions of that
    # article: those of an article replayed whole are never looked up, and are not made
    live = refs[len(replay)].doc_id if len(replay) < len(refs) else None
    for n, ref in enumerate(refs):
        if ref.doc_id != current:
            current, in_article = ref.doc_id, []
        kind = ref.event.kind
        known = replay[n] if n < len(replay) else None
        anaphor = ref.event.anaphoric and not ref.participants
        if known is not None and not (-1 if anaphor else 0) <= known < len(clusters) + (not anaphor):
            raise ValueError(f"the replayed choice of mention {n} ({known}) names no event")
        if anaphor:
            target = _antecedent(ref, clusters, in_article) if known is None else None if known < 0 else known
            if target is not None:
                clusters[target].add(ref)
            if record is not None:
                record.append(-1 if target is None else target)
            continue
        keys = set(ref.blocking_keys)
        if known is None or ref.doc_id == live:
            if kind == GENERIC:
                keys |= {f"word:{ref.doc_id}:{w}" for w in ref.event.args} | _word_keys(ref)
            if ref.part:  # a lead's mention meets the events of its headline
                keys.add(f"headline:{ref.doc_id}")
        best = known if known is not None else _best(ref, keys, clusters, by_key)
        best = len(clusters) if best is None else best
        if best == len(clusters):
            clusters.append(EventCluster())
        clusters[best].add(ref)
        if record is not None:
            record.append(best)
        if best not in in_article:
            in_article.append(best)
        for p in keys:
            ids = by_key[(kind, p)]
            if not ids or ids[-1] != best:
                ids.append(best)
    return clusters


def _best(ref: MentionRef, keys: set[str], clusters: list[EventCluster],
          by_key: dict[tuple[str, str], list[int]]) -> int | None:
    """The event a mention shares most with, of the latest ones under each of its keys; None: a new event."""
    kind = ref.event.kind
    candidates = sorted({i for p in keys for i in by_key[(kind, p)][-_CANDIDATES:]})
    best, best_score = None, 0
    for i in candidates:
        score = _score(ref, clusters[i])
        if score and score > best_score:
            best, best_score = i, score
    return best


def _word_keys(ref: MentionRef) -> set[str]:
    """Keys under which an action meets the earlier ones of its article told with the same word or a synonym:
    the stems' first letters, as same_word compares stems by prefix ("suspend" and "suspension")."""
    lemma = lemma_of(ref.event)
    return {f"lemma:{ref.doc_id}:{word_of(lemma, synonyms)[:_STEM]}" for synonyms in (False, True)}


def _antecedent(ref: MentionRef, clusters: list[EventCluster], in_article: list[int]) -> int | None:
    """The latest event of a compatible kind the article told shortly before an anaphoric noun."""
    for i in reversed(in_article):
        c = clusters[i]
        last = c.by_doc[ref.doc_id][-1]  # mentions are added in article and text order
        if last.event.start < ref.event.start and ref.event.sent - last.event.sent <= _ANAPHORA_SENTENCES \
                and _kinds_meet(ref.event.kind, c.kind):
            return i
    return None


def cause_links(clusters: list[EventCluster]) -> None:
    """Link each explosion, death toll or fire to the event that caused it (`caused_by`).

    The cause is an event of a kind that can cause it (CAUSES), told in the same article at most
    `_CAUSE_SENTENCES` sentences away, whose place and date do not contradict it; of several, the one sharing
    the most participants, then the nearest. An effect no event of its own articles caused is linked to one
    that other articles of the build report at the same place (a place both name, not only a country) with
    dates that meet. Clusters are looked up per article and per place, latest `_CANDIDATES` first, so the
    work stays linear in the number of mentions."""
    cause_kinds = {k for kinds in CAUSES.values() for k in kinds}
    by_article: dict[str, list[tuple[int, MentionRef]]] = defaultdict(list)
    by_place: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        if c.kind in cause_kinds:
            for m in c.mentions:
                by_article[m.doc_id].append((i, m))
            for place in _sites(c.places):
                by_place[place].append(i)
    participants = {id(c): c.participants for c in clusters}  # each cluster's union, made once
    for c in clusters:
        kinds = CAUSES.get(c.kind)
        if not kinds:
            continue
        best = _cause_in_article(c, kinds, clusters, by_article, participants) or \
            _cause_elsewhere(c, kinds, clusters, by_place, participants)
        if best is not None:
            c.caused_by.append(best)


def _sites(places: set[str]) -> list[str]:
    """The places that are not whole countries: two reports in one country are not one scene."""
    return [p for p in places if not p.startswith("country:")]


def _cause_in_article(c: EventCluster, kinds: tuple[str, ...], clusters: list[EventCluster],
                      by_article: dict[str, list[tuple[int, MentionRef]]], participants: dict) -> EventCluster | None:
    best, best_key = None, None
    for ref in c.mentions:
        for i, m in by_article.get(ref.doc_id, [])[-_CANDIDATES:]:
            cause = clusters[i]
            if cause is c or cause.kind not in kinds or abs(m.event.sent - ref.event.sent) > _CAUSE_SENTENCES:
                continue
            if c.places and cause.places and not (c.places & cause.places or c.isos & cause.isos):
                continue
            if not _dates_meet(c.lo, c.hi, cause.lo, cause.hi):
                continue
            key = (-len(participants[id(c)] & participants[id(cause)]), abs(m.event.sent - ref.event.sent), m.order)
            if best_key is None or key < best_key:
                best, best_key = cause, key
    return best


def _cause_elsewhere(c: EventCluster, kinds: tuple[str, ...], clusters: list[EventCluster],
                     by_place: dict[str, list[int]], participants: dict) -> EventCluster | None:
    """The event of a causing kind that other articles report at a place the effect names, dates meeting."""
    best, best_key = None, None
    for i in sorted({i for place in _sites(c.places) for i in by_place.get(place, [])[-_CANDIDATES:]}):
        cause = clusters[i]
        if cause is c or cause.kind not in kinds or not _dates_meet(c.lo, c.hi, cause.lo, cause.hi):
            continue
        if c.by_doc.keys() & cause.by_doc.keys():  # told in one article but too far apart there: not linked
            continue
        key = (-len(participants[id(c)] & participants[id(cause)]), cause.first.order)
        if best_key is None or key < best_key:
            best, best_key = cause, key
    return best
