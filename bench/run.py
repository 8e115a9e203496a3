"""All benchmarks, one after the other; each writes its figures to bench/results/NAME.json.

    python bench/run.py [speed] [memory] [sparql]      (default: all three; `make bench` runs this)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = {
    "speed": ["speed.py"],
    "memory": ["memory.py", "--articles", "10000", "--jobs", "2"],
    "sparql": ["sparql.py", "--triples", "1000000"],
}


def main() -> None:
    names = sys.argv[1:] or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        raise SystemExit(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHES)}")
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    for name in names:
        script, *args = BENCHES[name]
        print(f"== {name}", flush=True)
        subprocess.run([sys.executable, str(HERE / script), *args, "--json", str(results / f"{name}.json")],
                       check=True)


if __name__ == "__main__":
    main()
