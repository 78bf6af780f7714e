"""Page weight on a slow school network: each pupil page, with its stylesheet and script,
must arrive in at most 14 KiB of HTML, CSS and JS, with no images or fonts to fetch; the
static copy's pages too."""

from __future__ import annotations

import pytest

from quiz.export import page_file
from tests.browser import follow

BUDGET = 14 * 1024


def weigh(page, load) -> dict[str, int]:
    """Decoded bytes of every response that `load` brings in, by resource type. The test
    turns Chromium's cache off, so every page counts its stylesheet and script as a first
    visit would."""
    responses = []

    def record(response):
        responses.append(response)

    page.on("response", record)
    load()
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", record)
    weights: dict[str, int] = {}
    for response in responses:
        # The tab's icon: Chromium fetches it once, as "other", and may drop its body before
        # it can be read, so it is weighed by the length it was sent with.
        if response.url.endswith("/icon.svg"):
            kind, size = "icon", int(response.headers["content-length"])
        else:
            kind, size = response.request.resource_type, len(response.body())
        weights[kind] = weights.get(kind, 0) + size
    return weights


def heaviest_card(client, deck, site, static_copy) -> str:
    """The card whose page is largest, by its HTML alone: the budget must hold for it."""

    def size(number: int) -> int:
        path = f"/quiz/{deck.id}/{number}"
        if site.static:
            return static_copy.joinpath(*page_file(path).split("/")).stat().st_size
        return len(client.get(path).data)

    return f"/quiz/{deck.id}/{max(range(1, len(deck.cards) + 1), key=size)}"


@pytest.mark.parametrize("where", ["served", "static over http"])
def test_pupil_pages_fit_in_14_kib_with_nothing_but_html_css_and_js(
    open_page, client, sites, static_copy, deck, where, capsys
):
    site = sites(where)
    # The whole browser: its headless shell never asks for the tab's icon.
    page = open_page(None, site=site, whole_browser=True)
    cache = page.context.new_cdp_session(page)
    cache.send("Network.enable")
    cache.send("Network.setCacheDisabled", {"cacheDisabled": True})
    card = heaviest_card(client, deck, site, static_copy)
    pages = {
        "home": lambda: page.goto(site.url("/")),
        f"card {card.rsplit('/', 1)[1]}": lambda: page.goto(site.url(card)),
        "end": lambda: page.goto(site.url(f"/quiz/{deck.id}/end")),
        "help": lambda: page.goto(site.url(f"/quiz/{deck.id}/1/help")),
    }
    if not site.static:
        # The answer page a pupil without JavaScript gets: the card's form, sent as a
        # browser sends it for the False button.
        pages["answer page"] = lambda: follow(
            page,
            lambda: page.locator(".answer-form").evaluate(
                "form => { form.append(Object.assign(document.createElement('input'),"
                " {type: 'hidden', name: 'answer', value: 'false'})); form.submit(); }"
            ),
        )
    rows, weighed = [], set()
    for name, load in pages.items():
        if name == "answer page":
            page.goto(site.url(card))
            # Without the script, which would answer in place instead.
            page.evaluate(
                "document.querySelector('[data-module=answer]').removeAttribute('data-module')"
            )
        weights = weigh(page, load)
        total = sum(weights.values())
        weighed |= set(weights)
        rows.append(f"  {name:12} {total:6} bytes  {weights}")
        assert set(weights) <= {"document", "stylesheet", "script", "icon"}, rows[-1]
        assert total <= BUDGET, rows[-1]
    # The tab's icon is weighed too (a browser that never asks for it would hide it).
    assert "icon" in weighed, rows
    with capsys.disabled():
        print(f"\nPage weight, {where}, decoded HTML + CSS + JS (budget {BUDGET} bytes):")
        print("\n".join(rows))
