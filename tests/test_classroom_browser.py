"""A teacher running the lesson in real Chromium: projecting at 1024x768 and 1280x720 with
clicker keys, a speaker view in a second window, a chosen set of cards, and printing the
notes and handout.

Tests go through the app's paths (/present/video-chat/3) and check addresses only with
`expect_address`, so that the same tests can run against the static copy through a
fixture that maps paths to its files."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess

import pytest
from playwright.sync_api import expect

from quiz import create_app
from tests.browser import axe_violations, tab_stops, wait_until_styled
from tests.helpers import cards_that_differ, lesson_paths, serve
from tests.pdf import drawn_letters

PROJECTORS = [(1024, 768), (1280, 720)]

# For every text node a person can see in the window (not hidden, transparent, clipped
# to a pixel or off screen), its characters and its font size: the one measure behind
# the back-row rules.
VISIBLE_TEXT = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const characters = node.textContent.replace(/\\s+/g, "").length;
    const element = node.parentElement;
    const seen = element.checkVisibility({opacityProperty: true, visibilityProperty: true});
    if (!characters || !seen) continue;
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const onScreen = [...range.getClientRects()].some(rect =>
      rect.width > 1 && rect.height > 1 && rect.right > 0 && rect.bottom > 0 &&
      rect.left < innerWidth && rect.top < innerHeight);
    if (!onScreen) continue;
    const style = getComputedStyle(element);
    found.push({
      characters,
      size: parseFloat(style.fontSize),
      selector: element.closest(".statement") ? "statement" :
        element.closest(".verdict, .present-recap") ? "answer" : "",
      text: node.textContent.trim().slice(0, 40),
    });
  }
  return found;
}"""


def back_row_problems(page) -> tuple[float, list[str]]:
    """The share of visible characters at 28 px or more, and every rule broken."""
    texts = page.evaluate(VISIBLE_TEXT)
    total = sum(text["characters"] for text in texts)
    large = sum(text["characters"] for text in texts if text["size"] >= 28)
    share = large / total
    problems = [] if share >= 0.9 else [f"only {share:.0%} of the text is 28 px or more"]
    least = {"statement": 54, "answer": 32}
    problems += [
        f"{text['size']}px: {text['text']}"
        for text in texts
        if text["selector"] and text["size"] < least[text["selector"]]
    ]
    size = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    if size[0] > page.viewport_size["width"] or size[1] > page.viewport_size["height"]:
        problems.append(f"scrolls: {size[0]}x{size[1]}")
    return share, problems


def slide_name(path: str) -> str:
    """The slide a presenter path shows: /present/video-chat/3/answer is "3-answer"."""
    return "-".join(path.split("?")[0].split("/")[3:])


def expect_address(page, path: str, site=None) -> None:
    """The address bar shows the app path `path`: on the served app unless `site` says
    otherwise. From disk a page may change only its fragment, which then names the slide,
    so there the slide on show is what is checked."""
    if site is None:
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    elif site.kind == "static from disk" and path.startswith("/present/"):
        expect(shown_slide(page)).to_have_attribute("data-slide", slide_name(path))
    else:
        expect(page).to_have_url(site.at(path))


def wake_controls(page) -> None:
    """Move the mouse, as a teacher does before clicking a control."""
    page.mouse.move(500, 300)
    page.mouse.move(510, 310)
    expect(page.locator("[data-present-controls]")).to_have_css("opacity", "1")


def shown_slide(page):
    return page.locator("[data-slide]:not([hidden])")


def open_lesson(open_page, path: str, **options):
    page = open_page(path, **options)
    wait_until_styled(page)
    # Marks this document: a slide change that loaded a new page would lose the mark.
    page.evaluate("window.sameDocument = true")
    return page


@pytest.mark.parametrize(("width", "height"), PROJECTORS)
def test_every_kind_of_slide_is_legible_from_the_back_row_without_scrolling(
    open_page, deck, width, height
):
    # The lesson with the cards whose slides differ (each kind, the heaviest): a chosen
    # set is the same slides, walked the same way.
    paths = list(lesson_paths(deck, cards_that_differ(deck)))
    page = open_lesson(open_page, paths[0], width=width, height=height)
    problems, shares = [], []
    for index, path in enumerate(paths):
        if index:
            page.keyboard.press("PageDown")
        expect_address(page, path)
        share, found = back_row_problems(page)
        shares.append(share)
        problems += [f"{path}: {problem}" for problem in found]
    print(f"{width}x{height}: least share of text at 28 px or more {min(shares):.1%}")
    assert problems == []
    assert page.evaluate("window.sameDocument")


