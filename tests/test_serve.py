"""`kg serve`: the SPARQL 1.1 Protocol answered to a real client, formats by Accept, named queries,
updates refused, a runaway query stopped, many clients at once, a new build picked up, and its pages."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph
from rdflib.compare import isomorphic

from kg.ontology import KG
from kg.render import render_html
from kg.store import write_store

from .test_render import IMG, SCRIPT, add_entity, small_graph

N_EXTRA = 60  # entities added to the small graph: enough triples for a query that runs for minutes


def _graph(extra: int = N_EXTRA) -> Graph:
    g = small_graph()
    add_entity(g, "markup", "Person", IMG + SCRIPT)
    for i in range(extra):
        add_entity(g, f"town-{i}", "City", f"Town {i}")
    return g


def _write_build(folder: Path, g: Graph) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_store(folder, g)
    (folder / "graph.html").write_text(render_html(g), encoding="utf-8")
    (folder / "graph.ttl").write_text(g.serialize(format="turtle"), encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, folder: Path, *args: str):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from kg.cli import main; main()", "serve", str(folder), "--port", str(self.port),
             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"kg serve did not start: {self.process.communicate()}")
                time.sleep(0.2)
        self.get("sparql?query=" + urllib.parse.quote("ASK {}"))  # the workers are up

    def get(self, path: str, accept: str = "", timeout: float = 60) -> tuple[int, str, bytes]:
        req = urllib.request.Request(self.url + path, headers={"Accept": accept} if accept else {})
        return _send(req, timeout)

    def post(self, path: str, body: bytes, ctype: str, accept: str = "", timeout: float = 60):
        headers = {"Content-Type": ctype, **({"Accept": accept} if accept else {})}
        return _send(urllib.request.Request(self.url + path, data=body, headers=headers, method="POST"), timeout)

    def workers(self) -> set[int]:
        """Process ids of the server's query workers."""
        out = set()
        for child in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
            for pid in child.read_text().split():
                try:
                    if "kg.serve.worker" in Path(f"/proc/{pid}/cmdline").read_bytes().decode() or \
                            "spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes().decode():
                        out.add(int(pid))
                except OSError:
                    pass
        return out

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def _send(req, timeout):
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    _write_build(folder, _graph())
    server = Server(folder, "--timeout", "2", "--workers", "2")
    yield server, folder
    server.stop()


SELECT_CITIES = "SELECT ?name WHERE { ?c a kg:City ; rdfs:label ?name } ORDER BY ?name"


def _expected_cities() -> list[str]:
    g = _graph()
    return sorted(str(g.value(c, RDFS.label)) for c in g.subjects(RDF.type, KG.City))


