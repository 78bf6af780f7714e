"""Production serving under gunicorn: access logs that hold no answer, and statelessness."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from quiz import create_app
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


@pytest.fixture
def gunicorn(tmp_path):
    """The real app under gunicorn on loopback, logging requests to a file."""
    port = free_port()
    log = tmp_path / "access.log"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            str(log),
            "app:app",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            fetch(f"{base}/healthz")
            break
        except OSError:
            time.sleep(0.1)
    log.write_text("")
    yield base, log
    server.terminate()
    server.wait(timeout=10)


def test_gunicorn_serves_the_app_and_health_check(gunicorn, deck):
    base, _ = gunicorn
    assert fetch(f"{base}/healthz") == 200
    assert fetch(f"{base}/quiz/{deck.id}/1") == 200


def test_access_log_has_one_line_per_request_and_never_an_answer(gunicorn, deck):
    base, log = gunicorn
    sent = [
        fetch(f"{base}/quiz/{deck.id}/reveal", b"card=1&answer=true"),
        fetch(f"{base}/quiz/{deck.id}/reveal", b"card=2&answer=false"),
        fetch(f"{base}/quiz/{deck.id}/reveal", b"card=999&answer=false"),
        fetch(f"{base}/quiz/{deck.id}/3?answer=true"),
        fetch(f"{base}/"),
    ]
    assert sent == [200, 200, 400, 200, 200]
    # gunicorn writes each line after the response has gone; give the last one a moment.
    for _ in range(50):
        lines = log.read_text().splitlines()
        if len(lines) >= len(sent):
            break
        time.sleep(0.1)
    assert len(lines) == len(sent)
    for line in lines:
        assert "true" not in line and "false" not in line and "answer" not in line
        assert "127.0.0.1" not in line
    assert lines[0].startswith(f'"POST /quiz/{deck.id}/reveal" 200 ')


def test_two_app_instances_answer_the_same_requests_identically(deck):
    first, second = create_app().test_client(), create_app().test_client()
    requests = [
        ("GET", "/", None),
        ("POST", f"/quiz/{deck.id}/reveal", {"card": "2", "answer": "true"}),
        ("GET", f"/quiz/{deck.id}/3", None),
        ("POST", f"/quiz/{deck.id}/reveal", {"card": "3", "answer": "false"}),
        ("GET", f"/quiz/{deck.id}/end", None),
        ("GET", f"/present/{deck.id}/2/answer", None),
    ]
    # Each request goes to one instance and then to the other, in a different order, as
    # a load balancer might send them: no answer depends on what came before.
    for index, (method, path, form) in enumerate(requests):
        pair = (first, second) if index % 2 else (second, first)
        a, b = (client.open(path, method=method, data=form) for client in pair)
        assert (a.status_code, a.data) == (b.status_code, b.data)
        assert dict(a.headers) == dict(b.headers)
