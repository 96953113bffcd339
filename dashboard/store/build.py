"""Article files → tables on disk, incrementally and append-only.

An article is parsed again only when its content hash changed. The rows of the articles
a build parsed become new parts (one per table); every other article's rows stay in the
parts that already hold them, and a rebuilt article is masked in its older parts (see
``files.py``). One bad article never stops a build: its problem goes into the
``failures`` table and the build goes on.

Corpus-wide actor keys (``actors.key``, see ``actor_keys.py``) depend on every PERSON
name in the corpus. Parts are written with each row's own name key; at the commit the
build reads the ``name``/``type``/``key`` columns of the PERSON rows of the version,
recomputes the one-word-surname links, and rewrites only the actors rows of the
articles whose key changed, as one small extra actors part (masked in their old part).
So the stored ``key`` is always right for the whole version and readers need no join.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from spacy.tokens import Doc

from dashboard import settings
from dashboard.articles import Article, article_id_for, read_article
from dashboard.corrections.apply import apply_to_tables
from dashboard.corrections.records import Correction
from dashboard.corrections.service import records_for_build
from dashboard.errors import ArticleError
from dashboard.extract import ArticleTables, extract_tables
from dashboard.extract.records import FailureRecord
from dashboard.store.actor_keys import name_keys
from dashboard.store.files import (
    Manifest,
    PartEntry,
    Salvaged,
    Staging,
    TablePart,
    commit,
    current_version,
    new_group,
    read_part,
    salvage,
    staging,
    write_part,
    writer_lock,
)
from dashboard.store.new_version import mask_articles, part_path, relink_actors
from dashboard.store.schema import TABLES, conform, empty

# progress(done, total, article id)
Progress = Callable[[int, int, str], None]

# Tables with one or more rows per article, keyed by the ``article`` column.
ARTICLE_TABLES = tuple(f.name for f in fields(ArticleTables))


@dataclass(frozen=True)
class BuildSummary:
    built: tuple[str, ...]
    unchanged: tuple[str, ...]
    failures: tuple[FailureRecord, ...]
    version: str
    seconds: float
    words: int
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # metadata values left out (the articles were built without them)

    def describe(self) -> str:
        rate = self.words / self.seconds if self.seconds and self.words else 0.0
        return (
            f"built {len(self.built)} article(s), {len(self.unchanged)} unchanged, "
            f"{len(self.failures)} failed, in {self.seconds:.1f} s "
            f"({self.words:,} words parsed, {rate:,.0f} words/s); tables version {self.version}"
            + "".join(f"\nrepaired: {note}" for note in self.notes)
        )


def find_article_files(paths: Iterable[Path]) -> list[Path]:
    """Files to build: the given files, and article files inside given folders (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and p.suffix.lower() in settings.ARTICLE_SUFFIXES and not p.name.startswith(".")
                )
            )
        else:
            found.append(path)
    return found


@dataclass
class Parsed:
    """What the parsing step handed to the commit: new parts (per group, per table)."""

    groups: list[dict[str, PartEntry]] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failures: list[FailureRecord] = field(default_factory=list)
    words: int = 0


def build(
    paths: Sequence[Path],
    *,
    build_dir: Path | None = None,
    n_process: int = 1,
    progress: Progress | None = None,
    force: bool = False,
    engine: str = "process",
    scheduler: str | None = None,
    workers: int | None = None,
    corrections: Sequence[Correction] | None = None,
) -> BuildSummary:
    """Build (or update) the tables from article files and folders.

    Editors' ``corrections`` are applied to the rows written (default: the log in
    ``DASHBOARD_DB_URL`` or the SQLite file next to the build folder); the loaders apply
    the log again when they read, so a correction made after a build shows at once.

    ``engine="process"`` parses here (``n_process`` processes for ``nlp.pipe``);
    ``engine="dask"`` on a Dask cluster (``scheduler`` address, or a local cluster of
    ``workers`` processes), see ``dask_build.py``.
    """
    started = time.perf_counter()
    build_dir = build_dir or settings.BUILD_DIR
    files = find_article_files(paths)
    base = salvage(build_dir)
    when = datetime.now(UTC).isoformat(timespec="seconds")

    if engine not in ("process", "dask"):
        raise ValueError(f"unknown build engine {engine!r} (process or dask)")
    known = _known(build_dir, base.manifest, {article_id_for(path) for path in files})
    log = records_for_build(build_dir) if corrections is None else corrections
    with staging(build_dir) as stage:
        if engine == "dask":  # the workers read the files too: the driver only lists them
            from dashboard.store.dask_build import parse_on_dask

            parsed = parse_on_dask(
                [str(p) for p in files],
                stage.path,
                known={} if force else known,
                when=when,
                scheduler=scheduler,
                workers=workers,
                progress=progress,
                corrections=log,
            )
            failures: list[FailureRecord] = []
            warnings: list[str] = []
        else:
            to_parse, unchanged, failures, warnings = _read_changed(files, {} if force else known, when)
            parsed = _parse_here(to_parse, stage, n_process=n_process, when=when, progress=progress, corrections=log)
            parsed.unchanged = unchanged
        failures.extend(parsed.failures)
        with writer_lock(build_dir):
            # Read again under the lock: another build may have landed while we parsed.
            base = salvage(build_dir)
            version = current_version(build_dir)
            if parsed.built or failures or version is None or base.damaged:
                version = _commit(build_dir, stage.path, base, parsed, failures, attempted={str(p) for p in files})
    return BuildSummary(
        built=tuple(parsed.built),
        unchanged=tuple(parsed.unchanged),
        failures=tuple(failures),
        version=version,
        seconds=time.perf_counter() - started,
        words=parsed.words,
        notes=base.notes,
        warnings=tuple(warnings),
    )


