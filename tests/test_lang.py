"""The language data of kg/lang/en: every list loads, is not empty, holds no word twice, and lists that the
extractors rely on being apart stay apart."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from kg import cache
from kg.lang import en

TOPIC_FILES = sorted((Path(en.__file__).parent).glob("*.py"))


def _lists():
    """(module name, list name, value) of every word list in kg.lang.en."""
    out = []
    for topic in en.TOPICS:
        module = importlib.import_module(f"kg.lang.en.{topic}")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, (set, frozenset, tuple, list, dict)):
                out.append((topic, name, value))
    return out


LISTS = _lists()


def test_every_topic_module_is_listed():
    assert {p.stem for p in TOPIC_FILES if p.stem != "__init__"} == set(en.TOPICS)
    assert len(LISTS) > 50


@pytest.mark.parametrize(("topic", "name", "value"), LISTS, ids=[f"{t}.{n}" for t, n, _ in LISTS])
def test_list_is_not_empty_and_has_no_case_variants(topic, name, value):
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, (set, frozenset)) for v in value):
        for group in value:  # a list of groups (words of one meaning): each group is a list of its own
            test_list_is_not_empty_and_has_no_case_variants(topic, name, group)
        return
    words = list(value)
    assert words, f"{topic}.{name} is empty"
    assert all(isinstance(w, str) and w.strip() for w in words), f"{topic}.{name} holds a blank entry"
    assert len({w.lower() for w in words}) == len(words), f"{topic}.{name} holds a word twice or in two cases"
    cases = {w == w.lower() for w in words if w.lower() != w.upper()}
    assert len(cases) <= 1, f"{topic}.{name} mixes lower-case and upper-case entries"


def _uncommented(path: Path) -> list[str]:
    """The word lists of a topic module that no comment describes: a list needs a comment on its own line or at its
    end, or one heading the block of lists it is written in (lines with no blank line between them)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for node in ast.parse("\n".join(lines)).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if not isinstance(target, ast.Name) or not target.id.isupper():
            continue
        k = node.lineno - 1
        if "#" in lines[k]:
            continue
        while k > 0 and lines[k - 1].strip() and not lines[k - 1].lstrip().startswith("#"):
            k -= 1  # up through the block
        if k == 0 or not lines[k - 1].lstrip().startswith("#"):
            out.append(target.id)
    return out


# Lists no comment describes yet (demonyms.py: the comment above COUNTRY_NEWS_NAMES is COUNTRY_ALIASES').
UNCOMMENTED = {"demonyms": ["COUNTRY_ALIASES"], "__init__": ["TOPICS"]}


@pytest.mark.parametrize("path", TOPIC_FILES, ids=[p.stem for p in TOPIC_FILES])
def test_every_list_says_what_it_is_for(path):
    assert _uncommented(path) == UNCOMMENTED.get(path.stem, [])


def test_a_list_without_a_comment_is_found(tmp_path):
    path = tmp_path / "topic.py"
    path.write_text('# words of a kind\nA = {"a"}\nB = A | {"b"}\n\nC = {"c"}  # words of another\n\nD = {"d"}\n')
    assert _uncommented(path) == ["D"]


