"""Event coreference: reports of one event in several articles become one event with one report each."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from kg.events_resolve import date_window
from kg.ontology import GAF, KG, SEM
from kg.pipeline import build
from kg.validate import validate_graph

ARTICLES = Path(__file__).resolve().parent.parent / "gold" / "events" / "articles"


def events_by_place(g: Graph) -> dict[str, URIRef]:
    out = {}
    for ev in g.subjects(RDF.type, KG.Attack):
        for place in list(g.objects(ev, SEM.hasPlace)) + list(g.objects(ev, KG.hasTarget)):
            out.setdefault(str(place).rsplit("/", 1)[-1], ev)
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("events")
    return build([ARTICLES], out, write=False).graph


def test_reports_of_one_event_in_three_articles_are_one_event(built):
    lviv = events_by_place(built)["lviv"]
    reports = set(built.objects(lviv, GAF.denotedBy))
    assert len(reports) == 5  # a struck, "the strikes"; b attacked, "the attack"; c attack
    articles = {str(built.value(r, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))).rsplit("/", 1)[-1] for r in reports}
    assert articles == {"wire-a", "wire-b", "broadcaster-c"}
    assert built.value(lviv, KG.reportCount) == Literal(5) and built.value(lviv, KG.articleCount) == Literal(3)
    assert (lviv, RDF.type, KG.Attack) in built


def test_figures_that_disagree_stay_with_their_reports(built):
    lviv = events_by_place(built)["lviv"]
    assert {int(v) for v in built.objects(lviv, KG.casualties)} == {12, 9}
    by_article = {}
    for r in built.objects(lviv, GAF.denotedBy):
        for v in built.objects(r, KG.casualties):
            by_article[str(built.value(r, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))).rsplit("/", 1)[-1]] = int(v)
    assert by_article == {"wire-a": 12, "wire-b": 9, "broadcaster-c": 12}


def test_best_date_and_range(built):
    beirut = events_by_place(built)["beirut"]
    assert built.value(beirut, SEM.hasTimeStamp) == Literal(date(2026, 2, 11))
    assert built.value(beirut, SEM.hasEarliestBeginTimeStamp) <= built.value(beirut, SEM.hasTimeStamp)
    assert built.value(beirut, SEM.hasLatestEndTimeStamp) >= built.value(beirut, SEM.hasTimeStamp)


def test_another_place_is_another_event(built):
    events = events_by_place(built)
    assert events["damascus"] != events["beirut"]
    assert len(set(built.objects(events["damascus"], GAF.denotedBy))) == 1
    assert len(set(built.subjects(RDF.type, KG.Attack))) == 3


def test_mention_has_trigger_offsets_in_the_file(built):
    for mention in built.subjects(RDF.type, KG.EventMention):
        source = str(built.value(built.value(mention, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")), KG.sourceFile))
        text = Path(source).read_text(encoding="utf-8")
        start, end = int(built.value(mention, KG.triggerStart)), int(built.value(mention, KG.triggerEnd))
        assert text[start:end] == str(built.value(mention, KG.trigger))


def test_events_graph_conforms(built):
    report = validate_graph(built)
    assert report.conforms, report.text()


def test_adding_a_report_extends_the_known_event(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("wire-a.txt", "paper-d.txt"):
        shutil.copy(ARTICLES / name, inputs / name)
    out = tmp_path / "out"
    first = build([inputs], out).graph
    assert len(set(first.objects(events_by_place(first)["lviv"], GAF.denotedBy))) == 2
    shutil.copy(ARTICLES / "wire-b.txt", inputs / "wire-b.txt")
    second = build([inputs], out)
    assert second.reused == 2 and second.analysed == 1
    lviv = events_by_place(second.graph)["lviv"]
    assert len(set(second.graph.objects(lviv, GAF.denotedBy))) == 4
    fresh = build([inputs], tmp_path / "fresh")
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "fresh" / "graph.ttl").read_bytes()
    assert fresh.analysed == 3


def test_date_window_follows_precision():
    assert date_window(date(2026, 2, 10), date(2026, 2, 11)) == (date(2026, 2, 9), date(2026, 2, 11))
    assert date_window(date(2026, 2, 1), None) == (date(2026, 1, 31), date(2026, 3, 1))  # "in February"
    assert date_window(None, date(2026, 2, 11)) == (date(2026, 2, 4), date(2026, 2, 11))
    assert date_window(None, None) == (None, None)


def test_two_things_one_speaker_said_are_two_statements(tmp_path):
    (tmp_path / "talk.txt").write_text("date 2026-02-11\nMaria Lopez said the plant in Lyon was closed on Monday.\n"
                                       "Maria Lopez also said the workers were safe.\n", encoding="utf-8")
    g = build([tmp_path / "talk.txt"], tmp_path / "out", write=False).graph
    assert len(set(g.subjects(RDF.type, KG.PublicStatement))) == 2


def _events_of(tmp_path, text: str) -> Graph:
    (tmp_path / "report.txt").write_text(f"date 2026-02-11\n{text}\n", encoding="utf-8")
    return build([tmp_path / "report.txt"], tmp_path / "out", write=False).graph


def test_an_explosion_is_caused_by_the_attack_not_merged_with_it(tmp_path):
    g = _events_of(tmp_path, "Rebel drones struck the refinery in Harwick on Monday, causing an explosion at the "
                             "refinery in Harwick. A large explosion in Harwick followed the attack.")
    attacks, explosions = set(g.subjects(RDF.type, KG.Attack)), set(g.subjects(RDF.type, KG.Explosion))
    assert len(attacks) == 1 and len(explosions) == 1
    assert list(g.objects(explosions.pop(), KG.causedBy)) == [attacks.pop()]
    assert validate_graph(g).conforms


def test_deaths_told_apart_are_caused_by_their_crash(tmp_path):
    g = _events_of(tmp_path, "A cargo plane of Tarn Air crashed near Velmont on Sunday. Rescue teams searched the site. "
                             "At least 14 people were killed.")
    crashes = set(g.subjects(RDF.type, KG.Crash))
    assert len(crashes) == 1
    causes = [c for e in g.subjects(KG.causedBy, None) for c in g.objects(e, KG.causedBy)]
    counted = [e for e in g.subjects(KG.casualties, None) if (e, RDF.type, KG.Crash) in g]
    assert causes == list(crashes) or counted  # a death toll is linked to its crash or counted on it


def test_an_explosion_far_from_an_attack_has_no_cause(tmp_path):
    g = _events_of(tmp_path, "Rebel drones attacked the port of Harwick on Monday. Officials met in Velmont. "
                             "Traders met in Velmont. Farmers met in Velmont. A gas explosion hit a bakery in Velmont.")
    assert not list(g.subjects(KG.causedBy, None))


def _same_word_reports(n: int):
    """n articles of one day, each reporting that one index fell: one event of no typed kind."""
    from kg.extract.event_types import GENERIC
    from kg.records import Document, Event, Extraction, Mention
    from kg.resolve import Entity
    exs, index = [], {}
    ent = Entity(key="org:index", cls="Organization", label="Index")
    for i in range(n):
        m = Mention(0, 5, "Index", "Index", "Organization", "ORG", 0)
        ev = Event(kind=GENERIC, trigger="fell", start=6, end=10, sent=0, rule="event:verb:fall", confidence=0.5,
                   actors=(m,), args=("shares",))
        doc = Document(text="Index fell.", source=f"a{i}", doc_id=f"a{i:06d}", date=date(2026, 1, 5))
        exs.append(Extraction(doc=doc, sentences=[], mentions=[m], events=[ev]))
        index[(doc.doc_id, m)] = ent
    return exs, index


def test_clustering_many_reports_of_one_event_is_linear(monkeypatch):
    # counts the word comparisons rather than timing them: a cluster's words are kept as it grows, so each
    # report compares with a bounded number of them, not with every report before it
    import kg.events_resolve as er
    calls = [0]
    real = er.same_word

    def counting(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(er, "same_word", counting)
    work = {}
    for n in (200, 800):
        calls[0] = 0
        clusters = er.cluster_events(*_same_word_reports(n))
        assert len(clusters) == 1 and len(clusters[0].mentions) == n
        work[n] = calls[0]
    assert work[800] <= 5 * work[200], work


def _clusters_of(text: str, doc_date: date = date(2026, 3, 9)) -> list[list[str]]:
    """The triggers of each event of one article (actions of no typed kind included), in text order."""
    from kg.events_resolve import cluster_events
    from kg.pipeline import analyse_text
    from kg.resolve import resolve

    ex = analyse_text(text, doc_date=doc_date)
    _, index = resolve([ex])
    return sorted([m.event.trigger for m in c.mentions] for c in cluster_events([ex], index, bare_actions=True))


def test_a_headline_and_its_lead_tell_one_event():
    # the headline's "launches" and the lead's "launched" name different things, yet are one launch
    clusters = _clusters_of("Orbis launches cheaper phone\n\nThe Danish maker Orbis launched a new version of its "
                            "handset on Monday. Analysts expect strong sales.\n")
    assert ["launches", "launched"] in clusters
    # without a headline, two launches of different things stay two
    clusters = _clusters_of("Orbis launched a phone on Monday. Velmar launched a tablet on Monday.\n")
    assert ["launched"] in clusters and ["launches", "launched"] not in clusters


def test_an_undated_mention_joins_the_dated_event_of_its_article():
    # the article tells a suspension of March 2021 and comes back to it undated, a year later
    clusters = _clusters_of("Regulators suspended trading in Orbis shares on March 3, 2021. Investors criticised "
                            "the suspension at the time.\n", doc_date=date(2022, 5, 1))
    assert ["suspended", "suspension"] in clusters


def test_a_noun_meets_its_verb_told_earlier_without_sharing_an_argument():
    clusters = _clusters_of("Orbis cancelled the deal with Velmar on Monday. The cancellation surprised analysts.\n")
    assert ["cancelled", "cancellation"] in clusters


EXPLOSION = "date 2026-02-11\nA large explosion hit the refinery in Harwick on Monday, witnesses said.\n"
ATTACK = "date 2026-02-12\nRebel drones attacked the refinery in Harwick on Monday, the regional governor said.\n"


def test_an_explosion_is_caused_by_the_attack_another_article_reports(tmp_path):
    for name, text in (("explosion", EXPLOSION), ("attack", ATTACK),
                       ("elsewhere", ATTACK.replace("Harwick", "Velmont").replace("02-12", "02-13"))):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    g = build([tmp_path], tmp_path / "out", write=False).graph
    (explosion,) = set(g.subjects(RDF.type, KG.Explosion))
    (cause,) = g.objects(explosion, KG.causedBy)
    assert (cause, RDF.type, KG.Attack) in g
    assert any("harwick" in str(p) for p in [*g.objects(cause, SEM.hasPlace), *g.objects(cause, KG.hasTarget)])
    assert len(set(g.subjects(RDF.type, KG.Attack))) == 2  # the attack on Velmont causes nothing in Harwick
    assert validate_graph(g).conforms


def test_a_country_both_name_is_no_common_scene_for_a_cause_elsewhere(tmp_path):
    (tmp_path / "explosion.txt").write_text(
        "date 2026-02-11\nA large explosion hit a market in Norway on Monday, witnesses said.\n", encoding="utf-8")
    (tmp_path / "attack.txt").write_text(
        "date 2026-02-11\nRebel drones attacked an airbase in Norway on Monday, officials said.\n", encoding="utf-8")
    g = build([tmp_path], tmp_path / "out", write=False).graph
    assert set(g.subjects(RDF.type, KG.Explosion)) and set(g.subjects(RDF.type, KG.Attack))
    assert not list(g.subjects(KG.causedBy, None))


def test_an_incremental_build_links_an_effect_to_a_cause_reported_later(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "explosion.txt").write_text(EXPLOSION, encoding="utf-8")
    out = tmp_path / "out"
    first = build([inputs], out).graph
    assert not list(first.subjects(KG.causedBy, None))
    (inputs / "attack.txt").write_text(ATTACK, encoding="utf-8")
    second = build([inputs], out)
    assert second.analysed == 1 and len(list(second.graph.subjects(KG.causedBy, None))) == 1
    build([inputs], tmp_path / "fresh")
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "fresh" / "graph.ttl").read_bytes()


def test_a_clause_does_not_join_an_action_only_a_noun_named():
    # "the sale of Orbis shares" and "Velmar sold shares" share a word and an argument, yet are two sales
    clusters = _clusters_of("The sale of Orbis shares worried investors. Velmar sold shares.\n")
    assert ["sale"] in clusters and ["sold"] in clusters


def test_a_verb_that_names_nothing_does_not_join_on_its_word_alone():
    clusters = _clusters_of("Orbis shares fell sharply. The Nikkei closed lower after falling for a week.\n")
    assert ["fell"] in clusters and ["falling"] in clusters


def test_a_headline_that_names_its_actor_otherwise_tells_the_event_of_its_lead():
    # a statement told in the headline by a country and in the lead by its minister: one statement
    clusters = _clusters_of("Canada announces new visa rules\n\nImmigration minister Tove Berg announced new "
                            "rules for student visas on Monday.\n")
    assert ["announces", "announced"] in clusters


def test_plans_and_intentions_are_one_word():
    clusters = _clusters_of("Orbis plans new plant\n\nThe carmaker Orbis intends to open a plant in Velmar next year.\n")
    assert ["plans", "intends"] in clusters


def test_across_articles_a_shared_country_does_not_make_one_action():
    from kg.events_resolve import cluster_events
    from kg.pipeline import analyse_text
    from kg.resolve import resolve

    texts = ("The stock exchange in Toronto opened higher in Canada on Monday.", "A new casino opened in Canada on Monday.")
    exs = [analyse_text(t, doc_date=date(2026, 3, 2), doc_id=f"a{i}") for i, t in enumerate(texts)]
    _, index = resolve(exs)
    opened = [c for c in cluster_events(exs, index, bare_actions=True) if c.first.event.trigger == "opened"]
    assert sorted(len(c.mentions) for c in opened) == [1, 1]
