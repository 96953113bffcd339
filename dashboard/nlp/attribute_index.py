"""The model's attribute_ruler (tag → POS and morphology, a few lemma exceptions) matching its
patterns with array operations instead of spaCy's Matcher.

The Matcher tries every pattern at every token: with the model's 179 patterns that is
~30 µs a token, a sixth of the whole parse. Most patterns are one token whose attributes
must equal given strings ({"TAG": "NN"}, {"LOWER": "ca", "TAG": "MD"}): they sit in tables,
one per set of attributes tested, and each token is looked up once per table. The others
have a fixed length (no operators) and test equality, membership, non-membership or a
regular expression: their matches are found with one array test per token of the pattern
over the whole Doc (a regular expression is tried once per distinct value). A pattern of
any other shape still goes through a Matcher. ``match`` returns what
``AttributeRuler.match`` returns (the same matches, sorted the same way) and the inherited
``set_annotations`` writes them: later patterns win, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

# attributes a pattern may test here, and the column of each in Doc.to_array
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3, "ORTH": 4}
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE, ORTH]

Match = tuple[int, int, int, int]  # (pattern number, match id, start, end)
Test = Callable[[numpy.ndarray, StringStore], numpy.ndarray]  # column values → bool per token


def _member(values: list[int], inside: bool) -> Test:
    wanted = numpy.array(values, dtype=numpy.uint64)
    return lambda column, strings: numpy.isin(column, wanted, invert=not inside)


def _regex(expression: str) -> Test:
    compiled = re.compile(expression)

    def test(column: numpy.ndarray, strings: StringStore) -> numpy.ndarray:
        distinct = numpy.unique(column)
        hits = [value for value in distinct.tolist() if compiled.search(strings[value])]
        return numpy.isin(column, numpy.array(hits, dtype=numpy.uint64))

    return test


def _token_tests(spec: Any, strings: StringStore) -> list[tuple[int, Test]] | None:
    """(column, test) for each attribute one token of a pattern tests; None for a token
    this module does not read (an operator, another attribute or predicate)."""
    if not isinstance(spec, dict) or not spec:
        return None
    tests: list[tuple[int, Test]] = []
    for key, value in spec.items():
        name = str(key).upper()
        if name not in _COLUMNS:
            return None
        column = _COLUMNS[name]
        if name == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append((column, _member([int(value)], True)))
        elif isinstance(value, str):
            tests.append((column, _member([strings.add(value)], True)))
        elif isinstance(value, dict) and len(value) == 1:
            (predicate, argument), = value.items()
            if predicate in ("IN", "NOT_IN") and isinstance(argument, list) and all(
                    isinstance(v, str) for v in argument):
                tests.append((column, _member([strings.add(v) for v in argument], predicate == "IN")))
            elif predicate == "REGEX" and isinstance(argument, str):
                tests.append((column, _regex(argument)))
            else:
                return None
        else:
            return None
    return tests


def _table_keys(pattern: Any, strings: StringStore) -> tuple[tuple[int, ...], list[tuple[int, ...]]] | None:
    """(columns tested, every tuple of values that matches) for a one-token pattern whose
    attributes must each equal a string or be one of a list of strings (IS_SPACE: a bool);
    None for any other pattern."""
    if not isinstance(pattern, list) or len(pattern) != 1 or not isinstance(pattern[0], dict) or not pattern[0]:
        return None
    tests: dict[int, list[int]] = {}
    for key, value in pattern[0].items():
        name = str(key).upper()
        if name not in _COLUMNS:
            return None
        if name == "IS_SPACE" and isinstance(value, bool):
            tests[_COLUMNS[name]] = [int(value)]
        elif name != "IS_SPACE" and isinstance(value, str):
            tests[_COLUMNS[name]] = [strings.add(value)]
        elif (name != "IS_SPACE" and isinstance(value, dict) and list(value) == ["IN"]
              and isinstance(value["IN"], list) and all(isinstance(v, str) for v in value["IN"])):
            tests[_COLUMNS[name]] = [strings.add(v) for v in value["IN"]]
        else:
            return None
    columns = tuple(sorted(tests))
    values: list[tuple[int, ...]] = [()]
    for column in columns:
        values = [row + (v,) for row in values for v in tests[column]]
    return columns, values


class _Index:
    """One-token equality patterns in tables keyed by the attributes they test, every other
    pattern as per-token array tests, a Matcher for patterns of other shapes."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.size = len(ruler.attrs)
        self.tables: dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, int]]]] = {}
        self.patterns: list[tuple[int, int, list[list[tuple[int, Test]]]]] = []
        self.rest = Matcher(ruler.vocab)
        for number, entry in enumerate(ruler.patterns):
            match_id = strings.add(str(number))
            patterns: Any = entry["patterns"]
            for pattern in patterns:
                keys = _table_keys(pattern, strings)
                if keys is not None:
                    columns, values = keys
                    table = self.tables.setdefault(columns, {})
                    for value in values:
                        table.setdefault(value, []).append((number, match_id))
                    continue
                tokens = [_token_tests(spec, strings) for spec in pattern] if isinstance(pattern, list) else [None]
                if not tokens or any(t is None for t in tokens):
                    self.rest.add(match_id, [pattern])
                else:
                    self.patterns.append((number, match_id, [t for t in tokens if t is not None]))

    def match(self, doc: Doc) -> list[Match]:
        found: list[Match] = []
        length = len(doc)
        if length:
            array = doc.to_array(_ARRAY_ATTRS).astype(numpy.uint64)
            strings = doc.vocab.strings
            for columns, table in self.tables.items():
                # the tokens whose tested attributes each have a wanted value, then the
                # exact combination looked up for those only
                mask = numpy.ones(length, dtype=bool)
                for position, column in enumerate(columns):
                    wanted = numpy.fromiter({key[position] for key in table}, dtype=numpy.uint64)
                    mask &= numpy.isin(array[:, column], wanted)
                rows = numpy.flatnonzero(mask)
                keys = zip(*(array[rows, c].tolist() for c in columns), strict=True)
                for i, key in zip(rows.tolist(), keys, strict=True):
                    for number, match_id in table.get(key, ()):
                        found.append((number, match_id, i, i + 1))
            for number, match_id, tokens in self.patterns:
                size = len(tokens)
                if size > length:
                    continue
                starts = numpy.ones(length - size + 1, dtype=bool)
                for offset, tests in enumerate(tokens):
                    for column, test in tests:
                        starts &= test(array[offset:length - size + 1 + offset, column], strings)
                found.extend((number, match_id, i, i + size) for i in numpy.flatnonzero(starts).tolist())
        if len(self.rest):
            strings = doc.vocab.strings
            found.extend((int(strings[m]), m, s, e) for m, s, e in self.rest(doc, allow_missing=True, as_spans=False))
        found.sort()
        return found


class IndexedAttributeRuler(AttributeRuler):
    """``AttributeRuler`` whose ``match`` runs the patterns as array tests."""

    _index: _Index | None = None

    def match(self, doc: Doc) -> list[Match]:  # type: ignore[override]
        if self._index is None or self._index.size != len(self.attrs):
            self._index = _Index(self)  # built on first use, again when patterns were added
        return self._index.match(doc)


def index_attribute_ruler(ruler: AttributeRuler) -> AttributeRuler:
    """The same component (its patterns, attributes and name), matching with array tests."""
    if type(ruler) is AttributeRuler:
        ruler.__class__ = IndexedAttributeRuler
    return ruler