@pytest.mark.parametrize("path", TOPIC_FILES, ids=[p.stem for p in TOPIC_FILES])
def test_no_word_written_twice_in_one_list(path):
    """A set or dict literal that repeats an entry hides the repeat; so does dict.fromkeys of a tuple."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        elements = node.elts if isinstance(node, (ast.Set, ast.Tuple, ast.List)) else \
            [k for k in node.keys if k is not None] if isinstance(node, ast.Dict) else []
        words = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        repeated = {w for w in words if words.count(w) > 1}
        assert not repeated, f"{path.name}:{node.lineno} repeats {sorted(repeated)}"


def _keys_of_comprehensions(path: Path) -> list[str]:
    """Words that are keys of two `{v: ... for v in (...)}` or `**dict.fromkeys((...), kind)` parts of one dict
    (the later one would win silently)."""
    seen: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys: list[str] = []
            for value in node.values:
                if isinstance(value, ast.DictComp):
                    for gen in value.generators:
                        if isinstance(gen.iter, ast.Tuple):
                            keys += [e.value for e in gen.iter.elts if isinstance(e, ast.Constant)]
                elif isinstance(value, ast.Call) and getattr(value.func, "attr", "") == "fromkeys" and value.args \
                        and isinstance(value.args[0], ast.Tuple):
                    keys += [e.value for e in value.args[0].elts if isinstance(e, ast.Constant)]
            seen += [k for k in set(keys) if keys.count(k) > 1]
    return seen


@pytest.mark.parametrize("path", TOPIC_FILES, ids=[p.stem for p in TOPIC_FILES])
def test_no_word_maps_to_two_values(path):
    assert not _keys_of_comprehensions(path)


# Lists of the same words for two uses that only happen to share them: a change to one is no change to the other.
SAME_WORDS_OTHER_USE = [
    # "Halden University in Dayton" (a seat), "a stake in X" (what is held)
    {"places.SEAT_PREPOSITIONS", "verbs.HOLDING_PREPOSITIONS"},
]


def test_no_list_is_written_twice():
    """Two lists of the same words are one concept written twice (a list imported into another module is one list)."""
    names: dict[frozenset, dict[int, str]] = {}
    for topic, name, value in LISTS:
        names.setdefault(frozenset(w for w in value if isinstance(w, str)), {}).setdefault(id(value), f"{topic}.{name}")
    twice = [set(n.values()) for n in names.values() if len(n) > 1]
    assert all(t in SAME_WORDS_OTHER_USE for t in twice), twice


# Lists the extractors read in an order that assumes they share no entry (see each reason).
APART = [
    # implied.implied_roles reads a government title first: a title in both would give a company's officer a country
    ("CORPORATE_TITLES", "GOVERNMENT_TITLES"),
    # "the Polish foreign minister" works for Poland; a company's officer is only of Polish nationality
    ("CORPORATE_TITLES", "STATE_ROLES"),
    # "the town of X" makes X a place, "the president of X" a person's role: a word cannot be both
    ("PLACE_NOUNS", "NEWS_ROLES"),
    ("PLACE_NOUNS", "HONORIFICS"),
    ("PLACE_AFTER_NAME", "NEWS_ROLES"),
    # a modal verb blocks a typed relation, a reporting verb attributes it
    ("MODALS", "REPORTING_VERBS"),
    # "Commissioner for Energy Peter Olsen": the portfolio ends at the first word that is not one
    ("PORTFOLIOS", "PORTFOLIO_HOLDERS"),
    # "deputy chairman" is no leader: a word of subordination is never itself a leader's title
    ("SUBORDINATE_WORDS", "LEADER_ROLES"),
    # roles drops the words of a past or a present role before it reads the title: a title among them would vanish
    ("FORMER_WORDS", "NEWS_ROLES"),
    ("TITLE_TIME_WORDS", "NEWS_ROLES"),
    # outlets: "the daily X" names an outlet, "radio X" does not
    ("OUTLET_MEDIUMS", "OUTLET_NOUNS_BEFORE_NAME"),
]


@pytest.mark.parametrize(("a", "b"), APART, ids=[f"{a}-{b}" for a, b in APART])
def test_lists_that_must_stay_apart(a, b):
    assert not set(getattr(en, a)) & set(getattr(en, b))


def test_titles_hold_no_word_the_title_reader_drops():
    """implied.implied_roles drops OWN_WORDS ("the company's CEO") before it looks a title up."""
    for title in en.CORPORATE_TITLES | en.GOVERNMENT_TITLES:
        assert not set(title.split()) & en.OWN_WORDS, title


def test_lists_are_lower_case_where_rules_compare_lower_case_words():
    lower = [v for t, n, v in LISTS if n != "WIRE_SLUGS"]
    words = [w for v in lower for x in v for w in (x if isinstance(x, (set, frozenset)) else (x,))]
    assert all(w == w.lower() for w in words)


def test_extraction_cache_key_covers_the_language_data():
    """Editing a word list changes what is extracted, so it must invalidate the cached extractions."""
    root = Path(cache.__file__).resolve().parent
    paths = {p.resolve().relative_to(root.parent).as_posix() for p in cache.fingerprint_paths()}
    for path in TOPIC_FILES:
        assert f"kg/lang/en/{path.name}" in paths
    assert {"kg/ontology.py", "ontology/kg.ttl"} <= paths  # the class families and signatures come from there


# Every extractor module and rule file reads its word lists from kg/lang/en: none writes a set of words inline.
EXTRACT_DIR = Path(cache.__file__).resolve().parent / "extract"
WITHOUT_INLINE_WORDS = sorted(p.relative_to(EXTRACT_DIR.parent.parent).as_posix() for p in EXTRACT_DIR.rglob("*.py"))


def test_every_extractor_module_is_checked():
    assert {"kg/extract/roles.py", "kg/extract/rules/places.py", "kg/extract/entities.py"} <= set(WITHOUT_INLINE_WORDS)
    assert len(WITHOUT_INLINE_WORDS) > 30

# Lower-case codes that are no words of English: the dependency labels of spaCy's English parser and the kinds of a
# mention (records.Mention.kind). A set made only of them is a set of tags.
TAGS = frozenset({
    "ROOT", "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass", "case", "cc",
    "ccomp", "compound", "conj", "csubj", "csubjpass", "dative", "dep", "det", "dobj", "expl", "intj", "mark", "meta",
    "neg", "nmod", "npadvmod", "nsubj", "nsubjpass", "nummod", "oprd", "parataxis", "pcomp", "pobj", "poss", "preconj",
    "predet", "prep", "prt", "punct", "quantmod", "relcl", "xcomp",
    "name", "demonym", "modifier", "title",
})


def _alternatives(tree: ast.AST):
    """The literals of a module that may list words: every set, tuple and list written in it (a set a condition
    tests, a tuple a call is given, `t.lower_.startswith(("-born", "-led"))`, a list of a spaCy Matcher pattern,
    `{"LOWER": {"IN": ["for", "of"]}}`), but not a sequence of tokens that `==` compares (`words[:2] == ["-",
    "based"]`: one phrase, not a list of alternatives)."""
    listing = (ast.Set, ast.Tuple, ast.List)
    skip = {id(c) for node in ast.walk(tree) if isinstance(node, ast.Compare)
            for op, c in zip(node.ops, node.comparators) if isinstance(op, (ast.Eq, ast.NotEq))}
    return (node for node in ast.walk(tree) if isinstance(node, listing) and id(node) not in skip)


def _strings(node: ast.AST) -> list[str] | None:
    """The strings a literal lists, those of its one-word items too (`gap in (["'s"], ["\u2019s"])`); None when it
    holds anything else."""
    out = []
    for e in node.elts:
        if isinstance(e, ast.Constant) and isinstance(e.value, str):
            out.append(e.value)
        elif isinstance(e, (ast.Tuple, ast.List)) and all(isinstance(x, ast.Constant) and isinstance(x.value, str)
                                                          for x in e.elts):
            out += [x.value for x in e.elts]
        else:
            return None
    return out


def _codes() -> frozenset[str]:
    """Lower-case strings of the code that are no words of English: dependency labels and mention kinds (TAGS), the
    ids of the rules ("place:in", "country+*"), the phases and rule files of the registry, the properties of the
    ontology ("attacked")."""
    from kg.extract import registry, rules
    from kg.ontology import relation_properties

    ids = {i for r in registry.registry() for i in r.ids}
    return TAGS | ids | set(registry.PHASES) | set(rules.ORDER) | relation_properties()


def _is_code(word: str) -> bool:
    """A dependency label, a mention's kind, a rule's id, phase or file, a property; a rule value ("verb:attack")
    or a label's suffix ("+club")."""
    return word in _codes() or ":" in word or word.startswith("+")


