"""Small frozen records passed between the stages of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Document:
    """One article: its text (without the date header), where it came from and when."""

    text: str
    source: str
    doc_id: str
    date: date | None = None
    offset: int = 0  # characters removed from the start of the file (the date header)
    sha256: str = ""
    encoding: str = "utf-8"
    # What a web page, feed entry or data record says about itself (empty when it says nothing).
    title: str = ""
    author: str = ""
    url: str = ""
    publisher: str = ""  # the outlet: "Reuters", a site or feed name
    record: str = ""  # where in its file the article is: "line 12", "entry 3", "record <urn:uuid:...>"


@dataclass(frozen=True)
class Mention:
    """A name in the text that denotes an entity."""

    start: int
    end: int
    text: str
    name: str  # normalised surface name, e.g. "United States" for "the US"
    cls: str  # ontology class local name, e.g. "Person"
    label: str  # spaCy label or rule that found it
    sent: int  # sentence index within the document
    kind: str = "name"  # name | demonym | modifier | title
    key: str = ""  # resolution key when the name alone is not one ("armed:US" for "US military")


@dataclass(frozen=True)
class Relation:
    """A typed fact between two mentions, with where it was read."""

    subj: Mention
    pred: str  # ontology property local name
    obj: Mention
    sent: int
    rule: str
    confidence: float
    verb: str | None = None  # for the generic `relatedTo` relation
    role: str | None = None  # the title a role relation names: "president", "journalist"
    date: date | None = None
    source: Mention | None = None  # attribution: "according to X"
    former: bool = False  # a role held before the time of the report: "former minister", "then-President"
    background: bool = False  # from kg's background knowledge (the gazetteer), not stated by the sentence


@dataclass(frozen=True)
class Event:
    """Something that happened: an n-ary record in the style of SEM."""

    kind: str  # ontology class local name, e.g. "Attack"
    trigger: str
    start: int
    end: int
    sent: int
    rule: str
    confidence: float
    actors: tuple[Mention, ...] = ()
    targets: tuple[Mention, ...] = ()
    places: tuple[Mention, ...] = ()
    date: date | None = None
    counts: tuple[tuple[str, int], ...] = ()  # e.g. (("killed", 8),)
    source: Mention | None = None
    anaphoric: bool = False  # "the attacks": refers back to an event told before; joins it or is dropped
    args: tuple[str, ...] = ()  # lemmas of its argument words ("shares" in "shares fell"), for events of no typed kind


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Extraction:
    """Everything read from one document."""

    doc: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
