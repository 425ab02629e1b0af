"""Seeded, vectorised synthetic data for benchmarks: events, organisations and participations.

The data only has to be realistic in *shape* (sizes, skew, referential integrity, blanks where real
files have blanks) so that import and page timings mean something; it is never shown as fact. Every
organisation name and event title carries the word "synthetic", ids start with ``SYN-``, and the
benchmark imports the files as batches named ``synthetic:…`` with provenance ``demo``.

Sizes follow the number of participation rows: about one event per 25 rows and one organisation
per 8 rows. One million rows take a few seconds (numpy, no Python loop over participations).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd

from dih_data.config import PACKAGE_DATA

LABEL = "synthetic"
"""The word every generated name and title carries, and the prefix of the batches' file names."""

KINDS = ("events", "organisations", "participations", "budget", "expenditures", "survey")
"""Generated import kinds, in the order they must be imported (participations and expenditures refer to
events and organisations)."""

COLUMNS = {
    "events": [
        "event_id", "event_type", "title", "start_date", "end_date", "municipality", "format", "sector",
        "registered", "participants", "organisations", "smes", "planned_cost_eur", "actual_cost_eur",
        "funding_source", "cooperation_projects_initiated", "cooperation_projects_implemented", "notes",
    ],
    "organisations": ["org_id", "name", "kind", "sector", "size", "municipality"],
    "participations": ["event_id", "org_id", "people", "role"],
    "budget": ["programme", "funding_source", "measure", "year", "planned_eur"],
    "expenditures": ["date", "programme", "funding_source", "measure", "amount_eur", "event_id", "description"],
    "survey": ["response_id", "date", "wave", "org_id", "municipality", "sector", "size", "barriers",
               "other_barrier", "agree_disruption", "agree_customer_experience", "agree_preparing",
               "has_digital_strategy", "maturity_strategy", "maturity_readiness", "maturity_human",
               "maturity_data", "maturity_automation", "maturity_green"],
}
"""The import contract's canonical column names, in file order."""

ROWS_PER_EVENT = 25
ROWS_PER_ORGANISATION = 8
RIGA_ATVK = "0001000"
FIRST_DAY = np.datetime64("2018-01-01")
LAST_DAY = np.datetime64("2026-12-31")

# Share of events per canonical event type (schemas.EVENT_TYPES) and how many participating
# organisations an event of that type draws relative to a workshop.
EVENT_TYPES = ("hackathon", "workshop", "meetup", "expert_visit", "conference", "other")
EVENT_TYPE_SHARE = np.array([0.10, 0.35, 0.25, 0.15, 0.05, 0.10])
EVENT_TYPE_PULL = np.array([2.0, 1.0, 1.0, 0.05, 6.0, 0.8])
EVENT_TYPE_COST_EUR = np.array([9000.0, 1500.0, 600.0, 300.0, 25000.0, 1000.0])
EVENT_TYPE_MAX_EXTRA_DAYS = np.array([2, 0, 0, 0, 1, 0])

FORMATS = ("onsite", "online", "hybrid")
FORMAT_SHARE = np.array([0.75, 0.15, 0.10])
SECTORS = ("J", "C", "A", "H", "Q", "G", "F", "D", "K", "O", "I", "P")  # NACE Rev. 2 sections (vocabularies)
FUNDING_SOURCES = ("erdf", "other", "interreg", "private")  # vocabularies.FUNDING_SOURCES codes

ORG_KINDS = ("sme", "large", "public", "research", "ngo")  # vocabularies.ORG_KINDS codes
ORG_KIND_SHARE = np.array([0.70, 0.08, 0.10, 0.07, 0.05])
SME_SIZES = ("micro", "small", "medium")
SME_SIZE_SHARE = np.array([0.55, 0.30, 0.15])

ROLES = ("participant", "speaker", "partner", "organiser")
ROLE_SHARE = np.array([0.85, 0.08, 0.05, 0.02])


