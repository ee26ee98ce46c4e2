"""The words of the case timeline: the kinds of entry a caseworker filters by, and a Swedish label
for every change the services record in the history (`audit.ChangeRecord`'s object type and
action), so that no raw code such as "follow_up booked" reaches a page.

Source: SoL (2025:400) 14 kap. 3 § (the handling of a case is documented); the timeline is how
that documentation reads in one place.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What an entry is about: the timeline's filter."""

    APPLICATION = "application", _("Applications")
    MEETING = "meeting", _("First meetings")
    CALCULATION = "calculation", _("Calculations")
    DECISION = "decision", _("Decisions")
    PAYMENT = "payment", _("Payments")
    PLAN = "plan", _("Plans and follow-ups")
    ACTIVITY = "activity", _("Activities and attendance")
    SANCTION = "sanction", _("Sanctions")
    CLOSURE = "closure", _("Closures")
    NOTE = "note", _("Journal notes")
    ASSESSMENT = "assessment", _("Assessments and kommunicering")
    DOCUMENT = "document", _("Documents")
    RECOVERY = "recovery", _("Recovery claims")
    APPEAL = "appeal", _("Appeals")
    OTHER = "other", _("Other case events")


# Every (object type, action) a service writes with `change_record_write` or
# `change_records_write_many`, and a few events the
# timeline reads from the domain tables that have no history row of their own (a payment sent, a
# first meeting booked, an absence). tests/casefile/test_timeline_labels.py fails on a pair
# written in the code that is missing here.
LABELS: dict[tuple[str, str], Promise] = {
    ("household", "opened"): _("Case opened"),
    ("applicant_account", "create"): _("Account on My pages created"),
    ("household", "caseworker_assigned"): _("Caseworker assigned"),
    ("household", "closed"): _("Case closed"),
    ("household", "reopened"): _("Case reopened"),
    ("case_file", "thinned"): _("Case file thinned (retention)"),
    ("application", "registered"): _("Application received"),
    ("online_application", "submitted"): _("Application sent on My pages"),
    ("proposal", "preassessed"): _("Renewal pre-assessed (a proposal, not a decision)"),
    ("proposal", "decided"): _("Decision signed from the pre-assessment's proposal"),
    ("first_meeting", "booked"): _("First meeting booked"),
    ("first_meeting", "marked_held"): _("First meeting held"),
    ("first_meeting", "marked_missed"): _("The applicant did not come to the first meeting"),
    ("calculation", "saved"): _("Calculation saved"),
    ("decision", "drafted"): _("Decision drafted"),
    ("decision", "signed"): _("Decision signed"),
    ("decision", "received"): _("Decision received by the applicant"),
    ("payment", "sent"): _("Payment sent"),
    ("payment", "returned"): _("Payment returned"),
    ("payment", "reversed"): _("Payment reversed"),
    ("plan_version", "created"): _("Action plan version written"),
    ("plan_version", "signed"): _("Action plan signed"),
    ("follow_up", "booked"): _("Follow-up booked"),
    ("follow_up", "held"): _("Follow-up held"),
    ("follow_up", "cancelled"): _("Follow-up cancelled"),
    ("journal_note", "drafted"): _("Journal note drafted"),
    ("journal_note", "correction_drafted"): _("Correction of a journal note drafted"),
    ("journal_note", "draft_changed"): _("Draft journal note changed"),
    ("journal_note", "draft_deleted"): _("Draft journal note deleted"),
    ("journal_note", "signed"): _("Journal note signed"),
    ("note_objection", "recorded"): _("The client's objection to a note recorded"),
    ("case_discussion", "requested"): _("Case discussion requested"),
    ("case_discussion", "held"): _("Case discussion held"),
    ("case_discussion", "cancelled"): _("Case discussion withdrawn"),
    ("assessment", "created"): _("Structured assessment: new version written"),
    ("assessment", "changed"): _("Structured assessment changed"),
    ("assessment", "signed"): _("Structured assessment signed"),
    ("kommunicering", "recorded"): _("Kommunicering recorded"),
    ("kommunicering", "answered"): _("The client's answer to the kommunicering recorded"),
    ("recovery_claim", "registered"): _("Overpayment registered"),
    ("recovery_decision", "drafted"): _("Recovery decision drafted"),
    ("recovery_decision", "signed"): _("Recovery decision signed"),
    ("recovery_decision", "received"): _("Recovery decision received by the client"),
    ("recovery_plan", "agreed"): _("Repayment plan agreed"),
    ("recovery_repayment", "received"): _("Repayment received"),
    ("recovery_police_report", "recorded"): _("Police report of suspected benefit crime recorded"),
    ("appeal", "registered"): _("Appeal registered"),
    ("appeal", "dismissed"): _("Late appeal dismissed"),
    ("appeal", "reconsidered"): _("Appealed decision reconsidered"),
    ("appeal", "forwarded"): _("Appeal forwarded to the court with a statement"),
    ("appeal", "judged"): _("The court's judgment on the appeal recorded"),
    ("totp_device", "enrol"): _("Authenticator app added for sign-in"),
    ("claim_mapping", "set"): _("Sign-in group mapped to a role and unit"),
    ("user", "created_by_sign_in"): _("Account made at the first sign-in by the identity provider"),
    ("user", "role_changed_by_sign_in"): _(
        "Role or unit changed by the identity provider's groups"
    ),
    ("document", "uploaded"): _("Document received and filed"),
    ("document", "stored"): _("Letter sent and filed"),
    ("document", "registered_in_error"): _("Document marked as registered in error"),
    ("referral", "referred"): _("Referred to an activity"),
    ("referral", "accepted"): _("Referral accepted by the provider"),
    ("referral", "started"): _("Activity started"),
    ("referral", "ended"): _("Activity ended"),
    ("attendance", "registered"): _("Attendance registered"),
    ("attendance", "valid_absence"): _("Absent with valid reason"),
    ("attendance", "unexcused_absence"): _("Absent without valid reason"),
    ("participation_ability", "assessed"): _("Ability to take part assessed"),
    ("activity", "created"): _("Activity created"),
    ("activity", "changed"): _("Activity changed"),
    ("activity", "ended_early"): _("Activity ended early"),
    ("sanction_proposal", "proposed"): _("Reduction proposed after unexcused absence"),
    ("sanction_proposal", "absence_added"): _("Absence added to the sanction proposal"),
    ("sanction_proposal", "absence_removed"): _("Absence removed from the sanction proposal"),
    ("sanction_proposal", "withdrawn"): _("Sanction proposal withdrawn"),
    ("sanction_proposal", "dismissed"): _("No reduction: valid reason"),
    ("sanction_proposal", "assessed"): _("Reduction assessed, awaiting approval"),
    ("sanction_proposal", "decided"): _("Reduction decided"),
    ("sanction_proposal", "rejected"): _("Reduction not approved"),
    ("sanction_proposal", "received"): _("Reduction decision received by the client"),
    ("sanction_reconsideration", "revoked"): _("Reduction revoked on reconsideration"),
    ("sanction_reconsideration", "lowered"): _("Reduction lowered on reconsideration"),
    ("sanction_reconsideration", "received"): _("Reconsideration received by the client"),
    ("closure", "recorded"): _("Case closed"),
    ("return_follow_up", "recorded"): _("Return after twelve months checked"),
    ("reason_for_need", "recorded"): _("Reason for need recorded"),
    ("reason_for_need", "changed"): _("Reason for need changed"),
    ("project_participant", "joined"): _("Joined a project"),
    ("project_participant", "left"): _("Left a project"),
    ("project", "created"): _("Project created"),
    ("project", "changed"): _("Project changed"),
    ("report_submission", "made"): _("Monthly statistics file submitted"),
    ("riksnorm", "entered"): _("Riksnorm entered"),
    ("riksnorm", "replaced"): _("Riksnorm replaced"),
    ("consent", "registered"): _("Consent to share information registered"),
    ("consent", "withdrawn"): _("Consent withdrawn"),
    ("disclosure", "recorded"): _("Information disclosed to a partner organisation"),
    ("af_status", "recorded"): _("Status at Arbetsförmedlingen recorded"),
    ("partner_organisation", "created"): _("Partner organisation registered"),
    ("partner_organisation", "changed"): _("Partner organisation changed"),
    ("partner_contact", "created"): _("Contact person at a partner organisation added"),
    ("partner_user", "created"): _("Partner user created"),
    ("partner_user", "deactivated"): _("Partner user's sign-in turned off"),
    ("partner_user", "reactivated"): _("Partner user's sign-in turned on again"),
    ("employer", "created"): _("Employer added to the network"),
    ("employer", "changed"): _("Employer changed"),
    ("employer_contact", "created"): _("Employer contact person added"),
    ("employer_contact", "changed"): _("Employer contact person changed"),
    ("employer_offer", "created"): _("Employer offer registered"),
    ("employer_offer", "changed"): _("Employer offer changed"),
    ("client_profile", "saved"): _("Facts for matching to employers saved"),
    ("employer_placement", "created"): _("Put in touch with or placed at an employer"),
    ("employer_placement", "ended"): _("Contact or placement at an employer ended"),
    ("document_request", "requested"): _("Documents asked for (request for documents)"),
    ("document_request", "answered"): _("Document sent against a request"),
    ("document_request", "reviewed"): _("Documents sent against a request reviewed"),
    ("preliminary_reply", "given"): _("Preliminary reply given on a delayed decision"),
    ("appeal", "sent_by_applicant"): _("Appeal sent by the applicant on My pages"),
    ("absence_report", "reported"): _("Absence reported by the client on My pages"),
    ("contact_details", "changed"): _("Contact details for notices changed"),
    ("household", "edited"): _("Household changed (address or members)"),
    ("review_group", "created"): _("Joint case review group set up"),
    ("review_group", "changed"): _("Joint case review group changed"),
    ("review_meeting", "created"): _("Joint case review meeting booked"),
    ("review_meeting", "held"): _("Joint case review meeting held"),
    ("agenda_item", "added"): _("Put on the agenda of a joint case review"),
    ("agenda_item", "removed"): _("Taken off the agenda of a joint case review"),
    ("agenda_item", "minutes_recorded"): _("Minutes of a joint case review recorded"),
    ("review_action", "done"): _("Action agreed at a joint case review done"),
    ("review_action", "changed"): _("Action agreed at a joint case review changed"),
    ("selection_group", "created"): _("Selection group set up"),
    ("selection_group", "changed"): _("Selection group changed"),
    ("group_placement", "proposed"): _("Placement proposed to the selection group"),
    ("group_placement", "approved"): _("A party approved the placement"),
    ("group_placement", "rejected"): _("A party rejected the placement"),
    ("group_placement", "started"): _("Placement started"),
    ("group_placement", "ended"): _("Placement ended"),
    ("placement_agreement", "written"): _("Individual agreement for a placement written"),
    ("placement_agreement", "signed"): _("Individual agreement for a placement signed"),
    ("placement_follow_up", "held"): _("Follow-up of a placement held"),
}

