"""The lesson presenter, speaker view, teacher notes and handout, through Flask's test
client: every address, every bad address, and what each page must say."""

from __future__ import annotations

import re

import pytest

from quiz import create_app
from quiz.config import SettingError, from_environment
from quiz.content import ContentError, parse
from quiz.export import static_app
from quiz.state import state
from tests.helpers import assert_help_and_exit, escaped, lesson_paths, page_text
from tests.sample import VALID


def slides_in(html: str) -> list[tuple[str, bool]]:
    """Each slide's own address in the page, and whether it is the one shown."""
    return [
        (url.replace("&amp;", "&"), hidden == "")
        for url, hidden in re.findall(r'data-url="([^"]+)"[^>]*?( hidden)?>', html)
    ]


def test_home_page_links_to_the_teacher_features(client, deck):
    html = page_text(client.get("/"))
    assert f'href="/present/{deck.id}">Present to a class' in html
    assert f'href="/teacher/{deck.id}">Teacher notes' in html


@pytest.mark.parametrize("chosen", [None, (2, 5, 7)])
def test_every_presenter_page_holds_the_whole_lesson_and_shows_its_own_slide(client, deck, chosen):
    paths = list(lesson_paths(deck, chosen))
    for index, path in enumerate(paths):
        html = page_text(client.get(path))
        assert slides_in(html) == [(other, other == path) for other in paths], path
        # Without a script, Back and Next are plain links to the slides either side.
        if index:
            assert f'href="{escaped(paths[index - 1])}" rel="prev"' in html
        if index + 1 < len(paths):
            assert f'href="{escaped(paths[index + 1])}" rel="next"' in html


def test_lesson_runs_rules_baseline_cards_endpoint_help(client, content, deck):
    html = page_text(client.get(f"/present/{deck.id}/rules"))
    classroom = content.classroom
    order = [
        classroom.ground_rules.heading,
        classroom.baseline.heading,
        deck.cards[0].statement,
        deck.cards[-1].recap,
        classroom.endpoint.heading,
        "Where to get help",
    ]
    positions = [html.index(escaped(text)) for text in order]
    assert positions == sorted(positions)
    for step in (*classroom.ground_rules.steps, *classroom.baseline.steps):
        assert escaped(step) in html
    assert "I will need to tell someone who can help" in html


def test_answer_slide_projects_the_verdict_and_recap_but_no_teacher_prompt(client, deck):
    for number, card in enumerate(deck.cards, start=1):
        html = page_text(client.get(f"/present/{deck.id}/{number}/answer"))
        assert escaped(card.recap) in html
        # The full fact and the prompts are for the speaker view and the notes only.
        assert escaped(card.fact) not in html
        for prompt in card.discuss:
            assert escaped(prompt.ask) not in html
        assert "Ask the class" not in html


def test_presenter_has_no_answer_buttons_or_score(client, deck):
    html = page_text(client.get(f"/present/{deck.id}/1"))
    assert "<form" not in html
    assert "score" not in html.lower()


@pytest.mark.parametrize("slide", ["rules", "1", "1/answer", "help", "speaker"])
def test_every_presenter_screen_has_help_and_the_exit(client, deck, slide):
    html = page_text(client.get(f"/present/{deck.id}/{slide}"))
    assert "0800 1111" in html
    assert 'data-module="exit-this-page"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/present/nope",
        "/present/nope/rules",
        "/present/{deck}/0",
        "/present/{deck}/999",
        "/present/{deck}/999/answer",
        "/present/{deck}/speaker?cards=1,999",
        "/present/{deck}/rules?cards=0",
        "/present/{deck}/rules?cards=one",
        "/present/{deck}/rules?cards=1,,2",
        "/present/{deck}/rules?cards=-1",
        "/present/{deck}/rules?cards=" + "9" * 50,
        # A card left out of the choice has no slide in it.
        "/present/{deck}/3?cards=1,2",
        "/present/{deck}/3/answer?cards=1,2",
        "/handout/{deck}?cards=1,x",
        "/teacher/nope",
        "/handout/nope",
    ],
)
def test_unknown_slides_and_bad_choices_are_friendly_404s(client, deck, path):
    response = client.get(path.format(deck=deck.id))
    assert response.status_code == 404
    assert_help_and_exit(page_text(response))


