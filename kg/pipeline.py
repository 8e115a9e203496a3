"""The one place that chains the stages: read -> nlp -> extract -> resolve -> graph -> write."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from rdflib import RDF, Graph

from . import io, nlp as nlp_mod
from .errors import GraphError, InputError
from .extract.entities import extract_mentions
from .extract.events import extract_events
from .extract import coref, wire
from .extract.relations import extract_relations
from .events_resolve import cluster_events
from .extract.event_types import GENERIC
from .graph import build_graph
from .ontology import KG
from .records import Document, Extraction, Mention, Sentence
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


def _sentence(span, text: str) -> Sentence:
    """A sentence without the blank lines around it, in the article's own characters (spaCy's text may
    have shortened runs of punctuation); offsets point into the article text."""
    raw = text[span.start_char: span.end_char]
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip()
    return Sentence(span.start_char + lead, span.start_char + lead + len(body), body)


def nlp_text(doc: Document) -> str:
    """The text spaCy reads: the article's, with wire copy's lines in capitals re-cased (same length)."""
    return wire.layout(doc.text).text


def extract_document(doc: Document, sdoc) -> Extraction:
    """All records one analysed article yields."""
    sdoc.user_data["kg_wire"] = wire.layout(doc.text)
    sentences = [_sentence(s, doc.text) for s in sdoc.sents]
    mentions = extract_mentions(sdoc)
    relations = extract_relations(sdoc, mentions, article_date=doc.date, references=coref.references(sdoc, mentions))
    events = extract_events(sdoc, mentions, article_date=doc.date)
    return Extraction(doc=doc, sentences=sentences, mentions=mentions, relations=relations, events=events)


def analyse(documents: Iterable[Document], *, model: str = nlp_mod.DEFAULT_MODEL, jobs: int = 1,
            batch_size: int = 16, timeout: float | None = None,
            cluster: str | None = None) -> Iterator[Extraction | io.Problem]:
    """Run the NLP and the extractors over documents, streaming, in order; jobs > 1 uses that many processes,
    cluster the workers of the Dask scheduler at that address (kg/cluster.py; no time limit there).

    With a timeout (seconds per article, or per section of a very long one) the work runs in worker
    processes, and an article past the limit yields an io.Problem (kind "skipped") instead of its Extraction.
    """
    if cluster:
        from . import cluster as cluster_mod

        yield from cluster_mod.analyse(documents, cluster, model=model)
        return
    nlp = nlp_mod.load_nlp(model)
    if jobs > 1 or timeout:
        yield from _analyse_in_workers(documents, model, jobs, timeout)
        return
    yield from _extract_all(nlp, documents, batch_size)


def _extract_all(nlp, documents: Iterable[Document], batch_size: int,
                 on_section: Callable[[], None] | None = None) -> Iterator[Extraction]:
    """NLP and extraction of each document, a very long one section by section (see nlp.SECTION_CHARS)."""
    def pieces():
        for doc in documents:
            sections = [doc.text] if len(doc.text) <= nlp_mod.SECTION_CHARS else nlp_mod.chunk_text(
                doc.text, nlp_mod.SECTION_CHARS)
            start = 0
            for i, text in enumerate(sections):
                part = doc if len(sections) == 1 else replace(doc, text=text)
                yield nlp_text(part), (doc, part, start, i == len(sections) - 1)
                start += len(text)

    parts: list[tuple[int, Extraction]] = []
    for sdoc, (doc, part, start, last) in nlp_mod.pipe_docs(nlp, pieces(), batch_size=batch_size):
        parts.append((start, extract_document(part, sdoc)))
        if on_section:
            on_section()
        if last:
            yield parts[0][1] if len(parts) == 1 else _join_sections(doc, parts)
            parts = []


def _join_sections(doc: Document, parts: list[tuple[int, Extraction]]) -> Extraction:
    """One Extraction of doc from those of its sections, offsets and sentence numbers made the article's."""
    joined = Extraction(doc=doc, sentences=[], mentions=[])
    for start, ex in parts:
        n = len(joined.sentences)

        def m(x: Mention | None) -> Mention | None:
            return x and replace(x, start=x.start + start, end=x.end + start, sent=x.sent + n)

        joined.sentences += [replace(s, start=s.start + start, end=s.end + start) for s in ex.sentences]
        joined.mentions += [m(x) for x in ex.mentions]
        joined.relations += [replace(r, subj=m(r.subj), obj=m(r.obj), source=m(r.source), sent=r.sent + n)
                             for r in ex.relations]
        joined.events += [replace(e, start=e.start + start, end=e.end + start, sent=e.sent + n, source=m(e.source),
                                  actors=tuple(map(m, e.actors)), targets=tuple(map(m, e.targets)),
                                  places=tuple(map(m, e.places))) for e in ex.events]
    return joined


