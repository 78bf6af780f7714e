"""A teacher projecting the quiz, printing notes and a handout, in real Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import axe_violations
from tests.test_classroom_http import presenter_screens

PROJECTORS = [(1280, 720), (1024, 768)]


# Smallest font size in px, at either projector size, for what the back row must read.
SMALLEST_TYPE = {".statement p": 40, ".fact": 26, ".contacts": 28, ".reminder": 26}


@pytest.mark.parametrize(("width", "height"), PROJECTORS)
def test_every_presenter_screen_fits_without_scrolling_in_large_type(
    open_page, deck, width, height
):
    page = open_page(None, width=width, height=height)
    problems = []
    for path in presenter_screens(deck):
        page.goto(path)
        size = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
        )
        if size[0] > width or size[1] > height:
            problems.append(f"{path}: {size[0]}x{size[1]}")
        for selector, least in SMALLEST_TYPE.items():
            for font_size in page.eval_on_selector_all(
                selector, "all => all.map(e => parseFloat(getComputedStyle(e).fontSize))"
            ):
                if font_size < least:
                    problems.append(f"{path} {selector}: {font_size}px")
    assert problems == []


def test_whole_deck_forward_with_page_down_and_back_with_page_up(open_page, deck):
    screens = list(presenter_screens(deck))
    page = open_page(screens[0], width=1280, height=720)
    # Each press must load exactly the next (or previous) screen, not just change the URL.
    for path in screens[1:]:
        with page.expect_navigation(url=re.compile(re.escape(path) + "$")):
            page.keyboard.press("PageDown")
    expect(page.get_by_role("heading", name="Where to get help")).to_be_visible()
    for path in reversed(screens[:-1]):
        with page.expect_navigation(url=re.compile(re.escape(path) + "$")):
            page.keyboard.press("PageUp")


@pytest.mark.parametrize("key", ["ArrowRight", "ArrowDown", "Space", "n", "Enter"])
def test_other_forward_keys_reveal_the_answer(open_page, deck, key):
    page = open_page(f"/present/{deck.id}/1")
    page.keyboard.press(key)
    expect(page).to_have_url(re.compile(rf"/present/{deck.id}/1/answer$"))


@pytest.mark.parametrize("key", ["ArrowLeft", "ArrowUp", "p", "Backspace"])
def test_other_back_keys_go_back(open_page, deck, key):
    page = open_page(f"/present/{deck.id}/1/answer")
    page.keyboard.press(key)
    expect(page).to_have_url(re.compile(rf"/present/{deck.id}/1$"))


@pytest.mark.parametrize("key", ["b", "."])
def test_blank_screen_on_and_off(open_page, deck, key):
    page = open_page(f"/present/{deck.id}/1")
    page.keyboard.press(key)
    blank = page.locator("[data-blank]")
    expect(blank).to_be_visible()
    assert blank.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(0, 0, 0)"
    page.keyboard.press(key)
    expect(blank).to_have_count(0)


@pytest.mark.parametrize("key", ["PageDown", "PageUp", "Enter on a focused link"])
def test_on_a_blank_screen_a_clicker_key_only_brings_the_slide_back(open_page, deck, key):
    page = open_page(f"/present/{deck.id}/2")
    if key == "Enter on a focused link":
        page.get_by_role("link", name="Reveal answer").focus()
        key = "Enter"
    page.keyboard.press("b")
    expect(page.locator("[data-blank]")).to_be_visible()
    page.keyboard.press(key)
    expect(page.locator("[data-blank]")).to_have_count(0)
    expect(page).to_have_url(re.compile(rf"/present/{deck.id}/2$"))
    page.keyboard.press("PageDown")
    expect(page).to_have_url(re.compile(rf"/present/{deck.id}/2/answer$"))


def test_question_mark_shows_the_keys(open_page, deck):
    page = open_page(f"/present/{deck.id}/1")
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Presenter keys")).to_be_visible()
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Presenter keys")).to_be_hidden()


def test_shortcuts_off_control_stops_the_keys(open_page, deck):
    page = open_page(f"/present/{deck.id}/1")
    page.get_by_role("link", name="Turn keyboard shortcuts off").click()
    expect(page).to_have_url(re.compile(r"keys=off$"))
    page.keyboard.press("PageDown")
    page.keyboard.press("b")
    expect(page.locator("[data-blank]")).to_have_count(0)
    assert page.url.endswith(f"/present/{deck.id}/1?keys=off")
    page.get_by_role("link", name="Reveal answer").click()
    expect(page).to_have_url(re.compile(rf"/present/{deck.id}/1/answer\?keys=off$"))


def test_keys_do_nothing_while_a_form_field_has_focus(open_page, deck):
    page = open_page(f"/present/{deck.id}/1")
    page.evaluate(
        "(() => { const box = document.createElement('input');"
        " box.id = 'typing'; document.querySelector('main').append(box); })()"
    )
    page.focus("#typing")
    page.keyboard.press("PageDown")
    page.keyboard.press("n")
    assert page.url.endswith(f"/present/{deck.id}/1")


def test_presenter_links_work_without_javascript(open_page, deck):
    page = open_page(f"/present/{deck.id}", javascript=False, width=1280, height=720)
    expect(page.locator("[data-present-tools]")).to_be_hidden()
    page.get_by_role("link", name="Start").click()
    page.get_by_role("link", name="Reveal answer").click()
    expect(page.locator(".verdict")).to_be_visible()
    page.get_by_role("link", name="Back").click()
    expect(page).to_have_url(re.compile(rf"/present/{deck.id}/1$"))
    page.goto(f"/present/{deck.id}/{len(deck.cards)}/answer")
    page.get_by_role("link", name="Finish").click()
    expect(page.get_by_role("heading", name="Where to get help")).to_be_visible()


def test_axe_finds_no_violation_on_every_presenter_screen_notes_and_handout(open_page, deck):
    page = open_page(None, width=1280, height=720)
    paths = [*presenter_screens(deck), f"/teacher/{deck.id}", f"/handout/{deck.id}"]
    reports = []
    for path in paths:
        page.goto(path)
        report = axe_violations(page)
        if report:
            reports.append(f"--- {path}\n{report}")
    page.goto(f"/present/{deck.id}/1")
    page.keyboard.press("?")
    report = axe_violations(page)
    if report:
        reports.append(f"--- keys dialog\n{report}")
    assert not reports, "\n".join(reports)


@pytest.mark.parametrize("page_name", ["teacher", "handout"])
def test_printed_notes_and_handout_show_no_navigation_or_exit(open_page, deck, page_name):
    page = open_page(f"/{page_name}/{deck.id}")
    page.emulate_media(media="print")
    for chrome in [".exit-bar", ".site-header", ".site-footer", ".help-panel", ".skip-link"]:
        expect(page.locator(chrome)).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_handout_prints_on_one_a4_side(open_page, deck):
    page = open_page(f"/handout/{deck.id}")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


def test_teacher_notes_never_split_a_card_across_pages(open_page, deck):
    page = open_page(f"/teacher/{deck.id}")
    page.emulate_media(media="print")
    rule = page.eval_on_selector(".note-card", "el => getComputedStyle(el).breakInside")
    assert rule == "avoid"


def test_f_turns_full_screen_on_and_off(open_page, deck):
    page = open_page(f"/present/{deck.id}/1")
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement !== null")
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement === null")
