"""Mentions read from cue words and head words rather than from spaCy's names: named operations ("Operation X",
"an operation called X") and bodies NER misses ("the US military", "the government of Chile", "the Lindqvist
administration")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import lexicon as L
from ...lang.en import (ARTICLES, BODY_HEADS, GOVERNMENT_NOUNS, NAMING_PARTICIPLES, OPERATION_CUES, OPERATION_NAME_LINKS,
                        OPERATION_TITLES, QUOTE_MARKS)
from ...records import Mention
from ..common import clean_name as _clean_name
from ..common import make_mention as _mention
from ..classify import untitle
from ..registry import Named, Names, Rule
from .. import entities as E


def _operations(names: Names) -> list[Mention]:
    return list(_operation_mentions(names.doc, names.sent_index))


def _datelines(names: Names) -> list[Mention]:
    """"KYIV/MOSCOW (Reuters) -": a name spaCy found that is upper-case places run together by slashes; each part the
    gazetteer knows is a place, and the name's tokens are taken (they are no name of their own)."""
    out: list[Mention] = []
    for _, span in E.ner_spans(names.doc):
        if "/" in span.text and span.text.replace("/", "").replace(" ", "").isupper() and E.spaced_dash(span) is None:
            out.extend(_dateline_places(span, names.sent_index))
            names.taken.update(range(span.start, span.end))
    return out


def _dateline_places(span, sent_index) -> Iterator[Mention]:
    doc = span.doc
    pos = span.start_char
    for part in span.text.split("/"):
        start = pos + len(part) - len(part.lstrip())
        end = pos + len(part.rstrip())
        pos += len(part) + 1
        place = L.lookup_place(part.strip())
        sub = doc.char_span(start, end, alignment_mode="expand")
        if place is not None and sub is not None:
            name = place.name if place.cls != "City" else untitle(part.strip())
            yield _mention(sub, name, place.cls, "dateline", sent_index)


def _bodies(names: Names) -> list[Mention]:
    return list(_generic_bodies(names.doc, names.sent_index, names.taken))


def _operation_mentions(doc, sent_index) -> Iterator[Mention]:
    """"Operation Desert Storm"; "an operation called Northern Shield"; "a campaign dubbed 'X'"."""
    i = 0
    while i < len(doc):
        tok = doc[i]
        start = None
        if tok.lower_ in OPERATION_TITLES and tok.is_title and i + 1 < len(doc) and doc[i + 1].is_title and not doc[i + 1].is_sent_start:
            start, first = i, i + 1
        elif tok.lower_ in NAMING_PARTICIPLES and i > 0:
            window = doc[max(0, i - 6): i]
            if any(t.lower_ in OPERATION_CUES for t in window):
                first = i + 1
                if tok.lower_ == "known" and first < len(doc) and doc[first].lower_ == "as":
                    first += 1
                while first < len(doc) and (doc[first].is_quote or doc[first].lower_ in QUOTE_MARKS):
                    first += 1
                if first < len(doc) and doc[first].is_title and doc[first].lower_ not in OPERATION_CUES | ARTICLES:
                    start = first
        if start is None:
            i += 1
            continue
        j = first
        while j < len(doc) and (doc[j].is_title or doc[j].text in OPERATION_NAME_LINKS or doc[j].like_num) and j - start < 6:
            j += 1
        while j > first and not (doc[j - 1].is_title or doc[j - 1].like_num):
            j -= 1
        if j > first:
            span = doc[start:j]
            name = _clean_name(span.text)
            key = "op:" + L.fold(re.sub(r"^(Operation|Op\.)\s+", "", name))
            yield _mention(span, name, "MilitaryOperation", "operation-cue", sent_index, key=key)
            i = j
            continue
        i += 1


def _government_of(doc, tok, sent_index) -> Iterator[Mention]:
    """"the government of Germany", "the governments of Canada and Ontario": a country's government."""
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "of":
        return
    place_tok = doc[tok.i + 2]
    place = L.lookup_country(place_tok.text)
    if place is not None:  # (of a list, "the governments of Canada and Ontario", only the first has a span)
        yield _mention(doc[tok.i: place_tok.i + 1], f"Government of {place.name}", "GovernmentBody", "government+of",
                       sent_index, key=f"government:{place.iso}")


