"""Amounts as Swedish readers write them: 11 050 kr (issue 18, "Swedish presentation")."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from bryggan.core.money import (
    MINUS_SIGN,
    NARROW_NO_BREAK_SPACE,
    NO_BREAK_SPACE,
    format_kronor,
    group_digits,
)

N = NARROW_NO_BREAK_SPACE


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1000, f"1{N}000"),
        (11050, f"11{N}050"),
        (1234567, f"1{N}234{N}567"),
        (-2250, f"{MINUS_SIGN}2{N}250"),
    ],
)
def test_digits_are_grouped_by_three_with_a_narrow_no_break_space(
    amount: int, expected: str
) -> None:
    assert group_digits(amount) == expected


def test_kronor_carry_the_unit_after_a_no_break_space() -> None:
    assert format_kronor(11050) == f"11{N}050{NO_BREAK_SPACE}kr"


def test_letters_group_with_the_space_their_font_has() -> None:
    assert group_digits(11050, separator=NO_BREAK_SPACE) == f"11{NO_BREAK_SPACE}050"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grouping_keeps_the_number_and_never_leaves_four_digits_together(amount: int) -> None:
    text = group_digits(amount)
    assert int(text.replace(N, "").replace(MINUS_SIGN, "-")) == amount
    groups = text.lstrip(MINUS_SIGN).split(N)
    assert all(len(g) == 3 for g in groups[1:])
    assert 1 <= len(groups[0]) <= 3


def _render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_the_template_filters_are_on_every_page_without_a_load() -> None:
    assert _render("{{ a|kr }}", a=11050) == format_kronor(11050)
    assert _render("{{ a|thousands }}", a=11050) == f"11{N}050"


def test_the_filters_leave_what_is_no_amount_as_it_was() -> None:
    assert _render("{{ a|kr }}", a="–") == "–"
    assert _render("{{ a|kr }}", a=None) == "None"


@pytest.mark.parametrize(
    ("language", "expected"), [("sv", "7 december 2026"), ("en", "7 December 2026")]
)
def test_dates_in_prose(language: str, expected: str) -> None:
    with translation.override(language):
        assert _render("{{ d|prose_date }}", d=date(2026, 12, 7)) == expected
