"""What the browser tests share: where Exit this page goes, and the axe-core check."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

EXIT_URL = "https://www.bbc.co.uk/weather"
# Every axe rule, with target-size (WCAG 2.5.8), which axe leaves off by default, turned on.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def axe_violations(page) -> str:
    results = Axe().run(page, options=AXE_OPTIONS)
    return results.generate_report() if results.violations_count else ""


def wait_until_styled(page) -> None:
    """Wait for the page's document to have loaded with its stylesheet applied.

    Playwright's click returns once a navigation has started, and `expect` retries, but a
    one-shot check (focus, sizes, axe) run then can meet the old page or an unstyled new
    one on a busy machine. Call this after anything that loads a page, before such a check.
    """
    page.wait_for_load_state("load")
    page.wait_for_function(
        "getComputedStyle(document.documentElement).getPropertyValue('--text').trim() !== ''"
    )
