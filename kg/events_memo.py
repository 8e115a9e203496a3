"""Event clustering kept between builds, so that an increment compares only the mentions after its first change.

`events_resolve.cluster_refs` visits the event mentions in article-id order, and the event each mention joins
depends only on the mentions before it. `events.json` in the output folder keeps, for every article with event
mentions in that order, a digest of what its mentions are made of (the article's id, the cache key of its
extraction, and the entities its mentions' participants resolve to: keys, sides, places and countries) and the
choice each of its mentions made. A later build replays the articles as long as they match, one by one from
the first, and clusters the rest anew: from the first new, changed or removed article, or the first whose
participants now resolve to other entities. Replaying gives exactly the clusters a fresh build gives, at a
fraction of the cost (no mention is compared with any event). Articles added after the last one in id order
(as dated or numbered names are) leave everything before them replayed.

The file is used only by the code that wrote it (`code_digest`: the extraction code, event clustering and this
module); a damaged one is ignored with a note and written anew.
"""

from __future__ import annotations

import gc
import hashlib
import json
from pathlib import Path

from . import io
from .errors import KgError
from .events_resolve import EventCluster, MentionRef, cluster_events, mention_refs
from .records import Extraction, Mention
from .resolve import Entity

MEMO_FILE = "events.json"
MEMO_FORMAT = "kg-event-choices-1"


def code_digest() -> str:
    """What the choices depend on besides the articles: extraction, entity resolution, event clustering."""
    from .cache import code_fingerprint

    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{MEMO_FORMAT}\x1f{code_fingerprint()}".encode())
    for name in ("events_resolve.py", "events_memo.py"):
        h.update(name.encode() + b"\x00" + (root / name).read_bytes())
    return h.hexdigest()


def article_digests(refs: list[MentionRef], key_of: dict[str, str]) -> list[tuple[str, str, int]]:
    """(article id, digest, number of mentions) of each article of refs, in their order."""
    out: list[tuple[str, str, int]] = []
    start = 0
    for end in range(1, len(refs) + 1):
        if end < len(refs) and refs[end].doc_id == refs[start].doc_id:
            continue
        doc_id = refs[start].doc_id
        made = [(sorted(r.actors), sorted(r.targets), sorted(r.places), sorted(r.isos)) for r in refs[start:end]]
        text = repr((doc_id, key_of[doc_id], made))
        out.append((doc_id, hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest(), end - start))
        start = end
    return out


def cluster(out: Path, extractions: list[Extraction], keys: list[str], index: dict[tuple[str, Mention], Entity],
            notes: list[str]) -> list[EventCluster]:
    """cluster_events of the build, the articles that match the folder's events.json replayed; the file is
    brought up to date. keys are the extractions' cache keys."""
    # the records made here (a few for every event mention of the folder) live to the end of the build: the cycle
    # collector, set off by their number, would go through them and everything else again and again for nothing
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _cluster(out, extractions, keys, index, notes)
    finally:
        if collecting:
            gc.enable()


def _cluster(out: Path, extractions: list[Extraction], keys: list[str], index: dict[tuple[str, Mention], Entity],
             notes: list[str]) -> list[EventCluster]:
    path = Path(out) / MEMO_FILE
    refs = mention_refs(extractions, index)
    articles = article_digests(refs, {ex.doc.doc_id: k for ex, k in zip(extractions, keys)})
    code = code_digest()
    stored = _load(path, code, notes)
    replay: list[int] = []
    for (doc_id, digest, n), old in zip(articles, stored):
        if old[0] != doc_id or old[1] != digest or len(old[2]) != n:
            break
        replay += old[2]
    record: list[int] = []
    try:
        events = cluster_events(extractions, index, refs=refs, replay=replay, record=record)
    except ValueError as e:  # choices that do not fit their mentions: a damaged file
        notes.append(f"{path}: {e}; the events are clustered anew")
        record = []
        events = cluster_events(extractions, index, refs=refs, record=record)
    if len(replay) < len(refs) or len(stored) != len(articles):
        _save(path, code, articles, record, notes)
    return events


def _load(path: Path, code: str, notes: list[str]) -> list[list]:
    """The stored (article id, digest, choices) of each article, or [] when there are none for this code."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as e:
        notes.append(f"{path}: cannot be read ({e}); the events are clustered anew")
        return []
    if not isinstance(data, dict) or data.get("format") != MEMO_FORMAT:
        notes.append(f"{path}: not kg's record of event clustering; the events are clustered anew")
        return []
    if data.get("code") != code:
        return []  # written by another version of kg
    articles = data.get("articles")
    if not isinstance(articles, list) or not all(
            isinstance(a, list) and len(a) == 3 and isinstance(a[0], str) and isinstance(a[1], str)
            and isinstance(a[2], list) and all(type(c) is int for c in a[2]) for a in articles):
        notes.append(f"{path}: damaged; the events are clustered anew")
        return []
    return articles


def _save(path: Path, code: str, articles: list[tuple[str, str, int]], record: list[int], notes: list[str]) -> None:
    rows, start = [], 0
    for doc_id, digest, n in articles:
        rows.append([doc_id, digest, record[start:start + n]])
        start += n
    text = json.dumps({"format": MEMO_FORMAT, "code": code, "articles": rows}, ensure_ascii=False,
                      separators=(",", ":"))
    try:
        io.write_text_atomic(path, text)
    except KgError as e:  # a memo: the build stands without it
        notes.append(f"{e}; the next build clusters every event anew")
