"""Extractors over real spaCy Docs of short hand-written news sentences."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import normalise
from kg.pipeline import analyse_text
from kg.resolve import resolve

pytestmark = pytest.mark.model


def entities_of(text: str):
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    ents, _ = resolve([ex])
    return {e.label: e for e in ents}, ex


def relations_of(text: str):
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    return {(r.subj.name, r.pred, r.obj.name) for r in ex.relations}, ex


def test_titles_and_surnames_make_one_person():
    ents, _ = entities_of("Prime Minister Keir Starmer spoke on Monday. Later, Starmer met the press in London.")
    assert ents["Keir Starmer"].cls == "Person"
    assert "Starmer" in ents["Keir Starmer"].aliases
    assert ents["London"].cls == "City" and ents["London"].geonameid


def test_country_variants_and_demonyms_resolve_to_one_country():
    ents, _ = entities_of("The U.S. said on Friday that the United States would respond. Americans were divided.")
    us = ents["United States"]
    assert us.cls == "Country" and us.iso == "US" and len(us.mentions) == 3
    assert "U.S." in us.aliases


def test_acronym_with_expansion_is_one_organization():
    ents, _ = entities_of("The Korean Central News Agency (KCNA) said the launch succeeded. KCNA gave no details.")
    org = ents["Korean Central News Agency"]
    assert org.cls == "NewsOrganization" and "KCNA" in org.aliases
    assert "KCNA" not in ents


def test_equipment_is_not_an_entity():
    ents, _ = entities_of("F-35 jets and B-52s flew over the Baltic Sea on Tuesday.")
    assert not any(label.startswith(("F-35", "B-52")) for label in ents)


def test_named_operation_is_a_military_operation():
    ents, _ = entities_of("The army launched an offensive called Iron Shield near the border. Operation Iron Shield lasted a week.")
    op = ents["Operation Iron Shield"]
    assert op.cls == "MilitaryOperation" and "Iron Shield" in op.aliases


def test_role_patterns():
    rels, _ = relations_of("Reuters journalist Anna Smith said the talks failed. "
                           "Emmanuel Macron, the president of France, arrived in Berlin, Germany.")
    assert ("Anna Smith", "worksFor", "Reuters") in rels
    assert ("Emmanuel Macron", "leaderOf", "France") in rels
    assert ("Berlin", "locatedIn", "Germany") in rels


def test_verb_relation_with_date_and_attribution():
    rels, ex = relations_of("According to the BBC, Russia attacked Ukraine on November 22.")
    assert ("Russia", "attacked", "Ukraine") in rels
    rel = next(r for r in ex.relations if r.pred == "attacked")
    assert rel.date == date(2025, 11, 22)
    assert rel.source is not None and rel.source.name == "BBC"


def test_borders_and_national_bodies():
    rels, _ = relations_of("Peru, which borders Chile, sent troops. The Chilean Navy was put on alert.")
    assert ("Peru", "borders", "Chile") in rels
    assert any(p == "partOf" and o == "Chile" for s, p, o in rels)


def test_negated_verb_is_not_a_typed_relation():
    rels, _ = relations_of("Germany did not attack France.")
    assert ("Germany", "attacked", "France") not in rels


def test_attack_event_with_place_date_and_casualties():
    _, ex = relations_of("On December 16, Israel struck Gaza City. At least eight people were killed.")
    attacks = [e for e in ex.events if e.kind == "Attack"]
    assert attacks, ex.events
    ev = attacks[0]
    assert [m.name for m in ev.actors] == ["Israel"]
    assert ev.date == date(2025, 12, 16)
    assert dict(ev.counts).get("casualties") == 8


def test_planned_event_is_left_out():
    _, ex = relations_of("France will strike Mali next week, the minister warned.")
    assert not [e for e in ex.events if e.kind == "Attack"]


@pytest.mark.parametrize("modal", ["can", "must", "could"])
def test_a_modal_verb_makes_neither_event_nor_typed_relation(modal):
    """Events and relations read one list of modal verbs (kg.lang.en.MODALS): "can" once made an event only."""
    rels, ex = relations_of(f"Up to 300 Danish soldiers {modal} be deployed to Estonia under the new mandate.")
    assert not [e for e in ex.events if e.kind == "Deployment"], ex.events
    rels, ex = relations_of(f"Norway {modal} attack Sweden.")
    assert ("Norway", "attacked", "Sweden") not in rels
    assert not [e for e in ex.events if e.kind == "Attack"], ex.events


@pytest.mark.parametrize("text,expected", [
    ("November 22", date(2025, 11, 22)),
    ("January 3", date(2026, 1, 3)),
    ("yesterday", date(2026, 1, 2)),
    ("on Friday", date(2026, 1, 2)),
    ("in November", date(2025, 11, 1)),
    ("June 13, 2005", date(2005, 6, 13)),
    ("recent months", None),
])
def test_dates_are_normalised_against_the_article_date(text, expected):
    assert normalise(text, date(2026, 1, 3)) == expected


def test_reuters_dateline_and_missed_acronym():
    ents, _ = entities_of("FRANKFURT (Reuters) - The European Central Bank cut rates, ECB President Christine Lagarde said.")
    assert ents["Frankfurt"].cls == "City"
    assert ents["Reuters"].cls == "NewsOrganization"
    ecb = ents["European Central Bank"]
    assert ecb.cls == "GovernmentBody" and "ECB" in ecb.aliases
    rels, _ = relations_of("ECB President Christine Lagarde spoke after the European Central Bank met.")
    assert ("Christine Lagarde", "leaderOf", "European Central Bank") in {(s, p, o) for s, p, o in rels} or \
        ("Christine Lagarde", "leaderOf", "ECB") in rels


def test_appointment_and_company_seat():
    rels, _ = relations_of("The US car manufacturer General Motors named Mary Barra as its new chief executive. "
                           "Magna, a Canadian automobile parts company, made an offer.")
    assert ("Mary Barra", "leaderOf", "General Motors") in rels
    assert ("General Motors", "locatedIn", "United States") in rels
    assert ("Magna", "locatedIn", "Canada") in rels


def test_subordinate_titles_work_for_and_department_chiefs_do_not_lead():
    rels, _ = relations_of("GM vice president John Smith met the European Union's foreign policy chief Kaja Kallas.")
    assert ("John Smith", "worksFor", "GM") in rels
    assert ("Kaja Kallas", "worksFor", "European Union") in rels
    assert not any(p == "leaderOf" for _, p, _ in rels)


def test_modal_verbs_give_no_typed_fact():
    rels, ex = relations_of("Kremlin spokesman Dmitry Peskov said Vladimir Putin would meet Donald Trump.")
    assert not any(p == "metWith" for _, p, _ in rels)
    generic = [r for r in ex.relations if r.pred == "relatedTo"]
    assert generic and generic[0].verb == "would meet" and generic[0].confidence < 0.5


def test_this_is_reported_by_attributes_the_paragraph_before():
    _, ex = relations_of("On Monday, at least five explosions were heard in Kabul. Witnesses saw smoke.\n\n"
                         "This is reported by the AP.\n\nLater, officials met.")
    explosions = [e for e in ex.events if e.kind == "Explosion"]
    assert explosions and explosions[0].source is not None and explosions[0].source.name == "AP"


def test_his_government_is_the_government_of_the_country_he_leads():
    rels, ex = relations_of("French President Emmanuel Macron spoke on Monday. The European Union criticized "
                            "the French president and his government on Tuesday.")
    govs = [m for m in ex.mentions if m.cls == "GovernmentBody"]
    assert govs and govs[0].name == "Government of France"


@pytest.mark.parametrize("text,fact", [
    ("Northrop Grumman and Airbus parent EADS won the contract.", ("Airbus", "partOf", "EADS")),
    ("EADS, the parent company of Airbus, said so.", ("Airbus", "partOf", "EADS")),
    ("Boeing's Launch Systems and Delta Program business units may bid.", ("Delta Program", "partOf", "Boeing")),
    ("Barra studied at Kettering University in Flint, Michigan.", ("Kettering University", "locatedIn", "Flint")),
    ("Renault Samsung Motors of Korea is the most likely candidate.", ("Renault Samsung Motors", "locatedIn", "South Korea")),
    ("The flight will leave from Singapore's Changi Airport.", ("Changi Airport", "locatedIn", "Singapore")),
    ("The United States's largest car manufacturer General Motors named her.", ("General Motors", "locatedIn", "United States")),
    ("France's investigative agency BEA has asked for money.", ("BEA", "partOf", "France")),
    ("The general secretary of the British union Unite, Tony Woodley, said so.", ("Tony Woodley", "leaderOf", "Unite")),
])
def test_ownership_seats_and_roles_stated_by_noun_phrases(text, fact):
    rels, _ = relations_of(text)
    assert fact in rels


def test_buying_a_makers_products_is_not_buying_the_maker():
    rels, _ = relations_of("Aer Lingus buys twelve new long-haul Airbus jets. Google acquired YouTube.")
    assert ("Google", "acquired", "YouTube") in rels
    assert not any(p == "acquired" and o == "Airbus" for _, p, o in rels)


def test_a_bare_title_belongs_to_the_organization_or_country_the_article_is_about():
    rels, _ = relations_of("General Motors cut jobs. GM said so. General Motors agreed. According to the company's "
                           "vice president John Smith, costs will fall. Chairman Dieter Zetsche denied it.")
    assert ("John Smith", "worksFor", "General Motors") in rels
    assert ("Dieter Zetsche", "leaderOf", "General Motors") in rels
    rels, _ = relations_of("Russian markets fell. Russia closed them. Russia's government agreed. President Dmitry "
                           "Medvedev spoke. US President Barack Obama said so. Later President Obama agreed.")
    assert ("Dmitry Medvedev", "leaderOf", "Russia") in rels
    assert ("Barack Obama", "leaderOf", "United States") in rels
    assert ("Barack Obama", "leaderOf", "Russia") not in rels  # his role is stated elsewhere in the article


def test_no_focus_when_no_organization_stands_out():
    rels, _ = relations_of("Airbus and Boeing compete. Airbus won. Boeing lost. Chairman Jim Smith spoke.")
    assert not any(s == "Jim Smith" for s, _, _ in rels)


@pytest.mark.parametrize("text,fact", [
    ("Penske Auto selected to buy General Motors' Saturn unit.", ("Saturn", "partOf", "General Motors")),
    ("General Motors said that it would axe 10,000 jobs at its European division, Opel.", ("Opel", "partOf", "General Motors")),
    ("In 1996, following Apple Computer's purchase of NeXT, Jobs returned.", ("Apple Computer", "acquired", "NeXT")),
    ("Apple Computer was started by Steve Jobs and Steve Wozniak in 1976.", ("Steve Wozniak", "founded", "Apple Computer")),
    ("The jets are built at the main Airbus factory in Toulouse, France but not in Hamburg.", ("Airbus", "locatedIn", "Toulouse")),
    ("The jets are built at the main Airbus factory in Toulouse, France but not in Hamburg.", ("Toulouse", "locatedIn", "France")),
    ("Secretary of the Air Force James Roche wrote to him.", ("James Roche", "leaderOf", "Air Force")),
])
def test_units_purchases_founders_factories_and_heads_of_bodies(text, fact):
    rels, _ = relations_of(text)
    assert fact in rels


def test_a_child_named_before_its_parent_is_not_the_actor():
    rels, _ = relations_of("Northrop Grumman and Airbus parent EADS defeat Boeing.")
    assert ("EADS", "defeated", "Boeing") in rels
    assert ("Airbus", "defeated", "Boeing") not in rels


def test_a_company_named_after_its_parent_and_a_country_is_its_national_arm():
    rels, _ = relations_of("Ford said the government would help Ford Australia.")
    assert ("Ford Australia", "partOf", "Ford") in rels


@pytest.mark.parametrize("text,fact", [
    ("The ruling was explained by Michael R. Golden. Golden, the GAO's managing associate general counsel for "
     "procurement law, said so.", ("Golden", "worksFor", "GAO")),
    ("A third US car manufacturer, Ford Motor Company, has said that it can make it.",
     ("Ford Motor Company", "locatedIn", "United States")),
    ("The plan, the brainchild of Ford's Chief Executive Officer, William Clay Ford Jr., is to end losses.",
     ("William Clay Ford Jr.", "leaderOf", "Ford")),
    ("The UAW President Ron Gettelfinger and Vice President Gerald Bantom called the plan disappointing.",
     ("Gerald Bantom", "worksFor", "UAW")),
    ("Julien Talavan, a spokesman for Force Ouvriere, the main Airbus union in France, said so.",
     ("Force Ouvriere", "locatedIn", "France")),
])
def test_titles_and_seats_set_off_by_commas_or_shared_across_and(text, fact):
    rels, _ = relations_of(text)
    assert fact in rels


def test_forcing_is_ordering_and_calling_on_is_asking_but_calling_is_not():
    rels, _ = relations_of("The European Commission has forced Apple Inc. to lower its prices. Greenpeace called on "
                           "General Motors to cut emissions. Microsoft called Apple yesterday.")
    assert ("European Commission", "ordered", "Apple Inc.") in rels
    assert ("Greenpeace", "asked", "General Motors") in rels
    assert ("Microsoft", "asked", "Apple") not in rels


def test_places_in_a_region_of_a_country_and_a_countrys_city_of():
    rels, ex = relations_of("A United States airstrike hit a hospital in the city of Kunduz in northern Afghanistan. "
                            "The attack on the Army Public School in Pakistan's north-western city of Peshawar "
                            "killed 132 children.")
    assert ("Kunduz", "locatedIn", "Afghanistan") in rels
    assert ("Peshawar", "locatedIn", "Pakistan") in rels
    classes = {m.name: m.cls for m in ex.mentions}
    assert classes["Peshawar"] == "City"
    assert classes["Army Public School"] == "Organization"  # a school, though its name says "Army"


def test_a_leaders_works_for_triple_gives_way_to_leader_of():
    from kg.graph import build_graph
    from kg.ontology import KG
    ex = analyse_text("Apple executive Steve Jobs resigned. Apple CEO Steve Jobs spoke.", doc_date=date(2026, 1, 3))
    ents, index = resolve([ex])
    g = build_graph([ex], ents, index)
    assert len(list(g.triples((None, KG.leaderOf, None)))) == 1
    assert not list(g.triples((None, KG.worksFor, None)))


@pytest.mark.parametrize("text,fact", [
    ("Hamas fired rockets at Tel Aviv, the Israeli military said.", ("Hamas", "attacked", "Tel Aviv")),
    ("The Israeli army struck targets in Gaza City on Tuesday.", ("Israeli army", "attacked", "Gaza City")),
    ("The European Union imposed sanctions on Iran last week.", ("European Union", "sanctioned", "Iran")),
    ("The US military carried out strikes on Venezuela.", ("US military", "attacked", "Venezuela")),
    ("Donald Trump ordered attacks on targets in Venezuela.", ("Donald Trump", "ordered", "Venezuela")),
])
def test_attacks_and_sanctions_through_light_verbs_and_target_nouns(text, fact):
    rels, _ = relations_of(text)
    assert fact in rels


def test_ordering_attacks_is_not_attacking():
    rels, _ = relations_of("Donald Trump ordered attacks on targets in Venezuela.")
    assert ("Donald Trump", "attacked", "Venezuela") not in rels


@pytest.mark.parametrize("text,fact", [
    ("Olaf Scholz, a member of the Social Democratic Party, spoke.", ("Olaf Scholz", "memberOf", "Social Democratic Party")),
    ("Jane Roe, an analyst at Morgan Stanley, agreed.", ("Jane Roe", "worksFor", "Morgan Stanley")),
    ("Apple's Tim Cook spoke on Monday.", ("Tim Cook", "worksFor", "Apple")),
    ("Microsoft, founded by Bill Gates in 1975, rose.", ("Bill Gates", "founded", "Microsoft")),
])
def test_membership_employment_and_founding_in_appositions_and_possessives(text, fact):
    rels, _ = relations_of(text)
    assert fact in rels


def test_a_chief_of_one_function_does_not_lead_the_whole():
    rels, _ = relations_of("Peter Cardillo, chief market economist at Avalon Partners, commented. Ray Young, the chief "
                           "financial officer of General Motors, said so. Mary Barra, chairman and chief executive of "
                           "General Motors, spoke.")
    assert ("Peter Cardillo", "worksFor", "Avalon Partners") in rels
    assert ("Ray Young", "worksFor", "General Motors") in rels
    assert ("Mary Barra", "leaderOf", "General Motors") in rels
    assert not any(s in {"Peter Cardillo", "Ray Young"} and p == "leaderOf" for s, p, _ in rels)


def test_an_administration_is_named_after_the_person_without_the_title():
    ents, _ = entities_of("U.S. President Barack Obama's administration said it would not give more aid.")
    assert "Barack Obama administration" in ents


@pytest.mark.parametrize("text,fact", [
    ("Airbus is owned by European Aeronautic Defense & Space Company (EADS).",
     ("Airbus", "partOf", "European Aeronautic Defense & Space Company")),
    ("The trial will begin in the Royal Courts of Justice, located in central London.",
     ("Royal Courts of Justice", "locatedIn", "London")),
    ("Jobs spoke at Moscone Center in San Francisco, California on Monday.", ("Moscone Center", "locatedIn", "San Francisco")),
    ("Initially, the Italian company, Fiat, will appoint three members.", ("Fiat", "locatedIn", "Italy")),
    ("Whitey MacDonald, chairperson of the Canadian Auto Workers union, said so.",
     ("Whitey MacDonald", "leaderOf", "Canadian Auto Workers")),
    ("Charles O'Reilly, a management expert at Stanford University, stated it.",
     ("Charles O'Reilly", "worksFor", "Stanford University")),
    ("The Pentagon's Defense Intelligence Agency agreed.", ("Defense Intelligence Agency", "partOf", "Pentagon")),
])
def test_owners_seats_of_venues_and_more_roles(text, fact):
    rels, _ = relations_of(text)
    assert fact in rels


def test_a_one_word_person_also_read_as_an_organization_is_the_organization():
    text = ("Irish low cost airline, Ryanair, announced an order. This brings Ryanair's orders to 230. Ryanair CEO, "
            "Michael O'Leary, justified his choice.")
    rels, ex = relations_of(text)
    assert {m.cls for m in ex.mentions if m.name == "Ryanair"} <= {"Organization", "Company"}
    assert ("Michael O'Leary", "leaderOf", "Ryanair") in rels
    ents, _ = entities_of(text)
    assert ents["Ryanair"].cls in {"Organization", "Company"}


def test_a_name_recognised_once_is_found_where_ner_missed_it():
    rels, ex = relations_of("Apple unveiled a phone. Steve Jobs, founder of Apple, has chosen to step down. "
                            "Apple TV sold well.")
    assert ("Steve Jobs", "founded", "Apple") in rels
    assert sum(m.name == "Apple" for m in ex.mentions) == 2  # and not the "Apple" inside "Apple TV"


def test_an_organization_modifying_a_noun_is_not_placed_by_its_adjective():
    rels, _ = relations_of("Canadian Saturn dealers are not included. South Korea's Hyundai rose.")
    assert not any(s == "Saturn" and p == "locatedIn" for s, p, _ in rels)
    assert ("Hyundai", "locatedIn", "South Korea") in rels


@pytest.mark.parametrize("text,fact", [
    ("Ford rose. Ford said. Ford gained. \u201cResults show progress,\u201d said the firm's chief executive officer, "
     "Alan Mulally.", ("Alan Mulally", "leaderOf", "Ford")),
    ("The issue has not been as big, said Mike Gikas of Consumer Reports.", ("Mike Gikas", "worksFor", "Consumer Reports")),
    ("GM's share has been taken by Japanese manufacturers Toyota and Nissan.", ("Nissan", "locatedIn", "Japan")),
    ("Ford, the second of the big three American car manufacturers, beat predictions.", ("Ford", "locatedIn", "United States")),
    ("New Century Financial Corporation, the second largest sub-prime lender in the US, has revealed losses.",
     ("New Century Financial Corporation", "locatedIn", "United States")),
])
def test_more_roles_and_seats_news_states_in_passing(text, fact):
    rels, _ = relations_of(text)
    assert fact in rels


def test_a_seat_is_shared_only_by_a_plural_description_and_only_inside_an_apposition():
    rels, _ = relations_of("Boeing announced orders from German airline Air Berlin and Kuwait Airways. Bans were lifted "
                           "on Surinam carrier Blue Wing Airlines, the sanctions on Indonesian airlines remained.")
    assert ("Air Berlin", "locatedIn", "Germany") in rels
    assert ("Kuwait Airways", "locatedIn", "Germany") not in rels
    assert ("Blue Wing Airlines", "locatedIn", "Indonesia") not in rels


def test_the_government_of_a_country_is_its_government_body():
    rels, ex = relations_of("He thanked the government of Germany for its role. The governments of Canada and Ontario "
                            "agreed. The German government said no.")
    assert ("Government of Germany", "partOf", "Germany") in rels
    assert ("Government of Canada", "partOf", "Canada") in rels
    keys = {m.key for m in ex.mentions if m.name == "Government of Germany"}
    assert len(keys) == 1  # "the government of Germany" and "the German government" are one body


def test_an_organizations_facility_in_a_place_seats_it_but_its_sales_do_not():
    rels, _ = relations_of("Tesla's factory in Shanghai reopened. Apple's sales in China fell.")
    assert ("Tesla", "locatedIn", "Shanghai") in rels
    assert not any(s == "Apple" and p == "locatedIn" for s, p, _ in rels)


def test_a_secretary_of_a_body_heads_it_but_a_press_secretary_does_not():
    rels, _ = relations_of("Henry Paulson, the US Treasury Secretary, explained it. Pentagon press secretary John "
                           "Kirby spoke.")
    assert ("Henry Paulson", "leaderOf", "Treasury") in rels
    assert ("John Kirby", "worksFor", "Pentagon") in rels


def test_a_press_secretary_of_a_body_works_for_it():
    rels, _ = relations_of("Press secretary of the Pentagon John Kirby spoke.")
    assert ("John Kirby", "worksFor", "Pentagon") in rels
    assert ("John Kirby", "leaderOf", "Pentagon") not in rels
