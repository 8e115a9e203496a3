"""Work in worker processes that a time limit can stop: a worker past the limit is killed and replaced.

Items go to the workers in batches (work on several at once is cheaper: spaCy runs a batch through each
of its components together), and each item's result comes back as soon as it is ready. The time limit
stays one item's: the clock restarts at every result (and every beat), so a batch has as long for each
item as one item alone. When a batch runs past it, only its items not yet done are in question: one alone
is the item past the limit; several are given out again one by one, so that the item to blame is found
and the others are read.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

T = TypeVar("T")
# work(items, beat) yields one result per item, in order; beat() says "still working" (for work in steps)
Work = Callable[[list, Callable[[], None]], Iterator[Any]]


@dataclass
class Outcome:
    """What became of one item: its result, or why there is none (the time limit, a worker that died)."""

    item: Any
    result: Any = None
    problem: str | None = None


def _serve(conn: Connection, work: Work, init: Callable[[], None] | None) -> None:
    """A worker: run work on each batch received and send each item's result as it comes; None ends it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    if init:
        init()
    while True:
        task = conn.recv()
        if task is None:
            return
        indices, items = task
        done = 0
        try:
            for result in work(items, lambda: conn.send(("beat", None, None))):
                conn.send(("done", indices[done], result))
                done += 1
        except Exception as e:  # the parent raises it again, as a pool would
            conn.send(("error", indices[min(done, len(indices) - 1)], e))


class _Worker:
    def __init__(self, ctx, work: Work, init: Callable[[], None] | None) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, work, init), daemon=True)
        self.process.start()
        child.close()
        self.task: deque[tuple[int, Any]] = deque()  # the items of its batch not yet done
        self.deadline = float("inf")
        self.timeout: float | None = None

    def give(self, batch: list[tuple[int, Any]], timeout: float | None) -> None:
        self.task = deque(batch)
        self.timeout = timeout
        self.restart_clock()
        self.conn.send(([i for i, _ in batch], [item for _, item in batch]))

    def restart_clock(self) -> None:
        self.deadline = time.monotonic() + self.timeout if self.timeout else float("inf")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def run_limited(work: Work, items: Iterable[T], *, jobs: int = 1, timeout: float | None = None,
                init: Callable[[], None] | None = None, batch: int = 1,
                size: Callable[[T], int] | None = None, max_size: int = 0) -> Iterator[Outcome]:
    """Run work over the items in `jobs` processes, `batch` items at a time; yield an Outcome per item, in the
    items' order.

    With size and max_size, a batch also stops before the item that would take its total size past
    max_size (an item larger than that goes alone). An item whose work runs longer than `timeout` seconds
    since the result before it (or since the last beat(), for work done in steps) has its worker killed and
    gets an Outcome with a problem; a new worker takes its place (see the module's note on batches). An
    exception raised by work is raised here. Workers are forked where the system can, so they share what
    the parent has already loaded.
    """
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    pending = enumerate(items)
    again: deque[tuple[int, Any]] = deque()  # items of a cut batch, given out one at a time
    held: list[tuple[int, Any]] = []  # an item read from `pending` that did not fit the last batch
    workers = [_Worker(ctx, work, init) for _ in range(max(1, jobs))]
    done: dict[int, Outcome] = {}
    next_out = 0
    exhausted = False

    def next_batch() -> list[tuple[int, Any]]:
        nonlocal exhausted
        if again:
            return [again.popleft()]
        out, total = held[:], sum(size(x) for _, x in held) if size else 0
        held.clear()
        while len(out) < max(1, batch) and not exhausted:
            nxt = next(pending, None)
            if nxt is None:
                exhausted = True
                break
            cost = size(nxt[1]) if size else 0
            if out and max_size and total + cost > max_size:
                held.append(nxt)
                break
            out.append(nxt)
            total += cost
        return out

    def feed(w: _Worker) -> None:
        nxt = next_batch()
        if nxt:
            w.give(nxt, timeout)

    try:
        while True:
            for w in workers:
                if not w.task:
                    feed(w)
            busy = [w for w in workers if w.task]
            if not busy:
                break
            wait_for = min(w.deadline for w in busy) - time.monotonic()
            ready = set(wait([w.conn for w in busy], timeout=None if wait_for == float("inf") else max(0, wait_for)))
            for i, w in enumerate(workers):
                if not w.task:
                    continue
                problem = None
                if w.conn in ready:
                    try:
                        kind, index, value = w.conn.recv()
                    except (EOFError, OSError):
                        kind, value = "died", None
                    if kind == "beat":
                        w.restart_clock()
                        continue
                    if kind == "error":
                        raise value
                    if kind == "done":
                        index, item = w.task.popleft()
                        done[index] = Outcome(item, value)
                        w.restart_clock()
                        if not w.task:
                            feed(w)  # at once, before the results are handed on: the worker never waits
                        continue
                    problem = "the analysis stopped: its process ended unexpectedly (out of memory?); not read"
                elif time.monotonic() >= w.deadline:
                    problem = f"analysis took longer than {timeout:g} s; not read (a longer --article-timeout allows it)"
                if problem:
                    w.stop()
                    if len(w.task) == 1:
                        index, item = w.task[0]
                        done[index] = Outcome(item, None, problem)
                    else:  # which of them is to blame is found by giving them out one by one
                        again.extendleft(reversed(w.task))
                    w.task = deque()
                    workers[i] = _Worker(ctx, work, init)
                    feed(workers[i])
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for w in workers:
            if not w.task and w.process.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        for w in workers:
            w.process.join(timeout=1 if not w.task else 0)
            w.stop()
