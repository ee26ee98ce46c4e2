"""Swedish bank accounts by Bankgirot's "Bankernas kontonummeruppbyggnad".

The valid numbers below were worked out by hand from the document's rules (the sums are in the
comments), not produced by the code under test:

- Type 1: modulus 11, weights 1, 10, 9, …, 2, 1 from the left over clearing + account (11 digits);
  comment 1 leaves out the first clearing digit (10 digits, weights 10 … 1), comment 2 keeps it.
  Valid when the weighted sum is a multiple of 11.
- Type 2 comment 2 (Handelsbanken): modulus 11 over the 9 account digits, weights 9 … 1.
- Type 2 comments 1 and 3: modulus 10 (Luhn) over the 10 account digits: from the right, every
  second digit doubled (digits of the product summed); valid when the total ends in 0.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum import luhn

from bryggan.core.errors import DomainError
from bryggan.payments.bank_account import (
    ACCOUNT_ALL_ZEROS,
    ACCOUNT_CHECK_DIGIT_WRONG,
    ACCOUNT_LENGTH_EXACT,
    ACCOUNT_MISSING,
    ACCOUNT_NOT_DIGITS,
    ACCOUNT_TOO_LONG,
    CLEARING_CHECK_DIGIT_WRONG,
    CLEARING_FIVE_DIGITS_NOT_SWEDBANK,
    CLEARING_NOT_DIGITS,
    CLEARING_RANGES,
    CLEARING_UNKNOWN,
    PERSONKONTO_CLEARING,
    AccountType,
    BankAccount,
    BankAccountError,
    ClearingRange,
    clearing_range,
    parse_bank_account,
)

# ---------------------------------------------------------------------------------------------
# Valid numbers, one or more per account type and comment, each worked by hand.
# ---------------------------------------------------------------------------------------------

VALID = [
    # Type 1, comment 1 (SEB 5202): digits 202 123456 C, weights 10..1:
    # 2·10 + 0·9 + 2·8 + 1·7 + 2·6 + 3·5 + 4·4 + 5·3 + 6·2 = 113; 113 + C ≡ 0 (mod 11) → C = 8.
    ("5202", "123 456-8", BankAccount("5202", "1234568", "SEB", "5202 1234568")),
    # Type 1, comment 1 (Swedbank 7000): 000 123456 C: 7 + 12 + 15 + 16 + 15 + 12 = 77 → C = 0.
    ("7000", "1234560", BankAccount("7000", "1234560", "Swedbank", "7000 1234560")),
    # Type 1, comment 1 (Nordea 3000): the same digits as Swedbank 7000 → C = 0.
    ("3000", "1234560", BankAccount("3000", "1234560", "Nordea", "3000 1234560")),
    # Type 1, comment 2 (Avanza 9550): 9550 123456 C, weights 1,10,9,…: 9 + 50 + 45 + 0 + 7 + 12
    # + 15 + 16 + 15 + 12 = 181 = 16·11 + 5 → C = 6.
    ("9550", "1234566", BankAccount("9550", "1234566", "Avanza Bank", "9550 1234566")),
    # Type 2, comment 1 (Nordea personkonto 3300): the account is a personnummer, 811228-9874:
    # doubled 8,1,2,9,7 → 7,2,4,9,5 (=27); kept 1,2,8,8,4 (=23); 27 + 23 = 50 → valid.
    (
        "3300",
        "811228-9874",
        BankAccount("3300", "8112289874", "Nordea (personkonto)", "3300 8112289874"),
    ),
    # The same personnummer written with its century.
    (
        "3300",
        "19811228-9874",
        BankAccount("3300", "8112289874", "Nordea (personkonto)", "3300 8112289874"),
    ),
    # Type 2, comment 1 (Danske Bank 9180): 123456789 C: doubled 9,7,5,3,1 → 9,5,1,6,2 (=23);
    # kept 8,6,4,2 (=20); 43 → C = 7.
    ("9180", "123456789-7", BankAccount("9180", "1234567897", "Danske Bank", "9180 1234567897")),
    # Type 2, comment 2 (Handelsbanken 6000): 12345678 C, weights 9..1: 9 + 16 + 21 + 24 + 25 + 24
    # + 21 + 16 = 156 = 14·11 + 2 → C = 9.
    ("6000", "123 456 789", BankAccount("6000", "123456789", "Handelsbanken", "6000 123456789")),
    # Handelsbanken with 8 digits, padded to 0 1234567 C: weights 9..1 → 0 + 8 + 14 + 18 + 20 + 20
    # + 18 + 14 = 112 = 10·11 + 2 → C = 9.
    ("6000", "12345679", BankAccount("6000", "012345679", "Handelsbanken", "6000 012345679")),
    # Type 2, comment 3 (Swedbank 8327-9): clearing check: 7·2→5, 2, 3·2=6, 8 → 21 → 9.
    # Account 12345678 C padded to 0 12345678 C: doubled 8,6,4,2,0 → 7,3,8,4,0 (=22); kept
    # 7,5,3,1 (=16); 38 → C = 2.
    ("8327-9", "1234 5678-2", BankAccount("8327", "0123456782", "Swedbank", "8327-9 0123456782")),
    # The same account with the four-digit clearing number.
    ("8327", "123456782", BankAccount("8327", "0123456782", "Swedbank", "8327-9 0123456782")),
    # Type 2, comment 3 (Nordea/Plusgirot 9960): 1234567 C: doubled 7,5,3,1 → 5,1,6,2 (=14);
    # kept 6,4,2 (=12); 26 → C = 4.
    (
        "9960",
        "123456-74",
        BankAccount("9960", "0012345674", "Nordea (Plusgirot)", "9960 0012345674"),
    ),
]


@pytest.mark.parametrize(("clearing", "account", "expected"), VALID)
def test_valid_accounts_are_normalised(clearing: str, account: str, expected: BankAccount) -> None:
    assert parse_bank_account(clearing, account) == expected


def test_the_bban_is_clearing_and_account_digits() -> None:
    assert parse_bank_account("8327-9", "123456782").bban == "83270123456782"


def test_a_normalised_account_parses_to_itself() -> None:
    for clearing, account, _ in VALID:
        parsed = parse_bank_account(clearing, account)
        assert parse_bank_account(parsed.clearing, parsed.account) == parsed


def test_comment_2_puts_the_first_clearing_digit_in_the_check() -> None:
    # Valid with Nordea 3000 (comment 1) above; with Nordea 4000 (comment 2) the first clearing
    # digit counts with weight 1: 4 + 77 = 81 = 7·11 + 4 → not a multiple of 11.
    with pytest.raises(BankAccountError) as refused:
        parse_bank_account("4000", "1234560")
    assert refused.value.field == "account"
    assert refused.value.message == ACCOUNT_CHECK_DIGIT_WRONG.format(bank="Nordea")


# ---------------------------------------------------------------------------------------------
# Refusals, each with the part at fault and its message.
# ---------------------------------------------------------------------------------------------

REFUSED = [
    ("52a2", "1234568", "clearing", CLEARING_NOT_DIGITS),
    ("520", "1234568", "clearing", CLEARING_NOT_DIGITS),
    ("520212", "1234568", "clearing", CLEARING_NOT_DIGITS),
    ("", "1234568", "clearing", CLEARING_NOT_DIGITS),
    ("52021", "1234568", "clearing", CLEARING_FIVE_DIGITS_NOT_SWEDBANK),
    (
        "8327-8",
        "123456782",
        "clearing",
        CLEARING_CHECK_DIGIT_WRONG.format(clearing="8327", expected="9"),
    ),
    ("9900", "1234567", "clearing", CLEARING_UNKNOWN.format(clearing="9900")),  # Bankgirot itself
    ("0999", "1234567", "clearing", CLEARING_UNKNOWN.format(clearing="0999")),
    ("2200", "1234567", "clearing", CLEARING_UNKNOWN.format(clearing="2200")),
    # SEB 5202: 123456-8 is valid, so -7 fails the modulus-11 check.
    ("5202", "1234567", "account", ACCOUNT_CHECK_DIGIT_WRONG.format(bank="SEB")),
    (
        "5202",
        "123456",
        "account",
        ACCOUNT_LENGTH_EXACT.format(bank="SEB", clearing="5202", length=7),
    ),
    (
        "5202",
        "12345680",
        "account",
        ACCOUNT_LENGTH_EXACT.format(bank="SEB", clearing="5202", length=7),
    ),
    ("5202", "12345b8", "account", ACCOUNT_NOT_DIGITS),
    ("5202", " - ", "account", ACCOUNT_MISSING),
    # Avanza 9550: 123456-6 is valid.
    ("9550", "1234565", "account", ACCOUNT_CHECK_DIGIT_WRONG.format(bank="Avanza Bank")),
    # Personkonto: 811228-9874 is valid; -9875 is not; 9 digits is no personnummer.
    (
        "3300",
        "8112289875",
        "account",
        ACCOUNT_CHECK_DIGIT_WRONG.format(bank="Nordea (personkonto)"),
    ),
    (
        "3300",
        "811228987",
        "account",
        ACCOUNT_LENGTH_EXACT.format(bank="Nordea (personkonto)", clearing="3300", length=10),
    ),
    # Handelsbanken 6000: 123456789 is valid; 10 digits are too many.
    ("6000", "123456788", "account", ACCOUNT_CHECK_DIGIT_WRONG.format(bank="Handelsbanken")),
    (
        "6000",
        "1234567890",
        "account",
        ACCOUNT_TOO_LONG.format(bank="Handelsbanken", clearing="6000", length=9),
    ),
    # Swedbank 8327-9: 12345678-2 is valid.
    ("8327-9", "123456783", "account", ACCOUNT_CHECK_DIGIT_WRONG.format(bank="Swedbank")),
    (
        "8327-9",
        "12345678901",
        "account",
        ACCOUNT_TOO_LONG.format(bank="Swedbank", clearing="8327", length=10),
    ),
    ("9960", "0", "account", ACCOUNT_ALL_ZEROS),
    ("5000", "0000000", "account", ACCOUNT_ALL_ZEROS),
    # Danske Bank 9180: 123456789-7 is valid.
    ("9180", "1234567898", "account", ACCOUNT_CHECK_DIGIT_WRONG.format(bank="Danske Bank")),
]


@pytest.mark.parametrize(("clearing", "account", "field", "message"), REFUSED)
def test_bad_numbers_are_refused_naming_the_part(
    clearing: str, account: str, field: str, message: str
) -> None:
    with pytest.raises(BankAccountError) as refused:
        parse_bank_account(clearing, account)
    assert refused.value.field == field
    assert refused.value.message == message


def test_the_error_is_a_domain_error() -> None:
    with pytest.raises(DomainError):
        parse_bank_account("9900", "1")


def test_non_ascii_digits_are_refused() -> None:
    with pytest.raises(BankAccountError) as refused:
        parse_bank_account("5202", "١٢٣٤٥٦٨")  # Arabic-Indic digits pass str.isdigit()
    assert refused.value.message == ACCOUNT_NOT_DIGITS


# ---------------------------------------------------------------------------------------------
# The table itself.
# ---------------------------------------------------------------------------------------------


def test_clearing_ranges_do_not_overlap() -> None:
    rows = sorted(CLEARING_RANGES, key=lambda row: row.first)
    for before, after in itertools.pairwise(rows):
        assert before.last < after.first, (before, after)


def test_every_row_has_a_comment_its_type_defines() -> None:
    for row in CLEARING_RANGES:
        allowed = {1, 2} if row.account_type is AccountType.TYPE_1 else {1, 2, 3}
        assert row.first <= row.last
        assert row.comment in allowed, row


@pytest.mark.parametrize(
    ("clearing", "bank"),
    [(3300, "Nordea (personkonto)"), (3301, "Nordea"), (3782, "Nordea (personkonto)"),
     (6789, "Handelsbanken"), (8999, "Swedbank"), (9549, "Nordea (Plusgirot)"),
     (9969, "Nordea (Plusgirot)"), (9300, "Swedbank"), (2399, "Ålandsbanken")],
)  # fmt: skip
def test_range_boundaries(clearing: int, bank: str) -> None:
    row = clearing_range(clearing)
    assert row is not None
    assert row.bank == bank


# ---------------------------------------------------------------------------------------------
# Property: one changed digit that the check covers is always caught.
# ---------------------------------------------------------------------------------------------

DOCUMENT_WEIGHTS = (1, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)  # type 1, left to right over 11 digits


def _mod11_check_digit(covered: str) -> int | None:
    """The digit C that makes `covered + C` a multiple of 11 with the document's weights.

    The weights are aligned on the right (C has weight 1), as in the document; None when C would
    have to be 10, which no valid number has.
    """
    weights = DOCUMENT_WEIGHTS[-(len(covered) + 1) :]
    total = sum(int(digit) * weight for digit, weight in zip(covered, weights, strict=False))
    check = (11 - total % 11) % 11
    return None if check == 10 else check


def _handelsbanken_check_digit(body: str) -> int | None:
    total = sum(int(digit) * weight for digit, weight in zip(body, range(9, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return None if check == 10 else check


# Drawn from directly rather than filtered with assume(): most ranges are of type 2.
TYPE_1_RANGES = [row for row in CLEARING_RANGES if row.account_type is AccountType.TYPE_1]


@st.composite
def valid_accounts(
    draw: st.DrawFn, ranges: Sequence[ClearingRange] = CLEARING_RANGES
) -> tuple[ClearingRange, str, str]:
    """(row, clearing, account) valid by the document's rules, computed here independently."""
    row = draw(st.sampled_from(ranges))
    clearing = str(draw(st.integers(row.first, row.last)))
    length = row.account_length
    body = draw(st.text("0123456789", min_size=length - 1, max_size=length - 1))
    assume(body.strip("0"))
    if row.account_type is AccountType.TYPE_1:
        covered = (clearing[1:] if row.comment == 1 else clearing) + body
        check = _mod11_check_digit(covered)
    elif row.comment == 2:
        check = _handelsbanken_check_digit(body)
    else:
        check = int(luhn.calc_check_digit(body))
    assume(check is not None)
    return row, clearing, body + str(check)


