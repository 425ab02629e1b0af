"""A real Streamlit server and Debian's headless Chromium, both started by the tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from deploy import nginx
from deploy.cluster import Cluster
from deploy.net import free_port, wait_until_answers
from dih_data import access
from tests.conftest import require_or_skip

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DIH_CHROMIUM", "/usr/bin/chromium")  # any Chromium or Chrome binary
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
EDITOR_PASSWORD = "correct horse battery"  # set in the test server's data folder, so the editor flow runs
DEPLOYMENT = os.environ.get("DIH_E2E_DEPLOYMENT", "")  # "postgres-proxy": app_url is the shared deployment
if DEPLOYMENT not in ("", "postgres-proxy"):
    raise ValueError(f"DIH_E2E_DEPLOYMENT={DEPLOYMENT!r}: use postgres-proxy or leave it unset")


@pytest.fixture(scope="session")
def browser_type_launch_args():
    if not Path(CHROMIUM).exists():
        require_or_skip("DIH_REQUIRE_BROWSER",
                        f"{CHROMIUM} not installed (apt-get install chromium, or set DIH_CHROMIUM)")
    return {
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args():
    return {"viewport": {"width": 1600, "height": 1000}}


@pytest.fixture(scope="session")
def app_data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("e2e-data")


@pytest.fixture(scope="session")
def app_url(request, app_data_dir, tmp_path_factory):
    """Serve app.py on a free loopback port with a fresh data folder (demo data loads on first start).

    With ``DIH_E2E_DEPLOYMENT=postgres-proxy`` (a CI run) the same tests go through nginx to 2 app processes
    on PostgreSQL instead (``deploy.cluster.Cluster``).
    """
    if DEPLOYMENT == "postgres-proxy":
        if not nginx.binary():
            require_or_skip("DIH_REQUIRE_NGINX", "nginx not installed (apt-get install nginx)")
        access.set_password(EDITOR_PASSWORD, app_data_dir / access.password_file().name)
        env = {"DIH_SNAPSHOT_DIR": str(app_data_dir / "snapshots")}
        with Cluster(2, database_url=request.getfixturevalue("app_database_url"), data_dir=app_data_dir,
                     env=env) as cluster:
            yield cluster.proxy_url
        return
    yield from serve_app(app_data_dir, tmp_path_factory)


@pytest.fixture(scope="session")
def app_database_url(request, app_data_dir):
    """The database the app on ``app_url`` uses: its embedded SQLite file, or in the deployment run a
    PostgreSQL database of its own."""
    if DEPLOYMENT == "postgres-proxy":
        return postgres_database(request.getfixturevalue("postgres_url"), "dih_e2e_deployment")
    return f"sqlite:///{app_data_dir / 'dih_insight.sqlite'}"


@pytest.fixture(scope="session")
def postgres_database_url(postgres_url):
    """A database of its own on the tests' PostgreSQL server (the unit tests empty theirs after each test)."""
    return postgres_database(postgres_url, "dih_e2e")


def postgres_database(server_url: str, name: str) -> str:
    """Create database ``name`` on the server, empty (a module fixture may be set up twice in one run, when
    pytest groups the browser tests apart from the others), and return its URL."""
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(scope="session")
def postgres_app_url(postgres_database_url, tmp_path_factory):
    """The same app on PostgreSQL (DIH_DATABASE_URL); demo data loads on first start."""
    data_dir = tmp_path_factory.mktemp("e2e-data-postgres")
    yield from serve_app(data_dir, tmp_path_factory, postgres_database_url)


def sign_in(page, app_url: str, name: str = "Anna Bērziņa") -> None:
    """Open the Data page in English and sign in with the editor password as ``name``."""
    from dih_data import i18n

    page.goto(f"{app_url}/data?lang=en", wait_until="load")
    page.get_by_label(i18n.t("editor_name", "en")).fill(name)
    page.get_by_label(i18n.t("editor_password", "en")).fill(EDITOR_PASSWORD)
    page.get_by_role("button", name=i18n.t("editor_unlock", "en")).click()
    page.get_by_text(i18n.t("editor_signed_in", "en", user=f"{name} (password)")).wait_for(timeout=30_000)


def open_option(page, select_label: str, option_name: str, timeout_s: float = 60):
    """Open the selectbox labelled ``select_label`` until its list shows ``option_name``; return that option.

    A click that lands while the script is still rerunning (e.g. just after signing in) opens a list the
    rerun then closes, so the click is repeated until the option is there.
    """
    select = page.locator("[data-testid=stSelectbox]").filter(has_text=select_label).locator("input")
    option = page.get_by_role("option", name=option_name)
    deadline = time.monotonic() + timeout_s
    while True:
        select.click()
        try:
            option.wait_for(timeout=5_000)
            return option
        except Exception:
            if time.monotonic() > deadline:
                raise
            page.keyboard.press("Escape")
            page.wait_for_timeout(500)


def serve_app(data_dir: Path, tmp_path_factory, database_url: str | None = None):
    """Start Streamlit on a free port with the editor password set in ``data_dir``; yield its URL; stop it."""
    port = free_port()
    access.set_password(EDITOR_PASSWORD, data_dir / access.password_file().name)
    env = {**os.environ, "DIH_DATA_DIR": str(data_dir), "DIH_SNAPSHOT_DIR": str(data_dir / "snapshots")}
    env.pop("DIH_DATABASE_URL", None)
    if database_url:
        env["DIH_DATABASE_URL"] = database_url
    log = open(tmp_path_factory.mktemp("e2e-log") / "streamlit.log", "w")  # noqa: SIM115 (closed at teardown)
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers({"Streamlit": f"{url}/_stcore/health"}, {"Streamlit": server}, 60)
    except RuntimeError as error:
        server.kill()
        pytest.fail(f"{error}; see {log.name}")
    yield url
    server.terminate()
    server.wait(timeout=20)
    log.close()
