"""The documents pages as a caseworker uses them: upload, list, detail, download through the case
gate; the calculation page and the decision draft showing which lines are documented."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from bryggan.casefile.models import Document, DocumentKind
from bryggan.casefile.selectors_documents import FILE_DAMAGED
from bryggan.casefile.services_documents import FILE_NOT_ACCEPTED
from bryggan.decisions.models import Decision
from bryggan.people.models import Household
from tests.casefile.documents_files import HTML, case, pdf_bytes, upload
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["case", "current_year_norm", "delegation", "make_decision"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def documents_dir(settings: Any, tmp_path: Path) -> Path:
    settings.BRYGGAN_DOCUMENTS_DIR = tmp_path / "documents"
    return settings.BRYGGAN_DOCUMENTS_DIR


def _form(content: bytes, name: str, **extra: str) -> dict[str, object]:
    return {
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        "kind": "rent_contract",
        "received_on": "2021-03-02",
        "sender": "Hyresvärden AB",
        "from_month": "2021-03",
        "to_month": "",
        "member": "",
        **extra,
    }


def test_a_caseworker_uploads_a_rent_contract_and_sees_it_on_the_case(
    case: Household, client_as: Callable[..., Client], documents_dir: Path
) -> None:
    client = client_as("caseworker")
    url = reverse("casefile:document_upload", args=[case.pk])
    response = client.post(url, _form(pdf_bytes(), "hyreskontrakt.pdf"))
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("casefile:document_detail", args=[case.pk, document.pk])
    assert (document.kind, document.sender, document.from_month) == (
        "rent_contract",
        "Hyresvärden AB",
        "2021-03",
    )
    listing = client.get(reverse("casefile:documents", args=[case.pk])).content.decode()
    assert "hyreskontrakt.pdf" in listing
    assert str(DocumentKind.RENT_CONTRACT.label) in listing


def test_a_refused_upload_keeps_what_was_typed_and_says_why_on_the_file_field(
    case: Household, client_as: Callable[..., Client], documents_dir: Path
) -> None:
    url = reverse("casefile:document_upload", args=[case.pk])
    response = client_as("caseworker").post(
        url, _form(HTML, "kontrakt.pdf", sender="Bostadsbolaget i Söder", to_month="2021-05")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [str(FILE_NOT_ACCEPTED)]
    page = response.content.decode()
    assert 'value="Bostadsbolaget i Söder"' in page
    assert 'value="2021-03"' in page
    assert 'value="2021-05"' in page
    assert not Document.objects.exists()


def test_the_last_month_before_the_first_is_refused_on_its_field(
    case: Household, client_as: Callable[..., Client], documents_dir: Path
) -> None:
    url = reverse("casefile:document_upload", args=[case.pk])
    response = client_as("caseworker").post(
        url, _form(pdf_bytes(), "a.pdf", from_month="2021-05", to_month="2021-03")
    )
    assert "to_month" in response.context["form"].errors
    assert not Document.objects.exists()


def test_the_download_is_an_attachment_of_the_detected_type_never_sniffed(
    case: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    documents_dir: Path,
) -> None:
    content = pdf_bytes()
    document = upload(case, persona("caseworker"), content=content, name="<script>.pdf")
    response = client_as("work_coach").get(
        reverse("casefile:document_download", args=[case.pk, document.pk])
    )
    assert response.status_code == 200
    assert response.content == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "script" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_reading_a_document_is_logged_and_another_unit_gets_not_found(
    case: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    other_unit: Unit,
    documents_dir: Path,
) -> None:
    document = upload(case, persona("caseworker"))
    for name in ("casefile:document_detail", "casefile:document_download"):
        url = reverse(name, args=[case.pk, document.pk])
        assert client_as("caseworker").get(url).status_code == 200
        outsider = Client()
        outsider.force_login(persona("caseworker", in_unit=other_unit))
        assert outsider.get(url).status_code == 404
        missing = reverse(name, args=[case.pk, document.pk + 1])
        assert client_as("caseworker").get(missing).status_code == 404
    reads = AccessLogEntry.objects.filter(object_type="document", object_id=str(document.pk))
    assert reads.count() == 2
    assert {entry.user_id for entry in reads} == {persona("caseworker").pk}
    assert all(entry.case_id == case.pk for entry in reads)


def test_a_file_whose_checksum_no_longer_matches_is_not_sent(
    case: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    documents_dir: Path,
) -> None:
    document = upload(case, persona("caseworker"))
    (documents_dir / document.stored_name).write_bytes(pdf_bytes("Något annat"))
    response = client_as("caseworker").get(
        reverse("casefile:document_download", args=[case.pk, document.pk])
    )
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert str(FILE_DAMAGED) in response.content.decode()
    assert b"%PDF" not in response.content


def test_the_list_filters_by_kind_and_by_month(
    case: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    documents_dir: Path,
) -> None:
    by = persona("caseworker")
    contract = upload(case, by, from_month="2021-01")
    payslip = upload(case, by, kind="payslip", from_month="2021-02", to_month="2021-02")
    url = reverse("casefile:documents", args=[case.pk])
    client = client_as("caseworker")

    def listed(query: dict[str, str]) -> set[int]:
        return {document.pk for document, _ in client.get(url, query).context["rows"]}

    assert listed({}) == {contract.pk, payslip.pk}
    assert listed({"kind": "payslip"}) == {payslip.pk}
    assert listed({"month": "2021-03"}) == {contract.pk}
    assert listed({"month": "2020-12"}) == set()


def test_a_document_registered_in_error_is_marked_and_kept(
    case: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    documents_dir: Path,
) -> None:
    document = upload(case, persona("caseworker"))
    url = reverse("casefile:document_mark_in_error", args=[case.pk, document.pk])
    client = client_as("caseworker")
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Hör till ett annat ärende."}).status_code == 302
    detail = client.get(reverse("casefile:document_detail", args=[case.pk, document.pk]))
    assert "Hör till ett annat ärende." in detail.content.decode()
    assert Document.objects.get().in_error


# --- documents checked ----------------------------------------------------------------------------


def _calculation(**extra: str) -> dict[str, str]:
    return {
        "month": "2021-03",
        "cost_housing": "6000",
        "consecutive_months_on_assistance": "0",
        "jobbstimulans_months_used": "0",
        "income_0_type": "child_allowance",
        "income_0_amount": "1250",
        "version": "0",
        **extra,
    }


def _documented(response: Any) -> dict[str, bool]:
    return {row.label: row.documented for row in response.context["documentation"]}


def test_a_rent_contract_for_the_month_marks_housing_documented_on_the_calculation_page(
    case: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    documents_dir: Path,
) -> None:
    url = reverse("decisions:calculation_preview", args=[case.pk])
    client = client_as("caseworker")
    assert _documented(client.post(url, _calculation())) == {
        "Boendekostnad": False,
        "Barnbidrag": False,
    }
    upload(case, persona("caseworker"), from_month="2021-03", to_month="2021-03")
    response = client.post(url, _calculation())
    assert _documented(response) == {"Boendekostnad": True, "Barnbidrag": False}
    assert 'data-documented="yes"' in response.content.decode()
    # Another month is not documented by it.
    assert _documented(client.post(url, _calculation(month="2021-04"))) == {
        "Boendekostnad": False,
        "Barnbidrag": False,
    }


def test_the_preview_counts_a_document_for_each_month_it_concerns(
    case: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    documents_dir: Path,
) -> None:
    """A rent contract until further notice documents every month from its first; an invoice
    with no months the month it was received (`rules_documents.concerns_month`)."""
    url = reverse("decisions:calculation_preview", args=[case.pk])
    client = client_as("caseworker")
    upload(case, persona("caseworker"), from_month="2021-02", to_month="")
    upload(
        case,
        persona("caseworker"),
        kind="bank_statement",
        name="kontoutdrag.pdf",
        from_month="",
        received_on=date(2021, 5, 20),
    )
    documented = {
        month: _documented(client.post(url, _calculation(month=month)))
        for month in ("2021-01", "2021-02", "2021-05", "2021-06")
    }
    assert documented == {
        "2021-01": {"Boendekostnad": False, "Barnbidrag": False},
        "2021-02": {"Boendekostnad": True, "Barnbidrag": False},
        "2021-05": {"Boendekostnad": True, "Barnbidrag": True},
        "2021-06": {"Boendekostnad": True, "Barnbidrag": False},
    }


def test_a_document_registered_in_error_documents_nothing(
    case: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    documents_dir: Path,
) -> None:
    from bryggan.casefile.services_documents import document_mark_in_error

    document = upload(case, persona("caseworker"))
    document_mark_in_error(
        document=document, reason="Fel fil.", by=persona("caseworker"), now=document.uploaded_at
    )
    url = reverse("decisions:calculation_preview", args=[case.pk])
    assert not _documented(client_as("caseworker").post(url, _calculation()))["Boendekostnad"]


def test_the_decision_draft_lists_the_lines_without_a_document(
    make_decision: Callable[..., Decision],
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    documents_dir: Path,
) -> None:
    draft = make_decision(3, sign=False)
    household = draft.household
    url = reverse("decisions:decision_detail", args=[household.pk, draft.pk])
    client = client_as("caseworker")
    assert [row.label for row in client.get(url).context["undocumented"]] == ["Boendekostnad"]
    upload(
        household,
        persona("caseworker"),
        from_month=draft.month,
        received_on=draft.created_at.date(),
    )
    response = client.get(url)
    assert response.context["undocumented"] == []
    assert (
        "Alla kostnader och inkomster har en handling" in response.content.decode()
        or (response.context["documentation_checked"])
    )
    # The new decision's form starts its checklist from the documents on file.
    form = client.get(reverse("decisions:decision_create", args=[household.pk]))
    assert form.context["form"].initial["documents_checked"] == ["rent_contract"]
    assert form.context["undocumented"] == []
