"""kg query: SPARQL forms, result formats, errors, time limit, updates, the commands' help (named queries:
test_named_queries.py)."""

from __future__ import annotations

import json
import shutil
import threading
import time

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kg.cli import main
from kg.errors import QueryError
from kg.ontology import PREFIXES
from kg.query import is_update, load_graph, nt_term, query_form, run_query

from .query_support import PEOPLE, RUNAWAY, graph, kg, lines, ttl  # noqa: F401 (graph, ttl: fixtures)


# ---------------------------------------------------------------- forms and formats

def test_select_table(ttl):
    res = kg("query", PEOPLE, "--graph", ttl)
    assert res.exit_code == 0, res.output
    assert lines(res.stdout) == ["name", "---------------", "Donald Trump", "Jennifer Jacobs", "Nicolas Maduro",
                                 "(3 rows)"]


def test_select_csv_is_sparql_csv(ttl):
    res = kg("query", PEOPLE, "--graph", ttl, "--format", "csv")
    assert res.exit_code == 0, res.output
    assert res.stdout_bytes == b"name\r\nDonald Trump\r\nJennifer Jacobs\r\nNicolas Maduro\r\n"


def test_select_tsv_and_json_parse_as_sparql_results(ttl, graph):
    q = "SELECT ?p ?name ?n WHERE { ?p a kg:Person ; rdfs:label ?name ; kg:mentionCount ?n } ORDER BY ?name"
    expected = [tuple(nt_term(v) for v in row) for row in run_query(graph, q).rows]
    for fmt, ox_fmt in (("tsv", ox.QueryResultsFormat.TSV), ("json", ox.QueryResultsFormat.JSON)):
        res = kg("query", q, "--graph", ttl, "--format", fmt)
        assert res.exit_code == 0, res.output
        parsed = ox.parse_query_results(res.stdout, format=ox_fmt)
        assert [v.value for v in parsed.variables] == ["p", "name", "n"]
        assert [tuple(str(s[v]) for v in ("p", "name", "n")) for s in parsed] == expected
    assert lines(kg("query", q, "--graph", ttl, "--format", "tsv").stdout)[1] == (
        '<https://kg-news.org/id/entity/donald-trump>\t"Donald Trump"\t"2"^^<http://www.w3.org/2001/XMLSchema#integer>')


def test_unbound_values_are_empty_in_every_format(ttl):
    q = "SELECT ?name ?iso WHERE { ?p a kg:Person ; rdfs:label ?name OPTIONAL { ?p kg:isoCode ?iso } } ORDER BY ?name LIMIT 1"
    assert lines(kg("query", q, "--graph", ttl, "--format", "csv").stdout)[1] == "Donald Trump,"
    assert lines(kg("query", q, "--graph", ttl, "--format", "tsv").stdout)[1] == '"Donald Trump"\t'
    data = json.loads(kg("query", q, "--graph", ttl, "--format", "json").stdout)
    assert data["results"]["bindings"] == [{"name": {"type": "literal", "value": "Donald Trump"}}]


def test_ask(ttl):
    assert kg("query", "ASK { ?x a kg:Person }", "--graph", ttl).stdout == "yes\n"
    assert kg("query", "ASK { ?x a kg:Company }", "--graph", ttl).stdout == "no\n"
    res = kg("query", "ASK { ?x a kg:Person }", "--graph", ttl, "--format", "json")
    assert json.loads(res.stdout) == {"head": {}, "boolean": True}
    assert bool(ox.parse_query_results(res.stdout, format=ox.QueryResultsFormat.JSON)) is True


