"""New text from the app → an article file, checked before it is written.

``receive`` validates an upload or pasted text exactly as the build would read it and
writes it to the inbox (analysed, visible in every page, not yet in the corpus);
``add_to_corpus`` moves it into the articles folder. Both are followed by a build of
that one file, which leaves every other article's rows as they were.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from dashboard import settings
from dashboard.articles import parse_article
from dashboard.articles.from_csv import slugify
from dashboard.articles.reader import decode
from dashboard.errors import ArticleError

PASTED = "pasted text"


@dataclass(frozen=True)
class Received:
    path: Path
    article: str  # article id
    title: str


def receive(
    data: bytes,
    *,
    filename: str | None = None,
    inbox: Path | None = None,
    max_bytes: int | None = None,
) -> Received:
    """Check an upload (``filename`` given) or pasted text and write it to the inbox."""
    inbox = inbox or settings.INBOX_DIR
    name = filename or PASTED
    limit = max_bytes or settings.MAX_UPLOAD_MB * 1_000_000
    if len(data) > limit:
        raise ArticleError(
            name, f"the upload is {len(data) / 1_000_000:.1f} MB, over the {limit / 1_000_000:.0f} MB limit"
        )
    suffix = Path(filename).suffix.lower() if filename else ".txt"
    if suffix not in settings.ARTICLE_SUFFIXES:
        allowed = ", ".join(settings.ARTICLE_SUFFIXES)
        raise ArticleError(name, f"unsupported file type '{suffix}' (accepted: {allowed})")
    text = decode(data, name)
    article = parse_article(text, article_id="new", path=name, html=suffix in (".html", ".htm"))
    stem = slugify(article.title)
    inbox.mkdir(parents=True, exist_ok=True)
    path = _free_name(inbox, stem, suffix)
    path.write_bytes(data)
    outlet = "Upload" if filename else "Pasted text"
    meta = {"title": article.title, "outlet": article.outlet or outlet, "date": article.date, "url": article.url}
    _sidecar(path).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return Received(path=path, article=path.stem, title=article.title)


def add_to_corpus(path: Path, *, articles_dir: Path | None = None) -> Path:
    """Move an inbox file (and its metadata) into the articles folder; returns the new path."""
    articles_dir = articles_dir or settings.ARTICLES_DIR
    articles_dir.mkdir(parents=True, exist_ok=True)
    target = articles_dir / path.name
    if target.exists():
        raise ArticleError(str(path), f"an article named {path.name} is already in the corpus")
    shutil.move(path, target)
    if _sidecar(path).exists():
        shutil.move(_sidecar(path), _sidecar(target))
    return target


def _sidecar(path: Path) -> Path:
    return path.with_name(path.stem + settings.METADATA_SUFFIX)


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    """``stem.suffix``, or ``stem-2.suffix`` … : article ids are stems, so a stem is taken
    when any article file of that stem is in the folder or the corpus."""
    n = 1
    while True:
        candidate = stem if n == 1 else f"{stem}-{n}"
        taken = (
            (place / f"{candidate}{ending}").exists()
            for place in (folder, settings.ARTICLES_DIR)
            for ending in settings.ARTICLE_SUFFIXES
        )
        if not any(taken):
            return folder / f"{candidate}{suffix}"
        n += 1
