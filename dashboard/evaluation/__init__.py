"""Scoring the pipeline against hand-made gold annotations.

gold.py     gold JSON files → frozen records (GoldError on a bad file)
quotes.py   pure scoring of quotes and reported speech (GenderGapTracker convention)
actors.py   pure scoring of actors
report.py   runs the pipeline over articles, scores, prints (``python -m dashboard evaluate``)
"""

from dashboard.evaluation.gold import GoldArticle, GoldError, load_gold
from dashboard.evaluation.quotes import QuoteScore, score_indirect, score_quotes

__all__ = ["GoldArticle", "GoldError", "QuoteScore", "load_gold", "score_indirect", "score_quotes"]
