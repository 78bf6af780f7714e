"""Production serving under gunicorn: access logs that hold no answer, statelessness, and
request bodies that real servers hand over in pieces."""

from __future__ import annotations

import contextlib
import os
import re
import runpy
import socket
import subprocess
import sys
import time
import uuid
from types import SimpleNamespace

import pytest
from werkzeug.test import create_environ, run_wsgi_app

from quiz import create_app
from quiz.config import ROOT
from quiz.security import SecurityHeaders
from tests.helpers import CHILDLINE_NUMBER
from tests.servers import (
    fetch,
    free_port,
    gunicorn_command,
    start_gunicorn,
    stop,
    wait_until_answering,
)

FORM = b"answer=true"
PADDING = b"&pad=" + b"x" * 10_000


def wait_for_lines(log, count: int) -> list[str]:
    """gunicorn writes each line after the response has gone; give it a moment."""
    for _ in range(50):
        lines = log.read_text().splitlines()
        if len(lines) >= count:
            break
        time.sleep(0.1)
    return lines


@pytest.fixture(scope="module")
def gunicorn_server(tmp_path_factory):
    """The real app under gunicorn on loopback, logging requests to one file and errors to
    another: one server for the module, since each start costs about a second."""
    port = free_port()
    folder = tmp_path_factory.mktemp("gunicorn")
    log, errors = folder / "access.log", folder / "error.log"
    server = start_gunicorn(port, errors, "--workers", "1", "--access-logfile", str(log))
    yield f"http://127.0.0.1:{port}", log, errors
    stop(server)


@pytest.fixture
def gunicorn(gunicorn_server):
    """The gunicorn server, with its access log emptied for this test. Its one worker logs
    each request before it takes the next, so once the line of a request made now is in,
    nothing from an earlier test can still arrive. (Counting lines instead raced with a
    line still being written on a busy machine.)"""
    base, log, _ = gunicorn_server
    mark = f"/log-mark-{uuid.uuid4().hex}"
    fetch(f"{base}{mark}")
    for _ in range(100):
        if mark in log.read_text():
            break
        time.sleep(0.05)
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


def exchange(base: str, request: bytes) -> bytes:
    """Send raw bytes to the server and return everything it answers."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        # A server may answer and close before reading all it was sent (a body too large),
        # and the connection is then reset: the rest cannot be sent, the shutdown finds it
        # gone, and the answer, already there to read, ends in a reset.
        with contextlib.suppress(OSError):
            connection.sendall(request)
            connection.shutdown(socket.SHUT_WR)
        received = b""
        with contextlib.suppress(ConnectionResetError):
            while data := connection.recv(65536):
                received += data
        return received


def get(base: str, path: str, headers: str = "Host: 127.0.0.1\r\n") -> bytes:
    return exchange(base, f"GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n".encode())


def answer_request(path: str, value: str) -> bytes:
    """The POST a browser without JavaScript sends for a card's button."""
    body = f"answer={value}".encode()
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body


def button_values(page: bytes) -> list[str]:
    return re.findall(r'name="answer" value="([^"]*)"', page.decode())


def test_true_and_false_are_the_same_size_sent_answered_and_logged(gunicorn, content):
    # TLS hides the words of a request and its answer, but not their length; and the
    # access log records each answer's size. Both must be the same whichever button.
    base, log = gunicorn
    sizes = set()
    posts = gets = 0
    for deck in content.decks:
        for number in range(1, len(deck.cards) + 1):
            path = f"/quiz/{deck.id}/{number}"
            true, false = button_values(get(base, path))
            gets += 1
            requests = [answer_request(path, value) for value in (true, false)]
            assert len(requests[0]) == len(requests[1])
            answers = [exchange(base, request) for request in requests]
            assert [answer.split(b" ")[1] for answer in answers] == [b"200", b"200"]
            assert len(answers[0]) == len(answers[1])
            sizes.add(len(answers[0]))
            posts += 2
    # One length for every answer page, not just per card.
    assert len(sizes) == 1
    lines = [line for line in wait_for_lines(log, gets + posts) if line.startswith('"POST')]
    assert len(lines) == posts
    assert len({line.split()[3] for line in lines}) == 1


PUPIL = "User-Agent: PupilBrowser/1.0\r\nReferer: https://referrer.example/?q=sam\r\n"


