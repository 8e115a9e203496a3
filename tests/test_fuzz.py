"""Property-based tests: over random and adversarial text and bytes, a build never crashes and its Turtle parses.

CI runs a small, fixed set of examples. A longer random run (see docs/FUZZING.md):
    KG_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest -q tests/test_fuzz.py
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg import io
from kg.errors import InputError
from kg.ontology import KG

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "0"))
# CI: few examples, the same ones every run, nothing saved; a long run: many random ones.
FUZZ = settings(max_examples=EXAMPLES or 25, deadline=None, derandomize=not EXAMPLES,
                database=None if not EXAMPLES else settings.default.database,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CHEAP = settings(FUZZ, max_examples=(EXAMPLES or 25) * 4)

FRAGMENTS = [
    "President Gustavo Petro of Colombia", "met", "Emmanuel Macron", "in Paris", "on Monday", "said",
    "according to Reuters", "The United Nations", "the US Navy attacked three boats", "near Venezuela",
    "Angela Merkel", "visited Berlin", "the Pentagon", "announced", "on 3 January 2026", "killing 8 people",
    "Prime Minister", "of the United Kingdom", "Hamas", "the European Union", "Dr.", "Mr.", "CBS News reported",
    ".", ",", ";", "\n", "\n\n", "(AP) \u2014", "\u201cWe will win,\u201d he said.", "date 2026-01-03\n",
]
HOSTILE = [
    '"', "\\", "<", ">", "{", "}", "&", "'", '"""', "'''", "@prefix x: <http://x/> .", "<script>", "</script>",
    "SELECT * WHERE { ?s ?p ?o }", "INSERT DATA { <a> <b> <c> }", "^^xsd:int", "_:b0", "#", "\t", "\r\n",
    "\x00", "\x07", "\x0c", "\x1b[31m", "\ufeff", "\ufffe", "\u200b", "\u202e", "\u2028",
    "\u0627\u0644\u0631\u0626\u064a\u0633", "\u05e9\u05dc\u05d5\u05dd", "\u5317\u4eac\u5e02", "\U0001f600",
    "\U0001f1fa\U0001f1f8", "\u00c9lys\u00e9e", "Ren\u00e9e O'Brien-\u00d8stergaard", "\u0130stanbul",
]
# Random capitalised words look like names to the NER and so reach labels and IRIs.
NAMES = st.from_regex(r"\A[A-Z\u00c0-\u00de][a-z\u00e0-\u00ff]{1,9}( [A-Z][a-z]{1,9}){0,2}\Z")
ANY_CHAR = st.one_of(st.characters(), st.sampled_from(["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\ufffe", "\uffff"]))
TOKENS = st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(HOSTILE), NAMES, st.text(ANY_CHAR, max_size=12),
                   st.integers(200, 12_000).map(lambda n: "w" * n))
NEWS_TEXT = st.lists(TOKENS, min_size=1, max_size=60).map(" ".join)


def _build(text_or_bytes: str | bytes, folder: Path):
    """Build one article file in folder; returns (result, out folder, article path)."""
    from kg.pipeline import build

    article = folder / "article.txt"
    if isinstance(text_or_bytes, str):
        text_or_bytes = text_or_bytes.encode("utf-8", "surrogatepass")
    article.write_bytes(text_or_bytes)
    return build([article], folder / "out"), folder / "out", article


def _build_and_check(text_or_bytes: str | bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-fuzz-") as d:
        _check_build(*_build(text_or_bytes, Path(d)))


def _check_build(result, out: Path, article: Path) -> None:
    import pyoxigraph

    if not result.extractions:
        # Nothing readable: the file is named, and nothing was written.
        assert [p.path for p in result.problems if p.kind == "skipped"] == [str(article)]
        assert not (out / "graph.ttl").exists()
        return
    ttl = (out / "graph.ttl").read_bytes()
    parsed = Graph().parse(data=ttl.decode("utf-8"), format="turtle")
    assert isomorphic(parsed, result.graph)
    assert len(list(pyoxigraph.parse(ttl, format=pyoxigraph.RdfFormat.TURTLE))) == len(parsed)
    for node in set(parsed.subjects(KG.mentionedIn, None)):
        assert len(list(parsed.objects(node, RDFS.label))) == 1, node
    page = (out / "graph.html").read_text(encoding="utf-8").lower()
    assert (page.count("<script"), page.count("</script")) == _script_tags()  # article text never opens a tag


@functools.lru_cache(maxsize=1)
def _script_tags() -> tuple[int, int]:
    from kg.graph import new_graph
    from kg.render import render_html

    page = render_html(new_graph()).lower()
    return page.count("<script"), page.count("</script")


@pytest.mark.model
@FUZZ
@given(text=NEWS_TEXT)
def test_news_like_text_with_hostile_tokens_always_builds(nlp, text):
    _build_and_check(text)


@pytest.mark.model
@FUZZ
@given(text=st.text(ANY_CHAR, max_size=400))
def test_any_unicode_text_always_builds(nlp, text):
    _build_and_check(text)


ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "koi8-r", "shift_jis", "gb18030"]
FILE_BYTES = st.one_of(
    st.binary(max_size=3000),
    st.tuples(NEWS_TEXT, st.sampled_from(ENCODINGS)).map(lambda te: te[0].encode(te[1], "ignore")),
    st.tuples(st.sampled_from([b"%PDF-1.4", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"date 2026-01-03\n"]),
              st.binary(max_size=500)).map(b"".join),
)