def _generic_bodies(doc, sent_index, taken: set[int]) -> Iterator[Mention]:
    """"the US military", "the Chilean government", "the Lindqvist administration"."""
    for tok in doc:
        if tok.i in taken:
            continue
        word = tok.lower_
        two = f"{word} {doc[tok.i + 1].lower_}" if tok.i + 1 < len(doc) else ""
        if word == "governments" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            yield from _government_of(doc, tok, sent_index)
            continue
        if two in BODY_HEADS:
            head_len = 2
            cls = BODY_HEADS[two]
        elif word in BODY_HEADS and tok.pos_ in {"NOUN", "PROPN"}:
            head_len = 1
            cls = BODY_HEADS[word]
        else:
            continue
        # modifier just before: a country, a demonym, or a person's name
        j = tok.i
        k = j
        while k > 0 and doc[k - 1].pos_ == "PROPN" or (k > 0 and doc[k - 1].ent_type_ in {"GPE", "NORP", "PERSON", "ORG"} and doc[k - 1].pos_ != "DET"):
            k -= 1
        if k == j and cls == "GovernmentBody" and word in GOVERNMENT_NOUNS:
            yield from _government_of(doc, tok, sent_index)
            continue
        if k == j:
            continue
        if cls == "GovernmentBody" and doc[j - 1].ent_type_ == "PERSON":
            # "U.S. President Barack Obama's administration": the person alone names it
            while k < j - 1 and doc[k].ent_type_ != "PERSON":
                k += 1
        mod = doc[k:j]
        mod_text = _clean_name(mod.text)
        if any(t.i in taken and t.ent_type_ not in {"GPE", "NORP", "PERSON"} for t in mod):
            continue
        place = L.lookup_country(mod_text) or L.lookup_demonym(mod_text)
        head_text = doc[j: j + head_len].text
        span = doc[k: j + head_len]
        if place:
            key = E._national_body_key(f"{mod_text} {head_text}", cls)
            if cls == "GovernmentBody":
                name = f"Government of {place.name}"
            else:
                name = f"{mod_text} {head_text}"
            yield _mention(span, name, cls, "country+" + head_text.lower(), sent_index, key=key)
        elif cls == "GovernmentBody" and head_text.lower() == "administration" and mod.root.ent_type_ in {"PERSON", "ORG"}:
            yield _mention(span, f"{mod_text} administration", cls, "person+administration", sent_index)
            # the person it is named after is mentioned too, and leads it
            yield _mention(mod, mod_text, "Person", "administration-head", sent_index, kind="modifier")


RULES = (
    Rule(("operation-cue",), "cues", ("MilitaryOperation",), (
        Named("Operation Northern Shield began on Monday.", "Operation Northern Shield", "MilitaryOperation",
              "operation-cue"),
        Named("The army began a campaign dubbed Iron Harvest.", "Iron Harvest", "MilitaryOperation", "operation-cue"),
    ), _operations, _operation_mentions.__doc__),
    Rule(("dateline",), "cues", ("City", "Country", "Location"), (
        Named("KYIV/MOSCOW (Reuters) - Talks resumed on Monday.", "Moscow", "City", "dateline"),
    ), _datelines, _datelines.__doc__),
    Rule(("country+*", "government+of", "person+administration", "administration-head"), "mentions",
         ("ArmedForces", "GovernmentBody", "Person"), (
        Named("The Chilean military sent ships to the coast.", "Chilean military", "ArmedForces", "country+military"),
        Named("The Chilean government said it would talk.", "Government of Chile", "GovernmentBody",
              "country+government"),
        Named("The government of Chile said it would talk.", "Government of Chile", "GovernmentBody",
              "government+of"),
        Named("The Lindqvist administration said it would respond.", "Lindqvist administration", "GovernmentBody",
              "person+administration"),
        Named("The Lindqvist administration said it would respond.", "Lindqvist", "Person", "administration-head"),
    ), _bodies, _generic_bodies.__doc__),
)
