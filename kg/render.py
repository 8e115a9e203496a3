"""The graph page: one self-contained HTML file to search, filter and read a news graph."""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import PROV

from .errors import KgError
from .ontology import DCTERMS, GAF, KG, SCHEMA, SEM, ontology_graph, relation_properties, symmetric_properties
from .support import outlet_key

# Beyond this many entities the page keeps the most connected ones: vis-network's physics and
# the browser's canvas stay responsive up to about this size.
MAX_ENTITIES = 2000
# Up to this many nodes vis-network computes the first layout itself (improvedLayout), which is slow beyond.
LAYOUT_IN_BROWSER = 150

CLASS_STYLE = {  # colour, vis-network shape
    "Person": ("#e15759", "dot"),
    "Organization": ("#f28e2b", "square"),
    "NewsOrganization": ("#edc948", "square"),
    "ArmedForces": ("#b07aa1", "square"),
    "GovernmentBody": ("#ff9da7", "square"),
    "PoliticalParty": ("#9c755f", "square"),
    "CriminalOrganization": ("#79706e", "square"),
    "Company": ("#d37295", "square"),
    "Country": ("#4e79a7", "triangle"),
    "Location": ("#59a14f", "triangleDown"),
    "City": ("#76b7b2", "triangleDown"),
    "MilitaryOperation": ("#8cd17d", "star"),
    "Entity": ("#bab0ac", "hexagon"),
}
# Events are diamonds in dark tones, so they stand apart from the entities they link.
EVENT_COLOURS = {
    "Attack": "#8f2d2d", "Explosion": "#a8501f", "Killing": "#5c1a1a", "Launch": "#3d6b2a",
    "Deployment": "#4b5563", "Designation": "#2c4f8f", "Sanction": "#7a5a12", "Arrest": "#1f5f5b", "Raid": "#1f5f5b",
    "Agreement": "#2f6b45", "Order": "#44407a", "Election": "#5b3a82", "Event": "#555555",
    "Demonstration": "#8a3b62", "Charge": "#24535a", "Trial": "#24535a", "Sentencing": "#24535a",
    "Release": "#2b6e66", "Evacuation": "#5a4a2f", "Transport": "#4a5a2f", "Appointment": "#4b3f8f",
    "Resignation": "#4b3f8f", "Acquisition": "#6b5216", "Aid": "#2f6b5b", "Meeting": "#33507a",
    "PhoneCall": "#33507a", "PublicStatement": "#3d4b5c", "Earthquake": "#6b2f12", "Flood": "#1f4e79",
    "Fire": "#9c2a0a", "Crash": "#5c3d2e",
}
EVENT_ROLES = ((SEM.hasActor, "hasActor", "actor"), (KG.hasTarget, "hasTarget", "target"),
               (SEM.hasPlace, "hasPlace", "place"))
EVENT_COUNTS = (KG.casualties, KG.injured, KG.quantity)
# Only web links are offered as external links; anything else (javascript:, data:) is dropped.
WEB_LINK = re.compile(r"^https?://[^\s<>\"']+$")
PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _iso(value: object) -> str | None:
    """A literal as an ISO date string, or None when it is not a date."""
    if value is None:
        return None
    py = value.toPython() if isinstance(value, Literal) else value
    if isinstance(py, date):
        return py.isoformat()[:10]
    text = str(value)
    return text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", text) else None


def _number(value: object) -> float | None:
    if value is None:
        return None
    try:
        py = value.toPython() if isinstance(value, Literal) else value
        return float(py) if isinstance(py, (int, float, Decimal, str)) else None
    except (TypeError, ValueError):
        return None


def _int(value: object) -> int:
    n = _number(value)
    return int(n) if n is not None else 0


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, object]:
    """Class and property labels, class depths and symmetric properties from the ontology."""
    onto = ontology_graph()
    labels = {str(s): str(o) for s, o in onto.subject_objects(RDFS.label)}

    def descendants(root: URIRef) -> dict[URIRef, int]:
        depth = {root: 0}
        todo = [root]
        while todo:
            parent = todo.pop()
            for child in onto.subjects(RDFS.subClassOf, parent):
                if child not in depth:
                    depth[child] = depth[parent] + 1
                    todo.append(child)
        return depth

    entity_depth = descendants(KG.Entity)
    entity_depth.pop(KG.Agent, None)  # abstract: never the class a node is drawn with
    event_depth = descendants(KG.Event)
    return {
        "labels": labels,
        "entity_depth": entity_depth,
        "event_depth": event_depth,
        "event_classes": set(event_depth),
        "symmetric": {str(KG[p]) for p in symmetric_properties()},
        "relations": {KG[p] for p in relation_properties()},  # the facts between entities, drawn as edges
    }


