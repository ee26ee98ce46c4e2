"""Every URL pattern × every role against the expected outcome.

A pattern missing from the table fails.

Like Zulip's "Some URLs are untested!": a new page cannot ship without a decision on who may see it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import ReconsiderationOccasion, ReconsiderationOutcome
from bryggan.activities.services import sanction_reconsider
from bryggan.casefile.models import Kommunicering
from bryggan.casefile.services_requests import document_request_create
from bryggan.cooperation.models import PartnerOrganisation
from bryggan.cooperation.rules import GivenHow, InformationKind, OrganisationKind
from bryggan.cooperation.services import consent_register, partner_organisation_create
from bryggan.decisions.models import Appeal, AppealReconsideration, Decision
from bryggan.decisions.rules import RecoveryGround
from bryggan.decisions.selectors_appeals import appealable_get
from bryggan.decisions.services import decision_record_receipt
from bryggan.decisions.services_appeals import (
    appeal_dismiss,
    appeal_forward,
    appeal_reconsider,
    appeal_register,
)
from bryggan.decisions.services_recovery import (
    recovery_claim_register,
    recovery_decision_draft,
    recovery_decision_sign,
)
from bryggan.employers.models import Employer, Offer
from bryggan.employers.services import contact_save
from bryggan.mypages.models import ApplicantAccount
from bryggan.payments.services import payment_run_execute
from bryggan.people.models import Household
from bryggan.placements.services import agreement_write
from bryggan.reviews.rules import ActionParty
from bryggan.reviews.services import ActionInput, meeting_hold, minutes_record
from tests.activities.factories import make_activity, make_participant, make_sanction
from tests.casefile.documents_files import upload
from tests.casefile.factories_journal import make_discussion, make_note
from tests.conftest import ROLES
from tests.employers.factories import make_employer, make_offer, place
from tests.payments.conftest import current_year_norm, delegation, make_decision
from tests.placements.factories import approve_all, consent_all, propose
from tests.placements.factories import make_group as make_selection_group
from tests.planning.factories import make_followup, make_version
from tests.preassessment.factories import make_renewal_case, renew
from tests.projects.factories import join, make_project
from tests.reporting.factories import make_submission
from tests.reviews.factories import make_group, make_meeting, put_on

pytestmark = pytest.mark.django_db
__all__ = ["current_year_norm", "delegation", "make_decision"]

ANON = "anonymous"
CASE_STAFF = {
    "caseworker": 200,
    "work_coach": 200,
    "unit_manager": 200,
    "analyst": 403,
    "administrator": 403,
    ANON: 302,
}
ONLY_MANAGER = {
    "caseworker": 403,
    "work_coach": 403,
    "unit_manager": 200,
    "analyst": 403,
    "administrator": 403,
    ANON: 302,
}
ONLY_ADMINISTRATOR = {
    **dict.fromkeys(ROLES, 403),
    "administrator": 200,
    ANON: 302,
}
EVERYONE = dict.fromkeys([*ROLES, ANON], 200)
CASE_STAFF_ROLES = ("caseworker", "work_coach", "unit_manager")
STATISTICS = {
    "caseworker": 403,
    "work_coach": 403,
    "unit_manager": 200,
    "analyst": 200,
    "administrator": 403,
    ANON: 302,
}
POST_ONLY = {**dict.fromkeys(ROLES, 405), ANON: 302}  # sign-in comes first
NOT_CONFIGURED = dict.fromkeys([*ROLES, ANON], 404)
OWN_PAGES = {**dict.fromkeys(ROLES, 403), "applicant": 200, ANON: 302}

EXPECTED: dict[str, dict[str, int]] = {
    "home": {
        "caseworker": 302,
        "work_coach": 302,
        "unit_manager": 302,
        "analyst": 200,
        "administrator": 200,
        "applicant": 302,
        "partner": 302,
        ANON: 302,
    },
    "mypages:home": {**dict.fromkeys(ROLES, 403), "applicant": 200, ANON: 302},
    # The applicant persona is the case's applicant (`case_in_unit`): an open case renews, so the
    # start and the first application send on to the renewal (302); another's receipt is not found.
    "mypages:apply_start": {**dict.fromkeys(ROLES, 403), "applicant": 302, ANON: 302},
    "mypages:apply_first": {**dict.fromkeys(ROLES, 403), "applicant": 302, ANON: 302},
    "mypages:apply_renewal": {**dict.fromkeys(ROLES, 403), "applicant": 200, ANON: 302},
    "mypages:apply_preview": POST_ONLY,
    "mypages:apply_receipt": {**dict.fromkeys(ROLES, 403), "applicant": 404, ANON: 302},
    "preassessment:queue": {**CASE_STAFF, "work_coach": 403},
    "preassessment:proposal_detail": {**CASE_STAFF, "work_coach": 403},
    "preassessment:sign_many": POST_ONLY,
    "preassessment:followup": ONLY_MANAGER,
    "preassessment:rules_page": EVERYONE,  # published: anyone may read how applying works
    "accounts:login": EVERYONE,
    "accounts:logout": POST_ONLY,
    # The second factor: with no authenticator yet, the code page sends one to add it.
    "accounts:otp_verify": {**dict.fromkeys(ROLES, 302), ANON: 302},
    "accounts:otp_enrol": {**dict.fromkeys(ROLES, 200), ANON: 302},
    # OpenID Connect sign-in: open to anyone, and not found while no provider is configured (as
    # here); tests/accounts/test_oidc_flow.py runs them against a real provider.
    "accounts:oidc_authenticate": NOT_CONFIGURED,
    "accounts:oidc_callback": NOT_CONFIGURED,
    "accounts:oidc_refused": EVERYONE,
    "mypages:signin": EVERYONE,
    "mypages:oidc_authenticate": NOT_CONFIGURED,
    "mypages:oidc_callback": NOT_CONFIGURED,
    "mypages:signin_refused": EVERYONE,
    "mypages:demo_signin": NOT_CONFIGURED,  # debug only: tests run with debug off
    "set_language": dict.fromkeys([*ROLES, ANON], 302),
    "health": EVERYONE,  # for the load balancer: open, and shows no data
    "people:caseload": CASE_STAFF,
    "desk:my_work": CASE_STAFF,
    "desk:search": CASE_STAFF,
    "people:household_detail": CASE_STAFF,
    "people:person_detail": CASE_STAFF,
    "people:person_register_extract_json": CASE_STAFF,
    "people:person_register_extract_pdf": CASE_STAFF,
    "people:household_access_log": ONLY_MANAGER,
    "people:household_edit": {**CASE_STAFF, "work_coach": 403},
    "people:unit_caseload": ONLY_MANAGER,
    "audit:review": ONLY_MANAGER,
    "intake:application_create": {**CASE_STAFF, "work_coach": 403},
    "intake:application_detail": CASE_STAFF,
    "intake:meeting_mark": POST_ONLY,
    "intake:overdue": CASE_STAFF,
    "decisions:calculation": CASE_STAFF,
    "decisions:calculation_preview": POST_ONLY,
    "decisions:calculation_detail": CASE_STAFF,
    "decisions:decision_create": {**CASE_STAFF, "work_coach": 403},
    "decisions:decision_detail": CASE_STAFF,
    "decisions:decision_letter": CASE_STAFF,
    "decisions:decision_sign": POST_ONLY,
    "decisions:decision_received": POST_ONLY,
    "payments:run_list": ONLY_MANAGER,
    "payments:run_detail": ONLY_MANAGER,
    "payments:run_file": ONLY_MANAGER,
    "payments:run_execute": POST_ONLY,
    "payments:mark": POST_ONLY,
    "payments:emergency": POST_ONLY,
    "norm_entry:riksnorm_list": ONLY_ADMINISTRATOR,
    "norm_entry:riksnorm_enter": ONLY_ADMINISTRATOR,
    "norm_entry:riksnorm_import": ONLY_ADMINISTRATOR,
    "statistics:table": STATISTICS,
    "statistics:municipality": STATISTICS,
    "statistics:expected": STATISTICS,
    "followup:case_close": {**CASE_STAFF, "work_coach": 403},
    "followup:unit": ONLY_MANAGER,
    "followup:board": CASE_STAFF,
    "followup:board_wall": CASE_STAFF,
    "activities:activity_list": CASE_STAFF,
    "activities:activity_create": {**CASE_STAFF, "caseworker": 403},
    "activities:activity_detail": CASE_STAFF,
    "activities:attendance": {**CASE_STAFF, "caseworker": 403},
    "activities:activity_change": {**CASE_STAFF, "caseworker": 403},
    "activities:activity_end": {**CASE_STAFF, "caseworker": 403},
    "activities:case_activities": CASE_STAFF,
    "activities:ability": POST_ONLY,
    "activities:referral_detail": CASE_STAFF,
    "activities:referral_step": POST_ONLY,
    "activities:passive": CASE_STAFF,
    "activities:sanction_list": CASE_STAFF,
    "activities:sanction_detail": CASE_STAFF,
    "activities:sanction_assess": POST_ONLY,
    "activities:sanction_decide": POST_ONLY,
    "activities:sanction_received": POST_ONLY,
    "activities:sanction_letter": CASE_STAFF,
    "activities:sanction_reconsider": POST_ONLY,
    "activities:sanction_reconsideration_received": POST_ONLY,
    "activities:sanction_reconsideration_letter": CASE_STAFF,
    "planning:plan_detail": CASE_STAFF,
    "planning:version_create": CASE_STAFF,
    "planning:version_sign": POST_ONLY,
    "planning:followup_book": POST_ONLY,
    "planning:followup_hold": POST_ONLY,
    "planning:followup_cancel": CASE_STAFF,
    "planning:missed": CASE_STAFF,
    "projects:project_list": CASE_STAFF,
    "projects:project_create": ONLY_MANAGER,
    "projects:project_detail": CASE_STAFF,
    "projects:project_edit": ONLY_MANAGER,
    "projects:project_outcomes_csv": CASE_STAFF,
    "projects:participant_find": CASE_STAFF,
    "projects:participant_end": CASE_STAFF,
    "projects:case_projects": CASE_STAFF,
    "employers:employer_list": CASE_STAFF,
    "employers:employer_create": {**CASE_STAFF, "caseworker": 403},
    "employers:employer_detail": CASE_STAFF,
    "employers:employer_edit": {**CASE_STAFF, "caseworker": 403},
    "employers:contact_create": {**CASE_STAFF, "caseworker": 403},
    "employers:contact_edit": {**CASE_STAFF, "caseworker": 403},
    "employers:offer_create": {**CASE_STAFF, "caseworker": 403},
    "employers:offer_detail": CASE_STAFF,
    "employers:offer_edit": {**CASE_STAFF, "caseworker": 403},
    "employers:placement_end": CASE_STAFF,
    "employers:case_matches": CASE_STAFF,
    "employers:client_profile": CASE_STAFF,
    "employers:placement_create": CASE_STAFF,
    "decisions:recovery_list": CASE_STAFF,
    "decisions:recovery_register": {**CASE_STAFF, "work_coach": 403},
    "decisions:recovery_detail": CASE_STAFF,
    "decisions:recovery_decision_create": POST_ONLY,
    "decisions:recovery_waiver": POST_ONLY,
    "decisions:recovery_decision_sign": POST_ONLY,
    "decisions:recovery_decision_received": POST_ONLY,
    "decisions:recovery_letter": CASE_STAFF,
    "decisions:recovery_plan": POST_ONLY,
    "decisions:recovery_repayment": POST_ONLY,
    "decisions:recovery_police_report": POST_ONLY,
    "decisions:recovery_expiring": {**CASE_STAFF, "work_coach": 403},
    "decisions:appeal_list": CASE_STAFF,
    "decisions:appeal_register": {**CASE_STAFF, "work_coach": 403},
    "decisions:appeal_detail": CASE_STAFF,
    "decisions:appeal_dismiss": POST_ONLY,
    "decisions:appeal_reconsider": POST_ONLY,
    "decisions:appeal_forward": POST_ONLY,
    "decisions:appeal_judgment": POST_ONLY,
    "decisions:appeal_dismissal_letter": CASE_STAFF,
    "decisions:appeal_forwarding_letter": CASE_STAFF,
    "followup:appeals": ONLY_MANAGER,
    "reporting:reasons": {**CASE_STAFF, "work_coach": 403},
    "reporting:status": ONLY_MANAGER,
    "reporting:submit": POST_ONLY,
    "reporting:file": ONLY_MANAGER,
    "casefile:journal": CASE_STAFF,
    "casefile:journal_note_create": CASE_STAFF,
    "casefile:journal_letter": CASE_STAFF,
    "casefile:journal_note_detail": CASE_STAFF,
    "casefile:journal_note_edit": CASE_STAFF,
    "casefile:journal_note_delete": POST_ONLY,
    "casefile:journal_note_sign": POST_ONLY,
    "casefile:journal_note_correct": POST_ONLY,
    "casefile:note_objection_create": POST_ONLY,
    "casefile:case_discussion_request": CASE_STAFF,
    "casefile:case_discussion_list": ONLY_MANAGER,
    "casefile:case_discussion_hold": ONLY_MANAGER,
    "casefile:case_discussion_cancel": POST_ONLY,
    "casefile:assessment_detail": CASE_STAFF,
    "casefile:assessment_edit": {**CASE_STAFF, "work_coach": 403},
    "casefile:assessment_sign": POST_ONLY,
    "casefile:kommunicering": {**CASE_STAFF, "work_coach": 403},
    "casefile:kommunicering_answer": POST_ONLY,
    "casefile:kommunicering_letter": CASE_STAFF,
    "casefile:timeline": CASE_STAFF,
    # The API answers for itself: JSON errors, never a redirect to the sign-in page.
    "api:api-root": dict.fromkeys([*ROLES, ANON], 404),
    "api:calculate": dict.fromkeys([*ROLES, ANON], 405),
    "api:openapi-json": dict.fromkeys([*ROLES, ANON], 200),
    # The e-service platform's endpoints take POST with its token (tests/planning/test_eservice.py).
    "api:eservice_plan_current": dict.fromkeys([*ROLES, ANON], 405),
    "api:eservice_plan_sign": dict.fromkeys([*ROLES, ANON], 405),
    "casefile:documents": CASE_STAFF,
    "casefile:document_upload": CASE_STAFF,
    "casefile:document_detail": CASE_STAFF,
    "casefile:document_download": CASE_STAFF,
    "casefile:document_mark_in_error": POST_ONLY,
    "casefile:document_request_review": POST_ONLY,
    "casefile:document_requests": CASE_STAFF,
    "casefile:preliminary_reply": {**CASE_STAFF, "work_coach": 403},
    # The applicant's own pages: the applicant of the case 200, staff 403, anonymous to sign-in.
    "mypages:requests": OWN_PAGES,
    "mypages:request_upload": OWN_PAGES,
    "mypages:decisions": OWN_PAGES,
    "mypages:decision_detail": OWN_PAGES,
    "mypages:decision_letter": OWN_PAGES,
    "mypages:appeal_send": OWN_PAGES,
    "mypages:payments": OWN_PAGES,
    "mypages:plan": OWN_PAGES,
    "mypages:plan_sign": POST_ONLY,
    "mypages:activities": OWN_PAGES,
    "mypages:absence_report": OWN_PAGES,
    "mypages:my_data": OWN_PAGES,
    "mypages:my_data_json": OWN_PAGES,
    "mypages:my_data_pdf": OWN_PAGES,
    "mypages:consents": OWN_PAGES,
    "mypages:consent_withdraw": OWN_PAGES,  # GET: the confirmation step
    # The accessibility statement is public (lag (2018:1937) 16 §).
    "mypages:accessibility": EVERYONE,
}
# The admin site guards itself (is_staff): only the administrator gets in.
# Cooperation: the partner register is the manager's; a case's consents are the unit's staff's; the
# partner's pages are the partner's alone (the persona is tied to no organisation: it sees nobody).
EXPECTED |= {
    "cooperation:partner_list": ONLY_MANAGER,
    "cooperation:partner_create": ONLY_MANAGER,
    "cooperation:partner_edit": ONLY_MANAGER,
    "cooperation:contact_create": ONLY_MANAGER,
    "cooperation:case_consents": CASE_STAFF,
    "cooperation:consent_create": CASE_STAFF,
    "cooperation:consent_withdraw": POST_ONLY,
    "cooperation:consent_form_pdf": CASE_STAFF,
    "cooperation:disclosure_printout": CASE_STAFF,
    "cooperation:af_status_edit": CASE_STAFF,
    "cooperation:partner_cases": {**dict.fromkeys(ROLES, 403), "partner": 200, ANON: 302},
    "cooperation:partner_person": {**dict.fromkeys(ROLES, 403), "partner": 404, ANON: 302},
}
# Joint case reviews: groups are the manager's to set up, meetings and agendas the unit's staff's;
# partner users are made by the manager or the administrator; the partner's meetings are the
# partner's alone (the persona is tied to no organisation: it has no meeting to open).
EXPECTED |= {
    "reviews:group_list": CASE_STAFF,
    "reviews:group_create": ONLY_MANAGER,
    "reviews:group_detail": CASE_STAFF,
    "reviews:group_edit": ONLY_MANAGER,
    "reviews:meeting_create": POST_ONLY,
    "reviews:meetings_schedule": POST_ONLY,
    "reviews:meeting_detail": CASE_STAFF,
    "reviews:meeting_hold": POST_ONLY,
    "reviews:agenda_remove": POST_ONLY,
    "reviews:minutes": CASE_STAFF,
    "reviews:overdue_actions": CASE_STAFF,
    "reviews:action_done": POST_ONLY,
    "reviews:action_edit": CASE_STAFF,
    "reviews:partner_users": {**ONLY_MANAGER, "administrator": 200},
    "reviews:partner_user_active": POST_ONLY,
    "reviews:case_reviews": CASE_STAFF,
    "reviews:three_party_create": POST_ONLY,
    "reviews:partner_meetings": {**dict.fromkeys(ROLES, 403), "partner": 200, ANON: 302},
    "reviews:partner_meeting": {**dict.fromkeys(ROLES, 403), "partner": 404, ANON: 302},
}
# Placements decided together: the selection groups are the manager's; proposals, agreements and
# follow-ups the unit's staff's (the agreement's page answers a GET with the placement); the
# partner's pages the partner's alone (the persona belongs to no organisation: it may not propose
# and finds no placement).
EXPECTED |= {
    "placements:group_list": ONLY_MANAGER,
    "placements:group_create": ONLY_MANAGER,
    "placements:group_edit": ONLY_MANAGER,
    "placements:placement_list": CASE_STAFF,
    "placements:case_placements": CASE_STAFF,
    "placements:placement_create": CASE_STAFF,
    "placements:placement_detail": CASE_STAFF,
    "placements:vote": POST_ONLY,
    "placements:agreement_edit": {**CASE_STAFF, **dict.fromkeys(CASE_STAFF_ROLES, 302)},
    "placements:agreement_pdf": CASE_STAFF,
    "placements:agreement_sign": POST_ONLY,
    "placements:start": POST_ONLY,
    "placements:follow_up_hold": POST_ONLY,
    "placements:end": POST_ONLY,
    "placements:partner_list": {**dict.fromkeys(ROLES, 403), "partner": 200, ANON: 302},
    "placements:partner_propose": {**dict.fromkeys(ROLES, 403), ANON: 302},
    "placements:partner_detail": {**dict.fromkeys(ROLES, 403), "partner": 404, ANON: 302},
    "placements:partner_vote": POST_ONLY,
}

ADMIN_INDEX = {
    "caseworker": 302,
    "work_coach": 302,
    "unit_manager": 302,
    "analyst": 302,
    "administrator": 200,
    "applicant": 302,
    "partner": 302,
    ANON: 302,
}


# Applicants and partners stand outside the unit: a row that does not name them refuses them.
OUTSIDE_ROLES = {"applicant", "partner"}


def _expected(table: dict[str, int], role: str) -> int:
    if role in OUTSIDE_ROLES and role not in table:
        return 403
    return table[role]


def _names(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _names(pattern.url_patterns, namespace)
        elif pattern.name:
            yield f"{prefix}{pattern.name}"


def _project_url_names() -> set[str]:
    return {name for name in _names(get_resolver().url_patterns) if not name.startswith("admin:")}


def test_every_url_pattern_is_in_the_table() -> None:
    missing = _project_url_names() - set(EXPECTED)
    assert not missing, f"Some URLs are untested: {sorted(missing)}"
    stale = set(EXPECTED) - _project_url_names()
    assert not stale, f"The table names URLs that no longer exist: {sorted(stale)}"


@pytest.fixture
def case_in_unit(
    persona: Callable[..., User], make_decision: Callable[..., Decision]
) -> dict[str, int]:
    """One case with an application, a saved calculation, a signed decision and its payment."""
    decision = make_decision(77)
    run = payment_run_execute(
        by=persona("unit_manager"), execution_date=date(2026, 11, 25), now=timezone.now()
    )
    household = decision.household
    coach, today = persona("work_coach"), timezone.localdate()
    activity = make_activity(household.unit, coach, today=today)
    referral = make_participant(activity, household, coach, started_on=today)
    version = make_version(household, coach, today=today)
    follow_up = make_followup(version, coach, due_on=today, booked=today)
    project = make_project(household.unit, coach, starts_on=household.opened_on, ends_on=today)
    participant = join(project, household, coach, on=household.opened_on)
    sanction = make_sanction(
        household.unit,
        household,
        coach=coach,
        caseworker=persona("caseworker"),
        manager=persona("unit_manager"),
        today=today,
    )
    reconsideration = sanction_reconsider(
        proposal=sanction,
        outcome=ReconsiderationOutcome.LOWERED,
        occasion=ReconsiderationOccasion.CLIENT_REQUEST,
        amount=300,
        reasons="Läkarintyg för en av dagarna.",
        by=persona("unit_manager"),
        now=timezone.now(),
    )
    claim = recovery_claim_register(
        household=household,
        payments=[run.payments.get()],
        ground=RecoveryGround.CAUSED,
        facts="Lön redovisades inte.",
        amount=100,
        by=persona("caseworker"),
    )
    recovery = recovery_decision_sign(
        decision=recovery_decision_draft(claim=claim, reasons="Skäl.", by=persona("caseworker")),
        by=persona("caseworker"),
        now=timezone.now(),
    )
    forwarded, dismissed = _appeals(decision, persona("caseworker"))
    # The applicant persona is the case's own applicant (My pages open only their own case).
    ApplicantAccount.objects.create(
        user=persona("applicant"), person=household.members.get().person
    )
    document_request = document_request_create(
        household=household,
        kind="payslip",
        what="Lönespecifikation",
        last_day=today,
        month=None,
        by=persona("caseworker"),
        today=today,
    )
    employer = make_employer(household.unit, coach)
    offer = make_offer(employer, coach, starts_on=today, ends_on=today)
    return {
        **_employer_ids(employer, offer, household, coach),
        "request_id": document_request.pk,
        "appeal_id": forwarded,
        "dismissed_appeal_id": dismissed,
        "household_id": household.pk,
        "person_id": household.members.get().person_id,
        "claim_id": claim.pk,
        "recovery_decision_id": recovery.pk,
        "application_id": household.applications.get().pk,
        "calculation_id": decision.calculation_id,
        "decision_id": decision.pk,
        "run_id": run.pk,
        "proposal_id": sanction.pk,
        "reconsideration_id": reconsideration.pk,
        "payment_id": run.payments.get().pk,
        "activity_id": activity.pk,
        "referral_id": referral.pk,
        "followup_id": follow_up.pk,
        "project_id": project.pk,
        "participant_id": participant.pk,
        "submission_id": make_submission().pk,
        "note_id": make_note(household, persona("caseworker")).pk,
        "discussion_id": make_discussion(household, persona("caseworker")).pk,
        "kommunicering_id": _kommunicering(decision, persona("caseworker")),
        "document_id": upload(household, persona("caseworker")).pk,
        **_cooperation_ids(household, persona("caseworker")),
        **_placement_ids(household, persona("caseworker"), persona("unit_manager")),
        **_renewal(household.unit, persona("caseworker")),
    }


def _employer_ids(
    employer: Employer, offer: Offer, household: Household, by: User
) -> dict[str, int]:
    """The employer network's objects of the case: a contact person and a placement."""
    contact = contact_save(
        employer=employer,
        contact=None,
        name="Lena Berg",
        role="Lagerchef",
        phone="",
        email="",
        by=by,
    )
    placement = place(offer, household, by, on=offer.starts_on)
    return {
        "employer_id": employer.pk,
        "contact_id": contact.pk,
        "offer_id": offer.pk,
        "placement_id": placement.pk,
    }


