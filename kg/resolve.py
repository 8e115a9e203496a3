"""Entity resolution: one entity per real-world thing, within an article and across a build."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from . import lexicon as L
from .lang.en import GENERIC_ORG_WORDS, NAME_CONNECTORS
from .io import slugify
from .ontology import TOP_CLASS
from .records import Document, Extraction, Mention

# Which classes may share an entity: a mention typed Organization may join a NewsOrganization.
FAMILY = {cls: TOP_CLASS[cls] for cls in TOP_CLASS}
FAMILY["City"] = "Location"
FAMILY["Country"] = "Location"
# When the mentions of one entity disagree, the most specific class wins, by this order.
SPECIFICITY = [
    "Country", "City", "MilitaryOperation", "NewsOrganization", "ArmedForces", "GovernmentBody",
    "PoliticalParty", "CriminalOrganization", "Company", "Person", "Organization", "Location",
]


@dataclass
class Entity:
    """One real-world thing: its IRI slug, class, names and every mention, by article."""

    key: str
    cls: str
    label: str
    names: Counter = field(default_factory=Counter)
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (doc_id, mention)
    geonameid: int | None = None
    iso: str | None = None
    slug: str = ""

    surface: set = field(default_factory=set)

    @property
    def aliases(self) -> list[str]:
        """Every other name the articles use for it ("US", "the United States" for United States)."""
        return sorted(n for n in set(self.names) | self.surface if n != self.label and L.fold(n))

    @property
    def articles(self) -> list[str]:
        return sorted({d for d, _ in self.mentions})


def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in NAME_CONNECTORS and w[0].isalpha()).upper()


def _person_parts(name: str) -> list[str]:
    return [w for w in name.split() if not L.is_title(w) or w[0].isupper() and len(w) > 3]


def cluster_article(ex: Extraction) -> dict[Mention, str]:
    """Map every mention of one article to a local cluster key."""
    text = ex.doc.text
    assign: dict[Mention, str] = {}
    persons_full: list[Mention] = [m for m in ex.mentions if m.cls == "Person" and len(m.name.split()) > 1]
    full_name_of = _FullNames(persons_full)
    acronyms = _acronym_pairs(ex.mentions, text)
    orgs = _OrgNames({L.fold(m.name): m for m in ex.mentions if FAMILY.get(m.cls) == "Organization"})
    for m in ex.mentions:
        fam = FAMILY.get(m.cls, m.cls)
        key = L.fold(m.name)
        if m.key:
            assign[m] = f"{fam}:{m.key}"
            continue
        if m.cls == "Country":
            place = L.lookup_country(m.name)
            assign[m] = f"country:{place.iso}" if place else f"Location:{key}"
            continue
        if fam == "Person":
            parts = key.split()
            if len(parts) == 1:
                # a surname or given name alone: the latest full name before it that has it
                match = full_name_of(parts[0], m.start)
                if match is not None:
                    key = L.fold(match.name)
            assign[m] = f"Person:{key}"
            continue
        if fam == "Location" and m.cls == "Location" and key in acronyms:
            fam = "Organization"  # "RAF" tagged as a place, spelled out as the Royal Air Force
        if fam == "Organization":
            key = _canonical_country_prefix(key)
            if key in acronyms:
                key = acronyms[key]
            else:
                for _ in range(3):  # "penske" -> "penske auto" -> "penske automotive group"
                    base = orgs.base(key)
                    if base == key:
                        break
                    key = base
                key = _canonical_country_prefix(key)  # "federal reserve" -> "us federal reserve" -> spelled out
            assign[m] = f"Organization:{key}"
            continue
        assign[m] = f"{fam}:{key}"
    return _merge_same_names(assign)


def _canonical_country_prefix(key: str) -> str:
    """"us air force" and "united states air force" are one key: a leading country alias is spelled out."""
    words = key.split()
    for size in (3, 2, 1):
        if len(words) > size:
            place = L.lookup_country(" ".join(words[:size]))
            if place is not None:
                return " ".join([L.fold(place.name)] + words[size:])
    return key


def _merge_same_names(assign: dict[Mention, str]) -> dict[Mention, str]:
    """Within one article one name is one thing: "Northrop Grumman" tagged once as a person, once as a company."""
    families: dict[str, set[str]] = defaultdict(set)
    for key in assign.values():
        fam, _, name = key.partition(":")
        if fam in {"Person", "Organization", "Location"}:
            families[name].add(key)
    votes: dict[str, Counter] = defaultdict(Counter)
    for m, key in assign.items():
        votes[key][m.cls] += 1
    rename: dict[str, str] = {}
    for name, keys in families.items():
        if len(keys) < 2:
            continue
        # a gazetteer place keeps its own node; the others join the family with the most mentions
        keys = {k for k in keys if not any(c in {"City", "Country"} for c in votes[k])}
        if len(keys) < 2:
            continue
        best = max(keys, key=lambda k: (sum(votes[k].values()), k))
        for k in keys:
            if k != best:
                rename[k] = best
    return {m: rename.get(k, k) for m, k in assign.items()}


def _acronym_pairs(mentions: list[Mention], text: str) -> dict[str, str]:
    """"Korean Central News Agency (KCNA)", or an acronym whose letters spell a longer name in the text."""
    pairs: dict[str, str] = {}
    longs = [m for m in mentions if len(m.name.split()) > 1]
    shorts = {L.fold(m.name): m for m in mentions if m.name.isupper() and 2 <= len(m.name.replace(".", "")) <= 6}
    for m in longs:
        after = text[m.end: m.end + 12]
        par = re.match(r"(?<!\s)\s*\(([A-Za-z][A-Za-z.&-]{1,9})\)", after)  # "(dpa)" too
        if par:
            pairs[L.fold(par.group(1))] = _canonical_country_prefix(L.fold(m.name))
        ini = initials(m.name)
        if len(ini) >= 2 and L.fold(ini) in shorts:
            pairs.setdefault(L.fold(ini), _canonical_country_prefix(L.fold(m.name)))
    return pairs


class _FullNames:
    """The full names of people in one article, indexed by word, to find the one a lone name stands for."""

    def __init__(self, persons_full: list[Mention]) -> None:
        from bisect import bisect_left, bisect_right

        self.persons, self.bisect_left, self.bisect_right = persons_full, bisect_left, bisect_right
        self.starts = [p.start for p in persons_full]
        self.in_order = all(a <= b for a, b in zip(self.starts, self.starts[1:]))
        self.ends: dict[str, list[int]] = defaultdict(list)  # first or last word -> indices, in order
        self.words: dict[str, list[int]] = defaultdict(list)  # any word -> indices, in order
        for i, p in enumerate(persons_full):
            pparts = L.fold(p.name).split()
            for w in dict.fromkeys((pparts[0], pparts[-1])) if pparts else ():
                self.ends[w].append(i)
            for w in dict.fromkeys(pparts):
                self.words[w].append(i)

    def __call__(self, word: str, start: int) -> Mention | None:
        """The latest full name at or before `start` whose first or last word is `word`, else the first after
        it, else the first with the word anywhere; None if none has it."""
        if not self.in_order:
            return self._scan(word, start)
        ks = self.ends.get(word)
        if ks:
            # the scan stops at the first name after `start` that follows a match
            stop = max(ks[0] + 1, self.bisect_right(self.starts, start))
            return self.persons[ks[self.bisect_left(ks, stop) - 1]]
        anywhere = self.words.get(word)
        return self.persons[anywhere[0]] if anywhere else None

    def _scan(self, word: str, start: int) -> Mention | None:
        match = None
        for p in self.persons:
            if p.start > start and match is not None:
                break
            pparts = L.fold(p.name).split()
            if word in (pparts[-1], pparts[0]):
                match = p
        if match is None:  # or the first one after it
            match = next((p for p in self.persons if word in L.fold(p.name).split()), None)
        return match


class _OrgNames:
    """The organization names of one article, sorted forwards and backwards so that the names starting or
    ending with a text are found by bisection, not by a scan of every name for every mention."""

    def __init__(self, names: dict[str, Mention]) -> None:
        self.names = names
        self.order = {k: i for i, k in enumerate(names)}
        self.forwards = sorted(names)
        self.backwards = sorted(k[::-1] for k in names)
        self._bases: dict[str, str] = {}

    def starting(self, prefix: str) -> list[str]:
        """The names that start with prefix, in the order they came in the article."""
        from bisect import bisect_left

        found = []
        for k in self.forwards[bisect_left(self.forwards, prefix):]:
            if not k.startswith(prefix):
                break
            found.append(k)
        return sorted(found, key=self.order.__getitem__)

    def ending(self, suffix: str) -> list[str]:
        from bisect import bisect_left

        rev, found = suffix[::-1], []
        for k in self.backwards[bisect_left(self.backwards, rev):]:
            if not k.startswith(rev):
                break
            found.append(k[::-1])
        return found

    def base(self, key: str) -> str:
        if key not in self._bases:
            self._bases[key] = _org_base(key, self)
        return self._bases[key]


def _org_base(key: str, orgs: _OrgNames) -> str:
    """"cbs" joins "cbs news"; "lockheed" joins "lockheed martin" when it is the only longer name it starts."""
    words = key.split()
    if not words:
        return key
    candidates = [k for k in orgs.starting(key + " ") if k != key]
    for k in sorted(candidates, key=len):
        extra = k[len(key) + 1:].split()
        if all(w in GENERIC_ORG_WORDS for w in extra):
            return k
    if " " not in key and key in orgs.names and not orgs.names[key].key:
        # (key, one word, can be none of the longer names' candidates, twins or enders: no need to leave it out)
        bases = {_org_base(k, orgs) for k in candidates}
        if len(bases) == 1:
            return bases.pop()
    if len(words) == 2:
        # "penske auto" and "penske automotive group": same first word, one second word the start of the other
        twins = [k for k in orgs.starting(f"{words[0]} {words[1]}") if k != key and len(k.split()) >= 2
                 and k.split()[0] == words[0] and k.split()[1].startswith(words[1]) and k.split()[1] != words[1]]
        if len(twins) == 1:
            return twins[0]
    if " " in key and key not in GENERIC_ORG_WORDS:
        # "air force" inside "united states air force", when only one longer name ends with it
        enders = [k for k in orgs.ending(" " + key) if k != key]
        if len(enders) == 1 and len(key.split()) >= 2:
            return enders[0]
    return key


def local_keys(ex: Extraction) -> list[str]:
    """The key cluster_article gives each mention of ex, in the order of ex.mentions (kept between builds)."""
    assign = cluster_article(ex)
    return [assign[m] for m in ex.mentions]


def resolve(extractions: list[Extraction], local: dict[str, list[str]] | None = None,
            ) -> tuple[list[Entity], dict[tuple[str, Mention], Entity]]:
    """Merge mentions into entities across all articles: (entities, (doc_id, mention) -> entity).

    local gives, by article id, the local_keys of articles worked out before (kg/parts.py keeps them)."""
    clusters: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for ex in extractions:
        known = (local or {}).get(ex.doc.doc_id)
        assign = dict(zip(ex.mentions, known)) if known is not None and len(known) == len(ex.mentions) \
            else cluster_article(ex)
        for m, key in assign.items():
            clusters[key].append((ex.doc.doc_id, m))
    _merge_name_variants(clusters)
    _merge_lone_surnames(clusters)
    entities: list[Entity] = []
    index: dict[tuple[str, Mention], Entity] = {}
    for key in sorted(clusters):
        members = clusters[key]
        ent = _make_entity(key, members)
        entities.append(ent)
        for doc_id, m in members:
            index[(doc_id, m)] = ent
    _assign_slugs(entities)
    return entities, index


def _merge_name_variants(clusters: dict[str, list[tuple[str, Mention]]]) -> None:
    """"Tim Cook" and "Timothy D. Cook": same surname, one given name the start of the other."""
    full = sorted((k for k in clusters if k.startswith("Person:") and " " in k), key=lambda k: (-len(k), k))
    # only names of one surname whose given names start alike are compared
    alike: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in full:
        words = k.split(":", 1)[1].split()
        alike[words[-1], words[0][:1]].append(k)
    for key in list(full):
        if key not in clusters:
            continue
        parts = key.split(":", 1)[1].split()
        for other in alike[parts[-1], parts[0][:1]]:
            if other == key or other not in clusters or key not in clusters:
                continue
            oparts = other.split(":", 1)[1].split()
            if oparts[-1] != parts[-1] or len(oparts) > len(parts):
                continue
            if parts[0].startswith(oparts[0]) or oparts[0].startswith(parts[0]):
                clusters[key].extend(clusters.pop(other))


def _merge_lone_surnames(clusters: dict[str, list[tuple[str, Mention]]]) -> None:
    """Across articles, "Person:trump" joins "Person:donald trump" when that is the only such full name."""
    by_surname: dict[str, list[str]] = defaultdict(list)
    for k in clusters:
        if k.startswith("Person:") and " " in k:
            by_surname[k.split(":", 1)[1].split()[-1]].append(k)
    for key in [k for k in clusters if k.startswith("Person:") and " " not in k]:
        matches = by_surname.get(key.split(":", 1)[1], [])
        if len(matches) == 1:
            clusters[matches[0]].extend(clusters.pop(key))


def _make_entity(key: str, members: list[tuple[str, Mention]]) -> Entity:
    votes = Counter(m.cls for _, m in members)
    cls = entity_class([m for _, m in members])
    names = Counter(m.name for _, m in members)
    label = _choose_label(cls, names)
    ent = Entity(key=key, cls=cls, label=label, names=names, mentions=members)
    ent.surface = {_surface(m.text) for _, m in members if m.kind in {"name", "modifier"}}
    place = None
    if cls == "Country":
        place = L.lookup_country(label)
    elif cls in {"City", "Location"}:
        place = L.lookup_place(label)
        if place and place.cls == "Country":
            place = None
    if place:
        ent.geonameid, ent.iso = place.geonameid, place.iso
    return ent


def entity_class(members: list[Mention]) -> str:
    """The class of the thing a group of mentions names: most mentions decide (see _decide_class), but a
    one-word "person" also read as an organization is the organization, since news introduces people by their
    full names ("Irish low cost airline, Ryanair"; "Ryanair's"; "Ryanair CEO")."""
    votes = Counter(m.cls for m in members)
    cls = _decide_class(votes)
    if cls == "Person" and any(FAMILY.get(c) == "Organization" for c in votes) and not any(
            m.cls == "Person" and len(m.name.split()) > 1 for m in members):
        cls = max((c for c in votes if FAMILY.get(c) == "Organization"), key=lambda c: votes[c])
    return cls


def harmonise_classes(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions re-typed to the class of the thing they name in this article, where a person and an
    organization were confused, so that relations read from each sentence agree with the graph's nodes."""
    keys = cluster_article(Extraction(doc=Document(text=text, source="", doc_id=""), sentences=[], mentions=mentions))
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[keys[m]].append(m)
    decided = {k: entity_class(ms) for k, ms in groups.items() if len({FAMILY.get(m.cls) for m in ms}) > 1}
    out = []
    for m in mentions:
        cls = decided.get(keys[m])
        families = {FAMILY.get(m.cls), FAMILY.get(cls)}
        if cls and families == {"Person", "Organization"} and m.kind == "name":
            m = replace(m, cls=cls)
        out.append(m)
    return out


