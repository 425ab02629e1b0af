"""Import templates and the data dictionary, generated from the same specs the validator uses.

A template is what a person fills in Excel: headers in Latvian or English, one example row marked as
such in its first column (the importer refuses it if left in), and a second sheet explaining every column
and its allowed values — every word in the template's language. Nothing here is written by hand per kind,
so templates, dictionary and validation cannot drift apart.
"""

from __future__ import annotations

import io

import pandas as pd

from . import i18n, vocabularies
from .schemas import CHOICE_LABELS_LV, EXAMPLE_HEADERS, EXAMPLE_MARKS, SCHEMAS, ColumnSpec, columns

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


def written(code: str, lang: str) -> str:
    """How a template in ``lang`` writes a code with a Latvian label (event type, format, yes/no — "jā"): that
    label in Latvian, else the code (the validator reads each back to the code)."""
    return CHOICE_LABELS_LV.get(code, code) if lang == "lv" else code


def choice_label(spec: ColumnSpec, code: str, lang: str) -> str:
    """How a template in ``lang`` writes a choice: a vocabulary's catalog label, else ``written``."""
    if spec.name in vocabularies.VOCABULARIES:
        return vocabularies.label(spec.name, code, lang)
    return written(code, lang)


def _allowed(spec: ColumnSpec, lang: str) -> str:
    if spec.choices:
        return ", ".join(choice_label(spec, code, lang) for code in spec.choices)
    bounds = [f"≥ {spec.minimum:g}" if spec.minimum is not None else "",
              f"≤ {spec.maximum:g}" if spec.maximum is not None else ""]
    return " ".join(b for b in bounds if b)


def example(spec: ColumnSpec, lang: str) -> str:
    """The column's example value as a template in ``lang`` writes it (choices by their label)."""
    if spec.kind == "choice":
        return choice_label(spec, spec.example, lang)
    if spec.kind == "bool":
        return written(spec.example, lang)
    return (spec.example_lv or spec.example) if lang == "lv" else spec.example


def dictionary(kind: str, lang: str) -> pd.DataFrame:
    """One row per column of ``kind``: header (both languages), type, required, allowed values, help, example."""
    latvian = lang == "lv"
    return pd.DataFrame([{
        "column": spec.name,
        "header_lv": spec.label_lv,
        "type": (KIND_TYPES_LV if latvian else KIND_TYPES_EN)[spec.kind],
        "required": written("yes", lang) if spec.required else "",
        "unique": written("yes", lang) if spec.unique else "",
        "allowed": _allowed(spec, lang),
        "help": spec.help_lv if latvian else spec.help_en,
        "example": example(spec, lang),
    } for spec in columns(kind)])


EXAMPLE_HELP = {
    "lv": "Aizpildīts tikai piemēra rindā: izdzēsiet piemēra rindu pirms importa; savās rindās atstājiet tukšu "
          "(vai izdzēsiet šo kolonnu).",
    "en": "Filled in the example row only: delete the example row before importing; leave it empty in your rows "
          "(or delete this column).",
}


def guide(kind: str, lang: str) -> pd.DataFrame:
    """The column guide as people read it (the template's second sheet and the Data page): the example
    marker first, then :func:`dictionary`, with headers in ``lang``. A Latvian guide names each column by
    its Latvian header only: the contract's English names are the English guide's (and the README's)."""
    own = lang if lang in EXAMPLE_HEADERS else "en"  # a catalog language without template text of its own
    marker = {"column": EXAMPLE_HEADERS[own], "help": EXAMPLE_HELP[own], "example": EXAMPLE_MARKS[own]}
    columns_guide = dictionary(kind, lang)
    if lang == "lv":
        columns_guide = columns_guide.assign(column=columns_guide.pop("header_lv"))
    table = pd.concat([pd.DataFrame([marker]), columns_guide], ignore_index=True)[columns_guide.columns].fillna("")
    return table.rename(columns=lambda column: i18n.t(f"dict_{column}", lang))


def example_row(kind: str, lang: str) -> pd.DataFrame:
    """The template's table: the marker column and the headers in ``lang``, with the marked example row."""
    specs = columns(kind)
    own = lang if lang in EXAMPLE_HEADERS else "en"  # a catalog language without template text of its own
    headers = [EXAMPLE_HEADERS[own], *(spec.label_lv if lang == "lv" else spec.name for spec in specs)]
    return pd.DataFrame([[EXAMPLE_MARKS[own], *(example(spec, lang) for spec in specs)]], columns=headers)


def template_csv(kind: str, lang: str) -> bytes:
    """A UTF-8 (BOM) CSV template separated by ';' — what Latvian Excel opens without an import wizard."""
    return example_row(kind, lang).to_csv(index=False, sep=";").encode("utf-8-sig")


def template_xlsx(kind: str, lang: str) -> bytes:
    """An XLSX template: the table to fill in, then a sheet explaining each column, named in ``lang``."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        example_row(kind, lang).to_excel(writer, index=False, sheet_name=i18n.t(f"kind_{kind}", lang)[:31])
        guide(kind, lang).to_excel(writer, index=False, sheet_name=i18n.t("template_guide_sheet", lang)[:31])
        for sheet in writer.book.worksheets:
            for column in sheet.columns:
                width = max(len(str(cell.value or "")) for cell in column)
                sheet.column_dimensions[column[0].column_letter].width = min(60, max(12, width + 2))
    return buffer.getvalue()


KINDS = tuple(SCHEMAS)
