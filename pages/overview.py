"""Overview: headline figures with their sources, trend, regional map, and the published record."""

import functools

import pandas as pd
import streamlit as st

from dih_data import charts, geography, i18n, maps, metrics, published
from dih_ui import chart_block, plain, provenance, shell, tables, views

lang, filters = shell.page_context()


@views.cached
def _view(filters: metrics.Filters, lang: str) -> dict:
    """Everything above the published record: figures, tiles and both charts (shared by every session)."""
    frames = views.frames()
    events = metrics.filter_events(frames["events"], filters)
    figures = metrics.kpis(frames["events"], frames["participations"], frames["budget"], frames["expenditures"],
                           filters)
    view = {"provenances": figures["provenances"], "empty": events.empty,
            "source": provenance.source_line(figures["provenances"], frames["batches"], lang)}
    if events.empty:
        return view
    view["tiles"] = [
        ("kpi_events", i18n.fmt_int(figures["events"], lang), None),
        ("kpi_participants", i18n.fmt_int(figures["participants"], lang), None),
        ("kpi_organisations", i18n.fmt_int(figures["organisations_reached"], lang),
         i18n.t("kpi_smes", lang, smes=i18n.fmt_int(figures["smes_reached"], lang))),
        ("kpi_municipalities",
         i18n.t("kpi_municipalities_value", lang, reached=figures["municipalities_reached"],
                total=figures["municipalities_total"]), None),
        ("kpi_spend", i18n.fmt_eur(figures["spend_eur"], lang),
         i18n.t("kpi_spend_delta", lang, share=i18n.fmt_pct(figures["spend_eur"] / figures["budget_eur"], lang),
                budget=i18n.fmt_eur(figures["budget_eur"], lang))
         if figures["budget_eur"] else i18n.t("kpi_no_budget", lang)),
        ("kpi_cost_per_participant",
         i18n.fmt_cost_per_participant(figures["cost_per_participant"], lang)
         if figures["cost_per_participant"] is not None else i18n.t("kpi_not_recorded", lang),
         i18n.t("kpi_uncosted", lang, n=figures["uncosted_events"]) if figures["uncosted_events"] else None),
        ("kpi_coop",
         f"{i18n.fmt_int(figures['coop_initiated'], lang)} → {i18n.fmt_int(figures['coop_implemented'], lang)}", None),
    ]
    trend = metrics.trend(events, "year").rename(columns={"event_type": "measure"})
    trend["measure_label"] = trend["measure"].map(lambda m: i18n.measure_label(m, lang))
    view["trend"] = chart_block.build(charts.trend_bars(
        trend, x_title=i18n.t("year", lang), y_title=i18n.t("participants", lang),
        colour_title=i18n.t("measure", lang), height=380), lang)
    regions = metrics.by_planning_region(events)
    online = regions[regions["planning_region"] == geography.ONLINE]
    on_map = regions[regions["planning_region"] != geography.ONLINE]
    classes = maps.classify(on_map["participants"], len(on_map))
    fmt = functools.partial(i18n.fmt_int, lang=lang)
    on_map = on_map.assign(label=on_map["planning_region"].map(lambda r: i18n.region_label(r, lang)),
                           **{"class": on_map["participants"].map(lambda v: classes.label(v, fmt))})
    view["map"] = chart_block.build(charts.region_map(
        geography.boundary_features("planning_region"), on_map, key="planning_region", value="participants",
        label="label", value_title=i18n.t("participants_unit", lang), classes=classes.legend(fmt),
        rule=i18n.t("map_rule", lang)), lang, titles={"label": i18n.t("planning_region", lang)})
    view["online"] = i18n.fmt_int(int(online["participants"].sum()), lang)
    return view


view = _view(filters, lang)
source = view["source"]
st.title(i18n.t("overview_title", lang))
st.caption(i18n.t("overview_intro", lang))
provenance.demo_notice(view["provenances"], lang)

if view["empty"]:
    st.info(i18n.t("no_data", lang))
