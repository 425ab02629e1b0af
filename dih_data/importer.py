"""Validate a file against the import contract and write it as one batch — all rows or none.

Parsing turns text cells into typed columns (reporting every cell it cannot read); pandera then
checks ranges and uniqueness; cross-column and database rules follow. Any error rejects the file
and nothing is written. Warnings (e.g. a pre-2021 municipality counted in its successor) are
reported and do not block.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from sqlalchemy import Engine, select
from sqlalchemy import text as sql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import batches, geography, i18n, progress, pxweb, readers, records, survey, values, vocabularies
from .export import unescape_formulas
from .messages import Column, Msg, Options, column_header, per_language, say
from .model import RECORD_TABLES, ImportBatch
from .schemas import (
    BOOL_LABELS,
    EXAMPLE_HEADERS,
    INT_LIMIT,
    MONEY_LIMIT,
    NATURAL_KEYS,
    ColumnSpec,
    DateWindow,
    columns,
    date_window,
)

MAX_LISTED = 200  # problems listed per file; the rest are counted
MAX_SUGGESTED = 50  # distinct unknown places that get closest-name suggestions (each costs a fuzzy search)


@dataclass(slots=True)
class Problem:
    file: str
    row: int | None  # as the user sees it in the file: the header is row 1
    column: str | None
    value: str | None
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        return self.line(i18n.SOURCE_LANG)

    def line(self, lang: str) -> str:
        """The problem as one line in ``lang`` (the command line's report)."""
        where = f"{self.file}:{self.row}" if self.row else self.file
        column = i18n.t("problem_line_column", lang, column=column_header(self.column, lang)) if self.column else ""
        value = (i18n.t("problem_line_value", lang, value=self.value if lang != "en" else repr(self.value))
                 if self.value not in (None, "") else "")
        return i18n.t("problem_line", lang, where=where, column=column, value=value, message=say(self.message, lang),
                      fix=say(self.fix, lang))

    def said(self, lang: str) -> tuple[str, str]:
        """(what is wrong, how to fix it) in ``lang``."""
        return say(self.message, lang), say(self.fix, lang)


@dataclass
class ImportResult:
    kind: str
    file_name: str
    sha256: str
    rows: int
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    batch_id: int | None = None
    written: bool = False
    counts: dict[str, int] = field(default_factory=dict)  # added / updated / unchanged


def _key(text: str) -> str:
    return geography.normalise(text).replace(" ", "_")


class _Checker:
    """Collects problems for one file while its columns are parsed."""

    def __init__(self, file_name: str):
        self.file_name = file_name
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, rows, column, values, message, fix, severity="error") -> None:
        target = self.errors if severity == "error" else self.warnings
        for row, value in zip(rows, values, strict=True):
            target.append(Problem(self.file_name, int(row) + readers.FIRST_DATA_ROW, column,
                                  None if value is None else str(value), message, fix, severity))

    def bad(self, frame: pd.DataFrame, mask: pd.Series, column: str, message: str, fix: str, severity="error"):
        if mask.any():
            self.add(frame.index[mask], column, frame.loc[mask, column], message, fix, severity)


# --- parsing ---------------------------------------------------------------------------------------
def _groups(text: pd.Series, mask: pd.Series) -> dict[str, pd.Index]:
    """Row labels per distinct value among the masked cells (one pass, not one scan per value)."""
    chosen = text[mask]
    return chosen.groupby(chosen, sort=False).groups if len(chosen) else {}


def _number_text(value: float) -> str:
    return f"{value:,.6f}".rstrip("0").rstrip(".").replace(",", " ")


