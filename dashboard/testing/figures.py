"""Reading the headline figures (``ui/headline.figures_row``) back from a page run by ``AppTest``."""

from __future__ import annotations

import re
from typing import Any

from dashboard.ui.headline import FIGURES_KEY
from dashboard.ui.url_state import WORD_JOINER


def plain(text: str) -> str:
    """Text as the reader sees it, from ``markdown_text``'s escaped form."""
    return re.sub(r"\\(.)", r"\1", text).replace(WORD_JOINER, "")


def _rows(node: Any) -> list[Any]:
    found = []
    for child in getattr(node, "children", {}).values():
        proto = getattr(child, "proto", None)
        if str(getattr(proto, "id", "")).endswith(f"-{FIGURES_KEY}"):
            found.append(child)
        elif hasattr(child, "children"):
            found.extend(_rows(child))
    return found


def shown_figures(at: Any) -> dict[str, str]:
    """Label → value as shown ("1,234") of every figures row on the page (empty if none)."""
    figures: dict[str, str] = {}
    for row in _rows(at.main):
        for cell in row.children.values():
            parts = list(cell.children.values())
            labels = [p for p in parts if type(p).__name__ == "Caption"]
            values = [p for p in parts if type(p).__name__ == "Header"]
            if labels and values:
                figures[plain(labels[0].value)] = plain(values[0].value)
    return figures
