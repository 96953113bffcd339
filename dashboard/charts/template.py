"""The one chart style: the ``newsroom`` plotly template and the furniture every chart gets.

A chart states its finding in the title, names its measure in the subtitle and carries a
source line underneath (BBC bbplot / FT / Datawrapper habits). Colours are Okabe–Ito, safe
for the common forms of colour blindness.
"""

from __future__ import annotations

import html
import math
import re

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE_NAME = "newsroom"

# Okabe & Ito (2008), "Color Universal Design": blue first, it reads well on white.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
PRIMARY = OKABE_ITO[0]
MUTED = "#6B6B6B"
# Sequential scale for counts: white to the palette's blue.
SEQUENTIAL: list[list[float | str]] = [[0.0, "#FFFFFF"], [0.25, "#CFE3F1"], [1.0, PRIMARY]]

FONT = "Helvetica Neue, Helvetica, Arial, sans-serif"
TOP_MARGIN = 88  # title + subtitle
SOURCE_GAP = 22  # one line of source text
TITLE_OFFSET = 12  # pixels from the top of the figure to the first title line
TITLE_WIDTH = 36  # characters per title line (17 px font on a 375 px phone)
SUBTITLE_WIDTH = 50
LABEL_WIDTH = 22  # characters: longer category labels are shortened (375 px phones)
# Width of one character of a 13 px tick label, rounded up (Helvetica/Arial average ~0.55 em),
# and the gap plotly keeps between the labels and the plot, plus a little slack.
LABEL_CHAR_PX = 0.56 * 13
LABEL_PAD_PX = 12
AXIS_TITLE_PX = 22  # a y-axis title beside the labels


def _template() -> go.layout.Template:
    return go.layout.Template(
        layout=go.Layout(
            font=dict(family=FONT, size=13, color="#222222"),
            colorway=list(OKABE_ITO),
            paper_bgcolor="#FFFFFF",
            plot_bgcolor="#FFFFFF",
            title=dict(x=0, xref="container", xanchor="left", pad=dict(l=8), font=dict(size=17)),
            margin=dict(l=8, r=8, t=TOP_MARGIN, b=40),
            xaxis=dict(
                automargin=True,
                showgrid=True,
                gridcolor="#E6E6E6",
                zeroline=False,
                ticks="",
                title=dict(font=dict(size=12, color=MUTED)),
            ),
            yaxis=dict(
                automargin=True,
                showgrid=False,
                zeroline=False,
                ticks="",
                title=dict(font=dict(size=12, color=MUTED)),
            ),
            legend=dict(orientation="h", x=0, xanchor="left", y=-0.18, yanchor="top", title=dict(text="")),
            hoverlabel=dict(font=dict(family=FONT, size=12), align="left"),
            coloraxis=dict(colorscale=SEQUENTIAL),
        )
    )


def register() -> str:
    """Register the template with plotly (idempotent) and return its name."""
    if TEMPLATE_NAME not in pio.templates:
        pio.templates[TEMPLATE_NAME] = _template()
    return TEMPLATE_NAME


register()


