"""Pronouns and descriptions (kg/extract/coref.py): agreement, one candidate or none, relations read through
them under their own rule names, and never a pronoun as a name of an entity.

Every sentence here is written for the test; none is taken from an article."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract import coref
from kg.extract.entities import extract_mentions
from kg.pipeline import analyse_text, build_from_extractions

pytestmark = pytest.mark.model


def links(nlp, text: str) -> dict[str, str]:
    """Pronoun or description text -> the name of the mention it was resolved to."""
    doc = nlp(text)
    return {r.mention.text: r.antecedent.name for r in coref.references(doc, extract_mentions(doc))}


@pytest.mark.parametrize("text,reference,antecedent", [
    # gender: the given name decides between a man and a woman
    ("Angela Weiss met Thomas Brandt in Vienna on Monday. She said the talks went well.", "She", "Angela Weiss"),
    ("Angela Weiss met Thomas Brandt in Vienna on Monday. He said the talks went well.", "He", "Thomas Brandt"),
    # number and class: "it", "the company" are an organization, never the person beside it
    ("Northwind Motors said on Monday that it would close two plants.", "it", "Northwind Motors"),
    ("Karl Ibsen joined Northwind Motors in May. The company builds buses.", "The company", "Northwind Motors"),
    # "the country": the one country named just before
    ("Voters in Peru went to the polls on Sunday. The country has had five presidents in four years.",
     "The country", "Peru"),
    # "the Kenyan capital": the capital the gazetteer knows, when the article names that city
    ("Heavy rain fell on Nairobi before dawn. Residents of the Kenyan capital left their homes.",
     "the Kenyan capital", "Nairobi"),
    # a title the article gave one person only
    ("President Elena Marquez arrived in Lima on Friday. The president met students.", "president", "Elena Marquez"),
    # "they", "their": the one organization or armed group the clause before made its subject
    ("The Northern Liberation Front rejected the truce on Monday. They said the talks had failed.", "They",
     "Northern Liberation Front"),
    ("Hamas rejected the truce, and their leaders left Cairo.", "their", "Hamas"),
])
def test_each_agreement_case_resolves_to_its_one_candidate(nlp, text, reference, antecedent):
    found = links(nlp, text)
    key = next((k for k in found if k.endswith(reference)), None)
    assert key is not None and found[key] == antecedent


@pytest.mark.parametrize("text,reference", [
    # two men: "he" could be either, so it stays unresolved
    ("Thomas Brandt met Peter Holm in Vienna on Monday. He said the talks went well.", "He"),
    # an unnamed person between the name and the pronoun could be the one meant
    ("Thomas Brandt left the meeting early. A spokesman said he was tired.", "he"),
    # a woman's pronoun with only a man named
    ("Thomas Brandt arrived in Vienna on Monday. She said the talks went well.", "She"),
    # two countries: "the country" is left alone
    ("Peru and Chile signed a treaty on Sunday. The country will open its border.", "The country"),
    # the capital of a country whose capital the article never names
    ("Traffic stopped near the Kenyan capital on Sunday.", "the Kenyan capital"),
    # "it" with no subject of its own: "it is likely that"
    ("Northwind Motors cut prices. It is likely that rivals will follow.", "It"),
    # "they" after two people, after a plural noun, inside a quotation, or for what a name only qualifies
    ("Thomas Brandt met Peter Holm in Vienna on Monday. They said the talks went well.", "They"),
    ("Northwind Motors told its workers on Monday that they would be paid.", "they"),
    ("Northwind Motors said in a statement. \u201cThey said no to our offer.\u201d", "They"),
    ("Northwind Motors shares closed at their lowest level in years.", "their"),
])
def test_no_link_unless_exactly_one_candidate_fits(nlp, text, reference):
    assert not any(k.endswith(reference) for k in links(nlp, text))


def test_a_role_read_through_a_pronoun_has_its_own_rule_and_a_lower_confidence():
    ex = analyse_text("Maria Lopez arrived in Madrid on Tuesday. She is the president of Acme Industries.",
                      doc_date=date(2026, 1, 3))
    rel = next(r for r in ex.relations if r.pred == "leaderOf")
    assert (rel.subj.name, rel.obj.name) == ("Maria Lopez", "Acme Industries")
    assert rel.rule == "role:copula+pronoun" and rel.confidence < 0.8
    assert rel.subj.label != coref.PRONOUN_RULE  # the relation holds the named mention, not the pronoun
    assert rel.sent == 1  # read in the pronoun's sentence


def test_a_role_read_through_its():
    ex = analyse_text("Northwind Motors posted a loss on Monday. Its chief executive, John Smith, resigned.",
                      doc_date=date(2026, 1, 3))
    assert ("John Smith", "leaderOf", "Northwind Motors", "role:modifier+pronoun") in {
        (r.subj.name, r.pred, r.obj.name, r.rule) for r in ex.relations}


def test_a_nationality_read_through_a_pronoun():
    ex = analyse_text("Paul Durand arrived in Lyon on Monday. He is a French citizen.", doc_date=date(2026, 1, 3))
    assert ("Paul Durand", "nationality", "France", "nationality:copula+pronoun") in {
        (r.subj.name, r.pred, r.obj.name, r.rule) for r in ex.relations}


def test_a_role_read_through_their():
    ex = analyse_text("The Northern Liberation Front rejected the truce, and their commander Omar Haddad left the "
                      "talks.", doc_date=date(2026, 1, 3))
    assert ("Omar Haddad", "Northern Liberation Front") in {
        (r.subj.name, r.obj.name) for r in ex.relations if r.rule.endswith("+pronoun")}


def test_nothing_is_read_through_an_unresolved_pronoun():
    ex = analyse_text("Thomas Brandt met Peter Holm in Vienna. He is the president of Acme Industries.",
                      doc_date=date(2026, 1, 3))
    assert not [r for r in ex.relations if r.pred == "leaderOf"]


def test_verbs_are_not_read_through_pronouns():
    ex = analyse_text("Angela Weiss flew to Vienna on Monday. She met Thomas Brandt there.", doc_date=date(2026, 1, 3))
    assert not [r for r in ex.relations if "+pronoun" in r.rule and r.rule.startswith("verb:")]


def test_a_pronoun_never_becomes_a_name_or_a_mention_of_an_entity():
    ex = analyse_text("Maria Lopez arrived in Madrid on Tuesday. She is the president of Acme Industries. "
                      "The company makes engines, and it sells them abroad.", doc_date=date(2026, 1, 3))
    assert any("+" in r.rule for r in ex.relations)
    assert not [m for m in ex.mentions if m.label.startswith("coref:")]
    _, entities = build_from_extractions([ex])
    names = {n.lower() for e in entities for n in [e.label, *e.aliases]}
    assert not names & {"she", "it", "the company", "company"}
    person = next(e for e in entities if e.label == "Maria Lopez")
    assert all(m.text == "Maria Lopez" for _, m in person.mentions)


def test_lookback_is_bounded(nlp):
    """A long run of names before a pronoun: each pronoun looks back over a bounded number of mentions."""
    text = " ".join(f"Firm{i} Holdings hired staff." for i in range(300)) + " It said so."
    doc = nlp(text)
    art = coref._Article(doc, extract_mentions(doc))
    assert len(art.before(doc[-3], coref.SENTENCES)) <= coref.LOOKBACK


def test_the_resolver_is_scored_against_meantime_coreference(tmp_path):
    """A made-up CAT XML article where "She" is annotated as the person named before it."""
    from kg.evaluation.coref import gold_mentions, report, score
    from tests.test_evaluate import CAT

    path = tmp_path / "9_Test.xml"
    path.write_text(CAT, encoding="utf-8")
    text, gold = gold_mentions(path)
    she = text.index("She")
    assert (she, she + 3, "PRO", "PER1") in gold
    counts = score(tmp_path)
    assert counts[("pronoun", "right")] == 1 and counts[("pronoun", "wrong")] == 0
    assert "pronoun:she" in report(counts)
