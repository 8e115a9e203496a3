"""Increments that cost what they add: the store gets only the difference of the parts of the graph an
increment touches (kg/parts.py), and still holds exactly what a fresh build of the same articles gives,
when an increment merges two earlier entities, splits one, or removes an article."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import outputs, parts, pipeline, store
from kg.cli import main
from kg.errors import GraphError
from kg.ontology import ID, KG


# A surname alone joins the one full name of the build that ends with it; with two such names it stays apart.
LONE = "date 2026-02-02\n\nLindqvist told reporters in Stockholm that the budget would pass. The Swedish government backed Lindqvist on Tuesday.\n"
MARIA = "date 2026-02-03\n\nMaria Lindqvist, the finance minister of Sweden, met bankers in Stockholm on Wednesday. Maria Lindqvist said growth would return.\n"
ERIK = "date 2026-02-04\n\nErik Lindqvist, a footballer from Norway, signed for a club in Oslo. Erik Lindqvist scored twice on Sunday.\n"
OTHER = "date 2026-02-05\n\nThe United Nations discussed Venezuela in New York. Antonio Guterres called for calm in Venezuela.\n"


def _corpus(folder: Path, **articles: str) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _store_triples(out: Path) -> set[str]:
    return {str(q.triple) for q in store.open_store(out)}


def _fresh(corpus: Path) -> set[str]:
    """The triples of a fresh build of corpus (in memory, by graph.build_graph)."""
    return {parts.nt(t) for t in pipeline.build([corpus], write=False).graph}


def _mentioned_in(triples: set[str], slug: str) -> set[str]:
    prefix = f"<{ID}entity/{slug}> <{KG.mentionedIn}> "
    return {t.rsplit("/", 1)[1].rstrip(">") for t in triples if t.startswith(prefix)}


@pytest.mark.model
def test_merge_split_and_removal_leave_the_graph_of_a_fresh_build(tmp_path, nlp):
    out, corpus = tmp_path / "out", tmp_path / "in"
    first = pipeline.build([_corpus(corpus, lone=LONE, maria=MARIA, erik=ERIK, other=OTHER)], out,
                           ttl=False, page=False)
    assert not (out / "graph.ttl").exists() and (out / parts.INDEX_FILE).exists()
    have = _store_triples(out)
    assert have == _fresh(corpus)
    assert _mentioned_in(have, "lindqvist") == {"lone"}  # two full names end with it: it stays apart

    # Erik's article leaves: the lone surname and Maria Lindqvist, two entities so far, become one
    removed = pipeline.build([_corpus(corpus, lone=LONE, maria=MARIA, other=OTHER)], out, ttl=False, page=False)
    assert removed.analysed == 0 and removed.graph is None  # no whole graph made
    have = _store_triples(out)
    assert have == _fresh(corpus)
    assert _mentioned_in(have, "maria-lindqvist") == {"lone", "maria"} and not _mentioned_in(have, "lindqvist")
    assert not any("erik" in t.lower() for t in have)
    added, dropped = removed.store_changes
    assert 0 < added + dropped < len(have)  # the difference, not the whole graph again
    assert removed.counts()["triples"] == len(have)

    # written when asked for: byte for byte what a fresh build writes
    asked = pipeline.build([corpus], out, ttl=True, page=True)
    fresh = pipeline.build([corpus], tmp_path / "fresh")
    assert asked.ttl_path.read_bytes() == fresh.ttl_path.read_bytes()
    assert asked.html_path.read_bytes() == fresh.html_path.read_bytes()

    # Erik comes back: the merged entity splits again
    back = pipeline.build([_corpus(corpus, lone=LONE, maria=MARIA, erik=ERIK, other=OTHER)], out,
                          ttl=False, page=False)
    assert back.analysed == 1  # the cache keeps only the articles of the last build
    assert not (out / "graph.ttl").exists()  # not rewritten, so not left to disagree with the store
    have = _store_triples(out)
    assert have == _fresh(corpus)
    assert _mentioned_in(have, "lindqvist") == {"lone"}


@pytest.mark.model
def test_files_follow_the_corpus_size_unless_asked(tmp_path, nlp, monkeypatch):
    corpus = _corpus(tmp_path / "in", maria=MARIA, other=OTHER)
    out = tmp_path / "out"
    small = pipeline.build([corpus], out)
    assert small.ttl_path.exists() and small.html_path.exists() and small.graph is not None
    monkeypatch.setattr(pipeline, "FILES_AUTO_MAX", 1)
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "graph: not written (--ttl writes it)" in result.output and "triples: " in result.output
    assert not (out / "graph.ttl").exists() and not (out / "graph.html").exists()
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--ttl"])
    assert result.exit_code == 0, result.output
    assert (out / "graph.ttl").read_bytes() == small.ttl_path.read_bytes()
    assert not (out / "graph.html").exists()


@pytest.mark.model
def test_a_build_killed_between_store_and_index_is_repaired(tmp_path, nlp, monkeypatch):
    out = tmp_path / "out"
    pipeline.build([_corpus(tmp_path / "in", maria=MARIA, other=OTHER)], out, ttl=False, page=False)
    corpus = _corpus(tmp_path / "in", lone=LONE, maria=MARIA)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(parts.PartIndex, "record", killed)
        with pytest.raises(KeyboardInterrupt):
            pipeline.build([corpus], out, ttl=False, page=False)
    # the store has the new triples, the index still the old parts, marked as not matching the store
    assert _store_triples(out) == _fresh(corpus)
    again = pipeline.build([corpus], out, ttl=False, page=False)
    assert _store_triples(out) == _fresh(corpus) and again.store_changes == (0, 0)
    db = sqlite3.connect(out / parts.INDEX_FILE)
    assert dict(db.execute("SELECT name, value FROM meta"))["synced"] == "1"
    db.close()
    pipeline.build([_corpus(tmp_path / "in", maria=MARIA)], out, ttl=False, page=False)
    assert _store_triples(out) == _fresh(corpus)


@pytest.mark.model
def test_a_damaged_index_is_set_aside_and_rebuilt(tmp_path, nlp):
    out = tmp_path / "out"
    corpus = _corpus(tmp_path / "in", maria=MARIA, other=OTHER)
    pipeline.build([corpus], out, ttl=False, page=False)
    (out / parts.INDEX_FILE).write_bytes(b"not a database at all" * 100)
    result = pipeline.build([_corpus(tmp_path / "in", maria=MARIA, lone=LONE)], out, ttl=False, page=False)
    assert any("index.sqlite" in p.path and "set aside" in p.message for p in result.problems)
    assert list(out.glob(parts.INDEX_FILE + ".set-aside-*"))
    assert _store_triples(out) == _fresh(tmp_path / "in")


def _index_of(tmp_path: Path, made: dict[str, list[str]]) -> parts.PartIndex:
    index = parts.PartIndex(tmp_path, [])
    index.replace({p: "d" for p in made}, made, {})
    return parts.PartIndex(tmp_path, [])


def test_a_locked_index_is_an_error_not_damage(tmp_path, monkeypatch):
    _index_of(tmp_path, {"a": ["<x> <y> <z>"]}).close()
    holder = sqlite3.connect(tmp_path / parts.INDEX_FILE)
    holder.execute("BEGIN EXCLUSIVE")  # another program writing the index
    monkeypatch.setattr(parts, "LOCK_WAIT", 0.05)
    try:
        with pytest.raises(GraphError, match="index.sqlite: the index of parts is locked"):
            parts.PartIndex(tmp_path, [])
    finally:
        holder.rollback()
        holder.close()
    assert not list(tmp_path.glob(parts.INDEX_FILE + ".set-aside-*"))
    assert parts.PartIndex(tmp_path, []).digests() is not None  # untouched, and read once free


def test_a_damaged_index_takes_its_journal_along(tmp_path, monkeypatch):
    (tmp_path / parts.INDEX_FILE).write_bytes(b"not a database at all" * 100)
    (tmp_path / (parts.INDEX_FILE + "-journal")).write_bytes(b"a journal of that file")
    # SQLite itself deletes a journal it cannot use when it opens the file; one it left is kept beside it
    monkeypatch.setattr(parts.PartIndex, "_check", lambda self: "damaged (as the test says)")
    notes: list[str] = []
    parts.PartIndex(tmp_path, notes).close()
    (moved,) = tmp_path.glob(parts.INDEX_FILE + ".set-aside-*[0-9]")
    assert moved.with_name(moved.name + "-journal").read_bytes() == b"a journal of that file"
    assert not (tmp_path / (parts.INDEX_FILE + "-journal")).exists()
    assert "set aside" in notes[0]


def test_unfinished_indexes_of_dead_processes_are_removed(tmp_path):
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f"{parts.INDEX_FILE}.partial-{int(child.stdout)}"
    alive = tmp_path / f"{parts.INDEX_FILE}.partial-{os.getpid()}"  # a build still writing it
    for p in (dead, dead.with_name(dead.name + "-journal"), alive):
        p.write_bytes(b"half an index")
    parts.PartIndex(tmp_path, []).close()
    assert not dead.exists() and not dead.with_name(dead.name + "-journal").exists()
    assert alive.exists()


def test_a_triple_leaves_when_no_part_makes_it_and_works_for_gives_way_to_leader_of(tmp_path):
    s, o = "<https://kg-news.org/id/entity/a>", "<https://kg-news.org/id/entity/b>"
    works, leads = f"{s} <{KG.worksFor}> {o}", f"{s} <{KG.leaderOf}> {o}"
    label = f'{s} <http://www.w3.org/2000/01/rdf-schema#label> "A"'
    index = _index_of(tmp_path, {"a:one": [works, label], "a:two": [leads, label], "a:three": [works]})
    # "two" leaves: nobody leads any more, so the worksFor that "one" and "three" make appears; the label stays
    assert index.difference({}, ["a:two"]) == ([works], [leads])
    # "one" changes to lose its label and its worksFor: "two" and "three" still make them
    assert index.difference({"a:one": []}, []) == ([], [])
    # "two" and "three" leave, "one" now leads: worksFor stays hidden, leaderOf stays
    assert index.difference({"a:one": [leads]}, ["a:two", "a:three"]) == ([], [label])
    index.close()


def test_an_index_made_for_another_store_is_not_trusted(tmp_path):
    from rdflib import Graph, Literal, URIRef

    g = Graph()
    g.add((URIRef(f"{ID}entity/x"), KG.mentionCount, Literal(1)))
    store.write_store(tmp_path, g)
    _index_of(tmp_path, {"a": ["<x> <y> <z>"]}).close()
    notes: list[str] = []
    assert parts.PartIndex(tmp_path, notes).digests() == {"a": "d"} and not notes
    shutil.rmtree(tmp_path / store.STORE_DIR)  # another store in its place (a store has its own identity)
    store.write_store(tmp_path, g)
    index = parts.PartIndex(tmp_path, notes)
    assert index.digests() is None
    index.close()
    assert notes == [f"{tmp_path / parts.INDEX_FILE}: made for another store than {tmp_path / 'store'} (replaced, "
                     "or copied from another folder); the store is compared whole and the index made anew"]
    db = sqlite3.connect(tmp_path / parts.INDEX_FILE)
    with db:
        db.execute("DELETE FROM meta WHERE name = 'store'")  # an index of an earlier kg
    db.close()
    notes.clear()
    assert parts.PartIndex(tmp_path, notes).digests() is None
    assert notes[0].endswith("index.sqlite: does not say which store it describes; the store is compared whole and "
                             "the index made anew")


class _Plan:
    """What outputs._stream_parts reads of a parts.Plan: its digests and each part's N-Triples."""

    def __init__(self, parts_: dict[str, list[str]]):
        self.parts = parts_
        self.digests = {p: f"d-{p}" for p in parts_}
        self.asked: list[str] = []

    def nt(self, part: str, *, keep: bool = True) -> list[str]:
        assert keep is False  # the streamed load keeps no part's rdflib terms
        self.asked.append(part)
        return self.parts[part]


