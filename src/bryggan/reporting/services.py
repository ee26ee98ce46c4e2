"""Writes of the reporting: recording a reason for need, the pre-sign check, the month's file.

Sources: HSLF-FS 2015:30 3 § (monthly data, due the 15th of the next month), 4 § (closure reasons,
at the latest four months after the month); Socialstyrelsen, Frågor och svar för uppgiftslämnare
(reason for need per adult at every application).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write, change_records_write_many
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.people.models import Household, Person
from bryggan.reporting import fileformat, selectors
from bryggan.reporting.codes import code_lists
from bryggan.reporting.models import ReasonForNeed, ReportSubmission
from bryggan.reporting.rules import (
    CLOSURE_LATEST_MONTHS,
    Problem,
    ReportFile,
    Rule,
    changed_since_sent,
    errors,
    report_diff,
    report_file,
    validate,
    warnings,
)

UNKNOWN_REASON = _("Choose a reason for need from the list.")
NOT_AN_ADULT = _("The person is not an adult of the household in that month.")
REASONS_MISSING = _(
    "Record the reason for need (försörjningshinder) of every adult for %(month)s before signing: "
    "%(names)s."
)
REFUSED_ERRORS = _("The file is refused: errors remain (%(count)s).")
REFUSED_WARNINGS = _("The file has warnings (%(count)s): accept them with a comment to make it.")

PROBLEM_MESSAGES = {
    Rule.ADULT_WITHOUT_REASON: _("An adult has no reason for need for the month"),
    Rule.UNKNOWN_REASON: _("The reason for need is not in the code list"),
    Rule.REASON_WITHOUT_INCOME: _("The reason for need implies an income the calculation lacks"),
    Rule.REASON_CONTRADICTS_INCOME: _("The reason for need contradicts a recorded income"),
    Rule.PAYMENT_WITHOUT_DECISION: _("A payment for the month has no signed decision"),
    Rule.DECIDED_NOT_PAID: _("Assistance decided for the month is not paid yet"),
    Rule.ACTIVITY_WITHOUT_ATTENDANCE: _("A municipal activity has no attendance in the month"),
    Rule.CLOSED_WITHOUT_REASON: _("The case was closed without a closure reason"),
    Rule.UNKNOWN_CLOSURE_REASON: _("The closure reason is not in the code list"),
    Rule.CHANGED_SINCE_SENT: _("The month was already reported and the case changed since"),
}


def _check_reasons(month: Month, reasons: Sequence[tuple[int, int, str]]) -> None:
    """Each (household id, person id, code): the code is in the list and the person an adult of
    the household in the month."""
    if any(code not in code_lists().reasons_for_need for _, _, code in reasons):
        raise DomainError(UNKNOWN_REASON, field="code")
    adults = {
        (m.household_id, m.person_id)
        for m in selectors.adults_in_month_of(
            household_ids={household_id for household_id, _, _ in reasons}, month=month
        )
    }
    if any((household_id, person_id) not in adults for household_id, person_id, _ in reasons):
        raise DomainError(NOT_AN_ADULT)


def _reason_change(month: Month, person_id: int, code: str, before: str | None) -> dict[str, Any]:
    return {"month": str(month), "person": person_id, "code": code, "before": before}


@transaction.atomic
def reason_for_need_record(
    *, household: Household, month: Month, person: Person, code: str, by: User, now: datetime
) -> ReasonForNeed:
    """Record (or change) one adult's reason for need for an assessed month."""
    _check_reasons(month, [(household.pk, person.pk, code)])
    row, created = ReasonForNeed.objects.select_for_update().get_or_create(
        household=household,
        month=str(month),
        person=person,
        defaults={"code": code, "recorded_by": by, "recorded_at": now},
    )
    before = None if created else row.code
    if not created and row.code != code:
        row.code, row.recorded_by, row.recorded_at = code, by, now
        row.save(update_fields=["code", "recorded_by", "recorded_at"])
    if before != code:
        change_record_write(
            user=by,
            case_id=household.pk,
            object_type="reason_for_need",
            object_id=row.pk,
            action="recorded" if created else "changed",
            changes=_reason_change(month, person.pk, code, before),
        )
    return row


@dataclass(frozen=True, slots=True)
class ReasonToRecord:
    """One adult's reason for need, recorded by `by` at `at`."""

    household: Household
    person: Person
    code: str
    by: User
    at: datetime


@transaction.atomic
def reasons_for_need_record(
    *, month: Month, reasons: Sequence[ReasonToRecord]
) -> list[ReasonForNeed]:
    """Record (or change) many adults' reasons for need for one assessed month at once, each as
    `reason_for_need_record` records one: the same checks, rows and history rows, in the order
    given; the adults and the recorded reasons of all the households are read once. For a
    month's decisions loaded in bulk (`bryggan demo`); each adult at most once."""
    keys = [(reason.household.pk, reason.person.pk) for reason in reasons]
    if len(set(keys)) != len(keys):
        raise ValueError("each adult's reason at most once")
    _check_reasons(month, [(*key, reason.code) for key, reason in zip(keys, reasons, strict=True)])
    recorded = {
        (row.household_id, row.person_id): row
        for row in ReasonForNeed.objects.select_for_update().filter(
            household_id__in={household_id for household_id, _ in keys}, month=str(month)
        )
    }
    rows, new, history = [], [], []
    for key, reason in zip(keys, reasons, strict=True):
        row = recorded.get(key)
        if row is None:
            row = ReasonForNeed(
                household=reason.household,
                month=str(month),
                person=reason.person,
                code=reason.code,
                recorded_by=reason.by,
                recorded_at=reason.at,
            )
            new.append(row)
            history.append(("recorded", reason, row, None))
        elif row.code != reason.code:
            before = row.code
            row.code, row.recorded_by, row.recorded_at = reason.code, reason.by, reason.at
            row.save(update_fields=["code", "recorded_by", "recorded_at"])
            history.append(("changed", reason, row, before))
        rows.append(row)
    ReasonForNeed.objects.bulk_create(new)
    # The history rows in the order given, many at once where the action and the user agree.
    for (action, by), group in groupby(history, key=lambda entry: (entry[0], entry[1].by)):
        change_records_write_many(
            user=by,
            object_type="reason_for_need",
            action=action,
            rows=[
                (
                    reason.household.pk,
                    row.pk,
                    _reason_change(month, reason.person.pk, reason.code, before),
                )
                for _, reason, row, before in group
            ],
        )
    return rows


