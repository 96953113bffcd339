"""A CSV of scraped articles (url, date, title, text) → article files with metadata.

Each row becomes ``<date>-<slug>.txt`` (title line, blank line, paragraphs) and a
``.meta.json`` sidecar. Datelines and other page furniture are removed by the same
rules as for any article file; odd spaces are folded and blank-line runs collapsed.

File names are built only from a checked ISO date and an ASCII slug of the title, so no
column can choose where a file goes. A bad row (a date that is not ISO, NUL bytes, a field
over the csv module's limit, no text) is reported with its line and the import goes on;
metadata that fails its check (a non-http url) is left out with a warning.
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
from dashboard.articles.metadata import check_field, clean_metadata, iso_date, shown
from dashboard.articles.normalise import normalise_block
from dashboard.errors import ArticleError

REQUIRED = ("url", "date", "title", "text")
SLUG_WORDS = 8


@dataclass(frozen=True)
class ImportedRow:
    line: int
    path: Path | None
    problem: str | None
    warnings: tuple[str, ...] = ()


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
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                if "field larger than field limit" not in str(error):
                    raise ArticleError(str(source), f"the CSV breaks off at line {reader.line_num} ({error})") from None
                limit = csv.field_size_limit()
                yield ImportedRow(reader.line_num + 1, None, f"a field is too long (over {limit:,} characters)")
                continue
            except UnicodeDecodeError as error:
                raise ArticleError(str(source), f"the CSV breaks off at line {reader.line_num} ({error})") from None
            yield _write_row(row, reader.line_num, out_dir, used, outlet=outlet, credit=credit)


def _write_row(
    row: dict[str, str], line: int, out_dir: Path, used: set[str], *, outlet: str | None, credit: str | None
) -> ImportedRow:
    nul = [str(key) for key, value in row.items() if "\0" in str(value)]
    if nul:
        return ImportedRow(line, None, f"NUL bytes in the field(s) {', '.join(nul)}")
    title = (row.get("title") or "").strip()
    text = row.get("text") or ""
    if not title or not text.strip():
        return ImportedRow(line, None, "the row has no title or no text")
    content = article_text(title, text)
    if content is None:
        return ImportedRow(line, None, "no article text is left after removing datelines and page furniture")
    given_date = (row.get("date") or "").strip()
    date = iso_date(given_date) if given_date else None
    if given_date and date is None:
        return ImportedRow(line, None, f"field 'date' {shown(given_date)} is not an ISO date (YYYY-MM-DD)")
    stem = "-".join(part for part in (date, slugify(title)) if part)
    name, n = stem, 2
    while name in used:
        name, n = f"{stem}-{n}", n + 1
    used.add(name)
    path = out_dir / f"{name}.txt"
    url, url_problem = check_field("url", row.get("url"))
    warnings = [f"line {line}: field 'url' {url_problem} — left out"] if url_problem else []
    given = {"title": title, "outlet": outlet or (outlet_of(url) if url else None), "date": date, "url": url}
    meta, problems = clean_metadata(given | ({"credit": credit} if credit else {}), f"line {line}")
    path.write_text(content, encoding="utf-8")
    path.with_name(f"{name}.meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return ImportedRow(line, path, None, tuple(warnings + problems))
