"""Bad input through `kg build`: a clear message naming each file, the rest still built, nothing good lost."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.compare import isomorphic

from kg import io
from kg.cli import main
from kg.ontology import KG

pytestmark = pytest.mark.model

GOOD = ("date 2026-01-05\nPresident Gustavo Petro of Colombia met Emmanuel Macron in Paris on Monday. "
        "The two leaders discussed trade with the European Union.\n")
CP1252 = "Le ministre a dit \u201cnous gagnerons\u201d \u00e0 Bogot\u00e1, au caf\u00e9 de Gustavo Petro.\n"


def run_kg(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def temp_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if re.match(r"\.graph\.(ttl|html)\.", p.name))


def parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


@pytest.fixture
def news(tmp_path):
    """A folder with one good article beside every kind of bad input."""
    d = tmp_path / "news"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "copy-of-good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "paper.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    (d / "noise.txt").write_bytes(bytes(range(256)) * 8)
    (d / "legacy.txt").write_bytes(CP1252.encode("cp1252"))
    (d / "wide.txt").write_bytes(("Angela Merkel visited Berlin on Monday.\n").encode("utf-16"))
    (d / "loop").symlink_to(".")
    (tmp_path / "nothing-here").mkdir()
    return d


def test_each_bad_input_named_and_the_good_ones_built(news, tmp_path):
    out = tmp_path / "out"
    res = run_kg("build", news, tmp_path / "missing.txt", tmp_path / "nothing-here", "--out", out)
    assert res.exit_code == 3, res.output
    assert sorted(lines(res.stderr)) == sorted([
        f"skipped: {tmp_path / 'missing.txt'}: no such file or folder",
        f"skipped: {tmp_path / 'nothing-here'}: folder holds no articles ({io.ARTICLE_PATTERNS})",
        f"note: {news / 'loop'}: folder link loop; not followed",
        f"skipped: {news / 'empty.txt'}: file is empty",
        f"note: {news / 'good.txt'}: same content as {news / 'copy-of-good.txt'}; read once",
        f"note: {news / 'legacy.txt'}: not UTF-8; read as cp1252",
        f"skipped: {news / 'noise.txt'}: binary file, not text",
        f"skipped: {news / 'paper.txt'}: looks like a PDF document, not text; save it as plain text first",
        f"note: {news / 'wide.txt'}: not UTF-8; read as utf-16",
        "5 inputs skipped; see the messages above",
    ])
    assert "Traceback" not in res.output
    g = parse(out / "graph.ttl")
    articles = {str(o) for o in g.objects(None, KG.sourceFile)}
    assert articles == {str(news / "copy-of-good.txt"), str(news / "legacy.txt"), str(news / "wide.txt")}
    labels = {str(o) for s in g.subjects(RDF.type, KG.Person) for o in g.objects(s, RDFS.label)}
    assert "Gustavo Petro" in labels
    assert (out / "graph.html").stat().st_size > 0


def test_only_notes_exit_zero_and_text_is_decoded(tmp_path):
    from kg.pipeline import read_documents

    (tmp_path / "legacy.txt").write_bytes(CP1252.encode("cp1252"))
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    res = run_kg("build", tmp_path / "good.txt", tmp_path / "legacy.txt", tmp_path / "good.txt", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert lines(res.stderr) == [f"note: {tmp_path / 'legacy.txt'}: not UTF-8; read as cp1252"]
    problems: list = []
    docs = read_documents([tmp_path / "legacy.txt"], None, problems)
    assert docs[0].text == CP1252 and docs[0].encoding == "cp1252"


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.txt", "{p}: no such file or folder"),
    (lambda d: (d / "e").mkdir() or d / "e", "{p}: folder holds no articles (" + io.ARTICLE_PATTERNS + ")"),
    (lambda d: (d / "e.txt").write_bytes(b"\n \n") and d / "e.txt", "{p}: file is empty"),
    (lambda d: (d / "x.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00") and d / "x.txt",
     "{p}: looks like a program, not text; save it as plain text first"),
])
def test_nothing_readable_exits_1_and_keeps_the_previous_graph(tmp_path, make, message):
    out = tmp_path / "out"
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert run_kg("build", tmp_path / "good.txt", "--out", out).exit_code == 0
    before = {n: (out / n).read_bytes() for n in ("graph.ttl", "graph.html")}
    bad = make(tmp_path)
    res = run_kg("build", bad, "--out", out)
    assert res.exit_code == 1, res.output
    assert lines(res.stderr) == [f"skipped: {message.format(p=bad)}",
                                 "Error: no article could be read; nothing was written"]
    assert {n: (out / n).read_bytes() for n in before} == before


def test_errors_are_one_line_and_debug_shows_the_traceback(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    res = run_kg("build", tmp_path / "good.txt", "--out", tmp_path / "o", "--model", "no_such_pipeline")
    assert res.exit_code == 1
    assert len(lines(res.stderr)) == 1 and res.stderr.startswith("Error: spaCy pipeline 'no_such_pipeline' is not installed")

    import kg.pipeline

    def broken(*a, **k):
        raise RuntimeError("something kg did not expect")

    monkeypatch.setattr(kg.pipeline, "build", broken)
    res = run_kg("build", tmp_path / "good.txt", "--out", tmp_path / "o")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert lines(res.stderr) == ["Error: internal error (RuntimeError: something kg did not expect); run again "
                                 "with `kg --debug ...` to see the traceback, and please report it"]
    res = run_kg("--debug", "build", tmp_path / "good.txt", "--out", tmp_path / "o")
    assert isinstance(res.exception, RuntimeError)  # --debug lets it through, traceback and all

    def wordy(*a, **k):
        raise ValueError("first line\n  second line\n" + "z" * 1000)

    monkeypatch.setattr(kg.pipeline, "build", wordy)
    res = run_kg("build", tmp_path / "good.txt", "--out", tmp_path / "o")
    assert len(lines(res.stderr)) == 1 and "(ValueError: first line second line zzz" in res.stderr
    assert len(res.stderr) < 500


def test_output_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    res = run_kg("build", tmp_path / "good.txt", "--out", tmp_path / "afile" / "out")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert len(lines(res.stderr)) == 1 and res.stderr.startswith("Error: ")
    assert str(tmp_path / "afile") in res.stderr and "Not a directory" in res.stderr


# --- atomic output -------------------------------------------------------------------------------------


@pytest.fixture
def built(tmp_path):
    """A good build in out/, and a second article so the next build has something new to write."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "more.txt").write_text("Angela Merkel visited Berlin on Monday.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_kg("build", tmp_path / "good.txt", "--out", out).exit_code == 0
    return tmp_path, out, {n: (out / n).read_bytes() for n in ("graph.ttl", "graph.html")}


