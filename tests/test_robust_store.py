"""The persistent parts of an output folder under attack and accident: a cache that cannot carry code,
damaged caches and stores set aside, a full disk, and interruptions between the writes of a build."""

from __future__ import annotations

import os
import pickle
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from kg import cache as cache_mod
from kg.cache import CACHE_FILE, ExtractionCache, cache_key, code_fingerprint, from_json, to_json
from kg.records import Document, Event, Extraction, Mention, Relation, Sentence


def _rich_extraction(doc_id: str = "a") -> Extraction:
    text = "Ada Quill, the mayor of Brindle, said on Monday that Vantor Mills closed."
    doc = Document(text=text, source=f"{doc_id}.txt", doc_id=doc_id, date=date(2026, 1, 5), offset=16,
                   sha256="ab" * 32, encoding="utf-8")
    ada = Mention(0, 9, "Ada Quill", "Ada Quill", "Person", "PERSON", 0)
    town = Mention(24, 31, "Brindle", "Brindle", "Place", "GPE", 0, kind="name", key="place:brindle")
    mills = Mention(52, 63, "Vantor Mills", "Vantor Mills", "Organization", "ORG", 0)
    rel = Relation(ada, "leaderOf", town, 0, "apposition-title", 0.9, role="mayor", date=date(2026, 1, 5),
                   source=ada)
    ev = Event("Closure", "closed", 64, 70, 0, "verb", 0.7, actors=(mills,), places=(town,), date=None,
               counts=(("jobs", 40),), source=None)
    return Extraction(doc=doc, sentences=[Sentence(0, len(text), text)], mentions=[ada, town, mills],
                      relations=[rel], events=[ev])


# ---------------------------------------------------------------- the cache holds plain data

def test_extractions_round_trip_through_json():
    ex = _rich_extraction()
    text = to_json(ex)
    assert text.startswith("{") and "Ada Quill" in text
    back = from_json(text)
    assert back == ex
    assert isinstance(back.events[0].actors, tuple) and back.relations[0].date == date(2026, 1, 5)
    # fields left out take their defaults, and a default list is the record's own
    short = from_json('{"doc": {"text": "x", "source": "s", "doc_id": "d"}, "sentences": [], "mentions": []}')
    again = from_json('{"doc": {"text": "x", "source": "s", "doc_id": "d"}, "sentences": [], "mentions": []}')
    assert short.doc == Document("x", "s", "d") and short.relations == [] and short.relations is not again.relations
    assert hash(back.mentions[0]) == hash(ex.mentions[0]) and repr(back) == repr(ex)


@pytest.mark.parametrize("bad", [
    '{"doc": 1}',
    '[1, 2]',
    'not json',
    '{"doc": {"text": "x", "source": "s", "doc_id": "d", "evil": 1}, "sentences": [], "mentions": []}',
    '{"doc": {"text": "x", "source": "s", "doc_id": "d", "date": 20260105}, "sentences": [], "mentions": []}',
    '{"doc": {"text": 5, "source": "s", "doc_id": "d"}, "sentences": [], "mentions": []}',
    '{"doc": {"source": "s", "doc_id": "d"}, "sentences": [], "mentions": []}',  # a field lacking
    '{"doc": {"text": "x", "source": "s", "doc_id": "d"}, "sentences": [], "mentions": [], "events": [{}]}',
    '{"doc": {"text": "x", "source": "s", "doc_id": "d", "offset": 1.5}, "sentences": [], "mentions": []}',
])
def test_malformed_entries_are_refused(bad):
    with pytest.raises(cache_mod._Malformed):
        from_json(bad)


