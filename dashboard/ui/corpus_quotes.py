"""The quote explorer over every article: the widgets that set its filters, one page of rows.

The quotes page in scope "all articles" (``?scope=all``). URL parameters: ``speaker``
(repeatable; corpus-wide actor keys such as ``donald-trump`` — a display name such as
"Donald Trump" is accepted too; '(unattributed)' allowed), ``articles`` (repeatable
article ids), ``topic``, ``kind``, ``q`` as in one article, ``quote`` (``article~quote_id``),
``page`` (pages of ``MAX_ROWS`` rows).

Filtering, counting and paging run in SQL (``dashboard/query/quotes.py`` through the
loaders): the table holds only the ``MAX_ROWS`` rows of the page shown; the downloads are
made, with every filtered row, only when a button is clicked.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard.charts.counts import UNATTRIBUTED
from dashboard.charts.quote_cards import quote_cards
from dashboard.loaders import (
    CorpusData,
    QuotePage,
    corpus_quotes_csv,
    corpus_quotes_json,
    load_article_choices,
    load_corpus_quotes,
    load_known_articles,
)
from dashboard.query.quotes import CorpusFilter
from dashboard.store.actor_keys import name_key
from dashboard.ui.quote_filters import (
    KIND,
    MAX_CARDS,
    QUOTE,
    QUOTE_KINDS,
    ROW_HEIGHT,
    SEARCH,
    SPEAKER,
    TOPIC,
)
from dashboard.ui.responsive import wide_and_narrow
from dashboard.ui.row_table import download_pair, selectable_table
from dashboard.ui.url_state import note_ignored, seed, set_param, url_value, url_values

ARTICLES = "articles"
PAGE = "page"
CORPUS_PARAMS = (SPEAKER, ARTICLES, TOPIC, KIND, SEARCH, QUOTE, PAGE)
MAX_ROWS = 1_000  # rows drawn in the table, one page; downloads have all
MAX_OPTIONS = 1_000  # speakers offered in the select box (most quoted first)
SEPARATOR = "~"
PAGE_KEY = "quotes_all_page"

__all__ = ["CorpusFilter", "corpus_quote_filters", "corpus_quote_page", "corpus_quote_table", "corpus_downloads"]


def corpus_rows(quotes: pd.DataFrame) -> pd.DataFrame:
    """The table the reader sees: speaker, quote, article, date, cue, kind, topics.

    Speaker first (pinned), as in one article, so that every screen shows who said it.
    """
    return pd.DataFrame(
        {
            "speaker": quotes["speaker_name"].astype(object),
            "quote": quotes["text"].astype(object),
            "article": quotes["article"].astype(object),
            "date": quotes["date"].astype(object),
            "cue": quotes["cue"].fillna("").astype(object),
            "kind": quotes["kind"].astype(object),
            "topics": quotes["topics_text"].astype(object),
        },
        index=quotes.index,
    ).reset_index(drop=True)


def resolve_speakers(wanted: list[str], keys: set[str]) -> tuple[list[str], list[str]]:
    """URL values → (known keys, unknown values); a display name is taken by its key."""
    good: list[str] = []
    bad: list[str] = []
    for value in dict.fromkeys(wanted):
        if value == UNATTRIBUTED or value in keys:
            good.append(value)
        elif name_key(value) in keys:
            good.append(name_key(value))
        else:
            bad.append(value)
    return list(dict.fromkeys(good)), bad


# -- widgets ------------------------------------------------------------------------------------


def _seed_from_url(key: str, param: str, options: list[str], what: str) -> None:
    if key in st.session_state:
        return
    known = set(options)
    wanted = url_values(param)
    note_ignored(what, [v for v in wanted if v not in known])
    seed(key, [v for v in dict.fromkeys(wanted) if v in known])


def corpus_quote_filters(corpus: CorpusData) -> CorpusFilter:
    """Speaker (corpus-wide), article, topic, kind and search filters; return the choice."""
    speakers = corpus.speakers
    keys = set(speakers["speaker_key"])
    names = dict(zip(speakers["speaker_key"], speakers["name"], strict=True))
    counts = dict(zip(speakers["speaker_key"], speakers["quotes"], strict=True))
    spread = dict(zip(speakers["speaker_key"], speakers["articles"], strict=True))
    unattributed = corpus.totals.unattributed

    speaker_key = "quotes_all_speaker"
    if speaker_key not in st.session_state:
        good, bad = resolve_speakers(url_values(SPEAKER), keys)
        note_ignored("the speaker", bad)
        seed(speaker_key, good)
    chosen_now = [s for s in st.session_state[speaker_key] if s in keys or s == UNATTRIBUTED]
    options = list(speakers["speaker_key"].head(MAX_OPTIONS))
    options += [s for s in chosen_now if s not in options and s != UNATTRIBUTED]
    if unattributed:
        options.append(UNATTRIBUTED)
    st.session_state[speaker_key] = [s for s in chosen_now if s in options]

    topics = list(corpus.topics)  # quote topics are matched topic terms
    if "quotes_all_articles" not in st.session_state:
        wanted = list(dict.fromkeys(url_values(ARTICLES)))
        known = set(load_known_articles(wanted)["article"]) if wanted else set()
        note_ignored("the article", [v for v in wanted if v not in known])
        seed("quotes_all_articles", [v for v in wanted if v in known])
    chosen_ids = list(st.session_state["quotes_all_articles"])
    newest, _ = load_article_choices(MAX_OPTIONS)
    listed = pd.concat([load_known_articles(chosen_ids), newest], ignore_index=True)
    titles = dict(zip(listed["article"], listed["title"], strict=True))
    article_options = chosen_ids + [a for a in newest["article"] if a not in set(chosen_ids)]
    _seed_from_url("quotes_all_topic", TOPIC, topics, "the topic")
    _seed_from_url("quotes_all_kind", KIND, list(QUOTE_KINDS), "the quote kind")
    seed("quotes_all_q", url_value(SEARCH) or "")

    left, right = st.columns(2)
    chosen_speakers = left.multiselect(
        "Speaker",
        options,
        key=speaker_key,
        format_func=lambda k: (
            f"{UNATTRIBUTED} ({unattributed})"
            if k == UNATTRIBUTED
            else f"{names.get(k, k)} ({counts.get(k, 0)} in {spread.get(k, 0)})"
        ),
        placeholder="Any speaker",
        help="One entry per person across all articles (quotes, and in how many articles). "
        f"The {MAX_OPTIONS:,} most quoted are listed.",
    )
    chosen_articles = right.multiselect(
        "Article",
        article_options,
        key="quotes_all_articles",
        format_func=lambda a: str(titles.get(a, a)),
        placeholder="Any article",
        help=f"The {MAX_OPTIONS:,} most recent articles are listed; a link can name any article.",
    )
    left, middle, right = st.columns([1, 1, 2])
    chosen_topics = left.multiselect("Topic", topics, key="quotes_all_topic", placeholder="Any topic")
    chosen_kinds = middle.multiselect("Kind", list(QUOTE_KINDS), key="quotes_all_kind", placeholder="Any kind")
    text = right.text_input("Search", key="quotes_all_q", placeholder="words in the quote, speaker or cue")
    set_param(SPEAKER, chosen_speakers)
    set_param(ARTICLES, chosen_articles)
    set_param(TOPIC, chosen_topics)
    set_param(KIND, chosen_kinds)
    set_param(SEARCH, text.strip())
    return CorpusFilter(tuple(chosen_speakers), tuple(chosen_articles), tuple(chosen_topics), tuple(chosen_kinds), text)


def shown_note(shown: int, total: int, everything: int, *, first: int = 1) -> str:
    if total > shown:
        return (
            f"Showing quotes {first:,} to {first + shown - 1:,} of {total:,} matching quotes "
            f"({everything:,} in the corpus) — turn the page, narrow the filters or download them all."
        )
    return f"Showing {total:,} of {everything:,} quotes from every article. Select a row to read it in context."


def corpus_quote_page(chosen: CorpusFilter) -> QuotePage:
    """The page of filtered quotes the reader is on (``?page=``, from 1); a page box when there are several.

    A new filter starts again at page 1. Only this page's rows are fetched.
    """
    if st.session_state.get("quotes_all_filter") != chosen:
        st.session_state["quotes_all_filter"] = chosen
        if PAGE_KEY in st.session_state:
            st.session_state[PAGE_KEY] = 1
    wanted = url_value(PAGE)
    seed(PAGE_KEY, int(wanted) if wanted is not None and wanted.isdigit() and int(wanted) > 0 else 1)
    number = int(st.session_state[PAGE_KEY])
    result = load_corpus_quotes(chosen, offset=(number - 1) * MAX_ROWS, limit=MAX_ROWS)
    pages = max(1, math.ceil(result.total / MAX_ROWS))
    if number > pages:  # a link or an old page number beyond the last page
        number = st.session_state[PAGE_KEY] = pages
        result = load_corpus_quotes(chosen, offset=(number - 1) * MAX_ROWS, limit=MAX_ROWS)
    if pages > 1:
        st.number_input(
            f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=PAGE_KEY, width=200,
            help=f"{MAX_ROWS:,} quotes per page, in publication order.",
        )
    set_param(PAGE, str(number) if number > 1 else None)
    return result


def _card_source(row: pd.Series) -> str:
    date = row.get("date")
    return f"{row['title']} ({date if isinstance(date, str) and date else 'undated'})"


def corpus_quote_table(rows: pd.DataFrame) -> pd.Series | None:
    """The page's quotes as a table (wide screens) or cards (phones); return the selected one (``?quote=``)."""
    shown = rows.head(MAX_ROWS)
    wide, narrow = wide_and_narrow("quotes_all_view")
    with narrow:
        cards = shown.head(MAX_CARDS).assign(speaker=shown["speaker_name"])
        st.html(quote_cards(cards, extra=_card_source))
    with wide:
        selected = selectable_table(
            corpus_rows(shown),
            ids=list(shown["article"].astype(str) + SEPARATOR + shown["quote_id"].astype(str)),
            param=QUOTE,
            key="quotes_all_table",
            row_height=ROW_HEIGHT,
            column_config={
                "quote": st.column_config.TextColumn("Statement", width="large"),
                "speaker": st.column_config.TextColumn("Speaker", pinned=True),
                "article": st.column_config.TextColumn("Article"),
                "date": st.column_config.TextColumn("Date"),
                "cue": st.column_config.TextColumn("Cue"),
                "kind": st.column_config.TextColumn("Kind"),
                "topics": st.column_config.TextColumn("Topics"),
            },
        )
    return None if selected is None else shown.iloc[selected]


def corpus_downloads(chosen: CorpusFilter, total: int) -> None:
    """CSV and JSON of every filtered row (made from SQL only when the button is clicked)."""
    if total == 0:
        return
    download_pair(
        csv=lambda: corpus_quotes_csv(chosen),
        json=lambda: corpus_quotes_json(chosen),
        file_stem="corpus-quotes",
        key="quotes_all",
        label_note=f" ({total:,} rows)",
    )
