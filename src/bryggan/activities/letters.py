"""The reduction decision after unexcused absence as a PDF letter, built like every decision letter.

Reuses the decision letter's appeal text and markup escaping (decisions/letters.py), so the two
letters say the same about how to appeal. Sources for its content: förvaltningslagen (2017:900)
32 § (reasons), 33 § (how to appeal), 44 § (three weeks); SoL (2001:453) 4 kap. 5 § (the ground).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from bryggan.activities.models import (
    Attendance,
    ReconsiderationOccasion,
    SanctionProposal,
    SanctionReconsideration,
)
from bryggan.core.money import PDF_GROUP_SEPARATOR, group_digits
from bryggan.decisions.letters import (
    appeal_text,
    cited_paragraph,
    escape_markup,
    letter_pdf,
    signature_text,
)


def _grouped(amount: int) -> str:
    return group_digits(amount, separator=PDF_GROUP_SEPARATOR)


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
            f"Ditt försörjningsstöd för {proposal.month} sätts ned med "
            f"{_grouped(proposal.amount)} kr.",
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
            f"(högst {_grouped(proposal.legal_limit)} kr för {proposal.month}); barnens del, "
            "boendekostnaden och andra skäliga kostnader sätts inte ned. Nedsättningen syns som "
            "en egen rad i beräkningen av försörjningsstödet för månaden.",
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
        Paragraph("Hur du överklagar", styles["Heading2"]),
        Paragraph(appeal_text(proposal.appeal_deadline, unit_name), styles["Normal"]),
        Spacer(1, 8 * mm),
        Paragraph(signature_text(proposal.decided_by, proposal.decided_at), styles["Normal"]),
    ]
    return letter_pdf(title=f"Beslut om nedsättning {proposal.month}", story=story)


# --- reconsideration (*omprövning*) ---------------------------------------------------------------

# Verified paragraphs only (see activities/rules.py): förvaltningslagen (2017:900) 37 § (may
# change), 38 § (shall change).
RECONSIDERATION_GROUND = "37 och 38 §§ förvaltningslagen (2017:900)"
OCCASION_TEXT = {
    ReconsiderationOccasion.NEW_CIRCUMSTANCES: "Nya omständigheter har kommit fram.",
    ReconsiderationOccasion.CLIENT_REQUEST: "Du har begärt att beslutet omprövas.",
    ReconsiderationOccasion.APPEAL: "Du har överklagat beslutet.",
    ReconsiderationOccasion.FOUND_BY_UNIT: "Enheten har funnit att beslutet var felaktigt.",
}


def sanction_letter_file_name(proposal: SanctionProposal) -> str:
    return f"nedsattning-{proposal.household.case_number}-{proposal.month}.pdf"


def sanction_reconsideration_letter_file_name(reconsideration: SanctionReconsideration) -> str:
    proposal = reconsideration.proposal
    return f"omprovning-{proposal.household.case_number}-{proposal.month}-{reconsideration.pk}.pdf"


def reconsideration_outcome_text(reconsideration: SanctionReconsideration) -> str:
    """What the new decision does to the reduction, in one sentence."""
    proposal = reconsideration.proposal
    if reconsideration.is_revoked:
        return (
            f"Beslut nr {proposal.pk} om nedsättning av ditt försörjningsstöd för "
            f"{proposal.month} upphävs. Ditt försörjningsstöd för {proposal.month} sätts inte ned."
        )
    return (
        f"Nedsättningen av ditt försörjningsstöd för {proposal.month} sänks från "
        f"{_grouped(reconsideration.amount_before)} kr till {_grouped(reconsideration.amount)} kr."
    )


def sanction_reconsideration_letter_pdf(
    reconsideration: SanctionReconsideration, *, unit_name: str
) -> bytes:
    """The letter of a reconsidered reduction: a new decision that names the first one."""
    proposal = reconsideration.proposal
    styles = getSampleStyleSheet()
    decided_on = timezone.localdate(proposal.decided_at).isoformat() if proposal.decided_at else ""
    story = [
        Paragraph(unit_name, styles["Normal"]),
        Paragraph(
            "Omprövning av beslut om nedsättning av försörjningsstöd – ärende "
            f"{proposal.household.case_number}",
            styles["Title"],
        ),
        Paragraph(
            f"Omprövningsbeslut nr {reconsideration.pk}, som ändrar beslut nr {proposal.pk} "
            f"den {decided_on}",
            styles["Normal"],
        ),
        Paragraph(reconsideration_outcome_text(reconsideration), styles["Heading3"]),
        Paragraph(
            "<b>Varför beslutet har omprövats:</b> "
            + OCCASION_TEXT[ReconsiderationOccasion(reconsideration.occasion)],
            styles["Normal"],
        ),
        Paragraph(
            f"<b>Skäl för beslutet:</b> {escape_markup(reconsideration.reasons)}",
            styles["Normal"],
        ),
        Paragraph(
            f"<b>Lagrum:</b> {RECONSIDERATION_GROUND}; {sanction_legal_ground(proposal.month)}",
            styles["Normal"],
        ),
        Paragraph(
            "Omprövningen ändrar nedsättningen till din fördel. Om "
            f"försörjningsstödet för {proposal.month} redan är beslutat får du ett nytt beslut "
            "om det.",
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
    ]
    if reconsideration.is_revoked:
        # Wholly in the client's favour: nothing in it goes against them to appeal (as
        # decisions.rules.is_appealable, förvaltningslagen 33 §).
        story.append(
            Paragraph(
                "Beslutet går dig inte emot och innehåller därför ingen hänvisning om hur du "
                "överklagar.",
                styles["Normal"],
            )
        )
    else:
        story += [
            Paragraph("Hur du överklagar", styles["Heading2"]),
            Paragraph(appeal_text(reconsideration.appeal_deadline, unit_name), styles["Normal"]),
        ]
    story += [
        Spacer(1, 8 * mm),
        Paragraph(
            signature_text(reconsideration.decided_by, reconsideration.decided_at),
            styles["Normal"],
        ),
    ]
    return letter_pdf(title=f"Omprövning av nedsättning {proposal.month}", story=story)
