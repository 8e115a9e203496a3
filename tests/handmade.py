"""A small graph built by hand through kg.graph, with the statements and events queries need."""

from __future__ import annotations

from datetime import date

from rdflib import Graph

from kg.graph import build_graph
from kg.records import Document, Event, Extraction, Mention, Relation, Sentence
from kg.resolve import Entity

ARTICLE_1 = (
    "CBS News journalist Jennifer Jacobs said that Donald Trump ordered attacks on targets in Venezuela. "
    "Explosions were heard in Caracas. "
    "President Nicolas Maduro leads Venezuela."
)
ARTICLE_2 = (
    "The US Navy attacked three boats off Venezuela on December 16. "
    "The United States launched Southern Spear. "
    "Donald Trump is the president of the United States."
)

ARTICLE_3 = (
    "Explosions killed 40 people in Caracas on January 4."
)

# name -> (class, slug)
ENTITIES = {
    "Donald Trump": ("Person", "donald-trump"),
    "Nicolas Maduro": ("Person", "nicolas-maduro"),
    "Jennifer Jacobs": ("Person", "jennifer-jacobs"),
    "Venezuela": ("Country", "venezuela"),
    "United States": ("Country", "united-states"),
    "Caracas": ("City", "caracas"),
    "CBS News": ("NewsOrganization", "cbs-news"),
    "US Navy": ("ArmedForces", "us-navy"),
    "Southern Spear": ("MilitaryOperation", "southern-spear"),
}


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for part in text.split(". "):
        piece = part if part.endswith(".") else part + "."
        s = text.index(piece.rstrip("."), start)
        out.append(Sentence(s, s + len(piece), piece))
        start = s + len(piece)
    return out


class _Article:
    def __init__(self, doc_id: str, text: str, when: date):
        self.doc = Document(text=text, source=f"articles/{doc_id}.txt", doc_id=doc_id, date=when, sha256="ab" * 32)
        self.sentences = _sentences(text)
        self.mentions: dict[tuple[str, int], Mention] = {}

    def m(self, name: str, sent: int, surface: str | None = None) -> Mention:
        """The mention of name (or of its surface form) in sentence sent."""
        surface = surface or name
        s = self.sentences[sent]
        start = self.doc.text.index(surface, s.start)
        mention = Mention(start, start + len(surface), surface, name, ENTITIES[name][0], "test", sent)
        self.mentions[(name, sent)] = mention
        return mention


def handmade_graph() -> Graph:
    """Three articles, nine entities, six relations with statements, four events (one reported twice)."""
    a1 = _Article("article-one", ARTICLE_1, date(2026, 1, 3))
    a2 = _Article("article-two", ARTICLE_2, date(2026, 1, 5))
    jacobs = a1.m("Jennifer Jacobs", 0)
    a1_rel = [
        Relation(a1.m("Donald Trump", 0), "ordered", a1.m("Venezuela", 0), 0, "verb:order", 0.7,
                 verb="order", date=date(2026, 1, 3), source=jacobs),
        Relation(jacobs, "worksFor", a1.m("CBS News", 0), 0, "apposition:title", 0.8, role="journalist"),
        Relation(a1.m("Nicolas Maduro", 2), "leaderOf", a1.m("Venezuela", 2), 2, "title:president", 0.9,
                 role="president"),
    ]
    a1_ev = [
        Event("Order", "ordered", a1.doc.text.index("ordered"), a1.doc.text.index("ordered") + 7, 0,
              "event:order", 0.7, actors=(a1.mentions[("Donald Trump", 0)],),
              targets=(a1.mentions[("Venezuela", 0)],), date=date(2026, 1, 3), source=jacobs),
        Event("Explosion", "Explosions", a1.doc.text.index("Explosions"), a1.doc.text.index("Explosions") + 10, 1,
              "event:explosion", 0.8, places=(a1.m("Caracas", 1),), date=date(2026, 1, 3)),
    ]
    a2_rel = [
        Relation(a2.m("US Navy", 0), "attacked", a2.m("Venezuela", 0), 0, "verb:attack", 0.6,
                 verb="attack", date=date(2025, 12, 16)),
        Relation(a2.m("United States", 1), "launched", a2.m("Southern Spear", 1), 1, "verb:launch", 0.8, verb="launch"),
        Relation(a2.m("Donald Trump", 2), "leaderOf", a2.m("United States", 2), 2, "title:president", 0.9,
                 role="president"),
    ]
    a2_ev = [
        Event("Attack", "attacked", a2.doc.text.index("attacked"), a2.doc.text.index("attacked") + 8, 0,
              "event:attack", 0.6, actors=(a2.mentions[("US Navy", 0)],), places=(a2.mentions[("Venezuela", 0)],),
              date=date(2025, 12, 16), counts=(("quantity", 3),)),
        Event("Launch", "launched", a2.doc.text.index("launched"), a2.doc.text.index("launched") + 8, 1,
              "event:launch", 0.8, actors=(a2.mentions[("United States", 1)],),
              targets=(a2.mentions[("Southern Spear", 1)],)),
    ]
    # a second report of the explosions, on another day and with a figure
    a3 = _Article("article-three", ARTICLE_3, date(2026, 1, 5))
    a3_ev = [
        Event("Explosion", "Explosions", 0, 10, 0, "event:explosion", 0.8, places=(a3.m("Caracas", 0),),
              date=date(2026, 1, 4), counts=(("casualties", 40),)),
    ]
    extractions = []
    entities: dict[str, Entity] = {}
    index = {}
    for art, rels, evs in ((a1, a1_rel, a1_ev), (a2, a2_rel, a2_ev), (a3, [], a3_ev)):
        ex = Extraction(doc=art.doc, sentences=art.sentences, mentions=list(art.mentions.values()),
                        relations=rels, events=evs)
        extractions.append(ex)
        for (name, _sent), mention in art.mentions.items():
            cls, slug = ENTITIES[name]
            ent = entities.setdefault(name, Entity(key=slug, cls=cls, label=name, slug=slug))
            ent.names[name] += 1
            ent.mentions.append((art.doc.doc_id, mention))
            index[(art.doc.doc_id, mention)] = ent
    return build_graph(extractions, list(entities.values()), index)


