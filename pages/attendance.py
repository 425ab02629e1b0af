"""Attendance trends: is participation growing, in which measures, and who comes back."""

import pandas as pd
import streamlit as st

from dih_data import attendance, charts, i18n, links, metrics, palette, vocabularies
from dih_ui import chart_block, data, downloads, params, provenance, shell

lang, filters = shell.page_context()
frames = data.current_frames()
events = metrics.filter_events(frames["events"], filters)

st.title(i18n.t("attendance_title", lang))
st.caption(i18n.t("attendance_intro", lang))
provenance.demo_notice(sorted(set(events["provenance"])), lang)
if events.empty:
    st.info(i18n.t("no_events", lang))
    st.stop()
source = provenance.source_line(sorted(set(events["provenance"])), frames["batches"], lang)
stamp = downloads.stamp(source, f"{filters.date_from.year}–{filters.date_to.year}", lang)

url = params.read({"grain": links.choice(attendance.GRAINS, "year")}, lang)
shell.seed("attendance_grain", url["grain"])
controls = st.columns([3, 2, 3])
grain = controls[0].segmented_control(i18n.t("grain", lang), attendance.GRAINS, key="attendance_grain",
                                      required=True, format_func=lambda g: i18n.t(f"grain_{g}", lang))
view = controls[1].segmented_control(i18n.t("view", lang), ("stacked", "grouped"), key="attendance_view",
                                     required=True, default="stacked", format_func=lambda v: i18n.t(f"view_{v}", lang))
value = controls[2].selectbox(i18n.t("value", lang), ("participants", "events", "per_event"), key="attendance_value",
                              format_func=lambda v: i18n.t(f"value_{v}", lang))
if st.query_params.get("grain") != grain:
    st.query_params["grain"] = grain


def labelled(table: pd.DataFrame) -> pd.DataFrame:
    """Period labels in the page's language and measure labels, for charts and downloads."""
    out = table.copy()
    out["period"] = out["period"].map(lambda p: i18n.fmt_period(p, lang))
    if "measure" in out:
        out["measure_label"] = out["measure"].map(lambda m: i18n.measure_label(m, lang))
    return out


# --- by measure over time ---------------------------------------------------------------------------
tables = data.attendance_tables(filters, grain)
per_period = tables["per_period"]
st.subheader(i18n.t("by_measure_title", lang))
chart_table = labelled(per_period)
notes = tables["notable"]
note_rows = []
if value == "participants" and view == "stacked":
    period_totals = chart_table.groupby("period", sort=False)["participants"].sum()
    for row in notes.itertuples():
        period = i18n.fmt_period(attendance.periods(pd.Series([row.start_date]), grain).iloc[0], lang)
        text = (i18n.t("largest_event", lang, n=i18n.fmt_int(row.participants, lang)) if row.kind == "largest"
                else i18n.t("first_in_region", lang, region=i18n.region_label(row.planning_region, lang)))
        note_rows.append({"period": period, "total": period_totals.get(period, 0), "label": text})
note_table = pd.DataFrame(note_rows)
if not note_table.empty:  # several notes in one period: one label, stacked text joined
    note_table = note_table.groupby("period", as_index=False, sort=False).agg(total=("total", "first"),
                                                                             label=("label", " · ".join))
trend = charts.trend_bars(
    chart_table.fillna({"per_event": 0}), x_title=i18n.t(f"grain_{grain}", lang),
    y_title=i18n.t(f"value_{value}", lang), colour_title=i18n.t("measure", lang),
    value=value, stacked=view == "stacked", notes=note_table, height=320,
)
chart_block.show(trend, lang)
if not notes.empty:
    st.caption(i18n.t("notable_caption", lang) if not note_table.empty else "")
    with st.expander(i18n.t("notable_title", lang)):
        st.dataframe(pd.DataFrame({
            i18n.t("date", lang): notes["start_date"].dt.date.map(lambda d: i18n.fmt_date(d, lang)),
            "": [i18n.t("largest_event", lang, n=i18n.fmt_int(r.participants, lang)) if r.kind == "largest"
                 else i18n.t("first_in_region", lang, region=i18n.region_label(r.planning_region, lang))
                 for r in notes.itertuples()],
            i18n.t("measure", lang): notes["event_type"].map(lambda m: i18n.measure_label(m, lang)),
            i18n.t("title", lang): notes["title"],
            i18n.t("participants", lang): notes["participants"],
        }), hide_index=True, width="stretch")
downloads.chart_buttons(trend, f"{i18n.t('by_measure_title', lang)} — {stamp}", f"dih_attendance_{grain}_{value}",
                        lang, "attendance_trend", data=chart_table.drop(columns=["measure"]))

