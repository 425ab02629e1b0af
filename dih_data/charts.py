"""Chart builders: pure functions from small, already aggregated tables to Altair charts.

Labels arrive translated; the builders only decide the visual encoding, so they are tested via
``chart.to_dict()`` without a browser.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

MEASURE_COLOURS = {  # Okabe–Ito: distinguishable with colour-blindness
    "hackathon": "#0072B2",
    "workshop": "#E69F00",
    "meetup": "#009E73",
    "expert_visit": "#CC79A7",
    "conference": "#56B4E9",
    "other": "#999999",
}
SEQUENTIAL_SCHEME = "blues"


def grouped_axis(title: str, thousands: str) -> alt.Axis:
    """A quantitative axis whose thousands separator follows the language (Vega's default is ',')."""
    return alt.Axis(title=title, labelExpr=f"replace(datum.label, /,/g, '{thousands}')")


def _measure_colour(table: pd.DataFrame, title: str) -> alt.Color:
    """Okabe–Ito colour per measure code, labelled with the translated ``measure_label``."""
    codes = [code for code in MEASURE_COLOURS if code in set(table["measure"])]
    labels = table.drop_duplicates("measure").set_index("measure")["measure_label"]
    return alt.Color(
        "measure_label:N", title=title,
        scale=alt.Scale(domain=[labels[c] for c in codes], range=[MEASURE_COLOURS[c] for c in codes]),
        legend=alt.Legend(orient="bottom", columns=3),
    )


def trend_bars(
    table: pd.DataFrame, *, x_title: str, y_title: str, colour_title: str, thousands: str = ",", height: int = 260,
    value: str = "participants", stacked: bool = True, notes: pd.DataFrame | None = None,
) -> alt.Chart:
    """Bars of ``value`` per period and measure, stacked or side by side.

    ``table`` columns: period (label, in time order), measure (code), measure_label, ``value``.
    ``notes`` (period, total, label) puts a ★ above a period's bar with ``label`` as its tooltip.
    """
    order = list(dict.fromkeys(table["period"]))
    encoding = {
        "x": alt.X("period:O", title=x_title, sort=order, axis=alt.Axis(labelAngle=0 if len(order) <= 12 else -45)),
        "y": alt.Y(f"sum({value}):Q", axis=grouped_axis(y_title, thousands), stack=True if stacked else None),
        "color": _measure_colour(table, colour_title),
        "order": alt.Order("measure:N"),
        "tooltip": [alt.Tooltip("period:O", title=x_title), alt.Tooltip("measure_label:N", title=colour_title),
                    alt.Tooltip(f"{value}:Q", title=y_title, format=",.4~r")],
    }
    if not stacked:
        encoding["xOffset"] = alt.XOffset("measure_label:N")
    bars = alt.Chart(table).mark_bar().encode(**encoding).properties(height=height)
    if notes is None or notes.empty:
        return bars
    labels = alt.Chart(notes).mark_text(dy=-9, fontSize=15, color="#E66101", text="★").encode(
        x=alt.X("period:O", sort=order), y=alt.Y("total:Q"), tooltip=alt.Tooltip("label:N", title=""))
    return alt.layer(bars, labels)


def line_with_average(table: pd.DataFrame, *, x_title: str, y_title: str, average_title: str,
                      thousands: str = ",", height: int = 260) -> alt.Chart:
    """Monthly totals as thin bars with their moving average as a line (``period``, ``value``, ``average``)."""
    order = list(table["period"])
    base = alt.Chart(table).encode(x=alt.X("period:O", title=x_title, sort=order,
                                           axis=alt.Axis(labelAngle=-45, labelOverlap=True)))
    bars = base.mark_bar(color="#9ECAE1").encode(
        y=alt.Y("value:Q", axis=grouped_axis(y_title, thousands)),
        tooltip=[alt.Tooltip("period:O", title=x_title), alt.Tooltip("value:Q", title=y_title, format=",d")])
    line = base.mark_line(color="#08519C", strokeWidth=2.5).encode(
        y="average:Q", tooltip=[alt.Tooltip("average:Q", title=average_title, format=",.1f")])
    return alt.layer(bars, line).properties(height=height)


def stacked_share(table: pd.DataFrame, *, x: str, value: str, group: str, x_title: str, y_title: str,
                  group_title: str, normalise: bool = False, thousands: str = ",", height: int = 260,
                  colours: dict[str, str] | None = None) -> alt.Chart:
    """Stacked bars of ``value`` per ``x`` split by ``group`` (as shares of each bar when ``normalise``)."""
    order = list(dict.fromkeys(table[x]))
    scale = alt.Scale(domain=list(colours), range=list(colours.values())) if colours else alt.Scale(scheme="tableau10")
    axis = alt.Axis(title=y_title, format="%") if normalise else grouped_axis(y_title, thousands)
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:O", title=x_title, sort=order, axis=alt.Axis(labelAngle=0 if len(order) <= 12 else -45)),
            y=alt.Y(f"sum({value}):Q", stack="normalize" if normalise else True, axis=axis),
            color=alt.Color(f"{group}:N", title=group_title, scale=scale, legend=alt.Legend(orient="bottom",
                                                                                          columns=4)),
            tooltip=[alt.Tooltip(f"{x}:O", title=x_title), alt.Tooltip(f"{group}:N", title=group_title),
                     alt.Tooltip(f"{value}:Q", title=y_title, format=",d")],
        )
        .properties(height=height)
    )


