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
