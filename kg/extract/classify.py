"""How one NER span becomes an entity mention: a decision list over what the sentence states (a portfolio, a
stated place, a title before a name), the name itself (equipment, products, acronyms, gazetteer places) and
the NER label. kg/extract/entities.py runs it on every span NER finds."""

from __future__ import annotations

from collections import Counter

from .. import lexicon as L
from ..lang.en import (COMBINING_FORMS, COMPANY_WORDS, EMPLOYEE_NOUNS, EQUIPMENT_WORDS, LEADER_GOVERNMENT_NOUNS,
                       GROUP_MEMBER_NOUNS, KIN_AND_RIVAL_NOUNS, NAME_PREFIXES, NAMING_PARTICIPLES, NAMING_VERBS,
                       NATIONAL_HEADS, NEAR_WORDS, NEWS_ROLES, NEWS_WORDS, OPERATION_CUES, ORG_DESCRIPTORS,
                       PERSON_BODY_WORDS, PERSON_SUBJECT_VERBS, PLACE_AFTER_NAME, PLACE_BODY_WORDS, PLACE_NOUNS,
                       PLACE_PREPOSITIONS, PORTFOLIOS, PORTFOLIO_HOLDERS, PORTFOLIO_PREPOSITIONS, SOCIAL_VERBS,
                       STAFF_PREPOSITIONS, FOREIGN_ARTICLES, NAMES_WRITTEN_LOWER, ORG_NAME_PREPOSITIONS, TIME_ZONES,
                       TREATY_WORDS)
from ..records import Mention
from .common import clean_name as _clean_name
from .common import make_mention as _mention
from .sport import is_sport_article


def _prefixed(name: str) -> bool:
    """"pro-Kremlin", "ex-Soviet", "Franco-German": a word made of a name, no name."""
    head, dash, _ = name.partition("-")
    return bool(dash) and " " not in head and head.lower() in NAME_PREFIXES | COMBINING_FORMS


def _leading_title(span) -> bool:
    first = span[0]
    return L.is_title(first.text) and first.lower_ not in NEWS_WORDS and first.text[:1].isupper() and not (
        L.is_given_name(first.text) and len(span) == 2)


def _title_before(span) -> str | None:
    """A title or role word just before the span ("President X", "journalist X")."""
    i = span.start - 1
    doc = span.doc
    if i >= 0 and L.is_title(doc[i].text) and doc[i].pos_ in {"PROPN", "NOUN", "ADJ"}:
        return doc[i].lower_.strip(".")
    return None


def _next_words(span, n: int = 2) -> str:
    doc = span.doc
    return " ".join(t.lower_ for t in doc[span.end: span.end + n])


def _is_equipment(span, name: str) -> bool:
    if L.looks_like_equipment_code(name):
        return True
    nxt = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    return nxt in EQUIPMENT_WORDS and not span.root.pos_ == "VERB" and any(c.isdigit() for c in name)


