"""The kinds of event kg reads beyond conflict, after the ACE 2005 and DARPA KAIROS news types.

Each kind is a class of `ontology/kg.ttl` (a subclass of sem:Event) whose comment says what its actor and
target are (the arrested person is the target of an Arrest, the speaker the actor of a Statement). The
trigger words are general English; a verb trigger takes its subject as actor and its object (or passive
subject) as target, a noun trigger its possessor or "by" phrase as actor and its "of", "on" or "against"
phrase as target, as for attacks.
"""

from __future__ import annotations

from ..lang.en import NOUN_KINDS  # the triggers of these kinds: kg/lang/en/events.py
from ..lang.en.events import (  # kg/lang/en/events.py
    NOT_EVENT_VERBS, OTHER_EVENT_NOUNS as EVENT_NOUNS, NOT_EVENT_NOUNS, ACTION_SYNONYMS as SYNONYMS)

# Kinds whose trigger is too common in other senses unless the one released or freed is a person
PERSON_TARGET = {"Release"}
# Disasters strike and hit: "the earthquake struck Japan" is no attack
DISASTERS = {lemma for lemma, kind in NOUN_KINDS.items() if kind in {"Earthquake", "Flood", "Fire"}}

# ---------------------------------------------------------------- events of no typed kind
# News names many more actions than the kinds above ("sales fell", "the company posted a loss"). A verb or
# an event noun of no typed kind is a mention of an `OtherEvent` (sem:Event, outside kg:Event), kept so that
# reports of one action can be clustered; see generic_events.py.
GENERIC = "OtherEvent"