def _parse_numbers(spec: ColumnSpec, text: pd.Series, filled: pd.Series, check: _Checker) -> pd.Series:
    readings = {value: values.read_number(value) for value in text[filled].unique()}
    numbers = text.map({value: reading.value for value, reading in readings.items()}).astype("float64")
    problem = text.map({value: reading.problem for value, reading in readings.items()})
    example = per_language(en=spec.example, lv=spec.example_lv or spec.example)
    check.bad(text.to_frame(spec.name), problem.eq(values.NOT_A_NUMBER), spec.name, Msg("problem_not_a_number"),
              Msg("problem_not_a_number_fix", example=example))
    check.bad(text.to_frame(spec.name), problem.eq(values.TOO_LONG), spec.name,
              Msg("problem_too_many_digits", digits=values.MAX_SIGNIFICANT_DIGITS), Msg("problem_too_many_digits_fix"))
    for value, rows in _groups(text, problem.eq(values.AMBIGUOUS)).items():
        decimal, thousands = (_number_text(reading) for reading in readings[value].readings)
        decimal_said = per_language(en=decimal, lv=decimal.replace(".", ","))
        check.add(rows, spec.name, [value] * len(rows),
                  Msg("problem_ambiguous", value=value, decimal=decimal_said, thousands=thousands),
                  Msg("problem_ambiguous_fix", thousands_plain=thousands.replace(" ", ""), thousands=thousands,
                      decimal_written=decimal.replace(".", ","), decimal=decimal_said))
    whole = spec.kind in ("int", "score")
    limit = INT_LIMIT if whole else MONEY_LIMIT
    check.bad(text.to_frame(spec.name), numbers.abs().gt(limit).fillna(False), spec.name,
              Msg("problem_too_large", column=Column(spec.name), limit=per_language(
                  en=f"{limit:,.0f}".replace(",", " "), lv=i18n.fmt_int(limit, "lv"))),
              Msg("problem_too_large_fix"))
    numbers = numbers.where(numbers.abs().le(limit))
    if whole:
        fractional = numbers.notna() & (numbers % 1 != 0)
        check.bad(text.to_frame(spec.name), fractional, spec.name, Msg("problem_not_whole"),
                  Msg("problem_not_whole_fix", example=example))
        return numbers.where(~fractional).round().astype("Int64")
    return numbers


def _parse_dates(spec: ColumnSpec, text: pd.Series, filled: pd.Series, check: _Checker,
                 window: DateWindow) -> pd.Series:
    found = {value: values.read_date(value) for value in text[filled].unique()}
    dates = text.map(found).astype(object).where(filled, None)
    invalid = filled & dates.isna()
    check.bad(text.to_frame(spec.name), invalid, spec.name, Msg("problem_bad_date"), Msg("problem_bad_date_fix"))
    outside = dates.map(lambda day: day is not None and not pd.isna(day)
                        and not window.earliest <= day <= window.latest).astype(bool)
    check.bad(text.to_frame(spec.name), outside, spec.name,
              Msg("problem_date_outside", earliest=str(window.earliest), latest=str(window.latest)),
              Msg("problem_date_outside_fix"))
    return dates.where(~invalid & ~outside, None)


def _text_limit(kind: str, name: str) -> int | None:
    """The stored column's length limit (``String(n)``), so a long text is an error, not a failed write."""
    model = RECORD_TABLES.get(kind)
    column = model.__table__.columns.get(name) if model is not None else None
    if name == "municipality" and model is not None:
        column = model.__table__.columns.get("municipality_as_given", column)
    return getattr(getattr(column, "type", None), "length", None)


