"""The corpus actor picker's option labels."""

from __future__ import annotations

import pandas as pd

from dashboard.ui.corpus_focus import actor_labels


def test_every_actor_is_labelled_with_its_articles_and_mentions() -> None:
    actors = pd.DataFrame(
        {
            "key": ["ana-ruiz", "harbour-board"],
            "name": ["Ana Ruiz", "Harbour Board"],
            "articles": [3, 1],
            "mentions": [12, 2],
        }
    )
    assert actor_labels(actors) == {
        "ana-ruiz": "Ana Ruiz — 3 articles, 12 mentions",
        "harbour-board": "Harbour Board — 1 article, 2 mentions",
    }


def test_no_actors_no_labels() -> None:
    empty = pd.DataFrame({"key": [], "name": [], "articles": [], "mentions": []})
    assert actor_labels(empty) == {}
