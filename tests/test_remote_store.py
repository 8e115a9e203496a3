"""Writing the graph to a remote SPARQL store and querying it there: against Virtuoso Open Source, started
on loopback for these tests, and against a small SPARQL server over Oxigraph that runs anywhere."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from datetime import date
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal

from kg.cli import main
from kg.errors import GraphError, QueryError
from kg.ontology import ID, KG
from kg.remote import GRAPH_IRI, push_graph, query_endpoint

ARTICLE = "date 2026-01-05\n\nPresident Nicolas Maduro spoke in Caracas on Monday. Venezuela rejected the demands of the United States.\n"
CHANGED = "date 2026-01-05\n\nGustavo Petro, the president of Colombia, spoke in Bogota on Monday.\n"


def _graph(n: int) -> Graph:
    from rdflib.namespace import XSD  # not at module level: pytest's collection would warn about it

    g = Graph()
    for i in range(n):
        g.add((ID[f"entity/person-{i}"], RDF.type, KG.Person))
        g.add((ID[f"entity/person-{i}"], RDFS.label, Literal(f"Person {i}")))
    odd = ID["entity/odd"]
    g.add((odd, KG.sentence, Literal('She said "no"\nthen left \\ café 東京 <b>&amp;</b>')))
    g.add((odd, RDFS.label, Literal("Caracas", lang="es")))
    g.add((odd, KG.confidence, Literal(Decimal("0.85"), datatype=XSD.decimal)))
    g.add((odd, KG.date, Literal(date(2026, 1, 3), datatype=XSD.date)))
    return g


def _values(g: Graph) -> set[tuple]:
    """Triples with literals compared by value, as stores may write 0.85 or 0.850."""
    return {(s, p, (o.toPython(), o.language) if isinstance(o, Literal) else o) for s, p, o in g}


def _count(url: str) -> int:
    return int(query_endpoint(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- a small SPARQL server over Oxigraph

class _OxigraphHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol (query, update) and Graph Store Protocol (PUT) over an in-memory Oxigraph store."""

    store = None

    def log_message(self, *args):
        pass

    def _reply(self, code: int, body: bytes = b"", ctype: str = "text/plain") -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        import pyoxigraph as ox

        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
        try:
            if "update" in form:
                self.store.update(form["update"][0])
                return self._reply(204)
            graphs = [ox.NamedNode(g) for g in form.get("default-graph-uri", [])]
            res = self.store.query(form["query"][0], default_graph=graphs or None)
        except SyntaxError as e:
            return self._reply(400, str(e).encode())
        if isinstance(res, ox.QueryTriples):
            return self._reply(200, res.serialize(format=ox.RdfFormat.N_TRIPLES), "application/n-triples")
        return self._reply(200, res.serialize(format=ox.QueryResultsFormat.JSON), "application/sparql-results+json")

    def do_PUT(self):
        import pyoxigraph as ox

        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        graph = ox.NamedNode(query["graph"][0])
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.store.clear_graph(graph)
        self.store.load(body, format=ox.RdfFormat.TURTLE, to_graph=graph)
        self._reply(201)


@pytest.fixture()
def oxigraph_server():
    import pyoxigraph as ox

    handler = type("Handler", (_OxigraphHandler,), {"store": ox.Store()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("protocol", ["update", "gsp"])
def test_push_replaces_the_graph_on_a_sparql_server(oxigraph_server, protocol, monkeypatch):
    import kg.remote

    monkeypatch.setattr(kg.remote, "CHUNK_TRIPLES", 5)  # several INSERT DATA requests
    assert push_graph(oxigraph_server, _graph(6), protocol=protocol) == len(_graph(6))
    assert _count(oxigraph_server) == len(_graph(6))
    push_graph(oxigraph_server, _graph(2), protocol=protocol)
    back = query_endpoint(oxigraph_server, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert back.kind == "CONSTRUCT" and _values(back.graph) == _values(_graph(2))


def test_query_endpoint_answers_select_ask_and_errors(oxigraph_server):
    push_graph(oxigraph_server, _graph(3))
    res = query_endpoint(oxigraph_server, "SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n } ORDER BY ?n")
    assert res.variables == ["n"] and [str(r[0]) for r in res.rows] == ["Person 0", "Person 1", "Person 2"]
    assert query_endpoint(oxigraph_server, "ASK { ?p a kg:Person }").boolean is True
    assert query_endpoint(oxigraph_server, "ASK { ?p a kg:City }").boolean is False
    with pytest.raises(QueryError, match="400"):
        query_endpoint(oxigraph_server, "SELECT WHERE {")
    with pytest.raises(QueryError, match="only reads"):
        query_endpoint(oxigraph_server, "DELETE WHERE { ?s ?p ?o }")


def test_unreachable_store_is_a_clear_error_without_the_password():
    url = f"http://kg:secret@127.0.0.1:{_free_port()}/sparql"
    with pytest.raises(GraphError, match="cannot reach") as err:
        push_graph(url, _graph(1))
    assert "secret" not in str(err.value)
    with pytest.raises(GraphError, match="not an http"):
        push_graph("ftp://127.0.0.1/sparql", _graph(1))


# ---------------------------------------------------------------- Virtuoso Open Source

VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
DirsAllowed = {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """Virtuoso on loopback, on free ports, with a database in a temporary folder; stopped afterwards."""
    exe, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not exe or not isql:
        message = "Virtuoso Open Source is not installed (apt-get install virtuoso-opensource; .ci/run does)"
        if os.environ.get("KG_REQUIRE_VIRTUOSO"):
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = _free_port(), _free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http))
    log = open(folder / "console.log", "wb")
    proc = subprocess.Popen([exe, "-f", "-c", str(folder / "virtuoso.ini")], cwd=folder, stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=5).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("Virtuoso did not start:\n" + (folder / "console.log").read_text(errors="replace")[-2000:])
                time.sleep(0.5)
        # A new database lets the anonymous SPARQL user read only; kg's writes need SPARQL_UPDATE.
        subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, timeout=60, capture_output=True)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()


@pytest.mark.model
def test_build_writes_to_virtuoso_and_query_reads_it(virtuoso, tmp_path, nlp):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "article.txt").write_text(ARTICLE, encoding="utf-8")
    endpoint = f"{virtuoso}/sparql"
    runner = CliRunner()
    res = runner.invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"), "--store", endpoint])
    assert res.exit_code == 0, res.output
    local = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert _count(endpoint) == len(local)
    res = runner.invoke(main, ["query", "--endpoint", endpoint, "--format", "csv",
                               "SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n }"])
    assert res.exit_code == 0 and "Nicolas Maduro" in res.output, res.output
    # the next build replaces what the article said
    (corpus / "article.txt").write_text(CHANGED, encoding="utf-8")
    res = runner.invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"), "--store", endpoint])
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["query", "--endpoint", endpoint, "SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n }"])
    assert "Gustavo Petro" in res.output and "Nicolas Maduro" not in res.output, res.output
    assert _count(endpoint) == len(Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle"))


def test_virtuoso_keeps_every_term_through_sparql_update(virtuoso):
    endpoint = f"{virtuoso}/sparql"
    push_graph(endpoint, _graph(4))
    back = query_endpoint(endpoint, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert _values(back.graph) == _values(_graph(4))
    assert query_endpoint(endpoint, "ASK { ?p a kg:Person }").boolean is True


def test_virtuoso_graph_store_protocol_with_digest_login(virtuoso):
    host = virtuoso.removeprefix("http://")
    push_graph(f"http://dba:dba@{host}/sparql-graph-crud-auth", _graph(3), protocol="gsp")
    assert _count(f"{virtuoso}/sparql") == len(_graph(3))
    with pytest.raises(GraphError, match="401") as err:
        push_graph(f"http://dba:wrong-password@{host}/sparql-graph-crud-auth", _graph(1), protocol="gsp")
    assert "wrong-password" not in str(err.value)
    assert _count(f"{virtuoso}/sparql") == len(_graph(3))
    assert GRAPH_IRI in {str(r[0]) for r in query_endpoint(
        f"{virtuoso}/sparql", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a kg:Person } }", graph_iri=None).rows}


def test_ci_installs_and_requires_virtuoso():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "apt-get install -y -qq virtuoso-opensource" in ci and "export KG_REQUIRE_VIRTUOSO=1" in ci
