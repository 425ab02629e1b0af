"""The import contract: every column of every import kind, in one place.

Validation, templates and the data dictionary are all derived from these specs, so they cannot
drift apart. Headers may be given as the English column name or the Latvian label.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from . import clock, vocabularies

EVENT_TYPES = ("hackathon", "workshop", "meetup", "expert_visit", "conference", "other")

EVENT_TYPE_LABELS = {
    "hackathon": ("hackathon", "corporate hackathon", "hakatons", "korporativais hakatons", "hackathons"),
    "workshop": ("workshop", "digital workshop", "darbnica", "digitala darbnica", "workshops"),
    "meetup": ("meetup", "digi-meetup", "digimeetup", "digi meetup", "tiksanas", "digi-tiksanas", "meetups"),
    "expert_visit": ("expert_visit", "expert visit", "sofa experts", "sofa expert visit", "couch experts",
                     "divana eksperti", "ekspertu vizite", "expert visits"),
    "conference": ("conference", "konference"),
    "other": ("other", "cits", "cits pasakums"),
}
FORMAT_LABELS = {
    "onsite": ("onsite", "on-site", "klatiene", "klatienes"),
    "online": ("online", "tiessaiste", "attalinati", "remote"),
    "hybrid": ("hybrid", "hibrids", "hibridais"),
}
SIZE_LABELS = vocabularies.accepted("size")
SECTOR_LABELS = vocabularies.accepted("sector")
FUNDING_LABELS = vocabularies.accepted("funding_source")
KIND_LABELS = vocabularies.accepted("kind")
INDICATOR_LABELS = vocabularies.accepted("indicator")
_INDICATOR_HELP = (" or ".join(vocabularies.label("indicator", code, "en") for code in vocabularies.INDICATORS)
                   + " (its code, population / active_enterprises, or its Latvian name also works).",
                   " vai ".join(vocabularies.label("indicator", code, "lv") for code in vocabularies.INDICATORS)
                   + " (der arī nosaukums angliski).")
_KIND_HELP = ("One of: " + ", ".join(vocabularies.ORG_KINDS) + " (or its Latvian/English name); only sme is "
              "counted as an SME.",
              "Viena no vērtībām: MVU, liels uzņēmums, IT uzņēmums, publiskā iestāde, pētniecības organizācija, "
              "nevalstiskā organizācija, cits; par MVU skaita tikai vērtību MVU.")
_SECTOR_HELP = ("NACE Rev. 2 section: the letter (C) or its title in Latvian or English.",
                "NACE 2. red. sadaļa: burts (C) vai tās nosaukums latviski vai angliski.")
_FUNDING_HELP = ("Category: " + ", ".join(vocabularies.FUNDING_SOURCES) + " (or its Latvian/English name).",
                 "Kategorija: ERAF, valsts budžets, pašvaldība, EEZ un Norvēģijas finanšu instrumenti, "
                 "Ziemeļvalstu Ministru padome, Interreg, privātais finansējums / sponsori, cits.")
BOOL_LABELS = {True: ("yes", "true", "1", "ja", "y"), False: ("no", "false", "0", "ne", "n")}

CHOICE_LABELS_LV = {
    "hackathon": "hakatons", "workshop": "darbnīca", "meetup": "tikšanās", "expert_visit": "ekspertu vizīte",
    "conference": "konference", "other": "cits", "onsite": "klātienē", "online": "tiešsaistē", "hybrid": "hibrīds",
    "yes": "jā", "no": "nē",
}
"""How Latvian templates write event types, formats and yes/no (each is one of the labels the validator
accepts); vocabulary columns (sector, size, funding source, organisation kind) use their catalog labels."""

EXAMPLE_HEADERS = {"lv": "piemērs", "en": "example"}
EXAMPLE_MARKS = {"lv": "PIEMĒRS — izdzēsiet šo rindu", "en": "EXAMPLE — delete this row"}
"""A template's first column marks its example row, so that a template imported as it is gets refused
(in either language, CSV or XLSX); people leave the column empty in their own rows, or delete it."""


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str  # text | int | money | score | date | place | choice | bool
    label_lv: str
    help_en: str
    help_lv: str
    example: str
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: dict = field(default_factory=dict)  # code → accepted labels (normalised)
    unique: bool = False
    example_lv: str | None = None  # the example in a Latvian template, where it differs


def _c(name, kind, label_lv, help_en, help_lv, example, **options) -> ColumnSpec:
    return ColumnSpec(name, kind, label_lv, help_en, help_lv, example, **options)


_COUNT = {"minimum": 0}
SCHEMAS: dict[str, list[ColumnSpec]] = {
    "events": [
        _c("event_id", "text", "Pasākuma ID", "Your own id; left empty, one is made from the row.",
           "Jūsu ID; ja tukšs, to izveido no rindas.", "HK-2019-01", unique=True),
        _c("event_type", "choice", "Pasākuma veids", "hackathon, workshop, meetup, expert_visit, conference, other",
           "hakatons, darbnīca, tikšanās, ekspertu vizīte, konference, cits", "hackathon",
           required=True, choices=EVENT_TYPE_LABELS),
        _c("title", "text", "Nosaukums", "Event title.", "Pasākuma nosaukums.", "AgriFood × IT hackathon",
           example_lv="Lauksaimniecība × IT hakatons"),
        _c("start_date", "date", "Sākuma datums", "First day, 2019-03-05 or 05.03.2019.",
           "Pirmā diena, 2019-03-05 vai 05.03.2019.", "05.03.2019", required=True),
        _c("end_date", "date", "Beigu datums", "Last day (not before the start).",
           "Pēdējā diena (ne agrāk par sākumu).", "06.03.2019"),
        _c("municipality", "place", "Pašvaldība", "Where it took place; current or pre-2021 name, ATVK code.",
           "Norises vieta; pašreizējais vai līdz 2021. gadam lietotais nosaukums, ATVK kods.", "Cēsu novads"),
        _c("format", "choice", "Formāts", "onsite, online or hybrid (default onsite).",
           "klātienē, tiešsaistē vai hibrīds (pēc noklusējuma klātienē).", "onsite", choices=FORMAT_LABELS),
        _c("sector", "choice", "Nozare", *_SECTOR_HELP, "A", choices=SECTOR_LABELS),
        _c("registered", "int", "Reģistrējušies", "People registered.", "Reģistrējušos skaits.", "60", **_COUNT),
        _c("participants", "int", "Dalībnieki", "People who attended (whole number ≥ 0).",
           "Apmeklētāju skaits (vesels skaitlis ≥ 0).", "55", required=True, **_COUNT),
        _c("organisations", "int", "Organizācijas", "Organisations represented.", "Pārstāvēto organizāciju skaits.",
           "20", **_COUNT),
        _c("smes", "int", "MVU", "Of which SMEs.", "No tām MVU.", "14", **_COUNT),
        _c("planned_cost_eur", "money", "Plānotās izmaksas EUR", "Planned cost in euro.", "Plānotās izmaksas eiro.",
           "10 000,00", **_COUNT),
        _c("actual_cost_eur", "money", "Faktiskās izmaksas EUR", "Actual cost in euro; empty = not recorded.",
           "Faktiskās izmaksas eiro; tukšs = nav uzskaitīts.", "9 850,50", **_COUNT),
        _c("funding_source", "choice", "Finansējuma avots", *_FUNDING_HELP, "erdf", choices=FUNDING_LABELS),
        _c("cooperation_projects_initiated", "int", "Uzsāktie sadarbības projekti",
           "Cooperation projects initiated.", "Uzsākto sadarbības projektu skaits.", "6", **_COUNT),
        _c("cooperation_projects_implemented", "int", "Īstenotie sadarbības projekti",
           "Of which implemented.", "No tiem īstenoto skaits.", "1", **_COUNT),
        _c("notes", "text", "Piezīmes", "Free text.", "Brīvs teksts.", ""),
    ],
    "organisations": [
        _c("org_id", "text", "Organizācijas ID", "Your id for the organisation.", "Organizācijas ID.", "ORG-001",
           required=True, unique=True),
        _c("name", "text", "Nosaukums", "Organisation name.", "Organizācijas nosaukums.", "SIA Piemērs",
           required=True),
        _c("kind", "choice", "Veids", *_KIND_HELP, "sme", choices=KIND_LABELS),
        _c("sector", "choice", "Nozare", *_SECTOR_HELP, "C", choices=SECTOR_LABELS),
        _c("size", "choice", "Lielums", "micro, small, medium, large", "mikro, mazs, vidējs, liels", "small",
           choices=SIZE_LABELS),
        _c("municipality", "place", "Pašvaldība", "Where it is based.", "Atrašanās vieta.", "Valmieras novads"),
    ],
    "participations": [
        _c("event_id", "text", "Pasākuma ID", "An event_id already imported.", "Jau importēta pasākuma ID.",
           "HK-2019-01", required=True),
        _c("org_id", "text", "Organizācijas ID", "An org_id already imported.", "Jau importētas organizācijas ID.",
           "ORG-001", required=True),
        _c("people", "int", "Cilvēki", "People from this organisation (default 1).",
           "Cilvēku skaits no organizācijas (pēc noklusējuma 1).", "2", minimum=1),
        _c("role", "text", "Loma", "participant, host, expert, …", "dalībnieks, uzņēmējs, eksperts, …",
           "participant", example_lv="dalībnieks"),
    ],
    "budget": [
        _c("programme", "text", "Programma", "Programme or project.", "Programma vai projekts.", "DIH 2024",
           required=True),
        _c("funding_source", "choice", "Finansējuma avots", *_FUNDING_HELP, "national_budget",
           choices=FUNDING_LABELS),
        _c("funder_name", "text", "Finansētājs", "The funder's name as recorded (e.g. the ministry, fund or sponsor); "
           "shown beside the funding source.", "Finansētāja nosaukums, kā reģistrēts (piemēram, ministrija, fonds "
           "vai sponsors); rāda blakus finansējuma avotam.", "Ministry of Economics",
           example_lv="Ekonomikas ministrija"),
        _c("measure", "choice", "Pasākuma veids", "Measure the line is for (empty = overheads).",
           "Pasākuma veids (tukšs = vispārējās izmaksas).", "workshop", choices=EVENT_TYPE_LABELS),
        _c("year", "int", "Gads", "Budget year.", "Budžeta gads.", "2024", required=True, minimum=2000,
           maximum=2100),
        _c("planned_eur", "money", "Plānots EUR", "Planned amount in euro.", "Plānotā summa eiro.", "15 000",
           required=True, **_COUNT),
    ],
    "expenditures": [
        _c("date", "date", "Datums", "Date booked.", "Grāmatošanas datums.", "28.03.2024", required=True),
        _c("programme", "text", "Programma", "Programme or project.", "Programma vai projekts.", "DIH 2024"),
        _c("funding_source", "choice", "Finansējuma avots", *_FUNDING_HELP, "erdf", choices=FUNDING_LABELS),
        _c("funder_name", "text", "Finansētājs", "The funder's name as recorded (e.g. the ministry, fund or sponsor); "
           "shown beside the funding source.", "Finansētāja nosaukums, kā reģistrēts (piemēram, ministrija, fonds "
           "vai sponsors); rāda blakus finansējuma avotam.", "Central Finance and Contracting Agency",
           example_lv="Centrālā finanšu un līgumu aģentūra"),
        _c("measure", "choice", "Pasākuma veids", "Measure (empty = overheads).",
           "Pasākuma veids (tukšs = vispārējās izmaksas).", "workshop", choices=EVENT_TYPE_LABELS),
        _c("amount_eur", "money", "Summa EUR", "Amount in euro.", "Summa eiro.", "1 480,00", required=True,
           **_COUNT),
        _c("event_id", "text", "Pasākuma ID", "Event the cost belongs to, if any.", "Pasākums, ja attiecas.", ""),
        _c("description", "text", "Apraksts", "What was paid for.", "Par ko maksāts.", "Catering",
           example_lv="Ēdināšana"),
    ],
    "survey": [
        _c("response_id", "text", "Atbildes ID", "Unique id of the answer.", "Atbildes ID.", "S-001",
           required=True, unique=True),
        _c("date", "date", "Datums", "Date answered.", "Atbildes datums.", "12.05.2024"),
        _c("wave", "text", "Kārta", "baseline, follow-up …", "sākotnējā, atkārtotā …", "baseline"),
        _c("org_id", "text", "Organizācijas ID", "Respondent organisation, if known.", "Organizācija.", "ORG-001"),
        _c("municipality", "place", "Pašvaldība", "Respondent's municipality.", "Pašvaldība.", "Talsu novads"),
        _c("sector", "choice", "Nozare", *_SECTOR_HELP, "C", choices=SECTOR_LABELS),
        _c("size", "choice", "Lielums", "micro, small, medium, large", "mikro, mazs, vidējs, liels", "small",
           choices=SIZE_LABELS),
        _c("barriers", "text", "Šķēršļi", "Barriers named, separated by ';'.", "Šķēršļi, atdalīti ar ';'.",
           "motivation; workforce", example_lv="Motivācijas trūkums pārmaiņām; Darbaspēka problēmas"),
        _c("other_barrier", "text", "Cits šķērslis", "Free text.", "Brīvs teksts.", ""),
        *[
            _c(name, "score", label, "1 (strongly disagree) … 5 (strongly agree).",
               "1 (pilnīgi nepiekrītu) … 5 (pilnīgi piekrītu).", "4", minimum=1, maximum=5)
            for name, label in (("agree_disruption", "Tehnoloģijas maina nozari"),
                                ("agree_customer_experience", "Stratēģijas mērķis ir klientu pieredze"),
                                ("agree_preparing", "Gatavojamies pārmaiņām"))
        ],
        _c("has_digital_strategy", "bool", "Ir digitālā stratēģija", "yes or no.", "jā vai nē.", "yes"),
        *[
            _c(f"maturity_{dim}", "money", f"Briedums: {label}", "Digital-maturity score 0–100.",
               "Digitālā brieduma vērtējums 0–100.", "45", minimum=0, maximum=100)
            for dim, label in (("strategy", "stratēģija"), ("readiness", "gatavība"), ("human", "cilvēki"),
                               ("data", "dati"), ("automation", "automatizācija un MI"), ("green", "zaļā"))
        ],
    ],
    "context": [
        _c("area", "text", "Teritorija", "Municipality (name or ATVK code) or planning region / NUTS 3 code.",
           "Pašvaldība (nosaukums vai ATVK kods) vai plānošanas reģions / NUTS 3 kods.", "LV0001000",
           required=True),
        _c("year", "int", "Gads", "Year.", "Gads.", "2024", required=True, minimum=1990, maximum=2100),
        _c("indicator", "choice", "Rādītājs", *_INDICATOR_HELP, "population", required=True,
           choices=INDICATOR_LABELS),
        _c("value", "money", "Vērtība", "Numeric value.", "Skaitliska vērtība.", "605 273", required=True),
    ],
}

INT_LIMIT = 2_147_483_647  # whole-number columns: what PostgreSQL's integer holds
MONEY_LIMIT = 1e12  # amounts and values: no hub figure comes near a trillion
EARLIEST_DATE = "2000-01-01"  # the hub's records start long after this
YEARS_AHEAD = 10  # plans may be dated ahead, not decades ahead


@dataclass(frozen=True)
class DateWindow:
    """The dates an import accepts: a typo'd year (0001, 2202, 9999) is an error, not a record."""

    earliest: dt.date
    latest: dt.date


def date_window(today: dt.date | None = None) -> DateWindow:
    """From ``DIH_IMPORT_EARLIEST_DATE`` (default 2000-01-01) to ``DIH_IMPORT_YEARS_AHEAD`` (default 10)
    years after ``today`` (default: the app's clock, ``DIH_TODAY`` or the system date)."""
    today = today or clock.today()
    earliest = dt.date.fromisoformat(os.environ.get("DIH_IMPORT_EARLIEST_DATE", EARLIEST_DATE))
    years = int(os.environ.get("DIH_IMPORT_YEARS_AHEAD", YEARS_AHEAD))
    day = 28 if (today.month, today.day) == (2, 29) else today.day
    return DateWindow(earliest, today.replace(year=today.year + years, day=day))


NATURAL_KEYS = {"events": "event_id", "organisations": "org_id", "survey": "response_id"}


def columns(kind: str) -> list[ColumnSpec]:
    if kind not in SCHEMAS:
        raise KeyError(f"Unknown import kind {kind!r}; use one of: {', '.join(SCHEMAS)}")
    return SCHEMAS[kind]
