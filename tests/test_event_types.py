"""The news events beyond conflict (ACE 2005, KAIROS): kinds, participant roles and the irrealis rules."""

from __future__ import annotations

from datetime import date

import pytest

from kg.pipeline import analyse_text

pytestmark = pytest.mark.model


def events(text: str) -> list[tuple]:
    ex = analyse_text(text, doc_date=date(2026, 3, 2))
    return [(e.kind, e.trigger, [m.text for m in e.actors], [m.text for m in e.targets], [m.text for m in e.places])
            for e in ex.events if e.kind != "OtherEvent"]  # actions of no typed kind: test_generic_events.py


@pytest.mark.parametrize("text, expected", [
    ("A court in Madrid sentenced Carlos Vega to ten years in prison.",
     ("Sentencing", "sentenced", [], ["Carlos Vega"], ["Madrid"])),
    ("The rebels released Maria Lopez on Friday.", ("Release", "released", [], ["Maria Lopez"], [])),
    ("Prime Minister John Smith resigned on Tuesday.", ("Resignation", "resigned", ["John Smith"], [], [])),
    ("A powerful earthquake struck Japan on Sunday.", ("Earthquake", "earthquake", [], [], ["Japan"])),
    ("Thousands of people protested in Paris against the pension reform.",
     ("Demonstration", "protested", [], [], ["Paris"])),
    ("Angela Merkel said the talks would resume.", ("PublicStatement", "said", ["Angela Merkel"], [], [])),
    ("Joe Biden held a phone call with Emmanuel Macron.", ("PhoneCall", "call", ["Joe Biden"], [], [])),
    ("A fire destroyed a warehouse in Chicago.", ("Fire", "fire", [], [], ["Chicago"])),
    ("The United Nations evacuated 300 people from Gaza.", ("Evacuation", "evacuated", ["United Nations"], [], ["Gaza"])),
    ("President Lula appointed Maria Silva as finance minister.",
     ("Appointment", "appointed", ["Lula"], ["Maria Silva"], [])),
    ("Prosecutors in Berlin charged Hans Becker with fraud.", ("Charge", "charged", [], ["Hans Becker"], ["Berlin"])),
    ("Emmanuel Macron met Olaf Scholz in Berlin on Monday.",
     ("Meeting", "met", ["Emmanuel Macron"], ["Olaf Scholz"], ["Berlin"])),
    ("A train derailed near Lyon, killing five people.", ("Crash", "derailed", [], [], ["Lyon"])),
])
def test_kind_and_roles(text, expected):
    assert expected in events(text)


def test_soldiers_opening_fire_is_an_attack_not_a_fire():
    assert [e[0] for e in events("Soldiers opened fire on protesters in Lagos.")] == ["Attack"]


def test_only_a_person_released_is_a_release():
    assert events("Apple released a new phone in California.") == []


def test_planned_or_denied_events_are_left_out():
    assert events("Microsoft plans to buy Activision.") == []
    assert not [e for e in events("Carlos Vega did not resign from Iberia.") if e[0] == "Resignation"]
