"""SME barriers: what holds regional SMEs back, where, and whether the hub's measures answer it."""

import pandas as pd
import streamlit as st

from dih_data import charts, i18n, metrics, palette, published, survey, vocabularies
from dih_ui import chart_block, data, downloads, plain, provenance, shell, tables, views

lang, filters = shell.page_context()


@views.cached
def _waves() -> list | None:
    """The survey's waves, or None without answers (shared by every session), counted in the database: the
    1M answers are never read (issue 16)."""
    answered, waves = data.survey_waves()
    return waves if answered else None


def _texts_table(texts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The free-text answers as shown (st.dataframe shows cells as text, never as HTML)."""
    return pd.DataFrame({
        i18n.t("answer", lang): texts["other_barrier"],
        i18n.t("planning_region", lang): texts["planning_region"].map(lambda r: i18n.region_label(r, lang)),
        i18n.t("wave", lang): texts["wave"].map(lambda w: vocabularies.label("wave", w, lang)),
    })


@views.cached
def _view(filters: metrics.Filters, lang: str, wave: str, group: str, public: bool, waves: tuple) -> dict:
    """Every figure, chart, table and caption below the controls (shared by every session with these inputs)."""
    frames = data.survey_tables(filters, wave, group, public)
    n = frames["n"]
    view = {"n": n, "provenances": frames["provenances"],
            "source": provenance.source_line(frames["provenances"], views.frames()["batches"], lang)}
    if n == 0:
        return view
    view["respondents"] = survey.suppress(n, public) or i18n.fmt_int(n, lang)

    shares = frames["shares"]
    shares["label"] = shares["barrier"].map(lambda c: i18n.barrier_label(c, lang))
    shares["text"] = [f"{survey.suppress(c, public) or i18n.fmt_int(c, lang)} / {i18n.fmt_int(n, lang)}"
                      for c in shares["count"]]
    ranking = charts.interval_bars(shares, label="label", value_title=i18n.t("share_naming", lang),
                                   n_title=i18n.t("respondents", lang),
                                   interval_titles=(i18n.t("interval_low", lang), i18n.t("interval_high", lang)))
    view["ranking"] = chart_block.build(ranking, lang, titles={"label": i18n.t("barrier", lang)})
    view["ranking_data"] = shares.drop(columns=["text"])

    grid = frames["by_group"]
    grid["barrier_label"] = grid["barrier"].map(lambda c: i18n.barrier_label(c, lang))
    grid["group_label"] = grid[group].map(
        lambda g: i18n.region_label(g, lang) if group == "planning_region" else
        (i18n.t("unknown", lang) if g == "unknown" else vocabularies.label(group, g, lang)))
    grid["group_label"] = grid["group_label"] + grid["n"].map(lambda v: f" (n={survey.suppress(v, public) or v})")
    grid["text"] = [f"<{survey.PUBLIC_MIN_RESPONDENTS}" if hidden else i18n.fmt_pct(share, lang)
                    for hidden, share in zip(grid["suppressed"], grid["share"], strict=True)]
    heat = charts.heatmap(grid, x="group_label", y="barrier_label", value="share", text="text",
                          x_title=i18n.t(f"group_{group}", lang), y_title="", value_title=i18n.t("share_naming", lang),
                          cell_text="text", value_format="%")
    heat_titles = {"barrier_label": i18n.t("barrier", lang)}
    view["heat"] = chart_block.build(heat, lang, titles=heat_titles)
    view["ranked"] = views.spec(charts.ranked_by_group(
        grid, group="group_label", label="barrier_label", value="share", text="text",
        group_order=grid.sort_values(group)["group_label"].drop_duplicates().tolist(),
        value_title=i18n.t("share_naming", lang), label_title=i18n.t("barrier", lang),
        group_title=i18n.t(f"group_{group}", lang)), lang)
    view["heat_data"] = grid.drop(columns=["text"])

    agreement = frames["agreement"]
    agreement["statement_label"] = agreement["statement"].map(lambda s: i18n.t(f"statement_{s}", lang))
    references = pd.DataFrame([{"statement_label": i18n.t(f"statement_{share.key}", lang), "share": share.share}
                               for share in published.SURVEY_SHARES])
    view["agreement"] = chart_block.build(charts.diverging_agreement(
        agreement, statement_title="", levels=[i18n.t(f"level_{v}", lang) for v in range(1, 6)],
        share_title=i18n.t("share_of_answers", lang), references=references,
        reference_title=i18n.t("published_share", lang)), lang,
        titles={"statement_label": i18n.t("statement", lang), "level": i18n.t("answer", lang)})
    view["agreement_caption"] = i18n.t(
        "agreement_caption", lang, source=i18n.source_name(published.SKILLS_PLUS, lang)) + " " + ", ".join(
        f"{i18n.t(f'statement_{s}', lang)}: n = {agreement.loc[agreement['statement'] == s, 'n'].iloc[0]}"
        for s in survey.STATEMENTS)
    view["agreement_data"] = agreement

    gap = frames["say_do"]
    gap["region"] = gap["planning_region"].map(lambda r: i18n.region_label(r, lang)) + gap["n"].map(
        lambda v: f" (n={survey.suppress(v, public) or v})")
    gap = gap[~(public & (gap["n"] < survey.PUBLIC_MIN_RESPONDENTS))]
    long = pd.concat([gap.assign(kind=i18n.t("seeing", lang), code="seeing", share=gap["seeing"]),
                      gap.assign(kind=i18n.t("preparing", lang), code="preparing", share=gap["preparing"])],
                     ignore_index=True)
    view["gap"] = chart_block.build(
        charts.grouped_bars(long, x="region", value="share", group="kind", x_title="", group_title="",
                            code="code", colours=palette.SERIES,
                            value_title=i18n.t("share_of_answers", lang), value_format=".0%"),
        lang, titles={"region": i18n.t("planning_region", lang), "kind": i18n.t("series", lang)})
    view["gap_data"] = gap.drop(columns=["region"])

    match = frames["match"]
    if public:
        match = match[match["n"] >= survey.PUBLIC_MIN_RESPONDENTS]
    # a ⚠ column with no ⚠ in it is an empty column: then the caption says every barrier is answered
    flagged = bool(match["unanswered"].any())
    view["match"] = tables.html(pd.DataFrame({
        i18n.t("planning_region", lang): match["planning_region"].map(lambda r: i18n.region_label(r, lang)),
        i18n.t("barrier", lang): match["barrier"].map(lambda c: i18n.barrier_label(c, lang)),
        i18n.t("share_naming", lang): match["share"].map(lambda v: i18n.fmt_pct(v, lang)),
        **({i18n.t("unanswered", lang): match["unanswered"].map({True: "⚠", False: ""})} if flagged else {}),
        i18n.t("answered_by", lang): match["answered_by"].map(
            lambda ms: ", ".join(i18n.measure_label(m, lang) for m in ms) or "—"),
        i18n.t("measures_delivered", lang): match["measures_delivered"].map(
            lambda ms: ", ".join(i18n.measure_label(m, lang) for m in ms) or "—"),
    }), lang, i18n.t("match_title", lang), numbers=[i18n.t("share_naming", lang)])
    view["match_caption"] = i18n.t("match_caption" if flagged else "match_caption_all_answered", lang)
    view["mapping"] = tables.html(pd.DataFrame({
        i18n.t("barrier", lang): [i18n.barrier_label(c, lang) for c in survey.ANSWERED_BY],
        i18n.t("answered_by", lang): [", ".join(i18n.measure_label(m, lang) for m in ms)
                                       for ms in survey.ANSWERED_BY.values()],
    }), lang, i18n.t("mapping_title", lang))

    scores = frames["maturity"]
    scores["dimension_label"] = scores["dimension"].map(lambda d: i18n.t(f"dimension_{d}", lang))
    scores["wave_code"] = scores["wave"]
    scores["wave"] = scores["wave"].map(lambda w: vocabularies.label("wave", w, lang))
    view["maturity"] = chart_block.build(
        charts.grouped_bars(scores, x="dimension_label", value="mean", group="wave", x_title="",
                            code="wave_code", colours=palette.WAVE,
                            value_title=i18n.t("mean_score", lang), group_title=i18n.t("wave", lang), height=300),
        lang, titles={"dimension_label": i18n.t("area", lang)})
    view["maturity_data"] = scores.drop(columns=["wave_code"])

    view["change"] = None
    if frames["change"] is not None:
        first, second = waves[0], waves[-1]
        change = frames["change"]
        if public:
            change = change[change["organisations"] >= survey.PUBLIC_MIN_RESPONDENTS]
        both = int(change.loc[change["measure"] == "all", "organisations"].max()) if len(change) else 0
        change["measure_label"] = change["measure"].map(
            lambda m: i18n.t("all_organisations", lang) if m == "all" else i18n.measure_label(m, lang))
        change["dimension_label"] = change["dimension"].map(lambda d: i18n.t(f"dimension_{d}", lang))
        change["text"] = change["change"].map(lambda v: ("+" if v > 0 else "") + i18n.fmt_num(v, lang))
        view["change"] = {
            "chart": chart_block.build(
                charts.heatmap(change, x="dimension_label", y="measure_label", value="change", text="text",
                               x_title="", y_title="", value_title=i18n.t("score_change", lang), cell_text="text"),
                lang, titles={"measure_label": i18n.t("measure", lang), "dimension_label": i18n.t("area", lang)}),
            "caption": i18n.t("change_caption", lang, first=plain.md(vocabularies.label("wave", first, lang)),
                              second=plain.md(vocabularies.label("wave", second, lang)), n=both),
            "data": change.drop(columns=["text"]),
        }

    view["texts"] = frames["texts"]
    view["texts_table"] = views.table(_texts_table(frames["texts"], lang))
    return view


waves = _waves()
st.title(i18n.t("barriers_title", lang))
st.caption(i18n.t("barriers_intro", lang))
if waves is None:
    st.info(i18n.t("no_survey", lang))
    st.stop()

controls = st.columns([3, 2])
wave = controls[0].segmented_control(
    i18n.t("wave", lang), ["all", *waves], key="barriers_wave", required=True, default="all",
    format_func=lambda w: i18n.t("all_waves", lang) if w == "all" else plain.md(vocabularies.label("wave", w, lang)))
public = controls[1].toggle(i18n.t("public_view_respondents", lang), key="barriers_public")
shell.seed("barriers_group", "planning_region")  # drawn further down; the cached view needs it now
group = st.session_state["barriers_group"]
# The sidebar's period and regions apply to answers by date and the respondent's region.
view = _view(filters, lang, wave, group, public, tuple(waves))
provenance.demo_notice(view["provenances"], lang)
source = view["source"]
stamp = downloads.stamp(source, f"{filters.date_from.year}–{filters.date_to.year}", lang)
n = view["n"]
if n == 0:
    st.info(i18n.t("no_survey", lang))
    st.stop()
st.metric(i18n.t("respondents", lang), view["respondents"])

# --- ranking ----------------------------------------------------------------------------------------
st.subheader(i18n.t("ranking_barriers_title", lang))
if n < survey.SMALL_SAMPLE:
    st.warning(i18n.t("small_sample", lang, n=n, min=survey.SMALL_SAMPLE))
chart_block.show_built(view["ranking"], lang)
st.caption(i18n.t("ranking_barriers_caption", lang, n=i18n.fmt_int(n, lang)))
downloads.built_chart_buttons(view["ranking"], f"{i18n.t('ranking_barriers_title', lang)} — {stamp}",
                              "dih_barrier_ranking", lang, "barriers_ranking", data=view["ranking_data"])

# --- by group ---------------------------------------------------------------------------------------
st.subheader(i18n.t("heatmap_title", lang))
group = st.segmented_control(i18n.t("heatmap_by", lang), ("planning_region", "sector", "size"), key="barriers_group",
                             required=True, format_func=lambda g: i18n.t(f"group_{g}", lang))
grid_form, list_form = shell.width_forms("barriers_by_group")  # a phone gets one ranked list per group
with grid_form:
    chart_block.show_built(view["heat"], lang)
with list_form:  # the same rows as the grid, so the same data table (escaped for st.table's Markdown)
    views.show(view["ranked"])
    chart_block.table_only(view["heat"]["rows"], lang)
if public:
    st.caption(i18n.t("suppressed_caption", lang))
downloads.built_chart_buttons(view["heat"], f"{i18n.t('heatmap_title', lang)} — {stamp}", f"dih_barriers_by_{group}",
                              lang, "barriers_heatmap", data=view["heat_data"])

# --- agreement and the say–do gap -------------------------------------------------------------------
st.subheader(i18n.t("agreement_title", lang))
chart_block.show_built(view["agreement"], lang)
st.caption(view["agreement_caption"])
downloads.built_chart_buttons(view["agreement"], f"{i18n.t('agreement_title', lang)} — {stamp}", "dih_agreement",
                              lang, "barriers_agreement", data=view["agreement_data"])

st.markdown(f"**{i18n.t('say_do_title', lang)}**")
chart_block.show_built(view["gap"], lang)
downloads.built_chart_buttons(view["gap"], f"{i18n.t('say_do_title', lang)} — {stamp}", "dih_say_do_gap", lang,
                              "barriers_gap", data=view["gap_data"])

# --- barriers against measures ----------------------------------------------------------------------
st.subheader(i18n.t("match_title", lang))
tables.show(view["match"])  # every row whole, the lists wrapped in their columns (the grid scrolled inside)
st.caption(view["match_caption"])
with st.expander(i18n.t("mapping_title", lang)):
    tables.show(view["mapping"])

# --- maturity ---------------------------------------------------------------------------------------
st.subheader(i18n.t("maturity_title", lang))
# one under the other, each the page's width: side by side, six dimension names had to stand upright
chart_block.show_built(view["maturity"], lang)
st.caption(i18n.t("maturity_caption", lang))
downloads.built_chart_buttons(view["maturity"], f"{i18n.t('maturity_title', lang)} — {stamp}", "dih_maturity",
                              lang, "barriers_maturity", data=view["maturity_data"])
if view["change"] is not None:
    change = view["change"]
    st.markdown(f"**{i18n.t('change_title', lang)}**")
    chart_block.show_built(change["chart"], lang)
    st.caption(change["caption"])
    downloads.built_chart_buttons(change["chart"], f"{i18n.t('change_title', lang)} — {stamp}",
                                  "dih_maturity_change", lang, "barriers_change", data=change["data"])

# --- free text --------------------------------------------------------------------------------------
st.subheader(i18n.t("free_text_title", lang))
texts = view["texts"]
# a search box over nothing invites a search that cannot find anything: shown only with answers to search
query = st.text_input(i18n.t("search", lang), key="barriers_search") if not texts.empty else ""
if query:
    texts = texts[texts["other_barrier"].str.contains(query, case=False, regex=False)]
if texts.empty:
    st.caption(i18n.t("no_free_text", lang))
else:
    st.dataframe(_texts_table(texts, lang) if query else view["texts_table"], hide_index=True, width="stretch")
st.caption(source)
