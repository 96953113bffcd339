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
from dashboard.charts.template import PRIMARY, empty_figure, finish, plural, wrap

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


MAX_ROWS = 15  # rows drawn unless the reader asks for all ("show all")
TALL_ROWS = 12  # from this many rows the paragraph axis is also drawn at the top
PALEST = "#BFD9EC"  # the colour of a count of 1: clearly visible on white (0 stays white)
COUNT_SCALE: list[list[float | str]] = [[0.0, PALEST], [1.0, PRIMARY]]


COLORBAR_MARGIN = 92  # px right of the plot: the key (10 px), its tick labels and its unit title


def count_colorbar(unit: str, top: int) -> dict[str, Any]:
    """The colour key of a count heatmap: its unit on top, whole-number ticks, at the top right."""
    return dict(
        title=dict(text=unit, side="top", font=dict(size=11)),
        thickness=10,
        lenmode="pixels",
        len=120,
        y=1,
        yanchor="top",
        tickformat="d",
        dtick=1 if top <= 6 else None,
        outlinewidth=0,
    )


def wrap_label(text: str, width: int = 12) -> str:
    """A category label on short lines (plotly '<br>'), never cut: 'election interference' →
    'election<br>interference'. Escaped."""
    return "<br>".join(html.escape(line) for line in wrap(str(text), width))


def drop_empty_rows(counts: pd.DataFrame) -> pd.DataFrame:
    """Rows without a single non-zero cell say nothing: left out."""
    return counts[(counts > 0).any(axis=1)] if len(counts.columns) else counts


def _count_heatmap(
    counts: pd.DataFrame,
    *,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    hover_extra: pd.DataFrame | None,
    unit: str,
    x_title: str,
) -> go.Figure:
    """Cells coloured by count with a colour key; zero cells stay white (gaps); every row label whole."""
    y = [html.escape(str(label)) for label in row_labels]
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
    top = max(int(z.max()), 1) if z.size else 1
    shown = [[int(v) if v > 0 else None for v in row] for row in z]  # 0 → gap: white, no hover
    fig = go.Figure(
        go.Heatmap(
            z=shown,
            x=x,
            y=y,
            text=text,
            hovertemplate="%{text}<extra></extra>",
            colorscale=COUNT_SCALE,
            zmin=1,
            zmax=max(top, 2),
            xgap=1,
            ygap=1,
            hoverongaps=False,
            showscale=True,
            colorbar=count_colorbar(unit, top),
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
    tall = len(y) >= TALL_ROWS
    fig.update_xaxes(
        type="category", title_text=x_title, showgrid=False, side="bottom", tickangle=0, showticklabels=True
    )
    if tall:  # a second, readable axis at the top of a tall map
        fig.update_layout(xaxis2=dict(overlaying="x", side="top", type="category", matches="x", showgrid=False))
        fig.add_trace(
            go.Scatter(
                x=x,
                y=[y[0]] * len(x),
                xaxis="x2",
                mode="markers",
                marker=dict(opacity=0),
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False)
    # Room for the colour key reserved up front (as the label room in ``finish``): plotly's automargin
    # would find it only by drawing the map twice.
    fig.update_layout(clickmode="event+select", dragmode=False, plot_bgcolor="#FFFFFF", margin=dict(r=COLORBAR_MARGIN))
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
    return _paragraph_title(actors, actor_paragraph_matrix(actors, mentions, paragraphs)[0])


def _paragraph_title(actors: pd.DataFrame, counts: pd.DataFrame) -> str:
    if counts.empty or counts.to_numpy().sum() == 0:
        return "No actors found"
    spread = (counts > 0).sum(axis=1)
    top = spread.idxmax()
    name = actor_names(actors).get(top, top)
    return f"{name} appears in {int(spread.max())} of {len(counts.columns)} paragraphs"


def _limited(counts: pd.DataFrame, limit: int | None) -> tuple[pd.DataFrame, str]:
    """The first ``limit`` non-empty rows (rows come most first), and a note when some are left out."""
    counts = drop_empty_rows(counts)
    if limit is None or len(counts) <= limit:
        return counts, ""
    return counts.head(limit), f"; the top {limit} of {len(counts)}"


def actor_paragraph_heatmap(
    actors: pd.DataFrame,
    mentions: pd.DataFrame,
    paragraphs: pd.DataFrame,
    *,
    source: str = "",
    limit: int | None = MAX_ROWS,
) -> go.Figure:
    """Actors (most mentioned first; the top ``limit``, None = all) × paragraphs."""
    counts, forms = actor_paragraph_matrix(actors, mentions, paragraphs)
    title = _paragraph_title(actors, counts)
    counts, note = _limited(counts, limit)
    forms = forms.loc[counts.index]
    subtitle = f"Mentions per paragraph (0 = headline){note}; hover for the words used"
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
    names = actor_names(actors)
    stacked = matrix.stack()
    telling = stacked[[not _same_name(names.get(a, a), t) for a, t in stacked.index]]  # never "X is tied to X"
    if telling.empty or int(telling.max()) == 0:
        return "Each actor is tied only to the topic of its own name"
    (actor_id, topic) = telling.idxmax()
    name = names.get(actor_id, actor_id)
    return f"{name} is most tied to {topic}"


def _same_name(actor: str, topic: str) -> bool:
    return actor.casefold() == str(topic).casefold()


def actor_topic_heatmap(
    actors: pd.DataFrame,
    mentions: pd.DataFrame,
    topic_mentions: pd.DataFrame,
    *,
    source: str = "",
    limit: int | None = MAX_ROWS,
) -> go.Figure:
    """Actors (the top ``limit``, None = all) × topics; topic names on short lines, never cut."""
    title = actor_topic_title(actors, mentions, topic_mentions)
    matrix, note = _limited(actor_topic_matrix(actors, mentions, topic_mentions), limit)
    subtitle = f"Sentences naming both the actor and the topic{note}"
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
        column_labels=[wrap_label(str(c)) for c in matrix.columns],
        hover_extra=None,
        unit="sentences",
        x_title="Topic",
    )
    lines = max((wrap_label(str(c)).count("<br>") + 1 for c in matrix.columns), default=1)
    return finish(
        fig,
        title=title,
        subtitle=subtitle,
        source=source,
        height=_height(len(matrix)) + 14 * lines,
        tick_space=14 * (lines - 1),
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
    subtitle = "Matched topic terms per paragraph (0 = headline)"
    matrix = drop_empty_rows(topic_paragraph_matrix(topic_mentions, paragraphs))
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
