"""Corpus: who is quoted most across articles, one actor over time, topics over time."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.corpus import (
    actor_timeline_chart,
    actor_timeline_summary,
    corpus_quoted_bar,
    corpus_quoted_summary,
    topic_attention_heatmap,
    topic_attention_summary,
)
from dashboard.charts.corpus_counts import topic_period_matrix
from dashboard.loaders import load_actor_timeline, load_article_choices, load_corpus, load_speaker_articles
from dashboard.ui.chart_block import chart
from dashboard.ui.corpus_focus import ACTOR, actor_picker
from dashboard.ui.headline import Figure, figures_row
from dashboard.ui.sources_panel import OUTLET, outlet_sources
from dashboard.ui.url_state import keep_params, markdown_text, share_link

TOP_SPEAKERS = 25
OUTLET_WINDOW = 5_000  # the sources panel per outlet reads the most recent articles only

keep_params((ACTOR, OUTLET))
corpus = load_corpus()
if corpus is None or corpus.totals.articles == 0:
    st.info("No articles have been built yet.")
    st.stop()

st.subheader("The whole corpus", anchor=False)
totals = corpus.totals
figures_row(
    [
        Figure("Articles", f"{totals.articles:,}"),
        Figure("Speakers", f"{len(corpus.speakers):,}"),
        Figure("Statements", f"{totals.statements:,}", f"from {totals.quotes:,} quoted fragments"),
        Figure("Actors", f"{len(corpus.actors):,}"),
    ]
)
if totals.first_date is not None:
    undated = totals.undated
    st.caption(
        f"Published {totals.first_date} to {totals.last_date}"
        + (f"; {undated} article{'s' if undated != 1 else ''} without a date" if undated else "")
        + ". Speakers and actors are linked across articles: “Trump” and “Donald Trump” are one person."
    )

st.markdown("#### Who is quoted most")
chart(
    corpus_quoted_bar(corpus.speakers, articles=totals.articles, source=corpus.source),
    corpus_quoted_summary(corpus.speakers, unattributed=totals.unattributed),
    key="corpus_quoted",
)
with st.expander(f"The {TOP_SPEAKERS} most quoted and the articles that quote them"):
    st.dataframe(
        load_speaker_articles(TOP_SPEAKERS),
        hide_index=True,
        key="corpus_speakers_table",
        column_config={
            "name": st.column_config.TextColumn("Speaker"),
            "quotes": st.column_config.NumberColumn("Statements"),
            "articles": st.column_config.NumberColumn("Articles"),
            "in_articles": st.column_config.TextColumn("In (statements)", width="large"),
            "speaker_key": st.column_config.TextColumn("Key", help="use in ?scope=all&speaker=… on Quotes"),
        },
    )
st.page_link("app_pages/quotes.py", label="Explore every quote of every article", query_params={"scope": "all"})

st.markdown("#### An actor across articles")
key = actor_picker(corpus.actors)
if key is not None:
    name = str(corpus.actors.set_index("key").at[key, "name"])
    timeline = load_actor_timeline(key)
    chart(
        actor_timeline_chart(timeline, name, source=corpus.source),
        actor_timeline_summary(timeline, name),
        key="corpus_actor_timeline",
    )
    st.dataframe(timeline, hide_index=True, key="corpus_actor_articles")
    if int(timeline["quotes"].sum()):
        st.page_link(
            "app_pages/quotes.py",
            label=f"Read {markdown_text(name)}'s quotes in every article",
            query_params={"scope": "all", "speaker": key},
        )

st.markdown("#### Sources per outlet: who is mentioned, who gets to speak")
outlet_sources(load_article_choices(OUTLET_WINDOW)[0], source=corpus.source)

st.markdown("#### Topic attention over time")
matrix = topic_period_matrix(corpus.topic_dates)
chart(topic_attention_heatmap(matrix, source=corpus.source), topic_attention_summary(matrix), key="corpus_topics")
share_link()
