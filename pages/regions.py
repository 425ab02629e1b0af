"""Regional engagement: where the hub reaches, where it does not, and what happened in each unit."""

import io

import altair as alt
import pandas as pd
import streamlit as st
from PIL import Image

from dih_data import charts, geography, i18n, links, maps, metrics, regions, vocabularies
from dih_ui import chart_block, data, downloads, drawn_width, params, provenance, shell, views

lang, filters = shell.page_context()
METRIC_OPTIONS = (*regions.METRICS, *regions.NORMALISED)



@st.cache_resource(show_spinner=False)
def _every_unit() -> tuple[str, ...]:
    """Every unit key of every level (the reference geography: the same for every session)."""
    return tuple(unit for level in regions.LEVELS for unit in regions.units(level)["unit"])


# Page state seeded from the URL when missing, so a copied link reproduces level, metric and selection.
url = params.read({
    "level": links.choice(regions.LEVELS, "planning_region"),
    "metric": links.choice(METRIC_OPTIONS, "participants"),
    "sel": links.choice(_every_unit(), None),
}, lang)
shell.seed("regions_level", url["level"])
shell.seed("regions_metric", url["metric"])
shell.seed("regions_unit", url["sel"])

st.title(i18n.t("regions_title", lang))
st.caption(i18n.t("regions_intro", lang))

# Level | metric | the two switches stacked: each label on one line at 1280 px and up, in either language.
controls = st.columns([3.4, 2.6, 2.4])
level = controls[0].segmented_control(i18n.t("level", lang), regions.LEVELS, key="regions_level", required=True,
                                      format_func=lambda v: i18n.t(f"level_{v}", lang))
metric = controls[1].selectbox(i18n.t("metric", lang), METRIC_OPTIONS, key="regions_metric",
                               format_func=lambda v: i18n.t(f"metric_{v}", lang))
public = controls[2].toggle(i18n.t("public_view", lang), key="regions_public")
extruded = controls[2].toggle(i18n.t("extruded", lang), key="regions_extruded")

is_count = metric in ("events", "participants", "organisations", "smes")


def unit_name(row) -> str:
    if row["unit"] == geography.ONLINE or level == "planning_region":
        return i18n.region_label(row["unit"], lang)
    return row["name_lv"] if lang == "lv" else row["name_en"]


def number(value: float) -> str:
    if pd.isna(value):
        return "—"
    if metric == "spend_eur":
        return i18n.fmt_eur(value, lang)
    return i18n.fmt_int(value, lang) if is_count else i18n.fmt_num(value, lang)


def shown(value: float) -> str:
    """A unit's value as the page shows it: small counts hidden in the public view."""
    return regions.suppress(value, metric, public) or number(value)


# The views below read the page's level, metric, language and public view through ``number``/``shown``/
# ``unit_name``; each takes them as arguments too, so the cache keeps one result per combination.
@views.cached
def _units(filters: metrics.Filters, lang: str, level: str, metric: str, public: bool) -> dict:
    """The per-unit table of the view (names, shares, ranks, change, shown values) and its context note."""
    frames = views.frames()
    events = metrics.filter_events(frames["events"], filters)
    current = data.unit_metrics(filters, level)
    previous = data.unit_metrics(regions.previous_period(filters), level)
    view = {"provenances": sorted(set(events["provenance"])), "context": None}
    if metric in regions.NORMALISED:
        indicator = vocabularies.label("indicator", regions.NORMALISED[metric][1], lang)
        current, year = regions.normalise(current, frames["context"], metric, level, filters.date_to.year)
        previous, _ = regions.normalise(previous, frames["context"], metric, level,
                                        regions.previous_period(filters).date_to.year)
        if year is None:
            return {**view, "missing": i18n.t("context_missing", lang, indicator=indicator)}
        demo_context = "demo" in set(frames["context"]["provenance"])
        view["context"] = i18n.t("context_year", lang, indicator=indicator, year=year,
                                 demo=i18n.t("context_demo", lang) if demo_context else "")
    table = regions.with_share_rank_change(current, previous, metric)
    table["name"] = table.apply(unit_name, axis=1)
    table["region_name"] = table["planning_region"].map(lambda r: i18n.region_label(r, lang))
    table["value_text"] = table[metric].map(shown)
    view["source"] = provenance.source_line(view["provenances"], frames["batches"], lang)
    return {**view, **_listing(table, lang, metric, public, level), "table": table,
            "gaps": regions.coverage_gaps(table, level)}


