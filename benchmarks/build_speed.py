"""Benchmark: our build vs plain spaCy ``nlp.pipe`` over the Wikinews CSV corpus.

    python -m benchmarks.build_speed [--csv data/corpus/wikinews_2019.csv ...] [--repeat 1]

Imports the 295 Wikinews articles into a temporary folder, then, in this one process:
  1. plain nlp.pipe of the trained model over the same texts (the baseline),
  2. our full build (read files, our pipeline, extraction, Parquet) with n_process=1,
  3. our full build with n_process=2.
Prints words/second for each and the ratios (goals: 2/1 >= 0.9, 3/2 >= 1.7).
Figures, not assertions: machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import spacy

from dashboard import settings
from dashboard.articles import read_article
from dashboard.articles.from_csv import import_csv
from dashboard.nlp.pipeline import load_pipeline, model_name
from dashboard.store.build import build, find_article_files

CSV_FILES = [settings.DATA_DIR / "corpus" / "wikinews_2019.csv", settings.DATA_DIR / "corpus" / "wikinews_2020.csv"]


def plain_pipe(texts: list[str], words: int) -> float:
    nlp = spacy.load(model_name())
    list(nlp.pipe(texts[:5]))  # warm-up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.PIPE_BATCH_SIZE):
        pass
    return words / (time.perf_counter() - started)


def our_build(folder: Path, words: int, *, n_process: int) -> float:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        summary = build([folder], build_dir=Path(out), n_process=n_process, force=True)
        seconds = time.perf_counter() - started
    if summary.failures:
        print(f"  ({len(summary.failures)} articles failed)", file=sys.stderr)
    return words / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", nargs="+", type=Path, default=CSV_FILES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        for source in args.csv:
            list(import_csv(source, folder))
        articles = [read_article(p) for p in find_article_files([folder])]  # import skips bad rows
        texts = [a.text for a in articles]
        words = sum(a.word_count for a in articles)
        print(f"corpus: {len(articles)} articles, {words:,} words; model {model_name()}")
        load_pipeline()(texts[0])  # warm-up: load our pipeline once, outside the timings

        baseline = plain_pipe(texts, words)
        print(f"plain nlp.pipe (n_process=1):  {baseline:8,.0f} words/s")
        ours1 = our_build(folder, words, n_process=1)
        print(f"our build      (n_process=1):  {ours1:8,.0f} words/s")
        print(f"  ratio our build / plain nlp.pipe:        {ours1 / baseline:.2f}  (goal >= 0.90)")
        ours2 = our_build(folder, words, n_process=2)
        print(f"our build      (n_process=2):  {ours2:8,.0f} words/s")
        print(f"  ratio 2 processes / 1 process:           {ours2 / ours1:.2f}  (goal >= 1.70)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
