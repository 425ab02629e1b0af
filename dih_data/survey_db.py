"""The Barriers page's survey tables counted in the database, not read as a million rows.

Reading 1M answers through a Python driver costs ~1 µs per value (~10 s CPU, issue 16). The page needs only
counts: the database groups identical answers (barriers text, region, grouping, agreement levels) and returns
each combination once with how many answers it stands for; the functions of :mod:`survey` then count those
rows weighted. Maturity means are averaged in SQL; the score change reads one row per organisation that
answered both waves; free texts read only the answers that wrote one. Each result equals the one
:mod:`survey` gives on the whole table (``tests/dih_data/test_survey_db.py``, SQLite and PostgreSQL).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from sqlalchemy import Connection, Integer, case, cast, func, literal_column, or_, select

from . import survey
from .metrics import Filters
from .model import ImportBatch, Municipality
from .model import SurveyResponse as S

REGION = func.coalesce(Municipality.planning_region, literal_column("'unknown'"))
"""The respondent's planning region as the loader gives it; a literal, not a parameter, so that PostgreSQL sees
the grouped expression and the selected one as the same."""
DIMENSIONS = [f"maturity_{d}" for d in survey.DIMENSIONS]


def _scoped(columns, filters: Filters, wave: str):
    """``columns`` of the active answers in the period (undated ones always), the chosen regions and wave —
    as the page filtered the loaded answers in pandas before issue 16."""
    query = (
        select(*columns).select_from(S)
        .join(ImportBatch, ImportBatch.id == S.batch_id)
        .outerjoin(Municipality, Municipality.atvk == S.municipality_atvk)
        .where(ImportBatch.rolled_back_at.is_(None))
    )
    return _filtered(query, filters, wave)


def _filtered(query, filters: Filters, wave: str):
    """``query`` (joined to the municipality when it filters regions) kept to the period, regions and wave."""
    if filters.date_from is None or filters.date_to is None:  # pandas: between NaT matches no date
        query = query.where(S.date.is_(None))
    else:
        query = query.where(or_(S.date.between(filters.date_from, filters.date_to), S.date.is_(None)))
    if filters.regions:
        query = query.where(REGION.in_(filters.regions))
    if wave != "all":  # not on the bare column: SQLite would then sort the grouped answers again (see _grouped)
        query = query.where(S.wave.concat(literal_column("''")) == wave)
    return query


def _grouped(columns, keys, filters: Filters | None = None, wave: str = "all"):
    """``columns`` of the scoped answers grouped by ``keys``, columns of the answer table only and in the order
    of one of its covering indexes, so SQLite reads the index in order instead of sorting 1M records.

    Active batches are kept by ``batch_id + 0 IN (…)`` and a wave by ``wave || ''``: on the bare columns SQLite's
    planner reads the answers through the batch index, or scans the covering one and still sorts them (1M answers:
    ~0.8 s more CPU). The municipality is joined only to filter regions."""
    active = select(ImportBatch.id).where(ImportBatch.rolled_back_at.is_(None))
    query = select(*columns).select_from(S).where((S.batch_id + literal_column("0")).in_(active))
    if filters is None:
        return query.group_by(*keys)
    if filters.regions:
        query = query.where(_in_regions(filters.regions))
    return _filtered(query, replace(filters, regions=()), wave).group_by(*keys)


def _in_regions(regions):
    """The answers in the planning regions ``regions`` (:data:`REGION`, "unknown" included) by their
    municipality code alone: joining the municipality to each of 1M answers cost SQLite ~0.2 s CPU per read."""
    named = select(Municipality.atvk).where(Municipality.planning_region.in_(regions))
    kept = S.municipality_atvk.concat(literal_column("''")).in_(named)  # not a lookup by a non-covering index
    if "unknown" in regions:  # REGION of an answer without a municipality, or with one not in the reference
        kept = or_(kept, S.municipality_atvk.is_(None), S.municipality_atvk.not_in(select(Municipality.atvk)))
    return kept


def _regional(grouped):
    """``grouped`` (a subquery with ``municipality_atvk``) joined to its planning region (:data:`REGION`)."""
    return select().select_from(grouped).outerjoin(Municipality, Municipality.atvk == grouped.c.municipality_atvk)


def _total(column):
    """The sum of counts as an integer (PostgreSQL sums a count as numeric)."""
    return cast(func.sum(column), Integer)


def _frame(connection: Connection, query, columns: list[str], text: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows of ``query`` framed as the loaders frame theirs: text columns as pandas strings, also the
    ``text`` ones of an empty read (which frames no types)."""
    frame = pd.DataFrame.from_records([tuple(row) for row in connection.execute(query)], columns=columns,
                                      coerce_float=True)
    return frame.astype(dict.fromkeys(text, "str")) if frame.empty else frame


