"""The app's URL map remembers what GET and HEAD addresses matched (quiz/routing.py): it
must match exactly as Werkzeug's own map does, keep nothing for an answer, and stay
bounded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.test import EnvironBuilder

from quiz import create_app

APP = create_app({"TESTING": True})
# Werkzeug's own map with the same rules and settings: what every match must equal.
WERKZEUGS = Map(
    [rule.empty() for rule in APP.url_map.iter_rules()],
    merge_slashes=APP.url_map.merge_slashes,
    strict_slashes=APP.url_map.strict_slashes,
)
PATHS = ["/", "/help", "/help/", "/quiz/video-chat/1", "/quiz/video-chat/01", "/quiz/x/1"]


def matched(url_map: Map, method: str, path: str):
    """What `url_map` matches for a request, as Flask asks it: the rule's endpoint and the
    arguments, or the refusal."""
    environ = EnvironBuilder(path=path, method=method).get_environ()
    try:
        rule, arguments = url_map.bind_to_environ(environ).match(return_rule=True)
    except HTTPException as refused:
        return type(refused).__name__
    return rule.endpoint, arguments


@settings(max_examples=150, deadline=None)
@given(
    method=st.sampled_from(["GET", "HEAD", "POST", "DELETE"]),
    path=st.one_of(
        st.sampled_from(PATHS),
        st.lists(
            st.sampled_from(["quiz", "video-chat", "1", "20", "0", "end", "help", "", "x"]),
            max_size=4,
        ).map(lambda parts: "/" + "/".join(parts)),
    ),
)
def test_every_address_matches_as_werkzeug_matches_it_the_first_time_and_after(method, path):
    first = matched(APP.url_map, method, path)
    assert first == matched(WERKZEUGS, method, path)
    assert matched(APP.url_map, method, path) == first


def test_what_a_view_does_to_its_arguments_never_changes_the_next_match():
    environ = EnvironBuilder(path="/quiz/video-chat/3").get_environ()
    for _ in range(2):  # the second is the kept match
        APP.url_map.bind_to_environ(environ).match(return_rule=True)[1].clear()
    assert matched(APP.url_map, "GET", "/quiz/video-chat/3") == (
        "quiz.card",
        {"deck_id": "video-chat", "number": 3},
    )


def test_an_answer_is_matched_afresh_every_time_so_its_timing_tells_nothing(fresh_app, deck):
    client = fresh_app.test_client()
    assert client.post(f"/quiz/{deck.id}/2", data={"answer": "T"}).status_code == 200
    assert [key for key in fresh_app.url_map.matched if "POST" in key] == []


def test_made_up_addresses_never_keep_more_than_the_limit_and_pages_still_come(
    fresh_app, deck, monkeypatch
):
    # A small limit, so that the test fills it with a few requests, not a thousand.
    monkeypatch.setattr("quiz.routing.LIMIT", 8)
    client = fresh_app.test_client()
    for number in range(18):
        assert client.get(f"/quiz/made-up/{number}").status_code == 404
    assert len(fresh_app.url_map.matched) == 8
    assert client.get(f"/quiz/{deck.id}/1").status_code == 200


def test_kept_addresses_are_forgotten_when_a_rule_is_added(fresh_app):
    fresh_app.test_client().get("/help")
    assert fresh_app.url_map.matched
    fresh_app.url_map.add(Rule("/help", endpoint="another"))
    assert fresh_app.url_map.matched == {}
