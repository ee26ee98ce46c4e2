"""The demo's placements decided together: a Kommunbryggan-style selection group of the first unit
(the own municipality, two neighbouring municipalities and Arbetsförmedlingen, with a union that
confirms no ordinary job is displaced), and placements in each state: one waiting for
Arbetsförmedlingen's vote (the `partner` login's), one rejected, one running on a signed
agreement, and one ended in work. All through the services; deterministic for a given `today`.
Made-up organisations, workplaces and texts (demo data).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from io import BytesIO

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.cooperation.models import PartnerOrganisation, PartnerUser
from bryggan.cooperation.rules import GivenHow, InformationKind, OrganisationKind
from bryggan.cooperation.services import (
    consent_register,
    partner_organisation_create,
    partner_user_create,
)
from bryggan.people.models import Household, MemberRole
from bryggan.placements.letters import agreement_pdf
from bryggan.placements.models import Placement
from bryggan.placements.rules import Outcome, PlacementKind
from bryggan.placements.services import (
    agreement_register_signed,
    agreement_write,
    follow_up_record,
    placement_end,
    placement_propose,
    placement_start,
    placement_vote,
    selection_group_create,
)

AF_NAME = "Arbetsförmedlingen"  # made by the demo's cooperation
NEIGHBOURS = (("Norbergs kommun", "norberg"), ("Skinnskattebergs kommun", "skinnskatteberg"))
UNION = ("Kommunal Bergslagen", "kommunal")
PROPOSALS = (
    # kind, workplace, hours per week, content
    (
        PlacementKind.SUBSIDISED_JOB,
        "Kommunens parkförvaltning",
        40,
        "Skötsel av parker, lekplatser och grönytor med arbetslag och handledare.",
    ),
    (
        PlacementKind.WORK_PRACTICE,
        "Second hand-butiken Återbruket",
        30,
        "Sortering, prismärkning och kassa; handledare i butiken.",
    ),
    (
        PlacementKind.EDUCATION_WITH_PRACTICE,
        "Vård- och omsorgscollege, Bergslagens äldreboende",
        40,
        "Undersköterskeutbildning två dagar i veckan, praktik på äldreboendet tre dagar.",
    ),
    (
        PlacementKind.SUBSIDISED_JOB,
        "Kommunens kostenhet, Centralköket",
        40,
        "Kökshjälp i storkök: disk, beredning och servering.",
    ),
)
ENDED = 3  # the placement (by its place in PROPOSALS) that has ended in work
GOAL = "Att få en anställning på den öppna arbetsmarknaden efter placeringen."
CONSEQUENCES = (
    "Frånvaro utan giltigt skäl kan leda till att försörjningsstödet sätts ned eller upphör "
    "(beslut som går att överklaga). Avbryts placeringen gör vi en ny planering tillsammans."
)


def _organisation(name: str, kind: OrganisationKind, username: str) -> PartnerOrganisation:
    """The organisation of that name, made with a user of its own when the demo lacks it."""
    found = PartnerOrganisation.objects.filter(name=name).first()
    if found is None:
        found = partner_organisation_create(name=name, kind=kind, by=None)
    if not PartnerUser.objects.filter(organisation=found).exists():
        partner_user_create(
            username=f"urval-{username}",
            organisation=found,
            first_name="Ledamot",
            last_name=name,
            by=None,
        )
    return found


def _officer(organisation: PartnerOrganisation) -> User:
    link = PartnerUser.objects.filter(organisation=organisation).order_by("pk").first()
    assert link is not None  # noqa: S101 - made by `_organisation` or the cooperation demo
    return link.user


def demo_placements(*, units: list[Unit], today: date, now: datetime, rng: random.Random) -> int:
    """The group and its placements in the first unit; returns how many placements were made."""
    if not units:
        return 0
    unit = units[0]
    staff = User.objects.filter(unit=unit).order_by("pk")
    manager = staff.filter(role=Role.UNIT_MANAGER).first()
    coach = staff.filter(role=Role.WORK_COACH).first()
    af = PartnerOrganisation.objects.filter(name=AF_NAME).first()
    if manager is None or coach is None or af is None:
        return 0
    neighbours = [
        _organisation(name, OrganisationKind.NEIGHBOURING_MUNICIPALITY, username)
        for name, username in NEIGHBOURS
    ]
    union = _organisation(UNION[0], OrganisationKind.UNION, UNION[1])
    members = [*neighbours, af]
    group = selection_group_create(
        unit=unit,
        name="Kommunbryggan",
        members=members,
        union_confirmation=True,
        union=union,
        by=manager,
    )
    households = list(
        # The longest-open cases, so that the placements begun months ago fall within them.
        Household.objects.filter(unit=unit, status="active").order_by("opened_on", "pk")[
            : len(PROPOSALS) * 3
        ]
    )
    chosen = rng.sample(households, min(len(PROPOSALS), len(households)))
    made: list[Placement] = []
    # Waiting for Arbetsförmedlingen, rejected, running, ended: each began further back.
    began = [today + timedelta(days=14), today + timedelta(days=30), today - timedelta(days=60)]
    began.append(today - timedelta(days=240))
    for household, (kind, workplace, hours, content), starts_on in zip(
        chosen, PROPOSALS, began, strict=False
    ):
        applicant = household.members.filter(role=MemberRole.APPLICANT).first()
        if applicant is None:
            continue
        consent_register(
            household=household,
            person=applicant.person,
            organisations=members,
            kinds=[InformationKind.IDENTITY, InformationKind.PLAN],
            valid_from=min(today, starts_on) - timedelta(days=7),
            valid_to=today + timedelta(days=365),
            given_how=GivenHow.E_SERVICE,
            by=coach,
            now=now,
        )
        made.append(
            placement_propose(
                group=group,
                household=household,
                person=applicant.person,
                kind=kind,
                offer=None,
                workplace=workplace,
                starts_on=starts_on,
                ends_on=starts_on + timedelta(days=364),
                hours_per_week=hours,
                content=content,
                proposed_for=None,
                by=coach,
                now=now,
            )
        )
    _plant_states(
        made, members=members, union=union, manager=manager, coach=coach, today=today, now=now
    )
    return len(made)


def _vote(
    placement: Placement,
    organisation: PartnerOrganisation | None,
    manager: User,
    now: datetime,
    *,
    reason: str = "",
) -> None:
    placement_vote(
        placement=placement,
        organisation=organisation,
        approve=not reason,
        reason=reason,
        by=_officer(organisation) if organisation is not None else manager,
        now=now,
    )


def _plant_states(
    made: list[Placement],
    *,
    members: list[PartnerOrganisation],
    union: PartnerOrganisation,
    manager: User,
    coach: User,
    today: date,
    now: datetime,
) -> None:
    north, south, af = members
    for index, placement in enumerate(made):
        if index == 0:  # waiting for Arbetsförmedlingen: the partner login's vote
            for organisation in (None, north, south, union):
                _vote(placement, organisation, manager, now)
        elif index == 1:  # rejected by a neighbouring municipality
            _vote(placement, None, manager, now)
            _vote(
                placement,
                south,
                manager,
                now,
                reason="Butiken har redan två praktikanter från oss; ingen handledare räcker till.",
            )
        else:  # approved by all, the agreement signed, started; the last one ended in work
            for organisation in (None, north, south, af, union):
                _vote(placement, organisation, manager, now)
            _sign_and_start(placement, coach=coach, today=today, now=now)
            if index == ENDED:
                ended_on = min(today, placement.starts_on + timedelta(days=210))
                placement_end(
                    placement=placement,
                    ended_on=ended_on,
                    outcome=Outcome.WORK,
                    note="Fick en tillsvidareanställning i köket.",
                    by=coach,
                    today=today,
                )


def _sign_and_start(placement: Placement, *, coach: User, today: date, now: datetime) -> None:
    start = placement.starts_on
    agreement = agreement_write(
        placement=placement,
        goal=GOAL,
        content=placement.content,
        consequences=CONSEQUENCES,
        follow_up_dates=[start + timedelta(days=30), start + timedelta(days=90)],
        by=coach,
    )
    refreshed = Placement.objects.get(pk=placement.pk)
    form = agreement_pdf(placement=refreshed, agreement=agreement, unit_name=str(coach.unit))
    agreement_register_signed(
        placement=placement,
        signed_on=start - timedelta(days=3),
        signed_form=BytesIO(form),
        signed_form_name="overenskommelse.pdf",
        by=coach,
        now=now,
    )
    placement_start(placement=placement, on=start, by=coach)
    first = placement.follow_ups.order_by("due_on").first()
    if first is not None and first.due_on <= today:
        follow_up_record(
            follow_up=first,
            held_on=first.due_on,
            note="Trivs på arbetsplatsen; handledaren nöjd. Fortsätter enligt plan.",
            by=coach,
        )
