"""The shared sidebar: language and filters, mirrored in the URL so a copied link reproduces the view."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dih_data import i18n, links
from dih_data.geography import ONLINE, REGION_NAMES
from dih_data.metrics import Filters
from dih_data.schemas import EVENT_TYPES
from dih_ui import params, shell

REGION_OPTIONS = (*REGION_NAMES, ONLINE)


def _from_url(first_year: int, last_year: int) -> None:
    """Seed any widget whose state is missing from the query string.

    The URL always mirrors the last drawn state, so this also restores widgets whose state
    Streamlit dropped during a run that did not draw the sidebar (a page run without the router).
    """
    state = st.session_state
    if all(key in state for key in SEEDED):
        return
    lang = st.query_params.get("lang")
    url = params.read({
        "lang": links.choice(i18n.LANGS, i18n.DEFAULT_LANG),
        "from": links.integer(0, 9999, first_year),
        "to": links.integer(0, 9999, last_year),
        "m": links.subset(EVENT_TYPES),
        "r": links.subset(REGION_OPTIONS),
    }, lang)
    shell.seed("sidebar_lang", url["lang"])
    low, high = sorted((url["from"], url["to"]))
    low, high = max(first_year, low), min(last_year, high)
    shell.seed("sidebar_years", (low, high) if low <= high else (first_year, last_year))
    shell.seed("sidebar_measures", url["m"])
    shell.seed("sidebar_regions", url["r"])


SEEDED = ("sidebar_lang", "sidebar_years", "sidebar_measures", "sidebar_regions")
OWN_PARAMS = ("lang", "from", "to", "m", "r")


def _to_url(lang: str, years: tuple[int, int], measures: list[str], regions: list[str]) -> None:
    """Write the sidebar's own keys to the URL, leaving the pages' keys alone."""
    wanted = {"lang": lang, "from": str(years[0]), "to": str(years[1]), "m": ",".join(measures),
              "r": ",".join(regions)}
    for key in OWN_PARAMS:
        if not wanted[key]:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]


def render(first_year: int, last_year: int) -> tuple[str, Filters]:
    """Draw the sidebar; returns the language and the filters every page applies."""
    _from_url(first_year, last_year)
    with st.sidebar:
        lang = st.segmented_control(
            i18n.t("language", st.session_state["sidebar_lang"]), i18n.LANGS, format_func=i18n.language_name,
            key="sidebar_lang", required=True,
        )
        st.subheader(i18n.t("filters", lang))
        if first_year < last_year:
            years = st.slider(i18n.t("period", lang), first_year, last_year, key="sidebar_years")
        else:
            years = (first_year, last_year)
        measures = st.multiselect(
            i18n.t("measures", lang), EVENT_TYPES, format_func=lambda m: i18n.measure_label(m, lang),
            key="sidebar_measures", placeholder=i18n.t("all_selected_hint", lang),
        )
        regions = st.multiselect(
            i18n.t("regions", lang), REGION_OPTIONS, format_func=lambda r: i18n.region_label(r, lang),
            key="sidebar_regions", placeholder=i18n.t("all_selected_hint", lang),
        )
    _to_url(lang, years, measures, regions)
    filters = Filters(
        date_from=dt.date(years[0], 1, 1), date_to=dt.date(years[1], 12, 31),
        measures=tuple(measures), regions=tuple(regions),
    )
    return lang, filters
