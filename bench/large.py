"""A large generated corpus built in one `kg build`: total time, peak memory (kg and its workers, sampled from
`/proc`), the time of each successive step of articles analysed (10,000 by default), and the time and memory
of the stages that follow the analysis (resolution and the graph, then the files and the store).

    python bench/large.py [--articles 100000] [--step 10000] [--jobs 2] [--keep DIR] [--json results.json]
                          [--log steps.jsonl] [--analyse-only | --resume]

The articles are those of `corpus.py --synthetic` (runs of MEANTIME sentences), written to a temporary
folder (or `--keep DIR`/corpus) before the clock starts. The build runs in a fresh interpreter, with the
default time limit per article, as `kg build CORPUS --out OUT --jobs N` does.

--log appends each step and stage to a file as it ends (with the builder's peak memory so far), so that a
run that is stopped still leaves its figures. A run too long for one sitting can be split in two with
--keep: --analyse-only stops once every article is analysed (each is in the folder's extraction cache),
and --resume keeps the corpus and that cache and builds again, so that it measures the stages after the
analysis (reading the cache, resolution, events, parts, the store and its index).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import PYTHON, ROOT, claim_work_folder, machine, output_sizes, remove_work_folder, report, run_measured  # noqa: E402


RUN = """
import json, os, sys, time
from pathlib import Path
from kg import pipeline
from kg.nlp import load_nlp

def rss_mb(field="VmRSS:"):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return round(int(line.split()[1]) / 1024)
    return 0

def log(entry):
    if log_path:
        entry = {**entry, "builder_peak_mb": rss_mb("VmHWM:"), "load_average": [round(x, 2) for x in os.getloadavg()],
                 "utc": time.strftime("%H:%M:%S", time.gmtime())}
        with open(log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\\n")

corpus, out, jobs, step = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
log_path, analyse_only = sys.argv[5], sys.argv[6] == "1"
load_nlp()
start = time.perf_counter()
steps, stages = [], []
last = [start]
log({"event": "start"})

class Analysed(Exception):
    pass

def progress(done, total):
    if done and (done % step == 0 or done == total):
        now = time.perf_counter()
        steps.append({"analysed": done, "seconds": round(now - last[0], 2), "since_start": round(now - start, 2),
                      "builder_rss_mb": rss_mb()})
        log(steps[-1])
        last[0] = now

def timed(name, fn):
    def run(*a, **kw):
        t = time.perf_counter()
        res = fn(*a, **kw)
        stages.append({"stage": name, "seconds": round(time.perf_counter() - t, 2), "builder_rss_mb": rss_mb()})
        log(stages[-1])
        return res
    return run

def stop(*a, **kw):
    raise Analysed

pipeline.resolve = stop if analyse_only else timed("resolution of entities", pipeline.resolve)
pipeline._write_outputs = timed("events, graph, files and store", pipeline._write_outputs)
try:
    result = pipeline.build([corpus], out, jobs=jobs, progress=progress, article_timeout=60.0)
except Analysed:
    print(json.dumps({"seconds": round(time.perf_counter() - start, 2), "steps": steps, "stages": [],
                      "analysed_only": True, "builder_rss_end_mb": rss_mb()}))
    sys.exit(0)
log({"event": "end", "seconds": round(time.perf_counter() - start, 2)})
counts = result.counts()
print(json.dumps({"seconds": round(time.perf_counter() - start, 2), "steps": steps, "stages": stages,
                  "triples": counts["triples"], "entities": counts["entities"], "articles": counts["articles"],
                  "problems": counts["problems"], "builder_rss_end_mb": rss_mb()}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--step", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--keep", type=Path, help="write the corpus and the build here and keep them")
    ap.add_argument("--log", type=Path, help="append each step and stage to this file as it ends (JSON lines)")
    how = ap.add_mutually_exclusive_group()
    how.add_argument("--analyse-only", action="store_true", help="stop once every article is analysed (with --keep)")
    how.add_argument("--resume", action="store_true",
                     help="keep the corpus and the extraction cache of --keep DIR and build the rest")
    args = ap.parse_args()
    if (args.analyse_only or args.resume) and not args.keep:
        ap.error("--analyse-only and --resume need --keep DIR")
    from corpus import write_synthetic

    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-large-"))
    claim_work_folder(work)  # stops when --keep names a folder that holds anything a benchmark did not write
    try:
        corpus, out = work / "corpus", work / "out"
        if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != args.articles:
            shutil.rmtree(corpus, ignore_errors=True)
            write_synthetic(corpus, args.articles)
        if args.resume and out.is_dir():  # everything but the extraction cache
            for path in out.iterdir():
                if not path.name.startswith("extractions.sqlite"):
                    shutil.rmtree(path) if path.is_dir() else path.unlink()
        else:
            shutil.rmtree(out, ignore_errors=True)
        result: dict[str, object] = {"machine": machine(), "articles": args.articles, "step": args.step,
                                     "jobs": args.jobs, "analyse_only": args.analyse_only, "resume": args.resume,
                                     "command": f"kg build CORPUS --out OUT --jobs {args.jobs} (in process, timed)"}
        res = run_measured([PYTHON, "-c", RUN, str(corpus), str(out), str(args.jobs), str(args.step),
                            str(args.log.resolve()) if args.log else "", "1" if args.analyse_only else "0"],
                           pss=True, cwd=ROOT)
        if res["status"] != 0:
            raise SystemExit(f"the build failed:\n{res['stderr']}")
        result.update(json.loads(res["stdout"].strip().splitlines()[-1]))
        result["wall_seconds_with_model_load"] = res["seconds"]
        result["peak_rss_mb"], result["peak_tree_rss_mb"] = res["peak_rss_mb"], res["peak_tree_rss_mb"]
        result["peak_tree_pss_mb"] = res["peak_tree_pss_mb"]
        if not args.analyse_only:
            result.update(output_sizes(out))
        result["machine_after"] = {"load_average": machine()["load_average"]}
        report(result, args.json)
    finally:
        if not args.keep:
            remove_work_folder(work)


if __name__ == "__main__":
    main()
