"""Shared fixtures: the real app and content, a live server on 127.0.0.1, the static copy
(over a file server and from disk), and Chromium."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from quiz import create_app
from quiz.config import ROOT
from quiz.content import load
from quiz.export import export, page_file, static_app
from tests.browser import EXIT_URL
from tests.helpers import serve
from tests.servers import make_certificate

CONTENT_FILE = ROOT / "questions.yaml"
# expect() retries until its check holds; 5 s, its default, is short for a page to come
# on a busy 2-core machine. Only a failing check ever waits this long.
expect.set_options(timeout=15_000)
# Where the static copy sits on its file server: a subfolder, as on a school's website.
SUBFOLDER = "/pshe/quiz/"


@pytest.fixture(scope="session")
def content():
    return load(CONTENT_FILE)


@pytest.fixture(scope="session")
def deck(content):
    return content.decks[0]


@pytest.fixture(scope="session")
def app():
    """The app as it starts, shared by every test that only asks it for pages: building
    one takes longer than most tests. A test that changes an app, or reads what its page
    cache holds, takes `fresh_app`."""
    return create_app({"TESTING": True})


@pytest.fixture
def fresh_app():
    """An app of the test's own, to change or to watch its cache fill from empty."""
    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def live_server():
    """The real app, served over real HTTP on loopback for the browser tests."""
    with serve(create_app()) as url:
        yield url


@pytest.fixture(scope="session")
def static_copy(tmp_path_factory) -> Path:
    """The static copy, exported once, in a subfolder of a web root."""
    root = tmp_path_factory.mktemp("www")
    folder = root.joinpath(*SUBFOLDER.strip("/").split("/"))
    export(static_app(), folder, SUBFOLDER)
    return folder


class QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name is http.server's
        pass


@pytest.fixture(scope="session")
def file_server(static_copy):
    """A plain file server on loopback, as any static web host is, serving the copy's web
    root, so the copy is reached at http://127.0.0.1:PORT/pshe/quiz/."""
    root = static_copy.parents[len(SUBFOLDER.strip("/").split("/")) - 1]
    handler = functools.partial(QuietFiles, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{SUBFOLDER.rstrip('/')}"
    server.shutdown()
    thread.join()


@dataclass(frozen=True)
class Site:
    """Where a browser test meets the quiz: the served app, or the static copy over a file
    server or from disk. Tests name pages by the served app's paths."""

    kind: str
    base: str

    @property
    def static(self) -> bool:
        return self.kind != "served"

    def url(self, path: str) -> str:
        if not self.static:
            return self.base + path
        path, _, query = path.partition("?")
        return f"{self.base}/{page_file(path)}" + (f"?{query}" if query else "")

    def at(self, path: str) -> re.Pattern:
        """A pattern for expect(page).to_have_url: the page at path, query and all."""
        return re.compile(re.escape(self.url(path)) + "$")

    def is_own(self, url: str) -> bool:
        return url.startswith(self.base) or url.startswith(("data:", "about:"))


SITES = ["served", "static over http", "static from disk"]


@pytest.fixture(scope="session")
def sites(request, live_server):
    def site(kind: str) -> Site:
        if kind == "served":
            return Site(kind, live_server)
        if kind == "static over http":
            return Site(kind, request.getfixturevalue("file_server"))
        return Site(kind, request.getfixturevalue("static_copy").as_uri())

    return site


@pytest.fixture(params=SITES)
def site(request, sites) -> Site:
    return sites(request.param)


@pytest.fixture(scope="session")
def served(sites) -> Site:
    return sites("served")


# Playwright cannot download a browser here; Debian's builds of Chromium are used instead.
# Most tests run in its headless shell, as Playwright's own headless tests do: the same
# Blink and V8 as the browser, without the browser around them, where a new tab costs a
# third of the whole browser's CPU and a page load half (see the README's Tests). What
# depends on the browser around the page (Back, refresh and the back-forward cache) runs
# in the whole browser, as a pupil has it (`everyday_browser`).
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
WHOLE_BROWSER = "/usr/bin/chromium"


def exit_page(environ, start_response):
    """A stand-in for the page Exit this page goes to (EXIT_URL)."""
    start_response("200 OK", [("Content-Type", "text/html")])
    return [b"<title>BBC Weather</title>"]


@pytest.fixture(scope="session")
def exit_destination(tmp_path_factory) -> str:
    """Exit this page's destination answered on loopback, over HTTPS with a certificate of
    its own, so that the tests reach no other host: the address Chromium is told to use
    for EXIT_URL's host. (Answering it with request routing instead cost every page load
    in every test 50 ms of CPU, 70 % more: routing sends each request through Playwright.)"""
    certificate, key = make_certificate(tmp_path_factory.mktemp("exit"))
    with serve(exit_page, ssl_context=(str(certificate), str(key))) as url:
        yield urlsplit(url).netloc


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, exit_destination):
    # The extra flags stop Chromium's own background calls to other hosts, and send Exit
    # this page to its stand-in.
    return {
        **browser_type_launch_args,
        "executable_path": HEADLESS_SHELL,
        "args": [
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--host-resolver-rules=MAP {urlsplit(EXIT_URL).hostname}:443 {exit_destination}",
        ],
    }


@pytest.fixture(scope="session")
def everyday_browser(playwright, browser_type_launch_args):
    """Chromium as a pupil has it: the whole browser, with its back-forward cache, which
    Playwright turns off by default and which changes what Back shows."""
    browser = playwright.chromium.launch(
        **{**browser_type_launch_args, "executable_path": WHOLE_BROWSER},
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield browser
    browser.close()


@pytest.fixture
def open_page(browser, served, request):
    """Open a page of a site (the served app unless `site` says otherwise), in a new tab of
    Chromium's headless shell. At the end, check it asked no other host for anything and
    that no cookie was ever set.

    A test of Back or refresh passes whole_browser=True, and gets Chromium as a pupil has
    it: the whole browser, with the back-forward cache that Playwright turns off by
    default, which changes what Back shows."""
    opened = []

    def open_(
        path: str | None = "/",
        *,
        site: Site | None = None,
        javascript: bool = True,
        width: int = 1280,
        height: int = 800,
        whole_browser: bool = False,
    ):
        site = site or served
        chromium = request.getfixturevalue("everyday_browser") if whole_browser else browser
        context = chromium.new_context(
            base_url=None if site.static else site.base,
            java_script_enabled=javascript,
            viewport={"width": width, "height": height},
            # Only Exit this page's stand-in has a certificate, of its own making.
            ignore_https_errors=True,
        )
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        opened.append((context, site, requests))
        if path is not None:
            page.goto(site.url(path))
        return page

    yield open_
    for context, site, requests in opened:
        assert context.cookies() == []
        context.close()
        elsewhere = [
            url for url in requests if not site.is_own(url) and not url.startswith(EXIT_URL)
        ]
        assert elsewhere == []


# Modules whose module-scoped fixtures take seconds to start (nginx and gunicorn, a built
# wheel, LibreOffice's renders, the pack, Firefox and WebKit). scripts/test spreads the
# tests over several pytest-xdist workers; each of these modules stays on one, so that
# what it starts is started once.
ONE_WORKER = {
    "test_deploy",
    "test_engines",
    "test_pack",
    "test_powerpoint",
    "test_production",
    "test_wheel",
}


# First, so that pytest-xdist's own hook, which reads the groups, finds them.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        module = item.module.__name__.rpartition(".")[2]
        if module in ONE_WORKER:
            item.add_marker(pytest.mark.xdist_group(module))