def test_start_page_offers_every_card_and_the_suggested_lesson(client, deck):
    html = page_text(client.get(f"/present/{deck.id}"))
    suggested = ",".join(map(str, deck.lesson_numbers()))
    assert f'href="/present/{deck.id}?cards={suggested}"' in html
    start = (
        f'href="/present/{deck.id}/rules?cards={suggested}">Start the suggested 30-minute lesson'
    )
    assert start in html
    assert f'action="/present/{deck.id}/rules" method="get"' in html
    assert html.count('name="cards"') == len(deck.cards)
    assert html.count(" checked>") == len(deck.cards)
    chosen = page_text(client.get(f"/present/{deck.id}?cards={suggested}"))
    assert chosen.count(" checked>") == len(deck.lesson_numbers())


def test_the_start_form_choice_reaches_every_slide_link_in_canonical_form(client, deck):
    # What the start page's form sends: one `cards` per ticked box.
    html = page_text(client.get(f"/present/{deck.id}/rules?cards=5&cards=2"))
    assert slides_in(html) == [
        (path, path.startswith(f"/present/{deck.id}/rules")) for path in lesson_paths(deck, (2, 5))
    ]
    assert f'data-speaker-url="/present/{deck.id}/speaker?cards=2,5"' in html


def test_a_chosen_set_is_rendered_fresh_and_never_kept(fresh_app, deck):
    app = fresh_app
    client = app.test_client()
    for first in range(1, 30):
        client.get(f"/present/{deck.id}/rules?cards={first % len(deck.cards) + 1},1")
    client.get(f"/present/{deck.id}/rules")
    # Only the whole deck's page is kept, however many choices were asked for.
    assert list(state(app).pages) == [
        ("classroom.present_slide", (("deck_id", deck.id), ("slide", "rules")))
    ]


def test_speaker_view_has_every_slide_with_full_fact_prompts_answers_and_notes(
    client, content, deck
):
    html = page_text(client.get(f"/present/{deck.id}/speaker"))
    assert html.count("data-notes-for=") == len(list(lesson_paths(deck)))
    for card in deck.cards:
        assert escaped(card.fact) in html
        for prompt in card.discuss:
            assert escaped(prompt.ask) in html and escaped(prompt.answer) in html
        if card.teacher_note:
            assert escaped(card.teacher_note) in html
    assert html.count('tag-sensitive">Sensitive: private vote') == 2 * sum(
        card.sensitive for card in deck.cards
    )
    assert "data-clock" in html
    assert f'href="/teacher/{deck.id}"' in html


def test_speaker_view_follows_a_choice_of_cards(client, deck):
    html = page_text(client.get(f"/present/{deck.id}/speaker?cards=1,4"))
    assert escaped(deck.cards[0].fact) in html and escaped(deck.cards[3].fact) in html
    assert escaped(deck.cards[1].fact) not in html


def test_teacher_notes_put_the_disclosure_procedure_first_with_every_step(client, content, deck):
    html = page_text(client.get(f"/teacher/{deck.id}"))
    notes = content.classroom.teacher_notes
    disclosure = html.index(escaped(notes.disclosure.heading), html.index('id="disclosure"') - 200)
    assert disclosure < html.index('id="aims"')
    for point in notes.disclosure.points:
        assert escaped(point) in html
    text = html.lower()
    for step in (
        "never view, copy, print, forward",
        "don’t delete",
        "don’t investigate",
        "in their own words",
        "designated safeguarding lead",
        "pause them gently",
        "never promise",
    ):
        assert step in text, step