def _person_like(span) -> bool:
    """Two or three capitalised words starting with a given name, and no organization word."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(t.is_title and t.is_alpha for t in words):
        return False
    if L.org_subclass(span.text) or L.lookup_place(span.text):
        return False
    return L.is_given_name(words[0].text)


def _titled_name(span) -> bool:
    """Two or three capitalised words after a title that the gazetteer does not know as a place and that carry no
    organization's word: a person's name ("President Thabo Mbeki"), whether or not its given name is known."""
    words = [t for t in span if not t.is_punct]
    return 2 <= len(words) <= 3 and all(t.is_title and t.is_alpha for t in words) \
        and not L.org_subclass(span.text) and not L.lookup_place(span.text) \
        and not any(L.lookup_country(t.text) or L.lookup_demonym(t.text) for t in words)


def untitle(name: str) -> str:
    """"FRANKFURT" in a dateline is Frankfurt."""
    return name.title() if name.isupper() and len(name) > 3 else name


def stated_place(span) -> bool:
    """"the district of Bar Kotal", "Kandarak province", "clashes near Kandarak": a place, whatever NER says."""
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    if prev == "of" and span.start > 1 and place_noun(doc[span.start - 2]):
        return doc[span.start - 2].is_lower  # "the town of X", "the islands of X", not "the State of X" in a name
    if nxt in PLACE_AFTER_NAME and doc[span.end].is_lower and not (span.end + 1 < len(doc) and doc[span.end + 1].lower_ in PLACE_BODY_WORDS):
        return True
    return prev in NEAR_WORDS and not L.org_subclass(span.text)


def place_noun(tok) -> bool:
    """A noun for a kind of place, singular or plural: "town", "islands"."""
    return tok.lower_ in PLACE_NOUNS or tok.tag_ == "NNS" and tok.lemma_.lower() in PLACE_NOUNS


def _place_context(span) -> bool:
    """"in Poltava", "the Kharkiv and Poltava regions", a dateline "FRANKFURT (Reuters) -": a place."""
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    nxt = [t.lower_ for t in doc[span.end: span.end + 2]]
    line_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws or doc[span.start - 1].is_space
    if span.text.isupper() and line_start and nxt[:1] and nxt[0] in {"(", "-", "\u2013", "\u2014", ","}:
        return True
    if prev == "of" and span.start > 1 and place_noun(doc[span.start - 2]):
        return True  # "the north-western city of Peshawar"
    if nxt[:2] == ["-", "based"] and not doc[span.end].whitespace_:
        return True  # "a Rostock-based firm": the name is where the firm is
    return prev in PLACE_PREPOSITIONS or bool(set(nxt) & PLACE_AFTER_NAME) or _listed_with_places(span)


def _listed_with_places(span) -> bool:
    """"in Rome, Milan and Florence": a name listed after a place NER found is a place too."""
    tok = span.root
    for _ in range(6):  # up the list to its first item
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok.i != span.root.i and tok.ent_type_ in {"GPE", "LOC"} and L.lookup_place(tok.text) is not None


def _org_descriptor(span) -> bool:
    """"carmaker Dacia", "private equity firm Cerberus", "Magna, the Canadian parts maker": an organization."""
    doc = span.doc
    if _title_before(span):
        return False
    before = doc[max(0, span.start - 2): span.start]
    if any(t.lower_ in ORG_DESCRIPTORS and t.pos_ == "NOUN" for t in before) and not L.is_given_name(span[0].text) \
            and not any(t.is_punct for t in before):  # "carmaker Dacia", not "the negotiating team, X"
        return True
    if span.start >= 2 and doc[span.start - 1].lower_ in STAFF_PREPOSITIONS and doc[span.start - 2].lower_ in EMPLOYEE_NOUNS:
        return True  # "an analyst at Morgan Stanley", "a spokesman for Ryanair"
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        window = doc[span.end + 1: min(len(doc), span.end + 7)]
        for t in window:
            if t.text in {",", ".", ";"} or t.pos_ in {"VERB", "CCONJ", "ADP"}:
                break  # ("X, and a party of ...", "X, a member of the party")
            if t.lower_ in ORG_DESCRIPTORS and t.pos_ == "NOUN" and not (
                    t.i + 1 < len(doc) and doc[t.i + 1].pos_ in {"NOUN", "PROPN"}):
                return True  # the head of the apposition: "Magna, the Canadian parts maker", not "a Left party MP"
    return False


def _person_evidence(span) -> bool:
    """Something beyond the NER label says a one-word name is a person's."""
    tok = span[0]
    doc = span.doc
    if L.is_given_name(tok.text) or _title_before(span) or _acts_like_person(span):
        return True
    if tok.head.lemma_ in PERSON_SUBJECT_VERBS or tok.dep_ in {"poss"}:
        return True
    if tok.dep_ in {"dobj", "pobj"} and (tok.head.lemma_ in SOCIAL_VERBS or tok.head.head.lemma_ in SOCIAL_VERBS):
        return True
    # the same word inside another PERSON span ("Maria Lindqvist ... Lindqvist"): counted once per Doc
    counts = doc.user_data.get("kg_person_words")
    if counts is None:
        counts = doc.user_data["kg_person_words"] = Counter(t.text for t in doc if t.ent_type_ == "PERSON")
    return counts[tok.text] >= 2


def _acts_like_person(span) -> bool:
    root = span.root
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in PERSON_SUBJECT_VERBS:
        return True
    # "Her main rival, X, conceded": in apposition to a word for a person
    return root.dep_ == "appos" and (root.head.lemma_.lower() in KIN_AND_RIVAL_NOUNS or root.head.lower_ in NEWS_ROLES)