def heatmap(table: pd.DataFrame, *, x: str, y: str, value: str, text: str, x_title: str, y_title: str,
            value_title: str, height: int = 300, cell_text: str | None = None) -> alt.Chart:
    """A grid of ``value`` per (``x``, ``y``); each cell shows ``cell_text`` (default: the value) and
    ``text`` in its tooltip. Cells whose value is empty are left blank."""
    x_axis = alt.Axis(labelAngle=-35, labelLimit=160, labelOverlap=False)
    base = alt.Chart(table).encode(x=alt.X(f"{x}:N", title=x_title, axis=x_axis),
                                   y=alt.Y(f"{y}:N", title=y_title, axis=alt.Axis(labelLimit=300)))
    cells = base.mark_rect().encode(color=alt.Color(f"{value}:Q", title=value_title,
                                                    scale=alt.Scale(scheme=SEQUENTIAL_SCHEME)),
                                    tooltip=[alt.Tooltip(f"{y}:N", title=y_title), alt.Tooltip(f"{x}:N", title=x_title),
                                             alt.Tooltip(f"{text}:N", title=value_title)])
    labels = base.mark_text(fontSize=12).encode(
        text=f"{cell_text}:N" if cell_text else f"{value}:Q",
        color=alt.condition(f"datum.{value} > {float(table[value].max()) / 2 if len(table) else 0}",
                            alt.value("white"), alt.value("#222")))
    return alt.layer(cells, labels).properties(height=height)


def published_vs_recorded(table: pd.DataFrame, *, value_title: str, published_title: str, recorded_title: str,
                          thousands: str = ",", height: int = 240) -> alt.Chart:
    """Recorded bars per published result (``label``) with the published figure as a black tick."""
    order = list(table["label"])
    base = alt.Chart(table).encode(y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)))
    bars = base.mark_bar(color="#6BAED6").encode(
        x=alt.X("recorded:Q", axis=grouped_axis(value_title, thousands)),
        tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("recorded:Q", title=recorded_title, format=",d"),
                 alt.Tooltip("published:Q", title=published_title, format=",d")])
    ticks = base.mark_tick(color="black", thickness=3, size=18).encode(x="published:Q")
    return alt.layer(bars, ticks).properties(height=height)


def planned_actual_bars(table: pd.DataFrame, *, category: str, category_title: str, value_title: str,
                        planned_title: str, actual_title: str, thousands: str = ",") -> alt.Chart:
    """Planned (light) and actual (dark; orange when flagged) side by side per ``category``."""
    long = pd.concat([
        table[[category, "flagged"]].assign(kind=planned_title, eur=table["planned_eur"], colour="planned"),
        table[[category, "flagged"]].assign(kind=actual_title, eur=table["actual_eur"],
                                            colour=table["flagged"].map({True: "flagged", False: "actual"})),
    ], ignore_index=True)
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y(f"{category}:N", title=category_title, sort=list(table[category]), axis=alt.Axis(labelLimit=220)),
            yOffset=alt.YOffset("kind:N", sort=[planned_title, actual_title]),
            x=alt.X("eur:Q", axis=grouped_axis(value_title, thousands)),
            color=alt.Color("colour:N", legend=None, scale=alt.Scale(domain=["planned", "actual", "flagged"],
                                                                      range=["#C6DBEF", "#2171B5", "#E66101"])),
            tooltip=[alt.Tooltip(f"{category}:N", title=category_title), alt.Tooltip("kind:N", title=""),
                     alt.Tooltip("eur:Q", title=value_title, format=",.0f")],
        )
        .properties(height=alt.Step(14))
    )


