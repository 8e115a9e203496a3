"""locatedIn from the gazetteer (`kg build --gazetteer-places`): off by default, marked as background knowledge,
and losing to what the text states. Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Literal

from kg.ontology import KG
from kg.pipeline import analyse_text, build_from_extractions

pytestmark = pytest.mark.model


def located(text: str, on: bool = True):
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    g, ents = build_from_extractions([ex], gazetteer_places=on)
    label = {e.label: e for e in ents}
    names = {str(s).rsplit("/", 1)[1]: n for n, e in label.items() for s in [_iri(e)]}
    return {(names.get(str(s).rsplit("/", 1)[1]), names.get(str(o).rsplit("/", 1)[1]))
            for s, o in g.subject_objects(KG.locatedIn)}, g


def _iri(e):
    from kg.graph import entity_iri

    return entity_iri(e)


TEXT = ("Police in Lyon arrested two men on Monday. France has raised its alert level. "
        "Officials in Marseille said little.")


def test_a_city_named_with_its_country_is_located_there_from_the_gazetteer():
    facts, g = located(TEXT)
    assert ("Lyon", "France") in facts and ("Marseille", "France") in facts
    statements = list(g.subjects(KG.background, Literal(True)))
    assert len(statements) == 2
    for st in statements:
        assert g.value(st, KG.rule) == Literal("locatedIn:gazetteer")
        assert float(g.value(st, KG.confidence)) < 0.8


def test_off_by_default():
    facts, g = located(TEXT, on=False)
    assert not facts and not list(g.subjects(KG.background, None))


def test_no_country_named_no_background_place():
    facts, _ = located("Police in Lyon arrested two men on Monday. Officials in Marseille said little.")
    assert not facts


def test_what_the_text_states_wins():
    # the text puts the city in another country: the gazetteer adds nothing for it
    facts, g = located("Lyon, Canada, is a small town. France and Canada signed a treaty.")
    assert ("Lyon", "France") not in facts
    assert not list(g.subjects(KG.background, None))


@pytest.mark.parametrize("text,place", [
    ("Floods hit Punjab on Monday. India and Pakistan sent rescue teams.", "Punjab"),  # a province of each
    ("The plant in Ontario will close. The United States buys most of its cars.", "Ontario"),  # and a US city
])
def test_a_name_of_places_in_two_countries_gives_none(text, place):
    facts, _ = located(text)
    assert not any(s == place for s, _ in facts)
