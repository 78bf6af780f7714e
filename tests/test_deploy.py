"""The production set-up in deploy/, run for real: Debian's nginx with the repository's
configuration in front of two copies of the app under gunicorn, all on 127.0.0.1, over
TLS with a throwaway certificate. Each server starts once for the module."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import socketserver
import ssl
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from quiz import create_app
from quiz.config import DEPLOY_SETTINGS, setting
from quiz.forms import BUTTON_ANSWERS
from quiz.nginx_error_pages import STATUSES
from quiz.nginx_pages import ANSWERS, CURRENT, render_pages
from quiz.security import security_headers
from quiz.state import state
from tests.flood import flood_while_pupil_reads
from tests.helpers import CHILDLINE_NUMBER
from tests.sample import VALID
from tests.servers import (
    SERVER_NAME,
    TEMPLATE,
    Nginx,
    free_port,
    make_certificate,
    start_gunicorn,
    start_nginx_in,
    stop,
    write_error_pages,
)

HSTS = "max-age=63072000"
HEADERS = security_headers(setting(os.environ, "QUIZ_FRAME_ANCESTORS"))


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    # Every header's name as sent, lowercase, once for each time it was sent.
    names: list[str]


def parse(raw: bytes) -> Answer:
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers, names = {}, []
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
        names.append(name.strip().lower())
    return Answer(int(status_line.split()[1]), headers, body, names)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def tls(certificate) -> ssl.SSLContext:
    """A client that trusts the certificate and nothing else."""
    return ssl.create_default_context(cafile=certificate[0])


@pytest.fixture(scope="module")
def error_pages(tmp_path_factory) -> Path:
    return write_error_pages(tmp_path_factory.mktemp("error-pages"))


@pytest.fixture(scope="module")
def start_nginx(tmp_path_factory, certificate, error_pages):
    """Starts nginx with deploy/'s configuration in front of the given upstreams."""
    started = []

    def start(upstreams: tuple[str, str], access_log: str | None = None) -> Nginx:
        server, process = start_nginx_in(
            tmp_path_factory.mktemp("nginx"), upstreams, certificate, error_pages, access_log
        )
        started.append(process)
        return server

    yield start
    for process in started:
        stop(process)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """The home folder both copies of gunicorn run with."""
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def copies(tmp_path_factory, home):
    """Two copies of the app under gunicorn with the project's settings, as the README
    runs them: two workers each."""
    folder = tmp_path_factory.mktemp("copies")
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_RUNTIME_DIR", None)
    ports = free_port(), free_port()
    with ThreadPoolExecutor() as pool:
        servers = list(
            pool.map(lambda port: start_gunicorn(port, folder / f"{port}.log", env=env), ports)
        )
    yield [(port, server) for port, server in zip(ports, servers, strict=True)]
    for server in servers:
        stop(server)


@pytest.fixture(scope="module")
def front(start_nginx, copies) -> Nginx:
    """nginx in front of the two copies of the app: production as the README sets it up."""
    return start_nginx(tuple(f"127.0.0.1:{port}" for port, _ in copies))


class FailingCopy(socketserver.ThreadingTCPServer):
    """Stands in for a copy of the app that fails: /500 and /503 get a bare page of the
    kind gunicorn writes itself, anything else a connection closed with no answer, as
    from a worker killed in the middle of a request."""

    daemon_threads = True

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            path = self.rfile.readline().split()[1].decode()
            while self.rfile.readline() not in (b"\r\n", b""):
                pass
            if path in ("/500", "/503"):
                page = b"<html><h1>Error</h1></html>"
                self.wfile.write(
                    f"HTTP/1.1 {path[1:]} Error\r\nContent-Type: text/html\r\n"
                    f"Content-Length: {len(page)}\r\nConnection: close\r\n\r\n".encode()
                    + page
                )

    def __init__(self):
        super().__init__(("127.0.0.1", 0), self.Handler)


@pytest.fixture(scope="module")
def failing(start_nginx) -> Nginx:
    """nginx in front of two copies that fail."""
    copies = [FailingCopy() for _ in range(2)]
    for copy in copies:
        threading.Thread(target=copy.serve_forever, daemon=True).start()
    yield start_nginx(tuple(f"127.0.0.1:{copy.server_address[1]}" for copy in copies))
    for copy in copies:
        copy.shutdown()
        copy.server_close()


