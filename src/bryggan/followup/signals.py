"""Keeps the måltavla's derived tables in step with the writes that feed them.

Signals, as STYLE.md allows for cache invalidation: the payments, intake, activities, planning and
people apps need not know that the follow-up keeps derived tables.

- The months with assistance (`AssistanceMonth`): a payment run writes its payments in bulk (no
  model signal) and sends `payments_sent` once committed: its payments are read then. The board
  also calls `services.assistance_months_refresh` before it counts, for payments written in bulk
  elsewhere (the demo, the benchmark); with nothing new that costs one query.
- The stored board months (`board_store`): each save or delete of a row the board counts marks its
  unit stale from the earliest month the row (before or after the change) can move. Each rule
  below names the measure it protects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from bryggan.activities.models import Referral
from bryggan.core.month import Month
from bryggan.followup.board_store import ALL_MONTHS, board_stale_from, board_stale_units
from bryggan.followup.models import Closure
from bryggan.followup.services import assistance_months_refresh, assistance_months_refresh_household
from bryggan.intake.models import Application, FirstMeeting
from bryggan.payments.models import Payment, PaymentRun
from bryggan.payments.signals import payments_sent
from bryggan.people.models import Household
from bryggan.planning.models import PlanVersion


@receiver(post_save, sender=Payment, dispatch_uid="followup_payment_saved")
@receiver(post_delete, sender=Payment, dispatch_uid="followup_payment_deleted")
def payment_changed(sender: type[Payment], instance: Payment, **kwargs: Any) -> None:
    """A payment returned, reversed, sent again or deleted: its household's months again."""
    if kwargs.get("created"):
        return  # a new payment has a new id: the next refresh reads it
    decision = instance.decision
    assistance_months_refresh_household(
        household_id=decision.household_id, month=Month.parse(decision.month)
    )


@receiver(payments_sent, sender=PaymentRun, dispatch_uid="followup_payments_sent")
def payments_run(sender: type[PaymentRun], run: PaymentRun, **kwargs: Any) -> None:
    """A payment run committed: read its payments into the months with assistance now."""
    assistance_months_refresh()


# The stored board months ---------------------------------------------------------------------

Marks = Iterator[tuple[int, int]]  # (household id, first month index that can change)


def _day(value: date) -> int:
    return Month.of(value).index


def _local_day(value: datetime) -> int:
    return Month.of(timezone.localtime(value).date()).index


def _application_marks(row: Application) -> Marks:
    """New applications count in the month received, and whether the application for the month
    after is new depends on this one; returns after twelve months look at applications received
    after a closure, so from the month received on."""
    months = [_local_day(row.received_at)]
    after = Application.objects.filter(
        household_id=row.household_id, month=str(Month.parse(row.month).plus(1))
    ).values_list("received_at", flat=True)
    months += [_local_day(received_at) for received_at in after]
    yield row.household_id, min(months)


def _meeting_marks(row: FirstMeeting) -> Marks:
    """First meetings count in the month of their deadline."""
    household_id = (
        Application.objects.filter(pk=row.application_id)
        .values_list("household_id", flat=True)
        .first()
    )
    if household_id is not None:
        yield household_id, _day(row.deadline)


def _referral_marks(row: Referral) -> Marks:
    """A current activity counts from the month accepted or started to the month ended."""
    days = [d for d in (row.accepted_on, row.started_on, row.ended_on) if d is not None]
    if days:
        yield row.household_id, _day(min(days))


def _plan_marks(row: PlanVersion) -> Marks:
    """A signed plan counts from the month of the first signature."""
    if row.signed_at is not None:
        yield row.plan.household_id, _local_day(row.signed_at)


def _closure_marks(row: Closure) -> Marks:
    """Long-term closures count in the month closed; returns twelve months later."""
    yield row.household_id, _day(row.closed_on)


def _household_marks(row: Household) -> Marks:
    """A household counts in its unit's board in every month: moving it (or deleting it) changes
    every month of both units."""
    yield row.pk, ALL_MONTHS


MARKS: dict[type[Model], Callable[[Any], Marks]] = {
    Application: _application_marks,
    FirstMeeting: _meeting_marks,
    Referral: _referral_marks,
    PlanVersion: _plan_marks,
    Closure: _closure_marks,
}


def _mark(marks: Iterator[tuple[int, int]]) -> None:
    earliest: dict[int, int] = {}
    for household_id, month in marks:
        earliest[household_id] = min(month, earliest.get(household_id, month))
    for month in sorted(set(earliest.values())):
        board_stale_from([h for h, m in earliest.items() if m == month], month)


def _before(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    """Before a change: the months the row counted in as it was stored."""
    if instance._state.adding or instance.pk is None or kwargs.get("raw"):
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._board_marks_before = list(MARKS[sender](old)) if old is not None else []  # type: ignore[attr-defined]


def _after(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    """After a save or a delete: the months of the row as it was and as it is."""
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_board_marks_before", [])
    _mark(iter([*before, *MARKS[sender](instance)]))


for _model in MARKS:
    _name = _model.__name__
    pre_save.connect(_before, sender=_model, dispatch_uid=f"followup_board_before_{_name}")
    post_save.connect(_after, sender=_model, dispatch_uid=f"followup_board_after_{_name}")
    post_delete.connect(_after, sender=_model, dispatch_uid=f"followup_board_deleted_{_name}")


@receiver(pre_save, sender=Household, dispatch_uid="followup_board_household_moves")
def household_moves(sender: type[Household], instance: Household, **kwargs: Any) -> None:
    """Before a save: the unit the stored row names, if the household is moving from it."""
    if instance._state.adding or kwargs.get("raw"):
        return
    unit_id = Household.objects.filter(pk=instance.pk).values_list("unit_id", flat=True).first()
    moving = unit_id is not None and unit_id != instance.unit_id
    instance._board_moved_from = unit_id if moving else None  # type: ignore[attr-defined]


@receiver(post_save, sender=Household, dispatch_uid="followup_board_household_moved")
def household_moved(sender: type[Household], instance: Household, **kwargs: Any) -> None:
    """A household that moved leaves every month of its old unit's board and joins every month of
    the new one's. Both are marked after the move, by unit: a board read between the mark and the
    move cannot store the old unit's months with the household still in them."""
    old = getattr(instance, "_board_moved_from", None)
    if old is not None:
        instance._board_moved_from = None  # type: ignore[attr-defined]
        board_stale_units([old, instance.unit_id], ALL_MONTHS)


@receiver(pre_delete, sender=Household, dispatch_uid="followup_board_household_deleted")
def household_deleted(sender: type[Household], instance: Household, **kwargs: Any) -> None:
    """A household deleted (never in normal work) leaves every month of its unit's board."""
    _mark(_household_marks(instance))
