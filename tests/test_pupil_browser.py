"""What a pupil does, in real Chromium: against the app served on 127.0.0.1, and against
the static copy over a file server and opened from disk."""

from __future__ import annotations

import re
import time
import weakref

import pytest
from playwright.sync_api import expect

from tests.browser import (
    EXIT_URL,
    STYLED,
    accessibility_nodes,
    axe_violations,
    focus_is_visible,
    follow,
    requests_sent,
    tab_stops,
    wait_until,
    wait_until_styled,
)
from tests.helpers import cards_that_differ, result_of, serve


def tab_to(page, name: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        # Its shown words: an open answer in the copy hides "True" and shows another.
        focused = page.evaluate("document.activeElement.innerText.trim()")
        if focused == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def control(page, name: str):
    """A True or False control: a button in the served app, a <summary> in the copy."""
    return page.get_by_role("button", name=name, exact=True).or_(
        page.locator("summary").filter(has=page.get_by_text(name, exact=True))
    )


def result(page):
    """The result the pupil sees after answering, wherever it is on the page."""
    return page.locator(".result-heading:visible")


def sends_the_answer(site, javascript: bool) -> bool:
    """Only the served app without JavaScript sends an answer anywhere: to itself."""
    return not site.static and not javascript


def play_through(page, site, deck, *, javascript: bool, keyboard: bool) -> None:
    """Answer every card, True and False in turn, and check each result and the end. With
    `keyboard`, every control is reached by Tab, shows the yellow focus, and is pressed
    with Enter; otherwise it is clicked."""

    def use(name: str, *, loads_a_page: bool) -> None:
        def act() -> None:
            if keyboard:
                tab_to(page, name)
                assert focus_is_visible(page), f"no visible focus on {name!r}"
                page.keyboard.press("Enter")
            else:
                page.get_by_role("link", name=name, exact=True).or_(control(page, name)).click()

        if loads_a_page:
            follow(page, act)
        else:
            act()

    posts = sends_the_answer(site, javascript)
    use("Start the quiz", loads_a_page=True)
    total = len(deck.cards)
    for number, card in enumerate(deck.cards, start=1):
        expect(page.locator(".progress")).to_have_text(f"Card {number} of {total}")
        expect(page.locator(".exit-button")).to_be_visible()
        expect(page.locator(".help-panel .contacts")).to_contain_text("0800 1111")
        said = number % 2 == 1
        with requests_sent(page) as sent:
            use("True" if said else "False", loads_a_page=posts)
            expect(result(page)).to_have_text(result_of(card, said))
        if posts:
            # The answer page's own stylesheet and script may come too, if the browser's
            # cache does not hold them.
            assert [url for url in sent if "/static/" not in url] == [
                site.url(f"/quiz/{deck.id}/{number}")
            ]
        else:
            assert sent == [], f"card {number}: answering sent {sent}"
        if javascript:
            # The result takes focus, so a screen reader reads it out.
            expect(result(page)).to_be_focused()
        elif posts:
            # The answer page opens at the result, and its title says it.
            assert page.url.endswith("#main")
            assert page.title().startswith(result_of(card, said))
        use("Finish" if number == total else "Next card", loads_a_page=True)
    expect(page).to_have_url(site.at(f"/quiz/{deck.id}/end"))
    expect(page.get_by_role("heading", level=1)).to_have_text(deck.end_heading)
    expect(page.get_by_role("heading", name="Where to get help")).to_be_visible()
    expect(page.locator(".help-panel")).to_contain_text("0800 1111")


RUNS = [
    # site, JavaScript, keyboard
    ("served", False, True),
    ("served", True, True),
    ("static over http", False, True),
    ("static over http", True, False),
    ("static from disk", False, False),
    ("static from disk", True, True),
]


@pytest.mark.parametrize(("where", "javascript", "keyboard"), RUNS)
def test_a_full_run_works_and_sends_no_answer_unless_served_without_javascript(
    open_page, sites, deck, where, javascript, keyboard
):
    site = sites(where)
    page = open_page("/", site=site, javascript=javascript)
    play_through(page, site, deck, javascript=javascript, keyboard=keyboard)


def slow_stylesheet(environ, start_response):
    """A page whose stylesheet comes a second late, as on a busy machine."""
    if environ["PATH_INFO"] == "/slow.css":
        time.sleep(1)
        start_response("200 OK", [("Content-Type", "text/css")])
        return [b":root { --text: #0b0c0c; }"]
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [b'<!doctype html><title>Slow</title><link rel="stylesheet" href="/slow.css">']


def test_a_page_with_javascript_off_is_waited_for_until_styled(browser):
    # A page with JavaScript off runs no timers: a wait polled by the page's own timers
    # checked it once and never again (the Back tests' rare 30 s timeout).
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve(slow_stylesheet) as url:
        page.goto(url, wait_until="commit")
        wait_until_styled(page)
        assert page.evaluate(STYLED)
    context.close()


def answer_card_three(page, site, deck, *, javascript: bool) -> None:
    page.goto(site.url(f"/quiz/{deck.id}/3"))
    said = control(page, "True")
    if sends_the_answer(site, javascript):
        follow(page, said.click)
    else:
        said.click()
    expect(result(page)).to_have_text(result_of(deck.cards[2], True))


def shows_the_answer_or_the_card_ready(page, deck, *, answer: bool) -> None:
    """After Back or refresh: never the browser's error page, but the answer as it was
    (`answer`), or the card, ready to answer."""
    wait_until_styled(page)
    expect(page.locator(".progress")).to_have_text(f"Card 3 of {len(deck.cards)}")
    if answer:
        expect(result(page)).to_have_text(result_of(deck.cards[2], True))
    else:
        expect(result(page)).to_have_count(0)
        expect(control(page, "True")).to_be_visible()


def back(page) -> None:
    # A page from the back-forward cache fires no load event: wait for the commit only.
    page.go_back(wait_until="commit")


# Where Back comes to the answer again. Everywhere else it comes to the card, ready to
# answer: a file opened from disk is never kept in the back-forward cache.
BACK_SHOWS_THE_ANSWER = {
    ("served", False): True,
    ("served", True): True,
    ("static over http", False): True,
    ("static over http", True): True,
    ("static from disk", False): False,
    ("static from disk", True): False,
}


def to_the_next_card(page) -> None:
    follow(page, page.get_by_role("link", name="Next card").click)


def to_get_help(page) -> None:
    follow(page, page.get_by_role("link", name="Get help", exact=True).click)
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help")


@pytest.mark.parametrize(("where", "javascript"), list(BACK_SHOWS_THE_ANSWER))
def test_back_after_answering_shows_the_answer_again(open_page, sites, deck, where, javascript):
    """Back from the next card, and Back from Get help, each after answering afresh (one
    tab for both: a whole browser's new tab costs more than the rest of the test)."""
    site = sites(where)
    page = open_page(None, site=site, javascript=javascript, whole_browser=True)
    for leave in (to_the_next_card, to_get_help):
        answer_card_three(page, site, deck, javascript=javascript)
        leave(page)
        back(page)
        shows_the_answer_or_the_card_ready(
            page, deck, answer=BACK_SHOWS_THE_ANSWER[where, javascript]
        )


@pytest.mark.parametrize(("where", "javascript"), list(BACK_SHOWS_THE_ANSWER))
def test_refresh_after_answering_never_shows_an_error(open_page, sites, deck, where, javascript):
    site = sites(where)
    page = open_page(None, site=site, javascript=javascript, whole_browser=True)
    answer_card_three(page, site, deck, javascript=javascript)
    page.reload()
    # Only an answer page sent by the served app comes back on refresh: the browser sends
    # the answer again (a real browser asks first). A page answered in place reloads as
    # the card.
    shows_the_answer_or_the_card_ready(page, deck, answer=sends_the_answer(site, javascript))


def test_back_to_a_card_the_browser_reloads_starts_at_its_top(open_page, sites, deck):
    # A page opened from disk is never kept for Back: it reloads, ready to answer, and must
    # not open scrolled to where the answer's Next card was, under the help panel.
    site = sites("static from disk")
    page = open_page(None, site=site, width=375, height=667, whole_browser=True)
    answer_card_three(page, site, deck, javascript=True)
    page.get_by_role("link", name="Next card").scroll_into_view_if_needed()
    to_the_next_card(page)
    back(page)
    shows_the_answer_or_the_card_ready(page, deck, answer=False)
    assert on_first_screen(page, page.locator(".progress"))


def test_help_leads_back_to_the_card_the_pupil_left(open_page, site, deck):
    page = open_page(f"/quiz/{deck.id}/3", site=site)
    follow(page, page.get_by_role("link", name="Get help", exact=True).click)
    follow(page, page.get_by_role("link", name="Back to the quiz (card 3)").click)
    expect(page).to_have_url(site.at(f"/quiz/{deck.id}/3"))
    expect(control(page, "True")).to_be_visible()


def on_first_screen(page, locator) -> bool:
    """Whether all of an element is inside the viewport as the page now stands."""
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def first_line_on_first_screen(page, locator) -> bool:
    """Whether the first line of a block of text is inside the viewport."""
    top, line = locator.evaluate(
        "e => [e.getBoundingClientRect().top, parseFloat(getComputedStyle(e).lineHeight)]"
    )
    return top >= 0 and top + line <= page.viewport_size["height"]


PHONES = [(375, 667), (320, 568)]
# The sizes where every card's first-screen rules are checked: portrait phones, a phone
# held sideways, and a phone with the browser's text size at 200 % (its default font
# size 32 px, set as the browser's own setting is, not by the page's styles).
SCREENS = [(375, 667, 16), (320, 568, 16), (667, 375, 16), (375, 667, 32)]
LARGE_TEXT = 32


# Each tab's DevTools session, kept while the tab is open: opening one for each of this
# file's 300 changes of screen took about half of each change's CPU time.
DEVTOOLS = weakref.WeakKeyDictionary()


def set_screen(page, width: int, height: int, font_size: int) -> None:
    """The viewport, and the browser's default font size (Chromium's own text-size
    setting, through the DevTools protocol)."""
    page.set_viewport_size({"width": width, "height": height})
    if page not in DEVTOOLS:
        DEVTOOLS[page] = page.context.new_cdp_session(page)
    DEVTOOLS[page].send(
        "Page.setFontSizes", {"fontSizes": {"standard": font_size, "fixed": font_size - 3}}
    )
    # Pages with JavaScript off too: see wait_until.
    wait_until(
        page,
        f"() => getComputedStyle(document.documentElement).fontSize === '{font_size}px'",
        f"took {font_size} px text",
    )


# The words shown in the main part of the page that a line break splits inside: each
# word's boxes must all sit on one line. A word with a hyphen or dash in it may break there.
WORDS_SPLIT = """() => {
  const split = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    // Not what a closed <details> holds, which Chromium lays out but does not show.
    if (!text.parentElement.checkVisibility()) continue;
    for (const word of text.data.matchAll(/[^\\s\\-\u2010-\u2014\\/]+/g)) {
      const range = document.createRange();
      range.setStart(text, word.index);
      range.setEnd(text, word.index + word[0].length);
      const lines = new Set([...range.getClientRects()].filter(box => box.width > 0)
        .map(box => Math.round(box.bottom)));
      if (lines.size > 1) split.push(word[0]);
    }
  }
  return split;
}"""


def words_split(page) -> list[str]:
    return page.evaluate(WORDS_SPLIT)


def first_screen_problems(page, screens, what: str, *locators) -> list[str]:
    """At each screen in turn, on the page as it stands, what is not on the first screen:
    whole elements, or a block's first line (a `.fact`)."""
    problems = []
    for width, height, font_size in screens:
        set_screen(page, width, height, font_size)
        for locator in locators:
            shown = (
                first_line_on_first_screen(page, locator)
                if "fact" in (locator.get_attribute("class") or "")
                else on_first_screen(page, locator)
            )
            if not shown:
                problems.append(f"{what} at {width}x{height}, {font_size} px text")
        if width == 320 or font_size == LARGE_TEXT:
            problems += [f"{what}: {word!r} split at {width} px" for word in words_split(page)]
    return problems


def large_text_problems(page, what: str, *locators) -> list[str]:
    """With 200 % text, where the words cannot all fit the first screen: the header
    scrolls away with the page, all but Exit this page, which stays (see
    test_with_large_text_exit_can_be_pressed_at_every_scroll_position), and True and
    False share a row, or (once answered) the result is whole on the first screen."""
    set_screen(page, 375, 667, LARGE_TEXT)
    problems = [f"{what}: {word!r} split at 200 % text" for word in words_split(page)]
    positions = [
        page.locator(selector).evaluate("e => getComputedStyle(e).position")
        for selector in (".site-header", ".exit-button")
    ]
    if positions != ["static", "fixed"]:
        problems.append(f"{what}: header and Exit {positions} with 200 % text")
    tops = {round(locator.bounding_box()["y"]) for locator in locators}
    if len(locators) == 2 and len(tops) > 1:
        problems.append(f"{what}: True and False on two rows with 200 % text")
    if len(locators) == 1 and not on_first_screen(page, locators[0]):
        problems.append(f"{what}: off the first screen with 200 % text")
    return problems


# Where a phone's layout is checked: JavaScript changes what an answer page is, and the
# copy from disk is the same files as over HTTP.
ON_A_PHONE = pytest.mark.parametrize(
    ("where", "javascript"),
    [("served", True), ("served", False), ("static from disk", False)],
    ids=["js", "no-js", "copy without js"],
)


@ON_A_PHONE
def test_on_a_phone_each_kind_of_card_and_its_answer_start_on_the_first_screen(
    open_page, sites, deck, where, javascript
):
    """True and False wholly on the first screen of a card; after answering, the result
    and the first line of the fact on the screen the pupil lands on. At 375x667, 320x568
    and 667x375 (a phone held sideways); with 200 % text, as far as the words allow (see
    the README's figures). No word breaks inside at 320 px or 200 % text. On each card
    whose page differs in kind or length (cards_that_differ)."""
    site = sites(where)
    page = open_page(None, site=site, javascript=javascript, width=375, height=667)
    problems = []
    for number in cards_that_differ(deck):
        set_screen(page, 375, 667, 16)
        page.goto(site.url(f"/quiz/{deck.id}/{number}"))
        wait_until_styled(page)
        answers = (control(page, "True"), control(page, "False"))
        problems += first_screen_problems(
            page, SCREENS[:3], f"card {number}: True or False", *answers
        )
        problems += large_text_problems(page, f"card {number}", *answers)
        set_screen(page, 375, 667, 16)
        said = control(page, "True" if number % 2 else "False")
        if sends_the_answer(site, javascript):
            follow(page, said.click)
        else:
            said.click()
        expect(result(page)).to_be_visible()
        problems += large_text_problems(page, f"card {number}: the result", result(page))
        problems += first_screen_problems(
            page,
            SCREENS[2::-1],
            f"card {number}: the result or the fact",
            result(page),
            page.locator(".fact:visible"),
        )
    assert problems == []


@pytest.mark.parametrize(("width", "height"), PHONES)
def test_on_a_phone_start_the_quiz_is_on_the_first_screen(open_page, width, height):
    page = open_page("/", width=width, height=height)
    wait_until_styled(page)
    assert on_first_screen(page, page.get_by_role("link", name="Start the quiz"))


@pytest.mark.parametrize(("width", "height"), PHONES)
def test_on_a_phone_home_help_and_exit_share_one_row_and_exit_stays_44_px_high(
    open_page, deck, width, height
):
    page = open_page(f"/quiz/{deck.id}/1", width=width, height=height)
    wait_until_styled(page)
    boxes = [
        page.locator(selector).bounding_box()
        for selector in (".site-name", ".header-help", ".exit-button")
    ]
    middles = {round(box["y"] + box["height"] / 2) for box in boxes}
    assert max(middles) - min(middles) <= 2, boxes
    assert boxes[2]["height"] >= 44
    assert boxes[2]["x"] + boxes[2]["width"] <= width


def test_the_result_shows_a_focus_ring_to_keyboard_users_only(open_page, deck):
    page = open_page(f"/quiz/{deck.id}/1")
    control(page, "True").click()
    expect(result(page)).to_be_focused()
    assert result(page).evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    page.goto(f"/quiz/{deck.id}/1")
    wait_until_styled(page)
    tab_to(page, "True")
    page.keyboard.press("Enter")
    expect(result(page)).to_be_focused()
    assert result(page).evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


def test_without_javascript_the_answer_opens_at_the_result_with_no_ring_and_tab_goes_on(
    open_page, deck
):
    page = open_page(f"/quiz/{deck.id}/4", javascript=False)
    wait_until_styled(page)
    tab_to(page, "True")
    follow(page, lambda: page.keyboard.press("Enter"))
    # Nothing rings the result (a page just loaded cannot tell a keyboard from a tap), but
    # the page starts at it: the next Tab goes to Next card.
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    assert result(page).evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Next card", exact=True)).to_be_focused()


def pages_to_check(deck, site):
    """Every kind of page a pupil can meet on a site, as (name, how to get there)."""

    def go(path):
        return lambda page: page.goto(site.url(path))

    def answered_in_place(page):
        page.goto(site.url(f"/quiz/{deck.id}/1"))
        control(page, "True").click()
        expect(result(page)).to_have_text(result_of(deck.cards[0], True))

    pages = [
        ("home", go("/")),
        ("help", go("/help")),
        ("help from a card", go(f"/quiz/{deck.id}/2/help")),
        ("use a private window", go("/help/private")),
        ("about", go("/about")),
        ("card", go(f"/quiz/{deck.id}/1")),
        ("answered in place", answered_in_place),
        ("end", go(f"/quiz/{deck.id}/end")),
    ]
    if site.static:

        def opened_without_script(page):
            page.goto(site.url(f"/quiz/{deck.id}/1"))
            page.locator(".answer-choice:has([data-answer=false])").evaluate(
                "choice => choice.open = true"
            )
            expect(result(page)).to_have_text(result_of(deck.cards[0], False))

        pages.append(("answered without script", opened_without_script))
        if site.kind == "static over http":
            # From disk no host answers a missing file with 404.html.
            pages.append(("not found", go("/404.html")))
        return pages

    def sent(form: dict[str, str], heading: str, to: str = f"/quiz/{deck.id}/1"):
        """A form sent by hand, as a tampered or broken browser might."""

        def visit(page):
            page.goto(site.url(f"/quiz/{deck.id}/1"))
            page.evaluate(
                """([form, to]) => {
                    const sheet = document.createElement('form');
                    sheet.method = 'post';
                    sheet.action = to;
                    for (const [name, value] of Object.entries(form)) {
                        const field = document.createElement('input');
                        field.name = name;
                        field.value = value;
                        sheet.append(field);
                    }
                    document.body.append(sheet);
                    HTMLFormElement.prototype.submit.call(sheet);
                }""",
                [form, to],
            )
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)

        return visit

    return [
        *pages,
        ("answer page", sent({"answer": "false"}, result_of(deck.cards[0], False))),
        ("not found", go("/no-such-page")),
        ("bad answer", sent({"answer": "maybe"}, "That answer did not come through")),
        ("too big", sent({"answer": "true", "x": "1" * 5000}, "That was too much to send")),
        ("wrong method", sent({}, "That page cannot be used like that", f"/quiz/{deck.id}/end")),
    ]


