"""Scoring kg against gold articles: entities as graph nodes, and relations between them.

A predicted node matches a gold entity when one of its names equals one of the gold names (folded:
case, accents, "the" and possessives ignored) and the classes agree at the level of the graph contract
(Person, Organization, Country, Location, MilitaryOperation). Matching is one to one: a second node for
the same gold entity is a duplicate, a node with the right name and a wrong class is both a false
positive and a false negative.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from .. import lexicon as L
from ..errors import InputError
from ..ontology import ENTITY_CLASSES, KG, TOP_CLASS, relation_properties, symmetric_properties

SYMMETRIC = symmetric_properties()
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# ---------------------------------------------------------------- gold

@dataclass
class GoldEntity:
    cls: str
    names: list[str]

    @property
    def keys(self) -> set[str]:
        return {k for k in (L.fold(n) for n in self.names) if k}


@dataclass
class GoldRelation:
    subject: int  # index into the article's entities
    predicate: str
    object: int
    date: str | None = None


@dataclass
class GoldArticle:
    id: str
    corpus: str
    path: str
    text: str
    date: date | None
    entities: list[GoldEntity]
    fine_classes: bool = False
    other: list[tuple[str, set[str]]] = field(default_factory=list)  # (type, folded names) of non-entities
    ignore: set[str] = field(default_factory=set)  # folded names the gold does not judge
    ignore_spans: list[tuple[int, int]] = field(default_factory=list)  # nor predictions read there
    spans: list[tuple[int, int]] | None = None  # annotated mention spans, when the gold is not exhaustive
    relations: list[GoldRelation] | None = None  # None: relations not annotated
    subset: str | None = None  # also scored as the group "<corpus> (<subset>)", e.g. hand-checked articles
    genres: tuple[str, ...] = ()  # also scored as "<corpus> (<subset>, <genre>)" for each genre
    relation_scope: frozenset[str] | None = None  # the properties the gold annotates (None: all)


@lru_cache(maxsize=None)
def scored_property(name: str) -> str:
    """The property a predicted relation is scored as: the broadest one it refines by rdfs:subPropertyOf in the
    ontology ("spokespersonFor" as "worksFor"), itself if it refines none. The gold annotates the broad ones."""
    from rdflib import RDFS, URIRef

    from ..ontology import ontology_graph

    g, seen = ontology_graph(), {name}
    while (up := g.value(URIRef(str(KG._NS) + name), RDFS.subPropertyOf)) is not None and str(up).startswith(str(KG._NS)):
        name = str(up)[len(str(KG._NS)):]
        if name in seen:
            break
        seen.add(name)
    return name


def parse_gold(data: object, path: str) -> GoldArticle:
    """A gold record (parsed JSON) as a GoldArticle; InputError names the file and the problem."""
    def bad(msg: str) -> InputError:
        return InputError(f"{path}: {msg}")

    if not isinstance(data, dict):
        raise bad("a gold file holds one JSON object")
    for key, typ in (("id", str), ("text", str), ("entities", list)):
        if not isinstance(data.get(key), typ):
            raise bad(f"'{key}' is missing or not a {typ.__name__}")
    when = None
    if data.get("date"):
        try:
            when = date.fromisoformat(data["date"])
        except (TypeError, ValueError):
            raise bad(f"'date' {data['date']!r} is not YYYY-MM-DD") from None
    entities = []
    for i, e in enumerate(data["entities"]):
        if not isinstance(e, dict) or e.get("class") not in ENTITY_CLASSES:
            raise bad(f"entity {i + 1}: 'class' must be one of {', '.join(ENTITY_CLASSES)}")
        names = e.get("names")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and L.fold(n) for n in names):
            raise bad(f"entity {i + 1}: 'names' must be a non-empty list of names")
        entities.append(GoldEntity(e["class"], names))
    try:
        other = [(str(o.get("type", "")), {L.fold(n) for n in o.get("names", [])}) for o in data.get("other", [])]
        ignore = {L.fold(n) for o in data.get("ignore", []) for n in o.get("names", [])}
        spans = [_span(s) for s in data["annotated_spans"]] if "annotated_spans" in data else None
        ignore_spans = [_span(s) for s in data.get("ignore_spans", [])]
    except (TypeError, AttributeError, ValueError):
        raise bad("'other' and 'ignore' must be lists of {\"names\": [...]}, the spans lists of [start, end]") from None
    relations = None
    if "relations" in data:
        relations = [_parse_relation(r, i, entities, bad) for i, r in enumerate(data["relations"])]
    unannotated = data.get("unannotated_relations", [])
    if not isinstance(unannotated, list) or not set(unannotated) <= relation_properties():
        raise bad("'unannotated_relations' must be a list of kg relation properties")
    # properties the annotators were not asked for: predictions of them are counted apart, never as errors
    scope = frozenset(relation_properties() - set(unannotated)) if unannotated else None
    return GoldArticle(id=data["id"], corpus=str(data.get("corpus", "gold")), path=path, text=data["text"],
                       date=when, entities=entities, fine_classes=bool(data.get("fine_classes")), other=other,
                       ignore=ignore, ignore_spans=ignore_spans, spans=spans, relations=relations,
                       subset=str(data["subset"]) if data.get("subset") else None, relation_scope=scope)


def _span(value) -> tuple[int, int]:
    start, end = value
    return int(start), int(end)


def _parse_relation(r: object, i: int, entities: list[GoldEntity], bad) -> GoldRelation:
    if not isinstance(r, dict):
        raise bad(f"relation {i + 1}: not an object")
    pred = r.get("predicate")
    if pred not in relation_properties():
        raise bad(f"relation {i + 1}: predicate {pred!r} is not a kg relation property")
    ends = []
    for role in ("subject", "object"):
        key = L.fold(str(r.get(role, "")))
        found = [j for j, e in enumerate(entities) if key in e.keys]
        if len(found) != 1:
            raise bad(f"relation {i + 1}: {role} {r.get(role)!r} names {len(found)} gold entities, not one")
        ends.append(found[0])
    when = r.get("date")
    if when is not None and not (isinstance(when, str) and _DATE.match(when)):
        raise bad(f"relation {i + 1}: date {when!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    # a gold spokespersonFor is scored as the worksFor it refines, as a predicted one is (scored_property)
    return GoldRelation(ends[0], scored_property(pred), ends[1], when)


def load_gold(inputs: list[str | Path]) -> list[GoldArticle]:
    """Gold articles from JSON files and folders of them (searched recursively), sorted by path."""
    paths: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            found = sorted(p.rglob("*.json"))
            if not found:
                raise InputError(f"{p}: folder holds no gold files (*.json)")
            paths.extend(found)
        elif p.is_file():
            paths.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return [parse_gold(read_json(p), str(p)) for p in dict.fromkeys(paths)]


def read_json(p: Path) -> object:
    """A gold file's JSON; InputError names the file when it cannot be read or parsed."""
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{p}: cannot read ({e})") from None
    except ValueError as e:
        raise InputError(f"{p}: not valid JSON ({e})") from None


