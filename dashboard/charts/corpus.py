"""Charts across articles: who is quoted most, one actor over time, topic attention over time.

Each takes the small aggregates of ``corpus_counts`` (never the full tables) and returns a
figure in the newsroom template; each has a ``*_summary`` sentence for the text under it.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.bars import MAX_BARS, _and, _height
from dashboard.charts.corpus_counts import MONTHLY_ABOVE, UNDATED, period_of
from dashboard.charts.heatmaps import COUNT_SCALE, count_colorbar
from dashboard.charts.template import (
    OKABE_ITO,
    PRIMARY,
    count_axis,
    empty_figure,
    finish,
    plural,
    short_label,
)

MAX_CREDITS = 3


def corpus_source(articles: pd.DataFrame) -> str:
    """'Source: Wikinews, CC BY 2.5; 1 article without a credit' — every credit (or outlet) used."""
    if articles.empty:
        return ""
    credit = articles["credit"].astype("string").str.strip().replace("", pd.NA)
    outlet = articles["outlet"].astype("string").str.strip().replace("", pd.NA)
    named = credit.fillna(outlet)
    return credits_source(named.dropna().value_counts(), int(named.isna().sum()))


def credits_source(used: pd.Series, unnamed: int) -> str:
    """The source line from articles per credit (most first) and the number without one."""
    if used.empty and not unnamed:
        return ""
    parts = [str(n) for n in used.index[:MAX_CREDITS]]
    if len(used) > MAX_CREDITS:
        parts.append(f"{len(used) - MAX_CREDITS} more")
    if unnamed:
        parts.append(plural(unnamed, "article") + " without a credit")
    return "Source: " + "; ".join(parts)


# -- who is quoted most across the corpus -------------------------------------------------------


def corpus_quoted_title(totals: pd.DataFrame) -> str:
    if totals.empty:
        return "No quote in the corpus is attributed to a speaker"
    top = totals.iloc[0]
    leaders = list(totals.loc[totals["quotes"] == top["quotes"], "name"].astype(str))
    if len(leaders) > 1:
        return f"{_and(leaders)} are quoted most across the corpus ({plural(int(top['quotes']), 'statement')} each)"
    return (
        f"{top['name']} is quoted most across the corpus: "
        f"{plural(int(top['quotes']), 'statement')} in {plural(int(top['articles']), 'article')}"
    )


def corpus_quoted_bar(totals: pd.DataFrame, *, articles: int, source: str = "") -> go.Figure:
    """Statements per speaker (linked across articles), the number of articles in the label.

    The frame's ``quotes`` column counts statements (acts of saying), not quoted fragments."""
    title = corpus_quoted_title(totals)
    subtitle = (
        f"Statements per speaker across {plural(articles, 'article')}; the same person in two articles counts once"
    )
    if totals.empty:
        return empty_figure("No attributed quotes in the corpus", title=title, subtitle=subtitle, source=source)
    shown = totals.head(MAX_BARS).iloc[::-1]
    names = [str(n) for n in shown["name"]]
    labels = [f"{q} · {plural(int(a), 'article')}" for q, a in zip(shown["quotes"], shown["articles"], strict=True)]
    fig = go.Figure(
        go.Bar(
            x=shown["quotes"].to_numpy(),
            y=[short_label(n) for n in names],
            orientation="h",
            marker_color=PRIMARY,
            text=labels,
            textposition="outside",
            cliponaxis=False,
            customdata=[[html.escape(n), int(a)] for n, a in zip(names, shown["articles"], strict=True)],
            hovertemplate="%{customdata[0]}: %{x} statements in %{customdata[1]} articles<extra></extra>",
        )
    )
    count_axis(fig, float(shown["quotes"].max()))
    fig.update_yaxes(type="category")
    fig.update_layout(margin=dict(r=90))
    return finish(fig, title=title, subtitle=subtitle, source=source, height=_height(len(totals)))


def corpus_quoted_summary(totals: pd.DataFrame, *, unattributed: int = 0) -> str:
    if totals.empty:
        return "No quote in the corpus has a speaker."
    parts = [
        f"{row.name} {plural(int(row.quotes), 'statement')} in {plural(int(row.articles), 'article')}"
        for row in totals.head(5).itertuples(index=False)
    ]
    text = f"{plural(len(totals), 'speaker')} quoted across the corpus; most quoted: " + "; ".join(parts)
    if unattributed:
        text += f"; {plural(unattributed, 'statement')} without a speaker"
    return text + "."


# -- one actor across articles ------------------------------------------------------------------


