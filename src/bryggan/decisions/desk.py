"""The decisions app's kinds of item on My work (`bryggan.desk`): appeals to check and forward,
and signed recovery decisions without a receipt date."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bryggan.accounts.models import Unit
from bryggan.accounts.roles import Capability
from bryggan.decisions.models import DecisionStatus, RecoveryDecision
from bryggan.decisions.selectors_appeals import (
    WaitingStep,
    appeals_waiting,
    appeals_waiting_count,
)
from bryggan.desk.kinds import case_number, caseworker_name, url_of
from bryggan.desk.registry import DeskItem, DeskScope, Waiting, register, waiting


@register(
    "appeal",
    label=gettext_lazy("Appeals to check and forward"),
    capability=Capability.DECIDE,
)
def appeals_to_handle(scope: DeskScope) -> Waiting:
    """Appeals registered and not yet time-checked and reconsidered, or reconsidered and not yet
    forwarded, by the unit's forwarding target (`selectors_appeals.appeals_waiting`)."""
    # Only the id is read from the unit: filtering by it needs no row.
    whose = Unit(pk=scope.unit_id) if scope.whole_unit else scope.user
    if scope.limit == 0:
        return Waiting([], appeals_waiting_count(whose))
    found = appeals_waiting(whose, scope.today, limit=scope.limit)
    items = [
        DeskItem(
            kind="appeal",
            deadline=appeal.deadline,
            title=(
                _("Appeal: check the time and reconsider")
                if appeal.step == WaitingStep.CHECK
                else _("Appeal: forward to the court")
            ),
            household_id=appeal.household_id,
            case_number=appeal.case_number,
            url=url_of("decisions:appeal_detail", appeal.household_id, appeal.appeal_id),
            responsible=appeal.responsible,
        )
        for appeal in found
    ]
    if scope.limit is not None and len(items) >= scope.limit:
        return Waiting(items, appeals_waiting_count(whose))
    return Waiting(items, len(items))


@register(
    "recovery_without_receipt",
    label=gettext_lazy("Recovery decisions without a receipt date"),
    capability=Capability.DECIDE,
)
def recovery_decisions_without_receipt(scope: DeskScope) -> Waiting:
    """Signed decisions on recovery or waiver with no day recorded on which the person received
    them: the appeal period (FL 44 §) cannot start. Waiting since signing."""
    rows = RecoveryDecision.objects.filter(
        claim__household__unit_id=scope.unit_id,
        status=DecisionStatus.SIGNED,
        notified_on__isnull=True,
    )
    if not scope.whole_unit:
        rows = rows.filter(Q(signed_by=scope.user) | Q(claim__household__caseworker=scope.user))
    return waiting(
        rows,
        scope,
        order=("signed_at", "id"),
        fields=(
            "id",
            "signed_at",
            "claim_id",
            "claim__household_id",
            "claim__household__opened_on",
            "claim__household__caseworker__first_name",
            "claim__household__caseworker__last_name",
        ),
        item=lambda row: DeskItem(
            kind="recovery_without_receipt",
            deadline=timezone.localtime(row["signed_at"]).date(),
            title=_("Recovery decision: record the day it was received"),
            household_id=row["claim__household_id"],
            case_number=case_number(row["claim__household__opened_on"], row["claim__household_id"]),
            url=url_of("decisions:recovery_detail", row["claim__household_id"], row["claim_id"]),
            responsible=caseworker_name(row, "claim__household__"),
        ),
    )
