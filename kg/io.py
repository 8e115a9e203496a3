"""All file access: finding and decoding articles, and writing outputs atomically."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import InputError, KgError
from .records import Document

ARTICLE_SUFFIXES = (".txt", ".md")
# Files holding articles in another form, read by kg.sources (web pages, feeds, data files, web archives).
SOURCE_SUFFIXES = (".html", ".htm", ".xml", ".rss", ".atom", ".jsonl", ".csv", ".warc", ".warc.gz")
ARTICLE_PATTERNS = ", ".join(f"*{s}" for s in ARTICLE_SUFFIXES + SOURCE_SUFFIXES)  # as messages name them
MAX_ARTICLE_BYTES = 50 * 1024 * 1024
_DATE_HEADER = re.compile(r"\A\ufeff?[ \t\r\n]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*(?:\r?\n)?", re.I)
# Characters XML 1.0 and common RDF tools reject: C0 controls other than tab/newline/return,
# lone surrogates and the two non-characters U+FFFE/U+FFFF.
# Control characters a text file should not hold (form feeds are common and left out of notes).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_ILLEGAL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32", "utf-32"), (b"\xff\xfe", "utf-16", "utf-16"),
         (b"\xfe\xff", "utf-16", "utf-16"))
_SIGNATURES = ((b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (Word, OpenDocument, EPUB or similar)"),
               (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"), (b"{\\rtf", "an RTF document"),
               (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
               (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "a program"))


@dataclass(frozen=True)
class Problem:
    """A file that could not be used (kind "skipped"), or a remark about one that was (kind "note")."""

    path: str
    message: str
    kind: str = "skipped"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def display_path(path: str | Path) -> str:
    """A path as printable text: bytes that are not UTF-8 in a file name become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def clean_text(text: str) -> str:
    """Text safe for Turtle, XML and HTML: illegal characters become a space (so offsets hold)."""
    return _ILLEGAL_CHARS.sub(lambda m: "\ufffd" if m.group() > "\x7f" else " ", text)


