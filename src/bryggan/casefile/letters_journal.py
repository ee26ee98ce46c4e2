"""The journal as a PDF for the client who asks to read it: the signed notes, oldest first, each
with its corrections and the client's objections.

Drafts are never in it. Names follow the decision letter's rule: if anyone in the case has a
protected identity, no member is named. Made with the decision letter's ReportLab helpers.
Sources: SoL (2025:400) 14 kap. 6 § (the client kept informed of the notes; objections noted);
OSL (2009:400) 12 kap. 1 § (secrecy does not apply against the person themselves).
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from bryggan.casefile.models import JournalNote
from bryggan.decisions.letters import escape_markup, letter_pdf
from bryggan.norms.tables import SOCIAL_SERVICES_ACT, legal_references
from bryggan.people.models import Household, Person

# The letter is Swedish whatever the reader's language, like every letter of the unit.
KIND_TEXT = {
    "visit": "Besök",
    "phone_call": "Telefonsamtal",
    "home_visit": "Hembesök",
    "letter_or_email": "Brev eller e-post",
    "meeting": "Möte",
    "case_discussion": "Ärendedragning",
    "concern_report": "Orosanmälan om barn gjord",
    "other": "Övrigt",
}
HOW_TEXT = {"oral": "muntligt", "written": "skriftligt"}


def _multiline(text: str) -> str:
    return escape_markup(text).replace("\n", "<br/>")


def _name(person: Person | None, *, names: bool) -> str:
    if person is None:
        return "hela hushållet"
    return escape_markup(str(person)) if names else "en person i hushållet"


def journal_pdf(
    household: Household,
    notes: list[JournalNote],
    *,
    members: list[Person],
    unit_name: str,
    today: date,
) -> bytes:
    """The PDF of the case's signed notes (`selectors_journal.journal_notes_for_letter`)."""
    styles = getSampleStyleSheet()
    names = not any(person.protected_identity for person in members)
    objection_ref = legal_references().cite(SOCIAL_SERVICES_ACT, "journal_objection", today)
    story: list[Flowable] = [
        Paragraph(escape_markup(unit_name), styles["Normal"]),
        Paragraph(f"Journalanteckningar – ärende {household.case_number}", styles["Title"]),
        Paragraph(f"Utskrivet {today.isoformat()}. Anteckningarna är signerade.", styles["Normal"]),
        Paragraph(
            "Om du anser att något i anteckningarna är fel kan du säga det till oss, muntligt "
            "eller skriftligt. Det antecknas då bredvid anteckningen; anteckningen ändras inte "
            f"({objection_ref}).",
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
    ]
    if not notes:
        story.append(
            Paragraph("Det finns inga signerade anteckningar i ärendet.", styles["Normal"])
        )
    for note in notes:
        occurred = timezone.localtime(note.occurred_at)
        written = timezone.localdate(note.created_at)
        signed = timezone.localdate(note.signed_at) if note.signed_at else None
        story += [
            Paragraph(
                f"Anteckning nr {note.pk}: {KIND_TEXT.get(note.kind, note.kind)}, "
                f"{occurred:%Y-%m-%d %H:%M}",
                styles["Heading3"],
            ),
            Paragraph(
                f"Gäller {_name(note.member, names=names)}. Skriven {written.isoformat()} av "
                f"{escape_markup(note.author.get_full_name())}, signerad "
                f"{signed.isoformat() if signed else ''}.",
                styles["Italic"],
            ),
        ]
        if note.corrects_id:
            story.append(Paragraph(f"Rättar anteckning nr {note.corrects_id}.", styles["Normal"]))
        story.append(Paragraph(_multiline(note.text), styles["Normal"]))
        for correction in note.corrections.all():
            story.append(
                Paragraph(f"Rättad genom anteckning nr {correction.pk}.", styles["Normal"])
            )
        for objection in note.objections.all():
            story.append(
                Paragraph(
                    f"<b>Din invändning</b>, mottagen {objection.received_on.isoformat()} "
                    f"({HOW_TEXT.get(objection.how, objection.how)}): "
                    f"{_multiline(objection.text)}",
                    styles["Normal"],
                )
            )
        story.append(Spacer(1, 4 * mm))
    return letter_pdf(title=f"Journal {household.case_number}", story=story)
