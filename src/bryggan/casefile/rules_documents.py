"""The case's documents (*handlingar*): which kinds there are, which file types are accepted, which
months a document concerns, and which kind of document shows each line of a calculation.

Pure: values in, values out (no ORM, no clock). The type of a file is read from its bytes with
`puremagic` (magic numbers), never from its name: only PDF, JPEG and PNG are accepted, because a
file Bryggan stores is later opened by a caseworker, and these are what scanners and phones make.

Sources: SoL (2025:400) 14 kap. 3 § (what matters for a case is documented) and 7 § (documents kept
from anyone unauthorised). Which document shows which cost or income is practice in Swedish
units, not law (see `LINE_DOCUMENT_KINDS`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import PurePosixPath

import puremagic

from bryggan.calculation.household import CostType, IncomeType
from bryggan.calculation.lines import Line, LineKind


class Kind(StrEnum):
    """Kinds of document; `casefile.models.DocumentKind` has the same values."""

    RENT_CONTRACT = "rent_contract"
    PAYSLIP = "payslip"
    BANK_STATEMENT = "bank_statement"
    MEDICAL_CERTIFICATE = "medical_certificate"
    AF_PLAN = "af_plan"
    INVOICE = "invoice"
    DECISION_LETTER = "decision_letter"
    OTHER_LETTER = "other_letter"
    OTHER = "other"


# --- file types -----------------------------------------------------------------------------------

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
# The name extensions that agree with each accepted type.
EXTENSIONS: dict[str, frozenset[str]] = {
    PDF: frozenset({".pdf"}),
    JPEG: frozenset({".jpg", ".jpeg", ".jpe", ".jfif"}),
    PNG: frozenset({".png"}),
}
# The file extension a stored copy of each type is given on download.
DOWNLOAD_EXTENSION = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
# Enough of the file's start for every magic number puremagic looks for in these types.
HEAD_BYTES = 8192


class FileProblem(StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    NOT_ACCEPTED = "not_accepted"
    EXTENSION_CONTRADICTS = "extension_contradicts"


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What the bytes are (`content_type`, empty when not accepted) or why they are refused."""

    content_type: str = ""
    problem: FileProblem | None = None


def detected_type(content: bytes) -> str:
    """The accepted type the bytes say they are (`application/pdf`, `image/jpeg`, `image/png`), or
    "" for anything else. Only puremagic's most confident match counts: an HTML page that
    mentions "%PDF" somewhere is still HTML."""
    try:
        matches = puremagic.magic_string(content[:HEAD_BYTES])
    except puremagic.PureError:
        return ""
    if not matches:
        return ""
    best = max(match.confidence for match in matches)
    types = {match.mime_type for match in matches if match.confidence == best}
    accepted = types & set(EXTENSIONS)
    # Both a PDF and a PDF form data file start with %PDF: the same family, still one type.
    if len(accepted) != 1 or not types <= {*accepted, "application/vnd.fdf"}:
        return ""
    return accepted.pop()


# ISO 32000-1:2008, 7.5.2 "File header": a PDF file's first line is "%PDF-" and the version.
PDF_HEADER = b"%PDF-"


def is_pdf(content: bytes) -> bool:
    """Whether the bytes begin as a PDF file begins: the test of the letters Bryggan makes itself
    (a guard against a fault of its own), where an upload gets `file_check`'s whole test."""
    return content.startswith(PDF_HEADER)


def file_check(*, content: bytes, name: str, max_bytes: int) -> FileCheck:
    """Accept a file only if its bytes are a PDF, JPEG or PNG within the size limit and its name,
    when it has an extension, does not claim another type."""
    if not content:
        return FileCheck(problem=FileProblem.EMPTY)
    if len(content) > max_bytes:
        return FileCheck(problem=FileProblem.TOO_LARGE)
    content_type = detected_type(content)
    if not content_type:
        return FileCheck(problem=FileProblem.NOT_ACCEPTED)
    extension = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if extension and extension not in EXTENSIONS[content_type]:
        return FileCheck(content_type=content_type, problem=FileProblem.EXTENSION_CONTRADICTS)
    return FileCheck(content_type=content_type)


# --- months ---------------------------------------------------------------------------------------


