"""Sign-in hardened: growing delays after wrong passwords (clock injected, nothing sleeps), the hash file
written 0600 atomically, a damaged hash file reported clearly, and the database created private."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import text

from dih_data import access, store

PASSWORD = "correct horse battery"


@pytest.fixture
def password(tmp_path):
    return access.set_password(PASSWORD, tmp_path / "editor")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_delay_doubles_after_the_free_tries_up_to_the_maximum(throttle_clock):
    throttle = access.Throttle(3)
    delays = []
    for _ in range(14):
        throttle.failed()
        delays.append(throttle.seconds_left())
    assert delays == [0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    throttle_clock["now"] += 299.5
    assert throttle.seconds_left() == pytest.approx(0.5)
    throttle.succeeded()
    assert throttle.seconds_left() == 0 and throttle.failures == 0


def test_a_try_while_waiting_is_refused_without_checking_even_the_right_password(throttle_clock, password):
    session = access.Throttle(access.SESSION_FREE_TRIES)
    results = [access.try_password("wrong horse battery", session, password) for _ in range(4)]
    assert [r.ok for r in results] == [False] * 4 and results[-1].wait == 0
    refused = access.try_password(PASSWORD, session, password)
    assert refused == access.Attempt(False, 1.0)
    throttle_clock["now"] += 1
    assert access.try_password(PASSWORD, session, password).ok
    assert session.failures == 0 and access.OVERALL.failures == 0


def test_new_sessions_do_not_escape_the_server_wide_delay(throttle_clock, password):
    for _ in range(access.OVERALL_FREE_TRIES):
        assert not access.try_password("wrong horse battery", access.Throttle(3), password).ok
    assert access.try_password("wrong horse battery", access.Throttle(3), password).wait == 0
    fresh = access.try_password(PASSWORD, access.Throttle(3), password)
    assert fresh == access.Attempt(False, 1.0)  # a brand-new session must wait too
    throttle_clock["now"] += 1
    assert access.try_password(PASSWORD, access.Throttle(3), password).ok


def test_the_hash_file_is_never_readable_by_others_not_even_before_the_rename(tmp_path, monkeypatch):
    seen = []
    replace = os.replace

    def watching(source, target):
        seen.append(_mode(source))
        replace(source, target)

    monkeypatch.setattr(os, "replace", watching)
    old = os.umask(0)  # the most permissive umask: the file must still be 0600
    try:
        path = access.set_password(PASSWORD, tmp_path / "new" / "editor")
    finally:
        os.umask(old)
    assert seen == [0o600] and _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["editor"]  # no temporary file left behind


@pytest.mark.parametrize("content", [b"", b"garbage\n", b"scrypt$!!$!!\n", b"md5$YQ==$YQ==\n", b"scrypt$YQ==$YQ==\n",
                                     b"scrypt$\xff\xfe$x\n", b"scrypt$YQ==$YQ==$YQ==\n"])
def test_a_damaged_hash_file_is_a_clear_message_not_a_crash(tmp_path, content):
    path = tmp_path / "editor"
    path.write_bytes(content)
    with pytest.raises(access.BrokenPasswordFile, match="set-editor-password") as error:
        access.check_password(PASSWORD, path)
    assert str(path) in str(error.value)


def test_the_database_folder_and_file_are_created_private(tmp_path):
    old = os.umask(0o022)
    try:
        engine = store.make_engine(f"sqlite:///{tmp_path / 'var' / 'dih.sqlite'}")
        store.init_db(engine)
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE probe (x INTEGER)"))
    finally:
        os.umask(old)
    folder = tmp_path / "var"
    assert _mode(folder) == 0o700
    assert {path.name: _mode(path) for path in folder.iterdir()} == {
        name: 0o600 for name in ("dih.sqlite", "dih.sqlite-wal", "dih.sqlite-shm")
        if (folder / name).exists()}
    assert (folder / "dih.sqlite").exists()
    engine.dispose()


def test_an_existing_folder_keeps_its_permissions(tmp_path):
    tmp_path.chmod(0o755)
    store.make_engine(f"sqlite:///{tmp_path / 'dih.sqlite'}").dispose()
    assert _mode(tmp_path) == 0o755 and _mode(tmp_path / "dih.sqlite") == 0o600
