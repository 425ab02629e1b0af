"""The page link's query string, read through :mod:`dih_data.links` with a gentle note on what was ignored."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from dih_data import i18n, links


def read(spec: Mapping[str, links.Param], lang: str | None = None) -> dict[str, object]:
    """The declared parameters' values (defaults where missing or not understood).

    Ignored names (our own parameter names, never the value from the link) are told in a toast, once
    per session and value.
    """
    values, ignored = links.read(st.query_params.to_dict(), spec)
    told = st.session_state.setdefault("links_told", set())
    new = [name for name in ignored if (name, st.query_params.get(name)) not in told]
    if new:
        told.update((name, st.query_params.get(name)) for name in new)
        lang = lang if lang in i18n.LANGS else "lv"
        st.toast(i18n.t("link_ignored", lang, names=", ".join(new)), icon=":material/link_off:")
    return values