def burn_up(curve: pd.DataFrame, *, spent_title: str, time_title: str, projection: pd.DataFrame | None = None,
            projection_title: str = "", date_title: str = "", height: int = 280) -> alt.Chart:
    """% of budget spent and % of time elapsed over the programme; ``projection`` (date, pct) dashed."""
    long = pd.concat([curve[["date"]].assign(series=spent_title, pct=curve["spent_pct"]),
                      curve[["date"]].assign(series=time_title, pct=curve["time_pct"])], ignore_index=True)
    series = [spent_title, time_title]
    if projection is not None and not projection.empty:
        long = pd.concat([long, projection.assign(series=projection_title)], ignore_index=True)
        series.append(projection_title)
    return (
        alt.Chart(long)
        .mark_line(strokeWidth=2.5)
        .encode(
            x=alt.X("date:T", title=date_title),
            y=alt.Y("pct:Q", axis=alt.Axis(format="%", title=None)),
            color=alt.Color("series:N", title=None, sort=series, legend=alt.Legend(orient="bottom", labelLimit=320),
                            scale=alt.Scale(domain=series, range=["#2171B5", "#999999", "#E66101"][: len(series)])),
            strokeDash=alt.StrokeDash("series:N", sort=series, legend=None,
                                      scale=alt.Scale(domain=series, range=[[1, 0], [4, 3], [8, 4]][: len(series)])),
            tooltip=[alt.Tooltip("date:T", title=date_title), alt.Tooltip("series:N", title=""),
                     alt.Tooltip("pct:Q", format=".1%")],
        )
        .properties(height=height)
    )


def unit_cost_bars(table: pd.DataFrame, *, value_title: str, published_title: str, thousands: str = ",",
                   height: int = 220) -> alt.Chart:
    """Recorded average cost per event per measure, with the published unit cost as a black tick."""
    base = alt.Chart(table).encode(y=alt.Y("measure_label:N", title=None, sort="-x"))
    bars = base.mark_bar().encode(
        x=alt.X("per_event:Q", axis=grouped_axis(value_title, thousands)),
        color=alt.Color("measure_label:N", legend=None, scale=alt.Scale(
            domain=list(table["measure_label"]), range=[MEASURE_COLOURS.get(m, "#999") for m in table["measure"]])),
        tooltip=[alt.Tooltip("measure_label:N", title=""), alt.Tooltip("per_event:Q", title=value_title, format=",.0f"),
                 alt.Tooltip("published_unit_cost:Q", title=published_title, format=",.0f")])
    ticks = base.mark_tick(color="black", thickness=3, size=20).encode(x="published_unit_cost:Q")
    return alt.layer(bars, ticks).properties(height=height)


def share_donut(table: pd.DataFrame, *, category: str, value: str, category_title: str, value_title: str,
                height: int = 260) -> alt.Chart:
    """Shares of ``value`` by ``category`` as a ring, largest first."""
    return (
        alt.Chart(table)
        .mark_arc(innerRadius=60)
        .encode(
            theta=alt.Theta(f"{value}:Q", stack=True),
            color=alt.Color(f"{category}:N", title=category_title, sort=list(table[category]),
                            scale=alt.Scale(scheme="tableau10"), legend=alt.Legend(orient="right")),
            order=alt.Order(f"{value}:Q", sort="descending"),
            tooltip=[alt.Tooltip(f"{category}:N", title=category_title),
                     alt.Tooltip(f"{value}:Q", title=value_title, format=",.0f"),
                     alt.Tooltip("share:Q", format=".1%")],
        )
        .properties(height=height)
    )