def _inline_word_sets(path: Path) -> list[str]:
    """Lists of two or more lower-case words written in code (sets of classes, tags and labels are written in
    capitals; dependency labels, mention kinds, rule ids and properties are codes, not language data)."""
    return [f"{path.name}:{line} {sorted(words)}" for line, words in _inline_words(path)]


def _inline_words(path: Path) -> list[tuple[int, frozenset[str]]]:
    found = []
    for node in _alternatives(ast.parse(path.read_text(encoding="utf-8"))):
        words = _strings(node)
        if words and len(set(words)) >= 2 and all(w == w.lower() for w in words) and any(
                c.isalpha() for w in words for c in w) and not all(_is_code(w) for w in words):
            found.append((node.lineno, frozenset(words)))
    return found


# Word lists still written in the code of kg/extract/ (nationality.py, roles.py, rules/roles.py,
# rules/spokesperson.py), to be moved to kg/lang/en: a list moved is taken off here, and none may be added.
STILL_INLINE: set[frozenset[str]] = set()  # every list moved


@pytest.mark.parametrize("name", WITHOUT_INLINE_WORDS)
def test_extractors_read_their_words_from_the_language_data(name):
    path = Path(cache.__file__).resolve().parent.parent / name
    assert [f"{path.name}:{line} {sorted(w)}" for line, w in _inline_words(path) if w not in STILL_INLINE] == []


