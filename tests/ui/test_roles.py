"""Who is an editor: a table of settings and visitors (secure by default)."""

from __future__ import annotations

import pytest

from dashboard.ui.roles import LOCAL_EDITOR, READER, Role, decide_role

EDITORS = ["alice@paper.example", "@desk.paper.example"]


@pytest.mark.parametrize(
    ("auth", "logged_in", "email", "switch", "expected"),
    [
        pytest.param(False, False, None, False, READER, id="no-auth-no-switch-read-only"),
        pytest.param(False, False, None, True, Role(True, LOCAL_EDITOR), id="no-auth-editing-on"),
        pytest.param(True, False, None, True, READER, id="auth-not-signed-in-switch-ignored"),
        pytest.param(True, True, "Alice@Paper.example", False, Role(True, "alice@paper.example"), id="listed"),
        pytest.param(True, True, "cy@desk.paper.example", False, Role(True, "cy@desk.paper.example"), id="domain"),
        pytest.param(True, True, "mallory@paper.example.evil", False, READER, id="not-a-domain-suffix"),
        pytest.param(True, True, "bob@paper.example", True, READER, id="signed-in-not-listed"),
    ],
)
def test_decide_role(auth: bool, logged_in: bool, email: str | None, switch: bool, expected: Role) -> None:
    got = decide_role(auth=auth, logged_in=logged_in, email=email, editors=EDITORS, editing_switch=switch)
    assert got == expected
