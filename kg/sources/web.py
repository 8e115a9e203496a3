"""Saved web pages (.html, .htm): the article's main text and what the page says of it, with trafilatura."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..io import MAX_ARTICLE_BYTES, Problem, display_path, slugify
from ..records import Document
from . import decode_text, make_document, paragraphs, parse_date, read_bytes


def read(path: Path, default_date: date | None, fields: dict[str, str]) -> tuple[list[Document], list[Problem]]:
    """One saved page is one article. Raises InputError when the page holds no article text."""
    html = decode_text(path, read_bytes(path, MAX_ARTICLE_BYTES))
    page = extract_page(html)
    if page is None:
        raise InputError(f"{display_path(path)}: no article text found in the page")
    doc = make_document(path, text=page["text"], doc_id=slugify(path.stem, "article"), when=page["date"],
                        default_date=default_date, title=page["title"], author=page["author"], url=page["url"],
                        publisher=page["sitename"])
    return [doc], []


def extract_page(html: str, url: str | None = None) -> dict | None:
    """Main text (without navigation and boilerplate), title, date, author, site name and canonical URL
    of an HTML page; None when it holds no article text."""
    import trafilatura

    quiet = [logging.getLogger(name) for name in ("trafilatura", "htmldate", "courlan", "justext")]
    levels = [log.level for log in quiet]
    for log in quiet:  # trafilatura logs every page it finds thin; kg reports its own one-line problems
        log.setLevel(logging.CRITICAL)
    try:
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                            include_tables=False, deduplicate=False)
    except Exception:  # a page lxml cannot parse at all
        found = None
    finally:
        for log, level in zip(quiet, levels):
            log.setLevel(level)
    text = paragraphs(getattr(found, "text", None) or "") if found is not None else ""
    if not text:
        return None

    def field(name: str) -> str:
        value = getattr(found, name, None)
        return " ".join(str(value).split()) if value else ""

    return {"text": text, "title": field("title"), "author": field("author"), "url": field("url") or (url or ""),
            "sitename": field("sitename"), "date": parse_date(field("date"))}
