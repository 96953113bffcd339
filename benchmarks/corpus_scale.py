"""Benchmark: does the build scale to a newsroom corpus, and does the app keep up?

    python -m benchmarks.corpus_scale [--articles 10000] [--keep DIR] [--no-app]

1. Imports the Wikinews CSV corpus (data/corpus/*.csv, ~295 articles) and builds it
   (n_process=1): the baseline time.
2. Replicates it to --articles files (renamed copies) and builds them with n_process=1
   and, into a fresh folder, with n_process=2: build time, words/s, their ratio, and the
   linearity figure  time(N) / (N/base × time(base))  (goal <= 1.1).
3. Prints the total size and rows of every table.
4. Unless --no-app: starts the dashboard server on the big tables, opens the quote
   explorer across all articles in Debian chromium, and prints the server's resident
   memory and the time from a speaker-filter change to the updated table
   (benchmarks/app_timing.py does the browser part).
Figures only, no assertions: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from dashboard import settings
from dashboard.articles.from_csv import import_csv
from dashboard.store.build import build
from dashboard.store.files import current_version, read_tables, table_parts

CSV_FILES = sorted((settings.DATA_DIR / "corpus").glob("*.csv"))


def replicate(base: Path, target: Path, count: int) -> None:
    """``count`` article files: copies of the base articles (and sidecars) under new ids."""
    target.mkdir(parents=True, exist_ok=True)
    originals = sorted(base.glob("*.txt"))
    for i in range(count):
        source = originals[i % len(originals)]
        name = f"{i:05d}-{source.stem}"
        shutil.copyfile(source, target / f"{name}.txt")
        sidecar = source.with_name(source.stem + settings.METADATA_SUFFIX)
        if sidecar.exists():
            shutil.copyfile(sidecar, target / f"{name}{settings.METADATA_SUFFIX}")


def timed_build(folder: Path, out: Path, *, n_process: int) -> tuple[float, int]:
    started = time.perf_counter()
    summary = build([folder], build_dir=out, n_process=n_process, force=True)
    return time.perf_counter() - started, summary.words


def table_sizes(out: Path) -> None:
    version = current_version(out)
    assert version is not None
    total = 0
    tables = read_tables(out)
    for name, frame in tables.items():
        size = sum(part.path.stat().st_size for part in table_parts(out, name, version))
        total += size
        print(f"  {name:<15} {len(frame):>10,} rows  {size / 1e6:8.2f} MB on disk")
    print(f"  {'total':<15} {'':>10}       {total / 1e6:8.2f} MB on disk")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, default=None, help="keep the big build here (for the app figures)")
    parser.add_argument("--no-app", action="store_true", help="skip the app server figures")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base = tmp / "base"
        for source in CSV_FILES:
            list(import_csv(source, base))
        base_count = len(list(base.glob("*.txt")))
        from dashboard.nlp.pipeline import load_pipeline

        load_pipeline()  # load once, outside the timings
        base_time, base_words = timed_build(base, tmp / "base-tables", n_process=1)
        print(f"base corpus: {base_count} articles, {base_words:,} words, {base_time:.1f} s (n_process=1)")

        big = tmp / "big"
        replicate(base, big, args.articles)
        factor = args.articles / base_count
        out1 = args.keep or tmp / "big-tables-1"
        time1, words = timed_build(big, out1, n_process=1)
        print(f"{args.articles:,} articles, {words:,} words")
        print(f"  n_process=1: {time1:8.1f} s  {words / time1:8,.0f} words/s")
        print(f"  linearity: time / ({factor:.1f} x base time) = {time1 / (factor * base_time):.2f}  (goal <= 1.10)")
        time2, _ = timed_build(big, tmp / "big-tables-2", n_process=2)
        print(f"  n_process=2: {time2:8.1f} s  {words / time2:8,.0f} words/s")
        print(f"  ratio n_process=2 / n_process=1: {time1 / time2:.2f}")
        print("tables:")
        table_sizes(out1)
        if not args.no_app:
            from benchmarks.app_timing import measure_app

            measure_app(out1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
