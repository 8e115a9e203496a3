"""Builds into the same folder again: unchanged articles are not analysed again, new ones merge, changed
ones replace their facts, removed ones leave, and the result is the same as a fresh build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg import analysis, pipeline
from kg.cli import main
from kg.query import load_graph, run_query
from kg.cache import ExtractionCache, code_fingerprint
from kg.store import find_store

pytestmark = pytest.mark.model

ALPHA = "date 2026-01-05\n\nPresident Nicolas Maduro spoke in Caracas on Monday. Venezuela rejected the demands of the United States.\n"
BETA = "date 2026-01-06\n\nGustavo Petro, the president of Colombia, met officials in Bogota. He said that Venezuela would talk.\n"
GAMMA = "date 2026-01-07\n\nThe United Nations discussed Venezuela in New York. Antonio Guterres called for calm in Venezuela.\n"
BETA_CHANGED = "date 2026-01-06\n\nGustavo Petro, the president of Colombia, travelled to Madrid. He said that Venezuela would talk.\n"


def _corpus(folder: Path, **articles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        if old.stem not in articles:
            old.unlink()
    for name, text in articles.items():
        path = folder / f"{name}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return folder


def _select(out: Path, sparql: str) -> set[str]:
    return {str(row[0]) for row in run_query(load_graph(out), sparql).rows}


def _fresh_ttl(tmp_path: Path, corpus: Path) -> bytes:
    """graph.ttl of a build of corpus into a new folder."""
    out = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
    result = pipeline.build([corpus], out)
    assert result.analysed == len(result.extractions)
    return result.ttl_path.read_bytes()


def test_unchanged_rebuild_analyses_nothing_and_writes_the_same(tmp_path, nlp):
    corpus = _corpus(tmp_path / "in", alpha=ALPHA, beta=BETA)
    out = tmp_path / "out"
    first = pipeline.build([corpus], out)
    assert (first.analysed, first.reused) == (2, 0)
    ttl = first.ttl_path.read_bytes()
    again = pipeline.build([corpus], out)
    assert (again.analysed, again.reused) == (0, 2)
    assert again.ttl_path.read_bytes() == ttl
    assert len(load_graph(out)) == len(again.graph) == len(Graph().parse(data=ttl.decode(), format="turtle"))
    # a removed output file is written again, from the same triples
    again.html_path.unlink()
    third = pipeline.build([corpus], out)
    assert third.html_path.exists() and third.ttl_path.read_bytes() == ttl


def test_a_build_leaves_the_cycle_collector_as_it_found_it(tmp_path, nlp):
    """A build keeps what it decoded out of the collector's rounds (gc.freeze) and gives it back at its end;
    the cache pauses the collector while it decodes and restores it."""
    import gc

    corpus = _corpus(tmp_path / "in", alpha=ALPHA, beta=BETA)
    frozen = gc.get_freeze_count()
    pipeline.build([corpus], tmp_path / "out")
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    cache = ExtractionCache(tmp_path / "out")
    try:
        keys = [k for (k,) in cache.db.execute("SELECT key FROM extraction")]
        assert len(cache.get_many(keys)) == 2 and gc.isenabled()
        gc.disable()
        try:
            assert len(cache.get_many(keys)) == 2 and not gc.isenabled()
        finally:
            gc.enable()
    finally:
        cache.close()


def test_new_article_merges_into_existing_entities(tmp_path, nlp):
    corpus = _corpus(tmp_path / "in", alpha=ALPHA, beta=BETA)
    out = tmp_path / "out"
    pipeline.build([corpus], out)
    _corpus(corpus, alpha=ALPHA, beta=BETA, gamma=GAMMA)
    result = pipeline.build([corpus], out)
    assert (result.analysed, result.reused) == (1, 2)
    articles = _select(out, "SELECT ?a WHERE { ?e rdfs:label 'Venezuela' ; kg:mentionedIn ?a }")
    assert {a.rsplit("/", 1)[-1] for a in articles} == {"alpha", "beta", "gamma"}
    assert len(_select(out, "SELECT ?e WHERE { ?e rdfs:label 'Venezuela' }")) == 1
    assert result.ttl_path.read_bytes() == _fresh_ttl(tmp_path, corpus)


def test_changed_article_replaces_its_facts_and_removed_article_leaves(tmp_path, nlp):
    corpus = _corpus(tmp_path / "in", alpha=ALPHA, beta=BETA, gamma=GAMMA)
    out = tmp_path / "out"
    pipeline.build([corpus], out)
    assert _select(out, "SELECT ?e WHERE { ?e rdfs:label 'Bogota' }")
    _corpus(corpus, alpha=ALPHA, beta=BETA_CHANGED)
    result = pipeline.build([corpus], out)
    assert (result.analysed, result.reused) == (1, 1)
    assert not _select(out, "SELECT ?e WHERE { ?e rdfs:label 'Bogota' }")
    assert not _select(out, "SELECT ?s WHERE { ?s kg:sentence ?t FILTER(CONTAINS(?t, 'Bogota')) }")
    assert _select(out, "SELECT ?e WHERE { ?e rdfs:label 'Madrid' }")
    assert not _select(out, "SELECT ?a WHERE { ?a a kg:Article ; rdfs:label 'gamma' }")
    assert not _select(out, "SELECT ?e WHERE { ?e kg:mentionedIn ?a FILTER(STRENDS(STR(?a), '/gamma')) }")
    assert result.ttl_path.read_bytes() == _fresh_ttl(tmp_path, corpus)
    assert len(load_graph(out)) == len(result.graph)
    cache = ExtractionCache(out)
    assert cache.db.execute("SELECT COUNT(*) FROM extraction").fetchone()[0] == 2  # gamma's entry dropped
    cache.close()


def test_interrupted_analysis_keeps_what_was_done(tmp_path, nlp, monkeypatch):
    corpus = _corpus(tmp_path / "in", alpha=ALPHA, beta=BETA, gamma=GAMMA)
    out = tmp_path / "out"
    real = analysis.extract_document
    calls = []

    def interrupted(doc, sdoc):
        calls.append(doc.doc_id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(doc, sdoc)

    monkeypatch.setattr(analysis, "extract_document", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build([corpus], out)
    assert find_store(out) is None and not (out / "graph.ttl").exists()
    monkeypatch.setattr(analysis, "extract_document", real)
    result = pipeline.build([corpus], out)
    assert (result.analysed, result.reused) == (2, 1)
    assert result.ttl_path.read_bytes() == _fresh_ttl(tmp_path, corpus)


def test_two_jobs_give_the_same_graph_with_progress(tmp_path, nlp):
    corpus = _corpus(tmp_path / "in", alpha=ALPHA, beta=BETA, gamma=GAMMA)
    seen = []
    result = pipeline.build([corpus], tmp_path / "out", jobs=2, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3) and len(seen) == 4
    assert result.ttl_path.read_bytes() == _fresh_ttl(tmp_path, corpus)


def test_cli_reports_reuse(tmp_path, nlp):
    corpus = _corpus(tmp_path / "in", alpha=ALPHA)
    out = tmp_path / "out"
    runner = CliRunner()
    res = runner.invoke(main, ["build", str(corpus), "--out", str(out), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    assert "analysed: 1, unchanged: 0" in res.output and "\u2501" not in res.output  # no bar off a terminal
    res = runner.invoke(main, ["build", str(corpus), "--out", str(out)])
    assert res.exit_code == 0 and "analysed: 0, unchanged: 1" in res.output, res.output
    res = runner.invoke(main, ["query", "--graph", str(out), "SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n }"])
    assert res.exit_code == 0 and "Nicolas Maduro" in res.output, res.output


def test_killed_build_keeps_the_old_store_whole_and_the_next_build_repairs(tmp_path, nlp):
    corpus = _corpus(tmp_path / "in", alpha=ALPHA, beta=BETA)
    out = tmp_path / "out"
    old = pipeline.build([corpus], out)
    old_ttl = old.ttl_path.read_bytes()
    code = code_fingerprint()
    _corpus(corpus, alpha=ALPHA, beta=BETA_CHANGED, gamma=GAMMA)
    kg = Path(sys.executable).parent / "kg"
    env = dict(os.environ, KG_TEST_PAUSE_BEFORE_STORE_COMMIT="120")
    proc = subprocess.Popen([str(kg), "build", str(corpus), "--out", str(out)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert "KG_TEST_PAUSE_BEFORE_STORE_COMMIT" in line, line + proc.stderr.read()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        proc.stderr.close()
    assert len(load_graph(out)) == len(old.graph)  # the store is the old one, whole
    assert _select(out, "SELECT ?e WHERE { ?e rdfs:label 'Bogota' }")
    assert (out / "graph.ttl").read_bytes() != old_ttl  # the files are written before the store is committed
    cache = ExtractionCache(out)
    assert cache.db.execute("SELECT COUNT(*) FROM extraction").fetchone()[0] >= 4  # it saved its 2 analyses
    cache.close()
    code_fingerprint.cache_clear()
    result = pipeline.build([corpus], out)
    if code_fingerprint() == code:  # (kg's code being edited meanwhile, in a working copy, changes every key)
        assert (result.analysed, result.reused) == (0, 3)
    assert not _select(out, "SELECT ?e WHERE { ?e rdfs:label 'Bogota' }")
    assert len(load_graph(out)) == len(result.graph)  # and the next build brings the store to them
    assert result.ttl_path.read_bytes() == _fresh_ttl(tmp_path, corpus)
