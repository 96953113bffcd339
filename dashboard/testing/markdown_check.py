"""What a Markdown string would become in the browser: links, images and raw HTML it forms.

Streamlit renders ``st.markdown``/``st.caption``/alerts/headings and widget labels with
CommonMark + GFM. We render with markdown-it-py (CommonMark, raw HTML on) and look at the
tags produced; GFM's bare-address auto-links (not in markdown-it's core) are found as remark-gfm finds them:
by pattern in the rendered text (after backslash escapes are resolved, so ``https\\://`` counts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt

# Tags Markdown itself produces from text; anything else came from raw HTML in the value.
MARKDOWN_TAGS = {
    "p", "em", "strong", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "blockquote", "hr", "br", "del", "s", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
# mdast-util-gfm-autolink-literal's patterns (URL and e-mail), applied to text nodes
AUTOLINK_LITERAL = re.compile(r"(?:https?://|www(?=\.))[-.\w]+|[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.IGNORECASE)
RENDERER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
# Fields of an element's proto that Streamlit renders as Markdown (options only for radio).
MARKDOWN_FIELDS = ("body", "label", "help", "text")
NOT_MARKDOWN = {"html", "code"}  # st.html is escaped HTML (browser tests); st.code shows text as is


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def live_markup(markdown: str) -> list[str]:
    """Links, images, raw HTML tags and bare auto-links that ``markdown`` would render ([] = safe)."""
    parser = _Tags()
    parser.feed(RENDERER.render(markdown))
    problems = [f"<{tag} {attrs}>" for tag, attrs in parser.found if tag not in MARKDOWN_TAGS]
    problems += [f"auto-link {m.group()!r}" for text in parser.text for m in AUTOLINK_LITERAL.finditer(text)]
    return problems


def link_targets(markdown: str) -> list[str]:
    """The ``href``/``src`` of every link and image ``markdown`` would render."""
    parser = _Tags()
    parser.feed(RENDERER.render(markdown))
    return [str(attrs.get("href") or attrs.get("src")) for tag, attrs in parser.found if tag in ("a", "img")]


def markdown_strings(nodes: Iterable[Any]) -> Iterator[tuple[str, str]]:
    """(element type, text) of every string an AppTest tree renders as Markdown."""
    for node in nodes:
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        kind = str(getattr(node, "type", ""))
        if kind in NOT_MARKDOWN:
            continue
        fields = {f.name for f in proto.DESCRIPTOR.fields}
        for name in MARKDOWN_FIELDS:
            if name in fields:
                value = getattr(proto, name)
                if isinstance(value, str) and value:
                    yield kind, value
        if kind == "radio":
            for option in proto.options:
                yield kind, str(option)
        for sub in ("expandable", "heading"):
            if sub in fields and proto.HasField(sub):
                yield from markdown_strings([_Proto(kind, getattr(proto, sub))])


class _Proto:
    """A nested proto message seen as a node (an expander's label sits in ``block.expandable``)."""

    def __init__(self, kind: str, proto: Any) -> None:
        self.type = kind
        self.proto = proto
