"""The editor password is stored only as a salted hash and checked in constant time."""

from __future__ import annotations

import pytest

from dih_data import access, cli


def test_only_the_right_password_passes_and_it_is_never_stored(tmp_path):
    path = tmp_path / "editor"
    access.set_password("correct horse battery", path)
    stored = path.read_text(encoding="ascii")
    assert "correct horse" not in stored and stored.startswith("scrypt$")
    assert access.check_password("correct horse battery", path)
    assert not access.check_password("correct horse batterY", path)
    assert not access.check_password("", path)


def test_the_same_password_gets_a_new_salt_each_time(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    access.set_password("correct horse battery", first)
    access.set_password("correct horse battery", second)
    assert first.read_text() != second.read_text()


def test_no_password_means_nobody_passes(tmp_path):
    assert not access.password_is_set(tmp_path / "none")
    assert not access.check_password("anything at all", tmp_path / "none")


def test_short_passwords_are_refused(tmp_path):
    with pytest.raises(ValueError):
        access.set_password("short", tmp_path / "editor")
    assert not (tmp_path / "editor").exists()


def test_cli_sets_the_password_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DIH_DATA_DIR", str(tmp_path))
    answers = iter(["correct horse battery", "correct horse battery"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli.main(["set-editor-password"]) == 0
    assert access.check_password("correct horse battery")
    mismatch = iter(["correct horse battery", "something else entirely"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(mismatch))
    assert cli.main(["set-editor-password"]) == 1
    assert access.check_password("correct horse battery")  # unchanged


def test_cli_and_app_share_the_file_dih_editor_password_file_names(tmp_path, monkeypatch):
    """A shared deployment on several machines keeps the hash outside the data folder, one file for all."""
    shared = tmp_path / "etc" / "dih" / "editor_password.scrypt"
    monkeypatch.setenv("DIH_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv(access.PASSWORD_FILE_ENV, str(shared))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "correct horse battery")
    assert cli.main(["set-editor-password"]) == 0
    assert shared.exists() and not (tmp_path / "var" / "editor_password.scrypt").exists()
    assert access.check_password("correct horse battery")