left, right = st.columns(2)
with left:
    st.subheader(i18n.t("yoy_title", lang))
    yearly = attendance.year_on_year(tables["per_year"])
    total_yearly = yearly.groupby("year", as_index=False)[["participants", "previous"]].sum(min_count=1)
    total_yearly["change"] = total_yearly["participants"] - total_yearly["previous"]
    total_yearly["change_pct"] = total_yearly["change"] / total_yearly["previous"].where(total_yearly["previous"] > 0)
    st.dataframe(
        pd.DataFrame({
            i18n.t("year", lang): total_yearly["year"].astype(str),
            i18n.t("participants", lang): total_yearly["participants"].map(lambda v: i18n.fmt_int(v, lang)),
            i18n.t("previous_year", lang): total_yearly["previous"].map(
                lambda v: "—" if pd.isna(v) else i18n.fmt_int(v, lang)),
            i18n.t("change_pct", lang): total_yearly["change_pct"].map(
                lambda v: "—" if pd.isna(v) else ("+" if v > 0 else "") + i18n.fmt_pct(v, lang, 1)),
        }),
        hide_index=True, width="stretch",
    )
    st.caption(i18n.t("yoy_caption", lang))
with right:
    if grain == "month":
        st.subheader(i18n.t("moving_title", lang))
        monthly = attendance.totals(per_period)
        monthly = labelled(monthly.assign(value=monthly["participants"],
                                          average=attendance.moving_average(monthly["participants"])))
        line = charts.line_with_average(monthly[["period", "value", "average"]], x_title=i18n.t("grain_month", lang),
                                        y_title=i18n.t("participants", lang),
                                        average_title=i18n.t("moving_average", lang))
        chart_block.show(line, lang)
        downloads.chart_buttons(line, f"{i18n.t('moving_title', lang)} — {stamp}", "dih_attendance_moving_average",
                                lang, "attendance_moving", data=monthly[["period", "value", "average"]])
    st.subheader(i18n.t("noshow_title", lang))
    shows = tables["no_shows"].copy()
    shows["measure_label"] = shows["measure"].map(lambda m: i18n.measure_label(m, lang))
    st.dataframe(
        pd.DataFrame({
            i18n.t("measure", lang): shows["measure_label"],
            i18n.t("registered", lang): shows["registered"].map(lambda v: i18n.fmt_int(v, lang)),
            i18n.t("attended", lang): shows["attended"].map(lambda v: i18n.fmt_int(v, lang)),
            i18n.t("no_show_rate", lang): shows["no_show_rate"].map(
                lambda v: "—" if pd.isna(v) else i18n.fmt_pct(v, lang, 1)),
            i18n.t("events_without_registrations", lang): shows["events_without_registrations"],
        }),
        hide_index=True, width="stretch",
    )
    st.caption(i18n.t("noshow_caption", lang, n=int(shows["events_without_registrations"].sum())))

# --- organisations: first time, returning, and their path ------------------------------------------
st.subheader(i18n.t("returning_title", lang))
left, right = st.columns(2)
with left:
    returning = tables["returning"]
    long = returning.melt(id_vars="period", var_name="kind", value_name="organisations")
    long = labelled(long.assign(kind_code=long["kind"], kind=long["kind"].map(lambda k: i18n.t(k, lang))))
    returning_chart = charts.stacked_share(
        long, x="period", value="organisations", group="kind", x_title=i18n.t(f"grain_{grain}", lang),
        y_title=i18n.t("organisations", lang), group_title="",
        code="kind_code", colours=palette.SERIES,
    )
    chart_block.show(returning_chart, lang, titles={"kind": i18n.t("series", lang)})
    downloads.chart_buttons(returning_chart, f"{i18n.t('returning_title', lang)} — {stamp}",
                            f"dih_returning_{grain}", lang, "attendance_returning", data=long)
with right:
    transitions, journey = tables["transitions"], tables["journey"]
    st.markdown(f"**{i18n.t('journeys_title', lang)}**")
    cols = st.columns(3)
    cols[0].metric(i18n.t("organisations", lang), i18n.fmt_int(journey["organisations"], lang))
    cols[1].metric(i18n.t("returned_share", lang), i18n.fmt_pct(journey["returned"] / journey["organisations"], lang)
                   if journey["organisations"] else "—")
    cols[2].metric(i18n.t("median_days", lang), "—" if journey["median_days_to_return"] is None
                   else i18n.t("days", lang, n=i18n.fmt_int(journey["median_days_to_return"], lang)))
    if not transitions.empty:
        grid = transitions.assign(
            from_label=transitions["from_measure"].map(lambda m: i18n.measure_label(m, lang)),
            to_label=transitions["to_measure"].map(lambda m: i18n.measure_label(m, lang)),
            text=transitions.apply(lambda r: f"{r.organisations} · {i18n.t('days', lang, n=int(r.median_days))}",
                                   axis=1),
        )
        journey_chart = charts.heatmap(grid, x="to_label", y="from_label", value="organisations", text="text",
                                       x_title=i18n.t("to_measure", lang), y_title=i18n.t("from_measure", lang),
                                       value_title=i18n.t("organisations", lang))
        chart_block.show(journey_chart, lang)
        st.caption(i18n.t("journeys_caption", lang))
        downloads.chart_buttons(journey_chart, f"{i18n.t('journeys_title', lang)} — {stamp}", "dih_journeys", lang,
                                "attendance_journeys", data=grid.drop(columns=["text"]))