def _appeals(decision: Decision, by: User) -> tuple[int, int]:
    """Two appeals of the case's decision: one on time, reconsidered and forwarded; one late and
    dismissed (its receipt recorded today; the late one registered as if weeks from now)."""
    today, now = timezone.localdate(), timezone.now()
    decision = decision_record_receipt(decision=decision, received_on=today, today=today, by=by)
    appealed = appealable_get(decision.household_id, f"decision:{decision.pk}")
    assert appealed is not None

    def register(on: date) -> Appeal:
        return appeal_register(
            household=decision.household,
            appealed=appealed,
            received_on=on,
            claims="Hela hyran.",
            incorrect_instructions=False,
            reached_court_on=None,
            today=today + timedelta(days=40),
            by=by,
        )

    forwarded = register(today)
    appeal_reconsider(
        appeal=forwarded,
        outcome=AppealReconsideration.KEPT,
        reasons="Står fast.",
        new_decision=None,
        by=by,
        now=now,
    )
    appeal_forward(appeal=forwarded, statement="Yttrande.", forwarded_on=today, by=by, now=now)
    dismissed = register(today + timedelta(days=30))
    appeal_dismiss(appeal=dismissed, reasons="För sent.", by=by, now=now)
    return forwarded.pk, dismissed.pk


