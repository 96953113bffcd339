"""The quote explorer's filters: pure selection logic, and the widgets that set it.

URL parameters: ``speaker`` (repeatable; '(unattributed)' allowed), ``topic`` (repeatable),
``kind`` (repeatable: direct, partial, indirect, scare), ``q`` (free text), ``quote``
(the selected quote id), ``scope`` (``all``: every article, see ``ui/corpus_quotes.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.charts.counts import speaker_counts, speaker_labels
from dashboard.ui.row_table import download_pair, selectable_table
from dashboard.ui.url_state import note_ignored, seed, set_param, split_known, url_value, url_values

SPEAKER, TOPIC, KIND, SEARCH, QUOTE, SCOPE = "speaker", "topic", "kind", "q", "quote", "scope"
PARAMS = (SPEAKER, TOPIC, KIND, SEARCH, QUOTE, SCOPE)
ALL_ARTICLES = "all"
SCOPES = {"article": "This article", ALL_ARTICLES: "All articles"}
TABLE_COLUMNS = ["quote", "speaker", "cue", "paragraph", "kind", "topics"]
# Same as dashboard.extract.records.QUOTE_KINDS (a test checks): importing that package
# would import spaCy, which the app must not load just to show built tables.
QUOTE_KINDS = ("direct", "partial", "indirect", "scare")


@dataclass(frozen=True)
class QuoteFilter:
    """What the reader asked for; empty tuples mean 'any'."""

    speakers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    text: str = ""


def quote_topics(quotes: pd.DataFrame) -> list[str]:
    """Every topic some quote touches, sorted."""
    return sorted({str(t) for topics in quotes["topics"] for t in (topics or [])})


def filter_quotes(quotes: pd.DataFrame, chosen: QuoteFilter) -> pd.DataFrame:
    """The quotes that pass every filter, in article order."""
    keep = pd.Series(True, index=quotes.index)
    if chosen.speakers:
        keep &= speaker_labels(quotes).isin(chosen.speakers)
    if chosen.topics:
        wanted = set(chosen.topics)
        keep &= quotes["topics"].map(lambda topics: bool(wanted.intersection(topics or [])))
    if chosen.kinds:
        keep &= quotes["kind"].isin(chosen.kinds)
    if chosen.text.strip():
        needle = chosen.text.strip().casefold()
        haystack = quotes["text"].fillna("") + " " + speaker_labels(quotes) + " " + quotes["cue"].fillna("")
        keep &= haystack.map(lambda s: needle in str(s).casefold())
    rows = quotes[keep.astype(bool)]
    return rows.sort_values(["paragraph", "start"], kind="stable").reset_index(drop=True)


def quote_rows(quotes: pd.DataFrame) -> pd.DataFrame:
    """The table the reader sees: quote, speaker ('(unattributed)' if none), cue, paragraph."""
    return pd.DataFrame(
        {
            "quote": quotes["text"].astype(object),
            "speaker": speaker_labels(quotes),
            "cue": quotes["cue"].fillna("").astype(object),
            "paragraph": quotes["paragraph"].astype("int64"),
            "kind": quotes["kind"].astype(object),
            "topics": quotes["topics"].map(lambda t: ", ".join(t or [])),
            "corrected": _corrected(quotes),  # "corrected by … on …" (dashboard/corrections)
        },
        index=quotes.index,
    )


def _corrected(quotes: pd.DataFrame) -> pd.Series:
    if "corrected" not in quotes.columns:
        return pd.Series([""] * len(quotes), index=quotes.index, dtype=object)
    return quotes["corrected"].fillna("").astype(object)


def export_records(quotes: pd.DataFrame) -> list[dict[str, object]]:
    """The filtered rows as plain records, for the JSON download."""
    records: list[dict[str, object]] = []
    for _, row in quotes.iterrows():
        records.append(
            {
                "article": str(row["article"]),
                "quote_id": str(row["quote_id"]),
                "text": str(row["text"]),
                "kind": str(row["kind"]),
                "speaker": None if pd.isna(row["speaker"]) or not row["speaker"] else str(row["speaker"]),
                "cue": None if pd.isna(row["cue"]) else str(row["cue"]),
                "paragraph": int(row["paragraph"]),
                "sentence": int(row["sentence"]),
                "start": int(row["start"]),
                "end": int(row["end"]),
                "topics": [str(t) for t in (row["topics"] or [])],
                "corrected": str(row.get("corrected") or ""),
            }
        )
    return records


def export_csv(quotes: pd.DataFrame) -> str:
    frame = pd.DataFrame(export_records(quotes), columns=list(_EXPORT_COLUMNS))
    frame["topics"] = frame["topics"].map(lambda t: "; ".join(t) if isinstance(t, list) else "")
    return frame.to_csv(index=False)


def export_json(quotes: pd.DataFrame) -> str:
    return json.dumps(export_records(quotes), ensure_ascii=False, indent=2)


_EXPORT_COLUMNS = (
    "article",
    "quote_id",
    "text",
    "kind",
    "speaker",
    "cue",
    "paragraph",
    "sentence",
    "start",
    "end",
    "topics",
    "corrected",
)


# -- widgets ------------------------------------------------------------------------------------


def _switch_scope() -> None:
    """Write the new scope into the URL before the rerun reads it; a selected quote is dropped.

    Speakers carry over: in all articles a display name is taken as its actor key.
    """
    scope = st.session_state["quotes_scope"]
    set_param(SCOPE, None if scope == "article" else scope)
    set_param(QUOTE, None)
    if scope == "article":
        set_param(SPEAKER, None)  # corpus keys are not this article's speaker names


def scope_control() -> str:
    """'This article' or 'All articles' (``?scope=all``); an unknown value gets a note."""
    key = "quotes_scope"
    wanted = url_value(SCOPE)
    if key not in st.session_state and wanted is not None and wanted not in SCOPES:
        st.info(f"The link asked for the scope “{wanted}”, which is not one of {', '.join(SCOPES)} — ignored.")
    if wanted in SCOPES and st.session_state.get(key) not in (None, wanted):
        st.session_state[key] = wanted  # the address was edited or a link opened
    seed(key, wanted if wanted in SCOPES else "article")
    scope = st.radio(
        "Scope",
        list(SCOPES),
        key=key,
        format_func=SCOPES.__getitem__,
        horizontal=True,
        on_change=_switch_scope,
        help="All articles: every built article's quotes, speakers linked across articles.",
    )
    set_param(SCOPE, None if scope == "article" else scope)
    return str(scope)


def _seeded_choice(key: str, param: str, options: list[str], what: str) -> None:
    """First draw of a multi-select: take its value from the URL, noting unknown values."""
    if key in st.session_state:
        return
    good, bad = split_known(url_values(param), options)
    note_ignored(what, bad)
    seed(key, good)


def quote_filters(quotes: pd.DataFrame, *, article: str) -> QuoteFilter:
    """Draw speaker, topic, kind and search filters (seeded from the URL); return the choice."""
    counts = speaker_counts(quotes)
    speakers = list(counts.index)
    topics = quote_topics(quotes)
    kinds = list(QUOTE_KINDS)
    keys = {p: f"quotes_{p}_{article}" for p in (SPEAKER, TOPIC, KIND, SEARCH)}
    _seeded_choice(keys[SPEAKER], SPEAKER, speakers, "the speaker")
    _seeded_choice(keys[TOPIC], TOPIC, topics, "the topic")
    _seeded_choice(keys[KIND], KIND, kinds, "the quote kind")
    seed(keys[SEARCH], url_value(SEARCH) or "")

    left, right = st.columns(2)
    chosen_speakers = left.multiselect(
        "Speaker",
        speakers,
        key=keys[SPEAKER],
        format_func=lambda s: f"{s} ({int(counts.get(s, 0))})",
        placeholder="Any speaker",
    )
    chosen_topics = right.multiselect("Topic", topics, key=keys[TOPIC], placeholder="Any topic")
    left, right = st.columns(2)
    chosen_kinds = left.multiselect(
        "Kind",
        kinds,
        key=keys[KIND],
        placeholder="Any kind",
        help="direct: a full quote in marks · partial: a phrase in marks inside reported "
        "speech · indirect: reported speech · scare: a word in marks, no speaker",
    )
    text = right.text_input("Search", key=keys[SEARCH], placeholder="words in the quote, speaker or cue")
    set_param(SPEAKER, chosen_speakers)
    set_param(TOPIC, chosen_topics)
    set_param(KIND, chosen_kinds)
    set_param(SEARCH, text.strip())
    return QuoteFilter(tuple(chosen_speakers), tuple(chosen_topics), tuple(chosen_kinds), text)


def quote_table(rows: pd.DataFrame, *, article: str) -> pd.Series | None:
    """The filtered quotes as a table; return the selected row (kept in ``?quote=``)."""
    selected = selectable_table(
        quote_rows(rows),
        ids=[str(i) for i in rows["quote_id"]],
        param=QUOTE,
        key=f"quotes_table_{article}",
        column_config={
            "quote": st.column_config.TextColumn("Quote", width="large"),
            "speaker": st.column_config.TextColumn("Speaker"),
            "cue": st.column_config.TextColumn("Cue"),
            "paragraph": st.column_config.NumberColumn("¶", help="paragraph (0 = headline)"),
            "kind": st.column_config.TextColumn("Kind"),
            "topics": st.column_config.TextColumn("Topics"),
            "corrected": st.column_config.TextColumn("Corrected"),
        },
    )
    return None if selected is None else rows.iloc[selected]


def downloads(rows: pd.DataFrame, *, article: str) -> None:
    """CSV and JSON of exactly the rows shown."""
    download_pair(csv=export_csv(rows), json=export_json(rows), file_stem=f"{article}-quotes", key="quotes")
