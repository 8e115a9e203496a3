"""Events of no typed kind: the other actions a report names ("sales fell", "Boeing won the contract").

A verb, or a noun that names an action (a listed event noun, or a noun made from a verb by -tion, -sion,
-ment or -ing), that is no trigger of a typed kind is a mention of an `OtherEvent`. Auxiliaries and modals
(spaCy's AUX) never are; verbs that state a relation or a state ("based in", "according to", "consists of")
are not either. The irrealis rules of typed events apply as they are (events.py).

`word_of` gives the word under which such mentions are compared when clustering: the verb for an event
noun made from it ("sales" and "sold", "the announcement" and "announced").
"""

from __future__ import annotations

from functools import lru_cache

from ..lang.en import ACTION_NOUN_SUFFIXES, STEM_SUFFIXES
from .event_types import EVENT_NOUNS, NOT_EVENT_NOUNS, NOT_EVENT_VERBS, SYNONYMS

_SYNONYM_OF = {w: min(group) for group in SYNONYMS for w in group}


def generic_trigger(tok) -> bool:
    """Whether a token of no typed kind names an action: a verb, or an event noun."""
    lemma = tok.lemma_.lower()
    if not lemma.isalpha() or len(lemma) < 2:
        return False
    if tok.pos_ == "VERB":
        return lemma not in NOT_EVENT_VERBS
    if tok.pos_ != "NOUN" or lemma in NOT_EVENT_NOUNS or tok.dep_ == "compound":
        return False  # "rescue teams", "the sales staff": a noun that describes another is no action
    if lemma in EVENT_NOUNS:
        return True
    return any(lemma.endswith(s) and len(lemma) - len(s) >= 4 for s in ACTION_NOUN_SUFFIXES)


@lru_cache(maxsize=8192)  # asked for every pair of actions compared when events are clustered
def word_of(lemma: str, synonyms: bool = False) -> str:
    """The stem under which two trigger lemmas count as the same word (or, with synonyms, synonyms)."""
    lemma = EVENT_NOUNS.get(lemma.lower(), lemma.lower())
    if synonyms:
        lemma = _SYNONYM_OF.get(lemma, lemma)
    for s in STEM_SUFFIXES:
        if lemma.endswith(s) and len(lemma) - len(s) >= 4:
            lemma = lemma[: -len(s)]
            break
    return lemma


def same_word(a: str, b: str, synonyms: bool = False) -> bool:
    """"announce" and "announcement", "acquire" and "acquisition", "sell" and "sales" (with synonyms, "buy"
    and "purchase", "fell" and "dropped")."""
    a, b = sorted((word_of(a, synonyms), word_of(b, synonyms)), key=len)
    return b.startswith(a) and (len(a) >= 4 or a == b)
