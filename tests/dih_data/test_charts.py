"""Chart builders: pure functions from small tables to Altair specs, checked through ``to_dict()``."""

from __future__ import annotations

import html
import re

import altair as alt
import pandas as pd
import pytest
import vl_convert

from dih_data import charts, geography, palette

TREND = pd.DataFrame({
    "period": ["2023", "2023", "2024"], "measure": ["workshop", "meetup", "workshop"],
    "measure_label": ["Workshops", "Meetups", "Workshops"], "participants": [20, 30, 25], "events": [1, 2, 1],
})


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def _mark(layer: dict) -> str:
    return layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]


def test_trend_bars_stacked_by_default_and_side_by_side_on_request():
    stacked = charts.trend_bars(TREND, x_title="Year", y_title="People", colour_title="Measure").to_dict()
    assert stacked["encoding"]["y"]["field"] == "participants" and "xOffset" not in stacked["encoding"]
    assert stacked["encoding"]["x"]["sort"] == ["2023", "2024"]
    # Okabe–Ito colours follow the measure codes, whatever the labels' language.
    assert stacked["encoding"]["color"]["scale"]["range"] == [charts.MEASURE_COLOURS["workshop"],
                                                              charts.MEASURE_COLOURS["meetup"]]
    grouped = charts.trend_bars(TREND, x_title="Year", y_title="Events", colour_title="Measure", value="events",
                                stacked=False).to_dict()
    assert grouped["encoding"]["xOffset"]["field"] == "measure_label" and grouped["encoding"]["y"]["field"] == "events"


def test_trend_bars_put_a_star_where_notes_are():
    notes = pd.DataFrame({"period": ["2024"], "total": [25], "label": ["largest: 25"]})
    spec = charts.trend_bars(TREND, x_title="Y", y_title="P", colour_title="M", notes=notes).to_dict()
    marks = [layer["mark"] for layer in spec["layer"]]
    assert marks[1]["text"] == "★" and spec["layer"][1]["encoding"]["tooltip"]["field"] == "label"


def _svg_texts(chart) -> list[str]:
    svg = vl_convert.vegalite_to_svg(chart.to_dict())
    return [html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.parametrize(("lang", "count", "share"), [("lv", "\u221210\u00a0000", "\u221240\u00a0%"),
                                                       ("en", "\u221210,000", "\u221240%")])
def test_rendered_numbers_follow_the_language(lang, count, share):
    """Drawn by Vega (vl-convert): grouping, decimal sign, % and the minus sign as the language writes them."""
    table = pd.DataFrame({"label": ["a", "b"], "n": [2000, -15000], "share": [0.25, -0.4]})
    counts = alt.Chart(table).mark_bar().encode(x=alt.X("n:Q", title=None), y=alt.Y("label:N", title=None))
    shares = alt.Chart(table).mark_bar().encode(x=alt.X("share:Q", title=None, axis=alt.Axis(format="%")),
                                                y=alt.Y("label:N", title=None))
    assert count in _svg_texts(charts.localised(counts, lang))
    assert share in _svg_texts(charts.localised(shares, lang))


def test_localised_keeps_the_charts_own_configuration():
    chart = charts.localised(alt.Chart(TREND).mark_bar().configure_view(stroke=None), "lv")
    assert chart.to_dict()["config"]["view"]["stroke"] is None
    assert chart.to_dict()["config"]["locale"]["number"]["decimal"] == ","


@pytest.mark.parametrize("level", ["planning_region", "municipality"])
def test_region_map_draws_every_unit_with_or_without_classes(level):
    key = "atvk" if level == "municipality" else "planning_region"
    features = geography.boundary_features(level)
    units = [f["properties"][key] for f in features]
    values = pd.DataFrame({key: units[:-1], "name": units[:-1], "participants": range(len(units) - 1)})
    continuous = charts.region_map(features, values, key=key, value="participants", label="name",
                                   value_title="P").to_dict()
    assert continuous["mark"]["type"] == "geoshape" and continuous["projection"]["type"] == "mercator"
    drawn = continuous["datasets"][continuous["data"]["name"]]
    assert len(drawn) == len(units)  # the unit without a row is drawn at 0, not dropped
    assert drawn[-1]["properties"]["participants"] == 0
    assert continuous["encoding"]["color"]["type"] == "quantitative"
    classes = [("0 – 5", "#deebf7"), ("5 – 40", "#08519c")]
    classed = charts.region_map(features, values.assign(**{"class": "0 – 5"}), key=key, value="participants",
                                label="name", value_title="P", classes=classes).to_dict()
    assert classed["encoding"]["color"]["field"] == "properties.class"
    assert classed["encoding"]["color"]["scale"] == {"domain": ["0 – 5", "5 – 40"], "range": ["#deebf7", "#08519c"]}


def test_ranking_bars_highlight_the_selected_unit():
    table = pd.DataFrame({"name": ["Rīga", "Latgale"], "participants": [100, 10]})
    spec = charts.ranking_bars(table, value="participants", label="name", value_title="P", highlight="Latgale")
    data = spec.data
    assert data.loc[data["name"] == "Latgale", "selected"].item() and not data.loc[data["name"] == "Rīga",
                                                                                   "selected"].item()
    assert spec.to_dict()["encoding"]["color"]["condition"]["test"] == "datum.selected"


def test_interval_bars_draw_share_interval_and_count():
    table = pd.DataFrame({"label": ["A"], "share": [0.4], "low": [0.3], "high": [0.5], "count": [4], "n": [10],
                          "text": ["4 / 10"]})
    spec = charts.interval_bars(table, label="label", value_title="Share", n_title="n",
                                interval_titles=("95 % low", "95 % high")).to_dict()
    assert [_mark(layer) for layer in spec["layer"]] == ["bar", "rule", "text"]
    assert spec["layer"][1]["encoding"]["x"]["field"] == "low" and spec["layer"][1]["encoding"]["x2"]["field"] == "high"
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 0.5]  # next 10 % above the interval
    assert spec["layer"][0]["encoding"]["x"]["axis"]["values"] == [0, 0.1, 0.2, 0.3, 0.4, 0.5]