# The copy opened from disk is the same files as the copy over a file server: the same
# markup, styles and scripts, so the same tab stops, axe results, reflow and closing cover.
# What differs from disk (file links, no back-forward cache) the full runs, Back, help and
# exit tests cover there.
OVER_HTTP = ["served", "static over http"]


@pytest.mark.parametrize("where", OVER_HTTP)
def test_every_tab_stop_on_every_page_shows_the_yellow_focus_style(open_page, sites, deck, where):
    site = sites(where)
    page = open_page(None, site=site)
    hidden = []
    for name, visit in pages_to_check(deck, site):
        visit(page)
        wait_until_styled(page)
        stops = tab_stops(page)
        hidden += [f"{name}: {stop}" for stop, visible in stops if not visible]
        assert len(stops) >= 3, f"{name}: Tab reached only {stops}"
        # Exit this page first, then the skip link, on every page (but where answering
        # has put focus on the result, and Tab goes on from there).
        if name == "answered in place":
            continue
        assert stops[0][0].startswith('<a class="exit-button"'), f"{name}: {stops[0]}"
        assert stops[1][0].startswith('<a class="skip-link"'), f"{name}: {stops[1]}"
    assert not hidden, "\n".join(hidden)


@pytest.mark.parametrize("where", OVER_HTTP)
def test_axe_finds_no_violation_on_any_page(open_page, sites, deck, where):
    site = sites(where)
    # axe runs as a script in the page, so JavaScript is on; the copy's answer without
    # JavaScript (an open <details>) is one of the pages.
    page = open_page(None, site=site)
    reports = []
    for name, visit in pages_to_check(deck, site):
        visit(page)
        report = axe_violations(page)
        if report:
            reports.append(f"--- {name}\n{report}")
    assert not reports, "\n".join(reports)