def _surface(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", " ".join(L.visible(text).split()))
    return re.sub(r"(['\u2019\u02bc]s?)$", "", text).strip()


def _decide_class(votes: Counter) -> str:
    """Most mentions decide; a more specific class of the same family breaks a tie or refines."""
    if votes.get("Country"):
        return "Country"
    total = sum(votes.values())
    best = max(votes, key=lambda c: (votes[c], -SPECIFICITY.index(c) if c in SPECIFICITY else -99))
    for cls in SPECIFICITY:
        if cls in votes and FAMILY.get(cls) == FAMILY.get(best) and cls != best and best in {"Organization", "Location"}:
            return cls
    if best == "Person" and votes["Person"] * 2 < total:
        return max(votes, key=votes.get)
    return best


def _choose_label(cls: str, names: Counter) -> str:
    if cls == "Person":
        return max(names, key=lambda n: (len(_person_parts(n)), names[n], len(n), n))
    if cls in {"Country"}:
        return max(names, key=lambda n: (names[n], n))
    # the fullest form: "CBS News" over "CBS", "United States Air Force" over "Air Force" and "USAF"
    return max(names, key=lambda n: (len(n.split()) > 1 and not n.isupper(), len(n) if len(n.split()) <= 6 else 0,
                                     names[n], n))


def _assign_slugs(entities: list[Entity]) -> None:
    """Readable stable slugs; homonyms of different classes get the class appended."""
    by_slug: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        by_slug[slugify(e.label, "entity")].append(e)
    for slug, group in by_slug.items():
        if len(group) == 1:
            group[0].slug = slug
            continue
        for e in sorted(group, key=lambda e: (e.cls, e.key)):
            candidate = f"{slug}-{e.cls.lower()}"
            n = 2
            while any(o.slug == candidate for o in group):
                candidate = f"{slug}-{e.cls.lower()}-{n}"
                n += 1
            e.slug = candidate
