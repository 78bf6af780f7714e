"""The flows a browser difference can break, in Firefox (Gecko) and WebKit (Safari's
engine, as on a school's iPads) beside the Chromium of the other browser tests: served
and as the static copy opened from disk.

One walk per engine and mode, each engine started once, to keep the cross-engine part
within 40 seconds of the suite on a busy machine. An engine that cannot start here is
skipped with the reason; scripts/test installs both."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import EXIT_URL
from tests.engines import PAGE_DOWN, SHIFT, missing, started
from tests.helpers import result_of

ENGINES = ["Firefox", "WebKit"]
MODES = ["served", "static from disk"]
# What Back to a card answered with JavaScript shows, by engine and mode: the answer
# again, or the card ready to answer. The README's browser table says the same.
BACK_KEEPS_THE_ANSWER = {
    ("Firefox", "served"): False,
    ("Firefox", "static from disk"): False,
    ("WebKit", "served"): True,
    ("WebKit", "static from disk"): True,
}


@pytest.fixture(scope="module", params=ENGINES)
def engine(request, tmp_path_factory):
    reason = missing(request.param)
    if reason:
        pytest.skip(f"{request.param} cannot start: {reason}; scripts/test installs it")
    with started(request.param, tmp_path_factory.mktemp(request.param)) as browser:
        yield browser


def shown(selector: str) -> str:
    return f"const e = document.querySelector({selector!r}); return !!e && e.offsetParent !== null"


def progress(browser, number: int, deck) -> None:
    browser.wait_until_styled()
    assert browser.text(".progress") == f"Card {number} of {len(deck.cards)}"


def click_link(browser, words: str) -> None:
    browser.wait(
        "const a = [...document.querySelectorAll('a')].find("
        "  a => a.textContent.trim() === arguments[0] && a.offsetParent !== null);"
        "if (a) a.scrollIntoView({block: 'center'}); return !!a",
        words,
        what=f"a link '{words}'",
    )
    browser.click_text(words)


def leaves_for_the_exit_page(browser) -> None:
    """The window goes to the exit address: this machine cannot reach it, so the browser
    shows its own error page, which names the address."""
    browser.wait_for_address(urlsplit(EXIT_URL).netloc)


@pytest.mark.parametrize("mode", MODES)
def test_a_pupils_walk_back_help_end_and_exit(engine, sites, deck, mode):
    site = sites(mode)
    browser = engine
    browser.go(site.url(f"/quiz/{deck.id}/3"))
    progress(browser, 3, deck)
    browser.click("[data-answer=true]")
    said = browser.text("[data-result]")
    assert result_of(deck.cards[2], True) in " ".join(said.split())
    # Back from the next card: the answer as it was, or the card ready to answer.
    click_link(browser, "Next card")
    progress(browser, 4, deck)
    browser.back()
    progress(browser, 3, deck)
    kept = browser.wait(
        "const r = document.querySelector('[data-result]');"
        "const q = document.querySelector('[data-answer=true]');"
        "return (r.offsetParent !== null && 'answer') || (q.offsetParent !== null && 'card')"
    )
    assert kept == ("answer" if BACK_KEEPS_THE_ANSWER[browser.name, mode] else "card")
    # Help, and Back to the card.
    browser.click(".header-help")
    browser.wait_until_styled()
    assert browser.text("h1") == "Get help"
    browser.back()
    progress(browser, 3, deck)
    # The end: the contacts.
    browser.go(site.url(f"/quiz/{deck.id}/end"))
    browser.wait_until_styled()
    assert "0800 1111" in browser.text(".help-panel").replace("\xa0", " ")
    # Shift three times leaves.
    browser.run("document.activeElement.blur()")
    browser.press(SHIFT, SHIFT, SHIFT)
    leaves_for_the_exit_page(browser)
    # So does the Exit button.
    browser.go(site.url("/help"))
    browser.wait_until_styled()
    browser.click(".exit-button")
    leaves_for_the_exit_page(browser)


@pytest.mark.parametrize("mode", MODES)
def test_the_presenters_start_form_keys_blank_and_speaker_view(engine, sites, deck, mode):
    site = sites(mode)
    browser = engine
    browser.go(site.url(f"/present/{deck.id}"))
    browser.wait_until_styled()
    projector = browser.windows()[0]
    # Firefox from disk blocked this form with the copy's own policy (issue 27).
    browser.click(".card-choice button[type=submit]")
    browser.wait(shown("[data-slide=rules]"), what="the lesson's first slide")
    browser.wait_until_styled()
    browser.run("window.sameDocument = true")
    browser.press(PAGE_DOWN)
    browser.wait(shown("[data-slide=baseline]"), what="the next slide")
    assert browser.run("return window.sameDocument === true")
    browser.press("b")
    browser.wait("return !!document.querySelector('[data-blank]')", what="the blank screen")
    browser.press("b")
    browser.wait("return !document.querySelector('[data-blank]')", what="the slide again")
    # The speaker view, in a second window, moves the projection. Neither engine can tell
    # whether the screen is mirrored, so S asks first.
    browser.press("s")
    browser.wait(
        "return document.querySelector('[data-speaker-warning]').open",
        what="the mirrored-screen warning",
    )
    browser.click("[data-speaker-anyway]")
    (speaker,) = set(browser.wait_for_windows(2)) - {projector}
    browser.switch(speaker)
    browser.wait_until_styled()
    browser.wait(shown(".speaker-now [data-slide=baseline]"), what="the speaker view in step")
    browser.press(PAGE_DOWN)
    browser.switch(projector)
    browser.wait(shown("[data-slide='1']"), what="the projection moved by the speaker view")
    browser.switch(speaker)
    browser.run("window.close()")
    browser.switch(projector)