@given(valid_accounts())
def test_numbers_made_by_the_document_rules_are_accepted(
    drawn: tuple[ClearingRange, str, str],
) -> None:
    row, clearing, account = drawn
    parsed = parse_bank_account(clearing, account)
    assert (parsed.clearing, parsed.account, parsed.bank) == (clearing, account, row.bank)


@given(valid_accounts(), st.data())
def test_one_changed_account_digit_is_refused(
    drawn: tuple[ClearingRange, str, str], data: st.DataObject
) -> None:
    _, clearing, account = drawn
    index = data.draw(st.integers(0, len(account) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != account[index]]))
    changed = account[:index] + digit + account[index + 1 :]
    with pytest.raises(BankAccountError) as refused:
        parse_bank_account(clearing, changed)
    assert refused.value.field == "account"


@given(valid_accounts(TYPE_1_RANGES), st.data())
def test_one_changed_clearing_digit_is_refused_where_the_check_covers_it(
    drawn: tuple[ClearingRange, str, str], data: st.DataObject
) -> None:
    row, clearing, account = drawn
    first_covered = 1 if row.comment == 1 else 0
    index = data.draw(st.integers(first_covered, 3))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != clearing[index]]))
    changed = clearing[:index] + digit + clearing[index + 1 :]
    assume(clearing_range(int(changed)) == row)  # the same bank and rule, only the digit differs
    with pytest.raises(BankAccountError):
        parse_bank_account(changed, account)


@given(st.integers(8000, 8999), st.integers(0, 9))
def test_a_wrong_fifth_swedbank_clearing_digit_is_refused(clearing: int, digit: int) -> None:
    expected = luhn.calc_check_digit(str(clearing))
    account = "1234567897"  # valid by modulus 10 (see Danske Bank above)
    if str(digit) == expected:
        assert parse_bank_account(f"{clearing}{digit}", account).clearing == str(clearing)
    else:
        with pytest.raises(BankAccountError) as refused:
            parse_bank_account(f"{clearing}{digit}", account)
        assert refused.value.field == "clearing"


def test_personkonto_clearing_numbers_are_type_2_comment_1() -> None:
    for clearing in PERSONKONTO_CLEARING:
        row = clearing_range(clearing)
        assert row is not None
        assert (row.account_type, row.comment) == (AccountType.TYPE_2, 1)
