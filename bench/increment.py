"""What adding a few articles to a large folder costs, against building the folder.

    python bench/increment.py --articles 10000 [--add 10] [--rounds 3] [--work DIR] [--json results.json]

Writes N + add generated articles (bench/corpus.py --synthetic), builds the first N into an output folder
with `kg build` (one run, timed), then, each round, copies that folder, adds the other `add` articles to the
corpus folder and runs `kg build` again into the copy (timed: the whole command, as a user runs it, NLP of
the new articles and the model's loading included), and takes them out again. Reports wall and CPU seconds
(user + system of the command and its children) of the full build and of each increment, the medians, and
the increment's share of the full build. The default `kg build` is what is measured: above 2,000 articles it
writes the store only (no graph.ttl, no graph.html).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import KG, ROOT, claim_work_folder, machine, remove_work_folder, report  # noqa: E402
from corpus import write_synthetic  # noqa: E402


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def kg_build(corpus: Path, out: Path) -> dict[str, object]:
    """One `kg build` in its own process: wall and CPU seconds, and its summary line."""
    import subprocess

    cpu, start = _cpu(), time.perf_counter()
    res = subprocess.run([*KG, "build", str(corpus), "--out", str(out), "--jobs", "1"], capture_output=True,
                         text=True, cwd=ROOT)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    if res.returncode != 0:
        raise SystemExit(f"kg build failed ({res.returncode}):\n{res.stderr[-3000:]}")
    summary = next((line for line in res.stdout.splitlines() if line.startswith("articles:")), "")
    store = next((line for line in res.stdout.splitlines() if line.startswith("store:")), "")
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "summary": summary, "store": store,
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--add", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-increment"),
                    help="a new or empty folder (or one an earlier run made): its contents are deleted at the end")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    claim_work_folder(args.work)  # stops when the folder holds anything a benchmark did not write
    for name in ("every", "corpus", "out-base"):
        shutil.rmtree(args.work / name, ignore_errors=True)
    every, corpus, base = args.work / "every", args.work / "corpus", args.work / "out-base"
    write_synthetic(every, args.articles + args.add)
    names = sorted(p.name for p in every.glob("*.txt"))
    corpus.mkdir(parents=True)
    for name in names[:args.articles]:
        os.link(every / name, corpus / name)
    result: dict[str, object] = {"machine": machine(), "articles": args.articles, "added": args.add}
    print(f"full build of {args.articles} articles ...", file=sys.stderr, flush=True)
    result["full"] = kg_build(corpus, base)
    print(result["full"], file=sys.stderr, flush=True)
    rounds = []
    for i in range(args.rounds):
        out = args.work / f"out-{i}"
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(base, out)
        added = [corpus / name for name in names[args.articles:]]
        for path in added:
            os.link(every / path.name, path)
        try:
            rounds.append(kg_build(corpus, out))
        finally:
            for path in added:
                path.unlink()
            shutil.rmtree(out, ignore_errors=True)
        print(rounds[-1], file=sys.stderr, flush=True)
    result["increments"] = rounds
    full = result["full"]
    for key in ("seconds", "cpu_seconds"):
        median = statistics.median(r[key] for r in rounds)
        result[f"increment_median_{key}"] = median
        result[f"increment_share_{key}"] = round(median / full[key], 4)
    result["machine_after"] = {"load_average": machine()["load_average"]}
    report(result, args.json)
    remove_work_folder(args.work)


if __name__ == "__main__":
    main()
