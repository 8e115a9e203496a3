"""kg: knowledge graphs from news articles.

    import kg
    result = kg.build(["articles/"], out="output")   # the graph, the folder written, the problems met
    rows = kg.query("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }", "output")
    kg.show("output")                                # the graph page, inline in Jupyter

The functions import the pipeline only when called, so that `import kg` stays fast.
"""

__version__ = "0.1.0"
# Bumped whenever extraction changes, so that stored articles are re-analysed.
PIPELINE_VERSION = "1"

__all__ = ["build", "query", "show"]


def build(inputs, out="output", **options):
    """Build the graph of articles (files or folders) into out; see kg.api.build."""
    from .api import build as _build

    return _build(inputs, out, **options)


def query(sparql=None, graph="output", **options):
    """Run SPARQL or a named query on a built graph; see kg.api.query."""
    from .api import query as _query

    return _query(sparql, graph, **options)


def show(graph="output", **options):
    """The graph page, shown inline in Jupyter; see kg.api.show."""
    from .api import show as _show

    return _show(graph, **options)
