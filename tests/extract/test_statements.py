"""Quote rows → statements: a table of row layouts, then the rule on real text and the reference article."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.language import Language

from dashboard import settings
from dashboard.extract.statements import statement_ids


@dataclass(frozen=True)
class Row:
    kind: str
    speaker_id: str | None
    cue: str | None
    paragraph: int
    sentence: int
    start: int
    end: int
    speaker: str | None = None


def direct(start: int, end: int, who: str | None = "lee", cue: str | None = "said", p: int = 1, s: int = 1) -> Row:
    return Row("direct", who, cue, p, s, start, end)


def partial(start: int, end: int, who: str | None = "lee", cue: str | None = "said", p: int = 1, s: int = 1) -> Row:
    return Row("partial", who, cue, p, s, start, end)


def indirect(start: int, end: int, who: str | None = "lee", cue: str | None = "said", p: int = 1, s: int = 1) -> Row:
    return Row("indirect", who, cue, p, s, start, end)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param([direct(0, 10), direct(25, 40)], [1, 1], id="split-halves-of-one-sentence"),
        pytest.param([indirect(0, 80), partial(20, 50)], [1, 1], id="partial-inside-its-indirect-row"),
        pytest.param([partial(0, 10), partial(30, 60), partial(70, 90)], [1, 1, 1], id="fragments-of-one-sentence"),
        pytest.param([direct(0, 10), direct(25, 40, s=2)], [1, 2], id="next-sentence-is-another-statement"),
        pytest.param([direct(0, 10), direct(25, 40, who="kim")], [1, 2], id="another-speaker"),
        pytest.param([direct(0, 10, cue="said"), direct(25, 40, cue="warned")], [1, 2], id="another-cue"),
        pytest.param([direct(0, 10, who=None), direct(25, 40, who=None)], [1, 2], id="no-speaker-never-joins"),
        pytest.param(
            [Row("scare", None, None, 1, 1, 0, 5), Row("scare", None, None, 1, 1, 10, 15)], [1, 2], id="scare-quotes"
        ),
        pytest.param([direct(0, 10, p=1), direct(25, 40, p=2)], [1, 2], id="another-paragraph"),
        pytest.param(
            [partial(20, 50), indirect(0, 80), direct(100, 120, who="kim", s=2)], [1, 1, 2], id="numbered-in-text-order"
        ),
        pytest.param(
            [direct(0, 10, cue=None), direct(25, 40, cue="said")], [1, 1], id="cue-only-on-one-half"
        ),
        pytest.param(
            [
                Row("indirect", None, "said", 1, 1, 0, 80, speaker="the deputy minister"),
                Row("partial", None, "said", 1, 1, 30, 80, speaker="the deputy minister"),
            ],
            [1, 1],
            id="described-speaker-without-actor-id",
        ),
        pytest.param([], [], id="no-quotes"),
    ],
)
def test_statement_ids(rows: list[Row], expected: list[int]) -> None:
    assert statement_ids(rows) == expected


def test_statement_ids_are_dense_and_unique_per_group() -> None:
    rows = [direct(0, 10), direct(25, 40), direct(60, 70, s=2), indirect(100, 180, p=2), partial(120, 140, p=2)]
    ids = statement_ids(rows)
    assert sorted(set(ids)) == list(range(1, len(set(ids)) + 1))
    assert ids == [1, 1, 2, 3, 3]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "statements"),
    [
        pytest.param(
            "Council votes\n\n“We will build it,” Mayor Ann Lee said, “and we will pay for it.”\n", 1, id="split-direct"
        ),
        pytest.param(
            "Council votes\n\nMayor Ann Lee said the council had “found the money” for the bridge.\n"
            "\nShe later said “nothing is certain.”\n",
            2,
            id="partial-in-indirect-then-another",
        ),
    ],
)
def test_extract_groups_rows_into_statements(nlp: Language, text: str, statements: int, tmp_path: Path) -> None:
    from dashboard.articles.reader import read_article
    from dashboard.extract import extract_tables

    path = tmp_path / "statements.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    quotes = extract_tables(nlp(article.text), article).quotes
    assert len(quotes) > statements  # more rows than statements: grouping did something
    assert len({q.statement for q in quotes}) == statements
    assert all(q.statement >= 1 for q in quotes)


@pytest.mark.model
def test_extract_prints_statement_on_every_quote_of_the_reference_article() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "extract", str(settings.ARTICLES_DIR / f"{settings.DEFAULT_ARTICLE}.txt")],
        capture_output=True,
        text=True,
        cwd=settings.PROJECT_ROOT,
        timeout=300,
        check=True,
    )
    quotes = json.loads(result.stdout.splitlines()[0])["quotes"]
    assert quotes and all(isinstance(q.get("statement"), int) for q in quotes)
    kremlin = [q for q in quotes if q["speaker"] == "Kremlin" and q["paragraph"] == 5]
    assert len(kremlin) == 2  # the reported sentence and the partial quote inside it
    assert kremlin[0]["statement"] == kremlin[1]["statement"]
    others = {q["statement"] for q in quotes if q not in kremlin}
    assert kremlin[0]["statement"] not in others


def _pairwise_statement_ids(rows: list[Row]) -> list[int]:
    """The rule as written: every pair of rows compared with ``_same_act`` (quadratic)."""
    from dashboard.extract.statements import _same_act

    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            if _same_act(rows[i], rows[j]):
                parent[root(j)] = root(i)
    numbers: dict[int, int] = {}
    for i in sorted(range(len(rows)), key=lambda i: (rows[i].start, rows[i].end, i)):
        numbers.setdefault(root(i), len(numbers) + 1)
    return [numbers[root(i)] for i in range(len(rows))]


@pytest.mark.parametrize("seed", range(40))
def test_statement_ids_join_exactly_the_pairs_of_the_rule(seed: int) -> None:
    """Random layouts (nested, crossing, equal bounds, cues differing in case, no cue) give
    the same statements as comparing every pair."""
    import random

    rng = random.Random(seed)
    rows = []
    for _ in range(rng.randint(1, 30)):
        start = rng.randint(0, 40)
        rows.append(Row(rng.choice(["direct", "partial", "indirect", "scare"]),
                        rng.choice(["lee", "kim", None]), rng.choice(["said", "Said", "warned", None, ""]),
                        rng.randint(1, 2), rng.randint(1, 3), start, start + rng.randint(1, 25),
                        speaker=rng.choice([None, "the minister"])))
    assert statement_ids(rows) == _pairwise_statement_ids(rows)


class _CountingRows(list):
    """A list of rows that counts how often a row is read."""

    reads = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        type(self).reads += 1
        return super().__getitem__(index)


def _reads_for(n: int) -> int:
    # one paragraph, one speaker: n short quotes in n sentences, each with its cue (the
    # "8,000 short quotes in one paragraph" input), plus one long row holding them all
    rows = _CountingRows([direct(10 * i, 10 * i + 5, s=i) for i in range(n)] + [indirect(0, 10 * n)])
    _CountingRows.reads = 0
    ids = statement_ids(rows)
    assert len(set(ids)) == 1  # the long row holds them all: one statement
    return _CountingRows.reads


def test_statement_ids_read_each_row_a_bounded_number_of_times() -> None:
    """Work grows linearly with the rows of one speaker in one paragraph (it was every pair)."""
    small, large = _reads_for(500), _reads_for(4000)
    assert large <= 8 * small * 1.1
    assert large <= 12 * 4001
