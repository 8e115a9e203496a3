"""Helpers the extractors share: finding the mention a token belongs to, sentence dates, counts."""

from __future__ import annotations

import re
from datetime import date

from .. import lexicon as L
from ..lang.en import APOSTROPHES, IRREALIS_WORDS, MODALS, NUMBER_WORDS, REPORTING_VERBS
from ..records import Mention
from .dates import date_of


LEADING_JUNK = re.compile(r"^[^\w]+")


class MentionIndex:
    """Token index -> mention (the longest one covering the token) for one Doc."""

    def __init__(self, doc, mentions: list[Mention]):
        self.doc = doc
        self.by_token: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.start):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.by_token.setdefault(tok.i, m)
        self._extra: list[Mention] = []

    def at(self, tok) -> Mention | None:
        return self.by_token.get(tok.i)

    def of_phrase(self, tok) -> Mention | None:
        """The mention a noun phrase headed by tok denotes: the head itself, a compound, or an apposition."""
        m = self.at(tok)
        if m is not None:
            return m
        for child in tok.children:
            if child.dep_ in {"compound", "appos"} and child.i > tok.i - 4:
                m = self.at(child)
                if m is not None and child.dep_ == "appos" or (m is not None and m.cls != "Country"):
                    return m
        return None

    def in_span(self, start_tok: int, end_tok: int) -> list[Mention]:
        seen: dict[Mention, None] = {}  # in order, each once (a list's `in` made long sentences quadratic)
        for i in range(start_tok, end_tok):
            m = self.by_token.get(i)
            if m is not None:
                seen.setdefault(m)
        return list(seen)


def expand_conjuncts(tok) -> list:
    """tok and the tokens conjoined with it ("the US and Europe")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(expand_conjuncts(child))
    return out


def sentence_date(doc, sent, anchor: date | None, near=None) -> date | None:
    """The date a clause is about: a DATE in the subtree of `near` first, else the sentence's only DATE."""
    ents = _dates_by_sentence(doc).get(sent.start, [])
    if not ents:
        return None
    if near is not None:
        sub = {t.i for t in near.subtree}
        inside = [e for e in ents if e.root.i in sub]
        for e in inside:
            d = date_of(e.text, sent.text, anchor)
            if d:
                return d
        if len(ents) > 1:
            return None
        if _reporting_verb(ents[0]) not in (None, near):
            return None  # "X attacked Y, CNN reported on Sunday": the report's date, not the event's
    dated = [d for d in (date_of(e.text, sent.text, anchor) for e in ents) if d]
    return dated[0] if len(dated) == 1 else None


def _reporting_verb(ent):
    """The reporting verb ("said", "reported") a date expression belongs to, if it belongs to one."""
    tok = ent.root
    for _ in range(4):
        if tok.head is tok:
            return tok if tok.lemma_.lower() in REPORTING_VERBS else None
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            return tok if tok.lemma_.lower() in REPORTING_VERBS else None
    return None


def _dates_by_sentence(doc) -> dict[int, list]:
    """Sentence start -> its DATE entities, worked out once per Doc (verbs ask for them one by one)."""
    table = doc.user_data.get("kg_dates")
    if table is None:
        table = {}
        for e in doc.ents:
            if e.label_ == "DATE":
                table.setdefault(e.sent.start, []).append(e)
        doc.user_data["kg_dates"] = table
    return table


def number_of(tok) -> int | None:
    """The number a nummod child (or the token itself) states: 25, "seven", "15 000", "a dozen"."""
    nums = [c for c in tok.children if c.dep_ in {"nummod", "quantmod"}] if tok.pos_ != "NUM" else [tok]
    for n in nums:
        parts = [c for c in n.children if c.dep_ == "compound" and c.like_num] + [n]
        text = "".join(p.text for p in sorted(parts, key=lambda p: p.i)).replace(",", "").replace("\u00a0", "")
        if text.isdigit():
            return int(text)
        if n.lower_ in NUMBER_WORDS:
            return NUMBER_WORDS[n.lower_]
    return None


def clean_name(text: str) -> str:
    text = LEADING_JUNK.sub("", text.strip())
    for suffix in APOSTROPHES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    return re.sub(r"\s+", " ", text).strip()


def make_mention(span, name: str, cls: str, label: str, sent_index, kind: str = "name", key: str = "") -> Mention:
    return Mention(
        start=span.start_char, end=span.end_char, text=span.text, name=L.visible(name), cls=cls, label=label,
        sent=sent_index.get(span.start, 0), kind=kind, key=key,
    )


def irrealis(tok) -> bool:
    """Planned, threatened, possible, refused or denied: not something that happened (events and verb relations)."""
    for t in [tok] + list(tok.ancestors)[:4]:
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in t.children):
            return True
        if t is not tok and t.lemma_.lower() in IRREALIS_WORDS:
            return True
        if t.dep_ in {"ROOT", "relcl"}:
            break  # "X, who was arrested in May, denied it": a relative clause is told as it is
    return False