@pytest.fixture(scope="module")
def down(start_nginx) -> Nginx:
    """nginx in front of two copies that are not running."""
    return start_nginx((f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"))


@pytest.fixture(scope="module")
def stuck(start_nginx) -> Nginx:
    """nginx in front of two copies whose queue of connections is full, so that a new
    one is never accepted, as with a copy that has stopped answering."""
    listeners = []
    for _ in range(2):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        # With a backlog of 0, one waiting connection fills the queue.
        filler = socket.create_connection(listener.getsockname())
        listeners += [listener, filler]
    yield start_nginx(tuple(f"127.0.0.1:{s.getsockname()[1]}" for s in listeners[::2]))
    for listener in listeners:
        listener.close()


def exchange(
    server: Nginx, request: bytes, tls_context: ssl.SSLContext | None, port: int | None = None
) -> Answer:
    """Send raw bytes to nginx, over TLS when given a context (to its HTTPS port unless
    told another), and read the whole answer."""
    return parse(send(server, request, tls_context, port))


def send(
    server: Nginx, request: bytes, tls_context: ssl.SSLContext | None, port: int | None = None
) -> bytes:
    """Send raw bytes to nginx as exchange() does, and return the answer's bytes."""
    port = port or (server.https_port if tls_context else server.http_port)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        stream = connection
        if tls_context:
            stream = tls_context.wrap_socket(connection, server_hostname=SERVER_NAME)
        stream.sendall(request)
        received = b""
        while data := stream.recv(65536):
            received += data
    return received


def https(server: Nginx, tls_context: ssl.SSLContext) -> http.client.HTTPSConnection:
    return http.client.HTTPSConnection(
        "127.0.0.1", server.https_port, context=tls_context, timeout=30
    )


def raw_request(
    path: str, method: str = "GET", headers: str = "", body: bytes = b"", host: str = "127.0.0.1"
) -> bytes:
    """An HTTP/1.1 request as bytes, closing its connection when answered."""
    length = f"Content-Length: {len(body)}\r\n" if body else ""
    return (
        f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{headers}{length}\r\n"
    ).encode() + body


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
FORM_HEADER = "".join(f"{name}: {value}\r\n" for name, value in FORM.items())

# What provokes each page, and which server gives it: nginx itself, gunicorn, or the app.
# Those that must reach gunicorn, or a failing copy in its place, ask for /healthz: the home
# page, like every page that is the same for everyone, nginx answers from its file.
PROVOCATIONS = {
    "malformed request line": (
        "front",
        b"POST /quiz/video-chat/1?answer=true HTTP/1.1 x\r\n\r\n",
        400,
    ),
    "HTTP/1.1 without Host": ("front", b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
    "broken chunk": (
        "front",
        raw_request("/quiz/video-chat/1", "POST", "Transfer-Encoding: chunked\r\n") + b"zz\r\n",
        400,
    ),
    "header gunicorn refuses": (
        "front",
        raw_request("/healthz", headers="X-Note: a\x01b\r\n"),
        400,
    ),
    "untrusted Host (the app)": (
        "front",
        raw_request("/", host="evil.example"),
        400,
    ),
    "internal path": ("front", raw_request("/_errors/400.html"), 404),
    "no such page (the app)": ("front", raw_request("/quiz//video-chat/1"), 404),
    "POST to a stylesheet": ("front", raw_request("/STYLESHEET", "POST", body=b"x"), 405),
    "If-Match nginx cannot meet": (
        "front",
        raw_request("/STYLESHEET", headers='If-Match: "x"\r\n'),
        412,
    ),
    "body over nginx's limit": (
        "front",
        raw_request("/quiz/video-chat/1", "POST", FORM_HEADER, b"x" * 20_000),
        413,
    ),
    "body over the app's limit": (
        "front",
        raw_request("/quiz/video-chat/1", "POST", FORM_HEADER, b"x" * 5_000),
        413,
    ),
    "URI too long for nginx": ("front", raw_request("/" + "a" * 9_000), 414),
    "URI too long for gunicorn": ("front", raw_request("/" + "a" * 5_000), 414),
    "header too large for nginx": (
        "front",
        raw_request("/", headers=f"X-Big: {'a' * 9_000}\r\n"),
        431,
    ),
    "too many headers for gunicorn": (
        "front",
        raw_request("/healthz", headers="".join(f"X-{n}: 1\r\n" for n in range(120))),
        431,
    ),
    "bare 500 from a copy": ("failing", raw_request("/500"), 500),
    "unknown transfer coding": (
        "front",
        raw_request("/quiz/video-chat/1", "POST", "Transfer-Encoding: gzip\r\n"),
        501,
    ),
    "no copy running": ("down", raw_request("/healthz"), 502),
    "copies closing connections": ("failing", raw_request("/healthz"), 502),
    "bare 503 from both copies": ("failing", raw_request("/503"), 503),
    "copies not accepting": ("stuck", raw_request("/healthz"), 504),
    "HTTP/2.0 request line": ("front", b"GET / HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n", 505),
}


@pytest.fixture(scope="module")
def stylesheet(error_pages) -> str:
    """The stylesheet's path, as the pages link to it."""
    return "/" + next(error_pages.glob("static/*/style.css")).relative_to(error_pages).as_posix()


def assert_the_apps_error_page(answer: Answer, status: int, error_pages: Path) -> None:
    assert answer.status == status
    assert answer.body == (error_pages / f"{status}.html").read_bytes()
    assert len(answer.names) == len(set(answer.names)), answer.names
    for name, value in HEADERS:
        assert answer.headers[name.lower()] == value
    assert answer.headers["strict-transport-security"] == HSTS
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(("server", "raw", "status"), PROVOCATIONS.values(), ids=PROVOCATIONS)
def test_every_error_page_is_the_apps_own_with_help_and_headers(
    request, tls, error_pages, stylesheet, server, raw, status
):
    answer = exchange(
        request.getfixturevalue(server), raw.replace(b"/STYLESHEET", stylesheet.encode()), tls
    )
    assert_the_apps_error_page(answer, status, error_pages)


def over_http_2(
    server: Nginx, certificate: tuple[Path, Path], method: str, path: str, body: bytes = b""
) -> Answer:
    """The answer to a request sent over HTTP/2, as a browser that asks for it over TLS
    sends it. curl speaks it; Python's standard library does not."""
    sent = subprocess.run(
        [
            "curl",
            "--silent",
            "--show-error",
            "--http2",
            "--include",
            "--cacert",
            str(certificate[0]),
            "--resolve",
            f"{SERVER_NAME}:{server.https_port}:127.0.0.1",
            "--request",
            method,
            *(
                ["--header", f"Content-Type: {FORM['Content-Type']}", "--data-binary", "@-"]
                if body
                else []
            ),
            f"https://{SERVER_NAME}:{server.https_port}{path}",
        ],
        input=body,
        capture_output=True,
        check=True,
        timeout=30,
    )
    assert sent.stdout.startswith(b"HTTP/2 "), sent.stdout[:40]
    return parse(sent.stdout)


# nginx reaches some answers by another path over HTTP/2: a body over its limit got its
# own bare 413 page (https://github.com/nginx/nginx/issues/1356), whatever the error_page.
OVER_HTTP_2 = {
    "body over nginx's limit": ("POST", "/quiz/video-chat/1", b"x" * 20_000, 413),
    "body over nginx's limit, PUT": ("PUT", "/", b"x" * 20_000, 413),
    "body over nginx's limit, to a stylesheet": ("POST", "/STYLESHEET", b"x" * 20_000, 413),
    "body over the app's limit": ("POST", "/quiz/video-chat/1", b"x" * 5_000, 413),
    "not a button's body (the app)": ("POST", "/quiz/video-chat/1", b"answer=maybe", 400),
    "no such page": ("GET", "/quiz/video-chat/99", b"", 404),
    "POST to a stylesheet": ("POST", "/STYLESHEET", b"x", 405),
}


@pytest.mark.parametrize(
    ("method", "path", "body", "status"), OVER_HTTP_2.values(), ids=OVER_HTTP_2
)
def test_every_error_page_over_http_2_is_the_apps_own_with_help_and_headers(
    front, certificate, error_pages, stylesheet, method, path, body, status
):
    answer = over_http_2(front, certificate, method, path.replace("/STYLESHEET", stylesheet), body)
    assert_the_apps_error_page(answer, status, error_pages)


def test_a_buttons_answer_over_http_2_is_the_same_as_over_http_1_1(front, certificate, tls):
    for body in BUTTON_ANSWERS:
        answer = over_http_2(front, certificate, "POST", "/quiz/video-chat/2", body)
        assert answer.status == 200
        by_http_1_1 = exchange(
            front, raw_request("/quiz/video-chat/2", "POST", FORM_HEADER, body), tls
        )
        assert answer.body == by_http_1_1.body
        assert "content-encoding" not in answer.headers


def test_an_http_0_9_request_is_refused_without_a_headerless_page(front, tls):
    # HTTP/0.9 has no headers: a page sent that way has no security headers, no HSTS and
    # no Cache-Control. Over TLS and plain HTTP alike, the connection is closed unanswered.
    for tls_context in (tls, None):
        # Closed at once, the connection may end in a reset: unanswered all the same.
        with contextlib.suppress(ConnectionResetError):
            assert send(front, b"GET /\r\n", tls_context) == b""


@pytest.mark.parametrize("first", [0, 999_999])
def test_a_range_gets_the_whole_file_with_its_headers_once(front, tls, stylesheet, first):
    # A Range past the end got nginx's own 416 page, cacheable for a year, every security
    # header twice.
    answer = exchange(front, raw_request(stylesheet, headers=f"Range: bytes={first}-\r\n"), tls)
    assert answer.status == 200
    assert answer.headers["content-type"] == "text/css; charset=utf-8"
    assert len(answer.names) == len(set(answer.names)), answer.names


def test_the_apps_405_keeps_its_allow_header(front, tls):
    answer = exchange(front, raw_request("/quiz/video-chat/end", "DELETE"), tls)
    assert answer.status == 405
    assert set(answer.headers["allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_the_error_pages_hold_the_help_contacts_and_the_exit(error_pages, content):
    for status in STATUSES:
        page = (error_pages / f"{status}.html").read_text()
        assert CHILDLINE_NUMBER in page
        assert f'href="{content.site.exit_url}"' in page
        assert 'data-module="exit-this-page"' in page


def test_the_error_pages_are_styled_while_no_copy_answers(down, tls, error_pages, stylesheet):
    page = (error_pages / "502.html").read_text()
    assert f'href="{stylesheet}"' in page
    answer = exchange(down, raw_request(stylesheet), tls)
    assert answer.status == 200
    assert answer.headers["content-type"] == "text/css; charset=utf-8"
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_pages_are_served_over_tls_with_hsts_and_the_apps_headers_once(front, tls):
    connection = https(front, tls)
    connection.request("GET", "/quiz/video-chat/1")
    response = connection.getresponse()
    assert response.status == 200
    assert CHILDLINE_NUMBER in response.read().decode()
    assert response.headers.get_all("Strict-Transport-Security") == [HSTS]
    for name, value in HEADERS:
        assert response.headers.get_all(name) == [value]
    assert response.headers["Server"] == "nginx"


@pytest.mark.parametrize("host", ["127.0.0.1", "evil.example"])
def test_plain_http_is_sent_to_https_at_the_configured_name(front, host):
    for port in (front.http_port, front.https_port):
        answer = exchange(
            front, raw_request("/present/video-chat/1?keys=off", host=host), None, port
        )
        assert answer.status == 301
        assert answer.headers["location"] == f"https://{SERVER_NAME}/present/video-chat/1?keys=off"


LINE = re.compile(r'\S+ [A-Z-]+ "[^"?]*" [0-9]{3} [0-9]+ [0-9.]+ [0-9, :-]+')


def test_the_access_log_holds_no_address_agent_referrer_or_query(front, tls):
    pupil = "User-Agent: PupilBrowser/1.0\r\nReferer: https://referrer.example/?q=sam\r\n"
    sent = [
        raw_request("/quiz/video-chat/1?answer=true&name=sam", headers=pupil),
        raw_request(
            "/quiz/video-chat/2?answer=false",
            "POST",
            FORM_HEADER + pupil,
            b"answer=true",
        ),
        b"POST /quiz/video-chat/1?answer=true HTTP/1.1 x\r\n\r\n",
    ]
    assert [exchange(front, raw, tls).status for raw in sent] == [200, 200, 400]
    log = front.log("access.log", holding='POST "/quiz/video-chat/1" 400 ')
    assert 'GET "/quiz/video-chat/1" 200 ' in log
    assert 'POST "/quiz/video-chat/2" 200 ' in log
    assert 'POST "/quiz/video-chat/1" 400 ' in log
    for line in log.splitlines():
        assert LINE.fullmatch(line), line
    for secret in ("127.0.0.1", "PupilBrowser", "referrer", "sam", "answer", "?"):
        assert secret not in log


def test_no_error_log_line_holds_a_client_address(front, tls):
    # Each of these is logged with the client's address below alert: a malformed request
    # line (info), a body too large (error), plain HTTP on the TLS port (info) and a TLS
    # record longer than TLS allows (crit).
    exchange(front, b"GET /?answer=true HTTP/1.1 x\r\n\r\n", tls)
    exchange(front, raw_request("/?answer=true", "POST", FORM_HEADER, b"x" * 20_000), tls)
    exchange(front, raw_request("/?answer=true"), None, front.https_port)
    with socket.create_connection(("127.0.0.1", front.https_port), timeout=30) as connection:
        connection.sendall(b"\x16\x03\x01\xff\xff" + bytes(100))
        connection.recv(100)
    for name in ("error.log", "main-error.log"):
        log = front.log(name)
        assert "127.0.0.1" not in log and "client" not in log and "answer" not in log


GZIP = "Accept-Encoding: gzip, deflate, br\r\n"


def test_true_and_false_are_the_same_size_through_nginx_with_gzip(front, tls, content):
    # Debian's nginx.conf has `gzip on` (so has deploy/nginx/nginx.conf), and a compressed
    # length depends on the words: through nginx with gzip, True and False differed on
    # every card. TLS hides the words, not the length, and the access log records sizes.
    card = exchange(front, raw_request("/quiz/video-chat/1", headers=GZIP), tls)
    assert card.headers["content-encoding"] == "gzip"
    sizes = set()
    for deck in content.decks:
        for number in range(1, len(deck.cards) + 1):
            path = f"/quiz/{deck.id}/{number}"
            page = exchange(front, raw_request(path), tls).body
            values = re.findall(r'name="answer" value="([^"]*)"', page.decode())
            requests = [
                raw_request(path, "POST", FORM_HEADER + GZIP, f"answer={value}".encode())
                for value in values
            ]
            assert len(requests) == 2 and len(requests[0]) == len(requests[1])
            answers = [send(front, request, tls) for request in requests]
            assert [parse(answer).status for answer in answers] == [200, 200]
            assert "content-encoding" not in parse(answers[0]).headers
            assert len(answers[0]) == len(answers[1])
            sizes.add(len(answers[0]))
    assert len(sizes) == 1
    # Every answer page, this test's and others', from nginx's handler or the app, logged
    # with one size; this test's came from nginx's handler (no upstream status).
    cards = sum(len(deck.cards) for deck in content.decks)
    by_nginx = re.compile(r' POST "/quiz/[^"]*" 200 [0-9]+ \S+ -$', re.MULTILINE)
    log = front.log("access.log", holding=by_nginx, times=2 * cards)
    logged = re.findall(r' POST "/quiz/[^"]*" 200 ([0-9]+) \S+ (\S+)$', log, re.MULTILINE)
    assert [upstream for _, upstream in logged].count("-") >= 2 * cards
    assert {size for size, _ in logged} == {str(len(parse(answers[0]).body))}


def test_a_full_disk_under_the_access_log_puts_no_pupil_detail_anywhere(start_nginx, copies, tls):
    # At alert, nginx reported the failed write with the client's address, the request
    # line with its query string, the Host and the referrer.
    front = start_nginx(tuple(f"127.0.0.1:{port}" for port, _ in copies), "/dev/full")
    pupil = "User-Agent: PupilBrowser/1.0\r\nReferer: https://referrer.example/?q=sam\r\n"
    for raw in (
        raw_request("/quiz/video-chat/1?name=sam", headers=pupil),
        raw_request("/quiz/video-chat/2?name=sam", "POST", FORM_HEADER + pupil, b"answer=T"),
        # A button's answer, which nginx's own handler gives.
        raw_request("/quiz/video-chat/2", "POST", FORM_HEADER + pupil, b"answer=T"),
    ):
        assert exchange(front, raw, tls).status == 200
    for name in ("error.log", "main-error.log", "stderr.log"):
        log = front.log(name) if (front.folder / name).exists() else ""
        for detail in ("127.0.0.1", "client", "PupilBrowser", "referrer", "sam", "quiz"):
            assert detail not in log, name


def still_open(connection: ssl.SSLSocket) -> bool:
    """Whether a connection is open and unanswered: nothing to read, not even its end."""
    connection.setblocking(False)
    try:
        connection.recv(1)
    except ssl.SSLWantReadError:
        return True
    return False


def test_slow_clients_do_not_stall_a_page(front, tls):
    # gunicorn's sync workers each wait on one client: facing clients directly, two idle
    # connections held its two workers until it killed them (bench/slow-clients). Through
    # nginx, which reads each request whole first, a page is answered while every slow
    # connection is still open, so none of them was holding a worker.
    def connect() -> ssl.SSLSocket:
        connection = socket.create_connection(("127.0.0.1", front.https_port), timeout=30)
        return tls.wrap_socket(connection, server_hostname=SERVER_NAME)

    idle = [connect() for _ in range(50)]
    trickling = [connect() for _ in range(50)]
    head = raw_request("/quiz/video-chat/1", "POST", FORM_HEADER + "Content-Length: 500\r\n")
    for connection in trickling:
        connection.sendall(head + b"c")
    done = threading.Event()

    def trickle():
        while not done.wait(0.5):
            for connection in trickling:
                connection.sendall(b"a")

    trickler = threading.Thread(target=trickle)
    trickler.start()
    try:
        connection = https(front, tls)
        connection.request("GET", "/quiz/video-chat/2")
        assert connection.getresponse().status == 200
    finally:
        done.set()
        trickler.join()
    try:
        assert all(still_open(connection) for connection in idle + trickling)
    finally:
        for connection in idle + trickling:
            connection.close()


def test_one_address_flooding_slow_connections_leaves_another_served(front, tls):
    # bench/slow-clients holds 3,000 of these; this is the same, smaller and shorter.
    # With Debian's 768 connections a worker and no limit per address, 1,530 slow
    # connections from one address made 62 of 64 pages fail for everyone else.
    flood, pupil = flood_while_pupil_reads(front.https_port, tls, 300, pages=10, interval=1)
    assert flood.opened >= 300
    assert pupil.failures == []
    assert len(pupil.times) == 10
    # More than 100 requests in progress from one address: the rest are refused at once.
    assert flood.answers.get("HTTP/1.1 503 Service Temporarily Unavailable", 0) > 0
    # And none of it reaches a log: a flood cannot fill the disk.
    assert front.log("error.log") == ""
    assert "127.0.0.2" not in front.log("main-error.log")


def worker_pids(master: subprocess.Popen) -> list[int]:
    return [
        int(pid)
        for pid in Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    ]


def test_killing_workers_under_load_loses_no_request(front, copies, tls):
    # Every worker of one copy is killed, then every worker of the other. nginx sends a
    # request whose worker died to the other copy, POSTs included (non_idempotent), and
    # sets neither copy aside for a failure or two. With nginx's max_fails, one failure
    # could set both copies aside for 10 s: one run in three gave 292 502s of 600.
    def one(index: int) -> int:
        connection = https(front, tls)
        if index % 2:
            # With a query string, which nginx's own answer handler leaves to the app.
            connection.request("POST", "/quiz/video-chat/1?to=app", "answer=true", FORM)
        else:
            connection.request("GET", "/quiz/video-chat/1")
        with connection.getresponse() as response:
            return response.status

    killed = []
    with ThreadPoolExecutor(8) as pool:
        answers = [pool.submit(one, index) for index in range(600)]
        for (_, copy), after in zip(copies, (100, 300), strict=True):
            answers[after].result()
            workers = worker_pids(copy)
            for pid in workers:
                os.kill(pid, signal.SIGKILL)
            killed += workers
        statuses = [answer.result() for answer in answers]
    assert len(killed) == 4
    # At most one request was in flight on each killed worker, and each of those was sent
    # again to the other copy: nothing is lost.
    assert statuses == [200] * len(statuses)


def test_a_copy_restarting_as_the_other_loses_its_workers_costs_no_page(
    start_nginx, tls, tmp_path, home
):
    # Copy B dies and is restarted; while nginx still has it set aside for its failures,
    # copy A loses every worker. Without the backups in deploy/nginx, nginx had no copy to
    # send A's requests to and answered 502 (2 runs of 3).
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_RUNTIME_DIR", None)
    ports = free_port(), free_port()
    servers = [start_gunicorn(port, tmp_path / f"{port}.log", env=env) for port in ports]
    front = start_nginx(tuple(f"127.0.0.1:{port}" for port in ports))
    statuses: list[int] = []
    done = threading.Event()

    def pupil(index: int) -> None:
        while not done.is_set():
            connection = https(front, tls)
            if index % 2:
                # (A query string: an answer nginx's handler leaves to the app.)
                connection.request("POST", "/quiz/video-chat/1?to=app", "answer=T", FORM)
            else:
                connection.request("GET", "/quiz/video-chat/1")
            with connection.getresponse() as response:
                response.read()
                statuses.append(response.status)

    def after_more(count: int) -> None:
        # Waits on the pupils' progress, not the clock. (Bounded, so a stuck set-up ends.)
        target = len(statuses) + count
        for _ in range(6000):
            if len(statuses) >= target:
                return
            done.wait(0.01)

    try:
        with ThreadPoolExecutor(4) as pool:
            pupils = [pool.submit(pupil, index) for index in range(4)]
            after_more(20)
            # Copy B dies, master and workers at once.
            for pid in [*worker_pids(servers[1]), servers[1].pid]:
                os.kill(pid, signal.SIGKILL)
            servers[1].wait()
            after_more(50)
            servers[1] = start_gunicorn(ports[1], tmp_path / "restarted.log", env=env)
            # At once, while nginx has B set aside: copy A loses every worker.
            for pid in worker_pids(servers[0]):
                os.kill(pid, signal.SIGKILL)
            after_more(100)
            done.set()
            for finished in pupils:
                finished.result()
    finally:
        done.set()
        for server in servers:
            stop(server)
    assert len(statuses) >= 170
    assert set(statuses) == {200}


def test_two_copies_on_one_machine_share_no_control_socket(copies, home):
    assert list(home.rglob("*")) == []


def test_error_pages_refuses_a_header_nginx_would_misread(tmp_path):
    # "$" is allowed in a frame-ancestors path, but nginx would read it as a variable.
    app = create_app({"QUIZ_FRAME_ANCESTORS": "https://school.example/$x"})
    result = app.test_cli_runner().invoke(args=["error-pages", str(tmp_path)])
    assert result.exit_code == 1
    assert "Content-Security-Policy holds a character nginx cannot take" in result.output
    assert not (tmp_path / "security-headers.conf").exists()


def test_the_deploy_templates_names_are_known_settings():
    # Set in the shell that runs envsubst, they must not stop the app as unknown names.
    assert set(re.findall(r"\$\{(QUIZ_[A-Z0-9_]+)\}", TEMPLATE.read_text())) == set(DEPLOY_SETTINGS)


# issue 24: nginx serves the pages that are the same for everyone from the files `flask
# nginx-pages` renders, and gunicorn only what must be computed.

# Headers that say how a response travelled, not what it is: nginx adds the file's
# validators, gunicorn its own framing.
TRANSPORT = {"date", "server", "connection", "content-length", "etag", "last-modified"}
SHARED_PAGES = [
    "/",
    "/quiz/video-chat/1",
    "/quiz/video-chat/1/help",
    "/quiz/video-chat/end",
    "/help",
    "/about",
    "/present/video-chat",
    "/present/video-chat/1/answer",
    "/teacher/video-chat",
    "/quick-start/video-chat",
    "/handout/video-chat",
]


def who_answered(front: Nginx, path: str) -> str:
    """The last access log line's upstream status for path: "-" when nginx answered from
    a file, gunicorn's status when the app did."""
    lines = [line for line in front.log("access.log").splitlines() if f' "{path}" ' in line]
    return lines[-1].split()[-1]


@pytest.mark.parametrize("path", SHARED_PAGES)
def test_nginx_serves_each_shared_page_with_the_apps_bytes_and_headers(front, copies, tls, path):
    connection = https(front, tls)
    connection.request("GET", path)
    served = connection.getresponse()
    body = served.read()
    app = http.client.HTTPConnection("127.0.0.1", copies[0][0], timeout=30)
    app.request("GET", path)
    direct = app.getresponse()
    assert (served.status, body) == (direct.status, direct.read()) == (200, body)
    assert who_answered(front, path) == "-"
    headers = {name.lower(): value for name, value in served.getheaders()}
    expected = {name.lower(): value for name, value in direct.getheaders()}
    assert headers.pop("strict-transport-security") == HSTS
    assert {k: v for k, v in headers.items() if k not in TRANSPORT} == {
        k: v for k, v in expected.items() if k not in TRANSPORT
    }
    for name, _ in HEADERS:
        assert served.headers.get_all(name) is not None and len(served.headers.get_all(name)) == 1


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/help?from=1", 200),
        ("GET", "/?from=1", 200),
        ("GET", "//", 200),
        ("GET", "/index.html", 404),
        ("GET", "/present/video-chat?cards=1", 200),
        ("GET", "/help/", 200),
        ("GET", "/%68elp", 200),
        ("GET", "/quiz/video-chat/99", 404),
        ("GET", "/answers/quiz/video-chat/1", 404),
        ("GET", "/healthz", 200),
        ("OPTIONS", "/help", 200),
        ("POST", "/help", 405),
        ("PUT", "/quiz/video-chat/1", 405),
    ],
)
def test_what_is_not_a_shared_page_as_sent_is_still_the_apps_to_answer(
    front, tls, method, path, status
):
    answer = exchange(front, raw_request(path, method), tls)
    assert answer.status == status
    assert who_answered(front, path.split("?")[0]) != "-"


def test_a_card_and_help_are_served_with_no_copy_of_the_app_running(down, tls, error_pages):
    for path in ("/", "/quiz/video-chat/1", "/help", "/quiz/video-chat/1/help"):
        answer = exchange(down, raw_request(path), tls)
        assert answer.status == 200
        assert CHILDLINE_NUMBER in answer.body.decode()
        assert answer.headers["cache-control"] == "public, max-age=300"
        assert answer.headers["content-type"] == "text/html; charset=utf-8"
        assert answer.headers["strict-transport-security"] == HSTS
    for path in ("/", "/help"):
        head = exchange(down, raw_request(path, "HEAD"), tls)
        assert (head.status, head.body) == (200, b"")
    # A button's answer is nginx's too (test_nginx_answers_...): any other body is the
    # app's to answer, and with no copy running gets the app's own 502 page.
    answer = exchange(
        down, raw_request("/quiz/video-chat/1", "POST", FORM_HEADER, b"answer=maybe"), tls
    )
    assert answer.status == 502
    assert answer.body == (error_pages / "502.html").read_bytes()


# nginx answers a card's buttons itself (deploy/nginx/quiz-answer.js), from the file of
# both answer pages `flask nginx-pages` writes for each card.
BUTTONS = list(BUTTON_ANSWERS)


def test_nginx_answers_each_button_with_the_apps_bytes_and_headers(front, tls, content):
    # Each answer, for every card and every body a button sends, against the app's own
    # through the same nginx (a query string sends it there): the same status and body,
    # and the same headers in the same order but the Date.
    before = len(front.log("access.log").splitlines())
    connection = https(front, tls)

    def post(path: str, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        connection.request("POST", path, body, FORM)
        response = connection.getresponse()
        headers = [(name, value) for name, value in response.getheaders() if name != "Date"]
        return response.status, headers, response.read()

    paths = [
        f"/quiz/{deck.id}/{number}"
        for deck in content.decks
        for number in range(1, len(deck.cards) + 1)
    ]
    for path in paths:
        for body in BUTTONS:
            nginx, app = post(path, body), post(f"{path}?from=app", body)
            assert nginx[0] == 200
            assert nginx == app
    # Which answered, nginx ("-") or the app (its status): nginx logs a request's line
    # before it reads the next on the same connection, so once this one is logged, every
    # answer above is.
    connection.request("GET", "/answered")
    connection.getresponse().read()
    log = "\n".join(front.log("access.log", holding='GET "/answered"').splitlines()[before:])
    for path in paths:
        upstreams = re.findall(rf' POST "{path}" 200 [0-9]+ \S+ (\S+)$', log, re.MULTILINE)
        assert upstreams == ["-", "200"] * len(BUTTONS)


def test_a_buttons_answer_needs_no_copy_of_the_app_running(down, tls, error_pages):
    both = (error_pages / ANSWERS / "quiz/video-chat/1").read_bytes()
    pages = {True: both[: len(both) // 2], False: both[len(both) // 2 :]}
    for body, said_true in BUTTON_ANSWERS.items():
        answer = exchange(down, raw_request("/quiz/video-chat/1", "POST", FORM_HEADER, body), tls)
        assert answer.status == 200
        assert answer.body == pages[said_true]
        assert answer.headers["cache-control"] == "private, no-cache"
        assert answer.headers["strict-transport-security"] == HSTS
        assert "content-encoding" not in answer.headers


URLENCODED_UTF8 = "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"


@pytest.mark.parametrize(
    ("path", "headers", "body", "status"),
    [
        ("/quiz/video-chat/1", FORM_HEADER, b"answer=maybe", 400),
        ("/quiz/video-chat/1", FORM_HEADER, b"answer=T&answer=F", 400),
        ("/quiz/video-chat/1", FORM_HEADER, b"answer=T&x=1", 200),
        ("/quiz/video-chat/1", FORM_HEADER, b"", 400),
        ("/quiz/video-chat/1", URLENCODED_UTF8, b"answer=T", 200),
        ("/quiz/video-chat/1", FORM_HEADER + FORM_HEADER, b"answer=T", 400),
        ("/quiz/video-chat/1", "Content-Type: text/plain\r\n", b"answer=T", 400),
        ("/quiz/video-chat/1", "", b"answer=T", 400),
        ("/quiz/video-chat/1?x=1", FORM_HEADER, b"answer=T", 200),
        ("/quiz/video-chat/01", FORM_HEADER, b"answer=T", 200),
        ("/quiz/video-chat/99", FORM_HEADER, b"answer=T", 404),
        ("/quiz/no-such-deck/1", FORM_HEADER, b"answer=T", 404),
        ("/answers/quiz/video-chat/1", FORM_HEADER, b"answer=T", 404),
    ],
)
def test_an_answer_not_sent_as_a_button_sends_it_is_still_the_apps(
    front, tls, error_pages, path, headers, body, status
):
    logged = f'POST "{path.split("?")[0]}" {status} '
    log = front.log("access.log")
    before, seen = len(log.splitlines()), log.count(logged)
    answer = exchange(front, raw_request(path, "POST", headers, body), tls)
    assert answer.status == status
    if status != 200:
        assert answer.body == (error_pages / f"{status}.html").read_bytes()
    # The app answered: its status is the upstream's, the last field.
    [line] = front.log("access.log", holding=logged, times=seen + 1).splitlines()[before:]
    assert logged in line
    assert line.split()[-1] == str(status)


@pytest.mark.parametrize(
    "raw",
    [
        raw_request("/quiz/video-chat/1", host="evil.example"),
        raw_request("/quiz/video-chat/1", "POST", FORM_HEADER, b"answer=T", host="evil.example"),
    ],
    ids=["card", "button's answer"],
)
def test_a_page_nginx_serves_refuses_an_untrusted_host_as_the_app_does(
    front, tls, error_pages, raw
):
    answer = exchange(front, raw, tls)
    assert answer.status == 400
    assert answer.body == (error_pages / "400.html").read_bytes()
    assert answer.headers["cache-control"] == "no-store"


def test_pages_come_over_http_2_when_the_browser_asks(front, certificate):
    context = ssl.create_default_context(cafile=certificate[0])
    context.set_alpn_protocols(["h2", "http/1.1"])
    with (
        socket.create_connection(("127.0.0.1", front.https_port)) as raw,
        context.wrap_socket(raw, server_hostname=SERVER_NAME) as connection,
    ):
        assert connection.selected_alpn_protocol() == "h2"


def pages_holding(folder: Path, text: str) -> list[Path]:
    return [page for page in folder.rglob("*.html") if text in page.read_text()]


def test_a_deploy_switches_every_page_to_the_new_content_at_once(tmp_path):
    questions, pages = tmp_path / "questions.yaml", tmp_path / "pages"
    questions.write_text(VALID)
    app = create_app({"QUIZ_CONTENT": str(questions)})
    first = render_pages(app, pages)
    assert (pages / CURRENT).resolve() == first
    assert pages_holding(first, "Help is here.")
    # Each card's two answer pages in one file, True then False, and no other file: never
    # one for each answer, whose access time would tell which was given.
    answers = state(app).answers
    written = [path for path in (first / ANSWERS).rglob("*") if path.is_file()]
    assert sorted(path.relative_to(first / ANSWERS).as_posix() for path in written) == [
        "quiz/sample/1",
        "quiz/sample/2",
    ]
    for number in (1, 2):
        both = (first / ANSWERS / "quiz" / "sample" / str(number)).read_bytes()
        assert both == answers["sample", number, True] + answers["sample", number, False]

    questions.write_text(VALID.replace("Help is here.", "Help is always here."))
    second = render_pages(create_app({"QUIZ_CONTENT": str(questions)}), pages)
    # One link, switched by a rename: nginx finds the old pages or the new, never a mix.
    assert (pages / CURRENT).is_symlink()
    assert (pages / CURRENT).resolve() == second
    assert pages_holding(second, "Help is always here.")
    assert not pages_holding(second, "Help is here.")
    # The set before stays whole for requests that began reading it; older ones go.
    assert pages_holding(first, "Help is here.")
    third = render_pages(create_app({"QUIZ_CONTENT": str(questions)}), pages)
    assert sorted(pages.iterdir()) == sorted([pages / CURRENT, second, third])


def test_a_deploy_that_fails_leaves_the_pages_being_served(tmp_path):
    pages = tmp_path / "pages"
    served = render_pages(create_app(), pages)
    bad = create_app({"QUIZ_FRAME_ANCESTORS": "https://school.example/$x"})
    result = bad.test_cli_runner().invoke(args=["nginx-pages", str(pages)])
    assert result.exit_code == 1
    assert sorted(pages.iterdir()) == [pages / CURRENT, served]
    assert (pages / CURRENT).resolve() == served


def test_nginx_serves_the_new_pages_as_soon_as_a_deploy_switches_them(tmp_path, certificate, tls):
    questions, pages = tmp_path / "questions.yaml", tmp_path / "pages"
    questions.write_text(VALID)
    render_pages(create_app({"QUIZ_CONTENT": str(questions)}), pages)
    (tmp_path / "nginx").mkdir()
    upstreams = (f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}")
    server, process = start_nginx_in(tmp_path / "nginx", upstreams, certificate, pages / CURRENT)
    try:
        assert b"Help is here." in exchange(server, raw_request("/help"), tls).body
        assert b"Free and private." in exchange(server, raw_request("/"), tls).body
        # No copy of the app runs: the answers are nginx's own.
        answer = raw_request("/quiz/sample/2", "POST", FORM_HEADER, b"answer=T")
        assert b"There is always help." in exchange(server, answer, tls).body
        # A card this set does not have is the app's to answer.
        missing = raw_request("/quiz/sample/3", "POST", FORM_HEADER, b"answer=T")
        assert exchange(server, missing, tls).status == 502
        questions.write_text(
            VALID.replace("Help is here.", "Help is always here.")
            .replace("Free and private.", "Free and always private.")
            .replace("There is always help.", "There is help, always.")
        )
        render_pages(create_app({"QUIZ_CONTENT": str(questions)}), pages)
        # No reload: nginx follows the link for each request.
        assert b"Help is always here." in exchange(server, raw_request("/help"), tls).body
        assert b"Free and always private." in exchange(server, raw_request("/"), tls).body
        assert b"There is help, always." in exchange(server, answer, tls).body
    finally:
        stop(process)