else:
    row1 = st.columns(4)
    row2 = st.columns(3)
    for column, (key, value, detail) in zip([*row1, *row2], view["tiles"], strict=True):
        with column.container(border=True, height="stretch"):  # a row's cards as tall as its tallest
            st.metric(i18n.t(key, lang), value)
            if detail:
                st.caption(detail)
    st.caption(source)  # once for the cards: in each of 7 it left room for 3 cards on a phone's first screen

    left, right = st.columns([3, 2])
    with left:
        st.subheader(i18n.t("trend_title", lang))
        chart_block.show_built(view["trend"], lang)
    with right:
        st.subheader(i18n.t("map_title", lang))
        chart_block.show_built(view["map"], lang)
        st.metric(i18n.t("online_participants", lang), view["online"])
    st.caption(source)

st.subheader(i18n.t("published_title", lang))
st.caption(i18n.t("published_intro", lang))


def _count(value, lang: str) -> str:
    return i18n.t("not_stated", lang) if pd.isna(value) else i18n.fmt_int(value, lang)


def _source(file_name: str, lang: str) -> str:
    """"Avots: <document>" under every published block, as under the tables (the facts' captions gave the bare
    title while the tables said "Avots: …")."""
    return f"{i18n.t('published_source', lang)}: {i18n.source_name(file_name, lang)}"


@views.cached
def _record(lang: str) -> dict:
    """The published record's tables and their comparison with the database (shared by every session)."""
    comparison = metrics.compare_published(views.frames()["events"])
    return {
        "published": tables.html(pd.DataFrame([
            {
                i18n.t("measure", lang): i18n.measure_label(r.measure, lang),
                i18n.t("period_col", lang): r.period,
                i18n.t("events", lang): _count(r.events, lang),
                i18n.t("participants", lang): _count(r.participants, lang),
                # the seed's English words verbatim on the English page; a faithful rendering on the Latvian one
                i18n.t("quote_rendered" if lang in published.RENDERED_LANGS else "quote", lang): r.statement(lang),
            }
            for r in published.ACTIVITY_RESULTS
        ]), lang, i18n.t("published_title", lang), numbers=[i18n.t("events", lang), i18n.t("participants", lang)]),
        "unit_costs": tables.html(pd.DataFrame([
            {
                i18n.t("measure", lang): i18n.measure_label(cost.measure, lang),
                i18n.t("unit_cost", lang): ("~" + i18n.fmt_eur(cost.approx_eur, lang))
                if cost.approx_eur is not None else i18n.t("not_published", lang),
            }
            for cost in published.UNIT_COSTS.values()
        ]), lang, i18n.t("unit_costs_title", lang), numbers=[i18n.t("unit_cost", lang)]),
        "published_source": _one_source([r.source for r in published.ACTIVITY_RESULTS], lang),
        "unit_costs_source": _one_source([cost.source for cost in published.UNIT_COSTS.values()], lang),
        "comparison": tables.html(pd.DataFrame({
            i18n.t("measure", lang): comparison["measure"].map(lambda m: i18n.measure_label(m, lang)),
            i18n.t("period_col", lang): comparison["period"],
            i18n.t("published_events", lang): comparison["published_events"].map(lambda v: _count(v, lang)),
            i18n.t("recorded_events", lang): comparison["recorded_events"],
            i18n.t("published_participants", lang): comparison["published_participants"].map(
                lambda v: _count(v, lang)),
            i18n.t("recorded_participants", lang): comparison["recorded_participants"],
            i18n.t("difference", lang): comparison["participants_difference"].map(lambda d: _difference(d, lang)),
        }), lang, i18n.t("compare_title", lang), numbers=[i18n.t(key, lang) for key in (
            "published_events", "recorded_events", "published_participants", "recorded_participants", "difference")]),
        "cards": [_card(row, lang) for row in comparison.itertuples()],
    }