# ---------------------------------------------------------------- predictions

@dataclass
class PredEntity:
    cls: str
    names: list[str]
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def keys(self) -> set[str]:
        return {k for k in (L.fold(n) for n in self.names) if k}


@dataclass
class PredRelation:
    subject: int  # index into the article's predicted entities
    predicate: str
    object: int
    dates: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()  # the kg:rule values of the statements that give it


@dataclass
class Prediction:
    entities: list[PredEntity]
    relations: list[PredRelation] = field(default_factory=list)


# ---------------------------------------------------------------- entity scoring

def top_class(cls: str) -> str:
    return TOP_CLASS.get(cls, cls)


@dataclass
class Error:
    kind: str  # missing | wrong class | duplicate | merged | spurious | unannotated | not an entity (PRO)
    name: str
    gold: str | None = None
    pred: str | None = None


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EntityScore:
    by_class: dict[str, Counts]
    errors: list[Error]
    match: dict[int, int]  # predicted index -> gold index (right class)
    unjudged: int = 0  # false positives outside every annotated span

    @property
    def total(self) -> Counts:
        c = Counts()
        for v in self.by_class.values():
            c.add(v)
        return c


def _bipartite(pairs: dict[int, list[int]]) -> dict[int, int]:
    """Maximum one-to-one matching (Kuhn): predicted index -> gold index."""
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in pairs.get(p, []):
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in sorted(pairs):
        augment(p, set())
    return {p: g for g, p in owner.items()}