def test_teacher_notes_have_timings_answer_key_and_every_card_with_model_answers(
    client, content, deck
):
    html = page_text(client.get(f"/teacher/{deck.id}"))
    for timing in content.classroom.teacher_notes.timings:
        assert escaped(timing.what) in html
    key = html[html.index('id="answer-key"') : html.index('id="cards"')]
    assert key.count("<tr>") == len(deck.cards) + 1
    for card in deck.cards:
        assert escaped(card.fact) in html
        for prompt in card.discuss:
            assert f"Model answer: {escaped(prompt.answer)}" in html
    guidance = content.classroom.guidance
    link = f'<a href="{guidance.href}">{escaped(guidance.text)}</a>, the part headed'
    assert html.count(link) == len(deck.cards)
    assert html.count('tag-sensitive">Sensitive: private vote') == sum(
        card.sensitive for card in deck.cards
    )


def test_handout_has_the_chosen_key_facts_and_every_kind_of_help(client, content, deck):
    html = page_text(client.get(f"/handout/{deck.id}?cards=2,3"))
    assert [escaped(card.recap) in html for card in deck.cards[:4]] == [False, True, True, False]
    handout = content.classroom.handout
    for point in handout.threatened.points:
        assert escaped(point) in html
    for link in handout.online:
        assert f'href="{link.href}"' in html
    assert "0800 1111" in html and "Report Remove" in html
    assert 'data-module="print-button" hidden' in html


def test_handout_without_a_public_address_has_no_address_or_qr_code(client, deck):
    html = page_text(client.get(f"/handout/{deck.id}"))
    assert 'class="qr"' not in html and 'class="address"' not in html


def test_handout_shows_the_public_address_and_its_qr_code_as_inline_svg(monkeypatch, deck):
    monkeypatch.setenv("QUIZ_PUBLIC_URL", "https://school.example/pshe/quiz/")
    html = page_text(create_app({"TESTING": True}).test_client().get(f"/handout/{deck.id}"))
    assert '<a class="address" href="https://school.example/pshe/quiz/">' in html
    svg = html[html.index('<svg viewBox="0 0') : html.index("</svg>", html.index('class="qr"'))]
    assert 'class="qr"' in svg and "<path" in svg
    # The Content-Security-Policy allows no inline style.
    assert "style=" not in html


@pytest.mark.parametrize("bad", ["http://school.example/", "school.example", "https://a b/"])
def test_a_public_address_that_is_not_https_stops_the_app(bad):
    with pytest.raises(SettingError, match="QUIZ_PUBLIC_URL must be an https:// address"):
        from_environment({"QUIZ_PUBLIC_URL": bad})


def test_end_page_and_teacher_notes_link_to_the_handout(client, deck):
    for path in (f"/quiz/{deck.id}/end", f"/teacher/{deck.id}"):
        assert f'href="/handout/{deck.id}"' in page_text(client.get(path))


def with_lesson(cards: str) -> str:
    return VALID.replace("    cards:\n", f"    lesson_cards: [{cards}]\n    cards:\n", 1)


@pytest.mark.parametrize(
    ("cards", "complaint"),
    [
        ("first, second", "list 8 to 10 cards for a 30-minute lesson, not 2"),
        ("first, nope", "no card has the id 'nope'"),
        ("first, first", "a card is listed twice"),
    ],
)
def test_a_bad_suggested_lesson_names_its_line_and_what_is_wrong(cards, complaint):
    text = with_lesson(cards)
    with pytest.raises(ContentError) as error:
        parse(text)
    line = text.splitlines().index(f"    lesson_cards: [{cards}]") + 1
    assert f"questions.yaml:{line}: deck 'sample': field 'lesson_cards': {complaint}" in str(
        error.value
    )


def test_a_suggested_lesson_must_keep_every_lie(content):
    text = with_lesson("second").replace(
        "        answer: false\n", "        answer: false\n        lie: true\n", 1
    )
    with pytest.raises(ContentError, match="keep every lie in the lesson; add first"):
        parse(text)


def test_the_real_suggested_lesson_keeps_all_six_lies(deck):
    lies = [number for number, card in enumerate(deck.cards, start=1) if card.lie]
    assert len(lies) == 6
    assert set(lies) <= set(deck.lesson_numbers())
    assert 8 <= len(deck.lesson_numbers()) <= 10


