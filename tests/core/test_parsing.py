"""Ids from addresses and forms: digits 0-9 only, never a server error."""

from __future__ import annotations

import pytest

from bryggan.core.parsing import is_ascii_digits, parse_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        (7, 7),
        ("²", None),  # isdigit() is true, int() refuses it
        ("١٢", None),  # Arabic-Indic digits: not an id in an address of ours
        ("-1", None),
        ("", None),
        (None, None),
        ("1\x00", None),
        ("9" * 19, None),  # past PostgreSQL's bigint
        ("9" * 18, 10**18 - 1),
    ],
)
def test_parse_id(text: object, expected: int | None) -> None:
    assert parse_id(text) == expected


def test_ascii_digits() -> None:
    assert is_ascii_digits("123456")
    assert not is_ascii_digits("²²²²²²")
    assert not is_ascii_digits("")
