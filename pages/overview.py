"""Overview: headline figures with their sources, trend, regional map, and the published record."""

import functools

import pandas as pd
import streamlit as st

from dih_data import charts, geography, i18n, maps, metrics, published
from dih_ui import chart_block, data, plain, provenance, shell

lang, filters = shell.page_context()
frames = data.current_frames()
events = metrics.filter_events(frames["events"], filters)
figures = metrics.kpis(frames["events"], frames["participations"], frames["budget"], frames["expenditures"], filters)
source = provenance.source_line(figures["provenances"], frames["batches"], lang)

st.title(i18n.t("overview_title", lang))
st.caption(i18n.t("overview_intro", lang))
provenance.demo_notice(figures["provenances"], lang)

if events.empty:
    st.info(i18n.t("no_data", lang))
else:
    row1 = st.columns(4)
    row2 = st.columns(3)
    tiles = [
        (row1[0], "kpi_events", i18n.fmt_int(figures["events"], lang), None),
        (row1[1], "kpi_participants", i18n.fmt_int(figures["participants"], lang), None),
        (row1[2], "kpi_organisations", i18n.fmt_int(figures["organisations_reached"], lang),
         i18n.t("kpi_smes", lang, smes=i18n.fmt_int(figures["smes_reached"], lang))),
        (row1[3], "kpi_municipalities",
         i18n.t("kpi_municipalities_value", lang, reached=figures["municipalities_reached"],
                total=figures["municipalities_total"]), None),
        (row2[0], "kpi_spend", i18n.fmt_eur(figures["spend_eur"], lang),
         i18n.t("kpi_spend_delta", lang, share=i18n.fmt_pct(figures["spend_eur"] / figures["budget_eur"], lang),
                budget=i18n.fmt_eur(figures["budget_eur"], lang))
         if figures["budget_eur"] else i18n.t("kpi_no_budget", lang)),
        (row2[1], "kpi_cost_per_participant",
         i18n.fmt_eur(figures["cost_per_participant"], lang, decimals=2)
         if figures["cost_per_participant"] is not None else i18n.t("kpi_not_recorded", lang),
         i18n.t("kpi_uncosted", lang, n=figures["uncosted_events"]) if figures["uncosted_events"] else None),
        (row2[2], "kpi_coop",
         f"{i18n.fmt_int(figures['coop_initiated'], lang)} → {i18n.fmt_int(figures['coop_implemented'], lang)}",
         None),
    ]
    for column, key, value, detail in tiles:
        with column.container(border=True):
            st.metric(i18n.t(key, lang), value)
            if detail:
                st.caption(detail)
            st.caption(source)

    left, right = st.columns([3, 2])
    with left:
        st.subheader(i18n.t("trend_title", lang))
        trend = metrics.trend(events, "year").rename(columns={"event_type": "measure"})
        trend["measure_label"] = trend["measure"].map(lambda m: i18n.measure_label(m, lang))
        trend_chart = charts.trend_bars(trend, x_title=i18n.t("year", lang), y_title=i18n.t("participants", lang),
                                        colour_title=i18n.t("measure", lang), height=380)
        chart_block.show(trend_chart, lang)
    with right:
        st.subheader(i18n.t("map_title", lang))
        regions = metrics.by_planning_region(events)
        online = regions[regions["planning_region"] == geography.ONLINE]
        on_map = regions[regions["planning_region"] != geography.ONLINE]
        classes = maps.classify(on_map["participants"], len(on_map))
        fmt = functools.partial(i18n.fmt_int, lang=lang)
        on_map = on_map.assign(label=on_map["planning_region"].map(lambda r: i18n.region_label(r, lang)),
                               **{"class": on_map["participants"].map(lambda v: classes.label(v, fmt))})
        region_chart = charts.region_map(geography.boundary_features("planning_region"), on_map,
                                         key="planning_region", value="participants", label="label",
                                         value_title=i18n.t("participants_unit", lang), classes=classes.legend(fmt),
                                         rule=i18n.t("map_rule", lang))
        chart_block.show(region_chart, lang, titles={"label": i18n.t("planning_region", lang)})
        st.metric(i18n.t("online_participants", lang), i18n.fmt_int(int(online["participants"].sum()), lang))
    st.caption(source)

