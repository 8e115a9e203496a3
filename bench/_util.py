"""Shared by the benchmarks: what machine this is, and the peak memory of a process tree."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# `kg` run by this interpreter, so that the kg on sys.path (PYTHONPATH, or a copy of the repository the
# benchmark runs in) is the one measured
KG = [sys.executable, "-c", "import sys; sys.argv[0] = 'kg'; from kg.cli import main; main()"]


def machine() -> dict[str, object]:
    """Processor, cores, memory, versions and the load average at the time of the run."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration):
        mem = 0
    import pyoxigraph
    import rdflib
    import spacy

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem / 1024 / 1024, 1),
            "python": platform.python_version(), "spacy": spacy.__version__, "rdflib": rdflib.__version__,
            "pyoxigraph": pyoxigraph.__version__, "load_average": [round(x, 2) for x in os.getloadavg()]}


def _tree_rss(pid: int) -> tuple[int, int]:
    """(RSS of pid, RSS of pid and all its descendants) in bytes, from /proc."""
    def rss(p: int) -> int:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def children(p: int) -> list[int]:
        out = []
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
        return out

    main, total, todo = rss(pid), 0, [pid]
    while todo:
        p = todo.pop()
        total += rss(p)
        todo += children(p)
    return main, total


def _tree_pss(pid: int) -> int:
    """Proportional set size of pid and its descendants, in bytes: pages that forked workers share with
    their parent count once (their resident sizes count them in every process)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return total


def run_measured(cmd: list[str], *, pss: bool = False, **kw) -> dict[str, object]:
    """Run cmd; its wall time, exit status and peak memory (main process, and with its workers; with pss, also
    the proportional set size of the tree, read once a second)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    peak = [0, 0, 0]

    def sample():
        tick = 0
        while proc.poll() is None:
            main, total = _tree_rss(proc.pid)
            peak[0], peak[1] = max(peak[0], main), max(peak[1], total)
            if pss and tick % 10 == 0:  # reading smaps costs more than the resident sizes
                peak[2] = max(peak[2], _tree_pss(proc.pid))
            tick += 1
            time.sleep(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    t.join()
    res = {"seconds": round(time.perf_counter() - start, 2), "status": proc.returncode, "stdout": out,
           "stderr": err[-2000:], "peak_rss_mb": round(peak[0] / 2**20), "peak_tree_rss_mb": round(peak[1] / 2**20)}
    if pss:
        res["peak_tree_pss_mb"] = round(peak[2] / 2**20)
    return res


def output_sizes(out_dir: Path) -> dict[str, float]:
    """Sizes in MB of what a build wrote: the store, the extraction cache, graph.ttl (None when the build
    wrote none: by default a build of more than pipeline.FILES_AUTO_MAX articles does not)."""
    ttl = out_dir / "graph.ttl"
    return {"store_mb": round(sum(f.stat().st_size for f in (out_dir / "store").rglob("*") if f.is_file()) / 2**20, 1),
            "cache_mb": round((out_dir / "extractions.sqlite").stat().st_size / 2**20, 1),
            "graph_ttl_mb": round(ttl.stat().st_size / 2**20, 1) if ttl.exists() else None}


MARK = ".kg-bench-work"  # the file a benchmark leaves in a working folder it made, so that it may empty it


def claim_work_folder(folder: Path) -> None:
    """Make folder a benchmark's working folder, or stop with a message: a folder that exists, is not empty
    and was not made by a benchmark (no MARK file) is never used, since the benchmark deletes what it holds."""
    if folder.exists() and not folder.is_dir():
        raise SystemExit(f"{folder}: not a folder; give --work (or --keep) a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARK).is_file():
        raise SystemExit(f"{folder}: the folder is not empty and was not made by a kg benchmark; give a new or "
                         "empty folder (the benchmark deletes what it writes there)")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARK).write_text("made by a kg benchmark: it may delete this folder's contents\n")


def remove_work_folder(folder: Path) -> None:
    """Delete a working folder that claim_work_folder made (never one without its MARK file)."""
    import shutil

    if (folder / MARK).is_file():
        shutil.rmtree(folder, ignore_errors=True)


def empty_work_folder(folder: Path) -> None:
    """Delete what a working folder that claim_work_folder made holds, keeping it and its MARK file."""
    import shutil

    if not (folder / MARK).is_file():
        return
    for path in folder.iterdir():
        if path.name != MARK:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()


def child_json(code: str, *args: str) -> dict:
    """Run a measurement in a fresh interpreter (nothing cached from another one); it prints one JSON line."""
    res = subprocess.run([PYTHON, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0:
        raise SystemExit(f"measurement failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def report(result: dict, path: Path | None) -> None:
    """Print a benchmark's figures as JSON, and keep them in path when one is given."""
    text = json.dumps(result, indent=2)
    print(text)
    if path:
        path.write_text(text + "\n")
