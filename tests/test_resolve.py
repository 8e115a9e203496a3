"""Resolution over hand-made mentions: no spaCy needed."""

from __future__ import annotations

from kg.records import Document, Extraction, Mention
from kg.resolve import resolve


def mention(text, start, cls, name=None, kind="name", key=""):
    return Mention(start=start, end=start + len(text), text=text, name=name or text, cls=cls, label="test",
                   sent=0, kind=kind, key=key)


def extraction(doc_id, *mentions):
    return Extraction(doc=Document(text="x" * 500, source=f"{doc_id}.txt", doc_id=doc_id), sentences=[],
                      mentions=list(mentions))


def by_label(entities):
    return {e.label: e for e in entities}


def test_surname_joins_full_name_within_and_across_articles():
    a = extraction("a", mention("Donald Trump", 0, "Person"), mention("Trump", 50, "Person"))
    b = extraction("b", mention("Trump", 10, "Person"))
    ents, index = resolve([a, b])
    people = [e for e in ents if e.cls == "Person"]
    assert len(people) == 1
    assert people[0].articles == ["a", "b"]
    assert index[("b", b.mentions[0])] is people[0]


def test_homonyms_of_different_classes_stay_apart_across_articles():
    a = extraction("a", mention("Georgia", 0, "Country"))
    b = extraction("b", mention("Jordan", 0, "Person"), mention("Jordan", 40, "Country"))
    ents, _ = resolve([a, b])
    assert sorted((e.label, e.cls) for e in ents) == [("Georgia", "Country"), ("Jordan", "Country"), ("Jordan", "Person")]
    slugs = {e.slug for e in ents}
    assert len(slugs) == 3


def test_acronym_in_parentheses_joins_its_expansion():
    ex = extraction("a", mention("Korean Central News Agency", 0, "NewsOrganization"), mention("KCNA", 28, "Organization"))
    ex.doc = Document(text="Korean Central News Agency (KCNA) said", source="a.txt", doc_id="a")
    ents, _ = resolve([ex])
    assert len(ents) == 1 and ents[0].cls == "NewsOrganization" and "KCNA" in ents[0].aliases


def test_short_org_name_joins_the_name_it_starts():
    ex = extraction("a", mention("CBS News", 0, "NewsOrganization"), mention("CBS", 30, "Organization"))
    ents, _ = resolve([ex])
    assert [e.label for e in ents] == ["CBS News"]


def test_class_vote_and_given_name_variants():
    ex = extraction("a", mention("Tim Cook", 0, "Person"), mention("Timothy D. Cook", 20, "Person"),
                    mention("Northrop Grumman", 60, "Person"), mention("Northrop Grumman", 90, "Company"),
                    mention("Northrop Grumman", 120, "Company"))
    ents = by_label(resolve([ex])[0])
    assert ents["Timothy D. Cook"].cls == "Person" and "Tim Cook" in ents["Timothy D. Cook"].aliases
    assert ents["Northrop Grumman"].cls == "Company"
    assert len(ents) == 2


def test_national_bodies_share_a_key():
    ex = extraction("a", mention("US military", 0, "ArmedForces", key="armed:US"),
                    mention("American armed forces", 40, "ArmedForces", key="armed:US"))
    ents, _ = resolve([ex])
    assert len(ents) == 1 and ents[0].cls == "ArmedForces"
