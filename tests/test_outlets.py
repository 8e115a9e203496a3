"""News outlets named with the word for what they are. Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from kg.pipeline import analyse_text

pytestmark = pytest.mark.model


def classes(text: str) -> dict[str, str]:
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    return {m.name: m.cls for m in ex.mentions if m.kind == "name"}


@pytest.mark.parametrize("text,name", [
    ("The minister told the Nordblatt newspaper on Sunday that talks would go on.", "Nordblatt"),
    ("The Danish daily Morgen Kurier reported that the talks had failed.", "Morgen Kurier"),
    ("Speaking to Denken Magazin, the philosopher said little.", "Denken Magazin"),
])
def test_a_name_beside_the_word_for_an_outlet_is_a_news_organization(text, name):
    assert classes(text).get(name) == "NewsOrganization"


def test_a_person_beside_an_unrelated_noun_stays_a_person():
    found = classes("John Smith, a daily commuter, spoke to Anna Berg about the weekly market.")
    assert found.get("John Smith") == "Person" and found.get("Anna Berg") == "Person"
