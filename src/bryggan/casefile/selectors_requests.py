"""Reads of requests for documents and preliminary replies, with each request's state and each
undecided application's reply status, for the case's pages and for My pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import QuerySet

from bryggan.casefile.models import DocumentRequest, PreliminaryReply
from bryggan.casefile.rules_requests import (
    STATE_LABELS,
    RequestState,
    is_reply_due,
    reply_due_on,
    request_state,
)
from bryggan.decisions.models import Decision, DecisionStatus
from bryggan.intake.models import Application


@dataclass(frozen=True, slots=True)
class RequestRow:
    request: DocumentRequest
    state: RequestState

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass(frozen=True, slots=True)
class ApplicationReply:
    application: Application
    decided: bool
    reply_due_on: date
    reply_due: bool
    replies: list[PreliminaryReply]


def document_requests_for_household(household_id: int) -> QuerySet[DocumentRequest]:
    return (
        DocumentRequest.objects.filter(household_id=household_id)
        .select_related("requested_by", "reviewed_by")
        .prefetch_related("documents")
    )


def document_request_rows(household_id: int, *, today: date) -> list[RequestRow]:
    return [
        RequestRow(
            request=request,
            state=request_state(
                last_day=request.last_day,
                fulfilled_on=request.fulfilled_on,
                today=today,
                reviewed=request.reviewed_at is not None,
            ),
        )
        for request in document_requests_for_household(household_id)
    ]


def document_request_get(household_id: int, request_id: int) -> DocumentRequest | None:
    return (
        DocumentRequest.objects.select_related("household")
        .filter(household_id=household_id, pk=request_id)
        .first()
    )


def decided_months(household_id: int) -> set[str]:
    return set(
        Decision.objects.filter(
            household_id=household_id, status=DecisionStatus.SIGNED
        ).values_list("month", flat=True)
    )


def application_replies(household_id: int, *, today: date) -> list[ApplicationReply]:
    """Each application of the case, newest first: decided or not, and whether a preliminary
    reply is due (older than the unit's target without a decision and without a reply)."""
    target = settings.BRYGGAN_DECISION_TARGET_DAYS
    decided = decided_months(household_id)
    replies: dict[int, list[PreliminaryReply]] = {}
    for reply in PreliminaryReply.objects.filter(household_id=household_id):
        replies.setdefault(reply.application_id, []).append(reply)
    rows = []
    for application in Application.objects.filter(household_id=household_id).order_by(
        "-received_at"
    ):
        received = application.received_at.date()
        given = replies.get(application.pk, [])
        rows.append(
            ApplicationReply(
                application=application,
                decided=application.month in decided,
                reply_due_on=reply_due_on(received_on=received, target_days=target),
                reply_due=is_reply_due(
                    received_on=received,
                    target_days=target,
                    decided=application.month in decided,
                    replied=bool(given),
                    today=today,
                ),
                replies=given,
            )
        )
    return rows


def replies_due(
    household_id: int, *, today: date, applications: Iterable[Application]
) -> list[ApplicationReply]:
    """The rows of `application_replies` whose reply is due, from the case's applications as
    the caller has read them (the case page's list): the decided months are read, and the
    replies given only for an application that is past the target undecided (most cases have
    none, and then nothing more is read)."""
    target = settings.BRYGGAN_DECISION_TARGET_DAYS
    decided = decided_months(household_id)
    undecided_late = [
        application
        for application in sorted(applications, key=lambda a: a.received_at, reverse=True)
        if is_reply_due(
            received_on=application.received_at.date(),
            target_days=target,
            decided=application.month in decided,
            replied=False,
            today=today,
        )
    ]
    if not undecided_late:
        return []
    replied = set(
        PreliminaryReply.objects.filter(
            household_id=household_id, application__in=undecided_late
        ).values_list("application_id", flat=True)
    )
    return [
        ApplicationReply(
            application=application,
            decided=False,
            reply_due_on=reply_due_on(
                received_on=application.received_at.date(), target_days=target
            ),
            reply_due=True,
            replies=[],
        )
        for application in undecided_late
        if application.pk not in replied
    ]


def application_get(household_id: int, application_id: int) -> Application | None:
    return Application.objects.filter(household_id=household_id, pk=application_id).first()
