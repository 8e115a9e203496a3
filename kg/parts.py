"""The graph of a build as parts kept between builds, so that a build changes only what its articles change.

The graph of a build (`graph.build_graph`) is the union of parts, less one rule:

- one part per entity (`add_entity`: its class, names, articles, counts), named by its slug;
- one per article (`add_article`, its statements and direct triples, its event mentions);
- one per event (`add_event`: what its reports state, its label made of its participants' labels);
- three that span the build: the pairs of entities named together (`add_co_mentions`), the articles'
  publishers (`add_publishers`) and what is counted across reports (`add_support`: outlets, disputes,
  source tallies), made anew by every build (a fraction of a second for 10,000 articles);
- then who leads an organization does not also work for it (`kg:worksFor` gives way to `kg:leaderOf`).

Each part has a digest of everything it is made from (an entity's slug, class, label, aliases and
articles; an article's extraction and the slugs its mentions resolve to; an event's reports and its
participants' slugs and labels). `index.sqlite` in the output folder keeps, for the build its store holds,
every part's digest and its triples (N-Triples). A later build works out the digests from its own
resolution (entities and events are resolved over all articles, as in a fresh build, so the result is the
same), makes the triples of the parts whose digest changed, and gives the store only the triples that
appear or disappear: a triple that one changed part drops stays while another part still makes it.

The index is trusted only when it says it matches the store (`synced`): it is marked otherwise before the
store is touched and marked again in the transaction that records the new parts, so a build killed in
between makes the next one rebuild it and compare the whole store. One of another format, or damaged, is
set aside like the extraction cache and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDFS, Graph, URIRef

from . import graph as G
from .errors import GraphError
from .events_resolve import EventCluster
from .ontology import KG
from .records import Event, Extraction, Mention
from .resolve import Entity

INDEX_FILE = "index.sqlite"
INDEX_FORMAT = "kg-parts-2"  # changes whenever the parts or their digests change meaning
# What the parts' triples are made by besides their digests' inputs: an index made by other code is rebuilt.
CODE_FILES = ("parts.py", "graph.py", "support.py", "resolve.py", "events_resolve.py", "io.py", "ontology.py",
              "store.py")
_WORKS_FOR, _LEADER_OF = f"<{KG.worksFor}>", f"<{KG.leaderOf}>"
WORKS_FOR, LEADER_OF = _WORKS_FOR, _LEADER_OF  # the two predicates of the rule that spans parts, as N-Triples


class _Triples(list):
    """What a part adds, for the graph.py writers that only add."""

    add = list.append


def _digest(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Plan:
    """Every part of a build's graph: its digest, and how to make its triples."""

    extractions: dict[str, Extraction]
    index: dict[tuple[str, Mention], Entity]
    entities: dict[str, Entity] = field(default_factory=dict)  # part id -> entity
    events: dict[str, EventCluster] = field(default_factory=dict)  # part id -> event
    digests: dict[str, str] = field(default_factory=dict)
    statements: int = 0  # statements of the whole graph (relations between two entities)
    extra: dict[str, list] = field(default_factory=dict)  # the parts that span the build, made at once
    _made: dict[str, list] = field(default_factory=dict)
    _nt: dict[str, list[str]] = field(default_factory=dict)  # the N-Triples of the parts that span the build

    def triples(self, part: str) -> list:
        """The triples (rdflib terms) of one part."""
        made = self._made.get(part)
        if made is None:
            made = self._made[part] = self._make(part)
        return made

    def nt(self, part: str, *, keep: bool = True) -> list[str]:
        """The triples of one part as N-Triples (nt()); keep=False does not keep its rdflib terms, for a
        writer that goes through every part once."""
        done = self._nt.get(part)
        if done is not None:
            return done
        made = self._made.get(part)
        if made is None:
            made = self._make(part)
            if keep:
                self._made[part] = made
        return [nt(t) for t in made]

    def _make(self, part: str) -> list:
        if part in self.extra:
            return self.extra[part]
        if part in self.entities:
            out = _Triples()
            G.add_entity(out, self.entities[part])
            return out
        if part in self.events:
            return self._event(self.events[part])
        return self._article(self.extractions[part[2:]])

    def _node_of(self, doc_id: str):
        def node_of(m: Mention | None) -> URIRef | None:
            ent = self.index.get((doc_id, m)) if m is not None else None
            return G.entity_iri(ent) if ent else None
        return node_of

    def _article(self, ex: Extraction) -> list:
        out = _Triples()
        G.add_article(out, ex)
        node_of = self._node_of(ex.doc.doc_id)
        for rel in ex.relations:
            s, o = node_of(rel.subj), node_of(rel.obj)
            if s is None or o is None or s == o:
                continue
            G.add_relation(out, ex, rel, s, o, node_of(rel.source))
        for ev in ex.events:
            if (ex.doc.doc_id, ev) in self.clustered:
                G.add_event_mention(out, ex, ev, node_of, node_of(ev.source))
        return out

    def _event(self, cluster: EventCluster) -> list:
        g = Graph()
        nodes: dict[tuple[str, Event], URIRef] = {}
        for ref in cluster.mentions:
            ex = self.extractions[ref.doc_id]
            node_of = self._node_of(ref.doc_id)
            nodes[(ref.doc_id, ref.event)] = G.add_event_mention(g, ex, ref.event, node_of, node_of(ref.event.source))
            for m in (*ref.event.actors, *ref.event.targets, *ref.event.places):
                ent = self.index.get((ref.doc_id, m))
                if ent is not None:
                    g.add((G.entity_iri(ent), RDFS.label, G.text_literal(ent.label)))
        node = G.add_event(g, cluster, nodes)
        return [(node, p, o) for p, o in g.predicate_objects(node)]

    @property
    def clustered(self) -> set[tuple[str, Event]]:
        if not hasattr(self, "_clustered"):
            self._clustered = {(ref.doc_id, ref.event) for c in self.events.values() for ref in c.mentions}
        return self._clustered


