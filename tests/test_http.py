"""Every route, every bad input and every header, through Flask's test client."""

from __future__ import annotations

import re

import pytest

from quiz import create_app
from quiz.assets import BUNDLES
from quiz.export import static_app
from quiz.state import state
from tests.helpers import (
    CHILDLINE_NUMBER,
    ERRORS,
    SCHOOL,
    answer,
    assert_help_and_exit,
    escaped,
    page_text,
    result_of,
)
from tests.sample import VALID


def test_home_page_starts_the_only_deck_directly(client, deck):
    html = page_text(client.get("/"))
    assert f'href="/quiz/{deck.id}/1"' in html
    assert deck.title in html
    assert deck.content_note in html
    assert 'href="/help"' in html


def test_home_page_offers_help_and_leaving_before_starting(client):
    html = page_text(client.get("/"))
    assert "Go to help first" in html
    assert "Leave this site" in html


def test_every_card_page_shows_its_place_statement_and_two_answer_buttons(client, deck):
    total = len(deck.cards)
    for number, card in enumerate(deck.cards, start=1):
        response = client.get(f"/quiz/{deck.id}/{number}")
        html = page_text(response)
        assert response.status_code == 200
        assert f"Card {number} of {total}" in html
        assert escaped(card.statement) in html
        # Without JavaScript the form goes to the card's own address.
        assert f'action="/quiz/{deck.id}/{number}#main"' in html
        assert 'method="post"' in html
        # One byte each, so that the request's length does not tell which was pressed.
        assert 'name="answer" value="T"' in html
        assert 'name="answer" value="F"' in html


def test_every_card_page_holds_its_result_hidden_for_answering_in_place(client, deck):
    for number, card in enumerate(deck.cards, start=1):
        html = page_text(client.get(f"/quiz/{deck.id}/{number}"))
        assert '<div class="result" data-result hidden>' in html
        for said in ("true", "false"):
            assert f'<div class="result-said" data-said="{said}" hidden>' in html
        for said in (True, False):
            assert escaped(result_of(card, said)) in html
        # Whichever the pupil says, the fact is the same: it is in the page once.
        assert html.count(escaped(card.fact)) == 1


@pytest.mark.parametrize("said", [True, False])
def test_answer_page_says_first_what_the_pupil_said_then_the_fact(client, deck, said):
    for number, card in enumerate(deck.cards, start=1):
        response = answer(client, deck, number, said)
        html = page_text(response)
        assert response.status_code == 200
        main = html.split('<main id="main"', 1)[1]
        first_heading = re.search(r"<h1[^>]*>(.*?)</h1>", main, re.S).group(1)
        assert escaped(result_of(card, said)) in first_heading
        assert main.index(escaped(card.statement)) < main.index(escaped(card.fact))
        # The title, which a screen reader reads first, says the result too.
        assert f"<title>{escaped(result_of(card, said))} Card {number} of" in html


def test_a_tick_is_shown_only_when_the_pupil_was_right(client, deck):
    for number, card in enumerate(deck.cards, start=1):
        for said in (True, False):
            html = page_text(answer(client, deck, number, said))
            matched = said == card.answer
            assert ("result-matched" in html) is matched
            assert ("result-not-matched" in html) is not matched


def test_answer_page_names_what_the_statement_is(client, deck):
    kinds = {
        "true": "This is true.",
        "lie": "This is a lie abusers tell.",
        "belief": "This is not true, but lots of people believe it.",
    }
    for number, card in enumerate(deck.cards, start=1):
        html = page_text(answer(client, deck, number, card.answer))
        assert escaped(card.verdict or kinds[card.kind]) in html
        if card.verdict:
            # A pupil whose picture was shared is not told that this is a lie.
            missed = page_text(answer(client, deck, number, not card.answer))
            assert "lie" not in missed.split('class="result-kind"')[1].split("</p>")[0]


def test_a_mismatch_is_answered_kindly_without_blame(client, deck):
    for number, card in enumerate(deck.cards, start=1):
        missed = page_text(answer(client, deck, number, not card.answer))
        assert "That’s right." not in missed
        for harsh in ("Wrong", "wrong", "Incorrect", "Fail", "should have", "score"):
            assert harsh not in missed