def _cooperation_ids(household: Household, by: User) -> dict[str, int]:
    """A partner organisation and a consent of the case's applicant, given in the e-service."""
    organisation = partner_organisation_create(
        name="Arbetsförmedlingen", kind=OrganisationKind.ARBETSFORMEDLINGEN, by=by
    )
    person = household.members.get().person
    consent = consent_register(
        household=household,
        person=person,
        organisations=[organisation],
        kinds=[InformationKind.PLAN],
        valid_from=timezone.localdate(),
        valid_to=None,
        given_how=GivenHow.E_SERVICE,
        by=by,
        now=timezone.now(),
    )
    return {
        "organisation_id": organisation.pk,
        "consent_id": consent.pk,
        **_review_ids(household, organisation, by),
    }


def _review_ids(
    household: Household, organisation: PartnerOrganisation, by: User
) -> dict[str, int]:
    """A review group of the organisation, a meeting held today with the case on its agenda, and
    the minutes' one action (the organisation's)."""
    group = make_group(household.unit, by, [organisation])
    meeting = make_meeting(group, by, in_days=0)
    item = put_on(meeting, household, by)
    meeting_hold(meeting=meeting, by=by, now=timezone.now())
    minutes_record(
        item=item,
        agreed="Praktik.",
        actions=[
            ActionInput(
                ActionParty.PARTNER, "Anvisa", timezone.localdate(), organisation=organisation
            )
        ],
        by=by,
        now=timezone.now(),
    )
    return {
        "group_id": group.pk,
        "meeting_id": meeting.pk,
        "item_id": item.pk,
        "action_id": item.actions.get().pk,
    }


