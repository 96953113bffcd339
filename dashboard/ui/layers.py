"""Highlight layer toggles for the article page; a layer switched off is ``?<layer>=off``."""

from __future__ import annotations

import streamlit as st

from dashboard.ui.url_state import seed, set_param, url_value

LAYERS = {"actor": "Actors", "quote": "Quotes", "topic": "Topics"}
LAYER_PARAMS = tuple(f"{layer}s" for layer in LAYERS)  # actors, quotes, topics


def layer_toggles(*, article: str) -> dict[str, bool]:
    """One toggle per layer (all on unless the URL says off); returns layer → on."""
    chosen: dict[str, bool] = {}
    for column, (layer, label) in zip(st.columns(len(LAYERS)), LAYERS.items(), strict=True):
        param = f"{layer}s"
        key = f"article_{param}_{article}"
        seed(key, url_value(param) != "off")
        chosen[layer] = column.toggle(label, key=key)
        set_param(param, None if chosen[layer] else "off")
    return chosen