def _listing(table: pd.DataFrame, lang: str, metric: str, public: bool, level: str) -> dict:
    """The units table as the page lists it (numbers stay numbers; the page's Styler formats them), the rows the
    public view hides, and the order of the units on the map (highest first, as the ranking). A planning region
    is its own planning region, so that level has one name column (not "Rīga | Rīga")."""
    has_previous = bool(table["change"].notna().any())
    value_column, share_column, rank_column, change_column = (
        i18n.t(f"metric_{metric}", lang), i18n.t("share", lang), i18n.t("rank", lang), i18n.t("change", lang))
    listing = pd.DataFrame({
        i18n.t("name", lang): table["name"],
        **({i18n.t("planning_region", lang): table["region_name"]} if level != "planning_region" else {}),
        value_column: table[metric],
        share_column: table["share"],
        rank_column: table["rank"],
        **({change_column: table["change"]} if has_previous else {}),
    })
    # In the public view a small count, and the share and change that would reveal it, never reach the
    # browser: the cells hold 0 and show "<5" / "—".
    hidden = table[metric].map(lambda v: regions.suppress(v, metric, public) is not None)
    listing.loc[hidden, [c for c in (value_column, share_column, change_column) if c in listing]] = 0
    on_map = table[table["unit"] != geography.ONLINE]
    ranked = on_map.sort_values(metric, ascending=False)
    return {"has_previous": has_previous, "listing": listing, "hidden": hidden,
            "on_map_rows": on_map.sort_values(["rank", "name"]).index,  # highest first, as the ranking
            "online": table[table["unit"] == geography.ONLINE].iloc[0],
            "legend": maps.classify(on_map[metric], len(on_map)).legend(shown),
            "ranked": list(ranked["unit"]), "names": ranked.set_index("unit")["name"].to_dict()}


units = _units(filters, lang, level, metric, public)
provenance.demo_notice(units["provenances"], lang)
if "missing" in units:
    st.info(units["missing"])
    st.stop()
if units["context"]:
    st.caption(units["context"])
table = units["table"]
online, names = units["online"], units["names"]
selected = st.session_state.get("regions_unit")
selected = selected if selected in names else None



def _map_height(width: int) -> int:
    """As high as Latvia is at this width (about 0.6 of it), not a fixed box with empty canvas between the
    country and the legend; at least 260 px, so a phone's map stays big enough to tap a municipality."""
    return max(260, maps.fitted_height(width))


@views.cached
def _map(filters: metrics.Filters, lang: str, level: str, metric: str, public: bool, extruded: bool,
         selected: str | None, width: int) -> dict:
    """The interactive map's deck.gl JSON and tooltip (the municipality boundaries travel only here)."""
    table = _units(filters, lang, level, metric, public)["table"]
    on_map = table[table["unit"] != geography.ONLINE]
    rows = on_map.set_index("unit")
    collection = maps.feature_collection(
        level, on_map, metric, selected=selected,
        labels={"name": rows["name"], "region": rows["region_name"], "value": rows["value_text"],
                "rank": rows["rank"].map(lambda r: f"{int(r)}/{len(on_map)}")},
    )
    tooltip = (f"<b>{{name}}</b><br/>{i18n.t('planning_region', lang)}: {{region}}<br/>"
               f"{i18n.t(f'metric_{metric}', lang)}: {{value_text}}<br/>{i18n.t('rank', lang)}: {{rank}}")
    deck = maps.deck(collection, extruded=extruded, tooltip_html=tooltip, width=width, height=_map_height(width))
    return {"json": deck.to_json(), "tooltip": maps.tooltip(tooltip)}


