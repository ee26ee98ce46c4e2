"""Writes of the action plan: a new version, the client's signature, booking, holding and
cancelling a follow-up. Each call is one transaction with its history row.

Sources: SoL (2001:453) 4 kap. 4 §; SoL (2025:400) 12 kap. 4 §; Huddinge's youth practice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.activities.selectors import adult_members
from bryggan.audit.services import change_record_write
from bryggan.core.errors import DomainError
from bryggan.core.locking import LastChange, version_claim
from bryggan.people.models import Household, HouseholdStatus, Person
from bryggan.planning import rules
from bryggan.planning.models import (
    ActionPlan,
    FollowUp,
    Goal,
    PlanStep,
    PlanVersion,
    Responsible,
    SignedHow,
    WrittenBy,
)

NOT_AN_ADULT_MEMBER = _("The person is not an adult member of this household.")
CASE_CLOSED = _("The case is closed.")
OTHER_CASE_PLAN = _("The person's plan belongs to another case.")


@dataclass(frozen=True, slots=True)
class StepInput:
    description: str
    responsible: Responsible
    due_on: date | None = None


def _check_adult(household: Household, person: Person) -> None:
    if not adult_members(household).filter(person=person).exists():
        raise DomainError(NOT_AN_ADULT_MEMBER, field="person")


def _step_fields(steps: list[StepInput]) -> dict[str, object]:
    """Steps under the new-version form's field names (step_1, step_1_who, step_1_due, …)."""
    fields: dict[str, object] = {}
    for i, step in enumerate(steps, start=1):
        fields |= {
            f"step_{i}": step.description,
            f"step_{i}_who": str(step.responsible),
            f"step_{i}_due": step.due_on,
        }
    return fields


def _plan_fields(version: PlanVersion | None) -> dict[str, object]:
    """A plan version under the new-version form's field names, to name what a conflict changed."""
    if version is None:
        return {}
    steps = [
        StepInput(s.description, Responsible(s.responsible), s.due_on) for s in version.steps.all()
    ]
    return {
        "goal": version.goal,
        "goal_text": version.goal_text,
        "consequences": version.consequences,
        **_step_fields(steps),
    }


def _stored_steps(stored: dict[str, object]) -> dict[str, object]:
    return {field: value for field, value in stored.items() if field.startswith("step_")}


def _version_author(version: PlanVersion | None) -> LastChange | None:
    if version is None:
        return None
    user = version.created_by
    return LastChange(by=user.get_full_name() or user.get_username(), at=version.created_at)


@transaction.atomic
def plan_version_create(
    *,
    household: Household,
    person: Person,
    written_by: WrittenBy,
    by: User,
    today: date,
    goal: Goal | None = None,
    goal_text: str | None = None,
    consequences: str | None = None,
    steps: list[StepInput] | None = None,
    version: int | None = None,
) -> PlanVersion:
    """A new version of the person's plan: number + 1, copying from the latest version whatever
    is not given (None). The first version makes the plan. Refused with `EditConflict` when
    `version` is not the plan's (0 before the first version): a version was saved meanwhile.
    None: a caller without a form (the demo); the version advances unchecked."""
    if household.status != HouseholdStatus.ACTIVE:
        raise DomainError(CASE_CLOSED)
    _check_adult(household, person)
    rules.check_author(rules.Author(written_by), birth_date=person.birth_date, today=today)
    plan, _made = ActionPlan.objects.get_or_create(person=person, defaults={"household": household})
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.household_id != household.pk:
        raise DomainError(OTHER_CASE_PLAN)
    latest = plan.versions.order_by("-number").first()
    stored = _plan_fields(latest)
    version_claim(
        ActionPlan,
        pk=plan.pk,
        version=version,
        stored=stored,
        typed={
            "goal": str(goal) if goal is not None else stored.get("goal"),
            "goal_text": goal_text if goal_text is not None else stored.get("goal_text", ""),
            "consequences": consequences
            if consequences is not None
            else stored.get("consequences", ""),
            **(_step_fields(steps) if steps is not None else _stored_steps(stored)),
        },
        last_change=partial(_version_author, latest),
    )
    if latest is None and goal is None:
        raise DomainError(_("Choose the plan's goal."), field="goal")
    if steps is None:
        steps = (
            [
                StepInput(s.description, Responsible(s.responsible), s.due_on)
                for s in latest.steps.all()
            ]
            if latest is not None
            else []
        )
    version = PlanVersion.objects.create(
        plan=plan,
        number=rules.next_version_number(latest.number if latest else None),
        goal=goal if goal is not None else latest.goal,  # type: ignore[union-attr]
        goal_text=goal_text if goal_text is not None else (latest.goal_text if latest else ""),
        consequences=consequences
        if consequences is not None
        else (latest.consequences if latest else ""),
        written_by=written_by,
        created_by=by,
    )
    PlanStep.objects.bulk_create(
        PlanStep(
            version=version,
            position=i,
            description=s.description,
            responsible=s.responsible,
            due_on=s.due_on,
        )
        for i, s in enumerate(steps, start=1)
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="plan_version",
        object_id=version.pk,
        action="created",
        changes={
            "person": person.pk,
            "number": version.number,
            "goal": str(version.goal),
            "written_by": str(written_by),
            "steps": len(steps),
        },
    )
    return version


