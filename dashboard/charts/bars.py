"""Ranked horizontal bars: who is quoted most, who is mentioned most, which topics lead."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.counts import UNATTRIBUTED, mention_counts, speaker_counts, topic_counts
from dashboard.charts.template import MUTED, PRIMARY, count_axis, empty_figure, finish, plural, short_label

MAX_BARS = 12


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _leaders(counts: pd.Series) -> list[str]:
    return [str(n) for n in counts.index[counts == counts.max()]]


def _ranked_bar(counts: pd.Series, *, unit: str, highlight_muted: str | None = None) -> go.Figure:
    shown = counts.head(MAX_BARS).iloc[::-1]  # largest on top
    names = [str(n) for n in shown.index]
    colours = [MUTED if n == highlight_muted else PRIMARY for n in names]
    fig = go.Figure(
        go.Bar(
            x=shown.to_numpy(),
            y=[short_label(n) for n in names],
            orientation="h",
            marker_color=colours,
            customdata=[html.escape(n) for n in names],
            text=shown.to_numpy(),
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{customdata}}: %{{x}} {unit}<extra></extra>",
        )
    )
    count_axis(fig, float(shown.max()) if len(shown) else 0.0)
    fig.update_yaxes(type="category")
    return fig


def _height(bars: int) -> int:
    return 170 + 30 * min(bars, MAX_BARS)


# -- who is quoted most -------------------------------------------------------------------------


def quoted_most_title(quotes: pd.DataFrame) -> str:
    counts = speaker_counts(quotes).drop(UNATTRIBUTED, errors="ignore")
    if counts.empty:
        return "No quotes are attributed to a speaker" if len(quotes) else "No quotes found"
    leaders = _leaders(counts)
    verb = "is" if len(leaders) == 1 else "are"
    return f"{_and(leaders)} {verb} quoted most"


def quoted_most_bar(quotes: pd.DataFrame, *, source: str = "") -> go.Figure:
    title = quoted_most_title(quotes)
    subtitle = "Statements per speaker: one act of saying, however many quoted fragments it has"
    if quotes.empty:
        return empty_figure("No quotes found in this article", title=title, subtitle=subtitle, source=source)
    counts = speaker_counts(quotes)
    fig = _ranked_bar(counts, unit="statements", highlight_muted=UNATTRIBUTED)
    return finish(fig, title=title, subtitle=subtitle, source=source, height=_height(len(counts)))


def quoted_most_summary(quotes: pd.DataFrame) -> str:
    if quotes.empty:
        return "The article has no quotes."
    counts = speaker_counts(quotes)
    named = counts.drop(UNATTRIBUTED, errors="ignore")
    parts = [f"{name} {plural(int(n), 'statement')}" for name, n in named.head(5).items()]
    statements = int(counts.sum())
    fragments = f" ({plural(len(quotes), 'quoted fragment')})" if statements != len(quotes) else ""
    text = f"{plural(statements, 'statement')}{fragments} in all"
    if parts:
        text += ": " + "; ".join(parts)
    if UNATTRIBUTED in counts.index:
        text += f"; {plural(int(counts[UNATTRIBUTED]), 'statement')} without a speaker"
    return text + "."


# -- who is mentioned most ----------------------------------------------------------------------


def mentions_title(actors: pd.DataFrame, mentions: pd.DataFrame) -> str:
    counts = mention_counts(actors, mentions)
    if counts.empty:
        return "No actors found"
    leaders = _leaders(counts)
    verb = "is" if len(leaders) == 1 else "are"
    return f"{_and(leaders)} {verb} mentioned most ({plural(int(counts.max()), 'time')})"


def mentions_bar(actors: pd.DataFrame, mentions: pd.DataFrame, *, source: str = "") -> go.Figure:
    title = mentions_title(actors, mentions)
    subtitle = "Mentions per actor (names, titles and pronouns linked to them)"
    counts = mention_counts(actors, mentions)
    if counts.empty:
        return empty_figure(
            "No people, organisations or places found",
            title=title,
            subtitle=subtitle,
            source=source,
        )
    fig = _ranked_bar(counts, unit="mentions")
    return finish(fig, title=title, subtitle=subtitle, source=source, height=_height(len(counts)))


def mentions_summary(actors: pd.DataFrame, mentions: pd.DataFrame) -> str:
    counts = mention_counts(actors, mentions)
    if counts.empty:
        return "No actors were found in the article."
    parts = [f"{name} {plural(int(n), 'mention')}" for name, n in counts.head(5).items()]
    return f"{plural(len(counts), 'actor')} mentioned; most mentioned: " + "; ".join(parts) + "."


# -- which topics the story covers --------------------------------------------------------------


def topic_share_title(topic_mentions: pd.DataFrame) -> str:
    counts = topic_counts(topic_mentions)
    if counts.empty:
        return "No topics found"
    leaders = _leaders(counts)
    share = round(100 * int(counts.max()) / int(counts.sum()))
    if len(leaders) == 1:
        return f"{leaders[0]} leads the coverage ({share}% of topic terms)"
    return f"{_and(leaders)} lead the coverage ({share}% of topic terms each)"


def topic_share_bar(topic_mentions: pd.DataFrame, *, source: str = "") -> go.Figure:
    title = topic_share_title(topic_mentions)
    subtitle = "Share of matched topic terms, %"
    counts = topic_counts(topic_mentions)
    if counts.empty:
        return empty_figure("No topic terms matched in this article", title=title, subtitle=subtitle, source=source)
    share = (100 * counts / counts.sum()).round(0).astype("int64")
    fig = _ranked_bar(share, unit="% of terms")
    return finish(fig, title=title, subtitle=subtitle, source=source, height=_height(len(share)))


def topic_share_summary(topic_mentions: pd.DataFrame) -> str:
    counts = topic_counts(topic_mentions)
    if counts.empty:
        return "No topics were matched in the article."
    total = int(counts.sum())
    parts = [f"{t} {round(100 * int(n) / total)}%" for t, n in counts.items()]
    return f"{plural(len(counts), 'topic')} across {plural(total, 'matched term')}: " + "; ".join(parts) + "."
