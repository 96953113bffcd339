"""A chart as the reader gets it: the figure in newsroom style and a sentence for screen readers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from dashboard.ui.url_state import markdown_text

PLOTLY_CONFIG: dict[str, Any] = {"displaylogo": False, "responsive": True}


def chart(fig: go.Figure, summary: str, *, key: str) -> None:
    """Draw a figure (our template, not Streamlit's theme) with its text summary underneath."""
    st.plotly_chart(fig, theme=None, key=key, config=PLOTLY_CONFIG)
    st.caption(markdown_text(summary))


def clickable_chart(fig: go.Figure, summary: str, *, key: str) -> list[Mapping[str, Any]]:
    """As ``chart``, and return the points the reader clicked (empty when none)."""
    event = st.plotly_chart(
        fig,
        theme=None,
        key=key,
        config=PLOTLY_CONFIG,
        on_select="rerun",
        selection_mode=("points",),
    )
    st.caption(markdown_text(summary))
    try:
        return list(event.selection.points)  # type: ignore[union-attr]
    except (AttributeError, KeyError):
        return []
