"""SME survey answers: barrier parsing, shares with confidence intervals, agreement, maturity.

Shares are of respondents (an answer may name several barriers), with a 95 % Wilson interval so a
share from 12 answers is not read like one from 1,200.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import attendance, published
from .geography import normalise

OTHER = "other"
CODES = (*(barrier.code for barrier in published.BARRIERS), OTHER)
SMALL_SAMPLE = 30  # below this many respondents a share is flagged as uncertain
PUBLIC_MIN_RESPONDENTS = 5
STATEMENTS = ("agree_disruption", "agree_customer_experience", "agree_preparing")
DIMENSIONS = ("strategy", "readiness", "human", "data", "automation", "green")
# Which support measures answer which barrier: the hub's own reasoning (e.g. trust in IT providers is
# built by meeting them — expert visits and meetups), shown on the page so it can be questioned.
ANSWERED_BY = {
    "low_digitalisation": ("workshop", "expert_visit"),
    "limited_information": ("meetup", "conference", "workshop"),
    "innovation_understanding": ("workshop", "hackathon", "conference"),
    "it_provider_trust": ("expert_visit", "meetup"),
    "motivation": ("meetup", "conference", "hackathon"),
    "implementation_cost": ("expert_visit", "hackathon"),
    "workforce": ("workshop", "hackathon"),
    "tech_reluctance": ("meetup", "expert_visit"),
}


def _lookup() -> dict[str, str]:
    table = {normalise(code): code for code in CODES}
    table.update({normalise(code.replace("_", " ")): code for code in CODES})
    for barrier in published.BARRIERS:
        table[normalise(barrier.label_en)] = barrier.code
        table[normalise(barrier.label_lv)] = barrier.code
    table.update({normalise("Other"): OTHER, normalise("Cits"): OTHER, normalise("Citi"): OTHER})
    return table


LOOKUP = _lookup()


def parse_barriers(text: str | None) -> tuple[list[str], list[str]]:
    """The barrier codes an answer names (codes or LV/EN labels, any case, extra spaces, each once)
    and the parts that name no known barrier."""
    known: list[str] = []
    unknown: list[str] = []
    for part in (text or "").split(";"):
        part = " ".join(part.split())
        if not part:
            continue
        code = LOOKUP.get(normalise(part))
        if code is None:
            if part not in unknown:
                unknown.append(part)
        elif code not in known:
            known.append(code)
    return known, unknown


def wilson(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float]:
    """95 % Wilson score interval for a share; (nan, nan) with no trials."""
    if trials <= 0:
        return math.nan, math.nan
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def naming(responses: pd.DataFrame) -> pd.DataFrame:
    """One true/false column per barrier code: does the answer name it (each answer counted once)?

    The same membership as splitting every answer on ";", found with one vectorised substring search per
    code over the distinct answers instead of exploding into a row per (answer, barrier) — 1M answers become
    3M rows that way.
    """
    # Answers repeat a few hundred distinct texts: search each distinct text once, then spread by its code.
    codes, texts = pd.factorize(responses["barriers"].fillna("").astype(str))
    padded = ";" + pd.Series(texts, dtype=str) + ";"
    return pd.DataFrame({code: padded.str.contains(f";{code};", regex=False).to_numpy(dtype=bool)[codes]
                         for code in CODES}, index=responses.index)


def _weights(responses: pd.DataFrame, weights: pd.Series | None) -> pd.Series:
    """How many answers each row stands for: 1 each, or ``weights`` when identical answers were counted
    together in the database (``survey_db``: the page never reads the 1M answers themselves)."""
    return pd.Series(1, index=responses.index, dtype="int64") if weights is None else weights.astype("int64")


def barrier_shares(responses: pd.DataFrame, flags: pd.DataFrame | None = None,
                   weights: pd.Series | None = None) -> pd.DataFrame:
    """Per barrier: respondents naming it, sample size, share, Wilson interval, small-sample flag.

    ``flags``: :func:`naming` of these responses when the caller has it already (every barrier function
    takes it, so a page searches its answers once). ``weights``: see :func:`_weights`."""
    weights = _weights(responses, weights)
    flags = naming(responses) if flags is None else flags
    return _shares(flags.mul(weights, axis=0).sum(), int(weights.sum()))


def _shares(counts: pd.Series, total: int) -> pd.DataFrame:
    """:func:`barrier_shares` from the respondents naming each code (index CODES) out of ``total``."""
    counts = counts.astype("int64")
    if not counts[OTHER]:
        counts = counts.drop(OTHER)  # "other" is listed only when someone named it
    table = counts.rename("count").rename_axis("barrier").reset_index()
    table["n"] = total
    table["share"] = table["count"] / total if total else math.nan
    bounds = [wilson(int(k), total) for k in table["count"]]
    table["low"], table["high"] = [b[0] for b in bounds], [b[1] for b in bounds]
    table["small_sample"] = total < SMALL_SAMPLE
    return table.sort_values(["count", "barrier"], ascending=[False, True], ignore_index=True)


def by_group(responses: pd.DataFrame, group: str, public: bool, flags: pd.DataFrame | None = None,
             weights: pd.Series | None = None) -> pd.DataFrame:
    """Share naming each barrier within each ``group`` value; cells of fewer than 5 respondents are
    suppressed (share empty, ``suppressed`` true) in the public view."""
    weights = _weights(responses, weights)
    sizes = weights.groupby(responses[group]).sum().rename("n").astype("int64")
    flags = (naming(responses) if flags is None else flags)[[c for c in CODES if c != OTHER]]
    counts = flags.mul(weights, axis=0).groupby(responses[group]).sum().reindex(
        sizes.index, fill_value=0).astype("int64")
    counts.columns.name = "barrier"
    table = counts.stack().rename("count").reset_index().join(sizes, on=group)
    table["share"] = table["count"] / table["n"]
    table["suppressed"] = public & (table["n"] < PUBLIC_MIN_RESPONDENTS)
    table.loc[table["suppressed"], ["share", "count"]] = math.nan
    return table


def suppress(count: float, public: bool) -> str | None:
    """"<5" for a count of 1–4 respondents in the public view, else None."""
    return f"<{PUBLIC_MIN_RESPONDENTS}" if public and 0 < count < PUBLIC_MIN_RESPONDENTS else None


def agreement(responses: pd.DataFrame, weights: pd.Series | None = None) -> pd.DataFrame:
    """Answers per statement and level 1–5 with shares of those answering; the customer-experience
    statement counts only respondents with a digital strategy (as the published 93 % does)."""
    rows = []
    for statement in STATEMENTS:
        answers, answered = _answers(responses, statement, weights)
        n = int(answered.sum())
        for level in range(1, 6):
            count = int(answered[answers == level].sum())
            rows.append({"statement": statement, "level": level, "count": count, "n": n,
                         "share": count / n if n else math.nan})
    return pd.DataFrame(rows)


def _answers(responses: pd.DataFrame, statement: str, weights: pd.Series | None = None
             ) -> tuple[pd.Series, pd.Series]:
    """The levels given for ``statement`` and how many answers each stands for (:func:`_weights`); the
    customer-experience one only by holders of a digital strategy."""
    asked = responses
    if statement == "agree_customer_experience":
        asked = responses[responses["has_digital_strategy"].fillna(False).astype(bool)]
    levels = asked[statement].dropna().astype(int)
    return levels, _weights(responses, weights).loc[levels.index]


def agree_share(responses: pd.DataFrame, statement: str, weights: pd.Series | None = None) -> tuple[float, int]:
    """Share answering 4 or 5 (agree / strongly agree), and how many answered (as in :func:`agreement`)."""
    answers, answered = _answers(responses, statement, weights)
    n = int(answered.sum())
    return (float(answered[answers.isin((4, 5))].sum()) / n if n else math.nan), n


def say_do_gap(responses: pd.DataFrame, group: str, weights: pd.Series | None = None) -> pd.DataFrame:
    """Per ``group``: share seeing disruption, share preparing, and the gap between them."""
    weights = _weights(responses, weights)
    rows = []
    for value, part in responses.groupby(group):
        seeing, n_seeing = agree_share(part, "agree_disruption", weights)
        preparing, n_preparing = agree_share(part, "agree_preparing", weights)
        rows.append({group: value, "seeing": seeing, "preparing": preparing, "gap": seeing - preparing,
                     "n": min(n_seeing, n_preparing)})
    return pd.DataFrame(rows, columns=[group, "seeing", "preparing", "gap", "n"])


def barriers_and_measures(responses: pd.DataFrame, events: pd.DataFrame, top: int = 3,
                          flags: pd.DataFrame | None = None, weights: pd.Series | None = None) -> pd.DataFrame:
    """Per planning region: its ``top`` barriers, the measures delivered there, and whether any of them
    answers each barrier (``ANSWERED_BY``); an unanswered top barrier is flagged."""
    delivered = events.groupby("planning_region")["event_type"].agg(lambda s: sorted(set(s)))
    regions = responses["planning_region"]
    weights = _weights(responses, weights)
    flags = naming(responses) if flags is None else flags
    counts = flags.mul(weights, axis=0).groupby(regions).sum()  # not one search per region
    rows = []
    for region, total in weights.groupby(regions).sum().items():
        shares = _shares(counts.loc[region], total)
        shares = shares[(shares["barrier"] != OTHER) & (shares["count"] > 0)].head(top)
        measures = delivered.get(region, [])
        for barrier in shares.itertuples():
            answering = [m for m in ANSWERED_BY.get(barrier.barrier, ()) if m in measures]
            rows.append({"planning_region": region, "barrier": barrier.barrier, "share": barrier.share,
                         "n": barrier.n, "measures_delivered": measures, "answered_by": answering,
                         "unanswered": not answering})
    return pd.DataFrame(rows, columns=["planning_region", "barrier", "share", "n", "measures_delivered",
                                       "answered_by", "unanswered"])


def free_texts(responses: pd.DataFrame) -> pd.DataFrame:
    """The answers that wrote a barrier of their own (blank ones left out): text, planning region, wave.

    Only the filled cells are stripped — most answers have none, and stripping 1M empty cells in Python
    took seconds."""
    other = responses["other_barrier"]
    written = other.notna()
    written.loc[written] = other[written].astype(str).str.strip() != ""
    return responses.loc[written.astype(bool), ["other_barrier", "planning_region", "wave"]]


def maturity(responses: pd.DataFrame) -> pd.DataFrame:
    """Mean digital-maturity score per dimension and wave, with the number of scores behind it.

    Grouped column by column (no 6-rows-per-answer reshape); dimensions and waves without a score are left out.
    """
    per_dimension = {
        dimension: responses.groupby("wave")[f"maturity_{dimension}"].agg(mean="mean", n="count")
        for dimension in sorted(DIMENSIONS)
    }
    table = pd.concat(per_dimension, names=["dimension"]).reset_index()
    table = table[table["n"] > 0].astype({"mean": float, "n": "int64"})
    return table[["dimension", "wave", "mean", "n"]].reset_index(drop=True)


def measures_taken(participations: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Each (org_id, measure) an organisation took part in, once, in order of first participation: the
    ``took_part`` of :func:`wave_change`. Grouped by integer codes, not merged and de-duplicated on the id
    strings (~1.5 s CPU at 1M participations, issue 16)."""
    row = attendance.event_rows(participations, events)
    held = row >= 0
    org_codes, org_ids = pd.factorize(participations["org_id"][held])
    measure_codes, measures = pd.factorize(events["event_type"])
    pairs = pd.DataFrame({"org": org_codes, "measure": measure_codes[row[held]]}).drop_duplicates()
    return pd.DataFrame({"org_id": org_ids.take(pairs["org"].to_numpy()),
                         "measure": measures.take(pairs["measure"].to_numpy())})


