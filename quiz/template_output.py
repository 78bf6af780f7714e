"""How the templates' output is set: numbers kept whole, indentation dropped."""

from __future__ import annotations

import re

from jinja2 import Template
from markupsafe import Markup

# A space between two digits, as in "0800 1111".
_NUMBER_SPACE = re.compile(r"(?<=\d) (?=\d)")


def keep_numbers_whole(value: object) -> object:
    """Join the parts of a number with a no-break space, so that a phone number such as
    Childline's never breaks across two lines on a narrow phone, where half of it would
    be easy to misread. Markup (already escaped HTML) is left alone."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _NUMBER_SPACE.sub("\u00a0", value)
    return value


# Runs of white space, which HTML shows as one space anyway. No page has <pre> or
# <textarea>, where they would matter.
_SPACES = re.compile(r"\s{2,}")


def _one_space(run: re.Match) -> str:
    # A line break stays one, so the page still reads line by line.
    return "\n" if "\n" in run.group() else " "


class CompactTemplate(Template):
    """Renders without the templates' indentation: about a tenth of a card page, which
    must arrive with its stylesheet and script in 14 KiB on a slow school network. The
    line breaks stay, so the page still reads as the templates do."""

    def render(self, *args, **kwargs) -> str:
        return _SPACES.sub(_one_space, super().render(*args, **kwargs))