st.subheader(i18n.t("published_title", lang))
st.caption(i18n.t("published_intro", lang))


def _count(value) -> str:
    return i18n.t("not_stated", lang) if pd.isna(value) else i18n.fmt_int(value, lang)


def _source(file_name: str) -> str:
    return i18n.source_name(file_name, lang)


published_table = pd.DataFrame([
    {
        i18n.t("measure", lang): i18n.measure_label(r["measure"], lang),
        i18n.t("period_col", lang): r["period"],
        i18n.t("events", lang): _count(r["events"]),
        i18n.t("participants", lang): _count(r["participants"]),
        i18n.t("quote", lang): r["quote"],
        i18n.t("source", lang): _source(r["source"]),
    }
    for r in published.published_totals()
])
st.dataframe(published_table, hide_index=True, width="stretch")

costs, programme = st.columns(2)
with costs:
    st.markdown(f"**{i18n.t('unit_costs_title', lang)}**")
    st.dataframe(pd.DataFrame([
        {
            i18n.t("measure", lang): i18n.measure_label(cost.measure, lang),
            i18n.t("unit_cost", lang): ("~" + i18n.fmt_eur(cost.approx_eur, lang))
            if cost.approx_eur is not None else i18n.t("not_published", lang),
            i18n.t("source", lang): cost.source,
        }
        for cost in published.UNIT_COSTS.values()
    ]), hide_index=True, width="stretch")
with programme:
    record = published.SKILLS_PLUS_PROGRAMME
    st.markdown(f"**{i18n.t('programme_title', lang)}**")
    st.write(i18n.t(
        "programme_line", lang, partners=record.partners, start=i18n.fmt_month(record.start, lang),
        end=i18n.fmt_month(record.end, lang), total=i18n.fmt_eur(record.total_eur, lang, 2),
        erdf=i18n.fmt_eur(record.erdf_eur, lang, 2), norway=i18n.fmt_eur(record.norwegian_eur, lang, 2),
    ))
    st.caption(_source(record.source))
    st.markdown(f"**{i18n.t('facts_title', lang)}**")
    st.write(plain.sentence(i18n.t("fact_staff", lang, staff=published.STAFF_IN_HOUSE,
                                   experts=published.STAFF_CLUSTER_EXPERTS)))
    st.write(plain.sentence(i18n.t("fact_coop", lang,
                                   share=i18n.fmt_pct(published.COOPERATION_IMPLEMENTED_SHARE, lang))))
    st.write(plain.sentence(i18n.t("fact_workshop_regions", lang, n=published.WORKSHOP_2019_REGIONS)))
    st.caption(_source(published.GOOD_PRACTICE))
    st.markdown(f"**{i18n.t('survey_title', lang)}**")
    for share in published.SURVEY_SHARES:
        st.write(f"{i18n.fmt_pct(share.share, lang)} {i18n.t('survey_' + share.key, lang)}")
    st.caption(_source(published.SKILLS_PLUS))

st.subheader(i18n.t("compare_title", lang))
comparison = metrics.compare_published(frames["events"])
st.dataframe(pd.DataFrame({
    i18n.t("measure", lang): comparison["measure"].map(lambda m: i18n.measure_label(m, lang)),
    i18n.t("period_col", lang): comparison["period"],
    i18n.t("published_events", lang): comparison["published_events"].map(_count),
    i18n.t("recorded_events", lang): comparison["recorded_events"],
    i18n.t("published_participants", lang): comparison["published_participants"].map(_count),
    i18n.t("recorded_participants", lang): comparison["recorded_participants"],
    i18n.t("difference", lang): comparison["participants_difference"].map(
        lambda d: "—" if pd.isna(d) else (i18n.t("agrees", lang) if d == 0 else f"{int(d):+d}")),
}), hide_index=True, width="stretch")
st.caption(i18n.t("footer", lang))
