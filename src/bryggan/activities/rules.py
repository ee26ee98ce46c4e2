"""Rules of the work line: capacity, the activity's schedule, referral steps, the passive list.

Pure: values in, values out; "today" is a parameter.

Sources: socialtjänstlagen (2001:453) 4 kap. 1 § second paragraph (a person able to work stands at
the labour market's disposal) and 4 kap. 4 § (work practice or other competence-raising activity
may be required); from 1 July 2025 socialtjänstlagen (2025:400) 12 kap. 3–4 §§. Practice: nobody
passive, activities by capacity (Fagersta, Borås, in *Att bryta mönster*, SKL 2013).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from bryggan.core.errors import DomainError
from bryggan.core.month import Month

ACTIVITY_FULL = _(
    "The activity is full: {taken} of {capacity} places are taken by current referrals."
)
DATE_OUTSIDE_ACTIVITY = _("{day} lies outside the activity, which runs {starts} to {ends}.")
DAY_NOT_SCHEDULED = _("{day} is a {weekday}, a weekday on which the activity does not meet.")
DATE_IN_FUTURE = _("Attendance cannot be registered for a day that has not come yet.")
NOT_PARTICIPATING = _("{name} did not take part in the activity on {day}.")
STEP_NOT_ALLOWED = _("A referral that is {current} cannot be marked {target}.")
DATE_BEFORE_PREVIOUS_STEP = _("The date cannot be before the referral's previous step ({day}).")
ACTIVITY_ENDED = _("The activity ended on {ends}: no new referrals.")
ENDS_BEFORE_STARTS = _("The activity cannot end before it starts.")
NO_WEEKDAYS = _("Choose at least one weekday.")
CAPACITY_TOO_SMALL = _("The capacity must be at least one place.")
REASON_REQUIRED = _("Give the acceptable reason why the person cannot take part.")
REASON_ONLY_WHEN_UNABLE = _("A reason is given only when the person cannot take part.")
NOTE_REQUIRED_FOR_OTHER = _("Describe the other reason in the note.")
OUTCOME_REQUIRED = _("Give the outcome when a referral ends.")

WEEKDAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


class ReferralState(StrEnum):
    REFERRED = "referred"
    ACCEPTED = "accepted"
    STARTED = "started"
    ENDED = "ended"


# How a state reads inside a sentence ("A referral that is {current} cannot be marked {target}").
STATE_NAMES = {
    ReferralState.REFERRED: _("referred"),
    ReferralState.ACCEPTED: _("accepted"),
    ReferralState.STARTED: _("started"),
    ReferralState.ENDED: _("ended"),
}


class AttendanceMark(StrEnum):
    PRESENT = "present"
    VALID_ABSENCE = "valid_absence"
    UNEXCUSED_ABSENCE = "unexcused_absence"


# A referral holds a place from the moment it is sent until it ends.
CURRENT_STATES = frozenset({ReferralState.REFERRED, ReferralState.ACCEPTED, ReferralState.STARTED})
NEXT_STATE = {
    ReferralState.REFERRED: ReferralState.ACCEPTED,
    ReferralState.ACCEPTED: ReferralState.STARTED,
}


def parse_weekdays(text: str) -> frozenset[int]:
    """The stored schedule "024" (Monday = 0) as a set of weekday numbers."""
    return frozenset(int(ch) for ch in text if ch.isdigit())


def format_weekdays(days: Iterable[int]) -> str:
    return "".join(str(day) for day in sorted(set(days)))


def check_activity(*, capacity: int, starts_on: date, ends_on: date, weekdays: str) -> None:
    """An activity has room for someone, a schedule, and does not end before it starts."""
    if capacity < 1:
        raise DomainError(CAPACITY_TOO_SMALL, field="capacity")
    if ends_on < starts_on:
        raise DomainError(ENDS_BEFORE_STARTS, field="ends_on")
    if not parse_weekdays(weekdays):
        raise DomainError(NO_WEEKDAYS, field="weekdays")


def has_room(*, capacity: int, current_referrals: int) -> bool:
    """True while the current referrals (referred, accepted or started) leave a place free."""
    return current_referrals < capacity


def check_capacity(*, capacity: int, current_referrals: int) -> None:
    """A referral beyond the activity's capacity is refused.

    Source: SoL (2001:453) 4 kap. 4 § and SoL (2025:400) 12 kap. 4 §: the activity the client is
    referred to must exist; a place that is not there cannot be required of anyone.
    """
    if not has_room(capacity=capacity, current_referrals=current_referrals):
        raise DomainError(
            ACTIVITY_FULL.format(taken=current_referrals, capacity=capacity), field="activity"
        )


def check_open_for_referral(*, referred_on: date, ends_on: date) -> None:
    if referred_on > ends_on:
        raise DomainError(ACTIVITY_ENDED.format(ends=ends_on.isoformat()), field="activity")


def is_scheduled(day: date, *, starts_on: date, ends_on: date, weekdays: frozenset[int]) -> bool:
    """True when the activity meets on `day`: within its dates and on one of its weekdays."""
    return starts_on <= day <= ends_on and day.weekday() in weekdays


def check_attendance_day(
    day: date, *, starts_on: date, ends_on: date, weekdays: frozenset[int], today: date
) -> None:
    """Attendance is registered only for a day the activity met, and not ahead of time.

    Source: SoL (2001:453) 4 kap. 4 § and 5 § (attendance is the basis for continued assistance);
    SoL (2025:400) 12 kap. 3–4 §§.
    """
    if day > today:
        raise DomainError(DATE_IN_FUTURE, field="day")
    if not starts_on <= day <= ends_on:
        raise DomainError(
            DATE_OUTSIDE_ACTIVITY.format(
                day=day.isoformat(), starts=starts_on.isoformat(), ends=ends_on.isoformat()
            ),
            field="day",
        )
    if day.weekday() not in weekdays:
        raise DomainError(
            DAY_NOT_SCHEDULED.format(
                day=day.isoformat(), weekday=str(WEEKDAY_NAMES[day.weekday()]).lower()
            ),
            field="day",
        )


def takes_part_on(day: date, *, started_on: date | None, ended_on: date | None) -> bool:
    """True when a started referral covers `day` (from its start to its end, if any)."""
    return started_on is not None and started_on <= day and (ended_on is None or day <= ended_on)


def check_step(current: ReferralState, target: ReferralState) -> None:
    """Referred → accepted → started; a current referral may end at any step (interrupted)."""
    allowed = (target == ReferralState.ENDED and current in CURRENT_STATES) or NEXT_STATE.get(
        current
    ) == target
    if not allowed:
        raise DomainError(
            STEP_NOT_ALLOWED.format(current=STATE_NAMES[current], target=STATE_NAMES[target])
        )


def check_step_date(on: date, *, previous: date) -> None:
    if on < previous:
        raise DomainError(DATE_BEFORE_PREVIOUS_STEP.format(day=previous.isoformat()), field="on")


def check_ability(*, able: bool, reason: str, note: str) -> None:
    """Not taking part needs an acceptable reason (*godtagbart skäl*); taking part needs none.

    Source: SoL (2001:453) 4 kap. 1 § second paragraph and 4 kap. 4 §; SoL (2025:400) 12 kap.
    3 §: the duty to stand at the labour market's disposal gives way to acceptable reasons such
    as illness or the care of a small child.
    """
    if not able and not reason:
        raise DomainError(REASON_REQUIRED, field="reason")
    if able and reason:
        raise DomainError(REASON_ONLY_WHEN_UNABLE, field="reason")
    if reason == "other" and not note.strip():
        raise DomainError(NOTE_REQUIRED_FOR_OTHER, field="note")


def is_passive(*, able_to_participate: bool, has_current_referral: bool) -> bool:
    """Able to take part but in no current activity.

    Source: SoL (2001:453) 4 kap. 1 § second paragraph; SoL (2025:400) 12 kap. 3 §.
    """
    return able_to_participate and not has_current_referral


def passive_since(*, case_opened_on: date, last_referral_ended_on: date | None) -> date:
    """Passive from the later of the case's opening and the end of the last referral."""
    if last_referral_ended_on is None:
        return case_opened_on
    return max(case_opened_on, last_referral_ended_on)


