"""Article metadata (sidecar JSON, front matter, HTML page, CSV row) → checked plain strings.

Each field has a type, a length limit and, for ``date`` and ``url``, a format: an ISO date
(``YYYY-MM-DD``, or an ISO date-time whose date part is kept) and an ``http``/``https`` address
with a host. A bad value is left out and described in one line naming the file and the field;
the article is built without it. No streamlit, no spaCy.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from urllib.parse import urlsplit

METADATA_KEYS = ("title", "outlet", "date", "url", "credit")
MAX_LENGTH = {"title": 500, "outlet": 200, "credit": 300, "date": 40, "url": 2048}
URL_SCHEMES = ("http", "https")
SHOWN_CHARS = 40


def is_control(char: str) -> bool:
    """A control character or a line/paragraph separator (never part of a one-line value)."""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")


def is_http_url(value: str) -> bool:
    """An ``http``/``https`` address with a host and no spaces or control characters."""
    if not value or any(c.isspace() or is_control(c) for c in value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() in URL_SCHEMES and bool(host)


def iso_date(value: str) -> str | None:
    """``YYYY-MM-DD`` of an ISO date or date-time; None if ``value`` is neither."""
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).date().isoformat() if len(value) > 10 and value[10] in "T " else None
    except ValueError:
        return None


def shown(value: object) -> str:
    """A value as quoted in a message: its repr, cut to a few dozen characters."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def check_field(key: str, value: object) -> tuple[str | None, str | None]:
    """(the value to keep, or None; the problem, or None) for one metadata field."""
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, f"must be text, not {type(value).__name__} {shown(value)}"
    text = value.strip()
    if not text:
        return None, None
    if len(text) > MAX_LENGTH[key]:
        return None, f"is {len(text):,} characters long, over the {MAX_LENGTH[key]:,} allowed"
    if any(is_control(c) for c in text):
        return None, f"contains control characters ({shown(text)})"
    if key == "date":
        day = iso_date(text)
        return (day, None) if day else (None, f"{shown(text)} is not an ISO date (YYYY-MM-DD)")
    if key == "url" and not is_http_url(text):
        return None, f"{shown(text)} is not an http(s) address"
    return text, None


def clean_metadata(values: Mapping[str, object], source: str) -> tuple[dict[str, str | None], list[str]]:
    """(the known fields that pass their checks, one line per field left out, naming ``source``)."""
    kept: dict[str, str | None] = {}
    problems: list[str] = []
    for key in METADATA_KEYS:
        if key not in values:
            continue
        value, problem = check_field(key, values[key])
        kept[key] = value
        if problem:
            problems.append(f"{source}: field '{key}' {problem} — left out")
    return kept, problems
