"""Sport news: clubs and national teams named after places, competitions that are no entities.

Every sentence here is written for the test; the clubs and players are made up or only named as places."""

from __future__ import annotations

from datetime import date

import pytest

from kg.pipeline import analyse_text

pytestmark = pytest.mark.model

MATCH = ("Dortmund beat Bremen 2-1 on Saturday to stay top of the Bundesliga. Werder Bremen coach Jan Kuhl said "
         "his midfielders had played well. Dortmund striker Max Ebert scored twice before halftime, and "
         "goalkeeper Tom Brand saved a penalty. Argentina beat Switzerland 1-0 in the World Cup quarter-final. "
         "Argentina's coach praised his defenders. The fans in Munich celebrated in the stadium. German "
         "midfielder Paul Roth joined the squad.")


def classes(text: str) -> dict[str, set[str]]:
    ex = analyse_text(text, doc_date=date(2026, 1, 3))
    out: dict[str, set[str]] = {}
    for m in ex.mentions:
        if m.kind == "name":
            out.setdefault(m.name, set()).add(m.cls)
    return out


def test_clubs_named_after_cities_are_organizations_in_sport_news():
    found = classes(MATCH)
    assert found["Dortmund"] == {"Organization"}
    assert found["Bremen"] == {"Organization"}
    assert found["Werder Bremen"] == {"Organization"}
    assert found["Munich"] == {"City"}  # "the fans in Munich": the place


def test_a_country_as_a_side_of_a_match_is_its_national_team():
    found = classes(MATCH)
    assert found["Argentina"] == {"Organization"} and found["Switzerland"] == {"Organization"}


def test_competitions_and_stages_are_no_entities():
    found = classes(MATCH)
    assert not any(n in found for n in ("Bundesliga", "World Cup"))


def test_the_same_names_outside_sport_news_stay_places():
    found = classes("Dortmund and Bremen agreed on a new rail line on Monday. Argentina and Switzerland signed "
                    "a trade deal in Bern. The mayor of Dortmund welcomed the plan.")
    assert "Organization" not in found.get("Dortmund", set()) | found.get("Argentina", set())
