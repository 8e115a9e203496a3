"""The per-article stage on a Dask distributed cluster: `kg build --cluster ADDRESS`.

The builder sends batches of articles to the cluster's workers, which run the NLP and the extractors and
send back each Extraction as the JSON of kg/cache.py (never a spaCy Doc); resolution, the graph and the
writes stay with the builder. Each worker loads the spaCy pipeline and the lexicons once, when kg's
plugin is registered with it (and again in a worker that replaces a dead one). Results come back in
input order; a batch whose worker died is run again elsewhere by Dask's scheduler.

Every worker must have the same kg and spaCy pipeline installed as the builder: each batch's answer
carries the worker's extraction fingerprint, and a different one stops the build.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace

from .errors import KgError
from .records import Document, Extraction

try:
    from distributed import Client, WorkerPlugin
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker
except ImportError:  # kg without its cluster extra: only `--cluster` needs it
    Client = None  # type: ignore[assignment,misc]
    WorkerPlugin = object  # type: ignore[assignment,misc]

BATCH = 4  # articles per task: what a dead worker loses, and how often the builder hears back
IN_FLIGHT_PER_THREAD = 3  # batches queued per worker thread: workers never wait for the builder
CONNECT_TIMEOUT = 30.0  # seconds to reach the scheduler
WORKER_TIMEOUT = 120.0  # seconds to wait for a first worker to join a scheduler that has none
RETRIES = 2  # reruns of a batch that raised an error on a worker (a worker that dies is Dask's to retry)


class ClusterError(KgError):
    """The Dask cluster could not be reached, has no workers, or runs another kg."""


class _LoadPipeline(WorkerPlugin):
    """Loads the spaCy pipeline and kg's lexicons once in each worker process, before any article."""

    idempotent = True

    def __init__(self, model: str):
        self.model = model

    def setup(self, worker=None) -> None:
        from . import nlp as nlp_mod
        from .analysis import _warm_lexicons

        nlp_mod.load_nlp(self.model)
        _warm_lexicons()


_NLP_LOCK = threading.Lock()  # one spaCy pipeline per process; a worker with several threads takes turns


def _fingerprint(model: str) -> tuple[str, str]:
    from .cache import code_fingerprint, package_version

    return code_fingerprint(), package_version(model)


def analyse_batch(docs: list[Document], model: str) -> tuple[tuple[str, str], list[str]]:
    """On a worker: the JSON of each article's Extraction (without its text), and what made them."""
    from . import nlp as nlp_mod
    from .cache import to_json
    from .analysis import _extract_all

    with _NLP_LOCK:  # the same NLP and extraction as a build with --jobs 1, long articles in sections
        extractions = list(_extract_all(nlp_mod.load_nlp(model), docs, len(docs)))
    # The builder holds the texts: they need not travel back.
    return _fingerprint(model), [to_json(replace(ex, doc=replace(ex.doc, text=""))) for ex in extractions]


def connect(address: str):
    """A client of the scheduler at address, with at least one worker; ClusterError when there is none."""
    if Client is None:
        raise ClusterError("--cluster needs Dask: install kg with its cluster extra (pip install 'kg[cluster]')")
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as e:
        detail = " ".join(str(e).split()) or type(e).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {detail}") from None
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
    except TimeoutError:
        client.close()
        raise ClusterError(f"no Dask worker joined the scheduler at {address} within {WORKER_TIMEOUT:.0f} s; "
                           "start some with `dask worker " + address + "`") from None
    return client


def analyse(documents: Iterable[Document], address: str, *, model: str) -> Iterator[Extraction]:
    """Extractions of documents, in their order, analysed by the workers of the Dask cluster at address."""
    client = connect(address)
    window: deque = deque()
    try:
        client.register_plugin(_LoadPipeline(model), name=f"kg-load-pipeline-{model}")
        expected = _fingerprint(model)
        limit = max(2, IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
        batches = _batches(documents, BATCH)
        for n, batch in enumerate(batches):
            if n % 32 == 31:  # workers may have joined or left
                limit = max(2, IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
            window.append((batch, client.submit(analyse_batch, batch, model, pure=False, retries=RETRIES)))
            while len(window) >= limit:
                yield from _collect(*window.popleft(), expected, address)
        while window:
            yield from _collect(*window.popleft(), expected, address)
    finally:
        for _, future in window:  # an interrupted build leaves nothing running on the cluster
            future.cancel()
        client.close()


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _collect(batch: list[Document], future, expected: tuple[str, str], address: str) -> Iterator[Extraction]:
    """The Extractions of one finished batch, checked, with the builder's documents."""
    from .cache import from_json

    try:
        made_by, texts = future.result()
    except KilledWorker:
        raise ClusterError(f"Dask workers at {address} died again and again analysing "
                           f"{', '.join(d.source for d in batch)}; the articles analysed before are saved, "
                           "run the build again (with workers that have more memory)") from None
    except FutureCancelledError:
        raise ClusterError(f"lost the Dask scheduler at {address} during the build; the articles analysed "
                           "before are saved, run the build again") from None
    if made_by != expected:
        raise ClusterError(f"the Dask workers at {address} run another kg or spaCy pipeline than this build "
                           f"(extraction fingerprint {made_by[0][:12]}, pipeline {made_by[1]}; here "
                           f"{expected[0][:12]}, {expected[1]}): install the same kg on every worker")
    if len(texts) != len(batch):
        raise ClusterError(f"a Dask worker at {address} answered {len(texts)} articles for {len(batch)}")
    for doc, text in zip(batch, texts):
        try:
            ex = from_json(text)
        except ValueError as e:  # what kg.cache says of JSON that does not fit the records
            raise ClusterError(f"a Dask worker at {address} sent an unreadable extraction of {doc.source}: "
                               f"{e}") from None
        yield replace(ex, doc=doc)
