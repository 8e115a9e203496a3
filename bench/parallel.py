"""What parallel analysis gives: the same build with --jobs 1, --jobs 2 and --cluster (a LocalCluster of two
single-threaded worker processes on loopback), in turn, each in a fresh interpreter with the model loaded
(and, for the cluster, its workers started and their pipeline loaded) before the clock starts; the ratios
are those of the medians over the rounds, all taken in the one run, with the spread of the rounds.

    python bench/parallel.py CORPUS [--rounds 3] [--modes jobs1,jobs2,cluster2] [--json results.json]

Wall times depend on what else the machine runs. What does not, nearly: the CPU time of each part of a build,
which every run also reports (`stages`): the builder's own CPU seconds before the workers get their first
articles (reading, hashing, the cache, warming the model), while they work (receiving, saving) and after the
last article (resolution, graph, files, store); each worker's CPU seconds, and how long it waited for work
(`wait_first`, `wait_between`, `wait_last`: for its first batch, between batches, and for the end after its
last) or for the builder to take its results (`wait_send`); and, where a parallel build makes the texts of
graph.ttl and graph.html in a forked process while it writes the store (`outputs_aside`), the builder's CPU
seconds from that fork to its end and the forked process's. From these and the CPU time of the `--jobs 1`
build, `predicted` gives the wall time two idle cores would take, the ratio it makes and the serial share s
of Amdahl's law that ratio stands for (ratio = 1 / (s + (1 - s) / 2)):

    T2 = builder before + max(busiest worker, (workers + builder during) / 2) + builder after
         + max(0, forked process - builder from the fork to its end)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import child_json, machine, report  # noqa: E402
from speed import CPU  # noqa: E402

MODES = ("jobs1", "jobs2", "cluster2")

# Timers around the stages of a build (the builder's own CPU time: time.process_time()) and, for --jobs, in
# each forked worker (kg.workers._serve wrapped: its CPU time and its waits, written to a file as it ends).
STAGES = """
import os, tempfile, time
from kg import analysis, pipeline, workers
stages, STATS = {}, tempfile.mkdtemp(prefix="kg-bench-workers-")

def clock():
    return time.perf_counter(), time.process_time()

def timed(name, fn):
    def run(*a, **k):
        w, c = clock()
        try:
            return fn(*a, **k)
        finally:
            w2, c2 = clock()
            s = stages.setdefault(name, {"wall": 0.0, "cpu": 0.0})
            s["wall"] += w2 - w
            s["cpu"] += c2 - c
    return run

def phase(fn):
    # the workers' phase of a --jobs build: from the first batch given to the last result taken
    def run(*a, **k):
        w, c = clock()
        stages["phase_start"] = {"wall": w, "cpu": c}
        blocked = [0.0]
        real_wait = workers.wait
        def wait(*wa, **wk):
            t = time.perf_counter()
            try:
                return real_wait(*wa, **wk)
            finally:
                blocked[0] += time.perf_counter() - t
        workers.wait = wait
        try:
            yield from fn(*a, **k)
        finally:
            workers.wait = real_wait
            w2, c2 = clock()
            stages["phase_end"] = {"wall": w2, "cpu": c2}
            stages["builder_waiting"] = blocked[0]
    return run

def serve(conn, work, init):
    t0 = time.perf_counter()
    st = {"wait_first": 0.0, "wait_between": 0.0, "wait_last": 0.0, "wait_send": 0.0, "batches": 0, "results": 0}

    class Timed:
        def recv(self):
            t = time.perf_counter()
            task = conn.recv()
            key = "wait_first" if st["batches"] == 0 else "wait_last" if task is None else "wait_between"
            st[key] += time.perf_counter() - t
            st["batches"] += task is not None
            return task

        def send(self, message):
            t = time.perf_counter()
            conn.send(message)
            st["wait_send"] += time.perf_counter() - t
            st["results"] += message[0] == "done"

    try:
        real_serve(Timed(), work, init)
    finally:
        t = os.times()
        st.update(cpu=t.user + t.system, wall=time.perf_counter() - t0)
        with open(os.path.join(STATS, f"worker-{os.getpid()}.json"), "w") as f:
            json.dump(st, f)

def aside_timed(cls):
    # a parallel build makes the texts of graph.ttl and graph.html in a forked process while it writes the
    # store (kg.outputs._TextsAside): the builder's CPU from the fork to the join, and that process's CPU
    real_init, real_close = cls.__init__, cls.close

    def init(self, *a, **k):
        t = os.times()
        self._bench = (time.process_time(), t.children_user + t.children_system)
        real_init(self, *a, **k)

    def close(self):
        real_close(self)
        t, (c0, ch0) = os.times(), self._bench
        s = stages.setdefault("outputs_aside", {"builder": 0.0, "child": 0.0})
        s["builder"] += time.process_time() - c0
        s["child"] += t.children_user + t.children_system - ch0

    cls.__init__, cls.close = init, close

from kg import outputs
if hasattr(outputs, "_TextsAside"):
    aside_timed(outputs._TextsAside)
real_serve = workers._serve
workers._serve = serve
workers.run_limited = phase(workers.run_limited)
for name in ("read_documents", "_analyse_into", "_local_keys", "resolve", "cluster_events", "_write_outputs"):
    setattr(pipeline, name, timed(name, getattr(pipeline, name)))
analysis._warm_lexicons = timed("warm_lexicons", analysis._warm_lexicons)

