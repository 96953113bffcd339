"""The sources panel: who is mentioned and who gets to speak, with the rows one click away.

Shown on the Overview (one article) and per outlet on the Corpus page. The counts are
pure functions in ``charts/sources.py``; here only the widgets.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.charts.counts import UNATTRIBUTED
from dashboard.charts.sources import (
    FEMALE,
    GENDER_NOTE,
    GOVERNMENT,
    MALE,
    NAMED,
    ORGANISATION,
    PEOPLE,
    SOURCE_KINDS,
    UNKNOWN,
    UNNAMED,
    gender_table,
    mentioned_quoted_chart,
    mentioned_vs_quoted,
    shares,
    source_rows,
    sources_summary,
)
from dashboard.charts.template import plural
from dashboard.loaders import load_several_articles
from dashboard.ui.chart_block import chart
from dashboard.ui.url_state import note_ignored, seed, set_param, url_value

ROW_COLUMNS = {
    "speaker": st.column_config.TextColumn("Speaker", pinned=True),
    "text": st.column_config.TextColumn("Statement", width="large"),
    "named": st.column_config.TextColumn("Named?", width="small"),
    "source": st.column_config.TextColumn("Kind of source"),
    "kind": st.column_config.TextColumn("Quote kind"),
}


def _share_line(parts: list[tuple[str, int, int]]) -> str:
    return " · ".join(f"**{percent}%** {name} ({count})" for name, count, percent in parts) or "none"


def _rows(frame: pd.DataFrame, *, key: str, columns: list[str]) -> None:
    st.dataframe(frame.loc[:, columns], hide_index=True, key=key, column_config=ROW_COLUMNS, row_height=56)


def sources_panel(
    *,
    actors: pd.DataFrame,
    mentions: pd.DataFrame,
    quotes: pd.DataFrame,
    sentences: pd.DataFrame,
    source: str,
    key: str,
) -> None:
    """Mentioned vs quoted (chart), the shares (named, kind of source, quote kinds, gender) as text,
    and the rows behind any figure one click away (drawn only when asked: the page stays light)."""
    table = mentioned_vs_quoted(actors, mentions, quotes)
    rows = source_rows(quotes, actors, sentences, mentions)
    chart(mentioned_quoted_chart(table, source=source), sources_summary(table, rows), key=f"{key}_mentioned_quoted")
    if rows.empty:
        st.caption("No statements to count sources in.")
        return
    attributed = rows[rows["named"] != UNATTRIBUTED]
    people = gender_table(rows)
    unattributed = int((rows["named"] == UNATTRIBUTED).sum())
    figures = {
        NAMED_VIEW: _share_line(shares(rows["named"], (NAMED, UNNAMED, UNATTRIBUTED))),
        KIND_VIEW: _share_line(shares(attributed["source"], (GOVERNMENT, ORGANISATION, PEOPLE))),
        QUOTE_KIND_VIEW: _share_line(shares(rows["kind"], SOURCE_KINDS))
        + f" · unattributed {round(100 * unattributed / len(rows))}%",
        GENDER_VIEW: _share_line(shares(people["gender"], (FEMALE, MALE, UNKNOWN))) if len(people) else "nobody",
    }
    for view, line in figures.items():
        st.markdown(f"**{view}:** {line}")
    st.caption(GENDER_NOTE)
    shown = st.pills(
        "The rows behind a figure",
        [ACTORS_VIEW, *figures],
        key=f"{key}_rows",
        help="Drawn only when asked: pick a figure to see the actors or statements it counts.",
    )
    if shown == ACTORS_VIEW:
        st.dataframe(
            table,
            hide_index=True,
            key=f"{key}_actors",
            column_config={
                "name": st.column_config.TextColumn("Actor", pinned=True),
                "mentions": st.column_config.NumberColumn("Mentioned"),
                "statements": st.column_config.NumberColumn("Quoted (statements)"),
            },
        )
    elif shown == NAMED_VIEW:
        st.caption("Named sources, unnamed ones (a description instead of a name), and statements without a speaker.")
        _rows(rows.sort_values("named", kind="stable"), key=f"{key}_named", columns=["speaker", "named", "text"])
    elif shown == KIND_VIEW:
        st.caption("From the actor's type and the role the article gives it; statements with a speaker.")
        _rows(attributed, key=f"{key}_kinds", columns=["speaker", "source", "text"])
    elif shown == QUOTE_KIND_VIEW:
        st.caption("Scare quotes are nobody's statement and are not counted.")
        _rows(rows, key=f"{key}_quote_kinds", columns=["speaker", "kind", "text"])
    elif shown == GENDER_VIEW:
        if people.empty:
            st.caption("No person is quoted (organisations and places are never given a gender).")
        else:
            st.dataframe(
                people,
                hide_index=True,
                key=f"{key}_gender",
                column_config={
                    "speaker": st.column_config.TextColumn("Person", pinned=True),
                    "method": st.column_config.TextColumn("How we know", width="medium"),
                },
            )


ACTORS_VIEW = "Mentioned and quoted"
NAMED_VIEW = "Named or not"
KIND_VIEW = "Kind of source"
QUOTE_KIND_VIEW = "Direct or reported"
GENDER_VIEW = "Gender of quoted people"


OUTLET = "outlet"
OUTLET_KEY = "corpus_outlet"
NO_OUTLET = "(no outlet)"
MAX_OUTLET_ARTICLES = 60  # articles read for one outlet's panel (the most recent)


def outlet_picker(articles: pd.DataFrame) -> str | None:
    """A select box of outlets (with their number of articles), kept in ``?outlet=``."""
    outlets = articles["outlet"].astype("string").fillna("").str.strip().replace("", NO_OUTLET)
    counts = outlets.value_counts()
    if counts.empty:
        return None
    options = list(counts.index)
    wanted = url_value(OUTLET)
    if wanted is not None and wanted not in options and OUTLET_KEY not in st.session_state:
        note_ignored("the outlet", [wanted])
    if wanted in options and st.session_state.get(OUTLET_KEY) not in (None, wanted):
        st.session_state[OUTLET_KEY] = wanted
    seed(OUTLET_KEY, wanted if wanted in options else options[0])
    chosen = st.selectbox(
        "Outlet",
        options,
        key=OUTLET_KEY,
        format_func=lambda o: f"{o} ({plural(int(counts[o]), 'article')})",
    )
    set_param(OUTLET, chosen)
    return str(chosen)


def outlet_frames(articles: pd.DataFrame, outlet: str) -> tuple[dict[str, pd.DataFrame], int]:
    """The actors, mentions, quotes and sentences of an outlet's most recent articles; and how many it has."""
    outlets = articles["outlet"].astype("string").fillna("").str.strip().replace("", NO_OUTLET)
    ids = [str(a) for a in articles.loc[outlets == outlet, "article"]]
    frames = load_several_articles(ids[-MAX_OUTLET_ARTICLES:])  # one query per table, not one per article
    return (frames if any(len(f) for f in frames.values()) else {}), len(ids)


def outlet_sources(articles: pd.DataFrame, *, source: str) -> None:
    """The sources panel for one outlet's articles."""
    outlet = outlet_picker(articles)
    if outlet is None:
        return
    frames, total = outlet_frames(articles, outlet)
    if not frames:
        st.caption("No article of this outlet could be read.")
        return
    if total > MAX_OUTLET_ARTICLES:
        st.caption(f"The {MAX_OUTLET_ARTICLES} most recent of its {total:,} articles.")
    sources_panel(**frames, source=source, key="corpus_sources")