def region_map(
    features: tuple[dict, ...], values: pd.DataFrame, *, key: str, value: str, label: str, value_title: str,
    thousands: str = ",", height: int = 300, classes: list[tuple[str, str]] | None = None,
) -> alt.Chart:
    """Choropleth of ``values[value]`` on GeoJSON ``features`` joined on ``key``; ``label`` names each unit.

    Units without a row are drawn at 0 (light) rather than dropped, so gaps in reach stay visible.
    ``classes`` — (label, colour) per class, with each unit's label in ``values["class"]`` — makes it
    match the interactive map's legend; without them the scale is continuous. The data goes in as a
    plain dict: wrapping it in ``alt.InlineData`` would validate every coordinate (~60 ms).
    """
    rows = values.set_index(key).to_dict("index")
    data = [{"type": "Feature", "geometry": feature["geometry"],
             "properties": {key: unit, value: 0, **rows.get(unit, {})}}
            for feature in features for unit in [feature["properties"][key]]]
    value_field, label_field = f"properties.{value}", f"properties.{label}"
    if classes:
        colour = alt.Color("properties.class:N", title=value_title,
                           scale=alt.Scale(domain=[c[0] for c in classes], range=[c[1] for c in classes]),
                           legend=alt.Legend(orient="bottom", columns=4, symbolType="square", symbolSize=150))
    else:
        colour = alt.Color(f"{value_field}:Q", title=value_title, scale=alt.Scale(scheme=SEQUENTIAL_SCHEME, zero=True),
                           legend=alt.Legend(orient="bottom", gradientLength=220,
                                             labelExpr=f"replace(datum.label, /,/g, '{thousands}')"))
    return (
        alt.Chart({"values": data})
        .mark_geoshape(stroke="white", strokeWidth=1)
        .encode(color=colour, tooltip=[alt.Tooltip(f"{label_field}:N", title=""),
                                       alt.Tooltip(f"{value_field}:Q", title=value_title, format=",.4~r")])
        .project(type="mercator")
        .properties(height=height, width=round(height * 1.9))
    )


def ranking_bars(table: pd.DataFrame, *, value: str, label: str, value_title: str, thousands: str = ",",
                 highlight: str | None = None, height: int | None = None) -> alt.Chart:
    """Horizontal bars of ``value`` per unit, largest first; the selected unit (``highlight``) stands out."""
    data = table[[label, value]].assign(selected=table[label] == highlight)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y(f"{label}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=180)),
            x=alt.X(f"{value}:Q", axis=grouped_axis(value_title, thousands)),
            color=alt.condition("datum.selected", alt.value("#E66101"), alt.value("#2171B5")),
            tooltip=[alt.Tooltip(f"{label}:N", title=""), alt.Tooltip(f"{value}:Q", title=value_title, format=".4~r")],
        )
        .properties(height=alt.Step(22) if height is None else height)
    )


