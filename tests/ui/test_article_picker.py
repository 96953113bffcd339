"""Labels of the sidebar article picker."""

from __future__ import annotations

import pandas as pd

from dashboard.ui.article_picker import article_labels


def test_labels_show_outlet_and_date_when_known() -> None:
    articles = pd.DataFrame(
        {
            "article": ["a", "b", "c", "d"],
            "title": ["Storm hits", "Vote held", "Fire out", "Bridge opens"],
            "outlet": ["Wikinews", None, "Daily Planet", " "],
            "date": ["2019-01-07", "2020-01-01", None, None],
        }
    )
    assert article_labels(articles) == {
        "a": "Storm hits — Wikinews, 2019-01-07",
        "b": "Vote held — 2020-01-01",
        "c": "Fire out — Daily Planet",
        "d": "Bridge opens",
    }
