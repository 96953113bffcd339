"""The quote explorer's filters: pure selection logic, and the widgets that set it.

URL parameters: ``speaker`` (repeatable; '(unattributed)' allowed), ``topic`` (repeatable),
``kind`` (repeatable: direct, partial, indirect, scare), ``q`` (free text), ``quote``
(the selected quote id), ``scope`` (``all``: every article, see ``ui/corpus_quotes.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard.charts.counts import speaker_counts, speaker_labels
from dashboard.charts.quote_cards import quote_cards
from dashboard.charts.statements import statement_keys, statement_rows
from dashboard.ui.responsive import wide_and_narrow
from dashboard.ui.row_table import download_pair, selectable_table
from dashboard.ui.share import copy_link_button
from dashboard.ui.url_state import (
    markdown_text,
    note_ignored,
    seed,
    set_param,
    split_known,
    url_value,
    url_values,
)

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


def search_words(text: str) -> tuple[str, ...]:
    """The words typed in a search box: split on white space, case-folded, each once.

    THE SEARCH RULE (mirror it in SQL): a row matches when every word occurs, as a
    substring, in the case-folded text ``quote + " " + speaker + " " + cue`` — all the
    words, in any order, anywhere (not the exact phrase). No words: everything matches.
    In SQL: ``strpos(lower(text || ' ' || speaker || ' ' || cue), ?) > 0`` once per word, ANDed.
    """
    return tuple(dict.fromkeys(text.casefold().split()))


def matches_words(haystack: pd.Series, text: str) -> pd.Series:
    """Which rows of ``haystack`` (quote + speaker + cue, any case) hold every search word."""
    keep = pd.Series(True, index=haystack.index)
    folded = haystack.fillna("").astype(str).str.casefold()
    for word in search_words(text):
        keep &= folded.str.contains(word, regex=False)
    return keep


def filter_quotes(quotes: pd.DataFrame, chosen: QuoteFilter) -> pd.DataFrame:
    """The quotes (fragment rows) that pass every filter, in article order."""
    keep = pd.Series(True, index=quotes.index)
    if chosen.speakers:
        keep &= speaker_labels(quotes).isin(chosen.speakers)
    if chosen.topics:
        wanted = set(chosen.topics)
        keep &= quotes["topics"].map(lambda topics: bool(wanted.intersection(topics or [])))
    if chosen.kinds:
        keep &= quotes["kind"].isin(chosen.kinds)
    if search_words(chosen.text):
        haystack = quotes["text"].fillna("") + " " + speaker_labels(quotes) + " " + quotes["cue"].fillna("")
        keep &= matches_words(haystack, chosen.text)
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
                "statement": int(row["statement"]) if "statement" in row and pd.notna(row["statement"]) else None,
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
    "statement",
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
        shown = markdown_text(wanted)
        st.info(f"The link asked for the scope “{shown}”, which is not one of {', '.join(SCOPES)} — ignored.")
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


def _clear(keys: dict[str, str]) -> None:
    """'Clear filters': every filter back to 'any', and out of the URL (the article stays)."""
    for param, key in keys.items():
        st.session_state[key] = "" if param == SEARCH else []
        set_param(param, None)
    set_param(QUOTE, None)


def filter_bar(keys: dict[str, str], *, active: bool) -> None:
    """Copy link and Clear filters, side by side above the filters."""
    prefix = next(iter(keys.values()))
    row = st.container(horizontal=True, vertical_alignment="center", key=f"{prefix}_bar")
    with row:
        copy_link_button()
        st.button(
            "Clear filters",
            key=f"{prefix}_clear",
            on_click=_clear,
            args=(keys,),
            disabled=not active,
            help="Show every quote again",
        )


def quote_filters(quotes: pd.DataFrame, *, article: str) -> QuoteFilter:
    """Draw speaker, topic, kind and search filters (seeded from the URL); return the choice.

    Copy link and Clear filters sit above them; the filters fold into one expander (a
    phone reader folds them away with one tap).
    """
    counts = speaker_counts(quotes)
    speakers = list(counts.index)
    topics = quote_topics(quotes)
    kinds = list(QUOTE_KINDS)
    keys = {p: f"quotes_{p}_{article}" for p in (SPEAKER, TOPIC, KIND, SEARCH)}
    _seeded_choice(keys[SPEAKER], SPEAKER, speakers, "the speaker")
    _seeded_choice(keys[TOPIC], TOPIC, topics, "the topic")
    _seeded_choice(keys[KIND], KIND, kinds, "the quote kind")
    seed(keys[SEARCH], url_value(SEARCH) or "")

    active = any(st.session_state.get(k) for k in keys.values())
    filter_bar(keys, active=active)
    with st.expander("Filters", expanded=True):
        left, right = st.columns(2)
        chosen_speakers = left.multiselect(
            "Speaker",
            speakers,
            key=keys[SPEAKER],
            format_func=lambda s: f"{s} ({int(counts.get(s, 0))})",
            placeholder="Any speaker",
            help="With the number of statements: one act of saying, however many quoted fragments.",
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
        text = right.text_input(
            "Search", key=keys[SEARCH], placeholder="words in the quote, speaker or cue (all of them, any order)"
        )
    set_param(SPEAKER, chosen_speakers)
    set_param(TOPIC, chosen_topics)
    set_param(KIND, chosen_kinds)
    set_param(SEARCH, text.strip())
    return QuoteFilter(tuple(chosen_speakers), tuple(chosen_topics), tuple(chosen_kinds), text)


def matched_statements(quotes: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The statements (``charts/statements.statement_rows``) that have at least one matching row.

    A statement keeps all its fragments, also those the filters did not match.
    """
    wanted = set(statement_keys(rows))
    return statement_rows(quotes[statement_keys(quotes).isin(wanted)])


