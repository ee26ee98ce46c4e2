"""The decision letter as a PDF: plain Swedish, the calculation line by line, how to appeal.

Made with ReportLab (pure Python, no system libraries, so it works wherever Bryggan runs). The
letter renders the same explanation rows as the calculation page and `bryggan calculate --explain`.
Sources for its content: förvaltningslagen (2017:900) 32 § (reasons), 33 § (notification with how
to appeal), 43–44 §§ (appeal in writing to the authority that decided, within three weeks).
"""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bryggan.accounts.models import User
from bryggan.calculation.explain import ExplanationRow, explanation_rows
from bryggan.core.money import PDF_GROUP_SEPARATOR, group_digits
from bryggan.core.month import Month
from bryggan.decisions.forms import member_names
from bryggan.decisions.models import Decision
from bryggan.decisions.selectors import all_members, calculation_from_saved
from bryggan.norms.tables import SOCIAL_SERVICES_ACT, legal_references
from bryggan.people.models import HouseholdMember

OUTCOME_TEXT = {
    "granted": "Du beviljas försörjningsstöd med {amount} kr för {month}.",
    "partly_granted": "Du beviljas delvis försörjningsstöd med {amount} kr för {month}. "
    "Resten av det du ansökt om avslås.",
    "refused": "Din ansökan om försörjningsstöd för {month} avslås.",
}


def _grouped(amount: int) -> str:
    """11 050: grouped as Swedish readers expect, with the space the letter font has."""
    return group_digits(amount, separator=PDF_GROUP_SEPARATOR)


def appeal_instructions(decision: Decision, unit_name: str) -> str:
    """How to appeal, in plain Swedish (förvaltningslagen (2017:900) 33, 43 and 44 §§)."""
    return appeal_text(decision.appeal_deadline, unit_name)


def appeal_text(deadline: date | None, unit_name: str) -> str:
    """How to appeal any decision of the unit, with the last day when the receipt is known.

    Source: förvaltningslagen (2017:900) 33, 43 and 44 §§. Also used by the reduction decision
    after unexcused absence (activities/letters.py).
    """
    by = f" Överklagandet ska ha kommit in senast {deadline:%Y-%m-%d}." if deadline else ""
    return (
        "Om du inte är nöjd med beslutet kan du överklaga det till förvaltningsrätten. "
        f"Skriv vilket beslut du överklagar och hur du vill att det ska ändras. Skicka eller lämna "
        f"överklagandet till {unit_name}, inte direkt till förvaltningsrätten. Det måste ha kommit "
        f"in inom tre veckor från den dag du fick del av beslutet.{by}"
    )


def cited_paragraph(key: str, month: str) -> str:
    """The paragraph `key` of the social services act in force on the first day of `month`."""
    return legal_references().cite(SOCIAL_SERVICES_ACT, key, Month.parse(month).first_day)


def legal_ground(decision: Decision) -> str:
    """The paragraph on the right to assistance, of the law in force in the decision's month."""
    return cited_paragraph("right_to_assistance", decision.month)


def signature_text(by: User | None, at: datetime | None) -> str:
    """`Beslutat 2026-11-23 av Anna Berg`: the last line of every decision letter, with the day
    of the decision in the municipality's time zone."""
    signer = by.get_full_name() if by else ""
    signed = timezone.localdate(at).isoformat() if at else ""
    return f"Beslutat {signed} av {escape_markup(signer)}"


def letter_pdf(*, title: str, story: list[Flowable]) -> bytes:
    """An A4 letter with the margins every decision letter of the unit has."""
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, title=title
    )
    document.build(story)
    return buffer.getvalue()


def decision_letter_pdf(
    decision: Decision, rows: tuple[ExplanationRow, ...], *, unit_name: str
) -> bytes:
    """The letter for a signed decision."""
    styles = getSampleStyleSheet()
    story: list[Flowable] = [
        Paragraph(unit_name, styles["Normal"]),
        Paragraph(
            f"Beslut om ekonomiskt bistånd – ärende {decision.household.case_number}",
            styles["Title"],
        ),
        Paragraph(
            OUTCOME_TEXT[decision.outcome].format(
                amount=_grouped(decision.amount), month=decision.month
            ),
            styles["Heading3"],
        ),
        Paragraph(f"<b>Skäl för beslutet:</b> {escape_markup(decision.reasons)}", styles["Normal"]),
        Paragraph(f"<b>Lagrum:</b> {legal_ground(decision)}", styles["Normal"]),
    ]
    if decision.deviation_reason:
        story.append(
            Paragraph(
                "<b>Därför skiljer sig beloppet från beräkningen "
                f"({_grouped(decision.calculated_amount)} kr):</b> "
                f"{escape_markup(decision.deviation_reason)}",
                styles["Normal"],
            )
        )
    story += [
        Spacer(1, 6 * mm),
        Paragraph("Så har vi räknat", styles["Heading2"]),
        explanation_table(rows),
    ]
    if decision.appealable:
        story += [
            Spacer(1, 6 * mm),
            Paragraph("Hur du överklagar", styles["Heading2"]),
            Paragraph(appeal_instructions(decision, unit_name), styles["Normal"]),
        ]
    story += [
        Spacer(1, 8 * mm),
        Paragraph(signature_text(decision.signed_by, decision.signed_at), styles["Normal"]),
    ]
    return letter_pdf(title=f"Beslut {decision.month}", story=story)


def decision_letter_render(decision: Decision) -> bytes:
    """The letter of a signed decision as it is sent, the same whoever prints it: the members'
    names, unless someone in the case has a protected identity."""
    return decision_letter_pdf(
        decision, decision_letter_rows(decision), unit_name=decision.household.unit.name
    )


def decision_letter_rows(
    decision: Decision, members: list[HouseholdMember] | None = None
) -> tuple[ExplanationRow, ...]:
    """The calculation's lines as the letter shows them (what `decision_letter_render` reads
    from the database; the rest is `decision_letter_pdf`, which reads nothing). `members`: every
    member the household has had (`all_members`), if already read."""
    if members is None:
        members = all_members(decision.household)
    names = {} if any(m.person.protected_identity for m in members) else member_names(members, None)
    return explanation_rows(calculation_from_saved(decision.calculation), names)


def decision_letter_file_name(decision: Decision) -> str:
    return f"beslut-{decision.household.case_number}-{decision.month}.pdf"


def escape_markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def explanation_table(rows: tuple[ExplanationRow, ...]) -> Table:
    data = [["", "Kronor"]]
    style = [("ALIGN", (1, 0), (1, -1), "RIGHT"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black)]
    for index, row in enumerate(rows, start=1):
        data.append(
            [
                escape_markup(row.label),
                "" if row.amount is None else _grouped(row.amount),
            ]
        )
        if row.amount is None or row.is_total:
            style.append(("FONTNAME", (0, index), (-1, index), "Helvetica-Bold"))
    table = Table(data, colWidths=[120 * mm, 40 * mm])
    table.setStyle(TableStyle(style))
    return table
