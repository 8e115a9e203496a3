"""The one place that chains the stages: read -> nlp -> extract -> resolve -> graph -> write."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import RDF, Graph

from . import io, nlp as nlp_mod
from .errors import InputError
from .extract.entities import extract_mentions
from .extract.events import extract_events
from .extract.relations import extract_relations
from .graph import build_graph
from .ontology import KG
from .records import Document, Extraction, Sentence
from .resolve import Entity, resolve


@dataclass
class BuildResult:
    """What a build produced, for the CLI to report."""

    graph: Graph
    extractions: list[Extraction]
    entities: list[Entity]
    problems: list[io.Problem] = field(default_factory=list)
    ttl_path: Path | None = None
    html_path: Path | None = None

    def counts(self) -> dict[str, object]:
        by_class = Counter(e.cls for e in self.entities)
        return {
            "articles": len(self.extractions),
            "entities": len(self.entities),
            "entities_by_class": dict(sorted(by_class.items())),
            "relations": sum(1 for _ in self.graph.subjects(RDF.type, KG.Statement)),
            "events": sum(len(ex.events) for ex in self.extractions),
            "triples": len(self.graph),
            "problems": len(self.problems),
        }


def extract_document(doc: Document, sdoc) -> Extraction:
    """All records one analysed article yields."""
    sentences = [Sentence(s.start_char, s.end_char, s.text) for s in sdoc.sents]
    mentions = extract_mentions(sdoc)
    relations = extract_relations(sdoc, mentions, article_date=doc.date)
    events = extract_events(sdoc, mentions, article_date=doc.date)
    return Extraction(doc=doc, sentences=sentences, mentions=mentions, relations=relations, events=events)


def analyse(documents: Iterable[Document], *, model: str = nlp_mod.DEFAULT_MODEL, jobs: int = 1,
            batch_size: int = 16) -> Iterator[Extraction]:
    """Run the NLP and the extractors over documents, streaming."""
    nlp = nlp_mod.load_nlp(model)
    pairs = ((d.text, d) for d in documents)
    for sdoc, doc in nlp_mod.pipe_docs(nlp, pairs, batch_size=batch_size, n_process=jobs):
        yield extract_document(doc, sdoc)


def analyse_text(text: str, *, doc_date: date | None = None, doc_id: str = "text",
                 model: str = nlp_mod.DEFAULT_MODEL) -> Extraction:
    """Analyse one text given directly (tests, evaluation)."""
    when, body, offset = io.split_date_header(text)
    doc = Document(text=body, source=doc_id, doc_id=doc_id, date=when or doc_date, offset=offset)
    return next(analyse([doc], model=model))


def read_documents(inputs: list[str | Path], default_date: date | None,
                   problems: list[io.Problem]) -> list[Document]:
    """Read every article; unreadable files become problems, duplicates are read once.

    Skipped files are problems of kind "skipped"; a duplicate or an encoding other than UTF-8 is a "note".
    """
    from dataclasses import replace

    paths, found_problems = io.find_articles(inputs)
    problems.extend(found_problems)
    docs: list[Document] = []
    seen_hash: dict[str, str] = {}
    used_ids: set[str] = set()
    for path in paths:
        name = io.display_path(path)
        try:
            doc = io.read_article(path, default_date)
        except InputError as e:
            problems.append(io.Problem(name, str(e).removeprefix(f"{name}: ")))
            continue
        if doc.sha256 in seen_hash:
            problems.append(io.Problem(name, f"same content as {seen_hash[doc.sha256]}; read once", "note"))
            continue
        if doc.encoding not in ("utf-8", "ascii"):
            problems.append(io.Problem(name, f"not UTF-8; read as {doc.encoding}", "note"))
        seen_hash[doc.sha256] = doc.source
        doc_id = doc.doc_id
        n = 2
        while doc_id in used_ids:
            doc_id = f"{doc.doc_id}-{n}"
            n += 1
        used_ids.add(doc_id)
        docs.append(replace(doc, doc_id=doc_id))
    return docs


def build_from_extractions(extractions: list[Extraction]) -> tuple[Graph, list[Entity]]:
    entities, index = resolve(extractions)
    return build_graph(extractions, entities, index), entities


def build(inputs: list[str | Path], out_dir: str | Path = "output", *, default_date: date | None = None,
          model: str = nlp_mod.DEFAULT_MODEL, jobs: int = 1, write: bool = True,
          progress: Callable[[int], None] | None = None) -> BuildResult:
    """Build the graph of the given articles and write graph.ttl and graph.html into out_dir."""
    problems: list[io.Problem] = []
    docs = read_documents(inputs, default_date, problems)
    extractions: list[Extraction] = []
    for ex in analyse(docs, model=model, jobs=jobs):
        extractions.append(ex)
        if progress:
            progress(1)
    graph, entities = build_from_extractions(extractions)
    result = BuildResult(graph=graph, extractions=extractions, entities=entities, problems=problems)
    if write and extractions:
        out = Path(out_dir)
        result.ttl_path = out / "graph.ttl"
        result.html_path = out / "graph.html"
        from .render import render_html

        # Both texts are made before either file is touched: a failure keeps the previous pair.
        io.write_files_atomic({result.ttl_path: serialize_turtle(graph), result.html_path: render_html(graph)})
    return result


def serialize_turtle(graph: Graph) -> str:
    """Turtle that is byte-identical for the same triples, whatever order they were added in.

    Every writer of graph.ttl calls this. rdflib sorts subjects and predicates but keeps insertion
    order among objects that compare equal (1, 1.0, "1"), so the triples are re-added in a canonical order.
    """
    from .graph import new_graph

    canonical = new_graph()
    for prefix, ns in graph.namespaces():
        canonical.bind(prefix, ns, override=True)
    for triple in sorted(graph, key=lambda t: tuple(term.n3() for term in t)):
        canonical.add(triple)
    return canonical.serialize(format="turtle")
