"""The command line as operators run it: a real process against a real SQLite file."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from dih_data import published


def run(db, *args):
    return subprocess.run(
        [sys.executable, "-m", "dih_data", "--database-url", f"sqlite:///{db}", *args],
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.sqlite"


def test_rejected_import_exits_nonzero_with_report_on_stderr(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("event_type;start_date;municipality;participants\nworkshop;05.03.2019;Rīga;-3\n", encoding="utf-8")
    result = run(db, "import", "events", str(bad), "--lang", "en")
    assert result.returncode != 0
    assert "bad.csv:2 column participants" in result.stderr and "nothing was written" in result.stderr
    assert json.loads(run(db, "summary", "--json").stdout)["events"] == 0


def test_dry_run_then_import(db, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("event_type;start_date;municipality;participants\nworkshop;05.03.2019;Cēsu novads;12\n",
                    encoding="utf-8")
    assert run(db, "import", "events", str(good), "--dry-run").returncode == 0
    assert json.loads(run(db, "summary", "--json").stdout)["events"] == 0
    assert run(db, "import", "events", str(good)).returncode == 0
    summary = json.loads(run(db, "summary", "--json").stdout)
    assert (summary["events"], summary["participants"]) == (1, 12)
    assert {"planning_region": "Vidzeme", "events": 1, "participants": 12} in summary["by_planning_region"]


def test_demo_summary_reproduces_every_published_total(db):
    assert run(db, "demo").returncode == 0
    summary = json.loads(run(db, "summary", "--json").stdout)
    assert summary["provenance"] == {"demo": summary["events"]}
    for result in published.ACTIVITY_RESULTS:
        rows = [r for r in summary["by_type_year"] if r["event_type"] == result.measure and result.covers(r["year"])]
        assert sum(r["events"] for r in rows) == (result.events or 1)
        if result.participants is not None:
            assert sum(r["participants"] for r in rows) == result.participants
    regions = {r["planning_region"] for r in summary["by_planning_region"]}
    assert "online" in regions and len(regions) == 6


def test_export_escapes_formulas_and_keeps_numbers(db, tmp_path):
    events = tmp_path / "e.csv"
    events.write_text("event_type;title;start_date;municipality;participants;actual_cost_eur\n"
                      "workshop;=HYPERLINK(\"http://x\");05.03.2019;Rīga;12;1500\n"
                      "workshop;-minus title;06.03.2019;Rīga;7;\n", encoding="utf-8")
    assert run(db, "import", "events", str(events)).returncode == 0
    out = tmp_path / "out"
    assert run(db, "export", str(out)).returncode == 0
    with open(out / "raw" / "event.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["title"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'-minus title"]
    assert rows[0]["participants"] == "12" and rows[0]["actual_cost_eur"] == "1500.0"
    assert (out / "raw" / "import_batch.csv").exists() and (out / "raw" / "municipality.csv").exists()
    with open(out / "import" / "events.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [r["title"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'-minus title"]
    assert rows[0]["municipality"] == "0001000" and rows[0]["actual_cost_eur"] == "1500"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_template_written_by_the_cli_is_refused_until_its_example_row_is_deleted(db, tmp_path, fmt):
    template = tmp_path / f"events.{fmt}"
    assert run(db, "template", "events", "--lang", "lv", "--format", fmt, "--out", str(template)).returncode == 0
    result = run(db, "import", "events", str(template), "--dry-run", "--lang", "en")
    assert result.returncode == 1 and "would import" not in result.stdout
    assert f"events.{fmt}:2 column piemērs" in result.stderr and "Delete the example row (row 2)" in result.stderr


def test_without_lang_every_command_speaks_the_apps_language_latvian(db, tmp_path):
    """The app opens in Latvian (i18n.DEFAULT_LANG); so does every command: what it writes, its history
    table and its refusals. ``--lang en`` gives English."""
    from dih_data import i18n
    from tests.e2e.test_latvian_audit import english_found

    assert i18n.DEFAULT_LANG == "lv"
    out = tmp_path / "out"
    said = [run(db, *command) for command in (("demo",), ("demo",), ("summary",), ("history",), ("export", str(out)),
                                              ("rollback", "999"), ("demo", "--remove"), ("demo", "--remove"))]
    assert [result.returncode for result in said] == [0, 0, 0, 0, 0, 1, 0, 0]
    text = "\n".join(result.stdout + result.stderr for result in said)
    assert i18n.t("cli_demo_already", "lv") in text and i18n.t("cli_no_demo", "lv") in text
    assert i18n.t("history_provenance", "lv") in said[3].stdout and "demonstrācijas dati: Pasākumi" in said[3].stdout
    assert said[5].stderr.strip() == i18n.t("rollback_no_batch", "lv", batch="999")
    commands = ", ".join(("organisations", "events", "participations", "budget", "expenditures", "survey",
                          "context"))  # the import command's own words, alike in every language
    command = ".venv/bin/python -m dih_data demo"
    assert english_found(text.replace(str(out), "").replace(commands, "").replace(command, "")) == []
    english = run(db, "summary", "--lang", "en").stdout
    assert english.startswith("Events: ") and "participants: " in english
