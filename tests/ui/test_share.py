"""The share panel: the view's link and its embed code, escaped, each with its own Copy button."""

from __future__ import annotations

import html
import re

from dashboard.ui.share import embed_snippet, share_panel_html

LINK = "http://news.example/quotes?article=a-1&speaker=Kremlin"


def field_value(panel: str, testid: str) -> str:
    """The text a reader sees in the box ``testid`` (attribute or element content, unescaped)."""
    box = re.search(rf'<(input|textarea)[^>]*data-testid="{testid}"[^>]*>', panel)
    assert box, testid
    if box.group(1) == "input":
        value = re.search(r'value="([^"]*)"', box.group(0))
        assert value
        return html.unescape(value.group(1))
    content = re.search(r">([^<]*)</textarea>", panel[box.start() :])
    assert content
    return html.unescape(content.group(1))


def test_the_panel_shows_the_link_and_an_iframe_of_the_same_view() -> None:
    panel = share_panel_html(LINK)
    assert field_value(panel, "share-link") == LINK
    snippet = field_value(panel, "share-embed")
    assert snippet == embed_snippet(LINK)
    src = html.unescape(re.search(r'src="([^"]*)"', snippet).group(1))  # type: ignore[union-attr]
    assert src == LINK + "&embed=true"


def test_each_copy_button_points_at_its_own_box() -> None:
    panel = share_panel_html(LINK, key="overview")
    ids = re.findall(r'<(?:input|textarea) id="([^"]+)"', panel)
    targets = re.findall(r'class="copy-field" data-for="([^"]+)"', panel)
    assert ids == targets == ["overview-link", "overview-embed"]


def test_a_hostile_link_cannot_break_out_of_its_boxes() -> None:
    hostile = 'http://x.example/?q="><script>alert(1)</script><textarea>'
    panel = share_panel_html(hostile)
    assert "<script>alert" not in panel
    assert panel.count("<textarea") == 1 and panel.count("</textarea>") == 1
    assert field_value(panel, "share-link") == hostile
    snippet = field_value(panel, "share-embed")
    assert snippet == embed_snippet(hostile)
    assert "<script" not in snippet  # the iframe's address is an escaped attribute
    src = html.unescape(re.search(r'src="([^"]*)"', snippet).group(1))  # type: ignore[union-attr]
    assert src == hostile + "&embed=true"


def test_without_a_browser_session_there_is_no_box_to_copy() -> None:
    panel = share_panel_html("")
    assert "<input" not in panel and "<textarea" not in panel
    assert "open the app in a browser" in panel
