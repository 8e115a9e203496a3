"""Relations of politics news: nationality from citizenship and national bodies, roles held before ("served as"),
possessive titles and party membership. Every sentence here is written for the test, with invented names."""

from __future__ import annotations

from datetime import date

import pytest

from kg.pipeline import analyse_text

pytestmark = pytest.mark.model


def relations_of(text: str) -> set[tuple[str, str, str]]:
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    return {(r.subj.name, r.pred, r.obj.name) for r in ex.relations}


def rules_of(text: str) -> dict[tuple[str, str, str], set[str]]:
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    out: dict[tuple[str, str, str], set[str]] = {}
    for r in ex.relations:
        out.setdefault((r.subj.name, r.pred, r.obj.name), set()).add(r.rule)
    return out


def test_a_member_of_a_national_parliament_is_a_national_not_a_member_of_the_country():
    found = relations_of("Jonas Keller, a member of the German parliament, criticised the plan.")
    assert ("Jonas Keller", "nationality", "Germany") in found
    assert ("Jonas Keller", "memberOf", "Germany") not in found


def test_an_embassy_is_no_national_body():
    found = rules_of("Jonas Keller, an official at the German embassy in Rabat, declined to comment.")
    assert not any("nationality:body" in rules for rules in found.values())


def test_dual_citizenship_gives_both_countries():
    found = relations_of("Karim Nasser, who holds German and Turkish citizenship, was arrested in Ankara.")
    assert {("Karim Nasser", "nationality", "Germany"), ("Karim Nasser", "nationality", "Turkey")} <= found


def test_a_citizen_of_a_country_is_read_by_its_own_rule():
    found = rules_of("Lea Moreau, a citizen of Belgium, was freed on Monday.")
    assert "nationality:of-country" in found.get(("Lea Moreau", "nationality", "Belgium"), set())


def test_a_role_served_is_former():
    ex = analyse_text("Tomas Ek served as defence minister of Chile until 2010.", doc_date=date(2026, 1, 3))
    roles = [r for r in ex.relations if r.rule == "role:copula"]
    assert [(r.subj.name, r.pred, r.obj.name, r.former) for r in roles] == [("Tomas Ek", "worksFor", "Chile", True)]


def test_a_possessive_with_a_bare_apostrophe_gives_the_role():
    found = relations_of("Norvik Motors' chief executive Jan Kors resigned on Friday.")
    assert ("Jan Kors", "leaderOf", "Norvik Motors") in found


def test_a_party_in_brackets_after_a_name_is_the_person_s_party_two_are_not():
    assert ("Greta Lind", "memberOf", "Green Party") in relations_of("Greta Lind (Green Party) criticised the plan.")
    found = relations_of("The Green Party and the Labour Party met. Greta Lind (Green Party, Labour Party) spoke.")
    assert not any(s == "Greta Lind" and p == "memberOf" for s, p, _ in found)


def test_a_place_inside_an_organization_s_name_is_no_employer():
    found = relations_of("Dirk Lang, of the Rostock-based Maritime Safety Society, spoke on Monday.")
    assert not any(s == "Dirk Lang" and o == "Rostock" for s, _, o in found)


def test_the_party_described_before_a_title_is_the_party_named_before():
    found = relations_of("The Green Unity Party lost the vote on Sunday. The party's leader Jan Kors resigned.")
    assert ("Jan Kors", "leaderOf", "Green Unity Party") in found