def _placement_ids(household: Household, caseworker: User, manager: User) -> dict[str, int]:
    """A selection group and a placement of the case, approved, its agreement written."""
    group = make_selection_group(household.unit, manager)
    consent_all(household, group, caseworker)
    placement = propose(group, household, caseworker)
    approve_all(placement, group, manager)
    agreement_write(
        placement=placement,
        goal="Mål.",
        content="Innehåll.",
        consequences="Följder.",
        follow_up_dates=[placement.starts_on],
        by=caseworker,
    )
    return {
        "selection_group_id": group.group.pk,
        "group_placement_id": placement.pk,
        "follow_up_id": placement.follow_ups.get().pk,
    }


def _renewal(unit: Unit, caseworker: User) -> dict[str, int]:
    """A renewal sent on My pages and its pre-assessment's proposal, in another case."""
    online = renew(make_renewal_case(unit, caseworker, serial=9))
    return {"online_id": online.pk, "renewal_proposal_id": online.proposal.pk}


def _kommunicering(decision: Decision, by: User) -> int:
    """A kommunicering recorded on the case's decision, for the letter's and answer's URLs (the
    model is written directly: the service records it only on a draft)."""
    today = timezone.localdate()
    return Kommunicering.objects.create(
        household_id=decision.household_id,
        decision=decision,
        material="Kontoutdrag",
        method="letter",
        sent_on=today,
        answer_by=today,
        created_by=by,
    ).pk


