"""Highlighting: text is escaped before markup; offsets map onto normalised paragraph text."""

from __future__ import annotations

import pytest

from dashboard.charts.highlight import Span, highlight, legend, place


def marks(html_text: str) -> list[str]:
    """The text inside each <mark>…</mark> (no nesting in these cases)."""
    out = []
    for piece in html_text.split("<mark")[1:]:
        out.append(piece.split(">", 1)[1].split("</mark>", 1)[0])
    return out


def test_script_in_text_comes_out_escaped() -> None:
    text = "Putin said <script>alert(1)</script> & left."
    html_text = highlight(text, [Span(0, 5, "Putin", "actor")], text_start=0, text_end=len(text))
    assert "<script>" not in html_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; left." in html_text
    assert marks(html_text) == ["Putin"]


def test_labels_are_escaped_inside_the_title_attribute() -> None:
    text = "Biden spoke."
    span = Span(0, 5, "Biden", "actor", label='"><script>x</script>')
    html_text = highlight(text, [span], text_start=0, text_end=len(text))
    assert "<script>" not in html_text
    assert 'title="&quot;&gt;&lt;script&gt;' in html_text


@pytest.mark.parametrize(
    ("text", "text_start", "text_end", "span", "expected"),
    [
        # lengths agree: offsets relative to the paragraph start
        ("Biden met Putin.", 100, 116, Span(110, 115, "Putin", "actor"), "Putin"),
        # the original had a double space, the paragraph text is folded: search the surface text
        ("Biden met Putin.", 100, 117, Span(111, 116, "Putin", "actor"), "Putin"),
        # offsets point at the wrong words: fall back to the surface text
        ("Biden met Putin.", 100, 116, Span(100, 105, "Putin", "actor"), "Putin"),
    ],
)
def test_spans_are_placed_by_offset_or_by_surface_text(
    text: str, text_start: int, text_end: int, span: Span, expected: str
) -> None:
    html_text = highlight(text, [span], text_start=text_start, text_end=text_end)
    assert marks(html_text) == [expected]


def test_repeated_surface_forms_are_found_in_order() -> None:
    text = "Biden and Biden."  # length disagrees (end is off), so search is used
    spans = [Span(0, 5, "Biden", "actor"), Span(10, 15, "Biden", "actor")]
    placed = place(spans, text, 0, 99)
    assert [(p.start, p.end) for p in placed] == [(0, 5), (10, 15)]


def test_nested_spans_nest_and_crossing_spans_are_dropped() -> None:
    text = "He said “Biden will go” today."
    quote = Span(9, 22, "Biden will go", "quote")
    actor = Span(9, 14, "Biden", "actor")
    crossing = Span(20, 28, "go” toda", "topic")
    html_text = highlight(text, [quote, actor, crossing], text_start=0, text_end=len(text))
    assert html_text.count("<mark") == 2
    assert html_text.index('class="hl-quote"') < html_text.index('class="hl-actor"')
    assert "Biden</mark> will go</mark>" in html_text


def test_span_not_found_is_skipped() -> None:
    text = "Nothing here."
    assert highlight(text, [Span(50, 55, "Putin", "actor")], text_start=0, text_end=13) == text


def test_legend_lists_the_layers() -> None:
    html_text = legend(["actor", "topic"])
    assert "Actor mention" in html_text and "Topic term" in html_text and "Quote" not in html_text