def _read_changed(
    files: list[Path], known: dict[str, tuple[str, str]], when: str
) -> tuple[list[Article], list[str], list[FailureRecord], list[str]]:
    """Read the files; those whose content or path changed since ``known`` are to parse
    (with the metadata warnings of every file read)."""
    to_parse: list[Article] = []
    unchanged: list[str] = []
    failures: list[FailureRecord] = []
    warnings: list[str] = []
    for path in files:
        try:
            article = read_article(path)
        except ArticleError as error:
            failures.append(FailureRecord(str(path), article_id_for(path), error.problem, when))
            continue
        warnings.extend(article.warnings)
        if known.get(article.id) == (article.content_hash, article.path):
            unchanged.append(article.id)
        else:
            to_parse.append(article)
    return to_parse, unchanged, failures, warnings


def _known(build_dir: Path, manifest: Manifest | None, ids: set[str]) -> dict[str, tuple[str, str]]:
    """article → (content hash, path) of these articles in a version (only their rows are
    materialised, so adding one article to a large store reads little)."""
    if manifest is None or not ids:
        return {}
    wanted = pa.array(sorted(ids), pa.string())
    known = {}
    for entry in manifest.parts("articles"):
        data = read_part(
            TablePart(build_dir / entry.path, entry.masked), "articles", columns=["article", "content_hash", "path"]
        )
        data = data.filter(pc.is_in(data["article"], value_set=wanted.cast(data["article"].type)))
        for article, content_hash, path in zip(
            *(data[c].to_pylist() for c in ("article", "content_hash", "path")), strict=True
        ):
            known[article] = (content_hash, path)
    return known


def _parse_here(
    articles: list[Article],
    stage: Staging,
    *,
    n_process: int,
    when: str,
    progress: Progress | None,
    corrections: Sequence[Correction] = (),
) -> Parsed:
    new = _NewRows()
    parsed = Parsed()
    total = len(articles)
    for done, (article, outcome) in enumerate(_parse_all(articles, n_process=n_process), start=1):
        if isinstance(outcome, ArticleTables):
            new.add(outcome)
        else:
            parsed.failures.append(FailureRecord(article.path, article.id, outcome, when))
        if progress:
            progress(done, total, article.id)
    parsed.groups.append(new.write(stage.path, new_group("b"), corrections=corrections))
    parsed.built = new.articles
    parsed.words = new.words
    return parsed


class _NewRows:
    """Rows of the articles parsed by this build. Records become DataFrames every ``CHUNK``
    articles, so a large build never holds millions of record objects at once."""

    CHUNK = 500

    def __init__(self) -> None:
        self.articles: list[str] = []
        self.words = 0
        self._pending: list[ArticleTables] = []
        self._frames: dict[str, list[pd.DataFrame]] = {table: [] for table in ARTICLE_TABLES}

    def add(self, tables: ArticleTables) -> None:
        self.articles.append(tables.articles[0].article)
        self.words += tables.articles[0].words
        self._pending.append(tables)
        if len(self._pending) >= self.CHUNK:
            self._flush()

    def table(self, table: str) -> pd.DataFrame:
        self._flush()
        return _stack(*self._frames[table], table=table)

    def write(self, staging_dir: Path, group: str, *, corrections: Sequence[Correction] = ()) -> dict[str, PartEntry]:
        """Write every table's new rows as one part each (tables without rows: none),
        with editors' corrections applied (before actor keys: a rename changes the key)."""
        frames, _ = apply_to_tables({table: self.table(table) for table in ARTICLE_TABLES}, corrections)
        entries = {}
        for table in ARTICLE_TABLES:
            frame = frames[table]
            if table == "actors":
                frame = frame.assign(key=name_keys(frame["name"]).astype("string"))
            entry = write_part(staging_dir, table, group, frame)
            if entry:
                entries[table] = entry
        return entries

    def _flush(self) -> None:
        if self._pending:
            for table in ARTICLE_TABLES:
                self._frames[table].append(_frame((r for t in self._pending for r in getattr(t, table)), table))
            self._pending = []


