"""The register extract (*registerutdrag*): everything stored about one person, as one document.

GDPR art. 15: the person's right to a copy of the personal data processed about them; the first
copy is free (art. 15(3)); the answer is due within one month (art. 12(3), not tracked here).
Secrecy does not apply against the person themselves (OSL 12 kap. 1 §); other members of the
household are named only by name and role, and not at all when they have a protected identity.
Source: shared/domain/case-file.md, "The client's own access".

This module reads (a selector across the case apps); `register_extract_build` returns a plain
dict, the JSON document, whose structure is stable and documented here:

    {"format": "bryggan.register_extract", "version": 1, "made_at": ISO datetime,
     "note": text, "person": {...}, "households": [...], "<section>": [...], ...}

Every section in `SECTIONS` is a list of records (dicts); dates and datetimes are ISO strings
(datetimes in local time with offset), amounts whole kronor (int), choices their stored codes,
staff named by full name. Records are ordered oldest first. A household-level record (a decision,
a payment) is in the extract when the person is or was a member of its household; a record about
one member (a referral, a sanction, a journal note about a member) only when that member is the
person.

`MODEL_SECTIONS` maps every model with a foreign key to `people.Person` or `people.Household` to
the section holding it; `NOT_PERSONAL_DATA` lists those left out, each with its reason.
`tests/people/test_register_extract.py` fails when a model is in neither.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Model, Q
from django.utils import timezone

from bryggan.activities.models import ParticipationAbility, Referral, SanctionProposal
from bryggan.audit.models import AccessLogEntry
from bryggan.casefile.models import (
    Assessment,
    CaseDiscussion,
    Document,
    DocumentRequest,
    JournalNote,
    JournalNoteStatus,
    Kommunicering,
    PreliminaryReply,
)
from bryggan.cooperation.models import AfStatusRecord, Consent, Disclosure
from bryggan.decisions.models import Appeal, Decision, RecoveryClaim, SavedCalculation
from bryggan.employers.models import ClientProfile, Placement
from bryggan.followup.models import AssistanceMonth, Closure
from bryggan.intake.models import Application
from bryggan.mypages.models import ContactDetails
from bryggan.payments.models import Payment
from bryggan.people.models import Household, HouseholdMember, Person
from bryggan.placements.models import Placement as DecidedPlacement
from bryggan.placements.models import PlacementAgreement
from bryggan.planning.models import ActionPlan
from bryggan.projects.models import Participant
from bryggan.reporting.models import ReasonForNeed
from bryggan.reviews.models import AgendaItem

FORMAT = "bryggan.register_extract"
VERSION = 1
PROTECTED_NAME = "Skyddad identitet"
FREE_COPY_NOTE = (
    "Registerutdrag enligt artikel 15 i dataskyddsförordningen (GDPR). Den första kopian är "
    "kostnadsfri (artikel 15.3)."
)

# The sections, in the order of the JSON document and of the PDF.
SECTIONS = (
    "person",
    "households",
    "applications",
    "calculations",
    "decisions",
    "payments",
    "recovery_claims",
    "appeals",
    "reasons_for_need",
    "action_plans",
    "referrals",
    "participation_assessments",
    "sanctions",
    "project_participations",
    "employer_profile",
    "employer_placements",
    "decided_placements",
    "joint_case_reviews",
    "assessments",
    "kommunicering",
    "journal_notes",
    "case_discussions",
    "documents",
    "closures",
    "assistance_months",
    "consents",
    "disclosures",
    "af_status",
    "document_requests",
    "preliminary_replies",
    "contact_details",
    "access_log",
)

# Every model with a concrete foreign key to a person or a household → the section holding it.
# Models below these (a first meeting, a payment, a recovery decision, a plan version…) are nested
# in their parent's records.
MODEL_SECTIONS: dict[str, str] = {
    "people.Household": "households",
    "people.HouseholdMember": "households",
    "intake.Application": "applications",
    "decisions.SavedCalculation": "calculations",
    "decisions.Decision": "decisions",
    "decisions.RecoveryClaim": "recovery_claims",
    "decisions.Appeal": "appeals",
    "reporting.ReasonForNeed": "reasons_for_need",
    "planning.ActionPlan": "action_plans",
    "activities.Referral": "referrals",
    "activities.ParticipationAbility": "participation_assessments",
    "activities.SanctionProposal": "sanctions",
    "projects.Participant": "project_participations",
    "employers.ClientProfile": "employer_profile",
    "employers.Placement": "employer_placements",
    "placements.Placement": "decided_placements",
    "reviews.AgendaItem": "joint_case_reviews",
    "casefile.Assessment": "assessments",
    "casefile.Kommunicering": "kommunicering",
    "casefile.JournalNote": "journal_notes",
    "casefile.CaseDiscussion": "case_discussions",
    "casefile.Document": "documents",
    "followup.Closure": "closures",
    "followup.AssistanceMonth": "assistance_months",
    "mypages.ApplicantAccount": "person",
    "cooperation.Consent": "consents",
    "cooperation.Disclosure": "disclosures",
    "cooperation.AfStatusRecord": "af_status",
    "mypages.OnlineApplication": "applications",
    "preassessment.Proposal": "applications",
    "casefile.DocumentRequest": "document_requests",
    "casefile.PreliminaryReply": "preliminary_replies",
    "mypages.ContactDetails": "contact_details",
    "mypages.AppealFromApplicant": "appeals",
}

# Models with such a foreign key that are not personal data, with the reason. None today.
NOT_PERSONAL_DATA: dict[str, str] = {}


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value)
    return value


def _staff(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def _row(obj: Model, fields: Iterable[str], **extra: Any) -> dict[str, Any]:
    """The named fields of `obj` as JSON values; a foreign key to a user becomes a name."""
    row: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.is_relation:
            row[name] = _staff(getattr(obj, name))
        else:
            row[name] = _iso(getattr(obj, name))
    row.update(extra)
    return row


def _person_name(person: Person, *, reveal: bool) -> str:
    return str(person) if reveal else PROTECTED_NAME


def _households(
    person: Person, *, reveal_own: bool
) -> tuple[list[Household], list[dict[str, Any]]]:
    own = list(
        HouseholdMember.objects.filter(person=person)
        .select_related("household", "household__unit")
        .order_by("valid_from", "id")
    )
    households: list[Household] = []
    for membership in own:
        if membership.household not in households:
            households.append(membership.household)
    members = (
        HouseholdMember.objects.filter(household__in=households)
        .select_related("person")
        .order_by("valid_from", "id")
    )
    records = []
    for household in households:
        records.append(
            {
                "case_number": household.case_number,
                "unit": household.unit.name,
                "status": household.status,
                "opened_on": _iso(household.opened_on),
                "closed_on": _iso(household.closed_on),
                "members": [
                    {
                        "name": _person_name(
                            m.person,
                            reveal=reveal_own
                            if m.person_id == person.pk
                            else not m.person.protected_identity,
                        ),
                        "is_you": m.person_id == person.pk,
                        "role": m.role,
                        "valid_from": _iso(m.valid_from),
                        "valid_to": _iso(m.valid_to),
                    }
                    for m in members
                    if m.household_id == household.pk
                ],
            }
        )
    return households, records


def _case(obj: Any) -> str:
    return str(obj.household.case_number)


def _applications(households: list[Household]) -> list[dict[str, Any]]:
    rows = []
    for application in (
        Application.objects.filter(household__in=households)
        .select_related("household", "registered_by", "first_meeting")
        .order_by("received_at", "id")
    ):
        meeting = getattr(application, "first_meeting", None)
        rows.append(
            _row(
                application,
                ["month", "received_at", "channel", "track", "registered_by"],
                case_number=_case(application),
                first_meeting=None
                if meeting is None
                else _row(meeting, ["starts_at", "deadline", "status", "caseworker", "work_coach"]),
                online=_online_application(application),
            )
        )
    return rows


def _online_application(application: Application) -> dict[str, Any] | None:
    """What the person sent on My pages, and the pre-assessment's proposal with its checks."""
    online = getattr(application, "online", None)
    if online is None:
        return None
    proposal = getattr(online, "proposal", None)
    return _row(
        online,
        ["kind", "month", "submitted_at", "preliminary_amount", "household_change_text"],
        lines=[
            _row(line, ["kind", "type", "member", "amount", "previous_amount"])
            for line in online.lines.all()
        ],
        proposal=None
        if proposal is None
        else _row(
            proposal,
            ["outcome", "proposed_amount", "decided_amount", "ruleset_version", "created_at"],
            checks=[_row(check, ["rule", "outcome"]) for check in proposal.checks.all()],
        ),
    )


