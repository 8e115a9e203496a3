"""Who the article attributes a sentence or clause to: "according to X", "X said that ...", "X reported"."""

from __future__ import annotations

from dataclasses import dataclass

from ..lang.en import REPORTED_BY_VERBS, REPORTING_VERBS, SENTENCE_PRONOUNS
from ..ontology import family
from ..records import Mention
from .common import MentionIndex


SOURCE_CLASSES = family("Agent")  # people, organizations and countries


@dataclass(frozen=True)
class Attribution:
    source: Mention
    tokens: frozenset[int] | None  # the clause it covers; None for the whole sentence


def sentence_attributions(doc, index: MentionIndex) -> dict[int, list[Attribution]]:
    """Sentence number -> attributions found in it (and "This is reported by X" for the one before)."""
    out: dict[int, list[Attribution]] = {}
    sents = list(doc.sents)
    for si, sent in enumerate(sents):
        found: list[Attribution] = []
        for tok in sent:
            # "according to X"
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                for t in doc[tok.i + 2: min(sent.end, tok.i + 8)]:
                    m = index.at(t)
                    if m is not None and m.cls in SOURCE_CLASSES:
                        found.append(Attribution(m, None))
                        break
            # "X said (that) ...", "X, citing sources, reported ..."
            if tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_VERBS:
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                clause = next((c for c in tok.children if c.dep_ in {"ccomp", "parataxis"}), None)
                src = index.of_phrase(subj) if subj is not None else None
                if src is not None and src.cls in SOURCE_CLASSES:
                    covered = frozenset(t.i for t in clause.subtree) if clause is not None else None
                    found.append(Attribution(src, covered))
            # "This is reported by the AP." attributes the sentence before
            if tok.dep_ == "agent" and tok.head.lemma_.lower() in REPORTED_BY_VERBS:
                subj = next((c for c in tok.head.children if c.dep_ == "nsubjpass"), None)
                if subj is not None and subj.lower_ in SENTENCE_PRONOUNS and si > 0:
                    for t in tok.subtree:
                        m = index.at(t)
                        if m is not None and m.cls in SOURCE_CLASSES:
                            for k in _paragraph_before(doc, sents, si):
                                out.setdefault(k, []).append(Attribution(m, None))
                            break
        if found:
            out.setdefault(si, []).extend(found)
    return out


def _paragraph_before(doc, sents, si: int) -> list[int]:
    """The sentences of the paragraph "This is reported by X" closes, or the one sentence before it."""
    out = [si - 1]
    k = si - 1
    while k > 0 and "\n\n" not in sents[k - 1].text_with_ws:
        k -= 1
        out.append(k)
    return out


def source_for(attrs: list[Attribution], token_ids: list[int], exclude: set[Mention]) -> Mention | None:
    """The attribution that covers all the given tokens (clause first, then sentence-wide)."""
    for a in attrs:
        if a.source in exclude:
            continue
        if a.tokens is not None and all(i in a.tokens for i in token_ids):
            return a.source
    for a in attrs:
        if a.tokens is None and a.source not in exclude:
            return a.source
    return None
