"""The Oxigraph store of an output folder and the extraction cache, on graphs made by hand."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal

from kg.errors import GraphError
from kg.ontology import ID, KG
from kg.query import load_graph, run_query
from kg.records import Document, Extraction, Mention, Sentence
from kg.cache import ExtractionCache, cache_key, rebind
from kg.store import STORE_DIR, find_store, load_store_graph, open_store, write_store

ROOT = Path(__file__).resolve().parent.parent


def _graph(n: int, extra: str = "") -> Graph:
    """n people with labels, plus terms that are easy to get wrong: quotes, new lines, tags and types."""
    from rdflib.namespace import XSD  # not at module level: pytest's collection would warn about it

    g = Graph()
    for i in range(n):
        node = ID[f"entity/person-{i}"]
        g.add((node, RDF.type, KG.Person))
        g.add((node, RDFS.label, Literal(f"Person {i}{extra}")))
    odd = ID["entity/odd"]
    g.add((odd, RDFS.label, Literal('She said "no"\nthen left \\ café 東京 \U0001F600', lang="en")))
    g.add((odd, KG.confidence, Literal(Decimal("0.85"), datatype=XSD.decimal)))
    g.add((odd, KG.mentionCount, Literal(3)))
    g.add((odd, KG.date, Literal(date(2026, 1, 3), datatype=XSD.date)))
    g.add((odd, KG.sentence, Literal("<script>alert(1)</script>")))
    return g


def _triples(g: Graph) -> set[str]:
    """Triples compared by their N-Triples form, with plain and xsd:string literals taken as the same."""
    xsd_string = "http://www.w3.org/2001/XMLSchema#string"
    out = set()
    for s, p, o in g:
        if isinstance(o, Literal) and str(o.datatype) == xsd_string:
            o = Literal(str(o))
        out.add(f"{s.n3()} {p.n3()} {o.n3()}")
    return out


def test_first_write_creates_the_store_with_every_triple(tmp_path):
    g = _graph(5)
    added, removed = write_store(tmp_path, g)
    assert (added, removed) == (len(g), 0)
    assert find_store(tmp_path) == tmp_path / STORE_DIR
    assert find_store(tmp_path / STORE_DIR) == tmp_path / STORE_DIR
    assert _triples(load_store_graph(tmp_path)) == _triples(g)
    assert not list(tmp_path.glob(".store-partial-*"))


def test_rewrite_applies_only_the_difference(tmp_path):
    write_store(tmp_path, _graph(5))
    new = _graph(3)
    new.add((ID["entity/person-9"], RDFS.label, Literal("Person 9")))
    added, removed = write_store(tmp_path, new)
    assert (added, removed) == (1, 4)  # person 9's label in; persons 3 and 4 (type and label) out
    assert _triples(load_store_graph(tmp_path)) == _triples(new)
    assert write_store(tmp_path, new) == (0, 0)


def test_query_reads_the_store_of_a_folder(tmp_path):
    write_store(tmp_path, _graph(4))
    for path in (tmp_path, tmp_path / STORE_DIR):
        result = run_query(load_graph(path), "SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n } ORDER BY ?n")
        assert [str(r[0]) for r in result.rows] == [f"Person {i}" for i in range(4)]


def test_store_refuses_updates_and_bad_folders(tmp_path):
    write_store(tmp_path, _graph(1))
    with pytest.raises(GraphError, match="read-only"):
        load_store_graph(tmp_path).update("INSERT DATA { <http://a> <http://b> <http://c> }")
    with pytest.raises(GraphError, match="no kg store"):
        open_store(tmp_path / "nowhere")
    (tmp_path / "other" / STORE_DIR).mkdir(parents=True)
    (tmp_path / "other" / STORE_DIR / "notes.txt").write_text("not a store")
    with pytest.raises(GraphError, match="not an Oxigraph store"):
        write_store(tmp_path / "other", _graph(1))


def test_a_failed_first_load_leaves_no_store_and_is_cleaned_up(tmp_path, monkeypatch):
    import pyoxigraph

    def boom(self, quads):
        raise OSError("disk full")

    monkeypatch.setattr(pyoxigraph.Store, "bulk_extend", boom)
    with pytest.raises(OSError):
        write_store(tmp_path, _graph(2))
    assert find_store(tmp_path) is None and list(tmp_path.glob(".store-partial-*"))
    monkeypatch.undo()
    write_store(tmp_path, _graph(2))
    assert find_store(tmp_path) and not list(tmp_path.glob(".store-partial-*"))


def test_a_first_store_loaded_in_chunks_holds_what_one_load_gives(tmp_path, monkeypatch):
    """load_ntriples gives the bulk loader LOAD_CHUNK triples at a time (its memory grows with a call's size):
    a graph cut into many calls, some lines given in pieces, is the store write_store makes of it at once."""
    import pyoxigraph

    from kg import store
    from kg.parts import nt

    g = _graph(23)
    write_store(tmp_path / "whole", g)
    calls: list[int] = []
    real = pyoxigraph.Store.bulk_load

    def counted(self, data, **kw):
        calls.append(data.count(b"\n"))
        return real(self, data, **kw)

    monkeypatch.setattr(store, "LOAD_CHUNK", 4)
    monkeypatch.setattr(pyoxigraph.Store, "bulk_load", counted)

    def write(sink, identity):
        assert identity  # the new store's, recorded by the index before the store is in place
        for i, t in enumerate(sorted(map(nt, g))):
            if i % 3:
                sink.write(t + " .\n")
            else:  # a line in two writes is never cut between two calls
                sink.write(t[:7])
                sink.write(t[7:] + " .\n")

    count = store.load_ntriples(tmp_path / "chunked", write)
    assert count == len(g) == sum(calls) and len(calls) == -(-len(g) // 4) and max(calls) == 4
    assert _triples(load_store_graph(tmp_path / "chunked")) == _triples(load_store_graph(tmp_path / "whole"))
    assert not list((tmp_path / "chunked").glob(".store-*"))


_WRITER = """
import sys
from rdflib import Graph
from kg.store import write_store
write_store(sys.argv[1], Graph().parse(sys.argv[2], format="turtle"))
"""


def _kill_while_writing(out: Path, graph: Graph, tmp_path: Path) -> None:
    """Write graph into out's store in a process killed (SIGKILL) just before the store changes."""
    src = tmp_path / "new.ttl"
    graph.serialize(src, format="turtle")
    env = dict(os.environ, KG_TEST_PAUSE_BEFORE_STORE_COMMIT="60")
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(out), str(src)], env=env, cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert "KG_TEST_PAUSE_BEFORE_STORE_COMMIT" in line, line + proc.stderr.read()
        time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        proc.stderr.close()


