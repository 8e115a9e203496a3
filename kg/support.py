"""What a build counts across reports, so that the page and the named queries read it instead of counting.

- Outlets: each article counts for one outlet, its publisher when the graph knows it (`dcterms:publisher`),
  else the web site it was read from (the host of its address), else the article itself (a file of unknown
  origin is its own outlet). Every statement of a relation carries `kg:outletCount`, the number of distinct
  outlets among all the statements of its triple; every event carries the number among its reports.
- Disputes: an event carries `kg:disputed` for each figure (`kg:casualties`, `kg:injured`, `kg:quantity`)
  and for the date (`kg:date`) its reports give differently, and `sem:hasActor` when two reports name
  actors neither of which includes the other's side (entities compared, not names: "the US" and "United
  States" are one entity; two people of one surname are two; a country stands for its forces and
  government, as in event clustering).
- Actions of no typed kind (`kg:OtherEvent`) are left out of disputes and tallies.
- Sources: one `kg:SourceTally` per outlet and per cited person or body (`kg:accordingTo`) that reports
  events: how many events and reports, and for how many events it is the only source of its kind.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from rdflib import RDF, Graph, Literal, URIRef

from .events_resolve import EventCluster
from .extract.event_types import GENERIC
from .ontology import ID, KG, SEM

_WEB = re.compile(r"https?://[^/?#\s]\S*\Z", re.I)
FIGURES = (KG.casualties, KG.injured, KG.quantity)

Outlet = tuple[str, str]  # ("publisher", IRI) | ("host", host name) | ("article", IRI)


def web_host(url: object) -> str | None:
    """The host of a web address, lower-case, without "www." ("https://www.Example.org/a" -> "example.org")."""
    text = str(url or "").strip()
    if not _WEB.match(text):
        return None
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return None
    return (host[4:] if host.startswith("www.") else host) or None


def outlet_key(publisher: object, url: object, article: object) -> Outlet:
    """The outlet an article counts for: its publisher, else its web site, else the article itself."""
    if publisher is not None:
        return ("publisher", str(publisher))
    host = web_host(url)
    return ("host", host) if host else ("article", str(article))


def add_outlet_counts(g: Graph, statements: dict[tuple, list[tuple[URIRef, str]]],
                      outlets: dict[str, Outlet], totals: dict[tuple, int] | None = None) -> None:
    """kg:outletCount on every statement: the outlets supporting its triple (statements: triple -> (statement,
    article id) pairs). totals, when given, are the counts over a larger build this graph is a part of."""
    for triple, pairs in statements.items():
        n = totals[triple] if totals and triple in totals else len({outlets[d] for _, d in pairs})
        for st, _ in pairs:
            g.add((st, KG.outletCount, Literal(n)))


def relation_outlets(relations: Iterable[tuple[tuple, str]], outlets: dict[str, Outlet]) -> dict[tuple, int]:
    """How many outlets support each triple, from (triple, article id) pairs."""
    seen: dict[tuple, set[Outlet]] = defaultdict(set)
    for triple, doc_id in relations:
        seen[triple].add(outlets[doc_id])
    return {t: len(s) for t, s in seen.items()}


def _sides_disagree(sides: list[frozenset[str]]) -> bool:
    """Two reports name actors and neither report's sides include the other's: the sets named do not form a
    chain (each within the next larger), which consecutive sets by size tell."""
    named = sorted({s for s in sides if s}, key=len)
    return any(not a <= b for a, b in zip(named, named[1:]))


def add_event_tallies(g: Graph, clusters: list[EventCluster], event_nodes: list[URIRef],
                      outlets: dict[str, Outlet], outlet_names: dict[Outlet, str], cited) -> None:
    """kg:outletCount and kg:disputed on each event; a kg:SourceTally for each source of events.

    cited(mention) gives the IRI and name of the source a report cites (kg:accordingTo), or None."""
    # (kind, source key) -> events, reports; and the name and IRI of the source
    events_of: dict[tuple[str, object], set[URIRef]] = defaultdict(set)
    reports_of: dict[tuple[str, object], int] = defaultdict(int)
    alone_of: dict[tuple[str, object], int] = defaultdict(int)
    about: dict[tuple[str, object], tuple[str, URIRef | None]] = {}
    for cluster, event in zip(clusters, event_nodes):
        if cluster.kind == GENERIC:  # actions of no typed kind (kg:OtherEvent): counted, neither tallied nor disputed
            g.add((event, KG.outletCount, Literal(len({outlets[ref.doc_id] for ref in cluster.mentions}))))
            continue
        by_kind: dict[str, set] = {"outlet": set(), "cited": set()}
        for ref in cluster.mentions:
            outlet = outlets[ref.doc_id]
            keys = [("outlet", outlet)]
            about[keys[0]] = (outlet_names[outlet], URIRef(outlet[1]) if outlet[0] != "host" else None)
            source = cited(ref)
            if source is not None:
                keys.append(("cited", source[0]))
                about[keys[1]] = (source[1], source[0])
            for key in keys:
                events_of[key].add(event)
                reports_of[key] += 1
                by_kind[key[0]].add(key[1])
        g.add((event, KG.outletCount, Literal(len(by_kind["outlet"]))))
        for kind, sources in by_kind.items():
            if len(sources) == 1:
                alone_of[(kind, next(iter(sources)))] += 1
        for prop in (*FIGURES, KG.date):
            if len({v for ref in cluster.mentions for v in _stated(ref.event, prop)}) > 1:
                g.add((event, KG.disputed, prop))
        if _sides_disagree([ref.actors for ref in cluster.mentions]):
            g.add((event, KG.disputed, SEM.hasActor))
    for key, events in events_of.items():
        kind, source = key
        name, iri = about[key]
        node = ID[f"sources/{kind}/{hashlib.sha1(repr(source).encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"]
        g.add((node, RDF.type, KG.SourceTally))
        if iri is not None:
            g.add((node, KG.tallyOf, iri))
        g.add((node, KG.sourceName, Literal(name)))
        g.add((node, KG.sourceKind, Literal(kind)))
        g.add((node, KG.eventCount, Literal(len(events))))
        g.add((node, KG.reportsGiven, Literal(reports_of[key])))
        g.add((node, KG.onlySourceCount, Literal(alone_of[key])))


def _stated(ev, prop) -> list:
    """The values a report states for a figure or its date (as graph.add_event_mention writes them)."""
    if prop == KG.date:
        return [ev.date] if ev.date else []
    return [value for name, value in ev.counts if KG[name] == prop]
