"""The label index of a store: the names of its entities and events, to find the ones a named query is asked about.

Named queries take an entity or an event by a part of its name, its IRI or the last part of its IRI (`profile
--param entity=...`, `event --param event=...`). Oxigraph has no text index: it compares the text with every
label of the graph, tens of milliseconds on a million triples, more than the rest of such a query. kg keeps
the labels of the store's entities (nodes with `kg:mentionCount`) and events (`kg:reportCount`) in a small
SQLite file inside the store folder (`kg-labels.sqlite`), written whenever kg writes the store; a named query
is then given the matching nodes as `VALUES` and starts from them (`NamedQuery.bind`).

The file records the version of the store it was made from (the store's identity and the names, sizes and
times of its data files): one that does not match, or is missing or unreadable, is not used, and the query
searches the labels in SPARQL as before, with the same answer.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

from .ontology import ID, KG

LABELS_FILE = "kg-labels.sqlite"
FORMAT = "kg-labels-1"
# what a named query may look up: the triple that marks a node of that kind, the path of its IRIs under kgid:
KINDS = {"entity": (str(KG.mentionCount), f"{ID}entity/"),
         "event": (str(KG.reportCount), f"{ID}event/")}


def store_version(store_dir: str | Path) -> str | None:
    """What identifies the store at store_dir and its content: its identity (RocksDB's IDENTITY) and the
    name, size and modification time of each data file. Any write to the store changes it."""
    store_dir = Path(store_dir)
    h = hashlib.sha1()
    try:
        h.update((store_dir / "IDENTITY").read_bytes())
        with os.scandir(store_dir) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                name = entry.name
                if name == "CURRENT" or name.startswith("MANIFEST-") or (
                        name[:1].isdigit() and name.endswith((".sst", ".log", ".blob"))):
                    st = entry.stat()
                    h.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    except OSError:
        return None
    return h.hexdigest()


def store_identity(store_dir: str | Path) -> str | None:
    """The identity RocksDB gave the store when it was created (kept across writes, new for a new store)."""
    try:
        return (Path(store_dir) / "IDENTITY").read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def write_label_index(store_dir: str | Path, *, listings: bool = True) -> None:
    """Make the label index of the closed store at store_dir anew (written beside and renamed over the old one),
    and its listing index (kg/listings.py) unless listings is false.

    Best effort: a store kg cannot read or a folder it cannot write keeps no index (queries then search in
    SPARQL)."""
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    if listings:
        from .listings import write_listing_index

        write_listing_index(store_dir)
    path = store_dir / LABELS_FILE
    tmp = store_dir / f"{LABELS_FILE}.partial-{os.getpid()}"
    try:
        version = store_version(store_dir)
        store = ox.Store.read_only(str(store_dir))
        rows = _rows(store, None)
        del store
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        try:
            with db:
                db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
                db.execute("CREATE TABLE label (kind TEXT NOT NULL, node TEXT NOT NULL, term TEXT NOT NULL, "
                           "lower TEXT NOT NULL)")
                db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("store", version or "")])
                db.executemany("INSERT INTO label VALUES (?, ?, ?, ?)", rows)
                db.execute("CREATE INDEX label_node ON label (kind, node)")
        finally:
            db.close()
        if version is None or store_version(store_dir) != version:  # written meanwhile: keep no index
            raise OSError("the store changed while its labels were read")
        os.replace(tmp, path)
    except (OSError, RuntimeError, sqlite3.Error):
        for p in (tmp, path):
            try:
                p.unlink(missing_ok=True)
            except OSError:
                pass


def _rows(store, nodes: list[str] | None) -> list[tuple[str, str, str, str]]:
    """The index rows of the store's entities and events: all of them, or those of the given node IRIs."""
    import pyoxigraph as ox

    rows = []
    values = "" if nodes is None else "VALUES ?n { " + " ".join(f"<{n}>" for n in nodes) + " } "
    for kind, (marker, _) in KINDS.items():
        # the label's text and its N-Triples form: the query is given the same term as the store holds
        for s in store.query(f"SELECT DISTINCT ?n ?l WHERE {{ {values}?n <{marker}> ?c ; "
                             "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"):
            node, label = s["n"], s["l"]
            if isinstance(node, ox.NamedNode) and isinstance(label, ox.Literal):
                rows.append((kind, node.value, str(label), label.value.lower()))
    return rows


def refresh_label_index(store_dir: str | Path, before: str | None, subjects: set[str]) -> None:
    """After a write that changed only triples of the nodes `subjects`: an index that was current for the
    store's version `before` gets those nodes' rows again and the new version, so an increment costs what it
    changes; any other index is made anew (write_label_index)."""
    import pyoxigraph as ox

    from .listings import refresh_listing_index

    store_dir = Path(store_dir)
    refresh_listing_index(store_dir, before, subjects)
    path = store_dir / LABELS_FILE
    if before is None or not path.is_file() or len(subjects) > 50_000:
        return write_label_index(store_dir, listings=False)
    try:
        db = sqlite3.connect(path)
    except sqlite3.Error:
        return write_label_index(store_dir, listings=False)
    try:
        meta = dict(db.execute("SELECT name, value FROM meta"))
        if meta.get("format") != FORMAT or meta.get("store") != before:
            db.close()
            return write_label_index(store_dir, listings=False)
        version = store_version(store_dir)
        nodes = sorted(n for n in subjects if n.startswith(tuple(prefix for _, prefix in KINDS.values())))
        rows = []
        if nodes:
            store = ox.Store.read_only(str(store_dir))
            rows = _rows(store, nodes)
            del store
        if version is None or store_version(store_dir) != version:
            raise sqlite3.Error("the store changed while its labels were read")
        with db:  # one transaction: a reader sees the old index or the new one
            db.executemany("DELETE FROM label WHERE node = ?", [(n,) for n in nodes])
            db.executemany("INSERT INTO label VALUES (?, ?, ?, ?)", rows)
            db.execute("UPDATE meta SET value = ? WHERE name = 'store'", (version,))
    except (OSError, RuntimeError, sqlite3.Error):
        db.close()
        return write_label_index(store_dir, listings=False)
    db.close()


def find_nodes(store_dir: str | Path | None, kind: str, value: str) -> list[tuple[str, str]] | None:
    """The (IRI, label in N-Triples) pairs of the nodes of kind ('entity' or 'event') that value names, as
    the named queries' SPARQL search finds them: a label containing value (case aside), or value being the
    node's IRI or the last part of it (every label of that node then). None when the store keeps no current
    label index: the query then searches in SPARQL."""
    if store_dir is None or kind not in KINDS:
        return None
    store_dir = Path(store_dir)
    path = store_dir / LABELS_FILE
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        meta = dict(db.execute("SELECT name, value FROM meta"))
        if meta.get("format") != FORMAT or meta.get("store") != store_version(store_dir):
            return None
        iri_prefix = KINDS[kind][1]
        return db.execute("SELECT node, term FROM label WHERE kind = ?1 AND (instr(lower, ?2) > 0 OR node = ?3 "
                          "OR node = ?4) ORDER BY node, term",
                          (kind, value.lower(), value, iri_prefix + value)).fetchall()
    except sqlite3.Error:
        return None
    finally:
        db.close()
