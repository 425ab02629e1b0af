"""Attendance trends: is participation growing, in which measures, and who comes back."""

import pandas as pd
import streamlit as st

from dih_data import attendance, charts, i18n, links, metrics, palette, vocabularies
from dih_ui import chart_block, data, downloads, params, provenance, shell, tables, views

lang, filters = shell.page_context()
MIX_HEIGHT = 380  # the two "who takes part" charts side by side: one plot height


@views.cached
def _head(filters: metrics.Filters, lang: str) -> dict:
    """Whether the filters keep any event, their provenances and the source line (shared by every session)."""
    frames = views.frames()
    events = metrics.filter_events(frames["events"], filters)
    provenances = sorted(set(events["provenance"]))
    return {"empty": events.empty, "provenances": provenances,
            "source": provenance.source_line(provenances, frames["batches"], lang)}


def _labelled(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Period labels in the page's language and measure labels, for charts and downloads."""
    out = table.copy()
    out["period"] = out["period"].map(lambda p: i18n.fmt_period(p, lang))
    if "measure" in out:
        out["measure_label"] = out["measure"].map(lambda m: i18n.measure_label(m, lang))
    return out


def _difference(recorded: float, published_value: float, lang: str) -> str:
    gap = int(recorded - published_value)
    if gap == 0:
        return i18n.t("difference_none", lang)
    return i18n.t("difference_more" if gap > 0 else "difference_less", lang, n=i18n.fmt_int(abs(gap), lang))


@views.cached
def _view(filters: metrics.Filters, lang: str, grain: str, view: str, value: str) -> dict:
    """Every chart, table and figure but the mix (shared by every session with these inputs)."""
    frames = data.attendance_tables(filters, grain)
    out = {}
    per_period = frames["per_period"]
    chart_table = _labelled(per_period, lang)
    notes = frames["notable"]
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
    out["trend"] = chart_block.build(charts.trend_bars(
        chart_table.fillna({"per_event": 0}), x_title=i18n.t(f"grain_{grain}", lang),
        y_title=i18n.t(f"value_{value}", lang), colour_title=i18n.t("measure", lang),
        value=value, stacked=view == "stacked", notes=note_table, height=440,  # with axes and legend: ~250 px bars
    ), lang)
    out["notes"] = None
    if not notes.empty:
        out["notes"] = {
            "caption": i18n.t("notable_caption", lang) if not note_table.empty else "",
            "table": views.table(pd.DataFrame({
                i18n.t("date", lang): notes["start_date"].dt.date.map(lambda d: i18n.fmt_date(d, lang)),
                "": [i18n.t("largest_event", lang, n=i18n.fmt_int(r.participants, lang)) if r.kind == "largest"
                     else i18n.t("first_in_region", lang, region=i18n.region_label(r.planning_region, lang))
                     for r in notes.itertuples()],
                i18n.t("measure", lang): notes["event_type"].map(lambda m: i18n.measure_label(m, lang)),
                i18n.t("title", lang): notes["title"],
                i18n.t("participants", lang): notes["participants"],
            })),
        }
    out["trend_data"] = chart_table.drop(columns=["measure"])

    yearly = attendance.year_on_year(frames["per_year"])
    total_yearly = yearly.groupby("year", as_index=False)[["participants", "previous"]].sum(min_count=1)
    total_yearly["change"] = total_yearly["participants"] - total_yearly["previous"]
    total_yearly["change_pct"] = total_yearly["change"] / total_yearly["previous"].where(total_yearly["previous"] > 0)
    out["yoy"] = tables.html(pd.DataFrame({
        i18n.t("year", lang): total_yearly["year"].astype(str),
        i18n.t("participants", lang): total_yearly["participants"].map(lambda v: i18n.fmt_int(v, lang)),
        i18n.t("previous_year", lang): total_yearly["previous"].map(
            lambda v: "—" if pd.isna(v) else i18n.fmt_int(v, lang)),
        i18n.t("change_pct", lang): total_yearly["change_pct"].map(
            lambda v: "—" if pd.isna(v) else ("+" if v > 0 else "") + i18n.fmt_pct(v, lang, 1)),
    }), lang, i18n.t("yoy_title", lang), numbers=[i18n.t(key, lang) for key in (
        "participants", "previous_year", "change_pct")])
    out["moving"] = None
    if grain == "month":
        monthly = attendance.totals(per_period)
        monthly = _labelled(monthly.assign(value=monthly["participants"],
                                           average=attendance.moving_average(monthly["participants"])), lang)
        out["moving"] = chart_block.build(
            charts.line_with_average(monthly[["period", "value", "average"]], x_title=i18n.t("grain_month", lang),
                                     y_title=i18n.t("participants", lang),
                                     average_title=i18n.t("moving_average", lang)), lang)
        out["moving_data"] = monthly[["period", "value", "average"]]
    shows = frames["no_shows"].copy()
    shows["measure_label"] = shows["measure"].map(lambda m: i18n.measure_label(m, lang))
    out["no_shows"] = tables.html(pd.DataFrame({
        i18n.t("measure", lang): shows["measure_label"],
        i18n.t("registered", lang): shows["registered"].map(lambda v: i18n.fmt_int(v, lang)),
        i18n.t("attended", lang): shows["attended"].map(lambda v: i18n.fmt_int(v, lang)),
        i18n.t("no_show_rate", lang): shows["no_show_rate"].map(
            lambda v: "—" if pd.isna(v) else i18n.fmt_pct(v, lang, 1)),
        i18n.t("events_without_registrations", lang): shows["events_without_registrations"],
    }), lang, i18n.t("noshow_title", lang), numbers=[i18n.t(key, lang) for key in (
        "registered", "attended", "no_show_rate", "events_without_registrations")])
    out["no_shows_caption"] = i18n.t("noshow_caption", lang, n=int(shows["events_without_registrations"].sum()))

    returning = frames["returning"]
    long = returning.melt(id_vars="period", var_name="kind", value_name="organisations")
    long = _labelled(long.assign(kind_code=long["kind"], kind=long["kind"].map(lambda k: i18n.t(k, lang))), lang)
    out["returning"] = chart_block.build(charts.stacked_share(
        long, x="period", value="organisations", group="kind", x_title=i18n.t(f"grain_{grain}", lang),
        y_title=i18n.t("organisations", lang), group_title="",
        code="kind_code", colours=palette.SERIES,
    ), lang, titles={"kind": i18n.t("series", lang)})
    out["returning_data"] = long
    transitions, journey = frames["transitions"], frames["journey"]
    out["journey"] = [
        i18n.fmt_int(journey["organisations"], lang),
        i18n.fmt_pct(journey["returned"] / journey["organisations"], lang) if journey["organisations"] else "—",
        "—" if journey["median_days_to_return"] is None
        else i18n.t("days", lang, n=i18n.fmt_int(journey["median_days_to_return"], lang)),
    ]
    out["transitions"] = None
    if not transitions.empty:
        grid = transitions.assign(
            from_label=transitions["from_measure"].map(lambda m: i18n.measure_label(m, lang)),
            to_label=transitions["to_measure"].map(lambda m: i18n.measure_label(m, lang)),
            text=transitions.apply(lambda r: f"{r.organisations} · {i18n.t('days', lang, n=int(r.median_days))}",
                                   axis=1),
        )
        out["transitions"] = chart_block.build(
            charts.heatmap(grid, x="to_label", y="from_label", value="organisations", text="text",
                           x_title=i18n.t("to_measure", lang), y_title=i18n.t("from_measure", lang),
                           value_title=i18n.t("organisations", lang)), lang)
        out["transitions_data"] = grid.drop(columns=["text"])

    region_table = _labelled(frames["by_region"], lang)
    region_table["region"] = region_table["planning_region"].map(lambda r: i18n.region_label(r, lang))
    out["regions"] = chart_block.build(
        charts.stacked_share(region_table, x="period", value="participants", group="region",
                             code="planning_region", colours=palette.REGION,
                             x_title=i18n.t(f"grain_{grain}", lang), y_title=i18n.t("participants", lang),
                             group_title=i18n.t("planning_region", lang), height=MIX_HEIGHT), lang)
    out["regions_data"] = region_table

    compared = frames["published"]
    with_people = compared[compared["published_participants"].notna()].copy()
    with_people["label"] = with_people.apply(lambda r: f"{i18n.measure_label(r.measure, lang)} {r.period}", axis=1)
    with_people = with_people.assign(published=with_people["published_participants"],
                                     recorded=with_people["recorded_participants"])
    out["published"] = chart_block.build(charts.published_vs_recorded(
        with_people[["label", "published", "recorded"]], value_title=i18n.t("participants", lang),
        published_title=i18n.t("published_value", lang), recorded_title=i18n.t("recorded_value", lang),), lang)
    out["published_table"] = tables.html(pd.DataFrame({
        "": with_people["label"],
        i18n.t("published_value", lang): with_people["published"].map(lambda v: i18n.fmt_int(v, lang)),
        i18n.t("recorded_value", lang): with_people["recorded"].map(lambda v: i18n.fmt_int(v, lang)),
        i18n.t("difference", lang): [_difference(r, p, lang) for r, p in zip(with_people["recorded"],
                                                                             with_people["published"], strict=True)],
    }), lang, i18n.t("published_compare_title", lang), numbers=[i18n.t(key, lang) for key in (
        "published_value", "recorded_value", "difference")])
    out["published_data"] = with_people[["label", "published", "recorded", "source"]]
    return out


@views.cached
def _mix(filters: metrics.Filters, lang: str, grain: str, by: str) -> dict:
    """Who takes part, by sector or size (shared by every session with these inputs)."""
    people = _labelled(data.attendance_tables(filters, grain)[f"mix_{by}"], lang)
    people["code"] = people["group"]
    people["group"] = people["group"].map(lambda c: i18n.t("unknown", lang) if c == "unknown" else
                                          vocabularies.label(by.removeprefix("org_"), c, lang))
    # in half the page the sections' full titles wrapped the legend onto ~10 lines: short names there (the
    # tooltips and the data table keep the full titles)
    short = ({label: vocabularies.sector_short(code, lang) for code, label in zip(people["code"], people["group"],
                                                                                    strict=True) if code != "unknown"}
             if by == "org_sector" else None)
    return {"chart": chart_block.build(
        charts.stacked_share(people, x="period", value="people", group="group", code="code",
                             x_title=i18n.t(f"grain_{grain}", lang), y_title=i18n.t("share_of_people", lang),
                             group_title=i18n.t(f"mix_{by}", lang), normalise=True, height=MIX_HEIGHT,
                             top=6, other_label=i18n.t("other_barrier", lang),
                             value_title=i18n.t("people", lang), legend_labels=short), lang),
        "data": people}


head = _head(filters, lang)
st.title(i18n.t("attendance_title", lang))
st.caption(i18n.t("attendance_intro", lang))
provenance.demo_notice(head["provenances"], lang)
if head["empty"]:
    st.info(i18n.t("no_events", lang))
    st.stop()
source = head["source"]
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
built = _view(filters, lang, grain, view, value)

# --- by measure over time ---------------------------------------------------------------------------
st.subheader(i18n.t("by_measure_title", lang))
chart_block.show_built(built["trend"], lang)
if built["notes"] is not None:
    st.caption(built["notes"]["caption"])
    with st.expander(i18n.t("notable_title", lang)):
        st.dataframe(built["notes"]["table"], hide_index=True, width="stretch")
downloads.built_chart_buttons(built["trend"], f"{i18n.t('by_measure_title', lang)} — {stamp}",
                              f"dih_attendance_{grain}_{value}", lang, "attendance_trend", data=built["trend_data"])

left, right = st.columns(2)
with left:
    st.subheader(i18n.t("yoy_title", lang))
    tables.show(built["yoy"])
    st.caption(i18n.t("yoy_caption", lang))
with right:
    if built["moving"] is not None:
        st.subheader(i18n.t("moving_title", lang))
        chart_block.show_built(built["moving"], lang)
        downloads.built_chart_buttons(built["moving"], f"{i18n.t('moving_title', lang)} — {stamp}",
                                      "dih_attendance_moving_average", lang, "attendance_moving",
                                      data=built["moving_data"])
    st.subheader(i18n.t("noshow_title", lang))
    tables.show(built["no_shows"])
    st.caption(built["no_shows_caption"])

# --- organisations: first time, returning, and their path ------------------------------------------
st.subheader(i18n.t("returning_title", lang))
chart_block.show_built(built["returning"], lang)
downloads.built_chart_buttons(built["returning"], f"{i18n.t('returning_title', lang)} — {stamp}",
                              f"dih_returning_{grain}", lang, "attendance_returning", data=built["returning_data"])
# the path below, each the page's width: in half of it the five measure names had to stand upright; a section
# of its own (figures, chart, downloads) like its neighbours, so a heading of their level, not a bold line
st.subheader(i18n.t("journeys_title", lang))
cols = st.columns(3)
for column, key, figure in zip(cols, ("organisations", "returned_share", "median_days"), built["journey"], strict=True):
    column.metric(i18n.t(key, lang), figure)
if built["transitions"] is not None:
    chart_block.show_built(built["transitions"], lang)
    st.caption(i18n.t("journeys_caption", lang))
    downloads.built_chart_buttons(built["transitions"], f"{i18n.t('journeys_title', lang)} — {stamp}",
                                  "dih_journeys", lang, "attendance_journeys", data=built["transitions_data"])

# --- who takes part ---------------------------------------------------------------------------------
st.subheader(i18n.t("mix_title", lang))
# the control above both halves and a title line in each, so the two plots start at one height
by = st.segmented_control(i18n.t("mix_by", lang), ("org_sector", "org_size"), key="attendance_mix",
                          required=True, default="org_sector", format_func=lambda b: i18n.t(f"mix_{b}", lang))
left, right = st.columns(2)
with left:
    st.markdown(f"**{i18n.t(f'mix_chart_{by}', lang)}**")
    mix = _mix(filters, lang, grain, by)
    chart_block.show_built(mix["chart"], lang)
    downloads.built_chart_buttons(mix["chart"], f"{i18n.t('mix_title', lang)} — {stamp}", f"dih_mix_{by}_{grain}",
                                  lang, "attendance_mix_chart", data=mix["data"])
with right:
    st.markdown(f"**{i18n.t('region_trend_title', lang)}**")
    chart_block.show_built(built["regions"], lang)
    downloads.built_chart_buttons(built["regions"], f"{i18n.t('region_trend_title', lang)} — {stamp}",
                                  f"dih_regions_over_time_{grain}", lang, "attendance_regions",
                                  data=built["regions_data"])

# --- published beside recorded ----------------------------------------------------------------------
st.subheader(i18n.t("published_compare_title", lang))
chart_block.show_built(built["published"], lang)
tables.show(built["published_table"])
downloads.built_chart_buttons(built["published"], f"{i18n.t('published_compare_title', lang)} — {stamp}",
                              "dih_published_vs_recorded", lang, "attendance_published", data=built["published_data"])
st.caption(source)