def reason_for_need_sign_checks(signings: Sequence[tuple[Household, str, bool]]) -> None:
    """Refuse to sign while an adult lacks a reason for need for the month: for each of several
    decisions (household, month, whether it grants), in order, the adults without a reason read
    once a month for all the households. Called from `decisions.services.decisions_sign`.

    Applies to every decision that grants assistance (HSLF-FS 2015:30 3 §: the reason for need is
    reported for each adult of each month), except for months before a unit's
    `reasons_required_from` (`ReportingSettings`: months decided before the unit began recording
    reasons); a refusal reports nothing.
    """
    checked = []
    for household, month, grants in signings:
        if not grants:
            continue
        required_from = selectors.reasons_required_from(household.unit_id)
        decided = Month.parse(month)
        if required_from is None or decided >= required_from:
            checked.append((household, decided))
    missing_by_month = {
        month: selectors.adults_without_reason_of({h.pk for h, m in checked if m == month}, month)
        for month in {month for _, month in checked}
    }
    for household, month in checked:
        missing = missing_by_month[month].get(household.pk)
        if missing:
            names = ", ".join(
                str(m.get_role_display()) if m.person.protected_identity else m.person.first_name
                for m in missing
            )
            raise DomainError(str(REASONS_MISSING) % {"month": month, "names": names})


@dataclass
class MonthReport:
    """A month's file as it would be made now, with every problem and the last sent version."""

    month: Month
    file: ReportFile
    text: str
    problems: list[Problem]
    previous: ReportSubmission | None
    sent_versions: dict[str, ReportSubmission] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings(self.problems)


def month_report(month: Month, *, today: date) -> MonthReport:
    """Build the month's file and validate it, with the already-sent months that changed since.

    The month itself and the four before it (HSLF-FS 2015:30 4 §: closure reasons may be reported
    up to four months after the month) are compared with their last sent version.
    """
    codes = code_lists()
    snapshot = selectors.month_snapshot(month)
    previous = selectors.submission_latest(month)
    version = previous.version + 1 if previous is not None else 1
    built = report_file(snapshot, codes, version=version, created_on=today)
    problems = validate(snapshot, codes)
    cases = {h.case.case_number: h.case for h in snapshot.households}
    cases |= {c.case.case_number: c.case for c in snapshot.closures}
    sent = selectors.submissions_sent_between(month.plus(-CLOSURE_LATEST_MONTHS), month)
    for submission in sent:
        sent_file = fileformat.read(submission.content, codes)
        if submission.month == str(month):
            now_file = built
        else:
            earlier = selectors.month_snapshot(Month.parse(submission.month))
            now_file = report_file(
                earlier, codes, version=submission.version, created_on=sent_file.created_on
            )
            cases |= {h.case.case_number: h.case for h in earlier.households}
        problems.extend(changed_since_sent(sent_file, now_file, cases))
    return MonthReport(
        month=month,
        file=built,
        text=fileformat.write(built),
        problems=problems,
        previous=previous,
        sent_versions={s.month: s for s in sent},
    )


class ReportRefused(DomainError):
    """The month's file was not made; `problems` says why."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@transaction.atomic
def report_submit(
    *, month: Month, by: User | None, accept_warnings: str, now: datetime, today: date
) -> ReportSubmission:
    """Make and archive the month's file: refused while errors remain or warnings are unaccepted.

    A month already sent gets a new version (a correction); the difference from the last sent
    version is recorded with it.
    """
    report = month_report(month, today=today)
    if report.errors:
        raise ReportRefused(str(REFUSED_ERRORS) % {"count": len(report.errors)}, report.problems)
    if report.warnings and not accept_warnings.strip():
        raise ReportRefused(
            str(REFUSED_WARNINGS) % {"count": len(report.warnings)}, report.problems
        )
    previous = report.previous
    diff = (
        report_diff(fileformat.read(previous.content, code_lists()), report.file).as_json()
        if previous is not None
        else None
    )
    submission = ReportSubmission.objects.create(
        month=str(month),
        version=report.file.version,
        municipality_code=report.file.municipality_code,
        content=report.text,
        sha256=_sha256(report.text),
        household_count=len(report.file.households),
        total_paid=report.file.total_paid,
        accepted_warnings=[
            {
                "rule": p.rule.value,
                "case": p.case.case_number,
                "detail": p.detail,
                "month": p.month,
            }
            for p in report.warnings
        ],
        warnings_comment=accept_warnings.strip() if report.warnings else "",
        diff=diff,
        created_by=by,
        created_at=now,
    )
    change_record_write(
        user=by,
        case_id=None,
        object_type="report_submission",
        object_id=submission.pk,
        action="made",
        changes={
            "month": submission.month,
            "version": submission.version,
            "sha256": submission.sha256,
            "warnings": len(report.warnings),
        },
    )
    return submission
