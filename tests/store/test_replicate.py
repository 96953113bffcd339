"""The benchmark replicator: N articles copied from a store, streamed part by part."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from benchmarks.replicate import replicate
from dashboard.store import files
from dashboard.store.schema import LIST, TABLES, conform

DEFAULTS = {"string": "", "int32": 0, "int64": 0, LIST: []}


def _table(name: str, *rows: dict) -> pd.DataFrame:
    base = {c.name: DEFAULTS[c.dtype] for c in TABLES[name]}
    return conform(pd.DataFrame([{**base, **row} for row in rows]), name)


@pytest.mark.parametrize(("n", "per_part", "parts"), [(5, 2, 3), (4, 10, 1), (1, 1, 1)])
def test_every_copy_has_its_source_rows_under_a_new_id(tmp_path: Path, n: int, per_part: int, parts: int) -> None:
    source = tmp_path / "source"
    files.write_tables(
        source,
        {
            "articles": _table("articles", {"article": "a", "title": "A"}, {"article": "b", "title": "B"}),
            "quotes": _table(
                "quotes",
                {"article": "a", "quote_id": "q1", "text": "one"},
                {"article": "a", "quote_id": "q2", "text": "two", "topics": ["x"]},
                {"article": "b", "quote_id": "q1", "text": "three"},
            ),
        },
    )
    dest = tmp_path / "dest"
    replicate(source, dest, articles=n, part_articles=per_part)
    articles = files.read_table(dest, "articles")
    assert len(articles) == n == articles["article"].nunique()
    assert articles["date"].iloc[0] == "2015-01-01"
    if n > 1:
        assert articles["date"].iloc[-1] == "2024-12-31"
    assert len(files.table_parts(dest, "quotes")) == parts
    quotes = files.read_table(dest, "quotes")
    original = files.read_table(source, "quotes")
    for article, title in zip(articles["article"], articles["title"], strict=True):
        source_id = article.split("-", 1)[1]
        assert title == source_id.upper()
        mine = quotes[quotes["article"] == article].drop(columns="article").reset_index(drop=True)
        theirs = original[original["article"] == source_id].drop(columns="article").reset_index(drop=True)
        assert mine.equals(theirs)