def _label(g: Graph, node: URIRef, vocab: dict) -> str:
    return _text(g.value(node, RDFS.label)) or vocab["labels"].get(str(node)) or _local(node)


def _class_of(g: Graph, node: URIRef, depths: dict[URIRef, int]) -> str | None:
    """The most specific kg class of a node among those in depths."""
    found = [c for c in g.objects(node, RDF.type) if c in depths]
    if not found:
        return None
    return _local(max(found, key=lambda c: (depths[c], str(c))))


def _provenance(g: Graph, node: URIRef, vocab: dict) -> dict:
    """Where a statement or an event was read: sentence, article, date, attribution, confidence."""
    article = g.value(node, PROV.wasDerivedFrom)
    source = g.value(node, KG.accordingTo)
    return {
        "sentence": _text(g.value(node, KG.sentence)),
        "article": str(article) if article is not None else None,
        "date": _iso(g.value(node, KG.date)),
        "according": _label(g, source, vocab) if isinstance(source, URIRef) else None,
        "accordingId": str(source) if isinstance(source, URIRef) else None,
        "confidence": _number(g.value(node, KG.confidence)),
        "rule": _text(g.value(node, KG.rule)) or None,
        "verb": _text(g.value(node, KG.verb)) or None,
        "role": _text(g.value(node, KG.role)) or None,
    }


def _outlets(g: Graph, vocab: dict) -> dict[str, tuple[tuple[str, str], str]]:
    """The outlet each article counts for (`support.outlet_key`: publisher, else web site, else the article),
    with the outlet's name, by article IRI."""
    out = {}
    for art in set(g.subjects(RDF.type, KG.Article)):
        publisher = g.value(art, DCTERMS.publisher)
        key = outlet_key(publisher if isinstance(publisher, URIRef) else None, g.value(art, SCHEMA.url), art)
        name = _label(g, publisher, vocab) if key[0] == "publisher" else key[1] if key[0] == "host" else \
            _text(g.value(art, RDFS.label)) or _local(art)
        out[str(art)] = (key, name)
    return out


def _outlet_count(provenances: list[dict], outlets: dict) -> int:
    """How many distinct outlets the articles of these statements or reports count for."""
    return len({outlets[p["article"]][0] if p["article"] in outlets else p["article"]
                for p in provenances if p["article"]})


def _reports(g: Graph, event: URIRef, vocab: dict, outlets: dict) -> list[dict]:
    """The reports of an event (gaf:denotedBy), each with what it states, by publication date and outlet."""
    out = []
    for mention in set(g.objects(event, GAF.denotedBy)):
        prov = _provenance(g, mention, vocab)
        article = g.value(mention, PROV.wasDerivedFrom)
        prov["published"] = _iso(g.value(article, DCTERMS.date)) if article is not None else None
        prov["outlet"] = outlets[str(article)][1] if str(article) in outlets else None
        prov["counts"] = {_local(p): _int(g.value(mention, p)) for p in EVENT_COUNTS if g.value(mention, p) is not None}
        prov["trigger"] = _text(g.value(mention, KG.trigger)) or None
        prov["actors"] = sorted(_label(g, a, vocab) for a in g.objects(mention, SEM.hasActor) if isinstance(a, URIRef))
        out.append(prov)
    return sorted(out, key=lambda r: (r["published"] or "9999", r["outlet"] or "", r["article"] or "", r["sentence"]))


def _articles(g: Graph) -> dict[str, dict]:
    out = {}
    for art in sorted(set(g.subjects(RDF.type, KG.Article)), key=str):
        out[str(art)] = {"id": str(art), "label": _text(g.value(art, RDFS.label)) or _local(art),
                         "date": _iso(g.value(art, DCTERMS.date)),
                         "source": _text(g.value(art, KG.sourceFile)) or None}
    return out


