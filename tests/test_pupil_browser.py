"""What a pupil does, in real Chromium against the app served on 127.0.0.1."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser import EXIT_URL, axe_violations
from tests.test_http import verdict_of


def tab_to(page, name: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if focused == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


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


def play_through(page, deck, *, javascript: bool, keyboard: bool) -> None:
    """Answer every card, True and False in turn, and check each reveal and the end.
    With `keyboard`, every control is reached by Tab, shows the yellow focus, and is
    pressed with Enter; otherwise it is clicked."""

    def use(role: str, name: str) -> None:
        if keyboard:
            tab_to(page, name)
            assert focus_is_visible(page), f"no visible focus on {name!r}"
            page.keyboard.press("Enter")
        else:
            page.get_by_role(role, name=name, exact=True).click()

    use("link", "Start the quiz")
    total = len(deck.cards)
    for number, card in enumerate(deck.cards, start=1):
        expect(page.get_by_text(f"Card {number} of {total}")).to_be_visible()
        said = "True" if number % 2 else "False"
        use("button", said)
        expect(page.get_by_role("heading", level=1)).to_have_text(verdict_of(card))
        expect(page.get_by_text(f"You said {said}.")).to_be_visible()
        if javascript:
            # The verdict takes focus as the page loads, so a screen reader reads it out.
            expect(page.locator(".verdict")).to_be_focused()
        use("link", "Finish" if number == total else "Next card")
    expect(page).to_have_url(re.compile(rf"/quiz/{deck.id}/end$"))
    expect(page.get_by_role("heading", name="Where to get help")).to_be_visible()
    expect(page.locator(".help-panel")).to_contain_text("0800 1111")


# Three full runs between them cover JavaScript off and on, and mouse and keyboard.
def test_full_run_by_keyboard_alone_with_javascript_off(open_page, deck):
    play_through(open_page("/", javascript=False), deck, javascript=False, keyboard=True)


def test_full_run_by_keyboard_alone_with_javascript_on(open_page, deck):
    play_through(open_page("/"), deck, javascript=True, keyboard=True)


def test_full_run_by_mouse_with_javascript_on(open_page, deck):
    play_through(open_page("/"), deck, javascript=True, keyboard=False)


def test_revealed_answer_takes_focus_and_its_url_holds_no_answer(open_page, deck):
    page = open_page(f"/quiz/{deck.id}/1")
    page.get_by_role("button", name="False", exact=True).click()
    expect(page.locator(".verdict")).to_be_focused()
    assert page.url.endswith(f"/quiz/{deck.id}/reveal")


def test_a_late_script_never_takes_focus_back_from_a_keyboard_user(open_page, deck):
    # On a slow school network the script can arrive after the pupil has tabbed on.
    page = open_page(f"/quiz/{deck.id}/1")
    held = []
    page.route("**/quiz.js", lambda route: held.append(route))
    page.get_by_role("button", name="True", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(verdict_of(deck.cards[0]))
    tab_to(page, "Next card")
    assert held, "the script was never held back"
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    expect(page.get_by_role("link", name="Next card", exact=True)).to_be_focused()


def pages_to_check(deck):
    """Every kind of page a pupil can meet, as (name, how to get there)."""

    def reveal(page):
        page.goto(f"/quiz/{deck.id}/1")
        page.get_by_role("button", name="True", exact=True).click()
        page.locator(".verdict").wait_for()

    def tampered(page):
        page.goto(f"/quiz/{deck.id}/1")
        page.eval_on_selector("input[name=card]", "input => input.value = '999'")
        page.get_by_role("button", name="True", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "That answer did not come through"
        )

    def too_big(page):
        page.goto(f"/quiz/{deck.id}/1")
        page.eval_on_selector("input[name=card]", "input => input.value = '1'.repeat(5000)")
        page.get_by_role("button", name="True", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("That was too much to send")

    return [
        ("home", lambda page: page.goto("/")),
        ("help", lambda page: page.goto("/help")),
        ("card", lambda page: page.goto(f"/quiz/{deck.id}/1")),
        ("reveal", reveal),
        ("end", lambda page: page.goto(f"/quiz/{deck.id}/end")),
        ("not found", lambda page: page.goto("/no-such-page")),
        ("bad answer", tampered),
        ("wrong method", lambda page: page.goto(f"/quiz/{deck.id}/reveal")),
        ("too big", too_big),
    ]


def test_every_tab_stop_on_every_page_shows_the_yellow_focus_style(open_page, deck):
    page = open_page(None)
    hidden = []
    classroom = [
        (path, lambda page, path=path: page.goto(path))
        for path in (f"/present/{deck.id}/1/answer", f"/teacher/{deck.id}", f"/handout/{deck.id}")
    ]
    for name, visit in pages_to_check(deck) + classroom:
        visit(page)
        page.evaluate("document.activeElement.blur()")
        stops = []
        for _ in range(40):
            page.keyboard.press("Tab")
            # Each stop is marked as it is reached, so the walk ends when focus comes
            # round to the first again (or leaves the page), even if two look alike.
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
            stops.append(stop)
            if not focus_is_visible(page):
                hidden.append(f"{name}: {stop}")
        assert len(stops) >= 3, f"{name}: Tab reached only {stops}"
    assert not hidden, "\n".join(hidden)


def test_axe_finds_no_violation_on_any_page(open_page, deck):
    page = open_page(None)
    reports = []
    for name, visit in pages_to_check(deck):
        visit(page)
        report = axe_violations(page)
        if report:
            reports.append(f"--- {name}\n{report}")
    assert not reports, "\n".join(reports)


def test_every_page_reflows_at_320_px_without_horizontal_scroll(open_page, deck):
    page = open_page(None, width=320, height=640)
    for name, visit in pages_to_check(deck):
        visit(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{name} is {width}px wide"


def test_buttons_are_at_least_44_px_square(open_page, deck):
    page = open_page(f"/quiz/{deck.id}/1", width=320, height=640)
    for target in [".exit-button", ".answer-buttons .button"]:
        for box in [element.bounding_box() for element in page.locator(target).all()]:
            assert box["width"] >= 44 and box["height"] >= 44, target


def test_exit_button_stays_on_screen_while_scrolling(open_page):
    page = open_page("/help", width=375, height=600)
    page.mouse.wheel(0, 5000)
    page.wait_for_function("window.scrollY > 0")
    box = page.locator(".exit-button").bounding_box()
    assert 0 <= box["y"] < 600


def test_quick_exit_button_leaves_and_back_does_not_return(open_page, deck):
    page = open_page("/")
    page.get_by_role("link", name="Start the quiz").click()
    expect(page).to_have_url(re.compile(rf"/quiz/{deck.id}/1$"))
    page.get_by_role("link", name="Emergency Exit this page").click()
    expect(page).to_have_url(EXIT_URL)
    page.go_back()
    # location.replace took the card page out of history, so Back skips it.
    expect(page).not_to_have_url(re.compile(rf"/quiz/{deck.id}/1$"))


def test_quick_exit_by_pressing_shift_three_times(open_page, deck):
    page = open_page(f"/quiz/{deck.id}/1")
    page.keyboard.press("Shift")
    expect(page.locator("[data-exit-status]")).to_have_text("Shift, press 2 more times to exit.")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    expect(page).to_have_url(EXIT_URL)


def test_another_key_between_shift_presses_does_not_exit(open_page, deck):
    page = open_page(f"/quiz/{deck.id}/1")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    expect(page.locator("[data-exit-status]")).to_have_text("Shift, press 2 more times to exit.")
    assert page.url.endswith(f"/quiz/{deck.id}/1")


def test_quick_exit_works_without_javascript(open_page):
    page = open_page("/help", javascript=False)
    page.get_by_role("link", name="Emergency Exit this page").click()
    expect(page).to_have_url(EXIT_URL)


def test_leave_this_site_on_the_home_page_also_skips_history(open_page):
    page = open_page("/help")
    page.goto("/")
    page.get_by_role("link", name="Leave this site").click()
    expect(page).to_have_url(EXIT_URL)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/help$"))


def test_escape_never_exits_because_clickers_send_it(open_page, deck):
    page = open_page(f"/quiz/{deck.id}/1")
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.endswith(f"/quiz/{deck.id}/1")