def test_a_killed_first_write_leaves_no_store_then_builds(tmp_path):
    out = tmp_path / "out"
    _kill_while_writing(out, _graph(3), tmp_path)
    assert find_store(out) is None
    write_store(out, _graph(3))
    assert _triples(load_store_graph(out)) == _triples(_graph(3))


def test_a_killed_rewrite_keeps_the_old_store_whole(tmp_path):
    out = tmp_path / "out"
    old = _graph(6)
    write_store(out, old)
    _kill_while_writing(out, _graph(2, extra=" (new)"), tmp_path)
    assert _triples(load_store_graph(out)) == _triples(old)
    new = _graph(2, extra=" (new)")
    write_store(out, new)  # and the store still takes writes
    assert _triples(load_store_graph(out)) == _triples(new)


def _extraction(text: str, doc_id: str = "a", when: date | None = None) -> Extraction:
    doc = Document(text=text, source=f"{doc_id}.txt", doc_id=doc_id, date=when)
    m = Mention(0, 5, text[:5], text[:5], "Person", "PERSON", 0)
    return Extraction(doc=doc, sentences=[Sentence(0, len(text), text)], mentions=[m])


def test_cache_keys_follow_text_date_and_model():
    a = _extraction("Alice met Bob.").doc
    assert cache_key(a, "m") == cache_key(rebind(_extraction("Alice met Bob.", "b"), a).doc, "m")
    assert cache_key(a, "m") != cache_key(_extraction("Alice met Bob!").doc, "m")
    assert cache_key(a, "m") != cache_key(_extraction("Alice met Bob.", when=date(2026, 1, 1)).doc, "m")
    assert cache_key(a, "m") != cache_key(a, "other_model")


def test_cache_round_trip_prune_and_damaged_entries(tmp_path):
    cache = ExtractionCache(tmp_path)
    ex1, ex2 = _extraction("Alice met Bob."), _extraction("Carol met Dan.", "b")
    cache.put_many({"k1": ex1, "k2": ex2})
    got = cache.get_many(["k1", "k2", "k3"])
    assert set(got) == {"k1", "k2"} and got["k1"] == ex1 and got["k2"].mentions == ex2.mentions
    with cache.db:
        cache.db.execute("UPDATE extraction SET data = ? WHERE key = 'k2'", ('{"doc": 1}',))
    assert set(cache.get_many(["k1", "k2"])) == {"k1"}
    assert cache.retain(["k1"]) == 1 and set(cache.get_many(["k1", "k2"])) == {"k1"}
    cache.set_meta({"fingerprint": "x"})
    cache.close()
    assert ExtractionCache(tmp_path).get_meta("fingerprint") == "x"


def test_rebind_takes_the_document_as_read_now():
    ex = _extraction("Alice met Bob.")
    doc = Document(text="Alice met Bob.", source="moved/a.txt", doc_id="a-2")
    again = rebind(ex, doc)
    assert again.doc is doc and again.mentions == ex.mentions and ex.doc.doc_id == "a"


def test_one_build_at_a_time_per_folder(tmp_path):
    first = ExtractionCache(tmp_path)
    with pytest.raises(GraphError, match="another kg build"):
        ExtractionCache(tmp_path)
    first.close()
    ExtractionCache(tmp_path).close()


