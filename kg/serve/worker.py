"""Query worker processes of `kg serve`: each holds an in-memory copy of the build folder's store and
answers one query at a time; a query over its time limit is stopped by ending the process.

The copy is taken only while no build is writing the folder (Oxigraph's read-only opening is undefined
while another process writes), and taken again when a build has changed the store.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from pathlib import Path

LOCK_FILE = ".kg-build.lock"  # held by `kg build` for as long as it writes the folder (kg.cache)

# format name -> (Oxigraph format attribute, media type)
RESULT_FORMATS = {"json": ("JSON", "application/sparql-results+json"),
                  "xml": ("XML", "application/sparql-results+xml"),
                  "csv": ("CSV", "text/csv; charset=utf-8"),
                  "tsv": ("TSV", "text/tab-separated-values; charset=utf-8")}
GRAPH_FORMATS = {"turtle": ("TURTLE", "text/turtle; charset=utf-8"),
                 "ntriples": ("N_TRIPLES", "application/n-triples"),
                 "rdfxml": ("RDF_XML", "application/rdf+xml")}


class Snapshot:
    """The build folder's store, copied into memory; renewed when a finished build has changed it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.stamp: str | None = None
        self.store = None

    def current(self):
        """The freshest consistent copy, or None while there is none yet (a first build is writing)."""
        from ..store import find_store

        found = find_store(self.folder)
        stamp = _stamp(found) if found else None
        if stamp is None or stamp == self.stamp or _building(self.folder):
            return self.store
        copy = _copy(found)
        if copy is not None and not _building(self.folder) and _stamp(found) == stamp:
            self.store, self.stamp = copy, stamp
        return self.store


def _stamp(store_dir: Path) -> str | None:
    """Names, sizes and times of the store's files: any commit of a build changes them."""
    h = hashlib.sha256()
    try:
        h.update(str(os.stat(store_dir).st_ino).encode())
        for entry in sorted(os.scandir(store_dir), key=lambda e: e.name):
            st = entry.stat()
            h.update(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    except OSError:
        return None
    return h.hexdigest()


def _building(folder: Path) -> bool:
    """Whether a `kg build` holds the folder's lock now."""
    try:
        handle = open(folder / LOCK_FILE, "rb")
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def _copy(store_dir: Path):
    import pyoxigraph as ox

    try:
        source = ox.Store.read_only(str(store_dir))
        copy = ox.Store()
        copy.bulk_extend(source.quads_for_pattern(None, None, None, None))
        del source
        return copy
    except (OSError, RuntimeError):
        return None


def run(store, query: str, fmt: str) -> tuple[str, bytes]:
    """Run a query on a store; the answer serialised in fmt, with its media type. SyntaxError if malformed."""
    import pyoxigraph as ox

    from ..ontology import PREFIXES

    result = store.query(query, prefixes=PREFIXES)
    if isinstance(result, ox.QueryTriples):
        attr, media = GRAPH_FORMATS[fmt if fmt in GRAPH_FORMATS else "turtle"]
        return media, result.serialize(format=getattr(ox.RdfFormat, attr))
    attr, media = RESULT_FORMATS[fmt if fmt in RESULT_FORMATS else "json"]
    return media, result.serialize(format=getattr(ox.QueryResultsFormat, attr))


def main(conn, folder: str) -> None:
    """A worker's loop: receive (query, format), send ("ok", media type, body) or ("error", status, message)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    snapshot = Snapshot(Path(folder))
    while True:
        try:
            query, fmt = conn.recv()
        except (EOFError, OSError):
            return
        try:
            store = snapshot.current()
            if store is None:
                answer = ("error", 503, "the graph is being built; try again in a moment")
            else:
                answer = ("ok", *run(store, query, fmt))
        except SyntaxError as e:
            answer = ("error", 400, f"SPARQL syntax error: {' '.join(str(e).split())}")
        except Exception as e:  # an evaluation error of Oxigraph
            answer = ("error", 400, f"SPARQL error: {' '.join(str(e).split())}")
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


def wait_for_store(folder: Path, seconds: float) -> bool:
    """Whether the folder has a store now or within seconds (a first build may be writing it)."""
    from ..store import find_store

    deadline = time.monotonic() + seconds
    while find_store(folder) is None:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True
