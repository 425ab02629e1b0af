"""The million-row loaders read through the driver's cursor; they must give exactly the frame ``pd.read_sql``
gave (columns, dtypes, values, row order), on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import insert, select

from dih_data import metrics
from dih_data.model import ImportBatch, Municipality, Organisation, Participation, SurveyResponse
from tests.dih_data.seeded import maybe, two_batches

pytestmark = pytest.mark.both_databases


def _reference_participations(engine) -> pd.DataFrame:
    """The former loader: organisations joined per row in SQL, framed by ``pd.read_sql`` (kinds stored as free
    text read as their code)."""
    query = (
        select(
            Participation.event_id, Participation.org_id, Participation.people,
            Organisation.name.label("org_name"), Organisation.kind.label("org_kind"),
            Organisation.size.label("org_size"),
            Organisation.sector.label("org_sector"), Organisation.municipality_atvk.label("org_municipality_atvk"),
        )
        .join(ImportBatch, ImportBatch.id == Participation.batch_id)
        .outerjoin(Organisation, Organisation.org_id == Participation.org_id)
        .where(ImportBatch.rolled_back_at.is_(None))
        .order_by(Participation.id)
    )
    with engine.connect() as connection:
        participations = pd.read_sql(query, connection)
    participations["org_kind"] = metrics._read_as_codes(participations["org_kind"], "kind")
    return participations


def _reference_survey(engine) -> pd.DataFrame:
    """The former survey loader, framed by ``pd.read_sql`` (SQLAlchemy converts dates and booleans)."""
    query = (
        metrics._active(SurveyResponse)
        .add_columns(Municipality.planning_region)
        .outerjoin(Municipality, Municipality.atvk == SurveyResponse.municipality_atvk)
        .order_by(SurveyResponse.id)
    )
    with engine.connect() as connection:
        responses = pd.read_sql(query, connection).drop(columns=["id", "batch_id"])
    responses["date"] = pd.to_datetime(responses["date"])
    responses["planning_region"] = responses["planning_region"].fillna("unknown")
    return responses


def _fill(engine, seed: int, rows: int, blank_share: float) -> None:
    """Seeded random organisations, participations and survey answers in two batches, one rolled back;
    some participations name an organisation that is not on record."""
    rng = np.random.default_rng(seed)
    with engine.connect() as connection:
        atvks = [row[0] for row in connection.execute(select(Municipality.atvk).limit(20))]
    created = dt.datetime(2024, 1, 1)
    org_ids = [f"O{number}" for number in range(rows // 4 + 1)]
    with engine.begin() as connection:
        kept, dropped = two_batches(connection, "participations", rows, created)
        connection.execute(insert(Organisation), [
            {"org_id": org_id, "name": f"Org {org_id}", "kind": maybe(rng, ["sme", "large", "MVU"], blank_share),
             "size": maybe(rng, ["micro", "small"], blank_share), "sector": maybe(rng, ["C", "J"], blank_share),
             "municipality_atvk": maybe(rng, atvks, blank_share), "batch_id": kept}
            for org_id in org_ids[:-1]  # the last id is named by participations but not on record
        ])
        connection.execute(insert(Participation), [
            {"event_id": f"E{rng.integers(rows // 10 + 1)}", "org_id": maybe(rng, org_ids, 0),
             "people": int(rng.integers(1, 4)), "role": maybe(rng, ["guest", "speaker"], blank_share),
             "batch_id": kept if rng.random() < 0.8 else dropped}
            for _ in range(rows)
        ])
        connection.execute(insert(SurveyResponse), [
            {"response_id": f"R{number}", "date": maybe(rng, [dt.date(2024, 1, 1) + dt.timedelta(days=int(d))
                                                             for d in range(300)], blank_share),
             "wave": maybe(rng, ["baseline", "followup"], blank_share), "org_id": maybe(rng, org_ids, blank_share),
             "municipality_atvk": maybe(rng, atvks, blank_share), "sector": maybe(rng, ["C", "J"], blank_share),
             "size": maybe(rng, ["micro", "small"], blank_share),
             "barriers": maybe(rng, ["workforce", "motivation;workforce"], blank_share),
             "other_barrier": maybe(rng, ["rain", "snow"], blank_share),
             **{column: maybe(rng, [1, 2, 3, 4, 5], blank_share)
                for column in ("agree_disruption", "agree_customer_experience", "agree_preparing")},
             "has_digital_strategy": maybe(rng, [True, False], blank_share),
             **{f"maturity_{dimension}": maybe(rng, [0.0, 12.5, 99.9], blank_share)
                for dimension in ("strategy", "readiness", "human", "data", "automation", "green")},
             "batch_id": kept if rng.random() < 0.8 else dropped}
            for number in range(rows)
        ])


@pytest.mark.parametrize(("seed", "rows", "blank_share"), [
    (0, 0, 0.0),  # an empty database: the same empty frame
    (1, 300, 0.0),  # no blanks: boolean and integer columns keep their own types
    (2, 300, 0.2),  # blanks everywhere they are allowed
    (3, 40, 1.0),  # every optional value blank
])
def test_loaders_equal_the_read_sql_reference(engine, seed, rows, blank_share):
    if rows:
        _fill(engine, seed, rows, blank_share)
    pd.testing.assert_frame_equal(metrics.load_participations(engine), _reference_participations(engine))
    pd.testing.assert_frame_equal(metrics.load_survey(engine), _reference_survey(engine))
