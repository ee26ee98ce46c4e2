"""The letters of an appeal as PDF: the decision dismissing a late appeal, and the forwarding to
the administrative court with the unit's statement (*yttrande*) and the list of the case's
documents that go with it.

Sources: förvaltningsprocesslagen (1971:291) 6 b § (dismissal of a late appeal; forwarding with the
case's other documents); förvaltningslagen (2017:900) 33 § (how to appeal the dismissal) and 44 §.
Built with the decision letter's helpers (decisions/letters.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from bryggan.decisions.letters import appeal_text, escape_markup, letter_pdf, signature_text
from bryggan.decisions.models import Appeal
from bryggan.decisions.rules_appeals import TimeCheck


def dismissal_file_name(appeal: Appeal) -> str:
    return f"avvisning-{appeal.household.case_number}-{appeal.pk}.pdf"


def forwarding_file_name(appeal: Appeal) -> str:
    return f"overlamnande-{appeal.household.case_number}-{appeal.pk}.pdf"


def dismissal_letter_pdf(
    appeal: Appeal, *, appealed_label: str, check: TimeCheck, unit_name: str
) -> bytes:
    """The decision to dismiss an appeal that came in too late (FPL 6 b § first paragraph)."""
    styles = getSampleStyleSheet()
    title = "Beslut om avvisning av överklagande"
    last_day = f"{check.last_day:%Y-%m-%d}" if check.last_day else "okänd"
    story: list[Flowable] = [
        Paragraph(unit_name, styles["Normal"]),
        Paragraph(f"{title} – ärende {appeal.household.case_number}", styles["Title"]),
        Paragraph(
            f"Ditt överklagande av {escape_markup(appealed_label)} avvisas eftersom det har "
            "kommit in för sent.",
            styles["Heading3"],
        ),
        Paragraph(
            f"Överklagandet kom in {appeal.received_on:%Y-%m-%d}. Sista dagen att överklaga var "
            f"{last_day}: tre veckor från den dag du fick del av beslutet.",
            styles["Normal"],
        ),
        Paragraph(
            f"<b>Skäl för beslutet:</b> {escape_markup(appeal.dismissal_reasons)}",
            styles["Normal"],
        ),
        Paragraph(
            "<b>Lagrum:</b> 44 § förvaltningslagen (2017:900), 6 b § förvaltningsprocesslagen "
            "(1971:291).",
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
        Paragraph("Hur du överklagar", styles["Heading2"]),
        Paragraph(appeal_text(None, unit_name), styles["Normal"]),
        Spacer(1, 8 * mm),
        Paragraph(signature_text(appeal.dismissed_by, appeal.dismissed_at), styles["Normal"]),
    ]
    return letter_pdf(title=title, story=story)


def forwarding_pdf(
    appeal: Appeal,
    *,
    appealed_label: str,
    check: TimeCheck,
    documents: Sequence[str],
    unit_name: str,
    forwarded_on: date,
    by_name: str,
) -> bytes:
    """The forwarding of an appeal to the court with the unit's statement, the time check and
    the list of the case's documents sent with it (FPL 6 b § third paragraph)."""
    styles = getSampleStyleSheet()
    title = "Överlämnande av överklagande med yttrande"
    timeliness = {
        "on_time": "Överklagandet har kommit in i rätt tid.",
        "late_not_dismissed": (
            "Överklagandet har kommit in för sent men avvisas inte (6 b § andra stycket "
            "förvaltningsprocesslagen)."
        ),
        "unknown": (
            "Dagen då klaganden fick del av beslutet är inte känd; överklagandet har inte kunnat "
            "visas ha kommit in för sent."
        ),
    }.get(check.timeliness.value, "")
    reconsideration = {
        "kept": "Nämnden har omprövat beslutet och ändrar det inte.",
        "changed": (
            "Nämnden har omprövat och ändrat beslutet; överklagandet omfattar det nya beslutet "
            "(39 § förvaltningslagen)."
        ),
    }.get(appeal.reconsideration, "")
    story: list[Flowable] = [
        Paragraph(unit_name, styles["Normal"]),
        Paragraph(f"Till {escape_markup(appeal.court)}", styles["Normal"]),
        Paragraph(f"{title} – ärende {appeal.household.case_number}", styles["Title"]),
        Paragraph(
            f"Överklagat beslut: {escape_markup(appealed_label)}. Överklagandet kom in "
            f"{appeal.received_on:%Y-%m-%d}.",
            styles["Normal"],
        ),
        Paragraph(f"<b>Rättidsprövning:</b> {timeliness}", styles["Normal"]),
        Paragraph(
            f"<b>Omprövning:</b> {reconsideration} {escape_markup(appeal.reconsideration_reasons)}",
            styles["Normal"],
        ),
        Paragraph(f"<b>Klagandens yrkande:</b> {escape_markup(appeal.claims)}", styles["Normal"]),
        Spacer(1, 4 * mm),
        Paragraph("Yttrande", styles["Heading2"]),
        Paragraph(escape_markup(appeal.statement), styles["Normal"]),
        Spacer(1, 4 * mm),
        Paragraph("Handlingar i ärendet som överlämnas", styles["Heading2"]),
        *[Paragraph(f"• {escape_markup(d)}", styles["Normal"]) for d in documents],
        Spacer(1, 4 * mm),
        Paragraph("Lagrum: 6 b § förvaltningsprocesslagen (1971:291).", styles["Normal"]),
        Spacer(1, 8 * mm),
        Paragraph(
            f"Överlämnat {forwarded_on:%Y-%m-%d} av {escape_markup(by_name)}", styles["Normal"]
        ),
    ]
    return letter_pdf(title=title, story=story)
