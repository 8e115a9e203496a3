"""The Oxigraph store of an output folder: written by `kg build`, read by `kg query`.

(The other persistent part of a folder, the per-article extraction cache, is kg/cache.py.)"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from .errors import GraphError
from .ontology import PREFIXES

STORE_DIR = "store"  # the Oxigraph store inside an output folder
_PARTIAL = ".store-partial-"  # a first store being bulk-loaded; renamed to STORE_DIR when complete
_LOADING = ".store-loading-"  # the N-Triples file of a first store that earlier versions loaded from (removed)


# ---------------------------------------------------------------- the local Oxigraph store

def _term(t):
    """One rdflib term as an Oxigraph term."""
    import pyoxigraph as ox

    if isinstance(t, URIRef):
        return ox.NamedNode(t)
    if isinstance(t, BNode):
        return ox.BlankNode(t)
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(t, language=t.language)
        return ox.Literal(t, datatype=ox.NamedNode(t.datatype) if t.datatype else None)
    raise GraphError(f"cannot store the RDF term {t!r}")


def to_triple(triple):
    """One rdflib triple as an Oxigraph triple (str() of it is N-Triples without the final dot)."""
    import pyoxigraph as ox

    return ox.Triple(*map(_term, triple))


def to_quads(graph: Graph) -> Iterator:
    """rdflib triples as Oxigraph quads of the default graph, one at a time (a store's bulk load takes them
    as they come: the graph's quads are never all in memory at once)."""
    import pyoxigraph as ox

    nodes: dict = {}

    def term(t):
        cached = nodes.get(t)
        if cached is not None:
            return cached
        out = _term(t)
        if not isinstance(t, Literal):  # rdflib Literals of equal text but other types compare equal
            nodes[t] = out
        return out

    default = ox.DefaultGraph()
    return (ox.Quad(term(s), term(p), term(o), default) for s, p, o in graph)


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
        raise _Damaged(e) from None
    except RuntimeError as e:  # RocksDB's "Corruption: ..."
        raise _Damaged(e) from None


class _Damaged(Exception):
    """The store's files cannot be read: it is set aside and loaded again from the graph."""


def write_store(out_dir: str | Path, graph: Graph, notes: list[str] | None = None) -> tuple[int, int]:
    """Make the store of out_dir hold exactly graph's triples; returns (added, removed).

    A first store is bulk-loaded beside its place and renamed into it; an existing one is changed in one
    transaction. Either way a build killed at any moment leaves the old or the new store, never a mix.
    A damaged store is renamed STORE_DIR.set-aside-TIMESTAMP (a line in notes says so) and loaded anew.
    """
    out = Path(out_dir)
    target = out / STORE_DIR
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(_PARTIAL + "*"):  # left by a build killed during its first load
        shutil.rmtree(stale, ignore_errors=True)
    if target.exists():
        if find_store(target) != target:
            raise GraphError(f"{target}: exists but is not an Oxigraph store; move it away to let kg create one")
        try:
            return _update_store(target, to_quads(graph))
        except _Damaged as e:
            from .cache import set_aside

            moved = set_aside(target)
            if notes is not None:
                notes.append(f"{target}: damaged ({_short(e)}); set aside as {moved.name} and rebuilt from the "
                             "articles (delete it when you no longer need it)")
    return _first_load(out, target, to_quads(graph)), 0


def _first_load(out: Path, target: Path, quads: Iterable) -> int:
    import pyoxigraph as ox

    from .labels import write_label_index

    partial = out / f"{_PARTIAL}{os.getpid()}"
    store = ox.Store(str(partial))
    count = [0]

    def counted():
        for q in quads:
            count[0] += 1
            yield q

    store.bulk_extend(counted())
    store.flush()
    del store
    write_label_index(partial)
    _hook("KG_TEST_PAUSE_BEFORE_STORE_COMMIT")
    os.rename(partial, target)
    return count[0]


def _update_store(target: Path, quads: Iterable) -> tuple[int, int]:
    """Change an existing store into quads in one transaction; raises _Damaged if its files are unreadable."""
    import pyoxigraph as ox

    from .labels import refresh_label_index, store_version

    before = store_version(target)
    store = _open_rw(target)
    try:
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
    except (OSError, RuntimeError) as e:
        if "no space" in str(e).lower() or getattr(e, "errno", None) == errno.ENOSPC:
            raise GraphError(f"{target}: the disk is full; the store was left as it was (free some space and "
                             "build again)") from None
        raise _Damaged(e) from None
    finally:
        del store
    # also when nothing changed: opening the store for writing may change its files (the version is renewed)
    refresh_label_index(target, before, {q.subject.value for q in added | removed if isinstance(q.subject, ox.NamedNode)})
    return len(added), len(removed)


def apply_difference(out_dir: str | Path, added: list[str], removed: list[str]) -> None:
    """Give the store of out_dir the triples a build adds and removes (N-Triples without the final dot), in
    one transaction; raises GraphError when the store cannot take them (the caller then compares it whole)."""
    from .labels import refresh_label_index, store_version

    target = Path(out_dir) / STORE_DIR
    if not added and not removed:
        return
    before = store_version(target)
    try:
        store = _open_rw(target)
    except _Damaged as e:
        raise GraphError(f"{target}: {_short(e)}") from None
    try:
        parts = []
        if removed:
            parts.append("DELETE DATA {\n" + " .\n".join(removed) + " .\n}")
        if added:
            parts.append("INSERT DATA {\n" + " .\n".join(added) + " .\n}")
        _hook("KG_TEST_PAUSE_BEFORE_STORE_COMMIT")
        store.update(" ;\n".join(parts))
        store.flush()
    except (OSError, RuntimeError, SyntaxError) as e:
        raise GraphError(f"{target}: {_short(e)}") from None
    finally:
        del store
    subjects = {t[1:t.index(">")] for t in (*added, *removed) if t.startswith("<") and ">" in t}
    refresh_label_index(target, before, subjects)


# Triples given to Oxigraph's bulk loader at a time by load_ntriples: the loader's memory grows with the triples
# of one call (it sorts them for every index of the store): 2 million triples of a kg graph given at once took
# 1.3 GB more, given in calls of this many 0.25 GB, in the same time.
LOAD_CHUNK = 200_000


class _ChunkedLoad:
    """A text sink for N-Triples (whole lines) that gives the store each LOAD_CHUNK lines as they come."""

    def __init__(self, store, chunk: int):
        self.store, self.chunk = store, chunk
        self.lines: list[str] = []
        self.pending = 0

    def write(self, text: str) -> int:
        self.lines.append(text)
        self.pending += text.count("\n")
        if self.pending >= self.chunk:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.lines:
            import pyoxigraph as ox

            data = "".join(self.lines).encode("utf-8", "surrogatepass")
            self.lines, self.pending = [], 0
            self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)