def _calculations(households: list[Household]) -> list[dict[str, Any]]:
    return [
        _row(
            saved,
            ["id", "month", "norm_year", "amount", "created_at", "created_by"],
            case_number=_case(saved),
            lines=[
                {
                    "kind": line.get("kind", ""),
                    "code": line.get("code", ""),
                    "members": list(line.get("members", [])),
                    "amount": int(line.get("amount", 0)),
                    "source": line.get("source", ""),
                }
                for line in (saved.result or {}).get("lines", [])
            ],
        )
        for saved in SavedCalculation.objects.filter(household__in=households)
        .select_related("household", "created_by")
        .order_by("created_at", "id")
    ]


def _decisions(households: list[Household]) -> list[dict[str, Any]]:
    return [
        _row(
            decision,
            [
                "id",
                "month",
                "kind",
                "outcome",
                "status",
                "calculated_amount",
                "amount",
                "deviation_reason",
                "reasons",
                "documents_checked",
                "personal_visit_held",
                "registered_at_af",
                "payee_clearing",
                "payee_account",
                "created_by",
                "signed_by",
                "signed_at",
                "notified_on",
            ],
            case_number=_case(decision),
            calculation_id=decision.calculation_id,
            corrects_id=decision.corrects_id,
        )
        for decision in Decision.objects.filter(household__in=households)
        .select_related("household", "created_by", "signed_by")
        .order_by("created_at", "id")
    ]


