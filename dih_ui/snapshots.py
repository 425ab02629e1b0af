"""Publishing the slide snapshots for phones from the Present and Data pages (the writing is in dih_data)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from dih_data import config, i18n, metrics, slides, snapshots
from dih_ui import provenance

LIVE_FROM_SNAPSHOT = "../../../.."
"""From ``/app/static/snapshots/<lang>/`` back to the dashboard's root, when no public address is set."""


def publish(frames: dict[str, pd.DataFrame], filters: metrics.Filters, keys: list[str], lang: str) -> list[Path]:
    """Write the sequence ``keys`` in both languages (public view) where the QR code points; ~0.2 s a slide."""
    params = {k: v for k, v in st.query_params.to_dict().items() if k in slides.SHARED_PARAMS}
    with st.spinner(i18n.t("snapshot_button", lang)):
        return snapshots.write(config.snapshot_dir(), frames, filters, keys,
                               lambda lang, kinds: provenance.source_line(list(kinds), frames["batches"], lang),
                               os.environ.get("DIH_PUBLIC_URL") or LIVE_FROM_SNAPSHOT, params)


def publish_once(frames: dict[str, pd.DataFrame], filters: metrics.Filters, keys: list[str], lang: str,
                 version: tuple) -> None:
    """On stage: publish when the sequence, the filters or the data changed since this session last did."""
    signature = (tuple(keys), filters, version)
    if st.session_state.get("present_snapshots") != signature:
        publish(frames, filters, keys, lang)
        st.session_state["present_snapshots"] = signature
