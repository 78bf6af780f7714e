"""`flask slides OUT.pptx [--cards 1,2,5]`: the lesson as a PowerPoint file.

Many schools share lessons as PowerPoint files on a shared drive or Teams. The deck here
is the presenter's own lesson: the slides come from classroom.lesson, in its order, and
each slide's words from the presenter's templates (present/_slides.html for what the
class sees, present/_card_notes.html for the speaker notes), so nothing about the lesson
is said twice. All text is real, editable text at 28 pt or more, over the presenter's
rule; the help contacts are on every slide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import click
from flask import Flask, current_app, render_template_string
from flask.cli import with_appcontext
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt
from werkzeug.exceptions import NotFound

from .classroom import chosen_cards, lesson
from .config import ownership
from .model import Content, Deck
from .state import state

# 16:9, PowerPoint's own default shape and that of most classroom screens today. At 4:3 a
# slide holding the same words at 28 pt would overflow; there it is shown letterboxed.
WIDTH, HEIGHT = Inches(13 + 1 / 3), Inches(7.5)
MARGIN = Inches(0.5)
# The presenter's rule: the class reads it from the back row.
TITLE_SIZE = Pt(36)
TEXT_SIZE = Pt(28)
# The statement the class decides on, and its verdict, larger still.
STATEMENT_SIZE = Pt(40)
FONT = "Arial"  # On every school PC; LibreOffice draws it with the same widths (Liberation Sans).
INK = RGBColor(0x0B, 0x0C, 0x0C)
# The presenter's verdict colours (--go and --text in static/css/base.css), on a bar beside
# the answer; the verdict is in words too, never told by colour alone.
TRUE_COLOUR = RGBColor(0x00, 0x70, 0x3C)
FALSE_COLOUR = INK
# Fixed, so the same content gives the same file: the ready-made copy is compared with a
# fresh one.
MADE = datetime(2026, 1, 1)

TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(1.0)
HELP_HEIGHT = Inches(1.15)
BODY_TOP = TITLE_TOP + TITLE_HEIGHT + Inches(0.1)
HELP_TOP = HEIGHT - HELP_HEIGHT - Inches(0.2)
BODY_HEIGHT = HELP_TOP - BODY_TOP - Inches(0.1)

# Each slide's title, what the class sees and what the speaker view shows, by the
# presenter's own templates and macros, in the markers the parser below splits on. The
# notes choose as present/speaker.html does: a card's notes, or an activity's note; the
# help slide, which has none there, gets the contacts with their full addresses.
_SLIDES = """\
{% import "present/_slides.html" as slides_ with context %}
{% for slide in slides %}
<slide><title>{{ slides_.title(slide, chosen) }}</title>
<body>{{ slides_.body(slide, chosen) }}</body>
<notes>{% if slide.card %}{% with card = slide.card %}{% include "present/_card_notes.html" %}\
{% endwith %}{% elif slide.activity %}<p>{{ slide.activity.note }}</p>{% else %}{# help #}\
{% for contact in help.contacts %}<p>{{ contact.action }}: {{ contact.detail }}\
{% for link in [contact] + ([contact.also] if contact.also else []) %}\
{% if link.href and link.href.startswith("https:") %} {{ link.href }}{% endif %}{% endfor %}</p>\
{% endfor %}{% endif %}</notes></slide>
{% endfor %}
"""

# Blocks of text: each becomes a paragraph. Everything inside one is its text.
_BLOCKS = {"p", "li", "h1", "dt", "dd"}
_VOID = {"br", "img", "input", "meta", "link", "hr", "path", "circle"}


@dataclass
class Block:
    """A paragraph: its runs of text (text, bold, the https address it links to or None),
    and the HTML classes it had."""

    runs: list[list] = field(default_factory=list)
    heading: bool = False
    classes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "".join(run[0] for run in self.runs)

    def add(self, text: str, bold: bool, link: str | None = None) -> None:
        if self.runs and self.runs[-1][1:] == [bold, link]:
            self.runs[-1][0] += text
        else:
            self.runs.append([text, bold, link])

    def tidy(self) -> None:
        """White space as a browser shows it: runs of it as one space, none at the ends."""
        for run in self.runs:
            run[0] = re.sub(r"[ \t\r\n]+", " ", run[0]).replace(" \v", "\v")
        if self.runs:
            self.runs[0][0] = self.runs[0][0].lstrip()
            self.runs[-1][0] = self.runs[-1][0].rstrip()
        self.runs = [run for run in self.runs if run[0]]


@dataclass
class SlideText:
    title: str = ""
    body: list[Block] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)


class _Reader(HTMLParser):
    """Reads the rendered slides back as paragraphs of text, leaving out pictures (the
    verdict's icon is aria-hidden: its words say the same). Bold is kept where the page
    has it, and a help contact's name is bold before its detail, on a line of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[SlideText] = []
        self.part = "body"
        self.block: Block | None = None
        self.open: list[str] = []
        self.bold = 0
        self.svg = 0
        # Inside the statement's <blockquote>: projected larger, as the presenter does.
        self.quote = False
        # The https address of the link being read: a link that works where the file is
        # opened on a computer (a phone number's tel: link does not).
        self.link: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = tuple((dict(attrs).get("class") or "").split())
        if tag == "slide":
            self.slides.append(SlideText())
        elif tag in ("title", "body", "notes"):
            self.part = tag
            if tag == "title":
                self.block = Block()
        elif tag == "svg":
            self.svg += 1
        elif self.block is None and tag == "blockquote":
            self.quote = True
        elif self.block is None and tag in _BLOCKS:
            classes += ("statement",) if self.quote else ()
            self.block = Block(heading=tag in ("h1", "dt"), classes=classes)
            self.open = [tag]
            return
        elif self.block is not None:
            detail = "contact-detail" in classes
            if detail:
                self.block.add("\v", False)
            # What the closing tag undoes: "b" bold, "l" the link, as the tag opened them.
            undo = ""
            if tag == "strong" or (
                "contact" in self.block.classes and len(self.open) == 1 and not detail
            ):
                self.bold += 1
                undo += "b"
            href = dict(attrs).get("href") or ""
            if tag == "a" and href.startswith("https:"):
                self.link = href
                undo += "l"
            if undo:
                self.open.append(f"{undo}:{tag}")
                return
        if self.block is not None and tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag == "svg":
            self.svg -= 1
        if tag == "blockquote" and self.block is None:
            self.quote = False
        elif tag == "title" and self.block is not None:
            self.block.tidy()
            self.slides[-1].title = self.block.text
            self.block = None
        elif self.block is not None and self.open:
            closed = self.open.pop()
            undo = closed.partition(":")[0] if ":" in closed else ""
            if "b" in undo:
                self.bold -= 1
            if "l" in undo:
                self.link = None
            if not self.open:
                self.block.tidy()
                if self.block.runs:
                    getattr(self.slides[-1], self.part).append(self.block)
                self.block = None

    def handle_data(self, data: str) -> None:
        if self.block is not None and not self.svg:
            self.block.add(data, self.bold > 0 or self.block.heading, self.link)


def lesson_text(app: Flask, deck: Deck, chosen: tuple[int, ...]) -> list[SlideText]:
    """The lesson's slides, as the presenter shows them and the speaker view notes them."""
    content: Content = state(app).content
    with app.test_request_context():
        html = render_template_string(
            _SLIDES,
            slides=lesson(deck, chosen, content.classroom),
            chosen=chosen,
            deck=deck,
            classroom=content.classroom,
        )
    reader = _Reader()
    reader.feed(html)
    for slide in reader.slides:
        # The title says it already: "Card 2 of 10: true or false?", "Where to get help".
        slide.body = [
            block
            for block in slide.body
            if "progress" not in block.classes
            and not (block.heading and block.text.lower() in slide.title.lower())
        ]
    return reader.slides


def _mark_decorative(shape) -> None:
    """Tell screen readers to skip a shape that only decorates (Office's own mark)."""
    c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
    c_nv_pr.set("descr", "")
    ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri="{C183D7F6-B498-43B3-948B-1F4E4E6E8F5A}")
    etree.SubElement(
        ext,
        "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative",
        nsmap={"adec": "http://schemas.microsoft.com/office/drawing/2017/decorative"},
        val="1",
    )


def _fill(frame, blocks: list[Block], size: Pt) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, block in enumerate(blocks):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(6)
        large = "statement" in block.classes or "verdict" in block.classes
        for text, bold, link in block.runs:
            for line, part in enumerate(text.split("\v")):
                if line:
                    paragraph.add_line_break()
                if not part:
                    continue
                run = paragraph.add_run()
                run.text = part
                run.font.size = max(size, STATEMENT_SIZE) if large else size
                run.font.name = FONT
                run.font.bold = bold
                run.font.color.rgb = INK
                if link:
                    run.hyperlink.address = link


def _help_line(app: Flask) -> list[Block]:
    """The help contacts, as the presenter's help strip lists them."""
    contacts = state(app).content.help.contacts
    line = "Help: " + " · ".join(contact.action for contact in contacts) + "."
    return [Block([[line, False, None]])]


def build(app: Flask, deck: Deck, chosen: tuple[int, ...]) -> Presentation:
    deck_file = Presentation()
    deck_file.slide_width, deck_file.slide_height = WIDTH, HEIGHT
    layout = deck_file.slide_layouts[5]  # "Title Only": a real title placeholder.
    help_blocks = _help_line(app)
    content: Content = state(app).content
    plans = lesson(deck, chosen, content.classroom)
    for text, plan in zip(lesson_text(app, deck, chosen), plans, strict=True):
        slide = deck_file.slides.add_slide(layout)
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = (
            MARGIN,
            TITLE_TOP,
            WIDTH - 2 * MARGIN,
            TITLE_HEIGHT,
        )
        _fill(title.text_frame, [Block([[text.title, True, None]])], TITLE_SIZE)
        # Shapes are read in the order they are added: title, what the slide says, help.
        left, height = MARGIN, BODY_HEIGHT
        if plan.kind == "help":
            # The help slide is all help contacts: its words reach to the foot.
            height = HEIGHT - BODY_TOP - Inches(0.2)
        elif plan.kind == "answer":
            bar = slide.shapes.add_shape(
                MSO_SHAPE.RECTANGLE, MARGIN, BODY_TOP, Inches(0.25), BODY_HEIGHT
            )
            bar.fill.solid()
            bar.fill.fore_color.rgb = TRUE_COLOUR if plan.card.answer else FALSE_COLOUR
            bar.line.fill.background()
            bar.shadow.inherit = False
            bar.name = "Answer colour"
            _mark_decorative(bar)
            left = MARGIN + Inches(0.5)
        body = slide.shapes.add_textbox(left, BODY_TOP, WIDTH - MARGIN - left, height)
        body.name = "What the slide says"
        _fill(body.text_frame, text.body, TEXT_SIZE)
        if plan.kind != "help":
            strip = slide.shapes.add_textbox(MARGIN, HELP_TOP, WIDTH - 2 * MARGIN, HELP_HEIGHT)
            strip.name = "Help contacts"
            _fill(strip.text_frame, help_blocks, TEXT_SIZE)
        notes = slide.notes_slide.notes_text_frame
        notes.text = "\n".join(block.text.replace("\v", " ") for block in text.notes)
    properties = deck_file.core_properties
    properties.title = deck.title
    # Whoever publishes this copy (QUIZ_OWNER), else the quiz's own name: never a made-up one.
    properties.author = ownership(app.config).owner or content.site.name
    properties.created = properties.modified = properties.last_printed = MADE
    properties.revision = 1
    return deck_file


def parse_cards(app: Flask, deck: Deck, cards: str | None) -> tuple[int, ...]:
    """The chosen cards, read by the presenter's own rule for `?cards=`."""
    with app.test_request_context(query_string={"cards": cards} if cards else {}):
        try:
            return chosen_cards(deck)
        except NotFound:
            raise click.BadParameter(
                f"card numbers from 1 to {len(deck.cards)}, separated by commas, e.g. 1,2,5",
                param_hint="--cards",
            ) from None


@click.command("slides")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--cards", help="The cards to teach, by number, e.g. 1,2,5. Default: every card.")
@click.option("--suggested", is_flag=True, help="The suggested 30-minute lesson's cards.")
@with_appcontext
def slides_command(out: Path, cards: str | None, suggested: bool) -> None:
    """Write the lesson as a PowerPoint file (.pptx) with speaker notes."""
    app = current_app._get_current_object()
    deck = state(app).content.decks[0]
    if suggested and cards:
        raise click.UsageError("give --cards or --suggested, not both")
    if suggested:
        cards = ",".join(map(str, deck.lesson_numbers()))
    chosen = parse_cards(app, deck, cards)
    deck_file = build(app, deck, chosen)
    deck_file.save(str(out))
    click.echo(f"Wrote {out}: {len(deck_file.slides)} slides")
