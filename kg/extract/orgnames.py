"""Organizations NER misses or mistypes, found from what the text says of them: a word for their kind beside
the name ("the ruling Rovna party", "news agency dpa", "management consultancy Kelvana"), an acronym given in
brackets after the full name ("the Velmar Trade Council (VTC)") and used alone later, and the names of news
agencies and armed groups known without a word beside them ("told dpa", "fighters of Islamic State").

Each rule reads only tokens no other name took, or names NER gave a class the cue contradicts (a one-word
person or place, "Kelvana" in "consultancy Kelvana"); a country, a city the gazetteer knows or a person's full
name is never taken. The words of a kind after a name are not part of it: "the Svoboda party" is Svoboda.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from .. import lexicon as L
from ..lang.en import (APOSTROPHES, APPOSITION_BODY_NOUNS, ARMED_GROUP_ACRONYMS, ARMED_GROUP_NAMES, IDEOLOGY_ADJECTIVE_ENDINGS,
                       NAME_KIND_WORDS, NAMES_WRITTEN_LOWER, ORG_NAME_LINKS, ORG_NAME_PREPOSITIONS,
                       NEWS_AGENCY_NAMES, ORG_CUES_AFTER_NAME, ORG_CUES_BEFORE_NAME, PARTY_WORDS)
from ..ontology import family
from ..records import Mention
from .common import clean_name
from .common import make_mention

_ORGS = family("Organization")
_CONNECTORS = ORG_NAME_LINKS
_QUOTES = {'"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u201e"}
_LONGEST = 6  # tokens of a name read beside a cue
_KNOWN = NEWS_AGENCY_NAMES | ARMED_GROUP_NAMES | ARMED_GROUP_ACRONYMS
_KNOWN_WORDS = max(len(n.split()) for n in _KNOWN)
KNOWN_CITY = 100_000  # a city of this many people is the place its name stands for, whatever word follows


_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


def _namey(tok) -> bool:
    """A word that can be part of a name: capitalised or in capitals, no date or number ("Bild on Sunday
    newspaper"), and not a common word that only opens a sentence or line ("Opposition Green party whip")."""
    if not any(c.isalpha() for c in tok.text) or tok.text in _QUOTES or tok.ent_type_ in _NOT_NAMES:
        return False
    if not (tok.is_title or tok.is_upper or tok.text[:1].isupper() or tok.lower_ in NAMES_WRITTEN_LOWER):
        return False
    return not _common_opener(tok)


def _common_opener(tok) -> bool:
    """A capitalised word opening a sentence or line that is no name by itself: NER gave it no name, and the
    article never writes it with a capital elsewhere. The words written so are counted once per Doc."""
    doc = tok.doc
    opens = tok.is_sent_start or tok.i == 0 or doc[tok.i - 1].is_space or "\n" in doc[tok.i - 1].whitespace_
    if not opens or tok.ent_type_ or tok.is_upper:
        return False
    inner = doc.user_data.get("kg_inner_capitals")
    if inner is None:
        inner = doc.user_data["kg_inner_capitals"] = {
            t.text for t in doc if t.i > 0 and not t.is_sent_start and t.text[:1].isupper()
            and not doc[t.i - 1].is_space and "\n" not in doc[t.i - 1].whitespace_}
    return tok.text not in inner


def _absorbable(m: Mention | None) -> bool:
    """A mention a cue may re-read: none, or a one-word name NER gave a class the cue contradicts, or a part of the
    name NER cut off ("Truth" and "Order party" of "the Truth and Order party"); never a country, a known city, a
    person's full name or a name a rule built."""
    if m is None:
        return True
    if m.kind != "name" or m.cls in {"Country", "City"} or m.key:
        return False
    if m.cls == "Person" and len(m.name.split()) > 1:
        return False
    return m.label.split("+")[0] in {"ORG", "PERSON", "GPE", "LOC", "FAC", "NORP", "descriptor", "repeated-name"}


def _by_token(doc, mentions: list[Mention]) -> dict[int, Mention]:
    out: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for t in span:
                out.setdefault(t.i, m)
    return out


def _run_before(doc, end: int, owner: dict[int, Mention]) -> int:
    """The start of the name that ends just before token `end` (end itself when there is none)."""
    start = end
    while start > 0 and end - start < _LONGEST:
        tok = doc[start - 1]
        if not _absorbable(owner.get(tok.i)) or "\n" in tok.whitespace_:
            break
        if _namey(tok) and not _after_lower_prefix(doc, tok.i):
            start -= 1
        elif tok.lower_ in _CONNECTORS and start < end and start - 2 >= 0 and _namey(doc[start - 2]) \
                and (tok.text != "-" or not tok.whitespace_ and not doc[start - 2].whitespace_):
            start -= 1
        else:
            break
        if tok.is_sent_start:
            break
    return start


def _after_lower_prefix(doc, i: int) -> bool:
    """"European" in "pro-European": a word joined by a hyphen to a lower-case one before it."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ \
        and doc[i - 2].is_lower


def _run_after(doc, start: int, owner: dict[int, Mention], lists: bool = False) -> int:
    """The end of the name that starts at token `start` (start itself when there is none); with lists, "and"
    ends it (after "airline X", "X and Y" is a list of two)."""
    end = start
    while end < len(doc) and end - start < _LONGEST:
        tok = doc[end]
        if not _absorbable(owner.get(tok.i)) or (end > start and tok.is_sent_start):
            break
        if _namey(tok):
            end += 1
        elif tok.lower_ in _CONNECTORS and not (lists and tok.lower_ == "and") and end > start \
                and end + 1 < len(doc) and _namey(doc[end + 1]) \
                and (tok.text != "-" or not tok.whitespace_ and not doc[end - 1].whitespace_):
            end += 1
        else:
            break
        if "\n" in tok.whitespace_:
            break
    return end


def _cue_at(doc, i: int, cues: dict[str, str]) -> tuple[str, int] | None:
    """(class, length) of the lower-case cue of one or two words starting at token i."""
    if i >= len(doc) or not doc[i].is_lower:
        return None
    if i + 1 < len(doc) and doc[i + 1].is_lower and f"{doc[i].text} {doc[i + 1].text}" in cues:
        return cues[f"{doc[i].text} {doc[i + 1].text}"], 2
    if doc[i].text in cues and doc[i].pos_ in {"NOUN", "PROPN", "ADJ"}:
        return cues[doc[i].text], 1
    return None


def _cue_ending_at(doc, end: int, cues: dict[str, str]) -> tuple[str, int] | None:
    """(class, length) of the lower-case cue of one or two words ending just before token end."""
    for size in (2, 1):
        if end - size >= 0:
            found = _cue_at(doc, end - size, cues)
            if found is not None and found[1] == size:
                return found
    return None


def _plausible(span) -> bool:
    """A name a cue can make an organization's: not a place the gazetteer knows, a country or its people, nor a
    person's name ("the firm Anna Berg founded")."""
    text = clean_name(span.text)
    if not text or L.lookup_country(text) or L.lookup_demonym(text):
        return False
    if _known_place(text):
        return False
    words = [t for t in span if any(c.isalpha() for c in t.text)]
    if not words:
        return False
    if L.lookup_demonym(span[-1].text) or all(t.ent_type_ == "NORP" and t.pos_ == "ADJ" for t in words):
        return False  # "East German television", "European newspaper editors": a people, not a name
    if 2 <= len(words) <= 3 and L.is_given_name(words[0].text) and not L.org_subclass(text):
        return False
    return not all(L.is_title(t.text) for t in words)


def _known_place(text: str) -> bool:
    """A place the gazetteer knows that is no small town's name (a small town's may be anything's)."""
    place = L.lookup_place(text)
    return place is not None and (place.cls != "City" or place.population >= KNOWN_CITY)


def _class(name: str, cue_class: str) -> str:
    """The cue's class, unless the name's own words say more (a party's name in "Heimat movement")."""
    sub = L.org_subclass(name)
    if cue_class == "Organization" and sub:
        return sub
    return cue_class


def cue_names(doc, mentions: list[Mention], sent_index) -> list[Mention]:
    """Names beside a word for their kind: "the ruling Rovna party", "Belgian broadcaster RTBF", "the Heimat
    movement", "the IS militant group". The mentions the new names take in replace those NER made there."""
    owner = _by_token(doc, mentions)
    found: list[tuple[int, int, int, int, str, str]] = []  # (span start, end, name start, end, class, key)
    i = 0
    while i < len(doc):
        after = _cue_at(doc, i, ORG_CUES_AFTER_NAME) if i > 0 else None
        if after is not None:
            end = i
            while end > 0 and doc[end - 1].text in _QUOTES:
                end -= 1
            alias = _bracketed_before(doc, end, owner)
            if alias is not None:
                end = alias[0] - 1
            start = _run_before(doc, end, owner)
            if start < end and _plausible(doc[start:end]):
                # "Samo (Self-Help) party": the name in brackets is another name of the same party
                key = L.fold(clean_name(doc[start:end].text)) if alias is not None else ""
                found.append((start, i + after[1], start, end, after[0], ""))
                if alias is not None:
                    found.append((alias[0], alias[1], alias[0], alias[1], after[0], key))
                i += after[1]
                continue
        before = _cue_ending_at(doc, i, ORG_CUES_BEFORE_NAME) if i > 0 else None
        if before is None:
            before, i = _apposed_cue(doc, i)
        if before is not None and doc[i - 1].pos_ in {"NOUN", "PROPN", "ADJ", "PUNCT", "DET"}:
            first = i
            while first < len(doc) and doc[first].text in _QUOTES:
                first += 1
            end = _run_after(doc, first, owner, lists=True)
            if end > first and _plausible(doc[first:end]) and not _person_named(doc, first, end, owner):
                found.append((first, end, first, end, before[0], ""))
                i = end
                continue
        i += 1
    if not found:
        return mentions
    out = []
    replaced: set[Mention] = set()
    stated: dict[str, str] = {}  # name -> class a cue stated: its other mentions NER typed otherwise follow
    for start, end, nstart, nend, cls, key in found:
        name = clean_name(doc[nstart:nend].text)
        rule = "name+kind" if end > nend or key else "kind+name"
        if end > nend:
            if doc[nend].lower_ == "party" and _adjective_name(name.split()):
                name = clean_name(doc[start:end].text)  # "the Democratic party"
            nstart, nend = start, end  # the mention is the name with its kind: "(SPD)" may follow it
        inside = {owner[t] for t in range(start, end) if t in owner}  # the span's tokens only: linear
        if any(m.start < doc[start].idx or m.end > doc[end - 1].idx + len(doc[end - 1].text) for m in inside):
            continue  # a mention reaching beyond the name and its cue: not re-read
        replaced |= inside
        out.append(make_mention(doc[nstart:nend], name, _class(name, cls), rule, sent_index, key=key))
        stated.setdefault(name, out[-1].cls)
    kept = [m if m.name not in stated or m.cls in _ORGS or not _absorbable(m)
            else replace(m, cls=stated[m.name], label=m.label + "+kind")
            for m in mentions if m not in replaced]
    return sorted(kept + out, key=lambda m: (m.start, m.end))


def _apposed_cue(doc, i: int) -> tuple[tuple[str, int] | None, int]:
    """"the German parliament, the Bundestag, ...": (the body's class and 1, and the first token after the comma
    and "the") when token i follows such a comma; else (None, i). The name must close the apposition."""
    if i < 2 or doc[i - 1].text != ",":
        return None, i
    cue = _cue_ending_at(doc, i - 1, APPOSITION_BODY_NOUNS) or _cue_ending_at(doc, i - 1, ORG_CUES_BEFORE_NAME)
    if cue is None:
        return None, i
    first = i + 1 if i + 1 < len(doc) and doc[i].lower_ == "the" else i
    end = first
    while end < len(doc) and _namey(doc[end]) and not L.is_given_name(doc[end].text) and end - first < 4:
        end += 1
    if end == first or end >= len(doc) or doc[end].text not in {",", ".", ")", ";"}:
        return None, i
    return (cue[0], 1), first


def _bracketed_before(doc, end: int, owner: dict[int, Mention]) -> tuple[int, int] | None:
    """(start, end) of a name in brackets just before token end ("Samo (Self-Help) party"), or None."""
    if end < 3 or doc[end - 1].text != ")":
        return None
    opening = next((j for j in range(end - 2, max(0, end - 8), -1) if doc[j].text == "("), None)
    if opening is None or opening + 1 >= end - 1:
        return None
    inner_end = end - 1
    if _run_before(doc, inner_end, owner) != opening + 1:
        return None
    return opening + 1, inner_end


def _person_named(doc, start: int, end: int, owner: dict[int, Mention]) -> bool:
    """A person's name NER read as one ("the firm's lawyer Anna Berg" ends the cue's reach)."""
    return any(doc[t].ent_type_ == "PERSON" for t in range(start, end)) and end - start >= 2 \
        and L.is_given_name(doc[start].text)


def known_names(doc, mentions: list[Mention], sent_index) -> list[Mention]:
    """News agencies and armed groups known by name alone ("told dpa", "Islamic State fighters"), where no
    other name was read: written with capitals (a short one in capitals only, "IS"), in a sentence that is not
    itself written in capitals."""
    owner = _by_token(doc, mentions)
    out = []
    replaced: set[Mention] = set()
    i = 0
    while i < len(doc):
        hit = None
        for size in range(min(_KNOWN_WORDS + 2, len(doc) - i), 0, -1):  # "al-Qaeda" may be three tokens
            span = doc[i: i + size]
            low = span.text.lower()
            if low in _KNOWN and _written_as_name(span, low):
                hit = span
                break
        if hit is None or not all(_absorbable(owner.get(t.i)) for t in hit):
            i += 1
            continue
        inside = {owner[t.i] for t in hit if t.i in owner}
        if any(m.start < hit.start_char or m.end > hit.end_char for m in inside):
            i += 1
            continue
        end = hit.end
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper() and end + 1 not in owner:
            end += 2  # "DW-TV", "DW-WORLD": the name of one of its services
        hit = doc[hit.start: end]
        replaced |= inside
        name = clean_name(hit.text)
        out.append(make_mention(hit, name, L.org_subclass(name) or "Organization", "known-name", sent_index))
        i = hit.end
    if not out:
        return mentions
    return sorted([m for m in mentions if m not in replaced] + out, key=lambda m: (m.start, m.end))


def _written_as_name(span, low: str) -> bool:
    doc = span.doc
    if span.start > 0 and (doc[span.start - 1].text[-1:].isalnum() and not doc[span.start - 1].whitespace_):
        return False  # inside a longer word
    if span.end < len(doc) and doc[span.end - 1].text[-1:].isalnum() and not doc[span.end - 1].whitespace_ \
            and doc[span.end].text[:1].isalnum():
        return False
    if low in NAMES_WRITTEN_LOWER:
        return span.text == low
    if len(low) <= 4 and not span.text.isupper():
        return False
    if not any(c.isupper() for c in span.text):
        return False
    return not _capital_line(doc, span.start_char)


def _capital_line(doc, at: int) -> bool:
    """Whether character `at` lies on a line the article writes in capitals (a headline, a slug: wire.layout
    re-cased it for spaCy and kept where it was)."""
    lo = doc.user_data.get("kg_wire")
    if lo is None or not lo.capitals:
        return False
    i = bisect_right(lo.capitals, (at, float("inf"))) - 1  # the last line starting at or before `at`
    return i >= 0 and lo.capitals[i][0] <= at < lo.capitals[i][1]


def bracket_acronyms(doc, mentions: list[Mention], sent_index) -> list[Mention]:
    """"the Velmar Trade Council (VTC)", "the Free Democrats (FDP)": the acronym in brackets after an
    organization's name is the organization, and so is every later use of it alone; a party's name NER missed
    before such an acronym ("Free Democrats") is read too."""
    owner = _by_token(doc, mentions)
    defined: dict[str, str] = {}
    out = []
    for tok in doc:
        if tok.text not in {"(", "["} or tok.i + 2 >= len(doc) or doc[tok.i + 2].text not in {")", "]"} or tok.i == 0:
            continue
        acr = doc[tok.i + 1]
        own = owner.get(acr.i)
        if not _acronym_like(acr) or not _absorbable(own):
            continue
        if own is not None and (own.start, own.end) != (acr.idx, acr.idx + len(acr.text)):
            continue
        before = owner.get(tok.i - 1)
        if before is not None and before.cls in _ORGS and before.kind == "name" and len(before.name.split()) > 1:
            cls = before.cls
        elif before is None or _absorbable(before):
            start = _run_before(doc, tok.i, owner)
            name = clean_name(doc[start: tok.i].text)
            words = name.split()
            if start == tok.i or len(words) < 2 or not (L.org_subclass(name) or words[-1].lower() in PARTY_WORDS):
                continue
            cls = L.org_subclass(name) or "PoliticalParty"
            if any(t in owner for t in range(start, tok.i)):  # the span's tokens only: linear
                continue
            out.append(make_mention(doc[start: tok.i], name, cls, "name+acronym", sent_index))
        else:
            continue
        defined.setdefault(acr.text, cls)
        if own is None:
            out.append(make_mention(doc[acr.i: acr.i + 1], acr.text, cls, "bracket-acronym", sent_index))
    if not defined:
        return out
    taken = set(owner) | {t.i for m in out for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or [])}
    for tok in doc:
        if tok.text in defined and tok.i not in taken and _absorbable(owner.get(tok.i)):
            out.append(make_mention(doc[tok.i: tok.i + 1], tok.text, defined[tok.text], "bracket-acronym", sent_index))
    return out


