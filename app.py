"""DIH Insight — router and shared sidebar. Each page lives in pages/; the logic in dih_data/."""

import streamlit as st

from dih_data import clock, i18n
from dih_ui import data, navigation, plain, shell, sidebar

st.set_page_config(page_title="DIH Insight", page_icon="📊", layout="wide")

events = data.current_frames()["events"]
this_year = clock.today().year
first_year = int(events["year"].min()) if len(events) else this_year
last_year = max(this_year, int(events["year"].max()) if len(events) else 0)
lang, filters = sidebar.render(first_year, last_year)
shell.page_css()
st.session_state["app_lang"], st.session_state["app_filters"] = lang, filters

PAGES = [st.Page(script, title=i18n.t(title, lang), icon=icon, default=index == 0)
         for index, (script, title, icon) in enumerate(navigation.PAGES)]
typed = navigation.take_unknown_address({page.url_path for page in PAGES})
page = st.navigation(PAGES)
if typed is not None:  # the address is the visitor's text: plain, and cut short
    address = "/" + (typed if len(typed) <= 80 else typed[:79] + "…")
    st.warning(i18n.t("page_not_found", lang, address=plain.md(address), page=PAGES[0].title))
page.run()
