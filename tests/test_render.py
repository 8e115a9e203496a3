"""The graph page from small hand-made graphs: what it contains, what it never contains."""

from __future__ import annotations

import json
import random
import re
from datetime import date
from decimal import Decimal

import rdflib.namespace as ns
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.ontology import DCTERMS, GEONAMES, ID, KG, SEM, bind_prefixes
from kg.render import MAX_ENTITIES, page_data, render_html, script_json

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'


def ent(name: str) -> URIRef:
    return ID[f"entity/{name}"]


def art(name: str) -> URIRef:
    return ID[f"article/{name}"]


def add_entity(g: Graph, name: str, cls: str, label: str, *, aliases=(), mentions=1, articles=("a1",),
               same_as=None) -> URIRef:
    node = ent(name)
    g.add((node, RDF.type, KG[cls]))
    g.add((node, RDFS.label, Literal(label)))
    for alias in aliases:
        g.add((node, SKOS.altLabel, Literal(alias)))
    for a in articles:
        g.add((node, KG.mentionedIn, art(a)))
    g.add((node, KG.mentionCount, Literal(mentions)))
    if same_as:
        g.add((node, OWL.sameAs, URIRef(same_as)))
    return node


def add_statement(g: Graph, key: str, s: URIRef, pred: str, o: URIRef, sentence: str, confidence: float, *,
                  article="a1", when: date | None = None, according: URIRef | None = None) -> URIRef:
    g.add((s, KG[pred], o))
    st = ID[f"statement/{article}/{key}"]
    g.add((st, RDF.type, KG.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, KG[pred]))
    g.add((st, RDF.object, o))
    g.add((st, KG.sentence, Literal(sentence)))
    g.add((st, KG.confidence, Literal(Decimal(str(confidence)), datatype=ns.XSD.decimal)))
    g.add((st, KG.rule, Literal("test-rule")))
    g.add((st, PROV.wasDerivedFrom, art(article)))
    if when:
        g.add((st, KG.date, Literal(when, datatype=ns.XSD.date)))
    if according is not None:
        g.add((st, KG.accordingTo, according))
    return st


def add_event(g: Graph, key: str, cls: str, when: date | None, sentence: str, confidence: float, *,
              actors=(), targets=(), places=(), article="a1", casualties=None) -> URIRef:
    node = ID[f"event/{article}/{key}"]
    g.add((node, RDF.type, KG[cls]))
    g.add((node, RDFS.label, Literal(f"{cls} ({key})")))
    g.add((node, KG.trigger, Literal(key)))
    for prop, items in ((SEM.hasActor, actors), (KG.hasTarget, targets), (SEM.hasPlace, places)):
        for item in items:
            g.add((node, prop, item))
    if when:
        g.add((node, KG.date, Literal(when, datatype=ns.XSD.date)))
    if casualties is not None:
        g.add((node, KG.casualties, Literal(casualties)))
    g.add((node, KG.sentence, Literal(sentence)))
    g.add((node, KG.confidence, Literal(Decimal(str(confidence)), datatype=ns.XSD.decimal)))
    g.add((node, PROV.wasDerivedFrom, art(article)))
    return node


def small_graph() -> Graph:
    """Two articles, five entities (one named with markup), three relations and two events."""
    g = bind_prefixes(Graph())
    for name, day, source in (("a1", 3, "news/one.txt"), ("a2", 5, "news/two.txt")):
        g.add((art(name), RDF.type, KG.Article))
        g.add((art(name), RDFS.label, Literal(name)))
        g.add((art(name), DCTERMS.date, Literal(date(2026, 1, day), datatype=ns.XSD.date)))
        g.add((art(name), KG.sourceFile, Literal(source)))
    ruler = add_entity(g, "ada-ruler", "Person", "Ada Ruler", aliases=("Ruler", "Señora Ruler"), mentions=4,
                       articles=("a1", "a2"))
    land = add_entity(g, "norland", "Country", "Norland", aliases=("the Norlanders",), mentions=6,
                      same_as=GEONAMES["1234567/"])
    city = add_entity(g, "port-city", "City", "Port City", mentions=2, same_as="javascript:alert(1)")
    wire = add_entity(g, "wire-agency", "NewsOrganization", "Wire Agency", mentions=1)
    evil = add_entity(g, "evil", "Organization", SCRIPT, aliases=(IMG,), mentions=1)
    add_statement(g, "s1", ruler, "leaderOf", land, "Ada Ruler, the president of Norland, spoke.", 0.9,
                  when=date(2026, 1, 2), according=wire)
    add_statement(g, "s2", ruler, "leaderOf", land, "Norland's leader Ruler said so.", 0.7, article="a2")
    add_statement(g, "s3", land, "borders", city, "Norland borders Port City.", 0.6)
    add_statement(g, "s4", evil, "relatedTo", land, f"Odd text {SCRIPT} and {IMG} here.", 0.3)
    add_event(g, "strike", "Attack", date(2026, 1, 3), "Norland struck Port City on Saturday.", 0.8,
              actors=(land,), targets=(city,), places=(city,), casualties=3)
    add_event(g, "start", "Launch", date(2026, 1, 10), "Ruler launched a plan.", 0.6, actors=(ruler,), article="a2")
    return g