def test_a_first_store_is_streamed_part_by_part_with_the_rule_that_spans_parts(tmp_path):
    s, o, x = ("<https://kg-news.org/id/entity/a>", "<https://kg-news.org/id/entity/b>",
               "<https://kg-news.org/id/entity/c>")
    works, leads = f"{s} <{KG.worksFor}> {o}", f"{s} <{KG.leaderOf}> {o}"
    other = f"{x} <{KG.worksFor}> {o}"  # nobody says c leads b: it stays
    label = f'{s} <http://www.w3.org/2000/01/rdf-schema#label> "A \\"quoted\\" é"'
    plan = _Plan({"a:one": [works, label], "a:two": [leads, label, other]})
    index = parts.PartIndex(tmp_path, [])
    count = store.load_ntriples(tmp_path, lambda sink, made: outputs._stream_parts(plan, index, {"k": ["x"]}, sink,
                                                                                   made))
    assert plan.asked == ["a:one", "a:two"]  # each part made once
    assert _store_triples(tmp_path) == {leads, label, other} and count == 3
    assert not list(tmp_path.glob(".store-loading-*")) and not list(tmp_path.glob(".store-partial-*"))
    assert (tmp_path / store.STORE_DIR / "kg-labels.sqlite").is_file()  # as every store write makes it
    notes: list[str] = []
    index = parts.PartIndex(tmp_path, notes)
    # the index describes the store now in place, though it was written before the store was
    assert index.digests() == plan.digests and index.local_keys() == {"k": ["x"]} and not notes
    assert index.difference({}, ["a:two"]) == ([works], sorted([leads, other]))  # the index holds every part
    index.close()


