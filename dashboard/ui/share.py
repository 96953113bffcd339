"""Forwarding a view: a Copy link button, the link itself and an embed snippet.

The button copies the address bar (which always holds the view: see ``ui/url_state.py``);
the snippet is an ``<iframe>`` of the same view with Streamlit's ``embed=true``.
"""

from __future__ import annotations

import html

import streamlit as st

from dashboard.ui.url_state import share_query

COPY_SCRIPT = """
<button type="button" class="copy-link" data-testid="copy-link"
  style="border:1px solid #c8c8c8;border-radius:.5rem;background:#fff;padding:.35rem .8rem;cursor:pointer;
  font:inherit;font-size:.9rem;">Copy link</button>
<script>
(() => {
  const button = document.currentScript ? document.currentScript.previousElementSibling : null;
  const buttons = button ? [button] : [...document.querySelectorAll('button.copy-link:not([data-ready])')];
  for (const b of buttons) {
    b.setAttribute('data-ready', '1');
    b.addEventListener('click', () => {
      const url = window.location.href;
      const done = () => {
        b.textContent = 'Link copied';
        setTimeout(() => { b.textContent = 'Copy link'; }, 2000);
      };
      const fallback = () => {
        const t = document.createElement('textarea');
        t.value = url; document.body.appendChild(t); t.select();
        try { document.execCommand('copy'); } finally { t.remove(); }
        done();
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(done, fallback);
      } else { fallback(); }
    });
  }
})();
</script>
"""


def copy_link_button() -> None:
    """A visible 'Copy link' button: copies the address of this exact view."""
    st.html(COPY_SCRIPT, unsafe_allow_javascript=True, width="content")


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