UNKNOWN_CHANGE = _("Change recorded (%(what)s: %(action)s)")

# History rows of these types are told by a source that reads the domain tables (with more
# detail and a link); the change history shows the rest. A case is closed by `case_close`, which
# writes both ("household", "closed") and ("closure", "recorded"): the closure tells it.
TOLD_BY_SOURCES = frozenset(
    {
        "application",
        "first_meeting",
        "calculation",
        "decision",
        "payment",
        "plan_version",
        "follow_up",
        "referral",
        "attendance",  # the absences; a day present is no event
        "sanction_proposal",
        "sanction_reconsideration",
        "closure",
        # The journal's own source tells these; a draft is seen only by its author, so the
        # history's "note drafted" by someone else must not show either.
        "journal_note",
        "note_objection",
        "case_discussion",
    }
)
TOLD_BY_SOURCES_PAIRS = frozenset({("household", "closed")})


# The kind under which the history's own entries are filtered (Kind.OTHER for the rest).
HISTORY_KINDS: dict[str, str] = {
    "document": Kind.DOCUMENT,
    "assessment": Kind.ASSESSMENT,
    "kommunicering": Kind.ASSESSMENT,
    "recovery_claim": Kind.RECOVERY,
    "recovery_decision": Kind.RECOVERY,
    "recovery_plan": Kind.RECOVERY,
    "recovery_repayment": Kind.RECOVERY,
    "recovery_police_report": Kind.RECOVERY,
    "appeal": Kind.APPEAL,
    "online_application": Kind.APPLICATION,
    "proposal": Kind.DECISION,
    "document_request": Kind.DOCUMENT,
}


def change_label(object_type: str, action: str) -> str:
    """The Swedish words for one change in the history (the codes themselves if none are known)."""
    label = LABELS.get((object_type, action))
    if label is None:
        return str(UNKNOWN_CHANGE) % {"what": object_type, "action": action}
    return str(label)


def is_told_by_a_source(object_type: str, action: str) -> bool:
    return object_type in TOLD_BY_SOURCES or (object_type, action) in TOLD_BY_SOURCES_PAIRS