# ---------------------------------------------------------------- event clustering replayed (kg/events_memo.py)

EVENTS = Path(__file__).resolve().parent.parent / "gold" / "events" / "articles"


def _clusters(events) -> list:
    return [([(r.doc_id, r.event) for r in c.mentions], [c2.first.event for c2 in c.caused_by]) for c in events]


@pytest.mark.model
def test_replaying_a_clustering_from_its_choices_gives_the_same_events(nlp):
    from kg import events_resolve as er
    from kg.resolve import resolve

    exs = pipeline.build([EVENTS], write=False).extractions
    _, index = resolve(exs)
    record: list[int] = []
    fresh = er.cluster_events(exs, index, record=record)
    refs = er.mention_refs(exs, index)
    assert len(record) == len(refs) and len(fresh) < len(refs)  # some reports joined others
    # every prefix: whole articles (the keys that name an article are not made for those replayed before the
    # first one clustered anew) and prefixes that end inside an article
    assert any(a.doc_id != b.doc_id for a, b in zip(refs, refs[1:]))
    assert any(r.event.kind == "OtherEvent" and r.event.args for r in refs)
    for cut in range(len(record) + 1):
        again: list[int] = []
        assert _clusters(er.cluster_events(exs, index, replay=record[:cut], record=again)) == _clusters(fresh)
        assert again == record
    with pytest.raises(ValueError, match="names no event"):
        er.cluster_events(exs, index, replay=[len(refs) + 5])


