"""Rules for the roles people hold: titles before and after names, appointments, titles left implied."""

from __future__ import annotations

from collections.abc import Callable

from ...lang.en import COUNTERPART_NOUNS, POSSESSIVE_TOKENS
from ... import lexicon as L
from ...records import Relation
from ...lang.en.pronouns import SPEECH_AND_THOUGHT_VERBS as SPEECH_VERBS
from ..context import ORG_FAMILY, Sent, make_relation, sentence_mentions, span_of
from ..registry import Article, Example, Rule, matcher_body
from .. import implied as I
from .. import roles as R


def _each_person(read: Callable, *, titles: bool = False, needs: str = "") -> Callable[[Sent], list[Relation]]:
    """A sentence body that reads each named person of the sentence (or each title standing for one)."""
    def body(ctx: Sent) -> list[Relation]:
        ms = sentence_mentions(ctx)
        extra = (R._by_end(ms),) if needs == "ending" else (ms,) if needs == "mentions" else ()
        out: list[Relation] = []
        for p, psp in ms:
            if p.cls == "Person" and (p.kind == "title") == titles:
                out.extend(read(ctx, p, psp, *extra))
        return out
    return body


_POSSESSIVES = list(POSSESSIVE_TOKENS)


def _title_tokens() -> list[str]:
    """Every one-word title, also written with a full stop ("Sen."), and "officer" ("chief executive officer")."""
    words = {w for w in L.titles() if " " not in w} | {"officer"}
    return sorted(words | {w + "." for w in words})