def _parse_column(kind: str, spec: ColumnSpec, text: pd.Series, frame: pd.DataFrame, check: _Checker,
                  window: DateWindow) -> pd.Series:
    filled = text != ""
    if spec.required:
        check.bad(frame, ~filled, spec.name, Msg("problem_required", column=Column(spec.name)),
                  Msg("problem_required_fix", help=_help(spec)))
    limit = _text_limit(kind, spec.name) if spec.kind in ("text", "place") else None
    if limit:
        long = text.str.len() > limit
        check.bad(frame, long, spec.name, Msg("problem_text_too_long", limit=limit),
                  Msg("problem_text_too_long_fix", limit=limit))
        filled = filled & ~long
    if spec.kind == "text":
        return text.astype(object).where(filled, None)
    if spec.kind in ("int", "money", "score"):
        return _parse_numbers(spec, text, filled, check)
    if spec.kind == "date":
        return _parse_dates(spec, text, filled, check, window)
    if spec.kind == "choice":
        lookup = {_key(label): code for code, labels in spec.choices.items() for label in (code, *labels)}
        codes = _map_each_distinct(text, lambda value: lookup.get(_key(value)) if value else None)
        for value in text[filled & codes.isna()].unique():
            vocabulary = spec.name if spec.name in vocabularies.VOCABULARIES else None
            near = vocabularies.closest_codes(vocabulary, value) if vocabulary else []
            check.bad(frame, text == value, spec.name, Msg("problem_unknown_choice", column=Column(spec.name),
                                                          value=value),
                      Msg.joined(Msg("problem_did_you_mean", options=Options(tuple(near), vocabulary)) if near else "",
                                 Msg("problem_unknown_choice_fix", codes=_allowed(spec))))
        return codes
    if spec.kind == "bool":
        lookup = {_key(label): flag for flag, labels in BOOL_LABELS.items() for label in labels}
        flags = _map_each_distinct(text, lambda value: lookup.get(_key(value)) if value else None)
        check.bad(frame, filled & flags.isna(), spec.name, Msg("problem_not_yes_no"), Msg("problem_not_yes_no_fix"))
        return flags
    if spec.kind == "place":
        return _check_places(spec, text.where(filled, ""), frame, check)
    raise ValueError(spec.kind)


def _map_each_distinct(text: pd.Series, function) -> pd.Series:
    """``text.map(function)`` calling ``function`` once per distinct value (a column repeats a few codes)."""
    results = {value: function(value) for value in text.unique()}
    return text.map(results.__getitem__)


def _check_places(spec: ColumnSpec, text: pd.Series, frame: pd.DataFrame, check: _Checker) -> pd.Series:
    unknown = 0
    for value, rows in _groups(text, text != "").items():
        try:
            resolution = geography.resolve(value)
        except geography.UnknownPlace as error:
            unknown += 1
            suggestions = error.suggestions if unknown <= MAX_SUGGESTED else []
            hint = Msg("problem_did_you_mean", options=Options(tuple(suggestions))) if suggestions else ""
            check.add(rows, spec.name, [value] * len(rows), Msg("problem_unknown_municipality"),
                      Msg.joined(hint, Msg("problem_unknown_municipality_fix")))
            continue
        if resolution.warning:
            count = Msg("problem_rows_count", n=len(rows)) if len(rows) > 1 else ""
            check.add(rows[:1], spec.name, [value], Msg.joined(resolution.warning, count),
                      Msg("problem_merged_municipality_fix"), severity="warning")
    return text.astype(object).where(text != "", None)


# --- checks after parsing ------------------------------------------------------------------------
def _pandera_schema(kind: str, present: list[ColumnSpec]) -> pa.DataFrameSchema:
    checks = {}
    for spec in present:
        column_checks = []
        if spec.minimum is not None:
            column_checks.append(pa.Check.ge(spec.minimum))
        if spec.maximum is not None:
            column_checks.append(pa.Check.le(spec.maximum))
        checks[spec.name] = pa.Column(nullable=True, checks=column_checks, unique=spec.unique)
    return pa.DataFrameSchema(checks)


def _help(spec: ColumnSpec):
    return per_language(en=spec.help_en, lv=spec.help_lv)


def _allowed(spec: ColumnSpec):
    """A choice column's values: the codes in English, the template's labels in another language (the codes
    alone where there are more than a dozen, e.g. NACE letters)."""
    from .templates import choice_label  # templates import the schemas this module reads

    codes = ", ".join(spec.choices)
    return per_language(**{lang: codes if lang == i18n.SOURCE_LANG or len(spec.choices) > 12 else
                           ", ".join(choice_label(spec, code, lang) for code in spec.choices)
                           for lang in i18n.languages()})


