"""The versioned Parquet store: atomic replacement, schema on read."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.store import files
from dashboard.store.schema import TABLES, empty


def _articles(*ids: str) -> pd.DataFrame:
    frame = empty("articles")
    rows = [
        {c.name: (i if c.name == "article" else None) for c in TABLES["articles"]} | {"paragraphs": 1, "words": 3}
        for i in ids
    ]
    return pd.concat([frame, pd.DataFrame(rows)], ignore_index=True)


def test_read_before_any_build_gives_empty_tables_with_the_schema(tmp_path: Path) -> None:
    tables = files.read_tables(tmp_path / "nothing-here")
    assert set(tables) == set(TABLES)
    assert list(tables["quotes"].columns) == [c.name for c in TABLES["quotes"]]
    assert all(len(t) == 0 for t in tables.values())


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    version = files.write_tables(tmp_path, {"articles": _articles("a", "b")})
    assert files.current_version(tmp_path) == version
    assert files.read_table(tmp_path, "articles")["article"].tolist() == ["a", "b"]


def test_a_crash_while_writing_leaves_the_previous_tables_readable(tmp_path: Path, monkeypatch) -> None:
    files.write_tables(tmp_path, {"articles": _articles("old")})

    def crash(self, *args, **kwargs):  # noqa: ANN001
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", crash)
    with pytest.raises(OSError):
        files.write_tables(tmp_path, {"articles": _articles("new")})
    monkeypatch.undo()
    assert files.read_table(tmp_path, "articles")["article"].tolist() == ["old"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".staging")]


def test_old_versions_are_pruned(tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d"):
        files.write_tables(tmp_path, {"articles": _articles(name)})
    versions = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert len(versions) == files.KEEP_VERSIONS
    assert files.read_table(tmp_path, "articles")["article"].tolist() == ["d"]


def test_a_damaged_table_is_a_clear_error(tmp_path: Path) -> None:
    version = files.write_tables(tmp_path, {"articles": _articles("a")})
    (tmp_path / version / "articles.parquet").write_bytes(b"not parquet")
    with pytest.raises(files.StoreError, match="articles.parquet"):
        files.read_table(tmp_path, "articles")


def test_tables_of_an_older_schema_count_as_not_built(tmp_path: Path) -> None:
    version = files.write_tables(tmp_path, {"articles": _articles("a")})
    (tmp_path / version / files.FINGERPRINT).write_text("older\n", encoding="utf-8")
    assert files.current_version(tmp_path) is None
    assert len(files.read_table(tmp_path, "articles")) == 0