# ---------------------------------------------------------------- several reports of one event

# name -> (class, key, slug, ISO code): "the US" and "US forces" stand for the same side as the United States
REPORT_ENTITIES = {
    "United States": ("Country", "country:US", "united-states", "US"),
    "US forces": ("ArmedForces", "armed:US", "us-forces", None),
    "Harbour Authority": ("GovernmentBody", "harbour-authority", "harbour-authority", None),
    "Port Alma": ("City", "port-alma", "port-alma", None),
    "Mira Sandor": ("Person", "mira-sandor", "mira-sandor", None),
    "Sandor": ("Person", "sandor", "sandor", None),  # another person of the same surname
    "Lena Ostova": ("Person", "lena-ostova", "lena-ostova", None),
}


def reports_graph(reports: list[dict]) -> Graph:
    """Articles of one sentence each, reporting an attack on the Harbour Authority in Port Alma.

    Each report is a dict: id, text, published (a date), and optionally publisher, url, actor (the entity's
    name, its words in the text given by actor_text), casualties, date, and works_for (a relation "Lena Ostova
    works for the Harbour Authority" read in the same sentence)."""
    extractions, entities, index = [], {}, {}

    def mention(doc: Document, name: str, surface: str | None = None) -> Mention:
        surface = surface or name
        start = doc.text.index(surface)
        cls, key, slug, iso = REPORT_ENTITIES[name]
        m = Mention(start, start + len(surface), surface, name, cls, "test", 0)
        ent = entities.setdefault(name, Entity(key=key, cls=cls, label=name, slug=slug, iso=iso))
        ent.names[surface] += 1
        ent.mentions.append((doc.doc_id, m))
        index[(doc.doc_id, m)] = ent
        return m

    for r in reports:
        doc = Document(text=r["text"], source=f"reports/{r['id']}.txt", doc_id=r["id"], date=r["published"],
                       sha256="cd" * 32, url=r.get("url", ""), publisher=r.get("publisher", ""))
        trigger = doc.text.index("attack")
        actors = (mention(doc, r["actor"], r.get("actor_text")),) if r.get("actor") else ()
        counts = (("casualties", r["casualties"]),) if "casualties" in r else ()
        event = Event("Attack", "attack", trigger, trigger + 6, 0, "event:attack", 0.8, actors=actors,
                      targets=(mention(doc, "Harbour Authority"),), places=(mention(doc, "Port Alma"),),
                      date=r.get("date", date(2026, 2, 10)), counts=counts)
        relations = []
        if r.get("works_for"):
            relations.append(Relation(mention(doc, "Lena Ostova"), "worksFor", index_of(index, doc, "Harbour Authority"),
                                      0, "test:works", 0.8))
        extractions.append(Extraction(doc=doc, sentences=[Sentence(0, len(doc.text), doc.text)],
                                      mentions=[m for (d, m) in index if d == doc.doc_id], relations=relations,
                                      events=[event]))
    return build_graph(extractions, list(entities.values()), index)


def index_of(index: dict, doc: Document, name: str) -> Mention:
    """The mention of the entity called name in doc."""
    return next(m for (d, m), ent in index.items() if d == doc.doc_id and ent.label == name)


def three_reports() -> list[dict]:
    """Three outlets on one attack: they agree on who did it (the US, named three ways) but not on the dead."""
    return [
        {"id": "courier", "publisher": "Daily Courier", "published": date(2026, 2, 10), "casualties": 12,
         "actor": "United States", "actor_text": "the US", "works_for": True,
         "text": "Lena Ostova said the US attack on the Harbour Authority in Port Alma killed 12 <b>people</b>."},
        {"id": "northwire", "url": "https://www.northwire.example/world/port-alma", "published": date(2026, 2, 11),
         "casualties": 15, "actor": "United States", "works_for": True,
         "text": "An attack by the United States on the Harbour Authority in Port Alma killed 15, says Lena Ostova."},
        {"id": "bulletin", "published": date(2026, 2, 12), "casualties": 12, "actor": "US forces",
         "text": "US forces carried out the attack on the Harbour Authority in Port Alma; 12 died."},
    ]
