"""The demo's documents: rent contracts and payslips for some active cases of each unit, small
PDFs made here with ReportLab and stored through the upload service, so that the documents list
is not empty and some calculation lines show as documented. The landlords, employers and amounts
are made up (demo data). Deterministic for a given random generator and `today`.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from io import BytesIO

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from bryggan.accounts.models import Unit
from bryggan.casefile.models import DocumentKind
from bryggan.casefile.services_documents import document_upload
from bryggan.core.month import Month
from bryggan.people.models import Household, HouseholdStatus, MemberRole

CASES_PER_UNIT = 8
SHARE_WITH_PAYSLIP = 0.4
LANDLORDS = ("Bostadsbolaget AB", "Hyresvärden i Söder AB", "Kommunens bostäder AB")
EMPLOYERS = ("Lagret i Norr AB", "Städservice AB", "Kommunens äldreomsorg")


def _pdf(lines: list[str]) -> bytes:
    buffer = BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for row, text in enumerate(lines):
        page.drawString(72, 760 - 18 * row, text)
    page.save()
    return buffer.getvalue()


def demo_documents(*, units: list[Unit], now: datetime, rng: random.Random) -> int:
    """A rent contract until further notice for a few active cases of each unit, and for some a
    payslip for last month; returns the number of documents stored."""
    stored = 0
    today = timezone.localdate(now)
    last_month = Month.of(today).plus(-1)
    for unit in units:
        cases = (
            Household.objects.filter(unit=unit, status=HouseholdStatus.ACTIVE)
            .exclude(caseworker=None)
            .select_related("caseworker")
            .order_by("pk")[:CASES_PER_UNIT]
        )
        for household in cases:
            caseworker = household.caseworker
            if caseworker is None:
                continue
            applicant = (
                household.members.filter(role=MemberRole.APPLICANT, valid_to__isnull=True)
                .select_related("person")
                .first()
            )
            landlord = rng.choice(LANDLORDS)
            rent = rng.randrange(4800, 9800, 50)
            since = Month.of(household.opened_on).plus(-rng.randrange(0, 24))
            document_upload(
                household=household,
                file=BytesIO(
                    _pdf(
                        [
                            "Hyreskontrakt (demo)",
                            f"Hyresvärd: {landlord}",
                            f"Månadshyra: {rent} kr",
                            f"Gäller från {since.first_day:%Y-%m-%d} tills vidare",
                        ]
                    )
                ),
                name="hyreskontrakt.pdf",
                kind=DocumentKind.RENT_CONTRACT,
                received_on=max(household.opened_on, today - timedelta(days=400)),
                sender=landlord,
                from_month=since,
                to_month=None,
                member=None,
                by=caseworker,
                now=now,
            )
            stored += 1
            if applicant is not None and rng.random() < SHARE_WITH_PAYSLIP:
                employer = rng.choice(EMPLOYERS)
                document_upload(
                    household=household,
                    file=BytesIO(
                        _pdf(
                            [
                                f"Lönespecifikation {last_month} (demo)",
                                f"Arbetsgivare: {employer}",
                                f"Nettolön: {rng.randrange(2000, 9000, 10)} kr",
                            ]
                        )
                    ),
                    name=f"lonespec-{last_month}.pdf",
                    kind=DocumentKind.PAYSLIP,
                    received_on=max(household.opened_on, last_month.last_day),
                    sender=employer,
                    from_month=last_month,
                    to_month=last_month,
                    member=applicant.person,
                    by=caseworker,
                    now=now,
                )
                stored += 1
    return stored
