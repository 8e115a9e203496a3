"""Rules for events: which word names an event of which kind, one rule per event class.

A rule reads a token (phase "event", see registry.py): it answers the class of event the token names, or None.
The trigger words are the language data of kg/lang/en/events.py (VERB_TRIGGERS, NOUN_TRIGGERS); a rule here
adds the senses in which its words name no event of its class ("launched a phone", "the quake struck"), which
then fall to the last rule, actions of no typed kind (generic_events.py). The extractor (events.py) finds the
participants of the event the same way for every class (arguments, places, dates, irrealis); the rule value
of an event is "event:<class>:<pos>:<lemma>" ("event:attack:verb:storm", "event:other:verb:fall").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...lang.en import NOUN_TRIGGERS, OPERATION_CUES, PHONE_WORDS, VERB_TRIGGERS, WEAPON_WORDS
from ..common import expand_conjuncts
from ..event_types import DISASTERS, GENERIC
from ..generic_events import generic_trigger
from ..registry import EVENT_ROLES, EventExample as E, Rule


def slug(kind: str) -> str:
    """The class's part of a rule value: "PublicStatement" -> "public-statement", OtherEvent -> "other"."""
    return "other" if kind == GENERIC else re.sub(r"(?<=[a-z])(?=[A-Z])", "-", kind).lower()


def rule_value(kind: str, tok) -> str:
    return f"event:{slug(kind)}:{tok.pos_.lower()}:{tok.lemma_.lower()}"


def _lexical(kind: str, sense: Callable | None = None) -> Callable:
    """A body that reads the verb and noun triggers of a class (kg/lang/en/events.py), in the sense `sense`
    accepts (a token and the article's mentions -> bool)."""
    verbs = frozenset(lemma for lemma, k in VERB_TRIGGERS.items() if k == kind)
    nouns = frozenset(lemma for lemma, k in NOUN_TRIGGERS.items() if k == kind)

    def body(tok, index) -> str | None:
        words = verbs if tok.pos_ == "VERB" else nouns if tok.pos_ == "NOUN" else ()
        if tok.lemma_.lower() not in words:
            return None
        return kind if sense is None or sense(tok, index) else None

    return body


def _attack_sense(tok, index) -> bool:
    """"fired missiles", "launched rockets" (not "fired the manager", "launched a phone"); what strikes is no
    disaster ("the quake struck" is an earthquake)."""
    if tok.pos_ == "VERB" and tok.lemma_.lower() in {"fire", "launch"} and not _weapon_object(tok):
        return False
    return not any(c.dep_ == "nsubj" and c.lemma_.lower() in DISASTERS for c in tok.children)


def _weapon_object(verb) -> bool:
    return any(t.lower_ in WEAPON_WORDS for c in verb.children if c.dep_ == "dobj" for t in expand_conjuncts(c))


def _attack(tok, index) -> str | None:
    """The attack triggers, and "opened fire", "exchanged fire", "returned fire"."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() == "fire" and tok.head.lemma_.lower() in {"open", "exchange", "return"}:
        return "Attack"
    return _ATTACK_WORDS(tok, index)


_ATTACK_WORDS = _lexical("Attack", _attack_sense)


def _launch_sense(noun, index) -> bool:
    """The launch of a military operation: a named operation or "operation", "campaign" in its phrase."""
    return any((index.at(t) is not None and index.at(t).cls == "MilitaryOperation") or t.lower_ in OPERATION_CUES
               for t in noun.subtree)


def _phone_call(tok, index) -> str | None:
    """"phoned", "telephoned", and the noun "call" with "phone" or "telephone"."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() == "call":
        return "PhoneCall" if any(c.lower_ in PHONE_WORDS for c in tok.children) else None
    return _PHONE_WORDS(tok, index)


_PHONE_WORDS = _lexical("PhoneCall")


def _other(tok, index) -> str | None:
    """Any other verb, or a noun that names an action (generic_events.py); never an auxiliary."""
    return GENERIC if tok.pos_ != "AUX" and generic_trigger(tok) else None


def _rule(kind: str, body: Callable, *examples: E, doc: str = "") -> Rule:
    return Rule((f"event:{slug(kind)}:*",), "event", (kind,) + EVENT_ROLES, examples, body,
                doc or f"The words that name an event of class {kind} (kg/lang/en/events.py).")


