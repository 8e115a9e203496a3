"""Entity mentions from a spaCy Doc: NER spans re-typed with titles, cue phrases and gazetteers."""

from __future__ import annotations

from collections.abc import Iterator

from .. import lexicon as L
from ..lang.en import ARTICLES, NAME_END_MARKS, NAME_PARTICLES, PLACE_AFTER_NAME, POSSESSIVE_ENDINGS
from ..records import Mention
from ..resolve import harmonise_classes
from .classify import classify, stated_place, untitle
from .classify import national_body_key as _national_body_key  # noqa: F401 (rules/mentions.py)
from .common import clean_name as _clean_name
from .common import make_mention as _mention
from . import registry
from .registry import Names
from .orgnames import bracket_acronyms, cue_names, joined_names, known_names, without_kind_words
from .outlets import outlet_mentions
from .sport import sport_mentions
from .wire import apply_layout
from .derived import (acronyms, country_modifiers, descriptor_names, org_variants, person_surnames, place_like_orgs,
                      repeated_names, their_governments, title_references)


KEEP_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


def extract_mentions(doc) -> list[Mention]:
    """Every entity mention in doc, with its class decided from more evidence than the NER label."""
    sent_index = _sentence_index(doc)
    taken: set[int] = set()
    names = Names(doc, sent_index, taken)
    mentions: list[Mention] = registry.run("cues", names)  # "Operation X": its words are no place or company
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for ent, span in ner_spans(doc):
        if span.start_char in covered or span.start in taken:
            continue  # read by a cue rule ("Operation X"; a dateline "KYIV/MOSCOW" read as its places)
        dash = spaced_dash(span)
        if dash is not None:
            # "San Jose - Cisco": two names run together by NER across a dash
            for part in (span.doc[span.start: dash], span.doc[dash + 1: span.end]):
                part = _trim(part)
                m = classify(part, ent.label_, sent_index) if part is not None else None
                if m is not None:
                    mentions.append(m)
            taken.update(range(span.start, span.end))
            continue
        m = classify(span, ent.label_, sent_index)
        if m is not None:
            mentions.append(m)
            taken.update(range(span.start, span.end))
    mentions.extend(registry.run("mentions", names))  # "the US military", skipping the tokens names took
    mentions.extend(_missed_places(doc, sent_index, {i for m in mentions for i in range(m.start, m.end)}))
    mentions.extend(descriptor_names(doc, sent_index, {i for m in mentions for i in range(m.start, m.end)}))
    mentions = known_names(doc, cue_names(doc, mentions, sent_index), sent_index)  # "news agency dpa", "IS"
    mentions = joined_names(doc, mentions, sent_index)  # "the Maritime and Coastguard Agency"
    mentions = person_surnames(place_like_orgs(mentions))
    mentions.extend(acronyms(doc, mentions, sent_index))
    mentions.extend(bracket_acronyms(doc, mentions, sent_index))  # "the Free Democrats (FDP)"
    mentions.extend(repeated_names(doc, mentions, sent_index))
    mentions.extend(country_modifiers(doc, mentions, sent_index))
    mentions.extend(title_references(doc, mentions, sent_index))
    mentions.extend(their_governments(doc, mentions, sent_index))
    mentions.sort(key=lambda m: (m.start, m.end))
    mentions = apply_layout(doc, mentions, sent_index)
    mentions = sport_mentions(doc, mentions, sent_index)
    mentions = outlet_mentions(doc, mentions, sent_index)
    return harmonise_classes(doc.text, org_variants(without_kind_words(mentions)))


def ner_spans(doc) -> Iterator[tuple]:
    """(entity, span) for each name spaCy found of a label kg reads (KEEP_LABELS), trimmed of articles and
    punctuation; a person's name read on through its particles ("Ursula von der Leyen")."""
    joined = 0  # the end of a person's name read on through its particles
    for ent in doc.ents:
        if ent.label_ not in KEEP_LABELS or ent.start_char < joined:
            continue
        span = _trim(ent)
        if span is not None and ent.label_ == "PERSON":
            span = _with_particles(span)
            joined = span.end_char
        if span is not None:
            yield ent, span


def spaced_dash(span) -> int | None:
    """The token of a dash with a space on each side inside a name ("San Jose - Cisco": two names run together)."""
    return next((t.i for t in span if t.text in {"-", "\u2013", "\u2014"} and t.i > span.start
                 and span.doc[t.i - 1].whitespace_ and t.whitespace_), None)


def _sentence_index(doc) -> dict[int, int]:
    index: dict[int, int] = {}
    for i, sent in enumerate(doc.sents):
        for tok in sent:
            index[tok.i] = i
    return index


def _trim(span):
    """Drop a leading article, punctuation and a trailing possessive; None if nothing is left."""
    doc = span.doc
    start, end = span.start, span.end
    for t in doc[start + 1:end]:
        if t.text == "(":  # "National Electoral Institute (INE": the acronym is read from the text
            end = t.i
            break
    while start < end and (doc[start].lower_ in ARTICLES or doc[start].is_punct or doc[start].is_space):
        start += 1
    for t in doc[start + 1: end - 1]:  # "Saddam's Baath Party" (not "People's Party"): the body after is the name
        if t.lower_ in POSSESSIVE_ENDINGS and end - t.i > 2 and L.org_subclass(doc[t.i + 1: end].text):
            start = t.i + 1
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in NAME_END_MARKS):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _with_particles(span):
    """A person's name NER cut at a particle ("Ursula von" ... "Leyen"): read on through the particles to the
    next capitalised word; a particle left at the end is dropped."""
    doc = span.doc
    end = span.end
    while end > span.start + 1 and doc[end - 1].lower_ in NAME_PARTICLES and doc[end - 1].is_lower:
        end -= 1
    j = end
    while j < len(doc) and j - end < 3 and doc[j].lower_ in NAME_PARTICLES and doc[j].is_lower:
        j += 1
    if j > end and j < len(doc) and doc[j].is_title and doc[j].is_alpha:
        return doc[span.start: j + 1]
    return doc[span.start: end]


def _missed_places(doc, sent_index, covered: set[int]) -> Iterator[Mention]:
    """Names NER missed that the sentence calls places: "across Dazgar province", "the district of Bar Kotal"."""
    for tok in doc:
        if tok.lower_ not in PLACE_AFTER_NAME or not tok.is_lower or tok.i == 0:
            continue
        end = tok.i
        start = end
        while start > 0 and end - start < 3 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and doc[start - 1].idx not in covered and not doc[start - 1].is_sent_start:
            start -= 1
        if start < end:
            span = doc[start:end]
            if stated_place(span) and not L.org_subclass(span.text) and not L.lookup_demonym(span.text) \
                    and not L.lookup_country(span.text):
                place = L.lookup_place(span.text)
                yield _mention(span, untitle(span.text), place.cls if place else "Location", "stated-place", sent_index)