def passive_days(since: date, *, today: date) -> int:
    """Whole days passive up to `today` (0 on the day itself, never negative)."""
    return max(0, (today - since).days)


# --- changing and ending an activity -------------------------------------------------------------

FEWER_PLACES_THAN_PARTICIPANTS = _(
    "The activity has {current} current referrals: it needs at least {current} places."
)
PERIOD_LEAVES_OUT_ATTENDANCE = _(
    "Attendance is registered for {day}: the activity's period must include that day."
)
PERIOD_LEAVES_OUT_START = _(
    "A participant started on {day}: the activity cannot start after that day."
)
END_BEFORE_ATTENDANCE = _(
    "Attendance is registered up to {day}: the activity cannot end before that day."
)
END_AFTER_PLANNED_END = _(
    "The activity is planned to end on {ends}: ending early is on that day or before it."
)
END_BEFORE_REFERRAL_STEP = _(
    "{name}'s referral was last updated on {day}: the activity cannot end before that day."
)
EARLIER_END_WITH_CURRENT_REFERRALS = _(
    "The activity has {current} current referrals: to end it before {ends}, use “End early”, "
    "which ends them with an outcome."
)
END_BEFORE_REFERRAL_ENDED = _(
    "A referral to the activity ended on {day}: the activity cannot end before that day."
)
WEEKDAY_WITH_ATTENDANCE = _(
    "Attendance is registered for {day}, a {weekday}: keep that weekday, or the attendance "
    "could no longer be corrected."
)
END_EARLY_IN_FUTURE = _(
    "An activity is ended early on today or an earlier day: its current referrals end at once, "
    "and their clients would count as passive while the activity still runs."
)


