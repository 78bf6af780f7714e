"""Production settings for `gunicorn app:app`, which reads this file from the repository root.

gunicorn serves the proxy in front (deploy/), never pupils directly: its sync workers each
wait on one client at a time, so a few slow or idle connections would stall every page.
"""

import logging
import os
import sys

from gunicorn import glogging
from gunicorn.http import wsgi

from quiz.config import SettingError, server_settings

try:
    bind, workers = server_settings(os.environ)
except SettingError as error:
    # One short message saying what to fix, not a traceback.
    raise SystemExit(str(error)) from None

# Load the app once, in the master, before any worker starts: a bad content file or
# setting then stops gunicorn with its one-line message, where otherwise every worker
# would fail on start and be restarted for ever.
preload_app = True

# Trust no request header to say how the request was made. By default gunicorn believes
# any client on 127.0.0.1 (where the proxy is, and anyone else on the machine) about
# SCRIPT_NAME, which url_for puts in front of every link of a page the app then keeps
# for everyone, and about X-Forwarded-Proto. The app needs neither: nginx passes the
# path unchanged and the app builds no absolute URL. forwarded_allow_ips covers TCP;
# a Unix socket is trusted whatever it says, so the headers themselves are emptied too.
# (A SCRIPT_NAME header from an untrusted peer is dropped: header_map's default, "drop".)
forwarded_allow_ips = ""
forwarder_headers = ""
secure_scheme_headers = {}

# gunicorn 25+ opens a control socket at one fixed path per user; a second copy on the
# same machine took it over and deleted it on stopping. Signals do the same job.
control_socket_disable = True

# Behind nginx a request arrives whole and a page takes about a millisecond, so a worker
# silent for 10 s is stuck: it is replaced, and nginx retries its request on the other
# copy. (The default, 30 s, is how long a single idle client held a worker.)
timeout = 10


class EscapedAtoms(glogging.SafeAtoms):
    """The access log's fields, each with its control characters escaped when the format
    asks for it: the path arrives percent-decoded, so `%0a` in a URL would otherwise start
    a forged second line.

    gunicorn builds a field for every header and environ entry of every request, about 60,
    of which the format uses five; escaping each one was 30 µs of every request (bench/
    PROFILE.md). gunicorn's own SafeAtoms escapes quotes, here too only where asked for."""

    def __init__(self, atoms):
        dict.__init__(self, atoms)

    def __getitem__(self, name):
        # SafeAtoms looks the name up (case-insensitively for a header, "-" if missing).
        value = super().__getitem__(name)
        # A request gunicorn refuses has no path at all (None), so only text is touched;
        # gunicorn escapes quotes, and backslashes and control characters it leaves.
        if isinstance(value, str):
            return value.encode("unicode_escape").decode("ascii").replace('"', '\\"')
        return value


class Logger(glogging.Logger):
    """gunicorn's logger, writing nothing that points at a pupil or holds an answer."""

    atoms_wrapper_class = EscapedAtoms

    def warning(self, msg, *args, **kwargs):
        # gunicorn reports a request it refuses as "Invalid request from ip=<address>:
        # <problem>", the problem quoting the request: its request line, query string and
        # all, or a header. Only the kind of problem is kept; the worker calls this while
        # handling it, so it is the exception in hand.
        if msg.startswith("Invalid request from"):
            msg, args = "Refused a request: %s", (type(sys.exc_info()[1]).__name__,)
        super().warning(msg, *args, **kwargs)

    def exception(self, msg, *args, **kwargs):
        # "Error handling request <method> <URI>": the URI keeps its query string.
        if msg.startswith("Error handling request"):
            msg, args = "Error handling request", ()
        super().exception(msg, *args, **kwargs)


logger_class = Logger


class HeaderHeldForBody:
    """The worker's socket, holding the bytes written while `holding` until the next write,
    which sends them together (OneWriteResponse)."""

    def __init__(self, sock):
        self.sock = sock
        self.held = b""
        self.holding = False

    def sendall(self, data: bytes) -> None:
        if self.holding:
            self.held += data
            return
        held, self.held = self.held, b""
        self.sock.sendall(held + data)

    def flush(self) -> None:
        if self.held:
            self.sendall(b"")

    def __getattr__(self, name: str):
        return getattr(self.sock, name)


# Response headers as the app sent them that gunicorn has checked and kept unchanged, in
# this worker; at most 64, whatever the app sends (OneWriteResponse.process_headers).
CHECKED_HEADERS = set()


class OneWriteResponse(wsgi.Response):
    """gunicorn's response, sending its header with its body in one write.

    gunicorn writes a response's header and then its body, in two writes. A worker killed
    between them (by its timeout, a deploy, or the kernel) left nginx with a header and no
    page: nginx had already passed the header on, so it could no longer send the request
    to the other copy, and the pupil's page broke off (tests/test_deploy.py's restart
    test, once in six runs). Sent in one write, a response is on its way whole or not at
    all, and a request with no answer nginx does send to the other copy. Every page the app
    sends is one piece of a few KB, so the header goes with all of it.
    """

    def __init__(self, req, sock, cfg, *args, **kwargs):
        super().__init__(req, HeaderHeldForBody(sock), cfg, *args, **kwargs)

    def send_headers(self):
        self.sock.holding = True
        try:
            super().send_headers()
        finally:
            self.sock.holding = False

    def process_headers(self, headers):
        # gunicorn checks every header of every response against two regular expressions;
        # the app sends the same dozen on every page (its security headers above all), a
        # tenth of a card's time beyond a bare Flask page under gunicorn (bench/PROFILE.md).
        # A header this worker has checked and kept unchanged is kept again unchecked.
        for header in headers:
            if header.__class__ is tuple and header in CHECKED_HEADERS:
                self.headers.append(header)
                continue
            kept = len(self.headers)
            super().process_headers([header])
            if (
                len(self.headers) > kept
                and self.headers[-1] == header
                # gunicorn reads the length from this one; it changes anyway.
                and header[0].lower() != "content-length"
                and len(CHECKED_HEADERS) < 64
            ):
                CHECKED_HEADERS.add(header)

    def sendfile(self, respiter):
        # os.sendfile would write the body past the held header: a file the app sends
        # goes through write() like any other body instead.
        return False

    def close(self):
        super().close()
        # A response with no body (HEAD, an empty page) has only its header to send.
        self.sock.flush()


# gunicorn builds each request's response from this name (gunicorn.http.wsgi.create);
# it has no setting for it.
wsgi.Response = OneWriteResponse
# A log line that cannot be written (a full disk, a log on a closed pipe) is dropped. By
# default Python's logging writes "--- Logging error ---" to stderr instead, with the
# record it failed on: for an access log line, the client's address, user agent,
# referrer, query string and every header of the request. This is the switch its
# Handler.handleError consults, for every logger in the process, the app's included.
logging.raiseExceptions = False
# One line per request: method, path without its query string, status, size and time.
# No address, user agent or referrer, so nothing in the log points at a pupil; and no
# answer, since answers only ever travel in a POST body, which is never logged.
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
