"""Files (or pasted text) → Article records.

Title = first line, paragraphs = blank-line-separated blocks; page furniture is removed
at the edges; odd spaces are folded while every character keeps its offset into the
original text. Every problem raises ``ArticleError`` naming the file and the problem.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from dashboard import settings
from dashboard.articles.boilerplate import extract_page
from dashboard.articles.furniture import is_furniture
from dashboard.articles.metadata import METADATA_KEYS, clean_metadata
from dashboard.articles.normalise import normalise_block
from dashboard.articles.records import Article, Paragraph
from dashboard.errors import ArticleError

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# UTF-32 first: its little-endian mark begins with UTF-16's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def article_id_for(path: Path) -> str:
    """The article id: the file name without its suffix."""
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def decode(data: bytes, path: str) -> str:
    """Bytes → text: UTF-8, or UTF-16/UTF-32 with a byte-order mark; binary files are refused."""
    if not data.strip():
        raise ArticleError(path, "the file is empty")
    for bom, encoding in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                name = encoding.upper()
                problem = f"the file starts with a {name} byte-order mark but is not valid {name}"
                raise ArticleError(path, f"{problem} (at byte {error.start + len(bom)})") from None
    sample = data[:4096]
    if _looks_like_utf16(sample):
        raise ArticleError(path, "the file looks like UTF-16 without a byte-order mark — save it as UTF-8, try again")
    control = sum(b < 9 or 13 < b < 32 for b in sample)
    if b"\x00" in sample or control > len(sample) // 100:
        raise ArticleError(path, "this is a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise ArticleError(
            path,
            f"the file is not UTF-8 text (byte 0x{byte:02X} at position {error.start}); "
            "it looks like Latin-1/Windows-1252 — save it as UTF-8 and try again",
        ) from None


def _looks_like_utf16(sample: bytes) -> bool:
    """Most even or most odd bytes are NUL: Latin text in UTF-16 without a byte-order mark."""
    pairs = len(sample) // 2
    if pairs < 2:
        return False
    even, odd = sample[0 : pairs * 2 : 2].count(0), sample[1 : pairs * 2 : 2].count(0)
    return max(even, odd) > pairs * 0.6 and min(even, odd) < pairs * 0.1


def read_article(path: Path | str) -> Article:
    """Read one article file (.txt, .md, .html) and its optional ``.meta.json`` sidecar."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise ArticleError(name, "no such file")
    suffix = path.suffix.lower()
    if suffix not in settings.ARTICLE_SUFFIXES:
        allowed = ", ".join(settings.ARTICLE_SUFFIXES)
        raise ArticleError(name, f"unsupported file type '{suffix}' (accepted: {allowed})")
    size = path.stat().st_size
    if size > settings.MAX_ARTICLE_BYTES:
        raise ArticleError(
            name,
            f"the file is {size / 1_000_000:.1f} MB, over the "
            f"{settings.MAX_ARTICLE_BYTES / 1_000_000:.1f} MB limit for one article",
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(name, f"cannot read the file ({error.strerror})") from None
    metadata, warnings = _sidecar(path)
    return parse_article(
        decode(data, name),
        article_id=article_id_for(path),
        path=name,
        html=suffix in (".html", ".htm"),
        metadata=metadata,
        content_hash=_hash(data, metadata),
        warnings=warnings,
    )


def parse_article(
    text: str,
    *,
    article_id: str,
    path: str,
    html: bool = False,
    metadata: Mapping[str, object] | None = None,
    content_hash: str | None = None,
    warnings: Sequence[str] = (),
) -> Article:
    """Text of one article → Article. ``path`` is only used to name it in messages.

    Metadata comes from ``metadata`` (a sidecar), then the HTML page, then front matter; each
    value is checked (``articles.metadata``) and a bad one is left out with a warning.
    """
    meta, problems = clean_metadata(metadata or {}, path)
    notes = [*warnings, *problems]
    if html:
        page = extract_page(text)
        if page is None:
            raise ArticleError(path, "no article text found in this HTML page")
        _add_missing(meta, notes, {key: getattr(page, key) for key in ("title", "date", "url", "outlet")}, path)
        text = page.text
    front = FRONT_MATTER.match(text)
    body_start = 0
    if front:
        _add_missing(meta, notes, _front_matter(front.group(1)), path)
        body_start = front.end()

    lines = _content_lines(text, body_start)
    if not lines:
        raise ArticleError(path, "the file has no text")
    lines = _strip_furniture(lines)
    if not lines:
        raise ArticleError(
            path, "the file holds only page furniture (navigation, sharing or dateline lines), no article text"
        )
    (title_start, title_line), rest = lines[0], lines[1:]
    heading = MARKDOWN_HEADING.match(title_line)
    if heading:
        title_start, title_line = title_start + heading.end(), title_line[heading.end() :]
    title_text, title_offsets = normalise_block(title_line, title_start)
    if not title_text:
        raise ArticleError(path, "the title line has no words (only a Markdown heading mark or invisible characters)")
    paragraphs = [Paragraph(0, title_text, title_offsets)]
    for block in _blocks(text, rest):
        block_text, offsets = normalise_block(*block)
        if block_text:
            paragraphs.append(Paragraph(len(paragraphs), block_text, offsets))
    if len(paragraphs) == 1:
        raise ArticleError(path, "no paragraphs: the file has a title line but no body text")
    return Article(
        id=article_id,
        path=path,
        title=title_text,
        paragraphs=tuple(paragraphs),
        source_text=text,
        content_hash=content_hash or _hash(text.encode("utf-8"), meta),
        outlet=meta.get("outlet"),
        date=meta.get("date"),
        url=meta.get("url"),
        credit=meta.get("credit"),
        warnings=tuple(notes),
    )


def _add_missing(meta: dict[str, str | None], notes: list[str], values: Mapping[str, object], path: str) -> None:
    """Checked ``values`` for the fields ``meta`` does not have yet; problems go to ``notes``."""
    checked, problems = clean_metadata({k: v for k, v in values.items() if meta.get(k) is None}, path)
    for key, value in checked.items():
        if value is not None:
            meta[key] = value
    notes.extend(problems)


# A line is (offset of its first character in the text, its text without the newline);
# an empty string marks a blank line (a paragraph break).
Line = tuple[int, str]


def _content_lines(text: str, start: int) -> list[Line]:
    lines: list[Line] = []
    for match in LINE.finditer(text, start):
        if match.start() == match.end():
            break
        content = match.group().rstrip("\r\n")
        lines.append((match.start(), content if content.strip() else ""))
    while lines and not lines[-1][1]:
        lines.pop()
    while lines and not lines[0][1]:
        lines.pop(0)
    return lines


def _strip_furniture(lines: list[Line]) -> list[Line]:
    """Drop furniture lines at both edges, and lone short furniture lines anywhere."""
    kept = list(lines)
    while kept and (not kept[0][1] or is_furniture(kept[0][1])):
        kept.pop(0)
    while kept and (not kept[-1][1] or is_furniture(kept[-1][1])):
        kept.pop()
    result: list[Line] = []
    for index, line in enumerate(kept):
        alone = (index == 0 or not kept[index - 1][1]) and (index + 1 == len(kept) or not kept[index + 1][1])
        if line[1] and alone and is_furniture(line[1], at_edge=False):
            continue
        result.append(line)
    return result


# A line this long, with this many words, was not wrapped by hand: its block holds one
# paragraph per line (text pasted from a web page or exported by a CMS), not one paragraph.
UNWRAPPED_LINE_CHARS = 150
UNWRAPPED_LINE_WORDS = 20


def _unwrapped(group: list[Line]) -> bool:
    return len(group) > 1 and any(
        len(line) > UNWRAPPED_LINE_CHARS and len(line.split()) >= UNWRAPPED_LINE_WORDS for _, line in group)


def _blocks(text: str, lines: list[Line]) -> list[tuple[str, int]]:
    """Group lines into blank-line-separated blocks: (block text from the source, offset).
    Single line breaks inside a block are wrapping, except in a block with a line too long to
    have been wrapped (``_unwrapped``): there every line is a block of its own."""
    blocks: list[tuple[str, int]] = []
    group: list[Line] = []
    for line in [*lines, (len(text), "")]:
        if line[1]:
            group.append(line)
            continue
        if group:
            for part in ([[one] for one in group] if _unwrapped(group) else [group]):
                start = part[0][0]
                end = part[-1][0] + len(part[-1][1])
                blocks.append((text[start:end], start))
            group = []
    return blocks


def _front_matter(block: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in METADATA_KEYS:
            values[key] = value.strip().strip("\"'")
    return values


def _sidecar(path: Path) -> tuple[dict[str, str | None], list[str]]:
    """The checked fields of the article's ``.meta.json`` and one line per field left out."""
    sidecar = path.with_name(article_id_for(path) + settings.METADATA_SUFFIX)
    if not sidecar.is_file():
        return {}, []
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ArticleError(str(sidecar), f"the metadata file is not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise ArticleError(str(sidecar), "the metadata file must hold a JSON object")
    return clean_metadata(data, str(sidecar))


def _hash(data: bytes, metadata: dict[str, str | None]) -> str:
    digest = hashlib.sha256(data)
    digest.update(json.dumps(metadata, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:16]