@pytest.mark.parametrize("where", OVER_HTTP)
def test_every_page_reflows_at_320_px_without_horizontal_scroll(open_page, sites, deck, where):
    site = sites(where)
    page = open_page(None, site=site, width=320, height=640)
    for name, visit in pages_to_check(deck, site):
        visit(page)
        wait_until_styled(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{name} is {width}px wide"


def test_buttons_are_at_least_44_px_square(open_page, site, deck):
    page = open_page(f"/quiz/{deck.id}/1", site=site, width=320, height=640)
    wait_until_styled(page)
    for target in [".exit-button", ".answer-buttons .button", ".site-name", ".header-help"]:
        for box in [element.bounding_box() for element in page.locator(target).all()]:
            assert box["width"] >= 44 and box["height"] >= 44, target


# Each shown link that is all of its line, or a help contact's action: not a link inside a
# sentence.
LINKS_ON_THEIR_OWN = """[...document.querySelectorAll("main a, aside a, footer a")].filter(link => {
  const line = link.parentElement;
  const alone = line.textContent.trim() === link.textContent.trim();
  return (alone || line.classList.contains("contact")) && link.getClientRects().length > 0;
}).map(link => [link.textContent.trim(), link.getBoundingClientRect().height])"""


def test_links_on_a_line_of_their_own_are_as_tall_as_the_buttons(open_page, deck):
    page = open_page(None, width=320, height=568)
    short = []
    for path in ["/", f"/quiz/{deck.id}/1", f"/quiz/{deck.id}/1/help", f"/quiz/{deck.id}/end"]:
        page.goto(path)
        wait_until_styled(page)
        links = page.evaluate(LINKS_ON_THEIR_OWN)
        assert any(name.startswith("Report to CEOP") for name, _ in links), path
        assert "Or chat online" in [name for name, _ in links], path
        short += [f"{path}: {name} ({height:.0f} px)" for name, height in links if height < 44]
    assert short == []


@pytest.mark.parametrize("text_size", ["130%", "200%"])
def test_with_large_text_on_a_phone_exit_moves_to_its_own_row_not_off_screen(
    open_page, deck, text_size
):
    page = open_page(f"/quiz/{deck.id}/1", width=375, height=667)
    wait_until_styled(page)
    # As a phone's text size setting does: the text grows, the screen does not.
    page.evaluate(f"document.documentElement.style.fontSize = '{text_size}'")
    box = page.locator(".exit-button").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_exit_button_stays_on_screen_while_scrolling(open_page):
    page = open_page("/help", width=375, height=600)
    page.mouse.wheel(0, 5000)
    page.wait_for_function("window.scrollY > 0")
    box = page.locator(".exit-button").bounding_box()
    assert 0 <= box["y"] < 600


# Scrolls to a place on the page (0 the top, 1 the end), then whether Exit this page is
# wholly on screen and is what a tap at its centre meets, over whatever scrolled under it.
EXIT_PRESSABLE_AT = """place => {
  scrollTo(0, place * (document.documentElement.scrollHeight - innerHeight));
  const box = document.querySelector(".exit-button").getBoundingClientRect();
  const onScreen = box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight
    && box.right <= innerWidth;
  const met = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return onScreen && Boolean(met && met.closest(".exit-button"));
}"""


@ON_A_PHONE
def test_with_large_text_exit_can_be_pressed_at_every_scroll_position(
    open_page, sites, deck, where, javascript
):
    """With 200 % text, upright (375x667) and held sideways (667x375), the header scrolls
    away but Exit this page stays: on screen and on top, in the middle and at the end of
    the help page (many screens tall) and of the answer with the longest fact. Pressed
    there, it leaves."""
    site = sites(where)
    page = open_page(None, site=site, javascript=javascript)
    longest = max(range(1, len(deck.cards) + 1), key=lambda n: len(deck.cards[n - 1].fact))

    def help_page():
        page.goto(site.url("/help"))
        wait_until_styled(page)

    def answer():
        page.goto(site.url(f"/quiz/{deck.id}/{longest}"))
        wait_until_styled(page)
        if sends_the_answer(site, javascript):
            follow(page, control(page, "False").click)
        else:
            control(page, "False").click()
        expect(result(page)).to_be_visible()

    missed = []
    for width, height in [(667, 375), (375, 667)]:
        for name, load in [("help", help_page), ("answer", answer)]:
            load()
            set_screen(page, width, height, LARGE_TEXT)
            missed += [
                f"{name} at {width}x{height}, scrolled {place:.0%}"
                for place in (0, 0.5, 1)
                if not page.evaluate(EXIT_PRESSABLE_AT, place)
            ]
    assert missed == []
    box = page.locator(".exit-button").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(EXIT_URL)


def test_quick_exit_button_leaves_and_back_does_not_return(open_page, site, deck):
    page = open_page("/", site=site)
    follow(page, page.get_by_role("link", name="Start the quiz").click)
    page.get_by_role("link", name="Emergency Exit this page").click()
    expect(page).to_have_url(EXIT_URL)
    page.go_back()
    # location.replace took the card page out of history, so Back skips it.
    expect(page).not_to_have_url(site.at(f"/quiz/{deck.id}/1"))


def test_quick_exit_by_pressing_shift_three_times(open_page, site, deck):
    page = open_page(f"/quiz/{deck.id}/1", site=site)
    wait_until_styled(page)
    page.keyboard.press("Shift")
    expect(page.locator("[data-exit-status]")).to_have_text("Shift, press 2 more times to exit.")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    expect(page).to_have_url(EXIT_URL)


def test_another_key_between_shift_presses_does_not_exit(open_page, deck):
    page = open_page(f"/quiz/{deck.id}/1")
    wait_until_styled(page)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    expect(page.locator("[data-exit-status]")).to_have_text("Shift, press 2 more times to exit.")
    assert page.url.endswith(f"/quiz/{deck.id}/1")


def test_quick_exit_works_without_javascript(open_page, site):
    page = open_page("/help", site=site, javascript=False)
    page.get_by_role("link", name="Emergency Exit this page").click()
    expect(page).to_have_url(EXIT_URL)


def test_leave_this_site_on_the_home_page_also_skips_history(open_page):
    page = open_page("/help")
    follow(page, lambda: page.goto("/"))
    page.get_by_role("link", name="Leave this site").click()
    expect(page).to_have_url(EXIT_URL)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/help$"))


def test_escape_never_exits_because_clickers_send_it(open_page, deck):
    page = open_page(f"/quiz/{deck.id}/1")
    wait_until_styled(page)
    for _ in range(3):
        page.keyboard.press("Escape")
    # The exit script handles keys in order: once it has counted the Shift pressed after
    # the Escapes, it has seen them all. Leaving covers the page at once, before the
    # address changes, so no cover means it never started to leave.
    page.keyboard.press("Shift")
    expect(page.locator("[data-exit-status]")).to_have_text("Shift, press 2 more times to exit.")
    expect(page.locator(".exit-overlay")).to_have_count(0)
    assert page.url.endswith(f"/quiz/{deck.id}/1")


def names_in_the_accessibility_tree(page) -> list[str]:
    """Every name Chromium's accessibility tree offers a screen reader, but the page's
    own (its title)."""
    return [
        node["name"]["value"]
        for node in accessibility_nodes(page)
        if node.get("role", {}).get("value") != "RootWebArea" and node.get("name", {}).get("value")
    ]


@pytest.mark.parametrize("where", OVER_HTTP)
def test_once_leaving_starts_only_the_closing_cover_is_left_to_read_or_tab_to(
    open_page, sites, deck, where
):
    site = sites(where)
    page = open_page(None, site=site)
    # The next site answers "204 No Content", so the browser stays on the page as it was
    # left, as it does while a slow network brings the next site.
    page.route(f"{EXIT_URL}**", lambda route: route.fulfill(status=204))
    left = []
    for index, (name, visit) in enumerate(pages_to_check(deck, site)):
        visit(page)
        wait_until_styled(page)
        assert len(names_in_the_accessibility_tree(page)) > 20, name
        if index % 2:
            for _ in range(3):
                page.keyboard.press("Shift")
        else:
            # By keyboard, so that focus starts on the button.
            page.locator(".exit-button").focus()
            page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('[role=alert]')")
        cover = page.evaluate(
            """() => {
                const cover = document.querySelector('[role=alert]');
                const box = cover.getBoundingClientRect();
                return [cover.textContent, box.top, box.height, innerHeight];
            }"""
        )
        assert cover[:2] == ["Closing this page.", 0] and cover[2] == cover[3], cover
        names = set(names_in_the_accessibility_tree(page))
        reached = []
        for _ in range(3):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.outerHTML.slice(0, 40)"))
        reached = [stop for stop in reached if not stop.startswith("<body")]
        if names != {"Closing this page."} or reached:
            left.append(f"{name}: still read {sorted(names)[:5]}, Tab reached {reached}")
    assert left == []


@pytest.mark.parametrize("path", ["/", "/quiz/{deck}/1"], ids=["home", "first card"])
def test_before_starting_a_pupil_reads_what_back_shows_and_finds_the_private_window_steps(
    open_page, site, deck, path
):
    page = open_page(path.format(deck=deck.id), site=site)
    line = page.locator(".shared-device")
    problems = []
    for width, height, font_size in SCREENS:
        set_screen(page, width, height, font_size)
        box = line.bounding_box()
        if box is None or box["x"] < 0 or box["x"] + box["width"] > width:
            problems.append(f"{width}x{height}, {font_size} px text: {box}")
    assert problems == []
    expect(line).to_contain_text("Back and the history still show this quiz")
    set_screen(page, 1280, 800, 16)
    follow(page, line.get_by_role("link", name="Use a private window").click)
    expect(page).to_have_url(site.at("/help/private"))
    for browser in ["Chrome", "Safari on iPhone", "Samsung Internet", "Edge"]:
        expect(page.get_by_role("heading", name=browser, exact=True)).to_be_visible()
    expect(page.locator("main")).to_contain_text("a school, college or work network may")


def test_the_copy_s_open_answer_reads_as_the_pupil_s_choice_and_offers_to_change_it(
    open_page, sites, deck
):
    page = open_page(f"/quiz/{deck.id}/1", site=sites("static from disk"), javascript=False)
    wait_until_styled(page)

    def choices() -> list[str]:
        """The answer controls (<summary>) as a screen reader names them."""
        return [
            node["name"]["value"]
            for node in accessibility_nodes(page)
            if node["role"]["value"] == "DisclosureTriangle"
        ]

    assert choices() == ["True", "False"]
    control(page, "True").click()
    assert choices() == ["Change my answer"]
    assert page.locator("summary:visible").inner_text() == "Change my answer"
    expect(result(page)).to_have_text(result_of(deck.cards[0], True))
    page.locator("summary:visible").click()
    assert choices() == ["True", "False"]
    expect(result(page)).to_have_count(0)


def test_exit_is_the_first_tab_stop_and_the_skip_link_lands_on_the_question(open_page, site, deck):
    page = open_page(f"/quiz/{deck.id}/5", site=site)
    wait_until_styled(page)
    page.keyboard.press("Tab")
    expect(page.locator(".exit-button")).to_be_focused()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the question")
    expect(skip).to_be_focused()
    assert on_first_screen(page, skip)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # Three Tabs to True, where there were five.
    expect(control(page, "True")).to_be_focused()


def test_childline_chat_prints_its_address_beside_it_on_the_handout(open_page, deck):
    page = open_page(f"/handout/{deck.id}")
    wait_until_styled(page)
    page.emulate_media(media="print")
    chat = page.locator(".contact").get_by_role("link", name="Or chat online")
    printed = chat.evaluate("link => getComputedStyle(link, '::after').content")
    assert printed == f'"{chat.get_attribute("href")}"'


def test_the_result_icon_grows_with_the_text(open_page, deck):
    page = open_page(f"/quiz/{deck.id}/1")
    control(page, "True").click()
    sizes = []
    for font_size in (16, LARGE_TEXT):
        set_screen(page, 1280, 800, font_size)
        sizes.append(
            result(page).evaluate(
                "e => [parseFloat(getComputedStyle(e, '::before').height),"
                " parseFloat(getComputedStyle(e).fontSize)]"
            )
        )
    (small_icon, small_text), (large_icon, large_text) = sizes
    assert large_text > small_text
    assert large_icon / small_icon == pytest.approx(large_text / small_text, rel=0.05)
