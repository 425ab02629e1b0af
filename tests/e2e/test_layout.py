"""Layout and accessibility in real Chromium: no text cut off in the project's own elements, no chart labels
running into each other, no sideways scrolling on a phone, the whole of Latvia on the map, stage type sizes,
and axe-core (WCAG 2.1 AA) without serious or critical findings from the project's content. Screenshots go
to test-artifacts/."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from dih_data import i18n, published, slides, stage
from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

PAGES = [("overview", ""), ("regions", "regions"), ("attendance", "attendance"), ("budget", "budget"),
         ("barriers", "barriers"), ("present", "present")]
DESK, PHONE = (1440, 900), (390, 844)
PHONE_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"

# Text the project writes: headings, captions, markdown, widget and metric labels, buttons, the stage.
CUT_TEXT = """() => {
  const selector = 'h1, h2, h3, [data-testid=stCaptionContainer], [data-testid=stMarkdownContainer] p, '
    + '[data-testid=stWidgetLabel] p, [data-testid=stMetricLabel] p, [data-testid=stMetricValue] div, '
    + '[data-testid=stButtonGroup] button p, [data-testid=stBaseButton-secondary] p, '
    + '.dih-stage .value, .dih-stage .label, .dih-stage .footer';
  const root = document.querySelector("[data-testid=stMain]") || document;
  return [...root.querySelectorAll(selector)]
    .filter(el => el.offsetParent !== null && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
    .map(el => el.innerText.slice(0, 60));
}"""
# A control whose label, options or download button wrap onto a second line (not cut, so CUT_TEXT passes,
# but the row looks broken: Regions' "Level" options stacked, "Lejupielādēt PNG" on two lines at 1440 px).
WRAPPED_CONTROLS = """() => {
  const root = document.querySelector('[data-testid=stMain]') || document;
  const lines = el => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
  const labels = [...root.querySelectorAll('[data-testid=stWidgetLabel] p, [data-testid=stDownloadButton] button p')]
    .filter(el => el.offsetParent !== null && lines(el) > 1).map(el => el.innerText);
  const groups = [...root.querySelectorAll('[data-testid=stButtonGroup]')].filter(g => g.offsetParent !== null)
    .filter(g => new Set([...g.querySelectorAll('button')]
                         .map(b => Math.round(b.getBoundingClientRect().top))).size > 1)
    .map(g => g.innerText.replace(/\\n+/g, ' | '));
  return [...labels, ...groups];
}"""
# A table wider than its place on the page: the data grid's columns run off its right edge until scrolled
# (Budget's cost table, the Data page's dictionary), or an HTML table scrolls sideways.
TABLES_OVERFLOW = """() => [...document.querySelectorAll(
    '[data-testid=stMain] [data-testid=stDataFrame] .dvn-scroller, [data-testid=stMain] [data-testid=stTable] > div, '
    + '[data-testid=stMain] .dih-table')]
  .filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.closest('[data-testid=stDataFrame], [data-testid=stTable], .dih-table')
    .querySelector('th')?.innerText)"""
# An HTML table's header aligned otherwise than its column's cells: "Pasākumi" at the left over right-aligned
# counts. Returns "header: header's alignment ≠ cells'" per such column.
HEADERS_OFF_THEIR_CELLS = """() => [...document.querySelectorAll(
  '[data-testid=stMain] [data-testid=stTable], [data-testid=stMain] .dih-table table')]
  .filter(table => table.offsetParent !== null).flatMap(table => {
  const side = el => ({start: 'left', end: 'right'})[getComputedStyle(el).textAlign] || getComputedStyle(el).textAlign;
  const cells = [...table.querySelectorAll('tbody tr:first-child td')];
  return [...table.querySelectorAll('thead th')].map((th, i) => [th, cells[i]])
    .filter(([th, cell]) => cell && side(th) !== side(cell))
    .map(([th, cell]) => `${th.innerText}: ${side(th)} ≠ ${side(cell)}`);
})"""
# A column of figures in the data grid: the grid draws every header at its column's left edge, over figures it
# right-aligns (or, formatted as text, leaves at the left: "3 393" under "Reģistrējušies"). Reads the grid's
# accessible table; returns the headers of columns whose first row is a figure.
FIGURES_IN_GRIDS = r"""() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stDataFrame]')]
  .filter(grid => grid.offsetParent !== null).flatMap(grid => {
  const cells = [...grid.querySelectorAll('table tbody tr:first-child td')].map(td => td.innerText.trim());
  return [...grid.querySelectorAll('table thead th')].map(th => th.innerText.trim())
    .filter((th, i) => /^[−+-]?€?\d[\d\s,.]*\s?[%€]?$/u.test(cells[i] || ''));
})"""
# Inside a chart's SVG (which the DOM check above cannot see) a text is cut when Vega shortened it to its
# labelLimit with "…", hid a word label for overlapping its neighbour (opacity 0; thinning numeric ticks
# is fine), or when it runs past the
# chart's box (a legend wider than a phone).
CUT_IN_CHARTS = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')].flatMap(chart => {
  const box = chart.getBoundingClientRect();
  return [...chart.querySelectorAll('svg text')].filter(t => {
    const r = t.getBoundingClientRect();
    const hidden = t.getAttribute('opacity') === '0' && /\\p{L}/u.test(t.textContent);
    return r.width > 0 && (t.textContent.endsWith('…') || hidden || r.right > box.right + 3 || r.left < box.left - 3);
  }).map(t => t.textContent);
})"""
# Texts of one chart that run into each other: axis labels, legend entries, titles and text marks whose
# boxes overlap by more than 2 px both ways (wrapped column labels on a phone, two-line row labels in
# rows too short for them). Returns "text × text" per collision.
CHART_TEXTS_COLLIDE = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')].flatMap(chart => {
  const boxes = [...chart.querySelectorAll('svg text')]
    .filter(t => t.textContent.trim() && t.getAttribute('opacity') !== '0' && t.getBoundingClientRect().width > 0)
    .map(t => ({text: t.textContent, box: t.getBoundingClientRect()}));
  return boxes.flatMap((a, i) => boxes.slice(i + 1).filter(b =>
      Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left) > 2
      && Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top) > 2)
    .map(b => `${a.text} × ${b.text}`));
})"""
# Category labels standing upright (rotated 90°) on a desk page: a chart in half the page whose columns are too
# narrow for level labels (the Attendance "path between measures" heatmap). Axis titles may stand; labels not.
UPRIGHT_LABELS = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
  .filter(chart => chart.offsetParent !== null)
  .flatMap(chart => [...chart.querySelectorAll('.role-axis-label text')]
    .filter(t => /rotate\\((-?90|270)\\)/.test(t.getAttribute('transform') || '')).map(t => t.textContent))"""
