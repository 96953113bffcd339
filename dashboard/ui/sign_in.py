"""Optional sign-in for a hosted copy: only when ``[auth]`` secrets are configured.

With an ``[auth]`` table in ``.streamlit/secrets.toml`` (or in Community Cloud's secrets
box) a reader who is not signed in sees a short note and a sign-in button, and nothing
else; Streamlit's ``st.login`` does the OpenID Connect round trip and keeps the identity in
a cookie. Without auth secrets (a local copy, the tests) the app is unchanged.
"""

from __future__ import annotations

import streamlit as st

AUTH_SECTION = "auth"


def auth_configured() -> bool:
    """True if the secrets have an ``[auth]`` table (a missing secrets file means no)."""
    try:
        return AUTH_SECTION in st.secrets
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no secrets.toml anywhere
        return False


def require_sign_in() -> None:
    """Stop the script run with a sign-in button unless the reader is signed in (if auth is set up)."""
    if not auth_configured() or st.user.is_logged_in:
        return
    st.title("Who said what")
    st.markdown(
        "This copy of the newsroom dashboard is for signed-in readers only. "
        "Sign in with your newsroom account to see the articles, actors and quotes."
    )
    if st.button("Sign in", type="primary", key="sign_in_button"):
        st.login()
    st.stop()
