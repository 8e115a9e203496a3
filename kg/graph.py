"""From resolved entities, relations and events to an rdflib Graph with provenance."""

from __future__ import annotations

import hashlib
import heapq
import re
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from itertools import combinations
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from .events_resolve import EventCluster, cluster_events
from . import lexicon as L
from .extract.event_types import GENERIC
from .extract import registry
from .extract.registry import Article
from .io import clean_text, slugify
from .ontology import DCTERMS, GAF, GEONAMES, ID, KG, NIF, SCHEMA, SEM, TOP_CLASS, bind_prefixes
from .records import Event, Extraction, Mention, Relation
from .resolve import Entity
from .support import add_event_tallies, add_outlet_counts, outlet_key


def article_iri(doc_id: str) -> URIRef:
    return ID[f"article/{doc_id}"]


def entity_iri(entity: Entity) -> URIRef:
    return ID[f"entity/{entity.slug}"]


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()[:12]


def text_literal(text: str) -> Literal:
    """A string literal from article text, without characters that Turtle or RDF/XML tools reject."""
    return Literal(clean_text(text))


def _confidence(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 2))), datatype=XSD.decimal)


def new_graph() -> Graph:
    """An empty graph in rdflib's SimpleMemory store: kg's graph has no named graphs, and without the context
    bookkeeping of rdflib's default store it is built, read and written a third faster, in a sixth less memory."""
    return bind_prefixes(Graph(store="SimpleMemory"))


