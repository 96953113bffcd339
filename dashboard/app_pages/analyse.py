"""Analyse: paste text or upload a file; it is analysed for this session and opened."""

from __future__ import annotations

import streamlit as st

from dashboard import settings
from dashboard.ui.analyse_text import ACCEPTED, analyse, session_section
from dashboard.ui.roles import current_role
from dashboard.ui.url_state import keep_params

keep_params(())
role = current_role()
st.subheader("Analyse a new article", anchor=False)
st.caption(
    "First line: the headline; blank lines between paragraphs. HTML pages are cleaned of menus "
    "and sharing links. The article is analysed (a few seconds) and opened in every page — for you "
    "only, in this browser tab: nothing is saved for other readers."
)
text = st.text_area("Paste the article", key="analyse_text", height=220, placeholder="Headline\n\nFirst paragraph…")
upload = st.file_uploader(
    f"…or upload a file (.txt, .md or .html, up to {settings.MAX_UPLOAD_MB} MB)",
    type=ACCEPTED,
    max_upload_size=settings.MAX_UPLOAD_MB,
    key="analyse_file",
)
if st.button("Analyse", type="primary", key="analyse_go"):
    if upload is not None:
        analyse(upload.getvalue(), filename=upload.name)
    elif text.strip():
        analyse(text.encode("utf-8"), filename=None)
    else:
        st.warning("Paste some text or choose a file first.")

session_section(role)
