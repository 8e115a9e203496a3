"""Reading, decoding and atomic writing in kg.io, without the spaCy pipeline."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from kg import io
from kg.errors import InputError, KgError

CP1252 = "The minister said \u201cwe will win\u201d in Bogot\u00e1 caf\u00e9 today.\n"


def test_utf8_with_and_without_bom():
    assert io.decode("caf\u00e9 news".encode("utf-8"), "a.txt") == ("caf\u00e9 news", "utf-8")
    assert io.decode(b"\xef\xbb\xbfcaf\xc3\xa9 news", "a.txt") == ("caf\u00e9 news", "utf-8")


@pytest.mark.parametrize("encoding, name", [("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
                                            ("utf-16-be", "utf-16-be"), ("utf-32", "utf-32")])
def test_utf16_and_utf32_are_text_not_binary(encoding, name):
    text = "Angela Merkel visited Berlin on Monday. \u00c9lys\u00e9e."
    assert io.decode(text.encode(encoding), "a.txt") == (text, name)


def test_windows_1252_is_named_cp1252():
    assert io.decode(CP1252.encode("cp1252"), "a.txt") == (CP1252, "cp1252")
    assert io.decode(b"caf\xe9", "a.txt") == ("caf\u00e9", "cp1252")


def test_other_legacy_encodings_are_detected_and_named():
    text = "Президент России встретился с премьер-министром в Москве."
    decoded, encoding = io.decode(text.encode("koi8-r"), "a.txt")
    assert decoded == text and encoding.startswith("koi8")


@pytest.mark.parametrize("data, message", [
    (b"", "a.txt: file is empty"),
    (b" \n\t\r\n", "a.txt: file is empty"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a.txt: looks like a PDF document, not text; save it as plain text first"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a.txt: looks like a ZIP archive (Word, OpenDocument, EPUB or similar), not text; "
                                   "save it as plain text first"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "a.txt: looks like a PNG image, not text; save it as plain text first"),
    (b"ELF\x00\x01\x02\x00\x00\x00\x00\x03\x04\x05\x06\x07\x08", "a.txt: binary file, not text"),
    (bytes(range(1, 32)) * 20, "a.txt: binary file, not text"),
])
def test_not_text_raises_input_error_naming_the_file(data, message):
    with pytest.raises(InputError) as err:
        io.decode(data, "a.txt")
    assert str(err.value) == message


def test_random_bytes_are_refused_as_binary():
    import random

    rng = random.Random(7)
    for _ in range(20):
        data = bytes(rng.randrange(256) for _ in range(2000))
        with pytest.raises(InputError, match=r"^r\.txt: .*(binary|not text)"):
            io.decode(data, "r.txt")


def test_illegal_characters_become_spaces_so_offsets_hold():
    text, _ = io.decode(b"one\x0ctwo\x01three\x0bfour and a good deal more ordinary text", "a.txt")
    assert text == "one two three four and a good deal more ordinary text"
    assert io.clean_text("a\ud800b\ufffec\x00") == "a\ufffdb\ufffdc "
    assert len(io.clean_text("x\x1f" * 50)) == 100


def test_display_path_survives_undecodable_file_names():
    raw = os.fsdecode(b"bad-\xff-name.txt")  # a lone surrogate on POSIX
    shown = io.display_path(raw)
    assert shown == "bad-\ufffd-name.txt"
    shown.encode("utf-8")  # printable


def test_date_header_and_offset():
    when, body, offset = io.split_date_header("date 2026-01-03\nText here.")
    assert when == date(2026, 1, 3) and body == "Text here." and offset == len("date 2026-01-03\n")
    assert io.split_date_header("date 2026-02-30\nText")[0] is None  # not a real date: kept as text


def test_slugify_is_ascii_and_never_empty():
    assert io.slugify("Bogot\u00e1 <b>\"x\"</b>") == "bogota-b-x-b"
    for name in ["\u5317\u4eac", "\U0001f600", "", "\"<>\"", "\ud800"]:
        slug = io.slugify(name, "entity")
        assert slug.startswith("entity-") and slug.isascii() and len(slug) == len("entity-") + 10
    assert len(io.slugify("a" * 10_000)) == 80


def test_find_articles_sorted_each_once_and_problems(tmp_path):
    (tmp_path / "b.txt").write_text("B text", encoding="utf-8")
    (tmp_path / "a.md").write_text("A text", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "picture.png").write_bytes(b"\x89PNG")
    paths, problems = io.find_articles([tmp_path / "b.txt", tmp_path, tmp_path / "missing.txt", empty])
    assert [p.name for p in paths] == ["a.md", "b.txt"]
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'missing.txt'}: no such file or folder",
        f"{empty}: folder holds no articles ({io.ARTICLE_PATTERNS}); 1 other file ignored",
    ]
    assert [p.kind for p in problems] == ["skipped", "skipped"]


def test_link_loop_is_noted_and_not_followed(tmp_path):
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("A", encoding="utf-8")
    (root / "sub" / "up").symlink_to("..")
    (root / "sub" / "self").symlink_to(".")
    (tmp_path / "elsewhere.txt").write_text("outside", encoding="utf-8")
    (root / "parent").symlink_to(tmp_path)  # an ancestor of news/: walking it would go round
    paths, problems = io.find_articles([root])
    assert [p.name for p in paths] == ["a.txt"]
    assert sorted((p.path, p.message, p.kind) for p in problems) == [
        (str(root / "parent"), "folder link loop; not followed", "note"),
        (str(root / "sub" / "self"), "folder link loop; not followed", "note"),
        (str(root / "sub" / "up"), "folder link loop; not followed", "note"),
    ]


def test_broken_links_fifo_and_oversize(tmp_path, monkeypatch):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    paths, problems = io.find_articles([tmp_path, tmp_path / "gone.txt"])
    assert paths == []
    assert sorted(str(p) for p in problems) == sorted([
        f"{tmp_path / 'gone.txt'}: link to a missing file",
        f"{tmp_path}: folder holds no articles ({io.ARTICLE_PATTERNS}); 1 other file ignored",
    ])
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file$"):
        io.read_article(fifo)  # must not block
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    monkeypatch.setattr(io, "MAX_ARTICLE_BYTES", 100)
    with pytest.raises(InputError) as err:
        io.read_article(big)
    assert str(err.value) == f"{big}: file is 500 bytes, over the 100 bytes limit for one article"


def test_unreadable_file_names_the_file(tmp_path, monkeypatch):
    f = tmp_path / "secret.txt"
    f.write_text("text", encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError) as err:
        io.read_article(f)
    assert str(err.value) == f"{f}: cannot read (Permission denied)"


def test_read_article_reports_encoding_and_hash(tmp_path):
    f = tmp_path / "Le Monde \u00e9dition.txt"
    f.write_bytes(("date 2026-01-03\n" + CP1252).encode("cp1252"))
    doc = io.read_article(f)
    assert doc.encoding == "cp1252" and doc.text == CP1252 and doc.date == date(2026, 1, 3)
    assert doc.doc_id == "le-monde-edition" and len(doc.sha256) == 64
    f.write_text("date 2026-01-03\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text after the date line"):
        io.read_article(f)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_atomic_write_keeps_old_file_on_failure(tmp_path):
    target = tmp_path / "graph.ttl"
    io.write_text_atomic(target, "old")
    with pytest.raises(RuntimeError):
        with io.atomic_path(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old" and _leftovers(tmp_path) == []
    io.write_text_atomic(target, "new \u00e9")
    assert target.read_text(encoding="utf-8") == "new \u00e9" and _leftovers(tmp_path) == []
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode


def test_write_files_atomic_all_or_nothing(tmp_path, monkeypatch):
    a, b = tmp_path / "graph.ttl", tmp_path / "graph.html"
    io.write_files_atomic({a: "old a", b: "old b"})
    real_write = Path.write_text
    calls = []

    def full_disk(self, text, **kw):
        calls.append(self)
        if len(calls) == 2:
            real_write(self, text[:3], **kw)
            raise OSError(28, "No space left on device")
        return real_write(self, text, **kw)

    monkeypatch.setattr(Path, "write_text", full_disk)
    with pytest.raises(KgError) as err:
        io.write_files_atomic({a: "new a", b: "new b"})
    assert str(err.value) == f"{b}: cannot write (No space left on device); the previous file is kept"
    assert a.read_text(encoding="utf-8") == "old a" and b.read_text(encoding="utf-8") == "old b"
    assert _leftovers(tmp_path) == []


def test_unwritable_output_is_a_kg_error(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(KgError, match=r"out/graph\.ttl: cannot write \("):
        io.write_text_atomic(blocker / "graph.ttl", "x")


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf \n", " \n\t".encode("utf-16"), "  ".encode("utf-16-le")])
def test_a_bom_or_wide_spaces_alone_is_an_empty_file(data):
    # found by tests/test_fuzz.py: a lone BOM used to be read as an article with no text
    with pytest.raises(InputError, match=r"^a\.txt: file is empty$"):
        io.decode(data, "a.txt")


def test_file_link_loops_are_named_not_fatal(tmp_path):
    (tmp_path / "x.txt").symlink_to("y.txt")
    (tmp_path / "y.txt").symlink_to("x.txt")
    (tmp_path / "ok.txt").write_text("text", encoding="utf-8")
    paths, problems = io.find_articles([tmp_path, tmp_path / "x.txt"])
    assert [p.name for p in paths] == ["ok.txt"]
    assert sorted(str(p) for p in problems) == [  # named once, though reached twice
        f"{tmp_path / 'x.txt'}: link loop; not followed",
        f"{tmp_path / 'y.txt'}: link loop; not followed",
    ]


def test_utf8_with_a_few_bad_bytes_stays_utf8():
    data = "Bogot\u00e1, S\u00e3o Paulo, Z\u00fcrich, Krak\u00f3w \u2014 \u201cquoted\u201d ".encode("utf-8") + b"\xe9\x93 end"
    text, encoding = io.decode(data, "a.txt")
    assert text.startswith("Bogot\u00e1, S\u00e3o Paulo") and text.endswith("\ufffd end")
    assert encoding == "utf-8 with 1 bad byte sequence replaced"
    # legacy text, even with a sequence that happens to be valid UTF-8, is not mistaken for it
    text = "Le caf\u00e9 \u00e0 Bogot\u00e1 \u00c3\u00a9tait \u201cferm\u00e9\u201d hier soir, a dit le maire."
    assert io.decode(text.encode("cp1252"), "a.txt") == (text, "cp1252")


def test_a_file_reached_by_several_paths_is_found_once(tmp_path):
    # the real path of a file that is no link is its folder's real path and its name: no system call per file
    root, other = tmp_path / "news", tmp_path / "other"
    root.mkdir()
    other.mkdir()
    (other / "a.txt").write_text("Alpha", encoding="utf-8")
    (root / "b.txt").write_text("Beta", encoding="utf-8")
    (root / "link-to-a.txt").symlink_to(other / "a.txt")
    (root / "mirror").symlink_to(other)  # a.txt again, through a folder link
    paths, problems = io.find_articles([root, other, other / "a.txt", root / "b.txt"])
    assert problems == []
    assert sorted(p.resolve().name for p in paths) == ["a.txt", "b.txt"]
    assert len(paths) == 2