@pytest.mark.parametrize(
    "full",
    [("--access-logfile",), ("--access-logfile", "--error-logfile")],
    ids=["access log", "access and error logs"],
)
def test_a_full_disk_under_the_logs_puts_no_pupil_detail_anywhere(tmp_path, full):
    # Python's logging, failing to write a line, wrote the record it failed on to stderr
    # ("--- Logging error ---"): the pupil's address, user agent, referrer, query string.
    port = free_port()
    output = tmp_path / "stderr.log"
    options = [part for name in full for part in (name, "/dev/full")]
    server = start_gunicorn(port, output, *options)
    base = f"http://127.0.0.1:{port}"
    try:
        get(base, "/quiz/video-chat/1?name=sam", f"Host: 127.0.0.1\r\n{PUPIL}")
        exchange(base, answer_request("/quiz/video-chat/2?name=sam", "T"))
        # Refused by gunicorn, which logs a warning about it.
        get(base, "/?name=sam", f"Host: 127.0.0.1\r\nX-Note: a\x01b\r\n{PUPIL}")
    finally:
        stop(server)
    # gunicorn's own address, said on starting, is the one line that may name 127.0.0.1.
    text = "".join(line for line in output.open() if "Listening at:" not in line)
    for detail in ("Logging error", "127.0.0.1", "PupilBrowser", "referrer", "sam", "answer"):
        assert detail not in text


def test_a_script_name_header_cannot_rewrite_the_links_of_later_pupils(tmp_path):
    # gunicorn used to take SCRIPT_NAME from any client on 127.0.0.1, and url_for put it
    # in front of every link of a page the app then kept for everyone. So the attack must
    # come first, to a server that has not yet kept the page: one of its own.
    port = free_port()
    server = start_gunicorn(port, tmp_path / "error.log", "--workers", "1")
    base = f"http://127.0.0.1:{port}"
    try:
        for path in ("//evil.example/quiz/video-chat/2", "/quiz/video-chat/2", "//evil.example/"):
            get(base, path, "Host: 127.0.0.1\r\nSCRIPT_NAME: //evil.example\r\n")
        for page, help_link in (
            ("/quiz/video-chat/2", b"/quiz/video-chat/2/help"),
            ("/", b"/help"),
        ):
            answer = get(base, page)
            assert answer.startswith(b"HTTP/1.1 200 ")
            assert b"evil.example" not in answer
            assert b'href="' + help_link + b'">Get help' in answer
    finally:
        stop(server)


def test_a_forged_x_forwarded_proto_is_not_believed(gunicorn):
    # gunicorn refuses a request whose scheme headers disagree, when it reads them at all.
    base, _ = gunicorn
    answer = get(
        base,
        "/quiz/video-chat/1",
        "Host: 127.0.0.1\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Ssl: off\r\n",
    )
    assert answer.startswith(b"HTTP/1.1 200 ")


@pytest.mark.parametrize(("host", "status"), [("evil.example", b"400"), ("127.0.0.1", b"404")])
def test_a_doubled_slash_is_not_redirected_to_the_host_the_client_named(gunicorn, host, status):
    # Werkzeug used to answer with a 308 to http://<Host>/quiz/video-chat/1, cached for
    # five minutes. Now an untrusted host is refused and a doubled slash is not found.
    base, _ = gunicorn
    answer = get(base, "/quiz//video-chat/1", f"Host: {host}\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 " + status)
    assert b"location:" not in head.lower()
    assert b"cache-control: no-store" in head.lower()
    assert b"evil.example" not in body
    assert CHILDLINE_NUMBER.encode() in body


def test_a_request_for_a_bare_address_is_not_redirected(gunicorn):
    # An absolute URL with no path reaches the app as an empty path, which Werkzeug would
    # redirect to "/" on the Host the client sent.
    base, _ = gunicorn
    answer = get(base, "http://127.0.0.1")
    assert answer.startswith(b"HTTP/1.1 200 ")
    assert b"location:" not in answer.partition(b"\r\n\r\n")[0].lower()


def test_a_doubled_slash_is_not_found_even_for_a_trusted_host():
    client = create_app({"QUIZ_TRUSTED_HOSTS": ("evil.example",)}).test_client()
    response = client.get("/quiz//video-chat/1", headers={"Host": "evil.example"})
    assert response.status_code == 404
    assert "Location" not in response.headers


