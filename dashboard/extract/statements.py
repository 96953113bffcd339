"""Quote rows → statements: one statement is one act of saying by one speaker.

One sentence can give several quote rows: a direct quote split by its attribution
(“We will go,” she said, “and we will win.”), a partial quote inside the reported-speech
row that carries it (the Kremlin said that Biden had “expressed interest in …”), or several
quoted fragments of one attributed sentence. Counting rows counts fragments; counting
statements counts what was said.

``statement_ids`` is a pure function of plain row fields (``kind``, ``speaker_id``
(else ``speaker``), ``paragraph``, ``sentence``, ``start``, ``end``, ``cue``), so it works on records and on
table rows alike, and it knows nothing about spaCy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Protocol

from dashboard.extract.records import QuoteRecord


class QuoteLike(Protocol):
    """The fields of a quote row that decide its statement."""

    @property
    def kind(self) -> str: ...
    @property
    def speaker_id(self) -> str | None: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def cue(self) -> str | None: ...
    @property
    def paragraph(self) -> int: ...
    @property
    def sentence(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


UNGROUPED_KINDS = frozenset({"scare"})  # a scare quote is nobody's act of saying


def _speaker(quote: QuoteLike) -> str | None:
    """Who said it: the actor id, else the name the article gives ("Russia's deputy foreign minister")."""
    return quote.speaker_id or quote.speaker or None


def _inside(inner: QuoteLike, outer: QuoteLike) -> bool:
    same = (outer.start, outer.end) == (inner.start, inner.end)
    return outer.start <= inner.start and inner.end <= outer.end and not same


def _same_act(a: QuoteLike, b: QuoteLike) -> bool:
    """Two rows of one act of saying: one speaker (known), one sentence, one cue.

    The cue must match when both rows have one: "X said A and warned B" stays two statements.
    """
    if a.kind in UNGROUPED_KINDS or b.kind in UNGROUPED_KINDS:
        return False
    if not _speaker(a) or _speaker(a) != _speaker(b):
        return False
    if _inside(a, b) or _inside(b, a):
        return a.paragraph == b.paragraph
    if (a.paragraph, a.sentence) != (b.paragraph, b.sentence):
        return False
    return not (a.cue and b.cue and a.cue.casefold() != b.cue.casefold())


def statement_ids(quotes: Sequence[QuoteLike]) -> list[int]:
    """The statement number of each row (same order as ``quotes``), from 1, unique within the article.

    Rows join one statement when they share a known speaker, a sentence and a cue (split
    halves, consecutive fragments), or when one lies inside the other (a partial quote in
    its reported-speech row). Rows without a speaker and scare quotes are statements of
    their own. Statements are numbered in text order of their first row.

    The joins are exactly the pairs ``_same_act`` accepts, found without comparing every
    pair (a paragraph of thousands of quotes by one speaker stays linear after sorting):
    rows of one sentence are joined by cue, nested rows by one sweep in text order.
    """
    parent = list(range(len(quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(j)] = root(i)

    by_place: dict[tuple[int, str], list[int]] = {}
    for index, quote in enumerate(quotes):
        speaker = _speaker(quote)
        if speaker and quote.kind not in UNGROUPED_KINDS:
            by_place.setdefault((quote.paragraph, speaker), []).append(index)
    for members in by_place.values():  # only rows of one speaker in one paragraph can join
        _join_by_sentence_and_cue(quotes, members, join)
        _join_nested(quotes, members, join)

    order = sorted(range(len(quotes)), key=lambda i: (quotes[i].start, quotes[i].end, i))
    numbers: dict[int, int] = {}
    for i in order:
        numbers.setdefault(root(i), len(numbers) + 1)
    return [numbers[root(i)] for i in range(len(quotes))]


def _join_by_sentence_and_cue(quotes: Sequence[QuoteLike], members: list[int],
                              join: Callable[[int, int], None]) -> None:
    """Rows of one sentence join unless both have a cue and the cues differ: a row without a
    cue joins every row of its sentence, rows with a cue join the rows with the same cue."""
    by_sentence: dict[int, dict[str | None, list[int]]] = {}
    for i in members:
        cue = quotes[i].cue
        by_sentence.setdefault(quotes[i].sentence, {}).setdefault(cue.casefold() if cue else None, []).append(i)
    for by_cue in by_sentence.values():
        uncued = by_cue.get(None)
        for rows in by_cue.values():
            for i in rows[1:]:
                join(rows[0], i)
            if uncued and rows is not uncued:
                join(uncued[0], rows[0])


def _join_nested(quotes: Sequence[QuoteLike], members: list[int], join: Callable[[int, int], None]) -> None:
    """Join each row with every row that contains it (other bounds, ``_inside``).

    Rows with the same bounds share one node; nodes are swept by start, the longest first.
    Every earlier node starts at or before the current one, so it contains the current one
    exactly when it ends at or after it. The stack holds groups of nodes already joined,
    with the furthest end of each, in increasing order of that end: the groups that reach
    the current node's end are on top, and joining them all keeps the order.
    """
    nodes: dict[tuple[int, int], list[int]] = {}
    for i in members:
        nodes.setdefault((quotes[i].start, quotes[i].end), []).append(i)
    stack: list[tuple[int, int]] = []  # (furthest end, first row of a node of the group)
    linked: set[int] = set()  # first rows of the nodes that contain or lie in another node
    for (_, end), rows in sorted(nodes.items(), key=lambda item: (item[0][0], -item[0][1])):
        furthest = end
        while stack and stack[-1][0] >= end:
            reach, row = stack.pop()
            join(row, rows[0])
            linked.update((row, rows[0]))  # a group of one node: that node contains this one
            furthest = max(furthest, reach)
        stack.append((furthest, rows[0]))
    for rows in nodes.values():  # rows with the same bounds join only through a third row
        if rows[0] in linked:
            for i in rows[1:]:
                join(rows[0], i)


def with_statements(records: Sequence[QuoteRecord]) -> list[QuoteRecord]:
    """The quote records of one article with their ``statement`` filled in."""
    ids = statement_ids(records)
    return [dataclasses.replace(record, statement=number) for record, number in zip(records, ids, strict=True)]
