"""The Oxigraph store of an output folder: written by `kg build`, read by `kg query`.

(The other persistent part of a folder, the per-article extraction cache, is kg/cache.py.)"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from .errors import GraphError
from .ontology import PREFIXES

STORE_DIR = "store"  # the Oxigraph store inside an output folder
_PARTIAL = ".store-partial-"  # a first store being bulk-loaded; renamed to STORE_DIR when complete


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