def waves(connection: Connection) -> pd.DataFrame:
    """(wave, answers) of the active answers, a missing wave as None: is there any answer, which waves."""
    per_unit = _grouped([S.wave, func.count().label("answers")], [S.municipality_atvk, S.batch_id, S.wave]).subquery()
    query = select(per_unit.c.wave, _total(per_unit.c.answers)).group_by(per_unit.c.wave)
    return _frame(connection, query, ["wave", "answers"])


def tables(connection: Connection, filters: Filters, wave: str, group: str, public: bool, every_wave: list[str],
           events: pd.DataFrame, took_part: pd.DataFrame | None) -> dict:
    """Every aggregate the Barriers page draws (the ``survey_tables`` of :mod:`dih_ui.data`), from grouped reads.

    ``every_wave``: the waves of all active answers (the change compares the first and the last);
    ``events``: the events in the filters; ``took_part``: :func:`survey.measures_taken`."""
    changed = change(connection, filters, every_wave[0], every_wave[-1], took_part) if len(every_wave) >= 2 else None
    return assemble(named(connection, filters, wave, group), reads(connection, filters, wave), group, public,
                    every_wave, events, changed)


NAMED_KEYS = {"planning_region": (), "size": ("size",), "sector": ("size", "sector")}
"""The answer columns :func:`named` groups by after (barriers, municipality) per grouping on SQLite: a prefix of
the ``ix_survey_barriers`` index (by sector the sizes are summed after)."""


def named(connection: Connection, filters: Filters, wave: str, group: str) -> pd.DataFrame:
    """Answers per (barriers text, planning region, ``group`` value): all the barrier tables need.

    PostgreSQL hash-aggregates: there the answers are grouped by region straight away (grouped by municipality
    first, as SQLite needs for its index order, the server's CPU by sector was ~2.5× at 1M answers)."""
    if connection.dialect.name == "sqlite":
        keys = [getattr(S, key) for key in NAMED_KEYS[group]]
        own = [keys[-1].label("grouped")] if keys else []
        per_unit = _grouped([S.barriers, S.municipality_atvk, *own, func.count().label("answers")],
                            [S.barriers, S.municipality_atvk, *keys], filters, wave).subquery()
        grouping = REGION if group == "planning_region" else per_unit.c.grouped
        query = (_regional(per_unit).add_columns(per_unit.c.barriers, REGION, grouping, _total(per_unit.c.answers))
                 .group_by(per_unit.c.barriers, REGION, grouping))
    else:
        grouping = REGION if group == "planning_region" else getattr(S, group)
        query = _scoped([S.barriers, REGION, grouping, func.count()], filters, wave).group_by(
            S.barriers, REGION, grouping)
    counts = _frame(connection, query, ["barriers", "planning_region", "grouping", "rows"],
                    ("barriers", "planning_region", "grouping"))
    counts[group] = counts.pop("grouping").fillna("unknown")
    return counts


def reads(connection: Connection, filters: Filters, wave: str) -> dict[str, pd.DataFrame]:
    """What :func:`assemble` needs besides :func:`named` and :func:`change` (no grouping changes these)."""
    levels = ["has_digital_strategy", *survey.STATEMENTS]
    per_unit = _grouped([S.municipality_atvk, S.batch_id, *(getattr(S, c) for c in levels),
                         func.count().label("answers")],
                        [S.municipality_atvk, S.batch_id, S.wave, *(getattr(S, c) for c in levels)], filters, wave
                        ).subquery()
    level_columns = [per_unit.c[c] for c in levels]
    query = (_regional(per_unit).join(ImportBatch, ImportBatch.id == per_unit.c.batch_id)
             .add_columns(REGION, ImportBatch.provenance, *level_columns, _total(per_unit.c.answers))
             .group_by(REGION, ImportBatch.provenance, *level_columns))
    agreed = _frame(connection, query, ["planning_region", "provenance", *levels, "rows"],
                    ("planning_region", "provenance"))
    for statement in survey.STATEMENTS:
        agreed[statement] = agreed[statement].astype("Float64")
    return {"agreed": agreed, "maturity": maturity(connection, filters, wave),
            "texts": free_texts(connection, filters, wave)}


