"""The closed namespace in code matches ontology/kg.ttl, and every property is documented."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS

from kg.ontology import KG, ontology_graph


def test_namespace_matches_ontology_file():
    g = ontology_graph()
    in_file = {str(s) for s in g.subjects() if str(s).startswith(str(KG._NS))}
    in_code = {str(KG._NS) + name for name in KG.__annotations__}
    assert in_file == in_code


def test_object_properties_have_label_domain_range():
    g = ontology_graph()
    for prop in g.subjects(RDF.type, OWL.ObjectProperty):
        assert g.value(prop, RDFS.label) is not None, prop
        if prop not in (KG.accordingTo, KG.hasTarget, KG.mentionedIn):
            assert g.value(prop, RDFS.domain) is not None, prop
        assert g.value(prop, RDFS.range) is not None, prop


def test_misspelt_term_fails():
    import pytest

    with pytest.raises(AttributeError):
        KG.Persn  # noqa: B018
