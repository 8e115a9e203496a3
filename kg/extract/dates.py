"""Dates in the text normalised against the article date: "November 22" in 2026-01-03 is 2025-11-22."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_FIRST = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_ONLY = re.compile(rf"\b({_MONTH_RE})\b(?:\s+(\d{{4}}))?", re.I)
_YEAR_ONLY = re.compile(r"^(?:in\s+)?(\d{4})$", re.I)
_FUTURE = re.compile(r"\b(will|next|upcoming|coming|scheduled|plans? to|is to|are to)\b", re.I)


def normalise(text: str, anchor: date | None, *, future_ok: bool = False) -> date | None:
    """The calendar date a date expression denotes, or None when it names no day or month.

    Without a year, the most recent such date on or before the anchor is chosen, unless `future_ok`.
    Month-only expressions ("in November") give the first day of that month, a year alone ("in 2009")
    the first day of that year: the year is always right, the day is a convention. A date that falls
    outside the calendar (before year 1 or after 9999: "yesterday" in an article of 0001-01-01,
    "1000000 days ago") is no date.
    """
    try:
        return _normalise(text, anchor, future_ok)
    except (OverflowError, ValueError):
        return None


def _normalise(text: str, anchor: date | None, future_ok: bool) -> date | None:
    t = text.strip().lower().replace("\u2019", "'")
    m = _ISO.search(t)
    if m:
        return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if anchor is not None:
        if re.search(r"\blast year\b", t):
            anchor, future_ok = date(anchor.year - 1, 12, 31), False
        elif re.search(r"\bnext year\b", t):
            anchor, future_ok = date(anchor.year + 1, 12, 31), False
        elif re.search(r"\bthis year\b", t):
            anchor, future_ok = date(anchor.year, 12, 31), False
        else:
            rel = _relative(t, anchor)
            if rel is not None:
                return rel
    for rx, order in ((_MONTH_FIRST, "md"), (_DAY_FIRST, "dm")):
        m = rx.search(t)
        if m:
            a, b, year = m.group(1), m.group(2), m.group(3)
            month, day = (_MONTHS[a.lower().rstrip(".")], int(b)) if order == "md" else (_MONTHS[b.lower().rstrip(".")], int(a))
            if year:
                return _safe(int(year), month, day)
            return _infer_year(month, day, anchor, future_ok)
    m = _YEAR_ONLY.match(re.sub(r"^(the year|early|late|mid-?)\s+", "", t))
    if m and 1800 <= int(m.group(1)) <= 2200:
        return _safe(int(m.group(1)), 1, 1)
    m = _MONTH_ONLY.search(t)
    if m and not re.search(r"\b(months?|may be|may have|may not)\b", t):
        word = m.group(1).lower()
        if word == "may" and not (m.group(2) or re.search(r"\b(in|since|until|by|of|early|late|mid)\s+may\b", t)):
            return None
        month = _MONTHS[word]
        if m.group(2):
            return _safe(int(m.group(2)), month, 1)
        return _infer_year(month, 1, anchor, future_ok)
    return None


def _relative(t: str, anchor: date) -> date | None:
    if re.search(r"\btoday\b|\bthis (morning|afternoon|evening)\b|\btonight\b", t):
        return anchor
    if re.search(r"\byesterday\b|\blast night\b", t):
        return anchor - timedelta(days=1)
    if "day before yesterday" in t:
        return anchor - timedelta(days=2)
    if re.search(r"\btomorrow\b", t):
        return anchor + timedelta(days=1)
    if re.search(r"\blast week\b", t):
        return anchor - timedelta(days=7)
    m = re.search(r"\b(\d+|one|two|three|four|five|six|seven|ten) days? ago\b", t)
    if m:
        n = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}.get(m.group(1))
        return anchor - timedelta(days=n if n else int(m.group(1)))
    for name, wd in _WEEKDAYS.items():
        if re.search(rf"\b{name}\b", t):
            back = (anchor.weekday() - wd) % 7
            if re.search(rf"\bnext {name}\b", t):
                return anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
            if re.search(rf"\blast {name}\b", t) and back == 0:
                back = 7
            return anchor - timedelta(days=back)
    return None


def _infer_year(month: int, day: int, anchor: date | None, future_ok: bool) -> date | None:
    if anchor is None:
        return None
    candidate = _safe(anchor.year, month, day)
    if candidate is None:
        return None
    if candidate > anchor and not future_ok:
        return _safe(anchor.year - 1, month, day)
    if future_ok and candidate < anchor - timedelta(days=180):
        return _safe(anchor.year + 1, month, day)
    return candidate


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def is_future_context(sentence: str) -> bool:
    """The sentence speaks of what will happen, so a date may fall after the article's."""
    return bool(_FUTURE.search(sentence))


def date_of(span_text: str, sentence_text: str, anchor: date | None) -> date | None:
    """Normalise a DATE entity found in a sentence, allowing the future only if the sentence does."""
    return normalise(span_text, anchor, future_ok=is_future_context(sentence_text))
