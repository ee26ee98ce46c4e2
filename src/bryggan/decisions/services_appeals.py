"""Appeals (*överklagande*): register one against any decision of the case, dismiss it when late,
reconsider the decision, forward the appeal to the court with a statement, record the judgment.

Each service is one transaction with its history row. Sources: förvaltningslagen (2017:900)
37–39 §§ and 44 §; förvaltningsprocesslagen (1971:291) 6 b § (see rules_appeals.py).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write
from bryggan.casefile.selectors_documents import documents_for_household
from bryggan.casefile.services_documents import letter_store, stored_files_removed_on_failure
from bryggan.core.errors import DomainError
from bryggan.decisions.letters_appeals import (
    dismissal_file_name,
    dismissal_letter_pdf,
    forwarding_file_name,
    forwarding_pdf,
)
from bryggan.decisions.models import (
    Appeal,
    AppealJudgment,
    AppealReconsideration,
    AppealStatus,
    Decision,
)
from bryggan.decisions.rules_appeals import Timeliness, appeal_date_problem, forward_by
from bryggan.decisions.selectors_appeals import (
    Appealed,
    AppealedKind,
    appeal_exists,
    appeal_locked,
    appealed_of,
    court_of,
    forward_within_days,
    new_decisions_for,
    time_check_of,
)
from bryggan.people.models import Household

BEFORE_DECISION = _("The appeal cannot have come in before the decision was made.")
IN_THE_FUTURE = _("The date lies in the future.")
ALREADY_REGISTERED = _("An appeal of this decision that came in on this day is already registered.")
COURT_BEFORE_DECISION = _("The appeal cannot have reached the court before the decision was made.")
OTHER_CASE = _("The decision belongs to another case.")
NOT_REGISTERED = _("Only an appeal not yet reconsidered, dismissed or forwarded can be handled so.")
NOT_LATE = _("Only an appeal found late without excuse is dismissed.")
CANNOT_FORWARD_DISMISSED = _("A dismissed appeal is not forwarded to the court.")
CANNOT_FORWARD_LATE = _("A late appeal without excuse is dismissed, not forwarded.")
RECONSIDER_FIRST = _("Reconsider the decision before forwarding the appeal.")
ALREADY_FORWARDED = _("The appeal is already forwarded.")
NOT_FORWARDED = _("A judgment can be recorded only on an appeal forwarded to the court.")
ALREADY_JUDGED = _("The judgment is already recorded.")
JUDGMENT_BEFORE_FORWARDING = _("The judgment cannot be given before the appeal was forwarded.")
NEW_DECISION_NOT_CORRECTING = _("The new decision must be a signed decision correcting this one.")
FORWARDED_BEFORE_APPEAL = _("The appeal cannot be forwarded before it came in.")
REASONS_NEEDED = _("Give the reasons.")
STATEMENT_NEEDED = _("Write the statement to the court.")

DATE_PROBLEMS = {"before_decision": BEFORE_DECISION, "in_the_future": IN_THE_FUTURE}

# The kinds of letter an appeal stores (`casefile.Document.letter_for_type`).
LETTER_FOR_DISMISSAL = "appeal_dismissal"
LETTER_FOR_FORWARDING = "appeal_forwarding"


@transaction.atomic
def appeal_register(
    *,
    household: Household,
    appealed: Appealed,
    received_on: date,
    claims: str,
    incorrect_instructions: bool,
    reached_court_on: date | None,
    today: date,
    by: User,
) -> Appeal:
    """Register an appeal that came in on `received_on` against a decided decision of the case.
    The unit's forwarding target is fixed now, from the day it came in."""
    if appealed.household_id != household.pk:
        raise DomainError(OTHER_CASE, field="appealed")
    problem = appeal_date_problem(
        decided_on=appealed.decided_on, appeal_received_on=received_on, today=today
    )
    if problem is not None:
        raise DomainError(DATE_PROBLEMS[problem], field="received_on")
    if reached_court_on is not None:
        court_problem = appeal_date_problem(
            decided_on=appealed.decided_on, appeal_received_on=reached_court_on, today=today
        )
        if court_problem is not None:
            message = COURT_BEFORE_DECISION if court_problem == "before_decision" else IN_THE_FUTURE
            raise DomainError(message, field="reached_court_on")
    if not claims.strip():
        raise DomainError(REASONS_NEEDED, field="claims")
    if appeal_exists(appealed, received_on):
        raise DomainError(ALREADY_REGISTERED, field="received_on")
    reference = {
        AppealedKind.DECISION: "decision_id",
        AppealedKind.SANCTION: "sanction_id",
        AppealedKind.RECOVERY: "recovery_decision_id",
    }[appealed.kind]
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                household=household,
                received_on=received_on,
                claims=claims,
                incorrect_instructions=incorrect_instructions,
                reached_court_on=reached_court_on,
                registered_by=by,
                court=court_of(household.unit_id),
                forward_target=forward_by(
                    appeal_received_on=received_on,
                    within_days=forward_within_days(household.unit_id),
                ),
                **{reference: appealed.pk},
            )
    except IntegrityError as error:  # a registration at the same moment
        raise DomainError(ALREADY_REGISTERED, field="received_on") from error
    check = time_check_of(appeal)
    change_record_write(
        user=by,
        case_id=appeal.household_id,
        object_type="appeal",
        object_id=appeal.pk,
        action="registered",
        changes={
            "against": appealed.key,
            "received_on": received_on.isoformat(),
            "incorrect_instructions": incorrect_instructions,
            "reached_court_on": reached_court_on.isoformat() if reached_court_on else None,
            "timeliness": check.timeliness.value,
        },
    )
    return appeal


