"""The registry of relation rules: what each rule writes, when it runs, its examples and its body.

A rule is data (`Rule`): the `kg:rule` values it writes (its ids), the properties it can produce, the phase it
runs in, sentences with the record each must give (its examples, which are also its tests), and a body. The
rule files are the modules of `kg.extract.rules`; each holds a tuple `RULES`. The extractor
(`relations.extract_relations`) runs the registry phase by phase, rule files in the order of their names, the
rules of a file in the order they are listed:

- "sentence": body(ctx: Sent) -> list[Relation], once per sentence;
- "article": body(art: Article) -> list[Relation], once per article, after every sentence rule (it may read
  what they found: a title left implied is only guessed for people with no role stated anywhere);
- "inference": body(art: Article) -> list[Relation], last, from the relations found so far.

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

PHASES = ("sentence", "article", "inference")


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
class Rule:
    """One rule: the `kg:rule` values it writes ("verb:*" stands for a family), what it produces, its examples."""

    ids: tuple[str, ...]
    phase: str
    produces: tuple[str, ...]
    examples: tuple[Example, ...]
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


@lru_cache(maxsize=1)
def registry() -> tuple[Rule, ...]:
    """Every rule of every rule file, checked, in the order they run within a phase."""
    from . import rules as package

    out: list[Rule] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
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


def rule_for(rule_id: str) -> Rule | None:
    """The registered rule that writes a `kg:rule` value, if any (a rule naming it exactly before a family). A
    value read through a stand-in ("role:apposition+pronoun") is the rule's before the "+"."""
    rules = registry()
    rule_id = rule_id.split("+", 1)[0]
    return next((r for r in rules if rule_id in r.ids), None) or next((r for r in rules if r.writes(rule_id)), None)


def without_example(r: Rule) -> list[str]:
    """The ids of a rule that none of its examples shows."""
    return [i for i in r.ids if not any(e.rule == i or i.endswith("*") and e.rule.startswith(i[:-1])
                                        for e in r.examples)]


def check(r: Rule, where: str) -> None:
    """A rule names a known phase and properties of the ontology, has an example, and its examples are its own."""
    from ..ontology import relation_properties

    if r.phase not in PHASES:
        raise RuleError(f"{where}: rule {r.name!r} has phase {r.phase!r}; use one of {', '.join(PHASES)}")
    unknown = [p for p in r.produces if p not in relation_properties()]
    if unknown:
        raise RuleError(f"{where}: rule {r.name!r} produces {', '.join(unknown)}, not properties of the ontology")
    if not r.examples:
        raise RuleError(f"{where}: rule {r.name!r} has no example")
    for e in r.examples:
        if not r.writes(e.rule) or e.pred not in r.produces:
            raise RuleError(f"{where}: an example of {r.name!r} expects {e.rule} {e.pred}, which the rule does not write")


def run(phase: str, subject) -> list[Relation]:
    """The relations every rule of a phase finds in a sentence (a `Sent`) or an article (an `Article`)."""
    out: list[Relation] = []
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
