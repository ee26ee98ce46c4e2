"""Requests for documents (*begäran om komplettering*) and preliminary replies (FL 11 §).

The caseworker asks from the case; the applicant answers on My pages by uploading through
`services_documents.document_upload`, with all its checks. Each service is one transaction with
its history row; a notice that there is news on My pages goes once the transaction commits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import IO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write
from bryggan.casefile.models import Document, DocumentRequest, PreliminaryReply
from bryggan.casefile.services_documents import document_upload
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.intake.models import Application
from bryggan.people.models import Household

LAST_DAY_PASSED = _("The last day cannot be before today.")
WHAT_NEEDED = _("Say which document is asked for.")
REASON_NEEDED = _("Say why the decision is delayed.")
DECISION_BY_PASSED = _("The day of the decision cannot be before today.")
OTHER_CASE = _("The application belongs to another case.")
ALREADY_DECIDED = _("The application is already decided.")
NOTHING_SENT = _("Nothing has been sent in against this request yet.")
ALREADY_REVIEWED = _("What was sent in against this request is already reviewed.")

# Called with the household after a commit that leaves news for its members (My pages wires it).
NewsHook = Callable[[Household], None]
_news_hooks: list[NewsHook] = []


def news_hook_register(hook: NewsHook) -> None:
    """Let another app (My pages) tell the applicant that there is news; casefile imports none."""
    if hook not in _news_hooks:
        _news_hooks.append(hook)


def _news(household: Household) -> None:
    for hook in _news_hooks:
        transaction.on_commit(lambda hook=hook: hook(household))


@transaction.atomic
def document_request_create(
    *,
    household: Household,
    kind: str,
    what: str,
    last_day: date,
    month: Month | None,
    by: User,
    today: date,
) -> DocumentRequest:
    """Ask the applicant for one named document by `last_day`."""
    if not what.strip():
        raise DomainError(WHAT_NEEDED, field="what")
    if last_day < today:
        raise DomainError(LAST_DAY_PASSED, field="last_day")
    request = DocumentRequest.objects.create(
        household=household,
        kind=kind,
        what=what.strip(),
        last_day=last_day,
        month=str(month) if month else "",
        requested_by=by,
        requested_on=today,
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="document_request",
        object_id=request.pk,
        action="requested",
        changes={"kind": kind, "what": request.what, "last_day": last_day.isoformat()},
    )
    _news(household)
    return request


def document_request_answer(
    *,
    request: DocumentRequest,
    file: IO[bytes],
    name: str,
    by: User,
    now: datetime,
) -> Document:
    """The applicant sends a document against a request: stored with the case's document checks
    (type read from the bytes, size), filed under the kind asked for, the request fulfilled."""
    with transaction.atomic():
        month = Month.parse(request.month) if request.month else None
        document = document_upload(
            household=request.household,
            file=file,
            name=name,
            kind=request.kind,
            received_on=timezone.localdate(now),
            sender=by.get_full_name() or by.username,
            from_month=month,
            to_month=month,
            member=None,
            by=by,
            now=now,
        )
        locked = DocumentRequest.objects.select_for_update().get(pk=request.pk)
        locked.documents.add(document)
        if locked.fulfilled_on is None:
            locked.fulfilled_on = timezone.localdate(now)
        # Something new to go through: waiting for the caseworker again.
        locked.reviewed_at, locked.reviewed_by = None, None
        locked.save(update_fields=["fulfilled_on", "reviewed_at", "reviewed_by"])
        change_record_write(
            user=by,
            case_id=locked.household_id,
            object_type="document_request",
            object_id=locked.pk,
            action="answered",
            changes={"document": document.pk},
        )
        return document


@transaction.atomic
def document_request_review(*, request: DocumentRequest, by: User, now: datetime) -> None:
    """The caseworker has gone through what the applicant sent against `request`: it leaves My
    work, and the applicant's My pages shows it as reviewed."""
    locked = DocumentRequest.objects.select_for_update().get(pk=request.pk)
    if locked.fulfilled_on is None:
        raise DomainError(NOTHING_SENT)
    if locked.reviewed_at is not None:
        raise DomainError(ALREADY_REVIEWED)
    locked.reviewed_at, locked.reviewed_by = now, by
    locked.save(update_fields=["reviewed_at", "reviewed_by"])
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="document_request",
        object_id=locked.pk,
        action="reviewed",
        changes={"documents": sorted(locked.documents.values_list("pk", flat=True))},
    )


@transaction.atomic
def preliminary_reply_give(
    *,
    household: Household,
    application: Application,
    reason: str,
    decision_by: date,
    decided: bool,
    by: User,
    today: date,
) -> PreliminaryReply:
    """Tell the applicant that the decision on `application` is delayed, why and by when."""
    if application.household_id != household.pk:
        raise DomainError(OTHER_CASE, field="application")
    if decided:
        raise DomainError(ALREADY_DECIDED, field="application")
    if not reason.strip():
        raise DomainError(REASON_NEEDED, field="reason")
    if decision_by < today:
        raise DomainError(DECISION_BY_PASSED, field="decision_by")
    reply = PreliminaryReply.objects.create(
        household=household,
        application=application,
        reason=reason.strip(),
        decision_by=decision_by,
        given_on=today,
        given_by=by,
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="preliminary_reply",
        object_id=reply.pk,
        action="given",
        changes={"application": application.pk, "decision_by": decision_by.isoformat()},
    )
    _news(household)
    return reply
