"""The listing index of a store: where the named queries that list the whole graph start, kept in order.

Without a parameter, `support` (the most confident readings first), `attacks` (the oldest first), `disputes` (the
most reported disputed events first) and `people` (by name) order every reading, report, disputed event or person
of the graph before taking the first `limit`: Oxigraph has no ordered index over values, so that work grows
with the graph (seconds on ten million triples). kg keeps the sort key of every such row in a SQLite file
inside the store folder (`kg-listings.sqlite`), written whenever kg writes the store (with the label index,
kg/labels.py) and updated row by row for the nodes a write changes; a named query's `#first LISTING ?var ...`
block is then given the first rows as `VALUES` (`NamedQuery.bind`), and the query looks the rest up from them.

The rows are the ones the query's own patterns give (each listing's `pattern` below), so the answer is the
same: `disputes`, `people` and `support` take exactly the first `limit` rows of a total order (the query's
ORDER BY; `support` breaks ties of confidence by the reading's IRI); `attacks`, whose order starts with the
report's date, takes every report dated no later than the `limit`-th (all those of that date), and the query
orders them as before. A listing whose keys SQLite would not order as SPARQL does (a label with a language
tag, a date that is not a plain `xsd:date`, a count or confidence that is not a number) is not used, nor an
index that does not match its store (its version, as kg/labels.py reads it): the query then orders in SPARQL.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .labels import store_version
from .ontology import PREFIXES

LISTINGS_FILE = "kg-listings.sqlite"
FORMAT = "kg-listings-1"
_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {f"{_XSD}{t}" for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Listing:
    """pattern: a SELECT of ?owner (the node whose triples decide the row), ?node (what the query starts from),
    ?tag (a term the query also receives, or a constant telling rows apart) and ?key (the sort key), with
    `{values}` where a write's changed nodes restrict it. key: how the key is typed ('number', 'text' or
    'date'); descending: the order of the key; cutoff: take every row up to the key of the limit-th."""

    pattern: str
    key: str
    descending: bool = False
    cutoff: bool = False
    owners: bool = False  # whether ?owner can be another node than ?node


LISTINGS = {
    "support": Listing("""SELECT ?owner ?node ?tag ?key WHERE { {values}
        { ?node a kg:Statement . BIND("s" AS ?tag) } UNION { ?node a kg:EventMention . BIND("m" AS ?tag) }
        OPTIONAL { ?node kg:confidence ?key } BIND(?node AS ?owner) }""", "number", descending=True),
    "disputes": Listing("""SELECT DISTINCT ?owner ?node ?tag ?key WHERE { {values}
        ?node kg:disputed ?any . ?node kg:reportCount ?key . BIND(?node AS ?owner) BIND("" AS ?tag) }""",
                        "number", descending=True),
    "people": Listing("""SELECT ?owner ?node ?tag ?key WHERE { {values}
        ?node a kg:Person . ?node rdfs:label ?key . BIND(?node AS ?owner) BIND(?key AS ?tag) }""", "text"),
    # a report of an attack event (its event decides that), or a statement that someone attacked something
    "attacks": Listing("""SELECT DISTINCT ?owner ?node ?tag ?key WHERE { {values}
        { ?owner a kg:Attack . ?owner gaf:denotedBy ?node }
        UNION { ?node rdf:predicate kg:attacked . FILTER EXISTS { ?node rdf:subject ?a }
                FILTER EXISTS { ?node rdf:object ?t } BIND(?node AS ?owner) }
        OPTIONAL { ?node kg:date ?key } BIND("" AS ?tag) }""", "date", cutoff=True, owners=True),
}


def _key(kind: str, term) -> tuple[object, int]:
    """The SQLite value of a sort key, and 1 when SQLite orders it as SPARQL does (0: the listing is not used)."""
    import pyoxigraph as ox

    if term is None:
        return None, 1
    if not isinstance(term, ox.Literal):
        return None, 0
    datatype = term.datatype.value
    if kind == "number":
        try:
            return float(term.value), int(datatype in _NUMBERS)
        except ValueError:
            return None, 0
    if kind == "date":
        return term.value, int(datatype == f"{_XSD}date" and bool(_DATE.fullmatch(term.value)))
    return term.value, int(term.language is None and datatype == f"{_XSD}string")


def _rows(store, name: str, column: str | None = None, nodes: list[str] | None = None):
    """The index rows of one listing: all of them, or those whose `column` (owner or node) is one of nodes."""
    listing = LISTINGS[name]
    values = "" if nodes is None else f"VALUES ?{column} {{ " + " ".join(f"<{n}>" for n in nodes) + " }"
    for s in store.query(_PROLOGUE + listing.pattern.replace("{values}", values)):
        key, ok = _key(listing.key, s["key"])
        tag = s["tag"]
        owner, node = s["owner"].value, s["node"].value
        yield (name, None if owner == node else owner, node, "" if tag is None else str(tag), key, ok)


def write_listing_index(store_dir: str | Path) -> None:
    """Make the listing index of the closed store at store_dir anew (written beside, renamed over the old one).

    Best effort, as the label index: a store kg cannot read or a folder it cannot write keeps none."""
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    path = store_dir / LISTINGS_FILE
    tmp = store_dir / f"{LISTINGS_FILE}.partial-{os.getpid()}"
    try:
        version = store_version(store_dir)
        store = ox.Store.read_only(str(store_dir))
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        try:
            with db:
                db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
                # owner: when it is not the node itself
                db.execute("CREATE TABLE row (listing TEXT NOT NULL, owner TEXT, node TEXT NOT NULL, "
                           "tag TEXT NOT NULL, key, ok INTEGER NOT NULL)")
                db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("store", version or "")])
                for name in LISTINGS:
                    db.executemany("INSERT INTO row VALUES (?, ?, ?, ?, ?, ?)", _rows(store, name))
                _create_indexes(db)
        finally:
            db.close()
            del store
        if version is None or store_version(store_dir) != version:  # written meanwhile: keep no index
            raise OSError("the store changed while its listings were read")
        os.replace(tmp, path)
    except (OSError, RuntimeError, SyntaxError, sqlite3.Error):
        for p in (tmp, path):
            try:
                p.unlink(missing_ok=True)
            except OSError:
                pass


def _create_indexes(db) -> None:
    db.execute("CREATE INDEX row_owner ON row (owner) WHERE owner IS NOT NULL")
    db.execute("CREATE INDEX row_bad ON row (listing) WHERE ok = 0")
    db.execute("CREATE INDEX row_node ON row (node)")
    for name, listing in LISTINGS.items():
        order = "key DESC, node" if listing.descending else "key, node"
        db.execute(f"CREATE INDEX row_{name} ON row (listing, {order}) WHERE listing = '{name}'")


def refresh_listing_index(store_dir: str | Path, before: str | None, subjects: set[str]) -> None:
    """After a write that changed only triples of the nodes `subjects`: an index that was current for the
    store's version `before` gets the rows of those nodes again (as owner or as node) and the new version;
    any other index is made anew."""
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    path = store_dir / LISTINGS_FILE
    if before is None or not path.is_file() or len(subjects) > 50_000:
        return write_listing_index(store_dir)
    try:
        db = sqlite3.connect(path)
    except sqlite3.Error:
        return write_listing_index(store_dir)
    try:
        meta = dict(db.execute("SELECT name, value FROM meta"))
        if meta.get("format") != FORMAT or meta.get("store") != before:
            db.close()
            return write_listing_index(store_dir)
        version = store_version(store_dir)
        nodes = sorted(subjects)
        rows: set[tuple] = set()
        if nodes:
            store = ox.Store.read_only(str(store_dir))
            for name, listing in LISTINGS.items():
                for column in ("owner", "node") if listing.owners else ("node",):
                    rows.update(_rows(store, name, column, nodes))
            del store
        if version is None or store_version(store_dir) != version:
            raise sqlite3.Error("the store changed while its listings were read")
        with db:  # one transaction: a reader sees the old index or the new one
            db.executemany("DELETE FROM row WHERE owner = ?1 OR node = ?1", [(n,) for n in nodes])
            db.executemany("INSERT INTO row VALUES (?, ?, ?, ?, ?, ?)", sorted(rows, key=repr))
            db.execute("UPDATE meta SET value = ? WHERE name = 'store'", (version,))
    except (OSError, RuntimeError, SyntaxError, sqlite3.Error):
        db.close()
        return write_listing_index(store_dir)
    db.close()


def first_rows(store_dir: str | Path | None, name: str, limit: int) -> list[tuple[str, str]] | None:
    """The (node IRI, tag) pairs the listing `name` starts from for its first `limit` rows, in order; None when
    the store keeps no current listing index, or the listing holds keys SQLite cannot order as SPARQL does."""
    if store_dir is None or name not in LISTINGS:
        return None
    path = Path(store_dir) / LISTINGS_FILE
    if not path.is_file():
        return None
    listing = LISTINGS[name]
    order = "key DESC, node" if listing.descending else "key, node"
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        meta = dict(db.execute("SELECT name, value FROM meta"))
        if meta.get("format") != FORMAT or meta.get("store") != store_version(store_dir):
            return None
        if db.execute("SELECT 1 FROM row WHERE listing = ? AND ok = 0 LIMIT 1", (name,)).fetchone():
            return None
        if not listing.cutoff:
            return db.execute(f"SELECT node, tag FROM row WHERE listing = ? ORDER BY {order} LIMIT ?",
                              (name, limit)).fetchall()
        last = db.execute(f"SELECT key IS NULL, key FROM row WHERE listing = ? ORDER BY {order} LIMIT 1 OFFSET ?",
                          (name, limit - 1)).fetchone()
        if last is None:  # fewer rows than the limit: all of them
            where = ""
        elif last[0]:  # (no key sorts first)
            where = " AND key IS NULL"
        else:
            where = " AND (key IS NULL OR key <= ?2)"
        args = (name,) if not where or last[0] else (name, last[1])
        return db.execute(f"SELECT DISTINCT node, '' FROM row WHERE listing = ?1{where} ORDER BY node",
                          args).fetchall()
    except sqlite3.Error:
        return None
    finally:
        db.close()
