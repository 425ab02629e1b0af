"""Spending against budget: planned vs actual, burn-up, cost-effectiveness and funding sources."""

import datetime

import pandas as pd
import streamlit as st

from dih_data import budget, charts, clock, i18n, metrics, published, vocabularies
from dih_ui import chart_block, data, downloads, provenance, shell, tables, views

lang, filters = shell.page_context()
# Budgets have no region: the page applies the period and measures only.
scope = metrics.Filters(filters.date_from, filters.date_to, filters.measures)


def _eur(value: float, lang: str) -> str:
    return "—" if pd.isna(value) else i18n.fmt_eur(value, lang)


@views.cached
def _view(scope: metrics.Filters, lang: str) -> dict:
    """What depends only on the period, measures and language: the source, cost-effectiveness and funding
    sources (shared by every session)."""
    frames = views.frames()
    events = metrics.filter_events(frames["events"], scope)
    lines = budget.in_period(frames["budget"], scope)
    provenances = sorted(set(events["provenance"]) | set(lines["provenance"]))
    funders = budget.funder_names(frames["budget"], frames["expenditures"])
    out = {"provenances": provenances, "source": provenance.source_line(provenances, frames["batches"], lang),
           "no_lines": lines.empty, "programmes": sorted(frames["budget"]["programme"].dropna().unique())}
    skills = published.SKILLS_PLUS_PROGRAMME
    out["skills"] = i18n.t(
        "skills_text", lang, name=skills.name, start=i18n.fmt_date(skills.start, lang),
        end=i18n.fmt_date(skills.end, lang), total=_eur(skills.total_eur, lang), erdf=_eur(skills.erdf_eur, lang),
        norwegian=_eur(skills.norwegian_eur, lang), partners=skills.partners)
    out["skills_source"] = f"{i18n.t('published_source', lang)}: {i18n.source_name(skills.source, lang)}"

    # the chart's order (highest cost per event first), so the table's rows read as the bars above them
    effectiveness = data.cost_effectiveness(scope).sort_values("per_event", ascending=False, na_position="last",
                                                               kind="stable")
    effectiveness["measure_label"] = effectiveness["measure"].map(lambda m: i18n.measure_label(m, lang))
    out["cost"] = chart_block.build(
        charts.unit_cost_bars(effectiveness, value_title=i18n.t("per_event", lang),
                              published_title=i18n.t("published_unit_cost", lang)),
        lang, titles={"measure_label": i18n.t("measure", lang)})
    out["cost_data"] = effectiveness.drop(columns=["measure_label"])
    columns = ["per_event", "per_participant", "per_organisation", "per_sme", "per_coop_initiated",
               "per_coop_implemented", "published_unit_cost"]
    cost_table = pd.DataFrame({
        i18n.t("measure", lang): effectiveness["measure_label"],
        **{i18n.t(c, lang): effectiveness[c].map(lambda v: _eur(v, lang)) for c in columns},
        i18n.t("costed_events", lang): effectiveness["costed_events"],
        i18n.t("uncosted_events", lang): effectiveness["uncosted_events"],
    })
    out["cost_table"] = tables.html(cost_table, lang, i18n.t("cost_title", lang), numbers=list(cost_table.columns[1:]),
                                    labels=[i18n.t("measure", lang)])

    split = budget.funding_split(budget.in_period(data.ledger(), scope))
    out["funding"] = None
    if not split.empty:
        split["funding_label"] = split["funding_source"].map(lambda c: budget.funding_label(c, funders, lang))
        out["funding"] = {
            "chart": chart_block.build(
                charts.share_donut(split, category="funding_label", code="funding_source", value="amount_eur",
                                   category_title=i18n.t("group_funding_source", lang),
                                   value_title=i18n.t("amount_eur", lang)),
                lang, titles={"share": i18n.t("share", lang)}),
            "data": split,
            "table": tables.html(pd.DataFrame({
                i18n.t("group_funding_source", lang): split["funding_label"],
                i18n.t("amount_eur", lang): split["amount_eur"].map(lambda v: _eur(v, lang)),
                i18n.t("share", lang): split["share"].map(lambda v: i18n.fmt_pct(v, lang, 1)),
            }), lang, i18n.t("funding_title", lang), numbers=[i18n.t("amount_eur", lang), i18n.t("share", lang)]),
        }
    return out


