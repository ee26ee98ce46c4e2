"""The individual written agreement (*individuell överenskommelse*) for the participant to sign
before the placement starts: goal, content, follow-up dates and the consequences of breaking it.
In Swedish, with the decision letter's ReportLab helpers.

Source: Fagersta's Kommunbryggan (seed report *Att bryta mönster*: a written individual agreement
with each participant); SoL (2025:400) 12 kap. (the activity's legal ground).
"""

from __future__ import annotations

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from bryggan.decisions.letters import escape_markup, letter_pdf
from bryggan.placements.models import Placement, PlacementAgreement

KIND_WORDS = {
    "subsidised_job": "Extratjänst (åtgärdsanställning)",
    "work_practice": "Praktik",
    "education_with_practice": "Utbildning med praktik",
}


def _lines(text: str) -> str:
    return "<br/>".join(escape_markup(line) for line in text.splitlines())


def agreement_pdf(*, placement: Placement, agreement: PlacementAgreement, unit_name: str) -> bytes:
    """The agreement to sign, with the follow-up dates booked for it."""
    styles = getSampleStyleSheet()
    e = escape_markup
    person = placement.person
    dates = ", ".join(f.due_on.isoformat() for f in placement.follow_ups.all())
    story: list[Flowable] = [
        Paragraph(e(unit_name), styles["Normal"]),
        Paragraph("Individuell överenskommelse", styles["Title"]),
        Paragraph(
            f"{e(KIND_WORDS.get(placement.kind, placement.kind))} hos {e(placement.workplace)}",
            styles["Heading2"],
        ),
        Paragraph(
            f"Deltagare: {e(person.first_name)} {e(person.last_name)}, {e(person.identity_number)}",
            styles["Normal"],
        ),
        Paragraph(
            f"Period: {placement.starts_on.isoformat()} – {placement.ends_on.isoformat()}, "
            f"{placement.hours_per_week} timmar i veckan. Beslutad av urvalsgruppen "
            f"{e(placement.group.name)}.",
            styles["Normal"],
        ),
        Spacer(1, 4 * mm),
        Paragraph("Mål", styles["Heading3"]),
        Paragraph(_lines(agreement.goal), styles["Normal"]),
        Paragraph("Innehåll", styles["Heading3"]),
        Paragraph(_lines(agreement.content), styles["Normal"]),
        Paragraph("Uppföljning", styles["Heading3"]),
        Paragraph(f"Vi följer upp tillsammans: {e(dates)}.", styles["Normal"]),
        Paragraph("Om överenskommelsen bryts", styles["Heading3"]),
        Paragraph(_lines(agreement.consequences), styles["Normal"]),
        Spacer(1, 12 * mm),
        Table(
            [
                ["Ort och datum", "_" * 40],
                ["Deltagarens underskrift", "_" * 40],
                ["Namnförtydligande", "_" * 40],
            ],
            hAlign="LEFT",
        ),
    ]
    return letter_pdf(title="Individuell överenskommelse", story=story)
