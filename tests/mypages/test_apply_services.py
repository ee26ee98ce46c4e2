"""Submitting online: one application per key and month, documents checked from their bytes,
nothing kept of a refused submission, the first application booked as the intake books it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.casefile.models import Document
from bryggan.core.errors import DomainError
from bryggan.intake.models import Application
from bryggan.mypages.models import OnlineApplication
from bryggan.mypages.rules_apply import LineInput
from bryggan.mypages.services import applicant_user_for
from bryggan.mypages.services_apply import first_application_submit
from bryggan.people.services import person_upsert
from tests.casefile.documents_files import HTML, pdf_bytes
from tests.people.factories import person_input
from tests.preassessment.factories import RenewalCase, renew, this_month

pytestmark = pytest.mark.django_db


def test_the_same_submission_twice_makes_one_application(case: RenewalCase) -> None:
    key = uuid.uuid4()
    first = renew(case, key=key)
    again = renew(case, key=key)
    assert first.pk == again.pk
    assert OnlineApplication.objects.count() == 1
    assert Application.objects.filter(household=case.household, month=str(case.month)).count() == 1


def test_a_month_already_applied_for_says_so(case: RenewalCase) -> None:
    renew(case)
    with pytest.raises(DomainError) as error:
        renew(case)  # a new key: a second application for the month
    assert error.value.field == "month"
    assert str(case.month) in str(error.value.message)


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_kept(
    case: RenewalCase,
) -> None:
    letters = Document.objects.count()  # last month's decision letter
    with pytest.raises(DomainError) as error:
        renew(case, changes={"employment": 3500}, documents={"employment": HTML})
    assert error.value.field == "line_1_file"
    assert not OnlineApplication.objects.exists()
    assert not Application.objects.filter(month=str(case.month)).exists()
    assert Document.objects.count() == letters


def test_too_large_a_file_is_refused(case: RenewalCase, settings: object) -> None:
    settings.BRYGGAN_DOCUMENT_MAX_BYTES = 100  # type: ignore[attr-defined]
    with pytest.raises(DomainError) as error:
        renew(case, changes={"housing": 5100}, documents={"housing": pdf_bytes()})
    assert error.value.field == "line_0_file"


def test_the_document_goes_into_the_case_file_with_its_checks(case: RenewalCase) -> None:
    online = renew(case, changes={"employment": 3500}, documents={"employment": pdf_bytes()})
    line = online.lines.get(type="employment")
    assert line.document is not None
    assert (line.document.kind, line.document.content_type) == ("payslip", "application/pdf")
    assert line.document.household == case.household
    assert online.application.channel == "e_service"


def test_a_first_application_registers_the_household_and_books_the_first_meeting(
    unit: Unit, persona: Callable[..., User], current_year_norm: int
) -> None:
    persona("caseworker")
    persona("work_coach")
    person = person_upsert(data=person_input(date(1990, 5, 5), 321, first="Amir"))
    now = timezone.now()
    online = first_application_submit(
        person=person,
        user=applicant_user_for(person),
        month=this_month(),
        co_applicant=None,
        children=[person_input(date(2018, 2, 2), 322, first="Lina")],
        lines=[
            LineInput("cost", "housing", "", 6500),
            LineInput("income", "employment", f"p{person.pk}", 2000),
        ],
        key=uuid.uuid4(),
        now=now,
    )
    application = online.application
    assert application.household.members.count() == 2
    assert application.first_meeting.deadline >= timezone.localdate()
    assert online.kind == "first"
    assert online.preliminary_amount is not None
    assert not hasattr(online, "proposal") or online.proposal is None
