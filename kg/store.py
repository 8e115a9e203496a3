"""The persistent store of an output folder: an Oxigraph store of the graph and a cache of per-article
extractions, so that a rebuild analyses only new or changed articles."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import fields, replace
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from . import PIPELINE_VERSION, __version__
from .errors import GraphError
from .ontology import PREFIXES
from .records import Document, Event, Extraction, Mention, Relation, Sentence

STORE_DIR = "store"  # the Oxigraph store inside an output folder
CACHE_FILE = "extractions.sqlite"  # per-article extractions, keyed by cache_key()
_PARTIAL = ".store-partial-"  # a first store being bulk-loaded; renamed to STORE_DIR when complete


# ---------------------------------------------------------------- cache keys

@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of kg's own source and data files: any change of the code re-analyses every article.
    The evaluation (kg/evaluation/) is left out: scoring does not change what kg extracts."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{__version__}\x1f{PIPELINE_VERSION}".encode())
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] == "evaluation":
            continue
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(str(path.relative_to(root)).encode() + b"\x00" + path.read_bytes())
    # the shape of the records: a pickled record of another shape must not be read back
    for cls in (Document, Mention, Relation, Event, Sentence, Extraction):
        h.update(",".join(f.name for f in fields(cls)).encode())
    return h.hexdigest()


@lru_cache(maxsize=8)
def model_version(model: str) -> str:
    """The installed version of a spaCy pipeline package, without loading it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(model)
    except PackageNotFoundError:
        return "unknown"


def cache_key(doc: Document, model: str) -> str:
    """What an article's extraction depends on: its text, its date, the model and kg's code."""
    h = hashlib.sha256()
    for part in (doc.text, str(doc.offset), doc.date.isoformat() if doc.date else "", model,
                 model_version(model), code_fingerprint()):
        h.update(part.encode("utf-8", "surrogatepass") + b"\x1f")
    return h.hexdigest()


def rebind(ex: Extraction, doc: Document) -> Extraction:
    """A cached extraction for the article as read now (its id or path may have changed)."""
    return ex if ex.doc == doc else replace(ex, doc=doc)


# ---------------------------------------------------------------- the extraction cache

