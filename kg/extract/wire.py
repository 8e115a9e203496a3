"""Wire copy: headlines and slugs in capitals, datelines, bylines and credit lines.

`layout(text)` reads the article's text once, line by line, and says (1) how to read lines set in capitals
("MILITANTS KILL FOUR IN KANDAHAR" is read as "Militants kill four in Kandahar": a word takes the case the
article gives it elsewhere, a place or demonym of the gazetteers its title case, other words lower case),
(2) which stretches are no part of the story (a slug "UPDATE 2-", a byline "By Jane Doe", "Reporting by
...; Editing by ...", "Author: ...", a credit line "jm/rt (AP, dpa)") and (3) which capitals
name the place of a dateline ("KABUL 2016-05-03 -", "NAIROBI, Jan 3 (Reuters) -", "Jane Doe MOSCOW").
The re-cased text has the same length as the article's, so every offset stays valid. Every step is one
pass over the text: no rule here takes more than linear time.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import lexicon as L
from ..lang.en import BYLINE_STARTS, CONTRIBUTION_ENDS, CONTRIBUTOR_WORDS, COUNTRY_ALIASES, MONTH_WORDS, NEWS_WORDS, WIRE_SLUGS


@dataclass
class Layout:
    text: str  # the text to analyse: the article's, with capitals re-cased (same length)
    drop: list[tuple[int, int]] = field(default_factory=list)  # character ranges that hold no entity
    places: list[tuple[int, int]] = field(default_factory=list)  # dateline places
    credits: list[tuple[int, int]] = field(default_factory=list)  # agencies credited by a dateline: "(Reuters)"
    capitals: list[tuple[int, int]] = field(default_factory=list)  # lines written in capitals, re-cased in text


_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\u2019.-]{0,40}")
_CREDIT = re.compile(r"\(\s?[A-Za-z][A-Za-z.&' -]{0,40}\)")


def layout(text: str) -> Layout:
    """How to read the wire conventions of an article (see the module's docstring)."""
    out = Layout(text)
    lines = _lines(text)
    heads = _title_case_heads(text, lines)
    forms = _known_forms(text, lines, heads)
    chars = list(text)
    for start, end in lines:
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            continue
        lead = start + len(line) - len(line.lstrip())
        if _keyword_slug(stripped):  # "MALI-FRANCE-UNREST", "Philippines-unrest-military, FOCUS"
            out.drop.append((lead, lead + len(stripped)))
            continue
        if _byline(stripped):
            out.drop.append((lead, lead + len(stripped)))
            tail = _byline_place(text, lead, lead + len(stripped))
            if tail is not None:
                out.places.append(tail)
                _recase(text, chars, tail[0], tail[1], forms)
            continue
        if _footer(stripped):
            out.drop.append((lead, lead + len(stripped)))
            continue
        if start in heads:
            _recase(text, chars, lead, lead + len(stripped), forms, first=True, title=True)
            continue
        cut = _slug(stripped)
        if cut:
            out.drop.append((lead, lead + cut))
        if _capitals(stripped):
            _recase(text, chars, lead + cut, lead + len(stripped), forms, first=True)
            out.capitals.append((lead + cut, lead + len(stripped)))
            continue
        dl = _dateline(text, lead, lead + len(stripped))
        if dl is not None:
            pstart, pend = dl
            out.credits += _credits(text, pend, lead + len(stripped))
            pos = pstart
            for part in text[pstart:pend].split("/"):  # "KYIV/MOSCOW": two places
                out.places.append((pos, pos + len(part)))
                pos += len(part) + 1
            _recase(text, chars, pstart, pend, forms)
    out.text = "".join(chars)
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return out


def _capitals(line: str) -> bool:
    """A line set in capitals: a headline or slug, at least two words and eight letters, hardly any lower case."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 8 or len(line.split()) < 2:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 0.9 * len(letters)


def _title_case_heads(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Starts of headlines set in Title Case ("Opposition Rally Turns Violent in Lahore") among the article's
    first three lines that hold text: a line of three to twenty words, no full stop at its end, followed by
    more text, whose words of four letters or more all start with a capital (and are not all capitals)."""
    out: set[int] = set()
    seen = 0
    for start, end in lines:
        line = text[start:end].strip()
        if not line:
            continue
        seen += 1
        if seen > 3 or end >= len(text.rstrip()):
            break
        words = [w.strip("'\"‘’“”:,?!()") for w in line.split()]
        long = [w for w in words if len(w) >= 4 and w[:1].isalpha() and not w.isupper()]
        if 3 <= len(words) <= 20 and len(long) >= 2 and not line.endswith((".", "!")) \
                and all(w[:1].isupper() for w in long) and not _capitals(line):
            out.add(start)
    return out


def _known_forms(text: str, lines: list[tuple[int, int]], heads: set[int] = frozenset()) -> dict[str, str]:
    """Lower-cased word -> the form the article writes it in outside headlines (in capitals or in Title Case),
    not after a full stop."""
    counts: dict[str, Counter] = {}
    for start, end in lines:
        line = text[start:end]
        if _capitals(line) or start in heads:
            continue
        for m in _WORD.finditer(line):
            word = m.group().rstrip(".'\u2019-")
            if word.isupper() and len(word) > 4:
                continue  # "MOSCOW" in a byline or dateline: capitals again, not the word's case
            before = line[:m.start()].rstrip()
            if not word or not before or before[-1] in ".!?:\"\u201c":
                continue  # a sentence's first word says nothing of its case
            counts.setdefault(word.lower(), Counter())[word] += 1
    return {low: c.most_common(1)[0][0] for low, c in counts.items()}


def _recase(text: str, chars: list[str], start: int, end: int, forms: dict[str, str], first: bool = False,
            title: bool = False) -> None:
    """Re-case the capitals in text[start:end] into chars, keeping every word's length; with title, the
    capitalised words of a headline in Title Case (a word all in capitals there is an acronym and stays)."""
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        core = word.rstrip(".'\u2019-")
        if not (core.isupper() or core[:1].isupper() and title) or any(ch.isdigit() for ch in core) \
                or title and core.isupper() and len(core) > 1:
            continue
        low = core.lower()
        form = forms.get(low)
        if form is None or len(form) != len(core):
            if _named_place(core) or L.lookup_demonym(core) or title and L.is_given_name(core):
                form = core[:1] + core[1:].lower() if len(core) > 3 else core  # "KABUL" Kabul, "US" US
            elif core in _acronyms():
                form = core
            else:
                form = low
        if first and m.start() == start or m.start() > start and text[m.start() - 2: m.start()].strip() in {"-", ":"} \
                and first:
            form = form[:1].upper() + form[1:]
        for i, ch in enumerate(form):
            chars[m.start() + i] = ch


def _named_place(word: str) -> bool:
    """A place the gazetteers know under this name or the first word of it ("KABUL", "FRANKFURT" am Main), or a
    city of 100,000 people or more; not "CUT" read as a small town's other name."""
    place = L.lookup_place(word)
    return place is not None and (L.fold(word) in {L.fold(place.name), L.fold(place.name.split()[0])}
                                  or place.population >= 100_000)


def _acronyms() -> set[str]:
    """Short names written in capitals: country codes, news agencies ("US", "UN", "AFP")."""
    return {k.upper() for k in COUNTRY_ALIASES if len(k) <= 4 and " " not in k} | {
        w.upper() for w in NEWS_WORDS if len(w) <= 4 and " " not in w} | {"UN", "EU", "NATO", "IS", "ISIS", "ISIL"}


def _slug(line: str) -> int:
    """Length of a wire slug that starts the line ("UPDATE 2-", "EXCLUSIVE-"), else 0."""
    head = line[:40]
    dash = head.find("-")
    if dash <= 0:
        return 0
    word = head[:dash].strip()
    parts = word.split()
    if parts and parts[-1].isdigit():
        parts = parts[:-1]
    if " ".join(parts) in WIRE_SLUGS:
        return dash + 1
    return 0


def _keyword_slug(line: str) -> bool:
    """An agency's keyword line: words joined by hyphens, no spaces, perhaps ", FOCUS" after them."""
    head, _, tail = line.partition(",")
    parts = head.split("-")
    return len(line) <= 60 and len(parts) >= 2 and all(p.isalpha() for p in parts) and (
        not tail or tail.strip().isalpha() and tail.strip().isupper()) and (head.isupper() or tail.strip() != "")


def _byline(line: str) -> bool:
    """"By Jane Doe", "Reporting by X; Editing by Y", "Author: X", "Jane Doe MOSCOW", "Associated Press writer
    X contributed to this report.": the writer's line."""
    low = line.lower()
    if len(line) > 160:
        return False
    ending = low.rstrip(".) ")
    if len(line.split()) <= 30 and (ending.endswith(CONTRIBUTION_ENDS) or ending.endswith(" contributed") and any(
            w in CONTRIBUTOR_WORDS for w in low.replace(",", " ").split())):
        return True
    if low.startswith(BYLINE_STARTS) and not low.endswith((".", "?", "!")) or low.startswith(BYLINE_STARTS[1:]):
        return True
    words = line.split()
    # a name then a place in capitals, nothing else: "Jane Doe MOSCOW"
    return 3 <= len(words) <= 6 and words[-1].isupper() and len(words[-1]) > 2 and all(
        w[:1].isupper() and not w.isupper() for w in words[:-1]) and L.lookup_place(words[-1]) is not None


def _byline_place(text: str, start: int, end: int) -> tuple[int, int] | None:
    words = text[start:end].split()
    if words and words[-1].isupper() and L.lookup_place(words[-1]) is not None and not text[start:end].lower().startswith(
            BYLINE_STARTS):
        return end - len(words[-1]), end
    return None


def _footer(line: str) -> bool:
    """A credit line of initials and agencies: "jm/rt (AP, Reuters, dpa)"."""
    words = line.split()
    if not words or len(line) > 80:
        return False
    initials = words[0]
    if "/" in initials and len(words) == 1 and initials.replace("/", "").replace("-", "").isalpha() \
            and initials.islower() and len(initials) <= 30:
        return True  # AFP's initials alone: "jlv-pa/mb/sst"
    return "/" in initials and initials.replace("/", "").isalpha() and initials.islower() and "(" in line


def _dateline(text: str, start: int, end: int) -> tuple[int, int] | None:
    """"KABUL 2016-05-03 -", "NAIROBI, Jan 3 (Reuters) -", "WASHINGTON (AP) --": the place's range."""
    i = start
    limit = min(end, start + 60)
    # the place: one to four words in capitals
    words = 0
    while i < limit:
        j = i
        while j < limit and (text[j].isupper() or text[j] in ".'-" and j > i):
            j += 1
        if j == i or j - i < 2 and not (j < limit and text[j] == "."):
            break
        words += 1
        i = j
        if i < limit and text[i] in " /" and i + 1 < limit and text[i + 1].isupper() and words < 4:
            i += 1
            continue
        break
    if words == 0:
        return None
    place_end = i
    while place_end > start and text[place_end - 1] in " /-":
        place_end -= 1
    place = text[start:place_end]
    if not any(c.isalpha() for c in place) or not place.replace(" ", "").replace("/", "").replace(".", "").isalpha():
        return None
    rest = text[i:limit]
    tail = rest.lstrip(" ,")
    k = len(rest) - len(tail)
    date_length = _date_length(tail)
    seen_date = date_length > 0
    k += date_length
    pos = i + k
    while pos < limit and text[pos] in " ,":
        pos += 1
    if seen_date and pos + 4 <= limit and text[pos: pos + 4].isdigit():
        pos += 4  # "June 12, 2019 (AFP)"
        while pos < limit and text[pos] == " ":
            pos += 1
    credit = _CREDIT.match(text, pos, limit)
    if credit is None and not seen_date and k > 0 and text[i:i + 1] == ",":
        # "NAIROBI, Kenya (AP) -": the country or state of the place, then the credit
        j = pos
        while j < limit and (text[j].isalpha() or text[j] in ". "):
            j += 1
        if j > pos and text[pos].isupper() and len(text[pos:j].split()) <= 3:
            credit = _CREDIT.match(text, j, limit)
    if credit is not None:  # the agency's credit "(Reuters)" names the agency: it stays an entity
        pos = credit.end()
    while pos < limit and text[pos] == " ":
        pos += 1
    dash = pos < limit and text[pos] in "-\u2013\u2014:"
    if not (dash or credit is not None and (seen_date or pos < limit)) or not (seen_date or credit is not None or dash
                                                                              and len(place) > 2):
        return None
    if not (seen_date or credit is not None) and L.lookup_place(place.split("/")[0]) is None:
        return None  # "NEW RULES - ...": capitals before a dash are a place only when the gazetteer knows them
    return start, place_end


def _date_length(tail: str) -> int:
    """The length of the date that opens tail ("2016-05-03", "Jan 3", "3 January"); 0 when none does."""
    parts = tail.split(" ", 2)
    if parts and len(parts[0]) == 10 and parts[0][4] == "-" and parts[0].replace("-", "").isdigit():
        return len(parts[0])
    if len(parts) >= 2 and parts[0].lower().rstrip(".") in MONTH_WORDS and parts[1].rstrip(",").isdigit():
        return len(parts[0]) + 1 + len(parts[1].rstrip(","))
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].lower().rstrip(".,") in MONTH_WORDS:
        return len(parts[0]) + 1 + len(parts[1].rstrip(".,"))
    return 0


