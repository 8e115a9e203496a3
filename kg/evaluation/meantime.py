"""MEANTIME (NewsReader CAT XML) articles to kg's gold JSON: the text, and its named PER/ORG/LOC entities."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

from .. import lexicon as L
from ..errors import InputError

CLASSES = {"PER": "Person", "ORG": "Organization", "LOC": "Location"}
# Mention types that are names: a name, or a name used as a modifier ("US troops", "Airbus parent").
NAMED_TYPES = {"NAM", "PRE.NAM"}
# Types that are never names (pronouns, common nouns, conjunctions of several entities...).
UNNAMED_TYPES = {"NOM", "PRO", "PRE.NOM", "CONJ", "HLS", "ARC", "PTV"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our"}
_CONNECTORS = {"of", "and", "de", "&", "for", "-", "the", "du", "la", "del", "van", "von"}
_GOVERNMENT = re.compile(r"\b(government|administration|White House|Congress|Washington|Kremlin)\b", re.I)
_PREPOSITIONS = {"in", "at", "on", "near", "from", "to", "by", "with", "outside", "inside"}
_PRONOUNS = {
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its",
    "they", "them", "their", "which", "who", "that", "this", "these", "those", "some", "many", "one",
}
_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "''", "\u201d", "\u2019", "...",
                    "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m", "'"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "\u201c", "$", "#", "\u00a3", "\u20ac"}
_QUOTES = {"``": "\u201c", "''": "\u201d", "`": "\u2018"}
# Titles and roles before a person's name. A list of its own, not kg's lexicon: the gold must not move
# when kg's extraction vocabulary is tuned.
_TITLES = frozenset("""
activist adm admiral adviser advisor aide ambassador analyst anchor attorney author ayatollah bishop
brother candidate capt captain cardinal ceo chair chairman chairwoman chancellor chief cmdr co-founder
coach col colonel columnist commander congressman congresswoman correspondent cpt dame deputy det
dictator diplomat director dr economist editor emir emperor envoy executive father founder gen general
gov governor head hon imam insp journalist judge justice king lady lawmaker lawyer leader lieutenant
lord lt maj major manager mayor minister miss mp mr mrs ms officer official player pope premier pres
president president-elect prince princess prof professor prosecutor queen rabbi rep reporter
representative rev reverend scientist secretary secretary-general sen senator sergeant sgt sheikh sir
sister speaker spokesman spokesperson spokeswoman st striker strongman sultan supt writer
""".split())


def _is_title(word: str) -> bool:
    return word.lower().strip(".") in _TITLES


@dataclass
class _Token:
    tid: int
    sent: int
    text: str
    start: int = 0
    end: int = 0


def detokenize(tokens: list[_Token]) -> str:
    """Join tokens with natural spacing and record each token's character offsets."""
    out: list[str] = []
    pos = 0
    prev = None
    open_quote = False
    for tok in tokens:
        text = _QUOTES.get(tok.text, tok.text)
        space = prev is not None
        if prev is not None:
            if tok.text in _NO_SPACE_BEFORE or prev.text in _NO_SPACE_AFTER or prev.text.endswith("$"):
                space = False
            elif re.fullmatch(r"[A-Z]'", prev.text):  # O' Leary
                space = False
            elif tok.text == '"':
                space = not open_quote
            elif prev.text == '"' and open_quote:
                space = False
        if tok.text == '"':
            open_quote = not open_quote
        if space:
            out.append(" ")
            pos += 1
        tok.start, tok.end = pos, pos + len(text)
        out.append(text)
        pos += len(text)
        prev = tok
    return "".join(out)


def _article_date(sentence: str) -> str | None:
    """The Wikinews date line, "January 18 , 2005", as YYYY-MM-DD."""
    cleaned = re.sub(r"(?<!\s)\s+,", ",", sentence.strip())
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y"):
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _strip_name(words: list[str]) -> list[str]:
    while words and (words[0].lower() in _DETERMINERS or words[0] in _CONNECTORS):
        words = words[1:]
    while words and words[-1] in {"'s", "'", "\u2019s", ",", "."}:
        words = words[:-1]
    if words and re.search(r"['\u2019]s$", words[-1]) and len(words[-1]) > 2:
        words = words[:-1] + [words[-1][:-2]]
    return words


def _capitalised(word: str, first: bool = False) -> bool:
    """"Airbus", "iPhone", and after the first word also "100" as in "FTSE 100"."""
    return bool(word) and (word[0].isupper() or any(c.isupper() for c in word[1:]) or not first and word[0].isdigit())


