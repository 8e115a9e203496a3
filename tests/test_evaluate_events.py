"""Event coreference scores: the metrics on clusters worked out by hand, and kg on its hand-made reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError
from kg.evaluation.events import coref_scores, predict_events, read_handmade, score_events

GOLD = Path(__file__).resolve().parent.parent / "gold" / "events"

KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_metrics_on_a_worked_example():
    s = coref_scores(KEY, RESPONSE)
    assert s["MUC"] == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert s["B3"] == pytest.approx((11 / 15, 11 / 15, 11 / 15))
    assert s["CEAF-e"] == pytest.approx((0.8, 0.8, 0.8))
    assert s["CoNLL"][2] == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)


def test_perfect_and_all_singletons():
    assert coref_scores(KEY, KEY)["CoNLL"][2] == pytest.approx(1.0)
    alone = coref_scores(KEY, {m: m for m in KEY})
    assert alone["MUC"][1] == 0 and alone["B3"][0] == 1 and alone["B3"][1] == pytest.approx((1 / 3 * 3 + 1 / 2 * 2) / 5)


def test_handmade_reports_cluster_as_expected():
    docs = read_handmade(GOLD)
    assert sum(len(d.mentions) for d in docs) == 11
    (res,) = predict_events(docs)
    assert res.detected == 11
    scores = score_events([res])
    assert scores["cross"]["kg"]["CoNLL"][2] > scores["cross"]["same-lemma"]["CoNLL"][2]
    assert scores["cross"]["kg"]["CoNLL"][2] >= 0.9


def test_bad_clusters_file_is_named(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "one.txt").write_text("Rebels attacked Mosul.", encoding="utf-8")
    (tmp_path / "clusters.tsv").write_text("e1\tone\tbombed\t1\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 1: 'bombed' occurs fewer than 1 times in one"):
        read_handmade(tmp_path)


def test_cli_prints_the_event_report():
    res = CliRunner().invoke(main, ["evaluate", "--events", str(GOLD)])
    assert res.exit_code == 0, res.output
    assert "hand-made reports" in res.output and "cross    kg" in res.output
