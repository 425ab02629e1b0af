"""Survey answers: barrier parsing, Wilson intervals, suppression, wave-to-wave change, the import rule."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dih_data import importer, metrics, survey

pytestmark = pytest.mark.both_databases


@pytest.mark.parametrize(
    ("text", "known", "unknown"),
    [
        ("motivation; workforce", ["motivation", "workforce"], []),
        ("  Motivation ;;  WORKFORCE  ", ["motivation", "workforce"], []),
        ("Lack of motivation to change", ["motivation"], []),
        ("Motivācijas trūkums pārmaiņām", ["motivation"], []),
        ("motivacijas trukums parmainam", ["motivation"], []),  # typed without diacritics
        ("motivation;Lack of motivation to change; motivation", ["motivation"], []),  # one barrier, named 3 ways
        ("Darbaspēka   problēmas", ["workforce"], []),  # extra inner spaces
        ("it provider trust", ["it_provider_trust"], []),
        ("workforce; too much rain; too much rain", ["workforce"], ["too much rain"]),
        ("Cits", ["other"], []),
        ("", [], []),
        (None, [], []),
    ],
)
def test_parse_barriers(text, known, unknown):
    assert survey.parse_barriers(text) == (known, unknown)


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [  # reference values from the Wilson score formula (z = 1.96), e.g. Newcombe (1998), table I
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (20, 20, 0.8389, 1.0),
    ],
)
def test_wilson_interval_on_known_values(successes, trials, low, high):
    got = survey.wilson(successes, trials)
    assert got == pytest.approx((low, high), abs=1e-4)


def test_wilson_without_answers_is_undefined():
    assert all(math.isnan(v) for v in survey.wilson(0, 0))


@pytest.mark.parametrize(("count", "public", "shown"), [(4, True, "<5"), (1, True, "<5"), (5, True, None),
                                                         (0, True, None), (4, False, None)])
def test_suppression_below_five(count, public, shown):
    assert survey.suppress(count, public) == shown


def _answers(rows: list[dict]) -> pd.DataFrame:
    base = {"wave": "baseline", "org_id": None, "barriers": "", "planning_region": "Kurzeme", "sector": "ICT",
            "size": "small", "has_digital_strategy": True, "other_barrier": None,
            **{s: None for s in survey.STATEMENTS}, **{f"maturity_{d}": None for d in survey.DIMENSIONS}}
    return pd.DataFrame([{**base, "response_id": f"R{i}", **row} for i, row in enumerate(rows)])


def test_group_cells_under_five_respondents_are_suppressed_in_public_view():
    answers = _answers([{"planning_region": "Kurzeme", "barriers": "motivation"}] * 4
                       + [{"planning_region": "Rīga", "barriers": "motivation"}] * 6)
    public = survey.by_group(answers, "planning_region", public=True).set_index(["planning_region", "barrier"])
    assert public.loc[("Kurzeme", "motivation"), "suppressed"] and math.isnan(public.loc[("Kurzeme", "motivation"),
                                                                                          "count"])
    assert public.loc[("Rīga", "motivation"), "share"] == 1.0
    private = survey.by_group(answers, "planning_region", public=False).set_index(["planning_region", "barrier"])
    assert private.loc[("Kurzeme", "motivation"), "count"] == 4


def test_shares_are_of_respondents_with_intervals():
    answers = _answers([{"barriers": "motivation;workforce"}, {"barriers": "motivation"}, {"barriers": ""}])
    shares = survey.barrier_shares(answers).set_index("barrier")
    assert shares.loc["motivation", "count"] == 2 and shares.loc["motivation", "n"] == 3
    assert shares.loc["motivation", "share"] == pytest.approx(2 / 3)
    assert (shares.loc["motivation", "low"], shares.loc["motivation", "high"]) == pytest.approx(survey.wilson(2, 3))
    assert shares["small_sample"].all()


def test_wave_change_only_for_organisations_in_both_waves():
    answers = _answers([
        {"org_id": "A", "wave": "baseline", "maturity_data": 40.0},
        {"org_id": "A", "wave": "follow-up", "maturity_data": 55.0},
        {"org_id": "B", "wave": "baseline", "maturity_data": 10.0},  # no follow-up: left out
        {"org_id": "C", "wave": "follow-up", "maturity_data": 90.0},  # no baseline: left out
        {"org_id": "D", "wave": "baseline", "maturity_data": 50.0},
        {"org_id": "D", "wave": "follow-up", "maturity_data": 45.0},
    ])
    took_part = pd.DataFrame({"org_id": ["A", "A", "D"], "measure": ["workshop", "meetup", "workshop"]})
    change = survey.wave_change(answers, "baseline", "follow-up", took_part)
    data = change[change["dimension"] == "data"].set_index("measure")
    assert data.loc["all", "change"] == pytest.approx((15 - 5) / 2) and data.loc["all", "organisations"] == 2
    assert data.loc["workshop", "change"] == pytest.approx(5) and data.loc["meetup", "change"] == 15


def test_agreement_counts_customer_experience_among_strategy_holders_only():
    answers = _answers([
        {"agree_customer_experience": 5, "has_digital_strategy": True},
        {"agree_customer_experience": 2, "has_digital_strategy": True},
        {"agree_customer_experience": 5, "has_digital_strategy": False},
    ])
    share, n = survey.agree_share(answers, "agree_customer_experience")
    assert (share, n) == (0.5, 2)


def test_a_region_whose_top_barrier_no_measure_answers_is_flagged():
    answers = _answers([{"planning_region": "Latgale", "barriers": "it_provider_trust"}] * 3
                       + [{"planning_region": "Kurzeme", "barriers": "it_provider_trust"}] * 3)
    events = pd.DataFrame({"planning_region": ["Latgale", "Kurzeme"], "event_type": ["hackathon", "meetup"]})
    match = survey.barriers_and_measures(answers, events).set_index("planning_region")
    assert match.loc["Latgale", "unanswered"] and match.loc["Latgale", "answered_by"] == []
    assert not match.loc["Kurzeme", "unanswered"] and match.loc["Kurzeme", "answered_by"] == ["meetup"]


SURVEY_FILE = ("response_id,date,wave,municipality,barriers\n"
               "S1,05.03.2024,baseline,Tukums,Motivācijas trūkums pārmaiņām; workforce\n"
               "S2,06.03.2024,baseline,Rīga,too much paperwork\n")


def test_an_unknown_barrier_is_reported_and_nothing_is_written(engine, tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(SURVEY_FILE, encoding="utf-8")
    result = importer.import_file(engine, "survey", path)
    assert not result.written
    assert [(p.row, p.column, p.value) for p in result.errors] == [(3, "barriers", "too much paperwork")]
    assert "--unknown-barriers other" in result.errors[0].fix
    assert metrics.load_survey(engine).empty


def test_an_unknown_barrier_can_be_kept_as_other(engine, tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(SURVEY_FILE, encoding="utf-8")
    result = importer.import_file(engine, "survey", path, unknown_barriers="other")
    assert result.written and [w.value for w in result.warnings if w.column == "barriers"] == ["too much paperwork"]
    stored = metrics.load_survey(engine).set_index("response_id")
    assert stored.loc["S1", "barriers"] == "motivation;workforce"
    assert stored.loc["S2", "barriers"] == "other" and stored.loc["S2", "other_barrier"] == "too much paperwork"


def _exploded_reference(responses: pd.DataFrame) -> pd.DataFrame:
    """The former implementation: one row per (response, barrier) named, duplicates removed."""
    codes = responses["barriers"].fillna("").str.split(";")
    long = responses.drop(columns=["barriers"]).assign(barrier=codes).explode("barrier")
    return long[long["barrier"].fillna("") != ""].drop_duplicates(["response_id", "barrier"])


def _random_answers(seed: int, rows: int = 400) -> pd.DataFrame:
    """Seeded answers with repeated, unknown and blank barrier parts and unknown groups."""
    rng = np.random.default_rng(seed)
    parts = [*survey.CODES, "not_a_code", "", " motivation"]
    texts = [";".join(rng.choice(parts, rng.integers(0, 4))) for _ in range(rows)]
    blanks = rng.random(rows) < 0.1
    return _answers([{"barriers": None if blank else text,
                      "planning_region": rng.choice(["Kurzeme", "Rīga", "Latgale", None]),
                      "size": rng.choice(["micro", "small", "medium"])}
                     for text, blank in zip(texts, blanks, strict=True)])


@pytest.mark.parametrize(("seed", "group", "public"), [(0, "planning_region", False), (1, "size", True),
                                                       (2, "planning_region", True), (3, "size", False)])
def test_vectorised_barrier_counts_equal_the_exploded_reference(seed, group, public):
    answers = _random_answers(seed)
    reference = _exploded_reference(answers)
    shares = survey.barrier_shares(answers).set_index("barrier")["count"]
    expected = reference.groupby("barrier").size()
    expected = expected.reindex([c for c in survey.CODES if c in expected.index or c != survey.OTHER], fill_value=0)
    assert shares.sort_index().to_dict() == expected.sort_index().to_dict()

    grouped = survey.by_group(answers, group, public)
    expected_cells = reference.groupby([group, "barrier"]).size()
    sizes = answers.groupby(group).size()
    for row in grouped.itertuples():
        count = int(expected_cells.get((getattr(row, group), row.barrier), 0))
        assert row.n == sizes[getattr(row, group)]
        if public and row.n < survey.PUBLIC_MIN_RESPONDENTS:
            assert row.suppressed and math.isnan(row.count)
        else:
            assert row.count == count and row.share == pytest.approx(count / row.n)
    assert len(grouped) == len(sizes) * (len(survey.CODES) - 1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_maturity_equals_the_reshaped_reference(seed):
    rng = np.random.default_rng(seed)
    answers = _answers([{"wave": rng.choice(["baseline", "follow-up", None]),
                         **{f"maturity_{d}": (None if rng.random() < 0.3 else float(rng.integers(0, 101)))
                            for d in survey.DIMENSIONS if d != "green"}} for _ in range(300)])
    long = answers.melt(id_vars=["wave"], value_vars=[f"maturity_{d}" for d in survey.DIMENSIONS],
                        var_name="dimension", value_name="score").dropna(subset=["score"])
    long["dimension"] = long["dimension"].str.removeprefix("maturity_")
    reference = long.groupby(["dimension", "wave"], as_index=False).agg(mean=("score", "mean"), n=("score", "size"))
    pd.testing.assert_frame_equal(survey.maturity(answers), reference, check_dtype=False)
    assert "green" not in set(survey.maturity(answers)["dimension"])  # a dimension nobody scored is left out


@pytest.mark.parametrize("seed", [4, 5])
def test_regional_top_barriers_and_say_do_gap_equal_the_per_region_reference(seed):
    rng = np.random.default_rng(seed)
    answers = _random_answers(seed).assign(
        agree_disruption=rng.choice([1, 2, 3, 4, 5, None], 400), agree_preparing=rng.choice([2, 4, 5, None], 400))
    events = pd.DataFrame({"planning_region": ["Kurzeme", "Rīga", "Rīga"],
                           "event_type": ["meetup", "workshop", "expert_visit"]})
    expected_rows = []
    for region, part in answers.groupby("planning_region"):
        shares = survey.barrier_shares(part)
        top = shares[(shares["barrier"] != survey.OTHER) & (shares["count"] > 0)].head(3)
        expected_rows += [(region, row.barrier, row.share, row.n) for row in top.itertuples()]
    match = survey.barriers_and_measures(answers, events)
    assert list(match[["planning_region", "barrier", "share", "n"]].itertuples(index=False, name=None)) == \
        expected_rows

    gap = survey.say_do_gap(answers, "planning_region").set_index("planning_region")
    for region, part in answers.groupby("planning_region"):
        table = survey.agreement(part)
        for column, statement in (("seeing", "agree_disruption"), ("preparing", "agree_preparing")):
            rows = table[table["statement"] == statement]
            n = int(rows["n"].iloc[0])
            assert gap.loc[region, column] == pytest.approx(rows.loc[rows["level"] >= 4, "count"].sum() / n)


@pytest.mark.parametrize(("texts", "kept"), [
    ([None, "", "   ", "paperwork", " rain "], ["paperwork", " rain "]),  # kept as written, blanks left out
    ([None, None], []),
])
def test_free_texts_are_the_filled_answers_as_written(texts, kept):
    answers = _answers([{"other_barrier": text} for text in texts])
    assert survey.free_texts(answers)["other_barrier"].tolist() == kept


def test_tables_from_shared_flags_equal_those_searched_on_their_own():
    answers = _random_answers(6)
    flags = survey.naming(answers)
    events = pd.DataFrame({"planning_region": ["Rīga"], "event_type": ["meetup"]})
    pd.testing.assert_frame_equal(survey.barrier_shares(answers, flags), survey.barrier_shares(answers))
    pd.testing.assert_frame_equal(survey.by_group(answers, "size", False, flags),
                                  survey.by_group(answers, "size", False))
    pd.testing.assert_frame_equal(survey.barriers_and_measures(answers, events, flags=flags),
                                  survey.barriers_and_measures(answers, events))


@pytest.mark.parametrize("seed", [0, 1])
def test_measures_taken_equal_the_merge_reference(seed):
    rng = np.random.default_rng(seed)
    events = pd.DataFrame({"event_id": [f"E{n}" for n in rng.permutation(30)],
                           "event_type": rng.choice(["workshop", "meetup", "hackathon"], 30)})
    participations = pd.DataFrame({"event_id": rng.choice([*events["event_id"], "not-recorded"], 300),
                                   "org_id": [f"o{n}" for n in rng.integers(0, 40, 300)]})
    expected = participations[["event_id", "org_id"]].merge(events, on="event_id")[["org_id", "event_type"]]
    expected = expected.rename(columns={"event_type": "measure"}).drop_duplicates().reset_index(drop=True)
    pd.testing.assert_frame_equal(survey.measures_taken(participations, events), expected)
