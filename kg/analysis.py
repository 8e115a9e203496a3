"""The analysis of articles: the NLP and the extractors over each article, in this process, in worker
processes (--jobs, --article-timeout: kg/workers.py) or on a Dask cluster (--cluster: kg/cluster.py);
an Extraction per article, streamed in the articles' order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date

from . import io, nlp as nlp_mod
from .extract import coref, wire
from .extract.entities import extract_mentions
from .extract.events import extract_events
from .extract.relations import extract_relations
from .records import Document, Extraction, Mention, Sentence


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
