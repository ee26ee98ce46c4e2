"""The register extract as a PDF in Swedish, made from the JSON document of
`people.register_extract.register_extract_build` with the decision letter's ReportLab helpers.

Each section is a heading and its records, each record a table of field and value; the field
names are the models' own verbose names in Swedish and a choice is shown by its label, so a field
added to the JSON appears here without a change. Source: GDPR art. 15 (see register_extract.py).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils import translation
from reportlab.lib import colors
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from bryggan.accounts.models import RoleChoices
from bryggan.activities.models import (
    Attendance,
    ParticipationAbility,
    Referral,
    SanctionProposal,
    SanctionReconsideration,
)
from bryggan.audit.models import AccessLogEntry
from bryggan.casefile.models import (
    Assessment,
    CaseDiscussion,
    Document,
    DocumentRequest,
    JournalNote,
    Kommunicering,
    NoteObjection,
    PreliminaryReply,
)
from bryggan.cooperation.models import AfStatusRecord, Consent, Disclosure
from bryggan.decisions.letters import escape_markup, letter_pdf
from bryggan.decisions.models import (
    Appeal,
    Decision,
    RecoveryClaim,
    RecoveryDecision,
    RecoveryPlan,
    RecoveryPoliceReport,
    RecoveryRepayment,
    SavedCalculation,
)
from bryggan.employers.models import ClientProfile, Placement
from bryggan.followup.models import AssistanceMonth, Closure, ReturnFollowUp
from bryggan.intake.models import Application, FirstMeeting
from bryggan.mypages.models import ContactDetails
from bryggan.payments.models import Payment
from bryggan.people.models import Household, HouseholdMember, Person
from bryggan.people.register_extract import SECTIONS
from bryggan.placements.models import Placement as DecidedPlacement
from bryggan.placements.models import PlacementAgreement, PlacementFollowUp, PlacementVote
from bryggan.planning.models import ActionPlan, FollowUp, PlanStep, PlanVersion
from bryggan.projects.models import Participant
from bryggan.reporting.models import ReasonForNeed
from bryggan.reviews.models import Action, AgendaItem

_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

SECTION_TITLES = {
    "person": "Personuppgifter",
    "households": "Hushåll (ärenden)",
    "applications": "Ansökningar",
    "calculations": "Beräkningar",
    "decisions": "Beslut",
    "payments": "Utbetalningar",
    "recovery_claims": "Återkrav",
    "appeals": "Överklaganden",
    "reasons_for_need": "Orsaker till behov",
    "action_plans": "Handlingsplaner",
    "referrals": "Anvisningar till aktiviteter",
    "participation_assessments": "Bedömningar av förmåga att delta",
    "sanctions": "Sanktioner",
    "project_participations": "Deltagande i projekt",
    "employer_profile": "Uppgifter för matchning mot arbetsgivare",
    "employer_placements": "Kontakter och placeringar hos arbetsgivare",
    "decided_placements": "Placeringar som beslutas gemensamt",
    "joint_case_reviews": "Gemensamma ärendegenomgångar och trepartssamtal",
    "assessments": "Utredningar",
    "kommunicering": "Kommunicering",
    "journal_notes": "Journalanteckningar",
    "case_discussions": "Ärendedragningar",
    "documents": "Handlingar (förteckning)",
    "closures": "Avslut",
    "assistance_months": "Månader med bistånd",
    "consents": "Samtycken till att uppgifter lämnas",
    "disclosures": "Uppgifter som lämnats till andra organisationer",
    "af_status": "Status hos Arbetsförmedlingen",
    "document_requests": "Begäran om komplettering",
    "preliminary_replies": "Preliminära besked om dröjsmål",
    "contact_details": "Kontaktuppgifter för aviseringar",
    "access_log": "Vem har läst uppgifterna",
}

# The models whose fields a section's (or a nested list's) records show.
SECTION_MODELS: dict[str, type[Model]] = {
    "person": Person,
    "households": Household,
    "members": HouseholdMember,
    "applications": Application,
    "first_meeting": FirstMeeting,
    "calculations": SavedCalculation,
    "decisions": Decision,
    "payments": Payment,
    "recovery_claims": RecoveryClaim,
    "appeals": Appeal,
    "recovery_decisions": RecoveryDecision,
    "plans": RecoveryPlan,
    "repayments": RecoveryRepayment,
    "police_reports": RecoveryPoliceReport,
    "reasons_for_need": ReasonForNeed,
    "action_plans": ActionPlan,
    "versions": PlanVersion,
    "steps": PlanStep,
    "follow_ups": FollowUp,
    "referrals": Referral,
    "attendance": Attendance,
    "participation_assessments": ParticipationAbility,
    "sanctions": SanctionProposal,
    "reconsiderations": SanctionReconsideration,
    "project_participations": Participant,
    "employer_profile": ClientProfile,
    "employer_placements": Placement,
    "decided_placements": DecidedPlacement,
    "votes": PlacementVote,
    "placement_agreement": PlacementAgreement,
    "placement_follow_ups": PlacementFollowUp,
    "joint_case_reviews": AgendaItem,
    "review_actions": Action,
    "assessments": Assessment,
    "kommunicering": Kommunicering,
    "journal_notes": JournalNote,
    "objections": NoteObjection,
    "case_discussions": CaseDiscussion,
    "documents": Document,
    "closures": Closure,
    "return_follow_up": ReturnFollowUp,
    "assistance_months": AssistanceMonth,
    "consents": Consent,
    "disclosures": Disclosure,
    "af_status": AfStatusRecord,
    "document_requests": DocumentRequest,
    "preliminary_replies": PreliminaryReply,
    "contact_details": ContactDetails,
    "access_log": AccessLogEntry,
}

# Keys that are no model field of their record.
EXTRA_LABELS = {
    "id": "Nummer",
    "case_number": "Ärende",
    "unit": "Enhet",
    "name": "Namn",
    "is_you": "Du",
    "lines": "Rader",
    "kind": "Slag",
    "code": "Kod",
    "members": "Personer",
    "amount": "Belopp (kr)",
    "source": "Källa",
    "calculation_id": "Beräkning nr",
    "corrects_id": "Rättar nr",
    "corrected_by_ids": "Rättad genom nr",
    "decision_id": "Beslut nr",
    "month": "Månad",
    "execution_date": "Utbetalningsdag",
    "payment_ids": "Utbetalningar nr",
    "activity": "Aktivitet",
    "project": "Projekt",
    "employer": "Arbetsgivare",
    "offer_title": "Erbjudande",
    "absence_days": "Frånvarodagar",
    "outcome_note_id": "Anteckning med utfall nr",
    "user": "Användare",
    "role": "Roll",
    "actor": "System",
    "what": "Vad",
    "at": "Tidpunkt",
    "created_at": "Registrerad",
    "updated_at": "Senast ändrad",
    "first_meeting": "Första besök",
    "recovery_decisions": "Beslut om återkrav",
    "plans": "Avbetalningsplaner",
    "repayments": "Inbetalningar",
    "police_reports": "Polisanmälningar",
    "versions": "Versioner",
    "steps": "Steg",
    "follow_ups": "Uppföljningar",
    "attendance": "Närvaro",
    "reconsiderations": "Omprövningar",
    "objections": "Dina invändningar",
    "return_follow_up": "Uppföljning efter tolv månader",
    "organisations": "Organisationer",
    "organisation": "Organisation",
    "kinds": "Slag av uppgifter",
    "consent_id": "Samtycke nr",
    "group": "Grupp",
    "meeting_on": "Mötesdag",
    "votes": "Beslut av parterna",
    "placement_agreement": "Individuell överenskommelse",
    "placement_follow_ups": "Uppföljningar",
    "review_actions": "Åtgärder",
}


def _field(model: type[Model] | None, key: str) -> Any:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:  # a key that is no field: labelled from EXTRA_LABELS
        return None
    return field if field.concrete else None


def _label(model: type[Model] | None, key: str) -> str:
    if key in EXTRA_LABELS:
        return EXTRA_LABELS[key]
    field = _field(model, key)
    return str(field.verbose_name).capitalize() if field is not None else key


def _shown(model: type[Model] | None, key: str, value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    if isinstance(value, str) and _DATETIME.match(value):
        return value[:16].replace("T", " ")  # the JSON's local time, to the minute
    field = _field(model, key)
    if field is not None and field.choices:
        return str(dict(field.choices).get(value, value))
    if key == "role" and model is AccessLogEntry:
        return str(dict(RoleChoices.choices).get(value, value))
    return str(value)


def _record(model: type[Model] | None, record: dict[str, Any], styles: Any) -> list[Flowable]:
    rows = []
    nested: list[tuple[str, list[dict[str, Any]]]] = []
    for key, value in record.items():
        if isinstance(value, dict):
            nested.append((key, [value]))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            nested.append((key, value))
        else:
            rows.append(
                [
                    Paragraph(escape_markup(_label(model, key)), styles["Normal"]),
                    Paragraph(
                        escape_markup(_shown(model, key, value)).replace("\n", "<br/>"),
                        styles["Normal"],
                    ),
                ]
            )
    story: list[Flowable] = []
    if rows:
        table = Table(rows, colWidths=[50 * mm, 110 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.grey),
                ]
            )
        )
        story.append(table)
    for key, items in nested:
        child = SECTION_MODELS.get(key)
        story.append(Paragraph(escape_markup(_label(model, key)), styles["Heading5"]))
        for item in items:
            story += _record(child, item, styles)
    story.append(Spacer(1, 3 * mm))
    return story


def register_extract_pdf(extract: dict[str, Any], *, unit_name: str) -> bytes:
    """The PDF of an extract (the dict of `register_extract_build`), in Swedish."""
    styles = getSampleStyleSheet()
    person = extract["person"]
    with translation.override("sv"):
        story: list[Flowable] = [
            Paragraph(escape_markup(unit_name), styles["Normal"]),
            Paragraph(
                f"Registerutdrag för {escape_markup(person['identity_number'])}", styles["Title"]
            ),
            Paragraph(f"Utskrivet {escape_markup(extract['made_at'][:10])}.", styles["Normal"]),
            Paragraph(escape_markup(extract["note"]), styles["Normal"]),
            Paragraph(
                "Utdraget innehåller de uppgifter om dig som finns i verksamhetssystemet, ordnade "
                "efter slag. Belopp anges i hela kronor. Handlingar förtecknas; du kan begära en "
                "kopia av en handling.",
                styles["Normal"],
            ),
            Spacer(1, 6 * mm),
        ]
        for section in SECTIONS:
            content = extract[section]
            model = SECTION_MODELS.get(section)
            story.append(Paragraph(SECTION_TITLES[section], styles["Heading2"]))
            records = [content] if isinstance(content, dict) else content
            if not records:
                story.append(Paragraph("Inga uppgifter.", styles["Normal"]))
            for record in records:
                story += _record(model, record, styles)
        return letter_pdf(title=f"Registerutdrag {person['identity_number']}", story=story)