def test_answer_page_stays_only_in_the_pupils_own_browser(client, deck):
    # Not no-store, which made Back show the browser's error page; never in a shared cache.
    assert answer(client, deck, 1, True).headers["Cache-Control"] == "private, no-cache"


def test_answer_page_links_on_to_the_next_card_and_finish_on_the_last(client, deck):
    last = len(deck.cards)
    assert f'href="/quiz/{deck.id}/2">Next card' in page_text(answer(client, deck, 1, True))
    html = page_text(answer(client, deck, last, True))
    assert f'href="/quiz/{deck.id}/end">Finish' in html


def test_answer_page_takes_no_focus_and_the_form_opens_it_at_main(client, deck):
    # A page that has just loaded cannot tell a keyboard from a tap: focus on it would
    # ring the result for everyone. The form sends the pupil to #main instead.
    assert "autofocus" not in page_text(answer(client, deck, 1, True))
    assert f'action="/quiz/{deck.id}/1#main"' in page_text(client.get(f"/quiz/{deck.id}/1"))


def test_every_answer_page_is_rendered_once_at_start_up(app, client, deck):
    answers = state(app).answers
    assert len(answers) == 2 * len(deck.cards)
    before = dict(answers)
    for number in range(1, len(deck.cards) + 1):
        for said in (True, False):
            response = answer(client, deck, number, said)
            assert response.get_data() == answers[deck.id, number, said]
    # Answering fills nothing: the pages were all there before the first answer.
    assert answers == before


def test_a_restored_answer_tab_asks_again_with_get_and_gets_the_card(client, deck):
    # The answer page's own address (where the form sent the answer) is the card's: a
    # browser that restores the tab asks it with GET, and gets the card, not the answer.
    sent = answer(client, deck, 3, True)
    response = client.get(sent.request.path)
    assert response.status_code == 200
    assert "Is this true or false?" in page_text(response)
    assert page_text(response) != page_text(sent)
    assert '<div class="result" data-result hidden>' in page_text(response)


def test_end_page_says_the_pupil_has_finished_and_lists_the_lies_without_a_score(client, deck):
    html = page_text(client.get(f"/quiz/{deck.id}/end"))
    assert f"<h1>{escaped(deck.end_heading)}</h1>" in html
    # Not "the lies": one is a threat some pupils have seen carried out, and its own
    # verdict says what it is.
    assert "What abusers say, and the truth" in html
    for card in deck.cards:
        assert (escaped(card.statement) in html) is card.lie
        if card.lie:
            assert escaped(f"{card.verdict} {card.recap}" if card.verdict else card.recap) in html
    # On a phone the help panel is far down, after the lies: a way straight to it.
    assert '<a href="#help-panel-heading">Go straight to where to get help</a>' in html
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    for scoring in ("score", "Score", "out of", "%", "passed", "failed"):
        assert scoring not in main
    assert main.count('class="button"') == 1


def test_help_from_a_card_leads_back_to_that_card_and_never_carries_an_answer(client, deck):
    card_html = page_text(client.get(f"/quiz/{deck.id}/3"))
    assert f'href="/quiz/{deck.id}/3/help">Get help' in card_html
    answer_html = page_text(answer(client, deck, 3, True))
    assert f'href="/quiz/{deck.id}/3/help">Get help' in answer_html
    help_html = page_text(client.get(f"/quiz/{deck.id}/3/help"))
    assert f'href="/quiz/{deck.id}/3">Back to the quiz (card 3)' in help_html
    assert "Back to the quiz" not in page_text(client.get("/help"))


@pytest.mark.parametrize("path", ["/help", "/quiz/{deck}/3/help", "/quiz/{deck}/end"])
def test_no_page_shows_the_help_contacts_twice(client, deck, path):
    html = page_text(client.get(path.format(deck=deck.id)))
    assert html.count('<ul class="contacts">') == 1


def test_end_page_always_shows_childline_number_and_ceop(client, deck):
    html = page_text(client.get(f"/quiz/{deck.id}/end"))
    section = html.split('id="help-panel-heading">Where to get help</h2>')[1].split("</aside>")[0]
    assert "0800 1111" in section
    assert "CEOP" in section
    assert "adult you trust" in section
    assert "never your fault" in section.lower()


def test_phone_numbers_never_break_across_lines(client, deck):
    for path in PAGES:
        html = client.get(path.format(deck=deck.id)).get_data(as_text=True)
        assert CHILDLINE_NUMBER in html
        assert "0800 1111" not in html