def appeal_dismiss(*, appeal: Appeal, reasons: str, by: User, now: datetime) -> Appeal:
    """Dismiss a late appeal by a decision of its own, its letter made and stored now (FPL 6 b §
    first paragraph). Refused when the appeal is on time, excused or cannot be checked."""
    with stored_files_removed_on_failure(), transaction.atomic():
        locked = appeal_locked(appeal.pk)
        if locked.status != AppealStatus.REGISTERED:
            raise DomainError(NOT_REGISTERED)
        check = time_check_of(locked)
        if not check.may_be_dismissed:
            raise DomainError(NOT_LATE)
        if not reasons.strip():
            raise DomainError(REASONS_NEEDED, field="reasons")
        Appeal.objects.filter(pk=locked.pk).update(
            status=AppealStatus.DISMISSED,
            dismissal_reasons=reasons,
            dismissed_by=by,
            dismissed_at=now,
        )
        locked.refresh_from_db()
        appealed = appealed_of(locked)
        change_record_write(
            user=by,
            case_id=locked.household_id,
            object_type="appeal",
            object_id=locked.pk,
            action="dismissed",
            changes={"last_day": check.last_day.isoformat() if check.last_day else None},
        )
        unit_name = locked.household.unit.name
        letter_store(
            household=locked.household,
            pdf=dismissal_letter_pdf(
                locked, appealed_label=appealed.label, check=check, unit_name=unit_name
            ),
            name=dismissal_file_name(locked),
            letter_for_type=LETTER_FOR_DISMISSAL,
            letter_for_id=locked.pk,
            month=appealed.month,
            sender=unit_name,
            by=by,
            now=now,
        )
        return locked


@transaction.atomic
def appeal_reconsider(
    *,
    appeal: Appeal,
    outcome: AppealReconsideration,
    reasons: str,
    new_decision: Decision | None,
    by: User,
    now: datetime,
) -> Appeal:
    """Record the reconsideration (*omprövning*, FL 37–39 §§) before forwarding: the decision is
    kept, or changed by a new decision (for assistance: a signed decision correcting the appealed
    one), which the appeal then covers (39 §). A late appeal without excuse is dismissed instead.
    """
    locked = appeal_locked(appeal.pk)
    if locked.status != AppealStatus.REGISTERED:
        raise DomainError(NOT_REGISTERED)
    if time_check_of(locked).timeliness is Timeliness.LATE:
        raise DomainError(CANNOT_FORWARD_LATE)
    if not reasons.strip():
        raise DomainError(REASONS_NEEDED, field="reasons")
    if new_decision is not None and (
        outcome != AppealReconsideration.CHANGED
        or not new_decisions_for(locked).filter(pk=new_decision.pk).exists()
    ):
        raise DomainError(NEW_DECISION_NOT_CORRECTING, field="new_decision")
    Appeal.objects.filter(pk=locked.pk).update(
        status=AppealStatus.RECONSIDERED,
        reconsideration=outcome.value,
        reconsideration_reasons=reasons,
        new_decision=new_decision,
        reconsidered_by=by,
        reconsidered_at=now,
    )
    locked.refresh_from_db()
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="appeal",
        object_id=locked.pk,
        action="reconsidered",
        changes={
            "outcome": outcome.value,
            "new_decision": new_decision.pk if new_decision else None,
        },
    )
    return locked


