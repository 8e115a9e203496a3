"""Batches of work in worker processes: results in order, the time limit still one item's."""

from __future__ import annotations

import os
import time

from kg.workers import run_limited

STALL = 13


def _double(items, beat):
    for x in items:
        if x == STALL:
            time.sleep(300)
        yield (x * 2, len(items), os.getpid())


def test_batches_give_every_result_in_order():
    items = [x for x in range(20) if x != STALL]
    outcomes = list(run_limited(_double, items, jobs=2, batch=4))
    assert [o.item for o in outcomes] == items and not any(o.problem for o in outcomes)
    assert [o.result[0] for o in outcomes] == [2 * x for x in items]
    assert {o.result[1] for o in outcomes} == {4, 3}  # given out four at a time (19 = 4 * 4 + 3)
    assert len({o.result[2] for o in outcomes}) == 2  # by both workers


def test_a_batch_stops_before_the_item_that_makes_it_too_large():
    sizes = {0: 5, 1: 5, 2: 5, 3: 50, 4: 1}
    outcomes = list(run_limited(lambda items, beat: ((x, tuple(items)) for x in items), sizes, jobs=1, batch=8,
                                size=sizes.get, max_size=12))
    assert [o.result[1] for o in outcomes] == [(0, 1), (0, 1), (2,), (3,), (4,)]


def test_the_item_past_the_limit_is_found_in_its_batch_and_the_others_are_read():
    started = time.perf_counter()
    outcomes = list(run_limited(_double, range(10, 18), jobs=1, timeout=2, batch=8))
    assert time.perf_counter() - started < 30
    assert [o.item for o in outcomes] == list(range(10, 18))
    (stalled,) = [o for o in outcomes if o.problem]
    assert stalled.item == STALL and "longer than 2 s" in stalled.problem
    assert [o.result[0] for o in outcomes if not o.problem] == [2 * x for x in range(10, 18) if x != STALL]
    assert {o.result[1] for o in outcomes if o.item < STALL} == {8}  # read in the first batch
    assert {o.result[1] for o in outcomes if o.item > STALL} == {1}  # after the cut, one at a time


def test_beats_keep_long_work_alive():
    def steps(items, beat):
        for x in items:
            for _ in range(6):
                time.sleep(0.5)
                beat()
            yield x

    assert [o.result for o in run_limited(steps, [1, 2], jobs=1, timeout=1.5, batch=2)] == [1, 2]
