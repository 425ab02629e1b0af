"""The Data page's password sign-in (AppTest): who you are is asked and recorded; guessing slows down;
a damaged hash file is a clear message. The throttle's clock is injected: nothing sleeps."""

from __future__ import annotations

from dih_data import access, batches, config, i18n, store
from tests.test_app import _page, _sign_in, _write_controls, data_dir, navigation_mode  # noqa: F401 — shared fixtures

PASSWORD = "correct horse battery"


def test_the_editor_says_who_they_are_and_the_batch_records_it(data_dir, throttle_clock):  # noqa: F811
    access.set_password(PASSWORD)
    at = _sign_in(_page("data", {"lang": "en"}), PASSWORD, "")
    assert [w.value for w in at.warning] == [i18n.t("editor_name_missing", "en")]
    assert _write_controls(at)["uploaders"] == 0
    at = _sign_in(at, PASSWORD, "  Anna   Bērziņa ")
    assert not at.exception and _write_controls(at)["uploaders"] == 1
    at.selectbox(key="data_rollback_batch").set_value(1).run()
    at.button(key="data_rollback").click().run()
    history = batches.history(store.make_engine(config.database_url()))
    assert history.loc[history["kind"] == batches.ROLLBACK_KIND, "user"].tolist() == ["Anna Bērziņa (password)"]


def test_wrong_passwords_bring_a_growing_wait_that_even_the_right_one_respects(data_dir, throttle_clock):  # noqa: F811
    access.set_password(PASSWORD)
    at = _page("data", {"lang": "en"})
    for _ in range(access.SESSION_FREE_TRIES + 1):  # the 4th wrong one sets 1 s
        at = _sign_in(at, "wrong horse battery", "Anna")
        assert [e.value for e in at.error] == [i18n.t("editor_wrong", "en")]
    at = _sign_in(at, "wrong horse battery", "Anna")
    assert [e.value for e in at.error] == [i18n.t("editor_wait", "en", seconds=1)]
    throttle_clock["now"] += 1
    at = _sign_in(at, "wrong horse battery", "Anna")  # the 5th wrong one sets 2 s
    throttle_clock["now"] += 0.5
    at = _sign_in(at, PASSWORD, "Anna")
    assert [e.value for e in at.error] == [i18n.t("editor_wait", "en", seconds=2)]
    assert _write_controls(at)["uploaders"] == 0
    throttle_clock["now"] += 1.5
    at = _sign_in(at, PASSWORD, "Anna")
    assert _write_controls(at)["uploaders"] == 1


def test_a_damaged_hash_file_says_what_to_do(data_dir, throttle_clock):  # noqa: F811
    access.password_file().write_text("scrypt$not-a-hash\n", encoding="ascii")
    at = _sign_in(_page("data", {"lang": "en"}), PASSWORD, "Anna")
    assert not at.exception
    assert [e.value for e in at.error] == [i18n.t("editor_password_broken", "en")]