def wave_change(responses: pd.DataFrame, first: str, second: str, took_part: pd.DataFrame | None = None
                ) -> pd.DataFrame:
    """Score change per dimension for organisations that answered both waves (no one else).

    With ``took_part`` (org_id, measure) the change is also split by the measures each organisation
    took part in; an organisation in several measures counts in each.
    """
    columns = [f"maturity_{d}" for d in DIMENSIONS]
    known = responses.dropna(subset=["org_id"])
    before = known[known["wave"] == first].drop_duplicates("org_id", keep="last").set_index("org_id")[columns]
    after = known[known["wave"] == second].drop_duplicates("org_id", keep="last").set_index("org_id")[columns]
    both = before.index.intersection(after.index)
    change = (after.loc[both] - before.loc[both]).rename(columns=lambda c: c.removeprefix("maturity_"))
    long = change.rename_axis("org_id").reset_index().melt(id_vars="org_id", var_name="dimension",
                                                           value_name="change").dropna(subset=["change"])
    long["measure"] = "all"
    if took_part is not None:
        split = long.drop(columns="measure").merge(took_part.drop_duplicates(), on="org_id")
        long = pd.concat([long, split], ignore_index=True)
    return long.groupby(["measure", "dimension"], as_index=False).agg(
        change=("change", "mean"), organisations=("org_id", "nunique"))


