"""The scorer on hand-made predictions, the MEANTIME converter, and kg on the development gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluation.scorer import (GoldArticle, GoldEntity, GoldRelation, PredEntity, Prediction, PredRelation,
                                  load_gold, parse_gold, score_entities, score_relations)

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold"
SEED = ROOT / "seeds" / "venezuela-2026-01-03.txt"
MEANTIME_SAMPLE = [GOLD / "meantime" / f"meantime-{n}.json" for n in ("143480", "264435", "62929")]
# CI lays a copy of shared/ beside the clone; a developer's machine has it at /work/shared
MEANTIME_XML = next((p for p in (ROOT.parent / "shared/data/meantime/intra_cross-doc_annotation",
                                 Path("/work/shared/data/meantime/intra_cross-doc_annotation")) if p.is_dir()),
                    ROOT.parent / "shared/data/meantime/intra_cross-doc_annotation")


def article(entities, **kw) -> GoldArticle:
    return GoldArticle(id="a", corpus="t", path="a.json", text="", date=None,
                       entities=[GoldEntity(c, n) for c, n in entities], **kw)


def kinds(score) -> list[str]:
    return sorted(e.kind for e in score.errors)


# ---------------------------------------------------------------- entities

def test_alias_and_folded_names_match():
    gold = article([("Person", ["Nicolás Maduro", "Maduro"]), ("Country", ["United States", "US"])])
    pred = [PredEntity("Person", ["Nicolas Maduro"]), PredEntity("Country", ["the US's"])]
    sc = score_entities(gold, pred)
    assert (sc.total.tp, sc.total.fp, sc.total.fn) == (2, 0, 0)
    assert sc.errors == []


def test_duplicate_node_is_a_false_positive():
    gold = article([("Person", ["Donald Trump", "Trump"])])
    pred = [PredEntity("Person", ["Donald Trump"]), PredEntity("Person", ["Trump"])]
    sc = score_entities(gold, pred)
    assert (sc.total.tp, sc.total.fp, sc.total.fn) == (1, 1, 0)
    assert kinds(sc) == ["duplicate"]


def test_wrong_class_counts_as_false_positive_and_false_negative():
    gold = article([("Organization", ["Ryanair"])])
    sc = score_entities(gold, [PredEntity("Person", ["Ryanair"])])
    assert (sc.total.tp, sc.total.fp, sc.total.fn) == (0, 1, 1)
    assert sc.by_class["Person"].fp == 1 and sc.by_class["Organization"].fn == 1
    assert kinds(sc) == ["wrong class"]


def test_subclasses_agree_at_the_contract_level_but_not_strictly():
    gold = article([("City", ["Caracas"]), ("NewsOrganization", ["CNN"])])
    pred = [PredEntity("Location", ["Caracas"]), PredEntity("Company", ["CNN"])]
    assert score_entities(gold, pred).total.tp == 2
    strict = score_entities(gold, pred, strict=True)
    assert (strict.total.tp, strict.total.fp, strict.total.fn) == (0, 2, 2)


def test_country_is_not_a_location():
    sc = score_entities(article([("Country", ["Venezuela"])]), [PredEntity("Location", ["Venezuela"])])
    assert (sc.total.tp, sc.total.fp, sc.total.fn) == (0, 1, 1) and kinds(sc) == ["wrong class"]


def test_matching_is_one_to_one_and_maximal():
    # the first node could take either gold entity; the best matching gives both their own
    gold = article([("Organization", ["Apple Inc.", "Apple"]), ("Organization", ["Apple Corps"])])
    pred = [PredEntity("Organization", ["Apple", "Apple Corps"]), PredEntity("Organization", ["Apple Inc."])]
    sc = score_entities(gold, pred)
    assert (sc.total.tp, sc.total.fp, sc.total.fn) == (2, 0, 0)


def test_one_node_for_two_gold_entities_is_merged():
    gold = article([("Organization", ["General Motors"]), ("Organization", ["GM Europe", "General Motors"])])
    sc = score_entities(gold, [PredEntity("Organization", ["General Motors"])])
    assert (sc.total.tp, sc.total.fn) == (1, 1) and kinds(sc) == ["merged"]


def test_false_positive_kinds():
    gold = article([("Person", ["Mary Barra"])], other=[("PRO", {"iphone"})], ignore={"white house"},
                   spans=[(0, 10), (50, 57)], ignore_spans=[(100, 110)])
    pred = [
        PredEntity("Person", ["Mary Barra"], [(0, 10)]),
        PredEntity("Organization", ["iPhone"], [(20, 26)]),  # a product: not an entity
        PredEntity("Organization", ["White House"], [(30, 41)]),  # not judged by this gold
        PredEntity("Organization", ["Treasury"], [(101, 109)]),  # read where the gold judges nothing
        PredEntity("Person", ["Daniel Akerson"], [(70, 84)]),  # outside every annotated mention
        PredEntity("Location", ["Flint"], [(50, 57)]),  # where the gold looked, and found nothing
    ]
    sc = score_entities(gold, pred)
    assert kinds(sc) == ["not an entity (PRO)", "spurious", "unannotated"]
    assert (sc.total.tp, sc.total.fp, sc.total.fn, sc.unjudged) == (1, 3, 0, 1)


def test_a_name_inside_a_longer_annotated_mention_is_not_judged():
    gold = article([], spans=[(10, 40)])
    sc = score_entities(gold, [PredEntity("Country", ["United States"], [(15, 17)])])
    assert kinds(sc) == ["unannotated"]


# ---------------------------------------------------------------- relations

def relation_gold(relations):
    return article([("Country", ["Colombia"]), ("Country", ["Venezuela"]), ("Person", ["Gustavo Petro", "Petro"]),
                    ("Organization", ["Trump administration"])], relations=relations)


def test_relations_symmetric_alias_and_precision_among_known_entities():
    gold = relation_gold([GoldRelation(0, "borders", 1), GoldRelation(2, "leaderOf", 0),
                          GoldRelation(3, "designated", 2, "2025-11-24")])
    ents = [PredEntity("Country", ["Venezuela"]), PredEntity("Country", ["Colombia"]),
            PredEntity("Person", ["Petro"]), PredEntity("Organization", ["Trump administration"]),
            PredEntity("Organization", ["Reuters"])]
    rels = [PredRelation(0, "borders", 1), PredRelation(0, "borders", 1),  # reversed, and said twice
            PredRelation(2, "worksFor", 0),  # wrong predicate
            PredRelation(3, "designated", 2, ("2025-11-24",)),
            PredRelation(2, "worksFor", 4)]  # to a node the gold does not have
    pred = Prediction(ents, rels)
    sc = score_relations(gold, pred, score_entities(gold, ents).match)
    assert (sc.gold, sc.predicted, sc.tp_gold, sc.tp_pred) == (3, 4, 2, 2)
    assert (sc.known, sc.tp_known) == (3, 2)
    assert sc.pairs_found == 2
    assert (sc.dated, sc.year_right, sc.date_right) == (1, 1, 1)
    assert sc.misses == ["Gustavo Petro leaderOf Colombia"]


def test_relation_dates_wrong_year_and_month_precision():
    gold = relation_gold([GoldRelation(3, "designated", 2, "2025-11"), GoldRelation(0, "borders", 1, "2025")])
    ents = [PredEntity("Country", ["Colombia"]), PredEntity("Country", ["Venezuela"]),
            PredEntity("Person", ["Gustavo Petro"]), PredEntity("Organization", ["Trump administration"])]
    rels = [PredRelation(3, "designated", 2, ("2025-11-24",)), PredRelation(0, "borders", 1, ("2026-01-03",))]
    sc = score_relations(gold, Prediction(ents, rels), score_entities(gold, ents).match)
    assert (sc.dated, sc.year_right, sc.date_right) == (2, 1, 1)


def test_articles_without_relations_are_not_scored_for_relations():
    gold = article([("Country", ["Colombia"])])
    sc = score_relations(gold, Prediction([PredEntity("Country", ["Colombia"])], []), {0: 0})
    assert (sc.gold, sc.predicted) == (0, 0)


def test_properties_the_gold_does_not_annotate_are_counted_apart(tmp_path):
    record = {"id": "x", "text": "The Venezuelan president Jane Roe met Colombia's leader.",
              "entities": [{"class": "Person", "names": ["Jane Roe"]}, {"class": "Country", "names": ["Venezuela"]},
                           {"class": "Country", "names": ["Colombia"]}],
              "relations": [{"subject": "Jane Roe", "predicate": "leaderOf", "object": "Venezuela"}],
              "unannotated_relations": ["nationality"]}
    gold = parse_gold(record, "x.json")
    ents = [PredEntity("Person", ["Jane Roe"]), PredEntity("Country", ["Venezuela"]),
            PredEntity("Country", ["Colombia"])]
    rels = [PredRelation(0, "leaderOf", 1), PredRelation(0, "nationality", 1), PredRelation(0, "leaderOf", 2)]
    sc = score_relations(gold, Prediction(ents, rels), score_entities(gold, ents).match)
    assert (sc.gold, sc.predicted, sc.tp_pred, sc.outside) == (1, 2, 1, 1)
    with pytest.raises(InputError, match="x.json: 'unannotated_relations'"):
        parse_gold({**record, "unannotated_relations": ["likes"]}, "x.json")



def test_a_gold_relation_of_a_refining_property_is_scored_as_the_one_it_refines():
    # kg writes spokespersonFor (a sub-property of worksFor); the runner scores it as worksFor, so a gold
    # spokespersonFor is read as worksFor too, or a right prediction could never match it
    record = {"id": "x", "text": "Ann Lee, who speaks for Acme Labs, said so.",
              "entities": [{"class": "Person", "names": ["Ann Lee"]}, {"class": "Organization", "names": ["Acme Labs"]}],
              "relations": [{"subject": "Ann Lee", "predicate": "spokespersonFor", "object": "Acme Labs"}]}
    gold = parse_gold(record, "x.json")
    ents = [PredEntity("Person", ["Ann Lee"]), PredEntity("Organization", ["Acme Labs"])]
    sc = score_relations(gold, Prediction(ents, [PredRelation(0, "worksFor", 1)]), score_entities(gold, ents).match)
    assert (sc.gold, sc.predicted, sc.tp_pred) == (1, 1, 1)


# ---------------------------------------------------------------- gold files

def test_bad_gold_is_refused_with_the_file_named(tmp_path):
    base = {"id": "x", "text": "t", "entities": [{"class": "Person", "names": ["Ann Lee"]}]}
    cases = [
        ({"entities": [{"class": "Human", "names": ["A"]}]}, "'class' must be one of"),
        ({"entities": [{"class": "Person", "names": []}]}, "'names'"),
        ({"date": "3 January"}, "not YYYY-MM-DD"),
        ({"other": ["iPhone"]}, "'other' and 'ignore' must be lists"),
        ({"annotated_spans": [[1, 2, 3]]}, "the spans lists of"),
        ({"relations": [{"subject": "Ann Lee", "predicate": "loves", "object": "Ann Lee"}]}, "not a kg relation"),
        ({"relations": [{"subject": "Bob", "predicate": "worksFor", "object": "Ann Lee"}]}, "names 0 gold entities"),
        ({"relations": [{"subject": "Ann Lee", "predicate": "worksFor", "object": "Ann Lee", "date": "soon"}]},
         "is not YYYY"),
    ]
    for change, message in cases:
        path = tmp_path / "g.json"
        path.write_text(json.dumps({**base, **change}), encoding="utf-8")
        with pytest.raises(InputError, match=message) as info:
            load_gold([path])
        assert str(path) in str(info.value)
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        load_gold([tmp_path / "broken.json"])
    with pytest.raises(InputError, match="no such file"):
        load_gold([tmp_path / "missing.json"])


def test_every_committed_gold_file_loads():
    articles = load_gold([GOLD])
    assert len(articles) >= 121
    assert sum(a.corpus == "meantime" for a in articles) >= 120
    seed = next(a for a in articles if a.corpus == "seed")
    assert seed.relations and len(seed.relations) >= 14
    checked = [a for a in articles if a.subset == "hand-checked"]
    assert len(checked) >= 8 and all(a.relations is not None and a.spans is None for a in checked)
    assert sum(len(a.relations) for a in checked) >= 50


def test_seed_gold_holds_the_text_kg_reads():
    from kg.io import read_article

    doc = read_article(SEED)
    seed = parse_gold(json.loads((GOLD / "seed.json").read_text(encoding="utf-8")), "seed.json")
    assert seed.text == doc.text and seed.date == doc.date


# ---------------------------------------------------------------- MEANTIME conversion

CAT = """<?xml version="1.0" ?><Document doc_id="9" doc_name="9_Test" lang="en" url="http://example.org/9">
<token number="0" sentence="0" t_id="1">Acme</token><token number="1" sentence="0" t_id="2">buys</token>
<token number="2" sentence="0" t_id="3">Widgets</token>
<token number="3" sentence="1" t_id="4">June</token><token number="4" sentence="1" t_id="5">13</token>
<token number="5" sentence="1" t_id="6">,</token><token number="6" sentence="1" t_id="7">2005</token>
<token number="7" sentence="2" t_id="8">Acme</token><token number="8" sentence="2" t_id="9">chief</token>
<token number="9" sentence="2" t_id="10">executive</token><token number="10" sentence="2" t_id="11">Jane</token>
<token number="11" sentence="2" t_id="12">Roe</token><token number="12" sentence="2" t_id="13">said</token>
<token number="13" sentence="2" t_id="14">``</token><token number="14" sentence="2" t_id="15">we</token>
<token number="15" sentence="2" t_id="16">will</token><token number="16" sentence="2" t_id="17">grow</token>
<token number="17" sentence="2" t_id="18">in</token><token number="18" sentence="2" t_id="19">France</token>
<token number="19" sentence="2" t_id="20">''</token><token number="20" sentence="2" t_id="21">.</token>
<token number="21" sentence="3" t_id="22">She</token><token number="22" sentence="3" t_id="23">sells</token>
<token number="23" sentence="3" t_id="24">the</token><token number="24" sentence="3" t_id="25">Zapp</token>
<token number="25" sentence="3" t_id="26">'s</token><token number="26" sentence="3" t_id="27">parts</token>
<token number="27" sentence="3" t_id="28">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="APP"><token_anchor t_id="8"/><token_anchor t_id="9"/>
<token_anchor t_id="10"/><token_anchor t_id="11"/><token_anchor t_id="12"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRO"><token_anchor t_id="22"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NAM"><token_anchor t_id="19"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="5" syntactic_type="PRO"><token_anchor t_id="15"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="6"><token_anchor t_id="24"/><token_anchor t_id="25"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="7" syntactic_type="NOM"><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY m_id="10" ent_type="ORG" instance_id="ORG1" external_ref="http://dbpedia.org/resource/Acme"/>
<ENTITY m_id="11" ent_type="PER" instance_id="PER1"/>
<ENTITY m_id="12" ent_type="LOC" instance_id="LOC1" external_ref="http://dbpedia.org/resource/France"/>
<ENTITY m_id="13" ent_type="PER" instance_id="PER2"/>
<ENTITY m_id="14" ent_type="PRO" instance_id="PRO1"/>
<ENTITY m_id="15" ent_type="PRO" instance_id="PRO2"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><source m_id="3"/><target m_id="11"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="4"/><target m_id="12"/></REFERS_TO>
<REFERS_TO r_id="4"><source m_id="5"/><target m_id="13"/></REFERS_TO>
<REFERS_TO r_id="5"><source m_id="6"/><target m_id="14"/></REFERS_TO>
<REFERS_TO r_id="6"><source m_id="7"/><target m_id="15"/></REFERS_TO>
</Relations>
</Document>
"""


def test_meantime_conversion(tmp_path):
    from kg.evaluation.meantime import convert_file, convert_folder

    path = tmp_path / "9_Test.xml"
    path.write_text(CAT, encoding="utf-8")
    rec = convert_file(path)
    assert rec["date"] == "2005-06-13"
    assert rec["text"] == ("Acme buys Widgets\n\nAcme chief executive Jane Roe said \u201cwe will grow in France\u201d. "
                           "She sells the Zapp's parts.")
    ents = {e["class"]: e["names"] for e in rec["entities"]}
    assert ents["Organization"] == ["Acme"]
    assert ents["Person"] == ["Jane Roe"]  # the apposition's name; the person only named "we" is not gold
    assert ents["Country"] == ["France"]  # a LOC linked to a country
    assert len(rec["entities"]) == 3
    assert rec["other"] == [{"type": "PRO", "names": ["Zapp"]}]  # "Widgets" is a common noun: no name
    start, end = rec["annotated_spans"][0]
    assert rec["text"][start:end] == "Acme"
    # hand-checked files survive a new conversion; hand-added relations are kept
    out = tmp_path / "out"
    convert_folder(tmp_path, out)
    target = out / "meantime-9.json"
    data = json.loads(target.read_text(encoding="utf-8"))
    data["relations"] = [{"subject": "Jane Roe", "predicate": "worksFor", "object": "Acme", "date": None}]
    target.write_text(json.dumps(data), encoding="utf-8")
    convert_folder(tmp_path, out)
    assert json.loads(target.read_text(encoding="utf-8"))["relations"][0]["predicate"] == "worksFor"


def test_meantime_conversion_refuses_other_xml(tmp_path):
    from kg.evaluation.meantime import convert_file, convert_folder

    bad = tmp_path / "bad.xml"
    bad.write_text("<html><body>hello</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="bad.xml"):
        convert_file(bad)
    bad.write_text("<Document><token", encoding="utf-8")
    with pytest.raises(InputError, match="not readable CAT XML"):
        convert_file(bad)
    with pytest.raises(InputError, match="no such folder"):
        convert_folder(tmp_path / "none", tmp_path / "out")


def test_committed_meantime_gold_is_what_the_converter_writes(tmp_path):
    if not MEANTIME_XML.is_dir():
        pytest.skip(f"MEANTIME source files not found at {MEANTIME_XML}; the committed gold is checked elsewhere")
    from kg.evaluation.meantime import convert_file

    for gold_file in MEANTIME_SAMPLE:
        committed = json.loads(gold_file.read_text(encoding="utf-8"))
        if committed.get("hand_checked"):
            continue
        number = committed["id"].split("-", 1)[1]
        source = next(MEANTIME_XML.rglob(f"{number}_*.xml"))
        fresh = convert_file(source)
        fresh.pop("relations", None)
        committed.pop("relations", None)
        assert fresh == committed, (f"{gold_file.name} differs from a new conversion: if kg.lexicon's "
                                    "gazetteers changed on purpose, regenerate with kg evaluate --convert-meantime")


# ---------------------------------------------------------------- kg on the development gold

def test_kg_on_the_seed_meets_the_entity_goal():
    from kg.evaluation.runner import evaluate, predict_kg

    articles = load_gold([GOLD / "seed.json"])
    (res,) = evaluate(articles, predict_kg(articles))
    assert res.total.f1 >= 0.95, res.errors
    assert res.relations is not None and res.relations.gold >= 14


def test_kg_and_the_baseline_on_meantime_articles():
    from kg.evaluation.runner import evaluate, format_report, predict_kg, predict_naive

    articles = load_gold(MEANTIME_SAMPLE)
    kg_res = {r.corpus: r for r in evaluate(articles, predict_kg(articles))}
    naive_res = {r.corpus: r for r in evaluate(articles, predict_naive(articles))}
    assert kg_res["meantime"].articles == 3 and kg_res["meantime (hand-checked)"].articles == 2
    gold_entities = [r.total.tp + r.total.fn for r in (kg_res["meantime"], naive_res["meantime"])]
    assert gold_entities[0] == gold_entities[1] > 10
    assert kg_res["meantime"].total.recall >= 0.7
    assert kg_res["meantime (hand-checked)"].relations.gold >= 10
    kg_res = kg_res["meantime"]
    report = format_report([kg_res], "kg", details=True)
    assert "corpus meantime: 3 articles" in report and "overall (micro)" in report


def test_cli_evaluate(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", str(GOLD / "seed.json"), "--baseline", "naive"])
    assert result.exit_code == 0, result.output
    assert "system: naive" in result.output and "corpus seed" in result.output
    result = runner.invoke(main, ["evaluate", str(tmp_path / "nothing")])
    assert result.exit_code != 0 and "no such file or folder" in result.output


@pytest.mark.model
def test_the_naive_baseline_reads_subject_verb_object_triples_that_match_no_typed_gold():
    from kg.evaluation.scorer import GoldArticle, GoldEntity, GoldRelation
    from kg.evaluation.runner import evaluate, predict_naive

    text = "Google acquired YouTube in 2006. Larry Page leads Google."
    art = GoldArticle(id="t", corpus="t", path="t", text=text, date=None,
                      entities=[GoldEntity("Organization", ["Google"]), GoldEntity("Organization", ["YouTube"]),
                                GoldEntity("Person", ["Larry Page"])],
                      relations=[GoldRelation(0, "acquired", 1, None), GoldRelation(2, "leaderOf", 0, None)])
    (pred,) = predict_naive([art])
    assert {(r.predicate) for r in pred.relations} >= {"acquire"}
    (res,) = evaluate([art], [pred])
    assert res.relations.tp_gold == 0 and res.relations.pairs_found >= 1
