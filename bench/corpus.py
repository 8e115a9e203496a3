"""Benchmark corpora: MEANTIME news texts as article files, and larger corpora made by recombining them."""

from __future__ import annotations

import argparse
import random
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

MEANTIME = Path("/work/shared/data/meantime/intra_cross-doc_annotation")
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}'\u2019\"]|'s|n't)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def meantime_root() -> Path:
    """The MEANTIME folder: the shared copy, or a `shared/` beside the repository (as in CI)."""
    here = Path(__file__).resolve().parent.parent
    for cand in (MEANTIME, here.parent / "shared/data/meantime/intra_cross-doc_annotation"):
        if cand.is_dir():
            return cand
    raise SystemExit("MEANTIME corpus not found; expected it at " + str(MEANTIME))


def read_meantime(root: Path | None = None) -> list[tuple[str, list[str]]]:
    """(name, sentences) of every MEANTIME document, tokens joined back into text."""
    docs = []
    for path in sorted((root or meantime_root()).rglob("*.xml")):
        tree = ET.parse(path)
        sents: dict[int, list[str]] = {}
        for tok in tree.getroot().iter("token"):
            sents.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
        lines = []
        for _, toks in sorted(sents.items()):
            joined = " ".join(toks).replace("``", '"').replace("''", '"')
            text = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", joined))
            lines.append(text)
        docs.append((path.stem, lines))
    return docs


def write_meantime(out: Path) -> int:
    """One article file per MEANTIME document; the title line becomes the first paragraph."""
    out.mkdir(parents=True, exist_ok=True)
    docs = read_meantime()
    for name, lines in docs:
        body = lines[0] + "\n\n" + " ".join(lines[1:]) + "\n"
        (out / f"{name[:60]}.txt").write_text(body, encoding="utf-8")
    return len(docs)


def write_synthetic(out: Path, n: int, seed: int = 7) -> int:
    """n distinct articles, each a few runs of consecutive sentences from random MEANTIME documents."""
    out.mkdir(parents=True, exist_ok=True)
    docs = [lines[2:] for _, lines in read_meantime() if len(lines) > 6]
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    for i in range(n):
        paras = []
        for _ in range(rng.randint(1, 3)):
            lines = rng.choice(docs)
            a = rng.randrange(0, max(1, len(lines) - 3))
            paras.append(" ".join(lines[a:a + rng.randint(1, 3)]))
        when = start + timedelta(days=i % 2000)
        (out / f"article-{i:05d}.txt").write_text(f"date {when.isoformat()}\n\n" + "\n\n".join(paras) + "\n",
                                                 encoding="utf-8")
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--synthetic", type=int, default=0, help="write this many recombined articles instead")
    args = ap.parse_args()
    n = write_synthetic(args.out, args.synthetic) if args.synthetic else write_meantime(args.out)
    print(f"{n} articles in {args.out}")


if __name__ == "__main__":
    main()
