"""Text from the app → the corpus, for editors only.

A reader's text is analysed for their session alone (``dashboard/analysis``) and never
reaches this module. An editor's "Add to corpus" calls ``add_to_corpus``: the upload is
checked exactly as the build reads files, kept in the database (so a hosted copy whose
disk is wiped restores it, see ``dashboard.corrections.database.restore_articles``) and
written with its metadata sidecar into the articles folder, ready for a build.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from dashboard import settings
from dashboard.analysis.text import upload_article, upload_suffix
from dashboard.articles.from_csv import slugify
from dashboard.corrections.database import CorrectionStore
from dashboard.corrections.records import now


def candidate_ids(title: str) -> Iterator[str]:
    """The ids an article with this title may take, in order: ``slug``, ``slug-2`` …"""
    stem = slugify(title)
    yield stem
    for n in itertools.count(2):
        yield f"{stem}-{n}"


def free_id(title: str, taken: Iterable[str]) -> str:
    """A slug of the title that no article uses yet (``slug``, ``slug-2`` …)."""
    used = set(taken)
    return next(candidate for candidate in candidate_ids(title) if candidate not in used)


def metadata_for(data: bytes, filename: str | None) -> dict[str, object]:
    article = upload_article(data, filename=filename, article_id="new")
    outlet = "Upload" if filename else "Pasted text"
    return {"title": article.title, "outlet": article.outlet or outlet, "date": article.date, "url": article.url}


def add_to_corpus(
    data: bytes,
    *,
    filename: str | None,
    store: CorrectionStore,
    by: str,
    articles_dir: Path | None = None,
) -> Path:
    """Keep the text in the database and write it into the articles folder; returns the file."""
    articles_dir = articles_dir or settings.ARTICLES_DIR
    meta = metadata_for(data, filename)
    taken = [p.stem for p in articles_dir.iterdir()] if articles_dir.is_dir() else []
    taken += [Path(name).stem for name in store.article_names()]
    article_id = free_id(str(meta["title"]), taken)
    path = articles_dir / f"{article_id}{upload_suffix(filename)}"
    store.add_article(path.name, data, meta, by=by, at=now())
    articles_dir.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    sidecar = path.with_name(path.stem + settings.METADATA_SUFFIX)
    sidecar.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