def _credits(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The agencies a dateline credits, "(Reuters)", "(AP, dpa)", found after its place: their ranges."""
    m = _CREDIT.search(text, start, min(end, start + 80))
    if m is None:
        return []
    out = []
    pos = m.start() + 1
    for part in re.split(r"[,/]", m.group()[1:-1]):
        name = part.strip()
        lead = pos + len(part) - len(part.lstrip())
        if name and L.fold(name) in NEWS_WORDS:
            out.append((lead, lead + len(name)))
        pos += len(part) + 1
    return out


def apply_layout(doc, mentions: list, sent_index) -> list:
    """Mentions without the wire's bylines, slugs and credits, and with each dateline's place read as a place."""
    from ..records import Mention
    from .common import make_mention

    lo: Layout | None = doc.user_data.get("kg_wire")
    if lo is None or not (lo.drop or lo.places or lo.credits):
        return mentions

    def inside(m, ranges) -> bool:
        return any(a <= m.start and m.end <= b for a, b in ranges)

    out = []
    for m in mentions:
        if inside(m, lo.drop) or any(m.start < b and a < m.end for a, b in lo.places) and not inside(m, lo.places):
            continue  # "Jane Doe MOSCOW" as one name, "(Reuters)" of a dateline
        if inside(m, lo.places):
            place = _dateline_place(doc.text[m.start:m.end])
            cls = place.cls if place is not None else "Location"
            name = place.name if place is not None and place.cls != "City" else m.name
            m = Mention(m.start, m.end, m.text, name, cls, "dateline", m.sent, m.kind)
        out.append(m)
    for a, b in lo.places:
        if any(m.start <= a and b <= m.end for m in out):
            continue
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is None or not len(span):
            continue
        place = _dateline_place(span.text)
        name = place.name if place is not None and place.cls != "City" else span.text
        out.append(make_mention(span, name, place.cls if place is not None else "Location", "dateline", sent_index))
    for a, b in lo.credits:  # "(AFP)" that NER did not read as a name
        if any(m.start < b and a < m.end for m in out):
            continue
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is not None and len(span):
            out.append(make_mention(span, span.text, "NewsOrganization", "dateline-credit", sent_index))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _dateline_place(text: str):
    """A dateline names a country or else a city: "WASHINGTON" is the city, not the state."""
    return L.lookup_country(text) or L.cities().get(L.fold(text)) or L.lookup_place(text)
