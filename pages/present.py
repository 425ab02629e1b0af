"""Present: a saved sequence of slides for the stage — big, one message each, arrow keys, offline."""

import io
import os
import time

import segno
import streamlit as st

from dih_data import clock, deck, export, i18n, links, metrics, slides, snapshots, stage
from dih_ui import data, downloads, params, provenance, shell
from dih_ui import snapshots as phone_snapshots

AUTO_MAX = 600  # seconds between slides at most

lang, filters = shell.page_context()
frames = data.current_frames()
url = params.read({
    "slides": links.subset(slides.SLIDES), "public": links.flag(True), "auto": links.integer(0, AUTO_MAX, 0),
    "i": links.integer(0, len(slides.SLIDES) - 1, 0), "show": links.flag(False),
}, lang)

shell.seed("present_slides", url["slides"] or list(slides.SLIDES))
shell.seed("present_public", url["public"])
shell.seed("present_auto", url["auto"])
shell.seed("present_index", url["i"])
chosen = st.session_state["present_slides"] or list(slides.SLIDES)
public = st.session_state["present_public"]
auto = st.session_state["present_auto"]
index = min(st.session_state["present_index"], len(chosen) - 1)
events = metrics.filter_events(frames["events"], filters)
source = provenance.source_line(sorted(set(events["provenance"])), frames["batches"], lang)
footer = slides.footer(source, filters, lang, clock.today())


def footer_of(slide: slides.Slide) -> str:
    """The slide's own source line: what its figures come from (the Budget slide's also from budget lines)."""
    return slides.footer(provenance.source_line(list(slide.provenances), frames["batches"], lang), filters, lang,
                         clock.today())


def remember(**extra) -> None:
    """Mirror the sequence in the URL, so the link reopens it (the sidebar keeps its own keys)."""
    wanted = {"slides": ",".join(chosen), "public": "1" if public else "0", "auto": str(auto), "i": str(index),
              **extra}
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def go(step: int) -> None:
    st.session_state["present_index"] = (index + step) % len(chosen)
    st.session_state["present_changed"] = time.monotonic()


if not url["show"]:
    # --- the presenter's setup ------------------------------------------------------------------
    st.title(i18n.t("present_title", lang))
    st.caption(i18n.t("present_intro", lang))
    st.multiselect(i18n.t("slides", lang), slides.SLIDES, key="present_slides",
                   format_func=lambda s: i18n.t(f"slide_{s}", lang))
    controls = st.columns(2)
    controls[0].number_input(i18n.t("auto_advance", lang), 0, AUTO_MAX, step=5, key="present_auto")
    controls[1].toggle(i18n.t("public_view", lang), key="present_public")
    remember()
    if st.button(i18n.t("start", lang), type="primary", key="present_start"):
        st.session_state["present_index"] = 0
        st.query_params["show"] = "1"
        st.rerun()


    def built() -> list[slides.Slide]:
        """The chosen slides, built only when an export is clicked (all six take ~0.5 s at 100k rows)."""
        return [slides.build(key, frames, filters, lang, public) for key in chosen]

    with downloads.button_row():  # side by side, as every page's downloads (in 3 columns they stood ~200 px apart)
        st.download_button(i18n.t("download_pptx", lang), lambda: deck.pptx_bytes(built(), footer_of),
                           "dih_insight_slides.pptx",
                           "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           key="present_pptx", on_click="ignore", icon=":material/slideshow:")
        st.download_button(i18n.t("download_pdf", lang), lambda: deck.pdf_bytes(built(), footer_of),
                           "dih_insight_slides.pdf", "application/pdf", key="present_pdf", on_click="ignore",
                           icon=":material/picture_as_pdf:")
        st.download_button(i18n.t("download_dataset", lang),
                           lambda: export.filtered_workbook(frames, filters, footer), "dih_insight_filtered.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="present_dataset", on_click="ignore", icon=":material/download:")
    st.caption(footer)
    st.stop()

# --- on stage: the slide fills the window; no sidebar, header or chart toolbar ------------------------
key = chosen[index]
phone_snapshots.publish_once(frames, filters, chosen, lang, data.data_version(data.engine()))
slide = slides.build(key, frames, filters, lang, public)
st.html(f"<style>{stage.css(slide.title)}</style>")
with st.container(key="stage_title"):
    st.title(slide.title, anchor=False)
target = snapshots.snapshot_url(os.environ.get("DIH_PUBLIC_URL", ""), lang, index, key)  # a static page per slide
qr_png = None
if target:
    qr = io.BytesIO()
    segno.make(target, error="m").save(qr, kind="png", scale=10, border=2)
    qr_png = qr.getvalue()
counter = i18n.t("slide_of", lang, i=index + 1, n=len(chosen))
st.html(stage.html_view(slide, footer_of(slide) + (f" {slide.note}" if slide.note else ""), counter, qr_png,
                        i18n.t("qr_caption", lang)))
with st.container(key="present_nav", horizontal=True):
    st.button(f"◀ {i18n.t('previous', lang)}", key="present_previous", shortcut="Left", on_click=go, args=(-1,))
    st.button(f"{i18n.t('next', lang)} ▶", key="present_next", shortcut="Right", on_click=go, args=(1,))
    if st.button(i18n.t("exit", lang), key="present_exit", shortcut="Esc"):
        del st.query_params["show"]
        st.rerun()
remember(show="1")

if auto:
    @st.fragment(run_every=auto)
    def advance() -> None:
        """Move on every ``auto`` seconds since the last change of slide."""
        now = time.monotonic()
        changed = st.session_state.setdefault("present_changed", now)
        if now - changed >= auto - 0.5:
            go(1)
            st.rerun()

    advance()