@dataclass(frozen=True)
class ActivityRecord:
    """What has happened in an activity, which a change or an early end must keep.

    `attended_weekdays` maps each weekday (Monday = 0) with registered attendance to its latest
    such day; `last_step` is the latest step (referred, accepted, started) of a current referral;
    `last_referral_end` the latest end of an ended one.
    """

    current_referrals: int = 0
    first_attendance: date | None = None
    last_attendance: date | None = None
    attended_weekdays: Mapping[int, date] = field(default_factory=dict)
    first_start: date | None = None
    last_step: date | None = None
    last_referral_end: date | None = None


def _weekday_name(day: date) -> str:
    return str(WEEKDAY_NAMES[day.weekday()]).lower()


def check_activity_change(
    *,
    capacity: int,
    starts_on: date,
    ends_on: date,
    weekdays: str,
    planned_ends_on: date,
    record: ActivityRecord,
) -> None:
    """A changed activity still holds what has happened in it: a place for every current
    referral, every day with registered attendance (its date and its weekday, so that the
    attendance can still be corrected), every participant's start and every referral's end.
    While referrals are current the planned end may move later but not earlier: ending earlier
    is "End early" (`check_end_early`), which ends the referrals with an outcome.

    Source: as `check_capacity` (SoL (2001:453) 4 kap. 4 §; SoL (2025:400) 12 kap. 4 §): a place
    that is required of a client must exist; attendance is the record the sanction rests on
    (4 kap. 5 §), so the period may not leave a registered day outside it.
    """
    check_activity(capacity=capacity, starts_on=starts_on, ends_on=ends_on, weekdays=weekdays)
    if capacity < record.current_referrals:
        raise DomainError(
            FEWER_PLACES_THAN_PARTICIPANTS.format(current=record.current_referrals),
            field="capacity",
        )
    if record.first_attendance is not None and starts_on > record.first_attendance:
        raise DomainError(
            PERIOD_LEAVES_OUT_ATTENDANCE.format(day=record.first_attendance.isoformat()),
            field="starts_on",
        )
    if record.first_start is not None and starts_on > record.first_start:
        raise DomainError(
            PERIOD_LEAVES_OUT_START.format(day=record.first_start.isoformat()), field="starts_on"
        )
    if record.current_referrals and ends_on < planned_ends_on:
        raise DomainError(
            EARLIER_END_WITH_CURRENT_REFERRALS.format(
                current=record.current_referrals, ends=planned_ends_on.isoformat()
            ),
            field="ends_on",
        )
    if record.last_attendance is not None and ends_on < record.last_attendance:
        raise DomainError(
            PERIOD_LEAVES_OUT_ATTENDANCE.format(day=record.last_attendance.isoformat()),
            field="ends_on",
        )
    if record.last_referral_end is not None and ends_on < record.last_referral_end:
        raise DomainError(
            END_BEFORE_REFERRAL_ENDED.format(day=record.last_referral_end.isoformat()),
            field="ends_on",
        )
    kept = parse_weekdays(weekdays)
    for weekday, day in sorted(record.attended_weekdays.items()):
        if weekday not in kept:
            raise DomainError(
                WEEKDAY_WITH_ATTENDANCE.format(day=day.isoformat(), weekday=_weekday_name(day)),
                field="weekdays",
            )


