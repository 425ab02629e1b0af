"""Import templates and the data dictionary, generated from the same specs the validator uses.

A template is what a person fills in Excel: headers in Latvian or English, one example row, and a
second sheet explaining every column and its allowed values. Nothing here is written by hand per kind,
so templates, dictionary and validation cannot drift apart.
"""

from __future__ import annotations

import io

import pandas as pd

from .schemas import SCHEMAS, ColumnSpec, columns

KIND_TYPES_EN = {
    "text": "text", "int": "whole number", "money": "number (decimal comma or point)", "score": "whole number",
    "date": "date (2019-03-05 or 05.03.2019)", "place": "municipality (name or ATVK code)",
    "choice": "one of the allowed values", "bool": "yes / no",
}
KIND_TYPES_LV = {
    "text": "teksts", "int": "vesels skaitlis", "money": "skaitlis (decimālkomats vai punkts)",
    "score": "vesels skaitlis", "date": "datums (2019-03-05 vai 05.03.2019)",
    "place": "pašvaldība (nosaukums vai ATVK kods)", "choice": "viena no atļautajām vērtībām", "bool": "jā / nē",
}


def _allowed(spec: ColumnSpec) -> str:
    if spec.choices:
        return ", ".join(spec.choices)
    bounds = [f"≥ {spec.minimum:g}" if spec.minimum is not None else "",
              f"≤ {spec.maximum:g}" if spec.maximum is not None else ""]
    return " ".join(b for b in bounds if b)


def dictionary(kind: str, lang: str) -> pd.DataFrame:
    """One row per column of ``kind``: header (both languages), type, required, allowed values, help, example."""
    latvian = lang == "lv"
    return pd.DataFrame([{
        "column": spec.name,
        "header_lv": spec.label_lv,
        "type": (KIND_TYPES_LV if latvian else KIND_TYPES_EN)[spec.kind],
        "required": ("jā" if latvian else "yes") if spec.required else "",
        "unique": ("jā" if latvian else "yes") if spec.unique else "",
        "allowed": _allowed(spec),
        "help": spec.help_lv if latvian else spec.help_en,
        "example": spec.example,
    } for spec in columns(kind)])


def example_row(kind: str, lang: str) -> pd.DataFrame:
    """The template's table: the headers in ``lang`` with the example row under them."""
    specs = columns(kind)
    headers = [spec.label_lv if lang == "lv" else spec.name for spec in specs]
    return pd.DataFrame([[spec.example for spec in specs]], columns=headers)


def template_csv(kind: str, lang: str) -> bytes:
    """A UTF-8 (BOM) CSV template separated by ';' — what Latvian Excel opens without an import wizard."""
    return example_row(kind, lang).to_csv(index=False, sep=";").encode("utf-8-sig")


def template_xlsx(kind: str, lang: str) -> bytes:
    """An XLSX template: the table to fill in, then a sheet explaining each column."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        example_row(kind, lang).to_excel(writer, index=False, sheet_name=kind)
        dictionary(kind, lang).to_excel(writer, index=False, sheet_name="columns" if lang == "en" else "kolonnas")
        for sheet in writer.book.worksheets:
            for column in sheet.columns:
                width = max(len(str(cell.value or "")) for cell in column)
                sheet.column_dimensions[column[0].column_letter].width = min(60, max(12, width + 2))
    return buffer.getvalue()


KINDS = tuple(SCHEMAS)