def test_every_list_still_written_inline_is_still_there():
    found = {w for name in WITHOUT_INLINE_WORDS for _, w in _inline_words(Path(cache.__file__).resolve().parent.parent
                                                                           / name)}
    assert STILL_INLINE <= found, "a list moved to kg/lang/en: take it off STILL_INLINE"


def test_extractors_read_class_families_from_the_ontology():
    """A set of classes that is a family of the ontology (its organizations, places or agents) is read from
    kg/ontology.py, not written again in an extractor."""
    from kg.ontology import family

    families = {frozenset(family(c)) for c in ("Organization", "Location", "Agent")}
    for name in WITHOUT_INLINE_WORDS:
        path = Path(cache.__file__).resolve().parent.parent / name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Set) and all(isinstance(e, ast.Constant) for e in node.elts):
                assert frozenset(e.value for e in node.elts) not in families, f"{name}:{node.lineno}"


def test_an_inline_word_set_is_found(tmp_path):
    path = tmp_path / "rule.py"
    path.write_text('def f(t):\n    return t.lower_ in {"within", "inside"} or t.pos_ in {"NOUN", "ADJ"} or '
                    't.dep_ in {"nsubj", "nsubjpass"}\n')
    assert _inline_word_sets(path) == ["rule.py:2 ['inside', 'within']"]


@pytest.mark.parametrize("code,found", [
    ('x = t.text.startswith(("-born", "-led"))', ["['-born', '-led']"]),  # a tuple given to a call
    ('x = through(t, ("in", "of"), 2)', ["['in', 'of']"]),
    ('P = [[{"LOWER": {"IN": ["for", "of"]}}]]', ["['for', 'of']"]),  # a Matcher pattern
    ('x = gap in ([], ["\'s"], ["\u2019s"])', ["[\"'s\", '\u2019s']"]),  # one-word sequences
    ('WORDS = ("ation", "ment")', ["['ation', 'ment']"]),  # a module-level tuple
    ('x = words[:2] == ["-", "based"]', []),  # a sequence of tokens, not alternatives
    ('R = Rule(("place:in", "seat:of"), "sentence", ("locatedIn", "partOf"))', []),  # rule ids and properties
    ('x = t.dep_ in ("nsubj", "dobj") or o.label.endswith(("+club", "+team"))', []),  # tags and label suffixes
])
def test_inline_words_are_found_wherever_they_are_written(tmp_path, code, found):
    path = tmp_path / "rule.py"
    path.write_text(code + "\n")
    assert [f.split(" ", 1)[1] for f in _inline_word_sets(path)] == found