def plan(extractions: list[Extraction], keys: list[str], entities: list[Entity],
         index: dict[tuple[str, Mention], Entity], events: list[EventCluster]) -> Plan:
    """The parts of the graph of these articles, with their digests (keys: the articles' cache keys)."""
    p = Plan(extractions={ex.doc.doc_id: ex for ex in extractions}, index=index)
    for ent in entities:
        part = f"e:{ent.slug}"
        p.entities[part] = ent
        p.digests[part] = _digest(ent.slug, ent.cls, ent.label, ent.aliases, ent.articles, len(ent.mentions),
                                  ent.geonameid, ent.iso)
    for cluster in events:
        part = f"v:{G.event_iri(cluster)}"
        p.events[part] = cluster
        p.digests[part] = _digest(cluster.lo, cluster.hi, [_event_input(ref.doc_id, ref.event, index)
                                                           for ref in cluster.mentions],
                                  [str(G.event_iri(c)) for c in cluster.caused_by])
    clustered = p.clustered
    statements: set[URIRef] = set()
    for ex, key in zip(extractions, keys):
        doc_id, doc = ex.doc.doc_id, ex.doc

        def slug(m: Mention | None) -> str | None:
            ent = index.get((doc_id, m)) if m is not None else None
            return ent.slug if ent else None

        rels = []
        for rel in ex.relations:
            s, o = slug(rel.subj), slug(rel.obj)
            rels.append((s, o, slug(rel.source)))
            if s is not None and o is not None and s != o:  # one statement node (graph.add_relation)
                subj, obj = G.ID[f"entity/{s}"], G.ID[f"entity/{o}"]
                statements.add(G.statement_iri(doc_id, subj, KG[rel.pred], obj, rel))
        evs = [((doc_id, ev) in clustered, slug(ev.source), [slug(m) for m in (*ev.actors, *ev.targets, *ev.places)])
               for ev in ex.events]
        p.digests[f"a:{doc_id}"] = _digest(key, doc.doc_id, doc.source, doc.offset, doc.sha256, doc.date, doc.record,
                                           doc.title, doc.author, doc.url, rels, evs)
    p.statements = len(statements)
    p.extra["co"] = _Triples()
    G.add_co_mentions(p.extra["co"], entities)
    p.extra["pub"] = _Triples()
    G.add_publishers(p.extra["pub"], extractions, entities)
    p.extra["support"] = _Triples()  # outlets, disputes and source tallies, counted across the reports
    G.add_support(p.extra["support"], extractions, entities, index, events)
    for part, triples in p.extra.items():
        p._nt[part] = sorted(map(nt, triples))  # written as they are when the part changed
        p.digests[part] = _digest(p._nt[part])
    return p


def _event_input(doc_id: str, ev: Event, index: dict[tuple[str, Mention], Entity]) -> tuple:
    def who(ms):
        return [(e.slug, e.label) if (e := index.get((doc_id, m))) else None for m in ms]
    return doc_id, ev, who(ev.actors), who(ev.targets), who(ev.places), who([ev.source])


def whole_graph(p: Plan) -> Graph:
    """The graph of a build from all its parts: the same triples as graph.build_graph."""
    g = G.new_graph()
    for part in p.digests:
        for t in p.triples(part):
            g.add(t)
    for s, o in list(g.subject_objects(KG.leaderOf)):
        g.remove((s, KG.worksFor, o))
    return g


def nt(triple) -> str:
    """One triple as N-Triples (without the final dot), as the store writes it."""
    from .store import to_triple

    return str(to_triple(triple))


