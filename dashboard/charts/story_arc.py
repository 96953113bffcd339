"""The story arc: which actors and topics appear, paragraph by paragraph (a dot strip)."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.counts import actor_names, actor_paragraph_matrix, topic_paragraph_matrix
from dashboard.charts.template import OKABE_ITO, empty_figure, finish, short_label

MAX_ACTORS = 8


TOPIC_PREFIX = "topic: "  # an actor and a topic with the same name ("Ukraine") stay two rows


def _dots(
    matrix: pd.DataFrame, labels: list[str], *, name: str, colour: str, unit: str, symbol: str = "circle"
) -> go.Scatter:
    xs, ys, sizes, text = [], [], [], []
    for i, (_, row) in enumerate(matrix.iterrows()):
        for paragraph, count in row.items():
            if count > 0:
                xs.append(str(paragraph))
                ys.append(short_label(labels[i]))
                sizes.append(8 + 4 * min(int(count), 5))
                text.append(f"<b>{html.escape(labels[i])}</b><br>Paragraph {paragraph}: {int(count)} {unit}")
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        name=name,
        text=text,
        hovertemplate="%{text}<extra></extra>",
        marker=dict(size=sizes, color=colour, symbol=symbol, line=dict(width=0)),
    )


def story_arc_title(actors: pd.DataFrame, mentions: pd.DataFrame, paragraphs: pd.DataFrame) -> str:
    counts, _ = actor_paragraph_matrix(actors, mentions, paragraphs)
    if counts.empty or counts.to_numpy().sum() == 0:
        return "No actors to follow through the story"
    spread = (counts > 0).sum(axis=1)
    name = actor_names(actors).get(spread.idxmax(), spread.idxmax())
    if int(spread.max()) >= 0.6 * len(counts.columns):
        return f"{name} runs through the whole story"
    first = int(next(p for p, n in counts.loc[spread.idxmax()].items() if n > 0))
    return f"{name} carries the story from paragraph {first}"


def story_arc_chart(
    actors: pd.DataFrame,
    mentions: pd.DataFrame,
    topic_mentions: pd.DataFrame,
    paragraphs: pd.DataFrame,
    *,
    source: str = "",
) -> go.Figure:
    title = story_arc_title(actors, mentions, paragraphs)
    subtitle = "Actors and topics in each paragraph; dot size = number of mentions"
    counts, _ = actor_paragraph_matrix(actors, mentions, paragraphs)
    counts = counts.head(MAX_ACTORS)
    topics = topic_paragraph_matrix(topic_mentions, paragraphs)
    if counts.to_numpy().sum() == 0 and topics.to_numpy().sum() == 0:
        return empty_figure(
            "No actors or topics found in this article",
            title=title,
            subtitle=subtitle,
            source=source,
        )
    names = actor_names(actors)
    fig = go.Figure()
    if counts.to_numpy().sum():
        fig.add_trace(
            _dots(
                counts,
                [names.get(a, a) for a in counts.index],
                name="Actors",
                colour=OKABE_ITO[0],
                unit="mentions",
            )
        )
    if topics.to_numpy().sum():
        labels = [f"{TOPIC_PREFIX}{t}" for t in topics.index]
        fig.add_trace(_dots(topics, labels, name="Topics", colour=OKABE_ITO[1], unit="terms", symbol="diamond"))
    columns = sorted(set(counts.columns) | set(topics.columns))
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=[str(c) for c in columns],
        range=[-0.5, len(columns) - 0.5],  # every paragraph, also those with no dot
        title_text="Paragraph (0 = headline)",
    )
    fig.update_yaxes(type="category", autorange="reversed", showgrid=True, gridcolor="#F0F0F0")
    rows = len(counts) + len(topics)
    return finish(fig, title=title, subtitle=subtitle, source=source, legend=True, height=230 + 24 * rows)


def story_arc_summary(
    actors: pd.DataFrame,
    mentions: pd.DataFrame,
    topic_mentions: pd.DataFrame,
    paragraphs: pd.DataFrame,
) -> str:
    counts, _ = actor_paragraph_matrix(actors, mentions, paragraphs)
    topics = topic_paragraph_matrix(topic_mentions, paragraphs)
    if counts.to_numpy().sum() == 0 and topics.to_numpy().sum() == 0:
        return "No actors or topics were found, so the story arc is empty."
    names = actor_names(actors)
    parts = []
    present = {p: list(counts.index[counts[p].to_numpy() > 0]) for p in counts.columns}  # column-wise: fast
    topical = {p: list(topics.index[topics[p].to_numpy() > 0]) for p in topics.columns}
    for paragraph in sorted(set(counts.columns) | set(topics.columns)):
        who = [names.get(a, a) for a in present.get(paragraph, [])]
        what = topical.get(paragraph, [])
        if who or what:
            parts.append(f"paragraph {paragraph}: " + ", ".join(who[:3] + what[:2]))
    return "Paragraph by paragraph — " + "; ".join(parts) + "."