def _payments(households: list[Household]) -> list[dict[str, Any]]:
    return [
        _row(
            payment,
            ["amount", "clearing", "account", "status", "status_changed_on", "status_reason"],
            case_number=payment.decision.household.case_number,
            decision_id=payment.decision_id,
            month=payment.decision.month,
            execution_date=_iso(payment.run.execution_date),
        )
        for payment in Payment.objects.filter(decision__household__in=households)
        .select_related("decision__household", "run")
        .order_by("run__execution_date", "id")
    ]


def _recovery_claims(households: list[Household]) -> list[dict[str, Any]]:
    claims = (
        RecoveryClaim.objects.filter(household__in=households)
        .select_related("household", "created_by")
        .prefetch_related("decisions", "plans", "repayments", "police_reports", "payments")
        .order_by("created_at", "id")
    )
    return [
        _row(
            claim,
            [
                "id",
                "ground",
                "facts",
                "amount",
                "cost_date",
                "assistance_month",
                "law",
                "created_at",
                "created_by",
            ],
            case_number=_case(claim),
            payment_ids=sorted(p.pk for p in claim.payments.all()),
            recovery_decisions=[
                _row(
                    d,
                    [
                        "kind",
                        "amount",
                        "reasons",
                        "status",
                        "signed_by",
                        "signed_at",
                        "notified_on",
                    ],
                )
                for d in claim.decisions.all()
            ],
            plans=[
                _row(p, ["total", "monthly_amount", "first_month", "created_at"])
                for p in claim.plans.all()
            ],
            repayments=[_row(r, ["received_on", "amount"]) for r in claim.repayments.all()],
            police_reports=[
                _row(r, ["reported_on", "police_reference"]) for r in claim.police_reports.all()
            ],
        )
        for claim in claims
    ]


def _appeals(households: list[Household]) -> list[dict[str, Any]]:
    appeals = (
        Appeal.objects.filter(household__in=households)
        .select_related("household", "registered_by")
        .order_by("received_on", "id")
    )
    return [
        _row(
            appeal,
            [
                "id",
                "received_on",
                "claims",
                "status",
                "incorrect_instructions",
                "reached_court_on",
                "dismissal_reasons",
                "dismissed_at",
                "reconsideration",
                "reconsideration_reasons",
                "reconsidered_at",
                "statement",
                "court",
                "forwarded_on",
                "judgment",
                "judged_on",
                "court_case_number",
                "judgment_note",
                "registered_by",
            ],
            case_number=_case(appeal),
            decision_id=appeal.decision_id,
            sanction_id=appeal.sanction_id,
            recovery_decision_id=appeal.recovery_decision_id,
            new_decision_id=appeal.new_decision_id,
        )
        for appeal in appeals
    ]


def _reasons_for_need(person: Person, households: list[Household]) -> list[dict[str, Any]]:
    return [
        _row(reason, ["month", "code", "recorded_at", "recorded_by"], case_number=_case(reason))
        for reason in ReasonForNeed.objects.filter(person=person, household__in=households)
        .select_related("household", "recorded_by")
        .order_by("month", "id")
    ]


