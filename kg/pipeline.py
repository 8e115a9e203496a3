"""The one place that chains the stages: read -> nlp -> extract -> resolve -> graph -> write."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import RDF, Graph

from . import io, nlp as nlp_mod
from .errors import InputError
from .extract.entities import extract_mentions
from .extract.events import extract_events
from .extract import wire
from .extract.relations import extract_relations
from .events_resolve import cluster_events
from .graph import build_graph
from .ontology import KG
from .records import Document, Extraction, Sentence
from .resolve import Entity, resolve


@dataclass
class BuildResult:
    """What a build produced, for the CLI to report."""

    graph: Graph
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

    def counts(self) -> dict[str, object]:
        by_class = Counter(e.cls for e in self.entities)
        return {
            "articles": len(self.extractions),
            "entities": len(self.entities),
            "entities_by_class": dict(sorted(by_class.items())),
            "relations": sum(1 for _ in self.graph.subjects(RDF.type, KG.Statement)),
            "events": sum(len(ex.events) for ex in self.extractions),
            "triples": len(self.graph),
            "problems": len(self.problems),
        }


def _sentence(span, article: str) -> Sentence:
    """A sentence without the blank lines around it; offsets still point into the article text."""
    text = article[span.start_char: span.end_char]  # as written, capitals included (the Doc's may be re-cased)
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return Sentence(span.start_char + lead, span.start_char + lead + len(body), body)


def nlp_text(doc: Document) -> str:
    """The text spaCy reads: the article's, with wire copy's lines in capitals re-cased (same length)."""
    return wire.layout(doc.text).text


def extract_document(doc: Document, sdoc) -> Extraction:
    """All records one analysed article yields."""
    sdoc.user_data["kg_wire"] = wire.layout(doc.text)
    sentences = [_sentence(s, doc.text) for s in sdoc.sents]
    mentions = extract_mentions(sdoc)
    relations = extract_relations(sdoc, mentions, article_date=doc.date)
    events = extract_events(sdoc, mentions, article_date=doc.date)
    return Extraction(doc=doc, sentences=sentences, mentions=mentions, relations=relations, events=events)


def analyse(documents: Iterable[Document], *, model: str = nlp_mod.DEFAULT_MODEL, jobs: int = 1,
            batch_size: int = 16) -> Iterator[Extraction]:
    """Run the NLP and the extractors over documents, streaming, in order; jobs > 1 uses that many processes."""
    nlp = nlp_mod.load_nlp(model)
    if jobs > 1:
        yield from _analyse_parallel(documents, model, jobs)
        return
    pairs = ((nlp_text(d), d) for d in documents)
    for sdoc, doc in nlp_mod.pipe_docs(nlp, pairs, batch_size=batch_size):
        yield extract_document(doc, sdoc)


_WORKER_MODEL = nlp_mod.DEFAULT_MODEL
PARALLEL_BATCH = 4  # articles per task: small enough to keep both the workers and the progress bar moving


def _worker_init(model: str) -> None:
    import signal

    global _WORKER_MODEL
    _WORKER_MODEL = model
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool


def _analyse_batch(docs: list[Document]) -> list[Extraction]:
    nlp = nlp_mod.load_nlp(_WORKER_MODEL)
    return [extract_document(doc, sdoc) for sdoc, doc in nlp_mod.pipe_docs(nlp, ((nlp_text(d), d) for d in docs),
                                                                           batch_size=len(docs))]


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _warm_lexicons() -> None:
    """Run every cached loader of the lexicon (the lru_cache(maxsize=1) functions without arguments)."""
    from . import lexicon

    for value in list(vars(lexicon).values()):
        info = getattr(value, "cache_info", None)
        if callable(info) and info().maxsize == 1:
            try:
                value()
            except TypeError:  # one that takes arguments after all
                pass


def _analyse_parallel(documents: Iterable[Document], model: str, jobs: int) -> Iterator[Extraction]:
    """NLP and extraction together in worker processes: only the small Extractions travel back."""
    import multiprocessing as mp

    global _WORKER_MODEL
    # Warm the model and the lexicons here, so that forked workers share them instead of each loading its own.
    _WORKER_MODEL = model
    _analyse_batch([Document(text="Warm-up.", source="", doc_id="warm-up")])
    _warm_lexicons()
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with mp.get_context(method).Pool(jobs, initializer=_worker_init, initargs=(model,)) as pool:
        for batch in pool.imap(_analyse_batch, _batches(documents, PARALLEL_BATCH)):
            yield from batch


def analyse_text(text: str, *, doc_date: date | None = None, doc_id: str = "text",
                 model: str = nlp_mod.DEFAULT_MODEL) -> Extraction:
    """Analyse one text given directly (tests, evaluation)."""
    when, body, offset = io.split_date_header(text)
    doc = Document(text=body, source=doc_id, doc_id=doc_id, date=when or doc_date, offset=offset)
    return next(analyse([doc], model=model))


def read_documents(inputs: list[str | Path], default_date: date | None,
                   problems: list[io.Problem], fields: dict[str, str] | None = None) -> list[Document]:
    """Read every article; unreadable files become problems, duplicates are read once.

    Skipped files are problems of kind "skipped"; a duplicate or an encoding other than UTF-8 is a "note".
    Web pages, feeds, data files and web archives (kg.sources) give one article per page, entry or record;
    fields maps the columns of data files.
    """
    from dataclasses import replace

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
        if doc.encoding not in ("utf-8", "ascii") and sources.kind_of(path) is None:
            valid = "valid " if doc.encoding.startswith("utf-8") else ""
            problems.append(io.Problem(name, f"not {valid}UTF-8; read as {doc.encoding}", "note"))
        seen_hash[doc.sha256] = name
        doc_id = doc.doc_id
        n = 2
        while doc_id in used_ids:
            doc_id = f"{doc.doc_id}-{n}"
            n += 1
        used_ids.add(doc_id)
        docs.append(replace(doc, doc_id=doc_id))
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


def build_from_extractions(extractions: list[Extraction]) -> tuple[Graph, list[Entity]]:
    entities, index = resolve(extractions)
    events = cluster_events(extractions, index)
    return build_graph(extractions, entities, index, events), entities


def build(inputs: list[str | Path], out_dir: str | Path = "output", *, default_date: date | None = None,
          model: str = nlp_mod.DEFAULT_MODEL, jobs: int = 1, write: bool = True,
          progress: Callable[[int, int], None] | None = None, store_url: str | None = None,
          store_protocol: str = "update", fields: dict[str, str] | None = None,
          store_timeout: float = 120.0) -> BuildResult:
    """Build the graph of the given articles into out_dir: its store, graph.ttl and graph.html.

    Articles analysed by an earlier build into the same folder (same text, date, model and kg version) are
    taken from its cache; only new or changed ones go through the NLP. progress(done, total) is called as
    articles are analysed. store_url also writes the graph to a remote SPARQL store, each request within
    store_timeout seconds; if that fails, the local outputs are still written and result.remote_error says why.
    fields maps the columns of JSON Lines and CSV files ({"text": "body", "date": "published", ...}).
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
        todo = {k: d for d, k in zip(docs, keys) if k not in found}
        fresh = _analyse_into(cache, todo, model, jobs, progress)
        extractions = [cache_mod.rebind(found.get(k) or fresh[k], d) for d, k in zip(docs, keys)]
        graph, entities = build_from_extractions(extractions)
        result = BuildResult(graph=graph, extractions=extractions, entities=entities, problems=problems,
                             analysed=len(fresh), reused=len(docs) - len(todo))
        if cache and extractions:
            _write_outputs(result, out, cache, keys)
    finally:
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


