"""Relations kg adds from its background knowledge, not from what a sentence states.

`locatedIn:gazetteer`: a city or province the article names is located in the country the gazetteer puts
it in, when the article names that country too. The statement carries `kg:background true`, a lower
confidence, and the sentence that names the place; a place the text locates anywhere keeps only what the
text says. Off unless asked for (`graph.build_graph(..., gazetteer_places=True)`, `kg evaluate
--gazetteer-places`): see docs/QUALITY.md, "Located in from the gazetteer", for its precision.
"""

from __future__ import annotations

from .. import lexicon as L
from ..records import Mention, Relation

RULE = "locatedIn:gazetteer"
CONFIDENCE = 0.6
_PLACE_CLASSES = {"City", "Location"}


def _gazetteer_countries(m: Mention) -> set[str]:
    """The ISO codes of the countries the gazetteer has a city, US state or province of this name in."""
    key = L.fold(m.name)
    if not key or L.lookup_country(m.name) or L.lookup_demonym(m.name):
        return set()
    places = (L.regions().get(key), L.cities().get(key), L.subdivisions().get(key))
    return {p.iso for p in places if p is not None and p.iso} | (set(L.subdivision_countries().get(key, "").split(","))
                                                                 - {""})


def gazetteer_places(mentions: list[Mention], stated: list[Relation]) -> list[Relation]:
    """For each place named by the article and located nowhere by its text, `locatedIn` the country the
    gazetteer gives it, when the article names that country and the gazetteer knows places of that name in
    no other country; linear in the mentions."""
    located = {r.subj.name for r in stated if r.pred in {"locatedIn", "partOf"}}
    countries: dict[str, Mention] = {}
    for m in mentions:
        if m.cls == "Country" and m.kind == "name":
            country = L.lookup_country(m.name)
            if country is not None and country.iso:
                countries.setdefault(country.iso, m)
    out: list[Relation] = []
    seen: set[str] = set()
    for m in mentions:
        if m.cls not in _PLACE_CLASSES or m.kind != "name" or m.name in located or m.name in seen:
            continue
        seen.add(m.name)
        isos = _gazetteer_countries(m)
        # a name of places in two countries ("Ontario": a province of Canada, a city of California): none
        country = countries.get(next(iter(isos))) if len(isos) == 1 else None
        if country is not None and country.name != m.name:
            out.append(Relation(subj=m, pred="locatedIn", obj=country, sent=m.sent, rule=RULE,
                                confidence=CONFIDENCE, background=True))
    return out
