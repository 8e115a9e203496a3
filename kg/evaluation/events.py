"""Event coreference scores: MUC, B³, CEAF-e and their mean (CoNLL F1), kg against gold clusters.

Two gold sources: MEANTIME's CAT files (an EVENT_MENTION refers to an EVENT; EVENTs of a corpus that share
an `instance_id` are one event across its documents, an EVENT without one is an event of its document
only) and kg's own hand-made reports (`gold/events`: articles and a `clusters.tsv`). Scores are over the
gold mentions kg detects (a kg event mention whose trigger overlaps the gold mention), within documents
and across the documents of a corpus, next to the same-lemma baseline on the same mentions.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Hashable

import networkx as nx

from ..errors import InputError
from ..records import Document
from .meantime import _article_date, _Token, detokenize, find_cat_files

Clusters = dict[Hashable, Hashable]  # mention -> cluster


# ---------------------------------------------------------------- metrics

def _groups(assign: Clusters) -> dict[Hashable, set]:
    out: dict[Hashable, set] = defaultdict(set)
    for m, c in assign.items():
        out[c].add(m)
    return out


def _muc(key: dict[Hashable, set], response: Clusters) -> tuple[float, float]:
    """(correct links, links) of the key clusters as partitioned by the response."""
    num = den = 0
    for members in key.values():
        parts = {response.get(m, ("alone", m)) for m in members}
        num += len(members) - len(parts)
        den += len(members) - 1
    return num, den


def _prf(num_p: float, den_p: float, num_r: float, den_r: float) -> tuple[float, float, float]:
    p = num_p / den_p if den_p else 0.0
    r = num_r / den_r if den_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def coref_scores(key: Clusters, response: Clusters) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 of MUC, B³ and CEAF-e, and the CoNLL F1, over the key's mentions."""
    response = {m: c for m, c in response.items() if m in key}
    kg_, rg = _groups(key), _groups(response)
    mr_num, mr_den = _muc(kg_, response)
    mp_num, mp_den = _muc(rg, key)
    scores = {"MUC": _prf(mp_num, mp_den, mr_num, mr_den)}
    b_p = b_r = 0.0
    for m, c in key.items():
        k = kg_[c]
        r = rg[response[m]] if m in response else {m}
        b_r += len(k & r) / len(k)
        b_p += len(k & r) / len(r)
    n = len(key)
    scores["B3"] = _prf(b_p, n, b_r, n)
    graph = nx.Graph()
    for kc, kms in kg_.items():
        for m in kms:
            if m in response:
                rc = response[m]
                graph.add_edge(("k", kc), ("r", rc), weight=2 * len(kms & rg[rc]) / (len(kms) + len(rg[rc])))
    matching = nx.max_weight_matching(graph)
    sim = sum(graph[a][b]["weight"] for a, b in matching)
    scores["CEAF-e"] = _prf(sim, len(rg), sim, len(kg_))
    scores["CoNLL"] = (0.0, 0.0, sum(scores[x][2] for x in ("MUC", "B3", "CEAF-e")) / 3)
    return scores


# ---------------------------------------------------------------- gold

@dataclass
class GoldEventMention:
    doc_id: str
    start: int
    end: int
    text: str
    cluster: str
    parts: tuple[tuple[int, int], ...] = ()  # the runs of its tokens, when they are not contiguous

    @property
    def size(self) -> int:
        return sum(e - s for s, e in self.parts or ((self.start, self.end),))

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.parts or ((self.start, self.end),))


@dataclass
class GoldDoc:
    doc_id: str
    corpus: str
    text: str
    date: date | None
    mentions: list[GoldEventMention] = field(default_factory=list)