def empty_note(chosen: QuoteFilter) -> str:
    """What to change when nothing matches (Markdown, values escaped)."""
    parts = []
    if chosen.speakers:
        parts.append("the speaker " + ", ".join(f"“{markdown_text(s)}”" for s in chosen.speakers))
    if chosen.topics:
        parts.append("the topic " + ", ".join(f"“{markdown_text(t)}”" for t in chosen.topics))
    if chosen.kinds:
        parts.append("the kind " + ", ".join(f"“{markdown_text(k)}”" for k in chosen.kinds))
    words = search_words(chosen.text)
    if words:
        parts.append("the words " + " ".join(f"“{markdown_text(w)}”" for w in words) + " (every word must appear)")
    asked = "; ".join(parts) if parts else "these filters"
    return f"No quote matches {asked}. Remove a filter or fewer words, or press **Clear filters**."


def statement_table_rows(statements: pd.DataFrame) -> pd.DataFrame:
    """The table the reader sees: speaker first (always visible), the statement, cue, paragraph.

    When an editor corrected a row in view, "corrected by … on …" stands next to the speaker
    (a correction is about who said it or what kind it is); otherwise there is no such column.
    """
    rows = quote_rows(statements)
    rows["fragments"] = statements["fragments"].astype("int64") if "fragments" in statements else 1
    corrected = ["corrected"] if rows["corrected"].astype(str).str.len().gt(0).any() else []
    return rows.loc[:, ["speaker", *corrected, "quote", "cue", "paragraph", "kind", "fragments", "topics"]]


STATEMENT_COLUMNS = {
    "speaker": st.column_config.TextColumn("Speaker", pinned=True),
    "quote": st.column_config.TextColumn("Statement", width="large", help="fragments of one statement joined by …"),
    "cue": st.column_config.TextColumn("Cue", width="small"),
    "paragraph": st.column_config.NumberColumn("¶", help="paragraph (0 = headline)", width=40),
    "kind": st.column_config.TextColumn("Kind", width="small"),
    "fragments": st.column_config.NumberColumn("Parts", help="quoted fragments in this statement", width=50),
    "topics": st.column_config.TextColumn("Topics", width="medium"),
    "corrected": st.column_config.TextColumn("Corrected", help="an editor's correction: who and when"),
}
ROW_HEIGHT = 104  # five lines of text: long statements and topic lists wrap instead of being cut


def quote_table(rows: pd.DataFrame, *, article: str) -> pd.Series | None:
    """The statements as a table (wide screens) and as cards (phones); return the selected statement.

    The selection is kept in ``?quote=`` (the statement's first quote id).
    """
    wide, narrow = wide_and_narrow(f"quotes_view_{article}")
    with wide:
        selected = selectable_table(
            statement_table_rows(rows),
            ids=[str(i) for i in rows["quote_id"]],
            param=QUOTE,
            key=f"quotes_table_{article}",
            column_config=STATEMENT_COLUMNS,
            row_height=ROW_HEIGHT,
        )
    with narrow:
        shown = rows.head(MAX_CARDS)
        st.html(quote_cards(shown, link=lambda quote_id: _card_link(quote_id)))
        if len(rows) > len(shown):
            st.caption(f"The first {len(shown)} of {len(rows)} statements; narrow the filters to see the rest.")
    return None if selected is None else rows.iloc[selected]


MAX_CARDS = 100


def _card_link(quote_id: str) -> str:
    pairs = [(k, v) for k in st.query_params if k != QUOTE for v in st.query_params.get_all(k)]
    return "?" + urlencode([*pairs, (QUOTE, quote_id)])


def statement_fragments(statement: pd.Series, quotes: pd.DataFrame) -> pd.DataFrame:
    """The fragment rows of one statement (from ``quote_ids``), in text order."""
    ids = statement.get("quote_ids")
    wanted = [str(i) for i in ids] if ids is not None and len(ids) else [str(statement["quote_id"])]
    rows = quotes[quotes["quote_id"].astype(str).isin(wanted)]
    if "article" in statement and "article" in quotes:
        rows = rows[rows["article"] == statement["article"]]
    return rows.sort_values(["start", "end"], ascending=[True, False], kind="stable")


def show_fragments(statement: pd.Series, quotes: pd.DataFrame, *, key: str) -> None:
    """An opened statement: its quoted fragments, one row each (ids as in the downloads)."""
    fragments = statement_fragments(statement, quotes)
    if len(fragments) < 2:
        return
    st.caption(f"This statement has {len(fragments)} quoted fragments:")
    st.dataframe(
        fragments.loc[:, ["quote_id", "text", "kind", "cue"]],
        hide_index=True,
        key=key,
        column_config={
            "quote_id": st.column_config.TextColumn("Quote id"),
            "text": st.column_config.TextColumn("Fragment", width="large"),
        },
        row_height=ROW_HEIGHT,
    )


def downloads(rows: pd.DataFrame, *, article: str) -> None:
    """CSV and JSON of exactly the rows matched (every fragment, with its statement id).

    Made only when a button is clicked (Streamlit's deferred downloads), never on a rerun.
    """
    if rows.empty:
        return
    download_pair(
        csv=lambda: export_csv(rows),
        json=lambda: export_json(rows),
        file_stem=f"{article}-quotes",
        key="quotes",
        label_note=f" ({len(rows)} rows)",
    )
