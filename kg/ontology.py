"""The ontology as a closed namespace in code, and the other vocabularies kg writes."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

BASE = "https://kg-news.org/"
ID = Namespace(BASE + "id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
GEONAMES = Namespace("https://sws.geonames.org/")
GAF = Namespace("http://groundedannotationframework.org/gaf#")


class KG(DefinedNamespace):
    """Terms of ontology/kg.ttl; a misspelt term raises AttributeError at once."""

    _NS = Namespace("https://kg-news.org/ontology#")
    _fail = True

    # classes
    Entity: URIRef
    Agent: URIRef
    Person: URIRef
    Organization: URIRef
    NewsOrganization: URIRef
    ArmedForces: URIRef
    GovernmentBody: URIRef
    PoliticalParty: URIRef
    CriminalOrganization: URIRef
    Company: URIRef
    Location: URIRef
    Country: URIRef
    City: URIRef
    MilitaryOperation: URIRef
    Article: URIRef
    Statement: URIRef
    CoMention: URIRef
    Event: URIRef
    Attack: URIRef
    Explosion: URIRef
    Launch: URIRef
    Designation: URIRef
    Deployment: URIRef
    Election: URIRef
    Killing: URIRef
    Sanction: URIRef
    Arrest: URIRef
    Raid: URIRef
    Agreement: URIRef
    Order: URIRef
    Demonstration: URIRef
    Charge: URIRef
    Trial: URIRef
    Sentencing: URIRef
    Release: URIRef
    Evacuation: URIRef
    Transport: URIRef
    Appointment: URIRef
    Resignation: URIRef
    Acquisition: URIRef
    Aid: URIRef
    Meeting: URIRef
    PhoneCall: URIRef
    PublicStatement: URIRef
    Earthquake: URIRef
    Flood: URIRef
    Fire: URIRef
    Crash: URIRef
    OtherEvent: URIRef
    # relations between entities
    leaderOf: URIRef
    memberOf: URIRef
    worksFor: URIRef
    spokespersonFor: URIRef
    nationality: URIRef
    partOf: URIRef
    locatedIn: URIRef
    borders: URIRef
    founded: URIRef
    attacked: URIRef
    launched: URIRef
    designated: URIRef
    ordered: URIRef
    sanctioned: URIRef
    linkedTo: URIRef
    defeated: URIRef
    asked: URIRef
    supports: URIRef
    opposes: URIRef
    metWith: URIRef
    acquired: URIRef
    smuggledTo: URIRef
    deployedTo: URIRef
    relatedTo: URIRef
    # entity and article properties
    mentionedIn: URIRef
    mentionCount: URIRef
    isoCode: URIRef
    sourceFile: URIRef
    contentHash: URIRef
    sourceRecord: URIRef
    # provenance
    sentence: URIRef
    rule: URIRef
    confidence: URIRef
    verb: URIRef
    role: URIRef
    former: URIRef
    background: URIRef
    date: URIRef
    accordingTo: URIRef
    trigger: URIRef
    hasTarget: URIRef
    casualties: URIRef
    injured: URIRef
    quantity: URIRef
    # events and their reports
    EventMention: URIRef
    eventKind: URIRef
    triggerStart: URIRef
    triggerEnd: URIRef
    reportCount: URIRef
    causedBy: URIRef
    articleCount: URIRef
    between: URIRef
    # counted at build time across reports (kg/support.py)
    outletCount: URIRef
    disputed: URIRef
    SourceTally: URIRef
    tallyOf: URIRef
    sourceName: URIRef
    sourceKind: URIRef
    eventCount: URIRef
    reportsGiven: URIRef
    onlySourceCount: URIRef


# Entity classes a mention may carry, most specific first within each family.
ENTITY_CLASSES = (
    "Person", "Organization", "NewsOrganization", "ArmedForces", "GovernmentBody", "PoliticalParty",
    "CriminalOrganization", "Company", "Location", "Country", "City", "MilitaryOperation",
)
# The class of the graph contract each class belongs to.
TOP_CLASS = {
    "Person": "Person", "Organization": "Organization", "NewsOrganization": "Organization",
    "ArmedForces": "Organization", "GovernmentBody": "Organization", "PoliticalParty": "Organization",
    "CriminalOrganization": "Organization", "Company": "Organization", "Location": "Location",
    "Country": "Country", "City": "Location", "MilitaryOperation": "MilitaryOperation",
}

PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "kg": str(KG._NS),
    "kgid": str(ID),
    "sem": str(SEM),
    "nif": str(NIF),
    "schema": str(SCHEMA),
    "dcterms": str(DCTERMS),
    "gaf": str(GAF),
}


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology itself, parsed once."""
    g = Graph()
    g.parse(ONTOLOGY_FILE, format="turtle")
    return g


def _local(term) -> str | None:
    """The local name of a kg: term, or None for a term of another vocabulary."""
    ns = str(KG._NS)
    return str(term)[len(ns):] if str(term).startswith(ns) else None


@lru_cache(maxsize=None)
def family(name: str) -> frozenset[str]:
    """The entity classes (ENTITY_CLASSES) at or below the kg class `name` in the ontology's rdfs:subClassOf
    tree: family("Organization") is Organization and its six subclasses, family("Agent") also Person and Country."""
    g = ontology_graph()
    found = {KG[name]}
    todo = [KG[name]]
    while todo:
        for child in g.subjects(RDFS.subClassOf, todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return frozenset(c for c in map(_local, found) if c in ENTITY_CLASSES)


@lru_cache(maxsize=1)
def event_classes() -> frozenset[str]:
    """Local names of the event classes an event rule may produce: the subclasses of kg:Event, and
    kg:OtherEvent (an action of no typed kind)."""
    g = ontology_graph()
    return frozenset({_local(c) for c in g.subjects(RDFS.subClassOf, KG.Event)} | {"OtherEvent"}) - {None}


@lru_cache(maxsize=1)
def symmetric_properties() -> frozenset[str]:
    """Local names of the kg properties declared owl:SymmetricProperty ("borders", "metWith")."""
    return frozenset(p for p in map(_local, ontology_graph().subjects(RDF.type, OWL.SymmetricProperty)) if p)


@lru_cache(maxsize=1)
def signatures() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Property -> (entity classes of its subjects, of its objects): the kg object properties whose rdfs:domain
    and rdfs:range are both kg:Entity or below it, that is the relations between two entities."""
    g = ontology_graph()
    out = {}
    for prop in g.subjects(RDF.type, OWL.ObjectProperty):
        name, domain, range_ = _local(prop), _local(g.value(prop, RDFS.domain)), _local(g.value(prop, RDFS.range))
        if name and domain and range_ and family(domain) and family(range_):
            out[name] = (family(domain), family(range_))
    return out


def relation_properties() -> frozenset[str]:
    """Local names of the kg properties that relate two entities (not mentionedIn, accordingTo, hasTarget ...):
    what a rule may produce, what gold may hold."""
    return frozenset(signatures())


def bind_prefixes(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(ns), override=True)
    return g
