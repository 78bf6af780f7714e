"""A real install: the wheel, installed into a fresh virtual environment, serves the quiz
with no repository in sight; and a checkout serves the files a teacher edits in it."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from quiz import create_app
from quiz.config import ROOT, setting
from tests.sample import VALID

REPOSITORY = Path(__file__).resolve().parent.parent


def environment(**settings: str) -> dict[str, str]:
    # Nothing from this test run's environment may lead the installed copy to the source.
    inherited = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    return {**inherited, **settings}


def run(*command: str | Path, cwd: Path, **settings: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=environment(**settings),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """The wheel built from this checkout and installed, with the production extra, into a
    new virtual environment outside the repository: its bin folder, and an empty folder
    outside the repository to run it from. Built once for the module: it takes seconds."""
    work = tmp_path_factory.mktemp("wheel")
    dist, venv, elsewhere = work / "dist", work / "venv", work / "elsewhere"
    elsewhere.mkdir()
    # uv (a test tool) builds the same wheel as `pip wheel` would, with the same build
    # backend, and installs it as pip would, in a sixth of the time.
    uv = [sys.executable, "-m", "uv", "--quiet"]
    built = run(*uv, "build", "--wheel", "--out-dir", dist, REPOSITORY, cwd=work)
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("*.whl")
    # No pip of its own: uv installs into it.
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    done = run(
        *uv, "pip", "install", "--native-tls", "--python", python, f"{wheel}[prod]", cwd=work
    )
    assert done.returncode == 0, done.stderr
    return venv / "bin", elsewhere


@pytest.fixture(scope="module")
def served(installed):
    """gunicorn from the new environment with the packaged production settings, as a school
    would run the wheel, on a loopback port it picks itself: its address and access log.
    The settings load the app before gunicorn listens, so one that cannot start stops
    gunicorn, with its message, which the test then shows."""
    bin_, elsewhere = installed
    log, access = elsewhere / "gunicorn.log", elsewhere / "access.log"
    command = [bin_ / "gunicorn", "-c", "python:quiz.gunicorn_conf", "--bind", "127.0.0.1:0"]
    with log.open("w") as errors, access.open("w") as requests:
        server = subprocess.Popen(
            [*command, "--workers", "1", "quiz.wsgi:app"],
            cwd=elsewhere,
            env=environment(),
            stdout=requests,
            stderr=errors,
        )
    try:
        yield listening_address(log, server), access
    finally:
        server.terminate()
        server.wait(timeout=10)


def listening_address(log: Path, server: subprocess.Popen) -> str:
    for _ in range(300):
        if found := re.search(r"Listening at: (http://127\.0\.0\.1:[0-9]+)", log.read_text()):
            return found.group(1)
        assert server.poll() is None, log.read_text()
        time.sleep(0.1)
    raise AssertionError(f"gunicorn did not start:\n{log.read_text()}")


def get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.headers.get_content_type(), response.read().decode("utf-8")


def test_the_wheel_holds_its_own_templates_styles_scripts_and_content(installed):
    bin_, elsewhere = installed
    found = run(bin_ / "python", "-c", "from quiz.config import ROOT; print(ROOT)", cwd=elsewhere)
    root = Path(found.stdout.strip())
    assert root.name == "quiz"
    assert root.is_relative_to(bin_.parent)
    for part in (
        "questions.yaml",
        "templates/base.html",
        "static/css/base.css",
        "static/js/answer.js",
    ):
        assert (root / part).is_file(), part


def test_the_installed_wheel_serves_home_a_card_the_stylesheet_and_script(served, deck):
    base, _ = served
    kind, home = get(base + "/")
    assert kind == "text/html"
    assert deck.title in html.unescape(home)

    first_card = re.search(r'href="(/quiz/[^"]+/1)"', home).group(1)
    _, card = get(base + first_card)
    assert deck.cards[0].statement in html.unescape(card)

    for name, expected in (("style.css", "text/css"), ("exit.js", "text/javascript")):
        asset = re.search(rf'"(/static/[0-9a-f]+/{re.escape(name)})"', card).group(1)
        kind, body = get(base + asset)
        assert kind == expected
        assert body


def test_the_installed_wheel_runs_with_the_production_settings(served):
    base, access = served
    get(base + "/healthz")
    # The project's access log format: method and path in quotes, then the status.
    for _ in range(50):
        if '"GET /healthz" 200' in access.read_text():
            break
        time.sleep(0.1)
    assert '"GET /healthz" 200' in access.read_text()


def test_flask_check_in_the_installed_wheel_checks_its_own_content(installed):
    bin_, elsewhere = installed
    result = run(bin_ / "flask", "check", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "questions.yaml: OK:" in result.stdout


def test_quiz_content_overrides_the_installed_content_and_a_bad_file_is_refused_briefly(
    installed,
):
    bin_, elsewhere = installed
    bad = elsewhere / "bad.yaml"
    bad.write_text(VALID.replace("answer: false", "answer: no"), encoding="utf-8")
    result = run(bin_ / "python", "-c", "import quiz.wsgi", cwd=elsewhere, QUIZ_CONTENT=str(bad))
    assert result.returncode == 1
    assert result.stderr.startswith("bad.yaml has 1 problem:\nbad.yaml:")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) <= 3


def test_a_checkout_serves_its_own_files_so_a_teachers_edit_there_is_what_pupils_see():
    assert ROOT == REPOSITORY
    assert Path(setting({}, "QUIZ_CONTENT")) == REPOSITORY / "questions.yaml"
    assert Path(create_app().template_folder) == REPOSITORY / "templates"
