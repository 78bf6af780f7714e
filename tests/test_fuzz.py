"""Property-based tests: random requests never cause a 5xx, and a damaged content file
always gives the clear content error, never another exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz import create_app
from quiz.content import Content, ContentError, parse
from tests.conftest import CONTENT_FILE
from tests.test_http import assert_help_and_exit

REAL_TEXT = CONTENT_FILE.read_text(encoding="utf-8")
APP = create_app({"TESTING": True})
DECK = APP.extensions["quiz_content"].decks[0].id
KNOWN_PATHS = [
    "/",
    "/help",
    "/healthz",
    f"/quiz/{DECK}/1",
    f"/quiz/{DECK}/reveal",
    f"/quiz/{DECK}/end",
    f"/present/{DECK}",
    f"/present/{DECK}/1/answer",
    f"/present/{DECK}/help",
    f"/teacher/{DECK}",
    f"/handout/{DECK}",
]

segments = st.one_of(
    st.sampled_from([DECK, "quiz", "present", "reveal", "end", "answer", "0", "-1", "99999"]),
    st.text(st.characters(codec="utf-8", exclude_characters="/?#"), max_size=12),
)
paths = st.one_of(
    st.sampled_from(KNOWN_PATHS),
    # A path starting "//" would name a host to the test client, not a path to the app.
    st.lists(segments, max_size=4)
    .map(lambda parts: "/" + "/".join(parts))
    .filter(lambda path: not path.startswith("//")),
)
methods = st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"])
content_types = st.sampled_from(
    [
        None,
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "multipart/form-data",
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded; charset=utf-16",
    ]
)
form_values = st.one_of(
    st.sampled_from(["true", "false", "1", "0", "14", "99999", "-3", "", "TRUE", "1e3"]),
    st.text(max_size=20),
)
bodies = st.one_of(
    st.dictionaries(st.sampled_from(["card", "answer", "csrf_token", "x"]), form_values).map(
        lambda form: "&".join(f"{key}={value}" for key, value in form.items()).encode()
    ),
    st.binary(max_size=300),
    st.just(b'{"card": 1, "answer": "true"}'),
    st.just(b"[1, 2]"),
)
header_values = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30)
headers = st.dictionaries(
    st.sampled_from(["Accept", "Accept-Language", "Cookie", "Referer", "X-Forwarded-For", "Range"]),
    header_values,
    max_size=3,
)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=paths, method=methods, content_type=content_types, body=bodies, extra=headers)
def test_random_requests_never_cause_a_server_error(path, method, content_type, body, extra):
    client = APP.test_client()
    request_headers = dict(extra)
    if content_type:
        request_headers["Content-Type"] = content_type
    response = client.open(path, method=method, data=body, headers=request_headers)
    assert response.status_code < 500
    assert "Set-Cookie" not in response.headers
    if response.status_code >= 400 and method != "HEAD":
        assert_help_and_exit(response.get_data(as_text=True))


@st.composite
def damaged_files(draw):
    """The real content file, cut, with lines dropped, repeated or re-indented, or with
    characters changed."""
    text = REAL_TEXT
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["truncate", "drop", "repeat", "indent", "replace"]))
        rows = text.splitlines(keepends=True) or [""]
        at = draw(st.integers(0, len(rows) - 1))
        if kind == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
        elif kind == "drop":
            del rows[at : at + draw(st.integers(1, 5))]
            text = "".join(rows)
        elif kind == "repeat":
            rows.insert(at, rows[at])
            text = "".join(rows)
        elif kind == "indent":
            rows[at] = draw(st.sampled_from(["", " ", "  ", "\t", "      "])) + rows[at].lstrip()
            text = "".join(rows)
        else:
            position = draw(st.integers(0, max(len(text) - 1, 0)))
            character = draw(
                st.sampled_from([":", "-", "'", '"', "[", "{", "&", "*", "!", "#", "x"])
            )
            text = text[:position] + character + text[position + 1 :]
    return text


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=damaged_files())
def test_damaged_content_file_always_gives_a_content_error_with_a_line(text):
    try:
        result = parse(text)
    except ContentError as error:
        assert error.problems
        for line, _ in error.problems:
            assert 1 <= line <= text.count("\n") + 2
        assert str(error).startswith("questions.yaml has ")
    else:
        assert isinstance(result, Content)
