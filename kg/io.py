"""All file access: finding and decoding articles, and writing outputs atomically."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import InputError
from .records import Document

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_ARTICLE_BYTES = 50 * 1024 * 1024
_DATE_HEADER = re.compile(r"\A\ufeff?[ \t\r\n]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*(?:\r?\n)?", re.I)


@dataclass(frozen=True)
class Problem:
    """A file that could not be used, and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def find_articles(inputs: list[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into article paths (sorted, each once) and problems found."""
    found: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            problems.append(Problem(str(path), "no such file or folder"))
            continue
        if path.is_dir():
            files = sorted(_walk(path, problems))
            if not files:
                problems.append(Problem(str(path), "folder holds no articles (*.txt, *.md)"))
        else:
            files = [path]
        for f in files:
            real = f.resolve()
            if real not in seen:
                seen.add(real)
                found.append(f)
    return found, problems


def _walk(folder: Path, problems: list[Problem]) -> Iterator[Path]:
    visited: set[Path] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        real = Path(root).resolve()
        if real in visited:  # a link loop
            problems.append(Problem(root, "folder link loop; skipped"))
            dirs[:] = []
            continue
        visited.add(real)
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                yield Path(root) / name


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Bytes to text: UTF-8 first, then a detected encoding. Raises InputError for binary data."""
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if data.startswith(b"%PDF"):
        raise InputError(f"{path}: looks like a PDF, not text; convert it to text first")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{path}: not text in any known encoding")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise InputError(f"{path}: binary file, not text")
    return text, best.encoding


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return bad / max(1, len(sample))


def split_date_header(text: str) -> tuple[date | None, str, int]:
    """Take a leading `date YYYY-MM-DD` off the text: (date, rest, characters removed)."""
    m = _DATE_HEADER.match(text)
    if not m:
        return None, text, 0
    try:
        when = date.fromisoformat(m.group(1))
    except ValueError:
        return None, text, 0
    return when, text[m.end():], m.end()


def slugify(text: str, fallback: str = "item") -> str:
    """A readable, IRI-safe slug: lower-case ASCII letters, digits and hyphens."""
    import unicodedata

    norm = unicodedata.normalize("NFKD", text)
    ascii_text = norm.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:80].strip("-")
    if not slug:
        slug = fallback + "-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return slug


def read_article(path: Path, default_date: date | None = None) -> Document:
    """Read and decode one article file. Raises InputError with the file named."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise InputError(f"{name}: file is {size // (1024 * 1024)} MB, over the {MAX_ARTICLE_BYTES // (1024 * 1024)} MB limit")
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from None
    text, encoding = decode(data, name)
    when, body, offset = split_date_header(text)
    if not body.strip():
        raise InputError(f"{name}: no text after the date line")
    return Document(
        text=body,
        source=name,
        doc_id=slugify(path.stem, "article"),
        date=when or default_date,
        offset=offset,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
    )


@contextmanager
def atomic_path(target: str | Path, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path beside target; move it into place only if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix or ".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_path, 0o666 & ~umask)
    try:
        yield tmp_path
        with open(tmp_path, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text_atomic(target: str | Path, text: str) -> None:
    """Write text to target so that readers see either the old file or the whole new one."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes_atomic(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