def _range_message(spec: ColumnSpec) -> tuple[str, str]:
    if spec.minimum is not None and spec.maximum is not None:
        return (Msg("problem_range", column=Column(spec.name), minimum=spec.minimum, maximum=spec.maximum),
                _help(spec))
    return (Msg("problem_minimum", column=Column(spec.name), minimum=spec.minimum),
            Msg("problem_minimum_fix", minimum=spec.minimum, help=_help(spec)))


def _run_pandera(kind: str, parsed: pd.DataFrame, present: list[ColumnSpec], check: _Checker) -> None:
    try:
        _pandera_schema(kind, present).validate(parsed, lazy=True)
    except pa.errors.SchemaErrors as failure:
        specs = {spec.name: spec for spec in present}
        for case in failure.failure_cases.itertuples():
            spec = specs.get(case.column)
            if spec is None or case.index is None or pd.isna(case.index):
                continue
            if "unique" in str(case.check):
                message, fix = Msg("problem_duplicate", column=Column(spec.name)), Msg("problem_duplicate_fix")
            else:
                message, fix = _range_message(spec)
            check.add([int(case.index)], spec.name, [case.failure_case], message, fix)


def _cross_checks(kind: str, parsed: pd.DataFrame, check: _Checker) -> None:
    def has(*names):
        return all(name in parsed for name in names)

    if kind == "events":
        if has("end_date", "start_date"):
            both = parsed["end_date"].notna() & parsed["start_date"].notna()
            early = both & (pd.to_datetime(parsed["end_date"]) < pd.to_datetime(parsed["start_date"]))
            check.bad(parsed, early, "end_date", Msg("problem_ends_before_start"),
                      Msg("problem_ends_before_start_fix", end=Column("end_date"), start=Column("start_date")))
        online = parsed["format"].eq("online") if "format" in parsed else pd.Series(False, index=parsed.index)
        place = parsed["municipality"] if "municipality" in parsed else pd.Series(None, index=parsed.index)
        check.bad(parsed.assign(municipality=place), place.isna() & ~online, "municipality",
                  Msg("problem_place_required", column=Column("municipality")),
                  Msg("problem_place_required_fix", format=Column("format")))
        if has("cooperation_projects_initiated", "cooperation_projects_implemented"):
            over = parsed["cooperation_projects_implemented"] > parsed["cooperation_projects_initiated"]
            check.bad(parsed, over.fillna(False).astype(bool), "cooperation_projects_implemented",
                      Msg("problem_more_implemented"), Msg("problem_more_implemented_fix"))
        if has("smes", "organisations"):
            over = (parsed["smes"] > parsed["organisations"]).fillna(False).astype(bool)
            check.bad(parsed, over, "smes", Msg("problem_more_smes"), Msg("problem_more_smes_fix"))


def _database_checks(engine: Engine | None, kind: str, parsed: pd.DataFrame, check: _Checker,
                     update: bool = False) -> None:
    if engine is None:
        return
    key = NATURAL_KEYS.get(kind)
    if key and key in parsed and not update:
        existing = _existing_ids(engine, kind, key)
        check.bad(parsed, parsed[key].isin(existing), key, Msg("problem_id_exists", column=Column(key)),
                  Msg("problem_id_exists_fix"))
    if kind == "participations":
        for column, referenced in (("event_id", "events"), ("org_id", "organisations")):
            missing = parsed[column].notna() & ~parsed[column].isin(_existing_ids(engine, referenced, column))
            check.bad(parsed, missing, column, Msg(f"problem_no_{referenced[:-1]}", column=Column(column)),
                      Msg(f"problem_no_{referenced[:-1]}_fix"))


def _existing_ids(engine: Engine, kind: str, column: str) -> set[str]:
    model = RECORD_TABLES[kind]
    with Session(engine) as session:
        return set(session.scalars(
            select(getattr(model, column)).join(ImportBatch, ImportBatch.id == model.batch_id)
            .where(ImportBatch.rolled_back_at.is_(None))
        ))