RULES = (
    _rule("Attack", _attack,
          E("Russia attacked Ukraine on Monday.", "Attack", "event:attack:verb:attack", actors=("Russia",),
            targets=("Ukraine",)),
          E("Soldiers opened fire on protesters in Lagos.", "Attack", "event:attack:noun:fire", places=("Lagos",)),
          doc=_attack.__doc__ + " " + _attack_sense.__doc__),
    _rule("Explosion", _lexical("Explosion"),
          E("A car bomb exploded in Kabul on Tuesday.", "Explosion", "event:explosion:verb:explode",
            places=("Kabul",))),
    _rule("Launch", _lexical("Launch", _launch_sense),
          E("France announced the launch of Operation Sentinel in Mali.", "Launch", "event:launch:noun:launch",
            places=("Mali",)), doc=_launch_sense.__doc__),
    _rule("Designation", _lexical("Designation"),
          E("The United States designated the Halden Brigade a terrorist organization.", "Designation",
            "event:designation:verb:designate", actors=("United States",))),
    _rule("Deployment", _lexical("Deployment"),
          E("Britain deployed two warships to the Red Sea.", "Deployment", "event:deployment:verb:deploy",
            actors=("United Kingdom",))),
    _rule("Election", _lexical("Election"),
          E("Voters in Chile elected Rafael Ortega in December.", "Election", "event:election:verb:elect",
            places=("Chile",))),
    _rule("Killing", _lexical("Killing"),
          E("Gunmen killed eight people in Kabul on Monday.", "Killing", "event:killing:verb:kill", places=("Kabul",)),
          doc="Killing and dying: the extractor makes them counts of the event that caused them, or a Killing "
              "when the sentence tells no other event (events.py)."),
    _rule("Sanction", _lexical("Sanction"),
          E("The European Union sanctioned Iran on Monday.", "Sanction", "event:sanction:verb:sanction",
            actors=("European Union",), targets=("Iran",))),
    _rule("Arrest", _lexical("Arrest"),
          E("Police in Madrid arrested Carlos Vega on Friday.", "Arrest", "event:arrest:verb:arrest",
            targets=("Carlos Vega",), places=("Madrid",))),
    _rule("Agreement", _lexical("Agreement"),
          E("Japan and Australia signed a defence pact in Tokyo.", "Agreement", "event:agreement:verb:sign",
            actors=("Japan",))),
    _rule("Demonstration", _lexical("Demonstration"),
          E("Thousands of people protested in Paris against the reform.", "Demonstration",
            "event:demonstration:verb:protest", places=("Paris",))),
    _rule("Charge", _lexical("Charge"),
          E("Prosecutors in Berlin charged Hans Becker with fraud.", "Charge", "event:charge:verb:charge",
            targets=("Hans Becker",), places=("Berlin",))),
    _rule("Trial", _lexical("Trial"),
          E("A court in Oslo convicted Lars Dahl of fraud.", "Trial", "event:trial:verb:convict",
            targets=("Lars Dahl",))),
    _rule("Sentencing", _lexical("Sentencing"),
          E("A court in Madrid sentenced Carlos Vega to ten years in prison.", "Sentencing",
            "event:sentencing:verb:sentence", targets=("Carlos Vega",), places=("Madrid",))),
    _rule("Release", _lexical("Release"),
          E("The rebels released Maria Lopez on Friday.", "Release", "event:release:verb:release",
            targets=("Maria Lopez",)),
          doc="The words of releasing; only a person released makes a Release (events.py, PERSON_TARGET)."),
    _rule("Evacuation", _lexical("Evacuation"),
          E("The United Nations evacuated 300 people from Gaza.", "Evacuation", "event:evacuation:verb:evacuate",
            actors=("United Nations",), places=("Gaza",))),
    _rule("Transport", _lexical("Transport"),
          E("Germany airlifted medicine to Sudan on Monday.", "Transport", "event:transport:verb:airlift",
            actors=("Germany",))),
    _rule("Appointment", _lexical("Appointment"),
          E("President Lula appointed Maria Silva as finance minister.", "Appointment",
            "event:appointment:verb:appoint", actors=("Lula",), targets=("Maria Silva",))),
    _rule("Resignation", _lexical("Resignation"),
          E("Prime Minister John Smith resigned on Tuesday.", "Resignation", "event:resignation:verb:resign",
            actors=("John Smith",))),
    _rule("Acquisition", _lexical("Acquisition"),
          E("Norvik Motors bought Halden Systems in March.", "Acquisition", "event:acquisition:verb:buy",
            actors=("Norvik Motors",), targets=("Halden Systems",))),
    _rule("Aid", _lexical("Aid"),
          E("Japan donated vaccines to Kenya in May.", "Aid", "event:aid:verb:donate", actors=("Japan",))),
    _rule("Meeting", _lexical("Meeting"),
          E("Emmanuel Macron met Olaf Scholz in Berlin on Monday.", "Meeting", "event:meeting:verb:meet", actors=("Emmanuel Macron",), targets=("Olaf Scholz",),
            places=("Berlin",))),
    _rule("PhoneCall", _phone_call,
          E("Joe Biden held a phone call with Emmanuel Macron.", "PhoneCall", "event:phone-call:noun:call",
            actors=("Joe Biden",)), doc=_phone_call.__doc__),
    _rule("PublicStatement", _lexical("PublicStatement"),
          E("Angela Merkel said the talks would resume.", "PublicStatement", "event:public-statement:verb:say",
            actors=("Angela Merkel",))),
    _rule("Crash", _lexical("Crash"),
          E("A train derailed near Lyon on Sunday.", "Crash", "event:crash:verb:derail", places=("Lyon",))),
    _rule("Earthquake", _lexical("Earthquake"),
          E("A powerful earthquake struck Japan on Sunday.", "Earthquake", "event:earthquake:noun:earthquake",
            places=("Japan",))),
    _rule("Flood", _lexical("Flood"),
          E("The flood in Dhaka destroyed homes.", "Flood", "event:flood:noun:flood", places=("Dhaka",))),
    _rule("Fire", _lexical("Fire"),
          E("A fire destroyed a warehouse in Chicago.", "Fire", "event:fire:noun:fire", places=("Chicago",))),
    _rule(GENERIC, _other,
          E("Norvik Motors said its sales fell in March.", GENERIC, "event:other:verb:fall"),
          E("Apple released a new phone in California.", GENERIC, "event:other:verb:release"),
          doc=_other.__doc__ + " Also a typed trigger in another sense (\"released a new phone\")."),
)
