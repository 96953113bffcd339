"""Actor precision/recall against gold: python scripts/actor_scores.py [-v] [--gold DIR --articles DIR].

Runs the real pipeline over the articles of every gold file and prints per-article and
total figures. Default: data/gold against data/articles, PERSON and ORG actors matched
one-to-one (see dashboard.evaluation.actors.score_actors): P/R/F1.

Gold files marked ``"speaker_match": "surname"`` (PolNeAR-style: the actor list names only
the sources of attributions, as written) are scored by ``score_sources``: recall of the
named sources only (there is no precision, as the list leaves out everyone who does not
speak); a full name must come out as a person of that very name, and a source found only
with another type counts as "mistyped". With -v, prints each error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dashboard import settings
from dashboard.articles import read_article
from dashboard.evaluation.actors import ActorScore, score_actors, score_sources
from dashboard.extract import extract_tables
from dashboard.nlp.pipeline import load_pipeline


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="actor_scores.py", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print each error")
    parser.add_argument("--gold", type=Path, default=settings.GOLD_DIR, help="gold file or folder")
    parser.add_argument("--articles", type=Path, default=settings.ARTICLES_DIR, help="folder of articles")
    return parser.parse_args(argv)


def _gold_files(path: Path) -> list[Path]:
    return [path] if path.is_file() else sorted(path.rglob("*.json"))


def main(argv: list[str]) -> int:
    args = _arguments(argv)
    if not args.gold.exists() or not args.articles.is_dir():
        print(f"error: {args.gold if not args.gold.exists() else args.articles}: not found", file=sys.stderr)
        return 2
    nlp = load_pipeline()
    totals = {"pairs": ActorScore(0, 0, 0), "sources": ActorScore(0, 0, 0)}
    print(f"{'article':45} {'tp':>3} {'fp':>3} {'fn':>3}  {'P':>5} {'R':>5} {'F1':>5}")
    for path in _gold_files(args.gold):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
            name = gold["article"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            print(f"{path}: not a gold file ({type(error).__name__}: {error})", file=sys.stderr)
            continue
        found = sorted(args.articles.rglob(name))
        if not found:
            print(f"{path.name}: article {name} not found", file=sys.stderr)
            continue
        article = read_article(Path(found[0]))
        tables = extract_tables(nlp(article.text), article)
        predicted = [{"name": a.name, "type": a.type, "aliases": list(a.aliases)} for a in tables.actors]
        sources = gold.get("speaker_match") == "surname"
        score = (score_sources if sources else score_actors)(predicted, gold.get("actors", []))
        kind = "sources" if sources else "pairs"
        totals[kind] = totals[kind] + score
        precision = "  n/a" if sources else f"{score.precision:5.3f}"
        f1 = "  n/a" if sources else f"{score.f1:5.3f}"
        print(f"{article.id[:45]:45} {score.tp:3} {score.fp:3} {score.fn:3}  {precision} {score.recall:5.3f} {f1}")
        if args.verbose:
            for error in score.errors:
                print(f"    {error}")
    for kind, total in totals.items():
        if not total.tp + total.fp + total.fn:
            continue
        if kind == "sources":
            mistyped = sum(e.kind == "mistyped" for e in total.errors)
            print(f"{'TOTAL named sources':45} {total.tp:3} {'-':>3} {total.fn:3}    n/a {total.recall:5.3f}   n/a")
            print(f"    found only with another type (mistyped): {mistyped}")
        else:
            print(
                f"{'TOTAL':45} {total.tp:3} {total.fp:3} {total.fn:3}"
                f"  {total.precision:5.3f} {total.recall:5.3f} {total.f1:5.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main(sys.argv[1:]))