def _entities(g: Graph, vocab: dict) -> dict[URIRef, dict]:
    depths = vocab["entity_depth"]
    candidates = {s for c in depths for s in g.subjects(RDF.type, c)} | set(g.subjects(KG.mentionedIn, None))
    out = {}
    for node in sorted(candidates, key=str):
        if not isinstance(node, URIRef) or set(g.objects(node, RDF.type)) & vocab["event_classes"]:
            continue
        cls = _class_of(g, node, depths) or "Entity"
        aliases = sorted({str(a) for a in g.objects(node, SKOS.altLabel)} - {_label(g, node, vocab)})
        links = sorted(str(o) for o in g.objects(node, OWL.sameAs) if WEB_LINK.match(str(o)))
        out[node] = {
            "id": str(node), "kind": "entity", "label": _label(g, node, vocab), "cls": cls,
            "aliases": aliases, "mentions": _int(g.value(node, KG.mentionCount)),
            "articles": sorted(str(a) for a in g.objects(node, KG.mentionedIn)),
            "links": links, "iso": _text(g.value(node, KG.isoCode)) or None,
        }
    return out


def _events(g: Graph, vocab: dict, outlets: dict) -> dict[URIRef, dict]:
    nodes = {s for c in vocab["event_classes"] for s in g.subjects(RDF.type, c)}
    out = {}
    for node in sorted(nodes, key=str):
        cls = _class_of(g, node, vocab["event_depth"]) or "Event"
        # every value the reports give (several values of one figure are reports that disagree)
        counts = {_local(p): sorted(_int(v) for v in g.objects(node, p)) for p in EVENT_COUNTS if (node, p, None) in g}
        prov = _provenance(g, node, vocab)
        reports = _reports(g, node, vocab, outlets) or ([prov] if prov["sentence"] else [])
        # what the reports disagree on: figures given differently, and what the build marked (kg:disputed:
        # the date, or who did it, compared by entity)
        disputed = {k for k, values in counts.items() if len(values) > 1}
        disputed |= {"actor" if p == SEM.hasActor else _local(p) for p in g.objects(node, KG.disputed)}
        out[node] = {
            "id": str(node), "kind": "event", "cls": cls,
            "label": _text(g.value(node, RDFS.label)) or vocab["labels"].get(str(KG[cls]), cls),
            "clsLabel": vocab["labels"].get(str(KG[cls]), cls),
            "trigger": _text(g.value(node, KG.trigger)) or None,
            "date": prov["date"] or _iso(g.value(node, SEM.hasTimeStamp)),
            "confidence": max((r["confidence"] for r in reports if r["confidence"] is not None), default=None),
            "counts": counts, "disputed": sorted(disputed), "outlets": _outlet_count(reports, outlets),
            "reports": len(reports),
            "statements": reports,
        }
    return out


def _relations(g: Graph, vocab: dict, entities: dict, outlets: dict) -> list[dict]:
    """One edge per (subject, property, object) with every statement that supports it and how many distinct
    outlets those statements come from."""
    support: dict[tuple, list[dict]] = defaultdict(list)
    for st in g.subjects(RDF.type, KG.Statement):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if s in entities and o in entities and p is not None:
            support[(s, p, o)].append(_provenance(g, st, vocab))
    triples = set(support)
    for p in vocab["relations"]:
        for s, o in g.subject_objects(p):
            if s in entities and o in entities:
                triples.add((s, p, o))
    edges = []
    for s, p, o in sorted(triples, key=lambda t: tuple(map(str, t))):
        statements = sorted(support.get((s, p, o), []), key=lambda x: (-(x["confidence"] or 0), x["sentence"]))
        confidences = [x["confidence"] for x in statements if x["confidence"] is not None]
        edges.append({
            "from": str(s), "to": str(o), "pred": _local(p), "label": vocab["labels"].get(str(p), _local(p)),
            "symmetric": str(p) in vocab["symmetric"], "confidence": max(confidences) if confidences else None,
            "outlets": _outlet_count(statements, outlets), "statements": statements,
        })
    return edges


def _event_edges(g: Graph, events: dict, entities: dict) -> list[dict]:
    edges = []
    for node, ev in events.items():
        for prop, pred, label in EVENT_ROLES:
            for target in sorted(set(g.objects(node, prop)), key=str):
                if target in entities:
                    edges.append({"from": str(node), "to": str(target), "pred": pred, "label": label,
                                  "role": True, "confidence": ev["confidence"], "date": ev["date"]})
    return edges