def test_no_page_echoes_the_host(deck):
    # Even for a host it trusts, the app builds no absolute URL from the Host header.
    app = create_app({"QUIZ_TRUSTED_HOSTS": ("evil.example",)})
    client = app.test_client()
    arguments = {
        "deck_id": deck.id,
        "number": 1,
        "slide": "rules",
        "fingerprint": "x",
        "name": "style.css",
    }
    for rule in app.url_map.iter_rules():
        if rule.build_only:  # the lesson pack's files: links in the copy, never served
            continue
        path = rule.build(arguments, append_unknown=False)[1]
        for method in rule.methods - {"OPTIONS"}:
            for variant in (path, path + "/", path.replace("/", "//")):
                response = client.open(variant, method=method, headers={"Host": "evil.example"})
                assert response.status_code < 300 or response.status_code >= 400, variant
                assert b"evil.example" not in response.data, variant


def test_only_a_page_that_was_found_may_be_kept_by_a_shared_cache():
    def app(status):
        def respond(environ, start_response):
            start_response(status, [("Content-Type", "text/html; charset=utf-8")])
            return [b""]

        return SecurityHeaders(respond, [])

    for status, kept in (("200 OK", True), ("308 Permanent Redirect", False), ("404 X", False)):
        headers = dict(run_wsgi_app(app(status), create_environ())[2])
        assert ("Cache-Control" in headers) is kept, status


@pytest.mark.parametrize(
    "host", ["evil.example", "127.0.0.1.evil.example", "localhost.", "", "a b"]
)
def test_an_untrusted_host_gets_the_friendly_400(client, host):
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 400
    assert CHILDLINE_NUMBER in response.text
    assert response.headers["Cache-Control"] == "no-store"


def test_a_refused_host_is_not_called_a_lost_answer(client):
    # No answer was sent, so the page must not send the pupil back to choose one again.
    response = client.get("/", headers={"Host": "evil.example"})
    assert "could not read" in response.text
    main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
    assert "answer" not in main.lower()


@pytest.mark.parametrize("host", ["127.0.0.1:5000", "localhost:8000", "LOCALHOST", "localhost"])
def test_the_default_trusted_hosts_are_the_loopback_names(client, host):
    assert client.get("/", headers={"Host": host}).status_code == 200


def test_a_leading_dot_trusts_every_name_under_it():
    client = create_app({"QUIZ_TRUSTED_HOSTS": (".school.example",)}).test_client()
    assert client.get("/", headers={"Host": "quiz.school.example"}).status_code == 200
    assert client.get("/", headers={"Host": "school.example.evil"}).status_code == 400


@pytest.mark.parametrize(
    "request_line",
    [
        b"POST /quiz/video-chat/1?answer=true",
        b"POST /quiz/video-chat/1?answer=true HTTP/1.1 extra",
        b"POST /quiz/video-chat/1?answer=true HTTP/9.9",
        b"P@ST /quiz/video-chat/1?answer=true HTTP/1.1",
        b"GET /quiz/video-chat/1?answer=true" + b"&x" * 2500 + b" HTTP/1.1",
    ],
)
def test_the_error_log_holds_no_client_address_or_request_line(gunicorn_server, request_line):
    base, _, errors = gunicorn_server
    before = errors.read_text()
    answer = exchange(base, request_line + b"\r\nHost: 127.0.0.1\r\n\r\n")
    assert answer.split()[1] in (b"400", b"414")
    for _ in range(50):
        logged = errors.read_text().removeprefix(before)
        if logged:
            break
        time.sleep(0.1)
    assert logged.count("\n") == 1
    assert "Refused a request: " in logged
    assert "answer" not in logged and "quiz" not in logged
    assert "127.0.0.1" not in logged and "ip=" not in logged


