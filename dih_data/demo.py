"""Seeded demo data: an event-level history that agrees with every published 2018–2019 total.

The published record gives only totals (e.g. two 2018 hackathons with 130 participants). The demo
splits those totals into plausible events, continues the history year by year, and fills the tables
around it. Each year is planned whole, then cut at ``today``: what has not happened yet (events,
invoices, survey answers dated later) is left out, only the year's budget is planned ahead. So the
demo is valid on any day — 5 January has few events this year, not an error. Every row is stored
in batches with provenance ``demo`` and is shown with a "Demo data" badge; nothing here is a fact
about the hub beyond the published totals it reproduces.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from . import batches, clock, geography, published, records
from .model import ImportBatch
from .schemas import NATURAL_KEYS

PREFIX = "demo"
FIRST_YEAR = 2018  # the first year with published activity; nothing before it is invented

# Relative reach of the planning regions (uneven, as real engagement is) and how many of each
# region's municipalities the demo ever reaches.
REGION_WEIGHT = {"Rīga": 0.46, "Vidzeme": 0.18, "Kurzeme": 0.15, "Zemgale": 0.13, "Latgale": 0.08}
REGION_REACHABLE = {"Rīga": 1.0, "Vidzeme": 0.75, "Kurzeme": 0.7, "Zemgale": 0.75, "Latgale": 0.5}

# Demo-only assumptions for years after 2019: events per year and participants per event (ranges).
YEARLY_EVENTS = {
    "hackathon": (1, 3), "workshop": (3, 7), "meetup": (2, 5), "expert_visit": (3, 7), "conference": (1, 1)
}
PARTICIPANTS = {
    "hackathon": (40, 80), "workshop": (14, 30), "meetup": (18, 45), "expert_visit": (5, 14), "conference": (350, 650)
}
DEMO_COST = {"meetup": 700.0, "conference": 24_000.0}  # not published: demo assumption, never shown as fact
NO_SHOW = {"hackathon": 0.10, "workshop": 0.15, "meetup": 0.25, "expert_visit": 0.05, "conference": 0.30}
TOPICS = {  # an event's topic as its (Latvian) title says it → NACE Rev. 2 section stored as the sector
    "lauksaimniecība": "A", "ražošana": "C", "kokapstrāde": "C", "loģistika": "H", "tūrisms": "I",
    "veselības aprūpe": "Q", "tirdzniecība": "G", "enerģētika": "D",
}
SECTORS = tuple(TOPICS)
IT_SECTOR = "J"  # information and communication
TITLES = {  # demo titles in Latvian, as the hub would write them (free text, shown as recorded)
    "hackathon": "Korporatīvais hakatons: {sector} × IT",
    "workshop": "Digitālā darbnīca: ceļvedis, {sector}",
    "meetup": "Digi-tikšanās: {sector} un IT",
    "expert_visit": "Dīvāna eksperti uzņēmumā: {sector}",
    "conference": "Centra gada konference",
}
FUNDING = {  # vocabularies.FUNDING_SOURCES codes
    "hackathon": ("nordic_council", "national_budget"),
    "workshop": ("erdf",),
    "meetup": ("erdf",),
    "expert_visit": ("erdf",),
    "conference": ("erdf", "private"),
}
ORG_KINDS = ("sme", "sme", "sme", "sme", "it", "it", "large", "public", "research")
SIZES = {"sme": ("micro", "small", "medium"), "it": ("micro", "small", "medium"), "large": ("large",),
         "public": ("large", "medium"), "research": ("medium",)}


def _unit_cost(measure: str) -> float:
    return published.UNIT_COSTS[measure].approx_eur or DEMO_COST[measure]


class _Generator:
    def __init__(self, seed: int, last_year: int):
        self.rng = np.random.default_rng(seed)
        self.last_year = last_year
        units = geography.municipalities()
        reach = []
        for region, group in units.groupby("planning_region"):
            count = max(1, round(len(group) * REGION_REACHABLE[region]))
            chosen = group.sample(n=count, random_state=int(self.rng.integers(1 << 30)))
            weights = np.where(chosen["kind"] == "state_city", 3.0, 1.0)
            reach.append(chosen.assign(weight=REGION_WEIGHT[region] * weights / weights.sum()))
        self.reached = pd.concat(reach, ignore_index=True)
        self.units = units
        self.events: list[dict] = []
        self.participations: list[dict] = []

    # --- places and organisations -------------------------------------------------------------
    def place(self, measure: str) -> str:
        if measure == "conference":
            return "0001000"  # Rīga
        weights = self.reached["weight"].to_numpy()
        return str(self.rng.choice(self.reached["atvk"].to_numpy(), p=weights / weights.sum()))

    def organisations(self) -> pd.DataFrame:
        rows = []
        for index, unit in enumerate(self.reached.itertuples()):  # unreached places have no demo members
            count = 30 if unit.atvk == "0001000" else int(self.rng.integers(2, 7))
            for n in range(count):
                kind = str(self.rng.choice(ORG_KINDS))
                rows.append({
                    "org_id": f"DEMO-ORG-{index:02d}{n:02d}",
                    "name": f"Demo {kind.upper()} {unit.name_lv.split()[0]} {n + 1:02d}",
                    "kind": kind,
                    "sector": IT_SECTOR if kind == "it" else TOPICS[str(self.rng.choice(SECTORS))],
                    "size": str(self.rng.choice(SIZES[kind])),
                    "municipality": unit.atvk,
                })
        self.orgs = pd.DataFrame(rows)
        return self.orgs

    # --- events ---------------------------------------------------------------------------------
    def split(self, total: int, parts: int) -> list[int]:
        shares = self.rng.dirichlet(np.full(parts, 8.0))
        counts = np.floor(shares * total).astype(int)
        counts[: total - counts.sum()] += 1
        return [int(c) for c in counts]

    def date_in(self, year_from: int, year_to: int, count: int) -> list[dt.date]:
        start = dt.date(year_from, 1, 15).toordinal()
        end = dt.date(year_to, 12, 10).toordinal()
        return sorted(dt.date.fromordinal(int(d)) for d in self.rng.integers(start, end + 1, count))

    def add_events(self, measure: str, dates: list[dt.date], participants: list[int], fmt: str = "onsite"):
        for date, people in zip(dates, participants, strict=True):
            sector = str(self.rng.choice(SECTORS))
            online = fmt == "online"
            cost = _unit_cost(measure) * self.rng.normal(1.0, 0.12)
            recorded = self.rng.random() > 0.15
            registered = None
            if self.rng.random() < 0.7:
                registered = int(round(people / (1 - NO_SHOW[measure] * self.rng.uniform(0.5, 1.5))))
            initiated = implemented = None
            if measure == "hackathon":
                initiated = int(self.rng.integers(3, 9))
                implemented = int(self.rng.binomial(initiated, published.COOPERATION_IMPLEMENTED_SHARE))
            self.events.append({
                "event_id": f"DEMO-EV-{len(self.events) + 1:04d}",
                "event_type": measure,
                "title": TITLES[measure].format(sector=sector),
                "start_date": date,
                "end_date": date + dt.timedelta(days=1 if measure == "hackathon" else 0),
                "municipality": None if online else self.place(measure),
                "format": fmt,
                "sector": TOPICS[sector],
                "registered": registered,
                "participants": people,
                "planned_cost_eur": round(_unit_cost(measure), 2),
                "actual_cost_eur": round(cost, 2) if recorded else None,
                "funding_source": str(self.rng.choice(FUNDING[measure])),
                "cooperation_projects_initiated": initiated,
                "cooperation_projects_implemented": implemented,
                "notes": None,
            })

    def published_years(self):
        for result in published.ACTIVITY_RESULTS:
            count = result.events or 1
            if result.participants is None:  # expert visits: one company each, small groups
                people = [int(p) for p in self.rng.integers(*PARTICIPANTS[result.measure], count)]
            else:
                people = self.split(result.participants, count)
            self.add_events(result.measure, self.date_in(result.year_from, result.year_to, count), people)

    def later_years(self):
        for year in range(max(r.year_to for r in published.ACTIVITY_RESULTS) + 1, self.last_year + 1):
            for measure, (low, high) in YEARLY_EVENTS.items():
                count = int(self.rng.integers(low, high + 1))
                for date in self.date_in(year, year, count):
                    online_share = 0.6 if year in (2020, 2021) else 0.1
                    roll = self.rng.random()
                    fmt = "online" if roll < online_share else ("hybrid" if roll < online_share + 0.1 else "onsite")
                    if measure == "expert_visit":
                        fmt = "onsite"  # a visit happens at the company
                    people = int(self.rng.integers(*PARTICIPANTS[measure]))
                    self.add_events(measure, [date], [people], fmt)

    # --- who came -------------------------------------------------------------------------------
    def attend(self, event: dict, orgs: pd.DataFrame) -> None:
        people_total = max(len(orgs), int(event["participants"] * 0.85))
        extra = self.rng.multinomial(people_total - len(orgs), np.full(len(orgs), 1 / len(orgs)))
        for org, more in zip(orgs.itertuples(), extra, strict=True):
            role = "host" if event["event_type"] == "expert_visit" and org.kind != "it" else "participant"
            self.participations.append(
                {"event_id": event["event_id"], "org_id": org.org_id, "people": int(1 + more), "role": role}
            )
        event["organisations"] = len(orgs)
        event["smes"] = int((orgs["kind"] == "sme").sum())

    def fill_participations(self) -> None:
        local_weight = np.where(self.orgs["municipality"] == "0001000", 1.0, 2.5)
        workshops_2019 = [e for e in self.events if e["event_type"] == "workshop" and e["start_date"].year == 2019]
        self.published_workshop_spread(workshops_2019)
        for event in self.events:
            if event in workshops_2019:
                continue
            ratio = {"expert_visit": 0.5, "conference": 0.1}.get(event["event_type"], 0.4)
            count = max(1, min(len(self.orgs), int(event["participants"] * ratio)))
            if event["event_type"] == "expert_visit":
                host = self.orgs[self.orgs["kind"] == "sme"].sample(1, random_state=int(self.rng.integers(1 << 30)))
                it = self.orgs[self.orgs["kind"] == "it"].sample(
                    min(count, 4), random_state=int(self.rng.integers(1 << 30))
                )
                chosen = pd.concat([host, it])
            else:
                chosen = self.orgs.sample(
                    count, weights=local_weight, random_state=int(self.rng.integers(1 << 30))
                )
            self.attend(event, chosen)

    def published_workshop_spread(self, workshops: list[dict]) -> None:
        """2019 workshop participants came from exactly 18 regions (published)."""
        municipalities = self.rng.choice(
            self.orgs["municipality"].unique(), published.WORKSHOP_2019_REGIONS, replace=False
        )
        pool = self.orgs[self.orgs["municipality"].isin(municipalities)]
        one_each = pool.groupby("municipality").head(1).sample(frac=1, random_state=int(self.rng.integers(1 << 30)))
        halves = np.array_split(np.arange(len(one_each)), len(workshops))
        for event, rows in zip(workshops, halves, strict=True):
            self.attend(event, one_each.iloc[rows])

    # --- money, survey, context -----------------------------------------------------------------
    def budget(self, events: pd.DataFrame) -> pd.DataFrame:
        counts = events.groupby([events["start_date"].map(lambda d: d.year), "event_type"]).size()
        rows = []
        for (year, measure), count in counts.items():
            sources = FUNDING[measure]
            for source in sources:
                planned = _unit_cost(measure) * count * self.rng.uniform(0.95, 1.2) / len(sources)
                rows.append({"programme": "dih_measures", "funding_source": source,
                             "measure": measure, "year": int(year), "planned_eur": round(planned, -2)})
        for year in sorted({y for y, _ in counts.index}):
            rows.append({"programme": "dih_operations", "funding_source": "national_budget",
                         "measure": None, "year": int(year), "planned_eur": 24_000.0})
        return pd.DataFrame(rows)

    def expenditures(self, events: pd.DataFrame) -> pd.DataFrame:
        rows = []
        unrecorded = events[events["actual_cost_eur"].isna()]
        for event in unrecorded.sample(frac=0.5, random_state=int(self.rng.integers(1 << 30))).itertuples():
            rows.append({"date": event.start_date, "programme": "dih_measures",
                         "funding_source": event.funding_source, "measure": event.event_type,
                         "amount_eur": round(_unit_cost(event.event_type) * self.rng.normal(1, 0.1), 2),
                         "event_id": event.event_id, "description": "Rēķins par pasākumu (demonstrācija)"})
        for year in sorted({d.year for d in events["start_date"]}):
            for quarter in range(4):
                rows.append({"date": dt.date(year, 3 * quarter + 1, 28), "programme": "dih_operations",
                             "funding_source": "national_budget", "measure": None,
                             "amount_eur": round(self.rng.normal(5_500, 600), 2), "event_id": None,
                             "description": "Koordinācija un komunikācija (demonstrācija)"})
        return pd.DataFrame(rows)

    def survey(self) -> pd.DataFrame:
        codes = [barrier.code for barrier in published.BARRIERS]
        weights = np.array([5, 3, 4, 4, 3, 5, 2, 3], dtype=float)
        respondents = self.orgs[self.orgs["kind"] == "sme"].sample(
            frac=0.6, random_state=int(self.rng.integers(1 << 30))
        )
        rows = []
        for wave, year, frame in (("baseline", 2019, respondents), ("follow-up", 2024, respondents.iloc[::3])):
            for org in frame.itertuples():
                named = self.rng.choice(codes, int(self.rng.integers(1, 4)), replace=False, p=weights / weights.sum())
                strategy = bool(self.rng.random() < 0.45)
                lift = 8 if wave == "follow-up" else 0
                rows.append({
                    "response_id": f"DEMO-SR-{len(rows) + 1:04d}",
                    "date": dt.date(year, int(self.rng.integers(2, 11)), int(self.rng.integers(1, 28))),
                    "wave": wave, "org_id": org.org_id, "municipality": org.municipality,
                    "sector": org.sector, "size": org.size, "barriers": ";".join(named), "other_barrier": None,
                    "agree_disruption": int(self.rng.choice([2, 3, 4, 5], p=[0.03, 0.07, 0.5, 0.4])),
                    "agree_customer_experience": int(self.rng.choice([2, 3, 4, 5], p=[0.02, 0.05, 0.5, 0.43]))
                    if strategy else None,
                    "agree_preparing": int(self.rng.choice([1, 2, 3, 4, 5], p=[0.1, 0.2, 0.24, 0.36, 0.1])),
                    "has_digital_strategy": strategy,
                    **{f"maturity_{dim}": float(np.clip(self.rng.normal(42 + lift, 14), 0, 100).round(1))
                       for dim in ("strategy", "readiness", "human", "data", "automation", "green")},
                })
        return pd.DataFrame(rows)

    def context(self) -> pd.DataFrame:
        rows = []
        for unit in self.units.itertuples():
            base = 600_000 if unit.atvk == "0001000" else (
                self.rng.integers(20_000, 80_000) if unit.kind == "state_city" else self.rng.integers(8_000, 60_000)
            )
            for year in range(FIRST_YEAR, self.last_year + 1):
                population = float(round(base * (0.99 ** (year - FIRST_YEAR))))
                rows.append({"area": unit.atvk, "year": year, "indicator": "population", "value": population})
                rows.append({"area": unit.atvk, "year": year, "indicator": "active_enterprises",
                             "value": float(round(population * self.rng.uniform(0.05, 0.08)))})
        return pd.DataFrame(rows)


def plan(seed: int, last_year: int) -> dict[str, pd.DataFrame]:
    """The whole demo history through 31 December of ``last_year``, later events of that year included."""
    gen = _Generator(seed, last_year)
    organisations = gen.organisations()
    gen.published_years()
    gen.later_years()
    gen.fill_participations()
    events = pd.DataFrame(gen.events)
    return {
        "events": events,
        "organisations": organisations,
        "participations": pd.DataFrame(gen.participations),
        "budget": gen.budget(events),
        "expenditures": gen.expenditures(events),
        "survey": gen.survey(),
        "context": gen.context(),
    }


def as_of(history: dict[str, pd.DataFrame], today: dt.date) -> dict[str, pd.DataFrame]:
    """What of a planned history has happened by ``today``: events over by then, with their attendance,
    invoices and survey answers dated by then; budgets and context of the years up to today's."""
    events = history["events"]
    held = events[events["end_date"].map(lambda d: d <= today)]
    kept = set(held["event_id"])
    spent = history["expenditures"]
    linked = spent["event_id"].notna()
    return {
        "events": held.reset_index(drop=True),
        "organisations": history["organisations"],
        "participations": history["participations"][history["participations"]["event_id"].isin(kept)]
        .reset_index(drop=True),
        "budget": history["budget"][history["budget"]["year"] <= today.year].reset_index(drop=True),
        "expenditures": spent[(linked & spent["event_id"].isin(kept)) | (~linked & spent["date"].map(
            lambda d: d <= today))].reset_index(drop=True),
        "survey": history["survey"][history["survey"]["date"].map(lambda d: d <= today)].reset_index(drop=True),
        "context": history["context"][history["context"]["year"] <= today.year].reset_index(drop=True),
    }