def assemble(named: pd.DataFrame, read: dict[str, pd.DataFrame], group: str, public: bool, every_wave: list[str],
             events: pd.DataFrame, changed: pd.DataFrame | None) -> dict:
    """The page's tables from :func:`named`, :func:`reads` and :func:`change`, counted by the functions of
    :mod:`survey`."""
    agreed = read["agreed"]
    flags, weights = survey.naming(named), named["rows"]
    return {
        "n": int(weights.sum()),
        "provenances": sorted(set(agreed["provenance"])),
        "waves": every_wave,
        "shares": survey.barrier_shares(named, flags, weights),
        "by_group": survey.by_group(named, group, public, flags, weights),
        "agreement": survey.agreement(agreed, agreed["rows"]),
        "say_do": survey.say_do_gap(agreed, "planning_region", agreed["rows"]),
        "match": survey.barriers_and_measures(named, events, flags=flags, weights=weights),
        "maturity": read["maturity"],
        "change": changed,
        "texts": read["texts"],
    }


def maturity(connection: Connection, filters: Filters, wave: str) -> pd.DataFrame:
    """:func:`survey.maturity`: mean and number of scores per dimension and wave, summed in SQL."""
    sums = [part for column in DIMENSIONS
            for part in (func.sum(getattr(S, column)).label(f"{column}_sum"),
                         func.count(getattr(S, column)).label(f"{column}_n"))]
    per_unit = _grouped([S.wave, *sums], [S.municipality_atvk, S.batch_id, S.wave], filters, wave).where(
        S.wave.is_not(None)).subquery()
    totals = [part for column in DIMENSIONS
              for part in (func.sum(per_unit.c[f"{column}_sum"]), _total(per_unit.c[f"{column}_n"]))]
    per_wave = _frame(connection, select(per_unit.c.wave, *totals).group_by(per_unit.c.wave),
                      ["wave", *(f"{c}_{part}" for c in DIMENSIONS for part in ("sum", "n"))], ("wave",))
    per_wave = per_wave.sort_values("wave")
    table = pd.concat([pd.DataFrame({"dimension": dimension, "wave": per_wave["wave"],
                                     "sum": per_wave[f"maturity_{dimension}_sum"],
                                     "n": per_wave[f"maturity_{dimension}_n"]})
                       for dimension in sorted(survey.DIMENSIONS)], ignore_index=True)
    table = table[table["n"] > 0].astype({"sum": float, "n": "int64"})
    table["mean"] = table["sum"] / table["n"]
    return table[["dimension", "wave", "mean", "n"]].reset_index(drop=True)


def change(connection: Connection, filters: Filters, first: str, second: str,
           took_part: pd.DataFrame | None) -> pd.DataFrame:
    """:func:`survey.wave_change` over the answers in the period and regions (every wave): each organisation's
    last answer (highest id) of each wave, its scores subtracted in SQL — one row per organisation that answered
    both, found by grouping (a self-join of the scoped answers took 2.5× the CPU on SQLite at 1M answers)."""
    last = (_grouped([func.max(S.id).label("id")], [S.org_id, S.wave], filters)
            .where(S.org_id.is_not(None), S.wave.in_((first, second))).subquery("last"))

    def score(column: str, wave: str):
        return func.max(case((S.wave == wave, getattr(S, column))))

    query = (select(S.org_id, *(score(c, second) - score(c, first) for c in DIMENSIONS))
             .join(last, last.c.id == S.id).group_by(S.org_id).having(func.count() == 2))
    per_org = _frame(connection, query, ["org_id", *survey.DIMENSIONS], ("org_id",)).astype(
        {dimension: float for dimension in survey.DIMENSIONS})
    return survey.change_by_measure(per_org, took_part)


def free_texts(connection: Connection, filters: Filters, wave: str) -> pd.DataFrame:
    """:func:`survey.free_texts`: only the answers with something in ``other_barrier`` are read, in id order."""
    query = _scoped([S.other_barrier, REGION, S.wave], filters, wave).where(
        S.other_barrier.is_not(None), S.other_barrier != "").order_by(S.id)
    columns = ["other_barrier", "planning_region", "wave"]
    return survey.free_texts(_frame(connection, query, columns, tuple(columns)))
