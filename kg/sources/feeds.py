"""RSS and Atom feeds (.xml, .rss, .atom) with feedparser: one article per entry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import InputError
from ..io import Problem, display_path
from ..records import Document
from . import file_stem, make_document, name_of, parse_date, read_bytes, record_id, skipped, tidy_text

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article",
           "pre", "ul", "ol", "table", "figure", "figcaption", "header", "footer", "dd", "dt"}


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed's content or summary), a blank line after each block."""
    if "<" not in fragment and "&" not in fragment:
        return tidy_text(fragment)
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return tidy_text(fragment)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag.lower() in _BLOCKS:
                parts.append("\n\n")
            if el.text and tag:
                parts.append(el.text)
        else:
            if tag.lower() in _BLOCKS:
                parts.append("\n\n")
            if el.tail and el is not root:
                parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return tidy_text("\n".join(lines))


def read(path: Path, default_date: date | None, fields: dict[str, str]) -> tuple[list[Document], list[Problem]]:
    """Each entry with text is an article: its full content, or its summary when the feed gives no more."""
    import feedparser

    name = display_path(path)
    data = read_bytes(path)
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as e:  # feedparser is lenient; this is a file it cannot even start on
        raise InputError(f"{name}: not a readable RSS or Atom feed ({' '.join(str(e).split())})") from None
    if not parsed.get("version") and not parsed.entries:
        reason = f" ({' '.join(str(parsed.get('bozo_exception', '')).split())})" if parsed.get("bozo") else ""
        raise InputError(f"{name}: not an RSS or Atom feed{reason}")
    outlet = name_of(parsed.feed.get("title"))
    docs: list[Document] = []
    problems: list[Problem] = []
    from_summary: list[str] = []
    for n, entry in enumerate(parsed.entries, 1):
        key = name_of(entry.get("id") or entry.get("link") or "") or f"entry-{n}"
        record = f"entry {n}" + (f" ({key})" if key != f"entry-{n}" else "")
        try:
            contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value", "").strip()]
            text = html_to_text(max(contents, key=len)) if contents else ""
            if not text:
                text = html_to_text(entry.get("summary", "") or "")
                if text:
                    from_summary.append(str(n))
            if not text:
                problems.append(skipped(path, record, "entry has no content and no summary"))
                continue
            when = parse_date(entry.get("published_parsed") or entry.get("updated_parsed")
                              or entry.get("published") or entry.get("updated"))
            source = entry.get("source") or {}
            docs.append(make_document(
                path, text=text, doc_id=record_id(file_stem(path), key), record=record, when=when,
                default_date=default_date, title=html_to_text(name_of(entry.get("title"))),
                author=name_of(entry.get("author")), url=name_of(entry.get("link")),
                publisher=name_of(source.get("title")) or outlet))
        except Exception as e:  # one malformed entry must not lose the others
            problems.append(skipped(path, record, f"cannot read the entry ({' '.join(str(e).split())})"))
    if not docs and not problems:
        raise InputError(f"{name}: feed holds no entries")
    if from_summary:
        which = ", ".join(from_summary[:10]) + (" ..." if len(from_summary) > 10 else "")
        problems.append(Problem(name, f"{len(from_summary)} of {len(docs)} entries read from their summary, "
                                      f"the feed gives no full content (entries {which})", "note"))
    return docs, problems
