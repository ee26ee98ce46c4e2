"""The pure rules of documents: the type from the bytes, the months concerned, lines documented."""

from __future__ import annotations

from datetime import date

import pytest

from bryggan.calculation.household import CostType, IncomeType
from bryggan.calculation.lines import Line, LineKind
from bryggan.casefile.rules_documents import (
    LINE_DOCUMENT_KINDS,
    DocumentFacts,
    FileProblem,
    concerns_month,
    file_check,
    is_pdf,
    lines_documented,
)
from tests.casefile.documents_files import HTML, image_bytes, pdf_bytes

LIMIT = 1_000_000


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (pdf_bytes(), "kontrakt.pdf", "application/pdf"),
        (image_bytes("JPEG"), "lonespec.jpg", "image/jpeg"),
        (image_bytes("JPEG"), "LONESPEC.JPEG", "image/jpeg"),
        (image_bytes("PNG"), "kontoutdrag.png", "image/png"),
        (pdf_bytes(), "utan-filändelse", "application/pdf"),
    ],
)
def test_a_pdf_jpeg_or_png_is_accepted_with_the_type_its_bytes_say(
    content: bytes, name: str, content_type: str
) -> None:
    assert file_check(content=content, name=name, max_bytes=LIMIT).content_type == content_type
    assert file_check(content=content, name=name, max_bytes=LIMIT).problem is None


def test_an_html_page_renamed_pdf_is_refused() -> None:
    assert file_check(content=HTML, name="kontrakt.pdf", max_bytes=LIMIT).problem == (
        FileProblem.NOT_ACCEPTED
    )


def test_other_bytes_are_refused_whatever_the_name() -> None:
    for content in (b"just text, nothing more", b"PK\x03\x04" + b"\0" * 40, b"GIF89a" + b"\0" * 20):
        check = file_check(content=content, name="kontrakt.pdf", max_bytes=LIMIT)
        assert check.problem == FileProblem.NOT_ACCEPTED


def test_an_empty_file_is_refused() -> None:
    assert file_check(content=b"", name="a.pdf", max_bytes=LIMIT).problem == FileProblem.EMPTY


def test_a_file_over_the_limit_is_refused_and_one_at_the_limit_accepted() -> None:
    content = pdf_bytes()
    over = file_check(content=content, name="a.pdf", max_bytes=len(content) - 1)
    at = file_check(content=content, name="a.pdf", max_bytes=len(content))
    assert (over.problem, at.problem) == (FileProblem.TOO_LARGE, None)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (image_bytes("JPEG"), "kontrakt.pdf"),
        (pdf_bytes(), "foto.png"),
        (image_bytes("PNG"), "foto.jpg"),
        (pdf_bytes(), "kontrakt.docx"),
    ],
)
def test_a_name_whose_extension_contradicts_the_bytes_is_refused(content: bytes, name: str) -> None:
    check = file_check(content=content, name=name, max_bytes=LIMIT)
    assert check.problem == FileProblem.EXTENSION_CONTRADICTS


def test_a_document_concerns_each_month_from_first_to_last() -> None:
    received = date(2021, 1, 5)

    def concerns(first: str, last: str, month: str) -> bool:
        return concerns_month(from_month=first, to_month=last, received_on=received, month=month)

    assert [concerns("2021-02", "2021-04", m) for m in ("2021-01", "2021-02", "2021-04")] == [
        False,
        True,
        True,
    ]
    assert not concerns("2021-02", "2021-04", "2021-05")
    # Open ends: until further notice, or every month up to the last.
    assert concerns("2021-02", "", "2030-12")
    assert concerns("", "2021-04", "2019-01")
    # Neither: the month received.
    assert concerns("", "", "2021-01")
    assert not concerns("", "", "2021-02")


def _line(code: str, kind: LineKind, members: tuple[str, ...] = ()) -> Line:
    return Line(kind, code, members, 1000, "källa")


def test_a_rent_contract_for_the_month_documents_housing_and_nothing_else() -> None:
    housing = _line("cost.housing", LineKind.COST)
    pay = _line("income.employment", LineKind.INCOME, ("p1",))
    norm = Line(LineKind.NORM, "personal.adult_single", ("p1",), 3000, "källa")
    contract = DocumentFacts("rent_contract", "2021-03", "", date(2021, 3, 1))
    result = lines_documented([norm, housing, pay], [contract], "2021-03")
    assert [(r.line.code, r.documented) for r in result] == [
        ("cost.housing", True),
        ("income.employment", False),
    ]
    assert not lines_documented([housing], [contract], "2021-02")[0].documented


def test_a_payslip_of_one_member_does_not_document_the_others_pay() -> None:
    pay = _line("income.employment", LineKind.INCOME, ("p1",))
    theirs = DocumentFacts("payslip", "2021-03", "2021-03", date(2021, 3, 25), member="p2")
    mine = DocumentFacts("payslip", "2021-03", "2021-03", date(2021, 3, 25), member="p1")
    household = DocumentFacts("payslip", "2021-03", "2021-03", date(2021, 3, 25))
    assert not lines_documented([pay], [theirs], "2021-03")[0].documented
    assert lines_documented([pay], [mine], "2021-03")[0].documented
    assert lines_documented([pay], [household], "2021-03")[0].documented


def test_every_cost_and_income_type_has_kinds_of_document() -> None:
    codes = {f"cost.{c}" for c in CostType} | {f"income.{i}" for i in IncomeType}
    assert codes == set(LINE_DOCUMENT_KINDS)
    assert all(LINE_DOCUMENT_KINDS.values())


def test_a_letter_is_a_pdf_by_its_header_and_nothing_else_is() -> None:
    assert is_pdf(pdf_bytes())
    assert not is_pdf(HTML)
    assert not is_pdf(image_bytes("PNG"))
    assert not is_pdf(b"")
    assert not is_pdf(b" %PDF-1.4")  # the header is the file's first bytes
