"""SPARQL latency of kg's named queries on a graph of at least a million triples in kg's shape: the
Oxigraph store of an output folder against the same graph in rdflib's memory, both through `kg query`'s
own code (kg.query.run_query).

The graph is synthesised from generated articles (people, organisations, places, relations with
provenance, events) by kg's own resolution and graph code, so it has exactly the shape a build writes.

    python bench/sparql.py [--triples 1000000] [--timeout 120] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import machine, report  # noqa: E402

FIRST = ("Ana Ben Carla Dario Elena Farid Greta Hugo Irene Jonas Kofi Lena Marco Nadia Omar Paula Quentin Rosa "
         "Samir Tanya Umberto Vera Walter Xenia Yusuf Zora").split()
LAST = [a + b for a in ("Bar Cor Dal Fen Gar Hol Ivan Jor Kel Lom Mar Nor Ost Pel Ros Sal Tor Val Wes Zan".split())
        for b in ("ova ez son ini berg ski ez ado well ier".split())]
ORG_WORDS = "Northern Federal United Global Pacific Central Atlantic National Eastern Royal".split()
ORG_KINDS = [("Group", "Company"), ("Party", "PoliticalParty"), ("Army", "ArmedForces"),
             ("Ministry", "GovernmentBody"), ("News", "NewsOrganization"), ("Alliance", "Organization")]
COUNTRIES = ("France Germany Spain Italy Brazil Chile Peru Kenya Nigeria Egypt India Japan Canada Mexico Norway "
             "Poland Turkey Vietnam Indonesia Argentina").split()
CITIES = [a + b for a in "Port New Lake Fort Saint".split() for b in (" Alma", " Brava", " Cora", " Dunas", " Esta",
                                                                      " Flor", " Gala", " Hera")]
PREDICATES = ["leaderOf", "memberOf", "worksFor", "locatedIn", "attacked", "ordered", "metWith", "supports",
              "relatedTo"]
EVENTS = ["Attack", "Explosion", "Launch", "Arrest", "Agreement", "Sanction"]


def synthetic_extractions(n_articles: int, seed: int = 11):
    from kg.records import Document, Event, Extraction, Mention, Relation, Sentence

    rng = random.Random(seed)
    people = [(f"{f} {l}", "Person") for f in FIRST for l in LAST]
    orgs = [(f"{w} {k}", cls) for w in ORG_WORDS for k, cls in ORG_KINDS]
    places = [(c, "Country") for c in COUNTRIES] + [(c, "City") for c in CITIES]
    out = []
    start = date(2024, 1, 1)
    for i in range(n_articles):
        when = start + timedelta(days=i % 700)
        text, sentences, mentions, relations, events = "", [], [], [], []
        for s in range(12):
            picks = [rng.choice(people), rng.choice(orgs + people), rng.choice(places)]
            parts, ms = [], []
            pos = len(text)
            for j, (name, cls) in enumerate(picks):
                word = ("", " met ", " in ")[j]
                pos += len(word)
                parts.append(word + name)
                ms.append(Mention(pos, pos + len(name), name, name, cls, "synthetic", s))
                pos += len(name)
            sent_text = "".join(parts) + ". "
            sentences.append(Sentence(len(text), len(text) + len(sent_text) - 1, sent_text.strip()))
            text += sent_text
            mentions += ms
            pred = rng.choice(PREDICATES)
            relations.append(Relation(ms[0], pred, ms[1], s, "synthetic", 0.8,
                                      verb="met" if pred == "relatedTo" else None, date=when))
            relations.append(Relation(ms[1], "locatedIn", ms[2], s, "synthetic", 0.7))
            if s % 3 == 0:
                events.append(Event(rng.choice(EVENTS), "met", ms[0].start, ms[0].end, s, "synthetic", 0.6,
                                    actors=(ms[0],), targets=(ms[1],), places=(ms[2],), date=when))
        doc = Document(text=text, source=f"synthetic/{i:05d}.txt", doc_id=f"synthetic-{i:05d}", date=when)
        out.append(Extraction(doc=doc, sentences=sentences, mentions=mentions, relations=relations, events=events))
    return out


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--timeout", type=float, default=120, help="stop an rdflib query after this many seconds")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query on the store (the median is kept)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    from kg.errors import QueryError
    from kg.pipeline import build_from_extractions
    from kg.query import load_graph, named_queries, run_query
    from kg.ontology import PREFIXES
    from kg.store import open_store, write_store

    result: dict[str, object] = {"machine": machine()}
    t = time.perf_counter()
    n_articles = max(1, args.triples // 390)
    extractions = synthetic_extractions(n_articles)
    graph, entities = build_from_extractions(extractions)
    while len(graph) < args.triples:  # a few more articles if the estimate fell short
        n_articles = int(n_articles * args.triples / len(graph)) + 10
        extractions = synthetic_extractions(n_articles)
        graph, entities = build_from_extractions(extractions)
    result.update(articles=n_articles, entities=len(entities), triples=len(graph),
                  synthesis_seconds=round(time.perf_counter() - t, 1))
    work = Path(tempfile.mkdtemp(prefix="kg-bench-sparql-"))
    try:
        t = time.perf_counter()
        write_store(work, graph)
        result["store_write_seconds"] = round(time.perf_counter() - t, 1)
        t = time.perf_counter()
        store_graph = load_graph(work)
        result["store_open_seconds"] = round(time.perf_counter() - t, 3)
        engine = open_store(work)
        prefixes = {k: str(v) for k, v in PREFIXES.items()}
        top = max(entities, key=lambda e: (len(e.mentions), e.label) if e.cls == "Person" else (0, ""))
        params = {"profile": {"entity": top.label}, "support": {"subject": top.label},
                  "people": {"person": top.label}}
        rows = []
        for name, nq in named_queries().items():
            text = nq.bind(params.get(name, {}))
            try:
                store_res = run_query(store_graph, text, timeout=args.timeout)
                store_s = median_time(lambda: run_query(store_graph, text, timeout=args.timeout), args.repeat)
                store_rows = len(store_res.rows)
            except QueryError as e:
                if "stopped" not in str(e):
                    raise
                store_s, store_rows = None, None
            # the engine alone, without kg's parse check and the conversion of the answer to rdflib terms
            engine_s = (median_time(lambda: [tuple(r) for r in engine.query(text, prefixes=prefixes)], args.repeat)
                        if store_s is not None else None)  # no time limit there: only when kg's own run finished
            t = time.perf_counter()
            try:
                mem_res = run_query(graph, text, timeout=args.timeout)
                mem_s, mem_rows = round(time.perf_counter() - t, 3), len(mem_res.rows)
            except QueryError as e:
                if "stopped" not in str(e):
                    raise
                mem_s, mem_rows = None, None
            rows.append({"query": name, "params": params.get(name, {}), "rows": store_rows,
                         "oxigraph_store_s": None if store_s is None else round(store_s, 3),
                         "oxigraph_engine_s": None if engine_s is None else round(engine_s, 3), "rdflib_memory_s": mem_s, "rdflib_rows": mem_rows})
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        result["queries"] = rows
        result["rdflib_timeout_s"] = args.timeout
        result["machine_after"] = {"load_average": machine()["load_average"]}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(result, args.json)


if __name__ == "__main__":
    main()