@views.cached
def _planned(scope: metrics.Filters, lang: str, group: str, threshold: float) -> dict:
    """Planned against actual per funding source, measure or budget line (shared by every session)."""
    frames = views.frames()
    lines = budget.in_period(frames["budget"], scope)
    ledger = budget.in_period(data.ledger(), scope)
    funders = budget.funder_names(frames["budget"], frames["expenditures"])
    by = ["programme", "funding_source", "measure", "year"] if group == "line" else [group]
    table = budget.planned_vs_actual(lines, ledger, by, threshold)
    if group == "measure":
        table["label"] = table["measure"].map(lambda m: "—" if m == "—" else i18n.measure_label(m, lang))
    elif group == "line":
        table["label"] = table.apply(
            lambda r: f"{vocabularies.label('programme', r.programme, lang)} · "
                      f"{budget.funding_label(r.funding_source, funders, lang)} · "
                      f"{'—' if r.measure == '—' else i18n.measure_label(r.measure, lang)} · {r.year}", axis=1)
    else:
        table["label"] = table["funding_source"].map(lambda c: budget.funding_label(c, funders, lang))
    chart = charts.planned_actual_bars(table, category="label", category_title="",
                                       value_title=i18n.t("amount_eur", lang), planned_title=i18n.t("planned", lang),
                                       actual_title=i18n.t("actual", lang),
                                       flagged_title=f"{i18n.t('actual', lang)}: {i18n.t('flagged', lang).lower()} (!)")
    return {
        "chart": chart_block.build(chart, lang, titles={"label": i18n.t(f"group_{group}", lang),
                                                        "kind": i18n.t("series", lang)}),
        "caption": i18n.t("flagged_caption", lang, pct=i18n.fmt_pct(threshold, lang)),
        "table": tables.html(pd.DataFrame({
            i18n.t(f"group_{group}", lang): table["label"],
            i18n.t("planned", lang): table["planned_eur"].map(lambda v: _eur(v, lang)),
            i18n.t("actual", lang): table["actual_eur"].map(lambda v: _eur(v, lang)),
            i18n.t("variance_eur", lang): table["variance_eur"].map(lambda v: _eur(v, lang)),
            i18n.t("variance_pct", lang): table["variance_pct"].map(
                lambda v: "—" if pd.isna(v) else ("+" if v > 0 else "") + i18n.fmt_pct(v, lang, 1)),
            i18n.t("flagged", lang): table["flagged"].map({True: "⚠", False: ""}),
        }), lang, i18n.t("planned_actual_title", lang), numbers=[i18n.t(key, lang) for key in (
            "planned", "actual", "variance_eur", "variance_pct")]),
        "data": table,
    }


@views.cached
def _burn_up(lang: str, programme: str, today: datetime.date) -> dict:
    """A programme's burn-up to ``today`` (part of the key: the page works on any date), shared by every session."""
    frames = views.frames()
    start, end = budget.programme_period(frames["budget"], programme)
    planned_total = float(frames["budget"].loc[frames["budget"]["programme"] == programme, "planned_eur"].sum())
    full_ledger = data.ledger()
    burn = budget.burn_up(planned_total, full_ledger[full_ledger["programme"] == programme], start, end, today)
    projection = None
    if burn["projected_pct"] is not None and today < end:
        projection = pd.DataFrame({"date": pd.to_datetime([burn["curve"]["date"].iloc[-1], end]),
                                   "pct": [burn["spent_pct"], burn["projected_pct"]]})
    chart = charts.burn_up(burn["curve"], spent_title=i18n.t("spent_share", lang),
                           time_title=i18n.t("time_share", lang), projection=projection,
                           projection_title=i18n.t("projection", lang))
    return {
        "chart": chart_block.build(chart, lang, titles={"date": i18n.t("date", lang), "series": i18n.t("series", lang),
                                                        "pct": i18n.t("spent_share", lang)}),
        "summary": None if burn["projected_eur"] is None else i18n.t(
            "burnup_summary", lang, spent=_eur(burn["spent_eur"], lang), planned=_eur(planned_total, lang),
            spent_pct=i18n.fmt_pct(burn["spent_pct"], lang, 1), time_pct=i18n.fmt_pct(burn["time_pct"], lang, 1),
            end=i18n.fmt_date(end, lang), projected=_eur(burn["projected_eur"], lang),
            projected_pct=i18n.fmt_pct(burn["projected_pct"], lang, 1)),
        "data": burn["curve"],
    }


