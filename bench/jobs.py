"""`--jobs` scaling alone: the same build with --jobs 1 and --jobs 2, alternated, each in a fresh
interpreter with the model loaded; wall and CPU time (kg and its workers) of every run.

    python bench/jobs.py CORPUS [--rounds 2] [--json results.json]
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
import json, sys, time
from kg.nlp import load_nlp
from kg.pipeline import build
load_nlp()
start, cpu = time.perf_counter(), cpu_time()
build([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]))
print(json.dumps({"jobs": int(sys.argv[3]), "seconds": time.perf_counter() - start, "cpu_seconds": cpu_time() - cpu}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    out: dict[str, object] = {"machine": machine(), "corpus": str(args.corpus), "runs": []}
    with tempfile.TemporaryDirectory(prefix="kg-bench-jobs-") as work:
        for i in range(args.rounds):
            for jobs in (1, 2):
                res = child_json(RUN, str(args.corpus), f"{work}/out-{i}-{jobs}", str(jobs))
                out["runs"].append(res)
                print(json.dumps(res), file=sys.stderr, flush=True)
    median = {j: statistics.median(r["seconds"] for r in out["runs"] if r["jobs"] == j) for j in (1, 2)}
    out["median_seconds"] = median
    out["jobs2_speedup"] = round(median[1] / median[2], 3)
    out["machine_after"] = {"load_average": machine()["load_average"]}
    report(out, args.json)


if __name__ == "__main__":
    main()