def _per_period(timeline: pd.DataFrame) -> pd.DataFrame:
    dated = timeline["date"] != UNDATED
    monthly = timeline.loc[dated, "date"].nunique() > MONTHLY_ABOVE
    frame = timeline.assign(period=period_of(timeline["date"], monthly=monthly))
    grouped = frame.groupby("period", sort=False).agg(
        mentions=("mentions", "sum"),
        quotes=("quotes", "sum"),
        titles=("title", lambda t: list(t)),
    )
    order = sorted(p for p in grouped.index if p != UNDATED) + ([UNDATED] if UNDATED in grouped.index else [])
    return grouped.reindex(order)


def actor_timeline_title(timeline: pd.DataFrame, name: str) -> str:
    if timeline.empty:
        return f"{name} is not in any article"
    quoted = int((timeline["quotes"] > 0).sum())
    text = f"{name} appears in {plural(len(timeline), 'article')}"
    return text + (f" and is quoted in {quoted}" if quoted else ", never quoted")


def actor_timeline_chart(timeline: pd.DataFrame, name: str, *, source: str = "") -> go.Figure:
    """Mentions and quotes per publication date (months when there are many) on a real time
    axis: gaps between dates are to scale. Undated articles cannot stand on it: the
    subtitle says how many there are and what they hold."""
    title = actor_timeline_title(timeline, name)
    undated = timeline[timeline["date"] == UNDATED] if len(timeline) else timeline
    subtitle = "Mentions and statements quoted per publication date" + _undated_note(undated)
    if timeline.empty:
        return empty_figure("No article mentions this actor", title=title, subtitle=subtitle, source=source)
    periods = _per_period(timeline).drop(index=UNDATED, errors="ignore")
    if periods.empty:
        return empty_figure("No dated article mentions this actor", title=title, subtitle=subtitle, source=source)
    x = list(periods.index)
    monthly = all(len(str(p)) == MONTH_LENGTH for p in x)
    hover = ["<br>".join(html.escape(short_label(t, 60)) for t in titles[:5]) for titles in periods["titles"]]
    when = "%{x|%b %Y}" if monthly else "%{x|%-d %b %Y}"
    fig = go.Figure()
    for measure, label, colour in (("mentions", "mentions", PRIMARY), ("quotes", "statements", OKABE_ITO[1])):
        fig.add_trace(
            go.Bar(
                x=x,
                y=periods[measure].to_numpy(),
                name=label,
                marker_color=colour,
                customdata=hover,
                hovertemplate=f"{when}: %{{y}} {label}<br>%{{customdata}}<extra></extra>",
                **({"xperiod": "M1", "xperiodalignment": "middle"} if monthly else {}),
            )
        )
    fig.update_xaxes(type="date", title_text="Publication date" + (" (month)" if monthly else ""))
    count_axis(fig, float(periods[["mentions", "quotes"]].to_numpy().max()), axis="y")
    fig.update_yaxes(showgrid=True, gridcolor="#E6E6E6")
    fig.update_layout(barmode="group")
    return finish(fig, title=title, subtitle=subtitle, source=source, legend=True, height=420, tick_space=50)


MONTH_LENGTH = len("2019-01")


def _undated_note(undated: pd.DataFrame) -> str:
    if undated.empty:
        return ""
    mentions, quotes = int(undated["mentions"].sum()), int(undated["quotes"].sum())
    return (
        f"; {plural(len(undated), 'article')} without a date not shown "
        f"({plural(mentions, 'mention')}, {plural(quotes, 'statement')})"
    )


def actor_timeline_summary(timeline: pd.DataFrame, name: str) -> str:
    if timeline.empty:
        return f"No article mentions {name}."
    undated = int((timeline["date"] == UNDATED).sum())
    dated = timeline[timeline["date"] != UNDATED]
    text = (
        f"{name}: {plural(int(timeline['mentions'].sum()), 'mention')} and "
        f"{plural(int(timeline['quotes'].sum()), 'statement')} quoted in {plural(len(timeline), 'article')}"
    )
    if len(dated):
        text += f", from {dated['date'].iloc[0]} to {dated['date'].iloc[-1]}"
    if undated:
        text += f"; {plural(undated, 'article')} without a date"
    return text + "."


# -- topic attention over time ------------------------------------------------------------------


def topic_attention_title(matrix: pd.DataFrame) -> str:
    """'Ukraine gets the most attention (22 terms), most in Sep 2019' — the peak in the chart's
    own time bins (a day, or a month when the dates span more than two months)."""
    if matrix.empty or int(matrix.to_numpy().sum()) == 0:
        return "No topics found in the corpus"
    top = str(matrix.index[0])
    total = int(matrix.loc[top].sum())
    bins, monthly = time_bins(matrix)
    if top in bins.index and int(bins.loc[top].sum()) > 0:
        peak = bins.loc[top].idxmax()
        when = f"in {peak:%b %Y}" if monthly else f"on {peak.day} {peak:%b %Y}"
    else:
        when = "in undated articles"
    return f"{top} gets the most attention ({plural(total, 'term')}), most {when}"


