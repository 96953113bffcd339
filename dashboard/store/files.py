"""The on-disk store: immutable Parquet parts, one small manifest per version.

Layout of the build folder::

    build/tables/
        CURRENT                          name of the version readers use (replaced atomically)
        manifests/v20261202T120000123456.json
                                         one per version: the parts of every table and the
                                         articles each part no longer holds (masked)
        parts/<table>/<group>.parquet    rows of the articles one build (or one Dask task)
                                         parsed, sorted by ``article``; never rewritten
        .staging-<id>/                   a build in progress: its parts before the commit
        .writer.lock

A build writes only the rows of the articles it parsed, as new parts (one per table) in
its staging folder. Under the writer lock it then moves them into ``parts/``, writes a
new manifest that names the previous version's parts plus the new ones, with every
rebuilt article masked in the older parts, and replaces ``CURRENT``. A crash at any
point leaves the current manifest and every part it names untouched. Parts are shared
by versions; garbage collection keeps the last ``settings.KEEP_VERSIONS`` manifests and
every part one of them names.

Manifest (JSON)::

    {"format": 1, "version": "v…", "parent": "v…" | null, "created": "2026-12-02T12:00:00+00:00",
     "schema": "<fingerprint of every table's columns>",
     "tables": {"quotes": [{"path": "parts/quotes/<group>.parquet", "group": "<group>",
                            "rows": 812, "articles": 40, "bytes": 50211,
                            "masked": ["article-id", …]}, …], …}}

Readers take, for each table, the union of its parts minus the rows whose ``article``
is masked in that part (:func:`table_parts` is the whole read contract).
"""

from __future__ import annotations

import bisect
import errno
import fcntl
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dashboard import settings
from dashboard.errors import DashboardError
from dashboard.store.schema import LIST, TABLES, conform, empty

FORMAT = 1
POINTER = "CURRENT"
LOCK = ".writer.lock"
MANIFESTS = "manifests"
PARTS = "parts"
STAGING_PREFIX = ".staging-"
STAGING_LOCK = ".lock"
DIR_MODE = 0o755
FILE_MODE = 0o644


class StoreError(DashboardError):
    """The tables on disk cannot be read."""


def schema_fingerprint() -> str:
    """A short hash of every table's columns and dtypes, stored with each version."""
    described = repr({table: [(c.name, c.dtype) for c in columns] for table, columns in TABLES.items()})
    return hashlib.sha256(described.encode("utf-8")).hexdigest()[:16]


# -- manifests ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartEntry:
    """One part as a manifest names it; ``path`` is relative to the build folder."""

    path: str
    group: str
    rows: int
    articles: int
    bytes: int
    masked: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "group": self.group,
            "rows": self.rows,
            "articles": self.articles,
            "bytes": self.bytes,
            "masked": sorted(self.masked),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PartEntry:
        path = str(data["path"])
        if Path(path).is_absolute() or ".." in Path(path).parts:
            raise ValueError(f"part path {path!r} leaves the build folder")
        return cls(
            path=path,
            group=str(data["group"]),
            rows=int(data["rows"]),
            articles=int(data["articles"]),
            bytes=int(data["bytes"]),
            masked=frozenset(str(a) for a in data.get("masked", ())),
        )


@dataclass(frozen=True)
class Manifest:
    version: str
    parent: str | None
    created: str
    schema: str
    tables: dict[str, tuple[PartEntry, ...]] = field(default_factory=dict)

    def parts(self, table: str) -> tuple[PartEntry, ...]:
        return self.tables.get(table, ())

    def all_parts(self) -> Iterator[PartEntry]:
        for entries in self.tables.values():
            yield from entries

    def groups(self) -> set[str]:
        return {entry.group for entry in self.all_parts()}

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
            "parent": self.parent,
            "created": self.created,
            "schema": self.schema,
            "tables": {table: [e.to_json() for e in self.parts(table)] for table in TABLES},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Manifest:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown manifest format {data.get('format')!r}")
        tables = {str(t): tuple(PartEntry.from_json(e) for e in entries) for t, entries in data["tables"].items()}
        return cls(
            version=str(data["version"]),
            parent=None if data.get("parent") is None else str(data["parent"]),
            created=str(data["created"]),
            schema=str(data["schema"]),
            tables=tables,
        )


