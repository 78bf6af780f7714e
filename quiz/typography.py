"""Small fixes to how text is set, applied to everything the templates print."""

from __future__ import annotations

import re

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
