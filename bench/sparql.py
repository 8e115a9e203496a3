"""SPARQL latency of kg's named queries on an Oxigraph store of a million (or ten million) triples in kg's
shape, as `kg query --graph FOLDER` runs them: each query without parameters and with the parameters a
user clicking through entities gives, the median, fastest and slowest of several runs, and the median CPU
time of the process (the engine answers in the calling thread; on a shared machine it says more than the
wall time).

The graph is synthesised from generated articles (people, organisations, places, relations with
provenance, events) by kg's own resolution, event clustering and graph parts (kg/parts.py), so it has exactly
the shape a build writes; each part's triples go to the store's bulk load as they are made, so that ten
million triples never sit in memory at once. The store gets its label and listing indexes as a build writes
them (a store kept from an earlier run gets those it lacks).

    python bench/sparql.py [--triples 1000000] [--repeat 5] [--timeout 60] [--store DIR [--reuse]] [--json results.json]

--store DIR keeps the store in DIR and uses it again on the next run (it is rebuilt when kg's graph code
has changed, unless --reuse). Every query runs in its own process, stopped after --timeout seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import selectors
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import ROOT, machine, report  # noqa: E402

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
OUTLETS = ["Morning Wire", "Evening Post", "Daily Ledger", "Coast Radio", "Metro Times", "River Herald",
           "Capital Gazette"]
STORY_ARTICLES = 4  # articles that report the same four stories
TRIPLES_PER_ARTICLE = 425  # about what one generated article gives; the run reports the real count


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
        # the articles of a group report the same stories (one event each, several reports, figures that
        # sometimes disagree), from different outlets
        group = random.Random(seed * 1_000_003 + i // STORY_ARTICLES)
        stories = [(group.choice(EVENTS), [group.choice(people), group.choice(orgs + people), group.choice(places)])
                   for _ in range(4)]
        story_day = start + timedelta(days=(i // STORY_ARTICLES) % 700)
        text, sentences, mentions, relations, events = "", [], [], [], []
        for s in range(12):
            picks = stories[s // 3][1] if s % 3 == 0 else \
                [rng.choice(people), rng.choice(orgs + people), rng.choice(places)]
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
                dead = rng.choice((0, 3, 3, 4))
                events.append(Event(stories[s // 3][0], "met", ms[0].start, ms[0].end, s, "synthetic", 0.6,
                                    actors=(ms[0],), targets=(ms[1],), places=(ms[2],), date=story_day,
                                    counts=(("casualties", dead),) if dead else ()))
        doc = Document(text=text, source=f"synthetic/{i:05d}.txt", doc_id=f"synthetic-{i:05d}", date=when,
                       publisher=OUTLETS[i % len(OUTLETS)])
        out.append(Extraction(doc=doc, sentences=sentences, mentions=mentions, relations=relations, events=events))
    return out


def write_synthetic_store(folder: Path, n_articles: int) -> dict[str, object]:
    """Resolve n_articles generated articles and write their graph to a new Oxigraph store in folder.

    The graph is the one `kg build` writes, made by kg's own resolution, event clustering and parts of the
    graph (kg/parts.py: one part per entity, article and event, and the parts that span the build), each
    part's triples streamed into the store's bulk load as it is made, so that the graph never sits in memory
    whole; the one rule that spans parts (who leads an organisation does not also work for it) is applied in
    the store at the end. Then the store's label index (kg/labels.py), as a build writes it.
    """
    import resource

    import pyoxigraph as ox

    from kg import parts
    from kg.events_resolve import cluster_events
    from kg.labels import write_label_index
    from kg.resolve import resolve
    from kg.store import to_quads

    t = time.perf_counter()
    extractions = synthetic_extractions(n_articles)
    entities, index = resolve(extractions)
    events = cluster_events(extractions, index)
    plan = parts.plan(extractions, [ex.doc.doc_id for ex in extractions], entities, index, events)
    resolved = time.perf_counter() - t

    def quads():
        for part in list(plan.digests):
            yield from to_quads(plan.triples(part))
            plan._made.pop(part, None)  # each part once: nothing is kept

    store = ox.Store(str(folder))
    store.bulk_extend(quads())
    store.update("PREFIX kg: <https://kg-news.org/ontology#> "
                 "DELETE { ?s kg:worksFor ?o } WHERE { ?s kg:leaderOf ?o . ?s kg:worksFor ?o }")
    store.optimize()
    store.flush()
    triples = len(store)
    del store
    write_label_index(folder)
    return {"articles": n_articles, "entities": len(entities), "events": len(events), "triples": triples,
            "resolve_seconds": round(resolved, 1), "store_write_seconds": round(time.perf_counter() - t - resolved, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def graph_code_digest() -> str:
    """What the synthesised store depends on: the graph, resolution and ontology code of kg."""
    import hashlib

    h = hashlib.sha256()
    for name in ("graph.py", "parts.py", "support.py", "resolve.py", "events_resolve.py", "ontology.py",
                 "records.py", "labels.py"):
        h.update((ROOT / "kg" / name).read_bytes())
    h.update(Path(__file__).read_bytes().split(b"\ndef write_synthetic_store", 1)[0])
    return h.hexdigest()[:16]


def parameter_values(store) -> dict[str, str]:
    """The values a user would click on: the most mentioned person and the most mentioned party."""
    from kg.ontology import PREFIXES

    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    person = next(iter(store.query(
        "SELECT ?label WHERE { ?e a kg:Person ; kg:mentionCount ?n ; rdfs:label ?label } ORDER BY DESC(?n) ?label "
        "LIMIT 1", prefixes=prefixes)))["label"].value
    org = next(iter(store.query(
        "SELECT ?label WHERE { ?e a kg:PoliticalParty ; kg:mentionCount ?n ; rdfs:label ?label } "
        "ORDER BY DESC(?n) ?label LIMIT 1", prefixes=prefixes)))["label"].value
    return {"person": person, "organization": org}


def cases(values: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """Every named query without parameters (where it can run so) and with its parameters set."""
    from kg.query import named_queries

    person, org = values["person"], values["organization"]
    with_params = {"attacks": {"actor": person}, "entities": {"class": "Person"}, "members": {"organization": org},
                   "people": {"person": person}, "profile": {"entity": person}, "support": {"subject": person},
                   "timeline": {"entity": person}, "together": {"entity": person}, "event": {"event": person},
                   "disputes": {"event": person}, "sources": {"source": person}}
    out = []
    for name, nq in named_queries().items():
        if not any(required for required, _ in nq.params.values()):
            out.append((name, {}))
        if name in with_params:
            out.append((name, {k: v for k, v in with_params[name].items() if k in nq.params}))
    return out


# ---------------------------------------------------------------- one query in its own process

def child(store_dir: str, name: str, params_json: str, repeat: int) -> None:
    """Run one named query repeat times; print one JSON line per run."""
    from kg.ontology import PREFIXES
    from kg.query import load_graph, named_query, run_query
    from kg.store import open_store

    nq, params = named_query(name), json.loads(params_json)
    graph = load_graph(store_dir)  # as `kg query --graph DIR` opens it
    engine = open_store(store_dir)
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    for _ in range(repeat):
        # kg: the parameters bound as `kg query` binds them (the entity or event looked up in the store's label
        # index, when the query has such a search), then the query; the engine runs the same text
        t, c = time.perf_counter(), time.process_time()
        text = nq.bind(params, store_dir)
        rows = len(run_query(graph, text).rows)
        kg_s, kg_cpu = time.perf_counter() - t, time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        engine_rows = len([tuple(r) for r in engine.query(text, prefixes=prefixes)])
        engine_s, engine_cpu = time.perf_counter() - t, time.process_time() - c
        print(json.dumps({"kg_s": kg_s, "engine_s": engine_s, "kg_cpu_s": kg_cpu, "engine_cpu_s": engine_cpu,
                          "rows": rows, "engine_rows": engine_rows, "index": text != nq.bind(params)}),
              flush=True)


def measure(store_dir: Path, name: str, params: dict[str, str], repeat: int, timeout: float) -> dict[str, object]:
    """Times of one query case, from a child process that is killed when a run takes longer than timeout."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(store_dir), name, json.dumps(params),
                             str(repeat)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    runs, stopped = [], False
    deadline = time.monotonic() + timeout * 2 + 10  # both sides of a run, and starting the process
    while len(runs) < repeat:
        if not sel.select(max(0.0, deadline - time.monotonic())):
            stopped = True
            break
        line = proc.stdout.readline()
        if not line:
            break
        runs.append(json.loads(line))
        deadline = time.monotonic() + timeout * 2
    if stopped:
        proc.kill()
    proc.wait()
    if not stopped and len(runs) < repeat:
        raise SystemExit(f"{name} {params}: the query failed:\n{proc.stderr.read()[-2000:]}")
    out: dict[str, object] = {"query": name, "params": params, "runs": len(runs),
                              "stopped_after_s": timeout if stopped else None}
    if runs:
        out["rows"] = runs[0]["rows"]
        out["index"] = runs[0]["index"]  # whether the store's label or listing index changed the text
        for side in ("kg", "engine"):
            times = [r[f"{side}_s"] for r in runs]
            cpu = [r[f"{side}_cpu_s"] for r in runs]
            out[side] = {"median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4),
                         "max_s": round(max(times), 4), "median_cpu_s": round(statistics.median(cpu), 4)}
    return out


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5], int(sys.argv[5]))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000, help="about this many triples")
    ap.add_argument("--repeat", type=int, default=5, help="runs per query (median, min and max are reported)")
    ap.add_argument("--timeout", type=float, default=60, help="stop a query after this many seconds")
    ap.add_argument("--store", type=Path, help="keep the store here and use it again on the next run")
    ap.add_argument("--reuse", action="store_true",
                    help="use the store at --store even if kg's graph code changed since it was written")
    ap.add_argument("--only", nargs="*", help="only these named queries")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from kg.store import open_store

    result: dict[str, object] = {"machine": machine()}
    n_articles = max(1, round(args.triples / TRIPLES_PER_ARTICLE))
    work = args.store or Path(tempfile.mkdtemp(prefix="kg-bench-sparql-")) / "store"
    stamp = work.parent / (work.name + ".json")
    wanted = {"articles": n_articles, "code": graph_code_digest()}
    try:
        kept = json.loads(stamp.read_text()) if args.store and stamp.is_file() else {}
        if kept and (kept.get("wanted") == wanted
                     or args.reuse and kept.get("wanted", {}).get("articles") == n_articles):
            result["graph"] = kept["graph"]
            result["graph"]["reused"] = True
            if kept.get("wanted") != wanted:
                result["graph"]["code"] = kept.get("wanted", {}).get("code")  # written by other code
            from kg.labels import LABELS_FILE, find_nodes, write_label_index

            if find_nodes(work, "entity", "-") is None:  # written before stores kept a label index
                write_label_index(work)
                result["graph"]["label_index_added"] = (work / LABELS_FILE).is_file()
            from kg.listings import LISTINGS_FILE, first_rows, write_listing_index

            if first_rows(work, "support", 1) is None:  # written before stores kept a listing index
                write_listing_index(work)
                result["graph"]["listing_index_added"] = (work / LISTINGS_FILE).is_file()
        else:
            if args.store and work.exists() and (not work.is_dir() or any(work.iterdir())) and not stamp.is_file():
                raise SystemExit(f"{work}: exists and was not written by this benchmark (no {stamp.name} beside "
                                 "it); give --store a new folder")
            shutil.rmtree(work, ignore_errors=True)
            work.parent.mkdir(parents=True, exist_ok=True)
            result["graph"] = write_synthetic_store(work, n_articles)
            stamp.write_text(json.dumps({"wanted": wanted, "graph": result["graph"]}))
        print(json.dumps(result["graph"]), file=sys.stderr, flush=True)
        store = open_store(work)
        values = parameter_values(store)
        del store
        rows = []
        for name, params in cases(values):
            if args.only and name not in args.only:
                continue
            rows.append(measure(work, name, params, args.repeat, args.timeout))
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        result.update(queries=rows, repeat=args.repeat, timeout_s=args.timeout)
        result["machine_after"] = {"load_average": machine()["load_average"]}
    finally:
        if not args.store:
            shutil.rmtree(work.parent, ignore_errors=True)
    report(result, args.json)


if __name__ == "__main__":
    main()
