"""Real servers on loopback for the production tests and bench/slow-clients: gunicorn as
the README runs it, and Debian's nginx with deploy/'s configuration in front."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
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
    # gunicorn gives its workers up to 30 s (its graceful timeout) to finish: on a busy
    # machine, 15 s was once not enough.
    server.wait(timeout=40)


# Debian's nginx, which scripts/test installs where it is missing.
NGINX = "/usr/sbin/nginx"
TEMPLATE = ROOT / "deploy" / "nginx" / "quiz.conf.template"
SERVER_NAME = "localhost"

MAIN = ROOT / "deploy" / "nginx" / "nginx.conf"
# The answer handler the template imports by a path relative to the main configuration,
# beside which the README copies it.
ANSWER_HANDLER = ROOT / "deploy" / "nginx" / "quiz-answer.js"
# Debian's modules-enabled files (njs's among them) load modules by a path relative to
# nginx's prefix, /usr/share/nginx, which the tests move to their own folder.
MODULES = Path("/usr/share/nginx/modules")

# deploy/nginx/nginx.conf with its Debian paths moved into the test's folder: each line on
# the left must be in it as written, so that a change there is seen here. The machine's
# own conf.d is left out, and the quiz's server is included from the folder.
MAIN_PATHS = {
    "user www-data;": "{user}",
    "pid /run/nginx.pid;": "pid {folder}/nginx.pid;",
    # At info, not the shipped warn, to show that nothing about a request escapes the
    # server's own error log even at the most talkative level a build without debug has.
    "error_log /var/log/nginx/error.log warn;": "error_log {folder}/main-error.log info;",
    "include /etc/nginx/conf.d/*.conf;": "",
    "include /etc/nginx/sites-enabled/*;": "include {folder}/quiz.conf;",
    # Debian's temporary folders belong to www-data; the tests' are their own.
    "http {": "http {\n"
    + "".join(
        f"\t{kind}_temp_path {{folder}}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    ),
}


def main_configuration(folder: Path, main: str | None = None) -> str:
    """deploy/nginx/nginx.conf as the tests run it: in the foreground, its files in
    `folder`. Started as root (as in CI), nginx would run its workers as "nobody", who
    cannot read pytest's private folders; as anyone else it cannot change user at all."""
    text = main or MAIN.read_text()
    user = "user root;" if os.geteuid() == 0 else ""
    for line, replacement in MAIN_PATHS.items():
        assert text.count(line) == 1, f"deploy/nginx/nginx.conf no longer has {line!r}"
        text = text.replace(
            line, replacement.replace("{folder}", str(folder)).replace("{user}", user)
        )
    return "daemon off;\n" + text


def render(template: str, values: Mapping[str, str]) -> str:
    """The template filled in as the README's envsubst command does it: each ${QUIZ_...}
    replaced (a missing value is a KeyError), nginx's own $variables left alone."""
    return re.sub(r"\$\{(QUIZ_[A-Z0-9_]+)\}", lambda match: values[match[1]], template)


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for localhost and 127.0.0.1, and its key."""
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(certificate), "-subj", f"/CN={SERVER_NAME}"]
        + ["-addext", f"subjectAltName=DNS:{SERVER_NAME},IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    return certificate, key


def write_error_pages(folder: Path) -> Path:
    """The pages nginx serves, error pages among them, written by the app's own command as
    the README says; returns the folder nginx is given (the `current` link)."""
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "nginx-pages", str(folder)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return folder / "current"


@dataclass
class Nginx:
    https_port: int
    http_port: int
    folder: Path

    def log(self, name: str, holding: str | re.Pattern[str] = "", times: int = 1) -> str:
        """A log's text; with `holding` (words, or a pattern), once it holds that `times`
        times. nginx writes a request's line as it lets the connection go, which after an
        error, or a POST, can be after the client has read the whole answer: nginx shuts
        its side first, then drains what the client sent."""
        pattern = holding if isinstance(holding, re.Pattern) else re.compile(re.escape(holding))
        deadline = time.monotonic() + 15
        while len(pattern.findall(text := (self.folder / name).read_text())) < times:
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        return text


def start_nginx_in(
    folder: Path,
    upstreams: tuple[str, str],
    certificate: tuple[Path, Path],
    error_pages: Path,
    access_log: str | None = None,
    main: str | None = None,
    template: str | None = None,
) -> tuple[Nginx, subprocess.Popen]:
    """nginx with deploy/'s configuration in front of two upstreams, its files in
    `folder` (its access log there too unless given another); returns once it is
    listening. bench/slow-clients gives other texts for the two files, to compare."""
    server = Nginx(free_port(), free_port(), folder)
    values = {
        "QUIZ_SERVER_NAME": SERVER_NAME,
        "QUIZ_HTTP_LISTEN": f"127.0.0.1:{server.http_port}",
        "QUIZ_HTTPS_LISTEN": f"127.0.0.1:{server.https_port}",
        "QUIZ_TLS_CERTIFICATE": str(certificate[0]),
        "QUIZ_TLS_KEY": str(certificate[1]),
        "QUIZ_UPSTREAM_1": upstreams[0],
        "QUIZ_UPSTREAM_2": upstreams[1],
        "QUIZ_PAGES": str(error_pages),
        "QUIZ_ACCESS_LOG": access_log or str(folder / "access.log"),
        "QUIZ_ERROR_LOG": str(folder / "error.log"),
    }
    (folder / "quiz.conf").write_text(render(template or TEMPLATE.read_text(), values))
    (folder / "nginx.conf").write_text(main_configuration(folder, main))
    (folder / ANSWER_HANDLER.name).write_bytes(ANSWER_HANDLER.read_bytes())
    (folder / "modules").symlink_to(MODULES)
    with (folder / "stderr.log").open("wb") as stderr:
        process = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped on start: {server.log('stderr.log')}")
        try:
            socket.create_connection(("127.0.0.1", server.https_port), timeout=1).close()
            return server, process
        except OSError:
            time.sleep(0.05)
    stop(process)
    raise RuntimeError("nginx did not start listening")
