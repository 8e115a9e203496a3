"""Politics, conflict and wire copy: nationality, datelines, places, roles, short names, events, pronouns.

Every sentence here is written for the test; none is taken from an article."""

from __future__ import annotations

from datetime import date

import pytest

from kg.pipeline import analyse_text
from kg.resolve import resolve

pytestmark = pytest.mark.model


def relations_of(text: str):
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    return {(r.subj.name, r.pred, r.obj.name) for r in ex.relations}, ex


def entities_of(text: str):
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    ents, _ = resolve([ex])
    return {e.label: e for e in ents}, ex


@pytest.mark.parametrize("text,fact", [
    ("Lebanese lecturer Samir Haddad was detained in Cairo.", ("Samir Haddad", "nationality", "Lebanon")),
    ("Anna Weber, a German national, was freed on Monday.", ("Anna Weber", "nationality", "Germany")),
    ("The French president Jacques Morel spoke in Lyon.", ("Jacques Morel", "nationality", "France")),
    ("Karim Nasser, who holds Canadian citizenship, was arrested.", ("Karim Nasser", "nationality", "Canada")),
    ("Omar Said is a Syrian citizen.", ("Omar Said", "nationality", "Syria")),
    ("Lena Roth, a citizen of Austria, spoke to reporters.", ("Lena Roth", "nationality", "Austria")),
    ("Polish Foreign Minister Jan Nowak arrived.", ("Jan Nowak", "worksFor", "Poland")),
])
def test_nationality_stated_by_an_adjective_an_apposition_or_a_copula(text, fact):
    rels, _ = relations_of(text)
    assert fact in rels


def test_a_nationality_is_no_employer_and_prefixes_and_companies_state_none():
    rels, _ = relations_of("Lebanese lecturer Samir Haddad spoke. Pro-Russian separatist leader Ivan Petrov and "
                           "Russian-born Oleg Sokol met German carmaker Volkswagen's chief Hans Klein.")
    assert ("Samir Haddad", "worksFor", "Lebanon") not in rels
    assert not any(p == "nationality" and s in {"Ivan Petrov", "Oleg Sokol", "Hans Klein"} for s, p, _ in rels)


def test_a_negated_citizenship_is_no_nationality():
    rels, _ = relations_of("Omar Said is not a Syrian citizen.")
    assert ("Omar Said", "nationality", "Syria") not in rels


def test_a_title_standing_for_a_person_gives_the_nationality_of_its_adjective():
    rels, _ = relations_of("President Rafael Ortiz of Peru spoke on Monday. The Peruvian president later left.")
    assert ("Rafael Ortiz", "nationality", "Peru") in rels


def test_wire_copy_headline_dateline_and_byline():
    text = ("REBELS SEIZE TWO TOWNS NEAR MOSUL\n\nBy Jane Doe\n\nBAGHDAD, March 3 (Reuters) - Rebels seized two towns "
            "near Mosul on Tuesday, the army said.\n\nTom Fisher CAIRO\n\n(Reporting by Pedro Garcia; Editing by "
            "Tom Brown)\n")
    ents, ex = entities_of(text)
    assert ents["Baghdad"].cls == "City" and ents["Cairo"].cls == "City"
    assert ents["Mosul"].cls == "City"
    for writer in ("Jane Doe", "Tom Fisher", "Tom Fisher CAIRO", "Pedro Garcia", "Tom Brown", "REBELS"):
        assert writer not in ents
    # the sentences keep the article's own text, capitals included
    assert ex.sentences[0].text.startswith("REBELS SEIZE")
    assert ents["Reuters"].cls == "NewsOrganization"  # the agency a dateline credits is named


def test_capitals_take_the_case_the_article_gives_a_word():
    from kg.extract.wire import layout

    text = "US AND NATO TROOPS ENTER KORAVAN\n\nNATO troops and US marines entered Koravan on Monday, officials said."
    lo = layout(text)
    assert len(lo.text) == len(text)
    assert lo.text.startswith("US and NATO troops enter Koravan\n")


@pytest.mark.parametrize("line", ["NEW RULES - The firm said it would comply.", "THE WORLD - A review of the week."])
def test_capitals_before_a_dash_are_a_dateline_only_for_a_known_place(line):
    from kg.extract.wire import layout

    assert layout(line).places == []


def test_a_long_headline_in_capitals_is_read_in_linear_time():
    import time

    text = ("ABCDEFGHIJKLMNOPQRSTUVWXYZ " * 400 + "\n") * 5 + "Body text follows here."
    t = time.perf_counter()
    analyse_text(text)
    assert time.perf_counter() - t < 30


def test_a_head_of_a_country_named_with_it_is_its_national():
    rels, _ = relations_of("The president of Chile, Marta Soto, arrived in Lima.")
    assert ("Marta Soto", "leaderOf", "Chile") in rels
    assert ("Marta Soto", "nationality", "Chile") in rels


def test_the_bare_title_guess_loses_to_another_country_the_sentence_names():
    text = ("Norway said on Monday it would act. Norway agreed. Norway left the talks. With Sweden's opposition "
            "gaining ground and President Lars Dahl under pressure, Norway waited. President Lars Dahl said nothing. "
            "President Erik Holm of the company spoke.")
    rels, _ = relations_of(text)
    assert ("Lars Dahl", "leaderOf", "Norway") not in rels


def test_a_region_or_topic_is_no_employer_but_an_unknown_place_after_from_may_be():
    rels, _ = relations_of("Yael Cohen, a Middle East expert at a London think tank, spoke.")
    assert not any(s == "Yael Cohen" and o == "Middle East" for s, _, o in rels)


