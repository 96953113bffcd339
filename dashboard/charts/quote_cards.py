"""Statements as cards for a phone: speaker first, then the quote, cue and paragraph.

Escaped HTML from a DataFrame of statement rows (``charts/statements.statement_rows``);
pure, no Streamlit. The page shows the cards instead of the table on narrow screens
(``ui/quote_filters.py`` switches the two with a CSS media query).
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd

from dashboard.charts.counts import speaker_labels

CARDS_CSS = """
.quote-cards { display: flex; flex-direction: column; gap: .6rem; }
.quote-card { border: 1px solid #d9d9d9; border-radius: .5rem; padding: .6rem .75rem; background: #fff; }
.quote-card .qc-speaker { font-weight: 700; font-size: 1rem; margin-bottom: .25rem; overflow-wrap: anywhere; }
.quote-card .qc-text { margin: 0 0 .35rem 0; padding-left: .6rem; border-left: 3px solid #E69F00;
  overflow-wrap: anywhere; }
.quote-card .qc-meta { color: #555; font-size: .85rem; }
.quote-card .qc-meta a { color: #0072B2; }
"""


def quote_cards(
    statements: pd.DataFrame,
    *,
    link: Callable[[str], str] | None = None,
    extra: Callable[[pd.Series], str] | None = None,
) -> str:
    """One card per statement row: speaker, quote (fragments joined), cue · ¶ · kind.

    ``link(quote_id)`` gives the address that opens the statement in context (a relative
    ``?…`` link); ``extra(row)`` adds plain text to the meta line (e.g. the article title).
    Every value is escaped.
    """
    if statements.empty:
        return ""
    speakers = speaker_labels(statements)
    cards = []
    for (_, row), speaker in zip(statements.iterrows(), speakers, strict=True):
        meta = [html.escape(str(row["cue"])) if isinstance(row.get("cue"), str) and row["cue"] else ""]
        meta.append(f"¶ {int(row['paragraph'])}")
        meta.append(html.escape(str(row["kind"])))
        fragments = int(row["fragments"]) if "fragments" in row and pd.notna(row["fragments"]) else 1
        if fragments > 1:
            meta.append(f"{fragments} fragments")
        if extra is not None:
            meta.append(html.escape(extra(row)))
        if link is not None:
            href = html.escape(link(str(row["quote_id"])), quote=True)
            meta.append(f'<a href="{href}" target="_self">in context</a>')
        cards.append(
            '<div class="quote-card">'
            f'<div class="qc-speaker">{html.escape(str(speaker))}</div>'
            f'<p class="qc-text">{html.escape(str(row["text"]))}</p>'
            f'<div class="qc-meta">{" · ".join(m for m in meta if m)}</div>'
            "</div>"
        )
    return f'<style>{CARDS_CSS}</style><div class="quote-cards">{"".join(cards)}</div>'
