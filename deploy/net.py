"""Loopback ports and waiting for a server to answer."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request


def free_port() -> int:
    """A TCP port nobody listens on right now (on 127.0.0.1)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str, expected: bytes = b"ok") -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and response.read() == expected
    except OSError:
        return False


def wait_until_answers(urls: dict[str, str], processes: dict[str, subprocess.Popen], timeout: float) -> None:
    """Poll every ``urls[name]`` until each answers ``ok``; raise at once when ``processes[name]`` exits,
    or when ``timeout`` seconds pass, naming what did not come up."""
    waiting, deadline = dict(urls), time.monotonic() + timeout
    while waiting:
        for name, url in list(waiting.items()):
            if processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited with code {processes[name].returncode} while starting")
            if answers(url):
                del waiting[name]
        if not waiting:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{', '.join(waiting)} did not answer within {timeout:.0f} s")
        time.sleep(0.2)
