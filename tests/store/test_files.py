"""The append-only Parquet store: parts, manifests, atomic switch, damage, garbage."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import stat
import time
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


def _manifest(build_dir: Path) -> dict:
    version = files.current_version(build_dir)
    assert version is not None
    return json.loads(files.manifest_path(build_dir, version).read_text(encoding="utf-8"))


def test_read_before_any_build_gives_empty_tables_with_the_schema(tmp_path: Path) -> None:
    tables = files.read_tables(tmp_path / "nothing-here")
    assert set(tables) == set(TABLES)
    assert list(tables["quotes"].columns) == [c.name for c in TABLES["quotes"]]
    assert all(len(t) == 0 for t in tables.values())
    assert files.table_parts(tmp_path / "nothing-here", "quotes") == []
    assert files.readable_version(tmp_path / "nothing-here") == (None, None)


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    version = files.write_tables(tmp_path, {"articles": _articles("b", "a")})
    assert files.current_version(tmp_path) == version
    assert files.read_table(tmp_path, "articles")["article"].tolist() == ["a", "b"]  # parts sorted by article
    [part] = files.table_parts(tmp_path, "articles")
    assert part.path.is_file() and part.masked == frozenset()
    manifest = _manifest(tmp_path)
    assert manifest["tables"]["articles"][0]["rows"] == 2
    assert manifest["tables"]["quotes"] == []  # no rows, no part


def test_masked_articles_are_not_part_of_the_version(tmp_path: Path) -> None:
    files.write_tables(tmp_path, {"articles": _articles("a", "b", "c")})
    [entry] = files.read_manifest(tmp_path, files.current_version(tmp_path) or "").parts("articles")
    with files.writer_lock(tmp_path):
        files.commit(
            tmp_path, {"articles": [dataclasses.replace(entry, masked=frozenset({"b"}))]}, staged=None, parent=None
        )
    assert files.read_table(tmp_path, "articles")["article"].tolist() == ["a", "c"]
    assert files.read_table(tmp_path, "articles", columns=["article"])["article"].tolist() == ["a", "c"]
    assert files.table_parts(tmp_path, "articles")[0].masked == frozenset({"b"})


@pytest.mark.parametrize("fail_at", ["write_part", "manifest"])
def test_a_crash_while_writing_leaves_the_previous_tables_readable(tmp_path: Path, monkeypatch, fail_at) -> None:
    files.write_tables(tmp_path, {"articles": _articles("old")})
    before = files.current_version(tmp_path)

    def crash(*args, **kwargs):  # noqa: ANN002, ANN003
        raise OSError("disk full")

    if fail_at == "write_part":
        monkeypatch.setattr(files.pq, "write_table", crash)
    else:
        monkeypatch.setattr(files, "_atomic_write", crash)
    with pytest.raises(OSError):
        files.write_tables(tmp_path, {"articles": _articles("new")})
    monkeypatch.undo()
    assert files.current_version(tmp_path) == before
    assert files.read_table(tmp_path, "articles")["article"].tolist() == ["old"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".staging")]
    files.write_tables(tmp_path, {"articles": _articles("next")})  # orphans of the crash are collected
    named = {e["path"] for t in _manifest(tmp_path)["tables"].values() for e in t}
    on_disk = {p.relative_to(tmp_path).as_posix() for p in (tmp_path / "parts").glob("*/*.parquet")}
    kept = {e.path for v in files.list_versions(tmp_path) for e in files.read_manifest(tmp_path, v).all_parts()}
    assert named <= on_disk == kept


def test_old_versions_are_collected_and_kept_parts_survive(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(files.settings, "KEEP_VERSIONS", 2)
    for name in ("a", "b", "c", "d"):
        files.write_tables(tmp_path, {"articles": _articles(name)})
    versions = files.list_versions(tmp_path)
    assert len(versions) == 2
    for version in versions:
        assert files.version_problem(tmp_path, version) is None
    assert len(list((tmp_path / "parts").glob("*/*.parquet"))) == 2
    assert files.read_table(tmp_path, "articles")["article"].tolist() == ["d"]


def test_folders_and_files_are_readable_by_other_users(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        files.write_tables(tmp_path / "store", {"articles": _articles("a")})
    finally:
        os.umask(old)
    store = tmp_path / "store"
    for path in [store, *store.rglob("*")]:
        if path.name.startswith("."):
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (files.DIR_MODE if path.is_dir() else files.FILE_MODE), path


def test_a_damaged_part_is_a_clear_error_and_the_previous_version_is_served(tmp_path: Path) -> None:
    first = files.write_tables(tmp_path, {"articles": _articles("a")})
    files.write_tables(tmp_path, {"articles": _articles("a", "b")})
    [part] = files.table_parts(tmp_path, "articles")
    part.path.write_bytes(b"not parquet")
    with pytest.raises(files.StoreError, match="articles"):
        files.read_table(tmp_path, "articles")
    version, notice = files.readable_version(tmp_path)
    assert version == first
    assert notice and "damaged" in notice and "\n" not in notice
    assert files.read_table(tmp_path, "articles", version)["article"].tolist() == ["a"]


def test_a_damaged_manifest_is_skipped(tmp_path: Path) -> None:
    first = files.write_tables(tmp_path, {"articles": _articles("a")})
    second = files.write_tables(tmp_path, {"articles": _articles("b")})
    files.manifest_path(tmp_path, second).write_text("{not json", encoding="utf-8")
    assert files.current_version(tmp_path) == second
    assert files.readable_version(tmp_path)[0] == first
    salvaged = files.salvage(tmp_path)
    assert salvaged.damaged and salvaged.manifest is not None and salvaged.manifest.version == first


def test_a_manifest_cannot_name_files_outside_the_store(tmp_path: Path) -> None:
    version = files.write_tables(tmp_path, {"articles": _articles("a")})
    path = files.manifest_path(tmp_path, version)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["tables"]["articles"][0]["path"] = "../../etc/passwd"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(files.StoreError, match="leaves the build folder"):
        files.table_parts(tmp_path, "articles")


def test_tables_of_an_older_schema_count_as_not_built(tmp_path: Path) -> None:
    version = files.write_tables(tmp_path, {"articles": _articles("a")})
    path = files.manifest_path(tmp_path, version)
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data | {"schema": "older"}), encoding="utf-8")
    assert files.current_version(tmp_path) is None
    assert len(files.read_table(tmp_path, "articles")) == 0


def _aged(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_stale_staging_of_a_crashed_build_is_removed_but_not_a_live_one(tmp_path: Path) -> None:
    crashed = tmp_path / ".staging-crashed"
    (crashed / "parts").mkdir(parents=True)
    young = tmp_path / ".staging-young"
    young.mkdir()
    live = tmp_path / ".staging-live"
    live.mkdir()
    with (live / files.STAGING_LOCK).open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        _aged(crashed, 3600)
        _aged(live, 3600)
        removed = files.remove_stale_staging(tmp_path, grace_seconds=60)
        assert removed == [crashed]
        assert live.is_dir() and young.is_dir()
    files.write_tables(tmp_path, {"articles": _articles("a")})  # the next build: its lock is gone
    assert not live.exists() and young.is_dir()


def test_articles_in_reads_only_what_it_needs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(files.settings, "PART_ROW_GROUP_ROWS", 2)
    files.write_tables(tmp_path, {"articles": _articles(*"abcdef")})
    [part] = files.table_parts(tmp_path, "articles")
    assert files.articles_in(part.path, {"b", "e", "z"}) == {"b", "e"}
    assert files.articles_in(part.path, set()) == set()