def _parse_all(articles: list[Article], *, n_process: int) -> Iterator[tuple[Article, ArticleTables | str]]:
    """Parse with one nlp.pipe over all articles; if the pipe breaks, the articles it did
    not deliver are parsed one at a time so that only the culprit fails."""
    from dashboard.nlp.pipeline import is_long, load_pipeline, parse_text

    nlp = load_pipeline()
    long = [a for a in articles if is_long(a.text)]  # parsed in pieces, as extract does
    articles = [a for a in articles if not is_long(a.text)]
    delivered = 0
    processes = n_process if len(articles) > 1 else 1
    try:
        docs = nlp.pipe((a.text for a in articles), n_process=processes, batch_size=settings.PIPE_BATCH_SIZE)
        for article, doc in zip(articles, docs, strict=False):
            delivered += 1
            yield article, _extract(doc, article)
    except Exception:  # noqa: S110 - handled below, article by article
        pass
    for article in articles[delivered:]:
        try:
            doc = nlp(article.text)
        except Exception as error:
            yield article, _problem(error)
            continue
        yield article, _extract(doc, article)
    for article in long:
        try:
            doc = parse_text(article.text, n_process=n_process)
        except Exception as error:
            yield article, _problem(error)
            continue
        yield article, _extract(doc, article)


def _extract(doc: Doc, article: Article) -> ArticleTables | str:
    try:
        return extract_tables(doc, article)
    except Exception as error:
        return _problem(error)


def _problem(error: Exception) -> str:
    return f"could not be analysed ({type(error).__name__}: {error})"


def _frame(records: Iterable[object], table: str) -> pd.DataFrame:
    rows = [vars(r) for r in records]  # flat records of plain values: no deep copy needed
    return conform(pd.DataFrame(rows), table) if rows else empty(table)


def _stack(*frames: pd.DataFrame, table: str) -> pd.DataFrame:
    parts = [frame for frame in frames if len(frame)]
    return conform(pd.concat(parts, ignore_index=True), table) if parts else empty(table)


def _commit(
    build_dir: Path,
    staged: Path,
    base: Salvaged,
    parsed: Parsed,
    failures: list[FailureRecord],
    *,
    attempted: set[str],
) -> str:
    """The base version's parts with rebuilt articles masked, plus the new parts; actor
    keys relinked; failures of this run replace old ones. Returns the new version.

    An article that fails now keeps its last good rows (the failure is recorded).
    """
    rebuilt = set(parsed.built)
    manifest = base.manifest
    tables: dict[str, list[PartEntry]] = {t: list(manifest.parts(t)) if manifest else [] for t in TABLES}
    for table in ARTICLE_TABLES:
        tables[table] = mask_articles(build_dir, staged, tables[table], rebuilt)
        tables[table].extend(group[table] for group in parsed.groups if table in group)
    tables["actors"] = relink_actors(build_dir, staged, tables["actors"])
    tables["failures"] = _failures(build_dir, staged, tables["failures"], failures, attempted, rebuilt)
    return commit(build_dir, tables, staged=staged, parent=current_version(build_dir))


def _read_entries(
    build_dir: Path, staged: Path | None, entries: Iterable[PartEntry], table: str, columns: list[str] | None = None
) -> pd.DataFrame:
    frames = [
        read_part(TablePart(part_path(build_dir, staged, e), e.masked), table, columns=columns).to_pandas()
        for e in entries
    ]
    frames = [f for f in frames if len(f)]
    blank = empty(table) if columns is None else empty(table)[columns]
    return pd.concat(frames, ignore_index=True) if frames else blank


def _failures(
    build_dir: Path,
    staged: Path,
    entries: list[PartEntry],
    failures: list[FailureRecord],
    attempted: set[str],
    rebuilt: set[str],
) -> list[PartEntry]:
    """The failures table is small: rewritten whole when it changes."""
    old = _read_entries(build_dir, staged, entries, "failures")
    kept = old[~old["path"].isin(attempted) & ~old["article"].isin(rebuilt)]
    if not failures and len(kept) == len(old):
        return entries
    merged = _stack(kept, _frame(failures, "failures"), table="failures")
    new = write_part(staged, "failures", new_group("f"), merged)
    return [new] if new else []