def earliest_early_end(*, starts_on: date, record: ActivityRecord) -> date:
    """The first day the activity can end early on: its start, its last registered attendance,
    its current referrals' latest step and its ended referrals' latest end, whichever is last."""
    days = [record.last_attendance, record.last_step, record.last_referral_end]
    return max([starts_on, *(day for day in days if day is not None)])


def check_end_early(
    on: date, *, starts_on: date, ends_on: date, record: ActivityRecord, today: date
) -> None:
    """An activity ends early on a day no earlier than its start, its last registered attendance
    and its referrals' latest end, no later than its planned end, and not ahead of time: its
    current referrals end at once, so a later day would make their clients passive while the
    activity still runs. (A current referral's latest step is checked by the service, which
    names the client.)"""
    if on < starts_on:
        raise DomainError(ENDS_BEFORE_STARTS, field="on")
    if on > ends_on:
        raise DomainError(END_AFTER_PLANNED_END.format(ends=ends_on.isoformat()), field="on")
    if on > today:
        raise DomainError(END_EARLY_IN_FUTURE, field="on")
    if record.last_attendance is not None and on < record.last_attendance:
        raise DomainError(
            END_BEFORE_ATTENDANCE.format(day=record.last_attendance.isoformat()), field="on"
        )
    if record.last_referral_end is not None and on < record.last_referral_end:
        raise DomainError(
            END_BEFORE_REFERRAL_ENDED.format(day=record.last_referral_end.isoformat()), field="on"
        )


# --- sanctions ------------------------------------------------------------------------------------
#
# Source: SoL (2001:453) 4 kap. 5 §: who without an acceptable reason declines work practice or
# another competence-raising activity (4 kap. 4 §) may be refused further försörjningsstöd or have
# it reduced; from 1 July 2025 SoL (2025:400) 12 kap. 5 § (activity assigned under 12 kap. 4 §),
# cited from norms/data/legal_references.toml.
# The reduction is the committee's decision like any other: reasons (FL 32 §), appeal instructions
# (FL 33 §), and a manager other than the assessor approves it (the unit's four-eyes practice,
# *Krav–Kontroll–Sanktioner*).

NO_UNEXCUSED_ABSENCE = _(
    "A sanction needs a preceding unexcused absence: none of the chosen occasions is one."
)
ABSENCES_IN_DIFFERENT_MONTHS = _("The absences of one proposal lie in one calendar month.")
ALREADY_ASSESSED = _("The proposal has already been assessed.")
NOT_AWAITING_APPROVAL = _("Only a proposal assessed as a reduction awaits approval.")
OWN_ASSESSMENT = _("You assessed this proposal: another manager approves it.")
REASONS_REQUIRED = _("Write the reasons for the assessment.")
AMOUNT_REQUIRED = _("Give the reduction in kronor.")
AMOUNT_ABOVE_LIMIT = _(
    "The reduction cannot exceed {limit} kr, the person's own part of the riksnorm for {month}."
)
NO_AMOUNT_WITH_VALID_REASON = _("With a valid reason there is no reduction.")
NOTE_REQUIRED_TO_REJECT = _("Write why the reduction is not approved.")