def _acronym_like(tok) -> bool:
    """"VTC", "FDP", "dpa", "ISI": a short word in capitals, or one of the names written in lower case."""
    text = tok.text
    if tok.lower_ in NAMES_WRITTEN_LOWER:
        return True
    caps = sum(c.isupper() for c in text)
    return 2 <= len(text) <= 8 and text[0].isupper() and caps >= 2 and all(c.isalnum() or c in "&-." for c in text)


def _adjective_name(words: list[str]) -> bool:
    """"Democratic", "Republican", "Socialist": a one-word adjective of a creed, which names its party only with
    the word party."""
    return len(words) == 1 and words[0].lower().endswith(IDEOLOGY_ADJECTIVE_ENDINGS)


def without_kind_words(mentions: list[Mention]) -> list[Mention]:
    """"the Svoboda party" is Svoboda, "the Xinhua news agency" Xinhua: the lower-case words of an organization's
    kind after its name are no part of the name."""
    out = []
    for m in mentions:
        if m.cls in _ORGS and m.kind == "name" and not m.key:
            words = m.name.split()
            for size in (2, 1):
                tail = " ".join(words[-size:])
                rest = " ".join(words[:-size])
                if len(words) > size and tail.islower() and tail in NAME_KIND_WORDS \
                        and any(w[:1].isupper() for w in words[:-size]) \
                        and not (tail == "party" and _adjective_name(words[:-size])):
                    for suffix in APOSTROPHES:
                        rest = rest[: -len(suffix)] if rest.endswith(suffix) else rest
                    m = replace(m, name=rest)
                    break
        out.append(m)
    return out


