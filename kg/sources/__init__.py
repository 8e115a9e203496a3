"""Articles inside other kinds of files: saved web pages, RSS and Atom feeds, JSON Lines and CSV exports,
and WARC web archives. Each reader turns one file into Documents and the problems of its records."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from ..errors import InputError
from ..io import Problem, clean_text, decode, display_path, slugify
from ..records import Document

# Suffix -> reader module; `.warc.gz` is matched before `.gz` would be.
SUFFIXES = {".html": "web", ".htm": "web", ".xml": "feeds", ".rss": "feeds", ".atom": "feeds",
            ".jsonl": "tables", ".csv": "tables", ".warc": "warc", ".warc.gz": "warc"}
MAX_CONTAINER_BYTES = 2 * 1024**3  # a feed, data file or archive holds many articles: read up to 2 GB

# Which record fields `--field` can map, and the column names tried when it does not.
FIELD_DEFAULTS = {
    "text": ("text", "body", "content", "article", "full_text"),
    "date": ("date", "published", "published_at", "publishedAt", "pubDate", "datetime"),
    "title": ("title", "headline"),
    "url": ("url", "link", "uri"),
    "source": ("source", "outlet", "publisher", "site", "site_name", "domain"),
    "author": ("author", "authors", "byline", "creator"),
    "id": ("id", "guid", "uuid"),
}

Reader = Callable[[Path, "date | None", "dict[str, str]"], "tuple[list[Document], list[Problem]]"]


def kind_of(path: Path) -> str | None:
    """Which reader reads this file ("web", "feeds", "tables", "warc"), or None for plain text."""
    name = path.name.lower()
    return next((kind for suffix, kind in SUFFIXES.items() if name.endswith(suffix)), None)


def read_source(path: Path, default_date: date | None = None,
                fields: dict[str, str] | None = None) -> tuple[list[Document], list[Problem]]:
    """The articles of one web page, feed, data file or archive, and the problems of its records.

    Raises InputError (naming the file) when nothing of the file can be read.
    """
    from importlib import import_module

    kind = kind_of(path)
    if kind is None:
        raise InputError(f"{display_path(path)}: not a web page, feed, data file or web archive")
    module = import_module(f".{kind}", __name__)
    return module.read(path, default_date, dict(fields or {}))


def check_fields(fields: dict[str, str]) -> None:
    """Refuse a --field name kg does not know. Raises InputError."""
    unknown = sorted(set(fields) - set(FIELD_DEFAULTS))
    if unknown:
        raise InputError(f"--field {unknown[0]}=...: unknown field; the fields are {', '.join(FIELD_DEFAULTS)}")


def read_bytes(path: Path, limit: int = MAX_CONTAINER_BYTES) -> bytes:
    """The bytes of a file, refusing what is not a regular file or too large. Raises InputError."""
    import stat

    name = display_path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name}: not a regular file")
        if info.st_size > limit:
            raise InputError(f"{name}: file is {info.st_size / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB limit")
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from None


def decode_text(path: Path, data: bytes) -> str:
    """Bytes of a text container as text (BOMs, UTF-8, detected encodings, like articles)."""
    return decode(data, display_path(path))[0]


_BLANK_LINES = re.compile(r"\n{3,}")


def tidy_text(text: str) -> str:
    """Article text from a page or record: legal characters, one blank line between paragraphs."""
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return _BLANK_LINES.sub("\n\n", text)


def paragraphs(text: str) -> str:
    """Text whose lines are paragraphs (trafilatura's output) with a blank line between them for the NLP."""
    return tidy_text("\n\n".join(line.strip() for line in text.split("\n") if line.strip()))


def parse_date(value: object) -> date | None:
    """A publication date from ISO 8601, RFC 822 (feeds, e-mail), a Unix time or a struct_time; None if none."""
    import time as time_mod

    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time_mod.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.utcfromtimestamp(value / 1000 if value > 1e11 else value).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()[:100]
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    from dateutil import parser

    try:
        return parser.parse(text, fuzzy=False).date()
    except (ValueError, OverflowError, parser.ParserError):
        return None


def name_of(value: object) -> str:
    """A name from a field that may hold a string, a list of them or an object with a name ({"name": ...})."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return name_of(value.get("name") or value.get("title") or "")
    if isinstance(value, (list, tuple)):
        return ", ".join(n for n in (name_of(v) for v in value) if n)
    return " ".join(str(value).split())


def record_id(stem: str, key: str) -> str:
    """A stable article id inside a container: the file's name and the record's own id (or position)."""
    key = " ".join(key.split())
    slug = slugify(key, "record") if len(key) <= 40 else ""
    if not slug or slug.startswith("record-"):  # long or unreadable: a short digest keeps it unique and stable
        slug = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slugify(stem, 'article')}-{slug}"


def make_document(path: Path, *, text: str, doc_id: str, record: str = "", when: date | None = None,
                  default_date: date | None = None, title: str = "", author: str = "", url: str = "",
                  publisher: str = "", encoding: str = "utf-8") -> Document:
    """A Document for one article of a container; its hash covers the text and what the record says of it."""
    digest = hashlib.sha256("\x1f".join((text, title, author, url, publisher, when.isoformat() if when else ""))
                            .encode("utf-8", "surrogatepass")).hexdigest()
    return Document(text=text, source=display_path(path), doc_id=doc_id, date=when or default_date,
                    offset=0, sha256=digest, encoding=encoding, title=clean_text(title), author=clean_text(author),
                    url=clean_text(url.strip()), publisher=clean_text(publisher), record=clean_text(record))


def skipped(path: Path, record: str, message: str) -> Problem:
    """A record that could not be read, named after its file and its place in it."""
    return Problem(display_path(path), f"{record}: {message}")


def file_stem(path: Path) -> str:
    name = path.name
    return name[: -len(".warc.gz")] if name.lower().endswith(".warc.gz") else path.stem
