"""Who may change shared data: readers (anyone) and editors.

- With ``[auth]`` secrets: an editor is signed in (``st.login``) and listed in
  ``[dashboard] editors = ["alice@paper.example", "@paper.example"]`` (an entry starting
  with ``@`` names a whole domain).
- Without ``[auth]``: nobody is an editor unless the operator turns editing on for a
  single-user local copy — ``DASHBOARD_EDITING=1`` in the environment or
  ``[dashboard] editing = true`` in the secrets; the editor's name in the log is
  ``DASHBOARD_EDITOR`` (default "local editor").

Secure by default: a hosted copy deployed without either setting is read-only.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard.ui.sign_in import auth_configured

EDITING_ENV = "DASHBOARD_EDITING"
EDITOR_NAME_ENV = "DASHBOARD_EDITOR"
LOCAL_EDITOR = "local editor"
SECTION = "dashboard"
TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Role:
    editor: bool
    name: str  # the editor's name for the log ("" for a reader)


READER = Role(editor=False, name="")


def decide_role(
    *,
    auth: bool,
    logged_in: bool,
    email: str | None,
    editors: Sequence[str],
    editing_switch: bool,
    local_name: str = LOCAL_EDITOR,
) -> Role:
    """The rule, as a pure function of the settings and the visitor."""
    if auth:
        if not logged_in or not email:
            return READER
        address = email.strip().lower()
        listed = {e.strip().lower() for e in editors if e.strip()}
        domain = "@" + address.rsplit("@", 1)[-1] if "@" in address else None
        return Role(True, address) if address in listed or (domain is not None and domain in listed) else READER
    return Role(True, local_name.strip() or LOCAL_EDITOR) if editing_switch else READER


def _section() -> Mapping[str, Any]:
    try:
        return dict(st.secrets.get(SECTION, {}))
    except FileNotFoundError:  # no secrets.toml anywhere
        return {}


def current_role() -> Role:
    """The visitor's role for this script run."""
    section = _section()
    editors = section.get("editors", [])
    switch = os.environ.get(EDITING_ENV, "").strip().lower() in TRUE or section.get("editing") is True
    auth = auth_configured()
    return decide_role(
        auth=auth,
        logged_in=bool(auth and st.user.is_logged_in),
        email=str(st.user.get("email") or "") if auth else None,
        editors=[str(e) for e in editors] if isinstance(editors, list) else [],
        editing_switch=switch,
        local_name=os.environ.get(EDITOR_NAME_ENV, LOCAL_EDITOR),
    )