def find_articles(inputs: list[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into article paths (sorted, each file once) and problems found."""
    found: dict[Path, Path] = {}
    problems: list[Problem] = []
    for raw in inputs:
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except OSError as e:
            problems.append(Problem(display_path(path), _stat_reason(path, e)))
            continue
        if stat.S_ISDIR(mode):
            files = list(_walk(path, problems))
            if not files:
                problems.append(Problem(display_path(path), _empty_folder_reason(path)))
        elif stat.S_ISREG(mode):
            files = [(path, None)]
        else:
            problems.append(Problem(display_path(path), "not a regular file"))
            continue
        for f, real in files:
            found.setdefault(real or f.resolve(), f)
    # Sorted so that input order never changes article ids or which duplicate is read.
    return sorted(found.values(), key=lambda p: (str(p), p)), list(dict.fromkeys(problems))


def _stat_reason(path: Path, e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "link loop; not followed"
    if isinstance(e, FileNotFoundError):
        return "link to a missing file" if path.is_symlink() else "no such file or folder"
    return f"cannot read ({e.strerror or e})"


def _empty_folder_reason(folder: Path) -> str:
    others = sum(len(files) for _, _, files in os.walk(folder))
    extra = f"; {others} other file{'s' if others != 1 else ''} ignored" if others else ""
    return f"folder holds no articles ({ARTICLE_PATTERNS}){extra}"


def _walk(folder: Path, problems: list[Problem]) -> Iterator[tuple[Path, Path | None]]:
    """Article files under folder, following links but never round a link loop: (path, real path), the real
    path None for a link (its own folder's real path and its name otherwise, without asking the system again)."""
    visited: set[Path] = set()

    def onerror(e: OSError) -> None:
        problems.append(Problem(display_path(e.filename or folder), f"cannot read folder ({e.strerror or e})"))

    for root, dirs, files in os.walk(folder, followlinks=True, onerror=onerror):
        here = Path(root)
        real = here.resolve()
        if real in visited:  # reached again through another link: already read
            dirs[:] = []
            continue
        visited.add(real)
        keep = []
        for d in sorted(dirs):
            sub = here / d
            if d.startswith("."):
                continue
            if sub.is_symlink():
                target = sub.resolve()
                if target == real or target in real.parents:
                    problems.append(Problem(display_path(sub), "folder link loop; not followed", "note"))
                    continue
            keep.append(d)
        dirs[:] = keep
        for name in sorted(files):
            if name.lower().endswith(ARTICLE_SUFFIXES + SOURCE_SUFFIXES) and not name.startswith("."):
                f = here / name
                try:
                    link = stat.S_ISLNK(os.lstat(f).st_mode)
                    if link:
                        f.stat()  # a link to a missing file, or a loop
                except OSError as e:
                    problems.append(Problem(display_path(f), _stat_reason(f, e)))
                    continue
                yield f, None if link else real / name


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Bytes to text and the encoding used: a BOM, then UTF-8, then detection. InputError if not text."""
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), path), name
            except UnicodeDecodeError:
                raise InputError(f"{path}: starts like {name} text but is not valid {name}") from None
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise InputError(f"{path}: looks like {what}, not text; save it as plain text first")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return _checked(data.decode(utf16), path), utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if b"\x00" in data:
            raise InputError(f"{path}: binary file, not text") from None
    else:
        controls = len(_CONTROLS.findall(text))  # a stray NUL or escape byte in a text: replaced, with a note
        return _checked(text, path), "utf-8" if not controls else (
            f"utf-8 with {controls} control character{'s' if controls != 1 else ''} replaced by spaces")
    damaged = _damaged_utf8(data)
    if damaged:
        return _checked(damaged[0], path), damaged[1]
    return _detect(data, path)


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (a cut or a pasted fragment) is read as UTF-8, the bad bytes replaced.

    Legacy single-byte text almost never forms valid multi-byte UTF-8 sequences, so many of these
    against few bad bytes tells the two apart.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    wide = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if wide < 3 or wide < 4 * bad:
        return None
    return text, f"utf-8 with {bad} bad byte sequence{'s' if bad != 1 else ''} replaced"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL in every other byte of ASCII text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    codec = "utf-16-le" if odd > 0.6 * half and even < 0.05 * half else (
        "utf-16-be" if even > 0.6 * half and odd < 0.05 * half else None)
    if codec:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            return None
    return codec


_ASCII_RUNS = re.compile("[\x00-\x7f]+")
_LETTERS = re.compile(r"[^\W\d_]")
# Accented Latin letters and typographic punctuation. Ð ð Ý ý Þ þ are left out: in Windows-1252 they
# stand where Turkish has Ğ ğ İ ı Ş ş.
_WESTERN = ({chr(c) for c in range(0xC0, 0x100)} - set("\u00d7\u00f7\u00d0\u00f0\u00dd\u00fd\u00de\u00fe")) | set(
    "\u00a0\u00a1\u00a3\u00a7\u00a9\u00ab\u00ae\u00b0\u00b7\u00bb\u00bf\u20ac\u2013\u2014\u2018\u2019\u201a"
    "\u201c\u201d\u201e\u2022\u2026\u2122")


def _western_cp1252(data: bytes) -> str | None:
    """Text in a Latin-script language saved as Windows-1252: mostly ASCII letters, the rest accents and quotes."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:200_000]
    wide = _ASCII_RUNS.sub("", sample)
    letters = len(_LETTERS.findall(sample))
    if not wide or len(wide) > 0.3 * max(letters, 1):
        return None
    return text if sum(ch in _WESTERN for ch in wide) >= 0.9 * len(wide) else None


def _detect(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    western = _western_cp1252(data)
    if western is not None:
        return _checked(western, path), "cp1252"
    matches = list(from_bytes(data))
    if matches:
        best = matches[0]  # the detector sorts its matches best first
        text, encoding = str(best), best.encoding
        # The detector often names a sibling code page that reads the bytes as well as Windows-1252,
        # the commonest non-UTF-8 news encoding: then name Windows-1252.
        if any("cp1252" in m.could_be_from_charset and m.chaos <= best.chaos + 0.01
               and m.coherence >= best.coherence - 0.01 for m in matches):
            with contextlib.suppress(UnicodeDecodeError):
                text, encoding = data.decode("cp1252"), "cp1252"
        if _control_ratio(text) <= 0.05:
            return _checked(text, path), encoding
    raise InputError(f"{path}: not text in UTF-8 or any encoding kg recognises; binary file?")


def _checked(text: str, path: str) -> str:
    if not text.strip():  # only a BOM, or spaces in UTF-16
        raise InputError(f"{path}: file is empty")
    if _control_ratio(text) > 0.05:
        raise InputError(f"{path}: binary file, not text")
    return clean_text(text)


# control characters that no text has (tabs, line and page breaks apart), counted by one scan of the text
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


def reading_notes(doc: Document) -> list[str]:
    """Remarks on how an article file was read: its encoding, bytes replaced, a date line that is no date."""
    notes = []
    if doc.encoding.startswith("utf-8 with") and "control character" in doc.encoding:
        notes.append(f"read as {doc.encoding}")
    elif doc.encoding not in ("utf-8", "ascii"):
        valid = "valid " if doc.encoding.startswith("utf-8") else ""
        notes.append(f"not {valid}UTF-8; read as {doc.encoding}")
    m = _DATE_HEADER.match(doc.text) if not doc.offset else None
    if m:  # split_date_header leaves a date line that names no calendar day in the text
        notes.append(f"the date line 'date {m.group(1)}' is not a calendar date; the article is read without a date"
                     + (f" (dated {doc.date.isoformat()} by --date)" if doc.date else ""))
    return notes


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
        slug = fallback + "-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return slug


def read_article(path: Path, default_date: date | None = None) -> Document:
    """Read and decode one article file. Raises InputError with the file named."""
    name = display_path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or device would block or never end
            raise InputError(f"{name}: not a regular file")
        if info.st_size > MAX_ARTICLE_BYTES:
            raise InputError(f"{name}: file is {_size(info.st_size)}, over the {_size(MAX_ARTICLE_BYTES)} "
                             "limit for one article")
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


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n} bytes"


@contextmanager
def atomic_path(target: str | Path, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path beside target; move it into place only if the block succeeds.

    Raises KgError naming the target when the folder cannot be made or written.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix or ".tmp", dir=target.parent)
    except OSError as e:
        raise KgError(f"{display_path(target)}: cannot write ({e.strerror or e})") from None
    os.close(fd)
    tmp_path = Path(tmp)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_path, 0o666 & ~umask)
    try:
        yield tmp_path
        _fsync(tmp_path)
        os.replace(tmp_path, target)
        _fsync(target.parent)  # the rename itself survives a power cut
    except OSError as e:
        raise KgError(f"{display_path(target)}: cannot write ({e.strerror or e}); the previous file is kept") from None
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the data is still written
    finally:
        os.close(fd)


def write_text_atomic(target: str | Path, text: str) -> None:
    """Write text to target so that readers see either the old file or the whole new one."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes_atomic(target: str | Path, data: bytes) -> None:
    """Write bytes to target so that readers see either the old file or the whole new one."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_files_atomic(files: dict[str | Path, str]) -> None:
    """Write several text files so that a failure leaves every one of them as it was.

    All are written to temporary files first and moved into place only when every write worked.
    """
    with contextlib.ExitStack() as stack:
        for target, text in files.items():
            stack.enter_context(atomic_path(target)).write_text(text, encoding="utf-8")
