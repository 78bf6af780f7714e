"""Page weight on a slow school network: each pupil page, with its stylesheet and script,
must arrive in at most 14 KiB of HTML, CSS and JS, with no images or fonts to fetch."""

from __future__ import annotations

BUDGET = 14 * 1024


def weigh(page, load) -> dict[str, int]:
    """Decoded bytes of every response that `load` brings in, by resource type. The
    browser tests route requests, which turns Chromium's cache off, so every page counts
    its stylesheet and script as a first visit would."""
    responses = []

    def record(response):
        responses.append(response)

    page.on("response", record)
    load()
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", record)
    weights: dict[str, int] = {}
    for response in responses:
        kind = response.request.resource_type
        weights[kind] = weights.get(kind, 0) + len(response.body())
    return weights


def test_pupil_pages_fit_in_14_kib_with_nothing_but_html_css_and_js(open_page, deck, capsys):
    page = open_page(None)
    card = f"/quiz/{deck.id}/1"
    pages = {
        "home": (None, lambda: page.goto("/")),
        "card": (None, lambda: page.goto(card)),
        "reveal": (card, lambda: page.get_by_role("button", name="True", exact=True).click()),
        "end": (None, lambda: page.goto(f"/quiz/{deck.id}/end")),
    }
    rows = []
    for name, (start, load) in pages.items():
        if start:
            page.goto(start)
        weights = weigh(page, load)
        total = sum(weights.values())
        rows.append(f"  {name:7} {total:6} bytes  {weights}")
        assert set(weights) == {"document", "stylesheet", "script"}, rows[-1]
        assert total <= BUDGET, rows[-1]
    with capsys.disabled():
        print(f"\nPage weight, decoded HTML + CSS + JS (budget {BUDGET} bytes):")
        print("\n".join(rows))
