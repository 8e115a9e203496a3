"""JSON Lines and CSV exports (.jsonl, .csv): one article per record, its columns mapped by --field."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..io import Problem, display_path
from ..records import Document
from . import (FIELD_DEFAULTS, check_fields, decode_text, file_stem, make_document, name_of, parse_date,
               read_bytes, record_id, skipped, tidy_text)


def read(path: Path, default_date: date | None, fields: dict[str, str]) -> tuple[list[Document], list[Problem]]:
    """Every record with text is an article; a record that cannot be read is skipped, the others are kept."""
    check_fields(fields)
    text = decode_text(path, read_bytes(path))
    records = _jsonl(text) if path.name.lower().endswith(".jsonl") else _csv(text)
    docs: list[Document] = []
    problems: list[Problem] = []
    columns: set[str] = set()
    for where, record in records:
        if isinstance(record, str):  # a record that could not be parsed: the reason
            problems.append(skipped(path, where, record))
            continue
        columns.update(record)
        value = {f: _field(record, f, fields) for f in FIELD_DEFAULTS}
        body = tidy_text(name_of(value["text"]) if not isinstance(value["text"], str) else value["text"])
        if not body:
            wanted = fields.get("text") or "/".join(FIELD_DEFAULTS["text"])
            problems.append(skipped(path, where, f"no text (column {wanted}); map it with --field text=COLUMN"))
            continue
        when = parse_date(value["date"])
        key = name_of(value["id"]) or where.split(" (")[0].replace(" ", "-")  # "line-12", "row-3"
        docs.append(make_document(path, text=body, doc_id=record_id(file_stem(path), key), record=where,
                                  when=when, default_date=default_date, title=name_of(value["title"]),
                                  author=name_of(value["author"]), url=name_of(value["url"]),
                                  publisher=name_of(value["source"])))
    if not docs and not problems:
        raise InputError(f"{display_path(path)}: file holds no records")
    missing = sorted(c for f, c in fields.items() if c not in columns)
    if columns and missing:
        problems.append(Problem(display_path(path), f"no column named {missing[0]} (--field); columns: "
                                                    f"{', '.join(sorted(columns)[:20])}", "note"))
    return docs, problems


def _field(record: dict, name: str, fields: dict[str, str]):
    if name in fields:
        return record.get(fields[name])
    return next((record[c] for c in FIELD_DEFAULTS[name] if record.get(c) not in (None, "")), None)


def _jsonl(text: str) -> Iterator[tuple[str, dict | str]]:
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"line {n}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
            msg = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            yield where, f"not valid JSON ({msg})"
            continue
        yield where, record if isinstance(record, dict) else f"not a JSON object but {type(record).__name__}"


def _csv(text: str) -> Iterator[tuple[str, dict | str]]:
    import io
    import sys

    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    row = 0
    while True:
        line = reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            row += 1
            yield f"row {row} (line {line + 1})", f"not valid CSV ({e})"
            if reader.line_num == line:  # the reader cannot move on
                return
            continue
        row += 1
        if not any(c.strip() for c in cells):
            continue
        where = f"row {row} (line {line + 1})"
        if len(cells) > len(header):
            yield where, f"{len(cells)} cells for {len(header)} columns"
            continue
        yield where, dict(zip(header, cells))