class SanctionState(StrEnum):
    PROPOSED = "proposed"
    DISMISSED = "dismissed"
    ASSESSED = "assessed"
    DECIDED = "decided"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


def month_to_reduce(absence_day: date) -> Month:
    """The month after the absence: the month whose assistance may be reduced."""
    return Month.of(absence_day).plus(1)


def check_absences(marks: Iterable[str], days: Iterable[date]) -> None:
    """A proposal rests on at least one unexcused absence, all within one month."""
    given = list(marks)
    if not given or any(mark != AttendanceMark.UNEXCUSED_ABSENCE for mark in given):
        raise DomainError(NO_UNEXCUSED_ABSENCE, field="absences")
    if len({Month.of(day) for day in days}) > 1:
        raise DomainError(ABSENCES_IN_DIFFERENT_MONTHS, field="absences")


def own_riksnorm_part(*, single_adult: int, cohabiting_adults: int, cohabiting: bool) -> int:
    """The person's own personal costs in the riksnorm: the legal ceiling of a reduction.

    A sambo's own part is half the sambor's joint amount (rounded down). Children's parts, the
    common household costs and reasonable costs (housing…) are never reduced.
    Source: SoF (2001:937) 2 kap. 1 § (the personal costs per adult); the limit itself as issue #5
    states the practice (Socialstyrelsen's handbook *Ekonomiskt bistånd*; not verified here).
    """
    return cohabiting_adults // 2 if cohabiting else single_adult


def proposed_reduction(
    *, limit: int, percent_per_absence: int, max_percent: int, absences: int
) -> int:
    """The unit's rule applied: a share of the own riksnorm part per absence, up to its cap."""
    percent = min(percent_per_absence * absences, max_percent, 100)
    return limit * percent // 100


def check_can_assess(state: SanctionState) -> None:
    if state != SanctionState.PROPOSED:
        raise DomainError(ALREADY_ASSESSED)


def check_assessment(
    *, valid_reason: bool, reasons: str, amount: int | None, limit: int | None, month: str
) -> None:
    """Reasons always; a reduction above zero and within the legal limit unless a valid reason."""
    if not reasons.strip():
        raise DomainError(REASONS_REQUIRED, field="reasons")
    if valid_reason:
        if amount:
            raise DomainError(NO_AMOUNT_WITH_VALID_REASON, field="amount")
        return
    if not amount or amount < 1:
        raise DomainError(AMOUNT_REQUIRED, field="amount")
    if limit is not None and amount > limit:
        raise DomainError(AMOUNT_ABOVE_LIMIT.format(limit=limit, month=month), field="amount")


def check_can_approve(*, state: SanctionState, assessed_by: int | None, by: int) -> None:
    if state != SanctionState.ASSESSED:
        raise DomainError(NOT_AWAITING_APPROVAL)
    if assessed_by == by:
        raise DomainError(OWN_ASSESSMENT)


