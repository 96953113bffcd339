"""Desk and phone: the same rows as a table on a wide screen and as cards on a narrow one.

Streamlit cannot tell the server how wide the reader's screen is, so both are drawn and a
CSS media query shows one: containers keyed ``…_wide`` and ``…_narrow`` (Streamlit gives a
keyed container the class ``st-key-<key>``).
"""

from __future__ import annotations

from contextlib import AbstractContextManager

import streamlit as st

NARROW_PX = 640  # at most this wide: cards (a 375 px phone); wider: the table


def _css(key: str) -> str:
    return (
        "<style>"
        f"@media (max-width: {NARROW_PX}px) {{ .st-key-{key}_wide {{ display: none !important; }} }}"
        f"@media (min-width: {NARROW_PX + 1}px) {{ .st-key-{key}_narrow {{ display: none !important; }} }}"
        "</style>"
    )


def wide_and_narrow(key: str) -> tuple[AbstractContextManager[object], AbstractContextManager[object]]:
    """(container shown on wide screens, container shown on narrow screens)."""
    st.html(_css(key))
    return st.container(key=f"{key}_wide"), st.container(key=f"{key}_narrow")
