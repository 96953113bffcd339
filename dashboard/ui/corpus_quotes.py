"""The quote explorer over every article: pure filtering, and the widgets that set it.

The quotes page in scope "all articles" (``?scope=all``). URL parameters: ``speaker``
(repeatable; corpus-wide actor keys such as ``donald-trump`` — a display name such as
"Donald Trump" is accepted too; '(unattributed)' allowed), ``articles`` (repeatable
article ids), ``topic``, ``kind``, ``q`` as in one article, ``quote`` (``article~quote_id``).

Filtering works on the cached corpus frame with boolean masks; the table shows at most
``MAX_ROWS`` rows, the downloads give every filtered row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.charts.corpus_counts import NO_KEY
from dashboard.charts.counts import UNATTRIBUTED
from dashboard.charts.quote_cards import quote_cards
from dashboard.charts.statements import statement_keys, statement_rows
from dashboard.loaders import CorpusData
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
    matches_words,
    search_words,
)
from dashboard.ui.responsive import wide_and_narrow
from dashboard.ui.row_table import download_pair, selectable_table
from dashboard.ui.url_state import note_ignored, seed, set_param, url_value, url_values

ARTICLES = "articles"
CORPUS_PARAMS = (SPEAKER, ARTICLES, TOPIC, KIND, SEARCH, QUOTE)
MAX_ROWS = 1_000  # rows drawn in the table; downloads have all
MAX_OPTIONS = 1_000  # speakers offered in the select box (most quoted first)
SEPARATOR = "~"
EXPORT_COLUMNS = [
    "article",
    "title",
    "date",
    "quote_id",
    "text",
    "kind",
    "speaker",
    "speaker_key",
    "cue",
    "paragraph",
    "sentence",
    "start",
    "end",
    "topics",
    "statement",
]


@dataclass(frozen=True)
class CorpusFilter:
    """What the reader asked for; empty tuples mean 'any'. Speakers are actor keys."""

    speakers: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    text: str = ""


def filter_corpus_quotes(quotes: pd.DataFrame, chosen: CorpusFilter) -> pd.DataFrame:
    """The quotes (of ``corpus_quotes``) that pass every filter, in corpus order."""
    keep = pd.Series(True, index=quotes.index)
    if chosen.speakers:
        keys = {NO_KEY if s == UNATTRIBUTED else s for s in chosen.speakers}
        keep &= quotes["speaker_key"].isin(keys)
    if chosen.articles:
        keep &= quotes["article"].isin(chosen.articles)
    if chosen.kinds:
        keep &= quotes["kind"].isin(chosen.kinds)
    if chosen.topics:
        wanted = set(chosen.topics)
        keep &= quotes["topics"].map(lambda topics: bool(wanted.intersection(topics if topics is not None else [])))
    if search_words(chosen.text):
        keep &= matches_words(quotes["search_text"], chosen.text)  # every word, any order
    return quotes[keep.astype(bool)]


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


def export_frame(quotes: pd.DataFrame) -> pd.DataFrame:
    frame = quotes.rename(columns={"speaker_name": "speaker_display"}).copy()
    frame["speaker"] = quotes["speaker"].astype("string").replace("", pd.NA)
    frame["topics"] = quotes["topics"].map(lambda t: [str(x) for x in t] if t is not None else [])
    return frame.loc[:, EXPORT_COLUMNS].reset_index(drop=True)


def export_csv(quotes: pd.DataFrame) -> str:
    frame = export_frame(quotes)
    frame["topics"] = frame["topics"].map("; ".join)
    return frame.to_csv(index=False)


def export_json(quotes: pd.DataFrame) -> str:
    frame = export_frame(quotes).astype(object)
    records = frame.where(frame.notna(), None).to_dict(orient="records")
    return json.dumps(records, ensure_ascii=False, indent=1, default=int)


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
    quotes = corpus.quotes
    speakers = corpus.speakers
    keys = set(speakers["speaker_key"])
    names = dict(zip(speakers["speaker_key"], speakers["name"], strict=True))
    counts = dict(zip(speakers["speaker_key"], speakers["quotes"], strict=True))
    spread = dict(zip(speakers["speaker_key"], speakers["articles"], strict=True))
    unattributed = int((quotes["speaker_key"] == NO_KEY).sum())

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

    titles = dict(zip(corpus.articles["article"], corpus.articles["title"], strict=True))
    article_ids = list(corpus.articles["article"])
    topics = sorted(set(corpus.topic_articles["topic"]))  # quote topics are matched topic terms
    _seed_from_url("quotes_all_articles", ARTICLES, article_ids, "the article")
    chosen_ids = list(st.session_state["quotes_all_articles"])
    newest = article_ids[-MAX_OPTIONS:] if len(article_ids) > MAX_OPTIONS else article_ids
    article_options = chosen_ids + [a for a in newest if a not in set(chosen_ids)]
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


def shown_note(shown: int, total: int, everything: int) -> str:
    if total > shown:
        return (
            f"Showing the first {shown:,} of {total:,} matching quotes ({everything:,} in the corpus) — "
            "narrow the filters or download them all."
        )
    return f"Showing {total:,} of {everything:,} quotes from every article. Select a row to read it in context."


def corpus_statements(quotes: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The statements of the first ``MAX_ROWS`` matching rows, each with all its fragments."""
    wanted = set(statement_keys(rows.head(MAX_ROWS)))
    if not wanted:
        return statement_rows(rows.head(0))
    return statement_rows(quotes[statement_keys(quotes).isin(wanted)])


def _card_source(row: pd.Series) -> str:
    date = row.get("date")
    return f"{row['title']} ({date if isinstance(date, str) and date else 'undated'})"


def corpus_quote_table(rows: pd.DataFrame) -> pd.Series | None:
    """Statements as a table (wide screens) or cards (phones); return the selected one (``?quote=``).

    ``rows`` are statement rows (``corpus_statements``), at most ``MAX_ROWS``.
    """
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


def corpus_downloads(rows: pd.DataFrame) -> None:
    """CSV and JSON of every filtered row (made only when the button is clicked); none when empty."""
    if rows.empty:
        return
    download_pair(
        csv=lambda: export_csv(rows),
        json=lambda: export_json(rows),
        file_stem="corpus-quotes",
        key="quotes_all",
        label_note=f" ({len(rows):,} rows)",
    )
