"""The import report in the reader's language: what is wrong and how to fix it, in Latvian on the Latvian
Data page and with ``--lang lv`` on the command line, numbers in Latvian format; English unchanged."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys

import pytest

from dih_data import batches, i18n, importer, messages, store
from tests.e2e.test_latvian_audit import english_found

# Small English words that no Latvian sentence contains (on top of the interface's English labels).
ENGLISH_WORDS = ("the", "not", "this", "and", "or", "of", "with", "use", "file", "row", "line",
                 "column", "value", "must", "write", "check", "fix", "unknown", "number", "date", "delete", "save",
                 "open", "error", "warning", "did", "you", "mean", "rows", "cells", "quote", "header", "more")

EVENTS = "event_type;title;start_date;end_date;municipality;format;sector;registered;participants;organisations;smes\n"
# Bad files a Latvian editor makes: each row breaks other rules. Values are Latvian, so any English in the
# report came from the importer, not from the file.
BAD_FILES = {
    "cells": ("events", (EVENTS +
                         "hakatonss;Pirmais;2019-13-01;;Cēsu nvads;klātiene;Lauksaimnieciba un zvejnieciba;-3;"
                         "1,000;5;7\n"
                         "darbnīca;Otrais;05.03.2019;01.03.2019;;klātienē;C;2;2,5;1;x\n"
                         "darbnīca;Trešais;05.03.2019;;Rīga;klātienē;C;;99999999999999;;\n"
                         "darbnīca;Ceturtais;05.03.1850;;Alojas novads;;C;;3;;\n").encode()),
    "columns": ("events", "piemērs;Pasākuma veids;Dalībnieki;Kolonna X\n"
                          "PIEMĒRS — izdzēsiet šo rindu;darbnīca;3;a\n".encode()),
    "kind": ("organisations", "Organizācijas ID;Nosaukums;Veids;Lielums\nO-1;SIA Pirmā;MVÜ uzņēmums;mazais\n"
                              "O-1;SIA Otrā;MVU;vidējais\n".encode()),
    "references": ("participations", b"event_id;org_id;people\nPAS-1;ORG-9;2\n"),
    "empty": ("events", b""),
    "quote": ("events", 'event_type;title\ndarbnīca;"nav aizvērta\n'.encode()),
    "wide row": ("events", "event_type;title\ndarbnīca;a;b;c\n".encode()),
    "same header": ("events", b"title;title\na;b\n"),
    "pdf": ("events", b"%PDF-1.4 something"),
    "binary": ("events", b"a;b\n\x00\x01"),
    "old excel": ("events", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 64),
    "code page": ("events", "event_type;title;start_date;municipality;participants\n"
                            "darbnīca;Ēdināšana;05.03.2019;Rīga;3\n".encode("cp1257")),
    "barriers": ("survey", "respondent_id;wave;barriers\nR-1;sākotnējā;nezināms šķērslis\n".encode()),
}


def _report(engine, name: str, lang: str) -> list[tuple[str, str]]:
    kind, data = BAD_FILES[name]
    result = importer.import_file(engine, kind, "fails.csv", data=data, file_name="fails.csv", dry_run=True)
    problems = [*result.errors, *result.warnings]
    assert problems, name
    return [problem.said(lang) for problem in problems]


def english_words(text: str) -> list[str]:
    """English words in ``text``, leaving out column names (``start_date``: the English header a file may use)."""
    text = re.sub(r"\b\w+_\w+\b", "", text)
    words = set(re.findall(r"[^\W\d_]+", text.lower()))
    return sorted(words & set(ENGLISH_WORDS)) + english_found(text)


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_latvian_report_says_what_is_wrong_and_how_to_fix_it_in_latvian(engine, name):
    messages.unsaid.clear()
    for message, fix in _report(engine, name, "lv"):
        assert english_words(message) == [] and english_words(fix) == [], (message, fix)
    assert messages.unsaid == set()


def test_the_audit_words_catch_the_english_report(engine):
    said = " ".join(message + " " + fix for message, fix in _report(engine, "cells", "en"))
    assert {"unknown", "not", "write"} <= set(english_words(said))


@pytest.mark.parametrize(("name", "latvian", "english"), [
    ("cells", "Nezināma pašvaldība.", "Unknown municipality."),
    ("cells", "Jābūt veselam skaitlim.", "This must be a whole number."),
    ("cells", "Neskaidrs skaitlis: 1,000 var būt 1 vai 1 000.", "Ambiguous: 1,000 could be 1 or 1 000."),
    ("cells", "Skaitlis ir par lielu ailei „Dalībnieki” (ne vairāk kā 2\u00a0147\u00a0483\u00a0647).",
     "This number is too large for participants (at most 2 147 483 647)."),
    ("cells", "Nezināma vērtība ailē „Nozare”: „Lauksaimnieciba un zvejnieciba”.",
     "Unknown sector: “Lauksaimnieciba un zvejnieciba”."),
    ("cells", "Vai domājāt A (Lauksaimniecība, mežsaimniecība un zivsaimniecība)?",
     "Did you mean A (Agriculture, forestry and fishing)?"),
    ("cells", "Vai domājāt Cēsu novads, Dobeles novads vai Valmieras novads?",
     "Did you mean Cēsu novads, Dobeles novads or Valmieras novads?"),
    ("kind", "Liels uzņēmums vai MVU?", "large (Large enterprise) or sme (SME)?"),
    ("references", "Vispirms importējiet pasākumus vai izlabojiet ID.", "Import the events first, or correct the id."),
    ("empty", "fails.csv: fails ir tukšs.", "fails.csv: the file is empty."),
])
def test_parameters_are_said_per_language(engine, name, latvian, english):
    assert any(latvian in text for pair in _report(engine, name, "lv") for text in pair)
    assert any(english in text for pair in _report(engine, name, "en") for text in pair)


def test_the_command_line_reports_in_latvian_with_lang_lv(tmp_path):
    bad = tmp_path / "slikts.csv"
    bad.write_text("event_type;start_date;municipality;participants\ndarbnīca;05.03.2019;Rīga;-3\n",
                   encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "dih_data", "--database-url", f"sqlite:///{tmp_path / 'c.sqlite'}",
                          "import", "events", str(bad), "--lang", "lv"], capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "slikts.csv:2, aile „Dalībnieki”, vērtība „-3” — Vērtībai ailē „Dalībnieki” jābūt vismaz 0." in run.stderr
    assert "NORAIDĪTS slikts.csv" in run.stderr and english_words(run.stderr.replace("slikts.csv", "")) == []


def _events(first: int, count: int) -> str:
    return "event_id;event_type;start_date;municipality;participants\n" + "".join(
        f"PAS-{number};darbnīca;05.03.2019;Rīga;3\n" for number in range(first, first + count))


DEMO_REMOVAL = ".venv/bin/python -m dih_data demo --remove"  # a command: written alike in every language


def test_the_command_lines_summary_is_in_the_chosen_language(tmp_path):
    """One database (the demo loaded once: its notice is part of the summary), both languages."""
    database = ["--database-url", f"sqlite:///{tmp_path / 'c.sqlite'}"]

    def run(*args: str) -> list[str]:
        done = subprocess.run([sys.executable, "-m", "dih_data", *database, *args], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()

    (tmp_path / "labi.csv").write_text(_events(1, 1_627), encoding="utf-8")
    (tmp_path / "good.csv").write_text(_events(5_000, 1_001), encoding="utf-8")
    run("demo")
    said = {lang: run("import", "events", str(tmp_path / name), "--lang", lang, "--dry-run") +
            run("import", "events", str(tmp_path / name), "--lang", lang)
            for lang, name in (("lv", "labi.csv"), ("en", "good.csv"))}
    batch = len(batches.history(store.make_engine(database[1])))  # the last import's
    assert said["lv"][:3] == ["labi.csv: importētu rindas: 1\u00a0627 (Pasākumi); nekas netika ierakstīts.",
                              f"labi.csv: importētas rindas: 1\u00a0627 (Pasākumi), partija {batch - 1}.",
                              "pievienotas 1\u00a0627, atjauninātas 0, bez izmaiņām 0"]
    assert said["en"][:3] == ["good.csv: would import 1,001 rows (Events); nothing was written.",
                              f"good.csv: imported 1,001 rows (Events) as batch {batch}.",
                              "added 1,001, updated 0, unchanged 0"]
    assert all(DEMO_REMOVAL in lines[3] and len(lines) == 4 for lines in said.values())
    latvian = "\n".join(said["lv"]).replace("labi.csv", "").replace(DEMO_REMOVAL, "")
    assert english_words(latvian) == [] and english_words("\n".join(said["en"]))  # the audit words would see it


def test_the_report_table_heads_and_severities_in_the_language(engine):
    kind, data = BAD_FILES["code page"]
    result = importer.import_file(engine, kind, "fails.csv", data=data, file_name="fails.csv", dry_run=True)
    table = importer.report(result.warnings, "lv")
    assert list(table.columns) == [i18n.t(key, "lv") for key in ("report_row", "report_column", "report_value",
                                                                  "report_message", "report_fix", "report_severity")]
    assert table[i18n.t("report_severity", "lv")].tolist() == ["brīdinājums"]


def test_a_problem_text_survives_pickling_and_copying_with_its_language():
    text = messages.Msg.joined(messages.Msg("problem_did_you_mean", options=messages.Options(("sme",), "kind")),
                               messages.Msg("problem_required", column=messages.Column("participants")))
    for again in (pickle.loads(pickle.dumps(text)), copy.deepcopy(text)):
        assert again == text and messages.say(again, "lv") == "Vai domājāt MVU? Aile „Dalībnieki” ir obligāta."
