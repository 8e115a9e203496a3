"""Work in worker processes that a time limit can stop: a worker past the limit is killed and replaced."""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

T = TypeVar("T")
Work = Callable[[Any, Callable[[], None]], Any]


@dataclass
class Outcome:
    """What became of one item: its result, or why there is none (the time limit, a worker that died)."""

    item: Any
    result: Any = None
    problem: str | None = None


def _serve(conn: Connection, work: Work, init: Callable[[], None] | None) -> None:
    """A worker: run work(item, beat) on each item received, send the result back; None ends it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    if init:
        init()
    while True:
        task = conn.recv()
        if task is None:
            return
        index, item = task
        try:
            result = work(item, lambda: conn.send(("beat", index, None)))
        except Exception as e:  # the parent raises it again, as a pool would
            conn.send(("error", index, e))
            continue
        conn.send(("done", index, result))


class _Worker:
    def __init__(self, ctx, work: Work, init: Callable[[], None] | None) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, work, init), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, Any] | None = None
        self.deadline = float("inf")

    def give(self, index: int, item: Any, timeout: float | None) -> None:
        self.task = (index, item)
        self.deadline = time.monotonic() + timeout if timeout else float("inf")
        self.conn.send((index, item))

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def run_limited(work: Work, items: Iterable[T], *, jobs: int = 1, timeout: float | None = None,
                init: Callable[[], None] | None = None) -> Iterator[Outcome]:
    """Run work(item, beat) on each item in `jobs` processes; yield an Outcome per item, in the items' order.

    An item whose work runs longer than `timeout` seconds since it started (or since it last called beat(),
    for work done in steps) has its worker killed and gets an Outcome with a problem; a new worker takes
    its place. An exception raised by work is raised here. Workers are forked where the system can, so they
    share what the parent has already loaded.
    """
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    pending = enumerate(items)
    workers = [_Worker(ctx, work, init) for _ in range(max(1, jobs))]
    done: dict[int, Outcome] = {}
    next_out = 0
    exhausted = False
    try:
        while True:
            for w in workers:
                if w.task is None and not exhausted:
                    nxt = next(pending, None)
                    if nxt is None:
                        exhausted = True
                    else:
                        w.give(nxt[0], nxt[1], timeout)
            busy = [w for w in workers if w.task is not None]
            if not busy:
                break
            wait_for = min(w.deadline for w in busy) - time.monotonic()
            ready = set(wait([w.conn for w in busy], timeout=None if wait_for == float("inf") else max(0, wait_for)))
            for i, w in enumerate(workers):
                if w.task is None:
                    continue
                index, item = w.task
                problem = None
                if w.conn in ready:
                    try:
                        kind, _, value = w.conn.recv()
                    except (EOFError, OSError):
                        kind, value = "died", None
                    if kind == "beat":
                        w.deadline = time.monotonic() + timeout if timeout else float("inf")
                        continue
                    if kind == "error":
                        raise value
                    if kind == "done":
                        done[index] = Outcome(item, value)
                        w.task = None
                        continue
                    problem = "the analysis stopped: its process ended unexpectedly (out of memory?); not read"
                elif time.monotonic() >= w.deadline:
                    problem = f"analysis took longer than {timeout:g} s; not read (a longer --article-timeout allows it)"
                if problem:
                    w.stop()
                    done[index] = Outcome(item, None, problem)
                    workers[i] = _Worker(ctx, work, init)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for w in workers:
            if w.task is None and w.process.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        for w in workers:
            w.process.join(timeout=1 if w.task is None else 0)
            w.stop()