class _Payload:
    """A pickle that, when loaded, creates a file: what a crafted cache of an older kg could carry."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _old_pickle_cache(folder: Path, key: str, marker: Path) -> None:
    db = sqlite3.connect(folder / CACHE_FILE)
    db.execute("CREATE TABLE extraction (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
    db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO extraction VALUES (?, ?)", (key, pickle.dumps(_Payload(marker))))
    db.commit()
    db.close()


def test_a_pickled_cache_is_set_aside_never_loaded(tmp_path):
    ex = _rich_extraction()
    key = cache_key(ex.doc, "m")
    marker = tmp_path / "code-ran"
    _old_pickle_cache(tmp_path, key, marker)
    cache = ExtractionCache(tmp_path)
    assert cache.get_many([key]) == {}
    assert not marker.exists()
    (aside,) = tmp_path.glob(CACHE_FILE + ".set-aside-*")
    assert len(cache.notes) == 1 and aside.name in cache.notes[0] and "older kg" in cache.notes[0]
    cache.put_many({key: ex})
    cache.close()
    again = ExtractionCache(tmp_path)
    assert again.get_many([key]) == {key: ex} and again.notes == []
    again.close()
    assert not marker.exists()


@pytest.mark.parametrize("content", [b"this is not a database, but text " * 100,
                                     b"SQLite format 3\x00" + b"\xff" * 5000])
def test_a_damaged_cache_is_set_aside_and_a_new_one_made(tmp_path, content):
    (tmp_path / CACHE_FILE).write_bytes(content)
    cache = ExtractionCache(tmp_path)
    (aside,) = tmp_path.glob(CACHE_FILE + ".set-aside-*")
    assert aside.read_bytes() == content
    assert "damaged" in cache.notes[0] and aside.name in cache.notes[0]
    ex = _rich_extraction()
    assert cache.put_many({"k": ex}) and cache.get_many(["k"]) == {"k": ex}
    cache.close()


def test_a_foreign_database_is_set_aside(tmp_path):
    db = sqlite3.connect(tmp_path / CACHE_FILE)
    db.execute("CREATE TABLE people (name TEXT)")
    db.commit()
    db.close()
    cache = ExtractionCache(tmp_path)
    assert "not a kg cache" in cache.notes[0]
    cache.close()


def test_a_full_disk_keeps_what_was_saved(tmp_path):
    cache = ExtractionCache(tmp_path)
    small = _rich_extraction("small")
    assert cache.put_many({"small": small})
    pages = cache.db.execute("PRAGMA page_count").fetchone()[0]
    cache.db.execute(f"PRAGMA max_page_count = {pages + 1}")  # what SQLite sees on a full disk
    big = Extraction(doc=Document(text="x" * 200_000, source="big.txt", doc_id="big"), sentences=[], mentions=[])
    assert cache.put_many({"big": big}) is False
    assert "disk is full" in cache.notes[0] and str(tmp_path) in cache.notes[0]
    assert cache.put_many({"other": small}) is False and len(cache.notes) == 1  # said once
    cache.close()
    again = ExtractionCache(tmp_path)
    assert again.get_many(["small", "big"]) == {"small": small}
    again.close()


def test_the_fingerprint_reads_only_extraction_code_and_data(monkeypatch):
    read = []
    real = Path.read_bytes

    def spy(self):
        read.append(self.name if self.parent.name == "kg" else f"{self.parent.name}/{self.name}")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    code_fingerprint.cache_clear()
    try:
        code_fingerprint()
    finally:
        code_fingerprint.cache_clear()
    assert {"lexicon.py", "nlp.py", "records.py", "extract/relations.py", "extract/entities.py"} <= set(read)
    for other in ("render.py", "cli.py", "query.py", "graph.py", "store.py", "assets/page.js", "assets/page.css"):
        assert other not in read
    assert not [name for name in read if name.startswith(("evaluation/", "assets/", "queries/"))]


# ---------------------------------------------------------------- builds: damage and interruptions

ONE = "date 2026-03-02\n\nMayor Ada Quill of Brindle opened a bridge on Monday. Brindle thanked Vantor Mills for the steel.\n"
TWO = "date 2026-03-03\n\nOren Talbeck, the chief executive of Vantor Mills, visited Corlake. He met Ada Quill there.\n"
TWO_CHANGED = "date 2026-03-03\n\nOren Talbeck, the chief executive of Vantor Mills, visited Estmoor. Estmoor welcomed him.\n"


def _write_corpus(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _snapshot(out: Path) -> tuple[bytes, bytes, set[str]]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    quads = {str(q) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    del store
    return (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes(), quads


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """Clean builds of the two versions of the corpus, each in its own new folder."""
    from kg import pipeline

    base = tmp_path_factory.mktemp("clean")
    out = {}
    here = os.getcwd()
    try:
        for version, texts in (("v1", {"one": ONE, "two": TWO}), ("v2", {"one": ONE, "two": TWO_CHANGED})):
            (base / version).mkdir()
            os.chdir(base / version)  # the graph names articles by the path given: the same relative one
            pipeline.build([_write_corpus(Path("in"), **texts)], Path("out"))
            out[version] = _snapshot(Path("out").resolve())
    finally:
        os.chdir(here)
    return out


class _Killed(BaseException):
    """Stands for a kill: nothing of kg catches a BaseException."""


@pytest.mark.model
@pytest.mark.parametrize("step", ["files written", "inside the store", "store written", "meta"])
@pytest.mark.parametrize("then", ["v2", "v1"])
def test_an_interrupted_build_is_repaired_by_the_next(tmp_path, nlp, monkeypatch, clean, step, then):
    from kg import outputs, pipeline, store

    monkeypatch.chdir(tmp_path)
    corpus = _write_corpus(Path("in"), one=ONE, two=TWO)
    out = Path("out")
    pipeline.build([corpus], out)
    _write_corpus(corpus, one=ONE, two=TWO_CHANGED)

    def kill(*args, **kwargs):
        raise _Killed

    with monkeypatch.context() as patch, pytest.raises(_Killed):
        if step == "inside the store":
            patch.setattr(store, "_hook", kill)
        elif step == "meta":
            patch.setattr(ExtractionCache, "retain", kill)
        else:
            patch.setattr(outputs, "_hook", lambda at: kill() if at == step else None)
        pipeline.build([corpus], out)
    if then == "v1":  # the articles the store may still reflect
        _write_corpus(corpus, one=ONE, two=TWO)
    result = pipeline.build([corpus], out)
    assert result.analysed == 0
    assert _snapshot(out) == clean[then]


@pytest.mark.model
def test_a_damaged_store_is_set_aside_and_rebuilt(tmp_path, nlp, monkeypatch, clean):
    from click.testing import CliRunner

    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    corpus = _write_corpus(Path("in"), one=ONE, two=TWO)
    out = Path("out")
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(corpus), "--out", str(out)]).exit_code == 0
    for sst in (out / "store").glob("*.sst"):
        sst.write_bytes(b"\xff" * 64)
    res = runner.invoke(main, ["query", "--graph", str(out), "SELECT * WHERE { ?s ?p ?o } LIMIT 1"])
    assert res.exit_code == 1
    (line,) = res.output.splitlines()
    assert "the store is damaged" in line and f"--out {out}" in line and "graph.ttl" in line
    res = runner.invoke(main, ["build", str(corpus), "--out", str(out)])
    assert res.exit_code == 0, res.output
    (aside,) = out.glob("store.set-aside-*")
    assert f"note: {out / 'store'}: damaged" in res.output and aside.name in res.output
    assert _snapshot(out) == clean["v1"]
    res = runner.invoke(main, ["query", "--graph", str(out), "ASK { ?s a kg:Person }"])
    assert res.exit_code == 0 and res.output == "yes\n", res.output


@pytest.mark.model
def test_a_damaged_cache_is_set_aside_by_a_build(tmp_path, nlp, monkeypatch, clean):
    from kg import pipeline

    monkeypatch.chdir(tmp_path)
    corpus = _write_corpus(Path("in"), one=ONE, two=TWO)
    out = Path("out")
    pipeline.build([corpus], out)
    (out / CACHE_FILE).write_bytes(b"\x00garbage" * 300)
    result = pipeline.build([corpus], out)
    assert result.analysed == 2
    (note,) = [p for p in result.problems if p.kind == "note"]
    assert note.path == str(out / CACHE_FILE) and "damaged" in note.message and "set aside" in note.message
    assert _snapshot(out) == clean["v1"]
    assert pipeline.build([corpus], out).analysed == 0


@pytest.mark.model
def test_a_full_disk_under_the_cache_loses_nothing_else(tmp_path, nlp, monkeypatch, clean):
    from kg import pipeline

    real = ExtractionCache._open

    def tiny(self):
        real(self)
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        self.db.execute(f"PRAGMA max_page_count = {pages + 2}")  # what SQLite sees on a full disk

    monkeypatch.setattr(cache_mod, "to_json", lambda ex, real=to_json: real(ex) + " " * 50_000)  # big entries

    monkeypatch.setattr(ExtractionCache, "_open", tiny)
    monkeypatch.chdir(tmp_path)
    corpus = _write_corpus(Path("in"), one=ONE, two=TWO)
    out = Path("out")
    result = pipeline.build([corpus], out)
    notes = [str(p) for p in result.problems]
    assert len(notes) == 1 and "disk is full" in notes[0] and notes[0].startswith(str(out / CACHE_FILE))
    assert _snapshot(out) == clean["v1"]
