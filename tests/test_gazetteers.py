"""The gazetteer tables kept in the user's cache folder give what the packages give, and a bad file is made again."""

from __future__ import annotations

import json
import os
import time

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


def test_a_file_too_deeply_nested_to_read_is_set_aside_and_made_again(folder):
    _stored("regions", "places")
    (path,) = folder.glob("regions-*.json")
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)  # json.loads gives up with a RecursionError
    assert _stored("regions", "places")["europe"].name == "Europe"
    assert json.loads(path.read_bytes())["keys"]  # written anew
    assert path.with_name(path.name + ".damaged").read_bytes().startswith(b"[[[")  # kept aside, not read again


def test_a_file_that_is_not_utf8_is_set_aside(folder):
    _stored("regions", "places")
    (path,) = folder.glob("regions-*.json")
    path.write_bytes(b'{"keys": "\xff\xfe"}')
    assert _stored("regions", "places")["europe"].name == "Europe"
    assert path.with_name(path.name + ".damaged").exists()


def test_files_of_other_versions_stay_unless_old(folder):
    folder.mkdir(parents=True)
    other = folder / "regions-0123456789abcdef0123.json"  # another checkout's version, in use
    other.write_text("{}")
    stale = folder / "regions-aaaaaaaaaaaaaaaaaaaa.json"  # unused for two months
    stale.write_text("{}")
    two_months = time.time() - 60 * 86400
    os.utime(stale, (two_months, two_months))
    unrelated = folder / "cities-0123456789abcdef0123.json"
    unrelated.write_text("{}")
    _stored("regions", "places")
    assert other.exists() and unrelated.exists() and not stale.exists()
    assert len(list(folder.glob("regions-*.json"))) == 2


def test_at_most_keep_files_versions_of_a_table_stay(folder):
    folder.mkdir(parents=True)
    for n in range(gazetteers.KEEP_FILES + 3):
        p = folder / f"regions-{n:020d}.json"
        p.write_text("{}")
        os.utime(p, (time.time() - 3600 * (n + 1),) * 2)  # n = 0 the newest
    _stored("regions", "places")
    left = sorted(p.name for p in folder.glob("regions-*.json"))
    assert len(left) == gazetteers.KEEP_FILES
    assert f"regions-{0:020d}.json" in left and f"regions-{gazetteers.KEEP_FILES:020d}.json" not in left


def test_no_home_folder_derives_the_tables_in_memory(tmp_path, monkeypatch):
    for var in ("KG_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(var, raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(gazetteers.Path, "home", staticmethod(no_home))
    assert gazetteers.cache_folder() is None
    assert _stored("regions", "places")["europe"].cls == "Location"


def test_a_home_that_cannot_be_expanded_is_no_folder(monkeypatch):
    for var in ("KG_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(gazetteers.Path, "home", staticmethod(lambda: gazetteers.Path("~")))
    assert gazetteers.cache_folder() is None
