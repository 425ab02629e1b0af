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
