"""A text analysed in the app gets an id no built article and no text of the session uses,
found without reading the whole articles table."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.ui import analyse_text


@pytest.mark.parametrize(
    ("built", "session", "expected"),
    [
        ([], [], "harbour-talks-stall"),
        (["harbour-talks-stall"], [], "harbour-talks-stall-2"),
        (["harbour-talks-stall", "harbour-talks-stall-2"], ["harbour-talks-stall-3"], "harbour-talks-stall-4"),
        (["harbour-talks-stall"] + [f"harbour-talks-stall-{i}" for i in range(2, 46)], [], "harbour-talks-stall-46"),
    ],
)
def test_the_first_free_id_of_the_title(
    monkeypatch: pytest.MonkeyPatch, built: list[str], session: list[str], expected: str
) -> None:
    asked: list[list[str]] = []

    def known(ids: list[str]) -> pd.DataFrame:
        asked.append(list(ids))
        return pd.DataFrame({"article": [i for i in ids if i in built]})

    monkeypatch.setattr(analyse_text, "load_known_articles", known)
    monkeypatch.setattr(analyse_text, "_analysed", lambda: dict.fromkeys(session))
    assert analyse_text._free_id("Harbour talks stall") == expected
    assert all(len(batch) <= 20 for batch in asked)  # a few candidates at a time