def _url(name: str, ids: dict[str, int]) -> str:
    pattern_kwargs = {
        "people:household_detail": ["household_id"],
        "people:household_access_log": ["household_id"],
        "people:household_edit": ["household_id"],
        "people:person_detail": ["person_id"],
        "people:person_register_extract_json": ["person_id"],
        "people:person_register_extract_pdf": ["person_id"],
        "intake:application_detail": ["application_id"],
        "intake:meeting_mark": ["application_id"],
        "decisions:calculation": ["household_id"],
        "decisions:calculation_preview": ["household_id"],
        "decisions:calculation_detail": ["household_id", "calculation_id"],
        "decisions:decision_create": ["household_id"],
        "decisions:decision_detail": ["household_id", "decision_id"],
        "decisions:decision_letter": ["household_id", "decision_id"],
        "decisions:decision_sign": ["household_id", "decision_id"],
        "decisions:decision_received": ["household_id", "decision_id"],
        "payments:emergency": ["household_id", "decision_id"],
        "payments:run_detail": ["run_id"],
        "payments:run_file": ["run_id"],
        "payments:mark": ["payment_id"],
        "activities:activity_detail": ["activity_id"],
        "activities:attendance": ["activity_id"],
        "activities:activity_change": ["activity_id"],
        "activities:activity_end": ["activity_id"],
        "activities:case_activities": ["household_id"],
        "activities:ability": ["household_id"],
        "activities:referral_detail": ["referral_id"],
        "activities:referral_step": ["referral_id"],
        "activities:sanction_detail": ["proposal_id"],
        "activities:sanction_assess": ["proposal_id"],
        "activities:sanction_decide": ["proposal_id"],
        "activities:sanction_received": ["proposal_id"],
        "activities:sanction_letter": ["proposal_id"],
        "activities:sanction_reconsider": ["proposal_id"],
        "activities:sanction_reconsideration_received": ["reconsideration_id"],
        "activities:sanction_reconsideration_letter": ["reconsideration_id"],
        "followup:case_close": ["household_id"],
        "planning:plan_detail": ["household_id", "person_id"],
        "planning:version_create": ["household_id", "person_id"],
        "planning:version_sign": ["household_id", "person_id"],
        "planning:followup_book": ["household_id", "person_id"],
        "planning:followup_hold": ["household_id", "person_id", "followup_id"],
        "planning:followup_cancel": ["household_id", "person_id", "followup_id"],
        "projects:project_detail": ["project_id"],
        "projects:project_edit": ["project_id"],
        "projects:project_outcomes_csv": ["project_id"],
        "projects:participant_find": ["project_id"],
        "projects:participant_end": ["participant_id"],
        "projects:case_projects": ["household_id"],
        "employers:employer_detail": ["employer_id"],
        "employers:employer_edit": ["employer_id"],
        "employers:contact_create": ["employer_id"],
        "employers:contact_edit": ["contact_id"],
        "employers:offer_create": ["employer_id"],
        "employers:offer_detail": ["offer_id"],
        "employers:offer_edit": ["offer_id"],
        "employers:placement_end": ["placement_id"],
        "employers:case_matches": ["household_id"],
        "employers:client_profile": ["household_id", "person_id"],
        "employers:placement_create": ["household_id", "offer_id"],
        "reporting:reasons": ["household_id"],
        "reporting:file": ["submission_id"],
        "decisions:recovery_list": ["household_id"],
        "decisions:recovery_register": ["household_id"],
        "decisions:recovery_detail": ["household_id", "claim_id"],
        "decisions:recovery_decision_create": ["household_id", "claim_id"],
        "decisions:recovery_waiver": ["household_id", "claim_id"],
        "decisions:recovery_decision_sign": ["household_id", "claim_id", "recovery_decision_id"],
        "decisions:recovery_decision_received": [
            "household_id",
            "claim_id",
            "recovery_decision_id",
        ],
        "decisions:recovery_letter": ["household_id", "claim_id", "recovery_decision_id"],
        "decisions:recovery_plan": ["household_id", "claim_id"],
        "decisions:recovery_repayment": ["household_id", "claim_id"],
        "decisions:recovery_police_report": ["household_id", "claim_id"],
        "decisions:appeal_list": ["household_id"],
        "decisions:appeal_register": ["household_id"],
        "decisions:appeal_detail": ["household_id", "appeal_id"],
        "decisions:appeal_dismiss": ["household_id", "appeal_id"],
        "decisions:appeal_reconsider": ["household_id", "appeal_id"],
        "decisions:appeal_forward": ["household_id", "appeal_id"],
        "decisions:appeal_judgment": ["household_id", "appeal_id"],
        "decisions:appeal_forwarding_letter": ["household_id", "appeal_id"],
        "casefile:journal": ["household_id"],
        "casefile:journal_note_create": ["household_id"],
        "casefile:journal_letter": ["household_id"],
        "casefile:journal_note_detail": ["household_id", "note_id"],
        "casefile:journal_note_edit": ["household_id", "note_id"],
        "casefile:journal_note_delete": ["household_id", "note_id"],
        "casefile:journal_note_sign": ["household_id", "note_id"],
        "casefile:journal_note_correct": ["household_id", "note_id"],
        "casefile:note_objection_create": ["household_id", "note_id"],
        "casefile:case_discussion_request": ["household_id"],
        "casefile:case_discussion_hold": ["discussion_id"],
        "casefile:case_discussion_cancel": ["discussion_id"],
        "casefile:assessment_detail": ["household_id"],
        "casefile:assessment_edit": ["household_id"],
        "casefile:assessment_sign": ["household_id"],
        "casefile:kommunicering": ["household_id", "decision_id"],
        "casefile:kommunicering_answer": ["household_id", "decision_id", "kommunicering_id"],
        "casefile:kommunicering_letter": ["household_id", "decision_id", "kommunicering_id"],
        "casefile:timeline": ["household_id"],
        "casefile:documents": ["household_id"],
        "casefile:document_upload": ["household_id"],
        "casefile:document_detail": ["household_id", "document_id"],
        "casefile:document_download": ["household_id", "document_id"],
        "casefile:document_mark_in_error": ["household_id", "document_id"],
        "cooperation:partner_edit": ["organisation_id"],
        "cooperation:contact_create": ["organisation_id"],
        "cooperation:case_consents": ["household_id"],
        "cooperation:consent_create": ["household_id"],
        "cooperation:consent_withdraw": ["household_id", "consent_id"],
        "cooperation:consent_form_pdf": ["household_id"],
        "cooperation:disclosure_printout": ["household_id"],
        "cooperation:af_status_edit": ["household_id", "person_id"],
        "cooperation:partner_person": ["person_id"],
        "reviews:group_detail": ["group_id"],
        "reviews:group_edit": ["group_id"],
        "reviews:meeting_create": ["group_id"],
        "reviews:meetings_schedule": ["group_id"],
        "reviews:meeting_detail": ["meeting_id"],
        "reviews:meeting_hold": ["meeting_id"],
        "reviews:agenda_remove": ["meeting_id", "item_id"],
        "reviews:minutes": ["meeting_id", "item_id"],
        "reviews:action_done": ["action_id"],
        "reviews:action_edit": ["action_id"],
        "reviews:case_reviews": ["household_id"],
        "reviews:three_party_create": ["household_id"],
        "reviews:partner_meeting": ["meeting_id"],
        "placements:case_placements": ["household_id"],
        "placements:placement_create": ["household_id"],
        "placements:placement_detail": ["placement_id"],
        "placements:vote": ["placement_id"],
        "placements:agreement_edit": ["placement_id"],
        "placements:agreement_pdf": ["placement_id"],
        "placements:agreement_sign": ["placement_id"],
        "placements:start": ["placement_id"],
        "placements:follow_up_hold": ["placement_id", "follow_up_id"],
        "placements:end": ["placement_id"],
        "placements:partner_detail": ["placement_id"],
        "placements:partner_vote": ["placement_id"],
        "mypages:apply_receipt": ["online_id"],
        "preassessment:proposal_detail": ["renewal_proposal_id"],
        "casefile:document_requests": ["household_id"],
        "casefile:document_request_review": ["household_id", "request_id"],
        "casefile:preliminary_reply": ["household_id", "application_id"],
        "mypages:request_upload": ["request_id"],
        "mypages:decision_detail": ["decision_id"],
        "mypages:decision_letter": ["decision_id"],
        "mypages:appeal_send": ["decision_id"],
        "mypages:absence_report": ["referral_id"],
        "mypages:consent_withdraw": ["consent_id"],
    }.get(name, [])
    if name == "api:eservice_plan_sign":  # any version: the method is refused first
        return reverse(name, kwargs={"version_id": 1})
    if name == "reviews:partner_user_active":  # any user: the method is refused first
        return reverse(name, kwargs={"user_id": 1})
    if name == "decisions:appeal_dismissal_letter":  # the case's dismissed appeal
        return reverse(
            name,
            kwargs={"household_id": ids["household_id"], "appeal_id": ids["dismissed_appeal_id"]},
        )
    if name == "statistics:municipality":  # a code of the shipped seed table, not a case
        return reverse(name, kwargs={"code": "1982"})
    if name == "placements:group_edit":  # a selection group, not the review group of `group_id`
        return reverse(name, kwargs={"group_id": ids["selection_group_id"]})
    if name.startswith("placements:"):  # a placement decided together, not the employer network's
        ids = {**ids, "placement_id": ids["group_placement_id"]}
    return reverse(name, kwargs={key: ids[key] for key in pattern_kwargs})