def test_help_page_explains_ceop_childline_and_the_exit_button(client, content):
    html = page_text(client.get("/help"))
    for section in content.help.page.sections:
        assert escaped(section.heading) in html
    assert "CEOP" in html
    assert "0800 1111" in html
    assert "history" in html.lower()


def test_about_page_credits_the_guidance_and_says_who_looks_after_it(client, content):
    html = page_text(client.get("/about"))
    site, about = content.site, content.site.about
    words = [about.title, about.intro, about.care_heading, about.no_owner.heading]
    for section in about.sections:
        words += [section.heading, *section.paragraphs]
    for text in words:
        assert escaped(text) in html
    assert "not made or endorsed by CEOP or the National Crime Agency" in html
    assert 'href="https://www.ceopeducation.co.uk/"' in html
    assert f'<time datetime="{site.reviewed.isoformat()}">' in html
    # No placeholder address shown as if it reached someone.
    assert "example.org" not in html


PAGES = [
    "/",
    "/help",
    "/help/private",
    "/about",
    "/quiz/{deck}/1",
    "/quiz/{deck}/1/help",
    "/quiz/{deck}/end",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_help_and_the_exit_link(client, deck, path):
    response = client.get(path.format(deck=deck.id))
    assert response.status_code == 200
    assert_help_and_exit(page_text(response))


@pytest.mark.parametrize(("method", "path", "status"), ERRORS)
def test_errors_are_friendly_pages_with_help(client, deck, method, path, status):
    response = client.open(path.format(deck=deck.id), method=method)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    html = page_text(response)
    assert_help_and_exit(html)
    assert "Traceback" not in html
    assert response.headers["Cache-Control"] == "no-store"


def test_every_page_links_to_the_about_page_from_its_footer(client, deck):
    for method, path, _ in [("GET", path, 200) for path in PAGES] + ERRORS:
        html = page_text(client.open(path.format(deck=deck.id), method=method))
        footer = html.split('<footer class="site-footer">')[1]
        assert 'href="/about">About this quiz</a>' in footer, path


def test_method_not_allowed_still_says_which_methods_are(client, deck):
    response = client.post(f"/quiz/{deck.id}/end")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


BAD_ANSWERS = [
    {},
    {"card": "1"},
    {"answer": ""},
    {"answer": "maybe"},
    {"answer": "TRUE"},
    {"answer": "1"},
    {"answer": ["true", "false"]},
    {"answer": ["T", "F"]},
    {"answer": "t"},
]


@pytest.mark.parametrize("form", BAD_ANSWERS)
def test_tampered_answer_form_gets_400_with_help(client, deck, form):
    response = client.post(f"/quiz/{deck.id}/1", data=form)
    assert response.status_code == 400
    html = page_text(response)
    assert "That answer did not come through" in html
    assert_help_and_exit(html)


def test_json_body_is_not_taken_as_an_answer(client, deck):
    response = client.post(f"/quiz/{deck.id}/1", json={"answer": "true"})
    assert response.status_code == 400


def test_oversized_body_gets_413_with_help(client, deck):
    response = client.post(f"/quiz/{deck.id}/1", data={"answer": "true", "pad": "x" * 10_000})
    assert response.status_code == 413
    assert_help_and_exit(page_text(response))


def test_an_unexpected_failure_is_a_friendly_500_without_a_traceback(fresh_app, deck, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("quiz.views.sent_answer", broken)
    fresh_app.config["TESTING"] = False
    fresh_app.config["PROPAGATE_EXCEPTIONS"] = False
    response = answer(fresh_app.test_client(), deck, 1, True)
    assert response.status_code == 500
    html = page_text(response)
    assert "It is not something you did" in html
    assert "boom" not in html and "Traceback" not in html
    assert_help_and_exit(html)


ALL_REQUESTS = [("GET", path, 200) for path in PAGES] + ERRORS


def all_responses(client, deck):
    for method, path, _ in ALL_REQUESTS:
        yield client.open(path.format(deck=deck.id), method=method)
    yield answer(client, deck, 1, True)
    yield client.post(f"/quiz/{deck.id}/1", data={"answer": "x"})
    for url in asset_urls(client):
        yield client.get(url)


def test_no_response_ever_sets_a_cookie(client, deck):
    for response in all_responses(client, deck):
        assert "Set-Cookie" not in response.headers, response.request.path
    assert client.get_cookie("session") is None


def test_every_response_has_strict_security_headers(client, deck):
    for response in all_responses(client, deck):
        headers = response.headers
        policy = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "script-src 'self'" in policy
        assert "default-src 'none'" in policy
        assert "frame-ancestors 'self'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        for feature in ("camera=()", "microphone=()", "geolocation=()"):
            assert feature in headers["Permissions-Policy"]


def test_forms_go_only_to_the_site_itself_and_in_the_copy_to_its_files_on_disk(client):
    # Firefox matches no 'self' on a page opened from disk, so the copy's own <meta>
    # policy also names file:, or the presenter's choice of cards would not start there.
    served = client.get("/").headers["Content-Security-Policy"]
    assert "form-action 'self';" in served
    copy = static_app().test_client().get("/").get_data(as_text=True)
    assert "form-action 'self' file:;" in copy
    assert "http:" not in copy.split("Content-Security-Policy")[1].split(">")[0]


def test_frame_ancestors_can_be_configured():
    app = create_app({"QUIZ_FRAME_ANCESTORS": "https://school.example"})
    policy = app.test_client().get("/").headers["Content-Security-Policy"]
    assert "frame-ancestors https://school.example" in policy


def test_exit_destination_can_be_configured():
    app = create_app({"QUIZ_EXIT_URL": "https://www.example.org/"})
    html = page_text(app.test_client().get("/"))
    assert 'href="https://www.example.org/" rel="nofollow noreferrer"' in html


def test_exit_defaults_to_bbc_weather(client):
    assert 'href="https://www.bbc.co.uk/weather" rel="nofollow noreferrer"' in page_text(
        client.get("/")
    )


def test_pages_load_nothing_from_another_host(client, deck):
    for path in PAGES:
        html = page_text(client.get(path.format(deck=deck.id)))
        for attribute in re.findall(
            r'<(?:script|link|img|iframe)[^>]*(?:src|href)="([^"]+)"', html
        ):
            assert attribute.startswith("/static/"), attribute


def asset_urls(client_or_response, path: str = "/") -> list[str]:
    """The stylesheets and scripts a page links to: a response's, or the page at path's."""
    response = client_or_response
    if hasattr(client_or_response, "get"):
        response = client_or_response.get(path)
    return re.findall(r'(?:href|src)="(/static/[0-9a-f]{12}/[\w.]+)"', page_text(response))


def test_a_pupil_page_fetches_only_the_styles_and_scripts_it_uses(client, deck):
    uses = {
        "/": ["exit.js", "icon.svg", "style.css"],
        "/about": ["exit.js", "icon.svg", "style.css"],
        "/help": ["exit.js", "icon.svg", "style.css"],
        "/help/private": ["exit.js", "icon.svg", "style.css"],
        "/quiz/{deck}/1/help": ["exit.js", "icon.svg", "style.css"],
        "/quiz/{deck}/1": ["answer.js", "exit.js", "icon.svg", "quiz.css", "style.css"],
        "/quiz/{deck}/end": ["end.css", "exit.js", "icon.svg", "style.css"],
    }
    assert sorted(uses) == sorted(PAGES)
    for path, names in uses.items():
        urls = asset_urls(client, path.format(deck=deck.id))
        assert sorted(url.rsplit("/", 1)[1] for url in urls) == names, path
    urls = asset_urls(answer(client, deck, 1, True))
    assert sorted(url.rsplit("/", 1)[1] for url in urls) == [
        "exit.js",
        "icon.svg",
        "quiz.css",
        "style.css",
    ]


def test_static_assets_are_minified_fingerprinted_and_cached_for_a_year(client, deck):
    urls = {*asset_urls(client, f"/quiz/{deck.id}/1"), *asset_urls(client, f"/present/{deck.id}/1")}
    urls |= set(asset_urls(client, f"/teacher/{deck.id}"))
    urls |= set(asset_urls(client, f"/quiz/{deck.id}/end"))
    names = sorted(url.rsplit("/", 1)[1] for url in urls)
    assert names == sorted(BUNDLES)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "/*" not in response.get_data(as_text=True)[:200]
        assert (
            client.get(url, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
        )


def test_a_stale_or_unknown_asset_is_a_404(client):
    assert client.get("/static/000000000000/style.css").status_code == 404
    assert client.get("/static/000000000000/nope.css").status_code == 404


def test_answer_never_travels_in_a_url(client, deck):
    card_html = page_text(client.get(f"/quiz/{deck.id}/1"))
    answer_html = page_text(answer(client, deck, 1, True))
    for html in (card_html, answer_html):
        for url in re.findall(r'(?:href|action)="([^"]+)"', html):
            assert not re.search(r"true|false|answer", url)


def test_several_decks_are_listed_on_the_home_page(tmp_path):
    second = (
        VALID.split("decks:\n", 1)[1]
        .replace("id: sample", "id: other")
        .replace("Sample deck", "Other deck")
    )
    path = tmp_path / "questions.yaml"
    path.write_text(VALID + second, encoding="utf-8")
    client = create_app({"QUIZ_CONTENT": str(path)}).test_client()
    html = page_text(client.get("/"))
    assert 'href="/quiz/sample/1"' in html and 'href="/quiz/other/1"' in html
    assert client.get("/quiz/other/2").status_code == 200
    # The same real choices as with one deck: help first, or leave.
    assert ">Go to help first</a>" in html
    assert ">Leave this site</a>" in html
    for deck_id in ("sample", "other"):
        for page in ("present", "teacher", "handout"):
            assert f'href="/{page}/{deck_id}"' in html


def test_health_check_answers_ok_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "text/plain"


def test_shared_pages_are_cached_but_answering_adds_nothing(fresh_app, deck):
    client = fresh_app.test_client()
    pages = state(fresh_app).pages
    client.get(f"/quiz/{deck.id}/1")
    client.get(f"/quiz/{deck.id}/1")
    assert list(pages) == [("quiz.card", (("deck_id", deck.id), ("number", 1)))]
    answer(client, deck, 1, True)
    for path in ("/quiz/nope/1", f"/quiz/{deck.id}/999", f"/quiz/{deck.id}/1?x=1"):
        client.get(path)
    # Answers and unknown pages add nothing; a query string is not a new page.
    assert len(pages) == 1


@pytest.mark.parametrize("path", ["/about", "/teacher/video-chat"])
def test_a_copy_without_an_owner_says_so_before_it_is_used(client, content, path):
    html = page_text(client.get(path))
    assert escaped(content.site.about.no_owner.heading) in html
    assert "before using it with pupils, your school should" in html.lower()
    assert 'href="mailto:' not in html


@pytest.mark.parametrize("path", ["/about", "/teacher/video-chat"])
def test_the_school_named_as_owner_shows_with_its_contact_and_review_dates(content, path):
    html = page_text(create_app({"TESTING": True, **SCHOOL}).test_client().get(path))
    assert escaped(SCHOOL["QUIZ_OWNER"]) in html
    assert 'href="mailto:pshe@hillside.example"' in html
    assert '<time datetime="2026-12-01">1 December 2026</time>' in html
    assert '<time datetime="2027-12-01">1 December 2027</time>' in html
    assert escaped(content.site.about.no_owner.heading) not in html


@pytest.mark.parametrize("path", ["/help", "/handout/video-chat", "/present/video-chat/help"])
def test_the_schools_own_contact_is_on_the_help_page_slide_handout_and_card(path):
    client = create_app({"TESTING": True, **SCHOOL}).test_client()
    assert escaped(SCHOOL["QUIZ_SCHOOL_CONTACT"]) in page_text(client.get(path))


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "application/x-www-form-urlencoded; charset=utf-8"],
)
def test_an_answer_sent_another_way_a_browser_can_is_still_accepted(client, deck, content_type):
    # Only the exact form a browser sends is read by quiz.forms.sent_answer itself; any
    # other is Werkzeug's, which takes these as it always did.
    response = client.post(f"/quiz/{deck.id}/1", data={"answer": "T"}, content_type=content_type)
    assert response.status_code == 200
    assert result_of(deck.cards[0], True) in page_text(response)


def test_an_answer_body_not_in_utf8_gets_400_with_help(client, deck):
    response = client.post(
        f"/quiz/{deck.id}/1", data=b"answer=T\xff", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert_help_and_exit(page_text(response))
