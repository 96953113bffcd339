"""Article text → escaped HTML with ``<mark>`` highlights. Pure functions, no streamlit.

Offsets in the tables point into the article's *original* text, while paragraph and sentence
text is normalised (odd spaces folded). A span is placed by its offset relative to the
paragraph start only when the paragraph's length agrees and the text there matches; else it
is found by searching its surface text in the paragraph. Text is escaped before any markup
is added, so ``<script>`` in an article comes out as ``&lt;script&gt;``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Layer → (background, underline) — light Okabe–Ito tints, readable with black text.
LAYER_STYLES: dict[str, str] = {
    "actor": "background:#CFE3F1;color:inherit;border-radius:3px;padding:0 1px;",
    "quote": "background:#FBE3B8;color:inherit;border-radius:3px;padding:0 1px;",
    "topic": "background:transparent;color:inherit;border-bottom:2px solid #009E73;",
    "focus": "background:#F6C1A6;color:inherit;border-radius:3px;padding:0 2px;",
}
LAYER_NAMES: dict[str, str] = {
    "actor": "Actor mention",
    "quote": "Quote",
    "topic": "Topic term",
    "focus": "Selected",
}


@dataclass(frozen=True)
class Span:
    """A piece of article text to highlight: absolute offsets, its surface text, a layer."""

    start: int
    end: int
    text: str
    layer: str
    label: str = ""
    badge: str = ""  # shown in the text, not only on hover (touch screens): the quote's speaker


BADGE_STYLE = (
    "font-size:.72rem;font-weight:700;color:#5A3A00;background:#FFF4DE;border:1px solid #E69F00;"
    "border-radius:3px;padding:0 3px;margin-right:3px;white-space:nowrap;"
)


@dataclass(frozen=True)
class _Placed:
    start: int
    end: int
    span: Span


def place(spans: Iterable[Span], text: str, text_start: int, text_end: int) -> list[_Placed]:
    """Positions of the spans inside ``text`` (which covers text_start..text_end originally)."""
    same_length = (text_end - text_start) == len(text)
    placed: list[_Placed] = []
    search_from: dict[str, int] = {}
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        surface = " ".join(span.text.split())
        start = span.start - text_start
        end = span.end - text_start
        if (
            same_length
            and 0 <= start < end <= len(text)
            and (not surface or " ".join(text[start:end].split()) == surface)
        ):
            placed.append(_Placed(start, end, span))
            continue
        if not surface:
            continue
        found = text.find(surface, search_from.get(surface, 0))
        if found < 0:
            found = text.find(surface)
        if found >= 0:
            search_from[surface] = found + len(surface)
            placed.append(_Placed(found, found + len(surface), span))
    return placed


def _nest(placed: list[_Placed]) -> list[_Placed]:
    """Keep spans that nest cleanly (contained or disjoint); drop partial overlaps."""
    kept: list[_Placed] = []
    stack: list[_Placed] = []
    for item in sorted(placed, key=lambda p: (p.start, -p.end)):
        while stack and stack[-1].end <= item.start:
            stack.pop()
        if stack and item.end > stack[-1].end:
            continue  # crosses the boundary of an open span
        kept.append(item)
        stack.append(item)
    return kept


def _open_tag(span: Span) -> str:
    style = LAYER_STYLES.get(span.layer, LAYER_STYLES["focus"])
    title = f' title="{html.escape(span.label, quote=True)}"' if span.label else ""
    badge = f'<span class="hl-who" style="{BADGE_STYLE}">{html.escape(span.badge)}</span>' if span.badge else ""
    return f'<mark class="hl-{html.escape(span.layer, quote=True)}" style="{style}"{title}>{badge}'


def highlight(text: str, spans: Iterable[Span], *, text_start: int, text_end: int) -> str:
    """``text`` as escaped HTML with every span that can be placed wrapped in ``<mark>``."""
    out: list[str] = []
    cursor = 0
    open_spans: list[_Placed] = []

    def close_until(position: int) -> None:
        nonlocal cursor
        while open_spans and open_spans[-1].end <= position:
            closing = open_spans.pop()
            out.append(html.escape(text[cursor : closing.end]) + "</mark>")
            cursor = closing.end

    for item in _nest(place(spans, text, text_start, text_end)):
        close_until(item.start)
        out.append(html.escape(text[cursor : item.start]) + _open_tag(item.span))
        cursor = item.start
        open_spans.append(item)
    close_until(len(text))
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def legend(layers: Sequence[str]) -> str:
    """A one-line key to the highlight colours, as HTML."""
    chips = [
        f'<mark style="{LAYER_STYLES[layer]}">{html.escape(LAYER_NAMES[layer])}</mark>'
        for layer in layers
        if layer in LAYER_STYLES
    ]
    return '<p style="margin:0 0 .5rem 0;font-size:.9rem">' + " &nbsp; ".join(chips) + "</p>"


def paragraph_block(inner_html: str, *, number: int | None = None) -> str:
    """Wrap already-escaped paragraph HTML; the paragraph number goes in a small label."""
    label = (
        f'<span style="color:#6B6B6B;font-size:.75rem;margin-right:.4rem">¶{int(number)}</span>'
        if number is not None
        else ""
    )
    return f'<p style="line-height:1.6;margin:0 0 .8rem 0">{label}{inner_html}</p>'
