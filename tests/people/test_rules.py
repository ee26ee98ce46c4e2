from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.core.errors import DomainError
from bryggan.people.rules import (
    BIRTH_DATE_IN_FUTURE,
    INVALID_IDENTITY_NUMBER,
    IdentityKind,
    age_on,
    is_young_adult,
    parse_identity_number,
)
from tests.people.factories import TODAY, identity_number


def test_long_form_personnummer_is_accepted() -> None:
    # 811218-9876 is python-stdnum's own documented valid example.
    parsed = parse_identity_number("19811218-9876", today=TODAY)
    assert parsed.number == "19811218-9876"
    assert parsed.birth_date == date(1981, 12, 18)
    assert parsed.kind == IdentityKind.PERSONNUMMER


def test_short_form_gets_the_century_of_a_person_under_100() -> None:
    assert parse_identity_number("811218-9876", today=TODAY).number == "19811218-9876"


def test_plus_sign_marks_a_person_of_100_or_more() -> None:
    number = identity_number(date(1921, 3, 4), 123)  # 19210304-123X
    short = number[2:8] + "+" + number[-4:]
    assert parse_identity_number(short, today=TODAY).birth_date == date(1921, 3, 4)


def test_samordningsnummer_has_sixty_added_to_the_day() -> None:
    number = identity_number(date(1990, 5, 7), 456, coordination=True)
    assert number[6:8] == "67"
    parsed = parse_identity_number(number, today=TODAY)
    assert parsed.kind == IdentityKind.SAMORDNINGSNUMMER
    assert parsed.birth_date == date(1990, 5, 7)


@pytest.mark.parametrize(
    "text",
    [
        "19811218-9875",  # wrong check digit
        "19811318-9876",  # month 13
        "19810230-1234",  # 30 February
        "1981121-9876",  # too short
        "abcdefgh-ijkl",
        "",
    ],
)
def test_invalid_numbers_are_refused(text: str) -> None:
    with pytest.raises(DomainError) as error:
        parse_identity_number(text, today=TODAY)
    assert error.value.message == INVALID_IDENTITY_NUMBER


def test_a_birth_date_in_the_future_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        parse_identity_number(identity_number(date(2026, 12, 1)), today=TODAY)
    assert error.value.message == BIRTH_DATE_IN_FUTURE


births = st.dates(min_value=date(1927, 1, 1), max_value=TODAY)


@given(birth=births, serial=st.integers(0, 999), coordination=st.booleans())
def test_every_generated_valid_number_parses_back_to_its_birth_date(
    birth: date, serial: int, coordination: bool
) -> None:
    number = identity_number(birth, serial, coordination=coordination)
    parsed = parse_identity_number(number, today=TODAY)
    assert parsed.birth_date == birth
    assert parsed.number == number


@given(
    birth=births, serial=st.integers(0, 999), position=st.integers(0, 12), bump=st.integers(1, 9)
)
def test_changing_one_digit_of_the_last_ten_is_detected(
    birth: date, serial: int, position: int, bump: int
) -> None:
    number = identity_number(birth, serial)
    digits = [i for i, c in enumerate(number) if c.isdigit()][2:]  # the ten the Luhn sum covers
    index = digits[position % len(digits)]
    changed = number[:index] + str((int(number[index]) + bump) % 10) + number[index + 1 :]
    with pytest.raises(DomainError):
        parse_identity_number(changed, today=TODAY)


def test_age_counts_completed_years_and_leap_day_birthdays() -> None:
    assert age_on(date(2000, 5, 10), date(2018, 5, 9)) == 17
    assert age_on(date(2000, 5, 10), date(2018, 5, 10)) == 18
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


def test_young_adults_are_18_to_24() -> None:
    on = date(2026, 11, 23)
    assert not is_young_adult(date(2008, 11, 24), on)  # 17
    assert is_young_adult(date(2008, 11, 23), on)  # 18 today
    assert is_young_adult(date(2001, 11, 24), on)  # 24
    assert not is_young_adult(date(2001, 11, 23), on)  # 25 today


def test_short_form_century_is_the_one_that_puts_the_birth_date_in_the_past() -> None:
    # On 2026-11-23 a short 261224 is 24 December 1926 (99 years old), not 2026 (the future).
    long = identity_number(date(1926, 12, 24), 123)
    short = long[2:]
    assert parse_identity_number(short, today=TODAY).birth_date == date(1926, 12, 24)
    assert parse_identity_number(short.replace("-", "+"), today=TODAY).birth_date.year == 1826