# What stands just before a name that an organization or place and a title precede (rules role:modifier and
# role:possessive read the rest: which organization, which title, what it makes the person)
TITLE_BEFORE_NAME = {
    # "CBS News journalist X", "US President X", "Ryanair CEO, X, said"
    "title": [[{"LOWER": {"IN": _title_tokens()}}, {"ORTH": ",", "OP": "?"}]],
    # "Halden Group's X", "the SPD's X"
    "possessive": [[{"LOWER": {"IN": _POSSESSIVES}}]],
    # "US Secretary of State X", "the Minister of the Interior X"
    "of": [[{"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True, "OP": "{1,3}"}]],
}


def _title_before_name(ctx: Sent, key: str, match) -> list[Relation]:
    """The people named just after a match, each read once per sentence by `roles._title_before_name`."""
    cached = ctx.__dict__.get("_title_before")
    if cached is None:
        ms = sentence_mentions(ctx)
        starts: dict[int, list] = {}
        for m, sp in ms:
            if m.cls == "Person" and m.kind != "title":
                starts.setdefault(sp.start, []).append((m, sp))
        cached = ctx.__dict__["_title_before"] = (starts, R._by_end(ms), set())
    starts, ending, seen = cached
    out: list[Relation] = []
    for p, psp in starts.get(match.end, ()):
        if p not in seen:
            seen.add(p)
            out.extend(R._title_before_name(ctx, p, psp, ending))
    return out


def _title_of_before_name(ctx: Sent) -> list[Relation]:
    return R._title_of_before_name(ctx, [(m, sp) for m, sp in sentence_mentions(ctx) if m.cls == "Person"])


def _said_from(ctx: Sent, p, psp) -> list[Relation]:
    """"said X from Y" (rule role:from-organization): X works for the body Y X speaks for; not for a name inside
    the body's name ("from the Chekhov Museum" where only "Chekhov" was named)."""
    doc = ctx.doc
    if not (psp.end + 1 < ctx.span.end and doc[psp.end].lower_ == "from" and psp.start > ctx.span.start
            and doc[psp.start - 1].lemma_ in SPEECH_VERBS):
        return []
    employer = R._named_after(ctx, psp.end + 1)
    esp = span_of(ctx, employer) if employer is not None else None
    if esp is None or esp.end < len(doc) and doc[esp.end].pos_ in {"PROPN", "NOUN"}:
        return []
    if employer.cls not in ORG_FAMILY - {"PoliticalParty"} or employer.kind != "name":
        return []
    return [make_relation(ctx, p, "worksFor", employer, "role:from-organization", 0.65, tokens=[psp.root.i])]


def _counterparts(art: Article) -> list[Relation]:
    """"X's/his Japanese counterpart Y" (rule role:counterpart): Y holds, for the country named before
    "counterpart", the office a rule read for the person named before it in the sentence ("Russian Prime
    Minister X met his Japanese counterpart Y": Y leads Japan). Nothing when no office of X was read."""
    out: list[Relation] = []
    for ctx in art.contexts:
        doc = ctx.doc
        for tok in ctx.span:
            if tok.lower_ not in COUNTERPART_NOUNS or tok.i == ctx.span.start or tok.i + 1 >= ctx.span.end:
                continue
            country = ctx.mentions.at(doc[tok.i - 1])
            person = ctx.mentions.at(doc[tok.i + 1 + (doc[tok.i + 1].text == ",")])
            if country is None or person is None or country.cls != "Country" or person.cls != "Person" \
                    or person.kind != "name":
                continue
            offices = [r for r in art.found if r.sent == ctx.index and r.subj.cls == "Person" and r.subj != person
                       and r.subj.end <= doc[tok.i - 1].idx and r.obj.cls == "Country"
                       and r.obj.name != country.name and r.pred in {"leaderOf", "worksFor"}
                       and r.rule.startswith("role:") and r.role and not r.former]
            if offices:
                r = max(offices, key=lambda r: r.subj.start)  # the nearest before
                out.append(make_relation(ctx, person, r.pred, country, "role:counterpart", 0.75, role=r.role,
                                         tokens=[tok.i]))
    return out


def _implied(art: Article) -> list[Relation]:
    known = {r.subj.name.split()[-1].lower() for r in art.found if r.subj.cls == "Person" and r.role}
    known |= I.doubted_people(art.contexts)  # named beside another country: the article's country is no safe guess
    return [r for ctx in art.contexts for r in I.implied_roles(ctx, known)]


RULES = (
    Rule(("role:title-reference",), "sentence", ("leaderOf",), (
        Example("The Chilean president Rafael Ortega said the talks had failed. The Chilean president said more.",
                "Rafael Ortega", "leaderOf", "Chile", "role:title-reference"),
    ), _each_person(R._title_reference, titles=True, needs="ending"), R._title_reference.__doc__),
    Rule(("role:modifier", "role:possessive"), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("Halden Herald journalist Maria Lindqvist said the talks had failed.", "Maria Lindqvist", "worksFor",
                "Halden Herald", "role:modifier"),
        Example("Halden Group's Daniel Whitcombe spoke on Monday.", "Daniel Whitcombe", "worksFor", "Halden Group",
                "role:possessive"),
        Example("Norvik Motors chief executive, Helen Carver, said costs rose.", "Helen Carver", "leaderOf",
                "Norvik Motors", "role:modifier"),
        Example("Chilean Foreign Minister Rosa Medina flew to Lima.", "Rosa Medina", "worksFor", "Chile",
                "role:modifier"),
        Example("Belarus' prime minister Rosa Medina flew to Minsk.", "Rosa Medina", "leaderOf", "Belarus",
                "role:modifier"),
    ), matcher_body(TITLE_BEFORE_NAME, _title_before_name), R._title_before_name.__doc__),
    Rule(("role:apposition",), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("Maria Lopez, the president of Ecuador, spoke on Monday.", "Maria Lopez", "leaderOf", "Ecuador",
                "role:apposition"),
        Example("Mamata Rao, chief minister of West Bengal, told reporters.", "Mamata Rao", "leaderOf", "West Bengal",
                "role:apposition"),
    ), _each_person(R._title_in_apposition, needs="ending"), R._title_in_apposition.__doc__),
    Rule(("member:possessive-party",), "sentence", ("memberOf",), (
        Example("Maria Lindqvist's Christian Democrats won the vote.", "Maria Lindqvist", "memberOf",
                "Christian Democrats", "member:possessive-party"),
    ), _each_person(R._possessive_party, needs="mentions"), R._possessive_party.__doc__),
    Rule(("member:of-party", "role:of-organization"), "sentence", ("memberOf", "worksFor"), (
        Example("Luis Garcia of the ruling Morena party spoke on Monday.", "Luis Garcia", "memberOf", "Morena",
                "member:of-party"),
        Example("Daniel Whitcombe of Norvik Motors said the car was safe.", "Daniel Whitcombe", "worksFor",
                "Norvik Motors", "role:of-organization"),
        Example("Greta Lind, of the Social Democratic Party, said the vote was fair.", "Greta Lind", "memberOf",
                "Social Democratic Party", "member:of-party"),
        Example("Olle Berg of the Chalmers University in Gothenburg said ships were safe.", "Olle Berg", "worksFor",
                "Chalmers University", "role:of-organization"),
        Example("Carla Bianchi of the Transport Workers Union said the talks failed.", "Carla Bianchi", "memberOf",
                "Transport Workers Union", "role:of-organization"),
    ), _each_person(R._of_party_or_employer, needs="mentions"), R._of_party_or_employer.__doc__),
    Rule(("member:parenthesis",), "sentence", ("memberOf",), (
        Example("Greta Lind (Green Party) criticised the plan.", "Greta Lind", "memberOf", "Green Party",
                "member:parenthesis"),
    ), _each_person(R._party_in_brackets), R._party_in_brackets.__doc__),
    Rule(("role:from-organization",), "sentence", ("worksFor",), (
        Example("\"The port matters,\" said Clara Hughes from the Atlantic Policy Institute.", "Clara Hughes",
                "worksFor", "Atlantic Policy Institute", "role:from-organization"),
    ), _each_person(_said_from), _said_from.__doc__),
    Rule(("role:title-of",), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("President Juan Perez of Chile spoke on Monday.", "Juan Perez", "leaderOf", "Chile", "role:title-of"),
    ), _each_person(R._title_name_of), R._title_name_of.__doc__),
    Rule(("role:copula",), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("Anna Smith is the president of Ecuador.", "Anna Smith", "leaderOf", "Ecuador", "role:copula"),
        Example("Anna Smith, who is the president of Ecuador, spoke.", "Anna Smith", "leaderOf", "Ecuador",
                "role:copula"),
        Example("Anna Berg is a member of the Green Party.", "Anna Berg", "memberOf", "Green Party", "role:copula"),
        Example("Tomas Ek served as defence minister of Chile until 2010.", "Tomas Ek", "worksFor", "Chile",
                "role:copula"),
        Example("Tomas Ek, who served as Belarus' prime minister since 2010, resigned.", "Tomas Ek", "leaderOf",
                "Belarus", "role:copula"),
        Example("Tomas Ek is Chile's foreign minister.", "Tomas Ek", "worksFor", "Chile", "role:copula"),
    ), _each_person(R._title_by_copula), R._title_by_copula.__doc__),
    Rule(("role:title-of-before",), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("The president of Chile, which borders Peru, Rafael Ortega wrote on Monday.", "Rafael Ortega",
                "leaderOf", "Chile", "role:title-of-before"),
        Example("The head of the Nordic Policy Institute (NPI), Jan Berg, said prices rose.", "Jan Berg", "leaderOf",
                "Nordic Policy Institute", "role:title-of-before"),
    ), _title_of_before_name, R._title_of_before_name.__doc__),
    Rule(("role:*",), "sentence", ("leaderOf", "worksFor", "memberOf", "founded"), (
        Example("Norvik Motors named Helen Carver as its chief executive.", "Helen Carver", "leaderOf", "Norvik Motors",
                "role:name"),
    ), R.appointments, R.appointments.__doc__),
    Rule(("role:counterpart",), "article", ("leaderOf", "worksFor"), (
        Example("Chilean President Rafael Ortega met his Peruvian counterpart Pedro Castillo in Lima.", "Pedro Castillo",
                "leaderOf", "Peru", "role:counterpart"),
        Example("Brazil's foreign minister Marcos Ribeiro called his French counterpart, Jean Dupont, on Monday.",
                "Jean Dupont", "worksFor", "France", "role:counterpart"),
    ), _counterparts, _counterparts.__doc__),
    Rule(("role:implied-country", "role:implied-organization"), "article", ("leaderOf", "worksFor"), (
        Example("Brazil held elections. Brazil said the vote was fair. President Marcos Ribeiro said the vote was "
                "fair. Brazil closed its border.", "Marcos Ribeiro", "leaderOf", "Brazil", "role:implied-country"),
        Example("Norvik Motors said sales fell. The chief executive officer, Helen Carver, said costs rose. Norvik "
                "Motors will cut jobs. Norvik Motors shares fell.", "Helen Carver", "leaderOf", "Norvik Motors",
                "role:implied-organization"),
    ), _implied, I.implied_roles.__doc__),
)