@pytest.mark.parametrize("role", [*ROLES, ANON])
def test_each_role_gets_the_expected_answer_on_every_page(
    role: str, case_in_unit: dict[str, int], client_as: Callable[..., Client]
) -> None:
    client = Client() if role == ANON else client_as(role)
    outcomes = {name: client.get(_url(name, case_in_unit)).status_code for name in sorted(EXPECTED)}
    outcomes["admin:index"] = client.get(reverse("admin:index")).status_code
    expected = {name: _expected(table, role) for name, table in EXPECTED.items()} | {
        "admin:index": ADMIN_INDEX[role]
    }
    assert outcomes == expected


@pytest.mark.parametrize("role", ["caseworker", "work_coach", "unit_manager"])
def test_staff_of_another_unit_get_the_same_answer_as_for_a_missing_case(
    role: str, case_in_unit: dict[str, int], persona: Callable[..., User], other_unit: Unit
) -> None:
    client = Client()
    client.force_login(persona(role, in_unit=other_unit))
    for name in (
        "people:household_detail",
        "people:person_detail",
        "people:person_register_extract_json",
        "people:person_register_extract_pdf",
        "intake:application_detail",
        "activities:referral_detail",
        "activities:sanction_detail",
        "planning:plan_detail",
        "decisions:recovery_detail",
        "casefile:journal",
        "casefile:journal_note_detail",
        "casefile:timeline",
        "casefile:document_detail",
        "casefile:document_download",
    ):
        foreign = client.get(_url(name, case_in_unit))
        missing = client.get(_url(name, dict.fromkeys(case_in_unit, 999_999)))
        assert foreign.status_code == missing.status_code == 404
        assert _main(foreign.content) == _main(missing.content)


def _main(page: bytes) -> bytes:
    """The page's main content (the rest holds the request's own path and CSRF token)."""
    match = re.search(rb"<main.*</main>", page, re.DOTALL)
    assert match is not None
    return match.group(0)
