"""SPARQL over a built graph: open it, run a query within a time limit.

The answer's formats are kg/query_formats.py, the named queries kg/query_named.py; both are importable
from here too."""

from __future__ import annotations

import ctypes
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .errors import GraphError, QueryError
from .io import write_text_atomic
from .query_named import QUERIES_DIR, NamedQuery, named_queries, named_query, parse_params  # noqa: F401 (re-exported)
from .ontology import PREFIXES, bind_prefixes
from .query_formats import FORMATS, format_result, nt_term, short_term  # noqa: F401 (re-exported)

DEFAULT_GRAPH = Path("output")
GRAPH_FILE = "graph.ttl"  # the graph file of a build folder
MAX_QUERY_BYTES = 2**20  # a query file larger than this is refused unread
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
QUERY_KEYWORDS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
# Comments, PREFIX and BASE declarations before the query form keyword.
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*(?:\n|$)|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.I)
_PYPARSING_WHERE = re.compile(r"(?<!\s)\s*\(at char \d+\),\s*\(line:\d+, col:\d+\)\s*$")
_UNKNOWN_PREFIX = re.compile(r"Unknown namespace prefix\s*:\s*(\S+)")


# ---------------------------------------------------------------- opening and saving graphs

def load_graph(path: str | Path) -> Graph:
    """Open the graph at path: a Turtle (or N-Triples) file, or a build folder. Raises GraphError."""
    path = Path(path)
    if not path.exists():
        raise GraphError(f"{path}: no graph here; run `kg build` first or pass --graph")
    if path.is_dir():
        from .store import find_store, load_store_graph

        if find_store(path):  # a store folder, or a build folder holding one: read the store directly
            return load_store_graph(path, check=True)
        return _load_folder(path)
    return _load_turtle(path)


def _load_folder(folder: Path) -> Graph:
    """A build folder: its graph.ttl."""
    ttl = folder / GRAPH_FILE
    if not ttl.is_file():
        raise GraphError(f"{folder}: folder holds no {GRAPH_FILE}; run `kg build --out {folder}` first")
    return _load_turtle(ttl)


def _load_turtle(path: Path) -> Graph:
    g = bind_prefixes(Graph())
    # rdflib logs a traceback for each literal it cannot convert (a date such as 2026-13-45);
    # such a graph still loads, and `kg validate` names the bad values
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)
    try:
        g.parse(path, format="turtle")
    except Exception as e:  # rdflib raises many parser types
        raise GraphError(f"{path}: not a readable Turtle graph ({_one_line(e)})") from None
    finally:
        term_log.setLevel(level)
    return g


def read_query(path: str) -> str:
    """The text of a query file ('-' for standard input). Raises QueryError naming the file."""
    import sys

    name = "standard input" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_QUERY_BYTES + 1)
        else:
            with open(path, "rb") as f:  # at most that much, whatever the file (/dev/zero never ends)
                data = f.read(MAX_QUERY_BYTES + 1)
    except OSError as e:
        raise QueryError(f"{name}: cannot read ({e.strerror or e})") from None
    if len(data) > MAX_QUERY_BYTES:
        raise QueryError(f"{name}: more than {MAX_QUERY_BYTES // 2**20} MB; a SPARQL query is a few kilobytes: "
                         "is this the query file?")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise QueryError(f"{name}: not a UTF-8 text file") from None


def save_graph(graph: Graph, path: str | Path) -> Path:
    """Write graph back as Turtle where load_graph read it, atomically; returns the file written."""
    path = Path(path)
    target = path / GRAPH_FILE if path.is_dir() else path
    write_text_atomic(target, graph.serialize(format="turtle"))
    return target


# ---------------------------------------------------------------- running queries

@dataclass
class QueryResult:
    """The materialised answer of a query, independent of the engine that computed it."""

    kind: str  # SELECT | ASK | CONSTRUCT | DESCRIBE | UPDATE
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # rdflib terms or None, in the order of variables
    boolean: bool | None = None
    graph: Graph | None = None
    changed: tuple[int, int] | None = None  # triples before and after an update


