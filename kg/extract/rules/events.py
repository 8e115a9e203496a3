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

from ...lang.en import (FIRE_VERBS, FIRING_VERBS, LAW_ENFORCEMENT_WORDS, NOUN_TRIGGERS, OPERATION_CUES, PHONE_WORDS,
                        PLACE_NOUNS, RAID_WORDS, VERB_TRIGGERS, WEAPON_WORDS)
from ...ontology import family
from ..common import expand_conjuncts
from ..event_types import DISASTERS, GENERIC
from ..generic_events import generic_trigger
from ..registry import EVENT_ROLES, EventExample as E, Rule


PLACES = family("Location")


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


def _raid(tok, index) -> str | None:
    """"Police raided the offices", "a police raid", "the house was searched by investigators": a raid or search
    by police or investigators (people.LAW_ENFORCEMENT_WORDS) is a Raid, not an attack."""
    if tok.pos_ not in {"VERB", "NOUN"} or tok.lemma_.lower() not in RAID_WORDS:
        return None
    if _manhunt(tok):
        return None
    heads = [c for c in tok.children if c.dep_ in {"nsubj", "compound", "amod", "poss"}]
    heads += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if tok.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in tok.children):
        heads += [c for c in tok.head.children if c.dep_ == "nsubj"]  # "police entered and searched the house"
    if any(h.lower_ in LAW_ENFORCEMENT_WORDS or h.lemma_.lower() in LAW_ENFORCEMENT_WORDS for h in heads):
        return "Raid"
    return None


def _manhunt(tok) -> bool:
    """"Police are searching for the gunman", "police searched for hours": a hunt for someone or a search with
    no place searched is no raid ("searched the house", "the offices were searched" are)."""
    if tok.lemma_.lower() != "search":
        return False
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
        return True
    return tok.pos_ == "VERB" and not any(c.dep_ in {"dobj", "nsubjpass"} for c in tok.children) and not (
        tok.dep_ == "conj" and any(c.dep_ == "dobj" for c in tok.head.children))


def _attack_sense(tok, index) -> bool:
    """"fired missiles", "launched rockets" (not "fired the manager", "launched a phone"); what strikes is no
    disaster ("the quake struck" is an earthquake)."""
    if tok.pos_ == "VERB" and tok.lemma_.lower() in FIRING_VERBS and not _weapon_object(tok):
        return False
    return not any(c.dep_ == "nsubj" and c.lemma_.lower() in DISASTERS for c in tok.children)


def _weapon_object(verb) -> bool:
    return any(t.lower_ in WEAPON_WORDS for c in verb.children if c.dep_ == "dobj" for t in expand_conjuncts(c))


