"""The reduction decision after unexcused absence as a PDF letter, built like every decision letter.

Reuses the decision letter's appeal text and markup escaping (decisions/letters.py), so the two
letters say the same about how to appeal. Sources for its content: förvaltningslagen (2017:900)
32 § (reasons), 33 § (how to appeal), 44 § (three weeks); SoL (2001:453) 4 kap. 5 § (the ground).
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from bryggan.activities.models import Attendance, SanctionProposal
from bryggan.decisions.letters import (
    appeal_text,
    cited_paragraph,
    escape_markup,
    letter_pdf,
    signature_text,
)


def sanction_legal_ground(month: str) -> str:
    """The sanction paragraph of the social services act in force in the month reduced."""
    return cited_paragraph("sanction", month)


def absence_text(absences: Iterable[Attendance]) -> str:
    """`Arbetsträning Verkstan 2026-11-16, 2026-11-18`: the occasions, grouped by activity."""
    by_activity: dict[str, list[str]] = {}
    for absence in absences:
        by_activity.setdefault(absence.referral.activity.name, []).append(absence.day.isoformat())
    return "; ".join(f"{name} {', '.join(days)}" for name, days in by_activity.items())


def sanction_letter_pdf(
    proposal: SanctionProposal, absences: Iterable[Attendance], *, unit_name: str
) -> bytes:
    """The letter of a decided reduction."""
    styles = getSampleStyleSheet()
    story = [
        Paragraph(unit_name, styles["Normal"]),
        Paragraph(
            f"Beslut om nedsättning av försörjningsstöd – ärende {proposal.household.case_number}",
            styles["Title"],
        ),
        Paragraph(f"Beslut nr {proposal.pk}", styles["Normal"]),
        Paragraph(
            f"Ditt försörjningsstöd för {proposal.month} sätts ned med {proposal.amount} kr.",
            styles["Heading3"],
        ),
        Paragraph(
            "<b>Frånvaro utan godtagbart skäl:</b> " + escape_markup(absence_text(absences)),
            styles["Normal"],
        ),
        Paragraph(f"<b>Skäl för beslutet:</b> {escape_markup(proposal.reasons)}", styles["Normal"]),
        Paragraph(
            f"<b>Lagrum:</b> {sanction_legal_ground(proposal.month)}",
            styles["Normal"],
        ),
        Paragraph(
            "Nedsättningen gäller bara din egen del av riksnormen "
            f"(högst {proposal.legal_limit} kr för {proposal.month}); barnens del, boendekostnaden "
            "och andra skäliga kostnader sätts inte ned. Nedsättningen syns som en egen rad i "
            "beräkningen av försörjningsstödet för månaden.",
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
        Paragraph("Hur du överklagar", styles["Heading2"]),
        Paragraph(appeal_text(proposal.appeal_deadline, unit_name), styles["Normal"]),
        Spacer(1, 8 * mm),
        Paragraph(signature_text(proposal.decided_by, proposal.decided_at), styles["Normal"]),
    ]
    return letter_pdf(title=f"Beslut om nedsättning {proposal.month}", story=story)