_JOINING_PREPOSITIONS = ORG_NAME_PREPOSITIONS
# the classes whose head words may go on with "for X" or take "X and" in: bodies, not companies or outlets ("Best
# Buy for the No. 2 spot", "the Hang Seng and Straits Times indices")
_BODY_CLASSES = family("GovernmentBody") | family("ArmedForces") | {"Organization"}


def _head_word(name: str) -> bool:
    """The name ends in a word for a kind of body ("Agency", "Council", "Society", not "Group" or "Times"): it
    may go on with "for X"."""
    words = name.split()
    return bool(words) and L.org_subclass(words[-1]) in _BODY_CLASSES and words[-1][:1].isupper()


def _joinable(m: Mention | None) -> bool:
    """A mention a longer name may take in: none, a part NER cut off, or a region ("the Middle East and Africa
    Research Division"); never a country or a city."""
    return m is None or _absorbable(m) or (m.kind == "name" and m.cls == "Location" and not m.key)


def joined_names(doc, mentions: list[Mention], sent_index) -> list[Mention]:
    """Names of bodies NER cut in two at "and" or a preposition: "the Maritime and Coastguard Agency", "the
    Social, Environmental, and Economic Council", "the Velmar Society for Ship Safety and Rescue": a name that
    ends in a word for a body is read back over "X and" (after "the") and on over "for/of/on" with the capitalised
    words after it."""
    owner = _by_token(doc, mentions)
    out = []
    replaced: set[Mention] = set()
    for m in mentions:
        if m.cls not in _ORGS or m.kind != "name" or m.key or m in replaced or not _head_word(m.name):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        start, end = _joined_start(doc, span.start, owner, m), _joined_end(doc, span.end, owner, m)
        if (start, end) == (span.start, span.end):
            continue
        taken = {owner[i] for i in range(start, end) if i in owner}
        if any(not _joinable(x) and x is not m for x in taken) or any(
                x.start < doc[start].idx or x.end > doc[end - 1].idx + len(doc[end - 1].text) for x in taken):
            continue
        replaced |= taken
        name = clean_name(doc[start:end].text)
        out.append(make_mention(doc[start:end], name, L.org_subclass(name) or m.cls, m.label + "+joined", sent_index))
    if not out:
        return mentions
    return sorted([m for m in mentions if m not in replaced] + out, key=lambda m: (m.start, m.end))


