"""A table whose selected row lives in the URL, and the CSV/JSON download pair under it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.elements.arrow import DataframeStateInput

from dashboard.ui.url_state import set_param, url_value

Payload = str | Callable[[], str]  # the file's text, or a function that makes it when clicked


def selectable_table(
    frame: pd.DataFrame,
    *,
    ids: Sequence[str],
    param: str,
    key: str,
    column_config: Mapping[str, Any],
    row_height: int | None = None,
    max_height: int = 720,
) -> int | None:
    """Draw ``frame`` with single-row selection; the selected row's id is kept in ``?param=``.

    Returns the position of the selected row, or None.
    """
    wanted = url_value(param)
    default: DataframeStateInput | None = None
    if wanted is not None and wanted in ids:
        default = {"selection": {"rows": [list(ids).index(wanted)]}}
    event = st.dataframe(
        frame,
        key=key,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        selection_default=default,
        column_config=dict(column_config),
        row_height=row_height,
        height=min(max_height, 40 + (row_height or 35) * len(frame)) if row_height else "auto",
    )
    selected = list(event.selection.rows)  # type: ignore[union-attr]
    if selected and selected[0] < len(ids):
        set_param(param, ids[selected[0]])
        return int(selected[0])
    set_param(param, None)
    return None


def download_pair(*, csv: Payload, json: Payload, file_stem: str, key: str, label_note: str = "") -> None:
    """'Download CSV' and 'Download JSON' side by side (keys ``{key}_csv``, ``{key}_json``)."""
    left, right = st.columns(2)
    left.download_button(
        f"Download CSV{label_note}", csv, file_name=f"{file_stem}.csv", mime="text/csv", key=f"{key}_csv",
        on_click="ignore",
    )
    right.download_button(
        f"Download JSON{label_note}", json, file_name=f"{file_stem}.json", mime="application/json",
        key=f"{key}_json", on_click="ignore",
    )