# --- reconsideration of a decided reduction (*omprövning*) ---------------------------------------
#
# Source: förvaltningslagen (2017:900), checked 2026-11-24 against two answers of lawline.se (a
# secondary source; the statute's own wording was not read here):
# - 37 §: an authority may change a decision it finds incorrect, e.g. because of new
#   circumstances; its second paragraph limits changing a decision that is *favourable* to the
#   individual to their detriment. A reduction is burdensome, so 37 § 2nd para is not what stops
#   raising it here.
#   https://lawline.se/answers/vad-ar-skillnaden-mellan-att-en-myndighet-far-respektive-ska-andra-ett-beslut
# - 38 §: it shall change a decision that is obviously incorrect in an essential respect (p. 1)
#   when the change is not to the detriment of an individual party (p. 2). The "quickly and
#   simply" condition is stated by the second answer and was old FL (1986:223) 27 §'s
#   (Skatteverket's rättslig vägledning); not verified in the 2017 text.
# - 39 §: once the decision has been appealed, the authority may still change it under 38 §
#   only until it has sent the appeal documents on to the court (the answer cites 38 and 39 §§
#   together; Bryggan does not record when an appeal is sent on: the manager checks that):
#   https://lawline.se/answers/kan-en-myndighet-andra-ett-betungande-beslut-efter-det-att-beslutet-overklagats-till-forvaltningsdomstol-
# - Any other paragraph on appeals and reconsideration (the brief's "45 §?"): UNVERIFIED, not used.
# HFD 2021:12 (lagen.nu) states the same principle: a decision is not changed to the individual's
# detriment. A reduction is a burdensome decision: revoking or lowering it is in the client's
# favour, and 38 § obliges such a change when the decision is obviously incorrect. Product rule
# (not a reading of the law): a reconsideration in Bryggan only changes the reduction in the
# client's favour; a higher reduction needs a new assessment (a new proposal), so raising is
# refused here.

NOT_DECIDED_YET = _(
    "Only a decided reduction can be reconsidered: this proposal has not been decided."
)
ALREADY_REVOKED = _("The reduction has already been revoked: there is nothing left to reconsider.")
RECONSIDERATION_REASONS_REQUIRED = _("Write the reasons for the reconsideration.")
NEW_AMOUNT_REQUIRED = _("Give the new, lower reduction in kronor, or revoke the reduction.")
RAISING_REFUSED = _(
    "A reconsideration here only changes the reduction in the client's favour, so it cannot be "
    "raised above the {current} kr in force. A higher reduction needs a new assessment. "
    "(Förvaltningslagen 38 §: a decision is changed when the change is not to the client's "
    "detriment.)"
)
NOT_LOWER = _(
    "The new reduction must be lower than the {current} kr decided; to remove it, revoke it."
)
NO_AMOUNT_WHEN_REVOKED = _("A revoked reduction has no amount: leave the field empty.")


class ReconsiderationResult(StrEnum):
    REVOKED = "revoked"
    LOWERED = "lowered"


def check_can_reconsider(*, state: SanctionState, revoked: bool) -> None:
    """A reduction is reconsidered once it is decided, and until it has been revoked."""
    if state != SanctionState.DECIDED:
        raise DomainError(NOT_DECIDED_YET)
    if revoked:
        raise DomainError(ALREADY_REVOKED)


def check_reconsideration(
    *, result: ReconsiderationResult, current: int, amount: int | None, reasons: str
) -> None:
    """Reasons always (FL 32 §); revoked: no amount; lowered: above zero and below `current`,
    the reduction in force now (never raised: a reconsideration here only goes the client's
    way, as FL 38 § obliges; a higher reduction is a new assessment)."""
    if not reasons.strip():
        raise DomainError(RECONSIDERATION_REASONS_REQUIRED, field="reasons")
    if result == ReconsiderationResult.REVOKED:
        if amount:
            raise DomainError(NO_AMOUNT_WHEN_REVOKED, field="amount")
        return
    if not amount or amount < 1:
        raise DomainError(NEW_AMOUNT_REQUIRED, field="amount")
    if amount > current:
        raise DomainError(RAISING_REFUSED.format(current=current), field="amount")
    if amount == current:
        raise DomainError(NOT_LOWER.format(current=current), field="amount")


def reduction_in_force(
    decided: int, reconsiderations: Iterable[tuple[ReconsiderationResult, int | None]]
) -> int:
    """The reduction the latest decision leaves: the decided amount, replaced by each
    reconsideration in turn (oldest first); 0 once revoked."""
    amount = decided
    for result, new_amount in reconsiderations:
        amount = 0 if result == ReconsiderationResult.REVOKED else (new_amount or 0)
    return amount
