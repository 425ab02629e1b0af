"""The data model: reference geography, the hub's records, and the import batches behind them.

Every record row points at the :class:`ImportBatch` that brought it; the batch says whether the
rows are ``demo`` (generated), ``published`` (from the seed documents) or ``recorded`` (the
user's own), so provenance can be shown next to every figure and a whole batch can be removed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

PROVENANCES = ("demo", "published", "recorded")


class Base(DeclarativeBase):
    pass


class ImportBatch(Base):
    """One import (file, demo load or edit): what came in, from where, by whom, when."""

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # events, organisations, participations, …
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    row_count: Mapped[int] = mapped_column(Integer)
    provenance: Mapped[str] = mapped_column(String(16))  # one of PROVENANCES
    user: Mapped[str] = mapped_column(String(255), default="cli")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    rolled_back_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


def batch_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)


class Municipality(Base):
    """Reference: the 43 units created 2021-07-01 (42 valid today), with planning region = NUTS 3."""

    __tablename__ = "municipality"
    atvk: Mapped[str] = mapped_column(String(7), primary_key=True)
    name_lv: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(96))
    kind: Mapped[str] = mapped_column(String(16))  # state_city | municipality
    planning_region: Mapped[str] = mapped_column(String(16))
    nuts3: Mapped[str] = mapped_column(String(8))
    iso3166_2: Mapped[str] = mapped_column(String(8))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    successor_atvk: Mapped[str | None] = mapped_column(String(7), nullable=True)


class Event(Base):
    __tablename__ = "event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    event_type: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    municipality_atvk: Mapped[str | None] = mapped_column(ForeignKey("municipality.atvk"), nullable=True)
    municipality_as_given: Mapped[str | None] = mapped_column(String(128), nullable=True)
    format: Mapped[str] = mapped_column(String(8), default="onsite")
    sector: Mapped[str | None] = mapped_column(String(128), nullable=True)
    registered: Mapped[int | None] = mapped_column(Integer, nullable=True)
    participants: Mapped[int] = mapped_column(Integer)
    organisations: Mapped[int | None] = mapped_column(Integer, nullable=True)
    smes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    planned_cost_eur: Mapped[float | None] = mapped_column(Float, nullable=True)
    actual_cost_eur: Mapped[float | None] = mapped_column(Float, nullable=True)
    funding_source: Mapped[str | None] = mapped_column(String(128), nullable=True)
    cooperation_projects_initiated: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cooperation_projects_implemented: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str | None] = mapped_column(Text, nullable=True)
    batch_id: Mapped[int] = batch_fk()


class Organisation(Base):
    __tablename__ = "organisation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str | None] = mapped_column(String(32), nullable=True)  # sme, large, public, …
    sector: Mapped[str | None] = mapped_column(String(128), nullable=True)
    size: Mapped[str | None] = mapped_column(String(16), nullable=True)  # micro/small/medium/large
    municipality_atvk: Mapped[str | None] = mapped_column(ForeignKey("municipality.atvk"), nullable=True)
    batch_id: Mapped[int] = batch_fk()


class Participation(Base):
    """Organisation × event: which organisation took part in which event, with how many people."""

    __tablename__ = "participation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), index=True)
    org_id: Mapped[str] = mapped_column(String(64), index=True)
    people: Mapped[int] = mapped_column(Integer, default=1)
    role: Mapped[str | None] = mapped_column(String(32), nullable=True)
    batch_id: Mapped[int] = batch_fk()


class BudgetLine(Base):
    __tablename__ = "budget_line"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme: Mapped[str] = mapped_column(String(128))
    funding_source: Mapped[str | None] = mapped_column(String(128), nullable=True)
    funder_name: Mapped[str | None] = mapped_column(String(200), nullable=True)  # as recorded, beside the category
    measure: Mapped[str | None] = mapped_column(String(16), nullable=True)
    year: Mapped[int] = mapped_column(Integer)
    planned_eur: Mapped[float] = mapped_column(Float)
    batch_id: Mapped[int] = batch_fk()


class Expenditure(Base):
    __tablename__ = "expenditure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    programme: Mapped[str | None] = mapped_column(String(128), nullable=True)
    funding_source: Mapped[str | None] = mapped_column(String(128), nullable=True)
    funder_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    measure: Mapped[str | None] = mapped_column(String(16), nullable=True)
    amount_eur: Mapped[float] = mapped_column(Float)
    event_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    batch_id: Mapped[int] = batch_fk()


class SurveyResponse(Base):
    __tablename__ = "survey_response"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[str] = mapped_column(String(64), unique=True)
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    wave: Mapped[str | None] = mapped_column(String(32), nullable=True)
    org_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    municipality_atvk: Mapped[str | None] = mapped_column(ForeignKey("municipality.atvk"), nullable=True)
    sector: Mapped[str | None] = mapped_column(String(128), nullable=True)
    size: Mapped[str | None] = mapped_column(String(16), nullable=True)
    barriers: Mapped[str | None] = mapped_column(Text, nullable=True)  # ';'-joined barrier codes
    other_barrier: Mapped[str | None] = mapped_column(Text, nullable=True)
    agree_disruption: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1–5
    agree_customer_experience: Mapped[int | None] = mapped_column(Integer, nullable=True)
    agree_preparing: Mapped[int | None] = mapped_column(Integer, nullable=True)
    has_digital_strategy: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    maturity_strategy: Mapped[float | None] = mapped_column(Float, nullable=True)  # 0–100
    maturity_readiness: Mapped[float | None] = mapped_column(Float, nullable=True)
    maturity_human: Mapped[float | None] = mapped_column(Float, nullable=True)
    maturity_data: Mapped[float | None] = mapped_column(Float, nullable=True)
    maturity_automation: Mapped[float | None] = mapped_column(Float, nullable=True)
    maturity_green: Mapped[float | None] = mapped_column(Float, nullable=True)
    batch_id: Mapped[int] = batch_fk()

    # Covering indexes in the order of the Barriers page's groupings (survey_db): SQLite has no hash aggregation,
    # so a GROUP BY over 1M answers sorted 1M records (~1 s CPU each); read in index order it streams (~0.3 s).
    __table_args__ = (
        Index("ix_survey_barriers", "barriers", "municipality_atvk", "size", "sector", "wave", "date", "batch_id"),
        Index("ix_survey_levels", "municipality_atvk", "batch_id", "wave", "has_digital_strategy", "agree_disruption",
              "agree_customer_experience", "agree_preparing", "date", *(f"maturity_{d}" for d in (
                  "strategy", "readiness", "human", "data", "automation", "green"))),
        Index("ix_survey_org", "org_id", "wave", "date", "batch_id", "municipality_atvk"),
    )


class ContextIndicator(Base):
    """Regional context (population, active enterprises, …) for normalised metrics."""

    __tablename__ = "context_indicator"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_code: Mapped[str] = mapped_column(String(16))  # ATVK or NUTS 3 code
    year: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(String(64))
    value: Mapped[float] = mapped_column(Float)
    batch_id: Mapped[int] = batch_fk()

    __table_args__ = (Index("ix_context_area_year", "area_code", "year", "indicator"),)


class SupersededRow(Base):
    """A record's values before an "update" import changed them, so rolling that import back restores them."""

    __tablename__ = "superseded_row"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)  # the updating batch
    kind: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[int] = mapped_column(Integer)
    previous_batch_id: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)  # JSON: column → previous value


RECORD_TABLES = {
    "events": Event,
    "organisations": Organisation,
    "participations": Participation,
    "budget": BudgetLine,
    "expenditures": Expenditure,
    "survey": SurveyResponse,
    "context": ContextIndicator,
}
"""Import kind → table. The kind names are the ones the CLI and the Data page use."""
