"""Parse articles on a Dask cluster: each worker writes its own parts, the driver commits.

The driver (``build(..., engine="dask")``) splits the articles to parse into batches and
maps :func:`parse_batch` over them. Each worker loads the spaCy pipeline once (a worker
plugin, so a worker that joins later loads it too), parses its batch with the same code
as the in-process build, and writes one part per table into the build's staging folder
under a name unique to that task *attempt*. The driver names in the manifest only the
parts of the attempts whose results it received: when a worker dies mid-task the
scheduler runs the task again elsewhere, and the dead attempt's files (if any) are never
named, so no row is lost or duplicated. The staging folder, with any such leftovers, is
removed after the commit.

On a real cluster every worker must see the corpus and the build folder at the same
paths as the driver (a shared file system), and have this package installed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from dashboard.articles import article_id_for
from dashboard.corrections.records import Correction
from dashboard.errors import DashboardError
from dashboard.extract import ArticleTables
from dashboard.extract.records import FailureRecord
from dashboard.store.files import PartEntry, new_group

DEFAULT_WORKERS = 2
CONNECT_TIMEOUT = "10s"
MAX_BATCH = 200  # articles per task: small enough to rebalance, large enough to amortise


@dataclass(frozen=True)
class BatchResult:
    """What one task attempt hands back to the driver (plain values only)."""

    parts: dict[str, PartEntry]
    built: list[str]
    unchanged: list[str]
    failures: list[FailureRecord]
    words: int


def parse_batch(
    paths: Sequence[str],
    staging_dir: str,
    when: str,
    known: dict[str, tuple[str, str]],
    corrections: Sequence[Correction] = (),
) -> BatchResult:
    """Runs on a worker: read the batch's files, parse those that changed since ``known``
    (article → content hash, path) and write their parts with the editors' ``corrections``
    of these articles applied."""
    from dashboard.store.build import _NewRows, _parse_all, _read_changed

    articles, unchanged, failures, _warnings = _read_changed([Path(p) for p in paths], known, when)
    new = _NewRows()
    for article, outcome in _parse_all(articles, n_process=1):
        if isinstance(outcome, ArticleTables):
            new.add(outcome)
        else:
            failures.append(FailureRecord(article.path, article.id, outcome, when))
    parts = new.write(Path(staging_dir), new_group("d"), corrections=corrections)  # group: unique per attempt
    return BatchResult(parts=parts, built=new.articles, unchanged=unchanged, failures=failures, words=new.words)


def _of_batch(corrections: Sequence[Correction], chunk: Sequence[str]) -> list[Correction]:
    ids = set(map(_article_id, chunk))
    return [r for r in corrections if r.article in ids]


def batches(items: Sequence[str], workers: int, *, max_batch: int = MAX_BATCH) -> list[list[str]]:
    """About eight batches per worker (so the last batches end together and a slow or
    dead worker's share is rebalanced), never more than ``max_batch`` items each."""
    if not items:
        return []
    size = max(1, min(max_batch, math.ceil(len(items) / (8 * max(1, workers)))))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _article_id(path: str) -> str:
    return article_id_for(Path(path))


class LoadPipeline(WorkerPlugin):
    """Worker plugin: load the pipeline once when a worker starts (or joins later)."""

    name = "dashboard-pipeline"

    def setup(self, worker: Any) -> None:
        from dashboard.nlp.pipeline import load_pipeline

        load_pipeline()


@contextmanager
def client_for(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a new local cluster of ``workers``
    single-threaded worker processes (closed at the end)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            raise DashboardError(f"{scheduler}: cannot reach the Dask scheduler ({error})") from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or DEFAULT_WORKERS,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def parse_on_dask(
    paths: list[str],
    staging_dir: Path,
    *,
    known: dict[str, tuple[str, str]],
    when: str,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Any = None,
    corrections: Sequence[Correction] = (),
) -> Any:
    """Read and parse the files at ``paths`` on the cluster (skipping those unchanged since
    ``known``); returns the build's ``Parsed`` (parts by group)."""
    from distributed import as_completed

    from dashboard.store.build import Parsed

    parsed = Parsed()
    if not paths:
        return parsed
    total = len(paths)
    done = 0
    with client_for(scheduler, workers) as client:
        client.register_plugin(LoadPipeline())
        n_workers = len(client.scheduler_info().get("workers", {})) or workers or DEFAULT_WORKERS
        chunks = batches(paths, n_workers)
        futures = [
            client.submit(
                parse_batch,
                chunk,
                str(staging_dir),
                when,
                {i: known[i] for i in map(_article_id, chunk) if i in known},
                _of_batch(corrections, chunk),
                pure=False,
                retries=2,
            )
            for chunk in chunks
        ]
        for future in as_completed(futures):
            result: BatchResult = future.result()
            parsed.groups.append(result.parts)
            parsed.built.extend(result.built)
            parsed.unchanged.extend(result.unchanged)
            parsed.failures.extend(result.failures)
            parsed.words += result.words
            for article in result.built + result.unchanged + [f.article for f in result.failures]:
                done += 1
                if progress:
                    progress(done, total, article)
    return parsed
