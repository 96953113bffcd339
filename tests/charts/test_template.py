"""The newsroom template and chart furniture; the story arc chart."""

from __future__ import annotations

import pandas as pd
import plotly.io as pio
import pytest

from dashboard.charts.story_arc import story_arc_chart, story_arc_summary
from dashboard.charts.template import (
    OKABE_ITO,
    TEMPLATE_NAME,
    TITLE_OFFSET,
    align_tops,
    finish,
    label_margin,
    short_label,
    source_line,
    wrap,
)
from dashboard.store.schema import LIST, TABLES, conform, empty

DEFAULTS = {"string": "", "int32": 0, "int64": 0, LIST: []}


def table(name: str, *rows: dict) -> pd.DataFrame:
    base = {c.name: DEFAULTS[c.dtype] for c in TABLES[name]}
    return conform(pd.DataFrame([{**base, "article": "a", **row} for row in rows]), name)


def test_template_is_registered_with_the_okabe_ito_palette() -> None:
    assert TEMPLATE_NAME in pio.templates
    assert list(pio.templates[TEMPLATE_NAME].layout.colorway) == list(OKABE_ITO)


@pytest.mark.parametrize(
    ("title", "outlet", "credit", "date", "expected"),
    [
        ("T", "Wikinews", "Wikinews, CC BY 2.5", None, "Source: Wikinews · CC BY 2.5"),
        ("T", "Wikinews", "Wikinews, CC BY 2.5", "2019-02-15", "Source: Wikinews, 2019-02-15 · CC BY 2.5"),
        ("T", "The Guardian", None, "2021-04-14", "Source: The Guardian, 2021-04-14"),
        ("T", None, "Photo agency", None, "Source: Photo agency"),
        ("Biden proposes summit", None, None, None, ""),  # never a headline standing in for an outlet
        ("Biden proposes summit", None, None, "2021-04-14", "Source: 2021-04-14"),
        (None, None, None, None, ""),
    ],
)
def test_source_line(title, outlet, credit, date, expected) -> None:
    assert source_line(title, outlet, credit, date) == expected


def test_long_titles_wrap_for_a_phone() -> None:
    import plotly.graph_objects as go

    fig = finish(go.Figure(), title="x " * 40, subtitle="measure", source="Source: S")
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) > 1 and all(len(line) <= 36 for line in lines)
    assert wrap("a bb ccc", 4) == ["a bb", "ccc"]
    assert short_label("Russia’s deputy foreign minister") == "Russia’s deputy forei…"


def test_side_by_side_charts_get_level_plot_areas() -> None:
    import plotly.graph_objects as go

    short = finish(go.Figure(go.Bar(x=[1], y=["a"])), title="Short", subtitle="one line", height=300)
    long = finish(go.Figure(go.Bar(x=[1], y=["a"])), title="word " * 15, subtitle="measure " * 12, height=400)
    assert short.layout.margin.t < long.layout.margin.t
    plot_heights = [f.layout.height - f.layout.margin.t for f in (short, long)]
    align_tops(short, long)
    assert short.layout.margin.t == long.layout.margin.t  # plots start at the same height
    assert [f.layout.height - f.layout.margin.t for f in (short, long)] == plot_heights  # and keep their size
    for fig in (short, long):  # titles stay the same distance from the top
        assert fig.layout.title.y == pytest.approx(1 - TITLE_OFFSET / fig.layout.height)


def test_left_margin_is_reserved_for_the_longest_category_label() -> None:
    import plotly.graph_objects as go

    def left(*labels: str, **axis: object) -> int:
        fig = go.Figure(go.Bar(x=[1] * len(labels), y=list(labels), orientation="h"))
        fig.update_yaxes(**axis)
        return int(finish(fig, title="T", subtitle="s").layout.margin.l)

    short, longer = left("EU", "UN"), left("EU", "Vladimir Putin")
    assert short < longer  # grows with the longest label, not the number of labels
    assert left("Vladimir Putin") == longer
    assert left("Vladimir Putin", title_text="Speaker") > longer  # and leaves room for an axis title
    # tags and entities do not count; the widest line of a wrapped label does
    assert label_margin(["<b>Putin</b>"]) == label_margin(["Putin"]) == label_margin(["Putin<br>EU"])
    assert label_margin(["AT&amp;T"]) == label_margin(["AT&T"])
    assert label_margin([]) == 0
    fig = finish(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), title="T", subtitle="s")  # numeric y: nothing reserved
    assert fig.layout.margin.l is None
    # automargin stays on: a label wider than the estimate is still never cut
    assert finish(go.Figure(), title="T", subtitle="s").layout.template.layout.yaxis.automargin is True


def test_story_arc_has_actor_and_topic_traces_with_legend() -> None:
    actors = table("actors", {"actor_id": "b", "name": "Biden", "mentions": 2})
    mentions = table(
        "mentions",
        {"actor_id": "b", "paragraph": 0, "sentence": 1, "text": "Biden"},
        {"actor_id": "b", "paragraph": 2, "sentence": 1, "text": "Biden"},
    )
    terms = table("topic_mentions", {"topic": "war", "paragraph": 1, "sentence": 1, "term": "war"})
    paragraphs = table("paragraphs", *({"paragraph": p} for p in range(3)))
    fig = story_arc_chart(actors, mentions, terms, paragraphs)
    assert [t.name for t in fig.data] == ["Actors", "Topics"]
    assert list(fig.data[0].x) == ["0", "2"] and list(fig.data[1].x) == ["1"]
    assert fig.layout.showlegend is True
    assert "paragraph 1: war" in story_arc_summary(actors, mentions, terms, paragraphs)


def test_story_arc_empty() -> None:
    fig = story_arc_chart(empty("actors"), empty("mentions"), empty("topic_mentions"), empty("paragraphs"))
    assert len(fig.data) == 0
