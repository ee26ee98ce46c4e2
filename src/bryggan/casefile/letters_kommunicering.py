"""The letter of kommunicering as a PDF: the material the decision will rest on, the last day to
answer, that the answer may be given orally, and where to answer.

Built with the decision letters' helpers (`decisions.letters`: the unit's A4 layout and markup
escaping). Sources: förvaltningslagen (2017:900) 25 § (the party told of the material and given
the chance to answer within a set time); SoL (2025:400) 14 kap. 8 § (the party may answer orally
and must be told so), SoL (2001:453) for letters sent before 1 July 2025.
"""

from __future__ import annotations

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from bryggan.casefile.models import Kommunicering
from bryggan.decisions.letters import escape_markup, letter_pdf
from bryggan.norms.tables import (
    ADMINISTRATIVE_PROCEDURE_ACT,
    SOCIAL_SERVICES_ACT,
    legal_references,
)


def kommunicering_letter_pdf(
    record: Kommunicering, *, unit_name: str, caseworker_name: str, case_number: str
) -> bytes:
    """The letter for a kommunicering that was communicated (an exception has none)."""
    if record.sent_on is None or record.answer_by is None:
        raise ValueError("an exception of FL 25 § has no letter")
    references = legal_references()
    fl = references.cite(ADMINISTRATIVE_PROCEDURE_ACT, "kommunicering", record.sent_on)
    oral = references.cite(SOCIAL_SERVICES_ACT, "oral_answer", record.sent_on)
    month = record.decision.month
    where = escape_markup(unit_name) + (
        f", handläggare {escape_markup(caseworker_name)}" if caseworker_name else ""
    )
    styles = getSampleStyleSheet()
    story: list[Flowable] = [
        Paragraph(escape_markup(unit_name), styles["Normal"]),
        Paragraph(f"Kommunicering – ärende {case_number}", styles["Title"]),
        Paragraph(f"Datum: {record.sent_on:%Y-%m-%d}", styles["Normal"]),
        Spacer(1, 4 * mm),
        Paragraph(
            f"Innan vi fattar beslut om ekonomiskt bistånd för {month} vill vi ge dig möjlighet "
            "att ta del av och yttra dig över det underlag som beslutet kommer att grunda sig på.",
            styles["Normal"],
        ),
        Paragraph("Underlaget", styles["Heading2"]),
        Paragraph(escape_markup(record.material).replace("\n", "<br/>"), styles["Normal"]),
        Paragraph("Ditt svar", styles["Heading2"]),
        Paragraph(
            f"<b>Ditt svar ska ha kommit in senast {record.answer_by:%Y-%m-%d}.</b> Om vi inte "
            "har hört av dig då fattar vi beslut utifrån det underlag som finns.",
            styles["Normal"],
        ),
        Paragraph(
            "Du kan svara skriftligt eller muntligt. Vill du svara muntligt, ring eller boka ett "
            "möte med din handläggare.",
            styles["Normal"],
        ),
        Paragraph(f"Lämna eller skicka ditt svar till {where}.", styles["Normal"]),
        Spacer(1, 6 * mm),
        Paragraph(f"Lagrum: {fl}; {oral}.", styles["Normal"]),
    ]
    return letter_pdf(title=f"Kommunicering {month}", story=story)
