"""Build speed against spaCy's own nlp.pipe on the same texts, --jobs scaling, and an unchanged rebuild.

Every figure comes from a fresh interpreter with the spaCy pipeline already loaded, so model loading is
left out of both sides; kg's side includes everything else: reading files, NLP, extraction, resolution,
the RDF graph, the Oxigraph store, graph.ttl and graph.html.

    python bench/speed.py [CORPUS_DIR] [--json results.json]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import KG, child_json, machine, report, run_measured  # noqa: E402

# CPU time of the process and of its finished children (the worker processes of --jobs / n_process)
CPU = """
import resource
def cpu_time():
    return sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime"))
"""

RAW = CPU + """
import json, sys, time
from kg.nlp import load_nlp
from kg.pipeline import read_documents
jobs = int(sys.argv[2])
docs = read_documents([sys.argv[1]], None, [])
texts = [d.text for d in docs]
nlp = load_nlp()
start, cpu = time.perf_counter(), cpu_time()
n = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16, n_process=jobs))
print(json.dumps({"seconds": time.perf_counter() - start, "cpu_seconds": cpu_time() - cpu, "articles": len(texts),
                  "tokens": n}))
"""

KG_BUILD = CPU + """
import json, sys, time
from kg.nlp import load_nlp
from kg.pipeline import build
load_nlp()
start, cpu = time.perf_counter(), cpu_time()
r = build([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]))
first, first_cpu = time.perf_counter() - start, cpu_time() - cpu
start, cpu = time.perf_counter(), cpu_time()
again = build([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]))
print(json.dumps({"seconds": first, "cpu_seconds": first_cpu, "rebuild_seconds": time.perf_counter() - start,
                  "rebuild_cpu_seconds": cpu_time() - cpu, "articles": r.analysed,
                  "rebuild_analysed": again.analysed, "triples": len(r.graph)}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, help="folder of articles (default: the MEANTIME texts)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        corpus = args.corpus
        if corpus is None:
            from corpus import write_meantime

            corpus = work / "corpus"
            write_meantime(corpus)
        out: dict[str, object] = {"machine": machine(), "corpus": str(args.corpus or "MEANTIME (120 articles)")}
        out["spacy_pipe_jobs1"] = child_json(RAW, str(corpus), "1")
        out["kg_build_jobs1"] = child_json(KG_BUILD, str(corpus), str(work / "out1"), "1")
        out["spacy_pipe_jobs2"] = child_json(RAW, str(corpus), "2")
        out["kg_build_jobs2"] = child_json(KG_BUILD, str(corpus), str(work / "out2"), "2")
        # the whole command as a user runs it, model loading included
        shutil.rmtree(work / "out3", ignore_errors=True)
        out["cli_first"] = run_measured([*KG, "build", str(corpus), "--out", str(work / "out3")])
        out["cli_rebuild"] = run_measured([*KG, "build", str(corpus), "--out", str(work / "out3")])
        for key in ("cli_first", "cli_rebuild"):
            out[key].pop("stdout"), out[key].pop("stderr")
        out["machine_after"] = {"load_average": machine()["load_average"]}
        raw1, kg1 = out["spacy_pipe_jobs1"]["seconds"], out["kg_build_jobs1"]["seconds"]
        kg2 = out["kg_build_jobs2"]["seconds"]
        out["speed_ratio_jobs1"] = round(raw1 / kg1, 3)  # >= 0.6: kg costs at most 40% over spaCy
        out["speed_ratio_jobs1_cpu"] = round(out["spacy_pipe_jobs1"]["cpu_seconds"] / out["kg_build_jobs1"]["cpu_seconds"], 3)
        out["jobs2_speedup"] = round(kg1 / kg2, 3)
        out["rebuild_fraction"] = round(out["kg_build_jobs1"]["rebuild_seconds"] / kg1, 4)
        out["cli_rebuild_fraction"] = round(out["cli_rebuild"]["seconds"] / out["cli_first"]["seconds"], 4)
        report(out, args.json)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
