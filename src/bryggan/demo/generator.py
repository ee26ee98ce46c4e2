"""Generate a plausible municipality: units, staff, households with 24 months of applications.

Deterministic for a given seed and `today`. Everything is written through the same services the
application uses (`application_register`, `case_close`, `first_meeting_mark`), so the demo
doubles as a smoke test of them.

The identity numbers are random but valid in form (date and Luhn check digit). They are not taken
from Skatteverket's list of test numbers, which is not available offline, so a generated number may
coincide with a real person's: never load demo data into a production database.
"""

from __future__ import annotations

import math
import multiprocessing
import random
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from stdnum import luhn

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.accounts.services import user_create
from bryggan.audit.services import chain_appends_deferred
from bryggan.core.aside import work_aside, worker_start
from bryggan.core.calendar import add_working_days, is_working_day
from bryggan.core.month import Month
from bryggan.core.steady import steady_lookups
from bryggan.decisions.models import DelegationRule, PaymentConditions
from bryggan.demo import decisions as demo_decisions
from bryggan.demo.activities import generate_activities
from bryggan.demo.appeals import demo_appeals
from bryggan.demo.assessment import demo_kommunicering
from bryggan.demo.auditchain import demo_reads
from bryggan.demo.cooperation import demo_cooperation
from bryggan.demo.desk import demo_desk
from bryggan.demo.documents import demo_documents
from bryggan.demo.employers import demo_employers
from bryggan.demo.households import demo_household_changes
from bryggan.demo.journal import generate_journal
from bryggan.demo.mypages import demo_mypages
from bryggan.demo.oidc import demo_claim_mappings
from bryggan.demo.placements import demo_placements
from bryggan.demo.planning import generate_plans
from bryggan.demo.projects import demo_projects
from bryggan.demo.recovery import demo_recovery
from bryggan.demo.renewals import demo_renewals
from bryggan.demo.reporting import record_reasons_for_need
from bryggan.demo.reviews import demo_reviews
from bryggan.followup.services import case_close
from bryggan.intake.models import Application, Channel, MeetingStatus
from bryggan.intake.rules import starts_new_spell
from bryggan.intake.services import application_register, first_meeting_mark
from bryggan.people.models import Household
from bryggan.people.rules import parse_identity_number
from bryggan.people.services import PersonInput

DEMO_PASSWORD = "bryggan-demo"  # noqa: S105 - printed for the demo logins; never for production
HISTORY_MONTHS = 24
UNIT_NAMES = ("Arbete och försörjning Centrum", "Arbete och försörjning Norr")
TARGET_CASELOAD = 38  # below the cap of 45, as in Borås
SHARE_MARKED = 0.8  # of the last two weeks' first meetings, those already marked held or missed
SHARE_HELD = 0.95  # of marked first meetings, those the applicant came to
MONTHS_STEP = "Months of applications, decisions and payments"
CASE_FILE_STEP = "Activities, plans and the case file"

FIRST_NAMES = [
    "Anna",
    "Maria",
    "Eva",
    "Karin",
    "Sara",
    "Emma",
    "Lina",
    "Fatima",
    "Amina",
    "Leila",
    "Sofia",
    "Elin",
    "Hanna",
    "Ida",
    "Maja",
    "Noor",
    "Hiba",
    "Erik",
    "Lars",
    "Johan",
    "Anders",
    "Karl",
    "Mohammed",
    "Ali",
    "Ahmed",
    "Omar",
    "Yusuf",
    "Oscar",
    "Lucas",
    "Adam",
    "Elias",
    "Hugo",
    "Liam",
    "Nils",
    "Per",
    "Mikael",
    "Daniel",
    "Hassan",
    "Ibrahim",
    "Abdi",
    "Samir",
    "Tomas",
    "Jonas",
    "Emil",
    "Viktor",
    "Aisha",
    "Zainab",
    "Mirja",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Lindberg",
    "Lindström",
    "Lindqvist",
    "Berg",
    "Axelsson",
    "Hussein",
    "Mohamud",
    "Ali",
    "Ahmadi",
    "Hassan",
    "Yilmaz",
    "Nguyen",
    "Kowalski",
    "Haddad",
    "Rahimi",
    "Abdullahi",
    "Osman",
]
STREETS = (
    "Storgatan",
    "Kungsgatan",
    "Ringvägen",
    "Skolgatan",
    "Parkvägen",
    "Ängsvägen",
    "Torggatan",
)

