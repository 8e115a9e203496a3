"""The registry of rules: what each rule writes, when it runs, its examples and its body.

A rule is data (`Rule`): the values it writes (its ids: a mention's label, a relation's `kg:rule`), the classes
or properties it can produce, the phase it runs in, sentences with the record each must give (its examples,
which are also its tests), and a body. The rule files are the modules of `kg.extract.rules`, each holding a
tuple `RULES`; `rules.ORDER` lists them in the order they run. The extractors run the registry phase by phase
(`entities.extract_mentions` the two mention phases, `relations.extract_relations` the others), within a phase
rule files in the order of `rules.ORDER` and the rules of a file in the order they are listed:

- "cues": body(names: Names) -> list[Mention], before spaCy's names are read: mentions a cue word marks
  ("Operation X"), so that a name they cover is not read again as a place or a company;
- "mentions": body(names: Names) -> list[Mention], after spaCy's names, skipping the tokens those took:
  bodies built around a head word ("the US military", "the government of Chile");
- "sentence": body(ctx: Sent) -> list[Relation], once per sentence;
- "article": body(art: Article) -> list[Relation], once per article, after every sentence rule (it may read
  what they found: a title left implied is only guessed for people with no role stated anywhere);
- "inference": body(art: Article) -> list[Relation], last, from the relations found so far;
- "background": body(art: Article) -> list[Relation], never during extraction: relations kg adds from its
  background knowledge, not from what a sentence states, run by `graph.build_graph` only when asked for
  (`gazetteer_places=True`, `kg evaluate --gazetteer-places`) over each article's mentions and relations;
- "event": body(tok, index: MentionIndex) -> str | None, the kind of event a token names (an event class of the
  ontology), or None when the rule does not read it. The event extractor (events.py) asks the event rules in
  order and the first that answers reads the token; its rule value is "event:<kind>:<pos>:<lemma>". These rules
  produce event classes and their roles (EVENT_ROLES) and their examples are `EventExample`s.

Where a rule is a pattern of tokens, its body is a spaCy `Matcher` pattern (`matcher_body`): the match is
found by the Matcher, and a small function turns each match into relations.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import KgError
from ..records import Mention, Relation
from .context import Sent

PHASES = ("cues", "mentions", "sentence", "article", "inference", "background", "event")
MENTION_PHASES = ("cues", "mentions")  # their rules make mentions (of classes); the others relations or events
# what an event rule gives besides its classes: the roles of its participants (graph.py writes them)
EVENT_ROLES = ("hasActor", "hasTarget", "hasPlace")


class RuleError(KgError):
    """A rule file that does not say what a rule needs (a phase, an example of each id, a known property)."""


@dataclass(frozen=True)
class Example:
    """A sentence and one record a rule must give for it: (subject name, property, object name), by `rule`."""

    text: str
    subj: str
    pred: str
    obj: str
    rule: str


@dataclass(frozen=True)
class EventExample:
    """A sentence and one event a rule must give for it: its class, its rule value, names among its actors,
    targets and places, names that must be none of its participants, and whether it must have no date."""

    text: str
    kind: str
    rule: str
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    undated: bool = False


@dataclass(frozen=True)
class Named:
    """A sentence and one mention a mention rule must give for it: its name and class, labelled `rule`."""

    text: str
    name: str
    cls: str
    rule: str


@dataclass(frozen=True)
class Rule:
    """One rule: the values it writes ("verb:*" stands for a family), what it produces, its examples."""

    ids: tuple[str, ...]
    phase: str
    produces: tuple[str, ...]  # properties of the ontology; classes for a mention rule; event classes and roles
    examples: tuple[Example | Named | EventExample, ...]
    body: Callable[..., list[Relation]] = field(compare=False)
    doc: str = ""

    @property
    def name(self) -> str:
        return self.ids[0]

    def writes(self, rule_id: str) -> bool:
        """Whether a `kg:rule` value is one of this rule's ids (or of a family it stands for)."""
        return any(rule_id == i or i.endswith("*") and rule_id.startswith(i[:-1]) for i in self.ids)


@dataclass
class Article:
    """What an article-phase rule reads: every sentence, every mention, the relations found so far."""

    contexts: list[Sent]
    mentions: list[Mention]
    found: list[Relation]


@dataclass
class Names:
    """What a mention rule reads: the Doc, its token -> sentence index, the tokens spaCy's names took."""

    doc: object
    sent_index: dict[int, int]
    taken: set[int] = field(default_factory=set)


def rule_files() -> tuple[str, ...]:
    """The rule files in the order they run (`rules.ORDER`), checked against the modules of the package: a file
    not placed in the order, or placed but missing, is refused."""
    from . import rules as package

    found = {info.name for info in pkgutil.iter_modules(package.__path__)}
    unplaced = sorted(found - set(package.ORDER))
    if unplaced:
        raise RuleError(f"kg/extract/rules/__init__.py: rule file(s) {', '.join(unplaced)} not placed in ORDER")
    missing = sorted(set(package.ORDER) - found)
    if missing or len(set(package.ORDER)) != len(package.ORDER):
        raise RuleError(f"kg/extract/rules/__init__.py: ORDER names {', '.join(missing) or 'a file twice'}, "
                        "not one rule file each")
    return package.ORDER


