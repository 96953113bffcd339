"""The view lives in the URL: read query parameters to seed widgets, write them back.

A copied link reproduces the view: every page writes its filters to ``st.query_params``
after drawing its widgets, and seeds a widget from the URL the first time it is drawn.
Values that make no sense for the article are dropped with a visible note, never an error.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from urllib.parse import quote, urlencode

import streamlit as st

from dashboard.articles.metadata import is_http_url

ARTICLE_PARAM = "article"
MARKDOWN_PUNCTUATION = frozenset(string.punctuation)
CONTROL = frozenset(chr(c) for c in (*range(32), *range(127, 160), 0x2028, 0x2029))
WORD_JOINER = "\u2060"
AUTOLINK_START = re.compile(r"(https?|ftp|mailto|xmpp|www)(?=[:.])", re.IGNORECASE)
URL_SAFE = "/:?#&=%~+@,;!$*'-._"  # percent-encode the rest: brackets, backslash, quotes, <>


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
    """Text shown literally inside Markdown (and widget labels): no link, image, HTML or heading can form.

    Every ASCII punctuation character is backslash-escaped (CommonMark allows it for each), so
    ``[``, ``!``, ``<``, ``&`` and ``:`` never start markup and Streamlit's ``:colour[…]``/``$…$``
    never apply. GFM auto-links bare addresses in the text *after* escapes are resolved, so an
    invisible word joiner (U+2060) splits ``https:``, ``www.`` and ``@`` (``https⁠://…`` is not
    linked). Line breaks and other control characters become spaces: a value cannot start a block.
    The one helper for every value from a link or from article data.
    """
    unlinked = AUTOLINK_START.sub("\\1" + WORD_JOINER, str(text)).replace("@", "@" + WORD_JOINER)
    return "".join(
        "\\" + c if c in MARKDOWN_PUNCTUATION else (" " if c in CONTROL else c) for c in unlinked
    )


def markdown_link(label: object, url: object) -> str:
    """A Markdown link to an http(s) address with a host; anything else is shown as escaped text."""
    target = safe_url(url)
    if target is None:
        return markdown_text(label)
    return f"[{markdown_text(label)}]({quote(target, safe=URL_SAFE)})"


def safe_url(url: object) -> str | None:
    """``url`` if it is an http or https address with a host (the check metadata passes too)."""
    text = str(url or "").strip()
    return text if is_http_url(text) else None


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
    """'Copy link' and, folded, the full URL and an embed snippet, each with its own Copy button."""
    from dashboard.ui.share import copy_link_button, share_panel, view_link

    copy_link_button()
    with st.expander("Link and embed code", expanded=False):
        share_panel(view_link())
