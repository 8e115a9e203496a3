"""kg from Python (notebooks, scripts): build, query and show a graph. `import kg` stays light: these
functions are reached through kg/__init__.py and import the pipeline only when called."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef


class Rows(list):
    """The rows of a SELECT answer: one dict per row, variable -> value (Python values for literals,
    rdflib URIRefs for IRIs; unbound variables are left out). Shown as a table in Jupyter."""

    def __init__(self, variables: list[str], rows: list[dict]):
        super().__init__(rows)
        self.variables = variables

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(v)}</th>" for v in self.variables)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(str(row.get(v, '')))}</td>" for v in self.variables)
                       + "</tr>" for row in self[:1000])
        more = f"<p>{len(self) - 1000} more rows not shown</p>" if len(self) > 1000 else ""
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


class Page:
    """The interactive graph page; Jupyter shows it in a sandboxed frame (its scripts cannot reach the notebook)."""

    def __init__(self, page_html: str, height: int = 640):
        self.html = page_html
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd"></iframe>')

    def save(self, path: str | Path) -> Path:
        from .io import write_text_atomic

        write_text_atomic(path, self.html)
        return Path(path)


@dataclass
class Build:
    """What kg.build made: the rdflib graph, the folder written, and the problems met reading the inputs."""

    graph: Graph
    out: Path | None
    problems: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    def query(self, sparql: str | None = None, *, name: str | None = None, params: dict | None = None,
              timeout: float | None = 60):
        """kg.query on this build's graph."""
        return query(sparql, self.graph, name=name, params=params, timeout=timeout)

    def show(self, height: int = 640) -> Page:
        """The graph page, for Jupyter."""
        return show(self.graph, height=height)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v}" for k, v in self.counts.items() if k != "entities_by_class")
        return f"<kg.Build {shown} out={str(self.out) if self.out else None!r}>"


def build(inputs, out: str | Path | None = "output", *, date: date | None = None, model: str | None = None,
          jobs: int = 1, fields: dict[str, str] | None = None, cluster: str | None = None) -> Build:
    """Build the graph of article files or folders (any kind kg reads) into out (graph.ttl, graph.html, store);
    out=None builds in memory only; cluster is a Dask scheduler's address whose workers run the NLP. Raises KgError subclasses (kg.errors) when nothing can be built."""
    from .errors import InputError
    from .nlp import DEFAULT_MODEL
    from .pipeline import build as run_build

    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    result = run_build(list(inputs), out or "output", default_date=date, model=model or DEFAULT_MODEL, jobs=jobs,
                       write=out is not None, fields=fields, cluster=cluster, keep_graph=True)
    if not result.extractions:
        reasons = "; ".join(str(p) for p in result.problems[:3])
        raise InputError(f"no article could be read{': ' + reasons if reasons else ''}")
    return Build(graph=result.graph, out=Path(out) if out is not None else None, problems=list(result.problems),
                 counts=result.counts())


def _graph_of(graph) -> Graph:
    from .query import load_graph

    if isinstance(graph, Build):
        return graph.graph
    if isinstance(graph, Graph):
        return graph
    return load_graph(graph)


def query(sparql: str | None = None, graph="output", *, name: str | None = None, params: dict | None = None,
          timeout: float | None = 60):
    """Run SPARQL (or the named query `name` with params) on a graph: a build folder, a Turtle file, a Build
    or an rdflib Graph. SELECT gives Rows, ASK a bool, CONSTRUCT and DESCRIBE an rdflib Graph.
    Updates are refused. Raises kg.errors.QueryError."""
    from .errors import QueryError
    from .query import named_query, run_query

    if (sparql is None) == (name is None):
        raise QueryError("give a SPARQL text or a query name, one of the two")
    where = graph if isinstance(graph, (str, Path)) else None  # a folder's store may keep a label index
    text = named_query(name).bind({k: str(v) for k, v in (params or {}).items()}, where) if name else sparql
    result = run_query(_graph_of(graph), text, timeout=timeout)
    if result.kind == "ASK":
        return bool(result.boolean)
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        return result.graph
    return Rows(result.variables, [{v: _value(t) for v, t in zip(result.variables, row) if t is not None}
                                   for row in result.rows])


def _value(term):
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return term if isinstance(term, URIRef) else str(term)


def show(graph="output", *, height: int = 640) -> Page:
    """The graph page of a build folder, a Turtle file, a Build or an rdflib Graph, shown inline in Jupyter."""
    if isinstance(graph, (str, Path)) and Path(graph).is_dir() and (Path(graph) / "graph.html").is_file():
        return Page((Path(graph) / "graph.html").read_text(encoding="utf-8"), height)
    from .render import render_html

    return Page(render_html(_graph_of(graph)), height)