@lru_cache(maxsize=1)
def registry() -> tuple[Rule, ...]:
    """Every rule of every rule file, checked, in the order they run within a phase."""
    from . import rules as package

    out: list[Rule] = []
    for name in rule_files():
        module = importlib.import_module(f"{package.__name__}.{name}")
        for r in getattr(module, "RULES", ()):
            check(r, module.__name__)
            out.append(r)
    seen: dict[str, str] = {}
    for r in out:
        for i in r.ids:
            if i in seen:
                raise RuleError(f"rule id {i!r} is registered twice ({seen[i]} and {r.name})")
            seen[i] = r.name
    return tuple(out)


def by_phase(phase: str) -> list[Rule]:
    return [r for r in registry() if r.phase == phase]


def relation_rules() -> tuple[Rule, ...]:
    """The rules that make relations or events (their ids are `kg:rule` values), in order."""
    return tuple(r for r in registry() if r.phase not in MENTION_PHASES)


def rule_for(rule_id: str) -> Rule | None:
    """The registered relation or event rule that writes a `kg:rule` value, if any (a rule naming it exactly before a
    family). A value read through a stand-in ("role:apposition+pronoun") is the rule's before the "+"."""
    rules = relation_rules()
    rule_id = rule_id.split("+", 1)[0]
    return next((r for r in rules if rule_id in r.ids), None) or next((r for r in rules if r.writes(rule_id)), None)


def without_example(r: Rule) -> list[str]:
    """The ids of a rule that none of its examples shows."""
    return [i for i in r.ids if not any(e.rule == i or i.endswith("*") and e.rule.startswith(i[:-1])
                                        for e in r.examples)]


def check(r: Rule, where: str) -> None:
    """A rule names a known phase and properties (or, making mentions, classes) of the ontology, has an example,
    and its examples are its own."""
    from ..ontology import ENTITY_CLASSES, relation_properties

    if r.phase not in PHASES:
        raise RuleError(f"{where}: rule {r.name!r} has phase {r.phase!r}; use one of {', '.join(PHASES)}")
    if r.phase == "event":
        check_event_rule(r, where)
        return
    mentions = r.phase in MENTION_PHASES
    known, what = (ENTITY_CLASSES, "classes") if mentions else (relation_properties(), "properties")
    unknown = [p for p in r.produces if p not in known]
    if unknown:
        raise RuleError(f"{where}: rule {r.name!r} produces {', '.join(unknown)}, not {what} of the ontology")
    if not r.examples:
        raise RuleError(f"{where}: rule {r.name!r} has no example")
    for e in r.examples:
        kind, made = (Named, getattr(e, "cls", None)) if mentions else (Example, getattr(e, "pred", None))
        if not isinstance(e, kind) or not r.writes(e.rule) or made not in r.produces:
            raise RuleError(f"{where}: an example of {r.name!r} expects {e.rule} {made}, which the rule does not write")


def check_event_rule(r: Rule, where: str) -> None:
    """An event rule produces event classes of the ontology and their roles, has examples, and its examples are
    events of those classes it writes."""
    from ..ontology import event_classes

    unknown = [p for p in r.produces if p not in event_classes() and p not in EVENT_ROLES]
    if unknown:
        raise RuleError(f"{where}: rule {r.name!r} produces {', '.join(unknown)}, not event classes or roles")
    if not r.examples:
        raise RuleError(f"{where}: rule {r.name!r} has no example")
    for e in r.examples:
        if not isinstance(e, EventExample) or not r.writes(e.rule) or e.kind not in r.produces:
            raise RuleError(f"{where}: an example of {r.name!r} expects {getattr(e, 'rule', e)}, which the rule "
                            "does not write")


def run(phase: str, subject) -> list:
    """What every rule of a phase finds: mentions in a Doc (`Names`), relations in a sentence (a `Sent`) or an
    article (an `Article`)."""
    out: list = []
    for r in by_phase(phase):
        out.extend(r.body(subject))
    return out


def matcher_body(patterns: dict[str, list], read: Callable[[Sent, str, object], list[Relation]]
                 ) -> Callable[[Sent], list[Relation]]:
    """A sentence body from spaCy `Matcher` patterns: `read(ctx, key, span)` turns each match (the key of its
    pattern, its token span in the Doc) into relations. Keep patterns free of unbounded `*`/`+` next to each
    other, so that matching stays linear in the sentence."""
    matchers: dict[int, tuple[object, object]] = {}  # id of a vocab -> (the vocab, its matcher)

    def body(ctx: Sent) -> list[Relation]:
        vocab = ctx.doc.vocab
        held, matcher = matchers.get(id(vocab), (None, None))
        if held is not vocab:
            from spacy.matcher import Matcher

            matcher = Matcher(vocab)
            for key, pats in patterns.items():
                matcher.add(key, pats)
            matchers[id(vocab)] = (vocab, matcher)
        out: list[Relation] = []
        for match_id, start, end in matcher(ctx.span):
            out.extend(read(ctx, vocab.strings[match_id], ctx.span[start:end]))
        return out

    return body
