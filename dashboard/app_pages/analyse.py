"""Analyse: paste text or upload a file; it is analysed, added to the tables and opened."""

from __future__ import annotations

import streamlit as st

from dashboard import settings
from dashboard.ui.analyse_text import ACCEPTED, analyse, inbox_section
from dashboard.ui.url_state import keep_params

keep_params(())
st.subheader("Analyse a new article", anchor=False)
st.caption(
    "First line: the headline; blank lines between paragraphs. HTML pages are cleaned of menus "
    "and sharing links. The article is analysed (a few seconds), added to the tables and opened."
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

inbox_section()