@CHEAP
@given(data=FILE_BYTES)
def test_any_bytes_are_decoded_or_refused_by_name(data):
    try:
        text, encoding = io.decode(data, "in/a.txt")
    except InputError as e:
        assert str(e).startswith("in/a.txt: ")
        return
    assert encoding and text.strip()
    assert io.clean_text(text) == text  # nothing Turtle, XML or HTML would reject
    text.encode("utf-8")


@pytest.mark.model
@FUZZ
@given(data=FILE_BYTES)
def test_random_files_never_crash_a_build(nlp, data):
    _build_and_check(data)


SPARQL_PARTS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "INSERT DATA", "DELETE WHERE", "WHERE", "{", "}", "?s",
                "?p", "?o", "a", "kg:Person", "rdfs:label", "foo:bar", "<http://x/>", "\"text\"", "'", ".", ";",
                "FILTER(", ")", "REGEX(?o, \"(a+)+$\")", "LIMIT 5", "PREFIX kg: <https://kg-news.org/ontology#>",
                "SERVICE <http://example.org/sparql>", "LOAD <file:///etc/passwd>", "DROP ALL", "#", "\n"]
SPARQL = st.one_of(st.lists(st.sampled_from(SPARQL_PARTS) | st.sampled_from(HOSTILE), min_size=1, max_size=25).map(" ".join),
                   st.text(ANY_CHAR.filter(lambda c: c != "\x00"), min_size=1, max_size=200))


@pytest.fixture(scope="module")
def small_ttl(tmp_path_factory):
    """A three-triple graph file for the query command."""
    path = tmp_path_factory.mktemp("fuzz-query") / "graph.ttl"
    path.write_text('@prefix kg: <https://kg-news.org/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<https://kg-news.org/id/entity/a> a kg:Person ; rdfs:label "A \\"<b>\\"" ; kg:mentionCount 1 .\n',
                    encoding="utf-8")
    return path


@CHEAP
@given(sparql=SPARQL)
def test_any_query_text_gives_an_answer_or_a_one_line_error(small_ttl, sparql):
    from click.testing import CliRunner

    from kg.cli import main

    before = small_ttl.read_bytes()
    res = CliRunner().invoke(main, ["query", "--graph", str(small_ttl), "--timeout", "5", "--", sparql])
    assert isinstance(res.exception, (SystemExit, type(None))), res.exception  # never an uncaught exception
    assert res.exit_code in (0, 1), res.output
    if res.exit_code == 1:
        assert res.stderr.startswith("Error: ") and "Traceback" not in res.output
    assert small_ttl.read_bytes() == before  # no update without --allow-update


@CHEAP
@given(label=st.text(ANY_CHAR | st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=300),
       sentence=st.lists(TOKENS, max_size=20).map(" ".join))
def test_any_label_and_sentence_round_trip_through_turtle(label, sentence):
    import pyoxigraph

    from kg.graph import new_graph, text_literal
    from kg.pipeline import serialize_turtle

    g = new_graph()
    node = URIRef("https://kg-news.org/id/entity/" + io.slugify(label, "entity"))
    g.add((node, RDFS.label, text_literal(label)))
    g.add((node, KG.sentence, text_literal(sentence)))
    g.add((node, KG.mentionCount, Literal(len(label))))
    ttl = serialize_turtle(g)
    back = Graph().parse(data=ttl, format="turtle")
    assert isomorphic(g, back)
    assert len(list(pyoxigraph.parse(ttl.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE))) == 3
    assert str(back.value(node, RDFS.label)) == io.clean_text(label)
