"""Registering an application: household, caseworker under the cap, first meeting, history —
all in one transaction."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.audit.services import change_record_write
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.intake import rules
from bryggan.intake.models import Application, Channel, FirstMeeting, MeetingStatus
from bryggan.people.models import HouseholdMember, HouseholdStatus, MemberRole
from bryggan.people.selectors import active_caseloads
from bryggan.people.services import (
    PersonInput,
    current_household_of,
    household_assign_caseworker,
    household_open,
    household_reopen,
    household_version_advance,
    person_upsert,
)

APPLICATION_EXISTS = _("The household has already applied for this month.")
OTHER_UNIT = _("The applicant's current case belongs to another unit.")
NO_CASEWORKER = _("The unit has no caseworker to assign.")
OVER_CAP = _(
    "{name} would have {load} active cases, over the unit's cap of {cap}. "
    "Confirm to assign anyway, or choose another caseworker."
)
ALL_AT_CAP = _(
    "Every caseworker of the unit has reached the cap of {cap} active cases. "
    "Confirm to assign to the least loaded anyway."
)
NOT_A_CASEWORKER = _("The chosen user is not a caseworker of this unit.")
MEETING_NOT_BOOKED = _("Only a booked meeting can be marked.")
MEETING_NOT_STARTED = _("A meeting can be marked only once its time has come.")
APPLICANT_IS_CHILD = _(
    "The applicant is registered as a child in another household's case: that membership must "
    "end before the applicant applies in a household of their own."
)


def _is_child_member(person: object, household: object) -> bool:
    return HouseholdMember.objects.filter(
        person=person, household=household, valid_to__isnull=True, role=MemberRole.CHILD
    ).exists()


class CaseloadCapWarning(DomainError):
    """Raised when an assignment would pass the cap and was not confirmed."""


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _choose_caseworker(*, unit: Unit, chosen: User | None, allow_over_cap: bool) -> User:
    loads = active_caseloads(unit)
    if not loads:
        raise DomainError(NO_CASEWORKER)
    if chosen is not None:
        if chosen.pk not in loads:
            raise DomainError(NOT_A_CASEWORKER, field="caseworker")
        load = loads[chosen.pk]
        if rules.would_exceed_cap(load, cap=unit.caseload_cap) and not allow_over_cap:
            raise CaseloadCapWarning(
                OVER_CAP.format(name=chosen.get_full_name(), load=load + 1, cap=unit.caseload_cap),
                field="caseworker",
            )
        return chosen
    picked = rules.pick_caseworker(loads, cap=unit.caseload_cap)
    if picked is None:
        if not allow_over_cap:
            raise CaseloadCapWarning(ALL_AT_CAP.format(cap=unit.caseload_cap), field="caseworker")
        picked = min((load, user_id) for user_id, load in loads.items())[1]
    return User.objects.get(pk=picked)


def _book_first_meeting(
    *, application: Application, caseworker: User, now: datetime
) -> FirstMeeting:
    unit = application.household.unit
    # A late-registered application (by mail, say) is booked from now, never in the past; the
    # deadline still counts from receipt, so such a meeting shows as late.
    received_at = max(application.received_at, now)
    horizon_end = received_at + timedelta(days=31)
    coaches = list(
        User.objects.filter(unit=unit, role=Role.WORK_COACH, is_active=True).values_list(
            "pk", flat=True
        )
    )
    busy_rows = FirstMeeting.objects.filter(
        starts_at__gte=received_at, starts_at__lte=horizon_end, status=MeetingStatus.BOOKED
    ).values_list("caseworker_id", "work_coach_id", "starts_at")
    busy: set[tuple[int, datetime]] = set()
    coach_load = dict.fromkeys(coaches, 0)
    for caseworker_id, coach_id, starts_at in busy_rows:
        local = starts_at.astimezone(_tz())
        busy.add((caseworker_id, local))
        if coach_id is not None:
            busy.add((coach_id, local))
            if coach_id in coach_load:
                coach_load[coach_id] += 1
    ordered_coaches = sorted(coaches, key=lambda pk: (coach_load[pk], pk))
    starts_at, coach_id = rules.choose_meeting(
        received_at, tz=_tz(), caseworker_id=caseworker.pk, coach_ids=ordered_coaches, busy=busy
    )
    return FirstMeeting.objects.create(
        application=application,
        starts_at=starts_at,
        deadline=rules.first_meeting_deadline(application.received_at.astimezone(_tz()).date()),
        caseworker=caseworker,
        work_coach_id=coach_id,
    )


@transaction.atomic
def application_register(
    *,
    unit: Unit,
    registered_by: User,
    received_at: datetime,
    channel: Channel,
    month: Month,
    applicant: PersonInput,
    co_applicant: PersonInput | None = None,
    children: list[PersonInput] | None = None,
    caseworker: User | None = None,
    allow_over_cap: bool = False,
    now: datetime,
) -> Application:
    """Register one household's application for one month and book its first meeting."""
    received_on = received_at.astimezone(_tz()).date()
    rules.check_received_at(received_at, now=now)
    rules.check_month_applied_for(month, received_on=received_on)
    applicant_person = person_upsert(data=applicant)
    household = current_household_of(applicant_person)
    if household is not None:
        # The applicant's names and address may have changed above: a household edit read
        # before this must not overwrite them unseen (core/locking.py).
        household_version_advance(household=household)
    if household is not None and _is_child_member(applicant_person, household):
        raise DomainError(APPLICANT_IS_CHILD, field="applicant_identity")
    if household is not None and household.unit_id != unit.pk:
        raise DomainError(OTHER_UNIT, field="applicant_identity")
    if household is None:
        assigned = _choose_caseworker(unit=unit, chosen=caseworker, allow_over_cap=allow_over_cap)
        household = household_open(
            unit=unit,
            applicant=applicant,
            co_applicant=co_applicant,
            children=children or [],
            caseworker=assigned,
            opened_on=received_on,
            by=registered_by,
        )
    elif household.status == HouseholdStatus.ACTIVE and (
        household.caseworker is None or not household.caseworker.is_active
    ):
        household_assign_caseworker(
            household=household,
            caseworker=_choose_caseworker(
                unit=unit, chosen=caseworker, allow_over_cap=allow_over_cap
            ),
            by=registered_by,
        )
    elif household.status == HouseholdStatus.CLOSED:
        household_reopen(
            household=household,
            caseworker=_choose_caseworker(
                unit=unit, chosen=caseworker, allow_over_cap=allow_over_cap
            ),
            on=received_on,
            by=registered_by,
        )
    track = rules.track_for(applicant.identity.birth_date, received_on=received_on)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                household=household,
                month=str(month),
                received_at=received_at,
                channel=channel,
                track=track.value,
                registered_by=registered_by,
            )
    except IntegrityError as error:
        raise DomainError(APPLICATION_EXISTS, field="month") from error
    assert household.caseworker is not None  # noqa: S101 - assigned above
    meeting = None
    if rules.starts_new_spell(
        month, previous_months=set(household.applications.values_list("month", flat=True))
    ):
        meeting = _book_first_meeting(
            application=application, caseworker=household.caseworker, now=now
        )
    change_record_write(
        user=registered_by,
        case_id=household.pk,
        object_type="application",
        object_id=application.pk,
        action="registered",
        changes={
            "month": str(month),
            "channel": channel,
            "track": track.value,
            "received_at": received_at.isoformat(),
            "first_meeting": meeting.starts_at.isoformat() if meeting else None,
            "deadline": meeting.deadline.isoformat() if meeting else None,
        },
    )
    return application


@transaction.atomic
def first_meeting_mark(
    *, meeting: FirstMeeting, status: MeetingStatus, by: User, now: datetime
) -> FirstMeeting:
    """Record that a booked first meeting was held or that the applicant did not come."""
    if meeting.status != MeetingStatus.BOOKED:
        raise DomainError(MEETING_NOT_BOOKED)
    if now < meeting.starts_at:
        raise DomainError(MEETING_NOT_STARTED)
    meeting.status = status
    meeting.save(update_fields=["status", "updated_at"])
    change_record_write(
        user=by,
        case_id=meeting.application.household_id,
        object_type="first_meeting",
        object_id=meeting.pk,
        action=f"marked_{status}",
        changes={"status": status},
    )
    return meeting