def read_cat_events(path: Path, corpus: str) -> GoldDoc:
    """A MEANTIME CAT file's text (as kg's MEANTIME gold lays it out) and its event mentions with clusters."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        raise InputError(f"{path}: not readable CAT XML ({e})") from None
    doc_id = root.get("doc_id") or path.stem
    tokens = sorted((_Token(int(t.get("t_id")), int(t.get("sentence")), t.text or "") for t in root.iter("token")),
                    key=lambda t: t.tid)
    markables, relations = root.find("Markables"), root.find("Relations")
    if not tokens or markables is None:
        raise InputError(f"{path}: no tokens or no Markables; not a MEANTIME CAT file")
    by_sent: dict[int, list[_Token]] = defaultdict(list)
    for tok in tokens:
        by_sent[tok.sent].append(tok)
    sents = [by_sent[k] for k in sorted(by_sent)]
    title = detokenize(sents[0])
    when = _article_date(detokenize(sents[1])) if len(sents) > 1 else None
    body_tokens = [t for s in (sents[2:] if when else sents[1:]) for t in s]
    body = detokenize(body_tokens)
    for t in body_tokens:
        t.start += len(title) + 2
        t.end += len(title) + 2
    dropped = {t.tid for t in sents[1]} if when else set()
    text = title + "\n\n" + body
    tok_by_id = {t.tid: t for t in tokens}
    events = {e.get("m_id"): e.get("instance_id") for e in markables.findall("EVENT")}
    refers: dict[str, str] = {}
    for rel in (relations.findall("REFERS_TO") if relations is not None else []):
        target = rel.find("target")
        if target is not None and target.get("m_id") in events:
            for src in rel.findall("source"):
                refers[src.get("m_id")] = target.get("m_id")
    doc = GoldDoc(doc_id, corpus, text, date.fromisoformat(when) if when else None)
    for m in markables.findall("EVENT_MENTION"):
        toks = [tok_by_id[t] for a in m.findall("token_anchor") if (t := int(a.get("t_id"))) in tok_by_id
                and t not in dropped]
        if not toks:
            continue
        target = refers.get(m.get("m_id"))
        cluster = (f"{corpus}:{events[target]}" if target and events.get(target)
                   else f"{doc_id}:{target or 'mention-' + m.get('m_id')}")
        toks.sort(key=lambda t: t.tid)
        parts = []
        for t in toks:  # "releases ... announces": one mention of tokens apart, matched by each run
            if parts and t.tid == parts[-1][2] + 1:
                parts[-1] = (parts[-1][0], t.end, t.tid)
            else:
                parts.append((t.start, t.end, t.tid))
        start, end = min(t.start for t in toks), max(t.end for t in toks)
        doc.mentions.append(GoldEventMention(doc_id, start, end, text[start:end], cluster,
                                             tuple((a, b) for a, b, _ in parts) if len(parts) > 1 else ()))
    return doc


def read_meantime(folder: str | Path) -> list[GoldDoc]:
    """Every CAT file under folder, its corpus named after the folder that holds it (corpus_airbus ...)."""
    files = sorted(find_cat_files(Path(folder)))
    if not files:
        raise InputError(f"{folder}: no MEANTIME CAT files (*.xml) found")
    return [read_cat_events(p, p.parent.name) for p in files]


def read_handmade(folder: str | Path) -> list[GoldDoc]:
    """kg's hand-made reports: folder/articles/*.txt and folder/clusters.tsv (event, article, trigger, occurrence)."""
    from ..io import read_article

    folder = Path(folder)
    table = folder / "clusters.tsv"
    if not table.is_file():
        raise InputError(f"{table}: missing (the expected clusters of the hand-made reports)")
    docs: dict[str, GoldDoc] = {}
    for path in sorted((folder / "articles").glob("*.txt")):
        d = read_article(path)
        docs[path.stem] = GoldDoc(path.stem, "handmade", d.text, d.date)
    rows = [r for r in csv.reader((ln for ln in table.read_text(encoding="utf-8").splitlines()
                                    if ln.strip() and not ln.startswith("#")), delimiter="\t")]
    for i, row in enumerate(rows, 1):
        if len(row) != 4 or row[1] not in docs or not row[3].isdigit():
            raise InputError(f"{table}: row {i} is not 'event<TAB>article<TAB>trigger<TAB>occurrence' of a known article")
        doc = docs[row[1]]
        found = [m for m in re.finditer(rf"\b{re.escape(row[2])}\b", doc.text)]
        if len(found) < int(row[3]):
            raise InputError(f"{table}: row {i}: '{row[2]}' occurs fewer than {row[3]} times in {row[1]}")
        m = found[int(row[3]) - 1]
        doc.mentions.append(GoldEventMention(doc.doc_id, m.start(), m.end(), m.group(0), f"handmade:{row[0]}"))
    return list(docs.values())


