"""Spending against budget: planned vs actual, burn-up, cost-effectiveness and funding sources."""


import pandas as pd
import streamlit as st

from dih_data import budget, charts, clock, i18n, metrics, published, vocabularies
from dih_ui import chart_block, data, downloads, provenance, shell

lang, filters = shell.page_context()
frames = data.current_frames()
# Budgets have no region: the page applies the period and measures only.
scope = metrics.Filters(filters.date_from, filters.date_to, filters.measures)
events = metrics.filter_events(frames["events"], scope)
full_ledger = data.ledger()
ledger = budget.in_period(full_ledger, scope)
lines = budget.in_period(frames["budget"], scope)

st.title(i18n.t("budget_title", lang))
st.caption(i18n.t("budget_intro", lang))
provenances = sorted(set(events["provenance"]) | set(lines["provenance"]))
provenance.demo_notice(provenances, lang)
source = provenance.source_line(provenances, frames["batches"], lang)
stamp = downloads.stamp(source, f"{filters.date_from.year}–{filters.date_to.year}", lang)


def eur(value: float) -> str:
    return "—" if pd.isna(value) else i18n.fmt_eur(value, lang)


funders = budget.funder_names(frames["budget"], frames["expenditures"])


def funding_label(code: str) -> str:
    return budget.funding_label(code, funders, lang)


# --- planned vs actual ------------------------------------------------------------------------------
st.subheader(i18n.t("planned_actual_title", lang))
if lines.empty:
    st.info(i18n.t("no_budget", lang))
else:
    controls = st.columns([3, 2])
    group = controls[0].segmented_control(
        i18n.t("group_by", lang), ("funding_source", "measure", "line"), key="budget_group", required=True,
        default="funding_source", format_func=lambda g: i18n.t(f"group_{g}", lang))
    percent_sign = i18n.chart_locale(lang)["number"]["percent"].replace("%", "%%")  # printf: "10 %" in Latvian
    threshold = controls[1].slider(i18n.t("threshold", lang), 0, 50, 10, step=5, format="%d" + percent_sign,
                                   key="budget_threshold") / 100
    by = ["programme", "funding_source", "measure", "year"] if group == "line" else [group]
    table = budget.planned_vs_actual(lines, ledger, by, threshold)
    if group == "measure":
        table["label"] = table["measure"].map(lambda m: "—" if m == "—" else i18n.measure_label(m, lang))
    elif group == "line":
        table["label"] = table.apply(
            lambda r: f"{vocabularies.label('programme', r.programme, lang)} · "
                      f"{funding_label(r.funding_source)} · "
                      f"{'—' if r.measure == '—' else i18n.measure_label(r.measure, lang)} · {r.year}", axis=1)
    else:
        table["label"] = table["funding_source"].map(funding_label)
    chart = charts.planned_actual_bars(table, category="label", category_title="",
                                       value_title=i18n.t("amount_eur", lang), planned_title=i18n.t("planned", lang),
                                       actual_title=i18n.t("actual", lang),
                                       flagged_title=f"{i18n.t('actual', lang)}: {i18n.t('flagged', lang).lower()} (!)")
    chart_block.show(chart, lang, titles={"label": i18n.t(f"group_{group}", lang), "kind": i18n.t("series", lang)})
    st.caption(i18n.t("flagged_caption", lang, pct=i18n.fmt_pct(threshold, lang)))
    st.dataframe(
        pd.DataFrame({
            i18n.t(f"group_{group}", lang): table["label"],
            i18n.t("planned", lang): table["planned_eur"].map(eur),
            i18n.t("actual", lang): table["actual_eur"].map(eur),
            i18n.t("variance_eur", lang): table["variance_eur"].map(eur),
            i18n.t("variance_pct", lang): table["variance_pct"].map(
                lambda v: "—" if pd.isna(v) else ("+" if v > 0 else "") + i18n.fmt_pct(v, lang, 1)),
            i18n.t("flagged", lang): table["flagged"].map({True: "⚠", False: ""}),
        }),
        hide_index=True, width="stretch",
    )
    downloads.chart_buttons(chart, f"{i18n.t('planned_actual_title', lang)} — {stamp}", f"dih_budget_{group}", lang,
                            "budget_planned", data=table)