def manifest_path(build_dir: Path, version: str) -> Path:
    return build_dir / MANIFESTS / f"{version}.json"


_MANIFEST_CACHE: dict[Path, tuple[tuple[int, int], Manifest]] = {}


def read_manifest(build_dir: Path, version: str) -> Manifest:
    """The manifest of a version; StoreError naming the file if it is missing or damaged."""
    path = manifest_path(build_dir, version)
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = _MANIFEST_CACHE.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
        manifest = Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise StoreError(f"{path}: the manifest of version {version} is missing") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise StoreError(f"{path}: the manifest is damaged ({error})") from None
    if len(_MANIFEST_CACHE) > 16:
        _MANIFEST_CACHE.clear()
    _MANIFEST_CACHE[path] = (stamp, manifest)
    return manifest


def list_versions(build_dir: Path) -> list[str]:
    """Every version that has a manifest file, oldest first."""
    folder = build_dir / MANIFESTS
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("v*.json"))


def _pointer(build_dir: Path) -> str | None:
    try:
        return (build_dir / POINTER).read_text(encoding="utf-8").strip() or None
    except (FileNotFoundError, NotADirectoryError):
        return None


def current_version(build_dir: Path) -> str | None:
    """Name of the version readers should use, or None before the first build.

    Tables written by an older schema (or the older folder-per-version layout) count as
    not built, so the next build rebuilds every article. A version whose manifest is
    damaged is still returned: :func:`readable_version` says what to serve instead.
    """
    name = _pointer(build_dir)
    if name is None or not manifest_path(build_dir, name).is_file():
        return None
    try:
        manifest = read_manifest(build_dir, name)
    except StoreError:
        return name
    return name if manifest.schema == schema_fingerprint() else None


# -- the read contract --------------------------------------------------------------------------


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
    manifest = read_manifest(build_dir, version)
    return [TablePart(build_dir / e.path, e.masked) for e in manifest.parts(table)]


def read_part(
    part: TablePart, table: str, *, columns: list[str] | None = None, dictionary: list[str] | None = None
) -> pa.Table:
    """The rows of one part that belong to the version (masked articles left out);
    ``dictionary`` columns are read dictionary-encoded (cheap for repeated values)."""
    wanted = columns if columns is None or not part.masked or "article" in columns else [*columns, "article"]
    try:
        data = pq.read_table(part.path, columns=wanted, read_dictionary=dictionary)
    except Exception as error:  # pyarrow raises many types for a damaged file
        raise StoreError(f"{part.path}: cannot read the table part ({error})") from None
    if part.masked:
        article = data["article"]
        masked = pa.array(sorted(part.masked), pa.string())
        if not pa.types.is_dictionary(article.type):
            masked = masked.cast(article.type)
        keep = pc.invert(pc.is_in(article, value_set=masked))
        data = data.filter(keep)
    if columns is not None and wanted != columns:
        data = data.select(columns)
    return data


def read_table(
    build_dir: Path, table: str, version: str | None = None, *, columns: list[str] | None = None
) -> pd.DataFrame:
    """One table of the current (or given) version, through its parts; empty with the
    schema if not built. ``columns`` reads only those columns (schema dtypes kept)."""
    parts = table_parts(build_dir, table, version)
    frames = [read_part(part, table, columns=columns).to_pandas() for part in parts]
    frames = [f for f in frames if len(f)]
    if columns is None:
        return conform(pd.concat(frames, ignore_index=True), table) if frames else empty(table)
    blank = empty(table)[columns]
    frame = pd.concat(frames, ignore_index=True) if frames else blank
    return _cast(frame, table, columns)


