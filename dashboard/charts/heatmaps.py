"""Count heatmaps: actor × paragraph, actor × topic, topic × paragraph.

Streamlit cannot report clicks on a plotly ``Heatmap`` trace, so every non-empty cell also
gets an invisible square marker (a ``Scatter`` trace named ``cells``) that carries the
selection: its ``customdata`` is ``[row key, column key]``. ``selected_cell`` reads it back.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.counts import (
    actor_names,
    actor_paragraph_matrix,
    actor_topic_matrix,
    topic_paragraph_matrix,
)
from dashboard.charts.template import SEQUENTIAL, empty_figure, finish, plural, short_label

CELLS = "cells"


@dataclass(frozen=True)
class Cell:
    """A clicked cell: row key (actor_id or topic), column key (paragraph or topic)."""

    row: str
    column: str


def selected_cell(points: Sequence[Mapping[str, Any]]) -> Cell | None:
    """The cell behind the first selected marker of a ``cells`` trace, if any."""
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple) and len(data) >= 2:
            return Cell(str(data[0]), str(data[1]))
    return None


def _count_heatmap(
    counts: pd.DataFrame,
    *,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    hover_extra: pd.DataFrame | None,
    unit: str,
    x_title: str,
) -> go.Figure:
    y = [short_label(label) for label in row_labels]
    x = list(column_labels)
    z = counts.to_numpy()
    full_names = [html.escape(label) for label in row_labels]
    text = [
        [
            _hover(
                full_names[i],
                x_title,
                x[j],
                int(z[i][j]),
                unit,
                "" if hover_extra is None else str(hover_extra.iat[i, j]),
            )
            for j in range(len(x))
        ]
        for i in range(len(y))
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            hovertemplate="%{text}<extra></extra>",
            colorscale=SEQUENTIAL,
            zmin=0,
            xgap=1,
            ygap=1,
            hoverongaps=False,
            showscale=False,  # darker = more; the hover gives the number
        )
    )
    cells = [(i, j) for i in range(len(y)) for j in range(len(x)) if z[i][j] > 0]
    fig.add_trace(
        go.Scatter(
            name=CELLS,
            x=[x[j] for _, j in cells],
            y=[y[i] for i, _ in cells],
            mode="markers",
            marker=dict(symbol="square", size=16, color="rgba(0,0,0,0)", line=dict(width=0)),
            selected=dict(marker=dict(color="rgba(0,0,0,0.25)")),
            unselected=dict(marker=dict(opacity=1)),
            customdata=[[str(counts.index[i]), str(counts.columns[j])] for i, j in cells],
            text=[text[i][j] for i, j in cells],
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_xaxes(type="category", title_text=x_title, showgrid=False, side="bottom")
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False)
    fig.update_layout(clickmode="event+select", dragmode=False)
    return fig


def _hover(name: str, x_title: str, column: object, count: int, unit: str, extra: str) -> str:
    line = f"<b>{name}</b><br>{html.escape(x_title)} {html.escape(str(column))}: {count} {unit}"
    if extra:
        line += "<br>" + html.escape(extra)
    return line


def _paragraphs(numbers: list[str]) -> str:
    return ("paragraph " if len(numbers) == 1 else "paragraphs ") + ", ".join(numbers)


def _height(rows: int) -> int:
    return 200 + 26 * rows


# -- actor × paragraph --------------------------------------------------------------------------


def actor_paragraph_title(actors: pd.DataFrame, mentions: pd.DataFrame, paragraphs: pd.DataFrame) -> str:
    counts, _ = actor_paragraph_matrix(actors, mentions, paragraphs)
    if counts.empty or counts.to_numpy().sum() == 0:
        return "No actors found"
    spread = (counts > 0).sum(axis=1)
    top = spread.idxmax()
    name = actor_names(actors).get(top, top)
    return f"{name} appears in {int(spread.max())} of {len(counts.columns)} paragraphs"


def actor_paragraph_heatmap(
    actors: pd.DataFrame, mentions: pd.DataFrame, paragraphs: pd.DataFrame, *, source: str = ""
) -> go.Figure:
    title = actor_paragraph_title(actors, mentions, paragraphs)
    subtitle = "Mentions per paragraph, darker = more (0 = headline); hover for the words used"
    counts, forms = actor_paragraph_matrix(actors, mentions, paragraphs)
    if counts.empty or counts.to_numpy().sum() == 0:
        return empty_figure("No actor mentions to map", title=title, subtitle=subtitle, source=source)
    names = actor_names(actors)
    fig = _count_heatmap(
        counts,
        row_labels=[names.get(a, a) for a in counts.index],
        column_labels=[str(c) for c in counts.columns],
        hover_extra=forms.map(_as_forms),
        unit="mentions",
        x_title="Paragraph",
    )
    return finish(fig, title=title, subtitle=subtitle, source=source, height=_height(len(counts)))


def _as_forms(forms: str) -> str:
    return f"as: {forms}" if forms else ""


def actor_paragraph_summary(actors: pd.DataFrame, mentions: pd.DataFrame, paragraphs: pd.DataFrame) -> str:
    counts, _ = actor_paragraph_matrix(actors, mentions, paragraphs)
    if counts.empty or counts.to_numpy().sum() == 0:
        return "No actor mentions were found, so there is nothing to map."
    names = actor_names(actors)
    parts = []
    for actor_id, row in counts.head(5).iterrows():
        where = [str(p) for p, n in row.items() if n > 0]
        parts.append(f"{names.get(str(actor_id), actor_id)} in {_paragraphs(where)}")
    return "Where the main actors are mentioned: " + "; ".join(parts) + "."


# -- actor × topic ------------------------------------------------------------------------------


def actor_topic_title(actors: pd.DataFrame, mentions: pd.DataFrame, topic_mentions: pd.DataFrame) -> str:
    matrix = actor_topic_matrix(actors, mentions, topic_mentions)
    if matrix.empty or matrix.to_numpy().sum() == 0:
        return "No actor shares a sentence with a topic"
    stacked = matrix.stack()
    (actor_id, topic) = stacked.idxmax()
    name = actor_names(actors).get(actor_id, actor_id)
    return f"{name} is most tied to {topic}"


def actor_topic_heatmap(
    actors: pd.DataFrame, mentions: pd.DataFrame, topic_mentions: pd.DataFrame, *, source: str = ""
) -> go.Figure:
    title = actor_topic_title(actors, mentions, topic_mentions)
    subtitle = "Sentences naming both the actor and the topic, darker = more"
    matrix = actor_topic_matrix(actors, mentions, topic_mentions)
    if matrix.empty or matrix.to_numpy().sum() == 0:
        return empty_figure(
            "No sentence names both an actor and a topic",
            title=title,
            subtitle=subtitle,
            source=source,
        )
    names = actor_names(actors)
    fig = _count_heatmap(
        matrix,
        row_labels=[names.get(a, a) for a in matrix.index],
        column_labels=[short_label(str(c), 14) for c in matrix.columns],
        hover_extra=None,
        unit="sentences",
        x_title="Topic",
    )
    fig.update_xaxes(tickangle=-40)
    return finish(
        fig,
        title=title,
        subtitle=subtitle,
        source=source,
        height=_height(len(matrix)) + 50,
        tick_space=50,
    )


def actor_topic_summary(actors: pd.DataFrame, mentions: pd.DataFrame, topic_mentions: pd.DataFrame) -> str:
    matrix = actor_topic_matrix(actors, mentions, topic_mentions)
    if matrix.empty or matrix.to_numpy().sum() == 0:
        return "No sentence mentions both an actor and a topic."
    names = actor_names(actors)
    stacked = matrix.stack()
    stacked = stacked[stacked > 0].sort_values(ascending=False, kind="stable").head(5)
    parts = [f"{names.get(a, a)} with {t} ({plural(int(n), 'sentence')})" for (a, t), n in stacked.items()]
    return "Strongest actor–topic pairs: " + "; ".join(parts) + "."


# -- topic × paragraph --------------------------------------------------------------------------


def topic_paragraph_title(topic_mentions: pd.DataFrame, paragraphs: pd.DataFrame) -> str:
    matrix = topic_paragraph_matrix(topic_mentions, paragraphs)
    if matrix.empty or matrix.to_numpy().sum() == 0:
        return "No topics found"
    spread = (matrix > 0).sum(axis=1)
    return f"{spread.idxmax()} runs through {int(spread.max())} of {len(matrix.columns)} paragraphs"


def topic_paragraph_heatmap(topic_mentions: pd.DataFrame, paragraphs: pd.DataFrame, *, source: str = "") -> go.Figure:
    title = topic_paragraph_title(topic_mentions, paragraphs)
    subtitle = "Matched topic terms per paragraph, darker = more (0 = headline)"
    matrix = topic_paragraph_matrix(topic_mentions, paragraphs)
    if matrix.empty or matrix.to_numpy().sum() == 0:
        return empty_figure("No topic terms matched in this article", title=title, subtitle=subtitle, source=source)
    terms = (
        topic_mentions.groupby(["topic", "paragraph"])["term"]
        .agg(lambda t: "terms: " + ", ".join(dict.fromkeys(str(x).lower() for x in t)))
        .unstack(fill_value="")
        .reindex(index=matrix.index, columns=matrix.columns, fill_value="")
        .fillna("")
    )
    fig = _count_heatmap(
        matrix,
        row_labels=list(matrix.index),
        column_labels=[str(c) for c in matrix.columns],
        hover_extra=terms,
        unit="terms",
        x_title="Paragraph",
    )
    return finish(fig, title=title, subtitle=subtitle, source=source, height=_height(len(matrix)))


def topic_paragraph_summary(topic_mentions: pd.DataFrame, paragraphs: pd.DataFrame) -> str:
    matrix = topic_paragraph_matrix(topic_mentions, paragraphs)
    if matrix.empty or matrix.to_numpy().sum() == 0:
        return "No topic terms were matched, so there is nothing to map."
    parts = []
    for topic, row in matrix.iterrows():
        where = [str(p) for p, n in row.items() if n > 0]
        parts.append(f"{topic} in {_paragraphs(where)}")
    return "Where each topic appears: " + "; ".join(parts) + "."
