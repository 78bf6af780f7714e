"""Production serving under gunicorn: access logs that hold no answer, statelessness, and
request bodies that real servers hand over in pieces."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from quiz import create_app
from quiz.config import ROOT

FORM = b"answer=true"
PADDING = b"&pad=" + b"x" * 10_000


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


def wait_for_lines(log, count: int) -> list[str]:
    """gunicorn writes each line after the response has gone; give it a moment."""
    for _ in range(50):
        lines = log.read_text().splitlines()
        if len(lines) >= count:
            break
        time.sleep(0.1)
    return lines


def gunicorn_command(port: int, *options: str) -> list[str]:
    """gunicorn serving app:app with the project's settings on a loopback port."""
    config = ["--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    return [sys.executable, "-m", "gunicorn", *config, *options, "app:app"]


@pytest.fixture(scope="module")
def gunicorn_server(tmp_path_factory):
    """The real app under gunicorn on loopback, logging requests to a file: one server for
    the module, since each start costs about a second."""
    port = free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "access.log"
    server = subprocess.Popen(
        gunicorn_command(port, "--workers", "1", "--access-logfile", str(log)),
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
    yield base, log
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def gunicorn(gunicorn_server):
    """The gunicorn server, with its access log emptied for this test. Its one worker logs
    each request before it takes the next, so once a fresh health check's line is in,
    nothing from an earlier test can still arrive."""
    base, log = gunicorn_server
    before = len(log.read_text().splitlines())
    fetch(f"{base}/healthz")
    wait_for_lines(log, before + 1)
    log.write_text("")
    return base, log


def test_gunicorn_serves_the_app_and_health_check(gunicorn, deck):
    base, _ = gunicorn
    assert fetch(f"{base}/healthz") == 200
    assert fetch(f"{base}/quiz/{deck.id}/1") == 200


def test_access_log_has_one_line_per_request_and_never_an_answer(gunicorn, deck):
    base, log = gunicorn
    sent = [
        fetch(f"{base}/quiz/{deck.id}/1", b"answer=true"),
        fetch(f"{base}/quiz/{deck.id}/2", b"answer=false"),
        fetch(f"{base}/quiz/{deck.id}/2", b"answer=maybe"),
        fetch(f"{base}/quiz/{deck.id}/3?answer=true"),
        fetch(f"{base}/"),
    ]
    assert sent == [200, 200, 400, 200, 200]
    lines = wait_for_lines(log, len(sent))
    assert len(lines) == len(sent)
    for line in lines:
        assert "true" not in line and "false" not in line and "answer" not in line
        assert "127.0.0.1" not in line
    assert lines[0].startswith(f'"POST /quiz/{deck.id}/1" 200 ')


def test_a_forged_path_cannot_add_a_line_to_the_access_log(gunicorn):
    base, log = gunicorn
    forged = "/x%0a%22POST%20/quiz/video-chat/1%22%20200%00%1b[31m"
    assert fetch(f"{base}{forged}") == 404
    wait_for_lines(log, 1)
    text = log.read_text()
    assert text.count("\n") == 1
    assert not any(ord(char) < 32 for char in text.rstrip("\n"))
    assert text.startswith('"GET /x\\n\\"POST /quiz/video-chat/1\\" 200\\x00\\x1b[31m" 404 ')


@pytest.mark.parametrize(
    "setting",
    [{"QUIZ_MAX_BODY_BYTES": "lots"}, {"QUIZ_EXIT_URL": "javascript:x"}, {"QUIZ_WORKERS": "0"}],
)
def test_gunicorn_stops_at_once_on_a_bad_setting_with_its_message(setting):
    result = subprocess.run(
        gunicorn_command(free_port()),
        cwd=ROOT,
        env={**os.environ, **setting},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    assert f"{next(iter(setting))} must be " in result.stderr
    assert "Traceback" not in result.stderr


def test_two_app_instances_answer_the_same_requests_identically(deck):
    first, second = create_app().test_client(), create_app().test_client()
    requests = [
        ("GET", "/", None),
        ("POST", f"/quiz/{deck.id}/2", {"answer": "true"}),
        ("GET", f"/quiz/{deck.id}/3", None),
        ("POST", f"/quiz/{deck.id}/3", {"answer": "false"}),
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


def post_chunked(
    base: str, path: str, chunks: list[bytes], end: bytes = b"0\r\n\r\n", extra: str = ""
) -> int:
    """POST a body in chunks over a raw socket and return the status. `end` is what
    follows the chunks: by default the proper last chunk. `extra` adds header lines."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"{extra}Transfer-Encoding: chunked\r\n\r\n".encode()
        )
        try:
            for chunk in chunks:
                connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            connection.sendall(end)
        except OSError:
            pass  # The server may answer and close before reading an oversized body.
        connection.shutdown(socket.SHUT_WR)
        status_line = connection.makefile("rb").readline()
    return int(status_line.split()[1])


@pytest.fixture(params=["werkzeug", "gunicorn"])
def server(request) -> str:
    """The app under each server it runs on: each decodes chunks in its own way."""
    if request.param == "werkzeug":
        return request.getfixturevalue("live_server")
    return request.getfixturevalue("gunicorn")[0]


def test_a_small_chunked_answer_is_answered(server, deck):
    assert post_chunked(server, f"/quiz/{deck.id}/1", [FORM]) == 200


def test_an_oversized_chunked_body_gets_413_not_a_cut_down_answer(server, deck):
    assert post_chunked(server, f"/quiz/{deck.id}/1", [FORM] + [PADDING] * 100) == 413


def test_a_small_content_length_beside_chunks_does_not_let_a_big_body_through(server, deck):
    # gunicorn refuses the pair outright (400); Werkzeug's server lets the chunks decide.
    status = post_chunked(
        server, f"/quiz/{deck.id}/1", [FORM] + [PADDING] * 10, extra="Content-Length: 18\r\n"
    )
    assert status in (400, 413)


@pytest.mark.parametrize(
    "end",
    [b"zz\r\nabc\r\n", b"5\r\nabcdefgh", b"", b"3\r\nab"],
    ids=["bad chunk size", "missing chunk terminator", "no last chunk", "cut off"],
)
def test_a_broken_chunked_body_gets_400_not_500(server, deck, end):
    assert post_chunked(server, f"/quiz/{deck.id}/1", [FORM], end=end) == 400
