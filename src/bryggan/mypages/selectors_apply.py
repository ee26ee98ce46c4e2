"""Reads for applying online: the applicant's case, last month's decision and its lines."""

from __future__ import annotations

from typing import Any

from bryggan.accounts.models import Unit
from bryggan.decisions.models import Decision, DecisionKind, DecisionStatus
from bryggan.mypages.models import OnlineApplication
from bryggan.people.models import Household, HouseholdMember, HouseholdStatus, MemberRole, Person


def current_household(person: Person) -> Household | None:
    member = (
        HouseholdMember.objects.select_related("household", "household__unit")
        .filter(person=person, valid_to__isnull=True)
        .first()
    )
    return member.household if member is not None else None


def active_household(person: Person) -> Household | None:
    """The person's open case, which renews; a closed one applies anew."""
    household = current_household(person)
    if household is None or household.status != HouseholdStatus.ACTIVE:
        return None
    return household


def last_decision(household: Household, *, before: str) -> Decision | None:
    """The latest signed decision on försörjningsstöd for a month before `before`."""
    return (
        Decision.objects.filter(
            household=household,
            kind=DecisionKind.LIVELIHOOD_SUPPORT,
            status=DecisionStatus.SIGNED,
            month__lt=before,
        )
        .select_related("calculation")
        .order_by("-month", "-signed_at", "-id")
        .first()
    )


def members_for_calculation(household: Household) -> tuple[list[dict[str, Any]], bool]:
    """The current members as the calculation's input names them ("p" and the person's id,
    as `decisions.forms.member_id` does) and whether two adults live together as spouses."""
    members = list(
        HouseholdMember.objects.filter(household=household, valid_to__isnull=True)
        .select_related("person")
        .order_by("role", "person__birth_date")
    )
    entries = [
        {"id": f"p{m.person_id}", "birth_date": m.person.birth_date.isoformat()} for m in members
    ]
    return entries, any(m.role == MemberRole.CO_APPLICANT for m in members)


def member_names(household: Household) -> dict[str, str]:
    """What the applicant knows each member by: the first name."""
    return {
        f"p{m.person_id}": m.person.first_name
        for m in HouseholdMember.objects.filter(household=household).select_related("person")
    }


def online_application_by_key(key: object) -> OnlineApplication | None:
    return OnlineApplication.objects.filter(idempotency_key=key).first()


def online_application_for_month(household: Household, month: str) -> OnlineApplication | None:
    return OnlineApplication.objects.filter(household=household, month=month).first()


def has_applied_for(household: Household, month: str) -> bool:
    return household.applications.filter(month=month).exists()


def online_applications_of(person: Person) -> list[OnlineApplication]:
    """The person's applications sent online, newest first, in the households they belong(ed) to."""
    households = HouseholdMember.objects.filter(person=person).values("household_id")
    return list(
        OnlineApplication.objects.filter(household_id__in=households).select_related(
            "application", "application__first_meeting", "proposal"
        )
    )


def online_application_of(person: Person, online_id: int) -> OnlineApplication | None:
    """One of the person's own online applications; None for anyone else's (nothing to tell)."""
    households = HouseholdMember.objects.filter(person=person).values("household_id")
    return (
        OnlineApplication.objects.filter(pk=online_id, household_id__in=households)
        .select_related("application", "household")
        .prefetch_related("lines", "lines__document")
        .first()
    )


def unit_for_new_applicant(person: Person) -> Unit | None:
    """The unit a first application goes to: that of the person's latest case, else the first
    unit. Which unit serves which address is the municipality's choice; Bryggan does not know
    it yet (a setting for it is left to the deployment)."""
    member = (
        HouseholdMember.objects.filter(person=person)
        .select_related("household__unit")
        .order_by("-valid_from")
        .first()
    )
    if member is not None:
        return member.household.unit
    return Unit.objects.order_by("pk").first()
