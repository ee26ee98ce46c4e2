"""Demo: households change. In a few active cases of each unit a grown child has moved out this
month, recorded through the household edit (`people.services.household_edit`), so that the case's
members show a member who left and its history the change."""

from __future__ import annotations

import random
from datetime import date, timedelta

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.people.models import HouseholdStatus, MemberRole
from bryggan.people.rules import parse_identity_number
from bryggan.people.selectors import current_members
from bryggan.people.services import MemberCorrection, household_edit

MOVES_PER_UNIT = 3


def demo_household_changes(*, units: list[Unit], today: date, rng: random.Random) -> int:
    """Move the oldest child out of up to three active households per unit; how many moved."""
    moved = 0
    for unit in units:
        caseworker = User.objects.filter(unit=unit, role=Role.CASEWORKER, is_active=True).first()
        cases = (
            unit.households.filter(
                status=HouseholdStatus.ACTIVE,
                members__role=MemberRole.CHILD,
                members__valid_to__isnull=True,
                members__valid_from__lt=today - timedelta(days=30),
            )
            .distinct()
            .order_by("pk")
        )
        for household in cases[:MOVES_PER_UNIT]:
            members = current_members(household.pk)
            children = [m for m in members if m.role == MemberRole.CHILD]
            leaving = min(children, key=lambda m: m.person.birth_date)
            on = max(leaving.valid_from, today - timedelta(days=rng.randint(1, 20)))
            applicant = next(m for m in members if m.role == MemberRole.APPLICANT)
            household_edit(
                household=household,
                address=applicant.person.address,
                members=[
                    MemberCorrection(
                        member_id=m.pk,
                        identity=parse_identity_number(m.person.identity_number, today=today),
                        first_name=m.person.first_name,
                        last_name=m.person.last_name,
                        role=MemberRole(m.role),
                        moved_out_on=on if m.pk == leaving.pk else None,
                    )
                    for m in members
                ],
                by=caseworker or household.caseworker,  # type: ignore[arg-type]
                today=today,
            )
            moved += 1
    return moved