def _portfolio(span) -> bool:
    """"Defense" in "Defense Minister X", "Energy" in "Commissioner for Energy": a portfolio, not an organization."""
    doc = span.doc
    if not all(t.lower_ in PORTFOLIOS for t in span):
        return False
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = [t.lower_ for t in doc[max(0, span.start - 2): span.start]]
    return after in PORTFOLIO_HOLDERS or (len(before) == 2 and before[1] in PORTFOLIO_PREPOSITIONS
                                           and before[0] in PORTFOLIO_HOLDERS)


def classify(span, label: str, sent_index) -> Mention | None:
    """The mention one NER span makes, or None: a decision list, the first test that holds wins.

    What the sentence states comes first (a portfolio, a stated place, a title before a name), then the
    name itself (equipment, products, indices, acronyms), then the NER label's own list of tests.
    """
    if _portfolio(span):
        return None
    if label in {"ORG", "PERSON", "GPE", "LOC", "FAC"} and stated_place(span) and not _title_before(span) \
            and not L.org_subclass(span.text) and not L.lookup_country(span.text) and span[0].is_title:
        # the sentence says it is a place: the gazetteer only gives its class
        name = _clean_name(span.text)
        place = L.lookup_place(name)
        cls = place.cls if place is not None else "Location"
        return _mention(span, untitle(name), cls, "stated-place", sent_index)
    span, label = _after_portfolio(span, label)
    if label in {"PERSON", "ORG", "GPE"} and len(span) > 1 and _leading_title(span) and not L.org_subclass(span.text):
        # "Spokeswoman Sandy Angers", "President Bush": the title is not part of the name
        while len(span) > 1 and _leading_title(span):
            span = span[1:]
        if span[0].is_title and not L.org_subclass(span.text):
            return _mention(span, _clean_name(span.text), "Person", "title+name", sent_index)
    name = _clean_name(span.text)
    label = _name_label(span, label, name)
    if label is None:
        return None
    nxt = _next_words(span, 1)
    if label == "NORP":
        return _classify_norp(span, name, sent_index)
    if nxt in {"party"} and label in {"GPE", "LOC", "ORG", "PERSON", "NORP"}:
        return _mention(span, name, "PoliticalParty", f"{label}+party", sent_index)  # "the Morena party"
    if label in {"GPE", "LOC", "FAC"}:
        return _classify_place(span, label, name, sent_index)
    if label == "PERSON":
        return _classify_person(span, name, nxt, sent_index)
    return _classify_org(span, name, nxt, sent_index)


def _after_portfolio(span, label: str):
    """"Commissioner for Energy Peter Olsen": the span and label of the name after the portfolio."""
    if len(span) > 1 and span[0].lower_ in PORTFOLIOS and span.start >= 2 and span.doc[span.start - 1].lower_ == "for" \
            and span.doc[span.start - 2].lower_ in PORTFOLIO_HOLDERS:
        # the portfolio ends where the name begins
        cut = span.start
        while cut < span.end and span.doc[cut].lower_ in PORTFOLIOS:
            cut += 1
        span = span.doc[cut: span.end]
        label = "PERSON" if label in {"ORG", "PERSON"} and len(span) >= 2 else label
    return span, label


def _name_label(span, label: str, name: str) -> str | None:
    """The NER label as the name itself allows it: None for no entity (equipment, products, indices, a lone
    word with nothing to say it is a person's name), ORG for an acronym NER calls a person."""
    if not name or not any(ch.isalpha() for ch in name) or _prefixed(name):
        return None
    if label in {"PERSON", "ORG", "FAC"} and (_is_equipment(span, name) or L.looks_like_product(name) or name[0].isdigit()):
        return None
    if label in {"ORG", "PERSON", "GPE"} and L.looks_like_index(name):
        return None
    if label in {"ORG", "NORP"} and not any(c.isupper() for c in name) and name not in NAMES_WRITTEN_LOWER:
        return None  # "the communist party", "supreme court": no name ("dpa" is written so)
    if label == "ORG" and name.lower() in TIME_ZONES:
        return None  # "22:15 UTC" in a schedule
    if label in {"ORG", "NORP"} and _treaty(name):
        return None  # "the European Convention on Human Rights": a treaty, no organization
    if label == "PERSON" and name.isupper() and len(name) <= 6:
        label = "ORG"  # an acronym is not a person's name
    if label == "PERSON" and len(span) == 1 and not _person_evidence(span):
        return None  # a lone capitalised word NER calls a person, with nothing else to say so
    return label


