"""The letters of a recovery claim as PDF: the recovery decision (*återkravsbeslut*) and a waiver
(*eftergift*), with reasons, legal ground and how to appeal.

The legal ground is the social services act in force when the assistance was given: SoL
(2001:453) 9 kap. before 1 July 2025, SoL (2025:400) 33 kap. from then (SoL 2025:400,
transitional provision 5). Built with the decision letter's helpers (decisions/letters.py).
"""

from __future__ import annotations

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from bryggan.core.money import PDF_GROUP_SEPARATOR, format_kronor
from bryggan.core.month import Month
from bryggan.decisions.letters import appeal_text, escape_markup, letter_pdf, signature_text
from bryggan.decisions.models import RecoveryClaim, RecoveryDecision, RecoveryDecisionKind
from bryggan.decisions.rules import RECOVERY_GROUND_PARAGRAPH, RecoveryGround
from bryggan.norms.tables import SOCIAL_SERVICES_ACT, legal_references


def recovery_cite(claim: RecoveryClaim, key: str) -> str:
    """Paragraph `key` of the social services act in force when the claim's assistance was given."""
    return legal_references().cite(
        SOCIAL_SERVICES_ACT, key, Month.parse(claim.assistance_month).first_day
    )


def recovery_legal_ground(claim: RecoveryClaim) -> str:
    return recovery_cite(claim, RECOVERY_GROUND_PARAGRAPH[RecoveryGround(claim.ground)])


def _kronor(amount: int) -> str:
    return format_kronor(amount, separator=PDF_GROUP_SEPARATOR)


def recovery_letter_file_name(decision: RecoveryDecision) -> str:
    return f"aterkrav-{decision.claim.household.case_number}-{decision.pk}.pdf"


def recovery_letter_pdf(decision: RecoveryDecision, *, unit_name: str) -> bytes:
    """The letter for a signed recovery or waiver decision."""
    claim = decision.claim
    styles = getSampleStyleSheet()
    payments = sorted(claim.payments.all(), key=lambda p: p.run.execution_date)
    paid = ", ".join(f"{p.run.execution_date:%Y-%m-%d} ({_kronor(p.amount)})" for p in payments)
    if decision.kind == RecoveryDecisionKind.RECOVERY:
        title = "Beslut om återkrav av ekonomiskt bistånd"
        outcome = (
            f"Du ska betala tillbaka {_kronor(decision.amount)} av det ekonomiska bistånd som "
            f"betalades ut {paid}."
        )
        ground = recovery_legal_ground(claim)
    else:
        title = "Beslut om eftergift av återkrav"
        outcome = (
            f"Nämnden efterger {_kronor(decision.amount)} av återkravet på "
            f"{_kronor(claim.amount)}. Det beloppet behöver du inte betala tillbaka."
        )
        ground = recovery_cite(claim, "recovery_waiver")
    story: list[Flowable] = [
        Paragraph(unit_name, styles["Normal"]),
        Paragraph(f"{title} – ärende {claim.household.case_number}", styles["Title"]),
        Paragraph(outcome, styles["Heading3"]),
        Paragraph(f"<b>Skäl för beslutet:</b> {escape_markup(decision.reasons)}", styles["Normal"]),
        Paragraph(f"<b>Omständigheter:</b> {escape_markup(claim.facts)}", styles["Normal"]),
        Paragraph(f"<b>Lagrum:</b> {ground}", styles["Normal"]),
    ]
    if decision.kind == RecoveryDecisionKind.RECOVERY:
        story += [
            Spacer(1, 4 * mm),
            Paragraph(
                "Beloppet dras inte av från ekonomiskt bistånd som du får framöver. Du kan komma "
                "överens med oss om en avbetalningsplan. Om du inte betalar frivilligt kan "
                "nämnden ansöka hos förvaltningsrätten om att du ska betala, inom tre år från "
                f"utbetalningen ({recovery_cite(claim, 'recovery_court_limit')}).",
                styles["Normal"],
            ),
        ]
    story += [
        Spacer(1, 6 * mm),
        Paragraph("Hur du överklagar", styles["Heading2"]),
        Paragraph(appeal_text(decision.appeal_deadline, unit_name), styles["Normal"]),
        Paragraph(f"Lagrum: {recovery_cite(claim, 'recovery_appealable')}.", styles["Normal"]),
        Spacer(1, 8 * mm),
        Paragraph(signature_text(decision.signed_by, decision.signed_at), styles["Normal"]),
    ]
    return letter_pdf(title=title, story=story)