# ---------------------------------------------------------------- kg's clusters on the gold documents

@dataclass
class CorpusEvents:
    """What kg made of one corpus's event mentions, matched to the gold ones."""

    corpus: str
    docs: int = 0
    gold: int = 0  # gold event mentions
    of_kinds: int = 0  # gold mentions whose word is one of kg's triggers
    detected_of_kinds: int = 0
    detected: int = 0
    kg_mentions: int = 0
    key: Clusters = field(default_factory=dict)  # detected gold mention -> gold cluster
    response: Clusters = field(default_factory=dict)  # -> kg's cluster
    lemma: Clusters = field(default_factory=dict)  # -> its trigger's lemma (the baseline)
    by_rule: dict[str, list[int]] = field(default_factory=dict)  # kg:rule value -> [mentions made, gold ones]


def _trigger_lemmas() -> set[str]:
    from ..extract.events import NOUN_TRIGGERS, VERB_TRIGGERS

    return set(VERB_TRIGGERS) | set(NOUN_TRIGGERS)


def predict_events(docs: list[GoldDoc], model: str | None = None, jobs: int = 1) -> list[CorpusEvents]:
    """Run kg on each corpus (entity and event resolution over its documents together) and match mentions."""
    from .. import nlp as nlp_mod
    from ..events_resolve import cluster_events
    from ..analysis import analyse
    from ..resolve import resolve

    model = model or nlp_mod.DEFAULT_MODEL
    lemmas = _trigger_lemmas()
    nlp = nlp_mod.load_nlp(model)
    by_corpus: dict[str, list[GoldDoc]] = defaultdict(list)
    for d in docs:
        by_corpus[d.corpus].append(d)
    out = []
    for corpus in sorted(by_corpus):
        group = by_corpus[corpus]
        res = CorpusEvents(corpus, docs=len(group))
        documents = [Document(text=d.text, source=f"{corpus}/{d.doc_id}", doc_id=d.doc_id, date=d.date) for d in group]
        extractions = list(analyse(documents, model=model, jobs=jobs))
        _, index = resolve(extractions)
        spans: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
        rule_of: dict[tuple[str, int, int], str] = {}
        for ci, cluster in enumerate(cluster_events(extractions, index, bare_actions=True)):
            for ref in cluster.mentions:
                spans[ref.doc_id].append((ref.event.start, ref.event.end, ci, ref.event.rule.rsplit(":", 1)[-1]))
                res.kg_mentions += 1
                rule_of[(ref.doc_id, ref.event.start, ref.event.end)] = ref.event.rule
                res.by_rule.setdefault(ref.event.rule, [0, 0])[0] += 1
        gold = [m for d in group for m in d.mentions]
        words = [" ".join(t.lemma_.lower() for t in sdoc) for sdoc in nlp.pipe(m.text for m in gold)]
        used: set[tuple[str, int, int]] = set()  # a kg mention reports one gold mention: the shortest it overlaps
        for m, word in sorted(zip(gold, words), key=lambda mw: (mw[0].doc_id, mw[0].size, mw[0].start)):
            res.gold += 1
            kind = word in lemmas or m.text.lower() in lemmas
            res.of_kinds += kind
            hit = next(((ci, lemma, start, end) for start, end, ci, lemma in spans[m.doc_id]
                        if m.overlaps(start, end) and (m.doc_id, start, end) not in used), None)
            if hit is None:
                continue
            used.add((m.doc_id, hit[2], hit[3]))
            res.by_rule[rule_of[(m.doc_id, hit[2], hit[3])]][1] += 1
            res.detected += 1
            res.detected_of_kinds += kind
            mid = (m.doc_id, m.start, m.end)
            res.key[mid], res.response[mid], res.lemma[mid] = m.cluster, (corpus, hit[0]), (corpus, hit[1])
        out.append(res)
    return out


def _within(assign: Clusters) -> Clusters:
    """The same clusters cut at document boundaries."""
    return {m: (m[0], c) for m, c in assign.items()}


