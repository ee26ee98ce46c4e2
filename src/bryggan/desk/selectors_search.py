"""The search's one query: the memberships of cases in the user's unit that match."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from bryggan.accounts.models import User
from bryggan.desk.rules_search import QueryKind, SearchQuery
from bryggan.people.models import HouseholdMember, HouseholdStatus, MemberRole, Person

SEARCH_LIMIT = 50


@dataclass(frozen=True, slots=True)
class SearchHit:
    household_id: int
    case_number: str
    active: bool
    person: Person
    role: str
    current: bool  # the person still belongs to the case
    caseworker: str


def search_cases(user: User, query: SearchQuery) -> tuple[list[SearchHit], bool]:
    """Cases of the user's unit matching `query`, one hit per case and person, current members and
    active cases first; and whether there were more than `SEARCH_LIMIT`.

    A name finds no person with *skyddad identitet* for a user who may not see their names: the
    match itself would tell the name. A personnummer or case number the user already has finds
    the case, and the name is then shown as protected (`people_tags.shown_name`).
    """
    rows = HouseholdMember.objects.filter(household__unit_id=user.unit_id)
    if query.kind == QueryKind.IDENTITY:
        rows = rows.filter(person__identity_number=query.identity_number)
    elif query.kind == QueryKind.CASE:
        rows = rows.filter(household_id=query.household_id, role=MemberRole.APPLICANT)
        if query.opened_year is not None:
            rows = rows.filter(household__opened_on__year=query.opened_year)
    else:
        for word in query.words:
            rows = rows.filter(
                Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
            )
        if not user.sees_protected_identity:
            rows = rows.filter(person__protected_identity=False)
    ordered = rows.select_related("person", "household__caseworker").order_by(
        "valid_to", "household__status", "-household__opened_on", "household_id", "person_id"
    )
    hits: dict[tuple[int, int], SearchHit] = {}
    more = False
    for member in ordered[: SEARCH_LIMIT * 2]:
        key = (member.household_id, member.person_id)
        if key in hits:
            continue
        if len(hits) == SEARCH_LIMIT:
            more = True
            break
        household = member.household
        hits[key] = SearchHit(
            household_id=household.pk,
            case_number=household.case_number,
            active=household.status == HouseholdStatus.ACTIVE,
            person=member.person,
            role=member.get_role_display(),
            current=member.valid_to is None,
            caseworker=household.caseworker.get_full_name() if household.caseworker else "",
        )
    return list(hits.values()), more