def _cast(frame: pd.DataFrame, table: str, columns: list[str]) -> pd.DataFrame:
    dtypes = {c.name: c.dtype for c in TABLES[table]}
    out = frame.loc[:, columns].copy()
    for name in columns:
        if dtypes[name] != LIST:
            out[name] = out[name].astype(dtypes[name])
    return out.reset_index(drop=True)


def read_tables(build_dir: Path, version: str | None = None) -> dict[str, pd.DataFrame]:
    version = version or current_version(build_dir)
    return {table: read_table(build_dir, table, version) for table in TABLES}


# -- damage ---------------------------------------------------------------------------------------

_FOOTERS: dict[tuple[Path, int, int], str | None] = {}


def part_problem(build_dir: Path, entry: PartEntry) -> str | None:
    """Why a part cannot be read (missing, wrong size, no Parquet footer, wrong row
    count), or None. Footer checks are cached by file size and modification time."""
    path = build_dir / entry.path
    try:
        stat = path.stat()
    except OSError:
        return f"{path}: the table part is missing"
    if stat.st_size != entry.bytes:
        return f"{path}: the table part is damaged ({stat.st_size} bytes, the manifest says {entry.bytes})"
    key = (path, stat.st_size, stat.st_mtime_ns)
    if key not in _FOOTERS:
        try:
            rows = pq.read_metadata(path).num_rows
            _FOOTERS[key] = None if rows == entry.rows else f"{path}: the table part is damaged (row count)"
        except Exception as error:  # pyarrow raises many types for a damaged file
            _FOOTERS[key] = f"{path}: the table part is damaged ({error})"
        if len(_FOOTERS) > 100_000:
            _FOOTERS.clear()
    return _FOOTERS.get(key)


def version_problem(build_dir: Path, version: str) -> str | None:
    """The first reason a version cannot be read, or None when every part looks whole."""
    try:
        manifest = read_manifest(build_dir, version)
    except StoreError as error:
        return str(error)
    if manifest.schema != schema_fingerprint():
        return f"{manifest_path(build_dir, version)}: written by an older schema"
    for entry in manifest.all_parts():
        problem = part_problem(build_dir, entry)
        if problem:
            return problem
    return None


def readable_version(build_dir: Path) -> tuple[str | None, str | None]:
    """The version to serve and a one-line notice when it is not the current one.

    When the current version is damaged (a part or its manifest cannot be read), the
    newest earlier version that is whole is served, with a notice saying so; (None,
    notice) when none is. (None, None) before the first build.
    """
    current = current_version(build_dir)
    if current is None:
        return None, None
    problem = version_problem(build_dir, current)
    if problem is None:
        return current, None
    for version in reversed([v for v in list_versions(build_dir) if v < current]):
        if version_problem(build_dir, version) is None:
            return version, (
                f"The current tables are damaged ({problem}); showing the previous good version "
                f"{version}. Run `python -m dashboard build` to repair them."
            )
    return None, (
        f"The current tables are damaged ({problem}) and no earlier version is whole. "
        "Run `python -m dashboard build` to repair them."
    )


@dataclass(frozen=True)
class Salvaged:
    """What a build starts from: the newest readable manifest with damaged groups dropped."""

    manifest: Manifest | None
    notes: tuple[str, ...] = ()
    damaged: bool = False


def salvage(build_dir: Path) -> Salvaged:
    """The base of the next version. A damaged manifest is skipped for the newest earlier
    readable one; a group (the parts of one build or task) with a damaged part is dropped
    whole, so the build re-parses its articles."""
    notes: list[str] = []
    current = current_version(build_dir)
    if current is None:
        return Salvaged(None)
    candidates = [current, *reversed([v for v in list_versions(build_dir) if v < current])]
    for version in candidates:
        try:
            manifest = read_manifest(build_dir, version)
        except StoreError as error:
            notes.append(str(error))
            continue
        if manifest.schema != schema_fingerprint():
            break
        bad_groups: set[str] = set()
        for entry in manifest.all_parts():
            problem = part_problem(build_dir, entry)
            if problem:
                notes.append(problem)
                bad_groups.add(entry.group)
        if bad_groups:
            tables = {t: tuple(e for e in es if e.group not in bad_groups) for t, es in manifest.tables.items()}
            manifest = replace(manifest, tables=tables)
            notes.append(f"dropped {len(bad_groups)} damaged part group(s) of version {version}; re-parsing")
        return Salvaged(manifest, tuple(notes), damaged=bool(notes))
    return Salvaged(None, tuple(notes), damaged=bool(notes))


