"""Data: templates and dictionary, import with a validation report, history with rollback, export."""

import pandas as pd
import streamlit as st

from dih_data import (
    batches,
    demo,
    editing,
    export,
    i18n,
    importer,
    messages,
    published,
    schemas,
    slides,
    snapshots,
    templates,
)
from dih_ui import data, downloads, editor, imports, plain, shell, tables, views
from dih_ui import snapshots as phone_snapshots

lang, filters = shell.page_context()
engine = data.engine()
st.title(i18n.t("data_title", lang))
st.caption(i18n.t("data_intro", lang))
who = editor.sign_in(lang)  # None for viewers

# --- templates and the data dictionary --------------------------------------------------------------
st.subheader(i18n.t("templates_title", lang))
kind = st.selectbox(i18n.t("import_kind", lang), templates.KINDS, key="data_kind",
                    format_func=lambda k: i18n.t(f"kind_{k}", lang))
row = downloads.button_row()
row.download_button(i18n.t("template_xlsx", lang), lambda: templates.template_xlsx(kind, lang),
                    f"template_{kind}_{lang}.xlsx", key="data_template_xlsx", on_click="ignore",
                    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    icon=":material/download:")
row.download_button(i18n.t("template_csv", lang), lambda: templates.template_csv(kind, lang),
                    f"template_{kind}_{lang}.csv", "text/csv", key="data_template_csv", on_click="ignore",
                    icon=":material/table:")


@views.cached
def _guide(kind: str, lang: str) -> str:
    """The template's second sheet, as an HTML table (shared by every session): the explanations wrap (the
    data grid was wider than the page)."""
    return tables.html(templates.guide(kind, lang), lang, i18n.t(f"kind_{kind}", lang))


tables.show(_guide(kind, lang))
st.caption(i18n.t("dict_other_headers", lang))

# --- import -----------------------------------------------------------------------------------------
st.subheader(i18n.t("import_title", lang))
if who is None:
    st.caption(i18n.t("import_viewer", lang))
else:
    upload_types = ["csv", "xlsx", "txt"]
    shell.uploader_texts(lang, upload_types)
    upload = st.file_uploader(i18n.t("upload", lang), type=upload_types, key="data_upload")
    keep_other = kind == "survey" and st.checkbox(i18n.t("keep_other", lang), key="data_keep_other")
    mode = st.radio(i18n.t("existing_ids", lang), ("add", "update"), key="data_mode", horizontal=True,
                    format_func=lambda m: i18n.t(f"mode_{m}", lang))
    if upload is not None:
        content = upload.getvalue()
        options = {"unknown_barriers": "other" if keep_other else "error", "mode": mode}
        check = imports.import_file(engine, kind, upload.name, dry_run=True, data=content, file_name=upload.name,
                                     **options)
        seen = batches.history(engine)
        again = seen[(seen["file_name"] == upload.name) & seen["rolled_back_at"].isna() & (seen["kind"] == kind)]
        if check.sha256 in set(batches.sha256s(engine, kind)):
            st.warning(i18n.t("same_file", lang))
        elif len(again):
            st.info(i18n.t("same_name", lang, n=int(again["id"].iloc[0])))
        report = importer.report([*check.errors, *check.warnings], lang)
        if check.errors:
            st.error(i18n.t("import_rejected", lang, n=len(check.errors), file=plain.md(upload.name)))
        else:
            st.success(i18n.t("import_valid", lang, rows=check.rows, file=plain.md(upload.name)))
        if len(report):
            st.dataframe(report, hide_index=True, width="stretch")
            st.download_button(i18n.t("report_download", lang), export.page_csv(report, lang),
                               f"report_{upload.name}.csv", "text/csv", key="data_report", on_click="ignore")
        if not check.errors and st.button(i18n.t("commit", lang), key="data_commit", type="primary"):
            result = imports.import_file(engine, kind, upload.name, data=content, file_name=upload.name,
                                          user=who, **options)
            if result.written:
                st.success(i18n.t("committed", lang, batch=result.batch_id, **result.counts))
            else:
                st.error(i18n.t("import_rejected", lang, n=len(result.errors), file=plain.md(upload.name)))
                st.dataframe(importer.report(result.errors, lang),  # e.g. ids another editor imported meanwhile
                             hide_index=True, width="stretch")

