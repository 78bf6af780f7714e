"""Shared fixtures: the real app and content, a live server on 127.0.0.1, and Chromium."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from quiz import create_app
from quiz.config import ROOT
from quiz.content import load

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