# -- writing ------------------------------------------------------------------------------------


@contextmanager
def writer_lock(build_dir: Path) -> Iterator[None]:
    """Hold the build folder's writer lock: one read-merge-write at a time.

    Readers never need it (they follow ``CURRENT``); two builds (the app adding an
    article while a command-line build runs) take turns instead of losing rows.
    """
    make_dir(build_dir)
    with (build_dir / LOCK).open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def make_dir(path: Path) -> None:
    """Create a folder (and missing parents) readable by other users, whatever the umask."""
    missing = []
    while not path.is_dir():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True)
        os.chmod(folder, DIR_MODE)


def new_group(prefix: str = "b") -> str:
    """A unique name for the parts of one build (or one task attempt)."""
    return f"{prefix}{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:12]}"


def write_part(staging_dir: Path, table: str, group: str, frame: pd.DataFrame) -> PartEntry | None:
    """Write one table's rows as a part in a staging folder (sorted by article, moderate
    row groups); None when there are no rows."""
    if frame.empty:
        return None
    frame = conform(frame, table)
    if "article" in frame.columns:
        frame = frame.sort_values("article", kind="stable", ignore_index=True)
    relative = f"{PARTS}/{table}/{group}.parquet"
    path = staging_dir / relative
    make_dir(path.parent)
    data = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(data, path, row_group_size=settings.PART_ROW_GROUP_ROWS)
    os.chmod(path, FILE_MODE)
    articles = frame["article"].nunique() if "article" in frame.columns else 0
    return PartEntry(relative, group, len(frame), int(articles), path.stat().st_size)


@dataclass
class Staging:
    """A build's private folder for parts before the commit, locked while it lives."""

    path: Path
    _handle: Any = None

    def write(self, table: str, group: str, frame: pd.DataFrame) -> PartEntry | None:
        return write_part(self.path, table, group, frame)


@contextmanager
def staging(build_dir: Path) -> Iterator[Staging]:
    """A new ``.staging-*`` folder, locked (so no other build removes it) and removed at
    the end; stale ones of crashed builds are removed first."""
    make_dir(build_dir)
    remove_stale_staging(build_dir)
    path = build_dir / f"{STAGING_PREFIX}{uuid.uuid4().hex[:16]}"
    path.mkdir(mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    handle = (path / STAGING_LOCK).open("w")
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        yield Staging(path, handle)
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
        shutil.rmtree(path, ignore_errors=True)


def remove_stale_staging(build_dir: Path, *, grace_seconds: float | None = None) -> list[Path]:
    """Remove ``.staging-*`` folders whose build is gone: not locked by a live build and
    older than the grace period (a folder just created may not hold its lock yet)."""
    grace = settings.STAGING_GRACE_SECONDS if grace_seconds is None else grace_seconds
    removed: list[Path] = []
    if not build_dir.is_dir():
        return removed
    for path in build_dir.glob(f"{STAGING_PREFIX}*"):
        try:
            age = time.time() - path.stat().st_mtime
        except OSError:
            continue
        if age < grace or _locked(path / STAGING_LOCK):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _locked(lock: Path) -> bool:
    try:
        handle = lock.open("r")
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES):
                return True
            raise
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def commit(
    build_dir: Path,
    tables: Mapping[str, Iterable[PartEntry]],
    *,
    staged: Path | None,
    parent: str | None,
) -> str:
    """Make a new version of these parts current (call under :func:`writer_lock`).

    Parts not yet in ``parts/`` are moved there from ``staged``; then the manifest is
    written and ``CURRENT`` replaced, both atomically; then old versions are collected.
    """
    version = _new_version_name(build_dir)
    final = {table: tuple(tables.get(table, ())) for table in TABLES}
    for entry in (e for entries in final.values() for e in entries):
        target = build_dir / entry.path
        if target.exists():
            continue
        if staged is None or not (staged / entry.path).is_file():
            raise StoreError(f"{target}: the table part was never written")
        make_dir(target.parent)
        os.replace(staged / entry.path, target)
    manifest = Manifest(
        version=version,
        parent=parent,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        schema=schema_fingerprint(),
        tables=final,
    )
    make_dir(build_dir / MANIFESTS)
    _atomic_write(manifest_path(build_dir, version), json.dumps(manifest.to_json(), indent=1) + "\n")
    _atomic_write(build_dir / POINTER, version + "\n")
    collect_garbage(build_dir)
    return version