def score_entities(gold: GoldArticle, pred: list[PredEntity], strict: bool = False) -> EntityScore:
    """Match predicted nodes to gold entities one to one and count per class; strict compares subclasses."""
    level = (lambda c: c) if strict else top_class
    gkeys = [g.keys for g in gold.entities]
    named = {p: [g for g in range(len(gold.entities)) if pred[p].keys & gkeys[g]] for p in range(len(pred))}
    right = {p: [g for g in gs if level(pred[p].cls) == level(gold.entities[g].cls)] for p, gs in named.items()}
    match = _bipartite(right)
    by_class: dict[str, Counts] = defaultdict(Counts)
    errors: list[Error] = []
    matched_gold = set(match.values())
    unjudged = 0
    for p, g in match.items():
        by_class[level(gold.entities[g].cls)].tp += 1
    wrong_class_gold: dict[int, str] = {}
    for p, ent in enumerate(pred):
        if p in match:
            continue
        name = ent.names[0] if ent.names else "?"
        pc = level(ent.cls)
        if right[p]:
            errors.append(Error("duplicate", name, level(gold.entities[right[p][0]].cls), pc))
        elif named[p]:
            g = named[p][0]
            errors.append(Error("wrong class", name, level(gold.entities[g].cls), pc))
            for g in named[p]:
                wrong_class_gold.setdefault(g, pc)
        elif ent.keys & gold.ignore or any(s < ie and is_ < e for s, e in ent.spans for is_, ie in gold.ignore_spans):
            continue  # a name or a place the gold deliberately does not judge
        elif any(ent.keys & names for _, names in gold.other):
            kind = next(t for t, names in gold.other if ent.keys & names)
            errors.append(Error(f"not an entity ({kind})", name, None, pc))
        elif gold.spans is not None and not _overlaps(ent.spans, gold.spans):
            errors.append(Error("unannotated", name, None, pc))
            unjudged += 1
        else:
            errors.append(Error("spurious", name, None, pc))
        by_class[pc].fp += 1
    for g, ent in enumerate(gold.entities):
        if g in matched_gold:
            continue
        gc = level(ent.cls)
        by_class[gc].fn += 1
        if g in wrong_class_gold:
            continue  # already told as the wrong-class node
        if any(g in named[p] for p in match):
            errors.append(Error("merged", ent.names[0], gc, None))
        else:
            errors.append(Error("missing", ent.names[0], gc, None))
    return EntityScore(dict(by_class), errors, match, unjudged)


def _overlaps(spans: list[tuple[int, int]], annotated: list[tuple[int, int]]) -> bool:
    """A mention overlapping an annotated one, and not just a word inside it ("US" in "a US contract")."""
    return any(s < ae and as_ < e and not (as_ <= s and e <= ae and (s, e) != (as_, ae))
               for s, e in spans for as_, ae in annotated)


# ---------------------------------------------------------------- relation scoring