def test_stage_interval_bars_leave_room_for_the_count_after_the_highest_interval():
    """On a rendered stage chart (fixed size, 28 px text) "22 / 62" after a 48 % interval was cut at a 50 % axis."""
    table = pd.DataFrame({"label": ["A"], "share": [0.35], "low": [0.25], "high": [0.48], "count": [22], "n": [62],
                          "text": ["22 / 62"]})
    page, on_stage = (charts.interval_bars(table, label="label", value_title="Share", n_title="n",
                                           interval_titles=("low", "high"), theme=theme).to_dict()
                      for theme in (charts.PAGE, charts.STAGE))
    assert page["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 0.5]
    assert on_stage["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 0.6]


def test_published_ticks_are_opaque_so_the_shared_legend_shows_the_bars_colour():
    """Vega-Lite's default tick opacity (0.7) also faded the recorded bars' swatch in the shared legend."""
    spec = charts.published_vs_recorded(pd.DataFrame({"label": ["A"], "published": [5], "recorded": [4]}),
                                        value_title="P", published_title="Pub", recorded_title="Rec").to_dict()
    assert spec["layer"][1]["mark"]["opacity"] == 1


def test_donut_hole_follows_the_plot_size():
    """A fixed 60 px hole left a 1 px ring once the legend had squeezed the plot to 122 px."""
    table = pd.DataFrame({"source": ["ERDF", "State"], "amount": [60.0, 40.0], "share": [0.6, 0.4]})
    spec = charts.share_donut(table, category="source", value="amount", category_title="", value_title="").to_dict()
    assert spec["mark"]["innerRadius"] == {"expr": "min(width, height) / 4"}


def test_donut_gives_a_source_the_same_colour_in_every_language():
    """Colours went by the translated label's sort order: National budget was green in Latvian, orange in English."""
    def colours(labels):
        table = pd.DataFrame({"source": ["national", "erdf", "private"], "label": labels,
                              "amount": [50.0, 30.0, 20.0], "share": [0.5, 0.3, 0.2]})
        scale = charts.share_donut(table, category="label", code="source", value="amount", category_title="",
                                   value_title="").to_dict()["encoding"]["color"]["scale"]
        return dict(zip(scale["domain"], scale["range"], strict=True))

    latvian = colours(["Valsts budžets", "ERAF", "Privātie līdzekļi"])  # sorted: ERAF, Privātie, Valsts
    english = colours(["National budget", "ERDF", "Private funds"])  # sorted: ERDF, National, Private
    assert latvian["Valsts budžets"] == english["National budget"]
    assert latvian["ERAF"] == english["ERDF"] and latvian["Privātie līdzekļi"] == english["Private funds"]


def test_donut_legend_lists_the_rows_in_the_tables_order():
    """The legend went alphabetically by code (ERAF, Valsts, Ziemeļvalstu, Privātais) beside a table by amount."""
    table = pd.DataFrame({"source": ["national", "private", "erdf"], "label": ["Valsts", "Privātie", "ERAF"],
                          "amount": [50.0, 30.0, 20.0], "share": [0.5, 0.3, 0.2]})
    scale = charts.share_donut(table, category="label", code="source", value="amount", category_title="",
                               value_title="").to_dict()["encoding"]["color"]["scale"]
    assert scale["domain"] == ["Valsts", "Privātie", "ERAF"]


def test_diverging_agreement_centres_neutral_and_marks_the_published_share():
    table = pd.DataFrame({"statement_label": ["S"] * 5, "level": [1, 2, 3, 4, 5],
                          "share": [0.1, 0.1, 0.2, 0.4, 0.2]})
    chart = charts.diverging_agreement(table, statement_title="", levels=list("abcde"), share_title="Share",
                                       references=pd.DataFrame({"statement_label": ["S"], "share": [0.9]}))
    bars = chart.layer[0].data.set_index("order")
    assert bars.loc[3, "x"] == pytest.approx(-0.1) and bars.loc[3, "x2"] == pytest.approx(0.1)  # neutral centred
    assert bars.loc[1, "x"] == pytest.approx(-0.3) and bars.loc[5, "x2"] == pytest.approx(0.7)
    tick = chart.layer[2].data
    assert tick["x"].item() == pytest.approx(0.1 + 0.9)  # where the agreeing bars would end at 90 %


AGREEMENT = pd.DataFrame({"statement_label": ["A"] * 5 + ["B"] * 5, "level": [1, 2, 3, 4, 5] * 2,
                          "share": [0.0, 0.05, 0.05, 0.55, 0.35, 0.1, 0.15, 0.2, 0.4, 0.15]})


def test_diverging_agreement_has_one_legend_for_answers_and_the_published_tick():
    """The tick had a legend of its own above the chart, the answers theirs below it."""
    chart = charts.diverging_agreement(AGREEMENT, statement_title="", levels=list("abcde"), share_title="Share",
                                       references=pd.DataFrame({"statement_label": ["A"], "share": [0.9]}),
                                       reference_title="Published")
    svg = vl_convert.vegalite_to_svg(chart.to_dict())
    assert svg.count("role-legend\"") == 1
    legend = re.findall(r'role-legend-label"[^>]*>.*?</g>', svg, re.S)
    assert legend and all(label in "".join(legend) for label in [*"abcde", "Published"])


def test_diverging_agreement_axis_reaches_as_far_as_the_data():
    """A fixed ±100 % axis left the disagreeing half mostly empty: each side ends at the next 25 % past its
    longest bar or tick (here 35 % disagreeing → −50 %; 92.5 % agreeing → 100 %)."""
    spec = charts.diverging_agreement(AGREEMENT, statement_title="", levels=list("abcde"), share_title="",
                                      ).to_dict()["layer"][0]["encoding"]["x"]
    assert spec["scale"]["domain"] == [-0.5, 1.0]
    assert spec["axis"]["values"] == [-0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0]
    small = AGREEMENT.assign(share=[0.0, 0.0, 0.2, 0.2, 0.1] * 2)  # bars 10 % left of 0, 40 % right
    ticked = charts.diverging_agreement(small, statement_title="", levels=list("abcde"), share_title="",
                                        references=pd.DataFrame({"statement_label": ["A"], "share": [0.6]}),
                                        ).to_dict()["layer"][0]["encoding"]["x"]
    assert ticked["scale"]["domain"] == [-0.25, 0.75]  # the tick at 10 % + 60 % reaches past the bars


def test_planned_actual_bars_colour_flagged_spending():
    table = pd.DataFrame({"label": ["ERDF", "sponsor"], "planned_eur": [100.0, 50.0], "actual_eur": [60.0, 50.0],
                          "flagged": [True, False]})
    chart = charts.planned_actual_bars(table, category="label", category_title="", value_title="EUR",
                                       planned_title="Planned", actual_title="Actual")
    colours = chart.data.set_index(["label", "kind"])["colour"]
    assert colours[("ERDF", "Actual")] == "Actual (!)" and colours[("sponsor", "Actual")] == "Actual"
    assert colours[("ERDF", "Planned")] == "Planned"
    bars, marks = chart.to_dict()["layer"]
    legend = bars["encoding"]["color"]
    assert legend["legend"] is not None and legend["scale"]["domain"] == ["Planned", "Actual", "Actual (!)"]
    # a flagged bar ends in "!" (drawn only for flagged rows), so colour is not the only sign
    assert marks["mark"]["text"] == "!" and "Actual (!)" in marks["transform"][0]["filter"]
    drawn = [text for text in _svg_texts(chart) if text == "!"]
    assert len(drawn) == 1


def test_burn_up_adds_a_dashed_projection():
    curve = pd.DataFrame({"date": pd.to_datetime(["2024-01-31"]), "spent_pct": [0.2], "time_pct": [0.25]})
    projection = pd.DataFrame({"date": pd.to_datetime(["2024-01-31", "2024-04-09"]), "pct": [0.2, 0.8]})
    spec = charts.burn_up(curve, spent_title="Spent", time_title="Time", projection=projection,
                          projection_title="Projection").to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Spent", "Time", "Projection"]
    assert spec["encoding"]["strokeDash"]["scale"]["range"][2] == [8, 4]


def test_images_are_rendered_offline_with_their_title_at_twice_the_size():
    chart = charts.trend_bars(TREND, x_title="Y", y_title="P", colour_title="M")
    svg = charts.to_image(chart, "svg", "Title — Source: demo data").decode("utf-8")
    png = charts.to_image(chart, "png", "Title — Source: demo data")
    assert svg.startswith("<svg") and "Source: demo data" in svg
    assert png.startswith(b"\x89PNG")
    svg_width = float(re.search(r'<svg[^>]* width="([0-9.]+)"', svg).group(1))
    assert int.from_bytes(png[16:20], "big") == pytest.approx(2 * svg_width, abs=2)


def test_unknown_image_format_is_refused():
    with pytest.raises(ValueError):
        charts.to_image(charts.trend_bars(TREND, x_title="Y", y_title="P", colour_title="M"), "gif", "t")


def _labelled(lang: str) -> pd.DataFrame:
    from dih_data import i18n

    table = pd.DataFrame({"period": ["2023"] * 3, "planning_region": ["Latgale", "Rīga", "online"],
                          "participants": [5, 50, 9]})
    return table.assign(region=table["planning_region"].map(lambda r: i18n.region_label(r, lang)))


def _colour_of(spec: dict) -> dict[str, str]:
    scale = spec["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))


def test_a_region_keeps_its_colour_in_both_languages():
    from dih_data import i18n, palette

    colours = {}
    for lang in ("lv", "en"):
        spec = charts.stacked_share(_labelled(lang), x="period", value="participants", group="region",
                                    code="planning_region", colours=palette.REGION, x_title="", y_title="",
                                    group_title="").to_dict()
        by_label = _colour_of(spec)
        colours[lang] = {code: by_label[i18n.region_label(code, lang)] for code in ("Latgale", "Rīga", "online")}
    assert colours["lv"] == colours["en"] == {code: palette.REGION[code] for code in ("Latgale", "Rīga", "online")}


def test_open_categories_keep_their_colour_whatever_the_label_and_small_ones_become_other():
    table = pd.DataFrame({"period": ["2023"] * 8, "code": list("abcdefgh"), "people": [8, 7, 6, 5, 4, 3, 2, 1]})
    english = charts.stacked_share(table.assign(group=table["code"].str.upper()), x="period", value="people",
                                   group="group", code="code", x_title="", y_title="", group_title="", top=6,
                                   other_label="Other")
    latvian = charts.stacked_share(table.assign(group=table["code"] + "!"), x="period", value="people",
                                   group="group", code="code", x_title="", y_title="", group_title="", top=6,
                                   other_label="Citi")
    assert list(_colour_of(english.to_dict()).values()) == list(_colour_of(latvian.to_dict()).values())
    assert _colour_of(english.to_dict())["Other"] == "#999999"
    assert english.data.loc[english.data["group"] == "Other", "people"].sum() == 3  # g + h, nothing dropped


def test_stacked_share_names_groups_short_in_the_legend_only():
    """The legend of a half-page chart has room for "IKT", not "Informācijas un komunikācijas pakalpojumi"."""
    table = pd.DataFrame({"period": ["2023"] * 2, "code": ["J", "Q"], "people": [3, 1],
                          "group": ["Informācijas un komunikācijas pakalpojumi", "Veselība un sociālā aprūpe"]})
    chart = charts.stacked_share(table, x="period", value="people", group="group", code="code", x_title="",
                                 y_title="", group_title="", legend_labels={table["group"][0]: "IKT"})
    spec = chart.to_dict()
    assert "group" in [tip["field"] for tip in spec["encoding"]["tooltip"]]  # the tooltip keeps the full title
    labels = [t for t in _svg_texts(chart) if t in ("IKT", "Informācijas un komunikācijas pakalpojumi",
                                                   "Veselība un sociālā aprūpe")]
    assert labels == ["IKT", "Veselība un sociālā aprūpe"]


def test_unit_cost_bars_sort_by_value_and_name_the_published_tick():
    table = pd.DataFrame({"measure": ["hackathon", "meetup", "workshop"],
                          "measure_label": ["Hackathons", "Meetups", "Workshops"],
                          "per_event": [500.0, 2000.0, None], "published_unit_cost": [None, 1500.0, 800.0]})
    spec = charts.unit_cost_bars(table, value_title="€", published_title="Published").to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["Meetups", "Hackathons", "Workshops"]  # survives layers
    tick = spec["layer"][1]
    assert tick["encoding"]["stroke"]["legend"]["symbolType"] == "stroke"


@pytest.mark.parametrize("builder", ["published_vs_recorded", "diverging_agreement", "line_with_average"])
def test_marks_that_carry_meaning_have_a_legend(builder):
    if builder == "published_vs_recorded":
        spec = charts.published_vs_recorded(pd.DataFrame({"label": ["A"], "published": [5], "recorded": [4]}),
                                            value_title="P", published_title="Pub", recorded_title="Rec").to_dict()
        assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Rec", "Pub"]
        assert spec["layer"][1]["encoding"]["color"]["field"] == "series"
    elif builder == "diverging_agreement":
        table = pd.DataFrame({"statement_label": ["S"] * 5, "level": [1, 2, 3, 4, 5], "share": [0.2] * 5})
        spec = charts.diverging_agreement(table, statement_title="", levels=list("abcde"), share_title="",
                                          references=pd.DataFrame({"statement_label": ["S"], "share": [0.5]}),
                                          reference_title="Published").to_dict()
        assert spec["layer"][2]["encoding"]["color"]["scale"]["domain"] == [*"abcde", "Published"]
    else:
        table = pd.DataFrame({"period": ["a", "b"], "value": [1, 2], "average": [1.0, 1.5]})
        spec = charts.line_with_average(table, x_title="", y_title="People", average_title="Average").to_dict()
        assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["People", "Average"]


def test_many_periods_draw_lines_not_slivers():
    months = pd.DataFrame({"period": [f"m{i:03d}" for i in range(60)], "measure": "workshop",
                           "measure_label": "Workshops", "participants": range(60)})
    spec = charts.trend_bars(months, x_title="", y_title="", colour_title="").to_dict()
    assert _mark(spec) == "line" and spec["encoding"]["y"]["stack"] is None


@pytest.mark.parametrize(("top", "end", "ticks"), [(0.07, 0.1, 2), (0.42, 0.5, 6), (0.83, 0.9, None), (1.0, 1.0, 6)])
def test_share_axis_ends_just_above_the_data(top, end, ticks):
    axis, scale = charts.share_axis("Share", top)
    assert scale.domain == [0, end] and axis.format == "%"
    assert axis.values[-1] == pytest.approx(end) or axis.values[-1] <= end
    if ticks:
        assert len(axis.values) == ticks


GRID = pd.DataFrame({
    "group": ["Kurzeme (n=11)", "Kurzeme (n=11)", "Latgale (n=5)", "Latgale (n=5)"],
    "barrier": ["Lack of motivation to change", "Insufficient understanding of innovation and technology"] * 2,
    "share": [0.27, 0.55, None, 0.4], "text": ["27 %", "55 %", "<5", "40 %"],
})


def _grid_chart(builder: str, columns: int) -> alt.TopLevelMixin:
    names = [f"Wholesale and retail trade no {i}" for i in range(columns)]
    table = pd.DataFrame({"x": names * 2, "y": ["Workforce"] * columns + ["Costs"] * columns,
                          "value": [0.5] * (2 * columns), "text": ["50 %"] * (2 * columns)})
    if builder == "heatmap":
        return charts.heatmap(table, x="x", y="y", value="value", text="text", x_title="", y_title="", value_title="")
    return charts.grouped_bars(table, x="x", value="value", group="y", x_title="", value_title="", group_title="")


@pytest.mark.parametrize("builder", ["heatmap", "grouped_bars"])
@pytest.mark.parametrize(("width", "upright"), [(900, False), (240, True)])
def test_column_labels_stand_upright_only_where_the_drawn_width_leaves_them_too_little_room(builder, width, upright):
    svg = vl_convert.vegalite_to_svg(_grid_chart(builder, 5).properties(width=width).to_dict())
    assert ("rotate(-90" in svg) == upright
    assert "…" not in svg and "Wholesale and retail" in svg  # wrapped in full either way, never cut


def test_a_downloaded_heatmap_has_room_for_level_labels():
    """Off the page (PNG/SVG download) nothing stretches the grid: its columns are as wide as their labels."""
    svg = charts.to_image(_grid_chart("heatmap", 5), "svg", "").decode("utf-8")
    assert "rotate(-90" not in svg and 'font-size="12px"' in svg  # cell numbers at full size


def test_heatmap_rows_are_as_tall_as_their_labels_and_the_legend_sits_below():
    spec = charts.heatmap(GRID, x="group", y="barrier", value="share", text="text", x_title="", y_title="",
                          value_title="Share").to_dict()
    assert spec["height"] == {"step": 38}  # two-line barrier names
    assert spec["autosize"]["type"] == "fit-x"  # the plot keeps its height whatever the legend needs
    assert spec["layer"][0]["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert '"Insufficient understanding of": ' not in spec["layer"][0]["encoding"]["y"]["axis"]["labelExpr"]


def test_wrapped_labels_break_at_spaces_only():
    expression = charts.wrapped_labels(["Vairumtirdzniecība un mazumtirdzniecība"], 10)
    assert '["Vairumtirdzniecība", "un", "mazumtirdzniecība"]' in expression


def test_ranked_by_group_lists_each_group_under_its_heading_largest_first():
    chart = charts.ranked_by_group(GRID, group="group", label="barrier", value="share", text="text",
                                   group_order=["Latgale (n=5)", "Kurzeme (n=11)"], value_title="Share",
                                   label_title="Barrier", group_title="Region")
    rows = chart.data
    assert list(rows["kind"]) == ["heading", "row", "row", "heading", "row", "row"]
    assert list(rows["line0"]) == ["Latgale (n=5)", "technology", "Lack of motivation to change",
                                   "Kurzeme (n=11)", "technology", "Lack of motivation to change"]
    assert list(rows["line1"][:3]) == ["", "Insufficient understanding of innovation and", ""]  # the line above
    hidden = rows[rows["text"] == "<5"].iloc[0]
    assert pd.isna(hidden["share"]) and hidden["end"] == 0  # its "<5" is written where a bar would start
    spec = chart.to_dict()
    bars = [layer for layer in spec["layer"] if _mark(layer) == "bar"]
    assert len(bars) == 1 and bars[0]["encoding"]["x"]["scale"]["domain"] == [0, pytest.approx(0.55 * 1.25)]
    assert spec["height"] == {"step": 52} and spec["autosize"]["type"] == "fit-x"
    # the row order is written once for every layer (a copy per layer was 3 KB each on the Barriers page)
    assert spec["encoding"]["y"]["sort"] == list(rows["key"])
    assert not any("y" in layer.get("encoding", {}) for layer in spec["layer"])


MATURITY = pd.DataFrame({
    "dimension_label": ["Digitālā biznesa stratēģija", "Uz cilvēku vērsta digitalizācija", "Datu pārvaldība",
                        "Automatizācija un MI", "Zaļā digitalizācija", "Digitālā gatavība"] * 2,
    "wave": ["Atkārtotā aptauja"] * 6 + ["Sākotnējā aptauja"] * 6,  # follow-up first, and first alphabetically
    "wave_code": ["follow-up"] * 6 + ["baseline"] * 6, "mean": [40.0] * 12,
})


def _maturity(**extra) -> alt.Chart:
    return charts.grouped_bars(MATURITY, x="dimension_label", value="mean", group="wave", x_title="",
                               value_title="", group_title="", code="wave_code", colours=palette.WAVE, **extra)


def test_grouped_bars_draw_the_waves_in_order_in_their_own_colours():
    encoding = _maturity().to_dict()["encoding"]
    assert encoding["xOffset"]["sort"] == ["Sākotnējā aptauja", "Atkārtotā aptauja"]  # baseline left of follow-up
    assert encoding["color"]["scale"]["range"] == [palette.WAVE["baseline"], palette.WAVE["follow-up"]]
    taken = {*palette.MEASURE.values(), *palette.REGION.values()}
    assert not taken & set(encoding["color"]["scale"]["range"])


def test_maturity_labels_stay_level_across_a_desk_page():
    """The maturity chart spans the page (about 900 px drawn at 1440 px): six level, wrapped labels; in half
    the page (about 425 px) they stood upright."""
    assert "rotate(-90" in vl_convert.vegalite_to_svg(_maturity().properties(width=425).to_dict())
    svg = vl_convert.vegalite_to_svg(_maturity().properties(width=880).to_dict())
    assert "rotate(-90" not in svg and "digitalizācija" in svg


def test_published_vs_recorded_keeps_its_plot_height_on_a_page():
    """Six published results were squeezed into about 100 px: the legend and axis no longer eat the plot."""
    table = pd.DataFrame({"label": [f"Hackathons {y}" for y in range(2014, 2020)], "published": [5] * 6,
                          "recorded": [4] * 6})
    spec = charts.published_vs_recorded(table, value_title="P", published_title="Pub", recorded_title="Rec").to_dict()
    assert spec["autosize"]["type"] == "fit-x" and spec["height"] >= 30 * len(table)
    stage = charts.published_vs_recorded(table, value_title="P", published_title="Pub", recorded_title="Rec",
                                         theme=charts.STAGE).to_dict()
    assert "autosize" not in stage  # the slide keeps the stage's own sizing


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_diverging_agreement_axis_shows_unsigned_shares(lang):
    """Both halves count shares of answers: the disagreeing side reads "50 %", not "−50 %" (the locales write
    the minus as U+2212, which the label expression once left in place)."""
    chart = charts.diverging_agreement(AGREEMENT, statement_title="", levels=list("abcde"), share_title="")
    texts = _svg_texts(charts.localised(chart, lang))
    shares = [text for text in texts if text.rstrip().endswith("%")]
    assert len(shares) >= 5
    assert [text for text in shares if "\u2212" in text or "-" in text] == []
