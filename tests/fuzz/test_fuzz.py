"""Fuzz tests: CI's bounded sample of the malformed-file corpus, and Hypothesis properties of the import.

The whole corpus runs with ``.venv/bin/python -m tests.fuzz --all`` (see the README).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from dih_data import importer, store
from dih_data.model import BudgetLine, Event, Organisation

from . import corpus, probe

PROPERTY = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
IDS = itertools.count()


@pytest.fixture(scope="module")
def shared_engine(tmp_path_factory):
    """One database for all examples of a property (a fresh file per example would dominate the run)."""
    engine = store.make_engine(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.sqlite'}")
    store.init_db(engine)
    yield engine
    engine.dispose()


def test_corpus_is_large_and_covers_every_kind():
    cases = list(corpus.generate())
    assert len(cases) >= 1_500
    assert {case.kind for case in cases} == set(corpus.KINDS)
    assert len({case.name for case in cases}) == len(cases)


def test_corpus_sample_gives_a_report_for_every_file(shared_engine):
    summary = probe.run(corpus.sample(), shared_engine)
    assert [f"{f.outcome}: {f.case.name}: {f.detail}" for f in summary.failures()] == []
    assert summary.counts()["rejected"] > summary.counts()["accepted"] > 0


CSVISH = st.text(alphabet=st.sampled_from(list(';,\t"\n\r =-.0123456789abcē€\x00\ufeff')), max_size=400)


@PROPERTY
@given(kind=st.sampled_from(corpus.KINDS), data=st.one_of(st.binary(max_size=600), CSVISH.map(str.encode)))
def test_any_bytes_give_a_report_and_a_rejected_file_changes_nothing(shared_engine, kind, data):
    before = probe.checksums(shared_engine)
    result = importer.import_file(shared_engine, kind, "any.csv", data=data, today=probe.TODAY)
    assert not any("could not be checked" in problem.message for problem in result.errors), result.errors
    if not result.written:
        assert result.errors and probe.checksums(shared_engine) == before


@PROPERTY
@given(header=st.sampled_from(["event_type;start_date;municipality;participants",
                               "response_id;barriers;wave", "org_id;name;sector", "programme;year;planned_eur"]),
       body=CSVISH)
def test_csv_like_text_under_a_real_header_gives_a_report(shared_engine, header, body):
    kind = {"event_type": "events", "response_id": "survey", "org_id": "organisations",
            "programme": "budget"}[header.split(";")[0]]
    result = importer.import_file(shared_engine, kind, "h.csv", data=f"{header}\n{body}".encode(), dry_run=True,
                                  today=probe.TODAY)
    assert not any("could not be checked" in problem.message for problem in result.errors), result.errors


NAMES = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp")), min_size=1, max_size=60) \
    .map(str.strip).filter(lambda name: name and not name.startswith("'"))


def _file(rows: list[list[str]], fmt: str) -> bytes:
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")
    book = openpyxl.Workbook()
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = book.active.cell(r, c)
            cell.value, cell.data_type = value, "s"  # text stays text, even "=1+2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@PROPERTY
@given(names=st.lists(NAMES, min_size=1, max_size=5), fmt=st.sampled_from(["csv", "xlsx"]))
def test_accepted_organisations_read_back_as_written(shared_engine, names, fmt):
    ids = [f"FZ-{next(IDS)}" for _ in names]
    data = _file([["org_id", "name"], *map(list, zip(ids, names, strict=True))], fmt)
    result = importer.import_file(shared_engine, "organisations", f"o.{fmt}", data=data, today=probe.TODAY)
    assert result.written, result.errors
    with Session(shared_engine) as session:
        stored = dict(session.execute(select(Organisation.org_id, Organisation.name)
                                      .where(Organisation.org_id.in_(ids))).all())
    assert stored == dict(zip(ids, names, strict=True))


def _grouped(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


@PROPERTY
@given(people=st.integers(0, 2_000_000_000), separator=st.sampled_from(["", " ", "\u00a0", "\u202f"]),
       day=st.dates(dt.date(2000, 1, 1), dt.date(2036, 11, 23)), dotted=st.booleans(),
       fmt=st.sampled_from(["csv", "xlsx"]))
def test_accepted_counts_and_dates_read_back_as_written(shared_engine, people, separator, day, dotted, fmt):
    event_id = f"FZ-E-{next(IDS)}"
    written = _grouped(people, separator) if separator else str(people)
    date_text = day.strftime("%d.%m.%Y") if dotted else day.isoformat()
    data = _file([["event_id", "event_type", "start_date", "municipality", "participants"],
                  [event_id, "workshop", date_text, "Rīga", written]], fmt)
    result = importer.import_file(shared_engine, "events", f"e.{fmt}", data=data, today=probe.TODAY)
    assert result.written, result.errors
    with Session(shared_engine) as session:
        stored = session.execute(select(Event.participants, Event.start_date).where(Event.event_id == event_id)).one()
    assert tuple(stored) == (people, day)


@PROPERTY
@given(cents=st.integers(0, 10**13), style=st.sampled_from(["lv", "plain", "dot-thousands", "comma-thousands"]))
def test_accepted_amounts_read_back_as_written(shared_engine, cents, style):
    euros, rest = divmod(cents, 100)
    written = {"lv": f"{_grouped(euros, ' ')},{rest:02d}", "plain": f"{euros}.{rest:02d}",
               "dot-thousands": f"{_grouped(euros, '.')},{rest:02d}",
               "comma-thousands": f"{_grouped(euros, ',')}.{rest:02d}"}[style]
    programme = f"FZ-P-{next(IDS)}"
    data = f"programme;year;planned_eur\n{programme};2024;{written}\n".encode()
    result = importer.import_file(shared_engine, "budget", "b.csv", data=data, today=probe.TODAY)
    assert result.written, result.errors
    with Session(shared_engine) as session:
        stored = session.scalar(select(BudgetLine.planned_eur).where(BudgetLine.programme == programme))
    assert stored == pytest.approx(cents / 100, rel=1e-15, abs=1e-9)