def test_sparqlwrapper_select_ask_and_construct(served):
    from SPARQLWrapper import JSON, N3, SPARQLWrapper, XML

    server, _ = served
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(SELECT_CITIES)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == _expected_cities()
    client.setReturnFormat(XML)
    xml = client.query().convert()
    assert len(xml.getElementsByTagName("result")) == len(_expected_cities())
    client.setMethod("POST")
    client.setQuery("ASK { ?p a kg:Person }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setQuery("CONSTRUCT { ?c a kg:City } WHERE { ?c a kg:City }")
    client.setReturnFormat(N3)
    turtle = client.query().convert()
    got = Graph().parse(data=turtle, format="turtle")
    expected = Graph()
    for c in _graph().subjects(RDF.type, KG.City):
        expected.add((c, RDF.type, KG.City))
    assert isomorphic(got, expected)


@pytest.mark.parametrize("accept, ctype", [
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json")])
def test_result_formats_by_accept(served, accept, ctype):
    server, _ = served
    status, got_type, body = server.get("sparql?query=" + urllib.parse.quote(SELECT_CITIES), accept)
    assert status == 200 and got_type.startswith(ctype)
    text = body.decode("utf-8")
    assert all(name in text for name in _expected_cities())
    if accept == "text/csv":
        assert text.splitlines()[1:] == _expected_cities()


def test_construct_as_ntriples_and_unacceptable_type(served):
    server, _ = served
    q = urllib.parse.quote("CONSTRUCT WHERE { ?c a kg:City }")
    status, ctype, body = server.get("sparql?query=" + q, "application/n-triples")
    assert status == 200 and ctype.startswith("application/n-triples")
    assert len(Graph().parse(data=body.decode(), format="nt")) == len(_expected_cities())
    assert server.get("sparql?query=" + q, "image/png")[0] == 406


def test_named_queries(served):
    server, _ = served
    status, _, body = server.get("query/entities?class=City", "application/sparql-results+json")
    assert status == 200
    names = sorted(b["name"]["value"] for b in json.loads(body)["results"]["bindings"])
    assert names == _expected_cities()
    assert server.get("query/no-such-query")[0] == 404
    status, _, body = server.get("query/entities?colour=red")
    assert status == 400 and b"no parameter 'colour'" in body
    assert server.get("query/profile")[0] == 400  # its parameter is required


def test_updates_are_refused_and_change_nothing(served):
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    server, _ = served
    before = server.get("sparql?query=" + urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), "text/csv")
    client = SPARQLWrapper(server.url + "sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <https://x.example/a> <https://x.example/b> 'c' }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)):
        client.query()
    update = b"DELETE WHERE { ?s ?p ?o }"
    assert server.post("sparql", update, "application/sparql-update")[0] == 403
    assert server.post("sparql", b"update=" + urllib.parse.quote_plus(update).encode(),
                       "application/x-www-form-urlencoded")[0] == 403
    assert server.get("sparql?update=" + urllib.parse.quote(update))[0] == 403
    assert server.get("sparql?query=" + urllib.parse.quote("CLEAR DEFAULT"))[0] == 403
    after = server.get("sparql?query=" + urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), "text/csv")
    assert before == after and int(after[2].decode().split()[1]) > 100


def test_syntax_error_is_400(served):
    server, _ = served
    status, _, body = server.get("sparql?query=" + urllib.parse.quote("SELECT ?x WHERE { ?x ?y"))
    assert status == 400 and b"syntax error" in body


def test_slow_query_is_stopped_and_its_process_ended(served):
    server, _ = served
    busy = server.workers()
    assert len(busy) == 2
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    start = time.monotonic()
    status, _, body = server.get("sparql?query=" + urllib.parse.quote(slow), timeout=30)
    took = time.monotonic() - start
    assert status == 503 and b"stopped after 2 s" in body
    assert took < 10
    time.sleep(0.5)
    now = server.workers()
    assert len(now) == 2 and len(busy - now) == 1  # the process that ran it is gone, a new one took its place
    gone = (busy - now).pop()
    assert not Path(f"/proc/{gone}").exists() or "Z" in Path(f"/proc/{gone}/stat").read_text().split()[2]
    status, _, body = server.get("sparql?query=" + urllib.parse.quote(SELECT_CITIES), "text/csv")
    assert status == 200 and body.decode().splitlines()[1:] == _expected_cities()


def test_fifty_concurrent_clients_get_correct_answers(served):
    server, _ = served
    g = _graph()
    iri_of = {str(g.value(c, RDFS.label)): str(c) for c in g.subjects(None, KG.City)}
    names = sorted(iri_of)

    def client(i: int) -> bool:
        name = names[i % len(names)]
        q = f'SELECT ?c WHERE {{ ?c rdfs:label "{name}" }}'
        for _ in range(3):
            status, _, body = server.get("sparql?query=" + urllib.parse.quote(q), "text/csv", timeout=60)
            if status != 200 or body.decode().splitlines() != ["c", iri_of[name]]:
                return False
        return True

    with ThreadPoolExecutor(50) as pool:
        results = list(pool.map(client, range(50), timeout=120))
    assert results == [True] * 50


def test_listens_on_loopback_only(served):
    server, _ = served
    port = f"{server.port:04X}"
    listening = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                 if line.split()[1].endswith(":" + port) and line.split()[3] == "0A"]
    assert listening and all(fields[1] == "0100007F:" + port for fields in listening)


def test_new_build_is_picked_up_without_restart(tmp_path):
    folder = tmp_path / "out"
    _write_build(folder, _graph(extra=3))
    server = Server(folder, "--workers", "1")
    try:
        count = "sparql?query=" + urllib.parse.quote("SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:City }")
        first = int(server.get(count, "text/csv")[2].decode().split()[1])
        _write_build(folder, _graph(extra=7))
        second = int(server.get(count, "text/csv")[2].decode().split()[1])
        assert second == first + 4
        status, _, page = server.get("")
        assert status == 200 and b"Town 6" in page
    finally:
        server.stop()


def test_folder_without_store_is_refused(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 1 and "no kg store here" in result.output


# ---------------------------------------------------------------- pages, in headless Chromium

@pytest.mark.browser
def test_pages_in_a_browser(served):
    from .test_page_browser import ARGS, CHROMIUM

    server, _ = served
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server.url)
            page.wait_for_function("() => window.kgPage && window.kgPage.stabilized", timeout=30000)
            assert page.evaluate("window.__pwned") is None
            page.goto(server.url + "query")
            page.wait_for_function("() => window.kgQueryPage && window.kgQueryPage.ready")
            assert page.locator("ul#named form").count() >= 8
            page.fill("#query", "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name")
            page.click("#run")
            page.wait_for_selector("#results table")
            cells = page.locator("#results td").all_text_contents()
            assert IMG + SCRIPT in cells  # shown as text, never run
            assert page.evaluate("window.__pwned") is None
            form = page.locator('form.named[data-name="entities"]')
            form.locator('input[name="class"]').fill("City")
            form.locator("button").click()
            page.wait_for_function("() => document.querySelectorAll('#results td').length > 0 && "
                                   "document.getElementById('status').textContent.endsWith('rows')")
            shown = set(page.locator("#results td").all_text_contents())
            assert set(_expected_cities()) <= shown
            page.fill("#query", "SELECT ?x WHERE { ?x")
            page.click("#run")
            page.wait_for_selector("#status.error")
            assert "syntax error" in page.locator("#status").text_content()
            assert errors == []
        finally:
            browser.close()