@views.cached
def _ranking(filters: metrics.Filters, lang: str, level: str, metric: str, public: bool, selected: str | None) -> dict:
    """The top-15 ranking's spec, the selected unit highlighted."""
    table = _units(filters, lang, level, metric, public)["table"]
    ranked = table[table["unit"] != geography.ONLINE].sort_values(metric, ascending=False)
    selected_name = ranked.set_index("unit")["name"].get(selected) if selected else None
    # the public view's small counts reach the browser as no bar (and "<5" in the data table), not as a value
    small = ranked[metric].map(lambda v: regions.suppress(v, metric, public) is not None)
    masked = ranked.assign(**{metric: ranked[metric].mask(small)}).head(15)
    return chart_block.build(charts.ranking_bars(masked, value=metric, label="name", highlight=selected_name,
                                                 value_title=i18n.t(f"metric_{metric}", lang)),
                             lang, text={metric: lambda v: f"<{regions.PUBLIC_MIN_COUNT}" if pd.isna(v) else shown(v)})


def _static_chart(table: pd.DataFrame) -> alt.TopLevelMixin:
    """The static map for reports, from the view's units ``table``. The public view's small counts reach the
    browser neither as a class edge nor in its data table."""
    on_map = table[table["unit"] != geography.ONLINE]
    classes = maps.classify(on_map[metric], len(on_map))
    key = "atvk" if level == "municipality" else "planning_region"
    values = pd.DataFrame({
        key: on_map["unit"], "name": on_map["name"], "value_text": on_map["value_text"],
        "class": on_map[metric].fillna(0).map(lambda v: classes.label(v, shown)),
    })
    return charts.localised(charts.themed(charts.region_map(
        geography.boundary_features(level), values, key=key, value="value_text", label="name",
        value_title=i18n.t(f"metric_{metric}", lang), classes=classes.legend(shown), height=340,
        rule=i18n.t("map_rule", lang))), lang)  # the page's type sizes: legend 12 px, not Vega's 10


