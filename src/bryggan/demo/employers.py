"""The demo's employer network (*Ge en timme*): a dozen invented employers in and around
Trelleborg with contact persons and offers, facts for matching for some of the clients, and
contacts and placements with outcomes, all through the services.

Every name is invented (whimsical on purpose) and the organisation numbers are made up with a
valid check digit, not looked up: any likeness to a real company is chance. The outcome weights
are made up for the demo, not statistics. Deterministic for a given random generator and `today`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from stdnum import luhn

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.core.errors import DomainError
from bryggan.employers import rules
from bryggan.employers.geography import neighbours
from bryggan.employers.models import Offer, PlacementKind
from bryggan.employers.rules import OfferKind, Outcome
from bryggan.employers.selectors import client_facts, offer_facts
from bryggan.employers.services import (
    EmployerInput,
    OfferInput,
    client_profile_save,
    contact_save,
    employer_create,
    offer_create,
    placement_create,
    placement_end,
)
from bryggan.people.models import HouseholdMember, HouseholdStatus, MemberRole


@dataclass(frozen=True)
class DemoOffer:
    kind: OfferKind
    title: str
    capacity: int
    languages: tuple[str, ...] = ()
    licence: bool = False
    experience: bool = False


@dataclass(frozen=True)
class DemoEmployer:
    name: str
    field: str
    address: str
    postcode: str
    municipality: str
    contact: tuple[str, str, str]  # name, role, phone
    offers: tuple[DemoOffer, ...]


EMPLOYERS = (
    DemoEmployer(
        "Hamnkranens Lager AB",
        "logistics",
        "Kajgatan 4",
        "231 42",
        "Trelleborg",
        ("Lena Kranberg", "Lagerchef", "0410-100 01"),
        (
            DemoOffer(OfferKind.WORK_PRACTICE, "Lagerarbete med plock och pack", 3),
            DemoOffer(OfferKind.JOB, "Lagerarbetare, visstid", 1, ("sv",), experience=True),
        ),
    ),
    DemoEmployer(
        "Solrosens Omsorg AB",
        "care",
        "Solrosvägen 12",
        "231 55",
        "Trelleborg",
        ("Amira Solvik", "Enhetschef", "0410-100 02"),
        (
            DemoOffer(OfferKind.HOUR, "En timme om arbete i äldreomsorgen", 4),
            DemoOffer(OfferKind.WORK_PRACTICE, "Vårdbiträde på äldreboende", 2, ("sv",)),
        ),
    ),
    DemoEmployer(
        "Kanelbullens Bageri",
        "restaurant",
        "Torggatan 7",
        "231 31",
        "Trelleborg",
        ("Per Degerfors", "Bagarmästare", "0410-100 03"),
        (
            DemoOffer(OfferKind.STUDY_VISIT, "Studiebesök i bageriet", 6),
            DemoOffer(OfferKind.WORK_PRACTICE, "Praktik i kök och café", 2),
        ),
    ),
    DemoEmployer(
        "Grönsvängens Trädgård AB",
        "green",
        "Plantskolevägen 3",
        "235 91",
        "Vellinge",
        ("Jonas Lövgren", "Arbetsledare", "040-100 04"),
        (DemoOffer(OfferKind.WORK_PRACTICE, "Skötsel av parker och grönytor", 2, licence=True),),
    ),
    DemoEmployer(
        "Blänkets Städservice AB",
        "cleaning",
        "Industrigatan 21",
        "231 66",
        "Trelleborg",
        ("Maria Glans", "Platschef", "0410-100 05"),
        (
            DemoOffer(OfferKind.WORK_PRACTICE, "Lokalvård på kontor", 3),
            DemoOffer(OfferKind.JOB, "Lokalvårdare, deltid", 2),
        ),
    ),
    DemoEmployer(
        "Sydkustens Bygg & Snickeri AB",
        "construction",
        "Snickarvägen 9",
        "233 34",
        "Svedala",
        ("Ahmed Hyvelström", "Platschef", "040-100 06"),
        (DemoOffer(OfferKind.STUDY_AND_PRACTICE, "Bygg med praktik (Komvux)", 2, ("sv",)),),
    ),
    DemoEmployer(
        "Kvarterets Livs i Skurup",
        "retail",
        "Storgatan 30",
        "274 30",
        "Skurup",
        ("Eva Hyllberg", "Butikschef", "0411-100 07"),
        (
            DemoOffer(OfferKind.HOUR, "En timme om jobb i butik", 3),
            DemoOffer(OfferKind.WORK_PRACTICE, "Butikspraktik med kassa", 1, ("sv",)),
        ),
    ),
    DemoEmployer(
        "Fyrens Buss och Taxi AB",
        "transport",
        "Depåvägen 2",
        "231 61",
        "Trelleborg",
        ("Sven Ratt", "Trafikledare", "0410-100 08"),
        (DemoOffer(OfferKind.JOB, "Taxiförare", 2, ("sv",), licence=True, experience=True),),
    ),
    DemoEmployer(
        "Verkstaden vid Västra Industrigatan AB",
        "manufacturing",
        "Västra Industrigatan 14",
        "231 63",
        "Trelleborg",
        ("Karin Svetsson", "Produktionschef", "0410-100 09"),
        (DemoOffer(OfferKind.WORK_PRACTICE, "Montering i produktionen", 3),),
    ),
    DemoEmployer(
        "Lilla Ekens Förskola",
        "childcare",
        "Ekvägen 5",
        "231 51",
        "Trelleborg",
        ("Sara Ekholm", "Rektor", "0410-100 10"),
        (DemoOffer(OfferKind.STUDY_AND_PRACTICE, "Barnskötare med praktik (Komvux)", 2, ("sv",)),),
    ),
    DemoEmployer(
        "Kontorsgrodan Administration AB",
        "office",
        "Stortorget 1",
        "211 22",
        "Malmö",
        ("Olle Pärm", "Kontorschef", "040-100 11"),
        (DemoOffer(OfferKind.HOUR, "En timme om kontorsarbete", 2),),
    ),
    DemoEmployer(
        "Datastugan IT-support AB",
        "it",
        "Serverstigen 8",
        "211 45",
        "Malmö",
        ("Ping Nätvall", "Supportchef", "040-100 12"),
        (DemoOffer(OfferKind.STUDY_VISIT, "Studiebesök på supportavdelningen", 8, ("en",)),),
    ),
)

# Made-up weights: the languages, fields and home municipalities of the clients with facts.
LANGUAGE_WEIGHTS = (("sv", 70), ("ar", 25), ("so", 12), ("ti", 8), ("en", 30), ("fa", 8))
HOME_WEIGHTS = (("Trelleborg", 70), ("Vellinge", 10), ("Skurup", 10), ("Svedala", 10))
OUTCOME_WEIGHTS = (
    (Outcome.JOB, 25),
    (Outcome.COMPLETED, 30),
    (Outcome.STUDIES, 10),
    (Outcome.NO_SHOW, 15),
    (Outcome.ENDED_EARLY, 20),
)
SHARE_WITH_FACTS = 0.5
SHARE_ENDED = 0.6


def demo_orgnr(serial: int) -> str:
    """A made-up organisation number with a valid check digit (Luhn over the ten digits)."""
    digits = f"5599{serial:05d}"
    number = digits + luhn.calc_check_digit(digits)
    return f"{number[:6]}-{number[6:]}"


def demo_employers(*, units: list[Unit], today: date, rng: random.Random) -> int:
    """The network in the first unit (and its first four employers in the others); returns the
    number of contacts and placements made."""
    made = 0
    for index, unit in enumerate(units):
        coach = User.objects.filter(unit=unit, role=Role.WORK_COACH).order_by("pk").first()
        if coach is None:
            continue
        chosen = EMPLOYERS if index == 0 else EMPLOYERS[:4]
        offers = _network(unit, chosen, coach, today, rng)
        adults = list(
            HouseholdMember.objects.filter(
                household__unit=unit,
                household__status=HouseholdStatus.ACTIVE,
                valid_to__isnull=True,
                role__in=[MemberRole.APPLICANT, MemberRole.CO_APPLICANT],
            )
            .select_related("household", "person")
            .order_by("pk")
        )
        with_facts = [m for m in adults if rng.random() < SHARE_WITH_FACTS]
        for member in with_facts:
            _facts(member, coach, rng)
        made += _placements(offers, with_facts, coach, today, rng)
    return made


def _network(
    unit: Unit,
    chosen: tuple[DemoEmployer, ...],
    coach: User,
    today: date,
    rng: random.Random,
) -> list[Offer]:
    offers = []
    for serial, demo in enumerate(chosen, start=1):
        employer = employer_create(
            unit=unit,
            data=EmployerInput(
                name=demo.name,
                organisation_number=demo_orgnr(serial),
                field=demo.field,
                address=demo.address,
                postcode=demo.postcode,
                municipality=demo.municipality,
                note="Ge en timme: kontakt via arbetsmarknadsenheten.",
            ),
            by=coach,
        )
        name, role, phone = demo.contact
        email = name.lower().replace(" ", ".").translate(str.maketrans("åäö", "aao"))
        contact_save(
            employer=employer,
            contact=None,
            name=name,
            role=role,
            phone=phone,
            email=f"{email}@example.se",
            by=coach,
        )
        for offered in demo.offers:
            starts_on = today - timedelta(days=rng.randint(30, 180))
            offers.append(
                offer_create(
                    employer=employer,
                    data=OfferInput(
                        kind=offered.kind.value,
                        title=offered.title,
                        description="",
                        field=demo.field,
                        capacity=offered.capacity,
                        starts_on=starts_on,
                        ends_on=today + timedelta(days=rng.randint(60, 240)),
                        required_languages=offered.languages,
                        requires_driving_licence=offered.licence,
                        requires_experience=offered.experience,
                        location=demo.address,
                        municipality=demo.municipality,
                    ),
                    by=coach,
                )
            )
    return offers


def _facts(member: HouseholdMember, coach: User, rng: random.Random) -> None:
    languages, weights = zip(*LANGUAGE_WEIGHTS, strict=True)
    spoken = {rng.choices(languages, weights)[0] for _ in range(rng.randint(1, 3))}
    fields = rng.sample(sorted(rules.FIELD_WORDS), rng.randint(0, 2))
    homes, home_weights = zip(*HOME_WEIGHTS, strict=True)
    client_profile_save(
        household=member.household,
        person=member.person,
        languages=sorted(spoken),
        driving_licence=rng.random() < 0.4,  # noqa: PLR2004
        experience_fields=fields,
        municipality=rng.choices(homes, home_weights)[0],
        by=coach,
    )


def _placements(
    offers: list[Offer],
    members: list[HouseholdMember],
    coach: User,
    today: date,
    rng: random.Random,
) -> int:
    """For each offer, a few of the best-fitting clients put in touch or placed; some ended."""
    near = neighbours()
    facts = {m.person_id: client_facts(m.person_id) for m in members}
    made = 0
    used: set[int] = set()
    for offer in offers:
        scored = rules.ranked(
            (m, rules.match(facts[m.person_id], offer_facts(offer), near))
            for m in members
            if m.person_id not in used
        )
        fitting = [m for m, match in scored if match.fits][: min(offer.capacity, 3)]
        kind = (
            PlacementKind.CONTACT
            if offer.kind in (OfferKind.HOUR, OfferKind.STUDY_VISIT)
            else PlacementKind.PLACEMENT
        )
        for member in fitting:
            latest = min(today, offer.ends_on) - offer.starts_on
            starts_on = offer.starts_on + timedelta(days=rng.randint(0, max(latest.days - 1, 0)))
            try:
                placement = placement_create(
                    offer=offer,
                    household=member.household,
                    person=member.person,
                    kind=kind,
                    starts_on=starts_on,
                    by=coach,
                )
            except DomainError:
                continue
            made += 1
            used.add(member.person_id)
            if rng.random() < SHARE_ENDED and starts_on < today:
                outcomes, weights = zip(*OUTCOME_WEIGHTS, strict=True)
                placement_end(
                    placement=placement,
                    ended_on=starts_on + timedelta(days=rng.randint(0, (today - starts_on).days)),
                    outcome=rng.choices(outcomes, weights)[0],
                    by=coach,
                    today=today,
                )
    return made