def _action_plans(person: Person) -> list[dict[str, Any]]:
    plans = (
        ActionPlan.objects.filter(person=person)
        .select_related("household")
        .prefetch_related("versions__steps", "follow_ups")
        .order_by("created_at", "id")
    )
    return [
        _row(
            plan,
            ["created_at"],
            case_number=_case(plan),
            versions=[
                _row(
                    version,
                    [
                        "number",
                        "goal",
                        "goal_text",
                        "consequences",
                        "written_by",
                        "created_at",
                        "signed_at",
                        "signed_how",
                    ],
                    steps=[
                        _row(step, ["position", "description", "responsible", "due_on"])
                        for step in version.steps.all()
                    ],
                )
                for version in sorted(plan.versions.all(), key=lambda v: v.number)
            ],
            follow_ups=[
                _row(
                    f,
                    ["due_on", "note", "held_on", "held_note", "cancelled_at", "cancel_reason"],
                )
                for f in sorted(plan.follow_ups.all(), key=lambda f: (f.due_on, f.pk))
            ],
        )
        for plan in plans
    ]


def _referrals(person: Person) -> list[dict[str, Any]]:
    referrals = (
        Referral.objects.filter(person=person)
        .select_related("household", "activity", "referred_by")
        .prefetch_related("attendance")
        .order_by("referred_on", "id")
    )
    return [
        _row(
            referral,
            [
                "status",
                "referred_on",
                "accepted_on",
                "started_on",
                "ended_on",
                "outcome",
                "referred_by",
            ],
            case_number=_case(referral),
            activity=referral.activity.name,
            attendance=[
                _row(a, ["day", "status"])
                for a in sorted(referral.attendance.all(), key=lambda a: a.day)
            ],
        )
        for referral in referrals
    ]


def _participation(person: Person) -> list[dict[str, Any]]:
    return [
        _row(
            ability,
            ["able_to_participate", "reason", "note", "assessed_on", "assessed_by"],
            case_number=_case(ability),
        )
        for ability in ParticipationAbility.objects.filter(person=person)
        .select_related("household", "assessed_by")
        .order_by("assessed_on", "id")
    ]


def _sanctions(person: Person) -> list[dict[str, Any]]:
    proposals = (
        SanctionProposal.objects.filter(person=person)
        .select_related("household", "assessed_by", "decided_by")
        .prefetch_related("reconsiderations", "absences")
        .order_by("created_at", "id")
    )
    return [
        _row(
            proposal,
            [
                "month",
                "status",
                "valid_reason",
                "reasons",
                "amount",
                "legal_limit",
                "assessed_by",
                "assessed_at",
                "manager_note",
                "decided_by",
                "decided_at",
                "notified_on",
            ],
            case_number=_case(proposal),
            absence_days=sorted(_iso(a.day) for a in proposal.absences.all()),
            reconsiderations=[
                _row(
                    r,
                    ["outcome", "occasion", "amount_before", "amount", "reasons", "decided_at"],
                )
                for r in proposal.reconsiderations.all()
            ],
        )
        for proposal in proposals
    ]


def _project_participations(person: Person) -> list[dict[str, Any]]:
    return [
        _row(
            participant,
            ["joined_on", "left_on", "outcome"],
            case_number=_case(participant),
            project=participant.project.name,
        )
        for participant in Participant.objects.filter(person=person)
        .select_related("household", "project")
        .order_by("joined_on", "id")
    ]


def _consents(person: Person) -> list[dict[str, Any]]:
    """The person's consents to share information (OSL 12 kap. 2 §), withdrawn ones too."""
    return [
        _row(
            consent,
            [
                "valid_from",
                "valid_to",
                "given_how",
                "registered_by",
                "registered_at",
                "withdrawn_at",
                "withdrawn_by",
                "withdrawal_note",
            ],
            case_number=_case(consent),
            organisations=[o.name for o in consent.organisations.all()],
            kinds=sorted(k.value for k in consent.kinds),
        )
        for consent in Consent.objects.filter(person=person)
        .select_related("household", "registered_by", "withdrawn_by")
        .prefetch_related("organisations")
        .order_by("valid_from", "id")
    ]