@views.cached
def _static_map(filters: metrics.Filters, lang: str, level: str, metric: str, public: bool, title: str) -> dict:
    """The PNG the page shows with ``title`` (source, filters, date) in it, and its data table. Not the chart
    itself: unpickling it from the cache cost every session ~10 ms; the SVG download rebuilds it when clicked."""
    chart = _static_chart(_units(filters, lang, level, metric, public)["table"])
    png = charts.to_image(chart, "png", title)
    return {"png": png, "width": Image.open(io.BytesIO(png)).width // 2, "rows": chart_block.rows(chart, lang)}


left, right = st.columns([3, 2])
with left:
    # The map is fitted to the column's drawn width (a phone stacks the columns: the screen's width). Until
    # the browser has reported it (a session's first run), the user agent's guess: phone or desk.
    width = drawn_width.drawn_width("regions_map_width") or (
        350 if "Mobi" in (st.context.headers.get("User-Agent") or "") else 540)
    deck_view = _map(filters, lang, level, metric, public, extruded, selected, width)
    event = st.pydeck_chart(maps.Prebuilt(deck_view["json"], deck_view["tooltip"]), height=_map_height(width),
                            on_select="rerun", selection_mode="single-object", key=f"regions_map_{level}")
    picked = (event.selection.get("objects", {}) or {}).get(maps.LAYER_ID, []) if event else []
    if picked:
        unit = picked[0].get("properties", picked[0]).get("unit")
        if unit != st.session_state.get("regions_last_click"):
            st.session_state["regions_last_click"] = unit
            st.session_state["regions_unit"] = unit
            st.rerun()
    # Only numbers we formatted and fixed colours go into this HTML, never user text.
    swatches = "".join(
        f'<span style="display:inline-block;margin-right:10px"><span style="display:inline-block;width:14px;'
        f'height:14px;background:{colour};border:1px solid #999;vertical-align:middle"></span> {label}</span>'
        for label, colour in units["legend"]
    )
    gap = maps.GAP_OUTLINE  # the sample of what the last line names: a near-white unit with an orange outline
    gap_swatch = (f'<span class="gap-swatch" style="display:inline-block;width:14px;height:14px;'
                  f'background:rgb{maps.ZERO};border:2px solid rgb{gap};vertical-align:middle">'
                  f'</span>')
    st.markdown(f"<div style='font-size:0.85rem;line-height:1.7'><b>{i18n.t(f'metric_{metric}', lang)}</b> "
                f"({i18n.t('map_rule', lang)})<br/>{swatches}<br/>{gap_swatch} {i18n.t('gap_legend', lang)}</div>",
                unsafe_allow_html=True)
with right:
    st.metric(i18n.t("online_events", lang), i18n.fmt_int(online["events"], lang),
              help=f"{i18n.t('participants', lang)}: {i18n.fmt_int(online['participants'], lang)}")
    st.subheader(i18n.t("ranking_title", lang))
    chart_block.show_built(_ranking(filters, lang, level, metric, public, selected), lang)

options = [None, *units["ranked"]]
# nothing chosen reads as what to do ("—" said nothing); the same words as the first option, which clears a choice
choose = i18n.t("pick_unit_placeholder", lang)
st.selectbox(i18n.t("pick_unit", lang), options, key="regions_unit",
             format_func=lambda u: choose if u is None else names[u], placeholder=choose)
for key, value in (("level", level), ("metric", metric), ("sel", st.session_state.get("regions_unit"))):
    if value and st.query_params.get(key) != value:
        st.query_params[key] = value
    elif not value and key in st.query_params:
        del st.query_params[key]

source = units["source"]
filters_text = f"{filters.date_from.year}–{filters.date_to.year}"
st.subheader(i18n.t("table_title", lang))
value_column, share_column, rank_column, change_column = (
    i18n.t(f"metric_{metric}", lang), i18n.t("share", lang), i18n.t("rank", lang), i18n.t("change", lang))
has_previous, listing, hidden, on_map_rows = (units[k] for k in ("has_previous", "listing", "hidden", "on_map_rows"))
revealing = [c for c in (value_column, share_column, change_column) if c in listing]


def signed(change: float) -> str:
    return "—" if pd.isna(change) else ("+" if change > 0 else "") + number(change)


# Numbers stay numbers (the table sorts by value); the Styler shows them in the page's language.
styled = listing.loc[on_map_rows].style.format({
    value_column: number, share_column: lambda v: i18n.fmt_pct(v, lang, 1),
    rank_column: lambda r: str(int(r)), change_column: signed,
}, subset=[c for c in listing if c in (value_column, share_column, rank_column, change_column)])
shown_hidden = on_map_rows.intersection(listing.index[hidden])
if len(shown_hidden):
    styled = styled.format(lambda _: f"<{regions.PUBLIC_MIN_COUNT}", subset=pd.IndexSlice[shown_hidden, [value_column]])
    styled = styled.format(lambda _: "—", subset=pd.IndexSlice[shown_hidden, revealing[1:]])
# Figure columns as wide as their headers, the grid as wide as its columns: the grid draws every header at the
# left (Streamlit 1.67 has no header alignment), so in columns stretched to ~240 px the header stood far from its
# right-aligned figures. ~7 px a character of the grid's 14 px header font, plus its padding.
st.dataframe(styled, hide_index=True, width="content", column_config={
    column: st.column_config.NumberColumn(width=max(64, 7 * len(column) + 24))
    for column in (value_column, share_column, rank_column, change_column) if column in listing})
notes = [i18n.t("online_row", lang, value=shown(online[metric]), share=i18n.fmt_pct(online["share"], lang, 1))]
if not has_previous:
    before = regions.previous_period(filters)
    notes.append(i18n.t("no_previous", lang, period=f"{before.date_from.year}–{before.date_to.year}"))
st.caption(" ".join(notes))
if public:  # the download's copy of the shared listing: the shown texts, nothing that reveals a small count
    listing = listing.copy()
    listing[value_column] = table["value_text"]
    listing.loc[hidden, revealing[1:]] = None
downloads.table_buttons(listing, downloads.stamp(source, filters_text, lang), f"dih_regions_{level}_{metric}", lang,
                        "regions_table")

# one below the other: in half a column the static map's text was scaled to ~8 px
with st.container():
    st.subheader(i18n.t("gaps_title", lang))
    st.caption(i18n.t("gaps_intro", lang))
    gaps = units["gaps"]
    if gaps.empty:
        st.success(i18n.t("no_gaps", lang))
    else:
        st.dataframe(pd.DataFrame({
            i18n.t("name", lang): gaps["name"],
            i18n.t("planning_region", lang): gaps["region_name"],
            i18n.t("nearest_km", lang): gaps["nearest_km"],
            i18n.t("nearest_unit", lang): gaps["nearest_unit"].map(table.set_index("unit")["name"]),
        }), hide_index=True, width="stretch")
with st.container():
    st.subheader(i18n.t("static_map_title", lang))
    image_title = f"{i18n.t(f'metric_{metric}', lang)} — {downloads.stamp(source, filters_text, lang)}"
    # Shown as the PNG the report button downloads, fetched over HTTP: the boundaries reach the browser's
    # websocket once (the interactive map), not twice (issue 13: 184 KB per municipality view before).
    static_map = _static_map(filters, lang, level, metric, public, image_title)
    # at its own size (the PNG is drawn at 2×): legend 12 px and title 13 px as drawn, not scaled down. The
    # browser scales it into a container of that width: st.image(width=N) would resize and re-encode the PNG
    # on the server for every session (doubled a Regions session's CPU). Where the page is narrower than the
    # image (a phone: ~5 px legend text) only its data table and downloads show; the map above is the same map.
    fits, _ = shell.width_forms("regions_static", narrow_px=static_map["width"] - 1)
    with fits, st.container(width=static_map["width"]):
        st.image(static_map["png"], width="stretch", alt=f"{i18n.t('static_map_title', lang)}: {image_title}")
    chart_block.table_only(static_map["rows"], lang)
    downloads.image_buttons(lambda fmt: static_map["png"] if fmt == "png" else charts.to_image(
        _static_chart(table), fmt, image_title), f"dih_map_{level}_{metric}", lang, "regions_static")

st.divider()
chosen = st.session_state.get("regions_unit")
if not chosen:
    st.caption(i18n.t("drill_hint", lang))
else:
    st.subheader(i18n.t("drill_title", lang, name=names.get(chosen, chosen)))
    frames = data.current_frames()
    events = metrics.filter_events(frames["events"], filters)
    unit_events = events[regions.unit_of(events, level) == chosen].sort_values("start_date")
    costs = metrics.event_costs(unit_events, frames["expenditures"])
    st.dataframe(pd.DataFrame({
        i18n.t("date", lang): unit_events["start_date"].dt.date.map(lambda d: i18n.fmt_date(d, lang)),
        i18n.t("measure", lang): unit_events["event_type"].map(lambda m: i18n.measure_label(m, lang)),
        i18n.t("title", lang): unit_events["title"],
        i18n.t("participants", lang): unit_events["participants"],
        i18n.t("cost", lang): costs.map(lambda c: i18n.t("kpi_not_recorded", lang) if pd.isna(c)
                                        else i18n.fmt_eur(c, lang)),
    }), hide_index=True, width="stretch")
    attended = frames["participations"][frames["participations"]["event_id"].isin(unit_events["event_id"])]
    orgs = attended.drop_duplicates("org_id")
    if public and 0 < len(orgs) < regions.PUBLIC_MIN_COUNT:
        st.caption(f"{i18n.t('metric_organisations', lang)}: <{regions.PUBLIC_MIN_COUNT}")
    else:
        st.dataframe(pd.DataFrame({
            i18n.t("organisation", lang): orgs["org_name"],
            i18n.t("org_kind", lang): orgs["org_kind"].map(lambda c: vocabularies.label("kind", c, lang)),
            i18n.t("sector", lang): orgs["org_sector"].map(lambda c: vocabularies.label("sector", c, lang)),
            i18n.t("size", lang): orgs["org_size"].map(lambda c: vocabularies.label("size", c, lang)),
        }), hide_index=True, width="stretch")
    if not unit_events.empty:
        trend = metrics.trend(unit_events, "year").rename(columns={"event_type": "measure"})
        trend["measure_label"] = trend["measure"].map(lambda m: i18n.measure_label(m, lang))
        st.markdown(f"**{i18n.t('unit_trend', lang)}**")
        unit_chart = charts.trend_bars(trend, x_title=i18n.t("year", lang), y_title=i18n.t("participants", lang),
                                       colour_title=i18n.t("measure", lang), height=320)
        chart_block.show(unit_chart, lang)
st.caption(source)
