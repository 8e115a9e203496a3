"""`kg build --cluster`: the per-article stage on a Dask cluster of two worker processes on loopback gives
the graph of `--jobs 1`, saves each article in the cache, and survives a worker that dies mid-build."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import cluster as cluster_mod
from kg import pipeline
from kg.cli import main

pytestmark = pytest.mark.model

distributed = pytest.importorskip("distributed")

ARTICLES = {
    "a": "date 2026-03-02\n\nPresident Maria Okonkwo of Nigeria met Prime Minister Karl Lindqvist of Sweden in Abuja "
         "on Monday. The two leaders discussed trade.\n",
    "b": "date 2026-03-03\n\nThe United Nations said that fighting near Goma had forced 3,000 people from their "
         "homes. Jean Mbeki, a spokesman for the agency, called for calm.\n",
    "c": "date 2026-03-04\n\nKarl Lindqvist, the prime minister of Sweden, flew to Oslo. Norway and Sweden signed "
         "an agreement on fishing rights.\n",
    "d": "date 2026-03-05\n\nRebels attacked a convoy near Goma on Wednesday, killing four soldiers, according to "
         "the army of the Democratic Republic of the Congo.\n",
    "e": "date 2026-03-06\n\nMaria Okonkwo, the president of Nigeria, said her government would send food to the "
         "north. The World Bank praised the plan.\n",
    "f": "date 2026-03-07\n\nThe European Union fined Meridian Shipping, a company based in Rotterdam, for "
         "breaking sanctions on Russia.\n",
}


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_cluster():
    """Two worker processes of one thread each, on loopback, with their nannies (which restart a dead one)."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.wait_for_workers(2, timeout=120)
        yield cluster, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return _corpus(tmp_path_factory.mktemp("cluster-in"))


@pytest.fixture(scope="module")
def serial_ttl(tmp_path_factory, corpus):
    """graph.ttl of the corpus built with --jobs 1 (the articles' paths are in the graph: the same corpus)."""
    return pipeline.build([corpus], tmp_path_factory.mktemp("serial") / "out", jobs=1).ttl_path.read_bytes()


def test_cluster_build_gives_the_graph_of_one_job_and_fills_the_cache(tmp_path, nlp, local_cluster, corpus,
                                                                     serial_ttl):
    cluster, _ = local_cluster
    out = tmp_path / "out"
    seen = []
    result = pipeline.build([corpus], out, cluster=cluster.scheduler_address,
                            progress=lambda done, total: seen.append((done, total)))
    assert result.analysed == len(ARTICLES)
    assert seen == [(n, len(ARTICLES)) for n in range(len(ARTICLES) + 1)]
    assert [ex.doc.source for ex in result.extractions] == sorted(ex.doc.source for ex in result.extractions)
    assert result.ttl_path.read_bytes() == serial_ttl
    again = pipeline.build([corpus], out, jobs=1)  # every article was saved as it came back
    assert (again.analysed, again.reused) == (0, len(ARTICLES))


def test_a_worker_killed_mid_build_is_replaced_and_the_build_completes(tmp_path, nlp, local_cluster, corpus,
                                                                     serial_ttl, monkeypatch):
    cluster, client = local_cluster
    monkeypatch.setattr(cluster_mod, "BATCH", 1)  # one article a task: the other worker still has work queued
    before = client.run(os.getpid)
    killed = []

    def kill_a_busy_worker(done, total):
        if done == 1 and not killed:
            busy = [addr for addr, keys in client.processing().items() if keys]  # holds a task of the build
            if busy:
                os.kill(before[busy[0]], signal.SIGKILL)
                killed.append(before[busy[0]])

    result = pipeline.build([corpus], tmp_path / "out", cluster=cluster.scheduler_address,
                            progress=kill_a_busy_worker)
    assert killed and result.analysed == len(ARTICLES)
    assert result.ttl_path.read_bytes() == serial_ttl
    client.wait_for_workers(2, timeout=120)  # the nanny started a new worker in place of the dead one
    assert killed[0] not in client.run(os.getpid).values()


def test_workers_of_another_kg_stop_the_build(tmp_path, nlp, local_cluster, monkeypatch):
    cluster, _ = local_cluster
    monkeypatch.setattr(cluster_mod, "_fingerprint", lambda model: ("0" * 64, "9.9.9"))
    res = CliRunner().invoke(main, ["build", str(_corpus(tmp_path / "in")), "--out", str(tmp_path / "out"),
                                    "--cluster", cluster.scheduler_address])
    assert res.exit_code == 1
    assert "run another kg or spaCy pipeline than this build" in res.output
    assert "Traceback" not in res.output and not (tmp_path / "out" / "graph.ttl").exists()


def test_cluster_options_are_checked(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "in")
    res = CliRunner().invoke(main, ["build", str(corpus), "--cluster", "tcp://127.0.0.1:8786", "--jobs", "2"])
    assert res.exit_code == 2 and "--cluster and --jobs are alternatives" in res.output
    monkeypatch.setattr(cluster_mod, "CONNECT_TIMEOUT", 1.0)
    res = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"),
                                    "--cluster", "tcp://127.0.0.1:9"])
    assert res.exit_code == 1, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
