"""The reviews app's kind of item on My work (`bryggan.desk`): actions agreed in the minutes of a
joint case review or three-party talk that are not done by their last day, on the caseworker's
cases (the caseworker follows up every party's action, the partners' too)."""

from __future__ import annotations

from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bryggan.accounts.roles import Capability
from bryggan.desk.kinds import case_number, caseworker_name, url_of
from bryggan.desk.registry import DeskItem, DeskScope, Waiting, register, waiting
from bryggan.reviews.models import Action


@register(
    "review_action_overdue",
    label=gettext_lazy("Overdue actions from joint case reviews"),
    capability=Capability.COOPERATION,
    menu="reviews:overdue_actions",
)
def review_actions_overdue(scope: DeskScope) -> Waiting:
    """Actions not marked done whose last day has passed. Due on that last day."""
    rows = Action.objects.filter(
        item__meeting__unit_id=scope.unit_id,
        item__removed_at__isnull=True,
        done_on__isnull=True,
        due_on__lt=scope.today,
    )
    if not scope.whole_unit:
        rows = rows.filter(Q(item__household__caseworker=scope.user))
    return waiting(
        rows,
        scope,
        order=(F("due_on").asc(), "id"),
        fields=(
            "due_on",
            "description",
            "item__meeting_id",
            "item__household_id",
            "item__household__opened_on",
            "item__household__caseworker__first_name",
            "item__household__caseworker__last_name",
        ),
        item=lambda row: DeskItem(
            kind="review_action_overdue",
            deadline=row["due_on"],
            title=_("Action from a joint case review overdue: %(what)s")
            % {"what": row["description"]},
            household_id=row["item__household_id"],
            case_number=case_number(row["item__household__opened_on"], row["item__household_id"]),
            url=url_of("reviews:meeting_detail", row["item__meeting_id"]),
            responsible=caseworker_name(row, "item__household__"),
        ),
    )
