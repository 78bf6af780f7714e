"""`flask pack DIR`: the ready-made lesson pack that the repository carries in site/.

It is the static copy (`flask export`), whose pages link the pack's documents, with
those documents beside it: the lesson as PowerPoint files (suggested lesson and every
card, each at 16:9 and 4:3) and the teacher notes, handout and quick start as PDFs,
printed by Chromium from the copy's own pages. A teacher who downloads the repository
opens site/index.html and teaches, with no Python.

Made the same way twice, the pages are the same bytes. So are the PowerPoint files (fixed
dates inside and in the zip); Chromium's PDFs get fixed dates too, and the test compares
them by their text in any case.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import click

from .classroom import SLIDE_SHAPES, pack_files, slides_key
from .export import static_app, write_copy
from .state import state

# The fixed time the pack's files say they were made: see quiz/powerpoint.py.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
PDF_DATE = b"D:20260101000000"
CHROMIUM = "/usr/bin/chromium"
# The copy's page that each PDF prints.
PRINTED = {"notes": "teacher", "handout": "handout", "quick": "quick-start"}


def steady_zip(data: bytes) -> bytes:
    """The same zip with every member dated ZIP_TIME, so that the same slides are the same
    bytes whenever they are made."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member))
    return out.getvalue()


def steady_pdf(data: bytes) -> bytes:
    """Chromium's PDF with its creation and change dates set to PDF_DATE. Only digits are
    replaced by as many digits, so every offset in the file stays right."""
    return re.sub(rb"D:\d{14}", PDF_DATE, data)


def print_pages(folder: Path, jobs: dict[str, Path], chromium: str) -> None:
    """Print each page of the copy (a file in folder) to its PDF, on A4 as the page's own
    print styles ask, by Chromium through Playwright, as the print tests do."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - said plainly to whoever runs the command
        raise click.ClickException(
            "printing the PDFs needs Playwright: pip install -e '.[test]'"
        ) from None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        page = browser.new_page()
        for page_file, pdf in jobs.items():
            page.goto((folder / page_file).resolve().as_uri())
            page.wait_for_load_state("load")
            pdf.parent.mkdir(parents=True, exist_ok=True)
            pdf.write_bytes(steady_pdf(page.pdf(format="A4", prefer_css_page_size=True)))
        browser.close()


@click.command("pack")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--chromium", default=CHROMIUM, show_default=True, help="Chromium, to print the PDFs."
)
def pack_command(folder: Path, chromium: str) -> None:
    """Write the ready-made lesson pack into FOLDER (emptied first): the static copy, the
    lesson as PowerPoint files and the teacher's pages as PDFs. The repository's copy is
    made with `flask --app app pack site`."""
    # Here, not at the top: python-pptx is only needed when the pack is made.
    from .powerpoint import build

    app = static_app({"QUIZ_PACK": True})
    written = write_copy(app, folder)
    jobs: dict[str, Path] = {}
    for deck in state(app).content.decks:
        files = pack_files(deck)
        every = tuple(range(1, len(deck.cards) + 1))
        for key, chosen in (("suggested", deck.lesson_numbers()), ("every", every)):
            if not chosen:
                continue
            for shape in SLIDE_SHAPES:
                out = io.BytesIO()
                build(app, deck, chosen, shape).save(out)
                path = folder.joinpath(*files[slides_key(key, shape)].split("/"))
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(steady_zip(out.getvalue()))
        for key, page in PRINTED.items():
            jobs[f"{page}/{deck.id}/index.html"] = folder.joinpath(*files[key].split("/"))
    print_pages(folder, jobs, chromium)
    click.echo(f"Wrote {len(written)} files of the copy, and the lesson pack, to {folder}")
