"""Conference slides: one message each, built from the same aggregates and chart builders as the pages.

A slide is a title, one chart, its key numbers (for the stage and the speaker notes), the source line
and the page a listener can open for the same view. Builders are pure, so the Present page, the PPTX
and the PDF show the same thing.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from urllib.parse import quote

import altair as alt
import pandas as pd

from . import budget, charts, geography, i18n, maps, metrics, regions, survey

SLIDES = ("kpis", "map", "attendance", "budget", "barriers", "published")
PAGE_OF = {"kpis": "", "map": "regions", "attendance": "attendance", "budget": "budget", "barriers": "barriers",
           "published": "attendance"}


@dataclass
class Slide:
    key: str
    title: str
    chart: alt.Chart | None  # None: the key numbers are the slide
    numbers: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""
    provenances: tuple[str, ...] = ()  # what its figures come from ("demo", "recorded"): its source line says so

    def speaker_notes(self) -> str:
        lines = [self.title, *(f"{label}: {value}" for label, value in self.numbers)]
        return "\n".join([*lines, self.note] if self.note else lines)


def build(key: str, frames: dict[str, pd.DataFrame], filters: metrics.Filters, lang: str, public: bool) -> Slide:
    """The slide ``key`` for the filtered data, in ``lang``; small counts hidden when ``public``."""
    events = metrics.filter_events(frames["events"], filters)
    slide = _BUILDERS[key](events, frames, filters, lang, public)
    slide.provenances = slide.provenances or tuple(sorted(set(events["provenance"])))
    if slide.chart is not None:
        slide.chart = charts.localised(slide.chart, lang)
    return slide


def _count(value: float, lang: str, public: bool) -> str:
    return regions.suppress(value, "organisations", public) or i18n.fmt_int(value, lang)


def _kpis(events, frames, filters, lang, public) -> Slide:
    figures = metrics.kpis(events, frames["participations"], frames["budget"], frames["expenditures"], filters)
    numbers = [
        (i18n.t("kpi_events", lang), i18n.fmt_int(figures["events"], lang)),
        (i18n.t("kpi_participants", lang), i18n.fmt_int(figures["participants"], lang)),
        (i18n.t("kpi_organisations", lang), _count(figures["organisations_reached"], lang, public)),
        (i18n.t("kpi_municipalities", lang), i18n.t("kpi_municipalities_value", lang,
                                                     reached=figures["municipalities_reached"],
                                                     total=figures["municipalities_total"])),
        (i18n.t("kpi_spend", lang), i18n.fmt_eur(figures["spend_eur"], lang)),
    ]
    return Slide("kpis", i18n.t("slide_kpis", lang), None, numbers)


def _map(events, frames, filters, lang, public) -> Slide:
    table = regions.unit_metrics(events, frames["participations"], frames["expenditures"], "planning_region")
    on_map = table[table["unit"] != geography.ONLINE].copy()
    online = int(table.loc[table["unit"] == geography.ONLINE, "participants"].sum())
    classes = maps.classify(on_map["participants"], len(on_map))
    fmt = functools.partial(i18n.fmt_int, lang=lang)
    on_map["name"] = on_map["unit"].map(lambda r: i18n.region_label(r, lang))
    on_map["class"] = on_map["participants"].map(lambda v: classes.label(v, fmt))
    chart = charts.region_map(geography.boundary_features("planning_region"),
                              on_map[["planning_region", "name", "participants", "class"]], key="planning_region",
                              value="participants", label="name", value_title=i18n.t("participants", lang),
                              classes=classes.legend(fmt), rule=i18n.t("map_rule", lang),
                              names_size=charts.STAGE.text)
    top = on_map.sort_values("participants", ascending=False)
    numbers = [(row.name, i18n.fmt_int(row.participants, lang)) for row in top.itertuples()]
    # the largest two, then online (not on the map, so the stage must say it), then the rest
    numbers.insert(min(2, len(numbers)), (i18n.t("online_participants", lang), i18n.fmt_int(online, lang)))
    return Slide("map", i18n.t("slide_map", lang), chart, numbers)


def _attendance(events, frames, filters, lang, public) -> Slide:
    trend = metrics.trend(events, "year").rename(columns={"event_type": "measure"})
    trend["measure_label"] = trend["measure"].map(lambda m: i18n.measure_label(m, lang))
    chart = charts.trend_bars(trend, x_title=i18n.t("year", lang), y_title=i18n.t("participants", lang),
                              colour_title=i18n.t("measure", lang), theme=charts.STAGE)
    yearly = trend.groupby("period")["participants"].sum()
    numbers = [(i18n.t("participants_in_year", lang, year=year), i18n.fmt_int(value, lang))
               for year, value in yearly.tail(3).iloc[::-1].items()]
    return Slide("attendance", i18n.t("slide_attendance", lang), chart, numbers)


def _budget(events, frames, filters, lang, public) -> Slide:
    scope = metrics.Filters(filters.date_from, filters.date_to, filters.measures)
    ledger = budget.in_period(budget.ledger(frames["events"], frames["expenditures"], frames["budget"]), scope)
    table = budget.planned_vs_actual(budget.in_period(frames["budget"], scope), ledger, ["funding_source"], 0.10)
    funders = budget.funder_names(frames["budget"], frames["expenditures"])  # as the Budget page names them
    labels = table["funding_source"].map(lambda code: budget.funding_label(code, funders, lang))
    chart = charts.planned_actual_bars(table.assign(label=labels), category="label",
                                       category_title="", value_title=i18n.t("amount_eur", lang),
                                       planned_title=i18n.t("planned", lang),
                                       actual_title=i18n.t("actual", lang),
                                       flagged_title=f"{i18n.t('actual', lang)}: {i18n.t('flagged', lang).lower()} (!)",
                                       theme=charts.STAGE)
    figures = metrics.kpis(events, frames["participations"], frames["budget"], frames["expenditures"], filters)
    per_participant = figures["cost_per_participant"]
    numbers = [
        (i18n.t("planned", lang), i18n.fmt_eur(table["planned_eur"].sum(), lang)),
        (i18n.t("actual", lang), i18n.fmt_eur(table["actual_eur"].sum(), lang)),
        (i18n.t("kpi_cost_per_participant", lang),
         "—" if per_participant is None else i18n.fmt_cost_per_participant(per_participant, lang)),
    ]
    note = i18n.t("uncosted_note", lang, n=figures["uncosted_events"])
    spent = frames["expenditures"]
    shown = (metrics.filter_events(frames["events"], scope), budget.in_period(frames["budget"], scope),
             budget.in_period(spent.assign(year=spent["date"].dt.year), scope))  # whose rows the figures sum
    provenances = tuple(sorted(set().union(*(rows["provenance"] for rows in shown))))
    return Slide("budget", i18n.t("slide_budget", lang), chart, numbers, note, provenances)


def _barriers(events, frames, filters, lang, public) -> Slide:
    answers = frames["survey"]
    shares = survey.barrier_shares(answers)
    shares = shares[shares["count"] > 0].head(5).copy()
    shares["label"] = shares["barrier"].map(lambda c: i18n.barrier_label(c, lang))
    n = len(answers)
    shares["text"] = [f"{_count(c, lang, public)} / {i18n.fmt_int(n, lang)}" for c in shares["count"]]
    chart = charts.interval_bars(shares, label="label", value_title=i18n.t("share_naming", lang),
                                 n_title=i18n.t("respondents", lang),
                                 interval_titles=(i18n.t("interval_low", lang), i18n.t("interval_high", lang)),
                                 theme=charts.STAGE)
    numbers = [(row.label, i18n.fmt_pct(row.share, lang)) for row in shares.itertuples()]
    return Slide("barriers", i18n.t("slide_barriers", lang), chart, numbers,
                 i18n.t("ranking_barriers_caption", lang, n=i18n.fmt_int(n, lang)))


def _published(events, frames, filters, lang, public) -> Slide:
    compared = metrics.compare_published(frames["events"])
    rows = compared[compared["published_participants"].notna()].copy()
    rows["label"] = rows.apply(lambda r: f"{i18n.measure_label(r.measure, lang)} {r.period}", axis=1)
    rows = rows.assign(published=rows["published_participants"], recorded=rows["recorded_participants"])
    chart = charts.published_vs_recorded(rows[["label", "published", "recorded"]],
                                         value_title=i18n.t("participants", lang),
                                         published_title=i18n.t("published_value", lang),
                                         recorded_title=i18n.t("recorded_value", lang), theme=charts.STAGE)
    numbers = [(row.label, i18n.fmt_int(row.published, lang))
               for row in rows.sort_values("published", ascending=False).itertuples()]
    sources = sorted(set(rows["source"]))
    note = "; ".join(i18n.source_name(s, lang) for s in sources)
    return Slide("published", i18n.t("slide_published", lang), chart, numbers, note)


_BUILDERS = {"kpis": _kpis, "map": _map, "attendance": _attendance, "budget": _budget, "barriers": _barriers,
             "published": _published}


SHARED_PARAMS = ("lang", "from", "to", "m", "r")


def share_url(base: str, key: str, params: dict[str, str]) -> str | None:
    """The address that opens slide ``key``'s page with the same language and filters (None without a base)."""
    if not base:
        return None
    query = "&".join(f"{k}={quote(str(params[k]), safe=',')}" for k in SHARED_PARAMS if params.get(k))
    return f"{base.rstrip('/')}/{PAGE_OF[key]}" + (f"?{query}" if query else "")


def footer(source: str, filters: metrics.Filters, lang: str, today: dt.date) -> str:
    """The line under every slide and export: source, filters and the date it was made (``today``)."""
    period = f"{filters.date_from.year}–{filters.date_to.year}"
    parts = [period]
    if filters.measures:
        parts.append(", ".join(i18n.measure_label(m, lang) for m in filters.measures))
    if filters.regions:
        parts.append(", ".join(i18n.region_label(r, lang) for r in filters.regions))
    return i18n.t("source_line", lang, source=source, filters="; ".join(parts),
                  date=i18n.fmt_date(today, lang))
