"""Chart builders: pure functions from small, already aggregated tables to Altair charts.

Labels arrive translated; the builders only decide the visual encoding, so they are tested via
``chart.to_dict()`` without a browser.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

import altair as alt
import pandas as pd

from . import fonts, i18n, palette

MEASURE_COLOURS = palette.MEASURE
SEQUENTIAL_SCHEME = "blues"


@dataclass(frozen=True)
class Theme:
    """Type sizes (px) for one medium: the page at a desk, or the stage read from the back of a hall."""

    label: int
    title: int
    legend: int
    text: int
    label_chars: int  # a longer category label wraps onto a second line
    font: str = ""  # the stage's: the slide's own face, which vl-convert measures and draws (``fonts``)


PAGE = Theme(label=12, title=13, legend=12, text=12, label_chars=30)
STAGE = Theme(label=22, title=24, legend=28, text=28, label_chars=34, font=fonts.CSS)


def themed(chart: alt.Chart, theme: Theme = PAGE) -> alt.Chart:
    """The theme's fonts, sizes and gridlines on a finished chart (the stage's also for PPTX/PDF)."""
    if theme.font:
        chart = _with_config(chart, font=theme.font)
    return (chart.configure_axis(labelFontSize=theme.label, titleFontSize=theme.title, labelColor=palette.TEXT,
                                 titleColor=palette.TEXT, gridColor="#E3E7EC", tickColor="#B8C0C8",
                                 domainColor="#B8C0C8", titleFontWeight="normal")
            .configure_legend(labelFontSize=theme.legend, titleFontSize=theme.legend, labelColor=palette.TEXT,
                              titleColor=palette.TEXT, symbolSize=theme.legend * 12, labelLimit=0, titleLimit=0)
            .configure_text(fontSize=theme.text, color=palette.TEXT)
            .configure_view(stroke=None))


def grouped_axis(title: str, **extra) -> alt.Axis:
    """A quantitative axis with about five ticks; ``localised`` writes its numbers in the page's language."""
    return alt.Axis(title=title, tickCount=5, **extra)


