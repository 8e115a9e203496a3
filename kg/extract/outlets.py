"""News outlets named with the word for what they are: "the Bild newspaper", "the daily Yediot Aharonot",
"Philosophie Magazin". NER often calls such a name a person, or misses it; the word beside it decides."""

from __future__ import annotations

from dataclasses import replace

from ..lang.en import ARTICLES, OUTLET_NOUNS_AFTER_NAME, OUTLET_NOUNS_BEFORE_NAME, PRINT_OUTLET_NOUNS
from .. import lexicon as L
from ..records import Mention
from ..lang.en.organizations import OUTLET_HEADS, OUTLET_NOUNS, OUTLET_NAME_WORDS  # kg/lang/en/organizations.py
from .common import make_mention

_CHANGEABLE = {"Person", "Organization", "Location", "City"}


def _outlet_beside(doc, start: int, end: int) -> bool:
    """The token before the name (after "the") or the one after it is a word for an outlet, or two words are
    ("the news agency Al-Qamar", "Radio Belmont radio station")."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if start >= 2 and before.lower_ in OUTLET_HEADS and doc[start - 2].lower_ in OUTLET_NOUNS:
        return True
    if end + 1 < len(doc) and after.lower_ in OUTLET_NOUNS and doc[end + 1].lower_ in OUTLET_HEADS and after.is_lower:
        return True
    if before is not None and before.lower_ in OUTLET_NOUNS_BEFORE_NAME \
            and before.pos_ in {"NOUN", "ADJ"} and (start < 2 or doc[start - 2].lower_ in ARTICLES
                                                   or doc[start - 2].pos_ in {"ADJ", "DET", "PROPN"}):
        return True
    return after is not None and after.lower_ in OUTLET_NOUNS_AFTER_NAME and after.pos_ == "NOUN" \
        and after.is_lower


def outlet_mentions(doc, mentions: list[Mention], sent_index) -> list[Mention]:
    out = []
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
        if m.kind == "name" and m.cls in _CHANGEABLE and not L.lookup_place(m.name):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            last = L.fold(m.name.split()[-1]) if m.name.split() else ""
            if span is not None and (last in OUTLET_NAME_WORDS or _outlet_beside(doc, span.start, span.end)):
                m = replace(m, cls="NewsOrganization", label=m.label + "+outlet")
        out.append(m)
    # "the Bild newspaper": a name NER missed before the word for an outlet
    for tok in doc:
        if tok.lower_ not in PRINT_OUTLET_NOUNS or not tok.is_lower \
                or tok.pos_ != "NOUN" or tok.i < 2:
            continue
        end = tok.i
        start = end
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and doc[start - 1].idx not in covered and end - start < 4:
            start -= 1
        if start == end or doc[start - 1].lower_ != "the":
            continue
        span = doc[start:end]
        if L.lookup_place(span.text) or L.lookup_demonym(span.text):
            continue
        out.append(make_mention(span, span.text, "NewsOrganization", "outlet", sent_index))
    return sorted(out, key=lambda m: (m.start, m.end))