_WORKER_MODEL = nlp_mod.DEFAULT_MODEL


def _worker_init(model: str) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = model
    nlp_mod.load_nlp(model)  # already loaded where workers are forked


# What a worker of --jobs or --article-timeout is given at a time: up to WORKER_BATCH articles of at most
# WORKER_BATCH_CHARS characters together (a longer article goes alone). One article at a time cost a
# worker about a fifth more CPU time than spaCy's batches do.
WORKER_BATCH = 8
WORKER_BATCH_CHARS = 20_000


def _analyse_batch(docs: list[Document], beat: Callable[[], None]) -> Iterator[Extraction]:
    """Articles in a worker, each yielded as it is done; beat() after each section restarts the clock of the
    article being read (see workers.run_limited)."""
    return _extract_all(nlp_mod.load_nlp(_WORKER_MODEL), docs, len(docs), on_section=beat)


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


def _analyse_in_workers(documents: Iterable[Document], model: str, jobs: int,
                        timeout: float | None) -> Iterator[Extraction | io.Problem]:
    """NLP and extraction in worker processes that a time limit can stop: only the small Extractions travel back."""
    from functools import partial

    from .workers import run_limited

    global _WORKER_MODEL
    # Warm the model and the lexicons here, so that forked workers share them instead of each loading its own.
    _WORKER_MODEL = model
    next(_analyse_batch([Document(text="Warm-up.", source="", doc_id="warm-up")], lambda: None))
    _warm_lexicons()
    for outcome in run_limited(_analyse_batch, documents, jobs=jobs, timeout=timeout, init=partial(_worker_init, model),
                               batch=WORKER_BATCH, size=lambda d: len(d.text), max_size=WORKER_BATCH_CHARS):
        yield outcome.result if outcome.problem is None else io.Problem(outcome.item.source, outcome.problem)


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
        todo = {k: d for d, k in zip(docs, keys) if k not in found}
        fresh = _analyse_into(cache, todo, model, jobs, progress, article_timeout, problems, cluster)
        kept = [(d, k) for d, k in zip(docs, keys) if k in found or k in fresh]  # not those past the time limit
        extractions = [cache_mod.rebind(found.get(k) or fresh[k], d) for d, k in kept]
        keys = [k for _, k in kept]
        # each article's own part of resolution, kept in the output folder's index from earlier builds
        local = _local_keys(out, cache, extractions, keys)
        entities, index = resolve(extractions, {ex.doc.doc_id: local[k] for ex, k in zip(extractions, keys)})
        events = cluster_events(extractions, index)
        result = BuildResult(graph=None, extractions=extractions, entities=entities, problems=problems,
                             analysed=len(fresh), reused=len(docs) - len(todo))
        if cache and extractions:
            small = len(extractions) <= FILES_AUTO_MAX
            _write_outputs(result, out, cache, keys, (entities, index, events, local),
                           small if ttl is None else ttl, small if page is None else page,
                           keep_graph or bool(store_url))
        if result.graph is None and (keep_graph or store_url or not cache or not extractions):
            result.graph = build_graph(extractions, entities, index, events)
        graph = result.graph
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


# graph.ttl and graph.html are written by default for builds of at most this many articles: writing both
# takes about half a second per thousand articles, as long as an increment of a few articles takes in all;
# past it they are written when asked for (kg build --ttl --page), and the store alone is kept up to date.
FILES_AUTO_MAX = 2000


