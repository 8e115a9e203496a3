"""Batches of work in worker processes: results in order, the time limit still one item's; and the texts of
the files a parallel build makes in a forked process while it writes the store (kg/outputs.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kg.workers import run_limited

STALL = 13


def _double(items, beat):
    for x in items:
        if x == STALL:
            time.sleep(300)
        yield (x * 2, len(items), os.getpid())


def test_batches_give_every_result_in_order():
    items = [x for x in range(20) if x != STALL]
    outcomes = list(run_limited(_double, items, jobs=2, batch=4))
    assert [o.item for o in outcomes] == items and not any(o.problem for o in outcomes)
    assert [o.result[0] for o in outcomes] == [2 * x for x in items]
    assert {o.result[1] for o in outcomes} == {4, 3}  # given out four at a time (19 = 4 * 4 + 3)
    assert len({o.result[2] for o in outcomes}) == 2  # by both workers


def test_a_batch_stops_before_the_item_that_makes_it_too_large():
    sizes = {0: 5, 1: 5, 2: 5, 3: 50, 4: 1}
    outcomes = list(run_limited(lambda items, beat: ((x, tuple(items)) for x in items), sizes, jobs=1, batch=8,
                                size=sizes.get, max_size=12))
    assert [o.result[1] for o in outcomes] == [(0, 1), (0, 1), (2,), (3,), (4,)]


def test_the_item_past_the_limit_is_found_in_its_batch_and_the_others_are_read():
    started = time.perf_counter()
    outcomes = list(run_limited(_double, range(10, 18), jobs=1, timeout=2, batch=8))
    assert time.perf_counter() - started < 30
    assert [o.item for o in outcomes] == list(range(10, 18))
    (stalled,) = [o for o in outcomes if o.problem]
    assert stalled.item == STALL and "longer than 2 s" in stalled.problem
    assert [o.result[0] for o in outcomes if not o.problem] == [2 * x for x in range(10, 18) if x != STALL]
    assert {o.result[1] for o in outcomes if o.item < STALL} == {8}  # read in the first batch
    assert {o.result[1] for o in outcomes if o.item > STALL} == {1}  # after the cut, one at a time


def test_beats_keep_long_work_alive():
    def steps(items, beat):
        for x in items:
            for _ in range(6):
                time.sleep(0.5)
                beat()
            yield x

    assert [o.result for o in run_limited(steps, [1, 2], jobs=1, timeout=1.5, batch=2)] == [1, 2]


# ---------------------------------------------------------------- the files' texts made beside the store

def _small_graph():
    from rdflib import RDF, RDFS, Literal

    from kg import graph as G
    from kg.ontology import KG

    g = G.new_graph()
    for slug, name, cls in (("ada-quill", "Ada Quill", KG.Person), ("norvale-mills", "Norvale Mills", KG.Company)):
        g.add((G.ID[f"entity/{slug}"], RDF.type, cls))
        g.add((G.ID[f"entity/{slug}"], RDFS.label, Literal(name)))
    g.add((G.ID["entity/ada-quill"], KG.worksFor, G.ID["entity/norvale-mills"]))
    return g


def _aside_texts(tmp_path, monkeypatch, graph, make=None):
    from kg import outputs, parts

    monkeypatch.setattr(parts, "whole_graph", lambda plan: graph)  # the forked process inherits the patch
    if make is not None:
        monkeypatch.setattr(outputs, "_make_texts", make)
    aside = outputs._texts_aside(None, tmp_path / "graph.ttl", tmp_path / "graph.html")
    try:
        return aside.texts()
    finally:
        aside.close()


def test_the_texts_made_aside_are_those_made_in_the_builder(tmp_path, monkeypatch):
    from kg import outputs

    graph = _small_graph()
    texts = _aside_texts(tmp_path, monkeypatch, graph)
    assert texts == outputs._texts(graph, tmp_path / "graph.ttl", tmp_path / "graph.html")
    assert "Ada Quill" in texts[tmp_path / "graph.ttl"] and "Norvale" in texts[tmp_path / "graph.html"]


def test_texts_whose_process_dies_are_made_in_the_builder(tmp_path, monkeypatch):
    from kg import outputs

    graph = _small_graph()
    texts = _aside_texts(tmp_path, monkeypatch, graph, make=lambda *args: os._exit(3))
    assert texts == outputs._texts(graph, tmp_path / "graph.ttl", tmp_path / "graph.html")


def test_an_error_making_the_texts_aside_is_raised_in_the_builder(tmp_path, monkeypatch):
    from rdflib import BNode, RDF

    from kg.errors import GraphError
    from kg.ontology import KG

    graph = _small_graph()
    graph.add((BNode(), RDF.type, KG.Person))  # graph.ttl cannot hold it
    with pytest.raises(GraphError, match="blank nodes"):
        _aside_texts(tmp_path, monkeypatch, graph)


@pytest.mark.model
def test_a_parallel_build_and_its_increment_write_what_one_process_writes(tmp_path, nlp):
    from kg import pipeline
    from kg.store import open_store

    articles = {
        "one": "date 2026-04-01\n\nMarta Velind, the chief executive of Orrin Foods, opened a plant in Norvale.\n",
        "two": "date 2026-04-02\n\nTobias Crane met Marta Velind in Norvale. Orrin Foods said sales rose.\n",
    }
    outs = {jobs: tmp_path / f"out-{jobs}" for jobs in (1, 2)}

    def build_both():
        corpus = tmp_path / "in"
        corpus.mkdir(exist_ok=True)
        for name, text in articles.items():
            (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        for jobs, out in outs.items():
            pipeline.build([corpus], out, jobs=jobs)
        for name in ("graph.ttl", "graph.html"):
            assert (outs[1] / name).read_bytes() == (outs[2] / name).read_bytes()
        assert set(open_store(outs[1])) == set(open_store(outs[2]))

    build_both()  # a first store, streamed while the files' texts are made aside
    articles["two"] = "date 2026-04-02\n\nTobias Crane left Orrin Foods. Marta Velind thanked him in Norvale.\n"
    build_both()  # the store's difference


def test_texts_aside_end_when_the_builder_dies(tmp_path, monkeypatch):
    """A builder killed while it writes the store leaves no forked process waiting forever on the pipe."""

    from kg import outputs, parts

    monkeypatch.setattr(parts, "whole_graph", lambda plan: None)
    monkeypatch.setattr(outputs, "_texts", lambda g, t, h: {t: "x" * 4_000_000, h: "y" * 4_000_000})
    report = tmp_path / "child"
    pid = os.fork()
    if pid == 0:  # the builder: starts the process aside, then dies without reading its answer
        aside = outputs._TextsAside(None, tmp_path / "g.ttl", tmp_path / "g.html")
        report.write_text(str(aside.process.pid))
        os._exit(0)
    os.waitpid(pid, 0)
    child = int(report.read_text())
    for _ in range(100):
        state = Path(f"/proc/{child}/stat")
        if not state.exists() or state.read_text().split(") ", 1)[1].startswith("Z"):
            break
        time.sleep(0.1)
    else:
        os.kill(child, 9)
        raise AssertionError("the process aside still waits on the pipe after its builder died")