@transaction.atomic
def plan_version_sign(
    *, version: PlanVersion, how: SignedHow, at: datetime, recorded_by: User | None
) -> PlanVersion:
    """The client signs a version, in the meeting (recorded by staff) or in the e-service.
    Only the latest version can be signed; a signed version is locked."""
    plan = ActionPlan.objects.select_for_update().get(pk=version.plan_id)
    latest = plan.versions.order_by("-number").values_list("number", flat=True).first()
    current = PlanVersion.objects.get(pk=version.pk)
    rules.check_may_sign(
        number=current.number, latest=latest or 0, signed=current.signed_at is not None
    )
    current.signed_at, current.signed_how = at, how
    current.signature_recorded_by = recorded_by
    current.save(update_fields=["signed_at", "signed_how", "signature_recorded_by", "updated_at"])
    change_record_write(
        user=recorded_by,
        case_id=plan.household_id,
        object_type="plan_version",
        object_id=current.pk,
        action="signed",
        changes={"number": current.number, "how": str(how), "at": at.isoformat()},
    )
    return current


@transaction.atomic
def followup_book(*, plan: ActionPlan, due_on: date, note: str, by: User, today: date) -> FollowUp:
    """Book a follow-up of the plan."""
    rules.check_booking(due_on, today=today)
    follow_up = FollowUp.objects.create(plan=plan, due_on=due_on, note=note, booked_by=by)
    change_record_write(
        user=by,
        case_id=plan.household_id,
        object_type="follow_up",
        object_id=follow_up.pk,
        action="booked",
        changes={"due_on": due_on.isoformat()},
    )
    return follow_up


@transaction.atomic
def followup_hold(
    *, follow_up: FollowUp, held_on: date, note: str, by: User, today: date
) -> FollowUp:
    """Mark a follow-up as held."""
    locked = FollowUp.objects.select_for_update().select_related("plan").get(pk=follow_up.pk)
    rules.check_hold(
        held_on=held_on,
        already_held=locked.held_on is not None,
        today=today,
        cancelled=locked.is_cancelled,
    )
    locked.held_on, locked.held_note, locked.held_by = held_on, note, by
    locked.save(update_fields=["held_on", "held_note", "held_by", "updated_at"])
    change_record_write(
        user=by,
        case_id=locked.plan.household_id,
        object_type="follow_up",
        object_id=locked.pk,
        action="held",
        changes={"held_on": held_on.isoformat()},
    )
    return locked


@transaction.atomic
def followup_cancel(*, follow_up: FollowUp, reason: str, by: User, now: datetime) -> FollowUp:
    """Cancel a booked follow-up that will not happen, with the reason. It stays in the plan's
    history, marked cancelled, and is no longer due or missed; a held one cannot be cancelled."""
    locked = FollowUp.objects.select_for_update().select_related("plan").get(pk=follow_up.pk)
    rules.check_cancel(
        held=locked.held_on is not None, cancelled=locked.is_cancelled, reason=reason
    )
    locked.cancelled_at, locked.cancelled_by, locked.cancel_reason = now, by, reason.strip()
    locked.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
    change_record_write(
        user=by,
        case_id=locked.plan.household_id,
        object_type="follow_up",
        object_id=locked.pk,
        action="cancelled",
        changes={"due_on": locked.due_on.isoformat(), "reason": locked.cancel_reason},
    )
    return locked
