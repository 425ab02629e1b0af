"""Where a number comes from: the demo badge and the source line under each figure."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dih_data import i18n


def source_line(provenances: list[str], batches: pd.DataFrame, lang: str) -> str:
    recorded = int((batches["provenance"] == "recorded").sum()) if len(batches) else 0
    if provenances == ["demo"]:
        return i18n.t("source_demo", lang)
    if "demo" in provenances:
        return i18n.t("source_mixed", lang)
    return i18n.t("source_recorded", lang, n=recorded)


def demo_notice(provenances: list[str], lang: str) -> None:
    """A visible badge on every view computed (partly) from demo data.

    The explanation folds into an expander, so on a phone the headline numbers (each with its own
    "demo data" source line) come first instead of a paragraph about editing.
    """
    if "demo" in provenances:
        st.badge(i18n.t("demo_badge", lang), icon=":material/science:", color="orange")
        with st.expander(i18n.t("demo_more", lang), icon=":material/info:"):
            st.caption(i18n.t("demo_explained", lang))
