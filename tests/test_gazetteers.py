"""The gazetteer tables kept in the user's cache folder give what the packages give, and a bad file is made again."""

from __future__ import annotations

import json

import pytest

from kg import gazetteers, lexicon as L


def _derive(table):
    """The function that derives a lexicon table from the packages (under its cache and its file)."""
    return table.__wrapped__.__wrapped__


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _stored(name, kind):
    table = getattr(L, name)
    return gazetteers.stored(name.lstrip("_"), _derive(table), *gazetteers.CODECS[kind])


@pytest.mark.parametrize("name,kind", [("cities", "places"), ("countries", "places"), ("country_names", "names"),
                                       ("_given_names", "words"), ("subdivisions", "places")])
def test_a_table_read_back_is_the_table_derived(folder, name, kind):
    derived = _stored(name, kind)  # no file yet: derived, and written
    assert len(list(folder.glob(f"{name.lstrip('_')}-*.json"))) == 1
    read = _stored(name, kind)
    assert type(read) is not type(derived) or kind != "places"  # the second comes from the file
    assert len(read) == len(derived)
    if kind == "words":
        assert read == derived
    else:
        assert all(read[k] == derived[k] for k in derived)
        assert read.get("no such place at all") is None and "no such place at all" not in read


def test_a_damaged_file_is_made_again(folder):
    _stored("regions", "places")
    (path,) = folder.glob("regions-*.json")
    path.write_bytes(b"\x00not json")
    assert _stored("regions", "places")["europe"].name == "Europe"
    assert json.loads(path.read_bytes())["keys"]  # written anew


def test_a_damaged_row_is_found_when_looked_up(folder):
    _stored("regions", "places")
    (path,) = folder.glob("regions-*.json")
    data = json.loads(path.read_bytes())
    data["places"] = [["Nowhere", 7, None, None, "many"] for _ in data["places"]]
    path.write_text(json.dumps(data))
    table = _stored("regions", "places")
    assert table["europe"].name == "Europe" and table.get("texas").iso == "US"
    assert not path.exists()  # the next build writes it again


def test_a_folder_that_cannot_be_written_still_gives_the_table(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "kg"))
    assert _stored("regions", "places")["europe"].cls == "Location"


def test_the_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gazetteers.cache_folder() == tmp_path / "kg"
