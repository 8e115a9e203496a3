"""The outputs of a build: the store, graph.ttl and graph.html written from the plan of the graph's parts
(kg/parts.py), skipped when the same articles were built last time. A build of one process writes the files
first and the store last; a parallel build (--jobs N, --cluster) makes the texts of the files in a forked
process while it writes the store (see write_outputs)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from . import io
from .errors import GraphError
from .extract.event_types import GENERIC

if TYPE_CHECKING:
    from .pipeline import BuildResult


def write_outputs(result: BuildResult, out: Path, cache, keys: list[str], resolved: tuple,
                   want_ttl: bool, want_page: bool, need_graph: bool, parallel: bool = False) -> None:
    """Store, and graph.ttl and graph.html when wanted; skipped when the same articles were built last time
    and are intact. The store is given the difference that the changed parts of the graph make (kg/parts.py).

    parallel (a build with more than one process): the whole graph and the texts of the files are made in a
    forked process (_texts_aside) while this one writes the store from the parts, when the store needs no
    whole graph and neither does the caller; the files are then renamed into place after the store. Either
    way the folder is marked as matching its articles only after both (an interrupted build is repaired by
    the next, whichever was written first).
    """
    from . import parts, store

    ttl_path, html_path = out / "graph.ttl", out / "graph.html"
    result.ttl_path, result.html_path = (ttl_path if want_ttl else None), (html_path if want_page else None)
    result.store_path = out / store.STORE_DIR
    docs = [ex.doc for ex in result.extractions]
    fingerprint = hashlib.sha256(repr([(k, d.doc_id, d.source, d.offset, d.sha256, d.encoding, d.record)
                                       for k, d in zip(keys, docs)]).encode()).hexdigest()
    *resolved, local = resolved
    plan = parts.plan(result.extractions, keys, *resolved)
    other = sum(1 for c in plan.events.values() if c.kind == GENERIC)
    result.totals = {"relations": plan.statements, "events": len(plan.events) - other, "other_events": other}
    wanted = [p for p in (result.ttl_path, result.html_path) if p is not None]
    if (cache.get_meta("fingerprint") == fingerprint and store.store_intact(result.store_path)
            and cache.get_meta("files") == _stamp(ttl_path, html_path)
            and all(p.exists() == (p in wanted) for p in (ttl_path, html_path))):
        # the same inputs give the same graph: nothing to rewrite
        if need_graph or wanted:
            result.graph = parts.whole_graph(plan)
        result.totals["triples"] = store.store_size(result.store_path)
        return
    # Until the last step below is done, the folder is marked as not matching any build: an interrupted
    # build (killed, or a full disk) leaves files and store that may disagree, and the next build, whatever
    # its articles, rewrites them (the index of parts says whether it still matches the store).
    # The files go first and the store is committed last.
    cache.set_meta({"fingerprint": ""})
    index = parts.PartIndex(out, cache.notes)
    try:
        old = index.digests() if store.store_intact(result.store_path) else None
        # the store needs no whole graph when the index gives its difference, or when it is a first store
        # (streamed part by part: _write_store)
        from_parts = old is not None or not result.store_path.exists()
        if parallel and wanted and not need_graph and from_parts and _can_fork():
            # the files' texts in a forked process while this one writes the store, each on a core
            aside = _texts_aside(plan, result.ttl_path, result.html_path)
            try:
                result.store_changes = _write_store(out, plan, index, old, None, cache.notes, local)
                _hook("store written")
                texts = aside.texts()
            finally:
                aside.close()
            _write_files(texts, ttl_path, html_path, wanted)
        else:
            streamed = old is None and not (need_graph or wanted or result.store_path.exists())
            if (old is None and not streamed) or need_graph or wanted:
                result.graph = parts.whole_graph(plan)
            if wanted:
                # Both texts are made before either file is touched: a failure keeps the previous pair.
                texts = _texts(result.graph, result.ttl_path, result.html_path)
                _write_files(texts, ttl_path, html_path, wanted)
                del texts  # the page and the Turtle text, a tenth of the graph's size, are not held while the store is written
            else:
                _write_files({}, ttl_path, html_path, wanted)
            result.store_changes = _write_store(out, plan, index, old, result.graph, cache.notes, local)
            _hook("store written")
    finally:
        index.close()
    result.totals["triples"] = len(result.graph) if result.graph is not None else store.store_size(result.store_path)
    cache.retain(keys)
    cache.set_meta({"fingerprint": fingerprint, "files": _stamp(ttl_path, html_path)})


def _texts(graph: Graph, ttl_path: Path | None, html_path: Path | None) -> dict[Path, str]:
    """The texts of graph.ttl and graph.html (those with a path) of the graph."""
    texts = {}
    if ttl_path:
        texts[ttl_path] = serialize_turtle(graph)
    if html_path:
        from .render import render_html

        texts[html_path] = render_html(graph)
    return texts


def _write_files(texts: dict[Path, str], ttl_path: Path, html_path: Path, wanted: list[Path]) -> None:
    """The files of texts renamed into place together; graph.ttl or graph.html not wanted is removed (an older
    one would disagree with the store)."""
    if texts:
        io.write_files_atomic(texts)
    for path in {ttl_path, html_path} - set(wanted):
        path.unlink(missing_ok=True)
    _hook("files written")


def _can_fork() -> bool:
    import multiprocessing as mp

    return "fork" in mp.get_all_start_methods()


class _TextsAside:
    """The whole graph and the texts of graph.ttl and graph.html, made by a forked copy of this process from
    the plan of parts (which the copy shares with this one until either changes it), sent back as UTF-8
    through a pipe. Should that process fail to answer (killed, out of memory), texts() makes them here."""

    def __init__(self, plan, ttl_path: Path | None, html_path: Path | None):
        import multiprocessing as mp

        self.plan, self.paths = plan, (ttl_path, html_path)
        ctx = mp.get_context("fork")
        self.conn, child = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_make_texts, args=(child, self.conn, plan, ttl_path, html_path),
                                   daemon=True)
        self.process.start()
        child.close()

    def texts(self) -> dict[Path, str]:
        from . import parts

        try:
            kind = self.conn.recv()
            if kind == "error":
                raise self.conn.recv()  # what making the texts raised, as a build of one process raises it
            return {path: self.conn.recv_bytes().decode("utf-8", "surrogatepass") for path in self.paths if path}
        except (EOFError, OSError):  # the process ended without its answer: made here instead
            return _texts(parts.whole_graph(self.plan), *self.paths)

    def close(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _texts_aside(plan, ttl_path: Path | None, html_path: Path | None) -> _TextsAside:
    return _TextsAside(plan, ttl_path, html_path)


def _make_texts(conn, builder_end, plan, ttl_path: Path | None, html_path: Path | None) -> None:
    """In the forked process: the texts of the files (texts before any is sent, as one process makes them).
    The builder's end of the pipe, inherited by the fork, is closed first: should the builder die, a send
    fails (broken pipe) and this process ends, instead of waiting forever for a reader."""
    import signal

    builder_end.close()

    from . import parts

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the builder's to handle: it stops this process
    try:
        texts = _texts(parts.whole_graph(plan), ttl_path, html_path)
    except Exception as e:  # noqa: BLE001  (raised again by the builder)
        conn.send("error")
        conn.send(e)
        return
    try:
        conn.send("texts")
        for path in (ttl_path, html_path):
            if path:
                conn.send_bytes(texts.pop(path).encode("utf-8", "surrogatepass"))
    except OSError:  # the builder is gone (broken pipe): nobody to answer
        return
    conn.close()


def _write_store(out: Path, plan, index, old: dict[str, str] | None, graph: Graph | None,
                 notes: list[str], local: dict[str, list[str]]) -> tuple[int, int]:
    """The store made to hold the plan's graph: the difference of the changed parts when the index matches
    the store, else compared whole (and the index made anew). Returns (added, removed)."""
    from . import parts, store

    if old is not None:
        dirty = [p for p, d in plan.digests.items() if old.get(p) != d]
        gone = [p for p in old if p not in plan.digests]
        new = {p: plan.nt(p) for p in dirty}
        added, removed = index.difference(new, gone)
        index.unsync()
        try:
            store.apply_difference(out, added, removed)
        except GraphError as e:
            notes.append(f"{e}; the store is compared whole")
        else:
            index.record(plan.digests, new, gone, local)
            return len(added), len(removed)
    index.remove()
    if graph is None and not (out / store.STORE_DIR).exists():
        # A first store that no whole graph is needed for: each part's triples go to the index and to the
        # store's loader in turn, never all at once in rdflib's memory (a corpus of 100,000 articles).
        return store.load_ntriples(out, lambda sink, made: _stream_parts(plan, index, local, sink, made)), 0
    changes = store.write_store(out, graph if graph is not None else parts.whole_graph(plan), notes=notes)
    index.replace(plan.digests, ((p, plan.nt(p)) for p in plan.digests), local)
    return changes


def _stream_parts(plan, index, local: dict[str, list[str]], sink, store_id: str) -> None:
    """Write every part of the plan to the index (for the store of identity store_id) and its triples to sink
    (N-Triples), less the rule that spans parts (who leads an organization does not also work for it:
    parts.whole_graph)."""
    from . import parts

    leaders: set[tuple[str, str]] = set()
    works: list[tuple[str, str, str]] = []

    def each_part():
        for part in plan.digests:
            triples = plan.nt(part, keep=False)
            for t in triples:
                s, p, o = t.split(" ", 2)
                if p == parts.WORKS_FOR:
                    works.append((s, o, t))
                    continue
                if p == parts.LEADER_OF:
                    leaders.add((s, o))
                sink.write(t + " .\n")
            yield part, triples

    index.replace(plan.digests, each_part(), local, store=store_id)
    for s, o, t in works:
        if (s, o) not in leaders:
            sink.write(t + " .\n")


def _hook(step: str) -> None:
    """Where a test interrupts a build between two of its writes."""


def _stamp(*paths: Path) -> str:
    """Size and modification time of files, to notice that someone changed or removed them."""
    parts = []
    for p in paths:
        try:
            st = p.stat()
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return " ".join(parts)


def serialize_turtle(graph: Graph) -> str:
    """Turtle that is byte-identical for the same triples, whatever order they were added in.

    Every writer of graph.ttl calls this: kg/turtle.py writes the sorted triples in one pass (rdflib's
    serializer took five times as long, the largest serial part of a build).
    """
    from .turtle import turtle

    return turtle(graph)
