"""Real servers on loopback for the production tests: gunicorn as the README runs it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from quiz.config import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, data: bytes | None = None) -> int:
    try:
        with urllib.request.urlopen(url, data=data, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def gunicorn_command(port: int, *options: str) -> list[str]:
    """gunicorn serving app:app with the project's settings on a loopback port."""
    config = ["--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    return [sys.executable, "-m", "gunicorn", *config, *options, "app:app"]


def start_gunicorn(
    port: int, log: Path, *options: str, env: Mapping[str, str] | None = None
) -> subprocess.Popen:
    """gunicorn on a loopback port, its error log (and any access log it writes to
    stdout) in `log`; returns once it answers."""
    with log.open("wb") as output:
        server = subprocess.Popen(
            gunicorn_command(port, *options), cwd=ROOT, env=env, stdout=output, stderr=output
        )
    wait_until_answering(f"http://127.0.0.1:{port}/healthz", server)
    return server


def wait_until_answering(url: str, server: subprocess.Popen) -> None:
    for _ in range(300):
        try:
            fetch(url)
            return
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"the server for {url} stopped on start") from None
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered at {url}")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=15)
