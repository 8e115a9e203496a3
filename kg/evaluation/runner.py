"""Running kg (or the naive spaCy baseline) over gold articles, and the report of the scores."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .. import lexicon as L
from ..ontology import ENTITY_CLASSES, KG, relation_properties
from .scorer import (Counts, Error, GoldArticle, PredEntity, Prediction, PredRelation, RelationScore,
                     score_entities, score_relations, scored_property)


# ---------------------------------------------------------------- running kg and the baseline

def predict_kg(articles: list[GoldArticle], model: str | None = None, jobs: int = 1,
               gazetteer_places: bool = False) -> list[Prediction]:
    """Build each gold article alone with kg and read its nodes and relations from the graph (with
    gazetteer_places, `locatedIn` from the gazetteer too: kg/extract/background.py)."""
    from rdflib import RDF

    from ..graph import entity_iri
    from ..nlp import DEFAULT_MODEL
    from ..pipeline import analyse, build_from_extractions
    from ..records import Document

    docs = [Document(text=a.text, source=a.path, doc_id=re.sub(r"[^\w-]+", "-", a.id), date=a.date) for a in articles]
    out = []
    rel_props = relation_properties()
    ns = str(KG._NS)
    for ex in analyse(docs, model=model or DEFAULT_MODEL, jobs=jobs):
        graph, entities = build_from_extractions([ex], gazetteer_places=gazetteer_places)
        nodes = {entity_iri(e): i for i, e in enumerate(entities)}
        preds = [PredEntity(e.cls, [e.label] + [n for n in e.names if n != e.label],
                            [(m.start, m.end) for _, m in e.mentions]) for e in entities]
        dates: dict[tuple, set[str]] = defaultdict(set)
        rules: dict[tuple, set[str]] = defaultdict(set)
        for st in graph.subjects(RDF.type, KG.Statement):
            key = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
            for d in graph.objects(st, KG.date):
                dates[key].add(str(d))
            rules[key].update(str(r) for r in graph.objects(st, KG.rule))
        relations = []
        for s, p, o in graph:
            if s in nodes and o in nodes and str(p).startswith(ns) and str(p)[len(ns):] in rel_props:
                # a property that refines another (spokespersonFor, of worksFor) is scored as the one it refines
                relations.append(PredRelation(nodes[s], scored_property(str(p)[len(ns):]), nodes[o],
                                              tuple(sorted(dates[(s, p, o)])),
                                              tuple(sorted(rules[(s, p, o)]))))
        out.append(Prediction(preds, relations))
    return out


NAIVE_CLASSES = {"PERSON": "Person", "ORG": "Organization", "NORP": "Organization", "LOC": "Location",
                 "FAC": "Location", "GPE": "GPE"}


def predict_naive(articles: list[GoldArticle], model: str | None = None) -> list[Prediction]:
    """The naive baseline: plain spaCy NER, one node per distinct name, the class from the NER label."""
    from ..nlp import DEFAULT_MODEL, load_nlp, pipe_docs

    nlp = load_nlp(model or DEFAULT_MODEL)
    out = []
    for doc, _ in pipe_docs(nlp, ((a.text, None) for a in articles)):
        groups: dict[str, list] = defaultdict(list)
        for ent in doc.ents:
            if ent.label_ in NAIVE_CLASSES and L.fold(ent.text):
                groups[L.fold(ent.text)].append(ent)
        preds = []
        node_of: dict[int, int] = {}  # token index -> node
        for ents in groups.values():
            label = Counter(e.label_ for e in ents).most_common(1)[0][0]
            cls = NAIVE_CLASSES[label]
            if cls == "GPE":
                cls = "Country" if L.lookup_country(ents[0].text) else "Location"
            for e in ents:
                node_of.update((t.i, len(preds)) for t in e)
            preds.append(PredEntity(cls, [ents[0].text], [(e.start_char, e.end_char) for e in ents]))
        out.append(Prediction(preds, _svo(doc, node_of)))
    return out


def _svo(doc, node_of: dict[int, int]) -> list[PredRelation]:
    """Subject-verb-object triples over the NER entities, as one writes them by hand: the verb's lemma as
    the predicate (so they match no typed gold relation; `pairs related` shows what they reach)."""
    rels = []
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subj = [node_of[c.i] for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in node_of]
        obj = [node_of[c.i] for c in verb.children if c.dep_ in {"dobj", "attr"} and c.i in node_of]
        obj += [node_of[g.i] for c in verb.children if c.dep_ == "prep" for g in c.children
                if g.dep_ == "pobj" and g.i in node_of]
        rels.extend(PredRelation(s, verb.lemma_.lower(), o, ()) for s in subj for o in obj if s != o)
    return rels


# ---------------------------------------------------------------- the whole evaluation and its report

@dataclass
class CorpusResult:
    corpus: str
    articles: int = 0
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    strict: dict[str, Counts] | None = None
    relations: RelationScore | None = None
    errors: list[tuple[str, Error]] = field(default_factory=list)  # (article id, error)
    unjudged: int = 0
    article_f1: list[float] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    @property
    def total(self) -> Counts:
        c = Counts()
        for v in self.entities.values():
            c.add(v)
        return c


def evaluate(articles: list[GoldArticle], predictions: list[Prediction]) -> list[CorpusResult]:
    """Score every article and sum the counts per corpus, in the order corpora first appear."""
    results: dict[str, CorpusResult] = {}
    for gold, pred in zip(articles, predictions):
        groups = [gold.corpus] + ([f"{gold.corpus} ({gold.subset})"] if gold.subset else [])
        groups += [f"{gold.corpus} ({gold.subset + ', ' if gold.subset else ''}{g})" for g in gold.genres]
        for group in groups:
            _score_into(results.setdefault(group, CorpusResult(group)), gold, pred)
    return list(results.values())


def _score_into(res: CorpusResult, gold: GoldArticle, pred: Prediction) -> None:
    """Add one article's scores, errors and detail lines to a group."""
    res.articles += 1
    sc = score_entities(gold, pred.entities)
    for cls, c in sc.by_class.items():
        res.entities[cls].add(c)
    res.errors += [(gold.id, e) for e in sc.errors]
    res.unjudged += sc.unjudged
    res.article_f1.append(sc.total.f1 if gold.entities or pred.entities else 1.0)
    if gold.fine_classes:
        res.strict = res.strict if res.strict is not None else defaultdict(Counts)
        for cls, c in score_entities(gold, pred.entities, strict=True).by_class.items():
            res.strict[cls].add(c)
    rel = None
    if gold.relations is not None:
        rel = score_relations(gold, pred, sc.match)
        res.relations = res.relations or RelationScore()
        res.relations.add(rel)
    t = sc.total
    line = f"  {gold.id:<22} P {t.precision:.2f} R {t.recall:.2f} F1 {t.f1:.2f}  (tp {t.tp} fp {t.fp} fn {t.fn})"
    if rel is not None:
        line += f"  relations {rel.tp_gold}/{rel.gold} found, {rel.tp_pred}/{rel.predicted} right"
    res.details.append(line)
    res.details += [f"      {e.kind}: {e.name!r} gold {e.gold or '-'} predicted {e.pred or '-'}" for e in sc.errors]
    if rel is not None:
        res.details += [f"      relation missed: {m}" for m in rel.misses]
        res.details += [f"      relation not in gold: {w}" for w in rel.wrong]


