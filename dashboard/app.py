"""Entry file: page config, navigation and the shared sidebar — nothing else.

Run with ``streamlit run dashboard/app.py``.
"""

from __future__ import annotations

import streamlit as st

from dashboard.ui.article_picker import article_picker, shows_one_article
from dashboard.ui.first_build import ensure_tables
from dashboard.ui.roles import current_role
from dashboard.ui.sign_in import require_sign_in

st.set_page_config(page_title="Who said what", layout="wide")
require_sign_in()

OVERVIEW = st.Page("app_pages/overview.py", title="Overview", url_path="overview")


def _home() -> None:
    """The bare address opens the Overview at its own path (``/overview``), keeping the link's parameters."""
    st.switch_page(OVERVIEW, query_params={k: st.query_params.get_all(k) for k in st.query_params})


PAGES = [
    st.Page(_home, title="Home", url_path="home", default=True, visibility="hidden"),
    OVERVIEW,
    st.Page("app_pages/actors.py", title="Actors", url_path="actors"),
    st.Page("app_pages/quotes.py", title="Quotes", url_path="quotes"),
    st.Page("app_pages/topics.py", title="Topics", url_path="topics"),
    st.Page("app_pages/article.py", title="Article", url_path="article"),
    st.Page("app_pages/corpus.py", title="Corpus", url_path="corpus"),
    st.Page("app_pages/analyse.py", title="Analyse", url_path="analyse"),
]
# The editors' log is not listed for readers; its address tells them it is for editors.
PAGES.append(
    st.Page(
        "app_pages/corrections.py",
        title="Corrections",
        url_path="corrections",
        visibility="visible" if current_role().editor else "hidden",
    )
)

page = st.navigation(PAGES)
ensure_tables()
if shows_one_article(page.url_path, st.query_params.get("scope")):
    article_picker()  # hidden where it does nothing
page.run()
