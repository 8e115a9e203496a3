"""kg from Python: kg.build, kg.query and kg.show, and `import kg` staying light."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph

import kg
from kg.errors import QueryError

from .test_render import IMG, SCRIPT, add_entity, small_graph


@pytest.fixture()
def folder(tmp_path):
    from kg.render import render_html
    from kg.store import write_store

    g = small_graph()
    add_entity(g, "markup", "Person", IMG + SCRIPT)
    out = tmp_path / "out"
    write_store(out, g)
    (out / "graph.html").write_text(render_html(g), encoding="utf-8")
    (out / "graph.ttl").write_text(g.serialize(format="turtle"), encoding="utf-8")
    return out


def test_import_kg_loads_no_pipeline():
    code = ("import sys, kg; heavy = [m for m in ('spacy', 'rdflib', 'pyoxigraph', 'kg.pipeline', 'starlette') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_query_gives_rows_bool_and_graph(folder):
    rows = kg.query("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name", folder)
    assert rows.variables == ["name"] and IMG + SCRIPT in [r["name"] for r in rows]
    assert all(isinstance(r["name"], str) for r in rows)
    assert kg.query("ASK { ?p a kg:Person }", folder) is True
    built = kg.query("CONSTRUCT WHERE { ?p a kg:Person }", folder)
    assert isinstance(built, Graph) and len(built) == len(rows)
    table = rows._repr_html_()
    assert SCRIPT not in table and "&lt;script&gt;" in table


def test_named_query_and_refusals(folder):
    import kg.query  # noqa: F401  (the submodule takes the name kg.query: it must stay callable)

    rows = kg.query(name="entities", params={"class": "Person"}, graph=folder)
    assert {"name", "class", "mentions"} <= set(rows.variables) and len(rows) >= 2
    counts = [r["mentions"] for r in rows]
    assert all(isinstance(c, int) for c in counts)
    with pytest.raises(QueryError, match="changes the graph"):
        kg.query("DELETE WHERE { ?s ?p ?o }", folder)
    with pytest.raises(QueryError, match="one of the two"):
        kg.query(graph=folder)


def test_show_embeds_the_page_escaped_in_a_sandboxed_frame(folder):
    page = kg.show(folder)
    frame = page._repr_html_()
    assert frame.startswith("<iframe srcdoc=\"") and 'sandbox="allow-scripts"' in frame
    assert "<script" not in frame and "<img" not in frame  # the whole page is escaped into the attribute
    assert page.html == (folder / "graph.html").read_text(encoding="utf-8")
    assert kg.show(Graph()).html.startswith("<!DOCTYPE html>")


@pytest.mark.model
def test_build_returns_graph_and_writes_the_folder(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("date 2026-02-01\nThe mayor of Eastvale, Jane Porter, met Henry Miles in Westvale.\n",
                       encoding="utf-8")
    result = kg.build(article, out=tmp_path / "out")
    assert (tmp_path / "out" / "graph.ttl").is_file() and len(result.graph) > 0
    assert result.counts["articles"] == 1
    names = {r["name"] for r in result.query("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }")}
    assert "Jane Porter" in names
    in_memory = kg.build([article], out=None)
    assert in_memory.out is None and len(in_memory.graph) == len(result.graph)


@pytest.mark.model
def test_people_and_members_list_who_speaks_for_whom(tmp_path):
    # kg:spokespersonFor refines kg:worksFor; the named queries that list roles show it too
    article = tmp_path / "a.txt"
    article.write_text("date 2026-02-01\nMark Lee, who speaks for Amnesty International, said aid was late.\n",
                       encoding="utf-8")
    result = kg.build(article, out=None)
    people = {(r["name"], r["relation"], r["ofName"]) for r in result.query(name="people")}
    assert ("Mark Lee", "spokespersonFor", "Amnesty International") in people
    members = {(r["orgName"], r["relation"], r["memberName"]) for r in result.query(name="members")}
    assert ("Amnesty International", "spokespersonFor", "Mark Lee") in members
