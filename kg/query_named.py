"""The queries shipped with kg (kg/queries/*.rq): their descriptions and parameters, and the text a query
becomes for given values (parameters filled as literals, `#if` blocks, `#find` blocks answered by the
store's label index)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import QueryError
from .query_formats import _ESCAPES

QUERIES_DIR = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped in kg/queries/NAME.rq.

    Its first line is `# description`, then come `# param NAME: help` lines (`# param NAME (required):`,
    or `# param NAME (number, default N):` for a whole number such as a row limit). `$NAME` in the query
    becomes the value as a SPARQL string literal ('' when not given), or a number as it is. Lines between
    `#if NAME` and `#end` (or `#else`) are kept only when NAME is given: a query engine may evaluate every
    part of a filter, and a query written for the parameters it has lets Oxigraph start from them.
    """

    name: str
    description: str
    params: dict[str, tuple[bool, str]]  # name -> (required, help)
    text: str
    defaults: dict[str, int] = field(default_factory=dict)  # number parameters and their default values

    def bind(self, values: dict[str, str], graph: str | Path | None = None) -> str:
        """The query text for these parameter values.

        graph: where the query will run (a build folder, a store or a graph file). A block between
        `#find PARAM KIND ?node ?label` and `#end` searches the labels of entities or events for PARAM; when
        graph is a store that keeps a current label index (kg/labels.py), the block becomes the nodes found
        there, as `VALUES (?node ?label)`, and the query starts from them. In a query with a `limit`, the
        lines between `#first LISTING ?node [?tag]` and `#else` are kept, when no other parameter is given and
        graph is a store that keeps a
        current listing index (kg/listings.py), each `#values` line among them becoming the listing's first
        rows as `VALUES`; the lines between `#else` and `#end` otherwise (the listing ordered in SPARQL)."""
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            takes = ", ".join(self.params) or "no parameters"
            raise QueryError(f"query '{self.name}' has no parameter '{unknown[0]}'; it takes: {takes}")
        given = {p: v.strip() for p, v in values.items() if v.strip()}
        for p, default in self.defaults.items():
            value = given.setdefault(p, str(default))
            if not re.fullmatch(r"[0-9]{1,9}", value) or int(value) < 1:
                raise QueryError(f"query '{self.name}': --param {p}={value}: give a whole number of at least 1")
        missing = [p for p, (required, _) in self.params.items() if required and p not in given]
        if missing:
            raise QueryError(f"query '{self.name}' needs --param {missing[0]}=VALUE ({self.params[missing[0]][1]})")
        def value(m: re.Match) -> str:
            name = m.group(1)
            if name not in self.params:
                return m.group(0)
            return given[name] if name in self.defaults else _sparql_string(given.get(name, ""))

        kept, keep = [], [True]
        listed = ""  # the VALUES of the last #first block
        store = None
        if graph is not None and (_FIND.search(self.text) or _FIRST.search(self.text)):
            from .store import find_store

            store = find_store(graph) if Path(graph).is_dir() else None
        for line in self.text.splitlines():
            find = _FIND.match(line)
            if find:
                param, kind, node, label = find.groups()
                found = None
                if keep[-1] and store is not None and param in given:
                    from .labels import find_nodes

                    found = find_nodes(store, kind, given[param])
                if found is not None:
                    kept.append(f"  VALUES ({node} {label}) {{ "
                                + " ".join(f"(<{iri}> {term})" for iri, term in found) + " }")
                keep.append(keep[-1] and found is None)  # the search in SPARQL, when the index cannot answer
                continue
            first = _FIRST.match(line)
            if first:
                listing, names = first.group(1), first.group(2).split()
                rows = None
                # (the listing of the query without parameters: the index knows no filter)
                if keep[-1] and store is not None and "limit" in self.defaults and set(given) <= set(self.defaults):
                    from .listings import first_rows

                    rows = first_rows(store, listing, int(given["limit"]))
                if rows is not None:
                    if len(names) == 1:
                        listed = f"VALUES {names[0]} {{ " + " ".join(f"<{iri}>" for iri, _ in rows) + " }"
                    else:
                        listed = (f"VALUES ({' '.join(names)}) {{ "
                                  + " ".join(f"(<{iri}> {tag})" for iri, tag in rows) + " }")
                keep.append(keep[-1] and rows is not None)  # the lines up to #else when the index answers
                continue
            if _VALUES.match(line):  # (several in a query: in each part of a union, which Oxigraph reads whole)
                if keep[-1] and listed:
                    kept.append(line[:line.index("#")] + listed)
                continue
            directive = _DIRECTIVE.match(line)
            if directive and directive.group(1) == "if":
                keep.append(keep[-1] and directive.group(2) in given)
            elif directive and directive.group(1) == "else":
                keep[-1] = keep[-2] and not keep[-1]
            elif directive:
                keep.pop()
            elif keep[-1]:
                # Parameters are filled line by line, before any VALUES block is added: labels found in the
                # store are article text, and a "$name" inside one must stay text.
                kept.append(re.sub(r"\$(\w+)\b", value, line))
        return "\n".join(kept) + "\n"


_DIRECTIVE = re.compile(r"(?<!\s)\s*+#(if|else|end)\b\s*+(\w*+)\s*+$")  # possessive: linear on any line
_FIND = re.compile(r"(?m)^[ \t]*+#find[ \t]++(\w++)[ \t]++(entity|event)[ \t]++(\?\w++)[ \t]++(\?\w++)[ \t]*+$")
_FIRST = re.compile(r"(?m)^[ \t]*+#first[ \t]++(\w++)((?:[ \t]++\?\w++){1,2}+)[ \t]*+$")
_VALUES = re.compile(r"^[ \t]*+#values[ \t]*+$")  # anchored: linear under search as under match
_PARAM_LINE = re.compile(r"#\s*+param\s++(\w++)\s*+(?:\(([^()]*+)\))?\s*+:\s*+(.*)")
_NUMBER_PARAM = re.compile(r"number\s*+,\s*+default\s++([0-9]{1,9})")


def _sparql_string(value: str) -> str:
    """A value as a SPARQL string literal: parameters are data, never query text."""
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in value) + '"'


def named_queries() -> dict[str, NamedQuery]:
    """Every query shipped with kg, by name."""
    out = {}
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        description = lines[0].lstrip("#").strip() if lines and lines[0].startswith("#") else ""
        params, defaults = {}, {}
        for line in lines[1:]:
            m = _PARAM_LINE.match(line.strip())
            if m:
                flags = (m.group(2) or "").strip()
                params[m.group(1)] = (flags == "required", m.group(3).strip())
                number = _NUMBER_PARAM.fullmatch(flags)
                if number:
                    defaults[m.group(1)] = int(number.group(1))
        out[path.stem] = NamedQuery(path.stem, description, params, text, defaults)
    return out


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no query named '{name}'; `kg query --list` shows them: {', '.join(queries)}")
    return queries[name]


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """key=value strings to a dict. Raises QueryError for a pair without '='."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: write it as key=value")
        out[key.strip()] = value
    return out