@pytest.mark.parametrize("target", ["kg.render.render_html", "kg.outputs.serialize_turtle"])
def test_failing_writer_keeps_previous_output(built, monkeypatch, target):
    tmp_path, out, before = built

    def explode(*a, **k):
        raise RuntimeError("writer broke")

    monkeypatch.setattr(target, explode)
    res = run_kg("build", tmp_path / "good.txt", tmp_path / "more.txt", "--out", out)
    assert res.exit_code == 1 and "internal error (RuntimeError: writer broke)" in res.stderr
    assert {n: (out / n).read_bytes() for n in before} == before
    assert temp_leftovers(out) == []


def test_ctrl_c_while_writing_keeps_previous_output(built, monkeypatch):
    tmp_path, out, before = built
    real = Path.write_text

    def interrupted(self, text, *a, **k):
        real(self, text[:100], *a, **k)
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_text", interrupted)
    res = run_kg("build", tmp_path / "good.txt", tmp_path / "more.txt", "--out", out)
    assert res.exit_code == 1 and "Aborted!" in res.output
    assert {n: (out / n).read_bytes() for n in before} == before
    assert temp_leftovers(out) == []


def test_disk_full_in_the_middle_of_writing_keeps_previous_output(built, monkeypatch):
    tmp_path, out, before = built
    real = Path.write_text

    def half_then_full(self, text, *a, **k):
        if self.name.startswith(".graph.html."):
            real(self, text[: len(text) // 2], *a, **k)
            raise OSError(28, "No space left on device")
        return real(self, text, *a, **k)

    monkeypatch.setattr(Path, "write_text", half_then_full)
    res = run_kg("build", tmp_path / "good.txt", tmp_path / "more.txt", "--out", out)
    assert res.exit_code == 1
    assert lines(res.stderr) == [f"Error: {out / 'graph.html'}: cannot write (No space left on device); "
                                 "the previous file is kept"]
    assert {n: (out / n).read_bytes() for n in before} == before
    assert temp_leftovers(out) == []


# --- determinism -----------------------------------------------------------------------------------------


def test_same_inputs_give_byte_identical_turtle(tmp_path, monkeypatch):
    src = tmp_path / "a" / "articles"
    src.mkdir(parents=True)
    (src / "one.txt").write_text(GOOD, encoding="utf-8")
    (src / "two.txt").write_text("date 2026-01-06\nAngela Merkel met Emmanuel Macron in Berlin. "
                                 "Macron said France would help Colombia.\n", encoding="utf-8")
    (src / "three.md").write_bytes(CP1252.encode("cp1252"))
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    outputs = []
    monkeypatch.chdir(tmp_path / "a")
    assert run_kg("build", "articles", "--out", "out1").exit_code == 0
    assert run_kg("build", "articles/two.txt", "articles/three.md", "articles/one.txt", "--out", "out2").exit_code == 0
    outputs += [Path("out1/graph.ttl").read_bytes(), Path("out2/graph.ttl").read_bytes()]
    monkeypatch.chdir(tmp_path / "b")  # a copy of the same folder elsewhere
    assert run_kg("build", "articles", "--out", "out3").exit_code == 0
    outputs.append(Path("out3/graph.ttl").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert b"kg:Article" in outputs[0]


def test_turtle_does_not_depend_on_hash_seed(tmp_path, monkeypatch):
    """This process has a random hash seed; a second one gets a fixed seed: same bytes."""
    import subprocess
    import sys

    (tmp_path / "one.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "two.txt").write_bytes(CP1252.encode("cp1252"))
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "build", "one.txt", "two.txt",
                    "--out", "out1"], cwd=tmp_path, env=env, check=True, capture_output=True)
    from kg.pipeline import build

    monkeypatch.chdir(tmp_path)
    build(["two.txt", "one.txt"], "out2")
    assert (tmp_path / "out1" / "graph.ttl").read_bytes() == (tmp_path / "out2" / "graph.ttl").read_bytes()


# --- hostile text ------------------------------------------------------------------------------------

HOSTILE = [
    'He said "yes" and \\ left',
    "<script>alert('kg')</script>",
    "} ; @prefix evil: <http://evil.example/> . INSERT DATA { <a> <b> <c> }",
    '"""triple""" quoted\'\'\' and a trailing quote"',
    "line one\nline two\r\nline three",
    "\u0627\u0644\u0631\u0626\u064a\u0633 \u05e9\u05dc\u05d5\u05dd \u5317\u4eac\u5e02 \U0001f600\U0001f1fa\U0001f1f8 \u202eevil",
    "x" * 10_000,
    "bell\x07 form\x0c feed \ufffe",
]
IRIREF = re.compile(r'^[^\x00-\x20<>"{}|^`\\]*$')


def hostile_graph() -> Graph:
    from kg.graph import build_graph
    from kg.records import Document, Extraction, Mention, Relation, Sentence
    from kg.resolve import Entity

    text = " ".join(HOSTILE) + " Ende."
    doc = Document(text=text, source='news/"<b>evil</b>".txt', doc_id="evil", sha256="0" * 64)
    sent = Sentence(0, len(text), text)
    mentions = [Mention(0, len(h), h, h, "Person", "test", 0) for h in HOSTILE]
    entities = [Entity(key=f"k{i}", cls="Person", label=h, slug=io.slugify(h, "entity"),
                       mentions=[("evil", m)], surface={h + " (alias)"}) for i, (h, m) in enumerate(zip(HOSTILE, mentions))]
    index = {("evil", m): e for m, e in zip(mentions, entities)}
    relations = [Relation(mentions[i], "relatedTo", mentions[i + 1], 0, "test", 0.5, verb=HOSTILE[i], role=HOSTILE[i + 1])
                 for i in range(len(HOSTILE) - 1)]
    ex = Extraction(doc=doc, sentences=[sent], mentions=mentions, relations=relations)
    return build_graph([ex], entities, index)


def test_hostile_names_and_sentences_give_valid_turtle_and_iris():
    import pyoxigraph

    from kg.pipeline import serialize_turtle

    g = hostile_graph()
    ttl = serialize_turtle(g)
    back = Graph().parse(data=ttl, format="turtle")
    assert isomorphic(g, back)
    oxi = list(pyoxigraph.parse(ttl.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(oxi) == len(g)
    for term in (t for triple in g for t in triple):
        if isinstance(term, URIRef):
            assert IRIREF.match(str(term)), term
    labels = {str(o) for o in g.objects(None, RDFS.label)}
    assert HOSTILE[0] in labels and HOSTILE[6] in labels
    assert "bell  form  feed \ufffd" in labels  # characters XML and Turtle tools reject are replaced
    for node in g.subjects(RDF.type, KG.Person):
        assert len(list(g.objects(node, RDFS.label))) == 1


def test_hostile_text_is_escaped_in_the_page():
    from kg.graph import new_graph
    from kg.render import render_html

    page = render_html(hostile_graph())
    empty = render_html(new_graph()).lower()
    assert page.lower().count("<script") == empty.count("<script")
    assert "<script>alert('kg')</script>" not in page
    assert '"<b>evil</b>"' not in page
    assert "INSERT DATA { <a> <b> <c> }" not in page


def test_hostile_article_and_file_name_build(tmp_path):
    import pyoxigraph

    name = 'Breaking "<b>news<\\b>" & co\'s.txt'
    body = ("date 2026-01-05\nPresident Gustavo Petro said \"<script>alert(1)</script>\" in Bogot\u00e1. "
            + " ".join(HOSTILE[:6]) + " Emmanuel Macron met " + "Q" * 10_000 + " in Paris.\n")
    (tmp_path / name).write_text(body, encoding="utf-8")
    undecodable = os.fsdecode(b"caf\xe9-\xff.txt")
    (tmp_path / undecodable).write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    res = run_kg("build", tmp_path, "--out", out)
    assert res.exit_code == 0, res.output
    g = parse(out / "graph.ttl")
    sources = {str(o) for o in g.objects(None, KG.sourceFile)}
    assert sources == {str(tmp_path / name), str(tmp_path / "caf\ufffd-\ufffd.txt")}
    assert len(list(pyoxigraph.parse((out / "graph.ttl").read_bytes(), format=pyoxigraph.RdfFormat.TURTLE))) == len(g)
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "<b>news" not in page


# --- very large articles ---------------------------------------------------------------------------------


def test_long_article_is_chunked_within_spacy_limits(tmp_path, monkeypatch, nlp):
    import kg.nlp

    real_chunk = kg.nlp.chunk_text
    pieces = []

    def small_chunks(text, size=None):
        out = real_chunk(text, 3_000)
        pieces.extend(out)
        return out

    monkeypatch.setattr(kg.nlp, "chunk_text", small_chunks)
    filler = "The council met again on Tuesday and talked about roads, schools and the harbour. " * 60
    text = "date 2026-01-05\n" + GOOD.split("\n", 1)[1] + filler + "Angela Merkel arrived in Berlin late.\n"
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    # no time limit: the analysis stays in this process, where the patched chunk_text is seen
    res = run_kg("build", tmp_path / "long.txt", "--out", tmp_path / "out", "--article-timeout", "0")
    assert res.exit_code == 0, res.output
    assert len(pieces) >= 2 and all(len(p) <= 3_000 for p in pieces) and "".join(pieces) == text[16:]
    g = parse(tmp_path / "out" / "graph.ttl")
    labels = {str(o) for o in g.objects(None, RDFS.label)}
    assert {"Gustavo Petro", "Angela Merkel"} <= labels  # names from the first and the last chunk
    assert nlp.max_length > kg.nlp.CHUNK_CHARS


def test_chunks_rejoin_exactly_even_with_huge_tokens():
    from kg.nlp import chunk_text

    text = ("Short sentence here. " * 50) + "y" * 10_000 + " tail.\n\n" + "Another paragraph. " * 30
    pieces = chunk_text(text, 1_000)
    assert "".join(pieces) == text and all(0 < len(p) <= 1_000 for p in pieces)
