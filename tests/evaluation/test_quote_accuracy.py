"""Quote accuracy on the gold articles, scored with dashboard.evaluation (README convention).

Thresholds are the ones the quotes issue asks for; the figures reached when this test was
written are in the comments.
"""

from __future__ import annotations

from functools import reduce

import pytest

from dashboard import settings
from dashboard.evaluation.quotes import EMPTY_QUOTES
from dashboard.evaluation.report import evaluate

pytestmark = pytest.mark.model

WIKINEWS_DEV = sorted((settings.GOLD_DIR / "wikinews").glob("0[1-8]-*.json"))
REFERENCE = settings.GOLD_DIR / "biden-putin-summit.json"


@pytest.fixture(scope="module")
def dev_score(nlp):
    results, problems = evaluate(WIKINEWS_DEV, settings.ARTICLES_DIR)
    assert len(results) == 8, problems
    return reduce(lambda a, b: a + b, (r.quotes for r in results), EMPTY_QUOTES)


@pytest.mark.parametrize(
    ("measure", "threshold"),
    [
        ("quote F1 at 30% coverage", 0.97),  # reached 1.000
        ("exact-span F1", 0.93),  # reached 1.000
        # reached 0.964 (54/56). The 2 misses are "The father said", "The mother said": the
        # actor linker does not resolve these descriptions to David and Louise Turpin.
        ("speaker accuracy", 0.95),
        ("end-to-end F1", 0.92),  # reached 0.964
    ],
)
def test_wikinews_dev_set(dev_score, measure, threshold):
    value = {
        "quote F1 at 30% coverage": dev_score.loose.f1,
        "exact-span F1": dev_score.exact.f1,
        "speaker accuracy": dev_score.speaker_accuracy,
        "end-to-end F1": dev_score.end_to_end.f1,
    }[measure]
    assert value >= threshold, f"{measure} {value:.3f} < {threshold}"


def test_reference_article_every_quote_found_with_an_accepted_speaker(nlp):
    results, problems = evaluate([REFERENCE], settings.ARTICLES_DIR)
    assert len(results) == 1, problems
    score = results[0].quotes
    assert score.loose.tp == 15 and score.loose.fn == 0
    assert score.speaker_right == score.speaker_total == 15
