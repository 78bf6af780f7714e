"""Settings from environment variables: safe defaults, and a clear refusal of bad values."""

from __future__ import annotations

from datetime import date

import pytest

from quiz.config import SettingError, from_environment, ownership, server_settings
from tests.helpers import SCHOOL


def test_defaults_are_safe_without_any_setting():
    settings = from_environment({})
    assert settings["QUIZ_FRAME_ANCESTORS"] == "'self'"
    assert settings["QUIZ_EXIT_URL"] == ""
    assert settings["MAX_CONTENT_LENGTH"] == 2048
    assert settings["QUIZ_TRUSTED_HOSTS"] == ("127.0.0.1", "localhost")


def test_trusted_hosts_take_names_addresses_and_dotted_suffixes():
    value = "quiz.school.example .school.example 192.0.2.7"
    assert from_environment({"QUIZ_TRUSTED_HOSTS": value})["QUIZ_TRUSTED_HOSTS"] == (
        "quiz.school.example",
        ".school.example",
        "192.0.2.7",
    )


@pytest.mark.parametrize(
    "value",
    [
        "'none'",
        "'self'",
        "'self' https://school.example",
        "https://*.school.example:8443/quiz/",
        "https://school.example:*",
    ],
)
def test_frame_ancestors_takes_self_none_and_https_origins(value):
    assert from_environment({"QUIZ_FRAME_ANCESTORS": value})["QUIZ_FRAME_ANCESTORS"] == value


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("QUIZ_EXIT_URL", "javascript:alert(1)"),
        ("QUIZ_EXIT_URL", "http://www.bbc.co.uk/weather"),
        ("QUIZ_EXIT_URL", 'https://a.example/" onclick="x'),
        ("QUIZ_FRAME_ANCESTORS", "*"),
        ("QUIZ_FRAME_ANCESTORS", "'self'; script-src *"),
        ("QUIZ_FRAME_ANCESTORS", "'self'\nX-Injected: yes"),
        ("QUIZ_FRAME_ANCESTORS", "'none' https://a.example"),
        ("QUIZ_FRAME_ANCESTORS", "http://school.example"),
        ("QUIZ_FRAME_ANCESTORS", "https://*"),
        ("QUIZ_FRAME_ANCESTORS", "https://school.example,https://other.example"),
        ("QUIZ_FRAME_ANCESTORS", "https://school.example/quiz?x=1"),
        ("QUIZ_MAX_BODY_BYTES", "lots"),
        ("QUIZ_MAX_BODY_BYTES", "²²²"),
        ("QUIZ_MAX_BODY_BYTES", "-1"),
        ("QUIZ_MAX_BODY_BYTES", "100"),
        ("QUIZ_MAX_BODY_BYTES", "99999999999"),
        ("QUIZ_TRUSTED_HOSTS", "*"),
        ("QUIZ_TRUSTED_HOSTS", "quiz.school.example:443"),
        ("QUIZ_TRUSTED_HOSTS", "https://quiz.school.example"),
        ("QUIZ_TRUSTED_HOSTS", "Quiz.School.Example"),
        ("QUIZ_TRUSTED_HOSTS", "[::1]"),
        ("QUIZ_TRUSTED_HOSTS", "a.example,b.example"),
        ("QUIZ_TRUSTED_HOSTS", "a.example  b.example"),
    ],
)
def test_a_bad_setting_is_refused_naming_it_and_its_value(name, value):
    with pytest.raises(SettingError) as refused:
        from_environment({name: value})
    assert str(refused.value).startswith(f"{name} must be ")
    assert str(refused.value).endswith(f"got {value!r}")


def test_every_bad_setting_is_listed_at_once():
    with pytest.raises(SettingError) as refused:
        from_environment({"QUIZ_EXIT_URL": "ftp://x", "QUIZ_MAX_BODY_BYTES": "lots"})
    assert [line.split()[0] for line in str(refused.value).splitlines()] == [
        "QUIZ_EXIT_URL",
        "QUIZ_MAX_BODY_BYTES",
    ]