def _disclosures(person: Person) -> list[dict[str, Any]]:
    """Who received what about the person, when, and on which consent."""
    return [
        _row(
            disclosure,
            ["kind", "channel", "recipient_name", "disclosed_by", "at"],
            case_number=_case(disclosure),
            organisation=disclosure.organisation.name,
            consent_id=disclosure.consent_id,
        )
        for disclosure in Disclosure.objects.filter(person=person)
        .select_related("household", "organisation", "disclosed_by")
        .order_by("at", "id")
    ]


def _af_status(person: Person) -> list[dict[str, Any]]:
    return [
        _row(
            record,
            [
                "registered",
                "registered_since",
                "programme",
                "contact_name",
                "contact_phone",
                "source",
                "recorded_at",
            ],
        )
        for record in AfStatusRecord.objects.filter(person=person).order_by("recorded_at", "id")
    ]


def _employer_profile(person: Person) -> list[dict[str, Any]]:
    """The facts recorded for matching to the employer network's offers."""
    return [
        _row(
            profile,
            ["languages", "driving_licence", "experience_fields", "municipality", "updated_at"],
            case_number=_case(profile),
        )
        for profile in ClientProfile.objects.filter(person=person).select_related("household")
    ]


def _employer_placements(person: Person) -> list[dict[str, Any]]:
    return [
        _row(
            placement,
            ["kind", "starts_on", "ends_on", "outcome", "note"],
            case_number=_case(placement),
            employer=placement.offer.employer.name,
            offer_title=placement.offer.title,
        )
        for placement in Placement.objects.filter(person=person)
        .select_related("household", "offer", "offer__employer")
        .order_by("starts_on", "id")
    ]


def _decided_placements(person: Person) -> list[dict[str, Any]]:
    """Placements decided together by a selection group: each member's vote, the individual
    agreement, its follow-ups and the outcome."""
    placements = (
        DecidedPlacement.objects.filter(person=person)
        .select_related("household", "group__unit", "proposed_for")
        .prefetch_related("votes__organisation", "follow_ups", "agreement")
        .order_by("starts_on", "id")
    )
    return [
        _row(
            placement,
            [
                "kind",
                "workplace",
                "starts_on",
                "ends_on",
                "hours_per_week",
                "content",
                "proposed_by",
                "started_on",
                "ended_on",
                "outcome",
                "outcome_note",
                "created_at",
            ],
            case_number=_case(placement),
            group=placement.group.name,
            votes=[
                _row(
                    vote,
                    ["approve", "reason", "by", "at"],
                    # The own municipality's vote has no organisation: named by its unit, as on the
                    # placement's page.
                    organisation=(
                        vote.organisation.name if vote.organisation else placement.group.unit.name
                    ),
                )
                for vote in placement.votes.all()
            ],
            placement_agreement=[
                _row(agreement, ["goal", "content", "consequences", "signed_on"])
                for agreement in [_agreement(placement)]
                if agreement is not None
            ],
            placement_follow_ups=[
                _row(follow_up, ["due_on", "held_on", "note"])
                for follow_up in placement.follow_ups.all()
            ],
        )
        for placement in placements
    ]


def _agreement(placement: DecidedPlacement) -> PlacementAgreement | None:
    try:
        return placement.agreement
    except PlacementAgreement.DoesNotExist:
        return None


def _joint_case_reviews(person: Person) -> list[dict[str, Any]]:
    """The person's cases on the agendas of joint case reviews and three-party talks, the
    minutes and the actions agreed."""
    items = (
        AgendaItem.objects.filter(person=person)
        .select_related("household", "meeting__group", "meeting__partner")
        .prefetch_related("actions__organisation")
        .order_by("meeting__on", "id")
    )
    return [
        _row(
            item,
            ["question", "added_at", "removed_at", "removed_reason", "agreed", "minutes_at"],
            case_number=_case(item),
            kind=item.meeting.get_kind_display(),
            meeting_on=_iso(item.meeting.on),
            group=item.meeting.group.name if item.meeting.group else "",
            organisation=item.meeting.partner.name if item.meeting.partner else "",
            review_actions=[
                _row(
                    action,
                    ["party", "responsible_name", "description", "due_on", "done_on"],
                    organisation=action.organisation.name if action.organisation else "",
                )
                for action in item.actions.all()
            ],
        )
        for item in items
    ]


