"""``python -m dashboard compact``: merge every table's parts into one, masked rows dropped.

Many small builds leave many parts and long masked lists; compaction writes a new
version whose every table is a single part, sorted by ``article`` (rows of one article
in their original order), through DuckDB so a table larger than memory is sorted on
disk. The old parts stay until garbage collection drops the versions that name them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import settings
from dashboard.store.files import (
    FILE_MODE,
    PartEntry,
    StoreError,
    commit,
    current_version,
    make_dir,
    new_group,
    salvage,
    staging,
    writer_lock,
)
from dashboard.store.schema import TABLES


@dataclass(frozen=True)
class CompactSummary:
    version: str | None
    parts_before: int
    parts_after: int

    def describe(self) -> str:
        if self.version is None:
            return "nothing to compact: no tables have been built"
        return f"compacted {self.parts_before} part(s) into {self.parts_after}; tables version {self.version}"


def compact(build_dir: Path | None = None) -> CompactSummary:
    build_dir = build_dir or settings.BUILD_DIR
    with writer_lock(build_dir), staging(build_dir) as stage:
        base = salvage(build_dir)
        if base.manifest is None:
            return CompactSummary(None, 0, 0)
        if base.damaged:
            raise StoreError(f"{build_dir}: the tables are damaged; run `python -m dashboard build` first")
        manifest = base.manifest
        group = new_group("c")
        tables: dict[str, list[PartEntry]] = {}
        for table in TABLES:
            entries = manifest.parts(table)
            if not entries:
                tables[table] = []
                continue
            target = stage.path / "parts" / table / f"{group}.parquet"
            make_dir(target.parent)
            rows = _merge_with_duckdb(build_dir, entries, target, sort="article" in _columns(table))
            if rows == 0:
                target.unlink(missing_ok=True)
                tables[table] = []
                continue
            entry = _entry_for(stage.path, table, group, target, rows)
            tables[table] = [entry]
        before = sum(len(e) for e in manifest.tables.values())
        version = commit(build_dir, tables, staged=stage.path, parent=current_version(build_dir))
        return CompactSummary(version, before, sum(len(e) for e in tables.values()))


def _columns(table: str) -> list[str]:
    return [c.name for c in TABLES[table]]


def _merge_with_duckdb(build_dir: Path, entries: tuple[PartEntry, ...], target: Path, *, sort: bool) -> int:
    """Union of the parts minus masked rows, written sorted to ``target``; returns rows."""
    import duckdb

    con = duckdb.connect()
    try:
        masks = pd.DataFrame(
            [(index, article) for index, e in enumerate(entries) for article in sorted(e.masked)],
            columns=["part", "article"],
        )
        con.register("masks", masks.astype({"part": "int64", "article": "string"}))
        selects = []
        for index, entry in enumerate(entries):
            path = str(build_dir / entry.path).replace("'", "''")
            selects.append(
                f"SELECT *, {index} AS _part FROM read_parquet('{path}', file_row_number = true)"  # noqa: S608
            )
        union = " UNION ALL ".join(selects)
        columns = ", ".join(f'"{c}"' for c in _columns_of(entries, build_dir))
        anti = "WHERE NOT EXISTS (SELECT 1 FROM masks m WHERE m.part = u._part AND m.article = u.article)"
        order = "ORDER BY article, _part, file_row_number" if sort else "ORDER BY _part, file_row_number"
        query = f"SELECT {columns} FROM ({union}) u {anti if sort else ''} {order}"  # noqa: S608
        out = str(target).replace("'", "''")
        con.execute(
            f"COPY ({query}) TO '{out}' (FORMAT parquet, ROW_GROUP_SIZE {settings.PART_ROW_GROUP_ROWS})"  # noqa: S608
        )
        (rows,) = con.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone() or (0,)  # noqa: S608
        return int(rows)
    finally:
        con.close()


def _columns_of(entries: tuple[PartEntry, ...], build_dir: Path) -> list[str]:
    import pyarrow.parquet as pq

    return list(pq.read_schema(build_dir / entries[0].path).names)


def _entry_for(staged: Path, table: str, group: str, target: Path, rows: int) -> PartEntry:
    """Describe a merged part for the manifest (DuckDB keeps every column's type)."""
    import duckdb
    import pyarrow.parquet as pq

    articles = 0
    if "article" in pq.read_schema(target).names:
        path = str(target).replace("'", "''")
        with duckdb.connect() as con:
            query = f"SELECT count(DISTINCT article) FROM read_parquet('{path}')"  # noqa: S608
            (articles,) = con.execute(query).fetchone() or (0,)
    os.chmod(target, FILE_MODE)
    return PartEntry(target.relative_to(staged).as_posix(), group, rows, int(articles), target.stat().st_size)
