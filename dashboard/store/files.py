"""Reading and writing the Parquet tables, atomically.

Layout of the build folder::

    build/tables/
        CURRENT                 name of the version readers should use (replaced atomically)
        v20261130T120000123456/ one folder per build: <table>.parquet for every table

A build writes a complete new version folder, then replaces ``CURRENT`` with
``os.replace`` — so a crash mid-build leaves the previous tables readable — and finally
removes versions older than the previous one.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from dashboard.errors import DashboardError
from dashboard.store.schema import TABLES, conform, empty

POINTER = "CURRENT"
LOCK = ".writer.lock"
FINGERPRINT = "schema.txt"
KEEP_VERSIONS = 2


class StoreError(DashboardError):
    """The tables on disk cannot be read."""


def schema_fingerprint() -> str:
    """A short hash of every table's columns and dtypes, stored with each version."""
    described = repr({table: [(c.name, c.dtype) for c in columns] for table, columns in TABLES.items()})
    return hashlib.sha256(described.encode("utf-8")).hexdigest()[:16]


def current_version(build_dir: Path) -> str | None:
    """Name of the version folder readers should use, or None before the first build.

    Tables written by an older schema count as not built, so the next build (from the
    command line or the app's first start) rebuilds every article.
    """
    pointer = build_dir / POINTER
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    fingerprint = build_dir / name / FINGERPRINT if name else None
    if fingerprint is None or not fingerprint.is_file():
        return None
    return name if fingerprint.read_text(encoding="utf-8").strip() == schema_fingerprint() else None


@dataclass(frozen=True)
class TablePart:
    """One Parquet file that holds rows of a table in a version.

    Rows whose ``article`` is in ``masked`` are not part of the version (the article was
    replaced by a newer part, or deleted). Tables without an ``article`` column are never
    masked. This is the store's whole read contract: readers (pandas, DuckDB) take the
    union of a table's parts minus their masked articles.
    """

    path: Path
    masked: frozenset[str] = frozenset()


def table_parts(build_dir: Path, table: str, version: str | None = None) -> list[TablePart]:
    """The Parquet parts of one table in the current (or given) version; [] if not built."""
    version = version or current_version(build_dir)
    if version is None:
        return []
    path = build_dir / version / f"{table}.parquet"
    return [TablePart(path)] if path.is_file() else []


def read_table(build_dir: Path, table: str, version: str | None = None) -> pd.DataFrame:
    """One table of the current (or given) version; empty with the schema if not built."""
    version = version or current_version(build_dir)
    if version is None:
        return empty(table)
    path = build_dir / version / f"{table}.parquet"
    if not path.is_file():
        return empty(table)
    try:
        frame = pd.read_parquet(path)
    except Exception as error:  # pyarrow raises many types for a damaged file
        raise StoreError(f"{path}: cannot read the table ({error})") from None
    return conform(frame, table)


def read_tables(build_dir: Path, version: str | None = None) -> dict[str, pd.DataFrame]:
    version = version or current_version(build_dir)
    return {table: read_table(build_dir, table, version) for table in TABLES}


@contextmanager
def writer_lock(build_dir: Path) -> Iterator[None]:
    """Hold the build folder's writer lock: one read-merge-write at a time.

    Readers never need it (they follow ``CURRENT``); two builds (the app adding an
    article while a command-line build runs) take turns instead of losing rows.
    """
    build_dir.mkdir(parents=True, exist_ok=True)
    with (build_dir / LOCK).open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_tables(build_dir: Path, tables: dict[str, pd.DataFrame]) -> str:
    """Write a complete new version and make it current; returns its name."""
    build_dir.mkdir(parents=True, exist_ok=True)
    version = "v" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=build_dir))
    try:
        for table in TABLES:
            frame = conform(tables.get(table, empty(table)), table)
            frame.to_parquet(staging / f"{table}.parquet", index=False)
        (staging / FINGERPRINT).write_text(schema_fingerprint() + "\n", encoding="utf-8")
        staging.rename(build_dir / version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pointer_tmp = build_dir / f".{POINTER}.tmp"
    pointer_tmp.write_text(version + "\n", encoding="utf-8")
    os.replace(pointer_tmp, build_dir / POINTER)
    _prune(build_dir, keep=version)
    return version


def _prune(build_dir: Path, *, keep: str) -> None:
    versions = sorted(p for p in build_dir.iterdir() if p.is_dir() and p.name.startswith("v"))
    old = [p for p in versions if p.name != keep][: -(KEEP_VERSIONS - 1) or None]
    for path in old:
        shutil.rmtree(path, ignore_errors=True)
