"""Benchmark: our build vs plain spaCy ``nlp.pipe`` over the Wikinews CSV corpus.

    python -m benchmarks.build_speed [--csv data/corpus/wikinews_2019.csv ...] [--repeat 3]

Imports the ~295 Wikinews articles into a temporary folder, then, in this one process and
in alternating rounds (so that load on a shared machine hits all three alike):
  1. plain nlp.pipe of the trained model over the same texts (the baseline),
  2. our full build (read files, our pipeline, extraction, Parquet) with n_process=1,
  3. our full build with n_process=2.
Prints words/second of the best round of each and the ratios (goals: 2/1 >= 0.9,
3/2 >= 1.7), and, for reference, plain nlp.pipe with n_process=2 (the machine's ceiling).
Figures, not assertions: machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.language import Language

from dashboard import settings
from dashboard.articles import read_article
from dashboard.articles.from_csv import import_csv
from dashboard.nlp.pipeline import load_pipeline, model_name
from dashboard.store.build import build, find_article_files

CSV_FILES = [settings.DATA_DIR / "corpus" / "wikinews_2019.csv", settings.DATA_DIR / "corpus" / "wikinews_2020.csv"]


def plain_pipe(nlp: Language, texts: list[str], *, n_process: int) -> float:
    """Seconds for plain nlp.pipe over the texts."""
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.PIPE_BATCH_SIZE, n_process=n_process):
        pass
    return time.perf_counter() - started


def our_build(folder: Path, *, n_process: int) -> float:
    """Seconds for a full build of the folder (forced: every article parsed)."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        summary = build([folder], build_dir=Path(out), n_process=n_process, force=True)
        seconds = time.perf_counter() - started
    if summary.failures:
        print(f"  ({len(summary.failures)} articles failed)", file=sys.stderr)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", nargs="+", type=Path, default=CSV_FILES)
    parser.add_argument("--repeat", type=int, default=3, help="alternating rounds; the best of each is kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        for source in args.csv:
            list(import_csv(source, folder))
        articles = [read_article(p) for p in find_article_files([folder])]  # import skips bad rows
        texts = [a.text for a in articles]
        words = sum(a.word_count for a in articles)
        print(f"corpus: {len(articles)} articles, {words:,} words; model {model_name()}; best of {args.repeat}")
        plain = spacy.load(model_name())
        list(plain.pipe(texts[:5]))  # warm-up, outside the timings
        load_pipeline()(texts[0])

        runs: dict[str, Callable[[], float]] = {
            "plain nlp.pipe (n_process=1)": lambda: plain_pipe(plain, texts, n_process=1),
            "our build      (n_process=1)": lambda: our_build(folder, n_process=1),
            "our build      (n_process=2)": lambda: our_build(folder, n_process=2),
            "plain nlp.pipe (n_process=2)": lambda: plain_pipe(plain, texts, n_process=2),
        }
        best = {name: float("inf") for name in runs}
        for _ in range(args.repeat):
            for name, run in runs.items():
                best[name] = min(best[name], run())
        rate = {name: words / seconds for name, seconds in best.items()}
        for name, value in rate.items():
            print(f"{name}:  {value:8,.0f} words/s")
        plain1, ours1, ours2, plain2 = rate.values()
        print(f"  ratio our build / plain nlp.pipe:        {ours1 / plain1:.2f}  (goal >= 0.90)")
        print(f"  ratio our build 2 processes / 1 process: {ours2 / ours1:.2f}  (goal >= 1.70)")
        print(f"  for reference, plain 2 / 1 processes:    {plain2 / plain1:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