def test_only_the_copy_says_choosing_cards_needs_javascript(client, deck):
    # A copy's page is the same file whatever its address asks for.
    copy = static_app().test_client()
    html = page_text(copy.get(f"/present/{deck.id}"))
    # Before the suggested lesson, which is a choice of cards too.
    assert html.index("data-needs-script") < html.index("Start the suggested 30-minute lesson")
    assert "data-needs-script" not in page_text(client.get(f"/present/{deck.id}"))


def test_the_speaker_views_next_slide_says_more_than_its_title(client, deck):
    html = page_text(client.get(f"/present/{deck.id}/speaker"))
    slides = re.findall(r'<div class="slide [^"]*"[^>]*data-title="([^"]*)"[^>]*>', html)
    summaries = re.findall(r'<div class="slide [^"]*"[^>]*data-summary="([^"]*)"[^>]*>', html)
    assert len(slides) == len(summaries) == len(list(lesson_paths(deck)))
    # The help slide has nothing to add to its title; every other slide does.
    assert [
        title for title, summary in zip(slides, summaries, strict=True) if summary in ("", title)
    ] == ["Where to get help"]


def test_the_speaker_view_has_one_h1_and_each_slide_under_on_the_projector(client, deck):
    html = page_text(client.get(f"/present/{deck.id}/speaker"))
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert re.findall(r"<h3[ >]", html)
    # Slides sit under "On the projector" (an h2), so their headings are h3, never h1 or h2.
    now = html.split('id="speaker-now-heading"')[1].split("</section>")[0]
    assert not re.findall(r"<h[12][ >]", now)


@pytest.mark.parametrize(
    "path",
    ["/", "/help", "/present/{deck}", "/present/{deck}/speaker", "/present/{deck}/rules"]
    + ["/teacher/{deck}", "/handout/{deck}", "/quiz/{deck}/1"],
)
def test_every_title_names_the_site_once(client, content, deck, path):
    html = page_text(client.get(path.format(deck=deck.id)))
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.count(escaped(content.site.name)) == 1, title


@pytest.mark.parametrize("page", ["letter", "briefing"])
def test_the_letter_home_and_the_dsl_briefing_are_printable_pages_with_help(client, content, page):
    words = getattr(content.classroom, page)
    html = page_text(client.get(f"/teacher/{page}"))
    for text in (words.title, words.intro, *(section.heading for section in words.sections)):
        assert escaped(text) in html
    assert "print.css" in html
    assert 'href="tel:08001111"' in html


def test_the_letter_says_whether_pupils_can_be_withdrawn_citing_the_guidance(content):
    letter = " ".join(
        paragraph
        for section in content.classroom.letter.sections
        for paragraph in section.paragraphs
    )
    assert "withdrawn from sex education, but not from Relationships Education" in letter
    assert "statutory guidance" in letter


def test_the_contacts_card_gives_help_and_nothing_about_the_lesson(client, content):
    html = page_text(client.get("/contacts-card"))
    card = content.classroom.contacts_card
    body = html[html.index("<main") : html.index("</main>")].lower()
    for contact in card.contacts:
        assert escaped(contact.action.split(":")[0]).lower() in body
    # Someone at home who finds it learns nothing of what the lesson was about.
    for word in ("video", "chat:", "ceop", "naked", "sexual", "picture", "abuse", "lesson"):
        assert word not in body, word


def test_teacher_notes_link_to_the_letter_briefing_and_contacts_card(client, deck):
    html = page_text(client.get(f"/teacher/{deck.id}"))
    for path in ("/teacher/letter", "/teacher/briefing", "/contacts-card"):
        assert f'href="{path}"' in html


def test_the_preparation_checklist_comes_after_the_disclosure_steps(client, content, deck):
    html = page_text(client.get(f"/teacher/{deck.id}"))
    prep = content.classroom.teacher_notes.preparation
    assert html.index('id="disclosure"') < html.index('id="preparation"') < html.index('id="aims"')
    assert 'class="checklist"' in html
    for point in prep.points:
        assert escaped(point) in html


def test_the_help_slide_says_childline_has_limits_to_its_confidentiality(client, deck):
    html = page_text(client.get(f"/present/{deck.id}/help"))
    assert "private (with a few limits)" in html
