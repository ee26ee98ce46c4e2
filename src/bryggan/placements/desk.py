"""The placements app's kind of item on My work (`bryggan.desk`): proposals to the unit's selection
groups that wait for the own municipality's vote (the unit manager casts it), neither rejected nor
started. Due on the day the placement would start."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bryggan.accounts.roles import Capability
from bryggan.desk.kinds import CASEWORKER_NAME, case_number, caseworker_name, url_of
from bryggan.desk.registry import DeskItem, DeskScope, Waiting, register, waiting
from bryggan.placements.models import Placement, PlacementVote


@register(
    "placement_vote",
    label=gettext_lazy("Placements waiting for the municipality's vote"),
    capability=Capability.MANAGE_PARTNERS,
)
def placements_waiting_for_vote(scope: DeskScope) -> Waiting:
    own_vote = PlacementVote.objects.filter(placement=OuterRef("pk"), organisation__isnull=True)
    rejected = PlacementVote.objects.filter(placement=OuterRef("pk"), approve=False)
    rows = Placement.objects.filter(group__unit_id=scope.unit_id, started_on__isnull=True).filter(
        ~Exists(own_vote), ~Exists(rejected)
    )
    return waiting(
        rows,
        scope,
        order=(F("starts_on").asc(), "id"),
        fields=(
            "id",
            "starts_on",
            "workplace",
            "household_id",
            "household__opened_on",
            *CASEWORKER_NAME,
        ),
        item=lambda row: DeskItem(
            kind="placement_vote",
            deadline=row["starts_on"],
            title=_("Placement at %(workplace)s waits for the municipality's vote")
            % {"workplace": row["workplace"]},
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("placements:placement_detail", row["id"]),
            responsible=caseworker_name(row),
        ),
    )