def change_by_measure(change: pd.DataFrame, took_part: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`wave_change` from each organisation's score change (one row per org_id, a column per dimension),
    summed by integer codes: the long (organisation, dimension, measure) frame merged on id strings took ~1 s
    CPU at 1M answers (issue 16)."""
    values = change[list(DIMENSIONS)].to_numpy(dtype=float)
    measure_of, rows, measures = np.zeros(len(change), dtype=np.int64), np.arange(len(change)), ["all"]
    if took_part is not None:
        pairs = took_part.drop_duplicates()
        row = pd.Index(change["org_id"]).get_indexer(pairs["org_id"])
        codes, named = pd.factorize(pairs["measure"][row >= 0])
        measure_of = np.concatenate([measure_of, codes + 1])
        rows = np.concatenate([rows, row[row >= 0]])
        measures += list(named)
    parts = []
    for column, dimension in enumerate(DIMENSIONS):
        value = values[rows, column]
        known = ~np.isnan(value)
        counts = np.bincount(measure_of[known], minlength=len(measures))
        sums = np.bincount(measure_of[known], weights=value[known], minlength=len(measures))
        parts.append(pd.DataFrame({"measure": measures, "dimension": dimension, "change": sums / np.maximum(counts, 1),
                                   "organisations": counts})[counts > 0])
    return pd.concat(parts, ignore_index=True).sort_values(["measure", "dimension"], ignore_index=True)