view = _view(scope, lang)
st.title(i18n.t("budget_title", lang))
st.caption(i18n.t("budget_intro", lang))
provenance.demo_notice(view["provenances"], lang)
source = view["source"]
stamp = downloads.stamp(source, f"{filters.date_from.year}–{filters.date_to.year}", lang)

# --- planned vs actual ------------------------------------------------------------------------------
st.subheader(i18n.t("planned_actual_title", lang))
if view["no_lines"]:
    st.info(i18n.t("no_budget", lang))
else:
    controls = st.columns([3, 2])
    group = controls[0].segmented_control(
        i18n.t("group_by", lang), ("funding_source", "measure", "line"), key="budget_group", required=True,
        default="funding_source", format_func=lambda g: i18n.t(f"group_{g}", lang))
    percent_sign = i18n.chart_locale(lang)["number"]["percent"].replace("%", "%%")  # printf: "10 %" in Latvian
    threshold = controls[1].slider(i18n.t("threshold", lang), 0, 50, 10, step=5, format="%d" + percent_sign,
                                   key="budget_threshold") / 100
    planned = _planned(scope, lang, group, threshold)
    chart_block.show_built(planned["chart"], lang)
    st.caption(planned["caption"])
    tables.show(planned["table"])
    downloads.built_chart_buttons(planned["chart"], f"{i18n.t('planned_actual_title', lang)} — {stamp}",
                                  f"dih_budget_{group}", lang, "budget_planned", data=planned["data"])

# --- burn-up ----------------------------------------------------------------------------------------
st.subheader(i18n.t("burnup_title", lang))
left, right = st.columns([3, 2])
with left:
    if view["programmes"]:
        programme = st.selectbox(i18n.t("programme", lang), view["programmes"], key="budget_programme",
                                 format_func=lambda p: vocabularies.label("programme", p, lang))
        burn = _burn_up(lang, programme, clock.today())
        chart_block.show_built(burn["chart"], lang)
        if burn["summary"] is not None:
            st.write(burn["summary"])
        downloads.built_chart_buttons(burn["chart"], f"{i18n.t('burnup_title', lang)}: {programme} — {stamp}",
                                      "dih_burn_up", lang, "budget_burnup", data=burn["data"])
    else:
        st.info(i18n.t("no_budget", lang))
with right:
    st.markdown(f"**{i18n.t('skills_title', lang)}**")
    st.write(view["skills"])
    st.caption(view["skills_source"])

# --- cost-effectiveness -----------------------------------------------------------------------------
st.subheader(i18n.t("cost_title", lang))
chart_block.show_built(view["cost"], lang)
downloads.built_chart_buttons(view["cost"], f"{i18n.t('cost_title', lang)} — {stamp}", "dih_cost_per_event", lang,
                              "budget_cost", data=view["cost_data"])
# An HTML table: its ten columns fit the page with their headers wrapped (in the data grid the last ones,
# the "not recorded" count the caption points to among them, were scrolled out of view).
tables.show(view["cost_table"])
st.caption(i18n.t("cost_caption", lang))

# --- funding sources --------------------------------------------------------------------------------
st.subheader(i18n.t("funding_title", lang))
if view["funding"] is not None:
    funding = view["funding"]
    # halves: at 1440 px a fifth less for the ring, and the table's headers and sources each on one line
    left, right = st.columns(2)
    with left:
        chart_block.show_built(funding["chart"], lang)
        downloads.built_chart_buttons(funding["chart"], f"{i18n.t('funding_title', lang)} — {stamp}",
                                      "dih_funding_sources", lang, "budget_funding", data=funding["data"])
    with right:
        tables.show(funding["table"])  # the grid cut "Daļa no kopējā"
st.caption(source)