class ExtractionCache:
    """Pickled extractions in SQLite: each write is a transaction, so a killed build loses nothing it saved."""

    def __init__(self, out_dir: str | Path):
        path = Path(out_dir) / CACHE_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _lock_folder(path.parent)
        try:
            self.db = sqlite3.connect(path, timeout=30)
            self.db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self.db.commit()
        except sqlite3.DatabaseError as e:
            self._lock.close()
            raise GraphError(f"{path}: cannot use the kg cache ({e}); if it is damaged, delete it: the next "
                             "build analyses every article again") from None
        self.path = path

    def get_many(self, keys: Iterable[str]) -> dict[str, Extraction]:
        out: dict[str, Extraction] = {}
        wanted = list(dict.fromkeys(keys))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            rows = self.db.execute(f"SELECT key, data FROM extraction WHERE key IN ({','.join('?' * len(chunk))})",
                                   chunk)
            for key, data in rows:
                try:
                    out[key] = pickle.loads(data)
                except Exception:  # a damaged entry is analysed again
                    continue
        return out

    def put_many(self, items: dict[str, Extraction]) -> None:
        if not items:
            return
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?)",
                                [(k, pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL)) for k, ex in items.items()])

    def retain(self, keys: Iterable[str]) -> int:
        """Drop the entries of articles no longer built; returns how many were dropped."""
        keep = set(keys)
        gone = [k for (k,) in self.db.execute("SELECT key FROM extraction") if k not in keep]
        with self.db:
            self.db.executemany("DELETE FROM extraction WHERE key = ?", [(k,) for k in gone])
        return len(gone)

    def get_meta(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_meta(self, values: dict[str, str]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(values.items()))

    def close(self) -> None:
        self.db.close()
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


# ---------------------------------------------------------------- the local Oxigraph store

def to_quads(graph: Graph) -> list:
    """rdflib triples as Oxigraph quads of the default graph."""
    import pyoxigraph as ox

    nodes: dict = {}

    def term(t):
        cached = nodes.get(t)
        if cached is not None:
            return cached
        if isinstance(t, URIRef):
            out = ox.NamedNode(t)
        elif isinstance(t, BNode):
            out = ox.BlankNode(t)
        elif isinstance(t, Literal):
            if t.language:
                out = ox.Literal(t, language=t.language)
            else:
                out = ox.Literal(t, datatype=ox.NamedNode(t.datatype) if t.datatype else None)
        else:
            raise GraphError(f"cannot store the RDF term {t!r}")
        if not isinstance(t, Literal):  # rdflib Literals of equal text but other types compare equal
            nodes[t] = out
        return out

    default = ox.DefaultGraph()
    return [ox.Quad(term(s), term(p), term(o), default) for s, p, o in graph]


def find_store(path: str | Path) -> Path | None:
    """The Oxigraph store at path: the store folder itself or an output folder holding one."""
    path = Path(path)
    for cand in (path, path / STORE_DIR):
        if (cand / "CURRENT").is_file():  # every RocksDB database has one
            return cand
    return None


def _open_rw(path: Path):
    import pyoxigraph as ox

    try:
        return ox.Store(str(path))
    except OSError as e:
        if "lock" in str(e).lower():
            raise GraphError(f"{path}: the store is in use by another kg build; wait for it to finish") from None
        raise GraphError(f"{path}: not a readable Oxigraph store ({e})") from None


def write_store(out_dir: str | Path, graph: Graph) -> tuple[int, int]:
    """Make the store of out_dir hold exactly graph's triples; returns (added, removed).

    A first store is bulk-loaded beside its place and renamed into it; an existing one is changed in one
    transaction. Either way a build killed at any moment leaves the old or the new store, never a mix.
    """
    import pyoxigraph as ox

    out = Path(out_dir)
    target = out / STORE_DIR
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(_PARTIAL + "*"):  # left by a build killed during its first load
        shutil.rmtree(stale, ignore_errors=True)
    quads = to_quads(graph)
    if not target.exists():
        partial = out / f"{_PARTIAL}{os.getpid()}"
        store = ox.Store(str(partial))
        store.bulk_extend(quads)
        store.flush()
        del store
        _hook("KG_TEST_PAUSE_BEFORE_STORE_COMMIT")
        os.rename(partial, target)
        return len(quads), 0
    if find_store(target) != target:
        raise GraphError(f"{target}: exists but is not an Oxigraph store; move it away to let kg create one")
    store = _open_rw(target)
    new = set(quads)
    old = set(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    added, removed = new - old, old - new
    if added or removed:
        # one SPARQL update is one transaction: readers and a later build see all of it or none of it
        parts = []
        if removed:
            parts.append("DELETE DATA {\n" + " .\n".join(str(q.triple) for q in removed) + " .\n}")
        if added:
            parts.append("INSERT DATA {\n" + " .\n".join(str(q.triple) for q in added) + " .\n}")
        _hook("KG_TEST_PAUSE_BEFORE_STORE_COMMIT")
        store.update(" ;\n".join(parts))
        store.flush()
    return len(added), len(removed)


def _hook(name: str) -> None:
    """A pause where a test kills a build to check that the store survives it."""
    seconds = os.environ.get(name)
    if seconds:
        import sys
        import time

        print(f"{name}: pausing {seconds} s", file=sys.stderr, flush=True)
        time.sleep(float(seconds))


def store_size(path: str | Path) -> int:
    """How many triples the store at path holds."""
    found = find_store(path)
    if found is None:
        raise GraphError(f"{path}: no kg store here; run `kg build` first")
    return len(open_store(found))


def open_store(path: str | Path):
    """The Oxigraph store at path (a store folder or an output folder), opened read-only."""
    import pyoxigraph as ox

    found = find_store(path)
    if found is None:
        raise GraphError(f"{path}: no kg store here; run `kg build` first")
    try:
        return ox.Store.read_only(str(found))
    except OSError as e:
        raise GraphError(f"{found}: not a readable Oxigraph store ({e})") from None


class StoreGraph(Graph):
    """An rdflib Graph over an Oxigraph store: SPARQL given as text runs in Oxigraph's own engine."""

    native_sparql = True

    def query(self, query_object, processor="sparql", result="sparql", initNs=None, initBindings=None,
              use_store_provided=True, **kwargs):
        if isinstance(query_object, str):
            initNs = {**PREFIXES, **(initNs or {})}
            try:
                return super().query(query_object, processor, result, initNs, initBindings,
                                     use_store_provided, **kwargs)
            except SyntaxError as e:  # Oxigraph's parser
                from .errors import QueryError

                raise QueryError(f"SPARQL error: {' '.join(str(e).split())}") from None
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)

    def update(self, *args, **kwargs):
        raise GraphError("the store is read-only: `kg build` rewrites it; run updates on graph.ttl instead")


def load_store_graph(path: str | Path) -> Graph:
    """The store at path as an rdflib Graph (read-only) for `kg query` and library users."""
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from .ontology import bind_prefixes

    g = StoreGraph(store=OxigraphStore(store=open_store(path)), identifier=DATASET_DEFAULT_GRAPH_ID)
    return bind_prefixes(g)


def export_turtle(path: str | Path) -> str:
    """The store's triples as Turtle (Oxigraph's serializer), for stores too big to load into rdflib."""
    import pyoxigraph as ox

    store = open_store(path)
    return store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                      prefixes={k: str(v) for k, v in PREFIXES.items()}).decode("utf-8")
