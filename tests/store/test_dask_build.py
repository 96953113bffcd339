"""Builds on a Dask cluster give exactly the in-process tables, even when a worker dies."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from dashboard import settings
from dashboard.corrections.records import speaker_change
from dashboard.store.build import build, find_article_files
from dashboard.store.dask_build import batches
from dashboard.store.files import read_tables
from dashboard.store.schema import LIST, TABLES

pytestmark = pytest.mark.model


def _sorted(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    out = {}
    for table, frame in tables.items():
        keys = [c.name for c in TABLES[table] if c.dtype != LIST and c.name != "when"]
        out[table] = frame.drop(columns=["when"], errors="ignore").sort_values(keys, ignore_index=True)
    return out


def _assert_same(one: dict[str, pd.DataFrame], two: dict[str, pd.DataFrame]) -> None:
    left, right = _sorted(one), _sorted(two)
    for table in TABLES:
        assert len(left[table]) == len(right[table]), table
        assert left[table].equals(right[table]), table


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for path in settings.ARTICLES_DIR.iterdir():
        shutil.copy(path, folder / path.name)
    return folder


def _subset(corpus: Path, folder: Path, n: int) -> tuple[Path, list[Path]]:
    """The first ``n`` articles of the corpus (with their metadata) in ``folder``."""
    folder.mkdir()
    chosen = find_article_files([corpus])[:n]
    for path in chosen:
        shutil.copy(path, folder / path.name)
        sidecar = path.with_name(path.stem + settings.METADATA_SUFFIX)
        if sidecar.exists():
            shutil.copy(sidecar, folder / sidecar.name)
    return folder, chosen


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0") as cluster:
        yield cluster


@pytest.mark.parametrize(
    ("n", "workers", "sizes"),
    [(0, 2, []), (1, 2, [1]), (16, 2, [1] * 16), (17, 2, [2] * 8 + [1]), (2000, 2, [125] * 16), (9000, 2, [200] * 45)],
)
def test_batches_cover_every_article_once(n: int, workers: int, sizes: list[int]) -> None:
    items = [str(i) for i in range(n)]
    made = batches(items, workers)
    assert [len(b) for b in made] == sizes
    assert [i for b in made for i in b] == items


def test_a_dask_build_gives_the_in_process_tables(corpus: Path, cluster, tmp_path: Path) -> None:  # noqa: ANN001
    here = build([corpus], build_dir=tmp_path / "here")
    there = build([corpus], build_dir=tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert len(here.built) > 10 and sorted(there.built) == sorted(here.built)
    assert there.words == here.words
    _assert_same(read_tables(tmp_path / "here"), read_tables(tmp_path / "dask"))
    again = build([corpus], build_dir=tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert again.built == () and sorted(again.unchanged) == sorted(here.built)
    assert again.version == there.version  # nothing changed: no new version


def test_a_worker_killed_mid_build_loses_and_duplicates_nothing(corpus: Path, cluster, tmp_path: Path) -> None:  # noqa: ANN001
    from distributed import Client

    subset, chosen = _subset(corpus, tmp_path / "subset", 6)
    killed: list[int] = []
    with Client(cluster) as client:
        before = set(client.run(os.getpid).values())

        def kill_a_busy_worker(done: int, total: int, article: str) -> None:
            if killed:
                return
            busy = [address for address, keys in client.processing().items() if keys]
            if busy:
                pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        there = build(
            [subset],
            build_dir=tmp_path / "dask",
            engine="dask",
            scheduler=cluster.scheduler_address,
            progress=kill_a_busy_worker,
        )
        assert killed and killed[0] in before
        client.wait_for_workers(2, timeout=120)
        assert killed[0] not in set(client.run(os.getpid).values())
    here = build([subset], build_dir=tmp_path / "here")
    assert sorted(there.built) == sorted(here.built) and len(here.built) == len(chosen)
    _assert_same(read_tables(tmp_path / "here"), read_tables(tmp_path / "dask"))


def test_a_dask_build_applies_the_editors_corrections(corpus: Path, cluster, tmp_path: Path) -> None:  # noqa: ANN001
    subset, _ = _subset(corpus, tmp_path / "subset", 4)
    build([subset], build_dir=tmp_path / "plain", corrections=[])
    plain = read_tables(tmp_path / "plain")
    row = plain["quotes"][plain["quotes"]["speaker"].notna()].iloc[0]
    content_hash = str(plain["articles"].set_index("article").loc[row["article"], "content_hash"])
    record = speaker_change(row, content_hash=content_hash, speaker="Ann Other", speaker_id=None, by="ed")

    build([subset], build_dir=tmp_path / "here", corrections=[record])
    address = cluster.scheduler_address
    build([subset], build_dir=tmp_path / "dask", engine="dask", scheduler=address, corrections=[record])
    quotes = read_tables(tmp_path / "dask")["quotes"].set_index(["article", "quote_id"])
    fixed = quotes.loc[(row["article"], row["quote_id"])]
    assert fixed["speaker"] == "Ann Other" and fixed["corrected"].startswith("corrected by ed on ")
    assert (quotes["corrected"] != "").sum() == 1
    _assert_same(read_tables(tmp_path / "here"), read_tables(tmp_path / "dask"))
