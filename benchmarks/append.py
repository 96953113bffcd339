"""Benchmark: add one article to a large store, as a user would (a fresh command).

    python -m benchmarks.append STORE [--article data/articles/biden-putin-summit.txt]

Runs ``python -m dashboard build ARTICLE --out STORE`` in a new process, so loading
spaCy and the parse are counted, and prints the wall time (goal for a 100,000-article
store: <= 10 s in all) and the CPU time it used (on a busy shared machine the wall time
mostly measures waiting for a core), how many part files were written, and checks that no existing
part file was rewritten (same inode and modification time). Make STORE with
``benchmarks.replicate``. The article is copied under a fresh name, so it is new to
the store every run.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from dashboard import settings
from dashboard.store.files import current_version, read_manifest


def _parts(store: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (store / "parts").glob("*/*.parquet")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--article", type=Path, default=settings.ARTICLES_DIR / f"{settings.DEFAULT_ARTICLE}.txt")
    args = parser.parse_args()
    version = current_version(args.store)
    if version is None:
        print(f"error: {args.store}: no built tables", file=sys.stderr)
        return 2
    articles = sum(e.rows for e in read_manifest(args.store, version).parts("articles"))
    before = _parts(args.store)
    with tempfile.TemporaryDirectory() as tmp:
        new = Path(tmp) / f"added-{uuid.uuid4().hex[:8]}.txt"
        shutil.copy(args.article, new)
        started = time.perf_counter()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(
            [sys.executable, "-m", "dashboard", "build", str(new), "--out", str(args.store)],
            capture_output=True,
            text=True,
            env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)},
            check=False,
        )
        seconds = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    after = _parts(args.store)
    rewritten = [p for p, stamp in before.items() if p in after and after[p] != stamp]
    print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "(no output)")
    print(
        f"added 1 article to a {articles:,}-article store in {seconds:.1f} s in all (goal <= 10 s), "
        f"{cpu:.1f} s of CPU (what an idle machine would take); "
        f"{len(set(after) - set(before))} new part file(s), {len(rewritten)} existing part(s) rewritten, "
        f"exit {done.returncode}"
    )
    return 0 if done.returncode == 0 and not rewritten else 1


if __name__ == "__main__":
    sys.exit(main())
