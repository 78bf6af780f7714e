"""`flask slides OUT.pptx [--cards 1,2,5] [--shape 4:3]`: the lesson as a PowerPoint file.

Many schools share lessons as PowerPoint files on a shared drive or Teams. The deck here
is the presenter's own lesson: the slides come from classroom.lesson, in its order, and
each slide's words from the presenter's templates (present/_slides.html for what the
class sees, present/_card_notes.html for the speaker notes), so nothing about the lesson
is said twice. All text is real, editable text at 28 pt or more, over the presenter's
rule, at 16:9 or 4:3; the help contacts are on every slide. A slide's words that do not
fit at 28 pt (at 4:3: the ground rules and the help slide) continue on the next slide,
titled "… (continued)", before the lesson's next slide.
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

# How much room words take, to know before drawing them whether they fit their box: each
# letter's width in Arial (the same as Liberation Sans, which LibreOffice draws it with),
# in thousandths of the type size; bold about a tenth wider. A letter not listed counts
# as a whole size wide, so the estimate errs towards "does not fit". The tests measure
# LibreOffice's render in any case.
_WIDTHS = {
    191: "'",
    222: "ijl\u2018\u2019",
    260: "|",
    278: " !,./:;I[\\]ft\xa0\u00b7",
    333: "()-`r\u201c\u201d",
    355: '"',
    389: "*",
    469: "^",
    500: "Jckvsxyz",
    556: "0123456789$?_abdeghnopquL\u00a3\u00e9\u2013",
    584: "+<=>~",
    611: "FTZ",
    667: "&ABEKPSVXY",
    722: "CDHNRUw",
    778: "GOQ",
    833: "Mm",
    889: "%",
    944: "W",
    1015: "@",
}
LETTER_WIDTH = {letter: width / 1000 for width, letters in _WIDTHS.items() for letter in letters}
BOLD = 1.1
LINE = 1.17  # A line's height, as a share of its size: Arial's ascent and descent, 1.12.
SPACE_AFTER = Pt(6)
INSET = Inches(0.1)  # A text box's own margins: left and right, or top and bottom, together.


@dataclass(frozen=True)
class Layout:
    """Where everything sits on a slide of one shape. Every shape has the same rows, top
    to bottom: the title, what the slide says, the help strip; only the width differs."""

    width: int
    height: int = Inches(7.5)
    margin: int = Inches(0.5)
    title_top: int = Inches(0.3)
    title_height: int = Inches(1.0)
    help_height: int = Inches(1.15)
    foot: int = Inches(0.2)
    # The answer's coloured bar, at the left of its words.
    bar_width: int = Inches(0.25)
    answer_indent: int = Inches(0.5)

    @property
    def body_top(self) -> int:
        return self.title_top + self.title_height + Inches(0.1)

    @property
    def help_top(self) -> int:
        return self.height - self.help_height - self.foot

    @property
    def body_height(self) -> int:
        return self.help_top - self.body_top - Inches(0.1)

    @property
    def body_to_foot(self) -> int:
        """The help slide's words, all help contacts, have no help strip below them. They
        reach to half the foot's margin from the slide's edge: at 4:3 that is the room "It
        is never your fault" needs to stay on the help slide itself, with the contacts."""
        return self.height - self.body_top - self.foot // 2

    @property
    def inner_width(self) -> int:
        return self.width - 2 * self.margin


# 16:9, PowerPoint's own default and that of most classroom screens today; 4:3, the shape
# of many school projectors still, where a 16:9 slide is letterboxed and its 28 pt shows
# as 21 pt. The first is the default.
SHAPES = {
    "16:9": Layout(width=Inches(13 + 1 / 3)),
    "4:3": Layout(width=Inches(10)),
}

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


def _size(block: Block, size: Pt) -> Pt:
    """The statement the class decides on, and its verdict, larger than the rest."""
    large = "statement" in block.classes or "verdict" in block.classes
    return max(size, STATEMENT_SIZE) if large else size


def _fill(frame, blocks: list[Block], size: Pt) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, block in enumerate(blocks):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = SPACE_AFTER
        for text, bold, link in block.runs:
            for line, part in enumerate(text.split("\v")):
                if line:
                    paragraph.add_line_break()
                if not part:
                    continue
                run = paragraph.add_run()
                run.text = part
                run.font.size = _size(block, size)
                run.font.name = FONT
                run.font.bold = bold
                run.font.color.rgb = INK
                if link:
                    run.hyperlink.address = link