def _documents_sent(appeal: Appeal, appealed: Appealed) -> list[str]:
    """What goes to the court: the appeal, the decision appealed, and the case's documents."""
    listed = [
        f"Överklagande som kom in {appeal.received_on:%Y-%m-%d}",
        appealed.label,
    ]
    if appeal.new_decision_id is not None:
        listed.append(f"Nytt beslut efter omprövning, nr {appeal.new_decision_id}")
    listed += [
        f"{d.received_on:%Y-%m-%d} {d.get_kind_display()}: {d.original_name}"
        for d in documents_for_household(appeal.household_id).filter(error_marked_at__isnull=True)
    ]
    return listed


def appeal_forward(
    *, appeal: Appeal, statement: str, forwarded_on: date, by: User, now: datetime
) -> Appeal:
    """Forward the appeal with the case's documents and the unit's statement to the court (FPL
    6 b § third paragraph): the forwarding letter is made and stored as the case's document."""
    with stored_files_removed_on_failure(), transaction.atomic():
        locked = appeal_locked(appeal.pk)
        if locked.status == AppealStatus.DISMISSED:
            raise DomainError(CANNOT_FORWARD_DISMISSED)
        if locked.status in (AppealStatus.FORWARDED, AppealStatus.JUDGED):
            raise DomainError(ALREADY_FORWARDED)
        check = time_check_of(locked)
        if not check.may_be_forwarded:
            raise DomainError(CANNOT_FORWARD_LATE)
        if locked.status != AppealStatus.RECONSIDERED:
            raise DomainError(RECONSIDER_FIRST)
        if not statement.strip():
            raise DomainError(STATEMENT_NEEDED, field="statement")
        if forwarded_on < locked.received_on:
            raise DomainError(FORWARDED_BEFORE_APPEAL, field="forwarded_on")
        if forwarded_on > timezone.localdate(now):
            raise DomainError(IN_THE_FUTURE, field="forwarded_on")
        Appeal.objects.filter(pk=locked.pk).update(
            status=AppealStatus.FORWARDED,
            statement=statement,
            forwarded_on=forwarded_on,
            forwarded_by=by,
        )
        locked.refresh_from_db()
        appealed = appealed_of(locked)
        on_time = locked.forward_target is None or forwarded_on <= locked.forward_target
        change_record_write(
            user=by,
            case_id=locked.household_id,
            object_type="appeal",
            object_id=locked.pk,
            action="forwarded",
            changes={
                "forwarded_on": forwarded_on.isoformat(),
                "court": locked.court,
                "by_target": on_time,
            },
        )
        unit_name = locked.household.unit.name
        letter_store(
            household=locked.household,
            pdf=forwarding_pdf(
                locked,
                appealed_label=appealed.label,
                check=check,
                documents=_documents_sent(locked, appealed),
                unit_name=unit_name,
                forwarded_on=forwarded_on,
                by_name=by.get_full_name(),
            ),
            name=forwarding_file_name(locked),
            letter_for_type=LETTER_FOR_FORWARDING,
            letter_for_id=locked.pk,
            month=appealed.month,
            sender=unit_name,
            by=by,
            now=now,
        )
        return locked


@transaction.atomic
def appeal_judgment_record(
    *,
    appeal: Appeal,
    judgment: AppealJudgment,
    judged_on: date,
    court_case_number: str,
    note: str,
    today: date,
    by: User,
) -> Appeal:
    """Record the court's judgment on a forwarded appeal. A judgment that changes the decision
    leads to a new decision and payment, drafted as any decision (never an edit of the old)."""
    locked = appeal_locked(appeal.pk)
    if locked.status == AppealStatus.JUDGED:
        raise DomainError(ALREADY_JUDGED)
    if locked.status != AppealStatus.FORWARDED or locked.forwarded_on is None:
        raise DomainError(NOT_FORWARDED)
    if judged_on < locked.forwarded_on:
        raise DomainError(JUDGMENT_BEFORE_FORWARDING, field="judged_on")
    if judged_on > today:
        raise DomainError(IN_THE_FUTURE, field="judged_on")
    Appeal.objects.filter(pk=locked.pk).update(
        status=AppealStatus.JUDGED,
        judgment=judgment.value,
        judged_on=judged_on,
        court_case_number=court_case_number,
        judgment_note=note,
        judgment_recorded_by=by,
    )
    locked.refresh_from_db()
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="appeal",
        object_id=locked.pk,
        action="judged",
        changes={
            "judgment": judgment.value,
            "judged_on": judged_on.isoformat(),
            "court_case_number": court_case_number,
        },
    )
    return locked