def _assessments(households: list[Household]) -> list[dict[str, Any]]:
    fields = [
        "number",
        "household_text",
        "income_text",
        "housing_allowance",
        "maintenance_support",
        "unemployment_benefit",
        "sickness_benefit",
        "health_text",
        "registered_at_af",
        "sfi",
        "work_line_text",
        "children_text",
        "conclusion",
        "created_at",
        "created_by",
        "signed_by",
        "signed_at",
    ]
    return [
        _row(assessment, fields, case_number=_case(assessment))
        for assessment in Assessment.objects.filter(household__in=households)
        .select_related("household", "created_by", "signed_by")
        .order_by("created_at", "id")
    ]


def _kommunicering(households: list[Household]) -> list[dict[str, Any]]:
    fields = [
        "material",
        "method",
        "sent_on",
        "answer_by",
        "answered_on",
        "answer",
        "exception",
        "exception_reason",
        "created_at",
    ]
    return [
        _row(k, fields, case_number=_case(k), decision_id=k.decision_id)
        for k in Kommunicering.objects.filter(household__in=households)
        .select_related("household")
        .order_by("created_at", "id")
    ]


def _about_person(person: Person) -> Q:
    """A household's record about the whole household or about this person (not another)."""
    return Q(member__isnull=True) | Q(member=person)


def _journal_notes(person: Person, households: list[Household]) -> list[dict[str, Any]]:
    notes = (
        JournalNote.objects.filter(
            _about_person(person), household__in=households, status=JournalNoteStatus.SIGNED
        )
        .select_related("household", "author", "signed_by")
        .prefetch_related("objections", "corrections")
        .order_by("occurred_at", "id")
    )
    return [
        _row(
            note,
            ["id", "kind", "occurred_at", "text", "author", "signed_at", "signed_by"],
            case_number=_case(note),
            corrects_id=note.corrects_id,
            corrected_by_ids=sorted(c.pk for c in note.corrections.all()),
            objections=[_row(o, ["received_on", "how", "text"]) for o in note.objections.all()],
        )
        for note in notes
    ]


def _case_discussions(households: list[Household]) -> list[dict[str, Any]]:
    return [
        _row(
            discussion,
            ["question", "status", "requested_at", "held_at", "cancelled_at"],
            case_number=_case(discussion),
            outcome_note_id=discussion.outcome_note_id,
        )
        for discussion in CaseDiscussion.objects.filter(household__in=households)
        .select_related("household")
        .order_by("requested_at", "id")
    ]


def _documents(person: Person, households: list[Household]) -> list[dict[str, Any]]:
    fields = [
        "direction",
        "kind",
        "received_on",
        "sender",
        "from_month",
        "to_month",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_at",
        "error_reason",
        "error_marked_at",
    ]
    return [
        _row(document, fields, case_number=_case(document))
        for document in Document.objects.filter(_about_person(person), household__in=households)
        .select_related("household")
        .order_by("uploaded_at", "id")
    ]


def _closures(households: list[Household]) -> list[dict[str, Any]]:
    rows = []
    for closure in (
        Closure.objects.filter(household__in=households)
        .select_related("household", "closed_by", "follow_up")
        .order_by("closed_on", "id")
    ):
        follow_up = getattr(closure, "follow_up", None)
        rows.append(
            _row(
                closure,
                ["closed_on", "reason", "note", "long_term", "closed_by"],
                case_number=_case(closure),
                return_follow_up=None
                if follow_up is None
                else _row(follow_up, ["outcome", "returned_on", "checked_on"]),
            )
        )
    return rows


def _assistance_months(households: list[Household]) -> list[dict[str, Any]]:
    return [
        {
            "case_number": _case(m),
            # Stored as a month number (year × 12 + month − 1); shown as YYYY-MM.
            "month": f"{(m.month) // 12:04d}-{m.month % 12 + 1:02d}",
            "spell_months": m.spell_months,
            "months_in_last_twelve": m.months_in_last_twelve,
        }
        for m in AssistanceMonth.objects.filter(household__in=households)
        .select_related("household")
        .order_by("month", "id")
    ]


def _access_log(person: Person, households: list[Household]) -> list[dict[str, Any]]:
    """Who read the person or their cases: every read of the person, and every read of one of
    their cases except reads of another person in it."""
    entries = (
        AccessLogEntry.objects.filter(
            Q(object_type="person", object_id=str(person.pk))
            | (Q(case_id__in=[h.pk for h in households]) & ~Q(object_type="person"))
        )
        .select_related("user")
        .order_by("at", "id")
    )
    return [
        {
            "at": _iso(entry.at),
            "user": _staff(entry.user),
            "role": entry.user.role if entry.user is not None else "",
            "actor": entry.actor,
            "what": entry.object_type,
            "purpose": entry.purpose,
        }
        for entry in entries
    ]


