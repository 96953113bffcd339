"""The sentences behind a clicked heatmap cell; the cell is kept in the URL.

``?cell=<actor_id>~<paragraph>`` (actor × paragraph) and ``?pair=<actor_id>~<topic>``
(actor × topic): a shared link opens with the same sentences showing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.charts.counts import actor_names
from dashboard.charts.evidence import actor_paragraph_sentences, actor_topic_sentences
from dashboard.charts.heatmaps import Cell, selected_cell
from dashboard.charts.highlight import legend
from dashboard.loaders import ArticleData
from dashboard.ui.url_state import markdown_text, note_ignored, set_param, url_value

SEPARATOR = "~"


def _cell(points: Sequence[Mapping[str, Any]], param: str) -> Cell | None:
    """The clicked cell, else the one in the URL (written back so the link keeps it)."""
    cell = selected_cell(points)
    if cell is None:
        value = url_value(param)
        if value and SEPARATOR in value:
            row, column = value.split(SEPARATOR, 1)
            cell = Cell(row, column)
        elif value:
            note_ignored("the cell", [value])
    set_param(param, f"{cell.row}{SEPARATOR}{cell.column}" if cell else None)
    return cell


def _show(title: str, blocks: list[str], layers: Sequence[str]) -> None:
    with st.container(border=True):
        st.markdown(title)
        if not blocks:
            st.caption("No sentences found for this cell.")
            return
        st.html(legend(layers) + "".join(blocks))


def actor_paragraph_evidence(data: ArticleData, points: Sequence[Mapping[str, Any]]) -> None:
    cell = _cell(points, "cell")
    if cell is None:
        return
    names = actor_names(data.actors)
    if cell.row not in names or not cell.column.isdigit():
        note_ignored("the cell", [f"{cell.row}{SEPARATOR}{cell.column}"])
        set_param("cell", None)
        return
    paragraph = int(cell.column)
    blocks = actor_paragraph_sentences(
        cell.row, paragraph, sentences=data.sentences, mentions=data.mentions, name=names[cell.row]
    )
    _show(f"**{markdown_text(names[cell.row])}** in paragraph {paragraph}", blocks, ("actor",))


def actor_topic_evidence(data: ArticleData, points: Sequence[Mapping[str, Any]]) -> None:
    cell = _cell(points, "pair")
    if cell is None:
        return
    names = actor_names(data.actors)
    topics = set(data.topic_mentions["topic"])
    if cell.row not in names or cell.column not in topics:
        note_ignored("the actor–topic pair", [f"{cell.row}{SEPARATOR}{cell.column}"])
        set_param("pair", None)
        return
    blocks = actor_topic_sentences(
        cell.row,
        cell.column,
        sentences=data.sentences,
        mentions=data.mentions,
        topic_mentions=data.topic_mentions,
        name=names[cell.row],
    )
    _show(f"**{markdown_text(names[cell.row])}** and **{markdown_text(cell.column)}**", blocks, ("actor", "topic"))



def topic_terms(topic_mentions: pd.DataFrame, topic: str) -> pd.DataFrame:
    """The words that matched a topic, with how often (most first)."""
    terms = topic_mentions[topic_mentions["topic"] == topic]["term"].str.lower().value_counts()
    return terms.rename_axis("term").reset_index(name="times")
