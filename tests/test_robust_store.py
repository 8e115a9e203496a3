"""The persistent parts of an output folder under attack and accident: a cache that cannot carry code,
damaged caches and stores set aside, a full disk, and interruptions between the writes of a build."""

from __future__ import annotations

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


@pytest.mark.parametrize("bad", [
    '{"doc": 1}',
    '[1, 2]',
    'not json',
    '{"doc": {"text": "x", "source": "s", "doc_id": "d", "evil": 1}, "sentences": [], "mentions": []}',
    '{"doc": {"text": "x", "source": "s", "doc_id": "d", "date": 20260105}, "sentences": [], "mentions": []}',
    '{"doc": {"text": 5, "source": "s", "doc_id": "d"}, "sentences": [], "mentions": []}',
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
