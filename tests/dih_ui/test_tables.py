import re

import pandas as pd

from dih_data import i18n
from dih_ui import plain, tables
from tests import html_tables


def test_cells_escape_markdown_and_keep_the_no_break_spaces_of_numbers():
    share, amount = i18n.fmt_pct(0.474, "lv", 1), i18n.fmt_eur(12345, "lv")
    shown = tables.cells(pd.DataFrame({"Daļa *no* kopējā": [share], "Avots": ["[x](http://a.b)\nnext"],
                                       "Summa": [amount], "Rindas": [3]}))
    assert list(shown.columns) == [plain.md("Daļa *no* kopējā"), "Avots", "Summa", "Rindas"]
    assert "*" not in shown.columns[0]
    assert shown.iloc[0].tolist() == [plain.md(share), plain.md("[x](http://a.b) next"), amount, 3]
    assert shown.iloc[0, 0] == "47&#44;4\u00a0&#37;" and shown.iloc[0, 2] == "12\u00a0345\u00a0€"
    assert "[" not in shown.iloc[0, 1] and "\n" not in shown.iloc[0, 1]


def _published() -> list:
    return html_tables.parse(tables.html(pd.DataFrame({
        "Pasākumi": ["2", "nav norādīts"], "Avots": ["Interreg Europe labās prakses apraksts „Latvijas Digitālās "
                                                    "inovācijas centrs”", "x"], "Periods": ["2018", "2019"]}),
        "lv", "Publicētie rezultāti", numbers=["Pasākumi"]))


def test_long_text_keeps_a_readable_width_and_numbers_stay_right_on_one_line():
    """On a phone a source's title squeezed to a word a line made every row of the published table ~340 px
    tall; long text columns keep 11em (the table scrolls sideways in its box instead)."""
    [table] = _published()
    assert table.headers == ["Pasākumi", "Avots", "Periods"]
    assert table.header_classes == ["num", "", ""]  # a number column's header stands over its numbers
    assert table.column_classes("Pasākumi") == {"num"} and table.rows[1][0] == "nav norādīts"
    assert table.column_classes("Avots") == {"long"} and table.column_classes("Periods") == {""}  # short: own width
    assert ".dih-table .num{text-align:right}" in tables.CSS and "td.long{min-width:11em}" in tables.CSS
    assert re.search(r"\.dih-table th,\.dih-table td\{[^}]*white-space:nowrap", tables.CSS)  # "nav norādīts": 1 line


def test_every_cell_and_header_is_text_never_markup():
    """Text from files is never markup: tags, character references and Markdown arrive as the characters typed."""
    hostile = ["<img src=x onerror=alert(1)>", "&amp; [x](http://a.b) **b**", "<script>alert(1)</script>"]
    made = tables.html(pd.DataFrame({"<b>Avots</b>": hostile, "N": [1, 2, 3]}), "lv", "<i>t</i>", numbers=["N"])
    assert "<img" not in made and "<script" not in made and "<b>" not in made and "<i>" not in made
    [table] = html_tables.parse(made)
    assert table.headers == ["<b>Avots</b>", "N"] and table.caption == "<i>t</i>"
    assert [row[0] for row in table.rows] == hostile


def test_whole_numbers_are_written_in_the_page_language_and_headers_have_their_scope():
    frame = pd.DataFrame({"Pasākuma veids": ["Konference"], "Pasākumi": [12345]})
    [latvian] = html_tables.parse(tables.html(frame, "lv", "Izmaksas", numbers=["Pasākumi"]))
    [english] = html_tables.parse(tables.html(frame, "en", "Costs", numbers=["Pasākumi"]))
    assert latvian.rows == [["Konference", "12\u00a0345"]] and english.rows == [["Konference", "12,345"]]
    assert latvian.scopes == ["col", "col"] and latvian.caption == "Izmaksas"
    # a box that scrolls sideways on a phone is reachable by keyboard and named like its table
    assert latvian.region == {"class": "dih-table", "role": "region", "tabindex": "0", "aria-label": "Izmaksas"}
