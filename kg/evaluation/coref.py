"""Precision of kg's pronoun and description resolver (kg/extract/coref.py) against MEANTIME's coreference.

MEANTIME's CAT XML annotates every entity mention, pronouns (syntactic type PRO) and descriptions (NOM)
included, with the instance it refers to. A link kg makes is right when the gold mention at the pronoun or
description and a gold mention at its antecedent refer to one instance; wrong when they refer to two; a link
whose pronoun has no gold mention (an "it" that is no entity) counts as wrong; one whose antecedent has none, or that
comes after the last annotated mention (MEANTIME annotates the first sentences of an article), is not judged. (DWIE annotates no pronouns or descriptions, so it cannot measure the resolver.)

    python -m kg.evaluation.coref ../shared/data/meantime [--details]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from ..errors import InputError
from .meantime import read_cat


def gold_mentions(path: Path) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The text kg reads for a CAT XML article (as the MEANTIME converter makes it) and its entity mentions:
    (start, end, syntactic type, instance)."""
    cat = read_cat(path)
    markables, relations, dropped = cat.markables, cat.relations, cat.dropped
    tok_by_id = {t.tid: t for t in cat.tokens}
    instance_of: dict[str, str] = {}
    ent_key = {e.get("m_id"): e.get("instance_id") or f"m{e.get('m_id')}" for e in markables.findall("ENTITY")}
    for r in (relations.findall("REFERS_TO") if relations is not None else []):
        target = r.find("target")
        key = ent_key.get(target.get("m_id")) if target is not None else None
        for s in r.findall("source") if key else []:
            instance_of[s.get("m_id")] = key
    out = []
    for m in markables.findall("ENTITY_MENTION"):
        toks = [tok_by_id[int(a.get("t_id"))] for a in m.findall("token_anchor")
                if int(a.get("t_id")) in tok_by_id and int(a.get("t_id")) not in dropped]
        if toks and m.get("m_id") in instance_of:
            out.append((toks[0].start, toks[-1].end, m.get("syntactic_type") or "", instance_of[m.get("m_id")]))
    return cat.text, out


def _instance(gold: list[tuple[int, int, str, str]], start: int, end: int) -> str | None:
    """The instance of the smallest gold mention that holds [start, end) (or its last word)."""
    holding = [g for g in gold if g[0] <= end - 1 < g[1]]
    inside = [g for g in holding if g[0] <= start] or holding
    return min(inside, key=lambda g: g[1] - g[0])[3] if inside else None


def _reference_instance(gold: list[tuple[int, int, str, str]], start: int, end: int) -> str | None:
    """The instance of the gold mention that is the pronoun or ends with the description's noun."""
    same = [g for g in gold if g[1] == end and g[0] <= start + 4 and g[0] >= start - 40]
    return min(same, key=lambda g: abs(g[0] - start))[3] if same else None


def score(folder: str | Path, details: bool = False) -> Counter:
    from .. import nlp as nlp_mod
    from ..extract import coref, wire
    from ..extract.entities import extract_mentions
    from ..analysis import nlp_text
    from ..records import Document

    files = sorted(Path(folder).rglob("*.xml"))
    if not files:
        raise InputError(f"{folder}: no CAT XML files")
    nlp = nlp_mod.load_nlp(nlp_mod.DEFAULT_MODEL)
    counts: Counter = Counter()
    items = []
    for path in files:
        text, gold = gold_mentions(path)
        items.append((nlp_text(Document(text=text, source=str(path), doc_id=path.stem)), (path, text, gold)))
    for sdoc, (path, text, gold) in nlp_mod.pipe_docs(nlp, items):
        sdoc.user_data["kg_wire"] = wire.layout(text)
        annotated = max((g[1] for g in gold), default=0)  # MEANTIME annotates an article's first sentences
        for ref in coref.references(sdoc, extract_mentions(sdoc)):
            kind = ref.kind
            mine = _reference_instance(gold, ref.mention.start, ref.mention.end)
            theirs = _instance(gold, ref.antecedent.start, ref.antecedent.end)
            verdict = "unjudged" if theirs is None or ref.mention.start > annotated else \
                "right" if mine == theirs else "wrong"
            counts[(kind, verdict)] += 1
            counts[(kind + ":" + ref.mention.text.lower(), verdict)] += 1
            if details and verdict != "right":
                sentence = text[max(0, ref.antecedent.start - 40): ref.mention.end + 40].replace("\n", " ")
                print(f"{verdict}\t{path.stem[:30]}\t{ref.mention.text!r} -> {ref.antecedent.name!r}\t{sentence}")
    return counts


def report(counts: Counter) -> str:
    rows = sorted({k for k, _ in counts}, key=lambda k: (":" in k, k))
    lines = [f"{'reference':32} {'made':>5} {'right':>5} {'wrong':>5} {'unjudged':>8} {'P':>6}"]
    for k in rows:
        right, wrong, unjudged = counts[(k, "right")], counts[(k, "wrong")], counts[(k, "unjudged")]
        p = f"{right / (right + wrong):.3f}" if right + wrong else "-"
        lines.append(f"{k:32} {right + wrong + unjudged:5} {right:5} {wrong:5} {unjudged:8} {p:>6}")
    return "\n".join(lines)


if __name__ == "__main__":  # evaluation tooling, not part of the kg command
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit("usage: python -m kg.evaluation.coref MEANTIME_FOLDER [--details]")
    print(report(score(args[0], details="--details" in sys.argv)))
