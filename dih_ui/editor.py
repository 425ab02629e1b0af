"""Who is editing: OIDC login with an allowed-editors list when configured, else the editor password."""

from __future__ import annotations

import math

import streamlit as st

from dih_data import access, batches, i18n
from dih_ui import plain


def _oidc_editors() -> list[str] | None:
    """The allowed editors when ``[auth]`` is configured in secrets.toml, else None."""
    try:
        if "auth" not in st.secrets:
            return None
        return [email.casefold() for email in st.secrets.get("dih", {}).get("editors", [])]
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 — Streamlit raises its own error type when no secrets file exists
        return None


def sign_in(lang: str) -> str | None:
    """Draw the sign-in box; returns the editor's name (recorded with every write) or None for viewers."""
    user = st.session_state.get("editor_user")
    if user:
        left, right = st.columns([4, 1])
        left.success(i18n.t("editor_signed_in", lang, user=plain.md(batches.shown_user(user, lang))))
        if right.button(i18n.t("editor_sign_out", lang), key="data_sign_out"):
            del st.session_state["editor_user"]
            st.rerun()
        return user
    editors = _oidc_editors()
    if editors is not None:
        if not st.user.is_logged_in:
            st.button(i18n.t("editor_login", lang), key="data_login", on_click=st.login)
            return None
        email = (st.user.get("email") or "").casefold()
        if email in editors:
            return email
        st.warning(i18n.t("editor_not_allowed", lang, user=plain.md(email)))
        return None
    if access.password_is_set():
        _password_sign_in(lang)
        return None
    st.info(i18n.t("how_to_edit", lang))
    return None


NAME_LENGTH = 64


def _password_sign_in(lang: str) -> None:
    """Name and password; a right pair signs in as "<name> (password)", so every batch says who made it."""
    name_box, password_box, button = st.columns([2, 2, 1], vertical_alignment="bottom")
    name = " ".join(name_box.text_input(i18n.t("editor_name", lang), key="data_editor_name",
                                        max_chars=NAME_LENGTH).split())
    password = password_box.text_input(i18n.t("editor_password", lang), type="password", key="data_password")
    if not button.button(i18n.t("editor_unlock", lang), key="data_unlock"):
        return
    if not name:
        st.warning(i18n.t("editor_name_missing", lang))
        return
    throttle = st.session_state.setdefault("editor_throttle", access.Throttle(access.SESSION_FREE_TRIES))
    try:
        attempt = access.try_password(password, throttle)
    except access.BrokenPasswordFile:
        st.error(i18n.t("editor_password_broken", lang))
        return
    if attempt.ok:
        st.session_state["editor_user"] = f"{name}{batches.PASSWORD_SUFFIX}"
        st.rerun()
    if attempt.wait:
        st.error(i18n.t("editor_wait", lang, seconds=math.ceil(attempt.wait)))
    else:
        st.error(i18n.t("editor_wrong", lang))
