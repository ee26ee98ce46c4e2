"""The cooperation app's kind of item on My work (`bryggan.desk`): consents that expire within the
desk's look-ahead with no later consent of the same person to follow them."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bryggan.accounts.roles import Capability
from bryggan.cooperation.models import Consent
from bryggan.desk.kinds import CASEWORKER_NAME, case_number, caseworker_name, url_of
from bryggan.desk.registry import DeskItem, DeskScope, Waiting, register, waiting


@register(
    "consent_expiring",
    label=gettext_lazy("Consents that expire"),
    capability=Capability.VIEW_CASES,
)
def consents_expiring(scope: DeskScope) -> Waiting:
    """Consents not withdrawn whose last day falls between today and the look-ahead's end
    (`settings.BRYGGAN_DESK_LOOKAHEAD_DAYS`), unless the person has given a consent in the same
    case that runs longer. Due on the consent's last day."""
    lookahead = scope.today + timedelta(days=settings.BRYGGAN_DESK_LOOKAHEAD_DAYS)
    renewed = Consent.objects.filter(
        person_id=OuterRef("person_id"),
        household_id=OuterRef("household_id"),
        withdrawn_at__isnull=True,
        valid_to__gt=OuterRef("valid_to"),
    )
    rows = Consent.objects.filter(
        household__unit_id=scope.unit_id,
        withdrawn_at__isnull=True,
        valid_to__gte=scope.today,
        valid_to__lte=lookahead,
    ).filter(~Exists(renewed))
    if not scope.whole_unit:
        rows = rows.filter(Q(household__caseworker=scope.user))
    return waiting(
        rows,
        scope,
        order=(F("valid_to").asc(), "id"),
        fields=("valid_to", "household_id", "household__opened_on", *CASEWORKER_NAME),
        item=lambda row: DeskItem(
            kind="consent_expiring",
            deadline=row["valid_to"],
            title=_("Consent to share information expires %(day)s")
            % {"day": row["valid_to"].isoformat()},
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("cooperation:case_consents", row["household_id"]),
            responsible=caseworker_name(row),
        ),
    )
