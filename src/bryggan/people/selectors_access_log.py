"""The unit-wide review of the access log: who read which case, with flags a manager looks for.

Lives in `people`, not in `audit`: the flags need the cases (caseworker, closure) and the persons
(protected identity), and `audit` imports no case app (tests/test_architecture.py). The log rows
themselves are read through `audit.selectors`.

Flags on each read:
- protected identity: the case has, or had, a member with protected identity
  (*skyddade personuppgifter*), or the person read has one;
- outside own caseload: a user read a case that is not assigned to them;
- many cases: the user read more than `ACCESS_LOG_BURST_CASES` distinct cases within
  `ACCESS_LOG_BURST_MINUTES` minutes, counted over all the user's reads of the unit's cases (not
  only those the filter shows);
- closed case: the case was closed on or before the day of the read.
The thresholds are settings: no law fixes them; a municipality sets its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from bryggan.audit.selectors import access_log_all
from bryggan.people.access import Purpose
from bryggan.people.models import Household, HouseholdMember, Person

REVIEW_PAGE_ROWS = 500
REVIEW_EXPORT_ROWS = 20_000


@dataclass(frozen=True)
class AccessLogFilter:
    person: Person | None = None
    user: User | None = None
    date_from: date | None = None
    date_to: date | None = None
    purpose: str = ""


# The purposes the gates write (people.access.Purpose, payments' lists, the e-service signing).
# A gate with a new purpose adds it here to make it a filter choice.
PURPOSES = [
    (Purpose.CASEWORK.value, _("Casework")),
    (Purpose.INTAKE.value, _("Intake")),
    (Purpose.AUDIT.value, _("Log review")),
    (Purpose.REGISTER_EXTRACT.value, _("Register extract")),
    ("payments", _("Payments")),
    ("e_service_signing", _("Signing in the e-service")),
    ("partner_view", _("A partner organisation's view, on consent")),
    ("search", _("Search")),  # bryggan.desk.access_search: the search and the cases it found
]
PURPOSE_LABELS = dict(PURPOSES)

# What a read was of, in words (the access log keeps the gates' codes); a code not listed shows
# as it is.
READ_OBJECTS = {
    "household": _("Case"),
    "person": _("Person"),
    "document": _("Document"),
    "journal_note": _("Journal note"),
    "journal_letter": _("The journal as PDF"),
    "case_discussion": _("Case discussion"),
    "kommunicering": _("Kommunicering"),
    "plan_version": _("Action plan"),
    "activity": _("Activity"),
    "project": _("Project"),
    "payment": _("Payment"),
    "payment_run_file": _("Payment file"),
    "access_log": _("Access log"),
    "search": _("Search"),
}


@dataclass
class ReviewedRead:
    entry: AccessLogEntry
    case_number: str = ""
    flags: list[str] = field(default_factory=list)

    @property
    def what(self) -> str:
        return str(READ_OBJECTS.get(self.entry.object_type, self.entry.object_type))

    @property
    def why(self) -> str:
        return str(PURPOSE_LABELS.get(self.entry.purpose, self.entry.purpose))


class Flag:
    PROTECTED = "protected_identity"
    OUTSIDE_CASELOAD = "outside_caseload"
    MANY_CASES = "many_cases"
    CLOSED_CASE = "closed_case"


def access_log_for_unit(unit: Unit) -> QuerySet[AccessLogEntry]:
    """Reads of the unit's cases, and reads by the unit's staff that name no case (the log)."""
    return access_log_all().filter(
        Q(case_id__in=Household.objects.filter(unit=unit).values("pk"))
        | Q(case_id__isnull=True, user__unit=unit)
    )


def access_log_filtered(unit: Unit, chosen: AccessLogFilter) -> QuerySet[AccessLogEntry]:
    entries = access_log_for_unit(unit)
    if chosen.person is not None:
        cases = HouseholdMember.objects.filter(person=chosen.person).values("household_id")
        entries = entries.filter(
            Q(case_id__in=cases) | Q(object_type="person", object_id=str(chosen.person.pk))
        )
    if chosen.user is not None:
        entries = entries.filter(user=chosen.user)
    if chosen.date_from is not None:
        entries = entries.filter(at__gte=_start_of(chosen.date_from))
    if chosen.date_to is not None:
        entries = entries.filter(at__lt=_start_of(chosen.date_to + timedelta(days=1)))
    if chosen.purpose:
        entries = entries.filter(purpose=chosen.purpose)
    return entries.order_by("-at", "-id")


def access_log_review(
    unit: Unit, chosen: AccessLogFilter, *, limit: int = REVIEW_PAGE_ROWS
) -> list[ReviewedRead]:
    """The filtered reads, newest first, at most `limit`, each with its flags. A fixed number of
    queries whatever the number of rows."""
    entries = list(access_log_filtered(unit, chosen).select_related("user")[:limit])
    case_ids = {e.case_id for e in entries if e.case_id is not None}
    person_ids = {int(e.object_id) for e in entries if e.object_type == "person" and _is_id(e)}
    cases = {
        pk: (caseworker_id, closed_on, opened_on)
        for pk, caseworker_id, closed_on, opened_on in Household.objects.filter(
            pk__in=case_ids
        ).values_list("pk", "caseworker_id", "closed_on", "opened_on")
    }
    protected_cases = set(
        HouseholdMember.objects.filter(
            household_id__in=case_ids, person__protected_identity=True
        ).values_list("household_id", flat=True)
    )
    protected_persons = {
        str(pk)
        for pk in Person.objects.filter(pk__in=person_ids, protected_identity=True).values_list(
            "pk", flat=True
        )
    }
    bursts = _burst_reads(unit, entries)
    reviewed = []
    for entry in entries:
        read = ReviewedRead(entry)
        case = cases.get(entry.case_id) if entry.case_id is not None else None
        if case is not None:
            caseworker_id, closed_on, opened_on = case
            read.case_number = f"{opened_on.year}-{entry.case_id:05d}"
            if entry.case_id in protected_cases:
                read.flags.append(Flag.PROTECTED)
            if entry.user_id is not None and entry.user_id != caseworker_id:
                read.flags.append(Flag.OUTSIDE_CASELOAD)
            if closed_on is not None and closed_on <= timezone.localdate(entry.at):
                read.flags.append(Flag.CLOSED_CASE)
        person_protected = entry.object_type == "person" and entry.object_id in protected_persons
        if person_protected and Flag.PROTECTED not in read.flags:
            read.flags.append(Flag.PROTECTED)
        if entry.pk in bursts:
            read.flags.append(Flag.MANY_CASES)
        reviewed.append(read)
    return reviewed


def _burst_reads(unit: Unit, entries: list[AccessLogEntry]) -> set[int]:
    """Ids of the shown reads at which their user had read more than the threshold of distinct
    cases within the window ending there. One query: the users' reads of the unit's cases from
    one window before the earliest shown read to the latest, streamed in time order."""
    users = {e.user_id for e in entries if e.user_id is not None}
    if not users:
        return set()
    shown = {e.pk for e in entries}
    window = timedelta(minutes=settings.ACCESS_LOG_BURST_MINUTES)
    threshold = settings.ACCESS_LOG_BURST_CASES
    rows = (
        access_log_for_unit(unit)
        .filter(
            user_id__in=users,
            case_id__isnull=False,
            at__gte=min(e.at for e in entries) - window,
            at__lte=max(e.at for e in entries),
        )
        .order_by("user_id", "at", "id")
        .values_list("id", "user_id", "at", "case_id")
    )
    flagged: set[int] = set()
    recent: dict[int, deque[tuple[datetime, int]]] = defaultdict(deque)
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    for row_id, user_id, at, case_id in rows.iterator(chunk_size=5000):
        queue, count = recent[user_id], counts[user_id]
        queue.append((at, case_id))
        count[case_id] += 1
        while queue and queue[0][0] <= at - window:
            _old_at, old_case = queue.popleft()
            count[old_case] -= 1
            if not count[old_case]:
                del count[old_case]
        if len(count) > threshold and row_id in shown:
            flagged.add(row_id)
    return flagged


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def _is_id(entry: AccessLogEntry) -> bool:
    return entry.object_id.isdigit()


def staff_of_unit(unit: Unit) -> QuerySet[User]:
    """The unit's users, for the review's choice of user."""
    return User.objects.filter(unit=unit).order_by("last_name", "first_name", "username")


def person_in_unit_find(
    unit: Unit, *, person_id: int | None, identity_number: str
) -> Person | None:
    """A person who is or was a member of one of the unit's cases, by id or personnummer."""
    persons = Person.objects.filter(memberships__household__unit=unit).distinct()
    if person_id is not None:
        return persons.filter(pk=person_id).first()
    return persons.filter(identity_number=identity_number).first()
