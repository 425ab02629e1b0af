"""``python -m deploy``: one command brings up the processes, nginx and PostgreSQL; one signal stops them all."""

from __future__ import annotations

import re
import select
import signal
import socket
import subprocess
import sys
from pathlib import Path

import psutil

from deploy import nginx, postgres
from deploy.net import answers, free_port
from tests.conftest import require_or_skip

ROOT = Path(__file__).resolve().parents[2]
UP = re.compile(r"ports (\d+), (\d+)\) behind nginx at http://127\.0\.0\.1:(\d+)/ on \S+@127\.0\.0\.1:(\d+)/")


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_one_command_starts_everything_and_sigterm_stops_every_process(tmp_path):
    """SIGTERM, as a service manager sends it (Ctrl-C's SIGINT takes the same way out: KeyboardInterrupt)."""
    if not nginx.binary():
        require_or_skip("DIH_REQUIRE_NGINX", "nginx not installed (apt-get install nginx)")
    if not postgres.available():
        require_or_skip("DIH_REQUIRE_POSTGRES", "PostgreSQL server binaries not found")
    proxy_port = free_port()
    runner = subprocess.Popen(
        [sys.executable, "-m", "deploy", "--processes", "2", "--postgres", "--port", str(proxy_port),
         "--data-dir", str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        ready, _, _ = select.select([runner.stdout], [], [], 120)
        line = runner.stdout.readline() if ready else ""
        found = UP.search(line)
        assert found, f"no start line within 120 s: {line!r}"
        app_ports, pg_port = [int(found[1]), int(found[2])], int(found[4])
        assert int(found[3]) == proxy_port
        children = psutil.Process(runner.pid).children(recursive=True)
        names = sorted({child.name() for child in children})
        assert "nginx" in names and sum("streamlit" in " ".join(c.cmdline()) for c in children) == 2, names
        for port in [*app_ports, proxy_port]:
            assert answers(f"http://127.0.0.1:{port}/_stcore/health")
        assert _listening(pg_port)

        runner.send_signal(signal.SIGTERM)
        assert runner.wait(60) == 0
        _gone, alive = psutil.wait_procs(children, timeout=10)
        assert alive == []
        assert [port for port in [*app_ports, proxy_port, pg_port] if _listening(port)] == []
        assert "stopped: nginx, the app processes and PostgreSQL" in runner.stdout.read()
    finally:
        if runner.poll() is None:
            runner.kill()
            runner.wait()