# The script run has finished (no status widget, no skeleton) and every shown chart has drawn its SVG (a
# chart with another form for this width is hidden by the page CSS, see ``shell.width_forms``).
CHARTS_DRAWN = """() => !document.querySelector('[data-testid=stStatusWidget], [data-testid=stSkeleton]')
  && [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
       .every(chart => chart.offsetParent === null || chart.querySelector('svg text'))"""
SIDEWAYS = """() => {
  const main = document.querySelector('[data-testid=stMain]') || document.documentElement;
  return Math.max(document.documentElement.scrollWidth - document.documentElement.clientWidth,
                  main.scrollWidth - main.clientWidth);
}"""
# Every chart is followed by its data table: an expander (a <summary>, reachable by Tab) holding an HTML
# table with rows. Returns, per shown chart, what was found after it.
CHART_TABLES = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
  .filter(chart => chart.offsetParent !== null).map(chart => {
  const next = chart.closest('[data-testid=stElementContainer]')?.nextElementSibling;
  const summary = next?.querySelector('[data-testid=stExpander] summary');
  return {label: summary ? summary.innerText.trim().split('\\n').pop() : null, tab: summary ? summary.tabIndex : null,
          rows: next ? next.querySelectorAll('table tbody tr').length : 0};
})"""
# Findings that come from Streamlit's own markup, not from this project's content (with the reason).
STREAMLIT_OWN = {
    "aria-allowed-role": "Streamlit's tab/toolbar wrappers",
    "landmark-unique": "Streamlit's sidebar and main regions",
    "region": "Streamlit's app shell places content outside landmarks",
    "aria-prohibited-attr": "Streamlit's icon spans",
    "nested-interactive": "Streamlit's data grid (glide-data-grid) cells",
    "scrollable-region-focusable": "Streamlit's data grid scroller",
    "label": "Streamlit's data grid search input and slider thumbs",
    "aria-input-field-name": "Streamlit's slider thumbs",
    "button-name": "Streamlit's sidebar collapse and element toolbar buttons",
}


def _open(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_timeout(2500)  # charts and maps finish drawing


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}) {v['nodes'][0]['target']}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical") and v["id"] not in STREAMLIT_OWN]


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("size", [DESK, PHONE], ids=["desk", "phone"])
@pytest.mark.parametrize(("name", "path"), PAGES)
def test_pages_fit_their_screen_and_pass_axe(browser, app_url, name, path, size, lang):
    agent = {"user_agent": PHONE_AGENT} if size == PHONE else {}
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, **agent)
    page = context.new_page()
    _open(page, f"{app_url}/{path}?lang={lang}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"layout_{name}_{lang}_{size[0]}x{size[1]}.png")
    try:
        assert page.evaluate(CUT_TEXT) == []
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        assert page.evaluate(CUT_IN_CHARTS) == []
        assert page.evaluate(CHART_TEXTS_COLLIDE) == []
        tables = page.evaluate(CHART_TABLES)
        assert all(t["label"] == i18n.t("data_table", lang) and t["tab"] >= 0 and t["rows"] > 0 for t in tables), tables
        if size == PHONE:
            assert page.evaluate(SIDEWAYS) <= 1
        if name == "regions":
            _assert_latvia_inside_the_map(page)
        if name == "regions" and size == PHONE:  # the static map shown only where it fits: never shrunk to ~5 px text
            shown = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stImage] img')]
              .filter(i => i.offsetParent !== null).map(i => [i.getBoundingClientRect().width, i.naturalWidth])""")
            assert all(w >= natural / 2 - 2 for w, natural in shown), shown
        if name == "regions" and size == DESK:
            # the static report map at its drawn size (legend 12 px, title 13 px: half the pixels of the 2x
            # PNG), not squeezed into half a column (482 of 1312 px: ~7 px text)
            shown = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stImage] img')].map(
              i => [i.getBoundingClientRect().width, i.naturalWidth])""")
            assert shown and all(w >= natural / 2 - 2 for w, natural in shown), shown
            # the map's box ends where Latvia does: no band of empty canvas (~95 px in a 470 px box) above its legend
            assert _empty_below_latvia(page) < 50
        if size == DESK:
            assert page.evaluate(UPRIGHT_LABELS) == []
            assert page.evaluate(WRAPPED_CONTROLS) == []
            assert _serious(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize(("name", "path"), [("overview", ""), ("budget", "budget"), ("data", "data")])
def test_tables_fit_the_desk_page_without_scrolling_sideways(browser, app_url, name, path, lang):
    """Every column of the tables of published results, costs, funding, the data dictionary and the sources is
    in view at 1440 px: long text wraps instead of pushing columns off the page (or cutting "Daļa no kopējā"),
    and each header is aligned as its column's figures."""
    context = browser.new_context(viewport={"width": DESK[0], "height": DESK[1]})
    page = context.new_page()
    try:
        _open(page, f"{app_url}/{path}?lang={lang}")
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        assert page.evaluate(TABLES_OVERFLOW) == []
        assert page.evaluate(HEADERS_OFF_THEIR_CELLS) == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize(("name", "path"), [("overview", ""), ("attendance", "attendance"), ("budget", "budget"),
                                           ("barriers", "barriers")])