def data_of(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "the page carries its data as JSON"
    return json.loads(m.group(1))


def test_page_is_self_contained():
    page = render_html(small_graph())
    assert not re.search(r"<script[^>]*\ssrc=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page, re.I)
    assert "vis.Network" in page and "var network" in page
    assert "default-src 'none'" in page  # nothing in the page may reach the network


def test_data_holds_entities_with_names_classes_and_links():
    data = data_of(render_html(small_graph()))
    by_label = {n["label"]: n for n in data["nodes"] if n["kind"] == "entity"}
    assert set(by_label) == {"Ada Ruler", "Norland", "Port City", "Wire Agency", SCRIPT}
    ruler = by_label["Ada Ruler"]
    assert ruler["cls"] == "Person" and ruler["aliases"] == ["Ruler", "Señora Ruler"] and ruler["mentions"] == 4
    assert ruler["articles"] == [str(art("a1")), str(art("a2"))]
    assert by_label["Norland"]["links"] == ["https://sws.geonames.org/1234567/"]
    assert by_label["Port City"]["links"] == []  # not a web link: never offered
    assert by_label["Norland"]["centrality"] > by_label["Wire Agency"]["centrality"]
    classes = {c["id"]: c for c in data["classes"]}
    assert classes["NewsOrganization"]["label"] == "News organization"
    assert classes["Person"]["shape"] != classes["Country"]["shape"]
    assert classes["Attack"]["kind"] == "event"


def test_relations_carry_property_labels_and_their_statements():
    data = data_of(render_html(small_graph()))
    edges = {(e["pred"], e["from"]): e for e in data["edges"]}
    lead = edges[("leaderOf", str(ent("ada-ruler")))]
    assert lead["label"] == "leader of" and lead["confidence"] == 0.9 and not lead["symmetric"]
    assert [s["sentence"] for s in lead["statements"]] == [
        "Ada Ruler, the president of Norland, spoke.", "Norland's leader Ruler said so."]
    first = lead["statements"][0]
    assert first["according"] == "Wire Agency" and first["date"] == "2026-01-02"
    assert first["article"] == str(art("a1")) and first["rule"] == "test-rule"
    assert edges[("borders", str(ent("norland")))]["symmetric"] is True
    assert {t["id"] for t in data["relationTypes"]} == {"leaderOf", "borders", "relatedTo", "hasActor",
                                                         "hasTarget", "hasPlace"}
    meta = data["meta"]
    assert (meta["entities"], meta["relations"], meta["statements"], meta["events"]) == (5, 3, 4, 2)
    assert meta["articleDates"] == ["2026-01-03", "2026-01-05"]
    assert meta["factDates"] == ["2026-01-02", "2026-01-10"]
    assert [a["source"] for a in meta["articles"]] == ["news/one.txt", "news/two.txt"]


def test_events_have_dates_roles_and_provenance():
    data = data_of(render_html(small_graph()))
    events = {n["cls"]: n for n in data["nodes"] if n["kind"] == "event"}
    attack = events["Attack"]
    assert attack["date"] == "2026-01-03" and attack["counts"] == {"casualties": [3]}
    assert attack["statements"][0]["sentence"] == "Norland struck Port City on Saturday."
    assert attack["clsLabel"] == "Attack" and attack["confidence"] == 0.8
    roles = sorted((e["label"], e["to"]) for e in data["edges"] if e.get("role") and e["from"] == attack["id"])
    land, city = str(ent("norland")), str(ent("port-city"))
    assert roles == [("actor", land), ("place", city), ("target", city)]
    assert events["Launch"]["date"] == "2026-01-10"


def test_article_text_cannot_open_markup():
    page = render_html(small_graph())
    assert SCRIPT not in page and IMG not in page and "<img" not in page
    # the only closing script tags are those of the page's own script elements
    assert page.count("</script") == len(re.findall(r"^<script", page, re.M)) == 5
    data = data_of(page)
    assert SCRIPT in {n["label"] for n in data["nodes"]}
    relation = next(e for e in data["edges"] if e["pred"] == "relatedTo")
    assert relation["statements"][0]["sentence"] == f"Odd text {SCRIPT} and {IMG} here."


def test_script_json_escapes_markup_characters():
    text = script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_placeholder_text_in_a_name_stays_text():
    g = small_graph()
    add_entity(g, "braces", "Person", "{{PAGE_JS}} {{DATA}}")
    page = render_html(g)
    assert "{{PAGE_JS}} {{DATA}}" in {n["label"] for n in data_of(page)["nodes"]}
    assert page.count("function focusNode") == 1


def test_page_title_is_escaped():
    page = render_html(small_graph(), title="<b>News</b> & more")
    assert "<title>&lt;b&gt;News&lt;/b&gt; &amp; more</title>" in page


def test_empty_graph_gives_a_page():
    data = data_of(render_html(Graph()))
    assert data["nodes"] == [] and data["edges"] == [] and data["meta"]["articleDates"] is None


def star_graph(n: int) -> Graph:
    """A hub related to the first half of n entities; the others stand alone."""
    g = bind_prefixes(Graph())
    hub = add_entity(g, "hub", "Country", "Hub", mentions=1)
    rng = random.Random(3)
    for i in range(n - 1):
        node = add_entity(g, f"e{i}", rng.choice(["Person", "Organization", "City"]), f"Entity {i}", mentions=1)
        if i < n // 2:
            g.add((node, KG.locatedIn, hub))
    return g


def test_beyond_the_limit_the_most_connected_are_kept():
    data = page_data(star_graph(60), max_entities=10)
    ids = {n["id"] for n in data["nodes"]}
    assert len(ids) == 10 and str(ent("hub")) in ids
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"]) and len(data["edges"]) == 9
    meta = data["meta"]
    assert (meta["entities"], meta["shownEntities"], meta["hiddenEntities"]) == (60, 10, 50)


def test_default_limit_keeps_two_thousand():
    data = page_data(star_graph(MAX_ENTITIES + 50))
    assert MAX_ENTITIES == 2000
    assert data["meta"]["shownEntities"] == 2000 and data["meta"]["hiddenEntities"] == 50
    assert sum(1 for n in data["nodes"] if n["kind"] == "entity") == 2000


def test_a_node_is_drawn_with_its_most_specific_class():
    g = small_graph()
    g.add((ent("wire-agency"), RDF.type, KG.Organization))
    g.add((ID["event/a1/strike"], RDF.type, KG.Event))
    nodes = {n["id"]: n for n in page_data(g)["nodes"]}
    assert nodes[str(ent("wire-agency"))]["cls"] == "NewsOrganization"
    assert nodes[str(ID["event/a1/strike"])]["cls"] == "Attack"


def test_large_graphs_start_from_a_layout_small_ones_leave_it_to_the_browser():
    assert all("x" not in n for n in page_data(small_graph())["nodes"])
    nodes = page_data(star_graph(400))["nodes"]
    points = {(n["x"], n["y"]) for n in nodes}
    assert len(points) == len(nodes) == 400  # every node placed, no two on the same spot
    hub = next(n for n in nodes if n["label"] == "Hub")
    leaf = next(n for n in nodes if n["label"] == "Entity 0")
    assert abs(leaf["x"] - hub["x"]) + abs(leaf["y"] - hub["y"]) < 2000  # linked entities start close


def test_an_event_lists_its_reports_by_publication_and_marks_disputes():
    from kg.ontology import GAF
    from tests.handmade import handmade_graph

    g = handmade_graph()
    explosion = next(g.subjects(RDF.type, KG.Explosion))
    mention = next(g.objects(explosion, GAF.denotedBy))
    g.add((mention, KG.casualties, Literal(32)))  # a second figure: the reports now disagree
    g.add((explosion, KG.casualties, Literal(32)))
    data = page_data(g)
    (ev,) = [n for n in data["nodes"] if n["id"] == str(explosion)]
    assert ev["reports"] == 2 and ev["outlets"] == 2
    assert [s["published"] for s in ev["statements"]] == ["2026-01-03", "2026-01-05"]
    assert ev["counts"] == {"casualties": [32, 40]} and ev["disputed"] == ["casualties", "date"]  # the dates differ too
    assert [s["counts"] for s in ev["statements"]] == [{"casualties": 32}, {"casualties": 40}]