def parse_size(text: str) -> int:
    """``"10k"`` → 10 000, ``"1M"`` → 1 000 000, ``"2000"`` → 2 000."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*", text)
    if not match:
        raise ValueError(f"not a size: {text!r} (use e.g. 10k, 100k, 1M or 2000)")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)


def current_municipalities() -> pd.DataFrame:
    """ATVK code and kind of the municipalities valid today (``valid_to`` empty)."""
    reference = pd.read_csv(PACKAGE_DATA / "lv_municipalities.csv", dtype=str, keep_default_na=False)
    return reference.loc[reference["valid_to"] == "", ["atvk_code", "kind"]].reset_index(drop=True)


def generate(participations: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Events, organisations and ``participations`` unique (event, organisation) rows, seeded.

    Returns a dict keyed by import kind; columns are :data:`COLUMNS`, blanks are ``NA``.
    """
    n_events = max(participations // ROWS_PER_EVENT, 1)
    n_orgs = max(participations // ROWS_PER_ORGANISATION, 1)
    if n_events * n_orgs < 2 * participations:
        raise ValueError(f"{participations} participation rows is too few to generate (use ≥ 400)")
    rng = np.random.default_rng(seed)
    places = current_municipalities()
    is_city = places["kind"] == "state_city"
    place_weight = np.where(places["atvk_code"] == RIGA_ATVK, 15.0, np.where(is_city, 2.0, 1.0))
    place_p = place_weight / place_weight.sum()
    atvk = places["atvk_code"].to_numpy(dtype=object)

    organisations, org_is_sme = _organisations(rng, n_orgs, atvk, place_p)
    event_type = rng.choice(len(EVENT_TYPES), n_events, p=EVENT_TYPE_SHARE)
    event_weight = EVENT_TYPE_PULL[event_type] * rng.lognormal(0.0, 0.5, n_events)
    org_weight = rng.pareto(2.0, n_orgs) + 1.0  # a few very active organisations, a long tail
    event_index, org_index = _unique_pairs(
        rng, participations, event_weight / event_weight.sum(), org_weight / org_weight.sum(), n_orgs
    )
    people = rng.geometric(0.55, participations)
    event_ids = _ids("SYN-E", n_events)
    participation_frame = pd.DataFrame(
        {
            "event_id": event_ids[event_index],
            "org_id": organisations["org_id"].to_numpy(dtype=object)[org_index],
            "people": people,
            "role": _pick(rng, ROLES, participations, ROLE_SHARE),
        }
    )
    counts = {
        "people": np.bincount(event_index, weights=people, minlength=n_events).astype(np.int64),
        "organisations": np.bincount(event_index, minlength=n_events),
        "smes": np.bincount(event_index, weights=org_is_sme[org_index], minlength=n_events).astype(np.int64),
    }
    events = _events(rng, event_ids, event_type, counts, atvk, place_p)
    return {"events": events, "organisations": organisations, "participations": participation_frame,
            "budget": _budget(events), "expenditures": _expenditures(rng, events),
            "survey": _survey(rng, organisations, participations)}


def write_csv(frames: dict[str, pd.DataFrame], directory: Path, stem_suffix: str = "") -> dict[str, Path]:
    """Write each frame as UTF-8 CSV ``synthetic_<kind><suffix>.csv`` (blanks as empty cells)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind, frame in frames.items():
        path = directory / f"{LABEL}_{kind}{stem_suffix}.csv"
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        paths[kind] = path
    return paths


def _ids(prefix: str, count: int) -> np.ndarray:
    width = max(6, len(str(count)))
    return np.array([f"{prefix}{number:0{width}d}" for number in range(1, count + 1)], dtype=object)


def _unique_pairs(
    rng: np.random.Generator, rows: int, event_p: np.ndarray, org_p: np.ndarray, n_orgs: int
) -> tuple[np.ndarray, np.ndarray]:
    """``rows`` distinct (event, organisation) index pairs drawn by weight, sorted by event."""
    codes = np.empty(0, dtype=np.int64)
    while codes.size < rows:
        draw = int((rows - codes.size) * 1.25) + 16
        fresh = rng.choice(len(event_p), draw, p=event_p).astype(np.int64) * n_orgs
        fresh += rng.choice(n_orgs, draw, p=org_p)
        merged = np.concatenate([codes, fresh])
        _, first = np.unique(merged, return_index=True)
        codes = merged[np.sort(first)]  # keep draw order so truncation stays unbiased
    codes = np.sort(codes[:rows])
    return codes // n_orgs, codes % n_orgs


def _organisations(
    rng: np.random.Generator, count: int, atvk: np.ndarray, place_p: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray]:
    kind = rng.choice(len(ORG_KINDS), count, p=ORG_KIND_SHARE)
    is_sme = kind == ORG_KINDS.index("sme")
    size = np.full(count, None, dtype=object)
    size[is_sme] = _pick(rng, SME_SIZES, is_sme.sum(), SME_SIZE_SHARE)
    size[kind == ORG_KINDS.index("large")] = "large"
    municipality = atvk[rng.choice(len(atvk), count, p=place_p)]
    municipality[rng.random(count) < 0.03] = None  # some records lack an address
    frame = pd.DataFrame(
        {
            "org_id": _ids("SYN-O", count),
            "name": [f"[{LABEL}] Organisation {number:06d}" for number in range(1, count + 1)],
            "kind": np.asarray(ORG_KINDS, dtype=object)[kind],
            "sector": _pick(rng, SECTORS, count),
            "size": size,
            "municipality": municipality,
        }
    )
    return frame, is_sme.astype(np.float64)


def _events(
    rng: np.random.Generator,
    event_ids: np.ndarray,
    event_type: np.ndarray,
    counts: dict[str, np.ndarray],
    atvk: np.ndarray,
    place_p: np.ndarray,
) -> pd.DataFrame:
    count = len(event_ids)
    span_days = int((LAST_DAY - FIRST_DAY).astype(int)) + 1
    start = FIRST_DAY + rng.integers(0, span_days, count).astype("timedelta64[D]")
    extra_days = rng.integers(0, EVENT_TYPE_MAX_EXTRA_DAYS[event_type] + 1)
    end = np.where(extra_days > 0, np.datetime_as_string(start + extra_days.astype("timedelta64[D]")), None)
    fmt = rng.choice(len(FORMATS), count, p=FORMAT_SHARE)
    online = fmt == FORMATS.index("online")
    municipality = atvk[rng.choice(len(atvk), count, p=place_p)]
    municipality[online] = None

    participants = counts["people"] + rng.poisson(3.0 * EVENT_TYPE_PULL[event_type])
    registered = np.ceil(participants * rng.uniform(1.0, 1.4, count)).astype(np.int64)
    planned = np.round(EVENT_TYPE_COST_EUR[event_type] * rng.lognormal(0.0, 0.3, count), -1)
    actual = np.round(planned * rng.uniform(0.8, 1.1, count), 2)
    initiated = pd.Series(rng.poisson(0.3 * EVENT_TYPE_PULL[event_type]), dtype="Int64")
    implemented = pd.Series(rng.binomial(initiated.to_numpy(), 0.4), dtype="Int64")
    untracked = rng.random(count) < 0.5  # cooperation outcomes are often not followed up
    initiated[untracked] = implemented[untracked] = pd.NA
    type_names = np.asarray(EVENT_TYPES, dtype=object)[event_type]
    return pd.DataFrame(
        {
            "event_id": event_ids,
            "event_type": type_names,
            "title": [
                f"[{LABEL}] {name.replace('_', ' ').capitalize()} {number:06d}"
                for number, name in enumerate(type_names, 1)
            ],
            "start_date": np.datetime_as_string(start),
            "end_date": end,
            "municipality": municipality,
            "format": np.asarray(FORMATS, dtype=object)[fmt],
            "sector": _pick(rng, SECTORS, count),
            "registered": _blank_some(rng, registered, 0.2),
            "participants": participants,
            "organisations": counts["organisations"],
            "smes": counts["smes"],
            "planned_cost_eur": _blank_some(rng, planned, 0.3),
            "actual_cost_eur": _blank_some(rng, actual, 0.3),
            "funding_source": _pick(rng, FUNDING_SOURCES, count),
            "cooperation_projects_initiated": initiated,
            "cooperation_projects_implemented": implemented,
            "notes": f"{LABEL} benchmark data",
        }
    )


PROGRAMME = f"[{LABEL}] DIH programme"
OVERHEAD_EUR_PER_MONTH = 2000.0


def _budget(events: pd.DataFrame) -> pd.DataFrame:
    """A plan per year, measure and funding source: the events' typical costs plus 5 %, and overheads."""
    typical = pd.Series(EVENT_TYPE_COST_EUR, index=EVENT_TYPES)
    planned = events["event_type"].map(typical)
    lines = (
        events.assign(year=events["start_date"].str[:4].astype(int), planned=planned)
        .groupby(["year", "event_type", "funding_source"], as_index=False)["planned"].sum()
    )
    overheads = pd.DataFrame({"year": sorted(lines["year"].unique())})
    return pd.concat([
        pd.DataFrame({"programme": PROGRAMME, "funding_source": lines["funding_source"],
                      "measure": lines["event_type"], "year": lines["year"],
                      "planned_eur": (lines["planned"] * 1.05).round(-1)}),
        pd.DataFrame({"programme": PROGRAMME, "funding_source": "private", "measure": None,
                      "year": overheads["year"], "planned_eur": 12 * OVERHEAD_EUR_PER_MONTH}),
    ], ignore_index=True)[COLUMNS["budget"]]


def _expenditures(rng: np.random.Generator, events: pd.DataFrame) -> pd.DataFrame:
    """Invoices for half the events that have no actual cost of their own, and monthly overheads."""
    uncosted = events[events["actual_cost_eur"].isna()]
    invoiced = uncosted[rng.random(len(uncosted)) < 0.5]
    typical = pd.Series(EVENT_TYPE_COST_EUR, index=EVENT_TYPES)
    months = pd.date_range(str(FIRST_DAY), str(LAST_DAY), freq="MS")
    return pd.concat([
        pd.DataFrame({"date": invoiced["start_date"], "programme": PROGRAMME,
                      "funding_source": invoiced["funding_source"], "measure": invoiced["event_type"],
                      "amount_eur": (invoiced["event_type"].map(typical) * rng.lognormal(0, 0.2, len(invoiced)))
                      .round(2), "event_id": invoiced["event_id"], "description": f"{LABEL} invoice"}),
        pd.DataFrame({"date": months.strftime("%Y-%m-%d"), "programme": PROGRAMME, "funding_source": "private",
                      "measure": None, "amount_eur": OVERHEAD_EUR_PER_MONTH, "event_id": None,
                      "description": f"{LABEL} overheads"}),
    ], ignore_index=True)[COLUMNS["expenditures"]]


BARRIER_CODES = ("low_digitalisation", "limited_information", "innovation_understanding", "it_provider_trust",
                 "motivation", "implementation_cost", "workforce", "tech_reluctance")


def _survey(rng: np.random.Generator, organisations: pd.DataFrame, count: int) -> pd.DataFrame:
    """``count`` answers (as many as participation rows) from SMEs: a baseline and, for a third of them,
    a follow-up; one to three barriers each; agreement 1–5 and maturity scores."""
    smes = organisations[organisations["kind"] == "sme"]
    who = smes.iloc[rng.integers(0, len(smes), count)]
    follow_up = rng.random(count) < 0.3
    named = rng.random((count, len(BARRIER_CODES))) < 0.25
    named[np.arange(count), rng.integers(0, len(BARRIER_CODES), count)] = True  # at least one each
    codes = np.asarray(BARRIER_CODES, dtype=object)
    strategy = rng.random(count) < 0.45
    day = np.where(follow_up, np.datetime64("2024-03-01"), np.datetime64("2019-03-01")) + rng.integers(
        0, 200, count).astype("timedelta64[D]")
    frame = pd.DataFrame({
        "response_id": _ids("SYN-S", count),
        "date": np.datetime_as_string(day),
        "wave": np.where(follow_up, "follow-up", "baseline"),
        "org_id": who["org_id"].to_numpy(),
        "municipality": who["municipality"].to_numpy(),
        "sector": who["sector"].to_numpy(),
        "size": who["size"].to_numpy(),
        "barriers": [";".join(codes[row]) for row in named],
        "other_barrier": None,
        "agree_disruption": rng.choice([2, 3, 4, 5], count, p=[0.03, 0.07, 0.5, 0.4]),
        "agree_customer_experience": pd.array(np.where(strategy, rng.integers(2, 6, count), 0), dtype="Int64"),
        "agree_preparing": rng.integers(1, 6, count),
        "has_digital_strategy": np.where(strategy, "yes", "no"),
    })
    frame.loc[~strategy, "agree_customer_experience"] = pd.NA
    for dimension in ("strategy", "readiness", "human", "data", "automation", "green"):
        frame[f"maturity_{dimension}"] = np.clip(rng.normal(45, 15, count), 0, 100).round(1)
    return frame[COLUMNS["survey"]]


def _pick(
    rng: np.random.Generator, values: tuple[str, ...], count: int, p: np.ndarray | None = None
) -> np.ndarray:
    """``count`` values drawn from ``values`` (uniformly unless ``p`` is given), as an object array."""
    return np.asarray(values, dtype=object)[rng.choice(len(values), count, p=p)]


def _blank_some(rng: np.random.Generator, values: np.ndarray, share: float) -> pd.Series:
    """``values`` with about ``share`` of them blank (not recorded), as a nullable column."""
    dtype = "Int64" if np.issubdtype(values.dtype, np.integer) else "Float64"
    series = pd.Series(values, dtype=dtype)
    series[rng.random(len(values)) < share] = pd.NA
    return series