def test_figures_stand_under_headers_aligned_as_they_are(browser, app_url, name, path, lang):
    """The tables of figures a reader compares (published vs recorded, year-on-year, registered vs attended,
    planned vs actual, barriers named per region) are HTML tables: every column in view, each figure right-aligned
    under its header."""
    context = browser.new_context(viewport={"width": DESK[0], "height": DESK[1]})
    page = context.new_page()
    try:
        _open(page, f"{app_url}/{path}?lang={lang}")
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        for grid in page.locator("[data-testid=stMain] [data-testid=stDataFrame]").all():
            if grid.is_visible():  # the grid writes its accessible table once in view
                grid.scroll_into_view_if_needed()
                grid.locator("table tbody td").first.wait_for(state="attached", timeout=30_000)
        assert page.evaluate(FIGURES_IN_GRIDS) == []
        assert page.evaluate(TABLES_OVERFLOW) == []
        assert page.evaluate(HEADERS_OFF_THEIR_CELLS) == []
    finally:
        context.close()


# Lines taken by the Budget tables' row labels and by the funding table's headers (it is the one with a share
# column): "Dīvāna / ekspertu / vizītes" on 3 lines beside ten figure columns, "Summa, / EUR" in a fifth of the page.
BUDGET_TABLE_LINES = """share => {
  const lines = el => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
  const tables = [...document.querySelectorAll('[data-testid=stMain] .dih-table table')];
  const funding = tables.find(t => [...t.querySelectorAll('thead th')].some(th => th.innerText.trim() === share));
  return [...tables.flatMap(t => [...t.querySelectorAll('tbody td:first-child > div')]),
          ...funding.querySelectorAll('thead th, tbody td:first-child > div')]
    .filter(el => lines(el) > 1).map(el => el.innerText);
}"""


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_budget_tables_give_their_labels_and_headers_one_line(browser, app_url, lang):
    """At 1440 px every Budget table's row label (a measure, a funding source) and the funding table's headers
    read on one line: the cost table squeezed "Dīvāna ekspertu vizītes" to 3 lines, and the funding table in
    two fifths of the page wrapped "Summa, EUR" and "Daļa no kopējā"."""
    context = browser.new_context(viewport={"width": DESK[0], "height": DESK[1]})
    page = context.new_page()
    try:
        _open(page, f"{app_url}/budget?lang={lang}")
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        assert page.evaluate(BUDGET_TABLE_LINES, i18n.t("share", lang)) == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_attendance_mix_charts_side_by_side_stand_level(browser, app_url, lang):
    """"Who takes part": the sector chart (its control above it) started ~30 px below the region chart beside it,
    and the sections' full titles wrapped its legend onto ~10 lines (~180 px against the regions' 88)."""
    context = browser.new_context(viewport={"width": DESK[0], "height": DESK[1]})
    page = context.new_page()
    try:
        _open(page, f"{app_url}/attendance?lang={lang}")
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        charts = page.evaluate("""titles => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
          .filter(chart => titles.includes(chart.querySelector('.role-legend-title text')?.textContent))
          .map(chart => [chart.querySelector('svg g.role-frame.root > g > path.background'),
                         chart.querySelector('.role-legend')].map(el => el.getBoundingClientRect()))
          .map(([plot, legend]) => ({left: plot.left, top: plot.top, height: plot.height, legend: legend.height}))""",
                               [i18n.t("mix_org_sector", lang), i18n.t("planning_region", lang)])
        sectors, regions = charts
        assert sectors["left"] < regions["left"]  # side by side
        assert abs(sectors["top"] - regions["top"]) <= 1 and abs(sectors["height"] - regions["height"]) <= 1, charts
        assert sectors["legend"] <= regions["legend"] + 20, charts  # at most one row more
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_overview_cards_of_a_row_are_equally_tall(browser, app_url, lang):
    """A card with a detail line ("no tām MVU: 76") made its row ragged: 4 boxes of 2 heights, 3 of 3 heights."""
    context = browser.new_context(viewport={"width": DESK[0], "height": DESK[1]})
    page = context.new_page()
    try:
        _open(page, f"{app_url}/?lang={lang}")
        rows = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stMetric]')]
          .map(metric => metric.closest('[data-testid=stVerticalBlock]').getBoundingClientRect())
          .filter(box => box.width > 0).reduce((rows, box) => {
            (rows[Math.round(box.top)] ||= []).push(Math.round(box.height)); return rows; }, {})""")
        cards = [heights for heights in rows.values() if len(heights) > 1]  # the two rows of cards
        assert [len(heights) for heights in cards] == [4, 3]
        assert all(max(heights) - min(heights) <= 1 for heights in cards), cards
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_present_page_downloads_stand_together(browser, app_url, lang):
    """The slides' PPTX, PDF and the data's XLSX side by side as every page's downloads, not one per third of
    the page (~200 px of nothing between them at 1440 px)."""
    context = browser.new_context(viewport={"width": DESK[0], "height": DESK[1]})
    page = context.new_page()
    try:
        _open(page, f"{app_url}/present?lang={lang}")
        boxes = page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid=stMain] [data-testid=stDownloadButton] button')].map(b => b.getBoundingClientRect())
          .map(r => [Math.round(r.left), Math.round(r.right), Math.round(r.top)])""")
        assert len(boxes) == 3 and len({top for _, _, top in boxes}) == 1, boxes
        gaps = [right[0] - left[1] for left, right in zip(boxes, boxes[1:], strict=False)]
        assert all(0 <= gap <= 24 for gap in gaps), boxes
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_published_comparison_fits_a_phone_without_scrolling_sideways(browser, app_url, lang):
    """On a 390 px phone "Published vs in the database" shows every result whole, as cards of two short
    columns: the 7-column grid scrolled sideways in its box, 3 of its columns in view."""
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]}, user_agent=PHONE_AGENT)
    page = context.new_page()
    try:
        _open(page, f"{app_url}/?lang={lang}")
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        found = page.evaluate("""title => {
          const heading = [...document.querySelectorAll('[data-testid=stMain] h3')]
            .find(h => h.innerText.trim() === title);
          const block = heading.closest('[data-testid=stElementContainer]').nextElementSibling;
          const shown = [block, ...block.querySelectorAll('*')].filter(el => el.offsetParent !== null);
          return {text: block.innerText,
                  sideways: shown.filter(el => el.scrollWidth > el.clientWidth + 1
                                               || el.getBoundingClientRect().right > window.innerWidth + 1)
                                 .map(el => el.getAttribute('data-testid') || el.className || el.tagName)};
        }""", i18n.t("compare_title", lang))
        assert found["sideways"] == []
        for result in published.ACTIVITY_RESULTS:  # each result named on the screen, not in a grid's canvas
            assert f"{i18n.measure_label(result.measure, lang)} · {result.period}" in found["text"]
    finally:
        context.close()