def _analyse_into(cache, todo: dict[str, Document], model: str, jobs: int,
                  progress: Callable[[int, int], None] | None) -> dict[str, Extraction]:
    """Analyse the articles not in the cache, saving each as it comes, so an interrupted build resumes.

    Each article is saved in its own transaction (a few milliseconds against the tenths of a second of
    its analysis): a killed build loses at most the articles still being analysed.
    """
    fresh: dict[str, Extraction] = {}
    if not todo:
        return fresh
    if progress:
        progress(0, len(todo))
    unsaved: dict[str, Extraction] = {}
    try:
        # small batches for the NLP: what a kill loses is the batch in progress
        for key, ex in zip(todo, analyse(todo.values(), model=model, jobs=jobs, batch_size=4)):
            fresh[key] = unsaved[key] = ex
            if cache and cache.put_many(unsaved):
                unsaved = {}
            if progress:
                progress(len(fresh), len(todo))
    finally:
        if cache:
            cache.put_many(unsaved)
    return fresh


def _write_outputs(result: BuildResult, out: Path, cache, keys: list[str]) -> None:
    """Store, graph.ttl and graph.html; skipped when the same articles were built last time and are intact."""
    from . import store

    result.ttl_path, result.html_path = out / "graph.ttl", out / "graph.html"
    result.store_path = out / store.STORE_DIR
    docs = [ex.doc for ex in result.extractions]
    fingerprint = hashlib.sha256(repr([(k, d.doc_id, d.source, d.offset, d.sha256, d.encoding, d.record)
                                       for k, d in zip(keys, docs)]).encode()).hexdigest()
    if (cache.get_meta("fingerprint") == fingerprint and store.store_intact(result.store_path)
            and cache.get_meta("files") == _stamp(result.ttl_path, result.html_path)):
        return  # the same inputs give the same graph: nothing to rewrite
    from .render import render_html

    # Until the last step below is done, the folder is marked as not matching any build: an interrupted
    # build (killed, or a full disk) leaves files and store that may disagree, and the next build, whatever
    # its articles, rewrites all three. The files go first and the store is committed last.
    cache.set_meta({"fingerprint": ""})
    # Both texts are made before either file is touched: a failure keeps the previous pair.
    texts = {result.ttl_path: serialize_turtle(result.graph), result.html_path: render_html(result.graph)}
    io.write_files_atomic(texts)
    _hook("files written")
    result.store_changes = store.write_store(out, result.graph, notes=cache.notes)
    _hook("store written")
    cache.retain(keys)
    cache.set_meta({"fingerprint": fingerprint, "files": _stamp(result.ttl_path, result.html_path)})


def _hook(step: str) -> None:
    """Where a test interrupts a build between two of its writes."""


def _stamp(*paths: Path) -> str:
    """Size and modification time of files, to notice that someone changed or removed them."""
    parts = []
    for p in paths:
        try:
            st = p.stat()
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return " ".join(parts)


def serialize_turtle(graph: Graph) -> str:
    """Turtle that is byte-identical for the same triples, whatever order they were added in.

    Every writer of graph.ttl calls this. rdflib sorts subjects and predicates but keeps insertion
    order among objects that compare equal (1, 1.0, "1"), so the triples are re-added in a canonical order.
    """
    from .graph import new_graph

    canonical = new_graph()
    for prefix, ns in graph.namespaces():
        canonical.bind(prefix, ns, override=True)
    for triple in sorted(graph, key=lambda t: tuple(term.n3() for term in t)):
        canonical.add(triple)
    return canonical.serialize(format="turtle")