def _one_source(sources: list[str], lang: str) -> str:
    """The one document a published table's rows come from, named once under the table: the same three-line
    title in every row made each row three lines tall (~155 px on a phone). A second document among the rows
    fails here, so the table gets its Source column back rather than a caption naming one of two."""
    (source,) = set(sources)
    return _source(source, lang)


def _difference(value, lang: str) -> str:
    return "—" if pd.isna(value) else (i18n.t("agrees", lang) if value == 0 else f"{int(value):+d}")


def _card(row, lang: str) -> str:
    """One published result beside the database as a phone shows it: its name, then published and recorded
    events and participants in a two-column table that fits 390 px (the 7-column grid scrolled sideways)."""
    published_, recorded = i18n.t("published_value", lang), i18n.t("recorded_value", lang)
    return (f"**{plain.md(i18n.measure_label(row.measure, lang))} · {plain.md(row.period)}**\n\n"
            f"| | {published_} | {recorded} |\n|:--|--:|--:|\n"
            f"| {i18n.t('events', lang)} | {_count(row.published_events, lang)} | "
            f"{i18n.fmt_int(row.recorded_events, lang)} |\n"
            f"| {i18n.t('participants', lang)} | {_count(row.published_participants, lang)} | "
            f"{i18n.fmt_int(row.recorded_participants, lang)} |\n\n"
            f"{i18n.t('difference', lang)}: {_difference(row.participants_difference, lang)}")


record_tables = _record(lang)
# HTML tables: the quotes and the source's title wrap within the page (the grid cut "nav norādīts" and ran the
# Source column off the right edge).
tables.show(record_tables["published"])
st.caption(record_tables["published_source"])

# Two columns of about equal length (the unit costs alone left ~400 px empty beside the published facts).
costs, facts = st.columns(2)
with costs:
    st.markdown(f"**{i18n.t('unit_costs_title', lang)}**")
    tables.show(record_tables["unit_costs"])
    st.caption(record_tables["unit_costs_source"])
    record = published.SKILLS_PLUS_PROGRAMME
    st.markdown(f"**{i18n.t('programme_title', lang)}**")
    st.write(i18n.t(
        "programme_line", lang, partners=record.partners, start=i18n.fmt_month(record.start, lang),
        end=i18n.fmt_month(record.end, lang), total=i18n.fmt_eur(record.total_eur, lang),  # whole euros, as
        erdf=i18n.fmt_eur(record.erdf_eur, lang), norway=i18n.fmt_eur(record.norwegian_eur, lang),  # on Budget
    ))
    st.caption(_source(record.source, lang))
with facts:
    st.markdown(f"**{i18n.t('facts_title', lang)}**")
    st.write(plain.sentence(i18n.t("fact_staff", lang, staff=published.STAFF_IN_HOUSE,
                                   experts=published.STAFF_CLUSTER_EXPERTS)))
    st.write(plain.sentence(i18n.t("fact_coop", lang,
                                   share=i18n.fmt_pct(published.COOPERATION_IMPLEMENTED_SHARE, lang))))
    st.write(plain.sentence(i18n.t("fact_workshop_regions", lang, n=published.WORKSHOP_2019_REGIONS)))
    st.caption(_source(published.GOOD_PRACTICE, lang))
    st.markdown(f"**{i18n.t('survey_title', lang)}**")
    for share in published.SURVEY_SHARES:
        st.write(f"{i18n.fmt_pct(share.share, lang)} {i18n.t('survey_' + share.key, lang)}")
    st.caption(_source(published.SKILLS_PLUS, lang))

st.subheader(i18n.t("compare_title", lang))
grid_form, card_form = shell.width_forms("overview_compare")  # a phone gets one card per published result
with grid_form:
    tables.show(record_tables["comparison"])  # figures and their headers right-aligned ("nav norādīts" too)
with card_form:
    st.html("<style>.st-key-overview_compare_narrow table :is(th,td){padding:.3rem .6rem}</style>")  # 7 cards, compact
    for card in record_tables["cards"]:
        with st.container(border=True):
            st.markdown(card)
st.caption(i18n.t("footer", lang))
