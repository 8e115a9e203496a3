"""What parallel analysis gives: the same build with --jobs 1, --jobs 2 and --cluster (a LocalCluster of two
single-threaded worker processes on loopback), in turn, each in a fresh interpreter with the model loaded
(and, for the cluster, its workers started and their pipeline loaded) before the clock starts; the ratios
are those of the medians over the rounds, all taken in the one run.

    python bench/parallel.py CORPUS [--rounds 3] [--modes jobs1,jobs2,cluster] [--json results.json]
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

RUN = CPU + """
import json, os, sys, time
from kg.nlp import DEFAULT_MODEL, load_nlp
from kg.pipeline import build
mode, address = sys.argv[3], None
if mode == "cluster":
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
start, cpu = time.perf_counter(), cpu_time()
build([sys.argv[1]], sys.argv[2], jobs=2 if mode == "jobs2" else 1, cluster=address)
seconds, cpu_seconds = time.perf_counter() - start, cpu_time() - cpu
print(json.dumps({"mode": mode, "seconds": seconds, "cpu_seconds_builder": cpu_seconds,
                  "load_average": [round(x, 2) for x in os.getloadavg()]}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--modes", default="jobs1,jobs2,cluster")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    modes = args.modes.split(",")
    out: dict[str, object] = {"machine": machine(), "corpus": str(args.corpus), "runs": []}
    with tempfile.TemporaryDirectory(prefix="kg-bench-parallel-") as work:
        for i in range(args.rounds):
            for mode in modes:
                res = child_json(RUN, str(args.corpus), f"{work}/out-{i}-{mode}", mode)
                res["round"] = i + 1
                out["runs"].append(res)
                print(json.dumps(res), file=sys.stderr, flush=True)
    median = {m: statistics.median(r["seconds"] for r in out["runs"] if r["mode"] == m) for m in modes}
    out["median_seconds"] = median
    if "jobs1" in median:
        out["speedup_of_median"] = {m: round(median["jobs1"] / median[m], 3) for m in modes if m != "jobs1"}
        out["speedup_per_round"] = {
            m: [round(a["seconds"] / b["seconds"], 3) for a, b in zip(
                (r for r in out["runs"] if r["mode"] == "jobs1"), (r for r in out["runs"] if r["mode"] == m))]
            for m in modes if m != "jobs1"}
    out["machine_after"] = {"load_average": machine()["load_average"]}
    report(out, args.json)


if __name__ == "__main__":
    main()
