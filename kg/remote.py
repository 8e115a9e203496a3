"""Remote triple stores over the SPARQL 1.1 protocols: write a built graph, query it there."""

from __future__ import annotations

import re
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
TIMEOUT = 120.0


def _split_credentials(url: str) -> tuple[str, urllib.request.OpenerDirector]:
    """A URL without its user:password@, and an opener that answers Basic and Digest challenges with them."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise GraphError(f"{url}: not an http(s) URL of a SPARQL endpoint")
    handlers = []
    if parts.username:
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        url = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, urllib.parse.unquote(parts.username),
                               urllib.parse.unquote(parts.password or ""))
        handlers = [urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords)]
    return url, urllib.request.build_opener(*handlers)


def _safe(url: str) -> str:
    """The URL to show in messages: never its password."""
    parts = urllib.parse.urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else ""))
    return urllib.parse.urlunsplit(parts)


def _send(url: str, data: bytes | None, headers: dict[str, str], method: str, error=GraphError,
          timeout: float = TIMEOUT) -> tuple[bytes, str]:
    shown = _safe(url)
    url, opener = _split_credentials(url)
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.read(), resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        body = " ".join(e.read(600).decode("utf-8", "replace").split())
        raise error(f"{shown}: the store answered {e.code} {e.reason}: {body[:400]}") from None
    except TimeoutError:
        raise error(f"{shown}: no answer within {timeout:g} s") from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise error(f"{shown}: cannot reach the store ({reason})") from None


def _ntriples(graph: Graph) -> list[str]:
    """Each triple as one N-Triples statement, sorted so that the same graph is sent the same way."""
    from .store import to_quads

    return sorted(f"{q.triple} ." for q in to_quads(graph))


def push_graph(url: str, graph: Graph, *, protocol: str = "update", graph_iri: str = GRAPH_IRI) -> int:
    """Replace the named graph graph_iri on the store at url with graph; returns the triples sent."""
    lines = _ntriples(graph)
    if protocol == "gsp":
        # One PUT replaces the graph as a whole (N-Triples is valid Turtle).
        sep = "&" if "?" in url else "?"
        target = f"{url}{sep}graph={urllib.parse.quote(graph_iri, safe='')}"
        _send(target, "\n".join(lines).encode("utf-8"), {"Content-Type": "text/turtle; charset=utf-8"}, "PUT")
        return len(lines)
    if protocol != "update":
        raise GraphError(f"unknown store protocol {protocol!r}; choose one of {', '.join(PROTOCOLS)}")
    head = f"DROP SILENT GRAPH <{graph_iri}>"
    for start in range(0, max(len(lines), 1), CHUNK_TRIPLES):
        chunk = "\n".join(lines[start:start + CHUNK_TRIPLES])
        update = f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{chunk}\n}} }}"
        if start == 0:
            update = f"{head} ;\n{update}"
        _update(url, update)
    return len(lines)


def _update(url: str, update: str) -> None:
    data = urllib.parse.urlencode({"update": update}).encode("utf-8")
    _send(url, data, {"Content-Type": "application/x-www-form-urlencoded"}, "POST")


_DECLARED = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)


def with_prefixes(sparql: str) -> str:
    """The query with PREFIX lines for kg's predeclared prefixes that it uses but does not declare."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared and f"{p}:" in sparql]
    return "\n".join(lines + [sparql])


def query_endpoint(url: str, sparql: str, *, graph_iri: str | None = GRAPH_IRI, timeout: float | None = None):
    """Run a query on a SPARQL 1.1 endpoint, graph_iri as its default graph; the answer as a QueryResult."""
    from .ontology import bind_prefixes
    from .query import QueryResult, is_update, query_form

    if is_update(sparql):
        raise QueryError(f"{query_form(sparql)} changes the graph; `kg query --endpoint` only reads: "
                         "send updates to the store itself")
    res = _query(url, sparql, graph_iri, timeout or TIMEOUT)
    if res.type == "ASK":
        return QueryResult("ASK", boolean=bool(res.askAnswer))
    if res.type == "CONSTRUCT":
        return QueryResult(query_form(sparql), graph=bind_prefixes(res.graph))
    if query_form(sparql) == "ASK":  # Virtuoso answers ASK as one row of one value
        values = [str(v) for row in res for v in row]
        return QueryResult("ASK", boolean=bool(values) and values[0].lower() in ("1", "true"))
    return QueryResult("SELECT", variables=[str(v) for v in res.vars], rows=[tuple(row) for row in res])


def _query(url: str, sparql: str, graph_iri: str | None, timeout: float) -> Result:
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
                        "POST", error=QueryError, timeout=timeout)
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
            raise QueryError(f"{_safe(url)}: answered with {ctype or 'no content type'}, not SPARQL results")
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=body.decode("utf-8"), format=fmt)
        return result
    except QueryError:
        raise
    except Exception as e:  # the parsers of rdflib raise many types
        raise QueryError(f"{_safe(url)}: unreadable answer ({' '.join(str(e).split())[:300]})") from None