def generate(seed: int = 2018, *, today: dt.date) -> dict[str, pd.DataFrame]:
    """Demo tables by import kind as of ``today``, in the import contract's column names (places as ATVK codes)."""
    return as_of(plan(seed, today.year), today)


def in_force(engine: Engine) -> bool:
    """Whether demo rows are shown now: a demo batch that has not been rolled back."""
    with Session(engine) as session:
        return session.scalar(select(ImportBatch.id).where(
            ImportBatch.provenance == "demo", ImportBatch.kind != batches.ROLLBACK_KIND,
            ImportBatch.rolled_back_at.is_(None)).limit(1)) is not None


def has_history(engine: Engine) -> bool:
    """Whether anything was ever written: any batch, kept or rolled back (a removed demo leaves its
    batches and their rollback records behind, so its removal is visible to every process)."""
    with Session(engine) as session:
        return session.scalar(select(ImportBatch.id).limit(1)) is not None


def load_demo(engine: Engine, seed: int = 2018, today: dt.date | None = None) -> bool:
    """Load the demo as of ``today`` (default: the app's clock) on request (CLI ``demo``) in one
    transaction unless it is shown already; returns whether it loaded. Rows of an earlier, removed
    demo give their ids to the new one."""
    if in_force(engine):
        return False
    _write(engine, generate(seed, today=today or clock.today()))
    return True


