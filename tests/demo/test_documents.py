"""The demo's documents: rent contracts and payslips on some cases, letters stored at signing."""

from __future__ import annotations

import pytest

from bryggan.casefile.models import Document, DocumentDirection, DocumentKind
from bryggan.casefile.selectors_documents import document_content
from bryggan.demo.generator import generate
from tests.conftest import local

pytestmark = pytest.mark.django_db


def test_the_demo_has_rent_contracts_payslips_and_stored_letters() -> None:
    generate(households=12, seed=5, now=local(2026, 11, 23, 12))
    incoming = Document.objects.filter(direction=DocumentDirection.INCOMING)
    assert incoming.filter(kind=DocumentKind.RENT_CONTRACT).exists()
    assert incoming.filter(kind=DocumentKind.PAYSLIP).exists()
    letters = Document.objects.filter(direction=DocumentDirection.OUTGOING)
    assert letters.filter(kind=DocumentKind.DECISION_LETTER, letter_for_type="decision").exists()
    for document in incoming:
        assert document_content(document).startswith(b"%PDF")