def looks_like_name(words: list[str]) -> bool:
    """For mentions whose type the annotators left empty: capitalised words, not a pronoun or a role."""
    words = _strip_name(words)
    if not words or " ".join(words).lower() in _PRONOUNS:
        return False
    if not _capitalised(words[0], first=True) or not _capitalised(words[-1]) or _is_title(words[-1]):
        return False
    return all(_capitalised(w) or w.lower() in _CONNECTORS or not any(c.isalpha() for c in w) for w in words)


def _core(words: list[str], person: bool) -> list[str]:
    """"Apple CEO Steve Jobs", "German airline Lufthansa" -> the name after the last title or description."""
    cut = -1
    for i, w in enumerate(words[:-1]):
        if not _capitalised(w) and w.lower() not in _CONNECTORS or person and _is_title(w):
            cut = i
    if cut >= 0 and words[cut].lower() in _PREPOSITIONS:
        return []  # "Moscone Center in San Francisco" is no San Francisco
    return _strip_name(words[cut + 1:])


def _candidates(text: str) -> list[str]:
    """"General Motors (GM)" -> "General Motors", "GM"; "Craiova-based" -> "Craiova"."""
    out = []
    for m in re.finditer(r"\(([^()]+)\)?", text):
        out.append(m.group(1))
    out.insert(0, text.split("(", 1)[0].rstrip())
    return [re.sub(r"-(based|led|owned|made|built)$", "", c.strip()) for c in out]


_REGION_ADJECTIVES = {"european", "asian", "african", "american", "north american", "south american",
                      "latin american", "middle eastern", "arab", "western", "eastern", "scandinavian", "nordic"}


def _is_adjectival(text: str) -> bool:
    """"Canadian", "European": a place named by its adjective."""
    return bool(L.lookup_demonym(text)) or L.fold(text) in _REGION_ADJECTIVES


@dataclass
class _Entity:
    etype: str
    ref: str
    names: list[str]
    adjectival: list[str]
    mentions: list[tuple[str, tuple[int, int]]] = field(default_factory=list)  # (text, span)


def _join(tokens: list[_Token], text: str) -> str:
    """The text of a mention; discontinuous mentions are joined by a space."""
    parts: list[str] = []
    run = [tokens[0]]
    for tok in tokens[1:]:
        if tok.tid == run[-1].tid + 1:
            run.append(tok)
        else:
            parts.append(text[run[0].start: run[-1].end])
            run = [tok]
    parts.append(text[run[0].start: run[-1].end])
    return " ".join(parts)


@dataclass
class CatArticle:
    """A CAT XML article read: the text kg analyses (title, blank line, body, without the date line), its
    date, its tokens with offsets into that text, the ids of the date line's tokens, and its XML parts."""

    text: str
    when: str | None
    tokens: list[_Token]
    dropped: set[int]
    markables: ET.Element
    relations: ET.Element | None
    url: str = ""


