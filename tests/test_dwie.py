"""The DWIE converter and its split, on made-up documents in DWIE's JSON layout (no DWIE text)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.errors import InputError
from kg.evaluation import dwie

TEXT = ("Ostland opens a new port\n"
        "Ostland's Prime Minister Vera Kalnin opened the port of Marisburg on Monday. "
        "The Ostlandic leader spoke beside Tomas Brenn, the head of the Harbour Union, a member of the Blue Party. "
        "The Blue Harbour Festival follows.\n"
        "Author Jo Writer")


def _mention(text: str, phrase: str, concept: int, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return {"begin": start, "end": start + len(phrase), "text": phrase, "concept": concept}


def make_doc(doc_id: str = "DW_1", iptc=("11000000", "04000000", "20000001")) -> dict:
    t = TEXT
    concepts = [
        (0, "Ostland", "Ostland", ["entity", "location", "gpe", "gpe0"]),
        (1, "Vera Kalnin", None, ["entity", "person", "politician", "head_of_gov"]),
        (2, "Marisburg", None, ["entity", "location", "gpe", "gpe2"]),
        (3, "Tomas Brenn", None, ["entity", "person"]),
        (4, "Harbour Union", None, ["entity", "organization", "union"]),
        (5, "Blue Party", None, ["entity", "organization", "party"]),
        (6, "Ostlandic", None, ["other", "gpe0-x"]),
        (7, "Blue Harbour Festival", None, ["entity", "event", "festival"]),
        (8, "Author Jo Writer", None, ["other", "footer"]),
        (9, "Monday", None, ["value", "time"]),
        (10, None, "Westland", []),  # no mention, and no adjective: not an entity
    ]
    mentions = [_mention(t, "Ostland", 0), _mention(t, "Ostland", 0, 1), _mention(t, "Vera Kalnin", 1),
                _mention(t, "Marisburg", 2), _mention(t, "Tomas Brenn", 3), _mention(t, "Harbour Union", 4),
                _mention(t, "Blue Party", 5), _mention(t, "Ostlandic", 6),
                _mention(t, "Blue Harbour Festival", 7), _mention(t, "Author Jo Writer", 8),
                _mention(t, "Monday", 9)]
    return {
        "id": doc_id, "tags": ["all", "train"], "iptc": list(iptc), "content": t, "mentions": mentions,
        "concepts": [{"concept": c, **({"text": txt} if txt else {}), "keyword": False, "count": 1,
                      "link": link, "tags": [f"type::{x}" for x in tags]} for c, txt, link, tags in concepts],
        "relations": [
            {"s": 1, "p": "head_of_gov", "o": 0}, {"s": 1, "p": "agent_of", "o": 0},
            {"s": 1, "p": "citizen_of", "o": 0}, {"s": 1, "p": "citizen_of-x", "o": 6},
            {"s": 2, "p": "in0", "o": 0}, {"s": 6, "p": "gpe0", "o": 0},
            {"s": 3, "p": "head_of", "o": 4}, {"s": 3, "p": "member_of", "o": 4},
            {"s": 3, "p": "member_of", "o": 5}, {"s": 4, "p": "based_in2", "o": 2},
            {"s": 3, "p": "spouse_of", "o": 1}, {"s": 1, "p": "citizen_of", "o": 10},
        ],
        "frames": [],
    }


def triples(art):
    return {(art.entities[r.subject].names[0], r.predicate, art.entities[r.object].names[0]) for r in art.relations}


def test_entities_classes_and_names():
    art = dwie.convert(make_doc(), "DW_1.json")
    got = {e.names[0]: (e.cls, e.names) for e in art.entities}
    assert set(got) == {"Ostland", "Vera Kalnin", "Marisburg", "Tomas Brenn", "Harbour Union", "Blue Party"}
    assert got["Ostland"] == ("Country", ["Ostland", "Ostlandic"])  # the adjective is a name of its country
    assert got["Marisburg"][0] == "City" and got["Blue Party"][0] == "PoliticalParty"
    assert got["Harbour Union"][0] == "Organization" and got["Vera Kalnin"][0] == "Person"
    assert art.other == [("event", {"blue harbour festival"})]
    assert "author jo writer" in art.ignore and art.ignore_spans == [(TEXT.index("Author"), len(TEXT))]
    assert art.text == TEXT and art.corpus == "dwie" and art.genres == ("politics", "business")


def test_relations_mapped_to_kg_properties():
    art = dwie.convert(make_doc(), "DW_1.json")
    assert triples(art) == {
        ("Vera Kalnin", "leaderOf", "Ostland"),  # agent_of dropped beside the leader relation
        ("Vera Kalnin", "nationality", "Ostland"),  # once, though given to the country and its adjective
        ("Marisburg", "locatedIn", "Ostland"),
        ("Tomas Brenn", "leaderOf", "Harbour Union"),  # member_of dropped beside head_of
        ("Tomas Brenn", "memberOf", "Blue Party"),
        ("Harbour Union", "locatedIn", "Marisburg"),
    }  # spouse_of has no kg counterpart; Westland has no mention


def test_genres_and_split():
    assert dwie.genres(["16000000", "20000001"]) == ("conflict",)
    assert dwie.genres(["13000000"]) == ("other",) and dwie.genres(None) == ("other",)
    parts = [dwie.part_of(f"DW_{i}") for i in range(600)]
    assert parts == [dwie.part_of(f"DW_{i}") for i in range(600)]  # fixed by the id alone
    assert 150 < parts.count("held-out") < 250 and set(parts) == {"dev", "held-out"}


SHARED_DWIE = next((p for p in (Path(__file__).resolve().parents[2] / "shared/data/dwie",
                                 Path("/work/shared/data/dwie")) if p.is_dir()), None)


@pytest.mark.skipif(SHARED_DWIE is None, reason="../shared/data/dwie is not here")
def test_the_split_of_the_shared_documents_does_not_move():
    """The held-out part stays the same documents (only their ids are read here)."""
    ids = sorted(p.stem for p in SHARED_DWIE.glob("DW_*.json"))
    held = [i for i in ids if dwie.part_of(i) == "held-out"]
    assert (len(ids), len(held)) == (219, 79)
    assert hashlib.sha256(" ".join(held).encode()).hexdigest()[:16] == "df32495a3c975ccf"


def test_a_person_in_an_intergovernmental_body_works_for_it():
    text = "Talks\nAnna Berg of the Northern League met the Northern League and Ostland."
    doc = {"id": "DW_3", "content": text, "mentions": [_mention(text, "Anna Berg", 0),
           _mention(text, "Northern League", 1), _mention(text, "Northern League", 1, 1), _mention(text, "Ostland", 2)],
           "concepts": [{"concept": 0, "tags": ["type::entity", "type::person"]},
                        {"concept": 1, "tags": ["type::entity", "type::organization", "type::igo"]},
                        {"concept": 2, "tags": ["type::entity", "type::location", "type::gpe0"]}],
           "relations": [{"s": 0, "p": "member_of", "o": 1}, {"s": 2, "p": "member_of", "o": 1}]}
    assert triples(dwie.convert(doc, "DW_3.json")) == {("Anna Berg", "worksFor", "Northern League"),
                                                       ("Ostland", "memberOf", "Northern League")}


def _folder(tmp_path, n=6):
    for i in range(n):
        (tmp_path / f"DW_{i}.json").write_text(json.dumps(make_doc(f"DW_{i}")), encoding="utf-8")
    return tmp_path


def test_read_folder_parts_and_limit(tmp_path):
    folder = _folder(tmp_path)
    dev = dwie.read_folder(folder, "dev")
    held = dwie.read_folder(folder, "held-out")
    assert len(dev) + len(held) == 6 and all(a.subset == "dev" for a in dev)
    assert {a.id for a in dwie.read_folder(folder, "all")} == {f"DW_{i}" for i in range(6)}
    assert len(dwie.read_folder(folder, "all", limit=2)) == 2
    assert dwie.is_dwie_folder(folder) and not dwie.is_dwie_folder(tmp_path / "nothing")


@pytest.mark.parametrize("broken, message", [
    ("[1, 2]", "one JSON object"),
    ('{"id": "DW_9", "content": "x"}', "'mentions' is missing"),
    ("{not json", "not valid JSON"),
])
def test_bad_documents_name_the_file(tmp_path, broken, message):
    (tmp_path / "DW_9.json").write_text(broken, encoding="utf-8")
    with pytest.raises(InputError, match=message) as e:
        dwie.read_folder(tmp_path, "all")
    assert "DW_9.json" in str(e.value)


def test_mention_outside_the_text_is_refused():
    doc = make_doc()
    doc["mentions"][0]["end"] = len(TEXT) + 5
    with pytest.raises(InputError, match="outside the text"):
        dwie.convert(doc, "DW_1.json")


def test_cli_scores_a_dwie_folder_with_the_baseline(tmp_path):
    from kg.cli import main

    folder = _folder(tmp_path, 3)
    result = CliRunner().invoke(main, ["evaluate", "--dwie", str(folder), "--part", "all", "--baseline", "naive"])
    assert result.exit_code == 0, result.output
    assert "corpus dwie: 3 articles" in result.output
    assert "corpus dwie (dev, politics)" in result.output or "corpus dwie (held-out, politics)" in result.output
    result = CliRunner().invoke(main, ["evaluate", str(folder), "--part", "all", "--limit", "1", "--baseline", "naive"])
    assert result.exit_code == 0 and "corpus dwie: 1 articles" in result.output


# ---------------------------------------------------------------- per-rule figures

def test_by_rule_scoring_credits_every_rule_of_a_relation():
    from kg.evaluation.runner import evaluate, rule_table
    from kg.evaluation.scorer import PredEntity, Prediction, PredRelation, score_entities, score_relations

    art = dwie.convert(make_doc(), "DW_1.json")
    names = [e.names[0] for e in art.entities]
    node = {n: i for i, n in enumerate(names)}
    pred = Prediction([PredEntity(e.cls, [e.names[0]]) for e in art.entities], [
        PredRelation(node["Vera Kalnin"], "leaderOf", node["Ostland"], (), ("role:title", "role:implied")),
        PredRelation(node["Marisburg"], "locatedIn", node["Ostland"], (), ("place:comma",)),
        PredRelation(node["Tomas Brenn"], "worksFor", node["Blue Party"], (), ("role:implied",)),  # not gold
        PredRelation(node["Harbour Union"], "locatedIn", node["Marisburg"], ()),  # a relation with no rule
        PredRelation(node["Blue Party"], "attacked", node["Harbour Union"], (), ("verb:attack",)),  # DWIE has none
    ])
    score = score_relations(art, pred, score_entities(art, pred.entities).match)
    assert (score.gold, score.predicted, score.tp_pred, score.tp_gold, score.outside) == (6, 4, 3, 3, 1)
    # [made, right, gold found, made between gold entities]
    assert score.by_rule == {"role:title": [1, 1, 1, 1], "role:implied": [2, 1, 1, 2], "place:comma": [1, 1, 1, 1],
                             "(no rule)": [1, 1, 1, 1]}
    # [gold, found, made, right]
    assert score.by_property["leaderOf"] == [2, 1, 1, 1]
    assert score.by_property["worksFor"] == [0, 0, 1, 0] and score.by_property["nationality"] == [1, 0, 0, 0]
    (res,) = evaluate([art, art], [pred, pred])[:1]
    assert res.relations.by_rule["role:implied"] == [4, 2, 2, 4]
    table = rule_table(res.relations)
    assert table[1].split()[:6] == ["role:implied", "4", "2", "0.500", "4", "0.500"]  # the worst precision first
    assert any(line.split()[0] == "leaderOf" and line.split()[-1] == "0.500" for line in table)


@pytest.mark.model
def test_kg_names_the_rule_of_every_relation_it_predicts(tmp_path):
    from kg.cli import main
    from kg.evaluation.runner import evaluate, predict_kg

    art = dwie.convert(make_doc(), "DW_1.json")
    (pred,) = predict_kg([art])
    assert pred.relations and all(r.rules for r in pred.relations)
    (res,) = evaluate([art], [pred])[:1]
    r = res.relations
    assert sum(made for made, _, _, _ in r.by_rule.values()) >= r.predicted
    assert sum(right for _, right, _, _ in r.by_rule.values()) >= r.tp_pred
    assert sum(found for _, _, found, _ in r.by_rule.values()) >= r.tp_gold
    folder = _folder(tmp_path, 2)
    result = CliRunner().invoke(main, ["evaluate", "--dwie", str(folder), "--part", "all", "--by-rule"])
    assert result.exit_code == 0, result.output
    assert "by rule" in result.output and "by property" in result.output


def test_government_bodies_dwie_does_not_annotate_are_not_judged():
    text = "Talks\nThe Ostlandic government and the army of Ostland met Ostland's police. Ostland won."
    doc = {"id": "DW_2", "iptc": [], "content": text, "relations": [{"s": 1, "p": "gpe0", "o": 0}],
           "mentions": [_mention(text, "Ostlandic", 1), _mention(text, "Ostland", 0, 1),
                        _mention(text, "Ostland", 0, 2), _mention(text, "Ostland", 0, 3)],
           "concepts": [{"concept": 0, "text": "Ostland", "tags": ["type::entity", "type::location", "type::gpe0"]},
                        {"concept": 1, "text": "Ostlandic", "tags": ["type::other", "type::gpe0-x"]}]}
    art = dwie.convert(doc, "DW_2.json")
    assert [text[a:b] for a, b in art.ignore_spans] == ["Ostlandic government", "army of Ostland", "Ostland's police"]
    assert [e.names for e in art.entities] == [["Ostland", "Ostlandic"]] and art.genres == ("other",)