def test_construct_and_describe_print_turtle(ttl):
    q = "CONSTRUCT { ?p rdfs:label ?n } WHERE { ?p a kg:Person ; rdfs:label ?n }"
    res = kg("query", q, "--graph", ttl, "--format", "csv")  # the format does not apply to graphs
    assert res.exit_code == 0, res.output
    g = Graph().parse(data=res.stdout, format="turtle")
    assert {str(o) for o in g.objects()} == {"Donald Trump", "Jennifer Jacobs", "Nicolas Maduro"}
    res = kg("query", "DESCRIBE <https://kg-news.org/id/entity/caracas>", "--graph", ttl)
    assert res.exit_code == 0, res.output
    g = Graph().parse(data=res.stdout, format="turtle")
    assert (URIRef("https://kg-news.org/id/entity/caracas"), URIRef(PREFIXES["rdfs"] + "label"), Literal("Caracas")) in g


def test_query_from_argument_file_and_stdin_agree(ttl, tmp_path):
    qfile = tmp_path / "people.rq"
    qfile.write_text(PEOPLE, encoding="utf-8")
    outputs = {kg("query", PEOPLE, "--graph", ttl).stdout,
               kg("query", "--file", qfile, "--graph", ttl).stdout,
               kg("query", "--graph", ttl, input=PEOPLE).stdout,
               kg("query", "--file", "-", "--graph", ttl, input=PEOPLE).stdout}
    assert len(outputs) == 1 and "(3 rows)" in outputs.pop()


def test_default_graph_is_output_graph_ttl(ttl, tmp_path, monkeypatch):
    (tmp_path / "output").mkdir()
    shutil.copy(ttl, tmp_path / "output" / "graph.ttl")
    monkeypatch.chdir(tmp_path)
    assert kg("query", "ASK { ?x a kg:Person }").stdout == "yes\n"
    # a build folder works as well as its graph.ttl
    assert kg("query", "ASK { ?x a kg:Person }", "--graph", tmp_path / "output").stdout == "yes\n"


# ---------------------------------------------------------------- errors

def test_syntax_error_says_where_without_traceback(ttl):
    res = kg("query", "SELECT ?x\nWHERE { ?x a kg:Person } LIMIT x", "--graph", ttl)
    assert res.exit_code == 1
    assert lines(res.stderr) == ["Error: SPARQL syntax error at line 2, column 26: Expected end of text, found 'LIMIT'",
                                 "  WHERE { ?x a kg:Person } LIMIT x",
                                 "                           ^"]
    assert "Traceback" not in res.output


def test_unknown_prefix(ttl):
    res = kg("query", "SELECT ?x WHERE { ?x a foo:Bar }", "--graph", ttl)
    assert res.exit_code == 1
    assert lines(res.stderr) == ["Error: SPARQL error: unknown prefix 'foo:'; declare it with PREFIX foo: <...> "
                                 "or use a predeclared one: rdf rdfs owl xsd skos prov kg kgid sem nif schema dcterms gaf"]


@pytest.mark.parametrize("update", [
    "INSERT DATA { kgid:x a kg:Person }",
    "PREFIX ex: <http://example.org/#>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
    "DROP ALL", "CLEAR DEFAULT", "LOAD <http://example.org/data.ttl>", "ADD DEFAULT TO <http://example.org/g>",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "create graph <http://example.org/g>", "MOVE DEFAULT TO <http://example.org/g>", "COPY DEFAULT TO <http://example.org/g>",
])
def test_updates_are_refused_without_allow_update(ttl, update):
    before = ttl.read_bytes()
    res = kg("query", update, "--graph", ttl)
    assert res.exit_code == 1
    keyword = query_form(update)
    assert lines(res.stderr) == [f"Error: {keyword} changes the graph; pass --allow-update to apply it"]
    assert ttl.read_bytes() == before


def test_query_forms_are_recognised():
    assert query_form("PREFIX a: <http://x#y>\nBASE <http://z/>\n# SELECT\n  select ?x {}") == "SELECT"
    assert not is_update("SELECT ?x WHERE { ?x a kg:Person } # INSERT")
    assert is_update("# a note\ninsert data { <a:b> <a:c> <a:d> }")


