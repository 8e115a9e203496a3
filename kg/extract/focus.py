"""The organization an article is about, for phrases that leave it implied ("chairman X", "the company's CEO")."""

from __future__ import annotations

from collections import Counter

from .. import lexicon as L
from ..records import Document, Extraction, Mention
from ..resolve import cluster_article


# companies and other organizations an article can be "about"; news outlets, governments and armies are
# rarely the employer a bare "chief executive" refers to
_FOCUS_CLASSES = {"Company", "Organization"}


def focus_organization(text: str, mentions: list[Mention]) -> Mention | None:
    """The organization named clearly more often than any other, or None when no one stands out.

    Names are grouped as resolution groups them ("General Motors", "GM"), so an article about GM that also
    names Opel five times still has GM as its focus. It takes at least three mentions, and 1.3 times as many
    as the runner-up."""
    orgs = [m for m in mentions if m.cls in _FOCUS_CLASSES and not m.key and m.kind == "name"]
    if len(orgs) < 3:
        return None
    keys = cluster_article(Extraction(doc=Document(text=text, source="", doc_id=""), sentences=[], mentions=orgs))
    counts = Counter(keys[m] for m in orgs)
    ranked = counts.most_common(2)
    top, n = ranked[0]
    if n < 3 or (len(ranked) > 1 and n < 1.3 * ranked[1][1]):
        return None
    members = [m for m in orgs if keys[m] == top]
    return max(members, key=lambda m: (len(m.name), -m.start))


def focus_country(mentions: list[Mention]) -> Mention | None:
    """The country named clearly more often than any other ("Russian", "Russia" and "Moscow's" count as one)."""
    by_iso: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.cls == "Country":
            place = L.lookup_country(m.name)
            if place:
                by_iso.setdefault(place.iso, []).append(m)
    ranked = sorted(by_iso.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < 3 or (len(ranked) > 1 and len(ranked[0]) < 1.5 * len(ranked[1])):
        return None
    return next((m for m in ranked[0] if m.kind != "demonym"), ranked[0][0])