@pytest.mark.parametrize(
    ("name", "closest"),
    [
        ("QUIZ_TRUSTED_HOST", "QUIZ_TRUSTED_HOSTS"),
        ("QUIZ_MAX_BODY_SIZE", "QUIZ_MAX_BODY_BYTES"),
        ("QUIZ_WORKER", "QUIZ_WORKERS"),
    ],
)
def test_an_unknown_setting_is_refused_naming_the_closest_known_one(name, closest):
    # A misspelt QUIZ_TRUSTED_HOST was ignored, and every page answered 400 without a word.
    with pytest.raises(SettingError) as refused:
        from_environment({name: "x"})
    assert str(refused.value) == (
        f"{name} is not a setting the quiz knows; did you mean {closest}?"
    )


def test_other_variables_and_the_deploy_templates_names_are_left_alone():
    settings = {"HOME": "/root", "QUIZ_SERVER_NAME": "quiz.school.example", "QUIZ_BIND": ""}
    assert from_environment(settings)["QUIZ_TRUSTED_HOSTS"] == ("127.0.0.1", "localhost")


@pytest.mark.parametrize(
    ("environ", "bind"),
    [
        ({}, "127.0.0.1:8000"),
        ({"QUIZ_BIND": "127.0.0.2:8001"}, "127.0.0.2:8001"),
        ({"QUIZ_BIND": "[::1]:8001"}, "[::1]:8001"),
        ({"QUIZ_BIND": "localhost:8001"}, "localhost:8001"),
        ({"QUIZ_BIND": "unix:/run/quiz/quiz.sock"}, "unix:/run/quiz/quiz.sock"),
        ({"QUIZ_BIND": "192.0.2.7:8001", "QUIZ_REMOTE_PROXY": "yes"}, "192.0.2.7:8001"),
    ],
)
def test_gunicorn_binds_to_loopback_unless_told_the_proxy_is_elsewhere(environ, bind):
    assert server_settings(environ) == (bind, 2)


@pytest.mark.parametrize(
    "value",
    [
        "0.0.0.0:8001",
        "[::]:8001",
        "192.0.2.7:8001",
        "127.0.0.1:99999",
        "127.0.0.1:0",
        "127.0.0.1",
        "quiz.example:8001",
        "unix:",
    ],
)
def test_a_bind_address_beyond_loopback_or_out_of_range_is_refused(value):
    with pytest.raises(SettingError) as refused:
        server_settings({"QUIZ_BIND": value})
    assert str(refused.value).startswith("QUIZ_BIND must ")
    assert str(refused.value).endswith(f"got {value!r}")
    assert "\n" not in str(refused.value)


def test_an_unset_owner_contact_and_review_dates_are_each_warned_about():
    warnings = ownership(from_environment({})).unset()
    assert [warning.split(" ")[1] for warning in warnings] == list(SCHOOL)
    assert ownership(from_environment(SCHOOL)).unset() == []


def test_the_review_dates_are_read_as_days():
    school = ownership(from_environment(SCHOOL))
    assert (school.reviewed, school.next_review) == (date(2026, 12, 1), date(2027, 12, 1))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("QUIZ_CONTACT", "content@example.org"),
        ("QUIZ_CONTACT", "http://school.example/"),
        ("QUIZ_REVIEWED", "2026-02-30"),
        ("QUIZ_NEXT_REVIEW", "next year"),
        ("QUIZ_OWNER", "Hillside\nSchool"),
    ],
)
def test_a_bad_owner_setting_is_refused_by_name(name, value):
    with pytest.raises(SettingError, match=name):
        from_environment({**SCHOOL, name: value})


def test_the_next_review_comes_after_the_last():
    with pytest.raises(SettingError, match="QUIZ_NEXT_REVIEW must be after QUIZ_REVIEWED"):
        from_environment({**SCHOOL, "QUIZ_NEXT_REVIEW": "2026-11-30"})
