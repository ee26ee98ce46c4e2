"""The activities app's kind of item on My work (`bryggan.desk`): decided reductions without a
receipt date."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bryggan.accounts.roles import Capability
from bryggan.activities.models import SanctionProposal, SanctionStatus
from bryggan.desk.kinds import CASEWORKER_NAME, case_number, caseworker_name, url_of
from bryggan.desk.registry import DeskItem, DeskScope, Waiting, register, waiting


@register(
    "sanction_without_receipt",
    label=gettext_lazy("Reduction decisions without a receipt date"),
    capability=Capability.DECIDE,
    menu="activities:sanction_list",
)
def sanctions_without_receipt(scope: DeskScope) -> Waiting:
    """Decided reductions with no day recorded on which the person received the decision: the
    appeal period (FL 44 §) cannot start. Waiting since the decision."""
    rows = SanctionProposal.objects.filter(
        household__unit_id=scope.unit_id,
        status=SanctionStatus.DECIDED,
        notified_on__isnull=True,
    )
    if not scope.whole_unit:
        rows = rows.filter(Q(decided_by=scope.user) | Q(household__caseworker=scope.user))
    return waiting(
        rows,
        scope,
        order=("decided_at", "id"),
        fields=(
            "id",
            "month",
            "decided_at",
            "household_id",
            "household__opened_on",
            *CASEWORKER_NAME,
        ),
        item=lambda row: DeskItem(
            kind="sanction_without_receipt",
            deadline=timezone.localtime(row["decided_at"]).date(),
            title=_("Reduction for %(month)s: record the day it was received")
            % {"month": row["month"]},
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("activities:sanction_detail", row["id"]),
            responsible=caseworker_name(row),
        ),
    )