def _spy_replay(monkeypatch) -> list[tuple[int, int]]:
    """(mentions replayed, mentions) of each clustering from now on."""
    from kg import events_resolve as er

    seen: list[tuple[int, int]] = []
    real = er.cluster_refs

    def spy(refs, replay=(), record=None):
        seen.append((len(replay), len(refs)))
        return real(refs, replay, record)

    monkeypatch.setattr(er, "cluster_refs", spy)
    return seen


def _same_as_fresh(corpus: Path, out: Path, tmp_path: Path) -> None:
    fresh_out = tmp_path / "fresh"
    shutil.rmtree(fresh_out, ignore_errors=True)
    fresh = pipeline.build([corpus], fresh_out)
    assert (out / "graph.ttl").read_bytes() == fresh.ttl_path.read_bytes()
    assert _store_triples(out) == _store_triples(fresh_out)


@pytest.mark.model
def test_event_clustering_is_replayed_up_to_the_first_change(tmp_path, nlp, monkeypatch):
    from kg import events_memo

    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(EVENTS.glob("*.txt"))}
    assert list(texts) == ["broadcaster-c", "paper-d", "wire-a", "wire-b"]  # in the order clustering visits them
    out, corpus = tmp_path / "out", tmp_path / "in"
    seen = _spy_replay(monkeypatch)

    def build(**articles):
        seen.clear()
        pipeline.build([_corpus(corpus, **articles)], out)
        _same_as_fresh(corpus, out, tmp_path)
        return seen[0]  # the build's own clustering, not the fresh one's

    no_a = {k: v for k, v in texts.items() if k != "wire-a"}
    replayed, total = build(**no_a)
    assert replayed == 0 and (out / events_memo.MEMO_FILE).exists()
    assert build(**no_a) == (total, total)  # nothing changed: every choice replayed
    # an article added in the middle: those before it are replayed, the rest clustered anew
    replayed, total = build(**texts)
    assert 0 < replayed < total
    head = replayed
    # an article changed: replayed up to it
    changed = dict(texts, **{"wire-a": texts["wire-a"] + "Officials said nothing else.\n"})
    assert build(**changed)[0] == head
    # the last article removed: everything before it replayed; the first removed: nothing
    without_b = {k: v for k, v in changed.items() if k != "wire-b"}
    replayed, total = build(**without_b)
    assert replayed == total
    assert build(**{k: v for k, v in without_b.items() if k != "broadcaster-c"})[0] == 0


@pytest.mark.model
def test_a_damaged_or_foreign_event_record_is_not_replayed(tmp_path, nlp, monkeypatch):
    from kg import events_memo

    out, corpus = tmp_path / "out", tmp_path / "in"
    shutil.copytree(EVENTS, corpus)
    pipeline.build([corpus], out)
    seen = _spy_replay(monkeypatch)
    memo = out / events_memo.MEMO_FILE
    good = memo.read_text(encoding="utf-8")
    memo.write_text(good[: len(good) // 2], encoding="utf-8")
    result = pipeline.build([corpus], out)
    assert seen[-1][0] == 0 and any(events_memo.MEMO_FILE in p.path and "cannot be read" in p.message
                                    for p in result.problems)
    assert memo.read_text(encoding="utf-8") == good  # written anew
    # choices that name events that do not exist: a note, and clustered anew
    memo.write_text(good.replace('",[0', '",[99', 1), encoding="utf-8")
    result = pipeline.build([corpus], out)
    assert any("names no event" in p.message for p in result.problems)
    _same_as_fresh(corpus, out, tmp_path)
    # written by other code: ignored without a note
    monkeypatch.setattr(events_memo, "code_digest", lambda: "other code")
    result = pipeline.build([corpus], out)
    assert seen[-1][0] == 0 and not any(events_memo.MEMO_FILE in p.path for p in result.problems)
