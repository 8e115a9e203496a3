"""Roles in politics and sport news: whose a title in apposition is, directors who head, places that employ no one,
players and coaches as members of their team. Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from kg.pipeline import analyse_text

pytestmark = pytest.mark.model


def relations_of(text: str) -> set[tuple[str, str, str]]:
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    return {(r.subj.name, r.pred, r.obj.name) for r in ex.relations}


def test_a_title_in_apposition_is_of_the_organization_not_the_place_after_in():
    found = relations_of("Jonas Berg, an economist at the Nordic Policy Institute in Hamburg, said prices would rise.")
    assert ("Jonas Berg", "worksFor", "Nordic Policy Institute") in found
    assert not any(o == "Hamburg" for s, p, o in found if s == "Jonas Berg" and p in {"worksFor", "leaderOf"})


def test_a_title_in_apposition_is_not_of_the_outlet_of_an_interview():
    found = relations_of("Karl Moser, the president of the Alpine Machinery Association in an interview with "
                         "Reuters, warned of tariffs.")
    assert not any(o == "Reuters" for s, _, o in found if s == "Karl Moser")


def test_a_country_that_only_qualifies_a_body_is_not_led_by_its_head():
    found = relations_of("Paul Brenner, the head of Germany's conference of interior ministers, backed the plan.")
    assert ("Paul Brenner", "leaderOf", "Germany") not in found


def test_the_director_of_an_organization_heads_it_a_director_of_sales_does_not():
    found = relations_of("Lena Vogt, director of the Baltic Rights Institute, criticised the law. Omar Said, "
                         "director of sales at Norvex Industries, was pleased.")
    assert ("Lena Vogt", "leaderOf", "Baltic Rights Institute") in found
    assert ("Omar Said", "leaderOf", "Norvex Industries") not in found


def test_a_professor_in_a_city_does_not_work_for_the_city():
    found = relations_of("Anna Kraus, a professor of architecture in Dresden, explained the design.")
    assert not any(o == "Dresden" for s, p, o in found if s == "Anna Kraus" and p in {"worksFor", "leaderOf"})


def test_a_deputy_leader_of_a_party_is_a_member():
    found = relations_of("Tomas Rees, the deputy leader of the opposition Green Unity Party, was arrested.")
    assert any(p == "memberOf" for s, p, _ in found if s == "Tomas Rees")


def test_players_and_coaches_are_members_of_their_team():
    found = relations_of("Dortmund beat Bremen 2-1 on Saturday. Dortmund striker Max Ebert scored twice before "
                         "halftime, and the goalkeeper saved a penalty. Bremen coach Jan Kuhl praised his "
                         "midfielders and defenders after the match in the Bundesliga.")
    assert ("Max Ebert", "memberOf", "Dortmund") in found
    assert ("Jan Kuhl", "memberOf", "Bremen") in found


def test_a_clause_after_a_comma_that_opens_with_a_preposition_is_no_apposition():
    found = relations_of("The plan is sound, said Petra Holm, with French Interior Minister Luc Moreau beside her.")
    assert not any(s == "Petra Holm" and o == "France" for s, _, o in found)
    assert ("Luc Moreau", "worksFor", "France") in found


def test_in_a_list_of_names_a_title_before_a_name_is_the_next_ones():
    found = relations_of("On stage were the minister, Clara Jung, Altdorf's mayor, Timo Brandt, and two pupils.")
    assert not any(s == "Clara Jung" and p == "leaderOf" for s, p, _ in found)


def test_a_country_named_before_expert_is_a_topic_not_a_nationality():
    found = relations_of("Nadia Perez, a Haiti expert at the Global Rights Watch, said the report was late.")
    assert ("Nadia Perez", "nationality", "Haiti") not in found


def test_a_country_adjective_before_a_noun_of_an_agent_gives_a_nationality():
    assert ("Jonas Lind", "nationality", "Sweden") in relations_of("The champion beat Swedish challenger Jonas Lind.")


def test_an_expert_at_a_body_works_for_it_not_for_the_region_of_the_expertise():
    found = relations_of("Dana Tull, an Africa expert at the Nordic Institute for Security Affairs, said so. "
                         "Jonas Weber, an expert on energy policy at the Baltic Council of Trade in Riga, agreed.")
    assert ("Dana Tull", "worksFor", "Nordic Institute for Security Affairs") in found
    assert ("Jonas Weber", "worksFor", "Baltic Council of Trade") in found
    assert not any(s == "Dana Tull" and o == "Africa" for s, _, o in found)


def test_a_title_with_of_is_read_by_the_word_before_of():
    assert ("Mary Dalton", "worksFor", "United States") in relations_of(
        "US Secretary of State Mary Dalton flew to Oslo on Monday.")


def test_an_outlets_journalist_named_with_a_possessive():
    found = relations_of("The minister told Fox News' Laura Finch that the plan was sound.")
    assert ("Laura Finch", "worksFor", "Fox News") in found


def test_a_birthplace_before_a_title_is_not_whom_the_person_serves():
    found = relations_of("The cabinet includes Peru-born Finance Minister Elena Castro and Economy Minister Jan Holm.")
    assert not any(o == "Peru" and p in {"worksFor", "leaderOf"} for _, p, o in found)


def test_said_x_from_a_body_works_for_the_body_not_for_a_name_inside_its_name():
    found = relations_of("It was good, said Vera Lind from the Chekhov Museum in Moscow. It was risky, said Tom "
                         "Hale from the Atlantic Policy Institute.")
    assert ("Tom Hale", "worksFor", "Atlantic Policy Institute") in found
    assert not any(s == "Vera Lind" and o == "Chekhov" for s, _, o in found)
