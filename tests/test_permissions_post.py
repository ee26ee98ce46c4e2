"""Who may perform each action (POST), role by role: the page matrix only GETs them."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.activities.models import ReconsiderationOccasion, ReconsiderationOutcome
from bryggan.activities.services import sanction_reconsider
from bryggan.casefile.rules_kommunicering import Basis
from bryggan.casefile.services_kommunicering import KommuniceringInput, kommunicering_record
from bryggan.casefile.services_requests import document_request_create
from bryggan.cooperation.models import Consent, PartnerUser
from bryggan.cooperation.rules import GivenHow, InformationKind, OrganisationKind
from bryggan.cooperation.services import consent_register, partner_organisation_create
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import RecoveryGround
from bryggan.decisions.selectors_appeals import appealable_get
from bryggan.decisions.services_appeals import appeal_register
from bryggan.decisions.services_recovery import recovery_claim_register, recovery_decision_draft
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
from tests.reviews.factories import make_group, make_meeting, put_on

__all__ = ["current_year_norm", "delegation", "make_decision"]
pytestmark = pytest.mark.django_db
DENIED = 403

CASE_STAFF = {"caseworker", "work_coach", "unit_manager"}

# The roles allowed to POST each action; every other role must get 403.
ALLOWED = {
    "decisions:decision_sign": {"caseworker", "unit_manager"},
    "decisions:decision_received": {"caseworker", "unit_manager"},
    "decisions:calculation_preview": {"caseworker", "work_coach", "unit_manager"},
    "intake:meeting_mark": {"caseworker", "work_coach", "unit_manager"},
    "payments:run_execute": {"unit_manager"},
    "payments:emergency": {"caseworker", "unit_manager"},
    "reporting:reasons": {"caseworker", "unit_manager"},
    "reporting:submit": {"unit_manager"},
    "planning:version_create": CASE_STAFF,
    "planning:version_sign": CASE_STAFF,
    "planning:followup_book": CASE_STAFF,
    "planning:followup_hold": CASE_STAFF,
    "planning:followup_cancel": CASE_STAFF,
    "activities:activity_create": {"work_coach", "unit_manager"},
    "activities:attendance": {"work_coach", "unit_manager"},
    "activities:activity_change": {"work_coach", "unit_manager"},
    "activities:activity_end": {"work_coach", "unit_manager"},
    "activities:case_activities": CASE_STAFF,
    "activities:ability": CASE_STAFF,
    "activities:referral_step": {"work_coach", "unit_manager"},
    "activities:sanction_assess": {"caseworker", "unit_manager"},
    "activities:sanction_decide": {"unit_manager"},
    "activities:sanction_received": {"caseworker", "unit_manager"},
    "activities:sanction_reconsider": {"unit_manager"},
    "activities:sanction_reconsideration_received": {"caseworker", "unit_manager"},
    "decisions:calculation": CASE_STAFF,
    "decisions:decision_create": {"caseworker", "unit_manager"},
    "followup:case_close": {"caseworker", "unit_manager"},
    "people:household_edit": {"caseworker", "unit_manager"},
    "intake:application_create": {"caseworker", "unit_manager"},
    "norm_entry:riksnorm_enter": {"administrator"},
    "norm_entry:riksnorm_import": {"administrator"},
    "payments:mark": {"unit_manager"},
    "casefile:assessment_edit": {"caseworker", "unit_manager"},
    "casefile:assessment_sign": {"caseworker", "unit_manager"},
    "casefile:kommunicering": {"caseworker", "unit_manager"},
    "casefile:kommunicering_answer": {"caseworker", "unit_manager"},
    "casefile:document_upload": CASE_STAFF,
    "casefile:document_mark_in_error": CASE_STAFF,
}
# Actions anyone signed in may take.
# Actions on one's own account: the second factor (tests/accounts/test_second_factor.py).
# The demo's test sign-in: open to anyone with debug on, not found with it off
# (tests/mypages/test_signin.py). The language switch: anyone, signed in or not.
EVERYONE = {
    "accounts:logout",
    "accounts:otp_verify",
    "accounts:otp_enrol",
    "mypages:demo_signin",
    "set_language",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_only_the_allowed_roles_may_post(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    kwargs = action_kwargs(name, make_decision, persona)
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED


def action_kwargs(
    name: str, make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> dict[str, int]:
    """The URL arguments of an `ALLOWED` action, with the objects it acts on made for it."""
    decision = make_decision(5, sign=False)
    kwargs = {
        "decisions:decision_sign": {
            "household_id": decision.household_id,
            "decision_id": decision.pk,
        },
        "decisions:decision_received": {
            "household_id": decision.household_id,
            "decision_id": decision.pk,
        },
        "decisions:calculation_preview": {"household_id": decision.household_id},
        "intake:meeting_mark": {"application_id": decision.household.applications.get().pk},
        "payments:run_execute": {},
        "payments:emergency": {"household_id": decision.household_id, "decision_id": decision.pk},
        "reporting:reasons": {"household_id": decision.household_id},
        "reporting:submit": {},
        "decisions:calculation": {"household_id": decision.household_id},
        "decisions:decision_create": {"household_id": decision.household_id},
        "followup:case_close": {"household_id": decision.household_id},
        "people:household_edit": {"household_id": decision.household_id},
        "intake:application_create": {},
        "norm_entry:riksnorm_enter": {},
        "norm_entry:riksnorm_import": {},
        "casefile:assessment_edit": {"household_id": decision.household_id},
        "casefile:assessment_sign": {"household_id": decision.household_id},
        "casefile:kommunicering": {
            "household_id": decision.household_id,
            "decision_id": decision.pk,
        },
    }.get(name)
    if name == "casefile:kommunicering_answer":
        kwargs = {
            "household_id": decision.household_id,
            "decision_id": decision.pk,
            "kommunicering_id": kommunicering_record(
                decision=decision,
                given=KommuniceringInput(
                    basis=Basis.COMMUNICATED,
                    material="Kontoutdrag",
                    method="letter",
                    sent_on=timezone.localdate(),
                    answer_by=timezone.localdate(),
                ),
                by=persona("caseworker"),
                today=timezone.localdate(),
            ).pk,
        }
    if name == "casefile:document_upload":
        kwargs = {"household_id": decision.household_id}
    if name == "casefile:document_mark_in_error":
        document = upload(decision.household, persona("caseworker"))
        kwargs = {"household_id": decision.household_id, "document_id": document.pk}
    if name == "payments:mark":
        make_decision(6)
        run = payment_run_execute(
            by=persona("unit_manager"), execution_date=timezone.localdate(), now=timezone.now()
        )
        kwargs = {"payment_id": run.payments.get().pk}
    if kwargs is None:
        kwargs = _work_line_kwargs(name, decision.household, persona)
    return kwargs


# Projects: the project and a participant are made only for these rows.
PROJECT_ALLOWED = {
    "projects:project_create": {"unit_manager"},
    "projects:project_edit": {"unit_manager"},
    "projects:case_projects": {"caseworker", "work_coach", "unit_manager"},
    "projects:participant_end": {"caseworker", "work_coach", "unit_manager"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PROJECT_ALLOWED))
def test_only_the_allowed_roles_may_post_to_projects(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    kwargs = project_kwargs(name, make_decision(5, sign=False).household, persona)
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in PROJECT_ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED


def project_kwargs(name: str, household: Household, persona: Callable[..., User]) -> dict[str, int]:
    """The URL arguments of a `PROJECT_ALLOWED` action: a project with the case as participant."""
    today = timezone.localdate()
    project = make_project(
        household.unit, persona("unit_manager"), starts_on=household.opened_on, ends_on=today
    )
    participant = join(project, household, persona("caseworker"), on=household.opened_on)
    kwargs = {
        "projects:project_create": {},
        "projects:project_edit": {"project_id": project.pk},
        "projects:case_projects": {"household_id": household.pk},
        "projects:participant_end": {"participant_id": participant.pk},
    }[name]
    return kwargs


# Recovery (återkrav): a claim on the case's payment, with a draft recovery decision, made only
# for these rows.
DECIDERS = {"caseworker", "unit_manager"}
RECOVERY_ALLOWED = {
    "decisions:recovery_register": DECIDERS,
    "decisions:recovery_decision_create": DECIDERS,
    "decisions:recovery_waiver": DECIDERS,
    "decisions:recovery_decision_sign": DECIDERS,
    "decisions:recovery_decision_received": DECIDERS,
    "decisions:recovery_plan": DECIDERS,
    "decisions:recovery_repayment": DECIDERS,
    "decisions:recovery_police_report": DECIDERS,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(RECOVERY_ALLOWED))
def test_only_the_allowed_roles_may_post_to_recovery(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    kwargs = recovery_kwargs(name, make_decision(6).household, persona)
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in RECOVERY_ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED


def recovery_kwargs(
    name: str, household: Household, persona: Callable[..., User]
) -> dict[str, int]:
    """The URL arguments of a `RECOVERY_ALLOWED` action: a claim on the case's paid decision
    (`make_decision(6)`) with a draft recovery decision."""
    run = payment_run_execute(
        by=persona("unit_manager"), execution_date=timezone.localdate(), now=timezone.now()
    )
    claim = recovery_claim_register(
        household=household,
        payments=[run.payments.get()],
        ground=RecoveryGround.CAUSED,
        facts="Lön redovisades inte.",
        amount=100,
        by=persona("caseworker"),
    )
    draft = recovery_decision_draft(claim=claim, reasons="Skäl.", by=persona("caseworker"))
    case = {"household_id": household.pk}
    on_claim = {**case, "claim_id": claim.pk}
    kwargs = {
        "decisions:recovery_register": case,
        "decisions:recovery_decision_sign": {**on_claim, "recovery_decision_id": draft.pk},
        "decisions:recovery_decision_received": {**on_claim, "recovery_decision_id": draft.pk},
    }.get(name, on_claim)
    return kwargs


# Appeals: an appeal registered against the case's signed decision, made only for these rows.
APPEAL_ALLOWED = {
    "decisions:appeal_register": DECIDERS,
    "decisions:appeal_dismiss": DECIDERS,
    "decisions:appeal_reconsider": DECIDERS,
    "decisions:appeal_forward": DECIDERS,
    "decisions:appeal_judgment": DECIDERS,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(APPEAL_ALLOWED))
def test_only_the_allowed_roles_may_post_to_appeals(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    decision = make_decision(6)
    appealed = appealable_get(decision.household_id, f"decision:{decision.pk}")
    assert appealed is not None
    appeal = appeal_register(
        household=decision.household,
        appealed=appealed,
        received_on=timezone.localdate(),
        claims="Hela hyran.",
        incorrect_instructions=False,
        reached_court_on=None,
        today=timezone.localdate(),
        by=persona("caseworker"),
    )
    kwargs = {"household_id": decision.household_id}
    if name != "decisions:appeal_register":
        kwargs["appeal_id"] = appeal.pk
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in APPEAL_ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED


# The journal and case discussions: a signed note and a requested discussion of the case.
JOURNAL_ALLOWED = {
    "casefile:journal_note_create": CASE_STAFF,
    "casefile:journal_note_edit": CASE_STAFF,
    "casefile:journal_note_delete": CASE_STAFF,
    "casefile:journal_note_sign": CASE_STAFF,
    "casefile:journal_note_correct": CASE_STAFF,
    "casefile:note_objection_create": CASE_STAFF,
    "casefile:case_discussion_request": CASE_STAFF,
    "casefile:case_discussion_hold": {"unit_manager"},
    "casefile:case_discussion_cancel": CASE_STAFF,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(JOURNAL_ALLOWED))
def test_only_the_allowed_roles_may_post_to_the_journal(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    kwargs = journal_kwargs(name, make_decision(5, sign=False).household, persona)
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in JOURNAL_ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED


def journal_kwargs(name: str, household: Household, persona: Callable[..., User]) -> dict[str, int]:
    """The URL arguments of a `JOURNAL_ALLOWED` action: a note and a requested discussion."""
    note = make_note(household, persona("caseworker"))
    discussion = make_discussion(household, persona("caseworker"))
    if name in ("casefile:journal_note_create", "casefile:case_discussion_request"):
        kwargs = {"household_id": household.pk}
    elif name.startswith("casefile:case_discussion"):
        kwargs = {"discussion_id": discussion.pk}
    else:
        kwargs = {"household_id": household.pk, "note_id": note.pk}
    return kwargs


# The employer network: an employer with a contact and an offer, the case placed there, made only
# for these rows. The register of employers and offers is the coaches' and managers'; matching,
# placing and the client's facts are every case worker's.
EMPLOYER_MANAGERS = {"work_coach", "unit_manager"}
EMPLOYER_ALLOWED = {
    "employers:employer_create": EMPLOYER_MANAGERS,
    "employers:employer_edit": EMPLOYER_MANAGERS,
    "employers:contact_create": EMPLOYER_MANAGERS,
    "employers:contact_edit": EMPLOYER_MANAGERS,
    "employers:offer_create": EMPLOYER_MANAGERS,
    "employers:offer_edit": EMPLOYER_MANAGERS,
    "employers:client_profile": CASE_STAFF,
    "employers:placement_create": CASE_STAFF,
    "employers:placement_end": CASE_STAFF,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EMPLOYER_ALLOWED))
def test_only_the_allowed_roles_may_post_to_the_employer_network(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    kwargs = employer_kwargs(name, make_decision(5, sign=False).household, persona)
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in EMPLOYER_ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED


def employer_kwargs(
    name: str, household: Household, persona: Callable[..., User]
) -> dict[str, int]:
    coach, today = persona("work_coach"), timezone.localdate()
    employer = make_employer(household.unit, coach)
    offer = make_offer(employer, coach, starts_on=today, ends_on=today)
    contact = contact_save(
        employer=employer, contact=None, name="Lena Berg", role="", phone="", email="", by=coach
    )
    placement = place(offer, household, coach, on=today)
    return {
        "employers:employer_create": {},
        "employers:employer_edit": {"employer_id": employer.pk},
        "employers:contact_create": {"employer_id": employer.pk},
        "employers:contact_edit": {"contact_id": contact.pk},
        "employers:offer_create": {"employer_id": employer.pk},
        "employers:offer_edit": {"offer_id": offer.pk},
        "employers:client_profile": {
            "household_id": household.pk,
            "person_id": household.members.get().person_id,
        },
        "employers:placement_create": {"household_id": household.pk, "offer_id": offer.pk},
        "employers:placement_end": {"placement_id": placement.pk},
    }[name]


HTTP_DECORATORS = "django/views/decorators/http.py"


def _post_views() -> set[str]:
    """Every URL name whose view takes POST: `require_POST`, or a form view reading POST."""
    names = set()
    for name, callback in _named_patterns(get_resolver().url_patterns, ""):
        chain, view = [], callback
        while view is not None:
            chain.append(view)
            view = getattr(view, "__wrapped__", None)
        if not chain[-1].__module__.startswith("bryggan."):
            continue
        # `require_POST`'s wrapper takes the view's name and module (functools.wraps): its code
        # still lives in Django's http decorators.
        code_files = [getattr(v, "__code__", None) for v in chain]
        if any(c and c.co_filename.endswith(HTTP_DECORATORS) for c in code_files) or (
            "request.POST" in inspect.getsource(chain[-1])
            or 'request.method == "POST"' in inspect.getsource(chain[-1])
        ):
            names.add(name)
    return names


def _named_patterns(patterns: list[Any], namespace: str) -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def test_every_action_that_takes_post_is_in_a_table() -> None:
    """Like the page matrix: a new POST action cannot ship without a decision on who may take it."""
    tables = [
        ALLOWED,
        PROJECT_ALLOWED,
        RECOVERY_ALLOWED,
        JOURNAL_ALLOWED,
        APPEAL_ALLOWED,
        COOPERATION_ALLOWED,
        REVIEWS_ALLOWED,
        PLACEMENT_ALLOWED,
        RENEWAL_ALLOWED,
        EMPLOYER_ALLOWED,
        MYPAGES_ALLOWED,
    ]
    untested = _post_views() - set().union(*tables) - EVERYONE
    assert not untested, f"POST actions without a row: {sorted(untested)}"
    # The scan finds both kinds: a `require_POST` action and a form view.
    assert {"decisions:decision_sign", "intake:application_create"} <= _post_views()


def _work_line_kwargs(
    name: str, household: Household, persona: Callable[..., User]
) -> dict[str, int]:
    """The URL arguments of the plan and work-line actions, with the objects they act on."""
    coach, today = persona("work_coach"), timezone.localdate()
    plan = {"household_id": household.pk, "person_id": household.members.get().person_id}
    if name in ("planning:followup_hold", "planning:followup_cancel"):
        version = make_version(household, coach, today=today)
        follow_up = make_followup(version, coach, due_on=today, booked=today)
        return {**plan, "followup_id": follow_up.pk}
    if name.startswith("planning:"):
        return plan
    if name in ("activities:case_activities", "activities:ability"):
        return {"household_id": household.pk}
    if name == "activities:activity_create":
        return {}
    if name in (
        "activities:attendance",
        "activities:referral_step",
        "activities:activity_change",
        "activities:activity_end",
    ):
        activity = make_activity(household.unit, coach, today=today)
        if name != "activities:referral_step":
            return {"activity_id": activity.pk}
        return {"referral_id": make_participant(activity, household, coach, started_on=today).pk}
    if name == "activities:sanction_reconsideration_received":
        decided = make_sanction(
            household.unit,
            household,
            coach=coach,
            caseworker=persona("caseworker"),
            manager=persona("unit_manager"),
            today=today,
        )
        reconsideration = sanction_reconsider(
            proposal=decided,
            outcome=ReconsiderationOutcome.REVOKED,
            occasion=ReconsiderationOccasion.NEW_CIRCUMSTANCES,
            amount=None,
            reasons="Giltigt skäl visat i efterhand.",
            by=persona("unit_manager"),
            now=timezone.now(),
        )
        return {"reconsideration_id": reconsideration.pk}
    proposal = make_sanction(household.unit, household, coach=coach, today=today)
    return {"proposal_id": proposal.pk}


# Cooperation: a partner organisation and a consent of the case's applicant, made for these rows.
COOPERATION_ALLOWED = {
    "cooperation:partner_create": {"unit_manager"},
    "cooperation:partner_edit": {"unit_manager"},
    "cooperation:contact_create": {"unit_manager"},
    "cooperation:consent_create": CASE_STAFF,
    "cooperation:consent_withdraw": CASE_STAFF,
    "cooperation:disclosure_printout": CASE_STAFF,
    "cooperation:af_status_edit": CASE_STAFF,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(COOPERATION_ALLOWED))
def test_only_the_allowed_roles_may_post_to_cooperation(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    household = make_decision(5, sign=False).household
    by = persona("caseworker")
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
    kwargs = {
        "cooperation:partner_create": {},
        "cooperation:partner_edit": {"organisation_id": organisation.pk},
        "cooperation:contact_create": {"organisation_id": organisation.pk},
        "cooperation:consent_create": {"household_id": household.pk},
        "cooperation:consent_withdraw": {"household_id": household.pk, "consent_id": consent.pk},
        "cooperation:disclosure_printout": {"household_id": household.pk},
        "cooperation:af_status_edit": {"household_id": household.pk, "person_id": person.pk},
    }[name]
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in COOPERATION_ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED


# Joint case reviews: a group of the organisation, a meeting with the case on its agenda (held for
# the minutes and the action, a second not held for the agenda's own actions).
REVIEWS_ALLOWED = {
    "reviews:group_create": {"unit_manager"},
    "reviews:group_edit": {"unit_manager"},
    "reviews:meeting_create": CASE_STAFF,
    "reviews:meetings_schedule": CASE_STAFF,
    "reviews:meeting_hold": CASE_STAFF,
    "reviews:agenda_remove": CASE_STAFF,
    "reviews:minutes": CASE_STAFF,
    "reviews:action_done": CASE_STAFF,
    "reviews:action_edit": CASE_STAFF,
    "reviews:case_reviews": CASE_STAFF,
    "reviews:three_party_create": CASE_STAFF,
    "reviews:partner_users": {"unit_manager", "administrator"},
    "reviews:partner_user_active": {"unit_manager", "administrator"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(REVIEWS_ALLOWED))
def test_only_the_allowed_roles_may_post_to_reviews(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    household = make_decision(5, sign=False).household
    by = persona("caseworker")
    organisation = partner_organisation_create(
        name="Arbetsförmedlingen", kind=OrganisationKind.ARBETSFORMEDLINGEN, by=by
    )
    consent_register(
        household=household,
        person=household.members.get().person,
        organisations=[organisation],
        kinds=[InformationKind.PLAN],
        valid_from=timezone.localdate(),
        valid_to=None,
        given_how=GivenHow.E_SERVICE,
        by=by,
        now=timezone.now(),
    )
    group = make_group(household.unit, by, [organisation])
    held, coming = make_meeting(group, by, in_days=0), make_meeting(group, by, in_days=14)
    item, open_item = put_on(held, household, by), put_on(coming, household, by)
    meeting_hold(meeting=held, by=by, now=timezone.now())
    action = ActionInput(
        ActionParty.PARTNER, "Anvisa", timezone.localdate(), organisation=organisation
    )
    if name == "reviews:partner_user_active":
        PartnerUser.objects.create(user=persona("partner"), organisation=organisation)
    if name in ("reviews:action_done", "reviews:action_edit"):
        minutes_record(item=item, agreed="Praktik.", actions=[action], by=by, now=timezone.now())
    kwargs = {
        "reviews:group_create": {},
        "reviews:group_edit": {"group_id": group.pk},
        "reviews:meeting_create": {"group_id": group.pk},
        "reviews:meetings_schedule": {"group_id": group.pk},
        "reviews:meeting_hold": {"meeting_id": coming.pk},
        "reviews:agenda_remove": {"meeting_id": coming.pk, "item_id": open_item.pk},
        "reviews:minutes": {"meeting_id": held.pk, "item_id": item.pk},
        "reviews:action_done": {
            "action_id": item.actions.first().pk if item.actions.exists() else 0
        },
        "reviews:action_edit": {
            "action_id": item.actions.first().pk if item.actions.exists() else 0
        },
        "reviews:case_reviews": {"household_id": household.pk},
        "reviews:three_party_create": {"household_id": household.pk},
        "reviews:partner_users": {},
        "reviews:partner_user_active": {"user_id": persona("partner").pk},
    }[name]
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in REVIEWS_ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED


# Placements decided together: the manager's groups and the own municipality's vote; the staff's
# proposals, agreements, start, follow-ups and end; the partner's own proposals and votes (the
# partner persona is tied here to a member organisation of the group).
PLACEMENT_ALLOWED = {
    "placements:group_create": {"unit_manager"},
    "placements:group_edit": {"unit_manager"},
    "placements:placement_create": CASE_STAFF,
    "placements:vote": {"unit_manager"},
    "placements:agreement_edit": CASE_STAFF,
    "placements:agreement_sign": CASE_STAFF,
    "placements:start": CASE_STAFF,
    "placements:follow_up_hold": CASE_STAFF,
    "placements:end": CASE_STAFF,
    "placements:partner_propose": {"partner"},
    "placements:partner_vote": {"partner"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PLACEMENT_ALLOWED))
def test_only_the_allowed_roles_may_post_to_placements(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    household = make_decision(5, sign=False).household
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    group = make_selection_group(household.unit, manager)
    PartnerUser.objects.create(user=persona("partner"), organisation=group.af)
    consent_all(household, group, caseworker)
    placement = propose(group, household, caseworker)
    approve_all(placement, group, manager, skip=group.af.pk)
    agreement_write(
        placement=placement,
        goal="Mål.",
        content="Innehåll.",
        consequences="Följder.",
        follow_up_dates=[placement.starts_on],
        by=caseworker,
    )
    on_placement = {"placement_id": placement.pk}
    kwargs = {
        "placements:group_create": {},
        "placements:group_edit": {"group_id": group.group.pk},
        "placements:placement_create": {"household_id": household.pk},
        "placements:follow_up_hold": {
            **on_placement,
            "follow_up_id": placement.follow_ups.get().pk,
        },
        "placements:partner_propose": {},
    }.get(name, on_placement)
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in PLACEMENT_ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED


# Applying online and deciding renewals from their proposals (issue 17).
RENEWAL_ALLOWED = {
    "mypages:apply_first": {"applicant"},
    "mypages:apply_renewal": {"applicant"},
    "mypages:apply_preview": {"applicant"},
    "preassessment:proposal_detail": {"caseworker", "unit_manager"},
    "preassessment:sign_many": {"caseworker", "unit_manager"},
}


@pytest.mark.parametrize("name", sorted(RENEWAL_ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_only_the_allowed_roles_may_apply_or_decide_renewals(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    kwargs = {}
    if name == "preassessment:proposal_detail":
        unit = make_decision(7).household.unit
        online = renew(make_renewal_case(unit, persona("caseworker"), serial=8))
        kwargs = {"renewal_proposal_id": online.proposal.pk}
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in RENEWAL_ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED


def _own_consent(household: Household, by: User) -> Consent:
    """A consent given by the case's applicant (the applicant persona's person)."""
    return consent_register(
        household=household,
        person=household.members.get().person,
        organisations=[
            partner_organisation_create(
                name="Arbetsförmedlingen", kind=OrganisationKind.ARBETSFORMEDLINGEN, by=None
            )
        ],
        kinds=[InformationKind.PLAN],
        valid_from=timezone.localdate(),
        valid_to=None,
        given_how=GivenHow.E_SERVICE,
        by=by,
        now=timezone.now(),
    )


# Requests for documents, preliminary replies and the applicant's own pages: the case's own
# applicant (the persona tied to the case's person) acts on My pages, staff on the case.
MYPAGES_ALLOWED = {
    "casefile:document_requests": CASE_STAFF,
    "casefile:document_request_review": CASE_STAFF,
    "casefile:preliminary_reply": DECIDERS,
    "mypages:request_upload": {"applicant"},
    "mypages:appeal_send": {"applicant"},
    "mypages:plan_sign": {"applicant"},
    "mypages:absence_report": {"applicant"},
    "mypages:my_data": {"applicant"},
    "mypages:consent_withdraw": {"applicant"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MYPAGES_ALLOWED))
def test_only_the_allowed_roles_may_post_to_requests_and_my_pages(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    decision = make_decision(6)
    household = decision.household
    ApplicantAccount.objects.create(
        user=persona("applicant"), person=household.members.get().person
    )
    today = timezone.localdate()
    request = document_request_create(
        household=household,
        kind="payslip",
        what="Lönespecifikation",
        last_day=today,
        month=None,
        by=persona("caseworker"),
        today=today,
    )
    activity = make_activity(household.unit, persona("work_coach"), today=today)
    referral = make_participant(activity, household, persona("work_coach"), started_on=today)
    consent = _own_consent(household, persona("caseworker"))
    kwargs = {
        "casefile:document_requests": {"household_id": household.pk},
        "casefile:document_request_review": {
            "household_id": household.pk,
            "request_id": request.pk,
        },
        "casefile:preliminary_reply": {
            "household_id": household.pk,
            "application_id": household.applications.get().pk,
        },
        "mypages:request_upload": {"request_id": request.pk},
        "mypages:appeal_send": {"decision_id": decision.pk},
        "mypages:absence_report": {"referral_id": referral.pk},
        "mypages:consent_withdraw": {"consent_id": consent.pk},
    }.get(name, {})
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in MYPAGES_ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED
