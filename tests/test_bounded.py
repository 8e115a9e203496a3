"""Limits that hold against runaway queries, endless files, slow or endless servers, and exports that stay
safe to open: N-Triples lines, CSV cells, passwords in messages."""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.bounded import run_bounded
from kg.cli import main
from kg.errors import GraphError, QueryError
from kg.export import csv_tables, export_text
from kg.ontology import KG
from kg.remote import push_graph, query_endpoint, safe_url
from kg.store import write_store

PRODUCT = "SELECT DISTINCT ?a ?b ?c WHERE { ?a rdfs:label ?x . ?b rdfs:label ?y . ?c rdfs:label ?z }"


def _labels(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"https://kg-news.org/id/entity/e{i}"), RDFS.label, Literal(f"Entity {i}")))
    return g


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("bounded-store")
    write_store(out, _labels(1500))
    return out


def _children() -> list[int]:
    """Processes whose parent is this one."""
    mine = str(os.getpid())
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[1] == mine:
                    found.append(int(pid))
        except (OSError, IndexError):
            pass
    return found


def _kg(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


# ---------------------------------------------------------------- queries on the store

def test_the_time_limit_ends_the_engine(store_dir):
    before = _children()
    started = time.monotonic()
    res = _kg("query", "--graph", str(store_dir), "--timeout", "1", PRODUCT)
    assert res.exit_code == 1
    assert res.output == "Error: query stopped after 1 s (--timeout); add LIMIT or narrow its patterns\n"
    assert time.monotonic() - started < 10
    assert _children() == before  # the process that ran Oxigraph is gone, not left computing


def test_the_memory_cap_stops_a_growing_query(store_dir):
    started = time.monotonic()
    with pytest.raises(QueryError) as err:
        run_bounded(store_dir, PRODUCT, timeout=120, max_memory_mb=64)
    assert str(err.value) == ("query stopped: it needed more than 64 MB of memory (--max-memory); "
                              "add LIMIT or narrow its patterns")
    assert time.monotonic() - started < 60


def test_the_row_cap_and_answers_through_the_child(store_dir, tmp_path):
    res = _kg("query", "--graph", str(store_dir), "--max-rows", "100", "SELECT ?e WHERE { ?e rdfs:label ?l }")
    assert res.exit_code == 1
    assert res.output == ("Error: the answer has more than 100 rows (--max-rows); add LIMIT or narrow its "
                          "patterns\n")
    res = _kg("query", "--graph", str(store_dir), "--max-rows", "100", "--format", "csv",
              "SELECT ?l WHERE { ?e rdfs:label ?l } ORDER BY ?l LIMIT 3")
    assert res.exit_code == 0 and res.output.splitlines()[:4] == ["l", "Entity 0", "Entity 1", "Entity 10"]
    res = _kg("query", "--graph", str(store_dir), "CONSTRUCT { ?e a kg:Person } WHERE { ?e rdfs:label 'Entity 7' }")
    assert res.exit_code == 0
    assert set(Graph().parse(data=res.output, format="turtle")) == {
        (URIRef("https://kg-news.org/id/entity/e7"), RDF.type, KG.Person)}
    ttl = tmp_path / "g.ttl"
    _labels(20).serialize(ttl, format="turtle")
    res = _kg("query", "--graph", str(ttl), "--max-rows", "5", "SELECT ?e WHERE { ?e rdfs:label ?l }")
    assert res.exit_code == 1 and "more than 5 rows" in res.output
    res = _kg("query", "--graph", str(ttl), "ASK { ?e rdfs:label 'Entity 19' }")
    assert res.exit_code == 0 and res.output == "yes\n"


def test_query_files_are_read_only_so_far(tmp_path):
    res = _kg("query", "--file", "/dev/zero")
    assert res.exit_code == 1
    assert res.output == ("Error: /dev/zero: more than 1 MB; a SPARQL query is a few kilobytes: is this the "
                          "query file?\n")
    res = _kg("query", "--file", "-", input="#" * (2**20 + 10))
    assert res.exit_code == 1 and res.output.startswith("Error: standard input: more than 1 MB")


# ---------------------------------------------------------------- remote endpoints that misbehave

class _Server:
    """An HTTP server on 127.0.0.1 whose handler does what a test asks; every loop in it is bounded."""

    def __init__(self, behaviour):
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                try:
                    behaviour(self)
                except (BrokenPipeError, ConnectionResetError, OSError):
                    pass  # the client gave up, as it should

            do_POST = do_PUT = do_GET = _serve

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        outer.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    made = []

    def make(behaviour):
        made.append(_Server(behaviour))
        return made[-1]

    yield make
    for s in made:
        s.close()


def _endless(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.end_headers()
    block = b" " * 65536
    for _ in range(20_000):  # 1.3 GB at most: far past any cap the test sets
        handler.wfile.write(block)


def _trickle(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    for _ in range(60):  # a byte every half second: never silent long enough for a socket timeout
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(0.5)


def test_an_endless_answer_is_cut_at_the_cap(server):
    s = server(_endless)
    started = time.monotonic()
    res = _kg("query", "--endpoint", s.url, "--max-memory", "16", "ASK { ?s ?p ?o }")
    assert res.exit_code == 1
    assert res.output == (f"Error: {s.url}: the answer is larger than 16 MB; add LIMIT to the query (or raise "
                          "--max-memory)\n")
    assert time.monotonic() - started < 30


def test_a_trickling_server_is_given_up_on_time(server):
    s = server(_trickle)
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"no complete answer within 2 s"):
        query_endpoint(s.url, "ASK { ?s ?p ?o }", timeout=2)
    assert time.monotonic() - started < 4


def test_a_hanging_store_is_given_up_on_time(server):
    s = server(_trickle)
    started = time.monotonic()
    with pytest.raises(GraphError, match=r"no complete answer within 1.5 s"):
        push_graph(s.url, _labels(3), timeout=1.5)
    assert time.monotonic() - started < 3.5


@pytest.mark.model
def test_a_failed_push_after_local_outputs_exits_4(server, tmp_path, nlp):
    s = server(_trickle)
    article = tmp_path / "a.txt"
    article.write_text("date 2026-03-02\n\nMayor Ada Quill of Brindle opened a bridge on Monday.\n")
    out = tmp_path / "out"
    url = s.url.replace("http://", "http://kg:hunter2@")
    res = _kg("build", str(article), "--out", str(out), "--store", url, "--store-timeout", "1")
    assert res.exit_code == 4, res.output
    assert (out / "graph.ttl").is_file() and (out / "store").is_dir()
    last = res.output.splitlines()[-1]
    assert last.startswith("Error: http://kg:***@127.0.0.1:") and "no complete answer within 1 s" in last
    assert "the local graph, page and store above were written" in last and "hunter2" not in res.output
    assert "4 built and written locally, but writing to --store failed" in " ".join(
        _kg("build", "--help").output.split())


# ---------------------------------------------------------------- passwords never printed

@pytest.mark.parametrize("url, shown", [
    ("http://kg:s3cret@host:8890/sparql", "http://kg:***@host:8890/sparql"),
    ("ftp://kg:s3cret@host/sparql", "ftp://kg:***@host/sparql"),
    ("sparql+https://kg:s3cret@host/q", "sparql+https://kg:***@host/q"),
    ("kg:s3cret@host:8890/sparql", "kg:***@host:8890/sparql"),
    ("http://kg:s3c/r@et@host/sparql", "http://kg:***@host/sparql"),
    ("cannot reach kg:s3cret@host (refused)", "cannot reach kg:***@host (refused)"),
    ("http://host:8890/sparql", "http://host:8890/sparql"),
    ("http://kg@host/sparql", "http://kg@host/sparql"),
])
def test_passwords_are_masked_in_any_url(url, shown):
    assert safe_url(url) == shown


@pytest.mark.parametrize("url", ["ftp://kg:s3cret@127.0.0.1/sparql", "kg:s3cret@127.0.0.1:9/sparql",
                                 "gopher://kg:s3cret@127.0.0.1/"])
def test_no_command_prints_a_password(url):
    res = _kg("query", "--endpoint", url, "ASK { ?s ?p ?o }")
    assert res.exit_code == 1 and "s3cret" not in res.output and "kg:***@" in res.output, res.output


# ---------------------------------------------------------------- exports

def _odd_graph() -> Graph:
    g = Graph()
    person = URIRef("https://kg-news.org/id/entity/p")
    g.add((person, RDFS.label, Literal("line\u2028separator\x85next\u2029paragraph")))
    g.add((person, KG.sentence, Literal("tab\there\r\nand new line")))
    return g


def test_ntriples_keep_unicode_line_separators_inside_literals(tmp_path):
    g = _odd_graph()
    text = export_text(g, "ntriples")
    assert text.count("\n") == len(g) and "\u2028" in text
    assert set(Graph().parse(data=text, format="nt")) == set(g)
    if shutil.which("rapper"):
        path = tmp_path / "g.nt"
        path.write_text(text, encoding="utf-8")
        done = subprocess.run(["rapper", "-i", "ntriples", "-c", str(path)], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0 and f"returned {len(g)} triples" in done.stderr, done.stderr


@pytest.mark.parametrize("label", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tlead", "\rlead"])
def test_csv_cells_cannot_be_formulas(label):
    g = Graph()
    a, b = URIRef("https://kg-news.org/id/entity/a"), URIRef("https://kg-news.org/id/entity/b")
    for node, text in ((a, label), (b, "Plain Name")):
        g.add((node, RDF.type, KG.Person))
        g.add((node, RDFS.label, Literal(text)))
        g.add((node, KG.mentionCount, Literal(1)))
    g.add((a, KG.worksFor, b))
    nodes, edges = csv_tables(g)
    rows = list(csv.reader(io.StringIO(nodes, newline="")))
    cells = {r[0]: r[1] for r in rows[1:]}
    assert cells[str(a)] == "'" + label and cells[str(b)] == "Plain Name"
    assert len(rows) == 3  # a carriage return stays inside its cell
    for row in list(csv.reader(io.StringIO(edges, newline="")))[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_an_unexpected_error_quoting_a_url_hides_its_password(monkeypatch):
    import kg.remote

    def broken(*args, **kwargs):
        raise ValueError("bad answer from http://kg:s3cret@127.0.0.1:1/sparql")

    monkeypatch.setattr(kg.remote, "_query", broken)
    res = _kg("query", "--endpoint", "http://kg:s3cret@127.0.0.1:1/sparql", "ASK { ?s ?p ?o }")
    assert res.exit_code == 1 and "s3cret" not in res.output and "kg:***@127.0.0.1:1" in res.output


def test_damage_found_while_querying_says_what_to_do(tmp_path):
    write_store(tmp_path, _labels(5000))
    biggest = max((tmp_path / "store").glob("*.sst"), key=lambda p: p.stat().st_size)
    data = bytearray(biggest.read_bytes())
    data[100:len(data) // 2] = b"\xff" * (len(data) // 2 - 100)  # same size: found only when a block is read
    biggest.write_bytes(bytes(data))
    # Oxigraph's engine loops over the read error, growing: the memory cap stops it, and kg finds out why
    res = _kg("query", "--graph", str(tmp_path), "--max-memory", "128", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert res.exit_code == 1
    (line,) = res.output.splitlines()
    assert line.startswith(f"Error: {tmp_path / 'store'}: the store is damaged (") and f"--out {tmp_path}" in line


def test_export_and_validate_of_a_damaged_store_say_what_to_do(tmp_path):
    write_store(tmp_path, _labels(5000))
    for sst in (tmp_path / "store").glob("*.sst"):
        data = bytearray(sst.read_bytes())
        data[100:len(data) // 2] = b"\xff" * (len(data) // 2 - 100)
        sst.write_bytes(bytes(data))
    for command in (["export", "--format", "ntriples"], ["validate"]):
        res = _kg(*command, "--graph", str(tmp_path))
        assert res.exit_code == 1, res.output
        (line,) = res.output.splitlines()
        assert "the store is damaged" in line and f"--out {tmp_path}" in line, line
