"""graph.ttl written directly, in one pass over the sorted triples.

rdflib's Turtle serializer works out a prefixed name for every term and orders subjects by their
references, which took 60% of the part of a build that no worker can share (8 of 13 seconds for 1,000
articles). kg's graph has no blank nodes, so a plain writer does: subjects in order of their N-Triples
form, `a` first and then the predicates in that order, objects in that order; an IRI becomes a prefixed
name only when its local part is a plain name, literals are written by rdflib's own literal writer. The
same triples give the same bytes whatever order they were added in.
"""

from __future__ import annotations

import re
from itertools import groupby

from rdflib import RDF, BNode, Graph, Literal, URIRef

from .errors import GraphError

# A local name that needs no escaping in Turtle (a subset of PN_LOCAL); anything else is written <...>.
_PLAIN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def turtle(graph: Graph) -> str:
    """graph as Turtle: prefixes that are used, then one block per subject."""
    by_namespace = {str(ns): prefix for prefix, ns in graph.namespaces() if prefix}
    names: dict[str, str | None] = {}
    used: set[str] = set()

    def pname(iri: str) -> str | None:
        if iri in names:
            return names[iri]
        cut = max(iri.rfind("#"), iri.rfind("/")) + 1
        prefix = by_namespace.get(iri[:cut]) if cut else None
        local = iri[cut:]
        name = f"{prefix}:{local}" if prefix is not None and _PLAIN_LOCAL.fullmatch(local) else None
        if name:
            used.add(prefix)
        names[iri] = name
        return name

    def term(node) -> str:
        if isinstance(node, URIRef):
            return pname(str(node)) or node.n3()
        if isinstance(node, Literal):
            return node._literal_n3(use_plain=True, qname_callback=pname)
        if isinstance(node, BNode):
            raise GraphError("graph.ttl cannot hold blank nodes; every node of kg's graph has an IRI")
        return node.n3()

    # One subject at a time, in the order of their N-Triples forms: only that subject's triples are ever
    # held as sorted rows (all the graph's rows at once took about as much memory as the graph itself).
    blocks: list[str] = []
    a = RDF.type.n3()
    for _, subject in sorted((s.n3(), s) for s in set(graph.subjects())):
        subject_rows = sorted((p.n3(), o.n3(), p, o) for p, o in graph.predicate_objects(subject))
        # rdf:type first, as `a`; the sort keeps the rest in the N-Triples order of their predicates
        subject_rows.sort(key=lambda r: r[0] != a)
        lines = []
        for _, pred_rows in groupby(subject_rows, key=lambda r: r[0]):
            pred_rows = list(pred_rows)
            pred = pred_rows[0][2]
            verb = "a" if pred == RDF.type else term(pred)
            lines.append(f"{verb} " + ",\n        ".join(term(r[3]) for r in pred_rows))
        blocks.append(f"{term(subject)} " + " ;\n    ".join(lines) + " .\n")
    head = "".join(f"@prefix {prefix}: <{ns}> .\n"
                   for ns, prefix in sorted(by_namespace.items(), key=lambda item: item[1]) if prefix in used)
    return head + "\n" + "\n".join(blocks) + ("\n" if blocks else "")