class _Net:
    """An undirected graph of node ids, as much of networkx's Graph as the page needs (importing networkx
    took most of a second of every build): a loop counts twice in a node's degree, as there."""

    def __init__(self) -> None:
        self.adj: dict[str, set[str]] = {}

    def add_nodes_from(self, nodes) -> None:
        for n in nodes:
            self.adj.setdefault(n, set())

    def add_edges_from(self, edges) -> None:
        for a, b in edges:
            self.adj.setdefault(a, set()).add(b)
            self.adj.setdefault(b, set()).add(a)

    def degree(self, node: str) -> int:
        near = self.adj[node]
        return len(near) + (node in near)

    def neighbors(self, node: str) -> set[str]:
        return self.adj[node]

    def __len__(self) -> int:
        return len(self.adj)

    def components(self) -> list[set[str]]:
        seen: set[str] = set()
        out = []
        for start in self.adj:
            if start in seen:
                continue
            comp, todo = {start}, [start]
            while todo:
                for n in self.adj[todo.pop()]:
                    if n not in comp:
                        comp.add(n)
                        todo.append(n)
            seen |= comp
            out.append(comp)
        return out


def _keep_most_connected(entities: dict, events: dict, edges: list[dict], limit: int) -> tuple[set[str], set[str]]:
    """Ids of the entities and events to draw: all of them, or the most connected `limit` of each."""
    net = _Net()
    net.add_nodes_from(e["id"] for e in entities.values())
    net.add_nodes_from(e["id"] for e in events.values())
    net.add_edges_from((e["from"], e["to"]) for e in edges)
    rank = {e["id"]: (net.degree(e["id"]), e.get("mentions", 0), e["label"]) for e in entities.values()}
    kept_entities = set(sorted(rank, key=lambda i: (-rank[i][0], -rank[i][1], rank[i][2], i))[:limit])
    touching = {e["id"]: sum(1 for n in net.neighbors(e["id"]) if n in kept_entities) for e in events.values()}
    kept_events = {i for i in touching if touching[i] or not net.degree(i)}
    if len(kept_events) > limit:
        kept_events = set(sorted(kept_events, key=lambda i: (-touching[i], i))[:limit])
    return kept_entities, kept_events


