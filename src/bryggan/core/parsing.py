"""Reading a number someone typed or put in an address, without trusting `str.isdigit`.

`"²".isdigit()` is true but `int("²")` fails, and a digit string longer than a database's integer
reaches the database as an error: a hostile address or form value must mean "no such thing", never
a server error (issue 14, hostile input).
"""

from __future__ import annotations

# A database id (PostgreSQL bigint) has at most 19 digits; 18 keeps every value in range.
MAX_ID_DIGITS = 18


def parse_id(text: object) -> int | None:
    """The id in `text` ("42"), or None for anything but ASCII digits of a plausible length."""
    value = str(text if text is not None else "").strip()
    if not (value.isascii() and value.isdecimal()) or len(value) > MAX_ID_DIGITS:
        return None
    return int(value)


def is_ascii_digits(text: str) -> bool:
    """Whether `text` is digits 0-9 only (not "²", not Arabic-Indic digits), and not empty."""
    return text.isascii() and text.isdecimal()
