"""What a page draws, computed once per (view, data version) and shared by every session that asks for it.

Under load most sessions ask for the same few views (the default filters, two languages), so a page
splits into a *view* — a cached function of (database URL, data version, filters, language, page
state) returning plain values, tables and ready Vega-Lite specs — and a script that only sends them.
Building a chart (Altair's schema validation, the data as Arrow) then happens once per view, not
once per visitor (issue 13: ~5–15× the bare page's server CPU per session before).
"""

from __future__ import annotations

import functools
import hashlib
import pickle

import altair as alt
import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from dih_data import charts, config
from dih_ui import data


def cached(func):
    """``func(*args)`` cached per database URL and data version, and shared read-only (``st.cache_resource``: a
    copy per session, as ``st.cache_data`` makes, cost each Regions session ~5 ms of unpickling): a page copies
    what it changes. ``func`` must be a pure function of its arguments.

    A page defines its views anew on every run, so the cache itself is made once here (decorating per run
    made Streamlit read the function's source each time); ``func`` travels unhashed, named by its file and
    name: every page script runs as ``__main__``, so two pages' ``_view`` with the same arguments would
    otherwise share one entry."""
    name = f"{func.__code__.co_filename}:{func.__qualname__}"

    @functools.wraps(func)
    def view(*args):
        return _per_version(name, config.database_url(), run_data_version(), func, *args)

    return view


@st.cache_resource(ttl=3600, max_entries=1024, show_spinner=False)
def _per_version(name: str, url: str, version: tuple, _func, *args):
    return _func(*args)


def run_data_version() -> tuple:
    """The data version, read once per script run: a page's views then all come from the same version,
    and a session pays one query, not one per view. Outside a script run, read on every call."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return data.data_version(data.engine())
    run = ctx.cursors  # a new dict every run (``ScriptRunContext.reset``); held, so its identity is not reused
    remembered = getattr(ctx, "_dih_data_version", None)
    if remembered is None or remembered[0] is not run:
        remembered = (run, data.data_version(data.engine()))
        ctx._dih_data_version = remembered
    return remembered[1]


def frames() -> dict:
    """The shared frames of the run's data version (``run_data_version``), for use inside a ``cached`` view."""
    return data.frames(config.database_url(), run_data_version())


def spec(chart: alt.TopLevelMixin, lang: str) -> dict:
    """The Vega-Lite spec ``st.altair_chart`` would send for ``chart`` in ``lang`` (data as Arrow datasets),
    made once inside a cached view; ``show`` sends it."""
    return _convert_altair_to_vega_lite_spec(charts.localised(chart, lang))


def altair(chart: alt.TopLevelMixin, lang: str) -> str:
    """``st.altair_chart(localised(chart))``, converted once per distinct chart: the spec is cached under a
    hash of the pickled chart (its data included, ~1 ms), so the many sessions that build the same chart
    share one conversion (Altair's ``to_dict`` and the data as Arrow: ~40 ms each under load). Returns the
    fingerprint, for what else is made once per chart (its data table)."""
    chart = charts.localised(chart, lang)
    fingerprint = hashlib.sha256(pickle.dumps(chart)).hexdigest()
    show(_shared_spec(fingerprint, chart))
    return fingerprint


@st.cache_resource(max_entries=512, show_spinner=False)
def _shared_spec(fingerprint: str, _chart: alt.TopLevelMixin) -> dict:
    """One spec per fingerprint, shared read-only (Streamlit copies what it changes before sending)."""
    return _convert_altair_to_vega_lite_spec(_chart)


def table(frame: pd.DataFrame) -> pa.Table:
    """``frame`` as the Arrow table ``st.dataframe`` sends, converted once inside a cached view (the index is
    not sent: the pages hide it)."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def show(chart_spec: dict, **options) -> None:
    """Send a spec made by ``spec`` (page width, Streamlit's chart theme, as ``st.altair_chart`` does)."""
    st.vega_lite_chart(chart_spec, width="stretch", **options)
