"""What a pupil does, in real Chromium: against the app served on 127.0.0.1, and against
the static copy over a file server and opened from disk."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import EXIT_URL, axe_violations, follow, wait_until_styled
from tests.test_http import result_of


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


def control(page, name: str):
    """A True or False control: a button in the served app, a <summary> in the copy."""
    return page.get_by_role("button", name=name, exact=True).or_(
        page.locator("summary").get_by_text(name, exact=True)
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
        sent: list[str] = []
        listener = lambda request: sent.append(request.url)  # noqa: E731
        page.on("request", listener)
        use("True" if said else "False", loads_a_page=posts)
        expect(result(page)).to_have_text(result_of(card, said))
        page.remove_listener("request", listener)
        if posts:
            # The answer page's own stylesheet and script may come too (routing in the
            # test turns the browser's cache off).
            assert [url for url in sent if "/static/" not in url] == [
                site.url(f"/quiz/{deck.id}/{number}")
            ]
        else:
            assert sent == [], f"card {number}: answering sent {sent}"
        if javascript or posts:
            # The result takes focus, so a screen reader reads it out.
            expect(result(page)).to_be_focused()
        use("Finish" if number == total else "Next card", loads_a_page=True)
    expect(page).to_have_url(site.at(f"/quiz/{deck.id}/end"))
    expect(page.get_by_role("heading", level=1)).to_have_text(deck.end_heading)
    expect(page.get_by_role("heading", name="Where to get help")).to_be_visible()
    expect(page.locator(".help-panel")).to_contain_text("0800 1111")


RUNS = [
    # site, JavaScript, keyboard
    ("served", False, True),
    ("served", True, True),
    ("served", True, False),
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


@pytest.mark.parametrize(("where", "javascript"), list(BACK_SHOWS_THE_ANSWER))
def test_back_from_the_next_card_shows_the_answer_again(open_page, sites, deck, where, javascript):
    site = sites(where)
    page = open_page(None, site=site, javascript=javascript, routed=False)
    answer_card_three(page, site, deck, javascript=javascript)
    follow(page, page.get_by_role("link", name="Next card").click)
    back(page)
    shows_the_answer_or_the_card_ready(page, deck, answer=BACK_SHOWS_THE_ANSWER[where, javascript])


@pytest.mark.parametrize(("where", "javascript"), list(BACK_SHOWS_THE_ANSWER))
def test_get_help_then_back_shows_the_answer_again(open_page, sites, deck, where, javascript):
    site = sites(where)
    page = open_page(None, site=site, javascript=javascript, routed=False)
    answer_card_three(page, site, deck, javascript=javascript)
    follow(page, page.get_by_role("link", name="Get help", exact=True).click)
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help")
    back(page)
    shows_the_answer_or_the_card_ready(page, deck, answer=BACK_SHOWS_THE_ANSWER[where, javascript])


@pytest.mark.parametrize(("where", "javascript"), list(BACK_SHOWS_THE_ANSWER))
def test_refresh_after_answering_never_shows_an_error(open_page, sites, deck, where, javascript):
    site = sites(where)
    page = open_page(None, site=site, javascript=javascript, routed=False)
    answer_card_three(page, site, deck, javascript=javascript)
    page.reload()
    # Only an answer page sent by the served app comes back on refresh: the browser sends
    # the answer again (a real browser asks first). A page answered in place reloads as
    # the card.
    shows_the_answer_or_the_card_ready(page, deck, answer=sends_the_answer(site, javascript))


def test_help_leads_back_to_the_card_the_pupil_left(open_page, site, deck):
    page = open_page(f"/quiz/{deck.id}/3", site=site)
    follow(page, page.get_by_role("link", name="Get help", exact=True).click)
    follow(page, page.get_by_role("link", name="Back to the quiz (card 3)").click)
    expect(page).to_have_url(site.at(f"/quiz/{deck.id}/3"))
    expect(control(page, "True")).to_be_visible()


def test_axe_finds_no_violation_on_the_about_page(open_page):
    page = open_page("/about")
    wait_until_styled(page)
    assert axe_violations(page) == ""