DAILY_SPAN_DAYS = 62  # dated articles spread over more days than this: one cell per month


def time_bins(matrix: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The dated columns of a topic × period matrix as consecutive time bins, every bin of the
    range present (empty ones zero), so a cell's width is its stretch of time and gaps are
    to scale: days when the dates span at most ``DAILY_SPAN_DAYS`` days, else months.
    Columns become the bins' first days (Timestamps); returns (bins, monthly)."""
    dated = matrix.drop(columns=[UNDATED], errors="ignore")
    starts = pd.to_datetime(
        [str(c) if len(str(c)) > MONTH_LENGTH else f"{c}-01" for c in dated.columns], format="%Y-%m-%d", errors="coerce"
    )
    keep = ~pd.isna(starts)
    dated, starts = dated.loc[:, keep], starts[keep]
    if dated.empty:
        return dated, False
    monthly = any(len(str(c)) == MONTH_LENGTH for c in dated.columns) or (
        (starts.max() - starts.min()).days > DAILY_SPAN_DAYS
    )
    bins = starts.to_period("M").to_timestamp() if monthly else starts
    summed = dated.T.groupby(bins).sum().T
    every = pd.date_range(bins.min(), bins.max(), freq="MS" if monthly else "D")
    return summed.reindex(columns=every, fill_value=0).astype("int64"), monthly


def topic_attention_heatmap(matrix: pd.DataFrame, *, source: str = "") -> go.Figure:
    """Topic terms per publication date (rows = topics, most first; darker = more) on a real
    time axis: one cell per day, or per month when the dates span more than two months, and
    every day or month of the range drawn (empty ones white), so gaps are to scale. Undated
    articles cannot stand on it: the subtitle says how many terms they hold."""
    title = topic_attention_title(matrix)
    undated = int(matrix[UNDATED].sum()) if UNDATED in matrix.columns else 0
    bins, monthly = time_bins(matrix)
    subtitle = f"Matched topic terms per publication {'month' if monthly else 'date'}, darker = more" + (
        f"; {plural(undated, 'term')} in undated articles not shown" if undated else ""
    )
    if matrix.empty or int(matrix.to_numpy().sum()) == 0:
        return empty_figure("No topic terms matched in the corpus", title=title, subtitle=subtitle, source=source)
    if bins.empty or int(bins.to_numpy().sum()) == 0:
        return empty_figure("No dated article has topic terms", title=title, subtitle=subtitle, source=source)
    bins = bins.loc[(bins > 0).any(axis=1)]  # a topic only in undated articles has no row here
    topics = [str(t) for t in bins.index]
    z = bins.to_numpy()
    top = max(int(z.max()), 1)
    when = "%b %Y" if monthly else "%-d %b %Y"
    labels = [c.strftime(when) for c in bins.columns]
    text = [
        [f"<b>{html.escape(t)}</b><br>{labels[j]}: {plural(int(z[i][j]), 'term')}" for j in range(len(labels))]
        for i, t in enumerate(topics)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=[[int(v) if v > 0 else None for v in row] for row in z],  # 0 → white gap, no hover
            x=list(bins.columns),
            y=[short_label(t) for t in topics],
            text=text,
            hovertemplate="%{text}<extra></extra>",
            hoverongaps=False,
            colorscale=COUNT_SCALE,
            zmin=1,
            zmax=max(top, 2),
            xgap=1 if len(labels) <= 120 else 0,
            ygap=1,
            showscale=True,
            colorbar=count_colorbar("terms", top),
            **({"xperiod": "M1", "xperiodalignment": "middle"} if monthly else {}),
        )
    )
    fig.update_xaxes(type="date", title_text="Publication date" + (" (month)" if monthly else ""), showgrid=False)
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False)
    fig.update_layout(plot_bgcolor="#FFFFFF")
    return finish(fig, title=title, subtitle=subtitle, source=source, height=200 + 26 * len(topics))


def topic_attention_summary(matrix: pd.DataFrame) -> str:
    if matrix.empty or int(matrix.to_numpy().sum()) == 0:
        return "No topic terms were matched in any article."
    totals = matrix.sum(axis=1)
    parts = [f"{t} {plural(int(n), 'term')} in {int((matrix.loc[t] > 0).sum())}" for t, n in totals.head(5).items()]
    periods = plural(len(matrix.columns), "publication date" if len(str(matrix.columns[0])) > 7 else "month")
    return (
        f"{plural(len(totals), 'topic')} across {periods} (terms, and in how many of them): " + "; ".join(parts) + "."
    )