def validate(kind: str, table: pd.DataFrame, file_name: str, engine: Engine | None = None, *,
             unknown_barriers: str = "error", mode: str = "add", today: dt.date | None = None):
    """Parse and check a text table; returns (clean canonical frame, errors, warnings).

    Dates must fall in ``schemas.date_window(today)``.

    ``mode="update"`` accepts ids already in the database (their rows will be updated).
    ``unknown_barriers="other"`` keeps survey barriers that match no catalogue entry as "other" (their
    text goes to ``other_barrier``) instead of rejecting the file.
    """
    check = _Checker(file_name)
    window = date_window(today)
    specs = columns(kind)
    by_header = {}
    for spec in specs:
        by_header[_key(spec.name)] = spec
        by_header.setdefault(_key(spec.label_lv), spec)
    present: list[ColumnSpec] = []
    renamed = {}
    for header in table.columns:
        spec = by_header.get(_key(str(header)))
        if _key(str(header)) in EXAMPLE_KEYS:
            _refuse_example_rows(table, header, check)
        elif spec is None:
            check.warnings.append(Problem(file_name, 1, str(header), None, Msg("problem_unknown_column"),
                                          Msg("problem_unknown_column_fix",
                                              columns=tuple(Column(s.name) for s in specs)), "warning"))
        elif spec not in present:
            present.append(spec)
            renamed[header] = spec.name
    for spec in specs:
        if spec.required and spec not in present:
            check.errors.append(Problem(file_name, 1, spec.name, None,
                                        Msg("problem_missing_column", column=Column(spec.name)),
                                        Msg("problem_missing_column_fix", name=spec.name, label=spec.label_lv,
                                            help=_help(spec))))
    if check.errors:
        return None, check.errors, check.warnings
    text = table[list(renamed)].rename(columns=renamed).fillna("").astype(str).apply(lambda s: s.str.strip())
    text = text.apply(unescape_formulas)  # the leading ' our exports put before formula-like text
    parsed = pd.DataFrame(index=text.index)
    for spec in present:
        parsed[spec.name] = _parse_column(kind, spec, text[spec.name], text, check, window)
    if kind == "events":
        parsed = _complete_events(parsed, text)
    if kind == "context":
        parsed["area"] = _context_areas(parsed["area"], text, check)
    if kind == "survey" and "barriers" in parsed:
        parsed = _survey_barriers(parsed, check, keep_unknown=unknown_barriers == "other")
    if kind == "participations" and "people" in parsed:
        parsed["people"] = parsed["people"].fillna(1)
    _run_pandera(kind, parsed, present, check)
    _cross_checks(kind, parsed, check)
    if not check.errors:
        _database_checks(engine, kind, parsed, check, update=mode == "update")
    return (None if check.errors else parsed), check.errors, check.warnings


EXAMPLE_KEYS = {_key(header) for header in EXAMPLE_HEADERS.values()}


def _refuse_example_rows(table: pd.DataFrame, header, check: _Checker) -> None:
    """A row whose template marker is filled in is the template's example, left in by mistake."""
    marks = table[header].fillna("").astype(str).str.strip()
    for index in table.index[marks != ""]:
        row = int(index) + readers.FIRST_DATA_ROW
        check.add([index], str(header), [marks[index]], Msg("problem_example_row"),
                  Msg("problem_example_row_fix", row=row, header=str(header)))


def _context_areas(areas: pd.Series, text: pd.DataFrame, check: _Checker) -> pd.Series:
    """A context area is a planning region (stored as its NUTS 3 code) or a municipality (its ATVK code)."""
    codes = {}
    for value in areas.dropna().unique():
        region = geography.region_of(value)
        try:
            codes[value] = region.nuts3 if region else geography.resolve(value).atvk
        except geography.UnknownPlace as error:
            rows = areas.index[areas == value]
            check.add(rows, "area", [value] * len(rows), Msg("problem_unknown_area"),
                      Msg("problem_unknown_area_fix", suggestions=", ".join(error.suggestions)))
    return areas.map(codes)