def _table(rows: dict[str, Counts], total: Counts, title: str) -> list[str]:
    lines = [f"  {title:<20} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    order = [c for c in ENTITY_CLASSES if c in rows] + sorted(c for c in rows if c not in ENTITY_CLASSES)
    for cls, c in [(c, rows[c]) for c in order] + [("overall (micro)", total)]:
        lines.append(f"  {cls:<20} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}")
    return lines


def rule_table(r: RelationScore) -> list[str]:
    """Relations per kg:rule, worst precision first, then per property. For a rule: how many relations it
    produced, how many of them are gold (P), how many joined two gold entities and the precision among
    those (Pk: what the gold can judge), and how many gold relations it found (R, of all the gold); a
    relation given by several rules counts for each. Every rule of the registry has a row, so that a rule
    that made nothing on the corpus shows as 0 made."""
    lines = [f"    {'by rule':<34} {'made':>5} {'right':>5} {'P':>6} {'known':>5} {'Pk':>6} {'found':>5} {'R':>6}"]
    rows = dict(r.by_rule)
    ids = _registered_ids()
    exact = {i for i in ids if not i.endswith("*")}
    for rule_id in ids:  # a registered rule that made nothing here shows as 0 made
        # a family made something when a value of it that no exact id names did ("verb:meet"); a value read
        # through a stand-in ("role:copula+pronoun") belongs to the rule before the "+"
        family = rule_id.endswith("*") and any(k.startswith(rule_id[:-1]) and k.split("+", 1)[0] not in exact
                                               for k in rows)
        if rule_id not in rows and not family:
            rows[rule_id] = [0, 0, 0, 0]
    order = sorted(rows.items(), key=lambda kv: (kv[1][1] / kv[1][0] if kv[1][0] else 1.0, -kv[1][0], kv[0]))
    for rule, (made, right, found, known) in order:
        lines.append(f"    {rule:<34} {made:5d} {right:5d} {right / made if made else 0.0:6.3f} {known:5d} "
                     f"{right / known if known else 0.0:6.3f} {found:5d} {found / r.gold if r.gold else 0.0:6.3f}")
    lines.append(f"    {'by property':<34} {'made':>5} {'right':>5} {'P':>6} {'gold':>5} {'found':>5} {'R':>6}")
    for prop, (gold, found, made, right) in sorted(r.by_property.items(), key=lambda kv: (-kv[1][0], kv[0])):
        lines.append(f"    {prop:<34} {made:5d} {right:5d} {right / made if made else 0.0:6.3f} {gold:5d} "
                     f"{found:5d} {found / gold if gold else 0.0:6.3f}")
    return lines


def _registered_ids() -> list[str]:
    """Every kg:rule value of the relation rules of the registry ("verb:*" for a family); mention rules write
    none, and the event rules are scored with the events (evaluation/events.py)."""
    from ..extract.registry import relation_rules

    return [i for rule in relation_rules() for i in rule.ids if rule.phase != "event"]


def format_report(results: list[CorpusResult], system: str, details: bool = False, top_errors: int = 8,
                  by_rule: bool = False) -> str:
    """The figures as plain text: per corpus, entities per class and overall, relations (per rule and per
    property with by_rule), frequent errors."""
    out = [f"system: {system}"]
    for res in results:
        t = res.total
        out.append("")
        out.append(f"corpus {res.corpus}: {res.articles} articles, {t.tp + t.fn} gold entities, {t.tp + t.fp} predicted")
        out += _table(res.entities, t, "entities by class")
        macro = sum(res.article_f1) / len(res.article_f1) if res.article_f1 else 0.0
        out.append(f"  mean article F1 {macro:.3f}")
        if res.unjudged:
            judged = Counts(t.tp, t.fp - res.unjudged, t.fn)
            out.append(f"  {res.unjudged} false positives fall outside every annotated mention; without them "
                       f"P {judged.precision:.3f} F1 {judged.f1:.3f}")
        if res.strict is not None:
            strict_total = Counts()
            for c in res.strict.values():
                strict_total.add(c)
            out += _table(res.strict, strict_total, "strict subclasses")
        r = res.relations
        if r is not None:
            out.append(f"  relations: {r.gold} gold, {r.predicted} predicted; P {r.precision:.3f} R {r.recall:.3f} "
                       f"F1 {r.f1:.3f}")
            out.append(f"    precision among relations between gold entities {r.known_precision:.3f} "
                       f"({r.tp_known}/{r.known}); entity pairs related by any predicate {r.pairs_found}/{r.gold}")
            out.append(f"    dated gold relations {r.dated}: year right {r.year_right}, date right {r.date_right}")
            if r.outside:
                out.append(f"    {r.outside} predicted relations of properties this gold does not annotate are not "
                           "counted")
            if by_rule:
                out += rule_table(r)
        # nodes outside every annotated mention are counted above, not listed: the gold cannot judge them
        kinds = Counter(_error_kind(e) for _, e in res.errors if e.kind != "unannotated")
        if kinds:
            out.append("  most frequent errors" + (" among judged nodes:" if res.unjudged else ":"))
            for kind, n in kinds.most_common(top_errors):
                examples = [f"{e.name} ({aid})" for aid, e in res.errors if _error_kind(e) == kind][:4]
                out.append(f"    {n:4d}  {kind}: " + "; ".join(examples))
        if details:
            out.append("  per article:")
            out += res.details
    return "\n".join(out)


def _error_kind(e: Error) -> str:
    if e.kind in {"wrong class", "duplicate"}:
        return f"{e.kind} (gold {e.gold}, predicted {e.pred})"
    if e.kind in {"missing", "merged"}:
        return f"{e.kind} {e.gold}"
    return f"{e.kind} {e.pred}"