def concerns_month(*, from_month: str, to_month: str, received_on: date, month: str) -> bool:
    """Whether a document concerns `month` (all `YYYY-MM`): each month from `from_month` to
    `to_month`; an open end when only one is given (a rent contract until further notice); the
    month received when neither is (a payslip brought in for the month). Practice, not law."""
    if not from_month and not to_month:
        return month == f"{received_on:%Y-%m}"
    return (not from_month or from_month <= month) and (not to_month or month <= to_month)


# --- documents checked against a calculation ------------------------------------------------------

# Which kinds of document show each cost and income line of a calculation for the month. This is
# the practice of Swedish units (Socialstyrelsen's handbook *Ekonomiskt bistånd* asks that costs
# and incomes be verified, without naming documents), not law: a unit may change this table.
_BENEFIT = (Kind.BANK_STATEMENT, Kind.DECISION_LETTER, Kind.OTHER)
LINE_DOCUMENT_KINDS: dict[str, tuple[Kind, ...]] = {
    f"cost.{CostType.HOUSING}": (Kind.RENT_CONTRACT, Kind.INVOICE),
    f"cost.{CostType.HOUSEHOLD_ELECTRICITY}": (Kind.INVOICE,),
    f"cost.{CostType.HOME_INSURANCE}": (Kind.INVOICE,),
    f"cost.{CostType.WORK_TRAVEL}": (Kind.INVOICE, Kind.OTHER),
    f"cost.{CostType.UNION_FEE}": (Kind.INVOICE, Kind.BANK_STATEMENT),
    f"cost.{CostType.UNEMPLOYMENT_FUND_FEE}": (Kind.INVOICE, Kind.BANK_STATEMENT),
    f"cost.{CostType.OTHER}": (Kind.INVOICE, Kind.OTHER),
    f"income.{IncomeType.EMPLOYMENT}": (Kind.PAYSLIP,),
    f"income.{IncomeType.SICKNESS_BENEFIT}": _BENEFIT,
    f"income.{IncomeType.ACTIVITY_SUPPORT}": _BENEFIT,
    f"income.{IncomeType.UNEMPLOYMENT_BENEFIT}": _BENEFIT,
    f"income.{IncomeType.PARENTAL_BENEFIT}": _BENEFIT,
    f"income.{IncomeType.PENSION}": _BENEFIT,
    f"income.{IncomeType.STUDENT_AID}": _BENEFIT,
    f"income.{IncomeType.CHILD_ALLOWANCE}": _BENEFIT,
    f"income.{IncomeType.HOUSING_ALLOWANCE}": _BENEFIT,
    f"income.{IncomeType.MAINTENANCE_SUPPORT}": _BENEFIT,
    f"income.{IncomeType.OTHER}": (Kind.BANK_STATEMENT, Kind.OTHER),
}


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the check needs of a document on file: `member` is the calculation's member id
    (`p` and the person's id) when the document concerns one member, else ""."""

    kind: str
    from_month: str
    to_month: str
    received_on: date
    member: str = ""


@dataclass(frozen=True, slots=True)
class LineDocumented:
    """One cost or income line and whether a document of a kind that shows it is on file."""

    line: Line
    kinds: tuple[Kind, ...]
    documented: bool


def line_is_documented(line: Line, documents: Iterable[DocumentFacts], month: str) -> bool:
    """A document of a matching kind concerning the month, and the line's member if it has one
    (a payslip of one adult does not show the other's pay)."""
    kinds = LINE_DOCUMENT_KINDS.get(line.code, ())
    return any(
        doc.kind in kinds
        and concerns_month(
            from_month=doc.from_month,
            to_month=doc.to_month,
            received_on=doc.received_on,
            month=month,
        )
        and (not doc.member or not line.members or doc.member in line.members)
        for doc in documents
    )


def lines_documented(
    lines: Iterable[Line], documents: Iterable[DocumentFacts], month: str
) -> tuple[LineDocumented, ...]:
    """Every cost and income line of a calculation with whether it is documented for `month`."""
    on_file = tuple(documents)
    return tuple(
        LineDocumented(
            line=line,
            kinds=LINE_DOCUMENT_KINDS.get(line.code, ()),
            documented=line_is_documented(line, on_file, month),
        )
        for line in lines
        if line.kind in (LineKind.COST, LineKind.INCOME)
    )
