"""The one place that chains the stages of a build: read -> analyse (kg/analysis.py) -> resolve -> graph ->
write (kg/outputs.py)."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from rdflib import RDF, Graph

from . import io, nlp as nlp_mod
from .analysis import analyse, analyse_text, nlp_text  # noqa: F401  (kg.pipeline is what callers import)
from .errors import InputError
from .events_resolve import cluster_events
from .extract.event_types import GENERIC
from .graph import build_graph
from .ontology import KG
from .outputs import serialize_turtle, write_outputs as _write_outputs  # noqa: F401
from .records import Document, Extraction
from .resolve import Entity, resolve


@dataclass
class BuildResult:
    """What a build produced, for the CLI to report."""

    graph: Graph | None  # None when neither graph.ttl nor graph.html nor the caller needed the whole graph
    extractions: list[Extraction]
    entities: list[Entity]
    problems: list[io.Problem] = field(default_factory=list)
    ttl_path: Path | None = None
    html_path: Path | None = None
    store_path: Path | None = None
    analysed: int = 0  # articles that went through the NLP in this build
    reused: int = 0  # articles taken from the store's cache
    store_changes: tuple[int, int] = (0, 0)  # triples added to and removed from the store
    remote_error: str | None = None  # why --store failed, the local outputs being written
    totals: dict[str, int] = field(default_factory=dict)  # relations, events, triples when graph is None

    def counts(self) -> dict[str, object]:
        by_class = Counter(e.cls for e in self.entities)
        g = self.graph
        other = sum(1 for _ in g.subjects(RDF.type, KG[GENERIC])) if g is not None else self.totals.get("other_events", 0)
        return {
            "articles": len(self.extractions),
            "entities": len(self.entities),
            "entities_by_class": dict(sorted(by_class.items())),
            "relations": sum(1 for _ in g.subjects(RDF.type, KG.Statement)) if g is not None else self.totals["relations"],
            # events of kg's kinds, not their reports; actions of no typed kind (kg:OtherEvent) apart
            "events": sum(1 for _ in g.subjects(KG.reportCount, None)) - other if g is not None else self.totals["events"],
            "event_reports": sum(1 for ex in self.extractions for e in ex.events if e.kind != GENERIC),
            "other_events": other,
            "triples": len(g) if g is not None else self.totals["triples"],
            "problems": len(self.problems),
        }


def read_documents(inputs: list[str | Path], default_date: date | None,
                   problems: list[io.Problem], fields: dict[str, str] | None = None) -> list[Document]:
    """Read every article; unreadable files become problems, duplicates are read once.

    Skipped files are problems of kind "skipped"; a duplicate or an encoding other than UTF-8 is a "note".
    Web pages, feeds, data files and web archives (kg.sources) give one article per page, entry or record;
    fields maps the columns of data files.
    """

    from . import sources

    paths, found_problems = io.find_articles(inputs)
    problems.extend(found_problems)
    docs: list[Document] = []
    seen_hash: dict[str, str] = {}
    used_ids: set[str] = set()
    for path, doc in _read_paths(paths, default_date, fields, problems):
        name = f"{doc.source} ({doc.record})" if doc.record else doc.source
        if doc.sha256 in seen_hash:
            problems.append(io.Problem(name, f"same content as {seen_hash[doc.sha256]}; read once", "note"))
            continue
        if sources.kind_of(path) is None:
            problems.extend(io.Problem(name, note, "note") for note in io.reading_notes(doc))
        seen_hash[doc.sha256] = name
        doc_id = doc.doc_id
        n = 2
        while doc_id in used_ids:
            doc_id = f"{doc.doc_id}-{n}"
            n += 1
        used_ids.add(doc_id)
        docs.append(doc if doc_id == doc.doc_id else replace(doc, doc_id=doc_id))
    return docs


def _read_paths(paths: list[Path], default_date: date | None, fields: dict[str, str] | None,
                problems: list[io.Problem]) -> Iterator[tuple[Path, Document]]:
    """The articles of each file in turn: a text file is one, a page, feed, data file or archive may be many."""
    from . import sources

    for path in paths:
        name = io.display_path(path)
        try:
            if sources.kind_of(path) is None:
                yield path, io.read_article(path, default_date)
                continue
            found, record_problems = sources.read_source(path, default_date, fields)
        except InputError as e:
            problems.append(io.Problem(name, str(e).removeprefix(f"{name}: ")))
            continue
        problems.extend(record_problems)
        for doc in found:
            yield path, doc


def build_from_extractions(extractions: list[Extraction], *,
                           gazetteer_places: bool = False) -> tuple[Graph, list[Entity]]:
    entities, index = resolve(extractions)
    events = cluster_events(extractions, index)
    return build_graph(extractions, entities, index, events, gazetteer_places=gazetteer_places), entities


def build(inputs: list[str | Path], out_dir: str | Path = "output", *, default_date: date | None = None,
          model: str = nlp_mod.DEFAULT_MODEL, jobs: int = 1, write: bool = True,
          progress: Callable[[int, int], None] | None = None, store_url: str | None = None,
          store_protocol: str = "update", fields: dict[str, str] | None = None,
          store_timeout: float = 120.0, article_timeout: float | None = None,
          cluster: str | None = None, ttl: bool | None = None, page: bool | None = None,
          keep_graph: bool = False) -> BuildResult:
    """Build the graph of the given articles into out_dir: its store, graph.ttl and graph.html.

    Articles analysed by an earlier build into the same folder (same text, date, model and kg version) are
    taken from its cache; only new or changed ones go through the NLP. progress(done, total) is called as
    articles are analysed. store_url also writes the graph to a remote SPARQL store, each request within
    store_timeout seconds; if that fails, the local outputs are still written and result.remote_error says why.
    fields maps the columns of JSON Lines and CSV files ({"text": "body", "date": "published", ...}).
    An article whose analysis takes longer than article_timeout seconds is skipped (a problem names it).
    cluster is the address of a Dask scheduler whose workers analyse the articles instead of jobs processes.
    ttl and page say whether graph.ttl and graph.html are written (None: when the build has at most
    FILES_AUTO_MAX articles); the store always is, given only the triples that change. result.graph is the
    whole graph when those files, store_url, keep_graph or write=False need it, else None.
    """
    from . import cache as cache_mod
    from . import sources

    if fields:
        sources.check_fields(fields)
    problems: list[io.Problem] = []
    docs = read_documents(inputs, default_date, problems, fields)
    out = Path(out_dir)
    cache = cache_mod.ExtractionCache(out) if write and docs else None
    try:
        keys = [cache_mod.cache_key(d, model) for d in docs]
        found = cache.get_many(keys) if cache else {}
        gc.freeze()  # what the cache holds lives to the end of the build: collections no longer go through it
        todo = {k: d for d, k in zip(docs, keys) if k not in found}
        fresh = _analyse_into(cache, todo, model, jobs, progress, article_timeout, problems, cluster)
        kept = [(d, k) for d, k in zip(docs, keys) if k in found or k in fresh]  # not those past the time limit
        extractions = [cache_mod.rebind(found.get(k) or fresh[k], d) for d, k in kept]
        gc.freeze()  # and the new analyses, and the model
        keys = [k for _, k in kept]
        # each article's own part of resolution, kept in the output folder's index from earlier builds
        local = _local_keys(out, cache, extractions, keys)
        entities, index = resolve(extractions, {ex.doc.doc_id: local[k] for ex, k in zip(extractions, keys)})
        if cache:  # the clustering of the articles before the first change is replayed (kg/events_memo.py)
            from .events_memo import cluster as cluster_memo

            events = cluster_memo(out, extractions, keys, index, cache.notes)
            gc.freeze()  # the events, entities and index live to the end of the build too
        else:
            events = cluster_events(extractions, index)
        result = BuildResult(graph=None, extractions=extractions, entities=entities, problems=problems,
                             analysed=len(fresh), reused=len(docs) - len(todo))
        if cache and extractions:
            small = len(extractions) <= FILES_AUTO_MAX
            _write_outputs(result, out, cache, keys, (entities, index, events, local),
                           small if ttl is None else ttl, small if page is None else page,
                           keep_graph or bool(store_url), parallel=jobs > 1 or bool(cluster))
        if result.graph is None and (keep_graph or store_url or not cache or not extractions):
            result.graph = build_graph(extractions, entities, index, events)
        graph = result.graph
    finally:
        gc.unfreeze()
        if cache:
            cache.close()
            problems.extend(io.Problem(note.partition(": ")[0], note.partition(": ")[2], "note")
                            for note in cache.notes)
    if store_url and extractions:
        from .errors import GraphError
        from .remote import push_graph

        try:
            push_graph(store_url, graph, protocol=store_protocol, timeout=store_timeout)
        except GraphError as e:  # the local outputs stand: the caller says so
            result.remote_error = str(e)
    return result


# graph.ttl and graph.html are written by default for builds of at most this many articles: writing both
# takes about half a second per thousand articles, as long as an increment of a few articles takes in all;
# past it they are written when asked for (kg build --ttl --page), and the store alone is kept up to date.
FILES_AUTO_MAX = 2000


def _local_keys(out: Path, cache, extractions: list[Extraction], keys: list[str]) -> dict[str, list[str]]:
    """resolve.local_keys of each article by cache key: from the folder's index, else worked out."""
    from . import parts
    from .resolve import local_keys

    known: dict[str, list[str]] = {}
    if cache:
        index = parts.PartIndex(out, cache.notes)
        known = index.local_keys()
        index.close()
    return {k: known.get(k) or local_keys(ex) for ex, k in zip(extractions, keys)}