def _treaty(name: str) -> bool:
    """A treaty's or a law's name: its head word ("Agreement" in "Free Trade Agreement", "Convention" in
    "Convention on Human Rights", before any "on/for/of") is a word for one."""
    words = L.fold(name).split()
    for i, w in enumerate(words):
        if w in ORG_NAME_PREPOSITIONS and i > 0:
            words = words[:i]
            break
    return bool(words) and words[-1] in TREATY_WORDS


def _classify_norp(span, name: str, sent_index) -> Mention | None:
    """A NORP span: a demonym stands for its country, a party's name for the party; else no entity."""
    place = L.lookup_demonym(name)
    if place:
        return _mention(span, place.name, "Country", "demonym", sent_index, kind="demonym")
    sub = L.org_subclass(name)
    if sub == "PoliticalParty":
        return _mention(span, name, sub, "NORP+party", sent_index)
    return None


def _classify_place(span, label: str, name: str, sent_index) -> Mention:
    """A GPE, LOC or FAC span: an operation, a country, a body named by its words, a gazetteer place, or a
    person or organization where the sentence says so; else a Location."""
    if _operation_context(span):
        return _mention(span, name, "MilitaryOperation", f"{label}+operation-cue", sent_index,
                        key="op:" + L.fold(name))
    country = L.lookup_country(name)
    if country:
        return _mention(span, country.name, "Country", "gazetteer", sent_index)
    demonym = L.lookup_demonym(name)
    if demonym:
        return _mention(span, demonym.name, "Country", "demonym", sent_index, kind="demonym")
    sub = L.org_subclass(name)
    if sub and sub not in {"Organization", "Company"} and len(name.split()) > 1:
        return _mention(span, name, sub, f"{label}+words", sent_index)  # "the White House", not a town
    place = L.lookup_place(name)
    if place:
        return _mention(span, place.name if place.cls != "City" else untitle(name), place.cls, "gazetteer", sent_index)
    if label == "GPE" and _title_before(span) and (_person_like(span) or _titled_name(span)):
        return _mention(span, name, "Person", "title", sent_index)  # "President Thabo Mbeki"
    if label == "FAC":
        sub = L.org_subclass(name)
        if sub == "GovernmentBody":
            return _mention(span, name, sub, "FAC+words", sent_index)
    if label in {"FAC", "GPE"} and _person_like(span) and not _place_context(span) and not stated_place(span):
        return _mention(span, name, "Person", f"{label}+person-name", sent_index)  # "sanctions on Karim Haddad"
    if label == "GPE" and (_acts_like_person(span) or _org_descriptor(span)):
        return _mention(span, name, "Organization", "GPE+agent", sent_index)  # "Cisco said"
    return _mention(span, name, "Location", label, sent_index)


def _classify_person(span, name: str, nxt: str, sent_index) -> Mention | None:
    """A PERSON span: a place or country the gazetteer knows and nothing marks as a person, an organization
    its words or a descriptor name, else a Person; None before "administration" (a government body)."""
    if nxt in PERSON_BODY_WORDS:
        return None  # handled as a government body by _generic_bodies
    place = L.lookup_place(name)
    if place is not None and place.cls != "Country" and not L.is_given_name(name.split()[0]) \
            and (place.cls != "City" or place.population >= 50_000) and not _person_like(span) \
            and not _title_before(span) and not _acts_like_person(span) \
            and not (len(span) == 1 and _person_evidence(span)):
        # "Jena", "Kyiv", "Tamaulipas" read as a person's name: the gazetteer knows the place
        return _mention(span, untitle(name) if place.cls == "City" else place.name, place.cls, "PERSON+gazetteer",
                        sent_index)
    if L.lookup_country(name) and not _title_before(span):
        return _mention(span, L.lookup_country(name).name, "Country", "gazetteer", sent_index)
    sub = L.org_subclass(name)
    words = name.split()
    if sub and len(words) > 1 and (not L.is_given_name(words[0]) or words[-1].lower().strip(".") in COMPANY_WORDS):
        return _mention(span, name, sub, "PERSON+words", sent_index)
    if len(words) > 1 and span[0].is_title and span[0].lower_ in FOREIGN_ARTICLES and not _title_before(span):
        return _mention(span, name, sub or "Organization", "PERSON+org-cue", sent_index)  # "Der Spiegel"
    if _org_descriptor(span) or (len(span) == 1 and span.start > 0 and span.doc[span.start - 1].lower_ == "the") \
            or nxt in GROUP_MEMBER_NOUNS:  # "Jund al-Qadir militants"
        return _mention(span, name, sub or "Organization", "PERSON+org-cue", sent_index)
    return _mention(span, name, "Person", "PERSON", sent_index)


