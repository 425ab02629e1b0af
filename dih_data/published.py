"""Every figure the hub has published, exactly as the seed documents state it, with its source.

The seed documents are kept verbatim in ``dih_data/data/seeds/``; each figure carries the file
name and the sentence it comes from, so the UI can show where a number comes from. A figure
that was not published (e.g. the cost of a meetup) is ``None`` — shown as "not published",
never as €0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .config import PACKAGE_DATA

GOOD_PRACTICE = "000_c45a5e0867e02aa3.txt"
"""Interreg Europe good-practice record of the Latvian DIH (Latvian IT Cluster)."""
SKILLS_PLUS = "001_8a75d564f0b87c8b.txt"
"""SKILLS+ (Interreg Europe) presentation by the Latvian IT Cluster – DIH."""

SOURCE_KEYS = {  # message key of each document's name (title, organisation, period) in the catalogs
    GOOD_PRACTICE: "source_good_practice",
    SKILLS_PLUS: "source_skills_plus",
}

MEASURES = ("hackathon", "workshop", "meetup", "expert_visit", "conference")
RENDERED_LANGS = ("lv",)
"""Languages in which an activity result's quote is shown rendered, not verbatim (the seeds are English)."""


@dataclass(frozen=True)
class ActivityResult:
    """Published count of events and participants of one measure in one period."""

    measure: str
    year_from: int
    year_to: int
    events: int | None
    participants: int | None
    quote: str
    quote_lv: str
    """A faithful Latvian rendering of ``quote`` (the same numbers, written the Latvian way): a Latvian page
    shows no English, while the verbatim quote stays the figure's provenance."""
    source: str = GOOD_PRACTICE
    note: str = ""

    def statement(self, lang: str) -> str:
        """The figure's sentence in ``lang``: the rendering where there is one, else the verbatim quote."""
        return self.quote_lv if lang in RENDERED_LANGS else self.quote

    @property
    def period(self) -> str:
        return str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}–{self.year_to}"

    def covers(self, year: int) -> bool:
        return self.year_from <= year <= self.year_to


ACTIVITY_RESULTS: tuple[ActivityResult, ...] = (
    ActivityResult("hackathon", 2018, 2018, 2, 130, "Hackathons: 2 - 130 participants (2018)",
                   "Hakatoni: 2 – 130 dalībnieki (2018)"),
    ActivityResult("hackathon", 2019, 2019, 2, 91, "& 2 - 91 p. (2019)", "un 2 – 91 dalībnieks (2019)"),
    ActivityResult("meetup", 2018, 2018, 3, 87, "DigiMeetups: 3 - 87 p. (2018)",
                   "Digi-tikšanās: 3 – 87 dalībnieki (2018)"),
    ActivityResult("meetup", 2019, 2019, 2, 77, "& 2 - 77 p. (2019)", "un 2 – 77 dalībnieki (2019)"),
    ActivityResult(
        "expert_visit", 2018, 2019, 5, None, "Expert visits: 5 companies (2018-2019)",
        "Ekspertu vizītes: 5 uzņēmumi (2018–2019)",
        note="5 companies visited; participant numbers not published",
    ),
    ActivityResult(
        "workshop", 2019, 2019, 2, 50, "Workshops: 2 - 50 p. (2019) different sectors of 18 regions",
        "Darbnīcas: 2 – 50 dalībnieki (2019), dažādas nozares no 18 reģioniem",
        note="participants came from 18 regions",
    ),
    ActivityResult(
        "conference", 2019, 2019, None, 600,
        "Conference: Rasing awareness of the importance of digitalization and data among "
        "citizens and enterprices - 600 p. (2019)",
        "Konference: izpratnes veicināšana par digitalizācijas un datu nozīmi iedzīvotāju un uzņēmumu "
        "vidū – 600 dalībnieki (2019)",
        note="number of conference events not stated (the hub holds one a year)",
    ),
)


WORKSHOP_2019_REGIONS = 18
"""2019 workshop participants came from 18 regions (GOOD_PRACTICE)."""
HACKATHON_APPLICANTS_SECTORS = 40
"""'40 sectors and IT SMEs applied' (GOOD_PRACTICE)."""
COOPERATION_IMPLEMENTED_SHARE = 0.20
"""'20% of the cooperation projects initiated are successfully implemented' (GOOD_PRACTICE)."""


