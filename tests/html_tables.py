"""The project's HTML tables (``dih_ui.tables``) read back from what a page sent: text as the browser shows it
(character references decoded, tags gone), with each cell's class and each header's scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pandas as pd
from streamlit.testing.v1 import AppTest


@dataclass
class Table:
    caption: str = ""
    headers: list[str] = field(default_factory=list)
    scopes: list[str | None] = field(default_factory=list)
    header_classes: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    classes: list[list[str]] = field(default_factory=list)  # per row, each cell's class ("" when it has none)
    region: dict = field(default_factory=dict)  # the scrolling box's attributes

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=self.headers)

    def column_classes(self, header: str) -> set[str]:
        index = self.headers.index(header)
        return {row[index] for row in self.classes}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.text: list[str] | None = None
        self.place = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "dih-table" in (attrs.get("class") or "").split():
            self.tables.append(Table(region=attrs))
        elif not self.tables:
            return
        table = self.tables[-1]
        if tag in ("thead", "tbody"):
            self.place = tag
        elif tag == "tr" and self.place == "tbody":
            table.rows.append([])
            table.classes.append([])
        elif tag in ("th", "td", "caption"):
            self.text = []
            if tag == "th" and self.place == "thead":
                table.scopes.append(attrs.get("scope"))
                table.header_classes.append(attrs.get("class") or "")
            elif tag != "caption":
                table.classes[-1].append(attrs.get("class") or "")

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag not in ("th", "td", "caption") or self.text is None:
            return
        table, text = self.tables[-1], "".join(self.text)
        self.text = None
        if tag == "caption":
            table.caption = text
        elif self.place == "thead":
            table.headers.append(text)
        else:
            table.rows[-1].append(text)


def parse(body: str) -> list[Table]:
    reader = _Reader()
    reader.feed(body)
    reader.close()
    return reader.tables


def in_app(at: AppTest) -> list[Table]:
    """Every ``dih_ui.tables`` table the run sent, in page order."""
    return [table for element in at.get("html") for table in parse(element.proto.body)]