def test_the_map_fits_a_narrow_window_by_its_drawn_width(browser, app_url):
    """A desktop browser (no phone user agent) in a phone-narrow window still sees all of Latvia: the map
    is fitted to the width the browser reports, the user agent is only the first run's guess."""
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    page = context.new_page()
    try:
        _open(page, f"{app_url}/regions?lang=lv")
        for attempt in range(8):  # the refit arrives with the rerun the reported width starts
            try:
                _assert_latvia_inside_the_map(page)
                break
            except AssertionError:
                if attempt == 7:
                    raise
                page.wait_for_timeout(1000)
    finally:
        context.close()


def _empty_below_latvia(page) -> float:
    """Pixels from the lowest drawn point of Latvia on the interactive map to the top of the legend under it."""
    canvas = page.locator("[data-testid=stDeckGlJsonChart] canvas").first
    pixels = np.asarray(Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")).astype(int)
    rows = np.flatnonzero((pixels < 240).any(axis=2).any(axis=1))  # anything but the white page
    legend_top = page.evaluate("""() => document.querySelector('[data-testid=stDeckGlJsonChart]')
      .closest('[data-testid=stElementContainer]').nextElementSibling.getBoundingClientRect().top""")
    return legend_top - (canvas.bounding_box()["y"] + rows.max() + 1)


def _assert_latvia_inside_the_map(page) -> None:
    """The map's polygons stay off the canvas edges: all of Latvia is in view."""
    canvas = page.locator("[data-testid=stDeckGlJsonChart] canvas").first
    canvas.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    pixels = np.asarray(Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")).astype(int)
    drawn = (pixels[..., 2] - pixels[..., 0]) > 20  # the blue classes
    assert drawn.mean() > 0.1
    edges = np.concatenate([drawn[:3].ravel(), drawn[-3:].ravel(), drawn[:, :3].ravel(), drawn[:, -3:].ravel()])
    assert edges.mean() < 0.01, "Latvia runs off the map's edge"


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1080p", "720p"])
def test_every_slide_fills_the_stage_with_readable_text(browser, app_url, size, lang):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    scale = size[1] / stage.HEIGHT
    try:
        for number, key in enumerate(slides.SLIDES):
            _open(page, f"{app_url}/present?lang={lang}&show=1&i={number}")
            page.wait_for_selector(".dih-stage", timeout=30_000)
            page.screenshot(path=SCREENSHOTS / f"stage_{number + 1}_{key}_{lang}_{size[0]}x{size[1]}.png")
            assert page.get_by_role("heading", name=i18n.t(f"slide_{key}", lang)).is_visible()
            assert page.evaluate(CUT_TEXT) == []
            box = page.locator(".dih-stage").bounding_box()
            assert box["width"] == pytest.approx(size[0], abs=2) and box["height"] == pytest.approx(size[1], abs=2)
            sizes = page.evaluate("""() => ({
              value: Math.min(...[...document.querySelectorAll('.dih-stage .value')].map(
                e => parseFloat(getComputedStyle(e).fontSize))),
              label: Math.min(...[...document.querySelectorAll('.dih-stage .label')].map(
                e => parseFloat(getComputedStyle(e).fontSize))),
              footer: parseFloat(getComputedStyle(document.querySelector('.dih-stage .footer')).fontSize),
              title: parseFloat(getComputedStyle(document.querySelector('.st-key-stage_title h1')).fontSize),
              families: [...new Set([...document.querySelectorAll(
                '.st-key-stage_title h1, .dih-stage .value, .dih-stage .label, .dih-stage .footer')].map(
                e => getComputedStyle(e).fontFamily.split(',')[0].replace(/["']/g, '').trim()))],
              label_rows: [...document.querySelectorAll('.dih-stage .kpis .label')].map(e => [
                Math.round(e.parentElement.getBoundingClientRect().top), Math.round(e.getBoundingClientRect().top)]),
              nav: [...document.querySelectorAll('.st-key-present_nav button')].map(b => {
                const r = b.getBoundingClientRect(), s = document.querySelector('.dih-stage').getBoundingClientRect();
                const px = [...b.querySelectorAll('p')].map(p => parseFloat(getComputedStyle(p).fontSize));
                return {size: Math.min(...px),
                        box: [r.left - s.left, r.top - s.top, r.right - s.left, r.bottom - s.top]};
              }),
              chart_face: [...document.querySelectorAll('.dih-stage img.chart')].map(
                e => atob(e.src.split(',')[1]).includes('@font-face{font-family:"Source Sans"')),
              title_lines: Math.round(document.querySelector('.st-key-stage_title h1').getBoundingClientRect().height
                / parseFloat(getComputedStyle(document.querySelector('.st-key-stage_title h1')).lineHeight)),
              figures: [...document.querySelectorAll('.dih-stage .kpis .number')].map(e => {
                const box = e.getBoundingClientRect(), text = document.createRange();
                text.selectNodeContents(e.querySelector('.value'));
                const ink = text.getBoundingClientRect();
                return {top: Math.round(box.top), left: box.left, right: box.right, text: (ink.left + ink.right) / 2};
              }),
            })""")
            assert sizes["value"] >= 96 * scale - 0.5 and sizes["label"] >= 28 * scale - 0.5
            assert sizes["footer"] >= min(18, 18 * scale) - 0.5 and sizes["title"] >= 44 * scale - 0.5
            assert sizes["title_lines"] == 1
            assert len(sizes["nav"]) == 3 and all(b["size"] >= 24 * scale - 0.5 for b in sizes["nav"]), sizes["nav"]
            nav = stage.NAV
            for button in sizes["nav"]:  # inside the buttons' box on the canvas: clear of the source line and chart
                left, top, right, bottom = (v / scale for v in button["box"])
                assert nav.x - 1 <= left and right <= nav.x + nav.w + 1
                assert nav.y - 1 <= top <= bottom <= nav.y + nav.h + 1
            assert sizes["families"] == ["Source Sans"]  # Streamlit's bundled face: one family, nothing fetched
            assert sizes["chart_face"] == ([] if key == "kpis" else [True])  # the chart picture carries it too
            rows = {}
            for row_top, label_top in sizes["label_rows"]:  # the headline figures' labels: one line per row
                rows.setdefault(row_top, set()).add(label_top)
            assert all(len(tops) == 1 for tops in rows.values()), sizes["label_rows"]
            figures = {}  # the headline figures: 3 + 2, each row centred on the stage, each number in its box
            for figure in sizes["figures"]:
                figures.setdefault(figure["top"], []).append(figure)
                assert figure["text"] == pytest.approx((figure["left"] + figure["right"]) / 2, abs=2)
            assert [len(row) for row in figures.values()] == ([3, 2] if key == "kpis" else [])
            for row in figures.values():
                assert row[0]["left"] - box["x"] == pytest.approx(box["x"] + box["width"] - row[-1]["right"], abs=2)
            if size == (1920, 1080):
                assert _serious(page) == []
    finally:
        context.close()