def _survey_barriers(parsed: pd.DataFrame, check: _Checker, keep_unknown: bool) -> pd.DataFrame:
    """Barrier answers as ';'-joined catalogue codes; unknown labels are errors or kept as "other"."""
    codes, others = [], []
    parses: dict[str | None, tuple[list[str], list[str]]] = {}  # answers repeat: parse each text once
    for row, text in parsed["barriers"].items():
        key = text if isinstance(text, str) else None
        if key not in parses:
            parses[key] = survey.parse_barriers(key)
        known, unknown = parses[key]
        if unknown and keep_unknown:
            known = [*known, survey.OTHER] if survey.OTHER not in known else known
            check.add([row], "barriers", ["; ".join(unknown)], Msg("problem_barrier_kept"),
                      Msg("problem_barrier_kept_fix"), "warning")
        elif unknown:
            check.add([row], "barriers", ["; ".join(unknown)], Msg("problem_barrier_unknown"),
                      Msg("problem_barrier_unknown_fix", codes=", ".join(survey.CODES)))
        codes.append(";".join(known) or None)
        others.append("; ".join(unknown) if unknown and keep_unknown else None)
    parsed["barriers"] = codes
    if keep_unknown:
        existing = parsed["other_barrier"] if "other_barrier" in parsed else pd.Series(None, index=parsed.index)
        parsed["other_barrier"] = [
            "; ".join(p for p in (old, new) if isinstance(p, str) and p) or None
            for old, new in zip(existing, others, strict=True)
        ]
    return parsed


def _complete_events(parsed: pd.DataFrame, text: pd.DataFrame) -> pd.DataFrame:
    """Default format onsite; a missing event_id becomes a stable hash of the row's content."""
    parsed["format"] = parsed["format"].fillna("onsite") if "format" in parsed else "onsite"
    if "event_id" not in parsed:
        parsed["event_id"] = None
    blank = parsed["event_id"].isna()
    if blank.any():
        rows = text[blank]
        content = rows.iloc[:, 0].str.cat([rows[c] for c in rows.columns[1:]], sep="|")
        parsed.loc[blank, "event_id"] = "EV-" + content.map(lambda v: hashlib.sha1(v.encode("utf-8")).hexdigest()[:12])
    return parsed


def import_file(
    engine: Engine,
    kind: str,
    path: str | Path,
    *,
    dry_run: bool = False,
    user: str = "cli",
    provenance: str = "recorded",
    file_name: str | None = None,
    data: bytes | None = None,
    indicator: str | None = None,
    unknown_barriers: str = "error",
    mode: str = "add",
    today: dt.date | None = None,
    limits: readers.Limits = readers.COMMAND_LINE,
) -> ImportResult:
    """Read, validate and (unless ``dry_run`` or any error) write the file as one batch.

    Whatever the bytes, this returns a report and never raises for the file's content. Context files
    may also be PxWeb's wide tables; ``indicator`` names theirs when neither the title nor the table
    says it. ``mode="update"`` updates rows whose id already exists instead of rejecting them; the
    result counts added, updated and unchanged rows. ``limits`` bound the file's size (readers.UPLOAD for the browser).
    """
    data = Path(path).read_bytes() if data is None else data
    file_name = file_name or Path(path).name
    result = ImportResult(kind, file_name, hashlib.sha256(data).hexdigest(), 0)
    try:
        clean, wide = _read_and_validate(engine, kind, data, file_name, result, indicator=indicator,
                                         unknown_barriers=unknown_barriers, mode=mode, today=today,
                                         limits=limits)
    except Exception as error:  # noqa: BLE001 — last resort: a report, never a traceback, for any bytes
        record_unexpected(result, file_name, error)
        return result
    if wide:
        _point_at_wide_cells(wide, result, file_name)
    if result.errors or dry_run:
        return result
    _write(engine, kind, clean, result, provenance=provenance, user=user, mode=mode)
    return result


