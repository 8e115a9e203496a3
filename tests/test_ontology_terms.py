"""Class families, symmetric properties and the relations' signatures come from ontology/kg.ttl, once."""

from __future__ import annotations

from kg.extract.context import AGENTS, ORG_FAMILY, PLACES
from kg.extract.relations import NARROWER, SIGNATURES
from kg.ontology import ENTITY_CLASSES, family, relation_properties, signatures, symmetric_properties


def test_families_follow_the_class_tree():
    assert ORG_FAMILY == {"Organization", "NewsOrganization", "ArmedForces", "GovernmentBody", "PoliticalParty",
                          "CriminalOrganization", "Company"}
    assert PLACES == {"Location", "Country", "City"}
    assert AGENTS == ORG_FAMILY | {"Person", "Country"}  # a country acts: it is an agent and a place
    assert family("Entity") == set(ENTITY_CLASSES)


def test_symmetric_and_relation_properties():
    assert symmetric_properties() == {"borders", "metWith"}
    props = relation_properties()
    assert {"leaderOf", "worksFor", "locatedIn", "borders", "relatedTo"} <= props
    # bookkeeping and event roles relate no two entities
    assert not props & {"mentionedIn", "accordingTo", "hasTarget", "between", "eventKind"}


def test_verb_signatures_are_the_ontology_or_narrower():
    """A rule may ask more of the classes than the ontology, never less."""
    onto = signatures()
    assert set(SIGNATURES) == set(onto)
    assert set(NARROWER) <= set(onto)
    for prop, (domain, range_) in SIGNATURES.items():
        assert domain <= onto[prop][0] and range_ <= onto[prop][1], prop
    assert SIGNATURES["launched"] == (AGENTS, {"MilitaryOperation"})
    assert "MilitaryOperation" not in SIGNATURES["attacked"][1]