def _height(block: Block, size: Pt, width: int) -> int:
    """How tall the paragraph is drawn in a box this wide, its words wrapped as a slide
    wraps them: a word that does not fit on the line starts the next one."""
    size = _size(block, size)
    lines, used = 1, 0.0
    for text, bold, _link in block.runs:
        scale = size * (BOLD if bold else 1)
        for line, part in enumerate(text.split("\v")):
            if line:
                lines, used = lines + 1, 0.0
            for word, space in re.findall(r"(\S+)(\s*)", part):
                # The space after a word may hang past the line's end; the word may not.
                wide = scale * sum(LETTER_WIDTH.get(letter, 1) for letter in word)
                if used and used + wide > width - INSET:
                    lines, used = lines + 1, 0.0
                used += wide + scale * sum(LETTER_WIDTH.get(letter, 1) for letter in space)
    return round(lines * LINE * size) + SPACE_AFTER


def _pages(blocks: list[Block], size: Pt, width: int, heights: tuple[int, int]) -> list:
    """The paragraphs in as many slides as they need: each slide takes as many as fit in
    its height (the first slide's, then every following one's); the rest continue on the
    next. A paragraph too tall for any slide has one to itself."""
    pages: list[list[Block]] = [[]]
    used = INSET
    for block in blocks:
        height = _height(block, size, width)
        room = heights[0] if len(pages) == 1 else heights[1]
        if pages[-1] and used + height > room:
            pages.append([])
            used = INSET
        pages[-1].append(block)
        used += height
    return pages


def _help_line(app: Flask) -> list[Block]:
    """The help contacts, as the presenter's help strip lists them."""
    contacts = state(app).content.help.contacts
    line = "Help: " + " · ".join(contact.action for contact in contacts) + "."
    return [Block([[line, False, None]])]


def build(app: Flask, deck: Deck, chosen: tuple[int, ...], shape: str = "16:9") -> Presentation:
    at = SHAPES[shape]
    deck_file = Presentation()
    deck_file.slide_width, deck_file.slide_height = at.width, at.height
    layout = deck_file.slide_layouts[5]  # "Title Only": a real title placeholder.
    help_blocks = _help_line(app)
    content: Content = state(app).content
    plans = lesson(deck, chosen, content.classroom)
    for text, plan in zip(lesson_text(app, deck, chosen), plans, strict=True):
        # The answer has its coloured bar at the left; the help slide, all help contacts,
        # reaches to the foot, where every other slide has the help strip.
        left = at.margin + (at.answer_indent if plan.kind == "answer" else 0)
        width = at.width - at.margin - left
        first = at.body_to_foot if plan.kind == "help" else at.body_height
        pages = _pages(text.body, TEXT_SIZE, width, (first, at.body_height))
        for part, blocks in enumerate(pages):
            slide = deck_file.slides.add_slide(layout)
            title = slide.shapes.title
            title.left, title.top, title.width, title.height = (
                at.margin,
                at.title_top,
                at.inner_width,
                at.title_height,
            )
            # Words that do not fit continue on the next slide, with its own title, before
            # the lesson's next slide: a clicker's Page Down reads on.
            words = text.title + (" (continued)" if part else "")
            _fill(title.text_frame, [Block([[words, True, None]])], TITLE_SIZE)
            # Shapes are read in the order they are added: title, what it says, help.
            strip = plan.kind != "help" or part > 0
            if plan.kind == "answer":
                bar = slide.shapes.add_shape(
                    MSO_SHAPE.RECTANGLE, at.margin, at.body_top, at.bar_width, at.body_height
                )
                bar.fill.solid()
                bar.fill.fore_color.rgb = TRUE_COLOUR if plan.card.answer else FALSE_COLOUR
                bar.line.fill.background()
                bar.shadow.inherit = False
                bar.name = "Answer colour"
                _mark_decorative(bar)
            height = at.body_height if strip else at.body_to_foot
            body = slide.shapes.add_textbox(left, at.body_top, width, height)
            body.name = "What the slide says"
            _fill(body.text_frame, blocks, TEXT_SIZE)
            if strip:
                help_strip = slide.shapes.add_textbox(
                    at.margin, at.help_top, at.inner_width, at.help_height
                )
                help_strip.name = "Help contacts"
                _fill(help_strip.text_frame, help_blocks, TEXT_SIZE)
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
@click.option(
    "--shape",
    type=click.Choice(list(SHAPES)),
    default="16:9",
    show_default=True,
    help="The slides' shape: 16:9 for a widescreen display, 4:3 for an older projector "
    "(a 16:9 slide shown there is letterboxed, its text three quarters the size).",
)
@with_appcontext
def slides_command(out: Path, cards: str | None, suggested: bool, shape: str) -> None:
    """Write the lesson as a PowerPoint file (.pptx) with speaker notes."""
    app = current_app._get_current_object()
    deck = state(app).content.decks[0]
    if suggested and cards:
        raise click.UsageError("give --cards or --suggested, not both")
    if suggested:
        cards = ",".join(map(str, deck.lesson_numbers()))
    chosen = parse_cards(app, deck, cards)
    deck_file = build(app, deck, chosen, shape)
    deck_file.save(str(out))
    click.echo(f"Wrote {out}: {len(deck_file.slides)} slides at {shape}")