def localised(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """``chart`` with Vega's number locale for ``lang``: separators, %, minus and € in axes, legends,
    tooltips and text marks as the tables write them. Apply to the finished (top-level) chart."""
    return _with_config(chart, locale=i18n.chart_locale(lang))


def _with_config(chart: alt.TopLevelMixin, **settings) -> alt.TopLevelMixin:
    """``chart`` with top-level config ``settings`` added to what it has (``configure`` would replace it)."""
    copy = chart.copy(deep=False)
    config = chart.config.to_dict() if chart.config is not alt.Undefined else {}
    copy.config = alt.Config(**{**config, **settings})
    return copy


def fit_columns(most: int, column_px: int = 180) -> dict:
    """A bottom legend's column count from the drawn plot width (Vega's ``width`` signal): ``most``
    side by side at a desk, one under another on a phone, so no entry runs past the chart's edge."""
    return {"expr": f"max(1, min({most}, floor(width / {column_px})))"}


def wrapped_labels(labels, chars: int) -> str:
    """Vega expression: each of ``labels`` longer than ``chars`` broken into lines at spaces (all of
    it, no "…"); other labels as they are. For legends and axes whose labels are known in advance."""
    lines = {label: _lines(label, chars) for label in dict.fromkeys(labels)
             if isinstance(label, str) and len(label) > chars}
    return f"{json.dumps(lines, ensure_ascii=False)}[datum.label] || datum.label" if lines else "datum.label"


def _lines(label: str, chars: int) -> list[str]:
    """``label`` in lines of about ``chars`` broken at spaces only ("Vairumtirdzniecība" stays whole)."""
    return textwrap.wrap(label, chars, break_long_words=False, break_on_hyphens=False)


LABEL_PX_PER_CHAR = 6.6  # a 12 px label's average character width (Source Sans, as on stage)


def column_labels(labels, columns: int, chars: int, upright_chars: int = 24) -> dict:
    """x-axis settings for ``columns`` category labels, chosen from the drawn plot width (Vega's ``width``
    signal, like ``fit_columns``): level and wrapped into lines of ``chars`` while a column is wide enough
    for its longest line; standing upright, wrapped into lines of ``upright_chars``, when it is not (a
    phone), so neighbouring labels never run into each other."""
    labels = [label for label in dict.fromkeys(labels) if isinstance(label, str)]
    narrow = f"width / {max(columns, 1)} < {_widest_line(labels, chars)}"
    return {"labelAngle": {"expr": f"{narrow} ? -90 : 0"},
            "labelAlign": {"expr": f"{narrow} ? 'right' : 'center'"},
            "labelBaseline": {"expr": f"{narrow} ? 'middle' : 'top'"},
            "labelLimit": 0, "labelOverlap": False,
            "labelExpr": f"{narrow} ? ({wrapped_labels(labels, upright_chars)}) : ({wrapped_labels(labels, chars)})"}


def _widest_line(labels, chars: int) -> int:
    """Pixels a column needs for the longest line of ``labels`` wrapped at ``chars`` (12 px type)."""
    longest = max((len(line) for label in labels if isinstance(label, str) for line in _lines(label, chars)), default=1)
    return round(longest * LABEL_PX_PER_CHAR + 8)


# Height from the plot and its rows, width from the page: Streamlit's default ("fit") squeezes the plot to
# make room for its legend and labels, which on a phone left a stacked chart a few pixels high.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")


def wrap_expr(chars: int) -> str:
    """Vega expression: a label longer than ``chars`` breaks at its last space before ``chars`` onto a
    second line (which the axis' labelLimit shortens with "…"; the full text is in the tooltip)."""
    cut = f"lastindexof(substring(datum.label, 0, {chars}), ' ')"
    return (f"length(datum.label) > {chars} && {cut} > 0 ? [substring(datum.label, 0, {cut}), "
            f"substring(datum.label, {cut} + 1)] : datum.label")


def share_axis(title: str, top: float, **extra) -> tuple[alt.Axis, alt.Scale]:
    """A % axis from 0 to the next 10 % above ``top`` (at most 100 %), with 10 % or 20 % ticks."""
    end = min(1.0, max(0.1, -(-round(top * 100, 6) // 10) / 10))
    step = 0.1 if end <= 0.6 else 0.2
    values = [round(i * step, 2) for i in range(int(round(end / step)) + 1)]
    return alt.Axis(title=title, format="%", values=values, **extra), alt.Scale(domain=[0, end], nice=False)


def coded_colour(table: pd.DataFrame, code: str, label: str, fixed: dict[str, str], title: str | None,
                 legend: alt.Legend | bool = True, rows_order: bool = False) -> alt.Color:
    """Colour the translated ``label`` by the row's ``code``: the same code keeps the same colour in
    every language and chart (the legend lists codes in ``fixed``'s order, then alphabetically; with
    ``rows_order`` in the table's row order, so it reads as a table of the same rows beside the chart)."""
    pairs = (table[[code]].assign(label=table[code]) if code == label else table[[code, label]]
             ).drop_duplicates(code).set_axis([code, "label"], axis=1)
    label_field, label = label, "label"
    known = [c for c in fixed if c in set(pairs[code])]
    codes = sorted(known + sorted(set(map(str, pairs[code])) - set(known)), key=lambda c: c == "~other")
    if rows_order:
        codes = list(dict.fromkeys(map(str, pairs[code])))
    colours = palette.colours_for(codes, fixed)
    labels = pairs.set_index(pairs[code].astype(str))[label]
    return alt.Color(f"{label_field}:N", title=title, sort=[labels[c] for c in codes],
                     scale=alt.Scale(domain=[labels[c] for c in codes], range=[colours[c] for c in codes]),
                     legend=(alt.Legend(orient="bottom", columns=fit_columns(3)) if legend is True else legend) or None)


def _measure_colour(table: pd.DataFrame, title: str, theme: Theme = PAGE) -> alt.Color:
    """Okabe–Ito colour per measure code, labelled with the translated ``measure_label``."""
    return coded_colour(table, "measure", "measure_label", palette.MEASURE, title,
                        alt.Legend(orient="bottom", columns=fit_columns(2) if theme is PAGE else 3))


def _literal(text: str) -> str:
    """A Vega expression string literal (titles may hold quotes)."""
    return json.dumps(text)


MANY_PERIODS = 24  # beyond this, bars per period become unreadable slivers: lines instead


def trend_bars(
    table: pd.DataFrame, *, x_title: str, y_title: str, colour_title: str, height: int = 260,
    value: str = "participants", stacked: bool = True, notes: pd.DataFrame | None = None, theme: Theme = PAGE,
) -> alt.Chart:
    """Bars of ``value`` per period and measure, stacked or side by side; one line per measure when
    there are more than ``MANY_PERIODS`` periods (months), so the grain stays readable.

    ``table`` columns: period (label, in time order), measure (code), measure_label, ``value``.
    ``notes`` (period, total, label) puts a ★ above a period's bar with ``label`` as its tooltip.
    """
    order = list(dict.fromkeys(table["period"]))
    many = len(order) > MANY_PERIODS
    x_axis = alt.Axis(labelAngle=0 if len(order) <= 12 else -45, labelOverlap="greedy")
    encoding = {
        "x": alt.X("period:O", title=x_title, sort=order, axis=x_axis),
        "y": alt.Y(f"sum({value}):Q", axis=grouped_axis(y_title),
                   stack=True if stacked and not many else None),
        "color": _measure_colour(table, colour_title, theme),
        "order": alt.Order("measure:N"),
        "tooltip": [alt.Tooltip("period:O", title=x_title), alt.Tooltip("measure_label:N", title=colour_title),
                    alt.Tooltip(f"{value}:Q", title=y_title, format=",.4~r")],
    }
    if many:
        encoding.pop("order")
        lines = alt.Chart(table).mark_line(strokeWidth=2, point=alt.OverlayMarkDef(size=18)).encode(**encoding)
        return lines.properties(height=height)
    if not stacked:
        encoding["xOffset"] = alt.XOffset("measure_label:N")
    bars = alt.Chart(table).mark_bar().encode(**encoding).properties(height=height)
    if len(order) <= 2:  # one or two periods across the full width: narrow bars, not a wall of colour
        bars = bars.properties(width=alt.Step(90))
    if notes is None or notes.empty:
        return bars
    labels = alt.Chart(notes).mark_text(dy=-9, fontSize=15, color=palette.SERIES["flagged"], text="★").encode(
        x=alt.X("period:O", sort=order), y=alt.Y("total:Q"), tooltip=alt.Tooltip("label:N", title=""))
    return alt.layer(bars, labels)


def line_with_average(table: pd.DataFrame, *, x_title: str, y_title: str, average_title: str,
                      height: int = 260) -> alt.Chart:
    """Monthly totals as thin bars with their moving average as a line (``period``, ``value``, ``average``);
    the legend names both."""
    order = list(table["period"])
    base = alt.Chart(table).encode(x=alt.X("period:O", title=x_title, sort=order,
                                           axis=alt.Axis(labelAngle=-45, labelOverlap="greedy")))
    series = alt.Color("series:N", title=None, scale=alt.Scale(domain=[y_title, average_title],
                                                               range=["#9ECAE1", "#08519C"]),
                       legend=alt.Legend(orient="bottom"))
    bars = base.mark_bar().transform_calculate(series=_literal(y_title)).encode(
        y=alt.Y("value:Q", axis=grouped_axis(y_title)), color=series,
        tooltip=[alt.Tooltip("period:O", title=x_title), alt.Tooltip("value:Q", title=y_title, format=",d")])
    line = base.mark_line(strokeWidth=2.5).transform_calculate(series=_literal(average_title)).encode(
        y="average:Q", color=series, tooltip=[alt.Tooltip("average:Q", title=average_title, format=",.1f")])
    return alt.layer(bars, line).properties(height=height)


def stacked_share(table: pd.DataFrame, *, x: str, value: str, group: str, x_title: str, y_title: str,
                  group_title: str, normalise: bool = False, height: int = 260,
                  code: str | None = None, colours: dict[str, str] | None = None, top: int = 0,
                  other_label: str = "", value_title: str | None = None,
                  legend_labels: dict[str, str] | None = None) -> alt.Chart:
    """Stacked bars of ``value`` per ``x`` split by ``group`` (as shares of each bar when ``normalise``).

    ``value_title`` names the count in the tooltip (default ``y_title``; a share axis needs its own).

    Colours follow the ``code`` column (default: ``group``) through ``colours`` (code → colour), so a
    group keeps its colour in both languages. With ``top``, groups beyond the ``top`` largest are
    summed into ``other_label`` (nothing dropped), so a legend stays short. ``legend_labels`` (label →
    short name) names the groups in the legend only; tooltips and the data table keep the full label.
    """
    order = list(dict.fromkeys(table[x]))
    code = code or group
    if top and table[code].nunique() > top:
        largest = set(table.groupby(code)[value].sum().nlargest(top).index)
        rest = ~table[code].isin(largest)
        table = table.assign(**{code: table[code].where(~rest, "~other"),
                                group: table[group].where(~rest, other_label)})
        table = table.groupby([x, code, group], as_index=False, sort=False)[value].sum()
    many = len(order) > MANY_PERIODS
    axis = (alt.Axis(title=y_title, format="%", values=[0, 0.25, 0.5, 0.75, 1]) if normalise
            else grouped_axis(y_title))
    names = (f"{json.dumps(legend_labels, ensure_ascii=False)}[datum.label] || datum.label" if legend_labels
             else wrapped_labels(table[group], 26))
    colour = coded_colour(table, code, group, {**(colours or {}), "~other": "#999999"}, group_title,
                          alt.Legend(orient="bottom", columns=fit_columns(3), labelLimit=0, labelExpr=names))
    return (
        alt.Chart(table)
        .mark_bar(**({"binSpacing": 0} if many else {}))
        .encode(
            x=alt.X(f"{x}:O", title=x_title, sort=order,
                    axis=alt.Axis(labelAngle=0 if len(order) <= 12 else -45, labelOverlap="greedy")),
            y=alt.Y(f"sum({value}):Q", stack="normalize" if normalise else True, axis=axis),
            color=colour,
            tooltip=[alt.Tooltip(f"{x}:O", title=x_title), alt.Tooltip(f"{group}:N", title=group_title),
                     alt.Tooltip(f"{value}:Q", title=value_title or y_title, format=",d")],
        )
        .properties(height=height, autosize=FIT_WIDTH)
    )


def heatmap(table: pd.DataFrame, *, x: str, y: str, value: str, text: str, x_title: str, y_title: str,
            value_title: str, cell_text: str | None = None, value_format: str | None = None,
            x_chars: int | None = None) -> alt.Chart:
    """A grid of ``value`` per (``x``, ``y``); each cell shows ``cell_text`` (default: the value) and
    ``text`` in its tooltip. Cells whose value is empty are left blank. ``value_format`` (d3, e.g. "%"
    for shares) formats the colour legend.

    Labels are never cut and never collide: row labels wrap in full and each row is as tall as its
    longest label; column labels wrap level, or stand upright when the drawn width leaves a column
    too narrow (``column_labels``)."""
    columns = max(table[x].nunique(), 1)
    y_lines = max((len(_lines(label, PAGE.label_chars)) for label in table[y].astype(str)), default=1)
    chars = x_chars or max(10, 110 // columns)
    x_axis = alt.Axis(**column_labels(table[x], columns, chars))
    base = alt.Chart(table).encode(x=alt.X(f"{x}:N", title=x_title, axis=x_axis),
                                   y=alt.Y(f"{y}:N", title=y_title,
                                           axis=alt.Axis(labelLimit=0, labelOverlap=False,
                                                         labelExpr=wrapped_labels(table[y], PAGE.label_chars))))
    # below the grid, not beside it: on a phone the grid keeps the legend's width for its columns
    legend = alt.Legend(orient="bottom", gradientLength=200, titleLimit=0,
                        **({"format": value_format} if value_format else {}))
    cells = base.mark_rect().encode(color=alt.Color(f"{value}:Q", title=value_title, legend=legend,
                                                    scale=alt.Scale(scheme=SEQUENTIAL_SCHEME)),
                                    tooltip=[alt.Tooltip(f"{y}:N", title=y_title), alt.Tooltip(f"{x}:N", title=x_title),
                                             alt.Tooltip(f"{text}:N", title=value_title)])
    labels = base.mark_text(fontSize={"expr": f"width / {columns} < 44 ? 10 : 12"}).encode(
        text=f"{cell_text}:N" if cell_text else f"{value}:Q",
        color=alt.condition(f"datum.{value} > {float(table[value].max()) / 2 if len(table) else 0}",
                            alt.value("white"), alt.value("#222")))
    # the page stretches the grid to its width; a downloaded image (no page) gets room for level labels
    return alt.layer(cells, labels).properties(width=alt.Step(max(60, _widest_line(table[x], chars) + 12)),
                                               height=alt.Step(max(30, 15 * y_lines + 8)), autosize=FIT_WIDTH)


def ranked_by_group(table: pd.DataFrame, *, group: str, label: str, value: str, text: str, group_order: list[str],
                    value_title: str, label_title: str, group_title: str, chars: int = 44) -> alt.Chart:
    """A ranked list per ``group``: the group as a bold heading, then each ``label`` with its bar and
    ``text`` under it, largest first. The heatmap's (``label`` × ``group``) content in a form a phone's
    width holds: names get the full width (wrapped at ``chars``) instead of a column narrower than a
    number. Bars share one scale; a row with an empty ``value`` (hidden in the public view) shows only
    its ``text``."""
    rows = []
    for name in group_order:
        part = table[table[group] == name].sort_values(value, ascending=False, na_position="last")
        rows.append({"key": name, "kind": "heading", "lines": _lines(name, chars), group: name})
        rows += [{"key": f"{name}\u241f{row[label]}", "kind": "row", "lines": _lines(row[label], chars),
                  group: name, label: row[label], value: row[value], text: row[text],
                  "end": 0.0 if pd.isna(row[value]) else row[value]} for _, row in part.iterrows()]
    most = max([len(row["lines"]) for row in rows] or [1])
    # line 0 is a name's last line, just above its bar; the gap above a name parts it from the row before
    data = pd.DataFrame([{**{k: v for k, v in row.items() if k != "lines"},
                          **{f"line{i}": (row["lines"][::-1] + [""] * most)[i] for i in range(most)}} for row in rows])
    step = 15 * most + 22
    top = float(table[value].max()) if table[value].notna().any() else 1.0
    base = alt.Chart(data)
    row, heading = base.transform_filter("datum.kind === 'row'"), base.transform_filter("datum.kind === 'heading'")
    names = [part.mark_text(align="left", baseline="bottom", dy=step / 2 - 17 - 15 * i, **style).encode(
                 x=alt.value(0), text=f"line{i}:N")
             for i in range(most)
             for part, style in ((heading, {"fontSize": 13, "fontWeight": "bold", "color": palette.TEXT}),
                                 (row, {"fontSize": 12, "color": palette.TEXT}))]
    bars = row.mark_bar(color=palette.SERIES["recorded"], height=10, yOffset=step / 2 - 9).encode(
        x=alt.X(f"{value}:Q", axis=None, scale=alt.Scale(domain=[0, top * 1.25], nice=False)),
        tooltip=[alt.Tooltip(f"{group}:N", title=group_title), alt.Tooltip(f"{label}:N", title=label_title),
                 alt.Tooltip(f"{text}:N", title=value_title)])
    ends = row.mark_text(align="left", baseline="middle", dx=4, dy=step / 2 - 9, color=palette.TEXT).encode(
        x="end:Q", text=f"{text}:N")
    # the row order once for every layer (each layer had its own copy: 3 KB a layer on the Barriers page)
    return alt.layer(*names, bars, ends).encode(y=alt.Y("key:N", sort=list(data["key"]), axis=None)).properties(
        height=alt.Step(step), autosize=FIT_WIDTH)


def published_vs_recorded(table: pd.DataFrame, *, value_title: str, published_title: str, recorded_title: str,
                          height: int = 240, theme: Theme = PAGE) -> alt.Chart:
    """Recorded bars per published result (``label``) with the published figure as a black tick; the
    legend names both marks. On a page ``height`` is the plot's own (Streamlit's default "fit" had squeezed
    six bars into about 100 px to make room for the axis and legend); a slide keeps the stage's sizing."""
    order = list(table["label"])
    series = alt.Color("series:N", title=None, scale=alt.Scale(
        domain=[recorded_title, published_title], range=[palette.SERIES["recorded"], palette.SERIES["published"]]),
        legend=alt.Legend(orient="bottom", symbolType="square"))
    base = alt.Chart(table).encode(y=alt.Y("label:N", title=None, sort=order,
                                           axis=alt.Axis(labelLimit=theme.label * 22, labelOverlap=False)))
    tooltip = [alt.Tooltip("label:N", title=""), alt.Tooltip("recorded:Q", title=recorded_title, format=",d"),
               alt.Tooltip("published:Q", title=published_title, format=",d")]
    bars = base.mark_bar().transform_calculate(series=_literal(recorded_title)).encode(
        x=alt.X("recorded:Q", axis=grouped_axis(value_title)), color=series, tooltip=tooltip)
    # opacity 1: Vega-Lite's default 0.7 for ticks also faded the bars' swatch in the shared legend
    ticks = base.mark_tick(thickness=3, size=theme.label * 1.5, opacity=1).transform_calculate(
        series=_literal(published_title)).encode(x="published:Q", color=series, tooltip=tooltip)
    return alt.layer(bars, ticks).properties(height=height, **({"autosize": FIT_WIDTH} if theme is PAGE else {}))


def planned_actual_bars(table: pd.DataFrame, *, category: str, category_title: str, value_title: str,
                        planned_title: str, actual_title: str, flagged_title: str = "",
                        theme: Theme = PAGE) -> alt.Chart:
    """Planned (light) and actual (dark; orange when flagged) side by side per ``category``, with a
    legend naming all three. A flagged bar also ends in a bold "!" (named in the legend), so colour is
    not the only sign; "!" is in every font, where "⚠" fell back to another one."""
    flagged_title = flagged_title or f"{actual_title} (!)"
    long = pd.concat([
        table[[category, "flagged"]].assign(kind=planned_title, eur=table["planned_eur"], colour=planned_title),
        table[[category, "flagged"]].assign(kind=actual_title, eur=table["actual_eur"],
                                            colour=table["flagged"].map({True: flagged_title, False: actual_title})),
    ], ignore_index=True)
    kinds = [planned_title, actual_title, flagged_title]
    base = alt.Chart(long).encode(
        y=alt.Y(f"{category}:N", title=category_title or None, sort=list(table[category]),
                axis=alt.Axis(labelLimit=0, labelExpr=wrapped_labels(table[category], theme.label_chars))),
        yOffset=alt.YOffset("kind:N", sort=[planned_title, actual_title]),
        x=alt.X("eur:Q", axis=grouped_axis(value_title)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("colour:N", title=None, sort=kinds, scale=alt.Scale(
            domain=kinds, range=[palette.SERIES["planned"], palette.SERIES["actual"], palette.SERIES["flagged"]]),
            legend=alt.Legend(orient="bottom", symbolType="square", labelLimit=0, columns=fit_columns(3))),
        tooltip=[alt.Tooltip(f"{category}:N", title=category_title), alt.Tooltip("kind:N", title=""),
                 alt.Tooltip("eur:Q", title=value_title, format=",.0f")],
    )
    marks = base.mark_text(text="!", align="left", dx=4, fontWeight="bold", fontSize=theme.text + 2,
                           color=palette.TEXT).transform_filter(f"datum.colour === {_literal(flagged_title)}")
    return alt.layer(bars, marks).properties(height=alt.Step(18 if theme is PAGE else 30))  # room for 3 lines


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
            x=alt.X("date:T", title=date_title or None),
            y=alt.Y("pct:Q", axis=alt.Axis(format="%", title=None, tickCount=5)),
            color=alt.Color("series:N", title=None, sort=series,
                            legend=alt.Legend(orient="bottom", labelLimit=0, columns=fit_columns(3, 220)),
                            scale=alt.Scale(domain=series, range=["#2171B5", "#666666", "#D55E00"][: len(series)])),
            strokeDash=alt.StrokeDash("series:N", sort=series, legend=None,
                                      scale=alt.Scale(domain=series, range=[[1, 0], [4, 3], [8, 4]][: len(series)])),
            tooltip=[alt.Tooltip("date:T", title=date_title), alt.Tooltip("series:N", title=""),
                     alt.Tooltip("pct:Q", format=".1%")],
        )
        .properties(height=height)
    )


def unit_cost_bars(table: pd.DataFrame, *, value_title: str, published_title: str,
                   height: int = 300) -> alt.Chart:
    """Recorded average cost per event per measure, largest first, with the published unit cost as a
    black tick (named in the legend). The order is a list: Vega drops ``sort="-x"`` across layers."""
    order = list(table.sort_values("per_event", ascending=False, na_position="last")["measure_label"])
    base = alt.Chart(table).encode(y=alt.Y("measure_label:N", title=None, sort=order,
                                           axis=alt.Axis(labelOverlap=False, labelLimit=200)))
    tooltip = [alt.Tooltip("measure_label:N", title=""), alt.Tooltip("per_event:Q", title=value_title, format=",.0f"),
               alt.Tooltip("published_unit_cost:Q", title=published_title, format=",.0f")]
    bars = base.mark_bar().encode(
        x=alt.X("per_event:Q", axis=grouped_axis(value_title)),
        color=coded_colour(table, "measure", "measure_label", palette.MEASURE, None, legend=False),
        tooltip=tooltip)
    ticks = base.mark_tick(thickness=3, size=20, opacity=1).transform_calculate(mark=_literal(published_title)).encode(
        x="published_unit_cost:Q", tooltip=tooltip,
        stroke=alt.Stroke("mark:N", title=None, scale=alt.Scale(range=[palette.SERIES["published"]]),
                          legend=alt.Legend(orient="bottom", symbolType="stroke", symbolStrokeWidth=3, labelLimit=0)))
    return alt.layer(bars, ticks).resolve_scale(color="independent").properties(height=height)


def share_donut(table: pd.DataFrame, *, category: str, value: str, category_title: str, value_title: str,
                code: str | None = None, height: int = 340) -> alt.Chart:
    """Shares of ``value`` by ``category`` as a ring, largest first; colours fixed per ``code`` (the column of
    codes behind a translated ``category``, so each language gives a source the same colour). The legend lists
    the categories in ``table``'s row order (the page's table beside the ring; alphabetical it read in another
    order than the table, and another in each language). The hole is
    half the ring's radius, which follows the plot's size: a fixed 60 px hole in a plot the legend had squeezed
    to 122 px left a 1 px ring (an empty-looking chart), and nothing at all on a phone."""
    return (
        alt.Chart(table)
        .mark_arc(innerRadius=alt.ExprRef("min(width, height) / 4"), stroke="white")
        .encode(
            theta=alt.Theta(f"{value}:Q", stack=True),
            color=coded_colour(table, code or category, category, {}, category_title,
                               alt.Legend(orient="bottom", labelLimit=0, columns=fit_columns(2, 220),
                                          labelExpr=wrapped_labels(table[category], 28)), rows_order=True),
            order=alt.Order(f"{value}:Q", sort="descending"),
            tooltip=[alt.Tooltip(f"{category}:N", title=category_title),
                     alt.Tooltip(f"{value}:Q", title=value_title, format=",.0f"),
                     alt.Tooltip("share:Q", format=".1%")],
        )
        .properties(height=height)
    )


def region_map(
    features: tuple[dict, ...], values: pd.DataFrame, *, key: str, value: str, label: str, value_title: str,
    height: int = 300, classes: list[tuple[str, str]] | None = None, rule: str = "", names_size: int = 0,
) -> alt.Chart | alt.LayerChart:
    """Choropleth of ``values[value]`` on GeoJSON ``features`` joined on ``key``; ``label`` names each unit.

    Units without a row are drawn at 0 (light) rather than dropped, so gaps in reach stay visible.
    ``values[value]`` may be text already formatted for the page (the tooltip shows it as it is).
    ``classes`` — (label, colour) per class, with each unit's label in ``values["class"]`` — makes it
    match the interactive map's legend; without them the scale is continuous. The data goes in as a
    plain dict: wrapping it in ``alt.InlineData`` would validate every coordinate (~60 ms).
    ``names_size`` > 0 writes each unit's ``label`` on it in bold at that size, with a white halo so it
    reads on the darkest class too (the stage: the hall cannot hover for a tooltip).
    """
    rows = values.set_index(key).to_dict("index")
    data = [{"type": "Feature", "geometry": feature["geometry"],
             "properties": {key: unit, value: 0, **rows.get(unit, {})}}
            for feature in features for unit in [feature["properties"][key]]]
    value_field, label_field = f"properties.{value}", f"properties.{label}"
    # a text column (already formatted, small counts hidden) is shown as it is
    value_tooltip = (alt.Tooltip(f"{value_field}:Q", title=value_title, format=",.4~r")
                     if pd.api.types.is_numeric_dtype(values[value])
                     else alt.Tooltip(f"{value_field}:N", title=value_title))
    if classes:
        colour = alt.Color("properties.class:N", title=f"{value_title} ({rule})" if rule else value_title,
                           scale=alt.Scale(domain=[c[0] for c in classes], range=[c[1] for c in classes]),
                           legend=alt.Legend(orient="bottom", columns=fit_columns(3), symbolType="square",
                                             symbolSize=150, symbolStrokeColor="#999", symbolStrokeWidth=1,
                                             titleLimit=0))
    else:
        colour = alt.Color(f"{value_field}:Q", title=value_title, scale=alt.Scale(scheme=SEQUENTIAL_SCHEME, zero=True),
                           legend=alt.Legend(orient="bottom", gradientLength=220))
    shapes = (alt.Chart({"values": data})
              .mark_geoshape(stroke="white", strokeWidth=1)
              .encode(color=colour, tooltip=[alt.Tooltip(f"{label_field}:N", title=""), value_tooltip]))
    if names_size:
        shapes = alt.layer(shapes, *_unit_names(features, values, key, label, names_size))
    return shapes.project(type="mercator").properties(height=height, width=round(height * 1.9))


def _unit_names(features: tuple[dict, ...], values: pd.DataFrame, key: str, label: str, size: int) -> list[alt.Chart]:
    """Each unit's name at a point inside it (not the centroid, which a bent region can lie outside of):
    a white outline under dark text."""
    from shapely.geometry import shape

    names = values.set_index(key)[label].to_dict()
    points = [{"name": names.get(unit, unit), "lon": point.x, "lat": point.y}
              for feature in features for unit in [feature["properties"][key]]
              for point in [shape(feature["geometry"]).representative_point()]]
    text = alt.Chart(pd.DataFrame(points)).encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
    style = {"fontSize": size, "fontWeight": "bold", "align": "center", "baseline": "middle"}
    return [text.mark_text(**style, stroke="white", strokeWidth=size / 5, strokeJoin="round"),
            text.mark_text(**style, color=palette.TEXT)]


def ranking_bars(table: pd.DataFrame, *, value: str, label: str, value_title: str,
                 highlight: str | None = None, height: int | None = None) -> alt.Chart:
    """Horizontal bars of ``value`` per unit, largest first; the selected unit (``highlight``) stands out
    in colour and in bold, so colour is not the only sign."""
    data = table[[label, value]].assign(selected=table[label] == highlight)
    order = list(data.sort_values(value, ascending=False, na_position="last")[label])
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y(f"{label}:N", sort=order, title=None, axis=alt.Axis(labelLimit=180, labelFontWeight={
                "expr": f"datum.label === {_literal(highlight or '')} ? 'bold' : 'normal'"})),
            x=alt.X(f"{value}:Q", axis=grouped_axis(value_title)),
            color=alt.condition("datum.selected", alt.value(palette.SERIES["selected"]),
                                alt.value(palette.SERIES["unselected"])),
            tooltip=[alt.Tooltip(f"{label}:N", title=""), alt.Tooltip(f"{value}:Q", title=value_title, format=".4~r")],
        )
        .properties(height=alt.Step(22) if height is None else height)
    )


def interval_bars(table: pd.DataFrame, *, label: str, value_title: str, n_title: str,
                  interval_titles: tuple[str, str], height: int | None = None, theme: Theme = PAGE) -> alt.Chart:
    """Shares as bars, largest first, with their 95 % interval as a rule and "count / n" written at the
    bar's end; the % axis ends at the next 10 % above the highest interval. Long labels wrap.

    ``table`` columns: ``label``, share, low, high, count, n, text; ``interval_titles`` name low and high.
    """
    order = list(table.sort_values("share", ascending=False)[label])
    # The "count / n" after the highest interval needs room inside the axis: a rendered stage chart (fixed
    # size, 28 px text) cut it at its edge; the page's chart grows to hold it.
    room = 1.0 if theme is PAGE else 1.25
    axis, scale = share_axis(value_title, float(table["high"].max()) * room if len(table) else 1.0)
    base = alt.Chart(table).encode(y=alt.Y(f"{label}:N", sort=order, title=None, axis=alt.Axis(
        labelLimit=theme.label * 17, labelExpr=wrap_expr(theme.label_chars))))
    bars = base.mark_bar(color=palette.SERIES["recorded"]).encode(
        x=alt.X("share:Q", axis=axis, scale=scale),
        tooltip=[alt.Tooltip(f"{label}:N", title=""), alt.Tooltip("share:Q", format=".1%", title=value_title),
                 alt.Tooltip("low:Q", format=".1%", title=interval_titles[0]),
                 alt.Tooltip("high:Q", format=".1%", title=interval_titles[1]),
                 alt.Tooltip("text:N", title=n_title)])
    rules = base.mark_rule(color="#08306B", strokeWidth=1.5 if theme is PAGE else 3).encode(x="low:Q", x2="high:Q")
    labels = base.mark_text(align="left", dx=4, fontSize=theme.text - (1 if theme is PAGE else 0),
                            color=palette.MUTED_TEXT).encode(x="high:Q", text="text:N")
    step = 34 if theme is PAGE else 70  # two-line labels need the room, or Vega hides every other one
    return alt.layer(bars, rules, labels).properties(height=alt.Step(step) if height is None else height)


LIKERT_COLOURS = ["#CA0020", "#F4A582", "#DDDDDD", "#92C5DE", "#0571B0"]  # diverging, colour-blind safe


def diverging_agreement(table: pd.DataFrame, *, statement_title: str, levels: list[str], share_title: str,
                        references: pd.DataFrame | None = None, reference_title: str = "") -> alt.Chart:
    """Agreement 1–5 per statement as bars diverging from the neutral midpoint; the published share
    agreeing (``references``: statement_label, share) as a black tick on the agreeing side.

    The axis reaches on each side of 0 only as far as bars or ticks do, to the next 25 %: a fixed ±100 %
    left the disagreeing half mostly empty. One legend holds the answers and the tick (a second legend
    for the tick alone stood above the chart, the answers' below it).

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
    marks = None
    if references is not None and not references.empty:
        # The agreeing share starts at the neutral midpoint's right half, so the published share is
        # drawn where the agreeing bars would end if they matched it.
        neutral = data[data["order"] == 3].set_index("statement_label")
        marks = references.assign(x=references["statement_label"].map(neutral["x2"]) + references["share"],
                                  level=reference_title)
    reach = pd.concat([data["x"], data["x2"], marks["x"] if marks is not None else pd.Series(dtype=float)])
    left, right = (_quarter(-reach.min()), _quarter(reach.max())) if len(reach) else (1.0, 1.0)
    keys = levels + ([reference_title] if marks is not None else [])
    colours = LIKERT_COLOURS + ([palette.SERIES["published"]] if marks is not None else [])
    # the tick's entry a narrow upright bar, as it is drawn; the answers' entries squares
    shape = {"expr": f"datum.value === {_literal(reference_title)} ? 'M-0.25,-1H0.25V1H-0.25Z' : 'square'"}
    colour = alt.Color("level:N", title=None, sort=keys, scale=alt.Scale(domain=keys, range=colours),
                       legend=alt.Legend(orient="bottom", columns=fit_columns(len(keys), 120), symbolType=shape))
    ticks = [round(-left + i * 0.25, 2) for i in range(int(round((left + right) / 0.25)) + 1)]
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("statement_label:N", title=statement_title or None, sort=order,
                axis=alt.Axis(labelLimit=360, labelExpr=wrap_expr(40))),
        x=alt.X("x:Q", axis=alt.Axis(format="%", title=share_title, values=ticks, labelOverlap="parity",
                                     labelExpr="replace(replace(datum.label, '-', ''), '\u2212', '')"),
                scale=alt.Scale(domain=[-left, right], nice=False, zero=False)),
        x2="x2:Q",
        color=colour,
        order="order:Q",
        tooltip=[alt.Tooltip("statement_label:N", title=""), alt.Tooltip("level:N", title=""),
                 alt.Tooltip("share:Q", format=".1%", title=share_title)],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#555").encode(x="x:Q")
    layers = [bars, zero]
    if marks is not None:
        layers.append(alt.Chart(marks).mark_tick(thickness=3, size=26, opacity=1).encode(
            y=alt.Y("statement_label:N", sort=order), x="x:Q", color=colour,
            tooltip=[alt.Tooltip("share:Q", format=".0%", title=reference_title)]))
    return alt.layer(*layers).properties(height=alt.Step(44))


def _quarter(reach: float) -> float:
    """``reach`` (a share, 0–1) up to the next 25 %, at least 25 %, at most 100 %."""
    return min(1.0, max(0.25, -(-round(reach * 100, 6) // 25) / 4))


def grouped_bars(table: pd.DataFrame, *, x: str, value: str, group: str, x_title: str, value_title: str,
                 group_title: str, value_format: str = ",.1f", height: int = 260, code: str | None = None,
                 colours: dict[str, str] | None = None) -> alt.Chart:
    """Side-by-side bars of ``value`` per ``x`` and ``group``; colours fixed per ``code`` (default the
    group), and the bars in each column in ``colours``' order (baseline before follow-up); a ``%``
    ``value_format`` gives a % axis. Long category labels wrap, or stand upright where the drawn width
    leaves them too little room."""
    percent = value_format.endswith("%")
    axis = (share_axis(value_title, float(table[value].max()) if len(table) else 1.0) if percent
            else (alt.Axis(title=value_title, tickCount=5), alt.Scale()))
    colour = coded_colour(table, code or group, group, colours or {}, group_title or None, alt.Legend(orient="bottom"))
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:N", title=x_title or None,
                    axis=alt.Axis(**column_labels(table[x], table[x].nunique(), 16))),
            xOffset=alt.XOffset(f"{group}:N", sort=colour.to_dict()["sort"]),
            y=alt.Y(f"{value}:Q", axis=axis[0], scale=axis[1]),
            color=colour,
            tooltip=[alt.Tooltip(f"{x}:N", title=x_title), alt.Tooltip(f"{group}:N", title=group_title),
                     alt.Tooltip(f"{value}:Q", title=value_title, format=value_format)],
        )
        .properties(height=height, autosize=FIT_WIDTH)
    )


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