def load_on_first_start(engine: Engine, seed: int = 2018, today: dt.date | None = None) -> bool:
    """Load the demo as of ``today`` (default: the app's clock) only into a database that has never held
    a batch; returns whether it loaded.

    Once the demo was removed (its rollback is recorded) or real data imported, nothing reloads it by
    itself: the batch history says so, on SQLite and PostgreSQL alike and in every process.
    """
    if has_history(engine):
        return False
    try:
        return _write(engine, generate(seed, today=today or clock.today()), only_if_empty=True)
    except (IntegrityError, OperationalError):
        if not has_history(engine):
            raise
        return False  # another process loaded it at the same moment


def _write(engine: Engine, frames: dict[str, pd.DataFrame], only_if_empty: bool = False) -> bool:
    """Every demo kind as one batch each, in one transaction (all or nothing); with ``only_if_empty``
    nothing is written when a batch exists by the time the transaction runs."""
    with Session(engine) as session, session.begin():
        if only_if_empty and session.scalar(select(ImportBatch.id).limit(1)) is not None:
            return False
        for kind, frame in frames.items():
            key = NATURAL_KEYS.get(kind)
            if key in frame:
                batches.release_hidden_ids(session, kind, frame[key].astype(str).tolist())
            records.insert_frame(session, kind, frame, file_name=f"{PREFIX}:{kind}",
                                 sha256=records.frame_sha256(frame), provenance="demo", user="demo")
    return True