def _joined_start(doc, start: int, owner: dict[int, Mention], m: Mention) -> int:
    """Where the name starts when "X and" (or "X, Y, and") before it belongs to it: after "the"."""
    i = start
    if i >= 2 and doc[i - 1].lower_ == "and":
        i -= 1
        if doc[i - 1].text == ",":
            i -= 1
    else:
        return start
    first = i
    while True:
        j = first
        while j > 0 and first - j < 3 and _namey(doc[j - 1]) and _joinable(owner.get(doc[j - 1].i)) \
                and owner.get(doc[j - 1].i) is not m:
            j -= 1
        if j == first:
            return start
        first = j
        if first >= 2 and doc[first - 1].text == "," and _namey(doc[first - 2]):
            first -= 1  # "Social, Environmental, and Economic Council"
            continue
        break
    return first if first > 0 and doc[first - 1].lower_ == "the" else start


def _joined_end(doc, end: int, owner: dict[int, Mention], m: Mention) -> int:
    """Where the name ends when "for/of/on X" after it belongs to it: "Agency for Self-Help and Volunteering"."""
    if end + 1 >= len(doc) or doc[end].lower_ not in _JOINING_PREPOSITIONS or not doc[end].is_lower:
        return end
    first = end + 1
    if doc[first].lower_ == "the" and first + 1 < len(doc):
        first += 1
    stop = first
    while stop < len(doc) and stop - first < _LONGEST and _joinable(owner.get(stop)) and owner.get(stop) is not m:
        tok = doc[stop]
        if _namey(tok):
            stop += 1
        elif tok.lower_ in _CONNECTORS and stop + 1 < len(doc) and _namey(doc[stop + 1]) and stop > first:
            stop += 1
        else:
            break
    if stop == first or any(L.lookup_country(doc[t].text) or _known_place(doc[t].text) for t in range(first, stop)):
        return end  # "the Council of Europe" is NER's whole name already; "the Agency for Germany" is not one
    return stop