def _attack(tok, index) -> str | None:
    """The attack triggers, and "opened fire", "exchanged fire", "returned fire"."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() == "fire" and tok.head.lemma_.lower() in FIRE_VERBS:
        return "Attack"
    return _ATTACK_WORDS(tok, index)


_ATTACK_WORDS = _lexical("Attack", _attack_sense)


def _launch_sense(noun, index) -> bool:
    """The launch of a military operation: a named operation or "operation", "campaign" in its phrase."""
    return any((index.at(t) is not None and index.at(t).cls == "MilitaryOperation") or t.lower_ in OPERATION_CUES
               for t in noun.subtree)


def _arrest(tok, index) -> str | None:
    """The arrest triggers, and "taken into custody"; a place captured is no arrest ("rebels captured the town")."""
    if tok.pos_ == "VERB" and tok.lemma_.lower() == "take" and any(
            c.dep_ == "prep" and c.lower_ == "into" and any(g.lemma_.lower() == "custody" for g in c.children)
            for c in tok.children):
        return "Arrest"
    if tok.pos_ == "VERB" and tok.lemma_.lower() == "capture" and any(
            c.dep_ in {"dobj", "nsubjpass"} and (c.lemma_.lower() in PLACE_NOUNS or (m := index.at(c)) is not None
                                                 and m.cls in PLACES) for c in tok.children):
        return None
    return _ARREST_WORDS(tok, index)


_ARREST_WORDS = _lexical("Arrest")


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
    _rule("Raid", _raid,
          E("Police raided the offices of Halden Media in Oslo on Monday.", "Raid", "event:raid:verb:raid",
            targets=("Halden Media",), places=("Oslo",)),
          E("FBI agents searched the home of Daniel Whitcombe in Dayton.", "Raid", "event:raid:verb:search",
            actors=("FBI",), targets=("Daniel Whitcombe",)),
          doc=_raid.__doc__),
    _rule("Attack", _attack,
          E("Russia attacked Ukraine on Monday.", "Attack", "event:attack:verb:attack", actors=("Russia",),
            targets=("Ukraine",)),
          E("Soldiers opened fire on protesters in Lagos.", "Attack", "event:attack:noun:fire", places=("Lagos",)),
          # the actor of a noun of conflict: its agent modifier, the agent of a light verb, who claims it
          E("Israeli strikes on Gaza killed 20 people.", "Attack", "event:attack:noun:strike", actors=("Israel",),
            targets=("Gaza",)),
          E("Hezbollah fighters attacked an Israeli post on Monday.", "Attack", "event:attack:verb:attack",
            actors=("Hezbollah",)),
          E("Members of the Halden Brigade militia attacked a village near Goma.", "Attack", "event:attack:verb:attack",
            actors=("Halden Brigade",), places=("Goma",)),
          E("The attack was carried out by Boko Haram in Maiduguri.", "Attack", "event:attack:noun:attack",
            actors=("Boko Haram",), places=("Maiduguri",)),
          E("Boko Haram claimed responsibility for the attack in Maiduguri.", "Attack", "event:attack:noun:attack",
            actors=("Boko Haram",), places=("Maiduguri",)),
          E("Germany condemned attacks on civilians in Odessa.", "Attack", "event:attack:noun:attack",
            places=("Odessa",), never=("Germany",)),
          # a news outlet reports: never a participant, and its report's date is not the event's
          E("Militants attacked a base in Kandahar, CBS reported on Sunday.", "Attack", "event:attack:verb:attack",
            places=("Kandahar",), never=("CBS",), undated=True),
          E("According to CNN, rebels attacked a convoy of the United Nations in Goma.", "Attack",
            "event:attack:verb:attack", targets=("United Nations",), places=("Goma",), never=("CNN",)),
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
            actors=("European Union",), targets=("Iran",)),
          E("New US sanctions against Russia took effect on Monday.", "Sanction", "event:sanction:noun:sanction",
            actors=("United States",), targets=("Russia",)),
          E("Iran was hit with new sanctions by the European Union.", "Sanction", "event:sanction:noun:sanction",
            actors=("European Union",), targets=("Iran",))),
    _rule("Arrest", _arrest,
          E("Police in Madrid arrested Carlos Vega on Friday.", "Arrest", "event:arrest:verb:arrest",
            targets=("Carlos Vega",), places=("Madrid",)),
          E("Carlos Vega was arrested by police in Madrid, Reuters reported.", "Arrest", "event:arrest:verb:arrest",
            targets=("Carlos Vega",), places=("Madrid",), never=("Reuters",)),
          E("The arrest of the journalist Emre Kaya angered his colleagues.", "Arrest", "event:arrest:noun:arrest",
            targets=("Emre Kaya",)),
          E("Carlos Vega, who was arrested in Madrid in May, denied the charges.", "Arrest", "event:arrest:verb:arrest",
            targets=("Carlos Vega",), places=("Madrid",)),
          E("Emre Kaya was taken into custody in Ankara on Monday.", "Arrest", "event:arrest:verb:take",
            targets=("Emre Kaya",), places=("Ankara",)),
          E("Police arrested the head of Halden Bank in Frankfurt.", "Arrest", "event:arrest:verb:arrest",
            places=("Frankfurt",), never=("Halden Bank",)),
          doc=_arrest.__doc__),
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
            actors=("Angela Merkel",)),
          E("Emre Kaya told CNN that the police had detained his brother.", "PublicStatement",
            "event:public-statement:verb:tell", actors=("Emre Kaya",), never=("CNN",))),
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
