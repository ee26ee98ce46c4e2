"""The payment file: an ISO 20022 `pain.001.001.03` credit transfer initiation, and its reader.

Primary sources:
- ISO 20022 message definition CustomerCreditTransferInitiationV03 (`pain.001.001.03`), schema in
  `schemas/pain.001.001.03.xsd` (provenance in `schemas/README.md`); the file is checked against
  it by `validate_pain001` and in the tests.
- Swedish usage: Finance Sweden (Svenska Bankföreningen), "Swedish Common Interpretation of
  ISO 20022 Payment Messages" with "Appendix 1: Common Payment Types in Sweden", and the banks'
  guidelines built on it (Nordea "Corporate Access Payables – Appendix Sweden", Handelsbanken's
  and Swedbank's pain.001.001.03 implementation guides).

The shape used for a domestic account-to-account transfer (*kontoinsättning*) to a Swedish bank
account, taken from Swedish implementations of those guidelines (Odoo's `l10n_se` ISO 20022
export and others); the guideline texts themselves are to be checked against it before a bank
first receives a file (a bank's test service will answer with a pain.002):

    CdtrAgt/FinInstnId/ClrSysMmbId/ClrSysId/Cd = SESBA, MmbId = the four-digit clearing number
    CdtrAcct/Id/Othr/Id = clearing number + account number (BBAN), SchmeNm/Cd = BBAN

For Swedbank's 8xxx-x clearing numbers the BBAN carries the four digits the clearing uses,
without Swedbank's fifth check digit (Bankgirot's 16-digit form); some banks also accept it with.

The debtor's account is an IBAN, or a bankgiro number written as Othr/Id with SchmeNm/Prtry =
BGNR (accepted by Bankgirot-connected banks; Nordea takes IBAN or BBAN only). The debtor and
initiating party are identified by the municipality's organisation number with SchmeNm/Cd = BANK.
One payment information block per file: one debtor account, one execution date, service level
NURG (domestic, non-urgent). Amounts are whole kronor written with two decimals; no float.
"""

from __future__ import annotations

import functools
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple

import xmlschema
from stdnum import iban, luhn

from bryggan.core.money import Kronor
from bryggan.payments.bank_account import BankAccount

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "pain.001.001.03.xsd"
CURRENCY = "SEK"
SERVICE_LEVEL = "NURG"
CLEARING_SYSTEM = "SESBA"  # Swedish Bankers' Association clearing codes (ISO external code list)
ACCOUNT_SCHEME_BBAN = "BBAN"
ACCOUNT_SCHEME_BANKGIRO = "BGNR"
ORGANISATION_SCHEME = "BANK"

_MAX35, _MAX140 = 35, 140
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BANKGIRO = re.compile(r"^\d{7,8}$")


class Pain001Error(ValueError):
    """A payment order that cannot be written as a valid pain.001 file, or a file not read."""


@dataclass(frozen=True, slots=True)
class CreditTransfer:
    """One payment to one Swedish bank account."""

    end_to_end_id: str
    amount_kronor: Kronor
    creditor_name: str
    creditor_account: BankAccount
    remittance_text: str


@dataclass(frozen=True, slots=True)
class PaymentOrder:
    """A whole file: the paying municipality, the date, and the payments."""

    message_id: str
    created_at: datetime
    debtor_name: str
    debtor_org_number: str
    debtor_account: str  # IBAN (SE45 5000 …) or bankgiro number (5050-1055)
    requested_execution_date: date
    payments: tuple[CreditTransfer, ...]
    debtor_bic: str | None = None  # the debtor's bank; Swedish banks ask for it in DbtrAgt
    category_purpose: str | None = None  # e.g. SSBE (social security benefit), if agreed


class ReadPayment(NamedTuple):
    """One credit transfer as read back from a file."""

    end_to_end_id: str
    amount_kronor: Kronor
    clearing: str
    account: str


