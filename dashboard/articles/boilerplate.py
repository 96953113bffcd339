"""HTML pages → plain article text, through trafilatura's boilerplate removal."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractedPage:
    text: str  # title line, blank line, paragraphs separated by blank lines
    title: str | None
    date: str | None
    url: str | None
    outlet: str | None


def extract_page(html: str) -> ExtractedPage | None:
    """Main text and metadata of an HTML page, or None when it holds no article text."""
    import trafilatura  # imported here: only HTML input needs it

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if document is None or isinstance(document, dict) or not (document.text or "").strip():
        return None
    lines = [line.strip() for line in (document.text or "").splitlines() if line.strip()]
    title = (document.title or "").strip() or None
    if title and lines and lines[0] == title:
        lines = lines[1:]
    if title:
        lines = [title, *lines]
    return ExtractedPage(
        text="\n\n".join(lines),
        title=title,
        date=document.date,
        url=document.url,
        outlet=document.sitename,
    )
