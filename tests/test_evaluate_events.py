"""Event coreference scores: the metrics on clusters worked out by hand, and kg on its hand-made reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError
from kg.evaluation.events import coref_scores, predict_events, read_cat_events, read_handmade, score_events

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


CAT = """<Document doc_id="7" doc_name="7_test.txt" lang="en" url="">
<token t_id="1" sentence="0" number="0">Acme</token><token t_id="2" sentence="0" number="1">grows</token>
<token t_id="3" sentence="1" number="0">June</token><token t_id="4" sentence="1" number="1">13</token>
<token t_id="5" sentence="1" number="2">,</token><token t_id="6" sentence="1" number="3">2005</token>
<token t_id="7" sentence="2" number="0">Acme</token><token t_id="8" sentence="2" number="1">bought</token>
<token t_id="9" sentence="2" number="2">mills</token><token t_id="10" sentence="2" number="3">and</token>
<token t_id="11" sentence="2" number="4">sold</token><token t_id="12" sentence="2" number="5">farms</token>
<token t_id="13" sentence="2" number="6">.</token>
<Markables>
<EVENT_MENTION m_id="20" pred="buy"><token_anchor t_id="8"/><token_anchor t_id="11"/></EVENT_MENTION>
<EVENT_MENTION m_id="21" pred="sell"><token_anchor t_id="11"/></EVENT_MENTION>
<EVENT m_id="30" instance_id="X1" class="OTHER"/>
</Markables>
<Relations><REFERS_TO r_id="40"><source m_id="20"/><target m_id="30"/></REFERS_TO></Relations>
</Document>
"""


def test_a_mention_of_tokens_apart_matches_only_its_tokens(tmp_path):
    path = tmp_path / "7_test.xml"
    path.write_text(CAT, encoding="utf-8")
    doc = read_cat_events(path, "corpus_test")
    both, sold = doc.mentions
    assert doc.text == "Acme grows\n\nAcme bought mills and sold farms." and str(doc.date) == "2005-06-13"
    bought_at, mills_at, sold_at = (doc.text.index(w) for w in ("bought", "mills", "sold"))
    assert both.cluster == "corpus_test:X1" and len(both.parts) == 2
    assert both.overlaps(bought_at, bought_at + 6) and both.overlaps(sold_at, sold_at + 4)
    assert not both.overlaps(mills_at, mills_at + 5)  # between its two tokens
    assert sold.size == 4 < both.size  # the shorter mention is matched first
