"""Small real files for the documents tests, made in the test run, and an upload helper."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO

import pytest
from django.utils import timezone
from PIL import Image
from reportlab.pdfgen import canvas

from bryggan.accounts.models import Unit, User
from bryggan.casefile.models import Document
from bryggan.casefile.services_documents import document_upload
from bryggan.core.month import Month
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from bryggan.people.models import Household, Person
from tests.people.factories import person_input

HTML = b"<!DOCTYPE html><html><body><script>alert('x')</script>%PDF-1.4</body></html>"


def pdf_bytes(text: str = "Hyreskontrakt") -> bytes:
    buffer = BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def image_bytes(image_format: str) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(
    household: Household,
    by: User,
    *,
    content: bytes | None = None,
    name: str = "hyreskontrakt.pdf",
    kind: str = "rent_contract",
    received_on: date = date(2021, 3, 2),
    from_month: str = "2021-03",
    to_month: str = "",
    member: Person | None = None,
) -> Document:
    return document_upload(
        household=household,
        file=BytesIO(pdf_bytes() if content is None else content),
        name=name,
        kind=kind,
        received_on=received_on,
        sender="Bostadsbolaget AB",
        from_month=Month.parse(from_month) if from_month else None,
        to_month=Month.parse(to_month) if to_month else None,
        member=member,
        by=by,
        now=timezone.now(),
    )


@pytest.fixture
def case(unit: Unit, persona: Callable[..., User]) -> Household:
    """A case of the unit with one applicant."""
    persona("work_coach")
    return application_register(
        unit=unit,
        registered_by=persona("caseworker"),
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1980, 1, 1)),
        now=timezone.now(),
    ).household
