"""The bare baseline page for the load benchmark: a title, one metric and one 10-row Altair bar chart.

Every load figure is divided by this page's figure from the same run, so the ratio says what the
dashboard costs beyond what any Streamlit page costs on this machine at this moment.
"""

import altair as alt
import pandas as pd
import streamlit as st

st.title("Baseline")
st.metric("Sessions", 10)
bars = pd.DataFrame({"category": list("ABCDEFGHIJ"), "value": range(1, 11)})
st.altair_chart(alt.Chart(bars).mark_bar().encode(x="category", y="value"), width="stretch")
