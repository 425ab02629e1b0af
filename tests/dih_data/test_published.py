"""Every published figure is quoted from its seed document."""

from __future__ import annotations

import re

import pytest

from dih_data import published


def _plain(text: str) -> str:
    return " ".join(re.sub(r"\*", "", text).split())


QUOTED = [
    *[(r.quote, r.source) for r in published.ACTIVITY_RESULTS],
    *[(c.quote, c.source) for c in published.UNIT_COSTS.values() if c.approx_eur is not None],
    *[(s.statement, s.source) for s in published.SURVEY_SHARES],
    (published.STAFF_QUOTE, published.GOOD_PRACTICE),
]


@pytest.mark.parametrize(("quote", "source"), QUOTED)
def test_quote_occurs_in_its_seed(quote, source):
    assert _plain(quote) in _plain(published.seed_text(source))


@pytest.mark.parametrize("result", published.ACTIVITY_RESULTS, ids=lambda r: f"{r.measure}-{r.year_from}")
def test_published_numbers_are_in_their_quote(result):
    for number in (result.events, result.participants):
        if number is not None and result.measure != "conference":
            assert str(number) in result.quote


def test_programme_figures_as_in_the_presentation():
    text = _plain(published.seed_text(published.SKILLS_PLUS))
    programme = published.SKILLS_PLUS_PROGRAMME
    for amount in (programme.total_eur, programme.erdf_eur, programme.norwegian_eur):
        assert f"{amount:,.2f}" in text
    assert f"{programme.partners} partners" in text
    assert programme.erdf_eur + programme.norwegian_eur <= programme.total_eur
    assert f"{programme.start:%m/%Y}-{programme.end:%m/%Y}" in text


def test_unpublished_costs_are_none_not_zero():
    assert published.UNIT_COSTS["meetup"].approx_eur is None
    assert published.UNIT_COSTS["conference"].approx_eur is None


@pytest.mark.parametrize("share", published.SURVEY_SHARES, ids=lambda s: s.key)
def test_survey_share_matches_its_statement(share):
    assert share.statement.startswith(f"{share.share:.0%}") or f"{share.share:.0%}" in share.statement


def test_every_barrier_has_both_labels_and_a_seed():
    for barrier in published.BARRIERS:
        assert barrier.label_en and barrier.label_lv and barrier.source in published.SOURCE_TITLES
