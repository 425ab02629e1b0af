"""Every command printed in the README, the benchmarks README or the app runs as printed from a fresh clone;
viewer-facing text holds no command at all (only what a viewer can do)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
DOCS = (ROOT / "README.md", ROOT / "benchmarks" / "README.md")
CATALOGS = sorted((ROOT / "dih_data" / "locales").glob("*/LC_MESSAGES/messages.po"))
# Shown only to the person who can run a command: the Data page's how-to and import-report fixes, and what
# the command line itself prints.
EDITOR_MESSAGES = {"how_to_edit", "reader_too_many_rows_upload_fix", "problem_unknown_indicator_fix",
                   "problem_barrier_unknown_fix", "cli_demo_still_loaded", "cli_demo_removed"}
PYTHON_M = re.compile(r"(?P<python>[\w./]*python3?) -m (?P<module>[\w.]+)(?: (?P<sub>[a-z][\w-]*))?")


def _messages() -> dict[tuple[str, str], str]:
    found = {}
    for path in CATALOGS:
        with path.open("rb") as handle:
            found |= {(path.parts[-3], m.context): m.string for m in read_po(handle) if m.context}
    return found


def _printed_commands() -> list[tuple[str, re.Match]]:
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in DOCS]
    texts += [(f"{lang}:{key}", text) for (lang, key), text in _messages().items()]
    return [(where, match) for where, text in texts for match in PYTHON_M.finditer(text)]


def test_commands_are_found_where_they_are_printed():
    places = {where for where, _ in _printed_commands()}
    assert {"README.md", "lv:how_to_edit", "en:how_to_edit"} <= places


def test_every_command_uses_the_repositorys_venv():
    wrong = [(where, m.group(0)) for where, m in _printed_commands()
             if m["python"] != ".venv/bin/python" and not (m["python"] == "python3" and m["module"] == "venv")]
    assert not wrong, "a bare python fails outside the venv; print .venv/bin/python"


@pytest.mark.parametrize("module", ["dih_data", "benchmarks.run", "streamlit", "deploy"])
def test_every_printed_module_and_subcommand_exists(module):
    printed = {m["sub"] for _, m in _printed_commands() if m["module"] == module}
    assert printed, f"{module} is not printed anywhere"
    help_text = subprocess.run([sys.executable, "-m", module, "--help"], cwd=ROOT, capture_output=True, text=True,
                               check=True, timeout=120).stdout
    assert all(m["python"] == ".venv/bin/python" for m in PYTHON_M.finditer(help_text)), help_text  # usage lines
    subcommands = {sub for sub in printed if sub and not sub.startswith("-")}
    if module != "benchmarks.run":  # its first word after the module is an option, not a subcommand
        assert all(re.search(rf"\b{re.escape(sub)}\b", help_text) for sub in subcommands), (subcommands, help_text)


def test_viewer_facing_text_holds_no_command():
    commands = {key for (_, key), text in _messages().items()
                if PYTHON_M.search(text) or re.search(r"\b(pip|apt-get|sudo)\b|\.venv/|--\w", text)}
    assert commands <= EDITOR_MESSAGES
