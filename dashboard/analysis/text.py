"""A reader's upload or paste → an ``Article``, checked exactly as the build reads files (no spaCy)."""

from __future__ import annotations

from pathlib import Path

from dashboard import settings
from dashboard.articles import Article, parse_article
from dashboard.articles.reader import decode
from dashboard.errors import ArticleError

PASTED = "pasted text"


def upload_name(filename: str | None) -> str:
    """How messages name the text: the upload's own file name (never a server path) or 'pasted text'."""
    return Path(filename).name if filename else PASTED


def upload_suffix(filename: str | None) -> str:
    return Path(filename).suffix.lower() if filename else ".txt"


def upload_article(data: bytes, *, filename: str | None, article_id: str, max_bytes: int | None = None) -> Article:
    """Check size, type and encoding, and parse; ``ArticleError`` (one line) when it cannot be used."""
    name = upload_name(filename)
    limit = max_bytes or settings.MAX_UPLOAD_MB * 1_000_000
    if len(data) > limit:
        raise ArticleError(
            name, f"the upload is {len(data) / 1_000_000:.1f} MB, over the {limit / 1_000_000:.0f} MB limit"
        )
    suffix = upload_suffix(filename)
    if suffix not in settings.ARTICLE_SUFFIXES:
        allowed = ", ".join(settings.ARTICLE_SUFFIXES)
        raise ArticleError(name, f"unsupported file type '{suffix}' (accepted: {allowed})")
    text = decode(data, name)
    return parse_article(text, article_id=article_id, path=name, html=suffix in (".html", ".htm"))
