"""Requests for documents: asked from the case, answered on My pages through the case's document
checks, fulfilled or overdue on both sides; and the preliminary reply of FL 11 §."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.audit.services import change_record_write
from bryggan.casefile.models import Document, DocumentRequest, PreliminaryReply
from bryggan.casefile.rules_requests import RequestState, is_reply_due, request_state
from bryggan.casefile.selectors_requests import application_replies, replies_due
from bryggan.casefile.services_requests import (
    ALREADY_DECIDED,
    ALREADY_REVIEWED,
    LAST_DAY_PASSED,
    document_request_answer,
    document_request_create,
    document_request_review,
    preliminary_reply_give,
)
from bryggan.core.errors import DomainError
from bryggan.desk.freshness import counts_generation
from bryggan.desk.registry import desk_counts
from bryggan.intake.models import Application
from bryggan.people.services import household_open
from tests.casefile.documents_files import HTML, pdf_bytes
from tests.mypages.conftest import Own
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 7)


def _asked(own: Own, by: User) -> DocumentRequest:
    """A payslip asked for today, with today as the last day."""
    today = timezone.localdate()
    return document_request_create(
        household=own.household,
        kind="payslip",
        what="Lönespecifikation",
        last_day=today,
        month=None,
        by=by,
        today=today,
    )


def _send(own: Own, request: DocumentRequest, text: str, name: str) -> None:
    """The applicant sends a PDF against the request."""
    document_request_answer(
        request=request, file=BytesIO(pdf_bytes(text)), name=name, by=own.user, now=timezone.now()
    )


def test_a_request_is_open_until_its_last_day_then_overdue_and_fulfilled_once_answered() -> None:
    last = DAY
    assert request_state(last_day=last, fulfilled_on=None, today=DAY) == RequestState.OPEN
    assert (
        request_state(last_day=last, fulfilled_on=None, today=DAY + timedelta(days=1))
        == RequestState.OVERDUE
    )
    assert (
        request_state(
            last_day=last, fulfilled_on=DAY + timedelta(days=3), today=DAY + timedelta(days=9)
        )
        == RequestState.FULFILLED
    )
    # Reviewed once the caseworker has gone through it, whatever the day; never while unanswered.
    assert (
        request_state(
            last_day=last,
            fulfilled_on=DAY + timedelta(days=3),
            today=DAY + timedelta(days=9),
            reviewed=True,
        )
        == RequestState.REVIEWED
    )
    assert (
        request_state(last_day=last, fulfilled_on=None, today=DAY, reviewed=True)
        == RequestState.OPEN
    )


def test_a_reply_is_due_only_past_the_target_without_decision_or_reply() -> None:
    came = DAY - timedelta(days=15)
    assert is_reply_due(received_on=came, target_days=14, decided=False, replied=False, today=DAY)
    assert not is_reply_due(
        received_on=came, target_days=14, decided=True, replied=False, today=DAY
    )
    assert not is_reply_due(
        received_on=came, target_days=14, decided=False, replied=True, today=DAY
    )
    assert not is_reply_due(
        received_on=DAY - timedelta(days=14),
        target_days=14,
        decided=False,
        replied=False,
        today=DAY,
    )


def test_a_last_day_in_the_past_is_refused(own: Own, persona: Callable[..., User]) -> None:
    today = timezone.localdate()
    with pytest.raises(DomainError) as refused:
        document_request_create(
            household=own.household,
            kind="payslip",
            what="Lönespecifikation",
            last_day=today - timedelta(days=1),
            month=None,
            by=persona("caseworker"),
            today=today,
        )
    assert refused.value.message == LAST_DAY_PASSED


def test_the_caseworker_asks_and_the_applicant_answers_on_my_pages(
    own: Own, client_as: Callable[..., Client]
) -> None:
    staff = client_as("caseworker")
    last_day = timezone.localdate() + timedelta(days=7)
    asked = staff.post(
        reverse("casefile:document_requests", args=[own.household.pk]),
        {"what": "Lönespecifikation för november", "kind": "payslip", "last_day": last_day},
    )
    assert asked.status_code == 302
    request = DocumentRequest.objects.get(household=own.household)

    listed = own.client.get(reverse("mypages:requests")).content.decode()
    assert "Lönespecifikation för november" in listed
    assert 'data-state="open"' in listed

    sent = own.client.post(
        reverse("mypages:request_upload", args=[request.pk]),
        {"file": SimpleUploadedFile("lonespec.pdf", pdf_bytes("Lön"), "application/pdf")},
    )
    assert sent.status_code == 302
    request.refresh_from_db()
    document = request.documents.get()
    assert request.fulfilled_on == timezone.localdate()
    assert document.kind == "payslip"
    assert document.uploaded_by == own.user
    staff_page = staff.get(reverse("casefile:document_requests", args=[own.household.pk]))
    assert 'data-state="fulfilled"' in staff_page.content.decode()
    assert 'data-state="fulfilled"' in own.client.get(reverse("mypages:requests")).content.decode()


def test_a_file_that_is_not_what_its_name_says_is_refused_beside_the_field(
    own: Own, persona: Callable[..., User]
) -> None:
    request = _asked(own, persona("caseworker"))
    response = own.client.post(
        reverse("mypages:request_upload", args=[request.pk]),
        {"file": SimpleUploadedFile("lonespec.pdf", HTML, "application/pdf")},
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Document.objects.filter(household=own.household, kind="payslip").exists()
    request.refresh_from_db()
    assert request.fulfilled_on is None


def test_an_overdue_request_shows_as_overdue_on_both_sides(
    own: Own, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    today = timezone.localdate()
    request = document_request_create(
        household=own.household,
        kind="bank_statement",
        what="Kontoutdrag",
        last_day=today,
        month=None,
        by=persona("caseworker"),
        today=today,
    )
    DocumentRequest.objects.filter(pk=request.pk).update(
        requested_on=today - timedelta(days=20), last_day=today - timedelta(days=1)
    )
    assert 'data-state="overdue"' in own.client.get(reverse("mypages:requests")).content.decode()
    staff = client_as("caseworker").get(
        reverse("casefile:document_requests", args=[own.household.pk])
    )
    assert 'data-state="overdue"' in staff.content.decode()


def test_the_case_page_says_a_reply_is_due_and_the_applicant_sees_the_reply(
    own: Own, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    # An application received 20 days ago (past the 14-day target), with no decision.
    application = Application.objects.get(household=own.household)
    later = Application.objects.create(
        household=own.household,
        month="2099-01",
        received_at=timezone.now() - timedelta(days=20),
        channel=application.channel,
        track=application.track,
        registered_by=application.registered_by,
    )
    staff = client_as("caseworker")
    case_page = staff.get(reverse("people:household_detail", args=[own.household.pk]))
    assert 'data-testid="reply-due"' in case_page.content.decode()

    given = staff.post(
        reverse("casefile:preliminary_reply", args=[own.household.pk, later.pk]),
        {"reason": "Vi väntar på uppgifter från Försäkringskassan.", "decision_by": "2099-01-20"},
    )
    assert given.status_code == 302
    assert PreliminaryReply.objects.filter(application=later).exists()
    case_page = staff.get(reverse("people:household_detail", args=[own.household.pk]))
    assert 'data-testid="reply-due"' not in case_page.content.decode()
    home = own.client.get(reverse("mypages:home")).content.decode()
    assert "Försäkringskassan" in home
    assert "2099-01-20" in home


def test_a_decided_application_gets_no_preliminary_reply(
    own: Own, persona: Callable[..., User]
) -> None:
    application = Application.objects.get(household=own.household)
    with pytest.raises(DomainError) as refused:
        preliminary_reply_give(
            household=own.household,
            application=application,
            reason="Dröjer.",
            decision_by=timezone.localdate(),
            decided=True,
            by=persona("caseworker"),
            today=timezone.localdate(),
        )
    assert refused.value.message == ALREADY_DECIDED


def test_the_caseworker_marks_what_came_in_as_reviewed_and_more_sent_waits_again(
    own: Own, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    caseworker = persona("caseworker")
    request = _asked(own, caseworker)
    review = reverse("casefile:document_request_review", args=[own.household.pk, request.pk])
    staff = client_as("caseworker")
    # Nothing sent yet: refused with a message, nothing saved.
    refused = staff.post(review, follow=True)
    assert "Inget har skickats in på den här begäran ännu." in refused.content.decode()
    request.refresh_from_db()
    assert request.reviewed_at is None

    _send(own, request, "Lön", "a.pdf")
    assert staff.post(review).status_code == 302
    request.refresh_from_db()
    assert request.reviewed_by == caseworker
    assert request.reviewed_at is not None
    assert ChangeRecord.objects.filter(
        object_type="document_request", object_id=request.pk, action="reviewed"
    ).exists()
    page = staff.get(reverse("casefile:document_requests", args=[own.household.pk]))
    assert 'data-state="reviewed"' in page.content.decode()
    assert 'data-state="reviewed"' in own.client.get(reverse("mypages:requests")).content.decode()
    with pytest.raises(DomainError) as twice:
        document_request_review(request=request, by=caseworker, now=timezone.now())
    assert twice.value.message == ALREADY_REVIEWED

    # The applicant sends one more: it waits for the caseworker again.
    _send(own, request, "Lön 2", "b.pdf")
    request.refresh_from_db()
    assert request.reviewed_at is None
    assert request.reviewed_by is None
    assert request.documents.count() == 2


def test_only_a_role_that_manages_documents_marks_a_request_reviewed(
    own: Own, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    request = _asked(own, persona("caseworker"))
    _send(own, request, "Lön", "a.pdf")
    review = reverse("casefile:document_request_review", args=[own.household.pk, request.pk])
    assert own.client.post(review).status_code == 403
    assert client_as("analyst").post(review).status_code == 403
    request.refresh_from_db()
    assert request.reviewed_at is None


def test_the_menu_count_drops_at_once_when_the_caseworker_marks_a_request_reviewed(
    own: Own,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    caseworker = persona("caseworker")
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        request = _asked(own, caseworker)
        _send(own, request, "Lön", "a.pdf")
    # Counted once and kept in the cache (the menu asks on every page).
    assert desk_counts(caseworker, today=today)["document_request_received"] == 1
    review = reverse("casefile:document_request_review", args=[own.household.pk, request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client_as("caseworker").post(review).status_code == 302
    # Within the cache's 30 seconds, but the change to the case made the cached count stale.
    assert desk_counts(caseworker, today=today)["document_request_received"] == 0


def test_a_change_to_a_case_of_another_unit_keeps_the_cached_counts(
    own: Own,
    persona: Callable[..., User],
    other_unit: Unit,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    caseworker = persona("caseworker")
    other_unit_case = household_open(
        unit=other_unit,
        applicant=person_input(date(1980, 5, 17), 431),
        co_applicant=None,
        children=[],
        caseworker=None,
        opened_on=DAY,
        by=caseworker,
    )
    before = counts_generation(caseworker.unit_id)
    with django_capture_on_commit_callbacks(execute=True):
        change_record_write(
            user=None,
            case_id=other_unit_case.pk,
            object_type="household",
            object_id=other_unit_case.pk,
            action="test",
            changes={},
        )
    assert counts_generation(caseworker.unit_id) == before
    with django_capture_on_commit_callbacks(execute=True):
        change_record_write(
            user=None,
            case_id=own.household.pk,
            object_type="household",
            object_id=own.household.pk,
            action="test",
            changes={},
        )
    assert counts_generation(caseworker.unit_id) != before


def test_the_case_page_finds_the_same_replies_due_as_the_requests_page_with_fewer_reads(
    own: Own,
    persona: Callable[..., User],
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    """`replies_due` from the applications already read gives the rows of `application_replies`
    that are due: late and undecided ones, not a replied one, not one within the target."""
    first = Application.objects.get(household=own.household)
    made = {
        month: Application.objects.create(
            household=own.household,
            month=month,
            received_at=timezone.now() - timedelta(days=days),
            channel=first.channel,
            track=first.track,
            registered_by=first.registered_by,
        )
        for month, days in (("2099-01", 20), ("2099-02", 30), ("2099-03", 3), ("2099-04", 40))
    }
    preliminary_reply_give(
        household=own.household,
        application=made["2099-02"],
        reason="Vi väntar på uppgifter.",
        decision_by=timezone.localdate() + timedelta(days=10),
        decided=False,
        by=persona("caseworker"),
        today=timezone.localdate(),
    )
    today = timezone.localdate()
    expected = [row for row in application_replies(own.household.pk, today=today) if row.reply_due]
    applications = list(Application.objects.filter(household=own.household).order_by("-month"))
    with django_assert_max_num_queries(2):  # the decided months, the replies given
        due = replies_due(own.household.pk, today=today, applications=applications)
    assert due == expected
    assert [row.application.month for row in due] == ["2099-01", "2099-04"]
    on_time = [first, made["2099-03"]]
    with django_assert_max_num_queries(1):  # none late and undecided: no replies read
        assert replies_due(own.household.pk, today=today, applications=on_time) == []
