"""Forwarding a view: a Copy link button, the link itself and an embed snippet.

The button copies the address bar (which always holds the view: see ``ui/url_state.py``);
the snippet is an ``<iframe>`` of the same view with Streamlit's ``embed=true``.
The link and the snippet are read-only text boxes with their own Copy buttons, plain HTML
(escaped): ``st.code`` would make every page load and compile a 1.5 MB syntax highlighter.
"""

from __future__ import annotations

import html

import streamlit as st

from dashboard.ui.url_state import share_query

# Wires every Copy button not yet wired: a "copy-link" button copies the address bar (always
# the current view), a "copy-field" button the box its ``data-for`` names; the label says when
# it is done. One script for both, drawn after each group of buttons.
COPY_SCRIPT = """
<script>
(() => {
  const copy = (b, text) => {
    const label = b.textContent;
    const done = () => {
      b.textContent = b.getAttribute('data-done') || 'Copied';
      setTimeout(() => { b.textContent = label; }, 2000);
    };
    const fallback = () => {
      const t = document.createElement('textarea');
      t.value = text; document.body.appendChild(t); t.select();
      try { document.execCommand('copy'); } finally { t.remove(); }
      done();
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else { fallback(); }
  };
  const buttons = 'button.copy-link:not([data-ready]), button.copy-field:not([data-ready])';
  for (const b of document.querySelectorAll(buttons)) {
    b.setAttribute('data-ready', '1');
    b.addEventListener('click', () => {
      const target = b.getAttribute('data-for');
      const field = target ? document.getElementById(target) : null;
      if (target && !field) return;
      copy(b, field ? field.value : window.location.href);
    });
  }
})();
</script>
"""
COPY_LINK_BUTTON = """
<button type="button" class="copy-link" data-testid="copy-link" data-done="Link copied"
  style="border:1px solid #c8c8c8;border-radius:.5rem;background:#fff;padding:.35rem .8rem;cursor:pointer;
  font:inherit;font-size:.9rem;">Copy link</button>
"""


def copy_link_button() -> None:
    """A visible 'Copy link' button: copies the address of this exact view."""
    st.html(COPY_LINK_BUTTON + COPY_SCRIPT, unsafe_allow_javascript=True, width="content")


BOX_STYLE = (
    "width:100%;box-sizing:border-box;border:1px solid #c8c8c8;border-radius:.4rem;padding:.35rem .5rem;"
    "font:.85rem/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;background:#F3F5F7;color:#222;resize:vertical;"
)
BUTTON_STYLE = (
    "border:1px solid #c8c8c8;border-radius:.5rem;background:#fff;padding:.2rem .7rem;cursor:pointer;"
    "font:inherit;font-size:.85rem;margin:.25rem 0 .75rem;"
)


def share_panel_html(link: str, *, key: str = "share") -> str:
    """The view's link and its embed snippet as read-only boxes, each with a Copy button.

    Everything from the link is escaped; with no link (no browser session) only a note."""
    if not link:
        return "<p>(open the app in a browser to get a link)</p>"
    ids = {name: f"{html.escape(key, quote=True)}-{name}" for name in ("link", "embed")}
    link_box = (
        f'<input id="{ids["link"]}" type="text" readonly value="{html.escape(link, quote=True)}"'
        f' aria-label="Link to this view" data-testid="share-link" style="{BOX_STYLE}">'
    )
    embed_box = (
        f'<textarea id="{ids["embed"]}" readonly rows="3" aria-label="Embed code for this view"'
        f' data-testid="share-embed" style="{BOX_STYLE}">{html.escape(embed_snippet(link))}</textarea>'
    )

    def button(target: str, label: str) -> str:
        return (
            f'<button type="button" class="copy-field" data-for="{ids[target]}" style="{BUTTON_STYLE}">'
            f"{label}</button>"
        )

    return (
        '<div class="share-panel" style="font-size:.9rem;color:#555">'
        f"<div>This link opens this exact view:</div>{link_box}{button('link', 'Copy this link')}"
        f"<div>Embed this view in another page:</div>{embed_box}{button('embed', 'Copy embed code')}"
        f"</div>{COPY_SCRIPT}"
    )


def share_panel(link: str) -> None:
    """``share_panel_html`` drawn in the page (its script wires the Copy buttons)."""
    st.html(share_panel_html(link), unsafe_allow_javascript=True)


def view_link() -> str:
    """The full address of the current view (page and every parameter)."""
    base = st.context.url or ""
    query = share_query()
    return f"{base}?{query}" if query else base


def embed_snippet(link: str, *, height: int = 700) -> str:
    """An iframe of the same view, for a CMS or a newsletter (Streamlit's ``embed=true``)."""
    src = f"{link}{'&' if '?' in link else '?'}embed=true"
    return (
        f'<iframe src="{html.escape(src, quote=True)}" width="100%" height="{int(height)}" '
        'style="border:0" loading="lazy" title="Who said what"></iframe>'
    )