@pytest.mark.parametrize("text,person", [
    ("Defense Minister Omar Haddad spoke on Monday.", "Omar Haddad"),
    ("EU Commissioner for Energy Peter Olsen said gas prices rose.", "Peter Olsen"),
    ("Home Secretary Jane Hill agreed.", "Jane Hill"),
])
def test_a_portfolio_is_no_organization(text, person):
    ents, _ = entities_of(text)
    assert person in ents and ents[person].cls == "Person"
    assert not {"Defense", "Energy", "Energy Peter Olsen", "Home"} & set(ents)


@pytest.mark.parametrize("text,name", [
    ("Clashes broke out near Kandarak on Monday.", "Kandarak"),
    ("Troops entered the district of Bar Kotal.", "Bar Kotal"),
    ("Fighting spread across Dazgar province on Friday.", "Dazgar"),
    ("A soldier was killed at the base of Tora Gul.", "Tora Gul"),
])
def test_a_place_the_sentence_states_is_a_place_whatever_ner_says(text, name):
    ents, _ = entities_of(text)
    assert ents[name].cls in {"Location", "City"}


def test_provinces_of_the_gazetteer_are_places_and_a_surname_stays_a_person():
    ents, _ = entities_of("Lawmakers in Saarland and Helmand met. Senator Joan Mobile spoke; Mobile said no.")
    assert ents["Saarland"].cls == "Location" and ents["Helmand"].cls == "Location"
    assert ents["Joan Mobile"].cls == "Person"


def test_skewed_towards_a_company_is_no_place():
    ents, _ = entities_of("Boeing said the review was skewed towards Grumbach. Grumbach Aerospace denied it.")
    assert "Grumbach" not in ents or ents["Grumbach"].cls != "Location"


@pytest.mark.parametrize("text,fact", [
    ("Chancellor Anna Berg's Christian Democrats won the vote.", ("Anna Berg", "memberOf", "Christian Democrats")),
    ("A Taliban spokesman, Abdul Rahim, denied it.", ("Abdul Rahim", "memberOf", "Taliban")),
    ("Republican senator Tom Lake spoke.", ("Tom Lake", "memberOf", "Republican")),
])
def test_members_of_parties_and_armed_groups(text, fact):
    rels, _ = relations_of(text)
    assert fact in rels


def test_a_former_role_is_marked_on_its_statement():
    from kg.ontology import KG
    from kg.pipeline import build_from_extractions

    ex = analyse_text("Jan Wolf, the former director of Acme Corp, left. Eva Lind, the director of Zeta Corp, stayed.",
                      doc_date=date(2026, 1, 3))
    former = {(r.subj.name, r.obj.name) for r in ex.relations if r.former}
    assert ("Jan Wolf", "Acme Corp") in former and ("Eva Lind", "Zeta Corp") not in former
    graph, _ = build_from_extractions([ex])
    assert len(list(graph.subjects(KG.former, None))) == 1


def test_outlets_report_events_and_police_raids_are_no_attacks():
    ex = analyse_text("Police raided the offices of a charity in Lagos. CNN attacked the government in an editorial. "
                      "Militants attacked a base in Kandarak, Al Jazeera reported on Sunday.", doc_date=date(2026, 1, 3))
    attacks = [e for e in ex.events if e.kind == "Attack"]
    assert [e.trigger for e in attacks] == ["attacked"]
    assert not any(m.cls == "NewsOrganization" for e in ex.events for m in e.actors + e.targets + e.places)
    assert attacks[0].date is None  # Sunday is the day of the report, not of the attack
    assert not any(r.pred == "attacked" for r in ex.relations)


@pytest.mark.parametrize("text,pred", [
    ("Jan Olsen ruled out a deal with Norvik Motors.", None),
    ("Jan Olsen refused to work for Norvik Motors.", None),
    ("Jan Olsen plans to work for Norvik Motors.", None),
    ("Jan Olsen denied working for Norvik Motors.", None),
    ("Jan Olsen refused to join Norvik Motors.", None),
    ("Jan Olsen has worked for Norvik Motors since 2010.", "worksFor"),
    ("Jan Olsen runs Norvik Motors.", "leaderOf"),
])
def test_a_verb_refused_planned_denied_or_given_another_sense_states_no_relation(text, pred):
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    typed = [r.pred for r in ex.relations if r.pred != "relatedTo"]
    assert typed == ([pred] if pred else [])


@pytest.mark.parametrize("text,raids", [
    ("Police are searching for Daniel Whitcombe in Oslo.", 0),
    ("Police searched for hours in Oslo but found nothing.", 0),
    ("Police searched the home of Daniel Whitcombe in Oslo.", 1),
    ("The home of Daniel Whitcombe was searched by police in Oslo.", 1),
])
def test_a_hunt_for_someone_is_no_raid(text, raids):
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    assert sum(e.kind == "Raid" for e in ex.events) == raids


def test_an_event_keeps_its_own_date_beside_a_reporting_verb():
    ex = analyse_text("On November 22, the army attacked Kandarak, officials said.", doc_date=date(2026, 1, 3))
    assert [e.date for e in ex.events if e.kind == "Attack"] == [date(2025, 11, 22)]


def test_a_surname_before_the_full_name_and_an_acronym_in_brackets_are_one_entity():
    ents, _ = entities_of("Tarkan arrived in Ankara on Monday. Lawyer Emre Tarkan said the charges were false. "
                          "The National Liberation Front (NLF) denied it. The NLF said it would fight on.")
    assert "Tarkan" not in ents and "NLF" not in ents
    assert "NLF" in ents["National Liberation Front"].aliases


def test_a_given_name_and_surname_ner_calls_a_facility_is_a_person():
    ents, _ = entities_of("The EU imposed sanctions on Karim Haddad on Monday.")
    assert ents["Karim Haddad"].cls == "Person"
