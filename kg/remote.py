"""Remote triple stores over the SPARQL 1.1 protocols: write a built graph, query it there."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.parse
import urllib.request

from rdflib import Graph
from rdflib.query import Result

from .errors import GraphError, QueryError
from .ontology import PREFIXES

GRAPH_IRI = "https://kg-news.org/graph"  # the named graph kg writes on a remote store
PROTOCOLS = ("update", "gsp")  # SPARQL 1.1 Update, or the Graph Store HTTP Protocol
CHUNK_TRIPLES = 5000  # triples per INSERT DATA request: large enough to be fast, small enough for any server
TIMEOUT = 120.0  # seconds for one whole request and its answer
MAX_ANSWER_BYTES = 2048 * 2**20
_PUSH_ANSWER_BYTES = 16 * 2**20  # an answer to an update is a few lines


def _split_credentials(url: str) -> tuple[str, urllib.request.OpenerDirector]:
    """A URL without its user:password@, and an opener that answers Basic and Digest challenges with them."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise GraphError(f"{safe_url(url)}: not an http(s) URL of a SPARQL endpoint")
    handlers = []
    if parts.username:
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        url = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, urllib.parse.unquote(parts.username),
                               urllib.parse.unquote(parts.password or ""))
        handlers = [urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords)]
    return url, urllib.request.build_opener(*handlers)


def safe_url(text: str) -> str:
    """Text to show in messages, with the password of every URL in it masked.

    Any scheme, and none ("user:secret@host/sparql"): in each word, what lies between the first ':' of
    the part before its last '@' and that '@' is a password. Linear: one pass over the words.
    """
    return "".join(_mask_word(word) for word in _WORDS.split(text))


_WORDS = re.compile(r"(\s+)")


def _mask_word(word: str) -> str:
    head, sep, rest = word.partition("://")
    if not sep:
        head, rest = "", word
    else:
        head += sep
    # up to the last '@' of the word, not of the host part: a careless password may hold a '/'
    userinfo, at, after = rest.rpartition("@")
    if not at or ":" not in userinfo:
        return word
    user = userinfo.split(":", 1)[0]
    return f"{head}{user}:***@{after}"


def _send(url: str, data: bytes | None, headers: dict[str, str], method: str, error=GraphError,
          timeout: float = TIMEOUT, max_bytes: int = MAX_ANSWER_BYTES) -> tuple[bytes, str]:
    """One request, answered completely within timeout seconds (however slowly the server sends) and in at
    most max_bytes; the exchange runs in a thread that is abandoned, its socket shut, past the deadline."""
    shown = safe_url(url)
    url, opener = _split_credentials(url)
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    box: dict = {}

    def exchange():
        try:
            with opener.open(req, timeout=timeout) as resp:
                box["response"] = resp
                chunks, size = [], 0
                while True:
                    chunk = resp.read(65536)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > max_bytes:
                        raise error(f"{shown}: the answer is larger than {max_bytes // 2**20} MB; "
                                    "add LIMIT to the query (or raise --max-memory)")
                    chunks.append(chunk)
                box["value"] = (b"".join(chunks), resp.headers.get("Content-Type", ""))
        except BaseException as e:  # handed to the caller's thread
            box["error"] = e

    worker = threading.Thread(target=exchange, name="kg-http", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        _shut(box.get("response"))
        raise error(f"{shown}: no complete answer within {timeout:g} s; the store may be busy or hanging")
    failure = box.get("error")
    if failure is None:
        return box["value"]
    if isinstance(failure, urllib.error.HTTPError):
        body = " ".join(failure.read(600).decode("utf-8", "replace").split())
        raise error(f"{shown}: the store answered {failure.code} {safe_url(str(failure.reason))}: "
                    f"{safe_url(body[:400])}") from None
    if isinstance(failure, TimeoutError):
        raise error(f"{shown}: no answer within {timeout:g} s") from None
    if isinstance(failure, (urllib.error.URLError, OSError)):
        reason = getattr(failure, "reason", failure)
        raise error(f"{shown}: cannot reach the store ({safe_url(str(reason))})") from None
    raise failure


def _shut(response) -> None:
    """Shut the socket under a response another thread still reads, so that the thread ends."""
    import socket

    try:
        response.fp.raw._sock.shutdown(socket.SHUT_RDWR)
    except Exception:  # not there yet, already closed, or another kind of stream: the thread is abandoned
        pass


def _ntriples(graph: Graph) -> list[str]:
    """Each triple as one N-Triples statement, sorted so that the same graph is sent the same way."""
    from .store import to_quads

    return sorted(f"{q.triple} ." for q in to_quads(graph))


def push_graph(url: str, graph: Graph, *, protocol: str = "update", graph_iri: str = GRAPH_IRI,
               timeout: float = TIMEOUT) -> int:
    """Replace the named graph graph_iri on the store at url with graph; returns the triples sent.

    Each request must be answered within timeout seconds."""
    lines = _ntriples(graph)
    if protocol == "gsp":
        # One PUT replaces the graph as a whole (N-Triples is valid Turtle).
        sep = "&" if "?" in url else "?"
        target = f"{url}{sep}graph={urllib.parse.quote(graph_iri, safe='')}"
        _send(target, "\n".join(lines).encode("utf-8"), {"Content-Type": "text/turtle; charset=utf-8"}, "PUT",
              timeout=timeout, max_bytes=_PUSH_ANSWER_BYTES)
        return len(lines)
    if protocol != "update":
        raise GraphError(f"unknown store protocol {protocol!r}; choose one of {', '.join(PROTOCOLS)}")
    head = f"DROP SILENT GRAPH <{graph_iri}>"
    for start in range(0, max(len(lines), 1), CHUNK_TRIPLES):
        chunk = "\n".join(lines[start:start + CHUNK_TRIPLES])
        update = f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{chunk}\n}} }}"
        if start == 0:
            update = f"{head} ;\n{update}"
        _update(url, update, timeout)
    return len(lines)


