"""Actor precision/recall on every article with gold: python scripts/actor_scores.py [-v].

Runs the real pipeline over data/articles, matches against data/gold (PERSON and ORG
actors, one-to-one; see dashboard.evaluation.actors) and prints per-article and total
P/R/F1. With -v, prints each error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dashboard import settings
from dashboard.articles import read_article
from dashboard.evaluation.actors import ActorScore, score_actors
from dashboard.extract import extract_tables
from dashboard.nlp.pipeline import load_pipeline


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    nlp = load_pipeline()
    total = ActorScore(0, 0, 0)
    gold_paths = sorted(settings.GOLD_DIR.rglob("*.json"))
    print(f"{'article':45} {'tp':>3} {'fp':>3} {'fn':>3}  {'P':>5} {'R':>5} {'F1':>5}")
    for path in gold_paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        found = sorted(settings.ARTICLES_DIR.rglob(gold["article"]))
        if not found:
            print(f"{path.name}: article {gold['article']} not found", file=sys.stderr)
            continue
        article = read_article(Path(found[0]))
        tables = extract_tables(nlp(article.text), article)
        predicted = [{"name": a.name, "type": a.type, "aliases": list(a.aliases)} for a in tables.actors]
        score = score_actors(predicted, gold.get("actors", []))
        total = total + score
        print(
            f"{article.id[:45]:45} {score.tp:3} {score.fp:3} {score.fn:3}"
            f"  {score.precision:5.3f} {score.recall:5.3f} {score.f1:5.3f}"
        )
        if verbose:
            for error in score.errors:
                print(f"    {error}")
    print(
        f"{'TOTAL':45} {total.tp:3} {total.fp:3} {total.fn:3}"
        f"  {total.precision:5.3f} {total.recall:5.3f} {total.f1:5.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main(sys.argv[1:]))