def _classify_org(span, name: str, nxt: str, sent_index) -> Mention | None:
    """An ORG span: a person after a title, an operation, a body its words name, a place or country the
    sentence places, a person's name, else an Organization; None for a government body or part of a title."""
    if nxt in LEADER_GOVERNMENT_NOUNS and len(span) <= 2 and not L.org_subclass(name):
        return None  # "the Lindqvist administration": a government body, built by _generic_bodies
    if _title_before(span) and not L.org_subclass(name):
        return _mention(span, name, "Person", "title", sent_index)
    if _operation_context(span):
        return _mention(span, name, "MilitaryOperation", "ORG+operation-cue", sent_index, key="op:" + L.fold(name))
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and L.is_title(doc[span.start - 2].lower_) and len(span) == 1:
        return None  # "Secretary of State": part of a title
    sub = L.org_subclass(name)
    if sub:
        return _mention(span, name, sub, "ORG+words", sent_index, key=national_body_key(name, sub))
    place = L.lookup_place(name)
    if place is not None and _place_context(span):
        return _mention(span, untitle(name) if place.cls == "City" else place.name, place.cls, "ORG+place-cue", sent_index)
    if place is not None and place.cls != "Country" and _known_place(place, name) and not _org_descriptor(span) \
            and not _sport(span.doc):
        # "Budapest", "Rafah" read as an organization: a place the gazetteer knows by this very name (in sport
        # news such a name is a club's: "Bayern")
        return _mention(span, untitle(name) if place.cls == "City" else place.name, place.cls, "ORG+gazetteer",
                        sent_index)
    country = L.lookup_country(name)
    if country and len(name) > 3:
        return _mention(span, country.name, "Country", "gazetteer", sent_index)
    if (_person_like(span) or (_acts_like_person(span) and 2 <= len(span) <= 3 and all(t.is_title for t in span))) \
            and not _org_descriptor(span) and not _group_evidence(span):
        return _mention(span, name, "Person", "ORG+person-name", sent_index)
    return _mention(span, name, "Organization", "ORG", sent_index)


def _known_place(place, name: str) -> bool:
    """The gazetteer's place goes by this name and is hardly a firm's: a region, or a city of 500,000 people or
    more (a smaller one often names a company: Toyota)."""
    big = place.cls != "City" or place.population >= 500_000
    return L.fold(place.name) == L.fold(name) and big and len(name) > 3 and not L.is_given_name(name.split()[0])


def _sport(doc) -> bool:
    """The article is sport news (sport.is_sport_article), read once per Doc."""
    if "kg_sport" not in doc.user_data:
        doc.user_data["kg_sport"] = is_sport_article(doc)
    return doc.user_data["kg_sport"]


def _group_evidence(span) -> bool:
    """What a person's name hardly has: "the" before it, the name ending its phrase ("the United Nations said",
    not "the Edward Snowden affair"), or the group's members after it ("Jund al-Qadir militants")."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in GROUP_MEMBER_NOUNS:
        return True
    return span.start > 0 and doc[span.start - 1].lower_ == "the" and not (
        nxt is not None and nxt.pos_ in {"NOUN", "PROPN"})


def national_body_key(name: str, cls: str) -> str:
    """"Chilean Armed Forces" and "the Chilean military" share one key: armed:CL."""
    words = name.split()
    for cut in (1, 2, 3):
        if cut >= len(words):
            break
        head = NATIONAL_HEADS.get(" ".join(words[cut:]).lower())
        if head:
            place = L.lookup_country(" ".join(words[:cut])) or L.lookup_demonym(" ".join(words[:cut]))
            if place:
                return f"{head}:{place.iso}"
    return ""


def _operation_context(span) -> bool:
    """"Operation X", "an operation called X", "codenamed X"."""
    doc = span.doc
    before = [t for t in doc[max(0, span.start - 4): span.start]]
    if span[0].lower_ in OPERATION_CUES and len(span) > 1:
        return True
    if before and before[-1].lower_ in OPERATION_CUES and before[-1].is_title:
        return True
    if before and before[-1].lemma_.lower() in NAMING_VERBS | NAMING_PARTICIPLES:
        window = doc[max(0, span.start - 8): span.start]
        return any(t.lower_ in OPERATION_CUES for t in window)
    return False