def _write_outputs(result: BuildResult, out: Path, cache, keys: list[str], resolved: tuple,
                   want_ttl: bool, want_page: bool, need_graph: bool) -> None:
    """Store, and graph.ttl and graph.html when wanted; skipped when the same articles were built last time
    and are intact. The store is given the difference that the changed parts of the graph make (kg/parts.py)."""
    from . import parts, store

    ttl_path, html_path = out / "graph.ttl", out / "graph.html"
    result.ttl_path, result.html_path = (ttl_path if want_ttl else None), (html_path if want_page else None)
    result.store_path = out / store.STORE_DIR
    docs = [ex.doc for ex in result.extractions]
    fingerprint = hashlib.sha256(repr([(k, d.doc_id, d.source, d.offset, d.sha256, d.encoding, d.record)
                                       for k, d in zip(keys, docs)]).encode()).hexdigest()
    *resolved, local = resolved
    plan = parts.plan(result.extractions, keys, *resolved)
    other = sum(1 for c in plan.events.values() if c.kind == GENERIC)
    result.totals = {"relations": plan.statements, "events": len(plan.events) - other, "other_events": other}
    wanted = [p for p in (result.ttl_path, result.html_path) if p is not None]
    if (cache.get_meta("fingerprint") == fingerprint and store.store_intact(result.store_path)
            and cache.get_meta("files") == _stamp(ttl_path, html_path)
            and all(p.exists() == (p in wanted) for p in (ttl_path, html_path))):
        # the same inputs give the same graph: nothing to rewrite
        if need_graph or wanted:
            result.graph = parts.whole_graph(plan)
        result.totals["triples"] = store.store_size(result.store_path)
        return
    # Until the last step below is done, the folder is marked as not matching any build: an interrupted
    # build (killed, or a full disk) leaves files and store that may disagree, and the next build, whatever
    # its articles, rewrites them (the index of parts says whether it still matches the store).
    # The files go first and the store is committed last.
    cache.set_meta({"fingerprint": ""})
    index = parts.PartIndex(out, cache.notes)
    try:
        old = index.digests() if store.store_intact(result.store_path) else None
        # a first store with no file or caller that needs the whole graph is streamed (_write_store)
        streamed = old is None and not (need_graph or wanted or result.store_path.exists())
        if (old is None and not streamed) or need_graph or wanted:
            result.graph = parts.whole_graph(plan)
        if wanted:
            from .render import render_html

            # Both texts are made before either file is touched: a failure keeps the previous pair.
            texts = {}
            if result.ttl_path:
                texts[result.ttl_path] = serialize_turtle(result.graph)
            if result.html_path:
                texts[result.html_path] = render_html(result.graph)
            io.write_files_atomic(texts)
            del texts  # the page and the Turtle text, a tenth of the graph's size, are not held while the store is written
        for path in {ttl_path, html_path} - set(wanted):  # not rewritten: an older one would disagree
            path.unlink(missing_ok=True)
        _hook("files written")
        result.store_changes = _write_store(out, plan, index, old, result.graph, cache.notes, local)
        _hook("store written")
    finally:
        index.close()
    result.totals["triples"] = len(result.graph) if result.graph is not None else store.store_size(result.store_path)
    cache.retain(keys)
    cache.set_meta({"fingerprint": fingerprint, "files": _stamp(ttl_path, html_path)})


def _write_store(out: Path, plan, index, old: dict[str, str] | None, graph: Graph | None,
                 notes: list[str], local: dict[str, list[str]]) -> tuple[int, int]:
    """The store made to hold the plan's graph: the difference of the changed parts when the index matches
    the store, else compared whole (and the index made anew). Returns (added, removed)."""
    from . import parts, store

    if old is not None:
        dirty = [p for p, d in plan.digests.items() if old.get(p) != d]
        gone = [p for p in old if p not in plan.digests]
        new = {p: plan.nt(p) for p in dirty}
        added, removed = index.difference(new, gone)
        index.unsync()
        try:
            store.apply_difference(out, added, removed)
        except GraphError as e:
            notes.append(f"{e}; the store is compared whole")
        else:
            index.record(plan.digests, new, gone, local)
            return len(added), len(removed)
    index.remove()
    if graph is None and not (out / store.STORE_DIR).exists():
        # A first store that no whole graph is needed for: each part's triples go to the index and to the
        # store's loader in turn, never all at once in rdflib's memory (a corpus of 100,000 articles).
        return store.load_ntriples(out, lambda sink, made: _stream_parts(plan, index, local, sink, made)), 0
    changes = store.write_store(out, graph if graph is not None else parts.whole_graph(plan), notes=notes)
    index.replace(plan.digests, ((p, plan.nt(p)) for p in plan.digests), local)
    return changes


def _stream_parts(plan, index, local: dict[str, list[str]], sink, store_id: str) -> None:
    """Write every part of the plan to the index (for the store of identity store_id) and its triples to sink
    (N-Triples), less the rule that spans parts (who leads an organization does not also work for it:
    parts.whole_graph)."""
    from . import parts

    leaders: set[tuple[str, str]] = set()
    works: list[tuple[str, str, str]] = []

    def each_part():
        for part in plan.digests:
            triples = plan.nt(part, keep=False)
            for t in triples:
                s, p, o = t.split(" ", 2)
                if p == parts.WORKS_FOR:
                    works.append((s, o, t))
                    continue
                if p == parts.LEADER_OF:
                    leaders.add((s, o))
                sink.write(t + " .\n")
            yield part, triples

    index.replace(plan.digests, each_part(), local, store=store_id)
    for s, o, t in works:
        if (s, o) not in leaders:
            sink.write(t + " .\n")


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

    Every writer of graph.ttl calls this: kg/turtle.py writes the sorted triples in one pass (rdflib's
    serializer took five times as long, the largest serial part of a build).
    """
    from .turtle import turtle

    return turtle(graph)
