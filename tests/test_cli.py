"""The content check command, and start-up with a bad content file."""

from __future__ import annotations

import os
import subprocess
import sys

from quiz.config import ROOT
from tests.sample import VALID, line_of


def run(*args: str, content: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "FLASK_DEBUG": "0"}
    if content:
        env["QUIZ_CONTENT"] = content
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def bad_file(tmp_path):
    path = tmp_path / "questions.yaml"
    path.write_text(VALID.replace("answer: false", "answer: no"), encoding="utf-8")
    return path


def test_check_command_passes_the_real_content_file():
    result = run("-m", "flask", "--app", "app", "check")
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout


def test_check_command_fails_on_a_bad_file_with_file_line_and_field(tmp_path):
    path = bad_file(tmp_path)
    result = run("-m", "flask", "--app", "app", "check", str(path))
    assert result.returncode == 1
    expected = f"{path}:{line_of(VALID, 'answer: false')}: card 'first': field 'answer'"
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_check_command_checks_a_good_file_while_the_served_file_is_bad(tmp_path):
    result = run(
        "-m",
        "flask",
        "--app",
        "app",
        "check",
        str(ROOT / "questions.yaml"),
        content=str(bad_file(tmp_path)),
    )
    assert result.returncode == 0, result.stderr
    assert "OK: 1 deck" in result.stdout


def test_check_command_reports_the_served_file_when_it_is_bad(tmp_path):
    path = bad_file(tmp_path)
    result = run("-m", "flask", "--app", "app", "check", content=str(path))
    assert result.returncode == 1
    assert f"{path}:{line_of(VALID, 'answer: false')}: card 'first'" in result.stderr
    assert "Traceback" not in result.stderr


def test_app_refuses_to_start_with_bad_content_and_says_why_briefly(tmp_path):
    path = bad_file(tmp_path)
    for command in (["-c", "import app"], ["-m", "flask", "--app", "app", "routes"]):
        result = run(*command, content=str(path))
        assert result.returncode != 0
        assert f"{path} has 1 problem:" in result.stderr
        assert "must be true or false, not 'no'" in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) <= 3


def test_app_refuses_a_bad_setting_with_a_short_message():
    env = {**os.environ, "QUIZ_MAX_BODY_BYTES": "lots"}
    result = subprocess.run(
        [sys.executable, "-c", "import app"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "QUIZ_MAX_BODY_BYTES must be a whole number of bytes from 256 to 1048576; got 'lots'"
    )


OWNER_UNSET = "warning: QUIZ_OWNER is not set"


def test_check_passes_but_warns_while_no_owner_is_set():
    result = run("-m", "flask", "--app", "app", "check")
    assert result.returncode == 0
    assert OWNER_UNSET in result.stderr
    assert "warning: QUIZ_SCHOOL_CONTACT is not set" in result.stderr


def test_production_start_up_warns_while_no_owner_is_set():
    result = run("-c", "import quiz.wsgi")
    assert result.returncode == 0
    assert OWNER_UNSET in result.stderr


def test_export_warns_while_no_owner_is_set(tmp_path):
    result = run("-m", "flask", "--app", "app", "export", str(tmp_path / "copy"))
    assert result.returncode == 0, result.stderr
    assert OWNER_UNSET in result.stderr