def query_form(sparql: str) -> str:
    """The keyword that decides what the query does (SELECT, ASK, INSERT ...), upper-case; '' if none."""
    rest = sparql[_PROLOGUE.match(sparql).end():]
    m = re.match(r"[A-Za-z]+", rest)
    return m.group(0).upper() if m else ""


def is_update(sparql: str) -> bool:
    return query_form(sparql) in UPDATE_KEYWORDS


def run_query(graph: Graph, sparql: str, *, timeout: float | None = None, allow_update: bool = False,
              max_rows: int | None = None) -> QueryResult:
    """Run SPARQL 1.1 on graph, stopping after timeout seconds or past max_rows rows. Raises QueryError.

    Oxigraph's engine does not hear the thread interrupt of the timeout: kg.bounded runs queries where
    they can be killed."""
    if not sparql.strip():
        raise QueryError("empty query")
    update = is_update(sparql)
    if update and not allow_update:
        raise QueryError(f"{query_form(sparql)} changes the graph; pass --allow-update to apply it")
    if getattr(graph, "native_sparql", False) and not update:
        # a store with its own engine (Oxigraph) parses the query itself: no second parse by rdflib
        return _with_timeout(lambda: _evaluate(graph, sparql, max_rows), timeout)
    prepared = _prepare(sparql, update)
    if getattr(graph, "native_sparql", False):
        prepared = sparql
    if update:
        before = len(graph)
        _with_timeout(lambda: _apply(graph, prepared), timeout)
        return QueryResult("UPDATE", changed=(before, len(graph)))
    return _with_timeout(lambda: _evaluate(graph, prepared, max_rows), timeout)


def _prepare(sparql: str, update: bool):
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import prepareQuery, prepareUpdate

    try:
        return (prepareUpdate if update else prepareQuery)(sparql, initNs=PREFIXES)
    except ParseBaseException as e:
        if update:
            e = _update_error(sparql, e)
        line = e.line if e.line is not None else ""
        pointer = " " * (max(e.col, 1) - 1) + "^"
        message = _PYPARSING_WHERE.sub("", str(e))
        raise QueryError(f"SPARQL syntax error at line {e.lineno}, column {e.col}: {message}\n  {line}\n  {pointer}") from None
    except Exception as e:
        m = _UNKNOWN_PREFIX.search(str(e))
        if m:
            prefix = m.group(1).rstrip(":")
            raise QueryError(f"SPARQL error: unknown prefix '{prefix}:'; declare it with PREFIX {prefix}: <...> "
                             f"or use a predeclared one: {' '.join(PREFIXES)}") from None
        raise QueryError(f"SPARQL error: {_one_line(e)}") from None


_OXIGRAPH_WHERE = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def oxigraph_syntax_error(sparql: str, message: str) -> QueryError:
    """Oxigraph's parser error in kg's words: where it is, what was expected, the line and a pointer."""
    m = _OXIGRAPH_WHERE.match(message)
    if not m:
        return QueryError(f"SPARQL error: {_one_line(Exception(message))}")
    lineno, col, what = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    lines = sparql.splitlines() or [""]
    line = lines[min(lineno, len(lines)) - 1]
    if "Prefix not found" in what:
        words = line[:col - 1].split()
        head = words[-1].rsplit(":", 1)[0] if words and ":" in words[-1] else ""
        start = len(head)
        while start and (head[start - 1].isalnum() or head[start - 1] in "_.-"):
            start -= 1
        prefix = head[start:]
        return QueryError(f"SPARQL error: unknown prefix '{prefix}:'; declare it with PREFIX {prefix}: <...> "
                          f"or use a predeclared one: {' '.join(PREFIXES)}")
    if len(what) > 160:  # Oxigraph lists every character class it would accept
        what = what[:160].rsplit(",", 1)[0] + ", ..."
    pointer = " " * (max(col, 1) - 1) + "^"
    return QueryError(f"SPARQL syntax error at line {lineno}, column {col}: {what}\n  {line}\n  {pointer}")


