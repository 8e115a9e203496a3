"""The outputs of a build: the store, graph.ttl and graph.html written from the plan of the graph's parts
(kg/parts.py), the files first and the store last, skipped when the same articles were built last time."""

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
                   want_ttl: bool, want_page: bool, need_graph: bool) -> None:
    """Store, and graph.ttl and graph.html when wanted; skipped when the same articles were built last time
    and are intact. The store is given the difference that the changed parts of the graph make (kg/parts.py)."""
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
        # a first store with no file or caller that needs the whole graph is streamed (_write_store)
        streamed = old is None and not (need_graph or wanted or result.store_path.exists())
        if (old is None and not streamed) or need_graph or wanted:
            result.graph = parts.whole_graph(plan)
        if wanted:
            from .render import render_html

            # Both texts are made before either file is touched: a failure keeps the previous pair.
            texts = {}
            if result.ttl_path:
                texts[result.ttl_path] = serialize_turtle(result.graph)
            if result.html_path:
                texts[result.html_path] = render_html(result.graph)
            io.write_files_atomic(texts)
            del texts  # the page and the Turtle text, a tenth of the graph's size, are not held while the store is written
        for path in {ttl_path, html_path} - set(wanted):  # not rewritten: an older one would disagree
            path.unlink(missing_ok=True)
        _hook("files written")
        result.store_changes = _write_store(out, plan, index, old, result.graph, cache.notes, local)
        _hook("store written")
    finally:
        index.close()
    result.totals["triples"] = len(result.graph) if result.graph is not None else store.store_size(result.store_path)
    cache.retain(keys)
    cache.set_meta({"fingerprint": fingerprint, "files": _stamp(ttl_path, html_path)})


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
