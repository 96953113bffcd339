"""A CSV of scraped articles (url, date, title, text) → article files with metadata.

Each row becomes ``<date>-<slug>.txt`` (title line, blank line, paragraphs) and a
``.meta.json`` sidecar. Datelines and other page furniture are removed by the same
rules as for any article file; odd spaces are folded and blank-line runs collapsed.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from dashboard.articles.furniture import is_furniture
from dashboard.articles.normalise import normalise_block
from dashboard.errors import ArticleError

REQUIRED = ("url", "date", "title", "text")
SLUG_WORDS = 8


@dataclass(frozen=True)
class ImportedRow:
    line: int
    path: Path | None
    problem: str | None


def slugify(text: str, *, words: int = SLUG_WORDS) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts[:words]) or "article"


def outlet_of(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    host = re.sub(r"^(?:www|en|m)\.", "", host)
    return host or None


def article_text(title: str, text: str) -> str | None:
    """Title line + cleaned paragraphs, blank-line separated; None if no paragraph is left."""
    paragraphs = [normalise_block(block)[0] for block in re.split(r"\n\s*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    while paragraphs and is_furniture(paragraphs[0]):
        paragraphs.pop(0)
    while paragraphs and is_furniture(paragraphs[-1]):
        paragraphs.pop()
    if not paragraphs:
        return None
    return "\n\n".join([normalise_block(title)[0], *paragraphs]) + "\n"


def import_csv(
    source: Path, out_dir: Path, *, outlet: str | None = None, credit: str | None = None
) -> Iterator[ImportedRow]:
    """Write one article file per CSV row; yields what happened to each row."""
    try:
        handle = source.open(encoding="utf-8", newline="")
    except OSError as error:
        raise ArticleError(str(source), f"cannot open the CSV ({error.strerror})") from None
    with handle:
        try:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        except (UnicodeDecodeError, csv.Error) as error:
            raise ArticleError(str(source), f"not a readable UTF-8 CSV ({error})") from None
        if missing:
            raise ArticleError(str(source), f"the CSV lacks the columns {', '.join(missing)}")
        out_dir.mkdir(parents=True, exist_ok=True)
        used: set[str] = set()
        try:
            for row in reader:
                yield _write_row(row, reader.line_num, out_dir, used, outlet=outlet, credit=credit)
        except (UnicodeDecodeError, csv.Error) as error:
            raise ArticleError(str(source), f"the CSV breaks off at line {reader.line_num} ({error})") from None


def _write_row(
    row: dict[str, str], line: int, out_dir: Path, used: set[str], *, outlet: str | None, credit: str | None
) -> ImportedRow:
    title = (row.get("title") or "").strip()
    text = row.get("text") or ""
    if not title or not text.strip():
        return ImportedRow(line, None, "the row has no title or no text")
    content = article_text(title, text)
    if content is None:
        return ImportedRow(line, None, "no article text is left after removing datelines and page furniture")
    date = (row.get("date") or "").strip()[:10] or None
    stem = "-".join(part for part in (date, slugify(title)) if part)
    name, n = stem, 2
    while name in used:
        name, n = f"{stem}-{n}", n + 1
    used.add(name)
    path = out_dir / f"{name}.txt"
    path.write_text(content, encoding="utf-8")
    url = (row.get("url") or "").strip() or None
    meta = {"title": title, "outlet": outlet or (outlet_of(url) if url else None), "date": date, "url": url}
    if credit:
        meta["credit"] = credit
    path.with_name(f"{name}.meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return ImportedRow(line, path, None)
