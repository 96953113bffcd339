"""The app's way to the corrections database: ``st.connection("newsroom")``.

``[connections.newsroom]`` in the secrets (e.g. ``url = "postgresql+psycopg://…"``) wins;
else ``DASHBOARD_DB_URL``; else the SQLite file next to the build folder. Streamlit keeps
one connection per configuration, so this is cheap on every rerun.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit.connections import SQLConnection

from dashboard.corrections.database import DB_URL_ENV, CorrectionStore, default_url

CONNECTION = "newsroom"
_MIGRATED = "newsroom_db_migrated"


def _configured() -> bool:
    try:
        return CONNECTION in st.secrets.get("connections", {})
    except FileNotFoundError:
        return False


def newsroom_store() -> CorrectionStore:
    """The corrections store of this app (schema checked once per browser session)."""
    if _configured() and not os.environ.get(DB_URL_ENV):
        connection = st.connection(CONNECTION, type=SQLConnection)
    else:
        connection = st.connection(CONNECTION, type=SQLConnection, url=default_url())
    store = CorrectionStore(connection.engine, ready=bool(st.session_state.get(_MIGRATED)))
    if not store.ready:
        store.ensure_schema()
        st.session_state[_MIGRATED] = True
    return store