def test_allow_update_applies_and_writes_back(ttl, graph):
    res = kg("query", 'INSERT DATA { <https://kg-news.org/id/entity/x> a kg:Person ; rdfs:label "X" }',
             "--graph", ttl, "--allow-update")
    assert res.exit_code == 0, res.output
    assert res.stdout == f"update applied: {len(graph)} triples before, {len(graph) + 2} after; wrote {ttl}\n"
    g = load_graph(ttl)
    assert len(g) == len(graph) + 2 and (URIRef("https://kg-news.org/id/entity/x"), None, Literal("X")) in g
    assert not list(ttl.parent.glob(".graph.ttl.*"))  # the atomic write left no temporary file


def test_failing_update_leaves_the_graph_alone(ttl, tmp_path):
    before = ttl.read_bytes()
    res = kg("query", f"LOAD <{(tmp_path / 'missing.ttl').as_uri()}>", "--graph", ttl, "--allow-update")
    assert res.exit_code == 1 and res.stderr.startswith("Error: SPARQL update error: Could not load ")
    assert ttl.read_bytes() == before


def test_broken_update_is_a_syntax_error(ttl):
    res = kg("query", "DELETE WHERE { ?s ?p ", "--graph", ttl, "--allow-update")
    assert res.exit_code == 1
    assert lines(res.stderr)[0] == "Error: SPARQL syntax error at line 1, column 16: Expected DeleteWhere, found '?'"
    res = kg("query", "PREFIX x: <http://x#>\nINSERT DATA { x:a x:b", "--graph", ttl, "--allow-update")
    assert lines(res.stderr)[0].startswith("Error: SPARQL syntax error at line 2, column 15: ")


def test_missing_and_unreadable_inputs(ttl, tmp_path):
    res = kg("query", "ASK {}", "--graph", tmp_path / "nothing.ttl")
    assert lines(res.stderr) == [f"Error: {tmp_path / 'nothing.ttl'}: no graph here; run `kg build` first or pass --graph"]
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    res = kg("query", "ASK {}", "--graph", bad)
    assert res.exit_code == 1 and res.stderr.startswith(f"Error: {bad}: not a readable Turtle graph (")
    res = kg("query", "--file", tmp_path / "missing.rq", "--graph", ttl)
    assert lines(res.stderr) == [f"Error: {tmp_path / 'missing.rq'}: cannot read (No such file or directory)"]
    res = kg("query", "--graph", ttl, input="  \n")
    assert lines(res.stderr) == ["Error: empty query"]
    res = kg("query", PEOPLE, "--name", "people", "--graph", ttl)
    assert res.exit_code == 2 and "give the query one way, not SPARQL and --name" in res.stderr


def test_timeout_stops_a_runaway_query(graph):
    started = time.monotonic()
    with pytest.raises(QueryError) as err:
        run_query(graph, RUNAWAY, timeout=0.5)
    assert str(err.value) == "query stopped after 0.5 s (--timeout); add LIMIT or narrow its patterns"
    assert time.monotonic() - started < 5
    # the abandoned worker is interrupted, not left running
    deadline = time.monotonic() + 5
    while any(t.name == "kg-query" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(t.name == "kg-query" for t in threading.enumerate())


def test_timeout_on_the_command_line(ttl):
    res = kg("query", RUNAWAY, "--graph", ttl, "--timeout", "0.5")
    assert res.exit_code == 1
    assert lines(res.stderr) == ["Error: query stopped after 0.5 s (--timeout); add LIMIT or narrow its patterns"]


def test_errors_inside_the_worker_reach_the_caller():
    class Failing(Graph):
        def query(self, *args, **kwargs):
            raise RuntimeError("the store went away")

    with pytest.raises(QueryError, match="^SPARQL error: the store went away$"):
        run_query(Failing(), PEOPLE, timeout=5)


# ---------------------------------------------------------------- help

@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(command):
    res = CliRunner().invoke(main, [command, "--help"])
    assert res.exit_code == 0, res.output
    text = res.stdout
    assert "Example:" in text, f"kg {command} --help shows no example"
    example = text.split("Example:", 1)[1]
    assert f"kg {command}" in example, f"kg {command} --help: the example does not use the command"
    assert main.commands[command].help.strip(), f"kg {command} has no help text"