def _text(value: str, what: str, maximum: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Pain001Error(f"{what} is empty")
    if _CONTROL.search(value):
        raise Pain001Error(f"{what} contains a control character: {value!r}")
    if len(value) > maximum:
        raise Pain001Error(f"{what} is longer than {maximum} characters: {value!r}")
    return value.strip()


def _amount(kronor: Kronor) -> str:
    return f"{kronor}.00"


def _debtor_account(text: str) -> tuple[str, str]:
    """("IBAN", iban) or ("BGNR", bankgiro number) from the configured debtor account."""
    compact = re.sub(r"[\s\-]", "", text).upper()
    if compact[:2].isalpha():
        if not iban.is_valid(compact):
            raise Pain001Error(f"debtor account is not a valid IBAN: {text!r}")
        return "IBAN", compact
    if _BANKGIRO.match(compact) and luhn.is_valid(compact):
        return ACCOUNT_SCHEME_BANKGIRO, compact
    raise Pain001Error(f"debtor account is neither an IBAN nor a bankgiro number: {text!r}")


def _check(order: PaymentOrder) -> None:
    _text(order.message_id, "message id", _MAX35)
    _text(order.debtor_name, "debtor name", _MAX140)
    _text(order.debtor_org_number, "debtor organisation number", _MAX35)
    if order.created_at.tzinfo is None or order.created_at.utcoffset() is None:
        raise Pain001Error("created_at must be an aware datetime")
    if not order.payments:
        raise Pain001Error("a payment order needs at least one payment")
    seen: set[str] = set()
    for payment in order.payments:
        _text(payment.end_to_end_id, "end-to-end id", _MAX35)
        _text(payment.creditor_name, "creditor name", _MAX140)
        if payment.remittance_text:
            _text(payment.remittance_text, "remittance text", _MAX140)
        amount = payment.amount_kronor
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise Pain001Error(f"{payment.end_to_end_id}: amount must be whole kronor above 0")
        if payment.end_to_end_id in seen:
            raise Pain001Error(f"end-to-end id used twice: {payment.end_to_end_id}")
        seen.add(payment.end_to_end_id)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _organisation(parent: ET.Element, name: str, org_number: str) -> None:
    _sub(parent, "Nm", name)
    other = _sub(_sub(_sub(parent, "Id"), "OrgId"), "Othr")
    _sub(other, "Id", re.sub(r"\D", "", org_number) or org_number)
    _sub(_sub(other, "SchmeNm"), "Cd", ORGANISATION_SCHEME)


def _transfer(parent: ET.Element, payment: CreditTransfer) -> None:
    account = payment.creditor_account
    transaction = _sub(parent, "CdtTrfTxInf")
    ids = _sub(transaction, "PmtId")
    _sub(ids, "InstrId", payment.end_to_end_id)
    _sub(ids, "EndToEndId", payment.end_to_end_id)
    _sub(_sub(transaction, "Amt"), "InstdAmt", _amount(payment.amount_kronor), Ccy=CURRENCY)
    member = _sub(_sub(_sub(transaction, "CdtrAgt"), "FinInstnId"), "ClrSysMmbId")
    _sub(_sub(member, "ClrSysId"), "Cd", CLEARING_SYSTEM)
    _sub(member, "MmbId", account.clearing)
    _sub(_sub(transaction, "Cdtr"), "Nm", payment.creditor_name.strip())
    other = _sub(_sub(_sub(transaction, "CdtrAcct"), "Id"), "Othr")
    _sub(other, "Id", account.bban)
    _sub(_sub(other, "SchmeNm"), "Cd", ACCOUNT_SCHEME_BBAN)
    if payment.remittance_text:
        _sub(_sub(transaction, "RmtInf"), "Ustrd", payment.remittance_text.strip())


def build_pain001(order: PaymentOrder) -> bytes:
    """The pain.001.001.03 file for `order`: UTF-8, indented, the same bytes for the same order.

    NbOfTxs and CtrlSum (in the group header and the payment block) are counted from the
    payments. Raises `Pain001Error` on an order that would not make a valid file.
    """
    _check(order)
    scheme, debtor_account = _debtor_account(order.debtor_account)
    count = str(len(order.payments))
    total = _amount(sum(payment.amount_kronor for payment in order.payments))
    created = order.created_at.replace(microsecond=0).isoformat()

    document = ET.Element("Document", {"xmlns": NAMESPACE})
    initiation = _sub(document, "CstmrCdtTrfInitn")
    header = _sub(initiation, "GrpHdr")
    _sub(header, "MsgId", order.message_id.strip())
    _sub(header, "CreDtTm", created)
    _sub(header, "NbOfTxs", count)
    _sub(header, "CtrlSum", total)
    _organisation(_sub(header, "InitgPty"), order.debtor_name.strip(), order.debtor_org_number)

    block = _sub(initiation, "PmtInf")
    _sub(block, "PmtInfId", order.message_id.strip())
    _sub(block, "PmtMtd", "TRF")
    _sub(block, "NbOfTxs", count)
    _sub(block, "CtrlSum", total)
    payment_type = _sub(block, "PmtTpInf")
    _sub(_sub(payment_type, "SvcLvl"), "Cd", SERVICE_LEVEL)
    if order.category_purpose:
        _sub(_sub(payment_type, "CtgyPurp"), "Cd", order.category_purpose)
    _sub(block, "ReqdExctnDt", order.requested_execution_date.isoformat())
    _organisation(_sub(block, "Dbtr"), order.debtor_name.strip(), order.debtor_org_number)
    account_id = _sub(_sub(block, "DbtrAcct"), "Id")
    if scheme == "IBAN":
        _sub(account_id, "IBAN", debtor_account)
    else:
        other = _sub(account_id, "Othr")
        _sub(other, "Id", debtor_account)
        _sub(_sub(other, "SchmeNm"), "Prtry", ACCOUNT_SCHEME_BANKGIRO)
    agent = _sub(_sub(block, "DbtrAgt"), "FinInstnId")
    if order.debtor_bic:
        _sub(agent, "BIC", order.debtor_bic)
    for payment in order.payments:
        _transfer(block, payment)

    ET.indent(document, space="  ")
    text: bytes = ET.tostring(document, encoding="UTF-8", xml_declaration=True)
    return text + b"\n"


@functools.cache
def _schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(SCHEMA_PATH)


def schema_errors(xml: bytes) -> list[str]:
    """The reasons `xml` is not a valid pain.001.001.03 document (empty when it is valid)."""
    try:
        return [error.reason or str(error) for error in _schema().iter_errors(io.BytesIO(xml))]
    except (xmlschema.XMLResourceError, ET.ParseError, SyntaxError) as error:
        return [f"not well-formed XML: {error}"]


def validate_pain001(xml: bytes) -> None:
    """Raise `Pain001Error` naming the first problem if `xml` fails the ISO 20022 schema."""
    errors = schema_errors(xml)
    if errors:
        raise Pain001Error(f"pain.001 fails the ISO 20022 schema: {errors[0]}")


def _find(element: ET.Element, path: str) -> str:
    found = element.find(path, {"p": NAMESPACE})
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        raise Pain001Error(f"missing {path.replace('p:', '')}")
    return text


def _kronor(text: str, end_to_end_id: str) -> Kronor:
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise Pain001Error(f"{end_to_end_id}: amount is not a number: {text!r}") from error
    if amount != amount.to_integral_value():
        raise Pain001Error(f"{end_to_end_id}: amount is not whole kronor: {text}")
    return int(amount)


def read_pain001(xml: bytes) -> list[ReadPayment]:
    """The credit transfers in a pain.001.001.03 file Bryggan wrote, in file order.

    For round-trip tests and reconciliation; a file not in this shape raises `Pain001Error`.
    """
    try:
        # Our own files only; expat >= 2.4.1 refuses entity expansion bombs and ElementTree
        # does not fetch external entities.
        root = ET.fromstring(xml)  # noqa: S314
    except ET.ParseError as error:
        raise Pain001Error(f"not well-formed XML: {error}") from error
    if root.tag != f"{{{NAMESPACE}}}Document":
        raise Pain001Error(f"not a pain.001.001.03 document: {root.tag}")
    payments = []
    for transaction in root.iterfind("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf", {"p": NAMESPACE}):
        end_to_end_id = _find(transaction, "p:PmtId/p:EndToEndId")
        amount = transaction.find("p:Amt/p:InstdAmt", {"p": NAMESPACE})
        if amount is None or amount.get("Ccy") != CURRENCY:
            raise Pain001Error(f"{end_to_end_id}: no amount in {CURRENCY}")
        clearing = _find(transaction, "p:CdtrAgt/p:FinInstnId/p:ClrSysMmbId/p:MmbId")
        bban = _find(transaction, "p:CdtrAcct/p:Id/p:Othr/p:Id")
        if not bban.startswith(clearing):
            raise Pain001Error(f"{end_to_end_id}: account {bban} does not begin with {clearing}")
        payments.append(
            ReadPayment(
                end_to_end_id=end_to_end_id,
                amount_kronor=_kronor(amount.text or "", end_to_end_id),
                clearing=clearing,
                account=bban[len(clearing) :],
            )
        )
    return payments
