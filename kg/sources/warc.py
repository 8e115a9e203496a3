"""WARC web archives (.warc, .warc.gz) with warcio: each HTML response record is an article."""

from __future__ import annotations

import contextlib
import io as stdio
import logging
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..io import Problem, decode, display_path
from ..records import Document
from . import MAX_CONTAINER_BYTES, file_stem, make_document, parse_date, record_id, skipped
from .web import extract_page

_RESYNC = 1 << 20  # bytes read at a time while looking for the next record after a damaged one


def read(path: Path, default_date: date | None, fields: dict[str, str]) -> tuple[list[Document], list[Problem]]:
    """Articles of the archive's HTML responses; a damaged record is skipped and reading goes on after it."""
    name = display_path(path)
    try:
        size = path.stat().st_size
        handle = open(path, "rb")
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from None
    if size > MAX_CONTAINER_BYTES:
        handle.close()
        raise InputError(f"{name}: file is {size / 2**20:.1f} MB, over the {MAX_CONTAINER_BYTES / 2**20:.0f} MB limit")
    docs: list[Document] = []
    problems: list[Problem] = []
    pages = 0
    seen = False  # whether any record could be read at all
    logging.getLogger("warcio").setLevel(logging.ERROR)
    with handle, contextlib.redirect_stderr(stdio.StringIO()):  # warcio prints its warnings there
        head = handle.read(64 * 1024)
        gzipped = head[:2] == b"\x1f\x8b"
        if not _looks_like_warc(head, gzipped):
            raise InputError(f"{name}: not a WARC archive (no WARC/1.x header at its start)")
        pos = 0
        resumed = False
        while pos < size:
            handle.seek(pos)
            last = None  # offset of the last record read in this pass
            try:
                from warcio.archiveiterator import ArchiveIterator

                records = ArchiveIterator(handle, arc2warc=True)
                for record in records:
                    pages += _read_record(path, record, default_date, docs, problems)
                    last = pos + records.get_record_offset()  # asked after the payload is read: it reads on
                    seen, resumed = True, False
                break
            except Exception as e:
                reason = f"cannot be read ({' '.join(str(e).split())[:200]})"
                if last is None:  # the record where this pass started is damaged
                    if not resumed:  # (a pass resumed after a reported damage starts at that same record)
                        problems.append(skipped(path, f"record at byte {pos}", reason))
                    start = pos + 1
                else:  # the damage is in the record after the last good one
                    problems.append(skipped(path, f"record after the one at byte {last}", reason))
                    start = last + 1
                pos = _next_record(handle, start, gzipped)
                resumed = last is not None
                if pos is None:
                    break
    if not seen:
        reason = problems[0].message.split("cannot be read ", 1)[-1] if problems else "(no records)"
        raise InputError(f"{name}: not a WARC archive {reason}".rstrip())
    if not docs and not problems:
        raise InputError(f"{name}: archive holds no HTML pages")
    return docs, problems


def _read_record(path: Path, record, default_date: date | None, docs: list[Document], problems: list[Problem]) -> int:
    if record.rec_type != "response" or record.http_headers is None:
        return 0
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in ctype:
        return 0
    record_iri = record.rec_headers.get_header("WARC-Record-ID") or ""
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"record {record_iri or '(no WARC-Record-ID)'}" + (f" ({url})" if url else "")
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return 0
    try:
        html = decode(record.content_stream().read(), display_path(path))[0]
    except InputError as e:
        problems.append(skipped(path, where, str(e).removeprefix(f"{display_path(path)}: ")))
        return 1
    except Exception as e:  # a damaged payload (bad compression, cut short)
        problems.append(skipped(path, where, f"cannot be read ({' '.join(str(e).split())[:200]})"))
        return 1
    page = extract_page(html, url or None)
    if page is None:
        problems.append(skipped(path, where, "no article text found in the page"))
        return 1
    when = page["date"] or parse_date(record.rec_headers.get_header("WARC-Date"))
    docs.append(make_document(path, text=page["text"], doc_id=record_id(file_stem(path), record_iri or url),
                              record=where, when=when, default_date=default_date, title=page["title"],
                              author=page["author"], url=page["url"] or url, publisher=page["sitename"]))
    return 1


def _looks_like_warc(head: bytes, gzipped: bool) -> bool:
    if gzipped:
        import zlib

        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def _next_record(handle, start: int, gzipped: bool) -> int | None:
    """Offset of the next record header (or gzip member) at or after start, or None."""
    marker = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
    handle.seek(start)
    offset = start
    tail = b""
    while True:
        chunk = handle.read(_RESYNC)
        if not chunk:
            return None
        data = tail + chunk
        i = data.find(marker)
        if i >= 0:
            return offset - len(tail) + i
        tail = data[-(len(marker) - 1):]
        offset += len(chunk)
