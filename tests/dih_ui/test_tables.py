import re

import pandas as pd

from dih_data import i18n
from dih_ui import plain, tables


def test_cells_escape_markdown_and_keep_the_no_break_spaces_of_numbers():
    share, amount = i18n.fmt_pct(0.474, "lv", 1), i18n.fmt_eur(12345, "lv")
    shown = tables.cells(pd.DataFrame({"Daļa *no* kopējā": [share], "Avots": ["[x](http://a.b)\nnext"],
                                       "Summa": [amount], "Rindas": [3]}))
    assert list(shown.columns) == [plain.md("Daļa *no* kopējā"), "Avots", "Summa", "Rindas"]
    assert "*" not in shown.columns[0]
    assert shown.iloc[0].tolist() == [plain.md(share), plain.md("[x](http://a.b) next"), amount, 3]
    assert shown.iloc[0, 0] == "47&#44;4\u00a0&#37;" and shown.iloc[0, 2] == "12\u00a0345\u00a0€"
    assert "[" not in shown.iloc[0, 1] and "\n" not in shown.iloc[0, 1]


def test_long_text_keeps_a_readable_width_and_numbers_stay_on_one_line(monkeypatch):
    """On a phone a source's title squeezed to a word a line made every row of the published table ~340 px
    tall; long text columns keep 11em (the table scrolls sideways in its box instead)."""
    sent = []
    monkeypatch.setattr(tables.st, "table", lambda styler, hide_index: sent.append(styler))
    tables.show(pd.DataFrame({"Pasākumi": ["2", "nav norādīts"], "Avots": ["Interreg Europe labās prakses apraksts "
                              "„Latvijas Digitālās inovācijas centrs”", "x"], "Periods": ["2018", "2019"]}),
                numbers=["Pasākumi"])
    styles = dict(sent[0]._compute().ctx)
    assert ("text-align", "right !important") in styles[(0, 0)]
    assert sent[0].data.iloc[1, 0] == "nav\u00a0norādīts" and sent[0].data.iloc[0, 2] == "2018"  # on one line
    assert ("min-width", "11em") in styles[(0, 1)] and (1, 2) not in styles  # short text keeps its own width


def test_number_headers_are_right_aligned_over_their_numbers(monkeypatch):
    """A count's header stands over its right-aligned figures, not at the left edge of the column; text headers
    stay where they were."""
    sent = []
    monkeypatch.setattr(tables.st, "table", lambda styler, hide_index: sent.append(styler))
    tables.show(pd.DataFrame({"Pasākuma veids": ["Konference"], "Pasākumi": ["2"], "Avots": ["x"],
                              "Daļa *no* kopējā": ["4 %"]}), numbers=["Pasākumi", "Daļa *no* kopējā"])
    page = sent[0].to_html()
    uuid = sent[0].uuid
    assert {int(c) for c in re.findall(rf"#T_{uuid} th\.col(\d+) \{{\s*text-align: right !important;", page)} == {1, 3}
