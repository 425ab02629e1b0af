"""DIH Insight — router and shared sidebar. Each page lives in pages/; the logic in dih_data/."""

import streamlit as st

from dih_data import clock, i18n
from dih_ui import data, shell, sidebar

st.set_page_config(page_title="DIH Insight", page_icon="📊", layout="wide")

events = data.current_frames()["events"]
this_year = clock.today().year
first_year = int(events["year"].min()) if len(events) else this_year
last_year = max(this_year, int(events["year"].max()) if len(events) else 0)
lang, filters = sidebar.render(first_year, last_year)
shell.page_css()
st.session_state["app_lang"], st.session_state["app_filters"] = lang, filters

PAGES = [
    st.Page("pages/overview.py", title=i18n.t("nav_overview", lang), icon=":material/dashboard:", default=True),
    st.Page("pages/regions.py", title=i18n.t("nav_regions", lang), icon=":material/map:"),
    st.Page("pages/attendance.py", title=i18n.t("nav_attendance", lang), icon=":material/groups:"),
    st.Page("pages/budget.py", title=i18n.t("nav_budget", lang), icon=":material/euro:"),
    st.Page("pages/barriers.py", title=i18n.t("nav_barriers", lang), icon=":material/report:"),
    st.Page("pages/present.py", title=i18n.t("nav_present", lang), icon=":material/co_present:"),
    st.Page("pages/data.py", title=i18n.t("nav_data", lang), icon=":material/database:"),
]
st.navigation(PAGES).run()