def _new_version_name(build_dir: Path) -> str:
    while True:
        version = "v" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        if not manifest_path(build_dir, version).exists() and version > (_pointer(build_dir) or ""):
            return version
        time.sleep(0.001)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, FILE_MODE)
    os.replace(tmp, path)


def collect_garbage(build_dir: Path, *, keep: int | None = None) -> None:
    """Keep the newest ``keep`` manifests (and the current one); delete the others, every
    part none of the kept manifests names, and folders of the older layout."""
    keep = max(1, settings.KEEP_VERSIONS if keep is None else keep)
    versions = list_versions(build_dir)
    current = _pointer(build_dir)
    kept = set(versions[-keep:]) | ({current} if current else set())
    named: set[str] = set()
    for version in kept:
        try:
            named.update(e.path for e in read_manifest(build_dir, version).all_parts())
        except StoreError:
            continue
    for version in versions:
        if version not in kept:
            manifest_path(build_dir, version).unlink(missing_ok=True)
    parts = build_dir / PARTS
    if parts.is_dir():
        for path in parts.glob("*/*.parquet"):
            if path.relative_to(build_dir).as_posix() not in named:
                path.unlink(missing_ok=True)
    for path in build_dir.glob("v*"):
        if path.is_dir() and (path / "schema.txt").exists():  # a version of the older layout
            shutil.rmtree(path, ignore_errors=True)


def write_tables(build_dir: Path, tables: dict[str, pd.DataFrame]) -> str:
    """Write complete tables as a new version (every table one new part) and make it
    current; returns its name. Builds append instead (see ``build.py``)."""
    with writer_lock(build_dir), staging(build_dir) as stage:
        group = new_group("w")
        entries = {}
        for table in TABLES:
            entry = stage.write(table, group, tables.get(table, empty(table)))
            entries[table] = [entry] if entry else []
        return commit(build_dir, entries, staged=stage.path, parent=_pointer(build_dir))


def articles_in(path: Path, wanted: set[str]) -> set[str]:
    """Which of ``wanted`` articles have rows in a part, reading only the ``article``
    column of row groups whose statistics can hold them."""
    if not wanted:
        return set()
    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises many types for a damaged file
        raise StoreError(f"{path}: cannot read the table part ({error})") from None
    column = parquet.schema_arrow.get_field_index("article")
    ordered = sorted(wanted)
    groups: list[int] = []
    for index in range(parquet.metadata.num_row_groups):
        stats = parquet.metadata.row_group(index).column(column).statistics
        if stats is None or not stats.has_min_max:
            groups.append(index)
            continue
        first = bisect.bisect_left(ordered, stats.min)
        if first < len(ordered) and ordered[first] <= stats.max:
            groups.append(index)
    found: set[str] = set()
    for index in groups:
        values = parquet.read_row_group(index, columns=["article"])["article"]
        found.update(a for a in pc.unique(values).to_pylist() if a in wanted)
    return found
