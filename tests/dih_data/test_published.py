"""Every published figure is read back out of its seed document, at the place that states it.

The table below is written independently of ``dih_data/published.py``: for each constant it names
the seed file and a pattern whose named group is the figure's position in the text. A constant
that differs from the seed by one (unit, euro, percentage point, day) fails; so does a quote that
does not contain the very number it is quoted for.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable

import pytest

from dih_data import demo, metrics, published

GP, SP = published.GOOD_PRACTICE, published.SKILLS_PLUS
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


def _plain(text: str) -> str:
    return " ".join(re.sub(r"\*", "", text).split())


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _eur(text: str) -> float:
    return float(text.replace(",", ""))


def _pct(text: str) -> float:
    return int(text) / 100


@dataclasses.dataclass(frozen=True)
class Figure:
    """One published constant: where it lives in the code, and where and how the seed states it."""

    constant: str  # e.g. "ACTIVITY_RESULTS[1].participants", "UNIT_COSTS[workshop].approx_eur"
    source: str
    pattern: str  # matched in the seed's plain text; the group named ``value`` is the figure
    parse: Callable[[re.Match], object]
    step: object  # "by one" in the figure's own unit
    quote: str | None = None  # the record's quote, which must contain that very position


def _value(parse=_int):
    return lambda match: parse(match["value"])


def _activity(index: int, field: str, pattern: str) -> Figure:
    """A whole-number field of a published activity result (a count or a year)."""
    quote = published.ACTIVITY_RESULTS[index].quote
    return Figure(f"ACTIVITY_RESULTS[{index}].{field}", GP, pattern, _value(), 1, quote)


HACKATHONS = r"Hackathons: {e2018} - {p2018} participants \({y2018}\) & {e2019} - {p2019} p\. \({y2019}\)"
MEETUPS = r"DigiMeetups: {e2018} - {p2018} p\. \({y2018}\) & {e2019} - {p2019} p\. \({y2019}\)"
ANY = {"e2018": r"\d+", "p2018": r"\d+", "y2018": r"\d{4}", "e2019": r"\d+", "p2019": r"\d+", "y2019": r"\d{4}"}


def _pair(template: str, field: str) -> str:
    """``template`` with the field ``field`` as the named group ``value`` and the rest as any number."""
    return template.format(**{**ANY, field: rf"(?P<value>{ANY[field]})"})


def _month_start(match: re.Match) -> dt.date:
    return dt.date(int(match["year"]), int(match["month"]), 1)


def _month_end(match: re.Match) -> dt.date:
    year, month = int(match["year"]), int(match["month"])
    return dt.date(year, month, calendar.monthrange(year, month)[1])


PERIOD = r"\d+ years \({start}-{end}\)"
ANY_MONTH = r"\d\d/\d{4}"
MONTH = r"(?P<month>\d\d)/(?P<year>\d{4})"
WORKSHOPS = r"Workshops: {events} - {people} p\. \({year}\) different sectors of {regions} regions"
CONFERENCE = r"Conference: Rasing awareness [^-]* - {people} p\. \({year}\)"
EXPERT_VISITS = r"Expert visits: {events} companies \({year_from}-{year_to}\)"
COOPERATION = (r"{sectors} sectors and IT SMEs applied, incl\. both on-site and remote work, where {share}% of the "
               r"cooperation projects initiated are successfully implemented")
STAFF = r"DIH staff consists of {in_house} members \(inhouse\) & {experts} IT Cluster's members \(EE\)"
VALUE, NUMBER, YEAR = r"(?P<value>\d+)", r"\d+", r"\d{4}"
YEAR_VALUE = r"(?P<value>\d{4})"

FIGURES: list[Figure] = [
    *[
        _activity(index, field, _pair(template, group))
        for index, template, year in ((0, HACKATHONS, "2018"), (1, HACKATHONS, "2019"),
                                      (2, MEETUPS, "2018"), (3, MEETUPS, "2019"))
        for field, group in (("events", f"e{year}"), ("participants", f"p{year}"),
                             ("year_from", f"y{year}"), ("year_to", f"y{year}"))
    ],
    _activity(4, "events", EXPERT_VISITS.format(events=VALUE, year_from=YEAR, year_to=YEAR)),
    _activity(4, "year_from", EXPERT_VISITS.format(events=NUMBER, year_from=YEAR_VALUE, year_to=YEAR)),
    _activity(4, "year_to", EXPERT_VISITS.format(events=NUMBER, year_from=YEAR, year_to=YEAR_VALUE)),
    _activity(5, "events", WORKSHOPS.format(events=VALUE, people=NUMBER, year=YEAR, regions=NUMBER)),
    _activity(5, "participants", WORKSHOPS.format(events=NUMBER, people=VALUE, year=YEAR, regions=NUMBER)),
    _activity(5, "year_from", WORKSHOPS.format(events=NUMBER, people=NUMBER, year=YEAR_VALUE, regions=NUMBER)),
    _activity(5, "year_to", WORKSHOPS.format(events=NUMBER, people=NUMBER, year=YEAR_VALUE, regions=NUMBER)),
    _activity(6, "participants", CONFERENCE.format(people=VALUE, year=YEAR)),
    _activity(6, "year_from", CONFERENCE.format(people=NUMBER, year=YEAR_VALUE)),
    _activity(6, "year_to", CONFERENCE.format(people=NUMBER, year=YEAR_VALUE)),
    Figure("WORKSHOP_2019_REGIONS", GP, WORKSHOPS.format(events=NUMBER, people=NUMBER, year=YEAR, regions=VALUE),
           _value(), 1),
    Figure("HACKATHON_APPLICANTS_SECTORS", GP, COOPERATION.format(sectors=VALUE, share=NUMBER), _value(), 1),
    Figure("COOPERATION_IMPLEMENTED_SHARE", GP, COOPERATION.format(sectors=NUMBER, share=VALUE), _value(_pct),
           0.01),
    Figure("UNIT_COSTS[hackathon].approx_eur", GP, r"Hackathon costs ~€(?P<value>[\d,]+) - depending on duration",
           _value(_eur), 1.0, published.UNIT_COSTS["hackathon"].quote),
    Figure("UNIT_COSTS[workshop].approx_eur", GP, r"Digital workshops: costs ~ €(?P<value>[\d,]+)", _value(_eur), 1.0,
           published.UNIT_COSTS["workshop"].quote),
    Figure("UNIT_COSTS[expert_visit].approx_eur", GP, r"Sofa experts visits: ~ €(?P<value>[\d,]+)", _value(_eur),
           1.0, published.UNIT_COSTS["expert_visit"].quote),
    Figure("STAFF_IN_HOUSE", GP, STAFF.format(in_house=VALUE, experts=NUMBER), _value(), 1, published.STAFF_QUOTE),
    Figure("STAFF_CLUSTER_EXPERTS", GP, STAFF.format(in_house=NUMBER, experts=VALUE), _value(), 1,
           published.STAFF_QUOTE),
    Figure("HUB_START", GP, r"Start Date (?P<month>[A-Z][a-z]+) (?P<year>\d{4}) End Date",
           lambda m: dt.date(int(m["year"]), MONTHS[m["month"]], 1), dt.timedelta(days=1)),
    Figure("SKILLS_PLUS_PROGRAMME.partners", SP, r"Key figures (?P<value>\d+) partners Lead partner", _value(), 1),
    Figure("SKILLS_PLUS_PROGRAMME.start", SP, PERIOD.format(start=MONTH, end=ANY_MONTH), _month_start,
           dt.timedelta(days=1)),
    Figure("SKILLS_PLUS_PROGRAMME.end", SP, PERIOD.format(start=ANY_MONTH, end=MONTH), _month_end,
           dt.timedelta(days=1)),
    Figure("SKILLS_PLUS_PROGRAMME.total_eur", SP, r"Overall budget: (?P<value>[\d,]+\.\d\d) €", _value(_eur), 1.0),
    Figure("SKILLS_PLUS_PROGRAMME.erdf_eur", SP, r"ERDF funding: (?P<value>[\d,]+\.\d\d) €", _value(_eur), 1.0),
    Figure("SKILLS_PLUS_PROGRAMME.norwegian_eur", SP, r"NO funding: (?P<value>[\d,]+\.\d\d) €", _value(_eur), 1.0),
    *[
        Figure(f"SURVEY_SHARES[{index}].share", SP,
               re.sub(r"\d+%", r"(?P<value>\\d+)%", re.escape(_plain(share.statement)), count=1),
               _value(_pct), 0.01, share.statement)
        for index, share in enumerate(published.SURVEY_SHARES)
    ],
]


def constant(path: str, module=published):
    """The value at ``path`` (``NAME``, ``NAME.attr``, ``NAME[index].attr``, ``NAME[key].attr``) in ``module``."""
    name, key, attr = re.fullmatch(r"(\w+)(?:\[(\w+)\])?(?:\.(\w+))?", path).groups()
    value = getattr(module, name)
    if key is not None:
        value = value[int(key)] if key.isdigit() else value[key]
    return getattr(value, attr) if attr else value


def with_constant(path: str, new) -> tuple[str, object]:
    """The top-level module attribute to replace so that ``path`` reads ``new`` (records are frozen)."""
    name, key, attr = re.fullmatch(r"(\w+)(?:\[(\w+)\])?(?:\.(\w+))?", path).groups()
    value = getattr(published, name)
    if key is None:
        return name, dataclasses.replace(value, **{attr: new}) if attr else new
    if key.isdigit():
        items = list(value)
        items[int(key)] = dataclasses.replace(items[int(key)], **{attr: new})
        return name, tuple(items)
    return name, {**value, key: dataclasses.replace(value[key], **{attr: new})}


def seed_figure(figure: Figure) -> object:
    """The figure as the seed text states it, parsed at the position the pattern names."""
    text = _plain(published.seed_text(figure.source))
    matches = list(re.finditer(figure.pattern, text))
    assert len(matches) == 1, f"{figure.constant}: the pattern must find exactly one place in {figure.source}"
    match = matches[0]
    if figure.quote is not None:  # the quote shown beside the figure contains that very place
        quote = _plain(figure.quote)
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
        assert any(start <= match.start("value") and match.end("value") <= end for start, end in spans), (
            f"{figure.constant}: the quote {figure.quote!r} does not hold the figure's place in {figure.source}")
    return figure.parse(match)


def check(figure: Figure) -> None:
    assert constant(figure.constant) == seed_figure(figure), f"{figure.constant} differs from {figure.source}"


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.constant)
def test_published_figure_is_read_from_its_seed(figure):
    check(figure)


@pytest.mark.parametrize("sign", (-1, 1), ids=("minus_one", "plus_one"))
@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.constant)
def test_a_constant_changed_by_one_is_caught(monkeypatch, figure, sign):
    changed = constant(figure.constant) + sign * figure.step
    monkeypatch.setattr(published, *with_constant(figure.constant, changed))
    assert constant(figure.constant) == changed
    with pytest.raises(AssertionError, match="differs from"):
        check(figure)


def _published_number_fields() -> set[str]:
    """Every number or date field of every published record, as a ``constant`` path."""
    paths = {name for name in ("WORKSHOP_2019_REGIONS", "HACKATHON_APPLICANTS_SECTORS",
                               "COOPERATION_IMPLEMENTED_SHARE", "STAFF_IN_HOUSE", "STAFF_CLUSTER_EXPERTS", "HUB_START")}
    for index, result in enumerate(published.ACTIVITY_RESULTS):
        paths |= {f"ACTIVITY_RESULTS[{index}].{f}" for f in ("events", "participants", "year_from", "year_to")
                  if getattr(result, f) is not None}
    paths |= {f"UNIT_COSTS[{key}].approx_eur" for key, cost in published.UNIT_COSTS.items()
              if cost.approx_eur is not None}
    paths |= {f"SKILLS_PLUS_PROGRAMME.{f.name}" for f in dataclasses.fields(published.Programme)
              if f.name not in ("name", "source")}
    paths |= {f"SURVEY_SHARES[{index}].share" for index in range(len(published.SURVEY_SHARES))}
    return paths


def test_every_published_number_is_checked():
    numbers = {name for name, value in vars(published).items()
               if name.isupper() and isinstance(value, int | float | dt.date) and not isinstance(value, bool)}
    assert numbers <= _published_number_fields()
    assert {figure.constant for figure in FIGURES} == _published_number_fields()


def seed_activity_results() -> list[dict]:
    """Events and participants per measure and period, re-read from the seed (not from ``published``)."""
    rows = []
    for index, result in enumerate(published.ACTIVITY_RESULTS):
        figures = {f.constant.rsplit(".", 1)[1]: seed_figure(f) for f in FIGURES
                   if f.constant.startswith(f"ACTIVITY_RESULTS[{index}].")}
        rows.append({"measure": result.measure, "year_from": figures["year_from"], "year_to": figures["year_to"],
                     "events": figures.get("events"), "participants": figures.get("participants")})
    return rows


@pytest.mark.parametrize("day", [dt.date(2020, 1, 1), dt.date(2027, 1, 5)], ids=str)
def test_demo_agrees_with_the_figures_in_the_seed_text(day):
    events = demo.generate(today=day)["events"]
    years = events["start_date"].map(lambda d: d.year)
    for row in seed_activity_results():
        held = events[(events["event_type"] == row["measure"]) & years.between(row["year_from"], row["year_to"])]
        assert len(held) == (row["events"] or 1), row  # a conference a year where the count is not stated
        if row["participants"] is not None:
            assert held["participants"].sum() == row["participants"], row


def test_published_vs_recorded_table_shows_the_seed_figures():
    table = metrics.compare_published(demo.generate(today=dt.date(2020, 1, 1))["events"].assign(
        year=lambda f: f["start_date"].map(lambda d: d.year)))
    seed = seed_activity_results()
    assert table["published_events"].fillna(-1).tolist() == [r["events"] or -1 for r in seed]
    assert table["published_participants"].fillna(-1).tolist() == [r["participants"] or -1 for r in seed]
    assert (table["events_difference"].fillna(0) == 0).all() and (table["participants_difference"].fillna(0) == 0).all()


@pytest.mark.parametrize(("quote", "source"), [
    *[(r.quote, r.source) for r in published.ACTIVITY_RESULTS],
    *[(c.quote, c.source) for c in published.UNIT_COSTS.values() if c.approx_eur is not None],
    *[(s.statement, s.source) for s in published.SURVEY_SHARES],
    (published.STAFF_QUOTE, published.GOOD_PRACTICE),
])
def test_quote_occurs_in_its_seed(quote, source):
    assert _plain(quote) in _plain(published.seed_text(source))


def test_unpublished_costs_are_none_not_zero():
    assert published.UNIT_COSTS["meetup"].approx_eur is None
    assert published.UNIT_COSTS["conference"].approx_eur is None
    text = _plain(published.seed_text(GP)).lower()
    assert "meetup" in text and not re.search(r"meetups?[^.]{0,40}€", text)


def test_programme_funding_fits_its_total():
    programme = published.SKILLS_PLUS_PROGRAMME
    assert programme.erdf_eur + programme.norwegian_eur <= programme.total_eur


def test_every_barrier_has_both_labels_and_a_seed():
    for barrier in published.BARRIERS:
        assert barrier.label_en and barrier.label_lv and barrier.source in published.SOURCE_KEYS


ENGLISH_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")  # "10,000", "1500", "0.5"
LATVIAN_NUMBER = re.compile(r"\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?")  # "10 000", "0,5"


def _english_numbers(text: str) -> list[float]:
    return sorted(float(n.replace(",", "")) for n in ENGLISH_NUMBER.findall(text))


def _latvian_numbers(text: str) -> list[float]:
    """The numbers as a Latvian reader reads them: a "10,000" written the English way reads as 10."""
    return sorted(float(re.sub(r"[\u00a0\u202f]", "", n).replace(",", ".")) for n in LATVIAN_NUMBER.findall(text))


@pytest.mark.parametrize(("text", "english", "latvian"), [
    ("~€10,000 (2018-2019)", [2018, 2019, 10000], [10, 2018, 2019]),
    ("2 - 130 p.", [2, 130], [2, 130]),
    ("~10\u00a0000 €, 0,5", [10, 0, 0, 5], [0.5, 10000]),
])
def test_the_number_readers_read_each_language_as_written(text, english, latvian):
    assert _english_numbers(text) == sorted(english) and _latvian_numbers(text) == sorted(latvian)


@pytest.mark.parametrize("result", published.ACTIVITY_RESULTS, ids=lambda r: f"{r.measure}-{r.year_from}")
def test_the_latvian_rendering_states_the_quotes_numbers_and_no_other(result):
    """A faithful rendering: every number of the quote, written the Latvian way, and no number it does not
    state (the Latvian page shows the rendering in place of the English quote)."""
    assert _latvian_numbers(result.quote_lv) == _english_numbers(result.quote)
    assert result.statement("lv") == result.quote_lv and result.statement("en") == result.quote