def _update(url: str, update: str, timeout: float) -> None:
    data = urllib.parse.urlencode({"update": update}).encode("utf-8")
    _send(url, data, {"Content-Type": "application/x-www-form-urlencoded"}, "POST", timeout=timeout,
          max_bytes=_PUSH_ANSWER_BYTES)


_DECLARED = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)


def with_prefixes(sparql: str) -> str:
    """The query with PREFIX lines for kg's predeclared prefixes that it uses but does not declare."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared and f"{p}:" in sparql]
    return "\n".join(lines + [sparql])


def query_endpoint(url: str, sparql: str, *, graph_iri: str | None = GRAPH_IRI, timeout: float | None = None,
                   max_bytes: int = MAX_ANSWER_BYTES):
    """Run a query on a SPARQL 1.1 endpoint, graph_iri as its default graph; the answer as a QueryResult."""
    from .ontology import bind_prefixes
    from .query import QueryResult, is_update, query_form

    if is_update(sparql):
        raise QueryError(f"{query_form(sparql)} changes the graph; `kg query --endpoint` only reads: "
                         "send updates to the store itself")
    res = _query(url, sparql, graph_iri, timeout or TIMEOUT, max_bytes)
    if res.type == "ASK":
        return QueryResult("ASK", boolean=bool(res.askAnswer))
    if res.type == "CONSTRUCT":
        return QueryResult(query_form(sparql), graph=bind_prefixes(res.graph))
    if query_form(sparql) == "ASK":  # Virtuoso answers ASK as one row of one value
        values = [str(v) for row in res for v in row]
        return QueryResult("ASK", boolean=bool(values) and values[0].lower() in ("1", "true"))
    return QueryResult("SELECT", variables=[str(v) for v in res.vars], rows=[tuple(row) for row in res])


def _query(url: str, sparql: str, graph_iri: str | None, timeout: float, max_bytes: int) -> Result:
    if not sparql.strip():
        raise QueryError("empty query")
    params = {"query": with_prefixes(sparql)}
    if graph_iri:
        params["default-graph-uri"] = graph_iri
    data = urllib.parse.urlencode(params).encode("utf-8")
    from .query import query_form

    if query_form(sparql) in ("CONSTRUCT", "DESCRIBE"):
        accept = "text/turtle, application/n-triples;q=0.9, application/rdf+xml;q=0.8"
    else:
        accept = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
    body, ctype = _send(url, data, {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
                        "POST", error=QueryError, timeout=timeout, max_bytes=max_bytes)
    ctype = ctype.split(";")[0].strip().lower()
    import io

    try:
        if ctype in ("application/sparql-results+json", "application/json"):
            return Result.parse(io.BytesIO(body), format="json")
        if ctype in ("application/sparql-results+xml", "application/xml"):
            return Result.parse(io.BytesIO(body), format="xml")
        fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt",
               "application/rdf+xml": "xml"}.get(ctype)
        if fmt is None:
            raise QueryError(f"{safe_url(url)}: answered with {ctype or 'no content type'}, not SPARQL results")
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=body.decode("utf-8"), format=fmt)
        return result
    except QueryError:
        raise
    except Exception as e:  # the parsers of rdflib raise many types
        raise QueryError(f"{safe_url(url)}: unreadable answer ({' '.join(str(e).split())[:300]})") from None