def _read_and_validate(engine, kind, data, file_name, result, *, indicator, unknown_barriers, mode, today,
                       limits):
    """The file's table, checked; problems go into ``result``. Returns (clean frame or None, wide table or None)."""
    try:
        wide = _wide_context(data, file_name, indicator, limits) if kind == "context" else None
        table = wide.tidy if wide else readers.read_table(data, file_name, limits)
    except readers.UnreadableFile as error:
        result.errors.append(Problem(file_name, error.line, None, None, error.args[0], error.fix))
        return None, None
    except pxweb.UnknownIndicator as error:
        result.errors.append(Problem(file_name, None, None, None, error.args[0],
                                     Msg("problem_unknown_indicator_fix")))
        return None, None
    result.rows = len(table)
    clean, result.errors, result.warnings = validate(kind, table, file_name, engine, unknown_barriers=unknown_barriers,
                                                     mode=mode, today=today)
    encoding = table.attrs.get("encoding")
    if encoding in readers.ENCODING_NAMES and encoding != "utf-8":
        result.warnings.insert(0, Problem(
            file_name, None, None, None,
            Msg("problem_not_utf8", encoding=readers.ENCODING_NAMES[encoding]), Msg("problem_not_utf8_fix"),
            "warning"))
    return clean, wide


def record_unexpected(result: ImportResult, file_name: str, error: Exception) -> None:
    """Record an error nobody foresaw as one problem (and in the log), instead of raising it at the editor."""
    logging.getLogger(__name__).exception("import of %s failed unexpectedly", file_name)
    result.errors = [Problem(file_name, None, None, None,
                             Msg("problem_unexpected", error=type(error).__name__), Msg("problem_unexpected_fix"))]
    result.written = False


def import_table(engine: Engine, kind: str, table: pd.DataFrame, *, name: str, user: str,
                 mode: str = "update", dry_run: bool = False) -> ImportResult:
    """Validate and write a table of text cells that did not come from a file (the browser's editor),
    by exactly the rules and transaction of a file import."""
    result = ImportResult(kind, name, records.frame_sha256(table), len(table))
    try:
        clean, result.errors, result.warnings = validate(kind, table, name, engine, mode=mode)
    except Exception as error:  # noqa: BLE001 — last resort, as for files
        record_unexpected(result, name, error)
        return result
    if not (result.errors or dry_run):
        _write(engine, kind, clean, result, provenance="recorded", user=user, mode=mode)
    return result


def _write(engine: Engine, kind: str, clean: pd.DataFrame, result: ImportResult, *, provenance: str, user: str,
           mode: str) -> None:
    """One transaction: release ids of rolled-back rows, then add (or add and update) the rows as a batch.

    Another import may have committed the same new ids since this file was checked. The ids are
    therefore checked again inside the transaction, after taking the write lock (SQLite: the first write
    statement; PostgreSQL: a transaction lock per kind), and a unique violation that still slips through
    is reported the same way: "already imported by batch N", nothing written.
    """
    progress.reached("validated", rows=len(clean))
    key = NATURAL_KEYS.get(kind)
    ids = clean[key].dropna().astype(str).tolist() if key in clean else []
    try:
        with Session(engine) as session, session.begin():
            if engine.dialect.name == "postgresql":
                session.execute(sql("SELECT pg_advisory_xact_lock(hashtext(:kind))"), {"kind": f"dih:{kind}"})
            if ids:
                batches.release_hidden_ids(session, kind, ids)  # on SQLite this first write takes the lock
            if mode != "update" and _report_taken(session, kind, clean, result):
                session.rollback()
                return
            if mode == "update" and key in clean:
                result.batch_id, result.counts = records.upsert_frame(
                    session, kind, clean, file_name=result.file_name, sha256=result.sha256, provenance=provenance,
                    user=user)
            else:
                result.batch_id = records.insert_frame(
                    session, kind, clean, file_name=result.file_name, sha256=result.sha256, provenance=provenance,
                    user=user)
                result.counts = {"added": len(clean), "updated": 0, "unchanged": 0}
    except IntegrityError:
        result.batch_id, result.counts = None, {}
        with Session(engine) as session:
            if not _report_taken(session, kind, clean, result):
                raise
        return
    progress.reached("committed", batch_id=result.batch_id)
    result.written = True


