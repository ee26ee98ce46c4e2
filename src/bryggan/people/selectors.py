"""Reads of cases for lists; single cases are read through `people.access`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.people.models import (
    Household,
    HouseholdMember,
    HouseholdStatus,
    MemberRole,
    case_number,
)


def current_members_prefetch(path: str = "members") -> Prefetch[HouseholdMember]:
    """Prefetch a household's current members (with persons) as `current_members`.

    `path` leads from the queried model to the household's members, e.g.
    `"application__household__members"` from first meetings.
    """
    return Prefetch(
        path,
        queryset=HouseholdMember.objects.filter(valid_to__isnull=True).select_related("person"),
        to_attr="current_members",
    )


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name and whether the identity is protected: what `people_tags.shown_name`
    needs to show the name or withhold it."""

    first_name: str
    last_name: str
    protected_identity: bool

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"  # as `Person.__str__`


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    """One active case as the caseload lists it."""

    pk: int
    case_number: str
    opened_on: date
    caseworker_name: str
    applicant: PersonName | None
    members: int


def caseload_rows(user: User, *, only_mine: bool) -> list[CaseloadRow]:
    """Active cases of the user's unit (only the user's own with `only_mine`), newest first, each
    with its applicant and number of current members: two queries of plain values, as the list
    is read many times a day and has a row per case."""
    cases = Household.objects.filter(unit_id=user.unit_id, status=HouseholdStatus.ACTIVE)
    if only_mine:
        cases = cases.filter(caseworker=user)
    households = list(
        cases.order_by("-opened_on", "-id").values_list(
            "id", "opened_on", "caseworker_id", "caseworker__first_name", "caseworker__last_name"
        )
    )
    applicants: dict[int, PersonName] = {}
    members: Counter[int] = Counter()
    for household_id, role, first_name, last_name, protected in (
        HouseholdMember.objects.filter(household__in=cases.values("id"), valid_to__isnull=True)
        .order_by("household", "role", "person__birth_date")  # the members' own order
        .values_list(
            "household_id",
            "role",
            "person__first_name",
            "person__last_name",
            "person__protected_identity",
        )
    ):
        members[household_id] += 1
        if role == MemberRole.APPLICANT and household_id not in applicants:
            applicants[household_id] = PersonName(first_name, last_name, protected)
    return [
        CaseloadRow(
            pk=household_id,
            case_number=case_number(opened_on, household_id),
            opened_on=opened_on,
            # As `User.get_full_name`; no caseworker: empty.
            caseworker_name=f"{first_name} {last_name}".strip() if caseworker_id else "",
            applicant=applicants.get(household_id),
            members=members[household_id],
        )
        for household_id, opened_on, caseworker_id, first_name, last_name in households
    ]


def active_caseloads(unit: Unit) -> dict[int, int]:
    """Active cases per caseworker of the unit (caseworkers with none included, as 0)."""
    loads = dict.fromkeys(
        User.objects.filter(unit=unit, role=Role.CASEWORKER, is_active=True).values_list(
            "pk", flat=True
        ),
        0,
    )
    for row in (
        Household.objects.filter(unit=unit, status=HouseholdStatus.ACTIVE, caseworker__isnull=False)
        .values("caseworker")
        .annotate(n=Count("id"))
    ):
        if row["caseworker"] in loads:
            loads[row["caseworker"]] = row["n"]
    return loads


def caseworkers_with_load(unit: Unit) -> list[tuple[User, int]]:
    """The unit's caseworkers with their active caseloads, most loaded first."""
    loads = active_caseloads(unit)
    staff = User.objects.filter(pk__in=loads)
    return sorted(((u, loads[u.pk]) for u in staff), key=lambda pair: (-pair[1], pair[0].last_name))


def units_of_households(household_ids: Iterable[int]) -> set[int]:
    """The units the given cases belong to (one query)."""
    return set(
        Household.objects.filter(pk__in=list(household_ids))
        .values_list("unit_id", flat=True)
        .distinct()
    )


ROLE_ORDER = {MemberRole.APPLICANT: 0, MemberRole.CO_APPLICANT: 1, MemberRole.CHILD: 2}


def current_members(household_id: int) -> list[HouseholdMember]:
    """The household's current members with their persons: applicant, co-applicant, children by
    age (one query)."""
    members = HouseholdMember.objects.filter(
        household_id=household_id, valid_to__isnull=True
    ).select_related("person")
    return sorted(
        members, key=lambda m: (ROLE_ORDER[MemberRole(m.role)], m.person.birth_date, m.pk)
    )


def household_edit_values(members: list[HouseholdMember]) -> dict[str, object]:
    """The household's details and its current members, keyed as the edit form names them: the
    household's address (the applicant's), then per member `m<id>_first_name`, `_last_name`,
    `_identity_number`, `_role` and `_moved_out_on` (empty: still lives there)."""
    applicant = next((m for m in members if m.role == MemberRole.APPLICANT), None)
    values: dict[str, object] = {"address": applicant.person.address if applicant else ""}
    for member in members:
        prefix = f"m{member.pk}_"
        values[f"{prefix}first_name"] = member.person.first_name
        values[f"{prefix}last_name"] = member.person.last_name
        values[f"{prefix}identity_number"] = member.person.identity_number
        values[f"{prefix}role"] = member.role
        values[f"{prefix}moved_out_on"] = None
    return values


ID_DIGITS = 18  # any number of up to 18 decimal digits fits a database id (a 64-bit integer)


def members_read(
    household_id: int, ids: str, *, default: list[HouseholdMember]
) -> list[HouseholdMember]:
    """The household's members a form was read with (its comma-separated member ids), whether or
    not they are current now; `default` when the list names none of this household's."""
    # Only ids as the form writes them: ASCII digits that fit a database id ("²" is a digit to
    # `str.isdigit`, and a hostile value may be longer than any id).
    parts = (part.strip() for part in ids.split(","))
    wanted = [
        int(part) for part in parts if part.isascii() and part.isdigit() and len(part) <= ID_DIGITS
    ]
    members = list(
        HouseholdMember.objects.filter(household_id=household_id, pk__in=wanted).select_related(
            "person"
        )
    )
    if not members:
        return default
    return sorted(
        members, key=lambda m: (ROLE_ORDER[MemberRole(m.role)], m.person.birth_date, m.pk)
    )
