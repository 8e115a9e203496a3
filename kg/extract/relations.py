"""Typed relations between entity mentions, from the dependency parse."""

from __future__ import annotations

from datetime import date

from ..records import Mention, Relation


def extract_relations(doc, mentions: list[Mention], *, article_date: date | None = None) -> list[Relation]:
    """Relations stated in doc between the given mentions."""
    return []