@dataclass
class RelationScore:
    gold: int = 0
    predicted: int = 0
    tp_gold: int = 0  # gold relations found
    tp_pred: int = 0  # predicted relations that are gold
    known: int = 0  # predicted relations between two gold entities
    tp_known: int = 0
    pairs_found: int = 0  # gold relations whose two entities are related by any predicate
    dated: int = 0
    year_right: int = 0
    date_right: int = 0
    outside: int = 0  # predicted relations of a property the gold does not annotate: not judged
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    # rule -> [relations it produced, of them right, gold relations it found, produced between gold entities]
    by_rule: dict[str, list[int]] = field(default_factory=dict)
    # property -> [gold, gold found, predicted, predicted right]
    by_property: dict[str, list[int]] = field(default_factory=dict)

    def add(self, o: "RelationScore") -> None:
        for k in ("gold", "predicted", "tp_gold", "tp_pred", "known", "tp_known", "pairs_found", "dated",
                  "year_right", "date_right", "outside"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.misses += o.misses
        self.wrong += o.wrong
        for mine, theirs in ((self.by_rule, o.by_rule), (self.by_property, o.by_property)):
            for key, counts in theirs.items():
                mine[key] = [a + b for a, b in zip(mine.get(key, [0] * len(counts)), counts)]

    @property
    def precision(self) -> float:
        return self.tp_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def known_precision(self) -> float:
        return self.tp_known / self.known if self.known else 0.0


def gold_index(gold: GoldArticle, pred: list[PredEntity], match: dict[int, int]) -> dict[int, int]:
    """Each predicted node's gold entity: its one-to-one match, else the first gold entity of its name."""
    out = dict(match)
    for p, ent in enumerate(pred):
        if p not in out:
            g = next((i for i, e in enumerate(gold.entities) if ent.keys & e.keys), None)
            if g is not None:
                out[p] = g
    return out


def score_relations(gold: GoldArticle, pred: Prediction, match: dict[int, int]) -> RelationScore:
    """Predicted relations against the article's gold relations (symmetric properties either way); those
    of a property outside the gold's scope are only counted as such."""
    score = RelationScore()
    if gold.relations is None:
        return score
    to_gold = gold_index(gold, pred.entities, match)
    mapped: dict[tuple, set[str]] = defaultdict(set)
    rules: dict[tuple, set[str]] = defaultdict(set)
    for r in pred.relations:
        if gold.relation_scope is not None and r.predicate not in gold.relation_scope:
            score.outside += 1
            continue
        s = ("g", to_gold[r.subject]) if r.subject in to_gold else ("p", r.subject)
        o = ("g", to_gold[r.object]) if r.object in to_gold else ("p", r.object)
        if s == o:
            continue
        if r.predicate in SYMMETRIC and o < s:
            s, o = o, s
        mapped[(s, r.predicate, o)].update(r.dates)
        rules[(s, r.predicate, o)].update(r.rules or ("(no rule)",))
    gold_keys = {}
    for gr in gold.relations:
        s, o = ("g", gr.subject), ("g", gr.object)
        if gr.predicate in SYMMETRIC and o < s:
            s, o = o, s
        gold_keys.setdefault((s, gr.predicate, o), []).append(gr)
    pairs = {frozenset((s, o)) for s, _, o in mapped}
    names = [e.names[0] for e in gold.entities]

    def show(key) -> str:
        s, p, o = key
        def n(x):
            return names[x[1]] if x[0] == "g" else (pred.entities[x[1]].names or ["?"])[0] + " (not gold)"
        return f"{n(s)} {p} {n(o)}"

    score.gold = len(gold.relations)
    score.predicted = len(mapped)
    def count(table: dict[str, list[int]], key: str, *values: int) -> None:
        row = table.setdefault(key, [0] * 4)
        for i, v in enumerate(values):
            if v is not None:
                row[i] += v

    for key, dates in mapped.items():
        hit = key in gold_keys
        score.tp_pred += hit
        for rule in rules[key]:
            count(score.by_rule, rule, 1, hit, None, key[0][0] == "g" and key[2][0] == "g")
        count(score.by_property, key[1], None, None, 1, hit)
        if key[0][0] == "g" and key[2][0] == "g":
            score.known += 1
            score.tp_known += hit
        if not hit:
            score.wrong.append(f"{show(key)} [{', '.join(sorted(rules[key]))}]")
    for key, rels in gold_keys.items():
        for gr in rels:
            found = key in mapped
            score.tp_gold += found
            count(score.by_property, gr.predicate, 1, found)
            for rule in rules.get(key, ()):
                count(score.by_rule, rule, None, None, 1)
            score.pairs_found += frozenset((key[0], key[2])) in pairs
            if not found:
                score.misses.append(show(key))
            if gr.date:
                score.dated += 1
                dates = mapped.get(key, set())
                score.year_right += bool(dates) and all(d[:4] == gr.date[:4] for d in dates)
                score.date_right += bool(dates) and all(d[: len(gr.date)] == gr.date for d in dates)
    return score