def _update_error(sparql: str, error):
    """A closer location for a broken update: rdflib's grammar reports the start of the text."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import parser

    try:
        (parser.Prologue + parser.Update1).parse_string(sparql)
    except ParseBaseException as first:
        return first if first.loc > error.loc else error
    return error


def _evaluate(graph: Graph, prepared, max_rows: int | None = None) -> QueryResult:
    """Evaluate and materialise, so that all the work happens inside the time limit."""
    try:
        # a graph over a store with its own SPARQL engine (Oxigraph) takes the text, not rdflib's algebra
        res = graph.query(prepared, initNs=PREFIXES) if isinstance(prepared, str) else graph.query(prepared)
        if res.type == "ASK":
            return QueryResult("ASK", boolean=bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            if max_rows is not None and len(res.graph) > max_rows:
                raise QueryError(_too_many(max_rows, "triples"))
            return QueryResult(res.type, graph=bind_prefixes(res.graph))
        variables = [str(v) for v in res.vars]
        rows = []
        for row in res:
            if max_rows is not None and len(rows) >= max_rows:
                raise QueryError(_too_many(max_rows, "rows"))
            rows.append(tuple(row))
        return QueryResult("SELECT", variables=variables, rows=rows)
    except (_Stopped, QueryError):
        raise
    except Exception as e:  # evaluation errors of rdflib have no common base class
        raise QueryError(f"SPARQL error: {_one_line(e)}") from None


def _too_many(limit: int, what: str) -> str:
    return f"the answer has more than {limit:,} {what} (--max-rows); add LIMIT or narrow its patterns"


def _apply(graph: Graph, prepared) -> None:
    try:
        if isinstance(prepared, str):
            graph.update(prepared, initNs=PREFIXES)
        else:
            graph.update(prepared)
    except _Stopped:
        raise
    except Exception as e:  # e.g. LOAD of an address that cannot be read
        raise QueryError(f"SPARQL update error: {_one_line(e)}") from None


class _Stopped(BaseException):
    """Raised inside an abandoned query thread; a BaseException so that no `except Exception` swallows it."""


def _with_timeout(work: Callable[[], object], timeout: float | None):
    """Run work in a thread; after timeout seconds stop waiting, interrupt it and raise QueryError."""
    if not timeout or timeout <= 0:
        return work()
    box: dict[str, object] = {}

    def target():
        try:
            box["value"] = work()
        except _Stopped:
            pass
        except BaseException as e:  # handed back to the caller's thread
            box["error"] = e

    worker = threading.Thread(target=target, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        # rdflib evaluates in Python: an asynchronous exception ends the thread at its next bytecode,
        # so a runaway query does not go on using the processor after we give up on it.
        # It is sent again until the thread ends: one that lands while Python is finalising a generator
        # is reported as "unraisable" and swallowed.
        deadline = time.monotonic() + 3.0
        while worker.is_alive() and time.monotonic() < deadline:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(_Stopped))
            worker.join(0.1)
        raise QueryError(f"query stopped after {timeout:g} s (--timeout); add LIMIT or narrow its patterns")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value")


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split()) or type(e).__name__


# ---------------------------------------------------------------- kg.query(...) from Python

import sys  # noqa: E402
import types  # noqa: E402

class _CallableModule(types.ModuleType):
    """Importing this module makes it the attribute `query` of the kg package, in place of the function
    kg.query(...) of kg/__init__.py: calling the module does what that function does (kg.api.query)."""

    def __call__(self, sparql=None, graph="output", **options):
        from .api import query as api_query

        return api_query(sparql, graph, **options)


sys.modules[__name__].__class__ = _CallableModule