def add_article(g: Graph, ex: Extraction) -> URIRef:
    doc = ex.doc
    art = article_iri(doc.doc_id)
    g.add((art, RDF.type, KG.Article))
    g.add((art, RDFS.label, Literal(doc.doc_id)))
    g.add((art, KG.sourceFile, text_literal(doc.source)))
    if doc.sha256:
        g.add((art, KG.contentHash, Literal(doc.sha256)))
    if doc.date:
        g.add((art, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
    if doc.record:
        g.add((art, KG.sourceRecord, text_literal(doc.record)))
    if doc.title.strip():
        g.add((art, DCTERMS.title, text_literal(" ".join(doc.title.split()))))
    if doc.author.strip():
        g.add((art, DCTERMS.creator, text_literal(" ".join(doc.author.split()))))
    url = web_iri(doc.url)
    if url is not None:
        g.add((art, SCHEMA.url, url))
    return art


_WEB_IRI = re.compile(r"https?://[^/?#\s]\S*\Z", re.I)


def web_iri(url: str) -> URIRef | None:
    """An http(s) address as an IRI safe in Turtle and SPARQL (characters IRIs forbid are %-encoded)."""
    url = url.strip()
    if not _WEB_IRI.match(url):
        return None
    return URIRef(quote(clean_text(url), safe=":/?#[]@!$&'()*+,;=%~"))


# "BBC News - World", "The Daily Planet | Home" (names come with their spaces normalised to one)
_OUTLET_PART = re.compile(" [-|\u2013\u2014:] ")


def _fold(name: str) -> str:
    words = re.sub(r"[^\w]+", " ", name.casefold()).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def add_publishers(g: Graph, extractions: list[Extraction], entities: list[Entity]) -> dict[str, URIRef]:
    """dcterms:publisher from each article to its outlet: the organization of that name the articles speak
    of ("according to Reuters") if there is one, else a new kg:NewsOrganization node. Returns the publisher
    of each article id that has one."""
    found: dict[str, URIRef] = {}
    by_name: dict[str, URIRef] = {}
    for ent in sorted(entities, key=lambda e: (e.cls != "NewsOrganization", e.slug)):
        if TOP_CLASS.get(ent.cls) == "Organization":
            for name in (ent.label, *ent.aliases):
                by_name.setdefault(_fold(name), entity_iri(ent))
    slugs = {e.slug for e in entities}
    for ex in extractions:
        raw = " ".join(ex.doc.publisher.split())
        if not raw or not _fold(raw):
            continue
        # a feed or site title often adds a section or slogan after a dash or bar: the outlet is the first part
        candidates = [raw, _OUTLET_PART.split(raw)[0]]
        node = next((by_name[_fold(c)] for c in candidates if _fold(c) in by_name), None)
        if node is None:
            label = candidates[1] if _fold(candidates[1]) else raw
            slug = slugify(label, "publisher")
            if slug in slugs:
                slug += "-newsorganization"
            node = ID[f"entity/{slug}"]
            g.add((node, RDF.type, KG.NewsOrganization))
            g.add((node, RDFS.label, text_literal(label)))
            for c in candidates:
                by_name.setdefault(_fold(c), node)
        g.add((article_iri(ex.doc.doc_id), DCTERMS.publisher, node))
        found[ex.doc.doc_id] = node
    return found


def add_entity(g: Graph, ent: Entity, mention_counts: dict[str, int] | None = None) -> URIRef:
    node = entity_iri(ent)
    g.add((node, RDF.type, KG[ent.cls]))
    g.add((node, RDFS.label, text_literal(ent.label)))
    for alias in ent.aliases:
        g.add((node, SKOS.altLabel, text_literal(alias)))
    for doc_id in ent.articles:
        g.add((node, KG.mentionedIn, article_iri(doc_id)))
    g.add((node, KG.mentionCount, Literal(len(ent.mentions))))
    g.add((node, KG.articleCount, Literal(len(set(ent.articles)))))
    if ent.geonameid:
        g.add((node, OWL.sameAs, GEONAMES[f"{ent.geonameid}/"]))
    if ent.iso and ent.cls == "Country":
        g.add((node, KG.isoCode, Literal(ent.iso)))
    return node


# How many pairs of entities named together the graph keeps (kg:CoMention): the pairs that share the most
# articles, so that the `together` query lists them without counting over every mention.
CO_MENTIONS = 1000


def add_co_mentions(g: Graph, entities: list[Entity], keep: int = CO_MENTIONS) -> None:
    """The `keep` pairs of entities named in the most articles in common, each a kg:CoMention node.

    Ties are broken by the entities' IRIs, so the same entities always give the same pairs. The work is the
    sum over articles of the square of the entities each names, done once per build.
    """
    iris = sorted(str(entity_iri(e)) for e in entities)
    rank = {iri: i for i, iri in enumerate(iris)}
    by_article: dict[str, list[int]] = defaultdict(list)
    for ent in entities:
        for doc_id in set(ent.articles):
            by_article[doc_id].append(rank[str(entity_iri(ent))])
    shared: Counter[tuple[int, int]] = Counter()
    for ids in by_article.values():
        shared.update(combinations(sorted(ids), 2))
    best = heapq.nsmallest(keep, shared.items(), key=lambda item: (-item[1], item[0]))
    for (a, b), count in best:
        first, second = URIRef(iris[a]), URIRef(iris[b])
        node = ID[f"together/{first.rsplit('/', 1)[1]}/{second.rsplit('/', 1)[1]}"]
        g.add((node, RDF.type, KG.CoMention))
        g.add((node, KG.between, first))
        g.add((node, KG.between, second))
        g.add((node, KG.articleCount, Literal(count)))


def _provenance(g: Graph, node: URIRef, ex: Extraction, sent: int, rule: str, confidence: float,
                source: URIRef | None) -> None:
    doc = ex.doc
    s = ex.sentences[sent]
    g.add((node, PROV.wasDerivedFrom, article_iri(doc.doc_id)))
    g.add((node, KG.sentence, text_literal(s.text)))
    g.add((node, NIF.beginIndex, Literal(s.start + doc.offset)))
    g.add((node, NIF.endIndex, Literal(s.end + doc.offset)))
    g.add((node, KG.rule, Literal(rule)))
    g.add((node, KG.confidence, _confidence(confidence)))
    if source is not None:
        g.add((node, KG.accordingTo, source))


def statement_iri(doc_id: str, subj: URIRef, pred: URIRef, obj: URIRef, rel: Relation) -> URIRef:
    return ID[f"statement/{doc_id}/{_digest(subj, pred, obj, rel.sent, rel.rule, rel.verb)}"]


def add_relation(g: Graph, ex: Extraction, rel: Relation, subj: URIRef, obj: URIRef, source: URIRef | None) -> URIRef:
    pred = KG[rel.pred]
    if rel.pred != "relatedTo":
        # direct triples hold typed facts only; a generic verb relation stays a low-confidence statement
        g.add((subj, pred, obj))
    st = statement_iri(ex.doc.doc_id, subj, pred, obj, rel)
    g.add((st, RDF.type, KG.Statement))
    g.add((st, RDF.subject, subj))
    g.add((st, RDF.predicate, pred))
    g.add((st, RDF.object, obj))
    _provenance(g, st, ex, rel.sent, rel.rule, rel.confidence, source)
    if rel.verb:
        g.add((st, KG.verb, text_literal(rel.verb)))
    if rel.role:
        g.add((st, KG.role, text_literal(rel.role)))
    if rel.date:
        g.add((st, KG.date, Literal(rel.date, datatype=XSD.date)))
    if rel.former:
        g.add((st, KG.former, Literal(True)))
    if rel.background:
        g.add((st, KG.background, Literal(True)))
    return st


def _event_label(kind: str, trigger: str, actors: list[str], targets: list[str], places: list[str],
                 when: date | None) -> str:
    """"Attack (struck) by US Navy in Pacific Ocean, 2025-12-16": what a reader of the page or a query sees."""
    label = f"{kind} ({trigger})"
    if actors:
        label += " by " + ", ".join(actors)
    if targets:
        label += " on " + ", ".join(targets)
    if places:
        label += " in " + ", ".join(places)
    if when:
        label += f", {when.isoformat()}"
    return label


def mention_iri(doc_id: str, ev: Event) -> URIRef:
    return ID[f"mention/{doc_id}/{_digest(ev.kind, ev.start, ev.end, ev.trigger)}"]


def event_iri(cluster: EventCluster) -> URIRef:
    first = cluster.first
    return ID[f"event/{first.doc_id}/{_digest(first.event.kind, first.event.start, first.event.end, first.event.trigger)}"]


_ROLES = ((SEM.hasActor, "actors"), (KG.hasTarget, "targets"), (SEM.hasPlace, "places"))


def add_event_mention(g: Graph, ex: Extraction, ev: Event, resolve_mention, source: URIRef | None) -> URIRef:
    """One report of an event: its trigger, sentence, article and what this report states about it."""
    node = mention_iri(ex.doc.doc_id, ev)
    g.add((node, RDF.type, KG.EventMention))
    g.add((node, KG.trigger, text_literal(ev.trigger)))
    g.add((node, KG.triggerStart, Literal(ev.start + ex.doc.offset)))
    g.add((node, KG.triggerEnd, Literal(ev.end + ex.doc.offset)))
    g.add((node, KG.eventKind, KG[ev.kind]))
    for role, attr in _ROLES:
        for m in getattr(ev, attr):
            target = resolve_mention(m)
            if target is not None:
                g.add((node, role, target))
    if ev.date:
        g.add((node, KG.date, Literal(ev.date, datatype=XSD.date)))
    for name, value in ev.counts:
        g.add((node, KG[name], Literal(value)))
    _provenance(g, node, ex, ev.sent, ev.rule, ev.confidence, source)
    return node


def add_event(g: Graph, cluster: EventCluster, mention_nodes: dict[tuple[str, Event], URIRef]) -> URIRef:
    """One real event: the union of what its reports state, its best date and range, a link to each report."""
    node = event_iri(cluster)
    g.add((node, RDF.type, KG[cluster.kind]))
    g.add((node, KG.trigger, text_literal(cluster.first.event.trigger)))
    names: dict[URIRef, list[str]] = {role: [] for role, _ in _ROLES}
    for ref in cluster.mentions:
        mention = mention_nodes[(ref.doc_id, ref.event)]
        g.add((node, GAF.denotedBy, mention))
        for role, _ in _ROLES:
            for target in g.objects(mention, role):
                g.add((node, role, target))
        for count in (KG.casualties, KG.injured, KG.quantity):
            for value in g.objects(mention, count):
                g.add((node, count, value))
    for role, _ in _ROLES:
        names[role] = sorted({str(g.value(t, RDFS.label) or "") for t in g.objects(node, role)} - {""})
    names[SEM.hasPlace] = [n for n in names[SEM.hasPlace] if n not in names[KG.hasTarget]]
    when = cluster.best_date
    shown = "Event" if cluster.kind == GENERIC else cluster.kind
    g.add((node, RDFS.label, text_literal(_event_label(shown, cluster.first.event.trigger, names[SEM.hasActor],
                                                        names[KG.hasTarget], names[SEM.hasPlace], when))))
    if when:
        g.add((node, KG.date, Literal(when, datatype=XSD.date)))
        g.add((node, SEM.hasTimeStamp, Literal(when, datatype=XSD.date)))
    if cluster.lo and cluster.hi and cluster.lo <= cluster.hi and any(m.event.date for m in cluster.mentions):
        g.add((node, SEM.hasEarliestBeginTimeStamp, Literal(cluster.lo, datatype=XSD.date)))
        g.add((node, SEM.hasLatestEndTimeStamp, Literal(cluster.hi, datatype=XSD.date)))
    for cause in cluster.caused_by:  # an explosion caused by an attack: two events, linked
        g.add((node, KG.causedBy, event_iri(cause)))
    g.add((node, KG.reportCount, Literal(len(cluster.mentions))))
    g.add((node, KG.articleCount, Literal(len(cluster.articles))))
    return node


def _add_background_places(g: Graph, extractions: list[Extraction],
                           index: dict[tuple[str, Mention], Entity]) -> None:
    """`locatedIn` from the gazetteer, for a city or province entity that no statement of the build locates."""
    places = {KG.City, KG.Location}
    for ex in extractions:
        for rel in registry.run("background", Article([], ex.mentions, ex.relations)):
            subj, obj = index.get((ex.doc.doc_id, rel.subj)), index.get((ex.doc.doc_id, rel.obj))
            if subj is None or obj is None or L.fold(subj.label) != L.fold(rel.subj.name):
                continue  # the place's entity is named otherwise ("Henderson" of a person "Fritz Henderson")
            s, o = entity_iri(subj), entity_iri(obj)
            if s == o or (s, KG.locatedIn, None) in g or (s, KG.partOf, None) in g \
                    or not any((s, RDF.type, c) in g for c in places) or (o, RDF.type, KG.Country) not in g:
                continue
            add_relation(g, ex, rel, s, o, None)


def relation_triples(ex: Extraction, index: dict[tuple[str, Mention], Entity]):
    """The (subject, property, object) IRIs of each relation of an article the graph keeps, with the relation."""
    doc_id = ex.doc.doc_id
    for rel in ex.relations:
        s, o = index.get((doc_id, rel.subj)), index.get((doc_id, rel.obj))
        if s is not None and o is not None and entity_iri(s) != entity_iri(o):
            yield (entity_iri(s), KG[rel.pred], entity_iri(o)), rel


def article_outlets(extractions: list[Extraction], publishers: dict[str, URIRef]) -> dict[str, tuple[str, str]]:
    """The outlet each article counts for (`support.outlet_key`)."""
    return {ex.doc.doc_id: outlet_key(publishers.get(ex.doc.doc_id), ex.doc.url, article_iri(ex.doc.doc_id))
            for ex in extractions}


def add_support(g: Graph, extractions: list[Extraction], entities: list[Entity],
                index: dict[tuple[str, Mention], Entity], events: list[EventCluster],
                relation_outlets: dict[tuple, int] | None = None) -> None:
    """What kg/support.py counts across the reports of a build, from its records: kg:outletCount on statements
    and events, kg:disputed, the kg:SourceTally nodes. One part of the graph that spans the build."""
    scratch = Graph()  # the publishers' nodes and names (add_publishers writes them into the graph itself)
    publishers = add_publishers(scratch, extractions, entities)
    labels = {entity_iri(e): clean_text(e.label) for e in entities}
    outlets = article_outlets(extractions, publishers)
    names = {}
    for doc_id, (kind, key) in outlets.items():
        names[(kind, key)] = (str(scratch.value(URIRef(key), RDFS.label) or labels.get(URIRef(key), key))
                              if kind == "publisher" else key if kind == "host" else doc_id)
    statements: dict[tuple, list[tuple[URIRef, str]]] = defaultdict(list)
    for ex in extractions:
        for (s, p, o), rel in relation_triples(ex, index):
            statements[(s, p, o)].append((statement_iri(ex.doc.doc_id, s, p, o, rel), ex.doc.doc_id))
    add_outlet_counts(g, statements, outlets, relation_outlets)

    def cited(ref) -> tuple[URIRef, str] | None:
        ent = index.get((ref.doc_id, ref.event.source)) if ref.event.source is not None else None
        return (entity_iri(ent), clean_text(ent.label)) if ent else None

    add_event_tallies(g, events, [event_iri(c) for c in events], outlets, names, cited)


def build_graph(extractions: list[Extraction], entities: list[Entity], index: dict[tuple[str, Mention], Entity],
                events: list[EventCluster] | None = None, relation_outlets: dict[tuple, int] | None = None, *,
                gazetteer_places: bool = False) -> Graph:
    """The whole graph of a build: articles, entities, relations with statements, events and their reports.

    events are the clusters of event mentions (`events_resolve.cluster_events`), worked out here when not given.
    relation_outlets are the outlets supporting each triple (`support.relation_outlets`) when extractions are
    only a part of the build; by default they are counted over extractions.
    gazetteer_places adds `locatedIn:gazetteer` statements (kg/extract/background.py) for places no article locates.
    """
    if events is None:
        events = cluster_events(extractions, index)
    g = new_graph()
    mention_nodes: dict[tuple[str, Event], URIRef] = {}
    clustered = {(ref.doc_id, ref.event) for c in events for ref in c.mentions}
    for ent in entities:
        add_entity(g, ent)
    add_co_mentions(g, entities)
    for ex in extractions:
        add_article(g, ex)
        doc_id = ex.doc.doc_id

        def node_of(m: Mention | None, doc_id: str = doc_id) -> URIRef | None:
            if m is None:
                return None
            ent = index.get((doc_id, m))
            return entity_iri(ent) if ent else None

        for (s, _, o), rel in relation_triples(ex, index):
            add_relation(g, ex, rel, s, o, node_of(rel.source))
        for ev in ex.events:
            if (doc_id, ev) in clustered:
                mention_nodes[(doc_id, ev)] = add_event_mention(g, ex, ev, node_of, node_of(ev.source))
    for cluster in events:
        add_event(g, cluster, mention_nodes)
    if gazetteer_places:
        _add_background_places(g, extractions, index)
    # who leads an organization also works for it: keep the more specific fact as the direct triple (the
    # statement reading "works for" stays, with its sentence)
    for s, o in list(g.subject_objects(KG.leaderOf)):
        g.remove((s, KG.worksFor, o))
    add_publishers(g, extractions, entities)
    add_support(g, extractions, entities, index, events, relation_outlets)
    return g