@dataclass(frozen=True)
class UnitCost:
    measure: str
    approx_eur: float | None
    quote: str
    source: str = GOOD_PRACTICE


UNIT_COSTS: dict[str, UnitCost] = {
    "hackathon": UnitCost(
        "hackathon", 10_000,
        "Hackathon costs ~€10,000 - depending on duration & intensity, covered 100% by projects "
        "funding &/or sponsored by the Nordic Council and the Ministry of Economy.",
    ),
    "workshop": UnitCost("workshop", 1_500, "Digital workshops: costs ~ €1500"),
    "expert_visit": UnitCost("expert_visit", 300, "Sofa experts visits: ~ €300"),
    "meetup": UnitCost("meetup", None, "not published"),
    "conference": UnitCost("conference", None, "not published"),
}

STAFF_IN_HOUSE = 5
STAFF_CLUSTER_EXPERTS = 40
STAFF_QUOTE = "DIH staff consists of 5 members (inhouse) & 40 IT Cluster's members (EE)."
HUB_START = dt.date(2012, 6, 1)
"""'Start Date June 2012' (GOOD_PRACTICE)."""


@dataclass(frozen=True)
class Programme:
    name: str
    partners: int
    start: dt.date
    end: dt.date
    total_eur: float
    erdf_eur: float
    norwegian_eur: float
    source: str = SKILLS_PLUS


SKILLS_PLUS_PROGRAMME = Programme(
    name="SKILLS+ (Interreg Europe)",
    partners=12,
    start=dt.date(2016, 4, 1),
    end=dt.date(2021, 3, 31),
    total_eur=2_462_052.00,
    erdf_eur=1_781_164.00,
    norwegian_eur=176_500.00,
)


@dataclass(frozen=True)
class SurveyShare:
    key: str
    share: float
    statement: str
    source: str = SKILLS_PLUS


SURVEY_SHARES: tuple[SurveyShare, ...] = (
    SurveyShare(
        "agree_disruption", 0.90,
        "90% of respondents agree or strongly agree that digital technologies are disrupting "
        "the industry to a great or moderate extent",
    ),
    SurveyShare(
        "agree_customer_experience", 0.93,
        "93% of those with a digital strategy agree or strongly agree that the objective of "
        "their digital strategy is to enhance customer experience and engagement",
    ),
    SurveyShare(
        "agree_preparing", 0.46,
        "Only 46% agree or strongly agree that they are adequately preparing for digital disruption",
    ),
)


@dataclass(frozen=True)
class Barrier:
    code: str
    label_en: str
    label_lv: str
    source: str


BARRIERS: tuple[Barrier, ...] = (
    Barrier("low_digitalisation", "Low degree of digitalisation", "Zems digitalizācijas līmenis",
            GOOD_PRACTICE),
    Barrier("limited_information", "Limited use of available information",
            "Ierobežota pieejamās informācijas izmantošana", GOOD_PRACTICE),
    Barrier("innovation_understanding", "Insufficient understanding of innovation and technology",
            "Nepietiekama izpratne par inovācijām un tehnoloģijām", GOOD_PRACTICE),
    Barrier("it_provider_trust", "Lack of confidence in IT service providers",
            "Uzticības trūkums IT pakalpojumu sniedzējiem", GOOD_PRACTICE),
    Barrier("motivation", "Lack of motivation to change", "Motivācijas trūkums pārmaiņām", GOOD_PRACTICE),
    Barrier("implementation_cost", "Cost, time and trouble of implementation",
            "Ieviešanas izmaksas, laiks un sarežģītība", SKILLS_PLUS),
    Barrier("workforce", "Workforce issues", "Darbaspēka problēmas", SKILLS_PLUS),
    Barrier("tech_reluctance", "Reluctance and prejudice towards tech partners",
            "Piesardzība un aizspriedumi pret tehnoloģiju partneriem", SKILLS_PLUS),
)


def seed_text(source: str) -> str:
    """The verbatim seed document, for showing a figure's context."""
    return (PACKAGE_DATA / "seeds" / source).read_text(encoding="utf-8")
