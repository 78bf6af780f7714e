"""What the browser tests share: where Exit this page goes, waiting for a page to be
ready, and the axe-core check."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

EXIT_URL = "https://www.bbc.co.uk/weather"
# Every axe rule, with target-size (WCAG 2.5.8), which axe leaves off by default, turned on.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


# Whether the document has loaded, with its stylesheet applied.
STYLED = (
    "() => document.readyState === 'complete' && getComputedStyle("
    "document.documentElement).getPropertyValue('--text').trim() !== ''"
)


def wait_until_styled(page) -> None:
    """Wait for the page's document to have loaded with its stylesheet applied.

    A one-shot check (focus, sizes, axe) run too early on a busy machine meets an
    unstyled page: the skip link and exit button 17 px tall. Call this once the new
    document has committed (after page.goto, `follow`, or an `expect` on its content)."""
    # readyState, not Playwright's load state, which a page brought back from the
    # back-forward cache never reaches again.
    wait_until(page, STYLED, "loaded with its stylesheet")


def wait_until(page, predicate: str, what: str, timeout: float = 30.0) -> None:
    """Wait until `predicate` (a function, as text) holds in the page, with JavaScript on
    or off.

    Asked from here again and again, not polled by Playwright's wait_for_function, which
    polls on the page's own timers: a page with JavaScript off runs none, so that checked
    once and never again, and a page not yet loaded at that moment (about one Back in a
    hundred, beside two CPU burners) was waited for in vain
    (test_a_page_with_javascript_off_is_waited_for_until_styled)."""
    deadline = time.monotonic() + timeout
    while not holds(page, predicate):
        if time.monotonic() > deadline:
            raise AssertionError(f"{page.url} never {what}")
        page.wait_for_timeout(50)


def holds(page, predicate: str) -> bool:
    try:
        return page.evaluate(predicate)
    except PlaywrightError as error:
        # The document was replaced while it was asked: ask the next one.
        if "context was destroyed" in str(error):
            return False
        raise


def follow(page, action: Callable[[], None]) -> None:
    """Do something that loads the next page, and wait until that page, not the one it
    left, has loaded with its stylesheet."""
    with page.expect_navigation():
        action()
    wait_until_styled(page)


def axe_violations(page) -> str:
    wait_until_styled(page)
    results = Axe().run(page, options=AXE_OPTIONS)
    return results.generate_report() if results.violations_count else ""


@contextmanager
def requests_sent(page) -> Iterator[list[str]]:
    """The addresses the page asks for while the block runs."""
    sent: list[str] = []

    def record(request) -> None:
        sent.append(request.url)

    page.on("request", record)
    try:
        yield sent
    finally:
        page.remove_listener("request", record)


FOCUS_YELLOW = "rgb(255, 221, 0)"


def focus_is_visible(page) -> bool:
    """Whether the focused element shows the yellow focus style, which it does not show
    when it is not focused: its own background or shadow must never hide the focus."""
    focused, unfocused = page.evaluate(
        """() => {
            const element = document.activeElement;
            const look = () => getComputedStyle(element).backgroundColor;
            const focused = look();
            element.blur();
            const unfocused = look();
            element.focus();
            return [focused, unfocused];
        }"""
    )
    return focused == FOCUS_YELLOW and unfocused != FOCUS_YELLOW


def tab_stops(page, limit: int = 80) -> list[tuple[str, bool]]:
    """Tab from the top of the page through every stop until focus comes round again (or
    leaves the page): each stop's opening markup, and whether it showed the focus."""
    page.evaluate("document.activeElement.blur()")
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        # Each stop is marked as it is reached, so the walk ends when focus comes round
        # to the first again, even if two stops look alike.
        stop = page.evaluate(
            """() => {
                const element = document.activeElement;
                if (element === document.body || element.dataset.reached) return null;
                element.dataset.reached = "yes";
                return element.outerHTML.slice(0, 60);
            }"""
        )
        if stop is None:
            break
        stops.append((stop, focus_is_visible(page)))
    return stops


def accessibility_nodes(page) -> list[dict]:
    """What Chromium's accessibility tree offers a screen reader: its nodes not ignored."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return [node for node in nodes if not node.get("ignored")]
