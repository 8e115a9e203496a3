"""The wire-copy gold (gold/wire): it loads, and its groups stay apart from the other corpora's."""

from pathlib import Path

from kg.evaluation.scorer import load_gold

WIRE = Path(__file__).resolve().parent.parent / "gold" / "wire"


def test_wire_gold_loads_as_its_own_corpus():
    articles = load_gold([WIRE])
    assert len(articles) == 15 and {a.corpus for a in articles} == {"wire"}
    assert sum(a.subset == "unseen" for a in articles) == 5
    assert sum(a.subset == "dev" for a in articles) == 10
    # every article annotates relations, but only the properties a wire sentence states plainly
    assert all(a.relations and a.relation_scope and "attacked" not in a.relation_scope for a in articles)
    assert all("leaderOf" in a.relation_scope for a in articles)