def read_cat(path: Path) -> CatArticle:
    """Read one CAT XML file. Raises InputError naming the file when it is not CAT XML."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        raise InputError(f"{path}: not readable CAT XML ({e})") from None
    tokens = sorted((_Token(int(t.get("t_id")), int(t.get("sentence")), t.text or "") for t in root.iter("token")),
                    key=lambda t: t.tid)
    markables, relations = root.find("Markables"), root.find("Relations")
    if not tokens or markables is None:
        raise InputError(f"{path}: no tokens or no Markables; not a MEANTIME CAT file")
    by_sent: dict[int, list[_Token]] = {}
    for tok in tokens:
        by_sent.setdefault(tok.sent, []).append(tok)
    sents = [by_sent[k] for k in sorted(by_sent)]
    title = detokenize(sents[0])
    when = _article_date(detokenize(sents[1])) if len(sents) > 1 else None
    body_sents = sents[2:] if when else sents[1:]
    # title, a blank line, then the body; offsets are shifted to the whole text
    body_tokens = [t for s in body_sents for t in s]
    body = detokenize(body_tokens)
    for t in body_tokens:
        t.start += len(title) + 2
        t.end += len(title) + 2
    dropped = set() if when is None else {t.tid for t in sents[1]}
    return CatArticle(title + "\n\n" + body, when, tokens, dropped, markables, relations, root.get("url", ""))


def convert_file(path: Path) -> dict:
    """One CAT XML article as a gold record. Raises InputError naming the file when it is not CAT XML."""
    cat = read_cat(path)
    text, when, tokens, dropped = cat.text, cat.when, cat.tokens, cat.dropped
    markables, relations = cat.markables, cat.relations
    tok_by_id = {t.tid: t for t in tokens}
    mentions: dict[str, tuple[str, list[str], str]] = {}
    spans: set[tuple[int, int]] = set()
    for m in markables.findall("ENTITY_MENTION"):
        toks = [tok_by_id[int(a.get("t_id"))] for a in m.findall("token_anchor") if int(a.get("t_id")) in tok_by_id]
        toks = [t for t in toks if t.tid not in dropped]
        if toks:
            spans.add((toks[0].start, toks[-1].end))
            mentions[m.get("m_id")] = (m.get("syntactic_type") or "", [t.text for t in toks], _join(toks, text))
    mention_spans = {m.get("m_id"): (toks[0].start, toks[-1].end) for m in markables.findall("ENTITY_MENTION")
                     if (toks := [tok_by_id[int(a.get("t_id"))] for a in m.findall("token_anchor")
                                  if int(a.get("t_id")) in tok_by_id and int(a.get("t_id")) not in dropped])}
    instances: dict[str, _Entity] = {}
    ent_key: dict[str, str] = {}
    for e in markables.findall("ENTITY"):
        key = e.get("instance_id") or f"m{e.get('m_id')}"
        ent_key[e.get("m_id")] = key
        ref = e.get("external_ref") or ""
        instances.setdefault(key, _Entity(e.get("ent_type") or "", ref if ref.startswith("http") else "", [], []))
    for r in (relations.findall("REFERS_TO") if relations is not None else []):
        target = r.find("target")
        key = ent_key.get(target.get("m_id")) if target is not None else None
        if key is None:
            continue
        for s in r.findall("source"):
            if s.get("m_id") in mentions:
                _add_names(instances[key], *mentions[s.get("m_id")])
                instances[key].mentions.append((mentions[s.get("m_id")][2], mention_spans[s.get("m_id")]))
    _drop_groups(list(instances.values()))
    entities, other, ignore, ignore_spans = [], [], [], []
    for key in sorted(instances):
        ent = instances[key]
        cls = _entity_class(ent)
        names = _dedupe(ent.names + (ent.adjectival if cls == "Country" else []))
        if cls == "Country":
            # "the White House", "US Government" are the country for MEANTIME, a government body for kg:
            # such names are set aside, neither matched nor counted against kg
            place = _country_of(ent)
            kept = [n for n in names if (L.lookup_country(n) or L.lookup_demonym(n)) == place]
            if len(kept) < len(names):
                ignore.append({"type": "LOC", "names": [n for n in names if n not in kept]})
            names = _dedupe(kept + [place.name])
            ignore_spans += [list(span) for text, span in ent.mentions if _GOVERNMENT.search(text)]
        if not names or (not ent.names and cls != "Country"):
            continue
        if ent.etype in CLASSES:
            record = {"class": cls, "names": names}
            if ent.ref:
                record["ref"] = ent.ref
            entities.append(record)
        else:
            other.append({"type": ent.etype, "names": names})
    entities = _merge_same(entities)
    stem = path.stem
    doc_id = "meantime-" + stem.split("_", 1)[0]
    return {
        "id": doc_id,
        "corpus": "meantime",
        "source": f"MEANTIME {path.parent.name}/{path.name}",
        "url": cat.url,
        "date": when,
        "text": text,
        "fine_classes": False,
        "entities": entities,
        "other": other,
        "ignore": ignore,
        "ignore_spans": sorted(ignore_spans),
        # every annotated entity mention, named or not: a prediction outside them was not judged
        "annotated_spans": sorted([s, e] for s, e in spans),
    }


_GENERIC = {"company", "firm", "group", "corporation", "both", "automaker", "government", "airline", "bank",
            "carrier", "manufacturer", "union", "agency", "board", "court"}


def _add_names(ent: _Entity, stype: str, words: list[str], text: str) -> None:
    if stype in UNNAMED_TYPES:
        return
    person = ent.etype == "PER"
    # "Suvarnabhumi Airport, which serves Bangkok": the name is the first part, but a person's
    # apposition ("Ford's Chief Executive Officer, William Clay Ford Jr.") may hold it in any part
    parts = [p.strip() for p in text.split(",")]
    if not (stype == "APP" or person):
        parts = parts[:1] + ([text] if len(parts) > 1 and looks_like_name(text.split()) else [])
    for part in parts:
        for i, cand in enumerate(_candidates(part)):
            if person and i > 0:
                break  # "John McCain (R-AZ)": no name in the brackets
            pwords = _strip_name(cand.split())
            if not person and stype in NAMED_TYPES:  # "Old Mutual insurance company" -> "Old Mutual"
                while len(pwords) > 1 and not _capitalised(pwords[-1]):
                    pwords = _strip_name(pwords[:-1])
            if not pwords or not any(c.isupper() for c in cand) or sum(c.isalpha() for c in cand) < 2:
                continue
            if stype not in NAMED_TYPES and not looks_like_name(pwords):
                core = _core(pwords, person) if stype == "APP" else []
                if not core or not looks_like_name(core):
                    continue
                pwords = core  # "Acme chief executive Jane Roe"
            if len(pwords) == 1 and pwords[0].lower() in _GENERIC:
                continue
            name = " ".join(pwords)
            if _is_adjectival(name):
                ent.adjectival.append(name)
                continue
            if person:
                if "of" in pwords or not _capitalised(pwords[-1]):
                    continue  # "Prime Minister of Singapore", "China Eastern's board of directors"
                if _is_title(pwords[-1]) and not L.is_given_name(pwords[0]):
                    continue  # "Apple CEO", but "Martin Luther King"
            cut = next((i for i, w in enumerate(pwords) if w in _PREPOSITIONS), None)
            if not person and cut and _capitalised(pwords[cut - 1]):  # "Moscone Center in San Francisco"
                ent.names.append(" ".join(pwords[:cut]))
            core = _core(pwords, person)
            if person or _capitalised(pwords[0], first=True):
                ent.names.append(" ".join(core) if person else name)
            if not person and core and core != pwords:
                (ent.adjectival if _is_adjectival(" ".join(core)) else ent.names).append(" ".join(core))


def _drop_groups(entities: list[_Entity]) -> None:
    """"GM and Chrysler", "US and Canadian": a name joining names of other entities is no name of its own."""
    for ent in entities:
        others = {L.fold(n) for o in entities if o is not ent for n in o.names + o.adjectival}
        def group(name: str) -> bool:
            pieces = [L.fold(p) for p in re.split(r",|\band\b|&", name) if L.fold(p)]
            return len(pieces) > 1 and sum(p in others for p in pieces) >= 2
        ent.names = [n for n in ent.names if not group(n)]
        ent.adjectival = [n for n in ent.adjectival if not group(n)]


def _merge_same(entities: list[dict]) -> list[dict]:
    """One gold entity per real thing: annotations of one class sharing a name, unless linked to different pages."""
    out: list[dict] = []
    for e in entities:
        keys = {L.fold(n) for n in e["names"]}
        for o in out:
            refs = {_dbpedia_title(x["ref"]) for x in (e, o) if x.get("ref")}
            if o["class"] == e["class"] and keys & {L.fold(n) for n in o["names"]} and len(refs) < 2:
                o["names"] = _dedupe(o["names"] + e["names"])
                if e.get("ref"):
                    o.setdefault("ref", e["ref"])
                break
        else:
            out.append(e)
    return out


def _dbpedia_title(ref: str) -> str:
    return unquote(ref.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ") if ref else ""


def _country_of(ent: _Entity) -> L.Place | None:
    if ent.ref:
        return L.lookup_country(_dbpedia_title(ent.ref))
    for name in ent.names:
        place = L.lookup_country(name)
        if place:
            return place
    for name in ent.adjectival:
        place = L.lookup_demonym(name)
        if place:
            return place
    return None


def _entity_class(ent: _Entity) -> str:
    if ent.etype != "LOC":
        return CLASSES.get(ent.etype, ent.etype)
    return "Country" if _country_of(ent) else "Location"


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for n in names:
        seen.setdefault(L.fold(n), n)
    return [n for k, n in seen.items() if k]


def find_cat_files(folder: Path) -> Iterator[Path]:
    yield from sorted(p for p in Path(folder).rglob("*.xml") if p.is_file())


def convert_folder(folder: str | Path, out: str | Path) -> list[Path]:
    """Convert every CAT XML file under folder into out/<id>.json, keeping hand-added relations."""
    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    files = list(find_cat_files(folder))
    if not files:
        raise InputError(f"{folder}: holds no *.xml files")
    written = []
    for path in files:
        record = convert_file(path)
        target = out / f"{record['id']}.json"
        if target.exists():
            try:
                old = json.loads(target.read_text(encoding="utf-8"))
            except ValueError as e:
                raise InputError(f"{target}: not valid JSON ({e}); fix or remove it before converting") from None
            if old.get("hand_checked"):  # completed by hand: conversion must not lose that work
                continue
            if "relations" in old:
                record["relations"] = old["relations"]
        from ..io import write_text_atomic

        write_text_atomic(target, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        written.append(target)
    return written