def _radial_layout(net: _Net, ring: float = 110.0, spacing: float = 34.0) -> dict[str, tuple[float, float]]:
    """Rough starting positions for large graphs, in linear time: each component in rings around its
    best-connected node, components packed in rows. The browser's physics then only has to refine them."""
    placed: list[tuple[float, dict[str, tuple[float, float]]]] = []
    comps = sorted(net.components(), key=lambda c: (-len(c), min(c)))
    alone = sorted(n for c in comps if len(c) == 1 for n in c)
    for comp in (c for c in comps if len(c) > 1):
        root = max(sorted(comp), key=net.degree)
        order, seen, levels = [root], {root}, [[root]]
        while levels[-1]:
            nxt = []
            for node in levels[-1]:
                for child in sorted(net.neighbors(node)):
                    if child not in seen:
                        seen.add(child)
                        nxt.append(child)
            levels.append(nxt)
            order.extend(nxt)
        pos, radius = {root: (0.0, 0.0)}, 0.0
        for level in levels[1:-1]:
            radius = max(radius + ring, len(level) * spacing / (2 * math.pi))
            for i, node in enumerate(level):
                angle = 2 * math.pi * i / len(level)
                pos[node] = (radius * math.cos(angle), radius * math.sin(angle))
        placed.append((radius + spacing, pos))
    if alone:  # entities without links: one square block, not a component each
        side = math.ceil(math.sqrt(len(alone)))
        half = side * ring / 4
        placed.append((half + spacing, {n: (i % side * ring / 2 - half, i // side * ring / 2 - half)
                                        for i, n in enumerate(alone)}))
    width = math.sqrt(sum((2 * r) ** 2 for r, _ in placed)) * 1.3
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for r, pos in placed:
        if x and x + 2 * r > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in pos.items():
            out[node] = (round(x + r + px - width / 2, 1), round(y + r + py, 1))
        x += 2 * r
        row_height = max(row_height, 2 * r)
    return out


def page_data(graph: Graph, *, max_entities: int = MAX_ENTITIES) -> dict:
    """Everything the page shows, as plain JSON-ready data."""
    vocab = _vocabulary()
    articles = _articles(graph)
    outlets = _outlets(graph, vocab)
    entities = _entities(graph, vocab)
    events = _events(graph, vocab, outlets)
    relations = _relations(graph, vocab, entities, outlets)
    role_edges = _event_edges(graph, events, entities)
    kept_entities, kept_events = _keep_most_connected(entities, events, relations + role_edges, max_entities)
    kept = kept_entities | kept_events
    edges = [e for e in relations + role_edges if e["from"] in kept and e["to"] in kept]
    for i, e in enumerate(edges):
        e["id"] = f"edge-{i}"

    net = _Net()
    net.add_nodes_from(sorted(kept))
    net.add_edges_from((e["from"], e["to"]) for e in edges)
    scale = 1.0 / (len(net) - 1.0) if len(net) > 1 else 0.0  # networkx's degree centrality, to the bit
    centrality = {n: net.degree(n) * scale for n in net.adj}
    # Small graphs get vis-network's own careful first layout; large ones a quick start from here.
    start = _radial_layout(net) if len(net) > LAYOUT_IN_BROWSER else {}
    nodes = []
    for item in list(entities.values()) + list(events.values()):
        if item["id"] in kept:
            item["degree"] = net.degree(item["id"])
            item["centrality"] = round(centrality.get(item["id"], 0.0), 4)
            if item["id"] in start:
                item["x"], item["y"] = start[item["id"]]
            nodes.append(item)

    classes = defaultdict(int)
    for n in nodes:
        classes[(n["kind"], n["cls"])] += 1
    class_list = []
    for (kind, cls), count in sorted(classes.items(), key=lambda kv: (kv[0][0] != "entity", kv[0][1])):
        if kind == "entity":
            colour, shape = CLASS_STYLE.get(cls, CLASS_STYLE["Entity"])
        else:
            colour, shape = EVENT_COLOURS.get(cls, EVENT_COLOURS["Event"]), "diamond"
        class_list.append({"id": cls, "kind": kind, "count": count, "colour": colour, "shape": shape,
                           "label": vocab["labels"].get(str(KG[cls]), cls)})
    types = defaultdict(lambda: {"count": 0})
    for e in edges:
        t = types[e["pred"]]
        t.update(id=e["pred"], label=e["label"], role=bool(e.get("role")))
        t["count"] += 1
    dates = sorted({d for a in articles.values() if (d := a["date"])})
    event_dates = sorted({d for e in events.values() if e["id"] in kept and (d := e["date"])}
                         | {d for e in edges for s in e.get("statements", []) if (d := s["date"])})
    return {
        "meta": {
            "articles": list(articles.values()),
            "articleDates": [dates[0], dates[-1]] if dates else None,
            "factDates": [event_dates[0], event_dates[-1]] if event_dates else None,
            "entities": len(entities), "events": len(events),
            "relations": len(relations), "statements": sum(len(e["statements"]) for e in relations),
            "shownEntities": len(kept_entities), "shownEvents": len(kept_events),
            "hiddenEntities": len(entities) - len(kept_entities), "hiddenEvents": len(events) - len(kept_events),
            "maxEntities": max_entities,
        },
        "classes": class_list,
        "relationTypes": sorted(types.values(), key=lambda t: (t["role"], t["label"])),
        "nodes": nodes,
        "edges": edges,
    }


def script_json(data: object) -> str:
    """JSON safe to place inside a <script> element: no <, > or & can end or open markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _asset(name: str) -> str:
    return (resources.files("kg") / "assets" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network as shipped inside the pyvis package: inlined, never fetched."""
    import importlib.util

    # found, not imported: importing pyvis imports networkx, jinja2 and IPython (a second of a build's start)
    spec = importlib.util.find_spec("pyvis")
    try:
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("no package pyvis")
        folder = Path(list(spec.submodule_search_locations)[0])
        js = (folder / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as e:
        raise KgError(f"vis-network is missing from the installed pyvis package: {e}") from None
    # A literal "</script" would end the inline element early; in JS strings "<\/" means the same.
    return js.replace("</script", "<\\/script")


def render_html(graph: Graph, *, max_entities: int = MAX_ENTITIES, title: str = "kg news graph") -> str:
    """The page as one HTML string, with every script, style and datum inlined."""
    data = page_data(graph, max_entities=max_entities)
    parts = {
        "TITLE": html.escape(title),
        "CSS": _asset("page.css"),
        "VIS_JS": _vis_js(),
        "PAGE_JS": _asset("page.js").replace("</script", "<\\/script"),
        "PANEL_JS": _asset("panel.js").replace("</script", "<\\/script"),
        "DATA": script_json(data),
    }
    # One pass, so text inserted for one placeholder is never read as another.
    return PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("page.html"))