# --- editing -----------------------------------------------------------------------------------------
if who is not None:
    st.subheader(i18n.t("edit_title", lang))
    edit_kind = st.selectbox(i18n.t("import_kind", lang), editing.EDITABLE, key="data_edit_kind",
                             format_func=lambda k: i18n.t(f"kind_{k}", lang))
    before = editing.current(engine, edit_kind, lang)
    headers = {spec.name: st.column_config.TextColumn(spec.label_lv if lang == "lv" else spec.name,
                                                      help=spec.help_lv if lang == "lv" else spec.help_en)
               for spec in schemas.columns(edit_kind)}  # the headers of the page language's template
    after = st.data_editor(before, num_rows="add", key=f"data_editor_{edit_kind}", hide_index=True,
                           width="stretch", column_config=headers)
    if st.button(i18n.t("save_edits", lang), key="data_save_edits"):
        edited = editing.changes(before, after, edit_kind)
        if edited.empty:
            st.info(i18n.t("no_edits", lang))
        else:
            saved = importer.import_table(engine, edit_kind, edited, name=i18n.t("edit_batch_name", lang), user=who)
            if saved.written:
                st.success(i18n.t("committed", lang, batch=saved.batch_id, **saved.counts))
            else:
                st.error(i18n.t("edit_rejected", lang, n=len(saved.errors)))
                st.dataframe(importer.report(saved.errors, lang), hide_index=True, width="stretch")
    st.caption(i18n.t("edit_caption", lang))

# --- history and rollback ---------------------------------------------------------------------------
st.subheader(i18n.t("history_title", lang))
history = batches.history(engine)
# "Rindas" as numbers, as "Partija": right-aligned like every figure column, sorted by value ("1 627" as text
# stood at the left and sorted before "93"), shown in the page's format. Both columns narrow: the grid draws
# every header at the left (Streamlit 1.67 has no header alignment), so a narrow column keeps it over its figures.
rows, batch = i18n.t("history_row_count", lang), i18n.t("history_id", lang)
st.dataframe(batches.shown_history(history, lang).assign(**{rows: history["row_count"]}).style.format(
    {rows: lambda n: i18n.fmt_int(n, lang)}), hide_index=True, width="stretch",
    column_config={name: st.column_config.NumberColumn(width="small") for name in (batch, rows)})
if who is not None:
    if demo.in_force(engine) and st.button(i18n.t("remove_demo", lang), key="data_remove_demo"):
        st.success(i18n.t("demo_removed", lang, rows=batches.roll_back_demo(engine, who)))
        history = batches.history(engine)
    open_batches = history[history["rolled_back_at"].isna() & (history["kind"] != batches.ROLLBACK_KIND)]
    if len(open_batches):
        open_names = {row.id: batches.file_label(row.kind, row.file_name, row.provenance, lang)
                      for row in open_batches.itertuples()}
        chosen = st.selectbox(i18n.t("rollback_pick", lang), open_batches["id"].tolist(), key="data_rollback_batch",
                              format_func=lambda b: f"{b}: {open_names[b]}")
        if st.button(i18n.t("rollback", lang), key="data_rollback"):
            try:
                rows = batches.rollback(engine, int(chosen), who)
                st.success(i18n.t("rolled_back", lang, batch=chosen, rows=rows))
            except batches.RollbackRefused as error:
                st.error(plain.md(messages.say(error.args[0], lang)))  # names the batch's file

# --- export -----------------------------------------------------------------------------------------
st.subheader(i18n.t("export_title", lang))
row = downloads.button_row()
row.download_button(i18n.t("export_zip", lang), lambda: export.zip_bytes(engine), "dih_insight_export.zip",
                    "application/zip", key="data_export_zip", on_click="ignore", icon=":material/folder_zip:")
row.download_button(i18n.t("export_xlsx", lang), lambda: export.workbook_bytes(engine),
                    "dih_insight_export.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    key="data_export_xlsx", on_click="ignore", icon=":material/download:")
st.caption(i18n.t("export_caption", lang))

# --- where the published figures come from (file names belong here and in the README) ----------
st.subheader(i18n.t("sources_title", lang))


@views.cached
def _sources(lang: str) -> str:
    """Each published source's document and seed file, as an HTML table (shared by every session)."""
    return tables.html(pd.DataFrame({
        i18n.t("source", lang): [i18n.source_name(f, lang) for f in published.SOURCE_KEYS],
        i18n.t("source_file", lang): [f"dih_data/data/seeds/{f}" for f in published.SOURCE_KEYS]}),
        lang, i18n.t("sources_title", lang))


tables.show(_sources(lang))

# --- slides for the audience's phones ---------------------------------------------------------------
st.subheader(i18n.t("snapshot_title", lang))
st.caption(i18n.t("snapshot_intro", lang))
if st.button(i18n.t("snapshot_button", lang), key="data_snapshots", icon=":material/smartphone:"):
    written = phone_snapshots.publish(data.current_frames(), filters, list(slides.SLIDES), lang)
    st.success(i18n.t("snapshot_saved", lang, n=len(written), path=snapshots.served_path(lang, 0, slides.SLIDES[0])))
