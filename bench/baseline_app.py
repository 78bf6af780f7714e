"""The baseline for bench/load: the least a Flask app can do, one fixed page of about the
size of a quiz card, served by the same gunicorn settings."""

from flask import Flask

PAGE = "<!doctype html><title>Baseline</title><main>" + "<p>Baseline page.</p>" * 150 + "</main>"

app = Flask(__name__)


@app.get("/")
def page():
    return PAGE


@app.get("/healthz")
def healthz():
    return "ok\n"
