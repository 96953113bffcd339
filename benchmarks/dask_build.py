"""Benchmark: a build on a local Dask cluster vs the in-process build, same corpus, same run.

    python -m benchmarks.dask_build [--csv data/corpus/wikinews_2019.csv ...] [--workers 2]
                                    [--articles 10000] [--rounds 2] [--keep DIR]

Imports the Wikinews CSV articles into a temporary folder (``--articles N``: then renamed
copies of them up to N files, as ``corpus_scale`` makes its 10,000), then builds them (every
article parsed) in this one process: in-process with ``--n-process WORKERS`` and with
``--engine dask`` on a new local cluster of WORKERS single-threaded processes (its start,
and each worker loading the pipeline, count in its time), in ABBA order over
``--rounds`` pairs so load on a shared machine hits both alike. Prints words/s of every
run, the ratio of the best of each (goal >= 0.95) and the per-worker throughput that
README's cluster estimate uses. ``--keep DIR`` keeps the in-process store (a source for ``benchmarks.replicate``).
Figures, not assertions: machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus_scale import replicate
from dashboard import settings
from dashboard.articles.from_csv import import_csv
from dashboard.store.build import BuildSummary, build

CSV_FILES = [settings.DATA_DIR / "corpus" / "wikinews_2019.csv", settings.DATA_DIR / "corpus" / "wikinews_2020.csv"]


def timed(label: str, run: object) -> tuple[BuildSummary, float]:
    started = time.perf_counter()
    summary: BuildSummary = run()  # type: ignore[operator]
    seconds = time.perf_counter() - started
    rate = summary.words / seconds
    print(
        f"{label:<34} {len(summary.built):>5} articles {summary.words:>9,} words {seconds:>7.1f} s "
        f"{rate:>8,.0f} words/s",
        flush=True,
    )
    return summary, rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", nargs="+", type=Path, default=CSV_FILES)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="pairs of runs, in ABBA order")
    parser.add_argument("--keep", type=Path, default=None, help="keep the in-process store here")
    parser.add_argument("--articles", type=int, default=None, help="renamed copies up to this many files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        for csv in args.csv:
            rows = list(import_csv(csv, folder))
            print(f"imported {sum(not r.problem for r in rows)} articles from {csv.name}", file=sys.stderr)
        if args.articles:
            imported = folder
            folder = Path(tmp) / "replicated"
            replicate(imported, folder, args.articles)
            print(f"replicated them into {args.articles} article files", file=sys.stderr)
        n = args.workers
        here_dir = Path(tmp) / "here"
        rates: dict[str, list[float]] = {"here": [], "dask": []}

        def here() -> BuildSummary:
            shutil.rmtree(here_dir, ignore_errors=True)
            return build([folder], build_dir=here_dir, n_process=n)

        def there() -> BuildSummary:
            with tempfile.TemporaryDirectory() as out:
                return build([folder], build_dir=Path(out), engine="dask", workers=n)

        runs = {"here": (f"in-process, --n-process {n}", here), "dask": (f"Dask local cluster, {n} workers", there)}
        for round_ in range(args.rounds):
            for kind in ("here", "dask") if round_ % 2 == 0 else ("dask", "here"):
                label, run = runs[kind]
                rates[kind].append(timed(label, run)[1])
        here, there = max(rates["here"]), max(rates["dask"])
        print(f"Dask / in-process words/s, best of each: {there / here:.2f} (goal >= 0.95)")
        print(f"per-worker throughput on Dask: {there / n:,.0f} words/s")
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(here_dir, args.keep)
            print(f"kept the in-process store in {args.keep}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