def _analyse_into(cache, todo: dict[str, Document], model: str, jobs: int,
                  progress: Callable[[int, int], None] | None, timeout: float | None = None,
                  problems: list[io.Problem] | None = None, cluster: str | None = None) -> dict[str, Extraction]:
    """Analyse the articles not in the cache, saving each as it comes, so an interrupted build resumes.

    Each article is saved in its own transaction (under a millisecond, against the tenths of a second of
    its analysis): a killed build loses at most the articles still being analysed (a batch of 4).
    """
    fresh: dict[str, Extraction] = {}
    if not todo:
        return fresh
    if progress:
        progress(0, len(todo))
    unsaved: dict[str, Extraction] = {}
    try:
        # small batches for the NLP: what a kill loses is the batch in progress
        for done, (key, ex) in enumerate(zip(todo, analyse(todo.values(), model=model, jobs=jobs, batch_size=4,
                                                           timeout=timeout, cluster=cluster)), 1):
            if isinstance(ex, io.Problem):  # past the time limit: not saved, so the next build tries it again
                if problems is not None:
                    problems.append(ex)
                if progress:
                    progress(done, len(todo))
                continue
            fresh[key] = unsaved[key] = ex
            if cache and cache.put_many(unsaved):
                unsaved = {}
            if progress:
                progress(done, len(todo))
    finally:
        if cache:
            cache.put_many(unsaved)
    return fresh
