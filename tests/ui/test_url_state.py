"""Text from links and articles is shown literally in Markdown."""

from __future__ import annotations

import pytest

from dashboard.ui.url_state import markdown_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Joe Biden", "Joe Biden"),
        ("**bold**", "\\*\\*bold\\*\\*"),
        ("[click](javascript:alert(1))", "\\[click\\]\\(javascript\\:alert\\(1\\)\\)"),
        ("[a](HTTP://evil.example)", "\\[a\\]\\(HTTP\u2060\\:\\/\\/evil\\.example\\)"),
        ("https://evil.example", "https\u2060\\:\\/\\/evil\\.example"),
        ("www.evil.example a@evil.example", "www\u2060\\.evil\\.example a\\@\u2060evil\\.example"),
        ("line\nbreak\r# heading", "line break \\# heading"),
        ("O'Neil & co", "O\\'Neil \\& co"),
        ("<img src=x onerror=alert(1)>", "\\<img src\\=x onerror\\=alert\\(1\\)\\>"),
        ("$x$ and `code`", "\\$x\\$ and \\`code\\`"),
    ],
)
def test_markdown_text_escapes_what_markdown_would_act_on(raw: str, shown: str) -> None:
    assert markdown_text(raw) == shown
