"""Run the pipeline over gold-annotated articles, score it, print the errors and figures.

``python -m dashboard evaluate --gold DIR_OR_FILES --articles DIR [--strict] [--json] [--by-rule]``
calls ``main``. Each gold file names its article (``article`` = file name), looked up in
the articles folder. Output: per article, the errors (missed gold quotes, spurious
predictions, wrong speakers), then a table of per-article and total figures; with
``as_json`` the same as one JSON object. Totals are micro-averaged (summed counts).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from spacy.language import Language

from dashboard.articles import Article, read_article
from dashboard.errors import DashboardError
from dashboard.evaluation.gold import GoldArticle, gold_files, load_gold
from dashboard.evaluation.quotes import (
    EMPTY_INDIRECT,
    EMPTY_QUOTES,
    SURNAME,
    Counts,
    IndirectScore,
    PredictedIndirect,
    PredictedQuote,
    QuoteError,
    QuoteScore,
    score_indirect,
    score_quotes,
)
from dashboard.evaluation.rules import figures_by_rule, rules_text
from dashboard.extract import ArticleTables, extract_tables
from dashboard.nlp.quotes.grammar import DOUBLE

try:  # owned by the actors work; optional until it lands
    from dashboard.evaluation.actors import score_actors
except ImportError:  # pragma: no cover - depends on what is installed
    score_actors = None  # type: ignore[assignment]


@dataclass(frozen=True)
class ArticleResult:
    gold_path: str
    article: str
    quotes: QuoteScore
    indirect: IndirectScore
    actors: Any  # ActorScore from dashboard.evaluation.actors, or None
    problems: tuple[str, ...] = ()
    # (gold topic, gold paragraphs, paragraphs where the topic was found) when gold has topics
    topics: tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...] = ()
    # gold with the surname convention (PolNeAR): the same scores over the predicted rows
    # opened by a double quotation mark, the only marks its converter reads
    double_marked: QuoteScore | None = None


def predicted_quotes(tables: ArticleTables) -> list[PredictedQuote]:
    return [PredictedQuote(q.start, q.end, q.text, q.speaker, q.kind, q.rule) for q in tables.quotes
            if q.kind != "indirect"]


def predicted_indirect(tables: ArticleTables) -> list[PredictedIndirect]:
    """Indirect rows, each widened to the sentence(s) it sits in."""
    rows = []
    for q in tables.quotes:
        if q.kind != "indirect":
            continue
        around = [s for s in tables.sentences if s.start < max(q.end, q.start + 1) and s.end > q.start]
        start = min([q.start, *(s.start for s in around)])
        end = max([q.end, *(s.end for s in around)])
        rows.append(PredictedIndirect(start, end, q.text, q.speaker))
    return rows


def predicted_actors(tables: ArticleTables) -> list[dict[str, Any]]:
    return [{"name": a.name, "type": a.type, "aliases": list(a.aliases), "mentions": a.mentions} for a in tables.actors]


def topic_paragraphs(
    gold: GoldArticle, tables: ArticleTables
) -> tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]:
    """Per gold topic: its gold paragraphs and the paragraphs where we found it."""
    found: dict[str, set[int]] = {}
    for mention in tables.topic_mentions:
        found.setdefault(mention.topic, set()).add(mention.paragraph)
    return tuple((name, paragraphs, tuple(sorted(found.get(name, ())))) for name, paragraphs in gold.topics)


def evaluate_article(gold: GoldArticle, article: Article, nlp: Language, *, strict: bool = False) -> ArticleResult:
    """Parse one article and score it against its gold."""
    doc = nlp(article.text)
    tables = extract_tables(doc, article)
    actors = None
    if score_actors is not None:
        actors = score_actors(predicted_actors(tables), [a.as_dict() for a in gold.actors])
    double_marked = None
    if gold.speaker_match == SURNAME:
        double_marked = score_quotes(
            [q for q in predicted_quotes(tables) if opened_by_double_mark(article.source_text, q.start)],
            gold.quotes, article.source_text, actors=gold.actors, strict=strict, speaker_match=gold.speaker_match,
        )
    return ArticleResult(
        gold_path=gold.path,
        article=gold.article,
        quotes=score_quotes(
            predicted_quotes(tables),
            gold.quotes,
            article.source_text,
            actors=gold.actors,
            strict=strict,
            speaker_match=gold.speaker_match,
        ),
        indirect=score_indirect(
            predicted_indirect(tables),
            gold.indirect_quotes,
            article.source_text,
            actors=gold.actors,
        ),
        actors=actors,
        problems=tuple(str(p) for p in (doc._.problems or [])),
        topics=topic_paragraphs(gold, tables),
        double_marked=double_marked,
    )


def opened_by_double_mark(source: str, start: int) -> bool:
    """Whether the quote starting at ``start`` opens with a double quotation mark."""
    before = source[:start].rstrip(" ")
    return bool(before) and before[-1] in DOUBLE


def find_article(name: str, articles_dir: Path) -> Path | None:
    direct = articles_dir / name
    if direct.is_file():
        return direct
    return next(iter(sorted(articles_dir.rglob(name))), None)


def evaluate(
    gold_paths: Sequence[Path], articles_dir: Path, *, strict: bool = False
) -> tuple[list[ArticleResult], list[str]]:
    """Results for every usable gold file, and one line per unusable input."""
    from dashboard.nlp.pipeline import load_pipeline

    results: list[ArticleResult] = []
    problems: list[str] = []
    nlp: Language | None = None
    for path in gold_files(gold_paths):
        try:
            gold = load_gold(path)
            found = find_article(gold.article, articles_dir)
            if found is None:
                problems.append(f"{path}: article {gold.article!r} not found in {articles_dir}")
                continue
            article = read_article(found)
            nlp = nlp or load_pipeline()
        except DashboardError as error:
            problems.append(str(error))
            continue
        results.append(evaluate_article(gold, article, nlp, strict=strict))
    return results, problems


def main(
    gold_paths: list[Path],
    articles_dir: Path,
    *,
    out: TextIO = sys.stdout,
    strict: bool = False,
    as_json: bool = False,
    by_rule: bool = False,
) -> int:
    """Evaluate and print. Exit code 0, or 1 when some input was unusable, 2 when all was."""
    articles_dir = Path(articles_dir)
    files = gold_files(gold_paths)
    if not files:
        print("no gold files found in: " + ", ".join(map(str, gold_paths)), file=out)
        return 2
    if not articles_dir.is_dir():
        print(f"{articles_dir}: no such articles folder", file=out)
        return 2
    results, problems = evaluate(files, articles_dir, strict=strict)
    judged = [j for r in results for j in r.quotes.judged]
    if as_json:
        data = to_json(results, problems, strict=strict)
        if by_rule:
            data["by_rule"] = {
                kind: [asdict(r) for r in figures_by_rule(judged, speaker=kind == "speaker")]
                for kind in ("quote", "speaker")
            }
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(to_text(results, problems, strict=strict))
        if by_rule:
            out.write("\nby rule (worst first; errors = unmatched rows + wrong speakers)\n")
            out.write(rules_text(judged))
    if not results:
        return 2
    return 1 if problems else 0


# --- output ------------------------------------------------------------------------------


def _total_quotes(results: Sequence[ArticleResult]) -> QuoteScore:
    total = EMPTY_QUOTES
    for r in results:
        total = total + QuoteScore(
            r.quotes.loose,
            r.quotes.strict,
            r.quotes.exact,
            r.quotes.speaker_right,
            r.quotes.speaker_total,
            r.quotes.end_to_end,
        )
    return total


def _total_indirect(results: Sequence[ArticleResult]) -> IndirectScore:
    total = EMPTY_INDIRECT
    for r in results:
        total = total + IndirectScore(r.indirect.counts, r.indirect.speaker_right, r.indirect.speaker_total)
    return total


def _total_actors(results: Sequence[ArticleResult]) -> Counts | None:
    scores = [r.actors for r in results if r.actors is not None]
    if not scores:
        return None
    total = Counts()
    for s in scores:
        total = total + Counts(s.tp, s.fp, s.fn)
    return total


def _counts_json(c: Counts) -> dict[str, float]:
    return {
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
        "precision": round(c.precision, 4),
        "recall": round(c.recall, 4),
        "f1": round(c.f1, 4),
    }


def _quotes_json(q: QuoteScore) -> dict[str, Any]:
    return {
        "coverage_30": _counts_json(q.loose),
        "coverage_80": _counts_json(q.strict),
        "exact": _counts_json(q.exact),
        "speaker": {
            "right": q.speaker_right,
            "total": q.speaker_total,
            "accuracy": round(q.speaker_accuracy, 4),
        },
        "end_to_end": _counts_json(q.end_to_end),
    }


def _indirect_json(i: IndirectScore) -> dict[str, Any]:
    return {
        **_counts_json(i.counts),
        "speaker": {
            "right": i.speaker_right,
            "total": i.speaker_total,
            "accuracy": round(i.speaker_accuracy, 4),
        },
    }


def _actors_json(score: Any) -> dict[str, Any] | None:
    if score is None:
        return None
    return _counts_json(Counts(score.tp, score.fp, score.fn))


def _error_json(e: QuoteError) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "text": e.text,
        "start": e.start,
        "predicted_speaker": e.predicted_speaker,
        "gold_speaker": e.gold_speaker,
    }


def to_json(results: Sequence[ArticleResult], problems: Sequence[str], *, strict: bool = False) -> dict[str, Any]:
    actors_total = _total_actors(results)
    return {
        "threshold": 0.8 if strict else 0.3,
        "articles": [
            {
                "article": r.article,
                "gold": r.gold_path,
                "quotes": _quotes_json(r.quotes),
                "indirect": _indirect_json(r.indirect),
                "actors": _actors_json(r.actors),
                "errors": [_error_json(e) for e in r.quotes.errors],
                "indirect_errors": [_error_json(e) for e in r.indirect.errors],
                "actor_errors": [str(e) for e in getattr(r.actors, "errors", ())],
                "problems": list(r.problems),
                "topics": [{"topic": name, "gold": list(gold), "found": list(found)} for name, gold, found in r.topics],
            }
            for r in results
        ],
        "total": {
            "articles": len(results),
            "quotes": _quotes_json(_total_quotes(results)),
            "indirect": _indirect_json(_total_indirect(results)),
            "actors": _counts_json(actors_total) if actors_total else None,
            # surname-convention gold (PolNeAR): the same scores over the rows its converter can see
            "double_marked_quotes": _quotes_json(double) if (double := _double_marked_total(results)) else None,
        },
        "problems": list(problems),
    }


def _double_marked_total(results: Sequence[ArticleResult]) -> QuoteScore | None:
    """The scores over double-marked rows of the surname-convention articles; None when there are none."""
    scored = [replace(r, quotes=r.double_marked) for r in results if r.double_marked is not None]
    return _total_quotes(scored) if scored else None


def _error_line(e: QuoteError) -> str:
    text = f"“{e.text}”"
    if e.kind == "wrong speaker":
        detail = f"predicted {e.predicted_speaker or '(none)'}, gold {e.gold_speaker or '(none)'}"
    elif e.kind == "spurious":
        detail = f"predicted {e.predicted_speaker or '(none)'}"
    else:
        detail = f"gold {e.gold_speaker or '(none)'}"
    return f"    {e.kind:<14} {text:<64} {detail}"


def _prf(c: Counts) -> str:
    return f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"


def _row(name: str, q: QuoteScore, i: IndirectScore, actors: Counts | None) -> str:
    speaker = f"{q.speaker_right}/{q.speaker_total}"
    actor = f"{actors.f1:6.3f}" if actors is not None else "     -"
    return (
        f"{name[:44]:<44} {q.loose.tp + q.loose.fn:>4} {q.loose.tp + q.loose.fp:>4}  "
        f"{_prf(q.loose)}  {q.strict.f1:6.3f} {q.exact.f1:6.3f}  {speaker:>7}  "
        f"{q.end_to_end.f1:6.3f}  {i.counts.f1:6.3f} "
        f"{i.speaker_right:>3}/{i.speaker_total:<3} {actor}"
    )


def to_text(results: Sequence[ArticleResult], problems: Sequence[str], *, strict: bool = False) -> str:
    threshold = "80%" if strict else "30%"
    lines: list[str] = []
    for r in results:
        lines.append(f"== {r.article}   (gold {r.gold_path})")
        lines.extend(_error_line(e) for e in r.quotes.errors)
        if r.indirect.errors:
            lines.append("  indirect:")
            lines.extend(_error_line(e) for e in r.indirect.errors)
        for error in getattr(r.actors, "errors", ()):
            lines.append(f"    actor          {error}")
        lines.extend(f"    problem        {p}" for p in r.problems)
        for name, gold, found in r.topics:
            mark = "ok" if gold == found else "differs"
            lines.append(f"    topic {mark:<8} {name:<24} gold {list(gold)!s:<22} found {list(found)}")
        lines.append("")
    header = (
        f"{'article':<44} {'gold':>4} {'pred':>4}  {'P30':>6} {'R30':>6} {'F30':>6}  "
        f"{'F80':>6} {'Fexact':>6}  {'speaker':>7}  {'e2e F1':>6}  "
        f"{'ind F1':>6} {'spk':>7} {'actF1':>6}"
    )
    lines += [f"figures (errors above listed at {threshold} coverage)", header, "-" * len(header)]
    for r in results:
        actor = Counts(r.actors.tp, r.actors.fp, r.actors.fn) if r.actors is not None else None
        lines.append(_row(r.article, r.quotes, r.indirect, actor))
    total_q, total_i, total_a = (
        _total_quotes(results),
        _total_indirect(results),
        _total_actors(results),
    )
    lines.append("-" * len(header))
    lines.append(_row(f"TOTAL ({len(results)} articles)", total_q, total_i, total_a))
    lines.append("")
    lines.append(f"{'':<24} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn")
    for label, c in (
        ("quotes @30% coverage", total_q.loose),
        ("quotes @80% coverage", total_q.strict),
        ("quotes exact span", total_q.exact),
        (f"end-to-end @{threshold}", total_q.end_to_end),
        ("indirect (sentence)", total_i.counts),
    ):
        lines.append(f"{label:<24} {_prf(c)}   {c.tp}/{c.fp}/{c.fn}")
    lines.append(
        f"{'speaker accuracy':<24} {total_q.speaker_accuracy:6.3f}   "
        f"{total_q.speaker_right}/{total_q.speaker_total} matched quotes with a gold speaker"
    )
    lines.append(
        f"{'indirect speaker acc.':<24} {total_i.speaker_accuracy:6.3f}   "
        f"{total_i.speaker_right}/{total_i.speaker_total}"
    )
    only = _double_marked_total(results)
    if only is not None:
        lines.append("rows opened by a double mark only (all the PolNeAR converter reads; single-mark and ''-quotes "
                     "are real quotes it does not see):")
        for label, c in (("  quotes @30% coverage", only.loose), (f"  end-to-end @{threshold}", only.end_to_end)):
            lines.append(f"{label:<24} {_prf(c)}   {c.tp}/{c.fp}/{c.fn}")
    if total_a is None:
        lines.append("actor scores: not available")
    else:
        lines.append(f"{'actors':<24} {_prf(total_a)}   {total_a.tp}/{total_a.fp}/{total_a.fn}")
    if problems:
        lines.append("")
        lines.append("unusable input:")
        lines.extend(f"  {p}" for p in problems)
    return "\n".join(lines) + "\n"