PERSONAS = {
    Role.CASEWORKER: ("handlaggare", "Hanna", "Handläggare"),
    Role.WORK_COACH: ("coach", "Carlos", "Coach"),
    Role.UNIT_MANAGER: ("chef", "Maria", "Enhetschef"),
    Role.ANALYST: ("analytiker", "Ali", "Analytiker"),
    Role.ADMINISTRATOR: ("admin", "Agnes", "Administratör"),
}


@dataclass
class PlannedHousehold:
    unit_index: int
    applicant: PersonInput
    co_applicant: PersonInput | None
    children: list[PersonInput]
    months: list[Month]  # months applied for, in order (one or two spells)
    household_id: int | None = None
    applied: set[str] = field(default_factory=set)
    decided: bool = False  # a decision on one of its applications is made (signed)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    units: int
    staff: int
    households: int
    applications: int
    logins: dict[str, str]


class _Numbers:
    """Unique, valid identity numbers."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng, self.today, self.used = rng, today, set()

    def person(self, birth: date) -> PersonInput:
        while True:
            serial = f"{self.rng.randint(0, 999):03d}"
            body = birth.strftime("%y%m%d") + serial
            number = f"{birth:%Y%m%d}-{serial}{luhn.calc_check_digit(body)}"
            if number not in self.used:
                self.used.add(number)
                break
        identity = parse_identity_number(number, today=self.today)
        return PersonInput(
            identity=identity,
            first_name=self.rng.choice(FIRST_NAMES),
            last_name=self.rng.choice(LAST_NAMES),
            address=f"{self.rng.choice(STREETS)} {self.rng.randint(1, 80)}",
            protected_identity=self.rng.random() < 0.02,  # noqa: PLR2004
        )


def _birth_date(rng: random.Random, on: date, low: int, high: int) -> date:
    """A birth date making the person `low`–`high` years old (completed years) on `on`."""
    age = rng.randint(low, high)
    anniversary = on.replace(year=on.year - age, day=min(on.day, 28))
    return anniversary - timedelta(days=rng.randint(1, 360))


def _spell_length(rng: random.Random) -> int:
    # Many short spells, a long tail of long-term cases (about a third 10+ months).
    if rng.random() < 0.33:  # noqa: PLR2004
        return rng.randint(10, 24)
    return rng.randint(1, 9)


def _plan(rng: random.Random, numbers: _Numbers, today: date, count: int) -> list[PlannedHousehold]:
    first = Month.of(today).plus(-(HISTORY_MONTHS - 1))
    plans = []
    for _ in range(count):
        start = first.plus(rng.randint(0, HISTORY_MONTHS - 1))
        youth = rng.random() < 0.22  # noqa: PLR2004
        # Ages hold from the earliest day an application for `start` arrives (`_received_at`).
        at_start = start.first_day - timedelta(days=15)
        applicant = numbers.person(
            _birth_date(rng, at_start, 18, 23) if youth else _birth_date(rng, at_start, 25, 62)
        )
        co_applicant = None
        if not youth and rng.random() < 0.3:  # noqa: PLR2004
            co_applicant = numbers.person(_birth_date(rng, at_start, 22, 60))
        children = [
            numbers.person(_birth_date(rng, at_start, 0, 15))
            for _ in range(rng.choice((0, 0, 0, 1, 1, 2, 3)) if not youth else 0)
        ]
        length = _spell_length(rng)
        months = [start.plus(i) for i in range(length) if start.plus(i) <= Month.of(today)]
        if rng.random() < 0.1 and months:  # noqa: PLR2004 - some come back after a gap
            restart = months[-1].plus(rng.randint(3, 8))
            months += [
                restart.plus(i)
                for i in range(rng.randint(1, 6))
                if restart.plus(i) <= Month.of(today)
            ]
        plans.append(
            PlannedHousehold(
                rng.randrange(len(UNIT_NAMES)), applicant, co_applicant, children, months
            )
        )
    return plans


def _staff(unit: Unit, role: Role, count: int, rng: random.Random) -> list[User]:
    return [
        user_create(
            username=f"{role.value}{unit.pk}_{i + 1}",
            role=role,
            unit=unit,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
        )
        for i in range(count)
    ]


# A demo unit's delegation and payment conditions: the municipality's own choices, not law.
DEMO_DELEGATION = (
    (Role.CASEWORKER, "livelihood_support", 30_000),
    (Role.CASEWORKER, "emergency", 5_000),
    (Role.UNIT_MANAGER, "livelihood_support", None),
    (Role.UNIT_MANAGER, "emergency", None),
    (Role.CASEWORKER, "recovery", 30_000),
    (Role.CASEWORKER, "recovery_waiver", 5_000),
    (Role.UNIT_MANAGER, "recovery", None),
    (Role.UNIT_MANAGER, "recovery_waiver", None),
)


def _configure(unit: Unit) -> None:
    DelegationRule.objects.bulk_create(
        DelegationRule(unit=unit, role=role.value, kind=kind, max_amount=ceiling)
        for role, kind, ceiling in DEMO_DELEGATION
    )
    PaymentConditions.objects.create(unit=unit, monthly_application=True, personal_visit=True)


def _received_at(rng: random.Random, month: Month, tz: ZoneInfo, now: datetime) -> datetime:
    # Applications arrive in the last ten days of the month before, or the first days of the month.
    day = month.first_day - timedelta(days=rng.randint(-4, 10))
    while not is_working_day(day):
        day -= timedelta(days=1)
    moment = datetime.combine(day, time(rng.randint(8, 15), rng.choice((0, 15, 30, 45))), tzinfo=tz)
    return min(moment, now - timedelta(hours=1))


def generate(
    *,
    households: int,
    seed: int,
    now: datetime,
    progress: Callable[[str, int, int], None] | None = None,
) -> DemoSummary:
    """Create the demo municipality in an empty database; `progress(what, done, total)` as it
    goes."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    tz = ZoneInfo(settings.TIME_ZONE)
    today = now.astimezone(tz).date()
    numbers = _Numbers(rng, today)
    plans = _plan(rng, numbers, today, households)
    # Money on its own generator, so that amounts do not shift the rest of the demo.
    money_rng = random.Random(seed + 1)  # noqa: S311 - demo data, not security
    payees = [
        demo_decisions.payee(money_rng, 1 + (p.co_applicant is not None) + len(p.children))
        for p in plans
    ]
    with _batch():
        units = [Unit.objects.create(name=name) for name in UNIT_NAMES]
        # Staff sized to the busiest month: about 38 active cases per caseworker.
        logins = {}
        for index, unit in enumerate(units):
            peak = max(
                sum(
                    1
                    for p in plans
                    if p.unit_index == index and Month.of(today).plus(-k) in p.months
                )
                for k in range(HISTORY_MONTHS)
            )
            caseworkers = max(2, math.ceil(peak / TARGET_CASELOAD))
            _staff(unit, Role.CASEWORKER, caseworkers, rng)
            _staff(unit, Role.WORK_COACH, max(2, caseworkers // 3), rng)
            _staff(unit, Role.UNIT_MANAGER, 1, rng)
            _configure(unit)
        # The logins share one password: hashed once (0.4 s a hash by design), not once a login.
        password_hash = make_password(DEMO_PASSWORD)
        for role, (username, first_name, last_name) in PERSONAS.items():
            user_create(
                username=username,
                password_hash=password_hash,
                first_name=first_name,
                last_name=last_name,
                role=role,
                unit=units[0] if role not in (Role.ANALYST, Role.ADMINISTRATOR) else None,
                sees_protected_identity=role == Role.UNIT_MANAGER,
            )
            logins[username] = role.value
        first_month = Month.of(today).plus(-(HISTORY_MONTHS - 1))
        demo_decisions.stand_in_norms(
            range(first_month.year, today.year + 1),
            by=User.objects.get(username=PERSONAS[Role.ADMINISTRATOR][0]),
        )
        registrar = {
            unit.pk: User.objects.get(username=f"{Role.UNIT_MANAGER.value}{unit.pk}_1")
            for unit in units
        }
    applications = 0
    step = progress or (lambda what, done, total: None)
    step(MONTHS_STEP, 0, HISTORY_MONTHS)
    # The units' delegation and settings and the norms were written above and hold still for the
    # months: each is read once (`core.steady`), not once for every household.
    # The decision letters' PDFs are made on another core while the months go on (`core.aside`):
    # each is stored, by the signing's own `letter_store`, in signing order at the month's end.
    with steady_lookups(), _letter_maker() as letters:
        for offset in range(HISTORY_MONTHS - 1, -1, -1):
            month = Month.of(today).plus(-offset)
            # a month of applications, decisions and the payment run
            with _batch(), work_aside(letters):
                applications += _month(
                    month, plans, payees, units=units, registrar=registrar, rng=rng, now=now
                )
                run_at = min(
                    datetime.combine(month.first_day + timedelta(days=12), time(12), tzinfo=tz),
                    now,
                )
                demo_decisions.pay_month(month, by=registrar[units[0].pk], now=run_at)
            step(MONTHS_STEP, HISTORY_MONTHS - offset, HISTORY_MONTHS)
    step(CASE_FILE_STEP, 0, 1)
    with _batch():
        _work_line_and_case_file(units=units, seed=seed, today=today, now=now, rng=rng)
        demo_reads(units=units, rng=random.Random(seed + 14))  # noqa: S311
        record_reasons_for_need(
            first=Month.of(today).plus(-(HISTORY_MONTHS - 1)),
            last=Month.of(today),
            by=registrar[units[0].pk],
            now=now,
        )
        demo_kommunicering(units=units, today=today, now=now)
        logins |= _cooperation(
            units=units, seed=seed, today=today, now=now, password_hash=password_hash
        )
        demo_placements(units=units, today=today, now=now, rng=random.Random(seed + 22))  # noqa: S311
        demo_desk(units=units, today=today, now=now, rng=random.Random(seed + 18))  # noqa: S311
        demo_household_changes(units=units, today=today, rng=random.Random(seed + 19))  # noqa: S311
        demo_renewals(
            units=units,
            now=now,
            rng=random.Random(seed + 17),  # noqa: S311
            administrator=User.objects.get(username=PERSONAS[Role.ADMINISTRATOR][0]),
        )
    step(CASE_FILE_STEP, 1, 1)
    return DemoSummary(
        units=len(units),
        staff=User.objects.exclude(username__in=logins).count(),
        households=Household.objects.count(),
        applications=Application.objects.count(),  # with the renewals added on My pages
        logins=logins,
    )


def _month(
    month: Month,
    plans: list[PlannedHousehold],
    payees: list[demo_decisions.Payee],
    *,
    units: list[Unit],
    registrar: dict[int, User],
    rng: random.Random,
    now: datetime,
) -> int:
    """The month's applications, first meetings, decisions and closures; how many applied."""
    tz = ZoneInfo(settings.TIME_ZONE)
    applications = 0
    to_decide = []
    for plan, payee in zip(plans, payees, strict=True):
        if month not in plan.months:
            if plan.household_id and plan.applied and month.plus(-1) in plan.months:
                _close(plan, month, registrar, rng)
            continue
        unit = units[plan.unit_index]
        received_at = _received_at(rng, month, tz, now)
        application = application_register(
            unit=unit,
            registered_by=registrar[unit.pk],
            received_at=received_at,
            channel=rng.choice(list(Channel)),
            month=month,
            applicant=plan.applicant,
            co_applicant=plan.co_applicant,
            children=plan.children,
            allow_over_cap=True,
            # Registered as it arrived, so the first meeting is booked from then.
            now=min(received_at + timedelta(minutes=5), now),
        )
        plan.household_id = application.household_id
        # A first meeting was booked if the application starts a spell (the rule the service
        # applies, to the months the plan has applied for); then it is the one just made.
        new_spell = starts_new_spell(month, previous_months=plan.applied)
        meeting = getattr(application, "first_meeting", None) if new_spell else None
        plan.applied.add(str(month))
        applications += 1
        if (
            meeting is not None
            and meeting.starts_at < now - timedelta(days=1)
            # Recent meetings are sometimes not yet marked: they fill the overdue list.
            and (meeting.starts_at < now - timedelta(days=14) or rng.random() < SHARE_MARKED)
        ):
            first_meeting_mark(
                meeting=meeting,
                status=MeetingStatus.HELD if rng.random() < SHARE_HELD else MeetingStatus.MISSED,
                by=registrar[unit.pk],
                now=now,
            )
        decided_at = received_at + timedelta(days=2)
        if decided_at < now - timedelta(days=demo_decisions.UNDECIDED_DAYS):
            to_decide.append(
                demo_decisions.ToDecide(
                    application,
                    payee,
                    caseworker=application.household.caseworker,
                    manager=registrar[unit.pk],
                    now=decided_at,
                    first=not plan.decided,
                )
            )
            plan.decided = True
    # After the month's applications: the decisions made on them (`decide_month`).
    demo_decisions.decide_month(month, to_decide)
    return applications


# Forked on Linux, so that the letters' process starts with the settings and norms loaded;
# started afresh elsewhere (forking is unsafe on macOS), where it sets Django up first.
LETTER_PROCESS_START = "fork" if sys.platform.startswith("linux") else "spawn"


@contextmanager
def _letter_maker() -> Iterator[Executor]:
    """One process beside this one for the letters' PDFs; it may not touch the database."""
    with ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context(LETTER_PROCESS_START),
        initializer=worker_start,
    ) as pool:
        yield pool


@contextmanager
def _batch() -> Iterator[None]:
    """One transaction for a batch of the services' writes, their history chained at its end.

    The services' own transactions become savepoints inside it, so a batch costs one commit
    instead of one per service call, and the audit chains are hashed once per batch
    (`audit.services.chain_appends_deferred`) with the rule every write uses."""
    with transaction.atomic(), chain_appends_deferred():
        yield


# Demo closure reasons and their weights (made up for the demo, not statistics).
DEMO_CLOSURE_REASONS = (
    ("work", 35),
    ("studies", 10),
    ("other_income", 15),
    ("moved", 15),
    ("other", 25),
)


def _work_line_and_case_file(
    *, units: list[Unit], seed: int, today: date, now: datetime, rng: random.Random
) -> None:
    """What the months of history leave to add: activities, plans, projects, the case file's
    journal and recovery claims, and the employer network (each with a random stream of its own,
    so one's change leaves the others' records as they were)."""
    generate_activities(units=units, today=today, rng=rng)
    generate_plans(units=units, today=today, rng=rng)
    demo_projects(units=units, today=today, rng=random.Random(seed + 3))  # noqa: S311
    demo_recovery(units=units, today=today, rng=random.Random(seed + 4))  # noqa: S311
    generate_journal(units=units, now=now, rng=random.Random(seed + 5))  # noqa: S311
    demo_documents(units=units, now=now, rng=random.Random(seed + 6))  # noqa: S311
    demo_appeals(units=units, today=today, rng=random.Random(seed + 7))  # noqa: S311
    demo_employers(units=units, today=today, rng=random.Random(seed + 21))  # noqa: S311
    demo_claim_mappings(units=units)
    demo_mypages(units=units, now=now, rng=random.Random(seed + 8))  # noqa: S311


def _cooperation(
    *, units: list[Unit], seed: int, today: date, now: datetime, password_hash: str
) -> dict[str, str]:
    """Partners and consents; the partner login, if made."""
    partner = demo_cooperation(
        units=units,
        today=today,
        now=now,
        rng=random.Random(seed + 15),  # noqa: S311 - demo data, not security
        password_hash=password_hash,
    )
    demo_reviews(units=units, today=today, now=now, rng=random.Random(seed + 22))  # noqa: S311
    return {partner: Role.PARTNER.value} if partner is not None else {}


def _close(
    plan: PlannedHousehold, month: Month, registrar: dict[int, User], rng: random.Random
) -> None:
    household = Household.objects.get(pk=plan.household_id)
    if household.status == "active":
        closed_on = add_working_days(month.first_day - timedelta(days=1), 0)
        reasons, weights = zip(*DEMO_CLOSURE_REASONS, strict=True)
        case_close(
            household=household,
            reason=rng.choices(reasons, weights)[0],
            closed_on=max(closed_on, household.opened_on),
            by=registrar[household.unit_id],
        )
