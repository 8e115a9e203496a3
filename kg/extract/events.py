"""Events (attacks, explosions, launches, designations ...) with actors, targets, places and dates."""

from __future__ import annotations

from datetime import date

from ..records import Event, Mention


def extract_events(doc, mentions: list[Mention], *, article_date: date | None = None) -> list[Event]:
    """Events reported in doc."""
    return []
