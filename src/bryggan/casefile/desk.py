"""The case file's kind of item on My work (`bryggan.desk`): requests for documents whose last
day has passed without a document (`rules_requests.RequestState.OVERDUE`)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bryggan.accounts.roles import Capability
from bryggan.casefile.models import DocumentRequest
from bryggan.desk.kinds import CASEWORKER_NAME, case_number, url_of
from bryggan.desk.registry import DeskItem, DeskScope, Waiting, register, waiting


@register(
    "document_request_overdue",
    label=gettext_lazy("Requests for documents overdue"),
    capability=Capability.VIEW_CASES,
)
def document_requests_overdue(scope: DeskScope) -> Waiting:
    """Requests not fulfilled whose last day has passed: due on that last day (so overdue)."""
    rows = DocumentRequest.objects.filter(
        household__unit_id=scope.unit_id, fulfilled_on__isnull=True, last_day__lt=scope.today
    )
    if not scope.whole_unit:
        rows = rows.filter(Q(household__caseworker=scope.user) | Q(requested_by=scope.user))
    return waiting(
        rows,
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
            responsible=(
                f"{row['household__caseworker__first_name'] or ''} "
                f"{row['household__caseworker__last_name'] or ''}"
            ).strip(),
        ),
    )
