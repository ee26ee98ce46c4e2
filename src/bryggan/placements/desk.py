"""The placements app's kinds of item on My work (`bryggan.desk`): proposals to the unit's selection
groups that wait for the own municipality's vote (the unit manager casts it), neither rejected nor
started, due on the day the placement would start; and the follow-up dates of the individual
agreements of running placements, missed or due within the look-ahead, on the caseworker's cases
or those the staff member proposed."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bryggan.accounts.roles import Capability
from bryggan.desk.kinds import CASEWORKER_NAME, case_number, caseworker_name, lookahead, url_of
from bryggan.desk.registry import DeskItem, DeskScope, Waiting, register, waiting
from bryggan.placements.models import Placement, PlacementFollowUp, PlacementVote


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


@register(
    "placement_follow_up",
    label=gettext_lazy("Placement follow-ups due and missed"),
    capability=Capability.COOPERATION,
)
def placement_follow_ups(scope: DeskScope) -> Waiting:
    """Follow-up dates of the individual agreement (a placement decided together) not held, of a
    placement that has started and not ended: missed, or due within the look-ahead. Due on the
    date."""
    rows = PlacementFollowUp.objects.filter(
        placement__group__unit_id=scope.unit_id,
        placement__started_on__isnull=False,
        placement__ended_on__isnull=True,
        held_on__isnull=True,
        due_on__lte=lookahead(scope),
    )
    if not scope.whole_unit:
        rows = rows.filter(
            Q(placement__household__caseworker=scope.user) | Q(placement__proposed_by=scope.user)
        )
    return waiting(
        rows,
        scope,
        order=(F("due_on").asc(), "id"),
        fields=(
            "due_on",
            "placement_id",
            "placement__workplace",
            "placement__household_id",
            "placement__household__opened_on",
            "placement__household__caseworker__first_name",
            "placement__household__caseworker__last_name",
        ),
        item=lambda row: DeskItem(
            kind="placement_follow_up",
            deadline=row["due_on"],
            title=(
                _("Placement follow-up missed: %(workplace)s")
                if row["due_on"] < scope.today
                else _("Placement follow-up due: %(workplace)s")
            )
            % {"workplace": row["placement__workplace"]},
            household_id=row["placement__household_id"],
            case_number=case_number(
                row["placement__household__opened_on"], row["placement__household_id"]
            ),
            url=url_of("placements:placement_detail", row["placement_id"]),
            responsible=caseworker_name(row, "placement__household__"),
        ),
    )
