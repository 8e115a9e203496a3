"""The kinds of event kg reads beyond conflict, after the ACE 2005 and DARPA KAIROS news types.

Each kind is a class of `ontology/kg.ttl` (a subclass of sem:Event) whose comment says what its actor and
target are (the arrested person is the target of an Arrest, the speaker the actor of a Statement). The
trigger words are general English; a verb trigger takes its subject as actor and its object (or passive
subject) as target, a noun trigger its possessor or "by" phrase as actor and its "of", "on" or "against"
phrase as target, as for attacks.
"""

from __future__ import annotations

VERB_KINDS = {
    **dict.fromkeys(("protest", "demonstrate", "rally"), "Demonstration"),
    **dict.fromkeys(("apprehend",), "Arrest"),
    **dict.fromkeys(("charge", "indict", "prosecute"), "Charge"),
    **dict.fromkeys(("convict", "acquit"), "Trial"),
    **dict.fromkeys(("sentence",), "Sentencing"),
    **dict.fromkeys(("release", "free", "parole"), "Release"),  # only with a person released, see PERSON_TARGET
    **dict.fromkeys(("evacuate",), "Evacuation"),
    **dict.fromkeys(("transport", "airlift", "deliver", "ship"), "Transport"),
    **dict.fromkeys(("appoint", "nominate"), "Appointment"),
    **dict.fromkeys(("resign",), "Resignation"),
    **dict.fromkeys(("acquire", "buy", "purchase"), "Acquisition"),
    **dict.fromkeys(("donate",), "Aid"),
    **dict.fromkeys(("meet",), "Meeting"),
    **dict.fromkeys(("phone", "telephone"), "PhoneCall"),
    **dict.fromkeys(("say", "announce", "state", "declare", "tell"), "PublicStatement"),
    **dict.fromkeys(("crash", "collide", "derail"), "Crash"),
}
NOUN_KINDS = {
    **dict.fromkeys(("protest", "demonstration", "rally"), "Demonstration"),
    **dict.fromkeys(("detention",), "Arrest"),
    **dict.fromkeys(("indictment", "prosecution"), "Charge"),
    **dict.fromkeys(("trial",), "Trial"),
    **dict.fromkeys(("release",), "Release"),  # only with a person released, see PERSON_TARGET
    **dict.fromkeys(("evacuation",), "Evacuation"),
    **dict.fromkeys(("airlift", "shipment", "delivery"), "Transport"),
    **dict.fromkeys(("appointment", "nomination"), "Appointment"),
    **dict.fromkeys(("resignation",), "Resignation"),
    **dict.fromkeys(("acquisition", "purchase", "takeover", "buyout", "merger"), "Acquisition"),
    **dict.fromkeys(("aid", "donation"), "Aid"),
    **dict.fromkeys(("meeting", "summit"), "Meeting"),
    **dict.fromkeys(("statement", "announcement", "declaration"), "PublicStatement"),
    **dict.fromkeys(("earthquake", "quake", "tremor"), "Earthquake"),
    **dict.fromkeys(("flood", "flooding"), "Flood"),
    **dict.fromkeys(("fire", "blaze", "wildfire"), "Fire"),
    **dict.fromkeys(("crash", "collision", "derailment"), "Crash"),
}
# Kinds whose trigger is too common in other senses unless the one released or freed is a person
PERSON_TARGET = {"Release"}
# "a phone call", "a telephone call": the noun call is a phone call only with these words
PHONE_WORDS = {"phone", "telephone"}
# Disasters strike and hit: "the earthquake struck Japan" is no attack
DISASTERS = {lemma for lemma, kind in NOUN_KINDS.items() if kind in {"Earthquake", "Flood", "Fire"}}
