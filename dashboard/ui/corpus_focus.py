"""Picking one actor of the corpus (kept in ``?actor=<key>``) for the cross-article views."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.store.actor_keys import name_key
from dashboard.ui.url_state import markdown_text, seed, set_param, url_value

ACTOR = "actor"
ACTOR_KEY = "corpus_actor"
MAX_OPTIONS = 1_000  # actors offered in the select box (in most articles first)


def _resolve(wanted: str, keys: set[str]) -> str | None:
    """A key from the URL, or the key of a display name ('Donald Trump' → donald-trump)."""
    if wanted in keys:
        return wanted
    return name_key(wanted) if name_key(wanted) in keys else None


def actor_labels(actors: pd.DataFrame) -> dict[str, str]:
    """Actor key → 'Name — 12 articles, 40 mentions', column-wise (a label per option per run)."""

    def counted(column: str, word: str) -> pd.Series:
        counts = actors[column].astype(int)
        return counts.astype(str) + " " + word + counts.ne(1).map({True: "s", False: ""})

    labels = actors["name"].astype(str) + " — " + counted("articles", "article") + ", " + counted("mentions", "mention")
    return dict(zip(actors["key"].astype(str), labels, strict=True))


def actor_picker(actors: pd.DataFrame) -> str | None:
    """A select box of actors (name, articles, mentions), seeded from the URL; returns a key.

    Without a choice in the link, the actor found in most articles is shown.
    """
    if actors.empty:
        st.caption("No actors were found in any article.")
        return None
    keys = set(actors["key"])
    wanted = url_value(ACTOR)
    resolved = _resolve(wanted, keys) if wanted is not None else None
    if wanted is not None and resolved is None and ACTOR_KEY not in st.session_state:
        shown = markdown_text(wanted)
        st.info(f"The link asked for the actor “{shown}”, which no article mentions — showing the most covered actor.")
    if resolved is not None and st.session_state.get(ACTOR_KEY) not in (None, resolved):
        st.session_state[ACTOR_KEY] = resolved  # the address was edited or a link opened
    seed(ACTOR_KEY, resolved or str(actors["key"].iloc[0]))
    options = list(actors["key"].head(MAX_OPTIONS))
    if st.session_state[ACTOR_KEY] not in keys:
        st.session_state[ACTOR_KEY] = options[0]
    if st.session_state[ACTOR_KEY] not in options:
        options.append(st.session_state[ACTOR_KEY])
    labels = actor_labels(actors)
    chosen = st.selectbox(
        "Actor",
        options,
        key=ACTOR_KEY,
        format_func=lambda k: labels.get(k, k),
        on_change=_write_actor,
        help=f"People, organisations and places linked across articles; the {MAX_OPTIONS:,} found in most articles.",
    )
    set_param(ACTOR, chosen)
    return str(chosen)


def _write_actor() -> None:
    set_param(ACTOR, st.session_state[ACTOR_KEY])
