"""Cached loaders: one article's rows, keyed by the store version so a rebuild shows up."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from dashboard import loaders, settings
from dashboard.store.files import StoreError, table_parts, write_tables
from dashboard.store.schema import LIST, TABLES, conform

DEFAULTS = {"string": "", "int32": 0, "int64": 0, LIST: []}


def table(name: str, *rows: dict) -> pd.DataFrame:
    base = {c.name: DEFAULTS[c.dtype] for c in TABLES[name]}
    return conform(pd.DataFrame([{**base, **row} for row in rows]), name)


def tables(titles: dict[str, str]) -> dict[str, pd.DataFrame]:
    return {
        "articles": table(
            "articles",
            *(
                {"article": a, "title": t, "outlet": "Wikinews", "date": "2019-01-0" + str(i)}
                for i, (a, t) in enumerate(titles.items(), start=1)
            ),
        ),
        "quotes": table(
            "quotes",
            *({"article": a, "quote_id": "q1", "text": "hi", "kind": "direct"} for a in titles),
        ),
    }


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(settings, "BUILD_DIR", tmp_path)
    st.cache_data.clear()
    return tmp_path


def test_nothing_built_gives_empty_tables_and_no_article(store: Path) -> None:
    assert loaders.store_version() is None
    assert loaders.load_articles().empty
    assert list(loaders.load_articles().columns) == [c.name for c in TABLES["articles"]]
    assert loaders.load_article("a") is None
    assert loaders.store_problem() is None


def test_one_article_with_its_rows_only(store: Path) -> None:
    write_tables(store, tables({"a": "Alpha", "b": "Beta"}))
    data = loaders.load_article("b")
    assert data is not None
    assert (data.title, data.outlet, data.date) == ("Beta", "Wikinews", "2019-01-02")
    assert list(data.quotes["article"]) == ["b"]
    assert data.source == "Source: Wikinews"
    assert loaders.load_article("zzz") is None


def test_a_rebuild_is_seen_without_clearing_the_cache(store: Path) -> None:
    write_tables(store, tables({"a": "Old title"}))
    assert loaders.load_article("a").title == "Old title"
    write_tables(store, tables({"a": "New title"}))
    assert loaders.load_article("a").title == "New title"
    assert list(loaders.load_articles()["title"]) == ["New title"]


def test_a_damaged_version_is_not_served_but_the_last_good_one_is(store: Path) -> None:
    write_tables(store, tables({"a": "Old title"}))
    write_tables(store, tables({"a": "New title"}))
    table_parts(store, "articles")[0].path.write_bytes(b"not parquet")
    assert loaders.load_article("a").title == "Old title"
    write_tables(store, tables({"a": "Repaired"}))  # a running server sees the repair
    assert loaders.load_article("a").title == "Repaired"


def test_unreadable_tables_are_reported_not_raised(store: Path, monkeypatch) -> None:
    write_tables(store, tables({"a": "Alpha"}))

    def damaged(*args: object) -> None:  # damage inside a data page: found only when read
        raise StoreError("parts/quotes/x.parquet: cannot read the table part")

    monkeypatch.setattr(loaders, "StoreTables", damaged)
    assert "parts/quotes/x.parquet" in (loaders.store_problem() or "")
