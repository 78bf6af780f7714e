"""Shared fixtures: the real app and content, a live server on 127.0.0.1, and Chromium."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from quiz import create_app
from quiz.config import ROOT
from quiz.content import load
from tests.browser import EXIT_URL

CONTENT_FILE = ROOT / "questions.yaml"


@pytest.fixture(scope="session")
def content():
    return load(CONTENT_FILE)


@pytest.fixture(scope="session")
def deck(content):
    return content.decks[0]


@pytest.fixture
def app():
    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def live_server():
    """The real app, served over real HTTP on loopback for the browser tests."""
    server = make_server("127.0.0.1", 0, create_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download a browser here; Debian's Chromium is used instead. The
    # extra flags stop Chromium's own background calls to other hosts.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def open_page(browser, live_server):
    """Open a page on the live app. At the end, check it asked no other host for anything
    (the exit destination is answered locally) and that no cookie was ever set."""
    opened = []

    def open_(path: str = "/", *, javascript: bool = True, width: int = 1280, height: int = 800):
        context = browser.new_context(
            base_url=live_server,
            java_script_enabled=javascript,
            viewport={"width": width, "height": height},
        )
        context.route(
            f"{EXIT_URL}**",
            lambda route: route.fulfill(
                status=200, content_type="text/html", body="<title>BBC Weather</title>"
            ),
        )
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        opened.append((context, requests))
        if path:
            page.goto(path)
        return page

    yield open_
    live = urlsplit(live_server).netloc
    for context, requests in opened:
        assert context.cookies() == []
        context.close()
        elsewhere = [
            url
            for url in requests
            if urlsplit(url).netloc != live
            and not url.startswith(EXIT_URL)
            and urlsplit(url).scheme not in ("data", "about")
        ]
        assert elsewhere == []
