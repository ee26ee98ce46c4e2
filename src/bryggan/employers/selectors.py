"""Reads of the employer network: the unit's employers and open offers, a client's facts for
matching (the plan's goal from `planning`, the profile), the unit's clients, the contacts and
placements of an offer or a case, and the network's figures per month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from bryggan.accounts.models import Unit
from bryggan.core.month import Month
from bryggan.employers import rules
from bryggan.employers.models import (
    ClientProfile,
    Employer,
    EmployerContact,
    Offer,
    Placement,
    PlacementKind,
)
from bryggan.employers.rules import ClientFacts, OfferFacts, OfferKind, PlanGoal
from bryggan.people.models import Household, HouseholdMember, HouseholdStatus, MemberRole
from bryggan.planning.models import PlanVersion


def employer_list(unit: Unit, *, query: str = "") -> QuerySet[Employer]:
    """The unit's employers, searched by name, organisation number, municipality or a contact's
    name; with the number of offers."""
    employers = Employer.objects.filter(unit=unit)
    if query.strip():
        q = query.strip()
        employers = employers.filter(
            Q(name__icontains=q)
            | Q(organisation_number__icontains=q)
            | Q(municipality__icontains=q)
            | Q(contacts__name__icontains=q)
        ).distinct()
    return employers.annotate(offer_count=Count("offers", distinct=True)).order_by("name")


def contact_list(employer: Employer) -> QuerySet[EmployerContact]:
    return EmployerContact.objects.filter(employer=employer).order_by("name")


def offer_list_for_employer(employer: Employer) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(employer=employer)
        .annotate(occupied=_occupied())
        .order_by("-starts_on", "title")
    )


def _occupied() -> Count:
    """Contacts and placements not yet ended: each holds a place."""
    return Count("placements", filter=Q(placements__ends_on__isnull=True))


def occupied_places(offer: Offer) -> int:
    return Placement.objects.filter(offer=offer, ends_on__isnull=True).count()


def offers_open(unit: Unit, *, today: date) -> list[Offer]:
    """The unit's offers not yet ended, with their employer and the places taken."""
    return list(
        Offer.objects.filter(employer__unit=unit, ends_on__gte=today)
        .select_related("employer")
        .annotate(occupied=_occupied())
        .order_by("starts_on", "pk")
    )


def offer_facts(offer: Offer) -> OfferFacts:
    return OfferFacts(
        kind=OfferKind(offer.kind),
        title=offer.title,
        field=offer.field,
        required_languages=frozenset(offer.required_languages),
        requires_driving_licence=offer.requires_driving_licence,
        requires_experience=offer.requires_experience,
        municipality=offer.municipality,
    )


def profile_of(person_id: int) -> ClientProfile | None:
    return ClientProfile.objects.filter(person_id=person_id).first()


def _latest_goals(person_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each person's current plan goal and goal text: the latest version of their plan."""
    goals: dict[int, tuple[str, str]] = {}
    rows = (
        PlanVersion.objects.filter(plan__person_id__in=person_ids)
        .order_by("plan__person_id", "-number")
        .values_list("plan__person_id", "goal", "goal_text")
    )
    for person_id, goal, text in rows:
        goals.setdefault(person_id, (goal, text))
    return goals


def _facts(profile: ClientProfile | None, goal: tuple[str, str] | None) -> ClientFacts:
    return ClientFacts(
        goal=PlanGoal(goal[0]) if goal else None,
        goal_text=goal[1] if goal else "",
        languages=frozenset(profile.languages) if profile else frozenset(),
        driving_licence=profile.driving_licence if profile else False,
        experience_fields=frozenset(profile.experience_fields) if profile else frozenset(),
        municipality=profile.municipality if profile else "",
    )


def client_facts(person_id: int) -> ClientFacts:
    return _facts(profile_of(person_id), _latest_goals([person_id]).get(person_id))


@dataclass(frozen=True, slots=True)
class Client:
    member: HouseholdMember
    facts: ClientFacts
    has_profile: bool


def adults_of_household(household: Household) -> list[HouseholdMember]:
    return list(
        HouseholdMember.objects.filter(
            household=household,
            valid_to__isnull=True,
            role__in=[MemberRole.APPLICANT, MemberRole.CO_APPLICANT],
        )
        .select_related("person")
        .order_by("role", "person__birth_date")
    )


def clients_of_unit(unit: Unit) -> list[Client]:
    """The adults now in the unit's active cases, with their facts for matching."""
    members = list(
        HouseholdMember.objects.filter(
            household__unit=unit,
            household__status=HouseholdStatus.ACTIVE,
            valid_to__isnull=True,
            role__in=[MemberRole.APPLICANT, MemberRole.CO_APPLICANT],
        )
        .select_related("person", "household")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    ids = [m.person_id for m in members]
    profiles = {p.person_id: p for p in ClientProfile.objects.filter(person_id__in=ids)}
    goals = _latest_goals(ids)
    return [
        Client(
            member=m,
            facts=_facts(profiles.get(m.person_id), goals.get(m.person_id)),
            has_profile=m.person_id in profiles,
        )
        for m in members
    ]


def placement_list_for_offer(offer: Offer) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(offer=offer)
        .select_related("person", "household")
        .order_by("-starts_on", "-pk")
    )


def placement_list_for_household(household: Household) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(household=household)
        .select_related("person", "offer", "offer__employer")
        .order_by("-starts_on", "-pk")
    )


def households_of_offer(offer: Offer) -> list[int]:
    return list(
        Placement.objects.filter(offer=offer)
        .order_by()
        .values_list("household_id", flat=True)
        .distinct()
    )


@dataclass(frozen=True, slots=True)
class NetworkResults:
    months: list[rules.MonthFigures]
    employers: int
    open_offers: int
    ended: int
    jobs: int

    @property
    def job_share(self) -> int | None:
        return round(100 * self.jobs / self.ended) if self.ended else None


def network_results(unit: Unit, *, today: date, months: int = 12) -> NetworkResults:
    """The network's figures for the last `months` months (newest first) and in all: three
    queries (employers, offers, contacts and placements), counted in `rules.month_figures`."""
    last = Month.of(today)
    month_keys = [str(last.plus(-i)) for i in range(months)]
    employers = [
        timezone.localtime(created).date()
        for created in Employer.objects.filter(unit=unit).values_list("created_at", flat=True)
    ]
    offers = [
        (timezone.localtime(created).date(), ends_on)
        for created, ends_on in Offer.objects.filter(employer__unit=unit).values_list(
            "created_at", "ends_on"
        )
    ]
    placements = list(
        Placement.objects.filter(offer__employer__unit=unit).values_list(
            "starts_on", "kind", "ends_on", "outcome"
        )
    )
    ended = [(ends_on, outcome) for _s, _k, ends_on, outcome in placements if ends_on]
    figures = rules.month_figures(
        month_keys,
        employers_added=employers,
        offers_added=[created for created, _ends in offers],
        started=[
            (starts_on, kind == PlacementKind.PLACEMENT) for starts_on, kind, _e, _o in placements
        ],
        ended=ended,
    )
    return NetworkResults(
        months=figures,
        employers=len(employers),
        open_offers=sum(1 for _created, ends_on in offers if ends_on >= today),
        ended=len(ended),
        jobs=sum(1 for _e, outcome in ended if outcome == rules.Outcome.JOB),
    )