def report_stages(start, end):
    out = {name: {k: round(v, 3) for k, v in s.items()} for name, s in stages.items()
           if name not in ("phase_start", "phase_end", "builder_waiting")}
    if "phase_start" in stages:
        ps, pe = stages["phase_start"], stages["phase_end"]
        out["builder_before"] = round(ps["cpu"] - start[1], 3)
        out["builder_during"] = round(pe["cpu"] - ps["cpu"], 3)
        out["builder_after"] = round(end[1] - pe["cpu"], 3)
        out["phase_wall"] = round(pe["wall"] - ps["wall"], 3)
        out["builder_waiting"] = round(stages["builder_waiting"], 3)
    found = []
    for name in sorted(os.listdir(STATS)):
        with open(os.path.join(STATS, name)) as f:
            found.append({k: round(v, 3) for k, v in json.load(f).items()})
        os.remove(os.path.join(STATS, name))
    os.rmdir(STATS)
    out["workers"] = found
    return out
"""

RUN = CPU + STAGES + """
import json, os, sys, time
from kg.nlp import DEFAULT_MODEL, load_nlp
mode, address = sys.argv[3], None
if mode.startswith("cluster"):
    from distributed import Client, LocalCluster
    from kg.cluster import _LoadPipeline
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    client = Client(cluster)
    client.wait_for_workers(2)
    client.register_plugin(_LoadPipeline(DEFAULT_MODEL), name=f"kg-load-pipeline-{DEFAULT_MODEL}")
    address = cluster.scheduler_address
else:
    load_nlp()
load = [round(x, 2) for x in os.getloadavg()]
start, cpu = clock(), cpu_time()
pipeline.build([sys.argv[1]], sys.argv[2], jobs=2 if mode == "jobs2" else 1, cluster=address)
end = clock()
seconds, cpu_seconds = end[0] - start[0], cpu_time() - cpu
print(json.dumps({"mode": mode, "seconds": round(seconds, 3), "cpu_seconds": round(cpu_seconds, 3),
                  "cpu_seconds_builder": round(end[1] - start[1], 3), "load_average_before": load,
                  "load_average": [round(x, 2) for x in os.getloadavg()], "stages": report_stages(start, end)}))
"""


def predicted(jobs1_cpu: float, run: dict) -> dict[str, float] | None:
    """The wall time of a --jobs 2 run on two idle cores, from its CPU times, and the ratio and serial share."""
    st = run["stages"]
    if "builder_before" not in st or not st["workers"]:
        return None
    cpus = [w["cpu"] for w in st["workers"]]
    middle = max(max(cpus), (sum(cpus) + st["builder_during"]) / 2)
    after = st["builder_after"]
    aside = st.get("outputs_aside")
    if aside:  # the files' texts made beside the store: the longer of the two, each on a core
        after += max(0.0, aside["child"] - aside["builder"])
    t2 = st["builder_before"] + middle + after
    ratio = jobs1_cpu / t2
    return {"seconds": round(t2, 3), "ratio": round(ratio, 3), "serial_share": round(2 / ratio - 1, 3),
            "workers_cpu": round(sum(cpus), 3), "imbalance": round(max(cpus) - min(cpus), 3)}


def spread(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3), "max": round(max(values), 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--modes", default="jobs1,jobs2,cluster2",
                    help="comma-separated, of " + ", ".join(MODES) + " (cluster is cluster2)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    modes = ["cluster2" if m == "cluster" else m for m in args.modes.split(",")]
    if bad := [m for m in modes if m not in MODES]:
        ap.error(f"unknown mode {bad[0]!r}: choose from {', '.join(MODES)}")
    if not args.corpus.exists():
        ap.error(f"no corpus at {args.corpus} (make one with bench/corpus.py {args.corpus} --synthetic 1000)")
    out: dict[str, object] = {"machine": machine(), "corpus": str(args.corpus), "runs": []}
    runs: list[dict] = out["runs"]
    with tempfile.TemporaryDirectory(prefix="kg-bench-parallel-") as work:
        for i in range(args.rounds):
            for mode in modes:
                res = child_json(RUN, str(args.corpus), f"{work}/out-{i}-{mode}", mode)
                res["round"] = i + 1
                runs.append(res)
                print(json.dumps(res), file=sys.stderr, flush=True)
    by_mode = {m: [r for r in runs if r["mode"] == m] for m in modes}
    out["seconds"] = {m: spread([r["seconds"] for r in rs]) for m, rs in by_mode.items()}
    out["cpu_seconds"] = {m: spread([r["cpu_seconds"] for r in rs]) for m, rs in by_mode.items()}
    if "jobs1" in by_mode:
        base = statistics.median(r["seconds"] for r in by_mode["jobs1"])
        out["speedup_of_median"] = {m: round(base / out["seconds"][m]["median"], 3) for m in modes if m != "jobs1"}
        out["speedup_per_round"] = {m: [round(a["seconds"] / b["seconds"], 3) for a, b in zip(by_mode["jobs1"], rs)]
                                    for m, rs in by_mode.items() if m != "jobs1"}
        if "jobs2" in by_mode:
            # each --jobs 2 run against the --jobs 1 run of its round, from CPU times alone
            pred = [predicted(a["cpu_seconds"], b) for a, b in zip(by_mode["jobs1"], by_mode["jobs2"])]
            out["jobs2_predicted_on_idle_cores"] = {
                k: spread([p[k] for p in pred if p]) for k in ("seconds", "ratio", "serial_share", "imbalance")}
    out["machine_after"] = {"load_average": machine()["load_average"]}
    report(out, args.json)


if __name__ == "__main__":
    main()
