"""Sign-in for a hosted copy: only with ``[auth]`` secrets, and then nothing shows before signing in."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from dashboard.testing.app_test import app_test

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "dashboard",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://accounts.example.org/.well-known/openid-configuration",
}
CONTENT = "the dashboard"


def guarded_page() -> None:
    import streamlit as st

    from dashboard.ui.sign_in import require_sign_in

    require_sign_in()
    st.write("the dashboard")


def run(*, auth: bool, user: dict[str, object]) -> AppTest:
    at = AppTest.from_function(guarded_page, default_timeout=30)
    if auth:
        at.secrets["auth"] = AUTH
    at.user = user
    return at.run()


def shown(at: AppTest) -> list[str]:
    return [str(m.value) for m in at.markdown]


@pytest.mark.parametrize(
    ("auth", "user", "signed_in_view"),
    [
        (False, {"is_logged_in": False}, True),  # no auth secrets: the app is unchanged
        (True, {"is_logged_in": False}, False),
        (True, {"is_logged_in": True, "name": "Editor", "email": "editor@example.org"}, True),
    ],
    ids=["no-auth-secrets", "signed-out", "signed-in"],
)
def test_content_shows_only_when_allowed(auth: bool, user: dict[str, object], signed_in_view: bool) -> None:
    at = run(auth=auth, user=user)
    assert not at.exception
    assert (CONTENT in shown(at)) is signed_in_view
    assert (len(at.button) == 1) is not signed_in_view
    if not signed_in_view:
        assert at.button[0].label == "Sign in"
        assert any("signed-in readers" in text for text in shown(at))


def test_the_button_starts_the_login_flow(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(streamlit, "login", lambda *args: calls.append(args))
    at = run(auth=True, user={"is_logged_in": False})
    assert calls == []
    at.button(key="sign_in_button").click().run()
    assert calls == [()]
    assert CONTENT not in shown(at)


def test_the_whole_app_asks_for_sign_in_when_auth_is_configured() -> None:
    at = app_test(APP, timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.sidebar.selectbox, "nothing of the dashboard may show before signing in"
