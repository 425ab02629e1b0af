"""The shared deployment (``deploy.cluster``): two real app processes behind nginx on one PostgreSQL server.

A change made through one process is what every process shows on its next rerun; the proxy keeps each
browser on one process; the editor password, set once, signs in on every process.
"""

from __future__ import annotations

import gzip
import re
import urllib.request

import pytest

from deploy import nginx
from deploy.cluster import Cluster
from dih_data import access, i18n, store
from tests.conftest import require_or_skip
from tests.e2e.conftest import EDITOR_PASSWORD, SCREENSHOTS, open_option, postgres_database, sign_in

pytestmark = pytest.mark.browser

PEOPLE = 4321  # participants of the one event the test imports: a number the demo's total cannot hide


@pytest.fixture(scope="module")
def cluster(postgres_url, tmp_path_factory):
    if not nginx.binary():
        require_or_skip("DIH_REQUIRE_NGINX", "nginx not installed (apt-get install nginx)")
    data_dir = tmp_path_factory.mktemp("deployment")
    access.set_password(EDITOR_PASSWORD, data_dir / access.password_file().name)  # once, for both processes
    with Cluster(2, database_url=postgres_database(postgres_url, "dih_e2e_deployment_test"), data_dir=data_dir,
                 env={"DIH_SNAPSHOT_DIR": str(data_dir / "snapshots")}) as running:
        yield running


def _get(url: str, headers: dict[str, str] | None = None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
        return response.headers, response.read()


def _route_cookie(headers) -> str | None:
    found = [re.match(r"dih_route=(\w+);", cookie) for cookie in headers.get_all("Set-Cookie") or []]
    return next((match.group(1) for match in found if match), None)


def _routes(cluster) -> list[tuple[str, str]]:
    """(route, app process port) of every request nginx passed on, in order."""
    lines = cluster.access_log.read_text(encoding="utf-8").splitlines()
    return [(route, upstream.rsplit(":", 1)[-1]) for route, upstream, *_ in (line.split() for line in lines)]


def test_the_proxy_spreads_new_browsers_and_keeps_each_on_its_process(cluster):
    first_responses = [_get(f"{cluster.proxy_url}/_stcore/health")[0] for _ in range(20)]
    cookies = [_route_cookie(headers) for headers in first_responses]
    for cookie in cookies[:5]:
        for _ in range(3):
            headers, _body = _get(f"{cluster.proxy_url}/_stcore/health", {"Cookie": f"dih_route={cookie}"})
            assert _route_cookie(headers) is None  # set once, then kept by the browser
    served = {}
    for route, port in _routes(cluster):
        served.setdefault(route, []).append(port)
    assert {served[cookie][0] for cookie in cookies} == {str(port) for port in cluster.app_ports}
    for cookie in cookies[:5]:
        assert served[cookie] == [served[cookie][0]] * 4, served[cookie]


def test_static_files_are_compressed_and_cached_by_the_proxy(cluster):
    _headers, html = _get(f"{cluster.proxy_url}/")
    script = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', html.decode()).group(1)
    _headers, plain = _get(f"{cluster.app_urls[0]}/{script}")
    answers = [_get(f"{cluster.proxy_url}/{script}", {"Accept-Encoding": "gzip"}) for _ in range(2)]
    assert [headers["Content-Encoding"] for headers, _ in answers] == ["gzip", "gzip"]
    assert gzip.decompress(answers[1][1]) == plain
    assert answers[1][0]["X-Cache-Status"] == "HIT"


def _participants(page, url: str) -> int:
    """The Overview's participant total as the process behind ``url`` shows it (all years, all measures)."""
    page.goto(f"{url}/?lang=en", wait_until="load")
    tile = page.locator("[data-testid=stMetric]").filter(has_text=i18n.t("kpi_participants", "en"))
    tile.locator("[data-testid=stMetricValue]").wait_for(timeout=60_000)
    return int(re.sub(r"\D", "", tile.locator("[data-testid=stMetricValue]").inner_text()))


def test_an_import_through_one_process_shows_on_the_other_and_a_rollback_back(cluster, browser, tmp_path):
    a, b = cluster.app_urls
    on_a, on_b, via_proxy = (browser.new_page(viewport={"width": 1600, "height": 2400}) for _ in range(3))
    before = _participants(on_b, b)
    new_events = tmp_path / "coherence.csv"
    new_events.write_text("event_id;event_type;start_date;municipality;participants\n"
                          f"COHERENCE-1;workshop;05.03.2019;Talsi;{PEOPLE}\n", encoding="utf-8")

    sign_in(on_a, a)  # the password set once in the shared data folder
    on_a.locator("input[type=file]").set_input_files(str(new_events))
    on_a.get_by_role("button", name=i18n.t("commit", "en")).click()
    committed = on_a.get_by_text(re.compile(r"Batch \d+: 1 rows added"))
    committed.wait_for(timeout=30_000)
    batch = int(re.search(r"\d+", committed.inner_text()).group())

    assert _participants(on_b, b) == before + PEOPLE  # B's cached tables followed A's import
    assert _participants(via_proxy, cluster.proxy_url) == before + PEOPLE  # whichever process the proxy picked

    sign_in(on_b, b)
    open_option(on_b, i18n.t("rollback_pick", "en"), f"{batch}: {new_events.name}").click()
    on_b.get_by_role("button", name=i18n.t("rollback", "en"), exact=True).click()
    on_b.get_by_text(i18n.t("rolled_back", "en", batch=batch, rows=1)).wait_for(timeout=30_000)
    on_b.screenshot(path=SCREENSHOTS / "deployment_rollback_on_b_en.png")

    assert _participants(on_a, a) == before  # and A follows B's rollback
    engine = store.make_engine(cluster.database_url)
    from dih_data import batches
    history = batches.history(engine)
    engine.dispose()
    assert history.iloc[0]["user"] == "Anna Bērziņa (password)"  # the rollback, signed in on B