def code_digest() -> str:
    from . import __version__

    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{__version__}\x1f{INDEX_FORMAT}".encode())
    for name in CODE_FILES:
        h.update(name.encode() + b"\x00" + (root / name).read_bytes())
    return h.hexdigest()


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()[:8], "big", signed=True)


# ---------------------------------------------------------------- the index file

SIDE_FILES = ("-journal", "-wal", "-shm")
LOCK_WAIT = 30  # seconds to wait for another program holding the index before giving up


def _alive(pid: int) -> bool:
    """Whether a process of that id runs (one of another user counts as running)."""
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _remove_partials(path: Path) -> None:
    """Remove the unfinished new indexes (`index.sqlite.partial-PID`) left by processes that died writing them."""
    for tmp in path.parent.glob(f"{path.name}.partial-*"):
        pid = tmp.name.rsplit("-", 1)[1]
        if pid.isdigit() and not _alive(int(pid)):
            for p in (tmp, *(tmp.with_name(tmp.name + extra) for extra in SIDE_FILES)):
                try:
                    p.unlink(missing_ok=True)
                except OSError:
                    pass

class PartIndex:
    """index.sqlite: each part's digest and triples, for the build the store holds."""

    def __init__(self, out_dir: Path, notes: list[str]):
        self.path = Path(out_dir) / INDEX_FILE
        self.notes = notes
        self.db: sqlite3.Connection | None = None
        _remove_partials(self.path)
        if self.path.exists():
            reason = self._check()
            if reason:
                from .cache import set_aside

                self._close()
                moved = set_aside(self.path)
                for extra in SIDE_FILES:  # SQLite's side files go with it: a journal belongs to its file
                    side = self.path.with_name(self.path.name + extra)
                    if side.exists():
                        side.rename(moved.with_name(moved.name + extra))
                notes.append(f"{self.path}: {reason}; set aside as {moved.name} and rebuilt (delete it when you no "
                             "longer need it)")

    def _check(self) -> str | None:
        try:
            self.db = sqlite3.connect(self.path, timeout=LOCK_WAIT)
            row = self.db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
            if row is None or row[0] != INDEX_FORMAT:
                return "an index of another format"
            self.db.execute("SELECT id, digest FROM part LIMIT 1").fetchall()
            self.db.execute("SELECT part, h, t FROM triple LIMIT 1").fetchall()
            self.db.execute("SELECT key, keys FROM local LIMIT 1").fetchall()
            return None
        except sqlite3.OperationalError as e:
            if "locked" in str(e).lower() or "busy" in str(e).lower():  # in use, not damaged: never set aside
                self._close()
                raise GraphError(f"{self.path}: the index of parts is locked by another program; wait for it to "
                                 "finish (or close it) and build again") from None
            return f"damaged ({e})"
        except sqlite3.DatabaseError as e:
            return f"damaged ({e})"

    def _close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def digests(self) -> dict[str, str] | None:
        """Every part's digest, or None when the index is missing, damaged or does not match the store."""
        if self.db is None:
            return None
        try:
            meta = dict(self.db.execute("SELECT name, value FROM meta"))
            if meta.get("synced") != "1" or meta.get("code") != code_digest():
                return None  # an interrupted build, or another version of kg's graph code: compared whole
            if meta.get("store") != self._store():
                why = (f"made for another store than {self.path.parent / 'store'} (replaced, or copied from "
                       "another folder)" if meta.get("store") else "does not say which store it describes")
                self.notes.append(f"{self.path}: {why}; the store is compared whole and the index made anew")
                return None
            return dict(self.db.execute("SELECT id, digest FROM part"))
        except sqlite3.DatabaseError as e:
            self.notes.append(f"{self.path}: cannot read the index ({e}); the store is compared whole")
            return None

    def _store(self) -> str:
        """The identity of the store beside the index ('' when there is none): which store the index describes."""
        from .labels import store_identity
        from .store import STORE_DIR

        return store_identity(self.path.parent / STORE_DIR) or ""

    def local_keys(self) -> dict[str, list[str]]:
        """The resolution keys of each article's mentions (resolve.local_keys), by extraction cache key: an
        article's own part of entity resolution, kept so that a build does it only for new or changed ones."""
        if self.db is None:
            return {}
        try:
            if dict(self.db.execute("SELECT name, value FROM meta")).get("code") != code_digest():
                return {}
            return {key: json.loads(keys) for key, keys in self.db.execute("SELECT key, keys FROM local")}
        except (sqlite3.DatabaseError, ValueError):
            return {}

    def unsync(self) -> None:
        """Mark the index as not matching the store, before the store is changed."""
        if self.db is None:
            return
        try:
            with self.db:
                self.db.execute("UPDATE meta SET value = '0' WHERE name = 'synced'")
        except sqlite3.DatabaseError:
            self._close()
            self.path.unlink(missing_ok=True)

    def difference(self, new: dict[str, list[str]], gone: Iterable[str]) -> tuple[list[str], list[str]]:
        """(added, removed) triples of the graph when the parts `new` replace theirs and `gone` leave."""
        assert self.db is not None
        touched = set(new) | set(gone)
        old_c: set[str] = set()
        for part in touched:
            old_c.update(t for (t,) in self.db.execute("SELECT t FROM triple WHERE part = ?", (part,)))
        new_c = {t for triples in new.values() for t in triples}
        cache: dict[str, bool] = {}

        def elsewhere(t: str) -> bool:
            if t not in cache:
                cache[t] = any(part not in touched for (part,) in self.db.execute(
                    "SELECT part FROM triple WHERE h = ? AND t = ?", (_hash(t), t)))
            return cache[t]

        def present(t: str, made: set[str]) -> bool:
            def made_(x: str) -> bool:
                return x in made or elsewhere(x)
            if not made_(t):
                return False
            s, p, o = t.split(" ", 2)
            return p != _WORKS_FOR or not made_(f"{s} {_LEADER_OF} {o}")

        affected = old_c ^ new_c
        for t in list(affected):
            s, p, o = t.split(" ", 2)
            if p == _LEADER_OF:
                affected.add(f"{s} {_WORKS_FOR} {o}")
        added, removed = [], []
        for t in sorted(affected):
            before, after = present(t, old_c), present(t, new_c)
            if after and not before:
                added.append(t)
            elif before and not after:
                removed.append(t)
        return added, removed

    def record(self, digests: dict[str, str], new: dict[str, list[str]], gone: Iterable[str],
               local: dict[str, list[str]]) -> None:
        """Save the parts that changed and drop those that left, and mark the index as matching the store;
        local: the local keys of the build's articles."""
        assert self.db is not None
        with self.db:
            for part in (*new, *gone):
                self.db.execute("DELETE FROM triple WHERE part = ?", (part,))
                self.db.execute("DELETE FROM part WHERE id = ?", (part,))
            had = {key for (key,) in self.db.execute("SELECT key FROM local")}
            self.db.executemany("DELETE FROM local WHERE key = ?", [(k,) for k in had - set(local)])
            self._insert(digests, new.items(), {k: v for k, v in local.items() if k not in had})
            self.db.execute("UPDATE meta SET value = '1' WHERE name = 'synced'")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('store', ?)", (self._store(),))

    def _insert(self, digests: dict[str, str], new: Iterable[tuple[str, list[str]]],
                local: dict[str, list[str]]) -> None:
        """Save parts given as (part, its triples), taken one at a time (a first build streams them)."""
        self.db.executemany("INSERT OR REPLACE INTO local VALUES (?, ?)",
                            [(k, json.dumps(v, ensure_ascii=False)) for k, v in local.items()])
        for part, triples in new:
            self.db.execute("INSERT INTO part VALUES (?, ?)", (part, digests[part]))
            self.db.executemany("INSERT INTO triple VALUES (?, ?, ?)", [(part, _hash(t), t) for t in triples])

    def replace(self, digests: dict[str, str], new: dict[str, list[str]] | Iterable[tuple[str, list[str]]],
                local: dict[str, list[str]], store: str | None = None) -> None:
        """A new index of every part (new: each part with its triples, or such pairs in turn), written beside the
        old one and renamed over it; store: the identity of the store it describes, when that store is not yet
        in its place (a first store being loaded), else the one beside it."""
        import os

        self._close()
        tmp = self.path.with_name(f"{INDEX_FILE}.partial-{os.getpid()}")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        try:
            with db:
                db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
                db.execute("CREATE TABLE part (id TEXT PRIMARY KEY, digest TEXT NOT NULL)")
                db.execute("CREATE TABLE triple (part TEXT NOT NULL, h INTEGER NOT NULL, t TEXT NOT NULL)")
                db.execute("CREATE TABLE local (key TEXT PRIMARY KEY, keys TEXT NOT NULL)")
                db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", INDEX_FORMAT), ("synced", "1"),
                                                                     ("code", code_digest()),
                                                                     ("store", self._store() if store is None else store)])
                self.db = db
                self._insert(digests, new.items() if isinstance(new, dict) else new, local)
                db.execute("CREATE INDEX triple_h ON triple (h)")
                db.execute("CREATE INDEX triple_part ON triple (part)")
        finally:
            db.close()
            self.db = None
        os.replace(tmp, self.path)

    def remove(self) -> None:
        """Forget the index (the store is about to be compared whole and the index made anew)."""
        self._close()
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        self._close()
