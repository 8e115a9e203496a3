"""Read-only queries run in a child process that can be stopped: a time limit that really ends the engine
(Oxigraph's runs in Rust, where no Python exception reaches it), a memory cap and a cap on the answer.

The parent watches the child: past the time limit, or once the child has grown by more than the memory
cap (its resident size, read from /proc every few hundredths of a second), it kills it and says why.
The child answers through a pipe with the materialised QueryResult. A store is opened by the child
itself, never before the fork.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from pathlib import Path

from .errors import KgError, QueryError
from .query import QueryResult, is_update, load_graph, query_form, run_query

DEFAULT_MAX_ROWS = 500_000  # rows of a SELECT, triples of a CONSTRUCT or DESCRIBE
DEFAULT_MAX_MEMORY_MB = 2048  # what a query may add to the process that runs it
_POLL = 0.02  # seconds between two looks at the child


def run_bounded(path: str | Path, sparql: str, *, timeout: float | None = 60.0,
                max_rows: int = DEFAULT_MAX_ROWS, max_memory_mb: int = DEFAULT_MAX_MEMORY_MB) -> QueryResult:
    """Run a read-only query on the graph at path (a store, a build folder or a Turtle file) within limits."""
    if not sparql.strip():
        raise QueryError("empty query")
    if is_update(sparql):
        raise QueryError(f"{query_form(sparql)} changes the graph; pass --allow-update to apply it")
    from .store import find_store

    found = find_store(path) if Path(path).is_dir() else None
    graph = None if found else load_graph(path)  # a Turtle file is read here: its errors are the parent's
    if "fork" not in mp.get_all_start_methods():  # no fork: run here, stopped by a thread interrupt
        return run_query(graph if graph is not None else load_graph(path), sparql, timeout=timeout,
                         max_rows=max_rows)
    if found:
        import oxrdflib  # noqa: F401  imported once here rather than in every child (0.2 s); no store is opened
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, found, graph, sparql, max_rows), daemon=True,
                        name="kg-query")
    child.start()
    send.close()
    try:
        return _watch(child, receive, timeout, max_memory_mb)
    except _Stopped as e:
        # Oxigraph's engine can loop over the same read error of a damaged store, growing without end:
        # a stopped query on a store is a reason to count it (which reads one index whole) before blaming it
        if found is not None:
            from .store import damaged_store_error, store_problem

            child.kill()
            child.join(5)
            problem = store_problem(found)
            if problem is not None:
                raise damaged_store_error(found, problem) from None
        raise QueryError(str(e)) from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)


class _Stopped(Exception):
    """The child was stopped, or ended, without an answer."""


def _watch(child, receive, timeout: float | None, max_memory_mb: int) -> QueryResult:
    started = time.monotonic()
    base = _rss_mb(child.pid)
    peak = 0.0
    while True:
        if receive.poll(_POLL):
            try:
                status, payload = receive.recv()
            except EOFError:  # the child ended without answering
                child.join(5)
                raise _Stopped(f"the query ended without an answer (exit status {child.exitcode}); "
                               "add LIMIT or narrow its patterns") from None
            if status == "error":
                raise QueryError(payload)
            return _result(payload)
        rss = _rss_mb(child.pid)
        if base is not None and rss is not None:
            peak = max(peak, rss - base)
            if rss - base > max_memory_mb:
                child.kill()
                raise _Stopped(f"query stopped: it needed more than {max_memory_mb} MB of memory "
                               "(--max-memory); add LIMIT or narrow its patterns")
        if timeout and time.monotonic() - started > timeout:
            child.kill()
            raise _Stopped(f"query stopped after {timeout:g} s (--timeout); add LIMIT or narrow its patterns")
        if not child.is_alive() and not receive.poll(0):
            raise _Stopped(f"the query ended without an answer (exit status {child.exitcode}); "
                           "add LIMIT or narrow its patterns")


def _rss_mb(pid: int) -> float | None:
    """The resident size of a process in MB (Linux), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def _child(send, store_path: Path | None, graph, sparql: str, max_rows: int) -> None:
    """In the child: run the query and send ("ok", payload) or ("error", message)."""
    _die_with_parent()
    try:
        if store_path is not None:
            from .store import load_store_graph

            graph = load_store_graph(store_path)
        result = run_query(graph, sparql, timeout=None, max_rows=max_rows)
        message = ("ok", _payload(result))
    except QueryError as e:
        message = ("error", str(e))
    except KgError as e:  # e.g. a damaged store: the parent reports it as it is
        message = ("error", str(e))
    except (RuntimeError, OSError) as e:
        message = ("error", _store_failure(store_path, e))
    except MemoryError:
        message = ("error", "the query ran out of memory; add LIMIT or narrow its patterns")
    try:
        send.send(message)
    finally:
        send.close()


def _store_failure(store_path: Path | None, e: BaseException) -> str:
    if store_path is not None:
        from .store import damaged_store_error

        return str(damaged_store_error(store_path, e))
    return f"SPARQL error: {' '.join(str(e).split()) or type(e).__name__}"


def _die_with_parent() -> None:
    """Ask Linux to kill this child if kg itself is killed, so that no query outlives the command."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _payload(result: QueryResult):
    """The result as plain values for the pipe: a graph as N-Triples text."""
    if result.graph is not None:
        return (result.kind, result.variables, result.rows, result.boolean,
                result.graph.serialize(format="nt", encoding="utf-8"), result.changed)
    return (result.kind, result.variables, result.rows, result.boolean, None, result.changed)


def _result(payload) -> QueryResult:
    kind, variables, rows, boolean, ntriples, changed = payload
    graph = None
    if ntriples is not None:
        from rdflib import Graph

        from .ontology import bind_prefixes

        graph = bind_prefixes(Graph())
        graph.parse(data=ntriples.decode("utf-8"), format="nt")
    return QueryResult(kind, variables=variables, rows=rows, boolean=boolean, graph=graph, changed=changed)