# --- who takes part ---------------------------------------------------------------------------------
st.subheader(i18n.t("mix_title", lang))
left, right = st.columns(2)
with left:
    by = st.segmented_control(i18n.t("mix_by", lang), ("org_sector", "org_size"), key="attendance_mix",
                              required=True, default="org_sector", format_func=lambda b: i18n.t(f"mix_{b}", lang))
    people = labelled(tables[f"mix_{by}"])
    people["code"] = people["group"]
    people["group"] = people["group"].map(lambda c: i18n.t("unknown", lang) if c == "unknown" else
                                          vocabularies.label(by.removeprefix("org_"), c, lang))
    mix_chart = charts.stacked_share(people, x="period", value="people", group="group", code="code",
                                     x_title=i18n.t(f"grain_{grain}", lang), y_title=i18n.t("share_of_people", lang),
                                     group_title=i18n.t(f"mix_{by}", lang), normalise=True, height=380,
                                     top=6, other_label=i18n.t("other_barrier", lang),
                                     value_title=i18n.t("people", lang))
    chart_block.show(mix_chart, lang)
    downloads.chart_buttons(mix_chart, f"{i18n.t('mix_title', lang)} — {stamp}", f"dih_mix_{by}_{grain}", lang,
                            "attendance_mix_chart", data=people)
with right:
    st.markdown(f"**{i18n.t('region_trend_title', lang)}**")
    region_table = labelled(tables["by_region"])
    region_table["region"] = region_table["planning_region"].map(lambda r: i18n.region_label(r, lang))
    region_chart = charts.stacked_share(region_table, x="period", value="participants", group="region",
                                        code="planning_region", colours=palette.REGION,
                                        x_title=i18n.t(f"grain_{grain}", lang), y_title=i18n.t("participants", lang),
                                        group_title=i18n.t("planning_region", lang), height=380)
    chart_block.show(region_chart, lang)
    downloads.chart_buttons(region_chart, f"{i18n.t('region_trend_title', lang)} — {stamp}",
                            f"dih_regions_over_time_{grain}", lang, "attendance_regions", data=region_table)

# --- published beside recorded ----------------------------------------------------------------------
st.subheader(i18n.t("published_compare_title", lang))
compared = tables["published"]
with_people = compared[compared["published_participants"].notna()].copy()
with_people["label"] = with_people.apply(lambda r: f"{i18n.measure_label(r.measure, lang)} {r.period}", axis=1)
with_people = with_people.assign(published=with_people["published_participants"],
                                 recorded=with_people["recorded_participants"])
published_chart = charts.published_vs_recorded(
    with_people[["label", "published", "recorded"]], value_title=i18n.t("participants", lang),
    published_title=i18n.t("published_value", lang), recorded_title=i18n.t("recorded_value", lang),)
chart_block.show(published_chart, lang)


def difference(recorded: float, published_value: float) -> str:
    gap = int(recorded - published_value)
    if gap == 0:
        return i18n.t("difference_none", lang)
    return i18n.t("difference_more" if gap > 0 else "difference_less", lang, n=i18n.fmt_int(abs(gap), lang))


st.dataframe(
    pd.DataFrame({
        "": with_people["label"],
        i18n.t("published_value", lang): with_people["published"].map(lambda v: i18n.fmt_int(v, lang)),
        i18n.t("recorded_value", lang): with_people["recorded"].map(lambda v: i18n.fmt_int(v, lang)),
        i18n.t("difference", lang): [difference(r, p) for r, p in zip(with_people["recorded"],
                                                                        with_people["published"], strict=True)],
    }),
    hide_index=True, width="stretch",
)
downloads.chart_buttons(published_chart, f"{i18n.t('published_compare_title', lang)} — {stamp}",
                        "dih_published_vs_recorded", lang, "attendance_published",
                        data=with_people[["label", "published", "recorded", "source"]])
st.caption(source)