def _document_requests(households: list[Household]) -> list[dict[str, Any]]:
    requests = DocumentRequest.objects.filter(household__in=households).order_by(
        "requested_on", "id"
    )
    return [
        _row(request, ["id", "what", "kind", "month", "last_day", "requested_on", "fulfilled_on"])
        for request in requests
    ]


def _preliminary_replies(households: list[Household]) -> list[dict[str, Any]]:
    replies = PreliminaryReply.objects.filter(household__in=households).order_by("given_on", "id")
    return [_row(reply, ["id", "reason", "decision_by", "given_on"]) for reply in replies]


def _contact_details(person: Person) -> list[dict[str, Any]]:
    return [
        _row(details, ["email", "phone", "notify_by"])
        for details in ContactDetails.objects.filter(person=person)
    ]


def register_extract_build(person: Person, *, reveal_own: bool, now: datetime) -> dict[str, Any]:
    """The extract of everything stored about `person`, as the JSON document described above.

    `reveal_own`: whether the person's own name and address are shown (false when the person has
    a protected identity and the reader may not see it). Other members with a protected identity
    are never named.
    """
    households, household_records = _households(person, reveal_own=reveal_own)
    shown = reveal_own or not person.protected_identity
    return {
        "format": FORMAT,
        "version": VERSION,
        "made_at": _iso(now),
        "note": FREE_COPY_NOTE,
        "person": {
            "identity_number": person.identity_number,
            "identity_kind": person.identity_kind,
            "birth_date": _iso(person.birth_date),
            "first_name": person.first_name if shown else PROTECTED_NAME,
            "last_name": person.last_name if shown else "",
            "address": person.address if shown else PROTECTED_NAME,
            "protected_identity": person.protected_identity,
            "created_at": _iso(person.created_at),
            "updated_at": _iso(person.updated_at),
            "applicant_account_created_at": _iso(
                getattr(getattr(person, "applicant_account", None), "created_at", None)
            ),
        },
        "households": household_records,
        "applications": _applications(households),
        "calculations": _calculations(households),
        "decisions": _decisions(households),
        "payments": _payments(households),
        "recovery_claims": _recovery_claims(households),
        "appeals": _appeals(households),
        "reasons_for_need": _reasons_for_need(person, households),
        "action_plans": _action_plans(person),
        "referrals": _referrals(person),
        "participation_assessments": _participation(person),
        "sanctions": _sanctions(person),
        "project_participations": _project_participations(person),
        "employer_profile": _employer_profile(person),
        "employer_placements": _employer_placements(person),
        "decided_placements": _decided_placements(person),
        "joint_case_reviews": _joint_case_reviews(person),
        "assessments": _assessments(households),
        "kommunicering": _kommunicering(households),
        "journal_notes": _journal_notes(person, households),
        "case_discussions": _case_discussions(households),
        "documents": _documents(person, households),
        "closures": _closures(households),
        "assistance_months": _assistance_months(households),
        "consents": _consents(person),
        "disclosures": _disclosures(person),
        "af_status": _af_status(person),
        "document_requests": _document_requests(households),
        "preliminary_replies": _preliminary_replies(households),
        "contact_details": _contact_details(person),
        "access_log": _access_log(person, households),
    }


def register_extract_json_text(extract: dict[str, Any]) -> str:
    """The extract as JSON text: UTF-8 kept, indented, keys in the document's order."""
    return json.dumps(extract, ensure_ascii=False, indent=2) + "\n"


def person_by_identity_number(number: str) -> Person | None:
    """The person with this normalised number (`people.rules.parse_identity_number`), or None."""
    return Person.objects.filter(identity_number=number).first()


def register_extract_case_id(person: Person) -> int | None:
    """The case to name in the access-log row of an extract: the person's latest household."""
    membership = (
        HouseholdMember.objects.filter(person=person).order_by("-valid_from", "-id").first()
    )
    return membership.household_id if membership is not None else None


def register_extract_unit_name(person: Person) -> str:
    """The unit of the person's latest household, to head the PDF (empty when none)."""
    membership = (
        HouseholdMember.objects.filter(person=person)
        .select_related("household__unit")
        .order_by("-valid_from", "-id")
        .first()
    )
    return membership.household.unit.name if membership is not None else ""