LOOKUP_ALL_ABOVE = 20_000
"""Ids of a file above which the taken ones are found by reading the table's active ids once."""


def _report_taken(session: Session, kind: str, clean: pd.DataFrame, result: ImportResult) -> bool:
    """Add an error for every id of ``clean`` that an active batch holds; True if there was any."""
    key = NATURAL_KEYS.get(kind)
    if key not in clean:
        return False
    model = RECORD_TABLES[kind]
    ids = clean[key].dropna().astype(str).unique().tolist()
    active = select(getattr(model, key), model.batch_id).join(ImportBatch, ImportBatch.id == model.batch_id).where(
        ImportBatch.rolled_back_at.is_(None))
    holders: dict[str, int] = {}
    if len(ids) > LOOKUP_ALL_ABOVE:  # one pass over the table beats thousands of 900-id queries
        wanted = set(ids)
        holders.update((value, batch) for value, batch in session.execute(active) if value in wanted)
    else:
        for start in range(0, len(ids), 900):  # stay under SQLite's bound-parameter limit
            holders.update(session.execute(active.where(getattr(model, key).in_(ids[start:start + 900]))).all())
    for index, value in clean[key].items():
        if value in holders:
            batch = holders[value]
            result.errors.append(Problem(
                result.file_name, int(index) + readers.FIRST_DATA_ROW, key, str(value),
                Msg("problem_id_taken", column=Column(key), batch=str(batch)),
                Msg("problem_id_taken_fix", batch=str(batch))))
    return bool(holders)


def _wide_context(data: bytes, file_name: str, indicator: str | None,
                  limits: readers.Limits = readers.COMMAND_LINE) -> pxweb.WideTable | None:
    """The file as a PxWeb wide table, or None when it is an ordinary tidy table."""
    try:
        return pxweb.tidy(readers.read_rows(data, file_name, limits), indicator)
    except pxweb.NotWide:
        return None


def _point_at_wide_cells(wide: pxweb.WideTable, result: ImportResult, file_name: str) -> None:
    """Problems name the wide file's own row and year column; skipped rows and empty cells are reported."""
    for problem in (*result.errors, *result.warnings):
        if problem.row is not None and problem.row >= readers.FIRST_DATA_ROW:
            index = problem.row - readers.FIRST_DATA_ROW
            problem.row = wide.source_rows[index]
            if problem.column in ("year", "value"):
                problem.column = wide.source_columns[index]
            elif problem.column == "area":
                problem.column = wide.area_header
    for row, area, reason in wide.skipped:
        result.warnings.append(Problem(file_name, row, wide.area_header, area,
                                       Msg("problem_row_skipped", reason=reason), Msg("problem_row_skipped_fix"),
                                       "warning"))
    if wide.empty_cells:
        result.warnings.append(Problem(file_name, None, None, None,
                                       Msg("problem_empty_cells", n=wide.empty_cells), Msg("problem_empty_cells_fix"),
                                       "warning"))


def report(problems: list[Problem], lang: str) -> pd.DataFrame:
    """The validation report in ``lang``: row, column (as the template heads it), value, what is wrong, how to
    fix it, and whether it blocks the import — the Data page's table and its download (no value: empty, not
    a null the table would show as "None")."""
    columns = [i18n.t(key, lang) for key in ("report_row", "report_column", "report_value", "report_message",
                                             "report_fix", "report_severity")]
    return pd.DataFrame([(problem.row, column_header(problem.column, lang) if problem.column else None,
                          problem.value or "", *problem.said(lang), i18n.t(f"severity_{problem.severity}", lang))
                         for problem in problems], columns=columns)


def listed(problems: list[Problem], lang: str = i18n.SOURCE_LANG) -> list[str]:
    """Problems as lines in ``lang``, at most MAX_LISTED, with a count of the rest."""
    lines = [problem.line(lang) for problem in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        lines.append(i18n.t("problem_more_listed", lang, n=i18n.fmt_int(len(problems) - MAX_LISTED, lang)))
    return lines