def score_events(results: list[CorpusEvents]) -> dict[str, dict[str, dict[str, tuple[float, float, float]]]]:
    """{scope: {system: scores}} over all corpora together, scope "within" or "cross" documents."""
    key = {m: c for r in results for m, c in r.key.items()}
    kg_ = {m: c for r in results for m, c in r.response.items()}
    lemma = {m: c for r in results for m, c in r.lemma.items()}
    return {
        "within": {"kg": coref_scores(_within(key), _within(kg_)), "same-lemma": coref_scores(_within(key), _within(lemma))},
        "cross": {"kg": coref_scores(key, kg_), "same-lemma": coref_scores(key, lemma)},
    }


def format_events_report(title: str, results: list[CorpusEvents], by_rule: bool = False) -> str:
    """The detection counts per corpus, then the coreference scores within and across documents (and with
    by_rule, the mentions of each event rule)."""
    if by_rule:
        return format_events_report(title, results) + "\n".join(event_rule_table(results)) + "\n"
    lines = [f"event coreference: {title}",
             f"{'corpus':<18} {'docs':>5} {'gold':>6} {'kg kinds':>9} {'detected':>9} {'of kinds':>9} {'kg mentions':>12}"]
    for r in results + ([_total(results)] if len(results) > 1 else []):
        lines.append(f"{r.corpus:<18} {r.docs:>5} {r.gold:>6} {r.of_kinds:>9} {r.detected:>9} "
                     f"{r.detected_of_kinds:>9} {r.kg_mentions:>12}")
    total = _total(results)
    if total.gold:
        lines.append(f"detected: {total.detected / total.gold:.1%} of all gold event mentions, "
                     f"{(total.detected_of_kinds / total.of_kinds) if total.of_kinds else 0:.1%} of those of kg's kinds")
    if not total.detected:
        return "\n".join(lines + ["no gold mention detected: no coreference score"]) + "\n"
    lines.append(f"over the {total.detected} detected gold mentions: P / R / F1")
    lines.append(f"{'scope':<8} {'system':<11} {'MUC':>20} {'B3':>20} {'CEAF-e':>20} {'CoNLL F1':>9}")
    for scope, systems in score_events(results).items():
        for system, sc in systems.items():
            cells = " ".join(f"{sc[m][0]:6.3f}/{sc[m][1]:.3f}/{sc[m][2]:.3f}" for m in ("MUC", "B3", "CEAF-e"))
            lines.append(f"{scope:<8} {system:<11} {cells} {sc['CoNLL'][2]:9.3f}")
    return "\n".join(lines) + "\n"


def event_rule_table(results: list[CorpusEvents]) -> list[str]:
    """The event mentions each event rule of the registry made (its rule values together) and how many of them
    are gold event mentions (their trigger overlaps one), worst precision first; a rule that made none shows 0."""
    from ..extract.registry import by_phase, rule_for

    rows = {r.name: [0, 0] for r in by_phase("event")}
    for res in results:
        for value, (made, right) in res.by_rule.items():
            rule = rule_for(value)
            row = rows.setdefault(rule.name if rule else value, [0, 0])
            row[0] += made
            row[1] += right
    lines = [f"  {'by event rule':<28} {'made':>5} {'gold':>5} {'P':>6}"]
    for name, (made, right) in sorted(rows.items(), key=lambda kv: (kv[1][1] / kv[1][0] if kv[1][0] else 1.0,
                                                                     -kv[1][0], kv[0])):
        lines.append(f"  {name:<28} {made:5d} {right:5d} {right / made if made else 0.0:6.3f}")
    return lines


def _total(results: list[CorpusEvents]) -> CorpusEvents:
    t = CorpusEvents("all")
    for r in results:
        for name in ("docs", "gold", "of_kinds", "detected_of_kinds", "detected", "kg_mentions"):
            setattr(t, name, getattr(t, name) + getattr(r, name))
    return t


def evaluate_event_folders(folders: list[str | Path], model: str | None = None, jobs: int = 1,
                           by_rule: bool = False) -> str:
    """The event coreference report of each folder: MEANTIME CAT files, or hand-made reports."""
    parts = []
    for folder in folders:
        if (Path(folder) / "clusters.tsv").is_file():
            parts.append(format_events_report(f"{folder} (hand-made reports)", predict_events(read_handmade(folder), model, jobs),
                                              by_rule))
        else:
            parts.append(format_events_report(f"{folder} (MEANTIME)", predict_events(read_meantime(folder), model, jobs),
                                              by_rule))
    return "\n".join(parts)
