"""Helpers for the browser tests: pages that prove they never reach another host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

EXIT_URL = "https://www.bbc.co.uk/weather"
# Every axe rule, with target-size (WCAG 2.5.8), which axe leaves off by default, turned on.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


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
            if urlsplit(url).netloc != live and not url.startswith(EXIT_URL)
            and urlsplit(url).scheme not in ("data", "about")
        ]
        assert elsewhere == []


def axe_violations(page) -> str:
    results = Axe().run(page, options=AXE_OPTIONS)
    return results.generate_report() if results.violations_count else ""