# --- burn-up ----------------------------------------------------------------------------------------
st.subheader(i18n.t("burnup_title", lang))
left, right = st.columns([3, 2])
with left:
    programmes = sorted(frames["budget"]["programme"].dropna().unique())
    if programmes:
        programme = st.selectbox(i18n.t("programme", lang), programmes, key="budget_programme",
                                 format_func=lambda p: vocabularies.label("programme", p, lang))
        start, end = budget.programme_period(frames["budget"], programme)
        planned_total = float(frames["budget"].loc[frames["budget"]["programme"] == programme, "planned_eur"].sum())
        today = clock.today()
        burn = budget.burn_up(planned_total, full_ledger[full_ledger["programme"] == programme], start, end, today)
        projection = None
        if burn["projected_pct"] is not None and today < end:
            projection = pd.DataFrame({"date": pd.to_datetime([burn["curve"]["date"].iloc[-1], end]),
                                       "pct": [burn["spent_pct"], burn["projected_pct"]]})
        burn_chart = charts.burn_up(burn["curve"], spent_title=i18n.t("spent_share", lang),
                                    time_title=i18n.t("time_share", lang), projection=projection,
                                    projection_title=i18n.t("projection", lang))
        chart_block.show(burn_chart, lang, titles={"date": i18n.t("date", lang), "series": i18n.t("series", lang),
                                                   "pct": i18n.t("spent_share", lang)})
        if burn["projected_eur"] is not None:
            st.write(i18n.t(
                "burnup_summary", lang, spent=eur(burn["spent_eur"]), planned=eur(planned_total),
                spent_pct=i18n.fmt_pct(burn["spent_pct"], lang, 1), time_pct=i18n.fmt_pct(burn["time_pct"], lang, 1),
                end=i18n.fmt_date(end, lang), projected=eur(burn["projected_eur"]),
                projected_pct=i18n.fmt_pct(burn["projected_pct"], lang, 1)))
        downloads.chart_buttons(burn_chart, f"{i18n.t('burnup_title', lang)}: {programme} — {stamp}",
                                "dih_burn_up", lang, "budget_burnup", data=burn["curve"])
    else:
        st.info(i18n.t("no_budget", lang))
with right:
    skills = published.SKILLS_PLUS_PROGRAMME
    st.markdown(f"**{i18n.t('skills_title', lang)}**")
    st.write(i18n.t(
        "skills_text", lang, name=skills.name, start=i18n.fmt_date(skills.start, lang),
        end=i18n.fmt_date(skills.end, lang), total=eur(skills.total_eur), erdf=eur(skills.erdf_eur),
        norwegian=eur(skills.norwegian_eur), partners=skills.partners))
    st.caption(f"{i18n.t('published_source', lang)}: {i18n.source_name(skills.source, lang)}")

# --- cost-effectiveness -----------------------------------------------------------------------------
st.subheader(i18n.t("cost_title", lang))
effectiveness = data.cost_effectiveness(scope)
effectiveness["measure_label"] = effectiveness["measure"].map(lambda m: i18n.measure_label(m, lang))
cost_chart = charts.unit_cost_bars(effectiveness, value_title=i18n.t("per_event", lang),
                                   published_title=i18n.t("published_unit_cost", lang))
chart_block.show(cost_chart, lang, titles={"measure_label": i18n.t("measure", lang)})
downloads.chart_buttons(cost_chart, f"{i18n.t('cost_title', lang)} — {stamp}", "dih_cost_per_event", lang,
                        "budget_cost", data=effectiveness.drop(columns=["measure_label"]))
columns = ["per_event", "per_participant", "per_organisation", "per_sme", "per_coop_initiated",
           "per_coop_implemented", "published_unit_cost"]
st.dataframe(
    pd.DataFrame({
        i18n.t("measure", lang): effectiveness["measure_label"],
        **{i18n.t(c, lang): effectiveness[c].map(eur) for c in columns},
        i18n.t("costed_events", lang): effectiveness["costed_events"],
        i18n.t("uncosted_events", lang): effectiveness["uncosted_events"],
    }),
    hide_index=True, width="stretch",
)
st.caption(i18n.t("cost_caption", lang))

# --- funding sources --------------------------------------------------------------------------------
st.subheader(i18n.t("funding_title", lang))
split = budget.funding_split(ledger)
if not split.empty:
    left, right = st.columns([3, 2])
    with left:
        split["funding_label"] = split["funding_source"].map(funding_label)
        donut = charts.share_donut(split, category="funding_label", value="amount_eur",
                                   category_title=i18n.t("group_funding_source", lang),
                                   value_title=i18n.t("amount_eur", lang))
        chart_block.show(donut, lang, titles={"share": i18n.t("share", lang)})
        downloads.chart_buttons(donut, f"{i18n.t('funding_title', lang)} — {stamp}", "dih_funding_sources", lang,
                                "budget_funding", data=split)
    with right:
        st.dataframe(pd.DataFrame({
            i18n.t("group_funding_source", lang): split["funding_label"],
            i18n.t("amount_eur", lang): split["amount_eur"].map(eur),
            i18n.t("share", lang): split["share"].map(lambda v: i18n.fmt_pct(v, lang, 1)),
        }), hide_index=True, width="stretch")
st.caption(source)
