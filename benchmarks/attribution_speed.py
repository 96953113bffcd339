"""Benchmark: quote attribution cost against input size (it must grow linearly).

    python -m benchmarks.attribution_speed [--scales 1 4 16] [--stress]

Part 1 — for a news-like text (paragraphs of quotes in the usual styles: attribution after,
before, inverted, split, carried over, partial, reported speech; 1× ≈ 1,000 words) at 1×, 4×, 16×, in
one process: the parse by the rest of the pipeline is done first, then the quote_finder
component alone is timed (best of 3). Prints milliseconds per 1,000 words for each size
and the ratio to the 1× figure (linear ⇒ ratios near 1.0; quadratic ⇒ ratios near 4 and 16).

Part 2 (``--stress``) — the two inputs the issue names, written to a temporary folder and
run through what ``python -m dashboard extract FILE`` does (read, full pipeline, records,
JSON; a text this long is parsed in pieces on two processes, ``parse_text``): a file holding
50,000 quotation marks and a paragraph of 8,000 short quotes (both under the reader's 1 MB
limit). Prints seconds for each (goal ≤ 10 s), the CPU seconds of all processes (the wall
figure on a shared machine depends on what else runs) and, for reference, plain ``nlp`` of
the trained model on the same text in one process. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc

from dashboard.articles import read_article
from dashboard.extract import extract_tables
from dashboard.extract.json_lines import article_json
from dashboard.nlp.pipeline import load_pipeline, model_name, parse_text

UNIT = """Council approves new bridge after long debate

"The bridge will be finished by spring," Mayor Ann Lee said on Monday. "We have waited long enough."

Lee said the council had found the money. Critics called the plan "a waste of public money" and "reckless".

Tom Baker, who leads the opposition, gave a different account: "Nobody told us about the cost."

"It is a good day," said Maria Lopez, a local shopkeeper. "My customers will come back," she added.

According to the engineers, the old crossing is "no longer safe". The so-called "fast track" plan was dropped.

"We will keep asking questions," Baker told reporters. He said the vote was rushed and warned that costs would rise.
"""


BASE_REPEATS = 8  # 1× = the unit 8 times (~1,000 words): long enough to time on a busy machine


def finder_seconds(doc: Doc, repeat: int = 3) -> float:
    """Best of ``repeat`` runs of the quote_finder component alone on a parsed Doc."""
    finder = load_pipeline().get_pipe("quote_finder")
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        finder(doc)
        best = min(best, time.perf_counter() - started)
    return best


def scaling(scales: list[int]) -> None:
    nlp = load_pipeline()
    others = [name for name in nlp.pipe_names if name not in ("quote_finder", "topic_matcher")]
    print(f"model {model_name()}; quote_finder time per 1,000 words (best of 3)")
    base = None
    for scale in scales:
        text = "\n\n".join([UNIT.strip()] * (BASE_REPEATS * scale))
        words = len(text.split())
        with nlp.select_pipes(enable=others):
            doc = nlp(text)
        seconds = finder_seconds(doc)
        per_k = 1000 * seconds / words * 1000  # ms per 1,000 words
        base = base or per_k
        print(f"  {scale:>3}×  {words:>7,} words  {len(doc._.quotes or []):>6} quotes  "
              f"{per_k:8.2f} ms/1,000 words   ratio to 1×: {per_k / base:5.2f}")


def stress_texts() -> dict[str, str]:
    """The two inputs of the issue, each under the reader's 1 MB limit."""
    # 50,000 quotation marks: one sentence listing 25,000 one-word quotes (the worst case for
    # a rule that walks the sentence of each quote)
    marks = "Ann Lee listed " + " ".join(f'"w{i}"' for i in range(25_000)) + "."
    short = " ".join(f'"Yes {i}," Ann Lee said.' for i in range(8_000))  # 8,000 short quotes, one paragraph
    return {"50,000 quotation marks": "Marks\n\n" + marks, "8,000 short quotes in one paragraph": "Short\n\n" + short}


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the parse's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def stress() -> None:
    load_pipeline()
    plain = spacy.load(model_name())
    with tempfile.TemporaryDirectory() as tmp:
        for number, (name, text) in enumerate(stress_texts().items()):
            path = Path(tmp) / f"stress{number}.txt"
            path.write_text(text, encoding="utf-8")
            started, cpu = time.perf_counter(), _cpu()
            article = read_article(path)
            tables = extract_tables(parse_text(article.text), article)
            json.dumps(article_json(tables), ensure_ascii=False)
            seconds, cpu = time.perf_counter() - started, _cpu() - cpu
            started = time.perf_counter()
            plain(article.text)
            baseline = time.perf_counter() - started
            print(f"  extract {name}: {path.stat().st_size / 1e6:.2f} MB, {len(tables.quotes):,} rows, "
                  f"{seconds:6.2f} s (goal <= 10 s; {cpu:.2f} s CPU in all processes); "
                  f"plain nlp on the same text {baseline:6.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scales", nargs="+", type=int, default=[1, 4, 16])
    parser.add_argument("--stress", action="store_true", help="also time extract on the two stress files")
    args = parser.parse_args()
    scaling(args.scales)
    if args.stress:
        stress()
    return 0


if __name__ == "__main__":
    sys.exit(main())