def short_label(text: str, width: int = LABEL_WIDTH) -> str:
    """A category label short enough for a phone: 'Vladimir Putin' stays, long names get '…'."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


MAX_COUNT_TICKS = 8


def count_step(top: float, most: int = MAX_COUNT_TICKS) -> int:
    """The tick step of a count axis up to ``top``: 1, 2, 5, 10, 20, 50 … — the smallest
    that needs at most ``most`` steps. Always a whole number: a count has no 0.5."""
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            step = multiple * magnitude
            if top / step <= most:
                return step
        magnitude *= 10


def count_axis(fig: go.Figure, top: float, *, axis: str = "x") -> None:
    """A count axis: from 0, whole-number ticks only, thousands separated."""
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(rangemode="tozero", tickmode="linear", tick0=0, dtick=count_step(max(float(top), 1.0)), tickformat=",d")


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def source_line(title: str | None, outlet: str | None, credit: str | None, date: str | None = None) -> str:
    """'Source: The Guardian, 2021-04-14' — outlet and date when known, then the credit if it adds
    something ('Source: Wikinews, 2019-02-15 · CC BY 2.5'). Never the headline standing in for an
    outlet: with nothing known the line is empty. (``title`` is accepted and ignored.)"""
    outlet_text = str(outlet).strip() if outlet and str(outlet).strip() else ""
    credit_text = str(credit).strip() if credit and str(credit).strip() else ""
    date_text = str(date).strip() if date and str(date).strip() else ""
    if outlet_text and credit_text.casefold().startswith(outlet_text.casefold()):
        credit_text = credit_text[len(outlet_text) :].lstrip(" ,;·—-")  # 'Wikinews, CC BY 2.5' credits the outlet
    head = ", ".join(p for p in (outlet_text or credit_text, date_text) if p)
    extra = credit_text if outlet_text and credit_text else ""
    if not head:
        return ""
    return f"Source: {head}" + (f" · {extra}" if extra else "")


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap into lines of at most ``width`` characters (long words stay whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def sentence_case(text: str) -> str:
    """'diplomacy leads…' → 'Diplomacy leads…' (only the first letter is touched)."""
    return text[:1].upper() + text[1:]


_MARKUP = re.compile(r"<[^>]*>")


def y_labels(fig: go.Figure) -> list[str]:
    """The category labels of the left y axis (its tick text, or the category values of its traces)."""
    axis = fig.layout.yaxis
    if axis.ticktext:
        return [str(text) for text in axis.ticktext]
    labels: list[str] = []
    for trace in fig.data:
        if getattr(trace, "yaxis", "y") not in (None, "y"):
            continue
        values = getattr(trace, "y", None)
        if values is None:
            continue
        if axis.type == "category" or any(isinstance(v, str) for v in values):
            labels.extend(str(v) for v in values)
    return labels


def label_margin(labels: list[str], *, axis_title: bool = False) -> int:
    """Left margin (px) that holds the longest label, one line of ``<br>``-split text at a time.

    Plotly's ``automargin`` would find the same room, but only by drawing the chart, measuring the
    labels and drawing it again — a second full draw on every page view. Reserving the room up front
    skips that; ``automargin`` stays on as the safety net, so a label wider than estimated still shows
    whole (it only costs the second draw)."""
    longest = 0
    for label in labels:
        for line in str(label).split("<br>"):
            longest = max(longest, len(html.unescape(_MARKUP.sub("", line))))
    if not longest:
        return 0
    return math.ceil(longest * LABEL_CHAR_PX) + LABEL_PAD_PX + (AXIS_TITLE_PX if axis_title else 0)


def finish(
    fig: go.Figure,
    *,
    title: str,
    subtitle: str,
    source: str = "",
    legend: bool = False,
    height: int = 380,
    tick_space: int = 0,
) -> go.Figure:
    """Apply the template, the finding as title, the measure as subtitle, the source line.

    ``tick_space``: extra pixels under the axis for slanted tick labels.
    """
    has_x_title = bool(fig.layout.xaxis.title.text)
    below_axis = 34 + tick_space + (20 if has_x_title else 0) + (34 if legend else 0)
    bottom = below_axis + (SOURCE_GAP if source else 0)
    # Plotly does not wrap titles: break them so they fit a 375 px phone.
    title_lines = wrap(sentence_case(title), TITLE_WIDTH)
    subtitle_lines = wrap(subtitle, SUBTITLE_WIDTH) if subtitle else []
    top = 30 + 22 * len(title_lines) + 16 * len(subtitle_lines)
    total = height + top - TOP_MARGIN
    fig.update_layout(
        template=register(),
        title=dict(
            text="<br>".join(html.escape(line) for line in title_lines),
            subtitle=dict(text="<br>".join(html.escape(line) for line in subtitle_lines)),
            y=1 - TITLE_OFFSET / total,
            yanchor="top",
            yref="container",
        ),
        showlegend=legend,
        height=total,
        margin=dict(b=bottom, t=top),
    )
    if fig.layout.yaxis.visible is not False:
        left = label_margin(y_labels(fig), axis_title=bool(fig.layout.yaxis.title.text))
        if left > int(fig.layout.margin.l or 0):
            fig.update_layout(margin=dict(l=left))
    if legend:  # just under the tick labels (and axis title), in paper units of the plot height
        plot_height = max(height - bottom - TOP_MARGIN, 1)
        offset = 28 + tick_space + (20 if has_x_title else 0)
        fig.update_layout(legend=dict(y=-offset / plot_height, yanchor="top"))
    if source:
        fig.add_annotation(
            text=html.escape(source),
            xref="paper",
            yref="paper",
            x=1,
            y=0,
            xanchor="right",
            yanchor="top",
            yshift=-below_axis,
            showarrow=False,
            align="right",
            font=dict(size=11, color=MUTED),
            name="source",
        )
    return fig


def align_tops(*figs: go.Figure) -> None:
    """Give charts drawn side by side the same space above the plot: the titles already start
    at the same height, and with this the plot areas do too, however many lines each title
    and subtitle wraps to. The plot area of each keeps its height."""
    top = max(int(f.layout.margin.t or 0) for f in figs)
    for fig in figs:
        extra = top - int(fig.layout.margin.t or 0)
        total = int(fig.layout.height or 0) + extra
        fig.update_layout(margin=dict(t=top), height=total, title=dict(y=1 - TITLE_OFFSET / total))


def empty_figure(message: str, *, title: str, subtitle: str = "", source: str = "") -> go.Figure:
    """A chart with nothing to plot: the message where the data would be, no axes."""
    fig = go.Figure()
    fig.add_annotation(
        text=html.escape(message),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font=dict(size=14, color=MUTED),
        name="empty",
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finish(fig, title=title, subtitle=subtitle, source=source, height=260)
