"""What an applicant does on My pages: send an appeal from a decision, sign the plan, report an
absence, say where notices go. Each is one transaction with its history row; the applicant's
own user is the one who acts."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.activities.models import AbsenceReport, Referral
from bryggan.audit.services import change_record_write
from bryggan.core.errors import DomainError
from bryggan.decisions.models import Appeal, Decision
from bryggan.decisions.selectors_appeals import appealable_get
from bryggan.decisions.services_appeals import appeal_register
from bryggan.mypages.access import OwnCase
from bryggan.mypages.models import AppealFromApplicant, ContactDetails
from bryggan.planning.models import PlanVersion, SignedHow
from bryggan.planning.services import plan_version_sign

NOT_APPEALABLE = _("This decision cannot be appealed here. Contact your caseworker.")
ABSENCE_REASON_NEEDED = _("Write why you were or will be away.")
ABSENCE_DAY_OUTSIDE = _("Choose a day while you take part in the activity.")
ABSENCE_ALREADY = _("You have already reported an absence that day.")
NOTHING_TO_SIGN = _("There is no plan waiting for your signature.")
EMAIL_NEEDED = _("Give an e-mail address for notices by e-mail.")
PHONE_NEEDED = _("Give a mobile number for notices by text message.")


def appeal_send(
    *, case: OwnCase, decision: Decision, claims: str, by: User, now: datetime, today: date
) -> Appeal:
    """The applicant appeals a decision of the own case: registered as come in today, marked as
    sent on My pages, and on the unit's list of appeals like any other."""
    appealed = appealable_get(case.household.pk, f"decision:{decision.pk}")
    if appealed is None:
        raise DomainError(NOT_APPEALABLE)
    with transaction.atomic():
        appeal = appeal_register(
            household=case.household,
            appealed=appealed,
            received_on=today,
            claims=claims,
            incorrect_instructions=False,
            reached_court_on=None,
            today=today,
            by=by,
        )
        AppealFromApplicant.objects.create(appeal=appeal, person=case.person, sent_at=now)
        change_record_write(
            user=by,
            case_id=case.household.pk,
            object_type="appeal",
            object_id=appeal.pk,
            action="sent_by_applicant",
            changes={"decision": decision.pk},
        )
        return appeal


def plan_sign(*, case: OwnCase, version: PlanVersion | None, now: datetime) -> PlanVersion:
    """The applicant signs the latest plan version on My pages, through planning's own signing
    (the same path as the e-service: `SignedHow.E_SERVICE`, no staff member recording it)."""
    if version is None or version.signed_at is not None:
        raise DomainError(NOTHING_TO_SIGN)
    return plan_version_sign(version=version, how=SignedHow.E_SERVICE, at=now, recorded_by=None)


@transaction.atomic
def absence_report(
    *, case: OwnCase, referral: Referral, day: date, reason: str, by: User, now: datetime
) -> AbsenceReport:
    """The client reports an absence with its reason. It is a report for the work coach to judge,
    never an attendance mark: nothing here marks the day as excused."""
    if not reason.strip():
        raise DomainError(ABSENCE_REASON_NEEDED, field="reason")
    if day < referral.activity.starts_on or day > referral.activity.ends_on:
        raise DomainError(ABSENCE_DAY_OUTSIDE, field="day")
    try:
        with transaction.atomic():
            report = AbsenceReport.objects.create(
                referral=referral, day=day, reason=reason.strip(), reported_at=now
            )
    except IntegrityError as error:
        raise DomainError(ABSENCE_ALREADY, field="day") from error
    change_record_write(
        user=by,
        case_id=case.household.pk,
        object_type="absence_report",
        object_id=report.pk,
        action="reported",
        changes={"referral": referral.pk, "day": day.isoformat()},
    )
    return report


@transaction.atomic
def contact_details_save(
    *, case: OwnCase, email: str, phone: str, notify_by: str, by: User
) -> ContactDetails:
    if notify_by == "email" and not email:
        raise DomainError(EMAIL_NEEDED, field="email")
    if notify_by == "sms" and not phone:
        raise DomainError(PHONE_NEEDED, field="phone")
    details, _created = ContactDetails.objects.update_or_create(
        person=case.person, defaults={"email": email, "phone": phone, "notify_by": notify_by}
    )
    change_record_write(
        user=by,
        case_id=case.household.pk,
        object_type="contact_details",
        object_id=details.pk,
        action="changed",
        changes={"notify_by": notify_by},
    )
    return details
