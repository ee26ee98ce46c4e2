"""The pre-assessment app's kind of item on My work (`bryggan.desk`): renewal proposals waiting
for a decision, against the unit's payment date of their month."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bryggan.accounts.roles import Capability
from bryggan.desk.kinds import (
    CASEWORKER_NAME,
    case_number,
    caseworker_name,
    payment_date_of_month,
    url_of,
)
from bryggan.desk.registry import DeskItem, DeskScope, Waiting, register, waiting
from bryggan.preassessment.models import Proposal


@register(
    "renewal_proposal",
    label=gettext_lazy("Renewals waiting for a decision"),
    capability=Capability.DECIDE,
    menu="preassessment:queue",
)
def renewal_proposals(scope: DeskScope) -> Waiting:
    """Pre-assessed online renewals with no decision yet (`selectors.queue_for_unit`), due on the
    payment date of the month applied for."""
    rows = Proposal.objects.filter(household__unit_id=scope.unit_id, decision__isnull=True)
    if not scope.whole_unit:
        rows = rows.filter(Q(household__caseworker=scope.user))
    return waiting(
        rows,
        scope,
        order=("month", "submitted_at", "id"),  # the payment date grows with the month
        fields=("id", "month", "household_id", "household__opened_on", *CASEWORKER_NAME),
        item=lambda row: DeskItem(
            kind="renewal_proposal",
            deadline=payment_date_of_month(row["month"]),
            title=_("Renewal for %(month)s: decide on the proposal") % {"month": row["month"]},
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("preassessment:proposal_detail", row["id"]),
            responsible=caseworker_name(row),
        ),
    )