def refused_start(setting: dict[str, str]) -> str:
    """gunicorn started with `setting`: it must stop, saying why without a traceback.
    Returns what it said."""
    result = subprocess.run(
        gunicorn_command(free_port()),
        cwd=ROOT,
        env={**os.environ, **setting},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    "setting",
    [
        {"QUIZ_MAX_BODY_BYTES": "lots"},
        {"QUIZ_EXIT_URL": "javascript:x"},
        {"QUIZ_WORKERS": "0"},
        {"QUIZ_TRUSTED_HOSTS": "*"},
        # gunicorn must never face pupils: not on every interface, IPv4 or IPv6.
        {"QUIZ_BIND": "0.0.0.0:8001"},
        {"QUIZ_BIND": "[::]:8001"},
        {"QUIZ_BIND": "127.0.0.1:99999"},
        {"QUIZ_REMOTE_PROXY": "maybe"},
    ],
)
def test_gunicorn_stops_at_once_on_a_bad_setting_with_its_message(setting):
    assert f"{next(iter(setting))} must be " in refused_start(setting)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            {"QUIZ_TRUSTED_HOST": "quiz.school.example"},
            "QUIZ_TRUSTED_HOST is not a setting the quiz knows; did you mean QUIZ_TRUSTED_HOSTS?",
        ),
        ({"QUIZ_CONTENT": "/dev/zero"}, "/dev/zero: is larger than 1024 KB"),
    ],
)
def test_gunicorn_stops_on_an_unknown_setting_or_an_endless_file_in_one_line(setting, message):
    assert message in refused_start(setting)


def test_gunicorn_may_face_a_proxy_on_another_host_when_told_so(tmp_path):
    port = free_port()
    env = {**os.environ, "QUIZ_BIND": f"0.0.0.0:{port}", "QUIZ_REMOTE_PROXY": "yes"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "app:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/healthz", server)
    finally:
        stop(server)


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
    """POST a body in chunks and return the status. `end` is what follows the chunks: by
    default the proper last chunk. `extra` adds header lines."""
    host = base.removeprefix("http://").split(":")[0]
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"{extra}Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks)
    return int(exchange(base, head + body + end).split()[1])


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


class Socket:
    """Stands in for a gunicorn worker's client socket, keeping each write."""

    def __init__(self):
        self.writes: list[bytes] = []

    def sendall(self, data: bytes) -> None:
        self.writes.append(bytes(data))


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/quiz/video-chat/1", b""),
        ("HEAD", "/help", b""),
        ("POST", "/quiz/video-chat/1", b"answer=T"),
        ("GET", "/quiz/video-chat/99", b""),
    ],
)
def test_gunicorn_sends_each_response_in_one_write(method, path, body):
    # In two writes, header then body, a worker killed between them left nginx with a
    # header it had passed on and no page, too late to ask the other copy: the pupil's
    # page broke off. gunicorn.conf.py makes it one write, as the worker makes it here.
    from gunicorn.config import Config
    from gunicorn.http import wsgi
    from gunicorn.http.parser import RequestParser

    runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    length = f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
    raw = f"{method} {path} HTTP/1.1\r\nHost: localhost\r\n{length if body else ''}\r\n"
    config = Config()
    request = next(RequestParser(config, iter([raw.encode() + body]), ("127.0.0.1", 1)))
    client = Socket()
    response, environ = wsgi.create(request, client, ("127.0.0.1", 1), ("127.0.0.1", 8000), config)
    for piece in create_app()(environ, response.start_response):
        response.write(piece)
    response.close()
    assert len(client.writes) == 1
    head, _, page = client.writes[0].partition(b"\r\n\r\n")
    assert int(re.search(rb"Content-Length: (\d+)", head)[1]) == len(page) > 0 or method == "HEAD"


def test_gunicorn_still_checks_every_new_header_after_keeping_checked_ones():
    # gunicorn.conf.py keeps headers a worker has checked, so the app's dozen are not
    # checked again on every page; a header it has not seen is still checked, and the
    # length is still read from every response.
    from gunicorn.config import Config
    from gunicorn.http import wsgi
    from gunicorn.http.errors import InvalidResponseHeader

    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    def response(*headers):
        sent = wsgi.Response(SimpleNamespace(version=(1, 1), method="GET"), Socket(), Config())
        sent.process_headers(headers)
        return sent

    page = [("X-Content-Type-Options", "nosniff"), ("Content-Length", "5")]
    for _ in range(2):
        kept = response(*page, ("Connection", "close"), ("X-Padded", " a "))
        assert kept.headers == [*page, ("X-Padded", "a")]
        assert kept.response_length == 5
    assert ("X-Content-Type-Options", "nosniff") in settings["CHECKED_HEADERS"]
    assert not {("Content-Length", "5"), ("X-Padded", " a ")} & settings["CHECKED_HEADERS"]
    with pytest.raises(InvalidResponseHeader):
        response(*page, ("X-Forged", "a\r\nSet-Cookie: b"))