def load_ntriples(out_dir: str | Path, write) -> int:
    """A first store of out_dir from N-Triples that write(sink, identity) writes to a text sink, whole lines
    (identity: that of the new store, which it keeps once in place), bulk-loaded LOAD_CHUNK triples at a time
    beside its place, never all in memory, then renamed into place (as write_store's first load); returns the
    number of triples stored."""
    import pyoxigraph as ox

    from .labels import store_identity, write_label_index

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(_PARTIAL + "*"):  # left by a build killed during its first load
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.glob(_LOADING + "*"):  # the single text file earlier versions loaded from
        stale.unlink(missing_ok=True)
    partial = out / f"{_PARTIAL}{os.getpid()}"
    try:
        store = ox.Store(str(partial))
        sink = _ChunkedLoad(store, LOAD_CHUNK)
        write(sink, store_identity(partial) or "")
        sink.flush()
        store.flush()
        count = len(store)
        del store, sink
    except (OSError, SyntaxError) as e:
        store = sink = None
        shutil.rmtree(partial, ignore_errors=True)
        if "no space" in str(e).lower() or getattr(e, "errno", None) == errno.ENOSPC:
            raise GraphError(f"{out / STORE_DIR}: the disk is full; no store was written (free some space and "
                             "build again)") from None
        raise GraphError(f"{out / STORE_DIR}: cannot load the graph ({_short(e)})") from None
    write_label_index(partial)
    _hook("KG_TEST_PAUSE_BEFORE_STORE_COMMIT")
    os.rename(partial, out / STORE_DIR)
    return count


def _short(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return text if len(text) <= 160 else text[:160] + "..."


def _hook(name: str) -> None:
    """A pause where a test kills a build to check that the store survives it."""
    seconds = os.environ.get(name)
    if seconds:
        import sys
        import time

        print(f"{name}: pausing {seconds} s", file=sys.stderr, flush=True)
        time.sleep(float(seconds))


def store_intact(path: str | Path) -> bool:
    """Whether the store at path opens and can be counted (which reads every block of one of its indexes)."""
    return find_store(path) is not None and store_problem(path) is None


def store_problem(path: str | Path) -> BaseException | None:
    """The error opening and counting the store at path gives, if any."""
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(str(find_store(path) or path))
        len(store)
    except (OSError, RuntimeError) as e:
        return e
    return None


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
    except (OSError, RuntimeError) as e:
        raise damaged_store_error(found, e) from None


def damaged_store_error(found: Path, e: BaseException) -> GraphError:
    """What to do about a store that cannot be read: rebuild it, or read graph.ttl meanwhile."""
    folder = found.parent if found.name == STORE_DIR else found
    return GraphError(f"{found}: the store is damaged ({_short(e)}); `kg build` with the same articles and "
                      f"--out {folder} sets it aside and rebuilds it; meanwhile query --graph {folder / 'graph.ttl'}")


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
                from .query import oxigraph_syntax_error

                raise oxigraph_syntax_error(query_object, str(e)) from None
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)

    def update(self, *args, **kwargs):
        raise GraphError("the store is read-only: `kg build` rewrites it; run updates on graph.ttl instead")


def load_store_graph(path: str | Path, *, check: bool = False) -> Graph:
    """The store at path as an rdflib Graph (read-only) for `kg query` and library users.

    check counts the store first (a quarter of a second a million triples), so that a damaged one is
    reported as such rather than by the first read that fails somewhere inside rdflib."""
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from .ontology import bind_prefixes

    store = open_store(path)
    if check:
        try:
            len(store)
        except (OSError, RuntimeError) as e:
            raise damaged_store_error(find_store(path), e) from None
    g = StoreGraph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    return bind_prefixes(g)


def export_turtle(path: str | Path) -> str:
    """The store's triples as Turtle (Oxigraph's serializer), for stores too big to load into rdflib."""
    import pyoxigraph as ox

    store = open_store(path)
    return store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                      prefixes={k: str(v) for k, v in PREFIXES.items()}).decode("utf-8")
