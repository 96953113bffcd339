"""The view lives in the URL: read query parameters to seed widgets, write them back.

A copied link reproduces the view: every page writes its filters to ``st.query_params``
after drawing its widgets, and seeds a widget from the URL the first time it is drawn.
Values that make no sense for the article are dropped with a visible note, never an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import urlencode

import streamlit as st

ARTICLE_PARAM = "article"


def url_values(param: str) -> list[str]:
    """All non-empty values of a query parameter (``?kind=direct&kind=partial``)."""
    return [v for v in st.query_params.get_all(param) if v.strip()]


def url_value(param: str) -> str | None:
    values = url_values(param)
    return values[0] if values else None


def seed(key: str, value: object) -> bool:
    """Give a widget its first value (from the URL); True if this was its first draw."""
    if key in st.session_state:
        return False
    st.session_state[key] = value
    return True


def set_param(param: str, value: str | Sequence[str] | None) -> None:
    """Write one parameter; an empty value removes it. Writes only when it changes."""
    values = [value] if isinstance(value, str) else list(value or [])
    values = [v for v in values if v != ""]
    if values == st.query_params.get_all(param):
        return
    if not values:
        del st.query_params[param]
    elif len(values) == 1:
        st.query_params[param] = values[0]
    else:
        st.query_params[param] = values


def keep_params(allowed: Iterable[str]) -> None:
    """Drop parameters that belong to other pages, so the URL describes this view only."""
    keep = {ARTICLE_PARAM, *allowed}
    for param in [p for p in st.query_params if p not in keep]:
        del st.query_params[param]


def split_known(wanted: Iterable[str], known: Iterable[str]) -> tuple[list[str], list[str]]:
    """(values that are known, values that are not), each in the order given."""
    options = set(known)
    good: list[str] = []
    bad: list[str] = []
    for value in dict.fromkeys(wanted):
        (good if value in options else bad).append(value)
    return good, bad


def markdown_text(text: object) -> str:
    """Text shown literally inside Markdown: every character Markdown acts on is escaped."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~$" else c for c in str(text))


def note_ignored(what: str, values: Sequence[str]) -> None:
    """Tell the reader that part of the link was ignored (the values shown literally)."""
    if values:
        shown = ", ".join(f"“{markdown_text(v)}”" for v in values)
        st.info(f"The link asked for {what} {shown}, which this article does not have — ignored.")


def share_query() -> str:
    """The query string of the current view."""
    pairs = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
    return urlencode(pairs)


def share_link() -> None:
    """'Copy link' and, folded, the full URL (a code box with a copy button) and an embed snippet."""
    from dashboard.ui.share import copy_link_button, embed_snippet, view_link

    link = view_link()
    copy_link_button()
    with st.expander("Link and embed code", expanded=False):
        st.caption("This link opens this exact view:")
        st.code(link or "(open the app in a browser to get a link)", language=None, wrap_lines=True)
        if link:
            st.caption("Embed this view in another page:")
            st.code(embed_snippet(link), language="html", wrap_lines=True)
