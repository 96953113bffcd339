"""Entry file: page config, navigation and the shared sidebar — nothing else.

Run with ``streamlit run dashboard/app.py``.
"""

from __future__ import annotations

import streamlit as st

from dashboard.ui.article_picker import article_picker
from dashboard.ui.first_build import ensure_tables
from dashboard.ui.roles import current_role
from dashboard.ui.sign_in import require_sign_in

st.set_page_config(page_title="Who said what", layout="wide")
require_sign_in()

PAGES = [
    st.Page("app_pages/overview.py", title="Overview", url_path="overview", default=True),
    st.Page("app_pages/actors.py", title="Actors", url_path="actors"),
    st.Page("app_pages/quotes.py", title="Quotes", url_path="quotes"),
    st.Page("app_pages/topics.py", title="Topics", url_path="topics"),
    st.Page("app_pages/article.py", title="Article", url_path="article"),
    st.Page("app_pages/corpus.py", title="Corpus", url_path="corpus"),
    st.Page("app_pages/analyse.py", title="Analyse", url_path="analyse"),
]
if current_role().editor:  # the editors' log is not even listed for readers
    PAGES.append(st.Page("app_pages/corrections.py", title="Corrections", url_path="corrections"))

page = st.navigation(PAGES)
ensure_tables()
article_picker()
page.run()
