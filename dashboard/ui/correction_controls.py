"""Editors' controls on the Quotes and Article pages: correct a quote, add a missed one,
rename or merge actors, undo. Drawn only for editors (``dashboard/ui/roles.py``); one call
from each page: ``correction_controls(data, selected)``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.articles import read_article
from dashboard.corrections.apply import APPLIED, apply_corrections
from dashboard.corrections.connection import newsroom_store
from dashboard.corrections.records import KINDS, Correction, actor_merge, actor_rename, added_quote
from dashboard.corrections.service import Saved, quote_correction, save, speaker_id_for, undo
from dashboard.errors import DashboardError
from dashboard.loaders import ArticleData, build_dir, load_known_articles
from dashboard.ui.roles import Role, current_role
from dashboard.ui.url_state import markdown_text

NO_SPEAKER = "(no speaker)"
OTHER = "Another name…"


def _meta(article: str) -> pd.Series | None:
    rows = load_known_articles([article])  # one row by predicate, never the whole table
    return None if rows.empty else rows.iloc[0]


def _tables(data: ArticleData, meta: pd.Series) -> dict[str, pd.DataFrame]:
    return {"articles": meta.to_frame().T, "quotes": data.quotes, "actors": data.actors, "mentions": data.mentions}


def _save(record: Correction) -> None:
    try:
        saved = _save_now(record)
    except DashboardError as error:
        st.error(str(error))
        return
    st.toast(markdown_text(f"Correction #{saved.record.id} saved: {saved.record.describe()}"))
    st.rerun()


def _save_now(record: Correction) -> Saved:
    """Into the log and the stored tables (``corrections/service.save``); a problem with
    the tables is shown, the correction stays in the log."""
    saved = save(newsroom_store(), record, build_dir=build_dir())
    if saved.problem:
        st.warning(f"Saved in the log; the corpus views will show it after the next build ({saved.problem}).")
    return saved


def correction_controls(data: ArticleData, selected: pd.Series | None = None) -> None:
    """Editors only: the correction panel for ``data`` (``selected``: the quote picked in a table)."""
    role = current_role()
    if not role.editor:  # readers: not even a lookup
        return
    meta = _meta(data.article)
    if meta is None:  # texts analysed for this session only
        return
    st.markdown("#### Corrections")
    tables = _tables(data, meta)
    quote = selected if selected is not None else _pick_quote(data)
    if quote is not None:
        _quote_panel(data, tables, quote, role)
    with st.expander("Add a quote the extractor missed"):
        _add_quote_panel(data, meta, role)
    with st.expander("Rename or merge actors"):
        _actor_panel(data, meta, role)


def _pick_quote(data: ArticleData) -> pd.Series | None:
    if data.quotes.empty:
        return None
    ids = list(data.quotes["quote_id"].astype(str))
    texts = dict(zip(ids, data.quotes["text"].astype(str), strict=True))
    chosen = st.selectbox(
        "Quote to correct",
        [None, *ids],
        format_func=lambda q: "—" if q is None else f"{q}: {texts[q][:80]}",
        key=f"corr_pick_{data.article}",
    )
    return None if chosen is None else data.quotes[data.quotes["quote_id"] == chosen].iloc[0]


def _quote_panel(data: ArticleData, tables: dict[str, pd.DataFrame], quote: pd.Series, role: Role) -> None:
    quote_id = str(quote["quote_id"])
    key = f"corr_{data.article}_{quote_id}"
    mark = quote.get("corrected")
    st.caption(f"Quote {markdown_text(quote_id)}: “{markdown_text(str(quote['text'])[:160])}”")
    if isinstance(mark, str) and mark:
        st.caption(markdown_text(mark))
    names = [NO_SPEAKER, *sorted(set(data.actors["name"].astype(str))), OTHER]
    current = str(quote["speaker"]) if pd.notna(quote["speaker"]) and quote["speaker"] else NO_SPEAKER
    if current not in names:
        names.insert(-1, current)
    with st.container(border=True):
        left, middle, right = st.columns(3)
        speaker = left.selectbox("Speaker", names, index=names.index(current), key=f"{key}_speaker")
        typed = left.text_input("Name", key=f"{key}_typed") if speaker == OTHER else ""
        kind = middle.selectbox("Kind", KINDS, index=KINDS.index(str(quote["kind"])), key=f"{key}_kind")
        note = right.text_input("Note (optional)", key=f"{key}_note")
        save, remove = st.columns(2)
        if save.button("Save correction", type="primary", key=f"{key}_save"):
            try:
                if kind != quote["kind"]:
                    _save_now(quote_correction(tables, data.article, quote_id, by=role.name, kind=kind, note=note))
                wanted = typed.strip() if speaker == OTHER else ("" if speaker == NO_SPEAKER else speaker)
                if wanted != ("" if current == NO_SPEAKER else current):
                    _save(quote_correction(tables, data.article, quote_id, by=role.name, speaker=wanted, note=note))
                elif kind == quote["kind"]:
                    st.info("Nothing changed.")
                else:
                    st.rerun()
            except DashboardError as error:
                st.error(str(error))
        if remove.button("Not a quote", key=f"{key}_remove"):
            _save(quote_correction(tables, data.article, quote_id, by=role.name, remove=True, note=note))
    _history(data, quote)


def _history(data: ArticleData, quote: pd.Series) -> None:
    records = [
        r
        for r in newsroom_store().records(data.article)
        if (r.start, r.end) == (int(quote["start"]), int(quote["end"])) and r.id is not None
    ]
    undone = {r.undoes for r in records if r.undoes is not None}
    for record in reversed(records):
        line, button = st.columns([4, 1])
        line.caption(markdown_text(f"#{record.id} {record.at[:16]} {record.by}: {record.describe()}"))
        if record.id not in undone and button.button("Undo", key=f"corr_undo_{record.id}"):
            undo(newsroom_store(), int(record.id or 0), by=current_role().name, build_dir=build_dir())
            st.rerun()


def _add_quote_panel(data: ArticleData, meta: pd.Series, role: Role) -> None:
    paragraphs = data.paragraphs
    key = f"corr_add_{data.article}"
    number = st.selectbox(
        "Paragraph",
        list(paragraphs["paragraph"].astype(int)),
        format_func=lambda p: f"¶{p}: {str(paragraphs[paragraphs['paragraph'] == p].iloc[0]['text'])[:70]}",
        key=f"{key}_paragraph",
    )
    words = st.text_input("The exact words of the quote (as in the paragraph)", key=f"{key}_words")
    names = [NO_SPEAKER, *sorted(set(data.actors["name"].astype(str)))]
    speaker = st.selectbox("Speaker", names, key=f"{key}_speaker")
    kind = st.selectbox("Kind", KINDS, key=f"{key}_kind")
    if st.button("Add quote", key=f"{key}_go"):
        located = _locate(meta, paragraphs[paragraphs["paragraph"] == number].iloc[0], words)
        if located is None:
            st.error("Those words are not in that paragraph, exactly once. Copy them from the text.")
            return
        sentences = data.sentences[(data.sentences["start"] <= located) & (data.sentences["end"] > located)]
        name = None if speaker == NO_SPEAKER else speaker
        _save(
            added_quote(
                article=data.article, content_hash=str(meta["content_hash"]), text=words.strip(), start=located,
                paragraph=int(number), sentence=int(sentences.iloc[0]["sentence"]) if len(sentences) else 1,
                speaker=name, speaker_id=speaker_id_for(data.actors, data.article, name) if name else None,
                kind=kind, by=role.name,
            )
        )  # fmt: skip


def _locate(meta: pd.Series, paragraph: pd.Series, words: str) -> int | None:
    """Offset of ``words`` in the original article text, inside the paragraph; None unless found once."""
    words = words.strip()
    if not words:
        return None
    try:
        text = read_article(Path(str(meta["path"]))).text
    except DashboardError:
        return None
    span = text[int(paragraph["start"]) : int(paragraph["end"])]
    if span.count(words) != 1:
        return None
    return int(paragraph["start"]) + span.index(words)


def _actor_panel(data: ArticleData, meta: pd.Series, role: Role) -> None:
    actors = data.actors
    if actors.empty:
        st.caption("No actors in this article.")
        return
    ids = list(actors["actor_id"].astype(str))
    names = dict(zip(ids, actors["name"].astype(str), strict=True))
    key = f"corr_actor_{data.article}"
    chosen = st.selectbox("Actor", ids, format_func=names.__getitem__, key=f"{key}_which")
    row = actors[actors["actor_id"] == chosen].iloc[0]
    new_name = st.text_input("New name", key=f"{key}_name")
    anchor = str(meta["content_hash"])
    if st.button("Rename", key=f"{key}_rename"):
        try:
            _save(actor_rename(row, data.quotes, content_hash=anchor, name=new_name, by=role.name))
        except DashboardError as error:
            st.error(str(error))
    into = st.selectbox("Merge into", [i for i in ids if i != chosen], format_func=names.__getitem__, key=f"{key}_into")
    if into is not None and st.button("Merge", key=f"{key}_merge"):
        target = actors[actors["actor_id"] == into].iloc[0]
        _save(actor_merge(row, target, data.quotes, data.mentions, content_hash=anchor, by=role.name))


def record_status(data: ArticleData, content_hash: str, records: list[Correction]) -> dict[int | None, str]:
    """Applied or stale, for the Corrections page (applying again to corrected rows changes nothing)."""
    return apply_corrections(data.quotes, data.actors, data.mentions, records, content_hash=content_hash).status


__all__ = ["APPLIED", "correction_controls", "record_status"]
