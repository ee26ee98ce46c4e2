"""The case file's kinds of item on My work (`bryggan.desk`): requests for documents whose last
day has passed without a document (`rules_requests.RequestState.OVERDUE`), and requests the
applicant has answered that no caseworker has reviewed (`RequestState.FULFILLED`)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bryggan.accounts.roles import Capability
from bryggan.casefile.models import DocumentRequest
from bryggan.desk.kinds import CASEWORKER_NAME, case_number, caseworker_name, url_of
from bryggan.desk.registry import DeskItem, DeskScope, Waiting, register, waiting


def _requests(scope: DeskScope) -> QuerySet[DocumentRequest]:
    """The unit's requests; one user's are those of their cases and those they asked for."""
    rows = DocumentRequest.objects.filter(household__unit_id=scope.unit_id)
    if not scope.whole_unit:
        rows = rows.filter(Q(household__caseworker=scope.user) | Q(requested_by=scope.user))
    return rows


@register(
    "document_request_overdue",
    label=gettext_lazy("Requests for documents overdue"),
    capability=Capability.VIEW_CASES,
)
def document_requests_overdue(scope: DeskScope) -> Waiting:
    """Requests not fulfilled whose last day has passed: due on that last day (so overdue)."""
    return waiting(
        _requests(scope).filter(fulfilled_on__isnull=True, last_day__lt=scope.today),
        scope,
        order=("last_day", "id"),
        fields=("last_day", "household_id", "household__opened_on", *CASEWORKER_NAME),
        item=lambda row: DeskItem(
            kind="document_request_overdue",
            deadline=row["last_day"],
            title=_("Requested document not received by %(day)s")
            % {"day": row["last_day"].isoformat()},
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("casefile:document_requests", row["household_id"]),
            responsible=caseworker_name(row),
        ),
    )


@register(
    "document_request_received",
    label=gettext_lazy("Documents sent in to review"),
    capability=Capability.VIEW_CASES,
)
def document_requests_received(scope: DeskScope) -> Waiting:
    """Requests the applicant has answered that no caseworker has gone through yet: due the day
    the first document came in (the applicant waits from then)."""
    return waiting(
        _requests(scope).filter(fulfilled_on__isnull=False, reviewed_at__isnull=True),
        scope,
        order=("fulfilled_on", "id"),
        fields=("fulfilled_on", "what", "household_id", "household__opened_on", *CASEWORKER_NAME),
        item=lambda row: DeskItem(
            kind="document_request_received",
            deadline=row["fulfilled_on"],
            title=_("Sent in %(day)s, to review: %(what)s")
            % {"day": row["fulfilled_on"].isoformat(), "what": row["what"]},
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("casefile:document_requests", row["household_id"]),
            responsible=caseworker_name(row),
        ),
    )
