"""The pain.001.001.03 file: valid by the ISO 20022 schema, counted, Swedish-shaped, read back."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.se import orgnr

from bryggan.payments.bank_account import BankAccount, parse_bank_account
from bryggan.payments.pain001 import (
    NAMESPACE,
    CreditTransfer,
    Pain001Error,
    PaymentOrder,
    ReadPayment,
    build_pain001,
    read_pain001,
    schema_errors,
    validate_pain001,
)

NS = {"p": NAMESPACE}
STOCKHOLM = ZoneInfo("Europe/Stockholm")
CREATED = datetime(2026, 3, 25, 10, 30, 15, 123456, tzinfo=STOCKHOLM)

# Accounts valid by Bankgirot's rules (worked out in test_bank_account.py).
ACCOUNTS = (
    parse_bank_account("5202", "1234568"),  # SEB, type 1 comment 1
    parse_bank_account("9550", "1234566"),  # Avanza, type 1 comment 2
    parse_bank_account("3300", "8112289874"),  # Nordea personkonto, type 2 comment 1
    parse_bank_account("6000", "123456789"),  # Handelsbanken, type 2 comment 2
    parse_bank_account("8327-9", "123456782"),  # Swedbank, type 2 comment 3
    parse_bank_account("9960", "12345674"),  # Plusgirot, type 2 comment 3
)
NAMES = ("Åsa Öberg", "Ärla & Söner <AB>", 'Kalle "Kula" O\'Hara', "Lövånger Ängsö")


def transfer(index: int, amount: int = 0, name: str | None = None) -> CreditTransfer:
    return CreditTransfer(
        end_to_end_id=f"B{index}-1",
        amount_kronor=amount or 1000 + index,
        creditor_name=name or NAMES[index % len(NAMES)],
        creditor_account=ACCOUNTS[index % len(ACCOUNTS)],
        remittance_text=f"Ekonomiskt bistånd 2026-03 & <{index}>",
    )


def order(count: int = 3, **changes: object) -> PaymentOrder:
    base = PaymentOrder(
        message_id="BRY20260325103015A1B2C3D4E5F6",
        created_at=CREATED,
        debtor_name="Demokommunen Socialförvaltningen",
        debtor_org_number="212000-0001",
        debtor_account="SE45 5000 0000 0583 9825 7466",
        requested_execution_date=date(2026, 3, 27),
        payments=tuple(transfer(index) for index in range(count)),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def parse(xml: bytes) -> ET.Element:
    return ET.fromstring(xml)  # noqa: S314 (our own test output)


def texts(root: ET.Element, path: str) -> list[str]:
    return [element.text or "" for element in root.iterfind(path, NS)]


# ---------------------------------------------------------------------------------------------
# Valid by the official schema.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 7, 1000])
def test_the_file_is_valid_by_the_iso_20022_schema(count: int) -> None:
    xml = build_pain001(order(count))
    assert schema_errors(xml) == []
    validate_pain001(xml)


@pytest.mark.parametrize(
    "changes",
    [
        {"debtor_account": "5050-1055"},  # bankgiro number (Luhn-valid), written as BGNR
        {"debtor_bic": "ESSESESS"},
        {"category_purpose": "SSBE"},
        {"debtor_name": 'Kommun & <Söder> "AB"'},
    ],
)
def test_variants_of_the_order_are_valid_by_the_schema(changes: dict[str, object]) -> None:
    assert schema_errors(build_pain001(order(2, **changes))) == []


def test_names_with_swedish_letters_and_escaped_characters_survive() -> None:
    xml = build_pain001(order(len(NAMES)))
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert "Åsa Öberg".encode() in xml
    assert b"&amp; S\xc3\xb6ner &lt;AB&gt;" in xml
    assert texts(parse(xml), ".//p:Cdtr/p:Nm") == list(NAMES)


def test_a_negative_amount_fails_the_schema() -> None:
    xml = build_pain001(order(2)).replace(b">1000.00<", b">-1000.00<", 1)
    errors = schema_errors(xml)
    assert errors
    with pytest.raises(Pain001Error, match="schema"):
        validate_pain001(xml)


def test_a_missing_end_to_end_id_fails_the_schema() -> None:
    root = parse(build_pain001(order(2)))
    ids = root.find(".//p:CdtTrfTxInf/p:PmtId", NS)
    end_to_end_id = root.find(".//p:CdtTrfTxInf/p:PmtId/p:EndToEndId", NS)
    assert ids is not None
    assert end_to_end_id is not None
    ids.remove(end_to_end_id)
    xml = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    assert any("EndToEndId" in error for error in schema_errors(xml))


def test_an_overlong_message_id_fails_the_schema() -> None:
    xml = build_pain001(order(1)).replace(b"BRY20260325103015A1B2C3D4E5F6", b"X" * 36)
    assert schema_errors(xml)


def test_garbage_is_not_valid() -> None:
    assert schema_errors(b"<Document") != []


# ---------------------------------------------------------------------------------------------
# Counts, sums, amounts, identity and the Swedish account structure.
# ---------------------------------------------------------------------------------------------


def test_count_and_control_sum_equal_the_payments() -> None:
    payments = (transfer(0, 1), transfer(1, 2500), transfer(2, 123456))
    root = parse(build_pain001(order(payments=payments)))
    assert texts(root, "p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs") == ["3"]
    assert texts(root, "p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum") == ["125957.00"]
    assert texts(root, "p:CstmrCdtTrfInitn/p:PmtInf/p:NbOfTxs") == ["3"]
    assert texts(root, "p:CstmrCdtTrfInitn/p:PmtInf/p:CtrlSum") == ["125957.00"]
    assert texts(root, ".//p:InstdAmt") == ["1.00", "2500.00", "123456.00"]
    assert {e.get("Ccy") for e in root.iterfind(".//p:InstdAmt", NS)} == {"SEK"}


def test_a_swedish_account_is_a_bban_with_its_clearing_number_in_the_creditor_agent() -> None:
    swedbank = parse_bank_account("8327-9", "123456782")
    root = parse(
        build_pain001(
            order(payments=(dataclasses.replace(transfer(0), creditor_account=swedbank),))
        )
    )
    transaction = root.find(".//p:CdtTrfTxInf", NS)
    assert transaction is not None
    member = "p:CdtrAgt/p:FinInstnId/p:ClrSysMmbId/"
    assert texts(transaction, member + "p:ClrSysId/p:Cd") == ["SESBA"]
    assert texts(transaction, member + "p:MmbId") == ["8327"]
    assert texts(transaction, "p:CdtrAcct/p:Id/p:Othr/p:Id") == ["83270123456782"]
    assert texts(transaction, "p:CdtrAcct/p:Id/p:Othr/p:SchmeNm/p:Cd") == ["BBAN"]


def test_the_debtor_is_an_iban_or_a_bankgiro_number() -> None:
    with_iban = parse(build_pain001(order(1)))
    assert texts(with_iban, ".//p:DbtrAcct/p:Id/p:IBAN") == ["SE4550000000058398257466"]
    with_bankgiro = parse(build_pain001(order(1, debtor_account="5050-1055")))
    assert texts(with_bankgiro, ".//p:DbtrAcct/p:Id/p:Othr/p:Id") == ["50501055"]
    assert texts(with_bankgiro, ".//p:DbtrAcct/p:Id/p:Othr/p:SchmeNm/p:Prtry") == ["BGNR"]


def test_header_carries_id_time_date_and_organisation_number() -> None:
    root = parse(build_pain001(order(1)))
    assert texts(root, ".//p:GrpHdr/p:MsgId") == ["BRY20260325103015A1B2C3D4E5F6"]
    assert texts(root, ".//p:GrpHdr/p:CreDtTm") == ["2026-03-25T10:30:15+01:00"]
    assert texts(root, ".//p:PmtInf/p:ReqdExctnDt") == ["2026-03-27"]
    assert texts(root, ".//p:InitgPty/p:Id/p:OrgId/p:Othr/p:Id") == ["2120000001"]
    assert texts(root, ".//p:PmtTpInf/p:SvcLvl/p:Cd") == ["NURG"]


def test_the_same_order_gives_the_same_bytes() -> None:
    assert build_pain001(order(50)) == build_pain001(order(50))


# ---------------------------------------------------------------------------------------------
# Read back.
# ---------------------------------------------------------------------------------------------


def test_read_pain001_returns_what_was_written() -> None:
    written = order(12)
    assert read_pain001(build_pain001(written)) == [
        ReadPayment(
            p.end_to_end_id,
            p.amount_kronor,
            p.creditor_account.clearing,
            p.creditor_account.account,
        )
        for p in written.payments
    ]


def test_read_back_accounts_parse_to_the_same_account() -> None:
    for read in read_pain001(build_pain001(order(len(ACCOUNTS)))):
        assert parse_bank_account(read.clearing, read.account) in ACCOUNTS


def test_reading_refuses_oere_and_other_documents() -> None:
    xml = build_pain001(order(1)).replace(b">1000.00<", b">1000.50<")
    with pytest.raises(Pain001Error, match="whole kronor"):
        read_pain001(xml)
    with pytest.raises(Pain001Error, match=r"not a pain\.001\.001\.03"):
        read_pain001(b"<Document/>")
    with pytest.raises(Pain001Error, match="well-formed"):
        read_pain001(b"<Document")


account_choices = st.sampled_from(ACCOUNTS)
names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn")),
    min_size=1,
    max_size=70,
).filter(str.strip)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 10**12), account_choices, names), min_size=1, max_size=30))
def test_any_order_is_valid_counted_and_read_back(
    rows: list[tuple[int, BankAccount, str]],
) -> None:
    payments = tuple(
        CreditTransfer(f"E{index}", amount, name, account, "")
        for index, (amount, account, name) in enumerate(rows)
    )
    xml = build_pain001(order(payments=payments))
    assert schema_errors(xml) == []
    root = parse(xml)
    assert texts(root, ".//p:GrpHdr/p:NbOfTxs") == [str(len(rows))]
    assert texts(root, ".//p:GrpHdr/p:CtrlSum") == [f"{sum(row[0] for row in rows)}.00"]
    assert [(r.amount_kronor, r.clearing, r.account) for r in read_pain001(xml)] == [
        (amount, account.clearing, account.account) for amount, account, _ in rows
    ]
    assert texts(root, ".//p:Cdtr/p:Nm") == [name.strip() for _, _, name in rows]


# ---------------------------------------------------------------------------------------------
# Orders that cannot make a valid file are refused before writing.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"payments": ()}, "at least one payment"),
        ({"created_at": datetime(2026, 3, 25, 10, 0)}, "aware"),  # noqa: DTZ001
        ({"message_id": "X" * 36}, "longer than 35"),
        ({"message_id": " "}, "empty"),
        ({"debtor_name": "Kommun\x00"}, "control character"),
        ({"debtor_account": "SE4550000000058398257467"}, "not a valid IBAN"),
        ({"debtor_account": "5050-1056"}, "neither an IBAN nor a bankgiro"),
        ({"payments": (transfer(0), transfer(0))}, "used twice"),
        ({"payments": (transfer(0, -5),)}, "above 0"),
        ({"payments": (dataclasses.replace(transfer(0), amount_kronor=0),)}, "above 0"),
        ({"payments": (dataclasses.replace(transfer(0), amount_kronor=True),)}, "above 0"),
        ({"payments": (dataclasses.replace(transfer(0), amount_kronor=10.5),)}, "above 0"),
        ({"payments": (dataclasses.replace(transfer(0), end_to_end_id="E" * 36),)}, "longer"),
        ({"payments": (dataclasses.replace(transfer(0), creditor_name="a\nb"),)}, "control"),
        ({"payments": (dataclasses.replace(transfer(0), remittance_text="x" * 141),)}, "longer"),
    ],
)
def test_orders_that_cannot_make_a_valid_file_are_refused(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(Pain001Error, match=message):
        build_pain001(order(1, **changes))


def test_the_default_organisation_number_passes_the_luhn_check() -> None:
    assert orgnr.is_valid(django_settings.BRYGGAN_MUNICIPALITY["org_number"])
