"""Peak memory and time of `kg build` on a large generated corpus (10,000 articles by default), then of an
unchanged rebuild, measured from outside the process (RSS of kg and of its worker processes).

    python bench/memory.py [--articles 10000] [--jobs 2] [--json results.json]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import KG, claim_work_folder, empty_work_folder, machine, output_sizes, report, run_measured  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--keep", type=Path, help="build into this folder and keep it (default: a temporary one)")
    args = ap.parse_args()
    from corpus import write_synthetic

    work = Path(tempfile.mkdtemp(prefix="kg-bench-mem-"))
    try:
        corpus = work / "corpus"
        write_synthetic(corpus, args.articles)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))
        out_dir = args.keep or work / "out"
        if args.keep:
            claim_work_folder(args.keep)  # stops when it holds anything a benchmark did not write
            empty_work_folder(args.keep)
        else:
            shutil.rmtree(out_dir, ignore_errors=True)
        cmd = [*KG, "--debug", "build", str(corpus), "--out", str(out_dir), "--jobs", str(args.jobs)]
        result: dict[str, object] = {"machine": machine(), "articles": args.articles, "words": words,
                                     "command": " ".join(["kg", "build", "CORPUS", "--out", "OUT", "--jobs", str(args.jobs)])}
        for step in ("first", "rebuild"):
            res = run_measured(cmd)
            if res["status"] != 0:
                raise SystemExit(f"kg build failed:\n{res['stderr']}")
            m = re.search(r"triples: (\d+)", res["stdout"])
            res["triples"] = int(m.group(1)) if m else None
            res["summary"] = res.pop("stdout").strip().splitlines()[-1]
            res.pop("stderr")
            result[step] = res
        result.update(output_sizes(out_dir))
        result["machine_after"] = {"load_average": machine()["load_average"]}
        report(result, args.json)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
