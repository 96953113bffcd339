"""Heatmaps: z values are the counts, hover carries the surface forms, cells are clickable."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts.heatmaps import (
    CELLS,
    COLORBAR_MARGIN,
    Cell,
    actor_paragraph_heatmap,
    actor_paragraph_summary,
    actor_paragraph_title,
    actor_topic_heatmap,
    selected_cell,
    topic_paragraph_heatmap,
)
from dashboard.store.schema import LIST, TABLES, conform, empty

DEFAULTS = {"string": "", "int32": 0, "int64": 0, LIST: []}


def table(name: str, *rows: dict) -> pd.DataFrame:
    if not rows:
        return empty(name)
    base = {c.name: DEFAULTS[c.dtype] for c in TABLES[name]}
    return conform(pd.DataFrame([{**base, "article": "a", **row} for row in rows]), name)


ACTORS = table(
    "actors",
    {"actor_id": "joe-biden", "name": "Joe Biden", "type": "PERSON", "mentions": 3},
    {"actor_id": "kremlin", "name": "Kremlin", "type": "ORG", "mentions": 1, "first_paragraph": 2},
)
MENTIONS = table(
    "mentions",
    {"actor_id": "joe-biden", "paragraph": 0, "sentence": 1, "text": "Biden"},
    {"actor_id": "joe-biden", "paragraph": 1, "sentence": 1, "text": "Joe Biden"},
    {"actor_id": "joe-biden", "paragraph": 1, "sentence": 2, "text": "he"},
    {"actor_id": "kremlin", "paragraph": 2, "sentence": 1, "text": "The Kremlin"},
)
PARAGRAPHS = table("paragraphs", *({"paragraph": p, "text": f"p{p}"} for p in range(4)))
TERMS = table(
    "topic_mentions",
    {"topic": "diplomacy", "paragraph": 1, "sentence": 2, "term": "summit"},
    {"topic": "diplomacy", "paragraph": 2, "sentence": 1, "term": "talks"},
    {"topic": "war", "paragraph": 3, "sentence": 1, "term": "troops"},
)


def test_actor_paragraph_z_values_equal_the_mention_counts() -> None:
    fig = actor_paragraph_heatmap(ACTORS, MENTIONS, PARAGRAPHS)
    heat = fig.data[0]
    assert list(heat.y) == ["Joe Biden", "Kremlin"]
    assert list(heat.x) == ["0", "1", "2", "3"]  # every paragraph, even without mentions
    assert [list(row) for row in heat.z] == [[1, 2, None, None], [None, None, 1, None]]  # 0: white gap


def test_hover_shows_the_surface_forms_of_the_cell() -> None:
    heat = actor_paragraph_heatmap(ACTORS, MENTIONS, PARAGRAPHS).data[0]
    assert "as: Joe Biden, he" in heat.text[0][1]
    assert "as: The Kremlin" in heat.text[1][2]
    assert "as:" not in heat.text[0][3]


def test_clickable_cells_carry_actor_and_paragraph() -> None:
    fig = actor_paragraph_heatmap(ACTORS, MENTIONS, PARAGRAPHS)
    cells = next(t for t in fig.data if t.name == CELLS)
    assert [list(c) for c in cells.customdata] == [["joe-biden", "0"], ["joe-biden", "1"], ["kremlin", "2"]]
    points = [{"curve_number": 1, "point_index": 2, "customdata": ["kremlin", "2"]}]
    assert selected_cell(points) == Cell("kremlin", "2")
    assert selected_cell([]) is None


@pytest.mark.parametrize(
    ("mentions", "title"),
    [
        (MENTIONS, "Joe Biden appears in 2 of 4 paragraphs"),
        (empty("mentions"), "No actors found"),
    ],
)
def test_title_states_the_finding(mentions: pd.DataFrame, title: str) -> None:
    assert actor_paragraph_title(ACTORS, mentions, PARAGRAPHS) == title


def test_summary_lists_paragraphs() -> None:
    text = actor_paragraph_summary(ACTORS, MENTIONS, PARAGRAPHS)
    assert "Joe Biden in paragraphs 0, 1" in text
    assert text.endswith("Kremlin in paragraph 2.")


def test_actor_topic_counts_shared_sentences() -> None:
    fig = actor_topic_heatmap(ACTORS, MENTIONS, TERMS)
    heat = fig.data[0]
    assert list(heat.y) == ["Joe Biden", "Kremlin"]
    assert list(heat.x) == ["diplomacy", "war"]
    assert [list(r) for r in heat.z] == [[1, None], [1, None]]  # zero cells are white gaps
    assert fig.layout.title.text.endswith("most tied to diplomacy")


def test_topic_paragraph_counts_terms() -> None:
    heat = topic_paragraph_heatmap(TERMS, PARAGRAPHS).data[0]
    assert [list(r) for r in heat.z] == [[None, 1, 1, None], [None, None, None, 1]]
    assert "terms: summit" in heat.text[0][1]


def test_names_are_escaped_in_hover() -> None:
    actors = table("actors", {"actor_id": "x", "name": "<script>x</script>", "mentions": 1})
    mentions = table("mentions", {"actor_id": "x", "paragraph": 0, "sentence": 1, "text": "<i>"})
    heat = actor_paragraph_heatmap(actors, mentions, PARAGRAPHS).data[0]
    assert "<script>" not in heat.text[0][0] and "&lt;script&gt;" in heat.text[0][0]
    assert "as: &lt;i&gt;" in heat.text[0][0]


@pytest.mark.parametrize(
    "build",
    [
        lambda: actor_paragraph_heatmap(empty("actors"), empty("mentions"), empty("paragraphs")),
        lambda: actor_paragraph_heatmap(ACTORS, empty("mentions"), PARAGRAPHS),
        lambda: actor_topic_heatmap(ACTORS, MENTIONS, empty("topic_mentions")),
        lambda: topic_paragraph_heatmap(empty("topic_mentions"), PARAGRAPHS),
    ],
)
def test_empty_input_gives_a_message_not_an_exception(build) -> None:
    fig = build()
    assert len(fig.data) == 0
    assert any(a.name == "empty" for a in fig.layout.annotations)


def test_heatmap_has_a_colour_key_and_drops_empty_rows_and_keeps_the_top_rows() -> None:
    fig = actor_topic_heatmap(ACTORS, MENTIONS, TERMS, limit=1)
    heat = fig.data[0]
    assert heat.showscale and heat.zmin == 1  # a count of 1 gets the palest visible colour, 0 stays white
    assert list(heat.y) == ["Joe Biden"] and "top 1 of 2" in fig.layout.title.subtitle.text
    # the room for the key and the row labels is reserved, not found by a second draw
    assert fig.layout.margin.r == COLORBAR_MARGIN and fig.layout.margin.l > 8