def interval_bars(table: pd.DataFrame, *, label: str, value_title: str, n_title: str,
                  interval_titles: tuple[str, str], height: int | None = None) -> alt.Chart:
    """Shares as bars with their 95 % interval as a rule, and "count / n" written at the bar's end.

    ``table`` columns: ``label``, share, low, high, count, n, text; ``interval_titles`` name low and high.
    """
    base = alt.Chart(table).encode(y=alt.Y(f"{label}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)))
    bars = base.mark_bar(color="#6BAED6").encode(
        x=alt.X("share:Q", axis=alt.Axis(format="%", title=value_title), scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip(f"{label}:N", title=""), alt.Tooltip("share:Q", format=".1%", title=value_title),
                 alt.Tooltip("low:Q", format=".1%", title=interval_titles[0]),
                 alt.Tooltip("high:Q", format=".1%", title=interval_titles[1]),
                 alt.Tooltip("text:N", title=n_title)])
    rules = base.mark_rule(color="#08306B", strokeWidth=1.5).encode(x="low:Q", x2="high:Q")
    labels = base.mark_text(align="left", dx=4, fontSize=11, color="#333").encode(x="high:Q", text="text:N")
    return alt.layer(bars, rules, labels).properties(height=alt.Step(24) if height is None else height)


LIKERT_COLOURS = ["#CA0020", "#F4A582", "#DDDDDD", "#92C5DE", "#0571B0"]  # diverging, colour-blind safe


def diverging_agreement(table: pd.DataFrame, *, statement_title: str, levels: list[str], share_title: str,
                        references: pd.DataFrame | None = None, reference_title: str = "") -> alt.Chart:
    """Agreement 1–5 per statement as bars diverging from the neutral midpoint; the published share
    agreeing (``references``: statement_label, share) as a black tick on the agreeing side.

    ``table`` columns: statement_label, level (1–5), share.
    """
    rows = []
    for statement, part in table.groupby("statement_label", sort=False):
        shares = part.set_index("level")["share"].reindex(range(1, 6), fill_value=0).fillna(0)
        start = -(shares[1] + shares[2] + shares[3] / 2)
        for level in range(1, 6):
            rows.append({"statement_label": statement, "level": levels[level - 1], "order": level,
                         "x": start, "x2": start + shares[level], "share": shares[level]})
            start += shares[level]
    data = pd.DataFrame(rows)
    order = list(dict.fromkeys(table["statement_label"]))
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("statement_label:N", title=statement_title, sort=order, axis=alt.Axis(labelLimit=360)),
        x=alt.X("x:Q", axis=alt.Axis(format="%", title=share_title), scale=alt.Scale(domain=[-1, 1])),
        x2="x2:Q",
        color=alt.Color("level:N", title=None, sort=levels, scale=alt.Scale(domain=levels, range=LIKERT_COLOURS),
                        legend=alt.Legend(orient="bottom", columns=5)),
        order="order:Q",
        tooltip=[alt.Tooltip("statement_label:N", title=""), alt.Tooltip("level:N", title=""),
                 alt.Tooltip("share:Q", format=".1%")],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#555").encode(x="x:Q")
    layers = [bars, zero]
    if references is not None and not references.empty:
        # The agreeing share starts at the neutral midpoint's right half, so the published share is
        # drawn where the agreeing bars would end if they matched it.
        neutral = data[data["order"] == 3].set_index("statement_label")
        marks = references.assign(x=references["statement_label"].map(neutral["x2"]) + references["share"])
        layers.append(alt.Chart(marks).mark_tick(color="black", thickness=3, size=26).encode(
            y=alt.Y("statement_label:N", sort=order), x="x:Q",
            tooltip=[alt.Tooltip("share:Q", format=".0%", title=reference_title)]))
    return alt.layer(*layers).properties(height=alt.Step(44))


def grouped_bars(table: pd.DataFrame, *, x: str, value: str, group: str, x_title: str, value_title: str,
                 group_title: str, value_format: str = ",.1f", height: int = 260) -> alt.Chart:
    """Side-by-side bars of ``value`` per ``x`` and ``group``."""
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:N", title=x_title, axis=alt.Axis(labelAngle=-25, labelLimit=160, labelOverlap=False)),
            xOffset=alt.XOffset(f"{group}:N"),
            y=alt.Y(f"{value}:Q", title=value_title),
            color=alt.Color(f"{group}:N", title=group_title, scale=alt.Scale(scheme="tableau10"),
                            legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip(f"{x}:N", title=x_title), alt.Tooltip(f"{group}:N", title=group_title),
                     alt.Tooltip(f"{value}:Q", title=value_title, format=value_format)],
        )
        .properties(height=height)
    )


def kpi_tiles(tiles: pd.DataFrame, *, width: int = 1100, height: int = 400) -> alt.Chart:
    """Headline numbers as large text: ``value`` over its ``label``, one per ``column``."""
    base = alt.Chart(tiles).encode(x=alt.X("column:O", axis=None))
    values = base.mark_text(fontSize=42, fontWeight="bold", color="#08519C").encode(
        y=alt.value(height * 0.42), text="value:N")
    labels = base.mark_text(fontSize=20, color="#333").encode(y=alt.value(height * 0.62), text="label:N")
    return alt.layer(values, labels).properties(width=width, height=height).configure_view(stroke=None)


def to_image(chart: alt.Chart, fmt: str, title: str, subtitle: str | None = None, title_size: int = 13) -> bytes:
    """PNG (2× scale) or SVG rendered offline by vl-convert, with ``title`` (incl. source) in the image."""
    import vl_convert as vlc

    heading = alt.Title(title, fontSize=title_size, anchor="start",
                        **({"subtitle": subtitle, "subtitleFontSize": max(11, title_size // 2)} if subtitle else {}))
    spec = chart.properties(title=heading).to_dict()
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=2)
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    raise ValueError(f"format must be png or svg, not {fmt!r}")