def test_full_screen_survives_four_page_downs(open_page, site, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/rules", site=site)
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement !== null")
    # Baseline, card 1, its answer, card 2.
    for _ in range(4):
        page.keyboard.press("PageDown")
    expect_address(page, f"/present/{deck.id}/2", site)
    assert page.evaluate("document.fullscreenElement !== null")
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null")


def test_page_down_and_page_up_walk_the_whole_lesson_in_place(open_page, deck):
    paths = list(lesson_paths(deck))
    page = open_lesson(open_page, paths[0])
    history = page.evaluate("history.length")
    for path in paths[1:]:
        page.keyboard.press("PageDown")
        expect_address(page, path)
    expect(shown_slide(page).get_by_role("heading", name="Where to get help")).to_be_visible()
    page.keyboard.press("PageDown")
    expect_address(page, paths[-1])
    for path in reversed(paths[:-1]):
        page.keyboard.press("PageUp")
        expect_address(page, path)
    # One page, and the slides added nothing to the browser's history.
    assert page.evaluate("window.sameDocument && history.length") == history


@pytest.mark.parametrize("key", ["ArrowRight", "ArrowDown", "Space", "n", "Enter"])
def test_other_forward_keys_reveal_the_answer(open_page, deck, key):
    page = open_lesson(open_page, f"/present/{deck.id}/1")
    page.keyboard.press(key)
    expect_address(page, f"/present/{deck.id}/1/answer")
    expect(shown_slide(page).locator(".present-recap")).to_have_text(deck.cards[0].recap)


@pytest.mark.parametrize("key", ["ArrowLeft", "ArrowUp", "p", "Backspace"])
def test_other_back_keys_go_back(open_page, deck, key):
    page = open_lesson(open_page, f"/present/{deck.id}/1/answer")
    page.keyboard.press(key)
    expect_address(page, f"/present/{deck.id}/1")


def test_home_and_end_go_to_the_first_slide_and_to_help(open_page, site, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/2/answer", site=site)
    page.keyboard.press("End")
    expect_address(page, f"/present/{deck.id}/help", site)
    expect(shown_slide(page).get_by_role("heading", name="Where to get help")).to_be_visible()
    page.keyboard.press("Home")
    expect_address(page, f"/present/{deck.id}/rules", site)


def test_shift_space_goes_back_one_step(open_page, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/2/answer")
    page.keyboard.press("Shift+Space")
    expect_address(page, f"/present/{deck.id}/2")
    page.keyboard.press("Shift+Space")
    expect_address(page, f"/present/{deck.id}/1/answer")


def test_space_moves_on_after_a_mouse_click_on_next_or_back(open_page, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/1")
    wake_controls(page)
    page.get_by_role("link", name="Reveal answer").click()
    expect_address(page, f"/present/{deck.id}/1/answer")
    page.keyboard.press("Space")
    expect_address(page, f"/present/{deck.id}/2")
    wake_controls(page)
    page.get_by_role("link", name="Back").click()
    expect_address(page, f"/present/{deck.id}/1/answer")
    page.keyboard.press("Space")
    expect_address(page, f"/present/{deck.id}/2")
    # The speaker view's buttons too: Space after a click on Next moves one step, once.
    speaker = open_speaker_view(page)
    speaker.get_by_role("button", name="Next").click()
    expect_address(page, f"/present/{deck.id}/2/answer")
    speaker.keyboard.press("Space")
    expect_address(page, f"/present/{deck.id}/3")
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "3")


@pytest.mark.parametrize("key", ["b", "."])
def test_blank_screen_on_and_off(open_page, deck, key):
    page = open_lesson(open_page, f"/present/{deck.id}/1")
    page.keyboard.press(key)
    blank = page.locator("[data-blank]")
    expect(blank).to_be_visible()
    assert blank.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(0, 0, 0)"
    page.keyboard.press(key)
    expect(blank).to_have_count(0)


@pytest.mark.parametrize("key", ["PageDown", "PageUp", "Enter on a focused link"])
def test_on_a_blank_screen_a_clicker_key_only_brings_the_slide_back(open_page, deck, key):
    page = open_lesson(open_page, f"/present/{deck.id}/2")
    if key == "Enter on a focused link":
        page.get_by_role("link", name="Reveal answer").focus()
        key = "Enter"
    page.keyboard.press("b")
    expect(page.locator("[data-blank]")).to_be_visible()
    page.keyboard.press(key)
    expect(page.locator("[data-blank]")).to_have_count(0)
    expect_address(page, f"/present/{deck.id}/2")
    page.keyboard.press("PageDown")
    expect_address(page, f"/present/{deck.id}/2/answer")


def test_question_mark_shows_the_keys(open_page, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/1")
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Presenter keys")).to_be_visible()
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Presenter keys")).to_be_hidden()


def test_the_keys_list_fits_a_1024x768_projector_clear_of_the_exit(open_page, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/1", width=1024, height=768)
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Presenter keys")
    expect(dialog).to_be_visible()
    assert dialog.evaluate("d => d.scrollHeight <= d.clientHeight")
    box = dialog.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 768
    exit_box = page.get_by_role("link", name="Emergency Exit this page").bounding_box()
    assert box["x"] + box["width"] <= exit_box["x"]


def test_shortcuts_can_be_turned_off_and_on_again(open_page, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/1")
    toggle = page.get_by_role("button", name="Keyboard shortcuts")
    wake_controls(page)
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    page.locator("main").click()
    for key in ("PageDown", "b", "s", "?"):
        page.keyboard.press(key)
    expect(page.locator("[data-blank]")).to_have_count(0)
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect_address(page, f"/present/{deck.id}/1")
    # The links still work with the shortcuts off.
    wake_controls(page)
    page.get_by_role("link", name="Reveal answer").click()
    expect_address(page, f"/present/{deck.id}/1/answer")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("PageDown")
    expect_address(page, f"/present/{deck.id}/2")


def test_keys_do_nothing_while_a_form_field_has_focus(open_page, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/1")
    page.evaluate(
        "(() => { const box = document.createElement('input');"
        " box.id = 'typing'; document.querySelector('main').append(box); })()"
    )
    page.focus("#typing")
    page.keyboard.press("PageDown")
    page.keyboard.press("n")
    expect_address(page, f"/present/{deck.id}/1")


def test_controls_stay_hidden_until_the_mouse_moves_or_focus_reaches_them(open_page, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/1", width=1024, height=768)
    controls = page.locator("[data-present-controls]")
    expect(controls).to_have_css("opacity", "0")
    wake_controls(page)
    page.evaluate("document.body.classList.remove('controls-awake')")
    expect(controls).to_have_css("opacity", "0")
    # Keyboard users reach every control with Tab, and each one shows while it has focus.
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "document.activeElement.closest('[data-present-controls]') &&"
            " document.activeElement.textContent.trim()"
        )
        if name:
            seen.append(name)
            expect(controls).to_have_css("opacity", "1")
    # The notes hold the answers, so they open from the speaker view, not the projection.
    assert seen[:5] == [
        "Back",
        "Reveal answer",
        "Speaker view (S)",
        "Keys (?)",
        "Keyboard shortcuts",
    ]


def test_a_mousemove_that_moves_nowhere_leaves_the_controls_hidden(open_page, deck):
    # Chromium sends one when the page changes under a pointer at rest (and its headless
    # shell one as a page loads): a mouse left on the desk must not show the controls.
    page = open_lesson(open_page, f"/present/{deck.id}/1", width=1024, height=768)
    wake_controls(page)
    page.evaluate("document.body.classList.remove('controls-awake')")
    page.mouse.move(510, 310)
    assert not page.evaluate("document.body.classList.contains('controls-awake')")
    expect(page.locator("[data-present-controls]")).to_have_css("opacity", "0")


def test_a_control_clicked_with_the_mouse_does_not_keep_the_controls_in_sight(open_page, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/1", width=1024, height=768)
    controls = page.locator("[data-present-controls]")
    wake_controls(page)
    page.get_by_role("link", name="Reveal answer").click()
    expect_address(page, f"/present/{deck.id}/1/answer")
    # As when the mouse has rested: the link clicked still has focus.
    page.evaluate("document.body.classList.remove('controls-awake')")
    assert page.evaluate("document.activeElement.hasAttribute('data-present-next')")
    expect(controls).to_have_css("opacity", "0")
    # The clicker's keys move on without bringing the controls back.
    page.keyboard.press("PageDown")
    expect_address(page, f"/present/{deck.id}/2")
    expect(controls).to_have_css("opacity", "0")


def test_the_quick_exit_is_small_on_the_projection_but_still_a_target_and_shift_works(
    open_page, deck
):
    page = open_lesson(open_page, f"/present/{deck.id}/1", width=1024, height=768)
    exit_link = page.get_by_role("link", name="Emergency Exit this page")
    box = exit_link.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    # As tall as every other button, as the README promises.
    assert box["height"] >= 44
    assert box["height"] * box["width"] < 0.01 * 1024 * 768
    assert exit_link.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 255, 255)"
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(re.compile(r"bbc\.co\.uk/weather"))


def test_help_slide_says_where_to_find_help_later_and_does_not_repeat_the_contacts(
    open_page, content, deck
):
    page = open_lesson(open_page, f"/present/{deck.id}/help", width=1024, height=768)
    addresses = content.classroom.help_addresses
    assert "childline.org.uk" in addresses and "ceop.police.uk" in addresses
    expect(shown_slide(page)).to_contain_text(addresses)
    expect(page.locator(".help-strip")).to_be_hidden()
    page.keyboard.press("PageUp")
    expect(page.locator(".help-strip")).to_be_visible()


def test_refresh_resumes_on_the_slide_and_back_leaves_the_deck(open_page, deck):
    # In the whole browser, as a teacher has it: refresh and Back are the browser's.
    page = open_page(f"/present/{deck.id}", whole_browser=True)
    page.get_by_role("button", name="Start the lesson").click()
    expect_address(page, f"/present/{deck.id}/rules")
    wait_until_styled(page)
    for _ in range(3):
        page.keyboard.press("PageDown")
    expect_address(page, f"/present/{deck.id}/1/answer")
    page.reload()
    wait_until_styled(page)
    expect(shown_slide(page).locator(".present-recap")).to_have_text(deck.cards[0].recap)
    page.keyboard.press("PageDown")
    expect_address(page, f"/present/{deck.id}/2")
    # From the back-forward cache, a page fires no load event to wait for.
    page.go_back(wait_until="commit")
    expect_address(page, f"/present/{deck.id}")
    page.go_forward(wait_until="commit")
    expect_address(page, f"/present/{deck.id}/2")
    expect(shown_slide(page).locator(".statement")).to_have_text(deck.cards[1].statement)


# As a teacher's laptop with the projector extending its screen: the speaker view then
# opens at once (headless Chromium has one screen, where it would warn first).
EXTENDED = "Object.defineProperty(Screen.prototype, 'isExtended', {get: () => true})"


def open_speaker_view(page):
    page.evaluate(EXTENDED)
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    wait_until_styled(speaker)
    return speaker


def speaker_slide(speaker):
    return speaker.locator(".speaker-now [data-slide]:not([hidden])")


def test_speaker_view_and_projection_stay_in_step_whichever_one_is_driven(open_page, site, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/1", site=site)
    speaker = open_speaker_view(page)
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "1")
    notes = speaker.locator("[data-notes-for]:not([hidden])")
    expect(notes).to_contain_text(deck.cards[0].fact)
    expect(speaker.locator("[data-next-title]")).to_contain_text("the answer")
    expect(speaker.locator("[data-clock]")).to_have_text(re.compile(r"^0:0[0-9]$"))
    # Driven from the projection.
    page.keyboard.press("PageDown")
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "1-answer")
    for prompt in deck.cards[0].discuss:
        expect(notes).to_contain_text(prompt.answer)
    # Driven from the speaker view, by key and by button.
    speaker.keyboard.press("PageDown")
    expect_address(page, f"/present/{deck.id}/2", site)
    speaker.get_by_role("button", name="Next").click()
    expect_address(page, f"/present/{deck.id}/2/answer", site)
    speaker.get_by_role("button", name="Back").click()
    expect_address(page, f"/present/{deck.id}/2", site)
    expect(shown_slide(page).locator(".statement")).to_have_text(deck.cards[1].statement)
    page.keyboard.press("PageUp")
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "1-answer")


def test_speaker_view_finds_the_slides_again_after_they_are_refreshed(open_page, site, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/1", site=site, whole_browser=True)
    speaker = open_speaker_view(page)
    page.keyboard.press("PageDown")
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "1-answer")
    speaker.evaluate("window.sameDocument = true")
    page.reload()
    wait_until_styled(page)
    # Without pressing S: the speaker view asks again, and the refreshed slides answer.
    page.keyboard.press("PageDown")
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "2")
    speaker.keyboard.press("PageDown")
    expect_address(page, f"/present/{deck.id}/2/answer", site)
    # The same speaker view, not a new one, so its clock runs on.
    assert speaker.evaluate("window.sameDocument")
    expect(speaker.locator("[data-speaker-link]")).to_have_text("")


def test_speaker_view_blanks_the_projector_and_its_next_key_brings_the_same_slide_back(
    open_page, deck
):
    page = open_lesson(open_page, f"/present/{deck.id}/1")
    speaker = open_speaker_view(page)
    said = speaker.locator("[data-speaker-link]")
    speaker.keyboard.press("b")
    expect(page.locator("[data-blank]")).to_have_count(1)
    expect(said).to_contain_text("The projector is blank")
    speaker.keyboard.press("PageDown")
    expect(page.locator("[data-blank]")).to_have_count(0)
    expect(said).to_have_text("")
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "1")
    expect_address(page, f"/present/{deck.id}/1")


def test_speaker_view_says_when_it_has_lost_the_slides(open_page, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/1")
    speaker = open_speaker_view(page)
    expect(speaker.get_by_role("link", name="Teacher notes (opens a new tab)")).to_be_visible()
    page.close()
    expect(speaker.get_by_role("main").get_by_role("status")).to_have_text(
        "Not connected to the slides. Open the slides and press S there."
    )


def test_speaker_view_flags_a_sensitive_card_and_shows_its_teacher_note(open_page, deck):
    number = next(n for n, card in enumerate(deck.cards, start=1) if card.sensitive)
    page = open_lesson(open_page, f"/present/{deck.id}/{number}")
    speaker = open_speaker_view(page)
    notes = speaker.locator("[data-notes-for]:not([hidden])")
    expect(notes.get_by_text("Sensitive: private vote")).to_be_visible()
    expect(notes).to_contain_text(deck.cards[number - 1].teacher_note)


def test_a_chosen_set_of_cards_flows_to_the_deck_the_speaker_view_and_the_handout(
    open_page, site, deck
):
    suggested = deck.lesson_numbers()
    page = open_page(f"/present/{deck.id}", site=site)
    page.get_by_role("link", name="Choose from the suggested lesson").click()
    wait_until_styled(page)
    boxes = page.locator('input[name="cards"]')
    checked = [n for n in range(1, len(deck.cards) + 1) if boxes.nth(n - 1).is_checked()]
    assert checked == list(suggested)
    page.get_by_label(re.compile(rf"^{suggested[0]}\. ")).uncheck()
    chosen = suggested[1:]
    page.get_by_role("button", name="Start the lesson").click()
    wait_until_styled(page)
    paths = list(lesson_paths(deck, chosen))
    expect_address(page, paths[0], site)
    for path in paths[1:]:
        page.keyboard.press("PageDown")
        expect_address(page, path, site)
    # The speaker view walks the same cards.
    speaker = open_speaker_view(page)
    names = speaker.locator(".speaker-now [data-slide]")
    expect(names).to_have_count(len(paths))
    # And the handout has their key facts only.
    page.goto(site.url(f"/handout/{deck.id}?cards={','.join(map(str, chosen))}"))
    expect(page.locator(".recap li")).to_have_text([deck.cards[n - 1].recap for n in chosen])


def test_progress_counts_only_the_chosen_cards(open_page, deck):
    page = open_lesson(open_page, f"/present/{deck.id}/5?cards=2,5,9")
    expect(shown_slide(page).locator("[data-progress]")).to_have_text("Card 2 of 3")
    assert page.title().startswith("Card 2 of 3: true or false?")


def test_start_page_choice_and_the_slide_links_work_without_javascript(open_page, deck):
    page = open_page(f"/present/{deck.id}", javascript=False, width=1024, height=768)
    for number in range(3, len(deck.cards) + 1):
        page.get_by_label(re.compile(rf"^{number}\. ")).uncheck()
    page.get_by_role("button", name="Start the lesson").click()
    # The form sends one `cards` per ticked box; every link on from there is canonical.
    expect_address(page, f"/present/{deck.id}/rules?cards=1&cards=2")
    paths = list(lesson_paths(deck, (1, 2)))
    for path in paths[1:]:
        page.locator("[data-present-next]").click()
        expect_address(page, path)
    page.get_by_role("link", name="Back").click()
    expect_address(page, paths[-2])
    expect(page.get_by_role("button", name="Speaker view (S)")).to_be_hidden()
    expect(page.get_by_role("link", name="Teacher notes")).to_be_visible()


def test_print_button_shows_only_where_a_script_can_print(open_page, deck):
    for javascript in (True, False):
        page = open_page(f"/handout/{deck.id}", javascript=javascript)
        button = page.get_by_role("button", name="Print this handout")
        if javascript:
            expect(button).to_be_visible()
        else:
            expect(button).to_be_hidden()


def test_axe_finds_no_violation_on_any_classroom_screen(open_page, deck):
    page = open_page(None, width=1024, height=768)
    paths = [
        f"/present/{deck.id}",
        *list(lesson_paths(deck))[:4],
        f"/present/{deck.id}/endpoint",
        f"/present/{deck.id}/help",
        f"/present/{deck.id}/speaker",
        f"/teacher/{deck.id}",
        f"/handout/{deck.id}",
        f"/quick-start/{deck.id}",
        "/teacher/letter",
        "/teacher/briefing",
        "/contacts-card",
    ]
    reports = []

    def check(name):
        report = axe_violations(page)
        if report:
            reports.append(f"--- {name}\n{report}")

    for path in paths:
        page.goto(path)
        wait_until_styled(page)
        check(path)
    page.goto(f"/present/{deck.id}/1")
    wait_until_styled(page)
    wake_controls(page)
    check("controls shown")
    page.keyboard.press("?")
    check("keys dialog")
    assert not reports, "\n".join(reports)


def test_every_tab_stop_on_the_teachers_screens_shows_the_yellow_focus(open_page, deck):
    page = open_page(None, width=1024, height=768)
    hidden = []
    for path in [
        f"/present/{deck.id}",
        f"/present/{deck.id}/1/answer",
        f"/present/{deck.id}/speaker",
        f"/teacher/{deck.id}",
        f"/handout/{deck.id}",
        f"/quick-start/{deck.id}",
        "/teacher/letter",
        "/teacher/briefing",
        "/contacts-card",
    ]:
        page.goto(path)
        wait_until_styled(page)
        stops = tab_stops(page)
        hidden += [f"{path}: {stop}" for stop, visible in stops if not visible]
        assert len(stops) >= 3, path
    assert hidden == []


@pytest.mark.parametrize(
    "path",
    [
        "/present/{deck}",
        "/present/{deck}/speaker",
        "/teacher/{deck}",
        "/handout/{deck}",
        "/quick-start/{deck}",
        "/teacher/letter",
        "/teacher/briefing",
        "/contacts-card",
    ],
)
def test_teacher_pages_reflow_at_320_px(open_page, deck, path):
    page = open_page(path.format(deck=deck.id), width=320, height=640)
    wait_until_styled(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_focused_skip_link_is_not_under_the_presenters_exit_at_320_by_256(open_page, deck):
    # WCAG 2.4.12 (AAA), Focus Not Obscured: the fixed Exit covered part of it.
    page = open_page(f"/present/{deck.id}/rules", width=320, height=256)
    wait_until_styled(page)
    # Exit this page is the first stop, the skip link the second.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.wait_for_function(
        """() => {
            const [skip, exit] = [".skip-link", ".present-exit"].map(
                selector => document.querySelector(selector).getBoundingClientRect());
            const apart = skip.bottom <= exit.top || skip.top >= exit.bottom
                || skip.right <= exit.left || skip.left >= exit.right;
            return apart && skip.top >= 0 && skip.bottom <= innerHeight;
        }"""
    )


@pytest.fixture(scope="module")
def public_server():
    """The app with QUIZ_PUBLIC_URL set, so the handout carries its address and QR code."""
    with serve(create_app({"QUIZ_PUBLIC_URL": "https://school.example/pshe/quiz/"})) as url:
        yield url


def printed_pages(page, path: str) -> tuple[list[str], list[int], list[float]]:
    """Print `path` to PDF as Chromium does; return each page's text in reading order, how
    far down each page the print reaches, above its page number, as a share of the page's
    height (pdftotext, from Debian's poppler-utils), and the size in points of every
    character printed (PDFium)."""
    page.goto(path)
    wait_until_styled(page)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (Debian's poppler-utils) is needed: scripts/test installs it"

    def pages(*options: str) -> list[str]:
        run = subprocess.run(
            [pdftotext, *options, "-", "-"], input=pdf, capture_output=True, check=True
        )
        return run.stdout.decode().split("\f")[:-1]

    boxes = subprocess.run(
        [pdftotext, "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    filled = []
    for sheet in boxes.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', sheet).group(1))
        words = re.findall(r'yMax="([\d.]+)">([^<]+)</word>', sheet)
        # The last four words are the page number's "Page N of M", at the foot.
        filled.append(max(float(bottom) for bottom, _ in words[:-4]) / height)
    sizes = [round(letter["size"], 1) for *_, letters in drawn_letters(pdf) for letter in letters]
    return pages(), filled, sizes


def assert_printed_as_schools_need(page, pages: list[str], sizes: list[float], help) -> None:
    """What every page a school prints must do on paper: give each contact with its number
    or web address, leave out the site's header and Exit this page, and print nothing
    under 11 pt (the British Dyslexia Association's style guide asks 12 to 14)."""
    # A long address may break across lines at a hyphen, which pdftotext then drops.
    text = "".join("".join(pages).split()).replace("-", "")
    for contact in help.contacts:
        if contact.href and contact.href.startswith("https:"):
            assert contact.href.replace("-", "") in text, contact.id
        else:
            assert "".join(contact.action.split()) in text, contact.id
        if contact.also:
            assert contact.also.href.replace("-", "") in text, contact.id
    assert min(sizes) >= 11, sorted(set(sizes))
    page.emulate_media(media="print")
    for printed_without in (".site-header", ".exit-button"):
        expect(page.locator(printed_without)).to_be_hidden()
    page.emulate_media(media="screen")


def test_a_prints_letters_are_read_at_the_size_they_are_printed(browser):
    # The print tests only set floors (nothing under 11 pt): letters read too large, as
    # Chromium's 96-to-the-inch drawing read without the page's scale reads 9 pt as
    # 12, would pass them.
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<p style="font-size: 9pt">Small</p><p style="font-size: 12pt">Body</p>')
    printed = page.pdf(format="A4")
    context.close()
    ((_, _, text, letters),) = drawn_letters(printed)
    assert "Small" in text and "Body" in text
    sizes = {letter["text"]: round(letter["size"], 1) for letter in letters}
    assert [sizes[letter] for letter in "SmallBody"] == [9.0] * 5 + [12.0] * 4


def flat(text: str) -> str:
    return " ".join(text.split())


def test_printed_teacher_notes_have_page_numbers_disclosure_first_and_no_split_card(
    open_page, content, deck
):
    page = open_page(None)
    pages, filled, sizes = printed_pages(page, f"/teacher/{deck.id}")
    shares = ", ".join(f"{share:.0%}" for share in filled)
    print(f"teacher notes: {len(pages)} A4 pages, filled to {shares}")
    assert_printed_as_schools_need(page, pages, sizes, content.help)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    notes = content.classroom.teacher_notes
    assert flat(notes.disclosure.points[-1]) in flat(pages[0])
    ceop = next(contact for contact in content.help.contacts if contact.id == "ceop")
    assert any(ceop.href in line for text in pages for line in text.splitlines())
    for number, card in enumerate(deck.cards, start=1):
        # A card's heading and its last line print on the same page.
        start = f"{number}. {card.statement}"[:40]
        on = [index for index, text in enumerate(pages) if start in flat(text)]
        assert on, start
        ending = flat(card.discuss[-1].answer)[-30:] if card.discuss else flat(card.fact)[-30:]
        assert ending in flat(pages[on[-1]]), f"card {number} is split across pages"
    # No page left mostly blank: every page but the last is printed at least half of the
    # way down. At 11 pt a card kept whole, in two columns, can leave much of a page's foot
    # blank: larger type and no split card come first.
    assert min(filled[:-1]) >= 0.5, filled


@pytest.mark.parametrize("lesson", ["every card", "suggested"])
def test_printed_handout_is_12_pt_on_at_most_two_a4_sides_with_address_qr_and_page_number(
    browser, public_server, content, deck, lesson
):
    context = browser.new_context(base_url=public_server)
    page = context.new_page()
    chosen = "" if lesson == "every card" else f"?cards={','.join(map(str, deck.lesson_numbers()))}"
    pages, filled, sizes = printed_pages(page, f"/handout/{deck.id}{chosen}")
    print(f"handout, {lesson}: {len(pages)} A4 sides, sizes {sorted(set(sizes))} pt")
    # Type a pupil can read comes first: 12 pt takes a second side for every card.
    assert len(pages) <= 2
    assert statistics.mode(sizes) >= 12
    assert_printed_as_schools_need(page, pages, sizes, content.help)
    text = flat(" ".join(pages))
    assert f"Page 1 of {len(pages)}" in text
    assert "https://school.example/pshe/quiz/" in text
    assert "Report Remove" in text and "0800 1111" in text
    # Printed whole, on one line, so that a pupil can type it as it is.
    ceop = next(contact for contact in content.help.contacts if contact.id == "ceop")
    assert any(ceop.href in sheet.splitlines() for sheet in pages)
    expect(page.locator("svg.qr")).to_be_visible()
    context.close()


@pytest.mark.parametrize("path", ["/help", "/about"])
def test_printed_help_and_about_pages_give_every_contacts_address_without_the_header(
    open_page, content, path
):
    page = open_page(None)
    pages, _, sizes = printed_pages(page, path)
    assert_printed_as_schools_need(page, pages, sizes, content.help)


def test_without_javascript_every_kind_of_slide_page_fits_with_its_links(open_page, deck):
    page = open_page(None, javascript=False)
    too_big = []
    for path in lesson_paths(deck, cards_that_differ(deck)):
        page.goto(path)
        wait_until_styled(page)
        # Each projector in turn, on the same page: a page resized lays itself out again.
        for width, height in PROJECTORS:
            page.set_viewport_size({"width": width, "height": height})
            size = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            if size[0] > width or size[1] > height:
                too_big.append(f"{path} at {width}x{height}: {size[0]}x{size[1]}")
    assert too_big == []


@pytest.mark.parametrize("extended", ["false", "undefined"])
def test_speaker_view_warns_first_where_the_class_may_see_it(open_page, deck, extended):
    page = open_page(None)
    page.context.add_init_script(
        f"Object.defineProperty(Screen.prototype, 'isExtended', {{get: () => {extended}}})"
    )
    page.goto(f"/present/{deck.id}/1")
    wait_until_styled(page)
    page.keyboard.press("s")
    warning = page.get_by_role("dialog", name="Can the class see your screen?")
    expect(warning).to_be_visible()
    said = "mirrored" if extended == "false" else "cannot tell"
    expect(warning).to_contain_text(said)
    expect(warning).to_contain_text("the answers, and which cards are a private vote")
    assert axe_violations(page) == ""
    # Nothing opened yet; Cancel opens nothing either.
    warning.get_by_role("button", name="Cancel").click()
    expect(warning).to_be_hidden()
    assert len(page.context.pages) == 1
    page.keyboard.press("s")
    with page.expect_popup() as popup:
        warning.get_by_role("button", name="Open the speaker view").click()
    speaker = popup.value
    wait_until_styled(speaker)
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "1")


def test_the_start_page_says_a_mirrored_screen_shows_the_speaker_view(open_page, deck):
    page = open_page(f"/present/{deck.id}")
    expect(page.get_by_role("main")).to_contain_text("mirrors (duplicates) your screen")
    expect(page.get_by_role("main")).to_contain_text("the tab where you last pressed S")


def test_speaker_views_next_is_on_the_first_screen_of_a_small_laptop(open_page, deck):
    speaker = open_page(f"/present/{deck.id}/speaker", width=1024, height=680)
    wait_until_styled(speaker)
    # With its longest message showing: opened on its own, it has no slides to follow.
    expect(speaker.locator("[data-speaker-link]")).to_contain_text("Not connected")
    next_button = speaker.get_by_role("button", name="Next")
    bottoms = []
    while True:
        box = speaker.locator(".speaker-next").bounding_box()
        bottoms.append(box["y"] + box["height"])
        if next_button.is_disabled():
            break
        next_button.click()
    assert max(bottoms) <= 680, bottoms


# What a slides tab sends the speaker view again and again after S, until it is answered.
LATE_CONNECT = """pressed => window.open("", "quiz-speaker").postMessage(
    {namespace: "quiz-presenter", type: "connect", slide: "1", blank: false, pressed}, "*")"""


@pytest.mark.parametrize("where", ["served", "static from disk"])
def test_the_speaker_view_follows_the_tab_where_s_was_pressed_last(open_page, sites, deck, where):
    site = sites(where)
    first = open_lesson(open_page, f"/present/{deck.id}/1", site=site)
    speaker = open_speaker_view(first)
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "1")
    # A second tab that can reach the speaker view (opened from the first): S takes it over.
    with first.expect_popup() as opened:
        first.evaluate("window.open(location.href)")
    second = opened.value
    wait_until_styled(second)
    second.keyboard.press("End")
    # On the help slide before S, so that the speaker view can only show help by following.
    expect_address(second, f"/present/{deck.id}/help", site)
    second.evaluate(EXTENDED)
    # A time before S is pressed in the second tab, as the first tab's own press was.
    before_second_press = first.evaluate("Date.now()")
    second.keyboard.press("s")
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "help")
    expect(speaker.locator("[data-speaker-link]")).to_have_text(
        "Now following the slides in the tab where S was pressed last."
    )
    assert len(first.context.pages) == 3
    # The first tab asks to be followed until it is answered: a late ask, as it sends when
    # the speaker view was still loading at its first, does not take the view back.
    first.evaluate(LATE_CONNECT, before_second_press)
    second.keyboard.press("PageUp")
    expect_address(second, f"/present/{deck.id}/endpoint", site)
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "endpoint")
    speaker.keyboard.press("Home")
    expect_address(second, f"/present/{deck.id}/rules", site)
    expect_address(first, f"/present/{deck.id}/1", site)
    # A tab opened on its own cannot reach it: S opens a speaker view for that tab, and
    # the older one closes, so one speaker view follows the tab where S was pressed last.
    third = first.context.new_page()
    third.goto(first.url)
    wait_until_styled(third)
    third.evaluate(EXTENDED)
    with third.expect_popup() as popup, speaker.expect_event("close"):
        third.keyboard.press("s")
    newest = popup.value
    wait_until_styled(newest)
    expect(speaker_slide(newest)).to_have_attribute("data-slide", "1")
    newest.keyboard.press("PageDown")
    expect_address(third, f"/present/{deck.id}/1/answer", site)


def test_a_second_tab_with_other_cards_takes_the_speaker_view_over_with_its_cards(open_page, deck):
    first = open_lesson(open_page, f"/present/{deck.id}/1")
    speaker = open_speaker_view(first)
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "1")
    with first.expect_popup() as opened:
        first.evaluate(f"window.open('/present/{deck.id}/3?cards=3,4')")
    second = opened.value
    wait_until_styled(second)
    second.evaluate(EXTENDED)
    second.keyboard.press("s")
    # The speaker view reloads with the second tab's cards, and follows that tab.
    expect(speaker.locator("[data-progress]:visible")).to_have_text("Card 1 of 2")
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "3")
    speaker.keyboard.press("PageDown")
    expect_address(second, f"/present/{deck.id}/3/answer?cards=3,4")
    expect_address(first, f"/present/{deck.id}/1")
    second.keyboard.press("End")
    expect(speaker_slide(speaker)).to_have_attribute("data-slide", "help")


@pytest.mark.parametrize(("path", "most"), [("/teacher/briefing", 1), ("/contacts-card", 1)])
def test_the_dsl_briefing_and_a_sheet_of_contacts_cards_print_on_one_page(open_page, path, most):
    pages, *_ = printed_pages(open_page(None), path)
    assert len(pages) <= most, len(pages)


def test_the_help_slide_fits_with_the_longest_school_contact(browser, deck):
    # The school's contact stands in for the trusted adult's detail on the slide, so a
    # school that sets it (at most 80 characters) still gets a slide that fits.
    app = create_app({"QUIZ_SCHOOL_CONTACT": "your head of year or the school nurse, " * 2})
    with serve(app) as base_url:
        page = browser.new_context(base_url=base_url).new_page()
        page.goto(f"/present/{deck.id}/help")
        wait_until_styled(page)
        for width, height in PROJECTORS:
            page.set_viewport_size({"width": width, "height": height})
            size = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            assert size == [width, height], (width, height, size)
        page.context.close()
