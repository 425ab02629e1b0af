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


def trend_bars(
    table: pd.DataFrame, *, x_title: str, y_title: str, colour_title: str, thousands: str = ",", height: int = 260
) -> alt.Chart:
    """Stacked bars of participants per period, coloured by measure.

    ``table`` columns: period, measure (code), measure_label, participants.
    """
    codes = [code for code in MEASURE_COLOURS if code in set(table["measure"])]
    labels = table.drop_duplicates("measure").set_index("measure")["measure_label"]
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("period:O", title=x_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(participants):Q", axis=grouped_axis(y_title, thousands)),
            color=alt.Color(
                "measure_label:N",
                title=colour_title,
                scale=alt.Scale(domain=[labels[c] for c in codes], range=[MEASURE_COLOURS[c] for c in codes]),
                legend=alt.Legend(orient="bottom", columns=3),
            ),
            order=alt.Order("measure:N"),
            tooltip=[
                alt.Tooltip("period:O", title=x_title),
                alt.Tooltip("measure_label:N", title=colour_title),
                alt.Tooltip("participants:Q", title=y_title, format="d"),
            ],
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


def to_image(chart: alt.Chart, fmt: str, title: str) -> bytes:
    """PNG (2× scale) or SVG rendered offline by vl-convert, with ``title`` (incl. source) in the image."""
    import vl_convert as vlc

    spec = chart.properties(title=alt.Title(title, fontSize=13, anchor="start")).to_dict()
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=2)
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    raise ValueError(f"format must be png or svg, not {fmt!r}")
